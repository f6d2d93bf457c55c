"""What every CLI command shares: the Typer apps, consoles, settings, JSON output, error handling."""

from __future__ import annotations

import functools
import importlib
import json
import sys
from collections.abc import Callable
from importlib.metadata import version as package_version
from pathlib import Path
from types import ModuleType
from typing import Any, ParamSpec, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape

from opsloop.errors import OpsloopError
from opsloop.settings import Settings
from opsloop.settings import load_settings as read_settings

app = typer.Typer(
    name="opsloop",
    help="Invoices and support conversations in, reviewed ERP actions out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"opsloop {package_version('opsloop')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Invoices and support conversations in, reviewed ERP actions out."""


eval_app = typer.Typer(help="Score opsloop on labelled data and print the figures.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


def load_settings() -> Settings:
    return read_settings()


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
            err_console.print(f"[bold red]error:[/] {escape(error.message)}", soft_wrap=True)
            if error.hint:
                err_console.print(f"[dim]→ {escape(error.hint)}[/]", soft_wrap=True)
            raise typer.Exit(2) from error

    return wrapper


def checkout_root(package: str) -> Path | None:
    """The source checkout that holds the eval package `package` (e.g. `evals.decisions`): the working
    folder or one above it. The evals are not part of the installed product (they share no code with
    what they score), so they run from a checkout."""
    marker = Path(*package.split(".")[:2]) / "__init__.py"
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / marker).is_file() and (folder / "pyproject.toml").is_file():
            return folder
    return None


def import_from_checkout(module: str, root: Path | None = None) -> ModuleType | None:
    """`module` (e.g. `evals.invoices`) imported from the checkout (`checkout_root`), or None outside one."""
    root = root or checkout_root(module)
    if root is None:
        return None
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module(module)
