"""Errors of the REST API as RFC 9457 problem details (`application/problem+json`): `type` (a URN
naming the kind of problem), `title`, `status`, `detail` (what happened, in a sentence), `instance`
(the request path), and members of our own where they help: `hint` (what to do next), `summary`
(what a confirmation would carry out), `errors` (the request fields that were wrong).

Pages keep their own error handling; only paths under `/api` answer with problem details."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from opsloop.errors import NotFoundError, OpsloopError
from opsloop.review.errors import DecisionConflict, InvalidDecision, NeedsConfirmation, NotAllowed

PROBLEM_JSON = "application/problem+json"


class ProblemDetails(BaseModel):
    """An RFC 9457 problem (the schema every API error follows)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    hint: str | None = None
    summary: list[str] | None = None
    errors: list[dict[str, Any]] | None = None


class Problem(Exception):
    """Raise to answer an API call with a problem document."""

    def __init__(
        self,
        status_code: int,
        detail: str,
        *,
        kind: str | None = None,
        hint: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.kind = kind
        self.hint = hint
        self.headers = headers
        self.extra = extra


_KIND_OF_STATUS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-request",
    428: "needs-confirmation",
    429: "too-many-requests",
}


def problem_of(error: OpsloopError) -> Problem:
    """A domain refusal as the HTTP problem it is (428 carries the confirmation summary)."""
    if isinstance(error, NeedsConfirmation):
        return Problem(
            status.HTTP_428_PRECONDITION_REQUIRED,
            error.message,
            hint="send it again with `confirmed: true`",
            summary=list(error.summary),
        )
    code = (
        status.HTTP_404_NOT_FOUND
        if isinstance(error, NotFoundError)
        else status.HTTP_403_FORBIDDEN
        if isinstance(error, NotAllowed)
        else status.HTTP_409_CONFLICT
        if isinstance(error, DecisionConflict)
        else status.HTTP_422_UNPROCESSABLE_CONTENT
        if isinstance(error, InvalidDecision)
        else status.HTTP_400_BAD_REQUEST
    )
    return Problem(code, error.message, hint=error.hint or None)


def problem_response(
    request: Request,
    status_code: int,
    detail: str | None,
    *,
    kind: str | None = None,
    hint: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    slug = kind or _KIND_OF_STATUS.get(status_code)
    try:
        title = HTTPStatus(status_code).phrase
    except ValueError:
        title = "Error"
    body = ProblemDetails(
        type=f"urn:opsloop:problem:{slug}" if slug else "about:blank",
        title=title,
        status=status_code,
        detail=detail,
        instance=request.url.path,
        hint=hint,
        **extra,
    )
    return JSONResponse(
        jsonable_encoder(body, exclude_none=True),
        status_code=status_code,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def install_problem_handlers(app: FastAPI) -> None:
    """Every error under `/api` becomes a problem document; elsewhere FastAPI's own handlers answer."""

    async def on_problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, Problem)
        return problem_response(
            request,
            error.status_code,
            error.detail,
            kind=error.kind,
            hint=error.hint,
            headers=error.headers,
            **error.extra,
        )

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if not _is_api(request):
            return await http_exception_handler(request, error)
        detail = error.detail if isinstance(error.detail, str) else None
        extra: dict[str, Any] = {}
        if isinstance(error.detail, dict):
            detail = str(error.detail.get("error") or error.detail.get("detail") or "")
            extra = {k: v for k, v in error.detail.items() if k in ("hint", "summary")}
        headers = dict(error.headers) if error.headers else None
        return problem_response(request, error.status_code, detail, headers=headers, **extra)

    async def on_invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if not _is_api(request):
            return await request_validation_exception_handler(request, error)
        errors = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in error.errors()
        ]
        first = errors[0] if errors else {"where": "request", "message": "invalid"}
        return problem_response(
            request,
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"{first['where']}: {first['message']}",
            errors=errors,
        )

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ProblemDetails, "content": {PROBLEM_JSON: {}}, "description": HTTPStatus(code).phrase}
    for code in (401, 403, 404, 409, 422, 428)
}
"""For the OpenAPI description: the errors every operation may answer."""
