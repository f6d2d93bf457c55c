"""GIVEN an English invoice whose VAT summary under the totals is headed "Rate  Taxable amount  VAT
amount" (a word that heads an item's price as well as a tax's rate) WHEN the invoice is read THEN the
summary's row is no item."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules

TEXT = """Invoice
INV-0412
SELLER                                           BILL TO
Marlow Print Studio                              Hartley Community Library
9 Dock Road                                      21 Church Lane
BS1 6QA Bristol                                  BA1 1LT Bath
 Invoice no.                                            INV-0412
 Invoice date                                           2025-02-03
 #      Description                                       Qty   Unit                 Unit price          VAT              Net amount
 1      Poster printing A2                                 20   pcs                       12.50         20 %               250.00 EUR
 2      Design hours                                        3   h                         60.00         20 %               180.00 EUR
                                                                       Sum of lines                                        430.00 EUR
                                                                       Total excl. VAT                                     430.00 EUR
                                                                       VAT total                                            86.00 EUR
                                                                       Total incl. VAT                                     516.00 EUR
                                                                       Amount due                                          516.00 EUR
VAT
                                                      Rate                          Taxable amount                        VAT amount
 S – Standard rate                                    20 %                               430.00 EUR                         86.00 EUR
Payment
Terms: Payable on receipt
"""


def test_a_vat_summary_headed_by_rate_under_the_totals_holds_no_item() -> None:
    # WHEN the invoice is read
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=TEXT)]))
    # THEN the two item rows are the items; the summary's row under its own header is none
    assert [item.amount for item in result.lines] == [Decimal("250.00"), Decimal("180.00")]
