"""Storage: SQLModel tables, sessions, Alembic migrations (shipped in the package)."""

from opsloop.store.db import ensure_schema, get_engine, session_scope
from opsloop.store.types import utcnow

__all__ = ["ensure_schema", "get_engine", "session_scope", "utcnow"]
