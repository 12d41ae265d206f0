"""The shape of every packaged data file, as pydantic models (read by ``data.load``).

One model per file. A field's type says what an entry must be (a phrase is a non-empty
string without outer spaces, a pattern is a Python regular expression that compiles);
checks across entries (a spelling claimed by two weapons, a qualifier phrase listed under
two qualifiers) are validators of the model. Every language folder uses the same models.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..model import DamageCategory


class _File(BaseModel):
    """A data file: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    doc: str = Field("", alias="_doc")

    @classmethod
    def cross_check(cls, raw: dict) -> list[str]:
        """Problems across entries of the raw document (each as "PATH: message"); it must
        not fail on a malformed document: the schema reports those entries itself."""
        return []


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _phrase(s: str) -> str:
    if not s.strip() or s != s.strip():
        raise ValueError("must be a non-empty phrase without outer spaces")
    return s


def _lower(s: str) -> str:
    if s != s.lower():
        raise ValueError("must be lower case")
    return s


def _regex(s: str) -> str:
    if not s:
        raise ValueError("must be a non-empty pattern")
    try:
        re.compile(s)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return s


Phrase = Annotated[str, AfterValidator(_phrase)]
LowerPhrase = Annotated[str, AfterValidator(_phrase), AfterValidator(_lower)]
Pattern = Annotated[str, AfterValidator(_regex)]
Phrases = Annotated[list[Phrase], Field(min_length=1)]
LowerPhrases = Annotated[list[LowerPhrase], Field(min_length=1)]
Patterns = Annotated[list[Pattern], Field(min_length=1)]


# --- language-neutral files ------------------------------------------------------------

class WeaponEntry(_Entry):
    canonical: Phrase
    category: Literal["drone", "missile", "bomb", "other"]
    family: Phrase
    generic: bool = False
    csv_category: str | None = None
    origin: str | None = None
    variants: list[Phrase]

    @model_validator(mode="after")
    def _named(self) -> "WeaponEntry":
        if " and " in self.canonical:
            raise ValueError(f"combined label {self.canonical!r} is not a weapon type")
        if not self.variants and not self.generic:
            raise ValueError("a non-generic weapon needs at least one variant")
        return self


def spelling_key(spelling: str) -> str:
    """A weapon spelling as a lookup key: case, spaces and hyphens do not matter."""
    return re.sub(r"[\s‐‑-]+", "", spelling.casefold())


class Weapons(_File):
    """weapons.json: one entry per weapon type, with the spellings reports use."""

    weapons: list[WeaponEntry]

    @classmethod
    def cross_check(cls, raw: dict) -> list[str]:
        bad, names, owner = [], set(), {}
        for i, w in enumerate(_dicts(raw.get("weapons"))):
            name = w.get("canonical")
            if not isinstance(name, str):
                continue
            if name in names:
                bad.append(f"weapons.{i}: duplicate canonical {name!r}")
            names.add(name)
            variants = [v for v in w.get("variants") or [] if isinstance(v, str)]
            for spelling in (name, *variants):
                other = owner.setdefault(spelling_key(spelling), name)
                if other != name and spelling in variants:
                    bad.append(f"weapons.{i}: spelling {spelling!r} belongs to both {other!r} and {name!r}")
        return bad


def _dicts(items: object) -> list[dict]:
    """The objects of a raw list (anything else is the schema's to report)."""
    return [x if isinstance(x, dict) else {} for x in items] if isinstance(items, list) else []


# Ukraine's bounding box: a place outside it is a typo in the coordinates.
_LAT, _LON = (44.0, 52.6), (22.0, 40.5)
PlaceLevel = Literal["city", "town", "village", "oblast", "raion", "district", "region", "feature"]


class GazetteerEntry(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    name: Phrase
    admin1: str
    lat: Annotated[float, Field(ge=_LAT[0], le=_LAT[1])]
    lon: Annotated[float, Field(ge=_LON[0], le=_LON[1])]
    level: PlaceLevel
    population: int = 0
    variants: list[Phrase] = []
    stems: list[Phrase] = []
    city: str | None = None
    cyrillic: list[Phrase] = []        # Ukrainian and Russian names in every case ("Харкові")
    cyrillic_stems: list[Phrase] = []  # an oblast's adjective in every case ("Київській")


class Gazetteer(_File):
    """gazetteer.json (built by scripts/build_gazetteer.py): Ukrainian places."""

    about: str = ""
    admin1: Annotated[list[Phrase], Field(min_length=27, max_length=27)]
    foreign: list[Phrase] = []
    stop_names: list[Phrase] = []
    entries: Annotated[list[GazetteerEntry], Field(min_length=1)]

    @classmethod
    def cross_check(cls, raw: dict) -> list[str]:
        units = raw.get("admin1")
        if not isinstance(units, list):
            return []
        return [f"entries.{i}.admin1: {e.get('admin1')!r} of {e.get('name')!r} is not a first-level unit"
                for i, e in enumerate(_dicts(raw.get("entries"))) if e.get("admin1") not in units]


class Body(_Entry):
    name: Phrase
    role: str | None = None
    fixed_name: bool = False  # always given its listed name, however a report spells it


class Official(_Entry):
    name: Phrase
    role: str | None = None

    @model_validator(mode="after")
    def _full(self) -> "Official":
        if len(self.name.split()) < 2:
            raise ValueError(f"name {self.name!r} must be a first name and a surname")
        return self


class Bodies(_File):
    """bodies.json: the bodies and officials who are quoted, by the names records give them."""

    bodies: list[Body]
    persons: list[Official]


# --- one language's words --------------------------------------------------------------

class FigureCues(_File):
    """en/figure_cues.json: what an amount counts, and whether it was launched, downed, ..."""

    drone_nouns: LowerPhrases
    missile_nouns: LowerPhrases
    combined_nouns: LowerPhrases
    person_nouns: LowerPhrases
    child_nouns: LowerPhrases
    np_modifiers: LowerPhrases
    non_attack_modifiers: LowerPhrases
    rate_phrases: LowerPhrases
    hit_verbs: LowerPhrases
    hits_by_words: LowerPhrases  # "hits by", "влучання": the count after them hit, was not launched
    launched_cues: LowerPhrases
    downed_cues: LowerPhrases
    killed_cues: LowerPhrases
    injured_cues: LowerPhrases
    toll_killed: LowerPhrases
    toll_injured: LowerPhrases
    toll_verbs: LowerPhrases
    negations: LowerPhrases
    single_child_nouns: LowerPhrases
    adult_child_nouns: LowerPhrases
    year_units: LowerPhrases
    # a language that names the type after the noun ("38 крилатих ракет Х-101", "БпЛА типу
    # «Шахед»"): the words that may stand between them (none: the type comes first)
    type_after_noun: list[LowerPhrase] = []


_FRAGMENT_REF = re.compile(r"\(\?&(\w+)\)")


def _fragment_free(s: str) -> str:
    """A pattern with its ``(?&name)`` references stood in for by an empty group compiles."""
    _regex(_FRAGMENT_REF.sub("(?:)", s))
    return s


PatternWithRefs = Annotated[str, AfterValidator(_fragment_free)]


class FigurePatterns(_File):
    """en/figure_patterns.json: the figure reader's rules that need more than a word list,
    as named regular expressions; ``(?&name)`` stands for a fragment or a word list."""

    fragments: dict[str, PatternWithRefs]
    patterns: dict[str, PatternWithRefs]
    case_sensitive: list[str] = []
    multiline: list[str] = []
    requires: dict[str, list[LowerPhrase]] = {}  # pattern -> one of these words is in any match

    @classmethod
    def cross_check(cls, raw: dict) -> list[str]:
        patterns = raw.get("patterns") if isinstance(raw.get("patterns"), dict) else {}
        return [f"{key}: {name!r} is not a pattern" for key in ("case_sensitive", "multiline", "requires")
                for name in (raw.get(key) if isinstance(raw.get(key), (list, dict)) else ()) if name not in patterns]


class ContextCues(_File):
    """en/context_cues.json: stretches about other events and Russian claims."""

    other_event: Patterns
    inherit_clause: Patterns
    comparison: Patterns
    russian_claim: Patterns
    russian_claim_continuation: Patterns
    recall_paragraph: list[Pattern] = Field(default_factory=list)


def _valid_holiday(md: tuple[int, int]) -> tuple[int, int]:
    dt.date(2024, md[0], md[1])  # 2024 has a 29 February
    return md


class Dates(_File):
    """en/dates.json: calendar words and the cues that tie a date to the attack."""

    months: Annotated[dict[LowerPhrase, Annotated[int, Field(ge=1, le=12)]], Field(min_length=1)]
    day_ordinals: Annotated[dict[LowerPhrase, Annotated[int, Field(ge=1, le=31)]], Field(min_length=1)]
    weekdays: Annotated[dict[LowerPhrase, Annotated[int, Field(ge=0, le=6)]], Field(min_length=1)]
    holidays: Annotated[dict[LowerPhrase, Annotated[tuple[int, int], AfterValidator(_valid_holiday)]],
                        Field(min_length=1)]
    relative_days: Annotated[dict[LowerPhrase, int], Field(min_length=1)]
    year_words: dict[LowerPhrase, Annotated[int, Field(ge=2000, le=2099)]] = {}
    event_verbs: Phrases  # like reporting verbs, a date right after them is no attack's
    attack_words: Phrases
    attack_nouns: Phrases
    strong_before: Phrases
    reject_before: Phrases
    reject_after: Phrases
    # words that say when without naming a day ("during the night", "this morning"): a
    # report with none of them and no date never dates its attack by its publication
    time_words: list[LowerPhrase] = []
    # words that put it on the publication day ("overnight", "this morning"): a lede with
    # one of them is not dated by a day recalled further down
    now_words: list[LowerPhrase] = []


class PlaceCues(_File):
    """en/place_cues.json: whether a named place was hit, and names that are no place."""

    hit: Patterns
    neutral: Patterns
    other_event: Patterns
    claim: Patterns
    block_before: Patterns
    bearing_before: Patterns
    block_before_interception: Patterns
    negation: Patterns
    name_blockers_phrase: Patterns
    block_after: Patterns
    interception: Patterns
    name_blockers_after: Patterns
    street_words: list[Phrase]
    given_names: list[Phrase]


class BodyWords(_Entry):
    aliases: Annotated[list[Phrase], Field(min_length=1)]
    anaphors: list[Phrase] = []
    needs_speech: list[Phrase] = []

    @model_validator(mode="after")
    def _speech(self) -> "BodyWords":
        stray = [a for a in self.needs_speech if a not in self.aliases]
        if stray:
            raise ValueError(f"needs_speech {stray!r} are not among the aliases")
        return self


_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _person_spelling(s: str) -> str:
    if not _NAME.fullmatch(s):
        raise ValueError("a name is capitalised words")
    return s


class PersonWords(_Entry):
    variants: list[Annotated[str, AfterValidator(_person_spelling)]] = []
    surname_alone: bool = True


class Title(_Entry):
    title: Phrase
    role: str | None = None


class SpeakerWords(_File):
    """en/speakers.json: how a language names the bodies and officials of bodies.json,
    the titles that introduce a person, and words that are never a name."""

    bodies: dict[str, BodyWords]
    persons: dict[str, PersonWords]
    titles: Annotated[list[Title], Field(min_length=1)]
    regions: dict[Phrase, Phrase]
    cities: dict[Phrase, Phrase]
    not_names: Phrases

    @classmethod
    def cross_check(cls, raw: dict) -> list[str]:
        seen: dict[str, str] = {}
        bad = []
        persons = raw.get("persons")
        for name, p in persons.items() if isinstance(persons, dict) else ():
            variants = p.get("variants") if isinstance(p, dict) else None
            for v in (name, *(variants if isinstance(variants, list) else ())):
                if isinstance(v, str) and len(v.split()) > 1 and seen.setdefault(v, name) != name:
                    bad.append(f"persons.{name}: variant {v!r} already belongs to {seen[v]}")
        return bad


class Sentences(_File):
    """en/sentences.json: abbreviations after which a full stop ends no sentence."""

    abbreviations: LowerPhrases


class Reporting(_File):
    """en/reporting.json: the verbs by which a report credits a statement to its source."""

    verbs: LowerPhrases


_BOUNDED = ("at_least", "more_than", "at_most", "less_than", "nearly", "approx")


class QualifierForms(_Entry):
    before: list[LowerPhrase] = []
    after: list[LowerPhrase] = []


class Vague(_Entry):
    phrase: LowerPhrase
    low: Annotated[int, Field(ge=1)]
    of: bool = False


NonNegative = Annotated[int, Field(ge=0, strict=True)]
Positive = Annotated[int, Field(ge=1, strict=True)]


class Quantities(_File):
    """en/quantities.json: how the language writes numbers and qualifies them."""

    cardinals: Annotated[dict[LowerPhrase, NonNegative], Field(min_length=1)]
    scales: Annotated[dict[LowerPhrase, Positive], Field(min_length=1)]
    multiplier_scales: Annotated[dict[LowerPhrase, Positive], Field(min_length=1)]
    numbers: Annotated[dict[LowerPhrase, NonNegative], Field(min_length=1)]
    qualifiers: dict[Literal[_BOUNDED], QualifierForms]  # type: ignore[valid-type]
    vague: Annotated[list[Vague], Field(min_length=1)]
    range_openers: Phrases
    change_verbs: Phrases
    units: Phrases
    months: Phrases
    months_capitalised_only: Phrases
    label_nouns: Phrases
    street_words: Phrases
    age_words: Phrases
    person_nouns: Phrases
    designation_prefixes: Phrases
    year_before: Phrases
    year_after: Phrases
    carry_stop_words: Phrases
    one_before: Phrases
    one_after: Phrases
    # read in a phrase on its own only (parse_quantity), never in running text
    phrase_qualifiers_after: dict[str, list[LowerPhrase] | str] = {}  # qualifier -> phrases ("_doc": text)
    suffix_scales: dict[Phrase, Annotated[int, Field(gt=1, strict=True)]] = {}  # "10k", "2 mln"
    suffix_spaced: list[Phrase] = []  # the suffixes that may follow a space
    not_a_count: dict[str, list[Phrase] | str] = {}  # signs, fractions, ordinals ("_doc": text)

    @classmethod
    def cross_check(cls, raw: dict) -> list[str]:
        from text_to_num import text2num

        bad = []
        cardinals = raw.get("cardinals")
        for word, n in cardinals.items() if isinstance(cardinals, dict) else ():
            try:
                read = text2num(word, "en")
            except (ValueError, AttributeError):
                bad.append(f"cardinals.{word}: not a number word")
                continue
            if read != n:
                bad.append(f"cardinals.{word}: text2num reads {read}, not {n}")
        seen: dict[tuple[str, str], str] = {}
        qualifiers = raw.get("qualifiers")
        for qual, forms in qualifiers.items() if isinstance(qualifiers, dict) else ():
            for side in ("before", "after"):
                phrases = forms.get(side) if isinstance(forms, dict) else None
                for p in phrases if isinstance(phrases, list) else ():
                    if isinstance(p, str):
                        other = seen.setdefault((side, " ".join(p.split())), qual)
                        if other != qual:
                            bad.append(f"qualifiers.{qual}.{side}: {p!r} also under {other}")
        phrases = [v.get("phrase") for v in _dicts(raw.get("vague"))]
        bad += [f"vague: {p!r} listed twice" for p in {p for p in phrases
                                                       if isinstance(p, str) and phrases.count(p) > 1}]
        after = raw.get("phrase_qualifiers_after")
        for q in after if isinstance(after, dict) else ():
            if not q.startswith("_") and q not in _BOUNDED:
                bad.append(f"phrase_qualifiers_after.{q}: not one of {', '.join(_BOUNDED)}")
        scales, spaced = raw.get("suffix_scales"), raw.get("suffix_spaced")
        if isinstance(scales, dict) and isinstance(spaced, list):
            bad += [f"suffix_spaced: {s!r} is not a key of suffix_scales" for s in spaced if s not in scales]
        months = raw.get("months") if isinstance(raw.get("months"), list) else []
        caps = raw.get("months_capitalised_only")
        bad += [f"months_capitalised_only: {w!r} is not in months"
                for w in (caps if isinstance(caps, list) else ()) if w not in months]
        return bad


class AmbiguousHead(_Entry):
    modifiers: dict[DamageCategory, list[LowerPhrase]] = {}
    sentence: dict[DamageCategory, list[Phrase]] = {}
    default: DamageCategory | None = None


class DamageTerms(_File):
    """en/damage_terms.json: objects by damage category, and the cues that they were hit."""

    terms: dict[DamageCategory, list[Phrase]]
    ambiguous_heads: dict[Phrase, AmbiguousHead]
    containers: Phrases
    quantity_words: LowerPhrases
    damage_cues: Patterns
    not_damage: Patterns
    false_friends: Patterns
    not_object_after: Pattern
    not_object_before: Pattern
    post_modifiers: dict[DamageCategory, Phrases]
    post_modifier_heads: Phrases
    near_before: Phrases


class ScopeLocal(_Entry):
    settlement: list[LowerPhrase] = []
    oblast: list[LowerPhrase] = []


class ScopeCues(_File):
    """en/scope_cues.json: what part of the attack a figure counts (extract/scope.py)."""

    site_nouns: LowerPhrases
    site_links: LowerPhrases
    not_site_after: LowerPhrases
    staff_nouns: LowerPhrases
    national_cues: LowerPhrases
    local_cues: ScopeLocal
    national_speakers: Phrases


class FurnitureLines(_File):
    """en/furniture.json: the lines of a pulled web page that are not the article
    (extract/furniture.py); compared casefolded."""

    menu_lines: Phrases
    notice_lines: Phrases
    byline_starts: Annotated[list[str], Field(min_length=1)]
    caption_credits: Phrases
    teaser_starts: Phrases
    trailing_headers: Phrases
    illustrative_captions: Phrases


# --- Ukrainian and Russian (issue 14) ----------------------------------------------------
# The two languages inflect every number and noun; their files list dictionary forms
# (lemmas) and scripts/build_morphology.py writes every form of them into forms.json.


class VagueLemmas(_Entry):
    lemmas: Annotated[list[LowerPhrase], Field(min_length=1)]  # "кілька", "десяток"
    low: Annotated[int, Field(ge=1, strict=True)]
    plural: bool = False                          # only the plural forms ("десятки", "сотні")


class RangeWords(_Entry):
    between: list[LowerPhrase]                    # "від" 10 до 15
    join: list[LowerPhrase]                       # від 10 "до" 15
    or_: list[LowerPhrase] = Field(alias="or")    # два "чи" три


class CyrillicQuantities(_File):
    """uk/quantities.json, ru/quantities.json: how Ukrainian or Russian states amounts
    (lemmas; their forms are in forms.json beside it)."""

    numbers: Annotated[dict[LowerPhrase, Positive], Field(min_length=1)]
    counting_nouns: Annotated[dict[LowerPhrase, Positive], Field(min_length=1)]
    abbreviations: dict[LowerPhrase, Positive] = {}
    halves: dict[LowerPhrase, Positive] = {}      # "півтори" -> 3 halves
    fixed: dict[LowerPhrase, Positive] = {}       # "півсотні" -> 50
    pos: dict[LowerPhrase, str] = {}              # a lemma's part of speech where not the usual
    qualifiers: dict[Literal[_BOUNDED], QualifierForms]  # type: ignore[valid-type]
    vague: Annotated[list[VagueLemmas], Field(min_length=1)]
    units: Phrases
    unit_marks: Phrases
    months: Phrases
    range_words: RangeWords
    number_signs: Phrases
    change_verbs: Phrases
    coordinators: Phrases


class Lexeme(_Entry):
    sg: list[Phrase]                              # forms with a singular (or no number) reading
    pl: list[Phrase]                              # forms with a plural reading


class Forms(_File):
    """uk/forms.json, ru/forms.json: every form of the lemmas of that folder's files, made by
    scripts/build_morphology.py with pymorphy3 (never edited by hand)."""

    forms: dict[Phrase, Lexeme]
