"""GIVEN totals whose labels run into a currency code in the text layer, a charge printed between
the tax and the total, and an "Amount due" box printed beside the issue date WHEN the invoice is
read THEN the total is read past the glued code, the printed tax stands, and the due date is the
one printed under its own label."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize(("code", "currency"), [("EUR ", "EUR"), ("GBP ", "GBP"), ("CHF", "CHF")])
def test_a_total_label_glued_to_its_currency_code_is_read(code: str, currency: str) -> None:
    # GIVEN a right-aligned label cell that ends where the amount cell (code first) begins
    text = f"""INVOICE
                                                     Invoice # 2291
                                                     Date 2025-03-14
From:
Lindqvist Sound Works
Bill to:
Harriet Osei
Description                          Qty        Unit          Amount
Studio time (hours)                    6     {code}95.00     {code}570.00
Mixing                                 1    {code}400.00     {code}400.00
                                           Subtotal         {code}970.00
                                            TOTAL{code}970.00
"""
    # WHEN it is read THEN the glued label still names the total
    result = _extract(text)
    assert result.total == Decimal("970.00")
    assert result.currency == currency


def test_a_word_running_into_capitals_is_no_label() -> None:
    # GIVEN a word that opens as a total label but goes on in capitals that are no currency code
    text = """Invoice 7781   Date 2025-03-14
Item                                Amount
Consulting                          200.00
TOTALLY 200.00
Total 210.00
"""
    # WHEN it is read THEN only the real label's figure is the total
    assert _extract(text).total == Decimal("210.00")


@pytest.mark.parametrize(
    ("tax_line", "charge_line", "total_line", "tax"),
    [
        ("Tax (7%)          USD 37.80", "Shipping            USD 12.50", "Total due          USD 590.30", "37.80"),
        ("TVA 20%:            108,00€", "Livraison (Colissimo): 15,00€", "Total a payer:      663,00€", "108.00"),
    ],
)
def test_a_charge_between_the_tax_and_the_total_keeps_the_printed_tax(
    tax_line: str, charge_line: str, total_line: str, tax: str
) -> None:
    # GIVEN net + tax + a delivery charge printed on its own line = the total
    net = "USD 540.00" if "USD" in tax_line else "540,00€"
    text = f"""Invoice No. 4410            Date 2025-05-02
Description                      Qty       Rate        Amount
Design work                        6      90.00        540.00
                                    Subtotal          {net}
                                    {tax_line}
                                    {charge_line}
                                    {total_line}
"""
    # WHEN it is read THEN the tax is the printed one, not the total less the net
    result = _extract(text)
    assert result.tax_total == Decimal(tax)
    assert result.subtotal == Decimal("540.00")


def test_an_amount_due_box_beside_the_issue_date_is_no_due_date() -> None:
    # GIVEN facts printed as labels over values, with an "AMOUNT DUE" box right of the issue date
    text = """Quarry Hill Analytics LLC                                          INVOICE
77 Water St                                                        No. 000412
BILL TO                          ISSUED
                                 Sep 30, 2025                AMOUNT DUE
Helix Robotics Inc.
1 Innovation Way                 DUE                         USD 4,800.00
Boston, MA 02110                 Oct 15, 2025
                                                             by Oct 15, 2025
DESCRIPTION                                    QTY       RATE        AMOUNT
Consulting fees                                 40     120.00      4,800.00
                                                      Total due   USD 4,800.00
"""
    # WHEN it is read THEN the due date is the one under "DUE", not the issue date beside the box
    result = _extract(text)
    assert result.invoice_date == date(2025, 9, 30)
    assert result.due_date == date(2025, 10, 15)
