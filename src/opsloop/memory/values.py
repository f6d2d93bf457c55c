"""The kinds of value memory reads, each learned from how one document printed it.

A correction says what a field should have been (`after`) and the document shows how it was printed;
from the two, memory learns the print form (a date's order, an amount's decimal separator, a
number's shape) and reads the next document's value in that form only. A run of words that does not
have the learned form is not read at all: memory would rather leave the engine's value than guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from opsloop.memory.layout import alnum, compact, has_letter, norm, shape

FIELD_KINDS: dict[str, str] = {
    "invoice_number": "text",
    "invoice_date": "date",
    "due_date": "date",
    "subtotal": "money",
    "tax_total": "money",
    "total": "money",
    "amount_due": "money",
    "vendor.vat_id": "code",
    "vendor.iban": "code",
    "po_numbers": "text",
}
"""Header fields whose place in a layout is learned, with the kind of value each takes."""

_MONEY_CHARS = re.compile(r"^[-−(]?\d[\d.,'’\u00a0\u202f ]*\d?\)?-?$")
_CURRENCY_AROUND = re.compile(r"^[^\d\-−(]{0,4}|[^\d)\-]{0,4}$")


# ------------------------------------------------------------------------------------------ dates

_DATE_SPLIT = re.compile(r"[\s./,\-']+")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|e|\.)?$", re.IGNORECASE)
ORDERS = ("dmy", "mdy", "ymd", "dMy", "Mdy", "yMd")
"""How a date's three parts stand: d day, m month number, M month name, y year."""


def _months() -> dict[str, int]:
    from opsloop.extract.rules.lexicon import month_names  # the engine's month lexicon (data)

    return month_names()


def _parts(text: str) -> list[str]:
    return [part for part in _DATE_SPLIT.split(text.strip(" :,;()")) if part]


def _number(part: str) -> int | None:
    match = _ORDINAL.match(part)
    return int(match.group(1)) if match and len(part) <= 4 else int(part) if part.isdigit() else None


COMPACT = {"c:ymd": ((0, 2), (2, 4), (4, 6)), "c:dmy": ((4, 6), (2, 4), (0, 2)), "c:Ymd": ((0, 4), (4, 6), (6, 8)),
           "c:dmY": ((4, 8), (2, 4), (0, 2)), "c:mdY": ((4, 8), (0, 2), (2, 4))}  # fmt: skip
"""Dates printed without separators (250506, 20250506, 06052025): where year, month and day stand."""


def _compact(text: str, order: str) -> date | None:
    digits = text.strip(" :,;()")
    (y0, y1), (m0, m1), (d0, d1) = COMPACT[order]
    if not digits.isdigit() or len(digits) != max(y1, m1, d1):
        return None
    year = int(digits[y0:y1])
    try:
        return date(year + 2000 if year < 100 else year, int(digits[m0:m1]), int(digits[d0:d1]))
    except ValueError:
        return None


def _is_month(part: str, months: dict[str, int] | None) -> bool:
    key = part.casefold().rstrip(".")
    return key in (months or {}) or key in _months()


def read_date(
    text: str, order: str, months: dict[str, int] | None = None, fillers: Sequence[str] = ()
) -> date | None:
    """The date `text` prints in `order` (one of ORDERS, or COMPACT); month names from the engine's
    lexicon and `months` (names learned from corrections); `fillers`, the words between its parts
    ("31 de mayo de 2025": `de`), are left out."""
    if order in COMPACT:
        return _compact(text, order)
    parts = _parts(text)
    if fillers:
        parts = [p for p in parts if p.casefold() not in fillers]
    if len(parts) > 3:  # a weekday or a word the template prints around the date
        parts = [p for p in parts if not p.isalpha() or _is_month(p, months)]
    if len(parts) != 3 or len(order) != 3:
        return None
    day = month = year = None
    for letter, part in zip(order, parts, strict=True):
        if letter == "M":
            key = part.casefold().rstrip(".")
            month = (months or {}).get(key) or _months().get(key)
            continue
        number = _number(part) if letter == "d" else int(part) if part.isdigit() else None
        if number is None:
            return None
        if letter == "d":
            day = number
        elif letter == "m":
            month = number
        else:
            if len(part) not in (2, 4):
                return None
            year = number + 2000 if number < 100 else number
    if day is None or month is None or year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_form(printed: str, value: date) -> dict[str, Any] | None:
    """How `printed` writes `value`: the order of its parts, and a month name it used; None when it
    does not print that date."""
    parts = _parts(printed)
    if len(parts) == 1:
        return next(({"order": order} for order in COMPACT if _compact(printed, order) == value), None)
    words = [p.casefold() for p in parts if p.isalpha()]
    for month_word in [None, *words]:
        fillers = [w for w in words if w != month_word]
        kept = [p for p in parts if p.casefold() not in fillers]
        if len(kept) != 3 or parts[0].casefold() in fillers or parts[-1].casefold() in fillers:
            continue
        for order in ORDERS:
            named = "M" in order
            learned: dict[str, int] = {}
            if named:
                word = kept[order.index("M")].casefold().rstrip(".")
                if not has_letter(word) or any(c.isdigit() for c in word):
                    continue
                learned = {word: value.month}
            if read_date(printed, order, learned, fillers) == value:
                form: dict[str, Any] = {"order": order}
                if named:
                    form["months"] = learned
                if fillers:
                    form["fillers"] = fillers
                return form
    return None


# ------------------------------------------------------------------------------------------ money


def decimal_separator(printed: str) -> str | None:
    """The separator before the last one to four digits of a printed amount, if any."""
    match = re.search(r"([.,])\d{1,4}\D*$", printed)
    return match.group(1) if match else None


def read_money(text: str, separator: str | None) -> Decimal | None:
    """An amount printed with `separator` as its decimal separator (any grouping, a currency code or
    symbol of up to four characters before or after it); None for anything else."""
    body = _CURRENCY_AROUND.sub("", text.strip()).strip()
    if not body or not _MONEY_CHARS.match(body):
        return None
    negative = body.startswith(("-", "−", "(")) or body.endswith("-")
    digits = body.strip("-−()")
    if separator is not None:
        whole, sep, frac = digits.rpartition(separator)
        if not sep or not frac.isdigit() or not 1 <= len(frac) <= 4:
            return None
        whole = re.sub(r"[^\d]", "", whole)
        if not whole:
            return None
        raw = f"{whole}.{frac}"
    else:
        if re.search(r"[.,]\d{1,2}$", digits):
            return None
        raw = re.sub(r"[^\d]", "", digits)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return -value if negative else value


# ------------------------------------------------------------------------------------------ learning


def print_form(kind: str, value: Any, printed: str) -> dict[str, Any]:
    """What to remember about how `printed` wrote `value`, to read the next one the same way."""
    if kind == "date":
        return (date_form(printed, value) if isinstance(value, date) else None) or {}
    if kind == "money":
        return {"separator": decimal_separator(printed)}
    if kind == "code":
        code = alnum(printed)
        return {"prefix": code[:2], "length": len(code)}
    return {"shape": shape(printed)}


def matcher(kind: str, value: Any) -> Callable[[str], bool]:
    """Does a run of words print `value` (the corrected value, as the extraction holds it)?"""
    if kind == "date":
        return lambda text: isinstance(value, date) and date_form(text, value) is not None
    if kind == "money":
        amount = Decimal(str(value))
        return lambda text: any(
            (found := read_money(text, sep)) is not None and abs(found) == abs(amount)
            for sep in (",", ".", None)
        )
    if kind == "code":
        wanted = alnum(str(value))
        return lambda text: alnum(text) == wanted or alnum(text).removesuffix("MWST") == wanted
    if kind == "name":
        wanted_name = norm(str(value))
        return lambda text: norm(text) == wanted_name
    wanted_text = compact(str(value)).casefold()
    return lambda text: compact(text).casefold() == wanted_text


def reader(kind: str, form: dict[str, Any]) -> Callable[[str], object | None]:
    """Read a value of `kind` in the learned print `form`, or None."""
    if kind == "date":
        order = str(form.get("order") or "")
        months = {str(k): int(v) for k, v in dict(form.get("months") or {}).items()}
        fillers = [str(f) for f in form.get("fillers") or []]
        return lambda text: read_date(text, order, months, fillers) if order else None
    if kind == "money":
        separator = form.get("separator")
        sep = separator if isinstance(separator, str) else None

        def money(text: str) -> Decimal | None:
            found = read_money(text, sep)
            return None if found is None else abs(found)

        return money
    if kind == "code":
        prefix, length = str(form.get("prefix") or ""), int(form.get("length") or 0)

        def code(text: str) -> str | None:
            value = alnum(text)
            fits = (
                value.startswith(prefix) and abs(len(value) - length) <= 2 and any(c.isdigit() for c in value)
            )
            return value if fits else None

        return code
    wanted = str(form.get("shape") or "")
    return lambda text: text.strip() if wanted and shape(text) == wanted else None


def as_value(kind: str, raw: Any) -> Any:
    """A stored (JSON) value back in the extraction's type."""
    if raw is None:
        return None
    if kind == "date":
        return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    if kind == "money":
        return Decimal(str(raw))
    return raw
