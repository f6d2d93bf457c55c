"""GIVEN amounts and currencies as other countries print them (Indian digit grouping, rupees glued to
the amount, a bare "$" used by several dollars, currencies without minor units) WHEN the engine reads
them THEN the values are exact and a dollar is named from the page's evidence, or held as uncertain."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.currency import UNCERTAIN_DOLLAR, prints_whole_units, vote_currency
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.numbers import find_amounts, infer_decimal_separator


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Grand Total  5,48,275.36", Decimal("548275.36")),
        ("Net payable ₹ 1,00,000.00", Decimal("100000.00")),
        ("Value 1,23,45,678.90", Decimal("12345678.90")),
        ("Amount Rs.2,80,250.00", Decimal("280250.00")),
        ("Total 12,34,567", Decimal("1234567")),
    ],
)
def test_an_amount_in_indian_digit_grouping_is_read_whole(line: str, value: Decimal) -> None:
    assert [a.value for a in find_amounts(line)] == [value]


def test_lakh_groups_are_no_votes_for_a_decimal_comma() -> None:
    assert infer_decimal_separator("3,10,000.00  15,000.00  5,48,275.36  1,25,000.00") == "."


def test_an_indian_gst_invoice_reads_its_total_and_date() -> None:
    page = """TAX INVOICE
Kaveri Steel Traders
Door 7, Market Road, Madurai 625001

Invoice No.   KST/118/25-26        Dated   03-Oct-2025
Buyer (Bill to)
Meenakshi Hardware Stores

Sl  Description of Goods     HSN/SAC   Quantity   Rate      per   Amount
1   TMT Bars 12mm            7214      2,500 kg   62.40     kg    1,56,000.00
                                                  CGST 9%           14,040.00
                                                  SGST 9%           14,040.00
                                        Total                  ₹ 1,84,080.00
"""
    result = _extract(page)
    assert result.total == Decimal("184080.00")
    assert result.currency == "INR"
    assert str(result.invoice_date) == "2025-10-03"


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (["Total $ 120.00", "ABN 51 824 753 556"], "AUD"),
        (["Total $120.00", "Toronto ON M5V 2T6"], "CAD"),
        (["Total 1 234,56 $", "TPS 123456789 RT0001"], "CAD"),
        (["Total $12.00", "All amounts in NZD"], "NZD"),
        (["Total $12.00", "Austin, TX 78701"], "USD"),
        (["Total USD 12.00"], "USD"),
    ],
)
def test_a_bare_dollar_sign_is_the_dollar_the_page_names(lines: list[str], code: str) -> None:
    found, _, confidence = vote_currency(lines, lines[:1])
    assert found == code
    assert confidence > UNCERTAIN_DOLLAR


def test_a_bare_dollar_sign_without_evidence_is_held_as_uncertain() -> None:
    # GIVEN "$" and nothing that says which country's dollar
    found, _, confidence = vote_currency(["Total $120.00"], ["Total $120.00"])
    # THEN USD is kept but with a confidence that keeps the invoice with a person
    assert found == "USD" and confidence <= UNCERTAIN_DOLLAR
    # AND evidence for two dollars decides nothing either
    assert (
        vote_currency(["Total $5.00", "Sydney NSW 2000", "Vancouver BC V6B 1A1"], [])[2] <= UNCERTAIN_DOLLAR
    )


@pytest.mark.parametrize(
    ("text", "local", "whole"),
    [
        ("Összesen 159 064 Ft", "HUF", True),
        ("Total JPY 48,000", None, True),
        ("Total ISK 12.900", None, True),
        ("Summe 1.234,56 EUR", "EUR", False),
        ("Total HUF 1 000 and EUR 3,20", None, False),
    ],
)
def test_currencies_without_minor_units_are_told_from_the_page(
    text: str, local: str | None, whole: bool
) -> None:
    assert prints_whole_units(text, local) is whole


def test_canadian_sales_taxes_on_their_own_lines_add_up_to_the_tax() -> None:
    page = """Ébénisterie Lavoie inc.
1250, rue Saint-Denis
Montréal (Québec) H2X 3K7

FACTURE                                          No de facture : 2025-0417
Description                       Qté      Prix unitaire        Montant
Comptoir en érable                  1         1 850,00 $     1 850,00 $
Installation                        4            75,00 $       300,00 $

Sous-total                                                   2 150,00 $
TPS (5 %)                                                      107,50 $
TVQ (9,975 %)                                                  214,46 $
Total                                                        2 471,96 $
"""
    result = _extract(page)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("2150.00"),
        Decimal("321.96"),
        Decimal("2471.96"),
    )
    assert result.currency == "CAD"
