"""GIVEN totals labelled the Brazilian and Czech way, and a payment sentence naming its own amount WHEN
the totals are read THEN the invoice's total, net and tax are the labelled ones, and a sentence's label
never reads an amount printed under it."""

from datetime import date
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_brazilian_taxes_and_invoice_total() -> None:
    text = (
        " Fatura nº   88120\n"
        "                                          Valor total sem impostos          R$ 1.000,00\n"
        "                                          Impostos 18%                      R$ 180,00\n"
        "                                          Total impostos                    R$ 180,00\n"
        "                                          Total da fatura                   R$ 1.180,00\n"
    )
    result = _extract(text)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("1000.00"),
        Decimal("180.00"),
        Decimal("1180.00"),
    )


def test_czech_invoiced_amount_is_the_total() -> None:
    text = (
        " Faktura - daňový doklad        Číslo dokladu   FV2026118\n"
        "  Mezisoučet                                 1.000,00\n"
        "  DPH 21 %                                     210,00\n"
        "  Fakturovaná částka                         1.210,00\n"
    )
    assert _extract(text).total == Decimal("1210.00")


def test_a_payment_sentence_with_its_own_amount_reads_none_under_it() -> None:
    # GIVEN "please pay <amount> ..." (the amount before the label in its sentence), and a note of an
    # earlier payment two lines under it
    text = (
        " Factuurnummer   2026-0412\n"
        " Factuurdatum    03-03-2026\n"
        "                                          Subtotaal             1.000,00\n"
        "                                          BTW 21%                 210,00\n"
        "                                          Factuurbedrag         €1.210,00\n"
        "Gelieve €1.210,00 te betalen vóór 17-03-2026 onder vermelding van het factuurnummer.\n"
        "Wij danken u voor uw vertrouwen.\n"
        "Uw betaling van €390,00 op 19-02-2026 (factuur 2026-0388) is verwerkt.\n"
    )
    result = _extract(text)
    assert result.amount_due == Decimal("1210.00")
    assert result.invoice_date == date(2026, 3, 3)
