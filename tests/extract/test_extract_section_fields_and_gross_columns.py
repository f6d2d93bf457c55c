"""Conventions that third-party layouts nobody on the team wrote showed (session 18), each general: a VAT
summary whose gross column's heading is no totals label ("TTC" alone) still gives the total by its
arithmetic; the Czech "Celková cena:" closes a document with its total; the Latin American
"Comp. Nro" (comprobante number) labels the invoice number, and an authorization code's expiry
("Vto. de CAE") is no payment due date; a section heading alone on its line over a block of fields in
two columns names the party in its "Razón Social:" field, and a "Condición de venta: …" field is no
name; a buyer heading in a column of labels has the party's block in the column beside it. Texts of
our own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


def test_a_vat_summary_gross_column_without_a_totals_label_is_the_total() -> None:
    text = (
        "Menuiserie Caron\n14 rue des Forges\n21000 Dijon\n\n"
        "Facture : FC-2291\n"
        "Date de la facture     Date d'échéance\n"
        "03/04/2025             03/05/2025\n\n"
        "Désignation                    Quantité     Prix unitaire     Montant HT\n"
        "Étagère chêne                       2          310.00€          620.00€\n"
        "Pose                                1          180.00€          180.00€\n\n"
        "                     Taux TVA        Base HT        MT TVA          TTC\n"
        "                        20.0%        800.00€       160.00€       960.00€\n"
    )
    for result in _both(text):
        assert result.total == Decimal("960.00")
        assert result.subtotal == Decimal("800.00")
        assert result.tax_total == Decimal("160.00")


def test_the_czech_total_price_label_closes_the_document() -> None:
    text = (
        "Faktura 2025117\n\n"
        "Dodavatel                                   Odběratel\n"
        "Truhlářství Dub s.r.o.                      Kavárna Na Rohu s.r.o.\n"
        "Lipová 8                                    Dlouhá 41\n"
        "602 00 Brno                                 110 00 Praha\n\n"
        "Datum vystavení: 12. 05. 2025\n"
        "Datum splatnosti: 26. 05. 2025\n\n"
        "Položka                  Počet   MJ       Cena za MJ          Celkem\n"
        "Stůl z dubu                  2   ks     4 200,00 Kč     8 400,00 Kč\n"
        "Doprava                      1   ks       650,00 Kč       650,00 Kč\n\n"
        "Celková cena: 9 050,00 Kč\n"
    )
    for result in _both(text):
        assert result.total == Decimal("9050.00")


_ARGENTINE = (
    "            Ferretería Los Andes                                      FACTURA\n"
    "                                                        B       Punto de Venta: 0002 Comp. Nro: 00004711\n"
    "Razón Social: Ferretería Los Andes S.R.L.                       Fecha de Emisión: 10/02/2025\n"
    "Domicilio Comercial: Av. San Juan 220, Salta                    CUIT: 30-70000000-7\n\n"
    "Período Facturado Desde:           Hasta:                       Fecha de Vto. para el pago:\n"
    "01/01/2025                         31/01/2025                   25/02/2025\n"
    "DATOS DEL RECEPTOR\n"
    "CUIT: 20-20000000-6                                   Razón Social: Panadería El Molino\n"
    "Condición IVA: Consumidor Final                       Domicilio Comercial:\n"
    "Condición de venta: Contado\n\n"
    "Producto / Servicio                 Cantidad     Precio Unit.        Subtotal\n"
    "Martillo de carpintero                  2,00       $8.000,00      $16.000,00\n\n"
    "                                                 Importe Neto Gravado:  $16.000,00\n"
    "                                                             IVA 21%:   $3.360,00\n"
    "                                                       Importe Total:  $19.360,00\n\n"
    "                                                       CAE N°: 71234567890123\n"
    "                                         Fecha de Vto. de CAE: 20/02/2025\n"
)


def test_a_comprobante_number_label_names_the_invoice_number() -> None:
    for result in _both(_ARGENTINE):
        assert result.invoice_number == "00004711"


def test_an_authorization_codes_expiry_is_no_due_date() -> None:
    for result in _both(_ARGENTINE):
        assert result.due_date == date(2025, 2, 25)


def test_a_legal_name_field_beside_another_field_under_a_section_heading_names_the_buyer() -> None:
    for result in _both(_ARGENTINE):
        assert result.buyer.name == "Panadería El Molino"


def test_a_field_of_the_buyer_block_is_no_name() -> None:
    # no legal name field: the block's "Condición de venta: Contado" is a field, never the buyer
    text = _ARGENTINE.replace("Razón Social: Panadería El Molino", "Domicilio: Belgrano 12")
    for result in _both(text):
        assert result.buyer.name != "Condición de venta: Contado"


def test_a_buyer_heading_in_a_column_of_labels_has_the_block_beside_it() -> None:
    text = (
        " Facture : 2025-0412\n"
        "  N° Client :       C117                              Verrerie Aubert SAS\n"
        "  Référence :       BC-881                            9 quai du Port\n"
        "                                                      13002 MARSEILLE - FR\n"
        "  Date de la facture      Date d'échéance        Référence\n"
        "  14/03/2025              13/04/2025             BC-881\n"
        "  Description                        Quantité   Unité  Prix unitaire   TVA     Montant HT\n"
        "  Vitrage feuilleté                      3.0       U        150.00€  20.0%        450.00€\n"
        "  Pose                                   1.0       h        120.00€  20.0%        120.00€\n"
        "                                     Taux TVA       Base HT        MT TVA            TTC\n"
        "                                        20.0%       570.00€       114.00€        684.00€\n"
        "                                                                    Total :      684.00€\n"
        "  Adresse Client             Cave Coopérative du Ventoux\n"
        "                             84400 APT\n"
        "Verrerie Aubert SAS | 9 quai du Port, 13002 MARSEILLE\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Cave Coopérative du Ventoux"
