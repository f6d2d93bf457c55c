"""The sixth invoice generator (evals/synth6, LibreOffice Writer from python-docx): the same seed gives the
same truths (and, on the same LibreOffice, the same PDF bytes), the sums add up exactly, identifiers carry
valid check digits, every layout's text layer (read back with PDFium) shows every scored truth, every layout
and locale comes up, and the strict eval wires its sets in as ``heldout5:`` (held out, never tuned on).

The tests that print need LibreOffice (``soffice``); they skip with the reason when it is missing, and fail
instead where OPSLOOP_REQUIRE_LIBREOFFICE=1 (CI installs it: .ci/services.sh ensure_libreoffice)."""

from __future__ import annotations

import io
import json
import os
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from evals.invoices.normalise import name_tokens
from evals.invoices.run import print_results, run_invoice_eval
from evals.synth6 import dataset
from evals.synth6.dataset import missing, plan, printed, stabilise, truth, write_dataset
from evals.synth6.ids import IBAN_BBAN, draw_iban
from evals.synth6.layouts import LAYOUTS, draw_sheet
from evals.synth6.locales import LOCALES
from evals.synth6.model import ERP_LAYOUTS, RECEIPT_LAYOUTS
from evals.synth6.words import KEYS, LANGUAGES
from stdnum import iban as iban_check
from stdnum import luhn

from opsloop.domain.invoices import InvoiceExtraction, VendorExtraction

REQUIRED_LANGUAGES = {"en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs"}


@pytest.fixture(scope="module")
def soffice() -> None:
    reason = dataset.missing_reason()
    if reason:
        if os.environ.get("OPSLOOP_REQUIRE_LIBREOFFICE"):
            pytest.fail(f"OPSLOOP_REQUIRE_LIBREOFFICE is set but {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def one_per_layout(
    tmp_path_factory: pytest.TempPathFactory, soffice: None
) -> tuple[Path, list[dict[str, Any]]]:
    """The first len(LAYOUTS) documents of a seed: one of each layout."""
    folder = tmp_path_factory.mktemp("synth6") / "set"
    return folder, write_dataset(folder, len(LAYOUTS), 11)


def test_at_least_15_layouts_12_locales_the_required_languages_and_every_pair_planned() -> None:
    assert len(LAYOUTS) >= 15 and len(LOCALES) >= 12
    assert set(LAYOUTS) >= RECEIPT_LAYOUTS and set(LAYOUTS) >= ERP_LAYOUTS
    assert {loc.lang for loc in LOCALES.values()} >= REQUIRED_LANGUAGES
    pairs = plan(len(LAYOUTS) * len(LOCALES), 3)
    assert set(pairs) == {(layout, tag) for layout in LAYOUTS for tag in LOCALES}
    assert plan(40, 3)[:25] == plan(25, 3)


def test_every_language_words_every_label() -> None:
    for code, lang in LANGUAGES.items():
        assert set(lang.words) == KEYS, code
        assert len(lang.months) == 12 and len(set(lang.months)) == 12, code


def test_the_same_seed_draws_the_same_truth_and_another_index_another() -> None:
    for index, (layout, tag) in enumerate(plan(20, 9)):
        first = truth(draw_sheet(layout, tag, random.Random(f"synth6:9:{index}")))
        again = truth(draw_sheet(layout, tag, random.Random(f"synth6:9:{index}")))
        other = truth(draw_sheet(layout, tag, random.Random(f"synth6:10:{index}")))
        assert first == again and first != other


def _cent(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


@pytest.mark.parametrize("tag", sorted(LOCALES))
def test_sums_add_up_exactly_and_identifiers_are_valid(tag: str) -> None:
    loc = LOCALES[tag]
    for n, layout in enumerate(sorted(LAYOUTS)):
        sheet = draw_sheet(layout, tag, random.Random(f"arith:{tag}:{n}"))
        doc, places = sheet.doc, loc.places_decimals
        for ln in doc.lines:
            assert isinstance(ln.net, Decimal)
            assert ln.net == _cent(ln.quantity * ln.price * (100 - ln.discount) / 100, places), (layout, ln)
        assert doc.line_total == sum(ln.net for ln in doc.lines)
        main = [t for t in doc.taxes if not loc.extra_tax or t.label != loc.extra_tax[0]]
        for t in main:
            lines = sum(ln.net for ln in doc.lines if ln.rate == t.rate) + (
                doc.shipping if t.rate == loc.rates[0] else 0
            )
            if doc.gross_lines:  # a till receipt: prices include the tax, taken out once per rate
                assert t.base + t.tax == lines and t.tax == _cent(lines * t.rate / (100 + t.rate), places)
            else:
                assert t.base == lines and t.tax == _cent(t.base * t.rate / 100, places)
        assert doc.net_total == sum(t.base for t in main)
        assert doc.tax_total == sum(t.tax for t in doc.taxes)
        assert doc.grand_total == doc.net_total + doc.tax_total
        assert doc.amount_due == doc.grand_total - doc.prepaid
        if doc.change is not None and doc.cash_given is not None:
            assert doc.cash_given - doc.change == doc.grand_total and doc.change >= 0
        record = truth(sheet)
        assert record["grand_total"] == f"{doc.grand_total:.2f}" and record["document_type"] in (
            "invoice",
            "credit_note",
        )
        for party in (doc.seller, doc.buyer):
            if party is None or party.vat_id is None:
                continue
            compact = "".join(c for c in party.vat_id.removesuffix(" MWST") if c.isalnum())
            module = loc.tax_id.module
            valid = luhn.is_valid(compact) if module == "luhn" else dataset_validator(module)(compact)
            assert valid, (tag, party.vat_id)
        for number in (doc.seller.iban, doc.debit_iban):
            if number:
                assert iban_check.is_valid(number), (tag, number)


def dataset_validator(module: str) -> Any:
    import importlib

    return importlib.import_module(f"stdnum.{module}").is_valid


def test_every_ibans_country_draws_valid_ibans() -> None:
    rng = random.Random(5)
    for country in IBAN_BBAN:
        for _ in range(3):
            assert iban_check.is_valid(draw_iban(country, rng)), country


def test_every_legal_form_is_one_the_strict_eval_drops_from_a_name() -> None:
    for tag, loc in LOCALES.items():
        for form in loc.legal_forms:
            assert name_tokens(f"Valmora {form}") == {"valmora"}, (tag, form)


def test_a_value_that_is_not_on_the_page_is_reported() -> None:
    sheet = draw_sheet("grid_classic", "de-DE", random.Random("missing"))
    values = printed(sheet)
    page = "\n".join(options[0] for name, options in values.items() if name != "invoice_number")
    assert missing(sheet, page) == ["invoice_number"]
    upper = missing(sheet, page.upper() + "\n" + sheet.doc.number)
    assert "vendor" not in upper and "buyer" not in upper and "invoice_number" not in upper


def test_stabilise_overwrites_the_creation_time_and_file_id_keeping_the_length() -> None:
    pdf = (
        b"%PDF-1.6\n<</CreationDate(D:20261205125600+01'00')/Producer(LibreOffice)>>\n"
        b"/ID [ <0A1B2C3D>\n<0A1B2C3D> ]\n/DocChecksum /5E6F7A8B\n"
    )
    once = stabilise(pdf, "a")
    assert len(once) == len(pdf) and not any(x in once for x in (b"20261205125600", b"0A1B2C3D", b"5E6F7A8B"))
    changed = (
        pdf.replace(b"125600", b"131313").replace(b"0A1B2C3D", b"99999999").replace(b"5E6F7A8B", b"12345678")
    )
    assert stabilise(changed, "a") == once
    assert stabilise(pdf, "b") != once


def test_every_layout_prints_every_truth_in_its_text_layer(
    one_per_layout: tuple[Path, list[dict[str, Any]]],
) -> None:
    folder, rows = one_per_layout
    assert {row["layout"] for row in rows} == set(LAYOUTS)
    assert [(row["id"], row["not_on_page"]) for row in rows if row["not_on_page"]] == []
    for row in rows:
        record = json.loads((folder / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["_synth"]["generator"] == "synth6" and (
            folder / row["document"]
        ).read_bytes().startswith(b"%PDF")
        assert record["seller_name"] and record["invoice_number"] and record["grand_total"]


def test_the_same_seed_writes_the_same_truths_and_bytes(
    one_per_layout: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = one_per_layout
    rows = write_dataset(tmp_path / "again", 3, 11)
    for row in rows:
        for suffix in (".json", ".pdf"):
            name = Path(row["document"]).with_suffix(suffix).name
            assert (tmp_path / "again" / name).read_bytes() == (folder / name).read_bytes(), name


def _truth_only_set(folder: Path, count: int) -> None:
    """A set's truth files with placeholder PDFs: enough for the eval's wiring with a stand-in extractor."""
    folder.mkdir(parents=True)
    for index, (layout, tag) in enumerate(plan(count, 1)):
        sheet = draw_sheet(layout, tag, random.Random(f"synth6:1:{index}"))
        (folder / f"x{index}.json").write_text(json.dumps(truth(sheet), ensure_ascii=False), "utf-8")
        (folder / f"x{index}.pdf").write_bytes(b"%PDF-1.4\n")


def test_the_strict_eval_reports_a_synth6_set_apart_as_held_out_and_never_tuned_on(tmp_path: Path) -> None:
    folder = tmp_path / "pdf-s1-n2"
    _truth_only_set(folder, 2)

    def extract(case: Any, text_only: bool) -> InvoiceExtraction:
        return InvoiceExtraction(
            invoice_number=case.truth["invoice_number"], vendor=VendorExtraction(name="wrong")
        )

    results = run_invoice_eval(tmp_path / "absent", heldout5=[folder], extract=extract)
    assert results is not None
    (result,) = results
    assert result.source == "heldout5:pdf-s1-n2" and result.heldout and not result.tuned
    assert result.fields["invoice_number"].hits == 2 and result.fields["vendor"].hits == 0
    report = result.as_dict()
    assert report["heldout"] is True and "never tuned on" in report["note"]
    assert report["misses"] == {"count": len(result.misses), "listed": False}
    out = io.StringIO()
    print_results(results, out)
    assert "HELD OUT — heldout5:pdf-s1-n2: never tuned on — do not tune on it" in out.getvalue()
    assert (
        run_invoice_eval(tmp_path / "absent", heldout5=[folder], sources=["heldout4"], extract=extract) == []
    )
    assert (
        len(
            run_invoice_eval(tmp_path / "absent", heldout5=[folder], sources=["heldout5"], extract=extract)
            or []
        )
        == 1
    )


def test_the_cli_skips_the_heldout5_set_with_a_reason_when_libreoffice_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from evals.invoices.generators import BY_KEY

    monkeypatch.setattr(dataset, "find_soffice", lambda: None)
    assert BY_KEY["heldout5"].write_set(2, 1, cache=tmp_path / "cache") is None
    assert "heldout5: skipped — no LibreOffice (soffice) on the PATH" in capsys.readouterr().err
    assert BY_KEY["heldout5"].seed == dataset.DEFAULT_SEED == 6067
