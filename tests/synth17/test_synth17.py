"""The seventeenth invoice generator (evals/synth17): deterministic per seed, every layout in every language
draws and renders, and every truth it records is printed on the page (the PDFium text layer shows it)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth2.browser import find_chromium
from evals.synth17.dataset import TAGS, make, printed, truth, write_dataset
from evals.synth17.layouts import LAYOUTS

from tests.generated_sets import assert_set_is_deterministic


def test_registered_as_a_development_source() -> None:
    generator = BY_KEY["synth17"]
    assert generator.package == "evals.synth17" and generator.role == DEVELOPMENT


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_draws_the_same_document_from_the_same_seed(layout: str) -> None:
    for index, lang in enumerate(TAGS):
        first, again, other = (make(layout, lang, random.Random(f"synth17:{s}:{index}")) for s in (3, 3, 4))
        assert first[1] == again[1]
        assert truth(first[0], index, 3) == truth(again[0], index, 3)
        assert first[1] != other[1]


def test_truths_add_up() -> None:
    for index, layout in enumerate(sorted(LAYOUTS) * 3):
        doc, _ = make(layout, TAGS[index % len(TAGS)], random.Random(f"synth17:sum:{index}"))
        assert doc.net + doc.tax == doc.total and doc.total - doc.paid == doc.due_amount
        assert sum(t[1] for t in doc.taxes) == doc.net
        assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor"}


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium to print the set")
def test_a_set_is_deterministic_and_prints_its_truths(tmp_path: Path) -> None:
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
