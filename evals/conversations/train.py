"""Train the learned sentiment and urgency models that ship in `opsloop/converse/` (reproducibly).

    .venv/bin/python -m evals.conversations.train [--data ../shared/data/chats] [--out src/opsloop/converse]

- sentiment: `airline_tweets/all_dev.jsonl` (14,339 tweets, CC BY-NC-SA 4.0), labels negative /
  neutral / positive;
- urgency: `synthetic_it_tickets/all_complete_rows.jsonl` (1,167 tickets in five languages, CC BY-NC
  4.0), subject + body, labels high / medium / low (the tickets' priority).

Both models are one-vs-rest logistic regressions (scikit-learn's SGDClassifier, log loss, balanced
class weights, fixed seed) over the product's own features (`opsloop.converse.features.featurise` of
the masked text: TF-IDF, L2-normalised, features seen in at least MIN_DF training texts) plus the rule
engine's numbers (`sentiment_extras` / `urgency_extras`, scaled by EXTRA_SCALE). The regularisation is
chosen by grouped cross-validation on the training rows only (macro-F1); rows with the same masked
text always fall in the same fold. scikit-learn is a development dependency: the product applies the
exported file with numpy (`opsloop.converse.learned`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier

from opsloop.converse.analysis import (
    SENTIMENT_EXTRAS,
    URGENCY_EXTRAS,
    sentiment_extras,
    urgency_extras,
)
from opsloop.converse.features import FEATURES_VERSION, featurise
from opsloop.converse.learned import LinearModel
from opsloop.converse.names import mask_names, name_mask
from opsloop.converse.sentiment import score_message
from opsloop.converse.urgency import score_urgency

DEFAULT_DATA = Path("../shared/data/chats")
DEFAULT_OUT = Path("src/opsloop/converse")
MODEL_VERSION = "learned-v1"
SENTIMENT_LABELS = ("negative", "neutral", "positive")
URGENCY_LABELS = ("high", "medium", "low")
FOLDS = 5
INNER_FOLDS = 3
MIN_DF = 5
EXTRA_SCALE = 1.0
"""The rule engine's numbers enter the model times this (its weights are exported times it too). As
large as the n-gram part's norm, so the model leans on the lexicon where its n-grams know little
(text unlike the training data); 0.3 scored the same in cross-validation."""
REGULARISATION = (2e-5, 5e-5, 1e-4)
"""SGD's alpha (L2 penalty), chosen per training set by inner cross-validation."""
EPOCHS = 30
SEED = 0
LICENCES = {
    "sentiment": (
        "Twitter US Airline Sentiment (Crowdflower 'Data for Everyone', 2015; Kaggle), "
        "CC BY-NC-SA 4.0: non-commercial, share-alike"
    ),
    "urgency": (
        "Tobias Bueck, Customer IT Support - Ticket Dataset (synthetic, LLM-generated), "
        "CC BY-NC 4.0: non-commercial"
    ),
}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass
class Corpus:
    """Masked texts, their labels, the rule engine's numbers, and each text's features as ids."""

    task: str
    labels: tuple[str, ...]
    texts: list[str]
    gold: np.ndarray
    extras: np.ndarray
    extra_names: tuple[str, ...]
    vocabulary: dict[str, int]
    names: list[str]
    """Feature names by id."""
    rank: np.ndarray
    """Each id's place in the features sorted by name."""
    ids: list[np.ndarray]
    folds: np.ndarray
    keys: list[str]
    source: str

    @property
    def size(self) -> int:
        return len(self.texts)


def fold_of(key: str, folds: int = FOLDS) -> int:
    """The fold of a (masked, lower-cased) text: from its hash, so the same text is always in the same
    fold, whatever the order of the file."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % folds


def text_key(masked: str) -> str:
    return " ".join(masked.lower().split())


def build_corpus(
    task: str,
    texts: Sequence[str],
    gold: Sequence[str],
    extras: Callable[[str], list[float]],
    extra_names: tuple[str, ...],
    labels: tuple[str, ...],
    source: str,
) -> Corpus:
    vocabulary: dict[str, int] = {}
    ids = [
        np.fromiter((vocabulary.setdefault(f, len(vocabulary)) for f in featurise(t)), dtype=np.int64)
        for t in texts
    ]
    keys = [text_key(t) for t in texts]
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(np.asarray(names, dtype=object), kind="stable")] = np.arange(len(names))
    return Corpus(
        task=task,
        labels=labels,
        texts=list(texts),
        gold=np.asarray(gold),
        extras=np.asarray([extras(t) for t in texts], dtype=np.float64).reshape(len(texts), len(extra_names)),
        extra_names=extra_names,
        vocabulary=vocabulary,
        names=names,
        rank=rank,
        ids=ids,
        folds=np.asarray([fold_of(k) for k in keys]),
        keys=keys,
        source=source,
    )


def airline_names(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The companies the tweets are written to (the data set's `airline` column): what a deployment's
    ERP mirror would hold as its own customer and brand names."""
    return sorted({str(r["airline"]) for r in rows if r.get("airline")})


def sentiment_corpus(data: Path) -> Corpus:
    path = data / "airline_tweets" / "all_dev.jsonl"
    rows = list(read_jsonl(path))
    mask = name_mask(airline_names(rows))
    texts = [mask_names(str(r["text"]), mask=mask) for r in rows]
    return build_corpus(
        "sentiment",
        texts,
        [str(r["sentiment"]) for r in rows],
        lambda text: sentiment_extras(score_message(text).score),
        SENTIMENT_EXTRAS,
        SENTIMENT_LABELS,
        str(path),
    )


def ticket_text(row: dict[str, Any]) -> str:
    return "\n".join(str(part) for part in (row.get("subject"), row.get("body")) if part)


def urgency_corpus(data: Path) -> Corpus:
    path = data / "synthetic_it_tickets" / "all_complete_rows.jsonl"
    rows = list(read_jsonl(path))
    texts = [mask_names(ticket_text(r)) for r in rows]

    def extras(text: str) -> list[float]:
        points, _ = score_urgency(text, sentiment_score=score_message(text).score)
        return urgency_extras(points)

    return build_corpus(
        "urgency",
        texts,
        [str(r["priority"]) for r in rows],
        extras,
        URGENCY_EXTRAS,
        URGENCY_LABELS,
        str(path),
    )


@dataclass(frozen=True)
class Columns:
    """The training set's vocabulary: corpus feature ids kept, in a fixed order, with their idf."""

    keep: np.ndarray
    idf: np.ndarray


def columns(corpus: Corpus, rows: np.ndarray) -> Columns:
    df = np.zeros(len(corpus.vocabulary), dtype=np.int64)
    for i in rows:
        df[corpus.ids[i]] += 1
    keep = np.flatnonzero(df >= MIN_DF)
    keep = keep[np.argsort(corpus.rank[keep], kind="stable")]  # by feature name, not by row order
    idf = np.log((1 + len(rows)) / (1 + df[keep])) + 1.0
    return Columns(keep=keep, idf=idf)


def matrix(corpus: Corpus, rows: np.ndarray, cols: Columns) -> sp.csr_matrix:
    """TF-IDF rows (binary tf, idf, L2 norm) beside the scaled extras."""
    position = np.full(len(corpus.vocabulary), -1, dtype=np.int64)
    position[cols.keep] = np.arange(len(cols.keep))
    indptr = [0]
    indices: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for i in rows:
        found = position[corpus.ids[i]]
        found = np.sort(found[found >= 0])
        weights = cols.idf[found]
        norm = float(np.sqrt((weights * weights).sum())) or 1.0
        indices.append(found)
        values.append(weights / norm)
        indptr.append(indptr[-1] + len(found))
    ngrams = sp.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.asarray(indptr)),
        shape=(len(rows), len(cols.keep)),
    )
    extras = sp.csr_matrix(corpus.extras[rows] * EXTRA_SCALE)
    return sp.hstack([ngrams, extras], format="csr")


def _classifier(regularisation: float) -> SGDClassifier:
    return SGDClassifier(
        loss="log_loss",
        alpha=regularisation,
        class_weight="balanced",
        random_state=SEED,
        max_iter=EPOCHS,
        tol=None,
    )


def macro_f1(gold: np.ndarray, predicted: np.ndarray, labels: Sequence[str]) -> float:
    scores = []
    for label in labels:
        tp = int(np.sum((gold == label) & (predicted == label)))
        fp = int(np.sum((gold != label) & (predicted == label)))
        fn = int(np.sum((gold == label) & (predicted != label)))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def choose_regularisation(corpus: Corpus, rows: np.ndarray) -> tuple[float, dict[str, float]]:
    """Inner grouped cross-validation over `rows` only; the best mean macro-F1 wins (ties: the
    stronger penalty)."""
    inner = np.asarray([fold_of(corpus.keys[i] + "#inner", INNER_FOLDS) for i in rows])
    results: dict[str, float] = {}
    for regularisation in REGULARISATION:
        f1s = []
        for k in range(INNER_FOLDS):
            train, test = rows[inner != k], rows[inner == k]
            cols = columns(corpus, train)
            model = _classifier(regularisation).fit(matrix(corpus, train, cols), corpus.gold[train])
            predicted = model.predict(matrix(corpus, test, cols))
            f1s.append(macro_f1(corpus.gold[test], predicted, corpus.labels))
        results[f"{regularisation:g}"] = round(sum(f1s) / len(f1s), 4)
    best = max(REGULARISATION, key=lambda r: (results[f"{r:g}"], r))
    return best, results


def fit(corpus: Corpus, rows: np.ndarray, *, regularisation: float | None = None) -> LinearModel:
    """A model trained on `rows` of the corpus (regularisation by inner CV on those rows when not
    given), exported in the product's format."""
    chosen: dict[str, float] = {}
    if regularisation is None:
        regularisation, chosen = choose_regularisation(corpus, rows)
    cols = columns(corpus, rows)
    classifier = _classifier(regularisation).fit(matrix(corpus, rows, cols), corpus.gold[rows])
    order = [list(classifier.classes_).index(label) for label in corpus.labels]
    coef = classifier.coef_[order].T  # (features + extras, labels)
    ngrams = len(cols.keep)
    names = corpus.names
    return LinearModel(
        task=corpus.task,
        labels=corpus.labels,
        index={names[c]: i for i, c in enumerate(cols.keep)},
        weights=(coef[:ngrams] * cols.idf[:, None]).astype(np.float32),
        idf2=(cols.idf**2).astype(np.float32),
        extras=corpus.extra_names,
        extra_weights=(coef[ngrams:] * EXTRA_SCALE).astype(np.float32),
        intercept=classifier.intercept_[order].astype(np.float32),
        meta={
            "version": MODEL_VERSION,
            "features_version": FEATURES_VERSION,
            "trained_on": Path(corpus.source).name,
            "rows": len(rows),
            "licence": LICENCES[corpus.task],
            "estimator": "sklearn SGDClassifier(log_loss, class_weight=balanced, one-vs-rest)",
            "regularisation": regularisation,
            "inner_cv_macro_f1": chosen,
            "min_df": MIN_DF,
            "extra_scale": EXTRA_SCALE,
            "epochs": EPOCHS,
            "seed": SEED,
        },
    )


def model_digest(model: LinearModel) -> str:
    """A digest of what a model computes (weights as shipped, vocabulary, labels): equal digests mean
    a retrained model reproduces the shipped one."""
    digest = hashlib.sha256()
    digest.update("\n".join(sorted(model.index, key=model.index.__getitem__)).encode("utf-8"))
    for array in (model.weights, model.idf2):
        digest.update(np.ascontiguousarray(array.astype(np.float16)).tobytes())
    for array in (model.extra_weights, model.intercept):
        digest.update(np.ascontiguousarray(array.astype(np.float32)).tobytes())
    digest.update(json.dumps([model.labels, model.extras], sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]


def train_all(data: Path, out: Path) -> dict[str, dict[str, Any]]:
    written: dict[str, dict[str, Any]] = {}
    for build in (sentiment_corpus, urgency_corpus):
        started = time.perf_counter()
        corpus = build(data)
        model = fit(corpus, np.arange(corpus.size))
        path = out / f"{corpus.task}_model.npz"
        path.write_bytes(model.to_bytes())
        written[corpus.task] = {
            "file": str(path),
            "bytes": path.stat().st_size,
            "features": len(model.index),
            "digest": model_digest(model),
            "regularisation": model.meta["regularisation"],
            "seconds": round(time.perf_counter() - started, 1),
        }
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.conversations.train", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.data / "airline_tweets" / "all_dev.jsonl").is_file():
        print(f"skipped: no training data at {args.data}", file=sys.stderr)
        return 0
    for task, facts in train_all(args.data, args.out).items():
        print(f"{task}: {json.dumps(facts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
