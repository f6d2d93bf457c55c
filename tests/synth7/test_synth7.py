"""The seventh invoice generator (evals/synth7, LibreOffice Writer from odfpy): the same seed gives the same
truths, the sums add up, identifiers have valid check digits, every layout and locale comes up, the text
layer of a few documents shows every scored truth, and the strict eval wires its sets in as ``synth7:``.
Tests that print PDFs skip with one line when soffice is missing here, and fail instead where
OPSLOOP_REQUIRE_LIBREOFFICE=1 (CI installs it: .ci/services.sh ensure_libreoffice)."""

from __future__ import annotations

import json
import os
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from evals.invoices.run import run_invoice_eval
from evals.synth7.dataset import find_soffice, missing, page_text, plan, printed, truth, write_dataset
from evals.synth7.ids import VAT, draw_iban, draw_vat, vat_valid
from evals.synth7.layouts import LAYOUTS
from evals.synth7.locales import LOCALES
from evals.synth7.model import RECEIPTS, draw_doc
from evals.synth7.words import KEYS, WORDS
from stdnum import iban as iban_check


def _soffice() -> None:
    if find_soffice() is None:
        reason = "soffice (LibreOffice) is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_LIBREOFFICE"):
            pytest.fail(f"OPSLOOP_REQUIRE_LIBREOFFICE is set but {reason}")
        pytest.skip(reason)


def test_at_least_12_layouts_and_12_locales_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 12 and len(LOCALES) >= 12
    assert len({tag.split("-")[0] for tag in LOCALES}) >= 12
    pairs = set(plan(len(LAYOUTS) * len(LOCALES), 3))
    assert pairs == {(layout, tag) for layout in LAYOUTS for tag in LOCALES}


def test_every_language_has_every_word() -> None:
    for lang, words in WORDS.items():
        assert set(KEYS) <= set(words), (lang, set(KEYS) - set(words))


def test_the_same_seed_gives_the_same_truths_and_another_seed_others() -> None:
    for index, (layout, tag) in enumerate(plan(26, 9)):
        first = truth(draw_doc(layout, tag, random.Random(f"synth7:9:{index}")))
        again = truth(draw_doc(layout, tag, random.Random(f"synth7:9:{index}")))
        other = truth(draw_doc(layout, tag, random.Random(f"synth7:10:{index}")))
        assert first == again and first != other


def test_the_sums_add_up() -> None:
    for index, (layout, tag) in enumerate(plan(len(LAYOUTS) * len(LOCALES), 5)):
        doc = draw_doc(layout, tag, random.Random(f"synth7:5:{index}"))
        lines = sum((line.net for line in doc.lines), Decimal(0))
        if doc.receipt:  # tax-inclusive prices: the lines add up to the total, the tax is inside
            assert lines == doc.grand_total and all(t.base + t.tax > 0 for t in doc.taxes)
        else:
            assert sum((t.base for t in doc.taxes), Decimal(0)) == lines + doc.shipping
            for line in doc.lines:
                expected = line.quantity * line.price * (100 - line.discount) / 100
                assert abs(line.net - expected) <= Decimal("0.5") / 10**doc.loc.places_digits
        assert doc.net_total + doc.tax_total == doc.grand_total
        assert doc.grand_total - doc.prepaid == doc.amount_due
        record = truth(doc)
        assert (
            record["buyer_name"] is None
            if layout in RECEIPTS
            else record["buyer_name"] != record["seller_name"]
        )


def test_identifiers_have_valid_check_digits() -> None:
    rng = random.Random(7)
    for country in [*VAT, "ZA"]:
        for _ in range(5):
            assert vat_valid(country, draw_vat(country, rng)), country
            iban = draw_iban(country, rng)
            assert iban is None or iban_check.is_valid(iban), country


def test_locales_print_their_own_number_formats() -> None:
    assert LOCALES["de-DE"].number(Decimal("1234.5")) == "1.234,50"
    assert LOCALES["en-GB"].money(Decimal("1234.5")) == "£1,234.50"
    assert LOCALES["fr-FR"].number(Decimal("1234.5")) == "1\u202f234,50"
    assert LOCALES["hu-HU"].money(Decimal("12345")) == "12 345 Ft"
    assert LOCALES["sv-SE"].date(__import__("datetime").date(2026, 3, 5)) == "2026-03-05"


def test_a_value_that_is_not_on_the_page_is_reported() -> None:
    doc = draw_doc("wp_tabs", "de-DE", random.Random(1))
    forms = printed(doc)
    text = " ".join(o[0] for k, o in forms.items() if k != "total")
    assert "total" in missing(doc, text) or forms["total"][0] in text
    assert missing(doc, " ".join(o[0] for o in forms.values())) == []


def test_three_documents_print_every_truth(tmp_path: Path) -> None:
    _soffice()
    layouts = ("wp_letterhead", "erp_boxes", "till_58")
    rows = write_dataset(tmp_path / "a", 3, 7079, layouts=layouts)
    assert {row["layout"] for row in rows} == set(layouts)
    for row in rows:
        assert row["not_on_page"] == [], row
        pdf = (tmp_path / "a" / row["document"]).read_bytes()
        record = json.loads((tmp_path / "a" / row["document"]).with_suffix(".json").read_text("utf-8"))
        text = re.sub(r"\s+", "", page_text(pdf)).casefold()
        for key in ("seller_name", "invoice_number"):  # the truth's own values, verbatim
            assert re.sub(r"\s+", "", record[key]).casefold() in text, (row["id"], key)


def test_the_eval_scores_a_set_as_a_development_source(tmp_path: Path) -> None:
    _soffice()
    folder = tmp_path / "set"
    write_dataset(folder, 2, 7079, layouts=("wp_tabs", "till_80_card"))
    results = run_invoice_eval(tmp_path / "no-data", synth7=[folder])
    assert results is not None and len(results) == 1
    result = results[0]
    assert result.source == f"synth7:{folder.name}" and not result.heldout and result.show_misses
    assert result.items == 2 and result.fields["total"].total == 2
