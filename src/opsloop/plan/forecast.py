"""Demand forecasts per item, chosen per item from its own history.

Why these methods, hand-written (a few lines each, no numerical library):

* The history is first classified by Syntetos & Boylan's scheme (Syntetos, Boylan & Croston 2005,
  "On the categorization of demand patterns", JORS 56): ADI, the average number of periods per
  period with demand, and CV², the squared coefficient of variation of the non-zero demand sizes.
  ADI >= 1.32 means intermittent (ADI >= 1.32 and CV² >= 0.49: lumpy); below, smooth or erratic.
* Smooth and erratic demand: simple exponential smoothing (SES). When the least-squares slope of
  the history is significant (|t| >= `trend_t_stat`, default 3), Holt's linear method (level +
  trend) instead, so a steady rise is not forecast as a flat line.
* Intermittent and lumpy demand: Croston's method with the Syntetos-Boylan bias correction (SBA):
  smooth the non-zero sizes z and the intervals p separately, forecast (1 - alpha/2) * z / p per
  period. Plain Croston is biased upwards (Syntetos & Boylan 2005, IJF 21).
* sigma is the root mean square of the one-step-ahead errors over the history, the spread the
  safety stock has to cover. Forecasting is in floats (statistics, not money); quantities that
  become an order are turned into Decimal by the inventory module.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from opsloop.settings import PlanSettings


class DemandPattern(StrEnum):
    SMOOTH = "smooth"
    ERRATIC = "erratic"
    INTERMITTENT = "intermittent"
    LUMPY = "lumpy"
    NO_DEMAND = "no_demand"


class ForecastMethod(StrEnum):
    SES = "ses"
    HOLT = "holt"
    SBA = "sba"
    NONE = "none"


class DemandPoint(BaseModel):
    """One row of demand history: the quantity in the period starting on `period_start`."""

    period_start: date
    quantity: Decimal


class DemandSeries(BaseModel):
    """An evenly spaced series (zeros filled in) of demand per period."""

    model_config = ConfigDict(frozen=True)

    start: date
    period_days: int
    """1 for daily history, 7 for weekly history."""
    values: tuple[float, ...]

    @property
    def end(self) -> date:
        """The day after the last period (exclusive end of the series)."""
        return self.start + timedelta(days=self.period_days * len(self.values))


class DemandForecast(BaseModel):
    """A forecast, per period of the series it was fitted on, with the numbers that explain it."""

    model_config = ConfigDict(frozen=True)

    method: ForecastMethod
    pattern: DemandPattern
    adi: float | None
    """Average inter-demand interval (periods per period with demand); None without demand."""
    cv2: float | None
    """Squared coefficient of variation of the non-zero demand sizes; None without demand."""
    periods: int
    period_days: int
    level: float
    """Demand per period at the end of the history."""
    trend: float = 0.0
    """Change of demand per period, per period (Holt only)."""
    sigma: float
    """Root mean square one-step-ahead error, per period."""

    @property
    def daily_rate(self) -> float:
        return max(self.level, 0.0) / self.period_days

    @property
    def daily_sigma(self) -> float:
        """Per-day spread: periods are sums of independent days, so sigma scales with sqrt(days)."""
        return self.sigma / math.sqrt(self.period_days)

    def demand_over(self, days: float) -> float:
        """Expected demand over the next `days` days (trend included; never below zero per day)."""
        if days <= 0:
            return 0.0
        daily_level = self.level / self.period_days
        daily_trend = self.trend / (self.period_days * self.period_days)
        total = 0.0
        whole = math.floor(days)
        for h in range(1, whole + 1):
            total += max(daily_level + daily_trend * h, 0.0)
        fraction = days - whole
        if fraction > 0:
            total += fraction * max(daily_level + daily_trend * (whole + 1), 0.0)
        return total


def demand_series(
    history: Sequence[DemandPoint],
    until: date,
    since: date | None = None,
    *,
    last_export: date | None = None,
) -> DemandSeries:
    """The complete periods of `history` before `until`, zeros where the ERP exported no row.

    The period length is 7 days when every gap between rows is a multiple of 7 (weekly exports),
    else 1 day. Only periods that end on or before `until` count (today's partial day is left out).
    `last_export` is the newest period the ERP's demand export covers (for any item): the series ends
    with that period, so the days between the last export and `until` are not counted as zero demand
    (they are simply not known yet). None: the history is taken as complete up to `until`.
    """
    points = sorted(
        (p for p in history if since is None or p.period_start >= since), key=lambda p: p.period_start
    )
    points = [p for p in points if p.period_start < until]
    if not points:
        return DemandSeries(start=until, period_days=1, values=())
    starts = [p.period_start for p in points]
    gaps = [(b - a).days for a, b in itertools.pairwise(starts)]
    period_days = 7 if gaps and all(g % 7 == 0 for g in gaps) else 1
    first = starts[0]
    end = until if last_export is None else min(until, last_export + timedelta(days=period_days))
    count = max((end - first).days // period_days, 0)
    values = [0.0] * count
    for p in points:
        index = (p.period_start - first).days // period_days
        if 0 <= index < count:
            values[index] += float(p.quantity)
    return DemandSeries(start=first, period_days=period_days, values=tuple(values))


def classify_demand(
    values: Sequence[float], adi_cutoff: float = 1.32, cv2_cutoff: float = 0.49
) -> tuple[DemandPattern, float | None, float | None]:
    """Syntetos-Boylan class of a series, with its ADI and CV²."""
    sizes = [v for v in values if v > 0]
    if not sizes:
        return DemandPattern.NO_DEMAND, None, None
    adi = len(values) / len(sizes)
    mean = sum(sizes) / len(sizes)
    variance = sum((s - mean) ** 2 for s in sizes) / len(sizes)
    cv2 = variance / (mean * mean)
    if adi < adi_cutoff:
        pattern = DemandPattern.SMOOTH if cv2 < cv2_cutoff else DemandPattern.ERRATIC
    else:
        pattern = DemandPattern.INTERMITTENT if cv2 < cv2_cutoff else DemandPattern.LUMPY
    return pattern, adi, cv2


def trend_t_statistic(values: Sequence[float]) -> float:
    """t statistic of the least-squares slope of `values` against their index (0 without a slope)."""
    n = len(values)
    if n < 3:
        return 0.0
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    sxx = sum((i - mean_x) ** 2 for i in range(n))
    slope = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(values)) / sxx
    intercept = mean_y - slope * mean_x
    sse = sum((y - intercept - slope * i) ** 2 for i, y in enumerate(values))
    standard_error = math.sqrt(sse / (n - 2) / sxx)
    if standard_error < 1e-12:
        return 0.0 if abs(slope) < 1e-12 else math.copysign(math.inf, slope)
    return slope / standard_error


def _rmse(errors: Sequence[float], fallback: Sequence[float]) -> float:
    if len(errors) >= 2:
        return math.sqrt(sum(e * e for e in errors) / len(errors))
    if len(fallback) >= 2:
        mean = sum(fallback) / len(fallback)
        return math.sqrt(sum((v - mean) ** 2 for v in fallback) / (len(fallback) - 1))
    return 0.0


def simple_exponential_smoothing(values: Sequence[float], alpha: float) -> tuple[float, float]:
    """(level, sigma): SES started at the first value; sigma from the one-step-ahead errors."""
    level = values[0]
    errors: list[float] = []
    for y in values[1:]:
        errors.append(y - level)
        level += alpha * (y - level)
    return level, _rmse(errors, values)


def holt_linear(values: Sequence[float], alpha: float, beta: float) -> tuple[float, float, float]:
    """(level, trend, sigma): Holt's linear method started at y0 with trend y1 - y0."""
    if len(values) < 2:
        level, sigma = simple_exponential_smoothing(values, alpha)
        return level, 0.0, sigma
    level, trend = values[0], values[1] - values[0]
    errors: list[float] = []
    for y in values[1:]:
        forecast = level + trend
        errors.append(y - forecast)
        new_level = alpha * y + (1 - alpha) * forecast
        trend = beta * (new_level - level) + (1 - beta) * trend
        level = new_level
    return level, trend, _rmse(errors, values)


def croston_sba(values: Sequence[float], alpha: float) -> tuple[float, float]:
    """(demand per period, sigma): Croston's method with the Syntetos-Boylan correction (1 - alpha/2).

    Size z and interval p start at the first demand (p = its 1-based position) and are updated only
    in periods with demand; the one-step-ahead errors are measured after the first demand.
    """
    size: float | None = None
    interval = 0.0
    since_last = 0
    correction = 1 - alpha / 2
    errors: list[float] = []
    for y in values:
        since_last += 1
        if size is not None:
            errors.append(y - correction * size / interval)
        if y > 0:
            if size is None:
                size, interval = y, float(since_last)
            else:
                size += alpha * (y - size)
                interval += alpha * (since_last - interval)
            since_last = 0
    if size is None:
        return 0.0, 0.0
    return correction * size / interval, _rmse(errors, values)


def forecast_demand(series: DemandSeries, settings: PlanSettings) -> DemandForecast:
    """The forecast for one item, the method chosen from the series itself (see the module docstring)."""
    values = list(series.values)
    pattern, adi, cv2 = classify_demand(values, settings.adi_cutoff, settings.cv2_cutoff)
    common = {
        "pattern": pattern,
        "adi": adi,
        "cv2": cv2,
        "periods": len(values),
        "period_days": series.period_days,
    }
    if pattern is DemandPattern.NO_DEMAND:
        return DemandForecast(method=ForecastMethod.NONE, level=0.0, sigma=0.0, **common)
    if pattern in (DemandPattern.INTERMITTENT, DemandPattern.LUMPY):
        rate, sigma = croston_sba(values, settings.croston_alpha)
        return DemandForecast(method=ForecastMethod.SBA, level=rate, sigma=sigma, **common)
    if abs(trend_t_statistic(values)) >= settings.trend_t_stat:
        level, trend, sigma = holt_linear(values, settings.ses_alpha, settings.holt_beta)
        return DemandForecast(method=ForecastMethod.HOLT, level=level, trend=trend, sigma=sigma, **common)
    level, sigma = simple_exponential_smoothing(values, settings.ses_alpha)
    return DemandForecast(method=ForecastMethod.SES, level=level, sigma=sigma, **common)


class DemandShift(BaseModel):
    """Has demand moved? The recent window against the history before it, with the statistics."""

    model_config = ConfigDict(frozen=True)

    shifted: bool
    reason: str
    window_periods: int
    recent_mean: float | None = None
    earlier_mean: float | None = None
    recent_sd: float | None = None
    earlier_sd: float | None = None
    t_stat: float | None = None
    variance_ratio: float | None = None


def signed_change(before: float, after: float) -> str:
    """The relative change from `before` to `after` with its sign: a drop is negative ("−100 %" when it
    falls to zero); from zero there is no percentage, so the new value is said instead."""
    if before == 0:
        return "no change" if after == 0 else f"from 0 to {after:.1f}"
    change = (after - before) / abs(before)
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{sign}{abs(change):.0%}"


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1) if len(values) > 1 else 0.0
    return mean, math.sqrt(variance)


def detect_demand_shift(series: DemandSeries, settings: PlanSettings) -> DemandShift:
    """The significance rule: demand has shifted when the recent `shift_window_days` differ from the
    history before them

    * in level: Welch's |t| >= `shift_t_stat` AND the mean moved by >= `shift_min_change` (relative), or
    * in volatility: the variance ratio (either way) >= `shift_variance_ratio` AND the standard
      deviation moved by >= `shift_min_change` (relative).

    The earlier part must be at least as long as the window; otherwise there is nothing to compare.
    Both conditions together keep large-sample noise (significant but tiny) and small-sample noise
    (large but insignificant) from producing proposals.
    """
    window = max(2, settings.shift_window_days // series.period_days)
    values = list(series.values)
    if len(values) < 2 * window:
        return DemandShift(
            shifted=False,
            reason=f"needs {2 * window} periods of history to compare, has {len(values)}",
            window_periods=window,
        )
    recent, earlier = values[-window:], values[:-window]
    m1, s1 = _mean_sd(recent)
    m0, s0 = _mean_sd(earlier)
    denominator = math.sqrt(s1 * s1 / len(recent) + s0 * s0 / len(earlier))
    if denominator < 1e-12:
        t_stat = 0.0 if abs(m1 - m0) < 1e-12 else math.copysign(math.inf, m1 - m0)
    else:
        t_stat = (m1 - m0) / denominator
    ratio = s1 * s1 / (s0 * s0) if s0 > 0 and s1 > 0 else 1.0 if s0 == s1 else math.inf
    mean_change = abs(m1 - m0) / m0 if m0 > 0 else (math.inf if m1 > 0 else 0.0)
    sd_change = abs(s1 - s0) / s0 if s0 > 0 else (math.inf if s1 > 0 else 0.0)
    level_shift = abs(t_stat) >= settings.shift_t_stat and mean_change >= settings.shift_min_change
    volatility_shift = (
        max(ratio, 1 / ratio if ratio > 0 else math.inf) >= settings.shift_variance_ratio
        and sd_change >= settings.shift_min_change
    )
    if level_shift:
        reason = (
            f"mean {'rose' if m1 > m0 else 'fell'} {m0:.1f} → {m1:.1f} per period ("
            f"{signed_change(m0, m1)}, Welch t = {t_stat:.1f}, |t| ≥ {settings.shift_t_stat:g})"
        )
    elif volatility_shift:
        reason = (
            f"spread {'rose' if s1 > s0 else 'fell'} {s0:.1f} → {s1:.1f} per period ({signed_change(s0, s1)}, "
            f"variance ratio {ratio:.2f})"
        )
    else:
        reason = f"no significant shift (t = {t_stat:.1f}, variance ratio {ratio:.2f})"
    return DemandShift(
        shifted=level_shift or volatility_shift,
        reason=reason,
        window_periods=window,
        recent_mean=m1,
        earlier_mean=m0,
        recent_sd=s1,
        earlier_sd=s0,
        t_stat=t_stat,
        variance_ratio=ratio,
    )


def history_window_start(today: date, settings: PlanSettings, last_export: date | None = None) -> date:
    """First day of the history the planner reads: `history_days` before the end of the known history
    (the day after `last_export` when that is before `today`), so a plan made days after the last export
    reads the same history as one made on the day."""
    end = today if last_export is None else min(today, last_export + timedelta(days=1))
    return end - timedelta(days=settings.history_days)


def describe_history(series: DemandSeries, today: date, last_export: date | None) -> str:
    """Which demand history a plan used, in one sentence for the working."""
    if not series.values:
        return f"no demand history before {today.isoformat()}"
    unit = "daily" if series.period_days == 1 else "weekly"
    last_day = series.end - timedelta(days=1)
    text = f"{len(series.values)} {unit} periods, {series.start.isoformat()} to {last_day.isoformat()}" + (
        " (the newest ERP export)" if last_export is not None else ""
    )
    gap = (today - series.end).days
    if gap > 0:
        days = (
            f"the day since ({series.end.isoformat()})"
            if gap == 1
            else (
                f"the {gap} days since ({series.end.isoformat()} to {(today - timedelta(days=1)).isoformat()})"
            )
        )
        text += (
            f"; planned on {today.isoformat()}: {days} are not in the mirror yet and are not counted as zero "
            "demand"
        )
    return text
