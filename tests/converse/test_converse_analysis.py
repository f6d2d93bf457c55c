"""Whole-conversation analysis: sentiment over the customer's messages, trajectory, urgency, intent, evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from opsloop.converse import analyse_conversation, load_taxonomy
from opsloop.domain.conversations import (
    AuthorRole,
    ChatMessage,
    SentimentLabel,
    Trajectory,
    Transcript,
    Urgency,
)
from opsloop.errors import ConfigError

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def chat(*turns: tuple[str, str] | tuple[str, str, int], subject: str | None = None) -> Transcript:
    """turns: (role, text) or (role, text, minutes after T0)."""
    messages = []
    for index, turn in enumerate(turns, start=1):
        role, text = turn[0], turn[1]
        minutes = turn[2] if len(turn) == 3 else None
        messages.append(
            ChatMessage(
                id=f"m{index}",
                role=AuthorRole(role),
                text=text,
                sent_at=T0 + timedelta(minutes=minutes) if minutes is not None else None,
            )
        )
    return Transcript(subject=subject, messages=messages)


def test_worsening_conversation() -> None:
    analysis = analyse_conversation(
        chat(
            ("customer", "Hi, could you tell me when my order ships?"),
            ("agent", "It ships next week."),
            ("customer", "Next week?! This is ridiculous, I paid for express. Worst service ever."),
        )
    )
    assert analysis.trajectory is Trajectory.WORSENING
    assert analysis.sentiment.label is SentimentLabel.NEGATIVE
    evidence = {e.label: e for e in analysis.evidence}
    assert evidence["trajectory:worsening"].message_ids == ["m1", "m3"]
    assert "m3" in evidence["sentiment:negative"].message_ids
    assert any("Worst" in p or "ridiculous" in p for p in evidence["sentiment:negative"].phrases)


def test_improving_conversation_ends_positive() -> None:
    analysis = analyse_conversation(
        chat(
            ("customer", "My package is lost and nobody answers my emails."),
            ("agent", "I'm sorry! I have sent a replacement with express shipping."),
            ("customer", "Wow, thank you so much, that's great service!"),
        )
    )
    assert analysis.trajectory is Trajectory.IMPROVING
    assert analysis.sentiment.label is SentimentLabel.POSITIVE  # the last message weighs most


def test_agent_politeness_does_not_make_an_angry_customer_positive() -> None:
    analysis = analyse_conversation(
        chat(
            ("customer", "Still waiting for my refund. Third time I ask. Unacceptable."),
            ("agent", "Thank you so much for your patience, we really appreciate it, have a wonderful day!"),
        )
    )
    assert analysis.sentiment.label is SentimentLabel.NEGATIVE
    assert analysis.trajectory is Trajectory.STEADY


def test_urgency_rises_with_waiting_time_from_timestamps() -> None:
    quick = analyse_conversation(chat(("customer", "Where is my order?", 0), ("agent", "On its way.", 2)))
    slow = analyse_conversation(
        chat(("customer", "Where is my order?", 0), ("agent", "On its way.", 26 * 60))
    )
    assert slow.urgency_points > quick.urgency_points
    urgency = next(e for e in slow.evidence if e.label.startswith("urgency:"))
    assert any("waited 26.0 h" in p for p in urgency.phrases)


def test_unanswered_repeated_messages_add_urgency() -> None:
    analysis = analyse_conversation(
        chat(("customer", "hello?", 0), ("customer", "anyone there?", 5), ("customer", "please answer", 10))
    )
    assert any("3 customer messages unanswered" in p for e in analysis.evidence for p in e.phrases)


def test_escalation_in_a_conversation_is_critical() -> None:
    analysis = analyse_conversation(
        chat(
            (
                "customer",
                "I was charged twice for order 5512, $2,400 in total. Fix it immediately or I "
                "will cancel my account and file a complaint with consumer protection.",
            )
        )
    )
    assert analysis.urgency is Urgency.CRITICAL


def test_intent_comes_with_its_evidence() -> None:
    analysis = analyse_conversation(
        chat(
            ("customer", "I would like a refund for the cancelled order, please send my money back."),
            ("agent", "Sure, the refund is on its way."),
        )
    )
    assert analysis.intent == "refund"
    evidence = next(e for e in analysis.evidence if e.label == "intent:refund")
    assert "m1" in evidence.message_ids
    assert {"refund", "money back"} <= {p.lower() for p in evidence.phrases}


def test_german_intent() -> None:
    analysis = analyse_conversation(chat(("customer", "Ich möchte meinen Vertrag kündigen.")))
    assert analysis.intent == "cancellation"


def test_no_intent_phrase_means_no_intent() -> None:
    analysis = analyse_conversation(chat(("customer", "hello"), ("agent", "hi")))
    assert analysis.intent is None
    assert not any(e.label.startswith("intent:") for e in analysis.evidence)


def test_a_custom_taxonomy_file_is_used(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_text(
        'version = "t1"\n[[intent]]\nlabel = "pet_travel"\nqueue = "special"\n'
        '[intent.phrases]\nen = ["(my )?(dog|cat)", "pet carrier"]\nfr = ["chien", "chat"]\n',
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.queue_for("pet_travel") == "special"
    analysis = analyse_conversation(chat(("customer", "Can my dog fly in a pet carrier?")), taxonomy=taxonomy)
    assert analysis.intent == "pet_travel"
    assert (
        analyse_conversation(chat(("customer", "Mon chien peut voyager?")), taxonomy=taxonomy).intent
        == "pet_travel"
    )


def test_a_broken_taxonomy_file_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[intent]]\nlabel = "x"\n[intent.phrases]\nen = ["(unclosed"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not a valid pattern"):
        load_taxonomy(path)


def test_every_message_is_analysed_and_the_method_is_recorded() -> None:
    transcript = chat(("customer", "hi"), ("bot", "Hello! How can I help?"), ("agent", "Hi there"))
    analysis = analyse_conversation(transcript)
    assert [m.id for m in analysis.messages] == ["m1", "m2", "m3"]
    assert [m.role for m in analysis.messages] == [AuthorRole.CUSTOMER, AuthorRole.BOT, AuthorRole.AGENT]
    assert analysis.analysis_method == "offline:lexicon-v1+learned-v1"
    assert -1 <= analysis.sentiment.score <= 1
