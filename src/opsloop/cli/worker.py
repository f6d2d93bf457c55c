"""`opsloop worker`: a Celery worker that processes enqueued documents (OPSLOOP_RUNNER__MODE=celery)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from opsloop.cli.common import app, console, friendly_errors, load_settings
from opsloop.errors import ConfigError


@app.command()
@friendly_errors
def worker(
    concurrency: Annotated[
        int | None, typer.Option(help="Worker processes (default: OPSLOOP_RUNNER__CONCURRENCY, else CPUs).")
    ] = None,
    pool: Annotated[str, typer.Option(help="prefork (CPU-bound stages), solo (one process) or threads.")] = (
        "prefork"
    ),
    metrics_port: Annotated[
        int | None,
        typer.Option(
            help="Serve this worker's stage histograms on this port (with --pool solo or threads: prefork "
            "pool processes keep their own; the web app's /metrics has the database figures either way)."
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Worker node name (default: opsloop@<host>).")] = None,
    loglevel: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
) -> None:
    """Process documents from the Redis queue (run as many as you like, on any machine that reaches
    the database and the broker). SIGTERM finishes the current documents; SIGKILL loses nothing."""
    from opsloop.distributed.app import create_celery
    from opsloop.store.db import dispose_engines, open_database
    from opsloop.telemetry.logs import configure_logging

    settings = load_settings()
    if settings.runner.mode != "celery":
        console.print(
            "[yellow]note:[/] OPSLOOP_RUNNER__MODE is not `celery`: nothing enqueues work for workers"
        )
    if pool not in ("prefork", "solo", "threads"):
        raise ConfigError(f"unknown pool {pool!r}", hint="Use prefork, solo or threads.")
    configure_logging(getattr(logging, loglevel.upper(), logging.INFO))
    open_database(settings)  # the schema is current before any task runs
    dispose_engines()  # no connection crosses the fork into the pool's processes
    if metrics_port is not None:
        from prometheus_client import start_http_server

        from opsloop.telemetry.metrics import install_stage_metrics

        install_stage_metrics()
        start_http_server(metrics_port, addr=settings.web.host)
    celery = create_celery(settings)
    argv = [
        "worker",
        f"--pool={pool}",
        f"--concurrency={concurrency or settings.runner.concurrency or 0}",
        f"--loglevel={loglevel}",
        f"--queues={settings.runner.queue}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if name:
        argv.append(f"--hostname={name}")
    if not (concurrency or settings.runner.concurrency):
        argv = [a for a in argv if not a.startswith("--concurrency")]
    celery.worker_main(argv)
