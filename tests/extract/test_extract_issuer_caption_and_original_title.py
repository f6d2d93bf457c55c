"""h-real25's rules from third-party producers (set third27: django-oscar-invoices' HTML invoice, a JSON-to-HTML
invoice CLI), each worded generally, with text of our own."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def test_an_issuer_caption_with_its_name_on_the_line_names_the_seller() -> None:
    # GIVEN "Issuer: <name>" and "Client: <name>" paragraphs under the title
    text = (
        "Invoice Q-7781\n"
        "Date: 2026-05-04\n"
        "Issuer: Moorfield Glazing Contractors Ltd\n"
        "Client: Abbotsbury Community Trust\n"
        "Description              Quantity    Price       Total\n"
        "Double glazed unit             4    $210.00     $840.00\n"
        "Total                                           $840.00\n"
    )
    got = _read(text)
    # THEN the seller is the name after the caption, without the caption
    assert got.vendor is not None
    assert got.vendor.name == "Moorfield Glazing Contractors Ltd"


def test_original_invoice_opening_the_page_is_the_documents_own_number() -> None:
    # GIVEN a page that opens with "Original invoice #<n>" (an original as opposed to a copy), no credit note
    text = (
        "                    Original invoice #31000417\n"
        "                                                  Order #900417\n"
        "                                                  Date: 09.03.2026\n"
        "Tern Valley Outdoor Ltd\n"
        "VAT ID: GB123456789\n"
        "Description            Quantity      Unit price       Total\n"
        "Camping stove               2           £45.00      £90.00\n"
        "                                    Order total:     £90.00\n"
    )
    # THEN its number is the invoice's
    assert _read(text).invoice_number == "31000417"


def test_original_invoice_on_a_credit_note_still_names_the_credited_invoice() -> None:
    # GIVEN a credit note whose first line refers to the original invoice
    text = (
        "Original invoice #31000417\n"
        "Credit note no. CN-2026-008\n"
        "Date: 12.03.2026\n"
        "Tern Valley Outdoor Ltd\n"
        "Camping stove returned                        -£45.00\n"
        "Total                                         -£45.00\n"
    )
    # THEN the credit note's own number is read, not the credited invoice's
    assert _read(text).invoice_number == "CN-2026-008"
