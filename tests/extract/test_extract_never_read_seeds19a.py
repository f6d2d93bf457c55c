"""Faults a fresh seed of the development generators showed (session 19, helper nr19a), each a general
convention. Texts of our own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import occupation_line


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


def _czech(title: str, number_label: str, sign: str) -> str:
    return (
        "Horák Elektro s.r.o.\nPalackého 12\n602 00 Brno\n\n"
        f"{number_label}:          2025-0412\n"
        "Vystaveno:          03.06.2025\n"
        "K faktuře č.:       2025-0377\n\n"
        f"{title}\n\n"
        " Č.   Označení dodávky                       Počet       Celkem\n"
        f" 1    Jistič 16 A                             4,00     {sign}400,00\n\n"
        f"                          Základ daně:                {sign}400,00 Kč\n"
        f"                          DPH 21 %:                    {sign}84,00 Kč\n"
        f"                          Celkem:                     {sign}484,00 Kč\n"
    )


@pytest.mark.parametrize("number_label", ["Číslo dobropisu", "Dobropis č."])
def test_a_czech_credit_notes_own_number_label_in_any_case_makes_a_credit_note(number_label: str) -> None:
    # cs/sk/sl "dobropis" (credit note) is inflected: "Číslo dobropisu" (number of the credit note) labels a
    # credit note's own number as "Dobropis č." does, under a plain tax-document title and positive amounts
    for result in _both(_czech("Daňový doklad", number_label, "")):
        assert result.document_type is DocumentType.CREDIT_NOTE
        assert result.total == Decimal("484.00")


def test_an_italian_bare_n_heading_its_own_line_labels_the_number_under_it() -> None:
    # a sidebar of facts prints each label on a line over its value: "N." (numero) alone on its line
    # heads the invoice number under it, as "DATA" heads the date
    text = (
        "Lucchesi Grafica\n"
        "N.\n"
        "2025/0731\n"
        "DATA\n"
        "14 marzo 2025\n"
        "FORNITORE\n"
        "Lucchesi Grafica S.r.l.\n"
        "Via Roma, 4\n"
        "56100 Pisa (PI)\n\n"
        "                        DESCRIZIONE                     QTÀ         TOTALE\n"
        "                        Impaginazione catalogo            1         800,00\n\n"
        "                                           Imponibile                800,00\n"
        "                                           IVA 22%                   176,00\n"
        "                                           Totale fattura            976,00\n"
    )
    for result in _both(text):
        assert result.invoice_number == "2025/0731"


def test_a_reference_of_four_decimals_against_the_pages_decimal_mark_is_no_amount_due() -> None:
    # a payment sentence after an amount-due label ("te betalen") quotes the invoice's reference, a
    # year and a serial joined by a dot; the page writes its money with a decimal comma
    text = (
        "Veldhuis Installatie B.V.\nKade 12\n3011 AB Rotterdam\n\n"
        "FACTUUR 2026.0417 d.d. 12-01-2026\n\n"
        " Omschrijving                       Aantal     Stukprijs       Bedrag\n"
        " Montage luchtbehandeling              2     € 1.250,00   € 2.500,00\n"
        " Filterset                            10        € 9,3125      € 93,13\n\n"
        "                                   Netto:                   € 2.593,13\n"
        "                                   btw 21 %                   € 544,56\n"
        "                                   Totaalbedrag:            € 3.137,69\n\n"
        "Gelieve binnen 30 dagen te betalen op rekening NL91 ABNA 0417 1643 00 o.v.v. 2026.0417.\n"
    )
    for result in _both(text):
        assert result.total == Decimal("3137.69")
        assert result.amount_due == Decimal("3137.69")


def test_a_title_reading_as_a_number_label_yields_to_the_numbers_own_label_after_it() -> None:
    # a Czech title "Faktura – daňový doklad" also labels a number; right before the number's own label
    # on a strip of facts it holds none, and the value wrapped under it is another field's (the order's)
    text = (
        "Faktura – daňový doklad Číslo dokladu: FV20250611        ·  Vystaveno: 02.06.2025  ·  Objednávka č.:\n"
        "OBJ/2025/0733    ·  Měna: CZK\n\n"
        "  Dodavatel                                      Odběratel\n"
        "  Novák Stavby s.r.o.                            Dvořák Servis a.s.\n"
        "  Husova 8                                       Nádražní 14\n"
        "  602 00 Brno                                    779 00 Olomouc\n\n"
        " Pol.  Označení dodávky                          Množství       Částka\n"
        " 1     Montážní práce                                   6       600,00\n\n"
        "                                     Celkem bez DPH             600,00\n"
        "                                     DPH 21 %                   126,00\n"
        "                                     Celkem s DPH           726,00 CZK\n"
    )
    for result in _both(text):
        assert result.invoice_number == "FV20250611"


def test_a_due_date_wrapped_after_its_months_word_reads_the_year_on_the_next_line() -> None:
    # a strip of facts wraps where the page ends: the day and month close the line, the year opens the next
    text = (
        "FACTURE  N° de facture: 2026-0112   ·   Date de facture: 12 mars 2026   ·   Date d'échéance: 11 avril\n"
        "2026   ·   Devise: EUR\n\n"
        "  Fournisseur                                  Client\n"
        "  Atelier Durand SARL                          Martin & Fils SAS\n"
        "  4, rue des Lilas                             12, avenue Foch\n"
        "  69003 Lyon                                   75016 Paris\n\n"
        " Désignation                                  Quantité       Montant\n"
        " Révision chaudière                                  1        250,00\n\n"
        "                                     Total HT                 250,00\n"
        "                                     TVA 20 %                  50,00\n"
        "                                     Total TTC                300,00\n"
    )
    for result in _both(text):
        assert result.due_date == dt.date(2026, 4, 11)
        assert result.invoice_date == dt.date(2026, 3, 12)


def test_the_danish_verb_falls_due_labels_the_due_date() -> None:
    # da "Forfalder" (falls due), as nb "Forfaller" and sv "Förfaller", labels the due date in a facts block
    text = (
        "Holm Tømrer ApS\nVestergade 12\n8000 Aarhus C\n\n"
        "Fakturanummer       2025-0311\n"
        "Fakturadato         02/10/2025\n"
        "Forfalder           01/11/2025\n\n"
        " Tekst                                      Ant.        Beløb\n"
        " Montering af døre                             2     2.000,00 kr.\n\n"
        "                          Netto                      2.000,00 kr.\n"
        "                          Moms 25 %                    500,00 kr.\n"
        "                          I alt inkl. moms           2.500,00 kr.\n"
    )
    for result in _both(text):
        assert result.due_date == dt.date(2025, 11, 1)


def test_a_due_label_inside_a_term_under_column_headings_reads_no_other_columns_date() -> None:
    # a row of values under column headings: the terms column prints "Payment due within 14 days", the
    # date of supply and the due date stand in their own columns further right
    text = (
        "Harbour Tools Pty Ltd\n12 Quay Street\nHobart TAS 7000\n\n"
        "Invoice No.: INV-2207        Issued: 03/03/2025\n\n"
        "  Purchase Order          Payment Terms                  Date of Supply      Due Date\n"
        "  PO-7781                 Payment due within 14 days       03/03/2025       17/03/2025\n\n"
        " Description                                     Units        Total\n"
        " Drill bits                                         4        80.00\n\n"
        "                                  Total ex GST               80.00\n"
        "                                  GST 10%                     8.00\n"
        "                                  Total (inc. GST)       AUD 88.00\n"
    )
    for result in _both(text):
        assert result.due_date == dt.date(2025, 3, 17)


def test_an_address_opening_with_its_address_word_after_a_delivery_label_is_no_buyer_name() -> None:
    # "Delivery Address: Level 7, ..." heads an address, not a name, whatever the state's code after the
    # town reads as ("SA", South Australia, is also a legal form's letters); the addressee stands above
    text = (
        "Red Gum Energy Pty Ltd\nUnit 2, 40 King Street\nNewcastle NSW 2300\n\n"
        "Red Gum Energy Pty Ltd · Unit 2, 40 King Street, Newcastle NSW 2300\n"
        "Amelia Clarke                                        Invoice Number          RG-2025-118\n"
        "Level 3, 15 Grenfell Street                          Date of Issue           04/02/2025\n"
        "Adelaide SA 5000\n\n"
        "Tax Invoice\n"
        "                                   Delivery Address: Level 3, 15 Grenfell Street, Adelaide SA 5000\n\n"
        " Item Description                                  Qty          Total\n"
        " Daily supply charge                                31          44.64\n\n"
        "                                  Total ex GST                  44.64\n"
        "                                  GST 10%                        4.46\n"
        "                                  Total incl. GST           AUD 49.10\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Amelia Clarke"


@pytest.mark.parametrize("trade", ["Tiskárna", "Stavebniny", "Topenářství", "Klempířství"])
def test_a_czech_trade_noun_under_a_sole_traders_name_is_no_name(trade: str) -> None:
    # a Czech sole trader prints the kind of business under its name as a noun (a print shop, building
    # supplies, heating, sheet-metal work): an occupation line, the name above it the seller's
    assert occupation_line(trade)
    assert not occupation_line(f"{trade} Novák s.r.o.")
    text = (
        "Faktura – daňový doklad                                          Jiří Černý\n"
        f"                                                                 {trade}\n"
        "                                                                 Husova 21\n"
        "                                                                 602 00 Brno\n"
        "                                                                 DIČ: CZ7501011234\n\n"
        "Číslo faktury:        2025-0107\n"
        "Datum vystavení:      04.03.2025\n\n"
        "Odběratel:\nSvoboda Stavby s.r.o.\nMasarykova 9\n110 00 Praha 1\n\n"
        " #  Popis                                  Množství        Celkem\n"
        " 1  Práce                                      2 h         900,00\n\n"
        "                                   Celkem s DPH CZK        900,00\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Jiří Černý"


@pytest.mark.parametrize(
    "facts",
    [
        # the value centred on the two-line label: the label's second line lands above the first
        "        płatności:\nTermin                 14.04.2026\n",
        "Termin                 14.04.2026\npłatności:\n",
    ],
)
def test_a_due_label_its_narrow_column_wrapped_reads_the_date_beside_it(facts: str) -> None:
    text = (
        "Kowalski Serwis sp. z o.o.\nul. Polna 3\n00-001 Warszawa\n\n"
        "Nr faktury:            FV/2026/031\n"
        "Data wystawienia:      14.03.2026\n"
        + facts
        + "\n # Nazwa towaru lub usługi                      Ilość       Wartość netto\n"
        " 1  Przegląd instalacji                           1 szt.          500,00\n\n"
        "                                   Razem netto                    500,00\n"
        "                                   VAT 23 %                       115,00\n"
        "                                   Razem brutto                615,00 zł\n"
    )
    for result in _both(text):
        assert result.due_date == dt.date(2026, 4, 14)
        assert result.invoice_date == dt.date(2026, 3, 14)


def test_number_labels_heading_columns_of_a_row_each_read_their_own_value() -> None:
    # the guard of the title rule above: labels side by side a column apart each head their own value
    text = (
        "Dubois Éclairage SA\nRue Haute 12\n4000 Liège\n\n"
        "Martin Logistique SRL\nRue de Namur 4\n5000 Namur\n\n"
        "Date                      N° d'avoir                N° client             Facture d'origine n°\n"
        "16 avril 2025             2025/0417                 858694                R25-0399\n"
        "Facture d'avoir\n\n"
        " Désignation                                   Qté          Montant HT\n"
        " Panneau LED                                     2              249,26\n\n"
        "                                   Total HT                     249,26\n"
        "                                   TVA 21 %                      52,34\n"
        "                                   Total TVAC                   301,60\n"
    )
    for result in _both(text):
        assert result.invoice_number == "2025/0417"
