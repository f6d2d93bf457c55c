"""The CLI shell: demo, ingest, listings, and errors that say what to do next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsloop.cli import app
from tests import samples
from tests.conftest import REPO_ROOT

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("OPSLOOP_DATABASE_URL", raising=False)
    return tmp_path / "var"


def test_ingest_then_list_show_and_status(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    samples.write(folder, "a.xml", samples.ubl_invoice("A-1"))
    samples.write(folder, "empty.pdf", b"")

    result = runner.invoke(app, ["ingest", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    outcomes = {Path(o["path"]).name: o for o in json.loads(result.stdout)}
    assert outcomes["a.xml"]["status"] == "accepted"
    assert outcomes["empty.pdf"]["status"] == "quarantined"
    assert outcomes["empty.pdf"]["reason_code"] == "empty"

    listed = json.loads(runner.invoke(app, ["docs", "--json"]).stdout)
    assert {d["original_name"] for d in listed} == {"a.xml", "empty.pdf"}

    document_id = outcomes["a.xml"]["document_id"]
    shown = json.loads(runner.invoke(app, ["show", str(document_id), "--json"]).stdout)
    assert [e["to_state"] for e in shown["history"]][:2] == ["received", "parsed"]

    status = json.loads(runner.invoke(app, ["status", "--json"]).stdout)
    assert {(row["state"], row["count"]) for row in status} >= {("quarantined", 1)}


def test_errors_say_what_to_do_next(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.output

    unknown = runner.invoke(app, ["show", "4242"])
    assert unknown.exit_code == 2
    assert "no document with id 4242" in unknown.output
    assert "opsloop docs" in unknown.output

    bad_state = runner.invoke(app, ["docs", "--state", "sideways"])
    assert bad_state.exit_code == 2
    assert "quarantined" in bad_state.output


def test_demo_refuses_to_wipe_a_folder_that_is_not_a_demo(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    samples.write(precious, "keep.txt", b"mine")
    result = runner.invoke(
        app, ["demo", "--fixtures", str(REPO_ROOT / "fixtures"), "--data-dir", str(precious)]
    )
    assert result.exit_code == 2
    assert (precious / "keep.txt").read_bytes() == b"mine"
