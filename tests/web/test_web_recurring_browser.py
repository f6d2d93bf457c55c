"""Teaching a recurring charge in headless Chromium, by keyboard alone: the clerk releases a held rent without
an order, ticking "Remember as a recurring charge"; the Recurring charges page shows it (1440 px and a 390 px
phone, no sideways scrolling) and revokes it with a reason. Screenshots go to test-artifacts/ (recurring-*.png)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.erp.folder import load_folder
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store import tables as t
from opsloop.web.app import create_app
from tests.conftest import REPO_ROOT
from tests.review.review_helpers import add_users
from tests.review.test_review_recurring_charges import FIXTURES, _rent
from tests.web.browser import chromium, log_in, need_browser, no_horizontal_overflow, serve
from tests.web.test_web_workspace import _wait

ARTIFACTS = REPO_ROOT / "test-artifacts"

pytestmark = pytest.mark.slow


@dataclass
class World:
    base: str
    engine: Engine
    held: int


@pytest.fixture
def world(settings: Settings, engine: Engine, tmp_path: Path) -> Iterator[World]:
    need_browser()
    reset_caches()
    add_users(engine)
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        session.commit()
    path = tmp_path / "drop" / "oct.xml"
    path.parent.mkdir(parents=True)
    path.write_bytes(_rent("HL-26-0410", "Oktober 2026", "2026-10-01"))
    [outcome] = ingest_and_process(engine, settings, [path], move=False)[0]
    with Session(engine) as session:
        held = session.exec(
            select(t.Proposal)
            .where(t.Proposal.document_id == outcome.document_id)
            .order_by(col(t.Proposal.id))
        ).first()
    assert held is not None and held.id is not None and held.payload["action"] == "hold"
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(create_app(settings, engine=engine)) as base:
        yield World(base, engine, held.id)


def test_a_clerk_remembers_a_recurring_charge_and_revokes_it_by_keyboard(world: World) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = chromium(1440, 1000)
    try:
        log_in(driver, world.base, "alice")
        driver.get(f"{world.base}/proposals/{world.held}")
        wait = _wait(driver)
        # GIVEN the held rent offers "Remember as a recurring charge" beside the release
        reason = wait.until(lambda d: d.find_element(By.ID, "reason-release"))
        assert driver.find_element(By.CSS_SELECTOR, "label[for=remember-recurring-release]").text == (
            "Remember as a recurring charge"
        )
        driver.save_screenshot(str(ARTIFACTS / "recurring-release-1440.png"))
        # WHEN the clerk types the reason, tabs to the box, ticks it with space and presses Enter
        reason.send_keys("storage rent, contract 2026")
        reason.send_keys(Keys.TAB)
        checkbox = driver.switch_to.active_element
        assert checkbox.get_attribute("id") == "remember-recurring-release"
        checkbox.send_keys(Keys.SPACE)
        assert checkbox.is_selected()
        driver.find_element(By.CSS_SELECTOR, "#choice-release button[type=submit]").send_keys(Keys.ENTER)
        # THEN the release asks for a confirmation that says it is remembered too; Enter confirms
        go = wait.until(lambda d: d.find_element(By.ID, "confirm-go"))
        assert "remember it as a recurring charge" in driver.find_element(By.ID, "confirm-remember").text
        go.send_keys(Keys.ENTER)
        wait.until(lambda d: "Remembered as a recurring charge" in d.find_element(By.ID, "status").text)
        with Session(world.engine) as session:
            [agreement] = session.exec(select(t.RecurringAgreement)).all()
            assert agreement.approved_by == "alice" and agreement.revoked_at is None
        # AND the Recurring charges page lists it, at 1440 px and on a 390 px phone, without sideways scrolling
        driver.get(f"{world.base}/recurring")
        card = wait.until(lambda d: d.find_element(By.ID, f"agreement-{agreement.id}"))
        assert "690.20 EUR monthly" in card.text and "active" in card.text and "2026-11" in card.text
        width, visible = no_horizontal_overflow(driver)
        assert width <= visible
        driver.save_screenshot(str(ARTIFACTS / "recurring-page-1440.png"))
    finally:
        driver.quit()
    phone = chromium(390, 844, phone=True)
    try:
        log_in(phone, world.base, "alice")
        phone.get(f"{world.base}/recurring")
        wait = _wait(phone)
        field = wait.until(lambda d: d.find_element(By.ID, f"revoke-reason-{agreement.id}"))
        width, visible = no_horizontal_overflow(phone)
        assert width <= visible, (width, visible)
        phone.save_screenshot(str(ARTIFACTS / "recurring-page-390.png"))
        # WHEN it is revoked by keyboard with a reason THEN the page says so and the agreement is revoked
        field.send_keys("contract ends")
        field.send_keys(Keys.ENTER)
        wait.until(lambda d: "revoked" in d.find_element(By.ID, "status").text)
        assert "revoked" in phone.find_element(By.ID, f"agreement-{agreement.id}").text
        phone.save_screenshot(str(ARTIFACTS / "recurring-revoked-390.png"))
    finally:
        phone.quit()
    with Session(world.engine) as session:
        revoked = session.get(t.RecurringAgreement, agreement.id)
        assert (
            revoked is not None
            and revoked.revoked_by == "alice"
            and revoked.revoked_reason == "contract ends"
        )


def test_the_third_same_rent_says_why_it_offers_to_remember_it_at_both_widths(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from opsloop.review.decisions import DecisionAction, DecisionRequest, decide

    need_browser()
    reset_caches()
    people = add_users(engine)
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        session.commit()
    # GIVEN September's and October's rent released by bob without remembering them
    arrived = []
    for name, month, issued, number in (
        ("sep", "September 2026", "2026-09-01", "HL-26-0309"),
        ("oct", "Oktober 2026", "2026-10-01", "HL-26-0410"),
        ("nov", "November 2026", "2026-11-02", "HL-26-0511"),
    ):
        path = tmp_path / "drop" / f"{name}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_rent(number, month, issued))
        [outcome] = ingest_and_process(engine, settings, [path], move=False)[0]
        with Session(engine) as session:
            proposal = session.exec(
                select(t.Proposal)
                .where(t.Proposal.document_id == outcome.document_id)
                .order_by(col(t.Proposal.id))
            ).first()
            assert proposal is not None and proposal.id is not None
            arrived.append(proposal.id)
            if name != "nov":
                request = DecisionRequest(action=DecisionAction.RELEASE, reason="rent", confirmed=True)
                decide(session, proposal.id, people["bob"], request)
                session.commit()
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(create_app(settings, engine=engine)) as base:
        for width, height, phone in ((1440, 1000, False), (390, 844, True)):
            driver = chromium(width, height, phone=phone)
            try:
                log_in(driver, base, "alice")
                driver.get(f"{base}/proposals/{arrived[-1]}")
                wait = _wait(driver)
                # THEN November's panel says who released the same rent in which months, beside the box
                hint = wait.until(lambda d: d.find_element(By.ID, "recurring-hint-release"))
                assert "September 2026 and October 2026" in hint.text and "by bob" in hint.text
                assert driver.find_element(By.ID, "recurring-months-release").get_attribute("value") == "1"
                box = driver.find_element(By.ID, "remember-recurring-release")
                assert not box.is_selected()  # a hint, never a choice made for the person
                assert box.get_attribute("aria-describedby") == "recurring-hint-release"
                # AND the keyboard path is unchanged: from the reason, Tab reaches the box
                driver.find_element(By.ID, "reason-release").send_keys(Keys.TAB)
                assert driver.switch_to.active_element.get_attribute("id") == "remember-recurring-release"
                visible_width, viewport = no_horizontal_overflow(driver)
                assert visible_width <= viewport
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", hint)
                driver.save_screenshot(str(ARTIFACTS / f"recurring-hint-{width}.png"))
            finally:
                driver.quit()
