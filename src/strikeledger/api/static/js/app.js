// strikeledger dashboard: the page's state is its URL (url.js); each view draws from the
// API's JSON. Charts and the map are Apache ECharts (vendored: static/vendor/echarts/),
// everything else plain DOM. No network beyond this server.

import { $, clear, el, getJSON, kindLabel, setStatus } from "./dom.js";
import { setDownload } from "./csv.js";
import { showIncident } from "./incident.js";
import { drawMap, drawOblastTable, MEASURES, perOblast } from "./map.js";
import { showReport } from "./report.js";
import { drawTimeline, drawn } from "./timeline.js";
import { apiQuery, dashboardHash, filtersOf, incidentHash, parse } from "./url.js";

const state = { geo: null, meta: null, filters: filtersOf(new URLSearchParams()), charts: [] };

async function loadIncidents(query) {
  const out = [];
  const limit = 2000;
  for (let offset = 0; ; offset += limit) {
    query.set("limit", limit);
    query.set("offset", offset);
    const page = await getJSON(`/incidents?${query}`);
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) break;
  }
  return out;
}

// Change filters: the URL changes, and the hashchange handler redraws.
function setFilters(changes) {
  const next = { ...state.filters, ...changes };
  const hash = dashboardHash(next);
  if (location.hash !== hash) location.hash = hash;
}

function showFilters(f) {
  $("#f-from").value = f.from;
  $("#f-to").value = f.to;
  $("#f-oblast").value = f.oblast;
  $("#f-kind").value = f.kind;
  $("#f-metric").value = f.map;
  $("#back").href = dashboardHash(f);
}

const label = (inc, kind) => (inc.estimates[kind] ? inc.estimates[kind].label : "–");

function worstGrade(inc) {
  const order = ["contested", "weak", "fair", "confirmed"];
  let worst = null;
  for (const e of Object.values(inc.estimates)) {
    if (worst === null || order.indexOf(e.grade) < order.indexOf(worst)) worst = e.grade;
  }
  return worst;
}

function drawList(incidents) {
  const body = $("#incident-list tbody");
  clear(body);
  for (const inc of incidents) {
    const g = worstGrade(inc);
    body.appendChild(el("tr", { "data-incident": inc.incident_id },
      el("td", {}, el("a", { href: incidentHash(inc.incident_id) }, inc.date || inc.incident_id)),
      el("td", {}, inc.report_count),
      el("td", {}, `${label(inc, "drones_launched")} / ${label(inc, "drones_downed")}`),
      el("td", {}, `${label(inc, "missiles_launched")} / ${label(inc, "missiles_downed")}`),
      el("td", {}, label(inc, "killed")), el("td", {}, label(inc, "injured")),
      el("td", {}, inc.oblasts_hit.join(", ")),
      el("td", {}, inc.conflict_count ? el("span", { class: "grade contested" }, `${inc.conflict_count}`) : "0"),
      el("td", {}, g ? el("span", { class: `grade ${g}` }, g) : "–")));
  }
  const reports = incidents.reduce((n, i) => n + i.report_count, 0);
  const f = state.filters;
  const parts = [f.from || f.to ? `${f.from || "…"} to ${f.to || "…"}` : null, f.oblast || null,
                 f.kind ? `with ${kindLabel(f.kind)}` : null].filter(Boolean);
  const summary = $("#summary");
  summary.textContent = `${incidents.length} attack(s) from ${reports} report(s)`
    + (parts.length ? ` — ${parts.join(", ")}` : "");
  summary.dataset.incidents = incidents.length;
  summary.dataset.reports = reports;
  const kinds = ["drones_launched", "drones_downed", "missiles_launched", "missiles_downed", "killed",
                 "injured", "children_killed", "children_injured"];
  setDownload($("#download-csv"), "strikeledger-incidents.csv",
    ["incident", "date", "reports", "sources", ...kinds.flatMap((k) => [k, `${k}_low`, `${k}_high`, `${k}_grade`, `${k}_according_to`]),
     "oblasts_hit", "conflicts"],
    incidents.map((inc) => [inc.incident_id, inc.date, inc.report_count, inc.source_count,
      ...kinds.flatMap((k) => {
        const e = inc.estimates[k];
        if (!e) return ["", "", "", "", ""];
        const [lo, hi, best] = drawn(e);
        return [best, lo, hi, e.grade, e.basis];
      }), inc.oblasts_hit.join("; "), inc.conflict_count]));
}

async function showDashboard(filters) {
  state.filters = filters;
  showFilters(filters);
  let timelineIncs, incidents;
  try {
    [timelineIncs, incidents] = await Promise.all([
      loadIncidents(apiQuery(filters, { dates: false })), loadIncidents(apiQuery(filters))]);
  } catch (e) {
    setStatus(`could not load incidents: ${e.message}`);
    timelineIncs = incidents = [];
  }
  state.charts.forEach((c) => c.dispose());
  const rows = perOblast(incidents);
  const pick = (oblast) => setFilters({ oblast });
  $("#map-caption").textContent = `Per oblast: ${MEASURES[filters.map]}`;
  state.charts = [
    drawTimeline($("#timeline"), timelineIncs, {
      from: filters.from, to: filters.to,
      onBrush: (from, to) => setFilters({ from, to }),
      onOpen: (id) => { location.hash = incidentHash(id); },
    }),
    drawMap($("#map"), state.geo, rows, { measure: filters.map, selected: filters.oblast, onPick: pick }),
  ];
  drawOblastTable($("#oblast-table"), rows, { measure: filters.map, selected: filters.oblast, onPick: pick });
  drawList(incidents);
  document.body.dataset.ready = "dashboard";
}

const VIEWS = ["#view-dashboard", "#view-incident", "#view-report"];

function route() {
  document.body.dataset.ready = "";
  setStatus("");
  const { view, id, params } = parse();
  VIEWS.forEach((v) => { $(v).hidden = v !== `#view-${view}`; });
  if (view === "incident") showIncident(id);
  else if (view === "report") showReport(id, params);
  else { document.title = "strikeledger"; showDashboard(filtersOf(params)); }
}

async function start() {
  try {
    [state.meta, state.geo] = await Promise.all([getJSON("/meta"), getJSON("/static/oblasts.geojson")]);
  } catch (e) {
    setStatus(`could not start: ${e.message}`);
    return;
  }
  state.geo.features.map((f) => f.properties.admin1).sort()
    .forEach((o) => $("#f-oblast").appendChild(el("option", { value: o }, o)));
  state.meta.kinds.forEach((k) => $("#f-kind").appendChild(el("option", { value: k }, kindLabel(k))));
  Object.entries(MEASURES).forEach(([k, v]) => $("#f-metric").appendChild(el("option", { value: k }, v)));
  const fromForm = () => ({ from: $("#f-from").value, to: $("#f-to").value, oblast: $("#f-oblast").value,
                            kind: $("#f-kind").value, map: $("#f-metric").value });
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); setFilters(fromForm()); });
  for (const id of ["#f-oblast", "#f-kind", "#f-metric", "#f-from", "#f-to"]) {
    $(id).addEventListener("change", () => setFilters(fromForm()));
  }
  $("#f-reset").addEventListener("click", () => { location.hash = "#/"; });
  $("#search").addEventListener("submit", (ev) => { ev.preventDefault(); search($("#q").value.trim()); });
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => state.charts.forEach((c) => c.resize()));
  route();
}

async function search(q) {
  const box = $("#search-results");
  const list = box.querySelector("ol");
  clear(list);
  box.hidden = !q;
  if (!q) return;
  try {
    const res = await getJSON(`/search?${new URLSearchParams({ q, limit: 50 })}`);
    res.items.forEach((r) => list.appendChild(el("li", { "data-report": r.uid },
      el("a", { href: `#/report/${encodeURIComponent(r.report_id)}` }, el("strong", {}, r.report_id)),
      ` (${r.attack_date || "undated"}) `, el("span", { class: "snippet" }, r.snippet))));
    if (!res.items.length) list.appendChild(el("li", { class: "muted" }, "no report matches"));
  } catch (e) {
    setStatus(`search failed: ${e.message}`);
  }
}

start();
