"""The LLM chain is shown the nearest corrected documents, with their corrections, fenced as data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.llm import reset_endpoint_guards
from opsloop.llm.prompts import FENCE_CLOSE, FENCE_OPEN
from opsloop.settings import Settings
from opsloop.store.tables import LLMCall
from tests.llm.llm_helpers import ScriptedServer, Step, llm_settings
from tests.memory.memory_world import BILLS, correct, invoice_pdf, make_vendor, read, seed_world, take_in


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    reset_endpoint_guards()
    with ScriptedServer() as running:
        yield running
    reset_endpoint_guards()


def test_the_nearest_corrected_documents_go_into_the_prompt_as_fenced_examples(
    engine: Engine, settings: Settings, server: ScriptedServer
) -> None:
    # GIVEN an LLM endpoint that refuses every request (the rules engine stands in), and a vendor
    # whose first invoice rita corrected
    configured = llm_settings(settings, server.base_url, max_retries=0)
    server.script += [Step(status=400), Step(status=400)]
    vendor = make_vendor()
    seed_world(engine, configured, [vendor])
    first = take_in(engine, configured, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    assert "Example 1" not in "".join(m["content"] for m in server.requests[0]["messages"])
    correct(engine, first, {"due_date": "2026-04-01"})
    # WHEN the vendor's next invoice is read
    second = take_in(engine, configured, "kv-0117.pdf", invoice_pdf(vendor, BILLS[1]))
    # THEN the model was asked with the examples prompt: the corrected invoice and its correction,
    # fenced as untrusted data in the user message, never in the instructions
    request = server.requests[-1]
    system = next(m["content"] for m in request["messages"] if m["role"] == "system")
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    assert "KT-2026-0101" not in system and "never copy a value from an example" in system
    example, document = user.split("Extract the invoice below.")
    assert example.count(FENCE_OPEN) == 1 and example.count(FENCE_CLOSE) == 1
    assert "KT-2026-0101" in example and 'due_date: read nothing, corrected to "2026-04-01"' in example
    assert "KT-2026-0117" in document and "KT-2026-0117" not in example
    with Session(engine) as session:
        calls = session.exec(select(LLMCall).order_by(col(LLMCall.id))).all()
    assert [c.prompt_name for c in calls] == ["invoice_extract", "invoice_extract_examples"]
    # AND with the model down, vendor memory still reads what the correction taught
    assert read(engine, second).due_date == BILLS[1].due
