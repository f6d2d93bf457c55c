"""GIVEN a Swiss letter-style invoice whose page opens with the letterhead's one-line contact line
("name | street, town | mail | bank | IBAN"), then the sender's line over the address window ("person ·
street · town · country"), then the recipient WHEN the invoice is read THEN the recipient under the
sender's line is the buyer, and the bank named before the IBAN is not the seller."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import _clean_name

PAD = " " * 30


def _text(bank: str) -> str:
    return f"""{PAD}Kräuterhof Studer | Dorfplatz 6, 3800 Interlaken, CH | info@kraeuterhof.ch | {bank} | IBAN CH56 0483 5012 3456 7800 9
KRÄUTERHOF STUDER.                                                                                  info@kraeuterhof.ch
Lena Studer · Dorfplatz 6 · 3800 Interlaken · Schweiz
Pfarrei St. Martin                                                                      Datum                    12.03.2025
Kirchweg 2
3600 Thun                                                                               Rechnungsnummer          2025-031
Schweiz
Rechnung
Sehr geehrte Damen und Herren,
Position    Anzahl   Einheit    Bezeichnung                                   Einzelpreis      Gesamtpreis
1              12.0  Stück      Kräutertee Bergmischung                         14.50 CHF       174.00 CHF
                                                                Nettopreis                      174.00 CHF
                                                                Rechnungsbetrag                 174.00 CHF
Mit freundlichen Grüssen
Lena Studer
KRÄUTERHOF STUDER
"""


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_the_recipient_under_the_sender_line_is_the_buyer_not_the_sender() -> None:
    # GIVEN the seller's name with its legal form in the contact line and as the wordmark
    text = (
        _text("Berner Kantonalbank")
        .replace("Kräuterhof Studer |", "Studer Kräuterhof GmbH |")
        .replace("KRÄUTERHOF STUDER.", "STUDER KRÄUTERHOF GMBH.")
    )
    # WHEN the invoice is read THEN the window's first line under the sender's line names the buyer
    result = _extract(text)
    assert result.buyer.name == "Pfarrei St. Martin"
    assert result.vendor.name == "Studer Kräuterhof GmbH"


def test_the_bank_named_before_the_iban_in_a_contact_line_is_not_the_name_it_gives() -> None:
    # GIVEN a letterhead's contact line: the seller's name without a legal form, the bank with one
    line = "Kräuterhof Studer | Dorfplatz 6, 3800 Interlaken | Berner Kantonalbank AG | IBAN CH56 0483 5012 3456 7800 9"
    # WHEN the name is read from it THEN it is the name opening the line, not the bank the IBAN follows
    assert _clean_name(line) == "Kräuterhof Studer"
    # AND a name with a legal form elsewhere on such a line is still preferred to the opening part
    assert _clean_name("Studio Nord | Nordbank AG | IBAN DE12 5001 0517 0000 1234 56 | Nord Design GmbH") == (
        "Nord Design GmbH"
    )


def test_the_contact_line_gives_the_address_of_the_name_printed_there_in_other_case() -> None:
    # GIVEN the seller's name in capitals as its wordmark and under the signature, in the contact line as
    # written
    text = (
        _text("Berner Kantonalbank")
        .replace("Kräuterhof Studer |", "Studer Kräuterhof GmbH |")
        .replace("KRÄUTERHOF STUDER.", "STUDER KRÄUTERHOF GMBH.")
        .replace("\nKRÄUTERHOF STUDER\n", "\nSTUDER KRÄUTERHOF GMBH\n")
    )
    # WHEN the invoice is read THEN the contact line's address after the name is the seller's
    assert _extract(text).vendor.address == "Dorfplatz 6, 3800 Interlaken"
