"""What connectors pull: ERP records keyed by the ERP's own identifiers, before they reach the mirror.

Every connector (folder, SQL, Tryton, Odoo, ERPNext) produces these; `opsloop.erp.sync` upserts them.
Their fields are the documented export columns of the folder connector (fixtures/README.md), so one
validation path serves every source: a record is turned into such a row and read by the mirror writer,
which reports a bad record with its position and imports the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class RecordType(StrEnum):
    """Record types in dependency order (a PO needs its vendor, a receipt its PO)."""

    COMPANIES = "companies"
    """The legal entities the ERP books for ("we"): who invoices must be addressed to."""
    VENDORS = "vendors"
    ITEMS = "items"
    PURCHASE_ORDERS = "purchase_orders"
    PURCHASE_ORDER_LINES = "purchase_order_lines"
    GOODS_RECEIPTS = "goods_receipts"
    GOODS_RECEIPT_LINES = "goods_receipt_lines"
    STOCK_LEVELS = "stock_levels"
    DEMAND_HISTORY = "demand_history"
    ROSTER_SHIFTS = "roster_shifts"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_row(self) -> dict[str, str]:
        """The record as an export row: every value as exact text ('' for none)."""
        return {name: _text(value) for name, value in self.model_dump().items()}


def ibans_text(ibans: Iterable[str | None]) -> str | None:
    """A vendor's bank accounts as its `iban` column: each without spaces, `; `-separated, in the ERP's
    order, none repeated (None when it has none)."""
    found = dict.fromkeys("".join(i.split()).upper() for i in ibans if i and i.strip())
    return "; ".join(found) or None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


class ErpVendor(_Record):
    erp_id: str
    name: str
    vat_id: str | None = None
    iban: str | None = None
    """The vendor's IBAN, or every one of its bank accounts separated by `;` (the one the ERP pays on
    first): `ibans_text` writes them so."""
    address: str | None = None
    currency: str | None = None
    payment_terms_days: int | None = None


class ErpItem(_Record):
    erp_id: str
    sku: str
    name: str
    category: str | None = None
    unit: str | None = None
    unit_cost: Decimal | None = None
    pack_size: Decimal | None = None
    min_order_qty: Decimal | None = None
    lead_time_days: Decimal | None = None
    lead_time_std_days: Decimal | None = None
    ordering_cost: Decimal | None = None
    holding_cost_rate: Decimal | None = None
    preferred_vendor_erp_id: str | None = None


class ErpPurchaseOrder(_Record):
    erp_id: str
    number: str
    vendor_erp_id: str
    order_date: date | None = None
    currency: str | None = None
    status: str = "open"
    """open | partially_received | received | billed | closed | cancelled (billed: invoiced in full;
    closed, cancelled: nothing more may be billed)"""
    payment_terms_days: int | None = None
    """The payment term agreed on this PO (days after the invoice date): it wins over the vendor's default."""


class ErpPurchaseOrderLine(_Record):
    po_number: str
    line_no: int
    sku: str | None = None
    description: str | None = None
    quantity: Decimal
    unit: str | None = None
    unit_price: Decimal
    tax_rate: Decimal | None = None
    """Percent (19 = 19 %)."""
    tax_code: str | None = None
    """VAT category (UNCL 5305): S standard, Z zero rated, E exempt, AE reverse charge, K intra-community
    supply, G export, O outside the scope."""
    stock_unit: str | None = None
    """The item's stock unit the ERP converts the PO unit into (with `conversion_factor`)."""
    conversion_factor: Decimal | None = None
    """Stock units in one PO unit: 12 for a box of 12 pieces."""


class ErpGoodsReceipt(_Record):
    erp_id: str
    number: str
    po_number: str
    received_date: date


class ErpGoodsReceiptLine(_Record):
    receipt_erp_id: str
    po_line_no: int
    quantity: Decimal


class ErpStockLevel(_Record):
    sku: str
    location: str = "main"
    on_hand: Decimal
    reserved: Decimal | None = None


class ErpDemand(_Record):
    sku: str
    period_start: date
    quantity: Decimal


class ErpShift(_Record):
    erp_id: str
    agent: str
    queue: str | None = None
    starts_at: datetime
    ends_at: datetime


class ErpCompany(_Record):
    """One legal entity of ours (the ERP's company record). Several names and VAT ids are separated by
    ';' (an export column holds text)."""

    erp_id: str
    name: str
    aliases: str | None = None
    """Other names invoices may be addressed to: trading names, former names ("A GmbH; B GmbH")."""
    vat_ids: str | None = None
    """Its VAT ids, one per country it is registered in ("DE123456789; ATU12345678")."""
    address: str | None = None


ErpRecord = (
    ErpVendor
    | ErpItem
    | ErpPurchaseOrder
    | ErpPurchaseOrderLine
    | ErpGoodsReceipt
    | ErpGoodsReceiptLine
    | ErpStockLevel
    | ErpDemand
    | ErpShift
    | ErpCompany
)

RECORD_CLASSES: dict[RecordType, type[_Record]] = {
    RecordType.VENDORS: ErpVendor,
    RecordType.ITEMS: ErpItem,
    RecordType.PURCHASE_ORDERS: ErpPurchaseOrder,
    RecordType.PURCHASE_ORDER_LINES: ErpPurchaseOrderLine,
    RecordType.GOODS_RECEIPTS: ErpGoodsReceipt,
    RecordType.GOODS_RECEIPT_LINES: ErpGoodsReceiptLine,
    RecordType.STOCK_LEVELS: ErpStockLevel,
    RecordType.DEMAND_HISTORY: ErpDemand,
    RecordType.ROSTER_SHIFTS: ErpShift,
    RecordType.COMPANIES: ErpCompany,
}


class Pull(BaseModel):
    """What a connector returns for one record type: rows (export-column dicts, so a malformed row
    from a file can still be reported with its line), the cursor to resume from next time, and
    whether the rows are the ERP's complete set (then what is missing was deleted in the ERP)."""

    record_type: RecordType
    rows: list[dict[str, str]]
    line_numbers: list[int] | None = None
    """Where each row came from (file line), when the source has lines."""
    row_errors: dict[int, str] = {}
    """Row index -> why the source could not read a value of it (reported as that row's error)."""
    notes: list[str] = []
    """What the source noticed that the user should know (an encoding fallback, ignored columns)."""
    source: str = ""
    """File or endpoint named in row errors."""
    cursor: str | None = None
    complete: bool = False


def pull_of(
    record_type: RecordType, records: list[Any], *, cursor: str | None, complete: bool, source: str = ""
) -> Pull:
    """A Pull from typed records."""
    return Pull(
        record_type=record_type,
        rows=[record.to_row() for record in records],
        cursor=cursor,
        complete=complete,
        source=source or record_type.value,
    )
