"""`opsloop analyse FILE` / `opsloop analyse --lines -` and `opsloop eval conversations`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from opsloop.cli.common import app, console, eval_app, friendly_errors, print_json
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
) -> None:
    """Sentiment, trajectory, urgency and intent of a support conversation, with the evidence."""
    from opsloop.converse import analyse_conversation, load_taxonomy, read_transcript, sniff_transcript
    from opsloop.converse.lines import analyse_line

    if lines:
        stream = sys.stdin if file == "-" else _open_lines(file)
        out = sys.stdout
        for line in stream:
            result = analyse_line(line)
            if result is not None:
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
) -> None:
    """Sentiment (ours vs raw VADER) on airline tweets, urgency on IT tickets; a table and a JSON report."""
    from opsloop.evaluation.conversations import LABELS, PRIORITIES, run_conversation_eval, write_report

    result = run_conversation_eval(data)
    if result is None:
        console.print(f"[yellow]skipped:[/] no evaluation data at {data} (see README, Evaluation).")
        return
    table = Table(title=f"sentiment ({result['analysis_method']} vs raw VADER ±0.05)")
    for column in ("set", "rows", "engine", "acc", "macro-F1", *(f"F1 {label[:3]}" for label in LABELS)):
        table.add_column(column, justify="left" if column in ("set", "engine") else "right", no_wrap=True)
    for name, scores in result["sentiment"].items():
        for engine in ("ours", "vader"):
            s = scores[engine]
            table.add_row(
                name.removesuffix("_dev").removeprefix("eval_"),
                str(scores["rows"]),
                engine,
                f"{s['accuracy']:.3f}",
                f"{s['macro_f1']:.3f}",
                *(f"{s['per_class'][label]['f1']:.3f}" for label in LABELS),
            )
    console.print(table)
    for name, scores in result["sentiment"].items():
        console.print(
            _confusion_table(
                f"{name}: ours (rows gold, columns predicted)", scores["ours"]["confusion"], LABELS
            )
        )
    urgency = result["urgency"]
    if urgency is not None:
        console.print(
            f"urgency on {urgency['rows']} IT tickets ({urgency['mapping']}): agreement {urgency['accuracy']:.3f}, "
            f"macro-F1 {urgency['macro_f1']:.3f}"
        )
        console.print(
            _confusion_table("urgency (rows priority, columns ours)", urgency["confusion"], PRIORITIES)
        )
    for skipped in result["skipped"]:
        console.print(f"[yellow]skipped:[/] {skipped} (absent)")
    console.print(f"report: {write_report(result, report)}")


def _confusion_table(title: str, confusion: dict[str, dict[str, int]], labels: tuple[str, ...]) -> Table:
    table = Table(title=title)
    table.add_column("gold")
    for label in labels:
        table.add_column(label, justify="right")
    for gold in labels:
        table.add_row(gold, *(str(confusion.get(gold, {}).get(label, 0)) for label in labels))
    return table
