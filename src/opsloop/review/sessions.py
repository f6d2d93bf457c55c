"""Browser sessions kept on the server, and login throttling.

A session is a row: the cookie carries a random token (only its sha256 is stored), the row holds the
user, the session's CSRF token and when it ends. Logging out ends the row, so a copied or replayed
cookie stops working at once; a forged cookie names no row at all; a deactivated user's sessions
are refused.

Failed logins are counted per account (`user:NAME`, whether or not the account exists, so the answer
says nothing about which names exist) and per client address (`addr:IP`) within a window; past the
limit, logins for that account or from that address are refused until the lockout has passed,
without the password being checked. A successful login clears the account's count (not the
address's: one valid account must not reset the counter for guesses at others).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from opsloop.settings import WebSettings
from opsloop.store.tables import LoginThrottle, User, WebSession
from opsloop.store.types import utcnow


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class OpenedSession:
    token: str
    """For the cookie; not stored."""
    csrf: str


def open_session(session: Session, user: User, web: WebSettings, *, address: str | None) -> OpenedSession:
    """A new session for `user` (the caller commits)."""
    assert user.id is not None
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    now = utcnow()
    session.add(
        WebSession(
            token_hash=_hash(token),
            user_id=user.id,
            csrf=csrf,
            address=(address or "")[:64] or None,
            created_at=now,
            expires_at=now + timedelta(hours=web.session_hours),
        )
    )
    session.flush()
    return OpenedSession(token=token, csrf=csrf)


def session_user(session: Session, token: str | None) -> tuple[User, str] | None:
    """The active user of a live session and its CSRF token, or None (unknown, ended or expired
    token, or a user since deactivated)."""
    if not token or len(token) > 256:
        return None
    row = session.exec(
        select(User, WebSession)
        .join(WebSession, col(WebSession.user_id) == col(User.id))
        .where(WebSession.token_hash == _hash(token), col(WebSession.ended_at).is_(None))
    ).first()
    if row is None:
        return None
    user, web_session = row
    if web_session.expires_at <= utcnow() or not user.active:
        return None
    return user, web_session.csrf


def end_session(session: Session, token: str | None) -> bool:
    """End the session behind `token` (logout); False when there was none to end."""
    if not token:
        return False
    result = session.execute(
        update(WebSession)
        .where(col(WebSession.token_hash) == _hash(token), col(WebSession.ended_at).is_(None))
        .values(ended_at=utcnow())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ throttling


def _scopes(username: str, address: str | None) -> list[tuple[str, str]]:
    scopes = [("user", f"user:{username.strip().lower()[:150]}")]
    if address:
        scopes.append(("addr", f"addr:{address[:150]}"))
    return scopes


def login_wait_seconds(session: Session, username: str, address: str | None) -> float:
    """How long logins for this account or from this address are still refused (0: not locked)."""
    now = utcnow()
    wait = 0.0
    for _, scope in _scopes(username, address):
        row = session.exec(select(LoginThrottle).where(LoginThrottle.scope == scope)).first()
        if row is not None and row.locked_until is not None and row.locked_until > now:
            wait = max(wait, (row.locked_until - now).total_seconds())
    return wait


def record_login_failure(session: Session, username: str, address: str | None, web: WebSettings) -> None:
    """Count a failed login against the account and the address; lock either past its limit."""
    now = utcnow()
    window = timedelta(seconds=web.login_window_seconds)
    for kind, scope in _scopes(username, address):
        limit = web.login_max_failures if kind == "user" else web.login_address_max_failures
        row = session.exec(select(LoginThrottle).where(LoginThrottle.scope == scope)).first()
        if row is None:
            row = LoginThrottle(scope=scope, failures=0, window_started_at=now)
        if now - row.window_started_at > window:
            row.failures, row.window_started_at = 0, now
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + timedelta(seconds=web.login_lockout_seconds)
            row.failures, row.window_started_at = 0, now
        session.add(row)
    session.flush()


def record_login_success(session: Session, username: str) -> None:
    scope = _scopes(username, None)[0][1]
    row = session.exec(select(LoginThrottle).where(LoginThrottle.scope == scope)).first()
    if row is not None:
        session.delete(row)
        session.flush()
