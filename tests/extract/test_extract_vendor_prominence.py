"""GIVEN a letterhead whose sender's name is set large over a tagline in body text WHEN the seller is
chosen THEN the large name is the seller, not the tagline right above the address."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf


def _letter(name_size: float) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=name_size)
    pdf.text(20, 20, "Oskar Lindgren")
    pdf.set_font("Helvetica", size=9)
    rows = [
        (20, 27, "Landscape Photography & Prints"),
        (20, 32, "14 Harbour Lane"),
        (20, 37, "Whitby YO21 3PU"),
        (20, 55, "INVOICE"),
        (20, 62, "Bill to: Moorland Hotels LLP"),
        (130, 62, "Invoice no.: OL-118"),
        (130, 67, "Date: 12 March 2025"),
        (20, 85, "Framed print, 60 x 40 cm"),
        (160, 85, "240.00"),
        (20, 92, "Delivery"),
        (160, 92, "15.00"),
        (120, 104, "Total due"),
        (160, 104, "GBP 255.00"),
    ]
    for x, y, text in rows:
        pdf.text(x, y, text)
    return bytes(pdf.output())


def test_the_name_set_large_is_the_seller_not_the_tagline_over_the_address() -> None:
    result = extract_invoice(read_pdf(_letter(18)), engine="rules")
    assert result.vendor.name == "Oskar Lindgren"
    assert result.buyer.name == "Moorland Hotels LLP"
