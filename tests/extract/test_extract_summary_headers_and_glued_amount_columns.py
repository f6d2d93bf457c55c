"""Item tables of third-party layouts (session 18), each a general convention: a VAT summary's header
under the rows ("Sazba  Základ  DPH  Včetně DPH": a rate and amounts, no description) ends the items,
its rows are none; a line's "Subtotal" column (Spanish, Latin American tables) is its amount, and two
amount columns' names printed without a space between them ("SubtotalSubtotal c/IVA") are two
columns. Texts of our own."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


def test_a_vat_summary_header_under_the_rows_ends_the_items() -> None:
    text = (
        "Faktura - daňový doklad číslo 2025088\n\n"
        "Dodavatel                                   Odběratel\n"
        "Kovárna Hrubý s.r.o.                        Statek Lhota a.s.\n"
        "Polní 3                                     Lhota 12\n"
        "586 01 Jihlava                              588 32 Brtnice\n\n"
        "Datum vystavení: 02. 06. 2025\n\n"
        "Položka               Počet  MJ  Sazba DPH   Cena za MJ        Cena        DPH  Cena s DPH\n"
        "Kování vrat               2  ks       21 %     1 000,00    2 000,00     420,00    2 420,00\n"
        "Oprava pluhu              1  ks       12 %       500,00      500,00      60,00      560,00\n\n"
        "                        Sazba        Základ           DPH      Včetně DPH\n"
        "                         21 %      2 000,00        420,00        2 420,00\n"
        "                         12 %        500,00         60,00          560,00\n"
        "                        Celková cena:                          2 980,00 Kč\n"
    )
    for result in _both(text):
        assert [line.amount for line in result.lines] == [Decimal("2420.00"), Decimal("560.00")]


def test_a_subtotal_column_and_two_glued_amount_column_names() -> None:
    text = (
        "Electricidad Norte S.R.L.                              FACTURA\n"
        "Punto de Venta: 0001  Comp. Nro: 00000310\n"
        "Fecha de Emisión: 04/08/2025\n\n"
        " Código  Producto / Servicio      Cantidad   U. medida  Precio Unit.  % Bonif.  SubtotalSubtotal c/IVA\n"
        "         Cable unipolar 2,5 mm       10,00    unidades     $1.000,00     0,00  $10.000,00  $12.100,00\n"
        "         Llave térmica 20 A           2,00    unidades     $4.500,00     0,00   $9.000,00  $10.890,00\n\n"
        "                                        Importe Neto Gravado:   $19.000,00\n"
        "                                                     IVA 21%:    $3.990,00\n"
        "                                               Importe Total:   $22.990,00\n"
    )
    for result in _both(text):
        assert [line.description for line in result.lines] == ["Cable unipolar 2,5 mm", "Llave térmica 20 A"]
        assert [line.amount for line in result.lines] == [Decimal("10000.00"), Decimal("9000.00")]


def test_the_second_line_of_a_wrapped_item_header_is_no_vat_summary_header() -> None:
    # "netto  VAT" under "Cena  St.": the header's words the layout wrapped, the rows still to come
    text = (
        "Faktura VAT nr FV/88/03/2025\n"
        "Data wystawienia: 4 marca 2025\n\n"
        " Towar/usługa                            Ilość    jm        Cena        St.    Wartość\n"
        "                                                            netto     VAT\n"
        " Krzesło biurowe                             4    szt.    210,00      23 %     840,00\n"
        " Montaż                                      1    usł.     60,00      23 %      60,00\n\n"
        " Suma netto                                                                     900,00 zł\n"
        " VAT 23 % od 900,00                                                             207,00 zł\n"
        " Razem do zapłaty                                                             1 107,00 zł\n"
    )
    for result in _both(text):
        assert [line.amount for line in result.lines] == [Decimal("840.00"), Decimal("60.00")]
