"""Scanned invoices through real Tesseract: the pipeline, retry after installing it, and the CLI.

The scans are made here from the project's golden fixture invoices: each page rendered to a greyscale
image and written back as an image-only PDF (no text layer, no e-invoice). These tests skip when the
`tesseract` binary is missing, unless OPSLOOP_REQUIRE_TESSERACT=1 (CI), where they fail instead.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.domain.documents import DocumentState, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.ingest.files import ingest_paths
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.ocr import ocr_pdf, ocr_status, read_scan
from opsloop.settings import OcrSettings, Settings
from opsloop.stages import default_pipeline
from opsloop.store.documents import get_document, history
from opsloop.store.tables import Invoice
from tests import samples
from tests.conftest import REPO_ROOT

FIXTURE = "schmidt_RE-2026-0412"
"""A German invoice with a line-item table and a right-hand label/value block."""


@pytest.fixture(scope="module", autouse=True)
def _tesseract() -> None:
    if shutil.which("tesseract") is None:
        if os.environ.get("OPSLOOP_REQUIRE_TESSERACT"):
            pytest.fail("OPSLOOP_REQUIRE_TESSERACT is set but the tesseract binary is not installed")
        pytest.skip("the tesseract binary is not installed (apt-get install tesseract-ocr)")


def scanned(pdf: bytes, dpi: int = 300, *, turn: float = 0.0, dust: int = 0) -> bytes:
    """The PDF as a scanner returns it: one greyscale image per page and nothing else; optionally
    turned by `turn` degrees and with `dust` grey specks of 1-2 px per page (fixed seed)."""
    document = pdfium.PdfDocument(pdf)
    pages = [
        document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))
    ]
    document.close()
    rng = random.Random(5)
    for index, page in enumerate(pages):
        if turn:
            pages[index] = page = page.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=255)
        for _ in range(dust):
            x, y, size = rng.randrange(page.width - 2), rng.randrange(page.height - 2), rng.choice((1, 2))
            page.paste(rng.randrange(40, 170), (x, y, x + size, y + size))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


@pytest.fixture(scope="module")
def scan() -> bytes:
    return scanned((REPO_ROOT / "fixtures" / "inbox" / f"{FIXTURE}.pdf").read_bytes())


@pytest.fixture(scope="module")
def truth() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (REPO_ROOT / "fixtures" / "expected" / f"{FIXTURE}.json").read_text(encoding="utf-8")
    )
    return loaded


def _ingest(settings: Settings, engine: Engine, tmp_path: Path, data: bytes) -> int:
    path = samples.write(tmp_path / "in", "scan.pdf", data)
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    assert outcome.document_id is not None
    return outcome.document_id


def test_the_scan_has_no_text_layer(scan: bytes) -> None:
    parsed = read_pdf(scan)
    assert not parsed.has_text_layer and not parsed.embedded


def test_a_scanned_invoice_is_read_by_ocr_and_extracted(
    settings: Settings, engine: Engine, tmp_path: Path, scan: bytes, truth: dict[str, object]
) -> None:
    # GIVEN a scanned invoice (an image-only PDF) in the inbox
    document_id = _ingest(settings, engine, tmp_path, scan)
    # WHEN the pipeline runs
    default_pipeline().run_document(engine, settings, document_id)
    with Session(engine) as session:
        events = history(session, document_id)
        invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).one()
        parsed = ParsedDocument.model_validate(get_document(session, document_id).parsed)
    # THEN it went on past parse (by OCR, with its confidence) to extracted, not to needs_ocr
    states = [e.to_state for e in events]
    assert DocumentState.NEEDS_OCR.value not in states and DocumentState.EXTRACTED.value in states
    parsed_event = next(e for e in events if e.to_state == DocumentState.PARSED.value)
    assert (parsed_event.reason or "").startswith("text by OCR, mean confidence 0.")
    assert parsed.pages[0].source == "ocr" and (parsed.pages[0].ocr_confidence or 0) > 0.5
    # AND the invoice number and total are the printed ones, marked as read by OCR
    assert invoice.invoice_number == truth["invoice_number"]
    assert invoice.total == Decimal(str(truth["total"]))
    assert invoice.extraction_method == "ocr+rules"
    fields = (invoice.extraction or {})["fields"]
    assert 0 < fields["total"]["confidence"] < 1.0  # the fitted OCR map keeps some doubt (no certainty)


def test_a_scan_waits_without_ocr_and_retry_reads_it_once_ocr_is_there(
    settings: Settings, engine: Engine, tmp_path: Path, scan: bytes, truth: dict[str, object]
) -> None:
    # GIVEN OCR is not available (as before Tesseract was installed)
    without = settings.model_copy(update={"ocr": OcrSettings(command="opsloop-no-such-tesseract")})
    document_id = _ingest(settings, engine, tmp_path, scan)
    pipeline = default_pipeline()
    # WHEN the pipeline runs, the scan waits in needs_ocr with a reason that says what to install
    assert pipeline.run_document(engine, without, document_id) is DocumentState.NEEDS_OCR
    with Session(engine) as session:
        reason = get_document(session, document_id).failure_reason or ""
    assert "no text layer" in reason and "apt-get install tesseract-ocr" in reason
    # WHEN it is retried once OCR is available
    state = pipeline.retry(engine, settings, document_id)
    # THEN it is read and goes on
    assert state not in (DocumentState.NEEDS_OCR, DocumentState.FAILED)
    with Session(engine) as session:
        invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).one()
    assert invoice.invoice_number == truth["invoice_number"]


def test_blank_pages_and_pages_tesseract_fails_on_leave_the_scan_waiting_with_the_reason(
    settings: Settings, engine: Engine, tmp_path: Path, scan: bytes
) -> None:
    # GIVEN a blank two-page PDF, and a real scan with a per-page timeout Tesseract cannot meet
    blank = _ingest(settings, engine, tmp_path, samples.blank_pdf(pages=2))
    hurried = settings.model_copy(update={"ocr": OcrSettings(timeout_seconds=0.01)})
    real = _ingest(settings, engine, tmp_path / "other", scan)
    pipeline = default_pipeline()
    # WHEN both run
    assert pipeline.run_document(engine, settings, blank) is DocumentState.NEEDS_OCR
    assert pipeline.run_document(engine, hurried, real) is DocumentState.NEEDS_OCR
    # THEN neither crashed: each waits with what OCR found, the slow page skipped with its reason
    with Session(engine) as session:
        assert "OCR read no text on 2 page(s)" in (get_document(session, blank).failure_reason or "")
        assert "page 1: Tesseract did not finish within 0.01 s" in (
            get_document(session, real).failure_reason or ""
        )


def test_ocr_stops_at_max_pages_and_leaves_out_languages_that_are_not_installed(scan: bytes) -> None:
    # GIVEN a two-page PDF: a blank page, then the scanned invoice
    two = io.BytesIO()
    invoice = pdfium.PdfDocument(scan)[0].render(scale=100 / 72, grayscale=True).to_pil().convert("L")
    Image.new("L", (850, 1100), 255).save(
        two, format="PDF", resolution=100, save_all=True, append_images=[invoice]
    )
    # WHEN OCR'd with max_pages=1 and a language list that names one not installed
    result = ocr_pdf(two.getvalue(), OcrSettings(languages="eng+xx-not-installed", dpi=150), max_pages=1)
    # THEN only the first page is read (empty: it is blank), the missing language is left out
    assert [p.number for p in result.pages] == [1] and result.pages[0].text == "" and not result.skipped
    assert ocr_status(OcrSettings(languages="eng+xx-not-installed")).languages == "eng"


def test_opsloop_extract_reads_a_scan_through_ocr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scan: bytes, truth: dict[str, object]
) -> None:
    # GIVEN a scanned invoice on disk
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(tmp_path / "var"))
    path = samples.write(tmp_path, "scan.pdf", scan)
    # WHEN `opsloop extract FILE --json` runs
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    # THEN the fields come from the OCR text
    assert result.exit_code == 0, result.output
    extracted = json.loads(result.stdout)
    assert extracted["invoice_number"] == truth["invoice_number"]
    assert Decimal(extracted["total"]) == Decimal(str(truth["total"]))
    assert extracted["extraction_method"] == "ocr+rules"


def test_a_dusty_turned_scan_is_despeckled_and_deskewed_before_it_is_read(truth: dict[str, object]) -> None:
    # GIVEN the invoice scanned turned by 1.2° with dust (3000 specks on the page)
    pdf = (REPO_ROOT / "fixtures" / "inbox" / f"{FIXTURE}.pdf").read_bytes()
    data = scanned(pdf, turn=1.2, dust=3000)
    # WHEN it is read by OCR
    reading = read_scan(read_pdf(data), data, Settings())
    # THEN the page was despeckled and turned back first, and the note says so
    assert reading.read and reading.result is not None
    [page] = reading.result.pages
    assert [step.split(" ")[0] for step in page.prepared] == ["despeckled", "deskewed"]
    assert "despeckled page 1" in reading.note and "deskewed page 1" in reading.note
    # AND the invoice number and total are the printed ones
    extracted = extract_invoice(reading.parsed, engine="rules")
    assert extracted.invoice_number == truth["invoice_number"]
    assert extracted.total == Decimal(str(truth["total"]))
