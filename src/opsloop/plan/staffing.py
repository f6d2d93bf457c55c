"""Staffing proposals for chat queues: Erlang C over an hour-of-week arrival forecast.

* Arrivals: an hour-of-week profile (each hour's share of the week, over the last
  `arrival_history_weeks` full weeks) times the weekly total, which follows a least-squares trend
  over the weekly totals when there are 3 or more weeks (flat mean otherwise). So a growing queue
  gets more agents before it overflows, not after.
* Handle time: measured from the samples given, separately for ordinary conversations and for
  negative or urgent ones (these take longer); the planning AHT mixes the two at the recent share.
* Erlang C with Erlang B's stable recursion: C(A, N) = N·B / (N − A·(1 − B)); service level
  SL = 1 − C(A, N) · exp(−(N − A) · T / AHT), A = arrivals per hour × AHT / 3600.
* Chat concurrency and shrinkage: a rostered agent gives (1 − shrinkage) × concurrency servers,
  N = floor(agents × (1 − shrinkage) × concurrency). A shift's service level is the arrivals-weighted
  mean of its hours; a STAFFING draft when it misses the target, adding the fewest agents that meet it.
* A rising share of negative/urgent conversations (recent window vs baseline, one-sided
  two-proportion z-test plus a minimum rise) gives an ESCALATION draft with the conversation ids.

All datetimes are timezone-aware UTC; the hour-of-week profile is in UTC.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.plan.drafts import clamp, num
from opsloop.settings import PlanSettings

DEFAULT_QUEUE = "default"
HOUR = timedelta(hours=1)
WEEK = timedelta(days=7)
HOURS_PER_WEEK = 168

FORMULA_STAFFING = (
    "A = arrivals/h × AHT/3600; N = floor(agents × (1 − shrinkage) × concurrency); "
    "C(A,N) = Erlang C; SL = 1 − C(A,N)·exp(−(N − A)·T/AHT); shift SL = Σ arrivals·SL / Σ arrivals; "
    "AHT = (1 − q)·AHT_ordinary + q·AHT_negative/urgent"
)
FORMULA_STAFFING_REDUCTION = (
    FORMULA_STAFFING + "; occupancy = Σ arrivals·A/N / Σ arrivals; reduce when SL ≥ target, occupancy ≤ "
    "max occupancy and SL with one agent fewer ≥ target: remove the most agents r with "
    "SL(agents − r) ≥ target and ≥ the minimum on duty every hour"
)
FORMULA_ESCALATION = (
    "share = negative or urgent / all; z = (p_recent − p_baseline) / √(p(1 − p)(1/n_recent + 1/n_baseline))"
)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime given: use an aware UTC datetime")
    return value.astimezone(UTC)


UTCDateTime = Annotated[datetime, AfterValidator(_aware)]
"""An aware datetime, converted to UTC (naive ones are refused)."""


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def hour_of_week(moment: datetime) -> int:
    """0 = Monday 00:00-01:00 UTC ... 167 = Sunday 23:00-24:00 UTC."""
    return moment.weekday() * 24 + moment.hour


# --------------------------------------------------------------------------- input models


class HourlyArrivals(BaseModel):
    """Conversations that arrived in one hour of one queue."""

    queue: str = DEFAULT_QUEUE
    hour_start: UTCDateTime
    count: int = Field(ge=0)


class HandleTimeSample(BaseModel):
    """One finished conversation: how long it took and whether it was negative or urgent."""

    conversation_id: str
    queue: str = DEFAULT_QUEUE
    started_at: UTCDateTime
    handle_seconds: float = Field(gt=0)
    negative: bool = False
    urgent: bool = False

    @property
    def flagged(self) -> bool:
        return self.negative or self.urgent


class Shift(BaseModel):
    """Rostered agents for one queue over one period."""

    queue: str = DEFAULT_QUEUE
    starts_at: UTCDateTime
    ends_at: UTCDateTime
    agents: int = Field(ge=0)


class StaffingInputs(BaseModel):
    """What the conversation metrics provide (the lead adapts them to these models)."""

    arrivals: list[HourlyArrivals] = Field(default_factory=list)
    handle_times: list[HandleTimeSample] = Field(default_factory=list)


# --------------------------------------------------------------------------- Erlang C


def erlang_c(traffic: float, servers: int) -> float:
    """Probability that an arrival waits (Erlang C), via Erlang B's recursion. 1.0 when N <= A."""
    if traffic <= 0:
        return 0.0
    if servers <= traffic:
        return 1.0
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return servers * blocking / (servers - traffic * (1 - blocking))


def erlang_service_level(traffic: float, servers: int, target_seconds: float, handle_seconds: float) -> float:
    """SL = 1 − C(A, N) · exp(−(N − A) · T / AHT); 0 when the servers cannot keep up, 1 without traffic."""
    if traffic <= 0:
        return 1.0
    if servers <= traffic:
        return 0.0
    return 1 - erlang_c(traffic, servers) * math.exp(-(servers - traffic) * target_seconds / handle_seconds)


def productive_servers(agents: int, shrinkage: float, concurrency: float) -> int:
    """Erlang servers a roster gives: agents × (1 − shrinkage) × concurrency, rounded down."""
    return math.floor(agents * (1 - shrinkage) * concurrency + 1e-9)


def traffic_erlangs(arrivals_per_hour: float, handle_seconds: float) -> float:
    return arrivals_per_hour * handle_seconds / 3600


def rostered_service_level(
    arrivals_per_hour: float, handle_seconds: float, agents: int, settings: PlanSettings
) -> float:
    """Projected service level of one hour with `agents` rostered."""
    servers = productive_servers(agents, settings.shrinkage, settings.chat_concurrency)
    return erlang_service_level(
        traffic_erlangs(arrivals_per_hour, handle_seconds),
        servers,
        settings.service_level_seconds,
        handle_seconds,
    )


def required_agents(arrivals_per_hour: float, handle_seconds: float, settings: PlanSettings) -> int:
    """Fewest rostered agents whose hour meets the service-level target."""
    agents = 0
    while (
        rostered_service_level(arrivals_per_hour, handle_seconds, agents, settings)
        < settings.service_level_target
    ):
        agents += 1
    return agents


# --------------------------------------------------------------------------- arrival forecast


class ArrivalForecast(BaseModel):
    """Hour-of-week profile × trended weekly total, fitted on whole weeks ending at `anchor_end`."""

    model_config = ConfigDict(frozen=True)

    queue: str
    weeks: int
    anchor_start: datetime
    """Start of the first whole week used; week k covers [anchor_start + k weeks, + 1 week)."""
    intercept: float
    slope: float
    """Change of the weekly total per week (0 with fewer than 3 weeks)."""
    shares: tuple[float, ...]
    """168 shares of the weekly total, by hour of week (UTC)."""
    weekly_totals: tuple[int, ...]

    def weekly_total_at(self, moment: datetime) -> float:
        position = (moment - self.anchor_start) / WEEK
        return max(self.intercept + self.slope * position, 0.0)

    def rate_at(self, hour_start: datetime) -> float:
        """Expected arrivals in the hour starting at `hour_start`."""
        middle = floor_hour(hour_start) + HOUR / 2
        return self.weekly_total_at(middle) * self.shares[hour_of_week(hour_start)]


def forecast_arrivals(
    history: Iterable[HourlyArrivals], queue: str, now: datetime, settings: PlanSettings
) -> ArrivalForecast | None:
    """The arrival forecast of `queue`; None with less than one whole week of history before `now`."""
    end = floor_hour(_aware(now))
    counts: dict[datetime, int] = defaultdict(int)
    for row in history:
        if row.queue == queue and row.hour_start < end:
            counts[floor_hour(row.hour_start)] += row.count
    if not counts:
        return None
    first = min(counts)
    weeks = min(settings.arrival_history_weeks, int((end - first) / WEEK))
    if weeks < 1:
        return None
    anchor = end - weeks * WEEK
    totals = [0] * weeks
    by_hour = [0.0] * HOURS_PER_WEEK
    for moment, count in counts.items():
        if moment < anchor:
            continue
        totals[int((moment - anchor) / WEEK)] += count
        by_hour[hour_of_week(moment)] += count
    grand = sum(totals)
    shares = tuple(v / grand for v in by_hour) if grand > 0 else tuple([0.0] * HOURS_PER_WEEK)
    centres = [k + 0.5 for k in range(weeks)]
    mean_total = grand / weeks
    slope = 0.0
    if weeks >= 3:
        mean_x = sum(centres) / weeks
        sxx = sum((x - mean_x) ** 2 for x in centres)
        slope = sum((x - mean_x) * (t - mean_total) for x, t in zip(centres, totals, strict=True)) / sxx
    intercept = mean_total - slope * (sum(centres) / weeks)
    return ArrivalForecast(
        queue=queue,
        weeks=weeks,
        anchor_start=anchor,
        intercept=intercept,
        slope=slope,
        shares=shares,
        weekly_totals=tuple(totals),
    )


# --------------------------------------------------------------------------- handle time


class HandleTime(BaseModel):
    model_config = ConfigDict(frozen=True)

    queue: str
    samples: int
    flagged_samples: int
    aht_ordinary: float
    aht_flagged: float
    flagged_share: float
    """Share of negative/urgent conversations the planning AHT assumes (recent window if it is big enough)."""

    @property
    def aht(self) -> float:
        return self.aht_at(self.flagged_share)

    def aht_at(self, share: float) -> float:
        return (1 - share) * self.aht_ordinary + share * self.aht_flagged


def _share_window(samples: Sequence[HandleTimeSample], now: datetime, settings: PlanSettings) -> float | None:
    recent = [
        s for s in samples if now - timedelta(hours=settings.escalation_window_hours) <= s.started_at < now
    ]
    if len(recent) < settings.escalation_min_conversations:
        return None
    return sum(s.flagged for s in recent) / len(recent)


def measure_handle_time(
    samples: Iterable[HandleTimeSample], queue: str, now: datetime, settings: PlanSettings
) -> HandleTime | None:
    """AHT of `queue` from its samples before `now`, split ordinary / negative-or-urgent.

    None without samples (then `default_handle_seconds`, if set, stands in for both).
    """
    mine = [s for s in samples if s.queue == queue and s.started_at < now]
    if not mine:
        if settings.default_handle_seconds is None:
            return None
        fallback = settings.default_handle_seconds
        return HandleTime(
            queue=queue,
            samples=0,
            flagged_samples=0,
            aht_ordinary=fallback,
            aht_flagged=fallback,
            flagged_share=0.0,
        )
    flagged = [s.handle_seconds for s in mine if s.flagged]
    ordinary = [s.handle_seconds for s in mine if not s.flagged]
    overall = sum(s.handle_seconds for s in mine) / len(mine)
    share = _share_window(mine, now, settings)
    return HandleTime(
        queue=queue,
        samples=len(mine),
        flagged_samples=len(flagged),
        aht_ordinary=sum(ordinary) / len(ordinary) if ordinary else overall,
        aht_flagged=sum(flagged) / len(flagged) if flagged else overall,
        flagged_share=share if share is not None else len(flagged) / len(mine),
    )


# --------------------------------------------------------------------------- shifts


class HourLoad(BaseModel):
    model_config = ConfigDict(frozen=True)

    hour_start: datetime
    arrivals: float
    agents: int


class ShiftAssessment(BaseModel):
    """One roster shift (queue + start) checked against the service-level target."""

    model_config = ConfigDict(frozen=True)

    queue: str
    starts_at: datetime
    ends_at: datetime
    rostered_agents: int
    """Agents whose shift starts at `starts_at` in this queue."""
    hours: tuple[HourLoad, ...]
    handle_seconds: float
    service_level_before: float
    add_agents: int
    service_level_after: float
    """With `add_agents` more, or `remove_agents` fewer, agents on every hour of the shift."""
    meets_target: bool
    remove_agents: int = 0
    """Agents the shift can give up (over-staffed: see `agents_to_remove`); 0 when none or when adding."""
    service_level_one_fewer: float | None = None
    """The weighted service level with one agent fewer (None when the shift has none to spare)."""
    occupancy_before: float = 0.0
    occupancy_after: float = 0.0

    @property
    def change_agents(self) -> int:
        """The proposed change of the shift's agents: positive adds, negative removes."""
        return self.add_agents - self.remove_agents


def weighted_service_level(
    hours: Sequence[HourLoad],
    handle_seconds: float,
    settings: PlanSettings,
    extra_agents: int = 0,
    factor: float = 1.0,
) -> float:
    """Arrivals-weighted service level over the hours (1.0 when nothing is expected to arrive)."""
    total = sum(h.arrivals for h in hours) * factor
    if total <= 0:
        return 1.0
    answered = sum(
        h.arrivals
        * factor
        * rostered_service_level(h.arrivals * factor, handle_seconds, h.agents + extra_agents, settings)
        for h in hours
    )
    return answered / total


def agents_to_add(
    hours: Sequence[HourLoad], handle_seconds: float, settings: PlanSettings, factor: float = 1.0
) -> int:
    """Fewest agents added to every hour of the shift for the weighted service level to meet the target."""
    extra = 0
    while (
        weighted_service_level(hours, handle_seconds, settings, extra, factor) < settings.service_level_target
    ):
        extra += 1
    return extra


def weighted_occupancy(
    hours: Sequence[HourLoad], handle_seconds: float, settings: PlanSettings, extra_agents: int = 0
) -> float:
    """Arrivals-weighted occupancy A / N of the servers over the hours (1.0 for an hour with no servers
    or more traffic than servers; 0.0 when nothing is expected to arrive)."""
    total = sum(h.arrivals for h in hours)
    if total <= 0:
        return 0.0
    busy = 0.0
    for h in hours:
        servers = productive_servers(h.agents + extra_agents, settings.shrinkage, settings.chat_concurrency)
        traffic = traffic_erlangs(h.arrivals, handle_seconds)
        busy += h.arrivals * (min(traffic / servers, 1.0) if servers > 0 else 1.0)
    return busy / total


def agents_to_remove(
    hours: Sequence[HourLoad], handle_seconds: float, settings: PlanSettings, removable: int
) -> int:
    """Most agents (at most `removable`) that can leave every hour of the shift with the weighted service
    level still at the target, never leaving an hour with fewer than `settings.min_agents_on_duty` — i.e. the
    reduced roster is never below the minimum that meets the target. 0 when the shift is not over-staffed:
    the occupancy is above `settings.reduce_max_occupancy`, or one agent fewer would already miss the target."""
    if not hours or weighted_occupancy(hours, handle_seconds, settings) > settings.reduce_max_occupancy:
        return 0
    limit = min(removable, min(h.agents for h in hours) - settings.min_agents_on_duty)
    remove = 0
    while (
        remove < limit
        and weighted_service_level(hours, handle_seconds, settings, -(remove + 1))
        >= settings.service_level_target
    ):
        remove += 1
    return remove


def group_shifts(shifts: Iterable[Shift]) -> dict[tuple[str, datetime], Shift]:
    """Roster rows with the same queue and start are one shift (agents summed, the latest end)."""
    groups: dict[tuple[str, datetime], Shift] = {}
    for shift in shifts:
        key = (shift.queue, shift.starts_at)
        found = groups.get(key)
        if found is None:
            groups[key] = shift.model_copy()
        else:
            groups[key] = found.model_copy(
                update={"agents": found.agents + shift.agents, "ends_at": max(found.ends_at, shift.ends_at)}
            )
    return groups


def assess_shift(
    shift: Shift,
    roster: Sequence[Shift],
    forecast: ArrivalForecast,
    handle: HandleTime,
    settings: PlanSettings,
    now: datetime,
) -> ShiftAssessment:
    """Hour by hour from the shift's start (or now) to its end: forecast arrivals, agents on duty
    (every roster row of the queue covering the hour's middle), the weighted service level."""
    loads: list[HourLoad] = []
    hour = floor_hour(max(shift.starts_at, floor_hour(now)))
    while hour < shift.ends_at:
        middle = hour + HOUR / 2
        on_duty = sum(
            r.agents for r in roster if r.queue == shift.queue and r.starts_at <= middle < r.ends_at
        )
        loads.append(HourLoad(hour_start=hour, arrivals=forecast.rate_at(hour), agents=on_duty))
        hour += HOUR
    aht = handle.aht
    target = settings.service_level_target
    before = weighted_service_level(loads, aht, settings)
    add = agents_to_add(loads, aht, settings) if before < target else 0
    remove = agents_to_remove(loads, aht, settings, shift.agents) if before >= target else 0
    spare = bool(loads) and shift.agents >= 1 and min(h.agents for h in loads) >= 1
    one_fewer = weighted_service_level(loads, aht, settings, -1) if spare else None
    after = weighted_service_level(loads, aht, settings, add - remove)
    return ShiftAssessment(
        queue=shift.queue,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        rostered_agents=shift.agents,
        hours=tuple(loads),
        handle_seconds=aht,
        service_level_before=before,
        add_agents=add,
        service_level_after=after,
        meets_target=before >= target,
        remove_agents=remove,
        service_level_one_fewer=one_fewer,
        occupancy_before=weighted_occupancy(loads, aht, settings),
        occupancy_after=weighted_occupancy(loads, aht, settings, add - remove),
    )


def _draft_confidence(forecast: ArrivalForecast, handle: HandleTime) -> float:
    """More weeks of arrivals and more handle-time samples, more confidence (0.05..0.95)."""
    return round(
        clamp(0.3 + 0.6 * min(1.0, forecast.weeks / 4) * min(1.0, handle.samples / 30), 0.05, 0.95), 2
    )


def _per_hour(found: ShiftAssessment, settings: PlanSettings, change: int) -> list[dict[str, Any]]:
    """Each hour of the shift with its arrivals, traffic, servers and service level before and after
    ``change`` agents."""
    return [
        {
            "hour": h.hour_start.isoformat(),
            "arrivals": num(h.arrivals, 2),
            "traffic_erlangs": num(traffic_erlangs(h.arrivals, found.handle_seconds), 2),
            "agents": h.agents,
            "servers": productive_servers(h.agents, settings.shrinkage, settings.chat_concurrency),
            "servers_after": productive_servers(
                h.agents + change, settings.shrinkage, settings.chat_concurrency
            ),
            "sl_before": num(rostered_service_level(h.arrivals, found.handle_seconds, h.agents, settings)),
            "sl_after": num(
                rostered_service_level(h.arrivals, found.handle_seconds, h.agents + change, settings)
            ),
        }
        for h in found.hours
    ]


def _roster_payload(found: ShiftAssessment, change: int) -> dict[str, Any]:
    return {
        "action": "change_roster",
        "queue": found.queue,
        "shift_start": found.starts_at.isoformat(),
        "shift_end": found.ends_at.isoformat(),
        "rostered_agents": found.rostered_agents,
        "add_agents": change,
        "proposed_agents": found.rostered_agents + change,
    }


def _staffing_inputs(
    found: ShiftAssessment, forecast: ArrivalForecast, handle: HandleTime, settings: PlanSettings
) -> dict[str, Any]:
    """The inputs both staffing drafts show: arrivals history, handle times, the target."""
    return {
        "queue": found.queue,
        "history_weeks": forecast.weeks,
        "weekly_totals": list(forecast.weekly_totals),
        "weekly_trend": num(forecast.slope, 2),
        "aht_ordinary_s": num(handle.aht_ordinary, 1),
        "aht_negative_or_urgent_s": num(handle.aht_flagged, 1),
        "negative_or_urgent_share": num(handle.flagged_share),
        "handle_time_samples": handle.samples,
        "chat_concurrency": settings.chat_concurrency,
        "shrinkage": settings.shrinkage,
        "service_level_target": settings.service_level_target,
        "target_seconds": settings.service_level_seconds,
    }


def _staffing_draft(
    found: ShiftAssessment,
    forecast: ArrivalForecast,
    handle: HandleTime,
    settings: PlanSettings,
    now: datetime,
) -> ProposalDraft:
    factor = settings.sensitivity_factor
    sl_high = weighted_service_level(found.hours, found.handle_seconds, settings, found.add_agents, factor)
    add_high = agents_to_add(found.hours, found.handle_seconds, settings, factor)
    target = settings.service_level_target
    seconds = settings.service_level_seconds
    start, end = found.starts_at, found.ends_at
    when = f"{start:%a %d %b %H:%M}–{end:%H:%M} UTC"
    plural = "s" if found.add_agents != 1 else ""
    hours_until = (start - now) / HOUR
    urgency = clamp(0.4 + (target - found.service_level_before) + (0.2 if hours_until < 24 else 0.0))
    confidence = _draft_confidence(forecast, handle)
    per_hour = _per_hour(found, settings, found.add_agents)
    return ProposalDraft(
        kind=ProposalKind.STAFFING,
        subject_key=f"queue:{found.queue}:{start.isoformat()}:staffing",
        title=f"Add {found.add_agents} agent{plural} to {found.queue} shift {when}",
        summary=(
            f"Projected service level {found.service_level_before:.0%} misses the target of {target:.0%} answered "
            f"within {seconds:.0f} s; with {found.add_agents} more agent{plural} it is "
            f"{found.service_level_after:.0%}."
        ),
        payload=_roster_payload(found, found.add_agents),
        working={
            "inputs": _staffing_inputs(found, forecast, handle, settings),
            "formula": FORMULA_STAFFING,
            "numbers": {
                "aht_s": num(found.handle_seconds, 1),
                "expected_arrivals": num(sum(h.arrivals for h in found.hours), 1),
                "service_level_before": num(found.service_level_before),
                "service_level_after": num(found.service_level_after),
                "add_agents": found.add_agents,
                "hours": per_hour,
            },
            "expected_effect": (
                f"Service level over the shift {found.service_level_before:.0%} → {found.service_level_after:.0%} "
                f"(target {target:.0%} within {seconds:.0f} s)."
            ),
            "sensitivity": (
                f"At +{factor - 1:.0%} arrivals: service level with the proposed roster {sl_high:.0%}; "
                + (
                    f"the proposed {found.add_agents} extra still meet the target."
                    if add_high <= found.add_agents
                    else f"the target then needs {add_high} extra agents instead of {found.add_agents}."
                )
            ),
        },
        confidence=confidence,
        urgency=urgency,
    )


def _reduction_draft(
    found: ShiftAssessment,
    forecast: ArrivalForecast,
    handle: HandleTime,
    settings: PlanSettings,
    now: datetime,
) -> ProposalDraft:
    """The STAFFING draft that gives agents back: the same kind as an addition, a negative change."""
    factor = settings.sensitivity_factor
    remove = found.remove_agents
    change = found.change_agents
    sl_high = weighted_service_level(found.hours, found.handle_seconds, settings, change, factor)
    target = settings.service_level_target
    seconds = settings.service_level_seconds
    start, end = found.starts_at, found.ends_at
    when = f"{start:%a %d %b %H:%M}–{end:%H:%M} UTC"
    plural = "s" if remove != 1 else ""
    confidence = _draft_confidence(forecast, handle)
    per_hour = _per_hour(found, settings, change)
    high_ok = sl_high >= target
    return ProposalDraft(
        kind=ProposalKind.STAFFING,
        subject_key=f"queue:{found.queue}:{start.isoformat()}:staffing",
        title=f"Reduce {found.queue} shift {when} by {remove} agent{plural}",
        summary=(
            f"Over-staffed: projected service level {found.service_level_before:.0%} against a target of "
            f"{target:.0%} within {seconds:.0f} s, occupancy {found.occupancy_before:.0%}; with {remove} agent{plural} "
            f"fewer it is {found.service_level_after:.0%}, still on target. A reduction is always a person's decision."
        ),
        payload=_roster_payload(found, change),
        working={
            "inputs": {
                **_staffing_inputs(found, forecast, handle, settings),
                "reduce_max_occupancy": settings.reduce_max_occupancy,
                "min_agents_on_duty": settings.min_agents_on_duty,
            },
            "formula": FORMULA_STAFFING_REDUCTION,
            "numbers": {
                "aht_s": num(found.handle_seconds, 1),
                "expected_arrivals": num(sum(h.arrivals for h in found.hours), 1),
                "service_level_before": num(found.service_level_before),
                "service_level_one_fewer": num(found.service_level_one_fewer),
                "service_level_after": num(found.service_level_after),
                "occupancy_before": num(found.occupancy_before),
                "occupancy_after": num(found.occupancy_after),
                "add_agents": change,
                "hours": per_hour,
            },
            "expected_effect": (
                f"{remove} agent{plural} freed for {when}; service level over the shift "
                f"{found.service_level_before:.0%} → {found.service_level_after:.0%} (target {target:.0%} within "
                f"{seconds:.0f} s), occupancy {found.occupancy_before:.0%} → {found.occupancy_after:.0%}."
            ),
            "sensitivity": (
                f"At +{factor - 1:.0%} arrivals: service level with the reduced roster {sl_high:.0%}; "
                + (
                    "the reduced roster still meets the target."
                    if high_ok
                    else "the reduced roster would miss the target."
                )
            ),
            "autonomy": "A staffing reduction is never approved automatically: a person decides.",
        },
        confidence=confidence if high_ok else round(min(confidence, 0.5), 2),
        urgency=0.2,
    )


def _without(roster: Sequence[Shift], queue: str, starts_at: datetime, remove: int) -> list[Shift]:
    """`roster` with `remove` agents taken off the (queue, start) shift (rows merged into one)."""
    group = [r for r in roster if r.queue == queue and r.starts_at == starts_at]
    rest = [r for r in roster if not (r.queue == queue and r.starts_at == starts_at)]
    if not group:
        return rest
    merged = group_shifts(group)[(queue, starts_at)]
    return [*rest, merged.model_copy(update={"agents": max(merged.agents - remove, 0)})]


def propose_staffing(
    inputs: StaffingInputs, shifts: Sequence[Shift], settings: PlanSettings, now: datetime
) -> list[ProposalDraft]:
    """A STAFFING draft per roster shift (queue + start) within `forecast_days` whose projected
    service level misses the target (add agents), or that is over-staffed (remove agents: see
    `agents_to_remove`). Shifts are taken in start order and a proposed reduction counts for the later
    overlapping shifts, so two reductions never together take an hour below the target.
    Queues without a forecast or handle time are not planned."""
    now = _aware(now)
    horizon = now + timedelta(days=settings.forecast_days)
    drafts: dict[str, ProposalDraft] = {}
    forecasts: dict[str, ArrivalForecast | None] = {}
    handles: dict[str, HandleTime | None] = {}
    roster = list(shifts)
    for (queue, starts_at), shift in sorted(group_shifts(shifts).items()):
        if shift.ends_at <= now or starts_at >= horizon:
            continue
        if queue not in forecasts:
            forecasts[queue] = forecast_arrivals(inputs.arrivals, queue, now, settings)
            handles[queue] = measure_handle_time(inputs.handle_times, queue, now, settings)
        forecast, handle = forecasts[queue], handles[queue]
        if forecast is None or handle is None:
            continue
        found = assess_shift(shift, roster, forecast, handle, settings, now)
        if found.remove_agents > 0:
            draft = _reduction_draft(found, forecast, handle, settings, now)
            roster = _without(roster, queue, starts_at, found.remove_agents)
        elif found.meets_target:
            continue
        else:
            draft = _staffing_draft(found, forecast, handle, settings, now)
        drafts[draft.subject_key] = draft
    return list(drafts.values())


# --------------------------------------------------------------------------- escalation


class NegativeShare(BaseModel):
    """Negative or urgent share of one queue: recent window vs the baseline before it."""

    model_config = ConfigDict(frozen=True)

    queue: str
    rising: bool
    reason: str
    recent_total: int
    recent_flagged: int
    baseline_total: int
    baseline_flagged: int
    z: float | None = None
    conversation_ids: tuple[str, ...] = ()
    """The recent negative or urgent conversations (oldest first)."""

    @property
    def recent_share(self) -> float:
        return self.recent_flagged / self.recent_total if self.recent_total else 0.0

    @property
    def baseline_share(self) -> float:
        return self.baseline_flagged / self.baseline_total if self.baseline_total else 0.0


def assess_negative_share(
    samples: Iterable[HandleTimeSample], queue: str, now: datetime, settings: PlanSettings
) -> NegativeShare:
    """The rule: both windows have at least `escalation_min_conversations`, the share rose by at least
    `escalation_min_rise`, and the one-sided two-proportion z reaches `escalation_z`."""
    now = _aware(now)
    window_start = now - timedelta(hours=settings.escalation_window_hours)
    baseline_start = window_start - timedelta(days=settings.escalation_baseline_days)
    mine = sorted((s for s in samples if s.queue == queue), key=lambda s: s.started_at)
    recent = [s for s in mine if window_start <= s.started_at < now]
    baseline = [s for s in mine if baseline_start <= s.started_at < window_start]
    recent_flagged = [s for s in recent if s.flagged]
    base_flagged = sum(s.flagged for s in baseline)
    common = {
        "queue": queue,
        "recent_total": len(recent),
        "recent_flagged": len(recent_flagged),
        "baseline_total": len(baseline),
        "baseline_flagged": base_flagged,
        "conversation_ids": tuple(s.conversation_id for s in recent_flagged),
    }
    minimum = settings.escalation_min_conversations
    if len(recent) < minimum or len(baseline) < minimum:
        return NegativeShare(
            rising=False,
            reason=f"too few conversations to compare ({len(recent)} recent, {len(baseline)} baseline; "
            f"{minimum} each needed)",
            **common,
        )
    p1, p0 = len(recent_flagged) / len(recent), base_flagged / len(baseline)
    pooled = (len(recent_flagged) + base_flagged) / (len(recent) + len(baseline))
    spread = math.sqrt(pooled * (1 - pooled) * (1 / len(recent) + 1 / len(baseline)))
    z = (p1 - p0) / spread if spread > 0 else 0.0
    rising = p1 - p0 >= settings.escalation_min_rise and z >= settings.escalation_z
    reason = (
        f"negative/urgent share {p0:.0%} → {p1:.0%} (z = {z:.2f}; rule: rise ≥ "
        f"{settings.escalation_min_rise:.0%} points and z ≥ {settings.escalation_z})"
    )
    return NegativeShare(rising=rising, reason=reason, z=z, **common)


def _peak_need(
    forecast: ArrivalForecast | None,
    handle: HandleTime | None,
    share: float,
    now: datetime,
    settings: PlanSettings,
    factor: float = 1.0,
) -> tuple[datetime, int] | None:
    """Agents the busiest hour of the next 24 h needs at a given negative/urgent share."""
    if forecast is None or handle is None:
        return None
    start = floor_hour(now) + HOUR
    hours = [start + i * HOUR for i in range(24)]
    peak = max(hours, key=forecast.rate_at)
    return peak, required_agents(forecast.rate_at(peak) * factor, handle.aht_at(share), settings)


def propose_escalations(inputs: StaffingInputs, settings: PlanSettings, now: datetime) -> list[ProposalDraft]:
    """An ESCALATION draft per queue whose negative/urgent share is rising, with those conversations."""
    now = _aware(now)
    drafts: list[ProposalDraft] = []
    queues = sorted({s.queue for s in inputs.handle_times})
    factor = settings.sensitivity_factor
    for queue in queues:
        found = assess_negative_share(inputs.handle_times, queue, now, settings)
        if not found.rising:
            continue
        forecast = forecast_arrivals(inputs.arrivals, queue, now, settings)
        handle = measure_handle_time(inputs.handle_times, queue, now, settings)
        before = _peak_need(forecast, handle, found.baseline_share, now, settings)
        after = _peak_need(forecast, handle, found.recent_share, now, settings)
        high = _peak_need(forecast, handle, found.recent_share, now, settings, factor)
        add = max(after[1] - before[1], 0) if before and after else None
        if before and after and high and handle:
            effect = (
                f"At the recent mix the AHT rises {handle.aht_at(found.baseline_share):.0f} s → "
                f"{handle.aht_at(found.recent_share):.0f} s; the busiest hour of the next 24 h "
                f"({after[0]:%a %H:%M} UTC) needs {after[1]} agents instead of {before[1]} (+{add})."
            )
            sensitivity = (
                f"At +{factor - 1:.0%} arrivals that hour needs {high[1]} agents ({high[1] - before[1]:+d} "
                f"against the baseline mix)."
            )
        else:
            effect = "Escalating routes the affected conversations to senior agents; no arrival forecast to size capacity."
            per_day = found.recent_flagged * 24 / settings.escalation_window_hours
            sensitivity = (
                f"At +{factor - 1:.0%} arrivals: about {per_day * factor:.0f} negative/urgent conversations a day "
                f"instead of {per_day:.0f}."
            )
        margin = (found.z or 0.0) - settings.escalation_z
        ids = list(found.conversation_ids)
        drafts.append(
            ProposalDraft(
                kind=ProposalKind.ESCALATION,
                subject_key=f"queue:{queue}:escalation",
                title=f"Escalate {queue}: negative/urgent share up to {found.recent_share:.0%}",
                summary=(
                    f"{found.recent_flagged} of {found.recent_total} conversations in the last "
                    f"{settings.escalation_window_hours} h were negative or urgent ({found.recent_share:.0%}, against "
                    f"{found.baseline_share:.0%} before)"
                    + (
                        f"; add {add} agent{'s' if add != 1 else ''} at the peak or escalate."
                        if add
                        else "; escalate."
                    )
                ),
                payload={
                    "action": "escalate",
                    "queue": queue,
                    "conversation_ids": ids,
                    "add_agents_at_peak": add,
                },
                working={
                    "inputs": {
                        "queue": queue,
                        "window_hours": settings.escalation_window_hours,
                        "baseline_days": settings.escalation_baseline_days,
                        "recent_total": found.recent_total,
                        "recent_negative_or_urgent": found.recent_flagged,
                        "baseline_total": found.baseline_total,
                        "baseline_negative_or_urgent": found.baseline_flagged,
                    },
                    "formula": FORMULA_ESCALATION,
                    "numbers": {
                        "recent_share": num(found.recent_share),
                        "baseline_share": num(found.baseline_share),
                        "z": num(found.z, 2),
                        "add_agents_at_peak": add,
                    },
                    "evidence": [
                        {
                            "label": f"negative or urgent conversations in the last {settings.escalation_window_hours} h",
                            "ids": ids,
                        }
                    ],
                    "expected_effect": effect,
                    "sensitivity": sensitivity,
                },
                confidence=round(clamp(0.55 + 0.1 * margin, 0.05, 0.95), 2),
                urgency=clamp(0.5 + (found.recent_share - found.baseline_share)),
            )
        )
    return drafts
