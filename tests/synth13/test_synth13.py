"""The thirteenth invoice generator (evals/synth13, invoices typed into a word processor's template): the
same seed gives the same documents, the sums add up in Decimal, every layout, language and factor value
comes up and is recorded, a few documents' text layers show every scored truth, and the eval knows the
generator as a development source printing accuracy per factor."""

from __future__ import annotations

import json
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth13.dataset import (
    TAGS,
    find_soffice,
    implied,
    make,
    missing,
    page_text,
    plan,
    printed,
    truth,
    write_dataset,
)
from evals.synth13.layouts import LAYOUTS
from evals.synth13.model import FACTORS, draw, iban_check
from evals.synth13.words import LANGS, surname_for
from stdnum import iban as iban_module
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat

needs_soffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed here"
)


def test_at_least_15_layouts_and_10_languages_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15 and len(TAGS) >= 10
    assert {"en", "de", "fr", "it", "es", "nl", "pt", "pl", "sv", "da", "cs"} <= set(TAGS)
    assert set(plan(len(LAYOUTS) * len(TAGS), 3)) == {(layout, tag) for layout in LAYOUTS for tag in TAGS}


def test_every_language_has_every_word() -> None:
    keys = set(LANGS["en"])
    for lang, words in LANGS.items():
        assert keys == set(words), (lang, keys ^ set(words))
        assert len(words["months"]) == 12


def test_surnames_agree_with_first_names_where_the_language_inflects_them() -> None:
    assert (
        surname_for("PL", "Anna", "Wiśniewski") == "Wiśniewska"
        and surname_for("PL", "Piotr", "Zieliński") == "Zieliński"
    )
    assert (
        surname_for("CZ", "Jana", "Dvořák") == "Dvořáková"
        and surname_for("CZ", "Lucie", "Veselý") == "Veselá"
    )
    assert (
        surname_for("CZ", "Tereza", "Procházka") == "Procházková"
        and surname_for("CZ", "Petr", "Němec") == "Němec"
    )
    assert (
        surname_for("CZ", "Veronika", "Němec") == "Němcová"
        and surname_for("DE", "Anna", "Kessler") == "Kessler"
    )


def test_the_same_seed_gives_the_same_document_and_another_seed_another() -> None:
    for index, (layout, lang) in enumerate(plan(17, 7)):
        first, again, other = (
            make(layout, lang, random.Random(f"synth13:{s}:{index}"))[0] for s in (7, 7, 8)
        )
        assert truth(first) == truth(again) and first.factors == again.factors
        assert truth(first) != truth(other)


def test_the_sums_add_up_in_decimal_and_ibans_and_vat_ids_check() -> None:
    for index in range(200):
        d = draw(TAGS[index % len(TAGS)], random.Random(f"synth13:5:{index}"))
        for line in d.lines:
            assert line.net == (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert d.net == sum((line.net for line in d.lines), Decimal(0))
        assert d.tax == (d.net * d.vat_rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert d.total == d.net + d.tax > 0
        record = truth(d)
        assert Decimal(record["grand_total"]) == d.total == Decimal(record["due_payable"])
        if d.seller.iban:
            assert iban_check(d.seller.iban[:2], d.seller.iban[4:]) == d.seller.iban[2:4]
            assert iban_module.is_valid(d.seller.iban), d.seller.iban
        if d.seller.vat_id:
            assert (gb_vat if d.seller.country == "GB" else eu_vat).is_valid(d.seller.vat_id), d.seller.vat_id
        assert (record["due_date"] is None) == (d.factors["due"] not in ("label", "sentence_date"))
        assert (record["document_type"] == "credit_note") == (record["preceding_invoice"] is not None)


def test_every_factor_value_comes_up() -> None:
    seen: dict[str, set[str]] = {name: set() for name in FACTORS}
    for index in range(300):
        d = draw(TAGS[index % len(TAGS)], random.Random(f"synth13:11:{index}"))
        for name in FACTORS:
            seen[name].add(d.factors[name])
    assert seen == {name: set(values) for name, values in FACTORS.items()}


def test_a_trade_name_and_its_owner_are_both_accepted_and_a_company_only_by_its_name() -> None:
    d = draw("de", random.Random("t"), {"seller_kind": "trade_name"})
    vendor = truth(d)["seller_name"]
    assert (
        isinstance(vendor, list) and vendor[0] == d.seller.name and vendor[1] in (d.seller.owner_line or "")
    )
    d = draw("fr", random.Random("t"), {"seller_kind": "company"})
    assert truth(d)["seller_name"] == d.seller.name and d.seller.name.split()[-1] in LANGS["fr"]["legal"]


def test_a_shared_sign_leaves_the_currency_implied() -> None:
    d = draw("sv", random.Random("k"), {"currency_sign": "sign"})
    assert implied(d) == ["currency"] and "currency" not in printed(d)
    d = draw("de", random.Random("k"), {"currency_sign": "sign"})
    assert implied(d) == [] and printed(d)["currency"] == ("EUR", "€")


@needs_soffice
def test_a_set_is_written_twice_alike_and_every_truth_is_on_its_pages(tmp_path: Path) -> None:
    rows = write_dataset(tmp_path / "s", 5, 13127)
    again = write_dataset(tmp_path / "t", 5, 13127)
    assert rows == again
    for row in rows:
        assert row["not_on_page"] == [], row
        record = json.loads((tmp_path / "s" / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["_synth"]["factors"] == row["factors"]
        assert set(FACTORS) | {"seller_place", "layout"} == set(row["factors"])
        assert page_text((tmp_path / "s" / row["document"]).read_bytes()) == page_text(
            (tmp_path / "t" / row["document"]).read_bytes()
        )


@needs_soffice
def test_a_few_documents_show_every_truth_and_their_seller_where_the_layout_puts_it(tmp_path: Path) -> None:
    cases = (
        ("letter", "fr", {"name_style": "letter_spaced", "date_style": "place_date", "due": "sentence_date"}),
        ("header_footer", "de", {"seller_kind": "trade_name", "facts": "tab_leaders", "footer_line": "no"}),
        ("footer_only", "cs", {"seller_kind": "company", "document": "credit_note"}),
        (
            "tab_leaders",
            "pl",
            {"name_style": "small_caps", "totals": "tab_leaders", "currency_sign": "header"},
        ),
    )
    from evals.synth13.dataset import convert

    docs = []
    for index, (layout, lang, force) in enumerate(cases):
        d, docx = make(layout, lang, random.Random(f"synth13:case:{index}"), force)
        docx.save(str(tmp_path / f"c{index}.docx"))
        docs.append(d)
    convert([tmp_path / f"c{index}.docx" for index in range(len(cases))], tmp_path, str(find_soffice()))
    for index, d in enumerate(docs):
        text = page_text((tmp_path / f"c{index}.pdf").read_bytes())
        assert missing(d, text) == [], (cases[index][0], missing(d, text))
    assert [d.factors["seller_place"] for d in docs] == ["letterhead", "header", "footer", "body"]
    assert "." * 5 in page_text((tmp_path / "c3.pdf").read_bytes())  # the dot leaders are on the page
    assert (
        docs[2].credit
        and docs[2].preceding
        and docs[2].preceding in page_text((tmp_path / "c2.pdf").read_bytes())
    )
    d = docs[0]
    assert missing(d, re.sub(re.escape(d.number), "", page_text((tmp_path / "c0.pdf").read_bytes()))) == [
        "invoice_number"
    ]


def test_the_eval_knows_the_generator_as_a_development_source_with_factors() -> None:
    generator = BY_KEY["synth13"]
    assert generator.package == "evals.synth13" and generator.seed == 13127 and generator.role == DEVELOPMENT
    assert generator.ordinal == "thirteenth" and "python-docx" in generator.producer
    assert {"vendor", "invoice_number", "total"} <= set(generator.factor_fields)
