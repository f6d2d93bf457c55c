"""Forecasting on series whose answers are known in closed form."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from opsloop.plan.forecast import (
    DemandPattern,
    DemandPoint,
    DemandSeries,
    ForecastMethod,
    classify_demand,
    croston_sba,
    demand_series,
    detect_demand_shift,
    forecast_demand,
)
from opsloop.settings import PlanSettings

SETTINGS = PlanSettings()


def series(values: list[float], period_days: int = 1) -> DemandSeries:
    return DemandSeries(start=date(2024, 1, 1), period_days=period_days, values=tuple(values))


def test_constant_series_is_smooth_and_forecast_exactly() -> None:
    """GIVEN 5 units every day for 60 days WHEN forecast THEN simple smoothing, 5/day, no error, 35 over a week."""
    forecast = forecast_demand(series([5.0] * 60), SETTINGS)
    assert forecast.pattern is DemandPattern.SMOOTH
    assert forecast.method is ForecastMethod.SES
    assert forecast.adi == 1.0
    assert forecast.cv2 == 0.0
    assert forecast.daily_rate == pytest.approx(5.0)
    assert forecast.sigma == pytest.approx(0.0)
    assert forecast.demand_over(7) == pytest.approx(35.0)


def test_pure_trend_is_forecast_by_holt_along_the_line() -> None:
    """GIVEN demand 10 + 2t for t = 0..29 WHEN forecast THEN Holt's method continues the line exactly:
    the next three days are 70, 72, 74 (sum 216), with no error."""
    forecast = forecast_demand(series([10.0 + 2 * t for t in range(30)]), SETTINGS)
    assert forecast.method is ForecastMethod.HOLT
    assert forecast.level == pytest.approx(68.0)
    assert forecast.trend == pytest.approx(2.0)
    assert forecast.sigma == pytest.approx(0.0, abs=1e-9)
    assert forecast.demand_over(3) == pytest.approx(216.0)


def test_trend_never_forecasts_negative_demand() -> None:
    """GIVEN demand 100 − 3t for t = 0..29 (last value 13) WHEN forecast 100 days ahead THEN the days run
    10, 7, 4, 1 and then stop at zero: 22 in all, not a negative total."""
    forecast = forecast_demand(series([100.0 - 3 * t for t in range(30)]), SETTINGS)
    assert forecast.method is ForecastMethod.HOLT
    assert forecast.demand_over(100) == pytest.approx(22.0)


def test_intermittent_series_uses_sba_with_the_known_rate() -> None:
    """GIVEN 10 units every 4th day (ADI 4, CV² 0) WHEN forecast THEN Syntetos-Boylan class "intermittent",
    SBA method, and the rate is (1 − α/2)·z/p = 0.95 · 10/4 = 2.375 per day (Croston: 2.5)."""
    values = [10.0 if (t + 1) % 4 == 0 else 0.0 for t in range(80)]
    forecast = forecast_demand(series(values), SETTINGS)
    assert forecast.pattern is DemandPattern.INTERMITTENT
    assert forecast.method is ForecastMethod.SBA
    assert forecast.adi == pytest.approx(4.0)
    assert forecast.daily_rate == pytest.approx(2.375)
    rate, _ = croston_sba(values, 0.2)
    assert rate == pytest.approx(0.9 * 2.5)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([5.0, 6.0, 5.0, 4.0, 5.0, 6.0], DemandPattern.SMOOTH),
        ([1.0, 20.0, 2.0, 30.0, 1.0, 25.0], DemandPattern.ERRATIC),
        ([0.0, 0.0, 5.0, 0.0, 0.0, 6.0, 0.0, 0.0, 5.0], DemandPattern.INTERMITTENT),
        ([0.0, 0.0, 1.0, 0.0, 0.0, 40.0, 0.0, 0.0, 2.0], DemandPattern.LUMPY),
        ([0.0, 0.0, 0.0], DemandPattern.NO_DEMAND),
    ],
)
def test_syntetos_boylan_classes(values: list[float], expected: DemandPattern) -> None:
    """GIVEN series on each side of ADI 1.32 / CV² 0.49 WHEN classified THEN each lands in its quadrant."""
    assert classify_demand(values)[0] is expected


def test_no_demand_forecasts_zero() -> None:
    """GIVEN no demand at all WHEN forecast THEN the method is none and the rate zero (not invented)."""
    forecast = forecast_demand(series([0.0] * 30), SETTINGS)
    assert forecast.method is ForecastMethod.NONE
    assert forecast.demand_over(10) == 0.0


def test_series_fills_missing_days_with_zero_and_leaves_today_out() -> None:
    """GIVEN rows on 1 and 4 March and one today (6 March) WHEN the series is built THEN 1..5 March are five
    daily periods, the missing days are 0 and today's partial day is not counted."""
    rows = [
        DemandPoint(period_start=date(2024, 3, 1), quantity=Decimal(3)),
        DemandPoint(period_start=date(2024, 3, 4), quantity=Decimal("2.5")),
        DemandPoint(period_start=date(2024, 3, 6), quantity=Decimal(9)),
    ]
    built = demand_series(rows, until=date(2024, 3, 6))
    assert built.period_days == 1
    assert built.values == (3.0, 0.0, 0.0, 2.5, 0.0)


def test_weekly_exports_are_recognised_and_converted_to_daily_rates() -> None:
    """GIVEN weekly rows of 70 units WHEN forecast THEN the period is 7 days and the daily rate 10."""
    start = date(2024, 1, 1)
    rows = [DemandPoint(period_start=start + timedelta(weeks=k), quantity=Decimal(70)) for k in range(12)]
    built = demand_series(rows, until=start + timedelta(weeks=12))
    assert built.period_days == 7
    assert len(built.values) == 12
    assert forecast_demand(built, SETTINGS).daily_rate == pytest.approx(10.0)


def test_demand_shift_is_detected_when_the_level_doubles() -> None:
    """GIVEN 90 days around 10/day followed by 28 days around 20/day WHEN checked THEN demand has shifted."""
    earlier = [8.0, 12.0, 10.0, 9.0, 11.0] * 18
    recent = [18.0, 22.0, 20.0, 19.0, 21.0, 20.0, 20.0] * 4
    shift = detect_demand_shift(series(earlier + recent), SETTINGS)
    assert shift.shifted
    assert shift.recent_mean == pytest.approx(20.0)
    assert shift.earlier_mean == pytest.approx(10.0)


def test_stable_noisy_demand_is_not_a_shift() -> None:
    """GIVEN the same noisy pattern throughout WHEN checked THEN there is no shift."""
    shift = detect_demand_shift(series([8.0, 12.0, 10.0, 9.0, 11.0, 14.0, 6.0] * 17), SETTINGS)
    assert not shift.shifted


def test_small_significant_drift_is_not_a_shift() -> None:
    """GIVEN a very steady series whose mean moves only 5 % WHEN checked THEN t is large but the 20 % minimum
    change keeps it from counting as a shift."""
    shift = detect_demand_shift(series([100.0, 100.2] * 45 + [105.0, 105.2] * 14), SETTINGS)
    assert shift.t_stat is not None and shift.t_stat > SETTINGS.shift_t_stat
    assert not shift.shifted


def test_short_history_cannot_show_a_shift() -> None:
    """GIVEN only 30 days WHEN checked THEN no shift, and the reason says how much history is needed."""
    shift = detect_demand_shift(series([1.0] * 15 + [50.0] * 15), SETTINGS)
    assert not shift.shifted
    assert "needs 56 periods" in shift.reason
