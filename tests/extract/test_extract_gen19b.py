"""Conventions found on a third outsider's generator (evals/synth20, office documents printed by LibreOffice),
each worded generally and tested with documents of our own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


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
        ("Ekholm Bygg AB\nStorgatan 3\n111 52 Stockholm\nFaktura\nFakt.nr      44871\nFakt.datum   2026-03-02\n"
         "Att betala   12 500,00 kr\n", "44871"),
        # Italian: numero abbreviated to "Num." before documento
        ("Rossi Arredi S.r.l.\nVia Po 2\n10121 Torino\nFATTURA\nNum. documento      118/B\nData   02/03/2026\n"
         "Totale documento   1.220,00\n", "118/B"),
        # an Italian credit note: "Numero nota"
        ("Rossi Arredi S.r.l.\nVia Po 2\n10121 Torino\nNota di credito\nNumero nota: 7/NC\nData: 02/03/2026\n"
         "Totale documento   122,00\n", "7/NC"),
        # English credit note number under the initials CN
        ("Fenwick Tools Ltd\n2 Quay Street\nHull HU1 1AA\nCREDIT NOTE\nCN No. 00417\nDate 02/03/2026\n"
         "Total Credit   £240.00\n", "00417"),
        # Portuguese: the title names the document type, then its number word
        ("Costa & Filhos Lda.\nRua Nova 8\n4000-100 Porto\nFatura-Recibo Número 2026/0412\nData: 02/03/2026\n"
         "Total   615,00 €\n", "2026/0412"),
    ],
)
def test_abbreviated_and_titled_number_labels(text: str, number: str) -> None:
    assert _read(text).invoice_number == number
