"""The SQL connector reading an ERP's own tables through a mapping file, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from opsloop.erp.sql import SqlConnector, load_mapping
from opsloop.erp.sync import sync_source
from opsloop.errors import ConfigError
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import migrated_engine

FAST = ErpSettings(retry_attempts=2, retry_wait_seconds=0.0)

MAPPING = """
[vendors]
query = "SELECT code AS erp_id, legal_name AS name, vat AS vat_id, rev FROM suppliers"
cursor = "rev"

[purchase_orders]
query = "SELECT o.id AS erp_id, o.no AS number, s.code AS vendor_erp_id, o.ordered AS order_date, 'EUR' AS currency, o.state AS status FROM orders o JOIN suppliers s ON s.id = o.supplier_id"

[purchase_order_lines]
query = "SELECT o.no AS po_number, l.pos AS line_no, l.sku, l.qty AS quantity, l.uom AS unit, l.price AS unit_price, l.vat AS tax_rate, l.vat_cat AS tax_code, l.base_uom AS stock_unit, l.per_uom AS conversion_factor FROM order_lines l JOIN orders o ON o.id = l.order_id"
"""

ERP_SCHEMA = [
    "CREATE TABLE suppliers (id INTEGER PRIMARY KEY, code VARCHAR(20), legal_name VARCHAR(100), vat VARCHAR(20), rev INTEGER)",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, no VARCHAR(20), supplier_id INTEGER, ordered DATE, state VARCHAR(20))",
    "CREATE TABLE order_lines (order_id INTEGER, pos INTEGER, sku VARCHAR(20), qty NUMERIC(12,3), uom VARCHAR(8), "
    "price NUMERIC(12,4), vat NUMERIC(5,2), vat_cat VARCHAR(4), base_uom VARCHAR(8), per_uom NUMERIC(12,4))",
    "INSERT INTO suppliers VALUES (1, 'S-1', 'ACME Fasteners GmbH', 'DE136695976', 1), (2, 'S-2', 'Other Ltd', NULL, 2)",
    "INSERT INTO orders VALUES (10, 'PO-10', 1, '2026-03-01', 'Partially received')",
    "INSERT INTO order_lines VALUES (10, 1, 'D-400', 20, 'BX', 4.0000, 19, 's', 'PCE', 12), "
    "(10, 2, 'B-100', 100.5, 'KGM', 0.5000, 0, 'AE', NULL, NULL)",
]


def _postgres_base() -> str | None:
    url = os.environ.get("OPSLOOP_TEST_POSTGRES_URL")
    if url is None and os.environ.get("OPSLOOP_REQUIRE_POSTGRES"):
        pytest.fail("OPSLOOP_REQUIRE_POSTGRES is set but OPSLOOP_TEST_POSTGRES_URL is not")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def erp_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An 'ERP database' with its own schema, on SQLite or on the CI's PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'erp.db'}"
        admin = None
        name = ""
    else:
        base = _postgres_base()
        if base is None:
            pytest.skip("no PostgreSQL server (set OPSLOOP_TEST_POSTGRES_URL; .ci/run starts one)")
        name = f"opsloop_erp_{uuid.uuid4().hex[:10]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(base).set(database=name).render_as_string(hide_password=False)
    erp = create_engine(url)
    with erp.begin() as connection:
        for statement in ERP_SCHEMA:
            connection.execute(text(statement))
    erp.dispose()
    yield url
    if admin is not None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def test_sql_connector_full_then_incremental(erp_url: str, engine: Engine, tmp_path: Path) -> None:
    # GIVEN an ERP database and a mapping from its tables to the mirror
    (tmp_path / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    connector = SqlConnector(erp_url, load_mapping(tmp_path / "mapping.toml"))
    # WHEN synced
    first = sync_source(engine, connector, FAST)
    # THEN vendors, the PO and its lines are mirrored with exact quantities and prices
    assert first.status == "ok", first.load.errors
    with Session(engine) as session:
        lines = session.exec(select(t.PurchaseOrderLine).order_by(t.PurchaseOrderLine.line_no)).all()  # type: ignore[arg-type]
        assert {v.erp_id: v.vat_id for v in session.exec(select(t.Vendor))} == {
            "S-1": "DE136695976",
            "S-2": None,
        }
    assert [(line.sku, line.quantity, line.unit_price) for line in lines] == [
        ("D-400", Decimal(20), Decimal(4)),
        ("B-100", Decimal("100.5"), Decimal("0.5")),
    ]
    # AND the PO's status in the mirror's words, each line's VAT rate and category, the unit conversion
    with Session(engine) as session:
        assert session.exec(select(t.PurchaseOrder.status)).one() == "partially_received"
    assert [(line.tax_rate, line.tax_code, line.stock_unit, line.conversion_factor) for line in lines] == [
        (Decimal(19), "S", "PCE", Decimal(12)),
        (Decimal(0), "AE", None, None),
    ]
    # WHEN a supplier is added in the ERP (a higher revision) and another changed without a new revision
    erp = create_engine(erp_url)
    with erp.begin() as connection:
        connection.execute(text("INSERT INTO suppliers VALUES (3, 'S-3', 'New GmbH', NULL, 3)"))
        connection.execute(text("UPDATE suppliers SET legal_name = 'Ignored' WHERE id = 2"))
    erp.dispose()
    second = sync_source(engine, connector, FAST)
    # THEN only rows past the cursor are read: the new supplier is created, nothing else changes
    assert second.load.created == {"vendors": 1} and second.load.updated == {}
    connector.close()


def test_sql_connector_unreachable_database_and_bad_mapping(engine: Engine, tmp_path: Path) -> None:
    # GIVEN a mapping pointing at a PostgreSQL port where nothing listens
    (tmp_path / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    connector = SqlConnector(
        "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2",
        load_mapping(tmp_path / "mapping.toml"),
    )
    # WHEN synced, THEN the run fails with the reason and nothing is raised
    report = sync_source(engine, connector, FAST)
    assert report.status == "failed" and "unreachable" in (report.error or "")
    # AND a mapping naming an unknown record type is refused with what to do
    (tmp_path / "bad.toml").write_text('[suppliers]\nquery = "SELECT 1"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_mapping(tmp_path / "bad.toml")
