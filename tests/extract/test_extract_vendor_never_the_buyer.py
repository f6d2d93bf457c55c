"""One party is never both: a page whose seller's name is only in its logo (an image) prints no seller's
name in its text; the name under the buyer's label is then the buyer's alone, never the vendor's too."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules

_HEADS = {
    "en": ("Invoice address", "Delivery address", "Invoice", "Invoice date", "Total"),
    "de": ("Rechnungsanschrift", "Lieferanschrift", "Rechnung", "Rechnungsdatum", "Gesamtbetrag"),
    "nl": ("Factuuradres", "Afleveradres", "Factuur", "Factuurdatum", "Totaal"),
}


def _doc(lang: str, buyer: str) -> ParsedDocument:
    invoice_to, ship_to, title, dated, total = _HEADS[lang]
    pad = " " * 40
    text = (
        f"   {invoice_to}{pad}{ship_to}\n"
        f"   {buyer}{pad}{buyer}\n"
        f"   Harbour Road 12{pad}Harbour Road 12\n"
        f"   1011 AB Amsterdam{pad}1011 AB Amsterdam\n\n"
        f"{title}  8812-44    {dated}  14-03-2024\n\n"
        "Service contract March                 1      120,00      120,00\n\n"
        f"{total}  EUR  145,20\n"
    )
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


@pytest.mark.parametrize("lang", sorted(_HEADS))
@pytest.mark.parametrize(
    "buyer", ["Northwind Trading B.V.", "Blue Heron Logistics", "Kessler & Partner GmbH"]
)
def test_the_name_under_the_buyers_label_is_never_the_vendor(lang: str, buyer: str) -> None:
    for extraction in (extract_rules(_doc(lang, buyer)), extract_invoice(_doc(lang, buyer), text_only=True)):
        # THEN the buyer is read, and the vendor is left for a person, with the reason
        assert extraction.buyer.name == buyer
        assert extraction.vendor.name is None
        assert extraction.vendor.address is None
        assert extraction.fields["vendor.name"].confidence == 0.0


def test_a_seller_named_in_the_text_stays_the_vendor() -> None:
    # GIVEN the same page with the seller's letterhead in its text
    doc = _doc("en", "Northwind Trading B.V.")
    doc.pages[0].text = "Lindqvist Office Supplies AB\nStorgatan 4\n111 22 Stockholm\n\n" + doc.pages[0].text
    extraction = extract_invoice(doc, text_only=True)
    # THEN the letterhead's name is the vendor and the buyer stays the buyer
    assert extraction.vendor.name == "Lindqvist Office Supplies AB"
    assert extraction.buyer.name == "Northwind Trading B.V."
