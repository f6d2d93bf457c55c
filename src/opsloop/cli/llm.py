"""`opsloop costs`: LLM calls, tokens and cost by day, model and document kind."""

from __future__ import annotations

from datetime import date, datetime

import typer
from rich.table import Table
from sqlmodel import Session

from opsloop.cli.common import app, console, friendly_errors, load_settings, print_json
from opsloop.errors import OpsloopError


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()  # noqa: DTZ007 - a calendar day, no time
    except ValueError as error:
        raise OpsloopError(f"{option} wants a day as YYYY-MM-DD, not {value!r}", hint="") from error


@app.command("costs")
@friendly_errors
def costs_command(
    since: str | None = typer.Option(None, "--since", help="First day to include (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day to include (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """What the LLM cost: calls, cache hits, tokens and cost per day, model and document kind
    (prices from OPSLOOP_LLM__PRICES)."""
    from opsloop.llm.usage import summarise_costs
    from opsloop.store import db

    settings = load_settings()
    engine = db.open_database(settings)
    with Session(engine) as session:
        rows = summarise_costs(session, since=_day(since, "--since"), until=_day(until, "--until"))
    if as_json:
        print_json([{**row.__dict__, "day": row.day.isoformat(), "cost": str(row.cost)} for row in rows])
        return
    if not rows:
        console.print("no LLM calls recorded" + (" in that period" if since or until else ""))
        return
    table = Table(title="LLM costs")
    for header in (
        "day",
        "model",
        "kind",
        "calls",
        "cache hits",
        "failures",
        "tokens in",
        "tokens out",
        "cost",
    ):
        table.add_column(header, justify="right" if header not in ("day", "model", "kind") else "left")
    for row in rows:
        cost = f"{row.cost:.6f}" + (f" (+{row.unpriced_calls} unpriced)" if row.unpriced_calls else "")
        table.add_row(
            row.day.isoformat(),
            row.model,
            row.kind,
            str(row.calls),
            str(row.cache_hits),
            str(row.failures),
            str(row.tokens_in),
            str(row.tokens_out),
            cost,
        )
    total_cost = sum((r.cost for r in rows), start=rows[0].cost * 0)
    table.add_section()
    table.add_row(
        "total",
        "",
        "",
        str(sum(r.calls for r in rows)),
        str(sum(r.cache_hits for r in rows)),
        str(sum(r.failures for r in rows)),
        str(sum(r.tokens_in for r in rows)),
        str(sum(r.tokens_out for r in rows)),
        f"{total_cost:.6f}",
    )
    console.print(table)
