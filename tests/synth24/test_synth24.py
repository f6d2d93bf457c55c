"""The twenty-fourth invoice generator (evals/synth24, PDFKit run by Node): registered as a development source,
fifteen languages in twelve layouts, deterministic per seed, the money adds up in Decimal, the tax ids, IBANs and
national payment references carry valid check digits, and every truth it records is printed on the page (PDFium's
text layer shows it). Tests that print skip with one line when Node, PDFKit or the fonts are missing here, and
fail instead where OPSLOOP_REQUIRE_PDFKIT=1 (CI installs them: .ci/services.sh ensure_pdfkit)."""

from __future__ import annotations

import os
import random
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from evals._generator import not_on_page, page_text
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth24 import words
from evals.synth24.dataset import (
    CREATED,
    LAYOUTS,
    TAGS,
    find_pdfkit,
    layout,
    make,
    printed,
    render,
    truth,
    write_dataset,
)
from evals.synth24.model import draw, finnish_reference, luhn, polish_words, round_to, swiss_reference
from stdnum import get_cc_module
from stdnum import iban as iban_module

from tests.generated_sets import assert_set_is_deterministic

CHECKED = {"GB": "gb.vat", "IE": "ie.vat", "DE": "de.vat", "AT": "at.uid", "CH": "ch.vat", "FR": "fr.tva",
           "BE": "be.vat", "NL": "nl.btw", "ES": "es.cif", "IT": "it.iva", "PT": "pt.nif", "PL": "pl.nip",
           "SE": "se.vat", "DK": "dk.cvr", "CZ": "cz.dic", "RO": "ro.cf", "HU": "hu.anum", "FI": "fi.alv",
           "NO": "no.mva"}  # fmt: skip
"""Each country's seller VAT id and the python-stdnum module that checks its digits."""


def _pdfkit() -> None:
    if find_pdfkit() is None:
        reason = "Node, PDFKit (npm ci --prefix evals/synth24) or the DejaVu / Liberation fonts are not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_PDFKIT"):
            pytest.fail(f"OPSLOOP_REQUIRE_PDFKIT is set but {reason}")
        pytest.skip(reason)


def _valid_vat(country: str, vat_id: str) -> bool:
    cc, name = CHECKED[country].split(".")
    module = get_cc_module(cc, name)
    if country == "HU" and not vat_id.startswith("HU"):
        return bool(
            module.is_valid(vat_id[:8])
        )  # the domestic adószám: its first eight digits are the EU number
    if country == "DK" and vat_id.isdigit():
        return bool(module.is_valid(vat_id))
    if country == "PL" and vat_id.isdigit():
        return bool(module.is_valid(vat_id))
    if country in ("ES", "IT", "PT") and vat_id[:2] != country:
        return bool(module.is_valid(vat_id))
    return bool(module.is_valid(vat_id.removeprefix(country) if country in ("ES", "IT") else vat_id))


def test_registered_as_a_development_source_in_fifteen_languages() -> None:
    generator = BY_KEY["synth24"]
    assert generator.package == "evals.synth24" and generator.role == DEVELOPMENT
    assert len(LAYOUTS) >= 10
    assert {"en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs", "ro", "hu", "fi", "nb"} <= set(
        TAGS
    )
    keys = set(words.LABELS["en"])
    for tag in TAGS:
        assert keys - {"sort"} <= set(words.LABELS[tag]), tag
        assert len(words.MONTHS[tag].split()) == 12, tag


def test_truths_add_up_and_ids_check() -> None:
    countries = set()
    for index, name in enumerate(sorted(LAYOUTS) * 6):
        doc = draw(random.Random(f"synth24:sum:{index}"), name, TAGS[index % len(TAGS)])
        countries.add(doc.country)
        for line in doc.lines:
            assert line.total == round_to(line.qty * line.price, doc.places)
        assert sum(line.total for line in doc.lines) == doc.net
        assert sum(tax for _, tax in doc.vat.values()) == doc.tax
        assert sum(base for base, _ in doc.vat.values()) == doc.net
        assert doc.net + doc.tax == doc.total and doc.due_amount == doc.total - doc.paid
        assert iban_module.is_valid(doc.seller.iban), doc.seller.iban
        assert _valid_vat(doc.country, doc.seller.vat_id), (doc.country, doc.seller.vat_id)
    assert len(countries) >= 15


def test_national_payment_references_carry_their_check_digits() -> None:
    assert luhn("7992739871") == "3"  # the textbook Luhn example
    assert finnish_reference("123456") == "1234561"  # the banks' example viitenumero (7-3-1 weights)
    assert swiss_reference("21000000000313947143000901")[-1] == "7"  # the QR-bill specification's example
    for index in range(30):
        doc = draw(random.Random(f"synth24:ref:{index}"), "slip", "nb")
        kid = doc.reference
        assert luhn(kid[:-1]) == kid[-1]
    for index in range(30):
        doc = draw(random.Random(f"synth24:ref:{index}"), "slip", "sv")
        ocr = doc.reference
        assert luhn(ocr[:-1]) == ocr[-1] and int(ocr[-2]) == len(ocr) % 10


def test_polish_invoices_write_the_amount_in_words() -> None:
    assert polish_words(Decimal("1234.56")) == "tysiąc dwieście trzydzieści cztery złote 56/100"
    assert polish_words(Decimal("15.00")) == "piętnaście złotych 00/100"
    assert polish_words(Decimal("2001.10")) == "dwa tysiące jeden złotych 10/100"


def test_every_layout_is_the_same_from_the_same_seed_and_prints_its_truths(tmp_path: Path) -> None:
    _pdfkit()
    names = [*sorted(LAYOUTS), *sorted(LAYOUTS)[: len(TAGS) - len(LAYOUTS)]]  # every layout, every language
    runs = []
    for run in ("a", "b"):
        drawn = [
            layout(name, TAGS[i % len(TAGS)], random.Random(f"synth24:3:{i}")) for i, name in enumerate(names)
        ]
        render([canvas.job(str(tmp_path / f"{run}{i}.pdf"), CREATED) for i, (_, canvas) in enumerate(drawn)])
        runs.append([doc for doc, _ in drawn])
    for i, (doc, again) in enumerate(zip(*runs, strict=True)):
        other, _ = layout(names[i], doc.lang, random.Random(f"synth24:4:{i}"))
        assert truth(doc, i, 3) == truth(again, i, 3)
        assert truth(doc, i, 3) != truth(other, i, 3)
        pdf = (tmp_path / f"a{i}.pdf").read_bytes()
        assert pdf == (tmp_path / f"b{i}.pdf").read_bytes()
        assert not_on_page(printed(doc), page_text(pdf)) == [], (names[i], doc.lang)
        assert set(printed(doc)) >= {"invoice_number", "invoice_date", "total", "currency", "vendor", "buyer"}


def test_a_long_list_is_carried_forward_over_pages(tmp_path: Path) -> None:
    _pdfkit()
    doc, pdf = make("continued", "de", random.Random("synth24:continued"), tmp_path)
    assert len(pdfium.PdfDocument(pdf)) >= 2
    text = page_text(pdf)
    assert doc.word("carried") in text and doc.word("page", n=2, m=len(pdfium.PdfDocument(pdf))) in text


def test_a_swiss_invoice_carries_a_qr_bill_payment_part(tmp_path: Path) -> None:
    _pdfkit()
    index = next(
        i for i in range(200) if draw(random.Random(f"synth24:ch:{i}"), "slip", "de").country == "CH"
    )
    doc, pdf = make("slip", "de", random.Random(f"synth24:ch:{index}"), tmp_path)
    text = page_text(pdf)
    assert "Zahlteil" in text and "Empfangsschein" in text and doc.reference in text


def test_a_set_is_deterministic_and_its_manifest_finds_every_truth(tmp_path: Path) -> None:
    _pdfkit()
    assert_set_is_deterministic(write_dataset, LAYOUTS, tmp_path)
