"""Erlang C against published worked examples, and the concurrency/shrinkage adjustment."""

from __future__ import annotations

import math

import pytest

from opsloop.plan.staffing import (
    erlang_c,
    erlang_service_level,
    productive_servers,
    required_agents,
    rostered_service_level,
)
from opsloop.settings import PlanSettings


def closed_form_erlang_c(traffic: float, agents: int) -> float:
    """The textbook closed form, A^N/N! · N/(N − A) over Σ_{k<N} A^k/k! + the same term: an independent
    check on the recursion the code uses."""
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    return top / (sum(traffic**k / math.factorial(k) for k in range(agents)) + top)


@pytest.mark.parametrize(
    ("agents", "p_wait", "service_level"),
    [(11, 0.6821, 0.3896), (12, 0.4494, 0.6402), (13, 0.2853, 0.7956), (14, 0.1741, 0.8884)],
)
def test_erlang_c_matches_call_centre_helper_example(
    agents: int, p_wait: float, service_level: float
) -> None:
    """Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example":
    100 calls in 30 minutes, AHT 180 s → A = 10 Erlangs; target 80 % answered in 20 s.
    Expected P(wait) and service level for 11..14 agents were recomputed by hand from the closed form
    (below) to 4 places: 14 agents are needed, 13 just miss 80 % (79.6 %). An often-quoted
    "13 agents → P(wait) 0.18, SL 0.89" is in fact the 14-agent row.

    GIVEN A = 10 Erlangs and N agents WHEN Erlang C and the service level are computed THEN they match.
    """
    assert erlang_c(10.0, agents) == pytest.approx(p_wait, abs=5e-4)
    assert erlang_c(10.0, agents) == pytest.approx(closed_form_erlang_c(10.0, agents), rel=1e-9)
    assert erlang_service_level(10.0, agents, 20, 180) == pytest.approx(service_level, abs=5e-4)


def test_erlang_c_matches_westbay_example() -> None:
    """Westbay Engineers, "The Erlang-C Formula": 360 calls per half hour, 4 min average duration,
    55 agents, 15 s target → A = 48 Erlangs, occupancy 0.873. Expected values recomputed from the closed
    form: P(wait) ≈ 0.2387, ASA = P(wait)·AHT/(N − A) ≈ 8.18 s, SL ≈ 84.6 %.

    GIVEN that example WHEN computed THEN the probability of waiting, ASA and SL match.
    """
    traffic = 360 / 1800 * 240
    assert traffic == pytest.approx(48.0)
    p_wait = erlang_c(traffic, 55)
    assert p_wait == pytest.approx(0.2387, abs=5e-4)
    assert p_wait == pytest.approx(closed_form_erlang_c(traffic, 55), rel=1e-9)
    assert p_wait * 240 / (55 - traffic) == pytest.approx(8.18, abs=0.01)
    assert erlang_service_level(traffic, 55, 15, 240) == pytest.approx(0.8459, abs=5e-4)


def test_erlang_edges_overload_and_no_traffic() -> None:
    """GIVEN as many servers as Erlangs THEN everyone waits (SL 0); GIVEN no traffic THEN SL is 1."""
    assert erlang_c(10.0, 10) == 1.0
    assert erlang_service_level(10.0, 10, 20, 180) == 0.0
    assert erlang_service_level(0.0, 0, 20, 180) == 1.0


def test_concurrency_and_shrinkage_change_the_servers_an_agent_gives() -> None:
    """GIVEN concurrency 3 and shrinkage 30 % WHEN 5 agents are rostered THEN they give floor(5·0.7·3) = 10
    servers, and the hour with A = 10·… behaves as Erlang C with 10 servers."""
    assert productive_servers(5, 0.3, 3.0) == 10
    assert productive_servers(5, 0.0, 1.0) == 5
    settings = PlanSettings(chat_concurrency=3.0, shrinkage=0.3, service_level_seconds=20)
    # 150 chats/h x 180 s = 7.5 Erlangs; 5 agents -> 10 servers
    assert rostered_service_level(150, 180, 5, settings) == pytest.approx(
        erlang_service_level(7.5, 10, 20, 180)
    )


def test_required_agents_with_concurrency_matches_the_worked_example() -> None:
    """GIVEN the Call Centre Helper load (200 calls/h, AHT 180 s, 80 % in 20 s) and one chat per agent with no
    shrinkage THEN 14 agents are required; with concurrency 2 THEN 7 (14 servers); with 30 % shrinkage on top
    THEN 10 (floor(10·0.7·2) = 14 servers, 9 agents give only 12)."""
    plain = PlanSettings(
        chat_concurrency=1.0, shrinkage=0.0, service_level_target=0.8, service_level_seconds=20
    )
    assert required_agents(200, 180, plain) == 14
    paired = plain.model_copy(update={"chat_concurrency": 2.0})
    assert required_agents(200, 180, paired) == 7
    shrunk = paired.model_copy(update={"shrinkage": 0.3})
    assert required_agents(200, 180, shrunk) == 10
