"""One delivery of `process_document`, without Celery: retries with backoff, the dead letter after
`max_attempts` (errors or workers lost), never lost; and the shared LLM rate limit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.distributed.coordination import AttemptCounter, DocumentLock, RedisRateLimiter, queue_depth
from opsloop.distributed.tasks import RetryLater, backoff_seconds, deliver
from opsloop.domain.documents import DocumentFamily, DocumentState
from opsloop.errors import StageError
from opsloop.ingest.files import ingest_paths
from opsloop.pipeline import Pipeline, Stage, StageContext, StageResult
from opsloop.service import dispatch
from opsloop.settings import RunnerSettings, Settings
from opsloop.store.tables import Document, StageRun
from tests import samples

ALL = frozenset(DocumentFamily)


def _one_document(settings: Settings, engine: Engine) -> int:
    samples.write(settings.inbox_dir, "inv.xml", samples.ubl_invoice("INV-1"))
    [result] = ingest_paths(engine, settings, [settings.inbox_dir], move=True)
    assert result.document_id is not None
    return result.document_id


def _pipeline(run: object) -> Pipeline:
    return Pipeline([Stage("flaky", DocumentState.RECEIVED, ALL, run)])  # type: ignore[arg-type]


def _done(ctx: StageContext) -> StageResult:
    return StageResult(DocumentState.DONE)


class DatabaseGone(Exception):
    """Stands for an infrastructure error that escapes the runner (the runner turns stage errors
    into `failed` itself; what escapes is what broke underneath it)."""


def _escaping(engine: Engine) -> Pipeline:
    pipeline = _pipeline(_done)

    def broken(*_args: object) -> DocumentState:
        raise DatabaseGone("connection to the database lost")

    pipeline.run_document = broken  # type: ignore[method-assign]
    return pipeline


def test_an_escaping_error_is_retried_with_growing_backoff_and_a_later_attempt_completes(
    settings: Settings, engine: Engine, redis_conn: redis.Redis, queue_name: str
) -> None:
    # GIVEN a document and a runner whose database keeps failing underneath it, 3 attempts allowed
    settings.runner = RunnerSettings(max_attempts=3, retry_backoff_seconds=1.0, retry_backoff_max_seconds=30)
    document_id = _one_document(settings, engine)
    attempts = AttemptCounter(redis_conn, prefix=queue_name)
    pipeline = _escaping(engine)

    # WHEN it is delivered: the first two deliveries ask to be retried later
    waits = []
    for expected_attempt in (1, 2):
        with pytest.raises(RetryLater) as later:
            deliver(engine, settings, pipeline, attempts, document_id)
        assert later.value.attempt == expected_attempt
        waits.append(later.value.countdown)
    # THEN with exponential backoff (1 s, then 2 s, each times 0.5..1 jitter)
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0

    # AND when the database is back, the third (last allowed) attempt simply runs the document
    final = deliver(engine, settings, _pipeline(_done), attempts, document_id)
    assert final.dead_lettered is False and final.state is DocumentState.DONE


def test_a_document_that_keeps_failing_is_left_failed_with_the_error(
    settings: Settings, engine: Engine, redis_conn: redis.Redis, queue_name: str
) -> None:
    settings.runner = RunnerSettings(max_attempts=2, retry_backoff_seconds=0.1)
    document_id = _one_document(settings, engine)
    attempts = AttemptCounter(redis_conn, prefix=queue_name)
    pipeline = _escaping(engine)
    with pytest.raises(RetryLater):
        deliver(engine, settings, pipeline, attempts, document_id)
    # WHEN the last allowed attempt fails too
    delivery = deliver(engine, settings, pipeline, attempts, document_id)
    # THEN the document is failed, with the error as its reason, and can be retried by a person
    assert delivery.dead_lettered and delivery.state is DocumentState.FAILED
    with Session(engine) as session:
        document = session.get(Document, document_id)
        assert document is not None and document.state == "failed"
        assert "gave up after 2 attempts" in (document.failure_reason or "")
        assert "connection to the database lost" in (document.failure_reason or "")
        runs = session.exec(select(StageRun).where(StageRun.document_id == document_id)).all()
        assert [(r.stage, r.outcome) for r in runs] == [("flaky", "failed")]
    # AND the counter starts afresh for a later retry
    assert attempts.begin(document_id) == 1


def test_a_document_that_keeps_killing_its_worker_is_dead_lettered(
    settings: Settings, engine: Engine, redis_conn: redis.Redis, queue_name: str
) -> None:
    # GIVEN a document whose deliveries never finished: 3 workers died on it (counted, never cleared)
    settings.runner = RunnerSettings(max_attempts=3)
    document_id = _one_document(settings, engine)
    attempts = AttemptCounter(redis_conn, prefix=queue_name)
    for _ in range(3):
        attempts.begin(document_id)
    # WHEN it is delivered a fourth time
    delivery = deliver(engine, settings, _pipeline(_done), attempts, document_id)
    # THEN it is not run again but left failed, saying why
    assert delivery.dead_lettered and delivery.state is DocumentState.FAILED
    with Session(engine) as session:
        document = session.get(Document, document_id)
        assert document is not None
        assert "worker was lost" in (document.failure_reason or "")


def test_a_stage_error_fails_the_document_once_like_inprocess_and_is_not_retried(
    settings: Settings, engine: Engine, redis_conn: redis.Redis, queue_name: str
) -> None:
    def broken(ctx: StageContext) -> StageResult:
        raise StageError("the vendor table is inconsistent")

    document_id = _one_document(settings, engine)
    attempts = AttemptCounter(redis_conn, prefix=queue_name)
    delivery = deliver(engine, settings, _pipeline(broken), attempts, document_id)
    assert delivery.state is DocumentState.FAILED and not delivery.dead_lettered
    assert attempts.begin(document_id) == 1  # cleared: the delivery finished


def test_backoff_is_capped() -> None:
    runner = RunnerSettings(retry_backoff_seconds=2.0, retry_backoff_max_seconds=10.0)
    assert backoff_seconds(runner, 20) <= 10.0
    assert backoff_seconds(runner, 20) >= 5.0


def test_the_llm_rate_limit_is_one_window_for_every_worker(redis_conn: redis.Redis, queue_name: str) -> None:
    # GIVEN two workers' limiters on the same key, 5 requests per minute between them
    first = RedisRateLimiter(redis_conn, 5, key=f"{queue_name}:llm")
    second = RedisRateLimiter(redis_conn, 5, key=f"{queue_name}:llm")
    slept: list[float] = []

    class Stop(Exception):
        pass

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        raise Stop

    # WHEN they take 5 slots between them
    for limiter in (first, second, first, second, first):
        limiter.acquire(sleep)
    assert slept == []
    # THEN the sixth request, from either, has to wait for the window (about a minute)
    with pytest.raises(Stop):
        second.acquire(sleep)
    assert 55 <= slept[0] <= 60
    assert first.try_acquire() > 55


def test_celery_mode_enqueues_instead_of_running_inline(
    tmp_path: Path,
    engine: Engine,
    settings: Settings,
    redis_url: str,
    redis_conn: redis.Redis,
    queue_name: str,
) -> None:
    # GIVEN the runner in celery mode and one document waiting
    from pydantic import SecretStr

    settings.runner = RunnerSettings(mode="celery", broker_url=SecretStr(redis_url), queue=queue_name)
    document_id = _one_document(settings, engine)
    # WHEN it is dispatched
    states = dispatch(engine, settings, [document_id])
    # THEN nothing ran here: one message waits on the queue and the document is untouched
    assert states == {}
    assert queue_depth(redis_conn, queue_name) == 1
    with Session(engine) as session:
        assert session.get(Document, document_id).state == "received"  # type: ignore[union-attr]
    redis_conn.delete(queue_name)


def test_inprocess_mode_runs_inline(settings: Settings, engine: Engine) -> None:
    document_id = _one_document(settings, engine)
    states = dispatch(engine, settings, [document_id], pipeline=_pipeline(_done))
    assert states == {document_id: DocumentState.DONE}


def test_a_duplicate_delivery_waits_while_another_worker_holds_the_document(
    settings: Settings, engine: Engine, redis_conn: redis.Redis, queue_name: str
) -> None:
    # GIVEN a document another worker holds the lease on, and a stage that counts its runs
    document_id = _one_document(settings, engine)
    attempts = AttemptCounter(redis_conn, prefix=queue_name)
    lock = DocumentLock(redis_conn, prefix=queue_name, ttl_seconds=60)
    runs: list[int] = []

    def counted(ctx: StageContext) -> StageResult:
        runs.append(ctx.document.id or 0)
        return StageResult(DocumentState.DONE)

    holder = lock.acquire(document_id)
    assert holder is not None
    # WHEN a duplicate delivery of it arrives
    with pytest.raises(RetryLater) as later:
        deliver(engine, settings, _pipeline(counted), attempts, document_id, lock)
    # THEN it runs nothing, is not counted as an attempt, and looks again soon
    assert runs == [] and 0 < later.value.countdown <= 5.0
    assert attempts.begin(document_id) == 1
    attempts.clear(document_id)
    # AND once the holder lets go, a delivery runs the document and gives the lease back
    assert lock.release(document_id, holder)
    delivery = deliver(engine, settings, _pipeline(counted), attempts, document_id, lock)
    assert delivery.state is DocumentState.DONE and len(runs) == 1
    assert lock.acquire(document_id) is not None


def test_a_lease_is_released_only_by_its_holder_and_expires(redis_conn: redis.Redis, queue_name: str) -> None:
    lock = DocumentLock(redis_conn, prefix=queue_name, ttl_seconds=1)
    first = lock.acquire(7)
    assert first is not None and lock.acquire(7) is None
    assert not lock.release(7, "someone-else") and lock.acquire(7) is None
    assert 0 < lock.seconds_left(7) <= 1.0
    # a killed holder never releases: the lease runs out by itself
    redis_conn.pexpire(f"{queue_name}:lease:7", 50)
    time.sleep(0.2)
    second = lock.acquire(7)
    assert second is not None and not lock.release(7, first) and lock.release(7, second)
