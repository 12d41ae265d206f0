// The incident page: headline figures (national first, then per place) with who said
// them and who said otherwise; one line per conflict; the revisions; a small chart per
// figure of its claims over time with their sources; every claim with its sentence, the
// figure marked, marked with the language it is written in, and a link to the full
// report with the evidence highlighted; the change log. With an as-of time (the URL's
// as_of), all of it as the dataset stood then.

import { $, append, chartIn, claimAmount, clear, el, esc, getJSON, kindLabel, languageMark, setStatus,
         utcTime } from "./dom.js";
import { setDownload } from "./csv.js";
import { asOfTime, incidentHash, reportHash } from "./url.js";

const KIND_ORDER = ["drones_launched", "drones_downed", "missiles_launched", "missiles_downed",
  "killed", "injured", "children_killed", "children_injured"];
const kindRank = (k) => { const i = KIND_ORDER.indexOf(k); return i < 0 ? 99 : i; };
const scopeKey = (s) => `${s.kind}|${s.place || ""}|${s.weapon || ""}`;   // an estimate's
const where = (s) => [s.place, s.weapon].filter(Boolean).join(", ") || "Ukraine (national)";
const source = (c) => c.speaker || c.publisher || `report ${c.report_id}`;

// National scopes first, then per place; within each, by kind.
function sortScopes(scopes) {
  return [...scopes].sort((a, b) => (a.place ? 1 : 0) - (b.place ? 1 : 0)
    || (a.place || "").localeCompare(b.place || "") || kindRank(a.kind) - kindRank(b.kind)
    || (a.weapon || "").localeCompare(b.weapon || ""));
}

// Each unordered pair once: the API may list a conflict from both sides.
export function uniqueConflicts(conflicts) {
  const seen = new Set();
  return conflicts.filter((x) => {
    const key = [x.a, x.b].sort().join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The sentence as written (in the report's language), the figure marked.
function sentenceWithMark(sentence, lang) {
  const [s, e] = sentence.mark;
  const t = sentence.text;
  return el("blockquote", { class: "sentence", lang: lang || null }, t.slice(0, s), el("mark", {}, t.slice(s, e)),
    t.slice(e));
}

// The claims behind one estimate, by the ids the library lists for it.
function claimsOf(scope, byId) {
  return (scope.claim_ids || []).map((id) => byId[id]).filter(Boolean);
}

function drawEstimates(inc, byId) {
  const body = $("#estimates tbody");
  clear(body);
  let lastGroup = null;
  for (const s of sortScopes(inc.scopes)) {
    const group = s.place ? `In ${s.place}` : "Ukraine as a whole";
    if (group !== lastGroup) {
      body.appendChild(el("tr", { class: "group" }, el("th", { colspan: 5 }, group)));
      lastGroup = group;
    }
    const claims = claimsOf(s, byId);
    const chosen = claims.find((c) => c.claim_id === s.chosen);
    const best = s.value ?? s.low;
    // Said otherwise: a standing claim whose interval leaves out the best estimate; the
    // other standing claims are consistent with it ("more than 40" beside 48).
    const others = claims.filter((c) => c.current && c.claim_id !== s.chosen);
    const excludes = (c) => best !== null && best !== undefined
      && (best < c.interval[0] || (c.interval[1] !== null && best > c.interval[1]));
    const otherwise = others.filter(excludes);
    const consistent = others.filter((c) => !excludes(c) && source(c) !== (chosen && source(chosen)));
    body.appendChild(el("tr", { "data-kind": s.kind, "data-scope": scopeKey(s), "data-place": s.place || "" },
      el("td", {}, kindLabel(s.kind) + (s.weapon ? ` (${s.weapon})` : "")),
      el("td", { class: "best" }, s.label),
      el("td", {}, el("span", { class: `grade ${s.grade}` }, s.grade)),
      el("td", {}, chosen ? source(chosen) : s.basis),
      el("td", { class: "others" },
        otherwise.length ? otherwise.map((c, i) => [i ? "; " : "", `${claimAmount(c)} (${source(c)})`])
          : el("span", { class: "muted" }, "no one"),
        consistent.length ? el("span", { class: "muted consistent" }, ` (consistent: ${consistent
          .map((c) => `${claimAmount(c)}, ${source(c)}`).join("; ")})`) : null)));
  }
}

function drawConflicts(inc, byId) {
  const list = $("#conflicts");
  clear(list);
  const describe = (cid) => { const c = byId[cid]; return c ? `${claimAmount(c)} (${source(c)})` : cid; };
  for (const x of uniqueConflicts(inc.conflicts)) {
    list.appendChild(el("li", { class: "conflict", "data-a": x.a, "data-b": x.b },
      el("strong", {}, `${kindLabel(x.scope.kind)}${x.scope.place ? " in " + x.scope.place : ""}: `),
      `${describe(x.a)} vs ${describe(x.b)}`, el("span", { class: "muted" }, ` — ${x.reason}`)));
  }
  if (!list.children.length) list.appendChild(el("li", { class: "muted" }, "none: the sources agree"));
}

function drawRevisions(inc, byId) {
  const list = $("#revisions");
  clear(list);
  const describe = (cid) => { const c = byId[cid]; return c ? `${claimAmount(c)} (${source(c)}, ${c.published || "undated"})` : cid; };
  for (const r of inc.revisions) {
    const c = byId[r.new];
    list.appendChild(el("li", { class: "revision" },
      el("strong", {}, c ? `${kindLabel(c.kind)}${c.place ? " in " + c.place : ""}: ` : ""),
      `${describe(r.old)} → ${describe(r.new)}`, el("span", { class: "muted" }, ` — ${r.reason}`)));
  }
  if (!inc.revisions.length) list.appendChild(el("li", { class: "muted" }, "none"));
}

// One small chart per figure stated more than once: its claims in order of publication,
// each a point (or a low–high bar) coloured by whether it still stands.
function drawClaimCharts(inc, byId) {
  const box = $("#claim-charts");
  box.querySelectorAll(".claim-chart").forEach((n) => { const c = window.echarts.getInstanceByDom(n); if (c) c.dispose(); });
  clear(box);
  const scopes = sortScopes(inc.scopes).filter((s) => claimsOf(s, byId).length > 1);
  for (const s of scopes) {
    const claims = claimsOf(s, byId).sort((a, b) => String(a.published || "").localeCompare(String(b.published || ""))
      || a.claim_id.localeCompare(b.claim_id));
    const node = el("div", { class: "claim-chart", "data-scope": scopeKey(s), "data-kind": s.kind });
    box.appendChild(el("figure", { class: "small" }, el("figcaption", {}, `${kindLabel(s.kind)} — ${where(s)}`), node));
    const chart = chartIn(node);
    const status = (c) => (!c.current ? "superseded" : inc.conflicts.some((x) => x.a === c.claim_id || x.b === c.claim_id) ? "in conflict" : "standing");
    const colour = { superseded: "#999", "in conflict": "#c0392b", standing: "#1f4e86" };
    const cats = claims.map((c) => `${c.published || "?"}\n${source(c)}`);
    const data = claims.map((c, i) => {
      const v = c.value ?? c.low;
      return { value: [i, v], claim: c, itemStyle: { color: colour[status(c)] }, status: status(c) };
    });
    const ranges = claims.map((c, i) => [i, c.low, c.high ?? c.low]).filter((r) => r[1] !== r[2]);
    chart.setOption({
      animation: false,
      grid: { left: 44, right: 10, top: 12, bottom: 44 },
      tooltip: { trigger: "item", confine: true, formatter: (p) => {
        const c = p.data.claim;
        if (!c) return "";
        return `<b>${esc(claimAmount(c))}</b> ${esc(kindLabel(c.kind))}<br>${esc(source(c))}`
          + `${c.published ? ", " + esc(c.published) : ""}<br>${esc(p.data.status)}<br>`
          + `${c.language ? `[${esc(c.language.toUpperCase())}] ` : ""}<i>${esc(c.evidence.text)}</i>`;
      } },
      xAxis: { type: "category", data: cats, axisLabel: { fontSize: 9, lineHeight: 12, interval: 0, width: 110, overflow: "truncate" } },
      yAxis: { type: "value", min: 0, axisLabel: { fontSize: 9 } },
      series: [
        { type: "line", data: data.map((d) => d.value), lineStyle: { color: "#bbb", type: "dashed" }, symbol: "none", silent: true },
        { type: "custom", silent: true, data: ranges, renderItem: (p, api) => {
          const a = api.coord([api.value(0), api.value(1)]), b = api.coord([api.value(0), api.value(2)]);
          return { type: "line", shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: "#1f4e86", lineWidth: 3, opacity: 0.4 } };
        } },
        { type: "scatter", name: "claims", data, symbolSize: 9 },
      ],
    });
  }
  $("#claim-charts-none").hidden = scopes.length > 0;
}

const FIELD_LABELS = { incident: "attack", estimate: "best estimate", interval: "range", grade: "grade" };
const CHANGE_WORDS = { created: "first recorded", removed: "removed" };

// The change log, up to the as-of time: the changes one report made to one figure at one
// moment (its best estimate, range and grade) are one row.
function drawHistory(items, inc, asOf) {
  const body = $("#history tbody");
  clear(body);
  const until = asOfTime(asOf);
  const rows = [];
  for (const c of items) {
    if (until !== null && Date.parse(c.changed_at) > until) continue;
    const last = rows[rows.length - 1];
    if (last && last.changed_at === c.changed_at && last.kind === c.kind && last.report_uid === c.report_uid) {
      last.changes.push(c);
    } else {
      rows.push({ changed_at: c.changed_at, kind: c.kind, report_uid: c.report_uid, report_id: c.report_id,
                  changes: [c] });
    }
  }
  for (const r of rows) {
    const what = r.changes.map((c, i) => el("span", { class: `change field-${c.field}`, "data-field": c.field },
      i ? " · " : "",
      c.field === "incident" ? `attack ${CHANGE_WORDS[c.new] || c.new}`
        : [`${FIELD_LABELS[c.field] || c.field} `, c.old ?? el("span", { class: "muted" }, "none"), " → ",
           c.field === "estimate" ? el("strong", {}, c.new ?? "none") : (c.new ?? "none")]));
    const link = r.report_id
      ? el("a", { class: "report-link", href: reportHash(r.report_uid || r.report_id,
        { incident: inc.incident_id, as_of: asOf }) }, `report ${r.report_id}`)
      : el("span", { class: "muted" }, "a rebuild");
    body.appendChild(el("tr", { class: "history-row", "data-kind": r.kind || "", "data-report": r.report_id || "" },
      el("td", { class: "when" }, utcTime(r.changed_at)),
      el("td", {}, r.kind ? kindLabel(r.kind) : "the attack"),
      el("td", {}, what), el("td", {}, link)));
  }
  if (!rows.length) body.appendChild(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "no change recorded")));
}

function drawClaims(inc, asOf) {
  const box = $("#claims");
  clear(box);
  const kinds = [...new Set(inc.claims.map((c) => c.kind))].sort((a, b) => kindRank(a) - kindRank(b));
  for (const kind of kinds) {
    const ol = el("ol", {});
    for (const c of inc.claims.filter((x) => x.kind === kind)) {
      const ev = c.evidence;
      const link = reportHash(c.report_id, { start: ev.start, end: ev.end, incident: inc.incident_id, as_of: asOf });
      ol.appendChild(el("li", { class: "claim", "data-claim": c.claim_id, "data-kind": c.kind, "data-lang": c.language },
        el("div", { class: "claim-head" },
          languageMark(c.language), c.language ? " " : "",
          el("span", { class: c.current ? null : "superseded" }, `${claimAmount(c)}${c.place ? " in " + c.place : ""}`),
          c.weapon ? ` · ${c.weapon}` : "",
          ` — ${c.speaker ? c.speaker + (c.speaker_role ? ", " + c.speaker_role : "") : "the report (no speaker named)"}`,
          el("span", { class: "muted" }, `; ${c.publisher ? c.publisher + ", " : ""}${c.published || "undated"}; `),
          el("a", { href: link, class: "report-link" }, `report ${c.report_id}`)),
        sentenceWithMark(ev.sentence, c.language)));
    }
    box.appendChild(el("section", { class: "kind", "data-kind": kind }, el("h4", {}, kindLabel(kind)), ol));
  }
}

export async function showIncident(id, params = new URLSearchParams()) {
  const asOf = params.get("as_of") || "";
  const path = `/incidents/${encodeURIComponent(id)}`;
  let inc, history;
  try {
    [inc, history] = await Promise.all([
      getJSON(`${path}${asOf ? "?" + new URLSearchParams({ as_of: asOf }) : ""}`), getJSON(`${path}/history`)]);
  } catch (e) {
    setStatus(`could not load incident ${id}${asOf ? " as of " + asOf : ""}: ${e.message}`);
    $("#incident-title").textContent = `Attack ${id}: not found${asOf ? " as of " + asOf.replace("T", " ") : ""}`;
    for (const n of ["#incident-meta", "#estimates tbody", "#conflicts", "#revisions", "#claims", "#history tbody",
                     "#places", "#damage"]) clear($(n));
    $("#view-incident").dataset.incident = "";
    document.body.dataset.ready = "incident";
    return;
  }
  const byId = Object.fromEntries(inc.claims.map((c) => [c.claim_id, c]));
  $("#view-incident").dataset.incident = inc.incident_id;
  document.title = `strikeledger: attack of ${inc.date || inc.incident_id}`;
  $("#incident-title").textContent = `Attack of ${inc.date || "unknown date"}`
    + (inc.incident_id !== inc.date ? ` (${inc.incident_id})` : "");
  $("#incident-meta").textContent = `${inc.report_count} report(s) from ${inc.source_count} source(s), `
    + `${inc.claim_count} claim(s); oblasts hit: ${inc.oblasts_hit.join(", ") || "none known"}`
    + (inc.weapons.length ? `; weapons: ${inc.weapons.join(", ")}` : "");
  const permalink = $("#permalink");
  permalink.href = `${location.origin}${location.pathname}${incidentHash(inc.incident_id, asOf)}`;
  permalink.textContent = permalink.href;
  drawEstimates(inc, byId);
  drawConflicts(inc, byId);
  drawRevisions(inc, byId);
  drawClaimCharts(inc, byId);
  drawClaims(inc, asOf);
  drawHistory(history.items, inc, asOf);
  const places = $("#places");
  clear(places);
  inc.places.forEach((p) => places.appendChild(
    el("li", {}, `${p.name}${p.admin1 && p.admin1 !== p.name ? " (" + p.admin1 + ")" : ""}: ${p.role}`)));
  const damage = $("#damage");
  clear(damage);
  inc.damage.forEach((d) => damage.appendChild(el("li", {}, `${d.category}: ${d.text}${d.place ? " in " + d.place : ""}`)));
  if (!inc.damage.length) damage.appendChild(el("li", { class: "muted" }, "none reported"));
  setDownload($("#claims-csv"), `strikeledger-${inc.incident_id}-claims.csv`,
    ["incident", "claim", "kind", "stated", "qualifier", "value", "low", "high", "place", "weapon",
     "speaker", "publisher", "published", "report", "status", "language", "evidence"],
    inc.claims.map((c) => [inc.incident_id, c.claim_id, c.kind, claimAmount(c), c.qualifier, c.value, c.low,
      c.high, c.place, c.weapon, c.speaker, c.publisher, c.published, c.report_id,
      c.current ? "current" : "superseded", c.language, c.evidence.text]));
  document.body.dataset.ready = "incident";
}

export { append };
