"""GIVEN items printed without a full table — a two-column table of descriptions and amounts, or no
header at all with "quantity unit x price" lines — WHEN the rules engine reads the lines THEN each item
is one row with its amount; lines whose arithmetic does not hold and totals are no rows."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.lines import recover_lines


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_two_column_table_of_descriptions_and_amounts_gives_rows() -> None:
    text = (
        "Beschreibung                                                    Betrag\n"
        "Gartenpflege Mai                                                 310,00\n"
        "Heckenschnitt, Abfuhr Grünschnitt                                 95,50\n"
        "                                         Summe netto             405,50\n"
    )
    items, _ = recover_lines(_lines(text), ",")
    assert [(i.description, i.amount) for i in items] == [
        ("Gartenpflege Mai", Decimal("310.00")),
        ("Heckenschnitt, Abfuhr Grünschnitt", Decimal("95.50")),
    ]


def test_two_column_headings_standing_close_together_make_no_table() -> None:
    text = "Description     Amount\nGartenpflege Mai     310.00\nGutter cleaning     95.00\n"
    assert recover_lines(_lines(text), ".")[0] == []


def test_quantity_times_price_lines_without_a_header_are_items() -> None:
    text = (
        "Kunde: Example Bakery Ltd\n"
        "Flour, type 550, 25 kg sack\n"
        "  3 sacks x 21.40 -5%                                       60.99\n"
        "Delivery\n"
        "  1 x 12.00                                                 12.00\n"
        "Net total ........................................... 72.99\n"
    )
    items, _ = recover_lines(_lines(text), ".")
    assert [(i.description, i.quantity, i.unit_price, i.amount) for i in items] == [
        ("Flour, type 550, 25 kg sack", Decimal("3"), Decimal("21.40"), Decimal("60.99")),
        ("Delivery", Decimal("1"), Decimal("12.00"), Decimal("12.00")),
    ]
    assert items[0].unit == "sacks"


def test_a_times_line_whose_arithmetic_fails_is_no_item() -> None:
    text = "Steel plate 3 mm\n  2 x 3.00                                                   17.00\n"
    assert recover_lines(_lines(text), ".")[0] == []
