"""GIVEN a shop's order confirmation that is also the invoice — the order's date printed first, the
document's own date under a label of its language's ("Erstellt am", "Utskriftsdatum", "Data" after "Data
comenzii") — WHEN the rules engine reads it THEN the invoice date is the document's, not the order's.
Texts of our own."""

from datetime import date

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice


def _date(text: str) -> date | None:
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    return result.invoice_date


@pytest.mark.parametrize(
    ("title", "order_label", "number_label", "date_label", "total_label", "issued"),
    [
        # German: the document's creation date ("Erstellt am") after the order's
        (
            "Bestellbestätigung / Rechnung",
            "Bestelldatum",
            "Belegnummer",
            "Erstellt am",
            "Gesamtsumme",
            date(2024, 12, 5),
        ),
        # Swedish: an invoice printed from its system dates itself by its print date
        ("Faktura", "Orderdatum", "Fakturanr", "Utskriftsdatum", "Totalt", date(2024, 12, 5)),
        # Romanian: the order's date in the genitive ("Data comenzii") is the order's, the bare "Data" the
        # document's
        ("Factură", "Data comenzii", "Factura nr.", "Data", "Total", date(2024, 12, 5)),
    ],
)
def test_the_documents_own_date_is_read_over_the_orders(
    title: str, order_label: str, number_label: str, date_label: str, total_label: str, issued: date
) -> None:
    text = (
        "  Fjällvik Trading\n"
        f"  {title}\n"
        f"   {order_label:<30}            03.12.2024\n"
        f"   {number_label:<30}            2024929204\n"
        f"   {date_label:<30}            05.12.2024\n"
        "  Weserblick AG\n"
        "  Gartenweg 58\n"
        "  96047 Bamberg\n"
        "   Artikel                                     Menge          Preis          Betrag\n"
        "   Schreibtischlampe                               3          25,95           77,85\n"
        f"                                    {total_label:<20}              77,85 EUR\n"
    )
    assert _date(text) == issued
