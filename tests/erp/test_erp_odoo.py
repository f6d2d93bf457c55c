"""The Odoo connector against recorded Odoo 17 JSON-RPC payloads served on 127.0.0.1 (it has not met a
live Odoo): full and incremental sync with pagination, refused credentials, a 500 mid-sync, and a draft
vendor bill written back once per idempotency key."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.odoo import OdooConnector
from opsloop.erp.protocol import ActionKind, ConnectorAuthFailed, ErpAction
from opsloop.erp.sync import sync_source
from opsloop.erp.writeback import invoice_lines
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import migrated_engine
from tests.erp.payload_server import (
    ODOO_DB,
    ODOO_PASSWORD,
    ODOO_USER,
    RecordedErp,
    load_payload,
    odoo_app,
    serve,
)

FAST = ErpSettings(retry_attempts=2, retry_wait_seconds=0.0)


@pytest.fixture
def odoo() -> Iterator[RecordedErp]:
    with serve(RecordedErp(load_payload("odoo_records.json")), odoo_app) as state:
        yield state


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _connector(state: RecordedErp, password: str = ODOO_PASSWORD) -> OdooConnector:
    return OdooConnector(state.url, ODOO_DB, ODOO_USER, password, timeout=5, page_size=2)


def _calls(state: RecordedErp, model: str) -> list[dict[str, object]]:
    return [
        r["body"]["params"]["args"][-1]
        for r in state.requests
        if r["body"]["params"]["method"] == "execute_kw"
        and r["body"]["params"]["args"][3] == model
        and r["body"]["params"]["args"][4] == "search_read"
    ]


def test_full_sync_pages_through_odoo_and_fills_the_mirror(odoo: RecordedErp, engine: Engine) -> None:
    # GIVEN recorded Odoo data: 3 suppliers and a customer, a confirmed PO partly received, an RFQ,
    # a done PO, a section line, stock in two internal quants and one vendor location, two deliveries
    # WHEN synced in full with pages of 2 records
    report = sync_source(engine, _connector(odoo), FAST, full=True)
    # THEN every page was asked for, until a short page
    assert report.status == "ok", report
    assert [c["offset"] for c in _calls(odoo, "res.partner")] == [0, 2]
    with Session(engine) as session:
        vendors = {v.erp_id: v for v in session.exec(select(t.Vendor))}
        orders = {o.number: o for o in session.exec(select(t.PurchaseOrder))}
        lines = session.exec(select(t.PurchaseOrderLine).order_by(t.PurchaseOrderLine.id)).all()  # type: ignore[arg-type]
        received = session.exec(select(t.GoodsReceiptLine)).all()
        items = {i.sku: i for i in session.exec(select(t.Item))}
        stock = [(s.location, s.on_hand, s.reserved) for s in session.exec(select(t.StockLevel))]
        demand = [(d.period_start.isoformat(), d.quantity) for d in session.exec(select(t.DemandHistory))]
    # THEN who "we" are: the company with its VAT id and address
    with Session(engine) as session:
        (company,) = session.exec(select(t.Company)).all()
    assert (company.erp_id, company.name, company.vat_ids, company.address) == (
        "company-1",
        "opsloop Demo GmbH",
        ["DE190000359"],
        "Hafenstraße 1, 20457 Hamburg",
    )
    # THEN suppliers only (not the customer), with VAT id and the IBANs without spaces (every bank
    # account of the partner, the first its IBAN)
    assert sorted(v.name for v in vendors.values()) == [
        "ACME Fasteners GmbH",
        "Nordic Tools AB",
        "Other Supplies Ltd",
    ]
    acme = vendors["7"]
    assert (acme.vat_id, acme.iban, acme.address) == (
        "DE136695976",
        "DE89370400440532013000",
        "Hauptstr. 1, 10115 Berlin",
    )
    assert acme.ibans == ["DE89370400440532013000", "DE75512108001245126199"]
    assert vendors["8"].vat_id is None
    # confirmed orders only, with their receipt status; a locked order invoiced in full is billed
    assert {n: o.status for n, o in orders.items()} == {"P00041": "partially_received", "P00043": "billed"}
    assert orders["P00041"].vendor_id == acme.id
    # product lines numbered by sequence (the section line is not a line), SKU from the internal reference
    assert [(line.line_no, line.sku, line.quantity, line.unit_price, line.tax_rate) for line in lines] == [
        (1, "D-400", Decimal(20), Decimal("4.00"), Decimal(19)),
        (2, "B-100", Decimal(100), Decimal("0.50"), Decimal(19)),
        (1, "D-400", Decimal(5), Decimal("4.10"), Decimal(0)),
    ]
    # the VAT category: standard, or reverse charge where the tax's repartition books +19 % and -19 %
    assert [line.tax_code for line in lines] == ["S", "S", "AE"]
    # a line bought in dozens converts into the product's unit: 12 Units in one Dozen
    assert [(line.unit, line.stock_unit, line.conversion_factor) for line in lines] == [
        ("Units", None, None),
        ("Units", None, None),
        ("Dozens", "Units", Decimal(12)),
    ]
    # done receipts only (the waiting one is not a receipt yet)
    assert sorted(r.quantity for r in received) == [Decimal(5), Decimal(20)]
    assert items["D-400"].min_order_qty == Decimal(10) and items["D-400"].lead_time_days == 5
    assert stock == [("WH/Stock", Decimal(25), Decimal(2))]
    assert demand == [("2026-03-02", Decimal(5))]


def test_incremental_sync_asks_only_for_what_changed(odoo: RecordedErp, engine: Engine) -> None:
    # GIVEN a full sync done
    connector = _connector(odoo)
    assert sync_source(engine, connector, FAST, full=True).status == "ok"
    # WHEN a supplier is renamed in Odoo (its write_date moves on) and the next sync is incremental
    partner = next(p for p in odoo.records["res.partner"] if p["id"] == 8)
    partner.update(name="Other Supplies Limited", write_date="2026-03-10 12:00:00")
    odoo.requests.clear()
    report = sync_source(engine, connector, FAST)
    # THEN the request carries the cursor (the newest write_date seen) and only the rename is applied
    assert report.status == "ok" and report.load.updated == {"vendors": 1}, report.load
    partners = [
        r for r in odoo.requests if r["body"]["params"]["args"][3:5] == ["res.partner", "search_read"]
    ]
    domain = partners[0]["body"]["params"]["args"][5][0]
    assert ["write_date", ">=", "2026-03-02 09:00:00"] in domain  # newest supplier seen
    with Session(engine) as session:
        assert session.exec(select(t.Vendor).where(t.Vendor.erp_id == "8")).one().name == (
            "Other Supplies Limited"
        )


def test_refused_credentials_fail_the_run_without_retrying(odoo: RecordedErp, engine: Engine) -> None:
    # WHEN the password is wrong, THEN login is refused (Odoo answers `false`)
    with pytest.raises(ConnectorAuthFailed):
        _connector(odoo, password="wrong").login()
    # AND a session whose key was revoked gets Odoo's AccessDenied error, read as refused credentials
    connector = _connector(odoo)
    connector.login()
    connector._password = "revoked"
    with pytest.raises(ConnectorAuthFailed, match="Access Denied"):
        connector.search_read("res.partner", [], ["name"])
    odoo.requests.clear()
    report = sync_source(engine, _connector(odoo, password="wrong"), FAST)
    assert report.status == "failed" and "refused" in (report.error or "")
    assert len(odoo.requests) == 1  # no retry of a refusal


def test_a_500_mid_sync_is_retried_then_recorded_and_nothing_is_kept(
    odoo: RecordedErp, engine: Engine
) -> None:
    # GIVEN Odoo answers HTTP 500 once, in the middle of the vendors' pages
    odoo.fail_once = {3}
    # WHEN synced, THEN the retry gets through and the run is complete
    assert sync_source(engine, _connector(odoo), FAST, full=True).status == "ok"
    # GIVEN a fresh mirror and Odoo failing for good from the 6th request on
    fresh = migrated_engine(Path(str(engine.url.database)).with_name("fresh.db"))
    odoo.requests.clear()
    odoo.fail_once, odoo.fail_from = set(), 6
    report = sync_source(fresh, _connector(odoo), FAST, full=True)
    # THEN the run failed with the reason, and nothing of it was kept (no vendors, no cursors)
    assert report.status == "failed" and "HTTP 500" in (report.error or ""), report
    with Session(fresh) as session:
        assert session.exec(select(t.Vendor)).all() == []
        assert session.exec(select(t.SyncCursor)).all() == []
    fresh.dispose()


def test_push_creates_one_draft_vendor_bill_per_idempotency_key(odoo: RecordedErp) -> None:
    # GIVEN an approved invoice for PO P00041 from ACME (partner 7), queued before lines were carried
    connector = _connector(odoo)
    action = ErpAction(
        kind=ActionKind.POST_INVOICE,
        idempotency_key="proposal-5-v2",
        payload={
            "action": "approve_payment",
            "invoice_number": "AF-2026-77",
            "vendor_erp_id": "7",
            "po_numbers": ["P00041"],
            "amount": "154.70",
            "currency": "EUR",
        },
    )
    # WHEN pushed twice (the outbox may retry)
    first, again = connector.push(action), connector.push(action)
    # THEN one draft in_invoice exists, with the PO's product lines linked to them, taxes kept
    assert first.external_id == again.external_id is not None
    [created] = odoo.created
    values = created["values"]
    assert created["model"] == "account.move" and values["move_type"] == "in_invoice"
    assert (values["partner_id"], values["ref"], values["currency_id"]) == (7, "AF-2026-77", 1)
    assert [
        (line[2]["purchase_line_id"], line[2]["quantity"], line[2]["price_unit"], line[2]["tax_ids"])
        for line in values["invoice_line_ids"]
    ] == [(51, 20.0, 4.0, [[6, 0, [61]]]), (53, 100.0, 0.5, [[6, 0, [61]]])]
    assert "opsloop:proposal-5-v2" in values["narration"]


def test_push_refuses_a_vendor_that_is_not_an_odoo_partner(odoo: RecordedErp) -> None:
    from opsloop.erp.protocol import PushRejected

    action = ErpAction(
        kind=ActionKind.POST_INVOICE,
        idempotency_key="k",
        payload={"vendor_erp_id": "V-ACME", "po_numbers": ["P00041"]},
    )
    with pytest.raises(PushRejected, match="not an Odoo partner id"):
        _connector(odoo).push(action)
    assert odoo.created == []


def _bill_action(key: str, lines: list[dict[str, object]], action: str = "approve_payment") -> ErpAction:
    return ErpAction(
        kind=ActionKind.POST_INVOICE,
        idempotency_key=key,
        payload={
            "action": action,
            "invoice_number": "AF-2026-81",
            "vendor_erp_id": "7",
            "po_numbers": ["P00041"],
            "currency": "EUR",
            "invoice_date": "2026-03-10",
            "net_amount": "37.50",
            "tax_amount": "7.13",
            "lines": lines,
        },
    )


def _po_line(line_no: int) -> dict[str, object]:
    return {"po_number": "P00041", "line_no": line_no, "po_line_id": 900 + line_no}


def test_push_writes_the_invoice_own_matched_lines_not_the_po_lines(odoo: RecordedErp) -> None:
    # GIVEN an approved invoice for 50 of the 100 bolts of P00041 (its 2nd line: the section line
    # between the two products is not a PO line) at 0.50
    action = _bill_action(
        "proposal-9",
        [
            {
                "position": 1,
                "description": "Hex bolts M8",
                "sku": "B-100",
                "quantity": "50",
                "unit": "pcs",
                "unit_price": "0.50",
                "amount": "25.00",
                "tax_rate": "19",
                "po_line": _po_line(2),
            }
        ],
    )
    # WHEN it is pushed
    _connector(odoo).push(action)
    # THEN the bill holds that one line: the PO line's product, link and taxes, the invoice's quantity
    [created] = odoo.created
    values = created["values"]
    assert values["move_type"] == "in_invoice" and values["invoice_date"] == "2026-03-10"
    assert values["invoice_line_ids"] == [
        [
            0,
            0,
            {
                "product_id": 22,
                "name": "Hex bolts M8",
                "quantity": 50.0,
                "price_unit": 0.5,
                "tax_ids": [[6, 0, [61]]],
                "purchase_line_id": 53,
            },
        ]
    ]


def test_push_writes_a_discounted_line_as_its_list_price_less_odoos_line_discount(odoo: RecordedErp) -> None:
    # GIVEN an approved invoice for 465 bolts at 0.38 less 5 %, printed 167.87: Odoo keeps unit prices to
    # two places, so the net over the quantity (0.361) would post 465 × 0.36 = 167.40
    line = {"position": 1, "description": "Hex bolts M8", "sku": "B-100", "quantity": "465", "unit": "pcs",
            "unit_price": "0.38", "amount": "167.87", "tax_rate": "19", "po_line": _po_line(2)}  # fmt: skip
    # WHEN it is pushed
    _connector(odoo).push(_bill_action("proposal-15", [line]))
    # THEN the line carries the printed price and Odoo's discount (465 × 0.38 × 0.95 = 167.865: 167.87)
    [created] = odoo.created
    [[_, _, written]] = created["values"]["invoice_line_ids"]
    assert (written["quantity"], written["price_unit"], written["discount"]) == (465.0, 0.38, 5.0)
    # a discount no two-place percentage reproduces keeps the net over the quantity, without a discount
    # (167.89 of 176.70: 4.99 % leaves 167.88, 4.98 % 167.90)
    odd = invoice_lines({"lines": [{**line, "amount": "167.89"}]})
    assert odd is not None and odd[0].list_and_discount(Decimal(465)) is None


def test_push_writes_an_unmatched_line_as_a_label_line_of_its_amount(odoo: RecordedErp) -> None:
    # GIVEN an invoice with a matched glove line and a freight line that matches no PO line, taxed 7 %
    action = _bill_action(
        "proposal-10",
        [
            {
                "position": 1,
                "description": "Safety gloves",
                "quantity": "5",
                "unit_price": "4.00",
                "amount": "20.00",
                "tax_rate": "19",
                "po_line": _po_line(1),
            },
            {
                "position": 2,
                "description": "Freight",
                "quantity": "2",
                "unit_price": "6.00",
                "amount": "12.50",
                "tax_rate": "7",
                "po_line": None,
            },
        ],
    )
    # WHEN it is pushed
    _connector(odoo).push(action)
    # THEN the freight goes as a label line (no product, no PO link): 1 x its amount, the 7 % purchase tax
    [created] = odoo.created
    matched, freight = (line[2] for line in created["values"]["invoice_line_ids"])
    assert (matched["purchase_line_id"], matched["quantity"], matched["price_unit"]) == (51, 5.0, 4.0)
    assert freight == {"name": "Freight", "quantity": 1.0, "price_unit": 12.5, "tax_ids": [[6, 0, [62]]]}


def test_push_refuses_an_unmatched_line_without_an_amount(odoo: RecordedErp) -> None:
    from opsloop.erp.protocol import PushRejected

    action = _bill_action("proposal-11", [{"position": 3, "description": "Surcharge", "po_line": None}])
    with pytest.raises(PushRejected, match=r"line 3 \(Surcharge\) has no amount"):
        _connector(odoo).push(action)
    assert odoo.created == []


def test_push_books_a_credit_note_as_an_in_refund_with_positive_quantities(odoo: RecordedErp) -> None:
    # GIVEN an approved credit note for 5 returned gloves, the page printing its amounts negative
    action = _bill_action(
        "proposal-12",
        [
            {
                "position": 1,
                "description": "Safety gloves returned",
                "quantity": "-5",
                "unit_price": "4.00",
                "amount": "-20.00",
                "tax_rate": "19",
                "po_line": _po_line(1),
            },
            {"position": 2, "description": "Restocking fee refund", "amount": "-3.00", "tax_rate": "19"},
        ],
        action="book_credit_note",
    )
    # WHEN it is pushed twice
    connector = _connector(odoo)
    first, again = connector.push(action), connector.push(action)
    # THEN one draft in_refund exists, its quantities and prices positive (the move type gives the sign)
    assert first.external_id == again.external_id and "credit note" in first.detail
    [created] = odoo.created
    values = created["values"]
    assert values["move_type"] == "in_refund"
    assert [
        (line[2].get("purchase_line_id"), line[2]["quantity"], line[2]["price_unit"], line[2]["tax_ids"])
        for line in values["invoice_line_ids"]
    ] == [(51, 5.0, 4.0, [[6, 0, [61]]]), (None, 1.0, 3.0, [[6, 0, [61]]])]
