"""RSS and Atom feeds: fetching over HTTP, reading items, and an item's text.

``Http`` is one httpx client with a timeout, a size limit and conditional requests
(If-None-Match / If-Modified-Since). ``parse_feed`` reads a feed with feedparser into
``FeedItem``s. ``item_text`` is an item's text: its full content (``content:encoded``,
Atom ``content``) when the feed carries it; otherwise, when the item holds only a
summary, the main text of the page it links to (trafilatura, as the HTML reader does),
and the summary itself only when that page is gone (4xx) or has no article text.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import logging
from dataclasses import dataclass

from ..errors import StrikeledgerError

log = logging.getLogger(__name__)

USER_AGENT = "strikeledger/0.1 (feed follower)"
MAX_BYTES = 20 * 1024 * 1024


class FetchError(StrikeledgerError):
    """A URL could not be fetched: network error, timeout, an HTTP error status."""

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        """Worth trying again later (network, timeout, 408, 429, 5xx), not a 404."""
        return self.status is None or self.status in (408, 425, 429) or self.status >= 500


@dataclass(frozen=True)
class Response:
    status: int            # 200 or 304
    body: bytes
    etag: str | None
    last_modified: str | None


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (its HTTP-date form is not read: it would need a clock)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


class Http:
    """GET with a timeout (seconds, for connecting and for each read), a size limit and
    conditional headers. Raises FetchError for anything but 200 and 304."""

    def __init__(self, timeout: float = 20.0, max_bytes: int = MAX_BYTES):
        import httpx
        self._httpx = httpx
        self.max_bytes = max_bytes
        self.client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True,
                                   headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None,
            last_modified: str | None = None) -> Response:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        httpx = self._httpx
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                if r.status_code not in (200, 304):
                    raise FetchError(f"HTTP {r.status_code}", status=r.status_code,
                                     retry_after=_retry_after(r.headers.get("retry-after")))
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"larger than {self.max_bytes} bytes", status=413)
                    chunks.append(chunk)
                return Response(r.status_code, b"".join(chunks), r.headers.get("etag"),
                                r.headers.get("last-modified"))
        except httpx.TimeoutException as e:
            raise FetchError(f"timed out ({type(e).__name__})") from None
        except httpx.HTTPError as e:
            raise FetchError(f"{type(e).__name__}: {e}") from None


@dataclass(frozen=True)
class FeedItem:
    guid: str | None
    link: str | None
    title: str | None
    published: dt.date | None
    content: str | None     # the full text (HTML) when the feed carries it
    summary: str | None     # HTML


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[FeedItem]


def parse_feed(body: bytes, url: str) -> Feed:
    """The items of an RSS or Atom document, oldest first (feeds list newest first).
    Raises FetchError when the body is not a feed."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise FetchError(f"not an RSS or Atom feed ({why or 'no feed element'})".rstrip())
    items = []
    for entry in parsed.entries:
        content = next((c.get("value") for c in entry.get("content") or []
                        if (c.get("value") or "").strip()), None)
        items.append(FeedItem(guid=entry.get("id") or None, link=entry.get("link") or None,
                              title=entry.get("title") or None, published=item_date(entry),
                              content=content, summary=entry.get("summary") or None))
    items.reverse()
    return Feed(parsed.feed.get("title") or None, items)


def item_date(entry) -> dt.date | None:
    """The item's date as the feed writes it (in the feed's own UTC offset): its
    ``published`` date, else ``updated``."""
    for name in ("published", "updated"):
        raw = entry.get(name)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date()       # RSS: RFC 822
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
        parsed = entry.get(f"{name}_parsed")                             # feedparser's UTC
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "tr", "section", "article", "ul", "ol", "table"}


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed's content or summary): paragraphs on lines of
    their own, scripts and styles dropped."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node) -> None:
        if isinstance(node.tag, str) and node.tag.lower() in _BLOCKS:
            parts.append("\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if isinstance(node.tag, str) and node.tag.lower() in _BLOCKS:
            parts.append("\n")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n\n".join(line for line in lines if line)


def page_text(html: bytes, url: str) -> str | None:
    """The main text of an article page (the HTML reader's trafilatura), or None."""
    from ..errors import InputError
    from .readers import read_html

    for item in read_html(url, html):
        return None if isinstance(item, InputError) else item.text
    return None


def item_text(item: FeedItem, http: Http) -> str | None:
    """The item's text (see the module's doc); None when it has none. Raises FetchError
    when its page could not be fetched for a reason worth trying again later."""
    if item.content:
        text = html_text(item.content)
        if text.strip():
            return text
    if item.link:
        try:
            page = http.get(item.link)
        except FetchError as e:
            if e.transient:
                raise
            log.warning("%s: %s; the feed's summary is used", item.link, e)
        else:
            text = page_text(page.body, item.link)
            if text and text.strip():
                return text
            log.warning("%s: no article text on the page; the feed's summary is used",
                        item.link)
    text = html_text(item.summary) if item.summary else ""
    return text if text.strip() else None
