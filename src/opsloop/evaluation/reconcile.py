"""Precision and recall of the reconciler's exception detection, per exception type, on a generated
labelled scenario set (seeded; see opsloop.reconcile.synthetic). Also the share of cases whose
status and proposal are right. The data is generated, so it checks the logic, not extraction noise."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opsloop.domain.erp import ExceptionType, ReconciliationStatus, TolerancePolicy
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile.policies import default_policy
from opsloop.reconcile.proposals import propose_invoice_action
from opsloop.reconcile.reconciler import reconcile_invoice
from opsloop.reconcile.synthetic import generate_scenarios

DEFAULT_REPORT = Path("evals/reports/reconcile.json")


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
