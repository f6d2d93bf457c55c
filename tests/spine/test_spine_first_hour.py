"""The first hour with opsloop: a bad setting is one line naming it and what it allows (exit 2, no
traceback), ports are checked, no message claims what did not happen, and `--version` answers."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsloop import __version__
from opsloop.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("OPSLOOP_DATABASE_URL", raising=False)
    return tmp_path / "var"


SETTINGS_ERRORS = [
    (
        "OPSLOOP_DATABASE_URL",
        "garbage",
        "OPSLOOP_DATABASE_URL is not valid: expected a database URL such as sqlite:///var/opsloop.db or "
        "postgresql+psycopg://user:password@host/db",
    ),
    (
        "OPSLOOP_DATABASE_URL",
        "postgresql+psycopg://opsloop:s3cret@127.0.0.1:1/opsloop",
        "cannot reach the database at postgresql+psycopg://opsloop:***@127.0.0.1:1/opsloop (OPSLOOP_DATABASE_URL)",
    ),
    (
        "OPSLOOP_DATABASE_URL",
        "mysql://db.example/erp",
        "OPSLOOP_DATABASE_URL=mysql://db.example/erp names a database",
    ),
    (
        "OPSLOOP_INGEST__MAX_FILE_BYTES",
        "abc",
        "OPSLOOP_INGEST__MAX_FILE_BYTES='abc' is not valid: expected a whole number",
    ),
    (
        "OPSLOOP_EXTRACT__ENGINE",
        "magic",
        "OPSLOOP_EXTRACT__ENGINE='magic' is not valid: expected one of auto, einvoice, rules or llm",
    ),
    (
        "OPSLOOP_ERP__CONNECTOR",
        "sap",
        "OPSLOOP_ERP__CONNECTOR='sap' is not valid: expected one of folder, sql, tryton, odoo or erpnext",
    ),
    ("OPSLOOP_WEB__PORT", "99999", "OPSLOOP_WEB__PORT='99999' is not valid: expected a number at most 65535"),
    (
        "OPSLOOP_PLAN__SERVICE_LEVEL",
        "2",
        "OPSLOOP_PLAN__SERVICE_LEVEL='2' is not valid: expected a number below 1",
    ),
    ("OPSLOOP_OCR__ENABLED", "maybe", "OPSLOOP_OCR__ENABLED='maybe' is not valid: expected true or false"),
    ("OPSLOOP_LLM__PRICES", "{gpt: 1", "OPSLOOP_LLM__… is not valid: expected valid JSON"),
]


@pytest.mark.parametrize(
    ("name", "value", "expected"), SETTINGS_ERRORS, ids=[f"{n}={v}" for n, v, _ in SETTINGS_ERRORS]
)
def test_a_bad_setting_is_one_line_naming_it_and_what_is_allowed(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and expected in lines[0]
    assert "Traceback" not in result.output and "s3cret" not in result.output


def test_a_data_folder_that_cannot_be_created_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(blocker / "var"))
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    assert f"OPSLOOP_DATA_DIR={blocker / 'var'} cannot be used" in result.stderr


def test_serve_refuses_a_port_out_of_range_or_in_use_before_announcing_anything() -> None:
    out_of_range = runner.invoke(app, ["serve", "--port", "99999"])
    assert out_of_range.exit_code == 2
    assert (
        out_of_range.stderr.strip() == "error: --port 99999 is not a port: expected a number from 1 to 65535"
    )
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        in_use = runner.invoke(app, ["serve", "--port", str(port)])
    assert in_use.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in in_use.stderr
    assert "review UI" not in in_use.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "{bad}"],
        ["analyse", "{bad}"],
    ],
)
def test_a_refused_file_on_the_command_line_is_left_where_it_is_and_not_said_to_be_moved(
    tmp_path: Path, command: list[str]
) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")  # cut off: no end marker
    result = runner.invoke(app, [part.replace("{bad}", str(bad)) for part in command])
    assert result.exit_code == 2
    assert bad.exists()
    assert (
        "moved" not in result.stderr.replace("Nothing was moved", "")
        and "quarantine folder" not in result.stderr
    )
    assert "%%EOF" not in result.stderr


def test_a_bad_date_for_costs_is_not_called_a_quarantined_file() -> None:
    result = runner.invoke(app, ["costs", "--since", "last week"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --since wants a day as YYYY-MM-DD, not 'last week'"


def test_a_truncated_pdf_is_quarantined_with_a_reason_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "cut.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    result = runner.invoke(app, ["ingest", str(folder), "--json"])
    [outcome] = json.loads(result.stdout)
    assert outcome["status"] == "quarantined"
    assert "%%EOF" not in outcome["message"] and "incomplete" in outcome["message"]


def test_version_is_printed() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout.strip()) == (0, f"opsloop {__version__}")


def test_analyse_lines_prints_the_documented_contract_and_the_old_keys_for_now() -> None:
    """GIVEN one JSON line WHEN analysed THEN `{"id", "sentiment": {"label", "score"}, "urgency", ...}` with the
    top-level `label`/`score` of the old shape still there (one release)."""
    result = runner.invoke(
        app, ["analyse", "--lines", "-"], input='{"id": "t1", "text": "This is terrible, refund me now!"}\n'
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert list(record)[:2] == ["id", "sentiment"] and record["id"] == "t1"
    assert record["sentiment"]["label"] == "negative" and record["sentiment"]["score"] < 0
    assert (record["label"], record["score"]) == (record["sentiment"]["label"], record["sentiment"]["score"])
    assert record["urgency"] in {"low", "medium", "high", "critical"}
