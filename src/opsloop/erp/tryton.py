"""Tryton connector (8.x JSON-RPC): parties, products, purchases and their lines, incoming shipments and
their moves, stock per warehouse and customer shipments as demand; write-back of draft supplier invoices.

Facts this relies on (measured on trytond 8.2): the endpoint is `POST /<db>/rpc/`; login is
`common.db.login(login, {"password": ...})` → `[user_id, token, ...]`; later calls carry
`Authorization: Session base64(login:user_id:token)`; model calls take the context (from
`model.res.user.get_preferences`) as their last parameter; decimals and dates come back tagged;
`create` runs no on-change logic, so accounts, journals and taxes are given explicitly.

Mirror keys: a vendor's `erp_id` is the party code, an item's is `product-<id>` with the product code as
SKU, a PO's is `purchase-<id>`, a receipt's is `shipment-<id>-<purchase id>` (a shipment can bring goods
of several POs; the mirror keeps one receipt per PO). Tryton has no support roster: shifts are not pulled.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx

from opsloop.erp.jsonrpc import RpcError, decode_tagged, encode_tagged, http_call
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
from opsloop.erp.writeback import (
    PrintedAmounts,
    invoice_lines,
    line_gaps,
    net_line,
    po_numbers,
    printed_amounts,
    rounding_gap,
    rounding_limit,
)

PO_STATES = ["confirmed", "processing", "done", "cancelled"]
_INVOICED_STATES = ("awaiting payment", "partially paid")
"""A purchase with posted supplier invoices (Tryton 8.x `invoice_state`); `paid` is billed already."""
_SHIPMENT_STATUS = {"partially shipped": "partially_received", "received": "received", "exception": "open"}


def _status(purchase: dict[str, Any]) -> str:
    """cancelled; closed when done (received and invoiced, invoices paid); billed when its invoices are
    paid before the goods are all in; else by the shipment state."""
    if purchase["state"] == "cancelled":
        return "cancelled"
    if purchase["state"] == "done":
        return "closed"
    if purchase.get("invoice_state") == "paid":
        return "billed"
    return _SHIPMENT_STATUS.get(purchase.get("shipment_state") or "", "open")


def _conversion(line: dict[str, Any]) -> tuple[str | None, Decimal | None]:
    """The product's default unit and how many of it one line unit makes (units of one category:
    `factor` is base units per unit), when they differ."""
    unit = line.get("unit.") or {}
    default = (line.get("product.") or {}).get("default_uom.") or {}
    if not unit or not default or unit.get("name") == default.get("name"):
        return None, None
    have, want = unit.get("factor"), default.get("factor")
    if not have or not want:
        return None, None
    factor = (_quantity(have) / _quantity(want)).quantize(Decimal("0.000001")).normalize()
    return (default.get("name"), factor) if factor != 1 else (None, None)


def _line_tax(taxes: list[tuple[Decimal, bool]]) -> tuple[Decimal | None, str | None]:
    """A purchase line's VAT rate and category from its percentage taxes: reverse charge (AE) charges
    the vendor none; None when none of its taxes is a percentage one (not known)."""
    if not taxes:
        return None, None
    if any(reverse for _, reverse in taxes):
        return Decimal(0), "AE"
    rate = sum((r for r, _ in taxes), Decimal(0))
    return rate, "S" if rate > 0 else None


def _quantity(value: Any) -> Decimal:
    """Tryton quantities are floats: take their shortest text, never binary noise."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))


class TrytonConnector:
    reversible = frozenset({ActionKind.POST_INVOICE, ActionKind.HOLD_INVOICE, ActionKind.REJECT_INVOICE})
    """A draft supplier invoice is cancelled; a hold or a rejection wrote nothing to undo."""

    def __init__(
        self,
        url: str,
        database: str,
        user: str,
        password: str,
        *,
        timeout: float = 30.0,
        page_size: int = 500,
        name: str = "tryton",
        transport: httpx.BaseTransport | None = None,
        rounding_account: str | None = None,
    ) -> None:
        self.name = name
        self.rounding_account = rounding_account
        """The account code rounding-difference lines are booked to (unset: the account of the line
        whose printed net a four-place price could not reproduce)."""
        self.database = database
        self.user = user
        self._password = password
        self.page_size = page_size
        self._client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout, transport=transport)
        self._auth: str | None = None
        self._context: dict[str, Any] = {}
        self._user_id: int | None = None
        self._models: dict[str, bool] = {}
        self._ids = 0

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ transport

    def _post(self, method: str, params: list[Any], *, auth: bool = True) -> Any:
        self._ids += 1
        headers = {"Authorization": self._auth} if auth and self._auth else {}
        response = http_call(
            self._client,
            "POST",
            f"/{self.database}/rpc/",
            f"Tryton at {self._client.base_url}",
            json={"id": self._ids, "method": method, "params": encode_tagged(params)},
            headers=headers,
        )
        try:
            body = response.json()
        except ValueError as error:
            raise ConnectorUnavailable(f"Tryton answered {method} with something that is not JSON") from error
        if body.get("error"):
            raise RpcError(body["error"])
        return decode_tagged(body.get("result"))

    def login(self) -> None:
        result = self._post("common.db.login", [self.user, {"password": self._password}], auth=False)
        if not result:
            raise ConnectorAuthFailed(f"Tryton refused the login of {self.user!r}")
        user_id, token = result[0], result[1]
        self._user_id = int(user_id)
        self._auth = "Session " + base64.b64encode(f"{self.user}:{user_id}:{token}".encode()).decode()
        self._context = self._post("model.res.user.get_preferences", [True, {}])

    def call(self, model: str, method: str, *args: Any, context: dict[str, Any] | None = None) -> Any:
        """`model.<model>.<method>(*args, context)`, logging in first (and again once if the session expired)."""
        if self._auth is None:
            self.login()
        ctx = {**self._context, **(context or {})}
        try:
            return self._post(f"model.{model}.{method}", [*args, ctx])
        except ConnectorAuthFailed:
            self._auth = None
            self.login()
            return self._post(f"model.{model}.{method}", [*args, {**self._context, **(context or {})}])

    def search_read(
        self,
        model: str,
        domain: list[Any],
        fields: list[str],
        *,
        context: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Every matching record, page by page (ordered by id)."""
        rows: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = self.call(
                model, "search_read", domain, offset, self.page_size, [["id", "ASC"]], fields, context=context
            )
            rows.extend(page)
            if len(page) < self.page_size:
                return rows
            offset += self.page_size

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
        if not cursor:
            return []
        moment = datetime.fromisoformat(cursor)
        return [["OR", ["write_date", ">", moment], ["create_date", ">", moment]]]

    @staticmethod
    def _cursor(rows: list[dict[str, Any]], cursor: str | None) -> str | None:
        stamps = [r[k] for r in rows for k in ("write_date", "create_date") if isinstance(r.get(k), datetime)]
        if not stamps:
            return cursor
        newest = max(stamps).isoformat()
        return newest if cursor is None or newest > cursor else cursor

    def pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        try:
            return self._pull(record_type, cursor)
        except RpcError as error:
            raise ConnectorUnavailable(f"Tryton refused a read of {record_type.value}: {error}") from error

    def _company_party(self) -> int | None:
        company = self._context.get("company")
        if company is None:
            return None
        rows = self.call("company.company", "read", [company], ["party"])
        return int(rows[0]["party"]) if rows else None

    def _purchases(self, domain: list[Any]) -> list[dict[str, Any]]:
        fields = [
            "number",
            "state",
            "shipment_state",
            "invoice_state",
            "purchase_date",
            "party.code",
            "currency.code",
            "payment_term",
            "write_date",
            "create_date",
        ]
        return self.search_read("purchase.purchase", [["state", "in", PO_STATES], *domain], fields)

    def _lines_of(self, purchase_ids: list[int]) -> list[dict[str, Any]]:
        fields = [
            "purchase",
            "purchase.number",
            "sequence",
            "type",
            "product.code",
            "description",
            "quantity",
            "unit.name",
            "unit.factor",
            "product.default_uom.name",
            "product.default_uom.factor",
            "unit_price",
            "taxes",
            "write_date",
            "create_date",
        ]
        return self.search_read(
            "purchase.line", [["purchase", "in", purchase_ids], ["type", "=", "line"]], fields
        )

    @staticmethod
    def _line_numbers(lines: list[dict[str, Any]]) -> dict[int, int]:
        """PO line number = position among the purchase's lines by (sequence, id)."""
        by_purchase: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for line in lines:
            by_purchase[line["purchase"]].append(line)
        numbers: dict[int, int] = {}
        for group in by_purchase.values():
            group.sort(key=lambda line: (line.get("sequence") is None, line.get("sequence") or 0, line["id"]))
            for position, line in enumerate(group, start=1):
                numbers[line["id"]] = position
        return numbers

    def _companies(self) -> Pull:
        """Every company.company with its party's name, tax identifiers (the VAT kinds) and addresses: who
        "we" are. Always the complete set (a handful of rows), so a company removed stops being ours."""
        rows = self.search_read("company.company", [], ["party", "party.name"])
        parties = [int(r["party"]) for r in rows if r.get("party") is not None]
        identifiers = self.search_read(
            "party.identifier", [["party", "in", parties]], ["party", "type", "code"]
        )
        addresses = self.search_read("party.address", [["party", "in", parties]], ["party", "full_address"])
        vats: dict[int, list[str]] = defaultdict(list)
        for identifier in identifiers:
            kind = str(identifier.get("type") or "")
            if kind.endswith("_vat") and identifier.get("code"):  # eu_vat, de_vat, ch_vat, gb_vat, ...
                vats[int(identifier["party"])].append(str(identifier["code"]))
        places: dict[int, str] = {}
        for address in addresses:
            text = ", ".join(
                p.strip() for p in str(address.get("full_address") or "").splitlines() if p.strip()
            )
            if text:
                places.setdefault(int(address["party"]), text)
        companies = [
            ErpCompany(
                erp_id=f"company-{r['id']}",
                name=(r.get("party.") or {}).get("name") or f"company {r['id']}",
                vat_ids="; ".join(vats.get(int(r["party"]), [])) or None,
                address=places.get(int(r["party"])),
            )
            for r in rows
            if r.get("party") is not None
        ]
        return pull_of(RecordType.COMPANIES, companies, cursor=None, complete=True)

    def _pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        since = self._since(cursor)
        if record_type is RecordType.COMPANIES:
            if self._auth is None:
                self.login()
            return self._companies()
        if record_type is RecordType.VENDORS:
            if self._auth is None:
                self.login()
            company_party = self._company_party()
            fields = ["code", "name", "tax_identifier.code", "active", "write_date", "create_date"]
            # inactive parties too: a party set inactive since the last sync is a changed record, and
            # Tryton's searches leave inactive records out unless asked
            rows = self.search_read("party.party", since, fields, context={"active_test": False})
            new_cursor = self._cursor(rows, cursor)
            if since:
                # a bank account changed in Tryton leaves its owners' write date as it was
                banked, bank_cursor = self._bank_changes(since, cursor)
                new_cursor = (
                    max(c for c in (new_cursor, bank_cursor) if c) if (new_cursor or bank_cursor) else None
                )
                extra = sorted(banked - {r["id"] for r in rows})
                if extra:
                    rows += self.search_read(
                        "party.party", [["id", "in", extra]], fields, context={"active_test": False}
                    )
            if since and any(not r.get("active", True) for r in rows):
                # a supplier deactivated in Tryton is blocked: the complete set of active parties lets
                # the mirror deactivate it (an incremental pull only adds and updates)
                rows = self.search_read("party.party", [], fields)
                since = []
            else:
                rows = [r for r in rows if r.get("active", True)]
            ibans = self._ibans([r["id"] for r in rows if r["id"] != company_party])
            terms = self._term_days([r["id"] for r in rows if r["id"] != company_party])
            vendors = [
                ErpVendor(
                    erp_id=str(r["code"] or r["id"]),
                    name=r["name"],
                    vat_id=(r.get("tax_identifier.") or {}).get("code"),
                    iban=ibans_text(ibans.get(r["id"], [])),
                    payment_terms_days=terms.get(r["id"]),
                )
                for r in rows
                if r["id"] != company_party
            ]
            return pull_of(record_type, vendors, cursor=new_cursor, complete=not since)
        if record_type is RecordType.ITEMS:
            rows = self.search_read(
                "product.product",
                since,
                ["code", "name", "type", "cost_price", "default_uom.name", "write_date", "create_date"],
            )
            items = [
                ErpItem(
                    erp_id=f"product-{r['id']}",
                    sku=r["code"] or f"product-{r['id']}",
                    name=r["name"],
                    # a Tryton service is never received (no moves): the tolerance policy's `service`
                    # category matches it against its PO alone
                    category="service" if r.get("type") == "service" else None,
                    unit=(r.get("default_uom.") or {}).get("name"),
                    unit_cost=r.get("cost_price"),
                )
                for r in rows
            ]
            return pull_of(record_type, items, cursor=self._cursor(rows, cursor), complete=False)
        if record_type is RecordType.PURCHASE_ORDERS:
            rows = self._purchases(since)
            billed = self._billed_by_posted_invoices(
                [r["id"] for r in rows if r.get("invoice_state") in _INVOICED_STATES]
            )
            term_days = self._days_of_terms([int(r["payment_term"]) for r in rows if r.get("payment_term")])
            orders = [
                ErpPurchaseOrder(
                    erp_id=f"purchase-{r['id']}",
                    number=r["number"] or f"purchase-{r['id']}",
                    vendor_erp_id=str((r.get("party.") or {}).get("code") or r.get("party")),
                    order_date=r.get("purchase_date"),
                    currency=(r.get("currency.") or {}).get("code"),
                    status="billed"
                    if r["id"] in billed and _status(r) not in ("cancelled", "closed")
                    else _status(r),
                    payment_terms_days=term_days.get(int(r["payment_term"]))
                    if r.get("payment_term")
                    else None,
                )
                for r in rows
            ]
            return pull_of(record_type, orders, cursor=self._cursor(rows, cursor), complete=not since)
        if record_type is RecordType.PURCHASE_ORDER_LINES:
            changed = self.search_read(
                "purchase.line", [["type", "=", "line"], *since], ["purchase", "write_date", "create_date"]
            )
            purchase_ids = sorted(
                {r["purchase"] for r in changed} | {r["id"] for r in self._purchases(since)}
            )
            lines = self._lines_of(purchase_ids) if purchase_ids else []
            taxes = self._taxes({t for line in lines for t in line.get("taxes") or []})
            numbers = self._line_numbers(lines)
            records = []
            for line in lines:
                if line.get("taxes"):
                    rate, code = _line_tax([taxes[t] for t in line["taxes"] if t in taxes])
                else:
                    # Tryton books exactly the taxes a purchase line lists: none listed is no VAT (an
                    # import from outside the EU, say), a rate of 0 to check the invoice against — not
                    # an unknown rate
                    rate, code = Decimal(0), None
                stock_unit, factor = _conversion(line)
                records.append(
                    ErpPurchaseOrderLine(
                        po_number=(line.get("purchase.") or {}).get("number")
                        or f"purchase-{line['purchase']}",
                        line_no=numbers[line["id"]],
                        sku=(line.get("product.") or {}).get("code"),
                        description=line.get("description"),
                        quantity=_quantity(line["quantity"]),
                        unit=(line.get("unit.") or {}).get("name"),
                        unit_price=line["unit_price"],
                        tax_rate=rate,
                        tax_code=code,
                        stock_unit=stock_unit,
                        conversion_factor=factor,
                    )
                )
            return pull_of(record_type, records, cursor=self._cursor(changed, cursor), complete=False)
        if record_type in (RecordType.GOODS_RECEIPTS, RecordType.GOODS_RECEIPT_LINES):
            return self._receipts(record_type, cursor, since)
        if record_type is RecordType.STOCK_LEVELS:
            return self._stock()
        if record_type is RecordType.DEMAND_HISTORY:
            return self._demand()
        return Pull(record_type=record_type, rows=[], cursor=cursor)

    def _has_model(self, model: str) -> bool:
        """Whether a module that brings `model` is activated (Tryton's `bank`, say, is optional)."""
        known = self._models.get(model)
        if known is None:
            known = self._models[model] = bool(self.search_read("ir.model", [["name", "=", model]], ["id"]))
        return known

    def _term_days(self, party_ids: list[int]) -> dict[int, int]:
        """Party id -> its supplier payment term as days after the invoice date (`_days_of_terms`)."""
        if not party_ids or not self._has_model("account.invoice.payment_term"):
            return {}
        parties = self.call("party.party", "read", party_ids, ["supplier_payment_term"])
        term_of = {
            int(p["id"]): int(p["supplier_payment_term"]) for p in parties if p.get("supplier_payment_term")
        }
        days_of = self._days_of_terms(list(term_of.values()))
        return {party: days_of[term] for party, term in term_of.items() if term in days_of}

    def _days_of_terms(self, term_ids: list[int]) -> dict[int, int]:
        """Payment term id -> days after the invoice date, where Tryton's term is one: a single
        remainder line whose deltas count only days and weeks ("30 days"; "Direct", no delta, is 0).
        Instalments, a month's end, a day of the month or a weekday make no such number: those terms
        are left out (the reconciler then invents no agreed date)."""
        if not term_ids:
            return {}
        terms = self.call("account.invoice.payment_term", "read", sorted(set(term_ids)), ["lines"])
        line_ids = [i for t in terms for i in t.get("lines") or []]
        lines = {
            int(line["id"]): line
            for line in self.call(
                "account.invoice.payment_term.line", "read", line_ids, ["type", "relativedeltas"]
            )
        }
        delta_ids = [i for line in lines.values() for i in line.get("relativedeltas") or []]
        fields = ["day", "month", "weekday", "months", "weeks", "days"]
        deltas = (
            {
                int(d["id"]): d
                for d in self.call("account.invoice.payment_term.line.delta", "read", delta_ids, fields)
            }
            if delta_ids
            else {}
        )
        days_of: dict[int, int] = {}
        for term in terms:
            its = [lines[i] for i in term.get("lines") or [] if i in lines]
            if len(its) != 1 or its[0].get("type") != "remainder":
                continue
            parts = [deltas[i] for i in its[0].get("relativedeltas") or [] if i in deltas]
            if any(d.get("day") or d.get("month") or d.get("weekday") or d.get("months") for d in parts):
                continue
            days_of[int(term["id"])] = sum(
                int(d.get("days") or 0) + 7 * int(d.get("weeks") or 0) for d in parts
            )
        return days_of

    def _ibans(self, party_ids: list[int]) -> dict[int, list[str]]:
        """Party id -> every IBAN of its bank accounts in use (the `bank` module's `bank_accounts_used`:
        active, in the owner's order), each account's numbers by their sequence; the first is the one
        Tryton's payments take. None known without the module or without an account."""
        if not party_ids or not self._has_model("bank.account"):
            return {}
        parties = self.call("party.party", "read", party_ids, ["bank_accounts_used"])
        account_ids = sorted({a for p in parties for a in p.get("bank_accounts_used") or []})
        if not account_ids:
            return {}
        numbers = self.search_read(
            "bank.account.number",
            [["account", "in", account_ids], ["type", "=", "iban"]],
            ["account", "number_compact", "sequence"],
        )
        of_account: dict[int, list[str]] = {}
        for number in sorted(
            numbers, key=lambda n: (n.get("sequence") is None, n.get("sequence") or 0, n["id"])
        ):
            if number.get("number_compact"):
                of_account.setdefault(int(number["account"]), []).append(str(number["number_compact"]))
        found: dict[int, list[str]] = {}
        for party in parties:
            ibans = [i for a in party.get("bank_accounts_used") or [] for i in of_account.get(a, [])]
            if ibans:
                found[int(party["id"])] = ibans
        return found

    def _bank_changes(self, since: list[Any], cursor: str | None) -> tuple[set[int], str | None]:
        """Parties whose bank accounts (or their numbers) changed since the cursor, and the newest
        change's stamp; nothing without the `bank` module."""
        if not self._has_model("bank.account"):
            return set(), None
        stamps = ["write_date", "create_date"]
        inactive_too = {"active_test": False}
        numbers = self.search_read("bank.account.number", since, ["account", *stamps], context=inactive_too)
        accounts = self.search_read("bank.account", since, ["owners", *stamps], context=inactive_too)
        touched = sorted({int(n["account"]) for n in numbers} - {a["id"] for a in accounts})
        if touched:
            accounts += self.call("bank.account", "read", touched, ["owners"], context=inactive_too)
        owners = {int(o) for a in accounts for o in a.get("owners") or []}
        return owners, self._cursor([*numbers, *accounts], cursor)

    def _billed_by_posted_invoices(self, purchase_ids: list[int]) -> set[int]:
        """Purchases whose every line is billed by posted (or paid) supplier invoices in Tryton: an invoice
        keyed in there by hand bills the PO as surely as one opsloop saw (a draft is not billed yet)."""
        if not purchase_ids:
            return set()
        lines = self.search_read(
            "purchase.line",
            [["purchase", "in", purchase_ids], ["type", "=", "line"]],
            ["purchase", "quantity", "invoice_lines"],
        )
        invoice_line_ids = sorted({i for line in lines for i in line.get("invoice_lines") or []})
        invoiced = (
            self.call("account.invoice.line", "read", invoice_line_ids, ["quantity", "invoice.state"])
            if invoice_line_ids
            else []
        )
        billed_qty = {
            row["id"]: _quantity(row["quantity"])
            for row in invoiced
            if (row.get("invoice.") or {}).get("state") in ("posted", "paid")
        }
        by_purchase: dict[int, list[bool]] = defaultdict(list)
        for line in lines:
            done = sum((billed_qty.get(i, Decimal(0)) for i in line.get("invoice_lines") or []), Decimal(0))
            by_purchase[line["purchase"]].append(done >= _quantity(line["quantity"]) > 0)
        return {pid for pid, covered in by_purchase.items() if covered and all(covered)}

    def _taxes(self, tax_ids: set[int]) -> dict[int, tuple[Decimal, bool]]:
        """Taxes by id: (rate in percent, reverse charge). A tax of type `none` whose children charge and
        credit the same rate (+19 %, -19 %) is reverse charge: the buyer owes it, the vendor charges none."""
        if not tax_ids:
            return {}
        rows = self.call("account.tax", "read", sorted(tax_ids), ["rate", "type", "childs"])
        children = sorted({c for r in rows if r.get("type") == "none" for c in r.get("childs") or []})
        child_rates = {
            c["id"]: (c["rate"] or Decimal(0)) * 100
            for c in (self.call("account.tax", "read", children, ["rate", "type"]) if children else [])
            if c.get("type") == "percentage"
        }
        found: dict[int, tuple[Decimal, bool]] = {}
        for row in rows:
            if row.get("type") == "percentage":
                found[row["id"]] = ((row["rate"] or Decimal(0)) * 100, False)
            elif row.get("type") == "none" and row.get("childs"):
                rates = [child_rates[c] for c in row["childs"] if c in child_rates]
                if rates and any(rates) and sum(rates, Decimal(0)) == 0:
                    found[row["id"]] = (Decimal(0), True)
                elif rates:
                    found[row["id"]] = (sum(rates, Decimal(0)), False)
        return found

    def _receipts(self, record_type: RecordType, cursor: str | None, since: list[Any]) -> Pull:
        """Receipts: the done incoming shipments' moves of purchase lines; and the done supplier returns'
        moves of purchase lines, as receipts of negative quantities (goods sent back to the supplier are
        no longer received: an invoice for them waits for the supplier's credit or a new delivery)."""
        kinds = (
            ("stock.shipment.in", "incoming_moves", "shipment", Decimal(1)),
            ("stock.shipment.in.return", "moves", "return", Decimal(-1)),
        )
        shipment_by_key: dict[tuple[str, int], dict[str, Any]] = {}
        move_kind: dict[int, tuple[str, Decimal]] = {}
        stamped: list[dict[str, Any]] = []
        for model, moves_field, prefix, sign in kinds:
            rows = self.search_read(
                model,
                [["state", "=", "done"], *since],
                ["number", "effective_date", moves_field, "write_date", "create_date"],
            )
            stamped.extend(rows)
            for row in rows:
                shipment_by_key[(prefix, row["id"])] = row
                for move_id in row.get(moves_field) or []:
                    move_kind[move_id] = (prefix, sign)
        move_ids = sorted(move_kind)
        moves = (
            self.search_read(
                "stock.move",
                [["id", "in", move_ids], ["state", "=", "done"]],
                ["origin", "quantity", "shipment"],
            )
            if move_ids
            else []
        )
        line_ids = sorted(
            {
                int(m["origin"].split(",")[1])
                for m in moves
                if str(m.get("origin") or "").startswith("purchase.line,")
            }
        )
        lines = (
            self.call("purchase.line", "read", line_ids, ["purchase", "purchase.number"]) if line_ids else []
        )
        purchases = sorted({line["purchase"] for line in lines})
        numbers = self._line_numbers(self._lines_of(purchases)) if purchases else {}
        line_by_id = {line["id"]: line for line in lines}
        quantities: dict[tuple[str, int, int, int], Decimal] = defaultdict(Decimal)
        for move in moves:
            origin = str(move.get("origin") or "")
            if not origin.startswith("purchase.line,"):
                continue
            line = line_by_id.get(int(origin.split(",")[1]))
            prefix, sign = move_kind[move["id"]]
            shipment_id = int(str(move["shipment"]).split(",")[1]) if move.get("shipment") else 0
            if line is not None:
                key = (prefix, shipment_id, line["purchase"], line["id"])
                quantities[key] += sign * _quantity(move["quantity"])
        po_number = {line["purchase"]: (line.get("purchase.") or {}).get("number") for line in lines}
        new_cursor = self._cursor(stamped, cursor)
        if record_type is RecordType.GOODS_RECEIPTS:
            receipts = {
                (prefix, sid, pid): ErpGoodsReceipt(
                    erp_id=f"{prefix}-{sid}-{pid}",
                    number=shipment_by_key[(prefix, sid)]["number"] or f"{prefix}-{sid}",
                    po_number=po_number[pid] or f"purchase-{pid}",
                    received_date=shipment_by_key[(prefix, sid)]["effective_date"],
                )
                for prefix, sid, pid, _ in quantities
                if (prefix, sid) in shipment_by_key and shipment_by_key[(prefix, sid)].get("effective_date")
            }
            return pull_of(record_type, list(receipts.values()), cursor=new_cursor, complete=not since)
        receipt_lines = [
            ErpGoodsReceiptLine(receipt_erp_id=f"{prefix}-{sid}-{pid}", po_line_no=numbers[lid], quantity=qty)
            for (prefix, sid, pid, lid), qty in quantities.items()
            if lid in numbers
        ]
        return pull_of(record_type, receipt_lines, cursor=new_cursor, complete=False)

    def _warehouses(self) -> list[dict[str, Any]]:
        return self.search_read("stock.location", [["type", "=", "warehouse"]], ["code", "name"])

    def _stock(self) -> Pull:
        levels: list[ErpStockLevel] = []
        for warehouse in self._warehouses():
            rows = self.search_read(
                "product.product",
                [["type", "=", "goods"]],
                ["code", "quantity"],
                context={"locations": [warehouse["id"]], "with_childs": True},
            )
            levels.extend(
                ErpStockLevel(
                    sku=r["code"] or f"product-{r['id']}",
                    location=warehouse["code"] or warehouse["name"],
                    on_hand=_quantity(r["quantity"]),
                )
                for r in rows
            )
        return pull_of(RecordType.STOCK_LEVELS, levels, cursor=None, complete=False)

    def _demand(self) -> Pull:
        moves = self.search_read(
            "stock.move",
            [["state", "=", "done"], ["to_location.type", "=", "customer"]],
            ["product.code", "quantity", "effective_date"],
        )
        totals: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
        for move in moves:
            code = (move.get("product.") or {}).get("code")
            if code and move.get("effective_date"):
                totals[(code, move["effective_date"])] += _quantity(move["quantity"])
        demand = [
            ErpDemand(sku=sku, period_start=day, quantity=qty) for (sku, day), qty in sorted(totals.items())
        ]
        return pull_of(RecordType.DEMAND_HISTORY, demand, cursor=None, complete=False)

    # ------------------------------------------------------------------ push

    def push(self, action: ErpAction) -> PushResult:
        """POST_INVOICE: a draft supplier invoice with the invoice's own lines (a credit note's with
        negative quantities: Tryton's supplier credit note); HOLD_INVOICE:
        nothing to write; CREATE_PURCHASE_ORDER: a purchase created, quoted and confirmed;
        CREATE_PURCHASE_REQUEST: the item's purchase order point set, then the stock-supply wizard run
        (purchase requests are read-only over RPC). The idempotency key is kept in the invoice's or
        purchase's comment, so the same key never creates a second one."""
        try:
            if action.kind is ActionKind.POST_INVOICE:
                return self._draft_invoice(action)
            if action.kind is ActionKind.HOLD_INVOICE:
                return PushResult(detail="held in opsloop; nothing to write to Tryton until it is released")
            if action.kind is ActionKind.REJECT_INVOICE:
                return PushResult(detail="rejected in opsloop; Tryton has no invoice to change")
            if action.kind is ActionKind.REVERSE_ACTION:
                return self._reverse(action)
            if action.kind is ActionKind.CREATE_PURCHASE_ORDER:
                return self._purchase_order(action)
            if action.kind is ActionKind.CREATE_PURCHASE_REQUEST:
                return self._purchase_request(action)
        except RpcError as error:
            raise PushRejected(f"Tryton refused {action.kind.value}: {error}") from error
        raise PushRejected(f"the Tryton connector cannot do {action.kind.value} yet")

    def invoice_states(self, external_ids: Sequence[str]) -> dict[str, str]:
        """The state in Tryton of supplier invoices opsloop wrote (external id -> `draft`, `validated`,
        `posted`, `paid`, `cancelled`); one Tryton no longer has is `deleted` (validating a purchase
        amendment deletes the purchase's draft invoices it leaves without lines)."""
        ids = sorted({int(e) for e in external_ids if str(e).isdigit()})
        found = (
            {
                str(r["id"]): str(r["state"])
                for r in self.search_read("account.invoice", [["id", "in", ids]], ["state"])
            }
            if ids
            else {}
        )
        return {str(e): found.get(str(e), "deleted") for e in external_ids if str(e).isdigit()}

    def _reverse(self, action: ErpAction) -> PushResult:
        """Undo a pushed action: a draft supplier invoice is cancelled (a posted one is refused: it
        needs a credit note in Tryton); a hold or a rejection wrote nothing, so nothing is undone."""
        payload = action.payload
        kind = str(payload.get("reverses_kind") or "")
        if kind in (ActionKind.HOLD_INVOICE.value, ActionKind.REJECT_INVOICE.value):
            return PushResult(detail=f"{kind} wrote nothing to Tryton; nothing to undo")
        if kind != ActionKind.POST_INVOICE.value:
            raise PushRejected(f"the Tryton connector cannot reverse {kind or 'an unnamed action'}")
        external = str(payload.get("external_id") or "")
        if not external.isdigit():
            raise PushRejected(f"no Tryton invoice id to cancel (external id {external!r})")
        found = self.call("account.invoice", "read", [int(external)], ["state", "number"])
        if not found:
            raise PushRejected(f"Tryton has no invoice {external} to cancel")
        state = found[0]["state"]
        if state == "cancelled":
            return PushResult(external_id=external, detail=f"invoice {external} was cancelled already")
        if state not in ("draft", "validated"):
            raise PushRejected(f"invoice {external} is {state} in Tryton; cancel it there with a credit note")
        self.call("account.invoice", "cancel", [int(external)])
        return PushResult(external_id=external, detail=f"draft supplier invoice {external} cancelled")

    def _draft_invoice(self, action: ErpAction) -> PushResult:
        marker = f"opsloop:{action.idempotency_key}"
        payload = action.payload
        credit_note = payload.get("action") == "book_credit_note"
        existing = self.search_read(
            "account.invoice", [["comment", "like", f"%{marker}%"]], ["number", "state"]
        )
        if existing:
            found = int(existing[0]["id"])
            # a push cut off between creating and checking it: its figures are checked now
            notes = self._agree(found, payload, [], credit_note) if existing[0]["state"] == "draft" else []
            return PushResult(
                external_id=str(found), detail="; ".join(["already created (same idempotency key)", *notes])
            )
        vendor = payload.get("vendor_erp_id")
        parties = self.search_read("party.party", [["code", "=", vendor]], ["addresses"])
        if not parties:
            raise PushRejected(f"vendor {vendor!r} is not a party in Tryton; sync and check the vendor")
        party = parties[0]
        if not party.get("addresses"):
            raise PushRejected(f"party {vendor!r} has no address in Tryton; add one so it can be invoiced")
        journals = self.search_read("account.journal", [["type", "=", "expense"]], ["id"])
        if not journals:
            raise PushRejected("Tryton has no expense journal; create one for supplier invoices")
        lines = self._invoice_lines(payload)
        if not lines:
            raise PushRejected(
                "no invoice lines: the payload has none and the POs it names have none in Tryton"
            )
        printed_lines = [line.pop("printed", None) for line in lines]
        if credit_note:
            printed_lines = [-abs(p) if p is not None else None for p in printed_lines]
            # Tryton books a supplier credit note as an `in` invoice whose total is negative: each
            # line's quantity negative, its price as printed (the page may print either sign)
            for line in lines:
                line["quantity"] = -abs(float(line["quantity"]))
                line["unit_price"] = abs(Decimal(str(line["unit_price"])))
        invoice_date = payload.get("invoice_date")
        currency = self._currency_id(payload.get("currency"))
        for line in lines:
            # a line's currency defaults to the company's (RPC create runs no on-change): an invoice in
            # another currency is refused unless each line carries the invoice's
            line["currency"] = currency
        values: dict[str, Any] = {
            "type": "in",
            "company": self._context.get("company"),
            "party": party["id"],
            "invoice_address": party["addresses"][0],
            "account": self._account("payable"),
            "journal": journals[0]["id"],
            "currency": currency,
            "reference": payload.get("invoice_number"),
            "comment": f"{marker}\nfrom opsloop; POs: {', '.join(payload.get('po_numbers') or [])}",
            "lines": [["create", lines]],
        }
        if invoice_date:
            values["invoice_date"] = date.fromisoformat(str(invoice_date))
        term = payload.get("payment_term")
        values["payment_term"] = term if term is not None else self._payment_term(payload, party["id"])
        (invoice_id,) = self.call("account.invoice", "create", [values])
        notes = self._agree(invoice_id, payload, printed_lines, credit_note)
        kind = "supplier credit note" if credit_note else "supplier invoice"
        detail = "; ".join([f"draft {kind} {invoice_id} created", *notes])
        return PushResult(external_id=str(invoice_id), detail=detail)

    def _agree(
        self, invoice_id: int, payload: dict[str, Any], printed_lines: list[Decimal | None], credit_note: bool
    ) -> list[str]:
        """Make the draft invoice's net and tax the page's, or delete it and refuse. Tryton recomputes
        each line from a unit price kept to four places (465 at 0.38 less 5 % prints 167.87; no
        four-place price gives it) and rounds the taxes its own way, so its figures are read back: a gap
        within the policy's `erp_rounding_abs` becomes a rounding-difference line (net, taxed as the
        line it corrects, so the tax follows) or an adjusted tax line (Tryton keeps a supplier invoice's
        tax amount as keyed while its base is unchanged); a larger one is refused. Returns what was
        adjusted, for the push's detail."""
        limit = rounding_limit(payload)
        printed = printed_amounts(payload, credit_note=credit_note)
        if printed.net is None and printed.tax is None and printed.total is None:
            return []  # a payload without the invoice's figures: nothing to compare
        try:
            return self._bring_to_printed(invoice_id, printed, printed_lines, limit)
        except PushRejected:
            self.call("account.invoice", "delete", [invoice_id])
            raise

    def _bring_to_printed(
        self, invoice_id: int, printed: PrintedAmounts, printed_lines: list[Decimal | None], limit: Decimal
    ) -> list[str]:
        notes: list[str] = []
        fields = ["lines", "untaxed_amount", "tax_amount", "total_amount", "taxes", "currency"]
        [invoice] = self.call("account.invoice", "read", [invoice_id], fields)
        gap = rounding_gap("Tryton", "net", invoice["untaxed_amount"], printed.net, limit)
        if gap:
            rows = sorted(
                self.call("account.invoice.line", "read", invoice["lines"], ["amount", "taxes", "account"]),
                key=lambda row: row["id"],
            )
            by_booking: dict[tuple[int | None, tuple[int, ...]], Decimal] = defaultdict(Decimal)
            for row, part in zip(rows, line_gaps(printed_lines, [r["amount"] for r in rows]), strict=False):
                if part:
                    by_booking[(row.get("account"), tuple(sorted(row.get("taxes") or [])))] += part
            rest = gap - sum(by_booking.values(), Decimal(0))
            if rest:
                # what no single line accounts for goes with the largest line
                largest = max(rows, key=lambda row: abs(row["amount"]), default=None)
                key = (
                    (largest.get("account"), tuple(sorted(largest.get("taxes") or [])))
                    if largest is not None
                    else (None, ())
                )
                by_booking[key] += rest
            account = self._rounding_account()
            new = [
                {
                    "type": "line",
                    "account": account or line_account or self._account("expense"),
                    "description": "rounding difference: the invoice's printed net (unit prices kept to four places)",
                    "quantity": 1.0,
                    "unit_price": amount,
                    "taxes": [["add", list(taxes)]],
                    "currency": invoice["currency"],
                }
                for (line_account, taxes), amount in by_booking.items()
                if amount
            ]
            self.call("account.invoice", "write", [invoice_id], {"lines": [["create", new]]})
            notes.append(f"rounding difference {gap:+.2f} booked to reach the printed net")
            [invoice] = self.call("account.invoice", "read", [invoice_id], fields)
        rounding_gap("Tryton", "net", invoice["untaxed_amount"], printed.net, Decimal(0))
        tax_gap = rounding_gap("Tryton", "tax", invoice["tax_amount"], printed.tax, limit)
        if tax_gap:
            taxes = self.call("account.invoice.tax", "read", invoice["taxes"], ["amount"])
            if not taxes:
                rounding_gap("Tryton", "tax", invoice["tax_amount"], printed.tax, Decimal(0))
            largest = max(taxes, key=lambda row: abs(row["amount"]))
            self.call(
                "account.invoice.tax", "write", [largest["id"]], {"amount": largest["amount"] + tax_gap}
            )
            notes.append(f"tax {tax_gap:+.2f} to the printed tax")
            [invoice] = self.call("account.invoice", "read", [invoice_id], fields)
            rounding_gap("Tryton", "tax", invoice["tax_amount"], printed.tax, Decimal(0))
        rounding_gap("Tryton", "total", invoice["total_amount"], printed.total, limit)
        return notes

    def _rounding_account(self) -> int | None:
        """The configured rounding-difference account's id (None: not configured)."""
        if not self.rounding_account:
            return None
        rows = self.search_read(
            "account.account", [["code", "=", self.rounding_account], ["closed", "!=", True]], ["id"]
        )
        if not rows:
            raise PushRejected(
                f"the rounding account {self.rounding_account!r} is not an open account in Tryton; "
                "set OPSLOOP_ERP__ROUNDING_ACCOUNT to one of its account codes"
            )
        return int(rows[0]["id"])

    def _payment_term(self, payload: dict[str, Any], party_id: int) -> int | None:
        """The terms agreed with the supplier: the payment term of the first PO the invoice names that
        has one, else the party's supplier payment term. RPC create runs no on-change, and a supplier
        invoice without a payment term falls due on its date in Tryton."""
        numbers = po_numbers(payload, invoice_lines(payload) or [])
        if numbers:
            for row in self.search_read("purchase.purchase", [["number", "in", numbers]], ["payment_term"]):
                if row.get("payment_term"):
                    return int(row["payment_term"])
        rows = self.call("party.party", "read", [party_id], ["supplier_payment_term"])
        term = rows[0].get("supplier_payment_term") if rows else None
        return int(term) if term else None

    def _account(self, kind: str) -> int:
        """The company's first open account of this type (RPC create runs no on-change that would pick it)."""
        rows = self.search_read(
            "account.account", [[f"type.{kind}", "=", True], ["closed", "!=", True]], ["id"]
        )
        if not rows:
            raise PushRejected(f"Tryton has no open {kind} account; set up the chart of accounts")
        return int(rows[0]["id"])

    def _currency_id(self, code: Any) -> int:
        if code:
            rows = self.search_read("currency.currency", [["code", "=", code]], ["id"])
            if rows:
                return int(rows[0]["id"])
            raise PushRejected(f"currency {code!r} is not set up in Tryton")
        company = self.call("company.company", "read", [self._context.get("company")], ["currency"])
        return int(company[0]["currency"])

    def _invoice_lines(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """The draft invoice's lines: the invoice's own lines from the payload (`lines`, as the
        reconciler's approval carries them); only a payload without `lines` (queued before lines were
        carried) gets the lines of the POs it names."""
        lines = invoice_lines(payload)
        if lines is None:
            return self._po_invoice_lines(payload)
        account = self._account("expense")
        wanted = po_numbers(payload, lines)
        po_lines = self._purchase_lines_by_number(wanted) if wanted else {}
        # a line the page prints without a rate of its own (a deposit, an advance deducted, a charge) bears
        # the invoice's VAT rate when the invoice has one (its tax over its net: 19 % of the net, say); on
        # an invoice of several rates that is no rate any tax has, and such a line is written untaxed
        whole_rate = whole.tax_rate if (whole := net_line(payload)) is not None else None
        created: list[dict[str, Any]] = []
        for line in lines:
            found = po_lines.get(line.po_ref) if line.po_ref is not None else None
            if found is not None:
                # in the purchase line's unit (pieces billed on a line of boxes are written as boxes, at
                # the price per box): Tryton compares invoiced with ordered quantities in that unit
                quantity = line.po_quantity if line.quantity is not None else _quantity(found["quantity"])
                assert quantity is not None
                created.append(
                    {
                        "type": "line",
                        "product": found["product"],
                        "account": account,
                        "description": line.description or found.get("description") or "",
                        "quantity": float(quantity),  # Tryton quantities are floats
                        "unit": found["unit"],
                        "unit_price": line.price_per(quantity, found["unit_price"]),
                        "taxes": [["add", found.get("taxes") or []]],
                        "origin": f"purchase.line,{found['id']}",
                        "printed": line.amount,  # popped before the create: what the page prints
                    }
                )
                continue
            amount = line.unmatched_amount()
            exact = (
                line.quantity is not None
                and line.unit_price is not None
                and line.quantity * line.unit_price == amount
            )
            created.append(
                {
                    "type": "line",
                    "account": account,
                    "description": line.description or f"invoice line {line.position}",
                    "quantity": float(line.quantity) if exact and line.quantity is not None else 1.0,
                    "unit_price": line.unit_price if exact else amount,
                    "taxes": [
                        [
                            "add",
                            self._taxes_of_rate(line.tax_rate if line.tax_rate is not None else whole_rate),
                        ]
                    ],
                    "printed": amount,
                }
            )
        whole = whole if not created else None
        if whole is not None:
            created.append(
                {
                    "type": "line",
                    "account": account,
                    "description": whole.description,
                    "quantity": 1.0,
                    "unit_price": whole.amount,
                    "taxes": [["add", self._taxes_of_rate(whole.tax_rate)]],
                    "printed": whole.amount,
                }
            )
        return created

    def _purchase_lines_by_number(self, numbers: list[str]) -> dict[tuple[str, int], dict[str, Any]]:
        """(PO number, line number as the mirror numbers them) -> the Tryton purchase line."""
        purchases = self.search_read("purchase.purchase", [["number", "in", numbers]], ["id", "number"])
        if not purchases:
            return {}
        number_of = {p["id"]: p["number"] for p in purchases}
        lines = self.search_read(
            "purchase.line",
            [["purchase", "in", list(number_of)], ["type", "=", "line"]],
            ["purchase", "sequence", "product", "description", "quantity", "unit", "unit_price", "taxes"],
        )
        positions = self._line_numbers(lines)
        return {(number_of[line["purchase"]], positions[line["id"]]): line for line in lines}

    def _taxes_of_rate(self, rate: Decimal | None) -> list[int]:
        """The percentage taxes of this rate (percent: 19 = 19 %), the first one found; none for no rate."""
        if rate is None or rate == 0:
            return []
        rows = self.search_read(
            "account.tax", [["type", "=", "percentage"], ["parent", "=", None]], ["rate", "group.kind"]
        )
        fitting = [r for r in rows if r.get("rate") is not None and r["rate"] * 100 == rate]
        purchase = [r for r in fitting if (r.get("group.") or {}).get("kind") in ("purchase", "both")]
        chosen = purchase or fitting
        return [int(chosen[0]["id"])] if chosen else []

    def _po_invoice_lines(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        numbers = list(payload.get("po_numbers") or [])
        if not numbers:
            return []
        purchases = self.search_read("purchase.purchase", [["number", "in", numbers]], ["id"])
        if not purchases:
            return []
        lines = self.search_read(
            "purchase.line",
            [["purchase", "in", [p["id"] for p in purchases]], ["type", "=", "line"]],
            [
                "product",
                "description",
                "quantity",
                "unit",
                "unit_price",
                "taxes",
            ],
        )
        account = self._account("expense")
        created = []
        for line in lines:
            created.append(
                {
                    "type": "line",
                    "product": line["product"],
                    "account": account,
                    "description": line.get("description") or "",
                    "quantity": line["quantity"],
                    "unit": line["unit"],
                    "unit_price": line["unit_price"],
                    "taxes": [["add", line.get("taxes") or []]],
                    "origin": f"purchase.line,{line['id']}",
                }
            )
        return created

    # ------------------------------------------------------------------ purchasing

    def _product(self, sku: Any) -> dict[str, Any]:
        rows = self.search_read(
            "product.product",
            [["code", "=", sku]],
            ["template", "purchase_uom", "default_uom", "cost_price", "purchasable"],
        )
        if not rows:
            raise PushRejected(f"item {sku!r} is not a product in Tryton; sync and check the SKU")
        return rows[0]

    def _supplier_taxes(self, template_id: int) -> list[int]:
        """The supplier taxes of the product's accounting category (RPC create runs no on-change)."""
        rows = self.call("product.template", "read", [template_id], ["account_category"])
        category = rows[0].get("account_category") if rows else None
        if category is None:
            return []
        [found] = self.call("product.category", "read", [category], ["supplier_taxes_used"])
        return list(found.get("supplier_taxes_used") or [])

    def _party(self, code: Any) -> dict[str, Any]:
        rows = self.search_read("party.party", [["code", "=", code]], ["addresses"])
        if not rows:
            raise PushRejected(f"vendor {code!r} is not a party in Tryton; sync and check the vendor")
        if not rows[0].get("addresses"):
            raise PushRejected(f"party {code!r} has no address in Tryton; add one so it can be ordered from")
        return rows[0]

    def _warehouse_id(self, code: Any = None) -> int:
        domain: list[Any] = [["type", "=", "warehouse"]]
        if code:
            domain.append(["code", "=", code])
        rows = self.search_read("stock.location", domain, ["id"])
        if not rows:
            raise PushRejected(f"Tryton has no warehouse{f' {code!r}' if code else ''}")
        return int(rows[0]["id"])

    def _purchase_order(self, action: ErpAction) -> PushResult:
        """Create the purchase for an approved reorder, then quote and confirm it (Tryton then plans
        the incoming moves). Payload: sku, quantity, vendor_erp_id, unit_cost (else the product's cost)."""
        marker = f"opsloop:{action.idempotency_key}"
        existing = self.search_read(
            "purchase.purchase", [["comment", "like", f"%{marker}%"]], ["number", "state"]
        )
        if existing:
            found = existing[0]
            return PushResult(
                external_id=found["number"] or str(found["id"]),
                detail=f"already created (same idempotency key); purchase {found['number']} is {found['state']}",
            )
        payload = action.payload
        if not payload.get("vendor_erp_id"):
            raise PushRejected("the reorder names no vendor; set the item's preferred vendor and plan again")
        quantity = Decimal(str(payload.get("quantity") or 0))
        if quantity <= 0:
            raise PushRejected(f"the reorder quantity {payload.get('quantity')!r} is not positive")
        product = self._product(payload.get("sku"))
        party = self._party(payload["vendor_erp_id"])
        unit_cost = payload.get("unit_cost")
        price = Decimal(str(unit_cost)) if unit_cost not in (None, "") else product.get("cost_price")
        if price is None:
            raise PushRejected(
                f"no price for {payload.get('sku')!r}: the payload has none and Tryton has no cost"
            )
        values: dict[str, Any] = {
            "company": self._context.get("company"),
            "party": party["id"],
            "invoice_address": party["addresses"][0],
            "warehouse": self._warehouse_id(payload.get("warehouse")),
            "currency": self._currency_id(payload.get("currency")),
            "purchase_date": date.fromisoformat(str(payload["order_date"]))
            if payload.get("order_date")
            else None,
            "comment": f"{marker}\nreorder proposed by opsloop",
            "lines": [
                [
                    "create",
                    [
                        {
                            "type": "line",
                            "product": product["id"],
                            "quantity": float(quantity),  # Tryton quantities are floats
                            "unit": product.get("purchase_uom") or product["default_uom"],
                            "unit_price": Decimal(str(price)),
                            "taxes": [["add", self._supplier_taxes(int(product["template"]))]],
                        }
                    ],
                ]
            ],
        }
        if values["purchase_date"] is None:
            del values["purchase_date"]
        (purchase_id,) = self.call("purchase.purchase", "create", [values])
        self.call("purchase.purchase", "quote", [purchase_id])
        self.call("purchase.purchase", "confirm", [purchase_id])
        [row] = self.call("purchase.purchase", "read", [purchase_id], ["number", "state"])
        return PushResult(
            external_id=row["number"] or str(purchase_id),
            detail=f"purchase {row['number']} created and {row['state']} in Tryton",
        )

    def _purchase_request(self, action: ErpAction) -> PushResult:
        """Purchase requests cannot be created over RPC: set the item's purchase order point at the
        warehouse (min = payload `reorder_point`, else the target; target = payload `target_quantity`,
        else the forecast quantity plus `quantity`), then run the stock-supply wizard, which creates
        the requests Tryton computes from its order points. Re-running is harmless: the order point is
        updated in place and the wizard recomputes its draft requests."""
        payload = action.payload
        product = self._product(payload.get("sku"))
        warehouse = self._warehouse_id(payload.get("warehouse"))
        if payload.get("target_quantity") not in (None, ""):
            target = Decimal(str(payload["target_quantity"]))
        else:
            quantity = Decimal(str(payload.get("quantity") or 0))
            if quantity <= 0:
                raise PushRejected(f"the request quantity {payload.get('quantity')!r} is not positive")
            [forecast] = self.call(
                "product.product",
                "read",
                [product["id"]],
                ["forecast_quantity"],
                context={"locations": [warehouse], "with_childs": True},
            )
            target = _quantity(forecast["forecast_quantity"] or 0) + quantity
        minimum = (
            Decimal(str(payload["reorder_point"]))
            if payload.get("reorder_point") not in (None, "")
            else target
        )
        values = {"min_quantity": float(min(minimum, target)), "target_quantity": float(target)}
        points = self.search_read(
            "stock.order_point",
            [["product", "=", product["id"]], ["location", "=", warehouse], ["type", "=", "purchase"]],
            ["id"],
        )
        if points:
            self.call("stock.order_point", "write", [points[0]["id"]], values)
        else:
            self.call(
                "stock.order_point",
                "create",
                [
                    {
                        "product": product["id"],
                        "location": warehouse,
                        "type": "purchase",
                        "company": self._context.get("company"),
                        **values,
                    }
                ],
            )
        self.run_wizard("stock.supply", "create_")
        requests = self.search_read(
            "purchase.request",
            [["product", "=", product["id"]], ["state", "=", "draft"]],
            ["quantity", "party"],
        )
        if not requests:
            return PushResult(
                detail=f"order point of {payload.get('sku')} set (min {values['min_quantity']:g}, "
                f"target {values['target_quantity']:g}); Tryton found nothing to request yet"
            )
        total = sum((_quantity(r["quantity"]) for r in requests), Decimal(0))
        return PushResult(
            external_id=",".join(str(r["id"]) for r in requests),
            detail=f"purchase request(s) for {total} of {payload.get('sku')} created by Tryton's stock supply",
        )

    def run_wizard(self, wizard: str, state: str) -> Any:
        """Run one state of a Tryton wizard over RPC (create a session, execute, delete). A warning
        the wizard raises (Tryton's `UserWarning`) is acknowledged for this user once, then retried."""
        if self._auth is None:
            self.login()
        session_id = self._post(f"wizard.{wizard}.create", [self._context])[0]
        try:
            for _attempt in range(3):
                try:
                    return self._post(f"wizard.{wizard}.execute", [session_id, {}, state, self._context])
                except RpcError as error:
                    detail = error.error
                    if not (isinstance(detail, list) and detail and detail[0] == "UserWarning"):
                        raise
                    self.call(
                        "res.user.warning",
                        "create",
                        [{"user": self._user_id, "name": detail[1][0], "always": False}],
                    )
            raise PushRejected(f"the {wizard} wizard kept raising warnings")
        finally:
            self._post(f"wizard.{wizard}.delete", [session_id, self._context])
