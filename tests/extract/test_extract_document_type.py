"""GIVEN a document's title and total WHEN its type is decided THEN the title outweighs a mention."""

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import DocumentType
from opsloop.extract.rules.engine import document_type
from opsloop.extract.rules.layout import document_lines


def _type(text: str, total: str | None) -> DocumentType:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    kind, _, _, _ = document_type(document_lines(parsed), Decimal(total) if total else None)
    return kind


@pytest.mark.parametrize(
    ("text", "total", "expected"),
    [
        ("Gutschrift Nr. 4711 vom 01.03.2018\n", "-10.00", DocumentType.CREDIT_NOTE),
        ("Avoir AV-2017-0005\n", "233.47", DocumentType.CREDIT_NOTE),
        ("Gutschrift    (Selbst   ausgestellte   Rechnung) Nr.  471102\n", "529.87", DocumentType.INVOICE),
        ("Rechnungskorrektur   Nr.  RK21012345   vom  16.09.2019\n", "-8.79", DocumentType.INVOICE),
        ("Rechnung Nr. 12 vom 01.03.2018\nGutschrift aus Vormonat   -10,00\n", "90.00", DocumentType.INVOICE),
        ("Invoice 12\n", "-50.00", DocumentType.CREDIT_NOTE),
        ("Invoice 12\n", "50.00", DocumentType.INVOICE),
    ],
)
def test_the_title_decides_and_a_negative_total_without_one(
    text: str, total: str, expected: DocumentType
) -> None:
    assert _type(text, total) is expected
