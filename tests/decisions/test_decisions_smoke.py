"""`opsloop eval reconcile` runs the decisions eval end to end on one tiny company and writes its
report (structure only: the figures are what the eval is for, never asserted here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsloop.cli import reconcile as cli_reconcile
from opsloop.cli.common import app


@pytest.mark.slow
def test_eval_reconcile_runs_one_tiny_company_and_writes_the_report(tmp_path: Path) -> None:
    pytest.importorskip(
        "evals.synth.render", reason="the shared renderers (evals/synth/render.py) are not here"
    )
    report = tmp_path / "decisions.json"
    result = CliRunner().invoke(
        app, ["eval", "reconcile", "--quick", "--seed", "7", "--vendors", "4", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "wrong approvals" in result.output and "touchless rate" in result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["seeds"] == [7] and data["quick"] is True
    assert set(data["summary"]) >= {
        "decision_accuracy",
        "wrong_automatic_approvals",
        "false_holds",
        "touchless_rate",
    }
    [seed] = data["per_seed"]
    assert seed["cases"] > 10 and seed["documents"] >= seed["cases"] - seed["skipped"]
    assert data["per_class"]["history"]["cases"] > 0
    for wrong in data["wrong_decisions"]:
        assert {"case", "expected", "got", "opsloop_said"} <= set(wrong)


def test_eval_reconcile_outside_a_checkout_says_how_to_run_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_reconcile, "checkout_root", lambda package: None)
    result = CliRunner().invoke(app, ["eval", "reconcile", "--quick"])
    assert result.exit_code == 1
    assert "from a checkout" in result.output and len(result.output.strip().splitlines()) <= 2
