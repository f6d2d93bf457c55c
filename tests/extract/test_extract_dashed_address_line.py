"""GIVEN a one-line address under a letterhead's name, or a footer's name and address on one line, parted by
dashes between spaces ("Weg 4 - 12345 Stadt - Tel ...", as such lines are often printed) or by a plus (as
OCR reads a middle dot) WHEN the seller's address or name is read THEN the parts are read as parts, as with
middle dots or bars."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import read_vendor_address


def _address(text: str, name: str) -> str | None:
    lines = list(document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])))
    found = read_vendor_address(lines, lines[0], name)
    return found[0] if found else None


def test_a_dashed_one_line_address_under_the_name_is_the_sellers_address() -> None:
    for mark in ("-", "–", "·"):
        text = (
            "  Tischlerei Wald GmbH\n"
            f"  Ringstraße 4 {mark} 8010 Graz {mark} +43 316 12 34 56                 Rechnung\n"
            "  office@tischlerei-wald.at\n"
        )
        assert _address(text, "Tischlerei Wald GmbH") == "Ringstraße 4, 8010 Graz", mark


def test_a_plus_between_spaces_parts_a_name_from_its_address_as_a_middle_dot_does() -> None:
    from opsloop.extract.rules.parties import _clean_name

    # (OCR reads a footer's middle dot as a plus: "Name · street · town")
    assert _clean_name("Westfield Supplies Ltd + 4 Mill Lane - Leeds LS1 4AP") == "Westfield Supplies Ltd"
    # a plus joining two words of a name stays: no legal form before it, no number after it
    assert _clean_name("Hale + Partners") == "Hale + Partners"
    assert _clean_name("Hale + Partners Ltd") == "Hale + Partners Ltd"
