"""GIVEN item rows whose prices and amounts carry a currency sign of one character after them (a Turkish
lira, a rouble, a hryvnia, a won sign, as an ERP prints each cell) WHEN the rules engine reads the rows
THEN each row's amount and unit price are read, never its quantity as the amount."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules

HEADER = "              Description                   Quantity       Unit Price       Taxes         Amount\n"


@pytest.mark.parametrize("sign", ["₺", "₽", "₴", "₩", "€"])
def test_an_amount_with_a_one_sign_currency_after_it_is_the_rows_amount(sign: str) -> None:
    rows = (
        f" Copy paper A4                                     40,0     23,6000 {sign}        [1]             944,00 {sign}\n"
        f" Copper pipe 15 mm                                  1,0   929,0000 {sign}        [2]             929,00 {sign}\n"
    )
    total = f"                                                             Total (excl. taxes):   1.873,00 {sign}\n"
    text = "Invoice No: 1\nDate: 01.02.2025\n" + HEADER + rows + total
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    assert [(line.quantity, line.unit_price, line.amount) for line in result.lines] == [
        (Decimal("40.0"), Decimal("23.6000"), Decimal("944.00")),
        (Decimal("1.0"), Decimal("929.0000"), Decimal("929.00")),
    ]


def test_a_totals_label_with_its_amount_close_after_its_colon_ends_the_item_table() -> None:
    # the tax summary's heading shares its line with the subtotal, printed one space from its label;
    # the tax rows and the payment schedule under it are no items
    text = (
        "Фактура № 0003\nДата: 13.04.2025\n"
        "              Описание                   Количество      Единична       Данъци          Сума\n"
        " Предпазни ръкавици                              10,0     8,5600 лв.       [1]           85,60 лв.\n"
        " Медна тръба 15 мм                               10,0     2,3100 лв.       [2]           23,10 лв.\n"
        "   Данък        Основа        Сума                           Общо (без данъци): 108,70 лв.\n"
        " [1] ДДС 9       85,60 лв.     7,70 лв.                                Данъци:     12,32 лв.\n"
        "                                                                         Общо:    121,02 лв.\n"
        " [2] ДДС 20      23,10 лв.     4,62 лв.\n"
        "                                                               30.04.2025          121,02 лв.\n"
    )
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    assert [line.amount for line in result.lines] == [Decimal("85.60"), Decimal("23.10")]
