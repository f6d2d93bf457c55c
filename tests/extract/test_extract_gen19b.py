"""Conventions found on a third outsider's generator (evals/synth20, office documents printed by LibreOffice),
each worded generally and tested with documents of our own."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fpdf import FPDF

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument, Word
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.ingest.layout import lay_out, layout_text
from opsloop.ingest.readers.pdf import read_pdf


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _sheet(title: str, label: str, number: str, date_label: str, day: str, total: str) -> str:
    return (
        "Nordwind Handel GmbH\nSeestraße 4\n20095 Hamburg\n"
        f"{title}\n\n{label}          {date_label}\n{number}          {day}\n\n"
        "Kunde\nBerger Bau KG\nAlleeweg 2\n80331 München\n\n"
        f"1   Consulting   2   500,00   1.000,00\n\n{total}\n"
    )


@pytest.mark.parametrize(
    ("title", "label", "number", "date_label", "day", "total"),
    [
        ("Proforma Invoice", "Proforma No.", "PF-2207", "Date", "03/05/2026", "Total   1,190.00"),
        ("PROFORMA-RECHNUNG", "Proforma-Nr.", "77120", "Datum", "03.05.2026", "Gesamtbetrag   1.190,00"),
        ("FAKTURA PRO FORMA", "Proforma nr", "PF/31/2026", "Data", "03.05.2026", "Razem brutto   1 190,00"),
        ("FATURA PRÓ-FORMA", "Pró-forma n.º", "2026/117", "Data", "03/05/2026", "Total   1 190,00"),
    ],
)
def test_a_proformas_own_number_label_gives_the_number(
    title: str, label: str, number: str, date_label: str, day: str, total: str
) -> None:
    # a proforma (payment asked in advance) labels its number with the document's own name
    assert _read(_sheet(title, label, number, date_label, day, total)).invoice_number == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # faktura abbreviated to "Fakt." before nr (Swedish and Danish forms)
        (
            "Ekholm Bygg AB\nStorgatan 3\n111 52 Stockholm\nFaktura\nFakt.nr      44871\nFakt.datum   2026-03-02\n"
            "Att betala   12 500,00 kr\n",
            "44871",
        ),
        # Italian: numero abbreviated to "Num." before documento
        (
            "Rossi Arredi S.r.l.\nVia Po 2\n10121 Torino\nFATTURA\nNum. documento      118/B\nData   02/03/2026\n"
            "Totale documento   1.220,00\n",
            "118/B",
        ),
        # an Italian credit note: "Numero nota"
        (
            "Rossi Arredi S.r.l.\nVia Po 2\n10121 Torino\nNota di credito\nNumero nota: 7/NC\nData: 02/03/2026\n"
            "Totale documento   122,00\n",
            "7/NC",
        ),
        # English credit note number under the initials CN
        (
            "Fenwick Tools Ltd\n2 Quay Street\nHull HU1 1AA\nCREDIT NOTE\nCN No. 00417\nDate 02/03/2026\n"
            "Total Credit   £240.00\n",
            "00417",
        ),
        # Portuguese: the title names the document type, then its number word
        (
            "Costa & Filhos Lda.\nRua Nova 8\n4000-100 Porto\nFatura-Recibo Número 2026/0412\nData: 02/03/2026\n"
            "Total   615,00 €\n",
            "2026/0412",
        ),
    ],
)
def test_abbreviated_and_titled_number_labels(text: str, number: str) -> None:
    assert _read(text).invoice_number == number


def _points(items: list[tuple[float, float, str, float]]) -> bytes:
    """An A4 page in points: each text starts at x, or ends at -x when x is negative (set flush right)."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    for x, y, text, size in items:
        pdf.set_font("Helvetica", size=size)
        pdf.text(-x - pdf.get_string_width(text) if x < 0 else x, y, text)
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("heads", "total"),
    [
        (("Number", "Invoice date", "Due date"), "Total   250.00 GBP"),
        (("Numero", "Data fattura", "Scadenza"), "Totale   250,00 EUR"),
    ],
)
def test_a_spreadsheets_dates_set_flush_right_under_headers_set_flush_left(
    heads: tuple[str, str, str], total: str
) -> None:
    # a facts strip printed from a spreadsheet: text headers start at their cells' left edges, date cells end
    # at their right edges, so the issue date ends just where the due date's (wider) header begins
    page = _points(
        [
            (40, 80, "Verdi Arredamenti", 10),
            (40, 90, "Via Lunga 12", 8),
            (40, 102, "40121 Bologna", 8),
            (290, 102, heads[0], 7),
            (350, 102, heads[1], 7),
            (440, 102, heads[2], 7),
            (40, 111, "VAT IT01234567897", 8),
            (290, 111, "77/2026", 9),
            (-438.5, 111, "03/02/2026", 9),
            (-554, 111, "05/03/2026", 9),
            (40, 150, "Rossi Uffici", 9),
            (40, 160, "Via Corta 3", 9),
            (40, 170, "20121 Milano", 9),
            (40, 200, "1   Desk lamp   2   102,46   204,92", 9),
            (40, 230, total, 9),
        ]
    )
    result = extract_invoice(read_pdf(page), engine="rules")
    assert result.invoice_date == date(2026, 2, 3)
    assert result.due_date == date(2026, 3, 5)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # Danish "Forfalder" (falls due) as the due date's label
        (
            "Holm Rådgivning ApS\nVestergade 2\n8000 Aarhus C\nFaktura\nNr.:          3310\nUdstedt:      02.03.2026\n"
            "Forfalder:    01.04.2026\nKundenummer:  K-1\nTotal: 5.000,00 DKK\n",
            date(2026, 4, 1),
        ),
        # a short request to pay the amount "at the latest" by a date (da "senest", sv "senast")
        (
            "Line Holm\nGrafisk design\nVestergade 2\n8000 Aarhus C\nFaktura 3310\nAarhus, 02.03.2026\n"
            "Total: 5.000,00 DKK\nBetal venligst 5.000,00 DKK senest 01.04.2026.\n",
            date(2026, 4, 1),
        ),
        (
            "Karin Björk\nFotograf\nStorgatan 3\n111 52 Stockholm\nFaktura 77\nStockholm 2026-03-02\n"
            "Summa: 9 000,00 kr\nVänligen betala 9 000,00 kr senast 2026-04-01.\n",
            date(2026, 4, 1),
        ),
        # Czech and Portuguese requests with the amount between the verb and the date's preposition
        (
            "Jana Malá\nPřekladatelské služby\nHusova 3\n602 00 Brno\nFaktura 2026017\nV Brně dne 2. 3. 2026\n"
            "Celkem: 12 100,00 Kč\nProsím o úhradu 12 100,00 Kč do 1. 4. 2026.\n",
            date(2026, 4, 1),
        ),
        (
            "Rita Lopes\nDesign gráfico\nRua Nova 8\n4000-100 Porto\nFatura FT 2026/5\nPorto, 02/03/2026\n"
            "Total: 615,00 €\nPor favor pague 615,00 € até 01/04/2026.\n",
            date(2026, 4, 1),
        ),
    ],
)
def test_due_date_labels_and_payment_requests(text: str, due: date) -> None:
    assert _read(text).due_date == due


@pytest.mark.parametrize(
    ("text", "vendor"),
    [
        # a sole trader's letterhead: the person's name, then the activity it trades in (not an occupation noun)
        (
            "Signe Holt\nGrafisk design\nAdelgade 9 · 1304 København K\n\nBrøndum Bageri ApS\nTorvet 2\n4000 Roskilde\n\n"
            "Faktura 2026-31\nDato: 02.03.2026\nI alt: 6.250,00 DKK\n",
            "Signe Holt",
        ),
        (
            "Eva Horáková\nPřekladatelské služby\nHusova 3 · 602 00 Brno\n\nKovo Brno s.r.o.\nNádražní 4\n602 00 Brno\n\n"
            "Faktura 2026017\nDatum vystavení: 02.03.2026\nCelkem: 12 100,00 Kč\n",
            "Eva Horáková",
        ),
        (
            "Tiago Mendes\nDesign gráfico\nRua Nova 8 · 4000-100 Porto\n\nPadaria Central Lda.\nRua Velha 2\n4700-035 Braga\n\n"
            "Fatura FT 2026/5\nData: 02/03/2026\nTotal: 615,00 €\n",
            "Tiago Mendes",
        ),
    ],
)
def test_a_sole_traders_name_over_the_activity_it_trades_in(text: str, vendor: str) -> None:
    result = _read(text)
    assert result.vendor is not None and result.vendor.name == vendor


def test_a_polish_corrective_invoices_gross_value_of_the_correction_is_its_total() -> None:
    # "Wartość korekty brutto": the corrective invoice's gross total (the net above it is no total)
    text = (
        "Tkacz Meble Sp. z o.o.\nul. Długa 4\n00-950 Warszawa\nFAKTURA KORYGUJĄCA\nKorekta nr: KOR/7/2026\n"
        "Data wystawienia: 02.03.2026\nDotyczy faktury nr FV/2/2026 z dnia 10.02.2026\n"
        "1   Krzesło biurowe   2 szt.   250,00   500,00\n\nRazem netto:   500,00\nVAT 23%   115,00\n"
        "Wartość korekty brutto:   615,00 zł\n"
    )
    assert _read(text).total == Decimal("615.00")


def test_a_word_whose_descender_lowers_its_box_stays_on_its_line() -> None:
    # a name cell ("Ostlig Bygg AB") beside a smaller label cell on the same spreadsheet line: the descender of
    # "Ostlig" lowers its box so its centre falls under the smaller label's height; its top and size are the
    # rest of its run's, so it stays on the line and the name keeps its first word
    words = [
        Word(text="Handled", x0=370, y0=151.6, x1=398, y1=156.0, font_size=5.9, page=1),
        Word(text="by:", x0=400, y0=151.6, x1=410, y1=156.0, font_size=5.9, page=1),
        Word(text="Ostlig", x0=36, y0=153.0, x1=60, y1=159.1, font_size=6.5, page=1),
        Word(text="Bygg", x0=62, y0=153.0, x1=80, y1=159.1, font_size=6.5, page=1),
        Word(text="Anders", x0=412, y0=151.6, x1=436, y1=156.0, font_size=5.9, page=1),
        Word(text="AB", x0=82, y0=153.0, x1=92, y1=157.8, font_size=6.5, page=1),
    ]
    lines = layout_text(lay_out(words)).splitlines()
    assert next(line for line in lines if "Bygg" in line).split()[:3] == ["Ostlig", "Bygg", "AB"]
