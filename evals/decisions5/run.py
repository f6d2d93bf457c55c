"""Drive opsloop against this company's Tryton as an AP team runs it, day by day: the purchasing department
orders and books deliveries in Tryton (decisions3's template database, server and JSON-RPC client, reused);
opsloop's Tryton connector syncs the ERP whenever it changed; each supplier document is dropped into
opsloop's watched inbox and taken as the watcher takes it (`ingest_and_process(..., move=True)`); a clerk
works the queue through the review API as documents arrive (approves what opsloop proposes where AP
practice pays it); approved invoices are pushed back to Tryton through the outbox and read back there.

`python -m evals.decisions5 --seeds 0 1 --report PATH [--keep DIR]`
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.decisions.runner import observed
from evals.decisions3 import erp
from evals.decisions3.run import Result, _clerk, _say, judge, open_opsloop, opsloop_on_tryton
from evals.decisions5.model import CLASSES, Case, Company
from evals.decisions5.render import render

CACHE = Path(__file__).resolve().parent.parent.parent / "var" / "decisions3"


@dataclass
class Run:
    seed: int
    results: list[Result] = field(default_factory=list)
    arrival: dict[str, str] = field(default_factory=dict)
    """Case id -> what opsloop decided when it arrived (before later ERP events)."""
    final: dict[str, str] = field(default_factory=dict)
    """Case id -> what opsloop had decided at the end, where it differs from the arrival."""
    established: dict[str, int] = field(default_factory=dict)
    writeback_checked: int = 0
    writeback_faults: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _timeline(company: Company) -> list[tuple[Any, int, str, Any]]:
    """Everything that happens, in date order: orders, then ERP events, then documents of the day."""
    steps: list[tuple[Any, int, str, Any]] = []
    steps += [(o.issued, 0, "order", o) for o in company.orders]
    steps += [(e.when, 1, "event", e) for e in company.events]
    steps += [(c.day, 2, "doc", c) for c in company.cases]
    return sorted(steps, key=lambda s: (s[0], s[1]))


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    company = Company(seed)
    template_db, facts = erp.template(CACHE)
    with tempfile.TemporaryDirectory(prefix=f"opsloop-dec5-{seed}-") as tmp:
        root = keep / f"seed{seed}" if keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        with opsloop_on_tryton(root, template_db) as server:
            return _run(seed, company, erp.Company(server.client, facts), root, progress)


def _run(seed: int, company: Company, tryton: erp.Company, root: Path, progress: bool) -> Run:
    from sqlmodel import Session

    from opsloop.erp.sync import sync_source
    from opsloop.review.outbox import push_outbox
    from opsloop.service import ingest_and_process
    from opsloop.store.db import dispose_engines

    started = time.perf_counter()
    for vendor in company.vendors.values():
        tryton.party(vendor.key, vendor.code, vendor.name, vendor.vat, vendor.street, vendor.zip, vendor.city)
        tryton.bank_account(vendor.key, vendor.iban)
    for items in company.items.values():
        for item in items:
            tryton.product(item.sku, item.name, item.price, item.category)
    settings, engine, api, source, pusher = open_opsloop("decisions5-eval")
    out = Run(seed)
    documents: dict[str, tuple[int | None, str]] = {}

    def observe(case: Case) -> tuple[str, frozenset[str], str, str | None]:
        return observed(api, engine, *documents[case.id])

    clerk_approved: set[str] = set()
    try:
        changed = True
        n = 0
        for _, _, kind, step in _timeline(company):
            if kind == "order":
                tryton.order(
                    step.key,
                    step.vendor,
                    step.issued,
                    "EUR",
                    [
                        {
                            "sku": x.sku,
                            "description": x.description,
                            "quantity": x.quantity,
                            "price": x.price,
                            "unit": "Unit",
                            "tax": x.tax,
                        }
                        for x in step.lines
                    ],
                    company.vendors[step.vendor].tax,
                )
                changed = True
                continue
            if kind == "event":
                if step.kind == "receive":
                    tryton.receive(step.order, step.when, step.share)
                elif step.kind == "bank_account":
                    tryton.bank_account(step.vendor, step.iban)
                changed = True
                continue
            case: Case = step
            if changed:
                report = sync_source(engine, source, settings.erp)
                if report.status == "failed":
                    raise RuntimeError(f"sync failed: {report.error}")
                changed = False
            body = render(case.doc, tryton.numbers.get(case.doc.po or ""))
            name = re.sub(r"[^A-Za-z0-9]+", "-", case.doc.number).strip("-")
            path = settings.inbox_dir / f"{n:03d}_{name}.pdf"
            n += 1
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            (root / "documents").mkdir(exist_ok=True)
            (root / "documents" / path.name).write_bytes(body)
            outcomes, _ = ingest_and_process(engine, settings, [path], move=True)
            documents[case.id] = (outcomes[0].document_id, outcomes[0].status.value)
            if not case.history:
                out.arrival[case.id] = observe(case)[0]
            pays = case.history or case.label.decision == "approve" or case.label.clerk_pays
            if pays and _clerk(api, documents[case.id][0], case, out):  # type: ignore[arg-type]
                clerk_approved.add(case.id)
            if case.history and n == sum(c.history for c in company.cases):
                _say(progress, f"  seed {seed}: history done ({time.perf_counter() - started:.0f} s)")
        sync_source(engine, source, settings.erp)
        with Session(engine) as session:
            push_outbox(session, pusher, limit=1000)
        invoices = tryton.supplier_invoices()
        billed = _billed_per_po_line(tryton)
        if billed:
            out.writeback_faults.append(
                "PO lines billed beyond their ordered quantity in Tryton: " + "; ".join(billed)
            )
        for case in (c for c in company.cases if not c.history):
            outcome, types, said, rule = observe(case)
            judged = out.arrival[case.id] if case.label.at_arrival else outcome
            if outcome != out.arrival[case.id]:
                out.final[case.id] = outcome
            right, error = judge(case, judged)  # type: ignore[arg-type]
            approved = outcome == "auto_approve" or case.id in clerk_approved
            check = _writeback(case, approved, invoices, tryton, company)
            if check:
                out.writeback_checked += 1
                if check != "ok":
                    out.writeback_faults.append(f"{case.id}: {check}")
            label = case.label
            out.results.append(
                Result(
                    case.id,
                    case.cls,
                    case.vendor.key,
                    case.doc.number,
                    label.decision,
                    label.auto_ok,
                    judged,
                    right,
                    error,
                    sorted(types),
                    said[:400],
                    rule,
                    label.why,
                    check,
                )
            )
    finally:
        api.close()
        engine.dispose()
        dispose_engines()
    out.seconds = time.perf_counter() - started
    return out


def _billed_per_po_line(tryton: erp.Company) -> list[str]:
    """Purchase lines that all supplier invoices in Tryton together bill beyond the quantity ordered."""
    lines = tryton.c.search_read(
        "account.invoice.line",
        [["invoice.type", "=", "in"], ["invoice.state", "!=", "cancelled"]],
        ["origin", "quantity"],
    )
    billed: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        origin = str(line.get("origin") or "")
        if origin.startswith("purchase.line,"):
            billed[int(origin.split(",")[1])] += Decimal(repr(line["quantity"]))
    if not billed:
        return []
    ordered = tryton.c("purchase.line", "read", sorted(billed), ["quantity", "purchase.number"])
    return [
        f"{(row.get('purchase.') or {}).get('number')} line {row['id']}: {format(billed[row['id']].normalize(), 'f')} "
        f"of {format(Decimal(repr(row['quantity'])).normalize(), 'f')}"
        for row in ordered
        if billed[row["id"]] > Decimal(repr(row["quantity"]))
    ]


def _writeback(
    case: Case, approved: bool, invoices: list[dict[str, Any]], tryton: erp.Company, company: Company
) -> str:
    """For an approved invoice exactly one draft supplier invoice from opsloop in Tryton: the supplier's party,
    the invoice's net as untaxed amount and its total as total, lines from its order; for any other, none."""
    mine = [i for i in invoices if i["opsloop"] and i["reference"] == case.doc.number]
    if not approved:
        return f"written for a {case.label.decision} case nobody approved: {mine}" if mine else ""
    if len(mine) != 1:
        return f"{len(mine)} opsloop invoices in Tryton (expected 1)"
    found = mine[0]
    faults = []
    if found["party"] != case.vendor.code:
        faults.append(f"party {found['party']} (expected {case.vendor.code})")
    if Decimal(found["untaxed"]) != case.doc.net:
        faults.append(f"untaxed {found['untaxed']} (invoice net {case.doc.net})")
    if Decimal(found["total"]) != case.doc.total:
        faults.append(f"total {found['total']} (invoice total {case.doc.total})")
    if found["over_ordered"]:
        faults.append(f"quantities beyond the PO's: {'; '.join(found['over_ordered'])}")
    po = tryton.numbers.get(case.doc.po or "")
    if po and found["purchases"] and found["purchases"] != [po]:
        faults.append(f"lines from purchases {found['purchases']} (expected {po})")
    return "; ".join(faults) or "ok"


# ---------------------------------------------------------------------------- figures


def figures(results: list[Result]) -> dict[str, Any]:
    """Accuracy, wrong approvals, false holds; exception precision / recall; touchless (the clean invoices AP
    lets through untouched that opsloop approved on its own)."""
    n = len(results)
    # exceptions: a hold label is one; opsloop found one when it did not approve nor propose to approve
    # (`person` labels, where either is right, are left out)
    scored = [r for r in results if r.label != "person"]
    should = [r for r in scored if r.label == "hold"]
    flagged = [r for r in scored if r.outcome not in ("auto_approve", "proposed_approve")]
    hit = [r for r in flagged if r.label == "hold"]
    clean = [r for r in results if r.label == "approve" and r.auto_ok]

    def pct(a: int, b: int) -> float:
        return round(100 * a / b, 1) if b else 100.0

    return {
        "documents": n,
        "accuracy": pct(sum(r.right for r in results), n),
        "wrong_auto": sum(r.error == "wrong_auto" for r in results),
        "wrong_proposed": sum(r.error == "wrong_proposed" for r in results),
        "false_holds": sum(r.error == "false_hold" for r in results),
        "other_errors": sum(
            bool(r.error) and r.error not in ("wrong_auto", "wrong_proposed", "false_hold") for r in results
        ),
        "precision": pct(len(hit), len(flagged)),
        "recall": pct(len(hit), len(should)),
        "touchless": pct(sum(r.outcome == "auto_approve" for r in clean), len(clean)),
    }


def _line(f: dict[str, Any]) -> str:
    return (
        f"{f['documents']} documents, accuracy {f['accuracy']} %, wrong approvals automatic {f['wrong_auto']} / "
        f"proposed {f['wrong_proposed']}, false holds {f['false_holds']}, other {f['other_errors']}, exception "
        f"precision {f['precision']} % recall {f['recall']} %, touchless {f['touchless']} %"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.decisions5", description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--report", type=Path)
    parser.add_argument("--keep", type=Path, help="keep each seed's Tryton, data folder and documents here")
    args = parser.parse_args(argv)
    runs = [run_seed(seed, args.keep) for seed in args.seeds]
    summarise("decisions5", runs, list(CLASSES), args.report)
    return 0


def summarise(name: str, runs: Sequence[Run], classes: Sequence[str], report_path: Path | None) -> None:
    """Print the figures of a day-by-day eval's runs (per seed, all, per class, write-back faults) and
    write its report (figures, per seed, per class, every result) to `report_path`."""
    results = [r for run in runs for r in run.results]
    seeds = [run.seed for run in runs]
    print(f"{name}: {len(results)} test documents over seeds {seeds}")
    for run in runs:
        wb = f"write-back {run.writeback_checked - len(run.writeback_faults)}/{run.writeback_checked} right"
        print(f"  seed {run.seed}: {_line(figures(run.results))}; {wb}; {run.seconds:.0f} s")
    total = figures(results)
    faults = [f"seed {run.seed}: {f}" for run in runs for f in run.writeback_faults]
    checked = sum(run.writeback_checked for run in runs)
    print(f"  all: {_line(total)}; write-back {checked - len(faults)}/{checked} right")
    by_class: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_class[r.cls].append(r)
    print("  per class (right / documents; wrong: vendor:outcome[exceptions]):")
    for cls in classes:
        rows = by_class.get(cls, [])
        wrong = [
            f"{r.vendor}:{r.outcome}{'[' + ','.join(r.types) + ']' if r.types else ''}"
            for r in rows
            if not r.right
        ]
        print(f"    {cls:32s} {sum(r.right for r in rows)}/{len(rows)}  {'; '.join(wrong)}")
    for fault in faults:
        print(f"  write-back fault: {fault}")
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "seeds": seeds,
            "figures": total,
            "per_seed": {
                str(run.seed): {
                    **figures(run.results),
                    "seconds": round(run.seconds),
                    "established": run.established,
                    "arrival": run.arrival,
                    "final": run.final,
                    "writeback_checked": run.writeback_checked,
                    "writeback_faults": run.writeback_faults,
                }
                for run in runs
            },
            "per_class": {
                cls: {
                    "right": sum(r.right for r in by_class.get(cls, [])),
                    "documents": len(by_class.get(cls, [])),
                }
                for cls in classes
            },
            "results": [asdict(r) for r in results],
        }
        report_path.write_text(
            json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
        )
