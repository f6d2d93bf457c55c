"""The planner: explained inventory and staffing proposals read from the ERP mirror.

`plan_inventory` and `plan_staffing` read the mirror tables (and the analysed conversations) and return
`ProposalDraft`s, at most one per `subject_key`; the pure functions under them (forecast, inventory,
staffing) do the work and can be called on their own. For the review layer, two pure modules:
`opsloop.plan.validation.validate_planner_edit(kind, payload, working)` (an edited proposal's problems:
pack size, MOQ, order budget, ...) and `opsloop.plan.charts.proposal_chart_svg(kind, working)` (the SVG
chart of a reorder or staffing proposal, None for other kinds).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from opsloop.converse.metrics import to_record
from opsloop.domain.proposals import ProposalDraft
from opsloop.plan.arrivals import staffing_inputs
from opsloop.plan.drafts import dedupe_drafts
from opsloop.plan.forecast import DemandPoint, history_window_start
from opsloop.plan.inventory import ItemPlanInput, propose_item, propose_stock_adjustment
from opsloop.plan.staffing import (
    DEFAULT_QUEUE,
    HandleTimeSample,
    HourlyArrivals,
    Shift,
    StaffingInputs,
    propose_escalations,
    propose_staffing,
)
from opsloop.settings import PlanSettings
from opsloop.store.conversations import load_analysed
from opsloop.store.tables import (
    DemandHistory,
    GoodsReceiptLine,
    Item,
    PurchaseOrder,
    PurchaseOrderLine,
    RosterShift,
    StockLevel,
    Vendor,
)

__all__ = [
    "HandleTimeSample",
    "HourlyArrivals",
    "ItemPlanInput",
    "PlanSettings",
    "Shift",
    "StaffingInputs",
    "load_item_inputs",
    "load_shifts",
    "load_staffing_inputs",
    "newest_demand_period",
    "plan_inventory",
    "plan_staffing",
    "propose_stock_adjustment",
]

CLOSED_PO_STATES = frozenset({"received", "closed", "cancelled"})


def newest_demand_period(session: Session, today: date) -> date | None:
    """The newest period in the mirror's demand history before `today` (for any item): the date the
    ERP's last demand export reaches. The planner's history ends there, whatever day it runs."""
    return session.exec(
        select(func.max(DemandHistory.period_start)).where(col(DemandHistory.period_start) < today)
    ).one()


def load_item_inputs(session: Session, settings: PlanSettings, today: date) -> list[ItemPlanInput]:
    """One `ItemPlanInput` per item in the mirror: stock summed over locations, open PO quantity
    (ordered − received on purchase orders not received/closed/cancelled), demand history before today
    up to the newest export (`newest_demand_period`)."""
    items = list(session.exec(select(Item).order_by(col(Item.sku))).all())
    by_id = {item.id: item for item in items}
    by_sku = {item.sku: item for item in items}

    on_hand: dict[int, Decimal] = defaultdict(Decimal)
    reserved: dict[int, Decimal] = defaultdict(Decimal)
    for level in session.exec(select(StockLevel)).all():
        on_hand[level.item_id] += level.on_hand
        reserved[level.item_id] += level.reserved

    received: dict[int, Decimal] = defaultdict(Decimal)
    for receipt_line in session.exec(select(GoodsReceiptLine)).all():
        received[receipt_line.purchase_order_line_id] += receipt_line.quantity
    open_po: dict[int, Decimal] = defaultdict(Decimal)
    rows = session.exec(
        select(PurchaseOrderLine, PurchaseOrder).where(
            col(PurchaseOrderLine.purchase_order_id) == col(PurchaseOrder.id)
        )
    ).all()
    for line, order in rows:
        if order.status in CLOSED_PO_STATES or line.id is None:
            continue
        item = by_id.get(line.item_id) if line.item_id is not None else by_sku.get(line.sku or "")
        if item is None or item.id is None:
            continue
        open_po[item.id] += max(line.quantity - received[line.id], Decimal(0))

    last_export = newest_demand_period(session, today)
    since = history_window_start(today, settings, last_export)
    history: dict[int, list[DemandPoint]] = defaultdict(list)
    demand_rows = session.exec(
        select(DemandHistory).where(
            col(DemandHistory.period_start) >= since, col(DemandHistory.period_start) < today
        )
    ).all()
    for row in demand_rows:
        history[row.item_id].append(DemandPoint(period_start=row.period_start, quantity=row.quantity))

    currencies = {v.erp_id: v.currency for v in session.exec(select(Vendor)).all()}
    inputs: list[ItemPlanInput] = []
    for item in items:
        if item.id is None:
            continue
        inputs.append(
            ItemPlanInput(
                sku=item.sku,
                name=item.name,
                unit=item.unit,
                unit_cost=item.unit_cost,
                currency=currencies.get(item.preferred_vendor_erp_id or ""),
                pack_size=item.pack_size,
                min_order_qty=item.min_order_qty,
                lead_time_days=item.lead_time_days,
                lead_time_std_days=item.lead_time_std_days,
                ordering_cost=item.ordering_cost,
                holding_cost_rate=item.holding_cost_rate,
                on_hand=on_hand[item.id],
                reserved=reserved[item.id],
                open_po_qty=open_po[item.id],
                vendor_erp_id=item.preferred_vendor_erp_id,
                history=history[item.id],
                history_through=last_export,
            )
        )
    return inputs


def plan_inventory(session: Session, settings: PlanSettings, today: date) -> list[ProposalDraft]:
    """REORDER and SAFETY_STOCK drafts for every item in the ERP mirror, at most one per key."""
    drafts: list[ProposalDraft] = []
    for item in load_item_inputs(session, settings, today):
        drafts.extend(propose_item(item, settings, today))
    return dedupe_drafts(drafts)


def load_shifts(session: Session, settings: PlanSettings, now: datetime) -> list[Shift]:
    """Roster rows that overlap the next `forecast_days` (one agent each; no queue → `default`)."""
    horizon = now + timedelta(days=settings.forecast_days)
    rows = session.exec(
        select(RosterShift).where(col(RosterShift.ends_at) > now, col(RosterShift.starts_at) < horizon)
    ).all()
    return [
        Shift(queue=row.queue or DEFAULT_QUEUE, starts_at=row.starts_at, ends_at=row.ends_at, agents=1)
        for row in rows
    ]


def plan_staffing(
    session: Session,
    inputs: StaffingInputs | None,
    settings: PlanSettings,
    now: datetime,
    shifts: Sequence[Shift] | None = None,
) -> list[ProposalDraft]:
    """STAFFING drafts per roster shift that misses the service-level target, and ESCALATION drafts
    for queues whose negative/urgent share is rising. `inputs` (None: read from the analysed conversations,
    `load_staffing_inputs`) and `shifts` (None: the roster in the mirror) can be given instead."""
    roster = list(shifts) if shifts is not None else load_shifts(session, settings, now)
    inputs = inputs if inputs is not None else load_staffing_inputs(session)
    drafts = propose_staffing(inputs, roster, settings, now) + propose_escalations(inputs, settings, now)
    return dedupe_drafts(drafts)


def load_staffing_inputs(session: Session) -> StaffingInputs:
    """Arrivals and handle times of every analysed conversation in the database."""
    return staffing_inputs(to_record(transcript, analysis) for transcript, analysis in load_analysed(session))
