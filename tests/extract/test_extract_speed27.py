"""Work the rules engine did more than once for the same lines, now done once (session 27): the party captions
printed under their blocks are read once a document, whichever rule asks first, and never given again for
other lines."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules import parties
from opsloop.extract.rules.engine import document_lines
from opsloop.extract.rules.parties import closing_captions

_UNDER = (
    "INVOICE\nInvoice No.: 2026-118\nInvoice date: 04/03/2026\n\n"
    " Lindqvist Joinery Ltd                          Harbour Fresh Foods plc\n"
    " 4 Mill Lane                                    88 Quay Street\n"
    " Leeds LS1 4AB                                  Hull HU1 2AA\n"
    " VAT GB 123 4567 89                             Company no. 04417298\n"
    " Supplier                                       Customer\n"
    " Description                          Qty        Price        Amount\n"
    " Site survey                            2        40.00         80.00\n\n"
    "                                 Total                         80.00\n"
)
_OVER = (
    "INVOICE\nInvoice No.: 2026-119\n\n"
    " Supplier                                       Customer\n"
    " Lindqvist Joinery Ltd                          Harbour Fresh Foods plc\n"
    " 4 Mill Lane                                    88 Quay Street\n"
    " Leeds LS1 4AB                                  Hull HU1 2AA\n"
)


def _parsed(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _captions(text: str) -> list[tuple[str, str]]:
    found = closing_captions(document_lines(_parsed(text)))
    return [(hit.kind, hit.text) for _, hits in sorted(found.items()) for _, hit in hits]


def test_the_captions_under_the_blocks_are_read_once_a_document(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a page whose party captions stand under their blocks, which the buyer's zone, the seller's head
    # and the buyer's name each ask about
    reads: list[int] = []
    read = parties._closing_captions

    def counted(page: list[object]) -> object:
        reads.append(len(page))
        return read(page)  # type: ignore[arg-type]

    monkeypatch.setattr(parties, "_closing_captions", counted)
    # WHEN it is extracted  THEN the head's captions are read once, and the parties come out of them
    result = extract_invoice(_parsed(_UNDER), engine="rules", text_only=True)
    assert len(reads) == 1
    assert (result.vendor.name, result.buyer.name) == ("Lindqvist Joinery Ltd", "Harbour Fresh Foods plc")


def test_the_captions_kept_are_never_another_documents() -> None:
    # GIVEN documents read one after another, the last one printed again (laid out afresh: other lines)
    # WHEN each one's captions are asked for  THEN each gets its own
    assert _captions(_UNDER) == [("vendor_section", "Supplier"), ("buyer_section", "Customer")]
    assert _captions(_OVER) == []
    assert _captions(_UNDER) == [("vendor_section", "Supplier"), ("buyer_section", "Customer")]
    assert _captions("") == []
