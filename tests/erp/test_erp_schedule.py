"""The scheduler on a fast schedule: jobs run on their cron, a failing job does not stop the others,
late runs coalesce, and overdue reviews are escalated once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.errors import ConfigError
from opsloop.schedule import cron_trigger, escalate_overdue, start_scheduler
from opsloop.settings import ScheduleSettings, Settings
from opsloop.store import tables as t
from opsloop.store.types import utcnow
from tests.erp.erp_helpers import base_export, migrated_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _wait_for(condition: threading.Event, seconds: float = 10.0) -> bool:
    return condition.wait(seconds)


def test_jobs_run_on_a_fast_schedule_and_a_failing_job_does_not_stop_the_others(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN every job due each second; the ERP sync is the real one (folder), outbox push always fails
    folder = tmp_path / "erp"
    base_export(folder)
    settings = Settings(
        data_dir=tmp_path / "var",
        erp={"connector": "folder", "folder": folder},  # type: ignore[arg-type]
        schedule=ScheduleSettings(
            erp_sync="* * * * * *",
            outbox_push="* * * * * *",
            replan="",
            sla_escalation="* * * * * *",
            llm_backfill="",
        ),
    )
    calls: dict[str, int] = {"outbox_push": 0, "sla_escalation": 0}
    escalated_twice = threading.Event()

    def broken_push() -> None:
        calls["outbox_push"] += 1
        raise RuntimeError("ERP refused the connection")

    def count_escalation() -> None:
        calls["sla_escalation"] += 1
        if calls["sla_escalation"] >= 2 and calls["outbox_push"] >= 2:
            escalated_twice.set()

    # WHEN the scheduler runs for a few seconds
    scheduler = start_scheduler(
        settings, engine, jobs={"outbox_push": broken_push, "sla_escalation": count_escalation}
    )
    try:
        assert _wait_for(escalated_twice)
        assert {job.id for job in scheduler.get_jobs()} == {"erp_sync", "outbox_push", "sla_escalation"}
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with Session(engine) as session:
                if session.exec(select(t.SyncRun).where(t.SyncRun.status == "ok")).first():
                    break
            time.sleep(0.1)
    finally:
        scheduler.shutdown(wait=True)
    # THEN the failing job ran again and again, and the real sync ran and recorded its run
    assert calls["outbox_push"] >= 2 and calls["sla_escalation"] >= 2
    with Session(engine) as session:
        runs = session.exec(select(t.SyncRun)).all()
        assert runs and runs[0].connector == "folder" and runs[0].status == "ok"
        assert len(session.exec(select(t.Vendor)).all()) == 2
    # AND every job coalesces, runs one at a time, and has a bounded misfire grace
    for job in scheduler.get_jobs():
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time == 300


def test_cron_expressions_are_checked() -> None:
    # WHEN a 5-field expression is read, THEN it fires on the minute; a malformed one is refused
    trigger = cron_trigger("*/15 * * * *")
    assert str(trigger.fields[trigger.FIELD_NAMES.index("minute")]) == "*/15"
    with pytest.raises(ConfigError):
        cron_trigger("every minute")
    with pytest.raises(ConfigError):
        cron_trigger("99 * * * *")


def test_overdue_reviews_are_escalated_once(engine: Engine) -> None:
    # GIVEN one pending proposal past its SLA and one still within it
    with Session(engine) as session:
        for key, due in (("late", utcnow() - timedelta(hours=1)), ("fine", utcnow() + timedelta(hours=1))):
            session.add(
                t.Proposal(
                    kind="invoice_hold", subject_key=key, title=key, summary="", priority=10.0, sla_due_at=due
                )
            )
        session.commit()
    # WHEN escalation runs twice
    first, second = escalate_overdue(engine), escalate_overdue(engine)
    # THEN only the late one is escalated, once, with its priority raised and an audit event
    assert (first, second) == (1, 0)
    with Session(engine) as session:
        rows = {p.subject_key: p for p in session.exec(select(t.Proposal))}
        events = session.exec(select(t.AuditEvent).where(t.AuditEvent.action == "proposal.sla_overdue")).all()
    assert rows["late"].priority > 10.0 and rows["fine"].priority == 10.0
    assert len(events) == 1
