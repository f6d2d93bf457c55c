"""h-real24's rules from third-party producers (set third26: Tryton's invoice report, LaTeX facture.cls, satcfdi's
CFDI printout, an Indian GST billing app's templates), each worded generally, with text of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument, Word
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.layout import document_lines


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _read_words(rows: list[tuple[float, float, float, str]]) -> InvoiceExtraction:
    """A page from word boxes: (x0, top, font size, text) per run of words, each word as wide as its letters."""
    words = []
    for x0, top, size, text in rows:
        x = x0
        for word in text.split():
            width = 0.55 * size * len(word)
            words.append(Word(text=word, x0=x, y0=top, x1=x + width, y1=top + size, font_size=size, page=1))
            x += width + 0.3 * size
    # the page's text laid out from the boxes, as the PDF reader gives it beside them
    laid = document_lines(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="", words=words)])
    )
    text = "".join(f"{line.text}\n" for line in laid)
    page = PageText(number=1, text=text, words=words, width=595, height=842)
    return extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[page]), engine="rules", text_only=True
    )


def test_a_french_due_label_without_le_reads_the_date_beside_it() -> None:
    # GIVEN "À payer avant :" (pay before) with its date, no "le" between them
    text = (
        "Imprimerie Vasseur SARL                         Facture n° 2026-044\n"
        "8 rue des Forges, 59800 Lille                   Date : 3 mars 2026\n"
        "                                                À payer avant : 2 avril 2026\n"
        "Client : Brasserie du Beffroi\n"
        "Désignation                     Quantité      Prix HT       Total HT\n"
        "Affiches A2 quadri                    50         3,20         160,00\n"
        "                                              Total TTC :     192,00 €\n"
    )
    # THEN it is the due date
    assert _read(text).due_date == dt.date(2026, 4, 2)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("REFACCIONES Y MAQUINARIA DEL", "BAJIO ORIENTE"),
        ("COOPERATIVA AGRICOLA DE", "LOS ALTOS"),
        ("ROYAL SOCIETY OF", "MODEL ENGINEERS"),
    ],
)
def test_a_name_line_ending_with_a_preposition_goes_on_in_the_line_under_it(first: str, second: str) -> None:
    # GIVEN a seller's name wrapped in its cell after "DEL" / "DE" / "OF", the buyer's beside it
    text = (
        "                              FACTURA\n"
        "Folio: 4821                                   Fecha de emisión: 2025-03-04\n"
        "Emisor                                        Receptor\n"
        f"{first:<46}PANADERIA LA ESPIGA DORADA\n"
        f"{second:<46}RFC: PED850101AB1\n"
        "RFC: RMO900215KQ7                             Uso CFDI: G03\n"
        "Descripción                     Cantidad    Valor unitario      Importe\n"
        "Filtro de aceite                      4            125.00         500.00\n"
        "                                                    Subtotal      500.00\n"
        "                                                    IVA 16%        80.00\n"
        "                                                    Total         580.00\n"
    )
    result = _read(text)
    # THEN the seller is both lines, the buyer untouched
    assert result.vendor.name == f"{first} {second}"
    assert result.buyer.name == "PANADERIA LA ESPIGA DORADA"


@pytest.mark.parametrize("form", ["E.I.R.L.", "EIRL", "SAC"])
def test_latin_american_legal_forms_close_a_sellers_name(form: str) -> None:
    # GIVEN a letterhead whose name ends with a Peruvian or Mexican legal form and holds a trade's word, and the
    # buyer's address block under it
    seller = f"Talleres Técnicos Andinos {form}"
    text = (
        f"                          {seller}\n"
        "                                Jr. Moquegua 415\n"
        "                                     Tacna\n"
        f"{seller}\n"
        "\n"
        "                                                   Hostal Los Portales S.A.\n"
        "                                                   Av. Bolognesi 120\n"
        "                                                   Tacna\n"
        "                          Factura Nº: F-2026-0012\n"
        "Fecha: 12/03/2026\n"
        "  Descripción                          Cantidad     Precio       Importe\n"
        "  Revisión de frenos                        1 u    180,00 €     180,00 €\n"
        "                                                        Total:   212,40 €\n"
    )
    result = _read(text)
    # THEN the seller is the letterhead's name, the buyer the addressed block's
    assert result.vendor.name == seller
    assert result.buyer.name == "Hostal Los Portales S.A."


def test_a_combined_delivery_and_billing_heading_is_no_name() -> None:
    # GIVEN one block headed "Livraison et facturation" (deliver and bill to) under a letterhead
    text = (
        "Menuiserie Caron                                     12 rue du Port\n"
        "                                                     56100 Lorient\n"
        "                                                            Facture\n"
        "Livraison et Facturation            Date :  4 mars 2026\n"
        "Mairie de Quimperlé                 Facture n°   318\n"
        "1 place Hervé                       Code client :   C118\n"
        "29300 Quimperlé\n"
        "Produit              Quantité       Prix       Total\n"
        "Étagère chêne               2     140,00 €   280,00 €\n"
        "                                  Total :    280,00 €\n"
    )
    result = _read(text)
    # THEN the block's first line under the heading is the buyer, and no heading is the seller
    assert result.buyer.name == "Mairie de Quimperlé"
    assert result.vendor.name == "Menuiserie Caron"


def test_a_name_set_large_goes_on_across_small_lines_of_another_column() -> None:
    # GIVEN a letterhead's name in large type wrapped at a hyphen, the sender's address lines in small type to its
    # right falling between the name's two lines in reading order
    rows = [
        (60, 40, 20, "Glaserei Hoff-"),
        (330, 40, 9, "Kirchgasse 7"),
        (330, 52, 9, "35037 Marburg"),
        (330, 64, 9, "info@glaserei-marburg.de"),
        (60, 68, 20, "mann OHG"),
        (330, 76, 9, "Tel. 06421 55 12"),
        (60, 130, 10, "Rechnung Nr. 2026-118"),
        (60, 144, 10, "Datum: 03.03.2026"),
        (60, 170, 10, "An: Praxis Dr. Selma Yilmaz"),
        (60, 200, 10, "Bezeichnung"),
        (300, 200, 10, "Menge"),
        (400, 200, 10, "Betrag"),
        (60, 214, 10, "Isolierglas 4/16/4"),
        (300, 214, 10, "2"),
        (400, 214, 10, "410,00"),
        (300, 240, 10, "Gesamtbetrag"),
        (400, 240, 10, "487,90 EUR"),
    ]
    # THEN both lines are the name, the broken syllable joined
    assert _read_words(rows).vendor.name == "Glaserei Hoffmann OHG"


def test_a_bare_gstin_under_a_letterhead_is_the_sellers_and_the_one_under_bill_to_the_buyers() -> None:
    # GIVEN Indian GSTINs printed with no label: the seller's under its letterhead, the buyer's in its block
    text = (
        "Mahalaxmi Steel Traders\n"
        "Plot 14, MIDC Bhosari, Pune, Maharashtra, 411026\n"
        "27AAPFM5132K1ZX\n"
        "                                 Invoice\n"
        "Bill To                                        Invoice No :        MS-0412\n"
        "Konkan Fabricators                             Bill Date :      04/03/2026\n"
        "27AACCK4417L1ZE\n"
        " #  ITEM NAMES            HSN     QTY      RATE      TAX AMT      TOTAL\n"
        " 1  MS Angle 50x50x5      7216    10    520.00       936.00    6136.00\n"
        "                                         TOTAL AMOUNT            ₹6136\n"
    )
    result = _read(text)
    # THEN each is read for its party
    assert result.vendor.vat_id == "27AAPFM5132K1ZX"
    assert result.buyer.vat_id == "27AACCK4417L1ZE"


def _cell_wrap_page(total_head: str, total_tail: str) -> list[tuple[float, float, float, str]]:
    # a narrow amount column: the total's last digits wrapped under it, right-aligned as the cell is
    head_x = 420.0
    head_width = 0.55 * 10 * len(total_head)
    tail_x = head_x + head_width - 0.55 * 10 * len(total_tail)
    return [
        (60, 40, 14, "Kestrel Joinery Ltd"),
        (60, 60, 10, "4 Mill Lane, Hexham NE46 1AB"),
        (60, 100, 10, "Invoice No: KJ-2207"),
        (60, 114, 10, "Date: 09/03/2026"),
        (60, 140, 10, "Description"),
        (250, 140, 10, "Quantity"),
        (330, 140, 10, "Unit Price"),
        (420, 140, 10, "Amount"),
        (60, 154, 10, "Oak staircase, fitted"),
        (250, 154, 10, "1"),
        (330, 154, 10, "3,598.80"),
        (420, 154, 10, "3,598.80"),
        (330, 180, 10, "Total:"),
        (380, 180, 10, "GBP"),
        (head_x, 180, 10, total_head),
        (tail_x, 191, 10, total_tail),
    ]


def test_a_figures_digits_wrapped_under_it_in_a_narrow_cell_are_joined_a_next_rows_are_not() -> None:
    # GIVEN a total whose last digit wrapped to the next line of its cell ("4,318.5" over "6")
    result = _read_words(_cell_wrap_page("4,318.5", "6"))
    # THEN the total is the whole figure
    assert str(result.total) == "4318.56"
    # AND GIVEN quantities with one decimal, the next row's under the first (the row prints its description)
    rows = [
        (60, 40, 14, "Kestrel Joinery Ltd"),
        (60, 100, 10, "Invoice No: KJ-2208"),
        (60, 114, 10, "Date: 09/03/2026"),
        (60, 140, 10, "Description"),
        (250, 140, 10, "Hours"),
        (330, 140, 10, "Rate"),
        (420, 140, 10, "Amount"),
        (60, 154, 10, "Site survey"),
        (250, 154, 10, "2.5"),
        (330, 154, 10, "40.00"),
        (420, 154, 10, "100.00"),
        (60, 166, 10, "Fitting"),
        (261, 166, 10, "3"),
        (330, 166, 10, "40.00"),
        (420, 166, 10, "120.00"),
        (330, 190, 10, "Total:"),
        (420, 190, 10, "220.00"),
    ]
    result = _read_words(rows)
    # THEN each row keeps its own quantity
    assert [str(line.quantity) for line in result.lines] == ["2.5", "3"]
