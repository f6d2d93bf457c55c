"""Many case-insensitive phrase patterns (the lexicon's, the urgency rules') searched fast.

Python's `re` is slow at this in two ways, and this module works around both without changing a
single match:

- Ignoring case, it compares every character through its case mapping and cannot skip an alternative
  on its first character. `Caseless` matches the pattern, without ignoring case, against the text
  folded to lower case (`fold`), when the pattern allows it (all its letters written in lower case,
  none that `re` matches to more than its upper and lower case): the matches are then the same, at
  the same places (folding keeps every character in its place). A pattern that does not allow it is
  matched as written, ignoring case.
- It tries every alternative at every place a match could start. `alternation` puts a look-ahead of
  the characters an alternative can start with in front of one that does not start with a plain
  letter (those `re` passes over by itself), so it is passed over at once where it cannot start. The
  look-ahead is implied by the alternative, so nothing else changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any

try:  # the parser `re` itself uses; without it patterns are matched as written
    import re._constants as _c  # type: ignore[import-not-found]
    import re._parser as _parser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - a Python whose `re` is laid out differently
    _parser = None
    _c = None
try:  # the letters `re` takes for others beyond their upper and lower case (ſ for s, ...)
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    _EXTRA_CASES = None

FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})
"""The characters outside ASCII that `re` matches to an ASCII letter when it ignores case (İ ı -> i,
the Kelvin sign -> k, long s -> s); `tests/converse/test_converse_patterns.py` derives them again."""


def fold(text: str) -> str:
    """The text in lower case, each character in its place (as long as the text)."""
    return text.lower() if text.isascii() else text.translate(FOLD).lower()


class Caseless:
    """A pattern matched ignoring case: `search(text, folded)` and `finditer(text, folded)` take the
    text and `fold(text)` and give matches whose `start()` and `end()` are places in either."""

    def __init__(self, source: str) -> None:
        self.folded = _foldable(source)
        self.pattern = re.compile(source, 0 if self.folded else re.IGNORECASE)

    @classmethod
    def of(cls, alternatives: Sequence[str], *, before: str = "", after: str = "") -> Caseless:
        """`before(?:a1|a2|...)after`, each alternative guarded (see the module doc)."""
        probe = _foldable("|".join(f"(?:{a})" for a in alternatives))
        return cls(alternation(alternatives, 0 if probe else re.IGNORECASE, before=before, after=after))

    def search(self, text: str, folded: str) -> re.Match[str] | None:
        return self.pattern.search(folded if self.folded else text)

    def finditer(self, text: str, folded: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(folded if self.folded else text)


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class (`[...]`) of every character a match of `pattern` can start with, or None
    when that cannot be told (it may start with any character, or match the empty string)."""
    if _parser is None:
        return None
    try:
        items, nullable = _first(_parser.parse(pattern, flags))
    except Exception:  # an unusual pattern is simply not guarded
        return None
    if items is None or nullable or not items:
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"


def alternation(alternatives: Sequence[str], flags: int = 0, *, before: str = "", after: str = "") -> str:
    """The source of `before(?:a1|a2|...)after`, where an alternative that does not start with a plain
    letter (compiled with `flags`) is put behind a look-ahead of the characters it can start with."""
    guarded = []
    for alternative in alternatives:
        group = f"(?:{alternative})"
        first = None if _starts_with_literal(group, flags) else first_characters(group, flags)
        guarded.append(group if first is None else f"(?={first}){group}")
    return f"{before}(?:{'|'.join(guarded)}){after}"


def _starts_with_literal(pattern: str, flags: int) -> bool:
    """Whether `re` can pass over the pattern by its first character alone (a plain letter, case kept)."""
    if _parser is None or flags & re.IGNORECASE:
        return False
    try:
        sequence = _parser.parse(pattern, flags)
        while True:
            op, value = sequence[0]
            if op is not _c.SUBPATTERN or value[1] or value[2] or not len(value[3]):
                return bool(op is _c.LITERAL)
            sequence = value[3]
    except Exception:  # an unusual pattern is simply guarded
        return False


def stable_letter(char: str) -> bool:
    """Whether a character of a pattern, matched ignoring case, matches exactly the characters that
    `fold` to it: a lower-case letter (or no letter) without other letters `re` takes for it."""
    return _stable(ord(char))


def _stable(code: int) -> bool:
    char = chr(code)
    if fold(char) != char:
        return False
    if char.isascii():
        return True
    return _EXTRA_CASES is not None and code not in _EXTRA_CASES and char.upper().lower() == char


def _foldable(pattern: str) -> bool:
    """Whether `pattern` matched without ignoring case against folded text finds what it finds
    ignoring case against the text itself (see `_stable`; classes of letters only a..z, digits)."""
    if _parser is None or _EXTRA_CASES is None:
        return False
    try:
        return _foldable_sequence(_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # an unusual pattern is matched as written, ignoring case
        return False


def _foldable_sequence(sequence: Any) -> bool:
    for op, value in sequence:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if not _stable(value):
                return False
        elif op is _c.IN:
            for kind, item in value:
                if kind is _c.LITERAL and not _stable(item):
                    return False
                if kind is _c.RANGE and not (
                    ord("a") <= item[0] <= item[1] <= ord("z") or ord("0") <= item[0] <= item[1] <= ord("9")
                ):
                    return False
                if kind not in (_c.LITERAL, _c.RANGE, _c.CATEGORY, _c.NEGATE):
                    return False
        elif op is _c.SUBPATTERN:
            if value[1] or value[2] or not _foldable_sequence(value[3]):
                return False
        elif op is _c.BRANCH:
            if not all(_foldable_sequence(branch) for branch in value[1]):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            if not _foldable_sequence(value[2]):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not _foldable_sequence(value[1]):
                return False
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            if not _foldable_sequence(value):
                return False
        elif op not in (_c.AT, _c.ANY):
            return False  # back-references and the like
    return True


def _category(code: Any) -> str | None:
    names = {
        "CATEGORY_DIGIT": r"\d",
        "CATEGORY_UNI_DIGIT": r"\d",
        "CATEGORY_WORD": r"\w",
        "CATEGORY_UNI_WORD": r"\w",
        "CATEGORY_SPACE": r"\s",
        "CATEGORY_UNI_SPACE": r"\s",
    }
    return names.get(str(code))


def _char(code: int) -> str:
    return re.escape(chr(code))


_Items = list[str] | None
"""Character-class items ("a", "0-9", "\\d"), or None when an alternative may start with anything."""


def _first(sequence: Any) -> tuple[_Items, bool]:
    """(the class items a match of `sequence` can start with, whether it can match nothing)."""
    items: list[str] = []
    for op, value in sequence:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero width: the next element starts the match
            continue
        if op is _c.LITERAL:
            items.append(_char(value))
            return items, False
        if op is _c.IN:
            for kind, item in value:
                if kind is _c.LITERAL:
                    items.append(_char(item))
                elif kind is _c.RANGE:
                    items.append(f"{_char(item[0])}-{_char(item[1])}")
                elif kind is _c.CATEGORY and _category(item) is not None:
                    items.append(str(_category(item)))
                else:  # a negated class, a category of another kind: anything may start
                    return None, False
            return items, False
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            if add_flags or del_flags:  # flags changed inside: leave it unguarded
                return None, False
            found, nullable = _first(inner)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            found, nullable = _first(value)
        elif op is _c.BRANCH:
            found, nullable = [], False
            for branch in value[1]:
                part, empty = _first(branch)
                if part is None:
                    return None, False
                found += part
                nullable = nullable or empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _high, inner = value
            found, nullable = _first(inner)
            nullable = nullable or low == 0
        else:  # ANY, NOT_LITERAL, a back-reference, ...: anything may start
            return None, False
        if found is None:
            return None, False
        items += found
        if not nullable:
            return items, False
    return items, True


DIGIT = "\x00"
"""In a literal start: any decimal digit."""
_MAX_STARTS = 48
_MAX_LENGTH = 8
_RUN = re.compile(r"\w+")
_KEY = 4
"""How much of a word begins a key (longer beginnings are cut to this)."""


def literal_starts(pattern: str) -> frozenset[str] | None:
    """Folded strings (see `fold`) one of which every match of `pattern` (matched ignoring case)
    begins with (`DIGIT` stands for any digit), or None when the pattern does not say: a text that
    holds none of them at a match's place holds no match. Where the pattern starts with a plain
    look-behind ("(?<=\\?) thanks"), what it looks back at is part of the start."""
    if _parser is None:
        return None
    try:
        found = _starts(list(_parser.parse(pattern, re.IGNORECASE)), 0, at_start=True)
    except Exception:  # an unusual pattern is simply searched every time
        return None
    starts = {start for start, _ in found}
    if not starts or "" in starts:
        return None
    return frozenset(starts)


_Starts = set[tuple[str, bool]]
"""(literal beginning, whether it is the whole rest of the match)."""


def _literal(code: int) -> str | None:
    return chr(code) if _stable(code) else None


def _join(heads: _Starts, tails: _Starts) -> _Starts:
    joined = {(h + t, done) for h, complete in heads if complete for t, done in tails}
    joined |= {(h, False) for h, complete in heads if not complete}
    return _trim(joined)


def _trim(starts: _Starts) -> _Starts:
    starts = {(s[:_MAX_LENGTH], done and len(s) <= _MAX_LENGTH) for s, done in starts}
    length = _MAX_LENGTH
    while len(starts) > _MAX_STARTS and length > 1:
        length -= 1
        starts = {(s[:length], done and len(s) <= length) for s, done in starts}
    return starts


def _starts(sequence: list[Any], i: int, *, at_start: bool) -> _Starts:
    """The literal beginnings of the matches of `sequence[i:]` (see `literal_starts`); `at_start`:
    whether `sequence[i]` is where the whole match starts."""
    if i == len(sequence):
        return {("", True)}
    op, value = sequence[i]
    unknown: _Starts = {("", False)}
    if op is _c.ASSERT and at_start and value[0] < 0:  # a look-behind where the match starts
        behind = _starts(list(value[1]), 0, at_start=False)
        if all(done for _, done in behind):
            return _join(behind, _starts(sequence, i + 1, at_start=True))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _starts(sequence, i + 1, at_start=at_start)
    if op is _c.LITERAL:
        char = _literal(value)
        return unknown if char is None else _join({(char, True)}, _starts(sequence, i + 1, at_start=False))
    if op is _c.IN:
        if [str(kind) for kind, _ in value] == ["CATEGORY"] and _category(value[0][1]) == r"\d":
            return _join({(DIGIT, True)}, _starts(sequence, i + 1, at_start=False))
        chars = [_literal(item) if kind is _c.LITERAL else None for kind, item in value]
        if not chars or len(chars) > 6 or any(c is None for c in chars):
            return unknown
        return _join({(c, True) for c in chars if c is not None}, _starts(sequence, i + 1, at_start=False))
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, inner = value
        if add_flags or del_flags:
            return unknown
        return _join(_starts(list(inner), 0, at_start=at_start), _starts(sequence, i + 1, at_start=False))
    if op is _c.BRANCH:
        heads: _Starts = set()
        for branch in value[1]:
            heads |= _starts(list(branch), 0, at_start=at_start)
        return _join(_trim(heads), _starts(sequence, i + 1, at_start=False))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, inner = value
        once = _starts(list(inner), 0, at_start=at_start)
        rest = _starts(sequence, i + 1, at_start=at_start and low == 0)
        if low == high == 1:
            return _join(once, _starts(sequence, i + 1, at_start=False))
        # the first time through (more may follow: stop there), or not at all when it may be absent
        first = (
            _join(once, _starts(sequence, i + 1, at_start=False))
            if high == 1
            else {(s, False) for s, _ in once}
        )
        return _trim(first | rest) if low == 0 else _trim(first)
    return unknown


class PhraseIndex:
    """Which of many phrase patterns (matched ignoring case, each match beginning a word or with its
    look-behind) a text may hold, told from the words of the text: a pattern is only worth searching
    where the text has a word that begins as one of its `literal_starts` does. Exact: every pattern
    that matches a text is among its candidates. Most texts have few candidates, so few are searched."""

    def __init__(self, patterns: Sequence[str | Sequence[str]]) -> None:
        self.size = len(patterns)
        always: set[int] = set()
        exact: dict[str, set[int]] = {}
        """a whole first word -> patterns"""
        prefix: dict[str, set[int]] = {}
        """the beginning of a first word -> patterns"""
        pairs: dict[str, set[int]] = {}
        """"first second" (the second word's beginning) -> patterns, for short first words"""
        self._odd: list[tuple[str, int]] = []
        """(start, pattern) for starts that begin with neither a letter nor a digit ("#sarcasm")"""
        self._digits: set[int] = set()
        """patterns that may begin with a digit"""
        for number, pattern in enumerate(patterns):
            starts: set[str] = set()
            for source in [pattern] if isinstance(pattern, str) else pattern:
                found = literal_starts(source)
                if found is None:
                    always.add(number)
                    break
                starts |= found
            else:
                for start in starts:
                    if start.startswith(DIGIT):
                        self._digits.add(number)
                        continue
                    word = _RUN.match(start)
                    if word is None:
                        self._odd.append((start.split(DIGIT)[0], number))
                        continue
                    first = word.group(0)
                    rest = start[len(first) :].split(DIGIT)[0]
                    if not rest:
                        prefix.setdefault(first[:_KEY], set()).add(number)
                        continue
                    second = _RUN.match(rest[1:]) if rest[0] == " " else None
                    if len(first) <= 3 and second is not None:
                        pairs.setdefault(f"{first} {second.group(0)[:_KEY]}", set()).add(number)
                    else:
                        exact.setdefault(first, set()).add(number)
        self._always = frozenset(always)
        self._exact, self._prefix, self._pairs = exact, prefix, pairs
        self._exact_keys, self._prefix_keys, self._pair_keys = (
            frozenset(exact),
            frozenset(prefix),
            frozenset(pairs),
        )
        self._prefix_cuts = [itemgetter(slice(0, n)) for n in sorted({len(key) for key in prefix})]
        self._pair_cuts = [
            itemgetter(slice(0, n)) for n in sorted({len(key) - key.index(" ") - 1 for key in pairs})
        ]

    def candidates(self, folded: str) -> list[int]:
        """The patterns (by number, in order) that may match the text whose `fold` is `folded`."""
        found = set(self._always)
        words = _RUN.findall(folded)
        if words:
            for key in self._exact_keys.intersection(words):
                found |= self._exact[key]
            for cut in self._prefix_cuts:
                for key in self._prefix_keys.intersection(map(cut, words)):
                    found |= self._prefix[key]
            if self._pair_keys and len(words) > 1:
                short = [i for i, word in enumerate(words[:-1]) if len(word) <= 3]
                for cut in self._pair_cuts:
                    present = {f"{words[i]} {cut(words[i + 1])}" for i in short}
                    for key in self._pair_keys.intersection(present):
                        found |= self._pairs[key]
            if self._digits and any(word[0].isdecimal() for word in words):
                found |= self._digits
        for start, number in self._odd:
            if number not in found and start in folded:
                found.add(number)
        return sorted(found)
