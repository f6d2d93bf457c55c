"""Scores with their uncertainty: Wilson intervals for field accuracy, a bootstrap interval for the
mean line F1, and calibration (reliability bins, expected calibration error) from the confidence the
engine reports per field."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

Z95 = 1.959963984540054
BINS = 10


def wilson(hits: float, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion (hits may be fractional: a group's mean)."""
    if n <= 0:
        return None
    p = hits / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def bootstrap_mean(values: list[float], rounds: int = 2000, seed: int = 15) -> tuple[float, float] | None:
    """A 95 % percentile bootstrap interval of the mean (deterministic seed)."""
    if not values:
        return None
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choice(values) for _ in range(n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], means[min(rounds - 1, int(0.975 * rounds))]


@dataclass
class FieldScore:
    hits: float = 0.0
    total: int = 0
    outcomes: list[tuple[bool, float]] = field(default_factory=list)
    """(right, reported confidence) per scored document, for calibration."""

    @property
    def accuracy(self) -> float | None:
        return self.hits / self.total if self.total else None

    def interval(self) -> tuple[float, float] | None:
        return wilson(self.hits, self.total)

    def as_dict(self) -> dict[str, Any]:
        ci = self.interval()
        return {
            "accuracy": self.accuracy,
            "n": self.total,
            "ci95": [round(ci[0], 4), round(ci[1], 4)] if ci else None,
        }


def reliability(outcomes: list[tuple[bool, float]], bins: int = BINS) -> list[dict[str, Any]]:
    """Per confidence bin: how many, their mean confidence and their accuracy."""
    rows: list[dict[str, Any]] = []
    for index in range(bins):
        low, high = index / bins, (index + 1) / bins
        members = [(ok, c) for ok, c in outcomes if low <= c < high or (index == bins - 1 and c == 1.0)]
        if not members:
            continue
        rows.append(
            {
                "bin": f"{low:.1f}-{high:.1f}",
                "n": len(members),
                "confidence": sum(c for _, c in members) / len(members),
                "accuracy": sum(1 for ok, _ in members if ok) / len(members),
            }
        )
    return rows


def expected_calibration_error(outcomes: list[tuple[bool, float]], bins: int = BINS) -> float | None:
    if not outcomes:
        return None
    total = len(outcomes)
    gaps = [
        row["n"] / total * abs(row["accuracy"] - row["confidence"]) for row in reliability(outcomes, bins)
    ]
    return float(sum(gaps))
