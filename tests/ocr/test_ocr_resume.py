"""GIVEN scans parked in needs_ocr WHEN OCR becomes available THEN `opsloop process` / `serve` read
those that waited for it, and leave alone those OCR already read and found nothing in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.documents import DocumentState
from opsloop.service import resume_scans
from opsloop.settings import OcrSettings, Settings
from opsloop.stages import default_pipeline
from opsloop.store.documents import get_document
from tests import samples
from tests.conftest import REPO_ROOT
from tests.ocr.test_ocr_pipeline import FIXTURE, _ingest, _tesseract, scanned

__all__ = ["_tesseract"]  # the module fixture that skips (or fails in CI) without the binary


def test_scans_that_waited_for_ocr_are_read_once_it_can_run(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a scan parked while OCR could not run, and a blank scan OCR already read and found empty
    without = settings.model_copy(update={"ocr": OcrSettings(command="opsloop-no-such-tesseract")})
    scan = scanned((REPO_ROOT / "fixtures" / "inbox" / f"{FIXTURE}.pdf").read_bytes())
    waited = _ingest(settings, engine, tmp_path, scan)
    blank = _ingest(settings, engine, tmp_path / "blank", samples.blank_pdf(pages=1))
    pipeline = default_pipeline()
    assert pipeline.run_document(engine, without, waited) is DocumentState.NEEDS_OCR
    assert pipeline.run_document(engine, settings, blank) is DocumentState.NEEDS_OCR
    # WHEN OCR is still unavailable, nothing happens
    assert resume_scans(engine, without, pipeline=pipeline) == {}
    # WHEN it is available
    resumed = resume_scans(engine, settings, pipeline=pipeline)
    # THEN only the scan that waited is read, and it goes on past parse
    assert list(resumed) == [waited]
    assert resumed[waited] not in (DocumentState.NEEDS_OCR, DocumentState.FAILED)
    with Session(engine) as session:
        assert get_document(session, blank).state == DocumentState.NEEDS_OCR.value
