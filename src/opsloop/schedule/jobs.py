"""The scheduler: one BackgroundScheduler, one job per cron expression in `ScheduleSettings`.

Late runs do not pile up: each job coalesces missed runs into one, runs at most once at a time, and a
run later than `misfire_grace_seconds` is skipped. A job that raises is logged and recorded; it never
stops the scheduler or the other jobs (sync records its failures in `sync_runs` itself).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler  # type: ignore[import-untyped]
from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.errors import ConfigError
from opsloop.review.audit import append_event
from opsloop.settings import Settings
from opsloop.store.tables import Proposal
from opsloop.store.types import utcnow

log = logging.getLogger(__name__)

JOB_NAMES = ("erp_sync", "outbox_push", "replan", "sla_escalation", "llm_backfill", "webhook_push")
Job = Callable[[], object]


def cron_trigger(expression: str) -> CronTrigger:
    """A 5-field cron expression (minute hour day month weekday), or 6 fields with seconds first."""
    fields = expression.split()
    try:
        if len(fields) == 5:
            return CronTrigger.from_crontab(expression)
        if len(fields) == 6:
            second, minute, hour, day, month, weekday = fields
            return CronTrigger(
                second=second, minute=minute, hour=hour, day=day, month=month, day_of_week=weekday
            )
    except ValueError as error:
        raise ConfigError(f"bad cron expression {expression!r}: {error}") from error
    raise ConfigError(
        f"bad cron expression {expression!r}: it needs 5 fields (or 6 with seconds first)",
        hint="e.g. OPSLOOP_SCHEDULE__ERP_SYNC='*/15 * * * *'",
    )


def escalate_overdue(engine: Engine) -> int:
    """Open proposals past their SLA: raise their priority once and log `proposal.sla_overdue`."""
    now = utcnow()
    escalated = 0
    with Session(engine) as session:
        overdue = session.exec(
            select(Proposal).where(
                col(Proposal.state).in_(("pending", "edited")),
                col(Proposal.sla_due_at).is_not(None),
                col(Proposal.sla_due_at) < now,
            )
        ).all()
        for proposal in overdue:
            if proposal.working.get("sla_escalated_at"):
                continue
            proposal.working = {**proposal.working, "sla_escalated_at": now.isoformat()}
            proposal.priority = round(proposal.priority * 2 + 1, 2)
            proposal.updated_at = now
            session.add(proposal)
            append_event(
                session,
                "scheduler",
                "proposal.sla_overdue",
                f"proposal:{proposal.id}",
                {"sla_due_at": proposal.sla_due_at.isoformat() if proposal.sla_due_at else None},
            )
            escalated += 1
        session.commit()
    return escalated


def default_jobs(settings: Settings, engine: Engine) -> dict[str, Job]:
    """The four jobs wired to the library (each builds its connector when it runs, so a bad ERP
    configuration fails that run, not the scheduler's start)."""

    def erp_sync() -> object:
        from opsloop.erp.connectors import source_from_settings
        from opsloop.erp.sync import sync_source

        return sync_source(engine, source_from_settings(settings), settings.erp)

    def outbox_push() -> object:
        from opsloop.erp.connectors import push_connector_from_settings
        from opsloop.review.outbox import push_outbox

        with Session(engine, expire_on_commit=False) as session:
            return push_outbox(session, push_connector_from_settings(settings))

    def replan() -> object:
        from opsloop.service import plan_and_queue

        now = datetime.now(UTC)
        return plan_and_queue(engine, settings, now.date(), now=now)

    def sla_escalation() -> object:
        return escalate_overdue(engine)

    def llm_backfill() -> object:
        from opsloop.service import llm_backfill as backfill

        return backfill(engine, settings)

    def webhook_push() -> object:
        from opsloop.notify.webhooks import push_webhooks

        return push_webhooks(engine, settings)

    return {
        "erp_sync": erp_sync,
        "outbox_push": outbox_push,
        "replan": replan,
        "sla_escalation": sla_escalation,
        "llm_backfill": llm_backfill,
        "webhook_push": webhook_push,
    }


def _guarded(name: str, job: Job) -> Job:
    def run() -> object:
        try:
            return job()
        except Exception:
            log.exception("scheduled job %s failed; it runs again at its next time", name)
            return None

    run.__name__ = f"opsloop_{name}"
    return run


def start_scheduler(
    settings: Settings,
    engine: Engine,
    *,
    jobs: dict[str, Job] | None = None,
    start: bool = True,
) -> BackgroundScheduler:
    """A BackgroundScheduler with each job on its cron expression (empty expression: job off).
    `jobs` replaces the default implementations by name (tests, or the lead wiring another function)."""
    wired = {**default_jobs(settings, engine), **(jobs or {})}
    schedule = settings.schedule
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": schedule.misfire_grace_seconds,
        },
    )
    for name in JOB_NAMES:
        expression = getattr(schedule, name)
        if not expression.strip() or (name == "webhook_push" and not settings.webhooks.urls):
            continue
        scheduler.add_job(_guarded(name, wired[name]), cron_trigger(expression), id=name, name=name)
    if start:
        scheduler.start()
    return scheduler
