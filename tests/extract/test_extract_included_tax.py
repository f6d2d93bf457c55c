"""GIVEN a receipt or web-shop invoice with gross prices — the lines and the total include the VAT, a line
under the total says how much of it is VAT ("incl. VAT 20 %", "heraf moms", "dont TVA", "w tym VAT") and no
net is printed (a "Subtotal" is the gross lines' sum) — WHEN the rules engine reads it THEN the tax is that
amount and the net the total less it, in every language pack that words it; and where a net is printed
beside an included tax, the printed net stands. Texts of our own."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _receipt(number: str, item: str, subtotal: str, total: str, included: str, comma: bool) -> str:
    def money(value: str) -> str:
        return value.replace(".", ",") if comma else value

    return f"""Harbourlight Trading
{number} 2207-1184
{item}                                  1         {money("131.99")}     {money("131.99")}
                         {subtotal}              {money("131.99")}
                         {total}                 {money("131.99")}
                         {included}              {money("26.40")}
"""


@pytest.mark.parametrize(
    ("number", "item", "subtotal", "total", "included", "comma"),
    [
        ("Invoice no.", "Desk lamp", "Subtotal", "Total", "incl. VAT 25%", False),
        ("Rechnungsnummer", "Schreibtischlampe", "Zwischensumme", "Gesamtsumme", "inkl. 25 % MwSt.", True),
        ("Facture n°", "Lampe de bureau", "Sous-total", "Total TTC", "dont TVA 25 %", True),
        ("Factuurnummer", "Bureaulamp", "Subtotaal", "Totaal", "incl. 25% btw", True),
        ("Factura nº", "Lámpara", "Subtotal", "Total", "IVA 25 % incluido", True),
        ("Fattura n.", "Lampada", "Subtotale", "Totale", "IVA 25% inclusa", True),
        ("Fatura n.º", "Candeeiro", "Subtotal", "Total", "IVA 25% incluído", True),
        ("Faktura nr", "Lampka biurkowa", "Suma częściowa", "Razem", "w tym VAT 25%", True),
        ("Fakturanummer", "Skrivbordslampa", "Delsumma", "Totalt", "varav moms 25 %", True),
        ("Fakturanummer", "Skrivebordslampe", "Subtotal", "I alt", "heraf moms 25 %", True),
        ("Číslo faktury", "Stolní lampa", "Mezisoučet", "Celkem", "včetně DPH 25 %", True),
        ("Laskun numero", "Työpöytävalaisin", "Välisumma", "Yhteensä", "sis. ALV 25 %", True),
        ("Számlaszám", "Asztali lámpa", "Részösszeg", "Végösszeg", "tartalmaz 25% ÁFA-t", True),
        ("Număr factură", "Lampă de birou", "Subtotal", "Total", "inclusiv TVA 25%", True),
        ("Fatura No", "Masa lambası", "Ara toplam", "Toplam", "KDV %25 dahil", True),
    ],
)
def test_a_tax_the_total_includes_is_the_tax_and_the_net_is_the_total_less_it(
    number: str, item: str, subtotal: str, total: str, included: str, comma: bool
) -> None:
    # GIVEN gross lines, a gross subtotal and total, and the VAT the total includes under it
    result = _extract(_receipt(number, item, subtotal, total, included, comma))
    # THEN the total stands, the tax is the included amount and the net is their difference
    assert result.total == Decimal("131.99")
    assert result.tax_total == Decimal("26.40")
    assert result.subtotal == Decimal("105.59")


def test_a_printed_net_beside_an_included_tax_stands() -> None:
    # GIVEN a page that prints the net too ("Total excl. VAT"), then the VAT the total includes
    text = """Harbourlight Trading
Invoice no. 2207-1184
Desk lamp                                  1         120.00     120.00
                         Total                   120.00
                         Total excl. VAT         100.00
                         incl. VAT 20%            20.00
"""
    result = _extract(text)
    # THEN the printed net is the subtotal, as it was
    assert (result.total, result.tax_total, result.subtotal) == (
        Decimal("120.00"),
        Decimal("20.00"),
        Decimal("100.00"),
    )


def test_a_tax_line_without_inclusion_wording_does_not_make_a_net_of_its_own() -> None:
    # GIVEN a tax printed beside a total that does not balance it (no net, no "incl.")
    text = """Harbourlight Trading
Invoice no. 2207-1184
Desk lamp                                  1         131.99     131.99
                         Subtotal                131.99
                         Total                   131.99
                         VAT 25%                  26.40
"""
    result = _extract(text)
    # THEN no net is derived from it: the total stands and the tax is not read as included
    assert result.total == Decimal("131.99")
    assert result.subtotal != Decimal("105.59")
