"""Simple service invoices (session 18, a third-party Czech layout's convention, worded generally): a
table of descriptions and prices alone ("Položka  Cena") has no quantity to multiply, the price a row
prints is its amount; with no total labelled anywhere, a figure alone just under the rows (its currency
beside it, no words) that is their sum is the total. Texts of our own."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


_SERVICES = (
    "                                                       Datum vystavení: 03.02.2025\n"
    " Faktura 2025014\n"
    "                                                       Datum splatnosti: 17.02.2025\n\n"
    " Karel Šimek                                           Modrý Pavilon s.r.o.\n"
    " Zahradní 17                                                  Nerudova 4\n"
    " 37001                                                             61200\n"
    " České Budějovice                                                   Brno\n\n"
    " IČ: 12345679                                              IČ: 87654321\n\n"
    "Bankovní účet                                          Variabilní symbol\n"
    "123456789/0800                                                   2025014\n\n"
    "Položka                                                             Cena\n"
    "Návrh katalogu                                                    24 500\n"
    "Sazba textů                                                        6 300\n"
    "                                                              30 800 CZK\n"
)


def test_the_price_of_a_table_without_quantities_is_the_rows_amount() -> None:
    for result in _both(_SERVICES):
        assert [line.amount for line in result.lines] == [Decimal("24500"), Decimal("6300")]


def test_an_unlabelled_sum_under_the_rows_is_the_total() -> None:
    for result in _both(_SERVICES):
        assert result.total == Decimal("30800")


def test_a_figure_under_the_rows_that_is_not_their_sum_is_no_total() -> None:
    text = _SERVICES.replace("30 800 CZK", "12 000 CZK")
    for result in _both(text):
        assert result.total != Decimal("12000")
