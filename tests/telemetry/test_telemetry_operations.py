"""The operations figures: the touchless rate counts invoices only (an automatic decision ÷ invoices
decided, whatever the chats do), the backlog is bucketed by age with the money at stake per currency,
throughput counts people's decisions, and /metrics carries the same figures."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.settings import Settings
from opsloop.store.tables import Proposal, ReviewDecision
from opsloop.store.types import utcnow
from opsloop.telemetry.operations import operations_figures, operations_series
from opsloop.web.app import create_app
from tests.review.queue_world import add_invoice_hold


def _decide(
    session: Session, proposal: Proposal, actor: str, *, rule: str | None = None, days_ago: float = 0
) -> None:
    assert proposal.id is not None
    session.add(
        ReviewDecision(
            proposal_id=proposal.id,
            actor=actor,
            action="approve",
            autonomy_rule=rule,
            at=utcnow() - timedelta(days=days_ago),
        )
    )
    proposal.state = "approved"
    session.add(proposal)


def _world(engine: Engine) -> None:
    """Four invoices decided (one by a rule), one staffing proposal decided by a rule, three open."""
    with Session(engine) as session:
        decided = [
            add_invoice_hold(session, vendor="Acme", number=f"D-{i}", amount="10.00") for i in range(4)
        ]
        _decide(session, decided[0], "autonomy:small", rule="small")
        for proposal in decided[1:]:
            _decide(session, proposal, "rita", days_ago=1)
        chat = Proposal(kind="staffing", subject_key="queue:support:shift", title="t", summary="s")
        session.add(chat)
        session.flush()
        _decide(session, chat, "autonomy:staffing", rule="staffing")
        fresh = add_invoice_hold(session, vendor="Acme", number="O-1", amount="100.00", sla_hours=-1)
        old = add_invoice_hold(session, vendor="Beta", number="O-2", amount="250.50")
        old.created_at = utcnow() - timedelta(days=10)
        old.amount, old.currency = Decimal("-250.50"), "USD"  # a credit note: its size is at stake
        session.add(old)
        add_invoice_hold(session, vendor="Beta", number="O-3", amount="5.00").created_at = (
            utcnow() - timedelta(days=2)
        )
        session.commit()
        assert fresh.id is not None


def test_the_touchless_rate_counts_invoices_only_and_the_backlog_its_age_and_money(engine: Engine) -> None:
    _world(engine)
    with Session(engine) as session:
        figures = operations_figures(session, 30)
        series = operations_series(session, 7)
    assert (figures.touchless.automatic, figures.touchless.decided) == (1, 4)
    assert figures.touchless.rate == 0.25  # the staffing proposal's automatic decision does not count
    assert figures.throughput == {"rita": 3}
    counts = {b.slug: b.count for b in figures.backlog.buckets}
    assert counts == {"0-1d": 1, "1-3d": 1, "3-7d": 0, "7-30d": 1, "30d+": 0}
    assert figures.backlog.amounts() == {"EUR": Decimal("105.00"), "USD": Decimal("250.50")}
    assert figures.backlog.buckets[0].overdue == 1
    assert figures.backlog.oldest_seconds is not None and figures.backlog.oldest_seconds > 9 * 86400
    assert series[-1].invoices_decided == 1 and series[-1].touchless_rate == 1.0
    assert series[-2].invoices_decided == 3 and series[-2].touchless_rate == 0.0
    assert series[-1].backlog == 3


def test_metrics_carry_the_touchless_ratio_the_backlog_by_age_and_throughput(
    settings: Settings, engine: Engine
) -> None:
    _world(engine)
    loopback = ("127.0.0.1", 50000)  # /metrics answers loopback clients when no token is set
    text = TestClient(create_app(settings, engine=engine), client=loopback).get("/metrics").text

    def metric(name: str, labels: str = "") -> float:
        found = re.search(re.escape(name + ("{" + labels + "}" if labels else "")) + r" ([0-9.e+-]+)", text)
        assert found, name + labels
        return float(found.group(1))

    assert metric("opsloop_invoices_touchless_ratio") == 0.25
    assert metric("opsloop_invoices_decided", 'by="automatic"') == 1
    assert metric("opsloop_backlog_proposals", 'age="7-30d"') == 1
    assert metric("opsloop_backlog_amount", 'age="7-30d",currency="USD"') == 250.5
    assert metric("opsloop_backlog_overdue_proposals", 'age="0-1d"') == 1
    assert metric("opsloop_backlog_oldest_age_seconds") > 9 * 86400
    assert metric("opsloop_reviewer_decisions", 'reviewer="rita"') == 3
    assert metric("opsloop_reconciliation_exception_ratio", 'type="not_received"') == 1.0
