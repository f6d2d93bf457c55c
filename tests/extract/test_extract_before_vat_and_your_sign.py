"""GIVEN invoices whose net amount is labelled "amount before VAT" in a Nordic language, whose buyer's
order reference stands under the German letter's "Ihr Zeichen" (your reference), whose number's label is
joined to the number by leader dots, or whose "Our ref." is one space before a number-shaped value
WHEN the page is read THEN the subtotal, the order reference and the number are read."""

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
        buyer_caption="Kund",
        buyer_form="AB",
        postcode="802 50 Gävle",
        title="FAKTURA",
        number_label="Fakturanr",
        number="2026-118",
        date_label="Datum",
        date="2026-03-04",
        item_header="Beskrivning",
        goods="Summa rader",
        shipping="Frakt",
        before_vat="Belopp före moms",
        vat="Moms",
        total="Att betala",
    ),
    "da": dict(
        buyer_caption="Kunde",
        buyer_form="ApS",
        postcode="8000 Aarhus C",
        title="FAKTURA",
        number_label="Fakturanr.",
        number="2026-118",
        date_label="Dato",
        date="04.03.2026",
        item_header="Beskrivelse",
        goods="Varer i alt",
        shipping="Fragt",
        before_vat="Beløb før moms",
        vat="Moms",
        total="At betale",
    ),
    "nb": dict(
        buyer_caption="Kunde",
        buyer_form="AS",
        postcode="0150 Oslo",
        title="FAKTURA",
        number_label="Fakturanr.",
        number="2026-118",
        date_label="Dato",
        date="04.03.2026",
        item_header="Beskrivelse",
        goods="Varer totalt",
        shipping="Frakt",
        before_vat="Sum før mva",
        vat="Mva",
        total="Å betale",
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


_LEADER_FACTS = """\
                                                        Jadwiga Nowak Usługi Stolarskie
Hotel Zorza sp. z o.o.                                   {label} . . . . . . . . . . . . . . . . . . K/5512/26
ul. Polna 8                                              {date_label} . . . . . . . . . . . . . . . 14.04.2026
60-101 Poznań

Opis                                                                   Ilość      Cena       Kwota
Szafa dębowa                                                               1    500,00      500,00
                                                   Razem netto:                           500,00 PLN
                                                   VAT 23 %:                              115,00 PLN
                                                   Do zapłaty:                            615,00 PLN
"""


@pytest.mark.parametrize(("label", "date_label"), [("Numer", "Data wystawienia"), ("Our ref.", "Date")])
def test_a_number_label_joined_to_its_value_by_leader_dots_reads_the_number(
    label: str, date_label: str
) -> None:
    extraction = _read(_LEADER_FACTS.format(label=label, date_label=date_label))
    assert extraction.invoice_number == "K/5512/26"


_ONE_LINE_FACTS = """\
Tax Invoice
Our ref. Q-30417     ·  Date 09/02/2026      ·  Pay by 09/03/2026
Seller                                               Invoice to
Kestrel Glazing Ltd                                  Harbourside Cafe Ltd
4 Ropewalk                                           12 Dock Street
BS1 6AA Bristol                                      CF10 5AL Cardiff

Item                                               Units    Price (GBP)     Amount (GBP)
Window repair                                          1         200.00           200.00
                                             Net total                           200.00
                                             VAT 20%                              40.00
                                             Total (GBP)                         240.00
"""


def test_our_ref_one_space_before_a_number_shaped_value_labels_the_number() -> None:
    assert _read(_ONE_LINE_FACTS).invoice_number == "Q-30417"


_PORTUGUESE_RECEIPT = """\
                 Oficina Ramos & Filhos Lda.
                     Rua do Sol, 12
                    4000-322 Porto
                 Contribuinte: PT 501234567
                       Fatura-recibo
N.º: FR-2231
Data de emissão: 03/03/2026
N.º cliente: 1187
Revisão de travões
1 × 120,00                                           120,00
Subtotal:                                          120,00 €
Total IVA 23%:                                      27,60 €
Total documento:                                   147,60 €
"""


def test_a_bare_number_sign_before_a_lettered_number_labels_the_number() -> None:
    assert _read(_PORTUGUESE_RECEIPT).invoice_number == "FR-2231"
