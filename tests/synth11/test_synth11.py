"""The eleventh invoice generator (evals/synth11: .xlsx written with openpyxl, printed by LibreOffice Calc): the
same seed gives the same truths, the sums add up, identifiers have valid check digits, every factor value comes
up and is recorded, the formats name the document's locale, and — where Calc is installed — the text layer of a
few documents shows every scored truth (Calc's own formulas and number formats) and nothing a hidden cell or
sheet holds. Tests that print PDFs skip with one line when Calc is missing here, and fail instead where
OPSLOOP_REQUIRE_LIBREOFFICE=1."""

from __future__ import annotations

import io
import json
import os
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.invoices.run import print_results, run_invoice_eval
from evals.synth5.dataset import page_text
from evals.synth7.dataset import find_soffice
from evals.synth11.dataset import LibreOfficeMissing, plan, truth, write_dataset
from evals.synth11.model import FACTORS, LCID, draw
from evals.synth11.sheet import LAYOUTS, date_format, money_format, workbook
from evals.synth11.words import SHEET
from stdnum import iban as iban_check
from stdnum import vatin


def _calc(tmp_path: Path, count: int, seed: int) -> list[dict[str, object]]:
    if find_soffice() is None:
        reason = "soffice (LibreOffice) is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_LIBREOFFICE"):
            pytest.fail(f"OPSLOOP_REQUIRE_LIBREOFFICE is set but {reason}")
        pytest.skip(reason)
    try:
        return write_dataset(tmp_path, count, seed)
    except LibreOfficeMissing as error:  # soffice without Calc (libreoffice-calc-nogui)
        if os.environ.get("OPSLOOP_REQUIRE_LIBREOFFICE"):
            raise
        pytest.skip(str(error))


def test_at_least_15_layouts_and_12_languages_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15 and len(LCID) >= 12 and len(SHEET) >= 12
    tags = {tag for _, tag in plan(len(LAYOUTS) * len(LCID), 3)}
    assert {(layout, tag) for layout, tag in plan(len(LAYOUTS) * len(LCID), 3)} == {
        (layout, tag) for layout in LAYOUTS for tag in tags
    } and len(tags) == len(LCID)


def test_every_language_has_every_sheet_word() -> None:
    keys = set(SHEET["en"])
    for lang, words in SHEET.items():
        assert set(words) == keys, (lang, keys ^ set(words))


def test_the_same_seed_gives_the_same_truths_and_workbooks_hold_them() -> None:
    for index, (layout, tag) in enumerate(plan(20, 9)):
        first = truth(draw(layout, tag, random.Random(f"synth11:9:{index}")))
        again = truth(draw(layout, tag, random.Random(f"synth11:9:{index}")))
        other = truth(draw(layout, tag, random.Random(f"synth11:10:{index}")))
        assert first == again and first != other


def test_the_sums_add_up_and_identifiers_have_valid_check_digits() -> None:
    for index, (layout, tag) in enumerate(plan(len(LAYOUTS) * 3, 5)):
        d = draw(layout, tag, random.Random(f"synth11:5:{index}"))
        doc = d.doc
        assert sum((line.net for line in doc.lines), Decimal(0)) == doc.net_total
        for line in doc.lines:  # what =ROUND(qty*price,2) gives
            assert line.net == (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert doc.grand_total == doc.net_total + doc.tax_total
        assert doc.amount_due == doc.grand_total - doc.paid
        if doc.seller.iban:
            assert iban_check.is_valid(doc.seller.iban)
        if doc.seller.vat_id and doc.loc.country not in ("US", "CA", "AU", "BR", "GB"):
            assert vatin.is_valid(doc.seller.vat_id.replace(" ", "")), doc.seller.vat_id


def test_every_factor_value_comes_up() -> None:
    seen: dict[str, set[str]] = {name: set() for name in FACTORS}
    for index, (layout, tag) in enumerate(plan(120, 11113)):
        for name, value in draw(layout, tag, random.Random(f"synth11:11113:{index}")).factors.items():
            seen[name].add(value)
    assert seen == {name: set(values) for name, values in FACTORS.items()}


def test_formats_name_the_documents_locale() -> None:
    d = draw("classic", "de-DE", random.Random(1), {"numbers": "locale", "negative": "parentheses"})
    assert money_format(d) == '[$-407]#,##0.00 "€";[$-407](#,##0.00 "€")'
    d = draw("classic", "en-US", random.Random(1), {"numbers": "symbol_tag", "negative": "minus"})
    assert money_format(d) == "[$$-409]#,##0.00;-[$$-409]#,##0.00"
    assert (
        date_format("de-DE", "long") == "[$-407]D. MMMM YYYY" and date_format("fi-FI", "iso") == "YYYY-MM-DD"
    )


def test_formulas_and_hidden_cells_are_written_into_the_workbook() -> None:
    from openpyxl import load_workbook

    d = draw("product_sku", "fr-FR", random.Random(4), {"formulas": "formulas", "hidden": "column",
                                                        "sheets": "second_hidden", "seller": "header_footer"})  # fmt: skip
    book = load_workbook(io.BytesIO(workbook(d)))
    sheet = book.worksheets[0]
    formulas = [
        c.value
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert any(f.startswith("=ROUND(") for f in formulas) and any(f.startswith("=SUM(") for f in formulas)
    assert any(dim.hidden for dim in sheet.column_dimensions.values())
    assert book.worksheets[1].sheet_state == "hidden"
    assert d.doc.seller.name.replace("&", "&&") in sheet.oddHeader.left.text
    body = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(d.doc.seller.name in text for text in body)  # the name only in the header and footer


def test_a_few_documents_show_every_truth_and_no_hidden_cell(tmp_path: Path) -> None:
    rows = _calc(tmp_path, 6, 11113)
    for row in rows:
        assert row["not_on_page"] == [], row
        record = json.loads((tmp_path / f"{row['id']}.json").read_text("utf-8"))
        assert record["_synth"]["factors"] == row["factors"] and set(row["factors"]) == set(FACTORS)  # type: ignore[arg-type]
        text = page_text((tmp_path / str(row["document"])).read_bytes())
        lang = str(row["locale"]).split("-")[0]
        hidden = {"column": SHEET[lang]["internal"], "rows": SHEET[lang]["internal"]}.get(
            row["factors"]["hidden"]
        )  # type: ignore[index]
        if hidden:
            assert hidden not in text, row["id"]


def test_the_eval_scores_a_set_as_a_development_source_with_a_table_per_factor(tmp_path: Path) -> None:
    generator = BY_KEY["synth11"]
    assert generator.package == "evals.synth11" and generator.seed == 11113 and generator.role == DEVELOPMENT
    folder = tmp_path / "set"
    _calc(folder, 2, 11113)
    results = run_invoice_eval(tmp_path / "no-data", synth11=[folder])
    assert results is not None and len(results) == 1
    result = results[0]
    assert result.source == f"synth11:{folder.name}" and not result.heldout and result.items == 2
    out = io.StringIO()
    print_results(results, out)
    assert "per factor (n, vendor, buyer, invoice_number" in out.getvalue()
    assert re.search(r"numbers +(locale|symbol_tag|accounting|code_column) ", out.getvalue())


def test_every_layout_and_every_factor_value_builds_a_workbook() -> None:
    layouts = sorted(LAYOUTS)
    cases = [(layout, {"seller": "title_cell"}) for layout in layouts]
    cases += [(layouts[i % len(layouts)], {name: value}) for i, (name, value) in
              enumerate((n, v) for n, values in FACTORS.items() for v in values)]  # fmt: skip
    for layout, force in cases:
        d = draw(layout, "de-AT", random.Random(f"{layout}:{force}"), force)
        assert workbook(d)[:2] == b"PK", (layout, force)
