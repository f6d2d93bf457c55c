"""GIVEN bills that carry an account — a previous balance and the payments received since, printed over
the amount due (utilities, telecom operators, insurers, subscriptions) — WHEN the rules engine reads them
THEN the total stays this invoice's total and the amount due is what the account asks for: above the total
where part of the previous balance is unpaid, under it where a credit is carried over; and a bill's "pay
by" wording names its due date. Texts of our own."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _bill(total_label: str, previous: str, paid: str, current: str, due_label: str, due: str) -> str:
    return f"""Northwind Energy Supply Ltd
Invoice number 3001245577
Description                                  Quantity        Amount
Electricity, unit rate                       1,204 kWh       1,032.40
Standing charge                                   3            273.59
                         Total excl. VAT                     1,305.99
                         VAT 20%                               261.20
                         {total_label}                       1,567.19
                         Previous balance                      {previous}
                         Payment received - thank you          {paid}
                         {current}                           1,567.19
                         {due_label}                          {due}
"""


@pytest.mark.parametrize(
    ("previous", "paid", "due"),
    [
        ("157.11", "-78.56", "1,645.74"),  # half the previous balance unpaid: more is due than this invoice
        ("157.11", "0.00", "1,724.30"),  # nothing paid since: the whole balance is added
        ("412.00", "-824.00", "1,155.19"),  # a payment above the balance: the credit carried is deducted
    ],
)
def test_the_amount_due_is_what_the_account_asks_for(previous: str, paid: str, due: str) -> None:
    # GIVEN a balanced total, then an account summary: the previous balance, the payments, this invoice
    # again, and the amount due
    result = _extract(_bill("Total this invoice", previous, paid, "This invoice", "Amount due", due))
    # THEN the total is the invoice's and the amount due the account's balance
    assert result.total == Decimal("1567.19")
    assert result.amount_due == Decimal(due.replace(",", ""))


def test_a_due_label_classed_as_a_total_is_still_the_amount_due_of_the_account() -> None:
    # GIVEN a language whose due wording is also a total label ("Kwota do zapłaty"), a credit carried over
    text = """Jantar Spedycja S.A.
Faktura nr 2026/0451
                         Razem netto                             1 449,25
                         VAT 23%                                   333,33
                         Razem brutto                            1 782,58 zł
                         Saldo z poprzedniego okresu               687,00
                         Wpłaty otrzymane, dziękujemy           -1 374,00
                         Razem brutto                            1 782,58
                         Kwota do zapłaty                        1 095,58 zł
"""
    result = _extract(text)
    # THEN the amount due is the account's, the total the invoice's
    assert (result.total, result.amount_due) == (Decimal("1782.58"), Decimal("1095.58"))


def test_an_amount_due_the_rows_above_do_not_explain_is_not_taken() -> None:
    # GIVEN a larger figure under a due label whose difference from the total no row over it accounts for
    text = _bill("Total this invoice", "157.11", "-78.56", "This invoice", "Amount due", "1,999.99")
    result = _extract(text)
    # THEN the amount due is not that figure
    assert result.amount_due != Decimal("1999.99")
    assert result.total == Decimal("1567.19")


@pytest.mark.parametrize(
    ("label", "date_text"),
    [
        ("Pagar antes del", "16/08/2026"),  # Spanish bills: "pay before the"
        ("Fecha de cargo", "16/08/2026"),  # Spanish direct debit: the date the account is charged
        ("Zapłać do", "16.08.2026"),  # Polish bills: "pay by"
        ("De plătit până la", "16.08.2026"),  # Romanian bills: "to be paid by"
    ],
)
def test_the_pay_by_wordings_of_bills_name_the_due_date(label: str, date_text: str) -> None:
    # GIVEN a bill whose only due date follows a "pay by" wording of its language
    text = f"""Northwind Energy Supply S.A.
Factura 3001245577      Fecha 02/08/2026
                         Total                               1.567,19
{label}: {date_text}
"""
    result = _extract(text)
    # THEN that date is the due date
    assert result.due_date is not None and result.due_date.isoformat() == "2026-08-16"
