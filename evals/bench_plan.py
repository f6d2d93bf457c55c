"""Benchmark: does the reorder policy deliver the service level it is configured for?

Simulates a year of daily demand (seeded, synthetic: no data is read) for a smooth, a trending and an
intermittent item with a random lead time, runs the planner every morning, places each proposed
order as approved, and prints the cycle service level achieved (share of replenishment cycles with
no stock-out) against the target, the fill rate, orders placed, the average stock on hand and the
lead-time demand method the reorders used (normal: mean + z·σ; empirical: the item's own history).
Numbers only; nothing here passes or fails.

    .venv/bin/python evals/bench_plan.py [--days 1095] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from opsloop.domain.proposals import ProposalKind
from opsloop.plan.forecast import DemandPoint
from opsloop.plan.inventory import ItemPlanInput, propose_item
from opsloop.settings import PlanSettings

START = date(2024, 1, 1)
WARMUP_DAYS = 180


def smooth(rng: random.Random, day: int) -> int:
    return max(0, round(rng.gauss(20, 6)))


def trending(rng: random.Random, day: int) -> int:
    return max(0, round(rng.gauss(10 + 0.04 * day, 4)))


def intermittent(rng: random.Random, day: int) -> int:
    return max(0, round(rng.gauss(40, 10))) if rng.random() < 0.25 else 0


def simulate(
    name: str, demand: Callable[[random.Random, int], int], days: int, seed: int, settings: PlanSettings
) -> dict[str, float | str]:
    rng = random.Random(seed)
    lead_mean, lead_sd = 5.0, 1.5
    history = [demand(rng, d) for d in range(WARMUP_DAYS)]
    on_hand = 10 * (sum(history[-30:]) // 30 + 1)
    pipeline: list[tuple[int, int]] = []  # (arrival day, quantity)
    stockout_in_cycle = False
    cycles = cycles_short = 0
    demanded = served = orders = 0
    stock_sum = 0
    methods: set[str] = set()
    for day in range(WARMUP_DAYS, WARMUP_DAYS + days):
        today = START + timedelta(days=day)
        arriving = sum(q for d, q in pipeline if d == day)
        if arriving:
            pipeline = [(d, q) for d, q in pipeline if d != day]
            on_hand += arriving
            cycles += 1
            cycles_short += stockout_in_cycle
            stockout_in_cycle = False
        item = ItemPlanInput(
            sku=name,
            unit_cost=Decimal(5),
            pack_size=Decimal(10),
            lead_time_days=lead_mean,
            lead_time_std_days=lead_sd,
            ordering_cost=Decimal(5),
            holding_cost_rate=Decimal("0.25"),
            on_hand=Decimal(on_hand),
            open_po_qty=Decimal(sum(q for _, q in pipeline)),
            history=[
                DemandPoint(period_start=START + timedelta(days=d), quantity=Decimal(q))
                for d, q in enumerate(history)
                if d >= day - settings.history_days
            ],
        )
        for draft in propose_item(item, settings, today):
            if draft.kind is ProposalKind.REORDER:
                lead = max(1, round(rng.gauss(lead_mean, lead_sd)))
                pipeline.append((day + lead, int(Decimal(draft.payload["quantity"]))))
                orders += 1
                methods.add(str(draft.working["numbers"]["lead_time_demand_method"]))
        wanted = demand(rng, day)
        given = min(wanted, on_hand)
        on_hand -= given
        demanded += wanted
        served += given
        stockout_in_cycle = stockout_in_cycle or given < wanted
        history.append(wanted)
        stock_sum += on_hand
    return {
        "cycle_service_level": 1 - cycles_short / cycles if cycles else float("nan"),
        "fill_rate": served / demanded if demanded else float("nan"),
        "orders": orders,
        "avg_on_hand": stock_sum / days,
        "method": "+".join(sorted(methods)) or "-",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    settings = PlanSettings(service_level=0.95, review_horizon_days=1)
    print(
        f"target cycle service level {settings.service_level:.0%}, {args.days} simulated days, seed {args.seed}"
    )
    print(f"{'item':<14}{'CSL':>8}{'fill':>8}{'orders':>8}{'avg stock':>11}{'seconds':>9}  lead-time demand")
    for name, demand in (("smooth", smooth), ("trending", trending), ("intermittent", intermittent)):
        started = time.perf_counter()
        result = simulate(name, demand, args.days, args.seed, settings)
        elapsed = time.perf_counter() - started
        print(
            f"{name:<14}{result['cycle_service_level']:>8.1%}{result['fill_rate']:>8.1%}"
            f"{result['orders']:>8.0f}{result['avg_on_hand']:>11.1f}{elapsed:>9.1f}  {result['method']}"
        )


if __name__ == "__main__":
    main()
