"""Seller layouts hand-written probes found read wrong: the seller named after "Sold by" / "Émise par"
(a marketplace's or an issuer's opening), ... Each case is a convention many sellers print, never one
document."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _vendor(text: str) -> str | None:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(doc).vendor.name


@pytest.mark.parametrize(
    ("opening", "name", "rest"),
    [
        ("Sold by", "Pinecrest Kitchens Ltd", "on behalf of Example Marketplace EU\nVAT GB 123 4567 89"),
        ("Verkauft von", "Hausrat Berger GmbH", "im Auftrag von Beispiel Marktplatz S.à r.l."),
        ("Émise par", "Atelier Dumas SARL", "SIRET 123 456 789 00012"),
        ("Verkocht door", "Tuinhuis Jansen B.V.", "namens Voorbeeld Marktplaats"),
    ],
)
def test_the_name_after_a_sold_by_or_issued_by_opening_is_the_seller(
    opening: str, name: str, rest: str
) -> None:
    text = (
        f"Invoice / Rechnung / Facture / Factuur\n\n{opening} {name}\n{rest}\n\n"
        "Delivery address:\nJulia Kramer\n12 Elm Road\nOxford OX1 2AB\n\n"
        "Invoice number: 2025-88812\nInvoice date: 14/05/2025\n\nSteel pan set     89.99\nTotal     89.99\n"
    )
    assert _vendor(text) == name


@pytest.mark.parametrize(
    ("label", "buyer", "seller", "tail"),
    [
        ("Asiakas:", "Kiinteistö Oy Koivurinne", "Rakennuspalvelu Virtanen Oy", "Laskun numero: 2025-311"),
        ("Customer:", "Harbour Dental Practice", "Northgate Glazing Ltd", "Invoice number: 2025-311"),
    ],
)
def test_a_seller_set_far_right_on_the_buyer_labels_line_is_no_part_of_the_buyers_block(
    label: str, buyer: str, seller: str, tail: str
) -> None:
    # the buyer's block goes on under its label on the left; the seller's block stands on the right
    text = (
        f"INVOICE / LASKU\n\n{label:<49}{seller}\n{buyer:<49}Teollisuustie 12\n"
        f"{'Koivutie 3':<49}33100 Tampere\n33200 Tampere\n\n{tail}\n\n"
        "Work     4 200,00\nTotal     4 200,00\n"
    )
    assert _vendor(text) == seller


@pytest.mark.parametrize(
    ("buyer_label", "seller_label"),
    [("Customer (issuer):", "Supplier:"), ("Käufer (Aussteller):", "Lieferant:")],
)
def test_one_line_blocks_of_a_self_billing_invoice(buyer_label: str, seller_label: str) -> None:
    # the buyer issues the invoice; each party is one labelled line, a qualifier in brackets before the
    # buyer label's colon, a farm's name between the seller's legal form and its town
    text = (
        "SELF-BILLING INVOICE\n\n"
        f"{buyer_label} FreshMart Stores plc, 1 Market Way, Reading RG1 1AA\n"
        f"{seller_label} Greenacre Growers Ltd, Long Furrow Farm, Spalding PE11 3TR\n"
        "Supplier VAT number: GB 193 4458 20\n\nSelf-billing invoice no: SB-55120\nDate: 30/04/2025\n\n"
        "Potatoes 25kg x 120     1,440.00\nTotal     1,440.00\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    result = extract_rules(doc)
    assert result.vendor.name == "Greenacre Growers Ltd"
    assert result.buyer.name == "FreshMart Stores plc"
