"""A form of address opening an address block ("Herrn", "Mme", "Firma", "Spett.le") is no part of the
party's name, and alone on its line no name at all: the name is on the line under it."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import without_salutation


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


_LETTER = """Holzbau Krämer GmbH · Talweg 4 · 34117 Kassel
{first}
{second}
Am Markt 9
34117 Kassel
                                              Rechnungsnummer:  2024-118
                                              Rechnungsdatum:   03.05.2024
Rechnung
Pos.  Bezeichnung                         Menge     Preis      Betrag
1     Dachlatten                             40      3,10      124,00
                                          Gesamtbetrag         124,00 €
"""


@pytest.mark.parametrize(
    ("first", "second", "buyer"),
    [
        ("Herrn", "Thomas Becker", "Thomas Becker"),
        ("Frau", "Anna Schulz", "Anna Schulz"),
        ("Firma", "Schulz Haustechnik GmbH", "Schulz Haustechnik GmbH"),
        ("Herrn Thomas Becker", "c/o Becker Immobilien", "Thomas Becker"),
    ],
)
def test_a_form_of_address_in_the_window_is_not_the_buyer(first: str, second: str, buyer: str) -> None:
    # GIVEN a German letter whose address window opens with a form of address
    result = extract_rules(_doc(_LETTER.format(first=first, second=second)))
    # THEN the buyer is the name, without the form of address
    assert result.buyer.name == buyer
    assert result.vendor.name == "Holzbau Krämer GmbH"


@pytest.mark.parametrize(
    ("label", "lines", "buyer"),
    [
        ("Facturé à :", ["Mme Claire Dubois", "12 rue Neuve", "75011 Paris"], "Claire Dubois"),
        ("Invoice to:", ["Messrs", "Hale & Porter Ltd", "3 Mill Road"], "Hale & Porter Ltd"),
        ("Cliente:", ["Sig.ra Giulia Conti", "Via Roma 4"], "Giulia Conti"),
        ("Aan:", ["Dhr. P. de Vries", "Dorpsstraat 1"], "P. de Vries"),
    ],
)
def test_a_form_of_address_under_a_buyer_label_is_not_the_buyer(
    label: str, lines: list[str], buyer: str
) -> None:
    text = "Atelier Nord SARL\n5 avenue Foch\n\nINVOICE  No. 7781   Date: 03/05/2024\n\n" + label + "\n"
    text += "\n".join(lines) + "\n\nTotal   124,00 EUR\n"
    assert extract_rules(_doc(text)).buyer.name == buyer


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("Herrn", ""),
        ("Herrn Thomas Becker", "Thomas Becker"),
        ("Firma Schulz GmbH", "Schulz GmbH"),
        ("Mr Price Group Ltd", "Mr Price Group Ltd"),  # a person's form before a legal form: the firm's name
        ("Frauenhofer Optik", "Frauenhofer Optik"),  # a whole word only
        ("Mr.Bricolage", "Mr.Bricolage"),
    ],
)
def test_without_salutation(name: str, clean: str) -> None:
    assert without_salutation(name) == clean


def test_a_seller_whose_name_opens_with_a_form_of_address_keeps_it() -> None:
    # GIVEN a receipt whose seller's brand opens with "Mrs." THEN the seller is the whole brand
    text = "MRS. HONEYBUN BAKERY\n14 Harbour Street\nPenzance TR18 2LZ\n\nWhite loaf    2.40\nTOTAL         2.40\n"
    assert extract_rules(_doc(text)).vendor.name == "MRS. HONEYBUN BAKERY"


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("Spett. Ditta Bellavista Srl", "Bellavista Srl"),  # two forms, one after the other
        ("Exmos. Senhores Alvorada Construções Lda.", "Alvorada Construções Lda."),
        ("Exma. Sra. Ana Lopes", "Ana Lopes"),
        ("M. et Mme Laurent Chevallier", "Laurent Chevallier"),
        ("Pan Jan Novák", "Jan Novák"),
        ("Pani", ""),
        ("Pan Asia Foods Ltd", "Pan Asia Foods Ltd"),
    ],
)
def test_forms_of_address_of_more_languages(name: str, clean: str) -> None:
    assert without_salutation(name) == clean


@pytest.mark.parametrize(
    ("line", "buyer"),
    [
        ("An: Bergkamp Agentur GbR", "Bergkamp Agentur GbR"),
        ("À : Distribution Horizon SAS", "Distribution Horizon SAS"),
        ("Para: Inês Ferreira", "Inês Ferreira"),
        ("Till: Norrsken Bygg HB", "Norrsken Bygg HB"),
    ],
)
def test_an_inline_recipient_label_of_more_languages_heads_the_buyer(line: str, buyer: str) -> None:
    text = (
        "Oskar Lindgren\nHamngatan 4\n411 06 Göteborg\n\n"
        f"{line}\nAm Markt 9\n\nNo.  2024-17   Date: 12/04/2024\n\nService    250,00\nTotal   250,00\n"
    )
    assert extract_rules(_doc(text)).buyer.name == buyer
