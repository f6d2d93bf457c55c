"""GIVEN an invoice matched against a PO WHEN the ERP amends that PO afterwards (its price or quantity) THEN
the invoice is checked again, whatever became of its approval: an open approval is recomputed (a hold when it
no longer matches), an approval not yet pushed is withdrawn and proposed again, and one whose draft is in the
ERP already gets a hold that says the draft was written against the old PO."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import sync_source
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import (
    base_export,
    hold_invoice,
    migrated_engine,
    proposals_for,
    receipt_export,
    write,
)

FAST = ErpSettings(retry_attempts=3, retry_wait_seconds=0.0)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _matched(engine: Engine, folder: Path) -> int:
    """PO-1003 (20 gloves at 4.00) received in full, and the gloves invoice matched against it."""
    base_export(folder)
    receipt_export(folder)
    sync_source(engine, FolderConnector(folder), FAST)
    document_id = hold_invoice(engine)
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    assert proposal.kind == "invoice_approve" and proposal.state == "pending"
    return document_id


def _amend(folder: Path, quantity: str = "20", price: str = "3.50") -> None:
    write(
        folder,
        "purchase_order_lines.csv",
        f"""
po_number,line_no,sku,description,quantity,unit,unit_price,tax_rate
PO-1003,1,D-400,"Safety gloves, size L",{quantity},pair,{price},19
""",
    )


def _approve(engine: Engine, document_id: int, outbox: str, external_id: str | None = None) -> int:
    """The approval decided, its push to the ERP in state `outbox` (executed: the draft is in the ERP)."""
    with Session(engine) as session:
        [proposal] = session.exec(
            select(t.Proposal).where(t.Proposal.subject_key == f"invoice:{document_id}")
        )
        assert proposal.id is not None
        proposal.state = "executed" if outbox == "executed" else "approved"
        session.add(proposal)
        session.add(t.OutboxItem(proposal_id=proposal.id, idempotency_key=f"proposal-{proposal.id}-v0",
                                 action_kind="post_invoice", payload=proposal.payload, state=outbox,
                                 external_id=external_id))  # fmt: skip
        session.commit()
        return proposal.id


def test_an_open_approval_becomes_a_hold_when_its_po_price_is_amended(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "erp"
    document_id = _matched(engine, folder)
    # WHEN the buyer amends the PO's price from 4.00 to 3.50 and the ERP is synced
    _amend(folder)
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the open approval is recomputed: no longer an approval (the invoice bills 4.00 a pair, the PO
    # now says 3.50: a credit note is asked for), saying the PO was amended
    assert report.rechecked == 1
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    assert proposal.kind == "invoice_request_credit_note" and proposal.state == "pending"
    assert proposal.summary.startswith("PO PO-1003 was amended in the ERP after this invoice was matched.")
    assert "price_variance" in proposal.exception_types


def test_an_approval_not_yet_pushed_is_withdrawn_when_its_po_is_amended(
    engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "erp"
    document_id = _matched(engine, folder)
    approved = _approve(engine, document_id, "pending")
    # WHEN the PO's quantity is cut to 10 before the outbox pushed the approval
    _amend(folder, quantity="10", price="4.00")
    sync_source(engine, FolderConnector(folder), FAST)
    # THEN the push is cancelled, the approval superseded, and the invoice held against the amended PO
    with Session(engine) as session:
        [item] = session.exec(select(t.OutboxItem))
        assert item.state == "cancelled" and "amended" in (item.last_error or "")
    proposals = {p.id: p for p in proposals_for(engine, f"invoice:{document_id}")}
    assert proposals.pop(approved).state == "superseded"
    [again] = proposals.values()
    assert again.state == "pending" and again.kind != "invoice_approve"
    assert again.summary.startswith("PO PO-1003 was amended")


def test_an_approval_whose_draft_is_in_the_erp_gets_a_hold_naming_the_draft(
    engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "erp"
    document_id = _matched(engine, folder)
    approved = _approve(engine, document_id, "executed", external_id="account.invoice-7")
    # WHEN the PO is amended after the draft invoice was written to the ERP
    _amend(folder)
    sync_source(engine, FolderConnector(folder), FAST)
    # THEN a hold asks a person to check that draft against the amended PO before it is posted
    proposals = {p.id: p for p in proposals_for(engine, f"invoice:{document_id}")}
    assert proposals.pop(approved).state == "executed"
    [hold] = proposals.values()
    assert hold.kind == "invoice_hold" and hold.state == "pending"
    assert "account.invoice-7" in hold.summary and "before it is posted" in hold.summary
    assert hold.payload["reasons"][0] == "po_amended"


def test_a_sync_that_amends_no_po_line_rechecks_no_approved_invoice(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "erp"
    document_id = _matched(engine, folder)
    _approve(engine, document_id, "executed", external_id="account.invoice-7")
    # WHEN the PO's status changes (billed), its lines as they were
    write(
        folder,
        "purchase_orders.csv",
        """
erp_id,number,vendor_erp_id,order_date,currency,status
PO10,PO-1003,V-ACME,2026-03-01,EUR,billed
""",
    )
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN nothing is re-checked and no new proposal appears
    assert report.rechecked == 0
    assert len(proposals_for(engine, f"invoice:{document_id}")) == 1
