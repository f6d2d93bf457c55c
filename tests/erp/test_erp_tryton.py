"""The Tryton connector against a real Tryton 8.2 server on 127.0.0.1, started per test from the seeded
database that `.ci/tryton/seed.py` keeps (OPSLOOP_TEST_TRYTON = the folder holding .venv and var/seed;
.ci/run sets it and OPSLOOP_REQUIRE_TRYTON=1)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.erp import ExceptionType
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.erp.protocol import ActionKind, ConnectorAuthFailed, ErpAction, PushRejected
from opsloop.erp.sync import sync_source
from opsloop.erp.tryton import TrytonConnector
from opsloop.reconcile import load_mirror, load_policy, reconcile_invoice
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import hold_extraction, migrated_engine, proposals_for

FAST = ErpSettings(retry_attempts=2, retry_wait_seconds=0.0)


def _tryton_home() -> Path:
    home = os.environ.get("OPSLOOP_TEST_TRYTON")
    if home is None:
        if os.environ.get("OPSLOOP_REQUIRE_TRYTON"):
            pytest.fail("OPSLOOP_REQUIRE_TRYTON is set but OPSLOOP_TEST_TRYTON is not")
        pytest.skip("no Tryton (run .ci/tryton/install.sh and seed.py, set OPSLOOP_TEST_TRYTON=.ci/tryton)")
    path = Path(home).resolve()
    if not (path / "var" / "seed" / "seed.json").exists():
        pytest.fail(f"OPSLOOP_TEST_TRYTON={home} has no seeded database (run .ci/tryton/seed.py)")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Tryton:
    url: str
    seed: dict[str, Any]
    process: subprocess.Popen[bytes]

    def connector(self, password: str = "admin") -> TrytonConnector:
        return TrytonConnector(self.url, "opsloop", "admin", password, timeout=10, page_size=2)


@pytest.fixture
def tryton(tmp_path: Path) -> Iterator[Tryton]:
    """A fresh copy of the seeded database served by its own trytond on a free loopback port."""
    home = _tryton_home()
    folder = tmp_path / "tryton"
    folder.mkdir()
    shutil.copy2(home / "var" / "seed" / "opsloop.sqlite", folder / "opsloop.sqlite")
    port = _free_port()
    config = folder / "trytond.conf"
    config.write_text(
        f"[database]\nuri = sqlite://\npath = {folder}\n[web]\nlisten = 127.0.0.1:{port}\n", encoding="utf-8"
    )
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [str(home / ".venv" / "bin" / "trytond"), "-c", str(config), "-d", "opsloop"], stdout=log, stderr=log
    )
    server = Tryton(
        f"http://127.0.0.1:{port}", json.loads((home / "var/seed/seed.json").read_text()), process
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            server.connector().login()
            break
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"trytond did not start: {(folder / 'server.log').read_text()[-2000:]}")
            time.sleep(0.3)
    yield server
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _receive_rest(connector: TrytonConnector) -> None:
    """In Tryton: receive every purchase move still waiting (an incoming shipment, received and done)."""
    moves = connector.search_read(
        "stock.move", [["origin", "like", "purchase.line,%"], ["state", "=", "draft"]], ["id"]
    )
    [warehouse] = connector.search_read(
        "stock.location", [["type", "=", "warehouse"]], ["input_location", "storage_location"]
    )
    ids = connector.call(
        "stock.shipment.in",
        "create",
        [
            {
                "supplier": connector.search_read(
                    "party.party", [["name", "=", "ACME Fasteners GmbH"]], ["id"]
                )[0]["id"],
                "company": 1,
                "warehouse": warehouse["id"],
                "warehouse_input": warehouse["input_location"],
                "warehouse_storage": warehouse["storage_location"],
                "incoming_moves": [["add", [m["id"] for m in moves]]],
            }
        ],
    )
    connector.call("stock.shipment.in", "receive", ids)
    connector.call("stock.shipment.in", "do", ids)


def _whole_po_invoice(po_number: str) -> InvoiceExtraction:
    return InvoiceExtraction(
        vendor=VendorExtraction(name="ACME Fasteners GmbH", vat_id="DE136695976"),
        invoice_number="AF-2026-77",
        invoice_date=date.today(),
        po_numbers=[po_number],
        currency="EUR",
        subtotal=Decimal("130.00"),
        tax_total=Decimal("24.70"),
        total=Decimal("154.70"),
        lines=[
            InvoiceLineExtraction(
                sku="D-400",
                description="Safety gloves",
                quantity=Decimal(20),
                unit_price=Decimal("4.00"),
                amount=Decimal("80.00"),
            ),
            InvoiceLineExtraction(
                sku="B-100",
                description="Hex bolts M8",
                quantity=Decimal(100),
                unit_price=Decimal("0.50"),
                amount=Decimal("50.00"),
            ),
        ],
    )


def _gloves_invoice(po_number: str) -> InvoiceExtraction:
    """ACME's invoice for the 20 gloves of the seeded purchase (the part received)."""
    whole = _whole_po_invoice(po_number)
    return whole.model_copy(
        update={
            "invoice_number": "AF-2026-78",
            "subtotal": Decimal("80.00"),
            "tax_total": Decimal("15.20"),
            "total": Decimal("95.20"),
            "lines": whole.lines[:1],
        }
    )


def test_full_sync_then_incremental_after_a_change_in_tryton(tryton: Tryton, engine: Engine) -> None:
    # GIVEN the seeded Tryton (a confirmed PO of which only the gloves are received)
    connector = tryton.connector()
    po_number = tryton.seed["purchase"]["number"]
    # WHEN synced in full (pages of 2 records, so pagination is exercised)
    first = sync_source(engine, connector, FAST, full=True)
    # THEN the mirror holds the suppliers with their VAT ids, the PO with both lines and the partial receipt
    assert first.status == "ok", first.load.errors
    with Session(engine) as session:
        acme = session.exec(select(t.Vendor).where(t.Vendor.name == "ACME Fasteners GmbH")).one()
        order = session.exec(select(t.PurchaseOrder).where(t.PurchaseOrder.number == po_number)).one()
        lines = session.exec(select(t.PurchaseOrderLine).order_by(t.PurchaseOrderLine.line_no)).all()  # type: ignore[arg-type]
        received = session.exec(select(t.GoodsReceiptLine)).all()
        stock = {(s.item_id, s.location): s.on_hand for s in session.exec(select(t.StockLevel))}
        vendor_names = {v.name for v in session.exec(select(t.Vendor))}
    assert (
        acme.vat_id == "DE136695976" and order.vendor_id == acme.id and order.status == "partially_received"
    )
    assert [(line.sku, line.quantity, line.unit_price, line.tax_rate) for line in lines] == [
        ("D-400", Decimal(20), Decimal("4.00"), Decimal(19)),
        ("B-100", Decimal(100), Decimal("0.50"), Decimal(19)),
    ]
    # the VAT category of a percentage tax; no unit conversion where the line is in the product's unit
    assert [(line.tax_code, line.stock_unit, line.conversion_factor) for line in lines] == [
        ("S", None, None)
    ] * 2
    assert [r.quantity for r in received] == [Decimal(20)] and Decimal(20) in stock.values()
    assert vendor_names == {"ACME Fasteners GmbH", "Other Supplies Ltd"}  # not the company itself
    # WHEN a supplier is renamed in Tryton and the next sync is incremental
    connector.call(
        "party.party", "write", [tryton.seed["suppliers"]["OTHER"]], {"name": "Other Supplies Limited"}
    )
    second = sync_source(engine, connector, FAST)
    # THEN only that change comes back
    assert second.status == "ok" and second.load.updated == {"vendors": 1}, second.load
    assert second.load.created == {} or set(second.load.created) <= {"stock_levels"}


def test_a_suppliers_payment_term_in_days_reaches_the_mirror_as_the_agreed_term(
    tryton: Tryton, engine: Engine
) -> None:
    # GIVEN ACME's supplier payment term in Tryton is "30 days" (one remainder line, 30 days on), and
    # Other Supplies' runs to the month's end (a day of the month: no number of days)
    connector = tryton.connector()
    connector.login()
    line = {"type": "remainder", "relativedeltas": [["create", [{"days": 30}]]]}
    [thirty] = connector.call(
        "account.invoice.payment_term", "create", [{"name": "30 days", "lines": [["create", [line]]]}]
    )
    month_end = {"type": "remainder", "relativedeltas": [["create", [{"day": 31}]]]}
    [eom] = connector.call(
        "account.invoice.payment_term",
        "create",
        [{"name": "End of month", "lines": [["create", [month_end]]]}],
    )
    connector.call(
        "party.party", "write", [tryton.seed["suppliers"]["ACME"]], {"supplier_payment_term": thirty}
    )
    connector.call(
        "party.party", "write", [tryton.seed["suppliers"]["OTHER"]], {"supplier_payment_term": eom}
    )
    # WHEN synced
    assert sync_source(engine, connector, FAST, full=True).status == "ok"
    # THEN the mirror's vendor master holds ACME's 30 days and invents none for Other Supplies
    with Session(engine) as session:
        terms = {v.name: v.payment_terms_days for v in session.exec(select(t.Vendor))}
    assert terms == {"ACME Fasteners GmbH": 30, "Other Supplies Ltd": None}


def test_a_purchases_own_payment_term_reaches_the_mirror_and_wins_over_the_suppliers(
    tryton: Tryton, engine: Engine
) -> None:
    # GIVEN ACME's supplier payment term "14 days" in Tryton, its purchase confirmed on "Direct" terms
    connector = tryton.connector()
    connector.login()

    def term(name: str, days: int) -> int:
        line = {"type": "remainder", "relativedeltas": [["create", [{"days": days}]]]}
        [created] = connector.call(
            "account.invoice.payment_term", "create", [{"name": name, "lines": [["create", [line]]]}]
        )
        return int(created)

    fourteen, forty_five = term("14 days", 14), term("45 days", 45)
    acme = tryton.seed["suppliers"]["ACME"]
    connector.call("party.party", "write", [acme], {"supplier_payment_term": fourteen})
    assert sync_source(engine, connector, FAST, full=True).status == "ok"
    po_number = tryton.seed["purchase"]["number"]
    with Session(engine) as session:
        order = session.exec(select(t.PurchaseOrder).where(t.PurchaseOrder.number == po_number)).one()
    assert order.payment_terms_days == 0  # "Direct": due on the invoice date
    # WHEN 45 days are agreed for that purchase afterwards (a validated amendment) and the next sync runs
    change = {"action": "payment_term", "payment_term": forty_five}
    [amendment] = connector.call(
        "purchase.amendment",
        "create",
        [
            {
                "purchase": tryton.seed["purchase"]["id"],
                "description": "45 days agreed",
                "lines": [["create", [change]]],
            }
        ],
    )
    connector.call("purchase.amendment", "validate_amendment", [amendment])
    assert sync_source(engine, connector, FAST).status == "ok"
    # THEN the mirror holds both, and an invoice on the purchase asking for 30 days is paid on day 45
    with Session(engine) as session:
        order = session.exec(select(t.PurchaseOrder).where(t.PurchaseOrder.number == po_number)).one()
        vendor = session.exec(select(t.Vendor).where(t.Vendor.name == "ACME Fasteners GmbH")).one()
        mirror = load_mirror(session)
        policy = load_policy(session)
    assert (order.payment_terms_days, vendor.payment_terms_days) == (45, 14)
    invoice = _whole_po_invoice(po_number).model_copy(update={"due_date": date.today() + timedelta(days=30)})
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.payment is not None
    assert (rec.payment.agreed_days, rec.payment.agreed_on) == (45, po_number)
    assert rec.payment.payment_date == date.today() + timedelta(days=45)


def test_the_suppliers_bank_accounts_reach_the_mirror_and_a_changed_one_syncs(
    tryton: Tryton, engine: Engine
) -> None:
    # GIVEN Tryton's bank module: ACME has a bank account (an IBAN), Other Supplies none
    connector = tryton.connector()
    acme_id = tryton.seed["suppliers"]["ACME"]
    # WHEN synced in full
    assert sync_source(engine, connector, FAST, full=True).status == "ok"
    # THEN the mirror knows ACME's IBAN and none for Other Supplies
    with Session(engine) as session:
        ibans = {v.name: v.iban for v in session.exec(select(t.Vendor))}
    assert ibans == {"ACME Fasteners GmbH": tryton.seed["iban"]["ACME"], "Other Supplies Ltd": None}
    # WHEN AP changes ACME's bank details in Tryton (the old account closed, a new one opened), which
    # leaves the party's own record as it was, and the next sync is incremental
    old = tryton.seed["bank_account"]
    [numbers] = connector.call("bank.account", "read", [old], ["numbers"])
    closed = {"active": False, "numbers": [["write", numbers["numbers"], {"active": False}]]}
    connector.call("bank.account", "write", [old], closed)
    connector.call(
        "bank.account",
        "create",
        [
            {
                "owners": [["add", [acme_id]]],
                "numbers": [["create", [{"type": "iban", "number": "DE02120300000000202051"}]]],
            }
        ],
    )
    second = sync_source(engine, connector, FAST)
    # THEN the mirror has the new IBAN
    assert second.status == "ok" and second.load.updated == {"vendors": 1}, second.load
    with Session(engine) as session:
        acme = session.exec(select(t.Vendor).where(t.Vendor.name == "ACME Fasteners GmbH")).one()
    assert acme.iban == "DE02120300000000202051"


def test_every_bank_account_of_a_supplier_in_tryton_reaches_the_mirror_and_vouches_for_an_invoice(
    tryton: Tryton, engine: Engine
) -> None:
    # GIVEN ACME with a second bank account in Tryton (its factoring company's), besides the seeded one
    connector = tryton.connector()
    acme_id = tryton.seed["suppliers"]["ACME"]
    factoring = "DE75512108001245126199"
    connector.call(
        "bank.account",
        "create",
        [{"owners": [["add", [acme_id]]], "numbers": [["create", [{"type": "iban", "number": factoring}]]]}],
    )
    # WHEN synced in full
    assert sync_source(engine, connector, FAST, full=True).status == "ok"
    # THEN the mirror holds both of ACME's accounts, the one Tryton pays on first
    with Session(engine) as session:
        acme = session.exec(select(t.Vendor).where(t.Vendor.name == "ACME Fasteners GmbH")).one()
    assert acme.iban == tryton.seed["iban"]["ACME"]
    assert acme.ibans == [tryton.seed["iban"]["ACME"], factoring]
    # AND an invoice paying to the factoring account is not a change of bank details; one paying
    # to an account Tryton does not have is held
    invoice = _whole_po_invoice(tryton.seed["purchase"]["number"])
    paying = invoice.model_copy(update={"vendor": invoice.vendor.model_copy(update={"iban": factoring})})
    other = "NL91ABNA0417164300"
    elsewhere = invoice.model_copy(update={"vendor": invoice.vendor.model_copy(update={"iban": other})})
    with Session(engine) as session:
        mirror, policy = load_mirror(session), load_policy(session)
    assert ExceptionType.IBAN_CHANGED not in reconcile_invoice(paying, mirror, policy).exception_types()
    held = reconcile_invoice(elsewhere, mirror, policy)
    assert ExceptionType.IBAN_CHANGED in held.exception_types()
    assert "2 bank accounts in the ERP end in 3000 and 6199" in held.exceptions[0].sentence


def test_receipt_recorded_in_tryton_releases_the_held_invoice_and_write_back_shows_in_tryton(
    tryton: Tryton, engine: Engine
) -> None:
    # GIVEN the mirror synced from Tryton and an invoice for the whole PO, held because the bolts are missing
    connector = tryton.connector()
    po_number = tryton.seed["purchase"]["number"]
    assert sync_source(engine, connector, FAST).status == "ok"
    invoice = _whole_po_invoice(po_number)
    document_id = hold_extraction(engine, invoice)
    [held] = proposals_for(engine, f"invoice:{document_id}")
    assert held.kind == "invoice_hold"
    # WHEN the bolts are received in Tryton and the next sync runs
    _receive_rest(connector)
    report = sync_source(engine, connector, FAST)
    # THEN the invoice is released: its proposal now proposes approval
    assert report.status == "ok" and report.released == 1, report
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    assert proposal.kind == "invoice_approve"
    # WHEN the approved action is pushed (twice: the outbox may retry)
    action = ErpAction(
        kind=ActionKind.POST_INVOICE, idempotency_key=f"proposal:{proposal.id}", payload=proposal.payload
    )
    first = connector.push(action)
    again = connector.push(action)
    # THEN Tryton shows one draft supplier invoice with the PO's lines, created once
    assert first.external_id == again.external_id is not None
    invoices = connector.search_read(
        "account.invoice", [["type", "=", "in"]], ["state", "reference", "total_amount"]
    )
    assert [(i["state"], i["reference"]) for i in invoices] == [("draft", invoice.invoice_number)]
    assert invoices[0]["total_amount"] == Decimal("154.70")


def test_auth_failure_and_server_down_mid_sync(tryton: Tryton, engine: Engine) -> None:
    # WHEN the password is wrong, THEN login is refused and the sync run records it without retrying
    with pytest.raises(ConnectorAuthFailed):
        tryton.connector(password="wrong").login()
    refused = sync_source(engine, tryton.connector(password="wrong"), FAST)
    assert refused.status == "failed" and "refused" in (refused.error or "")
    # GIVEN a sync that has begun; WHEN the server dies after the first record types
    connector = tryton.connector()
    seen: list[str] = []

    def kill_after_items(record_type: Any, done: int, total: int) -> None:
        seen.append(record_type.value)
        if record_type.value == "items":
            tryton.process.kill()
            tryton.process.wait()

    down = sync_source(engine, connector, FAST, on_progress=kill_after_items)
    # THEN the run is recorded as failed, and nothing of it was kept (one transaction; cursors unmoved)
    assert down.status == "failed" and "unreachable" in (down.error or ""), down
    assert seen == ["companies", "vendors", "items"]
    with Session(engine) as session:
        assert session.exec(select(t.Vendor)).all() == []
        assert session.exec(select(t.Company)).all() == []
        assert session.exec(select(t.SyncCursor)).all() == []
        runs = session.exec(select(t.SyncRun)).all()
        assert [r.status for r in runs] == ["failed", "failed"]


def test_reorder_writes_a_confirmed_purchase_and_a_request_through_the_supply_wizard(
    tryton: Tryton, engine: Engine
) -> None:
    # GIVEN the seeded Tryton and approved reorder actions (as the outbox carries them)
    connector = tryton.connector()
    acme = connector.search_read("party.party", [["name", "=", "ACME Fasteners GmbH"]], ["code"])[0]["code"]
    order = ErpAction(
        kind=ActionKind.CREATE_PURCHASE_ORDER,
        idempotency_key="proposal-3-v1",
        payload={"sku": "D-400", "quantity": "40", "vendor_erp_id": acme, "unit_cost": "3.90"},
    )
    # WHEN the purchase order is pushed twice
    first, again = connector.push(order), connector.push(order)
    # THEN Tryton holds one new purchase, quoted and confirmed, with the line and the category's tax
    assert first.external_id == again.external_id is not None
    [purchase] = connector.search_read(
        "purchase.purchase", [["number", "=", first.external_id]], ["state", "total_amount", "party"]
    )
    assert (
        purchase["state"] in ("confirmed", "processing")
        and purchase["party"] == tryton.seed["suppliers"]["ACME"]
    )
    assert purchase["total_amount"] == Decimal("185.64")  # 40 x 3.90 + 19 %
    # AND the next sync brings it into the mirror as an open PO
    assert sync_source(engine, connector, FAST).status == "ok"
    with Session(engine) as session:
        mirrored = session.exec(
            select(t.PurchaseOrder).where(t.PurchaseOrder.number == first.external_id)
        ).one()
    assert mirrored.status == "open"
    # WHEN a purchase request for 50 bolts is pushed (requests are read-only over RPC)
    request = ErpAction(
        kind=ActionKind.CREATE_PURCHASE_REQUEST,
        idempotency_key="proposal-4-v1",
        payload={"sku": "B-100", "quantity": "50"},
    )
    result = connector.push(request)
    # THEN the order point is set and the stock-supply wizard created a draft request for 50
    [point] = connector.search_read("stock.order_point", [], ["product", "type", "target_quantity"])
    assert (point["product"], point["type"]) == (tryton.seed["products"]["B-100"], "purchase")
    requests = connector.search_read("purchase.request", [["state", "=", "draft"]], ["product", "quantity"])
    assert [(r["product"], r["quantity"]) for r in requests] == [(tryton.seed["products"]["B-100"], 50.0)]
    assert result.external_id == str(requests[0]["id"])


def test_the_erp_demo_loop_leaves_a_draft_supplier_invoice_in_tryton(tryton: Tryton, tmp_path: Path) -> None:
    from opsloop.erp.demo import run_erp_demo
    from opsloop.settings import Settings
    from opsloop.store.db import dispose_engines

    # GIVEN opsloop pointed at the seeded Tryton (a PO of which only the gloves are received)
    settings = Settings(
        data_dir=tmp_path / "demo",
        database_url=None,
        erp=ErpSettings(
            connector="tryton",
            url=tryton.url,  # type: ignore[arg-type]
            database="opsloop",
            user="admin",
            password="admin",  # type: ignore[arg-type]
            retry_attempts=2,
            retry_wait_seconds=0.0,
        ),
    )
    # WHEN the demo loop runs
    summary = run_erp_demo(settings, today=date.today(), say=lambda _: None)
    dispose_engines()
    # THEN the invoice for the whole PO was held, released by the receipt booked in Tryton, approved and
    # pushed; the one quoting an unknown PO stays held; Tryton shows one draft invoice with the PO's total
    assert summary.second_sync.released == 1 and len(summary.approved) == 1
    assert sorted(kind for _, kind, _ in summary.proposals) == ["invoice_approve", "invoice_hold"]
    assert summary.push.executed == 1 and summary.push.failed == 0
    assert [(i["state"], i["total_amount"]) for i in summary.tryton_invoices] == [
        ("draft", Decimal("154.70"))
    ]


def test_write_back_puts_the_invoice_lines_in_tryton_not_the_po_lines(tryton: Tryton, engine: Engine) -> None:
    # GIVEN the mirror synced from Tryton (PO of 20 gloves and 100 bolts; the gloves received) and an
    # invoice for the gloves only, which matches and is proposed for approval
    connector = tryton.connector()
    po_number = tryton.seed["purchase"]["number"]
    assert sync_source(engine, connector, FAST).status == "ok"
    document_id = hold_extraction(engine, _gloves_invoice(po_number))
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    assert proposal.kind == "invoice_approve", proposal.summary
    # WHEN the approval is pushed
    result = connector.push(
        ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="proposal-gloves", payload=proposal.payload)
    )
    # THEN the draft invoice has the invoice's one line, referencing its purchase line, not both PO lines
    [drafted] = connector.call(
        "account.invoice", "read", [int(str(result.external_id))], ["lines", "untaxed_amount", "total_amount"]
    )
    lines = connector.call(
        "account.invoice.line",
        "read",
        drafted["lines"],
        ["product", "quantity", "unit_price", "origin", "taxes"],
    )
    purchase_lines = connector.search_read(
        "purchase.line", [["product", "=", tryton.seed["products"]["D-400"]]], ["id"]
    )
    assert [(x["product"], x["quantity"], x["unit_price"], x["origin"]) for x in lines] == [
        (tryton.seed["products"]["D-400"], 20.0, Decimal("4.00"), f"purchase.line,{purchase_lines[0]['id']}")
    ]
    assert lines[0]["taxes"] == [tryton.seed["tax"]]
    assert (drafted["untaxed_amount"], drafted["total_amount"]) == (Decimal("80.00"), Decimal("95.20"))
    # on the terms agreed on the PO (without them Tryton would make it due on the invoice's date)
    [terms] = connector.call("account.invoice", "read", [int(str(result.external_id))], ["payment_term"])
    assert terms["payment_term"] == tryton.seed["payment_term"]
    # WHEN a payload carries a matched line at another price and an unmatched freight line
    payload = {
        **proposal.payload,
        "invoice_number": "AF-2026-79",
        "net_amount": "54.50",
        "tax_amount": "10.36",
        "amount": "64.86",
        "lines": [
            {**proposal.payload["lines"][0], "quantity": "10", "unit_price": "4.20", "amount": "42.00"},
            {"position": 2, "description": "Freight", "amount": "12.50", "tax_rate": "19", "po_line": None},
        ],
    }
    pushed = connector.push(
        ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="freight", payload=payload)
    )
    # THEN the matched line keeps the PO's product at the invoice's quantity and price, and the freight
    # goes as a description-only line of its amount, taxed at 19 %
    [freight_invoice] = connector.call(
        "account.invoice", "read", [int(str(pushed.external_id))], ["lines", "untaxed_amount", "tax_amount"]
    )
    written = connector.call(
        "account.invoice.line",
        "read",
        freight_invoice["lines"],
        ["product", "description", "quantity", "unit_price", "taxes", "origin"],
    )
    by_description = {x["description"]: x for x in written}
    assert (by_description["Safety gloves"]["quantity"], by_description["Safety gloves"]["unit_price"]) == (
        10.0,
        Decimal("4.20"),
    )
    freight = by_description["Freight"]
    assert (freight["product"], freight["quantity"], freight["unit_price"], freight["origin"]) == (
        None,
        1.0,
        Decimal("12.50"),
        None,
    )
    assert freight["taxes"] == [tryton.seed["tax"]]
    assert freight_invoice["untaxed_amount"] == Decimal("54.50")


def _discounted_bolts(po_number: str, **figures: str) -> dict[str, Any]:
    """150 bolts at 0.47 less 3 %: printed 68.39 (68.385 rounded half up); no four-place unit price
    reproduces it (0.4559 × 150 = 68.385, which Tryton rounds half to even: 68.38; 0.4560 gives 68.40)."""
    return {
        "action": "approve_payment",
        "vendor_erp_id": "ACME",
        "invoice_number": "AF-2026-90",
        "invoice_date": date.today().isoformat(),
        "currency": "EUR",
        "po_numbers": [po_number],
        "net_amount": "68.39",
        "tax_amount": "12.99",
        "amount": "81.38",
        "lines": [
            {"position": 1, "description": "Hex bolts M8 less 3 %", "quantity": "150", "unit_price": "0.47",
             "amount": "68.39", "tax_rate": "19", "po_line": {"po_number": po_number, "line_no": 2}},
        ],
        **figures,
    }  # fmt: skip


def _opsloop_invoices(connector: TrytonConnector) -> list[dict[str, Any]]:
    return connector.search_read(
        "account.invoice",
        [["comment", "like", "%opsloop:%"]],
        ["untaxed_amount", "tax_amount", "total_amount", "lines", "state"],
    )


def test_the_amount_posted_is_the_amount_printed_when_no_four_place_price_reproduces_a_line(
    tryton: Tryton,
) -> None:
    # GIVEN an approved invoice whose one discounted line no four-place unit price reproduces
    connector = tryton.connector()
    [acme] = connector.search_read("party.party", [["name", "=", "ACME Fasteners GmbH"]], ["code"])
    po_number = tryton.seed["purchase"]["number"]
    payload = {**_discounted_bolts(po_number), "vendor_erp_id": acme["code"]}
    # WHEN it is pushed
    result = connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="bolts", payload=payload))
    # THEN Tryton's draft invoice has the printed net, tax and total: a rounding-difference line of the cent,
    # taxed as the bolts line
    [invoice] = _opsloop_invoices(connector)
    assert (invoice["untaxed_amount"], invoice["tax_amount"], invoice["total_amount"]) == (
        Decimal("68.39"),
        Decimal("12.99"),
        Decimal("81.38"),
    )
    lines = connector.call(
        "account.invoice.line", "read", invoice["lines"], ["amount", "taxes", "description"]
    )
    rounding = [x for x in lines if x["description"].startswith("rounding difference")]
    assert [(x["amount"], x["taxes"]) for x in rounding] == [(Decimal("0.01"), [tryton.seed["tax"]])]
    # Tryton sums the lines' unrounded taxes (150 × 0.4559 × 19 % + 0.01 × 19 % = 12.995: 13.00); the page
    # prints 19 % of 68.39 = 12.99, and the tax line is brought to it
    assert result.detail.endswith(
        "rounding difference +0.01 booked to reach the printed net; tax -0.01 to the printed tax"
    )
    # WHEN the same key is pushed again THEN nothing more is written
    again = connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="bolts", payload=payload))
    assert again.external_id == result.external_id and len(_opsloop_invoices(connector)) == 1
    # WHEN the supplier printed a tax a cent off Tryton's (rounded per line) THEN the tax line is adjusted
    payload = {**payload, "invoice_number": "AF-2026-91", "tax_amount": "13.00", "amount": "81.39"}
    connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="bolts-tax", payload=payload))
    [taxed] = [i for i in _opsloop_invoices(connector) if i["id"] != int(str(result.external_id))]
    assert (taxed["untaxed_amount"], taxed["tax_amount"], taxed["total_amount"]) == (
        Decimal("68.39"),
        Decimal("13.00"),
        Decimal("81.39"),
    )
    # and Tryton validates it with that tax (its base unchanged, the keyed amount stands)
    connector.call("account.invoice", "validate_invoice", [taxed["id"]])
    [validated] = connector.call("account.invoice", "read", [taxed["id"]], ["state", "tax_amount"])
    assert (validated["state"], validated["tax_amount"]) == ("validated", Decimal("13.00"))


def test_an_invoice_tryton_would_book_at_another_amount_is_not_posted(tryton: Tryton) -> None:
    # GIVEN approved invoices whose net, or tax, Tryton computes more than the policy's rounding away
    connector = tryton.connector()
    [acme] = connector.search_read("party.party", [["name", "=", "ACME Fasteners GmbH"]], ["code"])
    po_number = tryton.seed["purchase"]["number"]
    net_off = {
        **_discounted_bolts(po_number, net_amount="70.00", amount="82.99"),
        "vendor_erp_id": acme["code"],
    }
    tax_off = {**_discounted_bolts(po_number, tax_amount="0", amount="68.39"), "vendor_erp_id": acme["code"]}
    for key, payload, said in (
        ("net-off", net_off, r"computes a net of 68\.3[89] where the invoice prints 70\.00"),
        ("tax-off", tax_off, r"computes a tax of 13\.00 where the invoice prints 0\.00"),
    ):
        # WHEN each is pushed
        # THEN it is refused with both figures, and no invoice is left in Tryton
        with pytest.raises(PushRejected, match=said):
            connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key=key, payload=payload))
        assert _opsloop_invoices(connector) == []
    # WHEN the net was 1 cent off and the policy allows no rounding THEN it is refused too
    strict = {**_discounted_bolts(po_number), "vendor_erp_id": acme["code"], "erp_rounding_abs": "0"}
    with pytest.raises(PushRejected, match="more than the 0 of rounding"):
        connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="strict", payload=strict))


def test_a_line_printed_without_a_rate_bears_the_invoices_one_vat_rate(tryton: Tryton) -> None:
    # GIVEN an approved advance-payment invoice: one line of no PO line, no rate printed on it, 19 % of its
    # net as its VAT (evals/decisions5: refused before as "a tax of 0.00 where the invoice prints 4.56")
    connector = tryton.connector()
    [acme] = connector.search_read("party.party", [["name", "=", "ACME Fasteners GmbH"]], ["code"])
    po_number = tryton.seed["purchase"]["number"]
    deposit = {
        **_discounted_bolts(po_number, net_amount="24.00", tax_amount="4.56", amount="28.56"),
        "vendor_erp_id": acme["code"],
        "invoice_number": "AZ-2026-7",
        "lines": [{"position": 1, "description": "Anzahlung 30 % auf Ihre Bestellung", "amount": "24.00",
                   "po_line": None}],
    }  # fmt: skip
    # WHEN it is pushed
    pushed = connector.push(
        ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="deposit", payload=deposit)
    )
    # THEN its line bears the invoice's rate: Tryton books the net and VAT printed
    [drafted] = connector.call(
        "account.invoice", "read", [int(str(pushed.external_id))], ["lines", "untaxed_amount", "tax_amount"]
    )
    assert (drafted["untaxed_amount"], drafted["tax_amount"]) == (Decimal("24.00"), Decimal("4.56"))
    [line] = connector.call("account.invoice.line", "read", drafted["lines"], ["taxes", "origin"])
    assert (line["taxes"], line["origin"]) == ([tryton.seed["tax"]], None)


def test_a_credit_note_is_booked_as_a_supplier_credit_note(tryton: Tryton, engine: Engine) -> None:
    # GIVEN the mirror synced from Tryton and an approved credit note for 5 of the gloves (the page
    # prints its amounts negative)
    connector = tryton.connector()
    assert sync_source(engine, connector, FAST).status == "ok"
    po_number = tryton.seed["purchase"]["number"]
    [acme] = connector.search_read("party.party", [["name", "=", "ACME Fasteners GmbH"]], ["code"])
    payload = {
        "action": "book_credit_note",
        "vendor_erp_id": acme["code"],
        "invoice_number": "AF-GS-3",
        "currency": "EUR",
        "po_numbers": [po_number],
        "lines": [
            {"position": 1, "description": "Safety gloves returned", "amount": "-20.00", "tax_rate": "19"}
        ],
    }
    # WHEN it is pushed
    result = connector.push(ErpAction(kind=ActionKind.POST_INVOICE, idempotency_key="gs-3", payload=payload))
    # THEN Tryton holds a draft supplier invoice whose total is negative: a supplier credit note
    [booked] = connector.call(
        "account.invoice", "read", [int(str(result.external_id))], ["type", "untaxed_amount", "total_amount"]
    )
    assert booked["type"] == "in" and "credit note" in result.detail
    assert (booked["untaxed_amount"], booked["total_amount"]) == (Decimal("-20.00"), Decimal("-23.80"))


def test_a_reversal_cancels_the_draft_invoice_in_tryton(tryton: Tryton, engine: Engine) -> None:
    # GIVEN an approval pushed to Tryton as a draft supplier invoice
    connector = tryton.connector()
    assert sync_source(engine, connector, FAST).status == "ok"
    document_id = hold_extraction(engine, _gloves_invoice(tryton.seed["purchase"]["number"]))
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    assert proposal.kind == "invoice_approve", proposal.summary
    pushed = connector.push(
        ErpAction(
            kind=ActionKind.POST_INVOICE, idempotency_key="proposal-to-reverse", payload=proposal.payload
        )
    )
    # WHEN its reversal is pushed (twice: the outbox may retry)
    reversal = ErpAction(
        kind=ActionKind.REVERSE_ACTION,
        idempotency_key="proposal-to-reverse-reversal",
        payload={
            "reverses": "proposal-to-reverse",
            "reverses_kind": "post_invoice",
            "external_id": pushed.external_id,
            "reason": "booked twice",
        },
    )
    first, again = connector.push(reversal), connector.push(reversal)
    # THEN the draft is cancelled in Tryton, once
    [invoice] = connector.call("account.invoice", "read", [int(str(pushed.external_id))], ["state"])
    assert invoice["state"] == "cancelled"
    assert "cancelled" in first.detail and "already" in again.detail
    # AND a hold, which wrote nothing, reverses to nothing
    nothing = connector.push(
        ErpAction(
            kind=ActionKind.REVERSE_ACTION,
            idempotency_key="hold-reversal",
            payload={"reverses": "hold-1", "reverses_kind": "hold_invoice", "external_id": None},
        )
    )
    assert "nothing to undo" in nothing.detail


def test_the_tryton_company_is_who_we_are(tryton: Tryton, engine: Engine) -> None:
    # GIVEN the seeded Tryton, whose company's party carries an EU VAT id and an address
    report = sync_source(engine, tryton.connector(), FAST, full=True)
    assert report.status == "ok", report.load.errors
    # THEN the mirror knows the company as ours, with its VAT id; it is no vendor
    with Session(engine) as session:
        (company,) = session.exec(select(t.Company)).all()
        vendors = {v.name for v in session.exec(select(t.Vendor))}
    assert (company.erp_id, company.name, company.vat_ids) == (
        f"company-{tryton.seed['company']}",
        "opsloop Demo GmbH",
        ["DE190000359"],
    )
    assert company.address is not None and "Hamburg" in company.address
    assert "opsloop Demo GmbH" not in vendors


def _amend_gloves_price(connector: TrytonConnector, purchase_id: int, price: str) -> None:
    """In Tryton: a validated amendment (purchase_amendment) of the purchase's gloves line to `price`."""
    [line] = connector.search_read(
        "purchase.line",
        [["purchase", "=", purchase_id], ["product.code", "=", "D-400"]],
        ["product", "quantity", "unit", "description"],
    )
    change = {
        "action": "line",
        "line": line["id"],
        "product": line["product"],
        "quantity": line["quantity"],
        "unit": line["unit"],
        "unit_price": Decimal(price),
        "description": line["description"],
    }
    [amendment] = connector.call(
        "purchase.amendment",
        "create",
        [{"purchase": purchase_id, "description": "price agreed", "lines": [["create", [change]]]}],
    )
    connector.call("purchase.amendment", "validate_amendment", [amendment])


def _approved_gloves(tryton: Tryton, engine: Engine) -> tuple[TrytonConnector, int, int]:
    """Synced from Tryton, the gloves invoice matched and approved in opsloop (its push not yet run):
    the connector, the invoice's document id and its approval's proposal id."""
    from opsloop.review.accounts import Actor, Role
    from opsloop.review.decisions import DecisionAction, DecisionRequest, decide

    connector = tryton.connector()
    assert sync_source(engine, connector, FAST, full=True).status == "ok"
    document_id = hold_extraction(engine, _gloves_invoice(tryton.seed["purchase"]["number"]))
    [proposal] = proposals_for(engine, f"invoice:{document_id}")
    assert proposal.kind == "invoice_approve" and proposal.id is not None, proposal.summary
    with Session(engine) as session:
        decide(
            session,
            proposal.id,
            Actor(username="alice", role=Role.ADMIN),
            DecisionRequest(action=DecisionAction.APPROVE, confirmed=True),
        )
        session.commit()
    return connector, document_id, proposal.id


def test_a_draft_written_to_tryton_is_held_with_a_sentence_when_its_purchase_is_amended(
    tryton: Tryton, engine: Engine
) -> None:
    from opsloop.review.outbox import push_outbox

    # GIVEN the gloves invoice approved in opsloop and its draft written to Tryton through the outbox
    po_number, purchase_id = tryton.seed["purchase"]["number"], tryton.seed["purchase"]["id"]
    connector, document_id, approved = _approved_gloves(tryton, engine)
    with Session(engine) as session:
        assert push_outbox(session, connector).executed == 1
        [item] = session.exec(select(t.OutboxItem))
        draft_ref = str(item.external_id)
    # WHEN the buyer amends the gloves' price in Tryton (4.00 -> 3.50) and opsloop syncs
    _amend_gloves_price(connector, purchase_id, "3.50")
    report = sync_source(engine, connector, FAST)
    # THEN the amended price reached the mirror and the invoice was re-checked against it
    assert report.status == "ok" and report.rechecked == 1, report
    with Session(engine) as session:
        prices = [
            line.unit_price for line in session.exec(select(t.PurchaseOrderLine)) if line.sku == "D-400"
        ]
    assert prices == [Decimal("3.50")]
    # AND Tryton deleted the draft with the amendment (it held only lines of the amended purchase):
    # nothing of the invoice is in Tryton, so nothing can be posted on the stale match
    assert connector.search_read("account.invoice", [["type", "=", "in"]], ["id"]) == []
    # AND the hold says so in words, naming the draft, with the amended price's finding
    proposals = {p.id: p for p in proposals_for(engine, f"invoice:{document_id}")}
    assert proposals.pop(approved).state == "executed"
    [hold] = proposals.values()
    assert hold.kind == "invoice_hold" and hold.state == "pending"
    assert hold.summary.startswith(
        f"PO {po_number} was amended in the ERP after this invoice was approved and its draft written to the "
        f"ERP ({draft_ref}): the ERP deleted that draft with the amendment, so the invoice is not in the ERP now"
    )
    assert "3.50" in hold.summary and "releasing this hold writes it to the ERP again" in hold.summary
    assert hold.payload["reasons"][:2] == ["po_amended", "price_variance"]
    assert (hold.payload["erp_invoice"], hold.payload["erp_invoice_state"]) == (draft_ref, "deleted")
    # AND no further push is due
    with Session(engine) as session:
        again = push_outbox(session, connector)
    assert (again.executed, again.failed) == (0, 0)


def test_an_approval_not_yet_written_to_tryton_is_withdrawn_when_its_purchase_is_amended(
    tryton: Tryton, engine: Engine
) -> None:
    from opsloop.review.outbox import push_outbox

    # GIVEN the gloves invoice approved in opsloop, its push to Tryton still waiting in the outbox
    po_number, purchase_id = tryton.seed["purchase"]["number"], tryton.seed["purchase"]["id"]
    connector, document_id, approved = _approved_gloves(tryton, engine)
    # WHEN the gloves' price is amended in Tryton before the push, and opsloop syncs, then pushes
    _amend_gloves_price(connector, purchase_id, "3.50")
    assert sync_source(engine, connector, FAST).status == "ok"
    with Session(engine) as session:
        pushed = push_outbox(session, connector)
        [item] = session.exec(select(t.OutboxItem))
        assert item.state == "cancelled" and "amended" in (item.last_error or "")
    # THEN nothing was written to Tryton, the approval is superseded, and a person sees why
    assert pushed.executed == 0
    assert connector.search_read("account.invoice", [["type", "=", "in"]], ["id"]) == []
    proposals = {p.id: p for p in proposals_for(engine, f"invoice:{document_id}")}
    assert proposals.pop(approved).state == "superseded"
    [again] = proposals.values()
    assert again.state == "pending" and again.kind != "invoice_approve"
    assert again.summary.startswith(f"PO {po_number} was amended")
