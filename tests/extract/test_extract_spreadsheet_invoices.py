"""GIVEN invoices as spreadsheet templates print them (a currency mark glued before the figure by a cell's
number format, a "Seller" caption under a title cell's name, the seller's register line in the page footer)
WHEN the engine reads them THEN amounts, the seller's address and the totals are read whole."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.numbers import find_amounts


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Total inkl. mva     kr12 345,60", Decimal("12345.60")),
        ("Razem     zł1 234,50", Decimal("1234.50")),
        ("Celkem    Kč8 000,00", Decimal("8000.00")),
        ("Total     kr1,234.50", Decimal("1234.50")),
        ("Betalt    (kr531,58)", Decimal("-531.58")),
    ],
)
def test_a_currency_mark_glued_before_the_figure_is_read_whole(line: str, value: Decimal) -> None:
    assert [a.value for a in find_amounts(line)] == [value]


@pytest.mark.parametrize("line", ["Stockholm2020", "Bokr100 stk", "Zentrale12"])
def test_letters_that_end_a_word_are_no_glued_mark(line: str) -> None:
    assert find_amounts(line) == []


def test_totals_with_the_mark_glued_before_them_are_read() -> None:
    page = """FAKTURA
Nordvik Regnskap AS
Fakturanummer:     2291
Fakturadato:       04.02.2026
Beskrivelse                    Antall        Enhetspris            Beløp
Regnskapsføring                     2        kr1 500,00       kr3 000,00
Delsum                                                        kr3 000,00
MVA 25 %                                                        kr750,00
Sum inkl. mva                                                 kr3 750,00
"""
    result = _extract(page)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("3000.00"),
        Decimal("750.00"),
        Decimal("3750.00"),
    )


HEAD = """Harwick Timber Ltd                                                   INVOICE
{caption}                                    Buyer
14 Mill Lane                              Corrin Foods Ltd
Leeds LS1 4AB                             9 Quay Street
                                          Bristol BS1 5TT
"""
BODY = """Invoice Number:    INV-0412
Invoice Date:      12/03/2026
Description                          Quantity        Amount
Oak boards                                  4        £120.00
Subtotal                                             £120.00
VAT 20 %                                              £24.00
Total                                                £144.00
"""


@pytest.mark.parametrize("caption", ["Seller", "From  "])
def test_a_seller_caption_under_the_name_is_no_part_of_its_address(caption: str) -> None:
    result = _extract(HEAD.format(caption=caption) + BODY)
    assert result.vendor is not None and result.vendor.name == "Harwick Timber Ltd"
    assert result.vendor.address == "14 Mill Lane, Leeds LS1 4AB"


def test_a_register_line_ends_the_footers_address() -> None:
    page = (
        """                                                                     INVOICE
Bill to
Corrin Foods Ltd
9 Quay Street
Bristol BS1 5TT
"""
        + BODY
        + """
        Harwick Timber Ltd · 14 Mill Lane · Leeds LS1 4AB · Registered in Leeds, company no. 04123
"""
    )
    result = _extract(page)
    assert result.vendor is not None and result.vendor.name == "Harwick Timber Ltd"
    assert result.vendor.address == "14 Mill Lane, Leeds LS1 4AB"


def test_a_brazilian_postcode_ends_the_sellers_address() -> None:
    page = """Moura Engenharia Ltda.                                              FATURA
Avenida Brasil 88
30130-010 Belo Horizonte
Faturar a
Teixeira Serviços S.A.
Rua Augusta 12
01310-100 São Paulo
Fatura n.º:       2291
Data:             04/03/2026
Descrição                           Qtd.         Valor
Projeto estrutural                     1     R$ 1.200,00
Total                                        R$ 1.200,00
"""
    result = _extract(page)
    assert result.vendor is not None and result.vendor.name == "Moura Engenharia Ltda."
    assert result.vendor.address == "Avenida Brasil 88, 30130-010 Belo Horizonte"


@pytest.mark.parametrize(
    ("caption", "buyer"),
    [("Faktureras till", "Lundqvist Måleri AB"), ("Laskutetaan", "Rantala Rakennus Oy")],
)
def test_a_billed_to_caption_heads_the_buyers_block(caption: str, buyer: str) -> None:
    # the seller's name only in the page header, its address under a sender caption
    page = f""" Nordqvist Konsult AB                                              Vasagatan 3, 111 20 Stockholm
                                                                     KREDITFAKTURA
Från
Vasagatan 3
111 20 Stockholm
Momsreg.nr SE556677889901
Telefon +46 8 123 456
{caption}
{buyer}
Ågatan 9
413 04 Göteborg
Kundens momsnr: SE556011223301
Fakturanummer:     RF-2291
Fakturadatum:      2026-03-04
Beskrivelse                          Antal        Belopp
Konsulttjänster                          2     3 000,00 kr
Totalt                                         3 000,00 kr
"""
    result = _extract(page)
    assert result.buyer is not None and result.buyer.name == buyer


def test_a_number_right_aligned_in_the_last_column_is_read_across_a_wide_gap() -> None:
    gap = " " * 80
    page = f"""                                                              FACTURE
Faure Bâtiment EURL
De                 N° de facture{gap}FA-2026-0082
214 rue Pasteur    Date de facture{gap}2026-03-30
35000 Rennes
Facturé à
Lambert Informatique SAS
Désignation                          Quantité        Montant HT
Audit technique                            10        3 885,40 €
Total TTC                                            4 662,48 €
"""
    assert _extract(page).invoice_number == "FA-2026-0082"
