"""GIVEN a letterhead whose name is set large over two lines ("NORTHFIELD JOINERY" / "WORKS"), the owner's
line and the address under it WHEN the seller is chosen THEN the whole name is the seller, not its first
line alone: the name read across the lines the layout wrapped it onto outranks its first line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fpdf import FPDF

from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf


def _letter(first: str, second: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.text(25, 30, first)
    pdf.text(25, 37, second)
    pdf.set_font("Helvetica", size=10)
    rows = [
        (25, 44, "Proprietor: Megan Ashdown"),
        (25, 49, "90 Mill Lane"),
        (25, 54, "Leeds LS2 7HY"),
        (25, 70, "Bill To:"),
        (25, 75, "Lucy Kendal"),
        (25, 80, "Unit 60, Canal Wharf"),
        (25, 85, "Leeds LS2 7HY"),
        (25, 100, "Invoice Number:"),
        (80, 100, "F2024/265"),
        (25, 105, "Invoice Date:"),
        (80, 105, "27/02/2024"),
        (25, 120, "Materials"),
        (160, 120, "GBP 240.00"),
        (120, 130, "TOTAL"),
        (160, 130, "GBP 240.00"),
    ]
    for x, y, text in rows:
        pdf.text(x, y, text)
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("first", "second"), [("NORTHFIELD JOINERY", "WORKS"), ("HALLORAN GARDEN", "STUDIO")]
)
def test_a_name_set_large_over_two_lines_is_read_whole(first: str, second: str) -> None:
    result = extract_invoice(read_pdf(_letter(first, second)), engine="rules")
    assert result.vendor.name == f"{first} {second}"
