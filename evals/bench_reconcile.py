"""Reconciliation at scale: generated mirrors of N PO lines with proportional invoices (one per PO,
about N/10), reconciled one by one on one core. Prints invoices per second and how time grows with
size. Numbers, never pass/fail.

    .venv/bin/python evals/bench_reconcile.py                       # 10k, 100k, 1M PO lines
    .venv/bin/python evals/bench_reconcile.py --sizes 10000,100000  # a quicker run
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from pathlib import Path

from opsloop.reconcile import default_policy, reconcile_invoice
from opsloop.reconcile.synthetic import generate_bench_invoices, generate_bench_mirror


def run(po_lines: int, *, max_invoices: int | None = None) -> dict[str, float]:
    started = time.perf_counter()
    mirror, orders = generate_bench_mirror(po_lines)
    build_s = time.perf_counter() - started
    policy = default_policy()
    reconcile_s = 0.0
    invoices = exceptions = 0
    generate_started = time.perf_counter()
    for invoice, document_id in generate_bench_invoices(mirror, orders):
        t0 = time.perf_counter()
        rec = reconcile_invoice(invoice, mirror, policy, document_id=document_id)
        mirror.record(invoice, rec)
        reconcile_s += time.perf_counter() - t0
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
        "invoice_generation_s": round(generate_s, 2),
        "reconcile_s": round(reconcile_s, 2),
        "invoices_per_s": round(invoices / reconcile_s, 1) if reconcile_s else 0.0,
        "us_per_invoice": round(reconcile_s / invoices * 1e6, 1) if invoices else 0.0,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0),
    }


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
            f"{row['invoices_per_s']:>8,.0f} inv/s  {row['us_per_invoice']:>7.1f} µs/inv  "
            f"(mirror build {row['mirror_build_s']:.1f} s, invoice generation {row['invoice_generation_s']:.1f} s, "
            f"max RSS {row['max_rss_mb']:.0f} MB)",
            flush=True,
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["reconcile_s"] / first["reconcile_s"]) if first["reconcile_s"] else float("nan")
        scale = last["invoices"] / first["invoices"] if first["invoices"] else float("nan")
        print(f"time grew {growth:.1f}x for {scale:.0f}x the invoices (linear would be {scale:.0f}x)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
