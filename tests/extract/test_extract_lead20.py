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


def _wordmark_page(footer_name: str) -> str:
    return (
        "      AlderbrookJoinery Ltd\n"
        "\n"
        "Invoice 2026-208                                  Date: 03/11/2026\n"
        "Bill to: Kestrel Hotels plc, 9 Mill Lane, York YO1 7HF\n"
        "Oak shelving                                                  1,480.00\n"
        "Total                                                     1,480.00 GBP\n"
        "\n"
        f"{footer_name}   ·   14 Tanner Row, Leeds LS1 4HQ   ·   VAT GB 244 1937 51\n"
    )


def test_a_wordmark_whose_word_gap_the_text_layer_lost_reads_as_the_footer_prints_the_name() -> None:
    # a letter-spaced or two-tone wordmark runs its words together; the footer prints them apart
    assert _read(_wordmark_page("Alderbrook Joinery Ltd")).vendor.name == "Alderbrook Joinery Ltd"


def test_a_name_spelled_out_letter_by_letter_elsewhere_is_no_better_form() -> None:
    page = _wordmark_page("A l d e r b r o o k J o i n e r y Ltd")
    assert _read(page).vendor.name == "AlderbrookJoinery Ltd"
