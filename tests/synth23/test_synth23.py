"""The twenty-third invoice generator (evals/synth23, WeasyPrint): registered as a development source,
deterministic per seed, every layout draws in the fourteen languages, the money adds up in Decimal, the tax ids
and IBANs carry valid check digits, long dates put the month in the case the language uses, and every truth it
records is printed on the page (PDFium's text layer shows it). Tests that print skip with one line when
WeasyPrint or its fonts are missing here."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from evals._generator import not_on_page, page_text
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth23 import words
from evals.synth23.dataset import LAYOUTS, TAGS, find_weasyprint, make, printed, truth, write_dataset
from evals.synth23.model import day, draw, round_to, tax_id
from stdnum import get_cc_module
from stdnum import iban as iban_module

from tests.generated_sets import assert_set_is_deterministic

needs_weasyprint = pytest.mark.skipif(
    find_weasyprint() is None, reason="WeasyPrint or the DejaVu / Liberation fonts are not installed here"
)
CHECKED = {"RU": "ru.inn", "UA": "ua.edrpou", "BG": "bg.vat", "GR": "gr.vat", "EE": "ee.kmkr", "LV": "lv.pvn",
           "LT": "lt.pvm", "SI": "si.ddv", "SK": "sk.dph", "HR": "hr.oib", "ES": "es.nif", "TR": "tr.vkn"}  # fmt: skip
"""The countries whose seller tax id has check digits, and the python-stdnum module that checks them."""


def test_registered_as_a_development_source_in_fourteen_less_printed_languages() -> None:
    generator = BY_KEY["synth23"]
    assert generator.package == "evals.synth23" and generator.role == DEVELOPMENT
    assert len(LAYOUTS) >= 8
    assert {"ru", "uk", "bg", "el", "et", "lv", "lt", "sl", "sk", "hr", "ca", "is", "ms", "tr"} <= set(TAGS)
    keys = set(words.ENGLISH)
    for tag in TAGS:
        assert set(words.LABELS[tag]) == keys | {"no"}, tag
        assert len(words.MONTHS[tag].split()) == 12, tag


def test_truths_add_up_and_ids_check() -> None:
    for index, layout in enumerate(sorted(LAYOUTS) * 4):
        doc = draw(random.Random(f"synth23:sum:{index}"), layout, TAGS[index % len(TAGS)])
        for line in doc.lines:
            assert line.total == round_to(line.qty * line.price, doc.places)
        assert sum(line.total for line in doc.lines) == doc.net
        assert sum(tax for _, tax in doc.vat.values()) == doc.tax
        assert sum(base for base, _ in doc.vat.values()) == doc.net
        assert doc.net + doc.tax == doc.total and doc.due_amount == doc.total - doc.paid
        if doc.seller.iban:
            assert iban_module.is_valid(doc.seller.iban), doc.seller.iban
        else:
            assert doc.seller.account and doc.country in ("RU", "MY")
    for country, module in CHECKED.items():
        compact, _printed, _label, _second = tax_id(random.Random(country), country)
        cc, name = module.split(".")
        body = compact.removeprefix("EL") if country == "GR" else compact.removeprefix(country)
        assert get_cc_module(cc, name).is_valid(body), (country, compact)


def test_long_dates_print_the_month_as_the_language_declines_it() -> None:
    seventh = date(2026, 12, 7)
    assert day(seventh, "long", "ru") == "7 декабря 2026 г."
    assert day(seventh, "quoted", "uk") == "«07» грудня 2026 р."
    assert day(seventh, "long", "el") == "7 Δεκεμβρίου 2026"
    assert day(seventh, "long", "lt") == "2026 m. gruodžio 7 d."
    assert day(seventh, "long", "hr") == "7. prosinca 2026."
    assert day(date(2026, 10, 7), "long", "ca") == "7 d’octubre de 2026"


def test_bulgaria_invoices_in_leva_before_2026_and_in_euro_after() -> None:
    docs = [draw(random.Random(f"synth23:bg:{i}"), "plain", "bg") for i in range(40)]
    assert {d.currency for d in docs if d.issued.year < 2026} == {"BGN"}
    assert {d.currency for d in docs if d.issued.year >= 2026} == {"EUR"}


@needs_weasyprint
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_is_the_same_from_the_same_seed_and_prints_its_truths(layout: str) -> None:
    offset = sorted(LAYOUTS).index(layout)
    for index in (offset, offset + len(LAYOUTS)):  # two languages a layout, every language across the layouts
        tag = TAGS[index % len(TAGS)]
        (doc, pdf), (again, pdf2), (other, _) = (
            make(layout, tag, random.Random(f"synth23:{s}:{index}")) for s in (3, 3, 4)
        )
        assert truth(doc, index, 3) == truth(again, index, 3)
        assert truth(doc, index, 3) != truth(other, index, 3)
        assert pdf == pdf2
        assert not_on_page(printed(doc), page_text(pdf)) == []
        assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor", "buyer"}


@needs_weasyprint
def test_the_bilingual_form_prints_both_labels_and_cyrillic_and_greek_reach_the_text_layer() -> None:
    doc, pdf = make("bilingual", "uk", random.Random("synth23:bilingual"))
    text = page_text(pdf)
    assert f"{doc.word('title')} / {doc.english['title']}" in text
    for tag in ("ru", "el", "bg"):
        doc, pdf = make("plain", tag, random.Random(f"synth23:script:{tag}"))
        assert doc.seller.name in page_text(pdf) and doc.word("total") in page_text(pdf)


@needs_weasyprint
def test_a_set_is_deterministic_and_its_manifest_finds_every_truth(tmp_path: Path) -> None:
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
