"""The staffing planner reads analysed conversations: arrivals by queue and hour, handle times by answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from opsloop.domain.conversations import ConversationRecord, SentimentLabel, Urgency
from opsloop.plan.arrivals import staffing_inputs

T0 = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)


def record(
    conversation_id: str, start: datetime, *, queue: str | None = "billing", answered_after: int | None = 120
) -> ConversationRecord:
    answered = start + timedelta(seconds=answered_after) if answered_after is not None else None
    return ConversationRecord(
        conversation_id=conversation_id,
        queue=queue,
        started_at=start,
        first_response_at=answered,
        ended_at=(answered or start) + timedelta(minutes=8),
        sentiment=SentimentLabel.NEGATIVE if conversation_id == "angry" else SentimentLabel.NEUTRAL,
        urgency=Urgency.HIGH if conversation_id == "urgent" else Urgency.LOW,
    )


def test_conversations_become_hourly_arrivals_and_handle_time_samples() -> None:
    """GIVEN three billing chats in the 09:00 UTC hour (one written at 10:40+01:00), one unanswered, and one
    without a queue WHEN read THEN 3 billing arrivals at 09:00 and 1 default; handle times only for answered
    ones, from the first answer to the last message (480 s), flagged when negative or urgent."""
    inputs = staffing_inputs(
        [
            record("angry", T0),
            record("urgent", (T0 + timedelta(minutes=35)).astimezone(timezone(timedelta(hours=1)))),
            record("unanswered", T0 + timedelta(minutes=50), answered_after=None),
            record("no-queue", T0, queue=None),
            ConversationRecord(conversation_id="untimed"),
        ]
    )
    assert [(a.queue, a.hour_start, a.count) for a in inputs.arrivals] == [
        ("billing", datetime(2026, 11, 23, 9, tzinfo=UTC), 3),
        ("default", datetime(2026, 11, 23, 9, tzinfo=UTC), 1),
    ]
    assert [(s.conversation_id, s.handle_seconds, s.flagged) for s in inputs.handle_times] == [
        ("angry", 480.0, True),
        ("urgent", 480.0, True),
        ("no-queue", 480.0, False),
    ]
