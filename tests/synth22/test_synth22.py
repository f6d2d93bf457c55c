"""The twenty-second invoice generator (evals/synth22, fpdf2 and groff): registered as a development source,
deterministic per seed, every layout draws in the fourteen languages, the money adds up in Decimal (prices per
100 / 1000 included), the ids carry valid check digits, and every truth it records is printed on the page
(PDFium's text layer shows it). Tests that typeset with groff skip with one line when it is missing here, and
fail instead where OPSLOOP_REQUIRE_GROFF=1 (CI installs it: .ci/services.sh ensure_groff)."""

from __future__ import annotations

import os
import random
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from evals._generator import not_on_page, page_text
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth22.dataset import LAYOUTS, TAGS, make, printed, truth, write_dataset
from evals.synth22.model import VAT_SHAPES, draw, iban, round_to, vat_id
from evals.synth22.troff import TROFF, find_groff
from stdnum import get_cc_module
from stdnum import iban as iban_module

from tests.generated_sets import assert_set_is_deterministic


def _groff() -> None:
    if find_groff() is None:
        reason = "groff (with gropdf) or the URW fonts are not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_GROFF"):
            pytest.fail(f"OPSLOOP_REQUIRE_GROFF is set but {reason}")
        pytest.skip(reason)


def test_registered_as_a_development_source() -> None:
    generator = BY_KEY["synth22"]
    assert generator.package == "evals.synth22" and generator.role == DEVELOPMENT
    assert len(LAYOUTS) >= 12 and len(TROFF) >= 2
    assert {"en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs", "fi", "hu", "ro"} <= set(TAGS)


def test_truths_add_up_and_ids_check() -> None:
    for index, layout in enumerate(sorted(LAYOUTS) * 4):
        doc = draw(random.Random(f"synth22:sum:{index}"), layout, TAGS[index % len(TAGS)])
        for line in doc.lines:
            assert line.total == round_to(line.qty * line.price / line.per, doc.places)
        assert sum(line.total for line in doc.lines) == doc.net
        assert sum(tax for _, tax in doc.vat.values()) == doc.tax
        assert sum(base for base, _ in doc.vat.values()) == doc.net
        assert doc.net + doc.tax == doc.total and doc.due_amount == doc.total - doc.paid
        if doc.discount:
            assert doc.discount[2] + doc.discount[3] == doc.total
    for country in VAT_SHAPES:
        rng = random.Random(country)
        compact, _ = vat_id(rng, country)
        module = get_cc_module(country.lower(), "uid" if country == "CH" else "vat")
        assert module.is_valid(compact.removesuffix(" MWST") if country == "CH" else compact), compact
        assert iban_module.is_valid(iban(rng, country))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_is_the_same_from_the_same_seed_and_prints_its_truths(layout: str) -> None:
    if layout in TROFF:
        _groff()
    offset = sorted(LAYOUTS).index(layout)
    for index in (offset, offset + len(LAYOUTS)):  # two languages a layout, every language across the layouts
        tag = TAGS[index % len(TAGS)]
        (doc, pdf), (again, pdf2), (other, _) = (
            make(layout, tag, random.Random(f"synth22:{s}:{index}")) for s in (3, 3, 4)
        )
        assert truth(doc, index, 3) == truth(again, index, 3)
        assert truth(doc, index, 3) != truth(other, index, 3)
        assert pdf == pdf2
        assert not_on_page(printed(doc), page_text(pdf)) == []
        assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor", "buyer"}


def _pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def test_the_long_list_prints_its_totals_on_page_two_after_a_carried_forward_line() -> None:
    doc, pdf = make("twopage", "de", random.Random("synth22:twopage"))
    first, second = _pages(pdf)[:2]
    total = doc.num(doc.total)
    assert total not in first.replace("\r\n", " ") and total in second.replace("\r\n", " ")
    assert doc.word("carried") in first


def test_a_price_per_100_line_totals_a_hundredth_of_quantity_times_price() -> None:
    docs = [draw(random.Random(f"synth22:per:{i}"), "per100", "de") for i in range(12)]
    lines = [line for doc in docs for line in doc.lines if line.per > 1]
    assert lines and all(line.total == round_to(line.qty * line.price / line.per, 2) for line in lines)
    assert any(line.total < line.qty * line.price / 10 for line in lines)


def test_the_foreign_currency_invoice_states_its_rate_and_the_vat_in_the_home_currency() -> None:
    for index, tag in enumerate(("cs", "de", "hu")):
        doc, pdf = make("fx", tag, random.Random(f"synth22:fx:{index}"))
        assert doc.home is not None and doc.home[0] != doc.currency
        text = page_text(pdf)
        assert f"1 {doc.currency} = " in text and doc.home[0] in text
        assert doc.money(doc.total) in text  # the total in the invoice's currency, with its code
        assert isinstance(doc.total, Decimal)


def test_groff_sets_central_european_letters_in_its_letter_and_its_grid() -> None:
    _groff()
    for index, (layout, tag) in enumerate(
        (("troff_letter", "cs"), ("troff_grid", "ro"), ("troff_letter", "hu"))
    ):
        doc, pdf = make(layout, tag, random.Random(f"synth22:troff:{index}"))
        text = page_text(pdf)
        assert doc.word("title") in text and doc.buyer.name in text and doc.money(doc.total) in text
        assert not_on_page(printed(doc), text) == []


def test_the_logo_layout_names_the_seller_only_in_the_logo_line_and_the_bank_footer() -> None:
    doc, pdf = make("logo", "nl", random.Random("synth22:logo"))
    text = "".join(page_text(pdf).casefold().split())  # the logo may be letter-spaced
    assert text.count("".join(doc.seller.name.casefold().split())) == 2
    assert "".join(doc.seller.street.casefold().split()) in text


def test_a_set_is_deterministic_and_its_manifest_finds_every_truth(tmp_path: Path) -> None:
    _groff()
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
