"""Server-side sessions and login throttling, as the library sees them (the server tests drive the
same code through HTTP)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from opsloop.review.sessions import (
    end_session,
    login_wait_seconds,
    open_session,
    record_login_failure,
    record_login_success,
    session_user,
)
from opsloop.settings import WebSettings
from opsloop.store.tables import User, WebSession
from opsloop.store.types import utcnow
from tests.review.review_helpers import add_users

WEB = WebSettings(login_max_failures=3, login_address_max_failures=5, login_lockout_seconds=60)


def _user(session: Session, name: str) -> User:
    return session.exec(select(User).where(User.username == name)).one()


def test_a_session_lives_until_logout_and_its_token_is_not_stored(engine: Engine) -> None:
    add_users(engine)
    with Session(engine) as session:
        opened = open_session(session, _user(session, "bob"), WEB, address="127.0.0.1")
        session.commit()
        found = session_user(session, opened.token)
        assert found is not None and found[0].username == "bob" and found[1] == opened.csrf
        assert session.exec(select(WebSession).where(WebSession.token_hash == opened.token)).first() is None
        assert end_session(session, opened.token) and session_user(session, opened.token) is None
        assert not end_session(session, opened.token)  # ended once


def test_an_expired_session_or_a_deactivated_user_is_refused(engine: Engine) -> None:
    add_users(engine)
    with Session(engine) as session:
        expired = open_session(session, _user(session, "bob"), WEB, address=None)
        live = open_session(session, _user(session, "dave"), WEB, address=None)
        session.execute(
            update(WebSession)
            .where(col(WebSession.user_id) == _user(session, "bob").id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        dave = _user(session, "dave")
        dave.active = False
        session.add(dave)
        session.commit()
        assert session_user(session, expired.token) is None
        assert session_user(session, live.token) is None


def test_failed_logins_lock_the_account_then_the_address(engine: Engine) -> None:
    with Session(engine) as session:
        for _ in range(3):
            assert login_wait_seconds(session, "alice", "10.0.0.7") == 0
            record_login_failure(session, "Alice", "10.0.0.7", WEB)
        assert 0 < login_wait_seconds(session, "alice", "10.0.0.8") <= 60  # the account, from anywhere
        assert login_wait_seconds(session, "bob", "10.0.0.8") == 0
        for name in ("bob", "carol"):
            record_login_failure(session, name, "10.0.0.7", WEB)
        assert login_wait_seconds(session, "dave", "10.0.0.7") > 0  # five from one address: the address
        assert login_wait_seconds(session, "dave", "10.0.0.9") == 0


def test_a_successful_login_clears_the_account_count_not_the_address_count(engine: Engine) -> None:
    with Session(engine) as session:
        for _ in range(2):
            record_login_failure(session, "bob", "10.0.0.7", WEB)
        record_login_success(session, "bob")
        record_login_failure(session, "bob", "10.0.0.7", WEB)
        assert login_wait_seconds(session, "bob", None) == 0  # 1 failure since the success, not 3
        for _ in range(2):
            record_login_failure(session, "carol", "10.0.0.7", WEB)
        assert login_wait_seconds(session, "zed", "10.0.0.7") > 0  # the address saw 5 failures
