"""Lead's rules of session 20 (each worded generally, with text of our own)."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def test_a_dutch_postcode_alone_with_its_town_under_it_closes_the_sellers_address() -> None:
    # the Netherlands' postcode (four digits, two letters) printed on a line of its own, the town under it
    for postcode in ("3512 JE", "3512JE"):
        text = (
            "Bram Verhoeven\n"
            "Oudegracht 112\n"
            f"{postcode}\n"
            "Utrecht\n"
            "KvK 61234567\n"
            "\n"
            "Factuur 2026-031                                   Datum: 14-10-2026\n"
            "Advies                                                      1.200,00\n"
            "Totaal                                                  1.200,00 EUR\n"
        )
        assert _read(text).vendor.address == f"Oudegracht 112, {postcode} Utrecht"
