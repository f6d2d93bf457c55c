"""Drive opsloop through a generated company (public entry points only, the mechanics of
evals/decisions/runner.py: a fresh data folder, the folder connector's export and a sync, each
document ingested and processed, a clerk approving the history through the review API), then score
what it decided against the AP labels.

`python -m evals.decisions2 --seeds 0 1 2 --report PATH`
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.decisions.runner import CLERK, _Api, _environment, observed, on_day, open_payment_proposals
from evals.decisions2.cases import CLASSES, Case, build_cases
from evals.decisions2.model import Company, day_date
from evals.decisions2.render import render

# ---------------------------------------------------------------------------- scoring


def judge(case: Case, outcome: str) -> tuple[bool, str]:
    """(right by AP practice, kind of error: "" / "wrong_auto" / "wrong_proposed" / "false_hold")."""
    decision = case.label.decision
    if outcome == "auto_approve":
        if decision == "approve" and case.label.auto_ok:
            return True, ""
        if decision == "approve":
            return False, "wrong_auto"  # a person had to decide
        return False, "wrong_auto"
    if outcome == "proposed_approve":
        if decision in ("approve", "person"):
            return True, ""
        return False, "wrong_proposed"
    if outcome == "credit":
        if decision == "credit":
            return True, ""
        if decision == "approve":
            return False, "false_hold"
        return decision in ("hold", "person") and case.not_invoice, "" if case.not_invoice else "mis_booked"
    # hold, failed, none, dropped
    if decision == "approve":
        return False, "false_hold"
    if outcome == "hold":
        return True, ""
    if case.not_invoice:
        return True, ""  # left unpaid: right for anything that is not an invoice
    if outcome == "dropped" and decision == "hold":
        return True, ""
    return False, "not_decided"


@dataclass
class Result:
    case_id: str
    cls: str
    vendor: str
    fmt: str
    label: str
    auto_ok: bool
    outcome: str
    right: bool
    error: str
    types: list[str]
    said: str
    rule: str | None
    why: str


@dataclass
class SeedRun:
    seed: int
    results: list[Result] = field(default_factory=list)
    established: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> SeedRun:
    company = Company(seed)
    cases = build_cases(company)
    with tempfile.TemporaryDirectory(prefix=f"opsloop-dec2-{seed}-") as tmp:
        root = keep / f"seed{seed}" if keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        data = root / "data"
        env = {
            "OPSLOOP_DATA_DIR": str(data),
            "OPSLOOP_ERP__CONNECTOR": "folder",
            "OPSLOOP_ERP__FOLDER": str(data / "erp"),
            "OPSLOOP_RUNNER__MODE": "inprocess",
        }
        with _environment(env):
            return _run(seed, company, cases, root, progress)


def _run(seed: int, company: Company, cases: list[Case], root: Path, progress: bool) -> SeedRun:
    from opsloop.erp.connectors import source_from_settings
    from opsloop.erp.sync import sync_source
    from opsloop.review.accounts import Role, create_user, issue_token
    from opsloop.service import ingest_and_process
    from opsloop.settings import Settings
    from opsloop.store.db import dispose_engines, open_database, session_scope

    started = time.perf_counter()
    settings = Settings(_env_file=None)
    settings.ensure_dirs()
    engine = open_database(settings)
    with session_scope(engine) as session:
        clerk = create_user(
            session, CLERK, "eval-clerk-password", Role.APPROVER, approval_limit=Decimal("1000000")
        )
        token = issue_token(session, clerk, "decisions2-eval")
    api = _Api(settings, engine, token)
    source = source_from_settings(settings)
    mail = root / "mail"
    mail.mkdir(exist_ok=True)
    out = SeedRun(seed)
    documents: dict[str, tuple[int | None, str]] = {}
    try:
        last = max(c.day for c in cases) + 1
        for day in range(0, last + 1):
            on_day(day_date(day))
            if company.write_export(settings.erp_folder, day):
                report = sync_source(engine, source, settings.erp)
                if report.status == "failed":
                    raise RuntimeError(f"sync failed on day {day}: {report.error}")
            todays = [c for c in cases if c.day == day]
            for n, case in enumerate(todays):
                body = render(case.doc, case.fmt)
                name = re.sub(r"[^A-Za-z0-9]+", "-", case.doc.number).strip("-")
                path = mail / f"{day:03d}{n}_{name}.{'xml' if case.fmt == 'ubl' else 'pdf'}"
                path.write_bytes(body)
                outcomes, _ = ingest_and_process(engine, settings, [path], move=False)
                documents[case.id] = (outcomes[0].document_id, outcomes[0].status.value)
            for case in todays:
                if case.history:
                    _clerk(api, documents[case.id][0], case, out)
            if progress and todays:
                print(f"  seed {seed}: day {day}, {len(documents)} documents", file=sys.stderr, flush=True)

        for case in cases:
            outcome, types, said, rule = observed(api, engine, *documents[case.id])
            right, error = judge(case, outcome)
            out.results.append(
                Result(
                    case.id,
                    case.cls,
                    case.vendor.erp_id,
                    case.fmt,
                    case.label.decision,
                    case.label.auto_ok,
                    outcome,
                    right,
                    error,
                    sorted(types),
                    said[:400],
                    rule,
                    case.label.why,
                )
            )
    finally:
        api.close()
        engine.dispose()
        dispose_engines()
    out.seconds = time.perf_counter() - started
    return out


def _clerk(api: _Api, document_id: int | None, case: Case, out: SeedRun) -> None:
    """A clerk approves a history invoice opsloop proposes for payment (confirming when asked: the
    history is clean by construction)."""
    if document_id is None:
        return
    reason = "checked against PO and receipt"
    for proposal in open_payment_proposals(api, document_id):
        if api.decide(proposal["id"], proposal["version"], "approve", reason) is not None:
            api.decide(proposal["id"], proposal["version"], "approve", reason, confirmed=True)
        out.established[case.vendor.erp_id] = out.established.get(case.vendor.erp_id, 0) + 1


# ---------------------------------------------------------------------------- figures


def figures(results: list[Result]) -> dict[str, Any]:
    n = len(results)
    return {
        "cases": n,
        "decision_accuracy": round(100 * sum(r.right for r in results) / n, 1) if n else None,
        "wrong_approvals_automatic": sum(r.error == "wrong_auto" for r in results),
        "wrong_approvals_proposed": sum(r.error == "wrong_proposed" for r in results),
        "false_holds": sum(r.error == "false_hold" for r in results),
        "other_errors": sum(
            r.error not in ("", "wrong_auto", "wrong_proposed", "false_hold") for r in results
        ),
    }


def report(runs: list[SeedRun]) -> dict[str, Any]:
    all_results = [r for run in runs for r in run.results]
    per_class: dict[str, Any] = {}
    for cls in CLASSES:
        rows = [r for r in all_results if r.cls == cls]
        if rows:
            per_class[cls] = figures(rows) | {"outcomes": sorted(r.outcome for r in rows)}
    return {
        "seeds": [run.seed for run in runs],
        "summary": figures(all_results),
        "per_seed": [
            figures(run.results)
            | {"seed": run.seed, "seconds": round(run.seconds, 1), "established": run.established}
            for run in runs
        ],
        "per_class": per_class,
        "wrong": [vars(r) | {"seed": run.seed} for run in runs for r in run.results if not r.right],
        "results": [vars(r) | {"seed": run.seed} for run in runs for r in run.results],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.decisions2", description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--report", type=Path, default=Path("reports/decisions2.json"))
    parser.add_argument("--keep", type=Path, default=None, help="leave each company's data folder here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    runs = [run_seed(seed, args.keep) for seed in args.seeds]
    data = report(runs)
    data["seconds"] = round(time.perf_counter() - started, 1)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    s = data["summary"]
    print(f"seeds {data['seeds']}: {s['cases']} cases in {data['seconds']} s")
    print(
        f"decision accuracy {s['decision_accuracy']} %, wrong approvals {s['wrong_approvals_automatic']} automatic "
        f"/ {s['wrong_approvals_proposed']} proposed, false holds {s['false_holds']}, other {s['other_errors']}"
    )
    for seed in data["per_seed"]:
        print(
            f"  seed {seed['seed']}: accuracy {seed['decision_accuracy']} %, wrong {seed['wrong_approvals_automatic']}"
            f"/{seed['wrong_approvals_proposed']}, false holds {seed['false_holds']}, established {seed['established']}"
        )
    for cls, f in data["per_class"].items():
        flag = "" if f["decision_accuracy"] == 100.0 else "  <--"
        print(f"  {cls:34s} {f['decision_accuracy']:6.1f} %  {' '.join(f['outcomes'])}{flag}")
    for w in data["wrong"]:
        print(
            f"  WRONG seed {w['seed']} {w['case_id']}: want {w['label']} got {w['outcome']} ({w['error']}) {w['types']}"
        )
    return 0
