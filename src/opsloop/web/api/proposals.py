"""`/api/me`, `/api/proposals` (list with the queue's filters and pagination, show, decide, comment,
bulk decisions) and `/api/audit/verify`. Thin: permissions are checked in `opsloop.review`.

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel
from sqlmodel import Session

from opsloop.errors import OpsloopError
from opsloop.review.accounts import Actor, Role
from opsloop.review.audit import ChainReport, verify_chain
from opsloop.review.bulk import BulkOutcome, BulkRequest, decide_many
from opsloop.review.decisions import (
    DecisionAction,
    DecisionOutcome,
    DecisionRequest,
    decide,
    decisions_of,
    get_proposal,
)
from opsloop.review.listing import QueueQuery, list_flat, priority_note, sla_countdown
from opsloop.store.tables import Proposal
from opsloop.store.types import utcnow
from opsloop.web.context import WebContext
from opsloop.web.problems import PROBLEM_RESPONSES, Problem, problem_of


class ProposalOut(BaseModel):
    id: int
    kind: str
    state: str
    title: str
    summary: str
    amount: Decimal | None
    currency: str | None
    priority: float
    priority_note: str
    """The priority explained (amount at stake x urgency)."""
    sla_due_at: str | None
    sla: str | None
    """The SLA countdown in words (`due in 3 h`, `overdue by 2 d 4 h`); None once decided."""
    overdue: bool
    assignee: str | None
    version: int
    document_id: int | None
    vendor: str | None
    reference: str | None
    """The document number (or a planner proposal's SKU)."""
    due_date: date | None
    exception_types: list[str]
    duplicate_of: int | None
    """For a duplicate: the document id of the original it repeats."""


class ProposalPage(BaseModel):
    items: list[ProposalOut]
    total: int
    page: int
    per_page: int
    pages: int


class ProposalDetail(ProposalOut):
    payload: dict[str, Any]
    working: dict[str, Any]
    decisions: list[dict[str, Any]]


class CommentIn(BaseModel):
    text: str


class MeOut(BaseModel):
    username: str
    role: str
    approval_limit: Decimal | None


def proposal_out(p: Proposal) -> ProposalOut:
    assert p.id is not None
    sla, overdue = sla_countdown(p.sla_due_at, utcnow(), open_=p.state in ("pending", "edited", "failed"))
    return ProposalOut(
        id=p.id,
        kind=p.kind,
        state=p.state,
        title=p.title,
        summary=p.summary,
        amount=p.amount,
        currency=p.currency,
        priority=p.priority,
        priority_note=priority_note(p),
        sla_due_at=p.sla_due_at.isoformat() if p.sla_due_at else None,
        sla=sla,
        overdue=overdue,
        assignee=p.assignee,
        version=p.version,
        document_id=p.document_id,
        vendor=p.vendor,
        reference=p.reference,
        due_date=p.due_date,
        exception_types=list(p.exception_types or []),
        duplicate_of=p.duplicate_of,
    )


def build_proposals_router(web: WebContext) -> APIRouter:
    router = APIRouter(prefix="/api", responses=PROBLEM_RESPONSES)
    DbSession = Annotated[Session, Depends(web.get_session)]
    ApiActor = Annotated[Actor, Depends(web.api_actor)]
    settings = web.settings

    @router.get("/me", response_model=MeOut, tags=["accounts"])
    def api_me(actor: ApiActor) -> MeOut:
        """Who the token acts as: user name, role (the token's, when it carries a lower one), limit."""
        return MeOut(username=actor.username, role=actor.role.value, approval_limit=actor.approval_limit)

    @router.get("/proposals", response_model=ProposalPage, tags=["proposals"])
    def api_list(session: DbSession, actor: ApiActor, query: Annotated[QueueQuery, Query()]) -> ProposalPage:
        """The queue with its filters (state, kind, vendor, exception type, assignee (`-`: nobody),
        amount range, overdue, `q` searched in vendor, document number, PO numbers, SKUs and title
        regardless of case and accents), sorted and paged (`page`, `per_page` up to 1000)."""
        rows, total = list_flat(session, query)
        return ProposalPage(
            items=[proposal_out(p) for p in rows],
            total=total,
            page=query.page,
            per_page=query.per_page,
            pages=max(1, -(-total // query.per_page)),
        )

    @router.get("/proposals/{proposal_id}", response_model=ProposalDetail, tags=["proposals"])
    def api_show(proposal_id: int, session: DbSession, actor: ApiActor) -> ProposalDetail:
        try:
            p = get_proposal(session, proposal_id)
        except OpsloopError as error:
            raise problem_of(error) from error
        decisions = [
            d.model_dump(mode="json", exclude={"proposal_id"}) for d in decisions_of(session, proposal_id)
        ]
        return ProposalDetail(
            **proposal_out(p).model_dump(), payload=p.payload, working=p.working, decisions=decisions
        )

    @router.post("/proposals/{proposal_id}/decide", response_model=DecisionOutcome, tags=["proposals"])
    def api_decide(
        proposal_id: int, request: DecisionRequest, session: DbSession, actor: ApiActor
    ) -> DecisionOutcome:
        """approve | hold (reason) | release (reason) | reject (reason) | edit (changes) | undo |
        reverse (reason) | assign | comment; send `expected_version` (the version you looked at): a stale
        one is refused with 409. A decision above the confirmation threshold or against a check is
        refused with 428 and its summary until it is sent with `confirmed: true`."""
        try:
            with web.writing():
                outcome = decide(
                    session, proposal_id, actor, request, confirm_above=settings.review.confirm_above
                )
                session.commit()
        except OpsloopError as error:
            session.rollback()
            raise problem_of(error) from error
        return outcome

    @router.post("/proposals/bulk", response_model=BulkOutcome, tags=["proposals"])
    def api_bulk(request: BulkRequest, session: DbSession, actor: ApiActor) -> BulkOutcome:
        """One decision (approve, reject or hold with one reason, assign) over up to 500 proposals,
        each checked and committed on its own (limits, segregation of duties, `expected_version`);
        every item says what happened. Approvals that need a confirmation come back
        `needs_confirmation` with their summary: send those items again with `confirmed: true`."""
        return decide_many(
            session, actor, request, confirm_above=settings.review.confirm_above, writing=web.writing
        )

    @router.post(
        "/proposals/{proposal_id}/comments",
        response_model=DecisionOutcome,
        status_code=status.HTTP_200_OK,
        tags=["proposals"],
    )
    def api_comment(
        proposal_id: int, body: CommentIn, session: DbSession, actor: ApiActor
    ) -> DecisionOutcome:
        try:
            with web.writing():
                outcome = decide(
                    session,
                    proposal_id,
                    actor,
                    DecisionRequest(action=DecisionAction.COMMENT, reason=body.text),
                )
                session.commit()
        except OpsloopError as error:
            session.rollback()
            raise problem_of(error) from error
        return outcome

    @router.get("/audit/verify", response_model=ChainReport, tags=["audit"])
    def api_audit(session: DbSession, actor: ApiActor) -> ChainReport:
        if not actor.at_least(Role.ADMIN):
            raise Problem(status.HTTP_403_FORBIDDEN, "only admins verify the audit log")
        return verify_chain(session)

    return router
