"""A company's legal form that OCR read with look-alike characters ("Sp. z 0.0.", "s.r.0.") is read back as
letters in a name read by OCR, where that makes it a legal form of the locale packs; a text layer's names, and
numbers that are a name's own, stay as printed."""

from __future__ import annotations

import re

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import with_legal_form_read_back
from opsloop.ocr.layout import OcrWord, page_words

PAGE = """Mazury Telekomunikacja Sp. z 0.0.
ul. Morska 12, 80-001 Gdańsk
NIP PL5842730152

FAKTURA VAT nr FV/2026/0412
Data wystawienia: 14.05.2026

Nabywca:
Bursztyn Sp. z 0.0.
ul. Długa 5, 00-238 Warszawa

Nazwa usługi            Ilość    Cena netto    Wartość netto
Abonament internet          1       500,00         500,00
Razem netto 500,00
VAT 23% 115,00
Razem do zapłaty 615,00 PLN"""


def _document(source: str) -> ParsedDocument:
    words = [
        OcrWord(
            text=word,
            left=100 + 16 * column,
            top=100 + 40 * row,
            width=16 * len(word) - 4,
            height=28,
            confidence=90.0,
            block=1,
            line=row,
        )
        for row, line in enumerate(PAGE.splitlines())
        for column, word in ((m.start(), m.group()) for m in re.finditer(r"\S+", line))
    ]
    boxes = page_words(words, page=1, dpi=300)
    page = PageText(number=1, text=PAGE, source=source, words=boxes, width=595.0, height=842.0)
    return ParsedDocument(kind=DocumentKind.PDF, pages=[page])


def test_a_legal_form_ocr_read_with_look_alikes_is_read_back_in_an_ocr_d_name() -> None:
    result = extract_rules(_document("ocr"))
    assert result.vendor.name == "Mazury Telekomunikacja Sp. z o.o."
    assert result.buyer.name == "Bursztyn Sp. z o.o."


def test_a_text_layer_s_names_stay_as_printed() -> None:
    result = extract_rules(_document("text_layer"))
    assert result.vendor.name == "Mazury Telekomunikacja Sp. z 0.0."


@pytest.mark.parametrize(
    ("read", "back"),
    [
        ("Beskyd Software s.r.0.", "Beskyd Software s.r.o."),
        ("Studio 5 S.r.l.", "Studio 5 S.r.l."),  # a legal form closes it already: its number is its own
        ("Lager 18", "Lager 18"),  # no dotted form to read back
        ("Hotel 1.5.", "Hotel 1.5."),  # read back, no legal form
        ("0.0.", "0.0."),  # a legal form alone is no name
    ],
)
def test_only_a_closing_dotted_legal_form_is_read_back(read: str, back: str) -> None:
    assert with_legal_form_read_back(read) == back
