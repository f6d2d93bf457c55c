"""The Tryton connector against what a company keeps in Tryton (evals/decisions3), on a scripted JSON-RPC
server (httpx's MockTransport): supplier returns, suppliers set inactive, invoices keyed in by hand,
services, and supplier invoices in another currency."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx

from opsloop.erp.jsonrpc import decode_tagged, encode_tagged
from opsloop.erp.protocol import ActionKind, ErpAction
from opsloop.erp.records import RecordType
from opsloop.erp.tryton import TrytonConnector
from opsloop.erp.writeback import InvoiceLine

Handler = Callable[[list[Any]], Any]
STAMP = datetime(2026, 11, 20, 8, 0, 0)
CURSOR = datetime(2026, 11, 1).isoformat()


def _connector(
    models: dict[str, Handler], calls: list[tuple[str, list[Any]]] | None = None
) -> TrytonConnector:
    base: dict[str, Handler] = {
        "common.db.login": lambda p: [1, "token"],
        "model.res.user.get_preferences": lambda p: {"company": 1},
        "model.company.company.read": lambda p: [{"id": 1, "party": 1, "currency": 1}],
    }
    base.update(models)

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        method, params = body["method"], decode_tagged(body["params"])
        if calls is not None:
            calls.append((method, params))
        found = base.get(method)
        result = found(params) if found is not None else []
        return httpx.Response(200, json={"id": body["id"], "result": encode_tagged(result)})

    return TrytonConnector(
        "http://tryton.test", "company", "admin", "admin", transport=httpx.MockTransport(handle)
    )


def _purchase_lines(params: list[Any]) -> list[dict[str, Any]]:
    return [{"id": 7, "purchase": 3, "purchase.": {"number": "BE000032"}, "sequence": 1, "quantity": 10.0}]


def test_goods_sent_back_to_the_supplier_are_no_longer_received() -> None:
    # GIVEN ten received on an incoming shipment, then all ten sent back on a supplier return
    connector = _connector(
        {
            "model.stock.shipment.in.search_read": lambda p: [
                {"id": 1, "number": "IN1", "effective_date": date(2026, 11, 10), "incoming_moves": [11]}
            ],
            "model.stock.shipment.in.return.search_read": lambda p: [
                {"id": 2, "number": "RET1", "effective_date": date(2026, 11, 25), "moves": [12]}
            ],
            "model.stock.move.search_read": lambda p: [
                {"id": 11, "origin": "purchase.line,7", "quantity": 10.0, "shipment": "stock.shipment.in,1"},
                {
                    "id": 12,
                    "origin": "purchase.line,7",
                    "quantity": 10.0,
                    "shipment": "stock.shipment.in.return,2",
                },
            ],
            "model.purchase.line.read": _purchase_lines,
            "model.purchase.line.search_read": _purchase_lines,
        }
    )
    lines = connector.pull(RecordType.GOODS_RECEIPT_LINES, None).rows
    received = sum(Decimal(row["quantity"]) for row in lines)
    # THEN the mirror's received quantity of the PO line nets to nothing
    assert received == 0, lines
    receipts = connector.pull(RecordType.GOODS_RECEIPTS, None).rows
    assert {r["number"] for r in receipts} == {"IN1", "RET1"}


def test_a_supplier_set_inactive_since_the_last_sync_leaves_the_vendor_master() -> None:
    parties = [
        {"id": 1, "code": "C1", "name": "Our company", "active": True, "write_date": STAMP},
        {"id": 2, "code": "L100", "name": "Kept GmbH", "active": True, "write_date": STAMP},
        {"id": 3, "code": "L200", "name": "Blocked GmbH", "active": False, "write_date": STAMP},
    ]

    def search(params: list[Any]) -> list[dict[str, Any]]:
        context = params[-1]
        changed = [p for p in parties if p["id"] == 3] if params[0] else parties
        return changed if context.get("active_test") is False else [p for p in changed if p["active"]]

    pull = _connector({"model.party.party.search_read": search}).pull(RecordType.VENDORS, CURSOR)
    # THEN the pull is Tryton's complete set of active suppliers: the sync deactivates the missing one
    assert pull.complete
    assert {row["erp_id"] for row in pull.rows} == {"L100"}


def test_a_po_billed_by_an_invoice_keyed_in_and_posted_in_tryton_is_billed() -> None:
    purchases = [
        {"id": 3, "number": "BE000040", "state": "processing", "shipment_state": "received",
         "invoice_state": "awaiting payment", "party.": {"code": "L100"}, "currency.": {"code": "EUR"}},
        {"id": 4, "number": "BE000041", "state": "processing", "shipment_state": "received",
         "invoice_state": "awaiting payment", "party.": {"code": "L100"}, "currency.": {"code": "EUR"}},
    ]  # fmt: skip
    lines = [
        {"id": 7, "purchase": 3, "quantity": 10.0, "invoice_lines": [70]},
        {"id": 8, "purchase": 4, "quantity": 10.0, "invoice_lines": [80]},
        {"id": 9, "purchase": 4, "quantity": 5.0, "invoice_lines": []},
    ]
    invoice_lines = [
        {"id": 70, "quantity": 10.0, "invoice.": {"state": "posted"}},
        {"id": 80, "quantity": 10.0, "invoice.": {"state": "posted"}},
    ]
    connector = _connector(
        {
            "model.purchase.purchase.search_read": lambda p: purchases,
            "model.purchase.line.search_read": lambda p: lines,
            "model.account.invoice.line.read": lambda p: [r for r in invoice_lines if r["id"] in p[0]],
        }
    )
    status = {row["number"]: row["status"] for row in connector.pull(RecordType.PURCHASE_ORDERS, None).rows}
    # THEN the PO every line of which a posted invoice bills is billed; one with a line left is not
    assert status == {"BE000040": "billed", "BE000041": "received"}


def test_a_tryton_service_is_an_item_of_the_service_category() -> None:
    products = [
        {"id": 1, "code": "S-1", "name": "Maintenance", "type": "service", "cost_price": Decimal(1)},
        {"id": 2, "code": "G-1", "name": "Gloves", "type": "goods", "cost_price": Decimal(1)},
    ]
    rows = (
        _connector({"model.product.product.search_read": lambda p: products})
        .pull(RecordType.ITEMS, None)
        .rows
    )
    assert {r["sku"]: r["category"] for r in rows} == {"S-1": "service", "G-1": ""}


def test_a_supplier_invoice_in_another_currency_carries_it_on_every_line() -> None:
    calls: list[tuple[str, list[Any]]] = []
    connector = _connector(
        {
            "model.party.party.search_read": lambda p: [{"id": 9, "addresses": [90]}],
            "model.account.journal.search_read": lambda p: [{"id": 2}],
            "model.account.account.search_read": lambda p: [{"id": 5}],
            "model.currency.currency.search_read": lambda p: [{"id": 2}],
            "model.account.invoice.create": lambda p: [41],
        },
        calls,
    )
    payload = {
        "action": "approve_payment",
        "vendor_erp_id": "L300",
        "currency": "USD",
        "invoice_number": "4274",
        "lines": [{"position": 1, "description": "LED work light", "quantity": "10", "unit_price": "29.50"}],
    }
    connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="proposal:1", payload=payload))
    [values] = next(params for method, params in calls if method == "model.account.invoice.create")[0]
    created = values["lines"][0][1]
    # THEN the invoice and each of its lines are in the invoice's currency (Tryton refuses lines left
    # in the company's currency on a USD invoice)
    assert values["currency"] == 2 and all(line["currency"] == 2 for line in created)


def test_a_line_printed_with_its_list_price_and_a_discount_writes_the_net_price() -> None:
    # GIVEN 25 at a list price of 7.40 less 15 %: the line's amount is 157.25
    line = InvoiceLine(1, "Gloves", Decimal(25), Decimal("7.40"), Decimal("157.25"), None, None)
    # THEN the price written is what is owed per unit, not the list price
    assert line.price_per(Decimal(25), None) == Decimal("6.2900")
    # AND a price that gives the amount is written as printed
    plain = InvoiceLine(2, "Bolts", Decimal(100), Decimal("0.38"), Decimal("38.00"), None, None)
    assert plain.price_per(Decimal(100), None) == Decimal("0.38")


def test_pieces_billed_on_a_po_line_of_boxes_are_written_as_boxes() -> None:
    calls: list[tuple[str, list[Any]]] = []
    connector = _connector(
        {
            "model.party.party.search_read": lambda p: [{"id": 9, "addresses": [90]}],
            "model.account.journal.search_read": lambda p: [{"id": 2}],
            "model.account.account.search_read": lambda p: [{"id": 5}],
            "model.currency.currency.search_read": lambda p: [{"id": 1}],
            "model.purchase.purchase.search_read": lambda p: [{"id": 3, "number": "BE000035"}],
            "model.purchase.line.search_read": lambda p: [
                {
                    "id": 7,
                    "purchase": 3,
                    "sequence": 1,
                    "product": 4,
                    "description": "Silicone",
                    "quantity": 12.0,
                    "unit": 36,
                    "unit_price": Decimal("27.60"),
                    "taxes": [1],
                }
            ],
            "model.account.invoice.create": lambda p: [41],
        },
        calls,
    )
    # GIVEN 144 pieces at 2.30 billed on a PO line of 12 boxes of 12 (the reconciler's unit factor 12)
    line = {"position": 1, "description": "Silicone", "quantity": "144", "unit_price": "2.30", "amount": "331.20",
            "po_line": {"po_number": "BE000035", "line_no": 1, "unit_factor": "12"}}  # fmt: skip
    payload = {"action": "approve_payment", "vendor_erp_id": "L300", "currency": "EUR", "lines": [line]}
    connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="proposal:2", payload=payload))
    [values] = next(params for method, params in calls if method == "model.account.invoice.create")[0]
    [written] = values["lines"][0][1]
    # THEN Tryton gets 12 boxes at 27.60 (not 144 boxes at 2.30): the same amount, the PO's quantity
    assert (written["quantity"], written["unit"], written["unit_price"]) == (12.0, 36, Decimal("27.6000"))


def test_a_purchase_line_without_taxes_is_no_vat_and_one_with_a_tax_not_read_is_unknown() -> None:
    # GIVEN a USD import PO: one line Tryton taxes with nothing (it books no VAT on it), one with a
    # fixed-amount tax opsloop does not read as a rate
    purchases = [{"id": 3, "number": "BE000050", "state": "processing", "shipment_state": "received",
                  "invoice_state": "none", "party.": {"code": "L200"}, "currency.": {"code": "USD"}}]  # fmt: skip
    lines = [
        {"id": 7, "purchase": 3, "purchase.": {"number": "BE000050"}, "sequence": 1, "quantity": 5.0,
         "unit_price": Decimal("20.00"), "taxes": []},
        {"id": 8, "purchase": 3, "purchase.": {"number": "BE000050"}, "sequence": 2, "quantity": 5.0,
         "unit_price": Decimal("20.00"), "taxes": [4]},
    ]  # fmt: skip
    connector = _connector(
        {
            "model.purchase.purchase.search_read": lambda p: purchases,
            "model.purchase.line.search_read": lambda p: lines,
            "model.account.tax.read": lambda p: [{"id": 4, "type": "fixed", "rate": None, "childs": []}],
        }
    )
    rows = connector.pull(RecordType.PURCHASE_ORDER_LINES, None).rows
    # THEN the untaxed line is checked against 0 % (the invoice must charge none), the other not at all
    assert [(r["line_no"], r["tax_rate"]) for r in rows] == [("1", "0"), ("2", "")]
