"""Prompts are files: `prompts/<name>.toml` with a version, a system part and a user template.

The user template has one `$document` slot (string.Template syntax, so JSON braces need no escaping);
document text is fenced there and labelled as untrusted data. A prompt's hash covers its name,
version, both texts and the output schema it is sent with, so any change to what the model is told
changes the hash stored with every call (and so the cache key).
"""

from __future__ import annotations

import hashlib
import json
import site
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from opsloop.errors import ConfigError

FENCE_OPEN = "<<<UNTRUSTED_DOCUMENT"
FENCE_CLOSE = "UNTRUSTED_DOCUMENT>>>"


def default_prompts_dir() -> Path:
    """The repository's prompts/ folder when running from a checkout (src/opsloop/llm/prompts.py ->
    ../../../prompts), else the copy an installed wheel puts under <prefix>/share/opsloop/prompts."""
    checkout = Path(__file__).resolve().parents[3] / "prompts"
    if checkout.is_dir():
        return checkout
    for prefix in dict.fromkeys((sys.prefix, sys.base_prefix, site.getuserbase())):
        installed = Path(prefix) / "share" / "opsloop" / "prompts"
        if installed.is_dir():
            return installed
    return checkout


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str
    """The user-message template with a `$document` slot."""

    def render_system(self, variables: dict[str, str] | None = None) -> str:
        """The system message with its `$name` slots filled (e.g. `$intents`)."""
        return Template(self.system).safe_substitute(variables or {})

    def template_hash(
        self, schema: dict[str, Any] | None = None, method: str = "", variables: dict[str, str] | None = None
    ) -> str:
        """sha256 over name, version, the rendered system text, user template, output schema and method."""
        body = json.dumps(
            {
                "name": self.name,
                "version": self.version,
                "system": self.render_system(variables),
                "user": self.user,
                "schema": schema,
                "method": method,
            },
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def render_user(self, document: str, data: dict[str, str] | None = None) -> str:
        """The user message: the template with ``document`` fenced as untrusted data; the other slots
        (`$examples`) from ``data``, which the caller has fenced already."""
        return Template(self.user).substitute({**(data or {}), "document": fence(document)})


def fence(text: str) -> str:
    """Wrap document text in the untrusted-data fence; fence markers inside the text are defused."""
    cleaned = text.replace(FENCE_OPEN, "<<< UNTRUSTED_DOCUMENT").replace(
        FENCE_CLOSE, "UNTRUSTED_DOCUMENT >>>"
    )
    return f"{FENCE_OPEN}\n{cleaned}\n{FENCE_CLOSE}"


def load_prompt(name: str, prompts_dir: Path | None = None) -> Prompt:
    """Read `<prompts_dir>/<name>.toml`; a missing file or field is a ConfigError saying which."""
    folder = prompts_dir or default_prompts_dir()
    path = folder / f"{name}.toml"
    if not path.is_file():
        raise ConfigError(
            f"prompt file {path} not found",
            hint="Set OPSLOOP_LLM__PROMPTS_DIR to the folder holding the prompts/*.toml files.",
        )
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"prompt file {path} is not valid TOML: {error}") from error
    missing = [key for key in ("version", "system", "user") if not isinstance(raw.get(key), str)]
    if missing:
        raise ConfigError(
            f"prompt file {path} lacks {', '.join(missing)}",
            hint="Each prompt needs version, system and user (with a $document slot) as strings.",
        )
    if "$document" not in raw["user"]:
        raise ConfigError(f"prompt file {path}: the user template has no $document slot")
    return Prompt(name=name, version=raw["version"], system=raw["system"].strip(), user=raw["user"].strip())
