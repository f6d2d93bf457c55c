"""The fifth invoice generator (evals/synth5, WeasyPrint): every truth is printed on the page as the locale
writes it (read back with PDFium), the same seed gives the same documents, identifiers are valid, the sums
add up, every layout and locale comes up, and the strict eval wires its sets in as ``heldout4:``."""

from __future__ import annotations

import io
import json
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from evals.invoices.normalise import name_tokens
from evals.invoices.run import print_results, run_invoice_eval
from evals.synth5 import ids
from evals.synth5.dataset import missing, page_text, plan, printed, truth, write_dataset
from evals.synth5.layouts import LAYOUTS, draw_sheet
from evals.synth5.locales import LOCALES
from evals.synth5.model import Writer
from stdnum import iban as iban_check

from opsloop.domain.invoices import InvoiceExtraction, VendorExtraction


def _weasyprint_reason() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        return f"weasyprint cannot be imported here ({error}); pip install -e '.[dev]' and pango are needed"
    return None


needs_weasyprint = pytest.mark.skipif(_weasyprint_reason() is not None, reason=_weasyprint_reason() or "")


def test_at_least_18_layouts_and_14_locales_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 18 and len(LOCALES) >= 14
    pairs = set(plan(len(LAYOUTS) * len(LOCALES), 3))
    assert pairs == {(layout, tag) for layout in LAYOUTS for tag in LOCALES}


@needs_weasyprint
def test_three_invoices_print_every_truth_and_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    rows = write_dataset(tmp_path / "a", 3, 5051)
    again = write_dataset(tmp_path / "b", 3, 5051)
    assert rows == again and len(rows) == 3
    for row in rows:
        pdf = (tmp_path / "a" / row["document"]).read_bytes()
        assert pdf == (tmp_path / "b" / row["document"]).read_bytes()
        assert row["not_on_page"] == []
        record = json.loads((tmp_path / "a" / row["document"]).with_suffix(".json").read_text("utf-8"))
        text = re.sub(r"\s+", "", page_text(pdf)).casefold()
        # the truth's own values, independent of how printed() writes them: names and ids verbatim
        for key in ("seller_name", "buyer_name", "invoice_number"):
            assert re.sub(r"\s+", "", record[key]).casefold() in text, (row["id"], key)
        for po in record["po_numbers"]:
            assert po.casefold() in text


@needs_weasyprint
def test_a_value_that_is_not_on_the_page_is_reported(tmp_path: Path) -> None:
    sheet = draw_sheet("letter_left", "de-DE", random.Random(1))
    forms = printed(sheet)
    assert "total" in forms and "invoice_date" in forms
    text = " ".join(o[0] for k, o in forms.items() if k != "total")
    assert "total" in missing(sheet, text) or forms["total"][0] in text


def test_writers_follow_the_locale_conventions() -> None:
    rng = random.Random(0)
    ch = Writer("de-CH", rng)
    assert ch.number(Decimal("1234567.5")) in ("1'234'567.50", "1’234’567.50")
    de = Writer("de-DE", rng)
    assert de.number(Decimal("1234.5")) == "1.234,50"
    india = Writer("en-IN", rng)
    assert india.number(Decimal("1234567.89")) == "12,34,567.89"
    us = Writer("en-US", rng)
    assert us.number(Decimal("-1234.5")) == "-1,234.50"


@pytest.mark.parametrize("tag", sorted(LOCALES))
def test_sums_add_up_and_identifiers_are_valid(tag: str) -> None:
    for layout in ("vat_lines", "discount_col", "band", "hours"):
        sheet = draw_sheet(layout, tag, random.Random(f"{tag}:{layout}"))
        inv = sheet.invoice
        record = truth(sheet)
        lines = sum((Decimal(line["line_total"]) for line in record["line_items"]), Decimal("0"))
        assert lines + Decimal(record["charge_total"]) == Decimal(record["tax_basis_total"])
        assert Decimal(record["tax_basis_total"]) + Decimal(record["tax_total"]) == Decimal(
            record["grand_total"]
        )
        assert Decimal(record["grand_total"]) - Decimal(record["prepaid"]) == Decimal(record["due_payable"])
        for line in inv.lines:
            expected = (line.quantity * line.price * (100 - line.discount) / 100).quantize(
                Decimal("0.01"), ROUND_HALF_UP
            )
            assert line.net == expected
        if inv.seller.iban:
            assert iban_check.is_valid(inv.seller.iban)
        if sheet.iban:
            assert sheet.iban.replace(" ", "") == inv.seller.iban
    assert ids.iban("DE", random.Random(1)).startswith("DE")


def test_every_legal_form_is_one_the_strict_eval_drops_from_a_name() -> None:
    for tag, loc in LOCALES.items():
        for form in loc.forms:
            assert name_tokens(f"Valmora {form}") == {"valmora"}, (tag, form)


@needs_weasyprint
def test_the_strict_eval_reports_a_synth5_set_apart_as_tuned_on_since_session_8(tmp_path: Path) -> None:
    folder = tmp_path / "pdf-s1-n2"
    write_dataset(folder, 2, 1)

    def extract(case: Any, text_only: bool) -> InvoiceExtraction:
        return InvoiceExtraction(
            invoice_number=case.truth["invoice_number"], vendor=VendorExtraction(name="wrong")
        )

    results = run_invoice_eval(tmp_path / "absent", heldout4=[folder], extract=extract)
    assert results is not None
    (result,) = results
    assert result.source == "heldout4:pdf-s1-n2" and result.heldout and not result.tuned
    assert result.fields["invoice_number"].hits == 2 and result.fields["vendor"].hits == 0
    report = result.as_dict()
    assert report["heldout"] is True and "tuned on since its misses were read" in report["note"]
    assert report["misses"] == {"count": len(result.misses), "listed": False}
    printed_out = io.StringIO()
    print_results(results, printed_out)
    assert "HELD OUT — heldout4:pdf-s1-n2: tuned on since its misses were read" in printed_out.getvalue()
    assert (
        run_invoice_eval(tmp_path / "absent", heldout4=[folder], sources=["heldout3"], extract=extract) == []
    )


def test_the_cli_skips_the_heldout4_set_with_a_reason_when_weasyprint_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from evals.invoices.generators import BY_KEY
    from evals.synth5 import dataset

    def no_weasyprint(html: str) -> bytes:
        raise dataset.WeasyPrintMissing("No module named 'weasyprint'")

    monkeypatch.setattr(dataset, "render_pdf", no_weasyprint)
    assert BY_KEY["heldout4"].write_set(2, 1, cache=tmp_path / "cache") is None
    assert "heldout4: skipped — No module named 'weasyprint'" in capsys.readouterr().err
