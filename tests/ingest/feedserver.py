"""A local HTTP server for the follower's tests, run as its own process.

    python feedserver.py DOCROOT LOG PORT_FILE [PORT]

Serves the files under DOCROOT with an ETag (a hash of the content) and Last-Modified,
and answers 304 to a matching If-None-Match or If-Modified-Since. Beside a file NAME, a
file NAME.status holding a number makes that the answer's status (500, 404, 429...), and
NAME.delay holding seconds delays the answer. Each request is one JSON line in LOG:
path, If-None-Match, If-Modified-Since, status, time. The port (0: any free one) is
written to PORT_FILE once the server listens.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_log_lock = threading.Lock()


def make_handler(root: Path, log: Path):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):      # the JSON log is enough
            pass

        def _note(self, status: int) -> None:
            line = {"path": self.path, "inm": self.headers.get("If-None-Match"),
                    "ims": self.headers.get("If-Modified-Since"), "status": status,
                    "t": time.time()}
            with _log_lock, log.open("a", encoding="utf-8") as f:
                f.write(json.dumps(line) + "\n")

        def _side(self, f: Path, suffix: str) -> str | None:
            side = f.with_name(f.name + suffix)
            return side.read_text().strip() if side.exists() else None

        def do_GET(self):
            f = root / self.path.split("?")[0].lstrip("/")
            delay = self._side(f, ".delay")
            if delay:
                time.sleep(float(delay))
            status = self._side(f, ".status")
            if status:
                self._note(int(status))
                self.send_response(int(status))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if not f.is_file():
                self._note(404)
                self.send_error(404)
                return
            body = f.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            modified = email.utils.formatdate(int(f.stat().st_mtime), usegmt=True)
            if self.headers.get("If-None-Match") == etag or (
                    self.headers.get("If-None-Match") is None
                    and self.headers.get("If-Modified-Since") == modified):
                self._note(304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._note(200)
            self.send_response(200)
            kind = ("application/rss+xml" if f.suffix in (".rss", ".xml") else
                    "application/atom+xml" if f.suffix == ".atom" else "text/html; charset=utf-8")
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main() -> None:
    root, log, port_file = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    port = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(root, log))
    server.daemon_threads = True
    tmp = port_file.with_name(port_file.name + ".tmp")
    tmp.write_text(str(server.server_address[1]))
    tmp.rename(port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
