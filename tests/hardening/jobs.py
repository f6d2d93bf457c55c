"""Module-level jobs for the sandbox tests (a worker imports a job by its module and name)."""

from __future__ import annotations

import os
import signal
import time

from opsloop.errors import RejectedInput, StageError


def echo(value: object) -> object:
    return value


def spin() -> None:
    while True:
        time.sleep(0.01)


def burn_cpu() -> int:
    total = 0
    while True:
        total += 1


def allocate(megabytes: int) -> int:
    blocks = [bytearray(1024 * 1024) for _ in range(megabytes)]
    return len(blocks)


def segfault() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def refuse() -> None:
    raise RejectedInput("malformed_json", "not a transcript", line=3)


def fail_ours() -> None:
    raise StageError("the stage broke", hint="retry it")


def fail_plain() -> None:
    raise KeyError("missing")


def unpicklable_result() -> object:
    return lambda: None
