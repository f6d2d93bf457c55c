"""The sandbox: document work runs in a worker process under a time and memory budget, and every way
it can end comes back with a name."""

from __future__ import annotations

import pytest

from opsloop.errors import RejectedInput, StageError
from opsloop.sandbox import MEMORY_BUDGET, READER_CRASHED, TIME_BUDGET, BudgetExceeded, run_bounded
from opsloop.settings import BudgetSettings
from tests.hardening import jobs

BUDGET = BudgetSettings(seconds=2, memory_mb=256)


def test_a_job_returns_its_result_from_the_worker() -> None:
    assert run_bounded(BUDGET, None, jobs.echo, {"total": "12.50"}) == {"total": "12.50"}


def test_a_job_past_its_wall_clock_budget_is_stopped_and_named() -> None:
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(BUDGET, 1.0, jobs.spin)
    assert raised.value.code == TIME_BUDGET
    # AND the next job gets a fresh worker and runs
    assert run_bounded(BUDGET, None, jobs.echo, 7) == 7


def test_a_job_past_its_memory_budget_is_stopped_and_named() -> None:
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(BUDGET, 20.0, jobs.allocate, 2048)
    assert raised.value.code == MEMORY_BUDGET
    assert run_bounded(BUDGET, None, jobs.allocate, 16) == 16  # a smaller job in a fresh worker is fine


def test_a_worker_killed_by_a_signal_is_a_crashed_reader() -> None:
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(BUDGET, None, jobs.segfault)
    assert raised.value.code == READER_CRASHED and "SIGSEGV" in raised.value.message


def test_a_refusal_comes_back_as_the_same_refusal() -> None:
    with pytest.raises(RejectedInput) as raised:
        run_bounded(BUDGET, None, jobs.refuse)
    assert (raised.value.code, raised.value.line) == ("malformed_json", 3)
    assert not isinstance(raised.value, BudgetExceeded)


def test_a_fault_of_ours_comes_back_as_an_error_not_a_quarantine() -> None:
    with pytest.raises(StageError) as ours:
        run_bounded(BUDGET, None, jobs.fail_ours)
    assert ours.value.message == "the stage broke" and ours.value.hint == "retry it"
    with pytest.raises(StageError) as plain:
        run_bounded(BUDGET, None, jobs.fail_plain)
    assert not isinstance(plain.value, RejectedInput) and "KeyError" in plain.value.message


def test_a_result_that_cannot_travel_back_is_a_fault_of_ours() -> None:
    with pytest.raises(StageError) as raised:
        run_bounded(BUDGET, None, jobs.unpicklable_result)
    assert not isinstance(raised.value, RejectedInput)
    assert run_bounded(BUDGET, None, jobs.echo, "next") == "next"  # the worker still serves


def test_without_isolation_the_job_runs_inline() -> None:
    inline = BudgetSettings(isolate=False)
    with pytest.raises(KeyError):
        run_bounded(inline, None, jobs.fail_plain)


def _in_pool_process(value: int) -> tuple[bool, object]:
    import multiprocessing

    daemonic = bool(multiprocessing.current_process()._config.get("daemon"))  # type: ignore[attr-defined]
    return daemonic, run_bounded(BUDGET, None, jobs.echo, value)


def test_a_celery_pool_process_runs_budgeted_jobs_too() -> None:
    # GIVEN a process of Celery's prefork pool (billiard: daemonic, with its own kind of auth key)
    billiard = pytest.importorskip("billiard")
    with billiard.Pool(1) as pool:
        # WHEN a job in it hands document work to the sandbox THEN the budgeted worker starts and answers
        assert pool.map(_in_pool_process, [42]) == [(True, 42)]


def test_a_job_whose_input_alone_breaks_the_memory_budget_is_named_so() -> None:
    # GIVEN an input bigger than the worker may hold (the parsed words of a poison PDF, say)
    big = b"x" * (300 * 1024 * 1024)
    # WHEN it is handed to a worker with 256 MiB: the worker cannot even take the job
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(BUDGET, 20.0, jobs.echo, big)
    # THEN it is the memory budget that was broken (the input's fault), not a fault of ours
    assert raised.value.code == MEMORY_BUDGET
    del big
    assert run_bounded(BUDGET, None, jobs.echo, 3) == 3


def test_a_time_limit_stops_a_runaway_pattern_in_this_process() -> None:
    import re
    import signal
    import time

    from opsloop.sandbox import time_limit

    # GIVEN a pattern that backtracks without end on this text, and an outer timer already running
    signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 30.0)
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as raised, time_limit(0.5, "reading the text"):
        re.match(r"(a+)+$", "a" * 64 + "b")
    # THEN it is stopped by the budget, named, in about the budget's time
    assert raised.value.code == TIME_BUDGET and "reading the text" in raised.value.message
    assert time.monotonic() - started < 10
    # AND the outer timer is put back with what was left of it; a quick block is left alone
    left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    assert 20 < left < 30
    with time_limit(5.0):
        assert re.match(r"(a+)+$", "a" * 8)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
