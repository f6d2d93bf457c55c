"""The REST API through a real server on loopback: documents (upload by the watched folder's rules,
idempotent on the content hash, quarantine, list, show, the original and its pages), the queue's
filters and pages, bulk decisions, problem details, token roles, the event feed, signed and retried
webhooks, and the API docs served without a CDN."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.notify.webhooks import SIGNATURE_HEADER, push_webhooks, verify_signature
from opsloop.review.accounts import Role, issue_token
from opsloop.settings import Settings, WebhookSettings
from opsloop.store.tables import Document, User, WebhookDelivery
from opsloop.web.app import create_app
from tests import samples
from tests.review.queue_world import add_invoice_hold
from tests.review.review_helpers import add_proposal, add_users, reorder_draft
from tests.web.browser import serve


@pytest.fixture
def base(settings: Settings, engine: Engine) -> Iterator[str]:
    add_users(engine)
    with serve(create_app(settings, engine=engine)) as url:
        yield url


def _token(engine: Engine, username: str, role: Role | None = None) -> dict[str, str]:
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        token = issue_token(session, user, role=role)
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_an_upload_is_taken_in_once_per_content_and_a_bad_file_is_quarantined(
    base: str, engine: Engine
) -> None:
    dave = _token(engine, "dave")
    invoice = samples.ubl_invoice("UP-1")
    with httpx.Client(base_url=base, headers=dave, timeout=60) as client:
        # WHEN an e-invoice is uploaded THEN it is accepted as a new document
        first = client.post("/api/documents", files={"file": ("up-1.xml", invoice, "application/xml")})
        assert first.status_code == 201, first.text
        body = first.json()
        assert (
            body["status"] == "accepted"
            and first.headers["location"] == f"/api/documents/{body['document_id']}"
        )
        # AND the same bytes again (another name) are the same document, nothing new stored
        again = client.post("/api/documents", files={"file": ("copy.xml", invoice, "application/xml")})
        assert again.status_code == 200 and again.json()["status"] == "duplicate"
        assert again.json()["document_id"] == body["document_id"]
        # AND a file that is no document is quarantined with its reason, as in the watched folder
        bad = client.post(
            "/api/documents", files={"file": ("notes.bin", b"\x00\x01garbage", "application/octet-stream")}
        )
        assert bad.status_code == 201 and bad.json()["status"] == "quarantined" and bad.json()["reason_code"]
        # AND the document can be listed, shown with its history, and downloaded as received
        listed = client.get("/api/documents", params={"state": "quarantined"}).json()
        assert [d["id"] for d in listed["items"]] == [bad.json()["document_id"]] and listed["total"] == 1
        deadline = time.monotonic() + 180  # the server processes it after answering (a loaded box is slow)
        while time.monotonic() < deadline:
            shown = client.get(f"/api/documents/{body['document_id']}").json()
            if shown["proposals"] or shown["state"] in ("failed", "quarantined"):
                break
            time.sleep(0.2)
        assert shown["proposals"], shown["state"]
        assert shown["history"][0]["to_state"] == "received" and len(shown["history"]) > 1
        assert shown["extraction"] is not None and shown["extraction"]["invoice_number"] == "UP-1"
        assert shown["reconciliation"] is not None and shown["proposals"]
        original = client.get(shown["links"]["file"])
        assert original.status_code == 200 and original.content == invoice
        assert original.headers["content-type"].startswith("application/xml")
        assert client.get(f"/api/documents/{body['document_id']}/pages/1.png").status_code == 404
    with Session(engine) as session:
        assert len(session.exec(select(Document)).all()) == 2


def test_a_pdf_page_is_rendered_for_a_token(base: str, engine: Engine, settings: Settings) -> None:
    pdf = samples.text_pdf(["Invoice 77", "Total 10.00"])
    with httpx.Client(base_url=base, headers=_token(engine, "dave"), timeout=60) as client:
        made = client.post("/api/documents", files={"file": ("a.pdf", pdf, "application/pdf")}).json()
        page = client.get(f"/api/documents/{made['document_id']}/pages/1.png")
        assert page.status_code == 200 and page.content[:8] == b"\x89PNG\r\n\x1a\n"
        missing = client.get(f"/api/documents/{made['document_id']}/pages/9.png")
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_errors_are_problem_details_and_every_operation_refuses_strangers(base: str, engine: Engine) -> None:
    pid = add_proposal(engine)
    spec = httpx.get(f"{base}/api/openapi.json", timeout=30).json()
    operations = [(path, method) for path, item in spec["paths"].items() for method in item]
    assert {
        "/api/documents",
        "/api/documents/{document_id}/file",
        "/api/proposals/bulk",
        "/api/events",
    } <= set(spec["paths"])
    for path, method in operations:
        url = base + path.replace("{proposal_id}", str(pid)).replace("{document_id}", "1").replace(
            "{number}", "1"
        )
        response = httpx.request(method.upper(), url, timeout=30, json={})
        assert response.status_code == 401, (method, path)
        problem = response.json()
        assert response.headers["content-type"] == "application/problem+json"
        assert problem["status"] == 401 and problem["type"].startswith("urn:opsloop:problem:")
        assert problem["instance"] == path.replace("{proposal_id}", str(pid)).replace(
            "{document_id}", "1"
        ).replace("{number}", "1")
    bob = _token(engine, "bob")
    missing = httpx.get(f"{base}/api/proposals/99999", headers=bob, timeout=30)
    assert missing.status_code == 404 and missing.json()["title"] == "Not Found" and missing.json()["hint"]
    invalid = httpx.get(f"{base}/api/proposals", params={"per_page": "0"}, headers=bob, timeout=30)
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["where"].endswith("per_page")


def test_a_token_carries_a_role_no_higher_than_its_user(base: str, engine: Engine) -> None:
    pid = add_proposal(engine)  # 480 EUR, within bob's limit
    read_only = _token(engine, "bob", Role.VIEWER)
    assert httpx.get(f"{base}/api/me", headers=read_only, timeout=30).json()["role"] == "viewer"
    refused = httpx.post(
        f"{base}/api/proposals/{pid}/decide", headers=read_only, json={"action": "approve"}, timeout=30
    )
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    with Session(engine) as session, pytest.raises(Exception, match="cannot carry admin"):
        issue_token(session, session.exec(select(User).where(User.username == "bob")).one(), role=Role.ADMIN)


def test_proposals_are_filtered_searched_and_paged(base: str, engine: Engine) -> None:
    with Session(engine) as session:
        for i in range(7):
            add_invoice_hold(
                session, vendor="Müller AG" if i % 2 else "Acme", number=f"P-{i}", amount=f"{10 + i}.00"
            )
        session.commit()
    bob = _token(engine, "bob")
    with httpx.Client(base_url=base, headers=bob, timeout=30) as client:
        page = client.get(
            "/api/proposals", params={"q": "muller", "per_page": 2, "sort": "amount", "order": "asc"}
        ).json()
        assert page["total"] == 3 and page["pages"] == 2
        assert [p["reference"] for p in page["items"]] == ["P-1", "P-3"]
        assert page["items"][0]["vendor"] == "Müller AG" and page["items"][0]["sla"].startswith("due in")
        second = client.get(
            "/api/proposals",
            params={"q": "muller", "per_page": 2, "page": 2, "sort": "amount", "order": "asc"},
        )
        assert [p["reference"] for p in second.json()["items"]] == ["P-5"]
        ranged = client.get("/api/proposals", params={"amount_min": "14", "vendor": "Acme"}).json()
        assert sorted(p["reference"] for p in ranged["items"]) == ["P-4", "P-6"]


def test_bulk_decisions_through_the_api_say_what_happened_to_each(base: str, engine: Engine) -> None:
    small = add_proposal(engine, reorder_draft(sku="B-1", quantity=5))
    large = add_proposal(engine, reorder_draft(sku="B-2", quantity=100))  # over bob's limit
    response = httpx.post(
        f"{base}/api/proposals/bulk",
        headers=_token(engine, "bob"),
        json={"action": "approve", "items": [{"id": small, "expected_version": 0}, {"id": large}]},
        timeout=30,
    )
    assert response.status_code == 200
    assert [(r["proposal_id"], r["status"]) for r in response.json()["results"]] == [
        (small, "done"),
        (large, "not_allowed"),
    ]


def test_the_event_feed_lists_decisions_and_document_changes_after_a_cursor(
    base: str, engine: Engine
) -> None:
    bob = _token(engine, "bob")
    start = httpx.get(f"{base}/api/events", params={"after": "latest"}, headers=bob, timeout=30).json()[
        "cursor"
    ]
    pid = add_proposal(engine)
    httpx.post(f"{base}/api/proposals/{pid}/decide", headers=bob, json={"action": "approve"}, timeout=30)
    feed = httpx.get(f"{base}/api/events", params={"after": start}, headers=bob, timeout=30).json()
    types = [e["type"] for e in feed["events"]]
    assert types == ["proposal.created", "proposal.approve"]
    assert all(e["subject"] == f"proposal:{pid}" for e in feed["events"])
    again = httpx.get(f"{base}/api/events", params={"after": feed["cursor"]}, headers=bob, timeout=30).json()
    assert again["events"] == [] and again["cursor"] == feed["cursor"]
    bad = httpx.get(f"{base}/api/events", params={"after": "x.y"}, headers=bob, timeout=30)
    assert bad.status_code == 400


class _Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    fail_first: ClassVar[int] = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(({k: v for k, v in self.headers.items()}, body))
        failing = len(type(self).received) <= type(self).fail_first
        self.send_response(503 if failing else 204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


def test_webhooks_are_signed_and_retried_until_the_receiver_takes_them(
    engine: Engine, settings: Settings
) -> None:
    _Receiver.received, _Receiver.fail_first = [], 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    configured = settings.model_copy(
        update={"webhooks": WebhookSettings(urls=[url], secret="s3cret", retry_backoff_seconds=1)}  # type: ignore[arg-type]
    )
    try:
        assert push_webhooks(engine, configured) == {
            "delivered": 0,
            "retrying": 0,
            "failed": 0,
        }  # notes the start
        add_proposal(engine)
        # WHEN the first delivery meets a 503 THEN it is retried later, not lost
        assert push_webhooks(engine, configured)["retrying"] == 1
        assert push_webhooks(engine, configured)["delivered"] == 0  # not due yet
        with Session(engine) as session:
            row = session.exec(select(WebhookDelivery)).one()
            assert row.attempts == 1 and row.last_status == 503
            row.next_attempt_at = row.next_attempt_at - timedelta(seconds=5)
            session.add(row)
            session.commit()
        assert push_webhooks(engine, configured)["delivered"] == 1
    finally:
        server.shutdown()
    headers, body = _Receiver.received[-1]
    assert verify_signature("s3cret", body, headers[SIGNATURE_HEADER])
    assert not verify_signature("other", body, headers[SIGNATURE_HEADER])
    assert not verify_signature("s3cret", body + b" ", headers[SIGNATURE_HEADER])
    event = json.loads(body)
    assert event["type"] == "proposal.created" and headers["Opsloop-Event-Id"] == event["id"]
    with Session(engine) as session:
        assert session.exec(select(WebhookDelivery)).one().state == "delivered"


def test_api_docs_work_offline_from_our_own_assets(base: str) -> None:
    page = httpx.get(f"{base}/api/docs", timeout=30)
    assert page.status_code == 200 and "cdn" not in page.text.lower() and "<script>" not in page.text
    for asset in (
        "/static/swagger-ui/swagger-ui-bundle.js",
        "/static/swagger-ui/swagger-ui.css",
        "/static/api-docs.js",
    ):
        assert asset in page.text or asset == "/static/swagger-ui/swagger-ui.css"
        assert httpx.get(base + asset, timeout=30).status_code == 200


def test_money_in_the_api_stays_exact(base: str, engine: Engine) -> None:
    pid = add_proposal(engine, reorder_draft(unit_cost="0.10", quantity=3))
    shown = httpx.get(f"{base}/api/proposals/{pid}", headers=_token(engine, "bob"), timeout=30).json()
    assert Decimal(shown["amount"]) == Decimal("0.30")
