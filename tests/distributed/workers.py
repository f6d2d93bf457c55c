"""Helpers for the tests that run real `opsloop worker` processes."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import Engine, text

from tests.conftest import REPO_ROOT


def worker_env(data_dir: Path, database_url: str, redis_url: str, queue: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("OPSLOOP_")}
    return {
        **keep,
        "PYTHONPATH": str(REPO_ROOT),
        "OPSLOOP_DATA_DIR": str(data_dir),
        "OPSLOOP_DATABASE_URL": database_url,
        "OPSLOOP_RUNNER__MODE": "celery",
        "OPSLOOP_RUNNER__BROKER_URL": redis_url,
        "OPSLOOP_RUNNER__QUEUE": queue,
        "OPSLOOP_RUNNER__VISIBILITY_TIMEOUT_SECONDS": "4",
    }


def start_worker(env: dict[str, str], name: str, log: Path) -> subprocess.Popen[bytes]:
    """One `opsloop worker` (one pool process) in a session of its own, so it can be killed whole."""
    command = [sys.executable, "-m", "opsloop.cli", "worker", "--concurrency", "1", "--name", f"{name}@test"]
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill_hard(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker and its pool processes together (a machine that lost power)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill_hard(process)


SETTLED = ("done", "in_review", "quarantined", "failed", "needs_ocr")


def count_settled(engine: Engine) -> int:
    with engine.connect() as connection:
        placeholders = ", ".join(f"'{s}'" for s in SETTLED)
        return int(
            connection.execute(
                text(f"select count(*) from documents where state in ({placeholders})")
            ).scalar_one()
        )


def wait_until_settled(
    engine: Engine, total: int, timeout: float, workers: list[subprocess.Popen[bytes]]
) -> None:
    deadline = time.monotonic() + timeout
    while count_settled(engine) < total:
        if time.monotonic() > deadline:
            raise AssertionError(f"only {count_settled(engine)} of {total} documents settled in {timeout}s")
        if all(w.poll() is not None for w in workers):
            raise AssertionError("every worker exited before the batch was done")
        time.sleep(0.2)


def outcome(engine: Engine) -> tuple[dict[str, str], Counter[tuple[str, str]]]:
    """Each document's state by file name, and how many ok StageRuns each (file, stage) has."""
    with engine.connect() as connection:
        states = dict(connection.execute(text("select original_name, state from documents")).all())
        runs = Counter(
            {
                (name, stage): count
                for name, stage, count in connection.execute(
                    text(
                        "select d.original_name, r.stage, count(*) from stage_runs r "
                        "join documents d on d.id = r.document_id where r.outcome = 'ok' "
                        "group by d.original_name, r.stage"
                    )
                ).all()
            }
        )
    return states, runs
