"""What opsloop learns and what a policy change would do: `opsloop memory list|show|forget|rebuild`,
`opsloop replay --policy FILE`, `opsloop policy save FILE` and `opsloop eval learning`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import Session

from opsloop.cli.common import (
    app,
    console,
    eval_app,
    friendly_errors,
    import_from_checkout,
    load_settings,
    print_json,
)
from opsloop.errors import ConfigError
from opsloop.store import db

memory_app = typer.Typer(
    help="Vendor memory: what corrections taught about each vendor (inspect, forget, rebuild).",
    no_args_is_help=True,
)
policy_app = typer.Typer(
    help="The autonomy policy: save a new version (after its replay).", no_args_is_help=True
)
app.add_typer(memory_app, name="memory")
app.add_typer(policy_app, name="policy")


@memory_app.command("list")
@friendly_errors
def memory_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every vendor memory has learned about: its version and what it holds now."""
    from opsloop.memory import list_memory

    with Session(db.open_database(load_settings())) as session:
        rows = list_memory(session)
    if as_json:
        print_json([row.model_dump(mode="json") for row in rows])
        return
    table = Table("vendor", "name", "version", "entries", "kinds", "layouts", "last change")
    for row in rows:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(row.kinds.items())) or "—"
        last = f"{row.last_change:%Y-%m-%d %H:%M}" if row.last_change else "—"
        table.add_row(
            row.vendor_key,
            row.vendor_name or "—",
            f"v{row.version}",
            str(row.entries),
            kinds,
            str(row.layouts),
            last,
        )
    console.print(table if rows else "Nothing learned yet: memory learns from corrections made in review.")


@memory_app.command("show")
@friendly_errors
def memory_show(
    vendor: Annotated[
        str, typer.Argument(help="The vendor's ERP id (or name:<name>), as `memory list` shows it.")
    ],
    retired: Annotated[bool, typer.Option("--retired", help="Also what no longer applies.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One vendor's memory: each entry, where it was learned, and the history of its versions."""
    from opsloop.memory import show_memory

    with Session(db.open_database(load_settings())) as session:
        view = show_memory(session, vendor, retired=retired)
    if as_json:
        print_json(view)
        return
    summary = view.summary
    console.print(f"[bold]{summary.vendor_key}[/] {summary.vendor_name or ''} · memory v{summary.version}")
    table = Table("id", "kind", "field", "key", "what applies", "learned from", "v", "retired")
    for entry in view.entries:
        value = entry.value if not isinstance(entry.value, dict) else _short(entry.value)
        table.add_row(
            str(entry.id),
            entry.kind,
            entry.field,
            entry.key or "—",
            str(value),
            entry.learned_from,
            str(entry.version),
            entry.retired or "",
        )
    console.print(table)
    history = Table("version", "change", "by", "at")
    for event in view.events:
        history.add_row(
            f"v{event['version']}", str(event["action"]), str(event["actor"]), str(event["at"])[:16]
        )
    console.print(history)


def _short(value: dict[str, object]) -> str:
    keep = ("name", "value", "sku", "unit", "printed", "corrected")
    shown = {k: value[k] for k in keep if k in value}
    if "placements" in value and isinstance(value["placements"], list) and value["placements"]:
        first = value["placements"][0]
        if isinstance(first, dict):
            shown["at"] = f"{first.get('side')} of “{' '.join(map(str, first.get('anchor') or []))}”"
    if "corrections" in value and isinstance(value["corrections"], list):
        shown["corrections"] = len(value["corrections"])
    return ", ".join(f"{k}: {v}" for k, v in shown.items())


@memory_app.command("forget")
@friendly_errors
def memory_forget(
    vendor: Annotated[str, typer.Argument(help="The vendor's ERP id (or name:<name>).")],
    field: Annotated[str | None, typer.Option(help="Only what was learned about this field.")] = None,
    entry: Annotated[int | None, typer.Option(help="Only this entry (its id in `memory show`).")] = None,
    actor: Annotated[str, typer.Option("--as", help="Who forgets it (the audit log names them).")] = "cli",
) -> None:
    """Forget what memory learned about a vendor (all of it, one field, or one entry): its next
    documents are read as if those corrections had taught nothing. Kept for the record (`show --retired`)."""
    from opsloop.memory import forget

    settings = load_settings()
    engine = db.open_database(settings)
    with db.session_scope(engine) as session:
        count, version = forget(session, vendor, actor, field=field, entry_id=entry)
    console.print(f"forgot {count} entr{'y' if count == 1 else 'ies'} of {vendor}: memory is now v{version}")


@memory_app.command("rebuild")
@friendly_errors
def memory_rebuild() -> None:
    """Rebuild the chromadb collection of corrected documents (under the data folder) from the database."""
    from opsloop.memory.index import document_index

    settings = load_settings()
    with Session(db.open_database(settings)) as session:
        count = document_index(settings.data_dir).rebuild(session)
    console.print(
        f"indexed {count} corrected document{'s' if count != 1 else ''} in {settings.data_dir / 'vectors'}"
    )


# ------------------------------------------------------------------------------------------ replay


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise ConfigError(f"--since {value!r} is not a date", hint="Write it as YYYY-MM-DD.") from None


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _money(value: object) -> str:
    return f"{value:,.2f}"


def print_replay(current: object, candidate: object) -> None:
    """The two replays side by side: totals, then each rule of the candidate with its thresholds."""
    from opsloop.review.replay import ReplayReport

    assert isinstance(current, ReplayReport) and isinstance(candidate, ReplayReport)
    since = f" since {candidate.since:%Y-%m-%d}" if candidate.since else ""
    table = Table(
        "",
        f"current ({current.policy_version})",
        f"proposed ({candidate.policy_version})",
        title=f"Replay over {candidate.cases} recorded cases{since}",
    )
    for label, left, right in (
        ("automated", current.automated, candidate.automated),
        ("of which overturned or edited", current.errors, candidate.errors),
        ("would-be error rate", _percent(current.error_rate), _percent(candidate.error_rate)),
        ("not decided yet", current.undecided, candidate.undecided),
        ("amount automated", _money(current.amount), _money(candidate.amount)),
        ("amount in overturned or edited", _money(current.amount_at_risk), _money(candidate.amount_at_risk)),
    ):
        table.add_row(label, str(left), str(right))
    console.print(table)
    for name, report in (("current", current), ("proposed", candidate)):
        rules = Table(
            "rule",
            "up to",
            "automated",
            "overturned",
            "edited",
            "error rate",
            "amount",
            "at stake",
            title=f"{name} policy {report.policy_version}: per rule",
        )
        for rule in report.rules:
            rules.add_row(
                rule.rule_id,
                "any" if rule.max_amount is None else _money(rule.max_amount),
                str(rule.automated),
                str(rule.overturned),
                str(rule.edited),
                _percent(rule.error_rate),
                _money(rule.amount),
                _money(rule.amount_at_risk),
            )
        console.print(rules)
    for rule in candidate.rules:
        sweep = Table(
            "up to",
            "automated",
            "overturned or edited",
            "error rate",
            "amount",
            title=f"{rule.rule_id} by threshold",
        )
        for row in rule.thresholds:
            sweep.add_row(
                _money(row.threshold),
                str(row.automated),
                str(row.errors),
                _percent(row.error_rate),
                _money(row.amount),
            )
        console.print(sweep)
    if candidate.held:
        console.print(
            "kept with people (proposed): " + ", ".join(f"{k} {v}" for k, v in candidate.held.items())
        )


@app.command("replay")
@friendly_errors
def replay_command(
    policy: Annotated[
        Path, typer.Option("--policy", help="A candidate autonomy policy (TOML, like autonomy.toml).")
    ],
    since: Annotated[str | None, typer.Option(help="Only the history from this date (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Run a candidate autonomy policy over the recorded history beside the current one: per rule and
    threshold, how many decisions it would have automated, how many of those people overturned or
    edited, and the amount at stake. Reads only."""
    from opsloop.review.autonomy import load_autonomy_policy
    from opsloop.review.replay import read_policy_file, replay_policy

    candidate_policy = read_policy_file(policy)
    start = _since(since)
    with Session(db.open_database(load_settings())) as session:
        current = replay_policy(session, load_autonomy_policy(session), since=start)
        candidate = replay_policy(session, candidate_policy, since=start)
    if as_json:
        print_json(
            {"current": current.model_dump(mode="json"), "proposed": candidate.model_dump(mode="json")}
        )
        return
    print_replay(current, candidate)


@policy_app.command("save")
@friendly_errors
def policy_save(
    file: Annotated[Path, typer.Argument(help="The new autonomy policy (TOML, like autonomy.toml).")],
    since: Annotated[str | None, typer.Option(help="Replay the history from this date (YYYY-MM-DD).")] = None,
    yes: Annotated[
        bool, typer.Option("--yes", help="Save without asking (the replay is printed anyway).")
    ] = False,
    actor: Annotated[str, typer.Option("--as", help="Who saves it (the audit log names them).")] = "cli",
) -> None:
    """Save a new autonomy policy version: its replay over the history is printed first, beside the
    current policy's, and saving waits for a yes."""
    from sqlmodel import select

    from opsloop.review.autonomy import load_autonomy_policy, save_autonomy_policy
    from opsloop.review.replay import read_policy_file, replay_policy
    from opsloop.store.tables import AutonomyPolicyVersion

    candidate_policy = read_policy_file(file)
    engine = db.open_database(load_settings())
    start = _since(since)
    with Session(engine) as session:
        if session.exec(
            select(AutonomyPolicyVersion).where(AutonomyPolicyVersion.version == candidate_policy.version)
        ).first():
            raise ConfigError(
                f"policy version {candidate_policy.version!r} exists already",
                hint="Give the new policy a new `version` string.",
            )
        current = replay_policy(session, load_autonomy_policy(session), since=start)
        candidate = replay_policy(session, candidate_policy, since=start)
    print_replay(current, candidate)
    if not yes and not typer.confirm(
        f"Save policy {candidate_policy.version} as the active version?", default=False
    ):
        console.print("not saved")
        raise typer.Exit(1)
    with db.session_scope(engine) as session:
        row = save_autonomy_policy(session, candidate_policy, actor=actor)
    console.print(f"saved policy {row.version} (digest {row.digest[:12]}); it applies from the next proposal")


# ------------------------------------------------------------------------------------------ eval


@eval_app.command("learning")
@friendly_errors
def eval_learning_command(
    seed: Annotated[int, typer.Option(help="Which generated vendors and invoices.")] = 18,
    vendors: Annotated[int, typer.Option(help="Vendors (each its own layout, locale and template).")] = 18,
    documents: Annotated[int, typer.Option(help="Invoices per vendor.")] = 5,
    report: Annotated[Path, typer.Option(help="Where to write the JSON.")] = Path(
        "evals/reports/learning.json"
    ),
) -> None:
    """Does a correction teach? Per-vendor invoice streams without and with vendor memory, a simulated
    reviewer correcting the first wrong field; a thin shell over the checkout's evals/learning."""
    evals = import_from_checkout("evals.learning.run")
    if evals is None:
        console.print(
            "[yellow]skipped:[/] the learning eval lives in a source checkout (evals/learning); "
            "run this from inside one (python -m evals.learning does the same)."
        )
        return
    with console.status("replaying invoice streams through opsloop…") as status:
        result, baseline, learning = evals.run_learning_eval(
            seed=seed, vendors=vendors, documents=documents, progress=lambda line: status.update(line)
        )
    table = Table("learning eval", "figure", title=f"{vendors} vendors × {documents} invoices (seed {seed})")
    for label, value in evals.report_rows(result):
        table.add_row(label, value)
    console.print(table)
    meta = {"seed": seed, "vendors": vendors, "documents": documents}
    console.print(f"report: {evals.write_report(result, baseline, learning, report, meta)}")
