"""GIVEN a seller's address block printed in one of the postal conventions real invoices share — the town,
then its postcode alone on the next line (British and Irish addresses, a Brazilian CEP after its label); a
town, a dash and an Indian PIN code, the state after it; a Canadian town, its province in brackets, then the
postal code; a Mexican "C.P." label before the postcode; a US street whose house number opens it over
"Town, ST 12345"; a party's form of "label: value" rows whose address row names the address — WHEN the
seller's address is read THEN the street, the postcode and the town are its parts (a state after an Indian
PIN code left off, as a region after a postcode is), and what is no such address stays unread."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import _POSTCODE_TOWN_RE, legal_form, read_vendor_address


def _address(text: str, name: str) -> str | None:
    lines = list(document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])))
    line = next(line for line in lines if name in line.text)
    found = read_vendor_address(lines, line, name)
    return found[0] if found else None


def test_a_postcode_on_the_line_under_its_town_closes_the_address() -> None:
    text = "Kestrel Joinery Ltd\n12 Quay Road\nCork\nT23 XK47\nVAT No.: IE1234567T\n"
    assert _address(text, "Kestrel Joinery Ltd") == "12 Quay Road, Cork, T23 XK47"
    text = "Ashby Tools Ltd\n4 Mill Lane\nYork\nYO1 7HH\nPhone 01904 000000\n"
    assert _address(text, "Ashby Tools Ltd") == "4 Mill Lane, York, YO1 7HH"
    text = "Dock Lane Supplies Ltd\nUnit 9, Harbour Park\nDublin 2\nD02 XY45\n"
    assert _address(text, "Dock Lane Supplies Ltd") == "Unit 9, Harbour Park, Dublin 2, D02 XY45"
    # a town alone over an order number's letters and digits: no postcode, no address
    text = "Kestrel Joinery Ltd\n12 Quay Road\nCork\nPO 12345\nVAT No.: IE1234567T\n"
    assert _address(text, "Kestrel Joinery Ltd") is None


def test_a_labelled_postcode_under_a_town_and_its_state_closes_the_address() -> None:
    text = "Ferragens Lima Ltda.\nRua Alegre, 45\nRecife - PE\nCEP 50010-230\nCNPJ: 11.222.333/0001-81\n"
    assert _address(text, "Ferragens Lima Ltda.") == "Rua Alegre, 45, Recife - PE, CEP 50010-230"


def test_a_town_a_dash_and_a_pin_code_close_the_address_without_the_state() -> None:
    text = "Nair Traders Private Limited\n14, Temple Road\nKochi - 682 011\nKerala\nGSTIN: 32AAAAA0000A1Z5\n"
    assert _address(text, "Nair Traders Private Limited") == "14, Temple Road, Kochi - 682 011"
    text = "Nair Traders Private Limited\n14, Temple Road\nKochi - 682011, Kerala\nGSTIN: 32AAAAA0000A1Z5\n"
    assert _address(text, "Nair Traders Private Limited") == "14, Temple Road, Kochi - 682011"
    assert not _POSTCODE_TOWN_RE.match("Invoice - 2024 118")


def test_a_canadian_town_with_its_province_in_brackets_before_the_postal_code() -> None:
    text = "Quincaillerie Gagnon inc.\n77, rue Principale,\nbureau 4\nRimouski (Qc) G5L 1A1\nTPS 123456789 RT0001\n"
    assert (
        _address(text, "Quincaillerie Gagnon inc.") == "77, rue Principale, bureau 4, Rimouski (Qc) G5L 1A1"
    )
    # the French-Canadian legal forms (limitée, société en nom collectif)
    assert legal_form("Transport Gagnon Ltée") is not None
    assert legal_form("Gagnon et Fils s.e.n.c.") is not None


def test_a_postcode_label_and_a_state_abbreviation_around_the_town() -> None:
    assert _POSTCODE_TOWN_RE.match("C.P. 37000 León, Gto.")
    assert _POSTCODE_TOWN_RE.match("C.P. 64000 Monterrey, N.L.")
    text = "Aceros del Bajío S.A. de C.V.\nAv. Juárez 210, Col. Centro\nC.P. 37000 León, Gto.\nRFC: ABC010101AB1\n"
    assert (
        _address(text, "Aceros del Bajío S.A. de C.V.")
        == "Av. Juárez 210, Col. Centro, C.P. 37000 León, Gto."
    )


def test_a_street_opening_with_its_number_goes_on_to_the_town_and_zip_under_it() -> None:
    text = "Pine Hill Supply LLC                          INVOICE\n4410 Maple Avenue\nDayton, OH 45402\nPhone (937) 555-0100\n"
    assert _address(text, "Pine Hill Supply LLC") == "4410 Maple Avenue, Dayton, OH 45402"


def test_a_forms_address_row_under_the_name_row_is_the_address() -> None:
    text = (
        "  Ragione sociale: Ferri Utensili S.r.l.\n"
        "  Regime fiscale: RF01 (ordinario)\n"
        "  Indirizzo: Via Po 12 – 10123 Torino (TO)\n"
        "  Telefono: +39 011 000 0000\n"
    )
    assert _address(text, "Ferri Utensili S.r.l.") == "Via Po 12, 10123 Torino (TO)"
    # an address row whose value is no whole address
    text = "  Denominazione: Ferri Utensili S.r.l.\n  Indirizzo: vedi sede legale\n  Telefono: +39 011 000 0000\n"
    assert _address(text, "Ferri Utensili S.r.l.") is None


def test_a_one_line_address_ends_at_a_town_closing_on_its_state_and_zip() -> None:
    # (the employer id after it is no part of the address)
    text = "  Birch & Co LLC\n  17 Cedar Lane · Denver, CO 80202 · EIN 118822\n"
    assert _address(text, "Birch & Co LLC") == "17 Cedar Lane, Denver, CO 80202"


def test_an_industrial_zone_before_the_street_is_part_of_the_address() -> None:
    text = "  Atelier du Pont SAS\n  ZI du Moulin, 8 rue Haute, 44000 Nantes\n"
    assert _address(text, "Atelier du Pont SAS") == "ZI du Moulin, 8 rue Haute, 44000 Nantes"


def test_a_return_line_opening_with_the_name_ends_at_the_town_state_and_zip() -> None:
    text = "  Birch & Co LLC · 17 Cedar Lane · Denver, CO 80202 · EIN 118822\n\n  Bill to\n  Jo Park\n"
    assert _address(text, "Birch & Co LLC") == "17 Cedar Lane, Denver, CO 80202"
