"""The planning date and the last export are two dates: a plan made days after the newest demand export
reads the same history (no invented zero demand), says which history it used, and for one item never
proposes a reorder and a safety-stock change that disagree."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.plan import load_item_inputs, newest_demand_period, plan_inventory
from opsloop.plan.forecast import DemandPoint, DemandSeries, demand_series, detect_demand_shift, signed_change
from opsloop.plan.inventory import ItemPlanInput, propose_item
from opsloop.settings import PlanSettings
from opsloop.store.db import make_engine, upgrade
from opsloop.store.tables import DemandHistory, Item, StockLevel
from tests.conftest import keyed

LAST_EXPORT = date(2026, 11, 27)
SETTINGS = PlanSettings()


def rising_history(days: int = 180, seed: int = 3) -> list[DemandPoint]:
    """Weekday demand around 20 a day that more than doubles over the last 30 days, through LAST_EXPORT."""
    rng = random.Random(seed)
    points = []
    for i in range(days):
        day = LAST_EXPORT - timedelta(days=days - 1 - i)
        mean = 20.0 * (0.35 if day.weekday() >= 5 else 1.0) * (2.2 if i >= days - 30 else 1.0)
        points.append(
            DemandPoint(period_start=day, quantity=Decimal(max(0, round(rng.gauss(mean, mean * 0.3)))))
        )
    return points


def paper(on_hand: str = "100", *, through: date | None = LAST_EXPORT) -> ItemPlanInput:
    return ItemPlanInput(
        sku="BT-1001",
        name="Copy paper",
        unit="Pck",
        unit_cost=Decimal("3.85"),
        currency="EUR",
        pack_size=Decimal(5),
        min_order_qty=Decimal(50),
        lead_time_days=5,
        lead_time_std_days=1,
        ordering_cost=Decimal(45),
        holding_cost_rate=Decimal("0.25"),
        on_hand=Decimal(on_hand),
        history=rising_history(),
        history_through=through,
    )


def of_kind(drafts: list[ProposalDraft], kind: ProposalKind) -> ProposalDraft:
    [draft] = [d for d in drafts if d.kind is kind]
    return draft


def test_days_after_the_last_export_are_not_counted_as_zero_demand() -> None:
    """GIVEN 180 days of demand exported through 27 Nov WHEN planned on 28 Nov and again on 4 Dec (no newer
    export) THEN both plans read the same 180 periods and propose the same order at the same daily demand."""
    on_the_day = of_kind(
        propose_item(paper(), SETTINGS, LAST_EXPORT + timedelta(days=1)), ProposalKind.REORDER
    )
    week_later = of_kind(
        propose_item(paper(), SETTINGS, LAST_EXPORT + timedelta(days=7)), ProposalKind.REORDER
    )
    for draft in (on_the_day, week_later):
        assert draft.working["inputs"]["history_periods"] == 180
    assert week_later.payload["quantity"] == on_the_day.payload["quantity"]
    assert week_later.working["numbers"]["daily_demand"] == on_the_day.working["numbers"]["daily_demand"]


def test_without_the_export_date_the_gap_would_read_as_zero_demand() -> None:
    """GIVEN the same history but no export date WHEN planned a week later THEN the six unknown days count as
    zeros (186 periods, lower demand): the behaviour the export date exists to prevent."""
    late = LAST_EXPORT + timedelta(days=7)
    with_date = of_kind(propose_item(paper("0"), SETTINGS, late), ProposalKind.REORDER)
    without = of_kind(propose_item(paper("0", through=None), SETTINGS, late), ProposalKind.REORDER)
    assert without.working["inputs"]["history_periods"] == 186
    assert without.working["numbers"]["daily_demand"] < with_date.working["numbers"]["daily_demand"]


def test_the_working_says_which_history_was_used_and_that_the_gap_is_not_zero() -> None:
    """GIVEN a plan a week after the export WHEN its reorder is read THEN the working names the history's
    first and last day and says the days since the export are not counted as zero."""
    draft = of_kind(propose_item(paper(), SETTINGS, date(2026, 12, 4)), ProposalKind.REORDER)
    text = draft.working["inputs"]["history"]
    assert "180 daily periods, 2026-06-01 to 2026-11-27 (the newest ERP export)" in text
    assert "the 6 days since (2026-11-28 to 2026-12-03) are not in the mirror yet" in text
    assert "not counted as zero demand" in text


def test_the_series_ends_with_the_exported_period_even_for_weekly_exports() -> None:
    """GIVEN weekly rows (Mondays) through 23 Nov WHEN the series is built on 4 Dec with that export date
    THEN the last week (23-29 Nov) is in and nothing after it."""
    rows = [
        DemandPoint(period_start=date(2026, 11, 23) - timedelta(weeks=k), quantity=Decimal(70))
        for k in range(10)
    ]
    built = demand_series(rows, until=date(2026, 12, 4), last_export=date(2026, 11, 23))
    assert (built.period_days, len(built.values), built.end) == (7, 10, date(2026, 11, 30))
    assert set(built.values) == {70.0}


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    upgrade(url)
    engine = keyed(make_engine(url), tmp_path)
    with Session(engine) as db:
        yield db
    engine.dispose()


def test_plan_inventory_ends_every_items_history_at_the_newest_export(session: Session) -> None:
    """GIVEN the mirror's demand export through 27 Nov (one item's last row earlier: it sold nothing since)
    WHEN planned on 4 Dec THEN the export date is the newest row of any item, every item's history ends
    there, and the quiet item's last days are zeros up to it, not beyond."""
    busy = Item(erp_id="I1", sku="BUSY", name="Busy", lead_time_days=5)
    quiet = Item(erp_id="I2", sku="QUIET", name="Quiet", lead_time_days=5)
    session.add(busy)
    session.add(quiet)
    session.flush()
    assert busy.id and quiet.id
    for point in rising_history(60):
        session.add(DemandHistory(item_id=busy.id, period_start=point.period_start, quantity=point.quantity))
    for day in range(50):
        session.add(
            DemandHistory(
                item_id=quiet.id, period_start=date(2026, 9, 29) + timedelta(days=day), quantity=Decimal(3)
            )
        )
    session.add(StockLevel(item_id=busy.id, on_hand=Decimal(1000)))
    session.commit()

    assert newest_demand_period(session, date(2026, 12, 4)) == LAST_EXPORT
    inputs = {i.sku: i for i in load_item_inputs(session, SETTINGS, date(2026, 12, 4))}
    assert {i.history_through for i in inputs.values()} == {LAST_EXPORT}
    quiet_series = demand_series(
        inputs["QUIET"].history, until=date(2026, 12, 4), last_export=inputs["QUIET"].history_through
    )
    assert quiet_series.end == LAST_EXPORT + timedelta(days=1)
    assert quiet_series.values[-1] == 0.0
    on_the_day = plan_inventory(session, SETTINGS, date(2026, 11, 28))
    week_later = plan_inventory(session, SETTINGS, date(2026, 12, 4))
    assert on_the_day and [(d.subject_key, d.payload, d.working["numbers"]) for d in week_later] == [
        (d.subject_key, d.payload, d.working["numbers"]) for d in on_the_day
    ]


def test_a_drop_is_a_negative_change() -> None:
    """GIVEN demand that falls from 10 a day to 4 WHEN the shift is described THEN the change is negative
    (never "+60 %"); a fall to nothing is −100 % and a rise from nothing has no percentage."""
    values = tuple([10.0, 11.0, 9.0, 10.0] * 21 + [4.0, 5.0, 3.0, 4.0] * 7)
    shift = detect_demand_shift(DemandSeries(start=date(2026, 1, 1), period_days=1, values=values), SETTINGS)
    assert shift.shifted and "fell" in shift.reason and "−60%" in shift.reason
    assert (signed_change(0.1, 0.0), signed_change(2.0, 3.0), signed_change(0.0, 2.0)) == (
        "−100%",
        "+50%",
        "from 0 to 2.0",
    )


def test_a_reorder_and_a_safety_stock_change_for_one_item_agree() -> None:
    """GIVEN demand that more than doubled in the last month and little stock WHEN planned THEN one reorder and
    one safety-stock change: the reorder uses the safety stock the change proposes, the change's reorder point
    is the reorder's, and each names the other."""
    drafts = propose_item(paper("100"), SETTINGS, LAST_EXPORT + timedelta(days=1))
    assert sorted(d.subject_key for d in drafts) == ["item:BT-1001:reorder", "item:BT-1001:safety_stock"]
    reorder = of_kind(drafts, ProposalKind.REORDER)
    change = of_kind(drafts, ProposalKind.SAFETY_STOCK)
    numbers = reorder.working["numbers"]
    assert numbers["safety_stock"] == change.working["numbers"]["new_safety_stock"]
    assert Decimal(change.payload["reorder_point"]) - Decimal(str(numbers["reorder_point"])) < 1
    assert change.title.startswith("Raise safety stock of BT-1001 from ")
    assert reorder.working["related"]["subject_key"] == change.subject_key
    assert change.working["related"]["subject_key"] == reorder.subject_key
    assert f"A reorder of {reorder.payload['quantity']} Pck is proposed alongside" in change.summary


def test_a_quiet_month_of_an_intermittent_item_lowers_no_safety_stock() -> None:
    """GIVEN a slow mover (a sale every week or two) with no sale in the last 28 days WHEN planned THEN no
    "lower safety stock to 0": its reorder level comes from its own history's distribution."""
    rng = random.Random(5)
    values = [float(rng.randint(1, 3)) if rng.random() < 0.1 else 0.0 for _ in range(152)] + [0.0] * 28
    start = LAST_EXPORT - timedelta(days=len(values) - 1)
    book = paper("0").model_copy(
        update={
            "history": [
                DemandPoint(period_start=start + timedelta(days=i), quantity=Decimal(str(v)))
                for i, v in enumerate(values)
            ]
        }
    )
    drafts = propose_item(book, SETTINGS, LAST_EXPORT + timedelta(days=1))
    assert [d.kind for d in drafts if d.kind is ProposalKind.SAFETY_STOCK] == []


def test_the_order_budget_cuts_a_planned_order_to_whole_packs_within_it() -> None:
    """GIVEN an order budget of 1,000 EUR WHEN the planner would order more THEN the order is cut to the most
    whole packs of 5 within it (1000 / 3.85 = 259.7 → 255) and the summary says why."""
    settings = PlanSettings(order_budget=Decimal(1000))
    draft = of_kind(propose_item(paper("0"), settings, LAST_EXPORT + timedelta(days=1)), ProposalKind.REORDER)
    assert draft.payload["quantity"] == "255"
    assert draft.amount == Decimal("981.75")
    assert "over the order budget 1000" in draft.summary
    assert draft.working["inputs"]["order_budget"] == "1000"
