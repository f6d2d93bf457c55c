"""Line-item tables recovered from column alignment, continued across pages.

A header row names the columns (description, quantity, price, amount, ...); rows under it are read
by column position, and the arithmetic (quantity x unit price = amount) settles which number is what.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from opsloop.domain.invoices import InvoiceLineExtraction
from opsloop.extract.rules.layout import Cell, Line
from opsloop.extract.rules.lexicon import find_labels
from opsloop.extract.rules.numbers import find_amounts, parse_number

COLUMN_KINDS: tuple[str, ...] = (
    "col_unit_price",
    "col_amount",
    "col_quantity",
    "col_tax",
    "col_sku",
    "col_description",
    "col_unit",
    "col_position",
)
_STRONG_DESCRIPTION = re.compile(
    r"descr|beschreib|bezeichn|omschrijv|d[ée]signation|libell|concepto|particulars", re.IGNORECASE
)
_STOP_KINDS = ("total", "subtotal", "amount_due")
_TAX_RATE_RE = re.compile(r"^(\d{1,2}(?:[.,]\d{1,2})?)\s?%$")


@dataclass(frozen=True)
class Column:
    kind: str
    start: int
    end: int


def _cell_kind(cell: Cell) -> str | None:
    text = cell.text.strip()
    for kind in COLUMN_KINDS:
        for hit in find_labels(kind, text):
            if hit.start <= 1 and hit.end >= len(text) - 3:
                return kind
    return None


def header_columns(line: Line) -> list[Column] | None:
    """Columns when ``line`` looks like a table header (an amount or price column and two more kinds)."""
    if len(line.cells) < 3:
        return None
    columns: list[Column] = []
    for cell in line.cells:
        kind = _cell_kind(cell)
        if kind is not None:
            columns.append(Column(kind, cell.start, cell.end))
    descriptions = [c for c in columns if c.kind == "col_description"]
    if len(descriptions) >= 2:  # "Item  Description": the weaker word holds item numbers
        texts = {id(c): line.text[c.start : c.end] for c in descriptions}
        keep = next((c for c in descriptions if _STRONG_DESCRIPTION.search(texts[id(c)])), descriptions[-1])
        columns = [
            Column("col_sku", c.start, c.end) if c in descriptions and c is not keep else c for c in columns
        ]
    kinds = {c.kind for c in columns}
    if len(kinds) < 3 or not kinds & {"col_amount", "col_unit_price"}:
        return None
    if len(columns) < len(line.cells) * 0.5:
        return None
    return columns


def _nearest_column(columns: Sequence[Column], start: int, end: int) -> Column:
    centre = (start + end) / 2

    def distance(column: Column) -> float:
        overlap = min(end, column.end) - max(start, column.start)
        if overlap > 0:
            return -overlap
        return min(abs(centre - column.start), abs(centre - column.end))

    return min(columns, key=distance)


def _numbers(cell: Cell, decimal_hint: str | None) -> list[Decimal]:
    return [a.value for a in find_amounts(cell.text, decimal_hint=decimal_hint)]


def _read_row(
    line: Line, columns: Sequence[Column], decimal_hint: str | None
) -> InvoiceLineExtraction | None:
    amount_columns = [c for c in columns if c.kind in ("col_amount", "col_unit_price")]
    numeric_cells: list[tuple[Cell, Decimal]] = []
    texts: list[tuple[Cell, Column]] = []
    tax_rate: Decimal | None = None
    for cell in line.cells:
        column = _nearest_column(columns, cell.start, cell.end)
        rate = _TAX_RATE_RE.match(cell.text.strip())
        if rate:
            tax_rate = parse_number(rate.group(1), decimal_hint=decimal_hint)
            continue
        stripped = re.sub(r"^[€$£₹]\s?|\s?(?:[€$£₹]|EUR|USD|GBP)$", "", cell.text.strip())
        value = parse_number(stripped, decimal_hint=decimal_hint)
        if value is not None and column.kind not in ("col_description", "col_sku"):
            numeric_cells.append((cell, value))
        elif value is not None and column.kind == "col_sku":
            texts.append((cell, column))
        else:
            qty_unit = re.match(r"^(\d+(?:[.,]\d+)?)\s+([A-Za-zÀ-ÿ.²³]{1,6})$", cell.text.strip())
            if qty_unit and column.kind in ("col_quantity", "col_unit", "col_unit_price"):
                parsed = parse_number(qty_unit.group(1), decimal_hint=decimal_hint)
                if parsed is not None:
                    numeric_cells.append((Cell(cell.start, cell.end, qty_unit.group(1)), parsed))
                    texts.append((Cell(cell.start, cell.end, qty_unit.group(2)), Column("col_unit", 0, 0)))
                    continue
            texts.append((cell, column))
    if not numeric_cells or not amount_columns:
        return None
    last_cell, last_value = numeric_cells[-1]
    rightmost = max(c.end for c in amount_columns)
    if last_cell.end < min(c.start for c in amount_columns) - 12 or last_cell.end > rightmost + 25:
        return None
    description_parts = [c.text for c, col in texts if col.kind in ("col_description",)]
    if not description_parts:
        description_parts = [
            c.text for c, col in texts if col.kind not in ("col_sku", "col_unit", "col_position")
        ]
    if not description_parts:
        return None
    description = " ".join(description_parts).strip()
    if find_labels("total", description) or find_labels("subtotal", description):
        return None
    sku = next((c.text for c, col in texts if col.kind == "col_sku"), None)
    unit = next((c.text for c, col in texts if col.kind == "col_unit"), None)
    values = [v for _, v in numeric_cells]
    quantity = unit_price = None
    amount = last_value
    # tax rates sit in a tax column; a whole number there is not the amount
    by_kind: dict[str, Decimal] = {}
    for cell, value in numeric_cells:
        by_kind.setdefault(_nearest_column(columns, cell.start, cell.end).kind, value)
    last_kind = _nearest_column(columns, last_cell.start, last_cell.end).kind
    if last_kind == "col_tax" and len(values) >= 2 and abs(values[-1]) <= 100:
        tax_rate = tax_rate if tax_rate is not None else values[-1]
        values = values[:-1]
        amount = values[-1]
    # the arithmetic decides: q x p = a
    settled = False
    kinds = [_nearest_column(columns, cell.start, cell.end).kind for cell, _ in numeric_cells]
    kinds = kinds[: len(values)]
    best_pair = -1
    for i, q in enumerate(values[:-1]):
        for j, p in enumerate(values[:-1]):
            if i == j or abs(q * p - amount) > Decimal("0.011") * max(Decimal(1), abs(q)):
                continue
            # q x p = p x q: the header's columns, then a whole quantity, settle which is which
            fit = (kinds[i] == "col_quantity") + (kinds[j] == "col_unit_price") + (q == q.to_integral_value())
            if fit > best_pair:
                quantity, unit_price, settled, best_pair = q, p, True, fit
    if not settled:
        quantity = by_kind.get("col_quantity")
        unit_price = by_kind.get("col_unit_price")
        if unit_price == amount and len(values) == 1:
            unit_price = None
    return InvoiceLineExtraction(
        description=description[:300],
        sku=sku,
        quantity=quantity,
        unit=unit,
        unit_price=unit_price,
        amount=amount,
        tax_rate=tax_rate,
    )


def recover_lines(
    lines: Sequence[Line], decimal_hint: str | None
) -> tuple[list[InvoiceLineExtraction], int | None]:
    """Line items from every table in the document; (lines, page of the first row)."""
    result: list[InvoiceLineExtraction] = []
    first_page: int | None = None
    columns: list[Column] | None = None
    stopped = False
    for line in lines:
        header = header_columns(line)
        if header is not None:
            columns, stopped = header, False
            continue
        if columns is None or stopped:
            continue
        head = line.text[: max(60, len(line.text) // 2)]
        if any(find_labels(kind, head) for kind in _STOP_KINDS) and not find_labels(
            "col_description", line.text
        ):
            stopped = True
            continue
        if find_labels("carry_forward", line.text):
            continue  # "Übertrag 3.917,20": the running sum carried across a page break
        row = _read_row(line, columns, decimal_hint)
        if row is not None:
            result.append(row)
            first_page = first_page or line.page
    return result, first_page
