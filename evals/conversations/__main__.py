"""python -m evals.conversations: the conversations eval (see run.py); the same as
`opsloop eval conversations`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.conversations.run import (
    DEFAULT_DATA,
    DEFAULT_REPORT,
    print_report,
    run_conversation_eval,
    write_report,
)
from rich.console import Console


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.conversations", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--no-reproduce", action="store_true", help="skip retraining the shipped models")
    args = parser.parse_args(argv)
    console = Console()
    report = run_conversation_eval(
        args.data, reproduce=not args.no_reproduce, progress=lambda line: console.print(f"[dim]{line}[/]")
    )
    if report is None:
        console.print(f"skipped: no evaluation data at {args.data}")
        return 0
    print_report(report, console)
    console.print(f"report: {write_report(report, args.report)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
