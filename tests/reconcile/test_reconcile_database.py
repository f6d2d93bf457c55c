"""The reconciler against a real SQLite database migrated with Alembic: the mirror is loaded from
rows, reconciliations are recorded, and a receipt arriving later releases a held invoice."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, select

from opsloop.domain.erp import ExceptionType, ReconciliationStatus
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.domain.proposals import ProposalKind
from opsloop.errors import ConfigError
from opsloop.reconcile import (
    load_mirror,
    load_policy,
    reconcile_invoice,
    record_reconciliation,
    rereconcile_held,
    save_policy,
)
from opsloop.reconcile.policies import default_policy
from opsloop.store import db
from opsloop.store import tables as t
from tests.conftest import keyed

D = Decimal


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'opsloop.db'}"
    db.upgrade(url)
    engine = keyed(db.make_engine(url), tmp_path)
    yield engine
    engine.dispose()


def _seed(session: Session) -> None:
    session.add(
        t.Vendor(
            id=1,
            erp_id="V-ACME",
            name="ACME Fasteners GmbH",
            vat_id="DE111111111",
            iban="DE89370400440532013000",
            currency="EUR",
        )
    )
    session.add(t.Item(id=1, erp_id="I-1", sku="D-400", name="Safety gloves", category="safety"))
    session.flush()
    session.add(t.PurchaseOrder(id=10, erp_id="PO10", number="PO-1003", vendor_id=1, currency="EUR"))
    session.flush()
    session.add(
        t.PurchaseOrderLine(
            id=120,
            purchase_order_id=10,
            line_no=1,
            item_id=1,
            sku="D-400",
            description="Safety gloves, size L",
            quantity=D(20),
            unit_price=D("4.00"),
        )
    )
    session.add(
        t.Document(
            id=1,
            sha256="a" * 64,
            original_name="inv.pdf",
            source_path="/in/inv.pdf",
            size_bytes=10,
            state="extracted",
        )
    )
    session.flush()


def _gloves_invoice() -> InvoiceExtraction:
    return InvoiceExtraction(
        vendor=VendorExtraction(
            name="ACME Fasteners GmbH", vat_id="DE111111111", iban="DE89370400440532013000"
        ),
        invoice_number="INV-9",
        invoice_date=date(2026, 3, 5),
        po_numbers=["PO-1003"],
        currency="EUR",
        subtotal=D("80.00"),
        tax_total=D("15.20"),
        total=D("95.20"),
        lines=[
            InvoiceLineExtraction(
                sku="D-400",
                description="Safety gloves",
                quantity=D(20),
                unit_price=D("4.00"),
                amount=D("80.00"),
            )
        ],
    )


def test_migration_0002_upgrades_and_downgrades(tmp_path: Path) -> None:
    # GIVEN a fresh database at 0001
    url = f"sqlite:///{tmp_path / 'm.db'}"
    db.upgrade(url, "0001")
    engine = db.make_engine(url)
    assert "invoice_reconciliations" not in inspect(engine).get_table_names()
    # WHEN upgraded to head, THEN the reconciler's tables exist
    db.upgrade(url)
    names = set(inspect(engine).get_table_names())
    assert {"invoice_reconciliations", "tolerance_policies"} <= names
    # WHEN downgraded to 0001, THEN they are gone again
    db.downgrade(url, "0001")
    assert "invoice_reconciliations" not in set(inspect(engine).get_table_names())
    engine.dispose()


def test_mirror_loaded_from_database_and_receipt_releases_held_invoice(engine) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a migrated database with ACME, PO-1003 (20 gloves, nothing received) and an extracted invoice
    invoice = _gloves_invoice()
    with db.session_scope(engine) as session:
        _seed(session)
        row = t.Invoice(
            document_id=1,
            document_type="invoice",
            extraction_method="test",
            invoice_number="INV-9",
            invoice_date=date(2026, 3, 5),
            po_numbers=["PO-1003"],
            currency="EUR",
            total=D("95.20"),
            extraction=invoice.model_dump(mode="json"),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        invoice_id = row.id
        # WHEN the mirror is loaded and the invoice reconciled and recorded
        mirror = load_mirror(session)
        assert mirror.po_by_number("PO-1003") is not None and mirror.lines[120].category == "safety"
        rec = reconcile_invoice(invoice, mirror, load_policy(session), document_id=1, text_hash="h1")
        record_reconciliation(session, invoice_id, rec)
    # THEN it is held as not received, and the invoice row now points at the vendor
    assert rec.exception_types() == {ExceptionType.NOT_RECEIVED}
    with db.session_scope(engine) as session:
        assert session.get(t.Invoice, invoice_id).vendor_id == 1  # type: ignore[union-attr]
        # AND a mirror loaded again counts the held invoice's billing (for later invoices)
        assert load_mirror(session).billed_qty(120) == D(20)
        # WHEN an unrelated PO changes, nothing is re-checked
        assert rereconcile_held(session, po_numbers=["PO-7777"]) == []
        # WHEN the receipt arrives and the sync job re-checks held invoices of PO-1003
        session.add(
            t.GoodsReceipt(
                id=1, erp_id="GR1", number="GR-1", purchase_order_id=10, received_date=date(2026, 3, 9)
            )
        )
        session.flush()
        session.add(t.GoodsReceiptLine(goods_receipt_id=1, purchase_order_line_id=120, quantity=D(20)))
        session.flush()
        results = rereconcile_held(session, po_numbers=["po 1003"])
    # THEN the invoice is released with an approval proposal, and the new reconciliation is current
    assert len(results) == 1 and results[0].released and results[0].previous_exceptions == ["not_received"]
    assert results[0].reconciliation.status is ReconciliationStatus.MATCHED
    assert results[0].proposal.kind is ProposalKind.INVOICE_APPROVE
    with db.session_scope(engine) as session:
        rows = session.exec(select(t.InvoiceReconciliation).order_by(t.InvoiceReconciliation.id)).all()  # type: ignore[arg-type]
        assert [(r.status, r.current) for r in rows] == [("exception", False), ("matched", True)]
        assert rows[1].policy_version == default_policy().version and rows[1].text_hash == "h1"
        assert json.loads(json.dumps(rows[1].result))["status"] == "matched"


def test_policy_versions_in_the_table(engine) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the packaged default and a stricter version saved to the table
    stricter = default_policy().model_copy(update={"version": "strict-1"})
    stricter.default.price_pct = D("0.5")
    with db.session_scope(engine) as session:
        assert load_policy(session).version == default_policy().version  # empty table: the default
        save_policy(session, stricter, created_by="controller")
        # WHEN loaded, THEN the newest version is used and recorded
        loaded = load_policy(session)
        assert loaded.version == "strict-1" and loaded.default.price_pct == D("0.5")
        # AND a version name is never reused for different limits
        changed = stricter.model_copy(update={"duplicate_window_days": 30})
        with pytest.raises(ConfigError):
            save_policy(session, changed)


def test_policy_file_and_overrides(tmp_path: Path) -> None:
    # GIVEN a policy file with a vendor override that lifts the absolute price limit
    path = tmp_path / "policy.toml"
    path.write_text(
        'version = "t-1"\n[default]\nprice_pct = "2"\nprice_abs = "1"\n'
        '[vendors.V-ACME]\nprice_pct = "5"\n[categories.bulk]\nqty_pct = "5"\n',
        encoding="utf-8",
    )
    policy = load_policy(path)
    # WHEN limits are resolved per vendor and category
    acme = policy.limits_for("V-ACME", "bulk")
    other = policy.limits_for("V-OTHER", None)
    # THEN the vendor's dimension replaces both price limits; the category adds its quantity limit
    assert (acme.price_pct, acme.price_abs, acme.qty_pct) == (D("5"), None, D("5"))
    assert (other.price_pct, other.price_abs, other.qty_pct) == (D("2"), D("1"), None)
    # AND a broken file says what to do
    path.write_text("version = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_policy(path)
    assert "default.toml" in (error.value.hint or "")
