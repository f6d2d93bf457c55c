"""Long-running and batch orchestration: ingest then process, and the watched inbox."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.documents import DocumentState
from opsloop.domain.proposals import ProposalKind
from opsloop.ingest.files import IngestOutcome, IngestStatus, ingest_paths
from opsloop.ingest.watcher import InboxWatcher
from opsloop.pipeline import Pipeline
from opsloop.plan import newest_demand_period, plan_inventory, plan_staffing
from opsloop.review.queue import supersede_stale, upsert_proposal
from opsloop.settings import Settings
from opsloop.stages import default_pipeline
from opsloop.store.documents import history
from opsloop.store.tables import Document, Proposal

log = logging.getLogger(__name__)


def ingest_and_process(
    engine: Engine,
    settings: Settings,
    paths: Iterable[Path],
    *,
    move: bool,
    pipeline: Pipeline | None = None,
    on_file: Callable[[IngestOutcome], None] | None = None,
    on_document: Callable[[int, DocumentState], None] | None = None,
) -> tuple[list[IngestOutcome], dict[int, DocumentState]]:
    """Ingest `paths`, then run every stage on whatever is pending (including documents a killed
    process left half-way, which is how a restart resumes)."""
    pipeline = pipeline or default_pipeline()
    outcomes = ingest_paths(engine, settings, paths, move=move, on_file=on_file)
    states = dispatch(engine, settings, None, pipeline=pipeline, on_document=on_document)
    return outcomes, states


def dispatch(
    engine: Engine,
    settings: Settings,
    ids: Iterable[int] | None,
    *,
    pipeline: Pipeline | None = None,
    on_document: Callable[[int, DocumentState], None] | None = None,
) -> dict[int, DocumentState]:
    """Process the pending documents among `ids` (None: all pending): inline in this process, or, with
    `OPSLOOP_RUNNER__MODE=celery`, enqueued for the workers (then nothing is settled yet: returns {})."""
    pipeline = pipeline or default_pipeline()
    if settings.runner.mode == "celery":
        from opsloop.distributed.app import enqueue_documents  # celery is only needed in that mode

        enqueue_documents(settings, pipeline.pending_ids(engine, ids))
        return {}
    return pipeline.run_pending(engine, settings, only=ids, on_document=on_document)


def resume_scans(
    engine: Engine, settings: Settings, *, pipeline: Pipeline | None = None
) -> dict[int, DocumentState]:
    """Scans parked in `needs_ocr` because OCR could not run (their reason carries `OCR_UNAVAILABLE`),
    read now that it can (Tesseract was installed or switched on); those OCR read and found nothing in
    stay. Nothing happens while OCR is still unavailable."""
    from opsloop.ocr import OCR_UNAVAILABLE, ocr_status

    if not ocr_status(settings.ocr).available:
        return {}
    pipeline = pipeline or default_pipeline()
    waiting: list[int] = []
    with Session(engine) as session:
        parked = session.exec(select(Document).where(Document.state == DocumentState.NEEDS_OCR.value))
        for document in parked:
            assert document.id is not None
            last = next(
                (e for e in reversed(history(session, document.id)) if e.to_state == "needs_ocr"), None
            )
            if last is not None and OCR_UNAVAILABLE in (last.reason or ""):
                waiting.append(document.id)
    if waiting:
        log.info("OCR is available: reading %d scan(s) that waited for it", len(waiting))
    return {document_id: pipeline.retry(engine, settings, document_id) for document_id in waiting}


def watch(
    engine: Engine,
    settings: Settings,
    stop: threading.Event,
    *,
    pipeline: Pipeline | None = None,
    on_file: Callable[[IngestOutcome], None] | None = None,
) -> None:
    """Watch the inbox until `stop` is set: each batch of stable files is ingested and processed."""
    pipeline = pipeline or default_pipeline()
    dispatch(engine, settings, None, pipeline=pipeline)  # resume what an earlier process left

    def handle(paths: list[Path]) -> None:
        outcomes = ingest_paths(engine, settings, paths, move=True, on_file=on_file)
        accepted = [o.document_id for o in outcomes if o.status is IngestStatus.ACCEPTED and o.document_id]
        if accepted:
            dispatch(engine, settings, accepted, pipeline=pipeline)

    watcher = InboxWatcher(settings.inbox_dir, settings.ingest, handle)

    def stop_when_asked() -> None:
        stop.wait()
        watcher.stop()

    threading.Thread(target=stop_when_asked, daemon=True).start()
    watcher.run()


PLANNER_KINDS = (
    ProposalKind.REORDER.value,
    ProposalKind.SAFETY_STOCK.value,
    ProposalKind.STAFFING.value,
    ProposalKind.ESCALATION.value,
)
"""Proposal kinds the planner owns: a pending one it no longer proposes is superseded."""


@dataclass
class PlanOutcome:
    as_of: date
    now: datetime
    history_through: date | None
    """The newest demand period in the mirror (the last export); the forecasts end there."""
    proposals: list[Proposal] = field(default_factory=list)
    superseded: list[Proposal] = field(default_factory=list)


def plan_and_queue(
    engine: Engine, settings: Settings, today: date, *, now: datetime | None = None
) -> PlanOutcome:
    """Run the inventory planner (as of `today`) and the staffing planner (from `now`, default the start
    of `today` UTC) over the mirror and the analysed conversations, queue their proposals (updating open
    ones) and supersede the pending planner proposals neither proposes any more."""
    moment = now if now is not None else datetime.combine(today, time(0), tzinfo=UTC)
    with Session(engine, expire_on_commit=False) as session:
        drafts = plan_inventory(session, settings.plan, today) + plan_staffing(
            session, None, settings.plan, moment
        )
        outcome = PlanOutcome(as_of=today, now=moment, history_through=newest_demand_period(session, today))
        outcome.proposals = [upsert_proposal(session, draft) for draft in drafts]
        outcome.superseded = supersede_stale(
            session,
            PLANNER_KINDS,
            {draft.subject_key for draft in drafts},
            f"the planning run of {moment:%Y-%m-%d %H:%M} UTC no longer proposes it",
            actor="planner",
        )
        session.commit()
    return outcome


LLM_BACKFILL_STATES = frozenset(
    {DocumentState.EXTRACTED, DocumentState.RECONCILED, DocumentState.PROPOSED, DocumentState.IN_REVIEW}
)
"""Invoices still open to an LLM pass: nobody has decided them yet."""


def llm_backfill(engine: Engine, settings: Settings, *, pipeline: Pipeline | None = None) -> list[int]:
    """Documents that went on with the offline engines while the LLM endpoint was down get their LLM
    pass once it answers again: each is re-extracted (or re-analysed) from `parsed`, and what follows
    is recalculated. Decided invoices are left alone. Returns the documents re-run."""
    from opsloop.llm.client import endpoint_guard
    from opsloop.llm.ledger import pending_llm_documents
    from opsloop.store.tables import Document

    if not settings.llm.configured or endpoint_guard(settings.llm).breaker.state == "open":
        return []
    pipeline = pipeline or default_pipeline()
    with Session(engine) as session:
        candidates = [session.get(Document, i) for i in pending_llm_documents(session)]
        wanted = [
            d.id
            for d in candidates
            if d is not None
            and d.id is not None
            and (
                DocumentState(d.state) in LLM_BACKFILL_STATES
                or (d.family == "conversation" and d.state == DocumentState.DONE.value)
            )
        ]
    done: list[int] = []
    for document_id in wanted:
        pipeline.rerun_from(
            engine, settings, document_id, DocumentState.PARSED, "the LLM endpoint answers again: LLM pass"
        )
        done.append(document_id)
        if endpoint_guard(settings.llm).breaker.state == "open":  # down again: the rest waits
            break
    return done
