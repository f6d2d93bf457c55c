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
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from opsloop.converse.features import (
    CHAR_MAX,
    CHAR_MIN,
    FEATURES_VERSION,
    SEPARATOR,
    Pieces,
    batch_pieces,
    chunk_ngrams,
    chunk_word,
    pieces,
)
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
class _Shown:
    """The pieces of text features are shown as, by number: `pieces[row_piece[row]]` for a word, pair
    or mark (-1 for a character n-gram), `pieces[chunk_piece[chunk_starts[text] + place]]` for the
    word of a text's chunk at `place`."""

    pieces: list[str]
    row_piece: npt.NDArray[np.intp]
    chunk_piece: npt.NDArray[np.intp]
    chunk_starts: npt.NDArray[np.intp]


@dataclass(frozen=True)
class Encoded:
    """The features of a batch of texts for one model: the rows of each text's known features, each
    once and in ascending order, one text after another (`rows[starts[i]:starts[i + 1]]`)."""

    rows: npt.NDArray[np.intp]
    starts: npt.NDArray[np.intp]
    cuts: Sequence[Pieces]
    """The texts' pieces (to name the piece of text a feature came from)."""
    origins: npt.NDArray[np.int64] | None = None
    """For each feature, the place (in its text's chunks) of the first chunk it was found in: the
    word a character n-gram is shown as (words, pairs and marks show themselves)."""
    shown: _Shown | None = None
    """How the features are shown in the evidence (see `_Shown`)."""

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
        # in rows (C order): `take` copies an array in any other order whole, at every call
        return np.ascontiguousarray(self.weights, dtype=np.float64)

    @cached_property
    def _columns64(self) -> list[npt.NDArray[np.float64]]:
        """Each label's weights, one contiguous array each (`take` of single floats is its fastest)."""
        return [np.ascontiguousarray(self._weights64[:, k]) for k in range(self._weights64.shape[1])]

    @cached_property
    def _flat64(self) -> npt.NDArray[np.float64]:
        """The weights one row after the other: (row, label) is at row * labels + label."""
        return self._weights64.ravel()

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
        sums = np.zeros((count, width))
        squares = np.zeros(count)
        if len(present):
            at = starts[present]
            # take: a good deal faster than indexing, of single floats the fastest
            for k, column in enumerate(self._columns64):
                sums[present, k] = np.add.reduceat(column.take(rows), at)
            squares[present] = np.add.reduceat(self._idf2_64.take(rows), at)
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
        top = self._top_features(encoded, best, norms)
        contributions = np.round(extra * weights.T[best], 3).tolist()
        return [
            Prediction(label, p, features, list(zip(self.extras, values, strict=True)))
            for label, p, features, values in zip(chosen, probabilities, top, contributions, strict=True)
        ]

    def _top_features(
        self,
        encoded: Encoded,
        best: npt.NDArray[np.intp],
        norms: npt.NDArray[np.float64],
    ) -> list[list[tuple[str, float]]]:
        """Each text's pieces of text that pushed hardest toward its label: its features with the
        largest positive share of the decision (the first TOP_FEATURES * 2, equal shares in row
        order), their shares added up per piece of text (in that order), the TOP_FEATURES largest
        (equal sums in the order the pieces first came)."""
        count = len(encoded)
        rows = encoded.rows
        text = np.repeat(np.arange(count), np.diff(encoded.starts))
        width = len(self.labels)
        value = self._flat64.take(rows * width + best.take(text))
        share = value / norms[text]
        positive = _may_rank(np.flatnonzero(share > 0), text, value, share, count, TOP_FEATURES * 2)
        # a text's entries are in row order: ordering by entry orders by row
        text, entry = _by_text_then_share(
            text.take(positive), share.take(positive), positive, count, max(len(rows), 1)
        )
        rank = np.arange(len(text)) - np.searchsorted(text, np.arange(count))[text]
        kept = np.flatnonzero(rank < TOP_FEATURES * 2)
        text, entry = text[kept], entry[kept]
        rows = rows[entry]
        share = self._flat64.take(rows * width + best.take(text)) / norms.take(text)
        shown = encoded.shown
        if shown is None or encoded.origins is None:
            return self._top_features_one_by_one(encoded, text, rows, share)
        if not len(text):
            return [[] for _ in range(count)]
        piece = shown.row_piece[rows]
        grams = np.flatnonzero(piece < 0)  # a character n-gram: the word of its first chunk
        piece[grams] = shown.chunk_piece[shown.chunk_starts[text[grams]] + encoded.origins[entry[grams]]]
        # add up each text's shares per piece, in the order they came (as one by one would)
        keys = text.astype(np.int64) * len(shown.pieces) + piece
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        heads = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        sizes = np.diff(np.append(heads, len(keys)))
        sums = share[order][heads]
        for k in range(1, int(sizes.max(initial=1))):
            more = np.flatnonzero(sizes > k)
            sums[more] += share[order[heads[more] + k]]
        first = order[heads]  # where each piece first came
        group_text, group_piece = np.divmod(keys[heads], len(shown.pieces))
        ranked = np.lexsort((first, -sums, group_text))
        group_text, group_piece, sums = group_text[ranked], group_piece[ranked], sums[ranked]
        place = np.arange(len(group_text)) - np.searchsorted(group_text, np.arange(count))[group_text]
        top = np.flatnonzero(place < TOP_FEATURES)
        bounds = np.searchsorted(group_text[top], np.arange(count + 1)).tolist()
        names = map(shown.pieces.__getitem__, group_piece[top].tolist())
        pairs = list(zip(names, map(round, sums[top].tolist(), repeat(3)), strict=True))
        return [pairs[a:b] for a, b in pairwise(bounds)]

    def _top_features_one_by_one(
        self,
        encoded: Encoded,
        text: npt.NDArray[np.intp],
        rows: npt.NDArray[np.intp],
        share: npt.NDArray[np.float64],
    ) -> list[list[tuple[str, float]]]:
        """`_top_features` for features encoded without their pieces: named from the text itself."""
        count = len(encoded)
        bounds = np.searchsorted(text, np.arange(count + 1)).tolist()
        row_list, share_list = rows.tolist(), share.tolist()
        top: list[list[tuple[str, float]]] = []
        for i in range(count):
            merged: dict[str, float] = {}
            for j in range(bounds[i], bounds[i + 1]):
                surface = owner_of(self.names[row_list[j]], encoded.cuts[i])
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


_SORTED_AS_THEY_ARE = 4096
"""So few shares are sorted as they are (leaving some out would cost more than it saves)."""


def _may_rank(
    entries: npt.NDArray[np.intp],
    text: npt.NDArray[np.intp],
    value: npt.NDArray[np.float64],
    share: npt.NDArray[np.float64],
    texts: int,
    top: int,
) -> npt.NDArray[np.intp]:
    """The entries (ascending, by text) that may be among their text's `top` largest shares: all of
    them, less those of a text that has `top` or more shares at least as large. What is left is
    sorted, not the whole. The shares are `value / norm` (norm one per text): a value among the
    batch's largest is a large share in its text; the text's smallest share among those (`floor`) is
    at most its `top`-th largest share when there are `top` of them, so no share under it ranks."""
    wanted = 3 * top * texts
    if len(entries) <= max(wanted, _SORTED_AS_THEY_ARE):
        return entries
    values = value.take(entries)
    # any threshold is exact (see above); one from a sample of the values is as good and cheaper
    sample = values[:: max(1, len(values) // 8192)]
    cut = len(sample) - max(1, len(sample) * wanted // len(values))
    large = entries.compress(values >= np.partition(sample, cut)[cut])
    of = text.take(large)
    counts = np.bincount(of, minlength=texts)
    if not (counts >= top).any():
        return entries
    present = np.flatnonzero(counts)
    floor = np.full(texts, -np.inf)
    floor[present] = np.minimum.reduceat(share.take(large), np.searchsorted(of, present))
    floor[counts < top] = -np.inf
    kept: npt.NDArray[np.intp] = entries.compress(share.take(entries) >= floor.take(text.take(entries)))
    return kept


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
        self.tokens: dict[str, int] | None = None
        """Words, marks and pairs in one table, when no text's word can be a mark or a pair of the
        vocabulary and so on (as `pieces` cuts them): then one look-up finds what its own would."""
        if (
            all(" " not in w and _word_like(w) for w in self.words)
            and all(len(m) == 1 and not _word_like(m) for m in self.marks)
            and all(" " in pair for pair in self.pairs)
        ):
            self.tokens = {**self.words, **self.marks, **self.pairs}
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
        self.pieces: list[str] = []
        """The pieces of text features are shown as (their numbers: `_piece`)."""
        self._piece: dict[str, int] = {}
        self.row_pieces = [
            np.fromiter(
                (-1 if name.startswith("c:") else self._piece_of(name[2:]) for name in model.names),
                dtype=np.intp,
                count=len(model.names),
            )
            for model in self.models
        ]
        self._chunk_piece = np.zeros(1024, dtype=np.intp)
        self._chunk: dict[str, int] = {}
        """chunk -> its number; its known n-grams' ids are `_ids[_first[k] : _first[k] + _count[k]]`."""
        self._first = np.zeros(1024, dtype=np.intp)
        self._count = np.zeros(1024, dtype=np.intp)
        self._ids = np.zeros(16_384, dtype=np.intp)
        self._used = 0

    def _piece_of(self, piece: str) -> int:
        number = self._piece.get(piece)
        if number is None:
            number = self._piece[piece] = len(self.pieces)
            self.pieces.append(piece)
        return number

    def _add_chunks(self, chunks: list[str]) -> None:
        found, counts = self._ngram_ids(chunks)
        total = len(found)
        first = len(self._chunk)
        if first + len(chunks) > len(self._first):
            size = max(2 * len(self._first), first + len(chunks))
            self._first = np.resize(self._first, size)
            self._count = np.resize(self._count, size)
            self._chunk_piece = np.resize(self._chunk_piece, size)
        self._chunk_piece[first : first + len(chunks)] = [self._piece_of(chunk_word(c)) for c in chunks]
        if self._used + total > len(self._ids):
            self._ids = np.resize(self._ids, max(2 * len(self._ids), self._used + total))
        self._count[first : first + len(chunks)] = counts
        self._first[first : first + len(chunks)] = self._used + np.cumsum(counts) - counts
        self._ids[self._used : self._used + total] = found
        self._used += total
        self._chunk.update(zip(chunks, range(first, first + len(chunks)), strict=True))

    def _ngram_ids(self, chunks: list[str]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """The ids of the known character n-grams of each chunk (as `chunk_ngrams` makes them), one
        chunk after the other, and how many each has. All chunks at once: every n-gram of the padded
        chunks, written as one integer (its letters' numbers side by side), looked up in the sorted
        integers of the known n-grams."""
        table = self._gram_table
        if table is None:  # letters beyond what fits in an integer: one chunk at a time
            grams = self.grams
            lists = [[i for g in chunk_ngrams(c)[0] if (i := grams.get(g)) is not None] for c in chunks]
            counts = np.fromiter((len(f) for f in lists), dtype=np.intp, count=len(lists))
            return np.fromiter((i for f in lists for i in f), dtype=np.intp, count=int(counts.sum())), counts
        letters, bits, keys, ids = table
        # " chunk " one after the other, each followed by a separator (number 0: in no n-gram)
        joined = "".join(f" {chunk} \x00" for chunk in chunks)
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        spans = np.fromiter((len(chunk) + 3 for chunk in chunks), dtype=np.intp, count=len(chunks))
        at = np.searchsorted(letters, codes)
        at[at == len(letters)] = 0
        numbers = np.where(letters[at] == codes, at + 1, 0).astype(np.int64)
        numbers[np.cumsum(spans) - 1] = 0
        owner = np.repeat(np.arange(len(chunks)), spans)  # the chunk each letter belongs to
        found_ids: list[npt.NDArray[np.intp]] = []
        found_owner: list[npt.NDArray[np.int64]] = []
        size = len(numbers)
        for n in range(CHAR_MIN, CHAR_MAX + 1):
            if size < n:
                break
            windows = size - n + 1
            key = np.full(windows, n, dtype=np.int64)
            known = np.ones(windows, dtype=bool)
            for j in range(n):
                part = numbers[j : j + windows]
                key = (key << bits) | part
                known &= part > 0
            at = np.flatnonzero(known)
            key = key[at]
            place = np.searchsorted(keys, key)
            place[place == len(keys)] = 0
            hit = keys[place] == key
            found_ids.append(ids[place[hit]])
            found_owner.append(owner[at[hit]])
        every_id = np.concatenate(found_ids) if found_ids else np.zeros(0, dtype=np.intp)
        every_owner = np.concatenate(found_owner) if found_owner else np.zeros(0, dtype=np.int64)
        order = np.argsort(every_owner, kind="stable")
        return every_id[order], np.bincount(every_owner, minlength=len(chunks)).astype(np.intp)

    @cached_property
    def _gram_table(
        self,
    ) -> tuple[npt.NDArray[np.uint32], int, npt.NDArray[np.int64], npt.NDArray[np.intp]] | None:
        """(the letters of the known n-grams, sorted; bits per letter; each known n-gram as an
        integer, sorted; its id), or None when (n-gram length, letters) do not fit in 63 bits."""
        grams = {name[2:]: i for name, i in self.grams.items() if CHAR_MIN <= len(name) - 2 <= CHAR_MAX}
        letters = np.asarray(sorted({ord(c) for gram in grams for c in gram}), dtype=np.uint32)
        bits = max(1, len(letters).bit_length())  # letter numbers 1..len, 0 for none
        if CHAR_MAX.bit_length() + CHAR_MAX * bits > 63 or not len(grams):
            return None
        number = {int(code): k + 1 for k, code in enumerate(letters)}
        keys = np.empty(len(grams), dtype=np.int64)
        ids = np.empty(len(grams), dtype=np.intp)
        for k, (gram, i) in enumerate(grams.items()):
            key = len(gram)
            for c in gram:
                key = (key << bits) | number[ord(c)]
            keys[k], ids[k] = key, i
        order = np.argsort(keys)
        return letters, bits, keys[order], ids[order]

    def encode(self, cuts: Sequence[Pieces]) -> list[Encoded]:
        """Each model's `Encoded` features of the texts (their pieces), all texts at once."""
        # every text's words, marks and pairs looked up (-1: not a feature), one text after another
        found: list[int] = []
        found_counts: list[int] = []
        chunk_list: list[str] = []
        if self.tokens is not None:  # one table: every text's tokens looked up at once
            tokens: list[str] = []
            for cut in cuts:
                tokens += cut.words
                tokens += cut.punctuation
                tokens += cut.pairs
                found_counts.append(len(cut.words) + len(cut.punctuation) + len(cut.pairs))
                chunk_list += cut.chunks
            found = list(map(self.tokens.get, tokens, repeat(-1)))
        else:
            words, marks, pairs = self.words.get, self.marks.get, self.pairs.get
            for cut in cuts:
                found += map(words, cut.words, repeat(-1))
                found += map(marks, cut.punctuation, repeat(-1))
                found += map(pairs, cut.pairs, repeat(-1))
                found_counts.append(len(cut.words) + len(cut.punctuation) + len(cut.pairs))
                chunk_list += cut.chunks
        total = len(cuts)
        words_found = np.asarray(found, dtype=np.int64)
        known_words = words_found >= 0
        word_texts = np.repeat(np.arange(total), found_counts).compress(known_words)
        per_text = np.fromiter((len(cut.chunks) for cut in cuts), dtype=np.int64, count=total)
        return self._encode_found(cuts, words_found.compress(known_words), word_texts, chunk_list, per_text)

    def encode_texts(self, texts: Sequence[str]) -> list[Encoded]:
        """`encode([pieces(text) for text in texts])`, the texts cut all at once: joined by a separator
        word no text holds and no feature names, normalised and cut as one string (every step of
        `normalise` and `pieces` reads a text as it would alone: see `batch_pieces`), each piece's
        text told by the separators before it."""
        batch = batch_pieces(texts) if self._separable else None
        if batch is None:
            return self.encode([pieces(text) for text in texts])
        total = len(texts)
        words, words_text, marks, marks_text, chunk_list, chunks_text = batch
        ids = np.concatenate(
            [
                np.fromiter(map(self.words.get, words, repeat(-1)), dtype=np.int64, count=len(words)),
                np.fromiter(map(self.marks.get, marks, repeat(-1)), dtype=np.int64, count=len(marks)),
                np.fromiter(
                    map(self.pairs.get, map(" ".join, pairwise(words)), repeat(-1)),
                    dtype=np.int64,
                    count=max(0, len(words) - 1),
                ),
            ]
        )
        # a pair is of the text of its first word (a pair across texts holds the separator: no feature)
        of = np.concatenate([words_text, marks_text, words_text[:-1]])
        known = ids >= 0
        per_text = np.bincount(chunks_text, minlength=total).astype(np.int64)
        return self._encode_found(_Cuts(texts), ids.compress(known), of.compress(known), chunk_list, per_text)

    @cached_property
    def _separable(self) -> bool:
        """Whether no feature holds the separator `batch_pieces` joins texts with."""
        return not any(
            SEPARATOR in name for table in (self.words, self.marks, self.pairs, self.grams) for name in table
        )

    def _encode_found(
        self,
        cuts: Sequence[Pieces],
        words_found: npt.NDArray[np.int64],
        word_texts: npt.NDArray[Any],
        chunk_list: list[str],
        per_text: npt.NDArray[np.int64],
    ) -> list[Encoded]:
        """`encode` from the known words, marks and pairs (their ids and texts) and every text's chunks
        (one text after another, `per_text` of each)."""
        if len(self._chunk) >= _CHUNK_CACHE:
            self._forget_chunks()
        numbers = self._chunk
        chunks = np.fromiter(map(numbers.get, chunk_list, repeat(-1)), dtype=np.intp, count=len(chunk_list))
        unseen = np.flatnonzero(chunks < 0)
        if len(unseen):  # chunks not seen before: their n-grams looked up now, their numbers filled in
            written = list(map(chunk_list.__getitem__, unseen.tolist()))
            self._add_chunks(list(dict.fromkeys(written)))
            chunks[unseen] = list(map(numbers.__getitem__, written))
        total = len(cuts)
        counts = self._count[chunks]
        # the ids of every chunk written, one range of `_ids` after the other
        ends = np.cumsum(counts)
        ranges = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(
            self._first[chunks] - ends + counts, counts
        )
        # where each chunk is in its text (a feature's first chunk names it in the evidence)
        places = np.arange(len(chunks), dtype=np.int64) - np.repeat(np.cumsum(per_text) - per_text, per_text)
        place_bits = max(1, int(per_text.max(initial=1)).bit_length())
        # each text's ids once, in order, from the first chunk that has it: one sort of
        # (text, id, place) keys for the whole batch, 32 bits when they fit (twice as fast to sort)
        id_bits = max(1, (self.size - 1).bit_length())
        text_bits = max(1, (total - 1).bit_length())
        kind = np.uint32 if text_bits + id_bits + place_bits <= 32 else np.int64
        keys: npt.NDArray[np.integer[Any]] = np.concatenate(
            [word_texts, np.repeat(np.repeat(np.arange(total), per_text), counts)]
        ).astype(kind)
        keys <<= id_bits
        keys |= np.concatenate([words_found, self._ids[ranges]]).astype(kind)
        keys <<= place_bits
        keys |= np.concatenate(
            [np.zeros(len(words_found), dtype=kind), np.repeat(places, counts).astype(kind)]
        )
        keys.sort()
        heads = keys >> place_bits
        once = np.ones(len(keys), dtype=bool)
        once[1:] = heads[1:] != heads[:-1]
        keys, heads = keys.compress(once), heads.compress(once)  # compress: faster than keys[once]
        texts, ids = heads >> id_bits, (heads & ((1 << id_bits) - 1)).astype(np.intp)
        origin = keys & ((1 << place_bits) - 1)
        chunk_piece = self._chunk_piece[chunks]
        chunk_starts = np.concatenate(([0], np.cumsum(per_text))).astype(np.intp)
        encoded: list[Encoded] = []
        for rows_of, ordered, row_piece in zip(self.rows, self.ordered, self.row_pieces, strict=True):
            rows = rows_of.take(ids)
            known = rows >= 0
            rows, of, origins = (
                rows.compress(known),
                texts.compress(known),
                origin.compress(known).astype(np.int64),
            )
            if not ordered:
                order = np.lexsort((rows, of))
                rows, of, origins = rows[order], of[order], origins[order]
            shown = _Shown(self.pieces, row_piece, chunk_piece, chunk_starts)
            encoded.append(Encoded(rows, np.searchsorted(of, np.arange(total + 1)), cuts, origins, shown))
        return encoded


class _Cuts(Sequence[Pieces]):
    """The pieces of texts, each cut when it is asked for (`Encoded.cuts` of `encode_texts`)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Pieces: ...

    @overload
    def __getitem__(self, index: slice) -> list[Pieces]: ...

    def __getitem__(self, index: int | slice) -> Pieces | list[Pieces]:
        if isinstance(index, slice):
            return [pieces(text) for text in self.texts[index]]
        return pieces(self.texts[index])


def _word_like(token: str) -> bool:
    """Whether `pieces` takes a token starting so for a word (else a mark)."""
    return token[:1].isalnum() or token[:1] == "_"


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
