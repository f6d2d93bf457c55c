"""The generator of party blocks in national address formats (evals/parties): the same seed gives the same
bytes, every scored truth (names, the seller's street lines, postcode and town, VAT id, IBAN) is in the text
layer, the totals add up, and the factors it draws are recorded."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from evals.parties.dataset import write_dataset


def test_a_set_is_repeatable_prints_its_truths_and_records_its_factors(tmp_path: Path) -> None:
    rows = write_dataset(tmp_path / "a", 15, seed=11)
    again = write_dataset(tmp_path / "b", 15, seed=11)
    assert [(tmp_path / "a" / r["document"]).read_bytes() for r in rows] == [
        (tmp_path / "b" / r["document"]).read_bytes() for r in again
    ]
    assert all(not row["not_on_page"] for row in rows)
    countries = set()
    for row in rows:
        truth = json.loads((tmp_path / "a" / f"{row['id']}.json").read_text("utf-8"))
        seller = truth["seller"]
        assert seller["street"] and seller["postcode"] and seller["city"]
        assert truth["buyer_name"] != truth["seller_name"]
        net = sum(Decimal(item["line_total"]) for item in truth["line_items"])
        assert net == Decimal(truth["tax_basis_total"])
        assert net + Decimal(truth["tax_total"]) == Decimal(truth["grand_total"])
        assert {"seller_place", "seller_extra", "buyer_place", "return_line", "ship", "buyer_extra"} <= set(
            row["factors"]
        )
        countries.add(row["factors"]["seller_country"])
    assert len(countries) >= 5
