"""Locale-aware amounts: 1.234,56 · 1,234.56 · 1 234,56 · 1'234.56 · 12,34,567.89 · -12,00 · (12.00) · 12,00-."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from opsloop.extract.amounts import is_bounded
from opsloop.extract.rules.currency import ISO_CODES, SHARED_SIGNS, dollar_marks
from opsloop.extract.rules.lexicon import every_currency_mark

_GROUP = r"(?:[.,'’\u00a0\u202f ]| ?/(?=\d{3}(?: ?/\d{3})*,\d{2}(?!\d)))"
"""A thousands mark; a slash only where a font lost the narrow no-break space (U+202F, French amounts'
group mark) to its low byte, "/", and decimals follow: "5 /242,06 €" is 5242,06 (a PDF library's standard
fonts print U+202F so)."""
_LOST_GROUP_RE = re.compile(r"\d{1,3}(?: ?/\d{3})+,\d{2}")
_GLUED_AFTER = (
    r"(?:[A-Z]{3}|" + "|".join(re.escape(mark) for mark in every_currency_mark()) + r")(?![^\W\d_])"
)
"""A currency code or a pack's mark printed glued after an amount ("100 756,63CZK", "10616,64zł");
`find_amounts` keeps such an amount where the letters are an ISO code or a mark."""
_MARKS_BEFORE = tuple(mark for mark in every_currency_mark() if mark[-1].isalpha())
"""The packs' currency marks that end in a letter ("kr", "zł", "Kč", "Ft"): a spreadsheet's currency format
prints them glued before the figure ("kr1 234,50", Calc's ``[$kr-414]#,##0.00``)."""
_LETTER_SIGNS = frozenset(
    mark for sign in SHARED_SIGNS for mark in sign.marks if len(mark) == 1 and mark.isalpha()
)
"""The shared currency signs that are one capital letter (the rand's "R"): printed glued before a figure
("Balance Due  R590.64") they mark money only where the figure has cents (never an id's "R2025")."""
AMOUNT_RE = re.compile(
    r"(?=[-−–(.\d])"  # what a token opens with: ruled out in one test before the lookbehinds
    r"(?:(?<![\w.,/%-])|(?<=(?<![A-Za-z])[A-Z]{2})|(?<=(?<![A-Za-z])[A-Z]{3})|(?<=(?<![A-Za-z])[Rr][Ss]\.)"
    + "".join(r"|(?<=(?<![^\W\d_])" + re.escape(mark) + ")" for mark in _MARKS_BEFORE)
    + "".join(r"|(?<=(?<![^\W\d_])" + re.escape(mark) + ")" for mark in sorted(_LETTER_SIGNS))
    + r")"
    r"(?P<neg>[-−–]\s?|\()?"
    r"(?P<num>\d+\.\d{1,2}(?:0{6,}|9{6,})\d{1,3}(?!\d)"  # a binary float printed unrounded: 7418.1900000000005
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"  # Indian grouping: 12,34,567.89 (lakh, crore)
    r"|\d{1,3}(?:" + _GROUP + r"\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?|\.\d{2}(?!\d))"
    r"(?P<close>\))?"
    r"(?P<trail>-)?"
    r"(?!(?!" + _GLUED_AFTER + r")\w|[.,]\d|\s?%|\s?/\d)"
)
"""An amount token; the lookarounds keep it from matching inside dates, ids and words, a rate with its
percent sign before it ("KDV %20") or after it, and from the figures of a fraction or a number whose group
mark a font lost to a slash ("5 /242,06 €": no 5 euros). A token glued to a preceding currency code
("RM4.00", "EUR12,50", "Rs.250.00") is allowed; `find_amounts` checks the code."""
_GLUED_CODES = frozenset({"RM", "RS"})
_SIGN_BEFORE_CODE_RE = re.compile(
    r"(?:^|\s)[-−–](?:"
    + "|".join(re.escape(m) for m in [*dollar_marks(), *every_currency_mark()])
    + r"|[A-Z]{2,3}|[$€£₹])\s?$"
)
"""A minus sign printed before the currency: "-RM 0.02", "-€5,00", "-R$ 12,00", and before a mark the packs name
("-kr 9 251,33", "-zł 12,00")."""
"""Currency prefixes that are not ISO codes but are printed glued to the amount."""
_SIGN_BEFORE_CODE_REACH = 7
"""The most characters a match of _SIGN_BEFORE_CODE_RE spans, and one (a space, the sign, three
letters and a space; one more where the text before the amount ends in a line break): it is
searched for in that many characters before an amount, not in the whole line before it."""


@dataclass(frozen=True)
class Amount:
    value: Decimal
    start: int
    end: int
    text: str
    decimals: int
    """Digits after the decimal separator (0 when the number is whole)."""


_DIGIT_RE = re.compile(r"\d")
_SPACES_RE = re.compile(r"[\u00a0\u202f '’]")
_BARE_CENTS_RE = re.compile(r"\.\d{2}")
_DIGITS_AND_MARKS_RE = re.compile(r"[\d.,]+")
_LETTERS_BEFORE_RE = re.compile(r"[A-Za-z]+$")
_OPENED_BY_SIGN_RE = re.compile(r"\((?:[$€£¥₹]|[A-Z]{3})\s?$")
"""An opening bracket and a currency sign or code right before a figure whose bracket closes after it
("(€ 2.849,10)", "(EUR 120,00)"): an amount in parentheses, negative as an accountant prints it."""
_OPENED_BY_SIGN_REACH = 6
_CENTS_END_RE = re.compile(r"[.,]\d{2}$")
_DECIMALS_RE = re.compile(r"[.,]\d{1,2}$|[.,]\d{4}$")
_SEPARATOR_RE = re.compile(r"[.,]")
FLOAT_TAIL_RE = re.compile(r"\d+\.\d{1,2}(?:0{6,}|9{6,})\d{1,3}")
"""A figure a program printed from a binary float without rounding it ("7418.1900000000005",
"2891.6899999999996"): its cents and a run of six zeros or nines and a digit or three of the float's
error. It is read as the amount rounded to cents (the error is below a millionth)."""


def parse_number(text: str, *, decimal_hint: str | None = None) -> Decimal | None:
    """Parse one number in any of the common locales; None when it is not one.

    The decimal separator is the last '.' or ',' followed by 1, 2 or 4 digits (3 digits after a
    single separator means thousands unless ``decimal_hint`` says otherwise).
    """
    return _parse_number(text, decimal_hint)


@lru_cache(maxsize=16384)
def _parse_number(text: str, decimal_hint: str | None) -> Decimal | None:
    """`parse_number`, once per distinct text and hint (a document's line items, totals and the
    scorer's candidates read the same figures; a Decimal is immutable)."""
    raw = text.strip().replace("−", "-").replace("–", "-").replace("—", "-")
    negative = False
    whole = _WHOLE_TAIL_RE.fullmatch(raw)
    if whole is not None:
        raw = whole.group(1)  # "367,-": whole units, the cents a dash (see _WHOLE_MARK_RE), never a minus
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1].strip()
    if raw.endswith("-"):
        negative, raw = True, raw[:-1].strip()
    if raw.startswith("-"):
        negative, raw = True, raw[1:].strip()
    if raw.startswith("+"):
        raw = raw[1:].strip()
    if FLOAT_TAIL_RE.fullmatch(raw):
        value = Decimal(raw).quantize(Decimal("0.01"))
        return -value if negative else value
    if "/" in raw and _LOST_GROUP_RE.fullmatch(raw):
        raw = raw.replace("/", "")  # "5 /242,06": the group mark a font lost (see _GROUP)
    raw = _SPACES_RE.sub("", raw)
    if raw.startswith(".") and _BARE_CENTS_RE.fullmatch(raw):
        raw = "0" + raw  # ".01": receipts drop the leading zero
    if not raw or not _DIGITS_AND_MARKS_RE.fullmatch(raw) or not raw[0].isdigit():
        return None
    last_dot, last_comma = raw.rfind("."), raw.rfind(",")
    sep_pos = max(last_dot, last_comma)
    if sep_pos == -1:
        digits = raw
    else:
        sep = raw[sep_pos]
        tail = raw[sep_pos + 1 :]
        separators = raw.count(".") + raw.count(",")
        decimal_sep: str | None = sep
        if len(tail) == 3 and separators >= 1:
            other = "," if sep == "." else "."
            if other in raw:  # 1.234,567? unusual: the last separator is decimal
                decimal_sep = sep
            elif raw.count(sep) > 1:
                decimal_sep = None  # 1,234,567
            else:
                decimal_sep = sep if decimal_hint == sep else None
        if decimal_sep is None:
            digits = raw.replace(".", "").replace(",", "")
        else:
            head = raw[:sep_pos].replace(".", "").replace(",", "")
            digits = f"{head}.{tail}"
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if not is_bounded(value):  # a run of digits no invoice prints as an amount (an id, a barcode)
        return None
    if whole is not None and value == value.to_integral_value():
        value = value.quantize(Decimal("0.01"))
    elif whole is not None:
        return None
    return -value if negative else value


_WHOLE_TAIL_RE = re.compile(r"(.*\d)[.,]-")


def find_amounts(line: str, *, decimal_hint: str | None = None) -> list[Amount]:
    """Every amount-looking token in a line, left to right."""
    if _DIGIT_RE.search(line) is None:
        return []  # every amount holds a digit
    found = _amounts_in(line, decimal_hint)
    if _UNMAPPED in line:
        # a figure touching a character the PDF gave no text for ("3\ufffd613,00": a thin space or a digit whose
        # font maps to nothing) is no amount: what stood there cannot be told, and a part read as the whole would be
        # a wrong sum (the invoice then waits for a person, its total unread)
        return [
            a for a in found if _UNMAPPED not in line[max(a.start - 1, 0) : a.start] + line[a.end : a.end + 1]
        ]
    return list(found)


_UNMAPPED = "\ufffd"
"""The replacement character a PDF's text layer shows for a glyph its font gives no Unicode for."""


_GLUED_AFTER_RE = re.compile(_GLUED_AFTER)
_GLUED_MARKS = frozenset(every_currency_mark())


def _glued_currency_after(line: str, end: int) -> bool:
    """Whether the letters right after an amount are a currency: an ISO code or a pack's mark."""
    glued = _GLUED_AFTER_RE.match(line, end)
    return glued is not None and (glued.group(0) in ISO_CODES or glued.group(0) in _GLUED_MARKS)


def _glued_mark_before(line: str, start: int, *, opened: bool = False) -> bool:
    """Whether a pack's currency mark is glued right before ``start`` (and, with ``opened``, an opening
    parenthesis right before the mark), the mark not the end of a longer word."""
    for mark in _MARKS_BEFORE:
        begin = start - len(mark)
        if begin >= 0 and line.startswith(mark, begin) and not (begin and line[begin - 1].isalpha()):
            return not opened or (begin > 0 and line[begin - 1] == "(")
    return False


@lru_cache(maxsize=16384)
def _amounts_in(line: str, decimal_hint: str | None) -> tuple[Amount, ...]:
    """find_amounts' reading of a line holding a digit: the rules engine's passes (totals, line
    items, the repeated largest amount) and the scorer's candidates read the same lines, so each
    distinct line is read once (amounts are frozen)."""
    found: list[Amount] = []
    for match in AMOUNT_RE.finditer(line):
        if match.start() and line[match.start() - 1].isalpha():
            prefix = _LETTERS_BEFORE_RE.search(line, 0, match.start())
            code = prefix.group(0).upper() if prefix else ""
            if code in _LETTER_SIGNS and not _CENTS_END_RE.search(match.group("num")):
                continue  # "R2025": a letter's sign glued to a figure without cents is an id
            if (
                code not in ISO_CODES
                and code not in _GLUED_CODES
                and code not in _LETTER_SIGNS
                and not _glued_mark_before(line, match.start())
            ):
                continue
        if (
            match.end() < len(line)
            and line[match.end()].isalpha()
            and not _glued_currency_after(line, match.end())
        ):
            continue
        num = match.group("num")
        neg = match.group("neg") or ""
        if neg.startswith("(") and not match.group("close"):
            neg = ""
        token = neg + num + (match.group("close") or "") + (match.group("trail") or "")
        if neg.startswith("("):
            token = "(" + num + ")"
        elif match.group("close") and (
            _glued_mark_before(line, match.start(), opened=True)
            or _OPENED_BY_SIGN_RE.search(line, max(0, match.start() - _OPENED_BY_SIGN_REACH), match.start())
        ):
            # "(kr53 471,58)", "(€ 2.849,10)": a payment in parentheses, the mark inside them
            token = "(" + num + ")"
        value = parse_number(token, decimal_hint=decimal_hint)
        if value is None:
            continue
        start = match.start()
        if (
            value > 0
            and not neg
            and _SIGN_BEFORE_CODE_RE.search(line, max(0, start - _SIGN_BEFORE_CODE_REACH), start)
        ):
            value = -value
        decimals = 0
        compact = num.replace(" ", "")
        if FLOAT_TAIL_RE.fullmatch(compact):
            decimals = 2
        elif _DECIMALS_RE.search(compact) or (
            decimal_hint and re.search(re.escape(decimal_hint) + r"\d{3}$", compact)
        ):
            decimals = len(_SEPARATOR_RE.split(compact)[-1])
        end = match.end()
        if not decimals and not match.group("trail") and not match.group("close"):
            whole = _WHOLE_MARK_RE.match(line, end)
            if whole is not None:
                # "367,- Kč", "Fr. 250.–": money in whole units, the cents shown as a dash
                decimals, end, value = 2, whole.end(), value.quantize(Decimal("0.01"))
        found.append(
            Amount(value=value, start=match.start(), end=end, text=match.group(0), decimals=decimals)
        )
    return tuple(found)


_WHOLE_MARK_RE = re.compile(r"[.,][-–—](?![-–—\d])")
"""A dash where the cents stand ("367,-", "1.250,–", "250.–"): the amount is money in whole units (a convention
of Czech, Slovak, German, Swiss and Nordic prices), so it reads like one printed with its cents."""


_COMMA_CENTS_RE = re.compile(r"\d(?<![\d,]\d)\d*,\d{2}(?!\d|,\d)")
r"""An amount with a decimal comma: not a lakh group (5,48,275.36), and not the last group of a number
that printed the same mark before (an item code "29.999.57" is no amount with a decimal point). Its
first digit is matched first and looked behind after (``(?<![\d,])\d+`` as written for a regex
engine that then skips to the digits of a text instead of trying the lookbehind at every place)."""
_DOT_CENTS_RE = re.compile(r"\d(?<![\d.]\d)\d*\.\d{2}(?![\d.])")
"""An amount with a decimal point, read as _COMMA_CENTS_RE reads one with a comma."""


def infer_decimal_separator(text: str) -> str | None:
    """The document's decimal separator, by a vote over unambiguous amounts (x,xx vs x.xx)."""
    commas = len(_COMMA_CENTS_RE.findall(text))
    dots = len(_DOT_CENTS_RE.findall(text))
    if commas == dots == 0:
        return None
    return "," if commas > dots else "."
