"""The REST API and the pages: every endpoint refuses strangers, limits and duties hold on the
server, a stale decision gets 409, and the conversation decides through the page."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from opsloop.review.accounts import issue_token
from opsloop.settings import Settings
from opsloop.store.tables import Proposal, User
from opsloop.web.app import create_app
from tests.review.review_helpers import PASSWORD, add_proposal, add_users, reorder_draft


@pytest.fixture
def client(settings: Settings, engine: Engine) -> TestClient:
    add_users(engine)
    return TestClient(create_app(settings, engine=engine), client=("127.0.0.1", 50000))  # a loopback client


def _token(engine: Engine, username: str) -> dict[str, str]:
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        token = issue_token(session, user)
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_every_api_endpoint_refuses_unauthenticated_calls(client: TestClient, engine: Engine) -> None:
    # GIVEN the OpenAPI spec and one real proposal to aim at
    pid = add_proposal(engine)
    spec = client.get("/api/openapi.json").json()
    operations = [(path, method) for path, item in spec["paths"].items() for method in item]
    assert len(operations) >= 5
    for path, method in operations:
        url = path.replace("{proposal_id}", str(pid))
        for headers in ({}, {"Authorization": "Bearer opl_not-a-real-token"}):
            # WHEN called without a valid token THEN it is refused with 401
            response = client.request(
                method.upper(), url, headers=headers, json={"action": "approve", "text": "x"}
            )
            assert response.status_code == 401, (method, path, response.status_code)
    with Session(engine) as session:
        assert session.get(Proposal, pid).state == "pending"  # type: ignore[union-attr]


def test_list_show_decide_and_comment_with_a_token(client: TestClient, engine: Engine) -> None:
    pid = add_proposal(engine)  # 480 EUR
    bob = _token(engine, "bob")
    listed = client.get("/api/proposals", headers=bob).json()["items"]
    assert [p["id"] for p in listed] == [pid]
    shown = client.get(f"/api/proposals/{pid}", headers=bob).json()
    assert shown["payload"]["quantity"] == "40" and shown["working"]["formula"]
    comment = client.post(f"/api/proposals/{pid}/comments", headers=bob, json={"text": "checked stock"})
    assert comment.status_code == 200
    decided = client.post(
        f"/api/proposals/{pid}/decide", headers=bob, json={"action": "approve", "expected_version": 0}
    )
    assert decided.status_code == 200 and decided.json()["state"] == "approved"
    assert decided.json()["outbox_key"]


def test_over_limit_editor_and_stale_version_are_refused(client: TestClient, engine: Engine) -> None:
    pid = add_proposal(engine)  # 480 EUR
    carol, bob, alice = _token(engine, "carol"), _token(engine, "bob"), _token(engine, "alice")
    # an approver over her limit
    over = client.post(f"/api/proposals/{pid}/decide", headers=carol, json={"action": "approve"})
    assert over.status_code == 403 and "limit" in over.json()["detail"]
    # the editor cannot approve
    edit = client.post(
        f"/api/proposals/{pid}/decide", headers=bob, json={"action": "edit", "changes": {"quantity": "50"}}
    )
    assert edit.status_code == 200 and edit.json()["version"] == 1
    refused = client.post(f"/api/proposals/{pid}/decide", headers=bob, json={"action": "approve"})
    assert refused.status_code == 403 and "segregation" in refused.json()["detail"]
    # a stale version loses with 409, the current one wins
    stale = client.post(
        f"/api/proposals/{pid}/decide", headers=alice, json={"action": "approve", "expected_version": 0}
    )
    assert stale.status_code == 409
    fresh = client.post(
        f"/api/proposals/{pid}/decide", headers=alice, json={"action": "approve", "expected_version": 1}
    )
    assert fresh.status_code == 200


def test_audit_verify_endpoint_detects_tampering(client: TestClient, engine: Engine) -> None:
    add_proposal(engine)
    alice = _token(engine, "alice")
    assert client.get("/api/audit/verify", headers=alice).json()["ok"] is True
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 1"))
    report = client.get("/api/audit/verify", headers=alice).json()
    assert report["ok"] is False and report["first_bad_id"] == 1
    assert client.get("/api/audit/verify", headers=_token(engine, "dave")).status_code == 403


def test_pages_need_login_and_forms_need_the_csrf_token(client: TestClient, engine: Engine) -> None:
    pid = add_proposal(engine)
    assert client.get("/queue", follow_redirects=False).status_code == 303
    login_page = client.get("/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)  # type: ignore[union-attr]
    bad = client.post("/login", data={"username": "bob", "password": PASSWORD, "csrf_token": "forged"})
    assert bad.status_code == 403
    client.post("/login", data={"username": "bob", "password": PASSWORD, "csrf_token": csrf})
    page = client.get(f"/proposals/{pid}").text
    assert "Order 40 x SKU-1" in page
    session_csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    forged = client.post(
        f"/proposals/{pid}/say", data={"message": "approve", "csrf_token": "x", "seen_version": "0"}
    )
    assert forged.status_code == 403
    why = client.post(
        f"/proposals/{pid}/say",
        data={"message": "why?", "csrf_token": session_csrf, "seen_version": "0"},
        headers={"HX-Request": "true"},
    )
    assert re.search(r"<th scope=\"row\">reorder point</th>\s*<td>37.5</td>", why.text)
    approve = client.post(
        f"/proposals/{pid}/say",
        data={"message": "approve", "csrf_token": session_csrf, "seen_version": "0"},
        headers={"HX-Request": "true"},
    )
    assert "Accepted proposal" in approve.text and 'id="state"' in approve.text
    with Session(engine) as session:
        assert session.get(Proposal, pid).state == "approved"  # type: ignore[union-attr]


def test_assign_through_the_api_and_filter_the_queue_by_assignee(client: TestClient, engine: Engine) -> None:
    # GIVEN two pending proposals and bob's token
    pid = add_proposal(engine)
    add_proposal(engine, reorder_draft(sku="SKU-9"))
    bob = _token(engine, "bob")
    # WHEN bob assigns the first to dave
    version = client.get(f"/api/proposals/{pid}", headers=bob).json()["version"]
    assigned = client.post(
        f"/api/proposals/{pid}/decide",
        headers=bob,
        json={"action": "assign", "assignee": "dave", "expected_version": version},
    )
    # THEN it is dave's, still pending, and dave's queue holds just that one
    assert assigned.status_code == 200 and assigned.json()["state"] == "pending"
    mine = client.get("/api/proposals", params={"assignee": "dave"}, headers=bob).json()["items"]
    assert [(p["id"], p["assignee"]) for p in mine] == [(pid, "dave")]
    # AND assigning to a viewer is refused as invalid
    refused = client.post(
        f"/api/proposals/{pid}/decide", headers=bob, json={"action": "assign", "assignee": "vera"}
    )
    assert refused.status_code == 422
