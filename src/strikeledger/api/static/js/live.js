// Live updates: what changed in the dataset since the page loaded, from the change log's
// stream (/changes/stream, Server-Sent Events) starting at the cursor /meta gave, and by
// polling /changes when the stream cannot be held (a proxy that buffers it, a browser
// without EventSource). Changes arriving together are handed over as one batch.
//
// document.body.dataset.live says which way they come: "stream" or "polling".

import { getJSON } from "./dom.js";

const GATHER_MS = 300;     // changes this close together are one batch (one redraw)
const POLL_MS = 5000;      // the fallback's interval
const STREAM_FAILURES = 2; // errors in a row, without the stream opening, before polling

export function follow(cursor, onChanges) {
  let last = cursor;
  let batch = [];
  let timer = null;

  const take = (items) => {
    const fresh = items.filter((c) => c.seq > last);
    if (!fresh.length) return;
    last = fresh[fresh.length - 1].seq;
    batch.push(...fresh);
    clearTimeout(timer);
    timer = setTimeout(() => { const b = batch; batch = []; onChanges(b); }, GATHER_MS);
  };

  const poll = async () => {
    document.body.dataset.live = "polling";
    try {
      const res = await getJSON(`/changes?${new URLSearchParams({ after: last, limit: 500 })}`);
      take(res.items);
      if (res.items.length) { poll(); return; }      // more may wait beyond the page
    } catch (e) {
      // the server is away for a moment: ask again later
    }
    setTimeout(poll, POLL_MS);
  };

  if (!window.EventSource) { poll(); return; }
  // A reconnecting EventSource sends Last-Event-ID (the last seq it saw), which the
  // server prefers to `after`: nothing is missed or repeated across reconnects.
  const source = new EventSource(`/changes/stream?${new URLSearchParams({ after: last })}`);
  let failures = 0;
  source.addEventListener("open", () => { failures = 0; document.body.dataset.live = "stream"; });
  source.addEventListener("change", (ev) => take([JSON.parse(ev.data)]));
  source.addEventListener("error", () => {
    failures += 1;
    if (failures >= STREAM_FAILURES || source.readyState === EventSource.CLOSED) {
      source.close();
      poll();
    }
  });
}
