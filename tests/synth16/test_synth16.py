"""The sixteenth invoice generator (evals/synth16, other generators' documents scanned and read by Tesseract):
its documents come from the four languages Tesseract reads here, the scan factors stay in a scanner's range
(150–300 dpi, turned by at most a degree) and each value comes up, a page is an image under an invisible text
layer with the source document's truth, a missing tesseract refuses with one line, and the eval knows the
generator as a development source. Tests that OCR skip when tesseract is missing here, and fail instead where
OPSLOOP_REQUIRE_TESSERACT=1 (CI: .ci/services.sh ensure_tesseract)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth16.dataset import (
    DOC_LANGS,
    SOURCES,
    ScannerMissing,
    draw_scan,
    find_tesseract,
    source_plan,
    write_dataset,
)


def _tesseract() -> None:
    if find_tesseract() is None:
        reason = "tesseract with eng+deu+fra+nld is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_TESSERACT"):
            pytest.fail(f"OPSLOOP_REQUIRE_TESSERACT is set but {reason}")
        pytest.skip(reason)


def test_the_sources_give_documents_in_the_languages_tesseract_reads_only() -> None:
    for generator in SOURCES:
        plan = source_plan(generator)
        assert len(plan) >= 100
        assert {tag.split("-")[0] for _, _, tag in plan} == set(DOC_LANGS)


def test_the_scan_factors_stay_in_a_scanners_range_and_every_value_comes_up() -> None:
    seen: dict[str, set[str]] = {}
    for i in range(300):
        scan = draw_scan(random.Random(f"t:{i}"))
        assert 150 <= int(scan["dpi"]) <= 300 and abs(float(scan["degrees"])) <= 1.0
        assert 1 <= int(scan["jpeg"]) <= 95
        for key, value in scan.items():
            seen.setdefault(key, set()).add(value)
    assert seen["dpi"] == {"150", "200", "300"} and seen["turn"] == {"0", "under 0.5", "0.5 to 1"}
    assert seen["noise"] == {"none", "specks", "blur", "specks+blur"} and seen["gray"] == {"gray", "color"}
    assert seen["jpeg"] == {"35", "60", "85"}


def test_without_tesseract_the_set_is_refused_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPSLOOP_TESSERACT", str(tmp_path / "no-such-tesseract"))
    with pytest.raises(ScannerMissing) as refused:
        write_dataset(tmp_path / "set", 1)
    assert "\n" not in str(refused.value) and "tesseract" in str(refused.value)
    assert not (tmp_path / "set").exists()


def test_a_page_is_an_image_under_an_invisible_text_layer_with_the_source_truth(tmp_path: Path) -> None:
    _tesseract()
    rows = write_dataset(tmp_path / "scan", 2, clean=tmp_path / "clean")
    assert [row["source"] for row in rows] == list(SOURCES)
    for row in rows:
        scan = json.loads((tmp_path / "scan" / f"{row['id']}.json").read_text("utf-8"))
        clean = json.loads((tmp_path / "clean" / f"{row['id']}.json").read_text("utf-8"))
        assert scan == clean and scan["_synth"]["generator"] == "synth16"
        assert scan["_synth"]["source"]["generator"] == row["source"]
        assert scan["locale"].split("-")[0] in DOC_LANGS
        document = pdfium.PdfDocument(tmp_path / "scan" / row["document"])
        try:
            page = document[0]
            kinds = [obj.type for obj in page.get_objects()]
            assert pdfium_c.FPDF_PAGEOBJ_IMAGE in kinds
            modes = {
                pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
                for obj in page.get_objects()
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
            }
            assert modes == {pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE}
            text = page.get_textpage().get_text_range()
        finally:
            document.close()
        assert len(text.split()) > 30  # the OCR text layer: words, read back as text
        # OCR may miss a few truths, never most of them
        assert len(row["not_on_page"]) <= 4, row["not_on_page"]
    manifest = [
        json.loads(line) for line in (tmp_path / "scan" / "manifest.jsonl").read_text("utf-8").splitlines()
    ]
    assert manifest == rows


def test_the_eval_knows_the_generator_as_a_development_source_with_factors() -> None:
    generator = BY_KEY["synth16"]
    assert generator.package == "evals.synth16" and generator.seed == 16163 and generator.role == DEVELOPMENT
    assert generator.ordinal == "sixteenth" and "Tesseract" in generator.producer
    assert generator.refusal == "dataset:ScannerMissing"
    assert {"vendor", "invoice_number", "total", "amount_due"} <= set(generator.factor_fields)
