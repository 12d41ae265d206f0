"""Invented feeds and pages for the follower's tests, and a local feed server process."""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import subprocess
import sys
import time
from html import escape
from pathlib import Path

SERVER = Path(__file__).with_name("feedserver.py")

PAGE = """<html><head><title>{title}</title><meta property="og:site_name" content="Invented Wire">
</head><body><nav>Home | News | Regions | Contact</nav><article><h1>{title}</h1>
<p>{body}</p><p>Emergency crews worked at the scene through the morning, officials said,
and residents were asked to stay away from the damaged buildings until the checks end.</p>
</article><footer>Copyright Invented Wire. All rights reserved.</footer></body></html>"""


def rfc822(day: dt.date, hour: int = 7) -> str:
    when = dt.datetime(day.year, day.month, day.day, hour, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    return email.utils.format_datetime(when)


def item(n: int, *, day: dt.date = dt.date(2025, 7, 1), content: str | None = None,
         summary: str | None = None, guid: str | None = None, link: str | None = None,
         base: str = "") -> dict:
    return {"guid": guid or f"urn:invented:{n}", "link": link or f"{base}/news/{n}.html",
            "title": f"Report {n}", "date": rfc822(day), "content": content,
            "summary": summary if summary is not None else f"Short note {n}."}


def body(n: int) -> str:
    """An invented article body, distinct per n."""
    return (f"Russia launched {n + 20} drones at Ukraine overnight and air defence downed "
            f"{n + 10} of them, the Air Force said. Debris damaged {n} houses in Kyiv Oblast.")


def rss(items: list[dict], title: str = "Invented Wire") -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           f"<channel><title>{escape(title)}</title><link>http://invented.example/</link>"
           "<description>invented</description>"]
    for it in reversed(items):          # newest first, as feeds list them
        out.append(f"<item><title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>"
                   f"<guid isPermaLink=\"false\">{escape(it['guid'])}</guid>"
                   f"<pubDate>{it['date']}</pubDate>"
                   f"<description>{escape(it['summary'])}</description>"
                   + (f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>"
                      if it["content"] else "") + "</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def atom(items: list[dict], title: str = "Invented Oblast News") -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{escape(title)}</title><id>urn:invented:atom</id>"
           "<updated>2025-07-02T08:00:00+03:00</updated>"]
    for it in reversed(items):
        out.append(f"<entry><title>{escape(it['title'])}</title><id>{escape(it['guid'])}</id>"
                   f"<link href=\"{escape(it['link'])}\"/>"
                   f"<published>{it['atom_date']}</published><updated>{it['atom_date']}</updated>"
                   f"<summary>{escape(it['summary'])}</summary>"
                   + (f"<content type=\"html\">{escape(it['content'])}</content>"
                      if it["content"] else "") + "</entry>")
    out.append("</feed>")
    return "\n".join(out)


class FeedServer:
    """feedserver.py in its own process, serving ``root``; stoppable and restartable on
    the same port (so that a follower meets a refused connection, then the server)."""

    def __init__(self, tmp: Path):
        self.root = tmp / "www"
        self.root.mkdir()
        self.log = tmp / "requests.log"
        self.port_file = tmp / "port"
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None

    def start(self) -> "FeedServer":
        self.port_file.unlink(missing_ok=True)
        args = [sys.executable, str(SERVER), str(self.root), str(self.log), str(self.port_file)]
        if self.port:
            args.append(str(self.port))
        self.proc = subprocess.Popen(args)
        end = time.monotonic() + 60
        while not self.port_file.exists():
            assert self.proc.poll() is None, "feed server exited"
            assert time.monotonic() < end, "feed server did not start"
            time.sleep(0.02)
        self.port = int(self.port_file.read_text())
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def put(self, path: str, text: str) -> None:
        f = self.root / path.lstrip("/")
        f.parent.mkdir(parents=True, exist_ok=True)
        tmp = f.with_name("." + f.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.rename(f)

    def page(self, n: int, text: str | None = None) -> None:
        self.put(f"news/{n}.html", PAGE.format(title=f"Report {n}", body=text or body(n)))

    def side(self, path: str, suffix: str, value: str | None) -> None:
        f = self.root / (path.lstrip("/") + suffix)
        if value is None:
            f.unlink(missing_ok=True)
        else:
            f.write_text(value)

    def requests(self, path: str | None = None) -> list[dict]:
        if not self.log.exists():
            return []
        rows = [json.loads(line) for line in self.log.read_text().splitlines() if line]
        return [r for r in rows if path is None or r["path"] == "/" + path.lstrip("/")]
