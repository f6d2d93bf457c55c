"""The second invoice generator (evals/synth2): its pages print their truth, it is deterministic per seed,
its identifiers carry valid check digits, and the strict eval reports its sets apart as held out."""

from __future__ import annotations

import io
import json
import os
import random
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from evals.invoices.run import print_results, run_invoice_eval
from evals.synth.render import truth
from evals.synth2 import identifiers
from evals.synth2.browser import find_chromium
from evals.synth2.dataset import page_text, plan, write_dataset
from evals.synth2.formats import group_digits
from evals.synth2.pages import render_html, slip_amount
from evals.synth2.scenario import TEMPLATES, draw_sheet
from stdnum import iban as iban_module
from stdnum.ch import esr

from opsloop.domain.invoices import InvoiceExtraction, VendorExtraction


def need_chromium() -> str:
    configured = os.environ.get("OPSLOOP_TEST_CHROMIUM")
    found = configured if configured and Path(configured).is_file() else find_chromium()
    if found:
        return found
    if configured:
        pytest.fail(f"OPSLOOP_TEST_CHROMIUM is set but {configured} is missing")
    pytest.skip("no Chromium (apt-get install chromium); the held-out generator prints with it")


def test_two_rendered_invoices_print_their_truth_in_the_text_layer(tmp_path: Path) -> None:
    chromium = need_chromium()
    rows = write_dataset(tmp_path, 2, 7, templates=("gst_india", "wholesale"), chromium=chromium)
    assert [row["not_on_page"] for row in rows] == [[], []]
    for row in rows:
        text = " ".join(page_text((tmp_path / row["document"]).read_bytes()).split())
        record = json.loads((tmp_path / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["invoice_number"] in text
        assert record["seller_name"] in text and record["buyer_name"] in text
        squeezed = "".join(text.split())
        for line in record["line_items"]:
            assert "".join(line["name"].split()[:2]) in squeezed
    manifest = [json.loads(x) for x in (tmp_path / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert {row["layout"] for row in manifest} == {"gst_india", "wholesale"}


def test_the_same_seed_gives_the_same_truth_and_page() -> None:
    for template in ("utility", "fattura_it", "swiss_qr"):
        country = TEMPLATES[template].countries[0]
        first = draw_sheet(template, country, random.Random("synth2:5:1"))
        again = draw_sheet(template, country, random.Random("synth2:5:1"))
        other = draw_sheet(template, country, random.Random("synth2:6:1"))
        assert truth(first.invoice) == truth(again.invoice)
        assert render_html(first) == render_html(again)
        assert truth(first.invoice) != truth(other.invoice)
    assert plan(40, 3) == plan(40, 3) and plan(40, 3)[:10] == plan(10, 3)


def test_every_template_is_drawn_and_every_country_appears() -> None:
    pairs = plan(len(TEMPLATES) * 15, 1)
    assert {template for template, _ in pairs} == set(TEMPLATES)
    countries = {country for _, country in pairs}
    assert {"RO", "FI", "HU", "NO", "IN", "AU", "CA", "CH"} <= countries and len(countries) == 18


def test_a_drawn_invoice_adds_up_and_its_page_shows_the_totals() -> None:
    for index, (template, country) in enumerate(plan(48, 11)):
        sheet = draw_sheet(template, country, random.Random(f"synth2:11:{index}"))
        invoice = sheet.invoice
        assert invoice.grand_total == invoice.net_total + invoice.tax_total
        assert invoice.amount_due == invoice.grand_total - invoice.prepaid >= 0
        page = unescape(render_html(sheet))
        assert sheet.grand_total in page and invoice.number in page
        if sheet.locale.minor_digits == 0:
            assert invoice.grand_total == invoice.grand_total.to_integral_value()


def test_identifiers_carry_valid_check_digits() -> None:
    from stdnum.at import uid
    from stdnum.au import abn
    from stdnum.cz import dic
    from stdnum.es import nif
    from stdnum.in_ import gstin
    from stdnum.it import iva
    from stdnum.no import mva
    from stdnum.pl import nip
    from stdnum.ro import cf

    rng = random.Random(4)
    validators: dict[str, Any] = {"at": uid, "au": abn, "cz": dic, "es": nif, "in": gstin, "it": iva,
                                  "no": mva, "pl": nip, "ro": cf}  # fmt: skip
    for kind, module in validators.items():
        for _ in range(5):
            number, _ids = identifiers.vat_id(rng, kind)
            assert number and module.is_valid(number), (kind, number)
    for country in identifiers.BBAN:
        assert iban_module.is_valid(identifiers.iban(rng, country))
    qr = identifiers.qr_reference(rng).replace(" ", "")
    assert len(qr) == 27 and esr.is_valid(qr)
    assert not esr.is_valid(qr[:-1] + str((int(qr[-1]) + 1) % 10))


def test_numbers_are_grouped_as_each_country_writes_them() -> None:
    assert group_digits("12345678", ",", indian=True) == "1,23,45,678"
    assert group_digits("12345678", "'") == "12'345'678"
    assert group_digits("999", ".") == "999"
    from decimal import Decimal

    assert slip_amount(Decimal("1234.5")) == "1 234.50"


def _heldout_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pdf-s1-n2"
    folder.mkdir()
    for index, template in enumerate(("saas", "utility")):
        sheet = draw_sheet(template, "AU", random.Random(f"synth2:1:{index}"))
        record = truth(sheet.invoice)
        record["_synth"] = {"generator": "synth2", "locale": "en-AU", "layout": template}
        (folder / f"doc{index}.json").write_text(json.dumps(record), "utf-8")
        (folder / f"doc{index}.pdf").write_bytes(b"%PDF-1.4 stand-in: the extractor below never reads it")
    return folder


def test_the_strict_eval_reports_a_heldout_set_apart_with_its_note(tmp_path: Path) -> None:
    folder = _heldout_folder(tmp_path)

    def extract(case: Any, text_only: bool) -> InvoiceExtraction:
        number = case.truth["invoice_number"] if case.item == "doc0" else "wrong"
        return InvoiceExtraction(invoice_number=number, vendor=VendorExtraction(name=case.truth["vendor"]))

    results = run_invoice_eval(tmp_path / "absent", heldout=[folder], extract=extract)
    assert results is not None
    (result,) = results
    assert result.source == "heldout:pdf-s1-n2" and result.heldout and not result.tuned
    assert result.fields["invoice_number"].hits == 1 and result.fields["vendor"].hits == 2
    report = result.as_dict()
    assert report["heldout"] is True and "a development source now" in report["note"]
    assert report["misses"] == {"count": len(result.misses), "listed": False}
    assert set(report["breakdown"]) == {"locale:en-AU", "layout:saas", "layout:utility"}
    printed = io.StringIO()
    print_results(results, printed)
    out = printed.getvalue()
    assert "HELD OUT — heldout:pdf-s1-n2: tuned on since its misses were read" in out
    assert "per layout" in out and "utility" in out


def test_the_eval_skips_the_heldout_set_with_a_line_when_chromium_is_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from evals.invoices.generators import BY_KEY

    monkeypatch.setenv("OPSLOOP_SYNTH2_CHROMIUM", str(tmp_path / "no-chromium-here"))
    assert BY_KEY["heldout"].write_set(3, 1, cache=tmp_path / "cache") is None
    assert "heldout: skipped — no Chromium" in capsys.readouterr().err
    assert not (tmp_path / "cache").exists()


def test_legal_forms_of_the_heldout_countries_do_not_decide_a_vendor_match() -> None:
    from evals.invoices.normalise import same_name

    assert same_name("Quinn & O'Neill", "Quinn & O'Neill DAC")
    assert same_name("Jones & Anderson", "Jones & Anderson Pty Limited")
    assert same_name("Papp és Társa", "Papp és Társa Zrt.")
    assert same_name("Systèmes Acadie", "Systèmes Acadie s.e.n.c.")
    assert not same_name("Papp", "Papp és Társa Zrt.")
    assert not same_name("Eräpäivä", "Metsä Oyj")
