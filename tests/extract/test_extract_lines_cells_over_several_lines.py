"""GIVEN item tables whose cells run over several lines, each cell set at the bottom or in the middle of its
row (report writers, HTML tables), WHEN extracted THEN every row keeps its whole description and its own
figures: the page's gaps tell where one row ends and the next begins, and a row whose quantity, price and
amount stand on different lines is read as one."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from fpdf import FPDF

from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf


def _pdf(texts: list[tuple[float, float, str]], *, size: float = 9) -> bytes:
    """An A4 page with each text's baseline-left corner at (x, y) millimetres from the top-left."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    for x, y, text in texts:
        pdf.text(x, y, text)
    return bytes(pdf.output())


def _head(title: str, number: str, seller: str) -> list[tuple[float, float, str]]:
    return [(15, 20, seller), (15, 25, "Hauptstrasse 4, 10115 Berlin"), (130, 20, title), (130, 25, number)]


def test_a_cell_set_at_the_bottom_of_its_row_keeps_its_first_lines_from_the_row_above() -> None:
    # GIVEN a table whose rows are padded and whose cells stand at the bottom of their row: a description
    # wrapped over three and two lines, the row's figures on its last line
    texts = [
        *_head("Rechnung", "Rechnungsnr. RE-5521", "Kaltetechnik Nord GmbH"),
        (15, 60, "Pos"), (25, 60, "Bezeichnung"), (95, 60, "Menge"), (120, 60, "Einzelpreis"), (165, 60, "Gesamt"),
        (25, 68, "Wartung der Kaeltemaschine"), (25, 72, "im Technikraum, inklusive"),
        (15, 76, "1"), (25, 76, "Dichtheitspruefung"), (97, 76, "2"), (122, 76, "145,00"), (167, 76, "290,00"),
        (25, 84, "Austausch Ventilator"),
        (15, 88, "2"), (25, 88, "Fabrikat Ziehl, Typ ZA 40"), (97, 88, "1"), (122, 88, "612,40"), (167, 88, "612,40"),
        (15, 96, "3"), (25, 96, "Anfahrtspauschale"), (97, 96, "1"), (124, 96, "48,00"), (169, 96, "48,00"),
        (120, 108, "Nettobetrag"), (167, 108, "950,40"),
        (120, 113, "MwSt. 19 %"), (167, 113, "180,58"),
        (120, 118, "Gesamtbetrag"), (165, 118, "1.130,98"),
    ]  # fmt: skip
    result = extract_invoice(read_pdf(_pdf(texts)))
    # THEN each row holds its own lines of words, none of the next row's
    assert [(line.description, line.amount) for line in result.lines] == [
        ("Wartung der Kaeltemaschine im Technikraum, inklusive Dichtheitspruefung", Decimal("290.00")),
        ("Austausch Ventilator Fabrikat Ziehl, Typ ZA 40", Decimal("612.40")),
        ("Anfahrtspauschale", Decimal("48.00")),
    ]


def test_a_row_whose_figures_stand_half_a_line_apart_is_read_as_one_row() -> None:
    # GIVEN cells centred on their row: the description and the amount ("1 234,50" over "EUR") run over two
    # lines, so the quantity and the unit price stand half a line lower than the amount, between them
    texts = [
        *_head("Facture", "Facture n° F-2026-118", "Nettoyage Lambert SARL"),
        (15, 60, "Designation"), (80, 60, "Qte"), (100, 60, "P.U. HT"), (150, 60, "Montant HT"),
        (15, 68, "Nettoyage des vitres"), (150, 68, "1 234,50"),
        (82, 70, "3"), (100, 70, "411,50"),
        (15, 72, "du hall d'accueil"), (154, 72, "EUR"),
        (150, 82, "37,50"),
        (15, 84, "Fournitures de bureau"), (82, 84, "2"), (100, 84, "18,75"),
        (152, 86, "EUR"),
        (110, 100, "Total HT"), (150, 100, "1 272,00 EUR"),
        (110, 105, "TVA 20 %"), (152, 105, "254,40 EUR"),
        (110, 110, "Total TTC"), (150, 110, "1 526,40 EUR"),
    ]  # fmt: skip
    result = extract_invoice(read_pdf(_pdf(texts)))
    # THEN each row has its quantity, unit price and amount, and its description whole
    assert [(line.description, line.quantity, line.unit_price, line.amount) for line in result.lines] == [
        ("Nettoyage des vitres du hall d'accueil", Decimal(3), Decimal("411.50"), Decimal("1234.50")),
        ("Fournitures de bureau", Decimal(2), Decimal("18.75"), Decimal("37.50")),
    ]


def test_a_unit_set_one_space_before_the_price_is_cut_from_it() -> None:
    # GIVEN narrow columns: the unit ends one space before the unit price, the net and the gross beside it
    texts = [
        *_head("Invoice", "Invoice No. 7731", "Harbour Survey Ltd"),
        (15, 60, "Description"), (70, 60, "Qty"), (82, 60, "Unit"), (95, 60, "Unit price"), (118, 60, "Net"),
        (135, 60, "VAT"), (150, 60, "Total"),
        (15, 68, "Site survey"), (71, 68, "2"), (82, 68, "hours 95.00"), (118, 68, "190.00"), (135, 68, "20%"),
        (150, 68, "228.00"),
        (15, 74, "Drone images"), (71, 74, "1"), (82, 74, "set 240.00"), (118, 74, "240.00"), (135, 74, "20%"),
        (150, 74, "288.00"),
        (110, 90, "Subtotal"), (150, 90, "430.00"),
        (110, 95, "VAT 20%"), (150, 95, "86.00"),
        (110, 100, "Total due"), (150, 100, "516.00"),
    ]  # fmt: skip
    result = extract_invoice(read_pdf(_pdf(texts)))
    # THEN the unit price is read beside the unit, not lost with it
    assert [(line.quantity, line.unit_price, line.amount) for line in result.lines] == [
        (Decimal(2), Decimal("95.00"), Decimal("190.00")),
        (Decimal(1), Decimal("240.00"), Decimal("240.00")),
    ]


def test_a_currency_code_wrapped_under_a_narrow_figure_leaves_the_description_whole() -> None:
    # GIVEN cells set at the top of their row: each figure's currency code wraps onto the line of the
    # description's second line
    texts = [
        *_head("Factuur", "Factuurnummer 2026-0412", "Schildersbedrijf Bakker"),
        (15, 60, "Omschrijving"), (80, 60, "Aantal"), (100, 60, "Prijs"), (150, 60, "Bedrag"),
        (15, 68, "Schilderen van de"), (82, 68, "6"), (100, 68, "42,50"), (150, 68, "255,00"),
        (15, 72, "achtergevel en dakgoten"), (101, 72, "EUR"), (151, 72, "EUR"),
        (15, 80, "Steigerhuur per week"), (82, 80, "2"), (100, 80, "95,00"), (150, 80, "190,00"),
        (15, 84, "inclusief opbouw"), (101, 84, "EUR"), (151, 84, "EUR"),
        (110, 100, "Subtotaal"), (150, 100, "445,00 EUR"),
        (110, 105, "Btw 21 %"), (151, 105, "93,45 EUR"),
        (110, 110, "Totaal"), (150, 110, "538,45 EUR"),
    ]  # fmt: skip
    result = extract_invoice(read_pdf(_pdf(texts)))
    # THEN the description's second line is read with it, the codes left out
    assert [(line.description, line.amount) for line in result.lines] == [
        ("Schilderen van de achtergevel en dakgoten", Decimal("255.00")),
        ("Steigerhuur per week inclusief opbouw", Decimal("190.00")),
    ]
