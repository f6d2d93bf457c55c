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
        ("Rechnungskorrektur   Nr.  RK21012345   vom  16.09.2019\n", "-8.79", DocumentType.CREDIT_NOTE),
        ("Rechnung Nr. 12 vom 01.03.2018\nGutschrift aus Vormonat   -10,00\n", "90.00", DocumentType.INVOICE),
        ("Invoice 12\n", "-50.00", DocumentType.CREDIT_NOTE),
        ("Invoice 12\n", "50.00", DocumentType.INVOICE),
    ],
)
def test_the_title_decides_and_a_negative_total_without_one(
    text: str, total: str, expected: DocumentType
) -> None:
    assert _type(text, total) is expected


@pytest.mark.parametrize(
    "text",
    [
        "INVOICE TO                              CREDIT NOTE\nAcme Ltd                                No. CN-0042\n",
        "Rechnungsempfänger:\nMuster GmbH\nHauptstraße 1\n\nGutschrift Nr. 4711\n",
        "Bill to:   Acme Ltd\nInvoice date: 01.03.2026\n\n   Avoir n° AV-12\n",
        "Factuuradres   Klant BV\n                Creditnota 2026-7\n",
        "Nota di credito n. 12/2026\n",
        "Faktura korygująca nr FK/1/2026\n",
        "Nota de crédito NC-7\n",
    ],
)
def test_a_credit_note_title_after_a_buyer_block_label_makes_a_credit_note_whatever_the_sign(
    text: str,
) -> None:
    # GIVEN a credit-note title below or beside an "invoice to" / "bill to" label, with a positive total
    assert _type(text, "119.00") is DocumentType.CREDIT_NOTE


def test_the_largest_title_word_is_the_title() -> None:
    # GIVEN a small "Invoice" in a reference line above a large "Credit note" title
    from opsloop.domain.documents import Word

    words = [
        Word(text="Invoice", x0=10, y0=10, x1=40, y1=18, font_size=8, page=1),
        Word(text="reference", x0=44, y0=10, x1=90, y1=18, font_size=8, page=1),
        Word(text="12", x0=94, y0=10, x1=104, y1=18, font_size=8, page=1),
        Word(text="Credit", x0=10, y0=40, x1=70, y1=60, font_size=20, page=1),
        Word(text="note", x0=76, y0=40, x1=120, y1=60, font_size=20, page=1),
    ]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="", words=words)])
    kind, span, _, _ = document_type(document_lines(parsed), Decimal("50.00"))
    # THEN the large title decides
    assert kind is DocumentType.CREDIT_NOTE and span == "Credit note"


def test_an_invoice_title_is_the_evidence_of_an_invoice() -> None:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=1, text="Invoice 12\nTotal 50.00\n")]
    )
    kind, span, reason, _ = document_type(document_lines(parsed), Decimal("50.00"))
    assert kind is DocumentType.INVOICE and span == "Invoice 12" and reason == "titled 'Invoice'"


@pytest.mark.parametrize(
    "title",
    [
        "RECHNUNGSKORREKTUR (GUTSCHRIFT) Nr. 12",
        "Factura rectificativa (abono) 2026-7",
        "Nº abono 5025 del 2 de enero",
    ],
)
def test_a_correction_qualified_as_crediting_or_a_credit_note_number_makes_a_credit_note(title: str) -> None:
    assert _type(f"{title}\n", "39.00") is DocumentType.CREDIT_NOTE


def test_a_correction_alone_stays_an_invoice() -> None:
    assert _type("Rechnungskorrektur Nr. RK-12\n", "39.00") is DocumentType.INVOICE


@pytest.mark.parametrize(
    "text",
    [
        "Rechnungskorrektur\nGutschrift-Nr.:   GS-2026-12\nzu Rechnung:   RE-2026-7\n",
        "Kunde: Holm Trading\nCredit note no.:   CN-118\n",
        "Factura\nNº de abono:   A-77\n",
    ],
)
def test_a_number_labelled_as_a_credit_notes_makes_a_credit_note_whatever_the_title(text: str) -> None:
    # GIVEN a correction title, or no credit-note title at all, and a positive total, but the document's
    # own number labelled as a credit note's THEN it is a credit note
    assert _type(text, "39.00") is DocumentType.CREDIT_NOTE


def test_a_reference_to_a_credited_invoice_is_no_credit_note_number_label() -> None:
    assert _type("Rechnung Nr. 4711\nKunde: Holm Trading\n", "39.00") is DocumentType.INVOICE
