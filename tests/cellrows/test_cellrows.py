"""The generator of item tables whose cells run over several lines (evals/cellrows): the same seed gives the
same bytes, every truth adds up, every line amount is on the page, and the factors it draws are recorded."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from evals.cellrows.dataset import write_dataset


def test_a_set_adds_up_prints_every_amount_and_records_its_factors(tmp_path: Path) -> None:
    rows = write_dataset(tmp_path / "a", 6, seed=5)
    again = write_dataset(tmp_path / "b", 6, seed=5)
    assert [(tmp_path / "a" / r["document"]).read_bytes() for r in rows] == [
        (tmp_path / "b" / r["document"]).read_bytes() for r in again
    ]
    assert all(not row["not_on_page"] for row in rows)  # every line amount is in the text layer
    for row in rows:
        truth = json.loads((tmp_path / "a" / f"{row['id']}.json").read_text("utf-8"))
        items = truth["line_items"]
        for item in items:
            product = (Decimal(item["quantity"]) * Decimal(item["unit_price"])).quantize(
                Decimal("0.01"), ROUND_HALF_UP
            )
            assert product == Decimal(item["line_total"])
        assert sum(Decimal(i["line_total"]) for i in items) == Decimal(truth["tax_basis_total"])
        assert Decimal(truth["tax_basis_total"]) + Decimal(truth["tax_total"]) == Decimal(
            truth["grand_total"]
        )
        assert {"valign", "padding", "code", "detail", "qty_cell", "currency_under"} <= set(row["factors"])
