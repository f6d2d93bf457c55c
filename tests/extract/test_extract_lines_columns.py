"""GIVEN line-item tables with article-number and position columns named in several languages WHEN the
lines are recovered THEN the seller's number is the SKU, the buyer's number its own field, and a
position number neither."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _recover(text: str):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), None)
    return lines


def test_the_buyers_article_number_is_the_buyer_sku() -> None:
    text = """
 Pos   Ihre Mat.-Nr.    Art.-Nr.     Bezeichnung            Menge      Preis       Betrag
 10    100-2231         EE500        Essigessenz 500ml        4       2,50        10,00
"""
    (line,) = _recover(text)
    assert (line.buyer_sku, line.sku, line.description) == ("100-2231", "EE500", "Essigessenz 500ml")
    assert (line.quantity, line.unit_price, line.amount) == (Decimal(4), Decimal("2.50"), Decimal("10.00"))


@pytest.mark.parametrize(
    ("position", "code"),
    [("Pos.", "Art.-Nr."), ("Ligne", "Réf."), ("Line", "Item code"), ("#", "SKU"), ("Pos", "Material")],
)
def test_a_position_column_is_never_the_sku(position: str, code: str) -> None:
    # GIVEN positions 1 and 2 left of the article numbers, the quantity equal to the position
    text = f"""
 {position:<8} {code:<12} Description                Qty      Price      Amount
 1        A-100        Paper A4                     1      10.00       10.00
 2        B-200        Toner                        2      27.50       55.00
"""
    lines = _recover(text)
    # THEN the article numbers are the SKUs and the quantities are the quantities
    assert [(line.sku, line.quantity) for line in lines] == [("A-100", Decimal(1)), ("B-200", Decimal(2))]


@pytest.mark.parametrize(
    "header",
    [
        "Art.-Nr.",
        "Artikelnummer",
        "Item code",
        "Code article",
        "Código",
        "Réf.",
        "Material",
        "Mat.-Nr.",
        "Part #",
    ],
)
def test_article_number_columns_in_the_languages_read_give_the_sku(header: str) -> None:
    text = f"""
 {header:<14} Description                Qty      Price      Amount
 X-4711         Paper A4                     2       5.00       10.00
"""
    (line,) = _recover(text)
    assert (line.sku, line.description) == ("X-4711", "Paper A4")


def test_discount_and_freight_lines_of_the_table_stay_lines() -> None:
    text = """
 Description                         Qty      Price       Amount
 Paper A4                              2       5.00        10.00
 Discount 10 %                                             -1.00
 Freight                                                    4.90
 Subtotal                                                  13.90
"""
    lines = _recover(text)
    assert [(line.description, line.amount) for line in lines] == [
        ("Paper A4", Decimal("10.00")),
        ("Discount 10 %", Decimal("-1.00")),
        ("Freight", Decimal("4.90")),
    ]


@pytest.mark.parametrize(
    ("seller_label", "buyer_label", "header"),
    [
        ("Varenr.", "Jeres varenr.", " Beskrivelse                        Antal    Enhedspris        Beløb"),
        (
            "Référence",
            "Réf. client",
            " Désignation                        Qté      P.U.              Montant",
        ),
        (
            "Art.-Nr.",
            "Ihre Mat.-Nr.",
            " Bezeichnung                        Menge    Preis             Betrag",
        ),
        (
            "Item no.",
            "Your item no.",
            " Description                        Qty      Price             Amount",
        ),
        ("Art.nr.", "Uw code:", " Omschrijving                       Aantal   Prijs             Bedrag"),
    ],
)
def test_item_numbers_printed_under_a_row_after_their_label_are_the_skus(
    seller_label: str, buyer_label: str, header: str
) -> None:
    # GIVEN item numbers on lines of their own under each row, after an item-number label of the language
    text = f"""
{header}
 Paper A4                               2       5,00            10,00
 {seller_label} Art. 43626
 {buyer_label} A16316
 Toner black                            1      27,50            27,50
 {buyer_label} 103-3966

 Subtotal                                                       37,50
"""
    lines = _recover(text)
    # THEN the buyer's number is the buyer SKU, the seller's the SKU, the descriptions stay clean
    assert [(line.description, line.sku, line.buyer_sku) for line in lines] == [
        ("Paper A4", "Art. 43626", "A16316"),
        ("Toner black", None, "103-3966"),
    ]


@pytest.mark.parametrize("before", ["CHF ", "EUR ", "€ ", "SEK "])
def test_a_currency_code_printed_in_the_price_and_amount_cells_leaves_the_figures(before: str) -> None:
    text = f"""
 Bezeichnung                             Menge      Preis/Einheit         Gesamt
 Leitungsschutzschalter B16                 10        {before}21.96     {before}219.60
 Steckdosenleiste 8-fach                    14        {before}23.04     {before}322.56
"""
    lines = _recover(text)
    assert [(line.quantity, line.unit_price, line.amount) for line in lines] == [
        (Decimal(10), Decimal("21.96"), Decimal("219.60")),
        (Decimal(14), Decimal("23.04"), Decimal("322.56")),
    ]


@pytest.mark.parametrize("sign", ["₺", "₴", "₽", "₪", "₩", "฿"])
def test_a_currency_sign_after_the_price_and_amount_leaves_the_figures(sign: str) -> None:
    text = f"""
 Description                   Quantity       Unit Price        Amount
 Copper fitting 22 mm               4,0     12,5000 {sign}         50,00 {sign}
 Site visit                         1,5     80,0000 {sign}        120,00 {sign}
"""
    lines = _recover(text)
    assert [(line.quantity, line.unit_price, line.amount) for line in lines] == [
        (Decimal("4.0"), Decimal("12.5000"), Decimal("50.00")),
        (Decimal("1.5"), Decimal("80.0000"), Decimal("120.00")),
    ]


def test_a_currency_code_cut_at_the_columns_edge_leaves_the_amount() -> None:
    text = """
 Description                   Quantity       Unit Price        Amount
 Scaffolding hire                  12,0    4 150,0000       49 800,00 SE
                                                  SEK                  K
 Site visit                         1,5     80,0000 SEK        120,00 SEK
"""
    lines = _recover(text)
    assert [(line.quantity, line.amount) for line in lines] == [
        (Decimal("12.0"), Decimal("49800.00")),
        (Decimal("1.5"), Decimal("120.00")),
    ]


def test_a_currency_mark_cut_at_the_price_columns_edge_leaves_the_price() -> None:
    text = """
 Description                   Quantity       Unit Price        Amount
 Transport to site                 40,5    6.140,0000 k     248.670,00 kr
                                                    r
 Site visit                         1,5     80,0000 kr         120,00 kr
"""
    lines = _recover(text)
    assert [(line.quantity, line.unit_price) for line in lines] == [
        (Decimal("40.5"), Decimal("6140.0000")),
        (Decimal("1.5"), Decimal("80.0000")),
    ]


def test_a_totals_label_one_space_before_its_amount_far_right_ends_the_table() -> None:
    # a narrow column wraps the currency codes; the tax summary's lines under the totals are no rows
    text = """
                 Nimetus                   Kogus       Ühiku hind     Maksud       Väärtus
 Tellingute rent                                5,5    880,0000 C        [1]       4.840,00 CHF
                                                                  HF
 Objekti külastus                              40,5   9.260,0000         [2]     375.030,00 CH
                                                                 CHF                               F
     Maks         Baas        Väärtus                            Total (excl. taxes): 379.870,00 CH
                                                                                                   F
 [1] KM 22   4.840,00 C 1.064,80 C
 %                     HF           HF                                       Maksud:    19.816,30 CH
                                                                                                   F
 [2] KM 5    375.030,00    18.751,50
 %                   CHF           CHF                                   Kokku: 399.686,30 CH
                                                                                                   F
                                                               2026-08-25           399.686,30 CH
"""
    lines = _recover(text)
    assert [(line.description, line.amount) for line in lines] == [
        ("Tellingute rent", Decimal("4840.00")),
        ("Objekti külastus", Decimal("375030.00")),
    ]


def test_estonian_value_and_taxes_headings_name_the_amount_and_tax_columns() -> None:
    text = """
                                               Kogus     Ühiku hind    Maksud       Väärtus
 Tellingute rent                                12,0       41,5000      [1]        498,00
 Objekti külastus                                1,5       80,0000      [1]        120,00
"""
    lines = _recover(text)
    assert [(line.quantity, line.unit_price, line.amount) for line in lines] == [
        (Decimal("12.0"), Decimal("41.5000"), Decimal("498.00")),
        (Decimal("1.5"), Decimal("80.0000"), Decimal("120.00")),
    ]


@pytest.mark.parametrize("label", ["Zwischentotal", "Zwischensumme", "Suma:", "Subtotal"])
def test_a_subtotal_row_under_the_table_is_no_line(label: str) -> None:
    text = f"""
 Bezeichnung                             Menge      Preis/Einheit         Gesamt
 Leitungsschutzschalter B16                 10             21.96          219.60
 {label:<40}                                              219.60
"""
    lines = _recover(text)
    assert [(line.description, line.amount) for line in lines] == [
        ("Leitungsschutzschalter B16", Decimal("219.60"))
    ]


def test_an_extended_column_is_the_line_amount_and_a_customer_part_number_under_a_row_the_buyer_sku() -> None:
    # GIVEN a US table: "Part #", "Extended" for the line amount, the customer's part number under the row
    text = """
 Part #       Details                            Quantity            Price    Extended
 YF-8657      Software licence & support               12           $30.00     $360.00
              Cust. Part #: 19786907
"""
    (line,) = _recover(text)
    assert (line.sku, line.buyer_sku, line.quantity, line.amount) == (
        "YF-8657",
        "19786907",
        Decimal(12),
        Decimal("360.00"),
    )
