"""The review queue page at a real team's volume: 10,000 open invoice proposals (vendors with accents,
POs, SKUs, due dates, exception types, one in ten a duplicate of an earlier invoice) and 5,000
decided ones, served by `opsloop web` on loopback (SQLite). A logged-in reviewer asks for the pages a
team asks for (the first page, sorted by amount, by due date, a search without the umlaut, a vendor,
an exception type, the overdue ones, page 40, 200 rows a page, the API's list) one after the other,
and the time of each full page (request to last byte) is printed: p50, p95 and the slowest, per page
and over all. Numbers, never pass/fail.

The data is written as the pipeline would leave it (documents, invoices with their lines, current
reconciliations, proposals) without the queue's facets: the server fills them when it starts
(`review.facets.index_missing`, timed too), as it does for a database queued before they existed.

    .venv/bin/python evals/bench_queue.py [--open 10000] [--decided 5000] [--rounds 25]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

VENDORS = (
    "Müller Werkzeuge GmbH",
    "Société Générale de Pièces",
    "Łódź Metal Sp. z o.o.",
    "Nordic Supply AB",
    "Acme Parts Ltd",
    "Ørsted Components A/S",
    "Bolt & Nut Co",
    "Åkesson Verktyg AB",
    "Crédit Fournitures SARL",
    "Schäfer Elektro KG",
)
EXCEPTIONS = (
    "not_received",
    "quantity_variance",
    "price_variance",
    "missing_po",
    "iban_changed",
    "tax_mismatch",
)
PASSWORD = "bench-password"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def seed(data_dir: Path, open_count: int, decided: int) -> float:
    """Write the world; returns the seconds it took."""
    from sqlmodel import Session

    from opsloop.review.accounts import Role, create_user
    from opsloop.settings import Settings
    from opsloop.store.db import dispose_engines, open_database
    from opsloop.store.tables import Document, Invoice, InvoiceLine, InvoiceReconciliation, Proposal, Vendor

    started = time.perf_counter()
    rng = random.Random(17)
    engine = open_database(Settings(data_dir=data_dir))
    now = datetime.now(UTC)
    with Session(engine) as session:
        vendors = [Vendor(erp_id=f"V-{i}", name=name) for i, name in enumerate(VENDORS)]
        session.add_all(vendors)
        create_user(session, "bench", PASSWORD, Role.ADMIN)
        session.flush()
        for index in range(open_count + decided):
            vendor = vendors[index % len(vendors)]
            number = f"INV-{2026}-{index:06d}"
            sha = hashlib.sha256(number.encode()).hexdigest()
            duplicate_of = None
            if index >= 100 and index < open_count and index % 10 == 0:
                duplicate_of = (
                    index - 45 + 1
                )  # an earlier invoice's document (ids start at 1), no duplicate itself
            document = Document(
                sha256=sha,
                original_name=f"{number}.pdf",
                source_path=f"/bench/{number}.pdf",
                size_bytes=1000,
                kind="pdf",
                family="invoice",
                state="in_review" if index < open_count else "done",
            )
            session.add(document)
            session.flush()
            assert document.id is not None
            amount = Decimal(rng.randrange(500, 2_000_000)) / 100
            types = ["duplicate"] if duplicate_of else rng.sample(EXCEPTIONS, rng.choice((1, 1, 2)))
            invoice = Invoice(
                document_id=document.id,
                document_type="invoice",
                extraction_method="bench",
                vendor_name=vendor.name.upper(),
                vendor_id=vendor.id,
                invoice_number=number,
                due_date=date(2026, 12, 1) + timedelta(days=rng.randrange(-20, 60)),
                po_numbers=[f"45000{index:05d}"],
                currency="EUR",
                total=amount,
            )
            session.add(invoice)
            session.flush()
            assert invoice.id is not None
            session.add_all(
                InvoiceLine(invoice_id=invoice.id, position=p, sku=f"SKU-{(index * 3 + p) % 4000:04d}")
                for p in (1, 2, 3)
            )
            session.add(
                InvoiceReconciliation(
                    invoice_id=invoice.id,
                    document_id=document.id,
                    status="exception",
                    policy_version="bench",
                    exception_types=types,
                    result={"duplicate_of": [duplicate_of] if duplicate_of else []},
                )
            )
            created = now - timedelta(hours=rng.uniform(0, 24 * 40))
            session.add(
                Proposal(
                    kind="invoice_hold",
                    state="pending"
                    if index < open_count
                    else rng.choice(("approved", "rejected", "executed")),
                    subject_key=f"invoice:{document.id}",
                    document_id=document.id,
                    title=f"Hold invoice {number} from {vendor.name} ({amount} EUR): "
                    + ", ".join(t.replace("_", " ") for t in types),
                    summary="Held until the exceptions are cleared.",
                    payload={"action": "hold", "invoice_number": number, "vendor_erp_id": vendor.erp_id},
                    working={
                        "inputs": {"invoice_number": number},
                        "exceptions": [{"type": t} for t in types],
                    },
                    amount=amount,
                    currency="EUR",
                    priority=round(float(amount) * rng.choice((0.6, 0.9)), 2),
                    sla_due_at=created + timedelta(days=1),
                    assignee=None if index % 4 else f"reviewer{index % 7}",
                    created_at=created,
                    updated_at=created,
                )
            )
            if index % 1000 == 999:
                session.commit()
        session.commit()
    dispose_engines()
    return time.perf_counter() - started


@contextmanager
def server(data_dir: Path) -> Iterator[tuple[str, float]]:
    """`opsloop web` on loopback; yields its address and how long it took to start (facets filled)."""
    port = _free_port()
    env = {**os.environ, "OPSLOOP_DATA_DIR": str(data_dir)}
    env.pop("OPSLOOP_DATABASE_URL", None)
    log = (data_dir / "server.log").open("wb")
    started = time.perf_counter()
    process = subprocess.Popen(
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
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                log.flush()
                raise SystemExit(
                    f"the server did not start:\n{(data_dir / 'server.log').read_text()[-3000:]}"
                )
            time.sleep(0.2)
        yield base, time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


PAGES = {
    "first page (priority)": "/queue",
    "sorted by amount": "/queue?sort=amount",
    "sorted by due date": "/queue?sort=due_date",
    "search 'muller' (no umlaut)": "/queue?q=muller",
    "search a SKU": "/queue?q=SKU-0042",
    "one vendor": "/queue?vendor=Nordic+Supply+AB",
    "exception type": "/queue?exception=price_variance",
    "overdue only": "/queue?overdue=1",
    "page 40": "/queue?page=40",
    "200 rows a page": "/queue?per_page=200",
    "API list, 50": "/api/proposals?per_page=50",
}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--open", type=int, default=10_000, dest="open_count")
    parser.add_argument("--decided", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=25, help="requests per page")
    args = parser.parse_args()
    console = Console()
    data_dir = Path(tempfile.mkdtemp(prefix="opsloop-bench-queue-"))
    try:
        seconds = seed(data_dir, args.open_count, args.decided)
        console.print(
            f"seeded {args.open_count:,} open and {args.decided:,} decided proposals in {seconds:.1f} s"
        )
        with server(data_dir) as (base, startup):
            console.print(f"server up in {startup:.1f} s (the queue's facets filled for every proposal)")
            with httpx.Client(base_url=base, timeout=60, follow_redirects=False) as client:
                login = client.get("/login").text
                csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)  # type: ignore[union-attr]
                client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": csrf})
                from sqlmodel import Session, select

                from opsloop.review.accounts import issue_token
                from opsloop.settings import Settings
                from opsloop.store.db import open_database
                from opsloop.store.tables import User

                engine = open_database(Settings(data_dir=data_dir))
                with Session(engine) as session:
                    token = issue_token(session, session.exec(select(User)).one())
                    session.commit()
                api = {"Authorization": f"Bearer {token}"}
                timings: dict[str, list[float]] = {name: [] for name in PAGES}
                rows: dict[str, int] = {}
                for _round in range(args.rounds + 2):
                    for name, path in PAGES.items():
                        started = time.perf_counter()
                        response = client.get(path, headers=api if path.startswith("/api") else None)
                        body = response.content
                        elapsed = (time.perf_counter() - started) * 1000
                        if response.status_code != 200:
                            raise SystemExit(f"{path}: HTTP {response.status_code}: {body[:300]!r}")
                        if _round >= 2:  # two warm-up rounds (first import, SQLite page cache)
                            timings[name].append(elapsed)
                        rows[name] = (
                            body.count(b'data-id="')
                            if not path.startswith("/api")
                            else len(response.json()["items"])
                        )
        table = Table(
            title=f"queue page render, {args.open_count:,} open proposals (ms, {args.rounds} requests each)"
        )
        for column in ("page", "rows", "p50", "p95", "max"):
            table.add_column(column, justify="left" if column == "page" else "right")
        every: list[float] = []
        for name, values in timings.items():
            every += values
            table.add_row(
                name,
                str(rows[name]),
                f"{statistics.median(values):.1f}",
                f"{_percentile(values, 0.95):.1f}",
                f"{max(values):.1f}",
            )
        table.add_row(
            "all pages",
            "",
            f"{statistics.median(every):.1f}",
            f"{_percentile(every, 0.95):.1f}",
            f"{max(every):.1f}",
        )
        console.print(table)
        console.print(f"p95 page render over all pages: {_percentile(every, 0.95):.1f} ms (target < 200 ms)")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
