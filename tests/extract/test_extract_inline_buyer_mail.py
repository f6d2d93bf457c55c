"""A receipt names its buyer on one line after the label, the buyer's e-mail address after a comma or in
angle brackets ("Bill to: Jane Roe, jane@example.com"): the words before the address are the buyer's name.
Each case is a convention of card and software receipts, never one document."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _buyer(text: str) -> str | None:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(doc).buyer.name


@pytest.mark.parametrize(
    ("line", "buyer"),
    [
        ("Bill to: Priya Raman, priya.raman@post.example", "Priya Raman"),
        ("Facturé à: Hélène Roux, helene@roux-conseil.fr", "Hélène Roux"),
        ("Faktureras till: Fjällgården Aktiebolag, karin@fjallgarden.se", "Fjällgården Aktiebolag"),
        ("Vevő: Nagy Eszter <eszter.nagy@posta.example>", "Nagy Eszter"),
        ("Intestata a: Chiara Conti, chiara.conti@posta.example", "Chiara Conti"),
        ("Facturat către: Ioana Popa; ioana.popa@posta.example", "Ioana Popa"),
    ],
)
def test_the_name_before_the_buyers_mail_on_its_label_line_is_the_buyer(line: str, buyer: str) -> None:
    text = (
        "Cirrus Notes Ltd\nReceipt #4410-2291\n\nAmount paid     EUR 59.00\nInvoice number     R-2025-7781\n"
        "Invoice date     12.05.2025\n\nPro plan, monthly        EUR 59.00\nTotal        EUR 59.00\n\n"
        f"{line}\n\nCirrus Notes Ltd · 14 Mill Lane · Dublin D02 X285 · VAT IE 6388047V\n"
    )
    assert _buyer(text) == buyer


@pytest.mark.parametrize(
    ("to", "note", "billing", "buyer"),
    [
        ("To", "FYI - for the books.", "Billing address", "Priya Raman"),
        ("Til", "Til bogholderiet.", "Faktureringsadresse", "Mette Holm"),
        ("A", "Per la contabilità.", "Indirizzo di fatturazione", "Chiara Conti"),
        ("Aan", "Ter info.", "Factuuradres", "Eva de Wit"),
    ],
)
def test_a_mail_headers_to_field_heads_no_block(to: str, note: str, billing: str, buyer: str) -> None:
    # a forwarded mail printed from the mail client (the header's "To" field holds its address on its
    # line); the note and the brand under it are no block of a buyer, the billing block is
    text = (
        f"Subject: Fwd: Your order 2025-7781\n   From        {buyer} <buyer@post.example>\n"
        f"   Date        12.05.2025 18:02\n   {to:<12}accounts@office.example\n\n{note}\n"
        "---------- Forwarded message ---------\n"
        f"   From:       Lumora <orders@lumora.example>\n   Date:       12.05.2025 15:01\n"
        f"   {to + ':':<12}{buyer} <buyer@post.example>\n\n"
        "Lumora\nThank you for your order!\n\n   Invoice number      2025-7781\n   Invoice date        12.05.2025\n\n"
        f"{billing}\n{buyer}\n22 Harbour Road\n40200 Portsmouth\n\n"
        "Desk lamp          1     59.90     59.90\nTotal                        59.90\n\n"
        "Lumora Home Ltd · 14 Mill Lane · 40100 Springfield · VAT GB 274 1938 52\n"
    )
    assert _buyer(text) == buyer
