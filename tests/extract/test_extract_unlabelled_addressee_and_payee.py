"""GIVEN bills sent to private customers — the customer's postal address in the window with no label over
it, and a transfer slip whose payee label ("Empfänger", "Odbiorca") reads like a buyer's over the seller's
name — WHEN the rules engine reads them THEN the buyer is the addressee, never the seller. Texts of our
own."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


BILL = """Nordlicht Energie GmbH
Rechnungsnummer: 4471200931
Rechnungsdatum: 05.10.2025
Kundennummer: K6039164

Lukas Vogt                                          Zahlbetrag           124,81 EUR
Am Mühlbach 36
96047 Bamberg

Jahresabrechnung
Bezeichnung                      Menge      Einzelpreis        Betrag
Arbeitspreis Strom                 412           0,2500        103,00
Summe netto                                                    104,88
USt. 19 %                                                       19,93
Rechnungsbetrag                                                124,81 EUR
{slip}
Nordlicht Energie GmbH · Hauptstraße 16 · 96047 Bamberg · USt-IdNr. DE712332543
"""


def test_a_private_addressee_with_no_label_is_the_buyer() -> None:
    # GIVEN a person's name over a street and a postcode and town at the top, no buyer label anywhere
    result = _extract(BILL.format(slip=""))
    # THEN the addressee is the buyer
    assert result.vendor.name == "Nordlicht Energie GmbH"
    assert result.buyer.name == "Lukas Vogt"


def test_a_payee_label_over_the_sellers_name_names_no_buyer() -> None:
    # GIVEN a transfer slip at the foot whose payee label is also a buyer label ("Empfänger")
    slip = """Bitte abtrennen und mit Ihrer Zahlung zurücksenden
SEPA-Überweisung
Empfänger       Nordlicht Energie GmbH
IBAN            DE46866790265272020232
Betrag          EUR 124,81"""
    result = _extract(BILL.format(slip=slip))
    # THEN the seller is not read as the buyer: the addressee is
    assert result.vendor.name == "Nordlicht Energie GmbH"
    assert result.buyer.name == "Lukas Vogt"


def test_a_name_without_an_address_under_it_is_no_addressee() -> None:
    # GIVEN a person's name on its own (a contact), no street nor town under it
    text = """Nordlicht Energie GmbH
Rechnungsnummer: 4471200931
Ihr Ansprechpartner
Lukas Vogt
Rechnungsbetrag                                                124,81 EUR
"""
    result = _extract(text)
    # THEN no buyer is made of it
    assert result.buyer.name != "Lukas Vogt"


def test_an_addressee_whose_postcode_has_six_digits_is_the_buyer() -> None:
    # GIVEN a Romanian bill to a private customer: the window's block with no label over it, a street
    # with "nr." and a six-digit postcode before the town
    text = (
        "Constantinescu & Țurcanu SCA                                           Factura ta\n\n"
        " Număr factură                   Data emiterii                   Perioada de facturare\n"
        " FA24/85298                      04.02.2024                      01.01.2024 – 31.01.2024\n\n"
        "Andrei Marinescu\n"
        "Bd. Unirii nr. 69\n"
        "400001 Cluj-Napoca\n\n"
        "Denumire                                      Cantitate      Preț unitar          Valoare\n"
        "Onorariu                                          1,5 h           220,00           330,00\n"
        "                                              Total                          330,00 RON\n"
    )
    # THEN the addressee is the buyer
    assert _extract(text).buyer.name == "Andrei Marinescu"
