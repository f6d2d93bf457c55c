"""VADER's compound score, computed as vaderSentiment 3.3.2 computes it, at a fraction of the cost.

`SentimentIntensityAnalyzer.polarity_scores` lower-cases the whole message again for every word it
checks for negation and idioms, and walks the text character by character for emoji. This is the same
arithmetic, in the same order (so the same floats), over tables built once: the word list lower-cased
once per message, the emoji walk only for text that is not ASCII (every emoji VADER knows is not).
Only the compound score is computed (the analysis uses nothing else). The tables (lexicon, boosters,
idioms, negations) are vaderSentiment's own; `tests/converse/test_converse_vader.py` and the eval check
the scores equal VADER's.

One change, made on purpose for opsloop's phrase and emoji tokens (`skip_negation_prefix`): a word
that starts with it is never negated (the analyzer's `_negation_check` is overridden the same way in
`sentiment.py`'s history; a phrase already says what it means).
"""

from __future__ import annotations

import math
import string
from operator import itemgetter
from typing import cast

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
)

_NEGATE = frozenset(NEGATE)
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")
_PUNCTUATION = string.punctuation
_ALPHA = 15
_IDIOM_WORDS = frozenset(
    word for key in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in key for word in key.split(" ")
)
"""The words of VADER's idioms of several words: a window of words with none of them holds none."""
_TOKENS_KEPT = 100_000
_Info = tuple[str, str, bool, bool]
"""A token's (word, lower case, all capitals, a lexicon word that is not a booster)."""
_WORD_OF, _LOWER_OF, _UPPER_OF = itemgetter(0), itemgetter(1), itemgetter(2)


def _strip_punctuation(token: str) -> str:
    stripped = token.strip(_PUNCTUATION)
    return token if len(stripped) <= 2 else stripped


def _negated(word: str) -> bool:
    return word in _NEGATE or "n't" in word


def _scalar(word: str, lower: str, valence: float, cap_differs: bool) -> float:
    """VADER's `scalar_inc_dec`: the push of a booster or dampener word before a sentiment word."""
    scalar = 0.0
    if lower in BOOSTER_DICT:
        scalar = BOOSTER_DICT[lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and cap_differs:
            if valence > 0:
                scalar += C_INCR
            else:
                scalar -= C_INCR
    return scalar


class Vader:
    """`compound(text)` equals `SentimentIntensityAnalyzer(...).polarity_scores(text)["compound"]`
    for an analyzer whose lexicon is `lexicon` and whose emoji are `emojis`."""

    def __init__(self, lexicon: dict[str, float], emojis: dict[str, str], skip_negation_prefix: str = ""):
        self.lexicon = lexicon
        self.emojis = emojis
        self.skip_negation_prefix = skip_negation_prefix
        self._tokens: dict[str, _Info] = {}
        """token -> `_token(token)`: tokens repeat a lot."""

    def _token(self, token: str) -> _Info:
        """(word, lower case, all capitals, a lexicon word that is not a booster) of a token."""
        word = _strip_punctuation(token)
        low = word.lower()
        info = (word, low, word.isupper(), low in self.lexicon and low not in BOOSTER_DICT)
        if len(self._tokens) >= _TOKENS_KEPT:
            self._tokens.clear()
        self._tokens[token] = info
        return info

    def _describe_emoji(self, text: str) -> str:
        pieces: list[str] = []
        prev_space = True
        for char in text:
            description = self.emojis.get(char)
            if description is not None:
                if not prev_space:
                    pieces.append(" ")
                pieces.append(description)
                prev_space = False
            else:
                pieces.append(char)
                prev_space = char == " "
        return "".join(pieces)

    def compound(self, text: str) -> float:
        if not text.isascii():
            text = self._describe_emoji(text)
        text = text.strip()
        split = text.split()
        cached = list(map(self._tokens.get, split))
        known: list[_Info] = (
            cast(list[_Info], cached)
            if None not in cached
            else [
                self._token(token) if info is None else info
                for token, info in zip(split, cached, strict=True)
            ]
        )
        # the places of lexicon words (the rest score 0): none, and the message scores 0
        scored = [i for i, info in enumerate(known) if info[3]]
        if not scored:
            return 0.0
        words = list(map(_WORD_OF, known))
        lower = list(map(_LOWER_OF, known))
        capitals = sum(map(_UPPER_OF, known))
        count = len(words)
        cap_differs = 0 < count - capitals < count
        sentiments: list[float] = [0] * count
        for i in scored:
            if lower[i] == "kind" and i < count - 1 and lower[i + 1] == "of":
                continue
            sentiments[i] = self._valence(words, lower, i, cap_differs)
        if "but" in lower:
            sentiments = _but_check(lower, sentiments)
        total = float(sum(sentiments))
        emphasis = _punctuation_emphasis(text)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        score = total / math.sqrt((total * total) + _ALPHA)
        return round(max(-1.0, min(1.0, score)), 4)

    def _valence(self, words: list[str], lower: list[str], i: int, cap_differs: bool) -> float:
        """VADER's `sentiment_valence` for a lexicon word (and its `_least_check`)."""
        lexicon = self.lexicon
        low = lower[i]
        count = len(words)
        valence = lexicon[low]
        if low == "no" and i != count - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in _OR_NOR)
        ):
            valence = lexicon[low] * N_SCALAR
        if words[i].isupper() and cap_differs:
            if valence > 0:
                valence += C_INCR
            else:
                valence -= C_INCR
        negatable = not (self.skip_negation_prefix and low.startswith(self.skip_negation_prefix))
        for start_i in range(0, 3):
            if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                s = _scalar(words[i - (start_i + 1)], lower[i - (start_i + 1)], valence, cap_differs)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                if negatable:
                    valence = _negation_check(valence, lower, start_i, i)
                if start_i == 2 and not _IDIOM_WORDS.isdisjoint(lower[i - 3 : i + 3]):
                    valence = _special_idioms_check(valence, lower, i)
        if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            valence = valence * N_SCALAR
        return valence


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    if start_i == 0 and _negated(lower[i - 1]):
        valence = valence * N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and lower[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if (lower[i - 3] == "never" and lower[i - 2] in _SO_THIS) or lower[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    one_zero = f"{lower[i - 1]} {lower[i]}"
    two_one_zero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    two_one = f"{lower[i - 2]} {lower[i - 1]}"
    three_two_one = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    three_two = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in SPECIAL_CASES:
            valence = SPECIAL_CASES[sequence]
            break
    if len(lower) - 1 > i:
        zero_one = f"{lower[i]} {lower[i + 1]}"
        if zero_one in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one]
    if len(lower) - 1 > i + 1:
        zero_one_two = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zero_one_two in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _but_check(lower: list[str], sentiments: list[float]) -> list[float]:
    """VADER's `_but_check`, as written (it finds each value's first equal, not its own place)."""
    but = lower.index("but")
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < but:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > but:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
    return sentiments


def _punctuation_emphasis(text: str) -> float:
    ep_amplifier = min(text.count("!"), 4) * 0.292
    questions = text.count("?")
    qm_amplifier: float = 0
    if questions > 1:
        qm_amplifier = questions * 0.18 if questions <= 3 else 0.96
    return ep_amplifier + qm_amplifier
