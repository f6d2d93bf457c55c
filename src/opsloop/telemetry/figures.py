"""How well the automation performs, read from the database (so every worker's work counts, on any
machine): read-only queries behind `/metrics` and the operations page. Nothing here writes."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentState
from opsloop.review.autonomy import load_autonomy_policy, suspended_rules
from opsloop.store.tables import (
    Document,
    InvoiceReconciliation,
    LLMCall,
    Proposal,
    ReviewDecision,
    StageRun,
)

HUMAN_ACTIONS = ("approve", "reject", "edit", "reverse")
OVERTURNS = ("reverse", "edit")
OPEN_PROPOSAL_STATES = ("pending", "edited", "failed")


class RuleFigure(BaseModel):
    rule_id: str
    kinds: list[str]
    max_amount: Decimal | None
    automatic: int
    """Proposals this rule approved by itself (in the window)."""
    overturned: int
    """... that a person then reversed or edited."""
    error_rate: float | None
    """overturned / automatic; None when the rule decided nothing (no rate is invented)."""
    suspended: bool


class Snapshot(BaseModel):
    """The current figures (the gauges /metrics exports)."""

    documents: dict[tuple[str, str], int] = Field(default_factory=dict)
    """(state, kind) -> count."""
    done: int = 0
    straight_through: int = 0
    """Documents done with no human decision on any of their proposals."""
    reconciliation_exceptions: dict[str, int] = Field(default_factory=dict)
    """Exception type -> current reconciliations that carry it."""
    stage_failures: dict[str, int] = Field(default_factory=dict)
    """Stage -> failed or quarantined stage runs."""
    sla_breaches_open: int = 0
    """Open proposals past their SLA."""
    sla_breaches_decided: int = 0
    """Proposals whose first human decision came after their SLA."""
    rules: list[RuleFigure] = Field(default_factory=list)
    llm_tokens_in: int = 0
    llm_tokens_out: int = 0
    llm_cost: Decimal = Decimal(0)
    llm_calls: dict[str, int] = Field(default_factory=dict)
    pending_documents: int = 0
    """Documents some stage still has to run on (the in-process queue)."""

    @property
    def straight_through_rate(self) -> float | None:
        return None if self.done == 0 else self.straight_through / self.done


def _human_decided_documents(session: Session) -> set[int]:
    rows = session.exec(
        select(Proposal.document_id)
        .join(ReviewDecision, col(ReviewDecision.proposal_id) == col(Proposal.id))
        .where(
            col(Proposal.document_id).is_not(None),
            col(ReviewDecision.autonomy_rule).is_(None),
            col(ReviewDecision.action).in_(HUMAN_ACTIONS),
        )
        .distinct()
    )
    return {doc_id for doc_id in rows if doc_id is not None}


def rule_figures(session: Session, now: datetime) -> list[RuleFigure]:
    """Each autonomy rule of the active policy with its measured error rate in the drift window."""
    policy = load_autonomy_policy(session)
    since = now - timedelta(days=policy.drift.window_days)
    suspended = suspended_rules(session)
    figures: list[RuleFigure] = []
    for rule in policy.rules:
        ids = set(
            session.exec(
                select(ReviewDecision.proposal_id).where(
                    ReviewDecision.autonomy_rule == rule.id,
                    ReviewDecision.action == "approve",
                    col(ReviewDecision.at) >= since,
                )
            )
        )
        overturned = (
            len(
                set(
                    session.exec(
                        select(ReviewDecision.proposal_id).where(
                            col(ReviewDecision.proposal_id).in_(ids),
                            col(ReviewDecision.autonomy_rule).is_(None),
                            col(ReviewDecision.action).in_(OVERTURNS),
                        )
                    )
                )
            )
            if ids
            else 0
        )
        figures.append(
            RuleFigure(
                rule_id=rule.id,
                kinds=rule.kinds,
                max_amount=rule.max_amount,
                automatic=len(ids),
                overturned=overturned,
                error_rate=overturned / len(ids) if ids else None,
                suspended=rule.id in suspended,
            )
        )
    return figures


def take_snapshot(session: Session, now: datetime | None = None) -> Snapshot:
    now = now or datetime.now(UTC)
    snap = Snapshot()
    for state, kind, count in session.exec(
        select(Document.state, Document.kind, func.count()).group_by(col(Document.state), col(Document.kind))
    ):
        snap.documents[(state, kind or "unknown")] = int(count)
    done_ids = set(session.exec(select(Document.id).where(Document.state == DocumentState.DONE.value)))
    snap.done = len(done_ids)
    snap.straight_through = len(done_ids - _human_decided_documents(session))
    terminal = [s.value for s in DocumentState if s.is_terminal] + [
        DocumentState.IN_REVIEW.value,
        DocumentState.NEEDS_OCR.value,
    ]
    snap.pending_documents = int(
        session.exec(
            select(func.count()).select_from(Document).where(col(Document.state).not_in(terminal))
        ).one()
    )

    exceptions: Counter[str] = Counter()
    for types in session.exec(
        select(InvoiceReconciliation.exception_types).where(col(InvoiceReconciliation.current).is_(True))
    ):
        exceptions.update(types or [])
    snap.reconciliation_exceptions = dict(exceptions)
    for stage, count in session.exec(
        select(StageRun.stage, func.count())
        .where(col(StageRun.outcome).in_(("failed", "quarantined")))
        .group_by(col(StageRun.stage))
    ):
        snap.stage_failures[stage] = int(count)

    snap.sla_breaches_open = int(
        session.exec(
            select(func.count())
            .select_from(Proposal)
            .where(
                col(Proposal.state).in_(OPEN_PROPOSAL_STATES),
                col(Proposal.sla_due_at).is_not(None),
                col(Proposal.sla_due_at) < now,
            )
        ).one()
    )
    first_human = (
        select(ReviewDecision.proposal_id, func.min(ReviewDecision.at).label("first_at"))
        .where(col(ReviewDecision.autonomy_rule).is_(None), col(ReviewDecision.action).in_(HUMAN_ACTIONS))
        .group_by(col(ReviewDecision.proposal_id))
        .subquery()
    )
    snap.sla_breaches_decided = int(
        session.exec(
            select(func.count())
            .select_from(Proposal)
            .join(first_human, first_human.c.proposal_id == col(Proposal.id))
            .where(col(Proposal.sla_due_at).is_not(None), first_human.c.first_at > col(Proposal.sla_due_at))
        ).one()
    )
    snap.rules = rule_figures(session, now)

    tokens_in, tokens_out, cost = session.exec(
        select(
            func.coalesce(func.sum(LLMCall.tokens_in), 0),
            func.coalesce(func.sum(LLMCall.tokens_out), 0),
            func.coalesce(func.sum(LLMCall.cost), 0),
        )
    ).one()
    snap.llm_tokens_in, snap.llm_tokens_out = int(tokens_in), int(tokens_out)
    snap.llm_cost = Decimal(str(cost or 0))
    for outcome, count in session.exec(select(LLMCall.outcome, func.count()).group_by(col(LLMCall.outcome))):
        snap.llm_calls[outcome] = int(count)
    return snap


# ------------------------------------------------------------------ series over time (the ops page)


class DayPoint(BaseModel):
    day: date
    done: int = 0
    straight_through: int = 0
    exceptions: dict[str, int] = Field(default_factory=dict)
    received: int = 0
    llm_cost: Decimal = Decimal(0)
    review_hours: list[float] = Field(default_factory=list)
    automatic: int = 0
    overturned: int = 0

    @property
    def straight_through_rate(self) -> float | None:
        return None if self.done == 0 else self.straight_through / self.done

    @property
    def cost_per_document(self) -> Decimal | None:
        return None if self.received == 0 else self.llm_cost / self.received

    @property
    def review_latency_hours(self) -> float | None:
        """Median hours from a proposal being queued to its first human decision (decided that day)."""
        return statistics.median(self.review_hours) if self.review_hours else None

    @property
    def override_rate(self) -> float | None:
        return None if self.automatic == 0 else self.overturned / self.automatic


def _day(value: datetime) -> date:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).date()


def daily_series(session: Session, days: int, now: datetime | None = None) -> list[DayPoint]:
    """One point per UTC day for the last `days` days (oldest first)."""
    now = now or datetime.now(UTC)
    start_day = now.astimezone(UTC).date() - timedelta(days=days - 1)
    since = datetime(start_day.year, start_day.month, start_day.day, tzinfo=UTC)
    points = {start_day + timedelta(days=i): DayPoint(day=start_day + timedelta(days=i)) for i in range(days)}

    human = _human_decided_documents(session)
    for doc_id, changed in session.exec(
        select(Document.id, Document.state_changed_at).where(
            Document.state == DocumentState.DONE.value, col(Document.state_changed_at) >= since
        )
    ):
        point = points.get(_day(changed))
        if point is not None:
            point.done += 1
            point.straight_through += doc_id not in human
    for created in session.exec(select(Document.created_at).where(col(Document.created_at) >= since)):
        point = points.get(_day(created))
        if point is not None:
            point.received += 1
    for types, created in session.exec(
        select(InvoiceReconciliation.exception_types, InvoiceReconciliation.created_at).where(
            col(InvoiceReconciliation.created_at) >= since
        )
    ):
        point = points.get(_day(created))
        if point is not None:
            for kind in types or []:
                point.exceptions[kind] = point.exceptions.get(kind, 0) + 1
    for call in session.exec(select(LLMCall).where(col(LLMCall.at) >= since, col(LLMCall.cost).is_not(None))):
        point = points.get(_day(call.at))
        if point is not None and call.cost is not None:
            point.llm_cost += call.cost

    first_human: dict[int, datetime] = {}
    autos: dict[int, datetime] = {}
    overturned_ids: set[int] = set()
    for proposal_id, at, action, rule in session.exec(
        select(
            ReviewDecision.proposal_id, ReviewDecision.at, ReviewDecision.action, ReviewDecision.autonomy_rule
        )
        .where(col(ReviewDecision.at) >= since - timedelta(days=30))
        .order_by(col(ReviewDecision.at))
    ):
        if rule is not None and action == "approve":
            autos.setdefault(proposal_id, at)
        elif rule is None and action in HUMAN_ACTIONS:
            first_human.setdefault(proposal_id, at)
            if action in OVERTURNS and proposal_id in autos:
                overturned_ids.add(proposal_id)
    created_of: dict[int | None, datetime] = {
        pid: created
        for pid, created in session.exec(
            select(Proposal.id, Proposal.created_at).where(col(Proposal.id).in_(list(first_human)))
        )
    }
    for proposal_id, at in first_human.items():
        point = points.get(_day(at))
        queued = created_of.get(proposal_id)
        if point is not None and queued is not None and proposal_id not in autos:
            point.review_hours.append(max(0.0, (_aware(at) - _aware(queued)).total_seconds() / 3600))
    for proposal_id, at in autos.items():
        point = points.get(_day(at))
        if point is not None:
            point.automatic += 1
            point.overturned += proposal_id in overturned_ids
    return [points[day] for day in sorted(points)]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def exception_totals(points: list[DayPoint]) -> dict[str, int]:
    totals: defaultdict[str, int] = defaultdict(int)
    for point in points:
        for kind, count in point.exceptions.items():
            totals[kind] += count
    return dict(totals)
