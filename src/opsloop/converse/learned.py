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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from opsloop.converse.features import FEATURES_VERSION, Pieces, chunk_ngrams, chunk_word, pieces
from opsloop.errors import OpsloopError

MODEL_FORMAT = "opsloop.linear-ngrams/v1"
TOP_FEATURES = 5
"""How many of the model's features the evidence names for one message."""
_CHUNK_CACHE = 200_000
_SPACES_KEPT = 16

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
class Encoded:
    """The features of a batch of texts for one model: the rows of each text's known features, each
    once and in ascending order, one text after another (`rows[starts[i]:starts[i + 1]]`)."""

    rows: npt.NDArray[np.intp]
    starts: npt.NDArray[np.intp]
    cuts: Sequence[Pieces]
    """The texts' pieces (to name the piece of text a feature came from)."""

    def __len__(self) -> int:
        return len(self.starts) - 1


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

    @cached_property
    def names(self) -> list[str]:
        """The features by row."""
        return sorted(self.index, key=self.index.__getitem__)

    def encode(self, cut: Pieces) -> tuple[npt.NDArray[np.intp], Callable[[int], str]]:
        """The rows of the known features of a text, each once, ascending, and a look-up of the piece
        of text a row came from (for the evidence)."""
        encoded = feature_space((self,)).encode([cut])[0]

        def owner(row: int) -> str:
            return owner_of(self.names[row], cut)

        return encoded.rows, owner

    def predict(
        self, text: str | Pieces, extras: Sequence[float] = (), *, explain: bool = True
    ) -> Prediction:
        """The label of a (masked) text, with the features behind it."""
        cut = pieces(text) if isinstance(text, str) else text
        encoded = feature_space((self,)).encode([cut])[0]
        return self.predict_many(encoded, [extras], explain=explain)[0]

    @cached_property
    def _weights64(self) -> npt.NDArray[np.float64]:
        return self.weights.astype(np.float64)

    @cached_property
    def _idf2_64(self) -> npt.NDArray[np.float64]:
        return self.idf2.astype(np.float64)

    @cached_property
    def _surfaces(self) -> list[str | None]:
        """The piece of text each row is shown as, when it is the same in every text (a word, a pair,
        a mark); None for a character n-gram (it is shown as the word it was found in)."""
        return [None if name.startswith("c:") else name[2:] for name in self.names]

    @cached_property
    def _grams(self) -> list[str | None]:
        """Each row's character n-gram (None for the other features)."""
        return [name[2:] if name.startswith("c:") else None for name in self.names]

    def predict_many(
        self, encoded: Encoded, extras: Sequence[Sequence[float]], *, explain: bool = True
    ) -> list[Prediction]:
        """The labels of a batch of encoded texts (`FeatureSpace.encode`), one row of `extras` each,
        all at once. The arithmetic is float64 and per text (a text's numbers never depend on the
        others in the batch): the shipped weights are float16 values, whose sums float64 holds exactly,
        so the order they are added in does not matter either."""
        count, width = len(encoded), len(self.labels)
        if len(extras) != count or any(len(row) != len(self.extras) for row in extras):
            raise ValueError(f"{self.task} model expects extras {self.extras} for each of {count} texts")
        extra = np.asarray(extras, dtype=np.float64).reshape(count, len(self.extras))
        rows, starts = encoded.rows, encoded.starts
        present = np.flatnonzero(np.diff(starts))
        picked = self._weights64[rows]
        sums = np.zeros((count, width))
        squares = np.zeros(count)
        if len(present):
            sums[present] = np.add.reduceat(picked, starts[present], axis=0)
            squares[present] = np.add.reduceat(self._idf2_64[rows], starts[present])
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        decisions = np.broadcast_to(self.intercept.astype(np.float64), (count, width)).copy()
        weights = self.extra_weights.astype(np.float64)
        for k in range(len(self.extras)):  # one extra after the other, elementwise: no BLAS order
            decisions += extra[:, k : k + 1] * weights[k]
        decisions += sums / norms[:, None]
        best = np.argmax(decisions, axis=1) if count else np.zeros(0, dtype=np.intp)
        odds = 1.0 / (1.0 + np.exp(-np.clip(decisions, -500.0, 500.0)))
        shares = np.round(odds / odds.sum(axis=1, keepdims=True), 4).tolist()
        labels = self.labels
        chosen = [labels[b] for b in best.tolist()]
        probabilities = [dict(zip(labels, row, strict=True)) for row in shares]
        if not explain:
            return [Prediction(label, p) for label, p in zip(chosen, probabilities, strict=True)]
        top = self._top_features(encoded, picked, best, norms)
        contributions = np.round(extra * weights.T[best], 3).tolist()
        return [
            Prediction(label, p, features, list(zip(self.extras, values, strict=True)))
            for label, p, features, values in zip(chosen, probabilities, top, contributions, strict=True)
        ]

    def _top_features(
        self,
        encoded: Encoded,
        picked: npt.NDArray[np.float64],
        best: npt.NDArray[np.intp],
        norms: npt.NDArray[np.float64],
    ) -> list[list[tuple[str, float]]]:
        """Each text's pieces of text that pushed hardest toward its label: its features with the
        largest positive share of the decision (the first TOP_FEATURES * 2, equal shares in row
        order), their shares added up per piece of text, the TOP_FEATURES largest."""
        count = len(encoded)
        rows = encoded.rows
        text = np.repeat(np.arange(count), np.diff(encoded.starts))
        share = picked[np.arange(len(rows)), best[text]] / norms[text]
        positive = np.flatnonzero(share > 0)
        text, rows = _by_text_then_share(
            text[positive], share[positive], rows[positive], count, len(self.index)
        )
        rank = np.arange(len(text)) - np.searchsorted(text, np.arange(count))[text]
        kept = np.flatnonzero(rank < TOP_FEATURES * 2)
        text, rows = text[kept], rows[kept]
        share = self._weights64[rows, best[text]] / norms[text]
        bounds = np.searchsorted(text, np.arange(count + 1)).tolist()
        row_list, share_list = rows.tolist(), share.tolist()
        surfaces, grams, cuts = self._surfaces, self._grams, encoded.cuts
        top: list[list[tuple[str, float]]] = []
        for i in range(count):
            merged: dict[str, float] = {}
            padded: list[str] | None = None
            for j in range(bounds[i], bounds[i + 1]):
                row = row_list[j]
                surface = surfaces[row]
                if surface is None:  # a character n-gram: the word of the first chunk that holds it
                    if padded is None:
                        padded = [f" {chunk} " for chunk in cuts[i].chunks]
                    gram = grams[row]
                    surface = next((chunk_word(c[1:-1]) for c in padded if gram in c), gram)
                merged[surface] = merged.get(surface, 0.0) + share_list[j]
            ranked = sorted(merged.items(), key=lambda item: -item[1])[:TOP_FEATURES]
            top.append([(surface, round(weight, 3)) for surface, weight in ranked])
        return top

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


def _by_text_then_share(
    text: npt.NDArray[np.intp],
    share: npt.NDArray[np.float64],
    rows: npt.NDArray[np.intp],
    texts: int,
    features: int,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """(text, row) of the (positive) shares ordered by text, then share from the largest, then row:
    one sort of int64 keys (the share by its leading bits; shares equal in those go by row), or a
    lexsort when the three do not fit in 63 bits."""
    text_bits, row_bits = max(1, (texts - 1).bit_length()), max(1, (features - 1).bit_length())
    share_bits = 63 - text_bits - row_bits
    if share_bits < 24:
        order = np.lexsort((rows, -share, text))
        return text[order], rows[order]
    # a positive float64's bits rise with it; flipped, the largest sorts first
    leading = (share.view(np.int64) >> (63 - share_bits)) ^ ((1 << share_bits) - 1)
    keys = (text.astype(np.int64) << (63 - text_bits)) | (leading << row_bits) | rows
    keys.sort()
    return (keys >> (63 - text_bits)).astype(np.intp), (keys & ((1 << row_bits) - 1)).astype(np.intp)


def owner_of(feature: str, cut: Pieces) -> str:
    """The piece of text a feature of `cut` came from: the word, word pair or mark itself, or for a
    character n-gram the word of the first chunk that holds it."""
    kind, value = feature[:2], feature[2:]
    if kind == "c:":
        for chunk in cut.chunks:
            if value in f" {chunk} ":
                return chunk_word(chunk)
    return value


class FeatureSpace:
    """The features of one or more models (sentiment and urgency) looked up once for all of them: one
    vocabulary, ordered by feature name, each model's row of each feature, and the known character
    n-grams of every chunk seen so far (chunks repeat a lot; kept as ranges of one array)."""

    def __init__(self, models: Sequence[LinearModel]) -> None:
        self.models = tuple(models)
        names = sorted(set().union(*(m.index for m in self.models)))
        self.size = len(names)
        by_prefix: dict[str, dict[str, int]] = {"w:": {}, "p:": {}, "b:": {}, "c:": {}}
        for i, name in enumerate(names):
            table = by_prefix.get(name[:2])
            if table is not None:
                table[name if name[:2] == "c:" else name[2:]] = i
        self.words, self.marks, self.pairs = by_prefix["w:"], by_prefix["p:"], by_prefix["b:"]
        self.grams = by_prefix["c:"]
        """"c:ngram" -> id, as `chunk_ngrams` writes them."""
        self.rows: list[npt.NDArray[np.intp]] = []
        """Per model: the row of each id (-1: not a feature of that model)."""
        self.ordered: list[bool] = []
        """Per model: whether its rows rise with the ids (then ids in order are rows in order)."""
        ids = {name: i for i, name in enumerate(names)}
        for model in self.models:
            rows = np.full(self.size, -1, dtype=np.intp)
            rows[[ids[name] for name in model.index]] = list(model.index.values())
            self.rows.append(rows)
            known = rows[rows >= 0]
            self.ordered.append(bool(np.all(known[1:] > known[:-1])))
        self._forget_chunks()

    def _forget_chunks(self) -> None:
        self._chunk: dict[str, int] = {}
        """chunk -> its number; its known n-grams' ids are `_ids[_first[k] : _first[k] + _count[k]]`."""
        self._first = np.zeros(1024, dtype=np.intp)
        self._count = np.zeros(1024, dtype=np.intp)
        self._ids = np.zeros(16_384, dtype=np.intp)
        self._used = 0

    def _add_chunks(self, chunks: list[str]) -> None:
        grams = self.grams
        found = [
            [i for gram in chunk_ngrams(chunk)[0] if (i := grams.get(gram)) is not None] for chunk in chunks
        ]
        counts = np.fromiter((len(f) for f in found), dtype=np.intp, count=len(found))
        total = int(counts.sum())
        first = len(self._chunk)
        if first + len(chunks) > len(self._first):
            size = max(2 * len(self._first), first + len(chunks))
            self._first = np.resize(self._first, size)
            self._count = np.resize(self._count, size)
        if self._used + total > len(self._ids):
            self._ids = np.resize(self._ids, max(2 * len(self._ids), self._used + total))
        self._count[first : first + len(chunks)] = counts
        self._first[first : first + len(chunks)] = self._used + np.cumsum(counts) - counts
        self._ids[self._used : self._used + total] = [i for f in found for i in f]
        self._used += total
        for k, chunk in enumerate(chunks, start=first):
            self._chunk[chunk] = k

    def encode(self, cuts: Sequence[Pieces]) -> list[Encoded]:
        """Each model's `Encoded` features of the texts (their pieces), all texts at once."""
        if len(self._chunk) >= _CHUNK_CACHE:
            self._forget_chunks()
        numbers = self._chunk
        found: list[int] = []
        found_counts: list[int] = []
        seen: list[int] = []
        new: dict[str, int] = {}
        for cut in cuts:
            before = len(found)
            for table, values in (
                (self.words, cut.words),
                (self.marks, cut.punctuation),
                (self.pairs, cut.pairs),
            ):
                get = table.get
                for value in values:
                    i = get(value)
                    if i is not None:
                        found.append(i)
            found_counts.append(len(found) - before)
            for chunk in cut.chunks:
                k = numbers.get(chunk)
                if k is None:
                    k = new.get(chunk)
                    if k is None:
                        k = new[chunk] = -1 - len(new)
                seen.append(k)
        if new:
            first = len(numbers)
            self._add_chunks(list(new))
            seen = [k if k >= 0 else first - 1 - k for k in seen]
        total = len(cuts)
        chunk_texts = np.repeat(np.arange(total), [len(cut.chunks) for cut in cuts])
        chunks = np.asarray(seen, dtype=np.intp)
        counts = self._count[chunks]
        # the ids of every chunk written, one range of `_ids` after the other
        ends = np.cumsum(counts)
        ranges = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(
            self._first[chunks] - ends + counts, counts
        )
        ids = np.concatenate([np.asarray(found, dtype=np.intp), self._ids[ranges]])
        texts = np.concatenate([np.repeat(np.arange(total), found_counts), np.repeat(chunk_texts, counts)])
        # each text's ids once, in order: one sort of (text, id) for the whole batch
        keys = texts * self.size + ids
        keys.sort()
        if len(keys):
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        texts, ids = np.divmod(keys, self.size)
        encoded: list[Encoded] = []
        for rows_of, ordered in zip(self.rows, self.ordered, strict=True):
            rows = rows_of[ids]
            known = rows >= 0
            rows, of = rows[known], texts[known]
            if not ordered:
                order = np.lexsort((rows, of))
                rows, of = rows[order], of[order]
            encoded.append(Encoded(rows, np.searchsorted(of, np.arange(total + 1)), cuts))
        return encoded


_SPACES: dict[tuple[int, ...], FeatureSpace] = {}


def feature_space(models: Sequence[LinearModel]) -> FeatureSpace:
    """The feature space of these models (built once; the last few are kept)."""
    key = tuple(id(model) for model in models)
    space = _SPACES.get(key)
    if space is None:
        if len(_SPACES) >= _SPACES_KEPT:
            _SPACES.pop(next(iter(_SPACES)))
        space = _SPACES[key] = FeatureSpace(models)  # holds the models, so their ids stay theirs
    return space


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
