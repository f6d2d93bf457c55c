"""GIVEN a seller's block whose last line prints the country's ISO code after the town, past a comma
("20095 Hamburg, DE"), as generators writing the e-invoice's country field do WHEN the invoice is read
THEN that line closes the seller's address."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules

TEXT = """Kessler Werkzeugbau GmbH                                                 INVOICE
Lindenallee 8                                                   Invoice #: 2025-0117
20095 Hamburg, DE                                               Date: 14.05.2025
VAT ID: DE811907980                                             Due Date: 13.06.2025

BILL TO:
Mertens Fahrzeugteile KG
Industriestraße 40
33602 Bielefeld, DE

#   Description                       Qty        Unit Price      VAT          Total
1   Fräswerkzeug Satz               2.00 C62     310.00 EUR      19%     620.00 EUR
Net Total:                                                                620.00 EUR
VAT (19% on 620.00):                                                      117.80 EUR
Total Due:                                                                737.80 EUR
"""


def test_a_town_line_closed_by_the_country_code_ends_the_sellers_address() -> None:
    # WHEN the invoice is read
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=TEXT)]))
    # THEN the seller's address runs from its street to the town line with its country code
    assert result.vendor.name == "Kessler Werkzeugbau GmbH"
    assert result.vendor.address is not None
    assert "Lindenallee 8" in result.vendor.address
    assert "20095 Hamburg" in result.vendor.address
