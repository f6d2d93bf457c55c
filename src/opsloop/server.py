"""`opsloop serve`: the watched inbox, the review web app and API, and the scheduled jobs in one
process. SIGTERM or Ctrl-C stops all three cleanly (uvicorn handles the signal; the watcher and the
scheduler are stopped after it)."""

from __future__ import annotations

import logging
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import uvicorn

from opsloop.errors import ConfigError
from opsloop.schedule.jobs import start_scheduler
from opsloop.service import resume_scans, watch
from opsloop.settings import Settings
from opsloop.store.db import open_database
from opsloop.web.app import create_app
from opsloop.web.security import session_secret

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    """uvicorn re-raises SIGTERM/SIGINT once it has shut down, which would kill the process before
    the watcher and the scheduler are stopped; here the signal only asks the server to exit."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

        def ask_to_exit(signum: int, frame: FrameType | None) -> None:
            if self.should_exit and signum == signal.SIGINT:
                self.force_exit = True  # a second Ctrl-C
            self.should_exit = True

        for sig in previous:
            signal.signal(sig, ask_to_exit)
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def check_listen_address(host: str, port: int) -> None:
    """Refuse, before anything starts or is announced, an address the web app cannot listen on (a port
    in use, a host that is not this machine's)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, OverflowError) as error:
        raise ConfigError(
            f"cannot listen on {host}:{port}: {error} — check OPSLOOP_WEB__HOST / --host", hint=""
        ) from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise ConfigError(
                f"cannot listen on {host}:{port}: {error.strerror or error} — pick another --port "
                "(or OPSLOOP_WEB__PORT), or stop what uses it",
                hint="",
            ) from None


def serve(settings: Settings, *, host: str | None = None, port: int | None = None) -> None:
    host = host or settings.web.host
    session_secret(
        settings, host
    )  # refuses a non-loopback address without a real secret, before anything starts
    engine = open_database(settings)
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch, args=(engine, settings, stop), name="opsloop-watcher", daemon=True
    )
    scheduler = start_scheduler(settings, engine)
    server = _Server(
        uvicorn.Config(
            create_app(settings, engine=engine, host=host),
            host=host,
            port=port or settings.web.port,
            log_level="info",
        )
    )
    watcher.start()
    # scans that waited for OCR are read in the background once it can run (Tesseract installed)
    threading.Thread(
        target=resume_scans, args=(engine, settings), name="opsloop-resume-scans", daemon=True
    ).start()
    log.info(
        "serving: watcher on %s, web on %s:%s, %d scheduled jobs",
        settings.inbox_dir,
        server.config.host,
        server.config.port,
        len(scheduler.get_jobs()),
    )
    try:
        server.run()
    finally:
        stop.set()
        scheduler.shutdown(wait=True)
        watcher.join(timeout=30)
        log.info("stopped")
