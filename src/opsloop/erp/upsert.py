"""The mirror writer: ERP rows (the documented export columns) upserted into the mirror tables by
their natural keys. Loading the same rows twice changes nothing. A row that cannot be read is
reported with its source and line; the rest is still imported. Used by every connector via sync.

Conflicts: the ERP is the system of record, so its values overwrite the mirror's. A row whose natural
key is already taken by a different ERP record (a PO number or SKU reused under another id) is not
applied and is reported as a conflict.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, col, delete, select

from opsloop.erp.records import Pull, RecordType
from opsloop.erp.tabular import fold_header
from opsloop.errors import OpsloopError
from opsloop.store.tables import (
    Company,
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
from opsloop.store.types import utcnow


class RowError(BaseModel):
    file: str
    line: int
    message: str


class LoadReport(BaseModel):
    created: dict[str, int] = {}
    updated: dict[str, int] = {}
    deleted: dict[str, int] = {}
    """Rows the ERP no longer has (vendors deactivated, POs cancelled, receipts and shifts removed)."""
    errors: list[RowError] = []
    notes: list[str] = []
    """What the sources noticed that is no error (a file read as Windows-1252, columns ignored)."""

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.deleted.values())

    def merge(self, other: LoadReport) -> None:
        for mine, theirs in (
            (self.created, other.created),
            (self.updated, other.updated),
            (self.deleted, other.deleted),
        ):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        self.errors.extend(other.errors)
        self.notes.extend(other.notes)


class BadRow(OpsloopError):
    """One ERP row that cannot be applied (the message says which column and why)."""


def _text(row: dict[str, str], name: str) -> str | None:
    value = (row.get(name) or "").strip()
    return value or None


PO_STATUSES = ("open", "partially_received", "received", "billed", "closed", "cancelled")
"""The mirror's PO statuses (docs/erp.md); any other is kept as the ERP wrote it and takes no invoice."""


@cache
def _status_words() -> dict[str, str]:
    """Folded status word -> the mirror's status, from lexicon/po_statuses.toml."""
    path = Path(__file__).with_name("lexicon") / "po_statuses.toml"
    table: dict[str, str] = {status: status for status in PO_STATUSES}
    for status, entry in tomllib.loads(path.read_text(encoding="utf-8")).items():
        if status == "version":
            continue
        if status not in PO_STATUSES:
            raise ValueError(f"lexicon/po_statuses.toml: {status!r} is no PO status of the mirror")
        for word in entry["words"]:
            table[fold_header(word)] = status
    return table


def _status(row: dict[str, str]) -> str:
    """A PO status in the mirror's words ("Partially received", "teilweise geliefert", "Storniert"); a word
    the lexicon does not know is kept folded (lower case, spaces as underscores): such a PO takes no invoice."""
    folded = fold_header(_text(row, "status") or "open")
    return _status_words().get(folded, folded)


def _positive(row: dict[str, str], name: str) -> Decimal | None:
    value = _decimal(row, name)
    if value is not None and value <= 0:
        raise BadRow(f"column {name!r}: {value} is not a positive number")
    return value


def _required(row: dict[str, str], name: str) -> str:
    value = _text(row, name)
    if value is None:
        raise BadRow(f"column {name!r} is empty")
    return value


def _decimal(row: dict[str, str], name: str) -> Decimal | None:
    value = _text(row, name)
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise BadRow(f"column {name!r}: {value!r} is not a number") from error


def _req_decimal(row: dict[str, str], name: str) -> Decimal:
    value = _decimal(row, name)
    if value is None:
        raise BadRow(f"column {name!r} is empty")
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
        raise BadRow(f"column {name!r}: {value!r} is not an ISO date (YYYY-MM-DD)") from error


CONFIGURED_PREFIX = "config:"
"""The `erp_id` prefix of the companies the configured identity file lists (not the ERP's)."""


def _listed(row: dict[str, str], name: str) -> list[str]:
    """A column listing several values separated by ';' (names, VAT ids), each stripped, none empty."""
    return list(dict.fromkeys(part.strip() for part in (_text(row, name) or "").split(";") if part.strip()))


IBAN_SEPARATORS = re.compile(r"[;,|\n]+")
"""What separates the IBANs of a vendor's `iban` column (a space groups one IBAN's characters)."""


def ibans_of(value: str | None) -> list[str]:
    """The IBANs an `iban` value lists (one, or several separated by `;`), normalised: upper case,
    letters and digits only; the order kept (the ERP's first is the account it pays on)."""
    found = (re.sub(r"[^0-9A-Z]", "", part.upper()) for part in IBAN_SEPARATORS.split(value or ""))
    return list(dict.fromkeys(iban for iban in found if iban))


def normalised_vat(value: str) -> str:
    """A VAT id as compared: upper case, without spaces, dots and dashes."""
    return "".join(ch for ch in value.upper() if ch not in " .-/")


def _datetime(row: dict[str, str], name: str) -> datetime:
    value = _required(row, name)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise BadRow(f"column {name!r}: {value!r} is not an ISO 8601 timestamp") from error
    if parsed.tzinfo is None:
        raise BadRow(f"column {name!r}: {value!r} has no UTC offset")
    return parsed


@dataclass
class MirrorWriter:
    session: Session
    report: LoadReport = field(default_factory=LoadReport)
    vendors: dict[str, int] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)
    pos: dict[str, int] = field(default_factory=dict)
    receipts: dict[str, tuple[int, int]] = field(default_factory=dict)
    po_lines: dict[tuple[int, int], int] = field(default_factory=dict)
    rows: dict[str, dict[tuple[Any, ...], SQLModel]] = field(default_factory=dict)
    touched_po_numbers: set[str] = field(default_factory=set)
    """POs whose order or receipt data was created or changed (held invoices quoting them are re-checked)."""
    amended_po_numbers: set[str] = field(default_factory=set)
    """POs known before this sync whose lines changed quantity or unit price, or gained a line (an amended
    order): invoices already matched to them, even approved ones, are checked again."""
    touched_vendor_ids: set[int] = field(default_factory=set)
    companies_changed: bool = False
    """Whether who "we" are changed (a company created, changed or no longer listed)."""
    changed: bool = False
    """Whether the last `upsert` created or changed its row."""
    vendor_ibans: dict[str, list[str]] = field(default_factory=dict)
    """erp_id -> every IBAN the vendor rows of the pull being applied list for it (an export with one
    row per bank account repeats the vendor)."""
    changed_fields: set[str] = field(default_factory=set)
    """The fields the last `upsert` changed on a row that existed (empty for a row it created)."""
    known_po_ids: set[int] = field(default_factory=set)
    """The POs the mirror held when the writer was opened."""

    @classmethod
    def open(cls, session: Session) -> MirrorWriter:
        """A writer that knows the mirror's current keys (so rows may reference earlier syncs)."""
        writer = cls(session)
        writer.vendors = {v.erp_id: v.id for v in session.exec(select(Vendor)) if v.id is not None}
        writer.items = {i.sku: i.id for i in session.exec(select(Item)) if i.id is not None}
        writer.pos = {p.number: p.id for p in session.exec(select(PurchaseOrder)) if p.id is not None}
        writer.known_po_ids = set(writer.pos.values())
        writer.po_lines = {
            (line.purchase_order_id, line.line_no): line.id
            for line in session.exec(select(PurchaseOrderLine))
            if line.id is not None
        }
        writer.receipts = {
            r.erp_id: (r.id, r.purchase_order_id)
            for r in session.exec(select(GoodsReceipt))
            if r.id is not None
        }
        return writer

    def apply(self, pull: Pull) -> None:
        """Upsert every row of `pull`; a bad row becomes a RowError (with its line) and is skipped."""
        handle = HANDLERS[pull.record_type]
        self.report.notes.extend(pull.notes)
        if pull.record_type is RecordType.VENDORS:
            self.vendor_ibans = {}
            for index, row in enumerate(pull.rows):
                if index not in pull.row_errors:
                    found = self.vendor_ibans.setdefault((row.get("erp_id") or "").strip(), [])
                    found.extend(i for i in ibans_of(row.get("iban")) if i not in found)
        for index, row in enumerate(pull.rows):
            line = pull.line_numbers[index] if pull.line_numbers is not None else index + 1
            try:  # rows are validated before anything is written, so a bad row leaves no trace
                if index in pull.row_errors:
                    raise BadRow(pull.row_errors[index])
                handle(self, row)
            except (BadRow, ValueError) as error:
                message = error.message if isinstance(error, BadRow) else str(error)
                self.report.errors.append(
                    RowError(file=pull.source or pull.record_type.value, line=line, message=message)
                )

    def remove_missing(self, pull: Pull) -> None:
        """`pull` is the ERP's complete set: what the mirror has beyond it was deleted in the ERP.
        Vendors are deactivated and POs cancelled (invoices refer to them); receipts and shifts go."""
        present = {row.get("erp_id", "").strip() for row in pull.rows}
        if pull.record_type is RecordType.VENDORS:
            for vendor in self.session.exec(select(Vendor).where(col(Vendor.active))):
                if vendor.erp_id not in present:
                    vendor.active = False
                    self.session.add(vendor)
                    self._count_deleted("vendors")
                    if vendor.id is not None:
                        self.touched_vendor_ids.add(vendor.id)
        elif pull.record_type is RecordType.PURCHASE_ORDERS:
            for order in self.session.exec(select(PurchaseOrder).where(PurchaseOrder.status != "cancelled")):
                if order.erp_id not in present:
                    order.status = "cancelled"
                    self.session.add(order)
                    self._count_deleted("purchase_orders")
                    self.touched_po_numbers.add(order.number)
        elif pull.record_type is RecordType.GOODS_RECEIPTS:
            numbers = {po_id: number for number, po_id in self.pos.items()}
            for receipt in self.session.exec(select(GoodsReceipt)):
                if receipt.erp_id not in present and receipt.id is not None:
                    self.session.exec(
                        delete(GoodsReceiptLine).where(col(GoodsReceiptLine.goods_receipt_id) == receipt.id)
                    )
                    self.session.delete(receipt)
                    self.receipts.pop(receipt.erp_id, None)
                    self.rows.pop("goods_receipt_lines", None)
                    self._count_deleted("goods_receipts")
                    if receipt.purchase_order_id in numbers:
                        self.touched_po_numbers.add(numbers[receipt.purchase_order_id])
        elif pull.record_type is RecordType.COMPANIES:
            self.deactivate_companies(present, configured=False)
        elif pull.record_type is RecordType.ROSTER_SHIFTS:
            for shift in self.session.exec(select(RosterShift)):
                if shift.erp_id not in present:
                    self.session.delete(shift)
                    self._count_deleted("roster_shifts")
        self.session.flush()

    def deactivate_companies(self, present: set[str], *, configured: bool) -> None:
        """Companies of one origin (the ERP's, or the configured identity's `config:` ones) that are no
        longer listed stop being ours."""
        for company in self.session.exec(select(Company).where(col(Company.active))):
            if company.erp_id.startswith(CONFIGURED_PREFIX) == configured and company.erp_id not in present:
                company.active = False
                company.updated_at = utcnow()
                self.session.add(company)
                self._count_deleted("companies")
                self.companies_changed = True

    def _count_deleted(self, table: str) -> None:
        self.report.deleted[table] = self.report.deleted.get(table, 0) + 1

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
            self.changed = True
            self.changed_fields = set()
            return row
        changed = False
        self.changed_fields = set()
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
                self.changed_fields.add(name)
        if changed:
            if hasattr(row, "updated_at"):
                row.updated_at = utcnow()
            self.report.updated[table] = self.report.updated.get(table, 0) + 1
            self.session.add(row)
        self.changed = changed
        return row

    def unique(self, model: type[SQLModel], column: str, value: Any, erp_id: str, what: str) -> None:
        """Refuse a row whose natural key belongs to another ERP record (a conflict)."""
        table: Any = model
        other: Any = self.session.exec(
            select(model).where(getattr(table, column) == value, table.erp_id != erp_id)
        ).first()
        if other is not None:
            raise BadRow(
                f"conflict: {what} {value!r} already belongs to ERP record {other.erp_id!r}, "
                f"not {erp_id!r}; fix it in the ERP (or delete the old mirror row) and sync again"
            )

    def ref(self, mapping: dict[Any, int], key: Any, what: str) -> int:
        if key not in mapping:
            raise BadRow(f"unknown {what} {key!r}")
        return mapping[key]

    # one method per file, in dependency order ----------------------------------------------

    def vendor(self, row: dict[str, str]) -> None:
        erp_id = _required(row, "erp_id")
        ibans = self.vendor_ibans.get(erp_id) or ibans_of(row.get("iban"))
        saved = self.upsert(
            Vendor,
            {"erp_id": erp_id},
            {
                "name": _required(row, "name"),
                "vat_id": _text(row, "vat_id"),
                "iban": ibans[0] if ibans else None,
                "ibans": ibans,
                "address": _text(row, "address"),
                "currency": _text(row, "currency"),
                "payment_terms_days": _int(row, "payment_terms_days"),
                "active": True,
            },
        )
        self.vendors[erp_id] = saved.id  # type: ignore[attr-defined]
        if self.changed:
            self.touched_vendor_ids.add(saved.id)  # type: ignore[attr-defined]

    def item(self, row: dict[str, str]) -> None:
        sku = _required(row, "sku")
        erp_id = _required(row, "erp_id")
        self.unique(Item, "sku", sku, erp_id, "SKU")
        saved = self.upsert(
            Item,
            {"erp_id": erp_id},
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
        erp_id = _required(row, "erp_id")
        self.unique(PurchaseOrder, "number", number, erp_id, "PO number")
        saved = self.upsert(
            PurchaseOrder,
            {"erp_id": erp_id},
            {
                "number": number,
                "vendor_id": self.ref(self.vendors, _required(row, "vendor_erp_id"), "vendor"),
                "order_date": _date(row, "order_date"),
                "currency": _text(row, "currency"),
                "status": (status := _status(row)),
                "payment_terms_days": _int(row, "payment_terms_days"),
            },
        )
        if status not in PO_STATUSES:
            self.report.notes.append(
                f"PO {number}: status {_text(row, 'status')!r} is not one opsloop knows "
                f"({', '.join(PO_STATUSES)}); the PO takes no invoice until the ERP's word is added to "
                "erp/lexicon/po_statuses.toml"
            )
        self.pos[number] = saved.id  # type: ignore[attr-defined]
        if self.changed:
            self.touched_po_numbers.add(number)

    def purchase_order_line(self, row: dict[str, str]) -> None:
        po_number = _required(row, "po_number")
        po_id = self.ref(self.pos, po_number, "purchase order")
        line_no = _int(row, "line_no")
        if line_no is None:
            raise BadRow("column 'line_no' is empty")
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
                "tax_code": (_text(row, "tax_code") or "").upper() or None,
                "stock_unit": _text(row, "stock_unit"),
                "conversion_factor": _positive(row, "conversion_factor"),
            },
        )
        known = (po_id, line_no) in self.po_lines
        self.po_lines[(po_id, line_no)] = saved.id  # type: ignore[attr-defined]
        if self.changed:
            self.touched_po_numbers.add(po_number)
            if po_id in self.known_po_ids and (
                not known or self.changed_fields & {"quantity", "unit_price", "conversion_factor"}
            ):
                self.amended_po_numbers.add(po_number)

    def goods_receipt(self, row: dict[str, str]) -> None:
        erp_id = _required(row, "erp_id")
        received = _date(row, "received_date")
        if received is None:
            raise BadRow("column 'received_date' is empty")
        po_number = _required(row, "po_number")
        po_id = self.ref(self.pos, po_number, "purchase order")
        saved = self.upsert(
            GoodsReceipt,
            {"erp_id": erp_id},
            {"number": _required(row, "number"), "purchase_order_id": po_id, "received_date": received},
        )
        self.receipts[erp_id] = (saved.id, po_id)  # type: ignore[attr-defined]
        if self.changed:
            self.touched_po_numbers.add(po_number)

    def goods_receipt_line(self, row: dict[str, str]) -> None:
        receipt_id, po_id = self.receipts.get(_required(row, "receipt_erp_id"), (None, None))
        if receipt_id is None or po_id is None:
            raise BadRow(f"unknown goods receipt {row.get('receipt_erp_id')!r}")
        line_no = _int(row, "po_line_no")
        po_line_id = self.po_lines.get((po_id, line_no or 0))
        if po_line_id is None:
            po_number = next((number for number, pid in self.pos.items() if pid == po_id), po_id)
            raise BadRow(f"purchase order {po_number} has no line {line_no}")
        self.upsert(
            GoodsReceiptLine,
            {"goods_receipt_id": receipt_id, "purchase_order_line_id": po_line_id},
            {"quantity": _req_decimal(row, "quantity")},
            need_id=False,
        )
        if self.changed:
            self.touched_po_numbers.update(number for number, pid in self.pos.items() if pid == po_id)

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

    def company(self, row: dict[str, str]) -> None:
        erp_id = _required(row, "erp_id")
        vat_ids = [normalised_vat(v) for v in _listed(row, "vat_ids")]
        self.upsert(
            Company,
            {"erp_id": erp_id},
            {
                "name": _required(row, "name"),
                "aliases": _listed(row, "aliases"),
                "vat_ids": list(dict.fromkeys(v for v in vat_ids if v)),
                "address": _text(row, "address"),
                "active": True,
            },
            need_id=False,
        )
        self.companies_changed = self.companies_changed or self.changed

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


HANDLERS: dict[RecordType, Callable[[MirrorWriter, dict[str, str]], None]] = {
    RecordType.VENDORS: MirrorWriter.vendor,
    RecordType.ITEMS: MirrorWriter.item,
    RecordType.PURCHASE_ORDERS: MirrorWriter.purchase_order,
    RecordType.PURCHASE_ORDER_LINES: MirrorWriter.purchase_order_line,
    RecordType.GOODS_RECEIPTS: MirrorWriter.goods_receipt,
    RecordType.GOODS_RECEIPT_LINES: MirrorWriter.goods_receipt_line,
    RecordType.STOCK_LEVELS: MirrorWriter.stock_level,
    RecordType.DEMAND_HISTORY: MirrorWriter.demand,
    RecordType.ROSTER_SHIFTS: MirrorWriter.shift,
    RecordType.COMPANIES: MirrorWriter.company,
}
