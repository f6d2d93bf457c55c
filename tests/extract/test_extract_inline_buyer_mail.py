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
