"""The folder export's VAT and unit-conversion columns reach the mirror the reconciler reads; an export
without them (written before they existed) still loads; PO statuses arrive in the mirror's words."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import load_folder
from opsloop.reconcile import load_mirror
from opsloop.store import tables as t
from tests.erp.erp_helpers import base_export, migrated_engine, write


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def test_an_export_without_the_new_columns_still_loads(engine: Engine, tmp_path: Path) -> None:
    base_export(tmp_path / "erp")  # purchase_order_lines.csv without tax_code, stock_unit, conversion_factor
    with Session(engine) as session:
        report = load_folder(session, tmp_path / "erp")
        session.commit()
        line = session.exec(select(t.PurchaseOrderLine)).one()
    assert report.errors == []
    assert (line.tax_rate, line.tax_code, line.stock_unit, line.conversion_factor) == (
        Decimal(19),
        None,
        None,
        None,
    )


def test_vat_category_conversion_and_status_reach_the_mirror(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "erp"
    base_export(folder)
    write(
        folder,
        "purchase_orders.csv",
        """
erp_id,number,vendor_erp_id,order_date,currency,status
PO10,PO-1003,V-ACME,2026-03-01,EUR,Billed
""",
    )
    write(
        folder,
        "purchase_order_lines.csv",
        """
po_number,line_no,sku,description,quantity,unit,unit_price,tax_rate,tax_code,stock_unit,conversion_factor
PO-1003,1,D-400,"Safety gloves, size L",20,BX,48.00,0,ae,PCE,12
PO-1003,2,D-401,"Safety gloves, size M",20,BX,48.00,19,S,PCE,0
""",
    )
    with Session(engine) as session:
        report = load_folder(session, folder)
        session.commit()
        mirror = load_mirror(session)
    # THEN the first line is in the mirror with its category (upper case) and conversion, the PO's status
    # in the mirror's words; a conversion factor of 0 is refused with its line, the rest imported
    [line] = list(mirror.lines.values())
    assert (line.tax_rate, line.tax_code, line.stock_unit, line.conversion_factor) == (
        Decimal(0),
        "AE",
        "PCE",
        Decimal(12),
    )
    assert next(iter(mirror.orders.values())).status == "billed"
    assert [(e.line, "conversion_factor" in e.message) for e in report.errors] == [(3, True)]
