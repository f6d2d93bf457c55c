"""GIVEN conventions of invoice layouts the team did not write (public e-invoice samples, third-party invoice
generators) WHEN the rules engine reads the page THEN the headline fields come from the right places."""

from datetime import date
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import with_ascii_spellings


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


# German typed without umlauts: "ae" for "ä", "ue" for "ü" in the labels
GERMAN_PLAIN_ASCII = """Gruenwald Moebelbau GmbH
Talstrasse 4, 70173 Stuttgart
RECHNUNG
Rechnungsnummer: 2025-311
Rechnungsdatum: 03.02.2025
Faellig bis: 05.03.2025
Rechnungsempfaenger: Kurhaus Lindau AG
Pos. Beschreibung Menge Einzelpreis Gesamt
1 Esstisch Nussbaum 1 1.200,00 1.200,00
Nettobetrag: 1.200,00 EUR
USt 19%: 228,00 EUR
Rechnungsbetrag: 1.428,00 EUR
"""


def test_german_labels_spelt_without_umlauts_are_read_as_the_labels() -> None:
    result = _extract(GERMAN_PLAIN_ASCII)
    assert result.due_date == date(2025, 3, 5)
    assert result.buyer.name == "Kurhaus Lindau AG"
    assert result.vendor.name == "Gruenwald Moebelbau GmbH"


def test_an_ascii_spelling_leaves_classes_and_escapes_alone() -> None:
    spellings = {"ä": "ae", "ß": "ss"}
    assert with_ascii_spellings("fällig", spellings) == "f(?:ä|ae)llig"
    assert with_ascii_spellings(r"[äa]b\s*gemäß", spellings) == r"[äa]b\s*gem(?:ä|ae)(?:ß|ss)"
    assert with_ascii_spellings(r"[]ä]\ä", spellings) == r"[]ä]\ä"


# the seller's block headed by the word for "provider" (a service provider's invoice), the dates beside it
PROVIDER_HEADING = """Invoice                                                                 Invoice no.: 2025-118

  Provider                                                              Date of issue: Mar 14, 2025
  Kestrel Joinery                                                       Delivery date: Mar 14, 2025
  22 Mill Lane
  BS1 4DJ Bristol

                                                                        Customer
                                                                        Harlow Dental Practice
                                                                        9 Station Road
                                                                        CB1 2JD Cambridge
"""


def test_a_provider_heading_is_the_sellers_block_heading_not_its_name() -> None:
    assert _extract(PROVIDER_HEADING).vendor.name == "Kestrel Joinery"
    czech = PROVIDER_HEADING.replace("Provider  ", "Poskytovatel").replace("Customer", "Odběratel")
    assert _extract(czech).vendor.name == "Kestrel Joinery"


# a form-like rendering of an e-invoice: each party's block is a column of field labels ("Name:",
# "Anschrift:") with the values far right, the buyer's block followed by a ship-to block repeating its name
FORM_BLOCKS = """Lesbare Rechnung

  Darstellung der Rechnungsdaten

    Darstellungsversion:                                                     3.1 vom 01.02.2025
    Format:                                                                 CII Profil EN 16931
    Kennung:                                                                urn:beispiel:profil
    Eingabedatei:                                                           rechnung_5521.xml
    Erstellt am:                                                            03.04.2025 09:12

  Rechnung (380)                   Nr. 5521 vom 02.04.2025
    Währung:                                                                                EUR
    Liefer- und Leistungsdatum:                                                             02.04.2025
    Referenz des Käufers:                                                                   Projekt Nord
    Buchungsreferenz:                                                                       KST 4410
    Bestellung Nr. Kunde:                                                                   B-2025-17
    Vertrag:                                                                                R-44
    vom
    Weitere Referenz:                                                                       V-9
                                                                                            Art der Referenz: Ausschreibung

    Verkäufer
    Nummer:                                                                                 41200
    Name:                                                                                   Holzwerk Brandt KG
    Handelsregisternummer:                                                                  HRA 7731
    Ansprechpartner:                                                                        Jens Brandt
    Anschrift:                                                                              Sägewerkweg 8
                                                                                            DE 34117 Kassel
    Telefon:                                                                                0561 7700
    E-Mail:                                                                                 buero@brandt-holz.de
    USt.-Id.-Nr.:                                                                           DE811907980

    Käufer/Leistungsempfänger
    Nummer:                                                                                 K-778
    Name:                                                                                   Tischlerei Vogt GmbH
    Ansprechpartner:                                                                        Frau Ute Vogt
    Anschrift:                                                                              Am Anger 3
                                                                                            DE 99084 Erfurt
    Telefon:                                                                                0361 55501
    E-Mail:                                                                                 ute.vogt@Tischlerei.de
    USt.-Id.-Nr.:                                                                           DE129273398

    Abweichender Warenempfänger
    Name:                                                                                   Tischlerei Vogt GmbH
    Anschrift:                                                                              Am Anger 3
                                                                                            DE 99084 Erfurt
"""


def test_the_values_of_a_labelled_buyer_form_block_are_the_buyers_not_the_sellers() -> None:
    result = _extract(FORM_BLOCKS)
    assert result.vendor.name == "Holzwerk Brandt KG"
    assert result.buyer.name == "Tischlerei Vogt GmbH"


# the date of the invoice a document refers to, labelled with the invoice-date words and a qualifier
ASSOCIATED_INVOICE_FR = """ATELIER VERNIER SARL                                              FACTURE N° :        F2025-088
12 rue des Tanneurs                                               Date :              30/04/2025
69002 LYON
                                                                  CLIENT :
                                                                  MAISON ROUX
Références
N° DE COMMANDE : CMD-5521
N° DE FACTURE ASSOCIÉE : F2025-012
DATE DE FACTURE ASSOCIÉE : 01/03/2025

Désignation                         Qté       P.U. HT       Total HT
Réglage machine                     1         400,00        400,00
TOTAL HT                                                    400,00
TVA 20 %                                                     80,00
TOTAL TTC                                                   480,00 EUR
"""

ORIGINAL_INVOICE_EN = """Brightside Printing Ltd                                        Invoice No: INV-2025-311
4 Quay Street                                                  Date: 30/04/2025
Bristol BS1 4DJ
Bill to: Harlow Dental Practice
Corrected invoice: INV-2025-290
Original invoice date: 01/03/2025

Description                         Qty       Price        Amount
Leaflets A5                         1         400.00       400.00
Total                                                      400.00 GBP
"""


def test_the_referred_invoices_date_is_not_the_invoice_date() -> None:
    assert _extract(ASSOCIATED_INVOICE_FR).invoice_date == date(2025, 4, 30)
    assert _extract(ORIGINAL_INVOICE_EN).invoice_date == date(2025, 4, 30)


# payment terms as a table: the early-payment discount's date first under the terms' heading, the net
# due date on the next row under "Fälligkeit"
TERMS_TABLE = """Malerbetrieb Kranz GmbH
Rechnung Nr. 2025-0412                                   Rechnungsdatum: 05.05.2025

Leistung                                                 Betrag
Anstrich Treppenhaus                                     1.850,00
Rechnungsbetrag                                          2.201,50 EUR

   Zahlungsbedingungen
    Beschreibung                                          Fälligkeit
    Bei Zahlung bis 12.05.2025 gewähren wir 3 % Skonto
    Bis 26.05.2025 netto ohne Abzug                       26.05.2025
"""


# the terms' sentence wraps: the net due date is printed in the discounts' text and again under "Fälligkeit"
TERMS_TABLE_WRAPPED = """Malerbetrieb Kranz GmbH
Rechnung Nr. 2025-0412                                   Rechnungsdatum: 05.05.2025

Leistung                                                 Betrag
Anstrich Treppenhaus                                     1.850,00
Rechnungsbetrag                                          2.201,50 EUR

   Zahlungsbedingungen
    Beschreibung                                                          Fälligkeit
    Bei Zahlung bis 12.05.2025 gewähren wir 3 % Skonto bei
    Zahlung bis 19.05.2025 gewähren wir 2 % Skonto bis 26.05.2025         26.05.2025
    netto
"""


def test_a_discount_rows_date_under_the_terms_heading_is_not_the_due_date() -> None:
    assert _extract(TERMS_TABLE).due_date == date(2025, 5, 26)
    assert _extract(TERMS_TABLE_WRAPPED).due_date == date(2025, 5, 26)


# an items table with the net line total ("Total price") and the gross one ("Total price with tax") side by side
NET_AND_GROSS_COLUMNS = """Kestrel Joinery                                           Invoice no.: 2025-118
                                                          Date of issue: 14/03/2025
 Description                        Units     Price per one      Total price     Tax    Total price with tax
 Oak shelving                           2          £150.00          £300.00     20 %               £360.00
 Fitting labour                         3           £45.00          £135.00     20 %               £162.00

                                                          Total with tax: £522.00
"""


def test_a_total_price_column_is_the_lines_amount_before_the_gross_column() -> None:
    lines = _extract(NET_AND_GROSS_COLUMNS).lines
    assert [(line.quantity, line.amount) for line in lines] == [(2, 300), (3, 135)]
    czech = (
        NET_AND_GROSS_COLUMNS.replace("Total price with tax", "Celková cena s daní ")
        .replace("Total price", "Celková cena")
        .replace("Price per one", "Cena za kus  ")
    )
    assert [line.amount for line in _extract(czech).lines] == [300, 135]


# a "Name" column beside the "Description" column, and a row whose figures a generator printed whole
NAME_AND_DESCRIPTION_COLUMNS = """Invoice no.: 7731                                                Date: 2025-03-14
Kestrel Joinery, 22 Mill Lane, Bristol

             Name                   Description            Units            Unit Price            Amount
    Oak shelving                 Made to measure             2               149.95               299.90
    Varnish                      Clear, matt                 3                   12                   36
    Fitting labour                                           4                 45.5                182.0
                                                                             Subtotal              517.90
                                                                                Total              517.90
"""


def test_a_name_column_beside_the_description_names_the_item_and_whole_figures_make_a_row() -> None:
    lines = _extract(NAME_AND_DESCRIPTION_COLUMNS).lines
    assert [(line.description, line.amount) for line in lines] == [
        ("Oak shelving Made to measure", Decimal("299.90")),
        ("Varnish Clear, matt", Decimal("36")),
        ("Fitting labour", Decimal("182.0")),
    ]


def test_a_form_blocks_address_is_the_rows_its_address_labels_head() -> None:
    # the register number and the contact person's rows under the name are other fields, no address lines
    assert _extract(FORM_BLOCKS).vendor.address == "Sägewerkweg 8, DE 34117 Kassel"


def test_a_form_rows_order_number_is_its_value_however_far_right() -> None:
    # "Bestellung Nr. Kunde:": the label, a qualifier and the colon in one cell, the value in the values' column
    assert _extract(FORM_BLOCKS).po_numbers == ["B-2025-17"]


def test_a_form_rows_vat_id_is_read_as_printed_however_far_right() -> None:
    # an id whose check digits fail is read as printed after its label; a form row sets its colon next to
    # the label and the id far right, in the values' column
    text = FORM_BLOCKS.replace("DE811907980", "DE123456789")
    text = "\n".join(line for line in text.splitlines() if "DE129273398" not in line)
    assert _extract(text).vendor.vat_id == "DE123456789"
