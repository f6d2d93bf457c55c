"""GIVEN an item row whose price and amount, each printed after its currency sign, run together in the text
layer, and a seller whose legal name (with its form) is printed apart from the address block under its
trading name (without it) WHEN the rows and the seller's address are read THEN each cell keeps its own
amount, and the address is the block's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.lines import recover_lines
from opsloop.extract.rules.parties import read_vendor_address


def _lines(text: str) -> list[Line]:
    return list(document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])))


def _recover(text: str):  # type: ignore[no-untyped-def]
    found, _ = recover_lines(_lines(text), None)
    return found


@pytest.mark.parametrize(
    ("sign", "price", "amount", "row_amount"),
    [
        ("$", "2,450.10", "24,501.00", Decimal("24501.00")),
        ("£", "3,100.25", "12,401.00", Decimal("12401.00")),
        ("R$", "4.120,50", "41.205,00", Decimal("41205.00")),
    ],
)
def test_a_price_and_amount_run_together_after_their_signs_stay_two_cells(
    sign: str, price: str, amount: str, row_amount: Decimal
) -> None:
    # GIVEN a narrow amount column: the widest row's price and amount have no space between them
    text = f"""
 Item        Description                      Qty          Price       Total
 Part        Brass fitting 3/4 in             2           {sign}12.40     {sign}24.80
 Labour      Installation hours               10      {sign}{price}{sign}{amount}
 Part        Sealing tape                     1            {sign}3.10      {sign}3.10
"""
    # WHEN the rows are read THEN the glued row is a line with its own amount, between the others
    rows = _recover(text)
    assert [row.amount for row in rows] == [Decimal("24.80"), row_amount, Decimal("3.10")]
    assert rows[1].quantity == Decimal(10)


def test_a_figure_glued_to_a_sign_and_a_bare_figure_is_not_cut() -> None:
    # GIVEN amounts printed with the sign after them ("12,00€"), glued to the next cell's figure
    text = """
 Désignation                         Qté        Prix       Montant
 Heures de conseil                     4     12,00€      48,00€
 Déplacement                           1     35,00€35,00€
"""
    # WHEN the rows are read THEN no row takes a cut made for signs printed before their amounts
    rows = _recover(text)
    assert rows[0].amount == Decimal("48.00")


def test_the_block_under_the_name_without_its_legal_form_gives_the_sellers_address() -> None:
    # GIVEN a trading name over its street and town at the top, and the legal name with its form in a footer
    text = (
        "Verrerie Delmas\n"
        "12 rue des Tanneurs\n"
        "31000 Toulouse\n"
        "Facture FA-2207\n"
        "Client : Hôtel Beauséjour\n"
        "Total TTC 1 200,00 €\n"
        "Verrerie Delmas SARL au capital de 8 000 € · SIREN 552 100 554\n"
    )
    lines = _lines(text)
    # WHEN the address of the name the footer prints is read THEN it is the top block's
    found = read_vendor_address(lines, lines[-1], "Verrerie Delmas SARL")
    assert found is not None and found[0] == "12 rue des Tanneurs, 31000 Toulouse"


def test_a_name_that_is_little_more_than_its_form_is_not_matched_without_it() -> None:
    # GIVEN a one-word name whose block at the top prints no form, and the name with its form in a footer
    text = "Delmas\n12 rue des Tanneurs\n31000 Toulouse\nFacture FA-2207\nDelmas SARL · SIREN 552 100 554\n"
    lines = _lines(text)
    # WHEN the address of the footer's name is read THEN one short word left is matched with no block
    assert read_vendor_address(lines, lines[-1], "Delmas SARL") is None


@pytest.mark.parametrize(
    "place", ["Lieu-dit La Croix Blanche", "Lieudit Le Moulin Neuf", "Hameau des Vignes"]
)
def test_a_french_locality_line_without_a_house_number_opens_the_sellers_address(place: str) -> None:
    # GIVEN a French seller block whose address line names a rural locality instead of a street and number
    text = (
        "Domaine Carrel\n"
        "                                                   Facture 2291\n"
        f"{place}\n"
        "71150 Chagny                                       Date : 04/03/2025\n"
        "contact@domaine.example\n"
        "Domaine Carrel SARL au capital de 20 000 € · SIREN 552 100 554\n"
    )
    lines = _lines(text)
    # WHEN the address of the name the footer prints is read THEN the locality line opens the top block's
    found = read_vendor_address(lines, lines[-1], "Domaine Carrel SARL")
    assert found is not None and found[0] == f"{place}, 71150 Chagny"


@pytest.mark.parametrize(
    "place", ["Lieu-dit La Croix Blanche", "Lieudit Le Moulin Neuf", "Hameau des Vignes"]
)
def test_a_french_rural_locality_reads_as_an_address_line(place: str) -> None:
    # GIVEN a French address line with no house number: a locality ("lieu-dit") or a hamlet ("hameau")
    from opsloop.extract.rules.parties import address_like

    # WHEN it is asked whether the line is part of an address THEN it is (never a tagline under the name)
    assert address_like(place)


@pytest.mark.parametrize("gap", ["", " "])
def test_the_argentine_receivers_name_label_names_the_buyer(gap: str) -> None:
    # GIVEN an Argentine electronic invoice's head: the issuer's "Razón Social:" field, and the receiver's
    # row with the label those invoices print for it ("Apellido y Nombre / Razón Social:"), the value maybe
    # set right after the colon
    from opsloop.extract.rules.parties import choose_buyer_name

    text = (
        "                     Ferretería Los Álamos                          FACTURA\n"
        " Razón Social: Ferretería Los Álamos                      Punto de Venta: 00003   Comp. Nro: 00000412\n"
        " Domicilio Comercial: Italia 77, Tandil                   Fecha de Emisión: 03/02/2025\n"
        f" CUIT: 30712345674                       Apellido y Nombre / Razón Social:{gap}Viñedos del Valle SA\n"
        " Condición frente al IVA: IVA Responsable Inscripto      Domicilio: Ruta 40 Km 3, Cafayate\n"
    )
    # WHEN the buyer is read THEN it is the receiver's name, never the issuer's
    assert choose_buyer_name(_lines(text), "Ferretería Los Álamos")[0] == "Viñedos del Valle SA"


def test_an_export_invoices_abbreviated_comprobante_label_names_the_number_not_the_authorization_code() -> (
    None
):
    # GIVEN an Argentine export invoice: "Compr. Nro:" over the point of sale and number, and a longer
    # authorization code ("CAE N°") under the totals
    from opsloop.extract import extract_invoice

    text = (
        "            Lagos del Sur SA                              FACTURA DE EXPORTACIÓN\n"
        "                                                          Compr. Nro: 00007-00000318\n"
        " Razón Social: Lagos del Sur SA                           Fecha de Emisión: 14/03/2025\n"
        " Señor(es): Baltic Foods GmbH   Domicilio: Hafenstraße 3, Hamburg\n"
        " Ítem  Descripción                        Cantidad     Precio Unit. (USD)   Total por ítem (USD)\n"
        " 0001  Aceite de oliva (caja)             10,000000          48,500000                485,00\n"
        "                                           Importe Total: USD                          485,00\n"
        "                                           CAE N°: 75110493826547\n"
    )
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    # WHEN the number is read THEN it is the comprobante's, point of sale and all
    assert result.invoice_number == "00007-00000318"
