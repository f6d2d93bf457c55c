"""Integration: a migrated SQLite database with ERP mirror rows → the drafts `plan_inventory` and
`plan_staffing` return."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from opsloop.domain.proposals import ProposalKind
from opsloop.plan import (
    HandleTimeSample,
    HourlyArrivals,
    PlanSettings,
    StaffingInputs,
    load_item_inputs,
    plan_inventory,
    plan_staffing,
)
from opsloop.store.db import make_engine, upgrade
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
from tests.conftest import keyed

TODAY = date(2024, 6, 3)
NOW = datetime(2024, 6, 3, 0, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    upgrade(url)
    engine = keyed(make_engine(url), tmp_path)
    with Session(engine) as db:
        yield db
    engine.dispose()


def add_item(db: Session, sku: str, *, lead_time: float | None, per_day: int) -> Item:
    item = Item(
        erp_id=f"erp-{sku}",
        sku=sku,
        name=f"Item {sku}",
        unit="pcs",
        unit_cost=Decimal("2.00"),
        pack_size=Decimal(10),
        min_order_qty=Decimal(50),
        lead_time_days=lead_time,
        ordering_cost=Decimal(10),
        holding_cost_rate=Decimal("0.25"),
        preferred_vendor_erp_id="V1",
    )
    db.add(item)
    db.flush()
    assert item.id is not None
    for day in range(120):
        db.add(
            DemandHistory(
                item_id=item.id, period_start=TODAY - timedelta(days=120 - day), quantity=Decimal(per_day)
            )
        )
    return item


def seed_inventory(db: Session) -> None:
    vendor = Vendor(erp_id="V1", name="Acme GmbH", currency="EUR")
    db.add(vendor)
    db.flush()
    assert vendor.id is not None
    low = add_item(db, "SKU-LOW", lead_time=5, per_day=10)
    ok = add_item(db, "SKU-OK", lead_time=5, per_day=10)
    unknown = add_item(db, "SKU-NOLT", lead_time=None, per_day=10)
    assert low.id and ok.id and unknown.id
    # SKU-LOW: 20 + 10 on hand in two locations, 5 reserved
    db.add(StockLevel(item_id=low.id, location="main", on_hand=Decimal(20), reserved=Decimal(5)))
    db.add(StockLevel(item_id=low.id, location="annex", on_hand=Decimal(10)))
    db.add(StockLevel(item_id=ok.id, on_hand=Decimal(500)))
    db.add(StockLevel(item_id=unknown.id, on_hand=Decimal(0)))
    # an open PO: 30 ordered, 10 received → 20 still open
    open_po = PurchaseOrder(erp_id="PO-1", number="PO-1", vendor_id=vendor.id, status="partially_received")
    # a cancelled PO for 1000 must not count
    cancelled = PurchaseOrder(erp_id="PO-2", number="PO-2", vendor_id=vendor.id, status="cancelled")
    db.add(open_po)
    db.add(cancelled)
    db.flush()
    assert open_po.id and cancelled.id
    line = PurchaseOrderLine(
        purchase_order_id=open_po.id, line_no=1, item_id=low.id, quantity=Decimal(30), unit_price=Decimal(2)
    )
    db.add(line)
    db.add(
        PurchaseOrderLine(
            purchase_order_id=cancelled.id,
            line_no=1,
            sku="SKU-LOW",
            quantity=Decimal(1000),
            unit_price=Decimal(2),
        )
    )
    receipt = GoodsReceipt(erp_id="GR-1", number="GR-1", purchase_order_id=open_po.id, received_date=TODAY)
    db.add(receipt)
    db.flush()
    assert receipt.id and line.id
    db.add(
        GoodsReceiptLine(goods_receipt_id=receipt.id, purchase_order_line_id=line.id, quantity=Decimal(10))
    )
    db.commit()


def test_plan_inventory_reads_the_mirror_and_proposes_only_the_item_below_its_trigger(
    session: Session,
) -> None:
    """GIVEN SKU-LOW with net position 30 + 20 open − 5 reserved = 45 (projected 35 < ROP 50), SKU-OK with 500
    on hand and SKU-NOLT without a lead time WHEN planned THEN exactly one REORDER draft, for SKU-LOW, priced in
    the vendor's currency; the cancelled PO is not counted."""
    seed_inventory(session)
    settings = PlanSettings()
    inputs = {i.sku: i for i in load_item_inputs(session, settings, TODAY)}
    assert inputs["SKU-LOW"].on_hand == Decimal(30)
    assert inputs["SKU-LOW"].open_po_qty == Decimal(20)
    assert len(inputs["SKU-LOW"].history) == 120

    drafts = plan_inventory(session, settings, TODAY)

    assert [(d.kind, d.subject_key) for d in drafts] == [(ProposalKind.REORDER, "item:SKU-LOW:reorder")]
    [draft] = drafts
    assert draft.working["numbers"]["net_position"] == "45"
    assert draft.currency == "EUR"
    assert draft.payload["vendor_erp_id"] == "V1"
    # EOQ √(2·3650·10/0.5) = 382.1 → whole packs of 10 → 390
    assert draft.payload["quantity"] == "390"
    # the same run again gives the same single key (the queue updates the pending one)
    assert [d.subject_key for d in plan_inventory(session, settings, TODAY)] == ["item:SKU-LOW:reorder"]


def test_plan_staffing_reads_the_roster(session: Session) -> None:
    """GIVEN a roster with one agent on Monday 09-17 in `support` and four weeks of 20 chats an hour in office
    hours WHEN planned THEN one STAFFING draft for that shift."""
    session.add(
        RosterShift(
            erp_id="R1",
            agent="ana",
            queue="support",
            starts_at=NOW + timedelta(hours=9),
            ends_at=NOW + timedelta(hours=17),
        )
    )
    session.add(
        RosterShift(
            erp_id="R0",
            agent="old",
            queue="support",
            starts_at=NOW - timedelta(days=3),
            ends_at=NOW - timedelta(days=2),
        )
    )
    session.commit()
    start = NOW - timedelta(weeks=4)
    arrivals = []
    for hour in range(4 * 168):
        moment = start + timedelta(hours=hour)
        busy = moment.weekday() < 5 and 9 <= moment.hour < 17
        arrivals.append(HourlyArrivals(queue="support", hour_start=moment, count=20 if busy else 1))
    handle_times = [
        HandleTimeSample(
            conversation_id=f"c{i}",
            queue="support",
            started_at=start + timedelta(hours=3 * i),
            handle_seconds=300,
        )
        for i in range(100)
    ]
    drafts = plan_staffing(
        session, StaffingInputs(arrivals=arrivals, handle_times=handle_times), PlanSettings(), NOW
    )
    assert [d.subject_key for d in drafts] == ["queue:support:2024-06-03T09:00:00+00:00:staffing"]
    assert drafts[0].payload["rostered_agents"] == 1
