"""`analyse --lines`: JSON Lines of {id, text} in, one JSON result per line out (same id, same order).

Lines are read and analysed a block at a time (`analyse_messages`: much faster than one by one),
so memory stays bounded however long the input is; a block's results are written when the block is
done (`batch=1` answers each line as soon as it is read).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from opsloop.converse.analysis import analyse_message, analyse_messages

LINES_BATCH = 256
"""Lines analysed together by default."""

_Read = tuple[Any, str] | dict[str, Any]
"""A line read: (its id, its text), or the result to report for it (an error)."""


def _read(line: str) -> _Read | None:
    """A line's id and text, or its error result (never raises); a blank line -> None."""
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
    return record.get("id"), text


def _result(analysis: Any, id: Any) -> dict[str, Any]:
    result: dict[str, Any] = analysis.model_dump(mode="json", exclude={"role"})
    result["id"] = id
    return result


def analyse_line(line: str) -> dict[str, Any] | None:
    """One input line -> its result; a blank line -> None; a bad line -> {id, error} (never raises)."""
    read = _read(line)
    if read is None or isinstance(read, dict):
        return read
    id, text = read
    return _result(analyse_message(text), id)


def analyse_blocks(lines: Iterable[str], *, batch: int = LINES_BATCH) -> Iterator[list[dict[str, Any]]]:
    """The results of the lines (blank lines skipped), in order, a block of up to `batch` lines at a
    time."""
    block: list[_Read] = []
    for line in lines:
        read = _read(line)
        if read is not None:
            block.append(read)
        if len(block) >= max(1, batch):
            yield _analyse_block(block)
            block = []
    if block:
        yield _analyse_block(block)


def analyse_lines(lines: Iterable[str], *, batch: int = LINES_BATCH) -> Iterator[dict[str, Any]]:
    for block in analyse_blocks(lines, batch=batch):
        yield from block


def _analyse_block(block: list[_Read]) -> list[dict[str, Any]]:
    messages = [read for read in block if isinstance(read, tuple)]
    analyses = iter(analyse_messages([text for _, text in messages]))
    return [read if isinstance(read, dict) else _result(next(analyses), read[0]) for read in block]
