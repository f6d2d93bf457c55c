"""Folder connector: CSV exports into the mirror, upserted by natural key, bad rows reported by line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import load_folder
from opsloop.store.tables import GoodsReceiptLine, PurchaseOrder, PurchaseOrderLine, Vendor


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text.strip() + "\n", encoding="utf-8")


def _export(folder: Path, price: str = "12.50") -> None:
    _write(
        folder,
        "vendors.csv",
        """
erp_id,name,vat_id,iban,address,currency,payment_terms_days
V1,Acme GmbH,DE136695976,DE89 3704 0044 0532 0130 00,"Hauptstr. 1, Berlin",EUR,30
V2,Bad Numbers Ltd,,,,GBP,not-a-number
""",
    )
    _write(
        folder,
        "purchase_orders.csv",
        """
erp_id,number,vendor_erp_id,order_date,currency,status
P1,PO-100,V1,2026-11-01,EUR,open
P2,PO-101,V9,2026-11-02,EUR,open
""",
    )
    _write(
        folder,
        "purchase_order_lines.csv",
        f"""
po_number,line_no,sku,description,quantity,unit,unit_price,tax_rate
PO-100,1,SKU-1,Bolts,100,pcs,{price},19
PO-100,2,SKU-2,Nuts,50,pcs,0.40,19
""",
    )
    _write(
        folder,
        "goods_receipts.csv",
        """
erp_id,number,po_number,received_date
R1,GR-1,PO-100,2026-11-05
""",
    )
    _write(
        folder,
        "goods_receipt_lines.csv",
        """
receipt_erp_id,po_line_no,quantity
R1,1,60
R1,7,1
""",
    )


def test_exports_load_and_bad_rows_are_reported_with_their_line(engine: Engine, tmp_path: Path) -> None:
    # GIVEN an export with two bad rows (a non-numeric field, an unknown vendor, an unknown PO line)
    _export(tmp_path)
    # WHEN it is loaded
    with Session(engine) as session:
        report = load_folder(session, tmp_path)
        session.commit()
    # THEN the good rows are in the mirror
    with Session(engine) as session:
        assert [v.erp_id for v in session.exec(select(Vendor))] == ["V1"]
        vendor = session.exec(select(Vendor)).one()
        assert vendor.iban == "DE89370400440532013000"
        assert [p.number for p in session.exec(select(PurchaseOrder))] == ["PO-100"]
        assert session.exec(
            select(PurchaseOrderLine).where(PurchaseOrderLine.line_no == 1)
        ).one().unit_price == Decimal("12.50")
        assert [r.quantity for r in session.exec(select(GoodsReceiptLine))] == [Decimal(60)]
    # AND each bad row is reported with its file and line, and the reason
    errors = {(e.file, e.line): e.message for e in report.errors}
    assert errors == {
        ("vendors.csv", 3): "column 'payment_terms_days': 'not-a-number' is not a number",
        ("purchase_orders.csv", 3): "unknown vendor 'V9'",
        ("goods_receipt_lines.csv", 3): "purchase order PO-100 has no line 7",
    }


def test_loading_twice_changes_nothing_and_a_changed_price_is_an_update(
    engine: Engine, tmp_path: Path
) -> None:
    _export(tmp_path)
    with Session(engine) as session:
        first = load_folder(session, tmp_path)
        session.commit()
    with Session(engine) as session:
        second = load_folder(session, tmp_path)
        session.commit()
    assert sum(first.created.values()) == 6
    assert second.created == {} and second.updated == {}

    _export(tmp_path, price="13.00")
    with Session(engine) as session:
        third = load_folder(session, tmp_path)
        session.commit()
        assert third.updated == {"purchase_order_lines": 1}
        assert len(session.exec(select(PurchaseOrderLine)).all()) == 2
