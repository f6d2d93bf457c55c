"""GIVEN tables as real layouts print them WHEN lines are recovered THEN each rule reads the row."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceLineExtraction
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines


def _recover(*pages: str) -> list[InvoiceLineExtraction]:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=i + 1, text=p) for i, p in enumerate(pages)]
    )
    return recover_lines(document_lines(parsed), ",")[0]


def test_a_header_broken_over_lines_is_read_by_column() -> None:
    # GIVEN "Positions-" over "betrag" and a tax and amount label one space apart
    text = """
     Art-Nr-Kunde                                                         Positions-
Pos  Art-Nr-Lief.    Beschreibung       Nettopreis        Menge           USt. betrag
     Art-Nr                                                                      ohne
 1                   Heftstreifen            9,9000     20 Stk      19 %      198,00
"""
    # WHEN the lines are recovered
    lines = _recover(text)
    # THEN the row's amount is the amount column's and the rate the tax column's
    assert [(x.description, x.quantity, x.amount, x.tax_rate) for x in lines] == [
        ("Heftstreifen", Decimal(20), Decimal("198.00"), Decimal(19))
    ]


def test_a_word_stacked_over_its_column_names_it() -> None:
    # GIVEN "Preis/" over "Einheit": the unit price column, not a unit column
    text = """
     Unsere                                               Menge    Meng.-       Preis/
 Pos Art.Nr.           Artikelbeschreibung                         einheit      Einheit            Entgelt USt. %
   1 MF2M              Mulchfolie grün 2m breit            3,00    m²             4,00              12,00        19
"""
    lines = _recover(text)
    assert [(x.quantity, x.unit_price, x.amount, x.tax_rate) for x in lines] == [
        (Decimal("3.00"), Decimal("4.00"), Decimal("12.00"), Decimal(19))
    ]


def test_a_row_without_a_description_takes_it_from_the_line_under_it() -> None:
    # GIVEN a row whose description the layout printed on the next line
    text = """
Pos   Beschreibung                 Menge     Einzelpreis     MwSt     Betrag
1     Ringbuch A4 rot                 20            9,90      19 %     198,00
2                                     50            5,50       7 %     275,00
      Apfelsaft trüb
"""
    lines = _recover(text)
    assert [(x.description, x.amount) for x in lines] == [
        ("Ringbuch A4 rot", Decimal("198.00")),
        ("Apfelsaft trüb", Decimal("275.00")),
    ]


def test_article_codes_on_the_row_send_the_description_to_the_line_under_it() -> None:
    # GIVEN a GTIN and an article number where the description column is, the name under them
    text = """
 GTIN           Art-Nr-Lieferant           Menge     Nettopreis          Nettowert
 Art-Nr-Kunde   Artikelbezeichnung
 4123456000014  ER512                    100,0000         1,0000           100,00
                Essigreiniger 500ml
"""
    lines = _recover(text)
    assert [(x.description, x.sku, x.amount) for x in lines] == [
        ("Essigreiniger 500ml", "ER512", Decimal("100.00"))
    ]


def test_dates_and_whole_numbers_under_a_table_of_decimals_are_not_rows() -> None:
    # GIVEN continuation text with dates and counts under priced rows
    text = """
Pos   Beschreibung                 Menge     Einzelpreis     MwSt     Betrag
1     Massagetermine                  10           26,00       0 %     260,00
      Termine:      05.09.2018;      11.09.2018;
      km gefahren:                                                        873
"""
    lines = _recover(text)
    assert [x.amount for x in lines] == [Decimal("260.00")]


def test_a_section_heading_at_the_left_edge_ends_the_table() -> None:
    # GIVEN payment terms under the table that mention an amount
    text = """
Pos   Beschreibung                 Menge     Einzelpreis     MwSt     Betrag
1     Ringbuch A4 rot                 20            9,90      19 %     198,00
Zahlungsbedingungen:
Der Betrag von EUR 529,87   wird am 20.03.2018 eingezogen.
"""
    lines = _recover(text)
    assert [x.amount for x in lines] == [Decimal("198.00")]


def test_a_word_broken_by_a_hyphen_is_joined_with_the_next_line() -> None:
    text = """
Pos   Beschreibung                 Menge     Einzelpreis     MwSt     Betrag
5     Gebäude-                         2            7,98      19 %      15,96
      Inventarversicherung
"""
    lines = _recover(text)
    assert [x.description for x in lines] == ["Gebäude-Inventarversicherung"]


def test_a_charge_in_the_totals_block_left_of_the_figures_is_no_row() -> None:
    # GIVEN the totals block's labels set a little left of the quantity column, a freight charge first
    text = """
 #   Details                                        Qty        Unit Price            Amount
 1   Cable tray 300 mm galvanised                     5            354,41          1.772,05
 2   Thermal labels 100 x 150                        50             51,78          2.589,00
                                                Delivery charge                        35,95
                                                Subtotal                            4.397,00
                                                VAT 23%                             1.011,31
"""
    lines = _recover(text)
    # THEN the charge is no item
    assert [x.description for x in lines] == ["Cable tray 300 mm galvanised", "Thermal labels 100 x 150"]


def test_a_last_row_over_a_subtotal_in_the_description_column_stays_a_row() -> None:
    text = """
 #   Details                                        Qty        Unit Price            Amount
 1   Cable tray 300 mm galvanised                     5            354,41          1.772,05
     Consulting                                                                       35,95
     Subtotal                                                                      1.808,00
"""
    lines = _recover(text)
    assert [x.description for x in lines] == ["Cable tray 300 mm galvanised", "Consulting"]


def test_a_timesheet_of_hours_and_hourly_rates_is_read() -> None:
    # GIVEN a German timesheet: the date and the consultant before the work, hours and a rate per hour
    text = """
   Datum        Berater            Bezeichnung              Stunden     Stundensatz       Betrag
   4.9.2025     K. Reinholz        Wartung Netzwerk               4          119,25       477,00
   29.8.2025    A. Kessler         Projektleitung                12          105,50     1.266,00
"""
    lines = _recover(text)
    assert [(x.quantity, x.unit_price, x.amount) for x in lines] == [
        (Decimal(4), Decimal("119.25"), Decimal("477.00")),
        (Decimal(12), Decimal("105.50"), Decimal("1266.00")),
    ]


def test_amounts_marked_with_a_local_currency_word_are_figures() -> None:
    # GIVEN a Norwegian table whose prices carry "kr" after a space
    text = """
   Varebeskrivelse                          Timer           Timepris               Beløp
   Prosjektledelse                            3,5        1 122,00 kr           3 927,00 kr
   Teknisk rådgivning                          16        1 705,00 kr          27 280,00 kr
"""
    lines = _recover(text)
    assert [(x.quantity, x.amount) for x in lines] == [
        (Decimal("3.5"), Decimal("3927.00")),
        (Decimal(16), Decimal("27280.00")),
    ]


def test_a_vat_rate_column_heads_no_table() -> None:
    # GIVEN a Czech VAT summary under the rows: "Sazba DPH" (the VAT rate) is no unit price
    text = """
 Popis                                   Množství        Cena za MJ           Celkem
 Páková baterie chrom                          10          3 215,25        32 152,50
 Celkem bez DPH                                                            32 152,50
 Přenesení daňové povinnosti                    Sazba DPH        Základ daně        DPH
 Všechny částky jsou v CZK.                           0 %          32 152,50       0,00
"""
    lines = _recover(text)
    assert [x.description for x in lines] == ["Páková baterie chrom"]


def test_an_indian_hsn_sac_code_is_no_quantity() -> None:
    # GIVEN a GST invoice's table: the HSN/SAC column between the description and the quantity
    text = """
 Sl No.   Description of Goods              HSN/SAC      Hrs/Qty        Price    per      Ext. Price
    1     Workshop facilitation              998596       6 days    42,060.00 days       2,52,360.00
    2     Data analysis                      998314     23 hours     4,855.00   hours     1,11,665.00
"""
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines = recover_lines(document_lines(parsed), ".")[0]
    assert [(x.quantity, x.amount) for x in lines] == [
        (Decimal(6), Decimal("252360.00")),
        (Decimal(23), Decimal("111665.00")),
    ]
