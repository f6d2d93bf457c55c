"""What someone who can write the database (but not read the audit key) could do to the audit log."""

from __future__ import annotations

import json

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from opsloop.store.chain import GENESIS, event_digest, plain_digest
from opsloop.store.tables import AuditEvent


def audit_events(engine: Engine) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).order_by(col(AuditEvent.id))))


def rewrite_chain(
    engine: Engine, start_id: int, changes: dict[str, object], key: bytes | None = None
) -> None:
    """Change event `start_id`, then recompute every hash from it on so each event links to the one
    before: with plain SHA-256 (what the chain used before it was keyed), or with `key`."""
    prev = GENESIS
    with engine.begin() as connection:
        for event in audit_events(engine):
            if event.id is not None and event.id >= start_id:
                if event.id == start_id:
                    for name, value in changes.items():
                        setattr(event, name, value)
                at = event.at.isoformat()
                if key is None:
                    event.hash = plain_digest(prev, at, event.actor, event.action, event.subject, event.data)
                else:
                    event.hash = event_digest(
                        key, prev, at, event.actor, event.action, event.subject, event.data
                    )
                connection.execute(
                    text(
                        "UPDATE audit_events SET actor = :actor, data = :data, prev_hash = :prev, hash = :hash "
                        "WHERE id = :id"
                    ),
                    {
                        "actor": event.actor,
                        "data": json.dumps(event.data),
                        "prev": prev,
                        "hash": event.hash,
                        "id": event.id,
                    },
                )
            prev = event.hash
