"""The audit log: append-only, each event's hash an HMAC (with a key kept outside the database) over
the previous event's hash and the event, its head anchored outside the database after every commit
(opsloop/store/chain.py). `verify_chain` recomputes the chain, checks it against the anchor, and
checks the decisions, proposals and outbox rows against the events that produced them:

- every review decision has its event (same proposal, action, actor and reason), in order;
- every proposal's state is the one its last logged event left it in (a row set to `approved` by
  hand, with no approval in the log, is reported);
- every outbox row is named by the event that queued it, with the digest of the payload it had then
  (a payload edited after approval is reported).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import event as sa_event
from sqlmodel import Session, col, select

from opsloop.store.chain import (
    GENESIS,
    AuditKeyring,
    bind_keyring,
    engine_of,
    event_digest,
    keyring_of,
    lock_chain,
    read_anchors,
    write_anchor,
)
from opsloop.store.tables import AuditEvent, OutboxItem, Proposal, ReviewDecision
from opsloop.store.types import utcnow

__all__ = [
    "GENESIS",
    "AuditKeyring",
    "ChainReport",
    "append_event",
    "bind_keyring",
    "payload_digest",
    "verify_chain",
]

_PENDING_HEAD = "opsloop_audit_head"
_LISTENING = "opsloop_audit_anchoring"
log = logging.getLogger(__name__)


def payload_digest(payload: Mapping[str, Any]) -> str:
    """SHA-256 of a payload's canonical JSON (keys sorted)."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def append_event(session: Session, actor: str, action: str, subject: str, data: dict[str, Any]) -> AuditEvent:
    """Append one event after the newest. On PostgreSQL an advisory transaction lock keeps concurrent
    writers in line; on SQLite the writer already holds the database lock once it has written. Should
    two writers still race, the unique `prev_hash` refuses the second (retry the transaction).

    An event whose data names an outbox row (`outbox_key`) also records the digest of that row's
    payload as it is now (`outbox_payload_sha256`), so a payload changed later is found by `verify_chain`.
    Once the transaction commits, the new head is written to the anchor file."""
    keyring = keyring_of(session)
    lock_chain(session)
    key = data.get("outbox_key")
    if isinstance(key, str) and "outbox_payload_sha256" not in data:
        payload = session.exec(select(OutboxItem.payload).where(OutboxItem.idempotency_key == key)).first()
        if payload is not None:
            data = {**data, "outbox_payload_sha256": payload_digest(payload)}
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
        hash=event_digest(keyring.key, prev_hash, at.isoformat(), actor, action, subject, data),
    )
    session.add(event)
    session.flush()
    _anchor_on_commit(session, keyring, event)
    return event


def _anchor_on_commit(session: Session, keyring: AuditKeyring, event: AuditEvent) -> None:
    assert event.id is not None
    session.info[_PENDING_HEAD] = (event.id, event.hash)
    if session.info.get(_LISTENING):
        return
    session.info[_LISTENING] = True

    def committed(done: Session) -> None:
        head = done.info.pop(_PENDING_HEAD, None)
        if head is None or keyring.anchor is None:
            return
        try:
            write_anchor(engine_of(done.get_bind()), keyring, head[0], head[1])
        except Exception:  # the commit stands; the next commit writes a newer anchor
            log.exception("could not write the audit anchor")

    def rolled_back(done: Session) -> None:
        done.info.pop(_PENDING_HEAD, None)

    sa_event.listen(session, "after_commit", committed)
    sa_event.listen(session, "after_soft_rollback", lambda done, _previous: rolled_back(done))


# ------------------------------------------------------------------ verification


class AnchorStatus(BaseModel):
    file: str | None
    lines: int = 0
    event_id: int | None = None
    """The newest event the anchor names."""
    count: int | None = None
    at: str | None = None


class ChainReport(BaseModel):
    events: int
    ok: bool
    first_bad_id: int | None = None
    problem: str | None = None
    anchor: AnchorStatus | None = None
    mismatches: list[str] = []
    """Decisions, proposals or outbox rows that disagree with the events that produced them."""


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash in order (the first event that does not match is reported), check the
    anchor, then the rows the events produced."""
    keyring = keyring_of(session)
    prev_hash = GENESIS
    count = 0
    hashes: dict[int, str] = {}
    by_subject: dict[str, list[AuditEvent]] = defaultdict(list)
    broken: ChainReport | None = None
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))):
        assert event.id is not None
        count += 1
        hashes[event.id] = event.hash
        by_subject[event.subject].append(event)
        if broken is not None:
            continue
        if event.prev_hash != prev_hash:
            broken = _broken(event, "an earlier event is missing (or the chain was cut)")
        elif not hmac.compare_digest(
            event_digest(
                keyring.key,
                prev_hash,
                event.at.isoformat(),
                event.actor,
                event.action,
                event.subject,
                event.data,
            ),
            event.hash,
        ):
            broken = _broken(event, "the event was changed (or the chain was written with another audit key)")
        prev_hash = event.hash
    anchor, anchor_problem = _check_anchor(keyring, hashes)
    if broken is not None:
        return broken.model_copy(update={"events": count, "anchor": anchor})
    if anchor_problem is not None:
        return ChainReport(events=count, ok=False, problem=anchor_problem, anchor=anchor)
    mismatches = _cross_check(session, by_subject)
    return ChainReport(
        events=count,
        ok=not mismatches,
        problem=None if not mismatches else f"{len(mismatches)} row(s) disagree with the audit log",
        anchor=anchor,
        mismatches=mismatches,
    )


def _broken(event: AuditEvent, problem: str) -> ChainReport:
    return ChainReport(events=0, ok=False, first_bad_id=event.id, problem=problem)


def _check_anchor(keyring: AuditKeyring, hashes: dict[int, str]) -> tuple[AnchorStatus, str | None]:
    anchors = read_anchors(keyring)
    status = AnchorStatus(
        file=str(keyring.anchor) if keyring.anchor is not None else None, lines=len(anchors)
    )
    if not anchors:
        if hashes and keyring.anchor is not None:
            return status, "the anchor file is missing or empty, though the log has events (deleted?)"
        return status, None
    ids = sorted(hashes)
    for anchor in anchors:
        if not anchor.valid:
            return status, "a line of the anchor file was changed (its HMAC does not check out)"
        if hashes.get(anchor.event_id) != anchor.hash:
            return status, (
                f"the anchor of {anchor.at} names event #{anchor.event_id}, which is "
                + (
                    "gone: the newest events were deleted"
                    if anchor.event_id not in hashes
                    else "different now"
                )
            )
        upto = sum(1 for i in ids if i <= anchor.event_id)
        if upto != anchor.count:
            return status, (
                f"the anchor of {anchor.at} counted {anchor.count} events up to #{anchor.event_id}; "
                f"the log has {upto}: events were deleted"
            )
    newest = max(anchors, key=lambda a: a.event_id)
    status = status.model_copy(update={"event_id": newest.event_id, "count": newest.count, "at": newest.at})
    return status, None


def _logged_state(event: AuditEvent) -> str | None:
    """The proposal state an event left its proposal in, when it says."""
    state = event.data.get("state") if isinstance(event.data, dict) else None
    if isinstance(state, str):
        return state
    suffix = event.action.removeprefix("proposal.")
    if suffix == "created":
        return "pending"
    if suffix in _PROPOSAL_STATES:
        return suffix
    return None


_PROPOSAL_STATES = frozenset(
    {"pending", "edited", "approved", "rejected", "executed", "failed", "superseded"}
)


def _cross_check(session: Session, by_subject: dict[str, list[AuditEvent]]) -> list[str]:
    found: list[str] = []
    decisions: dict[int, list[ReviewDecision]] = defaultdict(list)
    for decision in session.exec(select(ReviewDecision).order_by(col(ReviewDecision.id))):
        decisions[decision.proposal_id].append(decision)
    for proposal in session.exec(select(Proposal).order_by(col(Proposal.id))):
        assert proposal.id is not None
        events = by_subject.get(f"proposal:{proposal.id}", [])
        mine = decisions.get(proposal.id, [])
        actions = {f"proposal.{d.action}" for d in mine}
        logged = [e for e in events if e.action in actions]
        for decision, event in zip(mine, logged, strict=False):
            if (event.action, event.actor) != (f"proposal.{decision.action}", decision.actor) or (
                event.data.get("reason") != decision.reason
            ):
                found.append(
                    f"decision #{decision.id} on proposal {proposal.id} ({decision.actor}: {decision.action}) "
                    f"differs from audit event #{event.id} ({event.actor}: {event.action})"
                )
                break
        if len(mine) != len(logged):
            found.append(
                f"proposal {proposal.id} has {len(mine)} decision(s) but the audit log records {len(logged)}"
            )
        states = [s for s in (_logged_state(e) for e in events) if s is not None]
        if states and states[-1] != proposal.state:
            found.append(
                f"proposal {proposal.id} is {proposal.state}, but the audit log last left it {states[-1]}"
            )
        elif not states and proposal.state != "pending":
            found.append(f"proposal {proposal.id} is {proposal.state}, but the audit log has no event for it")
    queued: dict[str, dict[str, Any]] = {}
    for events in by_subject.values():
        for event in events:
            key = event.data.get("outbox_key") if isinstance(event.data, dict) else None
            if isinstance(key, str):
                queued[key] = event.data
    for item in session.exec(select(OutboxItem).order_by(col(OutboxItem.id))):
        data = queued.get(item.idempotency_key)
        if data is None:
            found.append(f"outbox row {item.idempotency_key} was queued by no audit event")
            continue
        digest = data.get("outbox_payload_sha256")
        if isinstance(digest, str) and digest != payload_digest(item.payload):
            found.append(f"outbox row {item.idempotency_key}: its payload changed after it was approved")
    return found
