"""Vendor memory in the database: entries, the numbered events that change them, and the views the
CLI shows (`opsloop memory list|show|forget`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, col, select

from opsloop.errors import NotFoundError
from opsloop.review.audit import append_event
from opsloop.store.tables import MemoryEntry, MemoryEvent
from opsloop.store.types import utcnow


def current_version(session: Session, vendor_key: str) -> int:
    """The vendor memory's version: the number of changes made to it (0: nothing learned yet)."""
    found = session.exec(
        select(func.max(MemoryEvent.version)).where(MemoryEvent.vendor_key == vendor_key)
    ).one()
    return int(found or 0)


def record_event(session: Session, vendor_key: str, action: str, actor: str, detail: dict[str, Any]) -> int:
    """Number the next change of `vendor_key`'s memory and log it (memory events and the audit log)."""
    version = current_version(session, vendor_key) + 1
    session.add(
        MemoryEvent(vendor_key=vendor_key, version=version, action=action, actor=actor, detail=detail)
    )
    append_event(
        session, actor, f"memory.{action}", f"vendor-memory:{vendor_key}", {"version": version, **detail}
    )
    session.flush()
    return version


def active_entries(session: Session, vendor_key: str | None = None) -> list[MemoryEntry]:
    query = select(MemoryEntry).where(col(MemoryEntry.retired_at).is_(None))
    if vendor_key is not None:
        query = query.where(MemoryEntry.vendor_key == vendor_key)
    return list(session.exec(query.order_by(col(MemoryEntry.id).desc())).all())


def has_memory(session: Session) -> bool:
    return (
        session.exec(select(MemoryEntry.id).where(col(MemoryEntry.retired_at).is_(None)).limit(1)).first()
        is not None
    )


def retire(session: Session, entries: list[MemoryEntry], version: int, actor: str) -> None:
    now = utcnow()
    for entry in entries:
        entry.retired_at = now
        entry.retired_by = actor
        entry.retired_version = version
        session.add(entry)
    session.flush()


class VendorMemorySummary(BaseModel):
    vendor_key: str
    vendor_name: str | None
    version: int
    entries: int
    """Active entries."""
    kinds: dict[str, int]
    layouts: int
    last_change: datetime | None


class EntryView(BaseModel):
    id: int
    kind: str
    field: str
    key: str
    value: Any
    layout: str | None
    learned_from: str
    """"the correction of #412 by rita" (the proposal it was made on)."""
    version: int
    retired: str | None
    """Why and when it stopped applying, or None while it applies."""


class VendorMemoryView(BaseModel):
    summary: VendorMemorySummary
    entries: list[EntryView]
    events: list[dict[str, Any]]


def learned_from(entry: MemoryEntry) -> str:
    where = f"#{entry.proposal_id}" if entry.proposal_id is not None else f"document {entry.document_id}"
    return f"the correction of {where} by {entry.actor}"


def list_memory(session: Session) -> list[VendorMemorySummary]:
    """Every vendor memory has learned about, with its version and what it holds now."""
    keys = sorted(set(session.exec(select(MemoryEvent.vendor_key)).all()))
    return [_summary(session, key) for key in keys]


def _summary(session: Session, vendor_key: str) -> VendorMemorySummary:
    entries = active_entries(session, vendor_key)
    kinds: dict[str, int] = {}
    for entry in entries:
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    names = session.exec(
        select(MemoryEntry.vendor_name)
        .where(MemoryEntry.vendor_key == vendor_key, col(MemoryEntry.vendor_name).is_not(None))
        .order_by(col(MemoryEntry.id).desc())
        .limit(1)
    ).first()
    last = session.exec(select(func.max(MemoryEvent.at)).where(MemoryEvent.vendor_key == vendor_key)).one()
    return VendorMemorySummary(
        vendor_key=vendor_key,
        vendor_name=names,
        version=current_version(session, vendor_key),
        entries=len(entries),
        kinds=kinds,
        layouts=len({e.layout for e in entries if e.layout}),
        last_change=last,
    )


def show_memory(session: Session, vendor_key: str, *, retired: bool = False) -> VendorMemoryView:
    """One vendor's memory: what applies (and with `retired`, what no longer does), and its history."""
    if current_version(session, vendor_key) == 0:
        raise NotFoundError(
            f"nothing has been learned about vendor {vendor_key!r}",
            hint="`opsloop memory list` shows who has.",
        )
    query = select(MemoryEntry).where(MemoryEntry.vendor_key == vendor_key)
    if not retired:
        query = query.where(col(MemoryEntry.retired_at).is_(None))
    rows = session.exec(query.order_by(col(MemoryEntry.id))).all()
    events = session.exec(
        select(MemoryEvent).where(MemoryEvent.vendor_key == vendor_key).order_by(col(MemoryEvent.version))
    ).all()
    return VendorMemoryView(
        summary=_summary(session, vendor_key),
        entries=[
            EntryView(
                id=row.id or 0,
                kind=row.kind,
                field=row.field,
                key=row.key,
                value=row.value,
                layout=row.layout,
                learned_from=learned_from(row),
                version=row.version,
                retired=None
                if row.retired_at is None
                else f"v{row.retired_version} by {row.retired_by} at {row.retired_at:%Y-%m-%d %H:%M}",
            )
            for row in rows
        ],
        events=[
            {"version": e.version, "action": e.action, "actor": e.actor, "at": e.at.isoformat(), **e.detail}
            for e in events
        ],
    )


def forget(
    session: Session, vendor_key: str, actor: str, *, field: str | None = None, entry_id: int | None = None
) -> tuple[int, int]:
    """Retire what memory learned about `vendor_key` (all of it, one field's, or one entry); returns
    (entries retired, the new version). Nothing is deleted: `show --retired` still lists it."""
    if current_version(session, vendor_key) == 0:
        raise NotFoundError(
            f"nothing has been learned about vendor {vendor_key!r}",
            hint="`opsloop memory list` shows who has.",
        )
    entries = active_entries(session, vendor_key)
    if field is not None:
        entries = [e for e in entries if e.field == field or e.field.startswith(field + ".")]
    if entry_id is not None:
        entries = [e for e in entries if e.id == entry_id]
    if not entries:
        raise NotFoundError(
            f"vendor {vendor_key!r} has no active memory"
            + (f" for {field!r}" if field else "")
            + (f" with id {entry_id}" if entry_id is not None else ""),
            hint=f"`opsloop memory show {vendor_key}` lists what it holds.",
        )
    detail: dict[str, Any] = {"entries": [e.id for e in entries]}
    if field is not None:
        detail["field"] = field
    version = record_event(session, vendor_key, "forgot", actor, detail)
    retire(session, entries, version, actor)
    return len(entries), version
