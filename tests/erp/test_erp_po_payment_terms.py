"""The payment term agreed on a purchase order reaches the mirror beside the vendor's default: Odoo's
`payment_term_id`, ERPNext's `payment_terms_template`, a folder export's `payment_terms_days` column of
`purchase_orders` (Tryton's `payment_term` is in test_erp_tryton.py). Only a term that is a number of
days after the invoice date counts; instalments and month-end terms give none (nothing invented)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.erpnext import ErpNextConnector
from opsloop.erp.folder import FolderConnector
from opsloop.erp.odoo import OdooConnector
from opsloop.erp.sync import sync_source
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import migrated_engine
from tests.erp.payload_server import (
    ERPNEXT_TOKEN,
    ODOO_DB,
    ODOO_PASSWORD,
    ODOO_USER,
    RecordedErp,
    erpnext_app,
    load_payload,
    odoo_app,
    serve,
)

FAST = ErpSettings(retry_attempts=2, retry_wait_seconds=0.0)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _terms_in_mirror(engine: Engine) -> tuple[dict[str, int | None], dict[str, int | None]]:
    with Session(engine) as session:
        orders = {o.number: o.payment_terms_days for o in session.exec(select(t.PurchaseOrder))}
        vendors = {v.name: v.payment_terms_days for v in session.exec(select(t.Vendor))}
    return orders, vendors


def _odoo_line(line_id: int, percent: float, days: int, delay: str = "days_after") -> dict[str, Any]:
    return {"id": line_id, "value": "percent", "value_amount": percent, "nb_days": days, "delay_type": delay}


def test_odoo_a_pos_own_payment_term_and_the_vendors_default_reach_the_mirror(engine: Engine) -> None:
    # GIVEN Odoo 17: P00041 agreed at 45 days, P00043 in instalments (30 % now, the rest in 60 days),
    # ACME's default supplier term 30 days, Nordic Tools' at the end of the following month
    records = load_payload("odoo_records.json")
    orders = {o["name"]: o for o in records["purchase.order"]}
    orders["P00041"]["payment_term_id"] = [4, "45 Days"]
    orders["P00043"]["payment_term_id"] = [5, "30% Now, Balance 60 Days"]
    partners = {p["id"]: p for p in records["res.partner"]}
    partners[7]["property_supplier_payment_term_id"] = [6, "30 Days"]
    partners[9]["property_supplier_payment_term_id"] = [7, "End of Following Month"]
    records["account.payment.term"] = [
        {"id": 4, "line_ids": [40]},
        {"id": 5, "line_ids": [50, 51]},
        {"id": 6, "line_ids": [60]},
        {"id": 7, "line_ids": [70]},
    ]
    records["account.payment.term.line"] = [
        _odoo_line(40, 100.0, 45),
        _odoo_line(50, 30.0, 0),
        _odoo_line(51, 70.0, 60),
        _odoo_line(60, 100.0, 30),
        _odoo_line(70, 100.0, 0, "days_after_end_of_next_month"),
    ]
    with serve(RecordedErp(records), odoo_app) as odoo:
        connector = OdooConnector(odoo.url, ODOO_DB, ODOO_USER, ODOO_PASSWORD, timeout=5, page_size=2)
        # WHEN synced in full
        report = sync_source(engine, connector, FAST, full=True)
    assert report.status == "ok", report
    # THEN the PO's own 45 days, none for the instalments, and the vendors' defaults where they are days
    orders_terms, vendor_terms = _terms_in_mirror(engine)
    assert orders_terms == {"P00041": 45, "P00043": None}
    assert vendor_terms == {"ACME Fasteners GmbH": 30, "Other Supplies Ltd": None, "Nordic Tools AB": None}


def test_erpnext_a_pos_payment_terms_template_and_the_suppliers_default_reach_the_mirror(
    engine: Engine,
) -> None:
    # GIVEN ERPNext: PUR-ORD-2026-00001 on the template "Net 45", ACME's default "Net 30", another
    # supplier's default counted from the end of the invoice month
    records = load_payload("erpnext_records.json")
    orders = {o["name"]: o for o in records["Purchase Order"]}
    orders["PUR-ORD-2026-00001"]["payment_terms_template"] = "Net 45"
    suppliers = records["Supplier"]
    acme = next(s for s in suppliers if s.get("supplier_name") == "ACME Fasteners GmbH")
    acme["payment_terms"] = "Net 30"
    other = next(s for s in suppliers if s.get("supplier_name") == "Other Supplies Ltd")
    other["payment_terms"] = "30 days end of month"

    def template(name: str, days: int, based_on: str = "Day(s) after invoice date") -> dict[str, Any]:
        term = {
            "invoice_portion": 100.0,
            "due_date_based_on": based_on,
            "credit_days": days,
            "credit_months": 0,
        }
        return {"name": name, "terms": [term]}

    records["Payment Terms Template"] = [
        template("Net 45", 45),
        template("Net 30", 30),
        template("30 days end of month", 30, "Day(s) after the end of the invoice month"),
    ]
    with serve(RecordedErp(records), erpnext_app) as erpnext:
        key, secret = ERPNEXT_TOKEN.removeprefix("token ").split(":")
        connector = ErpNextConnector(erpnext.url, key, secret, timeout=5, page_size=2)
        # WHEN synced in full
        report = sync_source(engine, connector, FAST, full=True)
    assert report.status == "ok", report
    # THEN the PO carries its template's 45 days, ACME its 30, the month-end term gives no number
    orders_terms, vendor_terms = _terms_in_mirror(engine)
    assert orders_terms == {"PUR-ORD-2026-00001": 45, "PUR-ORD-2026-00003": None}
    assert vendor_terms == {"ACME Fasteners GmbH": 30, "Other Supplies Ltd": None, "Nordic Tools AB": None}


def test_a_folder_exports_po_payment_term_column_is_read_under_the_erps_own_header(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a purchase_orders export whose term column carries a German ERP's header, one PO without
    folder = tmp_path / "erp"
    folder.mkdir()
    (folder / "vendors.csv").write_text(
        "erp_id,name,payment_terms_days\nV-1,Müller GmbH,14\n", encoding="utf-8"
    )
    (folder / "purchase_orders.csv").write_text(
        "erp_id;number;vendor_erp_id;Zahlungsziel\nPO1;4500001;V-1;60\nPO2;4500002;V-1;\n", encoding="utf-8"
    )
    # WHEN synced
    report = sync_source(
        engine, FolderConnector(folder), ErpSettings(retry_attempts=1, retry_wait_seconds=0.0)
    )
    # THEN the PO with a term holds its own, the other none (the vendor's 14 days apply to it)
    assert report.status == "ok", report.load.errors
    orders_terms, vendor_terms = _terms_in_mirror(engine)
    assert orders_terms == {"4500001": 60, "4500002": None}
    assert vendor_terms == {"Müller GmbH": 14}
