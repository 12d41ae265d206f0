"""The dashboard in a real chromium against a real uvicorn server (see conftest.py).

The store holds six invented reports about three attacks (2025-03-02 Kyiv, four reports
with a contested launched count and a revised toll; 2025-03-09 Kharkiv; 2025-03-15 Odesa,
whose text carries a script tag and an onerror attribute). The tests load the dashboard,
filter it, open an incident and a report, and check what a person would see; screenshots
go to out/screenshots/.
"""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMELINE = "echarts.getInstanceByDom(document.getElementById('timeline'))"
MAP = "echarts.getInstanceByDom(document.getElementById('map'))"


def _dashboard(page, server, hash_: str = "#/"):
    page.goto(f"{server}/{hash_}")
    page.wait_for_selector("body[data-ready=dashboard]")
    return page


def _redraw(page, action):
    """Run ``action`` (which changes the URL) and wait until the dashboard has redrawn."""
    page.evaluate("document.body.dataset.ready = ''")
    action()
    page.wait_for_selector("body[data-ready=dashboard]")


def _filters(page) -> dict:
    query = urlsplit(page.url).fragment.partition("?")[2]
    return {k: v[0] for k, v in parse_qs(query).items()}


def _listed(page) -> list[str]:
    return page.locator("#incident-list tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.incident)")


def _series(page) -> dict:
    """Per timeline series (figure kind): {date: [low, high, best]}, as drawn."""
    return page.evaluate(f"""() => {{
        const out = {{}};
        for (const s of {TIMELINE}.getOption().series)
            out[s.id] = Object.fromEntries(s.data.map(d => [d.date, d.value.slice(1)]));
        return out; }}""")


def _pixel_y(page, kind: str, date: str, value: int) -> float:
    return page.evaluate(f"""([kind, date, value]) => {{
        const chart = {TIMELINE};
        const i = chart.getOption().series.findIndex(s => s.id === kind);
        return chart.convertToPixel({{seriesIndex: i}}, [Date.parse(date + 'T00:00:00Z'), value])[1];
    }}""", [kind, date, value])


def test_dashboard_shows_every_attack(page, server, screenshots):
    _dashboard(page, server)
    assert page.get_attribute("#summary", "data-incidents") == "3"
    assert page.get_attribute("#summary", "data-reports") == "6"
    assert _listed(page) == ["2025-03-02", "2025-03-09", "2025-03-15"]
    series = _series(page)
    assert set(series) >= {"drones_launched", "drones_downed", "missiles_launched",
                           "missiles_downed", "killed", "injured"}
    assert series["missiles_launched"]["2025-03-02"] == [8, 8, 8]
    assert series["killed"]["2025-03-09"] == [2, 2, 2]
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)
    assert page.errors == [] and page.outside == []


def test_timeline_has_a_real_date_axis(page, server):
    """Regression (issue 16): attacks were spaced evenly with three date labels."""
    _dashboard(page, server)
    labels = page.evaluate("""() => [...document.querySelectorAll('#timeline svg text')]
                                   .map(t => t.textContent)""")
    ticks = [t for t in labels if re.fullmatch(r"\d{1,2} Mar|Mar 2025|2025", t)]
    assert len(set(ticks)) >= 4, labels
    # gaps are proportional to the days between attacks: 7 days, then 6
    x = {d: page.evaluate(f"{TIMELINE}.convertToPixel({{xAxisIndex: 0}}, Date.parse('{d}T00:00:00Z'))")
         for d in ("2025-03-02", "2025-03-09", "2025-03-15")}
    first, second = x["2025-03-09"] - x["2025-03-02"], x["2025-03-15"] - x["2025-03-09"]
    assert first / second == pytest.approx(7 / 6, rel=0.01)


def test_never_more_downed_than_launched_by_drawing(page, server):
    """Regression (issue 16): a contested launched count was drawn from its low end, so
    "nearly 90" launched stood beside 95 downed. Now the range 90–120 is drawn with the
    Air Force's 120 marked, at or above the 95 downed."""
    _dashboard(page, server)
    series = _series(page)
    low, high, best = series["drones_launched"]["2025-03-02"]
    assert (high, best) == (120, 120) and low < 95
    for date, (_, _, downed) in series["drones_downed"].items():
        launched = series["drones_launched"][date][2]
        assert downed <= launched
        # and on screen: the downed mark is not higher than the launched mark
        assert _pixel_y(page, "drones_downed", date, downed) >= \
            _pixel_y(page, "drones_launched", date, launched)


def test_url_state_round_trips(page, server):
    """Every filter lives in the URL: a copied URL opens the same view."""
    _dashboard(page, server)
    _redraw(page, lambda: page.select_option("#f-kind", "killed"))
    _redraw(page, lambda: page.select_option("#f-metric", "injured"))
    _redraw(page, lambda: page.fill("#f-from", "2025-03-05") or page.click("#f-apply"))
    assert _filters(page) == {"kind": "killed", "map": "injured", "from": "2025-03-05"}
    assert _listed(page) == ["2025-03-09"]
    url = page.url
    page.goto("about:blank")
    _dashboard(page, server, "#" + urlsplit(url).fragment)
    assert page.input_value("#f-kind") == "killed"
    assert page.input_value("#f-metric") == "injured"
    assert page.input_value("#f-from") == "2025-03-05"
    assert _listed(page) == ["2025-03-09"]
    # back goes to the previous filters
    _redraw(page, lambda: page.select_option("#f-oblast", "Kharkiv Oblast"))
    _redraw(page, page.go_back)
    assert "oblast" not in _filters(page)


def test_date_brush_filters_the_page(page, server, screenshots):
    _dashboard(page, server)
    _redraw(page, lambda: page.evaluate(
        f"{TIMELINE}.dispatchAction({{type: 'dataZoom', dataZoomIndex: 0, "
        f"startValue: Date.parse('2025-03-05T00:00:00Z'), endValue: Date.parse('2025-03-12T00:00:00Z')}})"))
    assert _filters(page) == {"from": "2025-03-05", "to": "2025-03-12"}
    assert _listed(page) == ["2025-03-09"]
    assert page.input_value("#f-from") == "2025-03-05"
    # the timeline keeps every attack, zoomed to the window; map and table follow
    assert set(_series(page)["killed"]) == {"2025-03-02", "2025-03-09"}
    assert page.locator("#oblast-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.oblast)") == ["Kharkiv Oblast"]
    page.screenshot(path=str(screenshots / "dashboard-brushed.png"), full_page=True)


def test_map_names_oblasts_and_colours_by_chosen_kind(page, server, screenshots):
    _dashboard(page, server)
    labels = page.evaluate("() => [...document.querySelectorAll('#map svg text')].map(t => t.textContent)")
    for name in ("Kharkiv", "Odesa", "Kyiv City", "Lviv"):
        assert name in labels
    _redraw(page, lambda: page.select_option("#f-metric", "injured"))
    data = page.evaluate(f"Object.fromEntries({MAP}.getOption().series[0].data.map(d => [d.name, d.value]))")
    assert data["Kharkiv Oblast"] == 14 and data["Odesa Oblast"] == 7 and data["Lviv Oblast"] == 0
    legend = page.evaluate(f"{MAP}.getOption().visualMap[0]")
    assert legend["max"] == 14
    rows = page.locator("#oblast-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.oblast)")
    assert rows[0] == "Kharkiv Oblast"
    page.locator("#map").screenshot(path=str(screenshots / "map-injured.png"))


def test_clicking_an_oblast_filters_the_page(page, server):
    _dashboard(page, server)
    box = page.locator("#map").bounding_box()
    x, y = page.evaluate(f"{MAP}.convertToPixel({{seriesIndex: 0}}, [36.6, 49.6])")   # Kharkiv Oblast
    _redraw(page, lambda: page.mouse.click(box["x"] + x, box["y"] + y))
    assert _filters(page) == {"oblast": "Kharkiv Oblast"}
    assert page.input_value("#f-oblast") == "Kharkiv Oblast"
    assert _listed(page) == ["2025-03-09"]
    # a row of the per-oblast table filters too (and a second click clears)
    _redraw(page, lambda: page.click('#oblast-table tr[data-oblast="Kharkiv Oblast"] a'))
    assert "oblast" not in _filters(page)
    _redraw(page, lambda: page.click('#oblast-table tr[data-oblast="Odesa Oblast"] a'))
    assert _listed(page) == ["2025-03-15"]


def test_csv_download_of_what_is_shown(page, server):
    _dashboard(page, server, "#/?from=2025-03-05")
    with page.expect_download() as info:
        page.click("#download-csv")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert [r["incident"] for r in rows] == ["2025-03-09", "2025-03-15"]
    assert rows[0]["killed"] == "2" and "kharkiv-2025-03-09" in rows[0]["killed_according_to"]


def test_incident_page(page, server, screenshots):
    page.goto(f"{server}/#/incident/2025-03-02")
    page.wait_for_selector("body[data-ready=incident]")
    assert "2025-03-02" in page.text_content("#incident-title")
    # national figures first, then per place
    groups = page.locator("#estimates tr.group th").all_text_contents()
    assert groups[0] == "Ukraine as a whole" and groups[1:] == ["In Kyiv"]
    launched = page.locator('#estimates tr[data-kind="drones_launched"]')
    assert launched.locator("td.best").text_content() == "90–120 (contested)"
    assert "Ukrainian Air Force" in launched.text_content()
    assert "nearly 90 (Volodymyr Zelenskyy)" in launched.locator("td.others").text_content()
    # a claim consistent with the best estimate is not "said otherwise"
    assert page.locator('#estimates tr[data-kind="drones_downed"] td.others').text_content() == "no one"
    # each conflict once
    conflicts = page.locator("#conflicts li.conflict")
    assert conflicts.count() == 1
    assert "120 (Ukrainian Air Force) vs nearly 90 (Volodymyr Zelenskyy)" in conflicts.text_content()
    # the revision, and its chart
    assert "3 (Tymur Tkachenko" in page.text_content("#revisions")
    chart = page.locator('#claim-charts .claim-chart[data-kind="killed"]')
    assert chart.count() == 1
    points = chart.evaluate("n => echarts.getInstanceByDom(n).getOption().series[2].data.map(d => [d.value[1], d.status])")
    assert points == [[3, "superseded"], [5, "standing"]]
    # claims grouped by kind, the figure marked in its sentence
    assert page.locator("#claims section.kind h4").first.text_content() == "drones launched"
    marks = [m.strip() for m in page.locator("#claims mark").all_text_contents()]
    assert "120 drones" in marks and "95 drones" in marks
    # the permalink is this page's URL
    assert page.get_attribute("#permalink", "href") == f"{server}/#/incident/2025-03-02"
    page.screenshot(path=str(screenshots / "incident.png"), full_page=True)
    assert page.errors == [] and page.outside == []


def test_claim_links_to_its_report_with_the_evidence_highlighted(page, server, screenshots):
    page.goto(f"{server}/#/incident/2025-03-02")
    page.wait_for_selector("body[data-ready=incident]")
    page.click('#claims li[data-claim="president-2025-03-02:f0"] a.report-link')
    page.wait_for_selector("body[data-ready=report]")
    assert page.text_content("#report-title") == "Report president-2025-03-02"
    assert page.text_content("#report-text mark.focus") == "nearly 90 drones"
    assert "Russia launched nearly 90 drones against Ukraine overnight" in page.text_content("#report-text")
    page.screenshot(path=str(screenshots / "report.png"), full_page=True)
    page.click("#report-back")
    page.wait_for_selector("body[data-ready=incident]")


def test_timeline_mark_opens_its_incident(page, server):
    _dashboard(page, server)
    box = page.locator("#timeline").bounding_box()
    x, y = page.evaluate(f"""() => {{
        const chart = {TIMELINE};
        const i = chart.getOption().series.findIndex(s => s.id === 'killed');
        return chart.convertToPixel({{seriesIndex: i}}, [Date.parse('2025-03-09T00:00:00Z'), 2]); }}""")
    # killed is the first of four series of its panel: drawn 1.5 steps of 7 px left of the day
    page.mouse.click(box["x"] + x - 10.5, box["y"] + y)
    page.wait_for_selector("body[data-ready=incident]")
    assert "2025-03-09" in page.url


def test_favicon(page, server):
    response = page.request.get(f"{server}/favicon.ico")
    assert response.status == 200 and response.body()[:4] == b"\x00\x00\x01\x00"


def test_script_in_report_text_is_shown_inert(page, server):
    """Report text holding <script> and an onerror attribute shows as text; nothing runs."""
    page.goto(f"{server}/#/incident/2025-03-15")
    page.wait_for_selector("body[data-ready=incident]")
    sentence = page.locator("#claims blockquote").first
    assert "<script>window.__pwned = 1</script>" in sentence.text_content()
    assert page.locator("#claims script, #claims img").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.click("#claims a.report-link")
    page.wait_for_selector("body[data-ready=report]")
    assert 'onerror="window.__pwned = 2"' in page.text_content("#report-text")
    assert page.locator("#report-text img, #report-text script").count() == 0
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
