"""A marketplace's invoice: the seller named under the page's "Sold by:" heading issues it; the platform's
operator, named in a sentence saying it runs the marketplace (and in the legal line with its VAT id under
that sentence), never does. Each case is a convention marketplaces print, never one document."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _vendor(text: str) -> str | None:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(doc).vendor.name


@pytest.mark.parametrize(
    ("sold_by", "seller", "buyer_heading", "operator_sentence"),
    [
        ("Sold by:", "Larchwood Goods Ltd", "Billing address", "operates the marketplace."),
        ("Verkauft von:", "Eichenhain Handel GmbH", "Rechnungsadresse", "betreibt den Marktplatz."),
        ("Vendu par:", "Maison Verger SARL", "Adresse de facturation", "exploite la place de marché."),
        ("Venduto da:", "Olmo Casa S.r.l.", "Indirizzo di fatturazione", "gestisce il marketplace."),
        ("Verkocht door:", "Wilgenhof Wonen B.V.", "Factuuradres", "beheert het platform."),
        ("Sprzedawca:", "Jodła Dom Sp. z o.o.", "Dane do faktury", "prowadzi platformę handlową."),
    ],
)
def test_the_marketplace_operator_is_never_the_seller(
    sold_by: str, seller: str, buyer_heading: str, operator_sentence: str
) -> None:
    platform = "Tradeo Europe S.à r.l."
    # printed from a mail client: the browser's print date and the mail's header above the shop's page
    text = (
        "12/05/2025, 18:10                                Fwd: Your invoice 2025-40917\n\n"
        "Subject: Fwd: Your invoice 2025-40917\nFrom:    Nora Lindqvist <nora@post.example>\n"
        "Date:    12.05.2025 18:02\nTo:      accounts@lindqvist.example\n\nFor the books.\n\n"
        "Tradeo   Account · Orders\n\nInvoice\n\n"
        f"{sold_by:<60}Order     7731-2208\n{seller}\n14 Market Street{'':<44}Invoice   2025-40917\n"
        f"Springfield 40100{'':<43}Date      12.05.2025\n\n"
        f"{buyer_heading}\nNora Lindqvist\n22 Harbour Road\nPortsmouth PO1 3AX\n\n"
        "Desk lamp          1     59.90     59.90\nTotal                        59.90\n\n"
        f"{platform} {operator_sentence} The seller named above issues this invoice.\n"
        f"{platform} · 5 Rue Plaetis · L-2338 Luxembourg · LU26375245\n"
    )
    assert _vendor(text) == seller


def test_a_company_running_the_shop_under_its_brand_is_still_the_seller() -> None:
    # no sentence about a marketplace: the legal footer with the VAT id names the issuer as before
    text = (
        "Tradeo   Account · Orders\n\nInvoice   2025-40917\nDate      12.05.2025\n\n"
        "Billing address\nNora Lindqvist\n22 Harbour Road\nPortsmouth PO1 3AX\n\n"
        "Desk lamp          1     59.90     59.90\nTotal                        59.90\n\n"
        "Tradeo Europe S.à r.l. · 5 Rue Plaetis · L-2338 Luxembourg · LU26375245\n"
    )
    assert _vendor(text) == "Tradeo Europe S.à r.l."


@pytest.mark.parametrize(
    ("sold_by", "seller"),
    [
        ("Verkauft von:", "Töpferei Hansen"),
        ("Vendu par:", "Atelier Rivière"),
        ("Venduto da:", "Bottega Ferri"),
        ("Verkocht door:", "Keramiek Smits"),
        ("Vendido por:", "Cerámica Ortiz"),
        ("Såld av:", "Krukmakeri Berg"),
    ],
)
def test_a_sold_by_heading_heads_the_sellers_block(sold_by: str, seller: str) -> None:
    # a marketplace's order page: the platform's brand and a product row with a firm's name above the
    # seller's block; the "sold by" heading (a seller's heading, as "Seller:") names whose block it is
    text = (
        "Tradeo   Account · Orders\n\nNordic Clay Works Ltd  stoneware mug set\n\n"
        f"{sold_by:<60}Order     7731-2208\n{seller}\n14 Market Street{'':<44}Invoice   2025-40917\n"
        f"40100 Springfield{'':<43}Date      12.05.2025\n\n"
        "Nora Lindqvist\n22 Harbour Road\n40200 Portsmouth\n\n"
        "Mug set          1     59.90     59.90\nTotal                        59.90\n"
    )
    assert _vendor(text) == seller


def test_an_operator_named_between_the_marketplace_and_the_verb_is_never_the_seller() -> None:
    # GIVEN a Turkish marketplace invoice whose sentence opens with its object, the operator between it
    # and the verb ("Pazaryerini <operator> işletmektedir"), the operator's legal line under it
    text = (
        "Tradeo   Hesabım · Siparişlerim\n\ne-Arşiv Fatura\n\n"
        f"{'Satıcı:':<60}Sipariş No   #67674\nMarmara Design Ltd. Şti.\n"
        f"İnönü Bulvarı No:96{'':<41}Fatura No    2045846931\n"
        f"26010 Eskişehir{'':<45}Tarih        22.09.2026\nVergi No: 2507585393\n\n"
        "Fatura adresi\nBurak Şahin\nAtatürk Cad. No:50\n26010 Eskişehir\n\n"
        "Yün atkı          3     150,00     450,00\nToplam                        450,00 TL\n\n"
        "Pazaryerini Tradeo Europe S.à r.l. işletmektedir. Bu fatura yukarıda adı geçen satıcı tarafından "
        "düzenlenmiştir.\n"
        "Tradeo Europe S.à r.l. · 5 Rue Plaetis · L-2338 Luxembourg · LU26375245\n"
    )
    # THEN the seller under its heading issues it
    assert _vendor(text) == "Marmara Design Ltd. Şti."
