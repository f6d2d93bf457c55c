"""What is left to pay under a total, and what is no amount's label: deductions printed negative on
several lines (a withholding tax and an advance) make the amount due together; a deposit named in any
grammatical case is a deposit; a remainder's label ("Restant") names the amount due; an amount's words
inside a due date's label ("Te betalen vóór:") name the day, not an amount; a list's ordinal under a
title is no invoice number. Texts of our own."""

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


_HEAD = "Studio Arcani\nVia Garibaldi 12\n40121 Bologna\n\nFattura n. 2025-044     Data: 12/03/2025\n\n"


@pytest.mark.parametrize(
    ("withholding", "advance", "due_label"),
    [
        ("Ritenuta d'acconto (20%)", "Acconto ricevuto", "Totale da pagare"),
        ("Retención IRPF (15%)", "Anticipo recibido", "Total a pagar"),
        ("Retenção IRS (25%)", "Adiantamento", "Valor a pagar"),
    ],
)
def test_two_deductions_printed_negative_make_the_amount_due_together(
    withholding: str, advance: str, due_label: str
) -> None:
    text = (
        _HEAD
        + "Consulenza fiscale                                   1.000,00\n\n"
        + "Imponibile                                 1.000,00\n"
        + "IVA 22%                                      220,00\n"
        + "Totale fattura                             1.220,00\n"
        + f"{withholding}                      -200,00\n"
        + f"{advance}                              -300,00\n"
        + f"{due_label}                               720,00\n"
    )
    for result in _both(text):
        assert result.total == Decimal("1220.00")
        assert result.amount_due == Decimal("720.00")


def test_deductions_that_do_not_sum_to_the_gap_leave_the_total_due() -> None:
    text = (
        _HEAD
        + "Imponibile                                 1.000,00\n"
        + "IVA 22%                                      220,00\n"
        + "Totale fattura                             1.220,00\n"
        + "Sconto cassa                                 -50,00\n"
        + "Spese di incasso                             -10,00\n"
        + "Totale da pagare                             720,00\n"
    )
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    assert result.amount_due != Decimal("720.00")


def test_a_deposit_in_another_case_is_a_deposit() -> None:
    # GIVEN Polish "Wpłacono zaliczkę" (the accusative): a deposit paid between the total and the due
    text = (
        "Pracownia Lipowa\nul. Długa 5\n00-001 Warszawa\n\nRachunek nr 2025/17\nData: 03.04.2025\n\n"
        "Projekt graficzny                         1        500,00        500,00\n\n"
        "                              Razem                         500,00\n"
        "                  Wpłacono zaliczkę                        -150,00\n"
        "                         Do zapłaty                         350,00\n"
    )
    for result in _both(text):
        assert result.total == Decimal("500.00")
        assert result.amount_due == Decimal("350.00")


@pytest.mark.parametrize("label", ["Restant", "Restant te betalen"])
def test_a_remainders_label_names_the_amount_due(label: str) -> None:
    text = (
        "Schilderwerken De Vries\nDorpsstraat 4\n1234 AB Ede\n\nFactuurnr. 2024-210\nDatum: 05-06-2024\n\n"
        "Schilderwerk woonkamer                     1       800,00       800,00\n\n"
        "                                    Totaal                   968,00\n"
        "                                    Af: aanbetaling         -300,00\n"
        f"                                    {label}                   668,00\n"
    )
    for result in _both(text):
        assert result.total == Decimal("968.00")
        assert result.amount_due == Decimal("668.00")


def test_an_amount_label_inside_a_due_date_label_is_no_amount() -> None:
    # GIVEN "Te betalen vóór: <date>" on the facts' line, and a list of priced items under it
    text = (
        "Fotografie Aalders\nKerkweg 3\n2011 CD Haarlem\n\n"
        "Factuurnr. 2025-011   ·  Datum: 17-01-2025   ·  Te betalen vóór: 24-01-2025\n"
        "  1. Advies, per uur: 82,50\n"
        "  2. Fotoreportage: 425,00\n\n"
        "Totaalbedrag (€)                                507,50\n"
    )
    for result in _both(text):
        # THEN the due date is read and nothing but the total is due
        assert str(result.due_date) == "2025-01-24"
        assert result.amount_due == Decimal("507.50")


def test_a_lists_ordinal_under_a_title_is_no_invoice_number() -> None:
    text = (
        "Oficina Ribeiro\nRua Nova 8\n4000-001 Porto\n\n"
        "Oficina Ribeiro · Rua Nova 8 · 4000-001 Porto          Número:          318-24\n"
        "Cliente Exemplo Lda.\nAvenida Central 9\n1000-001 Lisboa\n\n"
        "FATURA\n"
        "   1. Reparação, hora: 2 × € 40,00 = € 80,00\n\n"
        "Total                                          € 98,40\n"
    )
    for result in _both(text):
        assert result.invoice_number == "318-24"
