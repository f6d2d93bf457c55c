"""GIVEN invoice numbers printed as a document code, a series and a sequence, Portuguese and Czech
number labels, and sender blocks whose street line carries no street word WHEN the engine reads them
THEN the number is whole as printed and the street line is never the vendor."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


PORTUGUESE = """Oliveira & Martins Têxteis, Lda.
Rua do Almada 212, 4050-032 Porto
NIF 501 964 843

FATURA                                         Original
{label} {number}                       Data de emissão: 14-10-2025

Cliente: Casa Lusitana Decoração, S.A.

Descrição                 Qtd.     Preço unit.    IVA     Total
Toalhas de banho           40          8,50       23%    340,00

Total a pagar                                         418,20 €
"""


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("Fatura n.º", "FT A/2025/318"),
        ("Fatura-recibo n.º", "FR 7/44"),
        ("N.º documento:", "FT 2025B/15"),
    ],
)
def test_a_portuguese_number_with_its_series_is_read_whole(label: str, number: str) -> None:
    result = _extract(PORTUGUESE.format(label=label, number=number))
    assert result.invoice_number == number
    assert result.vendor.vat_id == "501964843"


def test_a_czech_evidence_number_label_is_read() -> None:
    page = """Faktura
Dodavatel: Hradecká strojírna s.r.o.
Evidenční číslo dokladu: 2025-0147
Datum vystavení: 03.11.2025
Celkem k úhradě                                     8 167,50 Kč
"""
    assert _extract(page).invoice_number == "2025-0147"


@pytest.mark.parametrize(
    ("street", "postcode"),
    [
        ("Pražská 118", "500 04 Hradec Králové"),
        ("Vinohradská 1511/230", "100 00 Praha"),
        ("Zwirki i Wigury 16", "02-092 Warszawa"),
    ],
)
def test_a_street_line_without_a_street_word_is_not_the_vendor(street: str, postcode: str) -> None:
    # GIVEN a sender block whose name is printed as a logo (not in the text layer): street, postcode
    page = f"""{street}
{postcode}
Tel. +420 495 000 111

INVOICE                                   Invoice No: 5531
Bill to: Lindqvist Trading AB             Date: 04.11.2025
Total                                     1 210,00 EUR
"""
    # THEN the street line is no candidate for the vendor's name
    assert _extract(page).vendor.name != street
