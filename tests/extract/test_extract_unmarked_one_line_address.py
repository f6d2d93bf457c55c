"""GIVEN a letterhead's one-line address whose marks between the parts were lost (OCR drops the small middle
dots of "Weg 61 · 1783 Town · +45 …": "Weg 61 1783 Town +45 …"), or a street's name, a comma and its house
number before the postcode WHEN the seller's address is read THEN the street, the postcode and town are read
as the address's parts and the phone and mail after them are left off; a district's number after the town
stays, and a line with no postcode after the house number is no address."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import _unglued, read_vendor_address


def _address(text: str, name: str) -> str | None:
    lines = list(document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])))
    found = read_vendor_address(lines, lines[0], name)
    return found[0] if found else None


def test_a_letterhead_line_without_its_dots_still_gives_the_address() -> None:
    text = (
        " Hedebo Maskiner ApS\n"
        " Havnegade 17 5700 Svendborg  +45 62 21 40 08  salg@hedebo.example\n"
        "\n"
        " Kunde\n"
        " Birk & Sø I/S                                          Faktura\n"
        " Torvet 3\n"
        " 4000 Roskilde\n"
    )
    assert _address(text, "Hedebo Maskiner ApS") == "Havnegade 17, 5700 Svendborg"


def test_a_phone_glued_after_the_town_is_left_off() -> None:
    text = (
        "Quinta Nova Lda.\n"
        "Rua das Flores, 212 4050-262 Porto 22 339 4051 geral@quintanova.example\n"
        "\n"
        "Cliente\n"
        "Oliveira & Filhos Lda.\n"
    )
    assert _address(text, "Quinta Nova Lda.") == "Rua das Flores, 212, 4050-262 Porto"


def test_a_postcode_of_two_groups_after_the_house_number() -> None:
    assert _unglued("Ängsvägen 9 431 37 Mölndal") == ["Ängsvägen 9", "431 37 Mölndal"]
    assert _unglued("Ostrovní 12 110 00 Praha 1") == ["Ostrovní 12", "110 00 Praha 1"]


def test_what_reads_as_no_glued_address_stays_whole() -> None:
    assert _unglued("Havnegade 17") == ["Havnegade 17"]
    assert _unglued("Order 4471 of 12 March") == ["Order 4471 of 12 March"]
    assert _unglued("Invoice 2024 1041 Rotterdam") == ["Invoice 2024 1041 Rotterdam"]


def test_a_doubled_stop_after_a_legal_form_parts_a_return_address_as_a_mark_does() -> None:
    from opsloop.extract.rules.parties import _return_address_parts

    # (OCR reads the middle dot set right after "a.s." as a second full stop)
    assert _return_address_parts("Vrba Stroje a.s.. Lipová 12, 370 01 Tábor") == (
        "Vrba Stroje a.s.",
        "Lipová 12",
        "370 01 Tábor",
    )
    # a name's own abbreviations with one stop each are no parts
    assert _return_address_parts("Vrba Stroje a.s.") is None
