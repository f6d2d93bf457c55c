"""The ERPNext connector against recorded Frappe REST payloads served on 127.0.0.1 (it has not met a live
ERPNext): full and incremental sync paged by limit_start/limit_page_length, a refused token, a 500
mid-sync, and a draft Purchase Invoice written back once per idempotency key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.erpnext import ErpNextConnector
from opsloop.erp.protocol import ActionKind, ErpAction, PushRejected
from opsloop.erp.sync import sync_source
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import migrated_engine
from tests.erp.payload_server import ERPNEXT_TOKEN, RecordedErp, erpnext_app, load_payload, serve

FAST = ErpSettings(retry_attempts=2, retry_wait_seconds=0.0)
KEY, SECRET = ERPNEXT_TOKEN.removeprefix("token ").split(":")


@pytest.fixture
def erpnext() -> Iterator[RecordedErp]:
    with serve(RecordedErp(load_payload("erpnext_records.json")), erpnext_app) as state:
        yield state


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _connector(state: RecordedErp, secret: str = SECRET) -> ErpNextConnector:
    return ErpNextConnector(state.url, KEY, secret, timeout=5, page_size=2)


def _list_queries(state: RecordedErp, doctype: str) -> list[dict[str, str]]:
    queries = []
    for request in state.requests:
        parts = urlsplit(request["path"])
        if request["method"] == "GET" and unquote(parts.path) == f"/api/resource/{doctype}":
            queries.append({k: v[0] for k, v in parse_qs(parts.query).items()})
    return queries


def test_full_sync_pages_through_erpnext_and_fills_the_mirror(erpnext: RecordedErp, engine: Engine) -> None:
    # GIVEN recorded ERPNext data: 3 active suppliers and a disabled one, a submitted PO partly
    # received, a draft PO, a completed PO, two receipts, bins and delivery-note ledger entries
    # WHEN synced in full with pages of 2
    report = sync_source(engine, _connector(erpnext), FAST, full=True)
    # THEN the supplier list was read page by page until a short page, with the token on every request
    assert report.status == "ok", report
    assert [q["limit_start"] for q in _list_queries(erpnext, "Supplier")] == ["0", "2"]
    assert {r["authorization"] for r in erpnext.requests} == {ERPNEXT_TOKEN}
    with Session(engine) as session:
        vendors = {v.erp_id: v for v in session.exec(select(t.Vendor))}
        orders = {o.number: o for o in session.exec(select(t.PurchaseOrder))}
        lines = session.exec(select(t.PurchaseOrderLine).order_by(t.PurchaseOrderLine.id)).all()  # type: ignore[arg-type]
        receipts = {r.erp_id for r in session.exec(select(t.GoodsReceipt))}
        received = sorted(r.quantity for r in session.exec(select(t.GoodsReceiptLine)))
        stock = {(s.location, s.on_hand, s.reserved) for s in session.exec(select(t.StockLevel))}
        demand = [(d.period_start.isoformat(), d.quantity) for d in session.exec(select(t.DemandHistory))]
    with Session(engine) as session:  # who "we" are: the Company with its tax id
        (company,) = session.exec(select(t.Company)).all()
    assert (company.erp_id, company.name, company.vat_ids) == (
        "opsloop Demo GmbH",
        "opsloop Demo GmbH",
        ["DE190000359"],
    )
    assert set(vendors) == {"ACME Fasteners GmbH", "SUP-0002", "Nordic Tools AB"}  # not the disabled one
    assert (vendors["ACME Fasteners GmbH"].vat_id, vendors["ACME Fasteners GmbH"].iban) == (
        "DE136695976",
        "DE89370400440532013000",
    )
    # every Bank Account of the supplier (a customer's is no vendor's)
    assert vendors["ACME Fasteners GmbH"].ibans == ["DE89370400440532013000", "DE75512108001245126199"]
    assert vendors["SUP-0002"].name == "Other Supplies Ltd"
    # a completed order (received and billed in full) is billed: it takes no more invoices
    assert {n: o.status for n, o in orders.items()} == {
        "PUR-ORD-2026-00001": "partially_received",
        "PUR-ORD-2026-00003": "billed",
    }
    # the tax rate per item: the document's rate, or the item's own (Item Tax Template); a tax added and
    # deducted at one rate is reverse charge (AE, nothing charged by the vendor)
    assert [(line.line_no, line.sku, line.quantity, line.unit_price, line.tax_rate) for line in lines] == [
        (1, "D-400", Decimal(20), Decimal("4.00"), Decimal(19)),
        (2, "B-100", Decimal(100), Decimal("0.50"), Decimal(7)),
        (1, "D-400", Decimal(5), Decimal("46.50"), Decimal(0)),
    ]
    assert [line.tax_code for line in lines] == ["S", "S", "AE"]
    # a PO unit with a conversion into the stock unit: 12 Nos in a Box
    assert [(line.unit, line.stock_unit, line.conversion_factor) for line in lines] == [
        ("Nos", None, None),
        ("Nos", None, None),
        ("Box", "Nos", Decimal(12)),
    ]
    assert receipts == {
        "MAT-PRE-2026-00001:PUR-ORD-2026-00001",
        "MAT-PRE-2026-00002:PUR-ORD-2026-00003",
    }
    assert received == [Decimal(5), Decimal(20)]
    assert ("Stores - OD", Decimal(25), Decimal(2)) in stock
    assert demand == [("2026-03-02", Decimal(5))]  # deliveries only; the cancelled entry is not demand


def test_incremental_sync_filters_on_modified(erpnext: RecordedErp, engine: Engine) -> None:
    # GIVEN a full sync done
    connector = _connector(erpnext)
    assert sync_source(engine, connector, FAST, full=True).status == "ok"
    # WHEN a supplier's VAT id is corrected in ERPNext and the next sync is incremental
    supplier = next(s for s in erpnext.records["Supplier"] if s["name"] == "SUP-0002")
    supplier.update(tax_id="GB123456789", modified="2026-03-10 12:00:00.000000")
    erpnext.requests.clear()
    report = sync_source(engine, connector, FAST)
    # THEN the list asks for what was modified since the newest stamp seen, and applies only that
    assert report.status == "ok" and report.load.updated == {"vendors": 1}, report.load
    filters = json.loads(_list_queries(erpnext, "Supplier")[0]["filters"])
    assert ["modified", ">=", "2026-03-02 09:00:00.000000"] in filters
    with Session(engine) as session:
        assert session.exec(select(t.Vendor).where(t.Vendor.erp_id == "SUP-0002")).one().vat_id == (
            "GB123456789"
        )


def test_a_refused_token_fails_the_run_without_retrying(erpnext: RecordedErp, engine: Engine) -> None:
    # WHEN the API secret is wrong
    report = sync_source(engine, _connector(erpnext, secret="wrong"), FAST)
    # THEN ERPNext's 401 is read as refused credentials: recorded, not retried
    assert report.status == "failed" and "refused the credentials" in (report.error or ""), report
    assert len(erpnext.requests) == 1


def test_a_500_mid_sync_is_retried_then_recorded_and_nothing_is_kept(
    erpnext: RecordedErp, engine: Engine
) -> None:
    # GIVEN ERPNext fails once while the PO documents are read: the retry gets through
    erpnext.fail_once = {9}
    assert sync_source(engine, _connector(erpnext), FAST, full=True).status == "ok"
    # GIVEN a fresh mirror and ERPNext failing for good from the 5th request on
    fresh = migrated_engine(Path(str(engine.url.database)).with_name("fresh.db"))
    erpnext.requests.clear()
    erpnext.fail_once, erpnext.fail_from = set(), 5
    report = sync_source(fresh, _connector(erpnext), FAST, full=True)
    # THEN the run failed with the reason, and nothing was kept
    assert report.status == "failed" and "HTTP 500" in (report.error or ""), report
    with Session(fresh) as session:
        assert session.exec(select(t.Vendor)).all() == []
        assert session.exec(select(t.SyncCursor)).all() == []
    fresh.dispose()


def test_push_creates_one_draft_purchase_invoice_per_idempotency_key(erpnext: RecordedErp) -> None:
    # GIVEN an approved invoice for PUR-ORD-2026-00001 from ACME, queued before lines were carried
    connector = _connector(erpnext)
    action = ErpAction(
        kind=ActionKind.POST_INVOICE,
        idempotency_key="proposal-8-v2",
        payload={
            "action": "approve_payment",
            "invoice_number": "AF-2026-77",
            "vendor_erp_id": "ACME Fasteners GmbH",
            "po_numbers": ["PUR-ORD-2026-00001"],
            "amount": "154.70",
            "currency": "EUR",
        },
    )
    # WHEN pushed twice
    first, again = connector.push(action), connector.push(action)
    # THEN one draft Purchase Invoice exists, its items linked to the PO's items
    assert first.external_id == again.external_id == "ACC-PINV-2026-00001"
    [created] = erpnext.created
    document = created["values"]
    assert created["doctype"] == "Purchase Invoice" and document["docstatus"] == 0
    assert (document["supplier"], document["bill_no"], document["currency"]) == (
        "ACME Fasteners GmbH",
        "AF-2026-77",
        "EUR",
    )
    assert [(i["item_code"], i["qty"], i["rate"], i["po_detail"]) for i in document["items"]] == [
        ("D-400", 20.0, 4.0, "a1b2c3d4e5"),
        ("B-100", 100.0, 0.5, "f6a7b8c9d0"),
    ]


def test_push_refuses_an_invoice_whose_po_erpnext_does_not_know(erpnext: RecordedErp) -> None:
    action = ErpAction(
        kind=ActionKind.POST_INVOICE,
        idempotency_key="k",
        payload={"vendor_erp_id": "ACME Fasteners GmbH", "po_numbers": ["PUR-ORD-1999-00009"]},
    )
    with pytest.raises(PushRejected, match="no invoice items"):
        _connector(erpnext).push(action)
    assert erpnext.created == []


PO1 = "PUR-ORD-2026-00001"


def _invoice_action(key: str, lines: list[dict[str, object]], action: str = "approve_payment") -> ErpAction:
    return ErpAction(
        kind=ActionKind.POST_INVOICE,
        idempotency_key=key,
        payload={
            "action": action,
            "invoice_number": "AF-2026-81",
            "vendor_erp_id": "ACME Fasteners GmbH",
            "po_numbers": [PO1],
            "currency": "EUR",
            "invoice_date": "2026-03-10",
            "net_amount": "37.50",
            "tax_amount": "7.13",
            "lines": lines,
        },
    )


def _po_line(line_no: int) -> dict[str, object]:
    return {"po_number": PO1, "line_no": line_no, "po_line_id": 900 + line_no}


def test_push_writes_the_invoice_own_matched_lines_not_the_po_items(erpnext: RecordedErp) -> None:
    # GIVEN an approved invoice for 50 of the 100 bolts (the PO's 2nd item) at 0.50
    action = _invoice_action(
        "proposal-9",
        [
            {
                "position": 1,
                "description": "Hex bolts M8",
                "sku": "B-100",
                "quantity": "50",
                "unit_price": "0.50",
                "amount": "25.00",
                "tax_rate": "19",
                "po_line": _po_line(2),
            }
        ],
    )
    # WHEN it is pushed
    _connector(erpnext).push(action)
    # THEN the invoice holds that one item, linked to the PO item, with the invoice's quantity
    [created] = erpnext.created
    document = created["values"]
    assert "is_return" not in document and document["bill_date"] == "2026-03-10"
    assert document["items"] == [
        {
            "item_code": "B-100",
            "qty": 50.0,
            "uom": "Nos",
            "rate": 0.5,
            "purchase_order": PO1,
            "po_detail": "f6a7b8c9d0",
        }
    ]


def _freight_lines() -> list[dict[str, object]]:
    return [
        {
            "position": 1,
            "description": "Safety gloves",
            "quantity": "5",
            "unit_price": "4.00",
            "amount": "20.00",
            "po_line": _po_line(1),
        },
        {"position": 2, "description": "Freight", "quantity": "2", "amount": "12.50", "po_line": None},
    ]


def test_push_writes_an_unmatched_line_as_the_configured_charge_item(erpnext: RecordedErp) -> None:
    # GIVEN a connector configured with a non-stock charge item, and an invoice with a freight line
    # that matches no PO line
    connector = ErpNextConnector(erpnext.url, KEY, SECRET, timeout=5, charge_item_code="INVOICE-CHARGE")
    # WHEN it is pushed
    connector.push(_invoice_action("proposal-10", _freight_lines()))
    # THEN the freight goes as the charge item with the invoice's text, 1 x its amount, no PO link
    [created] = erpnext.created
    gloves, freight = created["values"]["items"]
    assert (gloves["po_detail"], gloves["qty"], gloves["rate"]) == ("a1b2c3d4e5", 5.0, 4.0)
    assert freight == {
        "item_code": "INVOICE-CHARGE",
        "item_name": "Freight",
        "description": "Freight",
        "qty": 1.0,
        "rate": 12.5,
    }


def test_push_refuses_an_unmatched_line_when_no_charge_item_is_configured(erpnext: RecordedErp) -> None:
    # GIVEN the same invoice and a connector without a charge item
    # WHEN it is pushed THEN it is refused, saying which line and what to set up, and nothing is written
    with pytest.raises(
        PushRejected, match=r"invoice line 2 \(Freight\) matches no PO item.*OPSLOOP_ERP__CHARGE_ITEM"
    ):
        _connector(erpnext).push(_invoice_action("proposal-11", _freight_lines()))
    assert erpnext.created == []


def test_push_books_a_credit_note_as_a_return_with_negative_quantities(erpnext: RecordedErp) -> None:
    # GIVEN an approved credit note for 5 returned gloves and a refunded fee, printed negative
    connector = ErpNextConnector(erpnext.url, KEY, SECRET, timeout=5, charge_item_code="INVOICE-CHARGE")
    action = _invoice_action(
        "proposal-12",
        [
            {
                "position": 1,
                "description": "Safety gloves returned",
                "quantity": "-5",
                "unit_price": "4.00",
                "amount": "-20.00",
                "po_line": _po_line(1),
            },
            {"position": 2, "description": "Restocking fee refund", "amount": "-3.00"},
        ],
        action="book_credit_note",
    )
    # WHEN it is pushed twice
    first, again = connector.push(action), connector.push(action)
    # THEN one draft return exists: is_return set, quantities negative, rates positive
    assert first.external_id == again.external_id and "return" in first.detail
    [created] = erpnext.created
    document = created["values"]
    assert document["is_return"] == 1 and document["docstatus"] == 0
    assert [(i["item_code"], i["qty"], i["rate"], i.get("po_detail")) for i in document["items"]] == [
        ("D-400", -5.0, 4.0, "a1b2c3d4e5"),
        ("INVOICE-CHARGE", -1.0, 3.0, None),
    ]


def test_the_charge_item_comes_from_the_settings() -> None:
    from pydantic import SecretStr

    from opsloop.erp.connectors import push_connector_from_settings
    from opsloop.settings import ErpSettings, Settings

    erp = ErpSettings(
        connector="erpnext",
        url=SecretStr("http://127.0.0.1:9"),
        password=SecretStr("key:secret"),
        charge_item="INVOICE-CHARGE",
    )
    connector = push_connector_from_settings(Settings(erp=erp))
    assert isinstance(connector, ErpNextConnector) and connector.charge_item_code == "INVOICE-CHARGE"
