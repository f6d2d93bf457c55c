"""The queue page (`/queue`): filters, search, sorting and paging in the URL, duplicates grouped
under their original, and bulk decisions on a selection (`/queue/bulk`) with a result per item.

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

import time
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode, urlsplit

import anyio.to_thread
from fastapi import APIRouter, Request, status
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session, select

from opsloop.review.accounts import actor_of
from opsloop.review.bulk import BulkAction, BulkItem, BulkRequest, decide_many
from opsloop.review.listing import (
    NOBODY,
    OPEN_STATES,
    SORT_KEYS,
    QueueQuery,
    facet_values,
    group_note,
    list_queue,
    members_of_group,
)
from opsloop.store.tables import Proposal, User
from opsloop.web.context import WebContext

STATES = ("open", "all", "pending", "edited", "failed", "approved", "rejected", "executed", "superseded")
SORT_LABELS = {
    "vendor": "Vendor",
    "reference": "Document",
    "amount": "Amount",
    "due_date": "Due",
    "sla": "SLA",
    "assignee": "Assignee",
    "priority": "Priority",
}
PER_PAGE = (25, 50, 100, 200)
CHOICES_SECONDS = 30.0
"""How long the filters' choices (vendors, exception types, ...) are reused before they are read again."""


def query_from(params: dict[str, str], username: str) -> tuple[QueueQuery, bool]:
    """The query in the URL; a value that does not parse is left out rather than failing the page.
    `mine=1` is the logged-in user's own queue."""
    fields: dict[str, Any] = {}
    for key in QueueQuery.model_fields:
        value = params.get(key, "").strip()
        if not value:
            continue
        if key in ("amount_min", "amount_max"):
            try:
                fields[key] = Decimal(value.replace(",", ""))
            except InvalidOperation:
                continue
        elif key == "overdue":
            fields[key] = value not in ("0", "false", "")
        else:
            fields[key] = value
    mine = params.get("mine") == "1"
    if mine:
        fields["assignee"] = username
    for key in list(fields):
        try:
            QueueQuery.model_validate({key: fields[key]})
        except ValidationError:
            del fields[key]
    return QueueQuery.model_validate(fields), mine


def _href(query: QueueQuery, mine: bool, **changes: object) -> str:
    params = query.url_params(**changes)
    if mine:
        params.pop("assignee", None)
        params["mine"] = "1"
    return "/queue" + (f"?{urlencode(params)}" if params else "")


def _safe_return(url: str | None) -> str:
    """Only a path of this app's queue (never another site)."""
    if not url:
        return "/queue"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/queue"):
        return "/queue"
    return url


def build_queue_router(web: WebContext) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    templates = web.templates
    cached_choices: dict[str, tuple[float, dict[str, list[str]]]] = {}

    def choices_of(session: Session) -> dict[str, list[str]]:
        """The filters' choices, read from the queue at most every CHOICES_SECONDS (one pass over
        every open proposal is the dearest part of a page at ten thousand items)."""
        now = time.monotonic()
        found = cached_choices.get("choices")
        if found is None or now - found[0] > CHOICES_SECONDS:
            found = cached_choices["choices"] = (now, facet_values(session))
        return found[1]

    def to_login() -> RedirectResponse:
        return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)

    @router.get("/queue")
    def queue(request: Request) -> Response:
        with Session(web.db, expire_on_commit=False) as session:
            found = web.page_user(request, session)
            if found is None:
                return to_login()
            user, csrf = found
            query, mine = query_from(dict(request.query_params), user.username)
            page = list_queue(session, query)
            choices = choices_of(session)
            users = [
                u.username
                for u in session.exec(select(User).where(User.active == True))  # noqa: E712
                if u.role != "viewer"
            ]
        sort_links = {
            key: _href(
                query,
                mine,
                sort=key,
                order=("asc" if query.descending else "desc") if query.sort == key else None,
                page=1,
            )
            for key in SORT_LABELS
        }
        here = _href(query, mine)
        return templates.TemplateResponse(
            request,
            "queue.html",
            {
                "user": user,
                "csrf": csrf,
                "page": page,
                "query": query,
                "mine": mine,
                "choices": choices,
                "users": sorted(set(users) | set(choices["assignees"])),
                "states": STATES,
                "nobody": NOBODY,
                "sort_links": sort_links,
                "sort_labels": SORT_LABELS,
                "sort_keys": SORT_KEYS,
                "per_page_choices": PER_PAGE,
                "here": here,
                "prev_href": _href(query, mine, page=query.page - 1) if query.page > 1 else None,
                "next_href": _href(query, mine, page=query.page + 1) if query.page < page.pages else None,
                "group_note": group_note,
                "open_states": OPEN_STATES,
            },
        )

    @router.post("/queue/bulk")
    async def bulk(request: Request) -> Response:
        form = await request.form()
        values = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        return await anyio.to_thread.run_sync(lambda: bulk_sync(request, values))

    def bulk_sync(request: Request, values: list[tuple[str, str]]) -> Response:
        fields = dict(values)
        with Session(web.db, expire_on_commit=False) as session:
            found = web.page_user(request, session)
            if found is None:
                return to_login()
            user, csrf = found
            web.check_csrf(csrf, fields.get("csrf_token"))
            back = _safe_return(fields.get("return_to"))
            versions = {
                int(k[2:]): int(v)
                for k, v in values
                if k.startswith("v_") and k[2:].isdigit() and v.isdigit()
            }
            group_head = fields.get("group", "")
            reason: str | None
            if group_head.isdigit():
                head = session.get(Proposal, int(group_head))
                ids = members_of_group(session, head) if head is not None else []
                action = BulkAction.REJECT
                original = None if head is None else head.duplicate_of or head.document_id
                reason = fields.get(f"group_reason_{group_head}", "").strip() or (
                    f"Duplicate of document {original}: the original is the one to decide."
                )
            else:
                ids = [int(v) for k, v in values if k == "ids" and v.isdigit()]
                try:
                    action = BulkAction(fields.get("action", ""))
                except ValueError:
                    return _result(request, user, csrf, back, None, "Choose what to do with the selection.")
                reason = (fields.get("reason") or "").strip() or None
            if not ids:
                return _result(request, user, csrf, back, None, "Select at least one proposal first.")
            bulk_request = BulkRequest(
                action=action,
                items=[BulkItem(id=i, expected_version=versions.get(i)) for i in ids],
                reason=reason,
                assignee=(fields.get("assignee") or "").strip() or None,
                confirmed=fields.get("confirmed") == "1",
            )
            outcome = decide_many(
                session,
                actor_of(user),
                bulk_request,
                confirm_above=web.settings.review.confirm_above,
                writing=web.writing,
            )
            titles = {
                p.id: p.title
                for p in session.exec(select(Proposal).where(Proposal.id.in_(ids)))  # type: ignore[union-attr]
            }
            session.refresh(user)  # a refused item rolled back its transaction (and expired the user)
            return _result(request, user, csrf, back, outcome, None, titles=titles, asked=bulk_request)

    def _result(
        request: Request,
        user: User,
        csrf: str,
        back: str,
        outcome: Any,
        problem: str | None,
        *,
        titles: dict[Any, str] | None = None,
        asked: BulkRequest | None = None,
    ) -> Response:
        return templates.TemplateResponse(
            request,
            "queue_bulk.html",
            {
                "user": user,
                "csrf": csrf,
                "back": back,
                "outcome": outcome,
                "problem": problem,
                "titles": titles or {},
                "asked": asked,
            },
            status_code=status.HTTP_200_OK if problem is None else status.HTTP_422_UNPROCESSABLE_CONTENT,
        )

    return router
