"""Drive opsloop against this company's Tryton exactly as decisions3 does (its template database, server and
JSON-RPC client are reused; the company, documents and labels are this eval's own): opsloop's Tryton connector
syncs the ERP, each document is ingested and processed, a clerk approves the history through the review API,
approved history is pushed back through the outbox, and what opsloop decided for each test document is
scored against the AP label.

`python -m evals.decisions4 --seeds 0 1 --report PATH`
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from evals.decisions.runner import observed
from evals.decisions.tryton import (
    Result,
    SeedRun,
    clerk_approves,
    company_tryton,
    open_opsloop,
    result,
    say,
)
from evals.decisions3 import erp
from evals.decisions3.run import figures
from evals.decisions4.model import CLASSES, Case, Company
from evals.decisions4.render import render

_CATEGORY = {"goods19": "goods19", "goods7": "goods7", "small": "goods19"}


def _apply(company: Company, tryton: erp.Company) -> None:
    """Parties, products, orders (each line with its own tax) and receipts, in date order."""
    for vendor in company.vendors.values():  # no bank accounts: what the invoice prints is not checked here
        tryton.party(vendor.key, vendor.code, vendor.name, vendor.vat, vendor.street, vendor.zip, vendor.city)
    for items in company.items.values():
        for item in items:
            tryton.product(item.sku, item.name, item.price, _CATEGORY[item.category])
    for order in sorted(company.orders, key=lambda o: o.issued):
        lines = []
        for line in order.lines:
            row = {"sku": line.sku, "description": line.description, "quantity": line.quantity,
                   "price": line.price, "unit": "Unit"}  # fmt: skip
            if line.tax:
                row["tax"] = line.tax
            lines.append(row)
        tryton.order(order.key, order.vendor, order.issued, order.currency, lines, order.tax)
    for event in sorted(company.events, key=lambda e: e.when or company.orders[0].issued):
        if event.kind == "receive":
            tryton.receive(event.order or "", event.when or company.orders[0].issued, event.share)


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> SeedRun:
    company = Company(seed)
    with company_tryton("dec4", seed, keep) as (root, tryton):
        return _run(seed, company, tryton, root, progress)


def _run(seed: int, company: Company, tryton: erp.Company, root: Path, progress: bool) -> SeedRun:
    started = time.perf_counter()
    _apply(company, tryton)
    say(progress, f"  seed {seed}: Tryton set up ({time.perf_counter() - started:.0f} s)")
    ops = open_opsloop("decisions4-eval")
    mail = root / "mail"
    mail.mkdir(exist_ok=True)
    out = SeedRun(seed)
    documents: dict[str, tuple[int | None, str]] = {}

    def ingest(case: Case, n: int) -> None:
        body, suffix = render(case.doc, tryton.numbers.get(case.doc.po or ""))
        documents[case.id] = ops.drop(mail, n, case.doc.number, body, suffix, move=False)

    try:
        ops.sync()
        history = sorted((c for c in company.cases if c.history), key=lambda c: c.doc.issued)
        for n, case in enumerate(history):
            ingest(case, n)
            clerk_approves(ops.api, documents[case.id][0], case, out)
        ops.push()
        say(
            progress,
            f"  seed {seed}: history done, {len(history)} invoices ({time.perf_counter() - started:.0f} s)",
        )
        # the test documents in the order they arrive (stable: a first form before its twin)
        tests = sorted((c for c in company.cases if not c.history), key=lambda c: c.doc.issued)
        for n, case in enumerate(tests, start=len(history)):
            ingest(case, n)
        say(
            progress,
            f"  seed {seed}: test done, {len(tests)} documents ({time.perf_counter() - started:.0f} s)",
        )
        for case in tests:
            out.results.append(result(case, observed(ops.api, ops.engine, *documents[case.id])))
    finally:
        ops.close()
    out.seconds = time.perf_counter() - started
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.decisions4", description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--report", type=Path)
    parser.add_argument("--keep", type=Path, help="keep each seed's Tryton, data folder and documents here")
    args = parser.parse_args(argv)
    runs = [run_seed(seed, args.keep) for seed in args.seeds]
    results = [r for run in runs for r in run.results]
    print(f"decisions4: {len(results)} test documents over seeds {args.seeds}")
    for run in runs:
        f = figures(run.results)
        print(f"  seed {run.seed}: accuracy {f['accuracy']} %, wrong approvals automatic {f['wrong_auto']} / proposed "
              f"{f['wrong_proposed']}, false holds {f['false_holds']}, other {f['other_errors']}; established "
              f"{len(run.established)} suppliers; {run.seconds:.0f} s")  # fmt: skip
    total = figures(results)
    print(f"  all: accuracy {total['accuracy']} %, wrong approvals automatic {total['wrong_auto']} / proposed "
          f"{total['wrong_proposed']}, false holds {total['false_holds']}, other {total['other_errors']}")  # fmt: skip
    by_class: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_class[r.cls].append(r)
    print("  per class (right / cases):")
    for cls in CLASSES:
        rows = by_class.get(cls, [])
        wrong = [
            f"{r.vendor}:{r.outcome}{'[' + ','.join(r.types) + ']' if r.types else ''}"
            for r in rows
            if not r.right
        ]
        print(f"    {cls:28s} {sum(r.right for r in rows)}/{len(rows)}  {'; '.join(wrong)}")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "seeds": args.seeds,
            "figures": total,
            "per_seed": {
                str(r.seed): {**figures(r.results), "seconds": round(r.seconds), "established": r.established}
                for r in runs
            },
            "per_class": {
                cls: {
                    "group": CLASSES[cls][0],
                    "right": sum(r.right for r in by_class.get(cls, [])),
                    "cases": len(by_class.get(cls, [])),
                }
                for cls in CLASSES
            },
            "results": [asdict(r) for r in results],
        }
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0
