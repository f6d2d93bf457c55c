"""GIVEN English invoices in dollars WHEN an ambiguous numeric date (07/04/2025) is read THEN it reads
day first where the page places its dollars in Australia (or another day-first dollar country), and
month first in the United States or where nothing says which dollars."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _date(text: str) -> date | None:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(parsed).invoice_date


def test_an_australian_page_reads_the_day_first() -> None:
    text = (
        "Wattle Consulting Pty Ltd\nLevel 4, 120 George Street\nSydney NSW 2000\nABN 51 824 753 556\n"
        "Tax Invoice INV-3310\nDate: 07/04/2025\nTotal AUD  $ 1,100.00\n"
    )
    assert _date(text) == date(2025, 4, 7)


def test_a_united_states_page_reads_the_month_first() -> None:
    text = "Lakeside Tools LLC\n500 Main Street\nColumbus, OH 43215\nInvoice INV-3310\nDate: 07/04/2025\nTotal  $1,100.00\n"
    assert _date(text) == date(2025, 7, 4)


def test_dollars_with_no_country_read_the_month_first() -> None:
    assert _date("Invoice INV-3310\nDate: 07/04/2025\nTotal  $1,100.00\n") == date(2025, 7, 4)


def test_a_united_states_page_naming_its_dollars_by_code_reads_the_month_first() -> None:
    # GIVEN amounts written "USD 1,100.00" (no "$" anywhere) by a seller with a state and ZIP code
    text = "Lakeside Tools LLC\n500 Main Street\nColumbus, OH 43215\nInvoice INV-3310\nDate: 07/04/2025\nTotal  USD 1,100.00\n"
    assert _date(text) == date(2025, 7, 4)


def test_a_dollar_code_with_no_country_keeps_the_day_first() -> None:
    # GIVEN "USD" and nothing placing the page: an international invoice's dollars tell no date order
    assert _date("Invoice INV-3310\nDate: 07/04/2025\nTotal  USD 1,100.00\n") == date(2025, 4, 7)
