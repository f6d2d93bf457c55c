"""A memo's recipient field at a tab stop ("An:" … "Sonnfeld GmbH"): the heading and its colon alone in
their cell, the value in the next cell however far the tab stop lies, is the buyer's name (the address
under it is no name). Texts of our own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


@pytest.mark.parametrize(
    ("title", "sender", "recipient", "buyer", "address", "number"),
    [
        ("RECHNUNG", "Von:", "An:", "Lindenhof Bau GmbH", "Am Anger 3, 99084 Erfurt", "Rechnungs-Nr.:"),
        ("FAKTURA", "Från:", "Till:", "Karin Lindqvist", "Ågatan 12, 582 22 Linköping", "Fakturanummer:"),
        ("Factura", "De:", "Para:", "Nogal Reformas S.L.", "Calle Mayor 8, 28013 Madrid", "Número:"),
        ("Factuur", "Van:", "Aan:", "Pieter de Wit", "Lindengracht 5, 1015 KD Amsterdam", "Nummer:"),
    ],
)
def test_a_memo_recipient_field_at_a_tab_stop_names_the_buyer(
    title: str, sender: str, recipient: str, buyer: str, address: str, number: str
) -> None:
    tab = " " * 18
    text = (
        f"{title}\n"
        f"{sender:<18} Atelier Brandt\n"
        f"{recipient:<18} {buyer}\n"
        f"{tab} {address}\n\n"
        f"{number}                    2025/118\n\n"
        "Design                        2       450,00       900,00\n\n"
        "                              Summe                 900,00\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.buyer is not None
        assert result.buyer.name == buyer
