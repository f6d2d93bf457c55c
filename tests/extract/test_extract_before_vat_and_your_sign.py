"""GIVEN invoices whose net amount is labelled "amount before VAT" in a Nordic language, or whose buyer's
order reference stands under the German letter's "Ihr Zeichen" (your reference)
WHEN the page is read THEN the subtotal and the order reference are read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice


def _read(text: str):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, text_only=True)


_NORDIC = """\
Ulla Sandberg Måleri                                               {buyer_caption}
Kvarngatan 7                                                       Fjällstugan {buyer_form}
{postcode}                                                         Sjövägen 3

                                      {title}
 {number_label}    {number}
 {date_label}     {date}

 {item_header}                                                Totalt
 Fasadmålning                                                              1 240,00
                                     {goods}                              1 240,00
                                     {shipping}                              60,00
                                     {before_vat}                         1 300,00
                                     {vat} 25 %                             325,00
                                     {total}                              1 625,00
"""

_CASES = {
    "sv": dict(
        buyer_caption="Kund", buyer_form="AB", postcode="802 50 Gävle", title="FAKTURA",
        number_label="Fakturanr", number="2026-118", date_label="Datum", date="2026-03-04",
        item_header="Beskrivning", goods="Summa rader", shipping="Frakt",
        before_vat="Belopp före moms", vat="Moms", total="Att betala",
    ),
    "da": dict(
        buyer_caption="Kunde", buyer_form="ApS", postcode="8000 Aarhus C", title="FAKTURA",
        number_label="Fakturanr.", number="2026-118", date_label="Dato", date="04.03.2026",
        item_header="Beskrivelse", goods="Varer i alt", shipping="Fragt",
        before_vat="Beløb før moms", vat="Moms", total="At betale",
    ),
    "nb": dict(
        buyer_caption="Kunde", buyer_form="AS", postcode="0150 Oslo", title="FAKTURA",
        number_label="Fakturanr.", number="2026-118", date_label="Dato", date="04.03.2026",
        item_header="Beskrivelse", goods="Varer totalt", shipping="Frakt",
        before_vat="Sum før mva", vat="Mva", total="Å betale",
    ),
}


@pytest.mark.parametrize("language", sorted(_CASES))
def test_the_amount_before_vat_is_the_subtotal(language: str) -> None:
    extraction = _read(_NORDIC.format(**_CASES[language]))
    assert extraction.subtotal is not None
    assert extraction.subtotal == Decimal("1300.00")
    assert extraction.total is not None and extraction.total == Decimal("1625.00")


_GERMAN = """\
Malerbetrieb Quast GmbH                                        RECHNUNG
Ringstraße 4                                                   Rechnung Nr.     R-4471
34117 Kassel                                                   Datum            12.03.2026
                                                               Ihr Zeichen      BZ-7702/26
Pension Lerche KG
Talweg 9
36037 Fulda

Bezeichnung                                                   Menge     Preis      Gesamt
Treppenhaus streichen                                             1    800,00      800,00
                                              Summe netto                         800,00
                                              Umsatzsteuer 19 %                   152,00
                                              Rechnungsbetrag                     952,00
"""


def test_the_buyers_reference_under_ihr_zeichen_is_the_order_reference() -> None:
    extraction = _read(_GERMAN)
    assert extraction.po_numbers == ["BZ-7702/26"]
    assert extraction.invoice_number is not None and extraction.invoice_number == "R-4471"
