"""Structured logging: one JSON object per line when stderr is not a terminal, and the id of the
document being processed on every record (the runner sets it; no stage has to pass it along)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

_document_id: ContextVar[int | None] = ContextVar("opsloop_document_id", default=None)
_stage: ContextVar[str | None] = ContextVar("opsloop_stage", default=None)

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def current_document_id() -> int | None:
    return _document_id.get()


@contextmanager
def document_context(document_id: int | None, stage: str | None = None) -> Iterator[None]:
    """Every record logged inside carries `document_id` (and `stage` when given)."""
    doc_token = _document_id.set(document_id)
    stage_token = _stage.set(stage) if stage is not None else None
    try:
        yield
    finally:
        if stage_token is not None:
            _stage.reset(stage_token)
        _document_id.reset(doc_token)


class DocumentContextFilter(logging.Filter):
    """Puts the current `document_id` and `stage` on each record (None outside a document)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "document_id"):
            record.document_id = _document_id.get()
        if not hasattr(record, "stage"):
            record.stage = _stage.get()
        return True


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "message", "document_id", "stage", ...extra, "exc"}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "document_id": getattr(record, "document_id", None),
            "stage": getattr(record, "stage", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The human format, with `[doc N]` when a document is being processed."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        document_id = getattr(record, "document_id", None)
        return text if document_id is None else f"{text} [doc {document_id}]"


def configure_logging(
    level: int = logging.INFO, *, stream: IO[str] | None = None, json_logs: bool | None = None
) -> logging.Handler:
    """Route the root logger to `stream` (stderr): JSON when it is not a terminal (or when `json_logs`
    says so), text otherwise. Replaces a handler this function installed before; returns the handler."""
    stream = stream if stream is not None else sys.stderr
    if json_logs is None:
        json_logs = not (hasattr(stream, "isatty") and stream.isatty())
    handler = logging.StreamHandler(stream)
    handler.addFilter(DocumentContextFilter())
    handler.setFormatter(JsonFormatter() if json_logs else TextFormatter())
    handler.set_name("opsloop")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "opsloop"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
