"""Folder connector: the ERP's CSV exports, one file per record type (columns in fixtures/README.md).

Rows are upserted by their natural key, so loading the same export twice changes nothing. A row that
cannot be read is reported with its file and line; the rest of the file is still imported.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, select

from opsloop.errors import OpsloopError
from opsloop.store.tables import (
    DemandHistory,
    GoodsReceipt,
    GoodsReceiptLine,
    Item,
    PurchaseOrder,
    PurchaseOrderLine,
    RosterShift,
    StockLevel,
    Vendor,
)


class RowError(BaseModel):
    file: str
    line: int
    message: str


class LoadReport(BaseModel):
    created: dict[str, int] = {}
    updated: dict[str, int] = {}
    errors: list[RowError] = []

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


class _BadRow(OpsloopError):
    pass


def _text(row: dict[str, str], name: str) -> str | None:
    value = (row.get(name) or "").strip()
    return value or None


def _required(row: dict[str, str], name: str) -> str:
    value = _text(row, name)
    if value is None:
        raise _BadRow(f"column {name!r} is empty")
    return value


def _decimal(row: dict[str, str], name: str) -> Decimal | None:
    value = _text(row, name)
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise _BadRow(f"column {name!r}: {value!r} is not a number") from error


def _req_decimal(row: dict[str, str], name: str) -> Decimal:
    value = _decimal(row, name)
    if value is None:
        raise _BadRow(f"column {name!r} is empty")
    return value


def _float(row: dict[str, str], name: str) -> float | None:
    value = _decimal(row, name)
    return None if value is None else float(value)


def _int(row: dict[str, str], name: str) -> int | None:
    value = _decimal(row, name)
    return None if value is None else int(value)


def _date(row: dict[str, str], name: str) -> date | None:
    value = _text(row, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise _BadRow(f"column {name!r}: {value!r} is not an ISO date (YYYY-MM-DD)") from error


def _datetime(row: dict[str, str], name: str) -> datetime:
    value = _required(row, name)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise _BadRow(f"column {name!r}: {value!r} is not an ISO 8601 timestamp") from error
    if parsed.tzinfo is None:
        raise _BadRow(f"column {name!r}: {value!r} has no UTC offset")
    return parsed


@dataclass
class _Loader:
    session: Session
    report: LoadReport = field(default_factory=LoadReport)
    vendors: dict[str, int] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)
    pos: dict[str, int] = field(default_factory=dict)
    receipts: dict[str, tuple[int, int]] = field(default_factory=dict)
    po_lines: dict[tuple[int, int], int] = field(default_factory=dict)
    rows: dict[str, dict[tuple[Any, ...], SQLModel]] = field(default_factory=dict)

    def upsert(
        self, model: type[SQLModel], key: dict[str, Any], values: dict[str, Any], *, need_id: bool = True
    ) -> SQLModel:
        """Insert or update the row with this natural key. Existing rows are read once per table."""
        table = str(getattr(model, "__tablename__", model.__name__))
        cache = self.rows.get(table)
        if cache is None:
            cache = self.rows[table] = {
                tuple(getattr(row, name) for name in key): row for row in self.session.exec(select(model))
            }
        identity = tuple(key.values())
        row = cache.get(identity)
        if row is None:
            row = cache[identity] = model(**key, **values)
            self.report.created[table] = self.report.created.get(table, 0) + 1
            self.session.add(row)
            if need_id:
                self.session.flush()
            return row
        changed = False
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if changed:
            self.report.updated[table] = self.report.updated.get(table, 0) + 1
            self.session.add(row)
        return row

    def ref(self, mapping: dict[Any, int], key: Any, what: str) -> int:
        if key not in mapping:
            raise _BadRow(f"unknown {what} {key!r}")
        return mapping[key]

    # one method per file, in dependency order ----------------------------------------------

    def vendor(self, row: dict[str, str]) -> None:
        erp_id = _required(row, "erp_id")
        saved = self.upsert(
            Vendor,
            {"erp_id": erp_id},
            {
                "name": _required(row, "name"),
                "vat_id": _text(row, "vat_id"),
                "iban": (_text(row, "iban") or "").replace(" ", "").upper() or None,
                "address": _text(row, "address"),
                "currency": _text(row, "currency"),
                "payment_terms_days": _int(row, "payment_terms_days"),
            },
        )
        self.vendors[erp_id] = saved.id  # type: ignore[attr-defined]

    def item(self, row: dict[str, str]) -> None:
        sku = _required(row, "sku")
        saved = self.upsert(
            Item,
            {"erp_id": _required(row, "erp_id")},
            {
                "sku": sku,
                "name": _required(row, "name"),
                "category": _text(row, "category"),
                "unit": _text(row, "unit"),
                "unit_cost": _decimal(row, "unit_cost"),
                "pack_size": _decimal(row, "pack_size"),
                "min_order_qty": _decimal(row, "min_order_qty"),
                "lead_time_days": _float(row, "lead_time_days"),
                "lead_time_std_days": _float(row, "lead_time_std_days"),
                "ordering_cost": _decimal(row, "ordering_cost"),
                "holding_cost_rate": _decimal(row, "holding_cost_rate"),
                "preferred_vendor_erp_id": _text(row, "preferred_vendor_erp_id"),
            },
        )
        self.items[sku] = saved.id  # type: ignore[attr-defined]

    def purchase_order(self, row: dict[str, str]) -> None:
        number = _required(row, "number")
        saved = self.upsert(
            PurchaseOrder,
            {"erp_id": _required(row, "erp_id")},
            {
                "number": number,
                "vendor_id": self.ref(self.vendors, _required(row, "vendor_erp_id"), "vendor"),
                "order_date": _date(row, "order_date"),
                "currency": _text(row, "currency"),
                "status": _text(row, "status") or "open",
            },
        )
        self.pos[number] = saved.id  # type: ignore[attr-defined]

    def purchase_order_line(self, row: dict[str, str]) -> None:
        po_id = self.ref(self.pos, _required(row, "po_number"), "purchase order")
        line_no = _int(row, "line_no")
        if line_no is None:
            raise _BadRow("column 'line_no' is empty")
        sku = _text(row, "sku")
        saved = self.upsert(
            PurchaseOrderLine,
            {"purchase_order_id": po_id, "line_no": line_no},
            {
                "item_id": self.items.get(sku) if sku else None,
                "sku": sku,
                "description": _text(row, "description"),
                "quantity": _req_decimal(row, "quantity"),
                "unit": _text(row, "unit"),
                "unit_price": _req_decimal(row, "unit_price"),
                "tax_rate": _decimal(row, "tax_rate"),
            },
        )
        self.po_lines[(po_id, line_no)] = saved.id  # type: ignore[attr-defined]

    def goods_receipt(self, row: dict[str, str]) -> None:
        erp_id = _required(row, "erp_id")
        received = _date(row, "received_date")
        if received is None:
            raise _BadRow("column 'received_date' is empty")
        po_id = self.ref(self.pos, _required(row, "po_number"), "purchase order")
        saved = self.upsert(
            GoodsReceipt,
            {"erp_id": erp_id},
            {"number": _required(row, "number"), "purchase_order_id": po_id, "received_date": received},
        )
        self.receipts[erp_id] = (saved.id, po_id)  # type: ignore[attr-defined]

    def goods_receipt_line(self, row: dict[str, str]) -> None:
        receipt_id, po_id = self.receipts.get(_required(row, "receipt_erp_id"), (None, None))
        if receipt_id is None or po_id is None:
            raise _BadRow(f"unknown goods receipt {row.get('receipt_erp_id')!r}")
        line_no = _int(row, "po_line_no")
        po_line_id = self.po_lines.get((po_id, line_no or 0))
        if po_line_id is None:
            po_number = next((number for number, pid in self.pos.items() if pid == po_id), po_id)
            raise _BadRow(f"purchase order {po_number} has no line {line_no}")
        self.upsert(
            GoodsReceiptLine,
            {"goods_receipt_id": receipt_id, "purchase_order_line_id": po_line_id},
            {"quantity": _req_decimal(row, "quantity")},
            need_id=False,
        )

    def stock_level(self, row: dict[str, str]) -> None:
        item_id = self.ref(self.items, _required(row, "sku"), "item")
        self.upsert(
            StockLevel,
            {"item_id": item_id, "location": _text(row, "location") or "main"},
            {"on_hand": _req_decimal(row, "on_hand"), "reserved": _decimal(row, "reserved") or Decimal(0)},
            need_id=False,
        )

    def demand(self, row: dict[str, str]) -> None:
        item_id = self.ref(self.items, _required(row, "sku"), "item")
        self.upsert(
            DemandHistory,
            {"item_id": item_id, "period_start": _date(row, "period_start")},
            {"quantity": _req_decimal(row, "quantity")},
            need_id=False,
        )

    def shift(self, row: dict[str, str]) -> None:
        self.upsert(
            RosterShift,
            {"erp_id": _required(row, "erp_id")},
            {
                "agent": _required(row, "agent"),
                "queue": _text(row, "queue"),
                "starts_at": _datetime(row, "starts_at"),
                "ends_at": _datetime(row, "ends_at"),
            },
            need_id=False,
        )


FILES: tuple[tuple[str, Callable[[_Loader, dict[str, str]], None]], ...] = (
    ("vendors.csv", _Loader.vendor),
    ("items.csv", _Loader.item),
    ("purchase_orders.csv", _Loader.purchase_order),
    ("purchase_order_lines.csv", _Loader.purchase_order_line),
    ("goods_receipts.csv", _Loader.goods_receipt),
    ("goods_receipt_lines.csv", _Loader.goods_receipt_line),
    ("stock_levels.csv", _Loader.stock_level),
    ("demand_history.csv", _Loader.demand),
    ("roster_shifts.csv", _Loader.shift),
)


def load_folder(session: Session, folder: Path) -> LoadReport:
    """Upsert every export found in `folder` into the mirror. Missing files are skipped."""
    loader = _Loader(session)
    loader.vendors = {v.erp_id: v.id for v in session.exec(select(Vendor)) if v.id is not None}
    loader.items = {i.sku: i.id for i in session.exec(select(Item)) if i.id is not None}
    loader.pos = {p.number: p.id for p in session.exec(select(PurchaseOrder)) if p.id is not None}
    loader.po_lines = {
        (line.purchase_order_id, line.line_no): line.id
        for line in session.exec(select(PurchaseOrderLine))
        if line.id is not None
    }
    loader.receipts = {
        r.erp_id: (r.id, r.purchase_order_id) for r in session.exec(select(GoodsReceipt)) if r.id is not None
    }
    for name, handle in FILES:
        path = folder / name
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8-sig") as handle_file:
            reader = csv.DictReader(handle_file)
            for row in reader:
                try:  # rows are validated before anything is written, so a bad row leaves no trace
                    handle(loader, row)
                except (_BadRow, ValueError) as error:
                    message = error.message if isinstance(error, _BadRow) else str(error)
                    loader.report.errors.append(RowError(file=name, line=reader.line_num, message=message))
    return loader.report
