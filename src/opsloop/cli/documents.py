"""Documents: ingest, watch, list, show, retry; the database; the demo."""

from __future__ import annotations

import logging
import signal
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlmodel import Session, col, func, select

from opsloop.cli.common import app, console, friendly_errors, load_settings, print_json
from opsloop.demo import MARKER, DemoSummary, run_demo
from opsloop.domain.documents import DocumentState
from opsloop.errors import ConfigError, OpsloopError
from opsloop.ingest.files import IngestOutcome, IngestStatus, iter_files
from opsloop.service import ingest_and_process, plan_and_queue, watch
from opsloop.stages import default_pipeline
from opsloop.store import db
from opsloop.store.documents import get_document, history
from opsloop.store.tables import Document, Invoice, StageRun

db_app = typer.Typer(
    help="The database schema (Alembic migrations shipped with opsloop).", no_args_is_help=True
)
app.add_typer(db_app, name="db")

_STATUS_STYLE = {"accepted": "green", "duplicate": "yellow", "quarantined": "red", "error": "red"}


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


@app.command()
@friendly_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")],
    move: Annotated[
        bool, typer.Option(help="Remove each source once it is stored (as the watcher does).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the outcomes as JSON.")] = False,
) -> None:
    """Take files in once: sniff, archive (or quarantine with a reason), then run every stage."""
    settings = load_settings()
    engine = db.open_database(settings)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise OpsloopError(f"no such file or folder: {', '.join(map(str, missing))}", hint="Check the path.")
    total = sum(1 for _ in iter_files(paths, settings.ingest.ignore_suffixes))
    with _progress() as progress:
        task = progress.add_task("ingesting", total=total)

        def on_file(_outcome: IngestOutcome) -> None:
            progress.advance(task)

        outcomes, states = ingest_and_process(engine, settings, paths, move=move, on_file=on_file)
    if as_json:
        print_json([o.model_dump(mode="json") for o in outcomes])
        return
    table = Table("file", "outcome", "document", "kind / reason")
    for outcome in outcomes:
        detail = outcome.kind.value if outcome.kind else ""
        if outcome.status is not IngestStatus.ACCEPTED:
            detail = f"{outcome.reason_code or ''} {outcome.message or ''}".strip()
        style = _STATUS_STYLE[outcome.status.value]
        table.add_row(
            Path(outcome.path).name,
            f"[{style}]{outcome.status.value}[/]",
            str(outcome.document_id or ""),
            detail,
        )
    console.print(table)
    counts = Counter(o.status.value for o in outcomes)
    console.print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no files found")
    if states:
        console.print(
            "after processing: "
            + ", ".join(f"{n} {s}" for s, n in Counter(v.value for v in states.values()).items())
        )


@app.command("watch")
@friendly_errors
def watch_command() -> None:
    """Watch the inbox folder; take each file once its size and mtime are stable. Ctrl-C stops."""
    settings = load_settings()
    engine = db.open_database(settings)
    _configure_logging()
    console.print(f"watching [bold]{settings.inbox_dir.resolve()}[/] (Ctrl-C to stop)")
    _run_until_signal(lambda stop: watch(engine, settings, stop, on_file=_print_outcome))


@app.command()
@friendly_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Default: OPSLOOP_WEB__HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: OPSLOOP_WEB__PORT.")] = None,
) -> None:
    """Run everything together: the watched inbox, the review web app and API, the scheduled jobs
    (ERP sync, outbox push, re-planning, SLA escalation). SIGTERM or Ctrl-C stops it cleanly."""
    from opsloop.server import check_listen_address
    from opsloop.server import serve as run_server

    settings = load_settings()
    if port is not None and not 1 <= port <= 65535:
        raise ConfigError(f"--port {port} is not a port: expected a number from 1 to 65535", hint="")
    address = (host or settings.web.host, port or settings.web.port)
    check_listen_address(*address)
    _configure_logging()
    console.print(
        f"opsloop: data [bold]{settings.data_dir.resolve()}[/], inbox [bold]{settings.inbox_dir.resolve()}[/], "
        f"review UI http://{address[0]}:{address[1]}/"
    )
    run_server(settings, host=host, port=port)


def _print_outcome(outcome: IngestOutcome) -> None:
    style = _STATUS_STYLE[outcome.status.value]
    console.print(f"[{style}]{outcome.status.value}[/] {Path(outcome.path).name} {outcome.message or ''}")


def _configure_logging() -> None:
    """JSON lines (with the document id) when stderr is not a terminal, readable text when it is."""
    from opsloop.telemetry.logs import configure_logging

    configure_logging(logging.INFO)


def _run_until_signal(body: Callable[[threading.Event], None]) -> None:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    body(stop)
    console.print("stopped")


@app.command()
@friendly_errors
def status(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Documents by state and kind."""
    settings = load_settings()
    engine = db.open_database(settings)
    with Session(engine) as session:
        rows = session.exec(
            select(Document.state, Document.kind, func.count()).group_by(
                col(Document.state), col(Document.kind)
            )
        ).all()
    data = [{"state": state, "kind": kind, "count": count} for state, kind, count in rows]
    if as_json:
        print_json(data)
        return
    console.print(f"data folder {settings.data_dir.resolve()} (OPSLOOP_DATA_DIR)", soft_wrap=True)
    if not data:
        console.print(
            "no documents yet: drop files into the inbox (`opsloop watch`) or `opsloop ingest PATH`"
        )
        demo = Path("var/demo")
        if (demo / MARKER).exists() and settings.data_dir.resolve() != demo.resolve():
            console.print(
                "the demo's data is in var/demo: export OPSLOOP_DATA_DIR=var/demo (or `make status`)"
            )
        return
    table = Table("state", "kind", "documents")
    for row in sorted(data, key=lambda r: (str(r["state"]), str(r["kind"]))):
        table.add_row(str(row["state"]), str(row["kind"] or "-"), str(row["count"]))
    console.print(table)


@app.command()
@friendly_errors
def docs(
    state: Annotated[str | None, typer.Option(help="Only documents in this state.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List documents."""
    if state is not None and state not in {s.value for s in DocumentState}:
        raise OpsloopError(
            f"unknown state {state!r}", hint=f"One of: {', '.join(s.value for s in DocumentState)}."
        )
    settings = load_settings()
    engine = db.open_database(settings)
    with Session(engine) as session:
        query = select(Document).order_by(col(Document.id).desc()).limit(limit)
        if state:
            query = query.where(Document.state == state)
        documents = list(session.exec(query))
    if as_json:
        print_json([d.model_dump(mode="json", exclude={"parsed"}) for d in documents])
        return
    table = Table("id", "name", "kind", "state", "reason", "changed")
    for d in documents:
        table.add_row(
            str(d.id),
            d.original_name,
            d.kind or "-",
            d.state,
            (d.failure_reason or "")[:80],
            d.state_changed_at.strftime("%Y-%m-%d %H:%M:%S"),
        )
    console.print(table)


@app.command()
@friendly_errors
def show(document_id: int, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """One document: its state history, stage runs and what was extracted."""
    settings = load_settings()
    engine = db.open_database(settings)
    with Session(engine) as session:
        document = get_document(session, document_id)
        events = history(session, document_id)
        runs = list(
            session.exec(
                select(StageRun).where(StageRun.document_id == document_id).order_by(col(StageRun.id))
            )
        )
        invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).first()
    data = {
        "document": document.model_dump(mode="json", exclude={"parsed"}),
        "history": [e.model_dump(mode="json") for e in events],
        "stage_runs": [r.model_dump(mode="json") for r in runs],
        "invoice": invoice.extraction if invoice else None,
    }
    if as_json:
        print_json(data)
        return
    console.print(
        f"[bold]#{document.id}[/] {document.original_name}  kind={document.kind}  state=[bold]{document.state}[/]"
    )
    if document.failure_reason:
        console.print(f"[red]reason:[/] {document.failure_reason}")
    table = Table("at", "from", "to", "stage", "reason")
    for e in events:
        table.add_row(
            e.at.strftime("%H:%M:%S.%f")[:-3], e.from_state or "", e.to_state, e.stage or "", e.reason or ""
        )
    console.print(table)
    if invoice:
        console.print(
            f"invoice {invoice.invoice_number} from {invoice.vendor_name}, {invoice.invoice_date}, "
            f"total {invoice.total} {invoice.currency} ({invoice.extraction_method})"
        )


@app.command()
@friendly_errors
def retry(document_id: int) -> None:
    """Run the stage a failed document failed in again (or OCR a needs_ocr scan once Tesseract is installed)."""
    settings = load_settings()
    engine = db.open_database(settings)
    state = default_pipeline().retry(engine, settings, document_id)
    console.print(f"document {document_id} is now [bold]{state.value}[/]")


@app.command("process")
@friendly_errors
def process_command() -> None:
    """Run every stage on documents still waiting (what a restart after a crash does), and read the
    scans that waited for OCR once OCR can run."""
    from opsloop.service import resume_scans

    settings = load_settings()
    engine = db.open_database(settings)
    pipeline = default_pipeline()
    scans = resume_scans(engine, settings, pipeline=pipeline)
    if scans:
        read = Counter(state.value for state in scans.values())
        console.print("scans read by OCR: " + ", ".join(f"{n} {s}" for s, n in read.items()))
    pending = pipeline.pending_ids(engine)
    with _progress() as progress:
        task = progress.add_task("processing", total=len(pending))
        states = pipeline.run_pending(engine, settings, on_document=lambda *_: progress.advance(task))
    console.print(
        ", ".join(f"{n} {s}" for s, n in Counter(v.value for v in states.values()).items())
        or "nothing pending"
    )


@app.command()
@friendly_errors
def demo(
    fixtures: Annotated[
        Path, typer.Option(help="The fixtures folder (its demo_company.py writes the company's data).")
    ] = Path("fixtures"),
    data_dir: Annotated[Path, typer.Option(help="Demo data folder; reset on every run.")] = Path("var/demo"),
    today: Annotated[
        str | None,
        typer.Option(help="The demo's today (YYYY-MM-DD); default today. The same day, the same result."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Reset a demo folder and replay 90 days of a small company through opsloop: ERP exports synced, invoices
    and conversations taken in, people's decisions, the autonomy policy, the outbox, then the planner."""
    import time
    from datetime import date

    try:
        day = date.fromisoformat(today) if today else None
    except ValueError as error:
        raise OpsloopError(f"--today {today!r} is not a date", hint="Use YYYY-MM-DD.") from error
    started = time.perf_counter()
    with console.status("replaying 90 days…") as progress:
        summary = run_demo(
            fixtures,
            data_dir,
            today=day,
            on_day=lambda d: progress.update(f"replaying 90 days… {d.isoformat()}"),
        )
    if as_json:
        print_json(summary)
        return
    _print_demo(summary, time.perf_counter() - started)


def _print_demo(summary: DemoSummary, seconds: float) -> None:
    """Each part of the loop, what the 90 days left in it, and where to see it."""
    env = f"OPSLOOP_DATA_DIR={summary.data_dir}"
    documents = summary.documents_by_kind
    say = console.print
    say(
        f"[bold]opsloop demo[/]: {summary.days} days of Nordwind Handels GmbH up to {summary.today}, in {seconds:.0f} s"
    )
    say(
        f"\n[bold]1. ERP export[/] {summary.erp_folder}/*.csv, synced each morning it changed: "
        + ", ".join(f"{n} {status}" for status, n in sorted(summary.syncs.items()))
        + f" sync runs; {len(summary.released_by_sync)} held invoice(s) released when their receipt was booked."
        + " Edit a CSV there and run [bold]make sync[/] (make serve syncs every 15 min).",
        soft_wrap=True,
    )
    say(
        f"[bold]2. Watched inbox[/] {summary.data_dir}/inbox → archive/: {documents.get('invoice', 0)} invoices "
        f"(PDF, CII, UBL), {documents.get('conversation', 0)} support conversations; "
        + ", ".join(f"{n} {state}" for state, n in sorted(summary.documents_by_state.items()))
        + ". See [bold]make status[/].",
        soft_wrap=True,
    )
    people = sum(summary.human_decisions.values())
    automatic = ", ".join(f"{n} by rule {rule}" for rule, n in sorted(summary.automatic_decisions.items()))
    say(
        f"[bold]3. Decisions[/]: {people} by people ("
        + ", ".join(f"{n} {who}" for who, n in sorted(summary.human_decisions.items()))
        + f"); automatic approvals: {automatic or 'none'} — after three clean human approvals per vendor. "
        "Rule error rates on http://127.0.0.1:8450/ops.",
        soft_wrap=True,
    )
    say(
        f"[bold]4. Outbox[/]: {summary.outbox_files} approved action(s) written to {summary.erp_folder}/outbox/."
    )
    say(
        f"[bold]5. Waiting for a person[/] ({len(summary.waiting_for_people)} invoice proposals):",
        soft_wrap=True,
    )
    for title in summary.waiting_for_people:
        say(f"   {title}", soft_wrap=True)
    planned = summary.planner
    say(
        f"[bold]6. Planner[/] (today {summary.today}): "
        + (", ".join(f"{len(titles)} {kind}" for kind, titles in sorted(planned.items())) or "no proposals"),
        soft_wrap=True,
    )
    for kind in ("reorder", "safety_stock", "staffing", "escalation"):
        for title in planned.get(kind, []):
            say(f"   {title}", soft_wrap=True)
    for name, reason in summary.quarantined:
        say(f"[red]quarantined[/] {name}: {reason}", soft_wrap=True)
    for name, reason in summary.failed:
        say(f"[red]failed[/] {name}: {reason}", soft_wrap=True)
    walk = summary.walkthrough
    say(
        f"\n[bold]Review it[/]: make serve, open http://127.0.0.1:8450/ and log in as [bold]demo[/] / opsloop-demo "
        "(admin) or [bold]rita[/] / opsloop-demo (approver up to 5,000). Other commands on this data: "
        f"{env} .venv/bin/opsloop …",
        soft_wrap=True,
    )
    if walk:
        say(
            f"[bold]Release the held invoice[/] {walk['invoice_number']} ({walk['vendor']}, PO {walk['po_number']}): "
            f"add the line [bold]{walk['line']}[/] to {summary.erp_folder}/goods_receipt_lines.csv, run "
            "[bold]make sync[/] (or wait for make serve's next sync) — it becomes an approval proposal.",
            soft_wrap=True,
        )


@db_app.command("upgrade")
@friendly_errors
def db_upgrade(revision: str = "head") -> None:
    """Migrate the configured database up to REVISION (default: newest)."""
    settings = load_settings()
    settings.ensure_dirs()
    db.upgrade(settings.db_url, revision)
    console.print(f"database at {db.current_revision(db.get_engine(settings.db_url))}")


@db_app.command("downgrade")
@friendly_errors
def db_downgrade(revision: str) -> None:
    """Migrate the configured database down to REVISION (`base` removes every table)."""
    settings = load_settings()
    db.downgrade(settings.db_url, revision)
    console.print(f"database at {db.current_revision(db.get_engine(settings.db_url)) or 'base'}")


@app.command()
@friendly_errors
def plan(
    today: Annotated[
        str | None, typer.Option(help="Plan as of this date (YYYY-MM-DD); default today.")
    ] = None,
) -> None:
    """Run the inventory and staffing planners over the ERP mirror and the conversations; queue their proposals."""
    from datetime import UTC, date, datetime

    settings = load_settings()
    engine = db.open_database(settings)
    now = datetime.now(UTC)
    try:
        as_of = date.fromisoformat(today) if today else now.date()
    except ValueError as error:
        raise OpsloopError(f"{today!r} is not a date", hint="Use YYYY-MM-DD.") from error
    outcome = plan_and_queue(engine, settings, as_of, now=None if today else now)
    if outcome.history_through is None:
        console.print(f"planning as of {as_of}: no demand history in the mirror before that day")
    else:
        gap = (as_of - outcome.history_through).days - 1
        console.print(
            f"planning as of {as_of}: demand history through {outcome.history_through} (the newest ERP export"
            + (
                f"; the {gap} day(s) since are not in it and are not counted as zero demand)"
                if gap > 0
                else ")"
            )
        )
    table = Table("id", "kind", "title", "state", title="planner proposals")
    for proposal in outcome.proposals:
        table.add_row(str(proposal.id), proposal.kind, proposal.title, proposal.state)
    console.print(table if outcome.proposals else "no proposals: every position is above its trigger")
    if outcome.superseded:
        console.print(f"{len(outcome.superseded)} earlier proposal(s) no longer proposed: superseded")
