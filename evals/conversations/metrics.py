"""Scores for labelled classification: accuracy, macro-F1, per-class precision / recall / F1, the
confusion matrix. The eval's own arithmetic (it imports nothing from opsloop)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def classification_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix (gold -> predicted -> n).
    Per class, `recall` is the agreement on that class: the share of its items given the same label."""
    confusion = {g: dict.fromkeys(labels, 0) for g in labels}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, dict.fromkeys(labels, 0))
        confusion[g][p] = confusion[g].get(p, 0) + 1
    per_class: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = confusion.get(label, {}).get(label, 0)
        fp = sum(confusion[g].get(label, 0) for g in confusion if g != label)
        fn = sum(n for p, n in confusion.get(label, {}).items() if p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "accuracy": round(correct / len(gold), 4) if gold else None,
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4),
        "per_class": per_class,
        "confusion": confusion,
    }


def vader_label(compound: float) -> str:
    """Raw VADER's own convention: compound >= 0.05 positive, <= -0.05 negative."""
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"
