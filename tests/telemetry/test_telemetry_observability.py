"""Structured logs carry the document id through every stage; /metrics and /ops show how the
automation performs, from the database and the runner's hook."""

from __future__ import annotations

import io
import json
import logging
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.documents import DocumentFamily, DocumentState
from opsloop.errors import StageError
from opsloop.ingest.files import ingest_paths
from opsloop.pipeline import Pipeline, Stage, StageContext, StageResult
from opsloop.settings import Settings
from opsloop.store.tables import LLMCall, Proposal, ReviewDecision
from opsloop.store.types import utcnow
from opsloop.telemetry.charts import legend, line_chart, stacked_bars
from opsloop.telemetry.figures import daily_series, take_snapshot
from opsloop.telemetry.logs import configure_logging
from opsloop.web.app import create_app
from tests import samples
from tests.review.review_helpers import PASSWORD, add_users

ALL = frozenset(DocumentFamily)
log = logging.getLogger("tests.telemetry.stage")


def _parse(ctx: StageContext) -> StageResult:
    log.info("reading the file")
    return StageResult(DocumentState.PARSED)


def _finish(ctx: StageContext) -> StageResult:
    log.info("finishing", extra={"lines": 3})
    if ctx.document.original_name == "bad.xml":
        raise StageError("no total on the invoice")
    return StageResult(DocumentState.DONE)


PIPELINE = Pipeline(
    [Stage("parse", DocumentState.RECEIVED, ALL, _parse), Stage("finish", DocumentState.PARSED, ALL, _finish)]
)


def _ingest(settings: Settings, engine: Engine, names: list[str]) -> dict[str, int]:
    for number, name in enumerate(names):
        samples.write(settings.inbox_dir, name, samples.ubl_invoice(f"INV-{number}"))
    outcomes = ingest_paths(engine, settings, [settings.inbox_dir], move=True)
    return {Path(o.path).name: o.document_id for o in outcomes if o.document_id is not None}


def test_logs_are_json_off_a_terminal_and_carry_the_document_id_through_every_stage(
    settings: Settings, engine: Engine
) -> None:
    # GIVEN logging configured on a stream that is not a terminal
    stream = io.StringIO()
    handler = configure_logging(logging.INFO, stream=stream)
    try:
        ids = _ingest(settings, engine, ["a.xml", "b.xml"])
        # WHEN the runner processes two documents
        PIPELINE.run_pending(engine, settings)
    finally:
        logging.getLogger().removeHandler(handler)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    # THEN every line is a JSON object, and each stage's own records name their document and stage
    stage_records = [r for r in records if r["logger"] == "tests.telemetry.stage"]
    assert {(r["document_id"], r["stage"]) for r in stage_records} == {
        (doc_id, stage) for doc_id in ids.values() for stage in ("parse", "finish")
    }
    assert all(r["lines"] == 3 for r in stage_records if r["message"] == "finishing")
    runner_records = [r for r in records if r["logger"] == "opsloop.pipeline"]
    assert runner_records and all(r["document_id"] in ids.values() for r in runner_records)


def test_text_logs_on_a_terminal(settings: Settings) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    handler = configure_logging(logging.INFO, stream=stream)
    try:
        logging.getLogger("x").info("hello")
    finally:
        logging.getLogger().removeHandler(handler)
    assert "INFO x: hello" in stream.getvalue()
    with pytest.raises(json.JSONDecodeError):
        json.loads(stream.getvalue())


def _metric(text: str, name: str, labels: str = "") -> float:
    pattern = re.escape(name + (("{" + labels + "}") if labels else "")) + r" ([0-9.e+-]+)"
    found = re.search(pattern, text)
    assert found, f"{name}{{{labels}}} not in /metrics"
    return float(found.group(1))


@pytest.fixture
def client(settings: Settings, engine: Engine) -> TestClient:
    add_users(engine)
    return TestClient(create_app(settings, engine=engine), client=("127.0.0.1", 50000))  # a loopback client


def test_metrics_show_states_latency_failures_straight_through_sla_overrides_and_llm_cost(
    settings: Settings, engine: Engine, client: TestClient
) -> None:
    # GIVEN three documents processed (one fails in a stage), an overdue proposal, an automatic
    # approval a person reversed, and two priced LLM calls
    ids = _ingest(settings, engine, ["a.xml", "b.xml", "bad.xml"])
    first = client.get("/metrics").text  # other tests in this process may have run stages already
    label = 'opsloop_stage_seconds_count{outcome="ok",stage="parse"}'
    before = (
        _metric(first, "opsloop_stage_seconds_count", 'outcome="ok",stage="parse"') if label in first else 0.0
    )
    PIPELINE.run_pending(engine, settings)
    with Session(engine) as session:
        late = Proposal(
            kind="reorder",
            subject_key="sku:1",
            title="t",
            summary="s",
            sla_due_at=utcnow() - timedelta(hours=2),
        )
        auto = Proposal(
            kind="invoice_action", subject_key="inv:1", title="t", summary="s", document_id=ids["a.xml"]
        )
        session.add(late)
        session.add(auto)
        session.flush()
        assert auto.id is not None
        session.add(
            ReviewDecision(
                proposal_id=auto.id,
                actor="autonomy:small-known",
                action="approve",
                autonomy_rule="small-known",
            )
        )
        session.add(ReviewDecision(proposal_id=auto.id, actor="alice", action="reverse"))
        for tokens in (100, 300):
            session.add(
                LLMCall(
                    purpose="extract",
                    model="m",
                    prompt_name="p",
                    prompt_version="1",
                    prompt_hash="h",
                    input_hash="i",
                    tokens_in=tokens,
                    tokens_out=10,
                    cost=Decimal("0.002"),
                    outcome="ok",
                )
            )
        session.commit()

    # WHEN Prometheus scrapes /metrics
    response = client.get("/metrics")
    text = response.text

    # THEN documents by state and kind, the stage histograms from the runner's hook, and stage errors
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert _metric(text, "opsloop_documents", 'kind="einvoice",state="done"') == 2
    assert _metric(text, "opsloop_documents", 'kind="einvoice",state="failed"') == 1
    assert _metric(text, "opsloop_stage_seconds_count", 'outcome="ok",stage="parse"') - before == 3
    assert _metric(text, "opsloop_stage_errors_total", 'stage="finish",type="StageError"') >= 1
    assert _metric(text, "opsloop_stage_failures_total", 'stage="finish"') == 1
    # AND straight-through: b is done with no human; a had a human reversal
    assert _metric(text, "opsloop_straight_through_documents") == 1
    assert _metric(text, "opsloop_straight_through_ratio") == pytest.approx(0.5)
    # AND the overdue proposal, the override rate of the rule, and the LLM usage
    assert _metric(text, "opsloop_review_sla_breaches", 'state="open"') == 1
    assert _metric(text, "opsloop_llm_tokens_total", 'direction="input"') == 400
    assert _metric(text, "opsloop_llm_cost_total") == pytest.approx(0.004)
    assert _metric(text, "opsloop_queue_depth", 'queue="inprocess"') == 0


def test_override_rate_per_rule_is_measured_and_absent_when_a_rule_decided_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        snap = take_snapshot(session)
        assert snap.rules, "the packaged policy has automatic rules"
        assert all(rule.automatic == 0 and rule.error_rate is None for rule in snap.rules)
        rule_id = snap.rules[0].rule_id
        for index in range(4):
            proposal = Proposal(kind="invoice_action", subject_key=f"inv:{index}", title="t", summary="s")
            session.add(proposal)
            session.flush()
            assert proposal.id is not None
            session.add(
                ReviewDecision(
                    proposal_id=proposal.id,
                    actor=f"autonomy:{rule_id}",
                    action="approve",
                    autonomy_rule=rule_id,
                )
            )
            if index == 0:
                session.add(ReviewDecision(proposal_id=proposal.id, actor="alice", action="edit"))
        session.commit()
        figure = next(r for r in take_snapshot(session).rules if r.rule_id == rule_id)
        points = daily_series(session, 3)
    assert (figure.automatic, figure.overturned, figure.error_rate) == (4, 1, 0.25)
    assert points[-1].automatic == 4 and points[-1].override_rate == 0.25


def test_ops_page_needs_login_and_shows_inline_svg_plots_and_the_rules(
    settings: Settings, engine: Engine, client: TestClient
) -> None:
    # GIVEN one processed document
    _ingest(settings, engine, ["a.xml"])
    PIPELINE.run_pending(engine, settings)
    # WHEN a stranger asks for /ops THEN they are sent to log in
    stranger = client.get("/ops", follow_redirects=False)
    assert stranger.status_code == 303 and stranger.headers["location"] == "/login"
    # WHEN a reviewer logs in and opens it
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"username": "bob", "password": PASSWORD, "csrf_token": csrf})
    page = client.get("/ops?days=7")
    # THEN server-rendered SVG plots, no script from anywhere else, and the rules table
    assert page.status_code == 200
    html = page.text
    assert html.count("<svg") == 7
    for title in (
        "Touchless rate, invoices",
        "Exceptions by type",
        "Open backlog",
        "Reviewer decisions",
        "LLM cost per document",
        "Review latency",
        "Reviewer override rate",
    ):
        assert title in html
    assert "cdn" not in html.lower() and '<script src="http' not in html
    assert 'id="rules"' in html and 'id="done">1<' in html


def test_charts_escape_text_and_leave_gaps_for_unmeasured_days() -> None:
    from datetime import date

    days = [date(2026, 1, d) for d in (1, 2, 3, 4)]
    svg = line_chart("<rate>", days, [0.5, None, 0.25, 1.0], unit="%")
    assert "&lt;rate&gt;" in svg and "<rate>" not in svg
    assert svg.count("<polyline") == 1  # the gap splits the line; a lone point is a dot
    assert svg.count("<circle") == 3
    bars = stacked_bars("Exceptions", days, {"price_mismatch": [1, 0, 2, 0], "<po>": [0, 0, 1, 0]})
    assert bars.count("<rect") == 3  # three bars; the legend is HTML beside the chart
    assert "&lt;po&gt;" in bars
    assert legend(["price_mismatch", "<po>"]) == [("c0", "price_mismatch"), ("c1", "<po>")]
