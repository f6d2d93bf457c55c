"""The empirical lead-time demand of intermittent items: known distributions, and the reorder draft."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

import pytest

from opsloop.domain.proposals import ProposalKind
from opsloop.plan.forecast import DemandPoint
from opsloop.plan.inventory import FORMULA_REORDER, FORMULA_REORDER_EMPIRICAL, ItemPlanInput, propose_item
from opsloop.plan.lead_time_demand import (
    UNDERSHOOT_NODES,
    empirical_lead_time_demand,
    lead_time_nodes,
    reorder_outcomes,
    weighted_quantile,
    whole_periods,
)
from opsloop.settings import PlanSettings

TODAY = date(2024, 6, 1)
SETTINGS = PlanSettings(service_level=0.95, review_horizon_days=1)
DE_BRUIJN_2_5 = "00000100011001010011101011011111"
"""Every 5-bit string appears exactly once among its 32 circular windows."""


def lumpy_bits() -> list[float]:
    """40 units on the days of a 1 bit, none on a 0: read circularly, the 4 days after any demand day
    run through all 16 patterns once — demand over 4 days is exactly 40 × Binomial(4, ½)."""
    return [40.0 * int(bit) for bit in DE_BRUIJN_2_5]


def test_de_bruijn_history_really_has_every_window_once() -> None:
    """GIVEN the history used below WHEN its circular 5-day windows are listed THEN all 32 differ."""
    doubled = DE_BRUIJN_2_5 * 2
    assert len({doubled[i : i + 5] for i in range(32)}) == 32


def test_quantile_matches_binomial_lead_time_demand_plus_uniform_undershoot() -> None:
    """GIVEN demand 40 × Bernoulli(½) a day (every 4-day pattern after a demand day once), a fixed 4-day
    lead time and a 95 % service level WHEN the reorder level is computed THEN it is the 95 % quantile of
    40·(B + U), B ~ Binomial(4, ½), U uniform over 8 undershoot nodes: P(B ≤ 3) = 15/16 = 0.9375, so the
    quantile lies in the B = 4 block (weight 1/16, 1/128 a node), at the 2nd node: 40·(4 + 1.5/8) = 167.5."""
    found = empirical_lead_time_demand(lumpy_bits(), 1, 4.0, 0.0, 0.95)
    assert found is not None
    # independent brute force over the known distribution
    outcomes = sorted(
        (40 * (b + (k + 0.5) / UNDERSHOOT_NODES), math.comb(4, b) / 16 / UNDERSHOOT_NODES)
        for b in range(5)
        for k in range(UNDERSHOOT_NODES)
    )
    assert weighted_quantile(outcomes, 0.95) == pytest.approx(167.5)
    assert found.quantile == pytest.approx(167.5)
    assert found.mean == pytest.approx(40 * 2 + 20)  # E[D_L] = 40·4·½, E[U] = 40/2
    assert found.mean_undershoot == pytest.approx(20.0)


def test_median_and_every_weight_of_the_known_distribution() -> None:
    """GIVEN the same history WHEN all outcomes are listed THEN their weights add to 1, each binomial block
    has weight C(4, b)/16, and the median is in the B = 2 block (P(B ≤ 1) = 5/16 < ½ ≤ 11/16)."""
    outcomes = reorder_outcomes(lumpy_bits(), 1, [4.0])
    assert sum(w for _, w in outcomes) == pytest.approx(1.0)
    for b in range(5):
        block = sum(w for v, w in outcomes if 40 * b < v < 40 * (b + 1))
        assert block == pytest.approx(math.comb(4, b) / 16)
    assert 80 < weighted_quantile(outcomes, 0.5) < 120


def test_normal_approximation_would_under_cover_the_same_item() -> None:
    """GIVEN the Bernoulli item: mean 20/day, σ 20/day, 4-day lead time WHEN the textbook normal reorder point
    (80 + 1.645·20·√4 = 145.8) is set beside the empirical one THEN the empirical one is higher, and the
    normal one covers fewer than 95 % of the outcomes."""
    normal_rop = 80 + 1.6449 * 20 * 2
    outcomes = reorder_outcomes(lumpy_bits(), 1, [4.0])
    covered = sum(w for v, w in outcomes if v <= normal_rop)
    assert covered < 0.95
    found = empirical_lead_time_demand(lumpy_bits(), 1, 4.0, 0.0, 0.95)
    assert found is not None and found.quantile > normal_rop


def test_lead_time_nodes_are_normal_quantiles_and_round_to_whole_periods() -> None:
    """GIVEN LT ~ N(5, 1) WHEN the 21 nodes are taken THEN they are symmetric around 5, the outermost at
    Φ⁻¹(0.5/21) ≈ −1.98 σ; a 2-day lead time on weekly history is 2/7 of a week, 10 days is 1 week."""
    nodes = lead_time_nodes(5.0, 1.0)
    assert len(nodes) == 21
    assert nodes[10] == pytest.approx(5.0)
    assert nodes[0] == pytest.approx(5.0 - 1.9808, abs=1e-3)
    assert nodes[0] + nodes[-1] == pytest.approx(10.0)
    assert lead_time_nodes(5.0, 0.0) == [5.0]
    assert whole_periods(2.0, 7) == pytest.approx(2 / 7)
    assert whole_periods(10.0, 7) == 1.0
    assert whole_periods(5.4, 1) == 5.0


def test_lead_time_variability_raises_the_reorder_level() -> None:
    """GIVEN a steady 10 a day WHEN LT = 5 exactly THEN the level is 50 + the top undershoot node 9.375;
    WHEN LT ~ N(5, 1) THEN 15 of the 21 nodes round to ≤ 5 days, 5 to 6 days (z in [0.5, 1.5)) and 1 to 7:
    P(L ≤ 6) = 20/21 = 0.952, reached only at the top undershoot node of the 6-day block (0.714 + 0.238·7/8 =
    0.923 < 0.95), so the level is 60 + 9.375."""
    steady = [10.0] * 60
    fixed = empirical_lead_time_demand(steady, 1, 5.0, 0.0, 0.95)
    varied = empirical_lead_time_demand(steady, 1, 5.0, 1.0, 0.95)
    assert fixed is not None and varied is not None
    assert fixed.quantile == pytest.approx(50 + 10 * 7.5 / 8)
    assert varied.quantile > fixed.quantile
    assert varied.quantile == pytest.approx(60 + 10 * 7.5 / 8)


def test_too_little_history_gives_none() -> None:
    """GIVEN 20 days of history (28 needed) or no demand at all WHEN asked THEN None (nothing invented)."""
    assert empirical_lead_time_demand([0.0, 40.0] * 10, 1, 4.0, 0.0, 0.95) is None
    assert empirical_lead_time_demand([0.0] * 60, 1, 4.0, 0.0, 0.95) is None


# --------------------------------------------------------------------------- the reorder draft


def item(values: list[float], on_hand: str) -> ItemPlanInput:
    start = TODAY - timedelta(days=len(values))
    return ItemPlanInput(
        sku="LUMPY-1",
        unit="pcs",
        unit_cost=Decimal("5.00"),
        pack_size=Decimal(10),
        lead_time_days=4,
        ordering_cost=Decimal(5),
        holding_cost_rate=Decimal("0.25"),
        on_hand=Decimal(on_hand),
        history=[
            DemandPoint(period_start=start + timedelta(days=i), quantity=Decimal(str(v)))
            for i, v in enumerate(values)
        ],
    )


def sparse_history() -> list[float]:
    """40 units every 4th day, 30 every 7th (ADI > 1.32: intermittent), 120 days."""
    return [40.0 if i % 4 == 0 else 30.0 if i % 7 == 0 else 0.0 for i in range(120)]


def test_intermittent_item_reorders_on_the_empirical_quantile_and_says_so() -> None:
    """GIVEN an intermittent item with little stock WHEN planned THEN the REORDER draft names the empirical
    method in its formula and numbers, and its reorder point is the quantile less the review demand."""
    [draft] = [
        d
        for d in propose_item(item(sparse_history(), "10"), SETTINGS, TODAY)
        if d.kind is ProposalKind.REORDER
    ]
    working = draft.working
    numbers = working["numbers"]
    assert working["inputs"]["demand_pattern"] in {"intermittent", "lumpy"}
    assert working["formula"] == FORMULA_REORDER_EMPIRICAL
    assert numbers["lead_time_demand_method"] == "empirical"
    assert "z" not in numbers  # no z-value applies to the empirical method: no empty row
    assert "quantile" in numbers["method_note"]
    review = numbers["demand_over_review"]
    assert numbers["reorder_point"] == pytest.approx(numbers["lead_time_demand_quantile"] - review, abs=2e-3)
    assert numbers["safety_stock"] == pytest.approx(
        numbers["reorder_point"] - numbers["demand_over_lead_time"], abs=2e-3
    )
    line = working["sensitivity"]
    high = float(line.split("reorder point ")[1].split(" → ")[1].split(",")[0])
    assert high > numbers["reorder_point"]


def test_same_history_gives_the_same_draft_twice() -> None:
    """GIVEN the intermittent item WHEN planned twice THEN the working is identical (no random draws)."""
    first = propose_item(item(sparse_history(), "10"), SETTINGS, TODAY)
    second = propose_item(item(sparse_history(), "10"), SETTINGS, TODAY)
    assert [d.working for d in first] == [d.working for d in second]


def test_short_intermittent_history_falls_back_to_normal_and_says_why() -> None:
    """GIVEN only 20 days of intermittent history WHEN planned THEN the normal formula, with the reason."""
    [draft] = [
        d
        for d in propose_item(item(sparse_history()[:20], "0"), SETTINGS, TODAY)
        if d.kind is ProposalKind.REORDER
    ]
    assert draft.working["formula"] == FORMULA_REORDER
    assert draft.working["numbers"]["lead_time_demand_method"] == "normal"
    assert "only 20 periods" in draft.working["numbers"]["method_note"]


def test_smooth_item_keeps_the_normal_method() -> None:
    """GIVEN steady daily demand WHEN planned with little stock THEN mean + z·σ as before."""
    [draft] = [
        d for d in propose_item(item([10.0] * 120, "10"), SETTINGS, TODAY) if d.kind is ProposalKind.REORDER
    ]
    assert draft.working["formula"] == FORMULA_REORDER
    assert draft.working["numbers"]["lead_time_demand_method"] == "normal"
    assert draft.working["numbers"]["z"] == pytest.approx(1.645, abs=1e-3)
