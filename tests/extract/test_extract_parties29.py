"""Where the seller stands on a page with no captions (session 29, evals/synth25's layouts), each worded
generally and tested with documents of our own: a letterhead split into two columns (the name at the
left, its address block at the right of the page's first rows) over the recipient's block; the only block
holding the seller's VAT id set at the page's foot, under the recipient's block heading the page; a sole
trader's letter naming its owner, the line with the VAT id the owner's trade."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(*pages: str) -> InvoiceExtraction:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=text) for n, text in enumerate(pages, 1)]
    )
    return extract_invoice(parsed, engine="rules", text_only=True)


_ITEMS = (
    " Description                          Qty        Price        Amount\n"
    " Window cleaning                        2        40.00         80.00\n"
    " Gutter repair                          1        20.00         20.00\n\n"
    "                                 Subtotal                     100.00\n"
    "                                 VAT 20%                       20.00\n"
    "                                 Total                        120.00\n"
)


def test_a_letterhead_split_in_two_columns_names_the_seller_not_the_block_under_it() -> None:
    # GIVEN the seller's name at the top left, its street, town, phone and tax id in a column at the right
    # of the same rows, and the customer's block (name, street, town) under it, uncaptioned
    text = (
        "Brightwater Glazing Ltd                                        4 Mill Lane\n"
        "                                                               Leeds LS2 7HY\n"
        "                                                               Tel. 0113 496 0000\n"
        "                                                               VAT No. GB 283 8676 62\n"
        "Ormond Dental Practice Ltd                   Invoice\n"
        "19 Station Road                              Invoice No.      B-2291\n"
        "York YO1 6DT                                 Date             04/03/2026\n\n" + _ITEMS
    )
    read = _read(text)
    # THEN the name heading the letterhead is the seller's, the block under it the buyer's
    assert read.vendor.name == "Brightwater Glazing Ltd"
    assert read.buyer is not None and read.buyer.name == "Ormond Dental Practice Ltd"
    # AND its address is the block beside it, not the customer's
    assert read.vendor.address == "4 Mill Lane, Leeds LS2 7HY"


def test_the_only_block_with_the_sellers_vat_id_at_the_pages_foot_is_the_sellers() -> None:
    # GIVEN the customer's block heading the page (no id), the title and facts under it, and the sender's
    # block (name, one-line address, VAT id) closing the page right under the amount due
    text = (
        "Ormond Dental Practice Ltd\n19 Station Road\nYork YO1 6DT\n\n"
        "                         Invoice No. B-2291\n"
        "                         Date 04/03/2026\n\n" + _ITEMS + ""
        "                                 Amount due                 €12.480,00\n"
        "                                          Brightwater Glazing Ltd\n"
        "                                          4 Mill Lane, Leeds LS2 7HY\n"
        "                                          VAT No. GB 283 8676 62\n"
    )
    read = _read(text)
    assert read.vendor.name == "Brightwater Glazing Ltd"


def test_a_sole_traders_letter_reads_the_trade_name_on_the_line_of_its_vat_id() -> None:
    # GIVEN a letter whose return line and signature name the owner (a person), the closing line printing
    # the owner's name with the trade after it and the VAT id
    text = (
        "Ruth Calloway · 4 Mill Lane · Leeds LS2 7HY\n"
        "Ormond Dental Practice Ltd\n19 Station Road\nYork YO1 6DT\n\n"
        "Invoice B-2291\nDate 04/03/2026\n\n" + _ITEMS + "\n"
        "Kind regards,\n\nRuth Calloway\n"
        "Ruth Calloway Signwriting · VAT No. GB 283 8676 62\n"
    )
    read = _read(text)
    assert read.vendor.name == "Ruth Calloway Signwriting"
    # AND the return line opening with the owner's name gives the address
    assert read.vendor.address == "4 Mill Lane, Leeds LS2 7HY"
