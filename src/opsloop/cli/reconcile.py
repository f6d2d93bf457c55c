"""`opsloop eval reconcile`: precision and recall of exception detection per exception type."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from opsloop.cli.common import console, eval_app, friendly_errors


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


@eval_app.command("reconcile")
@friendly_errors
def eval_reconcile_command(
    seed: int = typer.Option(6, help="Seed of the generated scenario set."),
    cases: int = typer.Option(400, help="How many labelled invoices to generate."),
    policy_file: Path | None = typer.Option(
        None, "--policy", help="A tolerance policy file (default: packaged)."
    ),
    report: Path = typer.Option(
        Path("evals/reports/reconcile.json"), "--report", help="Where to write the JSON."
    ),
) -> None:
    """Reconcile a generated labelled scenario set; print precision/recall per exception type."""
    from opsloop.evaluation.reconcile import run_reconcile_eval, write_report
    from opsloop.reconcile.policies import load_policy

    result = run_reconcile_eval(seed=seed, cases=cases, policy=load_policy(policy_file))
    table = Table(
        title=f"reconcile: {result.cases} generated cases (seed {seed}, policy {result.policy_version})"
    )
    for column in ("exception type", "support", "flagged", "precision", "recall"):
        table.add_column(column, justify="left" if column == "exception type" else "right")
    for name, score in sorted(result.per_type.items()):
        flagged = score.true_positive + score.false_positive
        if score.support or flagged:
            table.add_row(name, str(score.support), str(flagged), _pct(score.precision), _pct(score.recall))
    console.print(table)
    summary = result.as_dict()
    console.print(
        f"exact exception set {_pct(summary['exact_case_rate'])} · status {_pct(summary['status_accuracy'])} · "
        f"proposal {_pct(summary['proposal_accuracy'])} · {summary['invoices_per_second']:.0f} invoices/s"
    )
    console.print(f"report: {write_report(result, report)}")
