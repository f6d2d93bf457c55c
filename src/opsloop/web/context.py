"""What every router of the web app shares: the database, the settings, the templates, how a page
finds its user and checks its CSRF token, who an API token acts as, and the SQLite write lock.
`create_app` builds one and hands it to each router (`web.queue`, `web.ops`, `web.api.*`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.review.accounts import Actor
from opsloop.settings import Settings
from opsloop.store.tables import User

PageUser = Callable[[Request, Session], tuple[User, str] | None]


@dataclass(frozen=True)
class WebContext:
    db: Engine
    settings: Settings
    templates: Jinja2Templates
    page_user: PageUser
    """The logged-in user of a page request and the session's CSRF token, or None."""
    check_csrf: Callable[[str, str | None], None]
    writing: Callable[[], AbstractContextManager[object]]
    """Decisions on SQLite queue on this lock (in order, without SQLite's sleeping busy handler)."""
    get_session: Callable[[], Iterator[Session]]
    """The dependency that gives a request its session (committed after the handler)."""
    api_actor: Callable[..., Actor]
    """The dependency that turns a bearer token into an Actor (401 without a valid one)."""
    bearer: Any
    """The HTTPBearer scheme (for routes that also accept a page's login)."""
