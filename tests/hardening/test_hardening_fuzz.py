"""A bounded sample of the fuzz eval (evals/fuzz.py runs 10,000): mutated fixtures (truncation, byte
flips, splices, bombs, nesting, absurd numbers and dates, re-encodings, broken UTF-8, lying stream
lengths) and the hand-made hostile files, through the real pipeline. Every file ends settled with a
named reason; none crashes the run, ends `failed`, or holds a stage past its budget."""

from __future__ import annotations

from pathlib import Path

from evals.fuzzing.mutate import FuzzCase, fuzz_cases, seed_files
from evals.fuzzing.poison import poison_files
from evals.fuzzing.run import run_cases

from opsloop.settings import BudgetSettings, OcrSettings, Settings
from tests.conftest import REPO_ROOT

FAST_POISON = (
    "flate-bomb.pdf",
    "deep-forms.pdf",
    "nested.json",
    "surrogates.json",
    "timestamps.json",
    "wide.csv",
    "charset.eml",
    "date.eml",
    "laughs.xml",
    "deep.xml",
)


def test_a_fuzz_sample_ends_settled_with_named_reasons_and_nothing_failed(tmp_path: Path) -> None:
    # GIVEN 150 mutated fixtures and 25 quick hostile files (175 in all), a 10 s budget per stage, OCR off
    settings = Settings(
        data_dir=tmp_path / "var",
        database_url=None,
        budget=BudgetSettings(seconds=10),
        ocr=OcrSettings(enabled=False),
    )
    hostile = {
        name: data
        for name, data in poison_files().items()
        if name in FAST_POISON or name.startswith("absurd")
    }
    cases = list(
        fuzz_cases(
            seed_files(REPO_ROOT / "fixtures" / "inbox"), count=150, seed=20261204, include_poison=False
        )
    )
    cases += [FuzzCase(f"poison-{name}", data, name, ("poison",)) for name, data in hostile.items()]
    # WHEN they go through ingest and every stage
    report = run_cases(
        cases, settings.data_dir, settings, erp_folder=REPO_ROOT / "fixtures" / "erp", batch=60
    )
    summary = report.summary()
    # THEN every file is accounted for, settled, with a named reason where it was refused
    assert report.files == len(cases)
    assert len(report.files_detail) == len(cases)
    assert report.crashes == 0, summary["crash_details"]
    assert report.failed == 0, summary["failures"]
    assert report.unsettled == 0 and report.unnamed == 0, summary
    assert report.hangs == 0, summary
    # AND the hostile files were refused for what they are
    ends = {
        o.name.removeprefix("poison-"): (o.end, o.reason)
        for o in report.files_detail
        if "poison" in o.mutations
    }
    assert ends["flate-bomb.pdf"] == ("quarantined", "decompression_limit")
    assert ends["nested.json"] == ("quarantined", "malformed_transcript")
    assert all(ends[n][1] == "absurd_amount" for n in ends if n.startswith("absurd"))
