"""The n-gram features the learned models read: words, word pairs, punctuation and character n-grams.

The same function featurises the training texts (`evals/train_converse.py`) and every message at run
time, so a model file and this module are a pair: `FEATURES_VERSION` is stored in the model file and
checked on load. The text should already be masked (`names.mask_names`): links, handles and names are
gone before a feature is made, so they can carry no weight.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise

import numpy as np
import numpy.typing as npt

FEATURES_VERSION = "ngrams-v1"
CHAR_MIN = 2
CHAR_MAX = 5
_TOKEN = re.compile(r"(\w+(?:'\w+)?)|([^\w\s])", re.UNICODE)
"""A word (with one inner apostrophe) or a mark: each token is the one group it fills."""
_WORDISH = re.compile(r"\w+(?:'\w+)?", re.UNICODE)
_DIGITS = re.compile(r"\d")
_ELONGATED = re.compile(r"(.)\1{2,}")


def normalise(text: str) -> str:
    """Lower case, HTML entities decoded, digits as 0, a character repeated 3+ times kept twice."""
    if "&" in text:
        text = html.unescape(text)
    return _ELONGATED.sub(r"\1\1", _DIGITS.sub("0", text.lower()))


@lru_cache(maxsize=65_536)
def chunk_ngrams(chunk: str) -> tuple[tuple[str, ...], str]:
    """The character n-grams of one space-separated chunk (padded with a space at both ends: " lov",
    "ove!") and the word they are shown under in the evidence. Chunks repeat a lot, hence the cache."""
    padded = f" {chunk} "
    size = len(padded)
    grams = tuple(
        dict.fromkeys(
            "c:" + padded[start : start + n]
            for n in range(CHAR_MIN, min(CHAR_MAX, size) + 1)
            for start in range(size - n + 1)
        )
    )
    return grams, chunk_word(chunk)


@lru_cache(maxsize=65_536)
def chunk_word(chunk: str) -> str:
    """The word a chunk's n-grams are shown under in the evidence (the chunk when it holds none)."""
    word = _WORDISH.search(chunk)
    return word.group(0) if word else chunk


@dataclass(frozen=True)
class Pieces:
    """A normalised text cut into what the features are made of."""

    words: list[str]
    punctuation: list[str]
    pairs: list[str]
    """Adjacent words, "first second"."""
    chunks: list[str]


def pieces(text: str) -> Pieces:
    clean = normalise(text)
    tokens = _TOKEN.findall(clean)
    if not tokens:
        return Pieces([], [], [], clean.split())
    # (word, "") or ("", mark) for each token, in order: the words and the marks, each kept in order
    found_words, found_marks = zip(*tokens, strict=True)
    words = list(filter(None, found_words))
    return Pieces(words, list(filter(None, found_marks)), list(map(" ".join, pairwise(words))), clean.split())


SEPARATOR = "\ua000"
"""What `batch_pieces` joins texts with: a word (a letter without case, so no step of `normalise`
changes it) that a text seldom holds; where one does, the texts are cut one by one."""
_SEPARATE = f" {SEPARATOR} "

BatchPieces = tuple[
    list[str], npt.NDArray[np.intp], list[str], npt.NDArray[np.intp], list[str], npt.NDArray[np.intp]
]
"""(words, the text of each, marks, the text of each, chunks, the text of each) of a batch of texts.
The words hold a `SEPARATOR` between two texts (of the later text): the word pairs of a text are the
pairs of its words, the pairs across two texts hold the separator."""


def batch_pieces(texts: Sequence[str]) -> BatchPieces | None:
    """The pieces of every text (as `pieces` cuts each, in order) cut as one string: the texts joined
    by " SEPARATOR ", normalised and cut once. Each step reads a text as it would alone: HTML entities
    are decoded per text; lower case, digits and `_ELONGATED` (a separator is never three in a row)
    change only characters inside a text or the spaces around a separator (no token, no chunk); the
    spaces around it end every word and chunk. None when a text holds the separator."""
    joined = _SEPARATE.join(html.unescape(text) if "&" in text else text for text in texts)
    if joined.count(SEPARATOR) != max(0, len(texts) - 1):
        return None
    clean = _ELONGATED.sub(r"\1\1", _DIGITS.sub("0", joined.lower()))
    tokens = _TOKEN.findall(clean)
    word_column, mark_column = zip(*tokens, strict=True) if tokens else ((), ())
    # the text of each token: the separators before it (one separator, one text further)
    text_of = np.cumsum(np.fromiter(map(SEPARATOR.__eq__, word_column), dtype=bool, count=len(tokens)))
    is_word = np.fromiter(map(bool, word_column), dtype=bool, count=len(tokens))
    chunks = clean.split()
    separators = np.fromiter(map(SEPARATOR.__eq__, chunks), dtype=bool, count=len(chunks))
    kept = ~separators
    return (
        list(filter(None, word_column)),
        text_of.compress(is_word),
        list(filter(None, mark_column)),
        text_of.compress(~is_word),
        list(compress(chunks, kept.tolist())),
        np.cumsum(separators).compress(kept),
    )


def featurise(text: str) -> dict[str, str]:
    """The features of a (masked) text, each once, in a fixed order, with the piece of text each came
    from (for the evidence): `w:word`, `b:word word` (adjacent words), `p:!` (punctuation, emoji) and
    `c:ngram` (character n-grams of each chunk, shown under the chunk's word)."""
    cut = pieces(text)
    # A dict keeps each feature once in a fixed order (a set's order changes between processes).
    features: dict[str, str] = {}
    for word in cut.words:
        features["w:" + word] = word
    for mark in cut.punctuation:
        features["p:" + mark] = mark
    for pair in cut.pairs:
        features["b:" + pair] = pair
    for chunk in cut.chunks:
        grams, word = chunk_ngrams(chunk)
        for gram in grams:
            features.setdefault(gram, word)
    return features
