"""GIVEN a column-aligned table WHEN lines are recovered THEN each row's numbers land in the right field."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines

PAGE_1 = """
Pos   Beschreibung                      Menge     Einzelpreis     MwSt     Betrag
1     Ringbuch A4 rot                   20 Stk         9,90       19 %     198,00
2     Apfelsaft trüb                       50          5,50        7 %     275,00
"""
PAGE_2 = """
Pos   Beschreibung                      Menge     Einzelpreis     MwSt     Betrag
3     Pfand                                20          2,77       19 %      55,40
      Nettosumme                                                          528,40
"""


def _recover(*pages: str):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=i + 1, text=p) for i, p in enumerate(pages)]
    )
    return recover_lines(document_lines(parsed), ",")


def test_rows_are_read_by_column_and_settled_by_arithmetic() -> None:
    lines, page = _recover(PAGE_1)
    assert page == 1
    assert [
        (line.description, line.quantity, line.unit_price, line.amount, line.tax_rate) for line in lines
    ] == [
        ("Ringbuch A4 rot", Decimal(20), Decimal("9.90"), Decimal("198.00"), Decimal(19)),
        ("Apfelsaft trüb", Decimal(50), Decimal("5.50"), Decimal("275.00"), Decimal(7)),
    ]
    assert lines[0].unit == "Stk"


def test_a_table_continues_on_the_next_page_and_stops_at_the_totals() -> None:
    lines, _ = _recover(PAGE_1, PAGE_2)
    assert [line.amount for line in lines] == [Decimal("198.00"), Decimal("275.00"), Decimal("55.40")]


def test_text_without_a_table_gives_no_lines() -> None:
    lines, page = _recover("Dear customer,\nthank you for your order of 12,00 EUR.\n")
    assert lines == [] and page is None


def test_a_carried_forward_sum_is_not_a_line_item() -> None:
    # GIVEN a table broken over two pages with the running sum carried on both
    first = PAGE_1 + "                                               Übertrag          473,00\n"
    second = """
Pos   Beschreibung                      Menge     Einzelpreis     MwSt     Betrag
                                               Übertrag          473,00
3     Pfand                                20          2,77       19 %      55,40
"""
    # WHEN the lines are recovered
    lines, _ = _recover(first, second)
    # THEN only the real rows remain
    assert [line.amount for line in lines] == [Decimal("198.00"), Decimal("275.00"), Decimal("55.40")]


@pytest.mark.parametrize("carried", ["Subtotal brought forward", "Suma anterior", "Zwischensumme Übertrag"])
def test_a_carried_sum_named_like_a_subtotal_under_the_repeated_header_does_not_end_the_table(
    carried: str,
) -> None:
    # GIVEN a page whose repeated header is followed by the running sum under a label that also
    # reads as a subtotal
    second = f"""
Pos   Beschreibung                      Menge     Einzelpreis     MwSt     Betrag
      {carried:<40}                                 473,00
3     Pfand                                20          2,77       19 %      55,40
4     Leergut                               4          1,50       19 %       6,00
      Nettosumme                                                          534,40
"""
    # WHEN the lines are recovered
    lines, _ = _recover(PAGE_1, second)
    # THEN the second page's rows are read, and the table still stops at its totals
    assert [line.amount for line in lines] == [
        Decimal("198.00"),
        Decimal("275.00"),
        Decimal("55.40"),
        Decimal("6.00"),
    ]


def test_a_price_that_lands_nearer_the_tax_column_is_still_the_unit_price() -> None:
    # GIVEN a unit-price header the column finder cannot place and a price equal to the amount
    text = """
Désignation                       Qté   Unité     Prix HT net       TVA        Montant HT
Location projecteurs LED             1  forfait          1 240,00   20 %           1 240,00
"""
    # WHEN the row is read
    lines, _ = _recover(text)
    # THEN quantity x price = amount settles it, and the rate is the tax rate
    assert [(line.quantity, line.unit_price, line.amount, line.tax_rate) for line in lines] == [
        (Decimal(1), Decimal("1240.00"), Decimal("1240.00"), Decimal(20))
    ]


def test_when_quantity_and_price_could_swap_the_header_decides() -> None:
    # GIVEN a price column left of the quantity column; 9,90 x 20 = 20 x 9,90
    text = """
Pos   Beschreibung            Nettopreis        Menge       Steuersatz      Nettobetrag
1     Ringbuch A4 rot             9,9000       20 Stk             19 %           198,00
"""
    lines, _ = _recover(text)
    assert [(line.quantity, line.unit_price) for line in lines] == [(Decimal(20), Decimal("9.9000"))]
