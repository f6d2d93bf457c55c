"""The operations page (`/ops`, login required) and `/metrics` (Prometheus exposition).

The page reads as a team lead asks: how much runs by itself (touchless rate of invoices, chats
apart), what goes wrong (exceptions by type), what waits and how long (backlog by age with the money
at stake, SLA breaches), who decides how much (reviewer throughput), what the LLM costs, and the
trends over 7, 30 or 90 days. Each panel is one entry of `panels` below; a new panel (the policy
replay of issue 18) is one more entry and one more `{% include %}` in `ops.html`.

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlmodel import Session

from opsloop.telemetry.charts import legend, line_chart, stacked_bars
from opsloop.telemetry.figures import daily_series, exception_totals, take_snapshot
from opsloop.telemetry.metrics import install_stage_metrics, metrics_registry, render_metrics
from opsloop.telemetry.operations import operations_figures, operations_series
from opsloop.web.context import WebContext
from opsloop.web.security import metrics_allowed

WINDOWS = (7, 30, 90)


def build_ops_router(web: WebContext) -> APIRouter:
    engine, settings, templates, page_user = web.db, web.settings, web.templates, web.page_user
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
            figures = operations_figures(session, days, now)
            trend = operations_series(session, days, now)
        dates = [p.day for p in points]
        totals = exception_totals(points)
        kinds = sorted(totals, key=lambda k: -totals[k])
        charts: list[dict[str, Any]] = [
            _chart(
                "Touchless rate, invoices",
                "Invoices decided automatically ÷ invoices decided, per day (conversations apart).",
                line_chart("Touchless rate, invoices", dates, [p.touchless_rate for p in trend], unit="%"),
            ),
            _chart(
                "Exceptions by type",
                "Exceptions found by reconciliation, per day.",
                stacked_bars(
                    "Exceptions by type", dates, {k: [p.exceptions.get(k, 0) for p in points] for k in kinds}
                ),
                legend(kinds),
            ),
            _chart(
                "Open backlog",
                "Proposals waiting for a decision at the end of each day.",
                line_chart("Open backlog", dates, [float(p.backlog) for p in trend]),
            ),
            _chart(
                "Reviewer decisions",
                "Approvals, rejections, holds and releases by people, per day.",
                line_chart("Reviewer decisions", dates, [float(p.human_decisions) for p in trend]),
            ),
            _chart(
                "LLM cost per document",
                "Priced model calls ÷ documents received, per day.",
                line_chart(
                    "LLM cost per document",
                    dates,
                    [None if p.cost_per_document is None else float(p.cost_per_document) for p in points],
                    unit="money",
                ),
            ),
            _chart(
                "Review latency (median, hours)",
                "From queued to the first decision by a person.",
                line_chart(
                    "Review latency (median, hours)",
                    dates,
                    [p.review_latency_hours for p in points],
                    unit="h",
                ),
            ),
            _chart(
                "Reviewer override rate",
                "Automatic approvals a person then reversed or edited.",
                line_chart("Reviewer override rate", dates, [p.override_rate for p in points], unit="%"),
            ),
        ]
        return templates.TemplateResponse(
            request,
            "ops.html",
            {
                "user": user,
                "csrf": csrf,
                "days": days,
                "windows": WINDOWS,
                "snapshot": snapshot,
                "figures": figures,
                "charts": charts,
                "first_day": dates[0] if dates else None,
                "last_day": dates[-1] if dates else None,
                "mode": settings.runner.mode,
            },
        )

    return router


def _chart(
    title: str, note: str, svg: str, legend_items: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    return {"title": title, "note": note, "svg": Markup(svg), "legend": legend_items or []}
