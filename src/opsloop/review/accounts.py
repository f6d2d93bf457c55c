"""Users, roles and API tokens. Passwords are argon2id hashes; tokens are stored as sha256 only.

Roles, from least to most: viewer (reads), reviewer (comments, edits, rejects), approver (also
approves, up to an amount limit), admin (everything, no limit, manages users and the policy).
"""

from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel
from sqlmodel import Session, col, select

from opsloop.errors import OpsloopError
from opsloop.review.audit import append_event
from opsloop.store.tables import ApiToken, User
from opsloop.store.types import utcnow

_hasher = PasswordHasher()
TOKEN_PREFIX = "opl_"


class Role(StrEnum):
    VIEWER = "viewer"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    ADMIN = "admin"


RANK = {Role.VIEWER: 0, Role.REVIEWER: 1, Role.APPROVER: 2, Role.ADMIN: 3}


class AccountError(OpsloopError):
    hint = "Manage accounts with `opsloop users add|list|token` (see README, Review)."


class Actor(BaseModel):
    """Who is acting: a person (from a session or token) or the autonomy policy."""

    username: str
    role: Role
    approval_limit: Decimal | None = None

    def at_least(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]


def actor_of(user: User) -> Actor:
    return Actor(username=user.username, role=Role(user.role), approval_limit=user.approval_limit)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    *,
    approval_limit: Decimal | None = None,
    display_name: str | None = None,
    actor: str = "opsloop",
) -> User:
    """Add a user (or raise when the name is taken). Passwords shorter than 8 characters are refused."""
    if len(password) < 8:
        raise AccountError("the password must have at least 8 characters")
    if session.exec(select(User).where(User.username == username)).first() is not None:
        raise AccountError(f"user {username!r} exists already")
    user = User(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role.value,
        approval_limit=approval_limit,
    )
    session.add(user)
    session.flush()
    append_event(
        session,
        actor,
        "user.created",
        f"user:{username}",
        {"role": role.value, "approval_limit": None if approval_limit is None else str(approval_limit)},
    )
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None (the same answer for either mistake)."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        _hasher.hash(password)  # spend the same time as a real check
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User, name: str = "api", *, role: Role | None = None) -> str:
    """A new bearer token for `user`; the plain token is returned once and never stored. With `role`
    the token may do no more than that role (a read-only token for a dashboard: `viewer`); a role above
    the user's is refused."""
    assert user.id is not None
    if role is not None and RANK[role] > RANK[Role(user.role)]:
        raise AccountError(f"a token of {user.username} cannot carry {role.value}: the user is a {user.role}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiToken(user_id=user.id, name=name, token_hash=_token_hash(token), role=role.value if role else None)
    )
    session.flush()
    append_event(
        session,
        user.username,
        "token.issued",
        f"user:{user.username}",
        {"name": name, **({"role": role.value} if role else {})},
    )
    return token


def actor_for_token(session: Session, token: str) -> Actor | None:
    """Who a bearer token acts as: its user, or, when the token carries a lower role, the user with
    that role (and the user's approval limit only if that role is approver)."""
    found = _token_row(session, token)
    if found is None:
        return None
    user, token_role = found
    actor = actor_of(user)
    if token_role is not None and RANK[Role(token_role)] < RANK[actor.role]:
        capped = Role(token_role)  # an admin's token capped at approver has no limit: it approves nothing
        limit = actor.approval_limit if capped is Role.APPROVER else None
        return Actor(username=actor.username, role=capped, approval_limit=limit)
    return actor


def user_for_token(session: Session, token: str) -> User | None:
    """The active user behind a live (not revoked, not expired) bearer token, in one query."""
    found = _token_row(session, token)
    return None if found is None else found[0]


def _token_row(session: Session, token: str) -> tuple[User, str | None] | None:
    row = session.exec(
        select(User, ApiToken.expires_at, ApiToken.role)
        .join(ApiToken, col(ApiToken.user_id) == col(User.id))
        .where(
            ApiToken.token_hash == _token_hash(token),
            col(ApiToken.revoked).is_(False),
            col(User.active).is_(True),
        )
    ).first()
    if row is None:
        return None
    user, expires_at, role = row
    if expires_at is not None and expires_at <= utcnow():
        return None
    return user, role


def list_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(col(User.username))))
