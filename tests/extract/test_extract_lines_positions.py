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
 1      KK-A6      Karteikarten A6             4,2500     20 Stk            19 %
        4098765432109                                                                     85,00
        (GTIN)
 2      OB-50        Ordner breit              2,1000     50 Stk             7 %
        4098765000017                                                                     105,00
        (GTIN)
"""
    # WHEN the lines are recovered
    lines = _recover(text)
    # THEN each row has its own amount, quantity and price, and the code lines are no rows
    assert [(line.description, line.quantity, line.unit_price, line.amount) for line in lines] == [
        ("Karteikarten A6", Decimal(20), Decimal("4.2500"), Decimal("85.00")),
        ("Ordner breit", Decimal(50), Decimal("2.1000"), Decimal("105.00")),
    ]


def test_an_amount_beside_a_row_that_does_not_fit_its_arithmetic_is_not_taken() -> None:
    # GIVEN a row without an amount and, under it, a line whose amount does not equal quantity x price
    text = """
 Beschreibung              Nettopreis      Menge        Nettobetrag
 Karteikarten A6               4,2500     20 Stk
 Versandkosten                                           5,00
"""
    lines = _recover(text)
    # THEN the shipping line keeps its own amount and the row above does not take it
    assert ("Versandkosten", Decimal("5.00")) in [(line.description, line.amount) for line in lines]
    assert all(line.amount != Decimal("5.00") for line in lines if line.description == "Karteikarten A6")


def test_figures_set_one_space_apart_under_two_columns_are_two_cells() -> None:
    # GIVEN quantity and tax rate set one space apart ("20 Stk 19 % VAT (AA)")
    text = """
 Pos   Beschreibung        Nettopreis          Menge          Steuer        Entgelt
  1    Karteikarten              4,25         20 Stk 19 % VAT (AA)             85,00
"""
    lines = _recover(text)
    # THEN the quantity, its unit and the rate are each read
    assert [(line.quantity, line.unit, line.tax_rate, line.amount) for line in lines] == [
        (Decimal(20), "Stk", Decimal(19), Decimal("85.00"))
    ]


def test_a_header_printed_over_four_lines_names_its_column_by_its_opening_label() -> None:
    # GIVEN an amount column headed "Zeilen- / betrag / netto / USt." over four lines
    text = """
     Ihre Art.-Nr.                                                                     Zeilen-
     Unsere Nr.                                                                         betrag
 Pos Art-Nr          Beschreibung       Nettopreis              Menge         USt.          netto
     (Art)                                                                                   USt.
  1                   Leihgerät           40,0000              2 Stk          19 %         80,00
  2                   Reinigung          12,5000              2 Stk          19 %          25,00
"""
    lines = _recover(text)
    # THEN the rightmost column is the rows' amount, not a tax rate
    assert [(line.description, line.amount, line.tax_rate) for line in lines] == [
        ("Leihgerät", Decimal("80.00"), Decimal(19)),
        ("Reinigung", Decimal("25.00"), Decimal(19)),
    ]


def test_header_words_above_and_below_an_empty_slot_name_the_column_together() -> None:
    # GIVEN "Amount" above and "Tax" below the header line, over the amounts
    text = """
                                                                            Amount
 Description                       Quantity        Unit Price      Disc.
                                                                             excl. tax
 Shortbread biscuits 250g        20 Units          3.20 €                 64.00 €
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
  1 KK-A6          Karteikarten A6         4,25             20 Stk            85,00
"""
    lines = _recover(text)
    # THEN the item number is the SKU without the position
    assert [(line.sku, line.description) for line in lines] == [("KK-A6", "Karteikarten A6")]


def test_a_wrapped_description_keeps_its_second_line() -> None:
    # GIVEN item names broken over two lines inside their column
    text = """
 Pos   Beschreibung       Nettopreis        Menge         Betrag
  4    Wartungsvertrag       15,5500        2 Stk          31,10
       Klimaanlage
  2    Winterreifen           5,0400        2 Stk          10,08
       - Montage
"""
    lines = _recover(text)
    # THEN each description is whole
    assert [line.description for line in lines] == [
        "Wartungsvertrag Klimaanlage",
        "Winterreifen - Montage",
    ]


def test_a_name_wrapped_in_lower_case_or_with_a_figure_keeps_its_lines_but_not_the_details() -> None:
    # GIVEN item names going on under their row in lower case and with a figure, and detail lines:
    # a label and value, a long note running across the columns
    text = """
 Pos   Beschreibung                 Menge        Preis        Betrag
  1    Rinderhack                5,000         5,50         27,50
       aus Italien
       GTIN: 4098765000017
  2    Apfelschorle            20         5,49        109,80
       6 x 0,7l Glas
  3    Lamp oil                        1        10,00         10,00
       Our lamp oil comes in a returnable can: bring it back to any of our shops for a refund
"""
    lines = _recover(text)
    # THEN each name is whole (its sizes and origin are part of what was sold); the details are not
    assert [line.description for line in lines] == [
        "Rinderhack aus Italien",
        "Apfelschorle 6 x 0,7l Glas",
        "Lamp oil",
    ]


def test_a_description_running_on_under_the_next_column_stays_whole() -> None:
    # GIVEN a narrow code column right of the description, the description running on under it
    text = """
 Pos.     Descrizione Codice                                       Q.tà    Prezzo      Importo
 1        Cartuccia toner nero 100 x 50 mm                             1    110,88       110,88
"""
    (line,) = _recover(text)
    assert (line.description, line.sku) == ("Cartuccia toner nero 100 x 50 mm", None)


def test_an_amount_with_a_space_between_its_thousands_is_one_amount() -> None:
    text = """
 Opis                              Ilość        Cena          Wartość
 Licencja serwisowa                    8      183,01         1 464,08
"""
    (line,) = _recover(text)
    assert (line.quantity, line.unit_price, line.amount) == (
        Decimal(8),
        Decimal("183.01"),
        Decimal("1464.08"),
    )


def test_a_detail_line_naming_a_code_is_not_part_of_the_description() -> None:
    text = """
 Désignation                        Qté        Prix         Montant
 Palette Europe, échange              1       33,27           33,27
 Lot 7A22910
"""
    (line,) = _recover(text)
    assert line.description == "Palette Europe, échange"


def test_a_row_number_column_beside_a_named_item_number_column_is_no_sku() -> None:
    # GIVEN a header over two lines: "Item" numbers the rows, "Product / Code" holds the article numbers
    text = """
 Item      Product       Your Part     Details                                  Qty     UoM       Price      VAT        Net
           Code          No.                                                                                          Amount
 001       DKB280                      Software licence & support (monthly)       1    month   360.72      20 %     360.72
 002       MB-4524       M-255591      Nitrile disposable gloves                 12     pcs      5.00      20 %      60.00
"""
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), ".")
    # THEN the SKU is the product code, never the row number
    assert [(line.sku, line.buyer_sku, line.quantity) for line in lines] == [
        ("DKB280", None, Decimal(1)),
        ("MB-4524", "M-255591", Decimal(12)),
    ]


def test_an_article_number_of_dotted_digit_groups_is_a_code_not_an_amount() -> None:
    # GIVEN article numbers such as "33.668.09" in the article-number column
    text = """
 Pos   Art.-Nr.      Description                          Qty      Price        Amount
 1     33.668.09     On-site installation labour         12.5      83.52      1,044.00
 2     54.989.56     Copier paper A4, ream of 500          12       5.08         60.96
"""
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), ".")
    # THEN each is the row's SKU, and the row's figures are its own
    assert [(line.sku, line.quantity, line.unit_price, line.amount) for line in lines] == [
        ("33.668.09", Decimal("12.5"), Decimal("83.52"), Decimal("1044.00")),
        ("54.989.56", Decimal(12), Decimal("5.08"), Decimal("60.96")),
    ]
