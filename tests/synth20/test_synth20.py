"""The twentieth invoice generator (evals/synth20): registered as a development source, deterministic per seed,
every layout in every language draws, the money adds up, and a written set prints every truth it records
(PDFium's text layer of LibreOffice's PDFs shows it)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth20.dataset import LAYOUTS, TAGS, find_soffice, make, printed, truth, write_dataset

from tests.generated_sets import assert_set_is_deterministic


def test_registered_as_a_development_source() -> None:
    generator = BY_KEY["synth20"]
    assert generator.package == "evals.synth20" and generator.role == DEVELOPMENT


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_in_each_language_draws_the_same_from_the_same_seed(layout: str) -> None:
    for index, tag in enumerate(TAGS):
        doc, again, other = (make(layout, tag, random.Random(f"synth20:{s}:{index}")) for s in (3, 3, 4))
        assert truth(doc, index, 3) == truth(again, index, 3)
        assert truth(doc, index, 3) != truth(other, index, 3)
        assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor", "buyer"}
        assert sum(line.total for line in doc.lines) == doc.net
        assert doc.net + doc.tax == doc.total and doc.due_amount == doc.total - doc.prepaid


@pytest.mark.skipif(find_soffice() is None, reason="needs LibreOffice (soffice) to print the set")
def test_a_set_is_deterministic_and_its_manifest_finds_every_truth(tmp_path: Path) -> None:
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
