// Every filter lives in the URL (the hash, as the server serves one page):
//   #/?from=2025-03-01&to=2025-03-31&oblast=Kharkiv+Oblast&kind=killed&map=injured
//   #/?as_of=2025-03-02T18:00:00     the dataset as it stood then (UTC; the API's as_of)
//   #/incident/2025-03-02            an incident (its permalink)
//   #/incident/2025-03-02?as_of=..   the incident as it stood then
//   #/report/<report id>?start=..&end=..&incident=..   a report, a claim's evidence marked
// Reading the URL gives the view and the filters; changing a filter writes the URL.

// A query string, its colons left as they are (allowed in a URL's query and fragment) so
// that an as-of time reads as one: as_of=2025-03-02T18:00:00.
const qs = (q) => q.toString().replace(/%3A/gi, ":");

export const FILTER_KEYS = ["from", "to", "oblast", "kind", "map", "as_of"];

export function parse(hash = location.hash) {
  const h = hash.replace(/^#/, "") || "/";
  const [path, qs] = h.split("?", 2);
  const params = new URLSearchParams(qs || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "incident" && parts[1]) return { view: "incident", id: parts.slice(1).join("/"), params };
  if (parts[0] === "report" && parts[1]) return { view: "report", id: parts.slice(1).join("/"), params };
  return { view: "dashboard", params };
}

export function filtersOf(params) {
  const f = {};
  for (const k of FILTER_KEYS) f[k] = params.get(k) || "";
  if (!f.map) f.map = "attacks";
  return f;
}

export function dashboardHash(filters) {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v && !(k === "map" && v === "attacks")) q.set(k, v);
  }
  const s = qs(q);
  return s ? `#/?${s}` : "#/";
}

// An incident's page; with an as-of time, as the incident stood then.
export function incidentHash(id, asOf = "") {
  const q = asOf ? `?${qs(new URLSearchParams({ as_of: asOf }))}` : "";
  return `#/incident/${encodeURIComponent(id)}${q}`;
}

// An as-of value (as the API reads it: a date means its end; no zone means UTC) as a
// time in ms, to compare with a change's changed_at.
export function asOfTime(asOf) {
  if (!asOf) return null;
  const s = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T23:59:59.999` : asOf;
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`);
}

export function reportHash(reportId, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = qs(q);
  return `#/report/${encodeURIComponent(reportId)}${s ? "?" + s : ""}`;
}

// The API's query for a set of filters (dates optional: the timeline reads all dates).
export function apiQuery(filters, { dates = true } = {}) {
  const q = new URLSearchParams();
  if (dates && filters.from) q.set("date_from", filters.from);
  if (dates && filters.to) q.set("date_to", filters.to);
  if (filters.oblast) q.set("oblast", filters.oblast);
  if (filters.kind) q.set("kind", filters.kind);
  if (filters.as_of) q.set("as_of", filters.as_of);
  return q;
}
