"""GIVEN glued currency prefixes, sender lines, account holders, address and country lines and
registration numbers WHEN amounts and the vendor are read THEN each rule decides as intended."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.numbers import find_amounts
from opsloop.extract.rules.parties import (
    choose_vendor_name,
    find_ibans,
    find_vat_ids,
    read_sender_head,
    vendor_name_candidates,
)


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _vendor(text: str) -> str | None:
    name, _, _ = choose_vendor_name(_lines(text), set(), set())
    return name


def test_an_amount_glued_to_a_currency_code_is_read() -> None:
    # GIVEN amounts printed right after a currency code, and ids that only look alike
    # WHEN amounts are found THEN the coded ones are read and the ids are not
    assert [a.value for a in find_amounts("TOTAL RM41.45")] == [Decimal("41.45")]
    assert [a.value for a in find_amounts("EUR12,50")] == [Decimal("12.50")]
    assert find_amounts("INV2023") == []
    assert find_amounts("ABC12.00") == []


def test_the_one_line_return_address_names_the_sender() -> None:
    # GIVEN a sender line above the recipient window, the recipient a company too
    text = (
        "   Nordlicht Hosting AG - Uferweg 40 - D-63571 Gelnhausen\n"
        "   Fernost Labs Ltd.\n"
        "   93B Sai Yu Chung\n"
        "Rechnung                                   Seite 1\n"
    )
    # WHEN the vendor is chosen THEN it is the sender line's first segment
    assert _vendor(text) == "Nordlicht Hosting AG"


def test_the_account_holder_of_the_bank_details_is_the_vendor() -> None:
    # GIVEN a buyer block at the top and the payee named in the payment details
    text = (
        "                                         MUSTERKUNDE\n"
        "                                         27 rue Henri Rolland\n"
        "                                         69100 Villeurbanne\n"
        "Facture n° 2022089083\n"
        "Virement   BANQUE POPULAIRE – Titulaire du compte : KIOSQUEPRESSE\n"
        "           IBAN : FR76 1010 7002 4500 6170 5231 739\n"
    )
    # WHEN the vendor is chosen THEN it is the account holder
    assert _vendor(text) == "KIOSQUEPRESSE"


def test_a_country_line_or_a_street_line_is_not_the_vendor() -> None:
    # GIVEN a sender block whose country line repeats in the buyer block
    text = (
        "Lakeside Interior\n"
        "4557 De Silva St\n"
        "United States\n"
        "                      Northwind Stores, Admin\n"
        "                      United States\n"
    )
    # WHEN the vendor is chosen THEN it is the name, not the country
    assert _vendor(text) == "Lakeside Interior"


def test_a_name_opening_with_a_number_and_a_registration_number_is_the_vendor() -> None:
    # GIVEN a receipt header: a name with a number and a registration no., then lot and street lines
    text = (
        "77 QUICK MART S/B (519537-X)\n"
        "LOT P.T. 2811, JALAN ANGSA,\n"
        "TAMAN BERKELEY\n"
        "41150 KLANG, SELANGOR\n"
        "COMPANY REG NO. :75495-W\n"
    )
    # WHEN the vendor is chosen THEN it is the name without the registration number
    assert _vendor(text) == "77 QUICK MART S/B"


def _pages(*texts: str) -> list[Line]:
    pages = [PageText(number=n, text=text) for n, text in enumerate(texts, start=1)]
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=pages))


_SELLER = "Fjordlys Emballage ApS        VAT DK13585628\nHavnevej 12\n8000 Aarhus\n\nFaktura 118\n"


def test_the_vat_ids_the_rules_read_serve_page_one_when_it_is_the_only_page() -> None:
    # GIVEN a one-page invoice whose seller prints a VAT id, and the VAT ids the rules read of it
    lines = _lines(_SELLER)
    vat_ids = find_vat_ids(lines, find_ibans(lines))
    # WHEN page one's head is read with them THEN their lines are page one's VAT-id lines, and the
    # scorer's name candidates read the same as when it reads them itself
    head = read_sender_head(lines, vat_ids)
    assert head.vat_lines == frozenset(found.line.index for found in vat_ids) != frozenset()
    assert vendor_name_candidates(lines, set(), head) == vendor_name_candidates(lines, set())
    signals = {name: found for name, _, _, found in vendor_name_candidates(lines, set(), head)}
    assert signals["Fjordlys Emballage ApS"]["vat_line"] == 1.0  # the name beside its VAT id


def test_the_vat_ids_of_a_longer_document_are_not_taken_for_page_ones() -> None:
    # GIVEN two pages, the second printing another VAT id: the document's ids are not page one's
    lines = _pages(_SELLER, "Fjordlys Emballage ApS\nVAT DE136695976\n")
    head = read_sender_head(lines, find_vat_ids(lines, find_ibans(lines)))
    # THEN page one's are read from its own lines (the second page's id not on page one's)
    assert head.vat_lines is None
    signals = {name: found for name, _, _, found in vendor_name_candidates(lines, set(), head)}
    assert signals["Fjordlys Emballage ApS"]["vat_line"] == 1.0


def test_a_letterhead_printed_on_one_line_with_its_address_beside_the_name_is_the_sender() -> None:
    # GIVEN the seller's name and its whole address on one line (a page header), the name again as a
    # title, then the customer's block without a label
    text = (
        "Serwis Chłodniczy Nowak Sp. z o.o.                          ul. Polna 19, 30-001 Kraków\n"
        "Serwis Chłodniczy Nowak Sp. z o.o.\n"
        "Stolarstwo Wójcik S.A.\n"
        "ul. Marszałkowska 49\n"
        "00-001 Warszawa\n"
    )
    # THEN the seller is the name beside its address, not the customer's above a street
    assert _vendor(text) == "Serwis Chłodniczy Nowak Sp. z o.o."


def test_a_street_and_a_town_in_two_cells_under_the_name_head_its_block() -> None:
    # GIVEN a print-out whose sender line sets the street and the town apart, and a customer block
    # further down beside the invoice's facts
    text = (
        "VISSER INSTALLATIETECHNIEK V.O.F.\n"
        "Kerkstraat 71      2511 BT Den Haag\n"
        "Btw-nummer NL345841463B01\n"
        "FACTUUR\n"
        "Factuurnummer      2026-7613                  Bakker Schoonmaak B.V.\n"
        "Factuurdatum       01-08-2026                 Stationsweg 12\n"
        "Klantnummer        C37489                     3511 LN Utrecht\n"
    )
    assert _vendor(text) == "VISSER INSTALLATIETECHNIEK V.O.F."


def test_a_contact_line_with_bars_under_a_centred_letterhead_makes_it_the_sender() -> None:
    # GIVEN a centred letterhead over "street | postcode town | phone", then the customer's block
    text = (
        "                    Sandberg El & Tele AB\n"
        "                    Storgatan 109 | 111 52 Stockholm | +46 8 490419\n"
        "Nyström Rör AB\n"
        "Storgatan 94\n"
        "411 01 Göteborg\n"
    )
    assert _vendor(text) == "Sandberg El & Tele AB"
