// The timeline: a real date axis (gaps between attacks show as gaps), one series per
// figure kind, each attack's figure drawn as its range (low–high) with the best estimate
// marked, and a date brush (the slider under the chart) that filters the rest of the page.
//
// Each mark is the incident's estimate as the library made it: `value` (the preferred
// claim) is the best estimate; the range is the contested values, or low–high. Nothing
// here picks an end of a range, so launched and downed are drawn from the same kind of
// number: a contested "500–595" launched is a bar from 500 to 595 with 595 marked, never a
// bar of 500 beside 568 downed.

import { chartAt, dayValue, esc, isoDay, kindLabel, QUALIFIER_LABELS } from "./dom.js";

const PANELS = [
  { name: "launched and stopped", kinds: ["drones_launched", "drones_downed", "missiles_launched", "missiles_downed"] },
  { name: "people", kinds: ["killed", "injured", "children_killed", "children_injured"] },
];
export const COLOURS = {
  drones_launched: "#7a9cc6", drones_downed: "#1f4e86", missiles_launched: "#c9a227",
  missiles_downed: "#7a5c00", killed: "#9b1c1c", injured: "#e3894b",
  children_killed: "#5b2a86", children_injured: "#b48ad6",
};
const DAY = 86400000;

// The drawn numbers of one estimate: [low, high (null: open), best].
export function drawn(e) {
  let lo = e.low, hi = e.high;
  if (e.contested_values) [lo, hi] = e.contested_values;
  const best = e.value !== null && e.value !== undefined ? e.value : lo;
  return [lo ?? best, hi, best];
}

function item(inc, kind) {
  const e = inc.estimates[kind];
  if (!e || !inc.date) return null;
  const [lo, hi, best] = drawn(e);
  // an open upper end (-1) keeps every dimension a number, as ECharts needs
  return { value: [dayValue(inc.date), lo, hi ?? -1, best], incident: inc.incident_id, date: inc.date,
           estimate: e };
}

function tooltip(p) {
  const d = p.data, e = d.estimate;
  const q = e.qualifier ? QUALIFIER_LABELS[e.qualifier] || e.qualifier : "";
  return `<b>${esc(d.date)}</b> · ${esc(p.seriesName)}<br>`
    + `best estimate <b>${esc(e.label)}</b> (${esc(e.grade)})<br>`
    + (q ? `as stated: ${esc(q)}<br>` : "")
    + `range ${esc(d.value[1])}–${d.value[2] < 0 ? "open" : esc(d.value[2])}<br>`
    + `according to ${esc(e.basis)}`;
}

// Series k of n in a panel sits k steps from the day's centre, so the ranges of one day
// stand side by side.
function renderer(k, n) {
  return (params, api) => {
    const [t, lo, hi, best] = [api.value(0), api.value(1), api.value(2), api.value(3)];
    const offset = (k - (n - 1) / 2) * 7;
    const x = api.coord([t, best])[0] + offset;
    const yBest = api.coord([t, best])[1];
    const yLo = api.coord([t, lo])[1];
    const top = params.coordSys.y;
    const open = !(hi >= 0);
    const yHi = open ? Math.max(top, yLo - 40) : api.coord([t, hi])[1];
    const colour = api.visual("color");
    return {
      type: "group",
      children: [
        { type: "line", shape: { x1: x, y1: yLo, x2: x, y2: yHi },
          style: { stroke: colour, lineWidth: 3, opacity: 0.55, lineDash: open ? [3, 2] : null } },
        { type: "circle", shape: { cx: x, cy: yBest, r: 4 }, style: { fill: colour, stroke: "#fff", lineWidth: 1 } },
      ],
    };
  };
}

export function drawTimeline(node, incidents, { from, to, onBrush, onOpen }) {
  const chart = chartAt(node);
  chart.off("click");
  chart.off("datazoom");
  const dated = incidents.filter((i) => i.date);
  if (!dated.length) {
    chart.setOption({ title: { text: "no dated attacks in this selection", left: "center", top: "middle",
                               textStyle: { fontSize: 13, color: "#777", fontWeight: "normal" } } }, { notMerge: true });
    return chart;
  }
  const days = dated.map((i) => dayValue(i.date));
  // a margin of 2% of the span (at least a day), so the first and last marks are not cut
  const pad = Math.max(DAY, Math.round((Math.max(...days) - Math.min(...days)) * 0.02 / DAY) * DAY);
  const min = Math.min(...days) - pad, max = Math.max(...days) + pad;
  const grids = [{ left: 56, right: 16, top: 40, height: 150 }, { left: 56, right: 16, top: 240, height: 110 }];
  const series = [];
  PANELS.forEach((panel, g) => {
    panel.kinds.forEach((kind, k) => {
      const data = dated.map((i) => item(i, kind)).filter(Boolean);
      if (!data.length) return;
      series.push({ type: "custom", name: kindLabel(kind), id: kind, xAxisIndex: g, yAxisIndex: g,
                    renderItem: renderer(k, panel.kinds.length), encode: { x: 0, y: [1, 2, 3] },
                    itemStyle: { color: COLOURS[kind] }, data, animation: false,
                    tooltip: { formatter: tooltip } });
    });
  });
  const axis = (g) => ({
    type: "time", gridIndex: g, min, max,
    axisLabel: { hideOverlap: true, fontSize: 10, formatter: { year: "{yyyy}", month: "{MMM} {yyyy}", day: "{d} {MMM}" } },
    splitLine: { show: true, lineStyle: { color: "#eee" } },
  });
  chart.setOption({
    animation: false,
    legend: { top: 0, type: "scroll", textStyle: { fontSize: 11 } },
    tooltip: { trigger: "item", confine: true },
    grid: grids,
    xAxis: [axis(0), axis(1)],
    yAxis: PANELS.map((p, g) => ({ type: "value", gridIndex: g, name: p.name, nameTextStyle: { fontSize: 11, align: "left" },
                                   axisLabel: { fontSize: 10 }, min: 0 })),
    dataZoom: [
      { type: "slider", xAxisIndex: [0, 1], bottom: 8, height: 22, filterMode: "none",
        labelFormatter: (v) => isoDay(v), brushSelect: true,
        startValue: from ? dayValue(from) : min, endValue: to ? dayValue(to) : max },
      { type: "inside", xAxisIndex: [0, 1], filterMode: "none" },
    ],
    series,
  }, { notMerge: true });
  chart.on("click", (p) => { if (p.data && p.data.incident) onOpen(p.data.incident); });
  let pending = null;
  chart.on("datazoom", () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const z = chart.getOption().dataZoom[0];
      const start = isoDay(Math.ceil((z.startValue - 1) / DAY) * DAY);
      const end = isoDay(Math.floor(z.endValue / DAY) * DAY);
      // The whole span selected is no date filter at all.
      onBrush(z.startValue <= min ? "" : start, z.endValue >= max ? "" : end);
    }, 250);
  });
  return chart;
}
