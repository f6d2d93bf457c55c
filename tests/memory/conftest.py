"""The memory tests' engine: the due date beside an unknown label is one it cannot read."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from opsloop.settings import Settings


@pytest.fixture(autouse=True)
def due_date_left_to_the_rules(settings: Settings) -> None:
    """The shipped field model with the due date chosen by the hand rules (the pipeline reads the
    settings' extract section). The learned scorer reads some unlabelled dates as the due date from
    their place among the header's dates, which would make memory agree with the engine where these
    tests need it to teach what the engine cannot read."""
    model = json.loads((resources.files("opsloop.extract.scorer") / "field_model.json").read_text("utf-8"))
    model["fields"]["due_date"]["mode"] = "rules"
    path = settings.data_dir / "field_model_due_date_by_rules.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model), "utf-8")
    settings.extract.field_model = path
