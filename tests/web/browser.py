"""Headless Chromium for the browser tests (Debian's chromium + chromedriver via Selenium), a server
on loopback, log-in, and axe-core from tests/web/node_modules (`npm ci --prefix tests/web`)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from tests.review.review_helpers import PASSWORD

CHROMIUM = os.environ.get("OPSLOOP_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("OPSLOOP_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


def need_browser() -> None:
    if Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
        return
    if os.environ.get("OPSLOOP_TEST_CHROMIUM"):
        pytest.fail(f"OPSLOOP_TEST_CHROMIUM is set but {CHROMIUM} or {CHROMEDRIVER} is missing")
    pytest.skip("no Chromium (apt-get install chromium chromium-driver; .ci/run does it)")


def need_axe() -> str:
    if AXE.exists():
        return AXE.read_text(encoding="utf-8")
    if os.environ.get("OPSLOOP_REQUIRE_AXE"):
        pytest.fail(f"OPSLOOP_REQUIRE_AXE is set but {AXE} is missing (npm ci --prefix tests/web)")
    pytest.skip("no axe-core (npm ci --prefix tests/web; .ci/run does it)")


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    web = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not web.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        web.should_exit = True
        thread.join(10)


def chromium(width: int = 1280, height: int = 900, *, phone: bool = False) -> Any:
    """A headless Chromium; `phone` emulates a phone's viewport of exactly `width` CSS pixels (a
    headless window cannot be narrower than about 500 px)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={max(width, 500)},{height}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    if phone:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )
    return driver


def log_in(driver: Any, base: str, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base}/login")
    wait = WebDriverWait(driver, 15)
    wait.until(ec.presence_of_element_located((By.ID, "username"))).send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login").click()
    wait.until(ec.presence_of_element_located((By.CLASS_NAME, "queue")))


def axe_violations(driver: Any, source: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the current page (WCAG 2.x A and AA rules)."""
    driver.execute_script(source)
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
           .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
        """
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def no_horizontal_overflow(driver: Any) -> tuple[int, int]:
    return tuple(  # type: ignore[return-value]
        driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    )
