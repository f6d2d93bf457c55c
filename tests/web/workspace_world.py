"""Where a value is printed on a fixture PDF, found in test code with PDFium's text search (the
printed characters, in PDF points from the top-left corner, as `FieldEvidence.bbox` defines them):
the browser tests check that the box the page lights up is where the value is printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.store.tables import Document


def _box(textpage: Any, height: float, needle: str) -> list[float] | None:
    searcher = textpage.search(needle, match_case=True, match_whole_word=False)
    found = searcher.get_next()
    searcher.close()
    if not found:
        return None
    index, count = found
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    boxes = [b for b in boxes if b[2] > b[0]]
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [round(left, 2), round(height - top, 2), round(right, 2), round(height - bottom, 2)]


def printed_box(engine: Engine, document_id: int, needle: str) -> list[float]:
    """Where `needle` is printed on page 1 of the document, found with PDFium's text search (test
    code, independent of the reader): [x0, y0, x1, y1] in points from the top-left corner."""
    with Session(engine) as session:
        document = session.get(Document, document_id)
        assert document is not None and document.stored_path
        data = Path(document.stored_path).read_bytes()
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        _width, height = page.get_size()
        textpage = page.get_textpage()
        box = _box(textpage, height, needle)
        textpage.close()
        page.close()
    finally:
        pdf.close()
    assert box is not None, f"{needle!r} is not printed on page 1"
    return box
