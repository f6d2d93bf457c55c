"""Both chains against a real OpenAI-compatible server (`make test-live-local`); skipped otherwise.

A tiny model answers poorly: these tests check that protocol, validation, re-ask, cache and
fallback hold, not the answers' quality."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.converse.llm import run_conversation_chain
from opsloop.domain.conversations import AuthorRole, ChatMessage, Transcript
from opsloop.extract.llm import run_invoice_chain
from opsloop.settings import LLMSettings, Settings
from opsloop.store.tables import LLMCall
from tests.llm.llm_helpers import parsed_invoice

LIVE_URL = os.environ.get("OPSLOOP_TEST_LIVE_LLM_URL")
pytestmark = pytest.mark.skipif(not LIVE_URL, reason="no live server (run `make test-live-local`)")


def _live(settings: Settings) -> Settings:
    llm = LLMSettings(
        base_url=LIVE_URL,
        model=os.environ.get("OPSLOOP_TEST_LIVE_LLM_MODEL", "gemma3-270m"),
        max_tokens=768,
        timeout_seconds=300,
        max_retries=1,
        max_reasks=1,
    )
    return settings.model_copy(update={"llm": llm})


def test_llm_live_invoice_chain_holds(settings: Settings, engine: Engine) -> None:
    cfg = _live(settings)
    with Session(engine) as session:
        # WHEN a real model extracts the invoice twice
        first = run_invoice_chain(parsed_invoice(), settings=cfg, session=session)
        second = run_invoice_chain(parsed_invoice(), settings=cfg, session=session)
        calls = session.exec(select(LLMCall).order_by(col(LLMCall.id))).all()
    # THEN the server was reached, usage was recorded, and the result is either a validated
    # answer (then cached: the re-run costs 0) or the rules result with the reason
    assert first.outcome in ("ok", "fallback"), first.errors
    assert first.calls >= 1 and first.tokens_in > 0
    assert calls[0].outcome in ("ok", "reasked", "invalid") and calls[0].tokens_in > 0
    if first.outcome == "ok":
        assert (second.outcome, second.tokens_in) == ("cache_hit", 0)
    else:
        assert any(c.name == "llm_extraction" for c in first.extraction.checks)
        assert first.extraction.extraction_method == "rules"
    print(
        f"invoice: {first.outcome}, {first.calls} calls, {first.tokens_in} tokens in, {first.tokens_out} out"
    )


def test_llm_live_conversation_chain_holds(settings: Settings, engine: Engine) -> None:
    cfg = _live(settings)
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    transcript = Transcript(
        customer="Jane Doe",
        messages=[
            ChatMessage(
                id="1",
                role=AuthorRole.CUSTOMER,
                sent_at=at,
                text="My order never arrived and I want a refund now. Call me on +49 30 1234567.",
            ),
            ChatMessage(id="2", role=AuthorRole.AGENT, sent_at=at, text="Sorry Jane, I am checking it."),
        ],
    )
    with Session(engine) as session:
        result = run_conversation_chain(transcript, settings=cfg, session=session)
    assert result.outcome in ("ok", "fallback"), result.errors
    assert "+49 30 1234567" not in result.sent_text and "Jane" not in result.sent_text
    assert result.calls >= 1 and result.tokens_in > 0
    print(f"conversation: {result.outcome}, {result.analysis.analysis_method}, {result.errors[:1]}")
