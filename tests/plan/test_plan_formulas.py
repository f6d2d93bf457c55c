"""Inventory formulas against textbook worked examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.plan.inventory import (
    economic_order_quantity,
    net_position,
    reorder_point,
    round_order_quantity,
    safety_stock,
    service_z,
)


def test_eoq_matches_heizer_render_sharp_example() -> None:
    """Heizer & Render, Operations Management, chapter "Inventory Management", Example (Sharp, Inc.):
    D = 1,000 units/year, S = $10 per order, H = $0.50 per unit-year → Q* = √(2·1000·10/0.5) = 200 units.

    GIVEN the book's inputs WHEN the EOQ is computed THEN it is exactly 200.
    """
    assert economic_order_quantity(Decimal(1000), Decimal(10), Decimal("0.50")) == Decimal(200)


def test_eoq_has_no_answer_without_holding_cost() -> None:
    """GIVEN a zero holding cost WHEN the EOQ is computed THEN there is no value (None), not infinity."""
    assert economic_order_quantity(Decimal(1000), Decimal(10), Decimal(0)) is None


def test_safety_stock_matches_chopra_meindl_palm_example() -> None:
    """Chopra & Meindl, Supply Chain Management, chapter "Managing Uncertainty in a Supply Chain:
    Safety Inventory", B&M Computer World (Palm): daily demand D = 2,500, σD = 500, L = 7 days,
    CSL = 90 %. With σL = 7 days: σ over lead time = √(7·500² + 2500²·7²) = 17,550 and
    ss = F⁻¹(0.9)·17,550 = 22,491; with σL = 0: ss = 1.2816·1,323 = 1,695.

    GIVEN the book's inputs WHEN the safety stock is computed THEN it matches both printed values.
    """
    z = service_z(0.90)
    assert z == pytest.approx(1.2816, abs=1e-4)
    assert safety_stock(z, 7, 2500, 500, 7) == pytest.approx(22_491, abs=1)
    assert safety_stock(z, 7, 2500, 500, 0) == pytest.approx(1_695, abs=1)


def test_reorder_point_is_lead_time_demand_plus_safety_stock() -> None:
    """GIVEN 10/day over 5 days and 8 units of safety stock WHEN the ROP is computed THEN it is 58."""
    assert reorder_point(10 * 5, 8) == 58


@pytest.mark.parametrize(
    ("raw", "pack", "moq", "expected"),
    [
        (Decimal("201"), Decimal(25), None, Decimal(225)),  # up to whole packs
        (Decimal("40"), Decimal(25), Decimal(100), Decimal(100)),  # raised to the MOQ
        (Decimal("40"), Decimal(30), Decimal(100), Decimal(120)),  # MOQ, then whole packs
        (Decimal("12.2"), None, None, Decimal(13)),  # whole units without a pack size
        (Decimal("200"), Decimal(50), Decimal(10), Decimal(200)),  # already a multiple
    ],
)
def test_order_quantity_rounds_up_to_moq_and_packs(
    raw: Decimal, pack: Decimal | None, moq: Decimal | None, expected: Decimal
) -> None:
    """GIVEN a raw quantity, a pack size and a MOQ WHEN it is rounded THEN it is the smallest valid order ≥ raw."""
    assert round_order_quantity(raw, pack, moq) == expected


def test_net_position_counts_open_orders_and_reservations() -> None:
    """GIVEN 50 on hand, 30 on order and 12 reserved WHEN the net position is computed THEN it is 68."""
    assert net_position(Decimal(50), Decimal(30), Decimal(12)) == Decimal(68)
