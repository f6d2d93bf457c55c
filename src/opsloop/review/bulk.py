"""One decision over a selection: approve, reject (one reason), hold (one reason) or assign. Each
item goes through `decide` on its own, so each is checked as if decided alone (roles, approval limit,
segregation of duties, the version the reviewer saw) and committed on its own: one refusal never
takes the others back, and every item says what happened to it.

An approval above the confirmation threshold (or against a check) is never approved in passing: it
comes back `needs_confirmation` with its summary until the request is sent again with `confirmed`
(the page shows the summaries and asks once for those items)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field
from sqlmodel import Session

from opsloop.errors import NotFoundError, OpsloopError
from opsloop.review.accounts import Actor
from opsloop.review.decisions import (
    DecisionAction,
    DecisionConflict,
    DecisionRequest,
    InvalidDecision,
    NeedsConfirmation,
    NotAllowed,
    decide,
)

MAX_ITEMS = 500


class BulkAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HOLD = "hold"
    ASSIGN = "assign"


class BulkItem(BaseModel):
    id: int
    expected_version: int | None = None
    """The version the reviewer saw (a newer one is refused as a conflict for this item only)."""


class BulkRequest(BaseModel):
    action: BulkAction
    items: list[BulkItem] = Field(min_length=1, max_length=MAX_ITEMS)
    reason: str | None = None
    """One reason for every item (required to reject or hold)."""
    assignee: str | None = None
    """For `assign`: the user name (None: to nobody)."""
    confirmed: bool = False
    """The reviewer saw the confirmation summaries of the items that need one and goes ahead."""


class ItemStatus(StrEnum):
    DONE = "done"
    NEEDS_CONFIRMATION = "needs_confirmation"
    NOT_ALLOWED = "not_allowed"
    CONFLICT = "conflict"
    INVALID = "invalid"
    NOT_FOUND = "not_found"


class ItemResult(BaseModel):
    proposal_id: int
    status: ItemStatus
    message: str
    state: str | None = None
    version: int | None = None
    summary: list[str] = Field(default_factory=list)
    """For `needs_confirmation`: what will happen when confirmed."""


class BulkOutcome(BaseModel):
    action: BulkAction
    results: list[ItemResult]

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.status.value for r in self.results))

    @property
    def needing_confirmation(self) -> list[ItemResult]:
        return [r for r in self.results if r.status is ItemStatus.NEEDS_CONFIRMATION]


_STATUS_OF: dict[type[OpsloopError], ItemStatus] = {
    NotAllowed: ItemStatus.NOT_ALLOWED,
    DecisionConflict: ItemStatus.CONFLICT,
    InvalidDecision: ItemStatus.INVALID,
}


def decide_many(
    session: Session,
    actor: Actor,
    request: BulkRequest,
    *,
    confirm_above: Decimal | None = None,
    writing: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> BulkOutcome:
    """Decide each item in its own transaction (committed or rolled back before the next)."""
    results: list[ItemResult] = []
    seen: set[int] = set()
    for item in request.items:
        if item.id in seen:
            continue
        seen.add(item.id)
        decision = DecisionRequest(
            action=DecisionAction(request.action.value),
            reason=request.reason,
            assignee=request.assignee,
            expected_version=item.expected_version,
            confirmed=request.confirmed,
        )
        try:
            with writing():
                outcome = decide(session, item.id, actor, decision, confirm_above=confirm_above)
                session.commit()
        except NeedsConfirmation as asked:
            session.rollback()
            results.append(
                ItemResult(
                    proposal_id=item.id,
                    status=ItemStatus.NEEDS_CONFIRMATION,
                    message=asked.message,
                    summary=list(asked.summary),
                )
            )
            continue
        except NotFoundError as missing:
            session.rollback()
            results.append(
                ItemResult(proposal_id=item.id, status=ItemStatus.NOT_FOUND, message=missing.message)
            )
            continue
        except OpsloopError as error:
            session.rollback()
            status = next(
                (s for kind, s in _STATUS_OF.items() if isinstance(error, kind)), ItemStatus.INVALID
            )
            results.append(ItemResult(proposal_id=item.id, status=status, message=error.message))
            continue
        results.append(
            ItemResult(
                proposal_id=item.id,
                status=ItemStatus.DONE,
                message=" ".join([outcome.message, *outcome.warnings]),
                state=outcome.state,
                version=outcome.version,
            )
        )
    return BulkOutcome(action=request.action, results=results)
