"""The twenty-fifth invoice generator (evals/synth25, LuaLaTeX): registered as a development source, the money
adds up in Decimal per VAT rate, the ids carry valid check digits, the same seed typesets the same PDFs, and
every truth it records is printed on the page (PDFium's text layer shows it). Tests that typeset skip with one
line when lualatex is missing here, and fail instead where OPSLOOP_REQUIRE_TEXLIVE=1."""

from __future__ import annotations

import os
import random
from decimal import Decimal
from pathlib import Path

import pytest
from evals._generator import not_on_page, page_text
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth25.dataset import TAGS, find_lualatex, make, printed, truth, write_dataset
from evals.synth25.layouts import LAYOUTS
from evals.synth25.model import RATES, day, draw, iban, money, number, vat_id
from stdnum import get_cc_module
from stdnum import iban as iban_module

from tests.generated_sets import assert_set_is_deterministic


def _lualatex() -> None:
    if find_lualatex() is None:
        reason = "lualatex (TeX Live's LuaTeX) is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_TEXLIVE"):
            pytest.fail(f"OPSLOOP_REQUIRE_TEXLIVE is set but {reason}")
        pytest.skip(reason)


def test_registered_as_a_development_source_with_twelve_layouts_or_more() -> None:
    generator = BY_KEY["synth25"]
    assert generator.package == "evals.synth25" and generator.role == DEVELOPMENT
    assert len(LAYOUTS) >= 12
    assert set(TAGS) == {"en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs"}


def test_money_adds_up_per_rate_and_ids_check() -> None:
    for index in range(60):
        doc = draw(random.Random(f"synth25:sum:{index}"), "classic", TAGS[index % len(TAGS)],
                   credit=index % 5 == 0, many=index % 7 == 0)  # fmt: skip
        assert sum(line.total for line in doc.lines) == doc.subtotal
        assert doc.subtotal - doc.discount + doc.shipping == doc.net
        assert doc.net + doc.tax == doc.total and doc.due_amount == doc.total - doc.paid
        assert sum(group[3] for group in doc.groups.values()) == doc.tax
        assert all(isinstance(group[2], Decimal) for group in doc.groups.values())
    for country in RATES:
        rng = random.Random(country)
        compact, shown = vat_id(rng, country)
        assert get_cc_module(country.lower(), "vat").is_valid(compact), compact
        assert "".join(c for c in shown if c.isalnum()) == compact
        assert iban_module.is_valid(iban(rng, country))


def test_number_money_and_date_forms() -> None:
    assert number(Decimal("1234567.5"), "dot sym-after") == "1.234.567,50"
    assert number(Decimal("1234.5"), "comma plain") == "1,234.50"
    assert number(Decimal("999.99"), "space plain") == "999,99"
    assert money(Decimal("1234.5"), "GBP", "comma sym-before") == "£1,234.50"
    assert money(Decimal("1234.5"), "CZK", "space sym-after") == "1 234,50 Kč"
    assert money(Decimal("1234.5"), "EUR", "dot iso-before") == "EUR 1.234,50"
    import datetime as dt

    assert day(dt.date(2026, 3, 7), "d words", "pl") == "7 marca 2026"
    assert day(dt.date(2026, 3, 7), "d de words", "es") == "7 de marzo de 2026"
    assert day(dt.date(2026, 3, 7), "d. m. Y", "cs") == "7. 3. 2026"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_is_the_same_from_the_same_seed_and_prints_its_truths(layout: str) -> None:
    _lualatex()
    index = sorted(LAYOUTS).index(layout)
    tag = TAGS[index % len(TAGS)]
    (doc, pdf), (again, pdf2), (other, _) = (
        make(layout, tag, random.Random(f"synth25:{s}:{index}")) for s in (3, 3, 4)
    )
    assert truth(doc, index, 3) == truth(again, index, 3)
    assert truth(doc, index, 3) != truth(other, index, 3)
    assert pdf == pdf2
    assert not_on_page(printed(doc), page_text(pdf)) == []
    assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor", "buyer"}


@pytest.mark.timeout(1200)  # two sets of sixteen documents, each a LuaLaTeX run of seconds on a busy machine
def test_a_set_is_deterministic_and_its_manifest_finds_every_truth(tmp_path: Path) -> None:
    _lualatex()
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
