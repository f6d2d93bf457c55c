"""`/api/recurring-agreements`: the recurring charges people approved without an order and asked opsloop to
remember (list, revoke). They are made with a decision: `POST /api/proposals/{id}/decide` with `approve` or
`release` and `remember_recurring: true` (`recurring_months`: 1, 3, 6 or 12).

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from pydantic import BaseModel
from sqlmodel import Session

from opsloop.errors import OpsloopError
from opsloop.reconcile.policies import load_policy
from opsloop.review.accounts import Actor, Role
from opsloop.review.recurring import AgreementView, list_agreements, revoke_agreement
from opsloop.web.context import WebContext
from opsloop.web.problems import PROBLEM_RESPONSES, Problem, problem_of


class RevokeIn(BaseModel):
    reason: str
    """Why it is revoked (the audit log and the next invoice's hold say it)."""


def build_recurring_router(web: WebContext) -> APIRouter:
    router = APIRouter(prefix="/api", responses=PROBLEM_RESPONSES)
    DbSession = Annotated[Session, Depends(web.get_session)]
    ApiActor = Annotated[Actor, Depends(web.api_actor)]

    @router.get("/recurring-agreements", response_model=list[AgreementView], tags=["recurring charges"])
    def api_list_agreements(session: DbSession, actor: ApiActor) -> list[AgreementView]:
        """Every recurring-charge agreement, newest first: what was approved (vendor, account, amount,
        cadence), by whom, what billed under it, the next period it expects, when it expires, and whether it
        is active, revoked or expired."""
        return list_agreements(session, load_policy(session))

    @router.post(
        "/recurring-agreements/{agreement_id}/revoke",
        response_model=AgreementView,
        tags=["recurring charges"],
    )
    def api_revoke_agreement(
        agreement_id: int, body: RevokeIn, session: DbSession, actor: ApiActor
    ) -> AgreementView:
        """Revoke an agreement: the vendor's next invoices without a PO are held again, saying it was revoked,
        by whom and why. A reviewer or above."""
        if not actor.at_least(Role.REVIEWER):
            raise Problem(status.HTTP_403_FORBIDDEN, f"{actor.username} may not revoke a recurring charge")
        try:
            with web.writing():
                revoke_agreement(session, agreement_id, actor.username, body.reason)
                session.commit()
        except OpsloopError as error:
            session.rollback()
            raise problem_of(error) from error
        return next(a for a in list_agreements(session, load_policy(session)) if a.id == agreement_id)

    return router
