"""Review in the terminal (`opsloop review`), accounts (`opsloop users`), the audit log
(`opsloop audit verify`), write-back (`opsloop outbox push`) and the web app (`opsloop web`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text
from sqlmodel import Session, select

from opsloop.cli.common import app, console, friendly_errors, load_settings, print_json
from opsloop.review.accounts import AccountError, Role, actor_of, create_user, issue_token, list_users
from opsloop.review.assistant import Section, next_pending, opening_sections, present, respond
from opsloop.review.audit import verify_chain
from opsloop.review.decisions import get_proposal
from opsloop.review.outbox import push_outbox
from opsloop.store import db
from opsloop.store.tables import User

users_app = typer.Typer(help="Accounts: add users, list them, issue API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
outbox_app = typer.Typer(help="Approved actions on their way to the ERP.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")
app.add_typer(outbox_app, name="outbox")


def _user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise AccountError(f"there is no user {username!r}")
    return user


@users_app.command("add")
@friendly_errors
def users_add(
    username: str,
    role: Annotated[Role, typer.Option(help="viewer | reviewer | approver | admin")] = Role.REVIEWER,
    limit: Annotated[
        str | None, typer.Option(help="Approval limit (approvers): the largest amount they may approve.")
    ] = None,
    password: Annotated[
        str | None, typer.Option(help="Prompted for (hidden) when left out.", show_default=False)
    ] = None,
) -> None:
    """Add a user, e.g. `opsloop users add alice --role admin`."""
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = load_settings()
    engine = db.open_database(settings)
    with db.session_scope(engine) as session:
        create_user(session, username, password, role, approval_limit=Decimal(limit) if limit else None)
    console.print(f"added [bold]{username}[/] ({role.value}{f', limit {limit}' if limit else ''})")


@users_app.command("list")
@friendly_errors
def users_list() -> None:
    engine = db.open_database(load_settings())
    with Session(engine) as session:
        table = Table("user", "role", "approval limit", "active")
        for user in list_users(session):
            limit = "—" if user.approval_limit is None else str(user.approval_limit)
            table.add_row(user.username, user.role, limit, "yes" if user.active else "no")
    console.print(table)


@users_app.command("token")
@friendly_errors
def users_token(
    username: str, name: Annotated[str, typer.Option(help="What the token is for.")] = "api"
) -> None:
    """Issue a bearer token for /api (printed once; only its hash is kept)."""
    engine = db.open_database(load_settings())
    with db.session_scope(engine) as session:
        token = issue_token(session, _user(session, username), name)
    typer.echo(token)


@audit_app.command("verify")
@friendly_errors
def audit_verify(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Recompute the hash chain; exit status 1 when any event was changed or deleted."""
    engine = db.open_database(load_settings())
    with Session(engine) as session:
        report = verify_chain(session)
    if as_json:
        print_json(report)
    elif report.ok:
        console.print(f"[green]ok[/]: {report.events} events, the chain is intact")
    else:
        console.print(f"[bold red]broken[/] at event {report.first_bad_id}: {report.problem}")
    if not report.ok:
        raise typer.Exit(1)


@outbox_app.command("push")
@friendly_errors
def outbox_push() -> None:
    """Push due approved actions to the configured ERP connector (the folder connector writes JSON files)."""
    from opsloop.erp.connectors import push_connector_from_settings

    settings = load_settings()
    engine = db.open_database(settings)
    with Session(engine) as session:
        report = push_outbox(session, push_connector_from_settings(settings))
    console.print(
        f"executed {report.executed}, retried {report.retried}, failed {report.failed}, skipped {report.skipped}"
    )


@app.command("review")
@friendly_errors
def review(
    user: Annotated[str, typer.Option("--user", "-u", help="Who is reviewing (see `opsloop users list`).")],
    proposal: Annotated[
        int | None, typer.Argument(help="Start with this proposal (default: the top of the queue).")
    ] = None,
) -> None:
    """Review in the terminal: the same conversation as the web page (`help` lists what you can say,
    `quit` leaves)."""
    settings = load_settings()
    engine = db.open_database(settings)
    with Session(engine, expire_on_commit=False) as session:
        actor = actor_of(_user(session, user))
        current = proposal
        if current is None:
            top = next_pending(session)
            if top is None:
                console.print("Nothing is waiting. The queue is clear.")
                return
            current = top.id
        assert current is not None
        _show(session, current)
        while True:
            try:
                said = typer.prompt(f"#{current}>", prompt_suffix=" ")
            except (EOFError, typer.Abort):
                break
            if said.strip().lower() in {"quit", "exit", "q"}:
                break
            reply = respond(session, current, actor, said, settings=settings)
            if reply.kind == "error":
                session.rollback()
            else:
                session.commit()
            style = {"error": "red", "decision": "green", "question": "yellow"}.get(reply.kind, "")
            for line in reply.lines:
                console.print(Text(line, style=style), highlight=False)
            _print_sections(reply.sections)
            if reply.next_proposal_id is not None:
                current = reply.next_proposal_id
                _show(session, current)


def _show(session: Session, proposal_id: int) -> None:
    console.rule()
    proposal = get_proposal(session, proposal_id)
    for line in present(session, proposal):
        console.print(Text(line), highlight=False)
    _print_sections(opening_sections(session, proposal))


_ROW_STYLES = {"fail": "red", "unknown": "yellow", "pass": ""}


def _print_sections(sections: list[Section]) -> None:
    """The working as rich tables (a name/value table without headings)."""
    for section in sections:
        if not section.rows:
            console.print(Text(f"{section.title}: {' '.join(section.text)}"), highlight=False)
            continue
        table = Table(title=section.title, title_justify="left", show_header=bool(section.columns))
        for heading in section.columns or ["", ""]:
            table.add_column(heading, overflow="fold")
        for i, row in enumerate(section.rows):
            style = _ROW_STYLES.get(section.row_styles[i], "") if i < len(section.row_styles) else ""
            table.add_row(*row, style=style or None)
        console.print(table)


@app.command("web")
@friendly_errors
def web(
    host: Annotated[str | None, typer.Option(help="Default: OPSLOOP_WEB__HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: OPSLOOP_WEB__PORT.")] = None,
) -> None:
    """Run the review web app and API (uvicorn); log in with a user from `opsloop users add`."""
    import uvicorn

    from opsloop.web.app import create_app

    settings = load_settings()
    host = host or settings.web.host
    uvicorn.run(
        create_app(settings, host=host),
        host=host,
        port=port or settings.web.port,
        log_level="warning",
    )
