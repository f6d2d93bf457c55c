"""GIVEN a page with no party labels that opens with the sender's block (a name over its address, no legal
form: a sole trader, a studio) and prints the recipient's block under it (a company with a legal form) WHEN
the parties are read THEN the block heading the page is the seller and the one under it the buyer; blocks
side by side, or a recipient labelled as such, are left to the other evidence."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules import parties

TAIL = (
    "\n"
    "Rechnung Nr. 2025-031\n"
    "Datum: 07.04.2025\n"
    "\n"
    "Leistung                                   Menge      Preis      Betrag\n"
    "Fotoproduktion Katalog                        2     450,00      900,00\n"
    "                                          Nettobetrag               900,00\n"
    "                                          MwSt. 19 %                171,00\n"
    "                                          Gesamtbetrag         EUR 1.071,00\n"
)


def _read(head: str) -> tuple[str | None, str | None]:
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=head + TAIL)]), text_only=True
    )
    return result.vendor.name, result.buyer.name


RIGHT_OVER_LEFT = (
    "                                                          Atelier Lichtwerk\n"
    "                                                          Bergstraße 12\n"
    "                                                          69120 Heidelberg\n"
    "Rautenberg Logistik GmbH\n"
    "Industriepark 4\n"
    "68169 Mannheim\n"
)


def test_the_block_heading_the_page_is_the_seller_over_a_company_under_it() -> None:
    assert _read(RIGHT_OVER_LEFT) == ("Atelier Lichtwerk", "Rautenberg Logistik GmbH")
    stacked_left = "Atelier Lichtwerk\nBergstraße 12\n69120 Heidelberg\n\nRautenberg Logistik GmbH\nIndustriepark 4\n68169 Mannheim\n"
    assert _read(stacked_left)[0] == "Atelier Lichtwerk"


def test_without_the_rule_the_company_under_it_would_be_taken(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parties, "SECOND_BLOCK_PENALTY", 0.0)
    assert _read(RIGHT_OVER_LEFT)[0] == "Rautenberg Logistik GmbH"


def test_a_labelled_recipient_block_over_the_senders_block_decides_nothing_here() -> None:
    # a recipient heading over the first block: that block is the buyer's, so it is no sender block above
    text = (
        "Rechnungsempfänger:\n"
        "Rautenberg Logistik GmbH\n"
        "Industriepark 4\n"
        "68169 Mannheim\n"
        "\n"
        "Atelier Lichtwerk GmbH\n"
        "Bergstraße 12\n"
        "69120 Heidelberg\n"
    )
    vendor, buyer = _read(text)
    assert vendor == "Atelier Lichtwerk GmbH"
    assert buyer == "Rautenberg Logistik GmbH"


def test_blocks_side_by_side_are_not_stacked() -> None:
    lines = [
        "Atelier Lichtwerk                           Rautenberg Logistik GmbH",
        "Bergstraße 12                               Industriepark 4",
        "69120 Heidelberg                            68169 Mannheim",
    ]
    from opsloop.extract.rules.layout import document_lines

    page = document_lines(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="\n".join(lines) + TAIL)])
    )
    head = parties.read_sender_head(page)
    right = next((pos, cell) for pos, cell, name in head.cells if name == "Rautenberg Logistik GmbH")
    assert not parties._under_another_block(head.page_lines, head, right[0], right[1], set(), {}, set())


def test_payee_phrases_of_more_languages_name_the_seller() -> None:
    # GIVEN a page naming its seller only in a payment sentence ("payable to", "zahlbar an", "à l'ordre de",
    # "a favore di"); WHEN read THEN that name is the seller
    for phrase in (
        "Please make cheques payable to Marlow Fenwick Joinery, thank you.",
        "Zahlbar an Marlow Fenwick Joinery, Konto 123",
        "Chèque à l'ordre de Marlow Fenwick Joinery, merci.",
        "Pagamento a favore di Marlow Fenwick Joinery, IBAN sotto.",
    ):
        text = (
            "INVOICE 2025-77                                  3 May 2025\n\n"
            "Restoring two doors                                     480.00\n"
            "Total                                               GBP 480.00\n\n" + phrase + "\n"
        )
        result = extract_invoice(
            ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
        )
        assert result.vendor.name == "Marlow Fenwick Joinery", phrase
