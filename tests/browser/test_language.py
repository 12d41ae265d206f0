"""Evidence in the report's own language, marked with it (issue 14), in a real chromium.

One night (2025-04-06) told in three languages: an English wire story read by the real
pipeline, a Ukrainian Air Force summary and a Russian-language city news post. The two
Cyrillic reports are our own, and their records are written here by hand (language,
figures with their exact evidence spans), so this test holds whether or not extraction
reads Ukrainian and Russian yet: the marks must come from the record's ``language``.
"""
from __future__ import annotations

import httpx
import pytest

from browser_support import guarded_page, ingest_texts, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGLISH = {"wire-2025-04-06": """\
    date 2025-04-06
    Russia launched 48 drones at Ukraine overnight, the Ukrainian Air Force said.
    Air defence shot down 40 of them.
    """}

# (report id, language, text, [(kind, value, evidence phrase, speaker)])
CYRILLIC = [
    ("af-uk-2025-04-06", "uk",
     "У ніч на 6 квітня противник атакував 48 ударними БпЛА типу Shahed. "
     "Станом на 09:00 збито/подавлено 40 ворожих БпЛА, повідомили Повітряні сили ЗСУ.",
     [("drones_launched", 48, "48 ударними БпЛА", "Ukrainian Air Force"),
      ("drones_downed", 40, "збито/подавлено 40", "Ukrainian Air Force")]),
    ("news-ru-2025-04-06", "ru",
     "В ночь на 6 апреля в Харькове погибли два человека, сообщил глава ОВА Олег Синегубов.",
     [("killed", 2, "погибли два человека", "Oleh Syniehubov")]),
]


def _record(report_id: str, language: str, text: str, figures: list):
    from strikeledger.model import Evidence, Figure, Record, Source, TextSpan
    out = []
    for kind, value, phrase, speaker in figures:
        at = text.index(phrase)
        start = text.rfind(". ", 0, at)
        start = 0 if start < 0 else start + 2
        end = text.find(".", at + len(phrase)) + 1 or len(text)
        out.append(Figure(kind=kind, value=value, qualifier="exact", low=value, high=value,
                          speaker=speaker, evidence=Evidence.of(text, at, at + len(phrase)),
                          sentence=TextSpan(start=start, end=end)))
    return Record(report_id=report_id, language=language,
                  source=Source(published="2025-04-06"),
                  attack={"date": "2025-04-06", "date_precision": "day"}, figures=out)


@pytest.fixture(scope="module")
def languages_server(tmp_path_factory):
    from strikeledger.model import Report
    from strikeledger.store import open_store
    root = tmp_path_factory.mktemp("languages")
    db = root / "languages.duckdb"
    ingest_texts(db, root / "en", ENGLISH)
    with open_store(db) as store:
        for report_id, language, text, figures in CYRILLIC:
            assert store.add(Report(report_id=report_id, text=text, published="2025-04-06"),
                             _record(report_id, language, text, figures))
    with serving(db) as base:
        yield base


def test_evidence_is_shown_as_written_and_marked_with_its_language(
        browser_context, languages_server, screenshots):
    base = languages_server
    with guarded_page(browser_context, base) as page:
        page.goto(f"{base}/#/incident/2025-04-06")
        page.wait_for_selector("body[data-ready=incident]")
        claims = page.locator("#claims li.claim")
        by_report = {}
        for i in range(claims.count()):
            li = claims.nth(i)
            report = li.locator("a.report-link").text_content().removeprefix("report ")
            by_report.setdefault(report, []).append(li)
        assert set(by_report) == {"wire-2025-04-06", "af-uk-2025-04-06", "news-ru-2025-04-06"}

        for report_id, language, text, figures in CYRILLIC:
            for li, (_, _, phrase, _) in zip(by_report[report_id], figures, strict=True):
                assert li.get_attribute("data-lang") == language
                assert li.locator(".lang-mark").text_content() == language.upper()
                quote = li.locator("blockquote")
                assert quote.get_attribute("lang") == language
                assert quote.locator("mark").text_content() == phrase     # quoted as written
                assert quote.text_content() in text
        # the English report's mark is whatever its record says (None: no mark)
        stored = httpx.get(f"{base}/reports/wire-2025-04-06").json()["record"].get("language")
        for li in by_report["wire-2025-04-06"]:
            marks = li.locator(".lang-mark")
            if stored is None:
                assert marks.count() == 0 and li.get_attribute("data-lang") is None
            else:
                assert marks.text_content() == stored.upper()
        # the three reports' figures side by side: 48 launched said in English and Ukrainian
        launched = page.locator('#claims section.kind[data-kind="drones_launched"] li.claim')
        assert launched.count() == 2
        page.screenshot(path=str(screenshots / "incident-languages.png"), full_page=True)

        # the report page says which language the original is in
        page.click('#claims li[data-lang="uk"] a.report-link >> nth=0')
        page.wait_for_selector("body[data-ready=report]")
        assert page.text_content("#report-meta .lang-mark") == "UK"
        assert "written in Ukrainian" in page.text_content("#report-meta")
        assert page.get_attribute("#report-text", "lang") == "uk"
        assert page.text_content("#report-text mark.focus") == "48 ударними БпЛА"
        assert page.errors == [] and page.outside == []
