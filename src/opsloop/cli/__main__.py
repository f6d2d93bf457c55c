"""`python -m opsloop.cli`."""

from opsloop.cli import app

app()
