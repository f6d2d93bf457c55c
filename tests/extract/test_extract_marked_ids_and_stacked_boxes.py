"""GIVEN documents from generators nobody on the team wrote: a right-hand title over a "# id" line,
WHEN the invoice is read THEN the marked id is the document's number."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules

PAD = " " * 120


def _parsed(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(_parsed(text))


def test_a_number_sign_line_under_a_right_hand_title_is_the_number() -> None:
    # GIVEN a large right-aligned title over a smaller right-aligned "# id" line: in the layout text
    # the id's cell opens right of where the title's letters end
    text = f"""Marsh Lane Carpentry{PAD}      INVOICE
{PAD}                                      # 151
{PAD}                          Date:       12/05/2025
{PAD}                      Due Date:       11/06/2025

Bill To:     Ferncliff Dental Group
             8 Quay Street
Item                                   Units      Unit Price        Amount
Oak shelving                               2         $420.00       $840.00
                   Total amount incl. of VAT                       $840.00
"""
    # WHEN it is read THEN the marked id is the invoice's number
    assert _extract(text).invoice_number == "151"


def test_a_number_sign_line_left_of_the_title_is_not_its_number() -> None:
    # GIVEN a "# id" line in the left-hand column, under a title that closes its line far right
    text = f"""Marsh Lane Carpentry{PAD}      INVOICE
# 151
Date:       12/05/2025
Item                                   Units      Unit Price        Amount
Oak shelving                               2         $420.00       $840.00
                   Total                                           $840.00
"""
    # WHEN it is read THEN it is no number under the title
    assert _extract(text).invoice_number != "151"
