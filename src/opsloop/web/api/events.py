"""`/api/events`: the event feed (decisions, proposal and document state changes) after a cursor, for
systems that poll; webhooks push the same events (`notify.webhooks`).

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel
from sqlmodel import Session

from opsloop.notify.events import Cursor, Event, events_after, latest_cursor
from opsloop.review.accounts import Actor
from opsloop.web.context import WebContext
from opsloop.web.problems import PROBLEM_RESPONSES, Problem


class EventPage(BaseModel):
    events: list[Event]
    cursor: str
    """Send it back as `after` for what happens next (the same cursor when nothing happened)."""


def build_events_router(web: WebContext) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["events"], responses=PROBLEM_RESPONSES)
    DbSession = Annotated[Session, Depends(web.get_session)]
    ApiActor = Annotated[Actor, Depends(web.api_actor)]

    @router.get("/events", response_model=EventPage)
    def api_events(
        session: DbSession,
        actor: ApiActor,
        after: Annotated[
            str | None, Query(description="the cursor of the last page; `latest` to start from now")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> EventPage:
        """Events oldest first: `proposal.created`, `proposal.<decision>` (approve, reject, hold, ...),
        `proposal.executed`, `document.state_changed`, ... Each has a stable `id` to deduplicate on."""
        if after == "latest":
            return EventPage(events=[], cursor=latest_cursor(session).text())
        try:
            cursor = Cursor.parse(after)
        except ValueError:
            raise Problem(
                status.HTTP_400_BAD_REQUEST, f"{after!r} is not a cursor this API gave out"
            ) from None
        events, next_cursor = events_after(session, cursor, limit=limit)
        return EventPage(events=events, cursor=next_cursor.text())

    return router
