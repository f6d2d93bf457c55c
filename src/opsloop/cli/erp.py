"""`opsloop sync` (pull the ERP into the mirror, with a progress bar) and `opsloop schedule`."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from opsloop.cli.common import app, console, friendly_errors, load_settings, print_json


@app.command("sync")
@friendly_errors
def sync_command(
    full: bool = typer.Option(False, "--full", help="Ignore the cursors: read everything again."),
    as_json: bool = typer.Option(False, "--json", help="Print the sync report as JSON."),
) -> None:
    """Pull the configured ERP into the mirror and re-check held invoices."""
    from opsloop.erp.connectors import source_from_settings
    from opsloop.erp.sync import sync_source
    from opsloop.store.db import open_database

    settings = load_settings()
    engine = open_database(settings)
    source = source_from_settings(settings)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
    ) as progress:
        task = progress.add_task(f"sync {source.name}", total=len(source.record_types()))

        def advance(record_type: object, done: int, total: int) -> None:
            progress.update(
                task, completed=done, total=total, description=f"sync {source.name}: {record_type}"
            )

        report = sync_source(engine, source, settings.erp, full=full, on_progress=advance)
    if as_json:
        print_json(report)
    else:
        table = Table(title=f"sync run {report.run_id}: {report.status} in {report.duration_ms} ms")
        for column in ("table", "created", "updated", "deleted"):
            table.add_column(column)
        load = report.load
        for name in sorted({*load.created, *load.updated, *load.deleted}):
            table.add_row(
                name,
                str(load.created.get(name, 0)),
                str(load.updated.get(name, 0)),
                str(load.deleted.get(name, 0)),
            )
        console.print(table)
        console.print(f"held invoices re-checked: {report.rechecked}, released: {report.released}")
        for note in load.notes:
            console.print(f"[dim]{note}[/]", soft_wrap=True)
        for error in load.errors[:20]:
            where = f"{error.file}:{error.line}" if error.line else error.file  # line 0: the whole file
            console.print(f"[yellow]{where}[/] {error.message}", soft_wrap=True)
        if report.error:
            console.print(f"[bold red]failed:[/] {report.error}")
    if report.status == "failed":
        raise typer.Exit(1)


@app.command("schedule")
@friendly_errors
def schedule_command() -> None:
    """List the scheduled jobs, their cron expressions and next run times."""
    from opsloop.schedule import start_scheduler
    from opsloop.store.db import open_database

    settings = load_settings()
    scheduler = start_scheduler(settings, open_database(settings), start=False)
    scheduler.start(paused=True)
    try:
        table = Table(title="scheduled jobs (UTC)")
        for column in ("job", "cron", "next run"):
            table.add_column(column)
        for job in scheduler.get_jobs():
            table.add_row(job.id, getattr(settings.schedule, job.id), str(job.next_run_time))
        console.print(table)
    finally:
        scheduler.shutdown(wait=False)


@app.command("erp-demo")
@friendly_errors
def erp_demo_command() -> None:
    """The whole loop against a running Tryton (`make erp-demo` starts one): sync, invoices into the
    watched folder, reconcile, receive in Tryton and re-check, approve, push, read back."""
    from datetime import date

    from opsloop.erp.demo import APPROVER, run_erp_demo

    settings = load_settings()
    summary = run_erp_demo(settings, today=date.today(), say=console.print)  # noqa: DTZ011
    table = Table(title="supplier invoices in Tryton (read back over RPC)")
    for column in ("id", "state", "reference", "supplier", "total", "from"):
        table.add_column(column)
    for invoice in summary.tryton_invoices:
        table.add_row(
            str(invoice["id"]),
            invoice["state"],
            invoice.get("reference") or "",
            (invoice.get("party.") or {}).get("name", ""),
            str(invoice.get("total_amount")),
            (invoice.get("comment") or "").splitlines()[0] if invoice.get("comment") else "",
        )
    console.print(table)
    states = Table(title="invoice proposals in opsloop")
    for column in ("subject", "kind", "state"):
        states.add_column(column)
    for subject, kind, state in summary.proposals:
        states.add_row(subject, kind, state)
    console.print(states)
    url = settings.erp.url.get_secret_value() if settings.erp.url else "the Tryton server"
    references = ", ".join(str(i.get("reference")) for i in summary.tryton_invoices if i.get("reference"))
    console.print(
        f"\n[bold]See it in Tryton[/]: the desktop client (pip install 'tryton==8.2.*'; run `tryton`) connected to "
        f"{url}, database {settings.erp.database or '-'}, user {settings.erp.user or '-'} (the password in "
        "OPSLOOP_ERP__PASSWORD) → Financial › Invoices › Supplier Invoices: the draft invoice(s) "
        f"{references or 'written above'}, each with the opsloop proposal in its comment.",
        soft_wrap=True,
    )
    console.print(
        f"[bold]See it in opsloop[/]: OPSLOOP_DATA_DIR={settings.data_dir} with the same OPSLOOP_ERP__* settings "
        f"(`make erp-demo-serve` sets them), `opsloop serve`, then log in as {APPROVER[0]} / {APPROVER[1]} "
        "(the approver who approved them; this account exists only in the ERP demo's data).",
        soft_wrap=True,
    )
    if summary.push.failed or not summary.tryton_invoices:
        raise typer.Exit(1)
