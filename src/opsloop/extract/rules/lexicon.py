"""Label lexicons, one JSON file per language under `lexicons/`, merged and compiled once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "nl", "es", "it")


@dataclass(frozen=True)
class LabelHit:
    kind: str
    start: int
    end: int
    text: str
    language: str


@cache
def _load() -> dict[str, dict[str, object]]:
    folder = resources.files("opsloop.extract.rules") / "lexicons"
    return {lang: json.loads((folder / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGUAGES}


@cache
def month_names() -> dict[str, int]:
    """Month names and abbreviations of every language, lower case, to month number."""
    merged: dict[str, int] = {}
    for data in _load().values():
        months = data["months"]
        assert isinstance(months, dict)
        merged.update({str(k): int(v) for k, v in months.items()})
    return merged


@cache
def label_patterns(kind: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled patterns for one label kind across languages (language kept for the vote)."""
    compiled: list[tuple[re.Pattern[str], str]] = []
    for lang, data in _load().items():
        labels = data["labels"]
        assert isinstance(labels, dict)
        for pattern in labels.get(kind, []):
            compiled.append((re.compile(r"(?<![\w])(?:" + pattern + r")(?![^\W\d_])", re.IGNORECASE), lang))
    return tuple(compiled)


@cache
def _prefilter(kind: str) -> re.Pattern[str]:
    """One alternation of every pattern of ``kind``, matched case-sensitively against the lower-cased
    line (IGNORECASE makes a large alternation several times slower): most lines match none."""
    parts = [part.replace("A-Z", "a-z") for part in _raw_patterns(kind)] or [r"(?!x)x"]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![^\W\d_])")


def _raw_patterns(kind: str, language: str | None = None) -> list[str]:
    raw: list[str] = []
    for lang, data in _load().items():
        labels = data["labels"]
        assert isinstance(labels, dict)
        if language is None or lang == language:
            raw += [f"(?:{p})" for p in labels.get(kind, [])]
    return raw


@lru_cache(maxsize=65536)
def _find_labels(kind: str, line: str) -> tuple[LabelHit, ...]:
    if _prefilter(kind).search(line.lower()) is None:
        return ()
    hits: list[LabelHit] = []
    for pattern, lang in label_patterns(kind):
        for match in pattern.finditer(line):
            if match.end() > match.start():
                hits.append(LabelHit(kind, match.start(), match.end(), match.group(0), lang))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[LabelHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return tuple(kept)


def find_labels(kind: str, line: str) -> list[LabelHit]:
    """Label matches of ``kind`` in a line; where matches overlap the longest wins."""
    return list(_find_labels(kind, line))


def any_label(kinds: tuple[str, ...], line: str) -> bool:
    return any(find_labels(kind, line) for kind in kinds)


_COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "for",
            "to",
            "invoice",
            "total",
            "date",
            "amount",
            "due",
            "tax",
            "price",
            "quantity",
            "payment",
            "please",
            "thank",
            "you",
            "bill",
            "number",
            "customer",
            "description",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "rechnung",
            "datum",
            "betrag",
            "gesamt",
            "summe",
            "mit",
            "für",
            "von",
            "bitte",
            "zahlbar",
            "menge",
            "preis",
            "steuer",
            "netto",
            "umsatzsteuer",
            "rechnungsnummer",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "facture",
            "date",
            "montant",
            "total",
            "de",
            "du",
            "des",
            "pour",
            "prix",
            "quantité",
            "tva",
            "paiement",
            "merci",
            "désignation",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "factuur",
            "datum",
            "bedrag",
            "totaal",
            "van",
            "voor",
            "btw",
            "betaling",
            "aantal",
            "prijs",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "factura",
            "fecha",
            "importe",
            "total",
            "de",
            "del",
            "para",
            "precio",
            "cantidad",
            "iva",
            "pago",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "e",
            "fattura",
            "data",
            "importo",
            "totale",
            "di",
            "del",
            "per",
            "prezzo",
            "quantità",
            "iva",
            "pagamento",
        ]
    ),
}
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def guess_language(text: str) -> str:
    """The language whose common and label words occur most often (ties: English)."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in _WORD_RE.findall(text[:6000].lower()):
        for lang in LANGUAGES:
            if word in _COMMON_WORDS[lang]:
                counts[lang] += 1
    return max(LANGUAGES, key=lambda lang: (counts[lang], lang == "en"))
