"""Over-staffed shifts: the reduction rule with worked Erlang C numbers, and that a person decides it."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.plan.staffing import (
    HandleTimeSample,
    HourLoad,
    HourlyArrivals,
    Shift,
    StaffingInputs,
    agents_to_remove,
    erlang_c,
    propose_staffing,
    weighted_occupancy,
)
from opsloop.review.autonomy import AutonomyPolicy, AutoRule, evaluate_autonomy, load_autonomy_policy
from opsloop.review.queue import upsert_proposal
from opsloop.settings import PlanSettings
from opsloop.store.db import make_engine, upgrade
from tests.conftest import keyed

NOW = datetime(2024, 6, 3, 0, 0, tzinfo=UTC)  # a Monday
SETTINGS = PlanSettings(
    service_level_target=0.8,
    service_level_seconds=60,
    chat_concurrency=2.0,
    shrinkage=0.3,
    arrival_history_weeks=4,
)
DAY_KEY = "queue:support:2024-06-03T09:00:00+00:00:staffing"


def arrivals() -> list[HourlyArrivals]:
    """Four identical weeks: 20 chats an hour on weekdays 09-17 UTC, 2 an hour otherwise."""
    start = NOW - timedelta(weeks=4)
    rows = []
    for hour in range(4 * 168):
        moment = start + timedelta(hours=hour)
        busy = moment.weekday() < 5 and 9 <= moment.hour < 17
        rows.append(HourlyArrivals(queue="support", hour_start=moment, count=20 if busy else 2))
    return rows


def handle_times() -> list[HandleTimeSample]:
    """200 chats over the last week: 240 s, every 10th negative at 480 s → AHT 264 s."""
    start = NOW - timedelta(days=8)
    return [
        HandleTimeSample(
            conversation_id=f"c{i}",
            queue="support",
            started_at=start + i * timedelta(hours=7 * 24) / 200,
            handle_seconds=480.0 if i % 10 == 0 else 240.0,
            negative=i % 10 == 0,
        )
        for i in range(200)
    ]


def shifts(day_agents: int, *, extra: tuple[int, int, int] | None = None) -> list[Shift]:
    """`day_agents` on Monday 09-17, one agent on the night 00-09; `extra` = (start hour, end hour, agents)."""
    rows = [
        Shift(
            queue="support", starts_at=NOW + timedelta(hours=9), ends_at=NOW + timedelta(hours=17), agents=1
        )
        for _ in range(day_agents)
    ]
    rows.append(Shift(queue="support", starts_at=NOW, ends_at=NOW + timedelta(hours=9), agents=1))
    if extra is not None:
        begin, end, agents = extra
        rows.append(
            Shift(
                queue="support",
                starts_at=NOW + timedelta(hours=begin),
                ends_at=NOW + timedelta(hours=end),
                agents=agents,
            )
        )
    return rows


def inputs() -> StaffingInputs:
    return StaffingInputs(arrivals=arrivals(), handle_times=handle_times())


def closed_form_service_level(traffic: float, servers: int, target: float, aht: float) -> float:
    """1 − C(A, N)·exp(−(N − A)·T/AHT) with C from the textbook closed form (an independent check)."""
    top = traffic**servers / math.factorial(servers) * servers / (servers - traffic)
    wait = top / (sum(traffic**k / math.factorial(k) for k in range(servers)) + top)
    return 1 - wait * math.exp(-(servers - traffic) * target / aht)


def test_over_staffed_shift_is_reduced_to_the_minimum_that_meets_the_target() -> None:
    """GIVEN 20 chats/h at AHT 264 s (A = 1.467 Erlangs), concurrency 2, shrinkage 30 %, and 5 agents on the day
    shift: floor(5·0.7·2) = 7 servers, SL 99.98 %, occupancy 1.467/7 = 21 %. One agent fewer (5 servers) gives
    99.2 %, two fewer (3 agents → 4 servers) 1 − 0.0696·e^(−2.533·60/264) = 96.1 %, three fewer (2 servers)
    1 − 0.6205·e^(−0.533·60/264) = 45.0 % < 80 %.
    WHEN planned THEN one STAFFING draft for that shift with a change of −2 (3 agents stay), SL and occupancy
    before/after, and the night shift (one agent) is left alone."""
    traffic = 20 * 264 / 3600
    assert erlang_c(traffic, 4) == pytest.approx(0.0696, abs=5e-4)
    assert closed_form_service_level(traffic, 4, 60, 264) == pytest.approx(0.9609, abs=5e-4)
    assert closed_form_service_level(traffic, 2, 60, 264) == pytest.approx(0.4503, abs=5e-4)

    drafts = propose_staffing(inputs(), shifts(5), SETTINGS, NOW)
    assert [d.subject_key for d in drafts] == [DAY_KEY]
    [draft] = drafts
    assert draft.kind is ProposalKind.STAFFING
    assert draft.payload["action"] == "change_roster"
    assert draft.payload["add_agents"] == -2
    assert draft.payload["rostered_agents"] == 5
    assert draft.payload["proposed_agents"] == 3
    numbers = draft.working["numbers"]
    assert numbers["service_level_before"] == pytest.approx(
        closed_form_service_level(traffic, 7, 60, 264), abs=1e-3
    )
    assert numbers["service_level_one_fewer"] == pytest.approx(
        closed_form_service_level(traffic, 5, 60, 264), abs=1e-3
    )
    assert numbers["service_level_after"] == pytest.approx(0.961, abs=1e-3)
    assert numbers["occupancy_before"] == pytest.approx(traffic / 7, abs=1e-3)
    assert numbers["occupancy_after"] == pytest.approx(traffic / 4, abs=1e-3)
    assert all(h["servers_after"] == 4 for h in numbers["hours"])
    assert draft.title.startswith("Reduce support shift")
    assert "96%" in draft.working["expected_effect"]
    assert "+20% arrivals" in draft.working["sensitivity"]
    assert "occupancy" in draft.working["formula"]


def test_reduction_never_goes_below_the_minimum() -> None:
    """GIVEN 4 to 8 agents on the day shift WHEN planned THEN every reduction lands on exactly 3 agents (the
    fewest meeting 80 %), and planning the reduced roster again proposes nothing."""
    for agents in range(4, 9):
        [draft] = propose_staffing(inputs(), shifts(agents), SETTINGS, NOW)
        assert draft.payload["proposed_agents"] == 3
        assert draft.payload["add_agents"] == 3 - agents
    assert propose_staffing(inputs(), shifts(3), SETTINGS, NOW) == []


def test_high_occupancy_keeps_a_shift_even_above_target() -> None:
    """GIVEN 600 chats/h at 240 s (A = 40 Erlangs) on 56 single-chat agents with no shrinkage: SL 99.98 % and
    55 agents would still meet 80 %, but occupancy is 40/56 = 71 % > 50 % WHEN assessed THEN nothing is removed;
    GIVEN the same rule at 24 chats/h (A = 1.6, occupancy 2.9 %) THEN agents are removed."""
    plain = SETTINGS.model_copy(update={"chat_concurrency": 1.0, "shrinkage": 0.0})
    busy = [HourLoad(hour_start=NOW, arrivals=600, agents=56)]
    assert weighted_occupancy(busy, 240, plain) == pytest.approx(40 / 56)
    assert agents_to_remove(busy, 240, plain, removable=56) == 0
    quiet = [HourLoad(hour_start=NOW, arrivals=24, agents=56)]
    assert agents_to_remove(quiet, 240, plain, removable=56) > 0


def test_an_hour_without_arrivals_keeps_one_agent_on_duty() -> None:
    """GIVEN 3 agents on an hour expecting no chats (SL 100 % with any roster) WHEN assessed THEN 2 can go,
    never the third."""
    empty = [HourLoad(hour_start=NOW, arrivals=0, agents=3)]
    assert agents_to_remove(empty, 240, SETTINGS, removable=3) == 2


def test_overlapping_reductions_together_still_meet_the_target() -> None:
    """GIVEN 5 agents 09-17 and 4 more 13-17 on the same queue WHEN planned THEN both shifts get reductions, the
    later one counting the earlier one; WHEN every proposed roster is applied THEN planning again finds no
    shift below the target (no additions) and nothing further to reduce."""
    roster = shifts(5, extra=(13, 17, 4))
    drafts = propose_staffing(inputs(), roster, SETTINGS, NOW)
    assert len(drafts) == 2
    assert all(d.payload["add_agents"] < 0 for d in drafts)
    proposed = {d.payload["shift_start"]: d.payload["proposed_agents"] for d in drafts}
    applied = [
        Shift(
            queue="support",
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            agents=proposed[s.starts_at.isoformat()],
        )
        if s.starts_at.isoformat() in proposed
        else s
        for s in {(s.starts_at, s.ends_at): s for s in roster}.values()
    ]
    assert propose_staffing(inputs(), applied, SETTINGS, NOW) == []


def test_understaffed_shift_still_gets_an_addition() -> None:
    """GIVEN 1 agent on the day shift WHEN planned THEN the draft adds agents (a positive change)."""
    [draft] = propose_staffing(inputs(), shifts(1), SETTINGS, NOW)
    assert draft.payload["add_agents"] == 2
    assert draft.title.startswith("Add 2 agents")


# --------------------------------------------------------------------------- autonomy


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path / 'reduce.db'}"
    upgrade(url)
    engine = keyed(make_engine(url), tmp_path)
    with Session(engine) as db:
        yield db
    engine.dispose()


def reduction_draft() -> ProposalDraft:
    [draft] = propose_staffing(inputs(), shifts(5), SETTINGS, NOW)
    assert draft.payload["add_agents"] < 0
    return draft


def test_default_policy_leaves_a_reduction_to_a_person(session: Session) -> None:
    """GIVEN a staffing reduction in the review queue and the packaged autonomy policy WHEN evaluated THEN no
    rule lets it pass: a person decides."""
    proposal = upsert_proposal(session, reduction_draft())
    verdict = evaluate_autonomy(session, proposal, load_autonomy_policy(session))
    assert verdict.rule_id is None


def test_a_staffing_auto_rule_never_approves_a_reduction(session: Session) -> None:
    """GIVEN a policy that auto-approves staffing proposals WHEN a reduction is evaluated THEN it is still
    held for a person."""
    policy = AutonomyPolicy(version="test-staffing", rules=[AutoRule(id="staffing-any", kinds=["staffing"])])
    proposal = upsert_proposal(session, reduction_draft())
    verdict = evaluate_autonomy(session, proposal, policy)
    assert verdict.rule_id is None
    assert any(reason.startswith("staffing_reduction") for reason in verdict.reasons)


def test_the_reduction_thresholds_are_settings() -> None:
    """GIVEN the busy shift above (occupancy 71 %) with a ceiling raised to 80 %, and the empty hour with a
    floor of two agents on duty WHEN assessed THEN the busy shift may lose agents and the empty hour only one."""
    plain = SETTINGS.model_copy(
        update={"chat_concurrency": 1.0, "shrinkage": 0.0, "reduce_max_occupancy": 0.8}
    )
    busy = [HourLoad(hour_start=NOW, arrivals=600, agents=56)]
    assert agents_to_remove(busy, 240, plain, removable=56) > 0
    floor_two = SETTINGS.model_copy(update={"min_agents_on_duty": 2})
    empty = [HourLoad(hour_start=NOW, arrivals=0, agents=3)]
    assert agents_to_remove(empty, 240, floor_two, removable=3) == 1
