"""Every field of a generated e-invoice set, checked exactly against the generator's truth.

opsloop is called only as the system under test (``opsloop.extract.einvoice.read_einvoice`` on each XML);
the truth is the generator's own model (dataset.py), and the comparisons here are plain equality of
Decimals, dates and strings — nothing of the reader's is used to decide what is right.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

FIELDS = (
    "document_type", "invoice_number", "invoice_date", "due_date", "currency", "vendor", "vendor_vat_id",
    "vendor_iban", "buyer", "po_numbers", "subtotal", "tax_total", "total", "amount_due", "lines",
    "line_quantity", "line_unit", "line_unit_price", "line_amount", "line_tax_rate", "line_tax_code",
    "line_sku", "charges",
)  # fmt: skip


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, item: str, name: str, predicted: Any, expected: Any) -> None:
        self.total[name] += 1
        if predicted == expected:
            self.right[name] += 1
        else:
            self.misses.append(f"{item}: {name}: read {predicted!r}, true {expected!r}")

    def exact(self) -> bool:
        return not self.errors and all(self.right[name] == self.total[name] for name in self.total)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _charge(kind: str, amount: Decimal | None, percent: Decimal | None, line: int | None) -> str:
    """One allowance or charge as a comparable text: equal numbers read the same (5.00 and 5)."""
    return " ".join(
        (kind, *("-" if v is None else format(v.normalize(), "f") for v in (amount, percent)), str(line))
    )


def score_folder(folder: Path) -> Score:
    from opsloop.errors import RejectedInput
    from opsloop.extract.einvoice import read_einvoice

    score = Score()
    for truth_path in sorted(folder.glob("*.json")):
        xml = truth_path.with_suffix(".xml")
        if not xml.is_file():
            continue
        truth = json.loads(truth_path.read_text("utf-8"))
        item = truth_path.stem
        try:
            got = read_einvoice(xml.read_bytes())
        except RejectedInput as error:
            score.errors.append(f"{item}: refused: {error}")
            continue
        add = score.add
        add(item, "document_type", got.document_type.value, truth["document_type"])
        add(item, "invoice_number", got.invoice_number, truth["invoice_number"])
        add(
            item,
            "invoice_date",
            got.invoice_date.isoformat() if got.invoice_date else None,
            truth["invoice_date"],
        )
        add(item, "due_date", got.due_date.isoformat() if got.due_date else None, truth["due_date"])
        add(item, "currency", got.currency, truth["currency"])
        add(item, "vendor", got.vendor.name, truth["seller_name"])
        add(item, "vendor_vat_id", got.vendor.vat_id, truth["seller_vat_id"])
        add(item, "vendor_iban", got.vendor.iban, truth["seller_iban"])
        add(item, "buyer", got.buyer.name, truth["buyer_name"])
        add(item, "po_numbers", got.po_numbers, truth["po_numbers"])
        for name, key in (("subtotal", "tax_basis_total"), ("tax_total", "tax_total"), ("total", "grand_total"),
                          ("amount_due", "due_payable")):  # fmt: skip
            add(item, name, getattr(got, name), _decimal(truth[key]))
        true_lines = truth["line_items"]
        add(item, "lines", len(got.lines), len(true_lines))
        for index, (line, true) in enumerate(zip(got.lines, true_lines, strict=False), start=1):
            where = f"{item}#{index}"
            add(where, "line_quantity", line.quantity, _decimal(true["quantity"]))
            add(where, "line_unit", line.unit, true["unit_code"])
            add(where, "line_unit_price", line.unit_price, _decimal(true["unit_price_net"]))
            add(where, "line_amount", line.amount, _decimal(true["line_total"]))
            add(where, "line_tax_rate", line.tax_rate, _decimal(true["tax_rate"]))
            add(where, "line_tax_code", line.tax_code, true["tax_category"])
            add(where, "line_sku", line.sku, true["seller_item_id"])
        charges = [_charge(c.kind, c.amount, c.percent, c.line) for c in got.charges]
        expected = [
            _charge(c["kind"], _decimal(c["amount"]), _decimal(c["percent"]), c["line"])
            for c in truth["_einv"]["charges"]
        ]
        add(item, "charges", sorted(charges), sorted(expected))
    return score


def print_score(score: Score, *, misses: int = 20) -> None:
    for name in FIELDS:
        if score.total[name]:
            print(
                f"{name:16} {score.right[name]:5} / {score.total[name]:5}  {score.right[name] / score.total[name]:.3f}"
            )
    for line in score.errors:
        print(f"ERROR {line}")
    for line in score.misses[:misses]:
        print(f"MISS {line}")
    if len(score.misses) > misses:
        print(f"… {len(score.misses) - misses} more misses")
