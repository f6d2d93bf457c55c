"""The generated labelled set and its scorer; and that fast-built results equal validated ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from evals.reconcile_logic import run_reconcile_eval, write_report
from evals.reconcile_synthetic import generate_scenarios

from opsloop.domain.erp import ExceptionType, Reconciliation
from opsloop.reconcile import default_policy, reconcile_invoice


def test_generated_set_is_seeded_and_labelled() -> None:
    # GIVEN two generations with one seed and one with another
    a, b, c = (
        generate_scenarios(seed=3, cases=60),
        generate_scenarios(seed=3, cases=60),
        generate_scenarios(seed=4, cases=60),
    )
    # THEN the same seed gives the same invoices, another seed others, and most exception types occur
    assert [s.invoice for s in a.scenarios] == [s.invoice for s in b.scenarios]
    assert [s.invoice for s in a.scenarios] != [s.invoice for s in c.scenarios]
    labelled = set().union(*(s.expected for s in a.scenarios))
    assert len(labelled) >= 10 and any(not s.expected for s in a.scenarios)


def test_eval_scores_per_type_and_writes_report(tmp_path: Path) -> None:
    # WHEN the eval runs on a small set
    result = run_reconcile_eval(seed=11, cases=120)
    path = write_report(result, tmp_path / "reconcile.json")
    # THEN every labelled type has precision and recall, and the report is written
    data = result.as_dict()
    assert data["cases"] == 120 and path.exists()
    duplicate = data["per_type"][ExceptionType.DUPLICATE.value]
    assert duplicate["support"] > 0 and duplicate["recall"] is not None
    assert 0.0 <= data["exact_case_rate"] <= 1.0


def test_fast_built_results_equal_validated_ones() -> None:
    # GIVEN reconciliations built on the fast path
    data = generate_scenarios(seed=5, cases=40)
    for scenario in data.scenarios:
        rec = reconcile_invoice(
            scenario.invoice, data.mirror, default_policy(), document_id=scenario.document_id
        )
        # THEN they survive a JSON round trip through full validation unchanged
        assert Reconciliation.model_validate_json(rec.model_dump_json()) == rec


def test_logic_eval_prints_per_type_and_writes_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from evals.reconcile_logic import main

    report = tmp_path / "r.json"
    assert main(["--cases", "60", "--report", str(report)]) == 0
    assert "precision" in capsys.readouterr().out and report.exists()
