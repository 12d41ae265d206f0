"""The records of CONTRACT.md as typed models: the one place for their shapes.

Everything that crosses a boundary (extraction output, the store, the API, exports)
is one of these models. Vocabularies that the contract fixes (figure kinds,
qualifiers, damage categories) are enums here and nowhere else.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Kind(str, Enum):
    drones_launched = "drones_launched"
    drones_downed = "drones_downed"
    missiles_launched = "missiles_launched"
    missiles_downed = "missiles_downed"
    killed = "killed"
    injured = "injured"
    children_killed = "children_killed"
    children_injured = "children_injured"


class Qualifier(str, Enum):
    exact = "exact"
    at_least = "at_least"
    more_than = "more_than"
    at_most = "at_most"
    less_than = "less_than"
    nearly = "nearly"
    approx = "approx"
    range = "range"
    vague = "vague"


class DamageCategory(str, Enum):
    residential = "residential"
    medical = "medical"
    education = "education"
    energy = "energy"
    industrial = "industrial"
    transport = "transport"
    commercial = "commercial"
    cultural_religious = "cultural_religious"
    administrative = "administrative"
    agricultural = "agricultural"
    utility = "utility"
    other = "other"


class Scope(str, Enum):
    """What part of the attack a figure counts (CONTRACT.md v1.1)."""

    national = "national"
    oblast = "oblast"
    settlement = "settlement"
    site = "site"


class Language(str, Enum):
    """The language a report is mostly written in (ISO 639-1, CONTRACT.md v1.1)."""

    en = "en"
    uk = "uk"
    ru = "ru"


class DatePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=True, extra="ignore")


class Evidence(_Model):
    """A character span of the report text: ``text == report_text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Evidence":
        return cls(start=start, end=end, text=text[start:end])


class TextSpan(_Model):
    """A character span of the report text without its text (a figure's sentence)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Quantity(_Model):
    """An amount as stated: value, qualifier and the inclusive bounds it implies."""

    value: int | None
    qualifier: Qualifier
    low: int | None
    high: int | None

    @classmethod
    def make(cls, value: int | None, qualifier: Qualifier | str,
             low: int | None = None, high: int | None = None) -> "Quantity":
        """Build a quantity, deriving low/high from the qualifier (CONTRACT.md table)."""
        q = Qualifier(qualifier)
        if q in (Qualifier.range, Qualifier.vague):
            return cls(value=None, qualifier=q, low=low, high=high)
        bounds = {
            Qualifier.exact: (value, value),
            Qualifier.at_least: (value, None),
            Qualifier.more_than: (value + 1, None),
            Qualifier.at_most: (None, value),
            Qualifier.less_than: (None, value - 1),
            Qualifier.nearly: (None, value - 1),
            Qualifier.approx: (None, None),
        }[q]
        return cls(value=value, qualifier=q, low=bounds[0], high=bounds[1])


class Figure(_Model):
    kind: Kind
    value: int | None
    qualifier: Qualifier
    low: int | None
    high: int | None
    weapon: str | None = None
    place: str | None = None
    speaker: str | None = None
    scope: Scope | None = None
    evidence: Evidence
    # What extraction knew beyond the contract, kept for the store's columns so that
    # incidents, exports and the API never re-read the text: the sentence the figure
    # was read from, and the weapon families its phrase names (several when the figure
    # counts types together). Not part of the contract JSON.
    sentence: TextSpan | None = Field(default=None, exclude=True)
    families: tuple[str, ...] = Field(default=(), exclude=True)

    def key(self) -> tuple:
        """The contract's identity of a figure within one record."""
        return (self.kind, self.value, self.qualifier, self.low, self.high,
                self.place, self.speaker)


class Place(_Model):
    name: str
    admin1: str | None
    lat: float | None
    lon: float | None
    role: Literal["hit", "mentioned"]
    evidence: Evidence
    # the sentence the place was read from, for the store's columns (not contract JSON)
    sentence: TextSpan | None = Field(default=None, exclude=True)


class Damage(_Model):
    category: DamageCategory
    text: str
    place: str | None = None
    evidence: Evidence
    # the sentence the item was read from, for the store's columns (not contract JSON)
    sentence: TextSpan | None = Field(default=None, exclude=True)


class Speaker(_Model):
    name: str
    role: str | None = None


class Source(_Model):
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None


class Attack(_Model):
    date: dt.date | None = None
    date_precision: DatePrecision | None = None


class Record(_Model):
    """What one report becomes (CONTRACT.md, "One record per report")."""

    report_id: str
    language: Language | None = None
    source: Source = Field(default_factory=Source)
    attack: Attack = Field(default_factory=Attack)
    figures: list[Figure] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    damage: list[Damage] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)
    weapons: list[str] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json()


class Report(_Model):
    """One input report as a reader got it, before extraction."""

    report_id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    origin: str | None = Field(default=None, description="where it was read: FILE or FILE:LINE")

    @property
    def content_hash(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    """SHA-256 of a report's text, hex: the identity used for idempotent ingest."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
