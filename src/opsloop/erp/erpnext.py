"""ERPNext connector over the Frappe REST API, built from its documented API and tested against
recorded payloads only: it has not met a live ERPNext server yet.

Protocol: `GET /api/resource/<DocType>?fields=[...]&filters=[...]&limit_start=N&limit_page_length=M`
answers `{"data": [...]}` (a page shorter than M is the last); `GET /api/resource/<DocType>/<name>`
answers one document with its child tables (a purchase order's `items`, its `taxes`);
`POST /api/resource/<DocType>` creates one (`docstatus` 0 = draft). Every request carries
`Authorization: token <api_key>:<api_secret>` (OPSLOOP_ERP__PASSWORD holds `api_key:api_secret`).
`modified` is the local server time `YYYY-MM-DD HH:MM:SS.ffffff`, which sorts as text: it is the cursor.

Mirror keys: a vendor's `erp_id` is the Supplier's name (its ID), an item's is the item code (also the
SKU), a PO's is its name (also its number), a receipt's is `<Purchase Receipt name>:<PO name>` (one
receipt can bring goods of several POs; the mirror keeps one receipt per PO). Demand is read from the
Stock Ledger Entries of Delivery Notes. ERPNext's shifts are HR data: not pulled.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import httpx

from opsloop.erp.jsonrpc import http_call
from opsloop.erp.protocol import (
    ActionKind,
    ConnectorUnavailable,
    ErpAction,
    PushRejected,
    PushResult,
)
from opsloop.erp.records import (
    ErpCompany,
    ErpDemand,
    ErpGoodsReceipt,
    ErpGoodsReceiptLine,
    ErpItem,
    ErpPurchaseOrder,
    ErpPurchaseOrderLine,
    ErpStockLevel,
    ErpVendor,
    Pull,
    RecordType,
    ibans_text,
    pull_of,
)
from opsloop.erp.writeback import invoice_lines, net_line, po_numbers
from opsloop.erp.writeback import payload_number as number  # wire floats by their shortest text

_AFTER_INVOICE_DATE = "Day(s) after invoice date"
"""A Payment Terms Template Detail's `due_date_based_on` that counts days from the invoice date."""


class ErpNextRefused(Exception):
    """ERPNext answered a request with a 4xx other than 401/403 (a validation error, a missing document)."""


def text(value: Any) -> str | None:
    if value is None:
        return None
    stripped = str(value).strip()
    return stripped or None


def iso_date(value: Any) -> date | None:
    raw = text(value)
    return date.fromisoformat(raw[:10]) if raw else None


def newest_stamp(rows: list[dict[str, Any]], cursor: str | None) -> str | None:
    stamps = [str(r["modified"]) for r in rows if text(r.get("modified"))]
    if not stamps:
        return cursor
    newest = max(stamps)
    return newest if cursor is None or newest > cursor else cursor


def _po_status(order: dict[str, Any]) -> str:
    """Cancelled, closed, billed (`Completed`, or `per_billed` at 100 %), else by `per_received`."""
    if order.get("docstatus") == 2 or order.get("status") == "Cancelled":
        return "cancelled"
    if order.get("status") == "Closed":
        return "closed"
    if order.get("status") == "Completed" or (number(order.get("per_billed")) or Decimal(0)) >= 100:
        return "billed"
    received = number(order.get("per_received")) or Decimal(0)
    if received >= 100:
        return "received"
    return "partially_received" if received > 0 else "open"


def _item_tax(item: dict[str, Any], taxes: list[dict[str, Any]]) -> tuple[Decimal | None, str | None]:
    """A PO item's VAT rate and category: the document's "On Net Total" taxes, each at the rate the item's
    `item_tax_rate` (JSON, account head -> rate, from its Item Tax Template) gives for its account head, or
    the row's own. A tax both added and deducted at one rate is reverse charge (AE): the buyer owes it,
    the vendor charges none."""
    if not taxes:
        return None, None
    try:
        overrides = json.loads(item.get("item_tax_rate") or "{}")
    except (TypeError, ValueError):
        overrides = {}
    signed: dict[Decimal, int] = {}
    rate = Decimal(0)
    for tax in taxes:
        row_rate = number(overrides.get(tax.get("account_head"), tax.get("rate"))) or Decimal(0)
        sign = -1 if tax.get("add_deduct_tax") == "Deduct" else 1
        signed[row_rate] = signed.get(row_rate, 0) + sign
        rate += sign * row_rate
    if rate == 0 and any(r > 0 for r in signed) and all(n == 0 for n in signed.values()):
        return Decimal(0), "AE"
    return (rate, "S") if rate > 0 else (rate, None)


class ErpNextConnector:
    reversible = frozenset({ActionKind.HOLD_INVOICE, ActionKind.REJECT_INVOICE})
    """A hold or a rejection wrote nothing to ERPNext; a draft it created is cancelled there by a person."""

    def __init__(
        self,
        url: str,
        api_key: str,
        api_secret: str,
        *,
        timeout: float = 30.0,
        page_size: int = 500,
        name: str = "erpnext",
        charge_item_code: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.name = name
        # the non-stock Item that carries an invoice line no PO item stands for (freight, fees)
        self.charge_item_code = charge_item_code
        self.page_size = page_size
        self._client = httpx.Client(
            base_url=url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            headers={"Authorization": f"token {api_key}:{api_secret}", "Accept": "application/json"},
        )
        self._documents: dict[tuple[str, str], dict[str, Any]] = {}

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ transport

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        response = http_call(self._client, method, path, f"ERPNext at {self._client.base_url}", **kwargs)
        try:
            body = response.json()
        except ValueError as error:
            raise ConnectorUnavailable(f"ERPNext answered {path} with something that is not JSON") from error
        if response.status_code >= 400:
            detail = (
                body.get("exception") or body.get("exc_type") or body.get("message") or response.text[:200]
            )
            raise ErpNextRefused(f"HTTP {response.status_code}: {detail}")
        return body.get("data")

    def list_documents(
        self,
        doctype: str,
        fields: list[str],
        filters: list[Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Every matching document (list fields only), page by page, oldest name first."""
        rows: list[dict[str, Any]] = []
        start = 0
        while True:
            page = self._request(
                "GET",
                f"/api/resource/{quote(doctype)}",
                params={
                    "fields": json.dumps(fields),
                    "filters": json.dumps(filters or []),
                    "order_by": "creation asc",
                    "limit_start": start,
                    "limit_page_length": self.page_size,
                },
            )
            rows.extend(page or [])
            if len(page or []) < self.page_size:
                return rows
            start += self.page_size

    def get(self, doctype: str, name: str) -> dict[str, Any]:
        """One whole document with its child tables (cached for the connector's lifetime per pull)."""
        key = (doctype, name)
        if key not in self._documents:
            self._documents[key] = self._request(
                "GET", f"/api/resource/{quote(doctype)}/{quote(name, safe='')}"
            )
        return self._documents[key]

    # ------------------------------------------------------------------ pull

    def record_types(self) -> Sequence[RecordType]:
        return (
            RecordType.COMPANIES,
            RecordType.VENDORS,
            RecordType.ITEMS,
            RecordType.PURCHASE_ORDERS,
            RecordType.PURCHASE_ORDER_LINES,
            RecordType.GOODS_RECEIPTS,
            RecordType.GOODS_RECEIPT_LINES,
            RecordType.STOCK_LEVELS,
            RecordType.DEMAND_HISTORY,
        )

    @staticmethod
    def _since(cursor: str | None) -> list[Any]:
        return [["modified", ">=", cursor]] if cursor else []

    def pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        if record_type is RecordType.VENDORS:
            self._documents.clear()  # a new sync run reads documents afresh
        try:
            return self._pull(record_type, cursor)
        except ErpNextRefused as error:
            raise ConnectorUnavailable(f"ERPNext refused a read of {record_type.value}: {error}") from error

    def _pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        since = self._since(cursor)
        if record_type is RecordType.COMPANIES:
            rows = self.list_documents("Company", ["name", "company_name", "tax_id"], [])
            companies = [
                ErpCompany(
                    erp_id=r["name"],
                    name=text(r.get("company_name")) or r["name"],
                    vat_ids=text(r.get("tax_id")),
                )
                for r in rows
            ]  # who "we" are: every Company (a legal entity each), always the complete set
            return pull_of(record_type, companies, cursor=None, complete=True)
        if record_type is RecordType.VENDORS:
            return self._vendors(cursor, since)
        if record_type is RecordType.ITEMS:
            rows = self.list_documents(
                "Item",
                [
                    "name",
                    "item_code",
                    "item_name",
                    "item_group",
                    "purchase_uom",
                    "stock_uom",
                    "valuation_rate",
                    "min_order_qty",
                    "lead_time_days",
                    "modified",
                ],
                [["is_purchase_item", "=", 1], *since],
            )
            items = [
                ErpItem(
                    erp_id=r["name"],
                    sku=text(r.get("item_code")) or r["name"],
                    name=text(r.get("item_name")) or r["name"],
                    category=text(r.get("item_group")),
                    unit=text(r.get("purchase_uom")) or text(r.get("stock_uom")),
                    unit_cost=number(r.get("valuation_rate")) or None,
                    min_order_qty=number(r.get("min_order_qty")) or None,
                    lead_time_days=number(r.get("lead_time_days")) or None,
                )
                for r in rows
            ]
            return pull_of(record_type, items, cursor=newest_stamp(rows, cursor), complete=False)
        if record_type is RecordType.PURCHASE_ORDERS:
            rows = self._orders(since)
            orders = [
                ErpPurchaseOrder(
                    erp_id=r["name"],
                    number=r["name"],
                    vendor_erp_id=r["supplier"],
                    order_date=iso_date(r.get("transaction_date")),
                    currency=text(r.get("currency")),
                    status=_po_status(r),
                    payment_terms_days=self._term_days(text(r.get("payment_terms_template"))),
                )
                for r in rows
            ]
            return pull_of(record_type, orders, cursor=newest_stamp(rows, cursor), complete=not since)
        if record_type is RecordType.PURCHASE_ORDER_LINES:
            rows = self._orders(since)
            lines = [line for r in rows for line in self._order_lines(r["name"])]
            return pull_of(record_type, lines, cursor=newest_stamp(rows, cursor), complete=False)
        if record_type in (RecordType.GOODS_RECEIPTS, RecordType.GOODS_RECEIPT_LINES):
            return self._receipts(record_type, cursor, since)
        if record_type is RecordType.STOCK_LEVELS:
            bins = self.list_documents("Bin", ["item_code", "warehouse", "actual_qty", "reserved_qty"])
            levels = [
                ErpStockLevel(
                    sku=b["item_code"],
                    location=b["warehouse"],
                    on_hand=number(b.get("actual_qty")) or Decimal(0),
                    reserved=number(b.get("reserved_qty")),
                )
                for b in bins
            ]
            return pull_of(record_type, levels, cursor=None, complete=False)
        if record_type is RecordType.DEMAND_HISTORY:
            return self._demand()
        return Pull(record_type=record_type, rows=[], cursor=cursor)

    def _vendors(self, cursor: str | None, since: list[Any]) -> Pull:
        rows = self.list_documents(
            "Supplier",
            ["name", "supplier_name", "tax_id", "default_currency", "payment_terms", "modified"],
            [["disabled", "=", 0], *since],
        )
        accounts = (
            self.list_documents("Bank Account", ["party", "iban"], [["party_type", "=", "Supplier"]])
            if rows
            else []
        )
        ibans: dict[str, list[str]] = {}
        for account in accounts:  # every Bank Account of the supplier, in the order ERPNext lists them
            iban = text(account.get("iban"))
            if iban:
                ibans.setdefault(account["party"], []).append(iban)
        vendors = [
            ErpVendor(
                erp_id=r["name"],
                name=text(r.get("supplier_name")) or r["name"],
                vat_id=text(r.get("tax_id")),
                iban=ibans_text(ibans.get(r["name"], [])),
                currency=text(r.get("default_currency")),
                payment_terms_days=self._term_days(text(r.get("payment_terms"))),
            )
            for r in rows
        ]
        return pull_of(RecordType.VENDORS, vendors, cursor=newest_stamp(rows, cursor), complete=not since)

    def _term_days(self, template: str | None) -> int | None:
        """A Payment Terms Template as days after the invoice date, where it is one: a single term for
        100 % of the invoice due "Day(s) after invoice date" (its credit days). Instalments and terms
        counted from the end of the invoice month give none (the reconciler then invents no agreed date)."""
        if not template:
            return None
        terms = self.get("Payment Terms Template", template).get("terms") or []
        if len(terms) != 1:
            return None
        term = terms[0]
        whole = number(term.get("invoice_portion")) == Decimal(100)
        if not whole or term.get("due_date_based_on", _AFTER_INVOICE_DATE) != _AFTER_INVOICE_DATE:
            return None
        return int(number(term.get("credit_days")) or 0)

    def _orders(self, since: list[Any]) -> list[dict[str, Any]]:
        return self.list_documents(
            "Purchase Order",
            [
                "name",
                "supplier",
                "transaction_date",
                "currency",
                "status",
                "per_received",
                "per_billed",
                "docstatus",
                "payment_terms_template",
                "modified",
            ],
            [["docstatus", "in", [1, 2]], *since],
        )

    def _order_lines(self, po_name: str) -> list[ErpPurchaseOrderLine]:
        order = self.get("Purchase Order", po_name)
        taxes = [t for t in order.get("taxes") or [] if t.get("charge_type") == "On Net Total"]
        lines = []
        for item in order.get("items") or []:
            rate, code = _item_tax(item, taxes)
            unit, stock_unit = text(item.get("uom")), text(item.get("stock_uom"))
            factor = number(item.get("conversion_factor"))
            converts = bool(stock_unit and unit and stock_unit != unit and factor and factor != 1)
            lines.append(
                ErpPurchaseOrderLine(
                    po_number=po_name,
                    line_no=int(item["idx"]),
                    sku=text(item.get("item_code")),
                    description=text(item.get("description")) or text(item.get("item_name")),
                    quantity=number(item.get("qty")) or Decimal(0),
                    unit=unit,
                    unit_price=number(item.get("rate")) or Decimal(0),
                    tax_rate=rate,
                    tax_code=code,
                    stock_unit=stock_unit if converts else None,
                    conversion_factor=factor if converts else None,
                )
            )
        return lines

    def _receipts(self, record_type: RecordType, cursor: str | None, since: list[Any]) -> Pull:
        rows = self.list_documents(
            "Purchase Receipt", ["name", "posting_date", "modified"], [["docstatus", "=", 1], *since]
        )
        receipts: dict[str, ErpGoodsReceipt] = {}
        lines: list[ErpGoodsReceiptLine] = []
        for row in rows:
            document = self.get("Purchase Receipt", row["name"])
            quantities: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
            for item in document.get("items") or []:
                po_name, po_item = text(item.get("purchase_order")), text(item.get("purchase_order_item"))
                if po_name is None or po_item is None:
                    continue
                line_no = next(
                    (
                        int(i["idx"])
                        for i in self.get("Purchase Order", po_name).get("items") or []
                        if i.get("name") == po_item
                    ),
                    None,
                )
                if line_no is None:
                    continue
                received = iso_date(document.get("posting_date") or row.get("posting_date"))
                if received is None:
                    continue
                erp_id = f"{row['name']}:{po_name}"
                receipts[erp_id] = ErpGoodsReceipt(
                    erp_id=erp_id, number=row["name"], po_number=po_name, received_date=received
                )
                quantities[(erp_id, line_no)] += number(
                    item.get("received_qty") or item.get("qty")
                ) or Decimal(0)
            lines.extend(
                ErpGoodsReceiptLine(receipt_erp_id=erp_id, po_line_no=line_no, quantity=qty)
                for (erp_id, line_no), qty in quantities.items()
            )
        new_cursor = newest_stamp(rows, cursor)
        if record_type is RecordType.GOODS_RECEIPTS:
            return pull_of(record_type, list(receipts.values()), cursor=new_cursor, complete=not since)
        return pull_of(record_type, lines, cursor=new_cursor, complete=False)

    def _demand(self) -> Pull:
        entries = self.list_documents(
            "Stock Ledger Entry",
            ["item_code", "posting_date", "actual_qty"],
            [["voucher_type", "=", "Delivery Note"], ["is_cancelled", "=", 0]],
        )
        totals: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
        for entry in entries:
            day = iso_date(entry.get("posting_date"))
            if day is not None and entry.get("item_code"):
                totals[(entry["item_code"], day)] += -(number(entry.get("actual_qty")) or Decimal(0))
        demand = [
            ErpDemand(sku=sku, period_start=day, quantity=qty) for (sku, day), qty in sorted(totals.items())
        ]
        return pull_of(RecordType.DEMAND_HISTORY, demand, cursor=None, complete=False)

    # ------------------------------------------------------------------ push

    def push(self, action: ErpAction) -> PushResult:
        """POST_INVOICE: a draft Purchase Invoice (docstatus 0) with the invoice's own lines (a credit
        note's as a return, `is_return = 1`, with negative quantities); HOLD_INVOICE: nothing to write.
        The idempotency key is kept in the invoice's remarks, so the same key never creates a second
        invoice."""
        try:
            if action.kind is ActionKind.POST_INVOICE:
                return self._draft_invoice(action)
            if action.kind is ActionKind.HOLD_INVOICE:
                return PushResult(detail="held in opsloop; nothing to write to ERPNext until it is released")
            if action.kind is ActionKind.REJECT_INVOICE:
                return PushResult(detail="rejected in opsloop; ERPNext has no invoice to change")
            if action.kind is ActionKind.REVERSE_ACTION and action.payload.get("reverses_kind") in (
                ActionKind.HOLD_INVOICE.value,
                ActionKind.REJECT_INVOICE.value,
            ):
                return PushResult(detail="the reversed action wrote nothing to ERPNext; nothing to undo")
        except ErpNextRefused as error:
            raise PushRejected(f"ERPNext refused {action.kind.value}: {error}") from error
        raise PushRejected(f"the ERPNext connector cannot do {action.kind.value} yet")

    def _draft_invoice(self, action: ErpAction) -> PushResult:
        marker = f"opsloop:{action.idempotency_key}"
        existing = self.list_documents("Purchase Invoice", ["name"], [["remarks", "like", f"%{marker}%"]])
        if existing:
            return PushResult(
                external_id=existing[0]["name"], detail="already created (same idempotency key)"
            )
        payload = action.payload
        supplier = text(payload.get("vendor_erp_id"))
        if supplier is None:
            raise PushRejected("the action names no supplier; sync the vendors and check the match")
        numbers = [str(n) for n in payload.get("po_numbers") or []]
        items, orders = self._invoice_items(payload, numbers)
        if not items:
            raise PushRejected(
                "no invoice items: the payload has no lines and names no PO that has items in ERPNext"
            )
        currency = text(payload.get("currency")) or next(
            (c for c in (text(o.get("currency")) for o in orders) if c), None
        )
        credit_note = payload.get("action") == "book_credit_note"
        if credit_note:
            # ERPNext books a supplier credit note as a return (a debit note): `is_return = 1`, each
            # item's quantity negative, its rate positive, whatever sign the page printed
            for item in items:
                item["qty"] = -abs(item["qty"])
                item["rate"] = abs(item["rate"])
        document: dict[str, Any] = {
            "supplier": supplier,
            "bill_no": payload.get("invoice_number"),
            "remarks": f"{marker} (from opsloop; POs: {', '.join(numbers)})",
            "docstatus": 0,
            "items": items,
        }
        if credit_note:
            document["is_return"] = 1
        if currency:
            document["currency"] = currency
        if payload.get("invoice_date"):
            document["bill_date"] = str(payload["invoice_date"])
        created = self._request("POST", "/api/resource/Purchase%20Invoice", json=document)
        name = str(created["name"])
        kind = "Purchase Invoice return (debit note)" if credit_note else "Purchase Invoice"
        return PushResult(external_id=name, detail=f"draft {kind} {name} created in ERPNext")

    def _orders_named(self, numbers: list[str]) -> list[dict[str, Any]]:
        """The current Purchase Orders of these names (those ERPNext does not know are left out)."""
        orders = []
        for po_name in numbers:
            self._documents.pop(("Purchase Order", po_name), None)  # write from the current PO
            try:
                orders.append(self.get("Purchase Order", po_name))
            except ErpNextRefused:
                continue
        return orders

    def _invoice_items(
        self, payload: dict[str, Any], numbers: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The invoice's items and the POs they came from: the invoice's own lines from the payload
        (`lines`); a matched line is linked to its PO item (`purchase_order`, `po_detail`, the PO item's
        `item_code`), an unmatched one goes as the configured charge item (`charge_item_code`, a
        non-stock Item) with the line's text and 1 x its amount. Only a payload without `lines` (queued
        before lines were carried) gets the items of the POs it names."""
        lines = invoice_lines(payload)
        if lines is None:
            orders = self._orders_named(numbers)
            po_items = [
                {
                    "item_code": item["item_code"],
                    "qty": item["qty"],
                    "uom": item.get("uom"),
                    "rate": item["rate"],
                    "purchase_order": order["name"],
                    "po_detail": item["name"],
                }
                for order in orders
                for item in order.get("items") or []
            ]
            return po_items, orders
        orders = self._orders_named(po_numbers({**payload, "po_numbers": numbers}, lines))
        by_number = {
            (str(order["name"]), int(item["idx"])): (str(order["name"]), item)
            for order in orders
            for item in order.get("items") or []
        }
        items: list[dict[str, Any]] = []
        for line in lines:
            found = by_number.get(line.po_ref) if line.po_ref is not None else None
            if found is not None:
                po_name, po_item = found
                quantity = (
                    line.quantity if line.quantity is not None else number(po_item.get("qty")) or Decimal(0)
                )
                items.append(
                    {
                        "item_code": po_item["item_code"],
                        "qty": float(quantity),  # the REST API's wire format: JSON numbers
                        "uom": po_item.get("uom"),
                        "rate": float(line.price_per(quantity, number(po_item.get("rate"))) or 0),
                        "purchase_order": po_name,
                        "po_detail": po_item["name"],
                    }
                )
                continue
            amount = line.unmatched_amount()
            items.append(
                self._charge_item(line.label, line.description or f"invoice line {line.position}", amount)
            )
        whole = net_line(payload) if not items else None
        if whole is not None:
            items.append(self._charge_item(whole.description, whole.description, whole.amount))
        return items, orders

    def _charge_item(self, label: str, description: str, amount: Decimal) -> dict[str, Any]:
        """A line no PO item stands for, as the configured non-stock charge item (ERPNext fills its
        unit and expense account from the Item) with the invoice's text: 1 x the amount."""
        if self.charge_item_code is None:
            raise PushRejected(
                f"{label} matches no PO item, and ERPNext needs an Item for it: create a non-stock Item "
                "for invoice charges (Maintain Stock off, with an expense account in its defaults) and "
                "set its code as OPSLOOP_ERP__CHARGE_ITEM"
            )
        return {
            "item_code": self.charge_item_code,
            "item_name": description[:140],
            "description": description,
            "qty": 1.0,
            "rate": float(amount),
        }
