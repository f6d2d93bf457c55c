"""Staffing: the arrival forecast, measured handle times, shift drafts and escalations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from opsloop.domain.proposals import ProposalKind
from opsloop.plan.staffing import (
    HandleTimeSample,
    HourlyArrivals,
    Shift,
    StaffingInputs,
    assess_negative_share,
    forecast_arrivals,
    measure_handle_time,
    propose_escalations,
    propose_staffing,
)
from opsloop.settings import PlanSettings

NOW = datetime(2024, 6, 3, 0, 0, tzinfo=UTC)  # a Monday
SETTINGS = PlanSettings(
    service_level_target=0.8,
    service_level_seconds=60,
    chat_concurrency=2.0,
    shrinkage=0.3,
    arrival_history_weeks=4,
)


def profile(moment: datetime) -> int:
    """20 an hour on weekdays 09-17 UTC, 2 an hour otherwise."""
    return 20 if moment.weekday() < 5 and 9 <= moment.hour < 17 else 2


def arrivals(weeks: int = 4, growth: float = 0.0, queue: str = "support") -> list[HourlyArrivals]:
    start = NOW - timedelta(weeks=weeks)
    rows = []
    for hour in range(weeks * 168):
        moment = start + timedelta(hours=hour)
        scale = 1 + growth * (hour // 168)
        rows.append(HourlyArrivals(queue=queue, hour_start=moment, count=round(profile(moment) * scale)))
    return rows


def samples(
    *,
    start: datetime,
    hours: float,
    count: int,
    flagged_every: int,
    queue: str = "support",
    prefix: str = "c",
) -> list[HandleTimeSample]:
    """`count` conversations spread over `hours` from `start`; every `flagged_every`-th is negative (480 s),
    the others ordinary (240 s)."""
    step = timedelta(hours=hours) / count
    rows = []
    for i in range(count):
        flagged = flagged_every > 0 and i % flagged_every == 0
        rows.append(
            HandleTimeSample(
                conversation_id=f"{prefix}{i}",
                queue=queue,
                started_at=start + i * step,
                handle_seconds=480.0 if flagged else 240.0,
                negative=flagged,
            )
        )
    return rows


def baseline_samples() -> list[HandleTimeSample]:
    return samples(start=NOW - timedelta(days=8), hours=7 * 24, count=200, flagged_every=10)


def test_hour_of_week_profile_is_reproduced_without_trend() -> None:
    """GIVEN four identical weeks WHEN forecast THEN each hour gets its profile: 20 on Monday 10:00, 2 at night."""
    forecast = forecast_arrivals(arrivals(), "support", NOW, SETTINGS)
    assert forecast is not None
    assert forecast.weeks == 4
    assert forecast.slope == pytest.approx(0.0)
    assert forecast.rate_at(NOW + timedelta(hours=10)) == pytest.approx(20.0)
    assert forecast.rate_at(NOW + timedelta(hours=3)) == pytest.approx(2.0)


def test_weekly_trend_carries_into_the_coming_week() -> None:
    """GIVEN weekly volumes growing 10 % of the first week each week (P, 1.1P, 1.2P, 1.3P) WHEN forecast
    THEN the coming week is forecast at 1.4P, and its Monday 10:00 above the last week's 26."""
    forecast = forecast_arrivals(arrivals(growth=0.1), "support", NOW, SETTINGS)
    assert forecast is not None
    first_week = sum(forecast.weekly_totals[:1])
    coming = sum(forecast.rate_at(NOW + timedelta(hours=h)) for h in range(168))
    assert coming == pytest.approx(1.4 * first_week, rel=0.01)
    assert forecast.rate_at(NOW + timedelta(hours=10)) > 26


def test_less_than_a_week_of_arrivals_gives_no_forecast() -> None:
    """GIVEN three days of arrivals WHEN forecast THEN None (nothing is invented)."""
    rows = [r for r in arrivals() if r.hour_start >= NOW - timedelta(days=3)]
    assert forecast_arrivals(rows, "support", NOW, SETTINGS) is None


def test_handle_time_is_longer_for_negative_conversations() -> None:
    """GIVEN ordinary chats of 240 s and negative ones of 480 s (1 in 10) WHEN measured THEN both means
    and the 10 % share are found and the planning AHT mixes them to 264 s."""
    handle = measure_handle_time(baseline_samples(), "support", NOW, SETTINGS)
    assert handle is not None
    assert handle.aht_ordinary == pytest.approx(240.0)
    assert handle.aht_flagged == pytest.approx(480.0)
    assert handle.flagged_share == pytest.approx(0.1)
    assert handle.aht == pytest.approx(264.0)


def roster(agents: int) -> list[Shift]:
    """One agent per roster row, Monday 09-17, plus a night shift of one agent."""
    day = [
        Shift(
            queue="support", starts_at=NOW + timedelta(hours=9), ends_at=NOW + timedelta(hours=17), agents=1
        )
        for _ in range(agents)
    ]
    night = [Shift(queue="support", starts_at=NOW, ends_at=NOW + timedelta(hours=9), agents=1)]
    return day + night


def test_understaffed_shift_gets_one_draft_with_service_level_before_and_after() -> None:
    """GIVEN 20 chats an hour at 264 s (1.47 Erlangs), concurrency 2, shrinkage 30 %, and 1 agent on the day
    shift (floor(1.4) = 1 server) WHEN planned THEN one STAFFING draft for that shift whose SL after meets 80 %,
    and the night shift (2 chats an hour) gets none."""
    inputs = StaffingInputs(arrivals=arrivals(), handle_times=baseline_samples())
    drafts = propose_staffing(inputs, roster(1), SETTINGS, NOW)
    assert [d.subject_key for d in drafts] == ["queue:support:2024-06-03T09:00:00+00:00:staffing"]
    [draft] = drafts
    assert draft.kind is ProposalKind.STAFFING
    numbers = draft.working["numbers"]
    assert numbers["service_level_before"] == 0.0
    assert numbers["service_level_after"] >= 0.8
    assert draft.payload["add_agents"] >= 1
    assert draft.payload["proposed_agents"] == 1 + draft.payload["add_agents"]
    assert len(numbers["hours"]) == 8
    assert "+20% arrivals" in draft.working["sensitivity"]
    assert draft.working["inputs"]["chat_concurrency"] == 2.0


def test_fewest_agents_are_added() -> None:
    """GIVEN the understaffed shift WHEN the draft proposes k agents THEN k − 1 would still miss the target."""
    inputs = StaffingInputs(arrivals=arrivals(), handle_times=baseline_samples())
    [draft] = propose_staffing(inputs, roster(1), SETTINGS, NOW)
    fewer = draft.payload["proposed_agents"] - 1
    assert propose_staffing(inputs, roster(fewer), SETTINGS, NOW) != []
    assert propose_staffing(inputs, roster(fewer + 1), SETTINGS, NOW) == []


def test_shift_at_the_minimum_that_meets_the_target_gets_no_draft() -> None:
    """GIVEN 3 agents on the day shift (4 servers for 1.47 Erlangs: SL 96 %; 2 agents would give 45 %)
    WHEN planned THEN no draft at all: neither an addition nor a reduction."""
    inputs = StaffingInputs(arrivals=arrivals(), handle_times=baseline_samples())
    assert propose_staffing(inputs, roster(3), SETTINGS, NOW) == []


def test_shifts_outside_the_horizon_are_not_planned() -> None:
    """GIVEN the same understaffed shift two weeks ahead (beyond forecast_days = 7) WHEN planned THEN no draft."""
    later = [
        s.model_copy(
            update={"starts_at": s.starts_at + timedelta(weeks=2), "ends_at": s.ends_at + timedelta(weeks=2)}
        )
        for s in roster(1)
    ]
    inputs = StaffingInputs(arrivals=arrivals(), handle_times=baseline_samples())
    assert propose_staffing(inputs, later, SETTINGS, NOW) == []


def test_rising_negative_share_gives_an_escalation_with_the_conversations() -> None:
    """GIVEN a 10 % negative baseline and the last 24 h at 50 % (20 of 40) WHEN planned THEN one ESCALATION
    draft for the queue naming exactly those 20 conversations, with the extra agents the peak needs."""
    recent = samples(start=NOW - timedelta(hours=24), hours=24, count=40, flagged_every=2, prefix="r")
    inputs = StaffingInputs(arrivals=arrivals(), handle_times=baseline_samples() + recent)
    [draft] = propose_escalations(inputs, SETTINGS, NOW)
    assert draft.kind is ProposalKind.ESCALATION
    assert draft.subject_key == "queue:support:escalation"
    expected = [f"r{i}" for i in range(0, 40, 2)]
    assert draft.payload["conversation_ids"] == expected
    assert draft.working["numbers"]["recent_share"] == 0.5
    assert draft.working["numbers"]["baseline_share"] == 0.1
    assert draft.payload["add_agents_at_peak"] is not None
    assert "+20% arrivals" in draft.working["sensitivity"]


def test_steady_negative_share_gives_no_escalation() -> None:
    """GIVEN the last 24 h at the same 10 % as before WHEN planned THEN no escalation."""
    recent = samples(start=NOW - timedelta(hours=24), hours=24, count=40, flagged_every=10, prefix="r")
    inputs = StaffingInputs(arrivals=arrivals(), handle_times=baseline_samples() + recent)
    assert propose_escalations(inputs, SETTINGS, NOW) == []


def test_a_few_bad_conversations_are_not_enough() -> None:
    """GIVEN only 4 recent conversations, all negative WHEN assessed THEN not rising: too few to compare."""
    recent = samples(start=NOW - timedelta(hours=2), hours=2, count=4, flagged_every=1, prefix="r")
    found = assess_negative_share(baseline_samples() + recent, "support", NOW, SETTINGS)
    assert not found.rising
    assert "too few" in found.reason


def test_naive_datetimes_are_refused() -> None:
    """GIVEN a naive timestamp WHEN an input model is built THEN it is refused (times are UTC-aware)."""
    with pytest.raises(ValueError, match="naive"):
        HourlyArrivals(hour_start=datetime(2024, 6, 3, 9), count=3)
