"""New incidents and changed figures appear without a reload (issue 15), in a real chromium.

A store of its own (reports are added while the pages are open, which the other tests'
counts must not see), served by its own uvicorn. Reports arrive the two ways a monitor
adds them: ``POST /reports`` through the API, and the store's ingest in another process
(here, the test's). The page follows the change log's stream (Server-Sent Events); with
the stream blocked it polls ``/changes``.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import expect

from browser_support import TOKEN, guarded_page, ingest_texts, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMELINE = "echarts.getInstanceByDom(document.getElementById('timeline'))"
MAP = "echarts.getInstanceByDom(document.getElementById('map'))"

START = {
    "kharkiv-2025-04-01": """\
        date 2025-04-01
        A Russian missile strike on Kharkiv overnight killed two people and injured nine,
        Governor Oleh Syniehubov said. Russia launched 60 drones, the Air Force said.
        """,
    "kyiv-2025-03-28": """\
        date 2025-03-28
        Russia launched 70 drones at Ukraine overnight, the Ukrainian Air Force said.
        Air defence shot down 61.
        """,
}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    db = root / "live.duckdb"
    ingest_texts(db, root / "start", START)
    with serving(db) as base:
        yield base, db, root


def _post(base: str, report_id: str, published: str, text: str) -> None:
    r = httpx.post(f"{base}/reports", headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"id": report_id, "published": published, "text": text}, timeout=60)
    assert r.status_code == 201, r.text


def _listed(page) -> list[str]:
    return page.locator("#incident-list tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.incident)")


def test_new_incident_appears_without_reload_and_the_filter_stays(browser_context, live, screenshots):
    base, _, _ = live
    with guarded_page(browser_context, base) as page:
        page.goto(f"{base}/#/?oblast=Kharkiv+Oblast")
        page.wait_for_selector("body[data-ready=dashboard]")
        page.wait_for_selector("body[data-live=stream]")
        assert _listed(page) == ["2025-04-01"]
        # marks that a reload or a full redraw would lose
        page.evaluate("window.__same_page = true")
        page.evaluate("""document.querySelector('#incident-list tr[data-incident="2025-04-01"]')
                         .dataset.probe = 'kept'""")
        timeline_id = page.evaluate(f"{TIMELINE}.id")
        map_id = page.evaluate(f"{MAP}.id")

        _post(base, "kharkiv-2025-04-05", "2025-04-05",
              "Drones hit Kharkiv overnight, injuring six people, Governor Oleh Syniehubov said.")
        _post(base, "lviv-2025-04-06", "2025-04-06",
              "A Russian drone struck Lviv overnight, injuring three people, Mayor Andriy Sadovyi said.")
        page.wait_for_selector('#incident-list tr[data-incident="2025-04-05"]', timeout=20000)
        page.wait_for_selector('#live-text a[data-incident="2025-04-06"]', timeout=20000)

        assert page.evaluate("window.__same_page") is True
        # the view stays filtered: Lviv's attack is named in the note, not listed
        assert _listed(page) == ["2025-04-01", "2025-04-05"]
        assert parse_qs(urlsplit(page.url).fragment.partition("?")[2]) == {"oblast": ["Kharkiv Oblast"]}
        assert page.input_value("#f-oblast") == "Kharkiv Oblast"
        note = page.text_content("#live-note")
        assert "2025-04-05 new attack" in note
        assert "2025-04-06 new attack" in note and "(not in this view)" in note
        # redrawn in place: the unchanged row is the same element, the charts the same
        # instances; the new row is highlighted
        assert page.get_attribute('#incident-list tr[data-incident="2025-04-01"]', "data-probe") == "kept"
        assert "fresh" in page.get_attribute('#incident-list tr[data-incident="2025-04-05"]', "class")
        assert page.evaluate(f"{TIMELINE}.id") == timeline_id and page.evaluate(f"{MAP}.id") == map_id
        injured = page.evaluate(f"""() => {{
            const s = {TIMELINE}.getOption().series.find(s => s.id === 'injured');
            return Object.fromEntries(s.data.map(d => [d.date, d.value[3]])); }}""")
        assert injured["2025-04-05"] == 6 and "2025-04-06" not in injured
        assert page.evaluate(f"{MAP}.getOption().series[0].data.find(d => d.name === 'Kharkiv Oblast').value") == 2
        page.screenshot(path=str(screenshots / "dashboard-live.png"), full_page=True)
        assert page.errors == [] and page.outside == []


def test_changed_figure_appears_on_the_open_incident_page(browser_context, live, screenshots):
    """A toll revised by a report that the store's ingest adds (another process's write)."""
    base, db, root = live
    with guarded_page(browser_context, base) as page:
        page.goto(f"{base}/#/incident/2025-04-01")
        page.wait_for_selector("body[data-ready=incident]")
        page.wait_for_selector("body[data-live=stream]")
        page.evaluate("window.__same_page = true")
        killed = '#estimates tr[data-kind="killed"] td.best'
        assert page.locator(killed).first.text_content() == "2"

        ingest_texts(db, root / "toll", {"kharkiv-2025-04-02-toll": """\
            date 2025-04-02
            The death toll from Tuesday's missile strike on Kharkiv has risen to four,
            Governor Oleh Syniehubov said.
            """})
        expect(page.locator(killed).first).to_have_text("4", timeout=20000)
        assert page.evaluate("window.__same_page") is True
        assert "2025-04-01 killed 2 → 4" in page.text_content("#live-note")
        revised = page.locator('#history tr.history-row[data-kind="killed"]').last
        assert "best estimate 2 → 4" in revised.text_content()
        assert revised.get_attribute("data-report") == "kharkiv-2025-04-02-toll"
        page.screenshot(path=str(screenshots / "incident-live.png"), full_page=True)
        assert page.errors == [] and page.outside == []


def test_polling_when_the_stream_is_blocked(browser_context, live):
    base, _, _ = live
    with guarded_page(browser_context, base) as page:
        page.route("**/changes/stream*", lambda route: route.abort())
        page.goto(f"{base}/#/")
        page.wait_for_selector("body[data-ready=dashboard]")
        page.wait_for_selector("body[data-live=polling]", timeout=30000)
        page.evaluate("window.__same_page = true")
        _post(base, "dnipro-2025-04-08", "2025-04-08",
              "Russia attacked Dnipro overnight with drones. Four people were injured, "
              "Governor Serhii Lysak said.")
        page.wait_for_selector('#incident-list tr[data-incident="2025-04-08"]', timeout=30000)
        assert page.evaluate("window.__same_page") is True
        assert "2025-04-08 new attack" in page.text_content("#live-note")
