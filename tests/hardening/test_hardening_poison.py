"""Poison files never stall the pipeline: each is stopped by its budget and quarantined with the limit
it broke, and the documents behind it are processed (also when the poison keeps killing the process)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from evals.fuzzing import poison
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.ingest.files import ingest_paths
from opsloop.pipeline import INTERRUPTED
from opsloop.service import ingest_and_process
from opsloop.settings import BudgetSettings, Settings
from opsloop.stages import default_pipeline
from opsloop.store.tables import Document
from tests import samples
from tests.conftest import REPO_ROOT


def _documents(engine: Engine) -> dict[str, Document]:
    with Session(engine) as session:
        return {d.original_name: d for d in session.exec(select(Document).order_by(col(Document.id)))}


def _reason_file(settings: Settings, name: str) -> dict[str, object]:
    found = list(settings.quarantine_dir.rglob(f"*{name}*.reason.json"))
    assert found, f"no reason file for {name} in {settings.quarantine_dir}"
    return dict(json.loads(found[0].read_text(encoding="utf-8")))


def test_a_poison_pdf_ahead_of_three_invoices_is_quarantined_and_they_are_processed(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a 100 KB PDF whose 200 pages share one big content stream, taken in before three invoices
    # (no word limit: it would stop reading long before the time budget, see the test below)
    settings.budget = BudgetSettings(seconds=3, max_words=100_000_000)
    first = samples.write(tmp_path / "first", "a-poison.pdf", poison.shared_content_pdf())
    ingest_paths(engine, settings, [first], move=False)
    later = tmp_path / "later"
    for n in (1, 2, 3):
        samples.write(later, f"invoice-{n}.xml", samples.ubl_invoice(f"POISON-NEIGHBOUR-{n}"))
    # WHEN the pipeline runs (oldest document first)
    started = time.monotonic()
    ingest_and_process(engine, settings, [later], move=False)
    elapsed = time.monotonic() - started
    documents = _documents(engine)
    # THEN the poison is quarantined by the time budget, with the reason beside the file
    poisoned = documents["a-poison.pdf"]
    assert poisoned.state == "quarantined"
    assert (poisoned.failure_reason or "").startswith("time_budget_exceeded")
    assert _reason_file(settings, "a-poison")["code"] == "time_budget_exceeded"
    # AND the three invoices behind it reached the review queue
    assert {documents[f"invoice-{n}.xml"].state for n in (1, 2, 3)} == {"in_review"}
    assert elapsed < 60, f"took {elapsed:.0f} s"


def test_a_double_flate_bomb_is_quarantined_without_being_inflated(
    settings: Settings, engine: Engine
) -> None:
    # GIVEN a ~1 KB PDF whose content stream inflates twice over to ~74 MB
    path = samples.write(settings.inbox_dir, "bomb.pdf", poison.flate_bomb_pdf())
    assert path.stat().st_size < 4096
    ingest_and_process(engine, settings, [path], move=True)
    bomb = _documents(engine)["bomb.pdf"]
    assert bomb.state == "quarantined"
    assert (bomb.failure_reason or "").startswith("decompression_limit")


def test_a_chat_longer_than_the_message_limit_is_quarantined_with_its_size(
    settings: Settings, engine: Engine
) -> None:
    settings.budget = BudgetSettings(max_messages=500)
    path = samples.write(settings.inbox_dir, "long.json", poison.long_chat(messages=600))
    ingest_and_process(engine, settings, [path], move=True)
    chat = _documents(engine)["long.json"]
    assert chat.state == "quarantined"
    assert (chat.failure_reason or "").startswith("too_many_messages") and "600 messages" in (
        chat.failure_reason or ""
    )


def _running_parses(db: Path, name: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            row = connection.execute(
                "select count(*) from stage_runs r join documents d on d.id = r.document_id "
                "where d.original_name = ? and r.stage = 'parse' and r.outcome = 'running'",
                (name,),
            ).fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0])


def test_a_document_that_keeps_killing_its_runner_is_quarantined_after_the_restarts(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a poison PDF (a budget long enough to kill the process mid-read) and three invoices behind it
    first = samples.write(tmp_path / "first", "a-poison.pdf", poison.shared_content_pdf())
    ingest_paths(engine, settings, [first], move=False)
    later = tmp_path / "later"
    for n in (1, 2, 3):
        samples.write(later, f"invoice-{n}.xml", samples.ubl_invoice(f"RESTART-{n}"))
    ingest_paths(engine, settings, [later], move=False)
    env = {
        **os.environ,
        "OPSLOOP_DATA_DIR": str(settings.data_dir),
        "OPSLOOP_BUDGET__SECONDS": "600",
        "OPSLOOP_BUDGET__MAX_INTERRUPTIONS": "2",
    }
    env.pop("OPSLOOP_DATABASE_URL", None)
    db = settings.data_dir / "opsloop.db"
    # WHEN `opsloop process` is killed (-9) twice while it reads the poison
    for kill in (1, 2):
        runner = subprocess.Popen(
            [sys.executable, "-m", "opsloop.cli", "process"],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and _running_parses(db, "a-poison.pdf") < kill:
            time.sleep(0.2)
        os.killpg(runner.pid, signal.SIGKILL)
        runner.wait(timeout=30)
        assert _running_parses(db, "a-poison.pdf") == kill
    # AND the pipeline is run once more (as on the next restart)
    settings.budget = BudgetSettings(max_interruptions=2)
    default_pipeline().run_pending(engine, settings)
    documents = _documents(engine)
    # THEN the poison is quarantined as interrupted repeatedly, not read a third time
    assert documents["a-poison.pdf"].state == "quarantined"
    assert (documents["a-poison.pdf"].failure_reason or "").startswith(INTERRUPTED)
    # AND the invoices behind it were processed
    assert {documents[f"invoice-{n}.xml"].state for n in (1, 2, 3)} == {"in_review"}


def test_reconciling_text_past_the_budget_is_quarantined_not_hung(
    settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from opsloop import stages

    # GIVEN a reconciler that meets text it backtracks on without end (as a cubic pattern once did)
    real = stages.reconcile_invoice

    def backtracking(*args: object, **kwargs: object) -> object:
        text = str(kwargs.get("document_text") or "")
        if "STALL" in text:
            re.match(r"(a+)+$", "a" * 64 + "b")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "reconcile_invoice", backtracking)
    settings.budget = BudgetSettings(seconds=2)
    stall = samples.write(settings.inbox_dir, "stall.xml", samples.ubl_invoice("STALL-1"))
    fine = samples.write(settings.inbox_dir, "fine.xml", samples.ubl_invoice("FINE-1"))
    # WHEN the pipeline runs
    started = time.monotonic()
    ingest_and_process(engine, settings, [stall, fine], move=True)
    # THEN the stalling document is quarantined by the time budget, and the other one went on
    documents = _documents(engine)
    assert documents["stall.xml"].state == "quarantined"
    assert (documents["stall.xml"].failure_reason or "").startswith("time_budget_exceeded")
    assert documents["fine.xml"].state == "in_review"
    assert time.monotonic() - started < 60


def test_the_word_limit_reads_the_same_poison_in_moments_and_leaves_it_to_a_person(
    settings: Settings, engine: Engine
) -> None:
    # GIVEN the same poison under the default budget (words read from one PDF are capped)
    path = samples.write(settings.inbox_dir, "a-poison.pdf", poison.shared_content_pdf())
    started = time.monotonic()
    ingest_and_process(engine, settings, [path], move=True)
    # THEN reading stopped at the cap, well inside the time budget, the pages left counted as unread
    document = _documents(engine)["a-poison.pdf"]
    assert time.monotonic() - started < settings.budget.seconds
    assert document.parsed is not None and document.parsed["truncated_pages"] > 0
    words = sum(len(page.get("words") or []) for page in document.parsed["pages"])
    assert words <= settings.budget.max_words
    assert document.state in ("in_review", "quarantined")
