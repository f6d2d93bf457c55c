"""Inventory proposals: the trigger, the working on the page, one draft per key."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.plan.drafts import dedupe_drafts
from opsloop.plan.forecast import DemandPoint
from opsloop.plan.inventory import ItemPlanInput, propose_item, propose_stock_adjustment
from opsloop.settings import PlanSettings

TODAY = date(2024, 6, 1)
SETTINGS = PlanSettings(service_level=0.95, review_horizon_days=1)


def history(values: list[float]) -> list[DemandPoint]:
    start = TODAY - timedelta(days=len(values))
    return [
        DemandPoint(period_start=start + timedelta(days=i), quantity=Decimal(str(v)))
        for i, v in enumerate(values)
    ]


def item(
    on_hand: str, *, open_po: str = "0", reserved: str = "0", values: list[float] | None = None
) -> ItemPlanInput:
    """10 a day, every day; lead time 5 days → ROP 50, trigger: net − 10 < 50."""
    return ItemPlanInput(
        sku="SKU-1",
        name="Widget",
        unit="pcs",
        unit_cost=Decimal("2.00"),
        currency="EUR",
        pack_size=Decimal(50),
        min_order_qty=Decimal(100),
        lead_time_days=5,
        ordering_cost=Decimal(10),
        holding_cost_rate=Decimal("0.25"),
        on_hand=Decimal(on_hand),
        open_po_qty=Decimal(open_po),
        reserved=Decimal(reserved),
        history=history(values if values is not None else [10.0] * 120),
    )


def reorders(drafts: list[ProposalDraft]) -> list[ProposalDraft]:
    return [d for d in drafts if d.kind is ProposalKind.REORDER]


def test_no_reorder_at_or_above_the_trigger() -> None:
    """GIVEN net position 60 (projected 50 = ROP by the next run) WHEN planned THEN no reorder draft."""
    assert reorders(propose_item(item("60"), SETTINGS, TODAY)) == []


def test_open_orders_keep_the_position_above_the_trigger() -> None:
    """GIVEN only 20 on hand but 100 on order and 10 reserved (net 110) WHEN planned THEN no reorder draft."""
    assert reorders(propose_item(item("20", open_po="100", reserved="10"), SETTINGS, TODAY)) == []


def test_reservations_push_the_position_below_the_trigger() -> None:
    """GIVEN 70 on hand and 15 reserved (net 55, projected 45 < ROP 50) WHEN planned THEN a reorder draft."""
    assert len(reorders(propose_item(item("70", reserved="15"), SETTINGS, TODAY))) == 1


def test_reorder_draft_carries_eoq_rounded_to_packs_and_its_working() -> None:
    """GIVEN net 59 (projected 49 < ROP 50), D = 3650/year, S = 10, H = 2.00 × 0.25 = 0.50
    WHEN planned THEN one REORDER draft: EOQ √(2·3650·10/0.5) = 382.1 raised to 8 packs of 50 = 400,
    value 800.00 EUR, and the working shows inputs, formula, numbers, effect, sensitivity and confidence."""
    [draft] = reorders(propose_item(item("59"), SETTINGS, TODAY))
    assert draft.subject_key == "item:SKU-1:reorder"
    assert draft.payload["quantity"] == "400"
    assert draft.amount == Decimal("800.00")
    assert draft.currency == "EUR"
    numbers = draft.working["numbers"]
    assert numbers["reorder_point"] == 50.0
    assert numbers["eoq"] == 382.1
    assert numbers["net_position"] == "59"
    assert numbers["position_after"] == "459"
    assert draft.working["formula"].startswith("SS = z")
    assert draft.working["inputs"]["forecast_method"] == "ses"
    assert "+20% demand" in draft.working["sensitivity"]
    assert "459" in draft.working["expected_effect"]
    assert draft.confidence is not None and 0 < draft.confidence < 1


def test_reorder_without_cost_data_orders_a_cycle_and_says_why() -> None:
    """GIVEN no ordering cost (EOQ impossible) WHEN planned THEN the order covers lead time + review
    (6 days × 10 = 60, raised to the MOQ 100) and the working says the EOQ is missing and why."""
    without_cost = item("30").model_copy(update={"ordering_cost": None})
    [draft] = reorders(propose_item(without_cost, SETTINGS, TODAY))
    assert draft.payload["quantity"] == "100"
    assert "eoq" not in draft.working["numbers"]  # the note says why instead of an empty row
    assert "ordering cost" in draft.working["numbers"]["eoq_note"]


def test_no_lead_time_means_no_reorder_rather_than_a_guess() -> None:
    """GIVEN an item with no lead time and nothing in stock WHEN planned THEN no reorder draft."""
    unknown = item("0").model_copy(update={"lead_time_days": None})
    assert reorders(propose_item(unknown, SETTINGS, TODAY)) == []


def test_sensitivity_shows_higher_demand_raises_the_reorder_point() -> None:
    """GIVEN noisy demand around 10/day WHEN a reorder is proposed THEN the +20 % line shows a higher ROP."""
    noisy = item("40", values=[8.0, 12.0, 9.0, 11.0, 10.0, 14.0, 6.0] * 16)
    [draft] = reorders(propose_item(noisy, SETTINGS, TODAY))
    line = draft.working["sensitivity"]
    rop = draft.working["numbers"]["reorder_point"]
    high = float(line.split("reorder point ")[1].split(" → ")[1].split(",")[0])
    assert high > rop


def test_demand_shift_gives_a_safety_stock_draft_and_a_reorder_under_separate_keys() -> None:
    """GIVEN demand that doubled (and grew noisier) in the last 28 days and a low position WHEN planned
    THEN one REORDER and one SAFETY_STOCK draft, each under its own key, the safety stock raised."""
    values = [8.0, 12.0, 10.0, 9.0, 11.0] * 18 + [14.0, 26.0, 20.0, 17.0, 23.0, 20.0, 20.0] * 4
    drafts = propose_item(item("20", values=values), SETTINGS, TODAY)
    kinds = {d.subject_key: d.kind for d in drafts}
    assert kinds == {
        "item:SKU-1:reorder": ProposalKind.REORDER,
        "item:SKU-1:safety_stock": ProposalKind.SAFETY_STOCK,
    }
    safety = next(d for d in drafts if d.kind is ProposalKind.SAFETY_STOCK)
    numbers = safety.working["numbers"]
    assert numbers["new_safety_stock"] > numbers["old_safety_stock"]
    assert safety.payload["safety_stock"] == str(int(-(-numbers["new_safety_stock"] // 1)))
    assert "+20% demand" in safety.working["sensitivity"]


def test_steady_demand_gives_no_safety_stock_draft() -> None:
    """GIVEN demand with the same pattern all along WHEN planned with plenty of stock THEN no drafts at all."""
    steady = item("1000", values=[8.0, 12.0, 9.0, 11.0, 10.0, 14.0, 6.0] * 16)
    assert propose_item(steady, SETTINGS, TODAY) == []


def test_dedupe_keeps_one_draft_per_key_the_newest() -> None:
    """GIVEN two calculations for the same key WHEN deduplicated THEN only the later one remains."""
    first = propose_item(item("59"), SETTINGS, TODAY)
    second = propose_item(item("10"), SETTINGS, TODAY)
    kept = dedupe_drafts(first + second)
    assert [d.subject_key for d in kept] == ["item:SKU-1:reorder"]
    assert kept[0].working["numbers"]["net_position"] == "10"


def test_stock_adjustment_books_the_billed_difference() -> None:
    """GIVEN 8 received but 10 billed at 2.50 WHEN the reconciler asks THEN a +2 adjustment worth 5.00."""
    draft = propose_stock_adjustment(
        "SKU-1",
        Decimal(8),
        Decimal(10),
        reference="INV-7",
        unit="pcs",
        unit_cost=Decimal("2.50"),
        currency="EUR",
    )
    assert draft is not None
    assert draft.kind is ProposalKind.STOCK_ADJUSTMENT
    assert draft.subject_key == "item:SKU-1:stock_adjustment:INV-7"
    assert draft.payload["delta"] == "2"
    assert draft.amount == Decimal("5.00")
    assert set(draft.working) >= {"inputs", "formula", "numbers", "expected_effect", "sensitivity"}


def test_stock_adjustment_negative_and_none_when_equal() -> None:
    """GIVEN more received than billed THEN a negative adjustment; GIVEN equal quantities THEN no draft."""
    draft = propose_stock_adjustment("SKU-2", Decimal("12.5"), Decimal(10))
    assert draft is not None and draft.payload["delta"] == "-2.5"
    assert draft.amount is None
    assert propose_stock_adjustment("SKU-2", Decimal(10), Decimal("10.000")) is None
