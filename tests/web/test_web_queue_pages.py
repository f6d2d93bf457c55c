"""The queue's pages without a browser: the bulk form needs a login and the CSRF token, approvals
above the confirmation threshold come back with their summaries and one confirm form that carries
only them, and a filter that does not parse is left out instead of failing the page."""

from __future__ import annotations

import re
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.settings import ReviewSettings, Settings
from opsloop.store.tables import Proposal
from opsloop.web.app import create_app
from tests.review.review_helpers import PASSWORD, add_proposal, add_users, reorder_draft


def _client(settings: Settings, engine: Engine) -> tuple[TestClient, str]:
    add_users(engine)
    client = TestClient(create_app(settings, engine=engine))
    login = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token})
    page = client.get("/queue").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    return client, csrf


def test_bulk_needs_a_login_and_the_csrf_token(settings: Settings, engine: Engine) -> None:
    pid = add_proposal(engine)
    stranger = TestClient(create_app(settings, engine=engine))
    assert (
        stranger.post(
            "/queue/bulk", data={"ids": str(pid), "action": "approve"}, follow_redirects=False
        ).status_code
        == 303
    )
    client, _csrf = _client(settings, engine)
    forged = client.post("/queue/bulk", data={"ids": str(pid), "action": "approve", "csrf_token": "x"})
    assert forged.status_code == 403
    with Session(engine) as session:
        assert session.get(Proposal, pid).state == "pending"  # type: ignore[union-attr]


def test_approvals_above_the_threshold_are_confirmed_in_one_step(settings: Settings, engine: Engine) -> None:
    strict = settings.model_copy(update={"review": ReviewSettings(confirm_above=Decimal("500"))})
    cheap = add_proposal(engine, reorder_draft(sku="Q-1", quantity=5))
    dear = add_proposal(engine, reorder_draft(sku="Q-2", quantity=100))
    client, csrf = _client(strict, engine)
    first = client.post(
        "/queue/bulk",
        data={
            "csrf_token": csrf,
            "action": "approve",
            "ids": [str(cheap), str(dear)],
            f"v_{dear}": "0",
            "return_to": "/queue?kind=reorder",
        },
    ).text
    assert 'id="bulk-confirm"' in first and "1 needs a confirmation" in first
    form = first[first.index('id="bulk-confirm"') :]
    assert f'name="ids" value="{dear}"' in form and f'name="ids" value="{cheap}"' not in form
    assert 'name="confirmed" value="1"' in form and f'name="v_{dear}" value="0"' in form
    second = client.post(
        "/queue/bulk",
        data={
            "csrf_token": csrf,
            "action": "approve",
            "ids": str(dear),
            f"v_{dear}": "0",
            "confirmed": "1",
            "return_to": "/queue?kind=reorder",
        },
    ).text
    assert "1 done" in second and 'href="/queue?kind=reorder"' in second
    with Session(engine) as session:
        assert {session.get(Proposal, i).state for i in (cheap, dear)} == {"approved"}  # type: ignore[union-attr]


def test_a_return_address_elsewhere_is_not_followed(settings: Settings, engine: Engine) -> None:
    pid = add_proposal(engine)
    client, csrf = _client(settings, engine)
    page = client.post(
        "/queue/bulk",
        data={
            "csrf_token": csrf,
            "action": "assign",
            "assignee": "dave",
            "ids": str(pid),
            "return_to": "https://evil.example/queue",
        },
    ).text
    assert 'href="/queue" class="button" id="back-to-queue"' in page


def test_a_filter_that_does_not_parse_is_left_out(settings: Settings, engine: Engine) -> None:
    add_proposal(engine)
    client, _csrf = _client(settings, engine)
    page = client.get("/queue?amount_min=lots&sort=nonsense&page=-3&per_page=0")
    assert page.status_code == 200 and "Order 40 x SKU-1" in page.text


def test_the_checks_heading_counts_only_when_there_are_checks_and_the_chat_names_which(
    settings: Settings, engine: Engine
) -> None:
    # GIVEN a reorder with one planner check and one with none
    client, _csrf = _client(settings, engine)
    checked = add_proposal(engine, reorder_draft(sku="CHK-1"))
    bare_draft = reorder_draft(sku="CHK-2")
    bare_draft.working = {"formula": "order = EOQ", "numbers": {"eoq": "40"}}
    bare = add_proposal(engine, bare_draft)
    # THEN the page without checks says so once, with no "0 of 0 passed"
    page = client.get(f"/proposals/{bare}").text
    assert '<h2 id="checks-title">Checks</h2>' in page
    assert "0 of 0" not in page
    # AND the conversation names the checks it counts (the panel's count can include the document's)
    page = client.get(f"/proposals/{checked}").text
    assert "Checks (1 of 1 passed)" in page
    assert "1 of 1 reconciliation checks passed." in page


def test_a_proposals_own_fields_are_labelled_in_words_not_keys(settings: Settings, engine: Engine) -> None:
    # GIVEN a reorder (its payload keys sku, unit_cost, vendor_erp_id)
    client, _csrf = _client(settings, engine)
    pid = add_proposal(engine, reorder_draft(sku="LBL-1"))
    page = client.get(f"/proposals/{pid}").text
    # THEN each field reads as a label
    assert '<label for="f-sku">SKU</label>' in page
    assert '<label for="f-unit_cost">Unit cost</label>' in page
    assert '<label for="f-vendor_erp_id">Vendor ERP id</label>' in page
