"""Grounding: every value the model extracted must appear in the source text, modulo formatting.

Ids (invoice number, VAT id, IBAN, PO numbers, SKUs) must appear with only spaces, punctuation and
case ignored; free text (names, addresses, descriptions) word by word; amounts as any number the
document prints (any locale; sign ignored, so a credit note's -100.00 printed as 100,00 counts);
dates as any date the document prints (either day/month order); the currency as a code, symbol or
word the document uses. Units are not checked (they may be normalised to UN/ECE codes). A line's
price basis must be one (10, 100, 1000, 10000) and printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from opsloop.domain.invoices import VendorExtraction
from opsloop.extract.llm.answer import PRICE_BASES, InvoiceFields, LineAnswer
from opsloop.extract.rules.currency import currencies_in
from opsloop.extract.rules.dates import find_dates
from opsloop.extract.rules.numbers import find_amounts, parse_number

_TOKEN_RE = re.compile(r"\d+(?:[.,'\u00a0\u202f]\d+)*")
_WORD_RE = re.compile(r"\w+")


def norm(text: str) -> str:
    """Lower case, letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@dataclass
class SourceLine:
    page: int
    text: str
    norm: str
    numbers: set[Decimal] = field(default_factory=set)
    dates: set[date] = field(default_factory=set)
    currencies: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)


@dataclass
class Source:
    """The document's lines with the numbers, dates, currencies and words each one holds."""

    lines: list[SourceLine]
    full_norm: str

    @classmethod
    def from_pages(cls, pages: list[tuple[int, str]]) -> Source:
        lines: list[SourceLine] = []
        for page, text in pages:
            for raw in text.splitlines():
                if not raw.strip():
                    continue
                line = SourceLine(page=page, text=" ".join(raw.split()), norm=norm(raw))
                for hint in (",", "."):
                    line.numbers.update(a.value for a in find_amounts(raw, decimal_hint=hint))
                    for token in _TOKEN_RE.findall(raw):
                        value = parse_number(token, decimal_hint=hint)
                        if value is not None:
                            line.numbers.add(value)
                line.numbers.update([-n for n in line.numbers])
                for day_first in (True, False):
                    line.dates.update(d.value for d in find_dates(raw, day_first=day_first))
                line.currencies.update(currencies_in(raw))
                line.currencies.update(re.findall(r"\b[A-Z]{3}\b", raw))
                line.words.update(w.casefold() for w in _WORD_RE.findall(raw))
                lines.append(line)
        return cls(lines=lines, full_norm="".join(line.norm for line in lines))

    # each finder returns the first line that holds the value, or None
    def find_id(self, value: str) -> SourceLine | None:
        key = norm(value)
        if not key:
            return None
        for line in self.lines:
            if key in line.norm:
                return line
        return self.lines[0] if key in self.full_norm and self.lines else None

    def find_text(self, value: str) -> SourceLine | None:
        hit = self.find_id(value)
        if hit is not None:
            return hit
        words = [w.casefold() for w in _WORD_RE.findall(value) if len(w) >= 2]
        if not words:
            return None
        all_words = set().union(*(line.words for line in self.lines)) if self.lines else set()
        if all(w in all_words or norm(w) in self.full_norm for w in words):
            return next((line for line in self.lines if words[0] in line.words), self.lines[0])
        return None

    def find_number(self, value: Decimal) -> SourceLine | None:
        return next((line for line in self.lines if value in line.numbers), None)

    def find_date(self, value: date) -> SourceLine | None:
        return next((line for line in self.lines if value in line.dates), None)

    def find_currency(self, value: str) -> SourceLine | None:
        code = value.strip().upper()
        return next((line for line in self.lines if code in line.currencies), None)


@dataclass
class Grounding:
    errors: list[str] = field(default_factory=list)
    """One per value that does not appear in the source."""
    spans: dict[str, SourceLine] = field(default_factory=dict)
    """Field name -> the source line the value was found on."""


def _check(result: Grounding, name: str, value: object, line: SourceLine | None, what: str) -> None:
    if line is None:
        result.errors.append(
            f"{name} = {value!s} does not appear in the document ({what}); use null if it is not printed"
        )
    else:
        result.spans.setdefault(name, line)


def ground_lines(lines: list[LineAnswer], source: Source, result: Grounding, *, offset: int = 0) -> None:
    for number, item in enumerate(lines, start=offset + 1):
        prefix = f"lines[{number}]"
        if item.description:
            _check(
                result, f"{prefix}.description", item.description, source.find_text(item.description), "text"
            )
        if item.sku:
            _check(result, f"{prefix}.sku", item.sku, source.find_id(item.sku), "id")
        for attr in ("quantity", "unit_price", "amount", "tax_rate"):
            value = getattr(item, attr)
            if value is not None:
                _check(result, f"{prefix}.{attr}", value, source.find_number(value), "number")
        if item.price_basis is not None:
            if item.price_basis not in PRICE_BASES:
                result.errors.append(
                    f"{prefix}.price_basis = {item.price_basis} is not a price basis "
                    f"({', '.join(str(b) for b in sorted(PRICE_BASES))}); use null for a price per unit"
                )
            else:
                basis = source.find_number(item.price_basis)
                _check(result, f"{prefix}.price_basis", item.price_basis, basis, "number")


def _ground_vendor(vendor: VendorExtraction, source: Source, result: Grounding) -> None:
    if vendor.name:
        _check(result, "vendor.name", vendor.name, source.find_text(vendor.name), "text")
    for attr in ("vat_id", "iban"):
        value = getattr(vendor, attr)
        if value:
            _check(result, f"vendor.{attr}", value, source.find_id(value), "id")
    if vendor.address:
        parts = [p for p in vendor.address.split(",") if p.strip()]
        lines = [source.find_text(p) for p in parts]
        missing = [p.strip() for p, line in zip(parts, lines, strict=True) if line is None]
        _check(
            result,
            "vendor.address",
            "; ".join(missing) or vendor.address,
            None if missing else lines[0],
            "text",
        )


def ground_invoice(fields: InvoiceFields, source: Source, *, with_lines: bool = True) -> Grounding:
    """Every non-null value of the answer checked against the source."""
    result = Grounding()
    _ground_vendor(fields.vendor, source, result)
    if fields.buyer.name:
        _check(result, "buyer.name", fields.buyer.name, source.find_text(fields.buyer.name), "text")
    if fields.invoice_number:
        _check(result, "invoice_number", fields.invoice_number, source.find_id(fields.invoice_number), "id")
    for position, po in enumerate(fields.po_numbers, start=1):
        _check(result, f"po_numbers[{position}]", po, source.find_id(po), "id")
    for name in ("invoice_date", "due_date"):
        value = getattr(fields, name)
        if value is not None:
            _check(result, name, value, source.find_date(value), "date")
    if fields.currency:
        _check(result, "currency", fields.currency, source.find_currency(fields.currency), "currency")
    for name in ("subtotal", "tax_total", "total", "amount_due"):
        value = getattr(fields, name)
        if value is not None:
            _check(result, name, value, source.find_number(value), "number")
    if with_lines:
        ground_lines(fields.lines, source, result)
    return result
