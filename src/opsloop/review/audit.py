"""The audit log: append-only, each event's hash covering the previous one, so any change or deletion
is detectable (`verify_chain`)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel
from sqlalchemy import text
from sqlmodel import Session, col, select

from opsloop.store.tables import AuditEvent
from opsloop.store.types import utcnow

GENESIS = "0" * 64
_PG_LOCK_KEY = 0x6F70736C6F6F70  # "opsloop": one advisory lock serialises appends on PostgreSQL


def _digest(prev_hash: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]) -> str:
    body = json.dumps([prev_hash, at, actor, action, subject, data], sort_keys=True, default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def append_event(session: Session, actor: str, action: str, subject: str, data: dict[str, Any]) -> AuditEvent:
    """Append one event after the newest. On PostgreSQL an advisory transaction lock keeps concurrent
    writers in line; on SQLite the writer already holds the database lock once it has written. Should
    two writers still race, the unique `prev_hash` refuses the second (retry the transaction)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    last = session.exec(select(AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    prev_hash = last if last is not None else GENESIS
    at = utcnow()
    event = AuditEvent(
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        data=data,
        prev_hash=prev_hash,
        hash=_digest(prev_hash, at.isoformat(), actor, action, subject, data),
    )
    session.add(event)
    session.flush()
    return event


class ChainReport(BaseModel):
    events: int
    ok: bool
    first_bad_id: int | None = None
    problem: str | None = None


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash in order; the first event that does not match is reported."""
    prev_hash = GENESIS
    count = 0
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))):
        count += 1
        if event.prev_hash != prev_hash:
            return ChainReport(
                events=count, ok=False, first_bad_id=event.id, problem="an earlier event is missing"
            )
        expected = _digest(
            prev_hash, event.at.isoformat(), event.actor, event.action, event.subject, event.data
        )
        if expected != event.hash:
            return ChainReport(events=count, ok=False, first_bad_id=event.id, problem="the event was changed")
        prev_hash = event.hash
    return ChainReport(events=count, ok=True)
