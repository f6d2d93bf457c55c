"""A VAT breakdown of one row per rate and no sum row gives the net and the tax; an amount paid printed
between a total and the figure under it leaves that figure the amount due, not the total; a stray bullet
between a totals header and its row of figures is passed over. Texts of our own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


_HEAD = (
    "Harbour Design Ltd.\n12 Quay Street\nBristol BS1 4DJ\n\nInvoice No. 2025-118     Date: 12/03/2025\n\n"
    "Design work                               1       800.00        800.00\n"
    "Printing                                  1       400.00        400.00\n\n"
)


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        ("Net        VAT %      VAT", ("800.00     20%        160.00", "400.00      5%         20.00")),
        ("Base imponible    IVA %    Cuota IVA", ("800,00    20 %    160,00", "400,00    5 %    20,00")),
    ],
)
def test_per_rate_rows_without_a_sum_row_give_the_net_and_the_tax(header: str, rows: tuple[str, str]) -> None:
    # GIVEN a breakdown by rate (each row: its base, its rate, the tax that rate makes of it) and no sum row
    text = (
        _HEAD
        + f"                     {header}\n"
        + "".join(f"                     {row}\n" for row in rows)
        + "\n                         Total                          1,380.00\n"
    ).replace("1,380.00", "1,380.00" if "." in rows[0] else "1.380,00")
    for result in _both(text):
        assert result.subtotal == Decimal("1200.00")
        assert result.tax_total == Decimal("180.00")
        assert result.total == Decimal("1380.00")
        assert result.fields["total"].confidence >= 0.9  # net + tax = total: the triple balances


def test_rows_repeating_one_rate_are_no_breakdown_by_rate() -> None:
    # an item table repeats its rates; one row per rate is what makes a breakdown
    text = (
        _HEAD
        + "                     Net        VAT %      VAT\n"
        + "                     800.00     20%        160.00\n"
        + "                     400.00     20%         80.00\n"
        + "\n                         Total                          1,440.00\n"
    )
    for result in _both(text):
        assert result.tax_total != Decimal("240.00") or result.subtotal != Decimal("1200.00")


@pytest.mark.parametrize(
    ("paid", "due"),
    [("Amount Paid", "Amount Due"), ("Valor pago", "Valor em dívida"), ("Paid", "Balance due")],
)
def test_an_amount_paid_between_the_total_and_the_figure_under_it(paid: str, due: str) -> None:
    text = (
        _HEAD
        + "                         Subtotal                       1,200.00\n"
        + "                         Total                          1,380.00\n"
        + f"                         {paid}                     -480.00\n"
        + f"                         {due}                         900.00\n"
    )
    for result in _both(text):
        assert result.total == Decimal("1380.00")
        assert result.amount_due == Decimal("900.00")
        assert result.subtotal == Decimal("1200.00")


def test_a_stray_bullet_between_a_totals_header_and_its_row_is_passed_over() -> None:
    # GIVEN a header of totals over its row of figures, a lone "·" (a decoration's text) between them
    text = (
        _HEAD
        + "              Subtotal excl. VAT        VAT 20 %          Total incl. VAT\n"
        + "·\n"
        + "              1,200.00 GBP              240.00 GBP        1,440.00 GBP\n"
        + "Payment terms: 14 days net\n"
    )
    for result in _both(text):
        assert result.subtotal == Decimal("1200.00")
        assert result.tax_total == Decimal("240.00")
        assert result.total == Decimal("1440.00")
