"""The conversation chain: per conversation, the customer's sentiment (label and score), the intent
(from the configured taxonomy), the urgency with the message ids that show it.

Before anything leaves the machine, emails, phone numbers, IBANs, card numbers and the person names
the offline detector finds are replaced by placeholders (`opsloop.llm.redaction`); the mapping stays
in memory here and puts the originals back into the evidence. Authors' names are never sent (only
roles). When the model's answer cannot be validated or the endpoint is down, the offline analysis
stands with an `llm:pending` or `llm:rejected` evidence entry saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from opsloop.converse.analysis import analyse_conversation, analyse_messages
from opsloop.converse.intent import Taxonomy, load_taxonomy
from opsloop.domain.conversations import (
    ConversationAnalysis,
    Evidence,
    Sentiment,
    SentimentLabel,
    Trajectory,
    Transcript,
    Urgency,
)
from opsloop.llm.client import LLMClient
from opsloop.llm.ledger import run_structured
from opsloop.llm.prompts import load_prompt
from opsloop.llm.redaction import Redactor
from opsloop.settings import Settings


class ConversationAnswer(BaseModel):
    """The customer's sentiment, the conversation's intent and its urgency, with the ids of the
    messages that show each."""

    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")

    sentiment_label: SentimentLabel
    sentiment_score: float = Field(ge=-1.0, le=1.0)
    """-1 very negative .. 1 very positive."""
    sentiment_message_ids: list[str] = Field(default_factory=list)
    trajectory: Trajectory = Trajectory.STEADY
    """How the customer's mood moved over the conversation."""
    intent: str | None = None
    """One label from the list in the instructions, or null."""
    intent_message_ids: list[str] = Field(default_factory=list)
    urgency: Urgency
    urgency_message_ids: list[str] = Field(default_factory=list)
    """The messages that show the urgency (required for high and critical)."""
    urgency_phrases: list[str] = Field(default_factory=list)
    """Short quotes from those messages."""


@dataclass
class ConversationChainResult:
    analysis: ConversationAnalysis
    outcome: str
    """ok | cache_hit | fallback (the offline analysis stands)"""
    sent_text: str = ""
    """The redacted conversation as it was sent (for audit; no personal data)."""
    redactions: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost: Decimal | None = Decimal(0)
    calls: int = 0
    errors: list[str] = field(default_factory=list)


def known_names(transcript: Transcript) -> list[str]:
    names = [transcript.customer or ""] + [m.author or "" for m in transcript.messages]
    return [n for n in names if n.strip()]


def render_transcript(transcript: Transcript, redactor: Redactor) -> str:
    """One line per message, `[id] role: text`, redacted."""
    lines: list[str] = []
    if transcript.subject:
        lines.append(f"[subject] {redactor.redact(transcript.subject)}")
    for message in transcript.messages:
        text = " ".join(redactor.redact(message.text).split())
        lines.append(f"[{message.id}] {message.role.value}: {text}")
    return "\n".join(lines)


def validate_answer(answer: ConversationAnswer, transcript: Transcript, taxonomy: Taxonomy) -> list[str]:
    errors: list[str] = []
    ids = {m.id for m in transcript.messages} | {"subject"}
    for name in ("sentiment_message_ids", "intent_message_ids", "urgency_message_ids"):
        unknown = [i for i in getattr(answer, name) if i not in ids]
        if unknown:
            errors.append(f"{name}: {', '.join(unknown)} are not message ids of this conversation")
    labels = [i.label for i in taxonomy.intents]
    if answer.intent is not None and answer.intent not in labels:
        errors.append(f"intent {answer.intent!r} is not one of: {', '.join(labels)} (or null)")
    if answer.urgency.is_urgent and not answer.urgency_message_ids:
        errors.append(f"urgency {answer.urgency.value} needs the ids of the messages that show it")
    sign = {SentimentLabel.NEGATIVE: -1, SentimentLabel.POSITIVE: 1}.get(answer.sentiment_label, 0)
    if sign and answer.sentiment_score * sign < 0:
        errors.append(
            f"sentiment_score {answer.sentiment_score} contradicts sentiment_label {answer.sentiment_label.value}"
        )
    return errors


def run_conversation_chain(
    transcript: Transcript,
    *,
    settings: Settings,
    session: Session | None = None,
    taxonomy: Taxonomy | None = None,
    document_id: int | None = None,
    client: LLMClient | None = None,
) -> ConversationChainResult:
    """The chain with its token and cost figures; see `analyse_conversation_llm`."""
    taxonomy = taxonomy or load_taxonomy()
    redactor = Redactor(known_names=known_names(transcript))
    text = render_transcript(transcript, redactor)
    intents = ", ".join(i.label for i in taxonomy.intents)
    chain = run_structured(
        load_prompt("conversation_analysis", settings.llm.prompts_dir),
        text,
        ConversationAnswer,
        lambda answer: validate_answer(answer, transcript, taxonomy),
        settings=settings.llm,
        purpose="conversation_analysis",
        session=session,
        document_id=document_id,
        client=client,
        system_vars={"intents": intents},
    )
    common = {
        "sent_text": text,
        "redactions": len(redactor.mapping),
        "tokens_in": chain.tokens_in,
        "tokens_out": chain.tokens_out,
        "cost": chain.cost,
        "calls": chain.calls,
    }
    answer = chain.answer
    if answer is None:
        offline = analyse_conversation(transcript, taxonomy=taxonomy)
        label = "llm:pending" if chain.outcome == "unavailable" else "llm:rejected"
        offline.evidence.append(Evidence(label=label, phrases=[e[:300] for e in chain.errors[:5]]))
        return ConversationChainResult(analysis=offline, outcome="fallback", errors=chain.errors, **common)  # type: ignore[arg-type]
    analysis = ConversationAnalysis(
        sentiment=Sentiment(label=answer.sentiment_label, score=answer.sentiment_score),
        trajectory=answer.trajectory,
        urgency=answer.urgency,
        intent=answer.intent,
        messages=analyse_messages(
            [m.text for m in transcript.messages],
            ids=[m.id for m in transcript.messages],
            roles=[m.role for m in transcript.messages],
        ),
        evidence=[
            Evidence(
                label=f"sentiment:{answer.sentiment_label.value}", message_ids=answer.sentiment_message_ids
            ),
            Evidence(
                label=f"urgency:{answer.urgency.value}",
                message_ids=answer.urgency_message_ids,
                phrases=[redactor.restore(p) for p in answer.urgency_phrases],
            ),
            *(
                [Evidence(label=f"intent:{answer.intent}", message_ids=answer.intent_message_ids)]
                if answer.intent
                else []
            ),
        ],
        analysis_method=f"llm:{settings.llm.model}",
    )
    compare_engines(analysis, analyse_conversation(transcript, taxonomy=taxonomy))
    return ConversationChainResult(analysis=analysis, outcome=chain.outcome, **common)  # type: ignore[arg-type]


def compare_engines(model: ConversationAnalysis, offline: ConversationAnalysis) -> list[str]:
    """Record, as evidence on the model's analysis, where the offline engine agrees and where it does
    not (a disagreement is for a person to look at). Returns the labels the engines disagree on."""
    pairs = {
        "sentiment": (model.sentiment.label.value, offline.sentiment.label.value),
        "urgency": (model.urgency.value, offline.urgency.value),
        "intent": (model.intent or "none", offline.intent or "none"),
    }
    disagree = [name for name, (ours, theirs) in pairs.items() if ours != theirs]
    for name, (ours, theirs) in pairs.items():
        verdict = "engines_disagree" if name in disagree else "engines_agree"
        model.evidence.append(
            Evidence(label=f"{verdict}:{name}", phrases=[f"model: {ours}", f"offline: {theirs}"])
        )
    return disagree


def analyse_conversation_llm(
    transcript: Transcript,
    *,
    settings: Settings,
    session: Session | None = None,
    taxonomy: Taxonomy | None = None,
    document_id: int | None = None,
    client: LLMClient | None = None,
) -> ConversationAnalysis:
    """Analyse a conversation with the configured model (personal data redacted before sending);
    the offline analysis stands, with the reason in its evidence, when the model cannot be used.
    Per-message scores are the offline ones (the model judges the conversation as a whole)."""
    return run_conversation_chain(
        transcript,
        settings=settings,
        session=session,
        taxonomy=taxonomy,
        document_id=document_id,
        client=client,
    ).analysis
