"""GIVEN a page drawn glyph by glyph (each character its own text object, as HTML-to-PDF printers such as
wkhtmltopdf write them) with a right-hand text drawn before the left one, or amounts with a minus before
the currency ("-€ 390,38", "-kr 9 251,33", "-R$ 585,95") or a dollar symbol with letters ("R$ 486,60")
WHEN read THEN the words are whole (not one character a word), the amounts keep their sign, and the item
table reads each row's amount, not its unit price."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from fpdf import FPDF

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.numbers import find_amounts
from opsloop.ingest.readers.pdf import read_pdf


def _glyph_by_glyph() -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)

    def glyphs(x: float, y: float, text: str) -> None:
        for char in text:
            pdf.text(x, y, char)
            x += pdf.get_string_width(char)

    glyphs(170, 20, "Page 2 / 3")  # drawn first, though it stands right of the company's name
    glyphs(15, 20, "Harbour Webworks Ltd")
    glyphs(15, 30, "Consulting services")
    glyphs(170, 30, "1,250.00")
    return bytes(pdf.output())


def test_a_page_drawn_glyph_by_glyph_reads_as_words() -> None:
    text = read_pdf(_glyph_by_glyph()).pages[0].text
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert lines == ["Harbour Webworks Ltd Page 2 / 3", "Consulting services 1,250.00"]


def test_a_minus_before_a_currency_mark_or_a_lettered_dollar_makes_the_amount_negative() -> None:
    assert [a.value for a in find_amounts("Innbetalt      -kr 9 251,33")] == [Decimal("-9251.33")]
    assert [a.value for a in find_amounts("Total   -R$ 585,95")] == [Decimal("-585.95")]
    assert [a.value for a in find_amounts("Zapłacono   -zł 120,00")] == [Decimal("-120.00")]
    assert [a.value for a in find_amounts("Total   R$ 585,95")] == [Decimal("585.95")]


def _rows(amounts: tuple[str, str, str]) -> list[tuple[str | None, Decimal | None]]:
    a, b, c = amounts
    text = (
        "Studio Greco\n"
        "Nota di credito 12/2025\n"
        " Descrizione                         Quantità        Prezzo unitario          IVA          Importo\n"
        f" Migrazione dati                          1 pz.              390,38           22%         {a}\n"
        f" Pacchetto assistenza                    10 pz.              290,94           10%         {b}\n"
        f"                                       Totale documento                                  {c}\n"
    )
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    return [(line.description, line.amount) for line in result.lines]


def test_item_amounts_with_a_minus_before_the_currency_or_a_lettered_dollar_are_the_rows_amounts() -> None:
    assert _rows(("-€ 390,38", "-€ 2.909,40", "-€ 3.299,78")) == [
        ("Migrazione dati", Decimal("-390.38")),
        ("Pacchetto assistenza", Decimal("-2909.40")),
    ]
    assert _rows(("R$ 390,38", "R$ 2.909,40", "R$ 3.299,78")) == [
        ("Migrazione dati", Decimal("390.38")),
        ("Pacchetto assistenza", Decimal("2909.40")),
    ]
