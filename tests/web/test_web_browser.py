"""A real browser (Debian's headless Chromium via Selenium) logs in, opens a proposal, asks
"why?", approves it and sees the state change; a screenshot goes to test-artifacts/."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.settings import Settings
from opsloop.store.tables import Proposal
from opsloop.web.app import create_app
from tests.conftest import REPO_ROOT
from tests.review.review_helpers import PASSWORD, add_proposal, add_users

CHROMIUM = os.environ.get("OPSLOOP_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("OPSLOOP_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")


def _need_browser() -> None:
    if Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
        return
    if os.environ.get("OPSLOOP_TEST_CHROMIUM"):
        pytest.fail(f"OPSLOOP_TEST_CHROMIUM is set but {CHROMIUM} or {CHROMEDRIVER} is missing")
    pytest.skip("no Chromium (apt-get install chromium chromium-driver; .ci/run does it)")


@pytest.fixture
def server(settings: Settings, engine: Engine) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning"
    )
    web = uvicorn.Server(config)
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not web.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    web.should_exit = True
    thread.join(10)


@pytest.mark.slow
def test_a_reviewer_asks_why_then_approves_in_a_real_browser(server: str, engine: Engine) -> None:
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    # GIVEN an approver and a pending reorder proposal
    add_users(engine)
    pid = add_proposal(engine)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
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
        wait.until(ec.text_to_be_present_in_element((By.ID, "chat"), "Formula: order = EOQ"))
        # AND approves
        wait.until(lambda d: d.find_element(By.ID, "message").get_attribute("value") == "")
        driver.find_element(By.ID, "message").send_keys("approve")
        driver.find_element(By.ID, "send").click()
        # THEN the conversation and the state badge show the approval
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "approved"))
        assert "Approved proposal" in driver.find_element(By.ID, "chat").text
    finally:
        driver.save_screenshot(str(artifacts / "review-approve.png"))
        driver.quit()
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "approved"
    assert (artifacts / "review-approve.png").stat().st_size > 1000
