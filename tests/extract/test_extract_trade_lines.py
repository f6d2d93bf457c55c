"""A sole trader's letterhead: the owner's name, then the trade written as the work done ("Plumbing &
Heating", "Roofing and Joinery", "Photography"): the trade line says what the sender does, the name
above it is the seller's. Each case is a convention of tradespeople's invoices, never one document."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import occupation_line


def _vendor(text: str) -> str | None:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(doc).vendor.name


@pytest.mark.parametrize(
    ("owner", "trade"),
    [
        ("Daniel Whitcombe", "Plumbing & Heating"),
        ("Megan Ashdown", "Roofing and Joinery"),
        ("Tom Halloran", "Landscaping & Gardening"),
        ("Aisha Brennan", "Electrical Services"),
    ],
)
def test_a_trade_line_under_the_owners_name_is_no_name(owner: str, trade: str) -> None:
    text = (
        f"                      {owner}\n                     {trade}\n"
        "              39 Station Road · Derby DE1 3AQ\n"
        "      VAT No. GB 274 1938 52 · Registered in England No. 09381127\n\n"
        "Mrs Joanna Okafor\n4 Brook Park\nLeeds LS6 2QT\n\n"
        "Bill\nNo.                  F2024-63\nDate:                05/08/2024\n\n"
        "Labour, per hour                                   240.00\nInvoice total                     240.00\n\n"
        "Kind regards,\n"
    )
    assert _vendor(text) == owner


@pytest.mark.parametrize(
    "line", ["Plumbing & Heating", "Roofing and Joinery", "Landscaping & Gardening", "Photography"]
)
def test_a_trade_written_as_the_work_done_reads_as_an_occupation_line(line: str) -> None:
    assert occupation_line(line)


@pytest.mark.parametrize("line", ["Bramley Plumbing & Heating", "Northgate Roofing Ltd"])
def test_a_trade_name_with_a_name_in_it_is_no_occupation_line(line: str) -> None:
    assert not occupation_line(line)


@pytest.mark.parametrize(
    "line", ["Stolarstwo", "Tischlerei", "Malerei", "Truhlářství", "Instalacje elektryczne"]
)
def test_a_trade_named_as_the_craft_reads_as_an_occupation_line(line: str) -> None:
    # GIVEN a sole trader's craft printed under their name as the craft's noun (Polish, German, Czech)
    # THEN it is an occupation line, no name; with a name in it it stays a trade name
    assert occupation_line(line)
    assert not occupation_line("Keller Malerei AG")
