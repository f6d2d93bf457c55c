"""The learned models beside the lexicon: linear models over n-gram features, stacked on the rules.

Each model is a small `.npz` file in this package (`sentiment_model.npz`, `urgency_model.npz`), trained
by `evals/train_converse.py` (scikit-learn, a development dependency) and applied here with numpy
alone. A model reads the masked text's features (`features.featurise`: TF-IDF weights, L2-normalised)
and a few numbers from the rule engine (`extras`: for sentiment the lexicon's score, for urgency the
rule points), so the lexicon and the rules are features of the model, not replaced by it.

What the weights were learned from, and under which licence, is in `MODEL_DATA.md` beside the files
and in each file's `meta`.
"""

from __future__ import annotations

import io
import json
import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from opsloop.converse.features import FEATURES_VERSION, Pieces, chunk_ngrams, pieces
from opsloop.errors import OpsloopError

MODEL_FORMAT = "opsloop.linear-ngrams/v1"
TOP_FEATURES = 5
"""How many of the model's features the evidence names for one message."""
_CHUNK_CACHE = 200_000

_Floats = npt.NDArray[np.float32]


class ModelFileError(OpsloopError):
    """A model file that cannot be read or does not fit this version of opsloop."""


@dataclass(frozen=True)
class Prediction:
    label: str
    probabilities: dict[str, float]
    features: list[tuple[str, float]] = field(default_factory=list)
    """The pieces of text that pushed hardest toward `label` and how much (their share of the
    decision value), strongest first."""
    extras: list[tuple[str, float]] = field(default_factory=list)
    """The rule engine's numbers and their contribution toward `label`."""


@dataclass(frozen=True)
class LinearModel:
    """One-vs-rest linear classifier: decision(c) = w_c · x / |x| + v_c · extras + b_c, where x holds
    the idf of each known feature present (the weights stored here are already times idf)."""

    task: str
    labels: tuple[str, ...]
    index: dict[str, int]
    weights: _Floats
    """(features, labels): coefficient x idf."""
    idf2: _Floats
    """(features,): idf squared, for the norm of x."""
    extras: tuple[str, ...]
    extra_weights: _Floats
    """(extras, labels)."""
    intercept: _Floats
    meta: dict[str, Any]
    _chunks: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict, compare=False, repr=False)
    """chunk -> (its known character n-grams' rows, its word); filled as texts come (a cache)."""

    def encode(self, cut: Pieces) -> tuple[npt.NDArray[np.intp], Callable[[int], str]]:
        """The rows of the known features of a text, each once, and a look-up of the piece of text a
        row came from (for the evidence; only asked for the few rows it names)."""
        get = self.index.get
        rows: list[int] = []
        ends: list[int] = []
        owners: list[str] = []
        for prefix, values in (("w:", cut.words), ("p:", cut.punctuation), ("b:", cut.pairs)):
            for value in values:
                row = get(prefix + value)
                if row is not None:
                    rows.append(row)
                    ends.append(len(rows))
                    owners.append(value)
        chunks = self._chunks
        for chunk in cut.chunks:
            known = chunks.get(chunk)
            if known is None:
                grams, word = chunk_ngrams(chunk)
                known = (tuple(row for gram in grams if (row := get(gram)) is not None), word)
                if len(chunks) >= _CHUNK_CACHE:
                    chunks.clear()
                chunks[chunk] = known
            if known[0]:
                rows.extend(known[0])
                ends.append(len(rows))
                owners.append(known[1])

        def owner(row: int) -> str:
            return owners[bisect_right(ends, rows.index(row))]

        unique = np.fromiter(set(rows), dtype=np.intp, count=-1) if rows else np.zeros(0, dtype=np.intp)
        unique.sort()
        return unique, owner

    def predict(
        self, text: str | Pieces, extras: Sequence[float] = (), *, explain: bool = True
    ) -> Prediction:
        """The label of a (masked) text, with the features behind it."""
        rows, owner = self.encode(pieces(text) if isinstance(text, str) else text)
        if len(extras) != len(self.extras):
            raise ValueError(f"{self.task} model expects extras {self.extras}, got {len(extras)} values")
        extra = np.asarray(extras, dtype=np.float32)
        total = self.intercept + extra @ self.extra_weights
        picked = self.weights[rows] if len(rows) else None
        norm = 1.0
        if picked is not None:
            norm = math.sqrt(float(self.idf2[rows].sum())) or 1.0
            total = total + picked.sum(axis=0) / norm
        # Three numbers: plain floats are cheaper than numpy from here on.
        decision: list[float] = total.tolist()
        best = max(range(len(decision)), key=decision.__getitem__)
        odds = [1.0 / (1.0 + math.exp(-min(max(d, -500.0), 500.0))) for d in decision]
        odds_sum = sum(odds)
        probabilities = {label: round(p / odds_sum, 4) for label, p in zip(self.labels, odds, strict=True)}
        if not explain:
            return Prediction(self.labels[best], probabilities)
        top: list[tuple[str, float]] = []
        if picked is not None:
            share = picked[:, best]
            count = min(len(share), TOP_FEATURES * 2)
            strongest = np.argpartition(-share, count - 1)[:count]
            merged: dict[str, float] = {}
            for row, weight in zip(rows[strongest].tolist(), (share[strongest] / norm).tolist(), strict=True):
                if weight > 0:
                    surface = owner(row)
                    merged[surface] = merged.get(surface, 0.0) + weight
            top = sorted(merged.items(), key=lambda item: -item[1])[:TOP_FEATURES]
        contributions = (extra * self.extra_weights[:, best]).tolist()
        return Prediction(
            self.labels[best],
            probabilities,
            [(surface, round(weight, 3)) for surface, weight in top],
            [(name, round(value, 3)) for name, value in zip(self.extras, contributions, strict=True)],
        )

    def to_bytes(self) -> bytes:
        """The model as an `.npz` file (no pickles; weights as float16)."""
        ordered = sorted(self.index, key=self.index.__getitem__)
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            features=np.frombuffer("\n".join(ordered).encode("utf-8"), dtype=np.uint8),
            weights=self.weights.astype(np.float16),
            idf2=self.idf2.astype(np.float16),
            extra_weights=self.extra_weights.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            header=np.frombuffer(
                json.dumps(
                    {
                        "format": MODEL_FORMAT,
                        "task": self.task,
                        "labels": list(self.labels),
                        "extras": list(self.extras),
                        "meta": self.meta,
                    },
                    sort_keys=True,
                ).encode("utf-8"),
                dtype=np.uint8,
            ),
        )
        return buffer.getvalue()


def read_model(data: bytes, *, name: str = "model") -> LinearModel:
    """A model from the bytes of its `.npz` file; a file that does not fit says so (ModelFileError)."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            header = json.loads(arrays["header"].tobytes().decode("utf-8"))
            features = arrays["features"].tobytes().decode("utf-8").split("\n")
            weights = arrays["weights"].astype(np.float32)
            idf2 = arrays["idf2"].astype(np.float32)
            extra_weights = arrays["extra_weights"].astype(np.float32)
            intercept = arrays["intercept"].astype(np.float32)
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as error:
        raise ModelFileError(
            f"{name} is not a model file opsloop can read: {error}",
            hint="Retrain it with evals/train_converse.py.",
        ) from error
    if header.get("format") != MODEL_FORMAT:
        raise ModelFileError(f"{name} has format {header.get('format')!r}, expected {MODEL_FORMAT!r}")
    meta = dict(header.get("meta") or {})
    if meta.get("features_version") != FEATURES_VERSION:
        raise ModelFileError(
            f"{name} was trained on features {meta.get('features_version')!r}, this opsloop makes "
            f"{FEATURES_VERSION!r}",
            hint="Retrain it with evals/train_converse.py.",
        )
    labels = tuple(str(label) for label in header["labels"])
    extras = tuple(str(extra) for extra in header["extras"])
    if weights.shape != (len(features), len(labels)) or extra_weights.shape != (len(extras), len(labels)):
        raise ModelFileError(f"{name}: the arrays do not fit together (weights {weights.shape})")
    return LinearModel(
        task=str(header["task"]),
        labels=labels,
        index={feature: i for i, feature in enumerate(features)},
        weights=weights,
        idf2=idf2,
        extras=extras,
        extra_weights=extra_weights,
        intercept=intercept,
        meta=meta,
    )


def load_model_file(path: Path) -> LinearModel:
    return read_model(path.read_bytes(), name=str(path))


@cache
def shipped_model(task: str) -> LinearModel:
    """The model shipped in the package for `task` ("sentiment" or "urgency")."""
    name = f"{task}_model.npz"
    return read_model(resources.files("opsloop.converse").joinpath(name).read_bytes(), name=name)
