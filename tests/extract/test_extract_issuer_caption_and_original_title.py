"""h-real25's rules from third-party producers (set third27: django-oscar-invoices' HTML invoice, a JSON-to-HTML
invoice CLI, django-invoicing's Bootstrap invoice, gen-invoice's sectioned table), each worded generally, with text of our own."""

from __future__ import annotations

from decimal import Decimal

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


def test_a_tax_label_that_reads_as_a_currency_code_is_a_label_over_its_figure() -> None:
    # GIVEN a summary printed as labels over their figures, the tax's label three capitals ("VAT")
    text = (
        "Invoice 2026/14\n"
        "Kestrel Print Works Ltd\n"
        "Description            Quantity    Unit price       Amount\n"
        "Leaflets A5                   2        120.00       240.00\n"
        "Posters A2                    1         95.50        95.50\n"
        "Summary:\n"
        "Base\n"
        "335.50 GBP\n"
        "VAT\n"
        "67.10 GBP\n"
        "Total\n"
        "Total due\n"
        "402.60 GBP\n"
    )
    got = _read(text)
    # THEN the total is the figure under "Total due", not the net and tax paired with the labels
    assert got.total == Decimal("402.60")
    assert got.tax_total == Decimal("67.10")


def test_a_slovak_title_word_names_the_number_beside_it_over_a_payment_reference() -> None:
    # GIVEN "Faktúra <number>" as the title and a variable symbol (the payment reference) further down
    text = (
        "Faktúra VF2026-0031\n"
        "Dodávateľ\n"
        "Horský Servis s.r.o.\n"
        "Námestie SNP 4, 974 01 Banská Bystrica\n"
        "Dátum vystavenia: 05.02.2026\n"
        "Variabilný symbol: 44019273\n"
        "Popis                         Počet     Cena        Spolu\n"
        "Servis bicykla                    1    45,00        45,00\n"
        "Celkom                                              45,00 EUR\n"
    )
    # THEN the number is the title's
    assert _read(text).invoice_number == "VF2026-0031"


def test_a_count_set_one_space_after_the_description_under_the_quantity_heading_is_the_quantity() -> None:
    # GIVEN item rows whose quantity sits under "Quantity", one space after the description's last word
    text = (
        "Invoice 2026-118\n"
        "Date: 04.02.2026\n"
        "Skyline Roofing Ltd\n"
        "ID   Description              Quantity Unit   Unit price      Amount\n"
        "1    Gutter clearing, at front 3       m      12.50           37.50\n"
        "2    Ridge tiles, replacement 12       pcs.   8.00            96.00\n"
        "Total                                                   133.50\n"
    )
    lines = _read(text).lines
    # THEN the description ends before the count, and the count is the quantity
    assert [(line.description, line.quantity) for line in lines] == [
        ("Gutter clearing, at front", Decimal("3")),
        ("Ridge tiles, replacement", Decimal("12")),
    ]


def test_a_bare_subtotal_between_two_groups_of_rows_does_not_end_the_items() -> None:
    # GIVEN rows in groups, each opened by its heading and closed by a bare "Subtotal" row
    text = (
        "Invoice #5521\n"
        "Date: 2026-06-02\n"
        "Glenrowan Joinery Pty Ltd\n"
        "Item Description                Quantity        Unit Price          Total\n"
        "Workshop\n"
        "Cut and edge panels                    4           $55.00          $220.00\n"
        "Subtotal                                                           $220.00\n"
        "On site\n"
        "Install wardrobe doors                 2          $140.00          $280.00\n"
        "Removal of old doors                   1           $60.00           $60.00\n"
        "Subtotal                                                           $340.00\n"
        "Tax (GST)                                                           $56.00\n"
        "Total                                                              $616.00\n"
    )
    lines = _read(text).lines
    # THEN every group's rows are items, and no subtotal is one
    assert [line.description for line in lines] == [
        "Cut and edge panels",
        "Install wardrobe doors",
        "Removal of old doors",
    ]
