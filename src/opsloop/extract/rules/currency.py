"""Currency from ISO codes, symbols and words, weighted towards the totals' lines."""

from __future__ import annotations

import bisect
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from opsloop.extract.rules.lexicon import (
    HOLDS_FOLDING_LETTER,
    LANGUAGES,
    CaselessPattern,
    LetterTest,
    locale_pack,
    word_entries,
)

_WORD_CHAR_RE = re.compile(r"\w")


@cache
def conventions() -> dict[str, Any]:
    """``lexicons/currencies.json``: ISO codes, symbols, words, the signs several currencies share and
    what on a page tells them apart, currencies printed without decimals."""
    path = resources.files("opsloop.extract.rules") / "lexicons" / "currencies.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


ISO_CODES = frozenset(str(code) for code in conventions()["codes"])
LABELLED_ONLY_CODES = frozenset(str(code) for code in conventions().get("labelled_codes", []))
"""ISO codes that are also common words ("PEN", "ALL"): read only where a currency label names them."""
_CODE_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(ISO_CODES)) + r")(?![A-Za-z])")
_TRIGRAM_RE = re.compile(r"([A-Z](?<![A-Za-z][A-Z])[A-Z]{2})(?![A-Za-z])")
r"""Three capitals between non-letters (what an ISO code is printed as): ``(?<![A-Za-z])([A-Z]{3})``
with its first capital matched first and the lookbehind read after it, so that the regex engine
skips to the capitals of a text instead of trying the lookbehind at every place."""


_CASELESS_WORD_RE = re.compile(r"^\(\?i:\\b(.*)\)$")
_BOUNDED_RE = re.compile(r"^\\b(?=[\w(\[])")
_UPPER_ESCAPE_RE = re.compile(r"\\[A-Z]")
_GROUP_RE = re.compile(r"\(\?P<c\d+>")


class Evidence:
    """What on a page names each of a shared sign's currencies (regular expressions of
    ``currencies.json``), read in three passes over the page whatever the number of currencies: a
    page is long and most hold none. The case-insensitive words ("(?i:\\bchile\\b)") are read on
    the lower-cased page; the patterns opening with a word boundary before a letter or digit
    ("\\bCLABE\\b") are searched without it, for their opening characters, and the boundary is
    checked where one is found; the rest as written."""

    def __init__(self, evidence: dict[str, list[str]]) -> None:
        self.codes = tuple(evidence)
        words: list[str] = []
        bounded: list[str] = []
        plain: list[str] = []
        for at, sources in enumerate(evidence.values()):
            group = f"c{at}"
            mine = [m.group(1) for s in sources if (m := _CASELESS_WORD_RE.match(s))]
            rest = [s for s in sources if not _CASELESS_WORD_RE.match(s)]
            if mine:
                words.append(f"(?P<{group}>{'|'.join(mine)})")
            if found := [s[2:] for s in rest if _BOUNDED_RE.match(s)]:
                bounded.append(f"(?P<{group}>{'|'.join(found)})")
            if found := [s for s in rest if not _BOUNDED_RE.match(s)]:
                plain.append(f"(?P<{group}>{'|'.join(found)})")
        words_source = r"(?<![\w])(?:" + "|".join(words) + ")"
        self._words = re.compile(words_source, re.IGNORECASE) if words else None
        # on the lower-cased page: the words without their groups and their word-start test open
        # with literal letters, which the regex engine scans for; the test and the group are checked
        # where one is found
        lowered_ok = words and _UPPER_ESCAPE_RE.search(words_source) is None
        self._words_any = (
            re.compile(_GROUP_RE.sub("(?:", "(?:" + "|".join(words) + ")").lower()) if lowered_ok else None
        )
        self._words_lowered = re.compile(words_source.lower().replace("(?p<", "(?P<")) if lowered_ok else None
        self._bounded = re.compile("|".join(bounded)) if bounded else None
        self._plain = re.compile("|".join(plain)) if plain else None

    def names(self, text: str) -> dict[str, str]:
        """Each currency the page names, with the first text that names it."""
        found: dict[str, str] = {}

        def keep(match: re.Match[str], printed: str) -> None:
            group = match.lastgroup
            if group is not None:
                found.setdefault(self.codes[int(group[1:])], printed)

        if self._words is not None:
            if (
                self._words_any is not None
                and self._words_lowered is not None
                and not HOLDS_FOLDING_LETTER.held_by(text)
            ):
                lowered = text.lower()
                for hit in self._words_any.finditer(lowered):
                    at = hit.start()
                    match = self._words_lowered.match(lowered, at)
                    if match is not None and (at == 0 or _WORD_CHAR_RE.match(lowered, at - 1) is None):
                        keep(match, text[match.start() : match.end()])
            else:
                for match in self._words.finditer(text):
                    keep(match, match.group(0))
        if self._bounded is not None:
            for match in self._bounded.finditer(text):
                at = match.start()
                if at == 0 or _WORD_CHAR_RE.match(text, at - 1) is None:
                    keep(match, match.group(0))
        if self._plain is not None:
            for match in self._plain.finditer(text):
                keep(match, match.group(0))
        return found


@dataclass(frozen=True)
class SharedSign:
    """A mark several currencies print ("$", "kr", "¥", "R"): the page decides which one."""

    sign: str
    pattern: re.Pattern[str]
    marks: tuple[str, ...]
    currencies: tuple[str, ...]
    uncertain: str | None
    """What the sign reads as with no evidence (held at low confidence); None: it counts for nothing."""
    evidence: Evidence

    @property
    def key(self) -> str:
        """The sign's vote: not an ISO code (those are three capitals), resolved after the vote."""
        return "sign:" + self.sign


SHARED_SIGNS: tuple[SharedSign, ...] = tuple(
    SharedSign(
        entry["sign"],
        re.compile(entry["pattern"]),
        tuple(entry["marks"]),
        tuple(entry["currencies"]),
        entry["uncertain"],
        Evidence(entry["evidence"]),
    )
    for entry in conventions()["shared_signs"]
)
_SIGN_BY_KEY = {sign.key: sign for sign in SHARED_SIGNS}
_SIGN_MARKS: tuple[str, ...] = tuple(dict.fromkeys(mark for sign in SHARED_SIGNS for mark in sign.marks))

_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(entry["pattern"]), entry["code"]) for entry in conventions()["symbols"]
) + tuple((sign.pattern, sign.uncertain) for sign in SHARED_SIGNS if sign.uncertain is not None)
"""Marks that name a currency; a shared sign read on its own line as what it means without evidence."""
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(entry["pattern"], re.IGNORECASE), entry["code"]) for entry in conventions()["words"]
)

_SYMBOL_MARKS: dict[str, tuple[str, ...]] = {}
for _entry in conventions()["symbols"]:
    _SYMBOL_MARKS[_entry["code"]] = tuple(
        dict.fromkeys((*_SYMBOL_MARKS.get(_entry["code"], ()), *_entry["marks"]))
    )
for _sign in SHARED_SIGNS:
    if _sign.uncertain is not None:
        _code = _sign.uncertain
        _SYMBOL_MARKS[_code] = tuple(dict.fromkeys((*_SYMBOL_MARKS.get(_code, ()), *_sign.marks)))
"""A literal each symbol pattern needs: a text without it is not searched with the pattern."""
_WORD_MARKS: dict[str, tuple[str, ...]] = {}
for _entry in conventions()["words"]:
    _WORD_MARKS[_entry["code"]] = (*_WORD_MARKS.get(_entry["code"], ()), _entry["mark"])
_ANY_RE = re.compile(
    "|".join(
        [f"(?:{_CODE_RE.pattern})"]
        + [f"(?:{pattern.pattern})" for pattern, _ in _SYMBOLS]
        + [f"(?i:{pattern.pattern})" for pattern, _ in _WORDS]
    )
)
"""Every pattern at once: most lines mention no currency, and one search says so."""


_ALL_MARKS: tuple[str, ...] = tuple(dict.fromkeys(mark for marks in _SYMBOL_MARKS.values() for mark in marks))
_FOLDING = LetterTest(frozenset("İıſ\u212aΣσςϲ"))
"""Letters a case-insensitive pattern matches although the text's lower case does not show it (the
dotless i, the long s, the Kelvin sign, ...): a line holding one is searched with the patterns
themselves. (The Kelvin sign is written as an escape: a plain capital K here sent every document
holding one through the slow search, every line screened in.)"""


_MARKS_RE = re.compile("|".join(re.escape(mark) for mark in _ALL_MARKS))
_WORD_MARKS_RE = re.compile("|".join(re.escape(word) for words in _WORD_MARKS.values() for word in words))


def _may_mention(line: str) -> bool:
    """False only when no pattern can match: no literal a symbol needs, no ISO code, no currency
    word in the lower-cased line (far cheaper than the alternation of every pattern at each position)."""
    if _MARKS_RE.search(line) is not None:
        return True
    if not ISO_CODES.isdisjoint(_TRIGRAM_RE.findall(line)):
        return True
    if _FOLDING.held_by(line):
        return _ANY_RE.search(line) is not None
    return _WORD_MARKS_RE.search(line.lower()) is not None


def lines_mentioning(texts: Sequence[str]) -> list[int]:
    """Indexes of the texts that may mention a currency, in order: every text `currencies_in` finds
    one in (and maybe a few more), from one pass over the texts joined instead of one per text."""
    text = "\n".join(texts)
    if _FOLDING.held_by(text):
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
    found = [code for code in _TRIGRAM_RE.findall(line) if code in ISO_CODES]
    if _MARKS_RE.search(line) is not None:
        for pattern, code in _SYMBOLS:
            if any(mark in line for mark in _SYMBOL_MARKS[code]):  # each symbol pattern needs its literal
                found += [code] * len(pattern.findall(line))
    folding = _FOLDING.held_by(line)
    lowered = line.lower()
    for pattern, code in _WORDS:
        if folding or any(mark in lowered for mark in _WORD_MARKS[code]):
            found += [code] * len(pattern.findall(line))
    return found


def _mentions(text: str) -> list[tuple[int, str, bool]]:
    """(position, vote, explicit) of every currency mention in a text: an ISO code, or a shared sign's
    key (resolved after the vote); explicit when a code or a currency's own symbol names it."""
    # three capitals, then the set: far cheaper than the alternation of every ISO code at each position
    found = [(m.start(), m.group(1), True) for m in _TRIGRAM_RE.finditer(text) if m.group(1) in ISO_CODES]
    lowered = text.lower()
    for pattern, code, marks in _OWN_SYMBOLS:
        found += [(at, code, True) for at in _marked_matches(pattern, text, marks)]
    for sign in SHARED_SIGNS:
        found += [(at, sign.key, False) for at in _marked_matches(sign.pattern, text, sign.marks)]
    for pattern, code in _WORDS:
        if any(mark in lowered for mark in _WORD_MARKS[code]):
            found += [(m.start(), code, False) for m in pattern.finditer(text)]
    found.sort()
    return found


def _marked_matches(pattern: re.Pattern[str], text: str, marks: tuple[str, ...]) -> list[int]:
    """Where ``pattern`` matches in ``text``, read only on the lines holding one of the literals it
    needs (most texts hold none, or on a few lines)."""
    found: list[int] = []
    read: set[int] = set()
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if start not in read:
                read.add(start)
                found += [m.start() for m in pattern.finditer(text, start, end)]
            at = text.find(mark, end)
    return found


_OWN_SYMBOLS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(entry["pattern"]), entry["code"], tuple(entry["marks"])) for entry in conventions()["symbols"]
)
"""The symbols of one currency each (not the shared signs), with the literals each pattern needs."""


@cache
def currency_signs() -> list[str]:
    """The currency symbols of one character ("€", "£", "₺", "₴", "$"), each printed beside an amount."""
    marks = {
        str(mark) for entry in conventions()["symbols"] for mark in entry["marks"] if len(str(mark)) == 1
    }
    return sorted(marks | {"$"})


def dollar_marks() -> list[str]:
    """The symbols of one dollar (or real, peso) each, printed with letters before the sign ("US$", "A$",
    "R$", "HK$"), longest first: an amount's currency prefix as much as "$" is."""
    marks = {str(mark) for entry in conventions()["symbols"] for mark in entry["marks"] if "$" in str(mark)}
    return sorted(marks, key=lambda mark: (-len(mark), mark))


def _line_at(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]


_LABELLED_CODE_RE = re.compile(
    r"(?<![\w])(?i:" + "|".join(word_entries("currency_labels")) + r")[ \t]*[:.]?[ \t]*([A-Z]{3})(?![A-Za-z])"
)
"""An ISO code a currency label names ("Currency: EUR", "Valuta  EUR", "Währung CHF")."""
_CURRENCY_LABEL = CaselessPattern(
    re.compile(r"(?<![\w])(?:" + "|".join(word_entries("currency_labels")) + ")", re.IGNORECASE)
)
"""The currency label `_LABELLED_CODE_RE` opens with: its quick test skips to the places one may stand."""


def _labelled_codes(text: str) -> Iterator[re.Match[str]]:
    """``_LABELLED_CODE_RE.finditer(text)``, tried only where a currency label stands (the whole text's
    case-insensitive search costs at every place, and most pages print no label)."""
    at = 0
    while (label := _CURRENCY_LABEL.search(text, at)) is not None:
        match = _LABELLED_CODE_RE.match(text, label.start())
        if match is None:
            at = label.start() + 1
            continue
        yield match
        at = match.end()  # (a match is never empty: it ends with a code)


LABELLED_VOTES = 10
"""The votes of a code a currency label names: the document says its currency, which outweighs marks
that only look like a currency's (a province's code "(RM)" in an address, a unit's letters)."""


def vote_currency(
    all_lines: list[str], total_lines: list[str], language: str | None = None
) -> tuple[str | None, str | None, float]:
    """The currency by weighted vote: (code, the line that decided it, confidence). A shared sign
    ("$", "kr", "¥") counts for the currency the page names for it (`resolve_sign`); ``language`` is
    the document's, whose pack's currency decides a sign when nothing else on the page does."""
    votes: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    explicit: set[str] = set()
    text = "\n".join(all_lines)
    for position, key, named in _mentions(text):  # one pass over the whole text, not one per line
        votes[key] += 1
        if named:
            explicit.add(key)
        if key not in evidence:
            evidence[key] = _line_at(text, position)
    for match in _labelled_codes(text):
        if match.group(1) in ISO_CODES or match.group(1) in LABELLED_ONLY_CODES:
            votes[match.group(1)] += LABELLED_VOTES
            explicit.add(match.group(1))
            evidence[match.group(1)] = _line_at(text, match.start())
    for line in total_lines:
        if not _may_mention(line) and not any(mark in line for mark in _SIGN_MARKS):
            continue  # most totals' lines print their amount alone
        for _at, key, named in _mentions(line):
            votes[key] += 5
            evidence[key] = line
            if named:
                explicit.add(key)
    # the one ISO code the total's own line prints is the invoice's, however often the page names another (a
    # foreign-currency invoice printing its VAT, converted, in the home currency: "VAT in PLN: 4 236,60 PLN")
    printed = {
        (key, line)
        for line in total_lines
        for _at, key, named in _mentions(line)
        if named and key in ISO_CODES
    }
    if len({key for key, _ in printed}) == 1:
        key, line = min(printed, key=lambda pair: total_lines.index(pair[1]))
        return key, line, 0.95
    if not votes:
        return None, None, 0.0
    merged: Counter[str] = Counter()
    decided: dict[str, tuple[str, float]] = {}
    """A code some sign's votes went to: the line that says so and the confidence it allows."""
    for key, count in votes.items():
        sign = _SIGN_BY_KEY.get(key)
        if sign is None:
            merged[key] += count
            continue
        resolved = resolve_sign(sign, text, votes, explicit, evidence, language)
        if resolved is None:
            continue  # a sign the page gives no currency for, and none to hold as uncertain
        code, line, confidence = resolved
        merged[code] += count
        kept = decided.get(code)
        if kept is None or confidence < kept[1]:
            decided[code] = (line, confidence)
    if not merged:
        return None, None, 0.0
    (best, count), *rest = merged.most_common()
    runner = rest[0][1] if rest else 0
    confidence = 0.95 if count >= 2 * max(runner, 1) else 0.7
    if best in decided:
        line, allowed = decided[best]
        return best, evidence.get(best, line) if best in explicit else line, min(confidence, allowed)
    return best, evidence[best], confidence


UNCERTAIN_DOLLAR = 0.5
"""The confidence of a shared sign the page names no currency for ("$" read as USD without a country):
a person checks it."""
NAMED_ELSEWHERE = 0.9
"""The confidence of a sign whose currency the page prints explicitly elsewhere ("$" and "AUD")."""
BY_EVIDENCE = 0.8
"""The confidence of a sign whose currency the page's country evidence (or its language) names."""


def sign_country(sign: SharedSign, text: str) -> tuple[str | None, str | None]:
    """Which of a shared sign's currencies the page's evidence names (its country, tax ids, postcodes,
    bank codes): (code, the text that says so); (None, None) with no evidence or with evidence for two."""
    return _sign_country(sign.key, text)


@lru_cache(maxsize=8)
def _sign_country(key: str, text: str) -> tuple[str | None, str | None]:
    """`sign_country`, read once per text: the vote and the whole-units test ask about the same page
    (a few pages kept: one document's)."""
    found = _SIGN_BY_KEY[key].evidence.names(text)
    if len(found) != 1:
        return None, None
    return next(iter(found.items()))


def dollar_country(text: str) -> tuple[str | None, str | None]:
    """`sign_country` of the bare "$" (dollars and pesos)."""
    return sign_country(_SIGN_BY_KEY["sign:$"], text)


def resolve_sign(
    sign: SharedSign,
    text: str,
    votes: Counter[str],
    explicit: set[str],
    evidence: dict[str, str],
    language: str | None = None,
) -> tuple[str, str, float] | None:
    """A shared sign's currency on this page: (code, the line that says so, confidence). Its default
    code printed explicitly ("USD", "US$") wins; then another member printed explicitly ("AUD", "A$")
    unless the country evidence names a third; then the country evidence; then the currency of the
    page's language when it is a member ("kr" on a Swedish page); else the sign's uncertain reading at
    a low confidence (a person checks), or None where the sign has none."""
    line = evidence[sign.key]
    if sign.uncertain is not None and sign.uncertain in explicit:
        return sign.uncertain, evidence[sign.uncertain], NAMED_ELSEWHERE
    country, clue = sign_country(sign, text)
    named = [code for code in sign.currencies if code in explicit]
    if named and country in (None, *named):
        code = max(named, key=lambda c: votes[c])
        return code, evidence[code], NAMED_ELSEWHERE
    if country is not None:
        where = next((row for row in text.split("\n") if clue and clue in row), line)
        return country, where, NAMED_ELSEWHERE if country == sign.uncertain else BY_EVIDENCE
    spoken = locale_pack(language).get("currency") if language in LANGUAGES else None
    if spoken in sign.currencies:
        return str(spoken), line, BY_EVIDENCE
    if sign.uncertain is None:
        return None
    return sign.uncertain, line, UNCERTAIN_DOLLAR


@cache
def whole_unit_codes() -> frozenset[str]:
    """Currencies printed without minor units in practice (forints, yen, won, krónur, ...)."""
    return frozenset(str(code) for code in conventions()["whole_units"])


def prints_whole_units(text: str, local_currency: str | None) -> bool:
    """Whether the document's amounts are whole units: its only currency code is one printed without
    decimals, or it names none and its language's own currency marks, or a shared sign as the page's
    evidence reads it, are such a currency's."""
    codes = ISO_CODES.intersection(_TRIGRAM_RE.findall(text))
    if codes:
        return codes <= whole_unit_codes()
    if local_currency in whole_unit_codes():
        return True
    whole = whole_unit_codes()
    for sign in SHARED_SIGNS:  # "¥" (yen unless the page is Chinese), "$" on a Chilean page
        if whole.isdisjoint(sign.currencies) or not _marked_matches(sign.pattern, text, sign.marks):
            continue
        if (sign_country(sign, text)[0] or sign.uncertain) in whole:
            return True
    return False
