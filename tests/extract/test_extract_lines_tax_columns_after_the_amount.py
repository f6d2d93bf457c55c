"""GIVEN item grids of many narrow columns: abbreviated headings with dots ("Vl. Unit.", "Vl. Total"), code
columns between the description and the figures (a tariff code, a fiscal operation code), and the tax's base,
amount and rate printed per row right of the amount WHEN the lines are recovered THEN each row is read, its
amount the one under the amount column, its quantity and unit price settled by the arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _recover(text: str, decimal_hint: str | None = None):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), decimal_hint)
    return lines


def test_a_portuguese_grid_of_abbreviated_headings_with_taxes_after_the_amount() -> None:
    text = """
 Cód.    Descrição do item               NCM        CFOP   Un.   Quant.    Vlr. Unit.   Vlr. Total    BC ICMS     Vlr. ICMS    Vlr. IPI   Alíq. ICMS   Alíq. IPI
 A-17    Rolo de fita crepe              48239090   5405   CX      12,00      9,5000       114,00      114,00       13,68         0,00        12,00        0,00
 B-03    Grampeador de mesa              84729010   5102   PC       3,00     41,2500       123,75      123,75       22,28         6,19        18,00        5,00
"""
    lines = _recover(text, ",")
    assert [(line.description, line.quantity, line.unit_price, line.amount) for line in lines] == [
        ("Rolo de fita crepe", Decimal("12.00"), Decimal("9.5000"), Decimal("114.00")),
        ("Grampeador de mesa", Decimal("3.00"), Decimal("41.2500"), Decimal("123.75")),
    ]


def test_tax_base_tax_and_rate_columns_right_of_the_amount_are_no_amount() -> None:
    text = """
 Code      Description                 Qty     Unit price      Amount      Tax base       Tax      Excise     Tax %
 KX-4      Cable ties, 200 pack          5          6.40        32.00         32.00      2.24        0.00      7.00
 KX-9      Crimping pliers               2         27.15        54.30         54.30      3.80        0.00      7.00
"""
    lines = _recover(text)
    assert [(line.description, line.quantity, line.amount) for line in lines] == [
        ("Cable ties, 200 pack", Decimal(5), Decimal("32.00")),
        ("Crimping pliers", Decimal(2), Decimal("54.30")),
    ]


def test_one_tax_column_after_the_amount_still_holds_the_rate() -> None:
    # guard: a single tax column right of the amount is the row's rate, as before
    text = """
 Description                 Qty     Unit price      Amount     VAT %
 Desk lamp                     2          18.00       36.00        20
 Lamp shade                    1           9.50        9.50        20
"""
    lines = _recover(text)
    assert [(line.amount, line.tax_rate) for line in lines] == [
        (Decimal("36.00"), Decimal(20)),
        (Decimal("9.50"), Decimal(20)),
    ]
