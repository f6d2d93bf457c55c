"""GIVEN a seller's name wrapped onto two or three lines, printed with its registration number, a
former name or a counter, or named in a legal-mentions footer WHEN the vendor is chosen THEN the
whole name is read, it ends at its legal form, and the legal line is the seller's evidence."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument, Word
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import (
    buyer_zone,
    choose_vendor_name,
    name_end,
    read_vendor_address,
    wrapped_names,
)


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _vendor(text: str) -> str | None:
    lines = _lines(text)
    return choose_vendor_name(lines, set(), buyer_zone(lines))[0]


ADDRESS = "NO. 5, JALAN MAWAR 3\n47400 PETALING JAYA\nTEL: 03-1234 5678\n"


@pytest.mark.parametrize(
    ("head", "name"),
    [
        # a bracket opened on one line and closed on the next, the first line joined too (the second
        # opens with a legal form and the rest ends with one)
        (
            "SENI JAYA HARDWARE\nENTERPRISE (BANDAR\nBARU) SDN BHD\n",
            "SENI JAYA HARDWARE ENTERPRISE (BANDAR BARU) SDN BHD",
        ),
        # a line ending with "&", a line opening with "&", a line ending with the pack's "and"
        ("GOLDEN LOTUS PAINT &\nSANITARY\n", "GOLDEN LOTUS PAINT & SANITARY"),
        ("THE GREEN LEAF\n& BAMBOO (M) SDN. BHD.\n", "THE GREEN LEAF & BAMBOO (M) SDN. BHD."),
        ("MÜLLER UND\nSCHMIDT GMBH\n", "MÜLLER UND SCHMIDT GMBH"),
        ("NORTH STAR +\nPARTNERS LTD\n", "NORTH STAR + PARTNERS LTD"),
        # a line ending with a hyphen: the double-barrelled name goes on without a space
        ("BOLTON-\nHARRIS LTD\n", "BOLTON-HARRIS LTD"),
        # a line that is only a legal form, its bracketed qualifier aside
        ("KEDAI RUNCIT MAJU JAYA\n(KAJANG) SDN BHD\n", "KEDAI RUNCIT MAJU JAYA (KAJANG) SDN BHD"),
        # a generic trade word and a legal form finish the name above
        ("SRI ANANDA VEGETARIAN\nRESTAURANT SDN BHD\n", "SRI ANANDA VEGETARIAN RESTAURANT SDN BHD"),
        # the Swiss spelling of the SARL ("Sàrl") closes a name as a legal form
        ("FONTAINE & CHEVALIER\nSàrl\n", "FONTAINE & CHEVALIER Sàrl"),
    ],
)
def test_a_name_wrapped_onto_more_lines_is_read_whole(head: str, name: str) -> None:
    # GIVEN a receipt whose name goes on over two or three lines above its address
    # WHEN the vendor is chosen THEN it is the whole name, not its last line
    assert _vendor(head + ADDRESS) == name


def test_lines_without_a_sign_of_going_on_are_not_joined() -> None:
    # GIVEN a brand line over a company line: no bracket, no "&", the second no trade word
    lines = _lines("MEGA BURGER\nCITRA FOODS SDN BHD\n" + ADDRESS)
    # WHEN wrapped names are looked for THEN none is
    assert wrapped_names(lines, range(len(lines))) == []


def _word(text: str, x0: float, y0: float, size: float) -> Word:
    return Word(text=text, x0=x0, y0=y0, x1=x0 + len(text) * size * 0.6, y1=y0 + size, font_size=size, page=1)


def _boxed(rows: list[tuple[list[str], float, float]]) -> list[Line]:
    words: list[Word] = []
    for y, (texts, x0, size) in enumerate(rows):
        x = x0
        for text in texts:
            words.append(_word(text, x, 20 + y * 20, size))
            x += len(text) * size * 0.6 + size * 0.4
    return document_lines(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="", words=words)])
    )


def test_with_word_boxes_only_lines_of_one_size_and_alignment_are_joined() -> None:
    # GIVEN a name whose first line ends with "&", as word boxes: once in one size and column,
    # once the second line in a smaller size, once far to the right
    same = _boxed([(["NORTH", "STAR", "&"], 40, 12), (["PARTNERS", "LTD"], 40, 12)])
    smaller = _boxed([(["NORTH", "STAR", "&"], 40, 12), (["PARTNERS", "LTD"], 40, 7)])
    elsewhere = _boxed([(["NORTH", "STAR", "&"], 40, 12), (["PARTNERS", "LTD"], 300, 12)])
    # WHEN wrapped names are looked for THEN only the first is joined
    assert [cell.text for _, cell, _ in wrapped_names(same, range(len(same)))] == [
        "NORTH STAR & PARTNERS LTD"
    ]
    assert wrapped_names(smaller, range(len(smaller))) == []
    assert wrapped_names(elsewhere, range(len(elsewhere))) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("URBAN LOFT SDN BHD (417940-M),", "URBAN LOFT SDN BHD"),
        ("SUNRISE BAKERY SDN BHD 862725-U", "SUNRISE BAKERY SDN BHD"),
        ("PRIMA REALTY SDN BHD (CO. NO:20154-T)", "PRIMA REALTY SDN BHD"),
        ("JADE CONFECTIONERY S/B 273500-U (KSB)", "JADE CONFECTIONERY S/B"),
        ("LIM BROTHERS SERVICE STATION COMPANY NO :256628-W", "LIM BROTHERS SERVICE STATION"),
        ("CITY NEWS RETAIL SB(306295-X) FKA OLD STORES SB", "CITY NEWS RETAIL SB"),
        ("Acme Widgets Ltd formerly known as Widget World Ltd", "Acme Widgets Ltd"),
        ("#000002 HANA (M) SDN BHD", "HANA (M) SDN BHD"),
        ("Beispiel GmbH, Amtsgericht Köln HRB 12345", "Beispiel GmbH"),
        ("Voorbeeld B.V. KvK 12345678", "Voorbeeld B.V."),
        ("Exemple SARL RCS Lyon B 123 456 789", "Exemple SARL"),
        ("Esempio S.r.l. R.E.A. MI-123456", "Esempio S.r.l."),
        ("Przykład Sp. z o.o. KRS 0000123456", "Przykład Sp. z o.o."),
        ("Exempel AB Org.nr 556677-8899", "Exempel AB"),
        ("Eksempel ApS CVR-nr. 12345678", "Eksempel ApS"),
        ("Příklad s.r.o. IČO: 12345678", "Příklad s.r.o."),
        ("Bharat Traders Pvt Ltd CIN U12345MH2010PTC123456", "Bharat Traders Pvt Ltd"),
        ("Stone & Field LLC · Ohio corporation · Tax ID: 12-3456789", "Stone & Field LLC"),
    ],
)
def test_a_name_ends_before_its_registration_number(text: str, name: str) -> None:
    # GIVEN a name followed by a company-registration number (a registry label of a locale pack,
    # digits with a check letter, digits in brackets), a former name, or led by a counter
    # WHEN the name's end is found THEN the number and all after it are gone
    assert name_end(text)[0] == name
    # AND the vendor read from such a line is the name alone
    assert _vendor(text + "\n" + ADDRESS) == name


def test_a_name_with_no_registration_number_is_kept_whole() -> None:
    # GIVEN names with digits and brackets that are not registration numbers
    for text in ("24-7 CONVENIENCE SDN BHD", "KEDAI RUNCIT MAJU SDN BHD (JALAN BESAR)", "88 FRESH MART S/B"):
        # THEN they are kept as printed
        assert name_end(text) == (text, False)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vos Koffie B.V. i.o.v. Bonenland", "Vos Koffie B.V."),
        ("Vos Koffie B.V. iov bonenland.example", "Vos Koffie B.V."),
        ("Vos Koffie B.V. in opdracht van Bonenland", "Vos Koffie B.V."),
        ("Harbour Freight Agents Ltd on behalf of Inland Mills Ltd", "Harbour Freight Agents Ltd"),
        ("Harbour Freight Agents Ltd for and on behalf of Inland Mills", "Harbour Freight Agents Ltd"),
        ("Abrechnung Nord GmbH im Auftrag der Stadtwerke Süd AG", "Abrechnung Nord GmbH"),
        ("Gestion Ouest SARL pour le compte de Maison Est SA", "Gestion Ouest SARL"),
        ("Servizi Alfa S.r.l. per conto di Beta S.p.A.", "Servizi Alfa S.r.l."),
        ("Obsługa Plus Sp. z o.o. w imieniu Dom Sp. z o.o.", "Obsługa Plus Sp. z o.o."),
        ("Fakturaservice AB på uppdrag av Norrvatten AB", "Fakturaservice AB"),
    ],
)
def test_a_name_ends_before_the_party_it_acts_for(text: str, name: str) -> None:
    # GIVEN a company's name and legal form, then an agency clause of a locale pack naming whom the
    # company acts for WHEN the name's end is found THEN the clause and the other party are gone
    assert name_end(text)[0] == name
    # AND the vendor read from such a letterhead is the company alone
    assert _vendor(text + "\n" + ADDRESS) == name
    # AND where no name with its legal form comes before the clause, nothing is cut
    for kept in ("Jan de Wit namens Bonenland", "Invoice issued on behalf of Inland Mills Ltd"):
        assert name_end(kept) == (kept, False)


FOOTER_PAGE = (
    "Centre Relation Abonnés\n"
    "75371 Paris Cedex 08\n"
    "                                                      Jean Dupont\n"
    "                                                      12 rue des Lilas\n"
    "                                                      69100 Villeurbanne\n"
    "Facture n° 5620 du 2 juillet 2024\n"
    + "".join(f"Option {n}                                                   2,00\n" for n in range(1, 15))
    + "Total facture                                                   28,00\n"
    "{footer}\n"
)


@pytest.mark.parametrize(
    "footer",
    [
        "Onde SAS au capital de 3.441.812 Euros - B 421 938 861 RCS Paris - Siège social : 8 rue Lepic 75018 Paris",
        "Welle GmbH · Sitz der Gesellschaft: Berlin · Amtsgericht Charlottenburg HRB 12345",
        "Golf S.r.l. - Capitale sociale € 10.000 i.v. - Sede legale: Via Roma 1, Milano",
    ],
)
def test_a_legal_mentions_line_naming_a_company_is_the_seller(footer: str) -> None:
    # GIVEN a customer-service address at the top (a name-like line with no legal form) and a legal
    # footer naming a company before its share capital, registry and registered office
    name = name_end(footer)[0]
    # WHEN the vendor is chosen THEN it is the company of the legal line
    assert name_end(footer)[1]
    assert _vendor(FOOTER_PAGE.format(footer=footer)) == name


def test_the_buyers_legal_line_is_not_the_seller() -> None:
    # GIVEN a seller's letterhead without a legal form and, in the buyer's block, the buyer's own
    # legal line
    text = (
        "Atelier Rivière\n"
        "3 quai Saint-Vincent\n"
        "69001 Lyon\n"
        "Facturé à :\n"
        "Client SAS au capital de 10 000 € RCS Lyon 123 456 789\n"
        "5 avenue Foch\n"
        "69006 Lyon\n"
        "Facture n° 77 du 3 mars 2024\n"
        "Total                                             120,00\n"
    )
    # WHEN the vendor is chosen THEN it is the letterhead, not the buyer's legal line
    assert _vendor(text) == "Atelier Rivière"


def test_a_letterhead_the_legal_line_confirms_is_where_the_vendor_stands() -> None:
    # GIVEN a letterhead "Nordkap GmbH" over its address, and the same name in the legal footer
    text = (
        "Nordkap GmbH & Co. KG\n"
        "Hafenstraße 20\n"
        "04109 Leipzig\n"
        "Tel. +49 341 555 0100\n"
        "                                                  Nordkap GmbH & Co. KG · Hafenstraße 20 · 04109 Leipzig\n"
        "                                                  Sjöberg Maskin AB\n"
        "                                                  Industrigatan 4\n"
        "Rechnungsnummer:      2026-118                    Datum:      03.03.2026\n"
        + "".join(f"Position {n}                                             10,00\n" for n in range(1, 15))
        + "Gesamtbetrag                                              140,00\n"
        "Nordkap GmbH & Co. KG · HRB 4711 Amtsgericht Leipzig · Umsatzsteuer-ID: DE136695976\n"
    )
    from opsloop.extract.rules.engine import extract_rules

    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    # WHEN the rules read it THEN the vendor's evidence is the letterhead, and its address is read
    assert result.vendor.name == "Nordkap GmbH & Co. KG"
    assert result.fields["vendor.name"].text == "Nordkap GmbH & Co. KG"
    assert result.vendor.address == "Hafenstraße 20, 04109 Leipzig"


def test_a_letterheads_tagline_after_a_middle_dot_is_no_part_of_the_name() -> None:
    # GIVEN a letterhead "Name · what the firm does"
    text = "Harbour Trading Teoranta · Wholesale\nUnit 5, Quay Street\nGalway\nInvoice No. HT-1001\n"
    # THEN the vendor is the name alone
    assert _vendor(text) == "Harbour Trading Teoranta"


def test_the_consignees_block_is_the_buyers_not_the_vendors() -> None:
    # GIVEN an Indian tax invoice: the seller without a legal form at the top, the consignee with one
    text = (
        "                                      TAX INVOICE\n"
        "Ganga Traders                                        Invoice Number        Dated\n"
        "12, Mall Road                                        GT/26-27/0042         03/03/2026\n"
        "Shimla - 171001, Himachal Pradesh\n"
        "Details of Consignee (Shipped to)                    Bill To\n"
        "Nilgiri Foods Pvt. Ltd.                              Nilgiri Foods Pvt. Ltd.\n"
        "14, Anna Salai                                       14, Anna Salai\n"
    )
    # THEN the seller is the letterhead
    assert _vendor(text) == "Ganga Traders"


def test_a_wrapped_names_address_starts_under_the_name() -> None:
    # GIVEN a letterhead whose name goes on over two lines above its street and town
    lines = _lines("Fontaine & Chevalier                 FACTURE\nSàrl\nBahnhofstrasse 11\n4028 Basel\n")
    # WHEN the vendor's address is read under the name THEN the name's second line is no part of it
    assert read_vendor_address(lines, lines[0], "Fontaine & Chevalier Sàrl") == (
        "Bahnhofstrasse 11, 4028 Basel",
        lines[3],
    )
