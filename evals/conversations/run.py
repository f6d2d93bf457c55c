"""The conversations eval: sentiment on airline-support tweets, urgency on IT tickets, speed.

    opsloop eval conversations [--data ../shared/data/chats]      (or: python -m evals.conversations)

Sentiment (`airline_tweets/all_dev.jsonl`, 14,339 tweets, and the balanced `eval_sample_dev.jsonl`,
whose rows are also in all_dev): the combined engine (lexicon + learned model) is scored by 5-fold
cross-validation: for each fold the model is retrained on the other four (its penalty chosen by an
inner cross-validation on those four only) and every tweet is analysed by the model that did not
train on it. Folds are by masked text, so a tweet written twice is never on both sides; each
balanced-sample tweet is scored by the model of the fold that holds its text. Beside it, in the same
run: the lexicon alone (the engine's score before the model) and raw VADER (compound +-0.05).

Urgency (`synthetic_it_tickets/all_complete_rows.jsonl`, 1,167 tickets, 486 English): the rules alone
and the rules with the learned model, 5-fold cross-validated the same way; critical is read as high.
Agreement per class is the recall of that class.

Reproducibility: the shipped models are retrained from all rows and their digests compared with the
files in the package. Speed (`speed.py`): 10,000 tweets through `analyse_messages` with the shipped
models, in a fresh interpreter (warm-up apart; one by one and the lexicon alone beside it).

The scores are this module's own arithmetic (`metrics.py`); opsloop is only called to analyse text
and (train.py) to featurise it for training.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from evals.conversations.metrics import classification_scores, vader_label
from evals.conversations.train import (
    FOLDS,
    Corpus,
    airline_names,
    fit,
    fold_of,
    model_digest,
    read_jsonl,
    sentiment_corpus,
    text_key,
    ticket_text,
    urgency_corpus,
)

from opsloop.converse.analysis import Models, analyse_messages, analysis_method
from opsloop.converse.learned import LinearModel, shipped_model
from opsloop.converse.names import mask_names, name_mask
from opsloop.converse.sentiment import label_score, score_vader
from opsloop.converse.urgency import load_urgency_rules

DEFAULT_DATA = Path("../shared/data/chats")
DEFAULT_REPORT = Path("evals/reports/conversations.json")
LABELS = ("negative", "neutral", "positive")
PRIORITIES = ("high", "medium", "low")
SPEED_MESSAGES = 10_000
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def fold_models(corpus: Corpus, progress: Progress) -> tuple[list[LinearModel], list[dict[str, Any]]]:
    """One model per fold, each trained on the other folds only."""
    models: list[LinearModel] = []
    facts: list[dict[str, Any]] = []
    for k in range(FOLDS):
        started = time.perf_counter()
        train = np.flatnonzero(corpus.folds != k)
        model = fit(corpus, train)
        models.append(model)
        facts.append(
            {
                "fold": k,
                "train_rows": len(train),
                "test_rows": int(np.sum(corpus.folds == k)),
                "regularisation": model.meta["regularisation"],
                "inner_cv_macro_f1": model.meta["inner_cv_macro_f1"],
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
        progress(f"{corpus.task} fold {k + 1}/{FOLDS}: {facts[-1]}")
    return models, facts


def eval_sentiment(data: Path, progress: Progress = _quiet) -> dict[str, Any]:
    tweets = data / "airline_tweets"
    corpus = sentiment_corpus(data)
    models, facts = fold_models(corpus, progress)
    training_keys = [
        {key for key, fold in zip(corpus.keys, corpus.folds, strict=True) if fold != k} for k in range(FOLDS)
    ]
    results: dict[str, Any] = {"folds": facts, "sets": {}}
    # the same names as in training: the companies of the whole set (a deployment's mirror)
    names = airline_names(list(read_jsonl(tweets / "all_dev.jsonl")))
    mask = name_mask(names)
    for name in ("eval_sample_dev", "all_dev"):
        path = tweets / f"{name}.jsonl"
        if not path.is_file():
            continue
        rows = list(read_jsonl(path))
        gold: list[str] = []
        combined: list[str] = []
        lexicon: list[str] = []
        vader: list[str] = []
        texts = [str(row["text"]) for row in rows]
        keys = [text_key(mask_names(text, mask=mask)) for text in texts]
        folds = [fold_of(key) for key in keys]
        leaked = sum(key in training_keys[k] for key, k in zip(keys, folds, strict=True))
        # each tweet analysed by the model of its fold (all of a fold's tweets in one batch)
        analyses: list[Any] = [None] * len(texts)
        for k in range(FOLDS):
            places = [i for i, fold in enumerate(folds) if fold == k]
            batch = analyse_messages(
                [texts[i] for i in places], names=names, models=Models(sentiment=models[k])
            )
            for i, result in zip(places, batch, strict=True):
                analyses[i] = result
        for row, text, result in zip(rows, texts, analyses, strict=True):
            gold.append(str(row["sentiment"]))
            combined.append(result.label.value)
            lexicon.append(label_score(result.lexicon_score or 0.0).value)
            vader.append(vader_label(score_vader(text)))
        results["sets"][name] = {
            "file": str(path),
            "rows": len(rows),
            "scored_by_a_model_that_trained_on_the_same_text": leaked,
            "combined_cv": classification_scores(gold, combined, LABELS),
            "lexicon": classification_scores(gold, lexicon, LABELS),
            "vader": classification_scores(gold, vader, LABELS),
        }
        progress(f"sentiment {name}: macro-F1 {results['sets'][name]['combined_cv']['macro_f1']}")
    return results


def _urgency_label(level: str) -> str:
    return "high" if level == "critical" else level


def eval_urgency(data: Path, progress: Progress = _quiet) -> dict[str, Any]:
    path = data / "synthetic_it_tickets" / "all_complete_rows.jsonl"
    rows = list(read_jsonl(path))
    corpus = urgency_corpus(data)
    models, facts = fold_models(corpus, progress)
    rules = load_urgency_rules()
    gold: list[str] = []
    combined: list[str] = []
    alone: list[str] = []
    english: list[bool] = []
    texts = [ticket_text(row) for row in rows]
    folds = [fold_of(key) for key in corpus.keys]
    results: list[Any] = [None] * len(rows)
    for k in range(FOLDS):
        places = [i for i, fold in enumerate(folds) if fold == k]
        batch = analyse_messages([texts[i] for i in places], models=Models(urgency=models[k]))
        for i, result in zip(places, batch, strict=True):
            results[i] = result
    for row, result in zip(rows, results, strict=True):
        gold.append(str(row["priority"]))
        combined.append(_urgency_label(result.urgency.value))
        alone.append(_urgency_label(rules.level(result.urgency_points).value))
        english.append(row.get("language") == "en")

    def subset(values: list[str], keep: list[bool]) -> list[str]:
        return [v for v, k in zip(values, keep, strict=True) if k]

    everything = [True] * len(rows)
    return {
        "file": str(path),
        "folds": facts,
        "mapping": "critical->high",
        "sets": {
            name: {
                "rows": sum(keep),
                "rules": classification_scores(subset(gold, keep), subset(alone, keep), PRIORITIES),
                "combined_cv": classification_scores(subset(gold, keep), subset(combined, keep), PRIORITIES),
            }
            for name, keep in (("english", english), ("all_languages", everything))
        },
    }


def check_reproduced(data: Path, progress: Progress = _quiet) -> dict[str, Any]:
    """Retrain both shipped models from all rows; equal digests mean the script reproduces them."""
    report: dict[str, Any] = {}
    for build in (sentiment_corpus, urgency_corpus):
        started = time.perf_counter()
        corpus = build(data)
        retrained = model_digest(fit(corpus, np.arange(corpus.size)))
        shipped = model_digest(shipped_model(corpus.task))
        report[corpus.task] = {
            "shipped": shipped,
            "retrained": retrained,
            "reproduced": shipped == retrained,
            "seconds": round(time.perf_counter() - started, 1),
        }
        progress(f"{corpus.task} retrained: {report[corpus.task]}")
    return report


def measure_speed(data: Path, messages: int = SPEED_MESSAGES) -> dict[str, Any]:
    """Seconds (wall and CPU) to analyse `messages` tweets with the shipped models, each way in a fresh
    interpreter (`speed.py`): in one batch (`analyse_messages`, the figure against the target), one
    by one (`analyse_message`), and the lexicon and rules alone; the warm-up (loading the models,
    lexicon and rules) timed apart."""
    from evals.conversations.speed import measure  # not at import: `-m ...speed` imports this package

    batch = measure(data, messages, "batch")
    one = measure(data, messages, "one")
    lexicon = measure(data, messages, "lexicon")
    return {
        "messages": batch["messages"],
        "method": "analyse_messages in a fresh interpreter (evals/conversations/speed.py)",
        "workers": batch["workers"],
        "seconds": batch["seconds"],
        "cpu_seconds": batch["cpu_seconds"],
        "cpu_seconds_children": batch["cpu_seconds_children"],
        "warm_up_seconds": batch["warm_up_seconds"],
        "warm_up_cpu_seconds": batch["warm_up_cpu_seconds"],
        "one_by_one_seconds": one["seconds"],
        "one_by_one_cpu_seconds": one["cpu_seconds"],
        "lexicon_only_seconds": lexicon["seconds"],
        "lexicon_only_cpu_seconds": lexicon["cpu_seconds"],
        "target_seconds": round(2.0 * batch["messages"] / SPEED_MESSAGES, 3),
    }


def run_conversation_eval(
    data: Path = DEFAULT_DATA,
    *,
    reproduce: bool = True,
    speed_messages: int = SPEED_MESSAGES,
    progress: Progress = _quiet,
) -> dict[str, Any] | None:
    """The whole eval, or None when there is no data at `data`."""
    tweets = data / "airline_tweets" / "all_dev.jsonl"
    tickets = data / "synthetic_it_tickets" / "all_complete_rows.jsonl"
    if not tweets.is_file() and not tickets.is_file():
        return None
    report: dict[str, Any] = {
        "data": str(data),
        "analysis_method": analysis_method(),
        "sentiment": None,
        "urgency": None,
        "reproduced": None,
        "speed": None,
        "skipped": [],
    }
    if tweets.is_file():
        report["sentiment"] = eval_sentiment(data, progress)
        report["speed"] = measure_speed(data, speed_messages)
    else:
        report["skipped"].append(str(tweets))
    if tickets.is_file():
        report["urgency"] = eval_urgency(data, progress)
    else:
        report["skipped"].append(str(tickets))
    if reproduce and tweets.is_file() and tickets.is_file():
        report["reproduced"] = check_reproduced(data, progress)
    return report


def write_report(report: dict[str, Any], path: Path = DEFAULT_REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def print_report(report: dict[str, Any], console: Any) -> None:
    """The tables `opsloop eval conversations` prints (console: a rich Console)."""
    from rich.table import Table

    sentiment = report.get("sentiment")
    if sentiment is not None:
        table = Table(title=f"sentiment ({report['analysis_method']}; model scored by 5-fold CV)")
        for column in ("set", "rows", "engine", "acc", "macro-F1", *(f"F1 {label[:3]}" for label in LABELS)):
            table.add_column(column, justify="left" if column in ("set", "engine") else "right", no_wrap=True)
        for name, scores in sentiment["sets"].items():
            for engine in ("combined_cv", "lexicon", "vader"):
                s = scores[engine]
                table.add_row(
                    name.removesuffix("_dev").removeprefix("eval_"),
                    str(scores["rows"]),
                    engine,
                    f"{s['accuracy']:.3f}",
                    f"{s['macro_f1']:.3f}",
                    *(f"{s['per_class'][label]['f1']:.3f}" for label in LABELS),
                )
        console.print(table)
        for name, scores in sentiment["sets"].items():
            console.print(
                _confusion(
                    f"{name}: combined, CV (rows gold, columns predicted)", scores["combined_cv"], LABELS
                )
            )
            console.print(
                f"{name}: scored by a fold model that trained on the same text: "
                f"{scores['scored_by_a_model_that_trained_on_the_same_text']}"
            )
        penalties = ", ".join(str(f["regularisation"]) for f in sentiment["folds"])
        console.print(f"sentiment folds: penalty chosen by inner CV per fold: {penalties}")
    urgency = report.get("urgency")
    if urgency is not None:
        table = Table(title=f"urgency vs the tickets' priority ({urgency['mapping']}; model by 5-fold CV)")
        for column in ("set", "rows", "engine", "agreement", "macro-F1", *(f"agree {p}" for p in PRIORITIES)):
            table.add_column(column, justify="left" if column in ("set", "engine") else "right", no_wrap=True)
        for name, scores in urgency["sets"].items():
            for engine in ("rules", "combined_cv"):
                s = scores[engine]
                table.add_row(
                    name,
                    str(scores["rows"]),
                    engine,
                    f"{s['accuracy']:.3f}",
                    f"{s['macro_f1']:.3f}",
                    *(f"{s['per_class'][p]['recall']:.3f}" for p in PRIORITIES),
                )
        console.print(table)
        english = urgency["sets"]["english"]["combined_cv"]
        console.print(
            _confusion("urgency, English, combined (rows priority, columns ours)", english, PRIORITIES)
        )
    speed = report.get("speed")
    if speed is not None:
        console.print(
            f"speed: {speed['messages']:,} messages in {speed['seconds']:.2f} s wall, "
            f"{speed['cpu_seconds']:.2f} s CPU of {speed['workers']} process(es) "
            f"(analyse_messages, a fresh interpreter; target "
            f"{speed['target_seconds']:g} s); warm-up apart: {speed['warm_up_seconds']:.2f} s wall, "
            f"{speed['warm_up_cpu_seconds']:.2f} s CPU; one by one (analyse_message): "
            f"{speed['one_by_one_seconds']:.2f} s wall, {speed['one_by_one_cpu_seconds']:.2f} s CPU; "
            f"lexicon and rules alone: {speed['lexicon_only_cpu_seconds']:.2f} s CPU"
        )
    reproduced = report.get("reproduced")
    if reproduced is not None:
        for task, facts in reproduced.items():
            verdict = "reproduced" if facts["reproduced"] else "DIFFERS"
            console.print(
                f"{task} model retrained from all rows: {verdict} "
                f"(shipped {facts['shipped']}, retrained {facts['retrained']})"
            )
    for skipped in report.get("skipped", []):
        console.print(f"[yellow]skipped:[/] {skipped} (absent)")


def _confusion(title: str, scores: dict[str, Any], labels: tuple[str, ...]) -> Any:
    from rich.table import Table

    table = Table(title=title)
    table.add_column("gold")
    for label in labels:
        table.add_column(label, justify="right")
    for gold in labels:
        table.add_row(gold, *(str(scores["confusion"].get(gold, {}).get(label, 0)) for label in labels))
    return table
