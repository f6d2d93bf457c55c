"""GIVEN the sender and recipient blocks of an invoice WHEN parties are read THEN labels head blocks,
values are names, and a word inside a sentence is not a heading."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import address_window_buyer, choose_buyer_name, choose_vendor_name


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_label_in_the_next_column_is_not_the_buyer() -> None:
    # GIVEN a recipient heading whose line continues with the invoice-number field far right
    lines = _lines(
        "RECHNUNGSEMPFÄNGER                                  Rechnungsnummer        2026-311\n"
        "Nordwind Handels GmbH                               Rechnungsdatum       20.11.2026\n"
    )
    # WHEN the buyer is chosen
    name, _ = choose_buyer_name(lines)
    # THEN it is the name under the heading
    assert name == "Nordwind Handels GmbH"


def test_a_buyer_word_inside_a_sentence_is_not_a_heading() -> None:
    # GIVEN "recipient" in a reverse-charge sentence above the vendor's footer
    lines = _lines(
        "Reverse charge: VAT to be accounted for by the recipient\n"
        "Northbridge Tools Ltd · Registered in Ireland No. 612345\n"
    )
    # WHEN the buyer is chosen
    name, _ = choose_buyer_name(lines)
    # THEN nothing is taken from the footer
    assert name is None


def test_a_value_after_a_colon_is_the_buyer() -> None:
    lines = _lines("Bill to: Acme Widgets Ltd\n12 High Street\n")
    assert choose_buyer_name(lines)[0] == "Acme Widgets Ltd"


def test_without_a_heading_the_address_window_names_the_buyer() -> None:
    lines = _lines(
        "                                               Northbridge Tools Ltd\n"
        "Nordwind Handels GmbH                          Unit 4, Harbour Park\n"
        "Hafenstraße 7\n"
    )
    assert address_window_buyer(lines, "Northbridge Tools Ltd")[0] == "Nordwind Handels GmbH"


def _vendor(text: str) -> str | None:
    return choose_vendor_name(_lines(text), set(), set())[0]


def test_the_vendor_is_the_name_field_under_the_seller_heading_not_a_field_label() -> None:
    # GIVEN a seller block of "field: value" lines
    text = (
        "Verkäufer\n"
        "Nummer:                              73105\n"
        "Globale Nummer:               4012345000024  (GLN)\n"
        "Name:                                BEISPIEL-Gartenbau\n"
        "Anschrift:                           Lindenallee 7\n"
    )
    # WHEN the vendor is chosen THEN it is the value of the name field
    assert _vendor(text) == "BEISPIEL-Gartenbau"


def test_a_name_the_layout_split_with_wide_gaps_is_read_whole() -> None:
    text = "Verkäufer:\nNummer         :   73105\nHafenwerft   GmbH\nAm Anger     4\n"
    assert _vendor(text) == "Hafenwerft GmbH"
