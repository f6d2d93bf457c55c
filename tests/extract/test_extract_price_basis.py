"""Prices for 100 or 1000 units (a price basis): the line's unit price is the price of one unit.

Each table is our own, in the languages whose ERPs print a basis: a column of its own ("PE", "per", "par"),
the basis in the price column's header ("Preis je 100", "Price/1000") or in the price's cell ("46,20 /
1000", "12,50 par 100")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _page(header: str, rows: list[str], labels: tuple[str, str, str]) -> str:
    net, vat, total = labels
    return (
        "Norrland Fästteknik AB\n"
        "Industrigatan 4, 903 26 Umeå\n"
        "\n"
        "Invoice No. 2026-4471                      Date: 2026-11-03\n"
        "\n"
        f"{header}\n" + "".join(f"{row}\n" for row in rows) + "\n"
        f"                                              {net:<18}{'461,00':>12}\n"
        f"                                              {vat:<18}{'115,25':>12}\n"
        f"                                              {total:<18}{'576,25':>12}\n"
    )


_ROWS = (("Screw 4x40 zinc", 6000, "35,50", 1000, "213,00"), ("Washer M8", 2000, "12,40", 100, "248,00"))
"""(description, quantity, price for ``basis`` units, basis, amount): 6000 x 35.50 / 1000 = 213.00."""
_LABELS = ("Net", "VAT 25 %", "Total")


def _unit_prices(result: InvoiceExtraction) -> list[tuple[Decimal | None, Decimal | None, Decimal | None]]:
    return [(line.quantity, line.unit_price, line.amount) for line in result.lines]


_EXPECTED = [
    (Decimal("6000"), Decimal("0.0355"), Decimal("213.00")),
    (Decimal("2000"), Decimal("0.124"), Decimal("248.00")),
]


@pytest.mark.parametrize(
    ("basis_header", "unit"),
    [("PE", "st"), ("per", "pcs"), ("par", "pce"), ("Preiseinheit", "Stk"), ("Prisenhet", "st")],
)
def test_a_price_basis_column_divides_the_price(basis_header: str, unit: str) -> None:
    header = f"Description                 Qty      Price      {basis_header:<12}  Amount"
    rows = [f"{d:<26}{q:>5}      {p:>5}      {f'{b} {unit}':<12}{a:>8}" for d, q, p, b, a in _ROWS]
    result = _read(_page(header, rows, _LABELS))
    assert _unit_prices(result) == _EXPECTED


def test_a_basis_column_of_ones_leaves_the_price_as_printed() -> None:
    header = "Description                 Qty      Price      PE            Amount"
    rows = [f"{'Assembly':<26}{2:>5}      {'65,00':>5}      {'1':<12}{'130,00':>8}"]
    result = _read(_page(header, rows, _LABELS))
    assert _unit_prices(result) == [(Decimal("2"), Decimal("65.00"), Decimal("130.00"))]


@pytest.mark.parametrize("price_header", ["Preis je 100", "Price/100", "Prix par 100", "Price per 100"])
def test_the_basis_in_the_price_columns_header(price_header: str) -> None:
    header = f"Description                 Qty      {price_header:<14}     Amount"
    rows = [f"{'Screw 4x40 zinc':<26}{6000:>5}      {'3,55':>8}{'':<11}{'213,00':>8}"]
    result = _read(_page(header, rows, _LABELS))
    assert _unit_prices(result) == [(Decimal("6000"), Decimal("0.0355"), Decimal("213.00"))]


@pytest.mark.parametrize("joint", [" ", " / ", "/", " per ", " par ", " je "])
def test_the_basis_in_the_prices_cell(joint: str) -> None:
    header = "Description                 Qty      Unit price          Amount"
    rows = [f"{d:<26}{q:>5}      {f'{p}{joint}{b}':<18}{a:>8}" for d, q, p, b, a in _ROWS]
    result = _read(_page(header, rows, _LABELS))
    assert _unit_prices(result) == _EXPECTED


def test_a_figure_after_the_price_that_the_arithmetic_does_not_confirm_is_no_basis() -> None:
    # a price and a stray "100" one space apart (no basis column, no basis word): where quantity x price /
    # 100 is not the amount, the price is the price and the 100 is no part of it
    header = "Description                 Qty      Unit price          Amount"
    rows = [f"{'Cable tray 3 m':<26}{4:>5}      {'12,50 100':<18}{'50,00':>8}"]
    result = _read(_page(header, rows, _LABELS))
    assert _unit_prices(result) == [(Decimal("4"), Decimal("12.50"), Decimal("50.00"))]


def test_a_german_erp_table_with_unit_and_price_unit_columns() -> None:
    # "Einh." (the unit, abbreviated) and "PE" (Preiseinheit: the quantity the price is for) side by side
    header = "Pos  Bezeichnung                  Menge   Einh.    Preis    PE          Betrag EUR"
    rows = [
        "1    Schraube 4x40 verzinkt       6000    Stk      35,50    1000 Stk        213,00",
        "2    Scheibe M8                   2000    Stk      12,40    100 Stk         248,00",
    ]
    result = _read(_page(header, rows, ("Nettobetrag", "USt 25 %", "Rechnungsbetrag")))
    assert _unit_prices(result) == _EXPECTED
    assert [line.unit for line in result.lines] == ["Stk", "Stk"]
