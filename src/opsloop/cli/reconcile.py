"""`opsloop eval reconcile`: the decisions eval (evals/decisions) — generated companies and their
vendors' invoices through the whole pipeline, as a new AP team would. The eval is not part of the
installed package (evals share no code with what they score): it runs from a checkout."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import typer

from opsloop.cli.common import console, eval_app, friendly_errors

RUN_FROM_CHECKOUT = (
    "opsloop eval reconcile runs from a checkout of the opsloop repository (evals/ is not installed): "
    "cd <checkout> && make .venv/.installed && .venv/bin/opsloop eval reconcile"
)


def checkout_root() -> Path | None:
    """The repository checkout holding evals/decisions: the working directory or one above it, else
    the checkout this package was installed from in editable mode."""
    here = Path.cwd().resolve()
    for root in (here, *here.parents, Path(__file__).resolve().parents[3]):
        if (root / "evals" / "decisions" / "report.py").is_file():
            return root
    return None


def load_decisions_eval(root: Path) -> ModuleType:
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module("evals.decisions.report")


@eval_app.command("reconcile")
@friendly_errors
def eval_reconcile_command(
    seeds: list[int] = typer.Option(
        [0, 1, 2], "--seed", help="A company seed (repeat the option for several)."
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
    root = checkout_root()
    if root is None:
        console.print(RUN_FROM_CHECKOUT, soft_wrap=True, markup=False, highlight=False)
        raise typer.Exit(1)
    module = load_decisions_eval(root)
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
