"""GIVEN invoices printed as forms (an e-invoice viewer's rendering: "Dati del cedente / cessionario" sections
with a "Dati anagrafici" sub-heading over labelled fields, bilingual label cells stacked over two lines with the
value centred beside them and a field number in the margin, a label naming the number and the date together)
and a bilingual English / Ukrainian export invoice WHEN the invoice is read THEN the labelled fields give the
parties, the number, the total, the currency and the order reference."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _extract(text: str) -> InvoiceExtraction:
    return extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )


VIEWER = """FATTURA ELETTRONICA
    Dati del cedente / prestatore
    Dati anagrafici
         Identificativo fiscale ai fini IVA: IT01234567897
         Denominazione: Laboratorio Ceramiche Lodi
         Regime fiscale: RF01 (ordinario)
    Dati della sede
         Indirizzo: Via Emilia 40
         CAP: 26900
         Comune: Lodi
         Provincia: LO
    Dati del cessionario / committente
    Dati anagrafici
         Identificativo fiscale ai fini IVA: IT09876543217
         Denominazione: Pasticceria Aurora
    Dati della sede
         Indirizzo: Via Appia 12
         CAP: 00179
         Comune: Roma
         Provincia: RM
    Dati generali del documento
         Tipologia documento: TD01 (fattura)
         Valuta importi: EUR
         Data documento: 2024-05-02 (02 Maggio 2024)
         Numero documento: 77/2024
         Importo totale documento: 610.00
    Dati dell'ordine di acquisto
         Identificativo ordine di acquisto: PO-5521
"""


def test_a_party_section_titled_with_its_data_word_names_the_buyer_by_its_name_field() -> None:
    # GIVEN "Dati del cessionario / committente" (the buyer's data) over a "Dati anagrafici" sub-heading and
    # a "Denominazione:" field
    extraction = _extract(VIEWER)
    # THEN the name field names the buyer; the sub-heading is no name; the seller's section names the seller
    assert extraction.buyer.name == "Pasticceria Aurora"
    assert extraction.vendor.name == "Laboratorio Ceramiche Lodi"


def test_the_currency_the_amounts_label_names_beats_a_province_code_shaped_as_a_sign() -> None:
    # GIVEN "Valuta importi: EUR" and an address whose province code reads as a currency's sign ("RM")
    extraction = _extract(VIEWER)
    # THEN the labelled code is the currency
    assert extraction.currency == "EUR"


def test_an_italian_purchase_order_identifier_label_gives_the_po_number() -> None:
    assert "PO-5521" in _extract(VIEWER).po_numbers
    # AND the abbreviated "your order" line over an item table
    text = """FATTURA N. 31 del 04/06/2024
Spett.le Bottega Verdi
Descrizione                                  Quantità     Prezzo      Totale
Vs.Ord. OR-4410
Vernice opaca 5 l                                  2       40,00       80,00
Totale documento                                                      97,60
"""
    assert "OR-4410" in _extract(text).po_numbers


STACKED = """                                                                      Version/versione 1.2
 Allgemeine Daten - Dati generali
                   Währung
 2.1.1.2                                             EUR
                   Valuta
                   Rechnungsnr. und -datum
 2.1.1.4                                             318 - 2024-09-12
                   Numero e data doc.
                   Gesamtbetrag Dokument
 2.1.1.9                                             EUR 4.880,00
                   Importo totale documento
"""


def test_a_value_centred_beside_a_stacked_bilingual_label_with_a_margin_field_number() -> None:
    # GIVEN label cells printing the German label over the Italian one, the value centred between them in
    # the next column, the field's outline number in the margin of the value's line
    extraction = _extract(STACKED)
    # THEN the value is the field's: the total, and the number of a label naming number and date together
    assert extraction.total == Decimal("4880.00")
    assert extraction.invoice_number == "318"


def test_a_number_and_date_label_with_its_value_on_its_line() -> None:
    text = """Fattura
Numero e data documento: 45/B del 10/10/2024
Totale documento   122,00
"""
    assert _extract(text).invoice_number == "45/B"


def test_the_ukrainian_loanword_for_invoice_labels_the_number_of_a_bilingual_title() -> None:
    # GIVEN a bilingual title "Invoice/Інвойс №" with its number
    text = """                    Invoice/Інвойс № KT_0031
 Date of invoice: 21/08/2024        Дата інвойсу: 21/08/2024
 Supplier: Kovalchuk Petro                Виконавець: Ковальчук Петро
 Total to pay / Всього до сплати:          2500.00
"""
    assert _extract(text).invoice_number == "KT_0031"


UNIT_COLUMN = """ Cedente/prestatore (fornitore)                              Cessionario/committente (cliente)
   Partita IVA: IT01234567897                                  Partita IVA: IT09876543217
   Denominazione: Studio Associato Neri                        Denominazione: Libreria Il Faro
   Indirizzo: Via Cavour 8                                     Indirizzo: Via Po 3
   Comune: Pavia                                               Comune: Asti
 Numero documento  118        Data documento  03-02-2025

 Descrizione                         Quantità     Prezzo unitario   UM    %IVA     Prezzo totale
 Consulenza fiscale                      2,00          150,00      NR    22,00           300,00
 Archiviazione pratiche                  5,00           12,00      KG    22,00            60,00
                                                                   Totale documento     439,20
"""


def test_unit_codes_stacked_in_an_item_table_column_are_no_company_name() -> None:
    # GIVEN a seller named without a legal form, and an item table whose unit column prints a unit code
    # over one that reads as a legal form ("KG", a limited partnership's and the kilogram's)
    extraction = _extract(UNIT_COLUMN)
    # THEN the two codes are no wrapped company name: the seller is the named one
    assert extraction.vendor.name == "Studio Associato Neri"


def test_the_amount_due_is_the_total_less_the_tax_the_buyer_withholds() -> None:
    # GIVEN a professional's invoice: a withholding tax ("ritenuta d'acconto") under the total, and a payment
    # schedule whose bare figure is the total less it
    text = """FATTURA N. 12/2025 del 10/03/2025
Cedente: Studio Tecnico Ferri
Descrizione                                              Importo
Progetto impianto                                       1.000,00
Imponibile                                              1.000,00
IVA 22%                                                   220,00
Totale documento                                        1.220,00
Ritenuta d'acconto 20%                                    200,00
Modalità pagamento      Scadenza      Importo
Bonifico                10/04/2025    1.020,00
"""
    extraction = _extract(text)
    assert extraction.total == Decimal("1220.00")
    assert extraction.amount_due == Decimal("1020.00")


def test_a_correspondent_bank_in_new_york_does_not_make_the_dates_american() -> None:
    # GIVEN a dollar invoice from a seller outside the United States to a European client, its transfer
    # routed through a correspondent bank in New York, its one date readable either way
    text = """Invoice No. KV-0012
Date of invoice: 04/11/2024
Supplier: Kovalenko Olha, 61000, Ukraine, Kharkiv, Sumska str., 40
Customer: Norrland Data AB, Sveavägen 20, 111 57 Stockholm, Sweden
Currency: USD
IBAN Code: UA213223130000026007233566001
Correspondent bank:
Bank name: Example Trust Company, New York, USA
SWIFT code: EXTCUS33
Total to pay: 2500.00
"""
    # THEN the date is read day first, the seller's way
    assert _extract(text).invoice_date.isoformat() == "2024-11-04"


def test_a_first_row_description_centred_on_its_figures_keeps_its_lines_above_them() -> None:
    # GIVEN an item table whose cells are centred on the row's height: the first row's long description
    # prints two lines above the line of its amount
    text = """Invoice No. 2024/77                                   Date: 12.03.2024
Supplier: Lindberg Consulting
 No  Description                                                          Amount EUR
     Software development under the framework agreement 4/2023 of
     12 January 2023, sprint 14 (backend)
 1   and sprint 15 (reporting module)                                       8400.00
 2   Travel expenses                                                          310.00
     Total                                                                   8710.00
"""
    lines = _extract(text).lines
    # THEN the row's description opens with them
    assert lines[0].description is not None
    assert lines[0].description.startswith("Software development under the framework agreement")
    assert lines[0].amount == Decimal("8400.00")


def test_items_printed_as_records_of_fields_one_a_line() -> None:
    # GIVEN an e-invoice viewer that lists each item as fields, one "label: value" a line, a discount's
    # sub-heading inside a record
    text = """Dati generali del documento
     Numero documento: 19/2025
     Data documento: 2025-01-20
     Importo totale documento: 1180.96
Dati relativi alle linee di dettaglio della fornitura
Nr. linea: 1
     Descrizione bene/servizio: Revisione caldaia
     Quantità: 2.00
     Valore unitario: 180.00
     Valore totale: 360.00
Nr. linea: 2
     Descrizione bene/servizio: Pompa di circolazione
     Quantità: 1.00
     Valore unitario: 640.00
     Sconto/Maggiorazione
          Tipo: SC (sconto)
          Percentuale (%): 5.00
     Valore totale: 608.00
Dati di riepilogo per aliquota IVA e natura
     Totale imponibile/importo: 968.00
     Totale imposta: 212.96
"""
    lines = _extract(text).lines
    # THEN each record is an item: its description and its amount
    assert [(line.description, line.amount) for line in lines] == [
        ("Revisione caldaia", Decimal("360.00")),
        ("Pompa di circolazione", Decimal("608.00")),
    ]


def test_an_amount_flush_left_under_a_tax_label_is_no_margin_reference() -> None:
    # GIVEN a till receipt printing each figure on the line under its label, flush left: the tax the
    # total includes under a line whose tax word stands right of its start
    text = """KEDAI RUNCIT MAJU SDN BHD
TAX INVOICE
RECEIPT# 0042117
1 TEH TARIK
3.50
2 ROTI CANAI
2.80
TAKEAWAY TOTAL (INCL GST)
6.30
CASH
10.00
CHANGE
3.70
TOTAL INCLUDES 6% GST
0.36
"""
    # THEN the tax figure is the tax label's, never a form's field reference beside the value: the total
    # stays the total's
    assert _extract(text).total == Decimal("6.30")


def test_a_buyer_name_centred_beside_its_stacked_name_field_labels() -> None:
    # GIVEN a bilingual form: the buyer's section titled "Daten des Rechnungsempfängers - …", its name field's
    # label cell stacking "Benennung" over "denominazione", the name centred between them in the next column,
    # the field's outline number in the margin
    text = """ Daten zum Lieferanten - Dati del cedente/prestatore
                   Benennung
 1.2.1.3                                             Tischlerei Mair GmbH
                   denominazione
 Daten des Rechnungsempfängers - Dati del cessionario / committente
 Anagrafische Daten - Dati anagrafici
                   Benennung
 1.4.1.3                                             Gasthof Lamm OHG
                   denominazione
                   Gesamtbetrag Dokument
 2.1.1.9                                             EUR 1.952,00
                   Importo totale documento
"""
    # THEN the name beside the labels is the buyer's; a name field's label alone is no name
    assert _extract(text).buyer.name == "Gasthof Lamm OHG"
