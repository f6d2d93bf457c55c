"""Faults a fresh seed of the development generators showed (session 18, helper nr18a), each a general
convention: a statement of the amounts' currency ("Amounts in GBP") names the currency as a label does;
a Portuguese correction's reference to the invoice it corrects is no number of its own; a bare "Número"
heading a title line with its date; Spanish "importe bruto" is the gross amount before charges, not the
total; the Danish amount owed and payments on account; a firm named after more people than the seller
is another party. Texts of our own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


_LINES = (
    " #   Details                                   Qty     Price      Amount\n"
    " 1   Euro pallet, exchange                      20     41.30      826.00\n"
    " 2   Euro pallet, new                            4     52.00      208.00\n"
    " 3   Euro pallet collar                          2     25.00       50.00\n\n"
)


@pytest.mark.parametrize(
    ("statement", "code"),
    [
        ("Amounts in GBP", "GBP"),
        ("All amounts in CHF", "CHF"),
        ("Beträge in CHF", "CHF"),
        ("Valores em USD", "USD"),
        ("Montants exprimés en CHF", "CHF"),
    ],
)
def test_a_statement_of_the_amounts_currency_outweighs_a_currency_word_in_the_items(
    statement: str, code: str
) -> None:
    # "Euro pallet" three times names no currency; the page says in which one its amounts are
    text = (
        "Harbour Tools Ltd\n12 Quay Street\nBristol BS1 4AA\n\n"
        "Invoice no.: 2024-311        Date: 05/03/2024\n\n"
        f"{statement}\n"
        + _LINES
        + "                          Total:                               1,084.00\n"
    )
    for result in _both(text):
        assert result.currency == code


def test_a_portuguese_correction_names_the_corrected_invoice_apart_from_its_own_number() -> None:
    text = (
        "Oliveira Metais Lda.\nRua do Norte, 12\n4000-100 Porto\n\n"
        "Data:                              13/12/2025\n"
        "Fatura Nº:                         2025.0417\n"
        "Retifica a fatura n.º:             R2025-0388\n\n"
        "Nota de débito\n"
        " Pos.  Descrição                       Qtd.       Total\n"
        " 10    Painel LED                         2      200,00\n\n"
        "                    Total do documento:          246,00\n"
    )
    for result in _both(text):
        assert result.invoice_number == "2025.0417"


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("Número R24132582 de 21-06-2024", "R24132582"),  # Portuguese
        ("Número FB-2023/0417 del 29-11-2023", "FB-2023/0417"),  # Spanish
    ],
)
def test_a_bare_number_word_heads_a_title_line_with_its_date(head: str, number: str) -> None:
    text = (
        "Axberlog Lda.\nRua da Liberdade, 102\n4832-282 Porto\n\n"
        "Cód. cliente:    6582584\n"
        f"{head}\n"
        " Ref.     Descrição                         Quantidade      Total\n"
        " SF-53    Broca HSS                                  1      35,50\n\n"
        "                                   Total:                   35,50 €\n"
    )
    for result in _both(text):
        assert result.invoice_number == number


def test_the_spanish_gross_amount_before_charges_is_no_total() -> None:
    # "importe bruto": the lines' sum before discounts and charges; the carriage comes on top of it
    text = (
        "Solberpack S.A.\nPolígono Industrial, nave 16\n46036 Valencia\n\n"
        "Factura nº:        R25966050\nFecha factura:     29-07-2025\n\n"
        " Lín.  Concepto                        Cantidad      Precio       Total\n"
        " 001   Papel A4                              12        8,55      102,60\n"
        " 002   Cartucho de tóner                      4      116,02      464,08\n\n"
        "IVA %     Total base imponible     Cuota IVA     Importe bruto:            566,68 €\n"
        "0 %                     578,68          0,00     Portes                     12,00 €\n"
        "                                                 Total base imponible:     578,68 €\n"
        "                                                 Total:                    578,68 €\n"
    )
    for result in _both(text):
        assert result.total == Decimal("578.68")


def test_the_danish_amount_owed_after_a_payment_on_account_is_due() -> None:
    text = (
        "Nielsen VVS A/S\nIndustrigade 71\n8100 Aarhus\n\n"
        "Fakturanr.:         3396/2023\nDato:               12.11.2023\n\n"
        " Linje  Beskrivelse                     Antal     I alt\n"
        " 001    Luftkompressor                      2  3.637,96\n\n"
        "                   Momsgrundlag:                   3.637,96 kr.\n"
        "                   Moms 25 %                         909,49 kr.\n"
        "                   Total inkl. moms:               4.547,45 kr.\n"
        "                   Acontobetaling:                -1.000,00 kr.\n"
        "                   Skyldigt beløb:                 3.547,45 kr.\n"
    )
    for result in _both(text):
        assert result.total == Decimal("4547.45")
        assert result.amount_due == Decimal("3547.45")


def test_a_buyer_named_after_more_people_than_the_seller_is_another_party() -> None:
    # the seller "Gómez S.L." bills "Gómez & González S.L.": one surname in common, two companies
    text = (
        "GÓMEZ                                                         Avda. de Goya, 16\n"
        "Gómez S.L.                                                    48026 Bilbao\n\n"
        "Gómez S.L. · Avda. de Goya, 16 · 48026 Bilbao\n"
        "Gómez & González S.L.\n"
        "Avda. de Castilla, 57\n"
        "46043 Valencia\n\n"
        "Factura nº FB23-71777 del 29-11-2023\n"
        " Referencia   Artículo                         Uds.      Importe\n"
        " 88.537.78    Tornillo hexagonal                500       196,10 €\n\n"
        "                                Base imponible:           196,10 €\n"
        "                                Cuota IVA 21 %             41,18 €\n"
        "                                Importe total:            237,28 €\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Gómez S.L."
        assert result.buyer.name == "Gómez & González S.L."
        assert result.invoice_date == dt.date(2023, 11, 29)
