"""Urgency from evidence: rule phrases (`urgency.toml`), shouting, money at stake, sentiment, timing.

Each kind of evidence counts once per message, at its strongest; points add up to a level. A
conversation adds what only a conversation shows: how long the customer waited for an agent and
customer messages piling up unanswered.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from opsloop.converse.patterns import Caseless, PhraseIndex, fold
from opsloop.domain.conversations import Signal, Urgency

_AMOUNT = Caseless(
    r"(?:[$€£¥]\s?(\d[\d.,]*))|(?:(\d[\d.,]*)\s?(?:€|eur|euros?|usd|dollars?|gbp|pounds|chf)\b)"
)
_CAPS_WORD = re.compile(r"[A-ZÄÖÜ](?<!\w[A-ZÄÖÜ])[A-ZÄÖÜ]+\b")
r"""A word of two capitals or more: `\b[A-ZÄÖÜ]{2,}\b`, written to start with its first capital (so
`re` looks for one before trying the rest; the look-behind is the word boundary in front of it)."""
_DIGIT = re.compile(r"\d")
"""Every amount holds a digit: a text without one holds none (most messages)."""
_WORD = re.compile(r"\b\w+\b")
_EXCLAIM = re.compile(r"!{2,}")


@dataclass(frozen=True)
class _Rule:
    kind: str
    points: float
    pattern: Caseless


@dataclass(frozen=True)
class UrgencyRules:
    rules: tuple[_Rule, ...]
    points: dict[str, float]
    medium: float
    high: float
    critical: float
    index: PhraseIndex | None = None
    """Which rules a message may match (most match none, and then none is searched)."""

    def level(self, points: float) -> Urgency:
        if points >= self.critical:
            return Urgency.CRITICAL
        if points >= self.high:
            return Urgency.HIGH
        if points >= self.medium:
            return Urgency.MEDIUM
        return Urgency.LOW


def _parse_rules(raw: dict[str, Any]) -> UrgencyRules:
    rules = tuple(
        _Rule(
            kind=str(item["kind"]),
            points=float(item["points"]),
            pattern=Caseless.of([str(p) for p in item["phrases"]], before=r"(?<!\w)", after=r"(?!\w)"),
        )
        for item in raw.get("rule", [])
    )
    levels = raw.get("levels", {})
    return UrgencyRules(
        rules=rules,
        points={str(k): float(v) for k, v in raw.get("points", {}).items()},
        medium=float(levels.get("medium", 1.0)),
        high=float(levels.get("high", 2.5)),
        critical=float(levels.get("critical", 4.5)),
        index=PhraseIndex([[str(p) for p in item["phrases"]] for item in raw.get("rule", [])]),
    )


@cache
def load_urgency_rules() -> UrgencyRules:
    """The rules shipped with the package (`opsloop/converse/urgency.toml`)."""
    text = resources.files("opsloop.converse").joinpath("urgency.toml").read_text(encoding="utf-8")
    return _parse_rules(tomllib.loads(text))


def _amount(raw: str) -> Decimal | None:
    """'1,200' and '1.200' are twelve hundred; '12,50' and '12.50' are twelve and a half."""
    match = re.fullmatch(r"(\d[\d.,]*?)(?:[.,](\d{1,2}))?", raw.rstrip(".,"))
    if match is None:
        return None
    try:
        return Decimal(re.sub(r"[.,]", "", match.group(1)) + "." + (match.group(2) or "0"))
    except InvalidOperation:
        return None


def score_urgency(
    text: str, *, sentiment_score: float = 0.0, rules: UrgencyRules | None = None
) -> tuple[float, list[Signal]]:
    """Urgency points of one message and the signals behind them."""
    points, found = read_urgency(text, sentiment_score=sentiment_score, rules=rules)
    return points, [Signal(kind=kind, phrase=phrase, weight=weight) for kind, phrase, weight in found]


def read_urgency(
    text: str, *, sentiment_score: float = 0.0, rules: UrgencyRules | None = None
) -> tuple[float, list[tuple[str, str, float]]]:
    """`score_urgency` as plain values: the points and each signal's (kind, phrase, weight)."""
    rules = rules or load_urgency_rules()
    signals: list[tuple[str, str, float]] = []
    folded = fold(text)
    for number in rules.index.candidates(folded) if rules.index is not None else range(len(rules.rules)):
        rule = rules.rules[number]
        found = rule.pattern.search(text, folded)
        if found is not None:
            signals.append((rule.kind, text[found.start() : found.end()], rule.points))
    caps = _CAPS_WORD.findall(text)
    if len(caps) >= 3 and len(caps) * 3 >= len(_WORD.findall(text)):
        signals.append(("shouting", " ".join(caps[:5]), rules.points.get("shouting", 0.0)))
    exclaim = _EXCLAIM.search(text) if "!!" in text else None
    if exclaim is not None or text.count("!") >= 3:
        signals.append(
            ("exclamations", exclaim.group(0) if exclaim else "!!!", rules.points.get("exclamations", 0.0))
        )
    amounts = [
        (text[m.start() : m.end()], _amount(m.group(1) or m.group(2) or ""))
        for m in (_AMOUNT.finditer(text, folded) if _DIGIT.search(text) else ())
    ]
    amounts = [(s, a) for s, a in amounts if a is not None and a > 0]
    if amounts:
        phrase, biggest = max(amounts, key=lambda item: item[1] or 0)
        key = "big_money" if biggest is not None and biggest >= 1000 else "money"
        signals.append(("money", phrase.strip(), rules.points.get(key, 0.0)))
    if sentiment_score <= -0.6:
        signals.append(
            ("sentiment", f"sentiment {sentiment_score:+.2f}", rules.points.get("strong_negative", 0.0))
        )
    elif sentiment_score <= -0.2:
        signals.append(("sentiment", f"sentiment {sentiment_score:+.2f}", rules.points.get("negative", 0.0)))
    return _sum_weights(signals), signals


def sum_points(signals: list[Signal]) -> float:
    """Each kind counts once, at its strongest (money from phrases and amounts is one kind)."""
    return _sum_weights([(signal.kind, signal.phrase, signal.weight) for signal in signals])


def _sum_weights(signals: list[tuple[str, str, float]]) -> float:
    best: dict[str, float] = {}
    for kind, _, weight in signals:
        if weight >= 0:
            best[kind] = max(best.get(kind, 0.0), weight)
        else:
            best[kind] = min(best.get(kind, 0.0), weight)
    return round(max(0.0, sum(best.values())), 3)


def urgency_level(points: float, *, rules: UrgencyRules | None = None) -> Urgency:
    return (rules or load_urgency_rules()).level(points)
