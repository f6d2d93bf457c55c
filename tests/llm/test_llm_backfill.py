"""Documents that went on with the offline engines while the endpoint was down get their LLM pass
once it answers again; decided ones are left alone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.service import ingest_and_process, llm_backfill
from opsloop.settings import Settings
from opsloop.store.tables import Document, Invoice, LLMCall, Proposal
from tests import samples
from tests.llm.llm_helpers import GOOD_ANSWER, INVOICE_TEXT, ScriptedServer, Step, llm_settings, tool_call


def test_an_invoice_that_fell_back_gets_its_llm_pass_when_the_endpoint_is_back(
    settings: Settings, engine: Engine, server: ScriptedServer, tmp_path: Path
) -> None:
    # GIVEN an endpoint that is down while an invoice PDF comes in
    cfg = llm_settings(settings, server.base_url, max_retries=0, breaker_failures=10)
    server.script += [Step(status=503) for _ in range(4)]
    pdf = samples.write(tmp_path / "in", "acme.pdf", samples.text_pdf(INVOICE_TEXT.splitlines()))
    outcomes, _ = ingest_and_process(engine, cfg, [pdf], move=False)
    document_id = outcomes[0].document_id
    with Session(engine) as session:
        invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).one()
        assert invoice.extraction_method == "rules"  # the offline engine stood in
        assert session.exec(select(LLMCall.outcome)).all()[-1] in ("error", "fallback")
        state_before = session.get(Document, document_id).state  # type: ignore[union-attr]
    assert state_before == "in_review"

    # WHEN the endpoint answers again and the backfill job runs
    server.script.clear()
    server.script.append(tool_call(GOOD_ANSWER))
    rerun = llm_backfill(engine, cfg)

    # THEN the invoice was extracted by the model (cross-checked by rules) and is back in review,
    # with its one proposal recalculated rather than a second one added
    assert rerun == [document_id]
    with Session(engine) as session:
        invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).one()
        assert invoice.extraction_method.startswith("llm")
        assert invoice.invoice_number == "RE-2026-0042"
        assert session.get(Document, document_id).state == "in_review"  # type: ignore[union-attr]
        assert len(session.exec(select(Proposal).where(Proposal.document_id == document_id)).all()) == 1
    # AND a second run finds nothing left to do
    assert llm_backfill(engine, cfg) == []


def test_backfill_does_nothing_without_an_endpoint(settings: Settings, engine: Engine) -> None:
    assert llm_backfill(engine, settings) == []
