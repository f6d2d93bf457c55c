"""Conversation timing and the per-interval metrics the staffing planner runs on.

Definitions (all durations exact, in seconds, as Decimal):
- started_at: the first customer message (else the first timed message);
- first response: the first *agent* message after started_at (bot and system messages do not count);
- handle time: ended_at (the last message) - first_response_at; counted only when an agent answered;
- waiting time: for every customer turn, from its first unanswered customer message to the next agent
  message, summed over the conversation (the first wait is the first-response time);
- volume: conversations whose started_at falls in the interval (arrivals); transcripts without any
  timestamp cannot be placed and are left out of the metrics.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Literal

from opsloop.domain.conversations import (
    AuthorRole,
    ChatMessage,
    ConversationAnalysis,
    ConversationRecord,
    IntervalMetrics,
    SentimentLabel,
    Transcript,
)

GroupKey = Literal["queue", "intent"]
_AVERAGE = Decimal("0.001")
_SHARE = Decimal("0.0001")


def seconds_between(start: datetime, end: datetime) -> Decimal:
    """Exact seconds from start to end (microseconds kept)."""
    delta: timedelta = end - start
    return Decimal(delta.days * 86_400 + delta.seconds) + Decimal(delta.microseconds) / Decimal(1_000_000)


def customer_waits(messages: Iterable[ChatMessage]) -> list[tuple[str, Decimal]]:
    """(id of the customer message that started the wait, seconds until an agent answered), per turn."""
    waits: list[tuple[str, Decimal]] = []
    pending: ChatMessage | None = None
    for message in messages:
        if message.sent_at is None:
            continue
        if message.role is AuthorRole.CUSTOMER and pending is None:
            pending = message
        elif message.role is AuthorRole.AGENT and pending is not None and pending.sent_at is not None:
            waits.append((pending.id, max(Decimal(0), seconds_between(pending.sent_at, message.sent_at))))
            pending = None
    return waits


def unanswered_tail(messages: Sequence[ChatMessage]) -> tuple[ChatMessage | None, int]:
    """The first of the customer messages still waiting at the end, and how many there are."""
    first: ChatMessage | None = None
    count = 0
    for message in messages:
        if message.role is AuthorRole.AGENT:
            first, count = None, 0
        elif message.role is AuthorRole.CUSTOMER:
            first = first or message
            count += 1
    return first, count


def to_record(transcript: Transcript, analysis: ConversationAnalysis | None = None) -> ConversationRecord:
    """The metrics input for one conversation (pure: nothing is looked up or guessed)."""
    timed = [m for m in transcript.messages if m.sent_at is not None]
    times = [m.sent_at for m in timed if m.sent_at is not None]
    customer_times = [m.sent_at for m in timed if m.role is AuthorRole.CUSTOMER and m.sent_at is not None]
    started_at = min(customer_times) if customer_times else (min(times) if times else None)
    first_response_at = None
    if started_at is not None:
        agent_times = [
            m.sent_at
            for m in timed
            if m.role is AuthorRole.AGENT and m.sent_at is not None and m.sent_at >= started_at
        ]
        first_response_at = min(agent_times) if agent_times else None
    waits = customer_waits(transcript.messages)
    return ConversationRecord(
        conversation_id=transcript.external_id,
        queue=transcript.queue,
        intent=analysis.intent if analysis is not None else None,
        channel=transcript.channel,
        started_at=started_at,
        first_response_at=first_response_at,
        ended_at=max(times) if times else None,
        message_times=sorted(times),
        customer_message_times=sorted(customer_times),
        waiting_seconds=sum((w for _, w in waits), Decimal(0)) if waits else None,
        sentiment=analysis.sentiment.label if analysis is not None else None,
        urgency=analysis.urgency if analysis is not None else None,
    )


def interval_start(moment: datetime, interval: Literal["hour", "day"]) -> datetime:
    """The start of the hour or day `moment` falls in (aware times are counted in UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    moment = moment.replace(minute=0, second=0, microsecond=0)
    return moment.replace(hour=0) if interval == "day" else moment


def _average(total: Decimal, count: int) -> Decimal | None:
    return (total / count).quantize(_AVERAGE) if count else None


def conversation_metrics(
    conversations: Sequence[ConversationRecord],
    *,
    interval: Literal["hour", "day"],
    by: Sequence[GroupKey] = ("queue", "intent"),
) -> list[IntervalMetrics]:
    """Volume, handle, first-response and waiting time, share negative and urgent, per interval and
    group (`by`: queue and/or intent; an empty `by` gives one row per interval). Sorted by interval,
    then queue, then intent. Conversations without a start time are left out."""
    groups: dict[tuple[datetime, str | None, str | None], list[ConversationRecord]] = {}
    for record in conversations:
        if record.started_at is None:
            continue
        key = (
            interval_start(record.started_at, interval),
            record.queue if "queue" in by else None,
            record.intent if "intent" in by else None,
        )
        groups.setdefault(key, []).append(record)
    rows: list[IntervalMetrics] = []
    for (start, queue, intent), records in groups.items():
        handle_total = Decimal(0)
        handled = 0
        response_total = Decimal(0)
        responded = 0
        waiting_total = Decimal(0)
        for record in records:
            if record.first_response_at is not None and record.started_at is not None:
                responded += 1
                response_total += seconds_between(record.started_at, record.first_response_at)
                waiting_total += record.waiting_seconds or Decimal(0)
                if record.ended_at is not None:
                    handled += 1
                    handle_total += seconds_between(record.first_response_at, record.ended_at)
        volume = len(records)
        negative = sum(1 for r in records if r.sentiment is SentimentLabel.NEGATIVE)
        urgent = sum(1 for r in records if r.urgency is not None and r.urgency.is_urgent)
        rows.append(
            IntervalMetrics(
                interval=interval,
                interval_start=start,
                queue=queue,
                intent=intent,
                volume=volume,
                messages=sum(len(r.message_times) for r in records),
                handled=handled,
                handle_seconds_total=handle_total,
                average_handle_seconds=_average(handle_total, handled),
                responded=responded,
                first_response_seconds_total=response_total,
                average_first_response_seconds=_average(response_total, responded),
                waiting_seconds_total=waiting_total,
                average_waiting_seconds=_average(waiting_total, responded),
                unanswered=volume - responded,
                negative=negative,
                urgent=urgent,
                share_negative=(Decimal(negative) / volume).quantize(_SHARE),
                share_urgent=(Decimal(urgent) / volume).quantize(_SHARE),
            )
        )
    rows.sort(key=lambda r: (r.interval_start.isoformat(), r.queue or "", r.intent or ""))
    return rows
