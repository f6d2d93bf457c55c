"""The event feed: decisions and proposal changes (from the hash-chained audit log) and document
state changes (from the documents' history), oldest first, after a cursor. Nothing new is written to
produce it: the two append-only tables are the record, the feed is a view over them.

An event's `id` (`audit-<n>` or `document-<n>`) is stable: receivers deduplicate on it. The cursor is
the pair of the last ids seen (`<audit id>.<document event id>`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import or_
from sqlmodel import Session, col, select

from opsloop.store.tables import AuditEvent, DocumentEvent

FEED_PREFIXES = ("proposal.", "outbox.", "autonomy.")
"""Audit actions that are events (accounts and tokens are not told to other systems)."""


class Event(BaseModel):
    id: str
    type: str
    """`proposal.created`, `proposal.approve` (a decision: approve, reject, hold, ...), `proposal.executed`,
    `document.state_changed`, ..."""
    at: datetime
    subject: str
    """`proposal:<id>` or `document:<id>`."""
    actor: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class Cursor(BaseModel):
    audit: int = 0
    document: int = 0

    def text(self) -> str:
        return f"{self.audit}.{self.document}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor:
        """`12.40` -> Cursor(12, 40); empty: from the start. A malformed one raises ValueError."""
        if not text:
            return cls()
        audit, _, document = text.partition(".")
        return cls(audit=int(audit), document=int(document or 0))


def latest_cursor(session: Session) -> Cursor:
    """The cursor after everything recorded so far (to follow only what happens next)."""
    audit = session.exec(select(AuditEvent.id).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    document = session.exec(select(DocumentEvent.id).order_by(col(DocumentEvent.id).desc()).limit(1)).first()
    return Cursor(audit=audit or 0, document=document or 0)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def events_after(session: Session, cursor: Cursor, *, limit: int = 100) -> tuple[list[Event], Cursor]:
    """Up to `limit` events after `cursor`, oldest first, and the cursor after the last one returned."""
    audits = list(
        session.exec(
            select(AuditEvent)
            .where(
                col(AuditEvent.id) > cursor.audit,
                or_(*(col(AuditEvent.action).startswith(p) for p in FEED_PREFIXES)),
            )
            .order_by(col(AuditEvent.id))
            .limit(limit)
        )
    )
    documents = list(
        session.exec(
            select(DocumentEvent)
            .where(col(DocumentEvent.id) > cursor.document)
            .order_by(col(DocumentEvent.id))
            .limit(limit)
        )
    )
    merged: list[tuple[datetime, int, Event, AuditEvent | DocumentEvent]] = []
    for a in audits:
        assert a.id is not None
        event = Event(
            id=f"audit-{a.id}", type=a.action, at=_aware(a.at), subject=a.subject, actor=a.actor, data=a.data
        )
        merged.append((event.at, 0, event, a))
    for d in documents:
        assert d.id is not None
        event = Event(
            id=f"document-{d.id}",
            type="document.state_changed",
            at=_aware(d.at),
            subject=f"document:{d.document_id}",
            actor=d.stage,
            data={"from": d.from_state, "to": d.to_state, "stage": d.stage, "reason": d.reason},
        )
        merged.append((event.at, 1, event, d))
    merged.sort(key=lambda m: (m[0], m[1], m[2].id))
    chosen = merged[:limit]
    after = cursor.model_copy()
    for _at, _source, _event, row in chosen:
        assert row.id is not None
        if isinstance(row, AuditEvent):
            after.audit = max(after.audit, row.id)
        else:
            after.document = max(after.document, row.id)
    return [m[2] for m in chosen], after
