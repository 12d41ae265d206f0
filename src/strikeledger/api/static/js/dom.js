// Small DOM helpers. Report text only ever enters the page as text nodes
// (textContent / createTextNode), never parsed as HTML; chart tooltips, which ECharts
// renders as HTML, get their text through esc().

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) append(node, c);
  return node;
}

export function append(node, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach((c) => append(node, c)); return; }
  node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
export function $(sel) { return document.querySelector(sel); }
export function setStatus(text) { $("#status").textContent = text || ""; }

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function esc(text) { return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]); }

export async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.statusText;
    throw new Error(`${res.status}: ${msg}`);
  }
  return body;
}

export const KIND_LABELS = {
  drones_launched: "drones launched", drones_downed: "drones downed",
  missiles_launched: "missiles launched", missiles_downed: "missiles downed",
  killed: "killed", injured: "injured", children_killed: "children killed",
  children_injured: "children injured",
};
export const kindLabel = (k) => KIND_LABELS[k] || k;

export const QUALIFIER_LABELS = {
  exact: "exactly", at_least: "at least", more_than: "more than", at_most: "at most",
  less_than: "less than", nearly: "nearly", approx: "about", range: "between", vague: "vaguely",
};

// A claim's amount as said: "595", "nearly 500", "10–12", "at least 200".
export function claimAmount(c) {
  if (c.value !== null && c.value !== undefined) {
    return c.qualifier === "exact" ? String(c.value) : `${QUALIFIER_LABELS[c.qualifier] || c.qualifier} ${c.value}`;
  }
  if (c.high !== null && c.high !== undefined) return `${c.low}–${c.high}`;
  return `${c.qualifier === "vague" ? "some (at least" : "at least"} ${c.low}${c.qualifier === "vague" ? ")" : ""}`;
}

// The languages a record may be in (CONTRACT.md v1.1, the record's `language`).
export const LANGUAGES = { en: "English", uk: "Ukrainian", ru: "Russian" };

// A mark of a text's language: "UK" with the language's name in its title.
export function languageMark(lang) {
  if (!lang) return null;
  return el("span", { class: "lang-mark", "data-lang": lang, title: `in ${LANGUAGES[lang] || lang} (as written)` },
    lang.toUpperCase());
}

// A time as "2025-03-02 18:00:05" (UTC).
export const utcTime = (iso) => new Date(iso).toISOString().slice(0, 19).replace("T", " ");

// A day as an ECharts time value (UTC midnight) and back.
export const dayValue = (iso) => Date.parse(`${iso}T00:00:00Z`);
export const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

// Charts are drawn as SVG: crisp in screenshots, and their labels are in the DOM.
// chartAt keeps a node's chart, so a redraw (a filter, a live update) replaces its
// option in place instead of tearing the chart down: nothing flickers.
export function chartAt(node) {
  return window.echarts.getInstanceByDom(node) || window.echarts.init(node, null, { renderer: "svg" });
}

export function chartIn(node) {
  const existing = window.echarts.getInstanceByDom(node);
  if (existing) existing.dispose();
  return window.echarts.init(node, null, { renderer: "svg" });
}
