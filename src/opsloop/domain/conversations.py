"""Support conversations: transcripts as read from a file, their analysis, and the metrics input."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class AuthorRole(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    BOT = "bot"
    SYSTEM = "system"


class ChatMessage(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True)

    id: str
    """Stable id within the transcript (the source's id, else the 1-based position)."""
    role: AuthorRole
    author: str | None = None
    sent_at: datetime | None = None
    text: str


class Transcript(BaseModel):
    """One conversation as read from a transcript file, whatever its format."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    external_id: str | None = None
    channel: str | None = None
    """chat, email, phone, social, ..."""
    queue: str | None = None
    subject: str | None = None
    customer: str | None = None
    messages: list[ChatMessage] = Field(default_factory=list)


# --------------------------------------------------------------------------- analysis


class SentimentLabel(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class Trajectory(StrEnum):
    IMPROVING = "improving"
    STEADY = "steady"
    WORSENING = "worsening"


class Urgency(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _URGENCY_ORDER.index(self)

    @property
    def is_urgent(self) -> bool:
        """High and critical count as urgent in the metrics."""
        return self in (Urgency.HIGH, Urgency.CRITICAL)


_URGENCY_ORDER = (Urgency.LOW, Urgency.MEDIUM, Urgency.HIGH, Urgency.CRITICAL)


class _Analysis(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")


class Sentiment(_Analysis):
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0)
    """-1 (very negative) .. 1 (very positive)."""


class Signal(_Analysis):
    """One piece of evidence found in a message's text (or its timing)."""

    kind: str
    """sentiment | sarcasm | negation | contrast | emoji | escalation | repeat_contact | waiting |
    cancel_threat | shouting | money | critical | intent."""
    phrase: str
    """The text that triggered it, as written (or a description for timing signals)."""
    weight: float = 0.0
    """Its contribution: valence for sentiment signals, points for urgency signals."""


class ModelVote(_Analysis):
    """What a learned model (`converse/learned.py`) read in a message, beside the lexicon and rules."""

    label: str
    probabilities: dict[str, float] = Field(default_factory=dict)
    features: list[Signal] = Field(default_factory=list)
    """The model's top contributing features for this message (kind `model`: a word, a word pair or
    punctuation, weight = its share of the decision) and the rule engine's number it was given (kind
    `lexicon` or `rules`: the lexicon's score or the rule points, weight = its share)."""


class MessageAnalysis(_Analysis):
    id: str | None = None
    """The message id (ChatMessage.id, or the id given to `analyse --lines`)."""
    role: AuthorRole | None = None
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0)
    """P(positive) - P(negative) of the combined engine (the lexicon's own score: `lexicon_score`)."""
    urgency: Urgency = Urgency.LOW
    """Urgency judged from this message's text alone."""
    urgency_points: float = 0.0
    """The rule points (`urgency.toml`); the learned model reads them as a feature."""
    signals: list[Signal] = Field(default_factory=list)
    """The lexicon's and the urgency rules' evidence (phrases that drove them)."""
    lexicon_score: float | None = None
    """The lexicon engine's own compound score (-1..1), before the model."""
    sentiment_model: ModelVote | None = None
    urgency_model: ModelVote | None = None


class Evidence(_Analysis):
    label: str
    """What this evidence supports, e.g. `sentiment:negative`, `urgency:high`, `intent:refund`,
    `trajectory:worsening`."""
    message_ids: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)


class ConversationAnalysis(_Analysis):
    kind: Literal["conversation"] = "conversation"
    sentiment: Sentiment
    """The customer's sentiment over the conversation (later messages weigh more)."""
    trajectory: Trajectory
    urgency: Urgency
    urgency_points: float = 0.0
    intent: str | None = None
    """A label from the taxonomy, or None when no intent phrase was found."""
    messages: list[MessageAnalysis] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    analysis_method: str
    """How the result was produced, e.g. `offline:lexicon-v1`."""


# --------------------------------------------------------------------------- metrics


class ConversationRecord(_Analysis):
    """The pure input of the interval metrics: built from a Transcript and its analysis (`to_record`)."""

    conversation_id: str | None = None
    queue: str | None = None
    intent: str | None = None
    channel: str | None = None
    started_at: datetime | None = None
    """The first customer message (else the first message); None when the transcript has no times."""
    first_response_at: datetime | None = None
    """The first agent message after the conversation started; None when no agent answered."""
    ended_at: datetime | None = None
    """The last message."""
    message_times: list[datetime] = Field(default_factory=list)
    customer_message_times: list[datetime] = Field(default_factory=list)
    waiting_seconds: Decimal | None = None
    """Total time the customer waited for an agent: for each customer turn, from its first
    unanswered message to the next agent message. None without an agent reply or without times."""
    sentiment: SentimentLabel | None = None
    urgency: Urgency | None = None


class IntervalMetrics(_Analysis):
    """One interval x queue x intent. Durations are exact seconds (Decimal); averages divide the
    exact totals by the exact counts beside them."""

    interval: Literal["hour", "day"]
    interval_start: datetime
    queue: str | None = None
    intent: str | None = None
    volume: int
    """Conversations that started in the interval (arrivals, for Erlang C)."""
    messages: int = 0
    """Messages sent in the interval by conversations that started in it."""
    handled: int = 0
    """Conversations with a handle time (an agent answered and the conversation has an end)."""
    handle_seconds_total: Decimal = Decimal(0)
    """Sum over handled conversations of ended_at - first_response_at."""
    average_handle_seconds: Decimal | None = None
    responded: int = 0
    first_response_seconds_total: Decimal = Decimal(0)
    average_first_response_seconds: Decimal | None = None
    waiting_seconds_total: Decimal = Decimal(0)
    average_waiting_seconds: Decimal | None = None
    """Over the `responded` conversations."""
    unanswered: int = 0
    """Conversations with no agent reply at all."""
    negative: int = 0
    urgent: int = 0
    """High or critical urgency."""
    share_negative: Decimal = Decimal(0)
    share_urgent: Decimal = Decimal(0)
