"""The tenth invoice generator (evals/synth10, hand-written PDF text operators with producers' emission quirks
as factors): the same seed gives the same bytes, the sums add up, identifiers have valid check digits, every
layout and locale comes up, each factor is recorded and shows in the content stream, the text layer of a few
documents shows every scored truth, and the strict eval wires its sets in as ``synth10:`` with a table per
factor."""

from __future__ import annotations

import io
import json
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.invoices.run import print_results, run_invoice_eval
from evals.synth9.words import WORDS
from evals.synth10.dataset import TAGS, missing, page_text, plan, printed, render, truth, write_dataset
from evals.synth10.layouts import LAYOUTS, Money
from evals.synth10.model import FACTORS, draw
from evals.synth10.words import EXTRA
from stdnum import iban as iban_check


def _doc(index: int, seed: int = 1, force: dict[str, str] | None = None, layout: str = "din_classic",
         tag: str = "de-DE"):  # fmt: skip
    rng = random.Random(f"synth10:{seed}:{index}")
    d = draw(layout, tag, rng, force)
    return d, render(d, rng)


def _stream(pdf: bytes) -> str:
    return pdf.decode("latin-1")


def test_at_least_15_layouts_and_12_languages_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15
    assert len({tag.split("-")[0] for tag in TAGS}) >= 12
    assert set(plan(len(LAYOUTS) * len(TAGS), 3)) == {(layout, tag) for layout in LAYOUTS for tag in TAGS}


def test_every_language_has_every_extra_word() -> None:
    keys = set(EXTRA["en"])
    assert set(WORDS) <= set(EXTRA)
    for lang, words in EXTRA.items():
        assert set(words) == keys, lang


def test_the_same_seed_gives_the_same_bytes_and_another_seed_others() -> None:
    for index, (layout, tag) in enumerate(plan(12, 7)):
        first, again, other = (draw(layout, tag, random.Random(f"synth10:{s}:{index}")) for s in (7, 7, 8))
        pdf = render(first, random.Random(f"synth10:7:{index}:r"))
        assert pdf == render(again, random.Random(f"synth10:7:{index}:r"))
        assert truth(first) == truth(again) and first.factors == again.factors
        assert truth(first) != truth(other)


def test_the_sums_add_up_and_identifiers_have_valid_check_digits() -> None:
    from stdnum import vatin

    for index, (layout, tag) in enumerate(plan(len(LAYOUTS) * 4, 5)):
        d = draw(layout, tag, random.Random(f"synth10:5:{index}"))
        doc = d.doc
        for line in doc.lines:
            if line.quantity != 1 or line.net == line.price:
                assert line.net == (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert doc.net_total + doc.tax_total == doc.grand_total
        assert doc.grand_total - doc.paid - doc.retention == doc.amount_due
        if doc.seller.iban:
            assert iban_check.is_valid(doc.seller.iban)
        if d.values["other_iban"]:
            assert iban_check.is_valid(d.values["other_iban"]) and d.values["other_iban"] != doc.seller.iban
        if doc.seller.vat_id and doc.loc.country not in ("AU", "CA", "US", "BR"):
            assert vatin.is_valid(doc.seller.vat_id.replace(" ", "").replace(".", "")), doc.seller.vat_id
        assert Decimal(d.values["other_amount"]) != doc.grand_total


def test_every_factor_value_comes_up_and_is_recorded(tmp_path: Path) -> None:
    seen = {name: set() for name in FACTORS}
    for index in range(300):
        d = draw("din_classic", "en-GB", random.Random(f"synth10:11:{index}"))
        for name, value in d.factors.items():
            seen[name].add(value)
    assert seen == {name: set(values) for name, values in FACTORS.items()}
    rows = write_dataset(tmp_path / "s", 3, 10103)
    again = write_dataset(tmp_path / "t", 3, 10103)
    assert rows == again
    for row in rows:
        assert (tmp_path / "s" / row["document"]).read_bytes() == (
            tmp_path / "t" / row["document"]
        ).read_bytes()
        record = json.loads((tmp_path / "s" / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["_synth"]["factors"] == row["factors"] and set(row["factors"]) == set(FACTORS)


def test_each_quirk_shows_in_the_content_stream() -> None:
    _, pdf = _doc(1, force={"words": "tj_gaps", "hidden": "ocr_layer", "letterhead": "form_first"})
    stream = _stream(pdf)
    assert re.search(r"\) -\d+ \(", stream)  # word gaps as TJ kerning
    assert "3 Tr" in stream and "/XObject" in stream and " Do" in stream
    _, pdf = _doc(2, force={"words": "per_glyph", "rotated": "both", "heading": "tc_spaced"})
    stream = _stream(pdf)
    assert stream.count(" Tm") > 200 and "4 Tc" in stream
    assert re.search(r"0\.0000 1\.0000 -1\.0000 0\.0000 [\d.]+ [\d.]+ Tm", stream)  # the margin line, at 90°
    _, pdf = _doc(3, force={"emphasis": "fake_bold", "glyphs": "soft_hyphens"})
    text = page_text(pdf)
    assert "\u00ad" in text


def test_a_few_documents_show_every_truth_in_their_text_layer() -> None:
    for index, force in enumerate(
        (
            {"words": "per_glyph", "emphasis": "none", "glyphs": "ligatures"},
            {"words": "tj_gaps", "order": "table_by_column", "numbers": "trailing_minus"},
            {"words": "per_word", "letterhead": "form_last", "wordmark": "two_runs", "pages": "multi"},
            {"words": "spaces", "hidden": "instruction", "numbers": "leaders", "glyphs": "nbsp_names"},
        )
    ):
        d, pdf = _doc(
            index,
            4,
            force,
            layout=sorted(LAYOUTS)[index * 3],
            tag=("fr-FR", "de-DE", "pl-PL", "en-US")[index],
        )
        assert missing(d, page_text(pdf)) == [], (index, missing(d, page_text(pdf)))
    d, _ = _doc(0)
    forms = printed(d)
    assert "invoice_number" in missing(d, " ".join(o[0] for k, o in forms.items() if k != "invoice_number"))


def test_amounts_print_as_erp_report_engines_print_them() -> None:
    d, _ = _doc(0, force={"numbers": "trailing_minus"}, tag="de-DE")
    assert Money(d).signed(Decimal("-150")) == "150,00-"
    d.factors["numbers"] = "parentheses"
    assert Money(d).signed(Decimal("-1234.5")) == "(1.234,50)"
    d.factors["numbers"] = "u2212"
    assert Money(d).signed(Decimal("-3")) == "\u22123,00"
    d.factors["numbers"] = "code_after"
    assert Money(d).total(Decimal("1234.5")).endswith("1.234,50 EUR")


def test_the_eval_scores_a_set_as_a_development_source_with_a_table_per_factor(tmp_path: Path) -> None:
    generator = BY_KEY["synth10"]
    assert generator.package == "evals.synth10" and generator.seed == 10103 and generator.role == DEVELOPMENT
    folder = tmp_path / "set"
    write_dataset(folder, 2, 10103)
    results = run_invoice_eval(tmp_path / "no-data", synth10=[folder])
    assert results is not None and len(results) == 1
    result = results[0]
    assert result.source == f"synth10:{folder.name}" and not result.heldout and result.items == 2
    out = io.StringIO()
    print_results(results, out)
    assert "per factor (n, vendor, buyer, invoice_number" in out.getvalue()
    assert re.search(r"words +(spaces|tj_gaps|per_word|per_glyph) ", out.getvalue())


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_prints_its_parties_and_number(layout: str) -> None:
    d, pdf = _doc(5, 6, {"words": "spaces", "emphasis": "none"}, layout=layout, tag="nl-NL")
    text = re.sub(r"\s+", "", page_text(pdf)).casefold()
    for value in (d.doc.seller.name, d.doc.buyer.name, d.doc.number):
        assert re.sub(r"\s+", "", value).casefold() in text, (layout, value)
