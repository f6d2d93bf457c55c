"""Dates as printed: numeric with the day/month order inferred, ISO, and the month names (and their
inflected forms) of every locale pack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from opsloop.extract.rules.lexicon import LANGUAGES, is_label_text, locale_pack, lower_text, month_names

_SEP = r"[./\-]"
NUMERIC_RE = re.compile(
    r"(?P<a>\d(?<![\d/.\-A-Za-z]\d)\d{0,3})\s?(?P<s1>[./\-])\s?(?P<b>\d{1,2})\s?(?:(?P=s1)|-(?=\d{4}(?!\d)))\s?"
    r"(?P<c>\d{2,4}|(?<=\d{4}[./\-]\d[./\-])\d|(?<=\d{4}[./\-]\d\d[./\-])\d)(?![\d/\-]|\.\d)"
)
"""A numeric date, one separator throughout, or day/month and a hyphen before the year, the Danish and
Norwegian way ("14/06-2026"). Its first digit is matched first and looked behind after (not after a
digit, a letter or a separator): the regex engine then skips to the digits of a line instead of
trying the lookbehind at every place (so are the day of `NAMED_DMY_RE` and the year of
`NAMED_YMD_RE`). A year-first date may print its day with one digit, unpadded as its month may be
("2026.10.3", "2026-4-7"); a day-first or month-first date's year has two digits at least."""
_MONTH_WORD = r"(?P<month>[^\W\d_]{3,12})\.?"
"""A month name in any script's letters ("ožujka", "gegužės", "Ağustos", "października")."""
NAMED_DMY_RE = re.compile(
    r"(?P<day>\d(?<![\d/\-]\d)\d?)[»”]?(?:st|nd|rd|th|er|e|º)?\.?(?:[ \t]{0,2}|[-/])(?:de[ \t]{1,2}|di[ \t]{1,2}|d['’])?"
    + _MONTH_WORD
    + r",?(?:[ \t]{0,2}|[-/])(?:de[ \t]{1,2}|del[ \t]{1,2})?(?P<year>\d{4}|'\d{2}|\d{2})(?!\d)"
)
"""A date with a month name, the day first; the day may stand in quotes, as Russian and Ukrainian forms print
it ("«05» мая 2026 г."), and "de" may be elided before a month that starts with a vowel, as Catalan
prints it ("9 d'agost de 2026", with a straight or a typographic apostrophe)."""
NAMED_MDY_RE = re.compile(
    r"\b"
    + _MONTH_WORD
    + r"[ \t]{0,2}(?P<day>\d{1,2})(?:st|nd|rd|th)?[ \t]{0,2},?[ \t]{0,2}(?P<year>\d{4})(?!\d)"
)
"""A date with a month name never spans a column gap (three spaces or more); day, month and year may
be joined by hyphens or slashes ("03-Oct-2025", "3/Oct/25")."""
NAMED_YMD_RE = re.compile(
    r"(?P<year>\d(?<![\d/.\-]\d)\d{3})\.?[ \t]{1,2}(?:[^\W\d_]{1,4}\.?[ \t]{1,2})?"
    r"(?:(?P<day>\d{1,2})\.[ \t]{0,2}(?P<month>[^\W\d_]{3,12})(?![^\W\d_])"
    r"|(?P<month_first>[^\W\d_]{3,12})\.?[ \t]{0,2}(?P<day_after>\d{1,2})(?![\d.,]\d))"
)
"""A year-first date with a month name: the year, perhaps a short word for "year" ("gada", "m."), then
the day and the month ("2026. gada 12. janvārī") or the month and the day ("2026 m. vasario 3 d.",
"2025. november 20.")."""
SPACED_YMD_RE = re.compile(
    r"(?<![\d.,])(?P<year>(?:19|20)\d{2}) (?P<month>[01]\d) (?P<day>[0-3]\d)(?![\d.,])"
)
"""A year-first date whose parts are parted by single spaces ("2026 05 18"), read only in a language
whose pack prints dates year first (Lithuanian, Swedish, Hungarian): elsewhere such digits are as
often a phone or account number's groups."""
_DIGIT_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"\d{4}")


@cache
def _year_first(language: str) -> bool:
    return locale_pack(language).get("date_order") == "YMD" if language in LANGUAGES else False


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int
    text: str
    ambiguous: bool
    """A numeric date whose day and month could be swapped (both <= 12)."""


def _year(text: str) -> int:
    digits = text.lstrip("'")
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _make(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_day_first(text: str, *, default: bool = True) -> bool:
    """Whether numeric dates in this document are day-first, by a vote over unambiguous ones."""
    day_first, month_first = day_first_votes(text)
    if day_first == month_first:
        return default
    return day_first > month_first


def day_first_votes(text: str) -> tuple[int, int]:
    """`infer_day_first`'s vote: the unambiguous numeric dates of the text that read day first, and
    those that read month first (a caller that asks whether the vote is tied reads the text once)."""
    day_first = month_first = 0
    for match in NUMERIC_RE.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        if len(match.group("a")) == 4:
            continue
        if a > 12 >= b:
            day_first += 1
        elif b > 12 >= a:
            month_first += 1
    return day_first, month_first


def find_dates(line: str, *, day_first: bool = True, language: str | None = None) -> list[FoundDate]:
    """Every date in a line, left to right; a month name two languages read differently is read in
    ``language`` (the document's), when given."""
    if _DIGIT_RE.search(line) is None:
        return []  # every date holds a digit
    return list(_dates_in(line, day_first, language))


@lru_cache(maxsize=16384)
def _dates_in(line: str, day_first: bool, language: str | None) -> tuple[FoundDate, ...]:
    """find_dates' reading of a line holding a digit, once per distinct line, order and language: the
    rules engine and the scorer's candidates read the same lines (found dates are frozen)."""
    found: list[FoundDate] = []
    months = month_names(language)
    numeric = NUMERIC_RE.finditer(line) if "." in line or "/" in line or "-" in line else ()
    for match in numeric:  # (a numeric date holds one of its separators)
        a, b, c = match.group("a"), match.group("b"), match.group("c")
        value: date | None
        ambiguous = False
        if len(a) == 4:
            value = _make(int(a), int(b), int(c)) if len(c) <= 2 else None
        elif len(a) <= 2:
            year = _year(c)
            first, second = int(a), int(b)
            ambiguous = first <= 12 and second <= 12 and first != second
            if day_first:
                value = _make(year, second, first) or _make(year, first, second)
            else:
                value = _make(year, first, second) or _make(year, second, first)
        else:
            value = None
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end(), match.group(0), ambiguous))
    has_year = _YEAR_RE.search(line) is not None
    named = (NAMED_DMY_RE, NAMED_MDY_RE) if has_year else (NAMED_DMY_RE,)
    for regex in named:  # (a month-first date prints a four-digit year)
        at = 0
        while (named_match := regex.search(line, at)) is not None:
            match, at = named_match, named_match.end()
            month = months.get(lower_text(match.group("month")).rstrip("."))
            if month is None:
                # no month ("9.190,80 bis 19. März 2026": "80 bis 19"): a date may start inside it
                at = match.start() + 1
                continue
            value = _make(_year(match.group("year")), month, int(match.group("day")))
            if value is not None and not any(f.start <= match.start() < f.end for f in found):
                found.append(FoundDate(value, match.start(), match.end(), match.group(0), False))
    if has_year:  # (a year-first date prints a four-digit year)
        for match in NAMED_YMD_RE.finditer(line):
            word = match.group("month") or match.group("month_first")
            month = months.get(lower_text(word).rstrip("."))
            if month is None or any(f.start <= match.start() < f.end for f in found):
                continue
            value = _make(
                int(match.group("year")), month, int(match.group("day") or match.group("day_after"))
            )
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end(), match.group(0), False))
        if language is not None and _year_first(language):
            for match in SPACED_YMD_RE.finditer(line):
                value = _make(int(match["year"]), int(match["month"]), int(match["day"]))
                if value is not None and not any(f.start <= match.start() < f.end for f in found):
                    found.append(FoundDate(value, match.start(), match.end(), match.group(0), False))
    found.sort(key=lambda f: f.start)
    return tuple(found)


_DATELINE_PLACE_RE = re.compile(r"[^\W\d_][^\W_]*\.?(?:[ '’-]{1,2}[^\W_]+\.?){0,3}")
"""A place's name: up to four words, the first a word of letters ("Lille", "Dublin 2", "Saint-Étienne")."""
_DATELINE_LINK_RE = re.compile(r" ?(?:[^\W\d_]{1,3} )?")
"""What may part a dateline's comma from its date: a short word ("le", "den", "am", "a") or nothing."""


def dateline(cell: str, *, day_first: bool = True, language: str | None = None) -> FoundDate | None:
    """The date of a letter's dateline, a cell that is a place, a comma and a date and nothing else
    ("Lille, le 9 mai 2025", "Malmö, 2026-01-19", "Berlin, den 05.03.2025"): the day the letter (the
    invoice) was written. Positions are the cell's."""
    comma = cell.find(",")
    if comma < 2 or _DATELINE_PLACE_RE.fullmatch(cell, 0, comma) is None:
        return None
    dates = find_dates(cell, day_first=day_first, language=language)
    if len(dates) != 1 or dates[0].start <= comma or cell[dates[0].end :].strip(" ."):
        return None
    if _DATELINE_LINK_RE.fullmatch(cell, comma + 1, dates[0].start) is None or is_label_text(cell[:comma]):
        return None  # ("Invoice date, 5 May 2025": a label, no place)
    return dates[0]


def parse_date(text: str, *, day_first: bool = True) -> date | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text, day_first=day_first)
    return dates[0].value if dates else None


FALLBACK_MAX_CHARS = 40
"""A labelled value handed to dateparser is cut to this many characters (one cell)."""
_FALLBACK_TEXT_RE = re.compile(
    r"\d{1,2}\D{1,6}[^\W\d_]{3,}\D{1,8}\d{2,4}|[^\W\d_]{3,}\D{1,4}\d{1,2}\D{1,4}\d{2,4}"
)
"""The shape of a date printed with a month name (day, word, year or word, day, year) that the
engine's reader missed: only such a text is handed to dateparser (it is slow to start)."""


def parse_date_fallback(text: str, *, language: str, day_first: bool) -> date | None:
    """A date the engine's own reader missed ("5 de março de 2024", "2. června 2024"), read by
    dateparser in the document's language (and English): day, month and year must all be printed.
    Called only for a labelled value where `find_dates` found nothing; dateparser's language data
    ships with the package (nothing is downloaded)."""
    snippet = " ".join(text.split())[:FALLBACK_MAX_CHARS]
    if not _FALLBACK_TEXT_RE.search(snippet):
        return None
    year = re.match(r".*?(?<!\d)(?:19|20)\d{2}(?!\d)", snippet)
    if year is not None:
        snippet = year.group(0)  # what follows the year is another cell run into it
    try:
        parsed = _date_parser(language, day_first).get_date_data(snippet)["date_obj"]
    except Exception:  # dateparser raises on odd input (a value it cannot read is no date)
        return None
    if parsed is None:
        return None
    return _make(parsed.year, parsed.month, parsed.day)


@lru_cache(maxsize=64)
def _date_parser(language: str, day_first: bool) -> Any:
    """dateparser's parser for the document's language (and English) and date order, built once per
    process (building one loads and compiles its languages' data: tens of milliseconds; `dateparser.parse`
    builds one per call)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=[language] if language == "en" else [language, "en"],
        settings={
            "DATE_ORDER": "DMY" if day_first else "MDY",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


COMPACT_RE = re.compile(r"^\s*[:.]?\s*(?P<digits>\d{6}|\d{8})(?!\d)")
"""A compact date right after a label: YYMMDD or YYYYMMDD (Swedish and ISO basic format)."""


def compact_date(text: str) -> date | None:
    """A date printed as YYMMDD or YYYYMMDD at the start of ``text`` (a labelled value in a locale
    whose date order is year first); None when the digits are no date."""
    match = COMPACT_RE.match(text)
    if match is None:
        return None
    digits = match.group("digits")
    if len(digits) == 8:
        return _make(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    return _make(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
