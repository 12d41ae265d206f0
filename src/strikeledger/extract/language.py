"""The language a report is mostly written in: English, Ukrainian or Russian.

Ukrainian and Russian share most of the Cyrillic alphabet and much vocabulary, so telling
them apart takes a trained detector: lingua (``lingua-language-detector``), restricted to
the three languages a report can be in. Its low-accuracy mode reads character trigrams
only; it loads in ~30 ms and ~20 MB (the high-accuracy mode adds ~0.8 s and ~90 MB on
first use) and made no mistake on the Ukrainian, Russian and English report sets, which
are paragraphs, not the short phrases the high-accuracy mode is for.

Two shortcuts keep extraction fast, neither changing the answer the detector would give:
a text without a Cyrillic letter is English (the only Latin-script language of the three),
and only the first ``SAMPLE`` characters are read (a report's language does not change
half-way; reading all of a 5 MB text would cost time for nothing).
"""
from __future__ import annotations

import re
from functools import cache

from ..data import LANGUAGES
from ..model import Language
from .document import Document, annotator
from .quantities_cyrillic import CYRILLIC

__all__ = ["SAMPLE", "detect_language", "read_language"]

SAMPLE = 2000
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _detector():
    from lingua import Language as L, LanguageDetectorBuilder  # loaded on first Cyrillic text

    codes = {L.ENGLISH: Language.en, L.UKRAINIAN: Language.uk, L.RUSSIAN: Language.ru}
    detector = (LanguageDetectorBuilder.from_languages(*codes)
                .with_low_accuracy_mode().build())
    return detector, codes


def detect_language(text: str) -> Language | None:
    """``en``, ``uk`` or ``ru`` for a report's text; None when it has no letters at all."""
    sample = text[:SAMPLE]
    if not CYRILLIC.search(sample):
        return Language.en if _LETTER.search(sample) else None
    detector, codes = _detector()
    # the detector takes only encodable text: a lone surrogate (a JSON "\udc80") becomes "?"
    sample = sample.encode("utf-8", "replace").decode("utf-8")
    found = detector.detect_language_of(sample)
    return codes.get(found) if found is not None else None


@annotator("language", reads=("text",), assigns=("language", "lang"))
def read_language(doc: Document) -> None:
    """The report's language, and the vocabulary folder the other annotators read: its own
    where the package has one (``data.LANGUAGES``), else English."""
    doc.language = detect_language(doc.text)
    code = doc.language.value if doc.language is not None else "en"
    doc.lang = code if code in LANGUAGES else "en"
