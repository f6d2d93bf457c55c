"""A figure broken by a glyph the PDF's font maps to no character (the text layer shows U+FFFD where a thin space or a
digit was printed) is read as no amount: neither piece stands for the whole."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.numbers import find_amounts


def test_a_figure_broken_by_an_unmapped_glyph_is_no_amount() -> None:
    # GIVEN a sum whose group separator (or a digit) came out of the PDF as the replacement character
    # THEN neither the digits before it nor those after it are read as an amount
    assert find_amounts("Amount payable 7\ufffd204,50 EUR") == []
    assert find_amounts("Summe 12\ufffd450,50 €") == []
    # AND an amount elsewhere on the line, clear of it, is still read
    assert [a.value for a in find_amounts("Rabatt 15,00  Summe 12\ufffd450,50")] == [Decimal("15.00")]
    # AND a replacement character away from any figure changes nothing
    assert [a.value for a in find_amounts("Caf\ufffd total 8,40")] == [Decimal("8.40")]


def test_an_invoice_whose_total_is_broken_so_reads_no_part_of_it_as_the_total() -> None:
    # GIVEN a page whose only total prints with an unmapped thin space in it
    text = (
        "Kestrel Werkzeuge GmbH\n"
        "Rechnung Nr. 5580\n"
        "Rechnungsdatum: 02.03.2026\n"
        "Gesamtbetrag                                  7\ufffd204,50 EUR\n"
    )
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    got = extract_invoice(parsed, engine="rules", text_only=True)
    # THEN the total is not the part after the gap (204.50) nor before it
    assert got.total not in (Decimal("204.50"), Decimal("7"))
