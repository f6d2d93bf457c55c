"""`vader.Vader` scores as vaderSentiment's analyzer scores, on its own examples, on the corners of its
rules and on real messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from opsloop.converse.sentiment import _default_scorer
from opsloop.converse.vader import Vader

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "chats"
CORNERS = [
    # vaderSentiment's own examples
    "VADER is smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "On the other hand, VADER is quite bad ass",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    # the corners of its rules
    "good good but bad bad but good",
    "no good at all, no no problem, no or nor good",
    "it is sort of good and kind of bad, kind of",
    "never so good, never this bad, without doubt good",
    "GREAT GREAT GREAT",
    "great GREAT great",
    "??? really ?? bad !!!!!!",
    "the bomb is the shit, to die for, yeah right, kiss of death",
    "   ",
    "",
    "😡😡 😍",
    "I can't stand it, fed up, screwed up",
    "least good, very least good, at least good",
]


def _texts() -> list[str]:
    texts = list(CORNERS)
    tweets = DATA / "airline_tweets" / "all_dev.jsonl"
    if tweets.is_file():
        texts += [json.loads(line)["text"] for line in tweets.read_text(encoding="utf-8").splitlines()[:3000]]
    tickets = DATA / "synthetic_it_tickets" / "all_complete_rows.jsonl"
    if tickets.is_file():
        texts += [
            str(json.loads(line).get("body") or "")
            for line in tickets.read_text(encoding="utf-8").splitlines()[:300]
        ]
    return texts


def test_vader_scores_as_vader_sentiment_does() -> None:
    analyzer = SentimentIntensityAnalyzer()
    fast = Vader(dict(analyzer.lexicon), analyzer.emojis)
    for text in _texts():
        assert fast.compound(text) == analyzer.polarity_scores(text)["compound"], text


class _NeverNegated(SentimentIntensityAnalyzer):  # type: ignore[misc]
    """The analyzer as opsloop used it before `vader.py`: its own words are never negated."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def _negation_check(self, valence: float, words: list[str], start_i: int, i: int) -> float:
        if words[i].lower().startswith(self.prefix):
            return valence
        return float(super()._negation_check(valence, words, start_i, i))


@pytest.mark.parametrize(
    "text",
    [
        "without question the zqxm service",
        "not zqxa, never zqxb but zqxc",
        "no zqxbab zqxpad zqxpad zqxpad good",
        "isn't great. zqxpad zqxpad zqxpad zqxj",
        "ZQXA really zqxa",
    ],
)
def test_phrase_tokens_are_never_negated_as_before(text: str) -> None:
    scorer = _default_scorer()
    reference = _NeverNegated("zqx")
    reference.lexicon = dict(scorer.vader_lexicon)
    assert scorer.vader.compound(text) == reference.polarity_scores(text)["compound"]


def test_opsloop_lexicon_scores_as_the_analyzer_with_it_did() -> None:
    scorer = _default_scorer()
    reference = _NeverNegated("zqx")
    reference.lexicon = dict(scorer.vader_lexicon)
    for sample in _texts()[:1000]:
        assert scorer.vader.compound(sample) == reference.polarity_scores(sample)["compound"], sample
