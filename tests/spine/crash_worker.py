"""A worker process for the crash test: ingests the inbox and runs parse -> slow stage -> done."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from opsloop.domain.documents import DocumentFamily, DocumentState
from opsloop.pipeline import Pipeline, Stage, StageContext, StageResult
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import parse
from opsloop.store.db import open_database

ALL = frozenset(DocumentFamily)


def slow(ctx: StageContext) -> StageResult:
    time.sleep(0.1)
    return StageResult(DocumentState.DONE)


def main() -> None:
    settings = Settings(data_dir=Path(sys.argv[1]), database_url=None)
    engine = open_database(settings)
    pipeline = Pipeline(
        [Stage("parse", DocumentState.RECEIVED, ALL, parse), Stage("slow", DocumentState.PARSED, ALL, slow)]
    )
    ingest_and_process(engine, settings, [settings.inbox_dir], move=True, pipeline=pipeline)


if __name__ == "__main__":
    main()
