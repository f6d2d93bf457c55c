"""GIVEN how small firms and shops print their names outside the generators' layouts (a name set
large over two lines, the owner's line under a trade name, a registry line between name and address,
the customer's name printed twice in billing and shipping columns, "M/s" before a firm's name, a "Remit
to" line with the address after the name, a Dutch floor after the house number) WHEN the vendor is
chosen THEN it is the trading name, whole, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fpdf import FPDF

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import (
    _clean_name,
    _street_and_number,
    buyer_zone,
    choose_vendor_name,
    name_before_address,
    occupation_line,
    read_vendor_address,
    without_firm_salutation,
)
from opsloop.ingest.readers.pdf import read_pdf


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _vendor(text: str) -> str | None:
    lines = _lines(text)
    return choose_vendor_name(lines, set(), buyer_zone(lines))[0]


def test_a_brand_over_the_name_that_holds_it_is_not_joined_to_it() -> None:
    page = "NORDWIND\nNORDWIND LOGISTIK GMBH\nHafenweg 2\n28195 Bremen\nRechnung Nr. 4\n"
    assert _vendor(page) == "NORDWIND LOGISTIK GMBH"


def _letterhead(second_size: float) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=20)
    pdf.text(20, 20, "Metzgerei & Partyservice")
    pdf.set_font("Helvetica", size=second_size)
    pdf.text(20, 28, "Hofmann")
    pdf.set_font("Helvetica", size=9)
    rows = [
        (20, 35, "Kirchgasse 3, 97318 Kitzingen"),
        (20, 55, "Gasthof zur Linde"),
        (20, 60, "Mainstraße 8"),
        (20, 65, "97318 Kitzingen"),
        (130, 55, "Rechnung Nr. 551"),
        (130, 60, "Datum 04.04.2025"),
        (20, 85, "Buffet 60 Personen"),
        (160, 85, "1.380,00"),
        (120, 95, "Rechnungsbetrag"),
        (160, 95, "1.476,60 EUR"),
    ]
    for x, y, text in rows:
        pdf.text(x, y, text)
    return bytes(pdf.output())


def test_a_name_set_large_over_two_lines_is_read_whole() -> None:
    # GIVEN a letterhead whose name goes on over two lines in the same large type
    # WHEN the vendor is chosen THEN both lines are the name
    assert extract_invoice(read_pdf(_letterhead(20)), engine="rules").vendor.name == (
        "Metzgerei & Partyservice Hofmann"
    )


def test_a_large_line_over_one_in_body_type_is_not_joined() -> None:
    # GIVEN the same letterhead with its second line set as body text (a tagline's size)
    # WHEN the vendor is chosen THEN the large line is not joined to it
    assert extract_invoice(read_pdf(_letterhead(9)), engine="rules").vendor.name != (
        "Metzgerei & Partyservice Hofmann"
    )


def test_the_owner_under_a_trade_name_is_not_the_seller() -> None:
    page = (
        "FALEGNAMERIA CONTI\n"
        "di Conti Luca\n"
        "Via Po 3 - 10123 Torino\n"
        "                                         Spett.le\n"
        "                                         Hotel Dora S.r.l.\n"
        "Fattura n. 7/2025\n"
        "Totale                                 610,00\n"
    )
    assert _vendor(page) == "FALEGNAMERIA CONTI"


def test_a_registry_line_between_a_name_and_its_address_keeps_the_block() -> None:
    # GIVEN an Austrian association's letterhead with its register number under its name, and a
    # company (a legal form) under "Firma" as the recipient
    page = (
        "Sportunion Kirchdorf\n"
        "ZVR-Zahl 987654321\n"
        "Schulweg 2, 4560 Kirchdorf\n"
        "Firma\n"
        "Tischlerei Lang GmbH\n"
        "Gewerbepark 7\n"
        "4560 Kirchdorf\n"
        "Rechnung Nr. 5/2025\n"
        "Gesamt                                 300,00 EUR\n"
    )
    assert _vendor(page) == "Sportunion Kirchdorf"


def test_the_customer_printed_again_in_the_shipping_column_is_not_the_seller() -> None:
    page = (
        "Orchard Lane Candles\n"
        "Order #5120\n"
        "Customer                         Shipping\n"
        "Priya Shah                       Priya Shah\n"
        "3 Wren Close                     3 Wren Close\n"
        "York YO1 7HH                     York YO1 7HH\n"
        "Total                            £42.00\n"
    )
    assert _vendor(page) == "Orchard Lane Candles"


@pytest.mark.parametrize(
    ("name", "bare"),
    [("M/s Kapoor Textiles", "Kapoor Textiles"), ("Messrs. Hale & Co", "Hale & Co"), ("M/s", "M/s")],
)
def test_a_firms_form_of_address_is_no_part_of_its_name(name: str, bare: str) -> None:
    assert without_firm_salutation(name) == bare


def test_a_seller_printing_ms_before_its_name_is_read_without_it() -> None:
    page = "M/s KAPOOR TEXTILES\n14 Chandni Chowk, Delhi 110006\nTAX INVOICE\nTotal     4,500.00\n"
    assert _vendor(page) == "KAPOOR TEXTILES"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pinecrest Tool Co., PO Box 1180, Dayton, OH 45401", "Pinecrest Tool Co."),
        ("Smith, Jones & Co., 12 High Street, Leeds LS1 4AB", "Smith, Jones & Co."),
        ("Lumen Labs, Inc.", "Lumen Labs, Inc."),
    ],
)
def test_a_name_and_its_address_on_one_line_part_at_the_address(text: str, name: str) -> None:
    assert name_before_address(text) == name


def test_a_remit_to_line_gives_the_name_without_its_address() -> None:
    # GIVEN the seller's block labelled on one line, its address after its name
    # WHEN the cell is read as a name THEN the address is cut off and the label too
    assert _clean_name("Remit To: Pinecrest Tool Co., PO Box 1180, Dayton, OH 45401") == "Pinecrest Tool Co."


@pytest.mark.parametrize(
    ("line", "street"),
    [
        ("Prinsengracht 76-II", True),
        ("Keizersgracht 12-hs", True),
        ("Vondelstraat 4-III", True),
        ("Louis XIV", False),
    ],
)
def test_a_dutch_floor_after_the_house_number_is_a_street_line(line: str, street: bool) -> None:
    assert _street_and_number(line) is street


def test_the_owners_line_under_a_trade_name_is_no_part_of_its_address() -> None:
    lines = _lines("Gärtnerei Moos\nInh. Jonas Moos\nAm Bach 4\n79100 Freiburg\nRechnung Nr. 12\n")
    address = read_vendor_address(lines, lines[0], "Gärtnerei Moos")
    assert address is not None and address[0] == "Am Bach 4, 79100 Freiburg"


@pytest.mark.parametrize("line", ["SOLICITORS", "Chartered Accountants", "Chartered Surveyors", "Architects"])
def test_a_professions_plural_under_a_firms_name_says_what_it_does(line: str) -> None:
    assert occupation_line(line)


def test_a_partnership_of_professionals_is_named_over_its_profession() -> None:
    # GIVEN a firm of solicitors: its partners' names in capitals, the profession on the next line
    page = (
        "HALLORAN & PIKE\n"
        "SOLICITORS\n"
        "3 Bridge Street, Ludlow SY8 1AA\n"
        "Mrs E Carter\n"
        "9 Mill Street\n"
        "Ludlow SY8 1BE\n"
        "INVOICE No. 25/112\n"
        "Total                                   £960.00\n"
    )
    # WHEN the vendor is chosen THEN it is the firm's name, not the profession
    assert _vendor(page) == "HALLORAN & PIKE"


@pytest.mark.parametrize(
    ("owner", "tax_label", "vat"),
    [("Podnikatel: Petr Veselý", "DIČ", "CZ51594153"), ("Podnikateľ: Peter Kováč", "IČ DPH", "SK2020273893")],
)
def test_a_czech_or_slovak_entrepreneurs_line_is_the_owners_under_the_trade_name(
    owner: str, tax_label: str, vat: str
) -> None:
    # GIVEN a sole trade's block over its tax id: the trade name, the entrepreneur's line, the address
    text = (
        "Opravný daňový doklad\n"
        "Dodavatel                                         Příjemce:\n"
        "Zahradnictví Jasan                                Tereza Němcová\n"
        f"{owner:<50}Palackého 10\n"
        "Husova 27                                         602 00 Brno\n"
        "602 00 Brno\n"
        "Tel. +420 298 0680 723\n"
        f"{tax_label} {vat}\n\n"
        "Dobropis č.               78/2026\n"
        "Vystaveno:                10. 1. 2026\n\n"
        "Doprava                                   3                 2 035,00 CZK           6 105,00 CZK\n\n"
        "                                     K úhradě                                      6 105,00 CZK\n\n"
        "Platební údaje: IBAN CZ6611182032421502179944\n\n"
        f"         Zahradnictví Jasan · Husova 27 · 602 00 Brno · {tax_label} {vat} · IBAN CZ66 1118 2032 4215 0217 9944\n"
    )
    # THEN the trade name is the seller, not the owner's line under it
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    result = extract_invoice(doc, text_only=True)
    assert result.vendor.name == "Zahradnictví Jasan"
