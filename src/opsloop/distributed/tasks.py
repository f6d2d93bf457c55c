"""What one delivery of `process_document(document_id)` does, apart from Celery.

Idempotent per (document, stage): the runner commits a stage's outputs, its StageRun and the state
transition in one transaction guarded by the document's version, so a delivery repeated after a
worker died either finds the state moved on (nothing to do, nothing applied twice) or re-runs the
stage whose transaction never committed. Errors that escape the runner (the database or the broker
went away) are retried with exponential backoff; a document whose deliveries keep failing, or keep
killing their worker, is left `failed` with the error after `max_attempts` (the dead letter) —
never lost: `opsloop retry ID` runs it again.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.distributed.coordination import AttemptCounter, DocumentLock
from opsloop.domain.documents import DocumentState
from opsloop.errors import NotFoundError
from opsloop.pipeline import Pipeline
from opsloop.settings import RunnerSettings, Settings
from opsloop.store.documents import ConcurrentUpdate, get_document, transition
from opsloop.store.tables import StageRun
from opsloop.store.types import utcnow
from opsloop.telemetry.logs import document_context

log = logging.getLogger(__name__)

DEAD_LETTER_STAGE = "dead_letter"


class RetryLater(Exception):
    """The delivery failed and should be tried again after `countdown` seconds."""

    def __init__(self, countdown: float, attempt: int, cause: BaseException) -> None:
        super().__init__(
            f"attempt {attempt} failed ({type(cause).__name__}: {cause}); retry in {countdown:.1f}s"
        )
        self.countdown = countdown
        self.attempt = attempt


@dataclass(frozen=True)
class Delivery:
    document_id: int
    attempt: int
    state: DocumentState | None
    """Where the document settled (None: it does not exist)."""
    dead_lettered: bool = False


def backoff_seconds(runner: RunnerSettings, attempt: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: base * 2^(attempt-1), capped, times 0.5..1.0."""
    raw = min(runner.retry_backoff_max_seconds, runner.retry_backoff_seconds * 2.0 ** max(0, attempt - 1))
    jitter: float = (rng or random.Random()).random()
    return float(raw * (0.5 + 0.5 * jitter))


LEASE_RETRY_SECONDS = 5.0
"""The longest a delivery that found its document leased waits before it looks again."""


def deliver(
    engine: Engine,
    settings: Settings,
    pipeline: Pipeline,
    attempts: AttemptCounter,
    document_id: int,
    lock: DocumentLock | None = None,
) -> Delivery:
    """Run one delivery: the document's stages until it settles, or the dead letter, or RetryLater.
    With ``lock``, a delivery whose document another worker is running waits (RetryLater, not
    counted as an attempt) instead of running a stage beside it."""
    with document_context(document_id):
        token = lock.acquire(document_id) if lock is not None else None
        if lock is not None and token is None:
            countdown = min(LEASE_RETRY_SECONDS, max(lock.seconds_left(document_id), 0.5))
            log.info(
                "document %s is being processed by another worker; look again in %.1fs",
                document_id,
                countdown,
            )
            raise RetryLater(
                countdown, 0, RuntimeError(f"document {document_id} is leased by another worker")
            )
        try:
            return _deliver(engine, settings, pipeline, attempts, document_id)
        finally:
            if lock is not None and token is not None:
                lock.release(document_id, token)


def _deliver(
    engine: Engine, settings: Settings, pipeline: Pipeline, attempts: AttemptCounter, document_id: int
) -> Delivery:
    attempt = attempts.begin(document_id)
    limit = settings.runner.max_attempts
    if attempt > limit:
        error = attempts.last_error(document_id) or "the worker was lost mid-task (killed or out of memory)"
        state = dead_letter(
            engine, settings, pipeline, document_id, f"gave up after {attempt - 1} attempts: {error}"
        )
        attempts.clear(document_id)
        return Delivery(document_id, attempt, state, dead_lettered=True)
    try:
        state = pipeline.run_document(engine, settings, document_id)
    except NotFoundError:
        attempts.clear(document_id)
        log.warning("document %s does not exist (deleted, or another database?); dropped", document_id)
        return Delivery(document_id, attempt, None)
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"
        attempts.note_error(document_id, detail)
        if attempt >= limit:
            log.error("document %s failed %d times; dead letter: %s", document_id, attempt, detail)
            state = dead_letter(
                engine, settings, pipeline, document_id, f"gave up after {attempt} attempts: {detail}"
            )
            attempts.clear(document_id)
            return Delivery(document_id, attempt, state, dead_lettered=True)
        countdown = backoff_seconds(settings.runner, attempt)
        log.warning(
            "document %s attempt %d failed (%s); retry in %.1fs", document_id, attempt, detail, countdown
        )
        raise RetryLater(countdown, attempt, error) from error
    attempts.clear(document_id)
    return Delivery(document_id, attempt, state)


def dead_letter(
    engine: Engine, settings: Settings, pipeline: Pipeline, document_id: int, reason: str
) -> DocumentState:
    """Leave the document `failed` with `reason` (plus a failed StageRun for the stage it was in),
    unless it already settled. Returns its state."""
    for _ in range(5):
        with Session(engine, expire_on_commit=False) as session:
            document = get_document(session, document_id)
            state = DocumentState(document.state)
            if pipeline.is_settled(document):
                return state
            stage = pipeline.stage_for(document)
            assert stage is not None and document.id is not None
            started = utcnow()
            try:
                transition(session, document, DocumentState.FAILED, stage=stage.name, reason=reason)
            except ConcurrentUpdate:
                session.rollback()
                continue
            session.add(
                StageRun(
                    document_id=document.id,
                    stage=stage.name,
                    input_hash=stage.input_hash(document, settings),
                    outcome="failed",
                    error=f"{DEAD_LETTER_STAGE}: {reason}",
                    started_at=started,
                    finished_at=utcnow(),
                )
            )
            session.commit()
            return DocumentState.FAILED
    raise ConcurrentUpdate(f"document {document_id} kept moving while it was being dead-lettered")
