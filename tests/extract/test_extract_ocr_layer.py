"""GIVEN a scan with an OCR engine's invisible text layer (render mode 3, each word placed on its own, the gap
after a word about a character wider than the page shows, as Tesseract's PDF renderer writes it) WHEN read THEN
the page is an OCR layer, laid out as OCR's words are: the words of a name or a figure stay one cell, table
columns stay apart."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.ingest.readers.pdf import read_pdf

ROWS = (
    (60.0, ["Heidepark", "Bouw", "NV"], 320.0, ["Factuur"]),
    (90.0, ["Totaal", "excl.", "btw"], 320.0, ["14", "455,90", "EUR"]),
)


def _scan(mode: int) -> bytes:
    """The rows word by word in render ``mode``, each word followed by a gap of 1.7 character widths."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    gap = 1.7 * pdf.get_string_width("x")
    with pdf.local_context(text_mode=mode):
        for y, left, column, right in ROWS:
            for x, words in ((40.0, left), (column, right)):
                for word in words:
                    pdf.text(x, y, word)
                    x += pdf.get_string_width(word) + gap
    return bytes(pdf.output())


def _cells(text: str) -> list[list[str]]:
    return [re.split(r" {2,}", line.strip()) for line in text.splitlines() if line.strip()]


def test_an_ocr_layer_keeps_the_words_of_a_cell_together_and_the_columns_apart() -> None:
    page = read_pdf(_scan(3)).pages[0]
    assert page.source == "ocr_layer"
    assert _cells(page.text) == [["Heidepark Bouw NV", "Factuur"], ["Totaal excl. btw", "14 455,90 EUR"]]


def test_text_shown_on_the_page_is_a_text_layer() -> None:
    page = read_pdf(_scan(0)).pages[0]
    assert page.source == "text_layer"
    assert [len(cells) for cells in _cells(page.text)] != [2, 2]  # its grid reads such gaps as cells


def test_fields_read_from_an_ocr_layer_keep_ocrs_doubt() -> None:
    # GIVEN a scan whose only text is an OCR engine's invisible layer
    from unittest import mock

    from opsloop.extract import extract_invoice
    from opsloop.ocr.confidence import load_calibration

    parsed = read_pdf(_scan(3))
    # WHEN the rules engine reads it
    result = extract_invoice(parsed, engine="rules")
    with mock.patch("opsloop.extract.discount_ocr_fields", lambda extraction, _parsed: extraction):
        as_text = extract_invoice(parsed, engine="rules")
    # THEN its fields are marked as read from OCR text, each with the OCR layer's fitted probability of
    # its reading, none surer than the same reading from a text layer
    assert result.extraction_method.startswith("ocr+")
    for name, evidence in result.fields.items():
        text = as_text.fields[name].confidence
        assert evidence.confidence <= text
        assert evidence.confidence == round(load_calibration().probability("ocr_layer", name, text, 1.0), 4)
    # (the same page shown as text keeps the text layer's method)
    assert not extract_invoice(read_pdf(_scan(0)), engine="rules").extraction_method.startswith("ocr+")
