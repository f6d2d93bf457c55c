"""The twenty-first invoice generator (evals/synth21, LaTeX): deterministic per seed, every layout in every
language typesets, the money adds up in Decimal, the ids carry valid check digits, and every truth it records
is printed on the page (PDFium's text layer shows it, TeX's line-end hyphens joined). Tests that typeset skip
with one line when pdflatex is missing here, and fail instead where OPSLOOP_REQUIRE_TEXLIVE=1 (CI installs it:
.ci/services.sh ensure_texlive)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from evals._generator import not_on_page, page_text
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth21.dataset import TAGS, find_tex, joined, make, printed, truth, write_dataset
from evals.synth21.layouts import LAYOUTS
from evals.synth21.model import draw, iban, vat_id
from stdnum import get_cc_module
from stdnum import iban as iban_module

from tests.generated_sets import assert_set_is_deterministic


def _tex() -> None:
    if find_tex() is None:
        reason = "pdflatex (TeX Live) is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_TEXLIVE"):
            pytest.fail(f"OPSLOOP_REQUIRE_TEXLIVE is set but {reason}")
        pytest.skip(reason)


def test_registered_as_a_development_source() -> None:
    generator = BY_KEY["synth21"]
    assert generator.package == "evals.synth21" and generator.role == DEVELOPMENT
    assert len(LAYOUTS) >= 8 and {"en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs"} <= set(
        TAGS
    )


def test_truths_add_up_and_ids_check() -> None:
    for index, layout in enumerate(sorted(LAYOUTS) * 3):
        rng = random.Random(f"synth21:sum:{index}")
        doc = draw(rng, layout, TAGS[index % len(TAGS)], credit=layout == "credit", hourly=layout == "hours",
                   many=layout == "longlist")  # fmt: skip
        assert sum(line.total for line in doc.lines) == doc.net
        assert doc.net + doc.tax == doc.total and doc.due_amount == doc.total - doc.paid
        assert sum(tax for _, tax in doc.vat.values()) == doc.tax
    for country in ("GB", "IE", "DE", "AT", "CH", "FR", "BE", "NL", "ES", "IT", "PT", "PL", "SE", "DK", "CZ"):
        rng = random.Random(country)
        compact, _ = vat_id(rng, country)
        if country == "CH":  # the UID, and the VAT number where its suffix is printed
            compact = compact.removesuffix(" MWST").removesuffix(" TVA")
        module = get_cc_module(country.lower(), "uid" if country == "CH" else "vat")
        assert module.is_valid(compact), compact
        assert iban_module.is_valid(iban(rng, country))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_is_the_same_from_the_same_seed_and_prints_its_truths(layout: str) -> None:
    _tex()
    for index, tag in enumerate(TAGS):
        if (
            index % 4 != sorted(LAYOUTS).index(layout) % 4
        ):  # a quarter of the languages per layout keeps it quick
            continue
        (doc, pdf), (again, pdf2), (other, _) = (
            make(layout, tag, random.Random(f"synth21:{s}:{index}")) for s in (3, 3, 4)
        )
        assert truth(doc, index, 3) == truth(again, index, 3)
        assert truth(doc, index, 3) != truth(other, index, 3)
        assert pdf == pdf2
        assert not_on_page(printed(doc), joined(page_text(pdf))) == []
        assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor", "buyer"}


def test_a_set_is_deterministic_and_its_manifest_finds_every_truth(tmp_path: Path) -> None:
    _tex()
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
