"""One incident in full, for `strikeledger incidents --show ID`, readable at 80 columns,
and its change log (`--history ID`).

Figures first (national, then per place: best estimate and grade, whom it follows), then
conflicts (one line each) and revisions, then every claim grouped by kind with its
evidence sentence wrapped under it and the figure highlighted, then places and damage.
"""
from __future__ import annotations

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .console import out

KIND_ORDER = ("drones_launched", "drones_downed", "missiles_launched", "missiles_downed",
              "killed", "injured", "children_killed", "children_injured")
MAX_WIDTH = 100       # wider lines are hard to read, whatever the terminal


def _kind(kind: str) -> str:
    return kind.replace("_", " ")


def _rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _amount(c: dict) -> str:
    if c["value"] is not None:
        return (str(c["value"]) if c["qualifier"] == "exact"
                else f"{c['qualifier'].replace('_', ' ')} {c['value']}")
    return (f"{c['low']}–{c['high']}" if c["high"] is not None
            else f"at least {c['low']} ({c['qualifier']})")


def _source(c: dict) -> str:
    return c["speaker"] or c["publisher"] or f"report {c['report_id']}"


def _sentence(c: dict) -> Text:
    """The claim's sentence with its figure highlighted."""
    sentence = c["sentence"] or c["evidence_text"]
    text = Text(" ".join(sentence.split()))
    at = text.plain.find(" ".join(c["evidence_text"].split()))
    if at >= 0:
        text.stylize("bold yellow", at, at + len(" ".join(c["evidence_text"].split())))
    return text


def _reports(row: dict) -> list[str]:
    refs = [row["report_id"]] if row.get("report_id") else []
    refs += [r.rpartition(":")[0] for r in (row.get("other_evidence") or "").split("; ") if r]
    return sorted(set(refs))


def _print(renderable, indent: int = 0) -> None:
    width = min(out.width, MAX_WIDTH)
    if isinstance(renderable, str):
        renderable = Text(renderable)       # names and texts from reports: never markup
    out.print(Padding(renderable, (0, 0, 0, indent), expand=False) if indent else renderable,
              width=width,
              highlight=False, markup=False)


def show_incident(inc: dict) -> None:
    """One incident as ``Store.incident`` reads it (rows of the incident tables)."""
    by_id = {c["claim_id"]: c for c in inc["claims"]}
    _print(Text.assemble((inc["incident_id"], "bold"),
                         f"  attack date {inc['date'] or 'unknown'} "
                         f"({inc['date_precision'] or 'no date'}); {inc['n_reports']} report(s) "
                         f"from {inc['n_sources']} source(s)"))
    _print(f"oblasts hit: {', '.join(inc['oblasts_hit']) or '–'}")
    for s in inc["sources"]:
        if len(s["report_ids"]) > 1:
            _print(f"near-duplicates counted as one source: {', '.join(s['report_ids'])}")

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("figure", no_wrap=True)
    table.add_column("best · grade", no_wrap=True)
    table.add_column("according to")
    scopes = sorted(inc["scopes"], key=lambda e: (e["place"] is not None, e["place"] or "",
                                                  _rank(e["kind"]), e["weapon"] or ""))
    group = None
    for e in scopes:
        here = e["place"] or "Ukraine"
        if here != group:
            table.add_row(Text(here, style="bold underline"), "", "")
            group = here
        chosen = by_id.get(e["chosen"]) if e["chosen"] else None
        name = _kind(e["kind"]) + (f" ({e['weapon']})" if e["weapon"] else "")
        best = e["label"] if e["grade"] == "contested" else f"{e['label']} · {e['grade']}"
        table.add_row(f"  {name}", best, _source(chosen) if chosen else e["basis"])
    out.print()
    _print(table)

    if inc["conflicts"]:
        out.print()
        _print(Text("Conflicts", style="bold"))
        seen = set()
        for x in inc["conflicts"]:
            pair = frozenset((x["a"], x["b"]))
            if pair in seen:
                continue
            seen.add(pair)
            a, b = by_id.get(x["a"]), by_id.get(x["b"])
            what = _kind(x["kind"]) + (f" in {a['place']}" if a is not None and a["place"] else "")
            line = (f"{what}: {_amount(a)} ({_source(a)}) vs {_amount(b)} ({_source(b)})"
                    if a is not None and b is not None else f"{what}: {x['reason']}")
            _print(Text(line, style="red"), indent=2)
    if inc["revisions"]:
        out.print()
        _print(Text("Revisions", style="bold"))
        for r in inc["revisions"]:
            old, new = by_id.get(r["old"]), by_id.get(r["new"])
            if old is None or new is None:
                _print(f"{r['old']} → {r['new']}: {r['reason']}", indent=2)
                continue
            what = _kind(new["kind"]) + (f" in {new['place']}" if new["place"] else "")
            _print(f"{what}: {_amount(old)} → {_amount(new)} ({_source(new)}, "
                   f"{new['published'] or 'undated'})", indent=2)

    out.print()
    _print(Text("Claims", style="bold"))
    for kind in sorted({c["kind"] for c in inc["claims"]}, key=_rank):
        _print(Text(_kind(kind), style="bold underline"), indent=2)
        for c in (c for c in inc["claims"] if c["kind"] == kind):
            status = ("superseded" if c["status"] == "superseded" else "in conflict"
                      if c["in_conflict"] else "current")
            head = Text.assemble(
                (_amount(c), "bold"),
                f"{' in ' + c['place'] if c['place'] else ''}"
                f"{' · ' + c['weapon'] if c['weapon'] else ''}"
                f" — {_source(c)}, {c['published'] or 'undated'} [{status}]",
                (f"  {c['claim_id']}", "dim"))
            _print(head, indent=4)
            _print(_sentence(c), indent=8)

    if inc["places"]:
        out.print()
        _print(Text("Places", style="bold"))
        for p in inc["places"]:
            _print(f"{p['name']} ({p['admin1'] or '?'}) {p['role']}: "
                   f"{', '.join(_reports(p))}", indent=2)
    if inc["damage"]:
        out.print()
        _print(Text("Damage", style="bold"))
        for d in inc["damage"]:
            _print(f"{d['category']}: {d['text']} ({d['place'] or '–'}): "
                   f"{', '.join(_reports(d))}", indent=2)


def show_history(key: str, changes: list[dict]) -> None:
    """One incident's change log (`strikeledger incidents --history ID`)."""
    table = Table("when (UTC)", "kind", "what", "old", "new", "report", box=None,
                  pad_edge=False, show_edge=False, header_style="bold")
    for c in changes:
        when = c["changed_at"]
        table.add_row(when.strftime("%Y-%m-%d %H:%M:%S") if when else "",
                      _kind(c["kind"] or ""), c["field"], Text(c["old"] or "–"),
                      Text(c["new"] or "–"), Text(c["report_id"] or "(rebuild)"))
    _print(table)
    _print(f"{len(changes)} change(s) of {changes[0]['incident_id'] if changes else key}")
