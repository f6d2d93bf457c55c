"""The queue and the operations view in a real browser (headless Chromium): a filter kept in the URL,
a bulk action on a selection with a result per item, a group of duplicates rejected with one action,
the phone viewport without sideways scrolling, the operations page at 1440 and 390 px, and axe-core
finding no serious violation. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.settings import Settings
from opsloop.store.tables import OutboxItem, Proposal
from opsloop.web.app import create_app
from tests.conftest import REPO_ROOT
from tests.review.queue_world import add_invoice_hold
from tests.review.review_helpers import add_proposal, add_users, reorder_draft
from tests.web.browser import (
    axe_violations,
    chromium,
    log_in,
    need_axe,
    need_browser,
    no_horizontal_overflow,
    serve,
)

ARTIFACTS = REPO_ROOT / "test-artifacts"


@pytest.fixture
def server(settings: Settings, engine: Engine) -> Iterator[str]:
    add_users(engine)
    with serve(create_app(settings, engine=engine)) as base:
        yield base


def _queue_world(engine: Engine) -> dict[str, Any]:
    """Six invoices of three vendors (one overdue), an original with three duplicates, two reorders."""
    with Session(engine, expire_on_commit=False) as session:
        rows = [
            add_invoice_hold(
                session,
                vendor="Müller Werkzeuge GmbH",
                number="MW-1",
                amount="812.40",
                po_numbers=("4500000101",),
            ),
            add_invoice_hold(
                session, vendor="Müller Werkzeuge GmbH", number="MW-2", amount="95.00", sla_hours=-30
            ),
            add_invoice_hold(
                session,
                vendor="Acme Parts Ltd",
                number="AC-17",
                amount="1430.00",
                exceptions=("price_variance", "not_received"),
            ),
            add_invoice_hold(
                session,
                vendor="Acme Parts Ltd",
                number="AC-18",
                amount="64.10",
                exceptions=("quantity_variance",),
            ),
        ]
        original = add_invoice_hold(
            session, vendor="Nordic Supply AB", number="NS-900", amount="350.00", state="executed"
        )
        copies = [
            add_invoice_hold(
                session,
                vendor="Nordic Supply AB",
                number="NS-900",
                amount="350.00",
                exceptions=("duplicate",),
                duplicate_of=original.document_id,
            )
            for _ in range(3)
        ]
        session.commit()
        ids = {p.reference + ("" if p.duplicate_of is None else f"#{p.id}"): p.id for p in rows + copies}
    ids["reorder-small"] = add_proposal(engine, reorder_draft(sku="RS-1", quantity=5))
    ids["reorder-large"] = add_proposal(engine, reorder_draft(sku="RS-2", quantity=200))  # over bob's limit
    return {"ids": ids, "copies": [c.id for c in copies], "original": original.id}


@pytest.mark.slow
def test_a_filter_stays_in_the_url_and_a_bulk_approval_reports_each_item(server: str, engine: Engine) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    world = _queue_world(engine)
    ARTIFACTS.mkdir(exist_ok=True)
    driver = chromium(1440, 1000)
    try:
        wait = WebDriverWait(driver, 15)
        log_in(driver, server, "bob")
        # WHEN bob searches "muller" (no umlaut) and keeps only the overdue ones
        driver.find_element(By.ID, "q").send_keys("muller")
        driver.find_element(By.ID, "apply").click()
        wait.until(ec.url_contains("q=muller"))
        rows = driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr[data-id]")
        assert {r.get_attribute("data-id") for r in rows} == {
            str(world["ids"]["MW-1"]),
            str(world["ids"]["MW-2"]),
        }
        driver.find_element(By.ID, "f-overdue").click()
        driver.find_element(By.ID, "apply").click()
        wait.until(ec.url_contains("overdue=1"))
        # THEN the URL carries the filters: reloading it shows the same rows, overdue in red words
        url = driver.current_url
        driver.get(url)
        rows = driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr[data-id]")
        assert [r.get_attribute("data-id") for r in rows] == [str(world["ids"]["MW-2"])]
        assert "overdue by 1 d" in rows[0].text
        assert driver.find_element(By.ID, "f-overdue").is_selected()
        driver.save_screenshot(str(ARTIFACTS / "queue-filtered-1440.png"))
        # AND the priority is explained on hover
        note = driver.find_element(By.CSS_SELECTOR, f"#row-{world['ids']['MW-2']} .priority").get_attribute(
            "title"
        )
        assert "amount at stake 95.00 EUR" in note
        # WHEN he sorts the open reorders by amount and selects both
        driver.get(f"{server}/queue?kind=reorder&sort=amount&order=asc")
        for key in ("reorder-small", "reorder-large"):
            driver.find_element(By.ID, f"pick-{world['ids'][key]}").click()
        assert driver.find_element(By.ID, "picked").text == "2"
        Select(driver.find_element(By.ID, "bulk-action")).select_by_value("approve")
        driver.find_element(By.ID, "bulk-apply").click()
        # THEN each item says what happened: one approved, one over his limit
        wait.until(ec.presence_of_element_located((By.ID, "bulk-results")))
        small = driver.find_element(By.ID, f"result-{world['ids']['reorder-small']}").text
        large = driver.find_element(By.ID, f"result-{world['ids']['reorder-large']}").text
        assert "done" in small and "not allowed" in large and "limit" in large
        driver.save_screenshot(str(ARTIFACTS / "queue-bulk-result-1440.png"))
        # AND back in the queue the filters are as they were
        driver.find_element(By.ID, "back-to-queue").click()
        wait.until(ec.url_contains("kind=reorder"))
        assert "sort=amount" in driver.current_url
    finally:
        driver.quit()
    with Session(engine) as session:
        states = {p.id: p.state for p in session.exec(select(Proposal))}
    assert states[world["ids"]["reorder-small"]] == "approved"
    assert states[world["ids"]["reorder-large"]] == "pending"


@pytest.mark.slow
def test_a_group_of_duplicates_is_rejected_with_one_action(server: str, engine: Engine) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    world = _queue_world(engine)
    ARTIFACTS.mkdir(exist_ok=True)
    driver = chromium(1440, 1100)
    try:
        wait = WebDriverWait(driver, 15)
        log_in(driver, server, "dave")
        # GIVEN the three duplicates of an invoice paid long ago sit as one group
        group = driver.find_element(By.CSS_SELECTOR, "tbody.dup-group")
        assert "3 duplicates of document" in group.text and "(executed)" in group.text
        assert len(group.find_elements(By.CSS_SELECTOR, "tr[data-id]")) == 3
        assert "in 7 rows (duplicates grouped)" in driver.find_element(By.ID, "counts").text
        driver.save_screenshot(str(ARTIFACTS / "queue-duplicates-1440.png"))
        # WHEN dave rejects the group with its one button
        group.find_element(By.CSS_SELECTOR, "button.group-action").click()
        # THEN all three are rejected, each reported, and the ERP is told why
        wait.until(ec.presence_of_element_located((By.ID, "bulk-results")))
        assert "3 done" in driver.find_element(By.ID, "bulk-counts").text
    finally:
        driver.quit()
    with Session(engine) as session:
        states = {p.id: p.state for p in session.exec(select(Proposal))}
        reasons = {o.payload["reason"] for o in session.exec(select(OutboxItem))}
    assert all(states[c] == "rejected" for c in world["copies"])
    assert states[world["original"]] == "executed"
    assert len(reasons) == 1 and next(iter(reasons)).startswith("Duplicate of document")


@pytest.mark.slow
def test_the_queue_and_the_operations_view_fit_a_phone_and_a_desk(server: str, engine: Engine) -> None:
    need_browser()
    from selenium.webdriver.common.by import By

    _queue_world(engine)
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height, phone in ((390, 844, True), (1440, 1000, False)):
        driver = chromium(width, height, phone=phone)
        try:
            log_in(driver, server, "bob")
            page_width, client = no_horizontal_overflow(driver)
            assert page_width <= client, f"queue scrolls sideways at {width}px"
            driver.save_screenshot(str(ARTIFACTS / f"queue-{width}.png"))
            # the navigation reaches the operations view
            driver.find_element(By.LINK_TEXT, "Operations").click()
            assert driver.find_element(By.ID, "touchless").is_displayed()
            page_width, client = no_horizontal_overflow(driver)
            assert page_width <= client, f"/ops scrolls sideways at {width}px"
            # the chart text is at least 11 px on screen and the legends are whole words
            smallest = driver.execute_script(
                "return Math.min(...[...document.querySelectorAll('svg.chart text')].map("
                "t => t.getBoundingClientRect().height))"
            )
            assert smallest >= 11, f"chart text {smallest:.1f} px at {width}px"
            legend = driver.find_element(By.CSS_SELECTOR, "ul.legend").text
            assert "quantity variance" in legend and "price variance" in legend
            driver.save_screenshot(str(ARTIFACTS / f"ops-{width}.png"))
            driver.execute_script("document.querySelector('section.charts').scrollIntoView()")
            driver.save_screenshot(str(ARTIFACTS / f"ops-charts-{width}.png"))
        finally:
            driver.quit()


@pytest.mark.slow
def test_axe_core_finds_no_serious_violation_on_the_queue_and_the_operations_view(
    server: str, engine: Engine
) -> None:
    need_browser()
    source = need_axe()
    _queue_world(engine)
    found: dict[str, Any] = {}
    for width, phone in ((1440, False), (390, True)):
        driver = chromium(width, 900, phone=phone)
        try:
            log_in(driver, server, "bob")
            found[f"queue@{width}"] = axe_violations(driver, source)
            driver.get(f"{server}/ops")
            found[f"ops@{width}"] = axe_violations(driver, source)
        finally:
            driver.quit()
    assert all(not v for v in found.values()), found


def test_a_reorder_shows_its_chart_on_the_review_page_escaped(settings: Settings, engine: Engine) -> None:
    import re

    from fastapi.testclient import TestClient

    from tests.plan.test_plan_charts import reorder
    from tests.review.review_helpers import PASSWORD

    add_users(engine)
    client = TestClient(create_app(settings, engine=engine))
    pid = add_proposal(engine, reorder(sku='<script>alert("x")</script>'))
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"username": "bob", "password": PASSWORD, "csrf_token": csrf})
    page = client.get(f"/proposals/{pid}").text
    assert 'id="plan"' in page and 'class="plan-chart"' in page
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page


@pytest.mark.slow
def test_the_api_docs_render_in_a_browser_without_a_network(server: str) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chromium(1280, 900)
    try:
        driver.get(f"{server}/api/docs")
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"))
        text = driver.find_element(By.ID, "swagger-ui").text
        assert "/api/documents" in text and "/api/proposals/bulk" in text
        sources = driver.execute_script("return [...document.scripts].map(s => s.src)")
        assert all(src.startswith(server) for src in sources), sources
    finally:
        driver.quit()
