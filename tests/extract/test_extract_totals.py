"""GIVEN several labelled amounts WHEN the chooser runs THEN the arithmetic decides."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.totals import choose_totals, collect_candidates


def _totals(text: str, line_sum: Decimal | None = None):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return choose_totals(collect_candidates(document_lines(parsed), ","), line_sum)


def test_the_balancing_triple_wins_over_a_louder_wrong_total() -> None:
    # GIVEN a payment line that also says "Total" with a different amount
    text = "\n".join(
        [
            "Exclusief BTW            € 593,36                     Subtotaal       € 717,97",
            "     BTW 21%             € 124,61",
            "     Totaal              € 717,97          Rembours op 25 mei    € 9,32",
        ]
    )
    totals = _totals(text)
    assert totals.balanced
    assert (totals.subtotal and totals.subtotal.value) == Decimal("593.36")
    assert (totals.tax and totals.tax.value) == Decimal("124.61")
    assert (totals.total and totals.total.value) == Decimal("717.97")


def test_german_totals_with_rates_and_bases_on_the_tax_lines() -> None:
    text = "\n".join(
        [
            "Zwischensumme                              202,76",
            "Rechnungssumme Netto (exkl. USt.)          193,83",
            "zzgl. Umsatzsteuer   7%   von   129,37      9,06",
            "Summe Umsatzsteuer                         21,31",
            "Rechnungssumme Brutto (inkl. USt.)        215,14",
            "Bereits bezahlt                            50,00",
            "Offener Betrag                            165,14",
        ]
    )
    totals = _totals(text)
    assert totals.balanced
    assert [
        c.value if c else None for c in (totals.subtotal, totals.tax, totals.total, totals.amount_due)
    ] == [
        Decimal("193.83"),
        Decimal("21.31"),
        Decimal("215.14"),
        Decimal("165.14"),
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
