// The map: Ukraine's 27 first-level units with their names, coloured by a chosen measure
// (attacks that hit each, or a casualty kind), with its legend; a click on an oblast
// filters the page by it. Beside it, the same numbers as a table.

import { chartAt, el, clear, esc, kindLabel } from "./dom.js";

export const MEASURES = {
  attacks: "attacks (incidents that hit it)",
  casualties: "killed + injured",
  killed: "killed", injured: "injured",
  children_killed: "children killed", children_injured: "children injured",
};

let registered = false;

// Per oblast: attacks, killed, injured, children; from each incident's own per-oblast
// estimates (casualties_by_oblast, computed by the library).
export function perOblast(incidents) {
  const rows = {};
  const row = (o) => (rows[o] ||= { oblast: o, attacks: 0, killed: 0, injured: 0, children_killed: 0, children_injured: 0 });
  for (const inc of incidents) {
    for (const o of inc.oblasts_hit) row(o).attacks += 1;
    for (const [o, kinds] of Object.entries(inc.casualties_by_oblast)) {
      const r = row(o);
      for (const [k, n] of Object.entries(kinds)) if (k in r) r[k] += n;
    }
  }
  for (const r of Object.values(rows)) r.casualties = r.killed + r.injured;
  return rows;
}

const shortName = (name) => name.replace(/ Oblast$/, "").replace(/^Autonomous Republic of /, "");

export function drawMap(node, geo, rows, { measure, selected, onPick }) {
  if (!registered) {
    window.echarts.registerMap("ukraine", geo);
    registered = true;
  }
  const chart = chartAt(node);
  chart.off("click");
  const names = geo.features.map((f) => f.properties.admin1);
  const data = names.map((n) => ({ name: n, value: rows[n] ? rows[n][measure] : 0, selected: n === selected }));
  const max = Math.max(1, ...data.map((d) => d.value));
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item", formatter: (p) => `${esc(p.name)}: <b>${esc(p.value || 0)}</b> ${esc(MEASURES[measure])}` },
    visualMap: { type: "continuous", min: 0, max, left: 8, bottom: 8, calculable: false, itemHeight: 90,
                 text: [`${max}`, "0"], textStyle: { fontSize: 10 },
                 inRange: { color: ["#f2f2f2", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"] } },
    series: [{
      type: "map", map: "ukraine", nameProperty: "admin1", roam: false, selectedMode: "single",
      layoutCenter: ["54%", "50%"], layoutSize: "118%", aspectScale: 0.68,
      label: { show: true, fontSize: 8, color: "#222", textBorderColor: "#fff", textBorderWidth: 2,
               formatter: (p) => shortName(p.name) },
      labelLayout: { hideOverlap: true },
      itemStyle: { borderColor: "#fff", borderWidth: 0.6 },
      emphasis: { label: { show: true, fontWeight: "bold" }, itemStyle: { areaColor: null, borderColor: "#000", borderWidth: 1.2 } },
      select: { label: { show: true, fontWeight: "bold" }, itemStyle: { areaColor: null, borderColor: "#0a4", borderWidth: 2.5 } },
      data,
    }],
  }, { notMerge: true });
  chart.on("click", (p) => { if (p.name) onPick(p.name === selected ? "" : p.name); });
  return chart;
}

export function drawOblastTable(table, rows, { measure, selected, onPick }) {
  const body = table.querySelector("tbody");
  clear(body);
  const list = Object.values(rows).sort((a, b) => b[measure] - a[measure] || a.oblast.localeCompare(b.oblast));
  for (const r of list) {
    const tr = el("tr", { "data-oblast": r.oblast, class: r.oblast === selected ? "selected" : null },
      el("td", {}, el("a", { href: "#", class: "pick" }, r.oblast)),
      el("td", { class: "num" }, r.attacks), el("td", { class: "num" }, r.killed),
      el("td", { class: "num" }, r.injured),
      el("td", { class: "num" }, r.children_killed + r.children_injured));
    tr.querySelector("a").addEventListener("click", (ev) => { ev.preventDefault(); onPick(r.oblast === selected ? "" : r.oblast); });
    body.appendChild(tr);
  }
  if (!list.length) body.appendChild(el("tr", {}, el("td", { colspan: 5, class: "muted" }, "no oblast hit in this selection")));
  table.querySelector("caption").textContent = `Per oblast (sorted by ${MEASURES[measure]})`;
}

export { kindLabel };
