"""The ninth invoice generator (evals/synth9, invoicing-software pages printed by wkhtmltopdf): the same seed
gives the same truths, the sums add up, identifiers have valid check digits, every layout and locale comes
up, the text layer of a few documents shows every scored truth, and the strict eval wires its sets in as
``synth9:``. Tests that print PDFs skip with one line when wkhtmltopdf is missing here, and fail instead
where OPSLOOP_REQUIRE_WKHTMLTOPDF=1 (CI installs it: .ci/services.sh ensure_wkhtmltopdf)."""

from __future__ import annotations

import json
import os
import random
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from evals.invoices.run import run_invoice_eval
from evals.synth9.dataset import find_wkhtmltopdf, missing, page_text, plan, printed, truth, write_dataset
from evals.synth9.layouts import LAYOUTS, draw
from evals.synth9.locales import LOCALES
from evals.synth9.model import LAYOUT_LOCALES, NO_VAT, draw_doc
from evals.synth9.words import KEYS, WORDS
from stdnum import iban as iban_check
from stdnum import luhn


def _wkhtmltopdf() -> None:
    if find_wkhtmltopdf() is None:
        reason = "wkhtmltopdf is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_WKHTMLTOPDF"):
            pytest.fail(f"OPSLOOP_REQUIRE_WKHTMLTOPDF is set but {reason}")
        pytest.skip(reason)


def _all_pairs() -> list[tuple[str, str]]:
    return [(layout, tag) for layout in sorted(LAYOUTS) for tag in LAYOUT_LOCALES[layout]]


def test_at_least_15_layouts_and_12_languages_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15
    assert len({tag.split("-")[0] for tag in LOCALES}) >= 12
    widest = max(len(tags) for tags in LAYOUT_LOCALES.values())
    assert set(plan(len(LAYOUTS) * widest, 3)) == set(_all_pairs())


def test_every_language_has_every_word() -> None:
    for lang, words in WORDS.items():
        assert set(KEYS) <= set(words), (lang, set(KEYS) - set(words))


def test_the_same_seed_gives_the_same_truths_and_pages_and_another_seed_others() -> None:
    for index, (layout, tag) in enumerate(plan(40, 9)):
        first = draw(layout, tag, random.Random(f"synth9:9:{index}"))
        again = draw(layout, tag, random.Random(f"synth9:9:{index}"))
        other = draw(layout, tag, random.Random(f"synth9:10:{index}"))
        assert truth(first[0]) == truth(again[0]) and first[1:] == again[1:]
        assert truth(first[0]) != truth(other[0])


def test_the_sums_add_up() -> None:
    for index, (layout, tag) in enumerate(_all_pairs()):
        doc = draw_doc(layout, tag, random.Random(f"synth9:5:{index}"))
        lines = sum((line.net for line in doc.lines), Decimal(0))
        for line in doc.lines:
            if line.quantity != 1 or line.net == line.price:
                assert line.net == (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP), (
                    layout,
                    line,
                )
        if doc.tax_inclusive:  # shop orders: tax-inclusive lines, shipping and a discount; the tax is inside
            assert doc.grand_total == lines + doc.shipping - doc.allowance
        else:
            assert doc.net_total == lines and doc.shipping == 0 and doc.allowance == 0
            for tax in doc.taxes:
                assert tax.tax == (tax.base * tax.rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert doc.net_total + doc.tax_total == doc.grand_total
        assert doc.grand_total - doc.paid - doc.retention == doc.amount_due
        if layout in NO_VAT:
            assert doc.tax_total == 0 and doc.seller.vat_id is None and truth(doc)["tax_total"] is None
        if layout in ("es_irpf", "it_ritenuta"):
            assert 0 < doc.retention < doc.net_total and doc.amount_due < doc.grand_total
        assert doc.seller.name != doc.buyer.name


def test_identifiers_have_valid_check_digits() -> None:
    from stdnum import vatin

    for index, (layout, tag) in enumerate(_all_pairs()):
        doc = draw_doc(layout, tag, random.Random(f"synth9:6:{index}"))
        seller = doc.seller
        if seller.iban:
            assert iban_check.is_valid(seller.iban), (tag, seller.iban)
        vat = seller.vat_id
        if vat and doc.loc.country == "AU":
            from stdnum.au import abn

            assert abn.is_valid(vat), vat
        elif vat and doc.loc.country == "CA":
            assert luhn.is_valid(vat.split()[0]), vat
        elif vat:
            assert vatin.is_valid(vat.replace(" ", "").replace(".", "")), (tag, vat)
        if doc.loc.country == "FR" and seller.tax_no:
            assert luhn.is_valid(seller.tax_no.replace(" ", "")), seller.tax_no


def test_locales_print_their_own_formats() -> None:
    assert LOCALES["de-DE"].money(Decimal("1234.5")) == "1.234,50\u00a0€"
    assert LOCALES["en-US"].money(Decimal("-12.4")) == "-$12.40"
    assert LOCALES["fr-FR"].number(Decimal("1234.5")) == "1\u00a0234,50"
    assert LOCALES["de-AT"].date(date(2026, 1, 5), "%e. %B %Y") == "5. Jänner 2026"
    assert LOCALES["es-ES"].date(date(2026, 3, 5), "%e de %B de %Y") == "5 de marzo de 2026"
    assert LOCALES["cs-CZ"].date(date(2026, 3, 5), "%e. %n. %Y") == "5. 3. 2026"


def test_a_value_that_is_not_on_the_page_is_reported() -> None:
    doc = draw_doc("erp_report", "de-DE", random.Random(1))
    forms = printed(doc)
    text = " ".join(o[0] for k, o in forms.items() if k != "invoice_number")
    assert "invoice_number" in missing(doc, text)
    assert missing(doc, " ".join(o[0] for o in forms.values())) == []


def test_four_documents_print_every_truth(tmp_path: Path) -> None:
    _wkhtmltopdf()
    layouts = ("erp_multipage", "acct_tax_invoice", "es_irpf", "shop_order")
    rows = write_dataset(tmp_path / "a", 4, 9091, layouts=layouts)
    assert {row["layout"] for row in rows} == set(layouts)
    for row in rows:
        assert row["not_on_page"] == [], row
        pdf = (tmp_path / "a" / row["document"]).read_bytes()
        record = json.loads((tmp_path / "a" / row["document"]).with_suffix(".json").read_text("utf-8"))
        text = re.sub(r"\s+", "", page_text(pdf)).casefold()
        for key in ("seller_name", "buyer_name", "invoice_number"):  # the truth's own values, verbatim
            assert re.sub(r"\s+", "", record[key]).casefold() in text, (row["id"], key)
        if row["layout"] == "erp_multipage":
            assert (
                text.count(re.sub(r"\s+", "", record["invoice_number"]).casefold()) >= 3
            )  # a header per page


def test_the_eval_scores_a_set_as_a_development_source(tmp_path: Path) -> None:
    _wkhtmltopdf()
    folder = tmp_path / "set"
    write_dataset(folder, 2, 9091, layouts=("erp_report", "saas_proration"))
    results = run_invoice_eval(tmp_path / "no-data", synth9=[folder])
    assert results is not None and len(results) == 1
    result = results[0]
    assert result.source == f"synth9:{folder.name}" and not result.heldout and result.show_misses
    assert result.tuned and result.items == 2 and result.fields["total"].total == 2
