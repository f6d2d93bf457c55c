"""Deciding proposals: approve, reject, edit, comment (and reverse an automatic approval).

Every decision is a compare-and-set on the proposal's `version` (two reviewers at once: exactly one
wins, the other gets `DecisionConflict`), is recorded with who, when, why and what changed, goes into
the hash-chained audit log, and an approval becomes one outbox row with an idempotency key, all in
the caller's transaction. Permissions are checked here, on the server: roles, approval limits and
segregation of duties (whoever edited a proposal cannot approve it).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentState
from opsloop.domain.proposals import ProposalState
from opsloop.erp.protocol import ActionKind
from opsloop.errors import NotFoundError, OpsloopError
from opsloop.plan.validation import validate_planner_edit
from opsloop.review.accounts import Actor, Role
from opsloop.review.audit import append_event
from opsloop.store.documents import transition
from opsloop.store.tables import (
    AutonomyRuleSuspension,
    Document,
    OutboxItem,
    Proposal,
    ReviewDecision,
    User,
)
from opsloop.store.types import utcnow


class DecisionAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    EDIT = "edit"
    COMMENT = "comment"
    REVERSE = "reverse"
    """A person overturns an automatic approval (the drift guard counts these)."""
    ASSIGN = "assign"
    """Give the proposal to a reviewer (or to nobody); it stays undecided."""


DECIDABLE_STATES = frozenset(
    {ProposalState.PENDING.value, ProposalState.EDITED.value, ProposalState.FAILED.value}
)
"""States a person can still decide; failed write-backs come back to the queue."""

ACTION_KINDS = {
    "approve_payment": ActionKind.POST_INVOICE,
    "book_credit_note": ActionKind.POST_INVOICE,
    "hold": ActionKind.HOLD_INVOICE,
    "request_credit_note": ActionKind.REQUEST_CREDIT_NOTE,
    "create_purchase_order": ActionKind.CREATE_PURCHASE_ORDER,
    "create_purchase_request": ActionKind.CREATE_PURCHASE_REQUEST,
    "set_safety_stock": ActionKind.CHANGE_SAFETY_STOCK,
    "adjust_stock": ActionKind.ADJUST_STOCK,
    "change_roster": ActionKind.CHANGE_SHIFT,
}
"""Proposal payload `action` -> the ERP action it becomes when approved."""

READ_ONLY_FIELDS = frozenset({"action", "vendor_erp_id", "invoice_number", "sku", "currency"})


class DecisionConflict(OpsloopError):
    hint = "Someone else decided or changed this proposal first: reload it and look again."


class NotAllowed(OpsloopError):
    hint = "Ask an admin for the right role or approval limit, or leave the decision to a colleague."


class InvalidDecision(OpsloopError):
    hint = "Type `help` in the conversation to see what can be said."


class ProposalNotFound(NotFoundError):
    hint = "List what is waiting with `opsloop review` or GET /api/proposals."


class DecisionRequest(BaseModel):
    action: DecisionAction
    reason: str | None = None
    changes: dict[str, str] = Field(default_factory=dict)
    """For `edit`: payload field -> new value (as text; numbers are checked)."""
    assignee: str | None = None
    """For `assign`: the user name to give it to (None: to nobody)."""
    expected_version: int | None = None
    """The version the reviewer saw; None means "the one loaded now" (still compare-and-set)."""


class DecisionOutcome(BaseModel):
    proposal_id: int
    action: DecisionAction
    state: str
    version: int
    decision_id: int
    outbox_key: str | None = None
    message: str


def get_proposal(session: Session, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise ProposalNotFound(f"there is no proposal {proposal_id}")
    return proposal


def editors_of(session: Session, proposal_id: int) -> set[str]:
    return set(
        session.exec(
            select(ReviewDecision.actor).where(
                ReviewDecision.proposal_id == proposal_id, ReviewDecision.action == DecisionAction.EDIT.value
            )
        )
    )


def check_allowed(session: Session, proposal: Proposal, actor: Actor, action: DecisionAction) -> None:
    """Raise NotAllowed unless `actor` may take `action` on `proposal` (roles, limit, duties)."""
    if action is DecisionAction.COMMENT:
        needed = Role.VIEWER
    elif action is DecisionAction.ASSIGN:
        needed = Role.REVIEWER
    elif action is DecisionAction.APPROVE or action is DecisionAction.REVERSE:
        needed = Role.APPROVER
    else:
        needed = Role.REVIEWER
    if proposal.kind == "policy" and action not in (DecisionAction.COMMENT, DecisionAction.ASSIGN):
        needed = Role.ADMIN
    if not actor.at_least(needed):
        raise NotAllowed(
            f"{actor.username} is {_a(actor.role.value)}; to {action.value} takes {_a(needed.value)}"
        )
    if action is DecisionAction.APPROVE:
        amount = abs(proposal.amount) if proposal.amount is not None else None
        if actor.role is not Role.ADMIN and amount is not None:
            limit = actor.approval_limit
            if limit is None or amount > limit:
                raise NotAllowed(
                    f"{amount} {proposal.currency or ''} is over {actor.username}'s approval limit"
                    f" ({'none' if limit is None else limit})".replace("  ", " ")
                )
        assert proposal.id is not None
        if actor.username in editors_of(session, proposal.id):
            raise NotAllowed(
                f"{actor.username} edited this proposal and so cannot also approve it (segregation of duties)"
            )


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def decide(session: Session, proposal_id: int, actor: Actor, request: DecisionRequest) -> DecisionOutcome:
    """Check and apply one person's decision in the caller's transaction (commit it to keep it)."""
    proposal = get_proposal(session, proposal_id)
    check_allowed(session, proposal, actor, request.action)
    return apply_decision(session, proposal, actor.username, request)


def apply_decision(
    session: Session,
    proposal: Proposal,
    actor: str,
    request: DecisionRequest,
    *,
    autonomy_rule: str | None = None,
) -> DecisionOutcome:
    """Apply `request` without permission checks (those are `decide`'s; the autonomy policy has its own)."""
    assert proposal.id is not None
    expected = proposal.version if request.expected_version is None else request.expected_version
    if expected != proposal.version:
        raise DecisionConflict(
            f"proposal {proposal.id} is at version {proposal.version}, you saw version {expected}"
        )
    action = request.action
    reason = (request.reason or "").strip() or None
    if action is DecisionAction.COMMENT:
        if reason is None:
            raise InvalidDecision("a comment needs some text")
        return _record(session, proposal, actor, request, reason, {}, autonomy_rule, outbox_key=None)
    values: dict[str, Any]
    changes: dict[str, Any] = {}
    if action is DecisionAction.REVERSE:
        if proposal.state not in (ProposalState.APPROVED.value, ProposalState.EXECUTED.value):
            raise InvalidDecision(
                f"proposal {proposal.id} is {proposal.state}; only approvals can be reversed"
            )
        if reason is None:
            raise InvalidDecision("say why the approval is reversed, e.g. `reverse: wrong vendor`")
        values = {"state": ProposalState.REJECTED.value}
    elif proposal.state not in DECIDABLE_STATES:
        raise DecisionConflict(f"proposal {proposal.id} is already {proposal.state}")
    elif action is DecisionAction.APPROVE:
        values = {"state": ProposalState.APPROVED.value}
    elif action is DecisionAction.REJECT:
        if reason is None:
            raise InvalidDecision("say why it is rejected, e.g. `reject: price too high`")
        values = {"state": ProposalState.REJECTED.value}
    elif action is DecisionAction.ASSIGN:
        assignee = _assignee(session, request.assignee)
        if assignee == proposal.assignee:
            raise InvalidDecision(f"it is assigned to {assignee or 'nobody'} already")
        values = {"assignee": assignee}
        changes = {"assignee": {"from": proposal.assignee, "to": assignee}}
    else:  # EDIT
        payload, changes, amount = _edited(proposal, request.changes)
        values = {"state": ProposalState.EDITED.value, "payload": payload, "amount": amount}
    now = utcnow()
    result = session.execute(
        update(Proposal)
        .where(col(Proposal.id) == proposal.id, col(Proposal.version) == expected)
        .values(version=expected + 1, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise DecisionConflict(f"proposal {proposal.id} was decided or changed by someone else just now")
    for key, value in {"version": expected + 1, "updated_at": now, **values}.items():
        set_committed_value(proposal, key, value)
    outbox_key = None
    if action is DecisionAction.APPROVE:
        outbox_key = _enqueue(session, proposal)
        if proposal.payload.get("action") == "lift_suspension":
            lift_suspension(session, str(proposal.payload.get("rule_id")), actor)
        _settle_document(session, proposal, f"{actor} approved proposal {proposal.id}")
    elif action is DecisionAction.REJECT:
        _settle_document(session, proposal, f"{actor} rejected proposal {proposal.id}: {reason}")
    elif action is DecisionAction.REVERSE:
        _cancel_outbox(session, proposal, f"reversed by {actor}: {reason}")
    return _record(session, proposal, actor, request, reason, changes, autonomy_rule, outbox_key=outbox_key)


def _record(
    session: Session,
    proposal: Proposal,
    actor: str,
    request: DecisionRequest,
    reason: str | None,
    changes: dict[str, Any],
    autonomy_rule: str | None,
    *,
    outbox_key: str | None,
) -> DecisionOutcome:
    assert proposal.id is not None
    decision = ReviewDecision(
        proposal_id=proposal.id,
        actor=actor,
        action=request.action.value,
        reason=reason,
        changes=changes,
        autonomy_rule=autonomy_rule,
    )
    session.add(decision)
    session.flush()
    assert decision.id is not None
    append_event(
        session,
        actor,
        f"proposal.{request.action.value}",
        f"proposal:{proposal.id}",
        {
            "version": proposal.version,
            "state": proposal.state,
            "reason": reason,
            "changes": changes,
            "autonomy_rule": autonomy_rule,
            "outbox_key": outbox_key,
        },
    )
    verb = {
        DecisionAction.APPROVE: "Approved",
        DecisionAction.REJECT: "Rejected",
        DecisionAction.EDIT: "Edited",
        DecisionAction.COMMENT: "Comment recorded on",
        DecisionAction.REVERSE: "Reversed the approval of",
        DecisionAction.ASSIGN: "Assigned",
    }[request.action]
    message = f"{verb} proposal {proposal.id}."
    if outbox_key is not None:
        message += " The action is queued for the ERP."
    if changes:
        shown = {None: "nobody"} if request.action is DecisionAction.ASSIGN else {}
        message += " " + "; ".join(
            f"{k}: {shown.get(v['from'], v['from'])} → {shown.get(v['to'], v['to'])}"
            for k, v in changes.items()
        )
    return DecisionOutcome(
        proposal_id=proposal.id,
        action=request.action,
        state=proposal.state,
        version=proposal.version,
        decision_id=decision.id,
        outbox_key=outbox_key,
        message=message,
    )


def _editable(field: str, value: Any) -> bool:
    """A scalar field outside READ_ONLY_FIELDS; structured ones (an invoice's lines, the credit notes
    of a pair) are the documents' own figures, never retyped in a chat line."""
    return field not in READ_ONLY_FIELDS and not isinstance(value, (list, dict))


def _edited(proposal: Proposal, requested: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any], Any]:
    if not requested:
        raise InvalidDecision("an edit needs at least one field, e.g. `set quantity to 40`")
    payload = dict(proposal.payload)
    changes: dict[str, Any] = {}
    for field, raw in requested.items():
        if field not in payload:
            editable = sorted(k for k in payload if _editable(k, payload[k]))
            raise InvalidDecision(
                f"this proposal has no {field!r}; editable: {', '.join(editable) or 'nothing'}"
            )
        if not _editable(field, payload[field]):
            raise InvalidDecision(f"{field!r} cannot be edited here")
        old = payload[field]
        new: Any = raw.strip()
        if isinstance(old, (int, float)) or _is_number(old):
            try:
                number = Decimal(new)
            except InvalidOperation:
                raise InvalidDecision(f"{field} must be a number, not {raw!r}") from None
            if not number.is_finite() or number < 0:
                raise InvalidDecision(f"{field} must be a number of at least 0")
            new = (
                int(number) if isinstance(old, int) and number == number.to_integral_value() else str(number)
            )
        if str(new) != str(old):
            changes[field] = {"from": old, "to": new}
            payload[field] = new
    if not changes:
        raise InvalidDecision("that is what the proposal says already")
    problems = validate_planner_edit(proposal.kind, payload, proposal.working)  # pack size, MOQ, budget
    if problems:
        raise InvalidDecision("; ".join(problems))
    amount = proposal.amount
    if "quantity" in changes and _is_number(payload.get("unit_cost")):
        amount = (Decimal(str(payload["quantity"])) * Decimal(str(payload["unit_cost"]))).quantize(
            Decimal("0.01")
        )
    return payload, changes, amount


def _assignee(session: Session, username: str | None) -> str | None:
    """The user a proposal can be assigned to: active, and at least a reviewer (None: nobody)."""
    if username is None or not username.strip():
        return None
    user = session.exec(select(User).where(User.username == username.strip())).first()
    if user is None or not user.active:
        raise InvalidDecision(f"there is no active user {username.strip()!r} to assign it to")
    if Role(user.role) is Role.VIEWER:
        raise InvalidDecision(f"{user.username} is a viewer and cannot decide proposals")
    return user.username


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    try:
        return Decimal(str(value)).is_finite()
    except InvalidOperation:
        return False


def _enqueue(session: Session, proposal: Proposal) -> str | None:
    """The outbox row for an approved proposal (None when its action needs nothing from the ERP)."""
    assert proposal.id is not None
    kind = ACTION_KINDS.get(str(proposal.payload.get("action")))
    if kind is None:
        return None
    key = f"proposal-{proposal.id}-v{proposal.version}"
    session.add(
        OutboxItem(
            proposal_id=proposal.id, idempotency_key=key, action_kind=kind.value, payload=proposal.payload
        )
    )
    session.flush()
    return key


def _cancel_outbox(session: Session, proposal: Proposal, why: str) -> None:
    for item in session.exec(
        select(OutboxItem).where(OutboxItem.proposal_id == proposal.id, OutboxItem.state == "pending")
    ):
        item.state = "failed"
        item.last_error = why
        item.version += 1
        item.updated_at = utcnow()
        session.add(item)


def _settle_document(session: Session, proposal: Proposal, reason: str) -> None:
    """A decided invoice proposal closes its document (in_review -> done)."""
    if proposal.document_id is None or not proposal.kind.startswith("invoice"):
        return
    document = session.get(Document, proposal.document_id)
    if document is not None and document.state == DocumentState.IN_REVIEW.value:
        transition(session, document, DocumentState.DONE, stage="review", reason=reason)


def decisions_of(session: Session, proposal_id: int) -> list[ReviewDecision]:
    return list(
        session.exec(
            select(ReviewDecision)
            .where(ReviewDecision.proposal_id == proposal_id)
            .order_by(col(ReviewDecision.id))
        )
    )


def lift_suspension(session: Session, rule_id: str, actor: str) -> int:
    """Lift the open suspensions of autonomy rule `rule_id`; returns how many were lifted."""
    rows = session.exec(
        select(AutonomyRuleSuspension).where(
            AutonomyRuleSuspension.rule_id == rule_id, col(AutonomyRuleSuspension.lifted_at).is_(None)
        )
    ).all()
    for row in rows:
        row.lifted_at = utcnow()
        row.lifted_by = actor
        session.add(row)
    if rows:
        session.flush()
        append_event(session, actor, "autonomy.rule_lifted", f"autonomy-rule:{rule_id}", {"count": len(rows)})
    return len(rows)
