"""A small world for invoice review tests: the fixture ERP mirror and a few fixture invoices run
through the real pipeline (read, reconciled, proposed), as a reviewer finds them."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import load_folder
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store.tables import Document, Proposal
from tests.conftest import REPO_ROOT

FIXTURES = REPO_ROOT / "fixtures"


def invoice_world(engine: Engine, settings: Settings, *names: str) -> dict[str, int]:
    """Seed the mirror from fixtures/erp, take the named fixture invoices in; returns each file's
    proposal id (by file name)."""
    reset_caches()
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        session.commit()
    inbox = Path(settings.data_dir) / "incoming"
    inbox.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(FIXTURES / "inbox" / name, inbox / name)
    ingest_and_process(engine, settings, [inbox], move=False)
    found: dict[str, int] = {}
    with Session(engine) as session:
        for document in session.exec(select(Document)):
            proposal = session.exec(select(Proposal).where(Proposal.document_id == document.id)).first()
            if proposal is not None and proposal.id is not None:
                found[document.original_name] = proposal.id
    return found
