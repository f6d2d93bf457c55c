"""Conventions found on the first seed of an outsider's Typst generator (evals/synth19): proforma invoices'
own number labels, Italian and Portuguese abbreviations and wordings, each worded generally and tested with
documents of our own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _page(title: str, facts: list[str], total: str) -> str:
    head = "\n".join(facts)
    return (
        f"Meridian Works\n12 Quay Street\n\n{title}\n\nOrchard Retail\n5 Long Road\n\n{head}\n\n"
        f"1   Widgets   2   50.00   100.00\n\n{total}\n"
    )


@pytest.mark.parametrize(
    ("title", "label", "number", "date_line", "total"),
    [
        ("PRO FORMA INVOICE", "Proforma No.:", "PF-2026-0147", "Date: 14/03/2026", "Total: £ 120.00"),
        ("Proformarechnung", "Proforma-Nr.:", "P3120", "Datum: 14.03.2026", "Gesamtbetrag: 120,00 EUR"),
        ("Pro-formafactuur", "Proformanummer:", "P4410", "Datum: 14-03-2026", "Totaal: € 120,00"),
        ("Proformafaktura", "Proformanr.", "P5013", "Dato: 14.03.2026", "I alt: 120,00 kr."),
        ("Proformafaktura", "Proformanr", "3411", "Datum: 2026-03-14", "Totalt: 120,00 kr"),
        ("Fattura pro forma", "Proforma n.:", "P7641", "Data: 14/03/2026", "Totale: 120,00 €"),
        ("Fatura pró-forma", "Pró-forma n.º", "PF 2026/311", "Data: 14/03/2026", "Total: 120,00 €"),
        (
            "Faktura pro forma",
            "Proforma nr",
            "PRO/311/2026",
            "Data wystawienia: 14.03.2026",
            "Razem brutto: 120,00 zł",
        ),
    ],
)
def test_a_proforma_invoice_is_numbered_under_its_own_label(
    title: str, label: str, number: str, date_line: str, total: str
) -> None:
    # a proforma (a request for payment in advance) prints its number under a "proforma number" label, in
    # each language's wording, where an invoice prints "Invoice no."
    result = _read(_page(title, [f"{label} {number}", date_line], total))
    assert result.invoice_number == number
    assert result.invoice_date == date(2026, 3, 14)


def test_italian_abbreviated_document_number_and_due_labels() -> None:
    # Italian invoices abbreviate "numero documento" to "Num. doc." and "scadenza" to "Scad."
    text = _page(
        "FATTURA",
        ["Num. doc. 2516/E", "Data: 27.12.2026", "Scad. 26.01.2027"],
        "Totale fattura: 120,00 €",
    )
    result = _read(text)
    assert result.invoice_number == "2516/E"
    assert result.due_date == date(2027, 1, 26)


def test_portuguese_payable_until_labels_the_due_date() -> None:
    # "Pagável até" (payable until) is the due date's label on Portuguese invoices
    text = _page(
        "FATURA", ["Fatura n.º FT 2026/311", "Data: 14/03/2026", "Pagável até: 13/04/2026"], "Total: 120,00 €"
    )
    result = _read(text)
    assert result.due_date == date(2026, 4, 13)


def test_italian_amount_to_remit_after_a_deposit_is_the_amount_due() -> None:
    # "Importo da versare" (amount to pay in) closes an Italian invoice that deducts a deposit already paid
    text = (
        "Meridian Works S.r.l.\nVia Roma 1\n20121 Milano\n\nFATTURA\n\nFattura n. 412/2026\nData: 14/03/2026\n\n"
        "1   Consulenza   1   1.000,00   1.000,00\n\n"
        "Imponibile: 1.000,00\nIVA 22%: 220,00\nTotale fattura: 1.220,00 EUR\n"
        "Meno acconto del 01/02/2026   -300,00\nImporto da versare: 920,00 EUR\n"
    )
    result = _read(text)
    assert result.total == Decimal("1220.00")
    assert result.amount_due == Decimal("920.00")


def test_a_zero_rate_tax_line_is_one_rates_share_when_other_rates_are_taxed() -> None:
    # zero-rated goods beside standard-rated ones: the "VAT 0%  0.00" line is that rate's share of the tax,
    # never the document's whole tax balancing the net against itself as the total
    text = (
        "Harbour Joinery Ltd\n4 Mill Lane\nBristol BS1 4DJ\n\nINVOICE\nInvoice No. 12969\nDate: 03/11/2026\n\n"
        "Orchard Retail Ltd\n5 Long Road\nLeeds LS1 4DY\n\n"
        "#  Item                 Qty    Rate    VAT     Amount\n"
        "1  Oak panel              4  100.00   20 %     400.00\n"
        "2  Children's books       1  200.00    0 %     200.00\n"
        "3  Site survey            1  100.00    5 %     100.00\n\n"
        "                                   Net total:          700.00\n"
        "                                   VAT 20%              80.00\n"
        "                                   VAT 5%                5.00\n"
        "                                   VAT 0%                0.00\n"
        "                                   TOTAL:          785.00 GBP\n"
        "VAT summary\n"
        "  VAT   Taxable amount     VAT     TOTAL\n"
        " 20 %           400.00   80.00    480.00\n"
        "  5 %           100.00    5.00    105.00\n"
        "  0 %           200.00    0.00    200.00\n"
    )
    result = _read(text)
    assert result.total == Decimal("785.00")
    assert result.tax_total == Decimal("85.00")


def test_facts_with_their_labels_under_their_values_are_read_with_their_own_labels() -> None:
    # a designed template sets each fact's value large with a small caption under it ("MW-2026-0412" over
    # "Invoice number"): the value over a label is that label's, never the next row's value under it
    text = (
        "Meridian Works Ltd\n12 Quay Street\nLeeds LS1 4DY\n\nINVOICE\n"
        "MW-2026-0412          14 March 2026\n"
        "Invoice number        Date\n"
        "PO-88120              13 April 2026\n"
        "Your order            Due date\n\n"
        "Orchard Retail Ltd\n5 Long Road\nYork YO1 7HH\n\n"
        "1   Widgets   2   50.00   100.00\n\nTotal   £120.00\n"
    )
    result = _read(text)
    assert result.invoice_number == "MW-2026-0412"
    assert result.invoice_date == date(2026, 3, 14)
    assert result.due_date == date(2026, 4, 13)


def test_labels_over_values_under_a_line_of_figures_stay_as_they_are() -> None:
    # the common order, labels over values, with a seller's phone line in the same column above the labels:
    # the block does not open with values over labels, so nothing is turned
    text = (
        "Meridian Works Ltd\n12 Quay Street\n\n"
        "Tel 0113 4960000      Fax 0113 4960001\n"
        "Invoice number        Date\n"
        "MW-2026-0412          14 March 2026\n\n"
        "Orchard Retail Ltd\n5 Long Road\n\n"
        "1   Widgets   2   50.00   100.00\n\nTotal   £120.00\n"
    )
    result = _read(text)
    assert result.invoice_number == "MW-2026-0412"
    assert result.invoice_date == date(2026, 3, 14)


def test_the_amount_to_pay_inside_an_early_payment_discount_is_not_the_amount_due() -> None:
    # "Zahlbetrag" inside the Skonto terms is what is owed if paid early; the amount due is the invoice's
    text = (
        "Brückner Holzbau GmbH                                 Rechnung Nr.:     Datum:\n"
        "Lindenweg 4                                           RE-2026-0412      04.03.2026\n"
        "                                 Zahlbetrag:                  2.260,00 EUR\n"
        " USt.-%  Bemessungsgrundlage     USt.   Gesamtbetrag\n"
        "   19 %             1.000,00   190,00       1.190,00\n"
        "    7 %             1.000,00    70,00       1.070,00\n"
        "Bei Zahlung bis 14.03.2026 gewähren wir 2 % Skonto: Zahlbetrag 2.214,80 EUR\n"
    )
    result = _read(text)
    assert result.amount_due == Decimal("2260.00")


def test_a_caption_of_a_few_words_closing_on_a_number_label_reads_the_value_over_it() -> None:
    # a Czech advance invoice captions its number "Zálohová faktura č." (advance invoice no.): the words before
    # the number label qualify it, the caption is still the label of the value over it
    text = (
        "Vltava Strojírna s.r.o.\nHusova 12\n602 00 Brno\n\nZÁLOHOVÁ FAKTURA\n"
        "ZF20260147               14.03.2026\n"
        "Zálohová faktura č.      Datum vystavení\n"
        "4508812                  28.03.2026\n"
        "Objednávka č.            Datum splatnosti\n\n"
        "Morava Tisk a.s.\nNádražní 5\n702 00 Ostrava\n\n1   Školení   1   1 000,00   1 000,00\n\nCelkem   1 210,00 Kč\n"
    )
    result = _read(text)
    assert result.invoice_number == "ZF20260147"
    assert result.invoice_date == date(2026, 3, 14)


def test_a_reverse_charged_invoice_keeps_its_zero_tax_beside_a_zero_rate_sentence() -> None:
    # an intra-community supply taxed at 0 %: the sentence naming the 0 % rate states no other rate, so the
    # "Btw 0%  0,00" line is the whole tax (a rate above zero is what makes a zero-rate line one share)
    text = (
        "Schelde Groothandel BV\nIndustrieweg 9\n9000 Gent\n\nFACTUUR\nFactuurnummer: 2026-0412\n"
        "Factuurdatum: 14-03-2026\n\n1   Appelsap 1 liter   100   2,00   200,00\n\n"
        "                      Totaal excl. btw         € 200,00\n"
        "                      Btw 0%                     € 0,00\n"
        "                      Totaal                   € 200,00\n"
        "Intracommunautaire levering, 0% btw.\n"
    )
    result = _read(text)
    assert result.total == Decimal("200.00")
    assert result.tax_total == Decimal("0.00")


def test_an_item_tables_header_under_the_buyer_block_is_no_block_of_facts() -> None:
    # the header of the items ("No.  Description  Qty ...") aligned under the buyer's address and facts: a row
    # of words under rows of figures, yet no captions of the values over it
    text = (
        "Meridian Works Ltd\n12 Quay Street\nLeeds LS1 4DY\n\nINVOICE   Invoice No.: MW-2026-0412   Date: 14/03/2026\n\n"
        "  Bill to:\n"
        "  Orchard Retail Ltd                     Order No.: P3103437\n"
        "  15 Long Road                           Delivery date: 30 July 2026\n"
        "  York YO1 7HH                           Delivery note: 408132\n"
        "  No.     Description                    Quantity     Unit price     VAT %     Amount\n"
        "  1       Widgets                               2          50.00      20 %     100.00\n\n"
        "Total   £120.00\n"
    )
    result = _read(text)
    assert result.buyer is not None and result.buyer.name == "Orchard Retail Ltd"
