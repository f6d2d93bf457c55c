"""A small OpenAI-compatible chat server on 127.0.0.1 that replays scripted responses, and the
invoice and transcript the LLM tests read."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.settings import LLMPrice, LLMSettings, Settings

INVOICE_TEXT = """\
ACME Tools GmbH
Hauptstrasse 5, 10115 Berlin
USt-IdNr.: DE136695976
IBAN: DE89 3704 0044 0532 0130 00

Rechnung an: Beispiel AG

Rechnungsnummer: RE-2026-0042
Rechnungsdatum: 12.03.2026
Faellig am: 11.04.2026
Bestellnummer: PO-7781

Pos  Beschreibung            Menge    Einzelpreis      Betrag
1    Schraubendreher Set         2          12,50       25,00
2    Hammer 500g                 1          18,00       18,00

Nettobetrag                                            43,00
USt 19%                                                 8,17
Gesamtbetrag EUR                                       51,17
"""

GOOD_ANSWER: dict[str, Any] = {
    "document_type": "invoice",
    "vendor": {"name": "ACME Tools GmbH", "vat_id": "DE136695976", "iban": "DE89370400440532013000"},
    "buyer": {"name": "Beispiel AG"},
    "invoice_number": "RE-2026-0042",
    "invoice_date": "2026-03-12",
    "due_date": "2026-04-11",
    "po_numbers": ["PO-7781"],
    "currency": "EUR",
    "subtotal": 43.00,
    "tax_total": 8.17,
    "total": 51.17,
    "amount_due": None,
    "lines": [
        {
            "description": "Schraubendreher Set",
            "quantity": 2,
            "unit_price": 12.50,
            "amount": 25.00,
            "tax_rate": 19,
        },
        {"description": "Hammer 500g", "quantity": 1, "unit_price": 18.00, "amount": 18.00, "tax_rate": 19},
    ],
}


def parsed_invoice(text: str = INVOICE_TEXT) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


@dataclass
class Step:
    """One scripted reply: a tool call with ``args``, plain ``content``, or an HTTP error."""

    args: dict[str, Any] | str | None = None
    content: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    usage: tuple[int, int] | None = (100, 20)


def tool_call(args: dict[str, Any] | str, usage: tuple[int, int] | None = (100, 20)) -> Step:
    return Step(args=args, usage=usage)


class ScriptedServer:
    """Pops one Step per request (an empty script answers 500); keeps every request body."""

    def __init__(self) -> None:
        self.script: list[Step] = []
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with server.lock:
                    server.requests.append(body)
                    step = server.script.pop(0) if server.script else Step(status=500)
                if step.delay:
                    time.sleep(step.delay)
                payload = server.reply(step, body)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(step.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in step.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def reply(self, step: Step, request: dict[str, Any]) -> dict[str, Any]:
        if step.status != 200:
            return {"error": {"message": f"scripted HTTP {step.status}", "type": "server_error"}}
        message: dict[str, Any] = {"role": "assistant", "content": step.content}
        if step.args is not None:
            tools = request.get("tools") or [{"function": {"name": "answer"}}]
            arguments = step.args if isinstance(step.args, str) else json.dumps(step.args)
            message["tool_calls"] = [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": tools[0]["function"]["name"], "arguments": arguments},
                }
            ]
        payload: dict[str, Any] = {
            "id": "chatcmpl-scripted",
            "object": "chat.completion",
            "created": 0,
            "model": request.get("model", "scripted"),
            "choices": [
                {"index": 0, "message": message, "finish_reason": "tool_calls" if step.args else "stop"}
            ],
        }
        if step.usage is not None:
            payload["usage"] = {
                "prompt_tokens": step.usage[0],
                "completion_tokens": step.usage[1],
                "total_tokens": sum(step.usage),
            }
        return payload

    def user_messages(self, index: int = -1) -> list[str]:
        return [m["content"] for m in self.requests[index]["messages"] if m["role"] == "user"]

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def scripted_server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as server:
        yield server


def llm_settings(base: Settings, base_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "base_url": base_url,
        "model": "scripted",
        "max_retries": 2,
        "retry_initial_seconds": 0.01,
        "retry_max_seconds": 30.0,
        "timeout_seconds": 5.0,
        "breaker_failures": 2,
        "prices": {"scripted": LLMPrice(input=Decimal("1.00"), output=Decimal("2.00"))},
    }
    values.update(overrides)
    return base.model_copy(update={"llm": LLMSettings(**values)})


class RecordingSleep:
    """Stands in for time.sleep: remembers each wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
