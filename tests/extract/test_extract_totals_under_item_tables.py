"""GIVEN invoices whose item-table header names amount columns (Net, VAT, Total) WHEN the totals are
read THEN an item row is never the document's total, the table's sum row is read by the header's
columns, and a VAT summary's net row printing the net and its tax reads the net."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


VAT_SUMMARY = (
    "Faktura č.: 2026114\n"
    "Pol.   Označení dodávky              Počet   Cena      Celkem bez DPH    Sazba DPH   Daň celkem      CELKEM\n"
    "1      Měděná trubka                   100   60,57           6 057,00         21 %     1 271,97    7 328,97\n"
    "       15 mm x 5 m\n"
    "2      LED panel 600 x 600 mm          100   66,07           6 607,00         21 %     1 387,47    7 994,47\n"
    "                                                            Sazba DPH     Základ daně        DPH\n"
    "  Děkujeme za Vaši objednávku.\n"
    "                                                                21 %       12 664,00   2 659,44\n"
    "                                                       Celkem bez DPH      12 664,00   2 659,44\n"
    "                                                          CELKEM: CZK 15 323,44\n"
)


def test_an_item_row_under_the_tables_amount_columns_is_no_total() -> None:
    # GIVEN a table whose header names "Celkem bez DPH", "Daň celkem" and "CELKEM" over its rows
    result = _extract(VAT_SUMMARY)
    # THEN the total is the document's, not the first row's
    assert result.total == Decimal("15323.44")


def test_a_net_row_printing_its_tax_after_the_net_reads_the_net() -> None:
    # GIVEN (VAT_SUMMARY) "Celkem bez DPH   12 664,00   2 659,44": the net and its tax
    result = _extract(VAT_SUMMARY)
    # THEN the subtotal is the net and the tax the tax
    assert (result.subtotal, result.tax_total) == (Decimal("12664.00"), Decimal("2659.44"))


def test_the_item_tables_sum_row_is_read_by_its_columns() -> None:
    # GIVEN an item table of two rows and its "Total" row under the header's columns
    text = (
        "Invoice No: KX-2210\n"
        " Product          Title                       Qty      Price      Tax(%)      Tax       Total\n"
        " Cables           USB-C cable 2 m               2     100.00      18.00%     36.00     236.00\n"
        " Chargers         Wall charger 30 W             1     300.00      18.00%     54.00     354.00\n"
        "                                 Total          3     500.00                 90.00     590.00\n"
        "                                                           Grand Total                 590.00\n"
    )
    result = _extract(text)
    # THEN the tax is the Tax column's sum and the total the Total column's
    assert (result.tax_total, result.total) == (Decimal("90.00"), Decimal("590.00"))


def test_the_tax_base_after_freight_and_discount_is_the_subtotal() -> None:
    # GIVEN a net amount, then freight, then the tax base the tax is computed on
    text = (
        "Invoice no: IE-5521\n"
        "                                        Net Amount                        1,000.00\n"
        "                                        Freight                              20.00\n"
        "                                        Base                              1,020.00\n"
        "IBAN: IE29AIBK93115212345678            Tax 23%                             234.60\n"
        "                                        Invoice Total                 1,254.60 EUR\n"
    )
    result = _extract(text)
    # THEN the subtotal is the base and the tax the labelled tax (they add up to the total)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("1020.00"),
        Decimal("234.60"),
        Decimal("1254.60"),
    )


def test_a_net_line_after_a_discount_and_a_french_tax_base() -> None:
    english = (
        "Invoice INV-77\n"
        "                                   Total excl. tax                    2,000.00\n"
        "                                   Disc. 5%                            -100.00\n"
        "                                   Net                                1,900.00\n"
        "                                   Sales Tax 8%                         152.00\n"
        "                                   Total                             $2,052.00\n"
    )
    assert (_extract(english).subtotal, _extract(english).tax_total) == (
        Decimal("1900.00"),
        Decimal("152.00"),
    )
    french = (
        "Facture FAC-77\n"
        "                                   Sous-total                         2 000,00\n"
        "                                   Remise 5%                           -100,00\n"
        "                                   Base imposable                     1 900,00\n"
        "                                   TPS 5%                                95,00\n"
        "                                   Montant total                    1 995,00 $\n"
    )
    assert (_extract(french).subtotal, _extract(french).tax_total) == (Decimal("1900.00"), Decimal("95.00"))


def test_a_tax_summarys_rows_of_amounts_and_rates_are_no_items() -> None:
    # GIVEN an item table and, under the total, a tax summary table whose rows print a code, the
    # taxable value, a rate and the tax, and no description
    text = (
        "Invoice No: KP/26-27/0042\n"
        " Sl No.   Description of Goods                      Qty          Price              Amount\n"
        "    1     Data analysis and reporting                 10        500.00            5,000.00\n"
        "    2     Workshop facilitation                        2      1,000.00            2,000.00\n"
        "                      Output IGST @ 18%                                            1,260.00\n"
        "                      Total Invoice Value                                        ₹ 8,260.00\n"
        "          HSN/SAC           Taxable Value             Rate          Tax Amount\n"
        "          998596                 5,000.00              18%            900.00\n"
        "          998597                 2,000.00              18%            360.00\n"
    )
    result = _extract(text)
    # THEN the items are the two rows of the item table
    assert [line.amount for line in result.lines] == [Decimal("5000.00"), Decimal("2000.00")]


GST_INVOICE = (
    "Invoice No: KP/26-27/0077\n"
    " Sl No.   Description of Goods                      Qty          Price              Amount\n"
    "    1     Data analysis and reporting                 10        500.00            5,000.00\n"
    "    2     Workshop facilitation                        2      1,000.00            2,000.00\n"
    "                      Output IGST @ 12%                                              240.00\n"
    "                      Output IGST @ 18%                                              900.00\n"
    "                      Grand Total                                                ₹ 8,140.00\n"
    "          HSN/SAC           Taxable Value             Rate          Tax Amount\n"
    "          998596                 5,000.00              18%            900.00\n"
    "          998597                 2,000.00              12%            240.00\n"
    "          Grand Total            7,000.00                           1,140.00\n"
)


def test_with_no_net_printed_the_rows_sum_balances_the_taxes_and_the_total() -> None:
    # GIVEN a GST invoice: no net line, one tax line per rate, the grand total
    result = _extract(GST_INVOICE)
    # THEN the net is the rows' sum (said to be unprinted), the tax the rates' sum, the total the total
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("7000.00"),
        Decimal("1140.00"),
        Decimal("8140.00"),
    )


def test_the_rows_sum_standing_in_for_the_net_says_it_was_not_printed() -> None:
    # GIVEN the GST invoice without its summary table: no net printed anywhere
    result = _extract(GST_INVOICE.split("          HSN/SAC")[0])
    # THEN the net is the rows' sum, and its evidence says it was not printed
    assert result.subtotal == Decimal("7000.00")
    assert result.fields["subtotal"].reason is not None and "not printed" in result.fields["subtotal"].reason


def test_a_summary_tables_grand_total_row_below_is_not_the_final_total() -> None:
    # GIVEN (GST_INVOICE) a tax summary's "Grand Total" row below the invoice's, ending in its tax column
    # THEN the invoice's total stands (a final total below a balanced one is larger, never smaller)
    assert _extract(GST_INVOICE).total == Decimal("8140.00")
