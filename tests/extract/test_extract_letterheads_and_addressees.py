"""GIVEN letters as firms, associations and tradespeople print them (a name in capitals with its legal
form on the next line, a return address written with commas over the window, the recipient opened by a
form of address, a partner or a regulator named in the footer, Belgian associations) WHEN the vendor
is chosen THEN it is the sender's name, never the recipient's or a partner's."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import (
    _addressee_cells,
    _return_address_parts,
    buyer_zone,
    choose_vendor_name,
    legal_form,
    name_end,
)


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _vendor(text: str) -> str | None:
    lines = _lines(text)
    return choose_vendor_name(lines, set(), buyer_zone(lines))[0]


@pytest.mark.parametrize(
    "name", ["Cercle Horticole de Namur AISBL", "Les Compagnons du Rail asbl", "Dupuis SPRL"]
)
def test_belgian_association_and_company_forms_close_a_name(name: str) -> None:
    assert legal_form(name) is not None


def test_an_association_heads_its_letter_over_a_customer_with_a_legal_form() -> None:
    # GIVEN a Belgian association's invoice to a company whose name (with its legal form) stands in
    # the window on the right
    page = (
        "Cercle Horticole de Namur AISBL\n"
        "Rue des Jardins 12 - 5000 Namur\n"
        "                                              Imprimerie Delcourt SA\n"
        "                                              Avenue Prince de Liège 9\n"
        "                                              5100 Jambes\n"
        "Facture n° 2025-004\n"
        "Stand au marché aux plantes                           120,00 €\n"
        "Total à payer                                         120,00 €\n"
    )
    # WHEN the vendor is chosen THEN it is the association
    assert _vendor(page) == "Cercle Horticole de Namur AISBL"


def test_a_name_in_capitals_with_its_legal_form_on_the_next_line_is_read_whole() -> None:
    # GIVEN a letterhead in capitals whose legal form ("GMBH & CO. KG", which holds a street word of
    # another pack) fills the second line
    page = "STAHLBAU WENZEL\nGMBH & CO. KG\nIndustriestraße 4\n33100 Paderborn\nRechnung Nr. 88\n"
    # WHEN the vendor is chosen THEN both lines are the name
    assert _vendor(page) == "STAHLBAU WENZEL GMBH & CO. KG"


def test_the_general_partner_named_in_the_footer_is_not_the_seller() -> None:
    # GIVEN a limited partnership whose footer names its general partner (a company of its own, with
    # its registry) after the partnership's register entry
    page = (
        "FENSTERBAU OSTERTAG\n"
        "Meisterbetrieb\n"
        "Herrn\n"
        "Paul Renz\n"
        "Uferweg 3\n"
        "89073 Ulm\n"
        "Rechnung Nr. 2025-31                                   Ulm, 02.04.2025\n"
        "Fenster Kunststoff, Lieferung und Einbau                 3.100,00 EUR\n"
        "Rechnungsbetrag                                          3.689,00 EUR\n"
        "Sitz Ulm · Amtsgericht Ulm HRA 7120 · Komplementärin Ostertag Verwaltungs GmbH, HRB 5511\n"
    )
    # WHEN the vendor is chosen THEN it is not the partner
    assert _vendor(page) == "FENSTERBAU OSTERTAG"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Malerbetrieb Sonntag, Lindenallee 7, 4020 Linz", "Malerbetrieb Sonntag"),
        ("Okafor Roofing Ltd, 12 Mill Street, Bolton BL1 2AB", "Okafor Roofing Ltd"),
    ],
)
def test_a_return_address_written_with_commas_is_one(line: str, name: str) -> None:
    parts = _return_address_parts(line)
    assert parts is not None and parts[0] == name


@pytest.mark.parametrize(
    "line",
    [
        "Lindenallee 7, 4020 Linz, Austria",  # an address alone
        "Invoice to: Paul Renz, Uferweg 3, 89073 Ulm",  # a labelled field
        "Apples, pears, plums",
    ],
)
def test_other_lines_with_commas_are_no_return_address(line: str) -> None:
    assert _return_address_parts(line) is None


def test_the_sender_named_by_a_return_address_with_commas_wins_over_the_window() -> None:
    # GIVEN an Austrian tradesman's letter: its return address (commas) over the window, whose recipient
    # has a title, the sender's block again on the right without a legal form
    page = (
        "Malerbetrieb Sonntag, Lindenallee 7, 4020 Linz\n"
        "Herrn\n"
        "DI Karl Huber\n"
        "Hauptstraße 18\n"
        "4040 Linz\n"
        "                                                 Malerbetrieb Sonntag\n"
        "                                                 Lindenallee 7, 4020 Linz\n"
        "Rechnung Nr. 41/2025                             Linz, am 02.04.2025\n"
        "Malerarbeiten Stiegenhaus                                 2.400,00\n"
        "Rechnungsbetrag EUR                                       2.880,00\n"
    )
    # WHEN the vendor is chosen THEN it is the sender, not the recipient
    assert _vendor(page) == "Malerbetrieb Sonntag"


def test_a_form_of_address_marks_the_recipient() -> None:
    lines = _lines(
        "NORTHWIND\nMrs J Okafor\n12 Elm Road\nMr. Tyre\nFrau\nDr. Lea Brandt\nHerr Schmidt GmbH\n"
    )
    # a person's name after a form of address, and the name under a form of address alone; a brand
    # of one word and a firm's name with its legal form are not marked
    assert _addressee_cells(lines) == {(1, 0), (5, 0)}


def test_a_recipient_opened_by_a_form_of_address_is_not_the_seller() -> None:
    # GIVEN an insurer's schedule: its brand set over two lines, the recipient's block under it with no
    # label, and its legal name only in a regulatory sentence of the footer
    page = (
        "NORTHWIND\n"
        "COVER\n"
        "Mrs J Okafor                                  Policy number   NW/HOME/55120\n"
        "12 Elm Road                                   Date            03/04/2025\n"
        "Bolton BL1 4PQ\n"
        "Home insurance - buildings and contents        £410.00\n"
        "Total payable                                  £459.20\n"
        "Northwind Cover Limited is authorised and regulated by the Financial Conduct Authority.\n"
    )
    # WHEN the vendor is chosen THEN it is the insurer's legal name, not the recipient
    assert _vendor(page) == "Northwind Cover Limited"


@pytest.mark.parametrize(
    "footer",
    [
        "Northwind Cover Limited is authorised and regulated by the Financial Conduct Authority.",
        "Northwind Cover Ltd is a company registered in England and Wales, number 04411223.",
        "Northwind Cover Limited is registered in Scotland No. SC123456.",
    ],
)
def test_a_regulatory_sentence_names_the_company_it_is_about(footer: str) -> None:
    name, mention = name_end(footer)
    assert name.startswith("Northwind Cover L") and mention


def test_a_recipient_opened_by_a_form_of_address_loses_to_a_brand_alone() -> None:
    # GIVEN a schedule whose only sender's mark is its brand, over the recipient's block (no label)
    page = (
        "NORTHWIND\n"
        "Mrs J Okafor                                  Policy number   NW/HOME/55120\n"
        "12 Elm Road                                   Date            03/04/2025\n"
        "Bolton BL1 4PQ\n"
        "Home insurance - buildings and contents        £410.00\n"
        "Total payable                                  £459.20\n"
    )
    # WHEN the vendor is chosen THEN the recipient is not it
    assert _vendor(page) == "NORTHWIND"


def test_a_page_opening_with_a_form_of_address_opens_with_a_brand() -> None:
    # GIVEN a receipt whose first line is a shop's name that opens like a form of address
    lines = _lines("MR. NOODLE HOUSE\nCO. REG 001122334-X\nJALAN AMPANG 12\n")
    # WHEN recipients are marked THEN the page's first line is not one
    assert _addressee_cells(lines) == set()
