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

from decimal import Decimal
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
from evals.decisions3 import erp
from evals.decisions6.model import CLASSES, Case, Company, Order
from evals.decisions6.render import render


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


class _Day(DayByDay):
    token = "decisions6-eval"

    def setup(self) -> None:
        _units(self.tryton)
        suppliers(self.tryton, self.company.vendors.values())
        for items in self.company.items.values():
            for item in items:
                _product(self.tryton, item.sku, item.name, item.price, item.unit)

    def order(self, order: Order) -> None:
        vendor = self.company.vendors[order.vendor]
        place_order(self.tryton, order, vendor.tax, ("unit",), confirm=order.confirm)

    def event(self, event: Any) -> None:
        if event.kind == "receive":
            self.tryton.receive(event.order, event.when, event.share)
        elif event.kind == "cancel_open":
            self.tryton.cancel_open(event.order)

    def render(self, doc: Any) -> tuple[bytes, str]:
        return render(doc, self.tryton.numbers)

    def writeback(self, case: Case, approved: bool, invoices: list[dict[str, Any]]) -> str:
        """For an approved invoice exactly one draft supplier invoice from opsloop in Tryton: the supplier's
        party, the invoice's net as untaxed amount and its total as total, lines from its orders; for any
        other, none."""
        found = the_draft(case, approved, invoices)
        if isinstance(found, str):
            return found
        faults = amounts_faults(found, case.doc.net, case.doc.total, "quantities beyond the PO's")
        expected = sorted(self.tryton.numbers[k] for k in case.doc.po if k in self.tryton.numbers)
        if expected and found["purchases"] != expected:
            faults.append(f"lines from purchases {found['purchases']} (expected {expected})")
        return "; ".join(faults) or "ok"


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> Run:
    return run_day_by_day(_Day, "dec6", seed, Company(seed), keep, progress)


main = main_of("decisions6", __doc__, run_seed, CLASSES)
