"""The operations page (`/ops`, login required) and `/metrics` (Prometheus exposition).

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import APIRouter, Request, status
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.settings import Settings
from opsloop.store.tables import User
from opsloop.telemetry.charts import line_chart, stacked_bars
from opsloop.telemetry.figures import daily_series, exception_totals, take_snapshot
from opsloop.telemetry.metrics import install_stage_metrics, metrics_registry, render_metrics
from opsloop.web.security import metrics_allowed

PageUser = Callable[[Request, Session], tuple[User, str] | None]


def build_ops_router(
    engine: Engine, settings: Settings, templates: Jinja2Templates, page_user: PageUser
) -> APIRouter:
    router = APIRouter()
    install_stage_metrics()  # an in-process runner in this process (opsloop serve) feeds the histograms
    registry = metrics_registry(engine, settings)

    @router.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        if not metrics_allowed(request, settings):  # a token, or loopback only (opsloop/web/security.py)
            return Response("Not Found", status_code=status.HTTP_404_NOT_FOUND, media_type="text/plain")
        body, content_type = render_metrics(registry)
        return Response(content=body, media_type=content_type)

    @router.get("/ops", include_in_schema=False)
    def ops(request: Request, days: int = 30) -> Response:
        days = max(2, min(days, 366))
        with Session(engine) as session:
            found = page_user(request, session)
            if found is None:
                return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
            user, csrf = found
            now = datetime.now(UTC)
            snapshot = take_snapshot(session, now)
            points = daily_series(session, days, now)
        dates = [p.day for p in points]
        kinds = sorted(exception_totals(points), key=lambda k: -exception_totals(points)[k])
        charts = [
            line_chart("Straight-through rate", dates, [p.straight_through_rate for p in points], unit="%"),
            stacked_bars(
                "Exceptions by type", dates, {k: [p.exceptions.get(k, 0) for p in points] for k in kinds}
            ),
            line_chart(
                "LLM cost per document",
                dates,
                [None if p.cost_per_document is None else float(p.cost_per_document) for p in points],
                unit="money",
            ),
            line_chart(
                "Review latency (median, hours)", dates, [p.review_latency_hours for p in points], unit="h"
            ),
            line_chart("Reviewer override rate", dates, [p.override_rate for p in points], unit="%"),
        ]
        return templates.TemplateResponse(
            request,
            "ops.html",
            {
                "user": user,
                "csrf": csrf,
                "days": days,
                "snapshot": snapshot,
                "charts": [Markup(chart) for chart in charts],
                "mode": settings.runner.mode,
            },
        )

    return router
