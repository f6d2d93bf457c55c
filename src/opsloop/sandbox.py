"""Work on untrusted document content runs here: in a worker process, under a time and memory budget.

A poison file (a PDF whose 200 pages share one huge content stream, a decompression bomb, a chat of
120,000 messages) can make a parser spin or allocate without end, and in the process that runs the
pipeline it would stall every document behind it. The stage functions hand that work to
`run_bounded`, which runs it in a worker started from a clean fork server (no threads, no open
database connections): the worker's address space is capped (RLIMIT_AS: its size at start plus
`budget.memory_mb`), its CPU time too (RLIMIT_CPU), and the caller kills it (and whatever it started,
e.g. Tesseract) once the wall-clock budget has passed. What goes wrong comes back with a name:

- `time_budget_exceeded`: the job ran past its seconds; the worker was killed;
- `memory_budget_exceeded`: the job ran out of its address space;
- `reader_crashed`: the worker died of a signal (a parser's native code crashed on the input);

each a `BudgetExceeded` (a RejectedInput: the document is quarantined with that code, since the input
is what is wrong), while any other exception of the job comes back as itself when it is one of ours
and as a StageError otherwise (the document is `failed`: a fault of ours, retryable). A job's own
RejectedInput comes back as is. Workers are reused between jobs (a fork costs tens of milliseconds)
and replaced after a breach or when they have grown. The workers are children of whichever process
runs the stage, so the in-process runner and a Celery worker get the same limits.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import AuthenticationString, BaseProcess  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from opsloop.errors import OpsloopError, RejectedInput, StageError
from opsloop.settings import BudgetSettings

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

TIME_BUDGET = "time_budget_exceeded"
MEMORY_BUDGET = "memory_budget_exceeded"
READER_CRASHED = "reader_crashed"

PRELOAD = ("opsloop.reading", "opsloop.ocr")
"""Imported once in the fork server, so a new worker starts with the readers loaded."""
MAX_JOBS_PER_WORKER = 500
MAX_IDLE_WORKERS = 2
_GRACE_SECONDS = 2.0
"""Beyond the wall-clock budget: the CPU limit, and the wait for a dead worker's exit status."""


class BudgetExceeded(RejectedInput):
    """A document's work broke its time or memory budget, or crashed the reader: quarantined."""


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), else None."""
    try:
        with Path("/proc/self/statm").open(encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _peak_rss_bytes() -> int:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _peak_rss_of(pid: int) -> int:
    """Another process's peak RSS in bytes (Linux: VmHWM), 0 when unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when the fork server that made it exits, which it does when the
    process running the pipeline dies (kill -9 included): no job outlives the runner."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the CPU-time limit still ends a runaway job
        return


def _serve(conn: Connection, memory_bytes: int | None) -> None:
    """The worker: run jobs from `conn` until it closes. Limits are set once (address space) or per job
    (CPU time); a job that ran out of memory ends the worker (its heap is not to be trusted)."""
    with contextlib.suppress(OSError):
        os.setpgrp()  # its own process group: killing it kills what it started (Tesseract)
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_bytes is not None:
        base = _address_space()
        if base is not None:
            limit = base + memory_bytes
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        except MemoryError:  # the job's input alone does not fit in the budget: that is the input's
            with contextlib.suppress(Exception):
                conn.send(("memory", _peak_rss_bytes()))
            return
        except Exception as error:  # the job could not be unpickled here: a fault of ours, not the input's
            conn.send(
                ("error", "builtins", type(error).__qualname__, str(error), None, "", _peak_rss_bytes())
            )
            continue
        fn, args, kwargs, seconds = job
        soft = int(_cpu_seconds() + seconds + _GRACE_SECONDS) + 1
        if cpu_hard == resource.RLIM_INFINITY or soft <= cpu_hard:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_CPU, (soft, cpu_hard))
        reply: tuple[Any, ...]
        try:
            reply = ("ok", fn(*args, **kwargs))
        except MemoryError:
            reply = ("memory",)
        except RejectedInput as refusal:
            reply = ("rejected", refusal.code, refusal.message, refusal.line)
        except BaseException as error:  # everything else goes back to the caller, named
            kind = type(error)
            reply = (
                "error",
                kind.__module__,
                kind.__qualname__,
                str(error),
                error.hint if isinstance(error, OpsloopError) else None,
                traceback.format_exc(),
            )
        try:
            conn.send((*reply, _peak_rss_bytes()))
        except MemoryError:
            with contextlib.suppress(Exception):
                conn.send(("memory", _peak_rss_bytes()))
            return
        except Exception as error:  # the result cannot be pickled: a fault of ours
            conn.send(
                ("error", "builtins", type(error).__qualname__, str(error), None, "", _peak_rss_bytes())
            )
        if reply[0] == "memory":
            return


def _rebuilt(module: str, qualname: str, message: str, hint: str | None) -> Exception:
    """The job's exception as the caller sees it: the same class when it is one of ours (and can be made
    from a message), else a StageError naming it."""
    if module.startswith("opsloop."):
        try:
            kind = getattr(importlib.import_module(module), qualname)
            if isinstance(kind, type) and issubclass(kind, OpsloopError):
                error: Exception = kind(message, hint=hint)
                return error
        except Exception:  # not importable or not constructible from a message
            pass
    return StageError(f"{qualname}: {message}")


@contextlib.contextmanager
def _as_parent() -> Iterator[None]:
    """Let a daemonic process (a Celery prefork pool worker) start sandbox workers: multiprocessing
    refuses children to daemonic processes so that none outlives them, and ours cannot (they die with
    the fork server, which exits with the process that started it)."""
    config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
    daemon = config.pop("daemon", None)
    authkey = config.get("authkey")
    if authkey is not None and not isinstance(authkey, AuthenticationString):
        config["authkey"] = AuthenticationString(bytes(authkey))  # billiard's kind refuses to pickle
    try:
        yield
    finally:
        config["authkey"] = authkey
        if daemon is not None:
            config["daemon"] = daemon


class _Worker:
    def __init__(self, context: BaseContext, memory_bytes: int | None) -> None:
        self.memory_bytes = memory_bytes
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, memory_bytes), name="opsloop-sandbox", daemon=True
        )
        self.process.authkey = os.urandom(32)  # its own: a Celery pool process's is billiard's kind
        with _as_parent():
            self.process.start()
        child.close()
        self.jobs = 0
        self.peak_rss = 0
        self.healthy = True

    def run(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], seconds: float
    ) -> Any:
        self.jobs += 1
        try:
            self.conn.send((fn, args, kwargs, seconds))
            answered = self.conn.poll(seconds)
        except (OSError, EOFError):
            answered = True  # it died before or while taking the job: the exit status says how
        if not answered:
            self.kill()
            raise BudgetExceeded(
                TIME_BUDGET,
                f"reading the document took longer than its budget of {seconds:g} s "
                "(OPSLOOP_BUDGET__SECONDS); it was stopped",
            )
        try:
            reply = self.conn.recv()
        except (EOFError, OSError):
            raise self._died() from None
        self.peak_rss = max(self.peak_rss, int(reply[-1]))
        status = reply[0]
        if status == "ok":
            return reply[1]
        if status == "memory":
            self.healthy = False
            raise self._out_of_memory()
        if status == "rejected":
            raise RejectedInput(reply[1], reply[2], line=reply[3])
        _, module, qualname, message, hint, trace = reply[:6]
        log.error(
            "sandboxed job %s failed: %s: %s\n%s", getattr(fn, "__name__", fn), qualname, message, trace
        )
        raise _rebuilt(module, qualname, message, hint)

    def _out_of_memory(self) -> BudgetExceeded:
        budget = f" of {self.memory_bytes // (1024 * 1024)} MiB" if self.memory_bytes else ""
        return BudgetExceeded(
            MEMORY_BUDGET,
            f"reading the document needed more memory than its budget{budget} (OPSLOOP_BUDGET__MEMORY_MB)",
        )

    def _died(self) -> BudgetExceeded:
        self.healthy = False
        self.process.join(_GRACE_SECONDS)
        code = self.process.exitcode
        if code is not None and code < 0:
            number = -code
            if number == signal.SIGXCPU:
                return BudgetExceeded(
                    TIME_BUDGET, "reading the document used up its CPU-time budget (OPSLOOP_BUDGET__SECONDS)"
                )
            if number == signal.SIGKILL:
                return self._out_of_memory()  # nobody but the kernel's OOM killer sends it one
            name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
            return BudgetExceeded(
                READER_CRASHED, f"the reader crashed on the document ({name}); nothing was read from it"
            )
        return BudgetExceeded(
            READER_CRASHED,
            f"the reader stopped on the document (exit status {code}); nothing was read from it",
        )

    def kill(self) -> None:
        self.healthy = False
        pid = self.process.pid
        if pid is not None:
            self.peak_rss = max(self.peak_rss, _peak_rss_of(pid))
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(_GRACE_SECONDS)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_GRACE_SECONDS)


class Sandbox:
    """Budgeted worker processes, shared by the threads of one process (each job gets a worker of its
    own; idle ones wait for the next job)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._context: BaseContext | None = None
        self.peak_rss = 0
        """The largest peak RSS (bytes) any worker of this sandbox reported."""
        self.started = 0

    def _mp_context(self) -> BaseContext:
        with self._lock:
            if self._context is None:
                methods = multiprocessing.get_all_start_methods()
                context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
                if "forkserver" in methods:
                    context.set_forkserver_preload(list(PRELOAD))
                self._context = context
            return self._context

    def _take(self, memory_bytes: int | None) -> _Worker:
        with self._lock:
            for index, worker in enumerate(self._idle):
                if worker.memory_bytes == memory_bytes and worker.process.is_alive():
                    return self._idle.pop(index)
        worker = _Worker(self._mp_context(), memory_bytes)
        with self._lock:
            self.started += 1
        return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self.peak_rss = max(self.peak_rss, worker.peak_rss)
            keep = (
                worker.healthy
                and worker.process.is_alive()
                and worker.jobs < MAX_JOBS_PER_WORKER
                and len(self._idle) < MAX_IDLE_WORKERS
            )
            if keep:
                self._idle.append(worker)
                return
        worker.close()

    def run(
        self,
        budget: BudgetSettings,
        seconds: float,
        fn: Callable[P, T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        memory_bytes = budget.memory_mb * 1024 * 1024
        worker = self._take(memory_bytes)
        try:
            result: T = worker.run(fn, args, kwargs, seconds)
            return result
        finally:
            self._give_back(worker)

    def forget_after_fork(self) -> None:
        """In a child made by fork (a Celery pool process): the workers and the fork server are the
        parent's; this process starts its own when it needs them."""
        self._lock = threading.Lock()
        for worker in self._idle:
            with contextlib.suppress(Exception):
                worker.conn.close()  # this process's copy of the descriptor only
        self._idle = []
        if self._context is not None and hasattr(multiprocessing, "forkserver"):
            import multiprocessing.forkserver as forkserver

            forkserver._forkserver.__init__()  # type: ignore[misc]  # forget the parent's server
        self._context = None

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()


_sandbox = Sandbox()
os.register_at_fork(after_in_child=_sandbox.forget_after_fork)


def sandbox() -> Sandbox:
    """This process's sandbox."""
    return _sandbox


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "the stage's work on the document") -> Iterator[None]:
    """Stop the block with BudgetExceeded(`time_budget_exceeded`) once `seconds` have passed: for work
    that stays in this process (it needs the database or the ERP mirror) but reads document text.

    A timer signal (SIGALRM) interrupts it, a runaway regular expression included (CPython's regex
    engine checks for signals as it backtracks). Signals reach only the main thread: elsewhere (the
    pipeline thread of `opsloop serve`) the block runs unguarded, bounded by the size limits on the text
    and by patterns written to run in linear time (tests/reconcile/test_reconcile_text_bounds.py). An
    outer timer is put back as it was when the block ends."""
    if (
        seconds <= 0
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "SIGALRM")
    ):
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise BudgetExceeded(
            TIME_BUDGET,
            f"{what} took longer than its budget of {seconds:g} s (OPSLOOP_BUDGET__SECONDS); it was stopped",
        )

    previous = signal.signal(signal.SIGALRM, _expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # an outer timer keeps what was left of it (at least a moment)
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer - (time.monotonic() - started)))


def run_bounded(
    budget: BudgetSettings,
    seconds: float | None,
    fn: Callable[P, T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`fn(*args, **kwargs)` in a budgeted worker (`seconds`, default `budget.seconds`, and
    `budget.memory_mb`); inline when `budget.isolate` is off. `fn` and its arguments and result must
    pickle (a module-level function over models, bytes and settings)."""
    if not budget.isolate:
        return fn(*args, **kwargs)
    return _sandbox.run(budget, seconds if seconds is not None else budget.seconds, fn, *args, **kwargs)
