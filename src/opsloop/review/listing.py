"""The review queue as a team reads it: filtered, searched, sorted, paged, duplicates grouped under
their original. One query pages the groups (window functions: SQLite 3.25+, PostgreSQL), one loads
the rows of the page, one the members of its groups; what each row shows (SLA countdown, priority
explained) is computed here so the page and the API say the same.

A group is an original document's proposal with the open duplicates that repeat it (`duplicate_of`,
set by the reconciler). When the original is not in the list (decided long ago, or filtered out) the
top duplicate heads the group and the original is named beside it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import Float, String, case, cast, exists, func, or_
from sqlalchemy import select as sql_select
from sqlalchemy.orm import aliased, defer
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, col, select

from opsloop.review.facets import search_terms
from opsloop.store.tables import Proposal
from opsloop.store.types import utcnow

OPEN_STATES = ("pending", "edited", "failed")
SortKey = Literal["priority", "amount", "due_date", "sla", "vendor", "reference", "assignee", "created", "id"]
SORT_KEYS: tuple[str, ...] = (
    "priority",
    "amount",
    "due_date",
    "sla",
    "vendor",
    "reference",
    "assignee",
    "created",
    "id",
)
NEVER_EMPTY = frozenset({"priority", "created", "id"})
"""Sort keys no proposal lacks (no "empty values last" clause, so an index can give the order)."""
NOBODY = "-"
"""The assignee filter's value for "assigned to nobody"."""


class QueueQuery(BaseModel):
    """What the reviewer asked for; every field is a URL parameter of `/queue` and `/api/proposals`."""

    state: str = "open"
    """open (pending, edited, failed), all, or one state."""
    kind: str | None = None
    vendor: str | None = None
    """The vendor exactly as the queue shows it."""
    exception: str | None = None
    """An exception type the reconciliation found (any the data holds)."""
    assignee: str | None = None
    """A user name, or `-` for nobody."""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    overdue: bool = False
    """Only open proposals past their SLA."""
    q: str | None = None
    """Words to find in the vendor, document number, PO numbers, SKUs or title (any case, any accents)."""
    sort: SortKey = "priority"
    order: Literal["asc", "desc"] | None = None
    """Default: the most pressing first (priority and amount descending, dates ascending)."""
    page: int = Field(default=1, ge=1)
    per_page: int = Field(default=50, ge=1, le=1000)

    @property
    def descending(self) -> bool:
        if self.order is not None:
            return self.order == "desc"
        return self.sort in ("priority", "amount", "created", "id")

    def url_params(self, **changes: object) -> dict[str, str]:
        """The query as URL parameters (defaults left out), with `changes` applied."""
        values = self.model_dump() | changes
        defaults = QueueQuery().model_dump()
        return {
            k: ("1" if v is True else str(v))
            for k, v in values.items()
            if v not in (None, "", False) and (v != defaults.get(k) or (k in changes and k != "page"))
        }


@dataclass
class QueueRow:
    proposal: Proposal
    sla: str | None
    """The SLA countdown: `due in 3 h 20 min`, `overdue by 2 d 4 h`."""
    overdue: bool
    priority_note: str
    """Why it sits where it does (the priority explained)."""
    members: list[QueueRow] = field(default_factory=list)
    """The open duplicates grouped under this row."""
    original: Proposal | None = None
    """For a group headed by a duplicate: the original document's latest proposal (any state)."""

    @property
    def group_size(self) -> int:
        return 1 + len(self.members)


@dataclass
class QueuePage:
    rows: list[QueueRow]
    total_groups: int
    total_items: int
    query: QueueQuery
    now: datetime

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_groups // self.query.per_page))


def _amount(dialect: str, entity: Any = Proposal) -> ColumnElement[Any]:
    """The amount as a number for ordering and ranges (SQLite keeps money as exact text)."""
    amount: Any = entity.amount
    return cast(amount, Float) if dialect == "sqlite" else amount


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def conditions(
    query: QueueQuery, dialect: str, now: datetime, entity: Any = Proposal
) -> list[ColumnElement[bool]]:
    """The WHERE clauses for `query` on `entity` (the proposals table or an alias of it), shared by the
    page, the API and the duplicate groups."""
    p = entity
    where: list[ColumnElement[bool]] = []
    if query.state == "open":
        where.append(p.state.in_(OPEN_STATES))
    elif query.state != "all":
        where.append(p.state == query.state)
    if query.kind:
        where.append(p.kind == query.kind)
    if query.vendor:
        where.append(p.vendor == query.vendor)
    if query.exception:
        pattern = f'%"{_like_escape(query.exception)}"%'
        where.append(cast(p.exception_types, String).like(pattern, escape="\\"))
    if query.assignee == NOBODY:
        where.append(p.assignee.is_(None))
    elif query.assignee:
        where.append(p.assignee == query.assignee)
    amount = _amount(dialect, p)
    if query.amount_min is not None:
        where.append(amount >= (float(query.amount_min) if dialect == "sqlite" else query.amount_min))
    if query.amount_max is not None:
        where.append(amount <= (float(query.amount_max) if dialect == "sqlite" else query.amount_max))
    if query.overdue:
        where.append(p.state.in_(OPEN_STATES))
        where.append(p.sla_due_at < now)
    for term in search_terms(query.q or ""):
        where.append(p.search_text.like(f"%{_like_escape(term)}%", escape="\\"))
    return where


def _order(sort: str, descending: bool, columns: Any, dialect: str) -> list[Any]:
    """ORDER BY for the chosen column, empty values last in both directions, then a stable tie-break."""
    c = columns
    key = {
        "priority": c.priority,
        "amount": c.amount_number,
        "due_date": c.due_date,
        "sla": c.sla_due_at,
        "vendor": func.lower(c.vendor),
        "reference": c.reference,
        "assignee": c.assignee,
        "created": c.created_at,
        "id": c.id,
    }[sort]
    direction = key.desc() if descending else key.asc()
    tie = c.sla_due_at.asc() if sort == "priority" else c.priority.desc()
    if sort in NEVER_EMPTY:  # the queue's index (priority DESC, sla_due_at) gives this order as it is
        return [direction, tie, c.id.asc()]
    return [case((key.is_(None), 1), else_=0), direction, tie, c.id.asc()]


def _orphans(query: QueueQuery, dialect: str, now: datetime) -> Any:
    """The first (lowest id) matching duplicate of each original that is not itself among the matches:
    the duplicate that heads its group's row. One GROUP BY over the duplicates (an indexed few)."""
    duplicate: Any = aliased(Proposal)
    original: Any = aliased(Proposal)
    return (
        sql_select(func.min(duplicate.id))
        .where(
            *conditions(query, dialect, now, duplicate),
            duplicate.duplicate_of.is_not(None),
            ~exists().where(
                original.document_id == duplicate.duplicate_of,
                original.duplicate_of.is_(None),
                *conditions(query, dialect, now, original),
            ),
        )
        .group_by(duplicate.duplicate_of)
    )


def list_queue(session: Session, query: QueueQuery, *, now: datetime | None = None) -> QueuePage:
    """One page of the queue: rows in the chosen order, each with the duplicates grouped under it.

    A row is every match that is no duplicate, plus the first duplicate of an original that is not
    among the matches (no window function: the orphans are read first, a short list, so the page can
    walk the queue's index in the default order and the counts stay on indexes)."""
    now = now or utcnow()
    dialect = session.get_bind().dialect.name
    where = conditions(query, dialect, now)
    orphan_ids = [int(i) for i in session.execute(_orphans(query, dialect, now)).scalars() if i is not None]
    heads = or_(col(Proposal.duplicate_of).is_(None), col(Proposal.id).in_(orphan_ids))
    total_items = int(
        session.execute(sql_select(func.count()).select_from(Proposal).where(*where)).scalar_one()
    )
    duplicates = int(
        session.execute(
            sql_select(func.count())
            .select_from(Proposal)
            .with_hint(Proposal, "INDEXED BY ix_proposals_duplicate_of", "sqlite")
            .where(*where, col(Proposal.duplicate_of).is_not(None))
        ).scalar_one()
    )
    total_groups = total_items - duplicates + len(orphan_ids)
    page_query = _light(session).where(*where, heads)
    if query.sort == "priority":  # the queue's own index gives this order: walk it, stop at the page
        page_query = page_query.with_hint(Proposal, "INDEXED BY ix_proposals_queue", "sqlite")
    page_rows = list(
        session.exec(
            page_query.order_by(*_order(query.sort, query.descending, _Columns(dialect), dialect))
            .offset((query.page - 1) * query.per_page)
            .limit(query.per_page)
        )
    )
    # a row's group: the original document it heads, or the one its duplicates repeat
    groups = {p.id: p.duplicate_of if p.duplicate_of is not None else p.document_id for p in page_rows}
    keys = [g for g in groups.values() if g is not None]
    members: dict[int, list[Proposal]] = {}
    if keys:
        for proposal in session.exec(
            _light(session)
            .where(
                *where,
                col(Proposal.id).not_in(list(groups)),
                col(Proposal.duplicate_of).in_(keys),
            )
            .order_by(col(Proposal.priority).desc(), col(Proposal.id))
        ):
            assert proposal.duplicate_of is not None
            members.setdefault(proposal.duplicate_of, []).append(proposal)
    originals_of = _originals(session, [p.duplicate_of for p in page_rows if p.duplicate_of is not None])
    rows: list[QueueRow] = []
    for head in page_rows:
        row = describe(head, now)
        key = groups[head.id]
        row.members = [describe(m, now) for m in members.get(key, [])] if key is not None else []
        if head.duplicate_of is not None:
            row.original = originals_of.get(head.duplicate_of)
        rows.append(row)
    return QueuePage(rows=rows, total_groups=total_groups, total_items=total_items, query=query, now=now)


def list_flat(
    session: Session, query: QueueQuery, *, now: datetime | None = None
) -> tuple[list[Proposal], int]:
    """One page of proposals in the chosen order, duplicates not grouped (the API), and the total."""
    now = now or utcnow()
    dialect = session.get_bind().dialect.name
    where = conditions(query, dialect, now)
    total = int(session.exec(select(func.count()).select_from(Proposal).where(*where)).one())
    columns = _Columns(dialect)
    rows = list(
        session.exec(
            _light(session)
            .where(*where)
            .order_by(*_order(query.sort, query.descending, columns, dialect))
            .offset((query.page - 1) * query.per_page)
            .limit(query.per_page)
        )
    )
    return rows, total


class _Columns:
    """The proposal's columns under the names `_order` sorts by."""

    def __init__(self, dialect: str) -> None:
        self.id = col(Proposal.id)
        self.priority = col(Proposal.priority)
        self.amount_number = _amount(dialect)
        self.due_date = col(Proposal.due_date)
        self.sla_due_at = col(Proposal.sla_due_at)
        self.vendor = col(Proposal.vendor)
        self.reference = col(Proposal.reference)
        self.assignee = col(Proposal.assignee)
        self.created_at = col(Proposal.created_at)


def _light(session: Session) -> Any:
    """Proposals without `payload` and `working` (large JSON the queue never shows)."""
    return select(Proposal).options(
        defer(Proposal.payload, raiseload=True),  # type: ignore[arg-type]
        defer(Proposal.working, raiseload=True),  # type: ignore[arg-type]
    )


def _originals(session: Session, document_ids: list[int]) -> dict[int, Proposal]:
    """The latest proposal of each original document."""
    if not document_ids:
        return {}
    found: dict[int, Proposal] = {}
    for proposal in session.exec(
        _light(session).where(col(Proposal.document_id).in_(document_ids)).order_by(col(Proposal.id))
    ):
        assert proposal.document_id is not None
        found[proposal.document_id] = proposal
    return found


def members_of_group(session: Session, head: Proposal) -> list[int]:
    """The ids of the open duplicates grouped with `head` (its own duplicates, or, when `head` is a
    duplicate itself, it and its fellow duplicates of the same original): what the group's one action
    decides. The original is never among them."""
    key = head.duplicate_of if head.duplicate_of is not None else head.document_id
    if key is None:
        return []
    return [
        int(i)
        for i in session.exec(
            select(Proposal.id)
            .where(col(Proposal.state).in_(OPEN_STATES), col(Proposal.duplicate_of) == key)
            .order_by(col(Proposal.id))
        )
        if i is not None
    ]


# ------------------------------------------------------------------ what a row says


def _span(seconds: float) -> str:
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def sla_countdown(due: datetime | None, now: datetime, *, open_: bool = True) -> tuple[str | None, bool]:
    """(`due in 3 h 20 min` | `overdue by 2 d 4 h`, overdue?) for an open proposal; none when decided."""
    if due is None or not open_:
        return None, False
    seconds = (due - now).total_seconds()
    if seconds < 0:
        return f"overdue by {_span(seconds)}", True
    return f"due in {_span(seconds)}", False


def urgency_of(proposal: Proposal) -> float:
    """The urgency behind the priority (priority = max(|amount|, 1) x urgency, see `queue.priority_of`)."""
    money = float(abs(proposal.amount)) if proposal.amount is not None else 0.0
    return round(proposal.priority / max(money, 1.0), 2)


def priority_note(proposal: Proposal) -> str:
    """The priority in words: what it multiplies and what that means for the order."""
    urgency = urgency_of(proposal)
    if proposal.amount is None or abs(proposal.amount) < 1:
        return (
            f"Priority {proposal.priority:,.2f}: urgency {urgency:.2f} of this kind of proposal "
            "(no money at stake). Highest first."
        )
    return (
        f"Priority {proposal.priority:,.0f} = amount at stake {abs(proposal.amount):,.2f} "
        f"{proposal.currency or ''} × urgency {urgency:.2f} of this kind of proposal. Highest first; "
        "ties by the SLA."
    ).replace("  ", " ")


def describe(proposal: Proposal, now: datetime) -> QueueRow:
    sla, overdue = sla_countdown(proposal.sla_due_at, now, open_=proposal.state in OPEN_STATES)
    return QueueRow(proposal=proposal, sla=sla, overdue=overdue, priority_note=priority_note(proposal))


# ------------------------------------------------------------------ the filters' choices, from the data


def facet_values(session: Session) -> dict[str, list[str]]:
    """What the filters offer, read from the open queue in one pass: kinds, vendors, exception types,
    assignees. New exception types the reconciler learns appear here without a code change."""
    kinds: set[str] = set()
    vendors: set[str] = set()
    types: set[str] = set()
    assignees: set[str] = set()
    for kind, vendor, found, assignee in session.execute(
        sql_select(
            col(Proposal.kind),
            col(Proposal.vendor),
            cast(col(Proposal.exception_types), String),  # JSON has no equality on PostgreSQL: as text
            col(Proposal.assignee),
        )
        .where(col(Proposal.state).in_(OPEN_STATES))
        .distinct()
    ):
        kinds.add(kind)
        if vendor:
            vendors.add(vendor)
        listed = json.loads(found) if found else []
        types.update(t for t in listed if isinstance(t, str))
        if assignee:
            assignees.add(assignee)
    return {
        "kinds": sorted(kinds),
        "vendors": sorted(vendors, key=str.casefold),
        "exceptions": sorted(types),
        "assignees": sorted(assignees),
    }


def group_note(row: QueueRow) -> str:
    """`3 duplicates of invoice 42-A (document 17, approved)`."""
    count = len(row.members) + (1 if row.proposal.duplicate_of is not None else 0)
    noun = "duplicate" if count == 1 else "duplicates"
    original = row.original
    if row.proposal.duplicate_of is None:
        return f"{count} {noun} of this document"
    if original is None:
        return f"{count} {noun} of document {row.proposal.duplicate_of}"
    return f"{count} {noun} of document {row.proposal.duplicate_of} ({original.state})"
