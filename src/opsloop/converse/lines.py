"""`analyse --lines`: JSON Lines of {id, text} in, one JSON result per line out (same id)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from opsloop.converse.analysis import analyse_message


def analyse_line(line: str) -> dict[str, Any] | None:
    """One input line -> its result; a blank line -> None; a bad line -> {id, error} (never raises)."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except ValueError as error:
        return {"id": None, "error": f"not JSON: {error}"}
    if not isinstance(record, dict):
        return {"id": None, "error": "expected an object with `id` and `text`"}
    text = record.get("text")
    if not isinstance(text, str):
        return {"id": record.get("id"), "error": "`text` is missing or not a string"}
    result = analyse_message(text).model_dump(mode="json", exclude={"role"})
    result["id"] = record.get("id")
    return result


def analyse_lines(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        result = analyse_line(line)
        if result is not None:
            yield result
