"""Damaged objects named in a report: what was hit, by category (CONTRACT.md, Damage).

An object is a noun phrase whose head is a term of ``data/damage_terms.json`` ("school",
"thermal power plant", "a nine-storey building"). It counts when its sentence says
something was damaged, hit, struck, destroyed, set on fire or that debris fell, and
nothing closer to it in its clause says otherwise ("left without power", "evacuated
from", "taken to hospital"). Objects in stretches about other attacks or in Russian
claims (``event_scope``) do not count.

The evidence is the smallest noun phrase that names the object with its determiner,
quantifier and modifiers ("some 50 residential buildings", "three of its thermal power
plants", "the building of a district administration"), found by walking left from the
head over modifier words until a determiner, a quantity or a word that cannot modify.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from strikeledger.data import bad_entries, load
from strikeledger.data.schemas import DamageTerms
from strikeledger.extract.casefold import FoldedPattern, fold
from strikeledger.extract.document import Document, Span, annotator
from strikeledger.extract.event_scope import clauses
from strikeledger.extract.figure_places import figure_place_name, jurisdiction
from strikeledger.extract.places import sentence_of
from strikeledger.extract.quantities import load_vocabulary
from strikeledger.extract.wordtrie import literal_atoms, trie_regex
from strikeledger.model import Damage, DamageCategory, Evidence

__all__ = ["find_damage", "extract_damage", "damage_category"]

_CATEGORIES = {c.value for c in DamageCategory}

# Closed-class words of the noun phrase (grammar, not vocabulary).
_DETERMINERS = {
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "some", "several", "many", "another", "each", "every", "both", "all",
    "numerous", "multiple", "various", "other", "most", "no",
}
_MEASURES = {"tonnes", "tons", "tonne", "ton", "hectares", "square", "metres", "meters"}
# Words left of a quantity that belong to it ("some 50", "at least 12", "a dozen").
_QUALIFIERS = {
    "some", "about", "around", "roughly", "approximately", "nearly", "almost", "over",
    "under", "more", "fewer", "less", "than", "at", "least", "up", "to", "as", "many",
    "an", "estimated", "a", "another", "the", "close", "just", "only", "all",
}
_STOP = {
    "in", "on", "at", "to", "from", "with", "by", "for", "into", "onto", "near", "outside",
    "beside", "after", "before", "during", "over", "under", "across", "through", "behind",
    "between", "against", "including", "include", "includes", "like", "such", "as", "than",
    "via", "about", "and", "or", "but", "while", "where", "when", "which", "that", "who",
    "whose", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "hit",
    "hits", "struck", "strike", "strikes", "set", "fell", "falls", "tore", "took", "caught",
    "blew", "knocked", "damage", "damages", "destroy", "destroys", "say", "says", "said",
    "left", "hitting", "damaging", "destroying", "targeting", "striking", "sparking",
    "leaving", "cutting", "causing", "killing", "injuring", "wounding", "also", "too",
    "then", "there", "here", "not", "it", "they", "he", "she", "we", "you", "them", "what",
    "of", "targets", "target", "hitting", "reports", "reported", "including", "among",
    "included", "amid", "upon", "toward", "towards", "within", "without", "per", "since",
    "until", "if", "so", "because", "whether", "once", "again", "even", "just", "only",
    "still", "mostly", "mainly", "namely", "especially", "particularly", "notably",
}
_ACRONYM = re.compile(r"[A-Z]{2,5}")
# The rest of a name after a capitalised head: "University of Food Technologies".
_NAME_OF = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*")
_FIRST_WORD = re.compile(r"[\w’']*")
_TOKEN = re.compile(r"\d[\d,.]*(?:[-‐‑][\w’']+)*|[\w’']+(?:[-‐‑][\w’']+)*|[^\w\s]")
_WINDOW = 160  # characters left of a head searched for its noun phrase
_MAX_MODIFIERS = 6


@dataclass(frozen=True)
class _Head:
    modifiers: dict[str, tuple[str, ...]]   # category -> modifier stems
    sentence: dict[str, re.Pattern]         # category -> sentence cue
    default: str | None


@dataclass(frozen=True)
class _Vocab:
    term_category: dict[str, str]   # casefolded term (singular and plural) -> category
    head_words: frozenset[str]      # last words of terms and ambiguous heads
    ambiguous: dict[str, _Head]     # casefolded head (singular and plural) -> rules
    terms: re.Pattern
    container_after: FoldedPattern  # "building" etc. right after a term
    container_of: FoldedPattern     # "the building of " right before an object
    damage: FoldedPattern
    not_damage: FoldedPattern
    near_before: FoldedPattern      # "near ", "outside " right before an object
    post_heads: frozenset[str]      # normalised heads a post-modifier may re-categorise
    post_modifier: FoldedPattern    # " with grain", " of the gas transmission system"
    false_friends: FoldedPattern
    not_object_after: FoldedPattern
    not_object_before: FoldedPattern  # "according to the regional administration": a source
    number_words: frozenset[str]    # words that count the objects: "two", "dozens", "several"


def _plural(term: str) -> str | None:
    if term.endswith("s") or not term[-1].isalpha():
        return None
    if term.endswith("y") and term[-2:-1] not in ("a", "e", "o", "u"):
        return term[:-1] + "ies"
    if term.endswith(("sh", "ch", "x")):
        return term + "es"
    return term + "s"


def _regex_list(items: list[str]) -> FoldedPattern:
    return FoldedPattern("|".join(f"(?:{item})" for item in items))


def _words_regex(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw = load("en/damage_terms.json", DamageTerms).model_dump(mode="json")
    bad: list[str] = []
    term_category: dict[str, str] = {}
    forms: set[str] = set()  # every spelling the term regex matches, as written
    for cat, items in raw["terms"].items():
        for t in items:
            for form in filter(None, (t, _plural(t))):
                forms.add(form)
                key = _norm(form)
                if key in term_category and term_category[key] != cat:
                    bad.append(f"terms.{cat}: {t!r} is also a {term_category[key]} term")
                term_category.setdefault(key, cat)
    ambiguous: dict[str, _Head] = {}
    for head, rule in raw["ambiguous_heads"].items():
        default = rule.get("default")
        h = _Head(
            modifiers={c: tuple(s.casefold() for s in v)
                       for c, v in rule.get("modifiers", {}).items()},
            sentence={c: re.compile(rf"\b(?:{_words_regex(v)})", re.IGNORECASE)
                      for c, v in rule.get("sentence", {}).items() if v},
            default=default)
        for form in filter(None, (head, _plural(head))):
            forms.add(form)
            ambiguous[_norm(form)] = h
    compiled = {k: _regex_list(raw[k]) for k in ("damage_cues", "not_damage", "false_friends")}
    for key in ("not_object_after", "not_object_before"):
        compiled[key] = _regex_list([raw[key]])
    if bad:
        raise bad_entries("strikeledger/data/en/damage_terms.json", bad)
    # Terms as one trie regex; all-capital acronyms (CHP, TPP) match only as written.
    sep = r"[\s‐‑-]+"
    plain = [literal_atoms(f, space=sep, hyphen=sep) for f in forms if not _ACRONYM.fullmatch(f)]
    exact = [[re.escape(f)] for f in forms if _ACRONYM.fullmatch(f)]
    body = trie_regex(plain) + (f"|(?-i:{trie_regex(exact)})" if exact else "")
    pattern = re.compile(rf"(?<![\w‐‑-])(?:{body})(?![\w‐‑-])", re.IGNORECASE)
    containers = [*raw["containers"], *filter(None, map(_plural, raw["containers"]))]
    container_after = FoldedPattern(rf"\s+(?:{_words_regex(containers)})\b")
    container_of = FoldedPattern(rf"\b(?:{_words_regex(containers)})\s+of\s+$")
    head_words = frozenset(t.split()[-1] for t in term_category) | frozenset(ambiguous)
    near = FoldedPattern(rf"\b(?:{_words_regex(raw['near_before'])})\s+$")
    post = raw["post_modifiers"]
    post_modifier = FoldedPattern(
        r"\s+(?:with|of|for|storing|containing|holding)\s+(?:(?:the|a|an|its|their)\s+)?"
        r"(?:[\w’'-]+\s+){0,2}?(?:"
        + "|".join(f"(?P<{c}>{_words_regex(v)})" for c, v in post.items())
        + r")\b(?:\s+(?:system|sector|network|networks|company|complex|products|stocks|supplies))?")
    post_heads = frozenset(_norm(h) for h in raw["post_modifier_heads"]) | frozenset(
        _norm(p) for p in map(_plural, raw["post_modifier_heads"]) if p)
    return _Vocab(term_category, head_words, ambiguous, pattern, container_after, container_of,
                  compiled["damage_cues"], compiled["not_damage"], near, post_heads, post_modifier,
                  compiled["false_friends"],
                  compiled["not_object_after"], compiled["not_object_before"],
                  _number_words(raw["quantity_words"]))


def _number_words(quantity_words: list[str]) -> frozenset[str]:
    """Number words (kept once, in quantities.json) and the words that count like them."""
    v = load_vocabulary()
    return frozenset([w for w, n in v.cardinals.items() if n >= 1] + list(v.scales)
                     + list(v.multiplier_scales) + quantity_words)


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[‐‑-]", " ", s.casefold().replace("’", "'")).split())


def _lookup(vocab: _Vocab, term: str) -> str | None:
    return vocab.term_category.get(_norm(term))


def damage_category(phrase: str) -> str | None:
    """The damage category of an object phrase ("a nine-storey building" -> residential)."""
    found = _objects(phrase, fold(phrase), Span(0, len(phrase)))
    return found[-1].category if found else None


# --- noun phrases ---------------------------------------------------------------------

def _is_quantity(tok: str) -> bool:
    low = tok.casefold()
    return low[0].isdigit() or low in _vocab().number_words


def _is_modifier(tok: str) -> bool:
    low = tok.casefold()
    if not (tok[0].isalnum()) or low in _STOP or low in _DETERMINERS:
        return False
    if "-" in tok or "‐" in tok or "‑" in tok:
        return True
    if tok[0].isdigit():
        return False
    if tok[0].isupper():
        return True  # a name: "Holy Trinity", "Lviv Polytechnic"
    if low.endswith("ly") and low not in ("nearby", "family", "assembly", "supply"):
        return False  # an adverb: "badly", "partly"
    return not low.endswith("ed")  # a participle stops the phrase: "a damaged industrial site"


def _left_edge(text: str, start: int, head_words: frozenset[str], compound: bool = False) -> int:
    """Start of the noun phrase whose head begins at ``start``.

    ``compound``: the term at ``start`` has several words, so an "and" right before it
    may join modifiers ("power generation and distribution facilities").
    """
    lo = max(0, start - _WINDOW)
    toks = [(m.start() + lo, m.group()) for m in _TOKEN.finditer(text[lo:start])]
    i = len(toks) - 1
    edge = start
    mods = 0
    while i >= 0 and mods <= _MAX_MODIFIERS:
        pos, tok = toks[i]
        low = tok.casefold()
        if low in _DETERMINERS:
            # partitive: "three of its plants", "dozens of the homes"
            if i >= 2 and toks[i - 1][1].casefold() == "of" and _is_quantity(toks[i - 2][1]):
                return _quantity_start(toks, i - 2)
            return pos
        if _is_quantity(tok):
            return _quantity_start(toks, i)
        if low == "of":
            # "dozens of nearby homes", "60,000 tonnes of grain"
            j = i - 1
            if j >= 0 and toks[j][1].casefold() in _MEASURES:
                if j >= 1 and _is_quantity(toks[j - 1][1]):
                    return _quantity_start(toks, j - 1)
                return toks[j][0]
            if j >= 0 and _is_quantity(toks[j][1]):
                return _quantity_start(toks, j)
            return edge
        if low in ("and", "or") and (mods > 0 or compound) and i >= 1:
            # coordinated modifiers: "power generation and transmission facilities"
            left = toks[i - 1][1]
            right = toks[i + 1][1] if i + 1 < len(toks) else _FIRST_WORD.match(text, start).group()
            if (_is_modifier(left) and left.casefold() not in head_words
                    and right.casefold() not in head_words):
                i -= 1
                continue
            return edge
        if not _is_modifier(tok):
            return edge
        edge = pos
        mods += 1
        i -= 1
    return edge


# Qualifier sequences a quantity may carry on its left, by their first word.
_QUALIFIER_START = {
    "some": (), "about": (), "around": (), "roughly": (), "approximately": (), "nearly": (),
    "almost": (), "over": (), "under": (), "more": ("than",), "fewer": ("than",),
    "less": ("than",), "at": ("least",), "up": ("to",), "as": ("many",), "close": ("to",),
    "an": ("estimated",), "a": (), "another": (), "the": (), "just": (), "only": (),
    "all": (), "estimated": (),
}


def _quantity_start(toks: list[tuple[int, str]], j: int) -> int:
    """Start of the quantity at token j with the qualifiers on its left ("at least 12")."""
    k = j
    while k >= 1 and j - (k - 1) <= 3 and toks[k - 1][1].casefold() in _QUALIFIERS:
        k -= 1
    # drop leading words that need a word further left: "damage to 50" -> "50"
    while k < j:
        w = toks[k][1].casefold()
        need = _QUALIFIER_START.get(w)
        if need is not None and (not need or toks[k + 1][1].casefold() in need):
            break
        k += 1
    return toks[k][0]

def _category(vocab: _Vocab, text: str, head: str, np_start: int, head_start: int,
              sent: Span) -> str | None:
    cat = _lookup(vocab, head)
    if cat is not None:
        return cat
    rule = vocab.ambiguous.get(_norm(head))
    if rule is None:
        return None
    pieces = [p for w in reversed(re.findall(r"[\w’'-]+", text[np_start:head_start]))
              for p in reversed(re.split(r"[-‐‑]", w.casefold()))]
    for p in pieces:
        for c, stems in rule.modifiers.items():
            if any(p.startswith(s) for s in stems):
                return c
    for c, rx in rule.sentence.items():
        if rx.search(text, sent.start, sent.end):
            return c
    return rule.default


@dataclass(frozen=True, slots=True)
class _Object:
    start: int          # noun phrase
    end: int
    category: str
    head_start: int     # the matched term
    head: str
    ambiguous: bool     # category read from modifiers/context, not from the term itself


def _objects(text: str, folded: str, sent: Span, matches: list[re.Match] | None = None) -> list[_Object]:
    """Every object phrase in one sentence (``matches``: its term matches, if known)."""
    vocab = _vocab()
    if matches is None:
        matches = list(vocab.terms.finditer(text, sent.start, sent.end))
    if not matches:
        return []
    friends = [(f.start(), f.end())
               for f in vocab.false_friends.finditer(folded, sent.start, sent.end)]
    friend_starts = [fs for fs, _ in friends]
    out = []
    for m in matches:
        if _touches(friends, friend_starts, m.start(), m.end()):
            continue
        if vocab.not_object_after.match(folded, m.end(), sent.end):
            continue  # "city council secretary", "hospital staff": people, not a building
        end = m.end()
        head = m.group()
        fixed = _lookup(vocab, head)
        c = vocab.container_after.match(folded, end, sent.end)
        if c and fixed is not None:
            end = c.end()  # "a school building"
        elif head[:1].isupper():
            name = _NAME_OF.match(text, end, sent.end)
            if name:
                end = name.end()  # "the National University of Food Technologies"
        start = _left_edge(text, m.start(), vocab.head_words, compound=" " in _norm(head))
        if vocab.not_object_before.search(folded, max(sent.start, start - 40), start):
            continue  # "according to the regional administration": who said it
        cat = _category(vocab, text, head, start, m.start(), sent)
        if end == m.end() and _norm(head).split()[-1] in vocab.post_heads:
            # "a warehouse with grain", "a facility of the gas transmission system"
            pm = vocab.post_modifier.match(folded, end, sent.end)
            if pm:
                cat, end = pm.lastgroup, pm.end()  # groups are named by category
        if cat is None:
            continue
        # "the building of a district administration", "the maternity ward of the hospital"
        before = vocab.container_of.search(folded, max(sent.start, start - 40), start)
        if before:
            start = _left_edge(text, before.start(), vocab.head_words)
            # a container that is itself a term keeps its own kind: "an administrative
            # building of a local enterprise" is administrative
            own = vocab.terms.search(text, start, before.end())
            if own and own.end() <= before.start() + len(before.group().split()[0]):
                cat = _lookup(vocab, own.group()) or cat
        out.append(_Object(start, end, cat, m.start(), head, fixed is None))
    return out


# --- is it damaged? ---------------------------------------------------------------------

def _touches(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """One of the ordered, disjoint ``spans`` covers ``start`` or starts in [start, end)."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and start < spans[i][1]:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _nearest(spans: list[tuple[int, int]], starts: list[int], np: tuple[int, int]) -> int:
    """The distance from ``np`` to the nearest of the ordered, disjoint ``spans`` (the
    last one starting before it, or the first one starting at or after it)."""
    i = bisect.bisect_left(starts, np[0])
    near = spans[max(0, i - 1):i + 1]
    return min(_distance(np, c) for c in near)


class _Sentence:
    """One sentence with damage terms: its clauses and cues, each found once."""

    def __init__(self, doc: Document, sent: Span, cues: list[tuple[int, int]], vocab: _Vocab):
        self.doc, self.vocab = doc, vocab
        self.clauses = clauses(doc.folded, sent)
        self.clause_starts = [a for a, _ in self.clauses]
        self.cues, self.cue_starts = cues, [a for a, _ in cues]
        self._negs: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int]]] = {}
        self._has_cue: dict[tuple[int, int], bool] = {}

    def clause_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.clause_starts, pos) - 1
        if i >= 0 and pos < self.clauses[i][1]:
            return self.clauses[i]
        return self.clauses[-1]

    def negations(self, clause: tuple[int, int]) -> tuple[list[tuple[int, int]], list[int]]:
        if clause not in self._negs:
            negs = [(m.start(), m.end()) for m in self.vocab.not_damage.finditer(self.doc.folded, *clause)]
            self._negs[clause] = (negs, [a for a, _ in negs])
        return self._negs[clause]

    def clause_has_cue(self, clause: tuple[int, int]) -> bool:
        if clause not in self._has_cue:
            self._has_cue[clause] = self.vocab.damage.search(self.doc.folded, *clause) is not None
        return self._has_cue[clause]


def _only_a_location(folded: str, o: _Object, ends: set[int], sent: _Sentence, vocab: _Vocab) -> bool:
    """An object after "near"/"outside" that only locates something else.

    "an office block near the main railway station": the station locates the block.
    "a crater beside a playground" (no damage cue in the clause): the playground is where
    the crater is. "the missile exploded near a school": the school took the blast.
    ``ends``: where the sentence's objects end.
    """
    near = vocab.near_before.search(folded, max(0, o.start - 20), o.start)
    if near is None:
        return False
    # an object right before "near" (white space between) is the one located
    gap_start = near.start()
    while gap_start > 0 and folded[gap_start - 1].isspace():
        gap_start -= 1
    if any(e in ends for e in range(gap_start, near.start() + 1)):
        return True
    return not sent.clause_has_cue(sent.clause_of(o.start))


def _damaged(np: tuple[int, int], sent: _Sentence) -> bool:
    """Whether the sentence's damage cues (non-empty) speak of this object."""
    negs, neg_starts = sent.negations(sent.clause_of(np[0]))
    if not negs:
        return True
    # the object's own words ("damaged", "destroyed") are cues too
    return _nearest(sent.cues, sent.cue_starts, np) <= _nearest(negs, neg_starts, np)


@annotator("damage", reads=("text", "folded", "sentences", "sentence_starts", "line_starts", "scopes",
                            "foreign", "place_mentions", "byline", "furniture"),
           assigns=("damage",))
def find_damage(doc: Document) -> None:
    """Objects the report says were damaged in the reported attack, one per distinct phrase,
    each with the place the stretch it is in is about."""
    text, folded = doc.text, doc.folded
    vocab = _vocab()
    # One pass for the terms over the whole text; only sentences with a term read further.
    by_sentence: dict[int, list[re.Match]] = {}
    for m in vocab.terms.finditer(text):
        i = doc.sentence_index(m.start())
        if i is not None and not doc.scopes[i].russian_claim and not (
                doc.furniture is not None and doc.furniture.excludes(m.start())):
            by_sentence.setdefault(i, []).append(m)
    found: list[_Object] = []
    heads: set[str] = set()  # the last words of the heads found so far
    abroad = doc.foreign if by_sentence else []
    abroad_starts = [a for a, _ in abroad]
    located: dict[tuple[int, int], bool] = {}
    header_cue: tuple[int, int] | None = None  # "Damaged:" heading a list of items
    for i, ctx in enumerate(doc.scopes):
        item = _LIST_ITEM.match(text, doc.line_start(ctx.start))
        if header_cue is not None and not item:
            header_cue = None
        if text[ctx.start:ctx.end].rstrip().endswith(":") and not ctx.russian_claim:
            header = vocab.damage.search(folded, ctx.start, ctx.end)
            header_cue = (header.start(), header.end()) if header else None
        matches = by_sentence.get(i)
        if not matches:
            continue
        if i % 32 == 0:
            doc.check_time("damage")
        sent = Span(ctx.start, ctx.end)
        cues = [(m.start(), m.end()) for m in vocab.damage.finditer(folded, sent.start, sent.end)]
        if not cues and item and header_cue is not None:
            cues = [(sent.start, sent.start)]  # an item of the list the header calls damaged
        if not cues:
            continue
        objs = _objects(text, folded, sent, [m for m in matches if m.end() <= sent.end])
        reading = _Sentence(doc, sent, cues, vocab)
        ends = {o.end for o in objs}
        for o in objs:
            if ctx.about_other_event(o.head_start):
                continue
            if _abroad(text, o, reading.clause_of(o.head_start), abroad, abroad_starts, located):
                continue  # "the Moscow oil refinery", "a barn in Poland": not in Ukraine
            if _only_a_location(folded, o, ends, reading, vocab):
                continue
            if _refers_back(text, o, found, heads):
                continue
            if _damaged((o.start, o.end), reading):
                found.append(o)
                heads.add(_head_word(o))
    # one entry per phrase; a phrase inside a longer kept phrase is the same object
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    kept: list[_Object] = []
    kept_end = -1
    for o in found:
        if kept and o.end <= kept_end:
            continue  # every kept phrase starts at or before this one
        kept.append(o)
        kept_end = max(kept_end, o.end)
    place_at = _PlaceAt(doc)
    out: list[Damage] = []
    seen: set[tuple[str, str]] = set()
    for o in kept:
        phrase = text[o.start:o.end]
        key = (o.category, " ".join(phrase.casefold().split()))
        if key in seen:
            continue
        seen.add(key)
        out.append(Damage(category=o.category, text=phrase, place=place_at(o.start),
                          evidence=Evidence.of(text, o.start, o.end),
                          sentence=sentence_of(doc, o.start, o.end)))
    doc.damage = out


class _PlaceAt:
    """The place a stretch of the text is about: the last place named before it on its
    line, else the place the author of an official's post speaks for."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.starts = [p.start for p in doc.place_mentions]
        self.byline_place = jurisdiction(doc.byline) if doc.byline is not None else None

    def __call__(self, pos: int) -> str | None:
        j = bisect.bisect_right(self.starts, pos) - 1
        if j >= 0 and self.doc.line_start(pos) <= self.starts[j]:
            return figure_place_name(self.doc.place_mentions[j])
        return self.byline_place


def extract_damage(text: str) -> list[Damage]:
    """Objects ``text`` says were damaged in the attack it reports (see ``find_damage``)."""
    from .pipeline import annotate

    return annotate(text, until="damage").damage


_LOCATED_IN = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)


def _abroad(text: str, o: _Object, clause: tuple[int, int], foreign: list[tuple[int, int]],
            starts: list[int], located: dict[tuple[int, int], bool]) -> bool:
    """The object is outside Ukraine: a foreign place names it ("the Moscow oil refinery")
    or locates its clause ("a barn in Poland"). Russia as the attacker locates nothing.
    ``located`` remembers, per clause, whether a foreign place locates it."""
    i = bisect.bisect_left(starts, o.start)
    if i < len(starts) and starts[i] < o.end:
        return True
    if clause not in located:
        lo, hi = bisect.bisect_left(starts, clause[0]), bisect.bisect_left(starts, clause[1])
        located[clause] = any(_LOCATED_IN.search(text, max(clause[0], a - 12), a) for a in starts[lo:hi])
    return located[clause]


_LIST_ITEM = re.compile(r"[ \t]*[–—•*·-]\s")
_DEFINITE = re.compile(r"(?:the|this|that|these|those)\s", re.IGNORECASE)


def _head_word(o: _Object) -> str:
    return _norm(o.head).split()[-1].rstrip("s")


def _refers_back(text: str, o: _Object, earlier: list[_Object], heads: set[str]) -> bool:
    """A definite description of an object already found ("the plant", "the building").

    "The cathedral" after "the Transfiguration Cathedral", or "the two-storey building"
    after "the maternity ward of the hospital", names no new object. A definite phrase
    with a name in it ("the Dnister station") or a fixed term ("the railway station")
    is a first mention.
    """
    if not earlier or not _DEFINITE.match(text, o.start):
        return False
    words = text[o.start:o.head_start].split()[1:]
    if any(w[:1].isupper() for w in words):
        return False
    if o.ambiguous:
        return True
    return not words and _head_word(o) in heads
