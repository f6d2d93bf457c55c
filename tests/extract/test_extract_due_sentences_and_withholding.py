"""GIVEN a due date printed only in a short payment sentence, a balance left after a withholding tax
or a deposit, and an account number after an amount-due label WHEN the rules engine reads the page
THEN the sentence's date is the due date, the balance is the amount due, and no group of the account
number is read as money."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _extract_public(text: str) -> InvoiceExtraction:
    """The public reader (rules and the learned scorer), as a user gets it."""
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, text_only=True)


@pytest.mark.parametrize(
    ("dated", "sentence", "due"),
    [
        ("Gdańsk, 28 lutego 2024", "Płatność przelewem do 11 marca 2024.", date(2024, 3, 11)),
        ("Data wystawienia: 28.02.2024", "Proszę o przelew do dnia 12.03.2024.", date(2024, 3, 12)),
        ("Brno, 14. dubna 2024", "Prosím o úhradu do 29. dubna 2024.", date(2024, 4, 29)),
        ("Data: 10/11/2025", "Pagamento por transferência até 12/12/2025.", date(2025, 12, 12)),
        ("Rechnungsdatum: 02.05.2025", "Zahlung bis 16.05.2025 ohne Abzug.", date(2025, 5, 16)),
        ("Date : 02/05/2025", "Paiement avant le 01/06/2025.", date(2025, 6, 1)),
        ("Factuurdatum: 02-05-2025", "Betaling vóór 16-05-2025.", date(2025, 5, 16)),
        ("Dátum vystavenia: 02.05.2025", "Úhrada do 16.05.2025.", date(2025, 5, 16)),
    ],
)
def test_a_short_payment_sentence_names_the_due_date(dated: str, sentence: str, due: date) -> None:
    # GIVEN no due-date label: the date stands in a sentence too short to read as instructions
    text = f"Example Firm\n{dated}\nNo. 14/2024\nService                          1000,00\nTotal   1000,00\n{sentence}\n"
    assert _extract(text).due_date == due


@pytest.mark.parametrize(
    ("head", "total", "withheld", "label"),
    [
        ("Factura nº A-2024-77\nFecha: 15/04/2024", "TOTAL", "Retención IRPF 15%", "Líquido a percibir"),
        (
            "Fatura n.º FT 2025/41\nData: 12/11/2025",
            "Total da fatura",
            "Retenção na fonte IRS 25%",
            "Saldo em dívida",
        ),
        (
            "Fattura n. 52/2023\nData fattura: 11/09/2023",
            "Totale fattura",
            "Ritenuta d'acconto 20%",
            "Saldo dovuto",
        ),
    ],
)
def test_the_balance_after_a_withholding_is_the_amount_due(
    head: str, total: str, withheld: str, label: str
) -> None:
    # GIVEN a self-employed seller's invoice: the tax withheld by the buyer is deducted after the total
    text = f"Example Studio\n{head}\n{total:27s}500,00\n{withheld:27s}-125,00\n{label:27s}375,00\n"
    assert _extract_public(text).amount_due == Decimal("375.00")


def test_no_group_of_an_account_number_is_the_amount_due() -> None:
    text = (
        "Example Media Ltd\n"
        "Invoice No.    INV-2024-18\n"
        "Date of invoice:    12 July 2024\n"
        "Sub-total    GBP 1000.00\n"
        "VAT @ 20%    GBP 200.00\n"
        "Total        GBP 1200.00\n"
        "Please pay to:    IBAN GB29 NWBK 6016 1331 9268 19\n"
    )
    assert _extract(text).amount_due == Decimal("1200.00")


@pytest.mark.parametrize(
    ("head", "total", "paid", "label"),
    [
        ("FATURA\nNúmero: 2025/52\nData de emissão: 20/02/2025", "TOTAL", "Sinal pago", "Saldo em dívida"),
        ("FACTURE\nFacture n° 2025-52\nDate : 26/02/2025", "Montant TTC", "Acompte versé", "Reste à payer"),
    ],
)
def test_the_total_above_a_part_paid_stays_the_total(head: str, total: str, paid: str, label: str) -> None:
    # GIVEN no tax to balance (a seller exempt from VAT), a deposit deducted down the totals' column
    text = (
        "Example Studio\n"
        f"{head}\n"
        " Description              Qty     Price      Amount\n"
        " Material                 5      100,00      500,00\n"
        " Logo design              1      500,00      500,00\n"
        f"          {total:24s}1 000,00 €\n"
        f"          {paid:24s}-300,00 €\n"
        f"          {label:24s}700,00 €\n"
    )
    result = _extract_public(text)
    assert result.total == Decimal("1000.00")
    assert result.amount_due == Decimal("700.00")


@pytest.mark.parametrize("label", ["Solde à régler", "Reste à régler", "Montant à régler"])
def test_a_french_balance_to_settle_is_the_amount_due(label: str) -> None:
    text = (
        "Exemple Garage\n"
        "Facture n° 2025-52\n"
        "Date : 10/03/2025\n"
        "Total TTC           1 440,00 €\n"
        "Déjà réglé            -440,00 €\n"
        f"{label:20s}1 000,00 €\n"
    )
    assert _extract_public(text).amount_due == Decimal("1000.00")


@pytest.mark.parametrize(
    ("terms", "due"),
    [
        # the due date's label in the sentence after an early-payment discount's, on one line
        (
            "Pagamento a 30 giorni. Sconto del 3 % (€ 2,74) per pagamento entro il 10/10/2025. "
            "Scadenza: 30/10/2025",
            date(2025, 10, 30),
        ),
        # the discount's sentence wrapped over two lines, the due date's label after it
        (
            "Zahlbar innerhalb von 14 Tagen. Bei Zahlung bis 21.01.2026 gewähren wir 3 %\n"
            "Skonto (1.028,50 €). Fällig am: 25.01.2026",
            date(2026, 1, 25),
        ),
        # the due date's label, its colon, last on the line and its date wrapped to the next one
        (
            "Pago a 7 días. Descuento por pronto pago del 2 % (19,00 €) si se abona antes del "
            "14/07/2025. Vencimiento:\n11/07/2025",
            date(2025, 7, 11),
        ),
    ],
)
def test_a_due_date_label_after_a_discount_sentence_names_the_due_date(terms: str, due: date) -> None:
    # GIVEN a letter's terms: an early-payment discount's sentence, then the labelled due date
    text = "Rechnung / Fattura / Factura 4711\nDatum: 04.07.2025\n\nTotal EUR 949,96\n\n" + terms
    # THEN the labelled date is the due date, never the discount's
    assert _extract(text).due_date == due
