"""GIVEN an invoice whose generator prints its amounts as floats, the cents' trailing zero dropped
("TOTAL TTC  1836.6 €") WHEN the invoice is read THEN the labelled one-decimal figures are its totals."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules

TEXT = """  Facture
  Référence de facture : 2025-017
  Émise le 14/02/2025

  Détail                         Quantité          Prix unit. (HT)               TOTAL (HT)
  Traduction technique               3.0                 412.5 €                  1237.5 €
  Relecture                          1.0                 293.0 €                   293.0 €

                                                          TOTAL (HT)              1530.5 €
                                                          TVA (20.0%)              306.1 €
                                                          TOTAL TTC               1836.6 €
"""


def test_labelled_figures_of_one_decimal_are_the_totals() -> None:
    # WHEN the invoice is read
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=TEXT)]))
    # THEN the net, the tax and the total are the labelled figures (the rate's "20.0" is none of them)
    assert result.subtotal == Decimal("1530.5")
    assert result.tax_total == Decimal("306.1")
    assert result.total == Decimal("1836.6")


def test_a_grouped_figure_of_one_decimal_is_a_cut_off_figure_not_a_total() -> None:
    # GIVEN a total whose cell cut its last digit off ("151.184,2" for 151.184,29): digit grouping says the
    # figure was formatted as money, so a missing cent is a clipped print, not a float's dropped zero
    text = """FAKTURA 2025-0077
Datum vystavení: 02.04.2025
Položka                                   Množství        Cena           Celkem
Montáž                                           1   151.184,29     151.184,29
                                              Celkem k úhradě:      151.184,2
"""
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    # THEN the clipped figure is not read as the total
    assert result.total != Decimal("151184.2")
