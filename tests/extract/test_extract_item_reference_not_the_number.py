"""A number label on an item's own lines (its reference or code under its row) names the item's reference,
never the invoice's number; each case a document of our own."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read_text(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


_TOTALS = (
    "\n                                         Base imponible:          312,40 €\n"
    "                                         IVA 21 %:                 65,60 €\n"
    "                                         Total:                   378,00 €\n"
)


def test_a_reference_under_an_item_row_is_not_the_invoice_number() -> None:
    # GIVEN an invoice titled with its number, whose item carries its own reference on the line under its row
    text = (
        "Talleres Aranda Montes S.L.\nCalle del Cierzo 8, 50003 Zaragoza\nCIF B50918273\n\n"
        "Cliente: Viveros Lusitania S.A.\nAvenida de Oporto 21, 37008 Salamanca\n\n"
        "FACTURA TA-2026-0193 del 14/05/2026\n\n"
        " Descripción                                     Cant.     Precio      Total\n"
        " Bomba de riego sumergible 1,5 kW                   2      156,20     312,40\n"
        " Referencia: BRS-4470\n" + _TOTALS
    )
    # WHEN it is read
    result = _read_text(text)
    # THEN the number is the title's, and the item's reference is no number of the invoice
    assert result.invoice_number == "TA-2026-0193"


def test_a_labelled_reference_above_the_items_still_numbers_the_invoice() -> None:
    # GIVEN the same label heading the page's facts, above the item table (its use as the invoice's number)
    text = (
        "Talleres Aranda Montes S.L.\nCalle del Cierzo 8, 50003 Zaragoza\nCIF B50918273\n\n"
        "Cliente: Viveros Lusitania S.A.\n\nFACTURA\nReferencia: TA-2026-0194\nFecha: 15/05/2026\n\n"
        " Descripción                                     Cant.     Precio      Total\n"
        " Bomba de riego sumergible 1,5 kW                   2      156,20     312,40\n" + _TOTALS
    )
    # WHEN it is read  THEN the labelled reference is the invoice's number
    assert _read_text(text).invoice_number == "TA-2026-0194"
