"""The outbox worker: pushes approved actions to the ERP connector, exactly once per idempotency key.

A row is claimed with a compare-and-set (pending -> pushing, with a lease) and the claim is committed
before the connector is called, so two workers never push the same row at once. A worker that dies
mid-push leaves the row `pushing`; once the lease has run out another worker takes it over, and the
connector's own idempotency (the same key is never applied twice) makes the second push harmless.
Transient failures are retried with backoff; a permanent refusal, or too many attempts, marks the row
and its proposal `failed`, which puts the proposal back in the review queue. Rows of rejections and
of reversals (compensating actions) change no proposal state; their outcome is audited. A row whose
decision was undone before the push is `cancelled` and never pushed.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel
from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from opsloop.domain.proposals import ProposalState
from opsloop.erp.protocol import ActionKind, Connector, ErpAction, PushRejected
from opsloop.erp.writeback import ROUNDING_KEY
from opsloop.review.audit import append_event
from opsloop.store.tables import OutboxItem, Proposal
from opsloop.store.types import utcnow

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5


class PushReport(BaseModel):
    executed: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    """Rows another worker claimed first."""


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at one hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def due_items(session: Session, limit: int = 100) -> list[OutboxItem]:
    now = utcnow()
    return list(
        session.exec(
            select(OutboxItem)
            .where(
                or_(
                    and_(col(OutboxItem.state) == "pending", col(OutboxItem.next_attempt_at) <= now),
                    and_(col(OutboxItem.state) == "pushing", col(OutboxItem.claimed_until) < now),
                )
            )
            .order_by(col(OutboxItem.id))
            .limit(limit)
        )
    )


def _cas(session: Session, item_id: int, version: int, **values: object) -> bool:
    result = session.execute(
        update(OutboxItem)
        .where(col(OutboxItem.id) == item_id, col(OutboxItem.version) == version)
        .values(version=version + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


def _settle_proposal(
    session: Session, proposal_id: int, state: ProposalState, detail: str, action_kind: str
) -> None:
    """An approval's row pushed (executed) or refused (failed: back to the queue). A reversal's or a
    rejection's row changes no proposal state; its outcome is audited on the proposal."""
    if action_kind in (ActionKind.REVERSE_ACTION.value, ActionKind.REJECT_INVOICE.value):
        what = "reversal" if action_kind == ActionKind.REVERSE_ACTION.value else "rejection"
        outcome = "executed" if state is ProposalState.EXECUTED else "failed"
        append_event(
            session, "outbox", f"proposal.{what}_{outcome}", f"proposal:{proposal_id}", {"detail": detail}
        )
        return
    result = session.execute(
        update(Proposal)
        .where(col(Proposal.id) == proposal_id, col(Proposal.state) == ProposalState.APPROVED.value)
        .values(state=state.value, version=Proposal.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    event = f"proposal.{state.value}" if result.rowcount == 1 else f"outbox.{state.value}"  # type: ignore[attr-defined]
    append_event(session, "outbox", event, f"proposal:{proposal_id}", {"detail": detail})


def push_outbox(
    session: Session, connector: Connector, *, limit: int = 100, max_attempts: int = MAX_ATTEMPTS
) -> PushReport:
    """Push every due outbox row through `connector`, committing after each step."""
    report = PushReport()
    session.commit()
    # Snapshot what was due: after each commit the loaded rows refresh, and a row another worker
    # claimed meanwhile must then fail the compare-and-set, not pass it with the new version.
    due = [
        (
            item.id,
            item.version,
            item.attempts,
            item.action_kind,
            item.idempotency_key,
            item.payload,
            item.proposal_id,
        )
        for item in due_items(session, limit)
    ]
    session.commit()
    rounding: str | None = None
    for item_id, seen_version, seen_attempts, action_kind, key, payload, proposal_id in due:
        assert item_id is not None
        claimed = _cas(
            session,
            item_id,
            seen_version,
            state="pushing",
            claimed_until=utcnow() + LEASE,
            attempts=seen_attempts + 1,
            connector=connector.name,
        )
        session.commit()
        if not claimed:
            report.skipped += 1
            continue
        version = seen_version + 1
        attempts = seen_attempts + 1
        if action_kind == ActionKind.POST_INVOICE.value and ROUNDING_KEY not in payload:
            # how far the ERP's arithmetic may move the approved figures (the policy in force now)
            if rounding is None:
                from opsloop.reconcile.policies import load_policy  # the reconciler's package: loaded late

                rounding = str(load_policy(session).erp_rounding_abs)
            payload = {**payload, ROUNDING_KEY: rounding}
        action = ErpAction(kind=ActionKind(action_kind), idempotency_key=key, payload=payload)
        try:
            result = connector.push(action)
        except PushRejected as error:
            _cas(
                session, item_id, version, state="failed", claimed_until=None, last_error=f"refused: {error}"
            )
            _settle_proposal(
                session, proposal_id, ProposalState.FAILED, f"the ERP refused: {error}", action_kind
            )
            report.failed += 1
        except Exception as error:  # transient by the connector protocol: retry later
            if attempts >= max_attempts:
                _cas(session, item_id, version, state="failed", claimed_until=None, last_error=repr(error))
                _settle_proposal(
                    session,
                    proposal_id,
                    ProposalState.FAILED,
                    f"gave up after {attempts} attempts: {error!r}",
                    action_kind,
                )
                report.failed += 1
            else:
                _cas(
                    session,
                    item_id,
                    version,
                    state="pending",
                    claimed_until=None,
                    next_attempt_at=utcnow() + backoff(attempts),
                    last_error=repr(error),
                )
                report.retried += 1
        else:
            if _cas(
                session,
                item_id,
                version,
                state="executed",
                claimed_until=None,
                external_id=result.external_id,
                last_error=None,
            ):
                _settle_proposal(session, proposal_id, ProposalState.EXECUTED, result.detail, action_kind)
                report.executed += 1
            else:
                report.skipped += 1
        session.commit()
    return report
