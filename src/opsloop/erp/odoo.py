"""Odoo connector over the external JSON-RPC API (`POST <url>/jsonrpc`), built from Odoo's documented
external API and tested against recorded payloads only: it has not met a live Odoo server yet.

Protocol: every call is `{"jsonrpc": "2.0", "method": "call", "params": {"service", "method", "args"}}`;
`common.login(db, login, password)` answers the user id (false when refused); model calls are
`object.execute_kw(db, uid, password, model, method, args, kwargs)`. Lists are read with `search_read`
(`domain`, `fields`, `offset`, `limit`, `order`) page by page. A many2one comes back as `[id, "name"]`,
an empty value as `false`, numbers as floats, timestamps as `"YYYY-MM-DD HH:MM:SS"` (UTC).

Field names are Odoo 17's (`stock.move.quantity`, `purchase.order.receipt_status`,
`purchase.order.invoice_status`, `purchase.order.line.taxes_id`, `account.tax.invoice_repartition_line_ids`,
`uom.uom.factor`). A PO's status: cancelled; billed when `invoice_status` is `invoiced`; else its receipt
status (a locked order, state `done`, can still be billed). A PO line's VAT: its percentage taxes' rate
and category (UNCL 5305): reverse charge (AE, rate 0) when a tax's repartition books +x % and -x % (the
tax is due by the buyer), standard (S) for a positive rate. Its unit conversion: the product's unit
(`uom_id`) in PO units, from the two units' factors. Mirror keys: a vendor's `erp_id` is the partner id, an item's is
`product-<id>` with the internal reference (`default_code`) as SKU, a PO's is `purchase-<id>` with its
name as number, a receipt's is `picking-<id>`. Odoo has no support roster here: shifts are not pulled.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from opsloop.erp.jsonrpc import RpcError, http_call
from opsloop.erp.protocol import (
    ActionKind,
    ConnectorAuthFailed,
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

PO_STATES = ["purchase", "done", "cancel"]
"""Confirmed orders (drafts and RFQs are not orders yet)."""
_RECEIPT_STATUS = {"full": "received", "partial": "partially_received", "pending": "open"}


def text(value: Any) -> str | None:
    """A char field: None for Odoo's `false` and for blanks."""
    if value is None or value is False:
        return None
    stripped = str(value).strip()
    return stripped or None


def ref_id(value: Any) -> int | None:
    """The id of a many2one (`[id, "name"]`), None for false."""
    return int(value[0]) if isinstance(value, list) and value else None


def ref_name(value: Any) -> str | None:
    return text(value[1]) if isinstance(value, list) and len(value) > 1 else None


def odoo_date(value: Any) -> date | None:
    """A date or the date part of a datetime (`YYYY-MM-DD[ HH:MM:SS]`)."""
    raw = text(value)
    return date.fromisoformat(raw[:10]) if raw else None


def newest_stamp(rows: list[dict[str, Any]], cursor: str | None) -> str | None:
    """The largest `write_date` seen (Odoo's timestamps sort as text), or the old cursor."""
    stamps = [str(r["write_date"]) for r in rows if text(r.get("write_date"))]
    if not stamps:
        return cursor
    newest = max(stamps)
    return newest if cursor is None or newest > cursor else cursor


def _line_tax(taxes: list[tuple[Decimal, bool]]) -> tuple[Decimal | None, str | None]:
    """A PO line's VAT rate and category from its taxes: reverse charge (AE) charges the vendor none."""
    if not taxes:
        return None, None
    if any(reverse for _, reverse in taxes):
        return Decimal(0), "AE"
    rate = sum((r for r, _ in taxes), Decimal(0))
    return rate, "S" if rate > 0 else None


def _auth_refused(error: Any) -> bool:
    data = error.get("data") if isinstance(error, dict) else None
    name = str((data or {}).get("name") or "") if isinstance(data, dict) else ""
    return name.endswith("AccessDenied")


class OdooConnector:
    reversible = frozenset({ActionKind.HOLD_INVOICE, ActionKind.REJECT_INVOICE})
    """A hold or a rejection wrote nothing to Odoo; a draft it created is cancelled there by a person."""

    def __init__(
        self,
        url: str,
        database: str,
        user: str,
        password: str,
        *,
        timeout: float = 30.0,
        page_size: int = 500,
        name: str = "odoo",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.name = name
        self.database = database
        self.user = user
        self._password = password
        self.page_size = page_size
        self._client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout, transport=transport)
        self._uid: int | None = None
        self._ids = 0

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ transport

    def _rpc(self, service: str, method: str, *args: Any) -> Any:
        self._ids += 1
        response = http_call(
            self._client,
            "POST",
            "/jsonrpc",
            f"Odoo at {self._client.base_url}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": list(args)},
                "id": self._ids,
            },
        )
        try:
            body = response.json()
        except ValueError as error:
            raise ConnectorUnavailable(
                f"Odoo answered {service}.{method} with something that is not JSON"
            ) from error
        if body.get("error"):
            if _auth_refused(body["error"]):
                raise ConnectorAuthFailed(
                    f"Odoo refused the credentials of {self.user!r}: {RpcError.describe(body['error'])}"
                )
            raise RpcError(body["error"])
        return body.get("result")

    def login(self) -> int:
        uid = self._rpc("common", "login", self.database, self.user, self._password)
        if not uid:
            raise ConnectorAuthFailed(
                f"Odoo refused the login of {self.user!r} on database {self.database!r}"
            )
        self._uid = int(uid)
        return self._uid

    def execute(self, model: str, method: str, args: list[Any], kwargs: dict[str, Any] | None = None) -> Any:
        """`object.execute_kw(db, uid, password, model, method, args, kwargs)`, logging in first."""
        uid = self._uid if self._uid is not None else self.login()
        return self._rpc(
            "object", "execute_kw", self.database, uid, self._password, model, method, args, kwargs or {}
        )

    def search_read(self, model: str, domain: list[Any], fields: list[str]) -> list[dict[str, Any]]:
        """Every matching record, page by page (ordered by id)."""
        rows: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = self.execute(
                model,
                "search_read",
                [domain],
                {"fields": fields, "offset": offset, "limit": self.page_size, "order": "id asc"},
            )
            rows.extend(page)
            if len(page) < self.page_size:
                return rows
            offset += self.page_size

    def read(self, model: str, ids: Sequence[int], fields: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        return list(self.execute(model, "read", [sorted(set(ids))], {"fields": fields}))

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
        # `>=`: a record written later in the cursor's own second is not missed (re-reading is harmless)
        return [["write_date", ">=", cursor]] if cursor else []

    def pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        try:
            return self._pull(record_type, cursor)
        except RpcError as error:
            raise ConnectorUnavailable(f"Odoo refused a read of {record_type.value}: {error}") from error

    def _pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        since = self._since(cursor)
        if record_type is RecordType.COMPANIES:
            return self._companies()
        if record_type is RecordType.VENDORS:
            return self._vendors(cursor, since)
        if record_type is RecordType.ITEMS:
            return self._items(cursor, since)
        if record_type is RecordType.PURCHASE_ORDERS:
            rows = self._orders(since)
            term_days = self._days_of_terms([ref_id(r.get("payment_term_id")) for r in rows])
            orders = [
                ErpPurchaseOrder(
                    erp_id=f"purchase-{r['id']}",
                    number=r["name"],
                    vendor_erp_id=str(ref_id(r["partner_id"])),
                    order_date=odoo_date(r.get("date_order")),
                    currency=ref_name(r.get("currency_id")),
                    status=self._status(r),
                    payment_terms_days=term_days.get(ref_id(r.get("payment_term_id")) or 0),
                )
                for r in rows
            ]
            return pull_of(record_type, orders, cursor=newest_stamp(rows, cursor), complete=not since)
        if record_type is RecordType.PURCHASE_ORDER_LINES:
            return self._order_lines(cursor, since)
        if record_type in (RecordType.GOODS_RECEIPTS, RecordType.GOODS_RECEIPT_LINES):
            return self._receipts(record_type, cursor, since)
        if record_type is RecordType.STOCK_LEVELS:
            return self._stock()
        if record_type is RecordType.DEMAND_HISTORY:
            return self._demand()
        return Pull(record_type=record_type, rows=[], cursor=cursor)

    @staticmethod
    def _status(order: dict[str, Any]) -> str:
        if order["state"] == "cancel":
            return "cancelled"
        if order.get("invoice_status") == "invoiced":
            return "billed"
        return _RECEIPT_STATUS.get(str(order.get("receipt_status") or ""), "open")

    def _companies(self) -> Pull:
        """The res.company records the user may see (a multi-company database lists each legal entity),
        with their VAT id and address: who "we" are. Always the complete set (a handful)."""
        rows = self.search_read("res.company", [], ["name", "vat", "street", "zip", "city"])
        companies = [
            ErpCompany(
                erp_id=f"company-{r['id']}",
                name=text(r.get("name")) or f"company {r['id']}",
                vat_ids=text(r.get("vat")),
                address=", ".join(
                    part
                    for part in (
                        text(r.get("street")),
                        " ".join(filter(None, (text(r.get("zip")), text(r.get("city"))))),
                    )
                    if part
                )
                or None,
            )
            for r in rows
        ]
        return pull_of(RecordType.COMPANIES, companies, cursor=None, complete=True)

    def _vendors(self, cursor: str | None, since: list[Any]) -> Pull:
        rows = self.search_read(
            "res.partner",
            [["supplier_rank", ">", 0], *since],
            [
                "name",
                "vat",
                "street",
                "zip",
                "city",
                "bank_ids",
                "property_purchase_currency_id",
                "property_supplier_payment_term_id",
                "write_date",
            ],
        )
        term_days = self._days_of_terms([ref_id(r.get("property_supplier_payment_term_id")) for r in rows])
        banks = {
            b["id"]: text(b.get("acc_number"))
            for b in self.read(
                "res.partner.bank", [i for r in rows for i in r.get("bank_ids") or []], ["acc_number"]
            )
        }
        vendors = []
        for r in rows:
            ibans = [banks.get(i) for i in r.get("bank_ids") or []]
            address = ", ".join(
                part
                for part in (
                    text(r.get("street")),
                    " ".join(filter(None, (text(r.get("zip")), text(r.get("city"))))),
                )
                if part
            )
            vendors.append(
                ErpVendor(
                    erp_id=str(r["id"]),
                    name=r["name"],
                    vat_id=text(r.get("vat")),
                    iban=ibans_text(ibans),
                    address=address or None,
                    currency=ref_name(r.get("property_purchase_currency_id")),
                    payment_terms_days=term_days.get(ref_id(r.get("property_supplier_payment_term_id")) or 0),
                )
            )
        return pull_of(RecordType.VENDORS, vendors, cursor=newest_stamp(rows, cursor), complete=not since)

    def _items(self, cursor: str | None, since: list[Any]) -> Pull:
        rows = self.search_read(
            "product.product",
            [["purchase_ok", "=", True], *since],
            ["default_code", "name", "categ_id", "uom_po_id", "standard_price", "seller_ids", "write_date"],
        )
        sellers = {
            s["id"]: s
            for s in self.read(
                "product.supplierinfo",
                [i for r in rows for i in (r.get("seller_ids") or [])[:1]],
                ["partner_id", "min_qty", "delay", "price"],
            )
        }
        items = []
        for r in rows:
            seller = sellers.get((r.get("seller_ids") or [0])[0])
            items.append(
                ErpItem(
                    erp_id=f"product-{r['id']}",
                    sku=text(r.get("default_code")) or f"product-{r['id']}",
                    name=r["name"],
                    category=ref_name(r.get("categ_id")),
                    unit=ref_name(r.get("uom_po_id")),
                    unit_cost=number(r.get("standard_price")),
                    min_order_qty=number(seller.get("min_qty")) or None if seller else None,
                    lead_time_days=number(seller.get("delay")) if seller else None,
                    preferred_vendor_erp_id=str(ref_id(seller["partner_id"])) if seller else None,
                )
            )
        return pull_of(RecordType.ITEMS, items, cursor=newest_stamp(rows, cursor), complete=False)

    def _days_of_terms(self, term_ids: Sequence[int | None]) -> dict[int, int]:
        """Payment term id (`account.payment.term`) -> days after the invoice date, where Odoo's term is
        one: a single line for 100 % of the amount due a number of days after the invoice date ("30 Days";
        "Immediate Payment" is 0). Instalments, a month's end or a fixed amount make no such number: those
        terms are left out (the reconciler then invents no agreed date). Odoo 17's line fields."""
        wanted = sorted({i for i in term_ids if i})
        if not wanted:
            return {}
        terms = self.read("account.payment.term", wanted, ["line_ids"])
        lines = {
            int(line["id"]): line
            for line in self.read(
                "account.payment.term.line",
                [i for term in terms for i in term.get("line_ids") or []],
                ["value", "value_amount", "nb_days", "delay_type"],
            )
        }
        days_of: dict[int, int] = {}
        for term in terms:
            its = [lines[i] for i in term.get("line_ids") or [] if i in lines]
            if len(its) != 1:
                continue
            line = its[0]
            whole = line.get("value") == "percent" and number(line.get("value_amount")) == Decimal(100)
            if whole and line.get("delay_type", "days_after") == "days_after":
                days_of[int(term["id"])] = int(line.get("nb_days") or 0)
        return days_of

    def _orders(self, domain: list[Any]) -> list[dict[str, Any]]:
        return self.search_read(
            "purchase.order",
            [["state", "in", PO_STATES], *domain],
            [
                "name",
                "partner_id",
                "date_order",
                "currency_id",
                "state",
                "receipt_status",
                "invoice_status",
                "payment_term_id",
                "write_date",
            ],
        )

    def _lines_of(self, order_ids: list[int]) -> list[dict[str, Any]]:
        if not order_ids:
            return []
        return self.search_read(
            "purchase.order.line",
            [["order_id", "in", order_ids], ["display_type", "=", False]],
            [
                "order_id",
                "sequence",
                "product_id",
                "name",
                "product_qty",
                "product_uom",
                "price_unit",
                "taxes_id",
                "write_date",
            ],
        )

    @staticmethod
    def _line_numbers(lines: list[dict[str, Any]]) -> dict[int, int]:
        """PO line number = position among the order's lines by (sequence, id)."""
        by_order: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        for line in lines:
            by_order[ref_id(line["order_id"])].append(line)
        numbers: dict[int, int] = {}
        for group in by_order.values():
            group.sort(key=lambda line: (line.get("sequence") or 0, line["id"]))
            numbers.update({line["id"]: position for position, line in enumerate(group, start=1)})
        return numbers

    def _product_codes(self, ids: Sequence[int]) -> dict[int, str | None]:
        return {
            p["id"]: text(p.get("default_code")) for p in self.read("product.product", ids, ["default_code"])
        }

    def _products(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return {p["id"]: p for p in self.read("product.product", ids, ["default_code", "uom_id"])}

    def _unit_factors(self, ids: Sequence[int]) -> dict[int, Decimal]:
        """uom.uom `factor`: how many of the unit make the category's reference unit (Dozens: 1/12)."""
        return {
            u["id"]: number(u.get("factor")) or Decimal(0)
            for u in self.read("uom.uom", [i for i in ids if i], ["factor"])
            if u.get("factor")
        }

    def _order_lines(self, cursor: str | None, since: list[Any]) -> Pull:
        changed = (
            self.search_read(
                "purchase.order.line", [["display_type", "=", False], *since], ["order_id", "write_date"]
            )
            if since
            else []
        )
        order_ids = sorted(
            {i for i in (ref_id(r["order_id"]) for r in changed) if i is not None}
            | {r["id"] for r in self._orders(since)}
        )
        orders = {r["id"]: r for r in self._orders([["id", "in", order_ids]])} if order_ids else {}
        lines = [line for line in self._lines_of(sorted(orders)) if ref_id(line["order_id"]) in orders]
        taxes = self._taxes([t for line in lines for t in line.get("taxes_id") or []])
        products = self._products(
            [i for i in (ref_id(line.get("product_id")) for line in lines) if i is not None]
        )
        factors = self._unit_factors(
            [ref_id(line.get("product_uom")) or 0 for line in lines]
            + [ref_id(p.get("uom_id")) or 0 for p in products.values()]
        )
        numbers = self._line_numbers(lines)
        records = []
        for line in lines:
            product = products.get(ref_id(line.get("product_id")) or 0) or {}
            rate, code = _line_tax([taxes[t] for t in line.get("taxes_id") or [] if t in taxes])
            po_unit, stock_unit = ref_id(line.get("product_uom")), ref_id(product.get("uom_id"))
            conversion = None
            if (
                po_unit
                and stock_unit
                and po_unit != stock_unit
                and factors.get(po_unit)
                and factors.get(stock_unit)
            ):
                conversion = (
                    (factors[stock_unit] / factors[po_unit]).quantize(Decimal("0.000001")).normalize()
                )
            records.append(
                ErpPurchaseOrderLine(
                    po_number=orders[ref_id(line["order_id"]) or 0]["name"],
                    line_no=numbers[line["id"]],
                    sku=text(product.get("default_code")),
                    description=text(line.get("name")),
                    quantity=number(line["product_qty"]) or Decimal(0),
                    unit=ref_name(line.get("product_uom")),
                    unit_price=number(line["price_unit"]) or Decimal(0),
                    tax_rate=rate,
                    tax_code=code,
                    stock_unit=ref_name(product.get("uom_id")) if conversion else None,
                    conversion_factor=conversion,
                )
            )
        seen = changed + list(orders.values())
        return pull_of(
            RecordType.PURCHASE_ORDER_LINES, records, cursor=newest_stamp(seen, cursor), complete=False
        )

    def _taxes(self, tax_ids: list[int]) -> dict[int, tuple[Decimal, bool]]:
        """Percentage taxes by id: (rate, reverse charge). A tax whose invoice repartition books a
        negative share of itself is due by the buyer (reverse charge): the vendor charges none."""
        rows = [
            r
            for r in self.read(
                "account.tax", tax_ids, ["amount", "amount_type", "invoice_repartition_line_ids"]
            )
            if r.get("amount_type") == "percent"
        ]
        shares = {
            r["id"]: r
            for r in self.read(
                "account.tax.repartition.line",
                [i for row in rows for i in row.get("invoice_repartition_line_ids") or []],
                ["repartition_type", "factor_percent"],
            )
        }
        found: dict[int, tuple[Decimal, bool]] = {}
        for row in rows:
            parts = [shares[i] for i in row.get("invoice_repartition_line_ids") or [] if i in shares]
            reverse = any(
                p.get("repartition_type") == "tax" and (number(p.get("factor_percent")) or Decimal(0)) < 0
                for p in parts
            )
            found[row["id"]] = (number(row["amount"]) or Decimal(0), reverse)
        return found

    def _receipts(self, record_type: RecordType, cursor: str | None, since: list[Any]) -> Pull:
        pickings = self.search_read(
            "stock.picking",
            [
                ["picking_type_code", "=", "incoming"],
                ["state", "=", "done"],
                ["purchase_id", "!=", False],
                *since,
            ],
            ["name", "date_done", "purchase_id", "move_ids", "write_date"],
        )
        new_cursor = newest_stamp(pickings, cursor)
        if record_type is RecordType.GOODS_RECEIPTS:
            receipts = [
                ErpGoodsReceipt(
                    erp_id=f"picking-{p['id']}",
                    number=p["name"],
                    po_number=ref_name(p["purchase_id"]) or f"purchase-{ref_id(p['purchase_id'])}",
                    received_date=odoo_date(p["date_done"]),
                )
                for p in pickings
                if odoo_date(p.get("date_done")) is not None
            ]
            return pull_of(record_type, receipts, cursor=new_cursor, complete=not since)
        moves = self.read(
            "stock.move",
            [m for p in pickings for m in p.get("move_ids") or []],
            ["picking_id", "purchase_line_id", "quantity", "state"],
        )
        order_ids = sorted({i for i in (ref_id(p["purchase_id"]) for p in pickings) if i is not None})
        numbers = self._line_numbers(self._lines_of(order_ids))
        quantities: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        for move in moves:
            picking, line = ref_id(move.get("picking_id")), ref_id(move.get("purchase_line_id"))
            if move.get("state") == "done" and picking is not None and line in numbers:
                quantities[(picking, numbers[line or 0])] += number(move.get("quantity")) or Decimal(0)
        lines = [
            ErpGoodsReceiptLine(receipt_erp_id=f"picking-{picking}", po_line_no=line_no, quantity=qty)
            for (picking, line_no), qty in sorted(quantities.items())
        ]
        return pull_of(record_type, lines, cursor=new_cursor, complete=False)

    def _stock(self) -> Pull:
        quants = self.search_read(
            "stock.quant",
            [["location_id.usage", "=", "internal"]],
            ["product_id", "location_id", "quantity", "reserved_quantity"],
        )
        codes = self._product_codes([i for i in (ref_id(q["product_id"]) for q in quants) if i is not None])
        totals: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for quant in quants:
            product = ref_id(quant["product_id"]) or 0
            sku = codes.get(product) or f"product-{product}"
            total = totals[(sku, ref_name(quant["location_id"]) or "main")]
            total[0] += number(quant.get("quantity")) or Decimal(0)
            total[1] += number(quant.get("reserved_quantity")) or Decimal(0)
        levels = [
            ErpStockLevel(sku=sku, location=location, on_hand=on_hand, reserved=reserved)
            for (sku, location), (on_hand, reserved) in sorted(totals.items())
        ]
        return pull_of(RecordType.STOCK_LEVELS, levels, cursor=None, complete=False)

    def _demand(self) -> Pull:
        moves = self.search_read(
            "stock.move",
            [["state", "=", "done"], ["location_dest_id.usage", "=", "customer"]],
            ["product_id", "quantity", "date"],
        )
        codes = self._product_codes([i for i in (ref_id(m["product_id"]) for m in moves) if i is not None])
        totals: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
        for move in moves:
            code, day = codes.get(ref_id(move["product_id"]) or 0), odoo_date(move.get("date"))
            if code and day:
                totals[(code, day)] += number(move.get("quantity")) or Decimal(0)
        demand = [
            ErpDemand(sku=sku, period_start=day, quantity=qty) for (sku, day), qty in sorted(totals.items())
        ]
        return pull_of(RecordType.DEMAND_HISTORY, demand, cursor=None, complete=False)

    # ------------------------------------------------------------------ push

    def push(self, action: ErpAction) -> PushResult:
        """POST_INVOICE: a draft vendor bill (`account.move`, `move_type=in_invoice`; a credit note's
        `in_refund` with positive quantities) with the invoice's own lines; HOLD_INVOICE: nothing to
        write. The idempotency key is kept in the bill's narration, so the same key never creates a
        second bill."""
        try:
            if action.kind is ActionKind.POST_INVOICE:
                return self._draft_bill(action)
            if action.kind is ActionKind.HOLD_INVOICE:
                return PushResult(detail="held in opsloop; nothing to write to Odoo until it is released")
            if action.kind is ActionKind.REJECT_INVOICE:
                return PushResult(detail="rejected in opsloop; Odoo has no invoice to change")
            if action.kind is ActionKind.REVERSE_ACTION and action.payload.get("reverses_kind") in (
                ActionKind.HOLD_INVOICE.value,
                ActionKind.REJECT_INVOICE.value,
            ):
                return PushResult(detail="the reversed action wrote nothing to Odoo; nothing to undo")
        except RpcError as error:
            raise PushRejected(f"Odoo refused {action.kind.value}: {error}") from error
        raise PushRejected(f"the Odoo connector cannot do {action.kind.value} yet")

    def _draft_bill(self, action: ErpAction) -> PushResult:
        marker = f"opsloop:{action.idempotency_key}"
        existing = self.search_read(
            "account.move",
            [["move_type", "in", ["in_invoice", "in_refund"]], ["narration", "ilike", marker]],
            ["name"],
        )
        if existing:
            return PushResult(
                external_id=str(existing[0]["id"]), detail="already created (same idempotency key)"
            )
        payload = action.payload
        vendor = str(payload.get("vendor_erp_id") or "")
        if not vendor.isdigit():
            raise PushRejected(
                f"vendor {vendor!r} is not an Odoo partner id; sync the vendors and check the match"
            )
        numbers = [str(n) for n in payload.get("po_numbers") or []]
        lines, orders = self._bill_lines(payload, numbers)
        if not lines:
            raise PushRejected("no bill lines: the payload has none and names no PO that has lines in Odoo")
        credit_note = payload.get("action") == "book_credit_note"
        if credit_note:
            # Odoo books a supplier credit note as an `in_refund` move: its lines' quantities and
            # prices positive (the move type gives the sign), whatever sign the page printed
            for line in lines:
                line["quantity"] = abs(line["quantity"])
                line["price_unit"] = abs(line["price_unit"])
        values: dict[str, Any] = {
            "move_type": "in_refund" if credit_note else "in_invoice",
            "partner_id": int(vendor),
            "ref": payload.get("invoice_number"),
            "narration": f"{marker} (from opsloop; POs: {', '.join(numbers)})",
            "invoice_origin": ", ".join(numbers),
            "invoice_line_ids": [[0, 0, line] for line in lines],
        }
        if payload.get("invoice_date"):
            values["invoice_date"] = str(payload["invoice_date"])
        currency = ref_id(orders[0].get("currency_id")) if orders else None
        if currency is not None:
            values["currency_id"] = currency
        created = self.execute("account.move", "create", [[values]])
        bill_id = created[0] if isinstance(created, list) else created
        kind = "vendor credit note" if credit_note else "vendor bill"
        return PushResult(external_id=str(bill_id), detail=f"draft {kind} {bill_id} created in Odoo")

    def _orders_named(self, numbers: list[str]) -> list[dict[str, Any]]:
        if not numbers:
            return []
        return self.search_read("purchase.order", [["name", "in", numbers]], ["name", "currency_id"])

    def _bill_lines(
        self, payload: dict[str, Any], numbers: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The bill's `invoice_line_ids` values and the POs they came from: the invoice's own lines
        from the payload (`lines`, as the reconciler's approval carries them); only a payload without
        `lines` (queued before lines were carried) gets the lines of the POs it names."""
        lines = invoice_lines(payload)
        if lines is None:
            orders = self._orders_named(numbers)
            return [_po_bill_line(line) for line in self._lines_of([o["id"] for o in orders])], orders
        orders = self._orders_named(po_numbers({**payload, "po_numbers": numbers}, lines))
        po_lines = self._lines_of([o["id"] for o in orders])
        name_of = {o["id"]: str(o["name"]) for o in orders}
        positions = self._line_numbers(po_lines)
        by_number = {
            (name_of[ref_id(line["order_id"]) or 0], positions[line["id"]]): line
            for line in po_lines
            if ref_id(line["order_id"]) in name_of
        }
        created: list[dict[str, Any]] = []
        for line in lines:
            found = by_number.get(line.po_ref) if line.po_ref is not None else None
            if found is not None:
                quantity = (
                    line.quantity if line.quantity is not None else number(found["product_qty"]) or Decimal(0)
                )
                entry: dict[str, Any] = {
                    "product_id": ref_id(found.get("product_id")),
                    "name": line.description or text(found.get("name")) or "",
                    "quantity": float(quantity),  # Odoo's wire format: JSON numbers
                    "price_unit": float(line.price_per(quantity, number(found["price_unit"])) or 0),
                    "tax_ids": [[6, 0, list(found.get("taxes_id") or [])]],
                    "purchase_line_id": found["id"],
                }
                discounted = line.list_and_discount(quantity)
                if discounted is not None:
                    # Odoo keeps unit prices to two places by default: the net over the quantity (0.361)
                    # would be cut to 0.36; the list price less Odoo's own line discount gives the net
                    entry["price_unit"], entry["discount"] = float(discounted[0]), float(discounted[1])
                created.append(entry)
                continue
            created.append(
                {
                    "name": line.description or f"invoice line {line.position}",
                    "quantity": 1.0,
                    "price_unit": float(line.unmatched_amount()),
                    "tax_ids": [[6, 0, self._purchase_taxes_of_rate(line.tax_rate)]],
                }
            )
        whole = net_line(payload) if not created else None
        if whole is not None:
            created.append(
                {
                    "name": whole.description,
                    "quantity": 1.0,
                    "price_unit": float(whole.amount),
                    "tax_ids": [[6, 0, self._purchase_taxes_of_rate(whole.tax_rate)]],
                }
            )
        return created, orders

    def _purchase_taxes_of_rate(self, rate: Decimal | None) -> list[int]:
        """The first purchase percentage tax of this rate (19 = 19 %); none for no rate or none found."""
        if rate is None or rate == 0:
            return []
        rows = self.search_read(
            "account.tax",
            [
                ["type_tax_use", "=", "purchase"],
                ["amount_type", "=", "percent"],
                ["amount", "=", float(rate)],
            ],
            ["amount"],
        )
        fitting = [r for r in rows if number(r.get("amount")) == rate]
        return [int(fitting[0]["id"])] if fitting else []


def _po_bill_line(line: dict[str, Any]) -> dict[str, Any]:
    """A PO line as a bill line (the fallback for a payload without `lines`)."""
    return {
        "product_id": ref_id(line.get("product_id")),
        "name": text(line.get("name")) or "",
        # Odoo's wire format: the PO line's own float values, passed back unchanged
        "quantity": line["product_qty"],
        "price_unit": line["price_unit"],
        "tax_ids": [[6, 0, list(line.get("taxes_id") or [])]],
        "purchase_line_id": line["id"],
    }
