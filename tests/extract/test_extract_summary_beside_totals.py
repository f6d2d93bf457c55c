"""A VAT summary printed beside the totals column (its head and rows on the heights of the totals' lines): the
totals column is read as printed, and the summary as a table of its own, never as labels of the totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import Line, split_cells
from opsloop.extract.rules.stacked import summary_beside_totals

D = Decimal


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


ITEMS = """\
Nordwerk Verpackungen GmbH
Industriestraße 4
28195 Bremen

Rechnung Nr. 2026-0412            Datum 14.04.2026

Pos.   Bezeichnung                         Menge       Preis     MwSt.       Gesamt
1      Fachbuch Lagerlogistik                  3       40,00       7 %       120,00
2      Stretchfolie 500 mm                    20        9,50      19 %       190,00
"""

GERMAN = (
    ITEMS
    + """\
MwSt.          Summe netto        USt.        Summe Positionen                  310,00 €
7 %                 126,00        8,82        Versandkosten                       6,00 €
19 %                190,00       36,10
                                              Summe netto                       316,00 €
                                              Rechnungsbetrag                   360,92 €
"""
)

ENGLISH = (
    ITEMS.replace("Rechnung Nr.", "Invoice No.")
    + """\
VAT Rate          Total Net          VAT        Goods Total                       €310.00
7 %                  126.00         8.82        Delivery                            €6.00
19 %                 190.00        36.10
                                                Total Net                         €316.00
                                                Total incl. VAT                   €360.92
"""
)


def _lines(text: str) -> list[Line]:
    return [Line(1, i, t, split_cells(t)) for i, t in enumerate(t for t in text.splitlines() if t.strip())]


@pytest.mark.parametrize("text", [GERMAN, ENGLISH], ids=["de", "en"])
def test_the_net_is_the_totals_columns_net_not_the_goods_beside_the_summarys_head(text: str) -> None:
    # GIVEN goods of 310.00, a delivery charge of 6.00, the net 316.00, and the VAT per rate in a summary
    # printed left of the totals, its head on the line of the goods' sum
    invoice = extract_rules(_doc(text))
    # THEN the net is the one after the charge, the VAT the summary's, and net + VAT make the total
    assert (invoice.subtotal, invoice.tax_total, invoice.total) == (D("316.00"), D("44.92"), D("360.92"))


def test_the_summary_follows_the_totals_column_as_lines_of_its_own() -> None:
    # GIVEN the summary's head and rows on the heights of the totals' first lines
    lines = _lines(GERMAN[GERMAN.index("MwSt.          Summe") :])
    out = summary_beside_totals(lines)
    # THEN the totals column keeps its lines in their columns, the summary follows it, and lines are renumbered
    assert [line.text.strip() for line in out] == [
        "Summe Positionen                  310,00 €",
        "Versandkosten                       6,00 €",
        "Summe netto                       316,00 €",
        "Rechnungsbetrag                   360,92 €",
        "MwSt.          Summe netto        USt.",
        "7 %                 126,00        8,82",
        "19 %                190,00       36,10",
    ]
    assert out[0].cells[0].start == lines[0].cells[3].start
    assert [line.index for line in out] == list(range(len(out)))


def test_a_table_of_figures_under_labels_beside_prose_is_left_alone() -> None:
    # GIVEN an item table's head and rows (no VAT summary), with text on the right of them
    lines = _lines(ITEMS[ITEMS.index("Pos.") :])
    # THEN nothing is cut
    assert summary_beside_totals(lines) is lines
