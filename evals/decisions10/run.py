"""Drive opsloop against this company's Tryton as an AP team runs it, day by day (the shared wiring of
evals/decisions/tryton.py): purchasing orders in Tryton, goods-in books the deliveries (an order in two halves) and
sends goods back; opsloop's Tryton connector syncs whenever the ERP changed; each supplier PDF is dropped into
opsloop's watched inbox; a clerk approves through the review API what opsloop proposes where AP practice pays it
(and a deposit the order agreed); approved invoices are pushed back to Tryton through the outbox and read back
there. Every test document is judged on what opsloop had decided at the end of the timeline.

`python -m evals.decisions10 --seeds 83 84 [--report PATH] [--keep DIR]`
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.decisions.tryton import (
    DayByDay,
    Run,
    amounts_faults,
    main_of,
    place_order,
    run_day_by_day,
    suppliers,
    the_draft,
)
from evals.decisions10.model import CLASSES, Case, Company, Order
from evals.decisions10.render import render


class _Day(DayByDay):
    token = "decisions10-eval"

    def setup(self) -> None:
        suppliers(self.tryton, [v for v in self.company.vendors.values() if v.in_erp])
        for items in self.company.items.values():
            for item in items:
                self.tryton.product(item.sku, item.name, item.price, "goods19")

    def order(self, order: Order) -> None:
        place_order(self.tryton, order, self.company.vendors[order.vendor].tax)

    def event(self, event: Any) -> None:
        if event.kind == "return":
            self.tryton.return_goods(event.order, event.when, event.quantities)
        else:
            self.tryton.receive(event.order, event.when, event.share)

    def render(self, doc: Any) -> tuple[bytes, str]:
        return render(doc, self.tryton.numbers)

    def pays(self, case: Case) -> bool:
        return bool(case.history or case.label.decision == "approve" or case.label.clerk_pays)

    def writeback(self, case: Case, approved: bool, invoices: list[dict[str, Any]]) -> str:
        """For an approved invoice exactly one draft supplier invoice from opsloop in Tryton: the supplier's
        party, the printed number as reference, the invoice's net as untaxed amount and its total as total, lines
        from its order (a deposit's lines need none); for any other, none."""
        found = the_draft(case, approved, invoices)
        if isinstance(found, str):
            return found
        faults = amounts_faults(found, case.doc.net, case.doc.total, "quantities beyond the PO's")
        expected = [self.tryton.numbers[case.doc.po]] if case.doc.po in self.tryton.numbers else []
        if expected and case.doc.kind != "deposit" and found["purchases"] != expected:
            faults.append(f"lines from purchases {found['purchases']} (expected {expected})")
        return "; ".join(faults) or "ok"


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    return run_day_by_day(_Day, "dec10", seed, Company(seed), keep, progress)


main = main_of("decisions10", __doc__, run_seed, CLASSES)
