"""An invoice that names no currency at all is read in its seller's country's currency (the prefix of the
seller's IBAN, else of its VAT id), else in its language's one currency, at a confidence that keeps it
with a person; English names no currency of its own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _invoice(head: str, bank: str) -> str:
    return (
        head
        + "\n\nPos.  Leistung                 Betrag\n1     Montage                  480,00\nGesamt     480,00\n"
        + bank
    )


@pytest.mark.parametrize(
    ("bank", "currency"),
    [
        ("IBAN: CH93 0076 2011 6238 5295 7", "CHF"),  # German written in Switzerland
        ("IBAN: DE89 3704 0044 0532 0130 00", "EUR"),
        ("", "EUR"),  # nothing but the language
    ],
)
def test_a_page_naming_no_currency_is_read_in_its_sellers_country(bank: str, currency: str) -> None:
    head = "Holzbau Krämer GmbH\nTalweg 4\nRechnung Nr. 2024-118    Datum: 03.05.2024"
    for engine in ("rules", "auto"):
        result = extract_invoice(_doc(_invoice(head, bank)), engine=engine)
        assert result.currency == currency
        # never sure: a person confirms (the policy's floor is 0.6)
        assert result.fields["currency"].confidence <= 0.5
        assert "no currency printed" in (result.fields["currency"].reason or "")


def test_an_english_page_naming_no_currency_has_none() -> None:
    text = "Brightwater Joinery Ltd\n14 Mill Lane\nInvoice No: 20931   Date: 12/03/2024\n\nTotal   612.00\n"
    assert extract_invoice(_doc(text), engine="rules").currency is None


def test_a_printed_currency_is_not_overruled_by_the_sellers_country() -> None:
    text = _invoice(
        "Holzbau Krämer GmbH\nRechnung Nr. 2024-118    Datum: 03.05.2024", "IBAN: CH93 0076 2011 6238 5295 7"
    )
    result = extract_invoice(_doc(text.replace("Gesamt     480,00", "Gesamt     EUR 480,00")), engine="rules")
    assert result.currency == "EUR"
