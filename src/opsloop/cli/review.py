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
from opsloop.review.assistant import Section, next_pending, opening_sections, present, respond, why_here
from opsloop.review.audit import verify_chain
from opsloop.review.decisions import choices, get_proposal, state_label
from opsloop.review.outbox import push_outbox
from opsloop.review.workspace import build_workspace
from opsloop.settings import Settings
from opsloop.store import db
from opsloop.store.tables import Proposal, User

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
    username: str,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    role: Annotated[
        Role | None, typer.Option(help="The most the token may do (lower than the user's role), e.g. viewer.")
    ] = None,
) -> None:
    """Issue a bearer token for /api (printed once; only its hash is kept)."""
    engine = db.open_database(load_settings())
    with db.session_scope(engine) as session:
        token = issue_token(session, _user(session, username), name, role=role)
    typer.echo(token)


@audit_app.command("verify")
@friendly_errors
def audit_verify(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Recompute the keyed hash chain, check it against its anchor, and check decisions, proposals and
    outbox rows against the events that produced them; exit status 1 when anything disagrees."""
    engine = db.open_database(load_settings())
    with Session(engine) as session:
        report = verify_chain(session)
    if as_json:
        print_json(report)
    elif report.ok:
        anchored = (
            f", anchored at #{report.anchor.event_id} ({report.anchor.count} events, {report.anchor.at})"
            if report.anchor is not None and report.anchor.event_id is not None
            else ""
        )
        console.print(f"[green]ok[/]: {report.events} events, the chain is intact{anchored}")
    else:
        where = f" at event {report.first_bad_id}" if report.first_bad_id is not None else ""
        console.print(f"[bold red]broken[/]{where}: {report.problem}")
        for mismatch in report.mismatches:
            console.print(f"  - {mismatch}")
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


COMMAND_FOR = {
    "approve": "approve",
    "hold": "hold: <reason>",
    "release": "release: <reason>",
    "reject": "reject: <reason>",
    "undo": "undo",
    "reverse": "reverse: <reason>",
}


def _line_editing() -> None:
    """Line editing and history for the prompt (readline, where Python has it)."""
    try:
        import readline  # noqa: F401  (importing it is what turns editing on for input())
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return


@app.command("review")
@friendly_errors
def review(
    user: Annotated[str, typer.Option("--user", "-u", help="Who is reviewing (see `opsloop users list`).")],
    proposal: Annotated[
        int | None, typer.Argument(help="Start with this proposal (default: the top of the queue).")
    ] = None,
) -> None:
    """Review in the terminal: the same workspace and conversation as the web page (`help` lists what
    you can say, `quit` leaves). A decision above the confirmation threshold or against a check asks
    `Confirm? [y/N]` first."""
    settings = load_settings()
    engine = db.open_database(settings)
    _line_editing()
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
        _show(session, settings, current)
        while True:
            try:
                said = typer.prompt(f"#{current}>", prompt_suffix=" ")
            except (EOFError, typer.Abort):
                break
            if said.strip().lower() in {"quit", "exit", "q"}:
                break
            reply = respond(session, current, actor, said, settings=settings)
            if reply.kind == "confirm":
                _print_reply(reply.lines, [], "confirm")
                if not typer.confirm("Confirm?", default=False):
                    console.print("Nothing was decided.")
                    session.rollback()
                    continue
                reply = respond(session, current, actor, said, settings=settings, confirmed=True)
            if reply.kind == "error":
                session.rollback()
            else:
                session.commit()
            _print_reply(reply.lines, reply.sections, reply.kind)
            if reply.next_proposal_id is not None:
                current = reply.next_proposal_id
                _show(session, settings, current)


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


def _print_reply(lines: list[str], sections: list[Section], kind: str) -> None:
    style = {"error": "red", "refused": "red", "decision": "green", "question": "yellow", "confirm": "yellow"}
    for line in lines:
        console.print(Text(line, style=style.get(kind, "")), highlight=False)
    _print_sections(sections)


def _show(session: Session, settings: Settings, proposal_id: int) -> None:
    """The proposal as the web workspace shows it: what it is and for how much, why it is with a
    person, the decisions it offers, the failed checks, and (for an invoice) every field as read with
    its confidence and where it was read."""
    console.rule()
    proposal = get_proposal(session, proposal_id)
    for line in present(session, proposal):
        console.print(Text(line), highlight=False)
    console.print(Text(f"State: {state_label(proposal)}", style="bold"), highlight=False)
    for line in why_here(session, proposal):
        console.print(Text(line, style="cyan"), highlight=False)
    offered = choices(session, proposal)
    if offered:
        console.print(
            Text(
                "Decide: "
                + " · ".join(
                    f"{c.label} (`{COMMAND_FOR.get(c.action.value, c.action.value)}`)" for c in offered
                ),
                style="bold",
            ),
            highlight=False,
        )
    _print_sections(opening_sections(session, proposal))
    _print_sections(_field_sections(session, settings, proposal))


def _field_sections(session: Session, settings: Settings, proposal: Proposal) -> list[Section]:
    view = build_workspace(session, settings, proposal)
    if not view.fields:
        return []
    fields = Section(
        title="The invoice as read (`set <field> to <value>` corrects it)",
        columns=["field", "value", "confidence", "page", "read from"],
        rows=[
            [
                f.name,
                f.value or "—",
                "—" if f.confidence is None else f"{f.confidence:.0%}",
                str(f.page or "—"),
                f.reason or f.source or "",
            ]
            for f in view.fields
        ],
        row_styles=["unknown" if f.low else "" for f in view.fields],
    )
    lines = Section(
        title="Lines (`set line 2 quantity to 30`, `link line 2 to PO <number> line 3`, `remove line 2`)",
        columns=["#", "description", "sku", "qty", "unit", "unit price", "amount", "tax %", "PO line"],
        rows=[
            [str(line.position), *(c.value for c in line.cells), line.po_line or "—"] for line in view.lines
        ],
        row_styles=[
            "unknown" if line.matched is None else "pass" if line.matched else "fail" for line in view.lines
        ],
    )
    return [fields, lines]


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
