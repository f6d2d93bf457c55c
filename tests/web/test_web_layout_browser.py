"""Layout as a reviewer sees it in headless Chromium: an invoice's lines beside its page at 1440 px
(every column visible, no amount clipped), a queue row on a phone (the title under the document
number, in the value column), and a reorder's chart under the decision at 1440 px (not squeezed
into a third column). Screenshots go to test-artifacts/ (layout-*.png)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.settings import Settings
from opsloop.web.app import create_app
from tests.conftest import REPO_ROOT
from tests.review.invoice_world import invoice_world
from tests.review.review_helpers import add_proposal, add_users
from tests.web.browser import chromium, log_in, need_browser, serve
from tests.web.test_web_workspace import _wait

ARTIFACTS = REPO_ROOT / "test-artifacts"
INVOICE = "schmidt_RE-2026-0412.pdf"

pytestmark = pytest.mark.slow


@dataclass
class World:
    base: str
    invoice: int
    reorder: int


def _reorder_with_chart() -> ProposalDraft:
    """A reorder whose working carries the planner's chart data (demand history, forecast, stock)."""
    days = 40
    return ProposalDraft(
        kind=ProposalKind.REORDER,
        subject_key="item:LAYOUT-1:reorder",
        title="Order 300 units of LAYOUT-1",
        summary="The position falls below the reorder point within the lead time.",
        payload={
            "action": "create_purchase_order",
            "sku": "LAYOUT-1",
            "quantity": "300",
            "unit_cost": "2.00",
        },
        working={
            "numbers": {"reorder_point": "120", "order_qty": "300"},
            "chart": {
                "sku": "LAYOUT-1",
                "unit": "units",
                "as_of": "2026-03-01",
                "history_start": "2026-01-20",
                "history": [10 + (i % 7) for i in range(days)],
                "forecast_start": "2026-03-01",
                "forecast": [12.0] * 14,
                "stock_without_order": [150 - 12 * i for i in range(14)],
                "stock_with_order": [150 - 12 * i + (300 if i >= 5 else 0) for i in range(14)],
                "reorder_point": 120,
                "safety_stock": 40,
                "order_arrives_after_days": 5,
                "order_qty": "300",
            },
        },
        amount=Decimal("600.00"),
        currency="EUR",
        urgency=0.5,
    )


@pytest.fixture
def world(settings: Settings, engine: Engine) -> Iterator[World]:
    need_browser()
    add_users(engine)
    ids = invoice_world(engine, settings, INVOICE)
    reorder = add_proposal(engine, _reorder_with_chart())
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(create_app(settings, engine=engine)) as base:
        yield World(base, ids[INVOICE], reorder)


def test_beside_the_page_every_line_column_shows_and_no_amount_is_clipped(world: World) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(1440, 1000)
    try:
        log_in(driver, world.base, "alice")
        driver.get(f"{world.base}/proposals/{world.invoice}")
        _wait(driver).until(lambda d: d.find_element(By.ID, "f-lines.1.amount"))
        # every control of every line lies inside the lines' box (nothing to scroll sideways to find)
        hidden, clipped = driver.execute_script(
            """const wrap = document.querySelector('.lines-wrap').getBoundingClientRect();
               const controls = [...document.querySelectorAll('#lines input:not([type=hidden]), #lines select')];
               const hidden = controls.filter(c => { const r = c.getBoundingClientRect();
                   return r.right > wrap.right + 1 || r.left < wrap.left - 1; }).map(c => c.id);
               const clipped = controls.filter(c => c.matches('input.num') && c.scrollWidth > c.clientWidth)
                   .map(c => c.id + '=' + c.value);
               return [hidden, clipped];"""
        )
        assert hidden == [], f"line controls outside the visible box: {hidden}"
        assert clipped == [], f"amounts clipped in their box: {clipped}"
        driver.find_element(By.ID, "lines-title").location_once_scrolled_into_view  # noqa: B018
        driver.save_screenshot(str(ARTIFACTS / "layout-lines-1440.png"))
    finally:
        driver.quit()


def test_on_a_phone_a_queue_row_keeps_its_title_in_the_value_column(world: World) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(390, 844, phone=True)
    try:
        log_in(driver, world.base, "alice")
        row = driver.find_element(By.CSS_SELECTOR, f"#row-{world.invoice}")
        reference = row.find_element(By.CSS_SELECTOR, ".reference").rect
        title = row.find_element(By.CSS_SELECTOR, "a.title").rect
        vendor = row.find_element(By.CSS_SELECTOR, "td[data-label=Vendor] a").rect
        assert abs(title["x"] - reference["x"]) <= 1, (title, reference)
        assert abs(title["x"] - vendor["x"]) <= 1, "the title lines up with the other values"
        driver.save_screenshot(str(ARTIFACTS / "layout-queue-390.png"))
    finally:
        driver.quit()


def test_a_reorders_chart_sits_under_the_decision_at_1440(world: World) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(1440, 1000)
    try:
        log_in(driver, world.base, "alice")
        driver.get(f"{world.base}/proposals/{world.reorder}")
        plan = _wait(driver).until(lambda d: d.find_element(By.ID, "plan")).rect
        panel = driver.find_element(By.ID, "panel").rect
        assistant = driver.find_element(By.CSS_SELECTOR, "section.assistant").rect
        assert abs(plan["x"] - panel["x"]) <= 1 and plan["y"] >= panel["y"] + panel["height"] - 1
        assert abs(plan["width"] - panel["width"]) <= 1, "the chart is as wide as the decision"
        assert assistant["x"] >= panel["x"] + panel["width"], "the conversation stays to the right"
        assert assistant["width"] >= 300
        driver.save_screenshot(str(ARTIFACTS / "layout-plan-1440.png"))
    finally:
        driver.quit()


def test_on_a_phone_each_bulk_result_is_a_card_of_its_own(world: World) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = chromium(390, 844, phone=True)
    try:
        log_in(driver, world.base, "alice")
        for pid in (world.invoice, world.reorder):
            driver.find_element(By.ID, f"pick-{pid}").click()
        Select(driver.find_element(By.ID, "bulk-action")).select_by_value("assign")
        Select(driver.find_element(By.ID, "bulk-assignee")).select_by_visible_text("bob")
        driver.find_element(By.ID, "bulk-apply").click()
        rows = _wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#bulk-results tbody tr"))
        assert len(rows) == 2
        first, second = rows[0].rect, rows[1].rect
        assert second["y"] >= first["y"] + first["height"] + 4, "the two results are apart"
        assert rows[0].value_of_css_property("border-top-style") == "solid"
        driver.save_screenshot(str(ARTIFACTS / "layout-bulk-390.png"))
    finally:
        driver.quit()
