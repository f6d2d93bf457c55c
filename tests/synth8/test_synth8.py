"""The eighth invoice generator (evals/synth8, Typst with system fonts): the same seed gives the same truths
and PDF bytes, the sums add up, identifiers have valid check digits, every layout, locale and party factor
comes up, the text layer of a few documents shows every scored truth, and the strict eval wires its sets in
as ``synth8:`` with a breakdown per party factor."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from evals.invoices.run import factor_facets, run_invoice_eval
from evals.synth8.dataset import (
    compile_pdf,
    fonts_present,
    missing,
    page_text,
    plan,
    printed,
    truth,
    write_dataset,
)
from evals.synth8.ids import VAT, draw_iban, draw_vat, vat_valid
from evals.synth8.layouts import LAYOUTS, draw
from evals.synth8.locales import LOCALES
from evals.synth8.model import BUYER_POSITIONS, DISTRACTORS, NAME_SHAPES, SELLER_POSITIONS, draw_doc
from evals.synth8.words import KEYS, WORDS
from stdnum import iban as iban_check

pytest.importorskip("typst")


def _fonts() -> None:
    if not fonts_present():
        pytest.skip("no Liberation / DejaVu fonts here")


def test_at_least_15_layouts_and_14_locales_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15 and len(LOCALES) >= 14
    assert {"el", "bg", "et", "lv", "lt", "sl"} <= {loc.lang for loc in LOCALES.values()}
    pairs = set(plan(len(LAYOUTS) * len(LOCALES), 3))
    assert pairs == {(layout, tag) for layout in LAYOUTS for tag in LOCALES}


def test_every_language_has_every_word() -> None:
    assert {loc.lang for loc in LOCALES.values()} <= set(WORDS)
    for lang, words in WORDS.items():
        assert set(KEYS) <= set(words), (lang, set(KEYS) - set(words))


def test_every_party_factor_comes_up_and_is_recorded() -> None:
    seen: dict[str, Counter[str]] = {}
    for index, (layout, tag) in enumerate(plan(400, 8089)):
        doc = draw_doc(layout, tag, random.Random(f"synth8:8089:{index}"))
        for name, value in doc.factors.items():
            seen.setdefault(name, Counter())[value] += 1
    assert set(seen["seller_pos"]) == set(SELLER_POSITIONS)
    assert set(seen["buyer_pos"]) == {*BUYER_POSITIONS, "to_block"}
    assert set(seen["name_shape"]) == set(NAME_SHAPES) and set(seen["distractor"]) == set(DISTRACTORS)
    assert set(seen["brand"]) == {"none", "logo"}


def test_the_same_seed_gives_the_same_truths_and_another_seed_others() -> None:
    for index, (layout, tag) in enumerate(plan(32, 9)):
        first = truth(draw_doc(layout, tag, random.Random(f"synth8:9:{index}")))
        again = truth(draw_doc(layout, tag, random.Random(f"synth8:9:{index}")))
        other = truth(draw_doc(layout, tag, random.Random(f"synth8:10:{index}")))
        assert first == again and first != other


def test_the_sums_add_up() -> None:
    for index, (layout, tag) in enumerate(plan(len(LAYOUTS) * len(LOCALES), 5)):
        doc = draw_doc(layout, tag, random.Random(f"synth8:5:{index}"))
        assert sum((t.base for t in doc.taxes), Decimal(0)) == sum(
            (line.net for line in doc.lines), Decimal(0)
        )
        for line in doc.lines:
            expected = line.quantity * line.price * (100 - line.discount) / 100
            assert abs(line.net - expected) <= Decimal("0.005")
        for tax in doc.taxes:
            assert abs(tax.tax - tax.base * tax.rate / 100) <= Decimal("0.005")
        assert doc.net_total + doc.tax_total == doc.grand_total
        assert doc.grand_total - doc.prepaid == doc.amount_due
        assert doc.buyer.name != doc.seller.name


def test_identifiers_have_valid_check_digits() -> None:
    rng = random.Random(7)
    for country in VAT:
        for _ in range(5):
            vat = draw_vat(country, rng)
            assert vat is not None and vat_valid(country, vat), country
            iban = draw_iban(country, rng)
            assert iban is None or iban_check.is_valid(iban), country


def test_locales_print_their_own_formats() -> None:
    assert LOCALES["de-CH"].number(Decimal("1234.5")) == "1'234.50"
    assert LOCALES["en-GB"].money(Decimal("1234.5")) == "£1,234.50"
    assert LOCALES["bg-BG"].money(Decimal("1234.5")) == "1 234,50 лв."
    assert LOCALES["en-US"].date(date(2026, 3, 5), "%B %e, %Y") == "March 5, 2026"
    assert LOCALES["en-US"].date(date(2026, 3, 5)) == "03/05/2026"


def test_the_truth_is_the_legal_seller_not_the_brand_nor_a_third_party() -> None:
    for index, (layout, tag) in enumerate(plan(200, 4)):
        doc = draw_doc(layout, tag, random.Random(f"synth8:4:{index}"))
        assert doc.seller.name not in (doc.brand, doc.third, doc.buyer.name)
        if doc.factors["distractor"] == "factoring":
            assert doc.seller.iban is None  # the page asks to pay the factor


def test_a_value_that_is_not_on_the_page_is_reported() -> None:
    doc = draw_doc("classic", "de-DE", random.Random(1))
    forms = printed(doc)
    text = " ".join(o[0] for k, o in forms.items() if k != "total")
    assert "total" in missing(doc, text) or forms["total"][0] in text
    assert missing(doc, " ".join(o[0] for o in forms.values())) == []


def test_a_typst_source_compiles_the_same_bytes_twice() -> None:
    _fonts()
    _, source = draw("two_page", "el-GR", random.Random("synth8:1:1"))
    assert compile_pdf(source) == compile_pdf(source)


def test_four_documents_print_every_truth(tmp_path: Path) -> None:
    _fonts()
    layouts = ("two_page", "narrow", "boxed", "landscape")
    rows = write_dataset(tmp_path / "a", 4, 8089, layouts=layouts)
    assert {row["layout"] for row in rows} == set(layouts)
    for row in rows:
        assert row["not_on_page"] == [], row
        pdf = (tmp_path / "a" / row["document"]).read_bytes()
        record = json.loads((tmp_path / "a" / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["_synth"]["factors"] == row["factors"]
        text = re.sub(r"\s+", "", page_text(pdf)).casefold()
        for key in ("seller_name", "buyer_name", "invoice_number"):  # the truth's own values, verbatim
            assert re.sub(r"\s+", "", record[key]).casefold() in text, (row["id"], key)


def test_the_eval_scores_a_set_as_a_development_source_with_a_factor_breakdown(tmp_path: Path) -> None:
    _fonts()
    folder = tmp_path / "set"
    write_dataset(folder, 2, 8089, layouts=("classic", "narrow"))
    results = run_invoice_eval(tmp_path / "no-data", synth8=[folder])
    assert results is not None and len(results) == 1
    result = results[0]
    assert (
        result.source == f"synth8:{folder.name}"
        and not result.heldout
        and result.show_misses
        and result.tuned
    )
    assert result.items == 2 and result.fields["total"].total == 2
    assert factor_facets(result) == ["seller_pos", "buyer_pos", "name_shape", "distractor", "brand"]
