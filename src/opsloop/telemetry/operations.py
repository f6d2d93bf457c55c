"""The figures a team lead reads on `/ops` and Prometheus scrapes from `/metrics`: the touchless
rate of invoices, exceptions by type as a share of reconciled invoices, the open backlog by age with
the amount at stake, reviewer throughput, and their trends per day. Read-only queries; nothing here
writes.

Touchless rate = invoices decided automatically ÷ invoices decided (an invoice proposal counts once,
on the day of its first decision: approve, reject, hold or release; automatic when an autonomy rule
took that decision). Conversations are apart: they are analysed, not decided, and never make the
invoice figure look better than it is."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from opsloop.store.tables import Conversation, InvoiceReconciliation, Proposal, ReviewDecision

DECIDING = ("approve", "reject", "hold", "release")
"""Decisions that settle what happens to an invoice (edits, comments and assignments do not)."""
INVOICE_KIND_PREFIX = "invoice"
OPEN = ("pending", "edited", "failed")
AGE_BUCKETS: tuple[tuple[str, str, timedelta | None], ...] = (
    ("under 1 day", "0-1d", timedelta(days=1)),
    ("1–3 days", "1-3d", timedelta(days=3)),
    ("3–7 days", "3-7d", timedelta(days=7)),
    ("7–30 days", "7-30d", timedelta(days=30)),
    ("over 30 days", "30d+", None),
)
"""(label, Prometheus label, upper bound of the age)."""


class AgeBucket(BaseModel):
    label: str
    slug: str
    count: int = 0
    overdue: int = 0
    amounts: dict[str, Decimal] = Field(default_factory=dict)
    """Currency -> the amount at stake (absolute amounts of the open proposals; never summed across
    currencies)."""


class Backlog(BaseModel):
    buckets: list[AgeBucket]
    oldest_seconds: float | None = None

    @property
    def total(self) -> int:
        return sum(b.count for b in self.buckets)

    def amounts(self) -> dict[str, Decimal]:
        total: defaultdict[str, Decimal] = defaultdict(Decimal)
        for bucket in self.buckets:
            for currency, amount in bucket.amounts.items():
                total[currency] += amount
        return dict(sorted(total.items()))


class Touchless(BaseModel):
    decided: int = 0
    automatic: int = 0

    @property
    def rate(self) -> float | None:
        return None if self.decided == 0 else self.automatic / self.decided


class OperationsFigures(BaseModel):
    touchless: Touchless
    """Invoices, in the window."""
    conversations: int
    """Conversations analysed in the window (apart from the touchless rate)."""
    exception_rates: dict[str, float]
    """Exception type -> share of the current invoice reconciliations carrying it."""
    exception_counts: dict[str, int]
    reconciled: int
    backlog: Backlog
    throughput: dict[str, int]
    """Reviewer -> deciding decisions in the window, most first."""
    days: int


class OperationsDay(BaseModel):
    day: date
    invoices_decided: int = 0
    invoices_automatic: int = 0
    human_decisions: int = 0
    backlog: int = 0
    """Open proposals at the end of the day."""

    @property
    def touchless_rate(self) -> float | None:
        return None if self.invoices_decided == 0 else self.invoices_automatic / self.invoices_decided


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _first_decisions(
    session: Session, since: datetime | None = None
) -> dict[int, tuple[datetime, bool, str]]:
    """Proposal id -> (when, automatic?, who) of its first deciding decision."""
    query = (
        select(
            ReviewDecision.proposal_id, ReviewDecision.at, ReviewDecision.autonomy_rule, ReviewDecision.actor
        )
        .where(col(ReviewDecision.action).in_(DECIDING))
        .order_by(col(ReviewDecision.at), col(ReviewDecision.id))
    )
    first: dict[int, tuple[datetime, bool, str]] = {}
    for proposal_id, at, rule, actor in session.exec(query):
        first.setdefault(proposal_id, (_aware(at), rule is not None, actor))
    if since is not None:
        first = {k: v for k, v in first.items() if v[0] >= since}
    return first


def _invoice_ids(session: Session, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        found.update(
            pid
            for pid in session.exec(
                select(Proposal.id).where(
                    col(Proposal.id).in_(chunk), col(Proposal.kind).startswith(INVOICE_KIND_PREFIX)
                )
            )
            if pid is not None
        )
    return found


def backlog_of(session: Session, now: datetime) -> Backlog:
    """Open proposals by age (since queued), with how many are past their SLA and the money at stake."""
    buckets = [AgeBucket(label=label, slug=slug) for label, slug, _limit in AGE_BUCKETS]
    oldest: float | None = None
    for created, amount, currency, due in session.exec(
        select(
            col(Proposal.created_at), col(Proposal.amount), col(Proposal.currency), col(Proposal.sla_due_at)
        ).where(col(Proposal.state).in_(OPEN))
    ):
        age = now - _aware(created)
        oldest = max(oldest or 0.0, age.total_seconds())
        index = next(i for i, (_l, _s, limit) in enumerate(AGE_BUCKETS) if limit is None or age < limit)
        bucket = buckets[index]
        bucket.count += 1
        bucket.overdue += due is not None and _aware(due) < now
        if amount is not None:
            key = currency or "?"
            bucket.amounts[key] = bucket.amounts.get(key, Decimal(0)) + abs(amount)
    return Backlog(buckets=buckets, oldest_seconds=oldest)


def operations_figures(session: Session, days: int, now: datetime | None = None) -> OperationsFigures:
    now = now or datetime.now(UTC)
    since = now - timedelta(days=days)
    first = _first_decisions(session, since)
    invoices = _invoice_ids(session, list(first))
    touchless = Touchless(decided=len(invoices), automatic=sum(1 for pid in invoices if first[pid][1]))
    throughput = Counter(
        actor
        for _pid, at, rule, actor in session.exec(
            select(
                ReviewDecision.proposal_id,
                ReviewDecision.at,
                ReviewDecision.autonomy_rule,
                ReviewDecision.actor,
            ).where(col(ReviewDecision.action).in_(DECIDING), col(ReviewDecision.at) >= since)
        )
        if rule is None
    )
    counts: Counter[str] = Counter()
    reconciled = 0
    for types in session.exec(
        select(InvoiceReconciliation.exception_types).where(col(InvoiceReconciliation.current).is_(True))
    ):
        reconciled += 1
        counts.update(set(types or []))
    conversations = len(
        list(session.exec(select(Conversation.id).where(col(Conversation.started_at) >= since)))
    )
    return OperationsFigures(
        touchless=touchless,
        conversations=conversations,
        exception_rates={k: v / reconciled for k, v in counts.most_common()} if reconciled else {},
        exception_counts=dict(counts.most_common()),
        reconciled=reconciled,
        backlog=backlog_of(session, now),
        throughput=dict(throughput.most_common()),
        days=days,
    )


def operations_series(session: Session, days: int, now: datetime | None = None) -> list[OperationsDay]:
    """One point per UTC day for the last `days` days (oldest first): invoices decided and decided
    automatically, human decisions, and the open backlog at the end of the day."""
    now = now or datetime.now(UTC)
    start = now.astimezone(UTC).date() - timedelta(days=days - 1)
    points = {start + timedelta(days=i): OperationsDay(day=start + timedelta(days=i)) for i in range(days)}
    first = _first_decisions(session)
    invoices = _invoice_ids(session, list(first))
    for pid, (at, automatic, _actor) in first.items():
        point = points.get(at.date())
        if point is not None and pid in invoices:
            point.invoices_decided += 1
            point.invoices_automatic += automatic
    since = datetime(start.year, start.month, start.day, tzinfo=UTC)
    for at, rule in session.exec(
        select(ReviewDecision.at, ReviewDecision.autonomy_rule).where(
            col(ReviewDecision.action).in_(DECIDING), col(ReviewDecision.at) >= since
        )
    ):
        point = points.get(_aware(at).date())
        if point is not None and rule is None:
            point.human_decisions += 1
    # the backlog at each day's end: queued by then and not yet settled (first decision, or the state
    # change that closed it without one: superseded)
    opened: list[datetime] = []
    closed: list[datetime] = []
    for row_id, created, state, updated in session.exec(
        select(Proposal.id, Proposal.created_at, Proposal.state, Proposal.updated_at)
    ):
        opened.append(_aware(created))
        found = first.get(row_id) if row_id is not None else None
        settled = found[0] if found is not None else None
        if settled is None and state not in OPEN:
            settled = _aware(updated)
        if settled is not None:
            closed.append(settled)
    opened.sort()
    closed.sort()
    for day, point in points.items():
        end = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)
        point.backlog = bisect_right(opened, end) - bisect_right(closed, end)
    return [points[day] for day in sorted(points)]
