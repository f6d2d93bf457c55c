"""The staffing planner's inputs from analysed conversations: arrivals per queue and hour, and one
handle-time sample per conversation an agent answered (`opsloop.converse.metrics` defines the times)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from opsloop.converse.metrics import seconds_between
from opsloop.domain.conversations import ConversationRecord, SentimentLabel
from opsloop.plan.staffing import DEFAULT_QUEUE, HandleTimeSample, HourlyArrivals, StaffingInputs, floor_hour


def staffing_inputs(records: Iterable[ConversationRecord]) -> StaffingInputs:
    """Arrivals: conversations by the UTC hour they started, per queue (no queue: `default`).
    Handle times: from the first agent answer to the last message, flagged negative (sentiment) or urgent
    (high/critical). Conversations without times cannot be placed and are left out."""
    arrivals: Counter[tuple[str, datetime]] = Counter()
    samples: list[HandleTimeSample] = []
    for index, record in enumerate(records):
        if record.started_at is None:
            continue
        started = record.started_at if record.started_at.tzinfo else record.started_at.replace(tzinfo=UTC)
        queue = record.queue or DEFAULT_QUEUE
        arrivals[(queue, floor_hour(started.astimezone(UTC)))] += 1
        if record.first_response_at is None or record.ended_at is None:
            continue
        seconds = float(seconds_between(record.first_response_at, record.ended_at))
        if seconds <= 0:
            continue
        samples.append(
            HandleTimeSample(
                conversation_id=record.conversation_id or f"conversation-{index + 1}",
                queue=queue,
                started_at=started,
                handle_seconds=seconds,
                negative=record.sentiment is SentimentLabel.NEGATIVE,
                urgent=record.urgency is not None and record.urgency.is_urgent,
            )
        )
    rows = [
        HourlyArrivals(queue=queue, hour_start=hour, count=count)
        for (queue, hour), count in sorted(arrivals.items())
    ]
    return StaffingInputs(arrivals=rows, handle_times=samples)
