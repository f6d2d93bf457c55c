"""GIVEN item tables and item lists that web shops, mail clients and billing portals print (a column
named by one short word, an item whose name ends with a word totals use, a name set off from its amount
by dot leaders) WHEN the lines are recovered THEN each item is read with its own figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _recover(text: str, hint: str | None = ","):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), hint)
    return [(line.description, line.quantity, line.unit_price, line.amount) for line in lines]


def test_a_hungarian_price_column_named_ar_and_a_line_total_named_vegosszeg() -> None:
    # GIVEN a Hungarian table whose unit price column is headed "Ár" (price) and whose amount column
    # "Végösszeg" (the row's total)
    text = """
 Termék                                Menny.             Ár          Végösszeg
 Fali polc tölgy                            2       12,50 Ft           25,00 Ft
 Kerámia bögre                              3        4,20 Ft           12,60 Ft
                                               Részösszeg              37,60 Ft
"""
    # THEN both rows are read with their quantity, price and amount
    assert _recover(text) == [
        ("Fali polc tölgy", Decimal(2), Decimal("12.50"), Decimal("25.00")),
        ("Kerámia bögre", Decimal(3), Decimal("4.20"), Decimal("12.60")),
    ]


def test_an_item_list_whose_names_dot_leaders_set_off_from_their_amounts() -> None:
    # GIVEN a list of items pasted into a mail: a name, dot leaders (run together, spaced, or cut short
    # by a long name and one space from the amount), then the amount; the total under the list
    text = """
 Invoice 2041
 2 x Cloud backup seats ....................  18,00 EUR
 1 x Managed firewall maintenance plan .. 120,00 EUR
 1 x Support hours . . . . . . . . .   45,50 EUR
 ------------------------------------------
 Total: 183,50 EUR
"""
    # THEN each line is an item, its name without the leaders
    assert [(d, q, a) for d, q, _, a in _recover(text)] == [
        ("Cloud backup seats", Decimal(2), Decimal("18.00")),
        ("Managed firewall maintenance plan", Decimal(1), Decimal("120.00")),
        ("Support hours", Decimal(1), Decimal("45.50")),
    ]


def test_an_item_whose_name_ends_with_a_totals_word_is_an_item_when_its_arithmetic_holds() -> None:
    # GIVEN rows whose names end with words the totals use ("Base", "Total"), quantity times unit
    # price making each amount, and the totals under them
    text = """
 Product                                   Qty          Price         Amount
 Webmail Plan Base                            2        € 12,00        € 24,00
 Analytics Suite Total                        1        € 30,00        € 30,00
 Backup Storage                               3         € 5,00        € 15,00
                                                      Subtotal        € 69,00
                                                         Total        € 69,00
"""
    # THEN every row is an item and the totals are none
    assert [(d, a) for d, _, _, a in _recover(text)] == [
        ("Webmail Plan Base", Decimal("24.00")),
        ("Analytics Suite Total", Decimal("30.00")),
        ("Backup Storage", Decimal("15.00")),
    ]


def test_a_totals_line_under_a_table_still_ends_it() -> None:
    # GIVEN a table whose totals print a count and an amount, and a line under them
    text = """
 Product                                   Qty          Price         Amount
 Backup Storage                               3         € 5,00        € 15,00
 Total                                        3                       € 15,00
 Late fee                                     1         € 9,00         € 9,00
"""
    # THEN the totals line ends the table
    assert [(d, a) for d, _, _, a in _recover(text)] == [("Backup Storage", Decimal("15.00"))]


def test_items_in_a_panel_beside_the_greeting_are_read_from_the_panel() -> None:
    # GIVEN an order mail whose items and totals stand in a panel at the right, the greeting and the
    # addresses at the left on the same lines
    text = """
  Order confirmation
  Order number 40021
                                                    Desk organiser                     24,00 EUR
  Dear Alex,                                        Notebook set × 2                   18,50 EUR
                                                    Shipping                            4,90 EUR
  Thank you for your order!
                                                                      Subtotal        47,40 EUR
  Billing address                                                     Total           47,40 EUR
  Alex Moreau
"""
    # THEN the panel's lines are the items, a count after a name its quantity
    assert [(d, q, a) for d, q, _, a in _recover(text)] == [
        ("Desk organiser", None, Decimal("24.00")),
        ("Notebook set", Decimal(2), Decimal("18.50")),
        ("Shipping", None, Decimal("4.90")),
    ]


def test_a_panel_whose_amounts_do_not_add_up_to_its_total_gives_no_items() -> None:
    # GIVEN a panel beside the text whose lines do not add up to the total under them
    text = """
                                                    Desk organiser                     24,00 EUR
  Dear Alex,                                        Notebook set                       18,50 EUR
                                                                      Total           99,00 EUR
"""
    # THEN no line is read as an item
    assert _recover(text) == []


def test_items_written_out_in_a_letters_paragraph_are_read_across_its_line_breaks() -> None:
    # GIVEN a letter that writes its items in a sentence, "name (quantity × unit price): amount", one
    # amount's figures broken over two lines, and its totals under the paragraph
    text = """
 Dear customer,
 for the work carried out we charge the following: Garden design (3 × 120,00 EUR): 360,00 EUR; Hedge
 trimming (2,5 × 40,00 EUR): 100,00 EUR; Paving (10 × 1 050,00 EUR): 10 500,00 EUR; Plants (1 × 1
 234,50 EUR): 1 234,50 EUR.
                                   Net amount                    12 194,50 EUR
"""
    # THEN each item is read with its quantity, unit price and amount
    assert _recover(text) == [
        ("Garden design", Decimal(3), Decimal("120.00"), Decimal("360.00")),
        ("Hedge trimming", Decimal("2.5"), Decimal("40.00"), Decimal("100.00")),
        ("Paving", Decimal(10), Decimal("1050.00"), Decimal("10500.00")),
        ("Plants", Decimal(1), Decimal("1234.50"), Decimal("1234.50")),
    ]


def test_a_sentence_whose_bracketed_figures_do_not_multiply_to_the_amount_gives_no_items() -> None:
    # GIVEN a paragraph with a bracketed product that is not the amount after it
    text = """
 We charge the following: Garden design (3 × 120,00 EUR): 300,00 EUR.
                                   Net amount                    300,00 EUR
"""
    # THEN nothing is read as an item
    assert _recover(text) == []


@pytest.mark.parametrize(
    ("description", "glued", "amount"),
    [
        ("DESIGNATION", "QUANTITÉPRIX UNITAIRE", "MONTANT"),
        ("DESCRIPTION", "QUANTITYUNIT PRICE", "AMOUNT"),
        ("BEZEICHNUNG", "MENGEEINZELPREIS", "BETRAG"),
    ],
)
def test_two_column_names_printed_without_a_space_between_them_name_two_columns(
    description: str, glued: str, amount: str
) -> None:
    # GIVEN a header whose quantity and unit price names the producer set with no space between them
    text = f"""
 {description:<40} {glued:<28} {amount:>12}
 Consulting                                      3,25 h           250,00       812,50
 Court fees                                           2           134,25       268,50
"""
    # THEN the quantity and the unit price are read from their own columns
    assert _recover(text) == [
        ("Consulting", Decimal("3.25"), Decimal("250.00"), Decimal("812.50")),
        ("Court fees", Decimal(2), Decimal("134.25"), Decimal("268.50")),
    ]


@pytest.mark.parametrize("word", ["Steuerbetrag", "STEUERBETRAG", "Artikelpreis", "Preiseinheit"])
def test_a_compound_header_word_is_not_split_into_two_columns(word: str) -> None:
    # GIVEN a header word made of two names of which the first qualifies the second
    from opsloop.extract.rules.lines import _unglued

    # THEN it stays one word
    assert _unglued(word, 0, len(word)) == [(0, len(word))]


def test_a_due_date_label_in_a_sidebar_beside_the_rows_does_not_end_the_table() -> None:
    # GIVEN a table at the page's right whose rows a sidebar at the left interrupts with a "pay by"
    # label and a date
    text = """
 Customer no.
 10023                                          Description                   Qty      Price      Amount
                                                Cloud plan                      12     101,00    1 212,00
 Amount due by
 2024-04-23                                     Extra seats                      2     132,90      265,80
 IBAN
 SE92 0000 1111 2222                            Premium support                  3     173,00      519,00
                                                               Total                               1 996,80
"""
    # THEN the rows under the sidebar's lines are read too
    assert [(d, a) for d, _, _, a in _recover(text)] == [
        ("Cloud plan", Decimal("1212.00")),
        ("Extra seats", Decimal("265.80")),
        ("Premium support", Decimal("519.00")),
    ]


def test_a_subtotal_carried_to_the_next_page_does_not_end_the_table_there() -> None:
    # GIVEN a table over two pages, the first page's sum printed as a continued subtotal and brought
    # to the second page under its repeated header
    first = """
 DESCRIPTION                                   QTY          RATE         AMOUNT
 Water usage                                    10         12.50         125.00
 Sewer service                                   2         40.00          80.00
 CONTINUED - SUBTOTAL                                                   $205.00
"""
    second = """
 DESCRIPTION                                   QTY          RATE         AMOUNT
 SUBTOTAL FROM PREVIOUS PAGE                                            $205.00
 Customer charge                                 3         10.00          30.00
                                               SUBTOTAL                  235.00
"""
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=1, text=first), PageText(number=2, text=second)]
    )
    lines, _ = recover_lines(document_lines(parsed), ".")
    # THEN the second page's rows are read too
    assert [(line.description, line.amount) for line in lines] == [
        ("Water usage", Decimal("125.00")),
        ("Sewer service", Decimal("80.00")),
        ("Customer charge", Decimal("30.00")),
    ]


@pytest.mark.parametrize(
    ("header", "carried"),
    [
        ("Beskrivelse                                  Antal          Pris          Beløb", "Transporteret"),
        (
            "Açıklama                                     Miktar   Birim Fiyat         Tutar",
            "Önceki sayfadan devir",
        ),
        ("Omschrijving                                 Aantal         Prijs        Bedrag", "Over te dragen"),
    ],
)
def test_the_sum_brought_from_the_previous_page_is_no_row(header: str, carried: str) -> None:
    # GIVEN a table's second page opening with the sum brought from the first, named in the language's
    # words for a carried sum
    first = f"""
 {header}
 Vare A                                           10         12,50         125,00
"""
    second = f"""
 {header}
 {carried:<40}                                              125,00
 Vare B                                            3         10,00          30,00
"""
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=1, text=first), PageText(number=2, text=second)]
    )
    lines, _ = recover_lines(document_lines(parsed), ",")
    # THEN the carried sum is no row
    assert [(line.description, line.amount) for line in lines] == [
        ("Vare A", Decimal("125.00")),
        ("Vare B", Decimal("30.00")),
    ]


def test_a_list_quoted_in_a_reply_with_an_item_named_like_a_total_is_read() -> None:
    # GIVEN an item list quoted in a reply ("> " before each line), an item whose name ends with a word
    # totals use, counted before its name
    text = """
 > Your invoice
 > --------------------------------
 > 1 x Webmail Plan Base                      € 52,90
 > 2 x Extra mailbox                          € 20,00
 > --------------------------------
 > Total: € 72,90
"""
    # THEN both lines are items, without the quote marks
    assert [(d, q, a) for d, q, _, a in _recover(text)] == [
        ("Webmail Plan Base", Decimal(1), Decimal("52.90")),
        ("Extra mailbox", Decimal(2), Decimal("20.00")),
    ]


def test_a_german_line_total_column_named_gesamtsumme() -> None:
    # GIVEN a German table whose amount column is headed "Gesamtsumme", far right of the price
    text = """
 Artikel                                   Menge                       Preis                                                  Gesamtsumme
 Wollmütze                                     2                   12,50 EUR                                                    25,00 EUR
                                                                                                              Zwischensumme     25,00 EUR
"""
    # THEN the row is read with its amount
    assert _recover(text) == [("Wollmütze", Decimal(2), Decimal("12.50"), Decimal("25.00"))]
