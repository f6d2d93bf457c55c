"""The field scorer's training script fits its evidence tables with shrinkage and keeps rare kinds to
their coarser kind."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from evals.train_fields import TABLE_MIN_WEIGHT, TABLE_STRENGTH, ece, fit_table, table_probability


def test_an_evidence_kinds_rate_is_shrunk_towards_its_coarser_kind() -> None:
    # GIVEN 40 readings of one kind, 30 right, and 40 of another, all right
    points = [("c0.90|two", i < 30, 1.0) for i in range(40)] + [("c0.90|one", True, 1.0) for _ in range(40)]
    table, default = fit_table(points)
    assert default == pytest.approx(70 / 80)
    coarse = (70 + TABLE_STRENGTH * default) / (80 + TABLE_STRENGTH)
    assert table["c0.90"] == pytest.approx(coarse, abs=1e-4)
    # THEN each kind's rate lies between its own and its parent's
    assert table["c0.90|two"] == pytest.approx(
        (30 + TABLE_STRENGTH * table["c0.90"]) / (40 + TABLE_STRENGTH), abs=1e-4
    )
    assert 30 / 40 < table["c0.90|two"] < table["c0.90"] < table["c0.90|one"] < 1.0


def test_a_kind_seen_too_rarely_falls_back_to_its_coarser_kind() -> None:
    rare = int(TABLE_MIN_WEIGHT) - 1
    points = [("c0.60|apart", False, 1.0)] * rare + [("c0.60|adds", True, 1.0)] * 20
    table, default = fit_table(points)
    assert "c0.60|apart" not in table
    assert table_probability(table, default, "c0.60|apart") == table["c0.60"]
    assert table_probability(table, default, "c0.95|adds") == default


def test_the_expected_calibration_error_of_a_calibrated_and_a_fixed_confidence() -> None:
    rights = [True] * 9 + [False]
    assert ece([0.9] * 10, rights, [1.0] * 10) == pytest.approx(0.0)
    assert ece([0.5] * 10, rights, [1.0] * 10) == pytest.approx(0.4)


def test_the_calibrators_labels_are_the_evals_judgement_of_right() -> None:
    from decimal import Decimal

    from evals.train_fields import eval_right

    # a tax id is right by its letters and digits (the eval's same_tax_id), whatever its punctuation
    assert eval_right("vendor.vat_id", "CHE123456789", "CHE-123.456.789 MWST", credit=False)
    assert eval_right("vendor.vat_id", "1234567890", "123-456-78-90", credit=False)
    assert not eval_right("vendor.vat_id", "CHE123456788", "CHE-123.456.789 MWST", credit=False)
    # a name is right only with the same tokens (a close spelling is not the name)
    assert eval_right("buyer.name", "Beispiel Handel AG", "Beispiel Handel", credit=False)
    assert not eval_right("vendor", "Beispiel Handel Nord", "Beispiel Handel", credit=False)
    # a credit note's amounts by magnitude, an invoice's with their sign
    assert eval_right("amount_due", Decimal("-10.00"), Decimal("10.00"), credit=True)
    assert not eval_right("amount_due", Decimal("-10.00"), Decimal("10.00"), credit=False)
    assert eval_right("po_numbers", ["PO 4711"], ["PO4711"], credit=False)
    assert not eval_right("vendor.iban", None, "DE89370400440532013000", credit=False)


def test_the_corroboration_of_a_choice_counts_its_independent_signals() -> None:
    from opsloop.extract.scorer.model import EVIDENCE_CAP, EVIDENCE_SIGNALS, corroboration

    signals = EVIDENCE_SIGNALS["vendor"]
    assert corroboration(signals, {"head_pos": 0.0, "first_line": 1.0}) == 0.0  # position alone
    assert corroboration(signals, {"legal_form": 1.0, "vat_line": 1.0}) == 2 / EVIDENCE_CAP
    assert corroboration(signals, dict.fromkeys(signals, 1.0)) == 1.0


def test_a_rule_field_keeps_the_lowest_mean_unless_a_near_one_holds_its_worst_source_better() -> None:
    from evals.train_fields import SELECT_TOLERANCE, SELECT_WORST_SHARE, steadiest

    methods = ("isotonic-4", "table", "table-strong")
    per_source = {
        "a": {"isotonic-4": 0.010, "table": 0.020, "table-strong": 0.015},
        "b": {"isotonic-4": 0.050, "table": 0.030, "table-strong": 0.049},
    }
    means = {m: sum(f[m] for f in per_source.values()) / 2 for m in methods}
    # table has the lowest mean (0.025) and the best worst source: it is kept
    assert steadiest(methods, means, per_source) == "table"
    # a mean within the tolerance and a worst source better by more than the share wins
    means = {"isotonic-4": 0.020, "table": 0.020 + SELECT_TOLERANCE / 2, "table-strong": 0.5}
    assert steadiest(methods, means, per_source) == "table"
    # a worst source better by less than the share does not
    per_source["b"]["table"] = 0.050 * (1 - SELECT_WORST_SHARE / 2)
    assert steadiest(methods, means, per_source) == "isotonic-4"
    # nor does a better worst source whose mean is beyond the tolerance
    per_source["b"]["table"] = 0.030
    means["table"] = 0.020 + 2 * SELECT_TOLERANCE
    assert steadiest(methods, means, per_source) == "isotonic-4"


def test_the_robust_table_lowers_a_kind_one_held_out_source_contradicts() -> None:
    from evals.train_fields import fit_robust_table

    # GIVEN one kind read right on two sources, and on a third right only half the time
    points = [("c0.60|adds", True, 1.0, s) for s in ("a", "b") for _ in range(30)]
    points += [("c0.60|adds", i % 2 == 0, 1.0, "c") for i in range(30)]
    table, _ = fit_table([(k, r, w) for k, r, w, _ in points])
    robust, _ = fit_robust_table(points)
    # THEN the robust rate lies under the pooled one, towards the source that reads it worse
    assert robust["c0.60|adds"] < table["c0.60|adds"] - 0.02
    assert robust["c0.60|adds"] > 0.5
    # AND a kind every source agrees on keeps its rate
    agreed = [("c0.90", True, 1.0, s) for s in ("a", "b", "c", "d") for _ in range(30)]
    assert fit_robust_table(agreed)[0]["c0.90"] == fit_table([(k, r, w) for k, r, w, _ in agreed])[0]["c0.90"]


def test_the_robust_map_lowers_a_bin_one_source_contradicts_and_stays_monotone() -> None:
    from evals.train_fields import isotonic, robust_map

    # GIVEN outputs 0.2 (half right) and 0.9 (right on two sources, wrong half the time on a third)
    raw, rights, sources = [], [], []
    for source in ("a", "b", "c"):
        for i in range(40):
            raw.append(0.2)
            rights.append(i % 2 == 0)
            sources.append(source)
            raw.append(0.9)
            rights.append(source != "c" or i % 2 == 0)
            sources.append(source)
    weights = [1.0] * len(raw)
    xs, ys = robust_map(raw, rights, weights, sources)
    ixs, iys = isotonic(raw, rights, weights)
    # THEN the high bin is lower than the pooled (isotonic) rate, the low one is not raised
    assert float(np.interp(0.9, xs, ys)) < float(np.interp(0.9, ixs, iys)) - 0.02
    assert float(np.interp(0.2, xs, ys)) <= 0.5 + 1e-9
    assert all(b >= a for a, b in itertools.pairwise(ys))
    assert xs[0] == 0.0 and xs[-1] == 1.0


def test_a_truth_listing_accepted_names_labels_any_of_them_right() -> None:
    from evals.train_fields import same_value

    accepted = ["Truhlářství Horáková", "Ing. Lenka Horáková", "Lenka Horáková"]
    assert same_value("vendor", "Lenka Horáková", accepted)
    assert not same_value("vendor", "Doprava Svoboda v.o.s.", accepted)


def test_every_development_generator_with_a_text_layer_is_a_training_source() -> None:
    from evals.invoices.generators import DEVELOPMENT, GENERATORS, TUNED
    from evals.train_fields import GENERATED, SOURCES

    # GIVEN the eval's generators a team reads and fixes (development and tuned sources)
    elsewhere = {
        "evals.synth16": "its scans calibrate OCR (evals/train_ocr.py)",
        "evals.erp1": "printed by a Tryton server",
        "evals.einvoices": "XML e-invoices, read exactly",
    }
    packages = {g.package for g in GENERATORS if g.role in (DEVELOPMENT, TUNED)} - set(elsewhere)
    # THEN each is a leave-one-source-out source of `make train`, read as a generated set
    names = {package.rsplit(".", 1)[-1] for package in packages}
    assert names <= set(SOURCES)
    assert names <= set(GENERATED)
    # AND the training seed is none of the eval's seeds
    assert 7 not in {g.seed for g in GENERATORS}


def test_the_evals_truth_notes_are_the_training_labels_and_an_unscored_date_is_not_absent() -> None:
    from datetime import date

    from evals.train_fields import Doc, knows_absence, truth_notes

    # GIVEN a template whose issuer is its brand (the eval leaves the vendor unscored) and XML dates the
    # page does not print (unscored in text-only mode)
    truth = {"vendor": "Flipkart", "invoice_number": "#BLR_WFLD20151000982590"}
    unscored = truth_notes("invoice2data", "FlipkartInvoice", "text", truth)
    assert truth["vendor"] is None and unscored == {"vendor"}
    assert truth["invoice_number"] == "BLR_WFLD20151000982590"
    item = "ZUGFeRDv1__correct__Mustangproject__MustangGnuaccountingBeispielRE-20151008_504"
    dates = {"invoice_date": date(2014, 10, 8), "due_date": date(2014, 11, 7)}
    unscored = truth_notes("zugferd", item, "text-only", dates)
    assert unscored == {"invoice_date", "due_date"}
    # THEN the unscored due date is no "no due date printed" label
    doc = Doc("zugferd", item, 1.0, dates, None, unscored=unscored)
    assert not knows_absence(doc, "due_date")
    assert knows_absence(Doc("zugferd", "other", 1.0, {"due_date": None}, None), "due_date")
    # AND a note of another mode leaves the truth as it is
    kept = {"invoice_date": date(2014, 10, 8)}
    assert truth_notes("zugferd", item, "embedded", kept) == frozenset()
    assert kept["invoice_date"] == date(2014, 10, 8)


def _candidate_docs(seed: int = 3) -> list:
    """Documents of three sources with made-up candidates (a feature one source alone has), their truth
    among them."""
    import random

    from evals.train_fields import Doc

    rng = random.Random(seed)
    docs = []
    for source in ("alpha", "beta", "gamma"):
        for number in range(30):
            cands = []
            right = rng.randrange(4)
            for index in range(4):
                feats = {"labelled": float(index == right or rng.random() < 0.3), "top": rng.random()}
                if source == "gamma":
                    feats["gamma_only"] = 1.0
                cands.append((feats, index == right, index == 0))
            doc = Doc(source, f"{source}-{number}", 1.0, {"total": 1}, None)
            doc.candidates = {"total": cands}
            doc.strict = {"total": [y for _, y, _ in cands]}
            doc.rules = {"total": 1 if right == 0 else 2}
            doc.rules_strict = {"total": right == 0}
            doc.rules_confidence = {"total": 0.9}
            docs.append(doc)
    return docs


def test_a_fold_fitted_from_the_shared_matrix_is_the_fit_of_its_documents_rows() -> None:
    from evals.train_fields import Candidates, source_weights
    from sklearn.linear_model import LogisticRegression

    # GIVEN three sources, one with a feature of its own
    docs = _candidate_docs()
    table = Candidates(docs, "total")
    for excluded in (frozenset(), frozenset({"gamma"}), frozenset({"alpha", "gamma"})):
        # WHEN a fold is fitted from the matrix built once
        names, coef, bias = table.fit(excluded, seed=7)
        # THEN it is the fit of the kept documents' rows, built from their candidates
        kept = [d for d in docs if d.source not in excluded]
        want = sorted({n for d in kept for f, _, _ in d.candidates["total"] for n in f})
        weights = source_weights(kept)
        rows = [[f.get(n, 0.0) for n in want] for d in kept for f, _, _ in d.candidates["total"]]
        labels = [int(y) for d in kept for _, y, _ in d.candidates["total"]]
        sample = [
            weights[d.source] / 4**0.5 * (3.0 if y else 1.0)
            for d in kept
            for _, y, _ in d.candidates["total"]
        ]
        model = LogisticRegression(C=1.0, max_iter=5000, random_state=7)
        model.fit(np.array(rows), np.array(labels), sample_weight=np.array(sample))
        assert names == want and ("gamma_only" in names) == ("gamma" not in excluded)
        assert np.array_equal(coef, model.coef_[0]) and bias == float(model.intercept_[0])


def test_fields_trained_in_forked_processes_give_the_same_model_as_one_process() -> None:
    from evals.train_fields import train

    docs = _candidate_docs()
    assert train(docs, 7, jobs=2) == train(docs, 7, jobs=1)


def test_a_sources_features_are_keyed_by_its_documents_and_the_engine(tmp_path) -> None:
    from evals.train_fields import _identity, features_key

    # GIVEN a set's folder
    folder = tmp_path / "synth9-s7-n2-abc"
    folder.mkdir()
    (folder / "a.json").write_text('{"invoice_number": "1"}')
    first = features_key("engine", _identity(folder))
    # THEN the same folder and engine give the same key, and a changed truth or engine another
    assert features_key("engine", _identity(folder)) == first
    assert features_key("engine2", _identity(folder)) != first
    (folder / "a.json").write_text('{"invoice_number": "2"}')
    assert features_key("engine", _identity(folder)) != first


def test_a_combination_ships_only_where_it_raises_the_mean_and_lowers_no_source_beyond_noise() -> None:
    from evals.train_fields import COMBINE_MARGIN, shipped_combination

    def per(lost: float, gained: float = 0.0) -> dict[str, object]:
        net = lost - gained
        return {"lowered": net > 0 and net > 1.96 * (lost + gained) ** 0.5}

    steady = {"a": per(0, 3), "b": per(1)}  # one document lost: noise
    lowering = {"a": per(0, 9), "b": per(6)}  # six lost on one source: beyond noise
    # GIVEN two combinations that both raise the mean, one of them lowering a source
    means = {"evidence": 0.99, "switch": 0.995}
    assert shipped_combination({"evidence": steady, "switch": lowering}, means, 0.98) == "evidence"
    # a mean raised by less than the margin ships nothing
    flat = {"evidence": 0.98 + COMBINE_MARGIN / 2, "switch": 0.98}
    assert shipped_combination({"evidence": steady, "switch": steady}, flat, 0.98) is None
    assert shipped_combination({"evidence": lowering, "switch": lowering}, means, 0.98) is None
    # a due date is never combined: its figures do not see a date read into a page that prints none
    assert shipped_combination({"evidence": steady, "switch": steady}, means, 0.98, "due_date") is None


def test_the_abstain_floor_takes_the_models_guess_only_where_it_is_right_often_enough() -> None:
    from evals.train_fields import WRONG_COST, Outcome, fit_abstain_floor

    def guess(ok: bool, rules_none: bool = True) -> Outcome:
        # the model's choice among candidates (count > 0), not the rules' (agreement 0)
        return Outcome("s", 1.0, ok, False, [0.0, 0.0, 0.0, 0.5, 0.0], [0.0] * 5, ok, False, rules_none)

    # GIVEN guesses where the rules read none: right above 0.8, mostly wrong below
    outcomes = [guess(True), guess(True), guess(True), guess(False), guess(True), guess(False)]
    p = [0.95, 0.9, 0.85, 0.6, 0.55, 0.5]
    # THEN the floor keeps the three right ones and none of the rest (one right per wrong costs more)
    assert WRONG_COST > 1
    assert fit_abstain_floor(outcomes, p, [1.0] * 6) == pytest.approx(0.85)
    # mostly wrong everywhere: no guess is worth taking
    assert fit_abstain_floor([guess(False), guess(True)], [0.9, 0.8], [1.0, 1.0]) == 1.0
    # documents the rules read a value of are no guesses: no floor
    assert fit_abstain_floor([guess(False, rules_none=False)], [0.9], [1.0]) == 0.0


def test_the_rules_column_is_printed_per_source_without_fitting(capsys: pytest.CaptureFixture[str]) -> None:
    from evals.train_fields import Doc, print_rules

    # GIVEN two sources' documents, the rules right on some fields, one truth unscored (None)
    docs = [
        Doc("zugferd", "one", 1.0, {"vendor": "Acme GmbH", "total": 5}, None, rules={"vendor": "Acme GmbH"}),
        Doc("zugferd", "two", 1.0, {"vendor": "Beta AG", "total": None}, None, rules={"vendor": "Gamma AG"}),
        Doc(
            "invoice2data", "three", 1.0, {"vendor": None, "currency": "EUR"}, None, rules={"currency": "EUR"}
        ),
    ]
    # WHEN the rules' column is printed
    print_rules(docs)
    out = capsys.readouterr().out.splitlines()
    # THEN each source has its row, the accuracy over the documents scored, and the misses by name
    rows = {line.split()[0]: line for line in out[1:3]}
    assert rows["zugferd"].split()[1:3] == ["0.50", "(2)"]
    assert rows["invoice2data"].split()[1] == "–"
    assert "1.00 (1)" in rows["invoice2data"]
    assert "  missed: zugferd vendor: two" in out
    assert "  missed: zugferd total: one" in out
