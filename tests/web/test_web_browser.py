"""A real browser (Debian's headless Chromium via Selenium) logs in, opens a proposal, asks
"why?", approves it and sees the state change; a screenshot goes to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.settings import Settings
from opsloop.store.tables import Proposal
from opsloop.web.app import create_app
from tests.conftest import REPO_ROOT
from tests.review.review_helpers import PASSWORD, add_proposal, add_users
from tests.web.browser import chromium, need_browser, serve


@pytest.fixture
def server(settings: Settings, engine: Engine) -> Iterator[str]:
    with serve(create_app(settings, engine=engine)) as base:
        yield base


def _chromium(height: int = 900) -> Any:
    return chromium(1280, height)


def _need_browser() -> None:
    need_browser()


@pytest.mark.slow
def test_a_reviewer_asks_why_then_approves_in_a_real_browser(server: str, engine: Engine) -> None:
    _need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    # GIVEN an approver and a pending reorder proposal
    add_users(engine)
    pid = add_proposal(engine)
    driver = _chromium()
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    try:
        wait = WebDriverWait(driver, 15)
        # WHEN bob logs in
        driver.get(f"{server}/queue")
        wait.until(ec.presence_of_element_located((By.ID, "username"))).send_keys("bob")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "login").click()
        # AND opens the proposal from the queue
        wait.until(ec.element_to_be_clickable((By.LINK_TEXT, "Order 40 x SKU-1"))).click()
        wait.until(ec.presence_of_element_located((By.ID, "message")))
        # AND asks why
        driver.find_element(By.ID, "message").send_keys("why?")
        driver.find_element(By.ID, "send").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "chat"), "order = EOQ rounded to packs"))
        # AND approves
        wait.until(lambda d: d.find_element(By.ID, "message").get_attribute("value") == "")
        driver.find_element(By.ID, "message").send_keys("approve")
        driver.find_element(By.ID, "send").click()
        # THEN the conversation, the state badge and the history pane show the approval (no reload)
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "accepted"))
        assert "Accepted proposal" in driver.find_element(By.ID, "chat").text
        wait.until(ec.text_to_be_present_in_element((By.ID, "history"), "bob approve"))
        assert "No decisions yet" not in driver.find_element(By.ID, "history").text
    finally:
        driver.save_screenshot(str(artifacts / "review-approve.png"))
        driver.quit()
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "approved"
    assert (artifacts / "review-approve.png").stat().st_size > 1000


def _reorder_with_working() -> ProposalDraft:
    """A reorder proposal as the inventory planner writes it (inputs, formula, numbers, outlook)."""
    return ProposalDraft(
        kind=ProposalKind.REORDER,
        subject_key="item:BT-1001:reorder",
        title="Reorder 1215 Pck of BT-1001",
        summary="Position 109 is projected at 65.9, below the reorder point 302.1; order 1215 Pck.",
        payload={
            "action": "create_purchase_order",
            "sku": "BT-1001",
            "quantity": "1215",
            "unit": "Pck",
            "vendor_erp_id": "V-1001",
            "unit_cost": "0.50",
        },
        working={
            "inputs": {"on_hand": "109", "open_po_qty": "0", "lead_time_days": 5.0, "service_level": 0.95},
            "formula": "SS = z·√(LT·σd² + d²·σLT²); ROP = D_LT + SS; EOQ = √(2·D·S/H)",
            "numbers": {
                "safety_stock": 87.002,
                "reorder_point": 302.128,
                "eoq": 1211.794,
                "order_qty": "1215",
            },
            "expected_effect": "Net position 109 → 1324 Pck, above the reorder point 302.1.",
            "sensitivity": "At +20% demand: safety stock 87.0 → 104.4, order 1215 → 1330 Pck.",
        },
        amount=Decimal("607.50"),
        currency="EUR",
        confidence=0.77,
        urgency=0.9,
    )


@pytest.mark.slow
def test_a_reorder_shows_its_working_and_an_edit_needs_a_second_person(server: str, engine: Engine) -> None:
    _need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    # GIVEN approvers bob and alice and a reorder proposal with the planner's working
    add_users(engine)
    pid = add_proposal(engine, _reorder_with_working())
    driver = _chromium(height=1400)
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)

    def log_in(name: str) -> None:
        driver.get(f"{server}/login")
        wait.until(ec.presence_of_element_located((By.ID, "username"))).send_keys(name)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "login").click()
        wait.until(ec.presence_of_element_located((By.CLASS_NAME, "queue")))

    def say(text: str, expect: str) -> None:
        wait.until(lambda d: d.find_element(By.ID, "message").get_attribute("value") == "")
        driver.find_element(By.ID, "message").send_keys(text)
        driver.find_element(By.ID, "send").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "chat"), expect))

    try:
        wait = WebDriverWait(driver, 15)
        # WHEN bob opens it
        log_in("bob")
        driver.get(f"{server}/proposals/{pid}")
        opening = wait.until(ec.presence_of_element_located((By.ID, "opening"))).text
        # THEN the opening shows the expected effect, the confidence, the sensitivity and the numbers
        for part in ("expected effect", "Net position 109 → 1324", "77%", "At +20% demand", "reorder point"):
            assert part in opening, part
        # WHEN he asks why THEN the inputs and the formula follow, as tables
        say("why?", "SS = z·√(LT·σd² + d²·σLT²)")
        assert driver.find_elements(By.CSS_SELECTOR, "#chat section.working table.pairs")
        assert "on hand" in driver.find_element(By.ID, "chat").text
        # WHEN he sets the quantity to 40 THEN the action and the amount change, the state is edited
        say("set quantity to 40", "quantity: 1215 → 40")
        wait.until(lambda d: d.find_element(By.ID, "f-quantity").get_attribute("value") == "40")
        assert driver.find_element(By.ID, "amount").text == "20.00 EUR"
        assert driver.find_element(By.ID, "state").text == "edited"
        # AND he cannot approve his own edit
        say("approve", "segregation of duties")
        driver.save_screenshot(str(artifacts / "review-reorder-working.png"))
        # WHEN alice, another approver, approves it THEN it is approved
        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        log_in("alice")
        driver.get(f"{server}/proposals/{pid}")
        wait.until(ec.presence_of_element_located((By.ID, "message")))
        assert "Edited by bob: quantity 1215 → 40" in driver.find_element(By.ID, "opening").text
        say("approve", "Accepted proposal")
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "accepted"))
    finally:
        driver.save_screenshot(str(artifacts / "review-reorder-approved.png"))
        driver.quit()
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None
        assert (proposal.state, proposal.payload["quantity"]) == ("approved", "40")
    assert (artifacts / "review-reorder-working.png").stat().st_size > 1000
