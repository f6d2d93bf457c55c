"""Redis and PostgreSQL for the distributed tests. `.ci/run` starts both and sets
OPSLOOP_TEST_REDIS_URL / OPSLOOP_TEST_POSTGRES_URL; without them these tests skip, unless
OPSLOOP_REQUIRE_REDIS / OPSLOOP_REQUIRE_POSTGRES say they must run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from opsloop.store import db


def require_redis_url() -> str:
    url = os.environ.get("OPSLOOP_TEST_REDIS_URL")
    if url is None:
        if os.environ.get("OPSLOOP_REQUIRE_REDIS"):
            pytest.fail("OPSLOOP_REQUIRE_REDIS is set but OPSLOOP_TEST_REDIS_URL is not")
        pytest.skip("no Redis server (set OPSLOOP_TEST_REDIS_URL; .ci/run starts one)")
    return url


@pytest.fixture
def redis_url() -> str:
    return require_redis_url()


@pytest.fixture
def redis_conn(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.ping()
    yield client
    client.close()


@pytest.fixture
def queue_name() -> str:
    """A queue (and key prefix) of this test's own, so tests never see each other's messages."""
    return f"opsloop-test-{uuid.uuid4().hex[:10]}"


def _postgres_base() -> str:
    base = os.environ.get("OPSLOOP_TEST_POSTGRES_URL")
    if base is None:
        if os.environ.get("OPSLOOP_REQUIRE_POSTGRES"):
            pytest.fail("OPSLOOP_REQUIRE_POSTGRES is set but OPSLOOP_TEST_POSTGRES_URL is not")
        pytest.skip("no PostgreSQL server (set OPSLOOP_TEST_POSTGRES_URL; .ci/run starts one)")
    return base


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database; yields its URL (dropped afterwards)."""
    yield from _fresh_database("dist")


@pytest.fixture
def pg_reference_database() -> Iterator[str]:
    """A second fresh database, for the in-process run the distributed one is compared with."""
    yield from _fresh_database("ref")


def _fresh_database(label: str) -> Iterator[str]:
    base = _postgres_base()
    name = f"opsloop_{label}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    db.upgrade(url)
    try:
        yield url
    finally:
        db.dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
