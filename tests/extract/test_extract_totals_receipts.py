"""GIVEN a till receipt's totals block WHEN the chooser runs THEN rounding, cash and the final label decide."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.numbers import find_amounts
from opsloop.extract.rules.totals import Totals, choose_totals, collect_candidates, printed_amounts


def _receipt(*rows: str) -> Totals:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="\n".join(rows))])
    lines = document_lines(parsed)
    return choose_totals(collect_candidates(lines, "."), printed=printed_amounts(lines, "."))


def _total(totals: Totals) -> Decimal | None:
    return totals.total.value if totals.total else None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-RM 0.02", Decimal("-0.02")),
        ("-RM0.02", Decimal("-0.02")),
        ("ROUNDING RM .01", Decimal("0.01")),
        ("-.01", Decimal("-0.01")),
        ("Total - € 5,00", Decimal("5.00")),  # a dash between label and currency is not a sign
    ],
)
def test_receipt_amounts_keep_their_sign_and_their_missing_leading_zero(text: str, value: Decimal) -> None:
    assert [a.value for a in find_amounts(text, decimal_hint=".")] == [value]


def test_the_rounded_total_printed_below_the_adjustment_is_the_total() -> None:
    # GIVEN a total, a rounding adjustment whose sign comes before the currency, the rounded total
    totals = _receipt("TOTAL", "RM 33.92", "ROUNDING ADJUSTMENT", "-RM 0.02", "TOTAL ROUNDED", "RM 33.90")
    # THEN the rounded figure, and the adjustment is not applied to it a second time
    assert _total(totals) == Decimal("33.90")


def test_an_adjustment_above_the_total_leaves_it_as_printed() -> None:
    totals = _receipt("ROUNDING ADJ : -0.04", "TOTAL INCL GST : 247.35")
    assert _total(totals) == Decimal("247.35")


def test_a_rounding_label_holding_the_rounded_total_moves_the_total() -> None:
    # GIVEN "ROUNDING RM" followed by the rounded total, not by the adjustment
    totals = _receipt(
        "TOTAL SALES (INCLUSIVE GST) RM", "45.34", "ROUNDING ADJUSTMENT RM", ".01", "ROUNDING RM", "45.35"
    )
    assert _total(totals) == Decimal("45.35")


def test_a_rounding_label_with_an_unrelated_large_amount_is_ignored() -> None:
    totals = _receipt("TOTAL : 45.34", "ROUNDING : 3.00")
    assert _total(totals) == Decimal("45.34")


def test_net_tax_and_the_printed_adjustment_balance_the_total() -> None:
    # GIVEN no tax, a one-cent adjustment, and a summary "TOTAL" (the net again) further down
    totals = _receipt(
        "TOTAL SALES (EXCLUDING GST) : 382.14",
        "TOTAL GST : 0.00",
        "ROUNDING : 0.01",
        "TOTAL SALES (INCLUSIVE OF GST) : 382.15",
        "GST SUMMARY",
        "TOTAL : 382.14",
    )
    assert _total(totals) == Decimal("382.15")
    assert totals.balanced


def test_without_tax_net_and_gross_must_be_equal_to_balance() -> None:
    # GIVEN a net, a zero tax and a gross a cent apart with no adjustment printed
    totals = _receipt("SUBTOTAL : 80.90", "GST : 0.00", "TOTAL : 80.91")
    # THEN the triple does not balance (a cent of tolerance is for rounding tax, and there is none)
    assert not totals.balanced


def test_a_final_payable_total_below_a_balanced_part_wins() -> None:
    # GIVEN one tax rate's supplies that balance on their own, then the total payable
    totals = _receipt(
        "TOTAL 0% SUPPLIES: 12.38",
        "TOTAL 6% SUPPLIES (EXCL. GST): 31.50",
        "GST: 1.89",
        "TOTAL 6% SUPPLIES (INC. GST): 33.39",
        "TOTAL PAYABLE: 45.77",
    )
    assert _total(totals) == Decimal("45.77")
    assert (totals.tax and totals.tax.value) == Decimal("1.89")


def test_cash_less_change_settles_a_total_a_rounding_step_away() -> None:
    # GIVEN a balanced total, a labelled rounded total, and cash less change equal to the rounded one
    totals = _receipt(
        "SUBTOTAL : 28.12",
        "GST : 0.00",
        "TOTAL : 28.12",
        "NETT TOTAL : 28.10",
        "CASH : 50.00",
        "CHANGE : 21.90",
    )
    assert _total(totals) == Decimal("28.10")


def test_registration_numbers_after_a_tax_label_are_not_amounts() -> None:
    totals = _receipt("GST REG : 001734164480", "SUBTOTAL : 10.00", "TOTAL : 10.00")
    assert totals.tax is None or totals.tax.value < 1000


def test_a_label_run_with_a_count_in_it_still_pairs_with_its_amounts() -> None:
    # GIVEN labels (one carrying an item count), then their amounts in the same order
    totals = _receipt(
        "SUB-TOTAL",
        "ROUNDING ADJ",
        "TOTAL AFTER ADJ INCL GST",
        "CASH",
        "NO OF ITEMS 9",
        "88.97",
        "-0.02",
        "88.95",
        "100.00",
    )
    assert _total(totals) == Decimal("88.95")


def _invoice(*rows: str) -> Totals:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="\n".join(rows))])
    return choose_totals(collect_candidates(document_lines(parsed), ","))


def test_labels_in_separate_columns_of_a_header_do_not_merge_into_one() -> None:
    # GIVEN a tax summary table: a header of labels over one row of figures
    totals = _invoice(
        "      BTW-tarief  Grondslag        BTW bedrag          Totaal",
        "       21 %         63,20             13,27           76,47",
    )
    # THEN each label reads the figure in its column, and they balance
    assert totals.balanced
    assert (_total(totals), totals.tax and totals.tax.value) == (Decimal("76.47"), Decimal("13.27"))


def test_a_header_table_with_per_rate_rows_reads_its_sum_row() -> None:
    totals = _invoice(
        "   Warenwert  Zu-/Abschlag    Nettobetrag    MwSt-Betrag  MwSt-%     Endbetrag",
        "      326,50      -8,10          321,40          61,07   19,0          382,47",
        "      130,70      -3,11          127,59           8,93    7,0          136,52",
        "      457,20     -11,21          448,99          70,00    EUR          518,99",
    )
    assert _total(totals) == Decimal("518.99")
    assert (totals.tax and totals.tax.value) == Decimal("70.00")


def test_a_header_table_reads_its_row_under_a_line_naming_the_currency() -> None:
    # GIVEN a totals header whose figures' currency stands on a line of its own over the figures
    totals = _invoice(
        "     Summa exkl. moms          Summa moms        Summa inkl. moms",
        "                                                             SEK",
        "            61 729,68           15 360,54               77 090,22",
    )
    # THEN each label still reads the figure in its column
    assert (totals.subtotal and totals.subtotal.value, totals.tax and totals.tax.value) == (
        Decimal("61729.68"),
        Decimal("15360.54"),
    )
    assert _total(totals) == Decimal("77090.22")


def test_a_header_tables_one_row_is_read_label_by_label_when_its_figures_stand_off_their_columns() -> None:
    # GIVEN left-aligned labels over right-aligned figures that carry their currency code after them
    totals = _invoice(
        "                                     Untaxed Amount                                   GST 10 %                                        Total",
        "                                 42.439,31 AUD                                4.243,93 AUD                            46.683,24 AUD",
    )
    # THEN each label reads the figure of its rank in the row
    assert (totals.subtotal and totals.subtotal.value, totals.tax and totals.tax.value) == (
        Decimal("42439.31"),
        Decimal("4243.93"),
    )
    assert _total(totals) == Decimal("46683.24")


def test_a_header_table_whose_last_row_is_no_sum_is_not_read_as_totals() -> None:
    totals = _invoice(
        "   Nettobetrag    MwSt-Betrag     Endbetrag",
        "      321,40          61,07          382,47",
        "      127,59           8,93          136,52",
    )
    assert _total(totals) is None


def test_a_discount_on_a_line_with_a_tax_rate_is_not_summed_into_the_tax() -> None:
    # GIVEN an allowance and a charge printed with their tax category, then the real figures
    totals = _invoice(
        "Abschlag  Treuerabatt     520,00      19 % UST (S)     -26,00",
        "Frachtbetrag                          19 % UST (S)      18,00",
        "Rechnungssumme ohne USt.                               512,00",
        "Steuerbetrag                                            97,28",
        "Bruttosumme                                            609,28",
    )
    assert (totals.subtotal and totals.subtotal.value, totals.tax and totals.tax.value) == (
        Decimal("512.00"),
        Decimal("97.28"),
    )


def test_a_total_word_after_a_tax_label_qualifies_the_tax() -> None:
    # GIVEN per-rate tax rows without a sum row, then "USt. Gesamt" (the tax total) and the gross
    totals = _invoice(
        "Nettobetrag: 480,00 €",
        "USt.-Satz        Nettopreis           USt.-Betrag",
        "7%               180,00 €             12,60 €",
        "19%              300,00 €             57,00 €",
        "               USt. Gesamt:           69,60 €",
        "Gesamtbetrag: 549,60 €",
    )
    assert totals.balanced
    assert (totals.tax and totals.tax.value, _total(totals)) == (Decimal("69.60"), Decimal("549.60"))


def test_the_residual_after_an_advance_payment_is_the_amount_due() -> None:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[
            PageText(
                number=1,
                text="\n".join(
                    [
                        "                         Net total        2,076.76 €",
                        "                         Tax Total            0.00 €",
                        "                             Total        2,076.76 €",
                        "SEPA Wire transfer   11/17/2017   623.00 €   Residual   1,453.76 €",
                    ]
                ),
            )
        ],
    )
    totals = choose_totals(collect_candidates(document_lines(parsed), "."))
    assert _total(totals) == Decimal("2076.76")
    assert (totals.amount_due and totals.amount_due.value) == Decimal("1453.76")


def test_a_column_without_the_tax_is_not_the_tax() -> None:
    totals = _invoice(
        "    Menge      Beschreibung                 VK-Preis        Zeilenbetrag",
        "                                             Ohne         Ohne MwSt.",
        "        1      Postfach-Lizenz                4,15                4,15",
        "                                          Total EUR                41,20",
    )
    assert totals.tax is None
    assert _total(totals) == Decimal("41.20")


def test_amounts_printed_before_their_stacked_labels_pair_with_them() -> None:
    # GIVEN a receipt whose text lost its columns and put the amounts first, then their labels
    totals = _receipt(
        "PLIERS 6IN",
        "2.33",
        "6.99",
        "9.32",
        "-0.02",
        "9.30",
        "10.00",
        "0.70",
        "TOTAL :",
        "ROUNDING ADJ :",
        "BALANCE DUE :",
        "PAYMENT (CASH) :",
        "CHANGE (CASH) :",
        "THANK YOU",
    )
    # THEN cash less change is the amount due, which the rounded total is
    assert _total(totals) == Decimal("9.30")


def test_a_vat_summary_gives_the_net_and_the_tax_when_the_subtotal_includes_the_tax() -> None:
    # GIVEN a till receipt whose subtotal is the tax-inclusive sum, and a VAT summary whose net and gross
    # columns are headed by words the labels do not know ("Net", "Gross"), one row per rate and their sum
    totals = _receipt(
        "Subtotal                                              42.10",
        "TOTAL GBP                                             42.10",
        "Cash                                                  50.00",
        "Change                                                 7.90",
        "",
        "VAT     %                  Net          VAT         Gross",
        "A       20 %             25.00         5.00         30.00",
        "B       5 %              11.52         0.58         12.10",
        "                         36.52         5.58         42.10",
    )
    # THEN the net and the tax come from the summary's sum row, balancing the total
    assert totals.subtotal is not None and totals.tax is not None
    assert (totals.subtotal.value, totals.tax.value, _total(totals)) == (
        Decimal("36.52"),
        Decimal("5.58"),
        Decimal("42.10"),
    )
    assert totals.balanced


def test_rows_whose_figures_do_not_add_up_are_no_vat_summary() -> None:
    totals = _receipt(
        "Subtotal                                              42.10",
        "TOTAL GBP                                             42.10",
        "VAT     %                  Qty        Price        Amount",
        "A       20 %                 2         5.00         10.00",
    )
    assert totals.subtotal is not None and totals.subtotal.value == Decimal("42.10")


def test_a_danish_total_label_does_not_swallow_the_spaces_after_it() -> None:
    # GIVEN a totals row headed "Subtotal ekskl. moms  |  Moms i alt  |  Total inkl. moms DKK" over its figures
    totals = _receipt(
        "           Subtotal ekskl. moms                 Moms i alt            Total inkl. moms DKK",
        "                      11.987,36                   2.996,84                       14.984,20",
    )
    # THEN "Moms i alt" heads the tax and "Total inkl. moms" the total
    assert _total(totals) == Decimal("14984.20")
    assert totals.tax is not None and totals.tax.value == Decimal("2996.84")


@pytest.mark.parametrize(
    "rows",
    [
        ("TOTAL SAVING 1.10", "TOTAL 41.50"),
        ("TOTAL 41.50", "TOTAL SAVINGS 3.20"),
        ("TOTAL 41.50", "YOU SAVED 3.20"),
        ("TOTAL SAVINGS", "3.20", "TOTAL", "41.50"),
    ],
)
def test_a_receipts_savings_line_is_no_total(rows: tuple[str, ...]) -> None:
    # GIVEN a till receipt that sums the discounts it gave ("total savings", "you saved")
    # THEN that sum is no candidate for the total
    assert _total(_receipt(*rows)) == Decimal("41.50")


def test_savings_words_are_read_in_other_languages_too() -> None:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=1, text="Summe 12,00\nSie sparen 1,20")]
    )
    lines = document_lines(parsed)
    totals = choose_totals(collect_candidates(lines, ","), printed=printed_amounts(lines, ","))
    assert _total(totals) == Decimal("12.00")


def test_a_final_total_that_sums_a_negative_part_and_another_part_is_the_total() -> None:
    # GIVEN a tax invoice / adjustment note: one rate's supplies are returns (negative, and balanced
    # net + tax = gross), the other rate's are positive, and the final label sums both
    totals = _receipt(
        "TOTAL 0% SUPPLIES: 14.60",
        "TOTAL 6% SUPPLIES (EXCL. GST): -9.50",
        "GST: -0.57",
        "TOTAL 6% SUPPLIES (INC. GST): -10.07",
        "TOTAL PAYABLE: 4.53",
    )
    # THEN the final total is the payable sum, not the balanced part
    assert _total(totals) == Decimal("4.53")


def test_a_receipt_without_a_total_label_is_paid_its_subtotal() -> None:
    # GIVEN a receipt whose stacked labels print no total: the subtotal, the cash given, the change
    totals = _receipt("8 NO", "SUBTOTAL", "CASH", "CHANGE", "RM53.60", "RM100.00", "RM46.40")
    # THEN the labels pair where cash less change is the subtotal, and that is the total
    assert _total(totals) == Decimal("53.60")


def test_cash_equal_to_the_subtotal_with_no_change_is_the_total() -> None:
    assert _total(_receipt("SUBTOTAL", "RM20.40", "CASH", "RM20.40")) == Decimal("20.40")
    # cash that pays more than the subtotal, with no change printed, names no total
    assert _total(_receipt("SUBTOTAL", "RM20.40", "CASH", "RM50.00")) is None
