"""Secrets opsloop makes for itself and keeps outside the database: the audit-chain key, the web
session key. Each lives in a file of its own under `<data_dir>/secrets/` (folder 0700, file 0600),
made on first use from the operating system's random source; a setting may supply it instead."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from pathlib import Path

from opsloop.errors import ConfigError

log = logging.getLogger(__name__)

MIN_SECRET_CHARS = 32


def load_or_create_secret(path: Path, *, nbytes: int = 32) -> str:
    """The secret stored in `path`, made (hex, `nbytes` random bytes) when there is none. Created
    atomically (two processes starting at once end up with the same one) and readable by its owner
    only; a file others may read is narrowed to 0600 with a warning."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(nbytes) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)  # fails if another process made it first: theirs is kept
        except FileExistsError:
            pass
        finally:
            draft.unlink(missing_ok=True)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        log.warning("%s was readable by others (mode %o); narrowed to 0600", path, mode)
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    value = path.read_text(encoding="ascii", errors="replace").strip()
    if len(value) < MIN_SECRET_CHARS:
        raise ConfigError(
            f"the secret in {path} is shorter than {MIN_SECRET_CHARS} characters",
            hint=f"Remove {path} to have a new one made, or put a longer random value in it.",
        )
    return value
