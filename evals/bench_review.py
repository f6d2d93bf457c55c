"""Load on the review API: 50 reviewers listing, opening and deciding proposals against a real
server (`opsloop serve` by default, or `opsloop web`) on loopback, SQLite by default. Prints numbers,
never pass/fail.

Two runs, because they answer different questions:

* **people**: each reviewer is a person, who lists the queue, thinks, opens one proposal, thinks,
  and decides it (think time uniform in `--think`, seeded per reviewer). This is the load 50
  reviewers put on the server; its p50/p95/p99 is the latency they feel.
* **saturation**: the same reviewers with no think time (a closed loop). This measures the most the
  server does per second on this machine; its latency is mostly queueing (Little's law: latency =
  clients / throughput), not the cost of a request.

The clients run in `--client-processes` separate processes so that the client's own GIL does not
inflate the server's latency. `--profile FILE` records the server with py-spy during the saturation
run (needs py-spy on PATH and ptrace permission).

    .venv/bin/python evals/bench_review.py [--reviewers 50] [--think 1-3] [--seconds 30]
        [--saturation-seconds 10] [--server serve|web] [--profile server.txt]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

KINDS = ("list", "show", "decide")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _seed(data_dir: Path, reviewers: int, proposals: int, history: int = 0) -> list[str]:
    """`proposals` open ones (through the queue, as the pipeline makes them), `history` decided ones
    (a queue that has been in use), `reviewers` approvers with a token each."""
    # imported here: the client processes import this module and need none of it
    from sqlmodel import Session

    from opsloop.domain.proposals import ProposalDraft, ProposalKind
    from opsloop.review.accounts import Role, hash_password, issue_token
    from opsloop.review.queue import upsert_proposal
    from opsloop.settings import Settings
    from opsloop.store.db import dispose_engines, open_database
    from opsloop.store.tables import Proposal, User

    engine = open_database(Settings(data_dir=data_dir))
    shared_hash = hash_password("bench-password")  # one argon2 hash for all: the bench measures the API
    tokens: list[str] = []
    rng = random.Random(7)
    working = {  # about the size of a real reorder proposal's working (inputs, formula, numbers, text)
        "inputs": {f"input_{k}": str(rng.random()) for k in range(18)},
        "formula": "SS = z·√(LT·σd² + d²·σLT²); ROP = D_LT + SS; EOQ = √(2·D·S/H)",
        "numbers": {f"number_{k}": round(rng.random() * 100, 3) for k in range(15)},
        "expected_effect": "Net position 109 → 1324 Pck, above the reorder point 302.1.",
        "sensitivity": "At +20% demand: safety stock 87.0 → 104.4, order 1215 → 1330 Pck.",
    }
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
                        "vendor_erp_id": f"V-{i % 20}",
                    },
                    working=working,
                    amount=Decimal(qty) * Decimal("2.50"),
                    currency="EUR",
                    urgency=rng.random(),
                ),
            )
        session.add_all(
            Proposal(
                kind="reorder",
                state="approved" if i % 4 else "rejected",
                subject_key=f"item:OLD-{i}:reorder",
                title=f"Reorder 10 x OLD-{i}",
                summary="Decided long ago.",
                payload={"action": "create_purchase_order", "sku": f"OLD-{i}", "quantity": "10"},
                working=working,
                amount=Decimal("25.00"),
                currency="EUR",
                priority=rng.random() * 100,
                version=1,
            )
            for i in range(history)
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


# ------------------------------------------------------------------ the clients (separate processes)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    statuses: dict[str, int] = field(default_factory=dict)
    errors: int = 0

    def add(self, other: Tally) -> None:
        for kind, values in other.latencies.items():
            self.latencies[kind].extend(values)
        for key, count in other.statuses.items():
            self.statuses[key] = self.statuses.get(key, 0) + count
        self.errors += other.errors


def _reviewer(
    base: str,
    token: str,
    seed: int,
    think: tuple[float, float],
    until: float,
    tally: Tally,
    lock: threading.Lock,
) -> None:
    """One reviewer: list the queue, (think), open one, (think), decide it, (think), again."""
    rng = random.Random(seed)

    def pause() -> None:
        if think[1] > 0:
            time.sleep(rng.uniform(*think))

    def timed(kind: str, method: str, url: str, **options: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = client.request(method, url, **options)
        except httpx.HTTPError:
            with lock:
                tally.errors += 1
            return None
        elapsed = time.perf_counter() - started
        with lock:
            tally.latencies[kind].append(elapsed)
            key = f"{kind} {response.status_code}"
            tally.statuses[key] = tally.statuses.get(key, 0) + 1
        return response

    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        if think[1] > 0:
            time.sleep(rng.uniform(0, think[1]))  # people do not all start in the same millisecond
        while time.time() < until:
            listed = timed("list", "GET", "/api/proposals", params={"per_page": 25})
            open_ones = listed.json()["items"] if listed is not None and listed.status_code == 200 else []
            if not open_ones:
                return
            pause()
            chosen = rng.choice(open_ones)
            if time.time() >= until:
                return
            shown = timed("show", "GET", f"/api/proposals/{chosen['id']}")
            if shown is None or shown.status_code != 200:
                continue
            pause()
            if time.time() >= until:
                return
            action = "approve" if rng.random() < 0.7 else "reject"
            body = {"action": action, "expected_version": shown.json()["version"], "reason": "bench"}
            timed("decide", "POST", f"/api/proposals/{chosen['id']}/decide", json=body)
            pause()


def _client_process(
    base: str,
    tokens: list[str],
    seeds: list[int],
    think: tuple[float, float],
    seconds: float,
    ready: Any,
    results: Any,
) -> None:
    """Run some reviewers as threads in this process, all processes starting together (`ready`, a
    barrier); puts the tally on `results` as JSON."""
    tally = Tally()
    lock = threading.Lock()
    ready.wait()
    until = time.time() + seconds
    threads = [
        threading.Thread(target=_reviewer, args=(base, t, s, think, until, tally, lock))
        for t, s in zip(tokens, seeds, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(
        json.dumps({"latencies": tally.latencies, "statuses": tally.statuses, "errors": tally.errors})
    )


def _run(
    base: str, tokens: list[str], think: tuple[float, float], seconds: float, processes: int, seed: int
) -> tuple[Tally, float]:
    """All reviewers, spread over `processes` client processes; returns the tally and the wall time
    from the common start to the last reviewer's end."""
    groups = [g for g in (list(range(i, len(tokens), processes)) for i in range(processes)) if g]
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(len(groups) + 1)
    results = context.Queue()
    workers = [
        context.Process(
            target=_client_process,
            args=(
                base,
                [tokens[i] for i in group],
                [seed * 1000 + i for i in group],
                think,
                seconds,
                ready,
                results,
            ),
        )
        for group in groups
    ]
    for worker in workers:
        worker.start()
    ready.wait(timeout=300)  # every client process is up and imported
    start = time.time()
    collected = [json.loads(results.get(timeout=seconds + 300)) for _ in workers]
    wall = time.time() - start
    for worker in workers:
        worker.join(30)
    tally = Tally()
    for result in collected:
        tally.add(Tally(latencies=result["latencies"], statuses=result["statuses"], errors=result["errors"]))
    return tally, wall


# ------------------------------------------------------------------ the server


@contextmanager
def _server(data_dir: Path, kind: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    env = {**os.environ, "OPSLOOP_DATA_DIR": str(data_dir)}
    env.pop("OPSLOOP_DATABASE_URL", None)
    log = (data_dir / "server.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from opsloop.cli import app; app()",
            kind,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                log.flush()
                raise SystemExit(
                    f"the server did not start:\n{(data_dir / 'server.log').read_text()[-3000:]}"
                )
            time.sleep(0.1)
        yield base, server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
        log.close()


@contextmanager
def _profiled(pid: int, out: Path | None) -> Iterator[None]:
    if out is None:
        yield
        return
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    recorder = subprocess.Popen(
        [spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "200", "--output", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)
        try:
            recorder.wait(30)
        except subprocess.TimeoutExpired:
            recorder.kill()


# ------------------------------------------------------------------ the report


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _table(title: str, tally: Tally, wall: float) -> tuple[Table, dict[str, object]]:
    table = Table(title=title)
    for column in ("request", "count", "p50 ms", "p95 ms", "p99 ms", "mean ms"):
        table.add_column(column, justify="left" if column == "request" else "right")
    rows: dict[str, object] = {}
    everything: list[float] = []
    for name in (*KINDS, "all"):
        values = everything if name == "all" else tally.latencies[name]
        if name != "all":
            everything += values
        figures = {
            "count": len(values),
            "p50_ms": round(_percentile(values, 0.5) * 1000, 1),
            "p95_ms": round(_percentile(values, 0.95) * 1000, 1),
            "p99_ms": round(_percentile(values, 0.99) * 1000, 1),
            "mean_ms": round((statistics.fmean(values) if values else float("nan")) * 1000, 1),
        }
        rows[name] = figures
        table.add_row(name, *(str(v) for v in figures.values()))
    rows["throughput_rps"] = round(len(everything) / wall, 1)
    rows["statuses"] = dict(sorted(tally.statuses.items()))
    rows["transport_errors"] = tally.errors
    return table, rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--proposals", type=int, default=1000, help="open proposals at the start")
    parser.add_argument("--history", type=int, default=10000, help="decided proposals already in the table")
    parser.add_argument(
        "--think", default="1-3", help="think time between actions, seconds, uniform (e.g. 1-3)"
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the people run")
    parser.add_argument("--saturation-seconds", type=float, default=10.0, help="0 skips the saturation run")
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--server", choices=("serve", "web"), default="serve")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--queue-index",
        action="store_true",
        help="experiment: the index on proposals (priority DESC, sla_due_at) a migration would add, and ANALYZE",
    )
    parser.add_argument(
        "--profile", type=Path, default=None, help="py-spy raw profile of the server (saturation)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    console = Console()
    report: dict[str, object] = {
        "reviewers": args.reviewers,
        "server": f"opsloop {args.server}",
        "database": "SQLite (WAL)",
        "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg(),
    }

    with tempfile.TemporaryDirectory(prefix="opsloop-bench-review-") as temp:
        data_dir = Path(temp) / "var"
        tokens = _seed(data_dir, args.reviewers, args.proposals, args.history)
        if args.queue_index:
            with sqlite3.connect(data_dir / "opsloop.db") as connection:
                connection.execute("CREATE INDEX ix_proposals_queue ON proposals (priority DESC, sla_due_at)")
                connection.execute("ANALYZE")  # without statistics SQLite prefers the state index
            report["queue_index"] = True
        with _server(data_dir, args.server) as (base, server):
            people, wall = _run(base, tokens, think, args.seconds, args.client_processes, args.seed)
            table, report["people"] = _table(
                f"{args.reviewers} reviewers with {args.think} s think time, opsloop {args.server}, SQLite, loopback",
                people,
                wall,
            )
            console.print(table)
            console.print(f"people: {report['people']['throughput_rps']} requests/s; " + _statuses(people))  # type: ignore[index]
            if args.saturation_seconds > 0:
                with _profiled(server.pid, args.profile):
                    busy, wall = _run(
                        base,
                        tokens,
                        (0.0, 0.0),
                        args.saturation_seconds,
                        args.client_processes,
                        args.seed + 1,
                    )
                table, report["saturation"] = _table(
                    f"saturation: {args.reviewers} closed-loop clients, no think time", busy, wall
                )
                console.print(table)
                console.print(
                    f"saturation: {report['saturation']['throughput_rps']} requests/s; "  # type: ignore[index]
                    + _statuses(busy)
                )
    report["load_average_after"] = os.getloadavg()
    console.print(
        f"load average before {report['load_average_before']}, after {report['load_average_after']}"
    )
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))


def _statuses(tally: Tally) -> str:
    text = ", ".join(f"{k}: {v}" for k, v in sorted(tally.statuses.items()))
    return f"{text}; transport errors {tally.errors} (decide 409 = another reviewer won the race)"


if __name__ == "__main__":
    main()
