"""The policy replay on the operations page (`/ops/replay`, login required): the current autonomy
policy and a proposed one run over the recorded history side by side; an admin saves the proposed
one as the new active version from the same page, after seeing its replay.

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.review.accounts import Role
from opsloop.review.autonomy import AutonomyPolicy, load_autonomy_policy, save_autonomy_policy
from opsloop.review.replay import ReplayReport, replay_policy
from opsloop.store.tables import AutonomyPolicyVersion, User

PageUser = Callable[[Request, Session], tuple[User, str] | None]
CheckCsrf = Callable[[str, str | None], None]


def policy_toml(policy: AutonomyPolicy) -> str:
    """The policy as TOML, in the shape of review/autonomy.toml (amounts as exact text)."""

    def value(item: Any) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, (int, float)):
            return str(item)
        if isinstance(item, list):
            return "[" + ", ".join(value(v) for v in item) + "]"
        text = str(item).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'

    def table(data: dict[str, Any]) -> list[str]:
        return [f"{k} = {value(v)}" for k, v in data.items() if v is not None and not isinstance(v, dict)]

    body = policy.model_dump(mode="json")
    lines = table({k: v for k, v in body.items() if k not in ("drift", "rules")})
    lines += ["", "[drift]", *table(body["drift"])]
    for rule in body["rules"]:
        lines += ["", "[[rules]]", *table(rule)]
    return "\n".join(lines) + "\n"


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        return None


def _parse(text: str) -> tuple[AutonomyPolicy | None, str | None]:
    try:
        return AutonomyPolicy.model_validate(tomllib.loads(text)), None
    except tomllib.TOMLDecodeError as error:
        return None, f"not valid TOML: {error}"
    except ValidationError as error:
        first = error.errors()[0]
        return None, f"not an autonomy policy: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}"


def build_replay_router(
    engine: Engine, templates: Jinja2Templates, page_user: PageUser, check_csrf: CheckCsrf
) -> APIRouter:
    router = APIRouter()

    def render(
        request: Request,
        user: User,
        csrf: str,
        text: str,
        since: str | None,
        *,
        proposed: ReplayReport | None = None,
        current: ReplayReport | None = None,
        error: str | None = None,
        saved: str | None = None,
    ) -> Response:
        return templates.TemplateResponse(
            request,
            "ops_replay.html",
            {
                "user": user,
                "csrf": csrf,
                "text": text,
                "since": since or "",
                "current": current,
                "proposed": proposed,
                "error": error,
                "saved": saved,
                "admin": Role(user.role) is Role.ADMIN,
                "percent": lambda v: "—" if v is None else f"{v:.1%}",
                "zero": Decimal(0),
            },
        )

    @router.get("/ops/replay", include_in_schema=False)
    def replay_page(request: Request, since: str | None = None, saved: str | None = None) -> Response:
        with Session(engine) as session:
            found = page_user(request, session)
            if found is None:
                return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
            user, csrf = found
            policy = load_autonomy_policy(session)
            current = replay_policy(session, policy, since=_since(since))
        return render(request, user, csrf, policy_toml(policy), since, current=current, saved=saved)

    @router.post("/ops/replay", include_in_schema=False)
    def replay_proposed(
        request: Request,
        policy_text: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()],
        since: Annotated[str | None, Form()] = None,
    ) -> Response:
        with Session(engine) as session:
            found = page_user(request, session)
            if found is None:
                return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
            user, csrf = found
            check_csrf(csrf, csrf_token)
            start = _since(since)
            current = replay_policy(session, load_autonomy_policy(session), since=start)
            policy, error = _parse(policy_text)
            proposed = replay_policy(session, policy, since=start) if policy is not None else None
        return render(
            request, user, csrf, policy_text, since, current=current, proposed=proposed, error=error
        )

    @router.post("/ops/replay/save", include_in_schema=False)
    def save_proposed(
        request: Request,
        policy_text: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()],
        seen_replay: Annotated[str | None, Form()] = None,
    ) -> Response:
        with Session(engine) as session:
            found = page_user(request, session)
            if found is None:
                return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
            user, csrf = found
            check_csrf(csrf, csrf_token)
            if Role(user.role) is not Role.ADMIN:
                raise HTTPException(status.HTTP_403_FORBIDDEN, "only admins save autonomy policies")
            policy, error = _parse(policy_text)
            if policy is not None and seen_replay != policy.version:
                error = "save it from the page that shows its replay"
            if (
                policy is not None
                and session.exec(
                    select(AutonomyPolicyVersion).where(AutonomyPolicyVersion.version == policy.version)
                ).first()
            ):
                error = f"policy version {policy.version!r} exists already: give it a new version"
            if policy is None or error is not None:
                current = replay_policy(session, load_autonomy_policy(session))
                return render(request, user, csrf, policy_text, None, current=current, error=error)
            save_autonomy_policy(session, policy, actor=user.username)
            session.commit()
        return RedirectResponse(f"/ops/replay?saved={policy.version}", status.HTTP_303_SEE_OTHER)

    return router
