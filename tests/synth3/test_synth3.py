"""The third invoice generator (evals/synth3): every layout prints its truth in a real text layer, the
same seed gives the same documents, identifiers carry valid check digits, the amounts add up, and the
strict eval reports its sets apart as the final held-out source."""

from __future__ import annotations

import io
import json
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from evals.invoices.run import print_results, run_invoice_eval
from evals.synth3 import identifiers
from evals.synth3.dataset import draw_sheet, plan, render, truth, write_dataset
from evals.synth3.invoice import cents, draw_invoice
from evals.synth3.layouts import LAYOUTS
from evals.synth3.sheet import available_families
from evals.synth3.wording import locales
from pypdf import PdfReader

from opsloop.domain.invoices import InvoiceExtraction, VendorExtraction


def need_fonts() -> None:
    if not available_families():
        pytest.skip("no DejaVu / Liberation fonts (apt-get install fonts-dejavu-core fonts-liberation)")


def squeezed_text(pdf: Path) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return re.sub(r"\s+", "", text)


def written_forms(amount: str) -> set[str]:
    """Every way a page may write a truth amount ("1234.56"): grouped by , . ' or nothing, either decimal mark."""
    whole, fraction = amount.lstrip("-").split(".")
    groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)][::-1]
    return {g.join(groups) + mark + fraction for g in (",", ".", "", "'") for mark in (".", ",") if g != mark}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_prints_its_truth_in_the_text_layer(tmp_path: Path, layout: str) -> None:
    need_fonts()
    rows = write_dataset(tmp_path, 3, 17, layouts=(layout,))
    assert [row["not_on_page"] for row in rows] == [[], [], []]
    for row in rows:
        pdf = tmp_path / row["document"]
        record = json.loads(pdf.with_suffix(".json").read_text("utf-8"))
        page = squeezed_text(pdf)
        assert re.sub(r"\s+", "", record["seller_name"]) in page
        assert re.sub(r"\s+", "", record["invoice_number"]) in page
        for key in ("grand_total", "tax_basis_total", "tax_total"):
            assert written_forms(record[key]) & _substrings(page, record[key]), (key, record[key])
        for line in record["line_items"]:
            assert re.sub(r"\s+", "", line["name"]) in page
            assert written_forms(line["line_total"]) & _substrings(page, line["line_total"])
        if record["seller_iban"]:
            assert record["seller_iban"].replace(" ", "") in page


def _substrings(page: str, amount: str) -> set[str]:
    return {form for form in written_forms(amount) if form in page}


def test_the_same_seed_gives_the_same_truth_and_the_same_pdf(tmp_path: Path) -> None:
    need_fonts()
    for layout in ("wholesale", "sidebar", "remittance"):
        first = draw_sheet(layout, "pl-PL", random.Random("synth3:5:1"))
        again = draw_sheet(layout, "pl-PL", random.Random("synth3:5:1"))
        other = draw_sheet(layout, "pl-PL", random.Random("synth3:6:1"))
        assert truth(first) == truth(again) != truth(other)
        render(first, tmp_path / "a.pdf")
        render(again, tmp_path / "b.pdf")
        assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert plan(40, 3) == plan(40, 3) and plan(40, 3)[:10] == plan(10, 3)


def test_every_layout_and_every_locale_is_drawn() -> None:
    pairs = plan(len(LAYOUTS) * 15, 1)
    assert {layout for layout, _ in pairs} == set(LAYOUTS) and len(LAYOUTS) >= 12
    assert {tag for _, tag in pairs} == set(locales())
    assert len({locales()[tag]["language"] for tag in locales()}) >= 10


def test_vat_ids_and_ibans_carry_valid_check_digits() -> None:
    from stdnum import iban
    from stdnum.eu import vat
    from stdnum.gb import vat as gb_vat
    from stdnum.pl import nip

    rng = random.Random(8)
    for country, draw in identifiers.VAT_IDS.items():
        for _ in range(40):
            number = draw(rng)
            valid = nip if country == "PL" else gb_vat if country == "GB" else vat
            assert valid.is_valid(number), (country, number)
        suffix = {"NL": 3, "SE": 2}.get(country, 0)  # "B01", "01" follow the check digit
        body, tail = number[: len(number) - suffix], number[len(number) - suffix :]
        last = body[-1]
        broken = (
            body[:-1] + (str((int(last) + 1) % 10) if last.isdigit() else "Z" if last != "Z" else "Y") + tail
        )
        assert not (nip if country == "PL" else gb_vat if country == "GB" else vat).is_valid(broken)
    for country in ("GB", "IE", "DE", "AT", "FR", "BE", "NL", "ES", "IT", "PT", "PL", "SE", "DK"):
        for bank in ("GEBA", "KRED", "ABCD"):
            number = identifiers.iban(country, rng, bank if country == "BE" else "ABCD")
            assert iban.is_valid(number), number


def test_a_drawn_invoice_adds_up_per_tax_rate() -> None:
    for index, tag in enumerate(sorted(locales()) * 6):
        invoice = draw_invoice(random.Random(f"t:{index}"), tag)
        assert invoice.line_total == sum(line.net for line in invoice.lines)
        for line in invoice.lines:
            assert line.net == cents(line.quantity * line.price * (1 - line.discount / 100))
        assert sum(row.base for row in invoice.taxes) == invoice.net_total
        for row in invoice.taxes:
            assert row.tax == cents(row.base * row.rate / 100)
        assert invoice.grand_total == invoice.net_total + invoice.tax_total
        assert invoice.amount_due == invoice.grand_total - invoice.prepaid > 0
        if invoice.credit:
            assert invoice.preceding and invoice.due is None and invoice.grand_total > 0
    rates = {row.rate for i in range(60) for row in draw_invoice(random.Random(i), "de-DE").taxes}
    assert {Decimal("7"), Decimal("19")} <= rates


def _heldout2_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pdf-s1-n2"
    folder.mkdir()
    for index, layout in enumerate(("classic", "boxed_form")):
        record: dict[str, Any] = truth(draw_sheet(layout, "sv-SE", random.Random(f"synth3:1:{index}")))
        record["_synth"] = {"generator": "synth3", "locale": "sv-SE", "layout": layout}
        (folder / f"doc{index}.json").write_text(json.dumps(record), "utf-8")
        (folder / f"doc{index}.pdf").write_bytes(b"%PDF-1.4 stand-in: the extractor below never reads it")
    return folder


def test_the_strict_eval_reports_a_synth3_set_apart_with_the_tuned_on_note(tmp_path: Path) -> None:
    need_fonts()
    folder = _heldout2_folder(tmp_path)

    def extract(case: Any, text_only: bool) -> InvoiceExtraction:
        number = case.truth["invoice_number"] if case.item == "doc0" else "wrong"
        return InvoiceExtraction(invoice_number=number, vendor=VendorExtraction(name=case.truth["vendor"]))

    results = run_invoice_eval(tmp_path / "absent", heldout2=[folder], extract=extract)
    assert results is not None
    (result,) = results
    assert result.source == "heldout2:pdf-s1-n2" and result.heldout and not result.tuned
    assert result.fields["invoice_number"].hits == 1 and result.fields["vendor"].hits == 2
    report = result.as_dict()
    assert report["heldout"] is True and "tuned on since its misses were read" in report["note"]
    assert report["misses"] == {"count": len(result.misses), "listed": False}
    assert set(report["breakdown"]) == {"locale:sv-SE", "layout:classic", "layout:boxed_form"}
    printed = io.StringIO()
    print_results(results, printed)
    assert "HELD OUT — heldout2:pdf-s1-n2: tuned on since its misses were read" in printed.getvalue()
    only = run_invoice_eval(tmp_path / "absent", heldout2=[folder], sources=["heldout"], extract=extract)
    assert only == []


def test_the_eval_skips_the_final_heldout_set_with_a_line_when_fonts_are_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from evals.invoices.generators import BY_KEY
    from evals.synth3 import sheet

    monkeypatch.setattr(sheet, "available_families", lambda: ())
    assert BY_KEY["heldout2"].write_set(2, 1, cache=tmp_path / "cache") is None
    assert "heldout2: skipped — no TrueType fonts" in capsys.readouterr().err
    assert not list((tmp_path / "cache").glob("*/manifest.jsonl"))
