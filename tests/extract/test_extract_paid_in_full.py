"""GIVEN a receipt or a paid order's invoice that names its whole total as paid ("Amount paid", "Bezahlter
Betrag", "Montant payé", "Kwota zapłacona", "Ödenen tutar") and prints no amount due WHEN the rules engine
reads it THEN nothing is left to pay: the amount due is 0.00 and the total stands; a part paid, or an
amount due printed beside it, keeps what is printed. Texts of our own."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _receipt(number: str, total: str, paid: str, paid_amount: str = "170.52") -> str:
    return f"""Kestrel Software Ltd
{number} 2025-0911
Team plan - monthly                                 1      142.10      142.10
                                   Net                                  142.10
                                   VAT 20%                               28.42
                                   {total}                              170.52
                                   PAID
                                   {paid}                               {paid_amount}
"""


@pytest.mark.parametrize(
    ("number", "total", "paid"),
    [
        ("Invoice no.", "Total", "Amount paid"),
        ("Rechnungsnummer", "Gesamtsumme", "Bezahlter Betrag"),
        ("Facture n°", "Total TTC", "Montant payé"),
        ("Factuurnummer", "Totaal", "Betaald bedrag"),
        ("Factura nº", "Total", "Importe pagado"),
        ("Numero fattura", "Totale", "Importo pagato"),
        ("Faktura nr", "Razem", "Kwota zapłacona"),
        ("Fakturanummer", "Totalt", "Betalt belopp"),
        ("Číslo faktury", "Celkem", "Zaplacená částka"),
        ("Laskun numero", "Yhteensä", "Maksettu summa"),
        ("Számlaszám", "Végösszeg", "Fizetett összeg"),
        ("Număr factură", "Total", "Sumă plătită"),
        ("Fatura No", "Toplam", "Ödenen tutar"),
    ],
)
def test_a_total_printed_as_paid_leaves_nothing_due(number: str, total: str, paid: str) -> None:
    result = _extract(_receipt(number, total, paid))
    assert result.total == Decimal("170.52")
    assert result.amount_due == Decimal("0.00")


def test_a_part_paid_leaves_the_total_due_as_before() -> None:
    # GIVEN an amount paid that is not the whole total (and no deposit wording)
    result = _extract(_receipt("Invoice no.", "Total", "Amount paid", "50.00"))
    # THEN the paid-in-full rule does not apply
    assert result.amount_due != Decimal("0.00")


def test_a_printed_amount_due_stands_beside_an_amount_paid() -> None:
    text = (
        _receipt("Invoice no.", "Total", "Amount paid")
        + "                                   Amount due    12.00\n"
    )
    assert _extract(text).amount_due == Decimal("12.00")


@pytest.mark.parametrize(
    "sentence",
    [
        "Rogamos efectúen el pago de 170,52 € antes del 17 de abril",  # Spanish "pago" is the payment asked for
        "Total to be paid                 170.52",
    ],
)
def test_a_payment_asked_for_is_not_a_payment_made(sentence: str) -> None:
    text = _receipt("Invoice no.", "Total", "Thank you").replace("PAID\n", "") + sentence + "\n"
    assert _extract(text).amount_due == Decimal("170.52")


@pytest.mark.parametrize(
    ("number", "total", "paid", "mark"),
    [
        ("Číslo faktury", "Celkem", "Zaplacená částka", "Kč"),
        ("Számlaszám", "Végösszeg", "Fizetett összeg", "Ft"),
        ("Faktura nr", "Razem", "Kwota zapłacona", "zł"),
        ("Fakturanummer", "Totalt", "Betalt belopp", "kr"),
    ],
)
def test_a_currency_word_between_the_paid_label_and_the_total_is_no_obstacle(
    number: str, total: str, paid: str, mark: str
) -> None:
    # GIVEN the amount paid printed after the local currency's word, as written in its language
    result = _extract(_receipt(number, total, f"{paid}: {mark}"))
    # THEN the whole total stands as paid
    assert result.total == Decimal("170.52")
    assert result.amount_due == Decimal("0.00")


@pytest.mark.parametrize(
    ("total", "paid"),
    [
        ("Total:", "PAID - Amount paid:"),
        ("Total:", "PAGADO - Importe pagado:"),
        ("Totale:", "PAGATO – Importo pagato:"),
    ],
)
def test_a_paid_stamp_before_the_paid_label_on_a_plain_text_line(total: str, paid: str) -> None:
    # GIVEN a mail's plain-text invoice that sets its paid stamp before the paid label, a dash between
    text = f"""INVOICE
Invoice no.: 2025-0911
1 x Team plan - monthly                  170.52
--------------------------------------------
{total} 170.52
{paid} 170.52
"""
    # WHEN extracted THEN nothing is left to pay and the total stands
    extraction = _extract(text)
    assert extraction.total == Decimal("170.52")
    assert extraction.amount_due == Decimal("0.00")
