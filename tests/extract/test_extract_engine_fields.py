"""GIVEN invoice headers and payment terms as layouts print them WHEN the rules engine reads them THEN
the number, dates and order references come from the right places."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_an_id_under_the_title_word_is_the_number_when_no_label_names_one() -> None:
    text = (
        "Sammy Maystone                                        INVOICE\n"
        "                                                       # INV-1042\n"
        "                                                Date:     Jan 1, 2022\n"
    )
    assert _extract(text).invoice_number == "INV-1042"


def test_a_column_header_title_over_its_value_gives_the_number() -> None:
    text = (
        " Klant               Order                 Factuur datum        Factuur          Vervaldatum\n"
        " SCONL0303006        SCONL000444               8-9-2022      VF1005193039         22-9-2022\n"
    )
    assert _extract(text).invoice_number == "VF1005193039"


def test_a_date_wrapped_under_its_label_is_the_invoice_date() -> None:
    # GIVEN the title's "vom" at the line end and its date on the next line, a version date above
    text = (
        "ZUGFeRD-Version      :  2.1  vom 24.03.2020\n"
        "Gutschrift   (Selbst   ausgestellte   Rechnung) Nr.       471102      vom\n"
        "05.03.2018\n"
        "Rechnung gemäß Bestellung vom 01.03.2018.\n"
    )
    assert _extract(text).invoice_date == date(2018, 3, 5)


def test_a_date_in_a_reference_to_another_document_is_not_the_invoice_date() -> None:
    text = (
        "   Handelsrechnung (380)                                     05.03.2018   Nr. 471102   vom\n"
        "   Bemerkung              Rechnung gemäß Betriebskostenrechnung vom 21.11.2011.\n"
    )
    assert _extract(text).invoice_date == date(2018, 3, 5)


def test_payment_instructions_give_the_due_date() -> None:
    text = (
        "Rechnung Nr. 501 vom 22.05.2014\n"
        "Den Rechnungsbetrag überweisen Sie bitte bis zum 12.06.2014 auf das Konto.\n"
    )
    assert _extract(text).due_date == date(2014, 6, 12)


def test_a_due_date_drifting_right_under_its_column_header_is_read() -> None:
    text = (
        "Rechnung Nr. 47 vom 05.03.2018\n"
        "Beschreibung                                  Fälligkeit          Teilzahlung\n"
        "                                                       04.04.2018\n"
    )
    assert _extract(text).due_date == date(2018, 4, 4)


def test_order_references_are_po_numbers() -> None:
    assert _extract("Bestellung                      :       B123456789\n").po_numbers == ["B123456789"]
    assert _extract("Votre référence                   PO445\n").po_numbers == ["PO445"]
    assert _extract("Your Reference                    COMPRA0832\n").po_numbers == ["COMPRA0832"]


def test_a_receipt_without_a_readable_total_takes_the_largest_repeated_amount() -> None:
    # GIVEN a receipt whose labels and values the text separated
    text = "TOTAL (GST INCL)\nCASH\n5.90\n11.60\n12.00\n12.00\n"
    # WHEN extracted THEN the repeated 12.00 is the total, with a low confidence and the reason
    result = _extract(text)
    assert result.total is not None and str(result.total) == "12.00"
    assert result.fields["total"].confidence < 0.5 and result.fields["total"].reason


def test_without_a_total_label_no_repeated_amount_is_taken() -> None:
    assert _extract("Lieferschein\n12.00\n12.00\n").total is None


def test_a_vat_id_under_a_label_naming_the_buyers_is_never_the_vendors() -> None:
    # GIVEN the buyer's VAT id under "Uw btw-nummer" in the header, the vendor's in the footer
    text = (
        "Castellano Kalibratiediensten B.V.                 Kanaalweg 96, 3011 Rotterdam\n"
        "Factuur nr.:           INV-007492                   Elbtal Maschinenbau AG\n"
        "Factuurdatum:          6 maart 2026                 Am Messeplatz 7, DE-45131 Essen\n"
        "Uw btw-nummer: DE978075766\n"
        " Omschrijving                        Aantal     Prijs      Bedrag\n"
        " Kalibratie meetmiddelen                  3    107,37      322,11\n"
        "Factuurbedrag:                                          € 322,11\n"
        "ING Bank     KvK 54620     Btw-id: NL985800963B01\n"
    )
    assert _extract(text).vendor.vat_id == "NL985800963B01"
    # AND the same under a label standing alone above it ("TVA client" / "DE762103603")
    text = (
        "Keller Outillage SAS · 29 rue des Lilas · 31000 Toulouse\n"
        " N° de facture             Date de facturation\n"
        " 0001442                   08/03/2026\n"
        " TVA client\n"
        " DE762103603\n"
        " Désignation                       Qté      P.U.        Montant\n"
        " Schraubendreher-Satz                2     56,54         113,08\n"
        "Montant TTC:                                         113,08 EUR\n"
        "Keller Outillage SAS     N° TVA intracom.: FR55706666807\n"
    )
    assert _extract(text).vendor.vat_id == "FR55706666807"
    # AND under "USt-IdNr. Kunde:"
    german = text.replace(" TVA client\n DE762103603\n", "USt-IdNr. Kunde:      DE762103603\n")
    assert _extract(german).vendor.vat_id == "FR55706666807"
    # AND with only the buyer's printed, no vendor VAT id is read
    only_buyers = "ACME Ltd\nInvoice no. 42\nYour VAT no.: DE762103603\nTotal 10.00 EUR\n"
    assert _extract(only_buyers).vendor.vat_id is None


def test_a_number_after_an_item_number_label_is_never_the_invoice_number() -> None:
    # GIVEN the invoice number in a sentence, and the buyer's item numbers under "Ihre Art.-Nr." in the table
    text = (
        "Jansen Messtechnik Service GmbH & Co. KG\n"
        "Ihre Bestell-Nr.:    PO-26-17773\n"
        "Rechnung INV-000324 vom 13. März 2026\n"
        " Beschreibung                               Menge      Einzelpreis       Gesamt\n"
        " Wartung, Arbeitsstunde Techniker              4           88,30        353,20\n"
        " Ihre Art.-Nr.: 107-1431\n"
        "Gesamtbetrag                                                            353,20\n"
    )
    assert _extract(text).invoice_number == "INV-000324"


def test_a_swiss_uid_is_read_as_the_vendors_vat_id() -> None:
    text = (
        "Alpina Elektrotechnik SA                                  MWST CHE-205.548.861 MWST\n"
        "Rechnungs-Nr. 2026-INV-5911 vom 03.03.2026\n"
        "Total:                                                           CHF 218.40\n"
    )
    assert _extract(text).vendor.vat_id == "CHE205548861MWST"


def test_a_buyers_item_reference_under_a_row_is_no_po_number() -> None:
    # GIVEN "Su referencia" naming the order in the header and "Su ref." naming the buyer's item under a row
    text = (
        "Bauer Material Eléctrico S.L.\n"
        "Nº de factura:         2026/5904                      Su referencia:        PO-26-17958\n"
        " Pos.    Referencia      Concepto                               Uds.      Precio     Importe\n"
        " 1       Art. 73273      Cable de instalación H07RN-F            110       2,046      225,06\n"
        "                         Su ref.: 107-1764\n"
        "Total factura:                                                                      225,06 €\n"
    )
    extraction = _extract(text)
    assert extraction.po_numbers == ["PO-26-17958"]
    assert extraction.lines[0].buyer_sku == "107-1764"


def test_a_statute_paragraph_or_a_vat_label_never_gives_the_invoice_number() -> None:
    # GIVEN the number after the title, "Nr." in a law's paragraph and in "UID-Nr." further down
    text = (
        "Rinaldi Werkzeuge GmbH\n"
        "Ihre Bestell-Nr.:      4500011427\n"
        "RECHNUNG INV-007919 vom 12.03.2026\n"
        " Artikelbezeichnung                              Menge       E-Preis      Betrag\n"
        " Schraubendreher-Satz 10-teilig, Torx              1         45,68        45,68\n"
        "                                                 Rechnungsbetrag:        € 45,68\n"
        "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG)\n"
        "Erste Bank · IBAN AT19 2636 0888 8173 0117 · UID-Nr.: ATU91696576\n"
    )
    assert _extract(text).invoice_number == "INV-007919"
