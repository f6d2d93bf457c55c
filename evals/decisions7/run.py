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

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.decisions.tryton import (
    DayByDay,
    Run,
    Seen,
    amounts_faults,
    decide_open,
    main_of,
    place_order,
    run_day_by_day,
    suppliers,
    the_draft,
)
from evals.decisions3 import erp
from evals.decisions7.model import CLASSES, Case, Company, Order
from evals.decisions7.render import render

RELEASE = "non-PO invoice: approved by the budget owner (subscription)"
REJECTION = "rejected: does not match our order and receipt; corrected invoice requested from the supplier"


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


class _Day(DayByDay):
    token = "decisions7-eval"
    said_limit = 500

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.rejections: dict[str, str] = {}

    def setup(self) -> None:
        suppliers(self.tryton, self.company.vendors.values())
        for items in self.company.items.values():
            for item in items:
                category = "service" if item.kind == "service" else "goods19"
                self.tryton.product(item.sku, item.name, item.price, category)

    def order(self, order: Order) -> None:
        place_order(self.tryton, order, self.company.vendors[order.vendor].tax, ("tax",))

    def event(self, event: Any) -> None:
        receive(self.tryton, event.order, event.when, event.share)

    def render(self, doc: Any) -> tuple[bytes, str]:
        return render(doc, self.tryton.numbers)

    def pays(self, case: Case) -> bool:
        return bool(case.history or case.label.decision == "approve" or case.label.clerk_pays)

    def arrived(self, case: Case, paid: bool) -> None:
        document_id = self.documents[case.id][0]
        if not paid and case.history:
            # a history invoice AP paid (the subscription without an order): the clerk releases the hold
            said = decide_open(self.ops.api, document_id, "release", RELEASE, remember=case.remember)
            if "released" in said:
                self.out.established[case.vendor.key] = self.out.established.get(case.vendor.key, 0) + 1
        if case.label.clerk_rejects and self.out.arrival[case.id] != "auto_approve":
            self.rejections[case.id] = decide_open(self.ops.api, document_id, "reject", REJECTION)

    def judged_on(self, case: Case, seen: Seen) -> Seen:
        """A rejected invoice is judged on arrival, unless something proposed it for payment afterwards."""
        reopened = seen[0] in ("auto_approve", "proposed_approve")
        return self.arrival_seen[case.id] if case.label.at_arrival and not reopened else seen

    def said(self, case: Case, said: str) -> str:
        return f"{said} || clerk: {self.rejections[case.id]}" if case.id in self.rejections else said

    def writeback(self, case: Case, approved: bool, invoices: list[dict[str, Any]]) -> str:
        """For an approved invoice exactly one draft supplier invoice from opsloop in Tryton: the supplier's
        party, the printed number as reference, the invoice's net as untaxed amount and its total as total,
        lines from its order; for any other, none (a cancellation AP files is not booked either)."""
        found = the_draft(case, approved, invoices)
        if isinstance(found, str):
            return found
        faults = amounts_faults(found, case.doc.net, case.doc.total, "quantities beyond the PO's")
        expected = [self.tryton.numbers[case.doc.po]] if case.doc.po in self.tryton.numbers else []
        if expected and case.doc.kind != "deposit" and found["purchases"] != expected:
            faults.append(f"lines from purchases {found['purchases']} (expected {expected})")
        return "; ".join(faults) or "ok"


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    return run_day_by_day(_Day, "dec7", seed, Company(seed), keep, progress)


main = main_of("decisions7", __doc__, run_seed, CLASSES)
