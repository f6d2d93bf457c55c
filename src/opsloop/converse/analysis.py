"""The offline conversation analysis: sentiment, trajectory, urgency and intent, each with evidence."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from opsloop.converse.intent import Taxonomy, classify_intent, load_taxonomy
from opsloop.converse.metrics import customer_waits, seconds_between, unanswered_tail
from opsloop.converse.sentiment import label_score, load_lexicon, score_message
from opsloop.converse.urgency import load_urgency_rules, score_urgency, sum_points
from opsloop.domain.conversations import (
    AuthorRole,
    ConversationAnalysis,
    Evidence,
    MessageAnalysis,
    Sentiment,
    SentimentLabel,
    Signal,
    Trajectory,
    Transcript,
)

TRAJECTORY_DELTA = 0.3
"""How far the customer's later messages must move from the earlier ones to count as a change."""
_SENTIMENT_KINDS = frozenset(
    {"sentiment", "sarcasm", "waiting", "repeat_contact", "cancel_threat", "emoji", "politeness"}
)
_URGENCY_KINDS = frozenset(
    {
        "critical",
        "impact",
        "problem",
        "escalation",
        "repeat_contact",
        "waiting",
        "cancel_threat",
        "money",
        "shouting",
        "exclamations",
        "sentiment",
        "timing",
    }
)


def analysis_method() -> str:
    return f"offline:{load_lexicon().version}"


def analyse_message(text: str, *, id: str | None = None, role: AuthorRole | None = None) -> MessageAnalysis:
    """Sentiment and urgency of one message, with the signals behind them."""
    sentiment = score_message(text)
    points, urgency_signals = score_urgency(text, sentiment_score=sentiment.score)
    return MessageAnalysis(
        id=id,
        role=role,
        label=sentiment.label,
        score=sentiment.score,
        urgency=load_urgency_rules().level(points),
        urgency_points=points,
        signals=[*sentiment.signals, *(_urgency_signal(s) for s in urgency_signals)],
    )


def _urgency_signal(signal: Signal) -> Signal:
    # Urgency signals share kinds with sentiment signals ("waiting"); prefix them to keep them apart.
    return signal.model_copy(update={"kind": f"urgency:{signal.kind}"})


def _weighted_mean(scores: list[float]) -> float:
    weights = range(1, len(scores) + 1)
    return sum(w * s for w, s in zip(weights, scores, strict=True)) / sum(weights)


def _trajectory(scores: list[float]) -> Trajectory:
    if len(scores) < 2:
        return Trajectory.STEADY
    half = len(scores) // 2
    early = sum(scores[:half]) / half
    late = sum(scores[-half:]) / half
    if late - early >= TRAJECTORY_DELTA:
        return Trajectory.IMPROVING
    if early - late >= TRAJECTORY_DELTA:
        return Trajectory.WORSENING
    return Trajectory.STEADY


def analyse_conversation(transcript: Transcript, *, taxonomy: Taxonomy | None = None) -> ConversationAnalysis:
    """The whole conversation: the customer's sentiment (later messages weigh more) and its trajectory,
    urgency from every customer message plus waiting times, the intent from the taxonomy."""
    taxonomy = taxonomy or load_taxonomy()
    rules = load_urgency_rules()
    results = [analyse_message(m.text, id=m.id, role=m.role) for m in transcript.messages]
    customer = [r for r in results if r.role is AuthorRole.CUSTOMER] or [
        r for r in results if r.role is not AuthorRole.SYSTEM
    ]
    evidence: list[Evidence] = []

    scores = [r.score for r in customer]
    score = round(_weighted_mean(scores), 4) if scores else 0.0
    label = label_score(score)
    sentiment_sign = {SentimentLabel.NEGATIVE: -1, SentimentLabel.POSITIVE: 1}.get(label, 0)
    backing = [r for r in customer if r.label is label]
    evidence.append(
        Evidence(
            label=f"sentiment:{label.value}",
            message_ids=[r.id for r in backing if r.id is not None],
            phrases=_dedupe(
                s.phrase
                for r in backing
                for s in r.signals
                if s.kind in _SENTIMENT_KINDS and (sentiment_sign == 0 or s.weight * sentiment_sign > 0)
            ),
        )
    )

    trajectory = _trajectory(scores)
    if customer:
        first, last = customer[0], customer[-1]
        evidence.append(
            Evidence(
                label=f"trajectory:{trajectory.value}",
                message_ids=_dedupe(r.id for r in (first, last) if r.id is not None),
                phrases=[f"{first.label.value} {first.score:+.2f} -> {last.label.value} {last.score:+.2f}"],
            )
        )

    signals = [s for r in customer for s in r.signals if s.kind.startswith("urgency:")]
    timing = _timing_signals(transcript, rules.points)
    urgency_points = sum_points([*signals, *timing])
    urgency = rules.level(urgency_points)
    evidence.append(
        Evidence(
            label=f"urgency:{urgency.value}",
            message_ids=[r.id for r in customer if r.id is not None and r.urgency_points > 0],
            phrases=_dedupe(s.phrase for s in [*signals, *timing] if s.weight > 0),
        )
    )

    first_customer = next((m.id for m in transcript.messages if m.role is AuthorRole.CUSTOMER), None)
    texts = [
        (m.id, m.text, (1.5 if m.id == first_customer else 1.0) if m.role is AuthorRole.CUSTOMER else 0.5)
        for m in transcript.messages
        if m.role in (AuthorRole.CUSTOMER, AuthorRole.AGENT)
    ]
    if transcript.subject:
        texts.insert(0, ("subject", transcript.subject, 2.0))
    match = classify_intent(texts, taxonomy)
    if match is not None:
        evidence.append(
            Evidence(label=f"intent:{match.label}", message_ids=match.message_ids, phrases=match.phrases)
        )

    return ConversationAnalysis(
        sentiment=Sentiment(label=label, score=max(-1.0, min(1.0, score))),
        trajectory=trajectory,
        urgency=urgency,
        urgency_points=urgency_points,
        intent=match.label if match is not None else None,
        messages=results,
        evidence=evidence,
        analysis_method=analysis_method(),
    )


def _timing_signals(transcript: Transcript, points: dict[str, float]) -> list[Signal]:
    """Waiting for an agent (from timestamps) and customer messages piling up unanswered."""
    signals: list[Signal] = []
    waits = [w for _, w in customer_waits(transcript.messages)]
    first_unanswered, unanswered = unanswered_tail(transcript.messages)
    timed = [m.sent_at for m in transcript.messages if m.sent_at is not None]
    if first_unanswered is not None and first_unanswered.sent_at is not None and timed:
        waits.append(seconds_between(first_unanswered.sent_at, max(timed)))
    longest = max(waits, default=Decimal(0))
    if longest > 86_400:
        signals.append(
            Signal(
                kind="urgency:timing",
                phrase=f"waited {longest / 3600:.1f} h for an agent",
                weight=points.get("wait_day", 0),
            )
        )
    elif longest > 3_600:
        signals.append(
            Signal(
                kind="urgency:timing",
                phrase=f"waited {longest / 3600:.1f} h for an agent",
                weight=points.get("wait_hour", 0),
            )
        )
    if unanswered >= 3:
        signals.append(
            Signal(
                kind="urgency:unanswered",
                phrase=f"{unanswered} customer messages unanswered",
                weight=points.get("unanswered_repeat", 0),
            )
        )
    return signals


def _dedupe(items: Iterable[str | None]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item is not None and item not in seen:
            seen.append(item)
    return seen
