"""The audit chain's key, digests and anchor: what makes the audit log more than a table.

- **Keyed.** Each event's hash is an HMAC-SHA256 over the previous event's hash and the event, with a
  key kept outside the database (`OPSLOOP_AUDIT__KEY`, else `<data_dir>/secrets/audit.key`, made on
  first use, 0600). Whoever can write the database but not read the key cannot edit an event and
  recompute the hashes: the plain SHA-256 the chain used before is no longer accepted.
- **Anchored.** After every commit that appended events, the newest event's id, hash and the number
  of events up to it are appended (with an HMAC of their own) to the anchor file (`<data_dir>/
  audit.anchor`, JSON lines; `OPSLOOP_AUDIT__ANCHOR_FILE` to put it elsewhere, e.g. on a volume the
  database host cannot reach, or mark it append-only with `chattr +a`). Deleting the newest events,
  or cutting the chain, leaves an anchor naming an event that is gone or a count that no longer holds.
- **Re-keyed on upgrade.** A chain written before keying (plain SHA-256) is re-hashed with the key the
  first time a keyed opsloop opens the database, as far as its plain hashes still verify (an event
  already broken is left as it is, so `opsloop audit verify` still reports it), and an
  `audit.rekeyed` event records how many events were re-keyed and the plain head they had.

Bound per engine: `open_database` (and `connect_database`) bind the key the settings name;
`bind_keyring` binds one explicitly (tests that build engines themselves).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import logging
import os
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, text
from sqlmodel import Session, col, select

from opsloop.errors import StorageError
from opsloop.keys import load_or_create_secret
from opsloop.settings import Settings
from opsloop.store.tables import AuditEvent
from opsloop.store.types import utcnow

log = logging.getLogger(__name__)

GENESIS = "0" * 64
PG_LOCK_KEY = 0x6F70736C6F6F70  # "opsloop": one advisory lock serialises appends on PostgreSQL
REKEYED = "audit.rekeyed"


@dataclass(frozen=True)
class AuditKeyring:
    key: bytes
    anchor: Path | None
    """The anchor file (None: no anchor is kept)."""


@dataclass(frozen=True)
class Anchor:
    event_id: int
    count: int
    hash: str
    at: str
    valid: bool
    """Its own HMAC checks out (a line edited or written without the key does not)."""


_keyrings: weakref.WeakKeyDictionary[Engine, AuditKeyring] = weakref.WeakKeyDictionary()


def keyring_for(settings: Settings) -> AuditKeyring:
    """The audit key and anchor file the settings name (the key file is made on first use)."""
    audit = settings.audit
    if audit.key is not None:
        key = audit.key.get_secret_value()
        if len(key) < 32:
            raise StorageError(
                "OPSLOOP_AUDIT__KEY is shorter than 32 characters",
                hint="Use a long random value, e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`.",
            )
    else:
        key = load_or_create_secret(audit.key_file or settings.data_dir / "secrets" / "audit.key")
    anchor = audit.anchor_file or settings.data_dir / "audit.anchor"
    return AuditKeyring(key=key.encode(), anchor=anchor)


def bind_keyring(engine: Engine, keyring: AuditKeyring) -> None:
    _keyrings[engine] = keyring


def engine_of(bind: Engine | Connection | Any) -> Engine:
    engine = getattr(bind, "engine", bind)
    assert isinstance(engine, Engine)
    return engine


def keyring_of(session: Session) -> AuditKeyring:
    """The keyring bound to the session's engine; StorageError when none is (an engine opened without
    `open_database` cannot write or verify the audit log)."""
    ring = _keyrings.get(engine_of(session.get_bind()))
    if ring is None:
        raise StorageError(
            "the audit key is not loaded for this database",
            hint="Open the database with opsloop.store.db.open_database(settings) (or bind_keyring).",
        )
    return ring


def _body(prev_hash: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]) -> bytes:
    return json.dumps([prev_hash, at, actor, action, subject, data], sort_keys=True, default=str).encode()


def event_digest(
    key: bytes, prev_hash: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]
) -> str:
    """An event's hash: HMAC-SHA256 under the audit key."""
    return hmac.new(key, _body(prev_hash, at, actor, action, subject, data), hashlib.sha256).hexdigest()


def plain_digest(prev_hash: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]) -> str:
    """The hash events had before the chain was keyed (plain SHA-256): read only to re-key."""
    return hashlib.sha256(_body(prev_hash, at, actor, action, subject, data)).hexdigest()


def lock_chain(session: Session) -> None:
    """Serialise writers of the chain (PostgreSQL: an advisory transaction lock; SQLite: its writer
    lock, taken by the first write)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


# ------------------------------------------------------------------ re-keying


def rekey_chain(engine: Engine, keyring: AuditKeyring) -> int:
    """Re-hash a chain still written with plain SHA-256 under the key (see the module's docstring).
    Returns how many events were re-keyed (0 when the chain is empty or keyed already)."""
    with Session(engine, expire_on_commit=False) as session:
        last = session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(1)).first()
        if last is None or _keyed(keyring.key, last):
            return 0
        if not _plain(last) and not _plain_prefix(session):
            return 0  # neither keyed nor plain: left for `audit verify` to report
        lock_chain(session)
        events = list(session.exec(select(AuditEvent).order_by(col(AuditEvent.id))))
        old_prev, new_prev = GENESIS, GENESIS
        count = 0
        for event in events:
            if event.prev_hash != old_prev or not _plain(event):
                break  # already broken: keep it as it is, so verification still reports it
            old_prev = event.hash
            event.prev_hash = new_prev
            event.hash = event_digest(
                keyring.key,
                new_prev,
                event.at.isoformat(),
                event.actor,
                event.action,
                event.subject,
                event.data,
            )
            new_prev = event.hash
            session.add(event)
            count += 1
        if count == len(events):  # the whole chain re-keyed: record it at its end
            at = utcnow()
            data = {"events": count, "plain_head": old_prev}
            marker = AuditEvent(
                at=at,
                actor="opsloop",
                action=REKEYED,
                subject="audit",
                data=data,
                prev_hash=new_prev,
                hash=event_digest(keyring.key, new_prev, at.isoformat(), "opsloop", REKEYED, "audit", data),
            )
            session.add(marker)
        session.flush()
        head = session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(1)).first()
        session.commit()
    if head is not None and head.id is not None and count == len(events):
        write_anchor(engine, keyring, head.id, head.hash)
    log.warning("audit log: %d events re-keyed with the audit key (they were plain SHA-256)", count)
    return count


def _keyed(key: bytes, event: AuditEvent) -> bool:
    expected = event_digest(
        key, event.prev_hash, event.at.isoformat(), event.actor, event.action, event.subject, event.data
    )
    return hmac.compare_digest(expected, event.hash)


def _plain(event: AuditEvent) -> bool:
    expected = plain_digest(
        event.prev_hash, event.at.isoformat(), event.actor, event.action, event.subject, event.data
    )
    return hmac.compare_digest(expected, event.hash)


def _plain_prefix(session: Session) -> bool:
    first = session.exec(select(AuditEvent).order_by(col(AuditEvent.id)).limit(1)).first()
    return first is not None and _plain(first)


# ------------------------------------------------------------------ the anchor


def _anchor_mac(key: bytes, event_id: int, count: int, head: str, at: str) -> str:
    body = json.dumps(["anchor", event_id, count, head, at]).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def write_anchor(engine: Engine, keyring: AuditKeyring, event_id: int, head: str) -> None:
    """Append (event id, events up to it, hash) to the anchor file, unless it names a newer event
    already (writers in several processes; the file only moves forward)."""
    if keyring.anchor is None:
        return
    with engine.connect() as connection:
        count = connection.execute(
            select(func.count()).select_from(AuditEvent).where(col(AuditEvent.id) <= event_id)
        ).scalar_one()
    path = keyring.anchor
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            last = _last_line(path)
            if last is not None and int(last.get("event_id", 0)) >= event_id:
                return
            at = utcnow().isoformat()
            record = {
                "event_id": event_id,
                "count": int(count),
                "hash": head,
                "at": at,
                "mac": _anchor_mac(keyring.key, event_id, int(count), head, at),
            }
            handle.write(json.dumps(record) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _last_line(path: Path) -> dict[str, Any] | None:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        tail = handle.read().decode("utf-8", errors="replace").strip().splitlines()
    for line in reversed(tail):
        with contextlib.suppress(ValueError):
            value = json.loads(line)
            if isinstance(value, dict):
                return value
    return None


def read_anchors(keyring: AuditKeyring) -> list[Anchor]:
    """Every anchor line of the anchor file, oldest first (none when there is no file)."""
    if keyring.anchor is None or not keyring.anchor.exists():
        return []
    anchors: list[Anchor] = []
    for line in keyring.anchor.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line)
            event_id, count, head, at = (
                int(value["event_id"]),
                int(value["count"]),
                str(value["hash"]),
                str(value["at"]),
            )
            valid = hmac.compare_digest(
                _anchor_mac(keyring.key, event_id, count, head, at), str(value["mac"])
            )
        except (ValueError, KeyError, TypeError):
            anchors.append(Anchor(event_id=0, count=0, hash="", at="", valid=False))
            continue
        anchors.append(Anchor(event_id=event_id, count=count, hash=head, at=at, valid=valid))
    return anchors


def anchor_time(anchor: Anchor) -> datetime | None:
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(anchor.at)
    return None
