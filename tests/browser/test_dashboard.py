"""The dashboard in a real chromium against a real uvicorn server (see conftest.py).

The store holds four invented reports about three attacks (2025-03-02 Kyiv, two reports;
2025-03-09 Kharkiv; 2025-03-15 Odesa, whose text carries a script tag and an onerror
attribute). The tests load the dashboard, filter it, open an incident and check what a
person would see; screenshots go to out/screenshots/.
"""
from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _dashboard(page, server):
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-ready=dashboard]")
    return page


def _reload(page, action):
    """Run ``action`` (which refreshes the dashboard) and wait until it has redrawn."""
    page.evaluate("document.body.dataset.ready = ''")
    action()
    page.wait_for_selector("body[data-ready=dashboard]")


def _oblast_value(page, name: str) -> int:
    return int(page.get_attribute(f'#map path[data-oblast="{name}"]', "data-value"))


def test_dashboard_shows_every_attack_on_map_timeline_and_list(page, server, screenshots):
    _dashboard(page, server)
    assert page.get_attribute("#summary", "data-incidents") == "3"
    assert page.get_attribute("#summary", "data-reports") == "4"
    assert page.locator("#incident-list tbody tr").count() == 3
    # the map has all 27 first-level units, coloured by attacks
    assert page.locator("#map path.oblast").count() == 27
    assert _oblast_value(page, "Kyiv City") == 1
    assert _oblast_value(page, "Kharkiv Oblast") == 1
    assert _oblast_value(page, "Lviv Oblast") == 0
    # the timeline has one slot per attack; launched = drones + missiles
    assert page.locator("#timeline rect.slot").count() == 3
    assert page.get_attribute('#timeline rect.launched[data-incident="2025-03-02"]',
                              "data-value") == "128"
    assert page.get_attribute('#timeline rect.downed[data-incident="2025-03-02"]',
                              "data-value") == "101"
    assert page.get_attribute('#timeline rect.killed[data-incident="2025-03-09"]',
                              "data-value") == "2"
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)
    assert page.errors == [] and page.outside == []


def test_casualty_map_sums_killed_and_injured_per_oblast(page, server):
    _dashboard(page, server)
    page.select_option("#f-metric", "casualties")
    assert _oblast_value(page, "Kharkiv Oblast") == 16        # 2 killed + 14 injured
    assert _oblast_value(page, "Kyiv City") == 8               # 3 killed + at least 5 injured
    assert _oblast_value(page, "Odesa Oblast") == 7


def test_filters_update_map_timeline_and_list(page, server):
    _dashboard(page, server)
    _reload(page, lambda: page.select_option("#f-oblast", "Kharkiv Oblast"))
    assert page.get_attribute("#summary", "data-incidents") == "1"
    assert page.locator("#timeline rect.slot").count() == 1
    assert _oblast_value(page, "Kharkiv Oblast") == 1
    assert _oblast_value(page, "Kyiv City") == 0
    assert "selected" in page.get_attribute('#map path[data-oblast="Kharkiv Oblast"]', "class")

    _reload(page, lambda: page.click("#f-reset"))
    assert page.get_attribute("#summary", "data-incidents") == "3"

    _reload(page, lambda: page.fill("#f-from", "2025-03-05") or page.click("#f-apply"))
    assert page.get_attribute("#summary", "data-incidents") == "2"
    _reload(page, lambda: page.fill("#f-to", "2025-03-10") or page.click("#f-apply"))
    assert page.get_attribute("#summary", "data-incidents") == "1"
    assert page.locator("#incident-list tbody tr").get_attribute("data-incident") == "2025-03-09"

    _reload(page, lambda: page.click("#f-reset"))
    _reload(page, lambda: page.select_option("#f-kind", "missiles_launched"))
    assert page.get_attribute("#summary", "data-incidents") == "1"
    assert page.locator("#incident-list tbody tr").get_attribute("data-incident") == "2025-03-02"


def test_clicking_an_oblast_filters_by_it(page, server):
    _dashboard(page, server)
    _reload(page, lambda: page.click('#map path[data-oblast="Kharkiv Oblast"]'))
    assert page.input_value("#f-oblast") == "Kharkiv Oblast"
    assert page.get_attribute("#summary", "data-incidents") == "1"


def test_incident_page_lists_claims_with_highlighted_figures(page, server, screenshots):
    _dashboard(page, server)
    page.click('#incident-list a[href="#/incident/2025-03-02"]')
    page.wait_for_selector("body[data-ready=incident]")
    assert "2025-03-02" in page.text_content("#incident-title")
    claims = page.locator("#claims li.claim")
    assert claims.count() == 6                       # two reports, six figures
    marks = [m.strip() for m in page.locator("#claims mark").all_text_contents()]
    assert "120 drones" in marks and "95 drones" in marks
    assert "At least five people were injured" in marks
    # the highlighted figure sits inside its full source sentence
    killed = page.locator('#claims li[data-kind="killed"] blockquote')
    assert "Three people were killed" in killed.locator("mark").text_content()
    assert re.search(r"Three people were killed in Kyiv", killed.text_content())
    estimates = page.locator("#estimates tbody tr")
    assert estimates.count() == 6
    assert page.text_content('#estimates tr[data-kind="drones_launched"] td:nth-child(2)') == "120"
    assert page.text_content('#estimates tr[data-kind="injured"] td:nth-child(2)') == "≥5"
    page.screenshot(path=str(screenshots / "incident.png"), full_page=True)
    assert page.errors == [] and page.outside == []


def test_timeline_slot_opens_its_incident(page, server):
    _dashboard(page, server)
    page.click('#timeline rect.slot[data-incident="2025-03-09"]')
    page.wait_for_selector("body[data-ready=incident]")
    assert page.locator("#claims li.claim").count() == 3


def test_script_in_report_text_is_shown_inert(page, server):
    """Report text holding <script> and an onerror attribute shows as text; nothing runs."""
    page.goto(f"{server}/#/incident/2025-03-15")
    page.wait_for_selector("body[data-ready=incident]")
    sentence = page.locator("#claims blockquote").first
    assert "<script>window.__pwned = 1</script>" in sentence.text_content()
    assert page.locator("#claims script, #claims img").count() == 0
    assert page.evaluate("window.__pwned") is None
    # search snippets are report text too
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-ready=dashboard]")
    page.fill("#q", "onerror")
    page.press("#q", "Enter")
    page.wait_for_selector("#search-results li[data-report]")
    assert "onerror" in page.text_content("#search-results .snippet")
    assert page.locator("#search-results img, #search-results script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_api_docs_load_without_network(page, server):
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_text_contents()
    assert any("/incidents/" in p and "incident_id" in p for p in paths)
    assert page.outside == [] and page.errors == []
