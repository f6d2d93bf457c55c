"""GIVEN line-item tables whose headers name their columns in words the tables of several languages
use (a column named twice across a slash, a discount column, net, tax and gross amounts side by side)
WHEN the lines are recovered THEN each figure is read from the column it stands under."""

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


@pytest.mark.parametrize(
    ("description", "quantity", "price", "amount"),
    [
        ("Artigo / Serviço", "Qtd.", "Preço", "Valor"),
        ("Detalle", "Cant.", "Precio/ud.", "Importe"),
        ("Towar/usługa", "Ilość", "Cena", "Wartość"),
        ("Termék / szolgáltatás", "Mennyiség", "Egységár", "Nettó ár"),
        ("Prestazione", "Quantità", "Prezzo", "Importo"),
        ("Service", "Hrs/Qty", "Rate", "Amount"),
    ],
)
def test_description_headers_of_the_languages_read_give_the_description(
    description: str, quantity: str, price: str, amount: str
) -> None:
    # GIVEN a code column left of a description column named in the language's words
    text = f"""
 Ref.        {description:<26} {quantity:>10} {price:>12} {amount:>12}
 RU-87002    Café em grão 1 kg                   8        74,59       596,72
 GG-66718    Toalhetes de papel                  2         4,67         9,34
"""
    lines = _recover(text)
    # THEN the descriptions are the items' names and the figures their own
    assert [(line.description, line.quantity, line.amount) for line in lines] == [
        ("Café em grão 1 kg", Decimal(8), Decimal("596.72")),
        ("Toalhetes de papel", Decimal(2), Decimal("9.34")),
    ]
    assert all(line.sku in ("RU-87002", "GG-66718") for line in lines)


@pytest.mark.parametrize("header", ["Item Description", "Descrizione beni/servizi", "Product Description"])
def test_a_header_cell_whose_words_name_one_kind_is_one_description_column(header: str) -> None:
    # GIVEN a description column named by two words of the description kind in one cell
    text = f"""
 Code        {header:<30} Qty        Price       Amount
 KJ-05892    Guanti da lavoro taglia 9          8        87,95       703,60
 LH-75311    Pannello LED 600 x 600 mm         12        63,90       766,80
"""
    lines = _recover(text)
    # THEN the whole name is the description, not an item number beside it
    assert [(line.sku, line.description) for line in lines] == [
        ("KJ-05892", "Guanti da lavoro taglia 9"),
        ("LH-75311", "Pannello LED 600 x 600 mm"),
    ]


@pytest.mark.parametrize(
    ("discount", "rate"),
    [
        ("Desc. %", "5%"),
        ("% Dto.", "10 %"),
        ("Rabatt", "3 %"),
        ("Remise", "5 %"),
        ("Sconto", "2%"),
        ("Sleva", "5 %"),
    ],
)
def test_a_discount_column_is_neither_the_tax_rate_nor_the_description(discount: str, rate: str) -> None:
    # GIVEN a discount column right of the price and the tax rate, its rate printed on a row
    text = f"""
 Ref.        Description                  Qty        Price     VAT %    {discount:>8}       Amount
 RU-87002    Café em grão 1 kg              8        74,59       23%    {rate:>8}       566,88
 GG-66718    Toalhetes de papel             2         4,67       23%                     9,34
"""
    lines = _recover(text)
    # THEN the descriptions are the items', the tax rate the tax column's, the amounts the rows'
    assert [(line.description, line.tax_rate, line.amount) for line in lines] == [
        ("Café em grão 1 kg", Decimal(23), Decimal("566.88")),
        ("Toalhetes de papel", Decimal(23), Decimal("9.34")),
    ]
    assert (lines[1].quantity, lines[1].unit_price) == (Decimal(2), Decimal("4.67"))


def test_a_discount_rate_without_a_tax_column_is_no_tax_rate() -> None:
    text = """
 Description                     Qty        Price     Rabatt        Betrag
 Bremsscheibe vorne                2        50,00       10 %         90,00
"""
    (line,) = _recover(text)
    assert (line.description, line.tax_rate, line.amount) == ("Bremsscheibe vorne", None, Decimal("90.00"))


def test_text_wholly_left_of_the_table_is_no_part_of_a_row() -> None:
    # GIVEN a sidebar of bank details printed left of the table, on the rows' lines
    text = """
 ISSUED BY                  ITEM DESCRIPTION                          UNITS       RATE    EXT. PRICE
 Unit 45, Queen St          Monthly retainer                           6 mo   2,029.50     12,177.00
 ABN
 BANK DETAILS               Data analysis and reporting             8.25 hrs    175.21      1,445.48
 ANZ
"""
    lines = _recover(text)
    # THEN the rows' descriptions hold no word of the sidebar
    assert [(line.description, line.amount) for line in lines] == [
        ("Monthly retainer", Decimal("12177.00")),
        ("Data analysis and reporting", Decimal("1445.48")),
    ]


def test_the_extended_column_right_of_a_discount_holds_the_amount() -> None:
    # GIVEN "Disc." over "%" and the row's amount under "Extended"
    text = """
 Line    Item #      Details                               Quantity    UoM     Price    Disc.    Extended
                                                                                           %
 30      ZC-8649     Bright flat steel S235                   7.500    lb       1.76       5%       12.54
 40      27398-66    On-site installation labour              0.500    hrs     66.63                33.32
"""
    lines = _recover(text)
    assert [(line.description, line.amount, line.tax_rate) for line in lines] == [
        ("Bright flat steel S235", Decimal("12.54"), None),
        ("On-site installation labour", Decimal("33.32"), None),
    ]


def test_rows_starting_left_of_a_centred_description_header_keep_their_description() -> None:
    # GIVEN a description header centred over its column, the rows' names starting left of it
    text = """
                              Description                          Quantité          Prix HT
 Biscuits au beurre 250g                                            5 Unit(s)   4,55 €    -20,48 €
 Vinaigre balsamique ancien                                        10 Liter(s) 19,80 €   -198,00 €
"""
    lines = _recover(text)
    assert [line.description for line in lines] == ["Biscuits au beurre 250g", "Vinaigre balsamique ancien"]


@pytest.mark.parametrize(
    "header",
    [
        " Opis                      Ilość     Cena netto    Wartość netto   St. VAT   Wartość VAT   Wartość brutto",
        " Leírás                    Menny.      Egységár      Nettó érték   Adókulcs  ÁFA összesen   Bruttó összesen",
        " Description               Qty       Unit price       Net amount     VAT %     VAT amount      Gross amount",
    ],
)
def test_the_line_amount_is_the_net_column_that_is_quantity_times_price(header: str) -> None:
    # GIVEN a table printing net amount, tax rate, tax and gross amount for each row
    text = f"""
{header}
 Farba w sprayu 400 ml        15          90,00        1.350,00      23 %        310,50         1.660,50
 Pędzel płaski 50 mm           4          12,50           50,00      23 %         11,50            61,50
"""
    lines = _recover(text)
    # THEN the amount is the net one, quantity x unit price, not the gross at the row's end
    assert [(line.quantity, line.unit_price, line.amount, line.tax_rate) for line in lines] == [
        (Decimal(15), Decimal("90.00"), Decimal("1350.00"), Decimal(23)),
        (Decimal(4), Decimal("12.50"), Decimal("50.00"), Decimal(23)),
    ]


def test_names_starting_left_of_a_centred_header_beside_position_numbers_stay_whole() -> None:
    # GIVEN a position column and a description header centred over a wide column, the names
    # starting left of it (one name's second word aligned with the header), a tax mark "np"
    text = """
 L.p.                   Opis                    jedn.   Ilość j.m.  Cena netto    Wartość     St. VAT     Wartość brutto
  1    Farba w sprayu czarny mat 400 ml          szt.          15         90,00    1.350,00         np           1.350,00
  2   Korekta tekstu                             godz.         10         97,90      979,00         np             979,00
"""
    lines = _recover(text)
    # THEN each description is the whole name, never the mark under the rate
    assert [(line.description, line.amount) for line in lines] == [
        ("Farba w sprayu czarny mat 400 ml", Decimal("1350.00")),
        ("Korekta tekstu", Decimal("979.00")),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sous-total Main-d'œuvre", "Sous-total Fournitures"),
        ("Totale netto Mano d'opera", "Totale netto Materiale"),
        ("Subtotal Labour", "Subtotal Materials"),
    ],
)
def test_a_groups_subtotal_does_not_end_the_table(first: str, second: str) -> None:
    # GIVEN rows in two groups, each under its heading and closed by its subtotal, then the totals
    text = f"""
 #   Description                                   Qty             Price            Total
 Labour
 1   Fitting of sockets                              9             57,50           517,50
 2   Travel                                          1            108,89           108,89
     {first:<40}                                            626,39
 Materials
 3   Copper pipe 15 mm                              42             13,08           549,36
     {second:<40}                                            549,36
                                            Subtotal                             1.175,75
                                            VAT 21 %                               246,91
                                            Total                                1.422,66
"""
    lines = _recover(text)
    # THEN the rows of both groups are lines, and no subtotal or tax line is
    assert [(line.description, line.amount) for line in lines] == [
        ("Fitting of sockets", Decimal("517.50")),
        ("Travel", Decimal("108.89")),
        ("Copper pipe 15 mm", Decimal("549.36")),
    ]


def test_tax_lines_under_the_rows_are_no_lines() -> None:
    # GIVEN the tax per rate printed under the rows, above the total, in the description column
    text = """
 Sl No.     Description of Goods                         Units          Rate           Amount
   1        Travel expenses (at cost)                    1 lot      6,799.00         6,799.00
   2        UX consulting                                2 hrs      5,129.00        10,258.00
                               Output IGST @ 12%                                       815.88
                               Output IGST @ 18%                                     1,846.44
                               Discount 5 %                                           -100.00
"""
    lines = _recover(text)
    # THEN the rows and the discount are lines, the taxes are not
    assert [(line.description, line.amount) for line in lines] == [
        ("Travel expenses (at cost)", Decimal("6799.00")),
        ("UX consulting", Decimal("10258.00")),
        ("Discount 5 %", Decimal("-100.00")),
    ]


def test_a_price_per_unit_header_and_a_net_value_qualified_by_the_tax_read_by_column() -> None:
    # GIVEN "Preț/UM" (price per unit), "Valoare (fără TVA)" (value without VAT), tax and gross after it
    text = """
Nr.  Denumirea produselor                    Buc. U.M.      Preț/UM      Valoare (fără TVA)     TVA %     TVA total     Total de plată
1    Mănuși de protecție mărimea 9             8 buc.          9,57                   76,56      19%         14,55             91,11
2    Silicon sanitar                          50 buc.         66,31                3.315,50      19%        629,95           3.945,45
"""
    lines = _recover(text)
    # THEN quantity x unit price is the line's amount, without the tax
    assert [(line.quantity, line.unit_price, line.amount) for line in lines] == [
        (Decimal(8), Decimal("9.57"), Decimal("76.56")),
        (Decimal(50), Decimal("66.31"), Decimal("3315.50")),
    ]


def test_dotted_thousands_of_whole_amounts_are_read_as_thousands_when_quantity_times_price_says_so() -> None:
    # GIVEN whole forint amounts with dots between thousands ("8.400" is 100 x 84), in a document
    # whose other figures made the dot its decimal mark
    text = """
 Cikkszám        Leírás                               Menny.    Egység     Egységár       Nettó érték
 749.303.39      Munkavédelmi kesztyű                    100    db               84             8.400
 069.641.55      Láthatósági mellény                      12    doboz            79               948
"""
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines, _ = recover_lines(document_lines(parsed), ".")
    assert [(line.quantity, line.unit_price, line.amount) for line in lines] == [
        (Decimal(100), Decimal(84), Decimal(8400)),
        (Decimal(12), Decimal(79), Decimal(948)),
    ]


def test_the_sum_carried_to_the_next_page_under_a_discount_column_is_no_line() -> None:
    text = """
 Regel     Artikel                                Aantal    Eh.        Stukprijs    Korting      Bedrag
 10        Installatiekabel DIN 933 8.8              1,5   m             1,3138                    1,97
 100       Nitril wegwerphandschoenen                250   st              1,69         5 %      401,37
 Over te brengen                                                                                 403,34
"""
    lines = _recover(text)
    assert [line.description for line in lines] == [
        "Installatiekabel DIN 933 8.8",
        "Nitril wegwerphandschoenen",
    ]
