"""Deciding proposals: decisions named by what they do to the invoice or the plan.

approve (approve for payment · keep on hold · request the credit note · accept a plan), hold (put an
invoice proposed for payment on hold), release (pay a held invoice anyway, with the reason), reject
(with the reason; for an invoice the ERP is told), edit (every edit re-checked), comment, assign,
undo (take a decision back until the outbox has pushed it) and reverse (after the push: a
compensating outbox action where the connector can do it, a clear warning where it cannot).

Every decision is a compare-and-set on the proposal's `version` (two reviewers at once: exactly one
wins, the other gets `DecisionConflict`), is recorded with who, when, why and what changed, goes into
the hash-chained audit log, and an approval becomes one outbox row with an idempotency key, all in
the caller's transaction. Permissions are checked here, on the server: roles, approval limits and
segregation of duties (whoever edited a proposal cannot approve it). Limits always judge the amount
the approval will post, recomputed from the payload (`judged_amount`), never a stored figure an edit
could have left behind. A decision the system cannot carry out exactly is refused with what it
would need; one above the confirmation threshold or against a check needs `confirmed`.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentState
from opsloop.domain.proposals import ProposalState
from opsloop.erp.protocol import ActionKind
from opsloop.plan.validation import validate_planner_edit
from opsloop.review.accounts import Actor, Role
from opsloop.review.amounts import CENT as CENT
from opsloop.review.amounts import (
    MOVES_MONEY,
    ORDERS,
    number,
    parse_amount,
    payment_gaps,
    posted_amount,
    with_item_master,
)
from opsloop.review.amounts import PAYMENTS as PAYMENTS
from opsloop.review.amounts import judged_amount as judged_amount
from opsloop.review.audit import append_event
from opsloop.review.errors import DecisionConflict as DecisionConflict
from opsloop.review.errors import InvalidDecision as InvalidDecision
from opsloop.review.errors import NeedsConfirmation as NeedsConfirmation
from opsloop.review.errors import NotAllowed as NotAllowed
from opsloop.review.errors import ProposalNotFound as ProposalNotFound
from opsloop.store.documents import transition
from opsloop.store.tables import (
    AutonomyRuleSuspension,
    Correction,
    Document,
    OutboxItem,
    Proposal,
    ReviewDecision,
    User,
    Vendor,
)
from opsloop.store.types import utcnow


class DecisionAction(StrEnum):
    APPROVE = "approve"
    """Do what the proposal says: approve for payment, keep on hold, request the credit note, accept."""
    REJECT = "reject"
    EDIT = "edit"
    COMMENT = "comment"
    REVERSE = "reverse"
    """Undo an approval already taken (after the push: with a compensating outbox action); the
    proposal is open again. The drift guard counts these against automatic approvals."""
    ASSIGN = "assign"
    """Give the proposal to a reviewer (or to nobody); it stays undecided."""
    HOLD = "hold"
    """Put an invoice proposed for payment on hold (reason required); the ERP is told."""
    RELEASE = "release"
    """Release a held invoice, or pay one proposed for a credit-note request anyway (reason required):
    it is approved for payment as the reconciliation read it."""
    UNDO = "undo"
    """Take back the last decision (or edit) while the outbox has not pushed it; the proposal reopens."""


DECIDABLE_STATES = frozenset(
    {ProposalState.PENDING.value, ProposalState.EDITED.value, ProposalState.FAILED.value}
)
"""States a person can still decide; failed write-backs come back to the queue."""

DECIDED_STATES = frozenset({ProposalState.APPROVED.value, ProposalState.REJECTED.value})

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

UNDOABLE = frozenset(
    {
        DecisionAction.APPROVE.value,
        DecisionAction.REJECT.value,
        DecisionAction.HOLD.value,
        DecisionAction.RELEASE.value,
        DecisionAction.EDIT.value,
    }
)


class DecisionRequest(BaseModel):
    action: DecisionAction
    reason: str | None = None
    changes: dict[str, str] = Field(default_factory=dict)
    """For `edit`: field -> new value (as text; numbers, dates and references are checked). Invoice
    proposals edit the invoice as read (`total`, `invoice_date`, `vendor` (an ERP vendor id),
    `po_numbers`, `lines.2.quantity`, `lines.2.po_line` (`PO/line`), `lines.2` = `remove`,
    `lines.new.description`, ...); planner proposals their payload (`quantity`, checked against the
    pack size and minimum order quantity)."""
    assignee: str | None = None
    """For `assign`: the user name to give it to (None: to nobody)."""
    expected_version: int | None = None
    """The version the reviewer saw; None means "the one loaded now" (still compare-and-set)."""
    confirmed: bool = False
    """The reviewer saw the confirmation summary and goes ahead."""
    remember_recurring: bool = False
    """With `approve` (an invoice proposed for payment) or `release` (a held one): also remember it as a
    recurring charge without an order (a subscription, a rent): the vendor's invoice for the next period,
    same account, currency and amount, then passes without a PO (`review/recurring.py`)."""
    recurring_months: int = 1
    """With `remember_recurring`: the months between two invoices (1, 3, 6 or 12)."""


class DecisionOutcome(BaseModel):
    proposal_id: int
    action: DecisionAction
    state: str
    version: int
    decision_id: int
    outbox_key: str | None = None
    message: str
    warnings: list[str] = Field(default_factory=list)
    """What the reviewer must do by hand (e.g. a reversal the connector cannot carry out)."""


class Choice(BaseModel):
    """One decision the page offers, named by what it does."""

    action: DecisionAction
    label: str
    needs_reason: bool = False
    primary: bool = False


def get_proposal(session: Session, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise ProposalNotFound(f"there is no proposal {proposal_id}")
    return proposal


# ------------------------------------------------------------------ amounts


# ------------------------------------------------------------------ permissions


def editors_of(session: Session, proposal_id: int) -> set[str]:
    """Who edited the proposal (edits taken back with `undo` no longer count)."""
    undone = _undone_ids(session, proposal_id)
    return {
        d.actor
        for d in session.exec(
            select(ReviewDecision).where(
                ReviewDecision.proposal_id == proposal_id, ReviewDecision.action == DecisionAction.EDIT.value
            )
        )
        if d.id not in undone
    }


def _needed_role(proposal: Proposal, action: DecisionAction) -> Role:
    if action is DecisionAction.COMMENT:
        needed = Role.VIEWER
    elif action in (DecisionAction.APPROVE, DecisionAction.REVERSE, DecisionAction.RELEASE):
        needed = Role.APPROVER
    else:
        needed = Role.REVIEWER
    if proposal.kind == "policy" and action not in (DecisionAction.COMMENT, DecisionAction.ASSIGN):
        needed = Role.ADMIN
    return needed


def check_allowed(session: Session, proposal: Proposal, actor: Actor, action: DecisionAction) -> None:
    """Raise NotAllowed unless `actor` may take `action` on `proposal` (roles, limit, duties)."""
    needed = _needed_role(proposal, action)
    if not actor.at_least(needed):
        raise NotAllowed(
            f"{actor.username} is {_a(actor.role.value)}; to {action.value} takes {_a(needed.value)}"
        )
    if action in (DecisionAction.APPROVE, DecisionAction.RELEASE):
        _check_limit(proposal, actor, _payload_after(session, proposal, action))
        assert proposal.id is not None
        if actor.username in editors_of(session, proposal.id):
            raise NotAllowed(
                f"{actor.username} edited this proposal and so cannot also approve it (segregation of duties)"
            )


def _check_limit(proposal: Proposal, actor: Actor, payload: dict[str, Any]) -> None:
    if actor.role is Role.ADMIN:
        return
    probe = Proposal(
        kind=proposal.kind, title="", summary="", subject_key="", payload=payload, amount=proposal.amount
    )
    amount = judged_amount(probe)
    if amount is None:
        return
    amount = abs(amount)
    limit = actor.approval_limit
    if limit is None or amount > limit:
        raise NotAllowed(
            f"{amount:,.2f} {proposal.currency or ''} is over {actor.username}'s approval limit"
            f" ({'none' if limit is None else f'{limit:,.2f}'})".replace("  ", " ")
        )


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


# ------------------------------------------------------------------ what can be decided


def is_invoice(proposal: Proposal) -> bool:
    return proposal.kind.startswith("invoice")


def choices(session: Session, proposal: Proposal) -> list[Choice]:
    """The decisions the proposal offers now, named by what they do (the page's buttons)."""
    action = str((proposal.payload or {}).get("action") or "")
    if proposal.state in DECIDED_STATES or proposal.state == ProposalState.EXECUTED.value:
        item = _last_outbox(session, proposal)
        if item is not None and item.state in ("executed", "pushing"):
            return [Choice(action=DecisionAction.REVERSE, label="Reverse in the ERP", needs_reason=True)]
        return [Choice(action=DecisionAction.UNDO, label="Undo the decision")]
    if proposal.state not in DECIDABLE_STATES:
        return []
    if proposal.kind == "policy":
        return [
            Choice(action=DecisionAction.APPROVE, label="Lift the suspension", primary=True),
            Choice(action=DecisionAction.REJECT, label="Keep it suspended", needs_reason=True),
        ]
    if not is_invoice(proposal):
        return [
            Choice(action=DecisionAction.APPROVE, label="Accept", primary=True),
            Choice(action=DecisionAction.REJECT, label="Decline", needs_reason=True),
        ]
    if action == "hold":
        return [
            Choice(action=DecisionAction.APPROVE, label="Keep on hold", primary=True),
            Choice(action=DecisionAction.RELEASE, label="Release the hold and pay", needs_reason=True),
            Choice(action=DecisionAction.REJECT, label="Reject the invoice", needs_reason=True),
        ]
    if action == "request_credit_note":
        return [
            Choice(action=DecisionAction.APPROVE, label="Request the credit note", primary=True),
            Choice(action=DecisionAction.RELEASE, label="Pay anyway", needs_reason=True),
            Choice(action=DecisionAction.REJECT, label="Reject the invoice", needs_reason=True),
        ]
    label = "Book the credit note" if action == "book_credit_note" else "Approve for payment"
    return [
        Choice(action=DecisionAction.APPROVE, label=label, primary=True),
        Choice(action=DecisionAction.HOLD, label="Put on hold", needs_reason=True),
        Choice(action=DecisionAction.REJECT, label="Reject the invoice", needs_reason=True),
    ]


def state_label(proposal: Proposal) -> str:
    """The state as what happened to the invoice or the plan ("approved for payment", "kept on hold")."""
    action = str((proposal.payload or {}).get("action") or "")
    state = proposal.state
    if state in (ProposalState.APPROVED.value, ProposalState.EXECUTED.value):
        done = {
            "approve_payment": "approved for payment",
            "book_credit_note": "credit note approved",
            "hold": "kept on hold",
            "request_credit_note": "credit note requested",
        }.get(action, "accepted" if not is_invoice(proposal) else "approved")
        return done + (" · in the ERP" if state == ProposalState.EXECUTED.value else "")
    if state == ProposalState.REJECTED.value:
        return "declined" if not is_invoice(proposal) else "rejected"
    if state == ProposalState.FAILED.value:
        return "the ERP refused it: decide again"
    return state


# ------------------------------------------------------------------ confirmation


def confirmation_summary(
    session: Session, proposal: Proposal, action: DecisionAction, *, confirm_above: Decimal | None
) -> list[str]:
    """Why `action` on `proposal` needs one confirmation, as the summary to show (empty: it needs
    none): above `confirm_above`, against a failed check, releasing a hold, reversing what the ERP has."""
    reasons: list[str] = []
    payload = _payload_after(session, proposal, action)
    kind = str(payload.get("action") or "")
    if action in (DecisionAction.APPROVE, DecisionAction.RELEASE) and kind in MOVES_MONEY:
        amount = posted_amount(payload, proposal.amount)
        if confirm_above is not None and amount is not None and abs(amount) > confirm_above:
            reasons.append(
                f"{abs(amount):,.2f} {proposal.currency or ''} is above {confirm_above:,.2f}".strip()
            )
        failed = failed_checks(session, proposal)
        if failed:
            reasons.append("against failed checks: " + "; ".join(failed[:4]))
        if action is DecisionAction.RELEASE:
            held = [str(r).replace("_", " ") for r in (proposal.payload or {}).get("reasons") or []]
            reasons.append("it overrides the hold" + (f" ({', '.join(held)})" if held else ""))
        reversal = _reversal_left_open(session, proposal)
        if reversal:
            reasons.append(reversal)
    if action is DecisionAction.REVERSE:
        item = _last_outbox(session, proposal)
        if item is not None and item.state == "executed":
            reasons.append(f"the ERP has it already ({item.external_id or item.idempotency_key})")
    if not reasons:
        return []
    return [_what_it_does(session, proposal, action, payload), *reasons]


def _what_it_does(
    session: Session, proposal: Proposal, action: DecisionAction, payload: dict[str, Any]
) -> str:
    """One line saying what the decision does: what is paid or ordered, to whom, for how much."""
    amount = posted_amount(payload, proposal.amount)
    money = "" if amount is None else f"{amount:,.2f} {proposal.currency or ''}".strip()
    erp_id = payload.get("vendor_erp_id")
    vendor = session.exec(select(Vendor).where(Vendor.erp_id == str(erp_id))).first() if erp_id else None
    whom = (
        f"{vendor.name} ({erp_id})"
        if vendor is not None
        else (str(erp_id) if erp_id else "an unknown vendor")
    )
    if action is DecisionAction.REVERSE:
        return f"Reverse #{proposal.id} ({proposal.title})"
    kind = str(payload.get("action") or "")
    if kind in PAYMENTS:
        what = "Approve for payment" if kind == "approve_payment" else "Book the credit note"
        number = payload.get("invoice_number") or "(no number)"
        kept = (
            f" (already in the ERP as {payload['in_erp_as']}: not written again)"
            if payload.get("in_erp_as")
            else ""
        )
        return f"{what}: invoice {number} of {whom}, {money}{kept}"
    if kind in ORDERS:
        unit = f" {payload['unit']}" if payload.get("unit") else ""
        return f"Order {payload.get('quantity')}{unit} of {payload.get('sku')} from {whom} for {money}"
    return f"Approve #{proposal.id}: {proposal.title}"


def failed_checks(session: Session, proposal: Proposal) -> list[str]:
    """The proposal's failed checks (reconciliation and the invoice's own arithmetic), as sentences."""
    working: dict[str, Any] = proposal.working or {}
    failed = [
        str(c.get("detail") or c.get("name"))
        for c in working.get("checks") or []
        if isinstance(c, dict) and c.get("passed") is False
    ]
    if proposal.document_id is not None and is_invoice(proposal):
        from opsloop.store.tables import Invoice

        invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
        if invoice is not None:
            failed += [
                f"{c.get('name')}: {c.get('detail')}"
                for c in invoice.extraction.get("checks") or []
                if isinstance(c, dict) and c.get("passed") is False
            ]
    return failed


# ------------------------------------------------------------------ deciding


def decide(
    session: Session,
    proposal_id: int,
    actor: Actor,
    request: DecisionRequest,
    *,
    confirm_above: Decimal | None = None,
) -> DecisionOutcome:
    """Check and apply one person's decision in the caller's transaction (commit it to keep it).
    Raises NeedsConfirmation (nothing changed) when the decision is above `confirm_above` or against a
    check and `request.confirmed` is not set."""
    proposal = get_proposal(session, proposal_id)
    if request.action is DecisionAction.UNDO:
        return undo(session, proposal, actor, request)
    check_allowed(session, proposal, actor, request.action)
    require_reason(proposal, request.action, request.reason)
    if request.remember_recurring:
        _check_rememberable(session, proposal, request)
    if request.action in (DecisionAction.APPROVE, DecisionAction.RELEASE, DecisionAction.REVERSE):
        _check_expected(proposal, request)
        summary = confirmation_summary(session, proposal, request.action, confirm_above=confirm_above)
        if summary and not request.confirmed:
            raise NeedsConfirmation(summary[0] + ": please confirm.", summary)
    outcome = apply_decision(session, proposal, actor.username, request)
    if request.remember_recurring:
        outcome = _remember(session, proposal, actor.username, request, outcome)
    return outcome


def _check_rememberable(session: Session, proposal: Proposal, request: DecisionRequest) -> None:
    """A recurring charge is remembered with an approval for payment or a release, of an invoice without a PO."""
    from opsloop.review.recurring import check_rememberable  # it reads the reconciliation's tables

    paying = request.action is DecisionAction.RELEASE or (
        request.action is DecisionAction.APPROVE
        and (proposal.payload or {}).get("action") == "approve_payment"
    )
    if not paying:
        raise InvalidDecision(
            "a recurring charge is remembered with the invoice's approval for payment or the release of its hold"
        )
    check_rememberable(session, proposal, request.recurring_months)


def _remember(
    session: Session, proposal: Proposal, actor: str, request: DecisionRequest, outcome: DecisionOutcome
) -> DecisionOutcome:
    """Make the recurring-charge agreement the person asked for with the decision just applied."""
    from opsloop.review.recurring import remember_recurring_charge

    agreement = remember_recurring_charge(
        session,
        proposal,
        actor,
        decision_id=outcome.decision_id,
        cadence_months=request.recurring_months,
        note=request.reason,
    )
    decision = session.get(ReviewDecision, outcome.decision_id)
    if decision is not None:  # undoing the decision revokes the agreement
        decision.changes = {**(decision.changes or {}), "_recurring": agreement.id}
        session.add(decision)
    outcome.message += (
        f" Remembered as a recurring charge (agreement #{agreement.id}): the vendor's invoice for the next "
        "period, same account, currency and amount, will pass without a PO."
    )
    return outcome


REASON_EXAMPLES = {
    DecisionAction.REJECT: "why it is rejected, e.g. `reject: price too high`",
    DecisionAction.HOLD: "why it is held, e.g. `hold: waiting for the delivery note`",
    DecisionAction.RELEASE: "why the hold is released, e.g. `release: goods arrived, receipt follows`",
    DecisionAction.REVERSE: "why it is reversed, e.g. `reverse: wrong vendor`",
}


def require_reason(proposal: Proposal, action: DecisionAction, reason: str | None) -> None:
    """Reject, hold, release and reverse say why (the audit log shows it)."""
    example = REASON_EXAMPLES.get(action)
    if example is not None and not (reason or "").strip():
        if action is DecisionAction.REJECT and not is_invoice(proposal):
            example = "why it is declined, e.g. `decline: season ends`"
        raise InvalidDecision(f"say {example}")


def _check_expected(proposal: Proposal, request: DecisionRequest) -> None:
    if request.expected_version is not None and request.expected_version != proposal.version:
        raise DecisionConflict(
            f"proposal {proposal.id} is at version {proposal.version}, you saw version {request.expected_version}"
        )


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
        return record_decision(session, proposal, actor, request, reason, {}, autonomy_rule, outbox_key=None)
    if action is DecisionAction.REVERSE:
        return _reverse(session, proposal, actor, request, reason, expected)
    if action is DecisionAction.EDIT and proposal.state in DECIDABLE_STATES and is_invoice(proposal):
        from opsloop.review.corrections import edit_invoice  # corrections imports this module

        return edit_invoice(session, proposal, actor, request, expected)
    values: dict[str, Any]
    changes: dict[str, Any] = {}
    if proposal.state not in DECIDABLE_STATES:
        raise DecisionConflict(
            f"proposal {proposal.id} is already {state_label(proposal)}"
            + ("; say `undo` to take that decision back" if proposal.state in DECIDED_STATES else "")
        )
    if action is DecisionAction.APPROVE:
        _refuse_inexact(session, proposal, dict(proposal.payload))
        values = {"state": ProposalState.APPROVED.value}
    elif action is DecisionAction.REJECT:
        if reason is None:
            noun = "declined" if not is_invoice(proposal) else "rejected"
            raise InvalidDecision(f"say why it is {noun}, e.g. `reject: price too high`")
        values = {"state": ProposalState.REJECTED.value}
    elif action is DecisionAction.HOLD:
        values, changes = _hold(proposal, actor, reason)
    elif action is DecisionAction.RELEASE:
        values, changes = _release(session, proposal, actor, reason)
    elif action is DecisionAction.ASSIGN:
        assignee = _assignee(session, request.assignee)
        if assignee == proposal.assignee:
            raise InvalidDecision(f"it is assigned to {assignee or 'nobody'} already")
        values = {"assignee": assignee}
        changes = {"assignee": {"from": proposal.assignee, "to": assignee}}
    else:  # EDIT of a planner (or other payload) proposal
        payload, changes, amount = _edited(session, proposal, request.changes)
        values = {"state": ProposalState.EDITED.value, "payload": payload, "amount": amount}
    compare_and_set(session, proposal, expected, values)
    outbox_key = None
    if action in (DecisionAction.APPROVE, DecisionAction.HOLD, DecisionAction.RELEASE):
        outbox_key = _enqueue(session, proposal)
        if action is DecisionAction.APPROVE and proposal.payload.get("action") == "lift_suspension":
            lift_suspension(session, str(proposal.payload.get("rule_id")), actor)
        _settle_document(
            session, proposal, f"{actor} decided proposal {proposal.id}: {state_label(proposal)}"
        )
    elif action is DecisionAction.REJECT:
        outbox_key = _enqueue_rejection(session, proposal, reason or "")
        _settle_document(session, proposal, f"{actor} rejected proposal {proposal.id}: {reason}")
    outcome = record_decision(
        session, proposal, actor, request, reason, changes, autonomy_rule, outbox_key=outbox_key
    )
    if action is DecisionAction.EDIT:
        _record_corrections(session, proposal, actor, outcome.decision_id, changes)
    return outcome


def compare_and_set(session: Session, proposal: Proposal, expected: int, values: dict[str, Any]) -> None:
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


def _refuse_inexact(session: Session, proposal: Proposal, payload: dict[str, Any]) -> None:
    """Refuse an approval the ERP could not carry out exactly as the page shows it."""
    if str(payload.get("action") or "") in PAYMENTS:
        gaps = payment_gaps(payload)
        if gaps:
            raise InvalidDecision("this cannot be posted exactly as shown: " + "; ".join(gaps))
    reversal = _reversal_pending(session, proposal)
    if reversal is not None:
        raise InvalidDecision(
            f"the reversal of the earlier approval ({reversal.idempotency_key}) has not reached the ERP yet; "
            "decide again once it has (`opsloop outbox push`)"
        )


def _payload_after(session: Session, proposal: Proposal, action: DecisionAction) -> dict[str, Any]:
    """The payload the decision would send: a release sends the payment the invoice was read as."""
    if action is DecisionAction.RELEASE:
        try:
            return released_payload(session, proposal)
        except InvalidDecision:
            return dict(proposal.payload or {})
    return dict(proposal.payload or {})


def released_payload(session: Session, proposal: Proposal) -> dict[str, Any]:
    """What releasing a hold pays (`payment_payload`). A hold whose invoice's draft is (or may still be)
    in the ERP (its PO amended after the draft was written; `erp_invoice`, unless the ERP said it deleted
    or cancelled it) carries `in_erp_as`: the release settles it in opsloop and writes nothing twice."""
    payload = payment_payload(session, proposal)
    held = proposal.payload or {}
    if held.get("erp_invoice") and held.get("erp_invoice_state") not in ("deleted", "cancelled"):
        payload["in_erp_as"] = held["erp_invoice"]
    return payload


def payment_payload(session: Session, proposal: Proposal) -> dict[str, Any]:
    """The payment a held invoice (or one proposed for a credit-note request) is released to: the
    payload the reconciler proposes for a clean match of the same reconciliation and extraction."""
    from opsloop.review.corrections import payment_draft  # corrections imports this module

    return payment_draft(session, proposal).payload


def _hold(proposal: Proposal, actor: str, reason: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    payload = dict(proposal.payload or {})
    if not is_invoice(proposal) or payload.get("action") not in PAYMENTS:
        raise InvalidDecision("only an invoice proposed for payment can be put on hold; this one is not")
    if reason is None:
        raise InvalidDecision("say why it is held, e.g. `hold: waiting for the delivery note`")
    held = {
        "action": "hold",
        "invoice_number": payload.get("invoice_number"),
        "vendor_erp_id": payload.get("vendor_erp_id"),
        "amount": payload.get("amount"),
        "currency": payload.get("currency"),
        "reasons": ["held_by_reviewer"],
        "release_when": [],
        "note": reason,
    }
    number = payload.get("invoice_number") or "(no number)"
    title = f"Hold invoice {number} ({_money(proposal.amount, proposal.currency)}): held by {actor}"
    values = {"state": ProposalState.APPROVED.value, "payload": held, "kind": "invoice_hold", "title": title}
    return values, _restorable(proposal, {"action": {"from": payload.get("action"), "to": "hold"}})


def _release(
    session: Session, proposal: Proposal, actor: str, reason: str | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    action = (proposal.payload or {}).get("action")
    if not is_invoice(proposal) or action not in ("hold", "request_credit_note"):
        raise InvalidDecision("only a held invoice (or a credit-note request) can be released for payment")
    if reason is None:
        raise InvalidDecision("say why the hold is released, e.g. `release: goods arrived, receipt follows`")
    payload = released_payload(session, proposal)
    _refuse_inexact(session, proposal, payload)
    amount = posted_amount(payload, proposal.amount)
    number = payload.get("invoice_number") or "(no number)"
    title = f"Pay invoice {number} ({_money(amount, proposal.currency)}): released by {actor}"
    values = {
        "state": ProposalState.APPROVED.value,
        "payload": payload,
        "kind": "invoice_approve",
        "title": title,
        "amount": amount,
    }
    return values, _restorable(proposal, {"action": {"from": action, "to": payload.get("action")}})


def _restorable(proposal: Proposal, changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` with what `undo` restores (keys starting with `_` are kept out of the history)."""
    return {
        **changes,
        "_restore": {
            "payload": proposal.payload,
            "kind": proposal.kind,
            "title": proposal.title,
            "amount": None if proposal.amount is None else format(proposal.amount, "f"),
        },
    }


def _money(value: Decimal | None, currency: str | None) -> str:
    return "—" if value is None else f"{value:,.2f} {currency or ''}".strip()


def record_decision(
    session: Session,
    proposal: Proposal,
    actor: str,
    request: DecisionRequest,
    reason: str | None,
    changes: dict[str, Any],
    autonomy_rule: str | None,
    *,
    outbox_key: str | None,
    warnings: list[str] | None = None,
) -> DecisionOutcome:
    assert proposal.id is not None
    if outbox_key is not None:
        changes = {**changes, "_outbox": outbox_key}
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
    shown = {k: v for k, v in changes.items() if not k.startswith("_")}
    append_event(
        session,
        actor,
        f"proposal.{request.action.value}",
        f"proposal:{proposal.id}",
        {
            "version": proposal.version,
            "state": proposal.state,
            "reason": reason,
            "changes": shown,
            "autonomy_rule": autonomy_rule,
            "outbox_key": outbox_key,
            "amount": None if proposal.amount is None else format(proposal.amount, "f"),
            **({"warnings": warnings} if warnings else {}),
        },
    )
    verb = {
        DecisionAction.APPROVE: {
            "hold": "Kept on hold:",
            "request_credit_note": "Credit note requested for",
            "approve_payment": "Approved for payment:",
            "book_credit_note": "Credit note approved:",
        }.get(str(proposal.payload.get("action")), "Approved")
        if is_invoice(proposal)
        else "Accepted",
        DecisionAction.REJECT: "Rejected" if is_invoice(proposal) else "Declined",
        DecisionAction.EDIT: "Edited",
        DecisionAction.COMMENT: "Comment recorded on",
        DecisionAction.REVERSE: "Reversed",
        DecisionAction.ASSIGN: "Assigned",
        DecisionAction.HOLD: "Put on hold:",
        DecisionAction.RELEASE: "Released for payment:",
        DecisionAction.UNDO: "Undid the last decision on",
    }[request.action]
    message = f"{verb} proposal {proposal.id}."
    if outbox_key is not None:
        message += " The ERP is told through the outbox."
    if request.action is DecisionAction.ASSIGN or request.action is DecisionAction.EDIT:
        names = {None: "nobody"} if request.action is DecisionAction.ASSIGN else {}
        message += " " + "; ".join(
            f"{k}: {names.get(_shown(v.get('from')), _shown(v.get('from')))} → "
            f"{names.get(_shown(v.get('to')), _shown(v.get('to')))}"
            for k, v in shown.items()
            if isinstance(v, dict)
        )
    return DecisionOutcome(
        proposal_id=proposal.id,
        action=request.action,
        state=proposal.state,
        version=proposal.version,
        decision_id=decision.id,
        outbox_key=outbox_key,
        message=message.strip(),
        warnings=warnings or [],
    )


def _shown(value: Any) -> Any:
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return value


# ------------------------------------------------------------------ editing a payload


def _editable(field: str, value: Any) -> bool:
    """A scalar field outside READ_ONLY_FIELDS; structured ones (an invoice's lines, the credit notes
    of a pair) are the documents' own figures, never retyped in a chat line."""
    return field not in READ_ONLY_FIELDS and not isinstance(value, (list, dict))


def _edited(
    session: Session, proposal: Proposal, requested: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any], Decimal | None]:
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
        if isinstance(old, (int, float)) or number(old) is not None:
            typed = parse_amount(field, raw)
            new = (
                int(typed)
                if isinstance(old, int) and typed == typed.to_integral_value()
                else format(typed, "f")
            )
        if str(new) != str(old):
            changes[field] = {"from": old, "to": new}
            payload[field] = new
    if not changes:
        raise InvalidDecision("that is what the proposal says already")
    working = with_item_master(session, payload, proposal.working or {})  # today's pack size and MOQ
    problems = validate_planner_edit(proposal.kind, payload, working)  # pack size, MOQ, budget, agents
    if problems:
        raise InvalidDecision("; ".join(problems))
    return payload, changes, posted_amount(payload, proposal.amount)


def _record_corrections(
    session: Session, proposal: Proposal, actor: str, decision_id: int, changes: dict[str, Any]
) -> None:
    assert proposal.id is not None
    for field, change in changes.items():
        if field.startswith("_") or not isinstance(change, dict):
            continue
        session.add(
            Correction(
                actor=actor,
                proposal_id=proposal.id,
                document_id=proposal.document_id,
                decision_id=decision_id,
                field=field,
                before=change.get("from"),
                after=change.get("to"),
                context={
                    "kind": proposal.kind,
                    "sku": (proposal.payload or {}).get("sku"),
                    "vendor_erp_id": (proposal.payload or {}).get("vendor_erp_id"),
                    "working_inputs": (proposal.working or {}).get("inputs") or {},
                },
            )
        )
    session.flush()


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
    return number(value) is not None


# ------------------------------------------------------------------ outbox


def _enqueue(session: Session, proposal: Proposal) -> str | None:
    """The outbox row for an approved proposal (None when its action needs nothing from the ERP)."""
    assert proposal.id is not None
    kind = ACTION_KINDS.get(str(proposal.payload.get("action")))
    if kind is None or proposal.payload.get("in_erp_as"):  # already in the ERP: never written twice
        return None
    key = f"proposal-{proposal.id}-v{proposal.version}"
    session.add(
        OutboxItem(
            proposal_id=proposal.id, idempotency_key=key, action_kind=kind.value, payload=proposal.payload
        )
    )
    session.flush()
    return key


def _enqueue_rejection(session: Session, proposal: Proposal, reason: str) -> str | None:
    """For an invoice: the outbox row that tells the ERP it was rejected, and why."""
    assert proposal.id is not None
    if not is_invoice(proposal):
        return None
    payload = proposal.payload or {}
    key = f"proposal-{proposal.id}-v{proposal.version}-reject"
    session.add(
        OutboxItem(
            proposal_id=proposal.id,
            idempotency_key=key,
            action_kind=ActionKind.REJECT_INVOICE.value,
            payload={
                "action": "reject_invoice",
                "invoice_number": payload.get("invoice_number"),
                "vendor_erp_id": payload.get("vendor_erp_id"),
                "amount": None if proposal.amount is None else format(proposal.amount, "f"),
                "currency": proposal.currency,
                "reason": reason,
                "document_id": proposal.document_id,
            },
        )
    )
    session.flush()
    return key


def _outbox_rows(session: Session, proposal: Proposal) -> list[OutboxItem]:
    return list(
        session.exec(
            select(OutboxItem).where(OutboxItem.proposal_id == proposal.id).order_by(col(OutboxItem.id))
        )
    )


def _last_outbox(session: Session, proposal: Proposal) -> OutboxItem | None:
    """The newest outbox row of the proposal's decisions (reversals left out)."""
    rows = [r for r in _outbox_rows(session, proposal) if r.action_kind != ActionKind.REVERSE_ACTION.value]
    return rows[-1] if rows else None


def _reversal_pending(session: Session, proposal: Proposal) -> OutboxItem | None:
    for row in _outbox_rows(session, proposal):
        if row.action_kind == ActionKind.REVERSE_ACTION.value and row.state in ("pending", "pushing"):
            return row
    return None


def _reversal_left_open(session: Session, proposal: Proposal) -> str | None:
    """A warning when an earlier approval of this proposal is still in the ERP (its reversal was
    refused, or the connector could not reverse it)."""
    for decision in reversed(decisions_of(session, proposal.id or 0)):
        if decision.action != DecisionAction.REVERSE.value:
            continue
        left = (decision.changes or {}).get("_left_in_erp")
        rows = [
            r
            for r in _outbox_rows(session, proposal)
            if r.action_kind == ActionKind.REVERSE_ACTION.value and r.state == "failed"
        ]
        if left:
            return f"the earlier approval is still in the ERP ({left}); undo it there first"
        if rows:
            return f"the ERP refused the reversal of the earlier approval: {rows[-1].last_error}"
        return None
    return None


def outbox_status(session: Session, proposal: Proposal) -> list[OutboxItem]:
    """Every outbox row of the proposal (what the ERP was, or will be, told), oldest first."""
    return _outbox_rows(session, proposal)


def _cancel_pending(session: Session, rows: list[OutboxItem], why: str) -> int:
    cancelled = 0
    for item in rows:
        if item.state != "pending":
            continue
        result = session.execute(
            update(OutboxItem)
            .where(col(OutboxItem.id) == item.id, col(OutboxItem.version) == item.version)
            .values(state="cancelled", last_error=why, version=item.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise DecisionConflict("the outbox is pushing this decision right now; look again in a moment")
        session.refresh(item)
        cancelled += 1
    return cancelled


def _settle_document(session: Session, proposal: Proposal, reason: str) -> None:
    """A decided invoice proposal closes its document (in_review -> done)."""
    if proposal.document_id is None or not is_invoice(proposal):
        return
    document = session.get(Document, proposal.document_id)
    if document is not None and document.state == DocumentState.IN_REVIEW.value:
        transition(session, document, DocumentState.DONE, stage="review", reason=reason)


def _reopen_document(session: Session, proposal: Proposal, reason: str) -> None:
    if proposal.document_id is None or not is_invoice(proposal):
        return
    document = session.get(Document, proposal.document_id)
    if document is not None and document.state == DocumentState.DONE.value:
        transition(session, document, DocumentState.IN_REVIEW, stage="review", reason=reason)


# ------------------------------------------------------------------ undo and reverse


def _undone_ids(session: Session, proposal_id: int) -> set[int]:
    """Decisions taken back by a later `undo` or `reverse` (they name it in `_undoes`)."""
    undone: set[int] = set()
    for decision in session.exec(
        select(ReviewDecision).where(
            ReviewDecision.proposal_id == proposal_id,
            col(ReviewDecision.action).in_((DecisionAction.UNDO.value, DecisionAction.REVERSE.value)),
        )
    ):
        target = (decision.changes or {}).get("_undoes")
        if isinstance(target, int):
            undone.add(target)
    return undone


def last_undoable(session: Session, proposal: Proposal) -> ReviewDecision | None:
    """The newest decision `undo` would take back (a decision, or an edit while still open)."""
    assert proposal.id is not None
    undone = _undone_ids(session, proposal.id)
    for decision in reversed(decisions_of(session, proposal.id)):
        if decision.id in undone or decision.action not in UNDOABLE:
            continue
        if decision.action == DecisionAction.EDIT.value and proposal.state not in DECIDABLE_STATES:
            return None
        return decision
    return None


def open_state(session: Session, proposal: Proposal, *, without: int | None = None) -> str:
    """`edited` while an edit stands (not undone, not `without`), else `pending`."""
    assert proposal.id is not None
    undone = _undone_ids(session, proposal.id)
    edits = [
        d
        for d in decisions_of(session, proposal.id)
        if d.action == DecisionAction.EDIT.value and d.id not in undone and d.id != without
    ]
    return ProposalState.EDITED.value if edits else ProposalState.PENDING.value


def undo(session: Session, proposal: Proposal, actor: Actor, request: DecisionRequest) -> DecisionOutcome:
    """Take back the last decision (approve, hold, release, reject) or edit on `proposal`, as long as
    the outbox has not pushed it: its pending outbox row is cancelled, the proposal reopens (payload,
    kind and title as before), the document returns to review; audited. Only whoever decided, or an
    admin, may undo; after the push it is refused with what to do instead (`reverse`)."""
    assert proposal.id is not None
    _check_expected(proposal, request)
    target = last_undoable(session, proposal)
    if target is None:
        raise InvalidDecision("there is nothing to undo on this proposal")
    automatic = target.autonomy_rule is not None and actor.at_least(Role.APPROVER)
    if target.actor != actor.username and not actor.at_least(Role.ADMIN) and not automatic:
        raise NotAllowed(f"only {target.actor} (who decided it) or an admin can undo it")
    key = (target.changes or {}).get("_outbox")
    rows = [r for r in _outbox_rows(session, proposal) if r.idempotency_key == key]
    pushed = [r for r in rows if r.state in ("pushing", "executed")]
    if pushed:
        where = pushed[-1].external_id or pushed[-1].idempotency_key
        raise InvalidDecision(
            f"the ERP has it already ({where}); undo is only possible before the push. "
            "Say `reverse: <reason>` to reverse it in the ERP."
        )
    reason = (request.reason or "").strip() or None
    restore = (target.changes or {}).get("_restore") or {}
    if target.action == DecisionAction.EDIT.value and is_invoice(proposal):
        from opsloop.review.corrections import undo_invoice_edit  # corrections imports this module

        return undo_invoice_edit(session, proposal, actor.username, target, request, reason)
    if target.action == DecisionAction.EDIT.value:
        payload = _payload_before_edit(proposal, target)
        values: dict[str, Any] = {
            "payload": payload,
            "amount": posted_amount(payload, proposal.amount),
            "state": open_state(session, proposal, without=target.id),
        }
    else:
        values = {"state": open_state(session, proposal)}
        if restore:
            values.update(
                {
                    "payload": restore.get("payload", proposal.payload),
                    "kind": restore.get("kind", proposal.kind),
                    "title": restore.get("title", proposal.title),
                    "amount": number(restore.get("amount")),
                }
            )
    cancelled = _cancel_pending(session, rows, f"undone by {actor.username}")
    compare_and_set(session, proposal, proposal.version, values)
    remembered = (target.changes or {}).get("_recurring")
    if remembered is not None:
        from opsloop.review.recurring import revoke_agreement

        revoke_agreement(
            session,
            int(remembered),
            actor.username,
            f"the approval that made it (proposal {proposal.id}) was undone",
        )
    if target.action != DecisionAction.EDIT.value:
        _reopen_document(
            session, proposal, f"{actor.username} undid the {target.action} of proposal {proposal.id}"
        )
    else:
        for correction in session.exec(select(Correction).where(Correction.decision_id == target.id)):
            correction.reverted = True
            session.add(correction)
    changes = {"_undoes": target.id, "undid": {"from": target.action, "to": None}}
    outcome = record_decision(
        session, proposal, actor.username, request, reason, changes, None, outbox_key=None
    )
    outcome.message = (
        f"Undid {target.actor}'s {target.action} of proposal {proposal.id}; it is open again"
        + (f" and {cancelled} outbox action{'s' if cancelled != 1 else ''} cancelled." if cancelled else ".")
    )
    return outcome


def _payload_before_edit(proposal: Proposal, edit: ReviewDecision) -> dict[str, Any]:
    payload = dict(proposal.payload or {})
    for field, change in (edit.changes or {}).items():
        if not field.startswith("_") and isinstance(change, dict) and field in payload:
            payload[field] = change.get("from")
    return payload


def _reverse(
    session: Session,
    proposal: Proposal,
    actor: str,
    request: DecisionRequest,
    reason: str | None,
    expected: int,
) -> DecisionOutcome:
    """Reverse a decision the outbox may have pushed: a row not pushed yet is cancelled; one pushed is
    compensated by a REVERSE_ACTION row when the connector that pushed it can reverse that kind,
    otherwise the reviewer gets a warning saying what to undo by hand in the ERP. The proposal opens
    again for a new decision."""
    from opsloop.erp.connectors import reversible_kinds

    if proposal.state not in (*DECIDED_STATES, ProposalState.EXECUTED.value):
        raise InvalidDecision(f"proposal {proposal.id} is {proposal.state}; only decisions can be reversed")
    if reason is None:
        raise InvalidDecision("say why it is reversed, e.g. `reverse: wrong vendor`")
    rows = [r for r in _outbox_rows(session, proposal) if r.action_kind != ActionKind.REVERSE_ACTION.value]
    if any(r.state == "pushing" for r in rows):
        raise DecisionConflict("the outbox is pushing this decision right now; reverse it in a moment")
    cancelled = _cancel_pending(session, rows, f"reversed by {actor}: {reason}")
    executed = [r for r in rows if r.state == "executed"]
    warnings: list[str] = []
    reversal_key: str | None = None
    left: str | None = None
    values: dict[str, Any] = {"state": open_state(session, proposal)}
    target = last_undoable(session, proposal)
    restore = (target.changes or {}).get("_restore") if target is not None else None
    if restore:
        values.update(
            {
                "payload": restore.get("payload", proposal.payload),
                "kind": restore.get("kind", proposal.kind),
                "title": restore.get("title", proposal.title),
                "amount": number(restore.get("amount")),
            }
        )
    compare_and_set(session, proposal, expected, values)
    for item in executed:
        kind = ActionKind(item.action_kind)
        if kind in reversible_kinds(item.connector):
            reversal_key = f"{item.idempotency_key}-reversal"
            session.add(
                OutboxItem(
                    proposal_id=proposal.id or 0,
                    idempotency_key=reversal_key,
                    action_kind=ActionKind.REVERSE_ACTION.value,
                    payload={
                        "action": "reverse_action",
                        "reverses": item.idempotency_key,
                        "reverses_kind": item.action_kind,
                        "external_id": item.external_id,
                        "reason": reason,
                        "invoice_number": item.payload.get("invoice_number"),
                        "vendor_erp_id": item.payload.get("vendor_erp_id"),
                        "amount": item.payload.get("amount"),
                        "currency": item.payload.get("currency"),
                    },
                )
            )
            session.flush()
        else:
            left = f"{kind.value} {item.external_id or item.idempotency_key} in {item.connector or 'the ERP'}"
            warnings.append(
                f"The {item.connector or 'configured'} connector cannot reverse {kind.value.replace('_', ' ')} "
                f"from opsloop: undo {item.external_id or item.idempotency_key} in the ERP by hand."
            )
    _reopen_document(session, proposal, f"{actor} reversed proposal {proposal.id}: {reason}")
    changes: dict[str, Any] = {"reversed": {"from": "decided", "to": "open"}}
    if target is not None:
        changes["_undoes"] = target.id
    if left:
        changes["_left_in_erp"] = left
    outcome = record_decision(
        session, proposal, actor, request, reason, changes, None, outbox_key=reversal_key, warnings=warnings
    )
    if reversal_key:
        outcome.message = (
            f"Reversed proposal {proposal.id}: a compensating action goes to the ERP ({reversal_key}); "
            "the proposal is open again."
        )
    elif warnings:
        outcome.message = f"Reversed proposal {proposal.id} in opsloop only. " + " ".join(warnings)
    else:
        outcome.message = (
            f"Reversed proposal {proposal.id} before the ERP had it"
            + (f" ({cancelled} outbox action cancelled)" if cancelled else "")
            + "; it is open again."
        )
    return outcome


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
