"""`opsloop analyse FILE` / `opsloop analyse --lines -` and `opsloop eval conversations`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from opsloop.cli.common import app, console, eval_app, friendly_errors, import_from_checkout, print_json
from opsloop.errors import NotFoundError, RejectedInput


def _read_input(file: str) -> tuple[bytes, str]:
    if file == "-":
        return sys.stdin.buffer.read(), "stdin"
    path = Path(file)
    if not path.is_file():
        raise NotFoundError(
            f"no such file: {path}", hint="Give the path of a transcript file, or - for stdin."
        )
    return path.read_bytes(), path.name


@app.command("analyse")
@friendly_errors
def analyse_command(
    file: str = typer.Argument(..., help="A transcript file, or - for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print the analysis as JSON."),
    lines: bool = typer.Option(
        False,
        "--lines",
        help="Read JSON Lines of {id, text} (one message each); write one JSON result per line.",
    ),
    taxonomy: Path | None = typer.Option(
        None, "--taxonomy", help="An intent taxonomy TOML file (default: built in)."
    ),
    batch: int = typer.Option(
        256,
        "--batch",
        min=1,
        help="With --lines: lines analysed together (written when the block is done; 1: each line at once).",
    ),
) -> None:
    """Sentiment, trajectory, urgency and intent of a support conversation, with the evidence."""
    from opsloop.converse import analyse_conversation, load_taxonomy, read_transcript, sniff_transcript
    from opsloop.converse.lines import analyse_blocks

    if lines:
        stream = sys.stdin if file == "-" else _open_lines(file)
        out = sys.stdout
        for block in analyse_blocks(stream, batch=batch):
            for result in block:
                out.write(json.dumps(_line_contract(result), ensure_ascii=False) + "\n")
            out.flush()
        return
    data, name = _read_input(file)
    kind = sniff_transcript(data, name)
    if kind is None:
        raise RejectedInput(
            "unknown_format",
            f"{name} is not a transcript opsloop can read (generic JSON, Zendesk, Intercom, CSV, text, e-mail)",
        )
    transcript = read_transcript(data, kind)
    analysis = analyse_conversation(transcript, taxonomy=load_taxonomy(taxonomy) if taxonomy else None)
    if as_json:
        print_json(analysis)
        return
    console.print(
        f"[bold]{name}[/] ({kind.value}, {len(transcript.messages)} messages)  "
        f"sentiment [bold]{analysis.sentiment.label.value}[/] {analysis.sentiment.score:+.2f}  "
        f"trajectory [bold]{analysis.trajectory.value}[/]  urgency [bold]{analysis.urgency.value}[/]  "
        f"intent [bold]{analysis.intent or '-'}[/]"
    )
    table = Table(title="messages")
    for column in ("id", "role", "sentiment", "score", "urgency", "signals"):
        table.add_column(column)
    for message in analysis.messages:
        table.add_row(
            message.id or "",
            message.role.value if message.role else "",
            message.label.value,
            f"{message.score:+.2f}",
            message.urgency.value,
            ", ".join(f"{s.kind}: {s.phrase}" for s in message.signals[:6]),
        )
    console.print(table)
    for evidence in analysis.evidence:
        console.print(
            f"  {evidence.label}: {', '.join(evidence.phrases[:8]) or '-'} [dim]{evidence.message_ids}[/]"
        )


def _line_contract(result: dict[str, Any]) -> dict[str, Any]:
    """A `--lines` result in the documented shape `{"id", "sentiment": {"label", "score"}, "urgency", …}`.
    The top-level `label` and `score` stay for one release (deprecated) for readers of the old shape."""
    if "error" in result:
        return result
    shaped: dict[str, Any] = {"id": result.get("id")}
    if "label" in result or "score" in result:
        shaped["sentiment"] = {"label": result.get("label"), "score": result.get("score")}
    shaped.update((key, value) for key, value in result.items() if key != "id")
    return shaped


def _open_lines(file: str) -> Any:
    path = Path(file)
    if not path.is_file():
        raise NotFoundError(f"no such file: {path}", hint="Give a JSON Lines file, or - for stdin.")
    return path.open(encoding="utf-8")


@eval_app.command("conversations")
@friendly_errors
def eval_conversations_command(
    data: Path = typer.Option(Path("../shared/data/chats"), "--data", help="The chats evaluation folder."),
    report: Path = typer.Option(
        Path("evals/reports/conversations.json"), "--report", help="Where to write the JSON report."
    ),
    reproduce: bool = typer.Option(
        True, "--reproduce/--no-reproduce", help="Also retrain the shipped models and compare digests."
    ),
    speed_messages: int = typer.Option(10_000, "--speed-messages", help="How many messages to time."),
) -> None:
    """Sentiment (combined engine by 5-fold CV, the lexicon alone, raw VADER) on airline tweets, urgency
    on IT tickets, speed; a thin shell over the checkout's evals/conversations."""
    evals = import_from_checkout("evals.conversations")
    if evals is None:
        console.print(
            "[yellow]skipped:[/] the conversations eval lives in a source checkout (evals/conversations); "
            "run this from inside one (python -m evals.conversations does the same)."
        )
        return
    result = evals.run_conversation_eval(
        data,
        reproduce=reproduce,
        speed_messages=speed_messages,
        progress=lambda line: console.print(f"[dim]{line}[/]"),
    )
    if result is None:
        console.print(f"[yellow]skipped:[/] no evaluation data at {data} (see README, Evaluation).")
        return
    evals.print_report(result, console)
    console.print(f"report: {evals.write_report(result, report)}")
