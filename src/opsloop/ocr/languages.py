"""Which Tesseract language packs read a scan: the configured set, or the language the page's words show.

Tesseract reads a page with the language packs it is given; a page in another language comes out with its
accented letters lost or swapped (``Migraciön``, ``Sänchez``, ``ł`` read as ``t``) and its words split. The
set's first pack reads the first page's top band (`opsloop.ocr.scan.probe_cut`), else the configured set
(`OcrSettings.languages`) the whole first page; when its words show a language of the locale packs (their
common words, accents folded, so that a word read without its accent still counts) whose Tesseract pack is
installed but not in the set, the page is read (whole, once; again where the band told nothing) with that
pack first, and the rest of the document with it from the start. A language whose pack is not installed
is read with what is installed, with a one-line note (and a log line) that says which package to install.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from opsloop.ocr.tesseract import OcrStatus

log = logging.getLogger(__name__)

PACKS_FILE = "tesseract_languages.json"
MIN_EVIDENCE = 3
"""Common words of a language a page must show (counted with repeats) before its language counts as known."""
_WORD = re.compile(r"[^\W\d_]{2,}")
_warned: set[str] = set()


@cache
def tesseract_packs() -> dict[str, str]:
    """The Tesseract pack of each locale-pack language (``es`` -> ``spa``), from `tesseract_languages.json`."""
    raw = json.loads(resources.files("opsloop.ocr").joinpath(PACKS_FILE).read_text("utf-8"))
    return {str(k): str(v) for k, v in raw.items() if not k.startswith("_")}


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _languages_of_folded_words() -> dict[str, tuple[str, ...]]:
    from opsloop.extract.rules.lexicon import LANGUAGES, common_words  # (extract imports ocr: late)

    found: dict[str, list[str]] = {}
    for language in LANGUAGES:
        for word in common_words(language):
            found.setdefault(_fold(word), []).append(language)
    return {word: tuple(languages) for word, languages in found.items()}


def language_evidence(text: str) -> Counter[str]:
    """How many of each language's common words (accents folded) a page's text shows."""
    languages_of = _languages_of_folded_words()
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text[:8000]):
        counts.update(languages_of.get(_fold(word), ()))
    return counts


@dataclass(frozen=True)
class LanguageChoice:
    """What a first page's words say about the packs to read the document with."""

    decided: bool
    """The page showed enough words to tell (False: ask the next page)."""
    languages: str | None = None
    """The `-l` argument to read the document with instead (None: keep the one it was read with)."""
    note: str | None = None
    """The language read and what was done about it, for the document's OCR note."""


def choose_languages(text: str, status: OcrStatus, installed: tuple[str, ...]) -> LanguageChoice:
    """The packs to read a document with, from the text its first page gave with `status.languages`: the
    page's language first, then the set's first pack (numbers, IBANs and English words read as before),
    when that language outscores every language of the set. Two languages that tie (Czech and Slovak,
    Spanish and Portuguese share many words) are both read where both packs are installed, else the one
    that is; more than two tied tell nothing. Where no pack of the page's language is installed, the next
    language of the page's words that still outscores the set and has its pack is read (Slovak by Czech),
    else the set; the note names the package to install."""
    current = [pack for pack in (status.languages or "").split("+") if pack]
    evidence = language_evidence(text)
    if not current or not evidence or evidence.most_common(1)[0][1] < MIN_EVIDENCE:
        return LanguageChoice(decided=False)
    packs = tesseract_packs()
    ranked = [(language, n) for language, n in evidence.most_common() if language in packs]
    in_set = max((n for language, n in ranked if packs[language] in current), default=0)
    score = ranked[0][1] if ranked else 0
    top = [language for language, n in ranked if n == score]
    if score <= in_set or len(top) > 2:
        return LanguageChoice(decided=True)
    usable = [packs[language] for language in top if packs[language] in installed]
    shown = " or ".join(top)
    if usable:
        chosen = "+".join([*usable, current[0]])
        return LanguageChoice(decided=True, languages=chosen, note=f"language {shown}: read with {chosen}")
    missing = " ".join(f"tesseract-ocr-{packs[language]}" for language in top)
    lacking = f"the page reads as {shown}, but Tesseract lacks its pack (apt-get install {missing})"
    if missing not in _warned:
        _warned.add(missing)
        log.warning("OCR: %s", lacking)
    nearest = next(
        (lang for lang, n in ranked if in_set < n < score and n >= MIN_EVIDENCE and packs[lang] in installed),
        None,
    )
    if nearest is None:
        return LanguageChoice(decided=True, note=f"{lacking}: read with {'+'.join(current)}")
    chosen = f"{packs[nearest]}+{current[0]}"
    return LanguageChoice(
        decided=True, languages=chosen, note=f"{lacking}: read with {chosen} ({nearest}, next)"
    )
