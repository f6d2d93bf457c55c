"""A sender's name set apart from the trade line under it otherwise than by size heads the block over its
address: a person's name opened by an academic title ("Dr.", "Dipl.-Ing.", "ir.", "mgr inż.": the packs'
`academic_titles`), or a name in capitals over a line in mixed case; an owner's line between a trade
name and its street is inside the block ("Właściciel: Piotr Pawlak"). Texts of our own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


@pytest.mark.parametrize(
    ("name", "trade", "address", "rest"),
    [
        (
            "Dr. Helen Marsh",
            "Tree Surgery",
            "51 Church Road · Leeds LS6 2QT",
            "Invoice to:\nBluebell Motors LLP\nUnit 33, Brook Park\nDerby DE1 3AQ\n\n"
            "Invoice #     R2024114\nDate:     14/12/2024\n\n"
            "Crown reduction                     1       450.00        450.00\n"
            "                               Total                     450.00\n",
        ),
        (
            "JONAS WILDBERGER",
            "Garten- und Teichbau",
            "Bahnhofstraße 33a · 79098 Freiburg",
            "Kunde: Claudia Sauer\nHauptstr. 12\n99084 Erfurt\nRechnung\nRechnungs-Nr.:   F2025-22\n"
            "Datum:   10.11.2025\n\nTeichpflege                          1       280,00        280,00\n"
            "                               Summe                     280,00\n",
        ),
    ],
)
def test_an_emphasised_name_over_its_trade_line_is_the_seller(
    name: str, trade: str, address: str, rest: str
) -> None:
    text = f"{name}\n{trade}\n{address}\n\n{rest}"
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.vendor.name == name


def test_an_owners_line_between_the_trade_name_and_its_street_is_inside_the_block() -> None:
    # GIVEN a trade name over its owner's line over its address, the recipient's block beside it opened
    # by a company with its legal form and an attention line
    left = [
        "Zakład Stolarski Pawlak",
        "Właściciel: Piotr Pawlak",
        "al. Niepodległości 71",
        "80-201 Gdańsk",
        "tel. 5614 5065",
    ]
    right = [
        "",
        "",
        "Jantar Budownictwo sp. z o.o.",
        "Do rąk: Anna Zielińska",
        "",
        "ul. Polna 41",
        "80-201 Gdańsk",
    ]
    head = "".join(
        f"{(left[i] if i < len(left) else ''):<35}{right[i] if i < len(right) else ''}".rstrip() + "\n"
        for i in range(len(right))
    )
    text = (
        head + "\n                                   Faktura nr                 2025/63\n"
        "                                   Obsługa księgowa          1     450,00 zł     450,00 zł\n"
        "                                   Razem do zapłaty                          450,00 zł\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.vendor.name == "Zakład Stolarski Pawlak"


def test_a_trade_line_over_the_owners_line_heads_no_block() -> None:
    # only the block's first line heads it: the trade line under the name and over the owner's is not it
    text = (
        "Ashworth Plumbing\nGarden Services\nProp. Dr. Hannah Ashworth\nUnit 88, Brook Park\nYork YO31 7BX\n"
        "Tel. 07525 7474\n\nInvoice to:\nBluebell Motors LLP\nUnit 33, Brook Park\nDerby DE1 3AQ\n\n"
        "Invoice No.   2025/118\nDate:   12/03/2025\n\n"
        "Boiler service                      1       120.00        120.00\n"
        "                               Total                     120.00\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.vendor.name == "Ashworth Plumbing"


def test_the_trade_line_under_a_name_in_capitals_is_no_part_of_its_address() -> None:
    text = (
        "EICHGRUND ZAHNTECHNIK GMBH\nÜbersetzungen Deutsch – Englisch\nAm Mühlbach 3\n99084 Erfurt\n"
        "Tel. 0942 4189\n\nKunde: Claudia Sauer\nHauptstr. 12\n99084 Erfurt\n\nRechnung\n"
        "Rechnungs-Nr.:   F2025-22\nDatum:   10.11.2025\n\n"
        "Übersetzung                          1       280,00        280,00\n"
        "                               Summe                     280,00\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.vendor.address == "Am Mühlbach 3, 99084 Erfurt"
