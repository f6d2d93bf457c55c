"""The review web app: server-rendered pages (Jinja2 + htmx) and the REST API under `/api`.

Pages use a signed session cookie (itsdangerous) with a CSRF token that every form posts back;
the API takes bearer tokens (`opsloop users token NAME`). Both are thin shells over
`opsloop.review` (decisions, assistant, accounts): permissions are checked there, on the server.

No `from __future__ import annotations` here: FastAPI reads the routes' annotations at definition
time, and the dependency aliases are local to `create_app`.
"""

import secrets
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, nullcontext
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, Form, HTTPException, Request, status
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import Markup
from sqlalchemy import Engine
from sqlmodel import Session
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

from opsloop.errors import OpsloopError
from opsloop.plan.charts import proposal_chart_svg
from opsloop.review.accounts import Actor, actor_for_token, actor_of, authenticate, user_for_token
from opsloop.review.assistant import PLANNER_KINDS, Reply, opening_sections, present, respond
from opsloop.review.decisions import (
    DecisionAction,
    DecisionRequest,
    NeedsConfirmation,
    choices,
    decide,
)
from opsloop.review.facets import index_missing
from opsloop.review.previews import PreviewUnavailable, einvoice_xml, page_image
from opsloop.review.sessions import (
    end_session,
    login_wait_seconds,
    open_session,
    record_login_failure,
    record_login_success,
    session_user,
)
from opsloop.review.workspace import LINE_COLUMNS, build_workspace, form_changes
from opsloop.settings import Settings
from opsloop.store.db import open_database
from opsloop.store.tables import Document, Proposal, User
from opsloop.web.api import build_api_router
from opsloop.web.context import WebContext
from opsloop.web.ops import build_ops_router
from opsloop.web.problems import install_problem_handlers
from opsloop.web.queue import build_queue_router
from opsloop.web.recurring import build_recurring_pages
from opsloop.web.replay import build_replay_router
from opsloop.web.security import (
    SecurityHeaders,
    client_address,
    cookie_is_secure,
    docs_allowed,
    session_secret,
)

SESSION_COOKIE = "opsloop_session"
LOGIN_COOKIE = "opsloop_login"
IN_FLIGHT = 8
"""The most requests handled at once (fewer when the database pool is smaller); the rest wait at the
door, in order. Python runs one thread at a time (the GIL) and SQLite writes one at a time, so more
at once only interleaves requests and makes each slower; and a request holds its database connection
between its dependencies and its handler, so admitting more requests than the pool has connections
lets them wait on each other until the pool times out."""
API_DESCRIPTION = """Review queue and documents. Every operation needs `Authorization: Bearer <token>`
(`opsloop users token NAME`; `--role viewer` for a token that may do less than its user). Errors are
RFC 9457 problem details (`application/problem+json`). Decisions and state changes: `GET /api/events`,
or webhooks (`OPSLOOP_WEBHOOKS__URLS`, signed with HMAC-SHA256 in `Opsloop-Signature`)."""
LINE_HEADINGS = [label for _key, label, _kind in LINE_COLUMNS]
_WEB_DIR = Path(str(files("opsloop.web")))


# ------------------------------------------------------------------ the app


class AdmissionLimit:
    """ASGI middleware: at most `limit` HTTP requests inside the app at once, the others queue
    first in, first out (anyio's semaphore) without holding a thread or a database connection."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.gate: anyio.Semaphore | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.gate is None:
            self.gate = anyio.Semaphore(self.limit)  # made inside the server's event loop
        async with self.gate:
            await self.app(scope, receive, send)


def in_flight_limit(engine: Engine, wanted: int = IN_FLIGHT) -> int:
    """`wanted`, but no more than the pool's steady connections (overflow ones are opened and closed
    per use, which costs more than a request)."""
    size = getattr(engine.pool, "size", None)
    return max(1, min(wanted, int(size()))) if callable(size) else wanted


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    in_flight: int | None = None,
    host: str | None = None,
) -> FastAPI:
    """The web app over the configured database (migrated on start). `in_flight`: the most requests
    handled at once (default: `in_flight_limit`); `host`: the address it will be bound to (default
    OPSLOOP_WEB__HOST): on a non-loopback one it refuses to start without a real secret key
    (opsloop/web/security.py)."""
    bound_host = host or settings.web.host
    secret = session_secret(settings, bound_host)
    db = engine if engine is not None else open_database(settings)
    limit = in_flight if in_flight is not None else in_flight_limit(db)
    # SQLite takes one writer at a time and makes the others wait in its busy handler, which sleeps
    # in growing steps (up to 100 ms) and lets a later writer overtake: decisions queue on this lock
    # instead, in order and without sleeping. Other processes still meet the busy timeout.
    sqlite_writes = threading.Lock()

    def writing() -> AbstractContextManager[object]:
        return sqlite_writes if db.dialect.name == "sqlite" else nullcontext()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # one thread per admitted request (anyio's default pool is 40)
        anyio.to_thread.current_default_thread_limiter().total_tokens = limit
        yield

    signer = URLSafeTimedSerializer(secret, salt="opsloop-login")
    templates = Jinja2Templates(directory=str(_WEB_DIR / "templates"))
    templates.env.filters["money"] = lambda v, c=None: "—" if v is None else f"{v:,.2f} {c or ''}".strip()

    def secure(request: Request) -> bool:
        return cookie_is_secure(request, bound_host)

    with Session(db) as session:
        index_missing(session)  # proposals queued before the queue's facets existed

    app = FastAPI(
        title="opsloop review",
        version="1",
        description=API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(AdmissionLimit, limit=limit)
    app.add_middleware(SecurityHeaders)
    install_problem_handlers(app)
    app.mount("/static/swagger-ui", StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=str(_WEB_DIR / "static")), name="static")

    def get_session() -> Iterator[Session]:
        with Session(db, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    DbSession = Annotated[Session, Depends(get_session)]
    bearer = HTTPBearer(auto_error=False)

    def api_actor(
        session: DbSession, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
    ) -> Actor:
        actor = actor_for_token(session, credentials.credentials) if credentials is not None else None
        if actor is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "a valid bearer token is needed (create one with `opsloop users token NAME`)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return actor

    # -------------------------------------------------------------- pages

    def page_user(request: Request, session: Session) -> tuple[User, str] | None:
        """The user of the request's live server-side session and its CSRF token (opsloop/review/sessions.py)."""
        return session_user(session, request.cookies.get(SESSION_COOKIE))

    def check_csrf(expected: str, given: str | None) -> None:
        if not given or not secrets.compare_digest(expected, given):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, "the form is stale (CSRF check failed): reload the page"
            )

    def to_login() -> RedirectResponse:
        return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/queue", status.HTTP_303_SEE_OTHER)

    @app.get("/login", include_in_schema=False, response_class=HTMLResponse)
    def login_form(request: Request, error: str | None = None) -> Response:
        token = secrets.token_urlsafe(24)
        response = templates.TemplateResponse(
            request, "login.html", {"csrf": token, "error": error, "user": None}
        )
        response.set_cookie(
            LOGIN_COOKIE,
            signer.dumps(token),
            httponly=True,
            samesite="strict",
            secure=secure(request),
            max_age=3600,
        )
        return response

    @app.post("/login", include_in_schema=False)
    def login(
        request: Request,
        session: DbSession,
        username: Annotated[str, Form()],
        password: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()],
    ) -> Response:
        try:
            expected = str(signer.loads(request.cookies.get(LOGIN_COOKIE, ""), max_age=3600))
        except BadSignature:
            expected = ""
        check_csrf(expected, csrf_token)
        address = client_address(request)
        if login_wait_seconds(session, username, address) > 0:
            return RedirectResponse("/login?error=locked", status.HTTP_303_SEE_OTHER)
        user = authenticate(session, username, password)
        if user is None:
            with writing():
                record_login_failure(session, username, address, settings.web)
                session.commit()
            return RedirectResponse("/login?error=1", status.HTTP_303_SEE_OTHER)
        with writing():
            record_login_success(session, username)
            opened = open_session(session, user, settings.web, address=address)
            session.commit()  # before the browser follows the redirect with its new cookie
        response = RedirectResponse("/queue", status.HTTP_303_SEE_OTHER)
        response.set_cookie(
            SESSION_COOKIE,
            opened.token,
            httponly=True,
            samesite="lax",
            secure=secure(request),
            max_age=int(settings.web.session_hours * 3600),
        )
        response.delete_cookie(LOGIN_COOKIE)
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, session: DbSession, csrf_token: Annotated[str, Form()]) -> Response:
        found = page_user(request, session)
        if found is not None:
            check_csrf(found[1], csrf_token)
            with writing():
                end_session(session, request.cookies.get(SESSION_COOKIE))
                session.commit()
        response = to_login()
        response.delete_cookie(SESSION_COOKIE)
        return response

    def plan_chart(proposal: Proposal) -> Markup | None:
        """A reorder's or staffing proposal's chart (server-rendered SVG; every text in it is escaped
        by `plan.charts`)."""
        svg = proposal_chart_svg(proposal.kind, proposal.working or {}, chart_id=f"plan-{proposal.id}")
        return Markup(svg) if svg else None

    def render_proposal(
        request: Request,
        session: Session,
        user: User,
        csrf: str,
        proposal: Proposal,
        exchanges: list[Any],
        *,
        compare: int | None = None,
    ) -> Response:
        assert proposal.id is not None
        return templates.TemplateResponse(
            request,
            "proposal.html",
            {
                "user": user,
                "csrf": csrf,
                "p": proposal,
                "ws": build_workspace(session, settings, proposal, compare=compare),
                "opening": present(session, proposal),
                "opening_sections": opening_sections(session, proposal)
                if proposal.kind in PLANNER_KINDS
                else [],
                "chart": plan_chart(proposal),
                "exchanges": exchanges,
                "message": None,
                "confirm": None,
                "line_headings": LINE_HEADINGS,
                "line_columns": [(key, label) for key, label, _kind in LINE_COLUMNS],
            },
        )

    def render_panel(
        request: Request,
        session: Session,
        csrf: str,
        proposal: Proposal,
        *,
        message: dict[str, Any] | None = None,
        confirm: dict[str, Any] | None = None,
    ) -> Response:
        """The decision side alone (htmx swaps it in place after an edit or a decision); a request
        without htmx gets the whole page."""
        session.refresh(proposal)
        context = {
            "p": proposal,
            "ws": build_workspace(session, settings, proposal),
            "csrf": csrf,
            "message": message,
            "confirm": confirm,
            "line_headings": LINE_HEADINGS,
            "line_columns": [(key, label) for key, label, _kind in LINE_COLUMNS],
        }
        if request.headers.get("HX-Request"):
            return templates.TemplateResponse(request, "_panel.html", context)
        found = page_user(request, session)
        assert found is not None
        return templates.TemplateResponse(
            request,
            "proposal.html",
            {
                **context,
                "user": found[0],
                "opening": present(session, proposal),
                "opening_sections": opening_sections(session, proposal)
                if proposal.kind in PLANNER_KINDS
                else [],
                "chart": plan_chart(proposal),
                "exchanges": [],
            },
        )

    def open_proposal(session: Session, proposal_id: int) -> Proposal:
        proposal = session.get(Proposal, proposal_id)
        if proposal is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"there is no proposal {proposal_id}")
        return proposal

    @app.get("/proposals/{proposal_id}", include_in_schema=False, response_class=HTMLResponse)
    def proposal_page(
        proposal_id: int, request: Request, session: DbSession, compare: int | None = None
    ) -> Response:
        found = page_user(request, session)
        if found is None:
            return to_login()
        proposal = open_proposal(session, proposal_id)
        return render_proposal(request, session, found[0], found[1], proposal, [], compare=compare)

    def decide_on_page(
        request: Request,
        session: Session,
        user: User,
        csrf: str,
        proposal: Proposal,
        decision: DecisionRequest,
        label: str,
    ) -> Response:
        """Apply one decision from a page form; the panel comes back with what happened (or the
        confirmation it needs, or why it was refused)."""
        assert proposal.id is not None
        try:
            with writing():
                outcome = decide(
                    session,
                    proposal.id,
                    actor_of(user),
                    decision,
                    confirm_above=settings.review.confirm_above,
                )
                session.commit()
        except NeedsConfirmation as asked:
            session.rollback()
            confirm = {
                "action": decision.action.value,
                "reason": decision.reason,
                "remember_recurring": decision.remember_recurring,
                "recurring_months": decision.recurring_months,
                "summary": asked.summary,
                "label": label,
            }
            return render_panel(request, session, csrf, proposal, confirm=confirm)
        except OpsloopError as error:
            session.rollback()
            lines = [error.message, *([error.hint] if error.hint else [])]
            return render_panel(request, session, csrf, proposal, message={"kind": "error", "lines": lines})
        message = {"kind": "decision", "lines": [outcome.message, *outcome.warnings]}
        return render_panel(request, session, csrf, proposal, message=message)

    @app.post("/proposals/{proposal_id}/decide", include_in_schema=False, response_class=HTMLResponse)
    def decide_page(
        proposal_id: int,
        request: Request,
        session: DbSession,
        action: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()],
        seen_version: Annotated[int | None, Form()] = None,
        reason: Annotated[str | None, Form()] = None,
        confirmed: Annotated[str | None, Form()] = None,
        remember_recurring: Annotated[str | None, Form()] = None,
        recurring_months: Annotated[int, Form()] = 1,
    ) -> Response:
        found = page_user(request, session)
        if found is None:
            return to_login()
        user, csrf = found
        check_csrf(csrf, csrf_token)
        proposal = open_proposal(session, proposal_id)
        try:
            chosen = DecisionAction(action)
        except ValueError:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"no decision {action!r}") from None
        labels = {c.action: c.label for c in choices(session, proposal)}
        decision = DecisionRequest(
            action=chosen,
            reason=reason,
            expected_version=seen_version,
            confirmed=confirmed == "1",
            remember_recurring=remember_recurring == "1",
            recurring_months=recurring_months,
        )
        return decide_on_page(
            request, session, user, csrf, proposal, decision, labels.get(chosen, chosen.value)
        )

    @app.post("/proposals/{proposal_id}/edit", include_in_schema=False, response_class=HTMLResponse)
    async def edit_page(proposal_id: int, request: Request) -> Response:
        form = await request.form()
        values = [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
        return await anyio.to_thread.run_sync(lambda: edit_sync(proposal_id, request, values))

    def edit_sync(proposal_id: int, request: Request, values: list[tuple[str, str]]) -> Response:
        with Session(db, expire_on_commit=False) as session:
            found = page_user(request, session)
            if found is None:
                return to_login()
            user, csrf = found
            fields = dict(values)
            check_csrf(csrf, fields.get("csrf_token"))
            proposal = open_proposal(session, proposal_id)
            seen = fields.get("seen_version")
            changes = form_changes(session, settings, proposal, values)
            if not changes:
                message = {"kind": "refused", "lines": ["Nothing was changed: edit a field first."]}
                return render_panel(request, session, csrf, proposal, message=message)
            decision = DecisionRequest(
                action=DecisionAction.EDIT,
                changes=changes,
                expected_version=int(seen) if seen and seen.isdigit() else None,
            )
            return decide_on_page(request, session, user, csrf, proposal, decision, "Save and re-check")

    @app.post("/proposals/{proposal_id}/say", include_in_schema=False, response_class=HTMLResponse)
    def say(
        proposal_id: int,
        request: Request,
        session: DbSession,
        message: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()],
        seen_version: Annotated[int | None, Form()] = None,
        confirmed: Annotated[str | None, Form()] = None,
    ) -> Response:
        found = page_user(request, session)
        if found is None:
            return to_login()
        user, csrf = found
        check_csrf(csrf, csrf_token)
        with writing():
            reply: Reply = respond(
                session,
                proposal_id,
                actor_of(user),
                message,
                seen_version=seen_version,
                settings=settings,
                confirmed=confirmed == "1",
            )
            if reply.kind == "error":
                session.rollback()
            else:
                session.commit()
        if reply.next_proposal_id is not None and request.headers.get("HX-Request"):
            return Response(headers={"HX-Redirect": f"/proposals/{reply.next_proposal_id}"})
        if reply.next_proposal_id is not None:
            return RedirectResponse(f"/proposals/{reply.next_proposal_id}", status.HTTP_303_SEE_OTHER)
        proposal = open_proposal(session, proposal_id)
        session.refresh(proposal)
        exchange = {"said": message, "reply": reply}
        if request.headers.get("HX-Request"):
            context = {
                "exchange": exchange,
                "p": proposal,
                "oob": True,
                "csrf": csrf,
                "ws": build_workspace(session, settings, proposal),
                "message": None,
                "confirm": None,
                "line_headings": LINE_HEADINGS,
                "line_columns": [(key, label) for key, label, _kind in LINE_COLUMNS],
            }
            return templates.TemplateResponse(request, "_exchange.html", context)
        return render_proposal(request, session, user, csrf, proposal, [exchange])

    # -------------------------------------------------------------- the documents

    def viewer(request: Request, session: Session, credentials: HTTPAuthorizationCredentials | None) -> bool:
        """A logged-in page user, or an API token (any role may look at a document)."""
        if page_user(request, session) is not None:
            return True
        return credentials is not None and user_for_token(session, credentials.credentials) is not None

    def open_document(session: Session, document_id: int) -> Document:
        document = session.get(Document, document_id)
        if document is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"there is no document {document_id}")
        return document

    @app.get("/documents/{document_id}/pages/{number}.png", include_in_schema=False)
    def document_page(
        document_id: int,
        number: int,
        request: Request,
        session: DbSession,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Response:
        if not viewer(request, session, credentials):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "log in to see documents")
        document = open_document(session, document_id)
        try:
            path = page_image(settings, document, number)
        except PreviewUnavailable as error:
            raise HTTPException(status.HTTP_404_NOT_FOUND, error.message) from error
        return FileResponse(
            path,
            media_type="image/png",
            headers={"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"},
        )

    @app.get("/documents/{document_id}/xml", include_in_schema=False)
    def document_xml(
        document_id: int,
        request: Request,
        session: DbSession,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Response:
        """The e-invoice XML as text (never rendered as markup by the browser)."""
        if not viewer(request, session, credentials):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "log in to see documents")
        document = open_document(session, document_id)
        try:
            xml = einvoice_xml(document)
        except PreviewUnavailable as error:
            raise HTTPException(status.HTTP_404_NOT_FOUND, error.message) from error
        if xml is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"document {document_id} carries no e-invoice XML")
        return PlainTextResponse(
            xml,
            headers={
                "Cache-Control": "private",
                "X-Content-Type-Options": "nosniff",
                "Content-Disposition": f'inline; filename="document-{document_id}.xml.txt"',
            },
        )

    # API docs: loopback clients only unless OPSLOOP_WEB__PUBLIC_DOCS (opsloop/web/security.py)

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi_spec(request: Request) -> Response:
        if not docs_allowed(request, settings):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "Not Found")
        return JSONResponse(app.openapi())

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> Response:
        """Swagger UI from our own static path: no CDN, works offline, no inline script."""
        if not docs_allowed(request, settings):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "Not Found")
        return templates.TemplateResponse(request, "api_docs.html", {"spec_url": "/api/openapi.json"})

    web = WebContext(
        db=db,
        settings=settings,
        templates=templates,
        page_user=page_user,
        check_csrf=check_csrf,
        writing=writing,
        get_session=get_session,
        api_actor=api_actor,
        bearer=bearer,
    )
    app.include_router(build_api_router(web))
    app.include_router(build_queue_router(web))
    app.include_router(build_ops_router(web))
    app.include_router(build_recurring_pages(web))
    app.include_router(build_replay_router(db, templates, page_user, check_csrf))
    return app
