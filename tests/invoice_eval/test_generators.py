"""The table of generated sources: one row a generator, one held-out source, options and prefixes from it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from evals.invoices import run_invoice_eval
from evals.invoices.generators import BY_KEY, DEVELOPMENT, GENERATORS, HELDOUT, generator_of, heldout_note


def test_each_row_names_a_generator_that_writes_sets_and_one_row_is_the_held_out_source() -> None:
    assert len(BY_KEY) == len(GENERATORS)
    assert [g.role for g in GENERATORS].count(HELDOUT) == 1
    for generator in GENERATORS:
        dataset = importlib.util.find_spec(f"{generator.package}.dataset")
        assert dataset is not None, generator.package
        assert generator.cache == Path("var/evals") / generator.package.rsplit(".", 1)[-1]


def test_a_source_is_told_by_its_prefix() -> None:
    held = next(g for g in GENERATORS if g.role == HELDOUT)
    development = next(g for g in GENERATORS if g.role == DEVELOPMENT)
    assert generator_of(f"{held.key}:pdf-s1-n2") is held and held.heldout
    assert generator_of(f"{development.key}:pdf-s1-n2") is development and not development.heldout
    assert generator_of("invoice2data") is None and generator_of("synth:pdf-s1-n2") is None
    assert heldout_note(f"{held.key}:x").startswith("never tuned on")
    assert heldout_note("heldout:x").startswith("tuned on since")


def test_the_eval_refuses_a_generator_it_does_not_know(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="no generator synth99"):
        run_invoice_eval(tmp_path / "absent", synth99=[tmp_path])
