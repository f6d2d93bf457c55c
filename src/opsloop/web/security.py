"""What the web app does before any page or API route: the secret it may run with, the headers every
response carries, and who may see `/metrics` and the API docs.

- **Secret.** `OPSLOOP_WEB__SECRET_KEY` signs the login form's CSRF cookie. Served on a loopback
  address without one, opsloop makes a random one and keeps it in `<data_dir>/secrets/web.key`
  (0600); on any other address it refuses to start without a real one (32+ characters, not the old
  placeholder `change-me-in-production`). Sessions themselves are rows on the server
  (opsloop/review/sessions.py), so a key that leaked still signs no session.
- **Cookies** are HttpOnly, SameSite, and Secure whenever the request came over HTTPS (directly, or
  through a proxy uvicorn trusts for X-Forwarded-Proto) or the app is bound to a non-loopback address.
- **Headers** on every response: a Content-Security-Policy that allows only the app's own scripts
  (no inline script, no eval: htmx's `hx-on` is off, behaviour lives in /static), frame-ancestors
  'none' and X-Frame-Options DENY, X-Content-Type-Options nosniff, Referrer-Policy same-origin, a
  Permissions-Policy that turns the powerful features off, and Cache-Control no-store on pages.
- **`/metrics`** answers with `Authorization: Bearer <OPSLOOP_WEB__METRICS_TOKEN>` when a token is
  set, else to loopback clients only; **`/api/docs`** and **`/api/openapi.json`** answer to loopback
  clients only unless `OPSLOOP_WEB__PUBLIC_DOCS=true`.
"""

from __future__ import annotations

import ipaddress
import secrets
from typing import Any

from fastapi import Request

from opsloop.errors import ConfigError
from opsloop.keys import MIN_SECRET_CHARS, load_or_create_secret
from opsloop.settings import Settings

PLACEHOLDER_SECRET = "change-me-in-production"
"""The old default secret key: never accepted."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""Inline style attributes are allowed (positions of evidence boxes); inline script is not."""
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.jsdelivr.net; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
"""The Swagger UI page (FastAPI's) loads its script from a CDN and starts it inline."""
DOCS_PATHS = ("/api/docs", "/api/openapi.json")
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}


class ExposureRefused(ConfigError):
    hint = (
        "Set OPSLOOP_WEB__SECRET_KEY to a long random value (e.g. `python -c 'import secrets; "
        "print(secrets.token_hex(32))'`), and serve it behind TLS; or bind to 127.0.0.1."
    )


def is_loopback(host: str | None) -> bool:
    """127.0.0.0/8, ::1 or localhost."""
    if not host:
        return False
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def session_secret(settings: Settings, host: str) -> str:
    """The secret the app signs with when bound to `host` (see the module's docstring)."""
    configured = settings.web.secret_key.get_secret_value() if settings.web.secret_key is not None else None
    if configured and configured != PLACEHOLDER_SECRET:
        if len(configured) < MIN_SECRET_CHARS:
            raise ExposureRefused(f"OPSLOOP_WEB__SECRET_KEY is shorter than {MIN_SECRET_CHARS} characters")
        return configured
    if not is_loopback(host):
        why = "the placeholder secret key" if configured else "no OPSLOOP_WEB__SECRET_KEY"
        raise ExposureRefused(f"refusing to serve on {host} with {why}: sessions could be forged")
    return load_or_create_secret(settings.data_dir / "secrets" / "web.key")


def cookie_is_secure(request: Request, bound_host: str) -> bool:
    return request.url.scheme == "https" or not is_loopback(bound_host)


def client_address(request: Request) -> str | None:
    return request.client.host if request.client is not None else None


def is_local_client(request: Request) -> bool:
    return is_loopback(client_address(request))


def docs_allowed(request: Request, settings: Settings) -> bool:
    return settings.web.public_docs or is_local_client(request)


def metrics_allowed(request: Request, settings: Settings) -> bool:
    token = settings.web.metrics_token
    if token is None:
        return is_local_client(request)
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(value.strip(), token.get_secret_value())


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response (unless a route set its own)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        policy = DOCS_CSP if path.startswith("/api/docs") else CSP

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = {"content-security-policy": policy, **HEADERS}
                if not path.startswith(("/static/", "/api/")):
                    extra["cache-control"] = "no-store"
                for name, value in extra.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
