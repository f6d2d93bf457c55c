"""GIVEN a seller's name and its address printed as one line ("Name s.r.o. · Street 7 · 100 00 Town") whose
separators a scan's OCR lost WHEN the seller is read THEN the name ends at its legal form; a name whose legal
form a number or another name word follows keeps them."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice

BODY = """
FAKTURA                                             Faktura nr    2026-0113
                                                    Datum         14.05.2026
Beskrivning                      Antal      Pris        Belopp
Konsulttimmar                        4    950,00      3 800,00
                                               Att betala   4 750,00 SEK
"""


def _vendor(head: str) -> str | None:
    page = PageText(number=1, text=head + "\n" + BODY)
    return extract_invoice(ParsedDocument(kind=DocumentKind.PDF, pages=[page]), engine="rules").vendor.name


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("Vinterhav Konsult Aktiebolag Strandvägen 12 114 56 Stockholm", "Vinterhav Konsult Aktiebolag"),
        ("Lesní Stavby s.r.o. Palackého 18 779 00 Olomouc", "Lesní Stavby s.r.o."),
        ("Serra Azul Lda. Rua das Flores, 31 4050-262 Porto", "Serra Azul Lda."),
    ],
)
def test_an_address_run_on_after_the_legal_form_is_no_part_of_the_name(head: str, name: str) -> None:
    assert _vendor(head) == name


def test_a_name_that_goes_on_after_its_legal_form_without_an_address_keeps_it() -> None:
    assert _vendor("Nordvik Bygg AB Filial Göteborg") == "Nordvik Bygg AB Filial Göteborg"


def test_a_legal_form_that_opens_the_name_is_not_where_it_ends() -> None:
    # GIVEN a buyer named after its leading legal form, its address after commas on the same line
    text = """Sąskaita faktūra Nr. LT-2207
Sąskaitos data 2026-06-14
Pardavėjas: UAB Nemuno Prekyba
Laisvės al. 40, LT-44240 Kaunas
Pirkėjas: UAB Linų Audiniai, Vilniaus g. 88, LT-78145 Šiauliai
Pavadinimas          Kiekis     Kaina      Suma
Lino audinys             10     12,00    120,00
                                Bendra suma 145,20 EUR
"""
    page = PageText(number=1, text=text)
    result = extract_invoice(ParsedDocument(kind=DocumentKind.PDF, pages=[page]), engine="rules")
    # THEN the name goes on past the form, to the comma
    assert result.buyer is not None and result.buyer.name == "UAB Linų Audiniai"
