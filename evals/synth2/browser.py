"""Headless Chromium driven over the DevTools protocol on a pipe: one browser start prints many pages.

Chromium is started with ``--remote-debugging-pipe`` (it reads commands on fd 3 and writes replies on
fd 4, one JSON message per NUL-terminated frame); each document is loaded into one reused tab and
printed with ``Page.printToPDF``. Nothing but the standard library and the chromium binary is needed.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

CHROMIUM_ENV = "OPSLOOP_SYNTH2_CHROMIUM"
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """Chromium is missing, did not start, or failed a command."""


def find_chromium() -> str | None:
    """The Chromium binary: ``$OPSLOOP_SYNTH2_CHROMIUM``, a usual install path, or ``chromium`` on PATH."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    """``with Chromium() as browser: pdf = browser.print_pdf(path)`` — one browser, many documents."""

    def __init__(self, binary: str | None = None, timeout: float = 60.0) -> None:
        found = binary or find_chromium()
        if not found:
            raise BrowserError(f"no Chromium found (install chromium or set {CHROMIUM_ENV})")
        self.binary = found
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        self._profile = tempfile.mkdtemp(prefix="synth2-chromium-")
        self._process: subprocess.Popen[bytes] | None = None
        self._session = ""
        self._write = self._read = -1

    def __enter__(self) -> Chromium:
        try:
            self.start()
        except BaseException:
            self.close()  # a browser that started but did not answer is stopped, its profile removed
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        to_browser_read, to_browser_write = os.pipe()
        from_browser_read, from_browser_write = os.pipe()

        # the child sees our read end as fd 3 and our write end as fd 4
        def child_fds() -> None:
            reading = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            writing = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        try:
            self._process = subprocess.Popen(
                [self.binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(3, 4),
                preexec_fn=child_fds,
            )
        except OSError as error:
            raise BrowserError(f"Chromium did not start: {error}") from error
        finally:
            os.close(to_browser_read)
            os.close(from_browser_write)
        self._write = to_browser_write
        self._read = from_browser_read
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)

    def close(self) -> None:
        process = self._process
        if process is not None:
            with contextlib.suppress(BrowserError, OSError):
                self.call("Browser.close", timeout=5.0)
            self._process = None
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        for fd in (self._write, self._read):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._write = self._read = -1
        shutil.rmtree(self._profile, ignore_errors=True)

    # ------------------------------------------------------------------ protocol

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            written = os.write(self._write, data)
            data = data[written:]

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError("Chromium did not answer in time")
            try:
                chunk = os.read(self._read, 1 << 20)
            except OSError as error:
                raise BrowserError(f"Chromium's pipe failed: {error}") from error
            if not chunk:
                raise BrowserError("Chromium closed its pipe")
            self._buffer += chunk
        frame, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(frame)
        return message

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: bool = False,
        timeout: float | None = None,
    ) -> Any:
        if self._process is None:
            raise BrowserError("Chromium is not running")
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        self._send(message)
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def _wait_event(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method:
                    return self._events.pop(index)
            self._events.clear()
            reply = self._receive(deadline)
            if "method" in reply:
                self._events.append(reply)

    # ------------------------------------------------------------------ printing

    def print_pdf(self, page: Path) -> bytes:
        """The HTML file ``page`` printed to PDF (A4 unless its CSS ``@page`` says otherwise, no header
        or footer of the browser's own, backgrounds printed)."""
        self._events.clear()
        self.call("Page.navigate", {"url": page.resolve().as_uri()}, session=True)
        self._wait_event("Page.loadEventFired")
        self.call(
            "Runtime.evaluate",
            {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True},
            session=True,
        )
        result = self.call(
            "Page.printToPDF",
            {
                "printBackground": True,
                "preferCSSPageSize": True,
                "displayHeaderFooter": False,
                "paperWidth": 8.27,
                "paperHeight": 11.69,
            },
            session=True,
        )
        return base64.b64decode(result["data"])
