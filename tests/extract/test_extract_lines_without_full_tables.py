"""GIVEN items printed without a full table — a two-column table of descriptions and amounts, or no
header at all with "quantity unit x price" lines — WHEN the rules engine reads the lines THEN each item
is one row with its amount; lines whose arithmetic does not hold and totals are no rows."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.lines import recover_lines


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_two_column_table_of_descriptions_and_amounts_gives_rows() -> None:
    text = (
        "Beschreibung                                                    Betrag\n"
        "Gartenpflege Mai                                                 310,00\n"
        "Heckenschnitt, Abfuhr Grünschnitt                                 95,50\n"
        "                                         Summe netto             405,50\n"
    )
    items, _ = recover_lines(_lines(text), ",")
    assert [(i.description, i.amount) for i in items] == [
        ("Gartenpflege Mai", Decimal("310.00")),
        ("Heckenschnitt, Abfuhr Grünschnitt", Decimal("95.50")),
    ]


def test_two_column_headings_standing_close_together_make_no_table() -> None:
    text = "Description     Amount\nGartenpflege Mai     310.00\nGutter cleaning     95.00\n"
    assert recover_lines(_lines(text), ".")[0] == []


def test_quantity_times_price_lines_without_a_header_are_items() -> None:
    text = (
        "Kunde: Example Bakery Ltd\n"
        "Flour, type 550, 25 kg sack\n"
        "  3 sacks x 21.40 -5%                                       60.99\n"
        "Delivery\n"
        "  1 x 12.00                                                 12.00\n"
        "Net total ........................................... 72.99\n"
    )
    items, _ = recover_lines(_lines(text), ".")
    assert [(i.description, i.quantity, i.unit_price, i.amount) for i in items] == [
        ("Flour, type 550, 25 kg sack", Decimal("3"), Decimal("21.40"), Decimal("60.99")),
        ("Delivery", Decimal("1"), Decimal("12.00"), Decimal("12.00")),
    ]
    assert items[0].unit == "sacks"


def test_a_times_line_whose_arithmetic_fails_is_no_item() -> None:
    text = "Steel plate 3 mm\n  2 x 3.00                                                   17.00\n"
    assert recover_lines(_lines(text), ".")[0] == []


RECEIPT = (
    "                 Corner Shop Ltd\n"
    "             1 High Street, Leeds\n"
    "                   RECEIPT\n"
    "Cheddar 400g                                11.74 B\n"
    "Free range eggs x6\n"
    "  2 x 9.73                                  19.46 B\n"
    "Bread                                        1.20 A\n"
    "-----------------------------------------------\n"
    "Subtotal                                    {sum}\n"
    "TOTAL GBP                                   {sum}\n"
    "Cash                                        50.00\n"
    "Change                                      {change}\n"
)


def test_a_till_receipts_items_above_its_total_are_rows_when_they_add_up() -> None:
    # GIVEN a till receipt without a table header: items with their tax codes, one as quantity x price
    text = RECEIPT.format(sum="32.40", change="17.60")
    items, _ = recover_lines(_lines(text), ".")
    # THEN each item is a row with its amount, the shop's header and the payment lines are none
    assert [(i.description, i.amount) for i in items] == [
        ("Cheddar 400g", Decimal("11.74")),
        ("Free range eggs x6", Decimal("19.46")),
        ("Bread", Decimal("1.20")),
    ]
    assert items[1].quantity == Decimal("2") and items[1].unit_price == Decimal("9.73")


def test_receipt_lines_that_do_not_add_up_to_the_total_are_no_rows() -> None:
    # (only the quantity x price line, whose own arithmetic holds, is still an item)
    text = RECEIPT.format(sum="40.00", change="10.00")
    assert [i.description for i in recover_lines(_lines(text), ".")[0]] == ["Free range eggs x6"]


def test_a_charge_set_in_the_totals_block_is_no_item() -> None:
    # GIVEN a carriage line whose label opens where the totals' labels open, right of the descriptions
    text = (
        "Nr.    Omschrijving                                 Aantal     Prijs per stuk        Bedrag\n"
        "1      Onderhoudscontract per jaar                    2 st.            322,85        645,70\n"
        "                               Verzendkosten                                          28,25\n"
        "                               Totaal excl. btw                                      673,95\n"
    )
    # THEN the item is the one row; the carriage belongs to the totals
    assert [(i.description, i.amount) for i in recover_lines(_lines(text), ",")[0]] == [
        ("Onderhoudscontract per jaar", Decimal("645.70"))
    ]


def test_an_item_whose_description_holds_a_carry_forward_word_is_read() -> None:
    # GIVEN an item named "Transporte e montagem" ("transporte": a carried sum's label in Portuguese)
    text = (
        "Lin.   Descrição                                    Qtd.       Preço unit.            Valor\n"
        "1      Dobradiça inox 100 mm                        5 un.          616,29          3 081,45\n"
        "2      Transporte e montagem                        1 un.       10 887,50         10 887,50\n"
        "                                                    Total ilíquido                13 968,95\n"
    )
    # THEN it is a row: its quantity and price make it an item, not the carried sum
    assert [i.description for i in recover_lines(_lines(text), ",")[0]] == [
        "Dobradiça inox 100 mm",
        "Transporte e montagem",
    ]


def test_a_receipt_in_a_currency_without_minor_units_gives_rows() -> None:
    # GIVEN a forint receipt: whole amounts, tax codes, a quantity x price line
    text = (
        "               Kávézó Kovács Bt.\n"
        "                     NYUGTA\n"
        "Félzsíros tej 1L                         1 265 B\n"
        "Narancslé 1L\n"
        " 3 x 245                                   735 B\n"
        "ÖSSZESEN HUF                             2 000\n"
        "Készpénz                                 2 000\n"
    )
    # THEN the items add up to the total and are the rows
    assert [(i.description, i.amount) for i in recover_lines(_lines(text), ",")[0]] == [
        ("Félzsíros tej 1L", Decimal("1265")),
        ("Narancslé 1L", Decimal("735")),
    ]


def test_a_charge_over_a_totals_label_that_holds_a_column_word_is_no_item() -> None:
    # GIVEN carriage over the Turkish subtotal label "Mal Hizmet Toplam" (it holds the description
    # column's words "Mal Hizmet")
    text = (
        "Sıra     Mal / Hizmet                                  Miktar     Birim Fiyat        Tutar\n"
        "1        İş eldiveni 9 numara                               5          729,44     3.647,20\n"
        "                                  Nakliye                                           53,60\n"
        "                                  Mal Hizmet Toplam                              3.700,80\n"
    )
    # THEN the one item is the only row
    assert [i.description for i in recover_lines(_lines(text), ",")[0]] == ["İş eldiveni 9 numara"]
