"""The random generator writes reproducible data sets whose identifiers carry valid check digits."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from evals.synth.generate import main, random_invoice
from evals.synth.render import LOCALES
from stdnum import iban
from stdnum.eu import vat


@pytest.mark.parametrize("locale", LOCALES)
def test_generated_parties_have_valid_vat_ids_and_ibans(locale: str) -> None:
    rng = random.Random(locale)
    for _ in range(3):
        invoice = random_invoice(rng, locale)
        seller = invoice.seller
        if seller.iban:
            assert iban.is_valid(seller.iban)
        if seller.country not in ("US", "CH", "GB"):
            assert seller.vat_id and vat.is_valid(seller.vat_id)
        assert invoice.amount_due == invoice.grand_total - invoice.prepaid
        assert invoice.lines


def test_the_same_seed_writes_the_same_data_set(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert main(["--out", str(tmp_path / name), "--count", "3", "--seed", "11", "--format", "cii"]) == 0
    first = sorted((tmp_path / "a").iterdir())
    second = sorted((tmp_path / "b").iterdir())
    assert [p.name for p in first] == [p.name for p in second]
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(first, second, strict=True))
    truth = json.loads(next(p for p in first if p.suffix == ".json").read_text("utf-8"))
    assert truth["_synth"]["seed"] == 11


def test_an_unknown_locale_is_refused_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--out", str(tmp_path), "--locales", "xx-XX"]) == 2
    assert "unknown locale or layout: xx-XX" in capsys.readouterr().err
