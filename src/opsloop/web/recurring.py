"""The workspace's Recurring charges page (`/recurring`, login required): every charge a person approved
without an order and asked opsloop to remember, what billed under it, the period it expects next, when it
expires; a reviewer revokes one with a reason (`POST /recurring/{id}/revoke`).

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from opsloop.errors import OpsloopError
from opsloop.reconcile.policies import load_policy
from opsloop.review.accounts import Role, actor_of
from opsloop.review.recurring import list_agreements, revoke_agreement
from opsloop.web.context import WebContext


def build_recurring_pages(web: WebContext) -> APIRouter:
    router = APIRouter()

    def page(request: Request, session: Session, message: dict[str, object] | None = None) -> Response:
        found = web.page_user(request, session)
        if found is None:
            return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
        user, csrf = found
        agreements = list_agreements(session, load_policy(session))
        return web.templates.TemplateResponse(
            request,
            "recurring.html",
            {
                "user": user,
                "csrf": csrf,
                "agreements": agreements,
                "message": message,
                "can_revoke": actor_of(user).at_least(Role.REVIEWER),
            },
        )

    @router.get("/recurring", include_in_schema=False)
    def recurring_page(request: Request) -> Response:
        with Session(web.db) as session:
            return page(request, session)

    @router.post("/recurring/{agreement_id}/revoke", include_in_schema=False)
    def revoke_page(
        agreement_id: int,
        request: Request,
        csrf_token: Annotated[str, Form()],
        reason: Annotated[str | None, Form()] = None,
    ) -> Response:
        with Session(web.db) as session:
            found = web.page_user(request, session)
            if found is None:
                return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
            user, csrf = found
            web.check_csrf(csrf, csrf_token)
            actor = actor_of(user)
            if not actor.at_least(Role.REVIEWER):
                return page(
                    request, session, {"kind": "error", "lines": [f"{user.username} may not revoke it"]}
                )
            try:
                with web.writing():
                    revoke_agreement(session, agreement_id, actor.username, reason)
                    session.commit()
            except OpsloopError as error:
                session.rollback()
                return page(request, session, {"kind": "error", "lines": [error.message]})
            said = (
                f"Agreement #{agreement_id} revoked: the vendor's next invoices without a PO are held again."
            )
            return page(request, session, {"kind": "decision", "lines": [said]})

    return router
