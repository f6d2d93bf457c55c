"""`patterns`: the fast ways of matching phrase patterns find exactly what `re` ignoring case finds."""

from __future__ import annotations

import random
import re
import string
import tomllib
from importlib import resources

import pytest

from opsloop.converse.patterns import (
    FOLD,
    Caseless,
    PhraseIndex,
    alternation,
    first_characters,
    fold,
    required_literals,
)

TRICKY = "\u0130stanbul \u0131i KELVIN \u212a \u017fo STRASSE Stra\u00dfe \u00dcBER \u00fcber \u03c3\u03c2 \u03a3 \u01c5 \u00b5 \u2126 \u212b"


def _lexicon_phrases() -> list[str]:
    text = resources.files("opsloop.converse").joinpath("lexicon.toml").read_text(encoding="utf-8")
    return [str(p["pattern"]) for p in tomllib.loads(text)["phrase"]]


def _urgency_rules() -> list[list[str]]:
    text = resources.files("opsloop.converse").joinpath("urgency.toml").read_text(encoding="utf-8")
    return [[str(p) for p in rule["phrases"]] for rule in tomllib.loads(text)["rule"]]


def _texts(count: int, seed: int = 0) -> list[str]:
    """Made-up messages from the patterns' own words, in every case, with digits and odd letters."""
    rng = random.Random(seed)
    sources = " ".join(_lexicon_phrases() + [p for rule in _urgency_rules() for p in rule])
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", sources) + TRICKY.split()
    words += ["?", "!", "2", "10+", "4th", "3rd", "I'm", "#SARCASM", "/s", ",", ".", "…", "5 hrs"]
    texts = []
    for _ in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        texts.append(text.upper() if rng.random() < 0.2 else text.title() if rng.random() < 0.2 else text)
    return texts


def test_fold_knows_every_letter_re_takes_for_an_ascii_one() -> None:
    every = "".join(chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code < 0xE000)
    folded = fold(every)
    assert len(folded) == len(every)
    folds_to: dict[str, set[str]] = {}
    for char, into in zip(every, folded, strict=True):
        if into in string.printable:
            folds_to.setdefault(into, set()).add(char)
    for char in string.printable:
        taken = set(re.findall(re.escape(char), every, re.IGNORECASE))
        assert taken == folds_to.get(char.lower(), set()), char
    assert {chr(code) for code in FOLD} == {"\u0130", "\u0131", "\u212a", "\u017f"}


def test_fold_keeps_every_character_in_its_place() -> None:
    for text in [TRICKY, *_texts(200)]:
        assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    "pattern",
    [
        *_lexicon_phrases(),
        *("|".join(rule) for rule in _urgency_rules()),
        r"\b(but|however|aber)\b",
        "straße|über|[a-z]+ing",
        "Capital|[A-Z]x",  # not foldable: matched ignoring case as written
        r"(a)\1",
    ],
)
def test_caseless_matches_what_re_ignoring_case_matches(pattern: str) -> None:
    wrapped = rf"(?<!\w)(?:{pattern})(?!\w)"
    caseless, plain = Caseless(wrapped), re.compile(wrapped, re.IGNORECASE)
    guarded = Caseless.of([pattern], before=r"(?<!\w)", after=r"(?!\w)")
    for text in [TRICKY, *_texts(300)]:
        folded = fold(text)
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in caseless.finditer(text, folded)] == expected, text
        assert [m.span() for m in guarded.finditer(text, folded)] == expected, text


def test_only_plain_lower_case_letters_are_matched_on_folded_text() -> None:
    assert Caseless("thanks? for (nothing|über)").folded
    assert not Caseless("Thanks").folded  # a capital
    assert not Caseless("straße").folded  # ß is taken for more than its own cases
    assert not Caseless("[A-Z]").folded
    assert not Caseless(r"(a)\1").folded


def test_guards_and_first_characters() -> None:
    assert first_characters("(?:(on hold|waiting)|stuck)") == "[ows]"
    assert first_characters(r"\d+ hours") == r"[\d]"
    assert first_characters("a?b?") is None  # may match nothing
    assert first_characters(".x") is None
    # a group of alternatives is guarded by its first letters; a plain letter first needs no guard
    source = alternation(["(on|at) hold", "waiting"], before=r"(?<!\w)")
    assert source == r"(?<!\w)(?:(?=[oa])(?:(on|at) hold)|(?:waiting))"


def test_required_literals_of_patterns() -> None:
    assert required_literals("(waste|wasted|wasting) (of )?(my )?time") == {"waste", "wasting"}
    assert required_literals(r"\d+ hours? (on hold|waiting)") == {"on hold", "waiting"}
    assert required_literals("i.?m sure") == {"m sure"}
    assert required_literals("a|b") is None  # too short to tell anything
    assert required_literals(r"\w+") is None


@pytest.mark.parametrize("patterns", [_lexicon_phrases(), _urgency_rules()])
def test_the_phrase_index_never_leaves_out_a_pattern_that_matches(patterns: list[str | list[str]]) -> None:
    index = PhraseIndex(patterns)
    compiled = [
        re.compile(rf"(?<!\w)(?:{'|'.join(p) if isinstance(p, list) else p})(?!\w)", re.IGNORECASE)
        for p in patterns
    ]
    searched = matched = 0
    for text in [TRICKY, *_texts(3000, seed=1)]:
        candidates = set(index.candidates(fold(text)))
        searched += len(candidates)
        for number, pattern in enumerate(compiled):
            if pattern.search(text):
                matched += 1
                assert number in candidates, (number, text)
    assert matched > 100  # the made-up texts do hold phrases
    assert searched < len(compiled) * 3001 / 2  # and the index leaves most patterns unsearched
