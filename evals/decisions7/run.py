"""Drive opsloop against this company's Tryton as an AP team runs it, day by day: purchasing orders (with the
order's tax: 19 %, none for a small business, the reverse charge for intra-EU goods and construction
services), goods-in books deliveries (more than ordered where it came), in Tryton (decisions3's template
database, server and JSON-RPC client, reused); opsloop's Tryton connector syncs the ERP whenever it changed;
each supplier document (PDF or UBL e-invoice) is dropped into opsloop's watched inbox and taken as the watcher
takes it (`ingest_and_process(..., move=True)`); a clerk works the queue through the review API — approves
what opsloop proposes where AP practice pays it, rejects what AP sends back for correction; approved invoices
are pushed back to Tryton through the outbox and read back there. Every test document is judged on what
opsloop had decided at the end of the timeline (the rejected ones: on arrival, before the clerk rejected them).

`python -m evals.decisions7 --seeds 0 1 [--report PATH] [--keep DIR]`
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.decisions.runner import _Api, observed
from evals.decisions3 import erp
from evals.decisions3.run import Result, _clerk, _say, judge, open_opsloop, opsloop_on_tryton
from evals.decisions5.run import Run, _billed_per_po_line, _timeline, summarise
from evals.decisions7.model import CLASSES, Case, Company, Order
from evals.decisions7.render import render

CACHE = Path(__file__).resolve().parent.parent.parent / "var" / "decisions3"
DONE = {"reject": "rejected", "release": "released"}
RELEASE = "non-PO invoice: approved by the budget owner (subscription)"
REJECTION = "rejected: does not match our order and receipt; corrected invoice requested from the supplier"


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    company = Company(seed)
    template_db, facts = erp.template(CACHE)
    with tempfile.TemporaryDirectory(prefix=f"opsloop-dec7-{seed}-") as tmp:
        root = keep / f"seed{seed}" if keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        with opsloop_on_tryton(root, template_db) as server:
            return _run(seed, company, erp.Company(server.client, facts), root, progress)


def _order(tryton: erp.Company, company: Company, order: Order) -> None:
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
                "tax": x.tax,
            }
            for x in order.lines
        ],
        company.vendors[order.vendor].tax,
    )


def receive(tryton: erp.Company, key: str, when: date, share: dict[str, Decimal] | None) -> None:
    """Goods-in books the order's waiting moves; a share above 1 books more than was ordered (the move's
    quantity raised first, as a warehouse clerk does when more came)."""
    sku_of = {v: k for k, v in tryton.products.items()}
    more = {}
    for move in tryton._moves(key):
        part = (share or {}).get(sku_of[move["product"]], Decimal(1))
        if move["state"] == "draft" and part > 1:
            quantity = (Decimal(repr(move["quantity"])) * part).quantize(Decimal(1))
            tryton.c("stock.move", "write", [move["id"]], {"quantity": float(quantity)})
            more[sku_of[move["product"]]] = Decimal(1)
    rest = {k: v for k, v in (share or {}).items() if v <= 1}
    tryton.receive(key, when, {**rest, **more} or None)


def _decide_open(
    api: _Api, document_id: int | None, action: str, reason: str, *, remember: bool = False
) -> str:
    """The clerk decides the document's open proposals (`reject`: a held invoice AP sends back; `release`: a
    held history invoice AP paid as a non-PO invoice; `remember`: and ticks "remember as a recurring charge"
    as the budget owner asked): what the API said."""
    if document_id is None:
        return "no document"
    said = []
    extra = {"remember_recurring": True} if remember else None
    for proposal in api.proposals_of(document_id):
        if proposal["state"] not in ("pending", "edited"):
            continue
        try:
            if api.decide(proposal["id"], proposal["version"], action, reason, extra=extra) is not None:
                api.decide(proposal["id"], proposal["version"], action, reason, confirmed=True, extra=extra)
            said.append(f"{proposal['kind']} {DONE[action]}")
        except Exception as error:  # the API refused: say so in the report, the run goes on
            said.append(f"{proposal['kind']} not {DONE[action]}: {str(error)[:120]}")
    return "; ".join(said) or f"nothing open to {action}"


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
            tryton.product(
                item.sku, item.name, item.price, "service" if item.kind == "service" else "goods19"
            )
    settings, engine, api, source, pusher = open_opsloop("decisions7-eval")
    out = Run(seed)
    documents: dict[str, tuple[int | None, str]] = {}
    rejections: dict[str, str] = {}

    def observe(case: Case) -> tuple[str, frozenset[str], str, str | None]:
        return observed(api, engine, *documents[case.id])

    clerk_approved: set[str] = set()
    arrival_seen: dict[str, tuple[str, frozenset[str], str, str | None]] = {}
    history_count = sum(c.history for c in company.cases)
    try:
        changed = True
        n = 0
        for _, _, kind, step in _timeline(company):  # type: ignore[arg-type]
            if kind == "order":
                _order(tryton, company, step)
                changed = True
                continue
            if kind == "event":
                receive(tryton, step.order, step.when, step.share)
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
                arrival_seen[case.id] = observe(case)
                out.arrival[case.id] = arrival_seen[case.id][0]
            pays = case.history or case.label.decision == "approve" or case.label.clerk_pays
            if pays and _clerk(api, documents[case.id][0], case, out):  # type: ignore[arg-type]
                clerk_approved.add(case.id)
            elif case.history:
                # a history invoice AP paid (the subscription without an order): the clerk releases the hold
                said = _decide_open(api, documents[case.id][0], "release", RELEASE, remember=case.remember)
                if "released" in said:
                    out.established[case.vendor.key] = out.established.get(case.vendor.key, 0) + 1
            if case.label.clerk_rejects and out.arrival[case.id] != "auto_approve":
                rejections[case.id] = _decide_open(api, documents[case.id][0], "reject", REJECTION)
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
        # a rejected invoice's number, approved again once corrected: that draft is the corrected one's
        paid = {(c.doc.number, c.vendor.code) for c in tests if c.id in approved_ids}
        for case in tests:
            # a rejected invoice is judged on arrival, unless something proposed it for payment afterwards
            reopened = seen[case.id][0] in ("auto_approve", "proposed_approve")
            at_arrival = case.label.at_arrival and not reopened
            outcome, types, said, rule = arrival_seen[case.id] if at_arrival else seen[case.id]
            if seen[case.id][0] != out.arrival[case.id]:
                out.final[case.id] = seen[case.id][0]
            right, error = judge(case, outcome)  # type: ignore[arg-type]
            approved = case.id in approved_ids
            same_number_paid = not approved and (case.doc.number, case.vendor.code) in paid
            check = "" if same_number_paid else _writeback(case, approved, invoices, tryton)
            if check:
                out.writeback_checked += 1
                if check != "ok":
                    out.writeback_faults.append(f"{case.id}: {check}")
            if case.id in rejections:
                said = f"{said} || clerk: {rejections[case.id]}"
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
                    said[:500],
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
    the printed number as reference, the invoice's net as untaxed amount and its total as total, lines from its
    order; for any other, none (a cancellation AP files is not booked either)."""
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
    expected = [tryton.numbers[case.doc.po]] if case.doc.po in tryton.numbers else []
    if expected and case.doc.kind != "deposit" and found["purchases"] != expected:
        faults.append(f"lines from purchases {found['purchases']} (expected {expected})")
    return "; ".join(faults) or "ok"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.decisions7", description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--report", type=Path)
    parser.add_argument("--keep", type=Path, help="keep each seed's Tryton, data folder and documents here")
    args = parser.parse_args(argv)
    runs = [run_seed(seed, args.keep) for seed in args.seeds]
    summarise("decisions7", runs, list(CLASSES), args.report)
    return 0
