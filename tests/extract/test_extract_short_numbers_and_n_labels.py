"""A short number right of the title word, the cell holding the two only ("Fattura 60", "Invoice 7"), is
the document's number; Italian "N." with one space before a number ("N. 35/2024 del 09/05/2024") labels
it. Texts of our own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _numbers(text: str) -> list[str | None]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [r.invoice_number for r in (extract_rules(doc), extract_invoice(doc, text_only=True))]


@pytest.mark.parametrize(
    ("title", "number", "body"),
    [
        (
            "Fattura",
            "60",
            "Consulenza (4 × EUR 100,00): EUR 400,00.\n        Totale fattura      EUR 400,00\n",
        ),
        ("Invoice", "7", "Garden work (4 × GBP 100.00): GBP 400.00.\n        Total due      GBP 400.00\n"),
    ],
)
def test_a_short_number_beside_the_title_alone_is_the_number(title: str, number: str, body: str) -> None:
    text = (
        "Fern Hollow Gardens\n14 Mill Lane\nLeeds LS6 2QT\n\nBluebell Motors Ltd\nUnit 33, Brook Park\n"
        f"Derby DE1 3AQ\n\n                                  Leeds, 12/02/2026\n{title} {number}\n{body}"
    )
    assert _numbers(text) == [number, number]


def test_an_italian_n_with_one_space_labels_the_number() -> None:
    text = (
        "Girasole Costruzioni S.r.l.\nCorso Italia 84\n37121 Verona\nP.IVA IT01234567890\n\n"
        "N. 35/2024     ·  del 09/05/2024\n\n"
        " Descrizione          Q.tà     Prezzo unit.     Importo\n"
        " Uscita tecnico          4            30,00      120,00\n\n"
        "                 Totale fattura                  120,00\n"
    )
    assert _numbers(text) == ["35/2024", "35/2024"]
    assert _numbers(text.replace("     ·  del", " del")) == ["35/2024", "35/2024"]
