"""Through the real server on loopback (uvicorn, HTTP, bearer tokens): an approver's limit holds
against edits of the amount or the unit cost (issue 21, finding 1), and a reversal after the push is
its own outbox action, or a clear warning where the connector cannot reverse (finding 5)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.erp.folder_push import FolderConnector
from opsloop.review.accounts import Role, create_user, issue_token
from opsloop.review.outbox import push_outbox
from opsloop.settings import Settings
from opsloop.store.tables import OutboxItem, Proposal, User
from opsloop.web.app import create_app
from tests.review.invoice_world import invoice_world
from tests.review.review_helpers import PASSWORD, add_proposal, add_users
from tests.web.browser import serve

RE_0412 = "schmidt_RE-2026-0412.pdf"


@pytest.fixture
def base(settings: Settings, engine: Engine) -> Iterator[str]:
    add_users(engine)
    with Session(engine) as session:
        create_user(session, "limited", PASSWORD, Role.APPROVER, approval_limit=Decimal("5000"))
        session.commit()
    with serve(create_app(settings, engine=engine)) as url:
        yield url


def _token(engine: Engine, username: str) -> dict[str, str]:
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        token = issue_token(session, user)
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def _decide(base: str, headers: dict[str, str], pid: int, **body: object) -> httpx.Response:
    return httpx.post(f"{base}/api/proposals/{pid}/decide", json=body, headers=headers, timeout=30)


def test_an_invoice_amount_edit_cannot_slip_past_the_approvers_limit(
    base: str, engine: Engine, settings: Settings
) -> None:
    # GIVEN an invoice of 1,432.62 EUR and an approver limited to 5,000
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    dave, limited = _token(engine, "dave"), _token(engine, "limited")
    # WHEN a reviewer raises the line and the totals to 99,999.00 over HTTP
    edit = _decide(
        base,
        dave,
        pid,
        action="edit",
        changes={"lines.1.unit_price": "496.86", "totals": "from_lines"},
    )
    assert edit.status_code == 200, edit.text
    shown = httpx.get(f"{base}/api/proposals/{pid}", headers=limited, timeout=30).json()
    assert Decimal(shown["amount"]) > Decimal("5000")
    # THEN the limited approver's approval is refused on the amount the payload would post
    refused = _decide(base, limited, pid, action="approve", confirmed=True)
    assert refused.status_code == 403
    assert "over limited's approval limit" in refused.json()["detail"]
    with Session(engine) as session:
        assert session.exec(select(OutboxItem)).all() == []


def test_a_unit_cost_edit_cannot_turn_a_reorder_into_an_unlimited_order(base: str, engine: Engine) -> None:
    # GIVEN a reorder of 40 x 12.00 EUR, within bob's limit of 1,000
    pid = add_proposal(engine)
    # WHEN the unit cost is raised to 11,694.38 (467,775 EUR in all)
    edit = _decide(base, _token(engine, "dave"), pid, action="edit", changes={"unit_cost": "11694.38"})
    assert edit.status_code == 200, edit.text
    # AND the stored amount is forced back to what bob may approve
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.amount == Decimal("467775.20")
        proposal.amount = Decimal("480.00")
        session.add(proposal)
        session.commit()
    # THEN bob's approval is still judged on 467,775.20 and refused
    refused = _decide(base, _token(engine, "bob"), pid, action="approve", confirmed=True)
    assert refused.status_code == 403 and "467,775.20" in refused.json()["detail"]


def test_a_reversal_after_the_push_is_a_compensating_action_over_http(
    base: str, engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    # GIVEN an invoice approved over HTTP and pushed to the folder ERP
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    limited = _token(engine, "limited")
    approved = _decide(base, limited, pid, action="approve")
    assert approved.status_code == 200, approved.text
    with Session(engine) as session:
        assert push_outbox(session, FolderConnector(tmp_path / "erp")).executed == 1
    # WHEN the approver undoes it THEN she is told the ERP has it and to reverse it
    undo = _decide(base, limited, pid, action="undo")
    assert undo.status_code == 422 and "reverse" in undo.json()["detail"]
    # WHEN she reverses it THEN a confirmation is asked first, with what it does
    asked = _decide(base, limited, pid, action="reverse", reason="booked to the wrong entity")
    assert asked.status_code == 428
    assert asked.json()["summary"][0].startswith("Reverse #")
    done = _decide(base, limited, pid, action="reverse", reason="booked to the wrong entity", confirmed=True)
    assert done.status_code == 200, done.text
    assert done.json()["outbox_key"].endswith("-reversal") and done.json()["warnings"] == []
    # THEN the outbox holds the original and its compensating action, and the proposal is open again
    with Session(engine) as session:
        rows = list(session.exec(select(OutboxItem).order_by(col(OutboxItem.id))))
        assert [(r.action_kind, r.state) for r in rows] == [
            ("post_invoice", "executed"),
            ("reverse_action", "pending"),
        ]
        assert rows[1].payload["reverses"] == rows[0].idempotency_key
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "pending"


def test_a_reversal_where_the_connector_cannot_undo_it_warns_over_http(
    base: str, engine: Engine, settings: Settings
) -> None:
    # GIVEN an approval an ERP without a reversal has booked (the outbox row says which connector)
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    limited = _token(engine, "limited")
    assert _decide(base, limited, pid, action="approve").status_code == 200
    with Session(engine) as session:
        row = session.exec(select(OutboxItem)).one()
        row.state, row.connector, row.external_id = "executed", "erpnext", "ACC-PINV-2026-00042"
        session.add(row)
        proposal = session.get(Proposal, pid)
        assert proposal is not None
        proposal.state = "executed"
        session.add(proposal)
        session.commit()
    # WHEN it is reversed
    done = _decide(base, limited, pid, action="reverse", reason="duplicate", confirmed=True)
    # THEN nothing pretends to undo it in the ERP, and the warning says what to do by hand
    assert done.status_code == 200, done.text
    assert done.json()["outbox_key"] is None
    [warning] = done.json()["warnings"]
    assert "erpnext connector cannot reverse post invoice" in warning and "ACC-PINV-2026-00042" in warning
