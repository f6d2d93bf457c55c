"""Amount candidates for subtotal, tax, total and amount due, and the arithmetic that chooses."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from opsloop.extract.rules.currency import ISO_CODES
from opsloop.extract.rules.dates import find_dates
from opsloop.extract.rules.layout import Cell, Line, cell_at, cell_holding, margin_reference, split_cells
from opsloop.extract.rules.lexicon import (
    CaselessPattern,
    LabelHit,
    every_currency_mark,
    find_labels,
    labels_of,
    month_names,
    word_entries,
    word_pattern,
)
from opsloop.extract.rules.numbers import Amount, find_amounts
from opsloop.extract.rules.parties import reads_as_instruction

ROLES: tuple[str, ...] = ("total", "subtotal", "tax", "amount_due")
AUX_ROLES: tuple[str, ...] = ("rounding", "cash", "change", "savings")
"""Amounts that are not the invoice's but check it: rounding, cash tendered and change given."""
TOLERANCE = Decimal("0.02")
DERIVED_COLUMN = -1
"""The column of a candidate no label printed (the rows' sum standing in for the net)."""
MAX_TAX_SHARE = Decimal("0.3")
"""A tax is at most this share of its base (the highest VAT rates are 27 %)."""
ROUNDING_STEP = Decimal("0.10")
"""A rounding adjustment is smaller than this (cash rounding to 0.05 or 0.10)."""
_FILLER_RE = re.compile(r"[:*=.\-·•∙▪●]*\s*(?:[A-Z]{2,3}|[$€£₹])?\s*[:*=.\-·•∙▪●]*")
"""Matched (fullmatch) against the stripped line: nothing but a colon or a currency, a rule or a stray
bullet ("·" between a header and its row)."""
_VALUE_LINE_RE = re.compile(
    r"^[\s:*=]*(?:RM|[A-Z]{3}|[$€£₹])?\s*(?P<num>[-(]?\d[\d.,' ]*\)?-?)\s*(?:RM|[A-Z]{3}|[$€£₹])?[\s*]*$"
)
_NOT_IN_VALUE_LINE_RE = re.compile(r"[^\s:*=A-Z$€£₹\d.,'()-]")
"""A character no part of _VALUE_LINE_RE reads: a line holding one (most lines: a lower-case letter)
is no value line, told in one scan instead of the pattern's backtracking over its digits and spaces."""


def _value_line_match(text: str) -> re.Match[str] | None:
    """``_VALUE_LINE_RE.fullmatch(text)``, the lines it cannot match screened out first."""
    if _NOT_IN_VALUE_LINE_RE.search(text) is not None:
        return None
    return _VALUE_LINE_RE.fullmatch(text)


_FINAL_TOTAL_RE = CaselessPattern(re.compile("|".join(word_entries("final_total")), re.IGNORECASE))
"""Labels that name the document's last word on the total (grand total, Endbetrag, net à payer)."""
_TAX_NEGATION_RE = CaselessPattern(
    re.compile(r"(?<![^\W\d_])(?:" + "|".join(word_entries("tax_negation")) + r")\s?$", re.IGNORECASE)
)
"""A word denying the tax right before a tax label, in its cell ("excl. VAT", "ohne MwSt."): the column before
a column gap is another label's ("Net excl. VAT  VAT 20 %": the second column is the tax).

(The case-insensitive patterns of the packs' words here are `CaselessPattern`s: the same matches,
most texts ruled out by a quick case-sensitive test of their lower case.)"""
_ID_DIGITS_RE = re.compile(r"\d{7,}")
"""Seven or more bare digits are a registration or account number, not an amount."""
_STRONG_TOTAL_RE = CaselessPattern(re.compile("|".join(word_entries("strong_total")), re.IGNORECASE))
"""Words (inside a label, compounds too) that name the final, tax-inclusive total."""


_INCLUDED_TAX_RE = word_pattern("included_tax")
_CASH_DISCOUNT_RE = word_pattern("cash_discount")
_NONZERO_RATE_RE = re.compile(r"(?<![\d.,])(?:[1-9]\d?(?:[.,]\d{1,2})?|0[.,]\d?[1-9])\s?%")
"""A tax rate above zero in a label ("VAT 20%", "MwSt. 7 %", "2,5%"), not "0%" nor a bare "%" column."""
"""Words saying a tax amount is one the total already includes ("incl. VAT 20 %", "heraf moms", "dont TVA",
"w tym VAT", "IVA incluido"): gross prices, a receipt's or web shop's way, print no net."""


def _is_strong(label: str) -> bool:
    """A label that names the final, tax-inclusive total ("Grand total", "Total incl. VAT")."""
    return _STRONG_TOTAL_RE.search(label) is not None


@dataclass(frozen=True)
class Candidate:
    role: str
    value: Decimal
    score: float
    line: Line
    label: str
    column: int = 0
    """Where the label starts on its line: a table's header holds several labels on one line."""

    def shares_cell(self, other: Candidate) -> bool:
        """Read from the same label (a total standing in as a subtotal, say)."""
        return self.line is other.line and self.column == other.column


DATE_ROLES: tuple[str, ...] = ("due_date",)
"""Label kinds naming a date: an amount's label inside one of them is part of the date's label."""


def _inside(hit: LabelHit, other: LabelHit) -> bool:
    """Whether ``hit`` lies within the longer label ``other``."""
    return other.start <= hit.start and hit.end <= other.end and other.end - other.start > hit.end - hit.start


def role_hits(line: Line) -> list[LabelHit]:
    """Amount-role labels on a line, left to right. Where labels overlap the longest wins; adjacent
    labels merge and the last names the role ("Total taxes" is tax, "Summe Umsatzsteuer" is tax)."""
    return list(_role_hits_of_text(line.text))


@lru_cache(maxsize=16384)
def _role_hits_of_text(text: str) -> tuple[LabelHit, ...]:
    """role_hits for one line's text (it reads nothing else): looked up once per distinct line."""
    hits = labels_of(ROLES + AUX_ROLES, text)
    # "Ohne MwSt.", "excl. VAT", "hors TVA": a column of amounts without the tax, not the tax
    hits = [h for h in hits if not (h.kind == "tax" and _TAX_NEGATION_RE.search(text[: h.start]))]
    # "Te betalen vóór:", "Zu zahlen bis:", "À payer avant le": an amount's words inside a longer label
    # that names the day to pay by are the due date's label, no amount's
    dates = labels_of(DATE_ROLES, text) if hits else []
    hits = [h for h in hits if not any(_inside(h, d) for d in dates)]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[LabelHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit
            continue
        gap = text[kept[-1].end : hit.start] if kept else ""
        if (
            kept
            and not find_amounts(gap)
            and len(gap) < 25
            and "   " not in gap
            and not _two_labels(kept[-1], hit)
            and not _word_repeated(kept[-1], hit)
            # a rate in or after either label and a column's gap between them: two columns ("Net  VAT 21 %  Total")
            and not ("  " in gap and _rated(text, kept[-1], hit))
            and not _rate_closes(gap, kept[-1], hit)
        ):
            previous = kept.pop()
            # "Total taxes": the last word names it; "Total (incl. VAT)": the qualifier does not
            kind = hit.kind if not gap.strip(" .:-/") else previous.kind
            if hit.kind == "total" and previous.kind in ("tax", "subtotal"):
                kind = previous.kind  # "USt. Gesamt", "Tax total": the total of the tax
            hit = LabelHit(kind, previous.start, hit.end, text[previous.start : hit.end], hit.language)
        kept.append(hit)
    return tuple(kept)


_LABEL_RATE_RE = re.compile(r"(?<![\d.,])(?:%\s?\d{1,2}(?:[.,]\d{1,2})?|\d{1,2}(?:[.,]\d{1,2})?\s?%)")
"""A tax's rate in or right after its label ("VAT 21 %", "Hesaplanan KDV %20", "PVM (5%)")."""


def _rated(text: str, previous: LabelHit, hit: LabelHit) -> bool:
    """Whether either of two labels side by side carries a rate, in its words or right after them: a rate's
    tax labels a column of its own in a strip of totals ("Net  VAT 21 %  VAT 5 %  Total")."""
    after = text[hit.end : hit.end + 8]
    after = after[: after.find("  ")] if "  " in after else after
    return any(_LABEL_RATE_RE.search(part) for part in (text[previous.start : hit.start], hit.text, after))


def _rate_closes(gap: str, previous: LabelHit, hit: LabelHit) -> bool:
    """Whether a rate alone between two labels closes the first one's column, though a single space parts them:
    the next is a tax at another rate ("KM 24 % KM 13 %") or a label of words of its own ("PDV 13 % Ukupno za
    platiti"); a word after a rate ("MwSt. 19 % Betrag") or a bracket opening the rate's base ("DPH 21 %
    (Základ daně 7 056,60)") still names the rate's line."""
    return _LABEL_RATE_RE.fullmatch(gap.strip()) is not None and (
        hit.kind == previous.kind or len(hit.text.split()) >= 2
    )


def _two_labels(previous: LabelHit, hit: LabelHit) -> bool:
    """Two labels of several words each side by side are two columns' labels whose gap the layout
    lost ("VAT total Gross total"), not one label whose last word names it ("Total taxes")."""
    return len(previous.text.split()) >= 2 and len(hit.text.split()) >= 2


def _word_repeated(previous: LabelHit, hit: LabelHit) -> bool:
    """Whether a label opens with the word the label before it closes with ("Net excl. VAT VAT 21 %", "Suma be
    PVM PVM 5 %"): no label says a word twice running, so the two are columns whose gap the layout lost."""
    last, first = previous.text.split(), hit.text.split()
    return bool(last and first) and last[-1].casefold().strip(".:") == first[0].casefold().strip(".:")


def _role_hit(line: Line) -> LabelHit | None:
    hits = role_hits(line)
    return hits[0] if hits else None


def _value_right(
    line: Line, hit: LabelHit, decimal_hint: str | None, end: int | None = None
) -> Amount | None:
    segment = line.text[hit.end : end]
    # stop at the next cell of words: "Totaal € 717,97   Rembours op 25 mei € 9,32" reads 717,97
    for cell in split_cells(segment):
        words = [w for w in re.findall(r"[^\W\d_]{4,}", cell.text) if w.upper() not in ISO_CODES]
        # a cell closing on a figure and a full stop is a wrapped sentence's tail ("... sconto del" /
        # "3%: EUR 60.908,99."): another column's prose, as a cell of words is
        sentence_end = _SENTENCE_TAIL_RE.search(cell.text) is not None
        if (words or sentence_end) and find_amounts(segment[: cell.start], decimal_hint=decimal_hint):
            segment = segment[: cell.start]
            break
    amounts = find_amounts(segment, decimal_hint=decimal_hint)
    monetary = [a for a in amounts if a.decimals in (2, 3, 4) and not _against_decimal_mark(a, decimal_hint)]
    if not monetary:
        whole = [
            a
            for a in amounts
            if a.decimals == 0
            and not _ID_DIGITS_RE.fullmatch(a.text)
            and not _PERIOD_AFTER.match(segment, a.end)  # "Termen de plată: 30 zile": a term, not money
            and not _day_of_month(segment, a.end)  # "Tasuda  24. september": a day, the date's year wrapped
            and len(_PROSE_WORD_RE.findall(segment[: a.start])) < 2
        ]
        if whole:  # a whole number inside a date ("Te betalen vóór 14-03-2026") is no amount
            dates = find_dates(segment)
            monetary = [a for a in whole if not any(d.start <= a.start < d.end for d in dates)]
            accounts = [m.span() for m in _IBAN_SHAPE_RE.finditer(segment)]
            monetary = [a for a in monetary if not any(begin <= a.start < end for begin, end in accounts)]
            monetary = [a for a in monetary if not _in_no_vat_wording(line.text, hit.end + a.start)]
    if not monetary:
        # a figure of one decimal alone after the label ("TOTAL TTC  1530.5 €"): a float printed as it is,
        # its cents' trailing zero dropped, so with no digit grouping (a grouped "151.184,2" is a figure cut
        # off at its cell's edge; a rate or a term is none: "%" and period words are not read)
        monetary = [
            a
            for a in amounts
            if a.decimals == 1
            and _UNGROUPED_TENTHS_RE.search(a.text) is not None
            and not _PERIOD_AFTER.match(segment, a.end)
            and not any(d.start <= a.start < d.end for d in find_dates(segment))
        ]
    if not monetary:
        return None
    if hit.kind == "subtotal" and len(monetary) == 2:
        # "Net total   21 312,74   4 475,68": the net, then its tax (a row of a VAT summary)
        base, tax = monetary[0].value, monetary[1].value
        if 0 < abs(tax) <= MAX_TAX_SHARE * abs(base):
            return monetary[0]
    # the last amount: a tax line printing its rate and base before the tax reads the tax
    return monetary[-1]


def _against_decimal_mark(amount: Amount, decimal_hint: str | None) -> bool:
    """A figure of four decimals whose separator is not the page's decimal mark ("o.v.v. 2025.8756" on a
    page printing "1.585,29"): a reference (a year and a serial), never money, which keeps the page's mark
    even where it prints four decimals ("110,3161")."""
    if decimal_hint is None or amount.decimals != 4:
        return False
    separators = [ch for ch in amount.text if ch in ".,"]
    return bool(separators) and separators[-1] != decimal_hint


_UNGROUPED_TENTHS_RE = re.compile(r"(?<![\d.,'’ ])\d+[.,]\d$")
"""A figure of one decimal and no digit grouping ("1530.5"), as a float is printed (`_value_right`)."""
_SENTENCE_TAIL_RE = re.compile(r"\d\.\s*$")
"""A cell that ends on a figure and a full stop: a sentence's end, never a column's amount."""
_IBAN_SHAPE_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
)
"""An IBAN as printed, in groups of four or run together: "Please pay to: IBAN GB29 NWBK 6016 1331 9268 19"
names an account after an amount-due label; its last group is no amount."""
_PROSE_WORD_RE = re.compile(r"(?<![^\W\d_])[^\W\d_A-ZÀ-ÞА-ЯЁЄІЇҐ][^\W\d_]*")
"""A word in lower case: two of them between a label and a whole number make a sentence the number is part of
("к оплате в течение 5 банковских дней": payable within 5 banking days), a count or a term, not the amount."""
_PERIOD_AFTER = re.compile(
    r"\s{0,2}(?:" + "|".join(word_entries("period_words")) + r")(?![^\W\d_])", re.IGNORECASE
)
"""A word for days, weeks or months right after a number (the packs' word class ``period_words``): a
payment term ("30 zile", "14 päeva jooksul"), never an amount."""


_WORD_AFTER = re.compile(r"\.?\s{0,2}([^\W\d_]{3,12})\.?(?![^\W\d_])")


def _day_of_month(text: str, end: int) -> bool:
    """A whole number a month's name follows ("24. september", "3 mars"): a date's day, never an amount."""
    word = _WORD_AFTER.match(text, end)
    return word is not None and word.group(1).lower() in month_names()


_NO_VAT_CHARGED_RE = word_pattern("no_vat_charged")
"""Wording that says no VAT is charged, a statute's article often inside it ("TVA non applicable, art. 293 B
du CGI", "gemäß § 19 UStG"); the packs' word class ``no_vat_charged``."""


def _in_no_vat_wording(text: str, at: int) -> bool:
    """Whether the whole number at ``at`` lies inside a wording that says no VAT is charged: the number of
    the statute it cites, never the tax amount a tax label beside it would read."""
    if not _NO_VAT_CHARGED_RE.may_match(text):
        return False
    return any(m.start() <= at < m.end() for m in _NO_VAT_CHARGED_RE.pattern.finditer(text))


def _money(amounts: list[Amount], whole: bool) -> list[Amount]:
    """The amounts that read as money: with 2-3 decimals, or whole where the currency has none printed."""
    return [
        a
        for a in amounts
        if a.decimals in (2, 3) or (whole and a.decimals == 0 and not _ID_DIGITS_RE.fullmatch(a.text))
    ]


def _holds_word_or_digit(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


WRAPPED_LABEL_LINES = 3
"""Lines at most a label's words run on under it, one or two words a line, in a narrow box."""
_LABEL_WORD_RE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)?\.?")
"""A cell of one or two words and no figure: a wrapped label's next words."""


def _below_wrapped_label(lines: Sequence[Line], pos: int, hit: LabelHit) -> int:
    """Where a label's value may start under it: the next line, or the line after the label's last word
    where the label is set word by word down a narrow box ("TOTAL" / "INVOICE" / "VALUE" over "$819.60"),
    the words joined a label of the hit's kind."""
    words, start = hit.text.strip(), pos + 1
    for at in range(pos + 1, min(len(lines), pos + 1 + WRAPPED_LABEL_LINES)):
        under = cell_at(lines[at], hit.start, hit.end)
        if under is None or lines[at].page != lines[pos].page or abs(under.start - hit.start) > 2:
            break
        if not _LABEL_WORD_RE.fullmatch(under.text.strip()):
            break
        words = f"{words} {under.text.strip()}"
        if any(h.start == 0 and h.end >= len(words) - 1 for h in find_labels(hit.kind, words)):
            start = at + 1
    return start


def _value_below(
    lines: Sequence[Line], pos: int, hit: LabelHit, decimal_hint: str | None, whole: bool = False
) -> Amount | None:
    """The amount under a label with none right of it; none where the label's own cell prints an
    amount before it ("Gelieve €2.447,21 te betalen vóór ...": a sentence about its own amount, not a
    heading over the next line's)."""
    own = cell_at(lines[pos], hit.start, hit.end)
    if (
        own is not None
        and own.start < hit.start
        and _money(find_amounts(own.text[: hit.start - own.start], decimal_hint=decimal_hint), whole)
    ):
        return None
    start = _below_wrapped_label(lines, pos, hit)
    for below in lines[start : start + 2]:
        if below.page != lines[pos].page:
            return None
        # (a cell of no letter or digit, a stray bullet or mark in the margin, is no second cell; nor is
        # a margin column's reference left of the label, letterless: a form's field number "2.1.1.9" or a
        # row number set on the line of the field's value)
        margin = [c for c in below.cells if c.end < hit.start and margin_reference(c.text)]
        cells = [c for c in below.cells if _holds_word_or_digit(c.text) and c not in margin]
        amounts = [
            a
            for a in _money(find_amounts(below.text, decimal_hint=decimal_hint), whole)
            if not any(c.start <= a.start < c.end for c in margin)
        ]
        if len(amounts) == 1 and len(cells) == 1:
            return amounts[0]
        cell = cell_at(below, hit.start, max(hit.end, hit.start + 30))
        if cell is not None and len(amounts) >= 1:
            inside = [a for a in amounts if a.start >= cell.start - 1 and a.end <= cell.end + 1]
            if inside:
                return inside[-1]
        if _role_hit(below) is not None:
            return None
    return None


_BRACKETED_RE = re.compile(r"\([^()]*\)")
_CURRENCY_MARKS = frozenset(every_currency_mark()) | {"$", "€", "£", "¥", "₹"}
LABEL_VALUE_REACH = 20
"""How far apart (characters) a value and the label under it may end: one column, set flush right or centred."""


def _bare_amount(line: Line, decimal_hint: str | None, whole: bool) -> Amount | None:
    """The line's one amount where it prints nothing else but its currency ("952,45 €", "1 200,00 kr")."""
    amounts = _money(find_amounts(line.text, decimal_hint=decimal_hint), whole)
    if len(amounts) != 1:
        return None
    rest = (line.text[: amounts[0].start] + " " + line.text[amounts[0].end :]).split()
    if all(word in _CURRENCY_MARKS or word in ISO_CODES for word in rest) and len(rest) <= 1:
        return amounts[0]
    return None


_DEPOSIT_LABEL_RE = word_pattern("deposit_labels")


def _label_line(line: Line, decimal_hint: str | None) -> bool:
    """A line that holds a totals label alone (an amount's role, or a deposit paid: "Anzahlung") and no
    amount of its own but in brackets ("VAT 21 % (1 200,00)": the rate's base)."""
    if len(line.cells) != 1 or (not role_hits(line) and _DEPOSIT_LABEL_RE.search(line.text) is None):
        return False
    blanked = _BRACKETED_RE.sub(lambda m: " " * len(m.group(0)), line.text)
    return not find_amounts(blanked, decimal_hint=decimal_hint)


def _totals_agree(lines: Sequence[Line], pairs: Sequence[tuple[int, Amount]]) -> bool:
    """Whether labels read with these amounts (the label's position, its amount) add up: a net and the taxes make
    a total, or cash less change does."""
    values: dict[str, list[Decimal]] = {}
    for at, amount in pairs:
        hits = role_hits(lines[at])
        if hits:
            values.setdefault(hits[-1].kind, []).append(amount.value)
    totals = [
        t for t in values.get("total", []) + values.get("amount_due", []) if t > 0
    ]  # (0 = 0 - 0 proves nothing)
    taxes = sum(values.get("tax", []), Decimal(0))
    if any(abs(net + taxes - total) <= TOLERANCE for net in values.get("subtotal", []) for total in totals):
        return True
    return any(
        abs(cash - change - total) <= TOLERANCE
        for cash in values.get("cash", [])
        for change in values.get("change", [])
        for total in totals
    )


def _values_over_labels(lines: Sequence[Line], decimal_hint: str | None, whole: bool) -> dict[int, Amount]:
    """Totals set with each label UNDER its value: a run of lines alternating a bare amount and a label alone
    in the same column, opening with an amount (the line above it no such label) and closing with a label
    (no bare amount under it). Each label reads the amount right above it, never the next one under it."""
    found: dict[int, Amount] = {}
    pos = 0
    while pos < len(lines) - 1:
        run: list[tuple[int, Amount]] = []
        at = pos
        while at + 1 < len(lines):
            value, label = lines[at], lines[at + 1]
            # (the label first: a line of one cell with a totals label is rare, and its test reads the
            # line's labels, which the totals read anyway; the bare amount over it is read only then)
            if label.page != value.page or not _label_line(label, decimal_hint):
                break
            amount = _bare_amount(value, decimal_hint, whole)
            if amount is None:
                break
            if abs(value.cells[-1].end - label.cells[-1].end) > LABEL_VALUE_REACH:
                break
            run.append((at + 1, amount))
            at += 2
        # (closed: no bare amount under the last label; opened: no label alone over the first amount; read
        # only for a run of two pairs or more, as most lines open none)
        below = [(label, run[i + 1][1]) for i, (label, _) in enumerate(run[:-1])]
        if (
            len(run) >= 2
            and (at >= len(lines) or _bare_amount(lines[at], decimal_hint, whole) is None)
            and (pos == 0 or not _label_line(lines[pos - 1], decimal_hint))
            and _totals_agree(lines, run)
            and not _totals_agree(lines, below)  # (labels over their values, a receipt's: the sums say so)
        ):
            found.update(run)
            pos = at
        else:
            pos += 1
    return found


def collect_candidates(
    lines: Sequence[Line], decimal_hint: str | None, *, whole: bool = False
) -> list[Candidate]:
    """Every labelled amount in the document, scored (label strength, position, layout). With
    ``whole``, the document's currency is printed without minor units (forints, yen): whole amounts
    are money, not counts."""
    candidates: list[Candidate] = []
    below: list[Candidate] = []
    total_lines = max(len(lines), 1)
    item_header: tuple[Line, list[LabelHit]] | None = None
    over = _values_over_labels(lines, decimal_hint, whole)
    for pos, line in enumerate(lines):
        hits = role_hits(line)
        if pos in over:
            if hits:
                _add(candidates, hits[-1], over[pos], line, pos, total_lines, whole)
            continue
        if hits and _item_table_header(line.text) and not find_amounts(line.text, decimal_hint=decimal_hint):
            # "... Price  Net  VAT  Total" over the item rows: the columns of a row, no total; the
            # table's sum row under it is read by these columns (one amount column too: "Description
            # Qty  Unit price  Total" labels the first row's amount, not the document's total)
            item_header = (line, hits)
            continue
        if hits and pos > 0 and _wrapped_header_row(lines[pos - 1], line, decimal_hint):
            # the second row of a header the layout wrapped ("Unit   Total" under "Description  Qty
            # Price"): its words head the item columns too, and read no document total
            item_header = (line, hits)
            continue
        if len(hits) >= 2:
            item_header = None  # another header (a VAT summary's) has its own columns
        summed = _sum_row(line, hits, item_header, decimal_hint, whole) if item_header and hits else None
        if summed:
            for column, sum_amount in summed:
                _add(candidates, column, sum_amount, line, pos, total_lines, whole)
            continue
        table = _header_table(lines, pos, hits, decimal_hint, whole) if len(hits) >= 2 else None
        kinds = {hit.kind for hit, _ in table or []}
        if "subtotal" not in kinds or "total" not in kinds:
            # a net and a tax column read, the gross column's heading no totals label ("Base  VAT  incl."):
            # the VAT summary's arithmetic still reads that column's figure as the total
            summary = _vat_summary(lines, pos, hits, decimal_hint, whole)
            if summary:
                candidates.extend(summary)
                continue
        if not table and hits:
            # one row per rate and no sum row: the rows' sums are the document's net and tax
            per_rate = _per_rate_rows(lines, pos, hits, decimal_hint, whole)
            if per_rate:
                candidates.extend(per_rate)
                continue
        if table is not None:
            for hit, cell in table:
                _add(candidates, hit, cell, line, pos, total_lines, whole)
            continue
        for number, hit in enumerate(hits):
            end = hits[number + 1].start if number + 1 < len(hits) else None
            amount = _value_right(line, hit, decimal_hint, end)
            if amount is not None:
                _add(candidates, hit, amount, line, pos, total_lines, whole)
                continue
            under = _value_below(lines, pos, hit, decimal_hint, whole) if end is None else None
            if under is not None:
                _add(below, hit, under, line, pos, total_lines, whole)
    # a label's value read from the run of amounts its block pairs with beats the one just below it
    paired = paired_blocks(lines, decimal_hint)
    in_blocks = {id(line) for _, _, line, _ in paired}
    covered = {id(c.line) for c in candidates}
    candidates += [c for c in below if id(c.line) not in in_blocks]
    for hit, amount, line, pos in paired:
        if id(line) not in covered:
            _add(candidates, hit, amount, line, pos, total_lines)
    candidates.sort(key=lambda c: c.line.index)
    return _without_instructions(candidates)


SUM_ROW_ROLES = ("total", "subtotal")


def _sum_row(
    line: Line,
    hits: list[LabelHit],
    header: tuple[Line, list[LabelHit]],
    decimal_hint: str | None,
    whole: bool,
) -> list[tuple[LabelHit, Amount]]:
    """The item table's sum row ("Total   1   278.61   40.39   319.00" under "Qty  Price  Tax  Total"):
    each amount right of its one total label read by the header's amount column it stands in; empty
    when the line is no such row (on another page, more labels, fewer than two amounts in columns)."""
    head, labels = header
    if head.page != line.page or len(hits) != 1 or hits[0].kind not in SUM_ROW_ROLES:
        return []
    # a rate column ("Tax(%)", "VAT %") holds no money
    columns = [label for label in labels if "%" not in head.text[label.start : label.end + 4]]
    if not columns:
        return []
    amounts = _money(find_amounts(line.text[hits[0].end :], decimal_hint=decimal_hint), whole)
    read: dict[int, Amount] = {}
    for amount in amounts:
        shifted = replace(amount, start=amount.start + hits[0].end, end=amount.end + hits[0].end)
        distances = [_column_distance(column, shifted) for column in columns]
        nearest = min(range(len(columns)), key=lambda i: distances[i])
        if distances[nearest] <= 6:
            read[nearest] = shifted
    if len(read) < 2:
        return []
    return [(columns[index], amount) for index, amount in sorted(read.items())]


def _item_table_header(text: str) -> bool:
    """The header of the item table: it names a description column and a quantity or unit-price
    column, whatever amount columns follow."""
    return bool(find_labels("col_description", text)) and bool(
        find_labels("col_quantity", text) or find_labels("col_unit_price", text)
    )


def _names_item_column(text: str) -> bool:
    """Whether the text names an item table's description, quantity or unit-price column."""
    return any(find_labels(kind, text) for kind in ("col_description", "col_quantity", "col_unit_price"))


def _wrapped_header_row(above: Line, line: Line, decimal_hint: str | None) -> bool:
    """The line continues the item table's header printed just above it: the header names the
    description and quantity or price columns, in its first row or across its two (a narrow column's
    heading wrapped: "Goods or" / "services" beside "Qty"), and neither row prints an amount."""
    return (
        above.page == line.page
        and (
            _item_table_header(above.text)
            or (
                _names_item_column(above.text)
                and _names_item_column(line.text)
                and _item_table_header(f"{above.text}   {line.text}")
            )
        )
        and not find_amounts(above.text, decimal_hint=decimal_hint)
        and not find_amounts(line.text, decimal_hint=decimal_hint)
    )


def _without_instructions(candidates: list[Candidate]) -> list[Candidate]:
    """Amounts read from a line of instructions ("Please transfer 1.200,00 to ...") are dropped for
    each role another line supplies: document text that instructs never overrides a labelled value."""
    instructed = {id(c) for c in candidates if reads_as_instruction(_from_label_cell(c))}
    # an amount to pay inside an early-payment discount's terms ("2 % Skonto bis 14.03.: Zahlbetrag 2.904,15")
    # is what is owed if paid early, an offer the buyer may take or not: never the amount due, which is the
    # invoice's own (its total, where no other line states it); nor the total, where another line states that
    offered = [
        c
        for c in candidates
        if c.role in ("amount_due", "total") and _CASH_DISCOUNT_RE.search(_from_label_cell(c))
    ]
    candidates = [c for c in candidates if c.role != "amount_due" or all(c is not o for o in offered)]
    instructed |= {id(c) for c in offered}
    if not instructed:
        return candidates
    labelled_roles = {c.role for c in candidates if id(c) not in instructed}
    return [c for c in candidates if id(c) not in instructed or c.role not in labelled_roles]


def _from_label_cell(candidate: Candidate) -> str:
    """The cell the candidate's label stands in (its line where none holds it): a sentence in another
    column ("Quote the invoice number with your transfer.   Net  1.859,84") instructs nothing about it."""
    cell = cell_holding(candidate.line, candidate.column)
    return cell.text if cell is not None else candidate.line.text


def _column_distance(hit: LabelHit, amount: Amount) -> int:
    """How far an amount sits from a header label's column (0 when they overlap)."""
    return max(0, amount.start - hit.end, hit.start - amount.end)


def _unlabelled_columns(header: Line, hits: list[LabelHit]) -> list[tuple[int, int, Cell]]:
    """The column spans of a header's cells that hold no label of the header's hits, each with its
    cell: from a cell's start to the next cell's start (figures sit under their heading, left- or
    right-aligned), the last one to its own end. A figure inside such a span is that column's, never a
    neighbouring label's, unless it sits nearer that label than the cell (figures centred under their
    headings, the next label's figure reaching left of it)."""
    spans: list[tuple[int, int, Cell]] = []
    cells = header.cells
    for index, cell in enumerate(cells):
        if any(cell.start <= hit.start < cell.end for hit in hits):
            continue
        end = cells[index + 1].start if index + 1 < len(cells) else cell.end
        start = cells[index - 1].end if index > 0 else cell.start
        spans.append((max(start, cell.start - 2), end, cell))
    return spans


def _header_table(
    lines: Sequence[Line], pos: int, hits: list[LabelHit], decimal_hint: str | None, whole: bool = False
) -> list[tuple[LabelHit, Amount]] | None:
    """A header of amount labels over rows of amounts ("Nettobetrag  MwSt-Betrag  Endbetrag"): each
    label reads the amount in its column. One row is the figures; of several, the last is read when it
    sums the rows above (the per-rate rows and their sum row), else nothing is (an empty list). None
    when the line heads no such table."""
    header = lines[pos]
    if find_amounts(header.text, decimal_hint=decimal_hint):
        return None
    rows: list[list[Amount]] = []
    for below in lines[pos + 1 : pos + 10]:
        amounts = _money(find_amounts(below.text, decimal_hint=decimal_hint), whole)
        if not rows and not amounts and below.page == header.page and _is_filler(below):
            continue  # the figures' unit on a line of its own between the header and its row ("EUR")
        if below.page != header.page or len(amounts) < 2 or (rows and _PROSE_ROW_RE.search(below.text)):
            break  # (a sentence under the figures' row is no row of the table, whatever figures it names)
        rows.append(amounts)
    if not rows:
        return None

    unlabelled = _unlabelled_columns(header, hits)

    def read(row: list[Amount]) -> dict[int, Amount]:
        cells: dict[int, Amount] = {}
        for amount in row:
            distances = [_column_distance(hit, amount) for hit in hits]
            if any(
                start <= amount.start
                and amount.end <= end
                and max(0, amount.start - cell.end, cell.start - amount.end) <= min(distances)
                for start, end, cell in unlabelled
            ):
                continue  # under a header cell no totals label names ("Déjà réglé"): that column's figure
            nearest = min(range(len(hits)), key=lambda i: distances[i])
            if distances[nearest] <= 6 and (
                nearest not in cells or _column_distance(hits[nearest], cells[nearest]) > distances[nearest]
            ):
                cells[nearest] = amount
        return cells

    table = [read(row) for row in rows]
    if (
        len(rows) == 1
        and len(table[0]) < len(hits) == len(rows[0])
        and not unlabelled
        and all(hits[i].start < hits[i + 1].start for i in range(len(hits) - 1))
    ):
        # one figure per label, in the labels' order, each set off its label's column (right-aligned
        # under a left-aligned label, a currency code after it: "46,683.24 AUD" under "Total")
        table = [dict(enumerate(rows[0]))]
    if len(table) > 1:
        last, above = table[-1], table[:-1]
        sums = [
            column
            for column, amount in last.items()
            if all(column in row for row in above)
            and abs(sum((row[column].value for row in above), Decimal(0)) - amount.value) <= TOLERANCE
        ]
        if not sums:
            return []  # one row per rate and no sum row: no label here reads a document total
    chosen = table[-1]
    if len(chosen) < 2:
        return None
    return [(hits[column], amount) for column, amount in sorted(chosen.items())]


_PROSE_ROW_RE = re.compile(r"(?:(?<![\w.])[^\W\d_A-Z][^\W\d_]{2,}\b.*){3}")
"""Three lower-case words: a sentence ("Payment within 60 days, 3 % discount until ..."), no table row."""


VAT_SUMMARY_ROWS = 8
"""Rows a VAT summary may hold under its header (one per rate, and their sum)."""
VAT_SUMMARY_SCORE = 1.5


def _vat_summary(
    lines: Sequence[Line], pos: int, hits: list[LabelHit], decimal_hint: str | None, whole: bool = False
) -> list[Candidate]:
    """A VAT summary under a header that names the tax, whatever words head its other columns ("VAT  %
    Net  VAT  Gross", "MwSt  Netto  Steuer  Brutto"): rows ending in a net, its tax and their sum (the
    arithmetic says which is which): one row, or one per rate and their sum row. Its net, tax and gross
    (the one row's or the sum row's) as subtotal, tax and total candidates; empty when the line heads
    no such table."""
    header = lines[pos]
    if not any(hit.kind == "tax" for hit in hits) or find_amounts(header.text, decimal_hint=decimal_hint):
        return []
    rows: list[tuple[Amount, Amount, Amount]] = []
    last: Line | None = None
    for below in lines[pos + 1 : pos + 1 + VAT_SUMMARY_ROWS]:
        amounts = _money(find_amounts(below.text, decimal_hint=decimal_hint), whole)
        if below.page != header.page or len(amounts) < 3:
            break
        net, tax, gross = amounts[-3:]
        if (
            abs(net.value + tax.value - gross.value) > TOLERANCE
            or not 0 <= tax.value <= MAX_TAX_SHARE * net.value
        ):
            break
        rows.append((net, tax, gross))
        last = below
    if not rows or last is None:
        return []
    sums = [sum((row[k].value for row in rows), Decimal(0)) for k in range(3)]
    if len(rows) > 1 and not all(abs(sums[k] - 2 * rows[-1][k].value) <= TOLERANCE for k in range(3)):
        return []  # one row per rate and no sum row: none of them is the document's (as `_header_table`)
    label = header.text.strip()
    roles = ("subtotal", "tax", "total")
    return [
        Candidate(
            role,
            amount.value,
            VAT_SUMMARY_SCORE - (0.5 if role == "total" else 0.0),
            last,
            label,
            amount.start,
        )
        for role, amount in zip(roles, rows[-1], strict=True)
    ]


_RATE_RE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%")


def _rate_pair(amounts: list[Amount], text: str) -> tuple[Amount, Amount, Decimal] | None:
    """A per-rate row's net and tax: the row prints one rate and two of its figures are a base and
    that rate of it (to a cent or two of rounding); None otherwise."""
    rates = _RATE_RE.findall(text)
    if len(rates) != 1:
        return None
    rate = Decimal(rates[0].replace(",", "."))
    for i, net in enumerate(amounts):
        for tax in amounts[i + 1 :]:
            if net.value > 0 and abs(net.value * rate / 100 - tax.value) <= TOLERANCE:
                return net, tax, rate
    return None


def _per_rate_rows(
    lines: Sequence[Line], pos: int, hits: list[LabelHit], decimal_hint: str | None, whole: bool = False
) -> list[Candidate]:
    """A VAT breakdown of one row per rate and no sum row under a header that names the tax ("Net  VAT %
    VAT", "Base imponible  IVA %  Cuota"): each row prints its rate, its base and the tax that rate makes
    of it, the rates all differ (an item table repeats them). The rows' bases and taxes summed are the
    document's net and tax (candidates); empty when the line heads no such rows."""
    header = lines[pos]
    if not any(hit.kind == "tax" for hit in hits) or find_amounts(header.text, decimal_hint=decimal_hint):
        return []
    rows: list[tuple[Amount, Amount, Decimal]] = []
    last: Line | None = None
    for below in lines[pos + 1 : pos + 1 + VAT_SUMMARY_ROWS]:
        if below.page != header.page:
            break
        pair = _rate_pair(_money(find_amounts(below.text, decimal_hint=decimal_hint), whole), below.text)
        if pair is None:
            break
        rows.append(pair)
        last = below
    if len(rows) < 2 or last is None or len({rate for _, _, rate in rows}) < len(rows):
        return []
    label = header.text.strip()
    net = sum((row[0].value for row in rows), Decimal(0))
    tax = sum((row[1].value for row in rows), Decimal(0))
    return [
        Candidate("subtotal", net, VAT_SUMMARY_SCORE, last, label, rows[-1][0].start),
        Candidate("tax", tax, VAT_SUMMARY_SCORE, last, label, rows[-1][1].start),
    ]


def _is_filler(line: Line) -> bool:
    """A line of nothing but a colon, a currency or a rule (`_FILLER_RE`) — not a tax label that reads
    as a currency code ("VAT", "IVA", "DPH" alone on a label's line over its figure): a label."""
    text = line.text.strip()
    return len(text) <= 8 and _FILLER_RE.fullmatch(text) is not None and not role_hits(line)


def _value_line(line: Line, decimal_hint: str | None) -> Amount | None:
    match = _value_line_match(line.text.strip())
    if match is None:
        return None
    amounts = find_amounts(match.group("num"), decimal_hint=decimal_hint)
    return amounts[0] if len(amounts) == 1 and amounts[0].decimals in (2, 3) else None


def _alignment_score(pairs: list[tuple[str, Decimal]]) -> float:
    """How well labels and values paired at one offset agree with the arithmetic of a receipt."""
    values: dict[str, list[Decimal]] = {}
    for role, value in pairs:
        values.setdefault(role, []).append(value)
    totals = values.get("total", []) + values.get("amount_due", [])
    # what was paid is the total, or, on a receipt that prints no total, its (tax-inclusive) subtotal
    paid_for = totals + values.get("subtotal", [])
    score = 0.0
    for cash in values.get("cash", []):
        for change in values.get("change", []):
            if change > cash:
                score -= 2.0
            elif any(abs(cash - change - t) <= TOLERANCE for t in paid_for):
                score += 3.0
    rounding = values.get("rounding", [Decimal(0)])
    for sub in values.get("subtotal", []):
        for tax in values.get("tax", []):
            if any(abs(sub + tax + r - t) <= TOLERANCE for t in totals for r in [*rounding, Decimal(0)]):
                score += 3.0
        if any(r and sub + r == t for t in totals for r in rounding):
            score += 3.0
        if any(0 < t < sub - ROUNDING_STEP for t in totals):
            score -= 2.0
    if any(abs(r) >= 1 for r in values.get("rounding", [])):
        score -= 2.0
    return score


def paired_blocks(
    lines: Sequence[Line], decimal_hint: str | None
) -> list[tuple[LabelHit, Amount, Line, int]]:
    """Receipts whose text lost its columns: a run of label lines, then a run of bare amounts. The
    labels pair with the amounts at the offset the arithmetic agrees with best (cash - change =
    total, subtotal + tax = total); when nothing agrees and the runs are as long, in order."""
    found: list[tuple[LabelHit, Amount, Line, int]] = []
    pos = 0
    count = len(lines)
    while pos < count:
        # a run of bare amounts (cheap to spot: the whole line is one number)
        first_value = (
            _value_line(lines[pos], decimal_hint) if _value_line_match(lines[pos].text.strip()) else None
        )
        if first_value is None:
            pos += 1
            continue
        values: list[tuple[int, Amount]] = []
        cursor = pos
        while cursor < count:
            line = lines[cursor]
            if _is_filler(line):
                cursor += 1
                continue
            amount = _value_line(line, decimal_hint)
            if amount is None:
                break
            values.append((cursor, amount))
            cursor += 1
        # the run of labels just above it
        labels: list[tuple[int, LabelHit | None]] = []
        back = pos - 1
        while back >= 0 and len(labels) < 40:
            line = lines[back]
            if _is_filler(line):
                back -= 1
                continue
            # a label line may carry a count of items, not an amount
            if _value_line_match(line.text.strip()) or any(
                a.decimals for a in find_amounts(line.text, decimal_hint=decimal_hint)
            ):
                break
            hits = role_hits(line)
            labels.append((back, hits[-1] if hits else None))
            back -= 1
        labels.reverse()
        if sum(1 for _, hit in labels if hit is not None) < 2:
            labels = _labels_below(lines, cursor, decimal_hint)  # the amounts printed first
        if sum(1 for _, hit in labels if hit is not None) >= 2 and len(values) >= 2:
            found += _pair(lines, labels, values)
        pos = max(cursor, pos + 1)
    return found


def _labels_below(
    lines: Sequence[Line], start: int, decimal_hint: str | None
) -> list[tuple[int, LabelHit | None]]:
    """The run of label lines right under a run of bare amounts (a receipt whose text put the amounts
    before their labels: "16.31 / -0.01 / 16.30" then "TOTAL : / ROUNDING ADJ : / BALANCE DUE :"), up
    to the first line that is no label."""
    labels: list[tuple[int, LabelHit | None]] = []
    for at in range(start, min(len(lines), start + 40)):
        line = lines[at]
        if _is_filler(line):
            continue
        if _value_line_match(line.text.strip()) or any(
            a.decimals for a in find_amounts(line.text, decimal_hint=decimal_hint)
        ):
            break
        hits = role_hits(line)
        if not hits:
            break
        labels.append((at, hits[-1]))
    return labels


def _pair(
    lines: Sequence[Line], labels: list[tuple[int, LabelHit | None]], values: list[tuple[int, Amount]]
) -> list[tuple[LabelHit, Amount, Line, int]]:
    count_l, count_v = len(labels), len(values)
    best: tuple[float, int] | None = None
    for offset in range(-(count_l - 1), count_v):
        pairs = [
            (hit.kind, values[i + offset][1].value)
            for i, (_, hit) in enumerate(labels)
            if hit is not None and 0 <= i + offset < count_v
        ]
        overlap = sum(1 for i in range(count_l) if 0 <= i + offset < count_v)
        if overlap < min(count_l, count_v) - 1:
            continue
        score = _alignment_score(pairs) - 0.1 * abs(offset - max(0, count_v - count_l))
        if best is None or score > best[0]:
            best = (score, offset)
    if best is None or (best[0] < 1.0 and count_l != count_v):
        return []
    offset = best[1] if best[0] >= 1.0 else 0
    return [
        (hit, values[i + offset][1], lines[index], index)
        for i, (index, hit) in enumerate(labels)
        if hit is not None and 0 <= i + offset < count_v
    ]


def _add(
    candidates: list[Candidate],
    hit: LabelHit,
    amount: Amount,
    line: Line,
    pos: int,
    total_lines: int,
    whole: bool = False,
) -> None:
    label = hit.text.lower()
    score = 1.0 + min(len(label), 20) / 10 + pos / total_lines
    if amount.decimals == 0 and not whole:
        score -= 1.0
    if hit.kind == "total" and _is_strong(label):
        score += 1.0
    if hit.start > len(line.text) * 0.6:
        score -= 0.5  # a label far right is usually a column header
    candidates.append(Candidate(hit.kind, amount.value, score, line, line.text.strip(), hit.start))
    if hit.kind == "amount_due":
        candidates.append(Candidate("total", amount.value, score - 0.5, line, line.text.strip(), hit.start))
    if hit.kind == "total" and any(
        w in label for w in ("due", "à payer", "a payer", "zahlbetrag", "te betalen")
    ):
        candidates.append(Candidate("amount_due", amount.value, score, line, line.text.strip(), hit.start))


@dataclass(frozen=True)
class Totals:
    subtotal: Candidate | None
    tax: Candidate | None
    total: Candidate | None
    amount_due: Candidate | None
    balanced: bool
    """True when subtotal + tax = total (within a cent or two)."""


def _best(cands: list[Candidate]) -> Candidate | None:
    return max(cands, key=lambda c: c.score) if cands else None


def _cash_change_totals(aux: dict[str, list[Candidate]]) -> list[Decimal]:
    return [
        cash.value - change.value
        for cash in aux["cash"]
        for change in aux["change"]
        if cash.line is not change.line and Decimal(0) < change.value < cash.value
    ]


def _with_total(totals: Totals, value: Decimal, line: Line, label: str) -> Totals:
    """``totals`` with the total (and an amount due equal to it) moved to ``value``."""
    assert totals.total is not None
    total = Candidate("total", value, totals.total.score, line, label)
    due = totals.amount_due
    if due is not None and due.value == totals.total.value:
        due = Candidate("amount_due", value, due.score, line, label)
    return Totals(totals.subtotal, totals.tax, total, due, totals.balanced)


def _apply_rounding(
    totals: Totals,
    candidates: Sequence[Candidate],
    rounding: Sequence[Candidate],
    printed: Mapping[Decimal, int],
) -> Totals:
    """A rounding adjustment printed below the total moves it to the rounded figure printed below
    that (labelled, or the total plus the adjustment, whichever sign the text lost). A total read
    below the adjustment is already rounded and stays."""
    total = totals.total
    if total is None:
        return totals
    for adjust in rounding:
        if adjust.line.index <= total.line.index:
            continue
        if abs(adjust.value) >= ROUNDING_STEP:
            # a rounding label printed with the rounded total: the label names the line, the amount is the total
            if abs(adjust.value - total.value) < ROUNDING_STEP and adjust.value != total.value:
                return _with_total(totals, adjust.value, adjust.line, adjust.label)
            continue
        if adjust.value == 0:
            continue
        later = [
            c
            for c in candidates
            if c.role in ("total", "amount_due")
            and c.line.index > adjust.line.index
            and Decimal(0) < abs(c.value - total.value) < ROUNDING_STEP
        ]
        if later:
            best = max(later, key=lambda c: (abs(c.value - total.value - adjust.value) <= TOLERANCE, c.score))
            return _with_total(totals, best.value, best.line, best.label)
        for rounded in (total.value + adjust.value, total.value - adjust.value):
            if printed.get(rounded, -1) > adjust.line.index:
                return _with_total(totals, rounded, adjust.line, adjust.label)
    return totals


def printed_amounts(lines: Sequence[Line], decimal_hint: str | None) -> dict[Decimal, int]:
    """Every amount with decimals printed anywhere in the document, with the last line it is on."""
    return {
        a.value: line.index
        for line in lines
        for a in find_amounts(line.text, decimal_hint=decimal_hint)
        if a.decimals
    }


def choose_totals(
    candidates: Sequence[Candidate],
    line_sum: Decimal | None = None,
    *,
    printed: Mapping[Decimal, int] | None = None,
) -> Totals:
    """The triple (subtotal, tax, total) that balances and scores best; else the best of each.
    Cash tendered less change given confirms a total (and stands in for one no label names); a
    rounding adjustment printed below the total moves it to the rounded figure printed below that
    (``printed``: each amount in the text with the last line index it is on)."""
    aux: dict[str, list[Candidate]] = {role: [] for role in AUX_ROLES}
    for candidate in candidates:
        if candidate.role in aux:
            aux[candidate.role].append(candidate)
    paid = _cash_change_totals(aux)
    labelled = any(c.role in ("total", "amount_due") for c in candidates)
    if paid and not labelled:
        change = aux["change"][0]
        candidates = [*candidates, Candidate("total", paid[0], 0.5, change.line, "cash less change")]
    elif not labelled and not aux["change"]:
        # no total printed and no change given: cash tendered equal to the subtotal paid it in full
        subtotals = {c.value for c in candidates if c.role == "subtotal"}
        exact = [cash for cash in aux["cash"] if cash.value and cash.value in subtotals]
        if exact:
            candidates = [
                *candidates,
                Candidate("total", exact[0].value, 0.5, exact[0].line, "cash equal to the subtotal"),
            ]
    elif paid:
        candidates = [
            replace(c, score=c.score + 2.0)
            if c.role in ("total", "amount_due") and any(abs(c.value - p) <= TOLERANCE for p in paid)
            else c
            for c in candidates
        ]
    totals = _apply_rounding(_choose(candidates, line_sum), candidates, aux["rounding"], printed or {})
    return _settle_on_paid(totals, candidates, paid)


def _settle_on_paid(totals: Totals, candidates: Sequence[Candidate], paid: Sequence[Decimal]) -> Totals:
    """Cash tendered less change given is what was paid: a labelled total equal to it wins over a
    chosen total that differs from it by no more than cash rounding."""
    total = totals.total
    if total is None or not paid or any(abs(total.value - p) <= Decimal("0.001") for p in paid):
        return totals
    for value in paid:
        if abs(total.value - value) >= ROUNDING_STEP:
            continue
        settled = [c for c in candidates if c.role in ("total", "amount_due") and c.value == value]
        if settled:
            best = max(settled, key=lambda c: c.score)
            return _with_total(totals, best.value, best.line, best.label)
    return totals


def _final_total_below(totals: Sequence[Candidate], chosen: Candidate) -> Candidate | None:
    """A total whose label says it is the final one ("Total payable", "Grand total") printed below
    the balanced triple's total: that triple was a part (one tax rate's supplies, say), so the final
    total is the larger, or the sum of that part and another printed total (a credit's negative part
    and a positive one: "0 % supplies 11.10", "6 % supplies -7.89", "Total payable 3.21"). A summary
    table's "Grand Total" row ending in its tax column is no such one."""

    def sums_parts(final: Candidate) -> bool:
        return any(
            abs(chosen.value + other.value - final.value) <= TOLERANCE
            for other in totals
            if other.value and other.line.index != final.line.index and other.line.index != chosen.line.index
        )

    finals = [
        c
        for c in totals
        if c.line.index > chosen.line.index
        and c.value != chosen.value
        and (abs(c.value) > abs(chosen.value) or sums_parts(c))
        and _FINAL_TOTAL_RE.search(c.label)
    ]
    return max(finals, key=lambda c: c.score) if finals else None


INCLUDED_SUM_EDGE = 0.05
"""Score by which the sum of the taxes included at several rates outranks its best part."""


def _strip_rate_sums(taxes: Sequence[Candidate]) -> list[Candidate]:
    """One tax per rate side by side in a strip of totals, each rate's label over or beside its amount in a
    cell of its own ("Net | VAT 20 % | VAT 10 % | Total" over their amounts): their sum is a tax, as the
    rates' lines are one in a column of totals."""
    by_line: dict[int, list[tuple[Candidate, str]]] = {}
    for tax in taxes:
        cell = cell_holding(tax.line, tax.column)
        # the rate read from the label's own words on: two rates' labels a single space parts share a cell
        # ("ПДВ 20 % ПДВ 7 %"), each its own rate
        rate = _LABEL_RATE_RE.search(tax.line.text[tax.column : cell.end]) if cell and tax.value > 0 else None
        if rate is not None:
            by_line.setdefault(id(tax.line), []).append((tax, rate.group(0).replace(" ", "")))
    sums: list[Candidate] = []
    for parts in by_line.values():
        if (
            len(parts) < 2
            or len({t.column for t, _ in parts}) < len(parts)
            or len({r for _, r in parts}) < len(parts)
        ):
            continue  # (one rate read twice is no two rates' taxes)
        summed = sum((t.value for t, _ in parts), Decimal(0))
        label = " + ".join(_from_label_cell(t) for t, _ in parts)
        sums.append(
            Candidate("tax", summed, max(t.score for t, _ in parts), parts[-1][0].line, label, DERIVED_COLUMN)
        )
    return sums


def _choose(candidates: Sequence[Candidate], line_sum: Decimal | None) -> Totals:
    adjustments = {
        abs(c.value) for c in candidates if c.role == "rounding" and 0 < abs(c.value) < ROUNDING_STEP
    }
    by_role: dict[str, list[Candidate]] = {role: [] for role in ROLES}
    for candidate in candidates:
        if candidate.role in by_role:
            by_role[candidate.role].append(candidate)
    for role in ROLES:
        by_role[role] = sorted(by_role[role], key=lambda c: -c.score)[:10]
    # subtotals and taxes printed as "total" lines still count as candidates for those roles
    subtotals = by_role["subtotal"] + [
        Candidate("subtotal", c.value, c.score - 1.5, c.line, c.label, c.column) for c in by_role["total"]
    ]
    if line_sum is not None and not by_role["subtotal"] and by_role["total"] and by_role["tax"]:
        # no net printed: the rows' sum stands in for it where it balances a printed tax and total
        anchor = by_role["total"][0]
        subtotals.append(Candidate("subtotal", line_sum, -1.0, anchor.line, "the rows' sum", DERIVED_COLUMN))
    taxes = list(by_role["tax"])
    if any(c.value > 0 and _NONZERO_RATE_RE.search(c.label) for c in taxes):
        # a rate that taxes nothing ("VAT 0%  0.00" beside "VAT 20%  80.00": zero-rated goods) is that rate's
        # share of the tax, never the document's whole tax balancing a net against itself as the total
        taxes = [c for c in taxes if c.value != 0 or "%" not in c.label]
    # one tax per rate, each on its own line ("USt 7 %  9,06", "USt 19 %  21,31"): their sum is a tax
    # (a table row that carries several roles is not such a line; a negative is a discount)
    table_lines = {id(c.line) for c in candidates if c.role != "tax"}
    rate_lines = {
        id(c.line): c
        for c in by_role["tax"]
        if "%" in c.label and c.value > 0 and id(c.line) not in table_lines
    }
    if len(rate_lines) >= 2:
        parts = list(rate_lines.values())
        summed = sum((c.value for c in parts), Decimal(0))
        # a receipt's tax included at each of its rates ("VAT incl. 23%: 16,27", "VAT incl. 13%: 0,39"):
        # the sum, a hair above the best part, so the net derived from it outranks one from a single rate
        every_included = all(_INCLUDED_TAX_RE.search(c.label) for c in parts)
        taxes.append(
            Candidate(
                "tax",
                summed,
                max(c.score for c in parts) + (INCLUDED_SUM_EDGE if every_included else 0.0),
                parts[-1].line,
                " + ".join(c.label for c in parts),
            )
        )
    taxes += _strip_rate_sums(by_role["tax"])
    # a tax the total already includes (gross prices, no net printed): the net is the total less that tax,
    # scored under any printed net, so a net printed beside it still wins
    for tax in taxes:
        if tax.value <= 0 or not _INCLUDED_TAX_RE.search(tax.label):
            continue
        for total in by_role["total"]:
            if 0 < tax.value <= total.value * MAX_TAX_SHARE and not tax.shares_cell(total):
                subtotals.append(
                    Candidate("subtotal", total.value - tax.value, tax.score - 2.0, total.line,
                              "the total less the tax it includes", DERIVED_COLUMN)
                )  # fmt: skip
    totals = by_role["total"]
    best: tuple[float, Candidate, Candidate, Candidate] | None = None
    for total in totals:
        if total.value == 0:
            continue
        for subtotal in subtotals:
            if subtotal.shares_cell(total) or abs(subtotal.value) > abs(total.value):
                continue
            for tax in taxes:
                if tax.shares_cell(total) or tax.shares_cell(subtotal):
                    continue
                gap = abs(subtotal.value + tax.value - total.value)
                # a cent or two of rounding between net, tax and gross (none when there is no tax),
                # or exactly the rounding adjustment printed
                if (gap <= TOLERANCE and (tax.value != 0 or gap == 0)) or gap in adjustments:
                    score = total.score + subtotal.score + tax.score + 4.0
                    if line_sum is not None and abs(line_sum - subtotal.value) <= TOLERANCE:
                        score += 3.0
                    if best is None or score > best[0]:
                        best = (score, subtotal, tax, total)
    due = _best(by_role["amount_due"])
    if best is not None:
        _, balanced_sub, balanced_tax, balanced_total = best
        if due is not None and abs(due.value) > abs(balanced_total.value):
            due = None
        final = _final_total_below(totals, balanced_total)
        if final is not None:
            return Totals(balanced_sub, balanced_tax, final, due, False)
        return Totals(balanced_sub, balanced_tax, balanced_total, due, True)
    # a total under half the lines' sum is a part (one rate's tax, a summary row's last figure), not
    # the document's total, when a total that covers the lines was printed too
    covering = [c for c in totals if line_sum is None or abs(c.value) * 2 >= abs(line_sum)]
    best_total = _best(covering or totals)
    best_sub: Candidate | None = _best(by_role["subtotal"])
    if best_total is not None and best_sub is not None and abs(best_sub.value) > abs(best_total.value):
        best_sub = None
    best_tax = _best(taxes)
    if (
        best_total is not None
        and best_sub is not None
        and (best_tax is None or abs(best_sub.value + best_tax.value - best_total.value) > TOLERANCE)
    ):
        # no printed tax balances the net and the gross read: the tax is their difference (a tax
        # figure read from elsewhere, such as a column of the item table, would contradict both)
        best_tax = Candidate("tax", best_total.value - best_sub.value, 0.0, best_total.line, "total less net")
    return Totals(best_sub, best_tax, best_total, due, False)
