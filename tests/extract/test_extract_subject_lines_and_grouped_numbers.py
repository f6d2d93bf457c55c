"""GIVEN an invoice number printed the ways real issuers print it without a number label of its own WHEN
the rules engine reads the page THEN a letter's subject line names the title's number ("Betreff:
Rechnung 2025-114"), a number printed in spaced digit groups is read whole, a sequence, month and year
that is no date is a number, and a balance left after a payment is the amount due."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize(
    ("place", "subject", "number"),
    [
        ("Nürnberg, 05.06.2025", "Betreff: Rechnung 2025-114", "2025-114"),
        ("Paris, le 5 juin 2025", "Objet : facture 2025-044", "2025-044"),
        ("Utrecht, 5 juni 2025", "Betreft: factuur 2025-031", "2025-031"),
    ],
)
def test_a_letters_subject_line_names_the_titles_number(place: str, subject: str, number: str) -> None:
    # GIVEN a letter whose subject line holds the title word and a number, no number label elsewhere
    text = (
        "Beispiel Werkstatt\n"
        f"                                                  {place}\n"
        f"{subject}\n"
        "Leistung                          250,00\n"
        "Gesamt                            297,50 €\n"
    )
    result = _extract(text)
    assert result.invoice_number == number
    assert result.invoice_date == date(2025, 6, 5)


def test_a_subject_line_without_a_number_reads_none_from_the_line_below() -> None:
    text = (
        "Beispiel Werkstatt\n"
        "Betreff: Rechnung\n"
        "         4711 Musterstadt\n"
        "Gesamt                            297,50 €\n"
    )
    assert _extract(text).invoice_number is None


@pytest.mark.parametrize(
    ("label", "printed"),
    [("Rechnungsnummer:", "RE 2025 0042"), ("Rechnungsnummer", "4100 2231 77"), ("Fakturanr.", "2025 118")],
)
def test_a_number_printed_in_spaced_groups_is_read_whole(label: str, printed: str) -> None:
    text = (
        "Stadtwerke Beispiel\n"
        f"{label} {printed}\n"
        "Kundennummer 55 1234\n"
        "Rechnungsdatum 14.01.2025\n"
        "Rechnungsbetrag 142,10 EUR\n"
    )
    assert _extract(text).invoice_number == printed


def test_a_sequence_month_and_year_that_is_no_date_is_the_number() -> None:
    # GIVEN a Polish number: the month's sequence, the month and the year ("55/06/2025")
    text = (
        "Hurtownia Przykład\n"
        "Faktura VAT nr 55/06/2025\n"
        "Data wystawienia: 02.06.2025\n"
        "Do zapłaty: 2 460,00 zł\n"
    )
    result = _extract(text)
    assert result.invoice_number == "55/06/2025"
    assert result.invoice_date == date(2025, 6, 2)


@pytest.mark.parametrize("label", ["Balance remaining", "Balance outstanding", "Amount owing"])
def test_the_balance_left_after_a_payment_is_the_amount_due(label: str) -> None:
    text = (
        "Example Builders Ltd\n"
        "Invoice No: WB-771\n"
        "Invoice Date: 2 May 2025\n"
        "Invoice total           £5,400.00\n"
        "Less deposit received   £2,000.00\n"
        f"{label:24s}£3,400.00\n"
    )
    assert _extract(text).amount_due == Decimal("3400.00")


def test_a_due_date_before_the_invoice_date_tells_the_day_month_order() -> None:
    # GIVEN a European seller billing in dollars, every numeric date readable either way: read month
    # first (the dollar's default), the due date would fall before the invoice date
    text = (
        "Beispiel Präzision GmbH\n"
        "Werkstr. 4, 73430 Aalen, Germany\n"
        "INVOICE\n"
        "Invoice No.: BP-2025-0117\n"
        "Invoice date: 04/03/2025\n"
        "Due date: 03/04/2025\n"
        "Total                                         $1,200.00\n"
    )
    result = _extract(text)
    assert result.invoice_date == date(2025, 3, 4)
    assert result.due_date == date(2025, 4, 3)


def test_a_due_date_after_the_invoice_date_either_way_keeps_the_dollar_order() -> None:
    text = (
        "Example Graphics Inc.\n"
        "Austin, TX 78701\n"
        "Invoice No. 5512\n"
        "Invoice Date: 03/04/2025\n"
        "Due Date: 04/05/2025\n"
        "Amount Due: $300.00\n"
    )
    result = _extract(text)
    assert result.invoice_date == date(2025, 3, 4)
    assert result.due_date == date(2025, 4, 5)


@pytest.mark.parametrize("number", ["1/03/2025", "12/03/2025"])
def test_a_slashed_sequence_month_and_year_is_the_number_where_dates_are_dotted(number: str) -> None:
    # GIVEN a Polish number (the month's sequence, the month, the year) that could be a date, and the
    # page's dates written with dots
    text = (
        "Hurtownia Przykład\n"
        f"Faktura VAT nr {number}\n"
        "Data wystawienia: 31.03.2025\n"
        "Data sprzedaży: 28.03.2025\n"
        "Do zapłaty: 2 460,00 zł\n"
    )
    result = _extract(text)
    assert result.invoice_number == number
    assert result.invoice_date == date(2025, 3, 31)


def test_a_slashed_date_after_a_number_label_stays_a_date_where_dates_are_slashed() -> None:
    text = "Example Trading Ltd\nInvoice No. 12/03/2025\nDelivery date: 10/03/2025\nTotal £120.00\n"
    assert _extract(text).invoice_number is None
