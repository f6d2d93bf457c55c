"""GIVEN a payment reminder carrying a copy of an invoice opsloop never saw, held as no invoice WHEN the mirror is
read from the database THEN the reminder is no earlier copy of that invoice — unless a person approved it for
payment, when it is one (the invoice arriving later is then its duplicate, never paid twice)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.erp import ExceptionType
from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import sync_source
from opsloop.reconcile import load_mirror, load_policy, reconcile_invoice, record_reconciliation
from opsloop.reconcile.proposals import propose_invoice_action
from opsloop.review.queue import upsert_proposal
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import base_export, gloves_invoice, migrated_engine, receipt_export

REMINDER = (
    "ACME Fasteners GmbH\n\nNordwind Handels GmbH\nZahlungserinnerung\n"
    "Unsere Rechnung INV-9 vom 05.03.2026 ist noch offen. Kopie der Rechnung anbei.\n"
)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    folder = tmp_path / "erp"
    base_export(folder)
    receipt_export(folder)
    sync_source(engine, FolderConnector(folder), ErpSettings(retry_attempts=1, retry_wait_seconds=0.0))
    yield engine
    engine.dispose()


def _reminder(engine: Engine) -> int:
    """The reminder's copy of INV-9 stored, reconciled (held: no invoice) and its hold queued."""
    copy = gloves_invoice().model_copy(update={"extraction_method": "rules"})
    with Session(engine) as session:
        document = t.Document(
            sha256="c" * 64, original_name="m.pdf", source_path="/in/m.pdf", size_bytes=9, state="in_review"
        )
        session.add(document)
        session.flush()
        assert document.id is not None
        invoice = t.Invoice(document_id=document.id, document_type="invoice", extraction_method="rules",
                            invoice_number=copy.invoice_number, invoice_date=copy.invoice_date,
                            po_numbers=copy.po_numbers, currency="EUR", total=copy.total,
                            extraction=copy.model_dump(mode="json"))  # fmt: skip
        session.add(invoice)
        session.flush()
        assert invoice.id is not None
        rec = reconcile_invoice(copy, load_mirror(session), load_policy(session), document_id=document.id,
                                document_text=REMINDER)  # fmt: skip
        assert ExceptionType.NOT_AN_INVOICE in rec.exception_types()
        record_reconciliation(session, invoice.id, rec)
        upsert_proposal(session, propose_invoice_action(rec, copy))
        session.commit()
        return document.id


def _original(engine: Engine) -> set[ExceptionType]:
    with Session(engine) as session:
        rec = reconcile_invoice(gloves_invoice(), load_mirror(session), load_policy(session), document_id=999)
        return rec.exception_types()


def test_a_held_reminder_copy_is_no_earlier_copy_of_the_invoice(engine: Engine) -> None:
    _reminder(engine)
    # THEN the invoice arriving after its reminder matches: not a duplicate, its lines not billed by the reminder
    assert _original(engine) == set()


def test_a_reminder_copy_a_person_approved_for_payment_makes_the_invoice_a_duplicate(engine: Engine) -> None:
    document_id = _reminder(engine)
    with Session(engine) as session:
        [proposal] = session.exec(select(t.Proposal).where(t.Proposal.document_id == document_id))
        proposal.state = "executed"
        proposal.payload = {**proposal.payload, "action": "approve_payment"}
        session.add(proposal)
        session.commit()
    assert ExceptionType.DUPLICATE in _original(engine)
