"""GIVEN the block the seller's name was taken from WHEN its address is read THEN the address is the
address lines of that block (or of another place printing the same name), never the name, its legal
form, the recipient's window under a return address, contact details or a bank."""

from opsloop.extract.rules.layout import Line
from opsloop.extract.rules.parties import read_vendor_address


def _lines(text: str) -> list[Line]:
    from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
    from opsloop.extract.rules.layout import document_lines

    return list(document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])))


def _address(text: str, name: str, at: int) -> str | None:
    lines = _lines(text)
    found = read_vendor_address(lines, lines[at], name)
    return found[0] if found else None


def test_a_return_address_under_the_letterhead_name_gives_the_address_not_the_window_under_it() -> None:
    # GIVEN a letterhead name, the sender's one-line return address under it, then the recipient's window
    text = (
        "Korvenmaa Oy\n"
        "Korvenmaa Oy · Puistokatu 12 · 33100 Tampere\n"
        "Lumilaakso Ay\n"
        "Rantatie 4\n"
        "00100 Helsinki\n"
    )
    # WHEN the address of the name on the first line is read THEN it is the return address's rest
    assert _address(text, "Korvenmaa Oy", 0) == "Puistokatu 12, 33100 Tampere"


def test_a_name_without_an_address_under_it_takes_the_return_address_that_opens_with_it() -> None:
    # GIVEN a letterhead whose street stands above the name at the right, and a return address lower down
    text = (
        "                                                          Puistokatu 12\n"
        "Korvenmaa Oy                                              33100 Tampere\n"
        "                                                          Puh. +358 40 123 4567\n"
        "Korvenmaa Oy · Puistokatu 12 · 33100 Tampere\n"
        "Lumilaakso Ay                                 Laskun numero: 4411\n"
        "Rantatie 4\n"
        "00100 Helsinki\n"
    )
    # WHEN the address of the name on the second line is read THEN the return address gives it
    assert _address(text, "Korvenmaa Oy", 1) == "Puistokatu 12, 33100 Tampere"


def test_a_name_without_an_address_under_it_takes_the_block_the_same_name_heads_elsewhere() -> None:
    # GIVEN a centred letterhead over a contact line, and a seller block lower down under the same name
    text = (
        "                       KORVENMAA OY\n"
        "       Puistokatu 12 · 33100 Tampere · +358 40 123 4567\n"
        "Myyjä                                          Ostaja\n"
        "KORVENMAA OY                                   LUMILAAKSO AY\n"
        "Puistokatu 12                                  Rantatie 4\n"
        "33100 Tampere                                  00100 Helsinki\n"
    )
    # WHEN the address of the letterhead's name is read THEN the seller block's lines give it
    assert _address(text, "KORVENMAA OY", 0) == "Puistokatu 12, 33100 Tampere"


def test_the_name_printed_again_under_itself_ends_its_block_and_an_address_beside_it_is_read() -> None:
    # GIVEN a letterhead name with its whole address beside it, and the name again over the buyer's block
    text = (
        "Korvenmaa Oy                                              Puistokatu 12, 33100 Tampere\n"
        "Korvenmaa Oy\n"
        "Lumilaakso Ay\n"
        "Rantatie 4\n"
        "00100 Helsinki\n"
    )
    # WHEN the address of the first line's name is read THEN it is the address beside the name
    assert _address(text, "Korvenmaa Oy", 0) == "Puistokatu 12, 33100 Tampere"


def test_a_legal_form_on_its_own_line_under_the_name_is_no_part_of_the_address() -> None:
    # GIVEN a name whose legal form is printed on the line under it
    text = "Wiśniewski Materiały Budowlane\nS.A.\nul. Polna 19\n30-001 Kraków\nNIP 1234567890\n"
    # WHEN its address is read THEN the legal form is left off
    assert _address(text, "Wiśniewski Materiały Budowlane", 0) == "ul. Polna 19, 30-001 Kraków"


def test_contact_details_ids_and_a_bank_after_a_one_line_address_are_left_off() -> None:
    # GIVEN return addresses that go on with a phone number, a tax id and a bank's name
    text = "Bergmann AG · Kirchgasse 3 · 8066 Zürich · Telefon +41 44 284 01 13 · PostFinance\n"
    india = "Ashoka Traders · 97/5, Brigade Road · Mumbai, 400001 · Maharashtra · GSTIN 27AAPFU0939F1ZV\n"
    # WHEN their addresses are read THEN each ends with its postcode and town
    assert _address(text, "Bergmann AG", 0) == "Kirchgasse 3, 8066 Zürich"
    assert _address(india, "Ashoka Traders", 0) == "97/5, Brigade Road, Mumbai, 400001"


def test_a_country_after_a_one_line_address_stays_part_of_it() -> None:
    # GIVEN a return address that ends with its country's name
    text = "Olivier SARL · 1242 chemin de l'olive · 84340 Malaucène · France · Tél. 04 90 00 00 00\n"
    # WHEN its address is read THEN the country stays, the phone number does not
    assert _address(text, "Olivier SARL", 0) == "1242 chemin de l'olive, 84340 Malaucène, France"


def test_a_whole_address_on_the_line_under_the_name_is_read_before_its_contact_details() -> None:
    # GIVEN a letterhead name over one line with its address, phone number and mail address
    text = (
        "Caldwell Office Products Pty Ltd\n"
        "Unit 14, 12 Enterprise Drive · Brisbane QLD 4000 · (02) 4373 3963 · info@caldwell.com.au\n"
        "Pemberton Pty Ltd\n"
    )
    # WHEN its address is read THEN it is the address's pieces only
    assert (
        _address(text, "Caldwell Office Products Pty Ltd", 0)
        == "Unit 14, 12 Enterprise Drive, Brisbane QLD 4000"
    )


def test_a_street_with_a_comma_under_the_name_is_the_first_line_of_the_block_not_the_whole_address() -> None:
    # GIVEN a street printed with a comma ("Level 36, 217 …") over the postcode-and-town line
    text = "Wattle Supplies Pty Ltd\nLevel 36, 217 Parramatta Road\nParramatta NSW 2150\n"
    # WHEN its address is read THEN both lines are
    assert (
        _address(text, "Wattle Supplies Pty Ltd", 0) == "Level 36, 217 Parramatta Road, Parramatta NSW 2150"
    )


def test_the_name_printed_again_before_a_whole_address_under_it_is_left_off() -> None:
    text = "Mayorista Castellana S.L.\nMayorista Castellana S.L., Avenida Diagonal, 58, 08007 Barcelona\n"
    assert _address(text, "Mayorista Castellana S.L.", 0) == "Avenida Diagonal, 58, 08007 Barcelona"


def test_another_companys_name_under_the_name_heads_that_partys_block_not_the_sellers_address() -> None:
    # GIVEN the seller's name over the buyer's block (a name with its legal form, a street, a town)
    text = "Bakker Papier B.V.\nde Vries Techniek B.V.\nKerkstraat 17\n9711 HV Groningen\n"
    # WHEN the seller's address is read THEN none is (the buyer's is not the seller's)
    assert _address(text, "Bakker Papier B.V.", 0) is None


def test_a_return_address_ends_at_its_cell_not_at_the_facts_printed_beside_it() -> None:
    # GIVEN a return address with the invoice number's label and value beside it on its line
    text = "Girard Conseil SAS · 23 avenue de la Gare · 35000 Rennes                 N° de facture        20261564\n"
    # WHEN its address is read THEN the town closes it
    assert _address(text, "Girard Conseil SAS", 0) == "23 avenue de la Gare, 35000 Rennes"


def test_a_whole_address_centred_under_a_centred_name_is_read() -> None:
    # GIVEN a centred letterhead: the name over a wider line with the address and contact details
    text = (
        "                               Sundby Kontor A/S\n"
        "     Vestergade 11 · 8000 Aarhus C · T +45 27 96 79 54 · Mail info@sundby.dk\n"
        "Kunde:\n"
    )
    # WHEN its address is read THEN it is the centred line's address
    assert _address(text, "Sundby Kontor A/S", 0) == "Vestergade 11, 8000 Aarhus C"


def test_a_block_set_flush_right_under_the_name_is_its_address() -> None:
    # GIVEN a letterhead set flush right: the name and its address lines end at one edge
    text = (
        "                                        Dalmora Impex S.r.l.\n"
        "                                                  Via Roma 3\n"
        "                                               50123 Firenze\n"
        "Torola Costruzioni S.r.l.\n"
    )
    # WHEN its address is read THEN it is the lines ending under the name's end
    assert _address(text, "Dalmora Impex S.r.l.", 0) == "Via Roma 3, 50123 Firenze"


def test_a_street_and_its_postcode_and_town_apart_on_one_line_are_the_address() -> None:
    # GIVEN the line under the name with the street, a gap, then the postcode and town
    text = "VISSER TECHNIEK V.O.F.\nKerkstraat 71      2511 BT Den Haag\nBtw-nummer NL345841463B01\n"
    # WHEN its address is read THEN both are
    assert _address(text, "VISSER TECHNIEK V.O.F.", 0) == "Kerkstraat 71, 2511 BT Den Haag"


def test_a_till_receipts_centred_head_gives_the_address_under_the_name() -> None:
    # GIVEN a receipt whose head is centred line by line: the name, the street, the postcode and town,
    # the tax id, each line as wide as its text
    text = (
        "          Bageri og Konditori Solsikken ApS\n"
        "                      Algade 41\n"
        "                    4000 Roskilde\n"
        "                  CVR-nr.: 31886420\n"
        "           ----------------------------------\n"
        "                       KVITTERING\n"
        "Rugbrød                                      38,00\n"
    )
    # WHEN its address is read THEN it is the centred street and the postcode and town
    assert _address(text, "Bageri og Konditori Solsikken ApS", 0) == "Algade 41, 4000 Roskilde"


def test_a_centred_head_ends_at_a_line_that_is_not_centred_under_the_name() -> None:
    # GIVEN a centred name whose next lines start far right of it: another column, not its address
    text = (
        "          Bageri og Konditori Solsikken ApS\n"
        "                                              Algade 41\n"
        "                                              4000 Roskilde\n"
    )
    # WHEN its address is read THEN no block under the name is taken for it
    assert _address(text, "Bageri og Konditori Solsikken ApS", 0) is None


def test_an_owner_line_with_a_colon_under_the_trade_name_is_passed_over() -> None:
    # GIVEN a signature block: the trade name, its owner after a label and a colon, the address
    text = "Yours sincerely,\n\nHarbour Lane Joinery\nProprietor: Tom Askew\n8 Quay Street\nWhitby YO21 3PQ\n"
    # WHEN its address is read THEN the owner's line is no part of it, and it does not end the block
    assert _address(text, "Harbour Lane Joinery", 2) == "8 Quay Street, Whitby YO21 3PQ"


def test_a_house_number_after_no_and_a_colon_is_a_street_line_not_a_field() -> None:
    # GIVEN a Turkish sender block whose street prints its house number as "No:65"
    text = "Anadolu Design Ltd. Şti.\nAtatürk Cad. No:65\n16010 Bursa\nTel: +90 224 000 00 00\n"
    # THEN the street is part of the address; a field's colon still ends a block before its postcode
    assert _address(text, "Anadolu Design Ltd. Şti.", 0) == "Atatürk Cad. No:65, 16010 Bursa"
    assert (
        _address("Anadolu Design Ltd. Şti.\nTel: 0224 000\n16010 Bursa\n", "Anadolu Design Ltd. Şti.", 0)
        is None
    )


def test_a_one_line_return_address_with_a_door_number_after_no_keeps_its_street() -> None:
    # GIVEN a Turkish sender's one-line address with commas, its street's number after "No:"
    text = "Kapadokya Telekomünikasyon A.Ş., İnönü Bulvarı No:61, 35210 İzmir\nEmre Çelik\n"
    # THEN the street and the postcode and town are the address
    assert _address(text, "Kapadokya Telekomünikasyon A.Ş.", 0) == "İnönü Bulvarı No:61, 35210 İzmir"


def test_a_registry_after_the_postcode_and_town_of_a_one_line_address_is_left_off() -> None:
    # GIVEN footers' one-line identities: the street, the postcode and town, then the registry's entry
    belgian = "Klaverblad Arena NV · Dorpsstraat 52 · 3000 Leuven · RPR Gent 474822 · Btw BE0627658789\n"
    czech = "Morava Design a.s. · Husova 3 · 602 00 Brno · Zapsáno v OR u Městského soudu v Praze, oddíl C\n"
    # THEN the address ends with its postcode and town; a country after it stays, a PO box before it too
    assert _address(belgian, "Klaverblad Arena NV", 0) == "Dorpsstraat 52, 3000 Leuven"
    assert _address(czech, "Morava Design a.s.", 0) == "Husova 3, 602 00 Brno"
    postbox = "Helm GmbH · Hauptstraße 5 · Postfach 1234 · 10115 Berlin · Deutschland · HRB 4711\n"
    assert _address(postbox, "Helm GmbH", 0) == "Hauptstraße 5, Postfach 1234, 10115 Berlin, Deutschland"
