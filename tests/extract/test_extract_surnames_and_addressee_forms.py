"""A Dutch surname is no street: "van Dijk" names a person, the street word "dijk" stands alone ("Hoge Dijk
12"); a private addressee's form of address ("Dhr.", "Mevr.") is no part of the name read from an
unlabelled postal block. Texts of our own."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import address_like

_TEXT = (
    "IR. BAS VAN DIJK\nFotografie\nStationsplein 43\n9711 JK Groningen\nTel. 06-9933277\n"
    "BTW-nummer: NL790414497B01\n"
    "Dhr. Pieter Bakker\nStationsplein 15\n3511 AB Utrecht\n"
    "FACTUUR\n\n Nummer:        90/2023\n Datum:         19-02-2023\n\n"
    " Omschrijving                      Aantal     Prijs      Bedrag\n"
    " Advies, per uur                   3          95,00      285,00\n\n"
    "                                   Totaal                 344,85\n"
)


def test_a_surname_with_van_is_no_street() -> None:
    assert not address_like("Bas van Dijk")
    assert not address_like("IR. BAS VAN DIJK")
    assert address_like("Hoge Dijk 12")


def test_the_seller_named_van_dijk_and_the_addressee_without_his_form() -> None:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=_TEXT)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.vendor.name is not None and result.vendor.name.lower() == "ir. bas van dijk"
        assert result.buyer.name == "Pieter Bakker"


def test_an_unlabelled_addressee_without_the_form_of_address() -> None:
    text = _TEXT.replace("IR. BAS VAN DIJK\nFotografie\n", "Fotostudio Jansen B.V.\n")
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.buyer.name == "Pieter Bakker"
