"""Image-only scans for opsloop's own OCR (evals/scans): documents of evals/synth14 and evals/synth5 in the
languages asked for (by default seven evals/synth16 does not print), each page an image with no text layer, the
source document's truth beside it; the sources are drawn with the set's own seed; and the invoice eval reads such
a scan through opsloop's OCR, as the pipeline does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from evals.invoices.cases import Case
from evals.invoices.run import extract_with_opsloop
from evals.scans.dataset import DEFAULT_LANGS, SOURCES, image_pdf, source_plan, write_dataset

from opsloop.domain.documents import PageText
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.ocr import needs_ocr


def test_the_default_languages_are_those_synth16_does_not_print() -> None:
    from evals.synth16.dataset import DOC_LANGS

    assert not set(DEFAULT_LANGS) & set(DOC_LANGS)
    for generator in SOURCES:
        plan = source_plan(generator, 16241, DEFAULT_LANGS)
        assert {tag.split("-")[0] for _, _, tag in plan} == set(DEFAULT_LANGS)


def _page(tmp_path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(image).rectangle((40, 40, 360, 80), fill=0)
    path = tmp_path / "page-001.jpg"
    image.save(path, "JPEG", dpi=(150, 150))
    return path


def test_a_scan_is_page_images_only_so_only_ocr_reads_it(tmp_path: Path) -> None:
    parsed = read_pdf(image_pdf([_page(tmp_path)], 150))
    assert needs_ocr(parsed) and len(parsed.pages) == 1


def test_a_set_holds_scans_in_the_languages_asked_for_with_the_source_truth(tmp_path: Path) -> None:
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError):
        pytest.skip("WeasyPrint is not installed here")
    from evals.synth14.dataset import find_gs

    if find_gs() is None:
        pytest.skip("Ghostscript is not installed here")
    rows = write_dataset(tmp_path / "scan", 2, 7, langs=("pl", "sv"), clean=tmp_path / "clean")
    assert [row["source"] for row in rows] == list(SOURCES)
    for row in rows:
        truth = json.loads((tmp_path / "scan" / f"{row['id']}.json").read_text("utf-8"))
        assert truth == json.loads((tmp_path / "clean" / f"{row['id']}.json").read_text("utf-8"))
        assert truth["locale"].split("-")[0] in ("pl", "sv") and truth["_synth"]["source"]["seed"] == 7
        assert needs_ocr(read_pdf((tmp_path / "scan" / row["document"]).read_bytes()))
        assert not needs_ocr(read_pdf((tmp_path / "clean" / row["document"]).read_bytes()))


def test_the_invoice_eval_reads_a_scan_through_opsloops_ocr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an image-only PDF and an OCR that reads an invoice number on it
    document = tmp_path / "scan.pdf"
    document.write_bytes(image_pdf([_page(tmp_path)], 150))
    read: list[int] = []

    def read_scan(parsed: Any, data: bytes, settings: Any) -> Any:
        from opsloop.ocr import ScanReading

        read.append(len(data))
        page = PageText(
            number=1, text="INVOICE\nInvoice number: 88-310\nInvoice date: 12.03.2026\n", source="ocr"
        )
        return ScanReading(parsed.model_copy(update={"pages": [page]}), "text by OCR", True)

    monkeypatch.setattr("opsloop.ocr.read_scan", read_scan)
    # WHEN the eval extracts it THEN opsloop's OCR read the page and its number is found
    extraction = extract_with_opsloop(Case("scans", "scan", "scan", {}, document=document), False)
    assert read and extraction.invoice_number == "88-310"
