"""A VAT id printed after a VAT label in its country's shape whose check digits fail (a made-up or
mistyped id) is read as printed, marked unchecked: the checksum check fails and says so, and it still
marks the seller's block."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import find_vat_ids


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("USt-IdNr.: DE123456789", "DE123456789"),
        ("N° TVA intracommunautaire : FR12345678901", "FR12345678901"),
        ("Btw-id: NL123456789B01", "NL123456789B01"),
        ("P.IVA IT12345678901", "IT12345678901"),
    ],
)
def test_a_labelled_vat_id_with_failing_check_digits_is_read_unchecked(line: str, value: str) -> None:
    found = find_vat_ids(document_lines(_doc(f"Acme Trading\n{line}\n")), [])
    assert [(f.value, f.checked) for f in found] == [(value, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Order reference DE123456789\n",  # no VAT label before it
        "USt-IdNr.: DE12345678\n",  # one digit short: not the country's shape
    ],
)
def test_an_unlabelled_or_misshapen_id_is_not_a_vat_id(text: str) -> None:
    assert find_vat_ids(document_lines(_doc("Acme Trading\n" + text)), []) == []


def test_the_checksum_check_fails_on_a_misprinted_id() -> None:
    text = (
        "Elektro Hartmann e.K.\nBahnhofstr. 5\n79098 Freiburg\nUSt-IdNr.: DE123456789\n\n"
        "Rechnung Nr. 2024-0412    Datum: 18.09.2024\n\nArbeitszeit    174,00 €\nGesamtbetrag   174,00 €\n"
    )
    result = extract_invoice(_doc(text), engine="rules")
    assert result.vendor.vat_id == "DE123456789"
    check = next(c for c in result.checks if c.name == "vat_id_checksum")
    assert check.passed is False
