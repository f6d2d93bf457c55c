"""The twelfth invoice generator (evals/synth12, invoices people write themselves): the same seed gives the
same bytes, the sums add up, identifiers are valid or not as their factor says, every layout, language and
factor value comes up and is recorded, a few documents' text layers show every scored truth (the parties'
forms of address and attention lines outside the names), and the strict eval wires its sets in as
``synth12:`` with a table per factor."""

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
from evals.synth12.dataset import (
    TAGS,
    implied,
    missing,
    page_text,
    plan,
    printed,
    render,
    truth,
    write_dataset,
)
from evals.synth12.layouts import LAYOUTS
from evals.synth12.model import FACTORS, _vat_valid, draw, iban_valid
from evals.synth12.words import LANGS
from stdnum import iban as iban_check


def _doc(index: int, seed: int = 1, force: dict[str, str] | None = None, lang: str = "de", layout: str = "letter_window"):  # fmt: skip
    rng = random.Random(f"synth12:{seed}:{index}")
    d = draw(lang, rng, force)
    return d, render(d, layout, rng)


def test_at_least_15_layouts_and_7_languages_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15 and len(TAGS) >= 7
    assert {"en", "de", "fr", "it", "es", "nl", "pt"} <= set(TAGS)
    assert set(plan(len(LAYOUTS) * len(TAGS), 3)) == {(layout, tag) for layout in LAYOUTS for tag in TAGS}


def test_every_language_has_every_word() -> None:
    keys = set(LANGS["en"]) - {"withholding_rate", "contribution_rate", "gendered_last"}
    for lang, words in LANGS.items():
        assert keys <= set(words), (lang, keys - set(words))


def test_the_same_seed_gives_the_same_bytes_and_another_seed_others() -> None:
    for index, (layout, lang) in enumerate(plan(10, 7)):
        first, again, other = (draw(lang, random.Random(f"synth12:{s}:{index}")) for s in (7, 7, 8))
        assert render(first, layout, random.Random("r")) == render(again, layout, random.Random("r"))
        assert truth(first) == truth(again) and first.factors == again.factors
        assert truth(first) != truth(other)


def test_the_sums_add_up_in_decimal() -> None:
    for index, (_, lang) in enumerate(plan(120, 5)):
        d = draw(lang, random.Random(f"synth12:5:{index}"))
        for line in d.lines:
            assert line.net == (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert d.net == sum((line.net for line in d.lines), Decimal(0))
        assert d.total == d.net + d.contribution + d.tax
        assert d.amount_due == d.total - d.withheld - d.deposit and d.amount_due > 0
        record = truth(d)
        assert Decimal(record["grand_total"]) == d.total and Decimal(record["due_payable"]) == d.amount_due
        if d.vat_rate is None:
            assert record["tax_total"] is None and d.tax == 0


def test_identifiers_are_valid_or_not_as_their_factor_says() -> None:
    for index in range(160):
        lang = TAGS[index % len(TAGS)]
        d = draw(lang, random.Random(f"synth12:9:{index}"))
        s, f = d.seller, d.factors
        if f["vat_id"] == "none":
            assert s.vat_id is None
        elif f["vat_id"] in ("valid", "invalid"):
            assert _vat_valid(s.country, s.vat_id or "") == (f["vat_id"] == "valid"), s.vat_id
        if f["iban"] == "none":
            assert s.iban is None
        else:
            assert iban_valid(s.iban or "") == (f["iban"] == "valid")
            if f["iban"] == "valid":
                assert iban_check.is_valid(s.iban or "")


def test_every_factor_value_comes_up_and_is_recorded(tmp_path: Path) -> None:
    seen: dict[str, set[str]] = {name: set() for name in FACTORS}
    for index in range(400):
        d = draw(("it", "es")[index % 2], random.Random(f"synth12:11:{index}"))
        for name, value in d.factors.items():
            seen[name].add(value)
    assert seen == {name: set(values) for name, values in FACTORS.items()}
    rows = write_dataset(tmp_path / "s", 4, 12127)
    again = write_dataset(tmp_path / "t", 4, 12127)
    assert rows == again
    for row in rows:
        assert (tmp_path / "s" / row["document"]).read_bytes() == (
            tmp_path / "t" / row["document"]
        ).read_bytes()
        record = json.loads((tmp_path / "s" / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["_synth"]["factors"] == row["factors"] and set(row["factors"]) == set(FACTORS)
        assert row["not_on_page"] == []


def test_a_few_documents_show_every_truth_in_their_text_layer() -> None:
    cases = (
        ({"seller_kind": "trade_name", "tagline": "yes", "buyer_kind": "company", "salutation": "own_line",
          "attention": "line", "regime": "withholding", "deposit": "paid"}, "it", "two_column_parties"),
        ({"seller_kind": "person", "seller_title": "yes", "buyer_kind": "person", "salutation": "inline",
          "due": "sentence_date", "date_style": "date_line"}, "de", "sidebar"),
        ({"seller_kind": "company", "label_style": "inline", "currency_sign": "header", "grouping": "no"}, "fr", "memo"),
        ({"seller_kind": "trade_name", "regime": "no_vat", "vat_id": "typed", "iban": "invalid"}, "pl", "prose_letter"),
        ({"seller_kind": "person", "label_style": "tabbed", "regime": "withholding"}, "es", "narrow_column"),
    )  # fmt: skip
    for index, (force, lang, layout) in enumerate(cases):
        d, pdf = _doc(index, 4, force, lang, layout)
        text = page_text(pdf)
        assert missing(d, text) == [], (index, missing(d, text))
    d, _ = _doc(0)
    forms = printed(d)
    assert "invoice_number" in missing(d, " ".join(o[0] for k, o in forms.items() if k != "invoice_number"))


def test_the_buyer_is_named_without_its_form_of_address_or_attention_line() -> None:
    d, pdf = _doc(3, 2, {"buyer_kind": "company", "salutation": "own_line", "attention": "line"}, "it")
    lines = [x.strip() for x in page_text(pdf).splitlines()]
    assert d.buyer.lines[0] in ("Spett.le", "Spett. Ditta", "Spett.le Ditta") and d.buyer.lines[0] in lines
    assert truth(d)["buyer_name"] == d.buyer.lines[1] and len(d.buyer.lines) == 3
    d, pdf = _doc(4, 2, {"buyer_kind": "person", "salutation": "inline"}, "de")
    assert d.buyer.lines[0].split(" ", 1)[0] in ("Herrn", "Frau", "Familie")
    assert truth(d)["buyer_name"] == d.buyer.lines[0].split(" ", 1)[1]


def test_a_trade_name_and_its_owner_are_both_accepted_as_the_vendor() -> None:
    d, _ = _doc(1, 3, {"seller_kind": "trade_name", "seller_title": "yes"}, "it")
    vendor = truth(d)["seller_name"]
    assert isinstance(vendor, list) and vendor[0] == d.seller.header[0][0] and d.seller.person in vendor
    d, _ = _doc(1, 3, {"seller_kind": "company", "tagline": "yes"}, "de")
    assert truth(d)["seller_name"] == d.seller.name and d.seller.header[1][1] == "tagline"


def test_no_currency_sign_leaves_the_currency_implied() -> None:
    d, pdf = _doc(2, 5, {"currency_sign": "none"}, "nl", "plain_column")
    text = page_text(pdf)
    assert "€" not in text and "EUR" not in text
    assert implied(d) == ["currency"] and truth(d)["currency"] == "EUR" and "currency" not in printed(d)
    d, pdf = _doc(2, 5, {"currency_sign": "code"}, "pl", "plain_column")
    assert "PLN" in page_text(pdf) and implied(d) == []


def test_the_eval_scores_a_set_as_a_development_source_with_a_table_per_factor(tmp_path: Path) -> None:
    generator = BY_KEY["synth12"]
    assert generator.package == "evals.synth12" and generator.seed == 12127 and generator.role == DEVELOPMENT
    folder = tmp_path / "set"
    write_dataset(folder, 2, 12127)
    results = run_invoice_eval(tmp_path / "no-data", synth12=[folder])
    assert results is not None and len(results) == 1
    result = results[0]
    assert result.source == f"synth12:{folder.name}" and not result.heldout and result.items == 2
    out = io.StringIO()
    print_results(results, out)
    assert "per factor (n, vendor, buyer, invoice_number" in out.getvalue()
    assert re.search(r"seller_kind +(person|trade_name|company) ", out.getvalue())


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_prints_its_parties_number_and_total(layout: str) -> None:
    d, pdf = _doc(5, 6, {"seller_emphasis": "plain"}, "en", layout)
    text = re.sub(r"\s+", "", page_text(pdf)).casefold()
    for value in (d.seller.accepted[0], d.buyer.name, d.number, d.bare(d.total)):
        assert re.sub(r"\s+", "", value).casefold() in text, (layout, value)
