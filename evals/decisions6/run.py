"""Drive opsloop against this company's Tryton as an AP team runs it, day by day: purchasing orders (or leaves an
order a quotation), receives by weight or count and cancels what will not come, in Tryton (decisions3's template
database, server and JSON-RPC client, reused); opsloop's Tryton connector syncs the ERP whenever it changed;
each supplier document (PDF or CII e-invoice) is dropped into opsloop's watched inbox and taken as the watcher
takes it (`ingest_and_process(..., move=True)`); a clerk works the queue through the review API (approves what
opsloop proposes where AP practice pays it); approved invoices are pushed back to Tryton through the outbox and
read back there. Every test document is judged on what opsloop had decided at the end of the timeline.

`python -m evals.decisions6 --seeds 0 1 [--report PATH] [--keep DIR]`
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.decisions.runner import observed
from evals.decisions3 import erp
from evals.decisions3.run import Result, _clerk, _say, judge, open_opsloop, opsloop_on_tryton
from evals.decisions5.run import Run, _billed_per_po_line, _timeline, summarise
from evals.decisions6.model import CLASSES, Case, Company, Order
from evals.decisions6.render import render

CACHE = Path(__file__).resolve().parent.parent.parent / "var" / "decisions3"


def _units(tryton: erp.Company) -> None:
    """Tryton's own kilogram and gram (product's weight category) beside the template's units."""
    for name, symbol in (("kg", "kg"), ("g", "g")):
        (row,) = tryton.c.search_read("product.uom", [["symbol", "=", symbol]], ["id"])
        tryton.f["units"][name] = row["id"]


def _product(tryton: erp.Company, sku: str, name: str, price: Decimal, unit: str) -> None:
    """A purchasable good whose unit (stock and purchase) is `unit`."""
    uom = tryton.f["units"][unit]
    (tid,) = tryton.c(
        "product.template",
        "create",
        [
            {
                "name": name,
                "code": sku,
                "type": "goods",
                "default_uom": uom,
                "purchasable": True,
                "purchase_uom": uom,
                "list_price": price * 2,
                "account_category": tryton.f["categories"]["goods19"],
                "products": [["create", [{"suffix_code": ""}]]],
            }
        ],
    )
    (row,) = tryton.c("product.template", "read", [tid], ["products"])
    tryton.products[sku] = row["products"][0]


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    company = Company(seed)
    template_db, facts = erp.template(CACHE)
    with tempfile.TemporaryDirectory(prefix=f"opsloop-dec6-{seed}-") as tmp:
        root = keep / f"seed{seed}" if keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        with opsloop_on_tryton(root, template_db) as server:
            return _run(seed, company, erp.Company(server.client, facts), root, progress)


def _order(tryton: erp.Company, company: Company, order: Order) -> None:
    vendor = company.vendors[order.vendor]
    tryton.order(
        order.key,
        order.vendor,
        order.issued,
        "EUR",
        [
            {
                "sku": x.sku,
                "description": x.description,
                "quantity": x.quantity,
                "price": x.price,
                "unit": x.unit,
            }
            for x in order.lines
        ],
        vendor.tax,
        confirm=order.confirm,
    )


def _run(seed: int, company: Company, tryton: erp.Company, root: Path, progress: bool) -> Run:
    from sqlmodel import Session

    from opsloop.erp.sync import sync_source
    from opsloop.review.outbox import push_outbox
    from opsloop.service import ingest_and_process
    from opsloop.store.db import dispose_engines

    started = time.perf_counter()
    _units(tryton)
    for vendor in company.vendors.values():
        tryton.party(vendor.key, vendor.code, vendor.name, vendor.vat, vendor.street, vendor.zip, vendor.city)
        tryton.bank_account(vendor.key, vendor.iban)
    for items in company.items.values():
        for item in items:
            _product(tryton, item.sku, item.name, item.price, item.unit)
    settings, engine, api, source, pusher = open_opsloop("decisions6-eval")
    out = Run(seed)
    documents: dict[str, tuple[int | None, str]] = {}

    def observe(case: Case) -> tuple[str, frozenset[str], str, str | None]:
        return observed(api, engine, *documents[case.id])

    clerk_approved: set[str] = set()
    history_count = sum(c.history for c in company.cases)
    try:
        changed = True
        n = 0
        for _, _, kind, step in _timeline(company):
            if kind == "order":
                _order(tryton, company, step)
                changed = True
                continue
            if kind == "event":
                if step.kind == "receive":
                    tryton.receive(step.order, step.when, step.share)
                elif step.kind == "cancel_open":
                    tryton.cancel_open(step.order)
                changed = True
                continue
            case: Case = step
            if changed:
                report = sync_source(engine, source, settings.erp)
                if report.status == "failed":
                    raise RuntimeError(f"sync failed: {report.error}")
                changed = False
            body, suffix = render(case.doc, tryton.numbers)
            name = re.sub(r"[^A-Za-z0-9]+", "-", case.doc.number).strip("-")
            path = settings.inbox_dir / f"{n:03d}_{name}{suffix}"
            n += 1
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            (root / "documents").mkdir(exist_ok=True)
            (root / "documents" / path.name).write_bytes(body)
            outcomes, _ = ingest_and_process(engine, settings, [path], move=True)
            documents[case.id] = (outcomes[0].document_id, outcomes[0].status.value)
            if not case.history:
                out.arrival[case.id] = observe(case)[0]
            # the clerk pays what opsloop proposes where AP would (the history, the approve labels)
            if (case.history or case.label.decision == "approve") and _clerk(
                api,
                documents[case.id][0],
                case,  # type: ignore[arg-type]
                out,  # type: ignore[arg-type]
            ):
                clerk_approved.add(case.id)
            if case.history and n == history_count:
                _say(progress, f"  seed {seed}: history done ({time.perf_counter() - started:.0f} s)")
        sync_source(engine, source, settings.erp)
        # what waited for the ERP (a receipt) and is proposed now: the clerk's last round
        for case in company.cases:
            waiting = not case.history and case.label.decision == "approve" and case.id not in clerk_approved
            if waiting and _clerk(api, documents[case.id][0], case, out):  # type: ignore[arg-type]
                clerk_approved.add(case.id)
        with Session(engine) as session:
            push_outbox(session, pusher, limit=1000)
        invoices = tryton.supplier_invoices()
        billed = _billed_per_po_line(tryton)
        if billed:
            out.writeback_faults.append(
                "PO lines billed beyond their ordered quantity in Tryton: " + "; ".join(billed)
            )
        tests = [c for c in company.cases if not c.history]
        seen = {case.id: observe(case) for case in tests}
        approved_ids = {c.id for c in tests if seen[c.id][0] == "auto_approve" or c.id in clerk_approved}
        # a twin's draft (the same number from the same supplier) is the approved one's, checked there
        paid = {(c.doc.number, c.vendor.code) for c in tests if c.id in approved_ids}
        for case in tests:
            outcome, types, said, rule = seen[case.id]
            if outcome != out.arrival[case.id]:
                out.final[case.id] = outcome
            right, error = judge(case, outcome)  # type: ignore[arg-type]
            approved = case.id in approved_ids
            twin_paid = not approved and (case.doc.number, case.vendor.code) in paid
            check = "" if twin_paid else _writeback(case, approved, invoices, tryton)
            if check:
                out.writeback_checked += 1
                if check != "ok":
                    out.writeback_faults.append(f"{case.id}: {check}")
            out.results.append(
                Result(
                    case.id,
                    case.cls,
                    case.vendor.key,
                    case.doc.number,
                    case.label.decision,
                    case.label.auto_ok,
                    outcome,
                    right,
                    error,
                    sorted(types),
                    said[:400],
                    rule,
                    case.label.why,
                    check,
                )
            )
    finally:
        api.close()
        engine.dispose()
        dispose_engines()
    out.seconds = time.perf_counter() - started
    return out


def _writeback(case: Case, approved: bool, invoices: list[dict[str, Any]], tryton: erp.Company) -> str:
    """For an approved invoice exactly one draft supplier invoice from opsloop in Tryton: the supplier's party,
    the invoice's net as untaxed amount and its total as total, lines from its orders; for any other, none."""
    mine = [
        i
        for i in invoices
        if i["opsloop"] and i["reference"] == case.doc.number and i["party"] == case.vendor.code
    ]
    if not approved:
        return f"written for a {case.label.decision} case nobody approved: {mine}" if mine else ""
    if len(mine) != 1:
        return f"{len(mine)} opsloop invoices in Tryton (expected 1)"
    found = mine[0]
    faults = []
    if Decimal(found["untaxed"]) != case.doc.net:
        faults.append(f"untaxed {found['untaxed']} (invoice net {case.doc.net})")
    if Decimal(found["total"]) != case.doc.total:
        faults.append(f"total {found['total']} (invoice total {case.doc.total})")
    if found["over_ordered"]:
        faults.append(f"quantities beyond the PO's: {'; '.join(found['over_ordered'])}")
    expected = sorted(tryton.numbers[k] for k in case.doc.po if k in tryton.numbers)
    if expected and found["purchases"] != expected:
        faults.append(f"lines from purchases {found['purchases']} (expected {expected})")
    return "; ".join(faults) or "ok"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.decisions6", description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--report", type=Path)
    parser.add_argument("--keep", type=Path, help="keep each seed's Tryton, data folder and documents here")
    args = parser.parse_args(argv)
    runs = [run_seed(seed, args.keep) for seed in args.seeds]
    summarise("decisions6", runs, list(CLASSES), args.report)
    return 0
