"""Sync through the folder connector: full and incremental runs, bad rows, XLSX, deletions, conflicts,
a failing connector, and a receipt arriving later that releases a held invoice."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import FolderConnector
from opsloop.erp.protocol import ConnectorAuthFailed, ConnectorUnavailable
from opsloop.erp.records import Pull, RecordType
from opsloop.erp.sync import read_cursors, sync_source, sync_sources
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

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "erp"
FAST = ErpSettings(retry_attempts=3, retry_wait_seconds=0.0)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return len(session.exec(select(model)).all())


def test_full_then_incremental_sync_of_the_fixture_exports(engine: Engine, tmp_path: Path) -> None:
    # GIVEN the fixture ERP exports in a folder
    folder = tmp_path / "erp"
    shutil.copytree(FIXTURES, folder)
    connector = FolderConnector(folder)
    progress: list[tuple[str, int, int]] = []
    # WHEN synced the first time
    first = sync_source(
        engine, connector, FAST, on_progress=lambda rt, i, n: progress.append((rt.value, i, n))
    )
    # THEN every record is in the mirror, the run is recorded as ok with its counts, and cursors are kept
    vendors = sum(1 for _ in (folder / "vendors.csv").open()) - 1
    assert first.status == "ok" and first.load.created["vendors"] == vendors == _count(engine, t.Vendor)
    assert progress[-1] == ("roster_shifts", len(RecordType), len(RecordType))
    with Session(engine) as session:
        run = session.get(t.SyncRun, first.run_id)
        assert run is not None and run.status == "ok" and run.counts["created"]["vendors"] == vendors
        assert run.finished_at is not None and run.duration_ms is not None
        assert len(read_cursors(session, "folder")) == len(RecordType)
    # WHEN synced again with nothing changed, THEN nothing is read or written
    second = sync_source(engine, connector, FAST)
    assert second.status == "ok" and second.load.total == 0
    # WHEN one vendor's name changes in the export, THEN only that row is updated
    text = (folder / "vendors.csv").read_text(encoding="utf-8")
    (folder / "vendors.csv").write_text(
        text.replace("Schmidt Bürotechnik GmbH", "Schmidt Büro GmbH"), "utf-8"
    )
    third = sync_source(engine, connector, FAST)
    assert third.load.updated == {"vendors": 1} and third.load.created == {}
    # AND a --full sync reads everything again but changes nothing
    assert sync_source(engine, connector, FAST, full=True).load.total == 0


def test_malformed_row_is_reported_with_its_line_and_the_rest_imported(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN an export whose second PO line has a quantity that is not a number
    folder = tmp_path / "erp"
    base_export(folder)
    write(
        folder,
        "purchase_order_lines.csv",
        """
po_number,line_no,sku,description,quantity,unit,unit_price,tax_rate
PO-1003,1,D-400,Gloves,20,pair,4.00,19
PO-1003,2,D-400,Gloves XL,twenty,pair,4.00,19
PO-1003,3,D-400,Gloves S,5,pair,4.00,19
""",
    )
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the run is partial, the bad row is named by file and line, and the others are imported
    assert report.status == "partial"
    assert [(e.file, e.line) for e in report.load.errors] == [("purchase_order_lines.csv", 3)]
    assert "not a number" in report.load.errors[0].message
    assert _count(engine, t.PurchaseOrderLine) == 2


def test_xlsx_export_is_read_like_csv(engine: Engine, tmp_path: Path) -> None:
    # GIVEN vendors exported as a spreadsheet (numbers stored as numbers)
    folder = tmp_path / "erp"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["erp_id", "name", "vat_id", "iban", "address", "currency", "payment_terms_days"])
    sheet.append(["V-X", "Xlsx Supplies", "DE111111111", None, None, "EUR", 30])
    sheet.append(["V-Y", None, None, None, None, "EUR", 14])
    folder.mkdir()
    workbook.save(folder / "vendors.xlsx")
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the good row is imported with its typed values and the empty name is reported on row 3
    with Session(engine) as session:
        vendor = session.exec(select(t.Vendor).where(t.Vendor.erp_id == "V-X")).one()
    assert vendor.payment_terms_days == 30 and vendor.name == "Xlsx Supplies"
    assert [(e.file, e.line) for e in report.load.errors] == [("vendors.xlsx", 3)]


def test_deleted_records_and_conflicts(engine: Engine, tmp_path: Path) -> None:
    # GIVEN a synced mirror with a receipt for PO-1003 and two vendors
    folder = tmp_path / "erp"
    base_export(folder)
    receipt_export(folder)
    sync_source(engine, FolderConnector(folder), FAST)
    assert _count(engine, t.GoodsReceiptLine) == 1
    # WHEN the ERP deletes the receipt and one vendor, and a new PO reuses PO-1003's number
    write(folder, "goods_receipts.csv", "erp_id,number,po_number,received_date")
    write(folder, "goods_receipt_lines.csv", "receipt_erp_id,po_line_no,quantity")
    text = (folder / "vendors.csv").read_text(encoding="utf-8")
    (folder / "vendors.csv").write_text("\n".join(text.splitlines()[:2]) + "\n", encoding="utf-8")
    with (folder / "purchase_orders.csv").open("a", encoding="utf-8") as handle:
        handle.write("PO99,PO-1003,V-ACME,2026-03-02,EUR,open\n")
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the receipt and its line are gone, the vendor is deactivated (invoices still refer to it)
    assert report.load.deleted == {"goods_receipts": 1, "vendors": 1}
    assert _count(engine, t.GoodsReceipt) == 0 and _count(engine, t.GoodsReceiptLine) == 0
    with Session(engine) as session:
        other = session.exec(select(t.Vendor).where(t.Vendor.erp_id == "V-OTHER")).one()
        order = session.exec(select(t.PurchaseOrder).where(t.PurchaseOrder.number == "PO-1003")).one()
    assert other.active is False
    # AND the reused PO number is a reported conflict: the mirror's PO keeps its ERP id, not cancelled
    assert any("conflict" in e.message and e.line == 3 for e in report.load.errors)
    assert order.erp_id == "PO10" and order.status == "open"


class _Flaky:
    """A source that fails `failures` times with a transient error, then serves one vendor."""

    def __init__(self, name: str, failures: int, error: Exception | None = None) -> None:
        self.name = name
        self.failures = failures
        self.calls = 0
        self.error = error or ConnectorUnavailable("connection refused")

    def record_types(self) -> Sequence[RecordType]:
        return (RecordType.VENDORS,)

    def pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        row = {"erp_id": f"{self.name}-1", "name": f"Vendor of {self.name}"}
        return Pull(record_type=record_type, rows=[row], cursor="c1")


def test_transient_failures_are_retried_and_a_dead_connector_does_not_stop_the_others(engine: Engine) -> None:
    # GIVEN one source that fails twice then works, one that never works, one that refuses our login
    flaky, dead = _Flaky("flaky", failures=2), _Flaky("dead", failures=99)
    refused = _Flaky("refused", failures=99, error=ConnectorAuthFailed("invalid login"))
    # WHEN all are synced in one go
    reports = sync_sources(engine, [dead, refused, flaky], FAST)
    # THEN the dead one was tried `retry_attempts` times and recorded as failed with the reason,
    # the refused login was not retried, and the flaky one still synced after its retries
    assert [r.status for r in reports] == ["failed", "failed", "ok"]
    assert dead.calls == 3 and refused.calls == 1 and flaky.calls == 3
    assert reports[0].error == "connection refused" and reports[1].error == "invalid login"
    with Session(engine) as session:
        runs = {r.connector: r for r in session.exec(select(t.SyncRun))}
        assert runs["dead"].status == "failed" and runs["dead"].errors[0]["message"] == "connection refused"
        # AND a failed run advanced no cursor
        assert read_cursors(session, "dead") == {} and read_cursors(session, "flaky") == {"vendors": "c1"}
    assert _count(engine, t.Vendor) == 1


def test_receipt_arriving_later_releases_the_held_invoice(engine: Engine, tmp_path: Path) -> None:
    # GIVEN the mirror synced with PO-1003 and nothing received, and an invoice held for it
    folder = tmp_path / "erp"
    base_export(folder)
    sync_source(engine, FolderConnector(folder), FAST)
    document_id = hold_invoice(engine)
    [held] = proposals_for(engine, f"invoice:{document_id}")
    assert held.kind == "invoice_hold" and held.state == "pending"
    # WHEN the ERP records the receipt and the next sync picks it up
    receipt_export(folder)
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the invoice is re-checked and released: its open proposal now proposes approval
    assert report.rechecked == 1 and report.released == 1
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    assert proposal.kind == "invoice_approve" and proposal.version == held.version + 1
    with Session(engine) as session:
        events = session.exec(select(t.AuditEvent).where(t.AuditEvent.action == "invoice.released")).all()
        assert [e.subject for e in events] == [f"invoice:{document_id}"]
        run = session.get(t.SyncRun, report.run_id)
        assert run is not None and run.counts["released"] == 1
    # AND a sync that brings nothing new re-checks nothing
    assert sync_source(engine, FolderConnector(folder), FAST).rechecked == 0


# --- a PO amended after invoices were matched to it: the invoice is checked again, whatever became of
# its approval (an open one recomputed, one not yet pushed withdrawn, one whose draft is in the ERP held)


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


class _ErpThatKnowsItsInvoices(FolderConnector):
    """A folder export whose ERP also says what became of the invoices opsloop wrote to it."""

    def __init__(self, folder: Path, states: dict[str, str]) -> None:
        super().__init__(folder)
        self.states = states

    def invoice_states(self, external_ids: Sequence[str]) -> dict[str, str]:
        return {e: self.states.get(e, "deleted") for e in external_ids}


@pytest.mark.parametrize(
    ("state", "says", "releases"),
    [
        (
            "deleted",
            "the ERP deleted that draft with the amendment, so the invoice is not in the ERP now",
            "a person decides the invoice against the amended PO",
        ),
        (
            "posted",
            "and the ERP has posted it since: it was booked on the PO's old quantities and prices",
            "the posted invoice is checked against the amended PO",
        ),
        (
            "draft",
            "the draft carries the PO's old quantities and prices",
            "the draft in the ERP is checked against the amended PO",
        ),
    ],
)
def test_the_hold_for_an_amended_po_says_what_became_of_the_draft_in_the_erp(
    engine: Engine, tmp_path: Path, state: str, says: str, releases: str
) -> None:
    folder = tmp_path / "erp"
    document_id = _matched(engine, folder)
    approved = _approve(engine, document_id, "executed", external_id="account.invoice-7")
    # WHEN the PO is amended and the ERP says the draft opsloop wrote is now `state`
    _amend(folder)
    sync_source(engine, _ErpThatKnowsItsInvoices(folder, {"account.invoice-7": state}), FAST)
    # THEN the hold says so in words and names what releases it
    proposals = {p.id: p for p in proposals_for(engine, f"invoice:{document_id}")}
    proposals.pop(approved)
    [hold] = proposals.values()
    assert hold.kind == "invoice_hold" and says in hold.summary, hold.summary
    assert hold.summary.startswith("PO PO-1003 was amended in the ERP after this invoice was approved")
    assert hold.payload["release_when"] == [releases]
    assert (hold.payload["erp_invoice"], hold.payload["erp_invoice_state"]) == ("account.invoice-7", state)


@pytest.mark.parametrize(("state", "pushes"), [("draft", 0), (None, 0), ("deleted", 1)])
def test_releasing_the_amended_po_hold_writes_the_invoice_again_only_where_the_erp_lost_its_draft(
    engine: Engine, tmp_path: Path, state: str | None, pushes: int
) -> None:
    from opsloop.review.accounts import Actor, Role
    from opsloop.review.decisions import DecisionAction, DecisionRequest, decide

    folder = tmp_path / "erp"
    document_id = _matched(engine, folder)
    approved = _approve(engine, document_id, "executed", external_id="account.invoice-7")
    _amend(folder)
    source = (
        FolderConnector(folder)
        if state is None
        else _ErpThatKnowsItsInvoices(folder, {"account.invoice-7": state})
    )
    sync_source(engine, source, FAST)
    [hold] = [p for p in proposals_for(engine, f"invoice:{document_id}") if p.id != approved]
    # WHEN a person checked the draft against the amended PO and releases the hold
    with Session(engine) as session:
        assert hold.id is not None
        request = DecisionRequest(action=DecisionAction.RELEASE, reason="checked in the ERP", confirmed=True)
        decide(session, hold.id, Actor(username="alice", role=Role.ADMIN), request)
        session.commit()
        rows = [i for i in session.exec(select(t.OutboxItem)) if i.proposal_id == hold.id]
    # THEN the invoice is written to the ERP again only where the ERP no longer has its draft: a draft
    # still there (or one the ERP cannot tell about) is never written a second time
    assert len(rows) == pushes
    [released] = [p for p in proposals_for(engine, f"invoice:{document_id}") if p.id == hold.id]
    assert released.state == "approved"
    assert released.payload.get("in_erp_as") == (None if pushes else "account.invoice-7")


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
