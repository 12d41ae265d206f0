// strikeledger dashboard: the page's state is its URL (url.js); each view draws from the
// API's JSON. Charts and the map are Apache ECharts (vendored: static/vendor/echarts/),
// everything else plain DOM. No network beyond this server. New reports show up without
// a reload (live.js): the view redraws in place, with a note of what changed.

import { $, clear, el, getJSON, kindLabel, setStatus, utcTime } from "./dom.js";
import { setDownload } from "./csv.js";
import { showIncident } from "./incident.js";
import { follow } from "./live.js";
import { drawMap, drawOblastTable, MEASURES, perOblast } from "./map.js";
import { showReport } from "./report.js";
import { drawTimeline, drawn } from "./timeline.js";
import { apiQuery, dashboardHash, filtersOf, incidentHash, parse } from "./url.js";

// `drawing` counts the dashboard's draws: a draw that a newer one overtook while it
// waited for the API leaves the page to the newer one.
const state = { geo: null, meta: null, filters: filtersOf(new URLSearchParams()), charts: [], drawing: 0 };

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
  showAsOfInput(f.as_of);
  $("#back").href = dashboardHash(f);
}

// The as-of control shows the URL's time (a date alone means its end, as the API reads
// it) and gives it back with seconds, so that one time has one URL.
function showAsOfInput(asOf) {
  $("#f-asof").value = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T23:59:59` : asOf;
}
const asOfInput = () => $("#f-asof").value.replace(/T(\d\d:\d\d)$/, "T$1:00");

// The note that the page shows the past, with the way back to now (other filters kept).
function showAsOf(asOf, hashNow) {
  $("#as-of-note").hidden = !asOf;
  $("#as-of-time").textContent = asOf ? asOf.replace("T", " ") : "";
  $("#as-of-now").href = hashNow;
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

function listRow(inc, asOf) {
  const g = worstGrade(inc);
  const row = el("tr", { "data-incident": inc.incident_id },
      el("td", {}, el("a", { href: incidentHash(inc.incident_id, asOf) }, inc.date || inc.incident_id)),
      el("td", {}, inc.report_count),
      el("td", {}, `${label(inc, "drones_launched")} / ${label(inc, "drones_downed")}`),
      el("td", {}, `${label(inc, "missiles_launched")} / ${label(inc, "missiles_downed")}`),
      el("td", {}, label(inc, "killed")), el("td", {}, label(inc, "injured")),
      el("td", {}, inc.oblasts_hit.join(", ")),
      el("td", {}, inc.conflict_count ? el("span", { class: "grade contested" }, `${inc.conflict_count}`) : "0"),
      el("td", {}, g ? el("span", { class: `grade ${g}` }, g) : "–"));
  row.dataset.shown = `${row.textContent}|${incidentHash(inc.incident_id, asOf)}`;
  return row;
}

// The list, updated in place: a row whose content is unchanged is kept as it is (no
// flicker, nothing re-created); new or changed rows among `fresh` are highlighted.
function drawList(incidents, fresh = new Set()) {
  const body = $("#incident-list tbody");
  const before = new Map([...body.querySelectorAll("tr[data-incident]")].map((r) => [r.dataset.incident, r]));
  body.replaceChildren(...incidents.map((inc) => {
    const row = listRow(inc, state.filters.as_of);
    const old = before.get(inc.incident_id);
    if (old && old.dataset.shown === row.dataset.shown) return old;
    if (fresh.has(inc.incident_id)) row.classList.add("fresh");
    return row;
  }));
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

// Draw the dashboard for `filters`; a live update passes the incidents that changed.
async function showDashboard(filters, fresh = new Set()) {
  const draw = ++state.drawing;
  state.filters = filters;
  if (!fresh.size) {          // a live update leaves the form alone (the user may be typing)
    showFilters(filters);
    showAsOf(filters.as_of, dashboardHash({ ...filters, as_of: "" }));
  }
  let timelineIncs, incidents;
  try {
    [timelineIncs, incidents] = await Promise.all([
      loadIncidents(apiQuery(filters, { dates: false })), loadIncidents(apiQuery(filters))]);
  } catch (e) {
    setStatus(`could not load incidents: ${e.message}`);
    timelineIncs = incidents = [];
  }
  if (draw !== state.drawing) return null;
  const rows = perOblast(incidents);
  const pick = (oblast) => setFilters({ oblast });
  $("#map-caption").textContent = `Per oblast: ${MEASURES[filters.map]}`;
  state.charts = [
    drawTimeline($("#timeline"), timelineIncs, {
      from: filters.from, to: filters.to,
      onBrush: (from, to) => setFilters({ from, to }),
      onOpen: (id) => { location.hash = incidentHash(id, filters.as_of); },
    }),
    drawMap($("#map"), state.geo, rows, { measure: filters.map, selected: filters.oblast, onPick: pick }),
  ];
  drawOblastTable($("#oblast-table"), rows, { measure: filters.map, selected: filters.oblast, onPick: pick });
  drawList(incidents, fresh);
  document.body.dataset.ready = "dashboard";
  return incidents;
}

const VIEWS = ["#view-dashboard", "#view-incident", "#view-report"];

function route() {
  document.body.dataset.ready = "";
  setStatus("");
  const { view, id, params } = parse();
  VIEWS.forEach((v) => { $(v).hidden = v !== `#view-${view}`; });
  if (view !== "dashboard") showAsOf(params.get("as_of") || "", view === "incident" ? incidentHash(id) : "#/");
  if (view === "incident") showAsOfInput(params.get("as_of") || "");
  if (view === "incident") showIncident(id, params);
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
                            kind: $("#f-kind").value, map: $("#f-metric").value, as_of: asOfInput() });
  // On an incident page a new as-of time shows that incident as it stood then (every
  // other filter fires its change at once and goes to the dashboard).
  const asOfHere = () => {
    const { view, id, params } = parse();
    if (view !== "incident") return false;
    if (asOfInput() !== (params.get("as_of") || "")) location.hash = incidentHash(id, asOfInput());
    return true;
  };
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); if (!asOfHere()) setFilters(fromForm()); });
  for (const id of ["#f-oblast", "#f-kind", "#f-metric", "#f-from", "#f-to"]) {
    $(id).addEventListener("change", () => setFilters(fromForm()));
  }
  $("#f-asof").addEventListener("change", () => { if (!asOfHere()) setFilters(fromForm()); });
  $("#f-reset").addEventListener("click", () => { location.hash = "#/"; });
  $("#search").addEventListener("submit", (ev) => { ev.preventDefault(); search($("#q").value.trim()); });
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => state.charts.forEach((c) => c.resize()));
  $("#live-dismiss").addEventListener("click", () => { $("#live-note").hidden = true; state.unseen = []; });
  route();
  follow(state.meta.changes_cursor, (changes) => onChanges(changes).catch((e) => setStatus(`live update failed: ${e.message}`)));
}

// --- live updates ----------------------------------------------------------------------

const NOTE_MAX = 8;          // attacks named in the note; the rest are counted
const FIELD_WORDS = { estimate: "", interval: "range ", grade: "grade " };

// What changed, per incident: "new attack" or its changed figures ("killed 2 → 4").
function describe(changes) {
  const per = new Map();
  for (const c of changes) {
    if (!per.has(c.incident_id)) per.set(c.incident_id, { created: false, removed: false, figures: [] });
    const p = per.get(c.incident_id);
    if (c.field === "incident") p[c.new === "removed" ? "removed" : "created"] = true;
    else if (c.field === "estimate") p.figures.push(c);
    else if (c.field === "grade" && c.old !== null) p.figures.push(c);
  }
  return per;
}

// "killed 2 → 4", "grade weak → fair"; of a new attack just "killed 2".
const figureChange = (c, created) => `${kindLabel(c.kind)} ${FIELD_WORDS[c.field] || ""}`
  + (created || c.old === null ? `${c.new ?? "none"}` : `${c.old} → ${c.new ?? "none"}`);

// Show the note: when (the change's own time), and per incident what changed, linked;
// incidents that the view's filters leave out are named as such.
function note(changes, shown, asOf) {
  const text = $("#live-text");
  clear(text);
  const per = describe(changes);
  text.append(`Updated ${utcTime(changes[changes.length - 1].changed_at)} UTC: `);
  let n = 0, more = 0;
  for (const [id, p] of per) {
    if (!p.created && !p.removed && !p.figures.length) continue;
    if (n >= NOTE_MAX) { more += 1; continue; }
    if (n++) text.append("; ");
    const figures = p.figures.map((c) => figureChange(c, p.created)).join(", ");
    const what = p.created ? "new attack" : p.removed ? "attack removed" : figures;
    text.append(el("a", { href: incidentHash(id, asOf), class: "changed", "data-incident": id }, id), ` ${what}`);
    if (p.created && figures) text.append(` (${figures})`);
    if (shown && !shown.has(id)) text.append(el("span", { class: "muted" }, " (not in this view)"));
  }
  if (more) text.append(`; and ${more} more attack(s)`);
  if (!n) text.append(`${changes.length} change(s) of grades and ranges`);
  if (asOf) text.append(el("span", { class: "muted" }, ` — not shown here: this view is as of ${asOf.replace("T", " ")}`));
  $("#live-note").hidden = false;
  document.body.dataset.liveSeq = changes[changes.length - 1].seq;
}

// Changes are gathered in the note until the user dismisses it.
async function onChanges(batch) {
  state.unseen = [...(state.unseen || []), ...batch];
  const changes = state.unseen;
  const { view, params } = parse();
  const asOf = view === "dashboard" ? state.filters.as_of : params.get("as_of") || "";
  if (asOf) { note(changes, null, asOf); return; }        // the past does not change
  const touched = new Set(batch.map((c) => c.incident_id));
  let shown = null;
  if (view === "dashboard") {
    const incidents = await showDashboard(state.filters, touched);
    if (incidents === null) return;                         // the user moved on meanwhile
    shown = new Set(incidents.map((i) => i.incident_id));
  } else if (view === "incident" && touched.has($("#view-incident").dataset.incident)) {
    await showIncident($("#view-incident").dataset.incident, params);
  }
  note(changes, shown, "");
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
