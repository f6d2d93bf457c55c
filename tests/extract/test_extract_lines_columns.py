"""GIVEN line-item tables with article-number and position columns named in several languages WHEN the
lines are recovered THEN the seller's number is the SKU, the buyer's number its own field, and a
position number neither."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _recover(text: str):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), None)
    return lines


def test_the_buyers_article_number_is_the_buyer_sku() -> None:
    text = """
 Pos   Ihre Mat.-Nr.    Art.-Nr.     Bezeichnung            Menge      Preis       Betrag
 10    100-2231         EE500        Essigessenz 500ml        4       2,50        10,00
"""
    (line,) = _recover(text)
    assert (line.buyer_sku, line.sku, line.description) == ("100-2231", "EE500", "Essigessenz 500ml")
    assert (line.quantity, line.unit_price, line.amount) == (Decimal(4), Decimal("2.50"), Decimal("10.00"))


@pytest.mark.parametrize(
    ("position", "code"),
    [("Pos.", "Art.-Nr."), ("Ligne", "Réf."), ("Line", "Item code"), ("#", "SKU"), ("Pos", "Material")],
)
def test_a_position_column_is_never_the_sku(position: str, code: str) -> None:
    # GIVEN positions 1 and 2 left of the article numbers, the quantity equal to the position
    text = f"""
 {position:<8} {code:<12} Description                Qty      Price      Amount
 1        A-100        Paper A4                     1      10.00       10.00
 2        B-200        Toner                        2      27.50       55.00
"""
    lines = _recover(text)
    # THEN the article numbers are the SKUs and the quantities are the quantities
    assert [(line.sku, line.quantity) for line in lines] == [("A-100", Decimal(1)), ("B-200", Decimal(2))]


@pytest.mark.parametrize(
    "header",
    ["Art.-Nr.", "Artikelnummer", "Item code", "Code article", "Código", "Réf.", "Material", "Mat.-Nr."],
)
def test_article_number_columns_in_the_languages_read_give_the_sku(header: str) -> None:
    text = f"""
 {header:<14} Description                Qty      Price      Amount
 X-4711         Paper A4                     2       5.00       10.00
"""
    (line,) = _recover(text)
    assert (line.sku, line.description) == ("X-4711", "Paper A4")


def test_discount_and_freight_lines_of_the_table_stay_lines() -> None:
    text = """
 Description                         Qty      Price       Amount
 Paper A4                              2       5.00        10.00
 Discount 10 %                                             -1.00
 Freight                                                    4.90
 Subtotal                                                  13.90
"""
    lines = _recover(text)
    assert [(line.description, line.amount) for line in lines] == [
        ("Paper A4", Decimal("10.00")),
        ("Discount 10 %", Decimal("-1.00")),
        ("Freight", Decimal("4.90")),
    ]
