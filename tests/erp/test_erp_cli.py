"""`opsloop sync` and `opsloop schedule` from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.store.db import dispose_engines

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "erp"


def test_sync_then_schedule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a data folder and the fixture exports as the folder ERP
    shutil.copytree(FIXTURES, tmp_path / "erp")
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("OPSLOOP_ERP__FOLDER", str(tmp_path / "erp"))
    monkeypatch.setenv("OPSLOOP_SCHEDULE__REPLAN", "")
    runner = CliRunner()
    try:
        # WHEN `opsloop sync --json` runs twice, the second time with --full
        first = runner.invoke(app, ["sync", "--json"])
        again = runner.invoke(app, ["sync", "--full", "--json"])
        listing = runner.invoke(app, ["schedule"])
    finally:
        dispose_engines()
    # THEN the first run creates the mirror and the full re-read changes nothing
    assert first.exit_code == 0, first.output
    report = json.loads(first.output[first.output.index("{") :])
    assert report["status"] == "ok" and report["load"]["created"]["purchase_orders"] > 0
    second = json.loads(again.output[again.output.index("{") :])
    assert second["full"] is True and second["load"]["created"] == {} and second["load"]["updated"] == {}
    # AND the schedule lists the jobs that are on (re-planning was switched off)
    assert listing.exit_code == 0 and "erp_sync" in listing.output and "replan" not in listing.output
