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


@pytest.mark.parametrize("label", ["Saldo dovuto", "Saldo em dívida", "Balance owing", "Saldo adeudado"])
def test_a_balance_owing_after_a_deposit_is_the_amount_due(label: str) -> None:
    # GIVEN a deposit subtracted under the total and the balance left under its own label ("balance owing"
    # in it, pt, en, es); WHEN read THEN that balance is the amount due, the total stays the invoice's
    text = (
        "Studio Rossi\nVia Roma 1\n00100 Roma\n\nFattura N. 12/2025\nData: 03/03/2025\n\n"
        "Consulenza                                      1.000,00\n"
        "                     Totale documento           1.220,00\n"
        "                     Acconto versato             -500,00\n"
        f"                     {label:<26} 720,00\n"
    )
    result = _extract(text)
    assert (result.total, result.amount_due) == (Decimal("1220.00"), Decimal("720.00"))


@pytest.mark.parametrize(
    ("total", "deposit", "balance"),
    [
        ("Total", "Deposit paid", "Balance due"),
        ("TOTAL", "Sinal pago", "Saldo em dívida"),
        ("Gesamt", "Anzahlung", "Restbetrag"),
    ],
)
def test_a_deposit_down_the_column_leaves_the_total_and_makes_the_balance_the_amount_due(
    total: str, deposit: str, balance: str
) -> None:
    # GIVEN an invoice without VAT: items adding up to the total, a deposit printed negative under it and
    # the balance left under that; WHEN read THEN the total is the invoice's, the balance the amount due
    text = (
        "Lopes Studio\n10 Peace Street\nLeeds LS1 4AB\n\nINVOICE\nNumber: 2025/116\nDate: 26/02/2025\n\n"
        "Material                                      723,00 €\nDesign                                        500,00 €\n\n"
        f"                                  {total:<16}   1 223,00 €\n"
        f"                                  {deposit:<16}    -306,00 €\n"
        f"                                  {balance:<16}     917,00 €\n"
    )
    result = _extract(text)
    assert (result.total, result.amount_due) == (Decimal("1223.00"), Decimal("917.00"))


def test_a_discount_down_the_column_makes_a_new_total() -> None:
    # GIVEN a discount printed negative under a first total and a second total under it; WHEN read THEN
    # the second figure is the total (a discount names no deposit)
    text = (
        "Lopes Studio\n10 Peace Street\nLeeds LS1 4AB\n\nINVOICE\nNumber: 2025/116\nDate: 26/02/2025\n\n"
        "Material                                      723,00 €\nDesign                                        500,00 €\n\n"
        "                                  Total              1 223,00 €\n"
        "                                  Discount            -306,00 €\n"
        "                                  Total due            917,00 €\n"
    )
    assert _extract(text).total == Decimal("917.00")
