"""Currency from ISO codes, symbols and words, weighted towards the totals' lines."""

from __future__ import annotations

import bisect
import itertools
import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

ISO_CODES = frozenset(
    [
        "EUR",
        "USD",
        "GBP",
        "CHF",
        "INR",
        "MYR",
        "PLN",
        "SEK",
        "NOK",
        "DKK",
        "JPY",
        "CNY",
        "AUD",
        "CAD",
        "SGD",
        "HKD",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "TRY",
        "ZAR",
        "BRL",
        "MXN",
        "NZD",
        "AED",
        "SAR",
        "ILS",
        "THB",
        "IDR",
        "PHP",
        "KRW",
        "TWD",
        "RUB",
        "UAH",
        "ISK",
        "HRK",
        "RSD",
        "MKD",
    ]
)
_CODE_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(ISO_CODES)) + r")(?![A-Za-z])")
_TRIGRAM_RE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")
_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"€"), "EUR"),
    (re.compile(r"(?<![A-Za-z])(?:US\$|USD\$)"), "USD"),
    (re.compile(r"(?<![A-Za-z])(?:A\$|AU\$)"), "AUD"),
    (re.compile(r"(?<![A-Za-z])(?:C\$|CA\$)"), "CAD"),
    (re.compile(r"(?<![A-Za-z])S\$"), "SGD"),
    (re.compile(r"(?<![A-Za-z])HK\$"), "HKD"),
    (re.compile(r"(?<![A-Za-z$])\$"), "USD"),
    (re.compile(r"£"), "GBP"),
    (re.compile(r"₹|(?<![A-Za-z])Rs\.?(?=\s?-?\d)|(?<![A-Za-z])INR"), "INR"),
    (re.compile(r"(?<![A-Za-z])RM(?![A-Za-z])"), "MYR"),
    (re.compile(r"zł|(?<![A-Za-z])PLN"), "PLN"),
    (re.compile(r"¥"), "JPY"),
    (re.compile(r"₺"), "TRY"),
    (re.compile(r"(?<![A-Za-z])(?:Fr\.|SFr\.?)(?=\s?\d)"), "CHF"),
)
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\beuros?\b", re.IGNORECASE), "EUR"),
    (re.compile(r"\b(?:us\s+)?dollars?\b", re.IGNORECASE), "USD"),
    (re.compile(r"\brupees?\b", re.IGNORECASE), "INR"),
    (re.compile(r"\bringgit\b", re.IGNORECASE), "MYR"),
    (re.compile(r"\bpounds?\s+sterling\b", re.IGNORECASE), "GBP"),
    (re.compile(r"\bforint(?:ot|ban)?\b", re.IGNORECASE), "HUF"),
)


_SYMBOL_MARKS: dict[str, tuple[str, ...]] = {
    "EUR": ("€",),
    "USD": ("$",),
    "AUD": ("$",),
    "CAD": ("$",),
    "SGD": ("$",),
    "HKD": ("$",),
    "GBP": ("£",),
    "INR": ("₹", "Rs", "INR"),
    "MYR": ("RM",),
    "PLN": ("zł", "PLN"),
    "JPY": ("¥",),
    "TRY": ("₺",),
    "CHF": ("Fr",),
}
"""A literal each symbol pattern needs: a text without it is not searched with the pattern."""
_WORD_MARKS: dict[str, str] = {
    "EUR": "euro",
    "USD": "dollar",
    "INR": "rupee",
    "MYR": "ringgit",
    "GBP": "pound",
    "HUF": "forint",
}
_ANY_RE = re.compile(
    "|".join(
        [f"(?:{_CODE_RE.pattern})"]
        + [f"(?:{pattern.pattern})" for pattern, _ in _SYMBOLS]
        + [f"(?i:{pattern.pattern})" for pattern, _ in _WORDS]
    )
)
"""Every pattern at once: most lines mention no currency, and one search says so."""


_ALL_MARKS: tuple[str, ...] = tuple(dict.fromkeys(mark for marks in _SYMBOL_MARKS.values() for mark in marks))
_FOLDING = frozenset("İıſKΣσςϲ")
"""Letters a case-insensitive pattern matches although the text's lower case does not show it (the
dotless i, the long s, ...): a line holding one is searched with the patterns themselves."""


_MARKS_RE = re.compile("|".join(re.escape(mark) for mark in _ALL_MARKS))
_WORD_MARKS_RE = re.compile("|".join(re.escape(word) for word in _WORD_MARKS.values()))


def _may_mention(line: str) -> bool:
    """False only when no pattern can match: no literal a symbol needs, no ISO code, no currency
    word in the lower-cased line (far cheaper than the alternation of every pattern at each position)."""
    if _MARKS_RE.search(line) is not None:
        return True
    if any(match.group(1) in ISO_CODES for match in _TRIGRAM_RE.finditer(line)):
        return True
    if not _FOLDING.isdisjoint(line):
        return _ANY_RE.search(line) is not None
    return _WORD_MARKS_RE.search(line.lower()) is not None


def lines_mentioning(texts: Sequence[str]) -> list[int]:
    """Indexes of the texts that may mention a currency, in order: every text `currencies_in` finds
    one in (and maybe a few more), from one pass over the texts joined instead of one per text."""
    text = "\n".join(texts)
    if not _FOLDING.isdisjoint(text):
        return list(range(len(texts)))
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    hits = {match.start() for match in _MARKS_RE.finditer(text)}
    hits.update(match.start() for match in _TRIGRAM_RE.finditer(text) if match.group(1) in ISO_CODES)
    hits.update(match.start() for match in _WORD_MARKS_RE.finditer(text.lower()))
    return sorted({bisect.bisect_right(starts, hit) - 1 for hit in hits})


def currencies_in(line: str) -> list[str]:
    """Currencies mentioned in one line, each once per mention."""
    if not _may_mention(line):
        return []
    return currencies_of(line)


def currencies_of(line: str) -> list[str]:
    """`currencies_in` without its quick screen, for a line `lines_mentioning` has screened already
    (the same list: on a line the screen rules out, every search below finds nothing)."""
    # three capitals, then the set: the codes _CODE_RE finds (a code stands between non-letters, so
    # no two overlap), without its alternation of every code at each position
    found = [m.group(1) for m in _TRIGRAM_RE.finditer(line) if m.group(1) in ISO_CODES]
    for pattern, code in _SYMBOLS:
        if any(mark in line for mark in _SYMBOL_MARKS[code]):  # each symbol pattern needs its literal
            found += [code] * len(pattern.findall(line))
    folding = not _FOLDING.isdisjoint(line)
    lowered = line.lower()
    for pattern, code in _WORDS:
        if folding or _WORD_MARKS[code] in lowered:
            found += [code] * len(pattern.findall(line))
    return found


def _mentions(text: str) -> list[tuple[int, str]]:
    """(position, code) of every currency mention in a text."""
    # three capitals, then the set: far cheaper than the alternation of every ISO code at each position
    found = [(m.start(), m.group(1)) for m in _TRIGRAM_RE.finditer(text) if m.group(1) in ISO_CODES]
    lowered = text.lower()
    for pattern, code in _SYMBOLS:
        if any(mark in text for mark in _SYMBOL_MARKS[code]):  # most texts carry one or two signs
            found += [(m.start(), code) for m in pattern.finditer(text)]
    for pattern, code in _WORDS:
        if _WORD_MARKS[code] in lowered:
            found += [(m.start(), code) for m in pattern.finditer(text)]
    found.sort()
    return found


def vote_currency(all_lines: list[str], total_lines: list[str]) -> tuple[str | None, str | None, float]:
    """The currency by weighted vote: (code, the line that decided it, confidence)."""
    votes: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    text = "\n".join(all_lines)
    for position, code in _mentions(text):  # one pass over the whole text, not one per line
        votes[code] += 1
        if code not in evidence:
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            evidence[code] = text[start : end if end >= 0 else len(text)]
    for line in total_lines:
        for code in currencies_in(line):
            votes[code] += 5
            evidence[code] = line
    if not votes:
        return None, None, 0.0
    (best, count), *rest = votes.most_common()
    runner = rest[0][1] if rest else 0
    confidence = 0.95 if count >= 2 * max(runner, 1) else 0.7
    if best == "USD" and _EXPLICIT_USD_RE.search(text) is None:
        return _resolve_dollar(all_lines, text, votes, evidence)
    return best, evidence[best], confidence


DOLLARS = frozenset(["USD", "AUD", "CAD", "NZD", "SGD", "HKD"])
"""Currencies printed with a bare "$"."""
_EXPLICIT_USD_RE = re.compile(r"(?<![A-Za-z])(?:USD|US\$)|(?i:\bus\s+dollars?\b)")
UNCERTAIN_DOLLAR = 0.5
"""The confidence of USD read from a bare "$" the page gives no country for: a person checks it."""


@cache
def conventions() -> dict[str, Any]:
    """``lexicons/currencies.json``: what tells a bare "$" apart, currencies printed without decimals."""
    path = resources.files("opsloop.extract.rules") / "lexicons" / "currencies.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _dollar_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    evidence: dict[str, list[str]] = conventions()["dollar_evidence"]
    return tuple((code, re.compile("|".join(patterns))) for code, patterns in evidence.items())


def dollar_country(text: str) -> tuple[str | None, str | None]:
    """Which dollar the page's evidence names (its country, tax ids, postcodes, bank codes): (code, the
    text that says so); (None, None) with no evidence or with evidence for two dollars."""
    found: dict[str, str] = {}
    for code, pattern in _dollar_patterns():
        match = pattern.search(text)
        if match is not None:
            found[code] = match.group(0)
    if len(found) != 1:
        return None, None
    return next(iter(found.items()))


def _resolve_dollar(
    all_lines: list[str], text: str, votes: Counter[str], evidence: dict[str, str]
) -> tuple[str | None, str | None, float]:
    """A "$" without "USD" on the page: the dollar code printed elsewhere ("AUD"), else the one the
    page's country evidence names, else USD held as uncertain (never guessed with confidence)."""
    country, clue = dollar_country(text)
    others = [code for code in votes if code in DOLLARS and code != "USD"]
    if others and country in (None, *others):
        code = max(others, key=lambda c: votes[c])
        return code, evidence[code], 0.9
    if country is not None:
        line = next((line for line in all_lines if clue and clue in line), evidence["USD"])
        return country, line, 0.8 if country != "USD" else 0.9
    return "USD", evidence["USD"], UNCERTAIN_DOLLAR


@cache
def whole_unit_codes() -> frozenset[str]:
    """Currencies printed without minor units in practice (forints, yen, won, krónur, ...)."""
    return frozenset(str(code) for code in conventions()["whole_units"])


def prints_whole_units(text: str, local_currency: str | None) -> bool:
    """Whether the document's amounts are whole units: its only currency code is one printed without
    decimals, or it names none and its language's own currency marks are such a currency's."""
    codes = {m.group(1) for m in _TRIGRAM_RE.finditer(text) if m.group(1) in ISO_CODES}
    if codes:
        return codes <= whole_unit_codes()
    return local_currency in whole_unit_codes() or ("¥" in text and "JPY" in whole_unit_codes())
