"""Drive opsloop against this company's Tryton as an AP team runs it, day by day: the purchasing department
orders and books deliveries in Tryton (decisions3's template database, server and JSON-RPC client, reused);
opsloop's Tryton connector syncs the ERP whenever it changed; each supplier document is dropped into
opsloop's watched inbox and taken as the watcher takes it (`ingest_and_process(..., move=True)`); a clerk
works the queue through the review API as documents arrive (approves what opsloop proposes where AP
practice pays it); approved invoices are pushed back to Tryton through the outbox and read back there.
The wiring is the shared one of evals/decisions/tryton.py.

`python -m evals.decisions5 --seeds 0 1 --report PATH [--keep DIR]`
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.decisions.tryton import (
    DayByDay,
    Run,
    Seen,
    amounts_faults,
    main_of,
    place_order,
    run_day_by_day,
    suppliers,
    the_draft,
)
from evals.decisions5.model import CLASSES, Case, Company
from evals.decisions5.render import render


class _Day(DayByDay):
    token = "decisions5-eval"
    final_round = False
    twins = False

    def setup(self) -> None:
        suppliers(self.tryton, self.company.vendors.values())
        for items in self.company.items.values():
            for item in items:
                self.tryton.product(item.sku, item.name, item.price, item.category)

    def order(self, order: Any) -> None:
        place_order(self.tryton, order, self.company.vendors[order.vendor].tax, ("tax",), unit="Unit")

    def event(self, event: Any) -> None:
        if event.kind == "receive":
            self.tryton.receive(event.order, event.when, event.share)
        elif event.kind == "bank_account":
            self.tryton.bank_account(event.vendor, event.iban)

    def render(self, doc: Any) -> tuple[bytes, str]:
        return render(doc, self.tryton.numbers.get(doc.po or "")), ".pdf"

    def pays(self, case: Case) -> bool:
        return bool(case.history or case.label.decision == "approve" or case.label.clerk_pays)

    def judged_on(self, case: Case, seen: Seen) -> Seen:
        """The outcome on arrival where the label says so (the exceptions and words at the end)."""
        outcome = self.out.arrival[case.id] if case.label.at_arrival else seen[0]
        return outcome, seen[1], seen[2], seen[3]

    def writeback(self, case: Case, approved: bool, invoices: list[dict[str, Any]]) -> str:
        """For an approved invoice exactly one draft supplier invoice from opsloop in Tryton: the supplier's
        party, the invoice's net as untaxed amount and its total as total, lines from its order; for any other,
        none."""
        found = the_draft(case, approved, invoices, by_party=False)
        if isinstance(found, str):
            return found
        faults = []
        if found["party"] != case.vendor.code:
            faults.append(f"party {found['party']} (expected {case.vendor.code})")
        faults += amounts_faults(found, case.doc.net, case.doc.total, "quantities beyond the PO's")
        po = self.tryton.numbers.get(case.doc.po or "")
        if po and found["purchases"] and found["purchases"] != [po]:
            faults.append(f"lines from purchases {found['purchases']} (expected {po})")
        return "; ".join(faults) or "ok"


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    return run_day_by_day(_Day, "dec5", seed, Company(seed), keep, progress)


main = main_of("decisions5", __doc__, run_seed, CLASSES)
