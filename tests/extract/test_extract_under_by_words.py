"""GIVEN a page whose facts stand in a right-hand box, and a line of small type in the left column (the
supplier's return address) long enough to reach under a label in the layout's character columns though
not on the page WHEN the value under the label is looked up THEN "under" is decided by the words' x
extents where the page has word boxes (character columns stay the rule for text without them)."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.layout import document_lines, under_on_page
from opsloop.ingest.readers.pdf import read_pdf


def _sidebar_page() -> bytes:
    """An A4 page: the seller's name, a box of facts on the right (number and date labels over their values),
    and between the labels and their values, in 6 pt from the left margin, a long return-address line."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()

    def put(x: float, y: float, text: str, size: float = 10) -> None:
        pdf.set_font("Helvetica", size=size)
        pdf.text(x, y, text)

    put(18, 20, "Corriebank Valve Works Ltd", 14)
    put(120, 40, "Invoice no.")
    put(165, 40, "Date")
    put(18, 44, "Corriebank Valve Works Ltd - Unit 7, Tannery Road Business Park - Dunfermline KY11 8QT", 6)
    put(120, 48, "CVW-30418")
    put(165, 48, "14/09/2026")
    put(18, 56, "Brackenfold Engineering plc")
    put(18, 61, "41 Quarry Hill")
    put(18, 66, "Leeds LS9 7PX")
    put(18, 85, "Description")
    put(150, 85, "Amount")
    put(18, 92, "Gate valve DN40, 4 pcs")
    put(150, 92, "312.00")
    put(120, 110, "Total due")
    put(150, 110, "GBP 312.00")
    return bytes(pdf.output())


def test_a_small_type_line_reaching_under_a_label_in_characters_only_is_passed_over() -> None:
    # GIVEN the page: in the layout text the return address runs on under "Invoice no."
    parsed = read_pdf(_sidebar_page())
    lines = document_lines(parsed)
    label = next(i for i, line in enumerate(lines) if "Invoice no." in line.text)
    address = lines[label + 1]
    assert "Dunfermline" in address.text
    assert len(address.text.rstrip()) > lines[label].text.index("Invoice no.")  # (under it in characters)
    # WHEN the invoice is read THEN the number is the value under the label, the address passed over
    result = extract_invoice(parsed, engine="rules")
    assert result.invoice_number == "CVW-30418"


def test_under_on_page_compares_word_extents_and_leaves_text_without_boxes_to_columns() -> None:
    # GIVEN the same page's lines
    lines = document_lines(read_pdf(_sidebar_page()))
    label = next(i for i, line in enumerate(lines) if "Invoice no." in line.text)
    head = lines[label]
    start = head.text.index("Invoice no.")
    end = start + len("Invoice no.")
    address, values = lines[label + 1], lines[label + 2]
    # THEN the address's last cell is not under the label on the page, the number's cell is
    assert under_on_page(head, start, end, address, address.cells[-1]) is False
    number = next(c for c in values.cells if c.text == "CVW-30418")
    assert under_on_page(head, start, end, values, number) is True
    # AND a plain text (no word boxes) gives no answer: character columns decide there
    plain = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[
            PageText(number=1, text="          Order ref.\nA line that runs on and on\n          PR-5512\n")
        ],
    )
    text_lines = document_lines(plain)
    assert under_on_page(text_lines[0], 10, 20, text_lines[1], text_lines[1].cells[0]) is None
