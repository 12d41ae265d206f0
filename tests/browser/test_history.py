"""The change log on the incident page, and the as-of control (issue 15), in a real chromium.

The session store (conftest.py) is filled in two batches at least 2 s apart: the toll's
revision (Kyiv's killed 3 -> 5) and the Odesa attack arrive in the second. So the change
log of 2025-03-02 holds killed first as 3, then 3 -> 5 caused by kyiv-2025-03-03-toll, and
the dataset as of a time between the batches has two attacks, Kyiv's toll still 3.
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMELINE = "echarts.getInstanceByDom(document.getElementById('timeline'))"


def _ready(page, view: str):
    page.wait_for_selector(f"body[data-ready={view}]")


def _redraw(page, action, view: str = "dashboard"):
    page.evaluate("document.body.dataset.ready = ''")
    action()
    _ready(page, view)


def _listed(page) -> list[str]:
    return page.locator("#incident-list tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.incident)")


def _params(page) -> dict:
    query = urlsplit(page.url).fragment.partition("?")[2]
    return {k: v[0] for k, v in parse_qs(query).items()}


def _same_time(shown: str, at: str) -> bool:
    """The date-time control drops ":00" seconds from its value."""
    return shown in (at, at.removesuffix(":00"))


def _killed_changes(server) -> list[dict]:
    items = httpx.get(f"{server}/incidents/2025-03-02/history").json()["items"]
    return [c for c in items if c["kind"] == "killed" and c["field"] == "estimate"]


def _between_batches(server) -> str:
    """A whole second after the first batch and before the toll's revision (UTC, as the
    as-of control gives it)."""
    first, revised = _killed_changes(server)
    t1 = dt.datetime.fromisoformat(first["changed_at"])
    t2 = dt.datetime.fromisoformat(revised["changed_at"])
    at = t2.replace(microsecond=0) - dt.timedelta(seconds=1)
    assert t1 <= at < t2
    return at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def test_incident_page_shows_its_change_log(page, server, screenshots):
    page.goto(f"{server}/#/incident/2025-03-02")
    _ready(page, "incident")
    killed = page.locator('#history tr.history-row[data-kind="killed"]')
    assert killed.count() == 2
    first, revised = killed.nth(0), killed.nth(1)
    assert "best estimate none → 3" in first.text_content()
    assert first.get_attribute("data-report") == "kyiv-2025-03-02"
    assert "best estimate 3 → 5" in revised.text_content()
    assert revised.get_attribute("data-report") == "kyiv-2025-03-03-toll"
    # when: the revision's time, after the first figure's
    times = [killed.nth(i).locator("td.when").text_content() for i in (0, 1)]
    assert times[0] < times[1]
    assert times[1] == _killed_changes(server)[1]["changed_at"][:19].replace("T", " ")
    # the attack's first record, and the figure kinds changed by the first batch
    assert "attack first recorded" in page.text_content("#history")
    assert page.locator('#history tr.history-row[data-kind="drones_launched"]').count() == 1
    page.locator("#history").screenshot(path=str(screenshots / "incident-history.png"))
    # the report that caused the revision, linked
    revised.locator("a.report-link").click()
    _ready(page, "report")
    assert page.text_content("#report-title") == "Report kyiv-2025-03-03-toll"
    assert "death toll" in page.text_content("#report-text")
    assert page.errors == [] and page.outside == []


def test_as_of_shows_the_dataset_as_it_stood_and_round_trips(page, server, screenshots):
    page.goto(f"{server}/#/")
    _ready(page, "dashboard")
    assert _listed(page) == ["2025-03-02", "2025-03-09", "2025-03-15"]
    assert page.is_hidden("#as-of-note")
    at = _between_batches(server)
    _redraw(page, lambda: page.fill("#f-asof", at) or page.click("#f-apply"))
    assert _params(page) == {"as_of": at}
    # the list, the timeline and the map as they stood: no Odesa yet, Kyiv's toll 3
    assert _listed(page) == ["2025-03-02", "2025-03-09"]
    series = page.evaluate(f"""() => Object.fromEntries({TIMELINE}.getOption().series.map(
        s => [s.id, Object.fromEntries(s.data.map(d => [d.date, d.value.slice(1)]))]))""")
    assert series["killed"]["2025-03-02"] == [3, 3, 3]
    assert "2025-03-15" not in series["injured"]
    map_data = page.evaluate("""Object.fromEntries(echarts.getInstanceByDom(
        document.getElementById('map')).getOption().series[0].data.map(d => [d.name, d.value]))""")
    assert map_data["Odesa Oblast"] == 0 and map_data["Kharkiv Oblast"] == 1
    assert page.is_visible("#as-of-note")
    assert at.replace("T", " ") in page.text_content("#as-of-note")
    page.screenshot(path=str(screenshots / "dashboard-as-of.png"), full_page=True)

    # the incident page as it stood then, reached from the list
    page.click('#incident-list tr[data-incident="2025-03-02"] a')
    _ready(page, "incident")
    assert _params(page) == {"as_of": at}
    assert page.locator('#estimates tr[data-kind="killed"] td.best').first.text_content() == "3"
    assert page.locator('#history tr.history-row[data-kind="killed"]').count() == 1
    assert at in page.get_attribute("#permalink", "href")
    assert page.is_visible("#as-of-note")

    # on the incident page, the as-of control moves this incident in time
    assert _same_time(page.input_value("#f-asof"), at)
    _redraw(page, lambda: page.fill("#f-asof", "") or page.press("#f-asof", "Enter"), "incident")
    assert _params(page) == {} and "2025-03-02" in page.url
    assert page.locator('#estimates tr[data-kind="killed"] td.best').first.text_content() == "5"
    assert page.is_hidden("#as-of-note")
    _redraw(page, lambda: page.fill("#f-asof", at) or page.press("#f-asof", "Enter"), "incident")
    assert _params(page) == {"as_of": at}
    assert page.locator('#estimates tr[data-kind="killed"] td.best').first.text_content() == "3"

    # the URL round-trips: a copied URL opens the same view
    url = page.url
    page.goto("about:blank")
    page.goto(url)
    _ready(page, "incident")
    assert page.locator('#estimates tr[data-kind="killed"] td.best').first.text_content() == "3"
    page.goto("about:blank")
    page.goto(f"{server}/#/?as_of={at}&kind=killed")
    _ready(page, "dashboard")
    assert _same_time(page.input_value("#f-asof"), at) and page.input_value("#f-kind") == "killed"
    assert _listed(page) == ["2025-03-02", "2025-03-09"]

    # back to now, other filters kept
    _redraw(page, lambda: page.click("#as-of-now"))
    assert _params(page) == {"kind": "killed"}
    assert page.input_value("#f-asof") == ""
    assert _listed(page) == ["2025-03-02", "2025-03-09"]
    assert page.is_hidden("#as-of-note")
    assert page.errors == [] and page.outside == []


def test_as_of_before_an_attack_says_it_did_not_exist(page, server):
    """The incident page of an attack the dataset did not hold yet says so."""
    at = _between_batches(server)
    page.goto(f"{server}/#/incident/2025-03-15?as_of={at}")
    _ready(page, "incident")
    assert "no incident" in page.text_content("#status")
