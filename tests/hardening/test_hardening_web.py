"""The review app's security, through the real server (`opsloop serve`) on loopback: sessions that
cannot be forged or replayed, login throttling, the headers every response carries, what /metrics
and the API docs show to whom, an audit log whose tampering the API reports, and a server that will
not start exposed without a real secret."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import text
from sqlmodel import Session, select
from starlette.requests import Request

from opsloop.review.accounts import issue_token
from opsloop.settings import IngestSettings, Settings
from opsloop.store.chain import keyring_for
from opsloop.store.db import dispose_engines, make_engine, open_database
from opsloop.store.tables import User
from opsloop.web.security import CSP, cookie_is_secure
from tests.conftest import REPO_ROOT
from tests.hardening.tamper import audit_events, rewrite_chain
from tests.review.review_helpers import PASSWORD, add_proposal, add_users

METRICS_TOKEN = "metrics-" + "m" * 40


@dataclass
class Served:
    url: str
    data_dir: Path
    admin_token: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "OPSLOOP_DATA_DIR": str(data_dir), "OPSLOOP_SCHEDULE__OUTBOX_PUSH": "", **extra}
    env.pop("OPSLOOP_DATABASE_URL", None)
    env.pop("OPSLOOP_WEB__SECRET_KEY", None)
    return env


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    # GIVEN a data folder with users, a proposal, an admin API token, and `opsloop serve` on loopback
    data_dir = tmp_path_factory.mktemp("served") / "var"
    settings = Settings(data_dir=data_dir, database_url=None, ingest=IngestSettings())
    engine = open_database(settings)
    add_users(engine)
    add_proposal(engine)
    with Session(engine) as session:
        admin = session.exec(select(User).where(User.username == "alice")).one()
        token = issue_token(session, admin)
        session.commit()
    dispose_engines()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "opsloop.cli", "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=_env(data_dir, OPSLOOP_WEB__METRICS_TOKEN=METRICS_TOKEN),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/login", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield Served(url=url, data_dir=data_dir, admin_token=token)
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)


def _login(url: str, username: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=url, follow_redirects=False, timeout=10)
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    client.post("/login", data={"username": username, "password": password, "csrf_token": csrf.group(1)})
    return client


def _page_csrf(client: httpx.Client) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/queue").text)
    assert found is not None
    return found.group(1)


def test_a_session_cookie_forged_with_the_old_default_secret_is_refused(served: Served) -> None:
    forged = URLSafeTimedSerializer("change-me-in-production", salt="opsloop-session").dumps(
        {"u": "alice", "csrf": "x"}
    )
    for cookie in (forged, "A" * 43, ""):
        response = httpx.get(f"{served.url}/queue", cookies={"opsloop_session": cookie}, timeout=10)
        assert response.status_code == 303 and response.headers["location"] == "/login"


def test_a_cookie_replayed_after_logout_is_refused(served: Served) -> None:
    client = _login(served.url, "bob", PASSWORD)
    cookie = client.cookies.get("opsloop_session")
    assert cookie and client.get("/queue").status_code == 200
    assert (
        "secure" not in client.get("/login").headers.get("set-cookie", "").lower()
    )  # plain http on loopback
    logout = client.post("/logout", data={"csrf_token": _page_csrf(client)})
    assert logout.status_code == 303
    replayed = httpx.get(f"{served.url}/queue", cookies={"opsloop_session": cookie}, timeout=10)
    assert replayed.status_code == 303 and replayed.headers["location"] == "/login"


def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(served: Served) -> None:
    for _ in range(5):
        wrong = _login(served.url, "carol", "not her password")
        assert wrong.cookies.get("opsloop_session") is None
    locked = _login(served.url, "carol", PASSWORD)
    assert locked.cookies.get("opsloop_session") is None
    assert "Too many failed logins" in locked.get("/login?error=locked").text
    # AND another account from the same address still logs in (its own count, the address's below 20)
    other = _login(served.url, "dave", PASSWORD)
    assert other.get("/queue").status_code == 200


def test_every_response_carries_the_security_headers(served: Served) -> None:
    for path in ("/login", "/queue", "/static/htmx.min.js", "/api/proposals"):
        headers = httpx.get(f"{served.url}{path}", timeout=10).headers
        assert headers["content-security-policy"] == CSP, path
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "'unsafe-eval'" not in CSP and "script-src 'self';" in CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
    page = _login(served.url, "dave", PASSWORD).get("/queue").text
    assert "<script>" not in page and "hx-on" not in page  # no inline script for the policy to allow


def test_metrics_need_the_token_and_docs_answer_loopback(served: Served) -> None:
    assert httpx.get(f"{served.url}/metrics", timeout=10).status_code == 404
    wrong = httpx.get(f"{served.url}/metrics", headers={"Authorization": "Bearer nope"}, timeout=10)
    assert wrong.status_code == 404
    right = httpx.get(
        f"{served.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10
    )
    assert right.status_code == 200 and "opsloop_" in right.text
    assert httpx.get(f"{served.url}/api/docs", timeout=10).status_code == 200  # we are a loopback client
    assert httpx.get(f"{served.url}/api/openapi.json", timeout=10).json()["paths"]


def test_tampered_and_truncated_audit_logs_are_reported_by_the_api(served: Served) -> None:
    auth = {"Authorization": f"Bearer {served.admin_token}"}
    assert httpx.get(f"{served.url}/api/audit/verify", headers=auth, timeout=30).json()["ok"] is True
    engine = make_engine(f"sqlite:///{served.data_dir / 'opsloop.db'}")
    events = audit_events(engine)
    assert events[1].id is not None
    try:
        # WHEN an event is edited and the plain hashes recomputed THEN verification fails at that event
        rewrite_chain(engine, events[1].id, {"actor": "mallory"})
        tampered = httpx.get(f"{served.url}/api/audit/verify", headers=auth, timeout=30).json()
        assert tampered["ok"] is False and tampered["first_bad_id"] == events[1].id
        # WHEN instead (the keyed chain restored) the newest event is deleted THEN the anchor reports it
        key = keyring_for(Settings(data_dir=served.data_dir, database_url=None)).key
        rewrite_chain(engine, events[1].id, {"actor": events[1].actor}, key=key)
        assert httpx.get(f"{served.url}/api/audit/verify", headers=auth, timeout=30).json()["ok"] is True
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": events[-1].id})
        truncated = httpx.get(f"{served.url}/api/audit/verify", headers=auth, timeout=30).json()
        assert truncated["ok"] is False and "deleted" in truncated["problem"]
    finally:
        engine.dispose()


@pytest.mark.parametrize("secret", [None, "change-me-in-production"])
def test_serve_refuses_a_non_loopback_address_without_a_real_secret(
    tmp_path: Path, secret: str | None
) -> None:
    env = _env(tmp_path / "var", **({"OPSLOOP_WEB__SECRET_KEY": secret} if secret else {}))
    result = subprocess.run(
        [sys.executable, "-m", "opsloop.cli", "serve", "--host", "0.0.0.0", "--port", str(_free_port())],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    output = (result.stdout + result.stderr).decode(errors="replace")
    assert result.returncode == 2, output[-2000:]
    assert "refusing to serve on 0.0.0.0" in output and "OPSLOOP_WEB__SECRET_KEY" in output
    assert not (tmp_path / "var" / "opsloop.db").exists()  # nothing started


def _request(scheme: str) -> Request:
    return Request(
        {"type": "http", "scheme": scheme, "server": ("127.0.0.1", 8450), "path": "/", "headers": []}
    )


def test_the_secure_cookie_flag_follows_the_scheme_and_the_bound_host() -> None:
    assert not cookie_is_secure(_request("http"), "127.0.0.1")
    assert cookie_is_secure(_request("https"), "127.0.0.1")  # TLS at a proxy on this host
    assert cookie_is_secure(_request("http"), "0.0.0.0")
    assert cookie_is_secure(_request("http"), "192.0.2.10")
