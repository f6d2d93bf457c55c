"""GIVEN a scan's OCR layer (invisible words, each followed by the gap the OCR engine measured) whose large
or bold type came out as boxes narrower than the printed glyphs WHEN read THEN a gap about as wide as the
page's other spaces, in the words' heights, keeps the words one cell (a heading's name, a grouped figure),
while a table's columns and a ruled box's bars still separate cells."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.ingest.readers.pdf import read_pdf

BODY = (
    (120.0, ["Invoice", "number"], 320.0, ["A-1042"]),
    (140.0, ["Invoice", "date"], 320.0, ["3", "May", "2026"]),
    (160.0, ["Total", "excl.", "VAT"], 320.0, ["14", "455,90", "EUR"]),
    (180.0, ["Payment", "terms"], 320.0, ["net", "30", "days"]),
)


def _scan(heading: list[str], stretch: float) -> bytes:
    """An OCR layer: the body rows in 10 pt and a heading row in 20 pt set ``stretch`` per cent wide (its
    boxes narrower than its gaps, as an OCR layer's large type comes out), every gap 1.7 widths of an "x"
    of its own type."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    with pdf.local_context(text_mode=3):
        pdf.set_font("Helvetica", size=20)
        gap = 1.7 * pdf.get_string_width("x")
        pdf.set_stretching(stretch)
        x = 40.0
        for word in heading:
            pdf.text(x, 80.0, word)
            x += pdf.get_string_width(word) + gap
        pdf.set_stretching(100)
        pdf.set_font("Helvetica", size=10)
        gap = 1.7 * pdf.get_string_width("x")
        for y, left, column, right in BODY:
            for x, words in ((40.0, left), (column, right)):
                for word in words:
                    pdf.text(x, y, word)
                    x += pdf.get_string_width(word) + gap
    return bytes(pdf.output())


def _cells(text: str) -> list[list[str]]:
    return [re.split(r" {2,}", line.strip()) for line in text.splitlines() if line.strip()]


def test_a_narrow_set_heading_stays_one_cell_at_the_pages_word_spacing() -> None:
    page = read_pdf(_scan(["Prairie", "Software", "Corp."], 55)).pages[0]
    assert page.source == "ocr_layer"
    cells = _cells(page.text)
    assert cells[0] == ["Prairie Software Corp."]
    assert cells[1:] == [
        ["Invoice number", "A-1042"],
        ["Invoice date", "3 May 2026"],
        ["Total excl. VAT", "14 455,90 EUR"],
        ["Payment terms", "net 30 days"],
    ]


def test_a_ruled_boxs_bar_still_separates_cells() -> None:
    page = read_pdf(_scan(["INV-1042", "|", "3", "May", "2026", "|", "K72574"], 55)).pages[0]
    assert _cells(page.text)[0] == ["INV-1042", "|", "3 May 2026", "|", "K72574"]


LABELS = ["Subtotal", "VAT 21%", "Total", "Amount due", "Due date", "Reference"]
VALUES = ["1 000,00", "210,00", "1 210,00", "1 210,00", "30/06/2026", "RF18 5390 0754 7034"]


def _turned_scan(slope: float) -> bytes:
    """An OCR layer of a scan turned by ``slope`` (height over width): each line's words set along the
    line's baseline as the engine found it, the labels' block written first, then the values' block, so
    that a label and its value 360 points to the right lie ``360 * slope`` points apart in height."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    gap = 1.7 * pdf.get_string_width("x")
    with pdf.local_context(text_mode=3):
        for column, texts in ((40.0, LABELS), (400.0, VALUES)):
            for at, text in enumerate(texts):
                x = column
                for word in text.split():
                    pdf.text(x, 100.0 + 12.0 * at + slope * x, word)
                    x += pdf.get_string_width(word) + gap
    return bytes(pdf.output())


def test_a_turned_scans_label_and_value_stay_on_one_line() -> None:
    page = read_pdf(_turned_scan(0.014)).pages[0]  # (0.8 degrees)
    assert page.source == "ocr_layer"
    assert _cells(page.text) == [[label, value] for label, value in zip(LABELS, VALUES, strict=True)]
