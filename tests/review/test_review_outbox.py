"""Write-back: exactly once per key, retries, permanent failures back to the queue, restarts."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, update
from sqlmodel import Session, select

from opsloop.erp.folder_push import FolderConnector
from opsloop.erp.protocol import ErpAction, PushRejected, PushResult
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.review.outbox import push_outbox
from opsloop.store.tables import OutboxItem, Proposal
from opsloop.store.types import utcnow
from tests.review.review_helpers import add_proposal, add_users, reorder_draft


def _approved(engine: Engine, n: int = 1) -> list[int]:
    users = add_users(engine)
    ids = []
    for i in range(n):
        pid = add_proposal(engine, reorder_draft(sku=f"SKU-{i}"))
        with Session(engine) as session:
            decide(session, pid, users["alice"], DecisionRequest(action=DecisionAction.APPROVE))
            session.commit()
        ids.append(pid)
    return ids


class Flaky:
    name = "flaky"

    def __init__(self, failures: int, permanent: bool = False) -> None:
        self.failures = failures
        self.permanent = permanent
        self.applied: list[str] = []

    def push(self, action: ErpAction) -> PushResult:
        if self.failures > 0:
            self.failures -= 1
            if self.permanent:
                raise PushRejected("vendor is blocked")
            raise TimeoutError("ERP did not answer")
        self.applied.append(action.idempotency_key)
        return PushResult(external_id="PO-9", detail="created")


def test_folder_push_writes_one_file_per_key_even_when_pushed_twice(tmp_path: Path) -> None:
    connector = FolderConnector(tmp_path / "erp")
    action = ErpAction(kind="create_purchase_order", idempotency_key="proposal-1-v1", payload={"sku": "A"})
    first = connector.push(action)
    second = connector.push(action.model_copy(update={"payload": {"sku": "B"}}))
    files = list((tmp_path / "erp" / "outbox").iterdir())
    assert len(files) == 1 and first.external_id == second.external_id == files[0].name
    assert json.loads(files[0].read_text())["payload"] == {"sku": "A"}


def test_concurrent_workers_push_each_row_exactly_once(engine: Engine, tmp_path: Path) -> None:
    # GIVEN five approved proposals and three workers started together
    _approved(engine, 5)
    connector = FolderConnector(tmp_path / "erp")
    pushed: list[str] = []
    original = connector.push

    def counting(action: ErpAction) -> PushResult:
        pushed.append(action.idempotency_key)
        return original(action)

    connector.push = counting  # type: ignore[method-assign]

    def work() -> None:
        with Session(engine) as session:
            push_outbox(session, connector)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # THEN each key was pushed once, five files exist and every proposal is executed
    assert sorted(pushed) == sorted(set(pushed)) and len(pushed) == 5
    assert len(list((tmp_path / "erp" / "outbox").glob("*.json"))) == 5
    with Session(engine) as session:
        assert {p.state for p in session.exec(select(Proposal))} == {"executed"}


def test_transient_failures_are_retried_and_permanent_ones_return_to_the_queue(engine: Engine) -> None:
    (_pid,) = _approved(engine)
    flaky = Flaky(failures=1)
    with Session(engine) as session:
        assert push_outbox(session, flaky).retried == 1
        # the retry waits for its backoff: make it due now
        session.execute(update(OutboxItem).values(next_attempt_at=utcnow()))
        session.commit()
        assert push_outbox(session, flaky).executed == 1
    assert len(flaky.applied) == 1

    (pid2,) = _approved_more(engine)
    with Session(engine) as session:
        assert push_outbox(session, Flaky(failures=1, permanent=True)).failed == 1
        proposal = session.get(Proposal, pid2)
        assert proposal is not None and proposal.state == "failed"


def _approved_more(engine: Engine) -> list[int]:
    from opsloop.review.accounts import Actor, Role

    pid = add_proposal(engine, reorder_draft(sku="SKU-X"))
    with Session(engine) as session:
        decide(
            session,
            pid,
            Actor(username="root", role=Role.ADMIN),
            DecisionRequest(action=DecisionAction.APPROVE),
        )
        session.commit()
    return [pid]


def test_a_row_left_pushing_by_a_dead_worker_is_taken_over_without_a_second_write(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a worker pushed the file, then died before marking the row (lease ran out)
    _approved(engine)
    connector = FolderConnector(tmp_path / "erp")
    with Session(engine) as session:
        item = session.exec(select(OutboxItem)).one()
        connector.push(
            ErpAction(kind=item.action_kind, idempotency_key=item.idempotency_key, payload=item.payload)
        )
        session.execute(
            update(OutboxItem).values(
                state="pushing", claimed_until=utcnow() - timedelta(seconds=1), version=5
            )
        )
        session.commit()
        # WHEN a new worker runs
        report = push_outbox(session, connector)
    # THEN it finishes the row and the ERP still has exactly one file
    assert report.executed == 1
    assert len(list((tmp_path / "erp" / "outbox").glob("*.json"))) == 1
