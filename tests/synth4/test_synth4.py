"""The fourth invoice generator (evals/synth4): the same seed gives the same documents, every truth value
is printed in the PDF's text, every layout and locale comes up, identifiers carry valid check digits,
the sums add up, and the strict eval reports its sets apart (held out until its misses were read; tuned on since)."""

from __future__ import annotations

import io
import json
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from evals.invoices.normalise import name_tokens
from evals.invoices.run import print_results, run_invoice_eval
from evals.synth4 import ids
from evals.synth4.dataset import draw_sheet, page_text, plan, truth, write_dataset
from evals.synth4.layouts import LAYOUTS
from evals.synth4.style import locales, places

from opsloop.domain.invoices import InvoiceExtraction, VendorExtraction

pytest.importorskip("typst")


def squeezed(pdf: Path) -> str:
    return re.sub(r"\s+", "", page_text(pdf.read_bytes()))


def number_forms(amount: str) -> set[str]:
    """Ways a page may write a truth amount ("1234.56"): any thousands mark, either decimal mark, or
    whole units (HUF)."""
    whole, fraction = amount.split(".")
    groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)][::-1]
    out = {
        g.join(groups) + mark + fraction for g in (",", ".", "", "'", "’") for mark in (".", ",") if g != mark
    }
    if fraction == "00":
        out |= {g.join(groups) for g in (".", "", "'")}
    return out


def test_there_are_at_least_15_layouts_and_10_locales_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15 and len(locales()) >= 10
    pairs = set(plan(len(LAYOUTS) * len(locales()), 7))
    assert pairs == {(layout, tag) for layout in LAYOUTS for tag in locales()}


def test_the_same_seed_writes_the_same_documents_and_another_seed_others(tmp_path: Path) -> None:
    first = write_dataset(tmp_path / "a", 4, 11)
    again = write_dataset(tmp_path / "b", 4, 11)
    other = write_dataset(tmp_path / "c", 4, 12)
    assert first == again
    for row in first:
        for suffix in (".pdf", ".json"):
            name = Path(row["document"]).with_suffix(suffix).name
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    one = json.loads(
        (tmp_path / "a" / Path(first[0]["document"]).with_suffix(".json").name).read_text("utf-8")
    )
    two = json.loads(
        (tmp_path / "c" / Path(other[0]["document"]).with_suffix(".json").name).read_text("utf-8")
    )
    assert one["invoice_number"] != two["invoice_number"] or one["seller_name"] != two["seller_name"]


def test_every_layout_prints_every_truth_value_in_its_text_layer(tmp_path: Path) -> None:
    rows = write_dataset(tmp_path, len(LAYOUTS) * 2, 23)
    assert {row["layout"] for row in rows} == set(LAYOUTS)
    assert [row["id"] for row in rows if row["not_on_page"]] == []
    for row in rows:
        pdf = tmp_path / row["document"]
        record = json.loads(pdf.with_suffix(".json").read_text("utf-8"))
        page = squeezed(pdf)
        for key in ("seller_name", "buyer_name", "invoice_number", "seller_vat_id", "seller_iban"):
            if record[key]:
                assert re.sub(r"\s+", "", record[key]) in page, (row["id"], key)
        for key in ("grand_total", "tax_basis_total", "tax_total", "due_payable"):
            assert any(form in page for form in number_forms(record[key])), (row["id"], key, record[key])
        for line in record["line_items"]:
            assert re.sub(r"\s+", "", line["name"]) in page, (row["id"], line["name"])
            assert any(form in page for form in number_forms(line["line_total"])), (
                row["id"],
                line["line_total"],
            )


def test_a_multi_page_invoice_carries_its_running_total_over_each_page(tmp_path: Path) -> None:
    (row,) = write_dataset(tmp_path, 1, 5, layouts=("continuation",))
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(tmp_path / row["document"])) >= 2
    assert row["not_on_page"] == []


@pytest.mark.parametrize("tag", sorted(locales()))
def test_the_sums_add_up_in_every_locale(tag: str) -> None:
    for index in range(6):
        sheet = draw_sheet(sorted(LAYOUTS)[index % len(LAYOUTS)], tag, random.Random(f"t:{tag}:{index}"))
        record: dict[str, Any] = truth(sheet)
        money = {k: Decimal(record[k]) for k in ("subtotal_lines", "allowance_total", "charge_total",
                                                  "tax_basis_total", "tax_total", "grand_total", "prepaid", "due_payable")}  # fmt: skip
        assert sum(Decimal(line["line_total"]) for line in record["line_items"]) == money["subtotal_lines"]
        assert (
            money["subtotal_lines"] - money["allowance_total"] + money["charge_total"]
            == money["tax_basis_total"]
        )
        assert money["tax_basis_total"] + money["tax_total"] == money["grand_total"]
        assert money["grand_total"] - money["prepaid"] == money["due_payable"]
        assert sum(Decimal(t["tax"]) for t in record["taxes"]) == money["tax_total"]


def test_vat_ids_and_ibans_carry_valid_check_digits() -> None:
    stdnum = pytest.importorskip("stdnum")
    from stdnum import iban
    from stdnum.ch import uid
    from stdnum.eu import vat
    from stdnum.gb import vat as gb
    from stdnum.no import mva
    from stdnum.pl import nip
    from stdnum.pt import nif
    from stdnum.tr import vkn

    assert stdnum
    special = {"TR": vkn.is_valid, "CH": lambda v: uid.is_valid(v.replace(" MWST", "")), "NO": mva.is_valid,
               "GB": gb.is_valid, "PL": nip.is_valid, "PT": nif.is_valid}  # fmt: skip
    for country in ids.VAT_IDS:
        for seed in range(40):
            rng = random.Random(f"{country}:{seed}")
            value, _ = ids.vat_id(country, rng)
            assert special.get(country, vat.is_valid)(value), (country, value)
            number = ids.iban(country, places()[country]["bban"], rng)
            assert iban.is_valid(number), (country, number)


def test_every_legal_form_is_one_the_strict_eval_drops_from_a_name() -> None:
    for tag, spec in locales().items():
        for form in spec["legal"]:
            if "/" in form:  # "A/S": the eval splits it into two letters on both sides alike
                continue
            assert name_tokens(f"Valmora {form}") == {"valmora"}, (tag, form)


def test_the_strict_eval_reports_a_synth4_set_apart_as_never_tuned(tmp_path: Path) -> None:
    folder = tmp_path / "pdf-s1-n2"
    write_dataset(folder, 2, 1)

    def extract(case: Any, text_only: bool) -> InvoiceExtraction:
        return InvoiceExtraction(
            invoice_number=case.truth["invoice_number"], vendor=VendorExtraction(name="wrong")
        )

    results = run_invoice_eval(tmp_path / "absent", heldout3=[folder], extract=extract)
    assert results is not None
    (result,) = results
    assert result.source == "heldout3:pdf-s1-n2" and result.heldout and not result.tuned
    assert result.fields["invoice_number"].hits == 2 and result.fields["vendor"].hits == 0
    report = result.as_dict()
    assert report["heldout"] is True and "tuned on since its misses were read" in report["note"]
    assert report["misses"] == {"count": len(result.misses), "listed": False}
    printed = io.StringIO()
    print_results(results, printed)
    assert "HELD OUT — heldout3:pdf-s1-n2: tuned on since its misses were read" in printed.getvalue()
    assert (
        run_invoice_eval(tmp_path / "absent", heldout3=[folder], sources=["heldout2"], extract=extract) == []
    )


def test_the_cli_skips_the_heldout3_set_with_a_reason_when_typst_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from evals.invoices.generators import BY_KEY
    from evals.synth4 import dataset

    def no_typst(source: str) -> bytes:
        raise dataset.TypstMissing("No module named 'typst'")

    monkeypatch.setattr(dataset, "compile_pdf", no_typst)
    assert BY_KEY["heldout3"].write_set(2, 1, cache=tmp_path / "cache") is None
    assert "heldout3: skipped — No module named 'typst'" in capsys.readouterr().err
