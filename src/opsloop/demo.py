"""`make demo`: a fresh demo data folder, the ERP mirror seeded from fixtures, the fixture inbox
taken in and run through every stage that exists, and a summary of what happened."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentState
from opsloop.erp.folder import LoadReport, load_folder
from opsloop.errors import ConfigError
from opsloop.ingest.files import IngestOutcome, IngestStatus
from opsloop.review.accounts import Role, create_user
from opsloop.service import demand_as_of, ingest_and_process, plan_and_queue
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store.db import dispose_engines, open_database
from opsloop.store.tables import Document, Proposal

MARKER = ".opsloop-demo"
DEMO_USERS = (("demo", "opsloop-demo", Role.ADMIN), ("rita", "opsloop-demo", Role.APPROVER))
"""Accounts for trying the review UI on demo data only (`make serve`); never created elsewhere."""


class DemoSummary(BaseModel):
    data_dir: str
    erp: LoadReport
    ingested: dict[str, int]
    documents_by_state: dict[str, int]
    proposals_by_kind: dict[str, int]
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


def run_demo(
    fixtures: Path,
    data_dir: Path,
    *,
    reset: bool = True,
    on_file: Callable[[IngestOutcome], None] | None = None,
) -> DemoSummary:
    if not (fixtures / "inbox").is_dir():
        raise ConfigError(f"no fixtures at {fixtures}/inbox", hint="Run from the repository root.")
    if reset:
        dispose_engines()
        reset_caches()
        reset_demo_dir(data_dir)
    settings = Settings(data_dir=data_dir, database_url=None)
    engine = open_database(settings)
    with Session(engine) as session:
        erp = load_folder(session, fixtures / "erp")
        for username, password, role in DEMO_USERS:
            create_user(
                session,
                username,
                password,
                role,
                approval_limit=Decimal("5000") if role is Role.APPROVER else None,
            )
        session.commit()
    outcomes, _ = ingest_and_process(engine, settings, [fixtures / "inbox"], move=False, on_file=on_file)
    as_of = demand_as_of(engine)
    if as_of is not None:  # plan on the date the fixture data describes, so the demo is repeatable
        plan_and_queue(engine, settings, as_of)
    with Session(engine) as session:
        documents = list(session.exec(select(Document).order_by(col(Document.id))))
        proposals = list(session.exec(select(Proposal)))
    return DemoSummary(
        data_dir=str(data_dir),
        erp=erp,
        ingested=dict(Counter(o.status.value for o in outcomes)),
        documents_by_state=dict(Counter(d.state for d in documents)),
        proposals_by_kind=dict(Counter(p.kind for p in proposals)),
        quarantined=[
            (d.original_name, d.failure_reason or "")
            for d in documents
            if d.state == DocumentState.QUARANTINED.value
        ],
        failed=[
            (d.original_name, d.failure_reason or "") for d in documents if d.state == DocumentState.FAILED
        ],
    )


__all__ = ["DemoSummary", "IngestStatus", "run_demo"]
