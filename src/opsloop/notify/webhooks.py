"""Webhooks: every event of the feed (`notify.events`) is delivered to each configured endpoint as a
signed JSON POST, retried with exponential backoff until the endpoint answers 2xx or the attempts run
out. Deliveries are rows (`webhook_deliveries`), so a restart resumes them and nothing is sent twice
to an endpoint that already took it (receivers still deduplicate on `Opsloop-Event-Id`).

Signature (`Opsloop-Signature: t=<unix seconds>,v1=<hex>`): HMAC-SHA256 with the shared secret over
`<t>.<the exact body bytes>`; `verify_signature` is what a receiver does (and refuses a stale `t`).

`enqueue_events` starts from the events recorded after the first run (a new endpoint is not flooded
with the past); `push_webhooks` sends what is due. `opsloop serve` runs both every minute
(`OPSLOOP_SCHEDULE__WEBHOOK_PUSH`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from datetime import datetime, timedelta

import httpx
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from opsloop.notify.events import Cursor, events_after, latest_cursor
from opsloop.settings import Settings, WebhookSettings
from opsloop.store.tables import SyncCursor, WebhookDelivery
from opsloop.store.types import utcnow

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Opsloop-Signature"
EVENT_HEADER = "Opsloop-Event-Id"
_CURSOR_KEY = ("webhooks", "events")
"""Where the feed's cursor is kept (the sync cursor table: one row, connector `webhooks`)."""


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(
    secret: str, body: bytes, header: str, *, now: float | None = None, tolerance: int = 300
) -> bool:
    """True when `header` signs `body` with `secret` and is at most `tolerance` seconds old."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _cursor_row(session: Session) -> SyncCursor | None:
    return session.exec(
        select(SyncCursor).where(
            SyncCursor.connector == _CURSOR_KEY[0], SyncCursor.record_type == _CURSOR_KEY[1]
        )
    ).first()


def enqueue_events(session: Session, config: WebhookSettings, *, batch: int = 500) -> int:
    """A delivery row per new event and endpoint; returns how many. The first run only notes where
    the feed stands (what happened before webhooks were configured is not sent)."""
    if not config.urls:
        return 0
    row = _cursor_row(session)
    if row is None:
        session.add(
            SyncCursor(
                connector=_CURSOR_KEY[0], record_type=_CURSOR_KEY[1], cursor=latest_cursor(session).text()
            )
        )
        session.commit()
        return 0
    cursor = Cursor.parse(row.cursor)
    added = 0
    while True:
        events, after = events_after(session, cursor, limit=batch)
        if not events:
            break
        for event in events:
            for url in config.urls:
                session.add(
                    WebhookDelivery(
                        endpoint=url,
                        event_id=event.id,
                        event_type=event.type,
                        body=event.model_dump(mode="json"),
                    )
                )
                added += 1
        row.cursor = after.text()
        row.updated_at = utcnow()
        session.add(row)
        try:
            session.commit()
        except IntegrityError:  # another process enqueued the same events first
            session.rollback()
            return added
        cursor = after
    return added


def backoff(attempts: int, config: WebhookSettings) -> timedelta:
    """The wait after the `attempts`-th failed try: base x 2^(attempts-1), at most the maximum."""
    return timedelta(
        seconds=min(
            config.retry_backoff_max_seconds, config.retry_backoff_seconds * 2 ** max(0, attempts - 1)
        )
    )


def push_webhooks(
    engine: Engine,
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    now: datetime | None = None,
    limit: int = 200,
) -> dict[str, int]:
    """Enqueue new events, then send the due deliveries; returns counts by result."""
    config = settings.webhooks
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    if not config.urls:
        return counts
    secret = config.secret.get_secret_value() if config.secret else ""
    owned = client is None
    http = client or httpx.Client(timeout=config.timeout_seconds, follow_redirects=False)
    try:
        with Session(engine, expire_on_commit=False) as session:
            enqueue_events(session, config)
            due = list(
                session.exec(
                    select(WebhookDelivery)
                    .where(
                        WebhookDelivery.state == "pending",
                        col(WebhookDelivery.next_attempt_at) <= (now or utcnow()),
                    )
                    .order_by(col(WebhookDelivery.id))
                    .limit(limit)
                )
            )
            for delivery in due:
                counts[_deliver(http, delivery, secret, config)] += 1
                session.add(delivery)
                session.commit()
    finally:
        if owned:
            http.close()
    return counts


def _deliver(http: httpx.Client, delivery: WebhookDelivery, secret: str, config: WebhookSettings) -> str:
    body = json.dumps(delivery.body, sort_keys=True, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "opsloop-webhooks/1",
        EVENT_HEADER: delivery.event_id,
        "Opsloop-Event-Type": delivery.event_type,
        SIGNATURE_HEADER: sign(secret, body, int(time.time())),
    }
    delivery.attempts += 1
    error: str | None
    try:
        response = http.post(delivery.endpoint, content=body, headers=headers)
        delivery.last_status = response.status_code
        error = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
    except httpx.HTTPError as failure:
        delivery.last_status = None
        error = f"{type(failure).__name__}: {failure}"
    if error is None:
        delivery.state = "delivered"
        delivery.delivered_at = utcnow()
        delivery.last_error = None
        return "delivered"
    delivery.last_error = error[:2000]
    if delivery.attempts >= config.max_attempts:
        delivery.state = "failed"
        log.warning(
            "webhook %s to %s failed %d times: %s",
            delivery.event_id,
            delivery.endpoint,
            delivery.attempts,
            error,
        )
        return "failed"
    delivery.next_attempt_at = utcnow() + backoff(delivery.attempts, config)
    return "retrying"
