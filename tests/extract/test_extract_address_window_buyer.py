"""GIVEN letters whose recipient window has no buyer label WHEN the buyer is read THEN the window under
the sender's one-line return address names it, wherever the window stands; and a table column's
stacked heading ("Ref. / customer") is no buyer label."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import address_window_buyer, choose_buyer_name


def _parsed(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _lines(text: str) -> list[Line]:
    return document_lines(_parsed(text))


RIGHT_WINDOW = (
    "Brightwater Instruments Ltd\n"
    "4 Mill Lane, Leeds LS1 4AB · Tel. +44 113 496 0000 · accounts@brightwater.example\n"
    "                                                          Brightwater Instruments Ltd · 4 Mill Lane · Leeds LS1 4AB\n"
    "Invoice No.:            BW-5521\n"
    "Invoice Date:           3 March 2026                      Harrow Components PLC\n"
    "Customer No.:           88213                             17 Dock Road\n"
    "                                                          Hull HU1 2AA\n"
)


def test_a_return_address_set_alone_on_the_right_opens_a_window_on_the_right() -> None:
    # GIVEN the sender's return address on its own line, right of the page's middle, the invoice's facts
    # at the left of the lines under it and the recipient's name under the return address
    # WHEN the buyer is read without a label
    name, line = address_window_buyer(_lines(RIGHT_WINDOW), "Brightwater Instruments Ltd")
    # THEN the name under the return address is the buyer, not a fact's label or value
    assert name == "Harrow Components PLC"
    assert line is not None and line.text.startswith("Invoice Date:")


def test_a_letterhead_contact_line_above_does_not_end_the_search() -> None:
    # GIVEN a letterhead that prints the seller's name and address as one dotted line (shaped like a
    # return address, with fields under it, no window), and lower down the real return address
    text = (
        "Nordkap GmbH · Hafenstraße 20 · 04109 Leipzig\n"
        "Tel.: +49 341 555 0100\n"
        "E-Mail: rechnung@nordkap.example\n"
        "                                                          Nordkap GmbH · Hafenstraße 20 · 04109 Leipzig\n"
        "Rechnungsnummer:      2026-118\n"
        "Datum:                03.03.2026                          Sjöberg Maskin AB\n"
        "Kundennummer:         K-4471                              Industrigatan 4\n"
    )
    # WHEN the buyer is read THEN the window under the real return address names it
    assert address_window_buyer(_lines(text), "Nordkap GmbH")[0] == "Sjöberg Maskin AB"


def test_postcodes_of_other_shapes_make_a_return_address() -> None:
    # GIVEN return addresses whose towns carry Portuguese, Swedish and Polish postcodes
    for postcode_town in ("1200-195 Lisboa", "411 04 Göteborg", "00-950 Warszawa"):
        text = (
            f"                                                   Nordlys Trading AB · Hamngatan 4 · {postcode_town}\n"
            "Faktura nr:             7781\n"
            "Datum:                  2026-02-11                 Vestkyst Maskin AS\n"
        )
        # WHEN the buyer is read THEN the window under the return address names it
        assert address_window_buyer(_lines(text), "Nordlys Trading AB")[0] == "Vestkyst Maskin AS", (
            postcode_town
        )


def test_a_stacked_column_heading_is_no_buyer_label() -> None:
    # GIVEN an item table whose header prints "Ref." over "cliente" (the customer's item reference)
    text = (
        " Lín.    Ref.        Concepto                                 Cant.      Precio      Total\n"
        "         cliente\n"
        " 001     AB-77       Cartucho de tinta negro                     4       12,50       50,00\n"
    )
    # WHEN the buyer is read from labels THEN the column's heading names no buyer (the row is no name)
    assert choose_buyer_name(_lines(text)) == (None, None)


def test_a_customer_label_above_a_block_still_names_the_buyer() -> None:
    # GIVEN a real customer heading with the customer's block under it (no table header around it)
    text = "Cliente\nTalleres Ibéricos S.L.\nCalle Mayor 12\n28013 Madrid\n"
    # THEN it still names the buyer
    assert choose_buyer_name(_lines(text))[0] == "Talleres Ibéricos S.L."


def test_a_limited_partnership_in_the_window_is_a_name_and_its_street_is_not() -> None:
    # GIVEN a window whose company ends in "GmbH & Co. KG" (a legal form that spells like the Malay
    # street word "Kg") and whose next line is the street
    text = (
        "                                          Rhein Logistik GmbH · Hafenstraße 3 · 47119 Duisburg\n"
        "Rechnungsnummer:   R-4410              Seeblick Anlagenbau GmbH & Co. KG\n"
        "Datum:             02.03.2026          Industriering 12\n"
    )
    # WHEN the buyer is read THEN it is the company, never the street line under it
    assert address_window_buyer(_lines(text), "Rhein Logistik GmbH")[0] == "Seeblick Anlagenbau GmbH & Co. KG"
    without_name = text.replace("Seeblick Anlagenbau GmbH & Co. KG", "")
    assert address_window_buyer(_lines(without_name), "Rhein Logistik GmbH")[0] != "Industriering 12"


def test_a_freelancers_letter_names_the_freelancer_as_vendor_and_the_window_as_buyer() -> None:
    # GIVEN a person's letterhead (no legal form), the return address with an Irish street and
    # Eircode, and a company with a legal form in the window under it
    text = (
        "Aoife Byrne\n"
        "aoife@aoifebyrne.example\n"
        "Aoife Byrne · Unit 4, Quay Street · Galway · H91 X2Y3\n"
        "                                                        Credit Memo #          CM-1182\n"
        "Shannon Components Ltd\n"
        "12 Dock Road                                            Date                   3 March 2026\n"
        "Limerick\n"
        "CREDIT NOTE CM-1182\n"
        "Total                                                                   -250.00 EUR\n"
    )
    result = extract_rules(_parsed(text))
    # THEN the freelancer is the vendor, at the return address's address, and the company the buyer
    assert (result.vendor.name, result.buyer.name) == ("Aoife Byrne", "Shannon Components Ltd")
    assert result.vendor.address == "Unit 4, Quay Street, Galway, H91 X2Y3"


def test_a_return_address_of_a_name_and_a_whole_one_line_address() -> None:
    # GIVEN "name · postcode town, street" (two parts)
    text = (
        "dr. Kovács Anna\n"
        "dr. Kovács Anna · 1052 Budapest, Váci utca 12.\n"
        "                                                      Számlaszám        SZ-1001\n"
        "Duna Szerviz Kft.\n"
        "1138 Budapest, Váci út 99.                             Kiállítás dátuma  2026-03-03\n"
    )
    result = extract_rules(_parsed(text))
    # THEN the window under it names the buyer and the person stays the vendor
    assert (result.vendor.name, result.buyer.name) == ("dr. Kovács Anna", "Duna Szerviz Kft.")


def test_facturer_a_heads_the_buyer() -> None:
    text = "  Facturer à                          Livrer à\n  Boulangerie Comeau inc.             Boulangerie Comeau inc.\n"
    assert choose_buyer_name(_lines(text))[0] == "Boulangerie Comeau inc."


def test_without_a_label_a_company_beside_the_invoices_facts_is_the_buyer() -> None:
    # GIVEN a print-out whose customer block stands right of the facts, no line opening with a name
    text = (
        "VISSER INSTALLATIETECHNIEK V.O.F.\n"
        "Kerkstraat 71      2511 BT Den Haag\n"
        "FACTUUR\n"
        "Factuurnummer      2026-7613                  Bakker Schoonmaak B.V.\n"
        "Factuurdatum       01-08-2026                 Stationsweg 12\n"
        "Klantnummer        C37489                     3511 LN Utrecht\n"
    )
    # THEN the company in the second column that is not the vendor is the buyer
    assert (
        address_window_buyer(_lines(text), "VISSER INSTALLATIETECHNIEK V.O.F.")[0] == "Bakker Schoonmaak B.V."
    )


def test_a_field_label_beside_its_figure_over_the_address_names_no_addressee() -> None:
    # GIVEN a bill's facts in capitals, the last ("METER NUMBER  ...") right over a private customer's
    # unlabelled address block
    text = (
        "VOLTA                                                          INVOICE\n"
        "INVOICE NUMBER                     771203918\n"
        "CUSTOMER NUMBER                    K4410982\n"
        "METER NUMBER                       55120934\n"
        "Daniel Okafor\n"
        "18 Birch Road, Apt 4\n"
        "Portland, OR 97201\n"
    )
    # WHEN the buyer is read THEN it is the person over the street, not the label
    assert address_window_buyer(_lines(text), "VOLTA")[0] == "Daniel Okafor"


def test_an_addressee_block_interleaved_with_the_facts_column_beside_it() -> None:
    # GIVEN a private addressee's block on the left whose lines alternate with the rows of the bill's facts
    # column on the right (each set a little lower), no buyer label
    text = (
        "Comune di Lorenzana\n"
        "                                        Numero fattura                FA24/11820\n"
        "                                        Protocollo                    52.118-2093\n"
        "Marco Ferri\n"
        "                                        Codice cliente                K2210934\n"
        "Via Garibaldi 14\n"
        "                                        Da pagare entro il            18/02/2024\n"
        "50123 Firenze\n"
    )
    # WHEN the buyer is read THEN the addressee is
    assert address_window_buyer(_lines(text), "Comune di Lorenzana")[0] == "Marco Ferri"


def test_a_town_with_its_state_and_postcode_is_no_buyer() -> None:
    # GIVEN an Australian seller whose town line reads like a name with a legal form ("SA" of South
    # Australia), beside the customer's block with no label
    text = (
        "Kerrigan Bookkeeping Pty Ltd\n\n"
        "77 Hunter Street                                   Tran Hire Pty Ltd\n"
        "Adelaide SA 5000                                   145 Flinders Lane\n"
        "ABN 77 779 170 691                                 Newcastle NSW 2300\n\n"
        "Invoice Number:        INV/2025/01965\n"
        "Total                                   AUD 1,234.00\n"
    )
    # THEN the buyer is the customer's company, never the town, its state and postcode
    assert extract_rules(_parsed(text)).buyer.name == "Tran Hire Pty Ltd"


def test_a_customer_sharing_only_its_trade_word_with_the_seller_is_the_buyer() -> None:
    # GIVEN a seller and an unlabelled customer whose names share their trade ("... Installaties") and
    # nothing that names either party
    text = (
        " Hendriks Installaties V.O.F.                                   Havenweg 47, 3011 AB Rotterdam\n\n"
        "                                                         FACTUUR\n\n"
        "Havenweg 47                                     van Dijk Installaties B.V.\n"
        "3011 AB Rotterdam                               Marktplein 15\n"
        "Btw-nummer NL525183528B01                       6811 CG Arnhem\n\n"
        "Factuurnummer:                 1181\n"
        "Totaal                                              €1,316.37\n"
    )
    # THEN the customer is the buyer, not taken for the seller's name again
    name, _ = address_window_buyer(_lines(text), "Hendriks Installaties V.O.F.")
    assert name == "van Dijk Installaties B.V."


def test_a_window_addressee_sharing_only_its_trade_word_with_the_sender_is_the_buyer() -> None:
    # GIVEN a letter's window under the sender's return address, the addressee's firm sharing the
    # sender's trade word ("... Holzbau") and no word that names the sender
    text = (
        " Brunner Holzbau e.U. · Salzachgasse 54 · 3100 St. Pölten\n"
        " Auer Holzbau KG\n"
        " Wiener Straße 233\n"
        " 1070 Wien\n\n"
        "Rechnung 2025-121\n"
        "Gesamtbetrag                                  453,28\n"
    )
    # THEN the addressee is the buyer
    name, _ = address_window_buyer(_lines(text), "Brunner Holzbau e.U.")
    assert name == "Auer Holzbau KG"
