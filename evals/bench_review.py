"""Load on the review API: N concurrent reviewers listing and deciding against `opsloop web`
(uvicorn, a separate process) on loopback, SQLite by default. Prints p50/p95/p99 latency per
request kind and the throughput; never pass/fail. Bounded in requests and seconds.

    .venv/bin/python evals/bench_review.py [--reviewers 50] [--proposals 400] [--requests 3000] [--seconds 30]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.review.accounts import Role, hash_password, issue_token
from opsloop.review.queue import upsert_proposal
from opsloop.settings import Settings
from opsloop.store.db import dispose_engines, open_database
from opsloop.store.tables import User


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _seed(data_dir: Path, reviewers: int, proposals: int) -> list[str]:
    engine = open_database(Settings(data_dir=data_dir))
    shared_hash = hash_password("bench-password")  # one argon2 hash for all: the bench measures the API
    tokens: list[str] = []
    with Session(engine) as session:
        for i in range(proposals):
            qty = 10 + i % 90
            upsert_proposal(
                session,
                ProposalDraft(
                    kind=ProposalKind.REORDER,
                    subject_key=f"item:BENCH-{i}:reorder",
                    title=f"Reorder {qty} x BENCH-{i}",
                    summary="Projected below the reorder point within the lead time.",
                    payload={
                        "action": "create_purchase_order",
                        "sku": f"BENCH-{i}",
                        "quantity": str(qty),
                        "unit_cost": "2.50",
                    },
                    working={"numbers": {"reorder_point": "30"}, "formula": "EOQ"},
                    amount=Decimal(qty) * Decimal("2.50"),
                    currency="EUR",
                    urgency=random.random(),
                ),
            )
        for i in range(reviewers):
            user = User(
                username=f"reviewer{i}",
                password_hash=shared_hash,
                role=Role.APPROVER.value,
                approval_limit=Decimal(100000),
            )
            session.add(user)
            session.flush()
            tokens.append(issue_token(session, user, "bench"))
        session.commit()
    dispose_engines()
    return tokens


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--proposals", type=int, default=400)
    parser.add_argument("--requests", type=int, default=3000, help="stop after this many requests in all")
    parser.add_argument("--seconds", type=float, default=30.0, help="stop after this long")
    args = parser.parse_args()
    console = Console()

    with tempfile.TemporaryDirectory(prefix="opsloop-bench-review-") as temp:
        data_dir = Path(temp) / "var"
        tokens = _seed(data_dir, args.reviewers, args.proposals)
        port = _free_port()
        env = {**os.environ, "OPSLOOP_DATA_DIR": str(data_dir)}
        env.pop("OPSLOOP_DATABASE_URL", None)
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from opsloop.cli import app; app()",
                "web",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/api/openapi.json", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(
                        f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}"
                    )
                time.sleep(0.1)

            latencies: dict[str, list[float]] = {"list": [], "decide": []}
            outcomes: dict[str, int] = {}
            lock = threading.Lock()
            budget = [args.requests]
            stop_at = time.monotonic() + args.seconds

            def take() -> bool:
                with lock:
                    if budget[0] <= 0 or time.monotonic() > stop_at:
                        return False
                    budget[0] -= 1
                    return True

            def reviewer(token: str, seed: int) -> None:
                rng = random.Random(seed)
                headers = {"Authorization": f"Bearer {token}"}
                with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
                    while take():
                        started = time.perf_counter()
                        listed = client.get("/api/proposals", params={"limit": 25})
                        elapsed = time.perf_counter() - started
                        with lock:
                            latencies["list"].append(elapsed)
                        open_ones = listed.json() if listed.status_code == 200 else []
                        if not open_ones or not take():
                            if not open_ones:
                                return
                            break
                        chosen = rng.choice(open_ones)
                        action = "approve" if rng.random() < 0.7 else "reject"
                        body = {"action": action, "expected_version": chosen["version"], "reason": "bench"}
                        started = time.perf_counter()
                        decided = client.post(f"/api/proposals/{chosen['id']}/decide", json=body)
                        elapsed = time.perf_counter() - started
                        with lock:
                            latencies["decide"].append(elapsed)
                            key = str(decided.status_code)
                            outcomes[key] = outcomes.get(key, 0) + 1

            threads = [threading.Thread(target=reviewer, args=(t, i)) for i, t in enumerate(tokens)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(10)

    table = Table(title=f"review API: {args.reviewers} concurrent reviewers, SQLite, loopback")
    for column in ("request", "count", "p50 ms", "p95 ms", "p99 ms", "mean ms"):
        table.add_column(column, justify="right" if column != "request" else "left")
    everything: list[float] = []
    for name, values in latencies.items():
        everything += values
        table.add_row(
            name,
            str(len(values)),
            f"{_percentile(values, 0.5) * 1000:.1f}",
            f"{_percentile(values, 0.95) * 1000:.1f}",
            f"{_percentile(values, 0.99) * 1000:.1f}",
            f"{(statistics.fmean(values) if values else float('nan')) * 1000:.1f}",
        )
    table.add_row(
        "all",
        str(len(everything)),
        f"{_percentile(everything, 0.5) * 1000:.1f}",
        f"{_percentile(everything, 0.95) * 1000:.1f}",
        f"{_percentile(everything, 0.99) * 1000:.1f}",
        f"{(statistics.fmean(everything) if everything else float('nan')) * 1000:.1f}",
    )
    console.print(table)
    console.print(
        f"throughput {len(everything) / wall:.0f} requests/s over {wall:.1f} s; decisions by status: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
        + " (409 = another reviewer won the race)"
    )


if __name__ == "__main__":
    main()
