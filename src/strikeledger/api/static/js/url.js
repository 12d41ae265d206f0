// Every filter lives in the URL (the hash, as the server serves one page):
//   #/?from=2025-03-01&to=2025-03-31&oblast=Kharkiv+Oblast&kind=killed&map=injured
//   #/incident/2025-03-02            an incident (its permalink)
//   #/report/<report id>?start=..&end=..&incident=..   a report, a claim's evidence marked
// Reading the URL gives the view and the filters; changing a filter writes the URL.

export const FILTER_KEYS = ["from", "to", "oblast", "kind", "map"];

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
  const s = q.toString();
  return s ? `#/?${s}` : "#/";
}

export const incidentHash = (id) => `#/incident/${encodeURIComponent(id)}`;

export function reportHash(reportId, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return `#/report/${encodeURIComponent(reportId)}${s ? "?" + s : ""}`;
}

// The API's query for a set of filters (dates optional: the timeline reads all dates).
export function apiQuery(filters, { dates = true } = {}) {
  const q = new URLSearchParams();
  if (dates && filters.from) q.set("date_from", filters.from);
  if (dates && filters.to) q.set("date_to", filters.to);
  if (filters.oblast) q.set("oblast", filters.oblast);
  if (filters.kind) q.set("kind", filters.kind);
  return q;
}
