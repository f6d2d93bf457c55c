"""GIVEN the ways online services, letter writers and sole traders name themselves outside a letterhead
(a receipt's title naming the issuer, the payee of cheques, a bank holder named inside a sentence)
WHEN the vendor is chosen THEN the seller's name is read without the words around it."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import buyer_zone, choose_vendor_name, without_issuer_opening


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _vendor(text: str) -> str | None:
    lines = _lines(text)
    return choose_vendor_name(lines, set(), buyer_zone(lines))[0]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Receipt from Quillmark Studio, Inc.", "Quillmark Studio, Inc."),
        ("Your invoice from Ostara Cloud Ltd", "Ostara Cloud Ltd"),
        ("Rechnung von Feldkamp Digital GmbH", "Feldkamp Digital GmbH"),
        ("Kvitto från Norrsken Media AB", "Norrsken Media AB"),
        ("Factuur van 2Brothers Webdesign", "2Brothers Webdesign"),
        # a title naming no one: a date, a word in lower case, the title alone
        ("Rechnung vom 12. März", "Rechnung vom 12. März"),
        ("Invoice from our partner", "Invoice from our partner"),
        ("Invoice", "Invoice"),
    ],
)
def test_a_title_naming_its_issuer_gives_the_name_after_it(title: str, name: str) -> None:
    assert without_issuer_opening(title) == name


def test_an_online_receipt_names_the_seller_in_its_title() -> None:
    # GIVEN a billing service's receipt: its title names the seller, nothing else on the page does
    page = (
        "Receipt from Quillmark Studio, Inc.\n"
        "$18.00\n"
        "Paid April 2, 2025\n"
        "Receipt number      2231-0918\n"
        "Payment method      Mastercard - 4417\n"
        "Starter plan                        $18.00\n"
        "Total                               $18.00\n"
    )
    # WHEN the vendor is chosen THEN it is the name without the title's words
    assert _vendor(page) == "Quillmark Studio, Inc."
