"""Conventions found on never-read seeds of the development generators (session 24), each worded generally
and tested with documents of our own: party captions printed under both blocks on one line over the item
table, a tax office's name closing the block a caption is under, a buyer's caption and name in one cell
without a colon, a name and its address after a buyer's label, a block of facts with its labels under the
values and the parties' names under it, bare number words in such a block, a title qualified by words
before its number's mark, contract and order labels of the Baltic and Malay packs, and a strip of totals
with one tax per rate side by side."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import document_lines
from opsloop.extract.rules.numbers import find_amounts
from opsloop.extract.rules.parties import closing_captions


def _read(*pages: str) -> InvoiceExtraction:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=text) for n, text in enumerate(pages, 1)]
    )
    return extract_invoice(parsed, engine="rules", text_only=True)


_ITEMS = (
    " Description                          Qty        Price        Amount\n"
    " Site survey                            2        40.00         80.00\n"
    " Fitting work                           1        20.00         20.00\n\n"
)
_TOTALS = (
    "                                 Subtotal                     100.00\n"
    "                                 VAT 20%                       20.00\n"
    "                                 Total                        120.00\n"
)


def _captions(text: str) -> list[tuple[str, str]]:
    """The captions read as standing under their blocks: (kind, caption) in the page's order."""
    lines = document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    return [(hit.kind, hit.text) for _, found in sorted(closing_captions(lines).items()) for _, hit in found]


_BLOCKS = (
    "INVOICE\nInvoice No.: 2026-118\nInvoice date: 04/03/2026\n\n"
    " Lindqvist Joinery Ltd                          Harbour Fresh Foods plc\n"
    " 4 Mill Lane                                    88 Quay Street\n"
    " Leeds LS1 4AB                                  Hull HU1 2AA\n"
)


def test_captions_under_both_blocks_on_one_line_over_the_item_table_close_their_blocks() -> None:
    # GIVEN a form that prints each party's caption under its block, both captions on one line, the item
    # table's column heads right under them
    text = (
        _BLOCKS + " VAT GB 123 4567 89                             Company no. 04417298\n"
        " Supplier                                       Customer\n" + _ITEMS + _TOTALS
    )
    # WHEN its captions are read  THEN each closes the block above it (the heads under them are no name)
    assert _captions(text) == [("vendor_section", "Supplier"), ("buyer_section", "Customer")]


def test_a_tax_office_line_closing_a_block_still_puts_its_caption_under_it() -> None:
    # GIVEN captions under their blocks, the buyer's block closing with its tax office's name (no figure)
    # under its tax id, its caption a line lower than the seller's
    text = (
        _BLOCKS + " Tax id 998877665                               Tax id 112233445\n"
        " Supplier                                       Tax office Hull Central\n"
        "                                                Customer\n" + _ITEMS + _TOTALS
    )
    assert _captions(text) == [("vendor_section", "Supplier"), ("buyer_section", "Customer")]


@pytest.mark.parametrize(
    ("line", "buyer"),
    [
        ("Customer Harbour Fresh Foods plc", "Harbour Fresh Foods plc"),
        ("Замовник ТОВ «Світанок»", "ТОВ «Світанок»"),  # a leading legal form opens the name
        ("Kupac Jadranka Trgovina d.o.o.", "Jadranka Trgovina d.o.o."),
    ],
)
def test_a_receipts_buyer_caption_and_name_share_one_cell_without_a_colon(line: str, buyer: str) -> None:
    # GIVEN a narrow receipt that prints the buyer's caption and name on one line with no colon between
    text = (
        "Lindqvist Joinery Ltd\n4 Mill Lane\nLeeds LS1 4AB\n\nReceipt No. 2026-7\nDate 04/03/2026\n"
        f"{line}\nSite survey\n   2 x 40.00 = 80.00\n\n   Total 80.00\n"
    )
    assert _read(text).buyer.name == buyer


def test_words_after_a_buyer_caption_that_name_no_company_are_no_buyer() -> None:
    # GIVEN a receipt line that opens with a buyer's word but names no firm
    text = (
        "Lindqvist Joinery Ltd\n4 Mill Lane\nLeeds LS1 4AB\n\nReceipt No. 2026-8\nDate 04/03/2026\n"
        "Customer service open daily\nSite survey\n   2 x 40.00 = 80.00\n\n   Total 80.00\n"
    )
    assert _read(text).buyer.name != "service open daily"


@pytest.mark.parametrize(
    ("line", "buyer"),
    [
        ("Покупатель: ООО «Заря», пр-т Победы, д. 5, 190000, г. Санкт-Петербург", "ООО «Заря»"),
    ],
)
def test_a_buyers_name_and_address_on_the_labels_line_end_at_the_street(line: str, buyer: str) -> None:
    # GIVEN the buyer's name and address written on one line after its label, parted by commas
    text = (
        f"Lindqvist Joinery Ltd\n4 Mill Lane\nLeeds LS1 4AB\n\nInvoice No.: 2026-120\n{line}\n\n"
        + _ITEMS
        + _TOTALS
    )
    assert _read(text).buyer.name == buyer


def _first_lines(text: str, count: int) -> list[str]:
    lines = document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    return [line.text.split()[0] for line in lines[:count]]


def test_a_block_of_facts_with_labels_under_values_stops_at_the_parties_names_under_it() -> None:
    # GIVEN the facts' values over their labels, the parties' names right under the labels, set in the
    # labels' columns
    text = (
        "INVOICE\n"
        " 2026-121            04.03.2026         18.03.2026       PO-5521\n"
        " Invoice No.         Invoice date       Due date         Order no.\n"
        " Lindqvist Joinery Ltd                                   Harbour Fresh Foods plc\n"
        " 4 Mill Lane                                             88 Quay Street\n"
        " Leeds LS1 4AB                                           Hull HU1 2AA\n\n" + _ITEMS + _TOTALS
    )
    # WHEN the page is read  THEN the labels stand over their values, the names stay under them
    assert _first_lines(text, 4) == ["INVOICE", "Invoice", "2026-121", "Lindqvist"]


@pytest.mark.parametrize(
    ("labels", "number"),
    [
        (" Numeris             Išrašymo data      Mokėjimo terminas", "7731"),  # Lithuanian "Number"
        (" Broj                Datum računa       Datum dospijeća", "7731"),  # Croatian "Number"
    ],
)
def test_a_bare_number_word_under_its_value_labels_the_invoice_number(labels: str, number: str) -> None:
    # GIVEN a block of facts whose labels stand under their values, the number's label a bare number word
    text = (
        "PVM SĄSKAITA FAKTŪRA\n"
        " 7731                04.03.2026         18.03.2026\n" + labels + "\n\n" + _ITEMS + _TOTALS
    )
    # WHEN the page is read  THEN the whole block turns, the number's column with the dates'
    lines = document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    assert lines[2].text.split()[0] == number
    assert _read(text).invoice_number == number


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("Račun za usluge br. 2026-044", "2026-044"),  # words qualifying the title before the mark
        ("Račun – otpremnica broj 318", "318"),  # a compound title joined by a dash
        ("Račun za storitve / Invoice št. 2026-07", "2026-07"),  # a translation between title and mark
    ],
)
def test_a_titles_own_number_follows_its_mark_after_qualifying_words(title: str, number: str) -> None:
    # GIVEN a title line that names the number after the language's number word, with words between
    text = f"Lindqvist d.o.o.\nIlica 4\n10000 Zagreb\n\n{title}\nDatum 04.03.2026\n\n" + _ITEMS + _TOTALS
    assert _read(text).invoice_number == number


@pytest.mark.parametrize(
    ("line", "po"),
    [
        ("Līguma Nr.:       LG-2026/14", "LG-2026/14"),  # Latvian: the contract's number
        ("Sutarties Nr.:    S-88812", "S-88812"),  # Lithuanian: the contract's number
        ("Tellimus:         T-40417", "T-40417"),  # Estonian: "Order" alone, a colon after it
        ("Pesanan Belian:   PB-70021", "PB-70021"),  # Malay: purchase order
    ],
)
def test_contract_and_order_labels_of_the_baltic_and_malay_packs_name_the_po(line: str, po: str) -> None:
    text = (
        f"Lindqvist SIA\nBrīvības iela 4\nLV-1010 Rīga\n\nInvoice No.: 2026-122\n{line}\n\n"
        + _ITEMS
        + _TOTALS
    )
    assert _read(text).po_numbers == [po]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Nombor Invois:     INV-40812", "INV-40812"),  # Malay: the number's label written out
        ("Variabilný symbol: 2026-0917", "2026-0917"),  # Slovak: the payment's symbol alone names it
    ],
)
def test_number_labels_of_the_malay_and_slovak_packs(line: str, number: str) -> None:
    text = f"Lindqvist s.r.o.\nHlavná 4\n040 01 Košice\n\nFAKTÚRA\n{line}\n\n" + _ITEMS + _TOTALS
    assert _read(text).invoice_number == number


@pytest.mark.parametrize(
    ("amounts", "labels"),
    [
        (
            "          1 000,00 €        200,00 €         50,00 €           1 250,00 €",
            "          Ara Toplam        Hesaplanan KDV %20  Hesaplanan KDV %10  Genel Toplam",
        ),
    ],
)
def test_a_strip_of_totals_with_one_tax_per_rate_sums_the_taxes(amounts: str, labels: str) -> None:
    # GIVEN a strip of totals whose labels stand under their amounts, one tax per rate side by side
    items = (
        " Description                          Qty        Price        Amount\n"
        " Site survey                            2       250,00        500,00\n"
        " Fitting work                           1       500,00        500,00\n"
    )
    text = "Lindqvist Joinery Ltd\n4 Mill Lane\nLeeds LS1 4AB\n\nInvoice No.: 2026-123\n\n" + items
    # WHEN it is read
    result = _read(text + amounts + "\n" + labels + "\n")
    # THEN the tax is the rates' sum and the net and the total are their own columns'
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("1000.00"),
        Decimal("250.00"),
        Decimal("1250.00"),
    )


def test_a_rate_with_its_percent_sign_before_it_is_no_amount() -> None:
    assert find_amounts("Hesaplanan KDV %20", decimal_hint=",") == []
