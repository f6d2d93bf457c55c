"""GIVEN a totals block that names the net sum "total without taxes" (in brackets, hyphenated, with the plural
"taxes") and the tax sum by the plural word for taxes WHEN the rules engine reads the page THEN the net sum is
the subtotal (not the total, not the tax), the taxes' sum is the tax and the total is the total — in each
language whose pack holds the words."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import find_labels


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


# (language, invoice word, net-sum label, taxes label, total label)
BLOCKS = [
    ("en", "Invoice", "Total (excl. taxes):", "Taxes:", "Total:"),
    ("fr", "Facture", "Total (hors-taxes) :", "Taxes :", "Total :"),
    ("es", "Factura", "Total (sin impuestos):", "Impuestos:", "Total:"),
    ("it", "Fattura", "Totale (escluse imposte):", "Imposte:", "Totale:"),
    ("pt", "Fatura", "Total (sem impostos):", "Impostos:", "Total:"),
    ("sl", "Račun", "Skupaj (brez davkov):", "Davki:", "Skupaj:"),
    ("ro", "Factura", "Total (fără taxe):", "Taxe:", "Total:"),
    ("bg", "Фактура", "Общо (без данъци):", "Данъци:", "Общо:"),
    ("et", "Arve", "Kokku (ilma maksudeta):", "Maksud:", "Kokku:"),
    ("de", "Rechnung", "Netto:", "Steuern:", "Rechnungsbetrag:"),
]


@pytest.mark.parametrize(("language", "title", "net", "taxes", "total"), BLOCKS)
def test_total_without_taxes_is_the_subtotal(
    language: str, title: str, net: str, taxes: str, total: str
) -> None:
    text = (
        f"{title} 2025-0042\n\n"
        f"                                              {net}          1.250,00\n"
        f"                                              {taxes}          262,50\n"
        f"                                              {total}          1.512,50\n"
    )
    result = _extract(text)
    assert result.subtotal == Decimal("1250.00"), language
    assert result.tax_total == Decimal("262.50"), language
    assert result.total == Decimal("1512.50"), language


@pytest.mark.parametrize(
    "line",
    ["Steuern: 4,13", "Imposte: 4,13", "Belastingen: 4,13", "Tributos: 4,13", "Davki: 4,13", "Impozite: 4,13",
     "Данъци: 4,13", "Maksud: 4,13", "Adók: 4,13", "Mokesčiai: 4,13"],
)  # fmt: skip
def test_the_plural_word_for_taxes_labels_the_tax_sum(line: str) -> None:
    assert find_labels("tax", line)


def test_taxes_as_a_column_heading_is_no_tax_label() -> None:
    # the word without a colon: a line table's heading ("Description Quantity Unit price Taxes Amount")
    assert not find_labels("tax", "Beschreibung Menge Einzelpreis Steuern Betrag")
    assert not find_labels("tax", "Descrizione Quantità Prezzo unitario Imposte Importo")
