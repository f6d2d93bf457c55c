"""Drive opsloop against the company's Tryton, as an AP team would run it: opsloop's Tryton connector
syncs the ERP (`sync_source`, what `opsloop sync` runs), each supplier invoice is ingested and processed
(`ingest_and_process`), a clerk approves the history through the review API, approved actions are pushed
back to Tryton through the outbox (`push_outbox`, what `opsloop outbox push` runs), and what opsloop
decided and what reached Tryton are scored against the AP labels.

`python -m evals.decisions3 --seeds 0 1 --report PATH`
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from evals.decisions.runner import observed
from evals.decisions.tryton import (
    Result,
    SeedRun,
    amounts_faults,
    clerk_approves,
    company_tryton,
    drafts_of,
    open_opsloop,
    result,
    say,
    suppliers,
)
from evals.decisions3 import erp
from evals.decisions3.model import CLASSES, Case, Company
from evals.decisions3.render import render


def _apply(company: Company, tryton: erp.Company, phase: str) -> None:
    """The ERP's day-to-day for one phase: parties, products, orders and events, in date order."""
    if phase == "setup":
        suppliers(tryton, company.vendors.values())
        for items in company.items.values():
            for item in items:
                tryton.product(item.sku, item.name, item.price, item.category)
    for event in [e for e in company.events if e.phase == phase and e.kind == "duplicate_party"]:
        v = company.vendors[event.vendor or ""]
        tryton.party("dup2", company.duplicate_code, v.name, v.vat, v.street, v.zip, v.city)
        if v.iban:
            tryton.share_account(v.key, "dup2")
    for order in sorted((o for o in company.orders if o.phase == phase), key=lambda o: o.issued):
        tryton.order(
            order.key, order.vendor, order.issued, order.currency,
            [{"sku": line.sku, "description": line.description, "quantity": line.quantity, "price": line.price,
              "unit": line.unit} for line in order.lines],
            order.tax,
        )  # fmt: skip
    for event in sorted(
        (e for e in company.events if e.phase == phase and e.kind != "duplicate_party"),
        key=lambda e: (e.when is None, e.when or 0),
    ):
        if event.kind == "receive":
            tryton.receive(event.order or "", event.when or company.orders[0].issued, event.share)
        elif event.kind == "return":
            tryton.return_goods(event.order or "", event.when or company.orders[0].issued)
        elif event.kind == "cancel_open":
            tryton.cancel_open(event.order or "")
        elif event.kind == "amend":
            change = event.share or {}
            tryton.amend(event.order or "", event.reference or "", event.when or company.orders[0].issued,
                         price=change.get("price"), quantity=change.get("quantity"))  # fmt: skip
        elif event.kind == "change_iban":
            tryton.change_iban(event.vendor or "", event.reference or "")
        elif event.kind == "deactivate":
            tryton.deactivate(event.vendor or "")
        elif event.kind == "key_in":
            tryton.key_in_invoice(
                event.order or "", event.reference or "", event.when or company.orders[0].issued
            )


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> SeedRun:
    company = Company(seed)
    with company_tryton("dec3", seed, keep) as (root, tryton):
        return _run(seed, company, tryton, root, progress)


def _run(seed: int, company: Company, tryton: erp.Company, root: Path, progress: bool) -> SeedRun:
    started = time.perf_counter()
    _apply(company, tryton, "setup")
    say(progress, f"  seed {seed}: Tryton set up ({time.perf_counter() - started:.0f} s)")
    ops = open_opsloop("decisions3-eval")
    mail = root / "mail"
    mail.mkdir(exist_ok=True)
    out = SeedRun(seed)
    documents: dict[str, tuple[int | None, str]] = {}

    def ingest(case: Case, n: int) -> None:
        body = render(case.doc, tryton.numbers.get(case.doc.po or ""))
        documents[case.id] = ops.drop(mail, n, case.doc.number, body, ".pdf", move=False)

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
        _apply(company, tryton, "test")
        ops.sync()
        tests = [c for c in company.cases if not c.history]
        for n, case in enumerate(tests, start=len(history)):
            ingest(case, n)
        ops.sync()
        say(
            progress,
            f"  seed {seed}: test done, {len(tests)} invoices ({time.perf_counter() - started:.0f} s)",
        )
        seen = {case.id: observed(ops.api, ops.engine, *documents[case.id]) for case in tests}
        # a person's check: what opsloop proposes for payment and the AP label says to pay is approved
        approved = {c.id for c in tests if seen[c.id][0] == "auto_approve"}
        for case in tests:
            proposed = seen[case.id][0] == "proposed_approve" and case.label.decision == "approve"
            if proposed and clerk_approves(ops.api, documents[case.id][0], case, out):
                approved.add(case.id)
        ops.push()
        invoices = tryton.supplier_invoices()
        for case in tests:
            check = _writeback(case, case.id in approved, invoices, tryton, company)
            if check:
                out.writeback_checked += 1
                if check != "ok":
                    out.writeback_faults.append(f"{case.id}: {check}")
            out.results.append(result(case, seen[case.id], check))
    finally:
        ops.close()
    out.seconds = time.perf_counter() - started
    return out


def _writeback(
    case: Case, approved: bool, invoices: list[dict[str, Any]], tryton: erp.Company, company: Company
) -> str:
    """What reached Tryton for the case's invoice: for an approved one exactly one draft supplier invoice from
    opsloop with its number, its supplier's party, its net as untaxed amount, its total as total, its currency,
    its PO and the PO's payment term; for any other, none."""
    mine = drafts_of(invoices, case.doc.number)
    if not approved:
        return f"written for a {case.label.decision} case it did not approve: {mine}" if mine else ""
    if len(mine) != 1:
        return f"{len(mine)} opsloop invoices in Tryton (expected 1)"
    found = mine[0]
    party_code = company.duplicate_code if case.party == "dup2" else case.vendor.code
    faults = []
    if found["party"] != party_code:
        faults.append(f"party {found['party']} (expected {party_code})")
    faults += amounts_faults(found, case.doc.net, case.doc.total, "quantities beyond the PO's in Tryton")
    if found["currency"] != case.doc.currency:
        faults.append(f"currency {found['currency']} (invoice {case.doc.currency})")
    if found["po_terms"] and found["payment_term"] not in found["po_terms"]:
        faults.append(f"payment term {found['payment_term']} (the PO's {found['po_terms']})")
    po = tryton.numbers.get(case.doc.po or "")
    if po and found["purchases"] != [po]:
        faults.append(f"lines from purchases {found['purchases']} (expected {po})")
    return "; ".join(faults) or "ok"


# ---------------------------------------------------------------------------- report


def figures(results: list[Result]) -> dict[str, Any]:
    n = len(results)
    errors = Counter(r.error for r in results if r.error)
    return {
        "cases": n,
        "accuracy": round(100 * sum(r.right for r in results) / n, 1) if n else 0.0,
        "wrong_auto": errors["wrong_auto"],
        "wrong_proposed": errors["wrong_proposed"],
        "false_holds": errors["false_hold"],
        "other_errors": n
        - sum(r.right for r in results)
        - errors["wrong_auto"]
        - errors["wrong_proposed"]
        - errors["false_hold"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.decisions3", description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--report", type=Path)
    parser.add_argument("--keep", type=Path, help="keep each seed's Tryton and data folders here")
    args = parser.parse_args(argv)
    runs = [run_seed(seed, args.keep) for seed in args.seeds]
    results = [r for run in runs for r in run.results]
    print(f"decisions3: {len(results)} cases over seeds {args.seeds}")
    for run in runs:
        f = figures(run.results)
        print(f"  seed {run.seed}: accuracy {f['accuracy']} %, wrong approvals automatic {f['wrong_auto']} / proposed "
              f"{f['wrong_proposed']}, false holds {f['false_holds']}, other {f['other_errors']}; write-back "
              f"{run.writeback_checked - len(run.writeback_faults)}/{run.writeback_checked} right; established "
              f"{len(run.established)} suppliers; {run.seconds:.0f} s")  # fmt: skip
    total = figures(results)
    wb_checked = sum(r.writeback_checked for r in runs)
    wb_faults = [f for r in runs for f in r.writeback_faults]
    print(f"  all: accuracy {total['accuracy']} %, wrong approvals automatic {total['wrong_auto']} / proposed "
          f"{total['wrong_proposed']}, false holds {total['false_holds']}, other {total['other_errors']}; "
          f"write-back {wb_checked - len(wb_faults)}/{wb_checked} right")  # fmt: skip
    by_class: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_class[r.cls].append(r)
    print("  per class (right / cases):")
    for cls in CLASSES:
        rows = by_class.get(cls, [])
        wrong = [
            f"{r.outcome}{'[' + ','.join(r.types) + ']' if r.types else ''}" for r in rows if not r.right
        ]
        print(f"    {cls:28s} {sum(r.right for r in rows)}/{len(rows)}  {'; '.join(wrong)}")
    for fault in wb_faults:
        print(f"  write-back fault: {fault}")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "seeds": args.seeds,
            "figures": total,
            "per_seed": {
                str(r.seed): {
                    **figures(r.results),
                    "seconds": round(r.seconds),
                    "established": r.established,
                    "writeback_checked": r.writeback_checked,
                    "writeback_faults": r.writeback_faults,
                }
                for r in runs
            },
            "per_class": {
                cls: {
                    "right": sum(r.right for r in by_class.get(cls, [])),
                    "cases": len(by_class.get(cls, [])),
                }
                for cls in CLASSES
            },
            "results": [asdict(r) for r in results],
        }
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0
