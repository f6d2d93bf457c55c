"""GIVEN item tables and item lists that web shops, mail clients and billing portals print (a column
named by one short word, an item whose name ends with a word totals use, a name set off from its amount
by dot leaders) WHEN the lines are recovered THEN each item is read with its own figures."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _recover(text: str, hint: str | None = ","):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), hint)
    return [(line.description, line.quantity, line.unit_price, line.amount) for line in lines]


def test_a_hungarian_price_column_named_ar_and_a_line_total_named_vegosszeg() -> None:
    # GIVEN a Hungarian table whose unit price column is headed "Ár" (price) and whose amount column
    # "Végösszeg" (the row's total)
    text = """
 Termék                                Menny.             Ár          Végösszeg
 Fali polc tölgy                            2       12,50 Ft           25,00 Ft
 Kerámia bögre                              3        4,20 Ft           12,60 Ft
                                               Részösszeg              37,60 Ft
"""
    # THEN both rows are read with their quantity, price and amount
    assert _recover(text) == [
        ("Fali polc tölgy", Decimal(2), Decimal("12.50"), Decimal("25.00")),
        ("Kerámia bögre", Decimal(3), Decimal("4.20"), Decimal("12.60")),
    ]
