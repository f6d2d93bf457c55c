"""The generator of item tables in the forms real invoices print (evals/itemtables): the same seed gives the same
bytes, every truth adds up (quantity x price less the discount, flat fees, free and negative lines), every line
amount is in the text layer, the pages are PDFs PDFium reads, and the factors it draws are recorded."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from evals.itemtables.dataset import write_dataset


def test_a_set_adds_up_prints_every_amount_and_records_its_factors(tmp_path: Path) -> None:
    rows = write_dataset(tmp_path / "a", 12, seed=5)
    again = write_dataset(tmp_path / "b", 12, seed=5)
    assert [(tmp_path / "a" / r["document"]).read_bytes() for r in rows] == [
        (tmp_path / "b" / r["document"]).read_bytes() for r in again
    ]
    assert all(not row["not_on_page"] for row in rows)  # every line amount is in the text layer
    kinds = set()
    for row in rows:
        truth = json.loads((tmp_path / "a" / f"{row['id']}.json").read_text("utf-8"))
        items = truth["line_items"]
        for item in items:
            kinds.add(item["kind"])
            if item["quantity"] is None:
                continue  # a flat fee or a refund: the amount alone
            gross = Decimal(item["quantity"]) * Decimal(item["unit_price"])
            off = (gross * Decimal(item["discount_percent"]) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
            assert gross.quantize(Decimal("0.01"), ROUND_HALF_UP) - off == Decimal(item["line_total"])
        assert sum(Decimal(i["line_total"]) for i in items) == Decimal(truth["tax_basis_total"])
        assert Decimal(truth["tax_basis_total"]) + Decimal(truth["tax_total"]) == Decimal(
            truth["grand_total"]
        )
        assert {"head", "order", "discount", "taxcode", "negative", "groups", "pages", "grouping"} <= set(
            row["factors"]
        )
    assert {"goods", "service"} <= kinds
