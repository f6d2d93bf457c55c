"""Lead's rules of session 21 (each worded generally, with text of our own)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _swiss_page(customer_label: str) -> str:
    # a Swiss seller's info block carries the customer's VAT id under a customer-side label ("Kunde" in the
    # singular as well as "Kunden"); the seller's own id stands in the footer
    return (
        "  Brunner Holzbau AG                                      Seestrasse 14\n"
        "                                                          8800 Thalwil\n"
        "\n"
        "Datum:            12. März 2026                Rheinwerk Logistik GmbH\n"
        "Rechnung Nr.:     2026/0412                    Hafenstraße 3\n"
        f"{customer_label}  DE812345608                  68159 Mannheim\n"
        "\n"
        "Rechnung\n"
        "Pos  Bezeichnung                         Menge      Preis        Betrag\n"
        "1    Palettenregal Eiche                    4     310.00      1'240.00\n"
        "Rechnungsbetrag                                         CHF 1'240.00\n"
        "\n"
        "Brunner Holzbau AG   Seestrasse 14   8800 Thalwil   MWST: CHE-031.647.284 MWST\n"
    )


@pytest.mark.parametrize("label", ["UID Kunde:", "UID des Kunden:", "Kunden-UID:"])
def test_a_vat_id_under_a_customer_label_is_the_buyers_never_the_sellers(label: str) -> None:
    result = _read(_swiss_page(label))
    assert result.vendor.vat_id == "CHE031647284MWST"
    assert result.buyer.vat_id == "DE812345608"


_HEADER = {
    "en": ("Customer", "Code", "Description", "Qty", "Price", "Total"),
    "fr": ("Code", "client", "Désignation", "Qté", "Prix", "Montant"),
    "es": ("Código", "cliente", "Descripción", "Cant.", "Precio", "Importe"),
    "nl": ("Klant-", "code", "Omschrijving", "Aantal", "Prijs", "Bedrag"),
    "de": ("Kunden-", "code", "Bezeichnung", "Menge", "Preis", "Betrag"),
}


@pytest.mark.parametrize("lang", sorted(_HEADER))
def test_the_customers_code_column_in_a_two_line_header_carries_our_item_id(lang: str) -> None:
    # the buyer's own item code printed in a column headed "customer code" (the header's words stacked
    # over two lines) is how a line is matched to our PO when the seller describes it in other words
    top, under, desc, qty, price, total = _HEADER[lang]
    text = (
        "Harrow & Finch Trading Ltd\n"
        "12 Wharf Road, Bristol BS1 6QX\n"
        "\n"
        "Invoice No: 7781                                          Date: 02/03/2026\n"
        "\n"
        f" Pos   {top:<10}  {'':<34}{'':>6}  {'':>8}  {'':>9}\n"
        f"       {under:<10}  {desc:<34}{qty:>6}  {price:>8}  {total:>9}\n"
        " 1     ZX-40117    Stapler, heavy duty, grey             12     18.40     220.80\n"
        " 2     ZX-40952    Toner cartridge black                  3     61.00     183.00\n"
        "\n"
        "Total                                                               403.80 GBP\n"
    )
    lines = _read(text).lines
    assert [line.buyer_sku for line in lines] == ["ZX-40117", "ZX-40952"]


_CODE_UNDER = {
    "nl": ("Omschrijving", "Aantal", "Prijs", "Totaal", "Artikelcode:"),
    "de": ("Bezeichnung", "Menge", "Preis", "Betrag", "Artikelcode:"),
    "sv": ("Beskrivning", "Antal", "Pris", "Belopp", "Artikelkod:"),
    "da": ("Beskrivelse", "Antal", "Pris", "Beløb", "Varekode:"),
    "en": ("Description", "Qty", "Price", "Amount", "Article code:"),
}


@pytest.mark.parametrize("lang", sorted(_CODE_UNDER))
def test_an_article_code_on_the_line_under_an_item_is_its_code(lang: str) -> None:
    # many layouts print the item's code under its description, labelled ("article code" in the locale's
    # words) rather than in a column of its own
    desc, qty, price, total, label = _CODE_UNDER[lang]
    text = (
        "Veldkamp Techniek\n"
        "Havenkade 21, 1013 AB Amsterdam\n"
        "\n"
        "Invoice 5520                                                  Date: 09/02/2026\n"
        "\n"
        f" Nr.  {desc:<40}{qty:>8}  {price:>9}  {total:>10}\n"
        " 1    Calibration of pressure gauges              3     95.00     285.00\n"
        f"      {label} QP-88214\n"
        " 2    Travel costs                                1     40.00      40.00\n"
        "\n"
        "Total                                                          325.00 EUR\n"
    )
    lines = _read(text).lines
    assert [line.sku for line in lines] == ["QP-88214", None]


_GOODS_VALUE = {
    "de": (
        "Bezeichnung",
        "Menge",
        "Preis",
        "Betrag",
        "Warenwert:",
        "Rabatt 3 %",
        "Summe netto:",
        "MwSt. 19 %:",
        "Gesamtbetrag:",
        "Bei Zahlung bis 20.03.2026 2 % Skonto:",
    ),
    "en": (
        "Description",
        "Qty",
        "Price",
        "Amount",
        "Goods value:",
        "Discount 3 %",
        "Net amount:",
        "VAT 19 %:",
        "Total due:",
        "Early payment by 20.03.2026, 2 % discount:",
    ),
}


@pytest.mark.parametrize("lang", sorted(_GOODS_VALUE))
def test_a_discount_between_the_goods_value_and_the_net_is_the_documents_discount(lang: str) -> None:
    # the rows end on the goods' value; the totals block takes a discount off it before the net and the
    # tax is worked out on the net: the discount is the document's, a cash-discount offer under the gross
    # total is none
    desc, qty, price, amount, goods, discount, net, vat, gross, early = _GOODS_VALUE[lang]
    text = (
        "Lindqvist Verpackungen GmbH\n"
        "Hafenstraße 9, 28217 Bremen\n"
        "\n"
        "Invoice No: 2026-1182                                       Date: 06.03.2026\n"
        "\n"
        f" Pos  {desc:<38}{qty:>8}  {price:>9}  {amount:>10}\n"
        " 1    Shipping boxes 40x30x30                  400      0,85      340,00\n"
        " 2    Packing tape brown                        60      2,00      120,00\n"
        "\n"
        f"                                     {goods:<26}              460,00\n"
        f"                                     {discount:<26}              -13,80\n"
        f"                                     {net:<26}              446,20\n"
        f"                                     {vat:<26}               84,78\n"
        f"                                     {gross:<26}          530,98 EUR\n"
        "\n"
        f"{early}   10,62\n"
    )
    result = _read(text)
    assert [(c.kind, c.amount) for c in result.charges] == [("allowance", Decimal("13.80"))]
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("446.20"),
        Decimal("84.78"),
        Decimal("530.98"),
    )
