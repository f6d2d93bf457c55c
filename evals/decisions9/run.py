"""Drive opsloop against this company's Tryton as an AP team runs it, day by day (the shared wiring of
evals/decisions/tryton.py): purchasing orders goods (and the agreed freight as a service line) in Tryton, goods-in
books the deliveries and sends damaged goods back; opsloop's Tryton connector syncs whenever the ERP changed; each
supplier document (PDF or XRechnung CII) is dropped into opsloop's watched inbox; a clerk approves through the
review API what opsloop proposes where AP practice pays it; approved invoices are pushed back to Tryton through
the outbox and read back there. Every test document is judged on what opsloop had decided at the end of the
timeline.

`python -m evals.decisions9 --seeds 0 1 [--report PATH] [--keep DIR]`
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
from evals.decisions9.model import CLASSES, Case, Company, Order
from evals.decisions9.render import render


class _Day(DayByDay):
    token = "decisions9-eval"

    def setup(self) -> None:
        suppliers(self.tryton, self.company.vendors.values())
        for items in self.company.items.values():
            for item in items:
                self.tryton.product(item.sku, item.name, item.price / item.per, "goods19")
        freight = self.company.freight
        self.tryton.product(freight.sku, freight.name, freight.price, "service")

    def order(self, order: Order) -> None:
        place_order(self.tryton, order, self.company.vendors[order.vendor].tax)

    def event(self, event: Any) -> None:
        if event.kind == "return":
            self.tryton.return_goods(event.order, event.when, event.quantities)
        else:
            self.tryton.receive(event.order, event.when)

    def render(self, doc: Any) -> tuple[bytes, str]:
        return render(doc, self.tryton.numbers)

    def writeback(self, case: Case, approved: bool, invoices: list[dict[str, Any]]) -> str:
        """For an approved invoice exactly one draft supplier invoice from opsloop in Tryton: the supplier's
        party, the printed number as reference, the invoice's net as untaxed amount and its total as total, lines
        from its order; for a credit note nothing is checked here; for any other, none."""
        if case.label.decision == "credit":
            return ""
        found = the_draft(case, approved, invoices)
        if isinstance(found, str):
            return found
        faults = amounts_faults(found, case.doc.net, case.doc.total, "quantities beyond the PO's")
        expected = [self.tryton.numbers[case.doc.po]] if case.doc.po in self.tryton.numbers else []
        if expected and found["purchases"] != expected:
            faults.append(f"lines from purchases {found['purchases']} (expected {expected})")
        return "; ".join(faults) or "ok"


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    return run_day_by_day(_Day, "dec9", seed, Company(seed), keep, progress)


main = main_of("decisions9", __doc__, run_seed, CLASSES)
