"""GIVEN a "payment terms" heading standing alone over a schedule of instalments (a row of column labels,
then a date and the amount to pay) WHEN the rules engine reads the page THEN the date under the heading is
the due date — in each language whose pack names the heading; a payment term written out on the heading's
own line ("Payment terms: 30 days net") labels no date below it."""

from datetime import date

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


# (language, invoice date label, heading, date column, amount column, date as printed)
SCHEDULES = [
    ("en", "Invoice date:", "Payment Terms", "Date", "Amount", "04/18/2025"),
    ("de", "Rechnungsdatum:", "Zahlungsbedingungen", "Datum", "Betrag", "18.04.2025"),
    ("fr", "Date de facture :", "Conditions de paiement", "Date", "Montant", "18/04/2025"),
    ("es", "Fecha de factura:", "Condiciones de pago", "Fecha", "Importe", "18/04/2025"),
    ("it", "Data fattura:", "Termini di pagamento", "Data", "Importo", "18/04/2025"),
    ("nl", "Factuurdatum:", "Betalingsvoorwaarden", "Datum", "Bedrag", "18-04-2025"),
    ("pt", "Data da fatura:", "Condições de pagamento", "Data", "Valor", "18-04-2025"),
    ("pl", "Data wystawienia:", "Warunki płatności", "Data", "Kwota", "18.04.2025"),
    ("hu", "Számla kelte:", "Fizetési feltételek", "Dátum", "Összeg", "2025.04.18."),
]


@pytest.mark.parametrize(("language", "issued", "heading", "when", "amount", "due"), SCHEDULES)
def test_the_date_under_a_payment_terms_heading_is_the_due_date(
    language: str, issued: str, heading: str, when: str, amount: str, due: str
) -> None:
    first = "03/19/2025" if language == "en" else due.replace("18", "19").replace("04", "03", 1)
    text = (
        f"{issued} {first}\n\n"
        "Total:                                  1.512,50\n\n"
        f"{heading}\n"
        f"{when}                 {amount}\n"
        f"{due}           1.512,50\n"
    )
    assert _extract(text).due_date == date(2025, 4, 18), language


def test_a_payment_term_written_on_the_heading_line_labels_no_date_below() -> None:
    text = (
        "Invoice date: 19/03/2025\n\n"
        "Payment terms: 30 days net\n"
        "Delivered                 Quantity\n"
        "12/03/2025                2\n"
    )
    assert _extract(text).due_date != date(2025, 3, 12)
