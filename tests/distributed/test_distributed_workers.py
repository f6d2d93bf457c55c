"""Two real `opsloop worker` processes (Celery, Redis, PostgreSQL) over the fixture inbox: every
document ends where the in-process runner leaves it, each stage committed exactly once; a worker
SIGKILLed mid-batch loses nothing and duplicates nothing."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.erp.folder import load_folder
from opsloop.service import ingest_and_process
from opsloop.settings import RunnerSettings, Settings
from opsloop.stages import reset_caches
from opsloop.store import db
from tests.conftest import REPO_ROOT, keyed
from tests.distributed.conftest import _fresh_database, require_redis_url
from tests.distributed.workers import (
    count_settled,
    kill_hard,
    outcome,
    start_worker,
    stop,
    wait_until_settled,
    worker_env,
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

FIXTURES = REPO_ROOT / "fixtures"


def _take_in(settings: Settings, engine: Engine) -> int:
    """Seed the ERP mirror and take the fixture inbox in; returns how many documents there are."""
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        session.commit()
    outcomes, states = ingest_and_process(engine, settings, [FIXTURES / "inbox"], move=False)
    if settings.runner.mode == "celery":
        assert states == {}, "celery mode enqueues; it must not process inline"
    return len(outcomes)


@pytest.fixture(scope="module")
def reference(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, str], Counter[tuple[str, str]]]]:
    """The fixture inbox processed by the in-process runner on PostgreSQL."""
    require_redis_url()  # no point in the reference run when the distributed side will skip
    for url in _fresh_database("ref"):
        reset_caches()
        settings = Settings(data_dir=tmp_path_factory.mktemp("ref"), database_url=SecretStr(url))
        engine = keyed(db.make_engine(url), settings.data_dir)
        _take_in(settings, engine)
        yield outcome(engine)
        engine.dispose()


def _celery_settings(tmp_path: Path, url: str, redis_url: str, queue: str) -> Settings:
    return Settings(
        data_dir=tmp_path / "var",
        database_url=SecretStr(url),
        runner=RunnerSettings(mode="celery", broker_url=SecretStr(redis_url), queue=queue),
    )


def test_two_workers_end_every_document_where_inprocess_does_exactly_once(
    tmp_path: Path,
    pg_database: str,
    redis_url: str,
    queue_name: str,
    reference: tuple[dict[str, str], Counter[tuple[str, str]]],
) -> None:
    # GIVEN the fixture inbox taken in with the runner in celery mode (documents enqueued, none run)
    settings = _celery_settings(tmp_path, pg_database, redis_url, queue_name)
    engine = keyed(db.make_engine(pg_database), settings.data_dir)
    total = _take_in(settings, engine)
    assert count_settled(engine) == 0

    # WHEN two worker processes work the queue
    env = worker_env(settings.data_dir, pg_database, redis_url, queue_name)
    workers = [start_worker(env, f"w{i}", tmp_path / f"worker{i}.log") for i in (1, 2)]
    try:
        wait_until_settled(engine, total, timeout=240, workers=workers)
    finally:
        for worker in workers:
            stop(worker)

    # THEN every document is in the state the in-process runner leaves it in
    states, runs = outcome(engine)
    expected_states, expected_runs = reference
    assert states == expected_states
    # AND every stage was committed exactly once per document, the same stages as in-process
    assert all(count == 1 for count in runs.values()), {k: v for k, v in runs.items() if v != 1}
    assert runs == expected_runs
    # AND both workers took part (the work was shared, not done by one)
    logs = [(tmp_path / f"worker{i}.log").read_text(errors="replace") for i in (1, 2)]
    assert all("succeeded" in log for log in logs)
    engine.dispose()


def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(
    tmp_path: Path,
    pg_database: str,
    redis_url: str,
    queue_name: str,
    reference: tuple[dict[str, str], Counter[tuple[str, str]]],
) -> None:
    # GIVEN the fixture inbox enqueued and two workers on it
    settings = _celery_settings(tmp_path, pg_database, redis_url, queue_name)
    engine = keyed(db.make_engine(pg_database), settings.data_dir)
    total = _take_in(settings, engine)
    env = worker_env(settings.data_dir, pg_database, redis_url, queue_name)
    doomed = start_worker(env, "doomed", tmp_path / "doomed.log")
    survivor = start_worker(env, "survivor", tmp_path / "survivor.log")
    try:
        # WHEN one of them is SIGKILLed (with its pool process) once a few documents have settled
        deadline = time.monotonic() + 180
        while count_settled(engine) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        kill_hard(doomed)
        settled_at_kill = count_settled(engine)
        assert 3 <= settled_at_kill < total, "the kill must land mid-batch for this test to mean anything"

        # THEN the survivor finishes the batch, including what the dead worker held
        wait_until_settled(engine, total, timeout=240, workers=[survivor])
    finally:
        stop(survivor)
        if doomed.poll() is None:
            kill_hard(doomed)

    # AND every document ends where the in-process runner leaves it, each stage committed once
    states, runs = outcome(engine)
    expected_states, expected_runs = reference
    assert states == expected_states
    assert all(count == 1 for count in runs.values()), {k: v for k, v in runs.items() if v != 1}
    assert runs == expected_runs
    engine.dispose()
