"""`opsloop costs` and the LLM invoice eval (against the scripted server, on a tiny data folder)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from evals.invoices.llm import llm_table_rows, run_llm_invoice_eval, write_llm_report
from sqlalchemy import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.cli.common import console
from opsloop.evaluation.llm import measure_prompt_tokens
from opsloop.settings import Settings
from opsloop.store.tables import LLMCall
from tests.llm.llm_helpers import (
    GOOD_ANSWER,
    INVOICE_TEXT,
    ScriptedServer,
    llm_settings,
    parsed_invoice,
    tool_call,
)


def test_llm_costs_command_prints_the_table(
    settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN one recorded call
    with Session(engine) as session:
        session.add(
            LLMCall(
                at=datetime(2026, 3, 1, 8, tzinfo=UTC),
                purpose="invoice_extract",
                model="gpt-x",
                prompt_name="p",
                prompt_version="1",
                prompt_hash="h",
                input_hash="i",
                tokens_in=1200,
                tokens_out=80,
                cost=Decimal("0.000340"),
                outcome="ok",
            )
        )
        session.commit()
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr(console, "width", 200)
    # WHEN `opsloop costs --json` and `opsloop costs` run
    runner = CliRunner()
    as_json = runner.invoke(app, ["costs", "--json"])
    table = runner.invoke(app, ["costs"])
    # THEN both show the day, model, kind, tokens and cost
    assert as_json.exit_code == 0, as_json.output
    (row,) = json.loads(as_json.output)
    assert (row["day"], row["model"], row["kind"], row["tokens_in"], row["cost"]) == (
        "2026-03-01",
        "gpt-x",
        "invoice",
        1200,
        "0.000340",
    )
    assert table.exit_code == 0 and "gpt-x" in table.output and "0.000340" in table.output
    assert runner.invoke(app, ["costs", "--since", "March"]).exit_code == 2


def test_llm_eval_scores_and_counts_tokens_then_reruns_for_free(
    settings: Settings, server: ScriptedServer, engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a data folder with one invoice2data-style document and its truth
    compare = tmp_path / "data" / "invoice2data" / "compare"
    compare.mkdir(parents=True)
    (compare / "acme.txt").write_text(INVOICE_TEXT, encoding="utf-8")
    (compare / "acme.json").write_text(
        json.dumps(
            {
                "issuer": "ACME Tools GmbH",
                "invoice_number": "RE-2026-0042",
                "date": "2026-03-12",
                "amount": 51.17,
                "currency": "EUR",
            }
        ),
        encoding="utf-8",
    )
    cfg = llm_settings(settings, server.base_url)
    server.script.append(tool_call(GOOD_ANSWER, usage=(1000, 200)))
    with Session(engine) as session:
        # WHEN the eval runs twice
        first = run_llm_invoice_eval(tmp_path / "data", settings=cfg, session=session)
        second = run_llm_invoice_eval(tmp_path / "data", settings=cfg, session=session)
    # THEN the first scores the fields and reports tokens and cost per document; the second costs 0
    assert first is not None and second is not None
    (result,) = first
    assert result.fields["total"].accuracy == 1.0 and result.fields["vendor"].accuracy == 1.0
    assert (result.tokens_in, result.tokens_out, result.cost) == (1000, 200, Decimal("0.001400"))
    assert (second[0].tokens_in, second[0].cache_hits) == (0, 1)
    assert len(server.requests) == 1
    assert llm_table_rows(first)[0][4] == "1000"
    report = write_llm_report(first, tmp_path / "report.json")
    assert json.loads(report.read_text())["sources"][0]["tokens_in_per_document"] == 1000.0
    # AND an absent data folder is a clean skip
    assert run_llm_invoice_eval(tmp_path / "absent", settings=cfg) is None


def test_llm_one_page_prompt_fits_the_budget(settings: Settings) -> None:
    (size,) = measure_prompt_tokens([("acme", parsed_invoice())], settings=settings)
    assert not size.chunked and 0 < size.approx_tokens <= 1500
