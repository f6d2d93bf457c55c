"""GIVEN several labelled amounts WHEN the chooser runs THEN the arithmetic decides."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.totals import choose_totals, collect_candidates, printed_amounts


def _totals(text: str, line_sum: Decimal | None = None):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return choose_totals(collect_candidates(document_lines(parsed), ","), line_sum)


def test_the_balancing_triple_wins_over_a_louder_wrong_total() -> None:
    # GIVEN a payment line that also says "Total" with a different amount
    text = "\n".join(
        [
            "Exclusief BTW            € 412,50                     Subtotaal       € 499,13",
            "     BTW 21%             €  86,63",
            "     Totaal              € 499,13          Rembours op 12 juni   € 7,85",
        ]
    )
    totals = _totals(text)
    assert totals.balanced
    assert (totals.subtotal and totals.subtotal.value) == Decimal("412.50")
    assert (totals.tax and totals.tax.value) == Decimal("86.63")
    assert (totals.total and totals.total.value) == Decimal("499.13")


def test_german_totals_with_rates_and_bases_on_the_tax_lines() -> None:
    text = "\n".join(
        [
            "Zwischensumme                              251,20",
            "Rechnungssumme Netto (exkl. USt.)          240,00",
            "zzgl. Umsatzsteuer   7%   von   150,00     10,50",
            "Summe Umsatzsteuer                         27,60",
            "Rechnungssumme Brutto (inkl. USt.)        267,60",
            "Bereits bezahlt                            60,00",
            "Offener Betrag                            207,60",
        ]
    )
    totals = _totals(text)
    assert totals.balanced
    assert [
        c.value if c else None for c in (totals.subtotal, totals.tax, totals.total, totals.amount_due)
    ] == [
        Decimal("240.00"),
        Decimal("27.60"),
        Decimal("267.60"),
        Decimal("207.60"),
    ]


def test_credit_notes_balance_with_negative_amounts() -> None:
    text = "Total HT   -218,48 €\nTotal taxes   -14,99 €\nTotal TTC   -233,47 €"
    totals = _totals(text)
    assert totals.balanced
    assert totals.total is not None and totals.total.value == Decimal("-233.47")


def test_without_a_balancing_triple_the_best_total_is_kept_unbalanced() -> None:
    totals = _totals("TOTAL:\n9.00\nCASH 10.00")
    assert not totals.balanced
    assert totals.total is not None and totals.total.value == Decimal("9.00")
    assert totals.subtotal is None


def test_a_credit_note_total_balances_with_negative_amounts() -> None:
    # GIVEN a German credit note's totals block
    text = "\n".join(
        [
            "      Nettobetrag                                        -240,00 €",
            "      zzgl. 19 % USt. auf -240,00                          -45,60 €",
            "      Gutschriftsbetrag                                  -285,60 €",
        ]
    )
    totals = _totals(text)
    assert totals.balanced
    assert (totals.total and totals.total.value) == Decimal("-285.60")


def _receipt(text: str):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines = document_lines(parsed)
    return choose_totals(collect_candidates(lines, "."), printed=printed_amounts(lines, "."))


def test_labels_and_amounts_split_into_two_runs_pair_where_the_arithmetic_agrees() -> None:
    # GIVEN a receipt whose text lists the labels first and their amounts after, with an extra
    # item amount in front of them
    text = "\n".join(
        [
            "SUB-TOTAL (EX)",
            "TOTAL TAX",
            "ROUNDING",
            "TOTAL",
            "CASH",
            "CHANGE",
            "144.68",
            "144.68",
            "8.68",
            "-0.01",
            "153.35",
            "153.35",
            "0.00",
        ]
    )
    # WHEN the totals are chosen
    totals = _receipt(text)
    # THEN subtotal + tax + rounding = total, paid in cash with no change
    assert (totals.total and totals.total.value) == Decimal("153.35")


def test_a_rounding_adjustment_moves_the_total_to_the_rounded_figure() -> None:
    text = "\n".join(["TOTAL AMT........ RM", "60.31", "ROUNDING ADJ......", "-0.01", "RM", "60.30"])
    totals = _receipt(text)
    assert (totals.total and totals.total.value) == Decimal("60.30")


def test_cash_less_change_stands_in_for_an_unlabelled_total() -> None:
    text = "\n".join(["CASH            100.00", "CHANGE           73.40"])
    totals = _receipt(text)
    assert (totals.total and totals.total.value) == Decimal("26.60")


def test_a_tax_that_balances_neither_net_nor_gross_gives_way_to_their_difference() -> None:
    # GIVEN a "TVA" heading of the item table over a line amount, and a tax summary whose 0,00 is unlabelled
    text = (
        " Désignation                          Qté      P.U.      TVA       Montant\n"
        " Schraubendreher-Satz                   2     56,54      0 %        113,08\n"
        "Taux TVA        Base HT        TVA        Montant HT:                 113,08 EUR\n"
        "0 %              113,08       0,00        Montant TTC:                113,08 EUR\n"
    )
    totals = _totals(text)
    # THEN the tax is what the net and the gross read imply, not the table's figure
    assert (totals.subtotal.value, totals.tax.value, totals.total.value) == (
        Decimal("113.08"),
        Decimal("0.00"),
        Decimal("113.08"),
    )


def test_a_total_under_half_the_lines_sum_is_a_part_not_the_total() -> None:
    # GIVEN the invoice's total, then a tax summary's last row under the same label, printing the
    # taxable value and the tax, no tax line to balance them
    text = (
        "     Total Invoice Value                           Rs. 548,275.36\n"
        "                                              Integrated Tax\n"
        " Total Invoice Value        477,472.00                      70,803.36\n"
    )
    # WHEN the lines' amounts sum to the net THEN the total is the one covering them
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    totals = choose_totals(collect_candidates(document_lines(parsed), "."), Decimal("477472.00"))
    assert totals.total is not None and totals.total.value == Decimal("548275.36")


def test_a_day_of_a_due_date_after_an_amount_due_label_is_no_amount() -> None:
    # GIVEN "to pay by <date>" under the totals: the payable label, then a date, no amount
    text = (
        "Netto bedrag                         200,00\n"
        "BTW 21%                               42,00\n"
        "Totaal                               242,00\n"
        "Te betalen vóór 19-05-2025\n"
    )
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    candidates = collect_candidates(document_lines(parsed), ",")
    # THEN no candidate reads the date's day (or month) as an amount
    assert all(c.value not in (Decimal(19), Decimal(5)) for c in candidates)
