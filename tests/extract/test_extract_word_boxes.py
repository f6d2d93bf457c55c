"""GIVEN PDFs with text at known places WHEN read THEN every word keeps its box on the page, the layout
text is built from those positions, and every value the rules engine reports points at where it is
printed."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from opsloop.domain.documents import PageText, Word
from opsloop.extract import extract_invoice
from opsloop.extract.rules.layout import Line, split_cells, text_box
from opsloop.ingest.layout import PlacedWord, lay_out, layout_text
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.ocr.layout import OcrWord, page_words

MM = 72 / 25.4
"""Points per millimetre (fpdf places text in millimetres)."""


def _pdf(texts: list[tuple[float, float, str]], *, size: float = 10, rotated: str | None = None) -> bytes:
    """An A4 page with each text's baseline-left corner at (x, y) millimetres from the top-left."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    for x, y, text in texts:
        pdf.text(x, y, text)
    if rotated is not None:
        with pdf.rotation(90, x=8, y=200):
            pdf.text(8, 200, rotated)
    return bytes(pdf.output())


def _inside(page: PageText, box: list[float]) -> str:
    x0, y0, x1, y1 = box
    return " ".join(
        w.text
        for w in page.words
        if w.x0 >= x0 - 0.01 and w.x1 <= x1 + 0.01 and w.y0 >= y0 - 0.01 and w.y1 <= y1 + 0.01
    )


def test_words_carry_their_box_in_points_from_the_top_left_and_their_font_size() -> None:
    # GIVEN "Rechnung" set in 12 pt at 20 mm from the left, its baseline 30 mm from the top
    parsed = read_pdf(_pdf([(20, 30, "Rechnung 4711")], size=12))
    page = parsed.pages[0]
    # THEN the page is A4 in points and the words sit where they were set, y growing down
    assert (page.width, page.height) == pytest.approx((595.28, 841.89), abs=0.01)
    first, second = page.words
    assert (first.text, second.text) == ("Rechnung", "4711")
    assert first.x0 == pytest.approx(20 * MM, abs=1.0)
    assert first.y0 < 30 * MM < first.y1  # the baseline lies inside the box
    assert first.font_size == pytest.approx(12, abs=0.01)
    assert second.x0 > first.x1 and first.page == 1


def test_the_layout_text_keeps_columns_from_positions() -> None:
    # GIVEN a header and two rows whose cells start at the same x
    texts = [(20, 40, "Description"), (110, 40, "Qty"), (150, 40, "Amount")]
    texts += [(20, 46, "Paper A4"), (110, 46, "2"), (150, 46, "10.00")]
    texts += [(20, 52, "Toner cartridge black"), (110, 52, "1"), (150, 52, "55.00")]
    page = read_pdf(_pdf(texts)).pages[0]
    rows = page.text.splitlines()
    # THEN each line holds its three cells, starting at the same character column on every line
    starts = [[cell.start for cell in split_cells(row)] for row in rows]
    assert [[cell.text for cell in split_cells(row)] for row in rows] == [
        ["Description", "Qty", "Amount"],
        ["Paper A4", "2", "10.00"],
        ["Toner cartridge black", "1", "55.00"],
    ]
    assert starts[0] == starts[1] == starts[2] and starts[0][0] == 0


def test_text_set_vertically_in_the_margin_is_no_line_of_the_page() -> None:
    # GIVEN a margin note turned 90 degrees beside the invoice text
    body = [(30, 30, "Invoice 4711"), (30, 40, "Nordwind Handels GmbH, Hafenstrasse 7, Hamburg")]
    page = read_pdf(_pdf(body, rotated="Printed by ExampleSoft")).pages[0]
    # THEN only the horizontal text is read
    assert (
        " ".join(w.text for w in page.words) == "Invoice 4711 Nordwind Handels GmbH, Hafenstrasse 7, Hamburg"
    )


def _turned(data: bytes, degrees: int) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.pages[0].rotate(degrees)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_turned_page_gives_its_boxes_in_the_frame_it_is_shown_in() -> None:
    # GIVEN a landscape page: its content drawn turned, the page turned back by its /Rotate entry
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.rotation(90, x=105, y=148.5):
        pdf.text(60, 120, "Rechnung 4711")
    page = read_pdf(_turned(bytes(pdf.output()), 90)).pages[0]
    # THEN the page is as wide as it is shown and the words read left to right in that frame
    assert (page.width, page.height, page.rotation) == pytest.approx((841.89, 595.28, 0), abs=0.01)
    assert [w.text for w in page.words] == ["Rechnung", "4711"]
    first, second = page.words
    assert second.x0 > first.x1 and abs(second.y0 - first.y0) < 1


def test_a_page_whose_text_runs_down_is_read_in_the_frame_where_it_runs_across() -> None:
    # GIVEN a page of ordinary text turned a quarter by its /Rotate entry (its text runs down)
    page = read_pdf(_turned(_pdf([(20, 30, "Rechnung 4711")]), 90)).pages[0]
    # THEN its words are read, in the frame turned back a quarter, and the page says so
    assert [w.text for w in page.words] == ["Rechnung", "4711"]
    assert page.rotation == 270 and (page.width, page.height) == pytest.approx((595.28, 841.89), abs=0.01)
    assert page.words[0].x0 == pytest.approx(20 * MM, abs=1.0)


def test_a_page_without_a_text_layer_has_no_words_and_no_text() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    page = read_pdf(buffer.getvalue()).pages[0]
    assert page.words == [] and page.text.strip() == ""


def test_a_span_of_a_line_maps_back_to_the_boxes_of_its_words() -> None:
    # GIVEN a line laid out from three words
    words = [
        Word(text="Invoice", x0=10, y0=10, x1=40, y1=20, page=1),
        Word(text="no.", x0=42, y0=10, x1=55, y1=20, page=1),
        Word(text="RE-2026-0412", x0=120, y0=11, x1=180, y1=21, page=1),
    ]
    (laid,) = lay_out(words)
    line = Line(1, 0, laid.text, split_cells(laid.text), laid.words)
    # WHEN the value's box is asked for
    # THEN it is the value's word alone; text not on the line gives the line's box
    assert text_box(line, "RE-2026-0412") == [120, 11, 180, 21]
    assert text_box(line, "absent") == [10, 10, 180, 21]
    assert all(isinstance(w, PlacedWord) for w in laid.words)
    assert laid.text[laid.words[2].start : laid.words[2].end] == "RE-2026-0412"


def test_every_field_the_rules_engine_reads_points_at_its_words() -> None:
    # GIVEN an invoice laid out in columns
    texts = [
        (20, 20, "Nordwind Handels GmbH"),
        (20, 26, "Hafenstrasse 7, 20457 Hamburg"),
        (130, 40, "Invoice no.:"),
        (160, 40, "RE-2026-0412"),
        (130, 46, "Invoice date:"),
        (160, 46, "12.11.2026"),
        (130, 52, "Your order:"),
        (160, 52, "4500012345"),
        (20, 70, "Description"),
        (110, 70, "Qty"),
        (130, 70, "Unit price"),
        (170, 70, "Amount"),
        (20, 76, "Paper A4"),
        (110, 76, "2"),
        (130, 76, "5.00"),
        (170, 76, "10.00"),
        (20, 82, "Toner cartridge"),
        (110, 82, "1"),
        (130, 82, "55.00"),
        (170, 82, "55.00"),
        (130, 95, "Subtotal"),
        (170, 95, "65.00"),
        (130, 101, "VAT 19%"),
        (170, 101, "12.35"),
        (130, 107, "Total EUR"),
        (170, 107, "77.35"),
    ]
    parsed = read_pdf(_pdf(texts))
    page = parsed.pages[0]
    # WHEN extracted by the rules engine
    result = extract_invoice(parsed, engine="rules")
    # THEN each value's box holds the words printed for it
    assert result.invoice_number == "RE-2026-0412" and result.total is not None
    expected = {
        "invoice_number": "RE-2026-0412",
        "invoice_date": "12.11.2026",
        "po_numbers": "4500012345",
        "total": "77.35",
        "subtotal": "65.00",
        "tax_total": "12.35",
    }
    for name, printed in expected.items():
        evidence = result.fields[name]
        assert evidence.page == 1 and evidence.bbox is not None, name
        assert _inside(page, evidence.bbox) == printed, name
    assert "Nordwind" in _inside(page, result.fields["vendor.name"].bbox or [0, 0, 0, 0])
    # AND every found field has a box
    assert [n for n, e in result.fields.items() if e.confidence > 0 and e.page and e.bbox is None] == []
    # AND each line item has its own evidence: the row where it is printed
    assert len(result.lines) == 2
    assert _inside(page, result.fields["lines[0]"].bbox or [0, 0, 0, 0]) == "Paper A4 2 5.00 10.00"
    assert _inside(page, result.fields["lines[1]"].bbox or [0, 0, 0, 0]) == "Toner cartridge 1 55.00 55.00"


def test_ocr_words_become_the_same_word_boxes_in_points() -> None:
    # GIVEN Tesseract words on a 300 dpi image, one of them table-rule noise
    words = [
        OcrWord("Rechnung", 300, 600, 400, 50, 96.0, block=1, paragraph=1, line=1),
        OcrWord("|", 720, 600, 5, 50, 30.0, block=1, paragraph=1, line=1),
        OcrWord("4711", 1500, 600, 200, 50, 91.0, block=1, paragraph=1, line=1),
    ]
    # WHEN made into word boxes
    boxes = page_words(words, page=2, dpi=300)
    # THEN they are in points (72 / 300 of a pixel), with the confidence on a 0-1 scale, noise left out
    assert [(w.text, w.x0, w.y0, w.x1, w.y1, w.page, w.confidence) for w in boxes] == [
        ("Rechnung", 72.0, 144.0, 168.0, 156.0, 2, 0.96),
        ("4711", 360.0, 144.0, 408.0, 156.0, 2, 0.91),
    ]
    # AND laid out like a text layer's words: one line, two cells
    assert [cell.text for cell in split_cells(layout_text(lay_out(boxes)))] == ["Rechnung", "4711"]


def test_the_reader_needs_no_pypdf_text_where_pdfium_reads_the_page() -> None:
    # GIVEN a PDF both libraries can read
    data = _pdf([(20, 30, "Rechnung 4711")])
    # THEN the words come with boxes; pypdf still reads the same text
    page = read_pdf(data).pages[0]
    assert page.words and "Rechnung" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_a_dot_leader_is_the_gap_of_a_tab_not_part_of_the_words_it_leads_between() -> None:
    # GIVEN a total set after a word processor's dot leader (one run of characters, no space) and a
    # description ending in an ellipsis
    parsed = read_pdf(
        _pdf([(20, 30, "Total EUR................................67.380,87"), (20, 40, "Cables etc...")])
    )
    page = parsed.pages[0]
    # THEN the leader is no word: the label and the amount are words of their own, the amount's box
    # starts where its first digit is printed, and three dots stay text
    assert [w.text for w in page.words] == ["Total", "EUR", "67.380,87", "Cables", "etc..."]
    label, amount = page.words[1], page.words[2]
    assert amount.x0 - label.x1 > 30 and amount.x1 - amount.x0 < 60
    assert "67.380,87" in page.text.split()
    assert str(extract_invoice(parsed).total) == "67380.87"


def test_a_letterhead_centred_over_its_address_lines_is_the_sender() -> None:
    # GIVEN a name set large and centred, its street and its town centred under it (each starting
    # further right than the name), then the customer's block at the left margin
    pdf = FPDF(format="A4")
    pdf.add_page()
    for row, (size, text) in enumerate(
        ((16, "Sandberg El & Tele AB"), (9, "Storgatan 109"), (9, "111 52 Stockholm"))
    ):
        pdf.set_font("Helvetica", size=size)
        pdf.set_xy(0, 20 + 7 * row)
        pdf.cell(210, 6, text, align="C")
    pdf.set_font("Helvetica", size=10)
    for row, text in enumerate(("Holm Rör AB", "Skolvägen 94", "411 01 Göteborg")):
        pdf.text(20, 60 + 5 * row, text)
    parsed = read_pdf(bytes(pdf.output()))
    # THEN the centred name heads its address: it is the vendor
    assert extract_invoice(parsed).vendor.name == "Sandberg El & Tele AB"


def test_the_readers_one_set_lookup_tells_the_characters_it_reads_otherwise_than_a_letter() -> None:
    # GIVEN every character: the reader's per-character loop tells white space, NUL and PDFium's
    # hyphen marks from letters by one set lookup, which must answer as str.isspace does
    from opsloop.ingest.readers.pdf import _HYPHEN_MARKS, _MARKS

    for code in range(0x110000):
        char = chr(code)
        expected = char.isspace() or char == "\x00" or char in _HYPHEN_MARKS
        assert (char in _MARKS) == expected, hex(code)


def test_a_soft_hyphen_is_no_letter_inside_a_word_and_the_printed_hyphen_at_its_end() -> None:
    # GIVEN words carrying soft hyphens where they may be broken: inside them, and at the end of one
    # broken at the line's end (a TrueType font, whose map gives the reader the soft hyphen itself)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = next(iter(sorted(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))), None)
    if font is None:
        pytest.skip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("SoftHyphenTest", str(font)))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    page.setFont("SoftHyphenTest", 10)
    page.drawString(60, 760, "Software\u00adlizenz      Bera\u00adtung")
    page.drawString(60, 740, "Unfall\u00ad")
    page.drawString(60, 728, "versicherung")
    page.save()
    # WHEN it is read
    read = read_pdf(buffer.getvalue()).pages[0]
    # THEN the words are whole, and the broken word's end keeps its hyphen
    assert [word.text for word in read.words] == ["Softwarelizenz", "Beratung", "Unfall-", "versicherung"]
