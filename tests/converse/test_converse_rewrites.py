"""Patterns rewritten for speed find what their plain forms find (random texts over the characters
that matter), and a name mask's quick look for its names never skips a text it would change."""

from __future__ import annotations

import random
import re
from dataclasses import replace

from opsloop.converse import sentiment, urgency
from opsloop.converse.names import MENTION, _compile, name_mask
from opsloop.converse.patterns import PhraseIndex


def _random_texts(alphabet: str, count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16))) for _ in range(count)]


def test_the_caps_word_pattern_finds_what_the_plain_one_finds() -> None:
    plain = re.compile(r"\b[A-ZÄÖÜ]{2,}\b")
    for text in [*_random_texts("AÄBcÖ d_1!é\nZ", 20_000, seed=1), "STOP THIS NOW", "aSTOP", "_OK"]:
        assert urgency._CAPS_WORD.findall(text) == plain.findall(text), text


def test_amounts_are_still_found() -> None:
    points, signals = urgency.read_urgency("they charged me $1,200 and €15")
    assert ("money", "$1,200", urgency.load_urgency_rules().points["big_money"]) in signals
    assert points > 0
    assert [s for s in urgency.read_urgency("charged me twice")[1] if s[1].startswith("$")] == []


def test_a_name_mask_looks_for_its_names_first_and_cuts_the_same() -> None:
    names = ["US Airways", "United", "Delta", "AmericanAir", "Kelvin", "Sky"]
    mask = name_mask(names)
    assert mask.needles is not None
    plain = replace(mask, needles=None)
    rnd = random.Random(3)
    parts = ["united", "UNITED", "Delta", "us", "US", "airways", "\u212aelvin", "ſky", "Sky", "Fail", "x"]
    texts = [
        "".join(rnd.choice([*parts, " ", "  ", "#", "_", "'s", "@"]) for _ in range(rnd.randint(0, 8)))
        for _ in range(20_000)
    ] + ["UNITED lost it", "#UnitedFail again", "us   airways", "\u212aELVIN", "Delta's"]
    changed = 0
    for text in texts:
        assert mask.apply(text) == plain.apply(text), text
        changed += mask.apply(text) != text
    assert changed > 100


def test_a_name_folding_cannot_find_is_left_to_the_pattern() -> None:
    assert _compile(frozenset({"straße", "delta"})).needles is None  # ß is matched as more than ß
    assert _compile(frozenset({"delta"})).needles is not None


def test_indexes_sharing_their_literal_pass_give_the_candidates_each_gives_alone() -> None:
    first = ["(still|been) waiting", "on hold", "(cancel|close) my (account|booking)"]
    second = [["waiting for (an )?hours?", "on hold again"], ["cancell?ed", "refund"], ["hold"]]
    alone = (PhraseIndex(first), PhraseIndex(second))
    shared = (PhraseIndex(first), PhraseIndex(second))
    PhraseIndex.share(shared)
    rnd = random.Random(4)
    words = ["still", "waiting", "on", "hold", "again", "cancel", "cancelled", "my", "account", "hours", "x"]
    texts = [" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 7))) for _ in range(5_000)]
    for text in texts:
        for own, other in zip(alone, shared, strict=True):
            assert own.candidates(text) == other.candidates(text), text
    assert shared[1].candidates("on hold again") == [0, 2]


def test_the_handle_patterns_find_what_the_plain_ones_find() -> None:
    plain = re.compile(r"(?<![\w@])@(\w+)")
    texts = [*_random_texts("@ab_1 é.@@\n", 20_000, seed=5), "@united thanks @Delta_Air a@b @@x"]
    for text in texts:
        assert MENTION.findall(text) == plain.findall(text), text
        assert MENTION.sub(" ", text) == plain.sub(" ", text), text
        assert sentiment._MENTION.sub(" ", text) == plain.sub(" ", text), text
