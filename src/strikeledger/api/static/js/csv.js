// A CSV download of exactly the rows shown, built in the page (RFC 4180 quoting; cells
// that a spreadsheet would read as a formula are prefixed with an apostrophe).

function cell(v) {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCSV(header, rows) {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

// Point the link `a` at a CSV file of `rows` named `name`.
export function setDownload(a, name, header, rows) {
  if (a.dataset.url) URL.revokeObjectURL(a.dataset.url);
  const url = URL.createObjectURL(new Blob([toCSV(header, rows)], { type: "text/csv;charset=utf-8" }));
  a.href = url;
  a.dataset.url = url;
  a.download = name;
  a.dataset.rows = rows.length;
}
