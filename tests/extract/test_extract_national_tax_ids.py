"""GIVEN tax and VAT ids of national schemes (without an EU country prefix, or outside the EU) WHEN the
engine reads a line or a page THEN each id with a valid check digit is read as printed, a bare run of
digits counts only after its scheme's label, and a wrong check digit is never an id."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.tax_ids import find_tax_ids


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("UID  CHE-116.281.710 MWST", "CHE116281710MWST"),
        ("N° IDE CHE-116.281.710 TVA", "CHE116281710TVA"),
        ("Company UID CHE-116.281.710", "CHE116281710"),
        ("ABN: 51 824 753 556", "51824753556"),
        ("GSTIN 27AAPFU0939F1ZV", "27AAPFU0939F1ZV"),
        ("NIP 526-025-02-74", "5260250274"),
        ("Foretaksregisteret NO 988 077 917 MVA", "NO988077917MVA"),
        ("Org.nr: 988077917", "988077917"),
        ("Y-tunnus: 2077474-0", "20774740"),
        ("Adószám: 12892312-2-41", "12892312241"),
        ("C.U.I. 18547290", "18547290"),
        ("N.I.F.: B12345674", "B12345674"),
        ("NIPC 501 964 843", "501964843"),
        ("GST/HST Registration 123456782 RT0001", "123456782RT0001"),
    ],
)
def test_an_id_of_a_national_scheme_is_read_as_printed(line: str, value: str) -> None:
    assert [hit.value for hit in find_tax_ids(line)] == [value]


@pytest.mark.parametrize(
    "line",
    [
        "ABN: 51 824 753 557",  # check digits wrong
        "NIP 526-025-02-75",
        "CHE-116.281.711 MWST",
        "Phone 51 824 753 556",  # a valid ABN's digits, but no ABN label
        "Tel. 988 077 917",  # a valid org nr's digits, but no label
        "Order 501964843",
    ],
)
def test_a_wrong_check_digit_or_an_unlabelled_run_of_digits_is_no_tax_id(line: str) -> None:
    assert find_tax_ids(line) == []


def test_the_sellers_abn_is_the_vendor_vat_id_not_the_buyers_number() -> None:
    page = """Southern Cross Joinery Pty Ltd
14 Wattle Street, Ballarat VIC 3350
ABN 51 824 753 556

TAX INVOICE                                        Invoice No: SCJ-2291
Bill To:                                           Date: 12/11/2025
Harbourside Cafe Group
ABN 53 004 085 616

Description                     Qty     Unit Price      Amount
Custom shelving                   2        640.00     1,280.00
GST                                                     128.00
Total (incl. GST)                                  $1,408.00
"""
    result = _extract(page)
    assert result.vendor.vat_id == "51824753556"
    assert result.currency == "AUD"


def test_an_italian_pair_of_labels_before_one_number_reads_the_partita_iva() -> None:
    assert [hit.value for hit in find_tax_ids("P.IVA/C.F. 12345670017")] == ["12345670017"]
    assert [hit.value for hit in find_tax_ids("Partita IVA e Codice Fiscale 12345670017")] == ["12345670017"]


def test_the_eu_vat_id_wins_over_the_national_number_it_repeats() -> None:
    # GIVEN a seller printing its business id first and its EU VAT id (the same digits) below it
    page = """Lumikki Design Oy
Y-tunnus: 2077474-0
ALV-numero: FI20774740

LASKU                                Laskun numero: 88
Maksettava yhteensä                  120,00 EUR
"""
    # THEN the VAT id is the EU one
    assert _extract(page).vendor.vat_id == "FI20774740"


def test_a_national_id_under_its_label_is_read_and_is_the_sellers() -> None:
    # GIVEN the buyer's ABN on its block's line and the seller's "A.B.N." label in the right column,
    # its value two lines under it (the buyer's line between)
    text = (
        "Harbour Consulting Pty Ltd                    Tax Invoice TI-2026-118\n"
        "                                              A.B.N.\n"
        "ABN 51 824 753 556\n"
        "                                              53 004 085 616\n"
        "Total AUD                                                 1,100.00\n"
    )
    result = _extract(text)
    # THEN the seller's is the one under the label in the seller's column
    assert result.vendor.vat_id == "53004085616"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Contribuinte n.º: 501 964 843\n", "501964843"),
        ("  Identificativo fiscale ai fini IVA: 00743110157\n", "00743110157"),
        ("NIF\n501964843\n", "501964843"),
    ],
)
def test_portuguese_and_italian_labels(text: str, value: str) -> None:
    assert _extract("Fatura FT 2026/118\n" + text).vendor.vat_id == value


def test_digits_under_a_label_cell_that_holds_digits_are_not_its_id() -> None:
    # GIVEN a label cell with its own (invalid) value and a valid-looking number under it
    text = "NIF 123\n501964843\n"
    assert _extract("Fatura FT 2026/118\n" + text).vendor.vat_id is None
