"""Recorded ERP payloads served on 127.0.0.1: a small Odoo (`/jsonrpc`) and ERPNext (`/api/resource`)
stand-in for the connector tests. The records are what those servers answer (tests/erp/payloads/*.json,
written from their documented formats); the server pages, filters and projects them the way the real
ones do for the requests the connectors send, records every request, and can fail on purpose.

A record may carry extra keys with a dot (`"location_id.usage": "internal"`): they are matched by
domain terms on that path but never returned, the way a real server follows the relation.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

PAYLOADS = Path(__file__).parent / "payloads"


def load_payload(name: str) -> Any:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


def _comparable(value: Any) -> Any:
    """A many2one `[id, "name"]` compares by its id."""
    return value[0] if isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) else value


def matches(record: dict[str, Any], term: list[Any]) -> bool:
    """One domain/filter term `[field, operator, value]`; a field the record does not have is not
    recorded, so the term is taken as met (the payload holds what the real server matched)."""
    name, operator, value = term
    if name not in record:
        return True
    have = _comparable(record[name])
    if operator == "=":
        return bool(have == value)
    if operator == "!=":
        return bool(have != value)
    if operator == "in":
        return have in value
    if operator in (">", ">=", "<", "<="):
        if have is False or have is None:
            return False
        return {
            ">": have > value,
            ">=": have >= value,
            "<": have < value,
            "<=": have <= value,
        }[operator]
    if operator in ("like", "ilike"):
        needle = str(value).strip("%")
        return needle.lower() in str(have or "").lower()
    raise AssertionError(f"the recorded server does not know the operator {operator!r}")


def select_records(records: list[dict[str, Any]], terms: list[Any]) -> list[dict[str, Any]]:
    return [r for r in records if all(matches(r, t) for t in terms if isinstance(t, list))]


def project(record: dict[str, Any], fields: list[str] | None, key: str) -> dict[str, Any]:
    visible = {k: v for k, v in record.items() if "." not in k}
    if not fields or fields == ["*"]:
        return copy.deepcopy(visible)
    return {k: copy.deepcopy(visible[k]) for k in [key, *fields] if k in visible}


@dataclass
class RecordedErp:
    """State shared by the handler and the test: the records, what was asked, and failure switches."""

    records: dict[str, list[dict[str, Any]]]
    requests: list[dict[str, Any]] = field(default_factory=list)
    fail_from: int | None = None
    """Answer HTTP 500 to this request number (1-based) and every one after it."""
    fail_once: set[int] = field(default_factory=set)
    """Answer HTTP 500 to exactly these request numbers."""
    created: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def should_fail(self, count: int) -> bool:
        return (self.fail_from is not None and count >= self.fail_from) or count in self.fail_once


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return

    def _send(self, status: int, body: Any) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if not isinstance(body, bytes) else "text/html")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        state = self.server.state
        with state.lock:
            state.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "body": body,
                    "authorization": self.headers.get("Authorization"),
                }
            )
            count = len(state.requests)
            if state.should_fail(count):
                self._send(500, _HTML_500)
                return
            status, answer = self.server.app(state, self.command, self.path, body, self.headers)
        self._send(status, answer)

    do_GET = _handle
    do_POST = _handle


_HTML_500 = (
    b"<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1>"
    b"<p>The server encountered an internal error and was unable to complete your request.</p></body></html>"
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: RecordedErp, app: Any) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state
        self.app = app


@contextmanager
def serve(state: RecordedErp, app: Any) -> Iterator[RecordedErp]:
    server = _Server(state, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- Odoo


ODOO_DB, ODOO_USER, ODOO_PASSWORD, ODOO_UID = "opsloop", "api@example.com", "secret-key", 2


def odoo_app(state: RecordedErp, verb: str, path: str, body: Any, headers: Any) -> tuple[int, Any]:
    assert verb == "POST" and path == "/jsonrpc", (verb, path)
    params, rid = body["params"], body["id"]
    service, method, args = params["service"], params["method"], params["args"]
    if service == "common" and method == "login":
        ok = list(args) == [ODOO_DB, ODOO_USER, ODOO_PASSWORD]
        return 200, {"jsonrpc": "2.0", "id": rid, "result": ODOO_UID if ok else False}
    assert service == "object" and method == "execute_kw", params
    db, uid, password, model, call, call_args, kwargs = args
    if (db, uid, password) != (ODOO_DB, ODOO_UID, ODOO_PASSWORD):
        return 200, {**load_payload("odoo_access_denied.json"), "id": rid}
    records = state.records.setdefault(model, [])
    if call == "search_read":
        found = select_records(records, call_args[0])
        offset, limit = kwargs.get("offset", 0), kwargs.get("limit")
        page = found[offset : offset + limit if limit else None]
        result: Any = [project(r, kwargs.get("fields"), "id") for r in page]
    elif call == "read":
        wanted = set(call_args[0])
        result = [project(r, kwargs.get("fields"), "id") for r in records if r["id"] in wanted]
    elif call == "create":
        result = []
        for values in call_args[0]:
            new_id = max([r["id"] for r in records] or [0]) + 1
            records.append({"id": new_id, "state": "draft", **values})
            state.created.append({"model": model, "id": new_id, "values": values})
            result.append(new_id)
    else:
        raise AssertionError(f"the recorded Odoo does not know {model}.{call}")
    return 200, {"jsonrpc": "2.0", "id": rid, "result": result}


# --------------------------------------------------------------------------- ERPNext


ERPNEXT_TOKEN = "token 3f9a1c0b7e2d4a5:8c6b2e1f0a9d7c3"


def erpnext_app(state: RecordedErp, verb: str, path: str, body: Any, headers: Any) -> tuple[int, Any]:
    if headers.get("Authorization") != ERPNEXT_TOKEN:
        return 401, load_payload("erpnext_auth_error.json")
    parts = urlsplit(path)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    assert segments[:2] == ["api", "resource"], path
    doctype = segments[2]
    records = state.records.setdefault(doctype, [])
    if verb == "GET" and len(segments) == 4:
        for record in records:
            if record["name"] == segments[3]:
                return 200, {"data": project(record, None, "name")}
        return 404, {"exc_type": "DoesNotExistError", "exception": f"{doctype} {segments[3]} not found"}
    if verb == "GET":
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        found = select_records(records, json.loads(query.get("filters", "[]")))
        start, length = int(query.get("limit_start", 0)), int(query.get("limit_page_length", 20))
        fields = json.loads(query.get("fields", '["name"]'))
        return 200, {"data": [project(r, fields, "name") for r in found[start : start + length]]}
    if verb == "POST":
        name = f"ACC-PINV-2026-{len(records) + 1:05d}"
        document = {**body, "name": name, "doctype": doctype, "modified": "2026-03-20 10:00:00.000000"}
        records.append(document)
        state.created.append({"doctype": doctype, "name": name, "values": body})
        return 200, {"data": document}
    raise AssertionError(f"the recorded ERPNext does not know {verb} {path}")
