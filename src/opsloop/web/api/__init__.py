"""The REST API under `/api`: every operation needs a bearer token (`opsloop users token NAME`,
optionally `--role viewer` for a token that can do less than its user), and every error is an RFC 9457
problem document. `/api/docs` is Swagger UI served from our own static path (works offline)."""

from __future__ import annotations

from fastapi import APIRouter

from opsloop.web.api.documents import build_documents_router
from opsloop.web.api.events import build_events_router
from opsloop.web.api.proposals import build_proposals_router
from opsloop.web.api.recurring import build_recurring_router
from opsloop.web.context import WebContext


def build_api_router(web: WebContext) -> APIRouter:
    router = APIRouter()
    router.include_router(build_proposals_router(web))
    router.include_router(build_documents_router(web))
    router.include_router(build_events_router(web))
    router.include_router(build_recurring_router(web))
    return router
