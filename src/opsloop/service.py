"""Long-running and batch orchestration: ingest then process, and the watched inbox."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import Engine

from opsloop.domain.documents import DocumentState
from opsloop.ingest.files import IngestOutcome, IngestStatus, ingest_paths
from opsloop.ingest.watcher import InboxWatcher
from opsloop.pipeline import Pipeline
from opsloop.settings import Settings
from opsloop.stages import default_pipeline

log = logging.getLogger(__name__)


def ingest_and_process(
    engine: Engine,
    settings: Settings,
    paths: Iterable[Path],
    *,
    move: bool,
    pipeline: Pipeline | None = None,
    on_file: Callable[[IngestOutcome], None] | None = None,
    on_document: Callable[[int, DocumentState], None] | None = None,
) -> tuple[list[IngestOutcome], dict[int, DocumentState]]:
    """Ingest `paths`, then run every stage on whatever is pending (including documents a killed
    process left half-way, which is how a restart resumes)."""
    pipeline = pipeline or default_pipeline()
    outcomes = ingest_paths(engine, settings, paths, move=move, on_file=on_file)
    states = pipeline.run_pending(engine, settings, on_document=on_document)
    return outcomes, states


def watch(
    engine: Engine,
    settings: Settings,
    stop: threading.Event,
    *,
    pipeline: Pipeline | None = None,
    on_file: Callable[[IngestOutcome], None] | None = None,
) -> None:
    """Watch the inbox until `stop` is set: each batch of stable files is ingested and processed."""
    pipeline = pipeline or default_pipeline()
    pipeline.run_pending(engine, settings)  # resume what an earlier process left

    def handle(paths: list[Path]) -> None:
        outcomes = ingest_paths(engine, settings, paths, move=True, on_file=on_file)
        accepted = [o.document_id for o in outcomes if o.status is IngestStatus.ACCEPTED and o.document_id]
        if accepted:
            pipeline.run_pending(engine, settings, only=accepted)

    watcher = InboxWatcher(settings.inbox_dir, settings.ingest, handle)
    def stop_when_asked() -> None:
        stop.wait()
        watcher.stop()

    threading.Thread(target=stop_when_asked, daemon=True).start()
    watcher.run()
