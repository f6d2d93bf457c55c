"""The figures: decision accuracy, wrong approvals (automatic / proposed to a person), false holds,
exception-type precision and recall, touchless rate, per class, and every wrong decision with what
opsloop said. Per seed, then mean and spread over seeds."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from evals.decisions.runner import CompanyRun
from evals.decisions.vocabulary import OPSLOOP_NAMES, judge

HEADLINE = (
    "decision_accuracy",
    "wrong_approvals",
    "wrong_automatic_approvals",
    "wrong_proposed_approvals",
    "false_holds",
    "exception_precision",
    "exception_recall",
    "touchless_rate",
)


@dataclass
class ClassTally:
    group: str
    cases: int = 0
    right: int = 0
    wrong_automatic: int = 0
    wrong_proposed: int = 0
    false_holds: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


@dataclass
class SeedFigures:
    seed: int
    cases: int = 0
    right: int = 0
    wrong_should_hold_automatic: int = 0
    wrong_should_hold_proposed: int = 0
    wrong_needed_person_automatic: int = 0
    false_holds: int = 0
    touchless_candidates: int = 0
    touchless: int = 0
    names_true: int = 0
    names_false: int = 0
    problems_expected: int = 0
    problems_found: int = 0
    skipped: int = 0
    documents: int = 0
    seconds: float = 0.0
    established_vendors: int = 0
    vendors_with_history: int = 0
    confirmations: int = 0
    """History approvals the review API asked the clerk to confirm."""

    def figures(self) -> dict[str, float | None]:
        def share(a: int, b: int) -> float | None:
            return a / b if b else None

        automatic = self.wrong_should_hold_automatic + self.wrong_needed_person_automatic
        return {
            "decision_accuracy": share(self.right, self.cases),
            "wrong_approvals": float(automatic + self.wrong_should_hold_proposed),
            "wrong_automatic_approvals": float(automatic),
            "wrong_proposed_approvals": float(self.wrong_should_hold_proposed),
            "false_holds": float(self.false_holds),
            "exception_precision": share(self.names_true, self.names_true + self.names_false),
            "exception_recall": share(self.problems_found, self.problems_expected),
            "touchless_rate": share(self.touchless, self.touchless_candidates),
        }


@dataclass
class Score:
    seeds: list[SeedFigures]
    per_class: dict[str, ClassTally]
    problems: dict[str, dict[str, int]]
    """Our problem -> support, found."""
    opsloop_types: dict[str, dict[str, int]]
    """opsloop's exception type -> raised, right (names an expected problem), wrong, tolerated."""
    wrong: list[dict[str, Any]]
    skipped: list[dict[str, str]]
    confirmations: list[dict[str, Any]] = field(default_factory=list)
    """History approvals the API asked the clerk to confirm, with the summary it showed."""

    def summary(self) -> dict[str, dict[str, float | None]]:
        """Mean, min and max of each headline figure over the seeds."""
        out: dict[str, dict[str, float | None]] = {}
        for name in HEADLINE:
            values = [v for s in self.seeds if (v := s.figures()[name]) is not None]
            out[name] = {
                "mean": statistics.fmean(values) if values else None,
                "min": min(values) if values else None,
                "max": max(values) if values else None,
                "stdev": statistics.pstdev(values) if len(values) > 1 else (0.0 if values else None),
            }
        return out


def score(runs: list[CompanyRun]) -> Score:
    per_class: dict[str, ClassTally] = {}
    problems: dict[str, dict[str, int]] = {p: {"support": 0, "found": 0} for p in OPSLOOP_NAMES}
    types: dict[str, dict[str, int]] = {}
    wrong: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    confirmations: list[dict[str, Any]] = []
    seeds: list[SeedFigures] = []
    for run in runs:
        figures = SeedFigures(
            seed=run.seed,
            documents=run.documents,
            seconds=run.seconds,
            confirmations=len(run.confirmations),
        )
        confirmations.extend({"seed": run.seed, **c} for c in run.confirmations)
        history_vendors = {c.vendor.erp_id for c in run.cases if c.history}
        figures.vendors_with_history = len(history_vendors)
        figures.established_vendors = sum(1 for v in history_vendors if run.established.get(v, 0) >= 3)
        for case_id, why in run.skipped.items():
            skipped.append({"seed": str(run.seed), "case": case_id, "why": why})
            figures.skipped += 1
        for case in run.cases:
            observation = run.observations.get(case.id)
            if observation is None:
                continue
            verdict = judge(case.label, observation.outcome, observation.types)
            tally = per_class.setdefault(case.cls, ClassTally(group=case.group))
            tally.cases += 1
            tally.outcomes[observation.outcome] += 1
            figures.cases += 1
            if verdict.right:
                figures.right += 1
                tally.right += 1
            if verdict.wrong_approval == "should_hold":
                if verdict.automatic:
                    figures.wrong_should_hold_automatic += 1
                    tally.wrong_automatic += 1
                else:
                    figures.wrong_should_hold_proposed += 1
                    tally.wrong_proposed += 1
            elif verdict.wrong_approval == "needed_person":
                figures.wrong_needed_person_automatic += 1
                tally.wrong_automatic += 1
            if verdict.false_hold:
                figures.false_holds += 1
                tally.false_holds += 1
            if case.label.decision == "approve" and case.label.auto_ok:
                figures.touchless_candidates += 1
                figures.touchless += observation.outcome == "auto_approve"
            for problem in case.label.problems:
                problems[problem]["support"] += 1
                figures.problems_expected += 1
                if problem in verdict.detected:
                    problems[problem]["found"] += 1
                    figures.problems_found += 1
            expected_names = {n for p in case.label.problems for n in OPSLOOP_NAMES[p]}
            for name in observation.types:
                row = types.setdefault(name, {"raised": 0, "right": 0, "wrong": 0, "tolerated": 0})
                row["raised"] += 1
                if name in expected_names:
                    row["right"] += 1
                    figures.names_true += 1
                elif name in verdict.spurious:
                    row["wrong"] += 1
                    figures.names_false += 1
                else:
                    row["tolerated"] += 1
            if not verdict.right or verdict.missed or verdict.spurious:
                wrong.append(
                    {
                        "seed": run.seed,
                        "case": case.id,
                        "class": case.cls,
                        "group": case.group,
                        "decision_right": verdict.right,
                        "wrong_approval": verdict.wrong_approval,
                        "automatic": verdict.automatic,
                        "false_hold": verdict.false_hold,
                        "expected": case.label.decision + (" (automatic ok)" if case.label.auto_ok else ""),
                        "expected_problems": sorted(case.label.problems),
                        "why": case.label.why,
                        "got": observation.outcome,
                        "opsloop_types": sorted(observation.types),
                        "missed": sorted(verdict.missed),
                        "spurious": sorted(verdict.spurious),
                        "opsloop_said": observation.said,
                        "rule": observation.rule,
                        "vendor": f"{case.vendor.country} {case.vendor.erp_id}",
                        "format": observation.fmt,
                        "layout": observation.layout,
                        "locale": case.invoice.locale,
                        "document_id": observation.document_id,
                    }
                )
        seeds.append(figures)
    return Score(
        seeds=seeds,
        per_class=per_class,
        problems=problems,
        opsloop_types=types,
        wrong=wrong,
        skipped=skipped,
        confirmations=confirmations,
    )
