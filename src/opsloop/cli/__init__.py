"""The `opsloop` command: a thin shell over the library. Each module registers its commands."""

from opsloop.cli import (
    converse,  # noqa: F401
    documents,  # noqa: F401
    erp,  # noqa: F401
    extract,  # noqa: F401
    learning,  # noqa: F401
    llm,  # noqa: F401
    reconcile,  # noqa: F401
    review,  # noqa: F401
    worker,  # noqa: F401
)
from opsloop.cli.common import app

__all__ = ["app"]
