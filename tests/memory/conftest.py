"""The memory tests' engine: the due date beside an unknown label is one it cannot read."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def due_date_left_to_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped field model with the due date chosen by the hand rules. The learned scorer reads
    some unlabelled dates as the due date from their place among the header's dates, which would make
    memory agree with the engine where these tests need it to teach what the engine cannot read."""
    model = json.loads((resources.files("opsloop.extract.scorer") / "field_model.json").read_text("utf-8"))
    model["fields"]["due_date"]["mode"] = "rules"
    path = tmp_path / "field_model_due_date_by_rules.json"
    path.write_text(json.dumps(model), "utf-8")
    monkeypatch.setenv("OPSLOOP_EXTRACT__FIELD_MODEL", str(path))
