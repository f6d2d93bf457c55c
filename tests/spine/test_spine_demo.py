"""`make demo`: 90 days of a small company replayed through opsloop — an ERP export folder the scheduled
sync reads, people's earlier decisions that let the autonomy policy act, conversations that give the
staffing planner its forecast, and a held invoice a receipt line releases. The same day gives the same
result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.demo import DemoSummary, run_demo
from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import sync_source
from opsloop.settings import Settings
from opsloop.store.db import dispose_engines, open_database
from tests.conftest import REPO_ROOT

TODAY = date(2026, 12, 4)
FIXTURES = REPO_ROOT / "fixtures"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (FIXTURES / "demo_company.py").is_file(), reason="no demo data generator"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoSummary]]:
    data_dir = tmp_path_factory.mktemp("demo") / "var-demo"
    summary = run_demo(FIXTURES, data_dir, today=TODAY)
    yield data_dir, summary
    dispose_engines()


def test_the_summary_lists_staffing_proposals_and_automatic_decisions(demo: tuple[Path, DemoSummary]) -> None:
    """GIVEN the replayed 90 days THEN the planner proposed staffing changes from the conversations' forecast,
    the autonomy rule approved invoices by itself after people's approvals, and nothing failed."""
    _, summary = demo
    assert summary.days == 90 and summary.today == TODAY
    staffing = summary.planner.get("staffing", [])
    assert any(t.startswith("Add ") for t in staffing) and any(t.startswith("Reduce ") for t in staffing)
    assert summary.planner.get("escalation")
    assert summary.automatic_decisions.get("invoice-matched-known-vendor", 0) >= 5
    assert summary.human_decisions.get("rita approve", 0) >= 3
    assert summary.documents_by_kind["conversation"] >= 300
    assert summary.failed == [] and summary.quarantined == []
    assert summary.syncs == {"ok": summary.syncs["ok"]} and summary.released_by_sync
    assert summary.outbox_files > 0


def test_the_scheduled_sync_finds_the_export_and_a_receipt_line_releases_the_held_invoice(
    demo: tuple[Path, DemoSummary],
) -> None:
    """GIVEN the demo's export folder WHEN the walk-through's receipt line is appended and the folder synced, as
    the scheduled job does THEN the sync is ok and the held invoice is released."""
    data_dir, summary = demo
    walk = summary.walkthrough
    assert any(walk["invoice_number"] in title for title in summary.waiting_for_people)
    settings = Settings(data_dir=data_dir, database_url=None)
    assert settings.erp_folder == Path(summary.erp_folder)
    engine = open_database(settings)
    with (settings.erp_folder / "goods_receipt_lines.csv").open("a", encoding="utf-8") as lines:
        lines.write(walk["line"] + "\n")
    report = sync_source(engine, FolderConnector(settings.erp_folder), settings.erp)
    assert (report.status, report.released) == ("ok", 1)


def test_the_same_day_gives_the_same_demo_twice(tmp_path: Path, demo: tuple[Path, DemoSummary]) -> None:
    """GIVEN the demo replayed once WHEN replayed again for the same day (through the CLI, into a fresh
    folder) THEN the summary is the same."""
    _, first = demo
    data_dir = tmp_path / "again"
    args = [
        "demo",
        "--fixtures",
        str(FIXTURES),
        "--data-dir",
        str(data_dir),
        "--today",
        TODAY.isoformat(),
        "--json",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    second = json.loads(result.stdout)
    expected = first.model_dump(mode="json")
    for key in ("data_dir", "erp_folder"):
        second.pop(key)
        expected.pop(key)
    assert second == expected
