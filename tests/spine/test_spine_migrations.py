"""The schema is owned by the migrations: they create exactly what the models describe, and they go
down and up again, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, select

import opsloop.store.tables  # noqa: F401
from opsloop.extract.amounts import MAX_INTEGER_DIGITS, MAX_UNIT_SCALE, amount_problem
from opsloop.store import db
from opsloop.store.tables import (
    Document,
    GoodsReceipt,
    GoodsReceiptLine,
    Invoice,
    InvoiceLine,
    PurchaseOrder,
    PurchaseOrderLine,
    Vendor,
)
from opsloop.store.types import utcnow


def _postgres_url() -> str | None:
    url = os.environ.get("OPSLOOP_TEST_POSTGRES_URL")
    if url is None and os.environ.get("OPSLOOP_REQUIRE_POSTGRES"):
        pytest.fail("OPSLOOP_REQUIRE_POSTGRES is set but OPSLOOP_TEST_POSTGRES_URL is not")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'schema.db'}"
        return
    base = _postgres_url()
    if base is None:
        pytest.skip("no PostgreSQL server (set OPSLOOP_TEST_POSTGRES_URL; .ci/run starts one)")
    name = f"opsloop_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        db.dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_creates_what_the_models_describe_and_downgrade_removes_it(database_url: str) -> None:
    # WHEN the database is migrated to the newest revision
    db.upgrade(database_url)
    engine = create_engine(database_url)
    # THEN the schema matches the models exactly (no missing table, column, index or type)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), SQLModel.metadata
        )
    # Alembic cannot reflect expression indexes (e.g. `priority DESC`) back into a comparable form;
    # those are checked by name below instead of by shape.
    expression_indexes = {
        index.name: table.name
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
        if any(not isinstance(e, Column) for e in index.expressions)
    }
    shape_diff = [
        d for d in diff if not (d[0] in ("add_index", "remove_index") and d[1].name in expression_indexes)
    ]
    assert shape_diff == []
    for name, table_name in expression_indexes.items():
        assert name in {index["name"] for index in inspect(engine).get_indexes(table_name)}
    assert db.current_revision(engine) == db.head_revision()

    # WHEN it is downgraded to nothing
    db.downgrade(database_url, "base")
    # THEN only Alembic's own bookkeeping table is left
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

    # AND it can be upgraded again
    db.upgrade(database_url)
    assert "documents" in inspect(engine).get_table_names()
    engine.dispose()


def test_smoke_rows_round_trip_exactly(database_url: str) -> None:
    # GIVEN a migrated database
    db.upgrade(database_url)
    engine = db.make_engine(database_url)
    now = utcnow()
    # WHEN a document and an invoice with exact money are stored and read back
    with Session(engine) as session:
        document = Document(
            sha256="a" * 64, original_name="x.pdf", source_path="/x.pdf", size_bytes=1, state="received"
        )
        session.add(document)
        session.flush()
        assert document.id is not None
        session.add(
            Invoice(
                document_id=document.id,
                document_type="invoice",
                extraction_method="test",
                total=Decimal("1234567.891234"),
                tax_total=Decimal("0.1") + Decimal("0.2"),
                po_numbers=["PO-1", "PO-2"],
            )
        )
        session.commit()
    with Session(engine) as session:
        invoice = session.exec(select(Invoice)).one()
        stored = session.exec(select(Document)).one()
    # THEN money is exact, lists survive and times come back aware and equal
    assert invoice.total == Decimal("1234567.891234")
    assert invoice.tax_total == Decimal("0.3")
    assert invoice.po_numbers == ["PO-1", "PO-2"]
    assert stored.created_at.tzinfo is not None
    assert abs((stored.created_at - now).total_seconds()) < 60
    engine.dispose()


def test_quantities_and_unit_prices_keep_every_decimal_the_reader_accepts(database_url: str) -> None:
    # GIVEN a migrated database and a line, an order line and a receipt line with as many decimals as a
    # unit price or a quantity may carry (an energy tariff per kWh, a quantity metered to the gram)
    db.upgrade(database_url)
    engine = db.make_engine(database_url)
    unit_price = Decimal("0." + "061232374".ljust(MAX_UNIT_SCALE, "7"))
    quantity = Decimal("9" * MAX_INTEGER_DIGITS + "." + "1" * MAX_UNIT_SCALE)
    assert amount_problem(unit_price, scale=MAX_UNIT_SCALE) is None
    assert amount_problem(quantity, scale=MAX_UNIT_SCALE) is None
    with Session(engine) as session:
        document = Document(
            sha256="b" * 64, original_name="y.pdf", source_path="/y.pdf", size_bytes=1, state="received"
        )
        session.add(document)
        session.flush()
        assert document.id is not None
        vendor = Vendor(erp_id="V-UNIT", name="Unit Energy GmbH")
        session.add(vendor)
        session.flush()
        assert vendor.id is not None
        invoice = Invoice(document_id=document.id, document_type="invoice", extraction_method="test")
        order = PurchaseOrder(erp_id="PO-UNIT-1", number="PO-UNIT-1", vendor_id=vendor.id)
        session.add_all([invoice, order])
        session.flush()
        assert invoice.id is not None and order.id is not None
        session.add(InvoiceLine(invoice_id=invoice.id, position=1, quantity=quantity, unit_price=unit_price))
        order_line = PurchaseOrderLine(
            purchase_order_id=order.id, line_no=1, quantity=quantity, unit_price=unit_price
        )
        session.add(order_line)
        receipt = GoodsReceipt(
            erp_id="GR-UNIT-1",
            number="GR-UNIT-1",
            purchase_order_id=order.id,
            received_date=date(2026, 12, 7),
        )
        session.add(receipt)
        session.flush()
        assert order_line.id is not None and receipt.id is not None
        session.add(
            GoodsReceiptLine(
                goods_receipt_id=receipt.id, purchase_order_line_id=order_line.id, quantity=quantity
            )
        )
        session.commit()
    # WHEN they are read back
    with Session(engine) as session:
        line = session.exec(select(InvoiceLine)).one()
        stored_order_line = session.exec(select(PurchaseOrderLine)).one()
        receipt_line = session.exec(select(GoodsReceiptLine)).one()
    # THEN nothing was rounded
    assert (line.unit_price, line.quantity) == (unit_price, quantity)
    assert (stored_order_line.unit_price, stored_order_line.quantity) == (unit_price, quantity)
    assert receipt_line.quantity == quantity
    engine.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wal.db'}"
    engine = db.make_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
