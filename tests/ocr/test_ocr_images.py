"""A seller printed only inside an image on a text-layer page: a letterhead, a footer band of company data.

The PDFs are drawn here by evals/imgseller (its seller block a Pillow picture, everything else text). The
tests that read images need the `tesseract` binary (skipped without it, unless OPSLOOP_REQUIRE_TESSERACT=1).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from evals.imgseller.dataset import draw, render
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.documents import DocumentState, ParsedDocument, Word
from opsloop.domain.invoices import FieldEvidence, InvoiceExtraction
from opsloop.extract import extract_file, extract_invoice
from opsloop.ingest.files import ingest_paths
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.ocr import images
from opsloop.settings import OcrSettings, Settings
from opsloop.stages import default_pipeline
from opsloop.store.documents import get_document, history
from opsloop.store.tables import Invoice
from tests import samples

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None and not os.environ.get("OPSLOOP_REQUIRE_TESSERACT"),
    reason="the tesseract binary is not installed (apt-get install tesseract-ocr)",
)


def _pdf(layout: str, lang: str, index: int = 3) -> tuple[bytes, dict[str, str]]:
    doc = draw(index, 900, layout, lang)
    return render(doc), doc.seller


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@needs_tesseract
@pytest.mark.parametrize(("layout", "lang"), [("letterhead", "de"), ("footer", "nl"), ("side", "fr")])
def test_a_seller_printed_only_in_an_image_is_read_by_ocr_and_marked_so(
    tmp_path: Path, layout: str, lang: str
) -> None:
    # GIVEN a text-layer invoice whose seller block is a picture (top left, a footer band, a right-hand block)
    data, seller = _pdf(layout, lang)
    parsed = read_pdf(data)
    assert seller["name"] not in parsed.pages[0].text and extract_invoice(parsed).vendor.name is None
    # WHEN it is extracted from the file
    result = extract_file(_write(tmp_path, f"{layout}.pdf", data))
    # THEN the seller's name and VAT id are read from the picture
    assert result.vendor.name == seller["name"]
    assert result.vendor.vat_id == seller["vat_id"]
    # AND the reading says they came from an image by OCR, with less than a text layer's certainty
    assert result.extraction_method == "image+rules"
    evidence = result.fields["vendor.name"]
    assert evidence.reason is not None and evidence.reason.startswith("read by OCR from an image on page 1")
    assert 0 < evidence.confidence < 0.99
    # AND the text layer's own fields keep their evidence (no OCR word lies where they are printed)
    assert (
        result.fields["invoice_number"].reason is None
        or "image" not in result.fields["invoice_number"].reason
    )


def test_a_page_with_a_logo_and_a_seller_in_its_text_has_its_image_left_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an invoice with a logo picture AND the seller's block printed as text
    data, seller = _pdf("text_seller", "it")
    assert images.image_regions(data, read_pdf(data).pages, 4)  # the logo is large enough to read
    calls: list[object] = []
    monkeypatch.setattr(images, "recognise_image", lambda *a, **k: calls.append(a) or [])
    # WHEN it is extracted
    result = extract_file(_write(tmp_path, "logo.pdf", data))
    # THEN the seller comes from the text, and no image went to OCR
    assert result.vendor.name == seller["name"] and result.extraction_method == "rules"
    assert calls == []


def test_without_tesseract_nothing_changes_and_one_line_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # GIVEN a seller printed only in a picture, and no Tesseract
    data, _ = _pdf("footer", "en")
    settings = Settings(ocr=OcrSettings(command="opsloop-no-such-tesseract-img"))
    path = _write(tmp_path, "footer.pdf", data)
    # WHEN it is extracted (twice)
    with caplog.at_level(logging.WARNING, logger="opsloop.ocr.images"):
        first = extract_file(path, settings=settings)
        second = extract_file(path, settings=settings)
    # THEN the reading is the text layer's (no seller, a plain rules reading), the same both times
    assert first.vendor.name is None and first.extraction_method == "rules"
    assert first.model_dump() == second.model_dump()
    # AND one logged line names what is missing
    lines = [r.getMessage() for r in caplog.records if "seller printed only in an image" in r.getMessage()]
    assert len(lines) == 1 and "not found" in lines[0]


def test_only_fields_printed_where_image_words_lie_are_discounted() -> None:
    # GIVEN a text-layer page with two words OCR read in an image (they carry a confidence) and one of its own
    page_words = [
        Word(text="Acme", x0=40, y0=40, x1=80, y1=52, page=1, confidence=0.9),
        Word(text="GmbH", x0=84, y0=40, x1=120, y1=52, page=1, confidence=0.8),
        Word(text="R-1", x0=300, y0=200, x1=330, y1=210, page=1),
    ]
    parsed = ParsedDocument.model_validate(
        {"kind": "pdf", "pages": [{"number": 1, "text": "Acme GmbH\n R-1", "words": page_words}]}
    )
    result = InvoiceExtraction(extraction_method="rules")
    result.fields["vendor.name"] = FieldEvidence(confidence=0.95, page=1, bbox=[40, 40, 120, 52])
    result.fields["invoice_number"] = FieldEvidence(confidence=0.95, page=1, bbox=[300, 200, 330, 210])
    # WHEN the image discount is applied
    images.discount_image_fields(result, parsed)
    # THEN the name printed in the image is less sure and says why; the number keeps its confidence
    assert result.fields["vendor.name"].confidence < 0.95
    assert "image on page 1 (word confidence 0.85)" in (result.fields["vendor.name"].reason or "")
    assert result.fields["invoice_number"].confidence == 0.95
    assert result.extraction_method == "image+rules"


@needs_tesseract
def test_the_pipeline_reads_the_image_keeps_its_words_and_says_so(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    # GIVEN the invoice with its company data in a footer band, in the inbox
    data, seller = _pdf("footer", "en")
    path = samples.write(tmp_path / "in", "footer.pdf", data)
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    assert outcome.document_id is not None
    # WHEN the pipeline runs it
    default_pipeline().run_document(engine, settings, outcome.document_id)
    with Session(engine) as session:
        invoice = session.exec(select(Invoice).where(Invoice.document_id == outcome.document_id)).one()
        events = history(session, outcome.document_id)
        parsed = ParsedDocument.model_validate(get_document(session, outcome.document_id).parsed)
    # THEN the invoice names the seller of the picture, read from an image
    assert invoice.extraction_method == "image+rules"
    assert invoice.vendor_name == seller["name"]
    extracted = next(e for e in events if e.to_state == DocumentState.EXTRACTED.value)
    assert "seller read from an image" in (extracted.reason or "")
    # AND the stored page holds the words read (with their confidence) where the picture is
    assert seller["name"].split()[0] in parsed.pages[0].text
    assert any(w.confidence is not None for w in parsed.pages[0].words)


def test_images_past_the_pixel_budget_are_left_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a footer band of company data, and a budget of pixels smaller than the band at the OCR resolution
    data, _ = _pdf("footer", "de")
    pages = read_pdf(data).pages
    assert images.image_regions(data, pages, 4, 300)
    monkeypatch.setattr(images, "MAX_PIXELS", 10_000)
    # THEN no image is chosen to be read
    assert images.image_regions(data, pages, 4, 300) == []


def test_an_image_placed_by_a_form_xobject_is_found_where_the_page_shows_it() -> None:
    # GIVEN the same footer band of company data drawn on the page, and placed by stationery (a form XObject
    # holding the picture at half size, scaled up and moved by the page)
    doc = draw(3, 900, "footer", "de")
    on_page = render(doc)
    doc.factors["stationery"] = True
    in_form = render(doc)
    # WHEN the images worth reading are listed
    direct = images.image_regions(on_page, read_pdf(on_page).pages, 4)
    placed = images.image_regions(in_form, read_pdf(in_form).pages, 4)
    # THEN the form's picture is found, at the place on the page where it shows (not in the form's own space)
    assert len(direct) == len(placed) == 1
    for a, b in zip(
        (direct[0].x0, direct[0].y0, direct[0].x1, direct[0].y1),
        (placed[0].x0, placed[0].y0, placed[0].x1, placed[0].y1),
        strict=True,
    ):
        assert abs(a - b) < 0.5


@needs_tesseract
def test_a_seller_printed_only_in_stationery_is_read_from_its_image(tmp_path: Path) -> None:
    # GIVEN an invoice whose letterhead picture (the seller's name, address, VAT id) is placed by a form XObject
    doc = draw(5, 900, "letterhead", "fr")
    doc.factors["stationery"] = True
    doc.factors["vat_shown"] = True
    data = render(doc)
    # WHEN it is extracted
    result = extract_file(_write(tmp_path, "stationery.pdf", data))
    # THEN the seller is read from the picture, marked as read from an image
    assert result.vendor.name == doc.seller["name"]
    assert result.extraction_method == "image+rules"
