"""The review workspace in headless Chromium, on invoices the real pipeline read: the page beside the
decision with each field's evidence box, an edit that changes the amount posted (and the outbox
posts what the page showed), a release with its reason, undo before the push, a refused partial
command, the phone viewport, a keyboard-only review, and axe-core finding no serious violation.
Screenshots go to test-artifacts/ (workspace-*.png)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.review.accounts import Role, create_user
from opsloop.settings import Settings
from opsloop.store.tables import AuditEvent, OutboxItem, Proposal
from opsloop.web.app import create_app
from tests.conftest import REPO_ROOT
from tests.review.invoice_world import invoice_world
from tests.review.review_helpers import PASSWORD, add_users
from tests.web.browser import (
    axe_violations,
    chromium,
    log_in,
    need_axe,
    need_browser,
    no_horizontal_overflow,
    serve,
)
from tests.web.workspace_world import printed_box

RE_0412 = "schmidt_RE-2026-0412.pdf"
HELD = "mueller_2026-11902.pdf"
ARTIFACTS = REPO_ROOT / "test-artifacts"

pytestmark = pytest.mark.slow


@dataclass
class World:
    base: str
    engine: Engine
    invoice: int
    held: int
    boxes: dict[str, list[float]]


@pytest.fixture
def world(settings: Settings, engine: Engine) -> Iterator[World]:
    need_browser()
    add_users(engine)
    with Session(engine) as session:
        create_user(session, "rita", PASSWORD, Role.APPROVER, approval_limit=Decimal("5000"))
        session.commit()
    ids = invoice_world(engine, settings, RE_0412, HELD)
    with Session(engine) as session:
        document_id = session.get(Proposal, ids[RE_0412]).document_id  # type: ignore[union-attr]
    assert document_id is not None
    boxes = {"total": printed_box(engine, document_id, "1.432,62")}
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(create_app(settings, engine=engine)) as base:
        yield World(base, engine, ids[RE_0412], ids[HELD], boxes)


def _wait(driver: Any, seconds: float = 15) -> Any:
    """A wait that asks again where the page swapped the element it read (a status line re-rendered by the
    request it reports on) as where it is not there yet."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


def _outbox(engine: Engine, pid: int) -> list[OutboxItem]:
    with Session(engine) as session:
        return list(
            session.exec(select(OutboxItem).where(OutboxItem.proposal_id == pid).order_by(col(OutboxItem.id)))
        )


def test_the_page_is_beside_the_decision_and_each_field_lights_up_its_box(world: World) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(1440, 1000)
    try:
        log_in(driver, world.base, "rita")
        driver.get(f"{world.base}/proposals/{world.invoice}")
        wait = _wait(driver)
        # THEN page 1 is rendered beside the decision, and the amount to be posted is on top
        image = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "figure.page img"))
        wait.until(
            lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image)
        )
        assert driver.find_element(By.ID, "amount").text == "1,432.62 EUR"
        assert "new vendor" in driver.find_element(By.ID, "why-here").text
        # WHEN the reviewer moves into the total THEN its box on the page lights up where 1.432,62 is
        driver.find_element(By.ID, "f-total").click()
        box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#box-total.active"))
        page = driver.find_element(By.CSS_SELECTOR, "figure.page").rect
        width_pt, height_pt = driver.execute_script(
            "var f = document.querySelector('figure.page img'); return [f.getAttribute('width'), f.getAttribute('height')]"
        )
        x0, y0, x1, y1 = world.boxes["total"]  # where PDFium finds "1.432,62" printed
        centre_x = page["x"] + (x0 + x1) / 2 / float(width_pt) * page["width"]
        centre_y = page["y"] + (y0 + y1) / 2 / float(height_pt) * page["height"]
        lit = box.rect
        assert lit["x"] <= centre_x <= lit["x"] + lit["width"]
        assert lit["y"] <= centre_y <= lit["y"] + lit["height"]
        assert lit["width"] < page["width"] / 4, "the box marks the value, not the whole page"
        # AND a line of the invoice lights up its row
        driver.find_element(By.ID, "f-lines.2.quantity").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#box-line-2.active"))
        assert not driver.find_elements(By.CSS_SELECTOR, "#box-total.active")
        driver.find_element(By.ID, "f-total").click()
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(ARTIFACTS / "workspace-1440.png"))
        # AND the page image is only served to someone logged in
        driver.delete_all_cookies()
        driver.get(f"{world.base}/documents/1/pages/1.png")
        assert "log in" in driver.page_source
    finally:
        driver.quit()


def test_an_edit_changes_the_amount_posted_and_the_outbox_posts_what_the_page_shows(world: World) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    driver = chromium(1440, 1000)
    try:
        wait = _wait(driver)
        # GIVEN dave, a reviewer, corrects line 1 to 180 packs and takes the totals from the lines
        log_in(driver, world.base, "dave")
        driver.get(f"{world.base}/proposals/{world.invoice}")
        quantity = wait.until(lambda d: d.find_element(By.ID, "f-lines.1.quantity"))
        quantity.clear()
        quantity.send_keys("180")
        driver.find_element(By.ID, "totals-from-lines").click()
        # THEN title, amount, checks and state show the corrected invoice at once
        wait.until(ec.text_to_be_present_in_element((By.ID, "amount"), "1,340.99 EUR"))
        assert "1,340.99 EUR" in driver.find_element(By.ID, "title").text
        assert driver.find_element(By.ID, "state").text == "edited"
        assert "Re-checked" in driver.find_element(By.ID, "status").text
        assert driver.find_element(By.ID, "f-total").get_attribute("value") == "1340.99"
        # AND the queue row shows the new amount
        driver.get(f"{world.base}/queue")
        row = wait.until(lambda d: d.find_element(By.ID, f"row-{world.invoice}"))
        assert "1,340.99 EUR" in row.text
        # WHEN rita approves it for payment
        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        log_in(driver, world.base, "rita")
        driver.get(f"{world.base}/proposals/{world.invoice}")
        shown = wait.until(lambda d: d.find_element(By.ID, "amount")).text
        driver.find_element(By.CSS_SELECTOR, "#choice-approve button").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "approved for payment"))
        driver.save_screenshot(str(ARTIFACTS / "workspace-edited-approved.png"))
    finally:
        driver.quit()
    # THEN the outbox posts, to the cent, the amount the page showed
    [item] = _outbox(world.engine, world.invoice)
    assert f"{Decimal(item.payload['amount']):,.2f} EUR" == shown == "1,340.99 EUR"
    assert item.payload["lines"][0]["quantity"] == "180"


def test_a_release_needs_a_reason_and_a_confirmation_and_undo_works_before_the_push(world: World) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    driver = chromium(1440, 1000)
    try:
        wait = _wait(driver)
        log_in(driver, world.base, "rita")
        driver.get(f"{world.base}/proposals/{world.held}")
        # WHEN rita keeps the held invoice on hold, then undoes it before the push
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#choice-approve button")).click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "kept on hold"))
        assert "hold invoice · pending" in driver.find_element(By.ID, "outbox").text
        driver.find_element(By.CSS_SELECTOR, "#choice-undo button").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "pending"))
        assert "hold invoice · cancelled" in driver.find_element(By.ID, "outbox").text
        # WHEN she releases it without a reason THEN she is asked for one
        driver.find_element(By.CSS_SELECTOR, "#choice-release button").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "status"), "say why the hold is released"))
        # WHEN she gives the reason THEN a confirmation with a summary comes first
        driver.find_element(By.ID, "reason-release").send_keys("rest delivered, receipt follows")
        driver.find_element(By.CSS_SELECTOR, "#choice-release button").click()
        confirm = wait.until(lambda d: d.find_element(By.ID, "confirm-summary"))
        assert (
            "invoice 2026-11902 of Müller & Söhne Verpackung KG (V-1003), 1,499.64 EUR" in confirm.text
            and "overrides the hold" in confirm.text
        )
        driver.save_screenshot(str(ARTIFACTS / "workspace-release-confirm.png"))
        driver.find_element(By.ID, "confirm-go").click()
        # THEN it is approved for payment and the reason is in the history
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "approved for payment"))
        assert "release: rest delivered, receipt follows" in driver.find_element(By.ID, "history").text
    finally:
        driver.quit()
    assert [(r.action_kind, r.state) for r in _outbox(world.engine, world.held)] == [
        ("hold_invoice", "cancelled"),
        ("post_invoice", "pending"),
    ]
    with Session(world.engine) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "proposal.release")).one()
        assert event.data["reason"] == "rest delivered, receipt follows"


def test_a_partial_approval_typed_in_the_conversation_is_refused(world: World) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    driver = chromium(1440, 1000)
    try:
        wait = _wait(driver)
        log_in(driver, world.base, "rita")
        driver.get(f"{world.base}/proposals/{world.invoice}")
        message = wait.until(lambda d: d.find_element(By.ID, "message"))
        message.send_keys("approve it but only 30 units")
        driver.find_element(By.ID, "send").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "chat"), "can't approve part of an invoice"))
        assert driver.find_element(By.ID, "state").text == "pending"
        # AND German works the same way
        wait.until(lambda d: d.find_element(By.ID, "message").get_attribute("value") == "")
        driver.find_element(By.ID, "message").send_keys("Ist der Preis normal?")
        driver.find_element(By.ID, "send").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "chat"), "Price against the purchase history"))
        driver.save_screenshot(str(ARTIFACTS / "workspace-conversation.png"))
    finally:
        driver.quit()
    assert _outbox(world.engine, world.invoice) == []


def test_on_a_phone_nothing_overflows_and_the_decision_comes_first(world: World) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(390, 844, phone=True)
    try:
        wait = _wait(driver)
        log_in(driver, world.base, "rita")
        width, client = no_horizontal_overflow(driver)
        assert client == 390 and width <= client, "the queue overflows sideways"
        driver.get(f"{world.base}/proposals/{world.invoice}")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "figure.page img"))
        width, client = no_horizontal_overflow(driver)
        assert width <= client, f"the workspace is {width} px wide on a {client} px screen"
        # THEN the amount and the decision are on the first screen, the page below them
        approve = driver.find_element(By.CSS_SELECTOR, "#choice-approve button")
        assert approve.rect["y"] + approve.rect["height"] < 844
        assert driver.find_element(By.CSS_SELECTOR, "figure.page").rect["y"] > approve.rect["y"]
        driver.save_screenshot(str(ARTIFACTS / "workspace-390.png"))
    finally:
        driver.quit()


def test_a_review_can_be_done_with_the_keyboard_alone(world: World) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec

    driver = chromium(1440, 1000)
    try:
        wait = _wait(driver)
        keys = ActionChains(driver)
        # GIVEN rita logs in with the keyboard only
        driver.get(f"{world.base}/login")
        wait.until(lambda d: d.switch_to.active_element.get_attribute("id") == "username")
        keys.send_keys("rita", Keys.TAB, PASSWORD, Keys.ENTER).perform()
        wait.until(lambda d: d.find_element(By.CLASS_NAME, "queue"))
        driver.get(f"{world.base}/proposals/{world.invoice}")
        wait.until(lambda d: d.find_element(By.ID, "amount"))
        # THEN the element in focus shows a visible ring
        ActionChains(driver).send_keys(Keys.TAB, Keys.TAB).perform()
        outline = driver.execute_script(
            "var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]"
        )
        assert outline[0] != "none" and outline[1] != "0px"
        driver.find_element(By.TAG_NAME, "body").click()
        # WHEN she presses `a` THEN a dialog asks to confirm, with a summary
        ActionChains(driver).send_keys("a").perform()
        dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#shortcut-dialog[open]"))
        assert "Approve for payment" in dialog.text and "RE-2026-0412" in dialog.text
        # AND Escape leaves it undecided
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#shortcut-dialog[open]"))
        assert driver.find_element(By.ID, "state").text == "pending"
        # WHEN she presses `a` again and Enter THEN it is approved for payment
        ActionChains(driver).send_keys("a").perform()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#shortcut-dialog[open]"))
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "approved for payment"))
        # WHEN she presses `n` THEN the next proposal opens, and `h` asks to keep the held one on hold
        ActionChains(driver).send_keys("n").perform()
        wait.until(lambda d: f"/proposals/{world.held}" in d.current_url)
        wait.until(lambda d: d.find_element(By.ID, "amount"))
        ActionChains(driver).send_keys("h").perform()
        dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#shortcut-dialog[open]"))
        assert "Keep on hold" in dialog.text
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        wait.until(ec.text_to_be_present_in_element((By.ID, "state"), "kept on hold"))
        driver.save_screenshot(str(ARTIFACTS / "workspace-keyboard.png"))
    finally:
        driver.quit()
    assert [r.action_kind for r in _outbox(world.engine, world.invoice)] == ["post_invoice"]
    assert [r.action_kind for r in _outbox(world.engine, world.held)] == ["hold_invoice"]


def test_axe_core_finds_no_serious_violation(world: World) -> None:
    source = need_axe()
    from selenium.webdriver.common.by import By

    found: dict[str, list[dict[str, Any]]] = {}
    for width, phone in ((1440, False), (390, True)):
        driver = chromium(width, 900, phone=phone)
        try:
            driver.get(f"{world.base}/login")
            found[f"login@{width}"] = axe_violations(driver, source)
            log_in(driver, world.base, "rita")
            found[f"queue@{width}"] = axe_violations(driver, source)
            for pid in (world.invoice, world.held):
                driver.get(f"{world.base}/proposals/{pid}")
                _wait(driver).until(lambda d: d.find_element(By.ID, "amount"))
                found[f"proposal {pid}@{width}"] = axe_violations(driver, source)
        finally:
            driver.quit()
    assert {page: v for page, v in found.items() if v} == {}
