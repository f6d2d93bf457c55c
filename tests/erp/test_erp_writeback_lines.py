"""Write-back carries the invoice's own lines (not the PO's): the approval payload holds them with the
PO line each matched, and the folder connector writes them as they are."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import FolderConnector as FolderSource
from opsloop.erp.folder_push import FolderConnector
from opsloop.erp.protocol import ActionKind, ErpAction
from opsloop.erp.sync import sync_source
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import (
    base_export,
    gloves_invoice,
    hold_extraction,
    migrated_engine,
    proposals_for,
    receipt_export,
)

D = Decimal
FAST = ErpSettings(retry_attempts=2, retry_wait_seconds=0.0)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def test_approval_payload_carries_the_invoice_lines_and_the_folder_writes_them(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN PO-1003 (20 gloves at 4.00) with 20 received, and an invoice for 10 of them at 4.00
    folder = tmp_path / "erp"
    base_export(folder)
    receipt_export(folder)
    assert sync_source(engine, FolderSource(folder), FAST).status == "ok"
    invoice = gloves_invoice()
    [line] = invoice.lines
    invoice = invoice.model_copy(
        update={
            "subtotal": D("40.00"),
            "tax_total": D("7.60"),
            "total": D("47.60"),
            "lines": [line.model_copy(update={"quantity": D(10), "amount": D("40.00"), "tax_rate": D(19)})],
        }
    )
    # WHEN it is reconciled and proposed
    document_id = hold_extraction(engine, invoice)
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    # THEN the approval carries the invoice's line (10, not the PO's 20) and the PO line it matched
    assert proposal.kind == "invoice_approve"
    with Session(engine) as session:
        po_line = session.exec(select(t.PurchaseOrderLine)).one()
    assert proposal.payload["lines"] == [
        {
            "position": 1,
            "description": "Safety gloves",
            "sku": "D-400",
            "quantity": "10",
            "unit": None,
            "unit_price": "4.00",
            "amount": "40.00",
            "tax_rate": "19",
            "po_line": {"po_number": "PO-1003", "line_no": 1, "po_line_id": po_line.id},
        }
    ]
    assert (proposal.payload["net_amount"], proposal.payload["tax_amount"]) == ("40.00", "7.60")
    # WHEN the approved action is pushed to the folder ERP
    action = ErpAction(
        kind=ActionKind.POST_INVOICE, idempotency_key=f"proposal:{proposal.id}", payload=proposal.payload
    )
    result = FolderConnector(folder).push(action)
    # THEN the outbox file holds those lines as they are
    written = json.loads((folder / "outbox" / str(result.external_id)).read_text(encoding="utf-8"))
    assert written["payload"]["lines"] == proposal.payload["lines"]
