"""Who speaks in a report: mentions of bodies and officials, and the ones quoted.

A mention is a known body ("Ukraine's Air Force"), a known official by any spelling
("Zelensky", "Vitaliy Klitschko"), or an unknown person introduced with a title
("acting governor Serhii Tiurin", "Andriy Gota, chairman of ..."); later surname-only
mentions map to the same person. A speaker is a mention that is quoted or credited
with a figure or claim ("X said", "according to X", "X: ...", the byline of an
official's own post). Vocabulary is data: ``data/speakers.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from strikeledger.data import bad_entries, load, schemas
from strikeledger.extract.reporting import reporting_alternation
from strikeledger.extract.casefold import FoldedPattern, original
from strikeledger.extract.document import Document, annotator
from strikeledger.extract.wordtrie import trie_regex
from strikeledger.model import Speaker

__all__ = ["SpeakerMention", "find_speaker_mentions", "extract_speakers", "byline_speaker",
           "reported_names"]

_TOKEN = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)?"
_NAME = rf"{_TOKEN}(?:\s+{_TOKEN}){{1,2}}"
_APPOSITIVE_TITLES = (r"(?:the\s+)?(?:acting\s+|deputy\s+|former\s+)?(?:head|chairman|chairwoman|chair|mayor|governor|"
                      r"spokesman|spokesperson|spokeswoman|secretary|minister|director|chief|CEO|commander|adviser)")
# Words by which a byline line shows it names the author of the post that follows.
_BYLINE_MARK = re.compile(r"Telegram|Facebook|\bpress service\b|\bsummary\b|"
                          r"\b(?:Address|Statement|Message|Appeal|Post|Update)\s+(?:by|from|of)\b|\bPost(?:ed)? by\b|\bStatement by\b|\||·|,\s+on\s+\w+:|:\s*$|:\s+results\b",
                          re.IGNORECASE)
_BYLINE_LINES = 2
# "(source: Ukrainian Air Force, 08:40)" under a table's title credits the table
SOURCE_NOTE = re.compile(r"[\s(\[]*(?:source|sources|data)\s*:", re.IGNORECASE)
_COUNTRY_TAIL = r"\s+of\s+(?:the\s+Armed\s+Forces\s+of\s+)?Ukraine\b"
_COUNTRY_TAIL_RE = re.compile(_COUNTRY_TAIL + "$", re.IGNORECASE)
# a verbless line that names a body is its release's byline ("National Police of Ukraine - Sumy Oblast")
_VERBISH = re.compile(r"\b(?:said|says|say|launched|launches|attacked|attacks|killed|kills|hit|hits|struck|"
                      r"strikes|fired|fires|were|was|is|are|has|have|had|vows|warns|claims|reports|"
                      r"destroys|destroyed|shot|downs|downed)\b", re.IGNORECASE)
_BYLINE_CHARS = 160


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    start: int
    end: int
    name: str
    role: str | None
    kind: Literal["person", "body"]
    title_text: str | None = None


@dataclass(frozen=True)
class _Person:
    name: str
    role: str | None
    surname_alone: bool


@dataclass(frozen=True)
class _Body:
    name: str
    role: str | None


@dataclass(frozen=True)
class _Vocab:
    bodies: dict[str, _Body]  # lower-cased alias -> body
    needs_speech: frozenset[str]
    fixed_names: frozenset[str]     # bodies always given their listed name
    anaphors: dict[str, list[str]]  # lower-cased anaphor -> body names that take it
    persons_full: dict[str, _Person]  # full-name variant -> person
    surnames: dict[str, _Person]  # surname -> person, for surnames that stand alone
    all_surnames: dict[str, list[_Person]]
    titles: dict[str, str | None]  # lower-cased title -> role template
    regions: dict[str, str]
    cities: dict[str, str]
    not_names: frozenset[str]
    body_re: FoldedPattern
    acronym_re: re.Pattern
    anaphor_re: FoldedPattern
    full_re: re.Pattern
    title_re: re.Pattern
    appositive_re: re.Pattern
    word_re: re.Pattern
    speech_after: re.Pattern
    speech_before: re.Pattern
    place_re: re.Pattern


def _alt(items) -> str:
    """An alternation of literal phrases, built as a trie (longest first) so that a long
    vocabulary costs one pass per word of text, not one attempt per phrase."""
    def atoms(phrase: str) -> list[str]:
        out: list[str] = []
        for ch in phrase:
            if ch.isspace():
                if not out or out[-1] != r"\s+":
                    out.append(r"\s+")
            else:
                out.append(re.escape(ch))
        return out
    return trie_regex(atoms(i) for i in sorted(set(items)))


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip().lower()


def _cap_insensitive(titles: list[str]) -> str:
    """Titles as one trie pattern whose words match with either case of their first letter."""
    def atoms(title: str) -> list[str]:
        out: list[str] = []
        for w in title.split():
            if out:
                out.append(r"\s+")
            first = w[0]
            out.append(f"[{first.upper()}{first.lower()}]" if first.isalpha() else re.escape(first))
            out.extend(re.escape(ch) for ch in w[1:])
        return out
    return trie_regex(atoms(t) for t in sorted(set(titles)))


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    lang = "en"
    listed = load("bodies.json", schemas.Bodies)
    raw = load(f"{lang}/speakers.json", schemas.SpeakerWords)
    unknown = [n for n in raw.bodies if n not in {b.name for b in listed.bodies}] + [
        n for n in raw.persons if n not in {p.name for p in listed.persons}]
    if unknown:
        raise bad_entries(f"strikeledger/data/{lang}/speakers.json",
                          [f"{n}: not in bodies.json" for n in unknown])

    bodies: dict[str, _Body] = {}
    needs: set[str] = set()
    anaphors: dict[str, list[str]] = {}
    words, acronyms = [], []
    for b in listed.bodies:
        body = _Body(b.name, b.role)
        said = raw.bodies.get(b.name)
        if said is None:
            continue
        for a in said.aliases:
            bodies[_norm(a)] = body
            (acronyms if re.fullmatch(r"[A-Z]{2,6}", a) else words).append(a)
        needs.update(_norm(a) for a in said.needs_speech)
        for a in said.anaphors:
            anaphors.setdefault(_norm(a), []).append(b.name)

    full: dict[str, _Person] = {}
    surnames: dict[str, _Person] = {}
    all_surnames: dict[str, list[_Person]] = {}
    for p in listed.persons:
        said = raw.persons.get(p.name) or schemas.PersonWords()
        person = _Person(p.name, p.role, said.surname_alone)
        for v in [p.name, *said.variants]:
            if len(v.split()) > 1:
                full[v] = person
            sur = v.split()[-1]
            all_surnames.setdefault(sur, [])
            if person not in all_surnames[sur]:
                all_surnames[sur].append(person)
    for sur, people in all_surnames.items():
        if len(people) == 1 and people[0].surname_alone:
            surnames[sur] = people[0]

    titles = {_norm(t.title): t.role for t in raw.titles}
    title_alt = _cap_insensitive([t.title for t in raw.titles])
    qual = r"(?P<qual>(?:[A-Z][\w'’.-]*\s+){1,4}?)??"
    verbs = reporting_alternation(lang)
    places = {**raw.regions, **raw.cities}
    return _Vocab(
        bodies=bodies,
        needs_speech=frozenset(needs),
        fixed_names=frozenset(b.name for b in listed.bodies if b.fixed_name),
        anaphors=anaphors,
        persons_full=full,
        surnames=surnames,
        all_surnames=all_surnames,
        titles=titles,
        regions=dict(raw.regions),
        cities=dict(raw.cities),
        not_names=frozenset(raw.not_names),
        # "the Air Force of Ukraine": a listed name with the country after it
        body_re=FoldedPattern(rf"(?<![\w-])(?:{_alt(words)})(?![\w-])(?:{_COUNTRY_TAIL})?"),
        acronym_re=re.compile(rf"\b(?:{_alt(acronyms)})\b"),
        anaphor_re=FoldedPattern(rf"\b(?:{_alt(anaphors)})\b"),
        full_re=re.compile(rf"\b(?:{_alt(full)})\b"),
        title_re=re.compile(rf"\b{qual}(?P<title>{title_alt})\s+(?P<name>{_NAME})"),
        appositive_re=re.compile(rf"\b(?P<name>{_NAME}),\s+(?P<title>{_APPOSITIVE_TITLES}\b"
                                 r"(?:\s+(?:of|at|for)\s+[^,.;:\"”\n]{2,80})?)"),
        word_re=re.compile(r"\b[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)?\b"),
        speech_after=re.compile(
            r"^(?:'s\s+(?:office|press service|spokes\w+|Telegram channel|statement))?"
            r"(?:\s*\([^)]{1,40}\))?(?:,[^,.;:\"“”]{1,80},)?,?\s*"
            r"(?:(?:also|later|earlier|then|previously|separately|initially|had|has|have|was|were|"
            r"on\s+\w+|in\s+a\s+\w+(?:\s+\w+)?\s+(?:post|statement|address)\s*,?)\s+){0,3}"
            rf"(?:{verbs})\b|^\s*:|^\s+(?:summary|statement|update|report|data|figures)\s*:", re.IGNORECASE),
        speech_before=re.compile(
            rf"(?:\baccording\s+to|[,\"”]\s*(?:{verbs})|\b(?:summary|statement|data|figures|report|update|post)\s+(?:from|by)|"
            r"\b(?:citing|quoting|cited|quoted))\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,4}$", re.IGNORECASE),
        place_re=re.compile(rf"\b(?:{_alt(places)})\b"),
    )


# --- mentions ------------------------------------------------------------------------

def _clean_name(name: str, v: _Vocab) -> str | None:
    tokens = name.split()
    for i, tok in enumerate(tokens):
        if tok.rstrip("'’s") in v.not_names or tok in v.not_names or _norm(tok) in v.titles:
            tokens = tokens[:i]
            break
    return " ".join(tokens) if len(tokens) >= 2 else None


def _known(name: str, v: _Vocab) -> _Person | None:
    if name in v.persons_full:
        return v.persons_full[name]
    return v.surnames.get(name.split()[-1])


def _context_place(text: str, start: int, qual: str, table: dict[str, str], v: _Vocab) -> str | None:
    for m in reversed(list(v.place_re.finditer(qual))):
        if m.group(0) in table:
            return table[m.group(0)]
    # the place named last in the sentence before the title (looked for in a window, so
    # that a text without full stops costs no scan back to its start per title)
    lo = max(0, start - _CONTEXT_CHARS)
    sent_start = max(text.rfind("\n", lo, start), text.rfind(". ", lo, start), lo)
    found = [m.group(0) for m in v.place_re.finditer(text, sent_start, start) if m.group(0) in table]
    return table[found[-1]] if found else None


_CONTEXT_CHARS = 400


def _role_for(text: str, start: int, title: str, qual: str, v: _Vocab) -> str | None:
    template = v.titles.get(_norm(title))
    title_text = f"{qual}{title}".strip()
    fallback = title_text[0].upper() + title_text[1:]
    if template is None:
        return fallback
    if "{region}" in template:
        region = _context_place(text, start, qual, v.regions, v)
        return template.format(region=region) if region else fallback
    if "{city}" in template:
        city = _context_place(text, start, qual, v.cities, v)
        return template.format(city=city) if city else fallback
    if "{body}" in template:
        body = v.bodies.get(_norm(qual)) or v.bodies.get(_norm(re.sub(r"^(?:the|its)\s+", "", qual.strip(), flags=re.I)))
        return template.format(body=body.name) if body else fallback
    if qual.strip() and not re.search(r"Ukrain", qual):
        return fallback  # "US President": the template is for Ukraine's own office
    return template


def find_speaker_mentions(text: str) -> list[SpeakerMention]:
    """Every mention of a known body or official, or of a person introduced with a title."""
    from .pipeline import annotate

    doc = annotate(text, until="speakers")
    return [m for m in doc.speaker_mentions if isinstance(m, SpeakerMention)]


def _mentions(text: str, folded: str) -> list[SpeakerMention]:
    v = _vocab()
    found: list[SpeakerMention] = []
    taken = bytearray(len(text) + 1)  # the characters of the mentions found so far

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def add(m: SpeakerMention) -> None:
        if free(m.start, m.end):
            found.append(m)
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)

    # people introduced with a title: the title fixes the role of an unknown person
    for m in v.title_re.finditer(text):
        name = _clean_name(m.group("name"), v)
        if not name:
            continue
        qual = m.group("qual") or ""
        if qual and v.bodies.get(_norm(qual)) is None and not v.place_re.search(qual) and qual.split()[0] in v.not_names:
            qual = ""
        person = _known(name, v)
        start = m.start("name")
        title_text = text[m.start("qual") if m.group("qual") else m.start("title"):m.end("title")]
        if person:
            add(SpeakerMention(start, start + len(name), person.name, person.role, "person", title_text))
        else:
            add(SpeakerMention(start, start + len(name), name, _role_for(text, m.start(), m.group("title"), qual, v),
                               "person", title_text))
    for m in v.appositive_re.finditer(text):
        name = _clean_name(m.group("name"), v)
        if not name or name != m.group("name"):
            continue
        title = re.sub(r"\s+", " ", m.group("title")).strip()
        person = _known(name, v)
        role = person.role if person else title[0].upper() + title[1:]
        add(SpeakerMention(m.start("name"), m.end("name"), person.name if person else name, role, "person", title))
    for m in v.full_re.finditer(text):
        p = v.persons_full[m.group(0)]
        add(SpeakerMention(m.start(), m.end(), p.name, p.role, "person"))

    # bodies; those known only by a common noun ("rescuers") count only when they speak
    for matches in (v.body_re.finditer(folded), v.acronym_re.finditer(text)):
        for m in matches:
            key = _norm(m.group(0))
            if key not in v.bodies:
                key = _norm(_COUNTRY_TAIL_RE.sub("", m.group(0)))
            body = v.bodies.get(key)
            if body is None:
                continue
            before = text[max(0, m.start() - 12):m.start()]
            if body.name.startswith(("Ukrainian", "State", "National", "Prosecutor", "General", "Security")) or \
                    body.name == "Ukrainian Air Force":
                if re.search(r"(?:Russian|Russia's|Russia’s|Belarusian|Moscow's)\s+$", before):
                    continue
            if key in v.needs_speech and not v.speech_after.match(text[m.end():m.end() + 120]) \
                    and not v.speech_before.search(text[max(0, m.start() - 60):m.start()]):
                continue  # "rescuers" only as a source: "rescuers said", "according to rescuers"
            add(SpeakerMention(m.start(), m.end(), body.name, body.role, "body"))

    # later surname-only mentions; known surnames that stand alone
    by_surname: dict[str, SpeakerMention] = {}
    for mention in found:
        if mention.kind == "person":
            by_surname.setdefault(mention.name.split()[-1], mention)
            surface = text[mention.start:mention.end].split()
            if len(surface) > 1:
                by_surname.setdefault(surface[-1], mention)
    for m in v.word_re.finditer(text):
        if not free(m.start(), m.end()):
            continue
        word = re.sub(r"(?:'s|’s)$", "", m.group(0))
        if word not in by_surname and word not in v.surnames:
            continue
        prev = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(0, m.start() - 30):m.start()])
        if prev and _norm(prev.group(1)) not in v.titles and prev.group(1) not in v.not_names:
            continue  # "Wladimir Klitschko": another person's first name
        if re.match(r"\s+[A-Z][a-z]", text[m.end():m.end() + 3]):
            continue
        if word in by_surname:
            ref = by_surname[word]
            add(SpeakerMention(m.start(), m.start() + len(word), ref.name, ref.role, ref.kind))
        elif word in v.surnames:
            p = v.surnames[word]
            add(SpeakerMention(m.start(), m.start() + len(word), p.name, p.role, "person"))

    # "the ministry": the body it can stand for that was named last before it; once one
    # anaphor stands for a body, the next one that can stands for that body again
    found.sort(key=lambda x: x.start)
    bodies = [f for f in found if f.kind == "body"]  # in order; mentions do not overlap
    named_last: dict[str, int] = {}     # body name -> index in bodies of its last mention so far
    anaphor_last: dict[str, tuple[int, SpeakerMention]] = {}  # name -> (order, mention)
    k = 0
    for m in v.anaphor_re.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        while k < len(bodies) and bodies[k].end <= m.start():
            named_last[bodies[k].name] = k
            k += 1
        names = v.anaphors[_norm(m.group(0))]
        said = [anaphor_last[n] for n in names if n in anaphor_last]
        if said:
            ref = max(said, key=lambda om: om[0])[1]
        else:
            seen = [named_last[n] for n in names if n in named_last]
            if not seen:
                continue
            ref = bodies[max(seen)]
        mention = SpeakerMention(m.start(), m.end(), ref.name, ref.role, "body")
        add(mention)
        anaphor_last[ref.name] = (len(anaphor_last) + len(found), mention)
    found.sort(key=lambda x: x.start)
    return found


# --- speakers ------------------------------------------------------------------------

def byline_speaker(text: str) -> SpeakerMention | None:
    """The author when the report is an official's or a body's own post or release."""
    from .pipeline import annotate

    byline = annotate(text, until="speakers").byline
    return byline if isinstance(byline, SpeakerMention) else None


def _byline(text: str, body: int, mentions: list[SpeakerMention]) -> SpeakerMention | None:
    pos, seen = body, 0
    while pos < len(text) and seen < _BYLINE_LINES:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.strip():
            seen += 1
            if SOURCE_NOTE.match(line):
                pass  # "(source: Air Force)" credits a table, it does not sign the post
            elif len(line.strip()) <= _BYLINE_CHARS and (_BYLINE_MARK.search(line) or (
                    len(line.strip()) <= 100 and not re.search(r"[.!?]\s*$", line)
                    and not _VERBISH.search(line)
                    and any((m.kind == "body" or re.fullmatch(r"\s*[,|–—-][^!?]{0,100}", text[m.end:end])
                             or not text[m.end:end].strip() and _title_line_after(text, end))
                            and pos <= m.start and m.end <= end and not text[pos:m.start].strip()
                            or m.kind == "body" and pos <= m.start and m.end <= end
                            for m in mentions))):
                inline = [m for m in mentions if pos <= m.start and m.end <= end]
                if inline:
                    first = inline[0]
                    if re.search(r":\s*$|:\s+results\b", line) and not _BYLINE_MARK.search(
                            re.sub(r":\s*$|:\s+results\b.*", "", line)):
                        # a colon alone marks a byline only when the line opens with the author
                        lead = text[pos:first.start].strip()
                        if lead and not re.fullmatch(r"(?:[A-Z][\w'’.-]*\s*){0,4}", lead):
                            return None
                    return first
        if nl < 0:
            break
        pos = nl + 1
    return None


def _title_line_after(text: str, end: int) -> bool:
    """The line after a name is a verbless title line: "Oleh Syniehubov" then "Head of
    Kharkiv Regional Military Administration" heads a post."""
    nxt = re.match(r"\n[ \t]*([^\n]{3,120})(?:\n|$)", text[end:end + 130])
    if not nxt:
        return False
    line = nxt.group(1).strip()
    low = _norm(line)
    return (line[:1].isupper() and not re.search(r"[.!?]$", line) and not _VERBISH.search(line)
            and any(low == t or low.startswith(t + " ") for t in _vocab().titles))


def _speaks(doc: Document, m: SpeakerMention) -> bool:
    v = _vocab()
    text = doc.text
    i = doc.sentence_index(m.start)
    sent_start = doc.sentences[i].start if i is not None else max(0, m.start - 120)
    if v.speech_after.match(text[m.end:m.end + 160]):
        return True
    before = text[max(sent_start, m.start - 80):m.start]
    if m.title_text:
        # the title precedes the name: look before the title
        t = before.rfind(m.title_text.split()[0])
        if t >= 0:
            before = before[:t]
    return bool(v.speech_before.search(before))


@annotator("speakers", reads=("text", "folded", "header", "sentences", "sentence_starts"),
           assigns=("speaker_mentions", "byline", "speakers", "spelled"))
def find_speakers(doc: Document) -> None:
    """Bodies and officials named, the author of an official's own post, and each
    distinct person or body quoted or credited with a figure or claim, once each."""
    text = doc.text
    mentions = _mentions(text, doc.folded)
    generic = generic_bodies(text, doc.folded, mentions)
    doc.speaker_mentions = mentions + generic
    author = _byline(text, doc.header.body, mentions)
    doc.byline = author or generic_byline(text, generic)
    doc.spelled = spelled = reported_names(text, doc.speaker_mentions)
    out: dict[str, Speaker] = {}
    if author:
        out[author.name] = Speaker(name=author.name, role=author.role)
    for m in mentions:
        if m.name not in out and _speaks(doc, m):
            out[m.name] = Speaker(name=m.name, role=m.role)
    doc.speakers = [Speaker(name=spelled.get(sp.name, sp.name), role=sp.role) for sp in out.values()]


def extract_speakers(text: str) -> list[Speaker]:
    """Each distinct person or body ``text`` quotes or credits, once each."""
    from .pipeline import annotate

    return annotate(text, until="speakers").speakers


@dataclass(frozen=True, slots=True)
class BodyMention:
    """An official body named generically ("the regional military administration")."""
    start: int
    end: int
    name: str
    role: str | None
    kind: str = "body"


_GENERIC_BODY = FoldedPattern(
    r"\b(?:the\s+)?(?:(?P<place>[A-Z][\w’'-]+)\s+)?(?P<what>(?:regional|city|oblast|district)\s+"
    r"(?:military\s+|state\s+)?administration|regional\s+prosecutor(?:'s|’s)\s+office|"
    r"(?:regional|city)\s+council|(?:regional|city|oblast)\s+police)\b"
    r"|\b(?P<ministry>Ministry\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+the\s+|of\s+|and\s+)?[A-Z][\w'’-]*){0,5})"
    r"|\b(?P<ocha>OCHA|UN\s+Office\s+for\s+the\s+Coordination\s+of\s+Humanitarian\s+Affairs)\b")


def generic_bodies(text: str, folded: str, known: list) -> list[BodyMention]:
    """Bodies a report names by kind rather than by a listed name; a known mention wins."""
    out = []
    taken = bytearray(len(text) + 1)
    for k in known:
        taken[k.start:k.end] = b"\x01" * (k.end - k.start)
    for m in _GENERIC_BODY.finditer(folded):
        # a known mention that covers the match's start or starts inside it wins
        if taken[m.start()] or any(taken[m.start():m.end()]):
            continue
        if re.search(r"\b(?:head|chief|spokesperson|spokesman|spokeswoman|secretary|deputy)\s+of\s+(?:the\s+)?$",
                     text[max(0, m.start() - 30):m.start()], re.IGNORECASE):
            continue  # "the Head of the Oblast Military Administration, Oleksandr Starukh": a title
        ministry = original(text, m, "ministry")
        if ministry:
            out.append(BodyMention(m.start(), m.end(), ministry, ministry))
            continue
        if m.group("ocha"):
            out.append(BodyMention(m.start(), m.end(), "OCHA",
                                   "UN Office for the Coordination of Humanitarian Affairs"))
            continue
        what = " ".join(w.capitalize() if w.lower() != "of" else w
                        for w in re.split(r"\s+", m.group("what").replace("’", "'")))
        place = original(text, m, "place")
        place = place if place and place.lower() != "the" else None
        name = f"{place} {what}" if place else what
        out.append(BodyMention(m.start(), m.end(), name, name))
    return out


def generic_byline(text: str, bodies: list[BodyMention]):
    """A release headed by a body the vocabulary does not list ("Kyiv Oblast Police | Press
    service", "DNIPROPETROVSK REGIONAL PROSECUTOR'S OFFICE"): the first lines, verbless."""
    pos, seen = (re.match(r"\s*date\s+\d{4}-\d{2}-\d{2}\s*", text) or re.match("", text)).end(), 0
    while pos < len(text) and seen < 2:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip():
            seen += 1
            lead = len(line) - len(line.lstrip())
            for b in bodies:
                if b.start == pos + lead and b.end <= end and len(line.strip()) <= 100 \
                        and not re.search(r"[.!?]\s*$|\b(?:said|says|condemns|launched|killed|was|were)\b",
                                          line, re.IGNORECASE):
                    return b
        pos = end + 1
    return None


_THE = re.compile(r"^the\s+", re.IGNORECASE)
_UKRAINE_S = re.compile(r"^Ukraine['’]s\s+")
_OF_UKRAINE = re.compile(r"\s+of\s+Ukraine$")


def reported_names(text: str, mentions: list) -> dict[str, str]:
    """Each body's name as the report spells it in full, by its listed name.

    "the Ministry of Foreign Affairs" is named so, not by the vocabulary's "Ukrainian
    Ministry of Foreign Affairs". The country is written as a prefix, as the contract
    does ("Ukraine's Interior Ministry" -> "Ukrainian Interior Ministry") and a trailing
    "of Ukraine" is dropped. Acronyms, headline capitals and lower-case common nouns
    ("rescuers", "the ministry") are no full names; a body the report never names in
    full keeps its listed name.
    """
    v = _vocab()
    out: dict[str, str] = {}
    for m in mentions:
        if getattr(m, "kind", None) != "body" or m.name in v.fixed_names:
            continue
        surface = _UKRAINE_S.sub("Ukrainian ", _THE.sub("", " ".join(text[m.start:m.end].split())))
        surface = _OF_UKRAINE.sub("", surface)
        words = surface.split()
        if len(words) < 2 or not words[0][:1].isupper() or surface.isupper():
            continue
        if len(words) > len(out.get(m.name, "").split()):
            out[m.name] = surface
    return out
