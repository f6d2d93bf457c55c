"""The pipeline runner: moves documents through their states, one registered stage at a time.

A stage computes, writes its outputs through the session it is given, and names the next state.
The runner commits the outputs, the StageRun record and the transition in ONE transaction, so a
process killed mid-stage leaves the document in the state it was in and the stage simply runs again
on restart. A stage that raises leaves the document `failed` with the error (`opsloop retry ID`);
one that raises RejectedInput quarantines it with the reason.
"""

from __future__ import annotations

import hashlib
import logging
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentFamily, DocumentState, QuarantineReason
from opsloop.errors import OpsloopError, RejectedInput, StageError
from opsloop.ingest.quarantine import write_quarantine
from opsloop.settings import Settings
from opsloop.store.documents import ConcurrentUpdate, get_document, history, transition
from opsloop.store.tables import Document, StageRun
from opsloop.store.types import utcnow
from opsloop.telemetry.logs import document_context

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StageEvent:
    """What one stage run did, for observers (metrics). outcome: ok | failed | quarantined | conflict (another
    worker moved the document first; nothing applied) | error (an infrastructure error escaped)."""

    stage: str
    outcome: str
    seconds: float
    document_id: int
    kind: str | None
    error_type: str | None = None


_observers: list[Callable[[StageEvent], None]] = []


def observe_stages(observer: Callable[[StageEvent], None]) -> None:
    """Call `observer` after every stage run in this process (once per observer, however often added)."""
    if observer not in _observers:
        _observers.append(observer)


def _notify(event: StageEvent) -> None:
    for observer in _observers:
        try:
            observer(event)
        except Exception:  # an observer must never break processing
            log.exception("stage observer %r failed", observer)


@dataclass
class StageContext:
    session: Session
    settings: Settings
    document: Document

    def read_bytes(self) -> bytes:
        if not self.document.stored_path:
            raise StageError(f"document {self.document.id} has no stored file")
        return Path(self.document.stored_path).read_bytes()


@dataclass(frozen=True)
class StageResult:
    next_state: DocumentState
    reason: str | None = None


@dataclass(frozen=True)
class Stage:
    name: str
    accepts: DocumentState
    families: frozenset[DocumentFamily]
    run: Callable[[StageContext], StageResult]
    fingerprint: Callable[[Settings], str] = field(default=lambda _settings: "")
    """Settings that change this stage's output (e.g. the engine); part of its input hash."""
    untrusted: bool = False
    """The stage works on the document's content (reads the file, extracts, analyses). Its runs are
    recorded as `running` before they start, so a document that keeps cutting the stage off (the
    process killed or lost mid-stage, on every restart) is quarantined after
    `budget.max_interruptions` instead of stalling the queue each time."""

    def input_hash(self, document: Document, settings: Settings) -> str:
        key = f"{self.name}\0{document.sha256}\0{self.fingerprint(settings)}"
        return hashlib.sha256(key.encode()).hexdigest()


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)
        seen: set[tuple[DocumentState, DocumentFamily]] = set()
        for stage in self.stages:
            for family in stage.families:
                if (stage.accepts, family) in seen:
                    raise ValueError(f"two stages accept {family} documents in state {stage.accepts}")
                seen.add((stage.accepts, family))

    def stage_for(self, document: Document) -> Stage | None:
        if document.family is None:
            return None
        state, family = DocumentState(document.state), DocumentFamily(document.family)
        for stage in self.stages:
            if stage.accepts is state and family in stage.families:
                return stage
        return None

    def is_settled(self, document: Document) -> bool:
        """No stage has anything more to do for this document (now)."""
        return DocumentState(document.state).is_terminal or self.stage_for(document) is None

    def run_document(self, engine: Engine, settings: Settings, document_id: int) -> DocumentState:
        """Run stages on one document until it settles. Returns the state it ends in."""
        with document_context(document_id):
            return self._run_until_settled(engine, settings, document_id)

    def _run_until_settled(self, engine: Engine, settings: Settings, document_id: int) -> DocumentState:
        while True:
            with Session(engine, expire_on_commit=False) as session:
                document = get_document(session, document_id)
                stage = self.stage_for(document)
                if stage is None or DocumentState(document.state).is_terminal:
                    return DocumentState(document.state)
                try:
                    self._run_stage(session, settings, document, stage)
                except ConcurrentUpdate:
                    session.rollback()
                    log.info("document %s moved by another worker; reloading", document_id)

    def _run_stage(self, session: Session, settings: Settings, document: Document, stage: Stage) -> None:
        assert document.id is not None
        clock = time.perf_counter()
        event: dict[str, str | None] = {"outcome": "error", "error_type": None}
        try:
            with document_context(document.id, stage.name):
                self._run_stage_once(session, settings, document, stage, event)
        finally:
            _notify(
                StageEvent(
                    stage=stage.name,
                    outcome=event["outcome"] or "error",
                    seconds=time.perf_counter() - clock,
                    document_id=document.id,
                    kind=document.kind,
                    error_type=event["error_type"],
                )
            )

    def _run_stage_once(
        self,
        session: Session,
        settings: Settings,
        document: Document,
        stage: Stage,
        event: dict[str, str | None],
    ) -> None:
        started = utcnow()
        input_hash = stage.input_hash(document, settings)
        marker: StageRun | None = None
        if stage.untrusted:
            interrupted = _interruptions(session, document, stage)
            if interrupted >= settings.budget.max_interruptions:
                refusal = RejectedInput(
                    INTERRUPTED,
                    f"the {stage.name} stage was cut off {interrupted} times on this document (the process "
                    "was killed or lost while working on it); it is not tried again",
                )
                event["error_type"] = f"rejected:{INTERRUPTED}"
                self._quarantine(session, settings, document, stage, input_hash, refusal, started)
                event["outcome"] = "quarantined"
                return
            marker = _record(session, document, stage, input_hash, RUNNING, None, started)
            session.commit()  # stays `running` if this process dies before the stage settles
        try:
            result = stage.run(StageContext(session, settings, document))
            transition(session, document, result.next_state, stage=stage.name, reason=result.reason)
            _record(session, document, stage, input_hash, "ok", None, started, marker)
            session.commit()
            event["outcome"] = "ok"
            log.info("doc %s: %s -> %s", document.id, stage.name, result.next_state.value)
        except ConcurrentUpdate:
            event["outcome"] = "conflict"
            raise
        except RejectedInput as refusal:
            session.rollback()
            event["error_type"] = f"rejected:{refusal.code}"
            self._quarantine(session, settings, document, stage, input_hash, refusal, started, marker)
            event["outcome"] = "quarantined"
        except Exception as error:
            session.rollback()
            event["error_type"] = type(error).__name__
            detail = error.message if isinstance(error, OpsloopError) else f"{type(error).__name__}: {error}"
            reason = f"{stage.name} failed: {detail}"
            log.error("doc %s: %s\n%s", document.id, reason, traceback.format_exc())
            session.refresh(document)
            transition(session, document, DocumentState.FAILED, stage=stage.name, reason=reason)
            _record(session, document, stage, input_hash, "failed", reason, started, marker)
            session.commit()
            event["outcome"] = "failed"

    def _quarantine(
        self,
        session: Session,
        settings: Settings,
        document: Document,
        stage: Stage,
        input_hash: str,
        refusal: RejectedInput,
        started: datetime,
        marker: StageRun | None = None,
    ) -> None:
        session.refresh(document)
        where = f" (line {refusal.line})" if refusal.line else ""
        reason_text = f"{refusal.code}: {refusal.message}{where}"
        if document.stored_path:
            write_quarantine(
                Path(document.stored_path),
                settings.quarantine_dir,
                QuarantineReason(
                    code=refusal.code,
                    message=refusal.message,
                    line=refusal.line,
                    original_name=document.original_name,
                    original_path=document.source_path,
                    sha256=document.sha256,
                    size_bytes=document.size_bytes,
                    quarantined_at=utcnow(),
                ),
            )
        transition(session, document, DocumentState.QUARANTINED, stage=stage.name, reason=reason_text)
        _record(session, document, stage, input_hash, "quarantined", reason_text, started, marker)
        session.commit()

    def pending_ids(self, engine: Engine, only: Iterable[int] | None = None) -> list[int]:
        """Documents some stage still has work for, oldest first (this is what resumes after a crash)."""
        terminal = [s.value for s in DocumentState if s.is_terminal]
        with Session(engine) as session:
            query = select(Document).where(col(Document.state).not_in(terminal)).order_by(col(Document.id))
            if only is not None:
                query = query.where(col(Document.id).in_(list(only)))
            return [d.id for d in session.exec(query) if d.id is not None and self.stage_for(d) is not None]

    def run_pending(
        self,
        engine: Engine,
        settings: Settings,
        only: Iterable[int] | None = None,
        on_document: Callable[[int, DocumentState], None] | None = None,
    ) -> dict[int, DocumentState]:
        results: dict[int, DocumentState] = {}
        for document_id in self.pending_ids(engine, only):
            results[document_id] = self.run_document(engine, settings, document_id)
            if on_document is not None:
                on_document(document_id, results[document_id])
        return results

    def rerun_from(
        self, engine: Engine, settings: Settings, document_id: int, state: DocumentState, reason: str
    ) -> DocumentState:
        """Move a document back to `state` (recording why) and run its stages again from there, e.g. to
        re-extract with the LLM once its endpoint is back. The later stages update what they wrote
        (one invoice per document, one open proposal per subject)."""
        with Session(engine, expire_on_commit=False) as session:
            document = get_document(session, document_id)
            transition(session, document, state, stage="rerun", reason=reason)
            session.commit()
        return self.run_document(engine, settings, document_id)

    def retry(self, engine: Engine, settings: Settings, document_id: int) -> DocumentState:
        """Put a failed document (or one parked in needs_ocr, e.g. once Tesseract is installed) back in
        the state the stage that left it there accepts, and run it again."""
        with Session(engine, expire_on_commit=False) as session:
            document = get_document(session, document_id)
            parked = document.state
            if parked not in (DocumentState.FAILED.value, DocumentState.NEEDS_OCR.value):
                raise StageError(
                    f"document {document_id} is {document.state}, not failed or needs_ocr; "
                    "only those are retried",
                    hint="See its history with `opsloop show ID`.",
                )
            failed_from = next(
                (e.from_state for e in reversed(history(session, document_id)) if e.to_state == parked),
                None,
            )
            if failed_from is None:
                raise StageError(f"document {document_id} has no record of the state it failed from")
            transition(session, document, DocumentState(failed_from), stage="retry", reason="retry requested")
            session.commit()
        return self.run_document(engine, settings, document_id)


RUNNING = "running"
"""A StageRun's outcome while its stage is at work; one left `running` was cut off."""
INTERRUPTED = "interrupted_repeatedly"


def _interruptions(session: Session, document: Document, stage: Stage) -> int:
    """Runs of `stage` on `document` that never settled (their process died mid-stage)."""
    return len(
        session.exec(
            select(StageRun.id).where(
                StageRun.document_id == document.id, StageRun.stage == stage.name, StageRun.outcome == RUNNING
            )
        ).all()
    )


def _record(
    session: Session,
    document: Document,
    stage: Stage,
    input_hash: str,
    outcome: str,
    error: str | None,
    started: datetime,
    marker: StageRun | None = None,
) -> StageRun:
    """Record a stage run; with `marker` (the run's `running` record), settle that record instead."""
    assert document.id is not None
    finished = utcnow()
    if marker is None:
        run = StageRun(
            document_id=document.id,
            stage=stage.name,
            input_hash=input_hash,
            outcome=outcome,
            error=error,
            started_at=started,
            finished_at=finished,
        )
    else:
        run = marker
        run.input_hash, run.outcome, run.error, run.finished_at = input_hash, outcome, error, finished
    session.add(run)
    return run
