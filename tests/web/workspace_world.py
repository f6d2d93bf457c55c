"""Test-only evidence boxes: until the reader gives every field its box, the browser tests compute
them from the fixture PDF with PDFium's text search (the printed value's characters, in PDF points
from the top-left corner, as `FieldEvidence.bbox` defines them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.store.tables import Document, Invoice


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


def add_evidence_boxes(engine: Engine, document_id: int, needles: dict[str, str]) -> dict[str, list[float]]:
    """Give the named fields of the document's extraction a box around the first place their printed
    value (`needles`) is on page 1; a line field `lines.N` gets its row (the needle's height, the
    width of the lines table). Returns the boxes set."""
    with Session(engine) as session:
        document = session.get(Document, document_id)
        invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).one()
        assert document is not None and document.stored_path
        pdf = pdfium.PdfDocument(Path(document.stored_path).read_bytes())
        page = pdf[0]
        width, height = page.get_size()
        textpage = page.get_textpage()
        found: dict[str, list[float]] = {}
        for field, needle in needles.items():
            box = _box(textpage, height, needle)
            if box is None:
                continue
            if field.startswith("lines."):
                box = [width * 0.08, box[1] - 1, width * 0.92, box[3] + 1]
            found[field] = box
        textpage.close()
        page.close()
        pdf.close()
        extraction = dict(invoice.extraction)
        fields = dict(extraction.get("fields") or {})
        for field, box in found.items():
            evidence = dict(fields.get(field) or {"confidence": 0.9, "text": needles[field]})
            evidence.update({"page": 1, "bbox": box})
            fields[field] = evidence
        extraction["fields"] = fields
        invoice.extraction = extraction
        session.add(invoice)
        session.commit()
    return found
