"""The reconciler's logic on its own: precision and recall of its exception detection, per exception
type, on a generated labelled scenario set (seeded; see evals/reconcile_synthetic.py), fed to
`reconcile_invoice` as extractions and mirror records directly. Also the share of cases whose status
and proposal are right. It checks the logic against data written for it, not documents: the
decisions eval (`python -m evals.decisions`, `opsloop eval reconcile`) is the end-to-end measure.

    .venv/bin/python evals/reconcile_logic.py [--seed 6] [--cases 400]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the repository root on the path, for `evals.*`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.reconcile_synthetic import generate_scenarios

from opsloop.domain.erp import ExceptionType, ReconciliationStatus, TolerancePolicy
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile.policies import default_policy, load_policy
from opsloop.reconcile.proposals import propose_invoice_action
from opsloop.reconcile.reconciler import reconcile_invoice

DEFAULT_REPORT = Path("evals/reports/reconcile_logic.json")


@dataclass
class TypeScore:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def support(self) -> int:
        return self.true_positive + self.false_negative

    @property
    def precision(self) -> float | None:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        return self.true_positive / self.support if self.support else None


@dataclass
class ReconcileEvalResult:
    seed: int
    cases: int
    policy_version: str
    per_type: dict[str, TypeScore] = field(default_factory=dict)
    exact_cases: int = 0
    """Cases whose predicted exception set equals the label exactly."""
    status_right: int = 0
    proposal_right: int = 0
    seconds: float = 0.0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "cases": self.cases,
            "policy_version": self.policy_version,
            "exact_case_rate": self.exact_cases / self.cases if self.cases else None,
            "status_accuracy": self.status_right / self.cases if self.cases else None,
            "proposal_accuracy": self.proposal_right / self.cases if self.cases else None,
            "invoices_per_second": self.cases / self.seconds if self.seconds else None,
            "per_type": {
                name: {
                    "support": s.support,
                    "true_positive": s.true_positive,
                    "false_positive": s.false_positive,
                    "false_negative": s.false_negative,
                    "precision": s.precision,
                    "recall": s.recall,
                }
                for name, s in sorted(self.per_type.items())
            },
            "misses": self.misses[:50],
        }


def _expected_proposal(expected: frozenset[ExceptionType]) -> ProposalKind:
    if not expected:
        return ProposalKind.INVOICE_APPROVE
    overbilling = {ExceptionType.PRICE_VARIANCE, ExceptionType.OVER_INVOICED, ExceptionType.TOTAL_VARIANCE}
    if expected <= overbilling:
        return ProposalKind.INVOICE_REQUEST_CREDIT_NOTE
    return ProposalKind.INVOICE_HOLD


def run_reconcile_eval(
    seed: int = 6, cases: int = 400, policy: TolerancePolicy | None = None
) -> ReconcileEvalResult:
    policy = policy if policy is not None else default_policy()
    data = generate_scenarios(seed=seed, cases=cases)
    result = ReconcileEvalResult(seed=seed, cases=len(data.scenarios), policy_version=policy.version)
    for kind in ExceptionType:
        result.per_type[kind.value] = TypeScore()
    started = time.perf_counter()
    outcomes = []
    for scenario in data.scenarios:
        rec = reconcile_invoice(
            scenario.invoice,
            data.mirror,
            policy,
            document_id=scenario.document_id,
            text_hash=scenario.text_hash,
        )
        outcomes.append((scenario, rec, propose_invoice_action(rec)))
    result.seconds = time.perf_counter() - started
    for scenario, rec, proposal in outcomes:
        got = frozenset(rec.exception_types())
        for kind in got | scenario.expected:
            score = result.per_type[kind.value]
            if kind in got and kind in scenario.expected:
                score.true_positive += 1
            elif kind in got:
                score.false_positive += 1
            else:
                score.false_negative += 1
        if got == scenario.expected:
            result.exact_cases += 1
        else:
            result.misses.append(
                {
                    "case": scenario.name,
                    "document_id": scenario.document_id,
                    "expected": sorted(k.value for k in scenario.expected),
                    "got": sorted(k.value for k in got),
                    "sentences": [e.sentence for e in rec.exceptions],
                }
            )
        expected_status = ReconciliationStatus.EXCEPTION if scenario.expected else None
        if (rec.status is ReconciliationStatus.EXCEPTION) == (expected_status is not None):
            result.status_right += 1
        if proposal.kind is _expected_proposal(scenario.expected):
            result.proposal_right += 1
    return result


def per_case_kind(result: ReconcileEvalResult) -> Counter[str]:
    return Counter(m["case"] for m in result.misses)


def write_report(result: ReconcileEvalResult, path: Path = DEFAULT_REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")
    return path


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=6, help="seed of the generated scenario set")
    parser.add_argument("--cases", type=int, default=400, help="how many labelled invoices to generate")
    parser.add_argument(
        "--policy", type=Path, default=None, help="a tolerance policy file (default: packaged)"
    )
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="where to write the JSON")
    args = parser.parse_args(argv)
    console = Console()
    result = run_reconcile_eval(seed=args.seed, cases=args.cases, policy=load_policy(args.policy))
    table = Table(
        title=f"reconciler logic: {result.cases} generated cases (seed {args.seed}, policy {result.policy_version})"
    )
    for column in ("exception type", "support", "flagged", "precision", "recall"):
        table.add_column(column, justify="left" if column == "exception type" else "right")
    for name, s in sorted(result.per_type.items()):
        flagged = s.true_positive + s.false_positive
        if s.support or flagged:
            table.add_row(name, str(s.support), str(flagged), _pct(s.precision), _pct(s.recall))
    console.print(table)
    summary = result.as_dict()
    console.print(
        f"exact exception set {_pct(summary['exact_case_rate'])} · status {_pct(summary['status_accuracy'])} · "
        f"proposal {_pct(summary['proposal_accuracy'])} · {summary['invoices_per_second']:.0f} invoices/s"
    )
    console.print(f"report: {write_report(result, args.report)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
