"""Documents per second: the in-process runner vs 1, 2 and 4 `opsloop worker` processes (Celery +
Redis, PostgreSQL). Prints numbers, never pass/fail. Worker start-up is not timed: workers are
started and ready before the batch is enqueued.

    OPSLOOP_TEST_POSTGRES_URL=postgresql+psycopg://... OPSLOOP_TEST_REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python evals/bench_workers.py --copies 4 --workers 1 2 4

The batch is the fixture inbox's invoices, each in `--copies` variants (bytes differ, content not,
so the reconciler flags the copies as duplicates: the real path, all stages).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from opsloop.erp.folder import load_folder
from opsloop.ingest.files import ingest_paths
from opsloop.service import dispatch
from opsloop.settings import RunnerSettings, Settings
from opsloop.stages import default_pipeline, reset_caches
from opsloop.store import db

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def make_batch(folder: Path, copies: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in sorted((FIXTURES / "inbox").iterdir()):
        if source.suffix not in (".pdf", ".xml"):
            continue
        data = source.read_bytes()
        for copy in range(copies):
            tail = f"\n%variant {copy}\n" if source.suffix == ".pdf" else f"\n<!-- variant {copy} -->\n"
            (folder / f"{source.stem}-{copy}{source.suffix}").write_bytes(data + tail.encode())
            count += 1
    return count


def fresh_database(base: str) -> tuple[str, str]:
    name = f"opsloop_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    db.upgrade(url)
    return name, url


def drop_database(base: str, name: str) -> None:
    db.dispose_engines()
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def settled(url: str) -> int:
    engine = db.get_engine(url)
    with engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "select count(*) from documents where state in ('done','in_review','failed','quarantined','needs_ocr')"
                )
            ).scalar_one()
        )


def prepare(work: Path, url: str, settings: Settings, copies: int) -> int:
    engine = db.connect_database(settings)  # the audit key bound, as every writer of the log needs
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        session.commit()
    total = make_batch(settings.inbox_dir, copies)
    ingest_paths(engine, settings, [settings.inbox_dir], move=True)
    return total


def run_inprocess(work: Path, base: str, copies: int) -> tuple[int, float]:
    name, url = fresh_database(base)
    try:
        reset_caches()
        settings = Settings(data_dir=work / "inproc", database_url=SecretStr(url))
        settings.ensure_dirs()
        total = prepare(work, url, settings, copies)
        started = time.perf_counter()
        dispatch(db.connect_database(settings), settings, None, pipeline=default_pipeline())
        return total, time.perf_counter() - started
    finally:
        drop_database(base, name)


def run_workers(
    work: Path, base: str, redis_url: str, copies: int, workers: int, timeout: float
) -> tuple[int, float]:
    name, url = fresh_database(base)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    settings = Settings(
        data_dir=work / f"w{workers}",
        database_url=SecretStr(url),
        runner=RunnerSettings(mode="celery", broker_url=SecretStr(redis_url), queue=queue),
    )
    settings.ensure_dirs()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSLOOP_")}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "OPSLOOP_DATA_DIR": str(settings.data_dir),
            "OPSLOOP_DATABASE_URL": url,
            "OPSLOOP_RUNNER__MODE": "celery",
            "OPSLOOP_RUNNER__BROKER_URL": redis_url,
            "OPSLOOP_RUNNER__QUEUE": queue,
        }
    )
    logs = [work / f"w{workers}-{i}.log" for i in range(workers)]
    procs = []
    try:
        for index, log in enumerate(logs):
            with log.open("wb") as out:
                procs.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "opsloop.cli",
                            "worker",
                            "--concurrency",
                            "1",
                            "--name",
                            f"b{index}@bench",
                        ],
                        env=env,
                        cwd=ROOT,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
        deadline = time.monotonic() + 120
        while not all("ready." in log.read_text(errors="replace") for log in logs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise RuntimeError(f"workers did not start; see {logs}")
            time.sleep(0.2)
        total = prepare(work, url, settings, copies)
        started = time.perf_counter()
        dispatch(db.connect_database(settings), settings, None)
        deadline = time.monotonic() + timeout
        while settled(url) < total and time.monotonic() < deadline:
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        done = settled(url)
        return done, elapsed
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        drop_database(base, name)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--copies", type=int, default=4, help="variants of each fixture invoice (12 invoices)"
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per run before it is cut off")
    parser.add_argument("--postgres-url", default=os.environ.get("OPSLOOP_TEST_POSTGRES_URL"))
    parser.add_argument("--redis-url", default=os.environ.get("OPSLOOP_TEST_REDIS_URL"))
    args = parser.parse_args()
    if not args.postgres_url or not args.redis_url:
        print(
            "skipped: needs PostgreSQL and Redis (OPSLOOP_TEST_POSTGRES_URL, OPSLOOP_TEST_REDIS_URL; .ci/services.sh)"
        )
        return
    work = Path(tempfile.mkdtemp(prefix="opsloop-bench-workers-"))
    try:
        print(f"machine: {os.cpu_count()} CPUs; batch: fixture invoices x {args.copies}")
        print(f"{'runner':<22}{'documents':>10}{'seconds':>10}{'docs/s':>10}")
        total, seconds = run_inprocess(work, args.postgres_url, args.copies)
        print(f"{'in-process':<22}{total:>10}{seconds:>10.2f}{total / seconds:>10.2f}")
        for workers in args.workers:
            done, seconds = run_workers(
                work, args.postgres_url, args.redis_url, args.copies, workers, args.timeout
            )
            label = f"celery, {workers} worker{'s' if workers > 1 else ''}"
            cut = "" if done == total else f"  (cut off: {done}/{total} settled)"
            print(f"{label:<22}{done:>10}{seconds:>10.2f}{done / seconds:>10.2f}{cut}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
