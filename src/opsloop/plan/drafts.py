"""Small helpers shared by the planners: one draft per key, JSON-safe numbers for `working`."""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from opsloop.domain.proposals import ProposalDraft


def dedupe_drafts(drafts: Iterable[ProposalDraft]) -> list[ProposalDraft]:
    """At most one draft per `subject_key`: a later draft replaces an earlier one in its place
    (the same rule the review queue applies to pending proposals)."""
    by_key: dict[str, ProposalDraft] = {}
    for draft in drafts:
        by_key[draft.subject_key] = draft
    return list(by_key.values())


def num(value: float | None, digits: int = 3) -> float | str | None:
    """A float for `working` (stored as JSON): rounded; infinities and NaN as text."""
    if value is None:
        return None
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return round(value, digits)


def qty(value: Decimal | None) -> str | None:
    """A Decimal for `working`/`payload` as exact text without exponent or trailing zeros."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def to_decimal(value: float, places: int = 6) -> Decimal:
    """A float statistic as a Decimal with at most `places` decimals (for quantities)."""
    return Decimal(str(round(value, places)))


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(max(value, low), high)
