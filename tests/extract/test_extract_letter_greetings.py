"""An invoice typed into a mail or a letter opens with a greeting naming whom it is written to ("Dear X,",
"Kedves X!", "Hola, X:"): that line is the addressee's, never the sender's, even where the addressee is a
company with its legal form. Each case is a convention of letters in many languages, never one document."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _vendor(text: str) -> str | None:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(doc).vendor.name


@pytest.mark.parametrize(
    ("greeting", "seller"),
    [
        ("Dear Harbour Dental Ltd,", "Kestrel Software Ltd"),
        ("Kedves Tisza Bt.!", "Bakony Szoftver Kft."),
        ("Hola, Olivos S.L.:", "Nubes Digitales S.L."),
        ("Sehr geehrte Damen und Herren der Lindner GmbH,", "Wolkenwerk Software GmbH"),
        ("Beste Duinhof B.V.,", "Wolkwerk Software B.V."),
        ("Szanowni Państwo, Wisła Sp. z o.o.:", "Chmura Soft Sp. z o.o."),
    ],
)
def test_a_greeting_naming_a_company_is_never_the_seller(greeting: str, seller: str) -> None:
    # the typed invoice: the greeting, the invoice's fields and lines, the sender's signature block under it
    text = (
        f"{greeting}\n\nPlease find your invoice below.\n\nINVOICE\n========\n"
        "Invoice no.: R-2025-1187\nDate: 12.05.2025\n\n"
        "1 x Cloud backup, yearly          120.00\n1 x Setup                          30.00\n"
        "Total: 150.00\n\n--\n"
        f"{seller}\n14 Mill Lane\n40100 Springfield\n"
    )
    assert _vendor(text) == seller


def test_a_name_closing_with_a_colon_without_a_greeting_word_is_unchanged() -> None:
    # no greeting word: a firm's name in a "field: value" layout keeps its reading
    text = (
        "Kestrel Software Ltd\n14 Mill Lane\n40100 Springfield\n\nINVOICE\nInvoice no.: R-2025-1187\n"
        "Date: 12.05.2025\n\nBill to:\nHarbour Dental Ltd\n2 Quay Street\n40200 Portsmouth\n\n"
        "Cloud backup, yearly          120.00\nTotal: 120.00\n"
    )
    assert _vendor(text) == "Kestrel Software Ltd"
