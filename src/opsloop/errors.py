"""The one exception root. Every error that reaches a user says what to do next."""

from __future__ import annotations


class OpsloopError(Exception):
    """Base of every error opsloop raises on purpose.

    ``hint`` tells the user what to do next; the CLI prints it under the message.
    """

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class ConfigError(OpsloopError):
    hint = "Check your OPSLOOP_* environment variables or .env file (see README, Configuration)."


class StorageError(OpsloopError):
    hint = "Run `opsloop db upgrade` to bring the database schema up to date."


class NotFoundError(OpsloopError):
    hint = "List what exists with `opsloop docs`."


class RejectedInput(OpsloopError):
    """A file that cannot be accepted; it is quarantined with ``code`` and the message as reason."""

    hint = (
        "Nothing was moved or changed. Check that the file is complete and in a format opsloop reads (README: "
        "What it does with a file); the watched inbox puts such files in quarantine/ with the reason beside them."
    )

    def __init__(self, code: str, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.line = line


class StageError(OpsloopError):
    """A pipeline stage failed; the document is left `failed` with this reason and can be retried."""

    hint = "Fix the cause, then run `opsloop retry ID`."


class EngineUnavailable(OpsloopError):
    """An extraction or analysis engine was asked for but cannot run (e.g. no LLM endpoint configured)."""

    hint = "Set OPSLOOP_LLM__BASE_URL (and OPSLOOP_LLM__MODEL) or use --engine rules."
