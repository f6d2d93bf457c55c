"""A seller's heading alone in its cell over its block ("Sprzedawca:") with the other party's block in a
column beside it: the name across the page on the heading's line is that column's first line, not the
heading's value (a value at a tab stop is: "Von:   Anja Zöllner"); Polish civil partnerships ("s.c.")
carry a legal form. Texts of our own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import legal_form


@pytest.mark.parametrize(
    ("heading", "seller", "seller_lines", "buyer", "buyer_lines", "rest"),
    [
        (
            "Sprzedawca:",
            "Pracownia Graficzna Lis",
            ("ul. Polna 12", "31-100 Kraków", "tel. 600 100 200"),
            "Drukarnia Wisła s.c.",
            ("ul. Morska 5/2", "80-001 Gdańsk"),
            "Faktura nr        2025/077\nData:             12.05.2025\n\n"
            "Projekt okładki                     1       900,00 PLN       900,00 PLN\n\n"
            "                            Razem do zapłaty                 900,00 PLN\n",
        ),
        (
            "Supplier:",
            "Fern Hollow Design",
            ("14 Mill Lane", "Leeds LS6 2QT", "Tel. 0113 496 0000"),
            "Bluebell Motors Ltd",
            ("Unit 33, Brook Park", "Derby DE1 3AQ"),
            "Invoice No.       2025/077\nDate:             12/05/2025\n\n"
            "Cover design                        1       900.00           900.00\n\n"
            "                            Total due                        900.00\n",
        ),
    ],
)
def test_the_name_beside_a_seller_heading_is_the_other_column(
    heading: str,
    seller: str,
    seller_lines: tuple[str, ...],
    buyer: str,
    buyer_lines: tuple[str, ...],
    rest: str,
) -> None:
    left = [heading, seller, *seller_lines]
    right = [buyer, *buyer_lines]
    head = "".join(
        f"{(left[i] if i < len(left) else ''):<67}{right[i] if i < len(right) else ''}".rstrip() + "\n"
        for i in range(len(left))
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=head + "\n" + rest)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.vendor is not None and result.vendor.name == seller
        assert result.buyer is not None and result.buyer.name == buyer


def test_a_polish_civil_partnership_carries_a_legal_form() -> None:
    assert legal_form("Jantar Transport s.c.") is not None
    assert legal_form("Jantar Transport S.C.") is not None
