"""What a page must print for its truth to be fair, and whether a page's text layer does.

Every scored truth value of a generated document (names, number, dates, amounts, currency, PO
numbers, VAT id, IBAN, line descriptions and totals) must be readable on its page, in the form the
page prints it; the dataset writer checks each document's text layer against this list and records
any gap in the manifest, so a truth that is not on the page is found, never silently scored."""

from __future__ import annotations

import re

from evals.synth2.scenario import Sheet

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace (line breaks and wrapped cells join), nothing else changed."""
    return _SPACE.sub("", text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))


def expected(sheet: Sheet) -> dict[str, str | tuple[str, ...]]:
    """field -> the string the page prints for it (or the strings one of which it prints)."""
    invoice = sheet.invoice
    out: dict[str, str | tuple[str, ...]] = {
        "vendor": invoice.seller.name,
        "buyer": invoice.buyer.name,
        "invoice_number": invoice.number,
        "invoice_date": sheet.issue,
        "total": sheet.grand_total,
        "subtotal": sheet.net_total,
        "tax_total": sheet.tax_total,
        "amount_due": sheet.amount_due,
        "currency": (
            sheet.grand_money,
            sheet.due_money,
            *([sheet.currency_note] if sheet.currency_note else []),
        ),
    }
    if sheet.due:
        out["due_date"] = sheet.due
    for index, po in enumerate(invoice.po_numbers):
        out[f"po_number[{index}]"] = po
    if invoice.seller.vat_id:
        out["vendor_vat_id"] = invoice.seller.vat_id
    if invoice.seller.iban:
        out["vendor_iban"] = sheet.iban_printed or invoice.seller.iban
    for line in sheet.lines:
        out[f"line[{line.pos}].name"] = line.name
        out[f"line[{line.pos}].total"] = line.total
    return out


def missing(sheet: Sheet, text: str) -> list[str]:
    """The fields whose printed form the text layer lacks."""
    page = squeeze(text)
    gaps = []
    for name, value in expected(sheet).items():
        options = value if isinstance(value, tuple) else (value,)
        if not any(squeeze(option) in page for option in options):
            gaps.append(name)
    return gaps
