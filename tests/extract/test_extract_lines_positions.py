"""GIVEN tables laid out by true position (rows over several lines, headers stacked over several lines,
cells set close together) WHEN the lines are recovered THEN each row keeps its own values."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _recover(text: str):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), ",")
    return lines


def test_an_amount_centred_on_a_row_of_several_lines_belongs_to_the_row() -> None:
    # GIVEN rows of three lines whose amount is printed on the middle line
    text = """
 Pos    Art-Nr       Beschreibung            Nettopreis      Menge      Steuersatz     Nettobetrag
 1      TB100A4      Trennblätter A4             9,9000     20 Stk            19 %
        4012345001235                                                                     198,00
        (GTIN)
 2      ARNR2        Joghurt Banane              5,5000     50 Stk             7 %
        4000050986428                                                                     275,00
        (GTIN)
"""
    # WHEN the lines are recovered
    lines = _recover(text)
    # THEN each row has its own amount, quantity and price, and the code lines are no rows
    assert [(line.description, line.quantity, line.unit_price, line.amount) for line in lines] == [
        ("Trennblätter A4", Decimal(20), Decimal("9.9000"), Decimal("198.00")),
        ("Joghurt Banane", Decimal(50), Decimal("5.5000"), Decimal("275.00")),
    ]


def test_an_amount_beside_a_row_that_does_not_fit_its_arithmetic_is_not_taken() -> None:
    # GIVEN a row without an amount and, under it, a line whose amount does not equal quantity x price
    text = """
 Beschreibung              Nettopreis      Menge        Nettobetrag
 Trennblätter A4               9,9000     20 Stk
 Versandpauschale                                           5,00
"""
    lines = _recover(text)
    # THEN the shipping line keeps its own amount and the row above does not take it
    assert ("Versandpauschale", Decimal("5.00")) in [(line.description, line.amount) for line in lines]
    assert all(line.amount != Decimal("5.00") for line in lines if line.description == "Trennblätter A4")


def test_figures_set_one_space_apart_under_two_columns_are_two_cells() -> None:
    # GIVEN quantity and tax rate set one space apart ("20 Stk 19 % VAT (S)")
    text = """
 Pos   Beschreibung        Nettopreis          Menge          Steuer        Entgelt
  1    Trennblätter              9,90         20 Stk 19 % VAT (S)            198,00
"""
    lines = _recover(text)
    # THEN the quantity, its unit and the rate are each read
    assert [(line.quantity, line.unit, line.tax_rate, line.amount) for line in lines] == [
        (Decimal(20), "Stk", Decimal(19), Decimal("198.00"))
    ]


def test_a_header_printed_over_four_lines_names_its_column_by_its_opening_label() -> None:
    # GIVEN an amount column headed "Positions- / betrag / ohne / USt." over four lines
    text = """
     Art-Nr-Kunde                                                                     Positions-
     Art-Nr-Lief.                                                                         betrag
 Pos Art-Nr          Beschreibung       Nettopreis              Menge         USt.          ohne
     (Art)                                                                                   USt.
  1                   Miettage           86,5500              2 Stk          19 %         173,10
  2                   Vollkasko          23,1000              2 Stk          19 %          46,20
"""
    lines = _recover(text)
    # THEN the rightmost column is the rows' amount, not a tax rate
    assert [(line.description, line.amount, line.tax_rate) for line in lines] == [
        ("Miettage", Decimal("173.10"), Decimal(19)),
        ("Vollkasko", Decimal("46.20"), Decimal(19)),
    ]


def test_header_words_above_and_below_an_empty_slot_name_the_column_together() -> None:
    # GIVEN "Price w/o" above and "Tax" below the header line, over the amounts
    text = """
                                                                            Price w/o
 Description                       Quantity        Unit Price      Disc.
                                                                               Tax
 Biscuits aux raisins 300g        20 Unit(s)          3.20 €                 64.00 €
"""
    lines = _recover(text)
    # THEN that column holds the amount
    assert [(line.quantity, line.unit_price, line.amount, line.tax_rate) for line in lines] == [
        (Decimal(20), Decimal("3.20"), Decimal("64.00"), None)
    ]


def test_a_position_number_set_close_to_the_item_number_is_no_part_of_it() -> None:
    # GIVEN the position and the item number one space apart, each under its own column
    text = """
 Pos Art-Nr          Beschreibung       Nettopreis              Menge            Betrag
  1 TB100A4          Trennblätter A4         9,90             20 Stk            198,00
"""
    lines = _recover(text)
    # THEN the item number is the SKU without the position
    assert [(line.sku, line.description) for line in lines] == [("TB100A4", "Trennblätter A4")]


def test_a_wrapped_description_keeps_its_second_line() -> None:
    # GIVEN item names broken over two lines inside their column
    text = """
 Pos   Beschreibung       Nettopreis        Menge         Betrag
  4    minimale              15,5500        2 Stk          31,10
       Selbstbeteiligung
  2    Navigationssystem      5,0400        2 Stk          10,08
       - Garantie
"""
    lines = _recover(text)
    # THEN each description is whole
    assert [line.description for line in lines] == [
        "minimale Selbstbeteiligung",
        "Navigationssystem - Garantie",
    ]


def test_detail_lines_under_a_description_are_not_part_of_it() -> None:
    # GIVEN detail lines under item names: a label and value, a figure, a lower-case note, a long note
    text = """
 Pos   Beschreibung                 Menge        Preis        Betrag
  1    Schweinesteak                5,000         5,50         27,50
       aus Deutschland
       GTIN: 4000050986428
  2    Mineralwasser Medium            20         5,49        109,80
       12 x 1,0l PET
  3    Olive Oil                        1        10,00         10,00
       Our Olive Oil is delivered in a re-usable glass container for all the customers we serve
"""
    lines = _recover(text)
    # THEN the descriptions are the item names alone
    assert [line.description for line in lines] == ["Schweinesteak", "Mineralwasser Medium", "Olive Oil"]
