"""`make demo`: 90 days of a small company, replayed through opsloop's ordinary entry points.

The company is data written by `fixtures/demo_company.py` (loaded from the fixtures folder; not part of
opsloop): its ERP exports day by day, the invoices and support conversations that arrived, when. Each day
is replayed at its own date (`opsloop.store.types.replayed_clock`), through the same functions a running
opsloop uses:

* 07:00 the ERP export (`<data dir>/erp/*.csv`), when it changed, is synced into the mirror
  (`sync_source`, folder connector): held invoices whose receipt is now booked are released;
* invoices land in the watched inbox when they arrived and are ingested and processed
  (`ingest_and_process`): extracted, reconciled, proposed, and — when the autonomy policy allows —
  approved by a rule;
* 16:00 the AP clerk (rita) and the admin decide what waits for a person (`decide`): matched invoices are
  approved, copies rejected, a changed bank account gets a note and stays held;
* 17:00 the outbox is pushed to the ERP folder (`push_outbox`); the day's conversations are taken in;
* on the last day the export carries stock, 90 days of demand and next week's roster, and the planner
  runs (`plan_and_queue`): reorders, safety stock, staffing and escalation proposals.

Nothing is written behind opsloop's back; the same `today` gives the same result.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentState
from opsloop.erp.connectors import push_connector_from_settings
from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import sync_source
from opsloop.errors import ConfigError
from opsloop.ingest.files import IngestOutcome, IngestStatus
from opsloop.review.accounts import Role, actor_of, create_user
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.review.outbox import push_outbox
from opsloop.service import ingest_and_process, plan_and_queue
from opsloop.settings import ErpSettings, ExtractSettings, LLMSettings, RunnerSettings, Settings
from opsloop.stages import reset_caches
from opsloop.store.db import dispose_engines, open_database
from opsloop.store.tables import AuditEvent, Document, Proposal, ReviewDecision, SyncRun, User
from opsloop.store.types import replayed_clock

MARKER = ".opsloop-demo"
GENERATOR = "demo_company.py"
DEMO_USERS = (("demo", "opsloop-demo", Role.ADMIN), ("rita", "opsloop-demo", Role.APPROVER))
"""Accounts for trying the review UI on demo data only (`make serve`); never created elsewhere."""
RITA_LIMIT = Decimal("5000")


class Arrival(Protocol):
    at: datetime
    name: str
    data: bytes
    family: str


class Company(Protocol):
    """What `fixtures/demo_company.py` builds (see its docstring)."""

    today: date
    days: list[date]
    walkthrough: Any

    def arrivals_on(self, day: date) -> Sequence[Arrival]: ...

    def write_export(self, folder: Path, day: date) -> bool: ...


class DemoSummary(BaseModel):
    """What the replay left behind, part by part of the loop (everything read back from the database)."""

    data_dir: str
    today: date
    days: int
    erp_folder: str
    syncs: dict[str, int]
    """Sync runs by status."""
    released_by_sync: list[str]
    """Held invoices a synced receipt released (proposal subjects)."""
    ingested: dict[str, int]
    documents_by_kind: dict[str, int]
    documents_by_state: dict[str, int]
    proposals_by_kind: dict[str, int]
    proposals_by_state: dict[str, int]
    human_decisions: dict[str, int]
    """`actor action` -> count."""
    automatic_decisions: dict[str, int]
    """Autonomy rule -> approvals it made."""
    waiting_for_people: list[str]
    """Titles of the invoice proposals still open."""
    planner: dict[str, list[str]]
    """Planner proposal kind -> titles."""
    outbox_files: int
    walkthrough: dict[str, str]
    quarantined: list[tuple[str, str]]
    failed: list[tuple[str, str]]


def reset_demo_dir(data_dir: Path) -> None:
    """Empty `data_dir`, but only if it is a demo folder (or new): never wipe real data."""
    if data_dir.exists():
        if not (data_dir / MARKER).exists() and any(data_dir.iterdir()):
            raise ConfigError(
                f"{data_dir} exists and is not a demo folder; refusing to reset it",
                hint="Pick another --data-dir, or remove that folder yourself.",
            )
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    (data_dir / MARKER).write_text("created by `opsloop demo`; safe to delete\n", encoding="utf-8")


def load_company(fixtures: Path, today: date) -> Company:
    """The company `fixtures/demo_company.py` builds for `today` (its module is loaded from that file)."""
    path = fixtures / GENERATOR
    if not path.is_file():
        raise ConfigError(f"no demo data generator at {path}", hint="Run from the repository root.")
    spec = importlib.util.spec_from_file_location("opsloop_demo_company", path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"{path} cannot be loaded as a Python module", hint="")
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    company: Company = module.build_company(today)
    return company


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _users(engine: Engine) -> None:
    with Session(engine) as session:
        for username, password, role in DEMO_USERS:
            create_user(
                session,
                username,
                password,
                role,
                approval_limit=RITA_LIMIT if role is Role.APPROVER else None,
            )
        session.commit()


def _exceptions(proposal: Proposal) -> set[str]:
    return {str(e.get("type")) for e in proposal.working.get("exceptions") or [] if isinstance(e, dict)}


def review_day(engine: Engine) -> None:
    """What the people do at the end of a working day with the invoice proposals waiting for them:
    approve what the reconciler proposes to approve and ask for the credit notes it suggests (rita up to her
    limit, the admin above it), reject a copy of an invoice already
    received, note a changed bank account (it stays held), and leave the rest (waiting for a receipt, a
    credit note, a PO) for later."""
    with Session(engine, expire_on_commit=False) as session:
        users = {u.username: actor_of(u) for u in session.exec(select(User))}
        waiting = session.exec(
            select(Proposal)
            .where(col(Proposal.kind).startswith("invoice"), Proposal.state == "pending")
            .order_by(col(Proposal.id))
        ).all()
        for proposal in waiting:
            assert proposal.id is not None
            found = _exceptions(proposal)
            request: DecisionRequest | None = None
            if "duplicate" in found:
                request = DecisionRequest(
                    action=DecisionAction.REJECT, reason="a copy of an invoice already received"
                )
            elif "iban_changed" in found:
                noted = session.exec(
                    select(ReviewDecision).where(ReviewDecision.proposal_id == proposal.id)
                ).first()
                if noted is None:
                    request = DecisionRequest(
                        action=DecisionAction.COMMENT,
                        reason="Called the supplier on the number on file: they have not changed their bank. Do not pay.",
                    )
            elif proposal.kind == "invoice_approve":
                request = DecisionRequest(
                    action=DecisionAction.APPROVE, reason="checked against the PO and receipt", confirmed=True
                )
            elif proposal.kind == "invoice_request_credit_note":
                request = DecisionRequest(
                    action=DecisionAction.APPROVE,
                    reason="asked the supplier for a credit note",
                    confirmed=True,
                )
            if request is None:
                continue
            amount = abs(proposal.amount or Decimal(0))
            who = users["rita"] if amount <= RITA_LIMIT else users["demo"]
            decide(session, proposal.id, who, request)
            session.commit()


def _take_in(
    engine: Engine,
    settings: Settings,
    files: Sequence[Arrival],
    on_file: Callable[[IngestOutcome], None] | None,
) -> list[IngestOutcome]:
    """The files land in the watched inbox and are taken in and processed, as the watcher would."""
    if not files:
        return []
    settings.inbox_dir.mkdir(parents=True, exist_ok=True)
    for arrival in files:
        (settings.inbox_dir / arrival.name).write_bytes(arrival.data)
    outcomes, _ = ingest_and_process(engine, settings, [settings.inbox_dir], move=True, on_file=on_file)
    return outcomes


def replay(
    company: Company,
    engine: Engine,
    settings: Settings,
    *,
    on_file: Callable[[IngestOutcome], None] | None = None,
    on_day: Callable[[date], None] | None = None,
) -> list[IngestOutcome]:
    """Every day of `company`, then the planning morning of `company.today` (see the module docstring)."""
    source = FolderConnector(settings.erp_folder, timezone=settings.erp.timezone)
    outcomes: list[IngestOutcome] = []
    for day in company.days:
        with replayed_clock(_at(day, 7)):
            if company.write_export(settings.erp_folder, day):  # the ERP exported something new
                sync_source(engine, source, settings.erp)
        arrivals = company.arrivals_on(day)
        for arrival in (a for a in arrivals if a.family == "invoice"):
            with replayed_clock(arrival.at):
                outcomes += _take_in(engine, settings, [arrival], on_file)
        if day.weekday() < 5:
            with replayed_clock(_at(day, 16)):
                review_day(engine)
        with replayed_clock(_at(day, 17)), Session(engine, expire_on_commit=False) as session:
            push_outbox(session, push_connector_from_settings(settings))
        with replayed_clock(_at(day, 23)):
            outcomes += _take_in(engine, settings, [a for a in arrivals if a.family != "invoice"], on_file)
        if on_day is not None:
            on_day(day)
    with replayed_clock(_at(company.today, 5)):
        company.write_export(settings.erp_folder, company.today)
        sync_source(engine, source, settings.erp)
        plan_and_queue(engine, settings, company.today, now=_at(company.today, 0))
    return outcomes


def summarise(
    engine: Engine, settings: Settings, company: Company, outcomes: list[IngestOutcome]
) -> DemoSummary:
    with Session(engine) as session:
        documents = list(session.exec(select(Document).order_by(col(Document.id))))
        proposals = list(session.exec(select(Proposal).order_by(col(Proposal.id))))
        decisions = list(session.exec(select(ReviewDecision).order_by(col(ReviewDecision.id))))
        runs = list(session.exec(select(SyncRun)))
        released = list(
            session.exec(
                select(AuditEvent.subject)
                .where(AuditEvent.action == "invoice.released")
                .order_by(col(AuditEvent.id))
            )
        )
    planner: dict[str, list[str]] = {}
    for proposal in proposals:
        if (
            proposal.kind in ("reorder", "safety_stock", "staffing", "escalation")
            and proposal.state == "pending"
        ):
            planner.setdefault(proposal.kind, []).append(proposal.title)
    outbox = settings.erp_folder / "outbox"
    return DemoSummary(
        data_dir=str(settings.data_dir),
        today=company.today,
        days=len(company.days),
        erp_folder=str(settings.erp_folder),
        syncs=dict(Counter(r.status for r in runs)),
        released_by_sync=[str(s) for s in released],
        ingested=dict(Counter(o.status.value for o in outcomes)),
        documents_by_kind=dict(Counter(d.family or "unknown" for d in documents)),
        documents_by_state=dict(Counter(d.state for d in documents)),
        proposals_by_kind=dict(Counter(p.kind for p in proposals)),
        proposals_by_state=dict(Counter(p.state for p in proposals)),
        human_decisions=dict(Counter(f"{d.actor} {d.action}" for d in decisions if d.autonomy_rule is None)),
        automatic_decisions=dict(Counter(d.autonomy_rule for d in decisions if d.autonomy_rule is not None)),
        waiting_for_people=[
            p.title for p in proposals if p.kind.startswith("invoice") and p.state in ("pending", "edited")
        ],
        planner=planner,
        outbox_files=len(list(outbox.glob("*.json"))) if outbox.is_dir() else 0,
        walkthrough={k: str(v) for k, v in vars(company.walkthrough).items()},
        quarantined=[
            (d.original_name, d.failure_reason or "")
            for d in documents
            if d.state == DocumentState.QUARANTINED.value
        ],
        failed=[
            (d.original_name, d.failure_reason or "") for d in documents if d.state == DocumentState.FAILED
        ],
    )


def run_demo(
    fixtures: Path,
    data_dir: Path,
    *,
    today: date | None = None,
    reset: bool = True,
    on_file: Callable[[IngestOutcome], None] | None = None,
    on_day: Callable[[date], None] | None = None,
) -> DemoSummary:
    """Build the company for `today` (default: today, UTC) and replay its 90 days into `data_dir`."""
    today = today or datetime.now(UTC).date()
    company = load_company(fixtures, today)
    if reset:
        dispose_engines()
        reset_caches()
        reset_demo_dir(data_dir)
    # the demo's own world, whatever the shell sets: SQLite in data_dir, the folder ERP, offline engines
    # in this process (so it needs no server or key, and the same day gives the same result)
    settings = Settings(
        data_dir=data_dir,
        database_url=None,
        erp=ErpSettings(),
        llm=LLMSettings(),
        extract=ExtractSettings(),
        runner=RunnerSettings(),
    )
    engine = open_database(settings)
    _users(engine)
    outcomes = replay(company, engine, settings, on_file=on_file, on_day=on_day)
    return summarise(engine, settings, company, outcomes)


__all__ = ["MARKER", "DemoSummary", "IngestStatus", "run_demo"]
