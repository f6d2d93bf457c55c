"""GIVEN totals whose labels run into a currency code in the text layer, a charge printed between
the tax and the total, an "Amount due" box printed beside the issue date, and an item's price and
amount run one space apart WHEN the invoice is read THEN the total is read past the glued code, the
printed tax stands, the due date is the one printed under its own label, and the row keeps both
figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _parsed(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(_parsed(text))


def _recover(text: str):  # type: ignore[no-untyped-def]
    found, _ = recover_lines(list(document_lines(_parsed(text))), None)
    return found


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
        (
            "Tax (7%)          USD 37.80",
            "Shipping            USD 12.50",
            "Total due          USD 590.30",
            "37.80",
        ),
        (
            "TVA 20%:            108,00€",
            "Livraison (Colissimo): 15,00€",
            "Total a payer:      663,00€",
            "108.00",
        ),
        (
            "TVA 20%:            108,00€",
            "Livraison (Transports\n                 15,00€\n Petit):",
            "Total a payer:      663,00€",
            "108.00",
        ),
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


def test_a_charge_before_the_tax_keeps_the_printed_tax_too() -> None:
    # GIVEN the charge printed between the net and the tax (the tax charged on both)
    text = """Invoice No. 4410            Date 2025-05-02
Description                      Qty       Rate        Amount
Design work                        6      90.00        540.00
                                    Subtotal           540.00
                                    Handling fee        20.00
                                    Sales tax (8%)      44.80
                                    Total              604.80
"""
    # WHEN it is read THEN the tax is the printed one
    assert _extract(text).tax_total == Decimal("44.80")


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


@pytest.mark.parametrize("mark", ["GBP ", "$", "CA$", "EUR "])
def test_two_marked_amounts_one_space_apart_are_two_cells(mark: str) -> None:
    # GIVEN a row whose price and amount, each opened by its currency mark, overflow a narrow column
    # and print one space apart
    text = f"""Description                          Qty        Unit          Amount
Support retainer                       3  {mark}2,700.07       {mark}8,100.21
Audio mastering per track             12  {mark}1,975.43 {mark}23,705.16
Revisions                              3  {mark}1,751.02       {mark}5,253.06
                                            Subtotal  {mark}37,058.43
"""
    # WHEN the rows are read THEN the crowded row is read with its own price and amount
    rows = _recover(text)
    assert [row.amount for row in rows] == [Decimal("8100.21"), Decimal("23705.16"), Decimal("5253.06")]
    assert rows[1].unit_price == Decimal("1975.43")


def test_figures_over_a_centred_totals_label_are_no_row() -> None:
    # GIVEN a totals row whose label is centred in its cell: its figures print on the line above the
    # label, their currency wrapped to the line below, and a worded total follows
    text = """Lp.  Nazwa                  Stawka VAT   Ilość   Cena jedn. netto   Wartość netto   Wartość VAT   Wartość brutto
1.   Usługa programistyczna    23%          2         1 000,00           2 000,00        460,00       2 460,00
1.   Hosting roczny            23%          1           500,00             500,00        115,00         615,00

                                                                           2 500,00        575,00       3 075,00
                                             Razem
                                                                           PLN             PLN          PLN

Łącznie do zapłaty: 3 075,00 PLN
"""
    # WHEN the rows are read THEN the two items are the rows: the totals' figures are none, nor do
    # they take the worded total's line as their description
    rows = _recover(text)
    assert [row.amount for row in rows] == [Decimal("2000.00"), Decimal("500.00")]
