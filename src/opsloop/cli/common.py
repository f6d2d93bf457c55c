"""What every CLI command shares: the Typer apps, consoles, settings, JSON output, error handling."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console

from opsloop.errors import OpsloopError
from opsloop.settings import Settings

app = typer.Typer(
    name="opsloop",
    help="Invoices and support conversations in, reviewed ERP actions out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="Score opsloop on labelled data and print the figures.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


def load_settings() -> Settings:
    return Settings()


def print_json(value: BaseModel | dict[str, Any] | list[Any]) -> None:
    """Write JSON to stdout, bypassing rich's markup (for scripts)."""
    if isinstance(value, BaseModel):
        text = value.model_dump_json(indent=2)
    else:
        text = json.dumps(value, indent=2, default=str, ensure_ascii=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def friendly_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn OpsloopError into a short message with what to do next, and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except OpsloopError as error:
            err_console.print(f"[bold red]error:[/] {error.message}")
            if error.hint:
                err_console.print(f"[dim]→ {error.hint}[/]")
            raise typer.Exit(2) from error

    return wrapper
