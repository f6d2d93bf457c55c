"""Engines, sessions and migrations. The schema is created only by Alembic migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import NoSuchModuleError, OperationalError
from sqlmodel import Session

from opsloop.errors import ConfigError, StorageError
from opsloop.settings import DATABASE_URL_FORMS, Settings
from opsloop.store.chain import bind_keyring, keyring_for, rekey_chain

_engines: dict[str, Engine] = {}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """A new engine for `url`. SQLite gets WAL mode, foreign keys and a generous busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=8, max_overflow=8
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def get_engine(url: str) -> Engine:
    """The process-wide engine for `url` (one pool per database)."""
    engine = _engines.get(url)
    if engine is None:
        engine = _engines[url] = make_engine(url)
    return engine


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("opsloop.store") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` up to `revision` (default: the newest)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_schema(engine: Engine, *, auto_upgrade: bool = True) -> None:
    """Make sure the database is at the newest revision, migrating it when allowed."""
    current = current_revision(engine)
    if current == head_revision():
        return
    if not auto_upgrade:
        raise StorageError(f"database schema is at {current or 'nothing'}, opsloop needs {head_revision()}")
    upgrade(engine.url.render_as_string(hide_password=False))


def open_database(settings: Settings) -> Engine:
    """The engine for the configured database, its folders made, its schema brought up to date, and
    the audit key bound (an audit chain from before keying is re-keyed: opsloop/store/chain.py).
    A URL whose driver is not installed, or a server that cannot be reached, is a ConfigError naming
    OPSLOOP_DATABASE_URL (the password hidden)."""
    try:
        settings.ensure_dirs()
    except OSError as error:
        raise ConfigError(
            f"OPSLOOP_DATA_DIR={settings.data_dir} cannot be used: {error.strerror or error} — expected a folder "
            "opsloop may create and write to",
            hint="",
        ) from None
    shown = make_url(settings.db_url).render_as_string(hide_password=True)
    try:
        engine = get_engine(settings.db_url)
    except (NoSuchModuleError, ModuleNotFoundError) as error:
        raise ConfigError(
            f"OPSLOOP_DATABASE_URL={shown} names a database opsloop cannot use ({error}): expected "
            f"{DATABASE_URL_FORMS}",
            hint="",
        ) from None
    try:
        ensure_schema(engine)
    except OperationalError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        raise ConfigError(
            f"cannot reach the database at {shown} (OPSLOOP_DATABASE_URL): {reason} — start the server or fix "
            "the URL (unset, opsloop uses SQLite in OPSLOOP_DATA_DIR)",
            hint="",
        ) from None
    keyring = keyring_for(settings)
    bind_keyring(engine, keyring)
    rekey_chain(engine, keyring)
    return engine


def connect_database(settings: Settings) -> Engine:
    """The engine for the configured database with the audit key bound, without migrating it (for
    workers: `opsloop db upgrade` or the server migrates)."""
    engine = get_engine(settings.db_url)
    bind_keyring(engine, keyring_for(settings))
    return engine
