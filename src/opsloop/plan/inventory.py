"""Inventory proposals: reorder, safety stock, stock adjustment — each with its working.

Formulas (continuous review with a review horizon):

* z = Φ⁻¹(service level)  (cycle service level: no stock-out in a replenishment cycle)
* safety stock SS = z · √(LT · σd² + d² · σLT²)  (demand and lead-time variability; σLT = 0 if unknown)
* reorder point ROP = D_LT + SS, D_LT the forecast demand over the lead time (trend included)
* EOQ = √(2 · D · S / H), D yearly demand, S cost per order, H = unit cost × holding cost rate
* net position = on hand + open PO quantity (ordered − received) − reserved
* trigger: the net position projected to the next planning run (net − demand over
  `review_horizon_days`) is below ROP. Above the trigger there is never a draft.
* order quantity: max(EOQ, shortfall to ROP) — or, without the EOQ inputs, max(demand over
  lead time + review horizon, shortfall) — raised to the minimum order quantity, then up to a whole
  number of packs (whole units when there is no pack size).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from statistics import NormalDist
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.plan.drafts import clamp, num, qty, to_decimal
from opsloop.plan.forecast import (
    DemandForecast,
    DemandPattern,
    DemandPoint,
    DemandSeries,
    DemandShift,
    demand_series,
    describe_history,
    detect_demand_shift,
    forecast_demand,
    history_window_start,
    signed_change,
)
from opsloop.plan.lead_time_demand import MIN_HISTORY_PERIODS, LeadTimeDemand, empirical_lead_time_demand
from opsloop.plan.validation import largest_order_within
from opsloop.settings import PlanSettings

FORMULA_REORDER = (
    "SS = z·√(LT·σd² + d²·σLT²); ROP = D_LT + SS; EOQ = √(2·D·S/H), H = unit cost × holding rate; "
    "net = on hand + open PO − reserved; order when net − demand over review horizon < ROP; "
    "qty = max(EOQ, shortfall) raised to MOQ and whole packs"
)
FORMULA_REORDER_EMPIRICAL = (
    "empirical lead-time demand (intermittent/lumpy item): s = service-level quantile of U + D_L over the "
    "item's own history — each period with demand triggers with weight ∝ its demand d, undershoot U uniform "
    "in (0, d), D_L the demand of the lead time's whole periods after it, LT at 21 quantiles of N(LT, σLT); "
    "ROP = s − demand over review horizon; SS = ROP − D_LT; EOQ = √(2·D·S/H), H = unit cost × holding rate; "
    "net = on hand + open PO − reserved; order when net − demand over review horizon < ROP (net < s); "
    "qty = max(EOQ, shortfall) raised to MOQ and whole packs"
)
FORMULA_SAFETY_STOCK = "SS = z·√(LT·σd² + d²·σLT²), d and σd from the recent window vs the earlier history"


class ItemPlanInput(BaseModel):
    """Everything the inventory planner needs about one item (read from the ERP mirror)."""

    sku: str
    name: str = ""
    unit: str | None = None
    unit_cost: Decimal | None = None
    currency: str | None = None
    pack_size: Decimal | None = None
    min_order_qty: Decimal | None = None
    lead_time_days: float | None = None
    lead_time_std_days: float | None = None
    ordering_cost: Decimal | None = None
    holding_cost_rate: Decimal | None = None
    """Yearly holding cost as a fraction of unit cost."""
    on_hand: Decimal = Decimal(0)
    reserved: Decimal = Decimal(0)
    open_po_qty: Decimal = Decimal(0)
    """Ordered minus received on open purchase order lines."""
    vendor_erp_id: str | None = None
    history: list[DemandPoint] = Field(default_factory=list)
    history_through: date | None = None
    """The newest period the ERP's demand export covers (for any item): the history ends there. None: the
    history is taken as complete up to the planning date."""


# --------------------------------------------------------------------------- pure formulas


def service_z(service_level: float) -> float:
    """The standard normal quantile for a cycle service level (0.95 → 1.645)."""
    return NormalDist().inv_cdf(service_level)


def safety_stock(
    z: float,
    lead_time_days: float,
    demand_per_day: float,
    demand_sd_per_day: float,
    lead_time_sd_days: float = 0.0,
) -> float:
    """SS = z · √(LT · σd² + d² · σLT²)."""
    variance = lead_time_days * demand_sd_per_day**2 + demand_per_day**2 * lead_time_sd_days**2
    return z * math.sqrt(max(variance, 0.0))


def reorder_point(demand_over_lead_time: float, safety_stock_qty: float) -> float:
    return demand_over_lead_time + safety_stock_qty


def economic_order_quantity(
    annual_demand: Decimal, ordering_cost: Decimal, holding_cost_per_unit_year: Decimal
) -> Decimal | None:
    """EOQ = √(2DS/H); None when H is not positive (the formula has no answer)."""
    if holding_cost_per_unit_year <= 0 or annual_demand < 0 or ordering_cost < 0:
        return None
    return (2 * annual_demand * ordering_cost / holding_cost_per_unit_year).sqrt()


def round_order_quantity(
    quantity: Decimal, pack_size: Decimal | None, min_order_qty: Decimal | None
) -> Decimal:
    """Raise to the minimum order quantity, then up to whole packs (whole units without a pack size)."""
    result = max(quantity, min_order_qty or Decimal(0))
    step = pack_size if pack_size is not None and pack_size > 0 else Decimal(1)
    packs = (result / step).to_integral_value(rounding=ROUND_CEILING)
    return packs * step


def net_position(on_hand: Decimal, open_po_qty: Decimal, reserved: Decimal) -> Decimal:
    """On hand + open purchase order quantity − reserved."""
    return on_hand + open_po_qty - reserved


# --------------------------------------------------------------------------- reorder


class ReorderAssessment(BaseModel):
    """The reorder calculation for one item, whether or not it triggers."""

    model_config = ConfigDict(frozen=True)

    sku: str
    needs_order: bool
    reason: str
    demand_factor: float = 1.0
    lead_time_demand_method: str = "normal"
    """`normal` (mean + z·σ) or `empirical` (quantile of the history's lead-time windows)."""
    method_note: str | None = None
    """Why the method was chosen (e.g. intermittent item with too little history for the empirical one)."""
    safety_stock_basis: str = "forecast errors"
    """Where the safety stock comes from: the forecast's errors, the recent window after a demand shift
    (the same figure the safety-stock proposal carries), or the empirical distribution."""
    lead_time_demand: LeadTimeDemand | None = None
    z: float | None = None
    daily_demand: float | None = None
    daily_sigma: float | None = None
    demand_over_lead_time: float | None = None
    demand_over_review: float | None = None
    safety_stock: float | None = None
    reorder_point: float | None = None
    net_position: Decimal | None = None
    projected_position: float | None = None
    shortfall: float | None = None
    eoq: Decimal | None = None
    eoq_reason: str | None = None
    order_qty: Decimal | None = None
    budget_note: str | None = None
    """Set when the order budget cut the quantity (or could not: the minimum order costs more)."""
    position_after: Decimal | None = None


INTERMITTENT_PATTERNS = frozenset({DemandPattern.INTERMITTENT, DemandPattern.LUMPY})
"""Demand classes whose reorder point comes from the empirical lead-time demand distribution."""


def _lead_time_demand(
    item: ItemPlanInput, forecast: DemandForecast, series: DemandSeries | None, settings: PlanSettings
) -> tuple[LeadTimeDemand | None, str]:
    """The empirical lead-time demand for intermittent/lumpy items (None: the normal method), and why."""
    pattern = forecast.pattern.value
    if forecast.pattern not in INTERMITTENT_PATTERNS:
        return None, f"{pattern} demand: lead-time demand taken as normal (mean + z·σ)"
    if series is None:
        return None, f"{pattern} demand but no history given: lead-time demand taken as normal (mean + z·σ)"
    found = empirical_lead_time_demand(
        series.values,
        series.period_days,
        item.lead_time_days or 0.0,
        item.lead_time_std_days or 0.0,
        settings.service_level,
        review_periods=max(1, round(settings.review_horizon_days / series.period_days)),
    )
    if found is None:
        return None, (
            f"{pattern} demand but only {len(series.values)} periods of history ({MIN_HISTORY_PERIODS} "
            "needed for the empirical distribution): lead-time demand taken as normal (mean + z·σ)"
        )
    return found, (
        f"{pattern} demand: reorder level = {settings.service_level:.0%} quantile of undershoot + "
        f"lead-time demand over {found.outcomes} outcomes of the item's own history"
    )


def _within_budget(
    item: ItemPlanInput, order_qty: Decimal, settings: PlanSettings
) -> tuple[Decimal, str | None]:
    """The order quantity cut to the order budget (whole packs, at least the MOQ), and why it was cut."""
    budget = settings.order_budget
    if budget is None or item.unit_cost is None or item.unit_cost <= 0:
        return order_qty, None
    cost = (order_qty * item.unit_cost).quantize(Decimal("0.01"))
    if cost <= budget:
        return order_qty, None
    within = largest_order_within(budget, item.unit_cost, item.pack_size, item.min_order_qty)
    if within is None:
        return order_qty, (
            f"{qty(order_qty)} × {qty(item.unit_cost)} = {cost} is over the order budget {budget}, and the "
            "smallest allowed order (minimum order quantity, whole packs) costs more than it: a person decides"
        )
    return within, (
        f"cut from {qty(order_qty)} to {qty(within)}: {qty(order_qty)} × {qty(item.unit_cost)} = {cost} is over the "
        f"order budget {budget}"
    )


def assess_reorder(
    item: ItemPlanInput,
    forecast: DemandForecast,
    settings: PlanSettings,
    demand_factor: float = 1.0,
    series: DemandSeries | None = None,
    *,
    safety_stock_qty: float | None = None,
) -> ReorderAssessment:
    """The reorder numbers for `item`; `demand_factor` scales demand (and its spread) for sensitivity.

    Intermittent and lumpy items with enough `series` history take the reorder point from the empirical
    lead-time demand distribution (`opsloop.plan.lead_time_demand`); the others, mean + z·σ, where
    `safety_stock_qty` (the safety stock a demand-shift proposal sets, already scaled) replaces the one
    from the forecast's errors, so a reorder and a safety-stock change for one item agree."""
    if item.lead_time_days is None or item.lead_time_days <= 0:
        return ReorderAssessment(
            sku=item.sku,
            needs_order=False,
            reason="no lead time recorded for the item: the reorder point cannot be computed",
            demand_factor=demand_factor,
        )
    lead_time = item.lead_time_days
    demand_lt = forecast.demand_over(lead_time) * demand_factor
    daily = demand_lt / lead_time
    sigma = forecast.daily_sigma * demand_factor
    empirical, note = _lead_time_demand(item, forecast, series, settings)
    review_demand = forecast.demand_over(settings.review_horizon_days) * demand_factor
    z: float | None
    if empirical is None:
        z = service_z(settings.service_level)
        if safety_stock_qty is None:
            ss = safety_stock(z, lead_time, daily, sigma, item.lead_time_std_days or 0.0)
            basis = "forecast errors"
        else:
            ss = safety_stock_qty
            basis = "recent demand (demand shifted; the safety-stock proposal's figure)"
        rop = reorder_point(demand_lt, ss)
    else:
        # order when net < the quantile, i.e. projected = net − review demand < quantile − review demand
        z = None
        rop = empirical.quantile * demand_factor - review_demand
        ss = rop - demand_lt
        basis = "empirical lead-time demand"
    net = net_position(item.on_hand, item.open_po_qty, item.reserved)
    projected = float(net) - review_demand
    numbers = {
        "sku": item.sku,
        "demand_factor": demand_factor,
        "lead_time_demand_method": "normal" if empirical is None else "empirical",
        "method_note": note,
        "safety_stock_basis": basis,
        "lead_time_demand": empirical,
        "z": z,
        "daily_demand": daily,
        "daily_sigma": sigma,
        "demand_over_lead_time": demand_lt,
        "demand_over_review": review_demand,
        "safety_stock": ss,
        "reorder_point": rop,
        "net_position": net,
        "projected_position": projected,
    }
    if projected >= rop:
        return ReorderAssessment(
            needs_order=False,
            reason=f"projected position {projected:.1f} is at or above the reorder point {rop:.1f}",
            **numbers,
        )
    shortfall = rop - projected
    eoq: Decimal | None = None
    eoq_reason: str | None = None
    if item.unit_cost is None or item.ordering_cost is None or item.holding_cost_rate is None:
        missing = [
            name
            for name, value in (
                ("unit cost", item.unit_cost),
                ("ordering cost", item.ordering_cost),
                ("holding cost rate", item.holding_cost_rate),
            )
            if value is None
        ]
        eoq_reason = f"EOQ not computed: no {', '.join(missing)} for the item"
    else:
        annual = to_decimal(daily * settings.days_per_year)
        eoq = economic_order_quantity(annual, item.ordering_cost, item.unit_cost * item.holding_cost_rate)
        if eoq is None:
            eoq_reason = "EOQ not computed: holding cost is zero"
    if eoq is not None:
        base = float(eoq)
    else:
        base = forecast.demand_over(lead_time + settings.review_horizon_days) * demand_factor
    order_qty = round_order_quantity(to_decimal(max(base, shortfall)), item.pack_size, item.min_order_qty)
    order_qty, budget_note = _within_budget(item, order_qty, settings)
    return ReorderAssessment(
        needs_order=True,
        reason=f"projected position {projected:.1f} is below the reorder point {rop:.1f}",
        shortfall=shortfall,
        eoq=eoq,
        eoq_reason=eoq_reason,
        order_qty=order_qty,
        budget_note=budget_note,
        position_after=net + order_qty,
        **numbers,
    )


def _forecast_confidence(forecast: DemandForecast) -> float:
    """Heuristic 0..1: more history (90 days is full) and a smaller forecast error give more confidence."""
    days = forecast.periods * forecast.period_days
    coverage = min(1.0, days / 90)
    rate = forecast.daily_rate
    stability = 1 / (1 + forecast.daily_sigma / rate) if rate > 0 else 0.5
    return round(clamp(0.2 + 0.75 * coverage * stability, 0.05, 0.95), 2)


def _fmt(value: float | Decimal | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return qty(value) or "0"
    return f"{value:.1f}"


def _whole(value: float) -> str:
    """A safety stock as the proposal sets it: whole units, rounded up."""
    return qty(to_decimal(value).to_integral_value(rounding=ROUND_CEILING)) or "0"


def compact(values: dict[str, Any]) -> dict[str, Any]:
    """`values` without the entries that do not apply (None): the working shows no empty rows."""
    return {key: value for key, value in values.items() if value is not None}


CHART_HISTORY_DAYS = 91
"""Days of demand history a reorder chart shows (the forecast used the whole window)."""
CHART_AFTER_LEAD_TIME_DAYS = 14
"""Days after the order would arrive that a reorder chart still projects."""


def reorder_chart_data(
    item: ItemPlanInput,
    forecast: DemandForecast,
    series: DemandSeries | None,
    found: ReorderAssessment,
    today: date,
    settings: PlanSettings,
) -> dict[str, Any]:
    """What `opsloop.plan.charts.reorder_chart_svg` draws: the recent demand history, the daily forecast
    from the end of the history, and the projected position from `today` with and without the order
    (arriving after the lead time), with the reorder point and the safety stock."""
    lead_time = item.lead_time_days or 0.0
    horizon = min(120, math.ceil(lead_time) + settings.review_horizon_days + CHART_AFTER_LEAD_TIME_DAYS)
    history: list[float] = []
    history_start = today
    period_days = 1
    history_end = today
    if series is not None and series.values:
        period_days = series.period_days
        keep = max(1, CHART_HISTORY_DAYS // period_days)
        history = [round(v, 1) for v in series.values[-keep:]]
        history_end = series.end
        history_start = history_end - timedelta(days=period_days * len(history))
    gap = max((today - history_end).days, 0)
    daily = [forecast.demand_over(h) - forecast.demand_over(h - 1) for h in range(1, gap + horizon + 1)]
    position = float(found.net_position or 0)
    order = float(found.order_qty or 0)
    arrival = math.ceil(lead_time)
    without: list[float] = []
    with_order: list[float] = []
    level = position
    for day in range(horizon + 1):
        if day > 0:
            level -= daily[gap + day - 1]
        without.append(round(level, 1))
        with_order.append(round(level + (order if day >= arrival else 0.0), 1))
    return {
        "sku": item.sku,
        "unit": item.unit,
        "as_of": today.isoformat(),
        "period_days": period_days,
        "history_start": history_start.isoformat(),
        "history": history,
        "forecast_start": history_end.isoformat(),
        "forecast": [round(v, 2) for v in daily],
        "stock_without_order": without,
        "stock_with_order": with_order,
        "order_qty": qty(found.order_qty),
        "order_arrives_after_days": arrival,
        "reorder_point": round(found.reorder_point or 0.0, 1),
        "safety_stock": round(found.safety_stock or 0.0, 1),
    }


def propose_reorder(
    item: ItemPlanInput,
    forecast: DemandForecast,
    settings: PlanSettings,
    series: DemandSeries | None = None,
    *,
    today: date | None = None,
    shift: SafetyStockAssessment | None = None,
    history_text: str | None = None,
) -> ProposalDraft | None:
    """A REORDER draft when the projected position is below the reorder point; None above the trigger.
    `series` (the history the forecast was fitted on) lets intermittent items use the empirical method;
    `shift` (a proposed safety-stock change for the same item) makes the reorder use its safety stock."""
    ss_now = shift.new_safety_stock if shift is not None and shift.propose else None
    found = assess_reorder(item, forecast, settings, series=series, safety_stock_qty=ss_now)
    if not found.needs_order or found.order_qty is None or found.net_position is None:
        return None
    factor = settings.sensitivity_factor
    ss_high = shift.high_safety_stock if shift is not None and shift.propose else None
    high = assess_reorder(
        item, forecast, settings, demand_factor=factor, series=series, safety_stock_qty=ss_high
    )
    empirical = found.lead_time_demand
    unit = f" {item.unit}" if item.unit else ""
    amount = None
    if item.unit_cost is not None:
        amount = (found.order_qty * item.unit_cost).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    lead_time = item.lead_time_days or 0.0
    daily = found.daily_demand or 0.0
    cover_days = float(found.order_qty) / daily if daily > 0 else None
    stockout_before_arrival = float(found.net_position) < (found.demand_over_lead_time or 0.0)
    urgency = (
        0.9
        if stockout_before_arrival
        else clamp(0.4 + 0.5 * (found.shortfall or 0.0) / max(found.reorder_point or 1.0, 1.0))
    )
    high_qty = _fmt(high.order_qty) if high.order_qty is not None else "no order"
    sensitivity = (
        f"At +{factor - 1:.0%} demand: safety stock {_fmt(found.safety_stock)} → {_fmt(high.safety_stock)}, "
        f"reorder point {_fmt(found.reorder_point)} → {_fmt(high.reorder_point)}, "
        f"order {_fmt(found.order_qty)} → {high_qty}{unit}."
    )
    effect = (
        f"Net position {_fmt(found.net_position)} → {_fmt(found.position_after)}{unit}, above the reorder "
        f"point {_fmt(found.reorder_point)}"
        + (f"; the order covers about {cover_days:.0f} days of demand" if cover_days is not None else "")
        + (
            "; without it the expected demand over the lead time exceeds the stock and open orders."
            if stockout_before_arrival
            else "."
        )
    )
    related = None
    if ss_now is not None and shift is not None:
        related = {
            "subject_key": safety_stock_key(item.sku),
            "note": (
                f"demand shifted ({shift.reason}): this order uses the safety stock the safety-stock proposal "
                f"sets, {_whole(ss_now)}{unit}"
            ),
        }
    history_used = history_text or (
        describe_history(series, today, None) if series is not None and today is not None else None
    )
    when = today or date.min
    summary = (
        f"{item.sku}: position {_fmt(found.net_position)} is projected at {_fmt(found.projected_position)} by "
        f"the next planning run, below the reorder point {_fmt(found.reorder_point)}; "
        f"order {_fmt(found.order_qty)}{unit}."
    )
    if related is not None and ss_now is not None:
        summary += f" Demand shifted: the safety stock is {_whole(ss_now)}{unit} (the safety-stock proposal)."
    if found.budget_note:
        summary += f" Order budget: {found.budget_note}."
    return ProposalDraft(
        kind=ProposalKind.REORDER,
        subject_key=f"item:{item.sku}:reorder",
        title=f"Reorder {_fmt(found.order_qty)}{unit} of {item.sku}"
        + (f" ({item.name})" if item.name else ""),
        summary=summary,
        payload={
            "action": "create_purchase_order",
            "sku": item.sku,
            "quantity": qty(found.order_qty),
            "unit": item.unit,
            "vendor_erp_id": item.vendor_erp_id,
            "unit_cost": qty(item.unit_cost),
        },
        working=compact(
            {
                "inputs": compact(
                    {
                        "history": history_used,
                        "on_hand": qty(item.on_hand),
                        "open_po_qty": qty(item.open_po_qty),
                        "reserved": qty(item.reserved),
                        "lead_time_days": item.lead_time_days,
                        "lead_time_std_days": item.lead_time_std_days,
                        "service_level": settings.service_level,
                        "review_horizon_days": settings.review_horizon_days,
                        "unit_cost": qty(item.unit_cost),
                        "currency": item.currency,
                        "ordering_cost": qty(item.ordering_cost),
                        "holding_cost_rate": qty(item.holding_cost_rate),
                        "pack_size": qty(item.pack_size),
                        "min_order_qty": qty(item.min_order_qty),
                        "order_budget": qty(settings.order_budget),
                        "forecast_method": forecast.method.value,
                        "demand_pattern": forecast.pattern.value,
                        "history_periods": forecast.periods,
                        "period_days": forecast.period_days,
                        "adi": num(forecast.adi, 2),
                        "cv2": num(forecast.cv2, 2),
                    }
                ),
                "formula": FORMULA_REORDER if empirical is None else FORMULA_REORDER_EMPIRICAL,
                "numbers": compact(
                    {
                        "lead_time_demand_method": found.lead_time_demand_method,
                        "method_note": found.method_note,
                        "safety_stock_basis": found.safety_stock_basis,
                        "z": num(found.z, 3),
                        "lead_time_demand_quantile": num(empirical.quantile, 1) if empirical else None,
                        "lead_time_demand_mean": num(empirical.mean, 1) if empirical else None,
                        "mean_undershoot": num(empirical.mean_undershoot, 1) if empirical else None,
                        "lead_time_demand_outcomes": empirical.outcomes if empirical else None,
                        "daily_demand": num(found.daily_demand, 1),
                        "daily_sigma": num(found.daily_sigma, 1),
                        "demand_over_lead_time": num(found.demand_over_lead_time, 1),
                        "demand_over_review": num(found.demand_over_review, 1),
                        "safety_stock": num(found.safety_stock, 1),
                        "reorder_point": num(found.reorder_point, 1),
                        "net_position": qty(found.net_position),
                        "projected_position": num(found.projected_position, 1),
                        "shortfall": num(found.shortfall, 1),
                        "eoq": num(float(found.eoq), 1) if found.eoq is not None else None,
                        "eoq_note": found.eoq_reason,
                        "order_qty": qty(found.order_qty),
                        "budget_note": found.budget_note,
                        "position_after": qty(found.position_after),
                        "lead_time_days": lead_time,
                    }
                ),
                "expected_effect": effect,
                "sensitivity": sensitivity,
                "related": related,
                "chart": reorder_chart_data(item, forecast, series, found, when, settings)
                if today is not None
                else None,
            }
        ),
        amount=amount,
        currency=item.currency if amount is not None else None,
        confidence=_forecast_confidence(forecast),
        urgency=urgency,
    )


# --------------------------------------------------------------------------- safety stock


def safety_stock_key(sku: str) -> str:
    return f"item:{sku}:safety_stock"


class SafetyStockAssessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    sku: str
    propose: bool
    reason: str
    old_safety_stock: float | None = None
    new_safety_stock: float | None = None
    new_reorder_point: float | None = None
    high_safety_stock: float | None = None
    """The new safety stock at `sensitivity_factor` × demand."""


def assess_safety_stock(
    item: ItemPlanInput,
    series: DemandSeries,
    shift: DemandShift,
    settings: PlanSettings,
    demand_factor: float = 1.0,
) -> SafetyStockAssessment:
    """Safety stock sized on the earlier history vs on the recent window (see `detect_demand_shift`)."""
    if item.lead_time_days is None or item.lead_time_days <= 0:
        return SafetyStockAssessment(sku=item.sku, propose=False, reason="no lead time recorded for the item")
    if shift.recent_mean is None or shift.earlier_mean is None:
        return SafetyStockAssessment(sku=item.sku, propose=False, reason=shift.reason)
    z = service_z(settings.service_level)
    days = series.period_days
    lead_time = item.lead_time_days
    sd_lt = item.lead_time_std_days or 0.0
    root = math.sqrt(days)

    def sized(factor: float) -> float:
        daily = (shift.recent_mean or 0.0) / days * factor
        return safety_stock(z, lead_time, daily, (shift.recent_sd or 0.0) / root * factor, sd_lt)

    old = safety_stock(z, lead_time, shift.earlier_mean / days, (shift.earlier_sd or 0.0) / root, sd_lt)
    new = sized(demand_factor)
    new_rop = shift.recent_mean / days * demand_factor * lead_time + new
    numbers = {
        "old_safety_stock": old,
        "new_safety_stock": new,
        "new_reorder_point": new_rop,
        "high_safety_stock": sized(demand_factor * settings.sensitivity_factor),
    }
    if not shift.shifted:
        return SafetyStockAssessment(sku=item.sku, propose=False, reason=shift.reason, **numbers)
    change = abs(new - old) / old if old > 0 else (math.inf if new > 0 else 0.0)
    if change < settings.safety_stock_min_change:
        return SafetyStockAssessment(
            sku=item.sku,
            propose=False,
            reason=f"demand shifted but safety stock moves only {change:.0%}",
            **numbers,
        )
    return SafetyStockAssessment(sku=item.sku, propose=True, reason=shift.reason, **numbers)


def propose_safety_stock(
    item: ItemPlanInput,
    series: DemandSeries,
    settings: PlanSettings,
    *,
    forecast: DemandForecast | None = None,
    found: SafetyStockAssessment | None = None,
    reorder_proposed: Decimal | None = None,
    history_text: str | None = None,
) -> ProposalDraft | None:
    """A SAFETY_STOCK draft when demand has shifted enough to move the safety stock. With the item's
    `forecast`, the reorder point is the forecast demand over the lead time plus the new safety stock —
    the same figure a reorder for the item uses — else the recent window's mean over the lead time.
    `reorder_proposed` (the quantity of a reorder proposed alongside) is named in the summary."""
    shift = detect_demand_shift(series, settings)
    found = found or assess_safety_stock(item, series, shift, settings)
    if not found.propose or found.new_safety_stock is None or found.old_safety_stock is None:
        return None
    factor = settings.sensitivity_factor
    lead_time = item.lead_time_days or 0.0
    if forecast is not None:
        rop_value = forecast.demand_over(lead_time) + found.new_safety_stock
        rop_high = forecast.demand_over(lead_time) * factor + (found.high_safety_stock or 0.0)
        rop_basis = "forecast demand over the lead time + the new safety stock (as a reorder uses it)"
    else:
        rop_value = found.new_reorder_point or 0.0
        rop_high = (shift.recent_mean or 0.0) / series.period_days * factor * lead_time + (
            found.high_safety_stock or 0.0
        )
        rop_basis = "recent mean demand over the lead time + the new safety stock"
    new_ss = to_decimal(found.new_safety_stock).to_integral_value(rounding=ROUND_CEILING)
    new_rop = to_decimal(rop_value).to_integral_value(rounding=ROUND_CEILING)
    old_ss = to_decimal(found.old_safety_stock).to_integral_value(rounding=ROUND_CEILING)
    unit = f" {item.unit}" if item.unit else ""
    t_margin = abs(shift.t_stat or 0.0) / settings.shift_t_stat if shift.t_stat is not None else 0.0
    confidence = round(clamp(0.5 + 0.2 * min(t_margin, 2.0), 0.05, 0.95), 2)
    raise_it = found.new_safety_stock > found.old_safety_stock
    direction = "raise" if raise_it else "lower"
    change = signed_change(found.old_safety_stock, found.new_safety_stock)
    summary = (
        f"Demand for {item.sku} has shifted: {shift.reason}. {direction.capitalize()} the safety stock from "
        f"{qty(old_ss)} to {qty(new_ss)}{unit} ({change}) and the reorder point to {qty(new_rop)}."
    )
    related = None
    if reorder_proposed is not None:
        summary += (
            f" A reorder of {qty(reorder_proposed)}{unit} is proposed alongside, sized on these levels."
        )
        related = {
            "subject_key": f"item:{item.sku}:reorder",
            "note": f"the reorder proposed alongside uses this safety stock ({qty(new_ss)}{unit})",
        }
    return ProposalDraft(
        kind=ProposalKind.SAFETY_STOCK,
        subject_key=safety_stock_key(item.sku),
        title=f"{direction.capitalize()} safety stock of {item.sku} from {qty(old_ss)} to {qty(new_ss)}{unit}",
        summary=summary,
        payload={
            "action": "set_safety_stock",
            "sku": item.sku,
            "safety_stock": qty(new_ss),
            "reorder_point": qty(new_rop),
        },
        working=compact(
            {
                "inputs": compact(
                    {
                        "history": history_text,
                        "window_periods": shift.window_periods,
                        "period_days": series.period_days,
                        "history_periods": len(series.values),
                        "lead_time_days": item.lead_time_days,
                        "lead_time_std_days": item.lead_time_std_days,
                        "service_level": settings.service_level,
                        "shift_rule": (
                            f"|Welch t| ≥ {settings.shift_t_stat:g} and mean change ≥ "
                            f"{settings.shift_min_change:.0%}, or variance ratio ≥ {settings.shift_variance_ratio:g} "
                            f"and sd change ≥ {settings.shift_min_change:.0%}"
                        ),
                    }
                ),
                "formula": FORMULA_SAFETY_STOCK,
                "numbers": compact(
                    {
                        "z": num(service_z(settings.service_level), 3),
                        "earlier_mean": num(shift.earlier_mean, 1),
                        "recent_mean": num(shift.recent_mean, 1),
                        "mean_change": signed_change(shift.earlier_mean or 0.0, shift.recent_mean or 0.0),
                        "earlier_sd": num(shift.earlier_sd, 1),
                        "recent_sd": num(shift.recent_sd, 1),
                        "t_stat": num(shift.t_stat, 1),
                        "variance_ratio": num(shift.variance_ratio, 2),
                        "old_safety_stock": num(found.old_safety_stock, 1),
                        "new_safety_stock": num(found.new_safety_stock, 1),
                        "safety_stock_change": change,
                        "new_reorder_point": num(rop_value, 1),
                        "reorder_point_basis": rop_basis,
                    }
                ),
                "expected_effect": (
                    f"Safety stock sized for current demand: {qty(old_ss)} → {qty(new_ss)}{unit} ({change}) at a "
                    f"{settings.service_level:.0%} cycle service level."
                ),
                "sensitivity": (
                    f"At +{factor - 1:.0%} demand: safety stock {qty(new_ss)} → "
                    f"{_fmt(found.high_safety_stock)}, reorder point {qty(new_rop)} → {_fmt(rop_high)}."
                ),
                "related": related,
            }
        ),
        confidence=confidence,
        urgency=0.6 if raise_it else 0.3,
    )


# --------------------------------------------------------------------------- stock adjustment


def propose_stock_adjustment(
    sku: str,
    received_qty: Decimal,
    billed_qty: Decimal,
    *,
    reference: str | None = None,
    unit: str | None = None,
    unit_cost: Decimal | None = None,
    currency: str | None = None,
    document_id: int | None = None,
    confidence: float = 0.7,
) -> ProposalDraft | None:
    """A STOCK_ADJUSTMENT draft for a received quantity that differs from the billed one (None if equal).

    The proposal books the difference (billed − received) to stock, to be approved only when a count
    confirms the billed quantity arrived; rejecting it leaves stock as received (the reconciler's
    invoice hold / credit-note request covers the other side). `reference` (e.g. the invoice or receipt
    number) is part of the key, so two documents' discrepancies on one SKU stay two proposals while a
    recalculation for the same document replaces the pending one.
    """
    delta = billed_qty - received_qty
    if delta == 0:
        return None
    unit_text = f" {unit}" if unit else ""
    amount = None
    if unit_cost is not None:
        amount = (abs(delta) * unit_cost).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    key = f"item:{sku}:stock_adjustment" + (f":{reference}" if reference else "")
    sign = "+" if delta > 0 else "−"
    return ProposalDraft(
        kind=ProposalKind.STOCK_ADJUSTMENT,
        subject_key=key,
        title=f"Adjust stock of {sku} by {sign}{qty(abs(delta))}{unit_text}",
        summary=(
            f"{qty(billed_qty)}{unit_text} billed but {qty(received_qty)} received"
            + (f" ({reference})" if reference else "")
            + f"; if a count confirms the billed quantity, book {sign}{qty(abs(delta))} to stock."
        ),
        payload={"action": "adjust_stock", "sku": sku, "delta": qty(delta), "reference": reference},
        working={
            "inputs": {
                "received_qty": qty(received_qty),
                "billed_qty": qty(billed_qty),
                "unit_cost": qty(unit_cost),
                "reference": reference,
            },
            "formula": "adjustment = billed quantity − received quantity; value = |adjustment| × unit cost",
            "numbers": {"adjustment": qty(delta), "value": qty(amount)},
            "expected_effect": (
                f"Stock of {sku} changes by {sign}{qty(abs(delta))}{unit_text}, matching the quantity billed."
            ),
            "sensitivity": "Not demand-driven: a 20% change in demand does not change this adjustment.",
        },
        amount=amount,
        currency=currency if amount is not None else None,
        confidence=confidence,
        urgency=0.5,
        document_id=document_id,
    )


# --------------------------------------------------------------------------- per item


def propose_item(item: ItemPlanInput, settings: PlanSettings, today: date) -> list[ProposalDraft]:
    """The inventory drafts for one item, at most one per decision and never contradicting each other:
    a reorder when triggered, a safety-stock change when demand shifted — and when both, the reorder is
    sized with the safety stock the change proposes (each names the other).

    The history is the item's rows up to the ERP's newest export (`item.history_through`), not up to
    `today`: days after the last export are unknown, not zero. Intermittent and lumpy items get no
    safety-stock change from the window comparison (a month without demand is their normal; their
    reorder level comes from their own history's distribution)."""
    since = history_window_start(today, settings, item.history_through)
    series = demand_series(item.history, until=today, since=since, last_export=item.history_through)
    history_text = describe_history(series, today, item.history_through)
    forecast = forecast_demand(series, settings)
    found: SafetyStockAssessment | None = None
    if forecast.pattern not in INTERMITTENT_PATTERNS:
        found = assess_safety_stock(item, series, detect_demand_shift(series, settings), settings)
    reorder = propose_reorder(
        item, forecast, settings, series, today=today, shift=found, history_text=history_text
    )
    drafts: list[ProposalDraft] = []
    if reorder is not None:
        drafts.append(reorder)
    if found is not None and found.propose:
        ordered = reorder.payload.get("quantity") if reorder is not None else None
        safety = propose_safety_stock(
            item,
            series,
            settings,
            forecast=forecast,
            found=found,
            reorder_proposed=Decimal(str(ordered)) if ordered is not None else None,
            history_text=history_text,
        )
        if safety is not None:
            drafts.append(safety)
    return drafts
