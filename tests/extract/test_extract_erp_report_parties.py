"""GIVEN invoices an ERP prints without party labels — the company's name alone at the left of the top of
the page, the customer's address block on the right under it, a header line running the company's name
and address on (in capitals or not) WHEN the rules engine reads them THEN the lone name is the seller and
the block's head the buyer, even a customer of the seller's own name."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import header_line_address, lone_name_over_block

PAD = " " * 64


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _page(top: str, seller: str, buyer_block: list[str]) -> str:
    block = "\n".join(PAD + line for line in buyer_block)
    return f"""{top}{seller}
{block}
                                  Invoice No: 2025-0042
Date: 14.10.2025
Description                   Quantity     Unit Price      Amount
 Copper pipe 15 mm                 5,0        12,0000       60,00
                                                 Total:     60,00
"""


def test_a_lone_name_over_a_customer_block_is_the_seller_and_the_block_the_buyer() -> None:
    text = _page(
        "", "Doprava Svoboda v.o.s.", ["Černý Stavby s.r.o.", "Národní 80", "779 00 OLOMOUC", "CZECHIA"]
    )
    result = _extract(text)
    assert result.vendor.name == "Doprava Svoboda v.o.s."
    assert result.buyer.name == "Černý Stavby s.r.o."


def test_a_header_line_in_capitals_names_the_seller_printed_apart_in_mixed_case() -> None:
    top = "                    OFFICINE BIANCHI S.N.C. PIAZZA DELLA LIBERTÀ 155 00184 ROMA ITALY\n\n"
    text = _page(
        top,
        "Officine Bianchi S.n.c.",
        ["STUDIO FERRARI S.P.A.", "VIA DEI MILLE 56", "40121 BOLOGNA", "ITALY"],
    )
    result = _extract(text)
    assert result.vendor.name == "Officine Bianchi S.n.c."
    assert result.buyer.name == "STUDIO FERRARI S.P.A."


def test_a_customer_of_the_sellers_own_name_is_the_buyer() -> None:
    text = _page(
        "",
        "Demir Matbaa Ltd. Şti.",
        ["Demir Matbaa Ltd. Şti.", "Bağdat Cad. No: 122", "35000 İzmir", "TURKEY"],
    )
    result = _extract(text)
    assert result.vendor.name == "Demir Matbaa Ltd. Şti."
    assert result.buyer.name == "Demir Matbaa Ltd. Şti."


def test_a_lone_name_beside_a_block_without_an_address_is_no_sender_over_a_recipient() -> None:
    # the block on the right holds the invoice's facts, no address: the rule reads nothing
    text = _page("", "Doprava Svoboda v.o.s.", ["Černý Stavby s.r.o.", "Order ref: 4711", "Customer no: 88"])
    assert (
        lone_name_over_block(
            document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
        )
        is None
    )


def test_a_name_with_its_address_under_it_is_no_lone_name() -> None:
    text = (
        "Doprava Svoboda v.o.s.\nNárodní 80"
        + PAD
        + "Černý Stavby s.r.o.\n"
        + PAD
        + "779 00 OLOMOUC\n"
        + PAD
        + "CZECHIA\n"
    )
    assert (
        lone_name_over_block(
            document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
        )
        is None
    )


def test_the_sellers_address_is_read_from_the_header_line_its_name_opens() -> None:
    top = "                         Kowalski sp. z o.o. ul. Długa 25 00-001 WARSZAWA POLAND\n\n"
    text = _page(
        top, "Kowalski sp. z o.o.", ["Nowak sp. j.", "ul. Marszałkowska 132", "30-001 KRAKÓW", "POLAND"]
    )
    result = _extract(text)
    assert result.vendor.name == "Kowalski sp. z o.o."
    assert result.vendor.address == "ul. Długa 25 00-001 WARSZAWA"


@pytest.mark.parametrize(
    ("header", "address"),
    [
        ("HARRISON LLP 27 HIGH STREET BRISTOL BS1 5TR UNITED KINGDOM", "27 HIGH STREET BRISTOL BS1 5TR"),
        ("Harrison LLP 27 High Street Bristol BS1 5TR +44 117 496 0000", "27 High Street Bristol BS1 5TR"),
        ("Волга ПАО ул. Ленина, д. 43 Казань RUSSIA 420111", "ул. Ленина, д. 43 Казань 420111"),
    ],
)
def test_a_header_line_address_ends_before_contact_details_and_leaves_the_country_off(
    header: str, address: str
) -> None:
    lines = document_lines(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=header + "\n")])
    )
    name = "Harrison LLP" if "arrison" in header.lower() else "Волга ПАО"
    found = header_line_address(lines, name)
    assert found is not None and found[0] == address


def test_a_header_line_naming_the_seller_without_an_address_gives_none() -> None:
    lines = document_lines(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="Harrison LLP Quality tools\n")])
    )
    assert header_line_address(lines, "Harrison LLP") is None


def test_a_lone_name_whose_legal_form_reads_like_a_street_word_still_names_the_seller() -> None:
    text = _page("", "Nagy Bt.", ["Nagy Zrt.", "PÉCS", "KOSSUTH LAJOS UTCA 29", "7621", "HUNGARY"])
    result = _extract(text)
    assert result.vendor.name == "Nagy Bt."
    assert result.buyer.name == "Nagy Zrt."


def test_a_vat_id_at_the_foot_of_the_buyers_long_block_is_not_the_sellers() -> None:
    # the customer's block runs to seven lines (street, town, postcode, country, its VAT label and id);
    # the seller's own VAT id is printed under the invoice's facts
    block = [
        "Tóth Nyomda Zrt.",
        "DEBRECEN",
        "FŐ UTCA 93",
        "4025",
        "HUNGARY",
        "European VAT Number:",
        "HU09835445",
    ]
    text = _page("", "Nagy Bt.", block).replace(
        "Date: 14.10.2025\n", "Date: 14.10.2025\nEuropean VAT Number: HU07302107\n"
    )
    result = _extract(text)
    assert result.buyer.name == "Tóth Nyomda Zrt."
    assert result.vendor.vat_id == "HU07302107"
