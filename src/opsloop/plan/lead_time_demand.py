"""Lead-time demand as the empirical distribution of the item's own history (intermittent items).

Why: for intermittent and lumpy demand (many zero periods, a few large ones) the demand over a lead
time is far from normal — mostly zero or one lump, with a long right tail — so "mean + z·σ" puts the
reorder point below the service-level quantile and the item stocks out more often than configured
(`evals/bench_plan.py`: 89 % of cycles stock-out free against a 95 % target).

The method, the empirical (bootstrap) distribution of lead-time demand (cf. Willemain, Smart &
Schwarz 2004, IJF 20; windows read circularly as in the circular block bootstrap of Politis &
Romano 1992), with the undershoot of lumpy demand (Silver, Pyke & Thomas, *Inventory and Production
Management in Supply Chains*, 4th ed., §6.9: with lumpy demand the position is already *below* the
reorder point when the order goes out, by the undershoot, and the reorder point must cover it):

* An order is triggered by a demand that takes the position below the reorder point s. Which demand
  does it is size-biased: period c of the history triggers with weight ∝ its demand d_c (the demand
  of the last review interval ending at c), and the position then lies uniformly between s and
  s − d_c, so the undershoot is U = d_c · (k + ½)/K for K equally likely nodes.
* The order arrives a lead time L later; the demand meanwhile is the history's own window of the
  ⌊L⌉ periods after c (whole periods, rounded; a lead time under one period takes that fraction of
  the next period). L takes `LEAD_TIME_NODES` equally likely values, the quantiles Φ⁻¹((j + ½)/m)
  of N(LT, σLT) clipped at zero (LT alone when σLT = 0).
* No stock-out in the cycle iff U + window ≤ s, so s is the smallest value whose weighted share of
  outcomes reaches the service level (the inverted empirical CDF).

Every (trigger period, lead time, undershoot node) outcome is enumerated — the window bootstrap with
infinitely many draws — so the result is exact and deterministic: no random seed, the same history
always gives the same reorder point.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from statistics import NormalDist

from pydantic import BaseModel, ConfigDict

LEAD_TIME_NODES = 21
"""Equally likely lead times standing in for N(LT, σLT)."""
UNDERSHOOT_NODES = 8
"""Equally likely positions of the undershoot within the triggering demand."""
MIN_HISTORY_PERIODS = 28
"""Fewer periods of history than this: too few windows for a tail quantile (the caller keeps the
normal approximation and says so)."""


class LeadTimeDemand(BaseModel):
    """The empirical distribution of undershoot + demand over the lead time, summarised."""

    model_config = ConfigDict(frozen=True)

    outcomes: int
    """Weighted outcomes enumerated: trigger periods × lead-time nodes × undershoot nodes."""
    trigger_periods: int
    """Periods of the history with demand (the ones that can trigger an order)."""
    mean: float
    """Mean of undershoot + lead-time demand."""
    mean_undershoot: float
    quantile: float
    """The service-level quantile: the position below which an order must go out."""
    service_level: float


def lead_time_nodes(
    lead_time_days: float, lead_time_sd_days: float, nodes: int = LEAD_TIME_NODES
) -> list[float]:
    """Equally likely lead times for N(LT, σLT): its quantiles at (j + ½)/m, clipped at zero."""
    if lead_time_sd_days <= 0:
        return [lead_time_days]
    normal = NormalDist(lead_time_days, lead_time_sd_days)
    return [max(normal.inv_cdf((j + 0.5) / nodes), 0.0) for j in range(nodes)]


def whole_periods(lead_time_days: float, period_days: int) -> float:
    """The lead time in periods of the series: rounded to whole periods (demand lands in whole
    periods), except that under one period the fraction is kept (a 2-day lead time is 2/7 of a week)."""
    periods = lead_time_days / period_days
    return float(round(periods)) if periods >= 1 else periods


def weighted_quantile(outcomes: Sequence[tuple[float, float]], level: float) -> float:
    """The smallest value whose cumulative weight reaches `level` (inverted CDF, no interpolation).
    `outcomes` are (value, weight) pairs sorted by value, weights summing to 1."""
    if not outcomes:
        raise ValueError("no outcomes to take a quantile of")
    cumulative = 0.0
    for value, weight in outcomes:
        cumulative += weight
        if cumulative >= level - 1e-9:
            return value
    return outcomes[-1][0]


def reorder_outcomes(
    values: Sequence[float], period_days: int, lead_times_days: Sequence[float], review_periods: int = 1
) -> list[tuple[float, float]]:
    """(undershoot + lead-time demand, weight) for every trigger period, lead time and undershoot node,
    sorted by value; the history is read circularly. Empty when the history has no demand."""
    n = len(values)
    total = sum(values)
    if n == 0 or total <= 0 or not lead_times_days:
        return []
    tripled = list(values) * 3
    prefix = [0.0]
    for v in tripled:
        prefix.append(prefix[-1] + v)
    review = max(review_periods, 1)
    # demand of the review interval ending at period c (index n + c in the tripled series)
    triggers = [prefix[n + c + 1] - prefix[n + c + 1 - review] for c in range(n)]
    trigger_total = sum(triggers)
    # lead times that round to the same number of periods share one row of windows
    nodes = Counter(whole_periods(lead_time, period_days) for lead_time in lead_times_days)
    rows: list[tuple[list[float], float]] = []
    for periods, count in sorted(nodes.items()):
        whole = math.floor(periods)
        fraction = periods - whole
        cycles, rest = divmod(whole, n)
        row: list[float] = []
        for c in range(n):
            start = n + c + 1
            demand = cycles * total + prefix[start + rest] - prefix[start]
            if fraction > 0:
                demand += fraction * tripled[start + rest]
            row.append(demand)
        rows.append((row, count / (len(lead_times_days) * UNDERSHOOT_NODES)))
    steps = [(k + 0.5) / UNDERSHOOT_NODES for k in range(UNDERSHOOT_NODES)]
    outcomes: list[tuple[float, float]] = []
    for c, trigger in enumerate(triggers):
        if trigger <= 0:
            continue
        share = trigger / trigger_total
        for row, weight in rows:
            window = row[c]
            outcomes.extend((window + trigger * step, share * weight) for step in steps)
    outcomes.sort()
    return outcomes


def empirical_lead_time_demand(
    values: Sequence[float],
    period_days: int,
    lead_time_days: float,
    lead_time_sd_days: float,
    service_level: float,
    review_periods: int = 1,
) -> LeadTimeDemand | None:
    """The undershoot + lead-time demand distribution from the history (see the module docstring);
    None when the history is shorter than `MIN_HISTORY_PERIODS` or has no demand."""
    if len(values) < MIN_HISTORY_PERIODS or lead_time_days <= 0:
        return None
    outcomes = reorder_outcomes(
        values, period_days, lead_time_nodes(lead_time_days, lead_time_sd_days), review_periods
    )
    if not outcomes:
        return None
    review = max(review_periods, 1)
    n = len(values)
    triggers = [sum(values[(c - i) % n] for i in range(review)) for c in range(n)]
    positive = [t for t in triggers if t > 0]
    # size-biased mean of d·(k + ½)/K over k is E[d²]/(2·E[d])
    mean_undershoot = sum(t * t for t in positive) / (2 * sum(positive))
    return LeadTimeDemand(
        outcomes=len(outcomes),
        trigger_periods=len(positive),
        mean=sum(v * w for v, w in outcomes),
        mean_undershoot=mean_undershoot,
        quantile=weighted_quantile(outcomes, service_level),
        service_level=service_level,
    )
