"""Lead's rules of session 19, found on third-party documents (each worded generally, with text of our own)."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


# two parties' blocks side by side with no heading: the seller's (a sole trader, no legal form, no VAT id)
# goes on to its bank account; the customer's (a company with its VAT id) does not
_SIDE_BY_SIDE = (
    "                                                              Issue date: 03.09.2026\n"
    " Invoice 2026-117\n"
    "                                                              Due date: 17.09.2026\n"
    "\n"
    " Marta Kowalczyk                                                  Brightwell Logistics Ltd\n"
    " 18 Orchard Row                                                           4 Canal Street\n"
    " Dundee DD1 4QB                                                     Manchester M1 3HE\n"
    "\n"
    " Not registered for VAT                                           VAT No: GB 298 5771 33\n"
    "Account no.                                                             Payment reference\n"
    "40-12-77 31926604                                                                2026117\n"
    "\n"
    "Description                                                                     Amount\n"
    "Bookkeeping, August                                                             640.00\n"
    "Payroll runs                                                                    210.00\n"
    "Total                                                                       850.00 GBP\n"
)


def test_of_two_unlabelled_blocks_side_by_side_the_one_over_the_bank_account_is_the_sellers() -> None:
    result = _read(_SIDE_BY_SIDE)
    assert result.vendor.name == "Marta Kowalczyk"
    assert result.buyer.name == "Brightwell Logistics Ltd"


def test_a_vat_id_in_the_block_beside_the_payees_is_not_the_sellers() -> None:
    assert _read(_SIDE_BY_SIDE).vendor.vat_id is None


def test_a_bank_account_under_both_blocks_decides_nothing() -> None:
    # (a page printing an account under each block: which is the payee's stays open; the VAT id is kept)
    text = _SIDE_BY_SIDE.replace(
        "                                                           Payment reference\n"
        "40-12-77 31926604                                                                2026117\n",
        "                                                           Account no.\n"
        "40-12-77 31926604                                                       20-00-00 55779911\n",
    )
    assert _read(text).vendor.vat_id == "GB298577133"


def test_a_postcode_alone_with_its_town_on_the_line_under_it_closes_the_sellers_address() -> None:
    text = (
        "Henrik Dalgaard\n"
        "Søndergade 41\n"
        "8000\n"
        "Aarhus\n"
        "CVR: 31425716\n"
        "\n"
        "Faktura 2026-044                                   Dato: 14.10.2026\n"
        "Rådgivning                                                  4.000,00\n"
        "I alt                                                   4.000,00 DKK\n"
    )
    assert _read(text).vendor.address == "Søndergade 41, 8000 Aarhus"


def test_a_postcode_alone_over_a_line_with_digits_is_no_town() -> None:
    text = (
        "Henrik Dalgaard\n"
        "Søndergade 41\n"
        "8000\n"
        "Tlf. 86 12 34 56\n"
        "\n"
        "Faktura 2026-044                                   Dato: 14.10.2026\n"
        "I alt                                                   4.000,00 DKK\n"
    )
    assert _read(text).vendor.address is None


def test_an_invoice_word_inside_a_correction_phrase_after_a_credit_note_title_qualifies_nothing() -> None:
    # "correction of invoice N", "annule et remplace la facture N": the reference to the credited invoice, not a
    # self-billed invoice's qualifier; the credit note's amounts printed positive (EN 16931 style)
    for title in (
        "CREDIT NOTE   Correction of invoice 2026-0187",
        "AVOIR   Annule et remplace la facture F-2210",
    ):
        text = (
            "Harbour Tools Ltd\n"
            "12 Quay Street, Bristol BS1 4DJ\n"
            "\n"
            f"{title}\n"
            "Number: CN-0042                                   Date: 02.11.2026\n"
            "Returned goods                                              120.00\n"
            "Total                                                   120.00 GBP\n"
        )
        assert _read(text).document_type == "credit_note", title


def test_a_credit_note_title_qualified_as_a_self_billed_invoice_stays_an_invoice() -> None:
    text = (
        "Harbour Tools Ltd\n"
        "12 Quay Street, Bristol BS1 4DJ\n"
        "\n"
        "Gutschrift (selbst ausgestellte Rechnung)\n"
        "Nummer: G-0042                                    Datum: 02.11.2026\n"
        "Provision Oktober                                           120,00\n"
        "Summe                                                   120,00 EUR\n"
    )
    assert _read(text).document_type == "invoice"


def test_an_iban_printed_without_spaces_and_glued_to_the_next_columns_figures_is_read_to_its_length() -> None:
    text = (
        "Lindqvist Verktyg GmbH\n"
        "Hafenstraße 4, 20457 Hamburg\n"
        "\n"
        "Rechnung 2026-3310                                   Datum: 14.10.2026\n"
        "Zahlart          Bank          IBAN                        Fällig\n"
        "Überweisung      Nordbank      DE8937040044053201300030.10.2026\n"
        "Summe                                                  480,00 EUR\n"
    )
    assert _read(text).vendor.iban == "DE89370400440532013000"
