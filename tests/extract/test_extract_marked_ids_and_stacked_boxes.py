"""GIVEN documents from generators nobody on the team wrote: a right-hand title over a "# id" line,
and a Spanish item table headed "Unitario / Unidades" WHEN the invoice is read THEN the marked
id is the document's number and the rows are items."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules

PAD = " " * 120


def _parsed(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(_parsed(text))


def test_a_number_sign_line_under_a_right_hand_title_is_the_number() -> None:
    # GIVEN a large right-aligned title over a smaller right-aligned "# id" line: in the layout text
    # the id's cell opens right of where the title's letters end
    text = f"""Marsh Lane Carpentry{PAD}      INVOICE
{PAD}                                      # 151
{PAD}                          Date:       12/05/2025
{PAD}                      Due Date:       11/06/2025

Bill To:     Ferncliff Dental Group
             8 Quay Street
Item                                   Units      Unit Price        Amount
Oak shelving                               2         $420.00       $840.00
                   Total amount incl. of VAT                       $840.00
"""
    # WHEN it is read THEN the marked id is the invoice's number
    assert _extract(text).invoice_number == "151"


def test_a_number_sign_line_left_of_the_title_is_not_its_number() -> None:
    # GIVEN a "# id" line in the left-hand column, under a title that closes its line far right
    text = f"""Marsh Lane Carpentry{PAD}      INVOICE
# 151
Date:       12/05/2025
Item                                   Units      Unit Price        Amount
Oak shelving                               2         $420.00       $840.00
                   Total                                           $840.00
"""
    # WHEN it is read THEN it is no number under the title
    assert _extract(text).invoice_number != "151"


def test_spanish_unit_price_and_units_headings_open_an_item_table() -> None:
    # GIVEN a Spanish item table headed "Unitario" (the unit price, "precio" left out) and "Unidades"
    # (the quantity), the price printed before the quantity
    text = """FACTURA                          2025/118                         04/10/2025
Cliente: Hostal Brisa S.L.
                       Descripción                                 Unitario        Unidades            Total
Revisión de calderas                                                   45,00               3           135,00
Sustitución de termostato                                             120,50               2           241,00
                                                                                     Subtotal          376,00
                                                                                Total factura          454,96
"""
    # WHEN it is read THEN both rows are items with their quantity, price and amount
    lines = _extract(text).lines
    assert [(x.description, x.quantity, x.unit_price, x.amount) for x in lines] == [
        ("Revisión de calderas", Decimal("3"), Decimal("45.00"), Decimal("135.00")),
        ("Sustitución de termostato", Decimal("2"), Decimal("120.50"), Decimal("241.00")),
    ]


def test_an_iban_in_a_justified_paragraph_is_read_across_its_stretched_gaps() -> None:
    # GIVEN a payment paragraph set justified: every gap of the line stretched, those between the
    # IBAN's groups too
    text = """Faktuur
Ostra Hout BV                                         Lena Visser
Datum 2025-03-17          Factuurnummer 2025-031
Omschrijving                          Aantal          Prijs           Totaal
Lasdraad 2 mm                              4       EUR 10,50       EUR 42,00
                                              Totaal te betalen    EUR 42,00
Gelieve   het   bedrag   te   voldoen   op   rekening   NL66   RABO   0312   4577   89   binnen   dertig
dagen.
"""
    # WHEN it is read THEN the IBAN is read whole
    assert _extract(text).vendor.iban == "NL66RABO0312457789"


def test_wide_gaps_of_a_line_that_is_no_justified_paragraph_join_no_iban() -> None:
    # GIVEN the same groups in a line with a single-spaced stretch (no justified paragraph): columns
    text = """Faktuur
Ostra Hout BV                                         Lena Visser
Datum 2025-03-17          Factuurnummer 2025-031
Omschrijving                          Aantal          Prijs           Totaal
Lasdraad 2 mm                              4       EUR 10,50       EUR 42,00
                                              Totaal te betalen    EUR 42,00
Rekening bij de bank   NL66   RABO   0312   4577   89
"""
    # WHEN it is read THEN no IBAN is made of the columns
    assert _extract(text).vendor.iban is None


def test_the_name_under_a_customer_box_heading_is_the_buyer() -> None:
    # GIVEN a customer box: headings "customer code / name / tax id" centred over their values, the
    # buyer a person (no legal form to single the name out)
    text = """                                 Carpintería Olmedo S.L.
                                 Calle del Río 4
                                 45001 Toledo
                                 CIF: B45123456
       DOCUMENTO                           CÓDIGO                           FECHA
FACTURA                          2025/0331                        04/10/2025

 Código de cliente                                       Nombre                                CIF/NIF
 5120                    Lucía Ferrer Soto                                              48291736Q
                              Descripción                          Unitario        Unidades       Total
Puerta de roble                                                      410,00               1      410,00
                                                                                   Total factura 496,10
"""
    # WHEN it is read THEN the name under the name heading is the buyer's
    assert _extract(text).buyer.name == "Lucía Ferrer Soto"


def test_a_box_without_a_customer_heading_names_no_buyer() -> None:
    # GIVEN the same row of headings without the customer's field (a contact box: any party's)
    text = """                                 Carpintería Olmedo S.L.
                                 Calle del Río 4
                                 45001 Toledo
                                 CIF: B45123456
FACTURA 2025/0331    04/10/2025

 Referencia                                              Nombre                                Teléfono
 5120                    Lucía Ferrer Soto                                              925 123 456
                              Descripción                          Unitario        Unidades       Total
Puerta de roble                                                      410,00               1      410,00
                                                                                   Total factura 496,10
"""
    # WHEN it is read THEN the box names no buyer
    assert _extract(text).buyer.name != "Lucía Ferrer Soto"
