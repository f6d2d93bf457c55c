"""`opsloop serve` runs the watcher, the web app and the scheduler together, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests import samples
from tests.conftest import REPO_ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _state(db: Path, name: str) -> str | None:
    if not db.exists():
        return None
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            row = connection.execute(
                "select state from documents where original_name = ?", (name,)
            ).fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


def test_serve_takes_files_in_answers_on_the_web_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    # GIVEN opsloop serve on a fresh data folder and a free port
    port = _free_port()
    data_dir = tmp_path / "var"
    env = {
        **os.environ,
        "OPSLOOP_DATA_DIR": str(data_dir),
        "OPSLOOP_INGEST__STABLE_SECONDS": "0.3",
        "OPSLOOP_INGEST__POLL_SECONDS": "0.1",
    }
    env.pop("OPSLOOP_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "opsloop.cli", "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        # WHEN it is up, the web app answers
        deadline = time.monotonic() + 60
        answered = None
        while time.monotonic() < deadline and answered is None:
            try:
                answered = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code
            except httpx.TransportError:
                time.sleep(0.2)
        assert answered == 200

        # AND a file dropped in the inbox goes through the pipeline to the review queue
        samples.write(data_dir / "inbox", "served.xml", samples.ubl_invoice("SERVE-1"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _state(data_dir / "opsloop.db", "served.xml") != "in_review":
            time.sleep(0.2)
        assert _state(data_dir / "opsloop.db", "served.xml") == "in_review"
    finally:
        # THEN SIGTERM stops it cleanly
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    assert server.returncode == 0, output.decode(errors="replace")[-2000:]
