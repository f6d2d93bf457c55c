"""Run fuzz cases through the real pipeline (ingest, every stage, the document budgets) and account for
every file: where it ended, with which named reason, how long its stages took, what it cost in memory.

opsloop is the system under test only: files go in through `ingest_and_process` on a fresh data
folder (the ERP mirror seeded from fixtures/erp), and the outcome is read back from the database.
"""

from __future__ import annotations

import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from evals.fuzzing.mutate import FuzzCase
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentState
from opsloop.erp.folder import load_folder
from opsloop.ingest.files import IngestOutcome, IngestStatus
from opsloop.sandbox import sandbox
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store.db import dispose_engines, open_database
from opsloop.store.tables import Document, StageRun

SETTLED = frozenset(
    {
        DocumentState.DONE.value,
        DocumentState.QUARANTINED.value,
        DocumentState.FAILED.value,
        DocumentState.IN_REVIEW.value,
        DocumentState.NEEDS_OCR.value,
    }
)
"""Where a document may end a run: terminal, waiting for a person, or waiting for OCR."""
BUDGET_CODES = ("time_budget_exceeded", "memory_budget_exceeded", "reader_crashed")
HANG_GRACE_SECONDS = 10.0
"""A stage run longer than the budget plus this counts as a hang past the budget."""


@dataclass
class FileOutcome:
    name: str
    mutations: tuple[str, ...]
    end: str
    """`ingest:quarantined`, `ingest:duplicate`, `ingest:error`, or the document's final state."""
    reason: str | None
    """The named reason: the quarantine code, or for a document its state's reason (first word)."""
    longest_stage_seconds: float = 0.0


@dataclass
class FuzzReport:
    files: int = 0
    crashes: int = 0
    """Exceptions that escaped ingest/processing (the process would have died)."""
    crash_details: list[str] = field(default_factory=list)
    failed: int = 0
    """Documents left `failed`: a fault of ours, not of the input."""
    unsettled: int = 0
    """Documents still in a working state after processing (should be none)."""
    unnamed: int = 0
    """Files that ended without a named reason (should be none)."""
    hangs: int = 0
    """Stage runs longer than the budget plus a grace that the budget did not stop (should be none)."""
    stopped_by_budget: int = 0
    """Stage runs the budget stopped (time, memory, a crashed reader): their documents quarantined."""
    longest_stage_seconds: float = 0.0
    longest_unstopped_stage_seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    runner_peak_rss_mb: float = 0.0
    worker_peak_rss_mb: float = 0.0
    budget_seconds: float = 0.0
    budget_memory_mb: int = 0
    files_detail: list[FileOutcome] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        return {
            "files": self.files,
            "crashes": self.crashes,
            "failed": self.failed,
            "unsettled": self.unsettled,
            "without_named_reason": self.unnamed,
            "hangs_past_budget": self.hangs,
            "stopped_by_budget": self.stopped_by_budget,
            "longest_stage_seconds": round(self.longest_stage_seconds, 2),
            "longest_stage_not_stopped_by_budget_seconds": round(self.longest_unstopped_stage_seconds, 2),
            "budget_seconds": self.budget_seconds,
            "budget_memory_mb": self.budget_memory_mb,
            "runner_peak_rss_mb": round(self.runner_peak_rss_mb),
            "worker_peak_rss_mb": round(self.worker_peak_rss_mb),
            "seconds": round(self.seconds, 1),
            "outcomes": dict(self.outcomes.most_common()),
            "reasons": dict(self.reasons.most_common()),
            "crash_details": self.crash_details[:20],
            "failures": self.failures[:50],
        }


def _code(reason: str | None) -> str | None:
    """The named reason at the head of a state's reason text ("decompression_limit: ...")."""
    if not reason:
        return None
    head = reason.split(":", 1)[0].strip()
    return head if head and " " not in head else head.split(" ", 1)[0]


def _ingest_outcome(outcome: IngestOutcome, case: FuzzCase) -> FileOutcome:
    return FileOutcome(case.name, case.mutations, f"ingest:{outcome.status.value}", outcome.reason_code)


def run_cases(
    cases: Iterable[FuzzCase],
    data_dir: Path,
    settings: Settings,
    *,
    erp_folder: Path | None = None,
    batch: int = 100,
    on_batch: Callable[[FuzzReport], None] | None = None,
) -> FuzzReport:
    """Write the cases into an inbox batch by batch, take each batch in and run every stage, then
    account for every file."""
    report = FuzzReport(budget_seconds=settings.budget.seconds, budget_memory_mb=settings.budget.memory_mb)
    started = time.perf_counter()
    dispose_engines()
    reset_caches()
    engine = open_database(settings)
    if erp_folder is not None:
        with Session(engine) as session:
            load_folder(session, erp_folder)
            session.commit()
    drop = data_dir / "drop"
    pending: list[FuzzCase] = []
    by_document: dict[int, tuple[str, tuple[str, ...]]] = {}  # (name, mutations): not the bytes

    def flush() -> None:
        drop.mkdir(parents=True, exist_ok=True)
        paths = {}
        for case in pending:
            path = drop / case.name
            path.write_bytes(case.data)
            paths[str(path)] = case
        try:
            outcomes, _ = ingest_and_process(engine, settings, [drop], move=True)
        except Exception as error:  # what would have taken the process down
            report.crashes += 1
            report.crash_details.append(f"{type(error).__name__}: {error}")
            outcomes = []
        seen = set()
        for outcome in outcomes:
            case = paths.get(outcome.path)
            if case is None:
                continue
            seen.add(outcome.path)
            if outcome.status is IngestStatus.ACCEPTED and outcome.document_id is not None:
                by_document[outcome.document_id] = (case.name, case.mutations)
            else:
                report.files_detail.append(_ingest_outcome(outcome, case))
        for path_text, case in paths.items():
            if path_text not in seen:
                report.files_detail.append(FileOutcome(case.name, case.mutations, "lost", None))
            Path(path_text).unlink(missing_ok=True)
        report.files += len(pending)
        pending.clear()
        # the pipeline's peak so far: measured here, before the accounting below reads its rows back
        report.runner_peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if on_batch is not None:
            on_batch(report)

    for case in cases:
        pending.append(case)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    limit = settings.budget.seconds + HANG_GRACE_SECONDS
    ocr_on = settings.ocr.enabled is not False
    with Session(engine) as session:
        # the columns the accounting needs, not the documents' parsed content (which can be large)
        documents = {
            row[0]: row
            for row in session.exec(
                select(Document.id, Document.state, Document.failure_reason).where(
                    col(Document.id).in_(list(by_document))
                )
            )
        }
        longest: dict[int, float] = {}
        for run in session.exec(select(StageRun).where(col(StageRun.document_id).in_(list(by_document)))):
            seconds = (run.finished_at - run.started_at).total_seconds()
            longest[run.document_id] = max(longest.get(run.document_id, 0.0), seconds)
            stage_limit = limit + settings.budget.ocr_seconds if run.stage == "parse" and ocr_on else limit
            if (run.error or "").startswith(BUDGET_CODES):
                report.stopped_by_budget += 1
                continue
            report.longest_unstopped_stage_seconds = max(report.longest_unstopped_stage_seconds, seconds)
            if seconds > stage_limit:
                report.hangs += 1
    for document_id, (name, mutations) in by_document.items():
        _, state, failure_reason = documents[document_id]
        reason = _code(failure_reason) if state in ("quarantined", "failed") else state
        report.files_detail.append(FileOutcome(name, mutations, state, reason, longest.get(document_id, 0.0)))
        if state == DocumentState.FAILED.value:
            report.failed += 1
            report.failures.append((name + " " + ",".join(mutations), failure_reason or ""))
        if state not in SETTLED:
            report.unsettled += 1
    for outcome in report.files_detail:
        report.outcomes[outcome.end] += 1
        if outcome.end in ("quarantined", "ingest:quarantined", "failed"):
            report.reasons[f"{outcome.end}:{outcome.reason}"] += 1
            if not outcome.reason:
                report.unnamed += 1
        if outcome.end in ("lost", "ingest:error"):
            report.unnamed += 1
        report.longest_stage_seconds = max(report.longest_stage_seconds, outcome.longest_stage_seconds)
    report.seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report.worker_peak_rss_mb = max(sandbox().peak_rss / 2**20, children)
    dispose_engines()
    return report
