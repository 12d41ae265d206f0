// A report's full text, with the evidence of a claim highlighted (and every other
// figure's evidence lightly marked), reached from a claim's "report" link.

import { $, clear, el, getJSON, kindLabel, LANGUAGES, languageMark, setStatus } from "./dom.js";
import { incidentHash } from "./url.js";

export async function showReport(id, params) {
  let rep;
  try {
    rep = await getJSON(`/reports/${encodeURIComponent(id)}`);
  } catch (e) {
    setStatus(`could not load report ${id}: ${e.message}`);
    document.body.dataset.ready = "report";
    return;
  }
  const incident = params.get("incident");
  const back = $("#report-back");
  back.href = incident ? incidentHash(incident, params.get("as_of") || "") : "#/";
  back.textContent = incident ? `← attack of ${incident}` : "← all attacks";
  $("#report-title").textContent = `Report ${rep.report_id}`;
  const record = rep.record || {};
  const lang = record.language;
  const meta = $("#report-meta");
  clear(meta);
  meta.append(`${rep.publisher || "publisher unknown"}, published ${rep.published || "undated"}; attack date ${rep.attack_date || "unknown"}`);
  if (lang) meta.append("; ", languageMark(lang), ` written in ${LANGUAGES[lang] || lang}`);
  if (rep.url) meta.append("; ", el("a", { href: rep.url, rel: "noopener noreferrer" }, "original"));

  const text = rep.text;
  const start = Number(params.get("start")), end = Number(params.get("end"));
  const focus = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length
    ? [start, end] : null;
  // every figure's evidence, as non-overlapping marks in text order
  const spans = (record.figures || []).map((f) => ({ start: f.evidence.start, end: f.evidence.end, kind: f.kind }))
    .filter((s) => Number.isInteger(s.start) && s.end > s.start && s.end <= text.length);
  if (focus && !spans.some((s) => s.start === focus[0] && s.end === focus[1])) spans.push({ start: focus[0], end: focus[1] });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const body = $("#report-text");
  clear(body);
  if (lang) body.setAttribute("lang", lang); else body.removeAttribute("lang");
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    body.append(text.slice(at, s.start));
    const isFocus = focus && s.start === focus[0] && s.end === focus[1];
    body.append(el("mark", { class: isFocus ? "focus" : "figure", id: isFocus ? "evidence" : null,
                             title: s.kind ? kindLabel(s.kind) : null }, text.slice(s.start, s.end)));
    at = s.end;
  }
  body.append(text.slice(at));
  const target = $("#evidence");
  if (target) target.scrollIntoView({ block: "center" });
  document.body.dataset.ready = "report";
}
