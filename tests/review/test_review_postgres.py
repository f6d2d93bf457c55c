"""On a real PostgreSQL server: many concurrent decisions, exactly one per proposal wins, and the
audit chain stays one unbroken line (the advisory lock keeps appends in order)."""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from opsloop.review.accounts import Actor, Role
from opsloop.review.audit import verify_chain
from opsloop.review.decisions import DecisionAction, DecisionConflict, DecisionRequest, decide
from opsloop.review.queue import upsert_proposal
from opsloop.store import db
from tests.conftest import keyed
from tests.review.review_helpers import reorder_draft


@pytest.fixture
def pg_engine(tmp_path: Path) -> Iterator[Engine]:
    base = os.environ.get("OPSLOOP_TEST_POSTGRES_URL")
    if base is None:
        if os.environ.get("OPSLOOP_REQUIRE_POSTGRES"):
            pytest.fail("OPSLOOP_REQUIRE_POSTGRES is set but OPSLOOP_TEST_POSTGRES_URL is not")
        pytest.skip("no PostgreSQL server (set OPSLOOP_TEST_POSTGRES_URL; .ci/run starts one)")
    name = f"opsloop_review_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    db.upgrade(url)
    engine = keyed(db.make_engine(url), tmp_path)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
def test_concurrent_decisions_on_postgres_one_winner_each_and_one_chain(pg_engine: Engine) -> None:
    # GIVEN ten pending proposals
    with Session(pg_engine) as session:
        ids = [upsert_proposal(session, reorder_draft(sku=f"S{i}")).id for i in range(10)]
        session.commit()
    admin = Actor(username="alice", role=Role.ADMIN)
    results: list[str] = []

    def approve(pid: int) -> None:
        with Session(pg_engine) as session:
            try:
                decide(
                    session, pid, admin, DecisionRequest(action=DecisionAction.APPROVE, expected_version=0)
                )
                session.commit()
                results.append("won")
            except DecisionConflict:
                session.rollback()
                results.append("conflict")

    # WHEN two people approve each of them at the same time
    threads = [threading.Thread(target=approve, args=(pid,)) for pid in ids for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # THEN exactly one wins per proposal and the audit log is one intact chain
    assert Counter(results) == {"won": 10, "conflict": 10}
    with Session(pg_engine) as session:
        report = verify_chain(session)
    assert report.ok and report.events == 20
