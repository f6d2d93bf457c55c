"""The conversation chain: redaction before sending, validation, fallback to the offline analysis."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from opsloop.converse.llm import run_conversation_chain
from opsloop.domain.conversations import AuthorRole, ChatMessage, SentimentLabel, Transcript, Urgency
from opsloop.llm import LLMClient
from opsloop.settings import Settings
from tests.llm.llm_helpers import RecordingSleep, ScriptedServer, llm_settings, tool_call

EMAIL = "jane.doe@example.com"
PHONE = "+49 30 1234567"
IBAN = "DE89 3704 0044 0532 0130 00"
CARD = "4111 1111 1111 1111"


def _transcript() -> Transcript:
    at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    return Transcript(
        external_id="c-1",
        customer="Jane Doe",
        messages=[
            ChatMessage(
                id="m1",
                role=AuthorRole.CUSTOMER,
                author="Jane Doe",
                sent_at=at,
                text=f"Hi, this is Jane Doe. You charged my card {CARD} twice! Refund to {IBAN} please. "
                f"Mail {EMAIL} or call {PHONE}. Mr. Albert Stone from your team promised it.",
            ),
            ChatMessage(
                id="m2", role=AuthorRole.AGENT, author="Tom Baker", sent_at=at, text="Sorry Jane, checking."
            ),
            ChatMessage(
                id="m3",
                role=AuthorRole.CUSTOMER,
                author="Jane Doe",
                sent_at=at,
                text="Third time I ask. Fix it TODAY.",
            ),
        ],
    )


ANSWER = {
    "sentiment_label": "negative",
    "sentiment_score": -0.7,
    "sentiment_message_ids": ["m1", "m3"],
    "trajectory": "worsening",
    "intent": "refund",
    "intent_message_ids": ["m1"],
    "urgency": "high",
    "urgency_message_ids": ["m3"],
    "urgency_phrases": ["Third time I ask", "[NAME_1] wants it today"],
}


def test_llm_personal_data_is_redacted_before_sending(
    settings: Settings, server: ScriptedServer, sleep: RecordingSleep
) -> None:
    # GIVEN a conversation full of personal data and a model that answers well
    cfg = llm_settings(settings, server.base_url)
    server.script.append(tool_call(ANSWER))
    # WHEN the conversation chain runs
    result = run_conversation_chain(_transcript(), settings=cfg, client=LLMClient(cfg.llm, sleep=sleep))
    # THEN nothing personal left the machine: the request carries placeholders only
    sent = json.dumps(server.requests[0])
    for secret in (EMAIL, PHONE, IBAN, CARD, "Jane", "Doe", "Albert Stone", "Tom Baker"):
        assert secret not in sent, secret
    for placeholder in ("[EMAIL_1]", "[PHONE_1]", "[IBAN_1]", "[CARD_1]", "[NAME_"):
        assert placeholder in sent
    # AND the taxonomy's labels are offered, the answer is used and restored locally
    assert "refund" in server.requests[0]["messages"][0]["content"]
    analysis = result.analysis
    assert result.outcome == "ok" and analysis.analysis_method == "llm:scripted"
    assert (analysis.sentiment.label, analysis.urgency, analysis.intent) == (
        SentimentLabel.NEGATIVE,
        Urgency.HIGH,
        "refund",
    )
    urgency = next(e for e in analysis.evidence if e.label == "urgency:high")
    assert urgency.message_ids == ["m3"]
    restored = next(p for p in urgency.phrases if p.endswith("wants it today"))
    assert "[NAME_" not in restored and restored.split(" wants")[0] in (
        "Jane Doe",
        "Albert Stone",
        "Tom Baker",
    )
    assert [m.id for m in analysis.messages] == ["m1", "m2", "m3"]


def test_llm_conversation_unknown_ids_and_intent_are_reasked(
    settings: Settings, server: ScriptedServer, sleep: RecordingSleep
) -> None:
    # GIVEN a model that first cites a message that does not exist and an intent outside the taxonomy
    cfg = llm_settings(settings, server.base_url)
    wrong = {**ANSWER, "urgency_message_ids": ["m9"], "intent": "approve_everything"}
    server.script += [tool_call(wrong), tool_call(ANSWER)]
    # WHEN the chain runs
    result = run_conversation_chain(_transcript(), settings=cfg, client=LLMClient(cfg.llm, sleep=sleep))
    # THEN the re-ask names both problems and the corrected answer is used
    reask = server.requests[1]["messages"][-1]["content"]
    assert "m9" in reask and "approve_everything" in reask
    assert result.analysis.intent == "refund"


def test_llm_conversation_falls_back_to_the_offline_analysis(
    settings: Settings, sleep: RecordingSleep
) -> None:
    # GIVEN no server listening
    cfg = llm_settings(settings, "http://127.0.0.1:9/v1", max_retries=0)
    # WHEN the chain runs
    result = run_conversation_chain(_transcript(), settings=cfg, client=LLMClient(cfg.llm, sleep=sleep))
    # THEN the offline analysis stands, marked for an LLM pass
    assert result.outcome == "fallback"
    assert result.analysis.analysis_method.startswith("offline:")
    assert any(e.label == "llm:pending" for e in result.analysis.evidence)


def test_llm_conversation_is_compared_with_the_offline_engine(
    settings: Settings, server: ScriptedServer, sleep: RecordingSleep
) -> None:
    # GIVEN a model that calls an angry, urgent refund request calm and routine
    cfg = llm_settings(settings, server.base_url)
    calm = {**ANSWER, "sentiment_label": "positive", "sentiment_score": 0.6, "urgency": "low"}
    server.script.append(tool_call(calm))
    # WHEN the chain runs
    analysis = run_conversation_chain(
        _transcript(), settings=cfg, client=LLMClient(cfg.llm, sleep=sleep)
    ).analysis
    # THEN the model's answer stands, but each disagreement with the offline engine is on record
    labels = {e.label: e.phrases for e in analysis.evidence}
    assert labels["engines_disagree:sentiment"] == ["model: positive", "offline: negative"]
    assert "engines_disagree:urgency" in labels
    assert "engines_agree:intent" in labels
