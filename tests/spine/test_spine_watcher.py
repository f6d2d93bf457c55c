"""The watched inbox: a file is taken only once it is stable; bad files don't stop the watcher."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.documents import DocumentState
from opsloop.ingest.watcher import StabilityTracker
from opsloop.service import watch
from opsloop.settings import Settings
from opsloop.store.tables import Document
from tests import samples


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_growing_file_is_not_ready_until_size_and_mtime_hold_still(tmp_path: Path) -> None:
    # GIVEN a tracker that wants 2 s of stability, and a file being written
    clock = FakeClock()
    tracker = StabilityTracker(stable_seconds=2.0, clock=clock)
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7 part one")
    tracker.note(path)

    # WHEN the file keeps growing, it is never ready
    for step in range(5):
        clock.now += 1.5
        with path.open("ab") as handle:
            handle.write(b" more" * (step + 1))
        assert tracker.ready() == []

    # THEN once it stops changing it becomes ready only after the delay has passed
    # (the clock started when the final size was first seen, in the last look above)
    clock.now += 1.0
    assert tracker.ready() == []
    clock.now += 0.9
    assert tracker.ready() == []
    clock.now += 0.2
    assert tracker.ready() == [path]


def test_a_vanished_candidate_is_dropped(tmp_path: Path) -> None:
    tracker = StabilityTracker(stable_seconds=0.0, clock=FakeClock())
    path = tmp_path / "gone.xml"
    path.write_bytes(b"<x/>")
    tracker.note(path)
    path.unlink()
    assert tracker.ready() == []
    assert tracker.pending() == 0


def _documents(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        return {d.original_name: d.state for d in session.exec(select(Document))}


PROCESSED = {DocumentState.PARSED, DocumentState.EXTRACTED, DocumentState.RECONCILED, DocumentState.IN_REVIEW}


def _wait_for(condition: object, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_watcher_takes_a_slowly_written_file_only_when_complete(settings: Settings, engine: Engine) -> None:
    # GIVEN a running watcher that wants 1 s of stability (writes below come 0.1 s apart: a wide margin)
    settings.ingest.stable_seconds = 1.0
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(engine, settings, stop), daemon=True)
    thread.start()
    try:
        # WHEN a file is written in pieces, 0.1 s apart, for over a second
        data = samples.ubl_invoice("SLOW-1")
        target = settings.inbox_dir / "slow.xml"
        chunk = len(data) // 12 + 1
        with target.open("wb") as handle:
            for start in range(0, len(data), chunk):
                handle.write(data[start : start + chunk])
                handle.flush()
                time.sleep(0.1)
                # THEN nothing is taken while it is still growing
                assert "slow.xml" not in _documents(engine)
        # AND once it is complete and stable it is taken and processed
        assert _wait_for(lambda: _documents(engine).get("slow.xml") in PROCESSED)
        assert not target.exists()

        # AND a bad file is quarantined while the watcher keeps going
        samples.write(settings.inbox_dir, "junk.pdf", b"%PDF-1.4 not really a pdf")
        samples.write(settings.inbox_dir, "next.xml", samples.ubl_invoice("NEXT-1"))
        assert _wait_for(lambda: _documents(engine).get("next.xml") in PROCESSED)
        assert _documents(engine)["junk.pdf"] == DocumentState.QUARANTINED
        assert (settings.quarantine_dir / "junk.pdf.reason.json").exists()
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_rescan_finds_files_that_were_there_before_the_watcher_started(
    settings: Settings, engine: Engine
) -> None:
    settings.ensure_dirs()
    samples.write(settings.inbox_dir / "sub", "early.xml", samples.ubl_invoice("EARLY-1"))
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(engine, settings, stop), daemon=True)
    thread.start()
    try:
        assert _wait_for(lambda: _documents(engine).get("early.xml") in PROCESSED)
    finally:
        stop.set()
        thread.join(timeout=10)
