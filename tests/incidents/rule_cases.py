"""Hand-written incidents, one or two rules each: small invented reports and the incident
we expect of them, worked out by hand from the rules in docs/incidents.md (not computed
by the code under test). tests/incidents/test_rules.py checks them against
``build_incidents``, tests/store/test_incident_rules.py against the store (both
backends, one report per transaction and all in one batch).

Each case's ``expect``:

* ``headline``: kind -> (value, low, high, grade, chosen claim id); exactly these kinds;
* ``labels``: kind -> the headline's label, where it says something;
* ``claims``: every claim id; ``superseded``: those a revision replaced;
* ``revisions``: (old, new) pairs; ``conflicts``: unordered pairs;
* ``sources``: the report ids of each source (near-duplicate group);
* ``copies``: claim id -> the other copies' report keys (claims read in several copies).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from incident_builders import fig, pair, place

AF = "Ukrainian Air Force"
ZELENSKYY = ("Volodymyr Zelenskyy", "President of Ukraine")


@dataclass
class Case:
    rule: str
    what: str
    incident: str
    pairs: list
    expect: dict = field(default_factory=dict)


def _preference_launched() -> Case:
    af = "Russia launched 410 drones overnight, the Ukrainian Air Force said."
    pres = ("President Volodymyr Zelenskyy said more than 400 drones were launched at "
            "Ukraine overnight.")
    wire = ("KYIV (Wire) - At least 405 drones struck at Ukrainian cities overnight, "
            "according to a wire tally.")
    d = "2025-11-02"
    return Case("preference", "the Air Force's count is preferred for launched; the others "
                "allow it without stating it (fair)", d, [
        pair("af", af, d, speakers=[(AF, None)], figures=[
            fig(af, "410 drones", "drones_launched", 410, speaker=AF)]),
        pair("pres", pres, d, speakers=[ZELENSKYY], figures=[
            fig(pres, "more than 400 drones", "drones_launched", 400, "more_than",
                speaker="Volodymyr Zelenskyy")]),
        pair("wire", wire, d, publisher="Wire", figures=[
            fig(wire, "At least 405 drones", "drones_launched", 405, "at_least")]),
    ], dict(headline={"drones_launched": (410, 410, 410, "fair", "af:f0")},
            labels={"drones_launched": "410"},
            claims={"af:f0", "pres:f0", "wire:f0"}, superseded=set(), revisions=set(),
            conflicts=set(), sources=[["af"], ["pres"], ["wire"]], copies={}))


def _preference_casualties() -> Case:
    gov = "At least three people were killed in Kharkiv, Governor Oleh Syniehubov said."
    paper = "Three people died in Kharkiv after the strike, a local newspaper reported."
    d = "2025-11-03"
    return Case("preference", "an official is preferred for a toll; a paper's exact count "
                "narrows its bounds and confirms it", d, [
        pair("gov", gov, d, speakers=[("Oleh Syniehubov", "Governor of Kharkiv Oblast")],
             figures=[fig(gov, "At least three people were killed", "killed", 3, "at_least",
                          place="Kharkiv", speaker="Oleh Syniehubov")],
             places=[place(gov, "Kharkiv", "Kharkiv Oblast")]),
        pair("paper", paper, d, publisher="Local paper", figures=[
            fig(paper, "Three people died", "killed", 3, place="Kharkiv")],
            places=[place(paper, "Kharkiv", "Kharkiv Oblast")]),
    ], dict(headline={"killed": (3, 3, 3, "confirmed", "gov:f0")}, labels={"killed": "≥3"},
            claims={"gov:f0", "paper:f0"}, superseded=set(), revisions=set(),
            conflicts=set(), sources=[["gov"], ["paper"]], copies={}))


def _intervals() -> Case:
    pres = "Some 600 drones were launched overnight, President Volodymyr Zelenskyy said."
    wire = "More than 580 drones were fired at Ukraine overnight, a wire agency counted."
    blog = "Up to 650 drones may have been launched, an analyst wrote on a blog."
    d = "2025-11-04"
    # some 600: [540, 660]; more than 580: [581, inf); up to 650: [0, 650]
    return Case("intervals", "approximate and open-ended figures narrow the preferred "
                "one's bounds to what all allow", d, [
        pair("pres", pres, d, speakers=[ZELENSKYY], figures=[
            fig(pres, "Some 600 drones", "drones_launched", 600, "approx",
                speaker="Volodymyr Zelenskyy")]),
        pair("wire", wire, d, figures=[
            fig(wire, "More than 580 drones", "drones_launched", 580, "more_than")]),
        pair("blog", blog, d, figures=[
            fig(blog, "Up to 650 drones", "drones_launched", 650, "at_most")]),
    ], dict(headline={"drones_launched": (600, 581, 650, "fair", "pres:f0")},
            labels={"drones_launched": "~600"},
            claims={"pres:f0", "wire:f0", "blog:f0"}, superseded=set(), revisions=set(),
            conflicts=set(), sources=[["blog"], ["pres"], ["wire"]], copies={}))


def _approx_bounds() -> Case:
    wire = "Russia launched about 350 drones overnight, officials told a wire agency."
    d = "2025-11-10"
    # about 350 allows 315 to 385 (10% either side), not 386
    return Case("intervals", "an approximate figure allows 10% either side, exactly", d, [
        pair("wire", wire, d, figures=[
            fig(wire, "about 350 drones", "drones_launched", 350, "approx")]),
    ], dict(headline={"drones_launched": (350, 315, 385, "weak", "wire:f0")},
            labels={"drones_launched": "~350"}, claims={"wire:f0"}, superseded=set(),
            revisions=set(), conflicts=set(), sources=[["wire"]], copies={}))


def _conflicts() -> Case:
    af = "The enemy launched 595 drones overnight, the Ukrainian Air Force said."
    pres = "Nearly 500 drones attacked Ukraine overnight, President Volodymyr Zelenskyy said."
    wire = "Some 500 drones were launched overnight, officials told a wire agency."
    odesa = ("Over Odesa 12 drones were shot down in the night and 3 drones were shot down "
             "at dawn, the Odesa regional administration said.")
    d = "2025-11-05"
    admin = "Odesa regional administration"
    # 595 | nearly 500: [400, 499] | some 500: [450, 550]: 595 conflicts with both, they
    # overlap each other. Odesa's two numbers are one voice in one report: parts.
    return Case("conflicts", "disjoint intervals conflict (contested); one voice in one "
                "report does not conflict with itself; a local count makes no headline", d, [
        pair("af", af, d, speakers=[(AF, None)], figures=[
            fig(af, "595 drones", "drones_launched", 595, speaker=AF)]),
        pair("pres", pres, d, speakers=[ZELENSKYY], figures=[
            fig(pres, "Nearly 500 drones", "drones_launched", 500, "nearly",
                speaker="Volodymyr Zelenskyy")]),
        pair("wire", wire, d, figures=[
            fig(wire, "Some 500 drones", "drones_launched", 500, "approx")]),
        pair("odesa", odesa, d, speakers=[(admin, "regional military administration")],
             figures=[fig(odesa, "12 drones were shot down", "drones_downed", 12,
                          place="Odesa", speaker=admin),
                      fig(odesa, "3 drones were shot down", "drones_downed", 3,
                          place="Odesa", speaker=admin)],
             places=[place(odesa, "Odesa", "Odesa Oblast")]),
    ], dict(headline={"drones_launched": (595, 595, 595, "contested", "af:f0")},
            labels={"drones_launched": "500–595 (contested)"},
            claims={"af:f0", "pres:f0", "wire:f0", "odesa:f0", "odesa:f1"}, superseded=set(),
            revisions=set(), conflicts={frozenset({"af:f0", "pres:f0"}),
                                        frozenset({"af:f0", "wire:f0"})},
            sources=[["af"], ["odesa"], ["pres"], ["wire"]], copies={}))


def _revisions() -> Case:
    af1 = "Russia launched 300 drones overnight, the Ukrainian Air Force said in the morning."
    af2 = "The Ukrainian Air Force corrected its count: 310 drones were launched overnight."
    police = "Two people were killed in Dnipro, the National Police said."
    gov = "The toll in Dnipro rose to five killed, Governor Serhiy Lysak said on Friday."
    d = "2025-11-06"
    return Case("revisions", "a source correcting itself later, and a toll rising between "
                "speakers and days, are revisions: the old claims no longer count", d, [
        pair("af1", af1, d, "2025-11-06", speakers=[(AF, None)], figures=[
            fig(af1, "300 drones", "drones_launched", 300, speaker=AF)]),
        pair("af2", af2, d, "2025-11-07", speakers=[(AF, None)], figures=[
            fig(af2, "310 drones", "drones_launched", 310, speaker=AF)]),
        pair("police", police, d, "2025-11-06", speakers=[("National Police", None)],
             figures=[fig(police, "Two people were killed", "killed", 2, place="Dnipro",
                          speaker="National Police")],
             places=[place(police, "Dnipro", "Dnipropetrovsk Oblast")]),
        pair("gov", gov, d, "2025-11-07", speakers=[("Serhiy Lysak", "Governor")], figures=[
            fig(gov, "rose to five killed", "killed", 5, place="Dnipro",
                speaker="Serhiy Lysak")],
            places=[place(gov, "Dnipro", "Dnipropetrovsk Oblast")]),
    ], dict(headline={"drones_launched": (310, 310, 310, "weak", "af2:f0"),
                      "killed": (5, 5, 5, "weak", "gov:f0")},
            labels={"drones_launched": "310", "killed": "5"},
            claims={"af1:f0", "af2:f0", "police:f0", "gov:f0"},
            superseded={"af1:f0", "police:f0"},
            revisions={("af1:f0", "af2:f0"), ("police:f0", "gov:f0")}, conflicts=set(),
            sources=[["af1"], ["af2"], ["gov"], ["police"]], copies={}))


def _grades() -> Case:
    af = ("Russia launched 48 missiles overnight and air defence shot down 40 missiles, "
          "the Ukrainian Air Force said.")
    staff = ("The General Staff of the Armed Forces of Ukraine said 48 missiles were fired "
             "at the country overnight.")
    gov = "Seven people were killed in Zaporizhzhia, Governor Ivan Fedorov said."
    wire = "At least four people were killed in Zaporizhzhia, a wire agency reported."
    d = "2025-11-07"
    gs = "General Staff of the Armed Forces of Ukraine"
    return Case("grades", "two origins stating the value confirm it; one stating it and "
                "another only allowing it is fair; one origin is weak", d, [
        pair("af", af, d, speakers=[(AF, None)], figures=[
            fig(af, "48 missiles", "missiles_launched", 48, speaker=AF),
            fig(af, "40 missiles", "missiles_downed", 40, speaker=AF)]),
        pair("staff", staff, d, speakers=[(gs, None)], figures=[
            fig(staff, "48 missiles", "missiles_launched", 48, speaker=gs)]),
        pair("gov", gov, d, speakers=[("Ivan Fedorov", "Governor of Zaporizhzhia Oblast")],
             figures=[fig(gov, "Seven people were killed", "killed", 7, place="Zaporizhzhia",
                          speaker="Ivan Fedorov")],
             places=[place(gov, "Zaporizhzhia", "Zaporizhzhia Oblast")]),
        # published the day after the 7: not a rising toll, and it allows 7
        pair("wire", wire, d, "2025-11-08", figures=[
            fig(wire, "At least four people were killed", "killed", 4, "at_least",
                place="Zaporizhzhia")]),
    ], dict(headline={"missiles_launched": (48, 48, 48, "confirmed", "af:f0"),
                      "missiles_downed": (40, 40, 40, "weak", "af:f1"),
                      "killed": (7, 7, 7, "fair", "gov:f0")},
            claims={"af:f0", "af:f1", "staff:f0", "gov:f0", "wire:f0"}, superseded=set(),
            revisions=set(), conflicts=set(),
            sources=[["af"], ["gov"], ["staff"], ["wire"]], copies={}))


def _dedupe() -> Case:
    story = ("KYIV (Wire) - Russia fired some 350 drones and 20 missiles at Ukraine "
             "overnight, officials said, damaging power stations in three regions and "
             "cutting heat to thousands of homes.")
    copy = "date 2025-11-08\n" + story + " Copy 1."
    d = "2025-11-08"
    return Case("dedupe", "a syndicated copy is one source with its story: its claims are "
                "kept once (with the copy) and do not confirm each other", d, [
        pair("story-copy", copy, d, "2025-11-09", publisher="Reprinter", figures=[
            fig(copy, "some 350 drones", "drones_launched", 350, "approx"),
            fig(copy, "20 missiles", "missiles_launched", 20)]),
        pair("story", story, d, "2025-11-08", publisher="Wire", figures=[
            fig(story, "some 350 drones", "drones_launched", 350, "approx"),
            fig(story, "20 missiles", "missiles_launched", 20)]),
    ], dict(headline={"drones_launched": (350, 315, 385, "weak", "story:f0"),
                      "missiles_launched": (20, 20, 20, "weak", "story:f1")},
            # the earliest published is the canonical copy, though ingested second
            claims={"story:f0", "story:f1"}, superseded=set(), revisions=set(),
            conflicts=set(), sources=[["story", "story-copy"]],
            copies={"story:f0": ("story-copy",), "story:f1": ("story-copy",)}))


def _scope() -> Case:
    city = "Three people were killed in Kharkiv city, the mayor Ihor Terekhov said."
    oblast = "Five people were killed across Kharkiv Oblast, Governor Oleh Syniehubov said."
    odesa = "Two people were killed in Odesa, Governor Oleh Kiper said."
    sumy = "Five drones were shot down over Sumy overnight, the city council said."
    af = ("Russia fired 20 Kalibr missiles, 10 Iskander-M missiles and 90 Shahed drones "
          "overnight, the Ukrainian Air Force said.")
    d = "2025-11-09"
    council = "Sumy city council"
    return Case("scope", "tolls of places add up over oblasts (the largest within one); "
                "weapon subtotals add up without a total; a Shahed count is the drone "
                "total; a local count of downed drones is no headline", d, [
        pair("city", city, d, speakers=[("Ihor Terekhov", "Mayor of Kharkiv")], figures=[
            fig(city, "Three people were killed", "killed", 3, place="Kharkiv",
                speaker="Ihor Terekhov")], places=[place(city, "Kharkiv", "Kharkiv Oblast")]),
        pair("oblast", oblast, d, speakers=[("Oleh Syniehubov", "Governor")], figures=[
            fig(oblast, "Five people were killed", "killed", 5, place="Kharkiv Oblast",
                speaker="Oleh Syniehubov")],
            places=[place(oblast, "Kharkiv Oblast", "Kharkiv Oblast")]),
        pair("odesa", odesa, d, speakers=[("Oleh Kiper", "Governor")], figures=[
            fig(odesa, "Two people were killed", "killed", 2, place="Odesa",
                speaker="Oleh Kiper")], places=[place(odesa, "Odesa", "Odesa Oblast")]),
        pair("sumy", sumy, d, speakers=[(council, "city council")], figures=[
            fig(sumy, "Five drones were shot down", "drones_downed", 5, place="Sumy",
                speaker=council)], places=[place(sumy, "Sumy", "Sumy Oblast")]),
        pair("af", af, d, speakers=[(AF, None)], figures=[
            fig(af, "20 Kalibr missiles", "missiles_launched", 20, weapon="Kalibr",
                families=["kalibr"], speaker=AF),
            fig(af, "10 Iskander-M missiles", "missiles_launched", 10, weapon="Iskander-M",
                families=["iskander"], speaker=AF),
            fig(af, "90 Shahed drones", "drones_launched", 90, weapon="Shahed-136/131",
                families=["shahed"], speaker=AF)]),
    ], dict(headline={"killed": (7, 7, 7, "weak", None),
                      "missiles_launched": (30, 30, 30, "weak", None),
                      "drones_launched": (90, 90, 90, "weak", "af:f2")},
            claims={"city:f0", "oblast:f0", "odesa:f0", "sumy:f0", "af:f0", "af:f1",
                    "af:f2"}, superseded=set(), revisions=set(), conflicts=set(),
            sources=[["af"], ["city"], ["oblast"], ["odesa"], ["sumy"]], copies={}))


CASES = [_preference_launched(), _preference_casualties(), _intervals(), _approx_bounds(),
         _conflicts(), _revisions(), _grades(), _dedupe(), _scope()]
IDS = [f"{c.rule}-{c.incident}" for c in CASES]


def from_incident(inc) -> dict:
    """The expectation's shape, read off an in-memory Incident."""
    return dict(
        headline={k: (e.value, e.low, e.high, e.grade, e.chosen)
                  for k, e in inc.estimates.items()},
        labels={k: e.label() for k, e in inc.estimates.items()},
        claims={c.claim_id for c in inc.claims},
        superseded={c.claim_id for c in inc.claims if c.superseded_by},
        revisions={(r.old, r.new) for r in inc.revisions},
        conflicts={frozenset({x.a, x.b}) for x in inc.conflicts},
        sources=sorted(sorted(s.report_ids) for s in inc.sources),
        copies={c.claim_id: tuple(c.copies) for c in inc.claims if c.copies})


def from_store(inc: dict) -> dict:
    """The expectation's shape, read off ``Store.incident``."""
    return dict(
        headline={k: (e["value"], e["low"], e["high"], e["grade"], e["chosen"])
                  for k, e in inc["estimates"].items()},
        labels={k: e["label"] for k, e in inc["estimates"].items()},
        claims={c["claim_id"] for c in inc["claims"]},
        superseded={c["claim_id"] for c in inc["claims"] if c["status"] == "superseded"},
        revisions={(r["old"], r["new"]) for r in inc["revisions"]},
        conflicts={frozenset({x["a"], x["b"]}) for x in inc["conflicts"]},
        sources=sorted(sorted(s["report_ids"]) for s in inc["sources"]),
        copies={c["claim_id"]: tuple(c["copies"].split("; ")) for c in inc["claims"]
                if c["copies"]})


def check(got: dict, case: Case) -> None:
    want = case.expect
    for name in ("headline", "claims", "superseded", "revisions", "conflicts", "sources",
                 "copies"):
        assert got[name] == want[name], f"{case.rule} ({case.what}): {name}"
    for kind, label in want.get("labels", {}).items():
        assert got["labels"][kind] == label, f"{case.rule}: label of {kind}"
