"""Offline sentiment of one message: VADER plus opsloop's support-domain lexicon (`lexicon.toml`).

How it goes beyond raw VADER:
- support vocabulary ("delayed", "still waiting", "on hold for an hour", "no response") has valence;
  polite request words ("please", "help", "sorry") have none;
- multi-word phrases (incl. sarcasm markers like "thanks for nothing", "great, another delay") are
  replaced by one token carrying the phrase's valence, so VADER's negation, boosters and "but"
  weighting still apply around them and the words inside them stop counting on their own;
- emoji carry their own valence; negators of other languages (nicht, kein, pas, ...) negate;
- social noise (@handles, links, '#') is removed before scoring, CamelCase hashtags are split.
Every contribution is returned as a Signal (the evidence).
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

from opsloop.converse.patterns import Caseless, PhraseIndex, fold
from opsloop.converse.vader import Vader
from opsloop.domain.conversations import SentimentLabel, Signal

LEXICON_VERSION = "lexicon-v1"
POSITIVE_THRESHOLD = 0.30
"""Compound score at or above which a message is positive."""
NEGATIVE_THRESHOLD = -0.10
"""Compound score at or below which a message is negative (support text leans negative when it says
anything at all, so the negative side needs less)."""

_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"@(?<![\w@]@)\w+")
r"""`(?<![\w@])@\w+`, starting with its '@' (see `names.MENTION`)."""
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[\w']+", re.UNICODE)
_ELONGATED = re.compile(r"(\w)\1{2,}")
_REPEATED = re.compile(r"(\w)\1+")
_TOKEN_PREFIX = "zqx"
_SENTENCE_END = re.compile(r"(?<=[.!?;:…])(?=\s|$)")
"""Where a sentence ends: after its marks, before a space or the end."""
_CONTRAST = Caseless(r"\b(but|however|although|though|aber|jedoch|allerdings|pero|mais)\b")


@dataclass(frozen=True)
class _Phrase:
    source: str
    """The pattern as written in the lexicon."""
    pattern: re.Pattern[str]
    valence: float
    kind: str
    token: str


@dataclass(frozen=True)
class Lexicon:
    version: str
    words: dict[str, float]
    phrases: tuple[_Phrase, ...]
    emoji: dict[str, float]
    negators: frozenset[str]
    tags: dict[str, str]


SignalParts = tuple[str, str, float]
"""A signal as plain values: (kind, phrase, weight)."""


@dataclass(frozen=True)
class MessageSentiment:
    score: float
    label: SentimentLabel
    signals: list[Signal]


def _token(index: int) -> str:
    # Letters only, so VADER's tokenizer keeps it whole; never a real word.
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"{_TOKEN_PREFIX}{letters}"


def _parse_lexicon(raw: dict[str, Any]) -> Lexicon:
    phrases = tuple(
        _Phrase(
            source=str(item["pattern"]),
            pattern=re.compile(rf"(?<!\w)(?:{item['pattern']})(?!\w)", re.IGNORECASE),
            valence=float(item["valence"]),
            kind=str(item.get("kind", "sentiment")),
            token=_token(i),
        )
        for i, item in enumerate(raw.get("phrase", []))
    )
    return Lexicon(
        version=str(raw.get("version", LEXICON_VERSION)),
        words={str(k).lower(): float(v) for k, v in raw.get("words", {}).items()},
        phrases=phrases,
        emoji={str(k): float(v) for k, v in raw.get("emoji", {}).items() if not str(k).isascii()},
        negators=frozenset(str(n).lower() for n in raw.get("negators", [])),
        tags={str(k).lower(): str(v) for k, v in raw.get("tags", {}).items()},
    )


@cache
def load_lexicon() -> Lexicon:
    """The lexicon shipped with the package (`opsloop/converse/lexicon.toml`)."""
    text = resources.files("opsloop.converse").joinpath("lexicon.toml").read_text(encoding="utf-8")
    return _parse_lexicon(tomllib.loads(text))


class _Scorer:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        analyzer = _raw_vader()
        # A lexicon of our own: extending it leaves VADER's (and the raw baseline's) alone.
        self.vader_lexicon: dict[str, float] = dict(analyzer.lexicon)
        self.vader_lexicon.update(lexicon.words)
        for phrase in lexicon.phrases:
            self.vader_lexicon[phrase.token] = phrase.valence
        self.emoji_tokens = {e: _token(10_000 + i) for i, e in enumerate(lexicon.emoji)}
        for emoji, token in self.emoji_tokens.items():
            self.vader_lexicon[token] = lexicon.emoji[emoji]
        # Our phrase and emoji tokens are never negated: a phrase already says what it means ("worst
        # service" stays negative in "without question the worst service").
        self.vader = Vader(self.vader_lexicon, analyzer.emojis, skip_negation_prefix=_TOKEN_PREFIX)
        self.emoji_pattern = (
            re.compile("|".join(re.escape(e) for e in sorted(lexicon.emoji, key=len, reverse=True)))
            if lexicon.emoji
            else None
        )
        self.negate = frozenset(NEGATE) | lexicon.negators
        self.negators_are_words = all(_WORD.fullmatch(n) for n in lexicon.negators)
        # Each phrase alone (for its spans), and all of them at once (most messages hold none).
        self.phrase_patterns = [
            Caseless.of([p.source], before=r"(?<!\w)", after=r"(?!\w)") for p in lexicon.phrases
        ]
        # which phrases a message may hold, from its words: most hold none, and none is searched
        self.phrase_index = PhraseIndex([p.source for p in lexicon.phrases])

    def _known(self, word: str) -> bool:
        return word in self.vader_lexicon or word in self.lexicon.words

    def _respell(self, text: str) -> str:
        """Elongated words ("soooo", "awwweeesome") are mapped to lexicon words when one fits."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            if len(lower) < 4 or not _ELONGATED.search(lower) or self._known(lower):
                return word
            for candidate in (
                _ELONGATED.sub(r"\1\1", lower),
                _ELONGATED.sub(r"\1", lower),
                _REPEATED.sub(r"\1", lower),
            ):
                if self._known(candidate):
                    return candidate
            return word

        return _WORD.sub(fix, text)

    def _split_tag(self, tag: str) -> str:
        """A run-together hashtag ("badservice", "unitedfail") is split off at a strong lexicon word."""
        lower = tag.lower()
        if lower in self.lexicon.tags:
            return self.lexicon.tags[lower]
        if len(lower) < 7 or not lower.isalpha() or self._known(lower) or not tag.islower():
            return tag
        for cut in range(len(lower) - 3, 2, -1):
            head, tail = lower[:cut], lower[cut:]
            if len(tail) >= 4 and self._strong(tail):
                return f"{head} {tail}"
            if self._strong(head) and len(tail) >= 3:
                return f"{head} {tail}"
        return tag

    def _strong(self, word: str) -> bool:
        valence = self.lexicon.words.get(word, self.vader_lexicon.get(word))
        return valence is not None and abs(valence) >= 1.5

    def score(self, text: str) -> MessageSentiment:
        score, found = self.read(text)
        return MessageSentiment(
            score=score,
            label=label_score(score),
            signals=[Signal(kind=kind, phrase=phrase, weight=weight) for kind, phrase, weight in found],
        )

    def read(self, text: str) -> tuple[float, list[SignalParts]]:
        """The score and the (kind, phrase, weight) of each signal, as plain values."""
        if "#" in text:
            text = _HASHTAG.sub(lambda m: "#" + self._split_tag(m.group(1)), text)
        clean = normalise_text(text)
        if _ELONGATED.search(clean):
            clean = self._respell(clean)
        signals: list[SignalParts] = []
        spans: list[tuple[int, int, _Phrase]] = []
        folded = fold(clean)
        for number in self.phrase_index.candidates(folded):
            phrase = self.lexicon.phrases[number]
            for match in self.phrase_patterns[number].finditer(clean, folded):
                if match.end() > match.start():
                    spans.append((match.start(), match.end(), phrase))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        chosen: list[tuple[int, int, _Phrase]] = []
        last_end = -1
        for start, end, phrase in spans:
            if start >= last_end:
                chosen.append((start, end, phrase))
                last_end = end
        pieces: list[str] = []
        cursor = 0
        for start, end, phrase in chosen:
            pieces.append(clean[cursor:start])
            pieces.append(f" {phrase.token} ")
            cursor = end
            signals.append((phrase.kind, clean[start:end], phrase.valence))
        pieces.append(clean[cursor:])
        vader_text = "".join(pieces)
        if self.emoji_pattern is not None and not vader_text.isascii():  # every emoji listed is non-ASCII
            for found in self.emoji_pattern.findall(vader_text):
                signals.append(("emoji", found, self.lexicon.emoji[found]))
            vader_text = self.emoji_pattern.sub(lambda m: f" {self.emoji_tokens[m.group(0)]} ", vader_text)
        words = _WORD.findall(vader_text)
        lowered = [w.lower() for w in words]
        negators = self.lexicon.negators
        # a negator written alone is one of the words found (when every negator is one word)
        if negators and (not self.negators_are_words or not negators.isdisjoint(lowered)):
            vader_text = " ".join("not" if w.lower() in negators else w for w in vader_text.split(" "))
        own, known = self.lexicon.words, self.vader_lexicon
        # our words are in VADER's lexicon too: a word that is not has nothing to say
        for i in [i for i, word in enumerate(lowered) if word in known]:
            word = lowered[i]
            valence = own.get(word)
            if valence:
                signals.append(("sentiment", words[i], valence))
            elif valence is None and not word.startswith(_TOKEN_PREFIX):
                signals.append(("sentiment", words[i], known[word]))
            if i and any(w in self.negate or w.endswith("n't") for w in lowered[max(0, i - 3) : i]):
                signals.append(("negation", " ".join(words[max(0, i - 3) : i + 1]), 0.0))
        if signals:
            contrast = _CONTRAST.search(clean, folded)
            if contrast is not None:
                signals.append(("contrast", clean[contrast.start() : contrast.end()], 0.0))
        # VADER looks up to three words back for a negator, across sentence ends too ("no food? Bad
        # service"): pad each sentence end so a negation stays in its own sentence.
        vader_text = _SENTENCE_END.sub(" zqxpad zqxpad zqxpad ", vader_text)
        return self.vader.compound(vader_text), signals


def normalise_text(text: str) -> str:
    """Strip what is not language: HTML entities, links, @handles; split #CamelCase tags."""
    text = html.unescape(text)
    if "://" in text or "www." in fold(text):  # what a link starts with, in any case
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    if "#" in text:
        text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    if "  " in text or not text.isprintable():  # every space but " " is unprintable
        text = _SPACES.sub(" ", text)
    return text.strip()


def label_score(score: float) -> SentimentLabel:
    if score >= POSITIVE_THRESHOLD:
        return SentimentLabel.POSITIVE
    if score <= NEGATIVE_THRESHOLD:
        return SentimentLabel.NEGATIVE
    return SentimentLabel.NEUTRAL


@cache
def _default_scorer() -> _Scorer:
    return _Scorer(load_lexicon())


def score_message(text: str, *, lexicon: Lexicon | None = None) -> MessageSentiment:
    """Sentiment of one message: score in -1..1, label, and the signals that produced it."""
    scorer = _default_scorer() if lexicon is None else _Scorer(lexicon)
    return scorer.score(text)


def phrase_index() -> PhraseIndex:
    """The index of the shipped lexicon's phrases (`patterns.PhraseIndex`)."""
    return _default_scorer().phrase_index


def read_sentiment(text: str) -> tuple[float, list[SignalParts]]:
    """`score_message` as plain values: the score and each signal's (kind, phrase, weight)."""
    return _default_scorer().read(text)


def score_vader(text: str) -> float:
    """Raw VADER compound (the eval's baseline), on the untouched text."""
    return float(_raw_vader().polarity_scores(text)["compound"])


@cache
def _raw_vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()
