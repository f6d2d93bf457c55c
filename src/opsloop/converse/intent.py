"""Intent from a configurable taxonomy file (TOML: intents with phrases per language)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from opsloop.errors import ConfigError


@dataclass(frozen=True)
class IntentDefinition:
    label: str
    queue: str | None
    phrases: tuple[tuple[str, re.Pattern[str]], ...]
    """(language, compiled phrase) pairs."""
    weight: float = 1.0
    """Multiplies the intent's score: what the customer asks for (a refund) outweighs the topic (a flight)."""


@dataclass(frozen=True)
class Taxonomy:
    version: str
    intents: tuple[IntentDefinition, ...]

    def queue_for(self, label: str | None) -> str | None:
        for intent in self.intents:
            if intent.label == label:
                return intent.queue
        return None


@dataclass(frozen=True)
class IntentMatch:
    label: str
    score: float
    phrases: list[str]
    message_ids: list[str]


def parse_taxonomy(raw: dict[str, Any], *, source: str = "taxonomy") -> Taxonomy:
    intents: list[IntentDefinition] = []
    for position, item in enumerate(raw.get("intent", []), start=1):
        label = item.get("label")
        phrases = item.get("phrases")
        if not isinstance(label, str) or not isinstance(phrases, dict):
            raise ConfigError(
                f"{source}: intent #{position} needs a `label` and a `phrases` table (language -> list)",
                hint="See src/opsloop/converse/taxonomy.toml for the shape.",
            )
        compiled: list[tuple[str, re.Pattern[str]]] = []
        for language, patterns in phrases.items():
            for pattern in patterns:
                try:
                    compiled.append(
                        (str(language), re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE))
                    )
                except re.error as error:
                    raise ConfigError(
                        f"{source}: intent {label!r}: phrase {pattern!r} is not a valid pattern ({error})",
                        hint="Phrases are Python regular expressions; escape special characters.",
                    ) from error
        queue = item.get("queue")
        intents.append(
            IntentDefinition(
                label=label,
                queue=str(queue) if queue else None,
                phrases=tuple(compiled),
                weight=float(item.get("weight", 1.0)),
            )
        )
    return Taxonomy(version=str(raw.get("version", "custom")), intents=tuple(intents))


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy at `path`, or the default shipped with the package."""
    if path is None:
        return _default_taxonomy()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(
            f"cannot read the taxonomy file {path}: {error}", hint="Pass a readable TOML taxonomy file."
        ) from error
    return parse_taxonomy(raw, source=str(path))


@cache
def _default_taxonomy() -> Taxonomy:
    text = resources.files("opsloop.converse").joinpath("taxonomy.toml").read_text(encoding="utf-8")
    return parse_taxonomy(tomllib.loads(text), source="taxonomy.toml")


def classify_intent(texts: list[tuple[str, str, float]], taxonomy: Taxonomy) -> IntentMatch | None:
    """`texts` are (message id, text, weight). The best-scoring intent, or None when no phrase matched.
    Longer phrases are tried first within an intent when they are listed first."""
    best: IntentMatch | None = None
    for intent in taxonomy.intents:
        score = 0.0
        phrases: list[str] = []
        ids: list[str] = []
        for message_id, text, weight in texts:
            covered: set[int] = set()
            for _, pattern in intent.phrases:
                for match in pattern.finditer(text):
                    span = set(range(match.start(), match.end()))
                    if span & covered:
                        continue  # one stretch of text counts once per intent
                    covered |= span
                    found = match.group(0)
                    score += intent.weight * weight * max(1, len(found.split()))
                    if found.lower() not in (p.lower() for p in phrases):
                        phrases.append(found)
                    if message_id not in ids:
                        ids.append(message_id)
        if score > 0 and (best is None or score > best.score):
            best = IntentMatch(label=intent.label, score=score, phrases=phrases, message_ids=ids)
    return best
