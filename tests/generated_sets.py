"""Checks every invoice generator's written set must pass (evals/synthNN's ``write_dataset``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any


def assert_set_is_deterministic(
    write_dataset: Callable[[Path, int, int], list[dict[str, Any]]], layouts: Collection[str], tmp_path: Path
) -> None:
    """Two sets of the same seed hold the same truths, every layout is drawn, every truth is on the page
    (the manifest's ``not_on_page`` is empty) and each truth names the headline values."""
    count = len(layouts) + 3
    rows = write_dataset(tmp_path / "a", count, 5)
    write_dataset(tmp_path / "b", count, 5)
    assert {row["layout"] for row in rows} == set(layouts)
    assert [row for row in rows if row["not_on_page"]] == []
    for row in rows:
        a = json.loads((tmp_path / "a" / f"{row['id']}.json").read_text("utf-8"))
        b = json.loads((tmp_path / "b" / f"{row['id']}.json").read_text("utf-8"))
        assert a == b
        assert a["invoice_number"] and a["grand_total"] and a["seller_name"]
