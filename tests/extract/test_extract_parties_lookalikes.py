"""GIVEN receipts and letters whose sender or recipient hides among look-alikes WHEN the parties are
read THEN the shop heads its address, slogans, table headers and owners lose, and the buyer is read from a name field or the address
window."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import (
    address_window_buyer,
    buyer_zone,
    choose_buyer_name,
    choose_vendor_name,
)


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _vendor(text: str) -> str | None:
    lines = _lines(text)
    return choose_vendor_name(lines, set(), buyer_zone(lines))[0]


def test_a_courtesy_line_above_the_shop_is_not_the_vendor() -> None:
    # GIVEN a receipt whose first line is its slogan
    text = (
        "THANK YOU AND PLEASE VISIT US AGAIN\n"
        "SERI MAJU CASH & CARRY\n"
        "(1234567-P)\n"
        "NO.1 JALAN MAWAR 9/1, 47300 PETALING JAYA\n"
    )
    # WHEN the vendor is chosen THEN it is the shop under it
    assert _vendor(text) == "SERI MAJU CASH & CARRY"


def test_a_table_header_or_a_slip_title_is_not_the_vendor() -> None:
    # GIVEN a slip title above the shop and a column header under it
    text = "CASH SALE\nKEDAI RUNCIT AMAN\nGST NO.: 001601310720\nQTY UOM U.PRICE AMT TAX CODE\nMODEL\nPRICE\n"
    # WHEN the vendor is chosen THEN it is the shop
    assert _vendor(text) == "KEDAI RUNCIT AMAN"


def test_the_name_right_above_its_address_beats_a_name_above_it() -> None:
    # GIVEN a person's name printed above the shop's name, address lines under the shop
    text = (
        "LIM AH KOW\n"
        "BUNGA RAYA GIFT & HOME DECO\n"
        "27,JALAN DEDAP 13,\n"
        "TAMAN JOHOR JAYA,\n"
        "81100 JOHOR BAHRU,JOHOR.\n"
    )
    # WHEN the vendor is chosen THEN the shop heads its address block
    assert _vendor(text) == "BUNGA RAYA GIFT & HOME DECO"


def test_an_address_line_above_more_address_lines_is_not_the_vendor() -> None:
    # GIVEN a shop whose address runs over several lines, an area name among them
    text = (
        "PASIR MAS HARDWARE\n"
        "(801222-M)\n"
        "(GST ID NO : 000144596992)\n"
        "NO 69,JALAN PENGKALAN 5,\n"
        "TAMAN PASIR MAS,\n"
        "KG PASIR PUTIH,\n"
        "81700 PASIR GUDANG,JOHOR.\n"
    )
    # WHEN the vendor is chosen THEN only the block's first line earns the address bonus
    assert _vendor(text) == "PASIR MAS HARDWARE"


def test_a_legal_form_printed_on_the_next_line_is_joined_to_the_name() -> None:
    # GIVEN a company name and its legal form on two lines
    text = "SIMPLIFIED TAX INVOICE\nSINAR JAYA HOLDINGS\nSDN. BHD.\n249336-T\nNO.17, JALAN BESAR,\n39100 BRINCHANG\n"
    # WHEN the vendor is chosen THEN both lines make the name
    assert _vendor(text) == "SINAR JAYA HOLDINGS SDN. BHD."


def test_the_owner_after_owned_by_is_not_the_vendor() -> None:
    # GIVEN a shop's name on top and its owning company after "OWNED BY :"
    text = (
        "MAJU STATIONERY SHOP\n"
        "NO. 3, JALAN MAWAR U13/X\n"
        "40170 SETIA ALAM\n"
        "TAX INVOICE\n"
        "OWNED BY :\n"
        "MAJU SUPPLY SDN BHD (1135772-K)\n"
    )
    # WHEN the vendor is chosen THEN it is the shop printed first
    assert _vendor(text) == "MAJU STATIONERY SHOP"


def test_a_seller_label_with_its_own_value_heads_no_block() -> None:
    # GIVEN "SOLD BY:" naming a salesperson above column headers, and "from" inside a sentence
    text = (
        "BEST ELEKTRIK MALAYSIA (308282-A)\n"
        "LOT LG 26, SUBANG PARADE\n"
        "47500 SUBANG JAYA, SELANGOR\n"
        "SOLD BY: BD1187 AHMAD ALI\n"
        "MODEL\n"
        "COMPUTER ACCESSORIES\n"
        "EXCHANGE WITHIN 7 DAYS FROM THE DATE OF\n"
        "PURCHASE WITH THIS RECEIPT\n"
        "THANK YOU FOR SHOPPING AT\n"
        "BEST ELEKTRIK ONE UTAMA\n"
    )
    # WHEN the vendor is chosen THEN no line under either label wins
    assert _vendor(text) == "BEST ELEKTRIK MALAYSIA"


def test_a_name_field_qualified_as_the_guest_is_the_customer() -> None:
    # GIVEN a hotel receipt naming its guest in a "Guest Name:" field and the payee in the notes
    text = (
        "                       PAYMENT RECEIPT\n"
        "Guest Name:    Ravi                                  Date: 31/12/2017\n"
        " Hotel Details                                        Check In\n"
        " Sunrise 4189 Resort Chennai,                         31/12/2017\n"
        "     Note : All Payment to be made in favor of\n"
        "     Sunrise Stays Pvt. Ltd.\n"
    )
    # WHEN the vendor is chosen THEN neither the guest nor the section heading is the seller
    assert _vendor(text) == "Sunrise Stays Pvt. Ltd."


def test_the_name_the_page_domain_spells_is_the_sender() -> None:
    # GIVEN an invoice whose top right names the recipient company, the sender's domain in the footer
    text = (
        "                                                               Global Traders\n"
        "Blue Harbor\n"
        "4557 Elm St\n"
        "Fremont CA 94538\n"
        "Invoice INV/2023/0008\n"
        "              (870)-931-0505    http://www.blue-harbor.com\n"
    )
    # WHEN the vendor is chosen THEN it is the name the domain spells
    assert _vendor(text) == "Blue Harbor"


def test_under_a_seller_heading_the_first_line_beats_the_one_above_the_address() -> None:
    # GIVEN a labelled seller block: a practice's name, then its contact person above the street
    text = (
        "Verkäufer:\n"
        "Physiopraxis\n"
        "Anna Beispiel\n"
        "Musterstraße 12\n"
        "DE 12345 Beispielstadt\n"
        "Käufer/Leistungsempfänger:\n"
        "Karl Kunde\n"
    )
    # WHEN the vendor is chosen THEN the label's first line names the seller
    assert _vendor(text) == "Physiopraxis"


def test_the_buyer_is_the_name_field_under_the_buyer_heading() -> None:
    # GIVEN a table of fields under the buyer heading: number, then name
    lines = _lines(
        "     Käufer/Leistungsempfänger\n"
        "     Nummer:                                KD-48817\n"
        "     Globale Nummer:                        4012345000017\n"
        "     Name:                                  Möbelhaus Nord AG\n"
        "     Anschrift:                             Hafenweg 9\n"
    )
    # WHEN the buyer is chosen THEN it is the name field's value
    assert choose_buyer_name(lines)[0] == "Möbelhaus Nord AG"


def test_a_delivery_address_heading_heads_the_buyer_block() -> None:
    lines = _lines(" Delivery Address\n La Huerta Verde\n 14 calle del Olivo\n 29600 Marbella\n")
    assert choose_buyer_name(lines)[0] == "La Huerta Verde"


def test_the_address_window_under_the_return_address_names_the_buyer() -> None:
    # GIVEN a German letter: the sender's one-line return address, the recipient (a person) under it
    lines = _lines(
        "                                                                     Holzbau Keller GmbH\n"
        " 2014-05-22                                                          Am Anger 4\n"
        "           Holzbau Keller GmbH    ●    Am Anger  4    ●    86150 Augsburg   86150 Augsburg\n"
        "   Greta Sommer                                                      fon (555) 41 22 -0\n"
        "   Lindenweg 8\n"
        "   72070    Tübingen\n"
    )
    # WHEN the buyer is looked for without a buyer label THEN it is the window's first line
    assert address_window_buyer(lines, "Holzbau Keller GmbH")[0] == "Greta Sommer"


def test_a_name_above_its_legal_form_and_registration_lines_heads_the_address() -> None:
    # GIVEN a name whose legal form, company number and tax number each take a line before the street
    text = (
        "SIMPLIFIED TAX INVOICE\n"
        "BUKU RAKYAT\n"
        "CO. (M) SDN BHD\n"
        "(COMPANY NO. 113825-W)\n"
        "(GST REG NO. 001492992000)\n"
        "NO 8, JALAN 7/118B, DESA TUN RAZAK\n"
        "56000 KUALA LUMPUR\n"
    )
    # WHEN the vendor is chosen THEN the two name lines are read as one
    assert _vendor(text) == "BUKU RAKYAT CO. (M) SDN BHD"
