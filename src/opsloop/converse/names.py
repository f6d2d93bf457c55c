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
MENTION = re.compile(r"@(?<![\w@]@)(\w+)")
r"""An @handle: `(?<![\w@])@(\w+)`, written to start with its '@' (so `re` looks for one before trying
the rest; the look-behind is what may not come before the '@')."""
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[\s_]+")
_SPACES = re.compile(r"[ \t]{2,}")
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
    needles: tuple[str, ...] | None = None
    """The first words of the names, in lower case, looked for in the folded text (`patterns.fold`)
    before the pattern is searched: a text without any of them holds no name (most texts). None when
    a name holds a character that folding does not match as ignoring case does (then the pattern
    alone decides)."""

    def apply(self, text: str) -> str:
        if self.pattern is None:
            return text
        if self.needles is not None and not any(map(fold(text).__contains__, self.needles)):
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
    # names in lower case, of letters folding matches as ignoring case does: wherever the pattern
    # finds a name, the folded text holds its first word
    foldable = all(n == n.lower() and all(map(stable_letter, n)) for n in names)
    needles = tuple(sorted({n.split(" ")[0] for n in names})) if foldable else None
    return NameMask(names, re.compile(rf"(?<!\w)(?i:{body})(?:(?!\w)|(?=[A-Z]))"), needles)


def name_mask(names: Iterable[str] = ()) -> NameMask:
    """The mask for these names (their variants included); compiled once per distinct set."""
    return _mask_for(tuple(names))


@lru_cache(maxsize=1024)
def _mask_for(names: tuple[str, ...]) -> NameMask:
    variants: set[str] = set()
    for name in names:
        variants |= _variants(name)
    return _compile(frozenset(variants))


@lru_cache(maxsize=4096)
def _variants(name: str) -> frozenset[str]:
    return frozenset(v.lower() for v in name_variants(name))


def _mask_with_handles(own: list[str], names: tuple[str, ...], text: str) -> NameMask:
    """`name_mask([*own, *names])` for a text whose own handles are `own`. A handle whose variants are
    all among the names' already, or none of which is written in the text, cannot change what the
    mask cuts: then the names' own mask (compiled once) does the same, without compiling another."""
    base = _mask_for(names)
    extra = set().union(*(_variants(handle) for handle in own)) - base.names
    if not extra:
        return base
    folded = fold(text)
    if all(_literal_first_part(variant) and variant.split(" ")[0] not in folded for variant in extra):
        return base
    every = base.names | extra
    if all(map(_literal_first_part, every)):
        # only the names whose first part the text holds can match: the mask of those alone cuts
        # the same (a few names compile far faster than all of them, and a text's own handles
        # make a new set of names for nearly every text)
        return _compile(frozenset(v for v in every if v.split(" ")[0] in folded))
    return _mask_for((*own, *names))


@lru_cache(maxsize=4096)
def _literal_first_part(variant: str) -> bool:
    """Whether the first part of a (lower-case) name is matched, ignoring case, only where its folded
    text is (so a text that does not hold it holds no match of the name)."""
    return all(stable_letter(c) for c in variant.split(" ")[0])


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
        text = _mask_with_handles(own, tuple(names), text).apply(text)
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()
