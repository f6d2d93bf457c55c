"""The nineteenth invoice generator (evals/synth19): deterministic per seed, every layout in every language
draws and renders, the money adds up, and every truth it records is printed on the page (PDFium's text layer
shows it)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from evals._generator import not_on_page, page_text
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth19.dataset import TAGS, make, printed, truth, write_dataset
from evals.synth19.layouts import LAYOUTS

from tests.generated_sets import assert_set_is_deterministic


def test_registered_as_a_development_source() -> None:
    generator = BY_KEY["synth19"]
    assert generator.package == "evals.synth19" and generator.role == DEVELOPMENT


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_is_the_same_from_the_same_seed_and_prints_its_truths(layout: str) -> None:
    for index, tag in enumerate(TAGS):
        if (
            index % 3 != sorted(LAYOUTS).index(layout) % 3
        ):  # a third of the languages per layout keeps it quick
            continue
        (doc, pdf), (again, pdf2), (other, _) = (
            make(layout, tag, random.Random(f"synth19:{s}:{index}")) for s in (3, 3, 4)
        )
        assert truth(doc, index, 3) == truth(again, index, 3)
        assert truth(doc, index, 3) != truth(other, index, 3)
        assert pdf == pdf2
        assert not_on_page(printed(doc), page_text(pdf)) == []
        assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor", "buyer"}


def test_truths_add_up() -> None:
    for index, layout in enumerate(sorted(LAYOUTS) * 2):
        doc, _ = make(layout, TAGS[index % len(TAGS)], random.Random(f"synth19:sum:{index}"))
        assert doc.net + doc.tax == doc.total and sum(line.total for line in doc.lines) == doc.net
        assert doc.due_amount == doc.total - doc.paid


def test_a_set_is_deterministic_and_its_manifest_finds_every_truth(tmp_path: Path) -> None:
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
