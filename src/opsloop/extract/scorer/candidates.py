"""Candidates for the headline fields, each with the features the learned scorer reads.

Every date, amount, id, currency and name-like cell on the page is a candidate for the fields it
could fill. Its features name no vendor and no document's wording: the class of the label nearest
to it (left on its line, or above it in its column) from the locale packs, its position on the page,
its font size relative to the page's, its format, how it relates to the other candidates (the
largest amount, a sum of two others, the earliest date) and whether the hand rules chose it.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import mul

from opsloop.domain.documents import ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.currency import currencies_in, currencies_of, lines_mentioning
from opsloop.extract.rules.dates import dateline, find_dates
from opsloop.extract.rules.layout import Line, cell_at
from opsloop.extract.rules.lexicon import (
    LabelHit,
    is_label_text,
    labels_of,
    locale_currency,
    word_pattern,
)
from opsloop.extract.rules.lines import COLUMN_KINDS
from opsloop.extract.rules.numbers import find_amounts
from opsloop.extract.rules.parties import (
    NAME_SIGNAL_STAGES,
    BuyerZone,
    SenderHead,
    buyer_zone,
    costly_name_signals,
    legal_form,
    opens_with_postcode_and_town,
    placed_name_candidates,
    read_sender_head,
    reads_as_instruction,
)
from opsloop.extract.scorer.model import FieldScorer

FIELDS: tuple[str, ...] = ("vendor", "invoice_number", "invoice_date", "due_date", "total", "currency")
"""The fields the scorer chooses; `vendor` is the seller's name."""
LABEL_CLASSES: tuple[str, ...] = (
    "invoice_number",
    "invoice_date",
    "due_date",
    "po_number",
    "total",
    "subtotal",
    "tax",
    "amount_due",
    "buyer_section",
    "vendor_section",
    "vat_label",
    "cash",
    "change",
    "rounding",
)
"""Label kinds of the locale packs whose nearness is a feature."""
_OTHER_DATES = word_pattern("other_dates")
_ID_CHAR = "A-Za-z0-9\u0130\u0131\u017f\u212a"
"""The letters and digits a case-insensitive [A-Z0-9] matches (the dotted capital I, the dotless i,
the long s and the Kelvin sign fold onto ASCII letters), as a case-sensitive class: far faster."""
_ID_RE = re.compile(rf"(?<![\w/.-])#?[{_ID_CHAR}][{_ID_CHAR}\-_/.]{{1,30}}[{_ID_CHAR}](?![\w/-])")
_DIGIT_RE = re.compile(r"\d")
_TIME_RE = re.compile(r"^\s*(?:[T,]\s*)?\d{1,2}:\d{2}")
_DATE_LIKE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_PHONE_RE = re.compile(r"^\+?\d[\d ]{8,}$")
_AMOUNT_LIKE_RE = re.compile(r"\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{2})?")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
_ID_SEPARATOR_RE = re.compile(r"[-/_.]")
_LONG_DIGITS_RE = re.compile(r"\d{9,}")
_NAMED_MONTH_RE = re.compile(r"[^\W\d_]{3}")
MAX_LINES = 400
"""Lines read for candidates (the head of a long document holds the headline fields)."""


@dataclass
class FieldCandidate:
    value: str | date | Decimal
    text: str
    line: Line
    start: int
    features: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=16384)
def _line_labels(text: str) -> tuple[LabelHit, ...]:
    """Every label of the scored classes on a line, left to right (looked up once per distinct line)."""
    return tuple(sorted(labels_of(LABEL_CLASSES, text), key=lambda hit: hit.start))


@lru_cache(maxsize=16384)
def _is_instruction(text: str) -> bool:
    return reads_as_instruction(text)


@lru_cache(maxsize=16384)
def _preceding_labels(text: str) -> tuple[LabelHit, ...]:
    """The locale packs' phrases of a line that name an earlier invoice (a credit note's "original
    invoice", "referente à fatura", "korekta do faktury")."""
    return tuple(labels_of(("preceding_invoice",), text))


def _elsewhere_features(
    lines: Sequence[Line], pos: int, start: int, end: int, heading: _Heading | None = None
) -> dict[str, float]:
    """Whether an id belongs to something other than this document: it follows a phrase naming an
    earlier invoice on its line (no other label between them) or stands in its column under one that
    closes its cell (the invoice a credit note credits), or it opens a postcode and town in its cell, or follows an address's
    street and a comma there (an address's)."""
    feats: dict[str, float] = {}
    line = lines[pos]
    before = [hit.end for hit in _preceding_labels(line.text) if hit.end <= start]
    if before and not any(max(before) <= hit.start and hit.end <= start for hit in _line_labels(line.text)):
        feats["after_preceding_invoice"] = 1.0
    for depth, above in enumerate(reversed(lines[max(0, pos - 2) : pos]), start=1):
        if above.page != line.page:
            break
        for hit in _preceding_labels(above.text):
            cell = next((c for c in above.cells if c.start <= hit.start < c.end), None)
            if above.text[hit.end : cell.end if cell is not None else None].strip(" :.#-–"):
                continue  # the phrase holds its value on its own line
            if hit.start - 12 <= start <= hit.end + 12 or start <= hit.start <= end:
                feats["under_preceding_invoice"] = max(feats.get("under_preceding_invoice", 0.0), 1.0 / depth)
    cell = next((c for c in line.cells if c.start <= start < c.end), None)
    cell_start, cell_end = (cell.start, cell.end) if cell is not None else (0, len(line.text))
    opening = line.text[cell_start:start].rstrip()
    # the cell opens with it, or an address's street before it ends with a comma ("Rua X, 49, 1100-148
    # Lisboa"); a year in a sentence ("de 2024 Ana Sousa") is no postcode
    if (not opening or opening.endswith(",")) and opens_with_postcode_and_town(line.text[start:cell_end]):
        feats["postcode_town"] = 1.0
    feats.update(_other_field_features(lines, pos, start, end, heading))
    return feats


_OTHER_ID_LABELS = tuple(
    word_pattern(name)
    for name in (
        "phone_labels",
        "registration_labels",
        "iban_labels",
        "employer_id_labels",
        "customer_fields",
    )
)
"""The packs' words labelling an id that is not the document's number: a phone's, a company register's,
a bank account's, an employer's, a customer's."""
FAR_GAP = 40
"""Spaces between a label and a value beyond which the value is another column's (the rules read one
that far only as its line's last cell)."""
FAR_SPAN = 80
"""Spaces beyond FAR_GAP over which `label_far` rises from 0 to 1."""
_HEADING_REACH = 40
"""Lines above an id within which a row of item-column headings makes it an item row's."""
_Heading = tuple[int, tuple[tuple[int, int], ...]]


@lru_cache(maxsize=16384)
def _other_id_labels(text: str) -> tuple[tuple[int, int], ...]:
    """Where the line names another id's label (`_OTHER_ID_LABELS`), left to right."""
    spans: list[tuple[int, int]] = []
    for pattern in _OTHER_ID_LABELS:
        if pattern.may_match(text):
            spans += [(m.start(), m.end()) for m in pattern.pattern.finditer(text)]
    return tuple(sorted(spans))


@lru_cache(maxsize=16384)
def _heading_cells(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of a row of item-column headings ("No.  Description  Qty  Amount": two cells or more,
    two column kinds of the packs or more, no amount on it); () for any other line."""
    if re.search(r"\d[.,]\d", text):
        return ()
    hits = labels_of(COLUMN_KINDS, text)
    if len({hit.kind for hit in hits}) < 2:
        return ()
    return tuple(sorted({(hit.start, hit.end) for hit in hits}))


def _other_field_features(
    lines: Sequence[Line], pos: int, start: int, end: int, heading: _Heading | None = None
) -> dict[str, float]:
    """Whether an id belongs to another field by where it stands: far right of the label before it
    (`label_far`: another column's value), after another id's label on its line with no number label
    between (`left_other_id_label`), in its column under a cell holding nothing but another field's
    label (`under_other_label`: a side column of labels over their values), or in the rows under a
    row of item-column headings (`in_item_rows`; `under_item_heading` where it stands under one of
    its headings: an item's code or position under "No."; ``heading``: the nearest such row above on the
    id's page, its position and its headings' spans)."""
    feats: dict[str, float] = {}
    line = lines[pos]
    labels = _line_labels(line.text)
    left = [hit for hit in labels if hit.end <= start]
    others = [span for span in _other_id_labels(line.text) if span[1] <= start]
    if left:
        nearest = max(left, key=lambda h: h.end)
        words_end = nearest.start + len(nearest.text.rstrip())
        gap = start - words_end - len(line.text[words_end:start].lstrip(" :.#-–°º\t"))
        if gap > FAR_GAP:
            feats["label_far"] = min(gap - FAR_GAP, FAR_SPAN) / FAR_SPAN
    if others and not any(
        hit.kind == "invoice_number" and hit.start >= max(span[1] for span in others) for hit in left
    ):
        feats["left_other_id_label"] = 1.0
    for depth, above in enumerate(reversed(lines[max(0, pos - 2) : pos]), start=1):
        if above.page != line.page:
            break
        cell = cell_at(above, start, end)
        if cell is None:
            continue  # nothing over it on this line: the next one up
        text = cell.text.strip(" :.#-–")
        hits = _line_labels(text)
        named = [hit for hit in hits if hit.kind != "invoice_number"]
        if hits and not named:
            break  # under its own label
        if text and (named or _other_id_labels(text)) and is_label_text(text):
            feats["under_other_label"] = 1.0 / depth
        break  # a value or another label over it: nothing further up is its label
    if heading is not None and heading[0] < pos <= heading[0] + _HEADING_REACH:
        feats["in_item_rows"] = 1.0
        if any(h_start - 2 <= start <= h_end + 2 or start <= h_start <= end for h_start, h_end in heading[1]):
            feats["under_item_heading"] = 1.0
    return feats


def _label_features(lines: Sequence[Line], pos: int, start: int, end: int) -> dict[str, float]:
    """The class of the nearest label left of the value on its line (and how far), and of the label
    above it in its column (within two lines)."""
    feats: dict[str, float] = {}
    line = lines[pos]
    left = [hit for hit in _line_labels(line.text) if hit.end <= start]
    if left:
        hit = max(left, key=lambda h: h.end)
        feats[f"left_{hit.kind}"] = 1.0
        feats["left_gap"] = min(start - hit.end, 60) / 60
        feats["left_label_len"] = min(len(hit.text), 30) / 30
    else:
        feats["no_left_label"] = 1.0
    for depth, above in enumerate(reversed(lines[max(0, pos - 2) : pos]), start=1):
        if above.page != line.page:
            break
        for hit in _line_labels(above.text):
            if hit.start - 12 <= start <= hit.end + 12 or start <= hit.start <= end:
                feats[f"above_{hit.kind}"] = 1.0 if depth == 1 else 0.5
    if _OTHER_DATES.search(line.text, 0, start):
        feats["left_other_date_word"] = 1.0
    return feats


def _position(lines: Sequence[Line], pos: int, start: int, width: int) -> dict[str, float]:
    line = lines[pos]
    return {
        "rel_line": pos / max(len(lines), 1),
        "top10": 1.0 if pos < 10 else 0.0,
        "first_page": 1.0 if line.page == lines[0].page else 0.0,
        "rel_col": start / max(width, 1),
        "cells": min(len(line.cells), 8) / 8,
        "instruction": 1.0 if _is_instruction(line.text) else 0.0,
    }


def _font_sizes(parsed: ParsedDocument) -> tuple[dict[tuple[int, str], float], float]:
    """Font size of each word text per page (the largest it is set in) and the median word size."""
    sizes: dict[tuple[int, str], float] = {}
    every: list[float] = []
    largest = sizes.get
    for page in parsed.pages:
        number = page.number
        for word in page.words:
            size = word.font_size
            if size:
                key = (number, word.text)
                known = largest(key, 0.0)
                sizes[key] = size if size > known else known  # (max(known, size))
                every.append(size)
    return sizes, (statistics.median(every) if every else 0.0)


def _font_feature(
    fonts: tuple[dict[tuple[int, str], float], float], page: int, text: str
) -> dict[str, float]:
    sizes, median = fonts
    first = text.split()[0] if text.split() else ""
    size = sizes.get((page, first))
    if not size or not median:
        return {}
    return {"font_rel": min(size / median, 3.0) - 1.0, "has_font": 1.0}


def collect_candidates(
    parsed: ParsedDocument,
    lines: Sequence[Line],
    rules: InvoiceExtraction,
    *,
    day_first: bool,
    decimal_hint: str | None,
    language: str = "en",
    buyer_lines: BuyerZone | None = None,
    sender_head: SenderHead | None = None,
    local_currency: tuple[str | None, int] | None = None,
    vendor_scorer: FieldScorer | None = None,
) -> dict[str, list[FieldCandidate]]:
    """Candidates per field (see FIELDS), features filled in. ``buyer_lines``: the buyer's block as
    the rules engine found it in the whole document (else found here in the lines read);
    ``sender_head``: page one's head as the rules read it from all the lines, and
    ``local_currency``: `locale_currency` of the language over all the lines' text (both used when
    the lines are all read here). ``vendor_scorer``: the scorer the seller's candidates go to, which
    then reads only what can change its answer (`_read_costly_signals`); None: every feature read."""
    if len(lines) > MAX_LINES:
        sender_head = local_currency = None  # read from more lines than the candidates are
    lines = list(lines[:MAX_LINES])
    width = max((len(line.text) for line in lines), default=1)
    fonts = _font_sizes(parsed)
    found: dict[str, list[FieldCandidate]] = {name: [] for name in FIELDS}
    if not lines:
        return found
    dates = _date_candidates(lines, day_first, language)
    amounts = _amount_candidates(lines, decimal_hint)
    ids = _id_candidates(lines)
    for pos_cand in (dates, amounts, ids):
        for pos, cand in pos_cand:
            cand.features.update(_label_features(lines, pos, cand.start, cand.start + len(cand.text)))
            cand.features.update(_position(lines, pos, cand.start, width))
            cand.features.update(_font_feature(fonts, cand.line.page, cand.text))
    _date_relations([c for _, c in dates], rules)
    _amount_relations([c for _, c in amounts], rules)
    _id_relations([c for _, c in ids], rules)
    found["invoice_date"] = [_copy(c) for _, c in dates]
    found["due_date"] = [_copy(c) for _, c in dates]
    for cand in found["due_date"]:
        cand.features["is_rules_choice"] = 1.0 if rules.due_date == cand.value else 0.0
        cand.features["after_rules_date"] = (
            1.0
            if rules.invoice_date is not None
            and isinstance(cand.value, date)
            and cand.value > rules.invoice_date
            else 0.0
        )
    for cand in found["invoice_date"]:
        cand.features["is_rules_choice"] = 1.0 if rules.invoice_date == cand.value else 0.0
    found["total"] = [c for _, c in amounts]
    found["invoice_number"] = [c for _, c in ids]
    found["currency"] = _currency_candidates(lines, rules, language, local_currency)
    found["vendor"] = _vendor_candidates(lines, rules, width, fonts, buyer_lines, sender_head, vendor_scorer)
    return found


def _copy(cand: FieldCandidate) -> FieldCandidate:
    return FieldCandidate(cand.value, cand.text, cand.line, cand.start, dict(cand.features))


def _date_candidates(
    lines: Sequence[Line], day_first: bool, language: str | None = None
) -> list[tuple[int, FieldCandidate]]:
    found: list[tuple[int, FieldCandidate]] = []
    for pos, line in enumerate(lines):
        values = find_dates(line.text, day_first=day_first, language=language)
        datelined = _dateline_start(line, day_first, language) if values and pos < 60 else None
        for value in values:
            feats = {
                "ambiguous": 1.0 if value.ambiguous else 0.0,
                "time_after": 1.0 if _TIME_RE.match(line.text[value.end :]) else 0.0,
                "named_month": 1.0 if _NAMED_MONTH_RE.search(value.text) else 0.0,
            }
            if value.start == datelined:
                feats["dateline"] = 1.0
            found.append((pos, FieldCandidate(value.value, value.text, line, value.start, feats)))
    return found[:200]


def _dateline_start(line: Line, day_first: bool, language: str | None) -> int | None:
    """Where the date of a dateline cell ("Lille, 9 mai 2025") starts on the line, if it has one."""
    if "," not in line.text:
        return None
    for cell in line.cells:
        if "," in cell.text:
            found = dateline(cell.text, day_first=day_first, language=language)
            if found is not None:
                return cell.start + found.start
    return None


def _date_relations(cands: list[FieldCandidate], rules: InvoiceExtraction) -> None:
    values = sorted({c.value for c in cands if isinstance(c.value, date)})
    counts: dict[object, int] = {}
    for cand in cands:
        counts[cand.value] = counts.get(cand.value, 0) + 1
    ranks = {value: rank for rank, value in enumerate(values)}
    for order, cand in enumerate(cands):
        assert isinstance(cand.value, date)
        rank = ranks[cand.value]
        cand.features["date_rank"] = rank / max(len(values) - 1, 1)
        cand.features["earliest"] = 1.0 if rank == 0 else 0.0
        cand.features["latest"] = 1.0 if rank == len(values) - 1 and len(values) > 1 else 0.0
        cand.features["first_printed"] = 1.0 if order == 0 else 0.0
        cand.features["repeats"] = min(counts[cand.value] - 1, 3) / 3


def _amount_candidates(lines: Sequence[Line], decimal_hint: str | None) -> list[tuple[int, FieldCandidate]]:
    found: list[tuple[int, FieldCandidate]] = []
    for pos, line in enumerate(lines):
        amounts = find_amounts(line.text, decimal_hint=decimal_hint)
        for amount in amounts:
            if amount.decimals not in (0, 2) or amount.value == 0 or abs(amount.value) >= 10**9:
                continue
            if amount.decimals == 0 and (
                len(amount.text) >= 6 or "%" in line.text[amount.end : amount.end + 2]
            ):
                continue  # ids, years, rates
            around = line.text[max(0, amount.start - 4) : amount.end + 4]
            feats = {
                "decimals2": 1.0 if amount.decimals == 2 else 0.0,
                "negative": 1.0 if amount.value < 0 else 0.0,
                "magnitude": math.log10(float(abs(amount.value)) + 1) / 6,
                "currency_near": 1.0 if currencies_in(around) else 0.0,
                "amounts_on_line": min(len(amounts), 6) / 6,
                "last_on_line": 1.0 if amount is amounts[-1] else 0.0,
            }
            found.append((pos, FieldCandidate(amount.value, amount.text, line, amount.start, feats)))
    return found[-300:]


def _scaled(values: Sequence[Decimal]) -> dict[Decimal, int]:
    """Each amount as a whole number, every one scaled by the same power of ten (the most decimal
    places any amount holds): their sums, differences and order are the amounts', exactly, at the
    cost of integer arithmetic (Decimal's, and its hashing, cost several times more)."""
    distinct = set(values)
    places = max((-int(value.as_tuple().exponent) for value in distinct), default=0)
    return {value: int(value.scaleb(max(places, 0))) for value in distinct}


def _amount_relations(cands: list[FieldCandidate], rules: InvoiceExtraction) -> None:
    values = [c.value for c in cands if isinstance(c.value, Decimal)]
    # the relations between amounts read on the amounts scaled to whole numbers (`_scaled`)
    scaled = _scaled(values)
    wholes = [scaled[value] for value in values]
    distinct = sorted(set(wholes), reverse=True)
    present = set(wholes)
    counts: dict[int, int] = {}
    for whole in wholes:
        counts[whole] = counts.get(whole, 0) + 1
    small = [v for v in distinct if v > 0][:40]
    sums = {a + b for i, a in enumerate(small) for b in small[i + 1 :]}
    ranks = {whole: rank for rank, whole in enumerate(distinct)}
    part_tax: dict[int, float] = {}
    for cand in cands:
        assert isinstance(cand.value, Decimal)
        value = cand.value
        whole = scaled[value]
        rank = ranks[whole]
        cand.features["amount_rank"] = min(rank, 10) / 10
        cand.features["largest"] = 1.0 if rank == 0 else 0.0
        cand.features["repeats"] = min(counts[whole] - 1, 3) / 3
        cand.features["sum_of_two"] = 1.0 if whole in sums else 0.0
        if whole not in part_tax:  # a function of the value alone: once per distinct amount
            # another amount under half of this one whose difference to it is printed too
            part_tax[whole] = (
                1.0 if any((whole - other) in present for other in small if 0 < 2 * other < whole) else 0.0
            )
        cand.features["has_part_tax"] = part_tax[whole]
        cand.features["is_rules_choice"] = 1.0 if rules.total is not None and value == rules.total else 0.0
        cand.features["is_rules_due"] = (
            1.0 if rules.amount_due is not None and value == rules.amount_due else 0.0
        )
        cand.features["is_rules_subtotal"] = (
            1.0 if rules.subtotal is not None and value == rules.subtotal else 0.0
        )


def _id_candidates(lines: Sequence[Line]) -> list[tuple[int, FieldCandidate]]:
    found: list[tuple[int, FieldCandidate]] = []
    heading: _Heading | None = None  # the last row of item-column headings on the page
    for pos, line in enumerate(lines[:120]):
        if heading is not None and lines[heading[0]].page != line.page:
            heading = None
        heads = _heading_cells(line.text)
        if heads:
            heading = (pos, heads)
        if _DIGIT_RE.search(line.text) is None:
            continue  # an id holds a digit
        for match in _ID_RE.finditer(line.text):
            token = match.group(0).lstrip("#").strip(".")
            digits = sum(map(str.isdigit, token))
            if digits == 0 or len(token) < 3 or _DATE_LIKE_RE.match(token) or is_label_text(token):
                continue
            if _AMOUNT_LIKE_RE.fullmatch(token):
                continue  # an amount
            feats = {
                "id_len": min(len(token), 20) / 20,
                "digit_ratio": digits / len(token),
                "has_letters": 1.0 if _ASCII_LETTER_RE.search(token) else 0.0,
                "has_separator": 1.0 if _ID_SEPARATOR_RE.search(token) else 0.0,
                "phone_like": 1.0 if _PHONE_RE.match(token) else 0.0,
                "long_digits": 1.0 if _LONG_DIGITS_RE.fullmatch(token) else 0.0,
            }
            feats.update(_elsewhere_features(lines, pos, match.start(), match.end(), heading))
            found.append((pos, FieldCandidate(token, match.group(0), line, match.start(), feats)))
    return found[:300]


def _norm_id(value: str) -> str:
    return re.sub(r"\s+", "", value).lstrip("#").upper()


def _other_fields_ids(rules: InvoiceExtraction) -> set[str]:
    """The ids the rules read as other fields than the number (the orders', the invoices a credit note
    names, the parties' VAT ids, the IBAN, the items' codes) and the words of the seller's address
    holding a digit (its postcode, its house number), normalised as `_norm_id`."""
    found = [
        *rules.po_numbers,
        *rules.preceding_invoices,
        rules.vendor.vat_id,
        rules.vendor.iban,
        rules.buyer.vat_id,
        *(item.sku for item in rules.lines),
        *(item.po_number for item in rules.lines),
        *(word for word in (rules.vendor.address or "").replace(",", " ").split() if _DIGIT_RE.search(word)),
    ]
    return {_norm_id(value) for value in found if value}


def _id_relations(cands: list[FieldCandidate], rules: InvoiceExtraction) -> None:
    chosen = _norm_id(rules.invoice_number) if rules.invoice_number else None
    others = _other_fields_ids(rules) if cands else set()
    counts: dict[str, int] = {}
    for cand in cands:
        key = _norm_id(str(cand.value))
        counts[key] = counts.get(key, 0) + 1
    for cand in cands:
        key = _norm_id(str(cand.value))
        cand.features["is_rules_choice"] = 1.0 if chosen is not None and key == chosen else 0.0
        cand.features["rules_contains"] = (
            1.0 if chosen is not None and key != chosen and key in chosen else 0.0
        )
        cand.features["repeats"] = min(counts[key] - 1, 3) / 3
        if key in others and key != chosen:
            cand.features["rules_other_field"] = 1.0


def _currency_candidates(
    lines: Sequence[Line],
    rules: InvoiceExtraction,
    language: str,
    local_currency: tuple[str | None, int] | None = None,
) -> list[FieldCandidate]:
    """The currencies the lines mention, and the language's own (``local_currency``: what
    `locale_currency` reads in these lines' text, else read here)."""
    mentions: dict[str, list[int]] = {}
    texts = [line.text for line in lines]
    for pos in lines_mentioning(texts):
        for code in currencies_of(texts[pos]):
            mentions.setdefault(code, []).append(pos)
    if local_currency is None:
        local_currency = locale_currency(language, "\n".join(texts))
    local, marked = local_currency
    total = sum(len(v) for v in mentions.values())
    found: list[FieldCandidate] = []
    for code, where in mentions.items():
        line = lines[where[0]]
        dollar_only = code == "USD" and all("USD" not in lines[p].text for p in where)
        feats = {
            "share": len(where) / max(total, 1),
            "mentions": min(len(where), 20) / 20,
            "is_rules_choice": 1.0 if rules.currency == code else 0.0,
            "dollar_sign_only": 1.0 if dollar_only else 0.0,
            "locale_currency": 1.0 if code == local else 0.0,
            "locale_marks": min(marked, 20) / 20 if code == local else 0.0,
        }
        found.append(FieldCandidate(code, code, line, 0, feats))
    if local is not None and local not in mentions:
        feats = {"locale_currency": 1.0, "locale_marks": min(marked, 20) / 20, "only_locale_marks": 1.0}
        feats["is_rules_choice"] = 1.0 if rules.currency == local else 0.0
        found.append(FieldCandidate(local, local, lines[0], 0, feats))
    return found


def _vendor_candidates(
    lines: Sequence[Line],
    rules: InvoiceExtraction,
    width: int,
    fonts: tuple[dict[tuple[int, str], float], float],
    buyer_lines: BuyerZone | None = None,
    sender_head: SenderHead | None = None,
    scorer: FieldScorer | None = None,
) -> list[FieldCandidate]:
    # the zone of the whole document holds the same lines among these (a block runs downwards)
    buyers = buyer_zone(lines) if buyer_lines is None else buyer_lines
    chosen = " ".join((rules.vendor.name or "").lower().split())
    found: list[FieldCandidate] = []
    places: list[int | None] = []
    seen: set[str] = set()
    lazy = scorer is not None and bool(lines)
    head = read_sender_head(lines) if lazy and sender_head is None else sender_head
    for name, line, start, signals, pos in placed_name_candidates(lines, buyers, head, costly=not lazy):
        key = " ".join(name.lower().split())
        if key in seen:
            continue
        seen.add(key)
        feats = dict(signals)
        feats["is_rules_choice"] = 1.0 if key == chosen else 0.0
        feats["rules_contains"] = (
            1.0 if chosen and key != chosen and (key in chosen or chosen in key) else 0.0
        )
        feats["rel_col"] = start / max(width, 1)
        feats["legal_form"] = 1.0 if legal_form(name) else 0.0
        feats["upper"] = 1.0 if name.isupper() else 0.0
        feats["words"] = min(len(name.split()), 8) / 8
        feats.update(_font_feature(fonts, line.page, name))
        found.append(FieldCandidate(name, name, line, start, feats))
        places.append(pos)
    if lazy and head is not None and scorer is not None:
        _read_costly_signals(found, places, head, scorer)
    return found


_BOUND_MARGIN = 1e-4
"""How far (in log-odds) a candidate's highest possible score must stay under the second best read so
far for its costly signals to go unread: far beyond the rounding of two ways of summing the weights."""
_BOUND_LIMIT = 20.0
"""Log-odds beyond which two scores may round to the same probability: no candidate is left unread
against a second best out there."""


def _read_costly_signals(
    found: Sequence[FieldCandidate], places: Sequence[int | None], head: SenderHead, scorer: FieldScorer
) -> None:
    """Fill in the costly signals of the seller's candidates (NAME_SIGNAL_STAGES; ``places``: each
    candidate's line in the head, None for one that has none) wherever they can change what `apply_model`
    reads of the scores, and only there. What it reads is the best score (the hand rules' choice, or the
    highest), the highest of the others and the number of candidates; each costly signal is 0 or 1, so a
    candidate whose score with every unread signal of positive weight set stays under the second best of
    the scores already read can be neither, nor change the highest of the others: its score, read
    without them, stays under that second best too. The stages are read one by one, the test made again
    after each; the candidates best first (the rules' choice, then by the score of what is known), so
    that the second best rises early. Where the rules decide and none of the candidates is their choice,
    the scores are not read at all. A combined scorer reads the rules' choice's score as well as the
    best's, so that candidate is read whole first, as where the rules decide."""
    ruled = [i for i, cand in enumerate(found) if cand.features.get("is_rules_choice", 0.0) > 0]
    if scorer.mode == "rules" and not ruled:
        return
    weights: dict[str, float] = dict(zip(scorer.features, scorer.weights.tolist(), strict=True))
    # the most the stages from each one on can add to a score (log-odds)
    headroom = [
        sum(max(weights.get(name, 0.0), 0.0) for stage in NAME_SIGNAL_STAGES[at:] for name in stage)
        for at in range(len(NAME_SIGNAL_STAGES))
    ]

    def logit(features: dict[str, float]) -> float:
        # (each feature's weight times its value, summed in the features' order: the same float as the
        # generator over their items, without a Python frame per feature)
        weighted: float = sum(map(mul, map(weights.get, features, repeat(0.0)), features.values()))
        return scorer.bias + weighted

    known = [logit(cand.features) for cand in found]
    # the rules' choice is read whole whenever its own score counts (`rules`; `combined` weighs it against
    # the model's best)
    first = ruled[:1] if scorer.mode in ("rules", "combined") else []
    order = first + sorted((i for i in range(len(found)) if i not in first), key=lambda i: -known[i])
    top: list[float] = []  # the two highest scores read, in log-odds
    cache: dict[str, bool] = {}
    for i in order:
        pos, score = places[i], known[i]
        if pos is not None:
            second = top[1] if len(top) == 2 and -_BOUND_LIMIT < top[1] < _BOUND_LIMIT else None
            cand = found[i]
            for stage in range(len(NAME_SIGNAL_STAGES)):
                if second is not None and score + headroom[stage] < second - _BOUND_MARGIN:
                    break
                cand.features.update(costly_name_signals(head, pos, cand.start, cand.text, cache, stage))
                score = logit(cand.features)
            else:
                top = sorted([*top, score], reverse=True)[:2]
            continue
        top = sorted([*top, score], reverse=True)[:2]
