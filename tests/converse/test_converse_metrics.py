"""Interval metrics over a synthetic day with known answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from opsloop.converse import conversation_metrics, to_record
from opsloop.domain.conversations import (
    AuthorRole,
    ChatMessage,
    ConversationAnalysis,
    ConversationRecord,
    Sentiment,
    SentimentLabel,
    Trajectory,
    Transcript,
    Urgency,
)

DAY = datetime(2026, 11, 27, tzinfo=UTC)


def at(hour: int, minute: int, second: float = 0) -> datetime:
    return DAY + timedelta(hours=hour, minutes=minute, seconds=second)


def transcript(queue: str, *turns: tuple[str, datetime]) -> Transcript:
    return Transcript(
        external_id=f"{queue}-{turns[0][1].isoformat()}",
        queue=queue,
        messages=[
            ChatMessage(id=str(i), role=AuthorRole(role), sent_at=moment, text="...")
            for i, (role, moment) in enumerate(turns, start=1)
        ],
    )


def analysis(intent: str, label: SentimentLabel, urgency: Urgency) -> ConversationAnalysis:
    return ConversationAnalysis(
        sentiment=Sentiment(label=label, score=0.0),
        trajectory=Trajectory.STEADY,
        urgency=urgency,
        intent=intent,
        analysis_method="test",
    )


def synthetic_day() -> list[ConversationRecord]:
    a = transcript(
        "billing",
        ("customer", at(9, 0)),
        ("bot", at(9, 0, 5)),
        ("agent", at(9, 2)),
        ("customer", at(9, 5)),
        ("agent", at(9, 6, 30)),
        ("customer", at(9, 10)),
    )
    b = transcript("billing", ("customer", at(9, 30)), ("agent", at(9, 40)), ("agent", at(9, 50)))
    c = transcript("billing", ("customer", at(10, 15)), ("customer", at(10, 20)))
    d = transcript(
        "logistics", ("customer", at(9, 59, 59.5)), ("agent", at(10, 0, 30)), ("customer", at(10, 5))
    )
    return [
        to_record(a, analysis("billing", SentimentLabel.NEGATIVE, Urgency.HIGH)),
        to_record(b, analysis("billing", SentimentLabel.POSITIVE, Urgency.LOW)),
        to_record(c, analysis("billing", SentimentLabel.NEUTRAL, Urgency.CRITICAL)),
        to_record(d, analysis("delivery_delay", SentimentLabel.NEUTRAL, Urgency.MEDIUM)),
    ]


def test_record_timing_from_a_transcript() -> None:
    record = synthetic_day()[0]
    assert record.started_at == at(9, 0)
    assert record.first_response_at == at(9, 2)  # the bot's instant reply is not a first response
    assert record.ended_at == at(9, 10)
    assert record.waiting_seconds == Decimal(120 + 90)
    assert len(record.message_times) == 6 and len(record.customer_message_times) == 3


def test_hourly_metrics_by_queue_and_intent() -> None:
    rows = conversation_metrics(synthetic_day(), interval="hour")
    keyed = {(r.interval_start, r.queue, r.intent): r for r in rows}
    assert list(keyed) == [
        (at(9, 0), "billing", "billing"),
        (at(9, 0), "logistics", "delivery_delay"),
        (at(10, 0), "billing", "billing"),
    ]
    nine = keyed[(at(9, 0), "billing", "billing")]
    assert nine.volume == 2
    assert nine.messages == 9
    assert nine.handled == 2
    assert nine.handle_seconds_total == Decimal(480 + 600)
    assert nine.average_handle_seconds == Decimal("540.000")
    assert nine.first_response_seconds_total == Decimal(120 + 600)
    assert nine.average_first_response_seconds == Decimal("360.000")
    assert nine.waiting_seconds_total == Decimal(210 + 600)
    assert nine.average_waiting_seconds == Decimal("405.000")
    assert (nine.negative, nine.urgent) == (1, 1)
    assert nine.share_negative == Decimal("0.5000") and nine.share_urgent == Decimal("0.5000")

    # the conversation that started half a second before 10:00 belongs to 09:00; its seconds are exact
    logistics = keyed[(at(9, 0), "logistics", "delivery_delay")]
    assert logistics.first_response_seconds_total == Decimal("30.5")
    assert logistics.handle_seconds_total == Decimal(270)

    ten = keyed[(at(10, 0), "billing", "billing")]
    assert (ten.volume, ten.responded, ten.unanswered, ten.handled) == (1, 0, 1, 0)
    assert ten.average_handle_seconds is None and ten.average_first_response_seconds is None
    assert ten.share_urgent == Decimal("1.0000")


def test_daily_metrics_by_queue_only_and_in_total() -> None:
    by_queue = conversation_metrics(synthetic_day(), interval="day", by=("queue",))
    billing = next(r for r in by_queue if r.queue == "billing")
    assert billing.interval_start == DAY
    assert billing.intent is None
    assert (billing.volume, billing.handled, billing.unanswered) == (3, 2, 1)
    assert billing.average_handle_seconds == Decimal("540.000")
    assert billing.share_negative == Decimal("0.3333")
    assert billing.share_urgent == Decimal("0.6667")

    [total] = conversation_metrics(synthetic_day(), interval="day", by=())
    assert total.volume == 4
    assert total.handled == 3
    assert total.handle_seconds_total == Decimal(480 + 600 + 270)
    assert total.average_handle_seconds == Decimal("450.000")


def test_conversations_without_times_are_left_out() -> None:
    untimed = Transcript(messages=[ChatMessage(id="1", role=AuthorRole.CUSTOMER, text="hi")])
    records = [*synthetic_day(), to_record(untimed)]
    assert sum(r.volume for r in conversation_metrics(records, interval="day", by=())) == 4


def test_aware_times_are_bucketed_in_utc() -> None:
    berlin = timezone(timedelta(hours=2))
    t = transcript("billing", ("customer", datetime(2026, 11, 27, 0, 30, tzinfo=berlin)))
    [row] = conversation_metrics([to_record(t)], interval="day")
    assert row.interval_start == datetime(2026, 11, 26, tzinfo=UTC)
