"""The deterministic rules engine: label lexicons, locale-aware values, scored candidates, and the
arithmetic deciding between them. Works on any vendor's layout; nothing here knows a template."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from opsloop.domain.documents import ParsedDocument, Word
from opsloop.domain.invoices import (
    AllowanceChargeExtraction,
    DocumentType,
    InvoiceExtraction,
    InvoiceLineExtraction,
)
from opsloop.extract.evidence import found, missing
from opsloop.extract.known import KnownVendor, _norm
from opsloop.extract.rules.currency import conventions, dollar_country, prints_whole_units, vote_currency
from opsloop.extract.rules.dates import (
    NUMERIC_RE,
    FoundDate,
    compact_date,
    dateline,
    day_first_votes,
    find_dates,
    parse_date_fallback,
)
from opsloop.extract.rules.issuers import IssuerTemplate, apply_templates
from opsloop.extract.rules.layout import (
    Cell,
    Line,
    cell_at,
    cell_holding,
    document_lines,
    margin_reference,
    span_box,
    text_box,
    under_on_page,
)
from opsloop.extract.rules.lexicon import (
    LabelHit,
    find_labels,
    guess_language,
    is_column_header,
    labels_of,
    locale_currency,
    locale_pack,
    word_entries,
    word_pattern,
    word_set,
)
from opsloop.extract.rules.lines import TableRow, item_code_label, recover_rows
from opsloop.extract.rules.numbers import find_amounts, infer_decimal_separator
from opsloop.extract.rules.orders import find_po_numbers
from opsloop.extract.rules.parties import (
    BuyerZone,
    Found,
    SenderHead,
    address_like,
    address_window_buyer,
    beside_the_payee,
    beside_the_payee_name,
    buyer_zone,
    choose_buyer_name,
    choose_iban,
    choose_vendor_name,
    customer_box_name,
    find_ibans,
    find_vat_ids,
    is_buyers_vat,
    payee_block_head,
    postcode_and_town,
    read_sender_head,
    read_vendor_address,
    reads_as_instruction,
    receipt_stub,
    self_billed,
    self_billing_seller,
    spaced_elsewhere,
    with_legal_form_read_back,
)
from opsloop.extract.rules.tax_ids import find_tax_ids
from opsloop.extract.rules.totals import (
    DERIVED_COLUMN,
    TOLERANCE,
    Candidate,
    Totals,
    choose_totals,
    collect_candidates,
    printed_amounts,
)
from opsloop.extract.scorer.model import FieldModel
from opsloop.ingest.layout import box_of

_ID_RE = re.compile(r"#?\s?[^\W_][\w\-/.]*[^\W_]|[0-9]")
"""An id's token, in any script's letters ("Α-2291": a Greek series letter is part of the number)."""
_ID_STOPWORDS = re.compile(
    r"^(?:date|datum|vom|du|of|from|page|seite|no|nr|number|nummer|n°|nº|invoice|rechnung|facture|factuur|"
    r"the|de|le|la|et|and|und|for)$",
    re.IGNORECASE,
)
_CONTACT_RE = re.compile(
    r"^(?:(?:tel|telefon|telephone|phone|ph|fax|mobil|mobile|e-?mail|www)\b|[^\W\d_]{0,2}\.?\s*\(\d{1,4}\)\s*\d)",
    re.IGNORECASE,
)
"""A cell opening with a contact word ("Tel. (02) 0093 4813"): a phone or an address, never an id."""
_CAPS = "A-ZΑ-ΩА-Я"
"""Capital letters of the Latin, Greek and Cyrillic scripts: a series or type code's letters."""
_PRINTED_ID_RE = re.compile(rf"[{_CAPS}]{{1,5}} \d{{3,}}[\w\-/]*(?![.,]\d)(?=$|[\s.,;])")
_SHORT_PRINTED_ID_RE = re.compile(rf"[{_CAPS}]{{1,5}} \d[\w\-/]*")
_GROUPED_ID_RE = re.compile(rf"(?:[{_CAPS}]{{1,5}} )?(?P<digits>\d{{2,}}(?: \d{{2,}}){{1,3}})")
"""A number printed in groups of digits parted by single spaces, perhaps after a short series code
("RE 2025 0042", "2025 118", "4100 2231 77"): utilities and many billing systems print it so for
reading; the groups are one number when they are the label's whole cell."""
_CODED_GROUPS_RE = re.compile(rf"[{_CAPS}]{{1,5}}\d{{2,4}}(?: \d{{3,}}){{1,2}}")
"""A series code with its year glued on, then the sequence apart ("RE26 3510", "INV2026 00042"): one number
when it is the label's whole cell."""
_SPACED_DATE_RE = re.compile(r"(?:19|20)\d{2} [01]\d [0-3]\d")
"""Year, month and day parted by spaces ("2025 05 18"): a date, never a number's groups."""
_SERIES_ID_RE = re.compile(rf"[{_CAPS}]{{1,5}} [{_CAPS}0-9][\w.\-]*/\d+(?:/\d+)?(?=$|[\s,;])")
"""A document-type code, a series and a sequence ("FT A/318", "FR 2025B/12"): the number as printed."""
_DIGIT_RE = re.compile(r"\d")
_OTHER_DATES = word_pattern("other_dates")
"""Dates that are not the invoice's: order, delivery, service period, a version or a rule's date."""
_CASH_DISCOUNT = word_pattern("cash_discount")
"""An early-payment discount ("Skonto", "escompte", "deduct 2%"): its date is the discount's, not the due date."""
_PAYMENT_TERMS = word_pattern("payment_terms")
"""Words of a payment term's sentence ("Net 30", "fällig", "échéance") that may carry the due date."""
_PERIOD_TERM = re.compile(
    r"\d{1,3}\s{0,2}(?:" + "|".join(word_entries("period_words")) + r")(?![^\W\d_])", re.IGNORECASE
)
"""A number of days, weeks or months ("30 days", "14 Tagen", "10 dager"): a payment term."""
_DIRECT_DEBIT = word_pattern("direct_debit")
"""Words of a direct-debit or payment-collection sentence ("We will collect this amount by Direct Debit on
or after ...", "Den Betrag buchen wir am ... ab", "... napon csoportos beszedéssel terheljük"): the packs'
word class ``direct_debit``."""
_DEBIT_MANDATE = word_pattern("debit_mandate")
"""The direct-debit mandate ("SEPA-Lastschriftmandat vom ...", "mandate reference"): its date is the mandate's,
never the collection's (the packs' word class ``debit_mandate``)."""
DEBIT_DATE_STRENGTH = 0.9
"""A date in a direct-debit sentence as the due date: below every labelled due date (1.0 and up)."""
NOT_FOUND = "no label for it was found in the text"


_LIST_ORDINAL_RE = re.compile(r"\d{1,3}[.)]\s+[^\W\d_]{2,}")
"""A list's ordinal opening an item ("1. Consultation, per hour: ...", "2) Materials"): no id."""


_PERCENT_RE = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?\s?%")
"""A percentage opening a value ("22%", "7,5 %"): a rate, never an id."""


def _value_id(text: str, *, slashed_number: bool = False) -> str | None:
    text = text.lstrip(" :.#-–°º").strip()
    if _CONTACT_RE.match(text) or _LIST_ORDINAL_RE.match(text) or _PERCENT_RE.match(text):
        return None  # (a rate, "22%" right of a unit "n." in an item's row, is no id)
    if slashed_number and (slashed := _SLASHED_NUMBER_RE.match(text)) is not None:
        return slashed.group(0)  # "1/03/2025" on a page that writes its dates otherwise: a number
    if re.match(r"\d{4}-\d{2}-\d{2}(?!\d)", text) or any(d.start == 0 for d in find_dates(text[:30])):
        return None  # a date, not an id
    grouped = _GROUPED_ID_RE.fullmatch(text)
    if grouped is not None and _SPACED_DATE_RE.fullmatch(grouped["digits"]) is None:
        return text  # "RE 2025 0042", "4100 2231 77": a number printed in groups, the whole cell
    if _CODED_GROUPS_RE.fullmatch(text):
        return text  # "RE26 3510": the code and year, then the sequence
    printed = _PRINTED_ID_RE.match(text) or _SERIES_ID_RE.match(text)
    if printed or _SHORT_PRINTED_ID_RE.fullmatch(text):
        return printed.group(0) if printed else text  # "INV 42", "RE 30423 of 14 April" as printed
    for match in _ID_RE.finditer(text[:60]):
        token = match.group(0).replace(" ", "").strip(".")
        if _ID_STOPWORDS.match(token.lstrip("#")) or token.lower() in _STRIP_NUMBER_WORDS:
            continue  # (a number word of the packs before the id: "br. 1482", "Núm. 2026-0558")
        if not re.search(r"\d", token) or len(token) > 40:
            return None
        if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", token) and find_dates(token):
            return None  # a date; not "55/06/2025", a sequence, the month and the year (Poland's way)
        return token.lstrip("#")
    return None


LAST_CELL_GAP = 100
"""Spaces at most between a label and its value when the value is its line's last cell (the layout text's
spaces: a label in a spreadsheet's middle column, its value right-aligned in the last one, on a page
fitted to the sheet's width, stand 80 apart)."""


def _right_and_below(
    lines: Sequence[Line], pos: int, hit: LabelHit, not_under: Sequence[str] = ()
) -> list[tuple[str, Line]]:
    """Texts a label's value may be: right of it (same or next cell), then the cell under it. A
    line's last cell far right of the label is none of them where the cell above it holds a label of
    ``not_under`` (a side column of labels over their values: "Order no." over the order's number)."""
    line = lines[pos]
    found: list[tuple[str, Line]] = []
    # from where the label's words end: a label closing on optional words ("daňový doklad (č.)") may
    # match the white space after it too, up to the next column's text (another block's postcode)
    words_end = hit.start + len(hit.text.rstrip())
    rest = line.text[words_end:]
    stripped = rest.lstrip(" :.#-–°º")
    if stripped:
        first_cell = re.split(r"\s{3,}", stripped)[0]
        # (``rest`` opens where the label's words end: the spaces its pattern took are in the gap)
        gap = len(rest) - len(rest.lstrip())
        # a label and its value in a two-column box stand far apart; the value is then the line's last
        # cell ("Nº" ... "2025/1369"), as far as a spreadsheet's value right-aligned in a wide column
        last = stripped.rstrip() == first_cell
        town = gap >= 20 and postcode_and_town(first_cell)
        under = (
            gap >= 40
            and bool(not_under)
            and _under_label(lines, pos, line.text.index(first_cell, words_end), not_under)
        )
        if first_cell and (gap < 40 or (last and gap < LAST_CELL_GAP)) and not town and not under:
            found.append((first_cell, line))  # (a postcode and town a column away: another block's)
    for below in lines[pos + 1 : pos + 3]:
        if below.page != line.page:
            break
        cell = cell_at(below, hit.start - 1, hit.end + 1)
        if cell is not None and under_on_page(line, hit.start, hit.end, below, cell) is False:
            # under the label in character columns only: another column's line of small type (the
            # supplier's return address beside the facts) passed over, the value on the line after
            cell = None
        heading = cell_holding(line, hit.start)
        if cell is None and heading is not None and heading.start < hit.start:
            # a column heading whose words qualify the label first ("Corrective invoice no."): its value
            # is set left-aligned under the heading, under its first words, clear of the label's
            cell = cell_at(below, heading.start, hit.start)
            if cell is not None and abs(cell.start - heading.start) > 2:
                cell = None
        if cell is not None:
            # ("Tel.: +49 ..." is the value of its own label; a label of the same field under this one
            # is its translation, stacked, and no value)
            if not _OWN_LABEL_RE.match(cell.text) and not any(
                h.start <= 1 for h in find_labels(hit.kind, cell.text)
            ):
                found.append((cell.text, below))
            break
    if not found and not stripped:
        beside = _value_beside_wrapped_cell(lines, pos, hit, words_end)
        if beside is not None:
            found.append(beside)
    return found


def _value_beside_wrapped_cell(
    lines: Sequence[Line], pos: int, hit: LabelHit, words_end: int
) -> tuple[str, Line] | None:
    """The value of a label cell that wrapped onto two lines (or stacks a second language's label under
    the first) in a table whose value cell is centred on the row's height: set on the line under the
    label, right of its column, the label's column empty there (a margin's reference number aside:
    "2.1.1.9"), the label's own line holding nothing right of it."""
    if pos + 1 >= len(lines) or lines[pos + 1].page != lines[pos].page:
        return None
    below = lines[pos + 1]
    cells = [c for c in below.cells if c.text.strip()]
    right = [c for c in cells if c.start >= words_end]
    left = [c for c in cells if c.start < words_end]
    if not right or any(c.end >= hit.start - 1 or not margin_reference(c.text) for c in left):
        return None
    value = right[0]
    if value.start - words_end > BESIDE_WRAPPED_GAP or _OWN_LABEL_RE.match(value.text):
        return None
    return value.text, below


BESIDE_WRAPPED_GAP = 40
"""Characters at most between a wrapped label's words and the value cell centred beside it."""


def _under_label(lines: Sequence[Line], pos: int, start: int, kinds: Sequence[str]) -> bool:
    """Whether the cell right above the text at ``start`` of line ``pos`` is a label of ``kinds`` alone,
    its value under it (a label that holds its value, "Due: 08.08.2026", stacks nothing)."""
    if pos == 0 or lines[pos - 1].page != lines[pos].page:
        return False
    above = cell_at(lines[pos - 1], start, start + 9)
    return above is not None and not _DIGIT_RE.search(above.text) and bool(labels_of(kinds, above.text))


_OWN_LABEL_RE = re.compile(r"^\s*[^\W\d_][^\W\d_. ]*\.?\s*:")
"""A cell that opens with its own label and a colon ("Tel.: ...", "Fax: ...")."""


_STATUTE_BEFORE = re.compile(
    r"(?:§|art\.|artikel|article|art)\s*\d+[a-z]?\s*(?:abs\.?\s*\d+\s*)?$", re.IGNORECASE
)
"""A statute's paragraph right before a number label ("§ 4 Nr. 1b", "Art. 25 Nr. 3")."""


def _in_prose(line: Line, hit: LabelHit) -> bool:
    """A label word inside a sentence ("... quote the invoice number when paying"), not a field label:
    the label's cell reads as instructions, or three words or more precede the label in its cell. A
    row of column labels ("Reference   Issued   Due Date ...") is no sentence, whatever its words."""
    cell = cell_holding(line, hit.start)
    if reads_as_instruction(cell.text if cell is not None else line.text):
        return True
    if cell is not None and cell.text[:1].islower() and cell.text[hit.end - cell.start :].strip() == ".":
        return True  # "invoice date." closing a sentence the layout wrapped ("... within 45 days of the")
    if _STATUTE_BEFORE.search(line.text[cell.start if cell is not None else 0 : hit.start]):
        return True  # "§ 4 Nr. 1b UStG": a paragraph of a law, not a field (in the label's own cell)
    # (words that open with a small letter in any script: "Счёт на оплату / Invoice №" is a title, two words
    # of it small)
    words: list[str] = (
        re.findall(r"(?<![\w])[^\W\d_][^\W\d_]+", line.text[cell.start : hit.start])
        if cell is not None
        else []
    )
    return sum(word[0].islower() for word in words) >= 3


def _right_or_below(lines: Sequence[Line], pos: int, hit: LabelHit) -> tuple[str, Line] | None:
    found = _right_and_below(lines, pos, hit)
    return found[0] if found else None


def _month_first_page(text: str, language: str) -> bool:
    """Whether an ambiguous numeric date (07/04/2025) reads month first: the United States' way, on an
    English page in dollars that no evidence places in another dollar country (Australia, Canada, New
    Zealand, Singapore write the day first)."""
    if language != "en":
        return False
    if "$" in text:
        return dollar_country(text)[0] in (None, "USD")
    # dollars named by their code alone ("USD 2,119.12") on a page whose evidence places it in the
    # United States (a state and ZIP code): the same country's order, the code telling no other dollar.
    # A correspondent bank's lines are no evidence: a dollar transfer clears through a bank in New York
    # whatever the seller's country
    return (
        _USD_CODE.search(text) is not None and dollar_country(_without_correspondent_bank(text))[0] == "USD"
    )


_CORRESPONDENT_BANK = word_pattern("correspondent_bank")
"""The heading of a payment's correspondent or intermediary bank ("Correspondent bank", "Intermediary bank",
"Korrespondenzbank"): the packs' word class ``correspondent_bank``."""
CORRESPONDENT_BANK_LINES = 3
"""Lines under a correspondent bank's heading that give the bank (its name and town, its SWIFT code)."""


def _without_correspondent_bank(text: str) -> str:
    """``text`` less a correspondent bank's heading line and the lines under it that give the bank."""
    if _CORRESPONDENT_BANK.search(text) is None:
        return text
    rows = text.split("\n")
    kept: list[str] = []
    skip = 0
    for row in rows:
        if _CORRESPONDENT_BANK.search(row) is not None:
            skip = CORRESPONDENT_BANK_LINES + 1
        if skip:
            skip -= 1
            continue
        kept.append(row)
    return "\n".join(kept)


_USD_CODE = re.compile(r"\bUSD\b")


_DatesNear = Callable[[str, bool], list[tuple[float, FoundDate, Line]]]
"""`_dates_near` of one document by kind and day-month order."""


def _order_keeping_due_after_issue(dates_near: _DatesNear, day_first: bool) -> bool:
    """The day-month order of a page whose numeric dates could all be read either way: the order in
    which the labelled due date is not before the labelled invoice date, where only one order gives
    that ("Invoice date: 04/03/2025", "Due date: 03/04/2025" from a European seller billing in
    dollars); otherwise ``day_first`` as voted."""

    def in_order(first: bool) -> bool | None:
        issued = dates_near("invoice_date", first)
        due = dates_near("due_date", first)
        if not issued or not due:
            return None
        top_issued = max(issued, key=lambda t: t[0])[1].value
        top_due = max(due, key=lambda t: t[0])[1].value
        return top_due >= top_issued

    if in_order(day_first) is False and in_order(not day_first) is True:
        return not day_first
    return day_first


_SLASHED_NUMBER_RE = re.compile(r"\d{1,4}/\d{1,2}/\d{4}(?![\d/])")
"""A sequence, the month and the year parted by slashes ("1/03/2025", "12/06/2025"): Poland's and others'
invoice numbers, read as such after a number label on a page that writes its dates otherwise."""


def _dates_written_otherwise(lines: Sequence[Line]) -> bool:
    """The page writes its numeric dates with dots or hyphens ("31.03.2025", "2025-03-31") and prints
    at most one slashed date-shaped figure: that one is no date of the page's but a number."""
    slashed = dotted = 0
    for line in lines:
        for match in NUMERIC_RE.finditer(line.text):
            if match.group("s1") == "/":
                slashed += 1
            else:
                dotted += 1
    return dotted > 0 and slashed == 1


def _invoice_named_in_list(text: str) -> str:
    """A value that lists references, each named, under a label of several ("References (order no.,
    invoice no.)" over "PO 914, Invoice CI-53609"): the text from the one named as the invoice's on. Only
    under such a label: a value after a label of one number keeps what follows a comma in it."""
    inner = find_labels("invoice_number", text)
    if inner and inner[0].start > 0 and re.search(r"[,;]", text[: inner[0].start]):
        return text[inner[0].end :]
    return text


def _find_invoice_number(
    lines: Sequence[Line], item_lines: Mapping[int, Cell | None] | None = None
) -> tuple[str | None, Line | None, float]:
    """The invoice's number, its line and a confidence. ``item_lines``: the lines an item's row runs on to
    under its first (by `Line.index`, the description cell of the row's first line): a label there under the
    item's description (its code, its reference: "Referencia: A300") labels the item's, not the invoice's;
    one beside the table (a facts column down the page next to the items) still labels the invoice's."""
    slashed_number = _dates_written_otherwise(lines)
    # a credit note's own number is labelled with its credit-note word ("Avoir n°", "Credit note no."); an
    # invoice word's number label on the same page ("Réf. facture", "Invoice ref.") names the credited invoice
    credit_label = _credit_number_label(lines)
    own_title = _reference_as_title(lines)
    best_of: dict[bool, tuple[float, str, Line]] = {}  # the best read of a receipt's label and of others
    for pos, line in enumerate(lines):
        hits = find_labels("invoice_number", line.text)
        if not hits:
            continue  # (the labels below matter only beside a number label)
        item = (item_lines or {}).get(line.index)
        if item is not None:
            hits = [hit for hit in hits if not item.start - WRAP_COLUMN_SLACK <= hit.start < item.end]
        covering = labels_of(_OTHER_LABEL_KINDS, line.text)
        references = find_labels("payment_reference", line.text)
        # a number label that opens inside a reference to the credited invoice ("Rif. fattura n.", "Az
        # eredeti számla sorszáma"): the reference's words run on into it, the number is the other one's
        credited = find_labels("preceding_invoice", line.text)
        if line is own_title:
            credited = []
            covering = [o for o in covering if o.kind != "preceding_invoice"]
        hits = [*hits, *_labels_overlapping(line.text, hits)]
        for hit in hits:
            if _in_prose(line, hit):
                continue
            if any(p.start < hit.start < p.end for p in credited):
                continue
            hit_end = hit.end - len(hit.text) + len(hit.text.rstrip())
            if any(
                ((o.start <= hit.start and hit_end <= o.end) or hit.start < o.start < hit_end < o.end)
                and len(o.text.strip()) > len(hit.text.strip())
                for o in covering
            ):
                # "factura" inside "Fecha de factura", "Réf. facture" running on into "facture initiale":
                # part of another field's label
                continue
            if any(o.kind == "preceding_invoice" and o.start < hit.start < o.end < hit_end for o in covering):
                continue  # "Rectifica a la factura nº": the number label runs on from the corrected invoice's
            if _wrapped_into_other_label(lines, pos, hit):
                continue  # "Číslo" over "objednávky": a narrow column wrapped the order number's label
            if any(
                other.start >= hit_end
                and not line.text[hit_end : other.start].strip(" :.#-–°º")
                and "  " not in line.text[hit_end : other.start]  # (in one cell: a column's label is its own)
                for other in hits
            ):
                # a title that reads as a number label, right before the number's own label ("Faktura –
                # daňový doklad  Číslo dokladu: ..."): the next label holds the value, this one none
                continue
            # a label of several references ("order no., invoice no."): its value lists them, each named
            listed = re.search(r"[,;]\s*$", line.text[: hit.start]) is not None
            options = [
                (
                    _value_id(
                        _invoice_named_in_list(text) if listed else text, slashed_number=slashed_number
                    ),
                    origin,
                )
                for text, origin in _right_and_below(lines, pos, hit, _OTHER_LABEL_KINDS)
            ]
            usable = [(token, origin) for token, origin in options if token]
            if not usable:
                continue
            value = (usable[0][0], usable[0][1])
            token = _with_series(hit.text, value[0])
            if _giro_account(token):
                continue  # "Számlaszám" (an invoice's number or a bank account's): a bank account's value
            score = len(hit.text.strip()) / 10 + (1.0 if pos < 40 else 0.0) - pos / 400
            bare = hit.text.lower().strip(" .:")
            titles = find_labels("invoice_title", line.text[: hit.start])
            titled = bool(titles) and "   " not in line.text[titles[-1].end : hit.start]
            if (bare in ("nr", "n°", "nº", "no", "#") or bare in _BARE_NUMBER_LABELS) and is_column_header(
                line.text
            ):
                continue  # "Nr." or "Number" heading a table's column
            if (bare in ("nr", "n°", "nº", "no") or bare in _BARE_NUMBER_LABELS) and any(
                d.start >= hit.end and not _same_cell(line, hit.start, d.start)
                for d in find_labels("col_description", line.text)
            ):
                continue  # "No.   Description": a wrapped header's row heads the item table's columns
            if bare in _BARE_NUMBER_LABELS and (
                line.text[hit.start - 1 : hit.start] in ("-", ".") or not _opens_cell(line, hit.start)
            ):
                continue  # "VAT-Id-No.", "PO Number:": a bare number label only opens its own cell
            if bare in ("nr", "n°", "nº", "no") and line.text[hit.start - 1 : hit.start] == "-":
                continue  # "Kunden-Nr.", "Kontr-Nr.": the number of what the compound names
            if bare in ("nr", "n°", "nº", "no") and _counted_unit(line, hit):
                continue  # "25 nr." in an item's row: a quantity and its unit (pieces), no number's label
            if bare in ("nr", "n°", "nº", "no") and _names_the_customer(line, hit):
                continue  # "Nr. client", "N° client": the customer's number, not the invoice's
            if bare in ("nr", "n°", "nº", "no") and _in_account_label(line.text, hit):
                continue  # "Reg. nr.", "Konto nr.": a bank account's number, not the invoice's
            if bare in ("nr", "n°", "nº", "no") and not _opens_cell(line, hit.start) and not titled:
                cell = cell_holding(line, hit.start)
                if cell is not None and address_like(cell.text):
                    continue  # "Calea Moșilor nr. 41, bl. J32": a house number inside an address
            if bare in ("nr", "n°", "nº", "no"):
                score -= 1.0
            elif bare in _BARE_NUMBER_LABELS:
                score -= 1.5  # a bare "Number:" field: a party's number as often as the invoice's
            if titled:
                score += 1.0  # "Invoice ... No. 4711": the title's own number, in the same cell
            if credit_label is not None and hit.text.strip() == credit_label:
                score += 1.0
            if any(o.start <= hit.start < o.end or hit.start <= o.start < hit.end for o in references):
                score -= 2.0  # a payment reference ("Variabilní symbol") names the number only alone
            receipt = _RECEIPT_TITLE_RE.search(hit.text) is not None
            kept = best_of.get(receipt)
            if kept is None or score > kept[0]:
                best_of[receipt] = (score, token, value[1])
    best = best_of.get(False)
    receipt_best = best_of.get(True)
    if receipt_best is not None and (best is None or receipt_best[0] - RECEIPT_LABEL_YIELD > best[0]):
        best = receipt_best
    if best is None:
        return (
            _number_in_facts_strip(lines)
            or _number_in_facts_column(lines)
            or _number_beside_wrapped_label(lines)
            or _number_under_broken_label(lines)
            or _number_under_title(lines)
        )
    return best[1], best[2], min(0.95, 0.6 + best[0] / 5)


def _description_cell(row: TableRow) -> Cell | None:
    """The cell of an item row's first line that opens its description (None where none does)."""
    description = " ".join((row.item.description or "").split())
    return next(
        (c for c in row.lines[0].cells if c.text.strip() and " ".join(c.text.split()) in description), None
    )


_CUSTOMER_WORD_RE = word_pattern("customer_fields")


_COUNT_BEFORE_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{1,3})?\s{1,2}$")


WRAP_COLUMN_SLACK = 2
"""Columns a label's wrapped second line may open off its first line's start."""


def _wrapped_into_other_label(lines: Sequence[Line], pos: int, hit: LabelHit) -> bool:
    """Whether the number label, alone in its cell, and the words under it at its column read as another
    field's label that needs those words ("Číslo" over "objednávky", "Number" over "of order"): a narrow column wrapped that
    label, and the value beside it is that field's."""
    line = lines[pos]
    cell = cell_holding(line, hit.start)
    if cell is None or pos + 1 >= len(lines) or lines[pos + 1].page != line.page:
        return False
    if line.text[hit.end : cell.end].strip(" :.#"):
        return False  # (the label's cell holds its value: "FAKTURA 2026-0042" over "Datum", no wrapped label)
    under = next((c for c in lines[pos + 1].cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), None)
    if under is None or _DIGIT_RE.search(under.text) or len(under.text.split()) > 3:
        return False
    label = line.text[cell.start : hit.end]
    joined = f"{label} {under.text.strip()}"
    return any(h.start == 0 and h.end > len(label) for h in labels_of(_OTHER_LABEL_KINDS, joined))


def _counted_unit(line: Line, hit: LabelHit) -> bool:
    """A bare number word right after a figure (a space or two between) with nothing after it in its cell
    ("25 nr.", "1,5  nr"): a quantity and its unit in an item's row (the number word names pieces), not a
    number's label."""
    cell = cell_holding(line, hit.start)
    return (
        cell is not None
        and not line.text[hit.end : cell.end].strip(" .")
        and _COUNT_BEFORE_RE.search(line.text[: hit.start]) is not None
    )


def _names_the_customer(line: Line, hit: LabelHit) -> bool:
    """A bare number word next to a customer's word in its cell, after it ("Nr. client", "N° client", "No.
    cliente") or before it ("Client n°", "Cliente nr.", "Kunde Nr."): the number the seller gives its
    customer, as "Kunden-Nr." is where the word is glued to it."""
    cell = cell_holding(line, hit.start)
    rest = line.text[hit.end : cell.end if cell is not None else len(line.text)]
    found = _CUSTOMER_WORD_RE.search(rest)
    if found is not None and not rest[: found.start()].strip(" :."):
        return True
    before = line.text[cell.start if cell is not None else 0 : hit.start]
    words = list(_CUSTOMER_WORD_RE.finditer(before))
    return bool(words) and not before[words[-1].end() :].strip(" :.")


_GIRO_RE = re.compile(r"\d{8}(?:-\d{8}){1,2}")
GIRO_WEIGHTS = (9, 7, 3, 1)
"""The weights of a Hungarian bank account's check digit, one per group of eight digits (MNB decree)."""


def _giro_account(token: str) -> bool:
    """A bank account number in groups of eight digits, each closed by its own check digit ("11773016-
    12345678-00000000"): a word that names an invoice's number and a bank account alike ("számlaszám") heads
    the account's, never an invoice numbering's (a number whose every group checks by chance is rare)."""
    if not _GIRO_RE.fullmatch(token):
        return False
    return all(
        sum(int(c) * GIRO_WEIGHTS[i % 4] for i, c in enumerate(group)) % 10 == 0 for group in token.split("-")
    )


_ACCOUNT_LABEL_RE = word_pattern("iban_labels")


def _in_account_label(text: str, hit: LabelHit) -> bool:
    """The number word is the tail of a bank account's label ("Reg. nr.", "Konto nr."; the packs' word class
    ``iban_labels``)."""
    return any(m.start() < hit.start and hit.start < m.end() for m in _ACCOUNT_LABEL_RE.finditer(text))


_STRIP_NUMBER_WORDS = word_set("strip_number_labels")
"""Bare words that head the number's cell in a row of labels over their values ("No.", "Număr", "Číslo",
"N.º"): the packs' word class ``strip_number_labels``."""
STRIP_REACH = 3
"""Lines under a row of labels where its row of values may stand (a side column's lines between)."""
STRIP_SLACK = 12
"""Characters a value may stand left or right of its label's cell (values right-aligned under labels)."""


def _bare_label(text: str) -> str:
    return " ".join(text.lower().strip().rstrip(":").strip().rstrip(".").split())


def _number_in_facts_strip(lines: Sequence[Line]) -> tuple[str, Line, float] | None:
    """A row of field labels over a row of their values (a facts strip: "No. | Date | Due" over "2025-114 |
    03.02.2025 | 05.03.2025"), its number's cell headed by a bare number word the pack's number labels
    leave alone (they would read an item table's "No." column): where the same row heads an invoice
    date whose value stands under it, the value under the bare word is the invoice's number."""
    page = lines[0].page if lines else 1
    for pos, line in enumerate(lines[:TITLE_LINES]):
        if line.page != page:
            break
        if len(line.cells) < 2 or is_column_header(line.text):
            continue
        heads = [c for c in line.cells if _bare_label(c.text) in _STRIP_NUMBER_WORDS]
        dates = [
            c
            for c in line.cells
            if not _DIGIT_RE.search(c.text) and any(h.start <= 1 for h in find_labels("invoice_date", c.text))
        ]  # (a cell that opens with a date label and holds no value)
        if not heads or not dates:
            continue
        for below in lines[pos + 1 : pos + 1 + STRIP_REACH]:
            if below.page != line.page:
                break
            day = _cell_under(line, dates[0], below)
            cell = _cell_under(line, heads[0], below)
            if day is None or cell is None or not _DIGIT_RE.search(day.text):
                continue  # (a side column's line between the rows)
            token = _value_id(cell.text)
            if token:
                return token, below, 0.6
            break
    return None


FACTS_COLUMN_REACH = 2
"""Lines above or below a bare number word's line where a date's label in the same column makes the lines a
column of facts (number, date, due date)."""
FACTS_COLUMN_SLACK = 2
"""Characters a fact's label may start left or right of the number word's cell (labels set flush left)."""


def _number_in_facts_column(lines: Sequence[Line]) -> tuple[str, Line, float] | None:
    """A column of facts, each label beside its value ("No  A-1622" between "Date  24 Mar 2025" and "Due  7 Apr
    2025"), its number's label a bare number word (the packs' ``strip_number_labels``, which alone would
    read an item table's "No." column or a street's "No: 45"): where a date's label opens a cell in the same
    column within ``FACTS_COLUMN_REACH`` lines, its value beside it, the value beside the bare word is the
    invoice's number."""
    page = lines[0].page if lines else 1
    for pos, line in enumerate(lines[:TITLE_LINES]):
        if line.page != page:
            break
        for at, cell in enumerate(line.cells[:-1]):
            if _bare_label(cell.text) not in _STRIP_NUMBER_WORDS:
                continue
            if _wrapped_into_other_label(
                lines, pos, LabelHit("invoice_number", cell.start, cell.end, cell.text, "")
            ):
                continue  # "Číslo" over "objednávky": the order number's label, wrapped
            token = _value_id(line.cells[at + 1].text)
            if not token or not _DIGIT_RE.search(token):
                continue
            near = lines[max(0, pos - FACTS_COLUMN_REACH) : pos + 1 + FACTS_COLUMN_REACH]
            if any(
                _dated_fact_at(other, cell.start)
                for other in near
                if other is not line and other.page == page
            ):
                return token, line, 0.6
    return None


def _dated_fact_at(line: Line, column: int) -> bool:
    """Whether a cell of ``line`` starting at ``column`` opens with an invoice or due date's label and a date
    stands right of the label (in that cell or the next)."""
    for at, cell in enumerate(line.cells):
        if abs(cell.start - column) > FACTS_COLUMN_SLACK:
            continue
        for kind in ("invoice_date", "due_date"):
            hit = next((h for h in find_labels(kind, cell.text) if h.start <= 1), None)
            if hit is None:
                continue
            beside = line.cells[at + 1].text if at + 1 < len(line.cells) else ""
            rest = f"{cell.text[hit.end :]} {beside}"
            if find_dates(rest):
                return True
    return False


def _cell_under(line: Line, head: Cell, below: Line) -> Cell | None:
    """The cell of ``below`` under ``head`` (a cell of ``line``): between the cells beside the head, the
    nearest to it, at most ``STRIP_SLACK`` characters away."""
    left = max((c.end for c in line.cells if c.end <= head.start), default=-1)
    right = min((c.start for c in line.cells if c.start >= head.end), default=len(below.text) + 1)
    near = [
        (max(0, head.start - c.end, c.start - head.end), c)
        for c in below.cells
        if c.start > left and c.end <= right
    ]
    near = [(gap, c) for gap, c in near if gap <= STRIP_SLACK]
    return min(near, key=lambda item: item[0])[1] if near else None


_RECEIPT_TITLE_RE = word_pattern("receipt_titles")
"""A receipt's word ("Receipt", "Quittung", "Recibo"; the packs' word class ``receipt_titles``)."""
RECEIPT_LABEL_YIELD = 1.0
"""What a receipt's number label ("Receipt #") yields to another number label on the same page
("Invoice #"): a payment's receipt printed with the invoice it pays numbers the payment, not the invoice."""


_WORD_RE = re.compile(r"\S+")


def _number_under_broken_label(lines: Sequence[Line]) -> tuple[str, Line, float] | None:
    """A number label a narrow header cell broke inside its word, with no hyphen ("Rechnungsnumm" over
    "er", the figures' row under both): the word and the lower-case piece under its first letter read
    as one word, the value the cell under them in the row below."""
    for pos, line in enumerate(lines[: min(TITLE_LINES, len(lines) - 2)]):
        below, values = lines[pos + 1], lines[pos + 2]
        if below.page != line.page or values.page != line.page:
            break
        for piece in _WORD_RE.finditer(below.text):
            if not piece.group(0).isalpha() or not piece.group(0).islower():
                continue
            word = next(
                (w for w in _WORD_RE.finditer(line.text) if abs(w.start() - piece.start()) <= 1), None
            )
            if word is None or not word.group(0).isalpha():
                continue
            joined = word.group(0) + piece.group(0)
            if not any(h.start == 0 and h.end == len(joined) for h in find_labels("invoice_number", joined)):
                continue
            cell = next((c for c in values.cells if abs(c.start - word.start()) <= 1), None)
            token = _value_id(cell.text.split("   ")[0]) if cell is not None else None
            if token:
                return token, values, 0.6
    return None


def _number_beside_wrapped_label(lines: Sequence[Line]) -> tuple[str, Line, float] | None:
    """A number label its narrow column wrapped ("Number" / "of invoice:" under it, the value right of
    the first line): the cell and the lower-case cell under it, at its column, read as one label."""
    for pos, line in enumerate(lines[: min(TITLE_LINES, len(lines) - 1)]):
        below = lines[pos + 1]
        if below.page != line.page:
            break
        for index, cell in enumerate(line.cells[:-1]):
            value = line.cells[index + 1]
            # (under the label's cell, left- or right-aligned with it, short of the value's column)
            rest = next(
                (c for c in below.cells if c.start < cell.end and c.end > cell.start and c.end < value.start),
                None,
            )
            if rest is None or not rest.text[:1].islower() or not rest.text.rstrip().endswith(":"):
                continue
            joined = f"{cell.text} {rest.text}"
            if not any(
                h.start == 0 and h.end > len(cell.text) for h in find_labels("invoice_number", joined)
            ):
                continue
            token = _value_id(value.text)
            if token:
                return token, line, 0.6
    return None


def _labels_overlapping(text: str, hits: Sequence[LabelHit]) -> list[LabelHit]:
    """Number labels that open inside another one's words and run past it: a title word before a
    label can make a label of its own with the label's first word ("Avoir N° d'avoir:", the title and
    "N° d'avoir"), which the left-most match hides; the hidden label is read too (its value decides)."""
    found: list[LabelHit] = []
    for hit in hits:
        first = re.match(r"\S+\s+", hit.text)
        if first is None:
            continue
        cut = hit.start + first.end()
        for other in find_labels("invoice_number", " " * cut + text[cut:]):
            if hit.start < other.start < hit.end < other.end:
                found.append(other)
    return found


_SERIES_RE = re.compile(
    r"^\s*(?:" + "|".join(word_entries("invoice_series")) + r")\s*:?\s*(?P<code>[^\W\d_]{1,6})(?![^\W\d_])",
    re.IGNORECASE,
)
"""A number label that names the invoice's series first ("Serija ZB Nr.", "Seria ABC nr"): the packs'
word class ``invoice_series``, then the series code."""


def _with_series(label: str, token: str) -> str:
    """The number with the series its label printed before it ("Serija ZB Nr. 000381" -> "ZB 000381"):
    a series is part of the invoice's number."""
    series = _SERIES_RE.match(label)
    if series is None or token.upper().startswith(series["code"].upper()):
        return token
    if not series["code"].isupper() or series["code"].lower() in _CONNECTORS:
        # a series code is printed in capitals: "Serija ir Nr.", "SERIA ȘI NR." (series and no.) name none
        return token
    return f"{series['code']} {token}"


_CONNECTORS = word_set("name_connectors")
"""Words joining two names ("și", "and"): in capitals after a series word they are no series code."""
_BARE_NUMBER_LABELS = word_set("bare_number_labels")
"""Number words that label a number without saying whose ("Number", "Nummer", "Documento"): a party's,
a line's or the invoice's; the packs' word class ``bare_number_labels``."""
_OTHER_LABEL_KINDS = (
    "invoice_date",
    "due_date",
    "po_number",
    "vat_label",
    "col_sku",
    "col_buyer_sku",
    "preceding_invoice",
    "total",
    "subtotal",
    "amount_due",
)
"""Labels of other fields: a number label inside one ("Nr." in "Ihre Art.-Nr.", "Referitor la factura",
"fatura" in "Total da fatura") names no invoice number."""


def repeated_largest_amount(lines: Sequence[Line], decimal_hint: str | None) -> tuple[Decimal, Line] | None:
    """The largest amount (with decimals) printed on two or more lines: a receipt whose text lost its
    columns still repeats its total (total, paid, ...)."""
    seen: dict[Decimal, list[Line]] = {}
    for line in lines:
        for amount in find_amounts(line.text, decimal_hint=decimal_hint):
            if amount.decimals == 2 and amount.value > 0:
                seen.setdefault(amount.value, []).append(line)
    repeated = [(value, where) for value, where in seen.items() if len(where) >= 2]
    if not repeated:
        return None
    value, where = max(repeated, key=lambda item: item[0])
    return value, where[0]


def _number_under_title(lines: Sequence[Line]) -> tuple[str | None, Line | None, float]:
    """Without a number label: an id printed right of or under the title word ("INVOICE" over
    "# 1042", a "Factuur" column header over "VF1005193039"), a credit note's title word too ("Avoir
    RFAC/2025/0012", "Nota di credito 14/2025"); a title word inside a reference to the credited invoice
    ("Avoir sur facture FAC/2025/0042") names another document's number."""
    for pos, line in enumerate(lines[:60]):
        hits = [*find_labels("credit_note", line.text), *find_labels("invoice_title", line.text)]
        if not hits:
            continue
        preceding = find_labels("preceding_invoice", line.text)
        for hit in sorted(hits, key=lambda h: h.start):
            if line.text[hit.end : hit.end + 1].isalpha():
                continue
            subject = not _opens_cell(line, hit.start) and _after_subject_label(line, hit.start)
            if not (subject or _opens_cell(line, hit.start) or _after_titles_only(line, hit, hits)):
                continue
            if any(p.start <= hit.start < p.end for p in preceding):
                continue
            for text, origin in _right_and_below(lines[: pos + 2], pos, hit, _OTHER_LABEL_KINDS):
                if subject and origin is not line:
                    break  # a subject line's title names its number on the line itself
                if origin is line:
                    text = _BRACKETED_WORDS_RE.sub("", text, count=1)  # "Számla (eredeti) SZ-2026-7283"
                token = _value_id(text)
                if token and (len(token) >= 3 or _title_and_number_only(line, hit, token, origin)):
                    return token, origin, 0.5
            marked = _marked_number_under_title(lines, pos, hit)
            if marked is not None:
                return marked[0], marked[1], 0.5
            titled = _number_after_title_words(line, hit)
            if titled is not None:
                return titled, line, 0.5
    return None, None, 0.0


_BRACKETED_WORDS_RE = re.compile(r"^\s*\([^\W\d_][^()\d]{0,30}\)\s*(?=\S)")
"""Words in brackets right after the title ("(eredeti)", "(copy)", "(duplicado)"): the copy's mark, not the id."""


TITLE_WORDS = 6
"""Words at most between a title and its number's mark in the title's cell ("Račun za storitve št.")."""
_WORDS_ONLY_RE = re.compile(r"[^\W\d_]+(?:[\s/–—-]+[^\W\d_]+)*")


def _number_after_title_words(line: Line, hit: LabelHit) -> str | None:
    """The id after a number word of the packs (``strip_number_labels``: "No.", "br.", "št.", "Núm.") in the
    cell a title opens, the title qualified by words before it ("Račun za storitve št. 2026-01893", "Račun –
    otpremnica broj 1452") or followed by its translation ("Factura simplificada / Tax Invoice Núm. 0558"):
    words alone between the title and the number word, no figure, no colon."""
    cell = cell_holding(line, hit.start)
    if cell is None or not _opens_cell(line, hit.start):
        return None
    for word in re.finditer(r"[^\W\d_]+\.?|[#№]", line.text[hit.end : cell.end]):
        if word.group(0).rstrip(".").lower() not in _STRIP_NUMBER_WORDS and word.group(0) not in ("#", "№"):
            continue
        between = line.text[hit.end : hit.end + word.start()].strip(" /–—-")
        if between and (not _WORDS_ONLY_RE.fullmatch(between) or len(between.split()) > TITLE_WORDS):
            return None
        token = _value_id(line.text[hit.end + word.end() : cell.end])
        return token if token and any(ch.isdigit() for ch in token) else None
    return None


TITLE_MARK_SLACK = 6
"""Columns a right-hand title's "# id" line may open left of the title's start."""


def _marked_number_under_title(lines: Sequence[Line], pos: int, hit: LabelHit) -> tuple[str, Line] | None:
    """A title word that closes its line (a right-hand header block) over a line whose last cell is the
    number sign and an id ("INVOICE" over "# 1042", both right-aligned at the page's edge): the number
    sign marks the id as the document's number though the id's cell, set in a smaller font, need not
    overlap the title's columns in the layout text (a large title's letters take fewer columns)."""
    line = lines[pos]
    if pos + 1 >= len(lines) or not line.cells or line.cells[-1].start > hit.start:
        return None
    below = lines[pos + 1]
    if below.page != line.page or not below.cells:
        return None
    cell = below.cells[-1]
    if not cell.text.startswith("#") or cell.start < hit.start - TITLE_MARK_SLACK:
        return None
    token = _value_id(cell.text)
    return (token, below) if token and len(token) >= 2 else None


def _after_titles_only(line: Line, hit: LabelHit, hits: Sequence[LabelHit]) -> bool:
    """The title word stands after other title words only, joined by a dash ("ФАКТУРА – ОРИГИНАЛ", a title
    with the copy's mark that many countries print on it): the number after it is the title's, as it
    would be after the first word."""
    cell = cell_holding(line, hit.start)
    begin = cell.start if cell is not None else 0
    before = [h for h in hits if begin <= h.start and h.end <= hit.start]
    if not before:
        return False
    rest = line.text[begin : hit.start]
    for other in sorted(before, key=lambda h: -h.start):
        rest = rest[: other.start - begin] + rest[other.end - begin :]
    return not rest.strip(" -–—/")


def _title_and_number_only(line: Line, hit: LabelHit, token: str, origin: Line) -> bool:
    """A short number (one or two digits: a sole trader's count of the year's invoices) right of the
    title word where the cell holds the title and that number only ("Fattura 60", "Invoice 7"): the
    document's number, as a longer one would be."""
    cell = cell_holding(line, hit.start)
    return (
        origin is line
        and token.isdigit()
        and cell is not None
        and cell.text.split() == [*hit.text.split(), token]
    )


_SUBJECT_LABEL_RE = re.compile(
    r"\s*(?:" + "|".join(word_entries("subject_labels")) + r")\s?:\s*", re.IGNORECASE
)
"""A letter's subject label and its colon ("Betreff:", "Objet :", "Re:"): the packs' word class
``subject_labels``."""


def _after_subject_label(line: Line, start: int) -> bool:
    """A letter's subject line opens the title word's cell ("Betreff: Rechnung 2025-114", "Objet :
    facture 2025-044"): the letter is the invoice, the title's number its number."""
    cell = cell_holding(line, start)
    begin = cell.start if cell is not None else 0
    return _SUBJECT_LABEL_RE.fullmatch(line.text, begin, start) is not None


def _number_label_before(text: str, start: int) -> bool:
    """An invoice-number label shortly before the date label, in the same stretch of the line
    ("Rechnung Nr. 2093 vom 14.02.2025"): the title's date. One in another column (a certificate's
    "Kontr-Nr." left of "Lieferschein-Datum") says nothing about the date."""
    return any(
        0 <= start - hit.end <= 30 and "   " not in text[hit.end : start].strip()
        for hit in find_labels("invoice_number", text)
    )


def _labelled_fallback(line: Line, hit: LabelHit, language: str, day_first: bool) -> FoundDate | None:
    """The cell right of a date label read by the dateparser fallback (the engine's reader found no
    date in it)."""
    rest = line.text[hit.end :]
    value = rest.lstrip(" :.-–")
    cell = re.split(r"\s{3,}", value)[0] if value else ""
    if not cell:
        return None
    parsed = parse_date_fallback(cell, language=language, day_first=day_first)
    if parsed is None and locale_pack(language).get("date_order") == "YMD":
        parsed = compact_date(cell)
    if parsed is None:
        return None
    start = hit.end + len(rest) - len(value)
    return FoundDate(parsed, start, start + len(cell), cell, False)


def _after_due_label(line: Line, hit: LabelHit, due_labels: Sequence[LabelHit]) -> bool:
    """An invoice-date label after a due-date label in the same cell: the due date's term
    ("Échéance : 30 jours date de facture (15 octobre 2025)", "Due 14 days from invoice date")."""
    if not due_labels:
        return False
    cell = cell_holding(line, hit.start)
    begin = cell.start if cell is not None else 0
    return any(begin <= due.start and due.end <= hit.start for due in due_labels)


def _discount_clause(text: str, start: int, end: int) -> bool:
    """The clause of ``text`` around ``start:end`` (up to a comma or semicolon and a space) speaks of
    an early-payment discount ("Pay by 5 Dec and deduct 2%"; not "Zahlbar bis 04.04.2018, 3% Skonto
    bis 15.03.2018", whose discount is a clause of its own)."""
    # (the comma of a date written "August 23, 2026", a year after it, parts no clause)
    commas = [m.start() for m in _CLAUSE_COMMA_RE.finditer(text)]
    begin = max([at for at in commas if at < start], default=-1) + 1
    ends = [at for at in commas if at >= end][:1]
    # a sentence ends a clause too ("... Skonto (1.028,50 €). Fällig am: 25.01.2026": the discount's
    # sentence is over before the due date's label)
    for stop in _CLAUSE_STOP_RE.finditer(text):
        if not text[stop.end()].isupper():
            continue
        if stop.end() <= start:
            begin = max(begin, stop.end())
        elif stop.start() >= end:
            ends.append(stop.start())
            break
    return _CASH_DISCOUNT.search(text, begin, min(ends) if ends else len(text)) is not None


_CLAUSE_COMMA_RE = re.compile(r"[,;] (?!\d{4}(?!\d))")
"""A comma or semicolon and a space that part clauses: not the one before a date's year."""
_CLAUSE_STOP_RE = re.compile(r"(?<=[\w)\]])[.!?]\s+(?=[^\W\d_])")
"""A sentence's end inside a text: a full stop after a word, a figure or a bracket, then white space
and a capital ("... (19,00 €). Vencimiento: ..."); an abbreviation before a lower-case word
("ca. zwei", "z.B. bei") ends none."""


def _discount_cell(line: Line, hit: LabelHit) -> bool:
    """The label's clause in its cell (the line, where it has no cells) speaks of an early-payment
    discount."""
    cell = cell_holding(line, hit.start)
    if cell is None:
        return _discount_clause(line.text, hit.start, hit.end)
    return _discount_clause(cell.text, hit.start - cell.start, hit.end - cell.start)


def _discount_date(line: Line, found: FoundDate, column: int) -> bool:
    """The date's clause in its cell (the line's, where the date is not found in it) speaks of an
    early-payment discount: the discount's date, not the due date. Where the line prints the date
    more than once, the place nearest ``column`` (the label's) is the one read."""
    places = [m.start() for m in re.finditer(re.escape(found.text), line.text)]
    at = min(places, key=lambda place: abs(place - column)) if places else -1
    cell = cell_holding(line, at) if at >= 0 else None
    if cell is None:
        return _discount_clause(line.text, max(at, 0), max(at, 0) + len(found.text))
    return _discount_clause(cell.text, at - cell.start, at - cell.start + len(found.text))


def _due_in_terms(
    lines: Sequence[Line], invoice_date: date | None, day_first: bool, language: str = "en"
) -> tuple[FoundDate, Line] | None:
    """With no labelled due date: the one date of a payment term's sentence ("Payment is due within
    30 days of the invoice date, i.e. by 28/07/2025", "10 dager netto (15.03.2025)", "Net 10 — due
    3/5/2025", "Bitte überweisen Sie ... bis 19. März 2026"), later than the invoice date; never an
    early-payment discount's date, nor one an order or a delivery word names, nor a debit mandate's."""
    for line in lines:
        dates = find_dates(line.text, day_first=day_first, language=language)
        if not dates:
            continue
        for cell in line.cells:
            inside = [d for d in dates if cell.start <= d.start < cell.end]
            if len(inside) != 1:
                continue
            text, at = cell.text, inside[0].start - cell.start
            if invoice_date is not None and inside[0].value <= invoice_date:
                continue
            if _discount_clause(text, at, at + len(inside[0].text)) or _OTHER_DATES.search(text, 0, at):
                continue
            if _DEBIT_MANDATE.search(text) is not None:
                continue  # a direct-debit mandate's date, not the payment's
            if _PERIOD_TERM.search(text) or _PAYMENT_TERMS.search(text) or reads_as_instruction(text):
                return inside[0], line
    return None


_SENTENCE_END = re.compile(r"[^\W\d_]{2}[.!?]\s+([^\W\d_])")


def _sentence_break(text: str) -> bool:
    """A sentence ends inside ``text``: a word, a full stop, and a word opening with a capital."""
    return any(match.group(1).isupper() for match in _SENTENCE_END.finditer(text))


_BARE_PREPOSITIONS = ("le", "du", "vom", "den", "del")
"""Invoice-date labels that are a preposition or an article alone ("den", "vom", "le", "du", "del")."""


def _dates_near(
    lines: Sequence[Line], kind: str, day_first: bool, language: str = "en"
) -> list[tuple[float, FoundDate, Line]]:
    found_dates: list[tuple[float, FoundDate, Line]] = []
    other_kind = "due_date" if kind == "invoice_date" else "invoice_date"
    for pos, line in enumerate(lines):
        hits = find_labels(kind, line.text)
        others = find_labels(other_kind, line.text) if hits else []
        earlier = find_labels("preceding_invoice", line.text) if hits and kind == "invoice_date" else []
        header = bool(hits) and kind == "invoice_date" and is_column_header(line.text)
        for hit in hits:
            if kind == "invoice_date" and _in_prose(line, hit):
                continue  # a date word inside a sentence labels no invoice date (a due date, often)
            if header:
                continue  # "Date  Description  Hours  Rate  Amount": the item rows' dates (a service's day)
            if any(p.start < hit.end and hit.start < p.end for p in earlier):
                continue  # "Original invoice date", "Date de facture associée": the credited invoice's date
            if any(p.end <= hit.start and _same_cell(line, p.start, hit.start) for p in earlier):
                continue  # "Relates to invoice 4711 dated 02.05.2025": the date in the reference is the credited one's
            # a due-date label that holds the word for date (the invoice-date label) inside it
            if any(o.start <= hit.start < o.end and o.end - o.start > hit.end - hit.start for o in others):
                continue
            if kind == "invoice_date" and _after_due_label(line, hit, others):
                continue  # "Due: 30 days from invoice date (15.10.2025)": a due date's term
            if kind == "due_date" and _discount_cell(line, hit):
                continue  # "Pay by 5 Dec and deduct 2%": the early-payment discount's date
            # a value belongs to the nearest label on its left: a date after another date label is that one's,
            # but for the same label in another language after a slash ("Data de la factura / Date  23.01."):
            # the pair labels one value
            paired = _translated_label(line.text, hit, hits)
            later = [o.start - hit.end for o in hits + others if o.start >= hit.end and o not in paired]
            reach = min(later) if later else None
            tail = line.text[hit.end :]
            same = [
                d
                for d in find_dates(tail, day_first=day_first, language=language)
                if (reach is None or d.end <= reach) and not _sentence_break(tail[: d.start])
            ]  # (a date in a later sentence is not this label's: "Frist 45 Tage. Bei Zahlung bis 08.08. ...")
            if kind == "due_date" and same:
                own = cell_holding(line, hit.start)
                if own is not None and _PERIOD_TERM.search(own.text, hit.end - own.start):
                    # a term in the label's own cell ("Payment due within 7 days" in a row of values under
                    # column headings): the term is its value, a date in a later cell another column's
                    same = [d for d in same if hit.end + d.end <= own.end]
                    if not same:
                        continue
            period = False
            if hit.text.lower() in _BARE_PREPOSITIONS:
                # a bare preposition labels the date it opens ("den 05.03.2018", "vom 31.10.2018"); one
                # that words follow is an article or a sentence's word, and the date further on is another
                # ("Den Betrag buchen wir am 04.02.2025 ab": a direct debit's day)
                same = [d for d in same if not tail[: d.start].strip(" \t:.,")]
                if len(same) == 1 and _opens_period(tail, same[0], day_first, language):
                    same, period = [], True  # "del 21/02/2025 al 28/02/2025": a period's first day
            if period:
                continue  # (nor is the period read another way: no invoice date here)
            if not same and pos + 1 < len(lines):
                same = _date_run_on(
                    tail[:reach], hit.end, lines[pos + 1 : pos + 3], line, day_first, language
                )
            if not same:
                fallback = _labelled_fallback(line, hit, language, day_first)
                same = [fallback] if fallback is not None else []
            strength = len(hit.text) / 10 - pos / 500
            if hit.text.lower() in ("date", "datum", "data", "fecha", *_BARE_PREPOSITIONS):
                strength -= 0.5
            if kind == "invoice_date":
                if _number_label_before(line.text, hit.start) or find_labels(
                    "invoice_title", line.text[: hit.start]
                ):
                    strength += 1.0
                if _names_another_date(line, hit):
                    strength -= 1.5  # "Data consegna", "Date de livraison": its own cell names another date
                if find_labels("po_number", line.text) or _OTHER_DATES.search(line.text):
                    strength -= 1.5
                elif pos > 0 and hit.start <= 2 and find_labels("invoice_number", lines[pos - 1].text):
                    strength += 1.0  # "Rechnung Nr. 2093" / "vom 14.02.2025": the title went on a line
            if same:
                found_dates.append((strength + 1.0, same[0], line))
                continue
            before = find_dates(line.text[: hit.start], day_first=day_first, language=language)
            if before and not line.text[hit.end :].strip():
                # "Handelsrechnung  05.03.2018  Nr. 471102  vom": the layout put the label last
                found_dates.append((strength + 0.75, before[-1], line))
                continue
            own = cell_holding(line, hit.start)
            if (
                hit.text.lower() in _BARE_PREPOSITIONS
                and own is not None
                and own.text[hit.end - own.start :].strip(" :")
            ):
                continue  # an article before its noun ("TVA due par le preneur"): no label of a date under it
            if own is not None and _DIGIT_RE.search(own.text, hit.end - own.start):
                continue  # the label's own cell holds its value, no date ("Termen de plată: 30 zile")
            for below in lines[pos + 1 : pos + 3]:
                if below.page != line.page:
                    break
                cell = _date_cell_under(below, hit, day_first, language, line)
                if cell is not None and kind == "due_date" and _discount_date(below, cell, hit.start):
                    continue  # "Bis zum 20.04.2026 erhalten Sie 2 % Skonto" under the terms' heading
                if cell is not None:
                    found_dates.append((strength + 0.5, cell, below))
                    break
            else:
                # "... Nr. 471102 vom" / "05.03.2018": the layout wrapped the value to the next line
                nxt = lines[pos + 1] if pos + 1 < len(lines) else None
                if (
                    nxt is not None
                    and nxt.page == line.page
                    and not line.text[hit.end :].strip(" :")  # (its colon may end the line with it)
                    and nxt.cells
                ):
                    dates = find_dates(nxt.cells[0].text, day_first=day_first, language=language)
                    if dates and nxt.cells[0].start <= 2:
                        found_dates.append((strength + 0.5, dates[0], nxt))
    if not found_dates:
        found_dates = _dates_beside_wrapped_label(lines, kind, day_first, language)
    return found_dates


_TRANSLATION_GAP_RE = re.compile(r"\s?/\s?")


def _translated_label(text: str, hit: LabelHit, hits: Sequence[LabelHit]) -> list[LabelHit]:
    """The labels of the same kind that follow ``hit`` each after a slash ("Fecha / Date", "Datum / Date /
    Data"): one label in two languages, which labels the one value after its last word."""
    chain: list[LabelHit] = []
    end = hit.end
    for other in sorted((h for h in hits if h.start >= hit.end), key=lambda h: h.start):
        if not _TRANSLATION_GAP_RE.fullmatch(text[end : other.start]):
            break
        chain.append(other)
        end = other.end
    return chain


def _names_another_date(line: Line, hit: LabelHit) -> bool:
    """The date label's own cell goes on with a word of another date ("Data consegna", "Date de livraison",
    "Fecha de entrega" in a row of headings): that cell heads the other date, though the bare date word
    labels the invoice's elsewhere."""
    own = cell_holding(line, hit.start)
    if own is None:
        return False
    return _OTHER_DATES.search(own.text[hit.end - own.start :]) is not None


def _dates_beside_wrapped_label(
    lines: Sequence[Line], kind: str, day_first: bool, language: str
) -> list[tuple[float, FoundDate, Line]]:
    """A date label its narrow column wrapped, the value right of one of its two lines: "Termin" beside the
    date and "płatności:" just above or under it, at its column (a value centred on a two-line label
    stands between them). The cell and the piece beside it read as one label where the label needs that
    piece's words ("płatności:"; "Bayaran" under "Tarikh Akhir" on a page that sets labels without colons). A value
    that wrapped with its label ("Tasuda      24. september" over "hiljemalt:  2026") is read with its rest,
    the cell under it."""
    found: list[tuple[float, FoundDate, Line]] = []
    for pos, line in enumerate(lines[:TITLE_LINES]):
        for index, cell in enumerate(line.cells[:-1]):
            value = line.cells[index + 1]
            if _DIGIT_RE.search(cell.text) or not _DIGIT_RE.search(value.text):
                continue
            whole = find_dates(value.text, day_first=day_first, language=language)
            for below, near in (
                (False, lines[pos - 1] if pos else None),
                (True, lines[pos + 1] if pos + 1 < len(lines) else None),
            ):
                if near is None or near.page != line.page:
                    continue
                dates = whole
                if not dates and below:
                    rest_of_value = next((c for c in near.cells if _under_cell(c, value)), None)
                    if rest_of_value is not None:
                        joined = f"{value.text} {rest_of_value.text}"
                        dates = find_dates(joined, day_first=day_first, language=language)
                        dates = [d for d in dates if d.end > len(value.text)]
                        dates = [replace(d, end=min(d.end, len(value.text))) for d in dates]
                if not dates or dates[0].start != 0:
                    continue
                rest = next(
                    (
                        c
                        for c in near.cells
                        if c.start < value.start and c.end > cell.start and c.end < value.start
                    ),
                    None,
                )
                if rest is None or cell.text.rstrip().endswith(":"):
                    continue  # (a cell closing on its colon is a whole label: "Invoice No.:" over "Date:")
                joined = f"{cell.text} {rest.text}"
                if any(h.start == 0 and h.end > len(cell.text) for h in find_labels(kind, joined)):
                    date = dates[0]
                    found.append(
                        (0.5, replace(date, start=value.start + date.start, end=value.start + date.end), line)
                    )
                    break
    return found


_DAY_AT_END_RE = re.compile(
    r"\s«?((?:(?:19|20)\d{2}\.?\s(?:[^\W\d_]{1,4}\.?\s)?|[^\W\d_]{3,}\.?\s)?\d{1,2}»?(?:\.?\s?[^\W\d_]{3,})?[.,]?)\s*$"
)
"""The day closing a line, or the day and its month's word ("... échéance: 3 octobre", "«10» августа",
"August 23,"), the year wrapped; or the year and the day of a date printed year first, its month wrapped
("2026. gada 11.")."""
_NUMERIC_START_AT_END_RE = re.compile(r"\s(\d{1,2}[./-]\d{1,2}[./-])\s*$")
"""A numeric date's day and month closing a line on their separator ("Forfaldsdato: 06-04-"), the year
wrapped."""
RUN_ON_LINES = 2
"""Lines down a date's wrapped rest may stand, a line of another column's between."""


def _date_run_on(
    tail: str, start: int, lines: Sequence[Line], line: Line, day_first: bool, language: str
) -> list[FoundDate]:
    """A label's date its line broke after the day ("... betaaldatum 13" / "februari 2025") or after the
    month's word ("... échéance: 3 octobre" / "2026"): the start closing the label's line and the rest
    opening the next line, or standing in the start's own column on it (a label and its value in two
    columns, both wrapped: "Datum      25. listopada" / "izdavanja  2026."), read as one date. A line
    holding nothing in that column (another column's line) is passed over."""
    value = cell_holding(line, start + len(tail) - len(tail.lstrip(" \t:.")))
    if value is not None and value.end > start:
        tail = tail[: value.end - start]  # (the value's cell: another column may follow it on the line)
    day = _NUMERIC_START_AT_END_RE.search(" " + tail) or _DAY_AT_END_RE.search(" " + tail)
    if day is None:
        return []
    glue = "" if day.group(1)[-1] in "./-" else " "  # ("06-04-" / "2026": one figure the line broke)
    at = start + day.start(1) - 1  # (the tail starts at ``start`` on the line)
    own = cell_holding(line, at)
    for below in lines[:RUN_ON_LINES]:
        if below.page != line.page or not below.cells:
            return []
        rest = next((c for c in below.cells if own is not None and _under_cell(c, own)), None)
        if rest is None and below.cells[0].start <= 2:
            rest = below.cells[0]
        if rest is None:
            if own is not None and any(c.start < own.end and own.start < c.end for c in below.cells):
                return []  # (something else under the start: no rest of it)
            continue
        joined = f"{day.group(1)}{glue}{rest.text}"
        dates = find_dates(joined, day_first=day_first, language=language)
        if not dates or dates[0].start != 0 or dates[0].end <= len(day.group(1)):
            return []
        return [replace(dates[0], start=day.start(1) - 1, end=len(tail))]  # (" " was put before the tail)
    return []


def _under_cell(cell: Cell, above: Cell) -> bool:
    """Whether ``cell`` stands in ``above``'s column on the next line: at its start (set flush left), or
    within its width (flush right or centred: "June 24," over "2025")."""
    return abs(cell.start - above.start) <= 2 or (above.start <= cell.start and cell.end <= above.end + 2)


def _opens_period(tail: str, first: FoundDate, day_first: bool, language: str) -> bool:
    """Another date follows the date a bare preposition opens, a short word or a dash apart ("del 1/2
    al 28/2", "vom 01.02. bis 28.02."): the two are a period's bounds."""
    rest = tail[first.end :]
    following = find_dates(rest, day_first=day_first, language=language)
    return bool(following) and len(rest[: following[0].start].strip()) <= 4


def _debit_dates(
    lines: Sequence[Line], day_first: bool, language: str = "en"
) -> list[tuple[float, FoundDate, Line]]:
    """The collection date of a bill paid by direct debit: the one date of a line whose sentence says the
    amount will be debited or collected (`_DIRECT_DEBIT`), wherever the language puts it (before the verb
    in Hungarian or Turkish, after it in most). A line of several dates (a mandate's date beside the
    collection's) or one that names another date (a period, a delivery, the mandate) gives none."""
    found_dates: list[tuple[float, FoundDate, Line]] = []
    for pos, line in enumerate(lines):
        if _DIRECT_DEBIT.search(line.text) is None or _OTHER_DATES.search(line.text) is not None:
            continue
        if _DEBIT_MANDATE.search(line.text) is not None:
            continue  # the mandate's date
        dates = find_dates(line.text, day_first=day_first, language=language)
        if len(dates) == 1:
            found_dates.append((DEBIT_DATE_STRENGTH - pos / 500, dates[0], line))
    return found_dates


DATELINE_STRENGTH = 0.85
"""A letter's dateline ("Lille, 9 mai 2025") as the invoice date: below a label of the invoice date
("Date", "Invoice date"), above a bare preposition read as one ("den", "vom": 0.8 at most) and a date
label that names another date ("Date of supply")."""


def _datelines(
    lines: Sequence[Line], day_first: bool, language: str = "en"
) -> list[tuple[float, FoundDate, Line]]:
    """The first dateline on page one's first lines (see `dateline`), as an invoice-date reading."""
    for pos, line in enumerate(lines[:60]):
        if line.page != lines[0].page:
            break
        if "," not in line.text:
            continue
        for cell in line.cells:
            if "," not in cell.text:
                continue
            if _PERIOD_TERM.search(cell.text, 0, cell.text.index(",")):
                continue  # "Payment in 14 days, by 04/06/2025": a payment term's count of days, no place
            found_date = dateline(cell.text, day_first=day_first, language=language)
            if found_date is not None:
                start = cell.start + found_date.start
                moved = FoundDate(
                    found_date.value,
                    start,
                    start + len(found_date.text),
                    found_date.text,
                    found_date.ambiguous,
                )
                return [(DATELINE_STRENGTH - pos / 500, moved, line)]
    return []


def _date_cell_under(
    below: Line, hit: LabelHit, day_first: bool, language: str = "en", header: Line | None = None
) -> FoundDate | None:
    """A date in the cell under a label: overlapping it, else the nearest dated cell a little to the
    right (right-aligned values drift under a column header), never one under another cell of the
    label's line (``header``: another column's value, "Data de emissão" over it)."""
    aligned = _right_aligned_under(below, hit, header)
    if aligned is not None:
        dates = find_dates(aligned.text, day_first=day_first, language=language)
        if dates:
            return dates[0]
    flush_left = _date_starting_under(below, hit, header, day_first, language)
    if flush_left is not None:
        return flush_left
    left_of = _ends_left_of_header(below, hit, header)
    cell = cell_at(below, hit.start - 2, hit.end + 12)
    if cell is not None and left_of(cell):
        cell = None  # the previous column's value set flush right: it ends where this header starts
    if cell is not None:
        dates = find_dates(cell.text, day_first=day_first, language=language)
        if dates:
            return dates[0]
        parsed = parse_date_fallback(cell.text, language=language, day_first=day_first)
        if (
            parsed is None
            and locale_pack(language).get("date_order") == "YMD"
            and cell.text.strip().isdigit()
        ):
            parsed = compact_date(cell.text)  # "Datum" over "250315": a year-first locale's compact date
        if parsed is not None:
            return FoundDate(parsed, cell.start, cell.end, cell.text, False)
    others = [c for c in header.cells if not c.start <= hit.start < c.end] if header is not None else []
    for other in below.cells:
        if any(min(other.end, c.end) > max(other.start, c.start) for c in others) or left_of(other):
            continue  # under another column's heading, or left of this one: another column's value
        # drifted right under the header, or centred under it from a little to the left
        if hit.start - 2 <= other.start <= hit.end + 40 or (
            other.start >= hit.start - 30 and other.end >= hit.start - 15
        ):
            dates = find_dates(other.text, day_first=day_first, language=language)
            if dates:
                return dates[0]
    return None


RIGHT_EDGE_SLACK = 1.0
"""Points a right-aligned value's right edge may stand from its column header's."""


def _bare_header_words(below: Line, hit: LabelHit, header: Line | None) -> list[Word]:
    """The page words of a bare column header (the label alone in its cell: no words beside it) where both
    its line and the line under it have word boxes; empty otherwise."""
    if header is None or not header.words or not below.words:
        return []
    own = cell_holding(header, hit.start)
    if (
        own is None
        or own.text[hit.end - own.start :].strip(" :.")
        or own.text[: hit.start - own.start].strip()
    ):
        return []  # the label is no bare header: words stand beside it in its cell
    return [w.word for w in header.words if own.start <= w.start < own.end]


def _right_aligned_under(below: Line, hit: LabelHit, header: Line | None) -> Cell | None:
    """The cell under a bare column header that ends where the header ends on the page: a table that sets
    its headers and values flush right ("del" over "27 settembre 2026", "Date" over "1 September 2026") puts
    a short header nearer the next column's value in the text's columns than its own, which starts well
    left of it. Word boxes only (text without positions has no edges to compare)."""
    heads = _bare_header_words(below, hit, header)
    if not heads:
        return None
    edge = max(w.x1 for w in heads)
    for cell in below.cells:
        words = [w.word for w in below.words if cell.start <= w.start < cell.end]
        if (
            words
            and abs(max(w.x1 for w in words) - edge) <= RIGHT_EDGE_SLACK
            and min(w.x0 for w in words) < edge
        ):
            return cell
    return None


def _ends_left_of_header(below: Line, hit: LabelHit, header: Line | None) -> Callable[[Cell], bool]:
    """Whether a cell under a bare column header ends on the page before the header starts: a spreadsheet
    sets its text headers flush left and its dates and figures flush right, so the previous column's value
    ends where this column's header begins and the layout text puts it under this header. Word boxes only;
    without them no cell is ruled out."""
    heads = _bare_header_words(below, hit, header)
    if not heads:
        return lambda cell: False
    start = min(w.x0 for w in heads)

    def left_of(cell: Cell) -> bool:
        words = [w.word for w in below.words if cell.start <= w.start < cell.end]
        return bool(words) and max(w.x1 for w in words) <= start + RIGHT_EDGE_SLACK

    return left_of


def _date_starting_under(
    below: Line, hit: LabelHit, header: Line | None, day_first: bool, language: str
) -> FoundDate | None:
    """A date whose first word starts on the page where a bare column header starts, inside a cell the
    layout text ran together with its neighbours ("2026000617 15. 8. 2026 14. 9. 2026" under "Číslo
    dokladu", "Datum vyst.", "Splatnost": values wider than their columns leave one space between them).
    Word boxes only."""
    heads = _bare_header_words(below, hit, header)
    if not heads:
        return None
    edge = min(w.x0 for w in heads)
    for placed in below.words:
        if abs(placed.word.x0 - edge) > RIGHT_EDGE_SLACK:
            continue
        cell = cell_holding(below, placed.start)
        if cell is None or cell.start == placed.start:
            return None  # a cell of its own: the overlap reading finds it
        dates = find_dates(below.text[placed.start : cell.end], day_first=day_first, language=language)
        if dates and dates[0].start == 0:
            return dates[0]
        return None
    return None


_TIME_AFTER_RE = re.compile(r"^\s*(?:[T,]\s*)?\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
"""A time of day right after a date: the moment of a sale ("15-03-18 15:41")."""


def _first_date(
    lines: Sequence[Line], day_first: bool, language: str | None = None
) -> tuple[FoundDate, Line] | None:
    """With no labelled date: the first date stamped with a time of day, else the first date."""
    first: tuple[FoundDate, Line] | None = None
    for pos, line in enumerate(lines[:80]):
        text = _before_other_dates(line)
        if not text.strip():
            continue
        dates = find_dates(text, day_first=day_first, language=language)
        for found_date in dates:
            if _TIME_AFTER_RE.match(line.text[found_date.end :]):
                return found_date, line
            if first is None:
                first = (found_date, line)
        if first is None and not dates:
            # "Рахунок № 2945 від «10»" / "квітня 2026 р.": the date's rest wrapped to the next line
            wrapped = _date_run_on(
                text.rstrip(), 0, lines[pos + 1 : pos + 3], line, day_first, language or "en"
            )
            if wrapped:
                first = (wrapped[0], line)
    return first


def _before_other_dates(line: Line) -> str:
    """The text of ``line`` a date of no label may stand in: the whole line without a due date's or an
    order's label; the cells before that label's where it opens a later column ("Рахунок № 2945 від «10»"
    beside "Термін оплати: «25» травня 2026 р."), none where the line opens with it."""
    hits = [*find_labels("due_date", line.text), *find_labels("po_number", line.text)]
    if not hits:
        return line.text
    cell = cell_holding(line, min(h.start for h in hits))
    if cell is None or cell.start == 0 or line.text[cell.start - 3 : cell.start] != "   ":
        return ""
    return line.text[: cell.start]


_NO_CHARGE_KINDS = ("tax", "vat_label", "total", "subtotal", "amount_due", "cash", "rounding", "savings")


def _charges_beside_rows(
    aside: Sequence[Line], items: Sequence[InvoiceLineExtraction], decimal_hint: str | None
) -> list[AllowanceChargeExtraction]:
    """The document's discounts and charges among the labelled amounts printed under the table's
    figures (no rows): a negative amount is a discount, a positive one a charge (freight, fees), but
    for a running sum (the rows and what was read so far: a summary line)."""
    running = sum((i.amount for i in items if i.amount is not None), Decimal(0))
    found: list[AllowanceChargeExtraction] = []
    for line in aside:
        amounts = find_amounts(line.text, decimal_hint=decimal_hint)
        if not amounts or not line.cells:
            continue
        value = amounts[-1].value
        if value == 0 or abs(value - running) <= Decimal("0.02"):
            continue  # a summary of what precedes it
        if labels_of(_NO_CHARGE_KINDS, line.text):
            continue  # a tax, a total or a payment: no discount or charge
        # the worded cell nearest the amount (a sidebar's cell may open the line)
        worded = [c.text for c in line.cells[:-1] if any(ch.isalpha() for ch in c.text)]
        reason = " ".join((worded[-1] if worded else line.cells[0].text).split())
        kind: Literal["allowance", "charge"] = "allowance" if value < 0 else "charge"
        found.append(AllowanceChargeExtraction(kind=kind, reason=reason[:120], amount=abs(value)))
        running += value
    return found


def _tax_beside_charge(
    totals: Totals, candidates: Sequence[Candidate], lines: Sequence[Line], decimal_hint: str | None
) -> Totals:
    """A printed tax kept where the tax was derived as the total less the net because the three did
    not balance: a charge printed on its own line between the net and the total, before or after the
    tax (shipping, delivery, a handling fee: "Subtotal 500.00 / Tax (7%) 35.00 / Shipping 12.50 /
    Total 547.50") is the whole gap, so net + tax + charge make the total and the printed tax stands."""
    net, total = totals.subtotal, totals.total
    derived = totals.tax
    if (
        net is None
        or total is None
        or derived is None
        or derived.label != "total less net"
        or total.value <= 0
    ):
        return totals
    taxes = [c for c in candidates if c.role == "tax" and 0 < c.value < derived.value]
    start = net.line.index
    for tax in sorted(taxes, key=lambda c: -c.score):
        gap = total.value - net.value - tax.value
        if gap <= 0 or not start < tax.line.index < total.line.index:
            continue
        between = [
            line for line in lines if start < line.index < total.line.index and line.index != tax.line.index
        ]
        if any(labels_of(_NO_CHARGE_KINDS, line.text) for line in between):
            continue  # another tax, total or payment between them
        if not any(ch.isalpha() for line in between for ch in line.text):
            continue  # no charge named (its label may wrap round its figure: "Livraison (Transports" / "Petit):")
        for line in between:
            amounts = find_amounts(line.text, decimal_hint=decimal_hint)
            if len(amounts) == 1 and abs(amounts[0].value - gap) <= TOLERANCE:
                return Totals(net, tax, total, totals.amount_due, True)
    return totals


def _due_after_deduction(
    lines: Sequence[Line], candidates: Sequence[Candidate], total: Candidate | None, decimal_hint: str | None
) -> Candidate | None:
    """The amount due under the total once a deposit or advance is deducted: a total or amount-due
    label below the total whose amount is the total less an amount printed between them ("Total
    1.000,00 / Advance paid -300,00 / To pay 700,00"), a word a receipt's change is printed under too ("Baki":
    cash over the total leaves change, a deposit under it a balance), or less the figures printed negative on the
    lines between, together (a withholding tax and an advance: "Ritenuta d'acconto -252,60 / Acconto
    ricevuto -401,00", "Retención IRPF -150,00 / Anticipo -200,00")."""
    if total is None or total.value <= 0:
        return None
    for due in candidates:
        if due.role not in ("total", "amount_due", "change") or due.line.index < total.line.index:
            continue
        if due.role == "change" and due.value <= 0:
            continue  # a word for both ("Baki": a receipt's change, a bill's balance) reads a balance only by the sums
        # (a zero left when the deduction is the whole total: "Total 500.00 / Paid -500.00 / Due 0.00")
        if not Decimal(0) <= due.value < total.value:
            continue
        gap = total.value - due.value
        if due.line.index == total.line.index:
            # a row of totals (a header of labels over their figures): the figure left after a part
            # paid stands right of the total, the part printed negative in the row's figures
            # ("Total  Paid  To pay" over "1.000,00  300,00-  700,00")
            row = lines[total.line.index : total.line.index + 3]
            if due.column > total.column and any(
                a.value == -gap for line in row for a in find_amounts(line.text, decimal_hint=decimal_hint)
            ):
                return due
            continue
        deducted = Decimal(0)  # each line's figure printed negative (its last one), summed
        for between in lines[total.line.index + 1 : due.line.index]:
            amounts = find_amounts(between.text, decimal_hint=decimal_hint)
            # the deduction: printed negative, or the one amount of its line (not a tax table's net)
            if any(a.value == -gap or (a.value == gap and len(amounts) == 1) for a in amounts):
                return due
            if amounts and amounts[-1].value < 0:
                deducted += amounts[-1].value
        if deducted == -gap:
            return due
    return None


ACCOUNT_ROWS = 4
"""The rows over a bill's amount due that its account summary takes (previous balance, payments, this
invoice, and a heading or a rule)."""


def _due_by_account(
    lines: Sequence[Line], candidates: Sequence[Candidate], total: Candidate | None, decimal_hint: str | None
) -> Candidate | None:
    """The amount due of a bill that carries an account (utilities, telecom, insurers: "Previous balance
    157.11 / Payments received -78.56 / This invoice 1,571.19 / Amount due 1,649.74"): a labelled amount
    other than the total whose difference from it is the sum of the figures of the rows just over it
    that print one — a balance brought forward and a payment printed negative, or one of them alone. The
    due may exceed the total (arrears) or fall under it (a credit carried over)."""
    if total is None or total.value <= 0:
        return None
    for due in sorted(candidates, key=lambda c: -c.score):
        if due.role not in ("total", "amount_due") or due.value <= 0 or due.value == total.value:
            continue
        gap = due.value - total.value
        rows = lines[max(0, due.line.index - ACCOUNT_ROWS) : due.line.index]
        # an account's row prints one figure (an item's row its quantity, price and amount)
        figures = [
            (amounts[0].value, _ACCOUNT_LINE.search(row.text) is not None)
            for row in rows
            if len(amounts := find_amounts(row.text, decimal_hint=decimal_hint)) == 1
        ]
        figures = [(value, account) for value, account in figures if value != total.value]
        last = [value for value, _ in figures]
        if gap in last:
            return due
        if any(a + b == gap and a > 0 > b for a in last for b in last):
            return due
        # a payment printed with no sign (or a scan's lost minus) under the balance brought forward: both
        # rows labelled as the account's, the later figure taken off the earlier one
        accounts = [value for value, account in figures if account]
        if any(a - b == gap and a > 0 and b > 0 for i, a in enumerate(accounts) for b in accounts[i + 1 :]):
            return due
    return None


DEPOSIT_REACH = 4
"""Lines under a total where the figure left after a deposit may stand."""

_PAID_RE = word_pattern("paid_labels")
"""The total named as paid ("Amount paid", "Bezahlter Betrag", "Montant payé", "Kwota zapłacona")."""


_PAID_GAP_RE = re.compile(r"\s*:?\s*(?:[-−–]?\s*(?:[A-Z]{3}|[^\W\d_]{1,3}\.?)|[^\w\s]{1,3})?\s*")
"""Between a paid label and its amount: a colon, a currency code or mark at most, the deduction's minus sign
standing before a currency's letters ("-kr. 28.515,44", "-EUR 40.00") as before its mark ("-£40.00")."""


_PAID_STAMP_BEFORE = re.compile(
    r"^\s*(?:" + "|".join(word_entries("paid_labels")) + r")\s*[-–—:|·]\s+$", re.IGNORECASE
)
"""A paid stamp set before the paid label on a plain-text line ("PAID - Amount paid: 20.00", a mail's
text invoice): a label opening its own run as after a cell's gap."""


_QUOTE_MARKS_RE = re.compile(r"^\s*(?:>\s?)+")
"""The reply marks opening a quoted mail's line ("> ", ">> ")."""


def _paid_in_full(lines: Sequence[Line], total: Decimal, decimal_hint: str | None) -> Line | None:
    """The line that names the whole total as paid (a receipt of a card payment, a web shop's paid order):
    nothing is then left to pay where no amount due is printed. The label opens the line or a cell and the
    total follows it (a sentence asking for a payment of the total, or a label reading on before the word, is none)."""
    for line in lines:
        text = line.text
        for match in _PAID_RE.finditer(text):
            # (a quoted mail's reply marks open its lines: "> Betalt belopp: 54,88 SEK")
            before = _QUOTE_MARKS_RE.sub("", text[: match.start()])
            if before.strip() and not before.endswith("  ") and not _PAID_STAMP_BEFORE.search(before):
                continue
            after = match.end() + _dated_bracket(text[match.end() :])
            amounts = [a for a in find_amounts(text, decimal_hint=decimal_hint) if a.start >= after]
            if (
                amounts
                and abs(amounts[0].value) == total  # (printed negative where it is deducted: "Paid -20.00")
                and _PAID_GAP_RE.fullmatch(text[after : amounts[0].start])
            ):
                return line
    return None


_BRACKET_RE = re.compile(r"\s*\(([^()]{4,30})\)")


def _dated_bracket(rest: str) -> int:
    """The length of the payment's date in brackets right after a paid label ("Paid (4 Dec 2025)  -123.00",
    "Total pago (04-12-2025)"), 0 where none stands there: a bracket holding anything else is no date."""
    bracket = _BRACKET_RE.match(rest)
    return bracket.end() if bracket is not None and find_dates(bracket.group(1)) else 0


_DEPOSIT_RE = word_pattern("deposit_labels")
"""A deposit or advance paid before the invoice ("Deposit paid", "Anzahlung", "Acompte versé", "Sinal")."""


def _deposit_between(between: Sequence[Line], gap: Decimal, decimal_hint: str | None) -> bool:
    """Whether a line between a total and the figure under it names a deposit paid (`deposit_labels`) and
    prints the difference (negative or not): that figure is what is left to pay, not the total — a
    discount's line, which makes a new total, names no deposit."""
    return any(
        _DEPOSIT_RE.search(line.text) is not None
        and any(abs(a.value) == gap for a in find_amounts(line.text, decimal_hint=decimal_hint))
        for line in between
    )


def _paid_between(
    candidates: Sequence[Candidate], earlier: Candidate, chosen: Candidate, gap: Decimal
) -> bool:
    """Whether a line between a total and the figure under it is an amount paid (the packs' ``cash``
    labels: "Amount paid", "Valor pago") printing the difference: a payment received on the invoice,
    so the figure under it is what is left to pay, not the total."""
    return any(
        c.role == "cash" and earlier.line.index < c.line.index < chosen.line.index and abs(c.value) == gap
        for c in candidates
    )


def _net_under(totals: Totals, candidates: Sequence[Candidate], total: Candidate, due: Candidate) -> Totals:
    """``totals`` with ``total`` as the total and ``due`` as the amount due; a net left out because it
    exceeded the figure chosen before (the amount left to pay) is read again under the new total, the
    tax their difference where no printed tax balances them."""
    if totals.subtotal is not None:
        return Totals(totals.subtotal, totals.tax, total, due, False)
    nets = [c for c in candidates if c.role == "subtotal" and 0 < c.value <= total.value]
    if not nets:
        return Totals(None, totals.tax, total, due, False)
    net = max(nets, key=lambda c: c.score)
    taxes = [c for c in candidates if c.role == "tax" and abs(net.value + c.value - total.value) <= TOLERANCE]
    tax = (
        max(taxes, key=lambda c: c.score)
        if taxes
        else Candidate("tax", total.value - net.value, 0.0, total.line, "total less net")
    )
    return Totals(net, tax, total, due, bool(taxes))


def _total_before_deduction(
    totals: Totals, candidates: Sequence[Candidate], lines: Sequence[Line], decimal_hint: str | None
) -> Totals:
    """A total chosen from the figure left after a part paid ("Totaal 1.200,00 · Reeds betaald -400,00 ·
    Te betalen 800,00", a row of totals, the last label a total's too): where an earlier total
    label's figure less an amount printed negative between them is the chosen one, the earlier figure
    is the total and the chosen one the amount due. A total that balances the net and tax stays."""
    chosen = totals.total
    if chosen is None or chosen.value <= 0 or totals.balanced:
        return totals
    # a negative figure some label of the totals names (a rounding on its line or the next, a part of
    # the sum: "Total 6 % supplies -18.80") is no part paid: only a figure no totals label names is
    labelled = {abs(c.value) for c in candidates}
    for earlier in candidates:
        if earlier.role != "total" or earlier.value <= chosen.value:
            continue
        gap = earlier.value - chosen.value
        if 0 < chosen.line.index - earlier.line.index <= DEPOSIT_REACH and (
            _deposit_between(lines[earlier.line.index + 1 : chosen.line.index], gap, decimal_hint)
            or _paid_between(candidates, earlier, chosen, gap)
        ):  # "Total 1,223.00 / Deposit paid -306.00 / Balance due 917.00", down a column
            return _net_under(totals, candidates, earlier, replace(chosen, role="amount_due"))
        if earlier.line.index != chosen.line.index or earlier.column >= chosen.column:
            continue  # (a row of totals only: down a column, a discount or a rounding comes between)
        if gap in labelled:
            continue
        # the totals' line and the row under it (a header row's figures)
        span = lines[chosen.line.index : chosen.line.index + 2]
        if any(a.value == -gap for line in span for a in find_amounts(line.text, decimal_hint=decimal_hint)):
            return Totals(totals.subtotal, totals.tax, earlier, replace(chosen, role="amount_due"), False)
    return totals


_ACCOUNT_LINE = word_pattern("account_balance_lines")
"""The balance lines of a bill's account summary ("Previous balance", "Payments received - thank you",
"Solde précédent", "Saldo Vormonat", "Föregående saldo"): the packs' word class ``account_balance_lines``."""
SUM_ROW_LINES = 3
"""Lines under the last item row an unlabelled sum of the rows may stand on."""
_CURRENCY_WORD_RE = re.compile(r"[^\W\d_]{4,}")


def _sum_under_rows(
    lines: Sequence[Line], last: Line | None, line_sum: Decimal, decimal_hint: str | None
) -> Candidate | None:
    """With no total or amount due labelled anywhere: a figure alone just under the item rows (its
    currency's code or sign beside it at most, no words) that is the rows' sum is the total, the table's
    sum row printed without a label ("Položka  Cena" ... "131 520 CZK")."""
    if last is None:
        return None
    at = next((pos for pos, line in enumerate(lines) if line.index == last.index), None)
    if at is None:
        return None
    for below in lines[at + 1 : at + 1 + SUM_ROW_LINES]:
        if below.page != last.page:
            return None
        amounts = find_amounts(below.text, decimal_hint=decimal_hint)
        if not amounts:
            continue
        rest = below.text[: amounts[0].start] + below.text[amounts[-1].end :]
        if len(amounts) == 1 and amounts[0].value == line_sum and not _CURRENCY_WORD_RE.search(rest):
            return Candidate("total", line_sum, 0.0, below, "the rows' sum under them", amounts[0].start)
        return None
    return None


SUMMED_COLUMN = -2
"""The column of a total no label printed: the charge lines' sum standing in for it."""


def _account_figures(lines: Sequence[Line], due: Candidate, decimal_hint: str | None) -> list[Decimal]:
    """The figures of the account's balance lines just over an amount due (one figure each, on its page)."""
    rows = lines[max(0, due.line.index - ACCOUNT_ROWS) : due.line.index]
    figures: list[Decimal] = []
    for row in rows:
        if row.page != due.line.page or _ACCOUNT_LINE.search(row.text) is None:
            continue
        amounts = [a for a in find_amounts(row.text, decimal_hint=decimal_hint) if a.decimals]
        if len(amounts) == 1:
            _add_balance_figure(figures, amounts[0].value)
    return figures


def _add_balance_figure(figures: list[Decimal], value: Decimal) -> None:
    """Add a balance line's figure, unless it is the sum of the balance lines over it: a bill that prints the
    previous balance and the payments received, then the balance they leave ("Balance brought forward",
    "Preneseni saldo") repeats that sum; counted again it would double it."""
    if len(figures) >= 2 and value == sum(figures, Decimal(0)):
        return
    figures.append(value)


def _due_under_account(
    lines: Sequence[Line], total: Candidate | None, decimal_hint: str | None
) -> Candidate | None:
    """The amount due of a bill whose account summary closes on a figure no amount-due label names (a bare
    "Saldo", "Balance"): right under the account's balance lines (and this invoice's line), the one figure
    of a line that is the total plus the balance lines' signed figures. The arithmetic names it, whatever
    the word over it."""
    if total is None or total.value <= 0:
        return None
    index = 0
    while index < len(lines):
        if _ACCOUNT_LINE.search(lines[index].text) is None:
            index += 1
            continue
        block = index
        while block + 1 < len(lines) and _ACCOUNT_LINE.search(lines[block + 1].text) is not None:
            block += 1
        figures: list[Decimal] = []
        for row in lines[index : block + 1]:
            amounts = [a for a in find_amounts(row.text, decimal_hint=decimal_hint) if a.decimals]
            if len(amounts) == 1:
                _add_balance_figure(figures, amounts[0].value)
        due = total.value + sum(figures, Decimal(0))
        for below in lines[block + 1 : block + 1 + ACCOUNT_ROWS]:
            if below.page != lines[block].page:
                break
            amounts = [a for a in find_amounts(below.text, decimal_hint=decimal_hint) if a.decimals]
            if len(amounts) != 1:
                continue
            if figures and due > 0 and due != total.value and amounts[0].value == due:
                return Candidate("amount_due", due, 0.0, below, below.text.strip(), amounts[0].start)
        index = block + 1
    return None


_WITHHOLDING_LINE = word_pattern("withholding_tax")
"""A tax the buyer withholds from the payment and pays to the state for the seller ("ritenuta d'acconto",
"retención IRPF", "withholding tax"): the packs' word class ``withholding_tax``."""
WITHHOLDING_FIELD_LINES = 3
"""Lines under a withholding heading its amount may stand on (a form's fields: type, amount, rate)."""


def _due_after_withholding(
    lines: Sequence[Line], total: Candidate | None, decimal_hint: str | None
) -> Candidate | None:
    """The amount due of an invoice whose buyer withholds a tax: the document's total (VAT included) less
    the withheld amount is what the buyer pays, printed below the withholding under whatever word (a
    payment table's bare "Importo", a schedule's figure). The arithmetic names it: a figure below the
    withholding equal to the total less it."""
    if total is None or total.value <= 0:
        return None
    for index, line in enumerate(lines):
        if _WITHHOLDING_LINE.search(line.text) is None:
            continue
        for row in lines[index : index + 1 + WITHHOLDING_FIELD_LINES]:
            amounts = [a for a in find_amounts(row.text, decimal_hint=decimal_hint) if a.decimals]
            if not amounts or not Decimal(0) < abs(amounts[-1].value) < total.value:
                continue
            due = total.value - abs(amounts[-1].value)
            for below in lines[row.index + 1 :]:
                for amount in find_amounts(below.text, decimal_hint=decimal_hint):
                    if amount.decimals and amount.value == due:
                        return Candidate("amount_due", due, 0.0, below, below.text.strip(), amount.start)
    return None


def _total_over_account(
    totals: Totals,
    candidates: Sequence[Candidate],
    lines: Sequence[Line],
    decimal_hint: str | None,
    line_sum: Decimal | None,
) -> Totals:
    """A bill that carries an account (utilities, telecom, public bodies) prints this invoice's total, then
    the account's balance lines ("Previous balance", "Payments received") and what is due in all: that
    last figure is the amount due, never the invoice's total, though its label may read as one ("Total
    amount due", "Maksettava yhteensä"). Where the chosen total is the figure under such balance lines and
    another total label's figure plus those lines' figures (signed: a payment is negative) makes it, that figure is
    the total and the chosen one the amount due; where no label names this invoice's total (a bill
    without VAT), the charge lines' sum stands in when it makes the arithmetic."""
    chosen = totals.total
    if chosen is None or chosen.value <= 0 or totals.balanced:
        return totals
    # the figure may be read where it is repeated (a banner, a slip): the balance lines stand over one of them
    repeats = [c for c in candidates if c.role in ("total", "amount_due") and c.value == chosen.value]
    figures = next(
        (found for c in [chosen, *repeats] if (found := _account_figures(lines, c, decimal_hint))), []
    )
    if not figures:
        return totals
    gap = sum(figures, Decimal(0))
    others = sorted(
        (c for c in candidates if c.role == "total" and 0 < c.value != chosen.value),
        key=lambda c: -c.score,
    )
    total = next((c for c in others if chosen.value - c.value == gap and c.value not in figures), None)
    if total is None and line_sum is not None and line_sum > 0 and chosen.value - line_sum == gap:
        total = Candidate("total", line_sum, 0.0, chosen.line, "the charge lines' sum", SUMMED_COLUMN)
    if total is None:
        return totals
    subtotal, tax = totals.subtotal, totals.tax
    if subtotal is not None and abs(subtotal.value) > abs(total.value):
        subtotal = None
    if subtotal is None:
        # a net printed equal to this total (a bill without VAT): the net, its tax nil
        nets = [c for c in candidates if c.role == "subtotal" and c.value == total.value]
        if nets:
            subtotal = max(nets, key=lambda c: c.score)
            tax = Candidate("tax", Decimal(0), 0.0, subtotal.line, "net equal to the total")
    balanced = (
        subtotal is not None
        and tax is not None
        and abs(subtotal.value + tax.value - total.value) <= TOLERANCE
    )
    if subtotal is not None and not balanced:
        # the tax read as the difference from the amount due: it is the difference from this total
        tax = Candidate("tax", total.value - subtotal.value, 0.0, total.line, "total less net")
        balanced = tax.value > 0
    return Totals(subtotal, tax, total, replace(chosen, role="amount_due"), balanced)


def _set_amount(result: InvoiceExtraction, name: str, candidate: Candidate | None, confidence: float) -> None:
    if candidate is None:
        result.fields[name] = missing(NOT_FOUND)
        return
    setattr(result, name, candidate.value)
    if candidate.column == SUMMED_COLUMN:
        result.fields[name] = found(
            candidate.label,
            confidence=min(confidence, 0.7),
            page=candidate.line.page,
            reason="not printed: the charge lines' sum, which with the account's balance lines makes the amount due",
        )
        return
    if candidate.column == DERIVED_COLUMN:
        result.fields[name] = found(
            candidate.label,
            confidence=min(confidence, 0.8),
            page=candidate.line.page,
            reason=f"not printed: {candidate.label}, which balances the tax and the total",
        )
        return
    result.fields[name] = found(
        candidate.label, confidence=confidence, page=candidate.line.page, bbox=_amount_box(candidate)
    )


_NO_VAT_CHARGED = word_pattern("no_vat_charged")
"""Wording that says the invoice charges no VAT (a small business's exemption, "TVA non applicable, art. 293
B du CGI", "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet"); the packs' word class ``no_vat_charged``."""


def _no_vat_charged(
    result: InvoiceExtraction, totals: Totals, candidates: Sequence[Candidate], text: str
) -> None:
    """An invoice that prints only its total and says it charges no VAT: its net is the total and its tax
    nil. Any net, tax or VAT amount read (a labelled one, a tax column) keeps the rules' reading."""
    if totals.total is None or totals.subtotal is not None or totals.tax is not None:
        return
    if any(c.role in ("subtotal", "tax") for c in candidates):
        return
    said = _NO_VAT_CHARGED.search(text)
    if said is None:
        return
    result.subtotal, result.tax_total = totals.total.value, Decimal(0)
    reason = f"no VAT charged ('{said.group(0)}'): the total is the net, the tax nil"
    for name in ("subtotal", "tax_total"):
        result.fields[name] = found(said.group(0), confidence=0.8, page=totals.total.line.page, reason=reason)


def _amount_box(candidate: Candidate) -> list[float] | None:
    """Where the candidate's amount is printed: the first amount of that value from its label on
    (else anywhere on the line, else the line)."""
    line = candidate.line
    amounts = [a for a in find_amounts(line.text) if a.value == abs(candidate.value)]
    after = [a for a in amounts if a.start >= candidate.column] or amounts
    if after:
        return span_box(line, after[0].start, after[0].end) or span_box(line)
    return span_box(line)


def _rows_box(lines: Sequence[Line]) -> list[float] | None:
    """The box around text lines of one page (the lines a table row was read from, say)."""
    boxes = [box for box in (span_box(line) for line in lines) if box is not None]
    if not boxes:
        return None
    return [
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    ]


def _parts_box(lines: Sequence[Line], first: int, last: int, parts: Sequence[str]) -> list[float] | None:
    """The box around the parts of a value printed over several lines (an address's lines)."""
    words = []
    for line in lines[first : last + 1]:
        for part in parts:
            at = line.text.find(part)
            if at >= 0:
                words += [w.word for w in line.words if w.start < at + len(part) and w.end > at]
    return box_of(words)


def extract_rules(
    parsed: ParsedDocument,
    known_vendors: Sequence[KnownVendor] = (),
    *,
    templates: Sequence[IssuerTemplate] = (),
    model: FieldModel | None = None,
) -> InvoiceExtraction:
    """Read an invoice's page text with the offline rules engine. With a field ``model``, the learned
    scorer then chooses the headline fields among all candidates (the rules' choice one of its
    features) and gives them calibrated confidence; opt-in issuer ``templates`` that match the
    document override the fields they name, last."""
    result = InvoiceExtraction(extraction_method="rules")
    lines = document_lines(parsed)
    text = "\n".join(line.text for line in lines)
    language = guess_language(text)
    decimal_hint = infer_decimal_separator(text)
    # the numeric dates' vote, read once; a tied vote (every date reads either way) falls back on the
    # page's convention, then on the order that keeps the due date after the issue date
    near: dict[tuple[str, bool], list[tuple[float, FoundDate, Line]]] = {}

    def dates_near(kind: str, first: bool) -> list[tuple[float, FoundDate, Line]]:
        """This document's labelled dates of a kind in one day-month order, read once (a tied vote
        reads them to choose the order, the dates below read them again in the order chosen)."""
        if (kind, first) not in near:
            near[kind, first] = _dates_near(lines, kind, first, language)
        return near[kind, first]

    day_votes, month_votes = day_first_votes(text)
    if day_votes != month_votes:
        day_first = day_votes > month_votes
    else:
        day_first = _order_keeping_due_after_issue(dates_near, not _month_first_page(text, language))

    # the item rows first: a number label on an item's own lines ("Referencia: A300" under its row) is the
    # item's reference, never the invoice's number
    aside: list[Line] = []
    rows = recover_rows(lines, decimal_hint, aside)

    # invoice number
    number, number_line, confidence = _find_invoice_number(
        lines, {line.index: _description_cell(row) for row in rows for line in row.lines[1:]}
    )
    result.invoice_number = number
    result.fields["invoice_number"] = (
        found(
            number_line.text,
            confidence=confidence,
            page=number_line.page,
            bbox=text_box(number_line, number),
        )
        if number and number_line
        else missing(NOT_FOUND)
    )

    # dates
    invoice_dates = sorted(
        dates_near("invoice_date", day_first) + _datelines(lines, day_first, language),
        key=lambda t: -t[0],
    )
    due_dates = sorted(
        dates_near("due_date", day_first) + _debit_dates(lines, day_first, language),
        key=lambda t: -t[0],
    )
    chosen: tuple[FoundDate, Line, float] | None = None
    if invoice_dates:
        chosen = (invoice_dates[0][1], invoice_dates[0][2], 0.9)
    else:
        first = _first_date(lines, day_first, language)
        if first is not None:
            chosen = (first[0], first[1], 0.6)
    if chosen is not None:
        result.invoice_date = chosen[0].value
        conf = chosen[2] - (0.15 if chosen[0].ambiguous else 0.0)
        result.fields["invoice_date"] = found(
            chosen[1].text, confidence=conf, page=chosen[1].page, bbox=text_box(chosen[1], chosen[0].text)
        )
    else:
        result.fields["invoice_date"] = missing("no date found in the text")
    due_choice = next(
        (d for d in due_dates if result.invoice_date is None or d[1].value >= result.invoice_date), None
    )
    if due_choice is None:
        termed = _due_in_terms(lines, result.invoice_date, day_first, language)
        if termed is not None:
            due_choice = (0.0, termed[0], termed[1])
    if due_choice is not None:
        result.due_date = due_choice[1].value
        result.fields["due_date"] = found(
            due_choice[2].text,
            confidence=0.8,
            page=due_choice[2].page,
            bbox=text_box(due_choice[2], due_choice[1].text),
        )
    else:
        result.fields["due_date"] = missing(NOT_FOUND)

    # lines (read above), then totals (the line sum helps choose the subtotal)
    items = [row.item for row in rows]
    result.charges = _charges_beside_rows(aside, items, decimal_hint)
    items_page = rows[0].lines[0].page if rows else None
    amounts = [i.amount for i in items if i.amount is not None]
    line_sum = sum(amounts, Decimal(0)) if amounts else None
    # the pack's currency and how often its marks occur: counted once, for the whole-units test, the
    # currency's fallback and the scorer's currency candidates
    local_currency = locale_currency(language, text)
    whole = prints_whole_units(text, local_currency[0])
    candidates = collect_candidates(lines, decimal_hint, whole=whole)
    # an account's balance line ("Previous balance", "Előző egyenleg") prints no total and no amount due
    candidates = [
        c
        for c in candidates
        if c.role not in ("total", "amount_due") or _ACCOUNT_LINE.search(c.line.text) is None
    ]
    rounded = any(c.role == "rounding" and c.value for c in candidates)
    printed = printed_amounts(lines, decimal_hint) if rounded else {}
    totals = _total_before_deduction(
        choose_totals(candidates, line_sum, printed=printed), candidates, lines, decimal_hint
    )
    totals = _total_over_account(totals, candidates, lines, decimal_hint, line_sum)
    totals = _tax_beside_charge(totals, candidates, lines, decimal_hint)
    if totals.total is None and line_sum and not any(c.role in ("total", "amount_due") for c in candidates):
        under = _sum_under_rows(lines, rows[-1].lines[-1] if rows else None, line_sum, decimal_hint)
        if under is not None:
            totals = Totals(totals.subtotal, totals.tax, under, totals.amount_due, False)
    confidence = 0.95 if totals.balanced else 0.6
    _set_amount(result, "total", totals.total, confidence)
    if totals.total is None and not any(c.role in ("total", "amount_due") for c in candidates):
        repeated = repeated_largest_amount(lines, decimal_hint)
        if repeated is not None and any(find_labels("total", line.text) for line in lines):
            result.total = repeated[0]
            result.fields["total"] = found(
                repeated[1].text,
                confidence=0.4,
                page=repeated[1].page,
                bbox=text_box(repeated[1], None),
                reason="no labelled total: the largest amount printed more than once, with a total label in the text",
            )
    _set_amount(result, "subtotal", totals.subtotal, confidence)
    _set_amount(result, "tax_total", totals.tax, confidence)
    _no_vat_charged(result, totals, candidates, text)
    deducted = (
        _due_after_deduction(lines, candidates, totals.total, decimal_hint)
        or _due_by_account(lines, candidates, totals.total, decimal_hint)
        or _due_under_account(lines, totals.total, decimal_hint)
        or _due_after_withholding(lines, totals.total, decimal_hint)
    )
    if deducted is not None and (
        totals.amount_due is None or totals.total is None or totals.amount_due.value == totals.total.value
    ):
        _set_amount(result, "amount_due", deducted, 0.8)  # the total less a deposit paid
    elif totals.amount_due is not None:
        _set_amount(result, "amount_due", totals.amount_due, 0.8)
    elif (
        result.total is not None
        and totals.total is not None
        and (paid := _paid_in_full(lines, totals.total.value, decimal_hint))
    ):
        # the total printed as paid and no amount due printed: nothing is left to pay
        result.amount_due = Decimal("0.00")
        result.fields["amount_due"] = found(
            paid.text,
            confidence=0.6,
            page=paid.page,
            bbox=text_box(paid, None),
            reason="the total is printed as paid; no amount due printed",
        )
    elif result.total is not None and totals.total is not None:
        result.amount_due = result.total
        result.fields["amount_due"] = found(
            totals.total.label,
            confidence=0.6,
            page=totals.total.line.page,
            bbox=_amount_box(totals.total),
            reason="no separate amount due printed; the total is due",
        )
    else:
        result.fields["amount_due"] = missing(NOT_FOUND)
    result.lines = items
    if items:
        balanced = (
            line_sum is not None and result.subtotal is not None and abs(line_sum - result.subtotal) <= 0.02
        )
        result.fields["lines"] = found(
            f"{len(items)} table rows",
            confidence=0.9 if balanced else 0.6,
            page=items_page,
            bbox=_rows_box([line for row in rows for line in row.lines if line.page == items_page]),
        )
        for at, row in enumerate(rows):
            # each row where it is printed: the review highlights it, a correction points at it
            result.fields[f"lines[{at}]"] = found(
                row.lines[0].text,
                confidence=0.9 if balanced else 0.6,
                page=row.lines[0].page,
                bbox=_rows_box(row.lines),
            )
    else:
        result.fields["lines"] = missing("no line-item table was recognised")

    # currency
    total_lines = [c.line.text for c in (totals.total, totals.subtotal) if c is not None]
    code, evidence, cur_conf = vote_currency([line.text for line in lines], total_lines, language)
    if code is None:
        code, marks = local_currency
        evidence, cur_conf = (f"{marks} amounts marked the {language} way", 0.6) if code else (None, 0.0)
    result.currency = code
    where = next((line for line in lines if line.text == evidence), None)
    result.fields["currency"] = (
        found(
            evidence,
            confidence=cur_conf,
            page=where.page if where else None,
            bbox=text_box(where, None) if where else None,
        )
        if code
        else missing("no currency symbol or code in the text")
    )

    # parties (a receipt stub heading the page, which names both in prose, left out)
    stub = receipt_stub(lines)
    party_lines = [line for line in lines if line.index not in stub] if stub else lines
    ibans = find_ibans(party_lines)
    vat_ids = find_vat_ids(party_lines, ibans)
    buyers = buyer_zone(party_lines)
    not_buyers = [v for v in vat_ids if not is_buyers_vat(v, party_lines)]  # "Uw btw-nummer", "TVA client"
    seller_vats = [v for v in not_buyers if not buyers.covers_text(v.line, v.text)] or not_buyers
    seller_vats.sort(key=lambda v: not v.checked)  # an id whose check digits hold before a misprinted one
    seller_iban, iban_reason = choose_iban(
        [i for i in ibans if not buyers.covers_text(i.line, i.text)] or ibans
    )
    known = _match_known(known_vendors, [v.value for v in vat_ids], [i.value for i in ibans])
    _set_seller_vat(result, seller_vats, "no VAT id in the text")
    if seller_iban is not None:
        result.vendor.iban = seller_iban.value
        result.fields["vendor.iban"] = found(
            seller_iban.text,
            confidence=0.5 if iban_reason else 0.9,
            page=seller_iban.line.page,
            reason=iban_reason,
            bbox=text_box(seller_iban.line, seller_iban.text),
        )
    else:
        result.fields["vendor.iban"] = missing("no IBAN with a valid checksum in the text")
    sender_head: SenderHead | None = None
    payee: tuple[int, int] | None = None
    theirs: list[Found] = []
    if known is not None:
        vendor, via = known
        result.vendor.name = vendor.name
        proof = next(
            (
                f
                for f in [*vat_ids, *ibans]
                if _norm(f.value) in (_norm(vendor.vat_id or ""), _norm(vendor.iban or ""))
            ),
            None,
        )
        result.fields["vendor.name"] = found(
            via,
            confidence=1.0,
            reason=f"known vendor {vendor.erp_id} identified by {via}",
            page=proof.line.page if proof else None,
            bbox=text_box(proof.line, proof.text) if proof else None,
        )
        if vendor.vat_id and result.vendor.vat_id is None:
            result.vendor.vat_id = _norm(vendor.vat_id)
    else:
        sender_head = read_sender_head(party_lines, vat_ids) if party_lines else None
        payee = payee_block_head(sender_head.page_lines, sender_head.cells) if sender_head else None
        theirs = [
            vat
            for vat in seller_vats
            if payee is not None
            and sender_head is not None
            and beside_the_payee(sender_head.page_lines, sender_head.cells, payee, vat)
        ]  # ids in the block beside the one holding the bank account: the buyer's
        if theirs:
            seller_vats = [vat for vat in seller_vats if all(vat is not other for other in theirs)]
            not_buyers = [vat for vat in not_buyers if all(vat is not other for other in theirs)]
            _set_seller_vat(
                result,
                seller_vats,
                "the VAT id printed stands in the block beside the one with the bank account",
            )
        name, name_line, name_conf = choose_vendor_name(
            party_lines,
            {v.line.index for v in vat_ids},
            buyers,
            sender_head,
            [v for v in not_buyers if not buyers.covers_text(v.line, v.text)],  # (none in the buyer's block)
            payee,
        )
        result.vendor.name = spaced_elsewhere(party_lines, name) if name else name
        result.fields["vendor.name"] = (
            found(name_line.text, confidence=name_conf, page=name_line.page, bbox=text_box(name_line, name))
            if name and name_line
            else missing("no sender block recognised")
        )
    address = (
        read_vendor_address(party_lines, name_line, name)
        if known is None and name is not None and name_line is not None
        else None
    )
    if address is not None:
        result.vendor.address = address[0]
        result.fields["vendor.address"] = found(
            address[1].text,
            confidence=0.6,
            page=address[1].page,
            bbox=_parts_box(
                lines, name_line.index + 1 if name_line else 0, address[1].index, address[0].split(", ")
            )
            or text_box(address[1], None),
        )
    else:
        result.fields["vendor.address"] = missing(
            "no postcode-and-town line closes a block under the vendor name"
        )
    buyer_line = _choose_buyer(
        result, party_lines, None if payee is None or sender_head is None else (sender_head, payee)
    )
    if (
        known is None
        and result.vendor.name
        and name_line is not None
        and sender_head is not None
        and self_billed(party_lines)
    ):
        buyer_line = _self_billing_parties(result, party_lines, sender_head, name_line, buyer_line)
    _seller_vat_beside_the_parties(result, seller_vats, buyer_line, party_lines)
    if known is not None:
        _known_vendors_vat(result, known[0], vat_ids)
    if result.currency is None:
        _implied_currency(result, language)

    po_found = find_po_numbers(
        lines,
        items_from=rows[0].lines[0].index if rows else None,
        item_codes={line.index for row in rows for line in row.lines[1:] if item_code_label(line.text)},
    )
    po_numbers = [number for number, _ in po_found]
    po_line = po_found[0][1] if po_found else None
    result.po_numbers = po_numbers
    result.fields["po_numbers"] = (
        found(po_line.text, confidence=0.7, page=po_line.page, bbox=text_box(po_line, po_numbers[0]))
        if po_numbers and po_line
        else missing(NOT_FOUND)
    )

    # credit note: the document's title, or a negative total (amounts stay as printed)
    doc_type, span, reason, type_conf = document_type(lines, result.total, language=language)
    result.document_type = doc_type
    title = next((line for line in lines if span and line.text.strip() == span), None)
    word = (
        next(
            (h.text for kind in ("credit_note", "invoice_title") for h in find_labels(kind, title.text)), None
        )
        if title
        else None
    )
    result.fields["document_type"] = found(
        span,
        confidence=type_conf,
        reason=reason,
        page=title.page if title else None,
        bbox=text_box(title, word) if title else None,
    )
    _ = date  # dates are typed through FoundDate
    if model is not None:
        from opsloop.extract.scorer.choose import Reading, apply_model, calibrate_rule_fields

        if sender_head is None and party_lines:
            sender_head = read_sender_head(party_lines, vat_ids)
        reading = Reading(
            language, day_first, decimal_hint, buyers, sender_head, local_currency, (ibans, vat_ids)
        )
        vendor_before = result.vendor.name
        apply_model(result, parsed, model, lines, reading)
        if result.vendor.name != vendor_before:
            _choose_buyer(result, party_lines)  # the buyer is never the vendor the model chose
            # read again, the buyer's confidence is the rules' own: made the model's probability as
            # every rule field's is (it had reached the user uncalibrated)
            calibrate_rule_fields(result, model, lines, (ibans, vat_ids), ("buyer.name",))
    _not_the_buyer(result, party_lines, buyers)
    _buyer_vat(result, vat_ids, party_lines, buyers, theirs)
    if any(line.ocr for line in lines):  # a legal form OCR read with look-alikes ("Sp. z 0.0."), read back
        result.vendor.name = with_legal_form_read_back(result.vendor.name)
        result.buyer.name = with_legal_form_read_back(result.buyer.name)
    if templates:
        apply_templates(result, text, templates)
    return result


def _not_the_buyer(result: InvoiceExtraction, lines: Sequence[Line], buyers: BuyerZone) -> None:
    """One party is never both: a name read as the vendor that is the buyer's name, printed in the block a
    buyer's label heads ("Invoice address", "Factuuradres", "Rechnungsanschrift"), is the buyer's. A page
    whose seller's name is only in its logo reads so; the vendor then stays unread (a person names it)
    rather than the buyer paying itself. A self-billed invoice is the buyer's own print and is left be."""
    vendor, buyer = result.vendor.name, result.buyer.name
    if not vendor or not buyer or " ".join(vendor.split()).casefold() != " ".join(buyer.split()).casefold():
        return
    evidence = result.fields.get("vendor.name")
    line = next(
        (
            line
            for line in lines
            if evidence is not None
            and line.page == evidence.page
            and line.text.strip() == (evidence.text or "").strip()
        ),
        None,
    )
    if line is None or not buyers.covers_text(line, vendor) or self_billed(lines):
        return
    result.vendor.name = None
    result.vendor.address = None
    reason = "the only seller's name read is the buyer's, in the block a buyer's label heads"
    result.fields["vendor.name"] = missing(reason)
    result.fields["vendor.address"] = missing(reason)


COUNTRY_CURRENCY_CONFIDENCE = 0.5
"""An invoice naming no currency, read in its seller's country's: likely, never sure (a person confirms)."""
LANGUAGE_CURRENCY_CONFIDENCE = 0.4
"""… read in its language's only currency (a pack's): less sure still (German is written in Switzerland)."""


def _implied_currency(result: InvoiceExtraction, language: str) -> None:
    """An invoice that names no currency at all ("Totale 2.666,92"): the currency of its seller's country,
    from the prefix of the seller's IBAN, else of its VAT id, else the country of the national scheme its
    tax id is printed in (a Brazilian CNPJ); else the one currency of its language's pack (none for
    English). At a confidence that keeps the invoice with a person."""
    countries: dict[str, str] = conventions()["country_currencies"]
    printed = result.fields.get("vendor.vat_id")
    national = next(
        (
            hit.scheme.split(".", 1)[0].upper()
            for hit in find_tax_ids(printed.text or "" if printed is not None else "")
            if hit.value == result.vendor.vat_id
        ),
        "",
    )  # a national scheme's id ("12.345.678/0001-95", a CNPJ: br.cnpj) names its country
    for value, what in (
        (result.vendor.iban, "IBAN"),
        (result.vendor.vat_id, "VAT id"),
        (national, "tax id"),
    ):
        country = (value or "")[:2].upper()
        if country in countries:
            result.currency = countries[country]
            result.fields["currency"] = found(
                None,
                confidence=COUNTRY_CURRENCY_CONFIDENCE,
                reason=f"no currency printed: the seller's {what} is from {country}",
            )
            return
    code = locale_pack(language).get("currency")
    if isinstance(code, str):
        result.currency = code
        result.fields["currency"] = found(
            None,
            confidence=LANGUAGE_CURRENCY_CONFIDENCE,
            reason=f"no currency printed: the amounts of an invoice in {language}",
        )


def _self_billing_parties(
    result: InvoiceExtraction,
    lines: Sequence[Line],
    head: SenderHead,
    name_line: Line,
    buyer_line: Line | None,
) -> Line | None:
    """A self-billed invoice (the buyer issues it for its supplier): the letterhead read as the seller is
    the buyer, the supplier its seller (`self_billing_seller`). Returns the buyer's line."""
    seller = self_billing_seller(head, name_line, result.vendor.name or "", result.buyer.name, buyer_line)
    if seller is None or seller[0] == result.vendor.name:
        return buyer_line
    name, line = seller
    issuer = result.vendor.name
    reason = "self-billed invoice: the issuer's letterhead is the buyer's, the party it bills for the seller"
    result.vendor.name = name
    result.fields["vendor.name"] = found(
        line.text, confidence=0.6, page=line.page, bbox=text_box(line, name), reason=reason
    )
    address = read_vendor_address(lines, line, name)
    result.vendor.address = address[0] if address is not None else None
    result.fields["vendor.address"] = (
        found(address[1].text, confidence=0.5, page=address[1].page, bbox=text_box(address[1], None))
        if address is not None
        else missing("no postcode-and-town line closes a block under the vendor name")
    )
    result.buyer.name = issuer
    result.fields["buyer.name"] = found(
        name_line.text, confidence=0.6, page=name_line.page, bbox=text_box(name_line, issuer), reason=reason
    )
    return name_line


def _choose_buyer(
    result: InvoiceExtraction, lines: Sequence[Line], payee: tuple[SenderHead, tuple[int, int]] | None = None
) -> Line | None:
    """The buyer: the name under a buyer label, else the first company name at the top of the first
    page that is not the vendor's, else the name heading the block beside the payee's block (``payee``:
    the head read and that block's head, where one was found). Returns the line the buyer's name was
    read from."""
    buyer, buyer_line = choose_buyer_name(lines, result.vendor.name)
    if buyer is None:
        buyer, buyer_line = customer_box_name(lines, result.vendor.name)
    if buyer is None:
        buyer, buyer_line = address_window_buyer(lines, result.vendor.name)
    if buyer is None and payee is not None:
        buyer, buyer_line = beside_the_payee_name(*payee, result.vendor.name) or (None, None)
    result.buyer.name = buyer
    result.fields["buyer.name"] = (
        found(buyer_line.text, confidence=0.6, page=buyer_line.page, bbox=text_box(buyer_line, buyer))
        if buyer and buyer_line
        else missing(NOT_FOUND)
    )
    return buyer_line if buyer else None


BUYER_BLOCK_LINES = 5
"""Lines under the buyer's name that are its block (street, town, country, VAT id)."""


_EMPLOYER_ID_LABEL = re.compile(
    r"(?:" + "|".join(word_entries("employer_id_labels")) + r")\s*[:#.]?\s*$", re.IGNORECASE
)
"""A label naming a number the employer's, right before it ("EIN 13-1329905", "FEIN:")."""


def _employer_labelled(vat: Found) -> bool:
    """The id's own label names it the employer's number (a US EIN), not the tax id."""
    at = vat.line.text.find(vat.text)
    return at > 0 and _EMPLOYER_ID_LABEL.search(vat.line.text, max(0, at - 30), at) is not None


BUYER_COLUMN_RUN_LINES = 8
"""Lines under the buyer's name that hold nothing but a cell in its column (an address block set apart
on the right: street, town, postcode, country, its VAT label and id) read as its block."""
BUYER_COLUMN_SLACK = 6
"""Columns a block's line may start off the buyer's name."""
BUYER_COLUMN_GAP = 30
"""Columns right of the buyer's name where a block set beside it begins: its lines, printed between the
block's own, neither end the block nor belong to it."""


def _buyer_column_run(lines: Sequence[Line], buyer_line: Line, column: int) -> set[int]:
    """Indexes of the lines right under the buyer's name each holding only a cell in its column: the
    buyer's block however many lines it runs to (a block set apart, nothing else on its lines; the
    lines of a block beside it on the right, read between its own where the two differ in line
    spacing, are passed over)."""
    at = next((pos for pos, line in enumerate(lines) if line is buyer_line), None)
    run: set[int] = set()
    if at is None:
        return run
    for line in lines[at + 1 : at + 1 + BUYER_COLUMN_RUN_LINES]:
        if line.page != buyer_line.page or not line.cells:
            break
        if all(cell.start > column + BUYER_COLUMN_GAP for cell in line.cells):
            continue  # a line of the block beside it on the right (the facts), between the block's lines
        if len(line.cells) != 1 or abs(line.cells[0].start - column) > BUYER_COLUMN_SLACK:
            break
        run.add(line.index)
    return run


def _set_seller_vat(result: InvoiceExtraction, seller_vats: Sequence[Found], none_reason: str) -> None:
    """The first of ``seller_vats`` as the vendor's VAT id (or none, for ``none_reason``)."""
    if not seller_vats:
        result.vendor.vat_id = None
        result.fields["vendor.vat_id"] = missing(none_reason)
        return
    result.vendor.vat_id = seller_vats[0].value
    result.fields["vendor.vat_id"] = found(
        seller_vats[0].text,
        confidence=0.9,
        page=seller_vats[0].line.page,
        bbox=text_box(seller_vats[0].line, seller_vats[0].text),
        reason=None if seller_vats[0].checked else "read as printed: its check digits fail",
    )


def _known_vendors_vat(result: InvoiceExtraction, vendor: KnownVendor, vat_ids: Sequence[Found]) -> None:
    """A known vendor identified by its VAT id printed on the page: that id is the seller's, whatever stands
    nearer the name read (a renamed seller's new name beside the buyer's id, say)."""
    printed = next((v for v in vat_ids if vendor.vat_id and _norm(v.value) == _norm(vendor.vat_id)), None)
    if printed is None or result.vendor.vat_id == printed.value:
        return
    _take_seller_vat(
        result, printed, f"the VAT id of known vendor {vendor.erp_id}, printed: it identified the vendor"
    )


def _take_seller_vat(result: InvoiceExtraction, vat: Found, reason: str) -> None:
    """`vat` as the seller's VAT id, for `reason`."""
    result.vendor.vat_id = vat.value
    result.fields["vendor.vat_id"] = found(
        vat.text, confidence=0.9, page=vat.line.page, bbox=text_box(vat.line, vat.text), reason=reason
    )


def _in_buyer_block(vat: Found, buyer: str | None, buyer_line: Line | None, lines: Sequence[Line]) -> bool:
    """Whether a VAT id stands in the buyer's block: the lines under the buyer's name, in its column (at
    any place its line prints the name: a ship-to block beside may name the buyer too; a name wrapped over
    two lines by the words its first line prints)."""
    if buyer_line is None or not buyer or vat.line.page != buyer_line.page:
        return False
    words = buyer.split()
    shown = next(
        (" ".join(words[:n]) for n in range(len(words), 0, -1) if " ".join(words[:n]) in buyer_line.text), ""
    )  # (the name whole, else the words of it its first line prints)
    columns = [m.start() for m in re.finditer(re.escape(shown), buyer_line.text)] if shown else []
    for column in columns:
        cell = cell_at(vat.line, column, column + len(shown))
        if cell is None or abs(cell.start - column) > 6 or vat.text not in cell.text:
            continue
        if 0 < vat.line.index - buyer_line.index <= BUYER_BLOCK_LINES or vat.line.index in (
            _buyer_column_run(lines, buyer_line, column)
        ):
            return True
        if _column_block(lines, buyer_line, vat.line, column):
            return True
    return False


BLOCK_LINE_GAP = 1.8
"""Line heights (font sizes) two lines of one block stand apart at most, top to top."""


def _column_block(lines: Sequence[Line], top: Line, bottom: Line, column: int) -> bool:
    """Whether ``top`` and ``bottom`` are lines of one block set in ``column``: at most
    BUYER_COLUMN_RUN_LINES apart, every line between with a cell starting in the column, each under the
    last by no more than BLOCK_LINE_GAP line heights (where word boxes tell; another column's cells on the
    lines, a ship-to block beside, are let be)."""
    if not 0 < bottom.index - top.index <= BUYER_COLUMN_RUN_LINES:
        return False
    run = [line for line in lines if top.index <= line.index <= bottom.index and line.page == top.page]
    last: float | None = None
    for line in run:
        cell = next((c for c in line.cells if abs(c.start - column) <= BUYER_COLUMN_SLACK), None)
        if cell is None:
            return False
        boxes = [w.word for w in line.words if cell.start <= w.start < cell.end]
        if boxes:
            y, size = min(b.y0 for b in boxes), max((b.font_size or (b.y1 - b.y0)) for b in boxes)
            if last is not None and y - last > BLOCK_LINE_GAP * size:
                return False
            last = y
    return True


def _buyer_vat(
    result: InvoiceExtraction,
    vat_ids: Sequence[Found],
    lines: Sequence[Line],
    buyers: BuyerZone,
    theirs: Sequence[Found],
) -> None:
    """The buyer's VAT id, only where the page places it as the buyer's: under a label naming it the
    buyer's ("your VAT id", "TVA client"), in the block a buyer label heads, or in the block beside the
    payee's (``theirs``). Not the seller's id, and only an id whose check digits hold; none placed, or two
    different ones placed, leave it None: an id not placed is never guessed to be the buyer's (a vendor
    prints a second registration of its own in its footer, lines under an unlabelled buyer name)."""
    seller = _norm(result.vendor.vat_id or "")
    placed: dict[str, Found] = {}
    for vat in vat_ids:
        value = _norm(vat.value)
        if not vat.checked or not value or value == seller:
            continue
        if (
            is_buyers_vat(vat, lines)
            or buyers.covers_text(vat.line, vat.text)
            or any(vat is other for other in theirs)
        ):
            placed.setdefault(value, vat)
    if len(placed) != 1:
        result.buyer.vat_id = None
        return
    value, vat = next(iter(placed.items()))
    result.buyer.vat_id = value
    result.fields["buyer.vat_id"] = found(
        vat.text, confidence=0.8, page=vat.line.page, bbox=text_box(vat.line, vat.text)
    )


def _seller_vat_beside_the_parties(
    result: InvoiceExtraction,
    seller_vats: Sequence[Found],
    buyer_line: Line | None,
    lines: Sequence[Line] = (),
) -> None:
    """With the parties named, the seller's VAT id among several: not one in the buyer's block (the
    lines under the buyer's name, in its column, where no buyer label marked it), and the one printed
    on a line with the vendor's name (a legal footer) before the others."""
    if len(seller_vats) < 2:
        return
    buyer, vendor = result.buyer.name, (result.vendor.name or "").casefold()

    outside = [vat for vat in seller_vats if not _in_buyer_block(vat, buyer, buyer_line, lines)]
    if not outside:
        return
    # a number labelled as the employer's (a US EIN) gives way to one labelled as the tax id
    declared = [vat for vat in outside if not _employer_labelled(vat)] or outside
    chosen = next((vat for vat in declared if vendor and vendor in vat.line.text.casefold()), declared[0])
    if chosen is seller_vats[0]:
        return
    _take_seller_vat(
        result,
        chosen,
        "the seller's VAT id: not in the buyer's block, beside the seller's name where printed so",
    )


_CORRECTION = word_pattern("correction")
"""A corrected invoice (UNTDID 384) is an invoice, whatever the sign of its total."""


TITLE_LINES = 60
"""The title is looked for in this many lines from the top of the first page."""
_NOT_TITLES = ("buyer_section", "vendor_section", "invoice_date", "due_date")
"""Labels an invoice word may open without being the title: "Invoice to", "Invoice date"."""


def document_type(
    lines: Sequence[Line], total: Decimal | None, *, language: str | None = None
) -> tuple[DocumentType, str | None, str | None, float]:
    """Invoice or credit note, from the title and the sign of the total: (type, span, reason,
    confidence).

    The title is the credit-note or invoice word that opens a cell near the top of the first page,
    wherever it stands (after a buyer block, in a right-hand column), the one printed largest where
    the page has word boxes, else the first; an invoice word opening another label ("INVOICE TO",
    "Invoice date") is no title. A credit-note title makes a credit note whatever the sign of its
    amounts; one qualified by an invoice word ("Gutschrift (Abrechnung des Auftraggebers)", a
    self-billed invoice) or a correction ("Rechnungskorrektur", UNTDID 384) is an invoice, unless the
    correction is qualified as crediting ("Rechnungskorrektur (Gutschrift)"). A credit-note word that
    is no title ("minus Gutschrift 10,00") decides nothing."""
    negative = total is not None and total < 0
    title = _title(lines, language)
    if title is not None and title[2] == "credit_note":
        hit, line, _ = title
        # (an invoice word inside a reference to the credited invoice, "Gutschrift zur Rechnung 4711",
        # qualifies nothing)
        references = find_labels("preceding_invoice", line.text)
        qualified = [
            h
            for h in find_labels("invoice_title", line.text)
            if h.start >= hit.end
            and not re.search(r"\d", line.text[hit.end : h.start])
            and not any(r.start <= h.start < r.end for r in references)
        ]
        if qualified:
            return (
                DocumentType.INVOICE,
                line.text.strip(),
                f"'{hit.text}' is qualified as an invoice ('{qualified[0].text}'): a self-billed invoice",
                0.7,
            )
        if _CORRECTION.search(hit.text):
            crediting = [
                h
                for h in find_labels("credit_note", line.text)
                if h.start >= hit.end and not _CORRECTION.search(h.text)
            ]
            if crediting:  # "Rechnungskorrektur (Gutschrift)", "Factura rectificativa (abono)"
                return (
                    DocumentType.CREDIT_NOTE,
                    line.text.strip(),
                    f"'{hit.text}' is a correction that credits ('{crediting[0].text}')",
                    0.85,
                )
            credit_number = _credit_number_label(lines)
            if credit_number is not None or negative:
                because = f"its number is labelled '{credit_number}'" if credit_number else f"total {total}"
                return (
                    DocumentType.CREDIT_NOTE,
                    line.text.strip(),
                    f"'{hit.text}' is a correction that credits ({because})",
                    0.8,
                )
            return (
                DocumentType.INVOICE,
                line.text.strip(),
                f"'{hit.text}': a corrected invoice (UNTDID 384), amounts as printed",
                0.7,
            )
        return DocumentType.CREDIT_NOTE, line.text.strip(), f"titled '{hit.text}'", 0.85
    if negative:
        return DocumentType.CREDIT_NOTE, f"negative total {total}", None, 0.7
    credit_number = _credit_number_label(lines) if title is None or title[2] != "credit_note" else None
    if credit_number is not None:
        return DocumentType.CREDIT_NOTE, credit_number, f"its number is labelled '{credit_number}'", 0.75
    if title is not None:
        return DocumentType.INVOICE, title[1].text.strip(), f"titled '{title[0].text}'", 0.8
    return DocumentType.INVOICE, None, "no credit-note title and the total is not negative", 0.7


def _reference_as_title(lines: Sequence[Line]) -> Line | None:
    """The page's first line when it opens with words that elsewhere name a credited invoice ("Original
    invoice #25000042" as opposed to a copy) on a page that names no credit note or correction anywhere and
    labels no other number as the document's: its own title and number, not a reference to another one."""
    first = next((line for line in lines if line.text.strip()), None)
    if first is None or first.page != lines[0].page:
        return None
    hits = find_labels("preceding_invoice", first.text)
    if not hits or first.text[: hits[0].start].strip():
        return None
    if any(find_labels("credit_note", line.text) for line in lines):
        return None
    if any(find_labels("invoice_number", line.text) for line in lines if line is not first):
        # ("zu Rechnung Nr. 2026117" over "Beleg-Nr. GS/042": the document's own number is labelled)
        return None
    return first


def _credit_number_label(lines: Sequence[Line]) -> str | None:
    """A number label at the top of the first page that names a credit note ("Gutschrift-Nr.",
    "Credit note no.", "Nº de abono"), not a correction: the label of a credit note's own number,
    whatever the title says (or where none is printed)."""
    page = lines[0].page if lines else 1
    for line in lines[:TITLE_LINES]:
        if line.page != page:
            break
        for hit in find_labels("invoice_number", line.text):
            credits = find_labels("credit_note", hit.text)
            if (
                credits
                and not any(_CORRECTION.search(c.text) for c in credits)
                and not find_labels("preceding_invoice", line.text[max(0, hit.start - 20) : hit.end])
            ):
                return hit.text.strip()
    return None


def _title(lines: Sequence[Line], language: str | None = None) -> tuple[LabelHit, Line, str] | None:
    """The document's title word: (hit, line, kind credit_note or invoice_title), or None. A credit-note
    word of another language than the document's (``language``) that opens a longer run of words is
    no title."""
    page = lines[0].page if lines else 1
    found: list[tuple[float, int, LabelHit, Line, str]] = []
    for order, line in enumerate(lines[:TITLE_LINES]):
        if line.page != page:
            break
        for kind in ("credit_note", "invoice_title"):
            for hit in [*find_labels(kind, line.text), *_spaced_out_labels(kind, line)]:
                if not _opens_cell(line, hit.start):
                    continue
                if kind == "credit_note" and _foreign_word_opening_words(line, hit, language):
                    continue
                if kind == "invoice_title" and any(
                    other.start <= hit.start and other.end > hit.end
                    for label in _NOT_TITLES
                    for other in find_labels(label, line.text)
                ):
                    continue
                size = max(
                    (w.word.font_size or 0.0 for w in line.words if hit.start <= w.start < hit.end),
                    default=0.0,
                )
                found.append((round(size), order * 10000 + hit.start, hit, line, kind))
    if not found:
        return None
    _, _, hit, line, kind = min(found, key=lambda item: (-item[0], item[1]))
    return hit, line, kind


def _foreign_word_opening_words(line: Line, hit: LabelHit, language: str | None) -> bool:
    """A credit-note word of another language than the document's, which the document's own pack does
    not spell so, followed in its cell by a word: a word of the document's language that looks like it
    (an item "Abonament mentenanță" on a Romanian receipt is a subscription, the Catalan credit note's
    word), not a title."""
    if language is None or hit.language == language:
        return False
    own = locale_pack(language).get("labels", {}).get("credit_note", [])
    if any(re.fullmatch(pattern, hit.text, re.IGNORECASE) for pattern in own):
        return False
    cell = cell_holding(line, hit.start)
    rest = line.text[hit.end : cell.end if cell is not None else len(line.text)]
    return re.match(r"\s+[^\W\d_]{2,}", rest) is not None


def _same_cell(line: Line, first: int, second: int) -> bool:
    """Whether two places of a line stand in one cell."""
    cell = cell_holding(line, first)
    return cell is not None and cell is cell_holding(line, second)


_SPACED_OUT_RE = re.compile(r"(?<!\S)[^\W\d_](?: +[^\W\d_]){3,}(?!\S)")
"""Four or more single letters apart ("N O T A  D E  C R É D I T O"): a title typed with a space after
every letter, which the reader keeps as one-letter words (it joins only letters set apart by tracking)."""

SPACED_WORD_GAP = 1.5
"""How much wider than the narrowest gap between a spaced-out title's letters the gap between two of
its words is (a word gap is typed as two or three spaces)."""


def _spaced_out_labels(kind: str, line: Line) -> list[LabelHit]:
    """Labels of ``kind`` in a title typed with a space after every letter, read with its letters joined
    and a space where the gap is wider (words placed on the page, else the spaces typed): each hit
    spans its letters on the line."""
    hits: list[LabelHit] = []
    for run in _SPACED_OUT_RE.finditer(line.text):
        letters = [m.start() for m in re.finditer(r"\S", run.group(0))]
        offsets = [run.start() + k for k in letters]
        placed = {w.start: w.word for w in line.words if w.end - w.start == 1}
        if all(k in placed for k in offsets):
            gaps = [placed[b].x0 - placed[a].x1 for a, b in pairwise(offsets)]
        else:
            gaps = [float(b - a - 1) for a, b in pairwise(offsets)]
        narrowest = max(min(gaps), 0.5)
        text, where = line.text[offsets[0]], [offsets[0]]
        for gap, offset in zip(gaps, offsets[1:], strict=True):
            if gap > narrowest * SPACED_WORD_GAP:
                text, where = text + " ", [*where, offset]
            text, where = text + line.text[offset], [*where, offset]
        for hit in find_labels(kind, text):
            start, end = where[hit.start], where[hit.end - 1] + 1
            hits.append(LabelHit(hit.kind, start, end, hit.text, hit.language))
    return hits


def _opens_cell(line: Line, start: int) -> bool:
    return any(cell.start <= start <= cell.start + 1 for cell in line.cells)


def _match_known(
    vendors: Sequence[KnownVendor], vat_ids: Sequence[str], ibans: Sequence[str]
) -> tuple[KnownVendor, str] | None:
    vats = {_norm(v) for v in vat_ids}
    accounts = {_norm(i) for i in ibans}
    for vendor in vendors:
        if vendor.vat_id and _norm(vendor.vat_id) in vats:
            return vendor, f"VAT id {_norm(vendor.vat_id)}"
        if vendor.iban and _norm(vendor.iban) in accounts:
            return vendor, f"IBAN {_norm(vendor.iban)}"
    return None
