"""The invoice eval scores strictly, drops no truth, shares no code with the engine, and reports
intervals and calibration."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from evals.invoices.cases import Case, TrueAddress, apply_notes, synth_cases, true_address, zugferd_cases
from evals.invoices.metrics import expected_calibration_error, reliability, wilson
from evals.invoices.misses import classify, classify_misses
from evals.invoices.normalise import same_address, same_amount, same_date, same_id, same_name, truth_date
from evals.invoices.run import calibration_rows, compare, evaluate, line_f1, run_invoice_eval
from typer.testing import CliRunner

from opsloop.domain.invoices import FieldEvidence, InvoiceExtraction, InvoiceLineExtraction, VendorExtraction

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data" / "invoices"


def test_a_fragment_of_a_vendor_name_is_never_a_match() -> None:
    assert not same_name("Lief", "Lieferant GmbH")
    assert not same_name("Brenner", "Brenner Werkzeugbau GmbH")
    assert not same_name("Rechnungsdatum", "Brenner Werkzeugbau GmbH")
    assert not same_name(None, "Brenner Werkzeugbau GmbH")


def test_case_punctuation_and_legal_forms_do_not_decide_a_vendor_match() -> None:
    assert same_name("BRENNER WERKZEUGBAU", "Brenner Werkzeugbau GmbH")
    assert same_name("Kowalski Sp. z o.o.", "Kowalski sp. z o.o.")
    assert same_name("Talterpack S.A.S.", "Talterpack SAS")
    assert same_name("Northwind Cloud Services, Inc.", ["Northwind Cloud Services"])
    assert same_name("Nordhavn Trading", "Nordhavn Trading A/S")  # a slashed legal form is one token
    assert not same_name("Nordhavn", "Nordhavn Trading A/S")


def test_a_name_of_legal_form_words_and_a_turkish_name_in_capitals_still_match() -> None:
    # a surname that is some pack's legal form ("Vos", the Czech "v.o.s."): the name is not emptied
    assert same_name("Vos B.V.", "Vos B.V.")
    assert not same_name("B.V.", "Vos B.V.")
    # a Turkish name printed in capitals: "I" is the capital of the dotless "ı"
    assert same_name("ŞAHIN MATBAACILIK A.Ş.", "Şahin Matbaacılık A.Ş.")


def test_short_legal_form_words_count_only_at_the_end_of_a_name() -> None:
    assert same_name("Valmora", "Valmora S. de R.L. de C.V.")
    assert same_name("Valmora", "Valmora spol. s r.o.")
    assert not same_name("Banco Sabadell", "Banco de Sabadell SA")  # "de" is the name's own here
    assert same_name("BANCO DE SABADELL", "Banco de Sabadell SA")


PARTS = ("Industriestraße 74", "53217", "Köln")


def test_a_vendor_address_holds_street_postcode_and_town_in_any_order_and_case() -> None:
    assert same_address("Industriestraße 74, 53217 Köln", PARTS, "DE")
    assert same_address("53217 KÖLN, INDUSTRIESTRASSE 74", PARTS, "DE")
    assert same_address(
        "Industriestraße 74 · DE-53217 Köln", PARTS, "DE"
    )  # the country's code may stand by it
    assert same_address("ul. Słoneczna 19, 39-135 Lublin", ("ul. Słoneczna 19", "39-135", "Lublin"), "PL")
    assert same_address("Lindenweg 130, 04109 Leipzig", ("Lindenweg 130", "04109 Leipzig"), "DE")


def test_a_vendor_address_missing_a_part_or_holding_more_than_the_address_is_wrong() -> None:
    assert not same_address(None, PARTS) and not same_address("", PARTS)
    assert not same_address("53217 Köln", PARTS)  # no street
    assert not same_address("Industriestraße 7, 53217 Köln", PARTS)  # a token run, not a prefix
    assert not same_address("Solkatec KG, Industriestraße 74, 53217 Köln", PARTS, "DE")  # the name
    assert not same_address("KG, Industriestraße 74, 53217 Köln", PARTS, "DE")  # a legal form's tail
    assert not same_address("Industriestraße 74, 53217 Köln, Tel. 0221 4711", PARTS, "DE")
    assert not same_address("AG, Kirchgasse 3, 8066 Zürich", ("Kirchgasse 3", "8066", "Zürich"), "CH")
    assert not same_address("Industriestraße 74, 53217 Köln, Deutschland", PARTS)


def test_a_region_code_by_the_town_and_a_part_printed_inside_another_are_the_address() -> None:
    assert same_address(
        "Level 204, 50 King Street, Sydney NSW 2000", ("Level 204, 50 King Street", "2000", "Sydney")
    )
    assert same_address("Via Nazionale 76, 00184 Roma (RM)", ("Via Nazionale 76", "00184", "Roma"), "IT")
    assert not same_address(
        "NSW, 50 King Street, 2000 Sydney", ("50 King Street", "2000", "Sydney")
    )  # not by the town
    assert not same_address("Via Nazionale 76, 00184 Roma Centro", ("Via Nazionale 76", "00184", "Roma"))
    assert same_address("Avenue de Namur 84, 5170 Namur", ("Avenue de Namur 84", "5170", "Namur"), "BE")
    assert same_address(
        "162 Oak Avenue, Austin, TX 78701", ("162 Oak Avenue", "Austin, TX 78701", "Austin"), "US"
    )


def test_the_vendor_address_truth_comes_from_the_seller_record_and_the_manifest() -> None:
    seller = {"name": "Solkatec KG", "street": "Industriestraße 74", "postcode": "53217", "city": "Köln",
              "country": "DE"}  # fmt: skip
    assert true_address(seller) == TrueAddress(PARTS, "DE")
    assert true_address({"street": "Lindenweg 130", "city_line": "04109 Leipzig"}) == TrueAddress(
        ("Lindenweg 130", "04109 Leipzig")
    )
    assert true_address({"street": "Lindenweg 130"}) is None and true_address(None) is None
    assert compare("vendor_address", "Industriestraße 74, 53217 Köln", true_address(seller), credit=False)
    assert not compare("vendor_address", "Solkatec KG, 53217 Köln", true_address(seller), credit=False)


def test_a_vendor_address_the_manifest_says_is_not_on_the_page_is_not_scored(tmp_path: Path) -> None:
    import json

    seller = {"street": "Industriestraße 74", "postcode": "53217", "city": "Köln", "country": "DE"}
    for item in ("a", "b"):
        (tmp_path / f"{item}.json").write_text(json.dumps({"seller": seller}), "utf-8")
        (tmp_path / f"{item}.pdf").write_bytes(b"%PDF")
    rows = [{"id": "a", "not_on_page": ["vendor_address"]}, {"id": "b", "not_on_page": []}]
    (tmp_path / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    truths = {case.item: case.truth["vendor_address"] for case in synth_cases(tmp_path)}
    assert truths == {"a": None, "b": TrueAddress(PARTS, "DE")}


def test_amounts_compare_to_the_cent_and_credit_notes_by_magnitude() -> None:
    assert (
        same_amount(Decimal("23.54"), "23.54") and same_amount("8.20", "$8.20") and same_amount("4", "RM4.00")
    )
    assert not same_amount("23.55", "23.54") and not same_amount(None, "23.54")
    assert not same_amount("-18.48", "18.48") and same_amount("-18.48", "18.48", magnitude=True)


def test_invoice_numbers_ignore_only_whitespace_and_case() -> None:
    assert same_id("re 2025-04417", "RE-2025-04417") is False
    assert same_id("re-2025-04417", "RE-2025-04417") and same_id("4500 012 345", "4500012345")
    assert not same_id("#BLR_1", "BLR_1")


def test_truth_dates_are_read_by_the_eval_itself() -> None:
    assert truth_date("2018-12-25") == date(2018, 12, 25)
    assert (
        truth_date("25/12/2018") == truth_date("25-12-18") == truth_date("25 DEC 2018") == date(2018, 12, 25)
    )
    assert truth_date("12/28/2017") == date(2017, 12, 28)  # only month-first is a date
    assert truth_date("next tuesday") is None
    assert same_date(date(2018, 12, 25), "25.12.2018") and not same_date(None, "2018-12-25")


def test_wilson_intervals_and_calibration_error() -> None:
    assert wilson(0, 0) is None
    low, high = wilson(10, 10) or (0.0, 0.0)
    assert high == pytest.approx(1.0) and 0.70 < low < 0.73
    assert expected_calibration_error([(True, 1.0), (False, 0.0)]) == 0.0
    assert expected_calibration_error([(False, 0.95)] * 4) == pytest.approx(0.95)
    assert reliability([(True, 0.95), (False, 0.95)]) == [
        {"bin": "0.9-1.0", "n": 2, "confidence": 0.95, "accuracy": 0.5}
    ]


def _case(item: str, group: str, **truth: Any) -> Case:
    return Case(source="zugferd", item=item, group=group, truth=dict(truth), text="page")


def test_a_missed_field_counts_and_no_truth_is_dropped() -> None:
    empty = InvoiceExtraction(extraction_method="rules")
    cases = [
        _case(
            "a", "g1", vendor="Lieferant GmbH", invoice_number="471113", total="23.54", due_date="2018-07-13"
        ),
        _case("b", "g2", vendor="Lieferant GmbH", invoice_number="471114", total="10.00"),
    ]
    result = evaluate(cases, "zugferd", "text-only", extract=lambda case, text_only: empty)
    assert {name: (s.hits, s.total) for name, s in result.fields.items()} == {
        "vendor": (0, 2),
        "invoice_number": (0, 2),
        "total": (0, 2),
        "due_date": (0, 1),
    }
    assert len(result.misses) == 7


def test_files_of_one_duplicate_group_count_as_one_item_with_their_mean() -> None:
    right = InvoiceExtraction(extraction_method="rules", invoice_number="471113")
    wrong = InvoiceExtraction(extraction_method="rules", invoice_number="471")
    answers = {"a": right, "b": wrong}
    cases = [_case("a", "g", invoice_number="471113"), _case("b", "g", invoice_number="471113")]
    result = evaluate(cases, "zugferd", "text-only", extract=lambda case, text_only: answers[case.item])
    assert result.items == 1
    assert (result.fields["invoice_number"].hits, result.fields["invoice_number"].total) == (0.5, 1)
    assert result.fields["invoice_number"].outcomes == [(True, 0.0), (False, 0.0)]


def test_the_confidence_the_engine_reports_is_kept_for_calibration() -> None:
    extraction = InvoiceExtraction(
        extraction_method="rules",
        vendor=VendorExtraction(name="Lieferant GmbH"),
        fields={"vendor.name": FieldEvidence(confidence=0.8)},
    )
    result = evaluate(
        [_case("a", "a", vendor="Lieferant GmbH")], "zugferd", "text", extract=lambda c, t: extraction
    )
    assert result.fields["vendor"].outcomes == [(True, 0.8)]


def test_a_truth_note_is_applied_by_name_and_reported() -> None:
    case = Case(source="invoice2data", item="Orlen", group="Orlen", truth={"invoice_number": "F"})
    apply_notes(case, "text")
    assert case.truth["invoice_number"] == "F 1234K20/1234/12"
    assert case.notes and "MANIFEST" in case.notes[0]
    other = Case(source="invoice2data", item="Other", group="Other", truth={"invoice_number": "F"})
    assert apply_notes(other, "text").truth["invoice_number"] == "F"


def test_a_line_matches_on_amount_and_description_words_not_on_amount_alone() -> None:
    truth = [{"name": "Schweinesteak", "amounts": ["22.00"]}]
    assert (
        line_f1(
            [InvoiceLineExtraction(description="Schweinesteak vom Grill", amount=Decimal("22.00"))], truth
        )
        == 1.0
    )
    assert line_f1([InvoiceLineExtraction(description="Versand", amount=Decimal("22.00"))], truth) == 0.0
    assert (
        line_f1([InvoiceLineExtraction(description="Schweinesteak", amount=Decimal("22.01"))], truth) == 0.0
    )


def test_misses_on_generated_sets_are_put_in_named_classes() -> None:
    context = {"truth": {"buyer": "Lindqvist Maschinen AG", "po_number": ["4500012345"]}}
    assert classify({"field": "vendor", "predicted": "Rechnungsdatum", "truth": "Brenner GmbH"}) == (
        "a label word taken as the vendor"
    )
    assert classify(
        {"field": "vendor", "predicted": "Lindqvist Maschinen AG", "truth": "B", "context": context}
    ) == ("the buyer taken as the vendor")
    assert classify(
        {"field": "invoice_number", "predicted": "4500012345", "truth": "R-1", "context": context}
    ) == ("a PO number taken as the invoice number")
    assert classify({"field": "invoice_number", "predicted": None, "truth": "R-1"}).startswith(
        "number not found"
    )


def test_the_eval_imports_nothing_of_the_engine_but_its_entry_points() -> None:
    allowed = {
        "opsloop.extract",  # extract_invoice, the public entry point
        "opsloop.extract.einvoice",  # read_einvoice, for bare XML files
        "opsloop.extract.llm.chain",  # the LLM chain, for --engine llm
        "opsloop.ingest.readers.pdf",  # the product's PDF reader
        "opsloop.domain.documents",  # the reader's input model
    }
    for path in sorted((ROOT / "evals" / "invoices").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("opsloop"):
                assert node.module in allowed, f"{path.name} imports {node.module}"


def test_a_generated_set_is_scored_end_to_end_with_miss_classes(tmp_path: Path) -> None:
    from evals.synth.generate import write_dataset

    folder = tmp_path / "tiny"
    write_dataset(folder, 2, 5, locales=("de-DE", "fr-FR"), layouts=("din_classic",))
    results = run_invoice_eval(tmp_path / "absent", synth=[folder])
    assert results is not None
    (result,) = results
    assert result.source == "synth:tiny" and result.items == 2 and not result.tuned
    assert result.fields["invoice_number"].total == 2 and result.fields["vendor_iban"].total == 2
    assert result.fields["vendor_address"].total == 2
    assert set(result.breakdown) == {"locale:de-DE", "locale:fr-FR", "layout:din_classic"}
    assert isinstance(classify_misses(results).get("synth:tiny", {}), dict)


def test_leave_one_source_out_says_when_the_learned_half_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from evals.invoices.loso import main
    from evals.synth.generate import write_dataset

    folder = tmp_path / "one"
    write_dataset(folder, 1, 3, locales=("nl-NL",), layouts=("modern_bar",))
    monkeypatch.chdir(tmp_path)
    assert main(["--data", str(tmp_path / "absent"), "--synth", str(folder), "--report", "r.json"]) == 0
    out = capsys.readouterr().out
    assert "synth:one | no (held out)" in out
    assert "learned scorer: skipped" in out


def test_opsloop_eval_invoices_outside_a_checkout_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsloop.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["eval", "invoices", "--data", str(tmp_path)])
    assert result.exit_code == 0
    assert "source checkout" in result.output and "Traceback" not in result.output


@pytest.mark.skipif(not (DATA / "zugferd_corpus").is_dir(), reason="shared evaluation data is absent")
def test_the_embedded_einvoice_reader_is_exact_on_the_zugferd_corpus() -> None:
    result = evaluate(zugferd_cases(DATA / "zugferd_corpus"), "zugferd", "embedded")
    assert result.items > 0 and not result.errors
    assert {name: s.accuracy for name, s in result.fields.items()} == dict.fromkeys(result.fields, 1.0)
    assert result.line_f1_mean == 1.0


def test_the_item_tables_confidence_is_kept_for_calibration_with_every_row_read_as_right() -> None:
    # GIVEN two documents with true lines: one read whole at 0.9, one with a row missed at 0.6
    lines = [
        {"name": "Kopierpapier A4", "amounts": ["20.00"]},
        {"name": "Toner schwarz", "amounts": ["3.54"]},
    ]
    whole = InvoiceExtraction(
        extraction_method="rules",
        lines=[
            InvoiceLineExtraction(description="Kopierpapier A4", amount=Decimal("20.00")),
            InvoiceLineExtraction(description="Toner schwarz", amount=Decimal("3.54")),
        ],
        fields={"lines": FieldEvidence(confidence=0.9)},
    )
    partial = whole.model_copy(
        update={"lines": whole.lines[:1], "fields": {"lines": FieldEvidence(confidence=0.6)}}
    )
    answers = {"a": whole, "b": partial}
    cases = [Case(source="zugferd", item=i, group=i, truth={}, text="page", lines=lines) for i in ("a", "b")]
    result = evaluate(cases, "zugferd", "text-only", extract=lambda case, text_only: answers[case.item])
    # THEN the item table's outcomes pair "every row read" with the confidence, apart from the fields
    assert result.line_table.outcomes == [(True, 0.9), (False, 0.6)]
    assert "line_items" not in result.fields
    assert [row[2] for row in calibration_rows([result])] == ["line_items"]
