"""GIVEN amounts and dates printed in different locales WHEN parsed THEN the values are exact."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.extract.rules.currency import vote_currency
from opsloop.extract.rules.dates import find_dates, infer_day_first, parse_date
from opsloop.extract.rules.numbers import find_amounts, infer_decimal_separator, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1'234.56", "1234.56"),
        ("12,00-", "-12.00"),
        ("(12.00)", "-12.00"),
        ("-218,48", "-218.48"),
        ("9,9000", "9.9000"),
        ("1.234.567", "1234567"),
        ("0,75", "0.75"),
    ],
)
def test_parse_number_reads_every_locale(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


def test_parse_number_uses_the_document_hint_for_three_decimals() -> None:
    # GIVEN "1,234" alone, which is thousands in English but 1.234 where ',' is the decimal mark
    assert parse_number("1,234") == Decimal("1234")
    assert parse_number("1,234", decimal_hint=",") == Decimal("1.234")


def test_parse_number_rejects_words() -> None:
    assert parse_number("abc") is None
    assert parse_number("") is None


def test_find_amounts_skips_percentages_dates_and_ids() -> None:
    # GIVEN a totals line with a tax rate, a date and an id beside the amounts
    amounts = find_amounts("TVA 20 % :  9,34 €   le 05.03.2018   INV/2023/03/0008   Total € 717,97")
    # THEN only the money is read
    assert [a.value for a in amounts] == [Decimal("9.34"), Decimal("717.97")]


def test_infer_decimal_separator_votes() -> None:
    assert infer_decimal_separator("Summe 12,50\nMwSt 2,38\nGesamt 14,88") == ","
    assert infer_decimal_separator("Total $4.11\nTax $0.00") == "."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rechnungsdatum 7. Mai 2014", date(2014, 5, 7)),
        ("Factuurdatum: 19 april 2014", date(2014, 4, 19)),
        ("Date : 02 Juillet 2015", date(2015, 7, 2)),
        ("Invoice Date: October 9 , 2016", date(2016, 10, 9)),
        ("Fecha: 5 de marzo de 2020", date(2020, 3, 5)),
        ("Data: 12 gennaio 2021", date(2021, 1, 12)),
        ("issued 2018-03-05", date(2018, 3, 5)),
        ("Datum 05.03.18", date(2018, 3, 5)),
    ],
)
def test_parse_date_reads_names_and_numbers(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_day_month_order_is_inferred_from_unambiguous_dates() -> None:
    # GIVEN a US document where one date can only be month-first
    text = "Invoice date 03/04/2023\nDue 03/20/2023"
    day_first = infer_day_first(text)
    # THEN the ambiguous date is read month-first too
    assert day_first is False
    assert find_dates("03/04/2023", day_first=day_first)[0].value == date(2023, 3, 4)
    assert find_dates("03/04/2023", day_first=True)[0].value == date(2023, 4, 3)


def test_impossible_dates_are_not_invented() -> None:
    assert parse_date("31.02.2020") is None
    assert parse_date("Seite 1/2") is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Total € 12,00"], "EUR"),
        (["Amount due $4.11"], "USD"),
        (["TOTAL RM 9.00"], "MYR"),
        (["Grand Total Rs. 319.00"], "INR"),
        (["Betrag in CHF", "Total 10.00"], "CHF"),
        (["Summe 12,00 zł"], "PLN"),
    ],
)
def test_currency_from_symbols_codes_and_context(lines: list[str], expected: str) -> None:
    code, _, confidence = vote_currency(lines, lines)
    assert code == expected
    assert confidence > 0


def test_currency_is_none_when_nothing_says_it() -> None:
    assert vote_currency(["Total 12.00"], ["Total 12.00"])[0] is None


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Celkem s DPH   100 756,63CZK", Decimal("100756.63")),
        ("Razem brutto   10616,64zł", Decimal("10616.64")),
        ("Total   1.234,56EUR", Decimal("1234.56")),
        ("Summa   12 500,00kr", Decimal("12500.00")),
    ],
)
def test_an_amount_with_its_currency_glued_after_it_is_read_whole(line: str, value: Decimal) -> None:
    # GIVEN a currency code or mark printed right after the figure, no space between
    # THEN the amount is read whole, not cut at its first group
    assert [a.value for a in find_amounts(line, decimal_hint=",")] == [value]


def test_a_one_letter_currency_sign_glued_before_a_figure_with_cents_marks_money() -> None:
    # GIVEN the rand's sign printed glued before the figure (a balance due, a grouped total)
    # THEN the figure is read whole; a figure without cents after the letter stays an id
    assert [a.value for a in find_amounts("Balance Due   R590.64", decimal_hint=".")] == [Decimal("590.64")]
    assert [a.value for a in find_amounts("Total   R1 234.50", decimal_hint=".")] == [Decimal("1234.50")]
    assert find_amounts("Ref. R2025   INVR590.64", decimal_hint=".") == []


def test_letters_glued_after_a_number_that_are_no_currency_keep_it_from_being_an_amount() -> None:
    # GIVEN numbers glued to letters that name no currency (an item code, a unit)
    # THEN none is read as an amount
    assert find_amounts("Item 12ABC   5PCS   3,50XYZ", decimal_hint=",") == []


def test_a_dutch_postcodes_letters_are_no_ringgit() -> None:
    # GIVEN Dutch addresses whose postcode's letters read "RM" ("2011 RM Haarlem"), printed more often
    # than the currency the invoice names
    lines = [
        "2011 RM Haarlem",
        "Van Dijk Transport V.O.F. · Julianalaan 202 · 2011 RM Haarlem",
        "Van Dijk Transport V.O.F. · Julianalaan 202 · 2011 RM Haarlem",
        "Valuta:   EUR",
        "Totaal    17.984,15",
    ]
    # THEN the currency is the named one; the ringgit's "RM" before a figure still counts
    assert vote_currency(lines, ["Totaal    17.984,15"])[0] == "EUR"
    assert vote_currency(["Total RM 12.00"], ["Total RM 12.00"])[0] == "MYR"


@pytest.mark.parametrize(
    "line", ["Reeds betaald        (€ 2.849,10)", "Already paid   (€2.849,10)", "Paid   (EUR 2.849,10)"]
)
def test_a_figure_in_parentheses_with_its_currency_inside_them_is_negative(line: str) -> None:
    # GIVEN a payment printed in parentheses with its currency sign or code inside them
    # THEN it is read, negative, as an accountant prints it
    assert [a.value for a in find_amounts(line, decimal_hint=",")] == [Decimal("-2849.10")]
