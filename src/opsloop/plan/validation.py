"""Checks on a planner proposal's figures after a person edits them, before anyone can approve them.

Pure functions over plain values: the review layer calls `validate_planner_edit(kind, payload, working)`
with the edited payload and the proposal's stored working (which carries the item's pack size, minimum
order quantity, unit cost and the order budget the planner used) and refuses the edit when the list it
returns is not empty. `validate_order_quantity` is the same check for one quantity.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any

__all__ = ["largest_order_within", "validate_order_quantity", "validate_planner_edit"]


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def validate_order_quantity(
    quantity: Decimal,
    *,
    pack_size: Decimal | None = None,
    min_order_qty: Decimal | None = None,
    unit_cost: Decimal | None = None,
    budget: Decimal | None = None,
    unit: str | None = None,
    currency: str | None = None,
) -> list[str]:
    """What is wrong with ordering `quantity` (empty: nothing): a positive amount, at least the minimum
    order quantity, whole packs (whole units without a pack size), and within the order budget."""
    units = f" {unit}" if unit else ""
    money = f" {currency}" if currency else ""
    if quantity <= 0:
        return [f"quantity must be more than 0, not {_text(quantity)}"]
    problems: list[str] = []
    if min_order_qty is not None and quantity < min_order_qty:
        problems.append(
            f"quantity {_text(quantity)}{units} is below the minimum order quantity {_text(min_order_qty)}"
        )
    step = pack_size if pack_size is not None and pack_size > 0 else Decimal(1)
    if quantity % step != 0:
        below = (quantity / step).to_integral_value(rounding=ROUND_FLOOR) * step
        packs = f"packs of {_text(step)}" if step != 1 else "whole units"
        options = [_text(v) for v in (below, below + step) if v > 0]
        problems.append(
            f"quantity {_text(quantity)}{units} is not a whole number of {packs} (nearest: {' or '.join(options)})"
        )
    if budget is not None and unit_cost is not None:
        cost = (quantity * unit_cost).quantize(Decimal("0.01"))
        if cost > budget:
            within = largest_order_within(budget, unit_cost, pack_size, min_order_qty)
            problems.append(
                f"quantity {_text(quantity)} × {_text(unit_cost)} = {cost}{money} is over the order budget "
                f"{budget}{money}" + (f" (at most {_text(within)}{units})" if within is not None else "")
            )
    return problems


def largest_order_within(
    budget: Decimal, unit_cost: Decimal, pack_size: Decimal | None, min_order_qty: Decimal | None
) -> Decimal | None:
    """The largest whole-pack quantity, at least the minimum order quantity, whose cost is within
    `budget`; None when even the smallest allowed order costs more."""
    if unit_cost <= 0:
        return None
    step = pack_size if pack_size is not None and pack_size > 0 else Decimal(1)
    packs = (budget / unit_cost / step).to_integral_value(rounding=ROUND_FLOOR)
    quantity = packs * step
    smallest = ((min_order_qty or step) / step).to_integral_value(rounding=ROUND_CEILING) * step
    return quantity if quantity >= smallest and quantity > 0 else None


def _whole(field: str, value: Any, *, minimum: int | None = None) -> list[str]:
    number = _decimal(value)
    if number is None or number != number.to_integral_value():
        return [f"{field} must be a whole number, not {value!r}"]
    if minimum is not None and number < minimum:
        return [f"{field} must be at least {minimum}, not {_text(number)}"]
    return []


def validate_planner_edit(kind: str, payload: Mapping[str, Any], working: Mapping[str, Any]) -> list[str]:
    """What is wrong with a planner proposal's payload after an edit (empty: nothing, or not a planner
    proposal). The limits come from the working the planner stored with the proposal
    (`working["inputs"]`: pack_size, min_order_qty, unit_cost, order_budget)."""
    inputs: Mapping[str, Any] = working.get("inputs") or {}
    if kind == "reorder":
        quantity = _decimal(payload.get("quantity"))
        if quantity is None:
            return [f"quantity must be a number, not {payload.get('quantity')!r}"]
        return validate_order_quantity(
            quantity,
            pack_size=_decimal(inputs.get("pack_size")),
            min_order_qty=_decimal(inputs.get("min_order_qty")),
            unit_cost=_decimal(
                payload.get("unit_cost") if "unit_cost" in payload else inputs.get("unit_cost")
            ),
            budget=_decimal(inputs.get("order_budget")),
            unit=payload.get("unit") or None,
            currency=inputs.get("currency") or None,
        )
    if kind == "safety_stock":
        problems: list[str] = []
        safety = _decimal(payload.get("safety_stock"))
        point = _decimal(payload.get("reorder_point"))
        for field, value in (("safety_stock", safety), ("reorder_point", point)):
            if field in payload and (value is None or value < 0):
                problems.append(f"{field} must be a number of at least 0, not {payload.get(field)!r}")
        if safety is not None and point is not None and point < safety:
            problems.append(
                f"reorder_point {_text(point)} is below the safety stock {_text(safety)}: the reorder point is "
                "the safety stock plus the demand over the lead time"
            )
        return problems
    if kind == "staffing":
        problems = []
        if "add_agents" in payload:
            problems += _whole("add_agents", payload.get("add_agents"))
        if "proposed_agents" in payload:
            problems += _whole("proposed_agents", payload.get("proposed_agents"), minimum=0)
        return problems
    return []
