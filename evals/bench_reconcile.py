"""Reconciliation at scale: generated mirrors of N PO lines with proportional invoices (one per PO,
about N/10), reconciled one by one on one core. Prints invoices per second and how time grows with
size, wall-clock and CPU time (the CPU time is what the reconciler costs when the machine is shared),
and the mirror's build time (generating the records, then indexing them) and memory. Numbers, never
pass/fail.

    .venv/bin/python evals/bench_reconcile.py                       # 10k, 100k, 1M PO lines
    .venv/bin/python evals/bench_reconcile.py --sizes 10000,100000  # a quicker run
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root on the path, for `evals.*`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.reconcile_synthetic import generate_bench_invoices, generate_bench_records

from opsloop.reconcile import Mirror, default_policy, reconcile_invoice


def run(po_lines: int, *, max_invoices: int | None = None) -> dict[str, float]:
    gc.collect()
    rss_before = _rss_mb()
    started, started_cpu = time.perf_counter(), time.process_time()
    records = generate_bench_records(po_lines)
    records_s = time.perf_counter() - started
    indexed, indexed_cpu = time.perf_counter(), time.process_time()
    mirror = Mirror.from_records(records.vendors, records.orders, records.lines, records.receipts())
    index_s = time.perf_counter() - indexed
    index_cpu_s = time.process_time() - indexed_cpu
    build_s, build_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    orders = records.order_vendors
    del records
    mirror_mb = _rss_mb() - rss_before
    policy = default_policy()
    reconcile_s = reconcile_cpu_s = 0.0
    invoices = exceptions = 0
    generate_started = time.perf_counter()
    for invoice, document_id in generate_bench_invoices(mirror, orders):
        t0, c0 = time.perf_counter(), time.process_time()
        rec = reconcile_invoice(invoice, mirror, policy, document_id=document_id)
        mirror.record(invoice, rec)
        reconcile_s += time.perf_counter() - t0
        reconcile_cpu_s += time.process_time() - c0
        invoices += 1
        exceptions += rec.status.value == "exception"
        if max_invoices is not None and invoices >= max_invoices:
            break
    generate_s = time.perf_counter() - generate_started - reconcile_s
    return {
        "po_lines": len(mirror.lines),
        "purchase_orders": len(mirror.orders),
        "vendors": len(mirror.vendors),
        "invoices": invoices,
        "exceptions": exceptions,
        "mirror_build_s": round(build_s, 2),
        "mirror_build_cpu_s": round(build_cpu_s, 2),
        "mirror_records_s": round(records_s, 2),
        "mirror_index_s": round(index_s, 2),
        "mirror_index_cpu_s": round(index_cpu_s, 2),
        "mirror_mb": round(mirror_mb, 0),
        "invoice_generation_s": round(generate_s, 2),
        "reconcile_s": round(reconcile_s, 2),
        "reconcile_cpu_s": round(reconcile_cpu_s, 2),
        "invoices_per_s": round(invoices / reconcile_s, 1) if reconcile_s else 0.0,
        "us_per_invoice": round(reconcile_s / invoices * 1e6, 1) if invoices else 0.0,
        "cpu_us_per_invoice": round(reconcile_cpu_s / invoices * 1e6, 1) if invoices else 0.0,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0),
    }


def _rss_mb() -> float:
    """Resident memory now (Linux /proc; 0 elsewhere)."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
        return resident_pages * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="PO-line counts, comma-separated")
    parser.add_argument(
        "--max-invoices", type=int, default=None, help="stop each size after this many invoices"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        gc.collect()
        row = run(size, max_invoices=args.max_invoices)
        rows.append(row)
        print(
            f"{row['po_lines']:>9,} PO lines  {row['invoices']:>7,} invoices  reconcile {row['reconcile_s']:>7.2f} s  "
            f"{row['invoices_per_s']:>8,.0f} inv/s  {row['us_per_invoice']:>7.1f} µs/inv "
            f"(CPU {row['reconcile_cpu_s']:.2f} s, {row['cpu_us_per_invoice']:.1f} µs/inv)  "
            f"mirror build {row['mirror_build_s']:.1f} s (records {row['mirror_records_s']:.1f} s, "
            f"index {row['mirror_index_s']:.1f} s; CPU {row['mirror_build_cpu_s']:.1f} s), mirror {row['mirror_mb']:.0f} MB, "
            f"invoice generation {row['invoice_generation_s']:.1f} s, max RSS {row['max_rss_mb']:.0f} MB",
            flush=True,
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["reconcile_s"] / first["reconcile_s"]) if first["reconcile_s"] else float("nan")
        scale = last["invoices"] / first["invoices"] if first["invoices"] else float("nan")
        cpu_growth = (
            (last["reconcile_cpu_s"] / first["reconcile_cpu_s"]) if first["reconcile_cpu_s"] else float("nan")
        )
        print(
            f"time grew {growth:.1f}x (CPU {cpu_growth:.1f}x) for {scale:.0f}x the invoices "
            f"(linear would be {scale:.0f}x)"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
