"""`opsloop eval reconcile`: the decisions eval (evals/decisions) — generated companies and their
vendors' invoices through the whole pipeline, as a new AP team would. The eval is not part of the
installed package (evals share no code with what they score): it runs from a checkout."""

from __future__ import annotations

from pathlib import Path

import typer

from opsloop.cli.common import checkout_root, console, eval_app, friendly_errors, import_from_checkout

RUN_FROM_CHECKOUT = (
    "opsloop eval reconcile runs from a checkout of the opsloop repository (evals/ is not installed): "
    "cd <checkout> && make .venv/.installed && .venv/bin/opsloop eval reconcile"
)


@eval_app.command("reconcile")
@friendly_errors
def eval_reconcile_command(
    seeds: list[int] = typer.Option(
        [0, 1, 2, 3, 4], "--seed", help="A company seed (repeat the option for several)."
    ),
    quick: bool = typer.Option(
        False, "--quick", help="Smoke run: the first seed, the quick scenario classes."
    ),
    vendors: int = typer.Option(12, help="Vendors per generated company."),
    report: Path | None = typer.Option(
        None,
        "--report",
        help="Where to write the JSON (default: evals/reports/decisions.json in the checkout).",
    ),
) -> None:
    """Decision accuracy, wrong approvals, false holds, exception types and touchless rate on generated
    companies (ERP export, vendors, POs, receipts, history) and their vendors' invoices (PDF layouts,
    UBL, CII in many languages), each run through sync, ingest and every stage."""
    root = checkout_root("evals.decisions")
    module = None if root is None else import_from_checkout("evals.decisions.report", root)
    if root is None or module is None:
        console.print(RUN_FROM_CHECKOUT, soft_wrap=True, markup=False, highlight=False)
        raise typer.Exit(1)
    chosen = seeds[:1] if quick else seeds
    code = module.run_and_print(
        chosen,
        quick=quick,
        vendors=vendors,
        report=report or root / "evals" / "reports" / "decisions.json",
        console=console,
    )
    if code:
        raise typer.Exit(int(code))
