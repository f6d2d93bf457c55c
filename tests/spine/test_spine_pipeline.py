"""The runner: states, failures with reasons, retry, quarantine from a stage, optimistic locking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentFamily, DocumentState
from opsloop.errors import RejectedInput
from opsloop.ingest.files import ingest_paths
from opsloop.pipeline import Pipeline, Stage, StageContext, StageResult
from opsloop.settings import Settings
from opsloop.stages import parse
from opsloop.store.documents import ConcurrentUpdate, get_document, history, transition
from opsloop.store.tables import StageRun
from tests import samples

ALL = frozenset(DocumentFamily)


class Flaky:
    """A stage that fails until told to work, counting its calls."""

    def __init__(self) -> None:
        self.broken = True
        self.calls = 0

    def __call__(self, ctx: StageContext) -> StageResult:
        self.calls += 1
        if self.broken:
            raise ValueError("the ERP export is locked")
        return StageResult(DocumentState.DONE)


def _one_document(settings: Settings, engine: Engine, tmp_path: Path, name: str = "inv.xml") -> int:
    path = samples.write(tmp_path / "in", name, samples.ubl_invoice(name))
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    assert outcome.document_id is not None
    return outcome.document_id


def test_a_failing_stage_leaves_the_document_failed_with_why_and_retry_runs_it_again(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a pipeline whose second stage fails
    flaky = Flaky()
    pipeline = Pipeline(
        [
            Stage("parse", DocumentState.RECEIVED, ALL, parse),
            Stage("extract", DocumentState.PARSED, ALL, flaky),
        ]
    )
    document_id = _one_document(settings, engine, tmp_path)

    # WHEN it runs
    state = pipeline.run_document(engine, settings, document_id)

    # THEN the document is failed, with the stage and the error as its reason
    assert state is DocumentState.FAILED
    with Session(engine) as session:
        document = get_document(session, document_id)
        assert document.failure_reason == "extract failed: ValueError: the ERP export is locked"
        assert [e.to_state for e in history(session, document_id)] == ["received", "parsed", "failed"]
    # AND it is not picked up again by itself
    assert pipeline.pending_ids(engine) == []

    # WHEN the cause is fixed and it is retried
    flaky.broken = False
    state = pipeline.retry(engine, settings, document_id)

    # THEN it resumes at the failed stage (parse is not run again) and finishes
    assert state is DocumentState.DONE
    assert flaky.calls == 2
    with Session(engine) as session:
        runs = session.exec(
            select(StageRun).where(StageRun.document_id == document_id).order_by(col(StageRun.id))
        )
        assert [(r.stage, r.outcome) for r in runs] == [
            ("parse", "ok"),
            ("extract", "failed"),
            ("extract", "ok"),
        ]
        assert get_document(session, document_id).failure_reason is None


def test_retry_refuses_a_document_that_did_not_fail(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    from opsloop.errors import StageError

    pipeline = Pipeline([Stage("parse", DocumentState.RECEIVED, ALL, parse)])
    document_id = _one_document(settings, engine, tmp_path)
    with pytest.raises(StageError, match="not failed"):
        pipeline.retry(engine, settings, document_id)


def test_a_stage_that_rejects_the_content_quarantines_the_document(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    def refuse(ctx: StageContext) -> StageResult:
        raise RejectedInput("malformed_transcript", "message 3 has no author", line=7)

    pipeline = Pipeline([Stage("parse", DocumentState.RECEIVED, ALL, refuse)])
    document_id = _one_document(settings, engine, tmp_path, "chat.xml")
    assert pipeline.run_document(engine, settings, document_id) is DocumentState.QUARANTINED
    reason = json.loads((settings.quarantine_dir / "chat.xml.reason.json").read_text())
    assert reason["code"] == "malformed_transcript" and reason["line"] == 7
    with Session(engine) as session:
        assert get_document(session, document_id).failure_reason == (
            "malformed_transcript: message 3 has no author (line 7)"
        )


def test_running_the_pipeline_again_does_nothing_more(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    calls: list[int] = []

    def finish(ctx: StageContext) -> StageResult:
        assert ctx.document.id is not None
        calls.append(ctx.document.id)
        return StageResult(DocumentState.DONE)

    pipeline = Pipeline(
        [
            Stage("parse", DocumentState.RECEIVED, ALL, parse),
            Stage("finish", DocumentState.PARSED, ALL, finish),
        ]
    )
    document_id = _one_document(settings, engine, tmp_path)
    pipeline.run_pending(engine, settings)
    pipeline.run_pending(engine, settings)
    assert calls == [document_id]


def test_a_stale_copy_cannot_move_a_document(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    # GIVEN two workers holding the same document
    document_id = _one_document(settings, engine, tmp_path)
    with Session(engine, expire_on_commit=False) as first, Session(engine, expire_on_commit=False) as second:
        mine, theirs = get_document(first, document_id), get_document(second, document_id)
        # WHEN the first moves it
        transition(first, mine, DocumentState.PARSED, stage="parse")
        first.commit()
        # THEN the second is told, and its change is not applied
        with pytest.raises(ConcurrentUpdate):
            transition(second, theirs, DocumentState.FAILED, stage="parse", reason="late")
        second.rollback()
    with Session(engine) as session:
        assert get_document(session, document_id).state == DocumentState.PARSED


def test_two_stages_may_not_claim_the_same_state() -> None:
    with pytest.raises(ValueError, match="two stages"):
        Pipeline(
            [Stage("a", DocumentState.RECEIVED, ALL, parse), Stage("b", DocumentState.RECEIVED, ALL, parse)]
        )


def test_a_pdf_without_text_layer_waits_for_ocr_with_the_reason(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    from opsloop.stages import default_pipeline

    path = samples.write(tmp_path / "in", "scan.pdf", samples.blank_pdf(pages=2))
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    assert outcome.document_id is not None
    state = default_pipeline().run_document(engine, settings, outcome.document_id)
    assert state is DocumentState.NEEDS_OCR
    with Session(engine) as session:
        assert "no text layer" in (get_document(session, outcome.document_id).failure_reason or "")
