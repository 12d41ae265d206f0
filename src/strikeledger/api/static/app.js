// strikeledger dashboard: plain DOM and SVG, no libraries, no network beyond this server.
// Report text is only ever put into the page as text nodes (textContent / createTextNode),
// never parsed as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const KIND_LABELS = {
  drones_launched: "drones launched", drones_downed: "drones downed",
  missiles_launched: "missiles launched", missiles_downed: "missiles downed",
  killed: "killed", injured: "injured", children_killed: "children killed",
  children_injured: "children injured",
};
const state = { geo: null, incidents: [], meta: null };

// --- small DOM helpers ------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) append(node, c);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  for (const c of children) append(node, c);
  return node;
}

function append(node, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach((c) => append(node, c)); return; }
  node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
function $(sel) { return document.querySelector(sel); }

function setStatus(text) { $("#status").textContent = text || ""; }

async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.statusText;
    throw new Error(`${res.status}: ${msg}`);
  }
  return body;
}

// --- filters ----------------------------------------------------------------------

function filters() {
  return {
    date_from: $("#f-from").value, date_to: $("#f-to").value,
    oblast: $("#f-oblast").value, kind: $("#f-kind").value,
  };
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null) q.set(k, v);
  return q.toString();
}

async function loadIncidents() {
  const f = filters();
  const out = [];
  const limit = 2000;
  for (let offset = 0; ; offset += limit) {
    const page = await getJSON(`/incidents?${query({ ...f, limit, offset })}`);
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) break;
  }
  return out;
}

// --- numbers ----------------------------------------------------------------------

function num(inc, kind) {
  const e = inc.estimates[kind];
  return e && e.conservative !== null ? e.conservative : 0;
}

function label(inc, kind) {
  const e = inc.estimates[kind];
  return e ? e.label : "–";
}

function worstGrade(inc) {
  const order = ["contested", "weak", "fair", "confirmed"];
  let best = null;
  for (const e of Object.values(inc.estimates)) {
    if (best === null || order.indexOf(e.grade) < order.indexOf(best)) best = e.grade;
  }
  return best;
}

// --- map --------------------------------------------------------------------------

function project(bounds, width, height) {
  const [x0, y0, x1, y1] = bounds;
  const k = Math.cos(((y0 + y1) / 2) * Math.PI / 180);
  const scale = Math.min((width - 20) / ((x1 - x0) * k), (height - 20) / (y1 - y0));
  return ([lon, lat]) => [10 + (lon - x0) * k * scale, 10 + (y1 - lat) * scale];
}

function geoBounds(geo) {
  let b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === "number") {
      b = [Math.min(b[0], c[0]), Math.min(b[1], c[1]), Math.max(b[2], c[0]), Math.max(b[3], c[1])];
    } else c.forEach(visit);
  };
  geo.features.forEach((f) => visit(f.geometry.coordinates));
  return b;
}

function pathOf(geometry, proj) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let d = "";
  for (const poly of polys) {
    for (const ring of poly) {
      ring.forEach((pt, i) => {
        const [x, y] = proj(pt);
        d += `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
      });
      d += "Z";
    }
  }
  return d;
}

function oblastValues(incidents, metric) {
  const values = {};
  for (const inc of incidents) {
    if (metric === "attacks") {
      for (const o of inc.oblasts_hit) values[o] = (values[o] || 0) + 1;
    } else {
      for (const [o, kinds] of Object.entries(inc.casualties_by_oblast)) {
        values[o] = (values[o] || 0) + (kinds.killed || 0) + (kinds.injured || 0);
      }
    }
  }
  return values;
}

const COLOURS = ["#feedde", "#fdd0a2", "#fdae6b", "#f16913", "#d94801", "#8c2d04"];

// A log scale: one oblast with hundreds of casualties must not wash out the rest.
function colourIndex(v, max) {
  if (!v) return -1;
  if (max <= 1) return COLOURS.length - 1;
  const t = Math.log(v) / Math.log(max);
  return Math.min(COLOURS.length - 1, Math.floor(t * COLOURS.length));
}

function colour(v, max) {
  const i = colourIndex(v, max);
  return i < 0 ? "#e6e6e6" : COLOURS[i];
}

function drawMap() {
  const map = $("#map");
  clear(map);
  if (!state.geo) return;
  const metric = $("#f-metric").value;
  const values = oblastValues(state.incidents, metric);
  const max = Math.max(0, ...Object.values(values));
  const proj = project(geoBounds(state.geo), 600, 400);
  const selected = $("#f-oblast").value;
  for (const f of state.geo.features) {
    const name = f.properties.admin1;
    const v = values[name] || 0;
    const path = svg("path", {
      d: pathOf(f.geometry, proj), fill: colour(v, max),
      class: "oblast" + (name === selected ? " selected" : ""),
      "data-oblast": name, "data-value": v,
    }, svg("title", {}, `${name}: ${v} ${metric === "attacks" ? "attack(s)" : "killed + injured"}`));
    path.addEventListener("click", () => {
      $("#f-oblast").value = name === selected ? "" : name;
      refresh();
    });
    map.appendChild(path);
  }
  $("#map-caption").textContent = metric === "attacks"
    ? "Attacks per oblast (incidents that hit it)" : "Killed + injured per oblast";
  const legend = $("#map-legend");
  clear(legend);
  const swatch = (c, text) => {
    const sw = el("span", { class: "swatch" });
    sw.style.background = c;
    append(legend, [sw, text]);
  };
  swatch("#e6e6e6", "0");
  // the lowest value of each colour class on the log scale
  let prev = 0;
  COLOURS.forEach((c, i) => {
    const lo = max <= 1 ? 1 : Math.max(prev + 1, Math.ceil(Math.pow(max, i / COLOURS.length)));
    if (lo <= max && colourIndex(lo, max) === i) { swatch(c, `${lo}+`); prev = lo; }
  });
  if (max > 0) append(legend, ` (max ${max})`);
}

// --- timeline ---------------------------------------------------------------------

function drawTimeline() {
  const root = $("#timeline");
  clear(root);
  const incs = state.incidents.filter((i) => i.date);
  const W = 600, H = 400, left = 44, right = 8, gap = 24;
  const panelH = (H - 40 - gap) / 2;
  if (!incs.length) {
    root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" },
      "no dated attacks in this selection"));
    return;
  }
  const slot = (W - left - right) / incs.length;
  const bw = Math.max(1, slot * 0.4);
  const panels = [
    { top: 10, series: [["launched", (i) => num(i, "drones_launched") + num(i, "missiles_launched")],
                        ["downed", (i) => num(i, "drones_downed") + num(i, "missiles_downed")]] },
    { top: 10 + panelH + gap, series: [["killed", (i) => num(i, "killed")],
                                       ["injured", (i) => num(i, "injured")]] },
  ];
  for (const p of panels) {
    const max = Math.max(1, ...incs.flatMap((i) => p.series.map(([, f]) => f(i))));
    const y = (v) => p.top + panelH - (v / max) * panelH;
    root.appendChild(svg("line", { x1: left, x2: W - right, y1: p.top + panelH, y2: p.top + panelH,
                                   class: "axis-line" }));
    root.appendChild(svg("text", { x: left - 4, y: p.top + 8, "text-anchor": "end", class: "axis" }, max));
    root.appendChild(svg("text", { x: left - 4, y: p.top + panelH, "text-anchor": "end", class: "axis" }, 0));
    incs.forEach((inc, n) => {
      const x = left + n * slot + (slot - 2 * bw) / 2;
      p.series.forEach(([name, f], k) => {
        const v = f(inc);
        root.appendChild(svg("rect", {
          x: x + k * bw, y: y(v), width: bw, height: Math.max(0, p.top + panelH - y(v)),
          class: name, "data-incident": inc.incident_id, "data-value": v,
        }));
      });
    });
  }
  // one transparent slot per attack: hover for numbers, click to open it
  incs.forEach((inc, n) => {
    const r = svg("rect", { x: left + n * slot, y: 10, width: slot, height: H - 40,
                            class: "slot", "data-incident": inc.incident_id },
      svg("title", {}, `${inc.date}: launched ${num(inc, "drones_launched") + num(inc, "missiles_launched")}, `
        + `downed ${num(inc, "drones_downed") + num(inc, "missiles_downed")}, `
        + `killed ${label(inc, "killed")}, injured ${label(inc, "injured")}`));
    r.addEventListener("click", () => { location.hash = `#/incident/${encodeURIComponent(inc.incident_id)}`; });
    root.appendChild(r);
  });
  const ticks = incs.length <= 6 ? incs.map((_, n) => n)
    : [0, Math.floor(incs.length / 2), incs.length - 1];
  for (const n of ticks) {
    const anchor = incs.length > 1 && n === 0 ? "start"
      : incs.length > 1 && n === incs.length - 1 ? "end" : "middle";
    const x = anchor === "start" ? left + n * slot : anchor === "end" ? left + (n + 1) * slot
      : left + n * slot + slot / 2;
    root.appendChild(svg("text", { x, y: H - 12, "text-anchor": anchor, class: "axis" }, incs[n].date));
  }
}

// --- incident list ----------------------------------------------------------------

function drawList() {
  const body = $("#incident-list tbody");
  clear(body);
  for (const inc of state.incidents) {
    const g = worstGrade(inc);
    body.appendChild(el("tr", { "data-incident": inc.incident_id },
      el("td", {}, el("a", { href: `#/incident/${encodeURIComponent(inc.incident_id)}` },
                      inc.date || inc.incident_id)),
      el("td", {}, inc.report_count),
      el("td", {}, `${label(inc, "drones_launched")} / ${label(inc, "drones_downed")}`),
      el("td", {}, `${label(inc, "missiles_launched")} / ${label(inc, "missiles_downed")}`),
      el("td", {}, label(inc, "killed")),
      el("td", {}, label(inc, "injured")),
      el("td", {}, inc.oblasts_hit.join(", ")),
      el("td", {}, g ? el("span", { class: `grade ${g}` }, g) : "–")));
  }
  const reports = state.incidents.reduce((n, i) => n + i.report_count, 0);
  const summary = $("#summary");
  summary.textContent = `${state.incidents.length} attack(s) from ${reports} report(s)`;
  summary.dataset.incidents = state.incidents.length;
  summary.dataset.reports = reports;
}

async function refresh() {
  setStatus("");
  try {
    state.incidents = await loadIncidents();
  } catch (e) {
    setStatus(`could not load incidents: ${e.message}`);
    state.incidents = [];
  }
  drawMap();
  drawTimeline();
  drawList();
  document.body.dataset.ready = "dashboard";
}

// --- incident page ----------------------------------------------------------------

function sentenceWithMark(sentence) {
  // The sentence is text; the figure is wrapped in <mark> by building nodes, never HTML.
  const [s, e] = sentence.mark;
  const t = sentence.text;
  return el("blockquote", { class: "sentence" },
    t.slice(0, s), el("mark", {}, t.slice(s, e)), t.slice(e));
}

function claimAmount(c) {
  if (c.value !== null) return `${c.qualifier === "exact" ? "" : c.qualifier.replace("_", " ") + " "}${c.value}`;
  if (c.high !== null) return `${c.low}–${c.high}`;
  return `${c.low}+ (${c.qualifier})`;
}

async function showIncident(id) {
  $("#view-dashboard").hidden = true;
  $("#view-incident").hidden = false;
  setStatus("");
  let inc;
  try {
    inc = await getJSON(`/incidents/${encodeURIComponent(id)}`);
  } catch (e) {
    setStatus(`could not load incident ${id}: ${e.message}`);
    return;
  }
  $("#incident-title").textContent = `Attack of ${inc.date || "unknown date"}`
    + (inc.incident_id !== inc.date ? ` (${inc.incident_id})` : "");
  $("#incident-meta").textContent = `${inc.report_count} report(s), ${inc.source_count} source(s), `
    + `${inc.claim_count} claim(s); oblasts hit: ${inc.oblasts_hit.join(", ") || "none known"}`
    + (inc.weapons.length ? `; weapons: ${inc.weapons.join(", ")}` : "");

  const est = $("#estimates tbody");
  clear(est);
  for (const [kind, e] of Object.entries(inc.estimates)) {
    est.appendChild(el("tr", { "data-kind": kind },
      el("td", {}, KIND_LABELS[kind] || kind), el("td", {}, e.label),
      el("td", {}, el("span", { class: `grade ${e.grade}` }, e.grade)), el("td", {}, e.basis)));
  }
  const byId = Object.fromEntries(inc.claims.map((c) => [c.claim_id, c]));
  const describe = (cid) => {
    const c = byId[cid];
    return c ? `${KIND_LABELS[c.kind] || c.kind} ${claimAmount(c)} (${c.speaker || c.report_id})` : cid;
  };
  const conflicts = $("#conflicts");
  clear(conflicts);
  inc.conflicts.forEach((x) => conflicts.appendChild(
    el("li", {}, `${describe(x.a)} vs ${describe(x.b)}: ${x.reason}`)));
  if (!inc.conflicts.length) conflicts.appendChild(el("li", { class: "muted" }, "none"));
  const revisions = $("#revisions");
  clear(revisions);
  inc.revisions.forEach((r) => revisions.appendChild(
    el("li", {}, `${describe(r.old)} → ${describe(r.new)}: ${r.reason}`)));
  if (!inc.revisions.length) revisions.appendChild(el("li", { class: "muted" }, "none"));

  const claims = $("#claims");
  clear(claims);
  for (const c of inc.claims) {
    const who = c.speaker ? `${c.speaker}${c.speaker_role ? ", " + c.speaker_role : ""}` : "the report";
    const where = c.place ? ` in ${c.place}` : "";
    claims.appendChild(el("li", { class: "claim", "data-claim": c.claim_id, "data-kind": c.kind },
      el("div", { class: "claim-head" },
        el("span", { class: c.current ? null : "superseded" },
          `${KIND_LABELS[c.kind] || c.kind}: ${claimAmount(c)}${where}`),
        c.weapon ? ` · ${c.weapon}` : "",
        el("span", { class: "muted" }, ` — ${who}; report ${c.report_id}`
          + (c.publisher ? ` (${c.publisher})` : "") + (c.published ? `, ${c.published}` : ""))),
      sentenceWithMark(c.evidence.sentence)));
  }
  const places = $("#places");
  clear(places);
  inc.places.forEach((p) => places.appendChild(
    el("li", {}, `${p.name}${p.admin1 && p.admin1 !== p.name ? " (" + p.admin1 + ")" : ""}: ${p.role}`)));
  const damage = $("#damage");
  clear(damage);
  inc.damage.forEach((d) => damage.appendChild(
    el("li", {}, `${d.category}: ${d.text}${d.place ? " in " + d.place : ""}`)));
  if (!inc.damage.length) damage.appendChild(el("li", { class: "muted" }, "none reported"));
  document.body.dataset.ready = "incident";
}

// --- search -----------------------------------------------------------------------

async function search(q) {
  const box = $("#search-results");
  const list = box.querySelector("ol");
  clear(list);
  box.hidden = !q;
  if (!q) return;
  try {
    const res = await getJSON(`/search?${query({ q, limit: 50 })}`);
    res.items.forEach((r) => list.appendChild(el("li", { "data-report": r.uid },
      el("strong", {}, r.report_id), ` (${r.attack_date || "undated"}) `,
      el("span", { class: "snippet" }, r.snippet))));
    if (!res.items.length) list.appendChild(el("li", { class: "muted" }, "no report matches"));
  } catch (e) {
    setStatus(`search failed: ${e.message}`);
  }
}

// --- routing and start ------------------------------------------------------------

function route() {
  document.body.dataset.ready = "";
  const m = location.hash.match(/^#\/incident\/(.+)$/);
  if (m) {
    showIncident(decodeURIComponent(m[1]));
  } else {
    $("#view-incident").hidden = true;
    $("#view-dashboard").hidden = false;
    refresh();
  }
}

async function start() {
  try {
    [state.meta, state.geo] = await Promise.all([getJSON("/meta"), getJSON("/static/oblasts.geojson")]);
  } catch (e) {
    setStatus(`could not start: ${e.message}`);
    return;
  }
  const oblasts = state.geo.features.map((f) => f.properties.admin1).sort();
  oblasts.forEach((o) => $("#f-oblast").appendChild(el("option", { value: o }, o)));
  state.meta.kinds.forEach((k) => $("#f-kind").appendChild(el("option", { value: k }, KIND_LABELS[k] || k)));
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (location.hash.startsWith("#/incident/")) location.hash = "#/"; else refresh();
  });
  for (const id of ["#f-oblast", "#f-kind", "#f-from", "#f-to"]) {
    $(id).addEventListener("change", () => { if (!location.hash.startsWith("#/incident/")) refresh(); });
  }
  $("#f-metric").addEventListener("change", drawMap);
  $("#f-reset").addEventListener("click", () => { $("#filters").reset(); refresh(); });
  $("#search").addEventListener("submit", (ev) => { ev.preventDefault(); search($("#q").value.trim()); });
  window.addEventListener("hashchange", route);
  route();
}

document.addEventListener("DOMContentLoaded", start);
