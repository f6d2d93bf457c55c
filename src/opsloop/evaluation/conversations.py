"""The conversations eval: offline sentiment vs raw VADER on airline-support tweets, urgency on IT tickets.

Data (under ``data``, default ``../shared/data/chats``; skipped cleanly when absent):
- ``airline_tweets/eval_sample_dev.jsonl`` (balanced) and ``all_dev.jsonl`` (14k, mostly negative):
  ``text`` + ``sentiment`` (negative/neutral/positive). Scored: accuracy, macro-F1, per-class F1 and
  the confusion matrix, for ours and for raw VADER (compound >= 0.05 positive, <= -0.05 negative).
- ``synthetic_it_tickets/english.jsonl``: ``subject`` + ``body`` + ``priority`` (high/medium/low).
  Our urgency is mapped critical -> high; scored: agreement (accuracy) and the confusion matrix.
Every text goes through the same code as `opsloop analyse --lines` (`analyse_line`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from opsloop.converse.analysis import analysis_method
from opsloop.converse.lines import analyse_line
from opsloop.converse.sentiment import score_vader

DEFAULT_DATA = Path("../shared/data/chats")
DEFAULT_REPORT = Path("evals/reports/conversations.json")
LABELS = ("negative", "neutral", "positive")
PRIORITIES = ("high", "medium", "low")
SENTIMENT_SETS = ("eval_sample_dev", "all_dev")


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def vader_label(compound: float) -> str:
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


def classification_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix (gold -> predicted -> n)."""
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


def eval_sentiment(path: Path) -> dict[str, Any]:
    gold: list[str] = []
    ours: list[str] = []
    vader: list[str] = []
    for row in _rows(path):
        result = analyse_line(json.dumps({"id": row.get("tweet_id"), "text": row["text"]}))
        assert result is not None
        gold.append(str(row["sentiment"]))
        ours.append(str(result["label"]))
        vader.append(vader_label(score_vader(row["text"])))
    return {
        "file": str(path),
        "rows": len(gold),
        "ours": classification_scores(gold, ours, LABELS),
        "vader": classification_scores(gold, vader, LABELS),
    }


def eval_urgency(path: Path) -> dict[str, Any]:
    gold: list[str] = []
    ours: list[str] = []
    for row in _rows(path):
        text = "\n".join(part for part in (row.get("subject"), row.get("body")) if part)
        result = analyse_line(json.dumps({"id": row.get("row"), "text": text}))
        assert result is not None
        urgency = str(result["urgency"])
        gold.append(str(row["priority"]))
        ours.append("high" if urgency == "critical" else urgency)
    scores = classification_scores(gold, ours, PRIORITIES)
    return {"file": str(path), "rows": len(gold), "mapping": "critical->high", **scores}


def run_conversation_eval(data: Path = DEFAULT_DATA) -> dict[str, Any] | None:
    """The whole eval, or None when there is no data at `data`."""
    tweets = data / "airline_tweets"
    tickets = data / "synthetic_it_tickets" / "english.jsonl"
    present = [tweets / f"{name}.jsonl" for name in SENTIMENT_SETS if (tweets / f"{name}.jsonl").is_file()]
    if not present and not tickets.is_file():
        return None
    report: dict[str, Any] = {
        "data": str(data),
        "analysis_method": analysis_method(),
        "sentiment": {},
        "urgency": None,
        "skipped": [],
    }
    for name in SENTIMENT_SETS:
        path = tweets / f"{name}.jsonl"
        if path.is_file():
            report["sentiment"][name] = eval_sentiment(path)
        else:
            report["skipped"].append(str(path))
    if tickets.is_file():
        report["urgency"] = eval_urgency(tickets)
    else:
        report["skipped"].append(str(tickets))
    return report


def write_report(report: dict[str, Any], path: Path = DEFAULT_REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
