"""Sentences, paragraphs and lines of a report, as character spans of its text.

Every extractor works on offsets into the report text so that evidence spans stay
exact. This module only finds boundaries; it never changes the text. The ``segment``
annotator finds them once per report; every later annotator reads them from the Document.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load
from ..data.schemas import Sentences
from .casefold import fold
from .document import Document, Span, annotator


@lru_cache(maxsize=None)
def _abbreviations(lang: str = "en") -> frozenset[str]:
    """Words after which a full stop ends no sentence ("Jan. 8", "Kharkiv Gov. Oleh ...")."""
    return frozenset(load(f"{lang}/sentences.json", Sentences).abbreviations)


_PARA = re.compile(r"\n\s*\n|\n(?=\s*(?:[–—•*-]|\d{1,2}[:.]\d{2}\b|UPD|Update))")
# a line break ends a sentence unless the next line goes on in lower case (hard-wrapped text)
# (a citation mark may follow the full stop: "... 194 drones.[1] The Air Force ...")
_SENT_END = re.compile(r"""[.!?]+["'”’)]*(?:\[\d{1,3}\])*(?=\s+["'“‘(]?[A-Z0-9А-ЯІЇЄ])|[.!?]+["'”’)]*\s*$|\n(?![ \t]*[a-z])""")


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines (or a line that starts a list item / timestamp)."""
    out, pos = [], 0
    for m in _PARA.finditer(text):
        span = _trim(text, pos, m.start())
        if span:
            out.append(span)
        pos = m.end()
    span = _trim(text, pos, len(text))
    if span:
        out.append(span)
    return out


def sentences(text: str, start: int = 0, end: int | None = None, lang: str = "en") -> list[Span]:
    """Sentence spans within text[start:end]; a line break ends a sentence unless the next
    line goes on in lower case."""
    return _sentences(text, start, len(text) if end is None else end, _abbreviations(lang))


def line_starts(text: str) -> list[int]:
    """The offset of every line's first character (0 and each position after a newline)."""
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


_NEWLINE = re.compile(r"\n")


@annotator("segment", reads=("text", "lang"),
           assigns=("folded", "line_starts", "paragraphs", "paragraph_starts", "sentences",
                    "sentence_starts"))
def segment(doc: Document) -> None:
    text = doc.text
    doc.folded = fold(text)
    doc.line_starts = line_starts(text)
    doc.paragraphs = paragraphs(text)
    doc.paragraph_starts = [p.start for p in doc.paragraphs]
    doc.sentences = sentences(text, lang=doc.lang)
    doc.sentence_starts = [s.start for s in doc.sentences]


def _last_word(text: str, start: int, end: int) -> str:
    """The run of word characters and dots that ends at ``end`` ("" when none)."""
    i = end
    while i > start and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i:end]


def _sentences(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[Span]:
    out, pos = [], start
    for m in _SENT_END.finditer(text, start, end):
        if m.group(0).startswith("...."):
            continue  # dot leaders of a table row: "Kh-101 ........ 9"
        if m.group(0)[0] == ".":
            # "Jan. 8", "a.m. local": an abbreviation, not a sentence end
            word = _last_word(text, pos, m.start())
            if word.lower().rstrip(".") in abbreviations:
                continue
            if len(word) == 1 and word.isupper():
                continue  # an initial: "V. Zelenskyy"
        span = _trim(text, pos, m.end())
        if span:
            out.append(span)
        pos = m.end()
    span = _trim(text, pos, end)
    if span:
        out.append(span)
    return out
