"""Crash and resume: a worker killed with SIGKILL mid-batch loses nothing and does nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests import samples
from tests.conftest import REPO_ROOT

WORKER = Path(__file__).with_name("crash_worker.py")
TOTAL = 30


def _count_done(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("select count(*) from documents where state = 'done'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _start(data_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen([sys.executable, str(WORKER), str(data_dir)], cwd=REPO_ROOT, env=env)


def test_sigkill_mid_batch_then_restart_finishes_every_document_exactly_once(tmp_path: Path) -> None:
    # GIVEN an inbox of 30 invoices and a worker processing them (0.1 s each)
    data_dir = tmp_path / "var"
    for number in range(TOTAL):
        samples.write(data_dir / "inbox", f"inv-{number:03}.xml", samples.ubl_invoice(f"INV-{number:03}"))
    db = data_dir / "opsloop.db"

    # WHEN it is killed with SIGKILL part-way through
    worker = _start(data_dir)
    deadline = time.monotonic() + 60
    while _count_done(db) < 5 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    done_at_kill = _count_done(db)
    assert 5 <= done_at_kill < TOTAL, "the kill must land mid-batch for this test to mean anything"

    # AND a new worker is started on the same data
    restarted = _start(data_dir)
    assert restarted.wait(timeout=120) == 0

    # THEN every document is done, once
    with sqlite3.connect(db) as connection:
        states = Counter(state for (state,) in connection.execute("select state from documents"))
        names = [n for (n,) in connection.execute("select original_name from documents")]
        done_events = connection.execute(
            "select document_id, count(*) from document_events where to_state = 'done' group by document_id"
        ).fetchall()
        ok_runs = connection.execute(
            "select document_id, stage, count(*) from stage_runs where outcome = 'ok' group by document_id, stage"
        ).fetchall()
    assert states == {"done": TOTAL}
    assert sorted(names) == [f"inv-{n:03}.xml" for n in range(TOTAL)]
    assert len(done_events) == TOTAL and all(count == 1 for _, count in done_events)
    assert len(ok_runs) == 2 * TOTAL and all(count == 1 for *_, count in ok_runs)
    # AND nothing is left in the inbox, everything is archived
    assert list((data_dir / "inbox").iterdir()) == []
    assert len(list((data_dir / "archive").rglob("*.xml"))) == TOTAL
