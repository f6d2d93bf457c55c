"""Names carry no sentiment: links, @handles, and company or product names are cut out of a message
before either engine (the lexicon or the learned model) reads it.

A name comes from the caller (the ERP mirror's vendor and item names, a deployment's own brand) and
from the @handles of the conversation itself: "@united" makes "united" a name in every message of that
conversation, "@AmericanAir" also "American Air", "@USAirways" also "US Airways" (and a name of
several words also run together: "USAirways"). A name is matched case-insensitively as a whole word or
at the start of a CamelCase run ("#UnitedFail" keeps "#Fail"); it is removed as if it had not been
written, so "Love united!!" reads as "Love !!" to both engines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from opsloop.converse.patterns import fold, stable_letter

URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
MENTION = re.compile(r"(?<![\w@])@(\w+)")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[\s_]+")
_SPACES = re.compile(r"[ \t]{2,}")
_WORD = re.compile(r"\w+")
MIN_NAME_LENGTH = 3
"""Shorter names ("HP", "3M") would cut ordinary words; they are left in the text."""


def handles(text: str) -> list[str]:
    """The @handles written in a text, without the '@'."""
    return MENTION.findall(text)


def name_variants(name: str) -> set[str]:
    """How a name or handle may be written in running text: as given, and split where its CamelCase or
    underscores join words ("AmericanAir" -> "American Air", "us_airways" -> "us airways")."""
    name = name.strip().lstrip("@")
    if not name:
        return set()
    variants = {_SEPARATORS.sub(" ", name)}
    variants.add(_SEPARATORS.sub(" ", _CAMEL.sub(" ", name)))
    variants |= {v.replace(" ", "") for v in variants}  # "US Airways" is also written "USAirways"
    return {v.strip() for v in variants if len(v.strip()) >= MIN_NAME_LENGTH}


@dataclass(frozen=True)
class NameMask:
    """A compiled set of names to cut out of text (see the module doc)."""

    names: frozenset[str]
    pattern: re.Pattern[str] | None
    starts: frozenset[str] | None = None
    """The first letters (up to five, lower case) of every name: a text with no word that begins so
    holds no name, and is left as it is without searching it. None: always searched."""

    def apply(self, text: str) -> str:
        if self.pattern is None:
            return text
        if self.starts is not None:
            lengths = {len(start) for start in self.starts}
            words = _WORD.findall(fold(text))
            if self.starts.isdisjoint({word[:length] for word in words for length in lengths}):
                return text
        return self.pattern.sub("", text)


@lru_cache(maxsize=512)
def _compile(names: frozenset[str]) -> NameMask:
    if not names:
        return NameMask(names, None)
    # Longest first, so "US Airways" wins over "US"; words inside a name may be separated by any space.
    # A name is matched in any case as a whole word, or at the start of a CamelCase run ("#UnitedFail",
    # "UnitedAirlines": the rest of the run stays, with what it says).
    ordered = sorted(names, key=lambda n: (-len(n), n))
    body = "|".join(r"\s+".join(re.escape(part) for part in n.split(" ")) for n in ordered)
    # a name begins a word: its first word (all of it, or the start of a CamelCase run) begins it
    firsts = {n.split(" ")[0] for n in names}
    stable = all(_WORD.fullmatch(first) and all(stable_letter(c) for c in first) for first in firsts)
    return NameMask(
        names,
        re.compile(rf"(?<!\w)(?i:{body})(?:(?!\w)|(?=[A-Z]))"),
        frozenset(first[:5] for first in firsts) if stable else None,
    )


def name_mask(names: Iterable[str] = ()) -> NameMask:
    """The mask for these names (their variants included); compiled once per distinct set."""
    return _mask_for(tuple(names))


@lru_cache(maxsize=1024)
def _mask_for(names: tuple[str, ...]) -> NameMask:
    variants: set[str] = set()
    for name in names:
        variants |= {v.lower() for v in name_variants(name)}
    return _compile(frozenset(variants))


def mask_names(text: str, names: Iterable[str] = (), *, mask: NameMask | None = None) -> str:
    """The text without links, @handles and names: the handles in the text itself count as names, and
    so do `names` (or a precompiled `mask`)."""
    if "://" in text or "www." in fold(text):  # what a link starts with, in any case
        text = URL.sub(" ", text)
    own = handles(text) if "@" in text else []
    if own:
        text = MENTION.sub(" ", text)
    if mask is not None:
        text = mask.apply(text)
    if own or names:
        text = name_mask([*own, *names]).apply(text)
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()
