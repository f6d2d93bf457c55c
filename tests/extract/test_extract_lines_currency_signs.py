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
