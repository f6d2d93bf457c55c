"""The Celery app: Redis as broker, the configured database (PostgreSQL) as the only state.

One task, `opsloop.process_document(document_id)`, runs the same pipeline the in-process runner runs
(`opsloop.stages.default_pipeline`); no stage knows which mode it is in. Acknowledged late (after
the task), rejected back to the queue when its worker process dies, one message prefetched per
process; a message whose worker vanished entirely goes back to the queue after
`OPSLOOP_RUNNER__VISIBILITY_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import Celery, Task

from opsloop.distributed.coordination import (
    AttemptCounter,
    DocumentLock,
    redis_client,
    use_redis_rate_limit,
)
from opsloop.distributed.tasks import RetryLater, deliver
from opsloop.pipeline import Pipeline
from opsloop.settings import Settings

log = logging.getLogger(__name__)

TASK_NAME = "opsloop.process_document"


def celery_config(settings: Settings) -> dict[str, Any]:
    runner = settings.runner
    restore_every = max(1.0, min(10.0, runner.visibility_timeout_seconds / 4))
    return {
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "worker_prefetch_multiplier": 1,
        "task_ignore_result": True,
        "task_default_queue": runner.queue,
        "task_serializer": "json",
        "accept_content": ["json"],
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {
            "visibility_timeout": runner.visibility_timeout_seconds,
            "unacked_restore_interval": restore_every,
            "unacked_restore_throttle": 1,
        },
        "worker_hijack_root_logger": False,
        "worker_redirect_stdouts": False,
        "worker_send_task_events": False,
        "worker_enable_remote_control": False,
    }


def create_celery(settings: Settings, *, pipeline: Pipeline | None = None) -> Celery:
    """A Celery app over `settings` with `process_document` registered (workers and producers).

    `pipeline` replaces the default pipeline (tests, benchmarks); it is built lazily in each worker
    process otherwise, as are the database engine and the Redis client (never shared across fork)."""
    app = Celery("opsloop", broker=settings.runner.broker_url.get_secret_value(), set_as_current=False)
    app.conf.update(celery_config(settings))
    state: dict[str, Any] = {}
    lock = threading.Lock()

    def resources() -> tuple[Any, Pipeline, AttemptCounter, DocumentLock]:
        with lock:
            if not state:
                from opsloop.stages import default_pipeline
                from opsloop.store.db import connect_database
                from opsloop.telemetry.metrics import install_stage_metrics

                install_stage_metrics()
                if settings.llm.configured:
                    use_redis_rate_limit(settings)
                state["engine"] = connect_database(settings)
                state["pipeline"] = pipeline or default_pipeline()
                state["attempts"] = AttemptCounter(
                    redis_client(settings), prefix=f"opsloop:{settings.runner.queue}"
                )
                # a lease as long as a lost message's wait: a killed worker's lease has run out
                # by the time its message is handed to another worker
                state["lock"] = DocumentLock(
                    redis_client(settings),
                    prefix=f"opsloop:{settings.runner.queue}",
                    ttl_seconds=settings.runner.visibility_timeout_seconds,
                )
            return state["engine"], state["pipeline"], state["attempts"], state["lock"]

    @app.task(  # type: ignore[untyped-decorator]
        bind=True, name=TASK_NAME, acks_late=True, reject_on_worker_lost=True, max_retries=None
    )
    def process_document(self: Task, document_id: int) -> str | None:
        engine, run_pipeline, attempts, lease = resources()
        try:
            delivery = deliver(engine, settings, run_pipeline, attempts, document_id, lease)
        except RetryLater as later:
            raise self.retry(countdown=later.countdown, max_retries=None) from later
        return None if delivery.state is None else delivery.state.value

    return app


_producers: dict[tuple[str, str], Celery] = {}
_producers_lock = threading.Lock()


def producer(settings: Settings) -> Celery:
    """The process-wide app used to enqueue (one connection pool per broker and queue)."""
    key = (settings.runner.broker_url.get_secret_value(), settings.runner.queue)
    with _producers_lock:
        app = _producers.get(key)
        if app is None:
            app = _producers[key] = create_celery(settings)
        return app


def enqueue_documents(settings: Settings, document_ids: list[int]) -> int:
    """Hand each document to the workers (one `process_document` message each); returns how many."""
    app = producer(settings)
    with app.producer_or_acquire() as publisher:
        for document_id in document_ids:
            app.send_task(TASK_NAME, args=[document_id], queue=settings.runner.queue, producer=publisher)
    if document_ids:
        log.info("enqueued %d document(s) on %s", len(document_ids), settings.runner.queue)
    return len(document_ids)
