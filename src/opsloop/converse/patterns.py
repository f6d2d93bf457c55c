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
from collections.abc import Iterable, Iterator, Sequence
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


_MAX_STRINGS = 64
_MAX_LENGTH = 24


def required_literals(pattern: str) -> frozenset[str] | None:
    """Folded strings (see `fold`) of which every match of `pattern` (matched ignoring case) holds
    at least one, or None when the pattern does not say: a folded text that holds none of them holds
    no match. Worked out from the pattern: the longest run of plain letters (with their alternatives
    and optional parts) every match must go through."""
    if _parser is None:
        return None
    try:
        _exact, need = _literals(list(_parser.parse(pattern, re.IGNORECASE)))
    except Exception:  # an unusual pattern is simply searched every time
        return None
    return None if need is None else frozenset(_shortest(need))


_Strings = set[str] | None


def _shortest(strings: set[str]) -> set[str]:
    """Without the strings that hold another one of them ("cancel" already finds "cancelled")."""
    return {s for s in strings if not any(t != s and t in s for t in strings)}


_TELLING = 5
"""A string this long is rare enough in a message: of two requirements whose strings are all this
long, the one with fewer strings is checked faster."""


def _better(a: _Strings, b: _Strings) -> _Strings:
    """The more telling of two requirements: its shortest string longer (up to _TELLING), then fewer
    strings."""
    if a is None:
        return b
    if b is None:
        return a
    score_a = (min(_TELLING, min(map(len, a))), -len(a))
    score_b = (min(_TELLING, min(map(len, b))), -len(b))
    return a if score_a >= score_b else b


def _requirement(strings: _Strings) -> _Strings:
    """Exact strings as a requirement: only when none is shorter than two letters."""
    if not strings or min(len(s) for s in strings) < 2:
        return None
    return _shortest(strings)


def _concat(a: set[str], b: set[str]) -> _Strings:
    joined = {x + y for x in a for y in b}
    if len(joined) > _MAX_STRINGS or any(len(s) > _MAX_LENGTH for s in joined):
        return None
    return joined


def _literals(sequence: list[Any]) -> tuple[_Strings, _Strings]:
    """(every string the sequence can match, when they are few and all plain letters; a requirement
    every match meets) of a parsed sequence."""
    exact: _Strings = {""}
    need: _Strings = None
    run: _Strings = {""}
    for op, value in sequence:
        element_exact, element_need = _element(op, value)
        need = _better(need, element_need)
        if element_exact is not None and run is not None:
            run = _concat(run, element_exact)
        if element_exact is None or run is None:  # the run of plain letters ends here
            need = _better(need, _requirement(run))
            run = element_exact if element_exact is not None else {""}
        if exact is not None:
            exact = _concat(exact, element_exact) if element_exact is not None else None
    need = _better(need, _requirement(run))
    return exact, need


def _element(op: Any, value: Any) -> tuple[_Strings, _Strings]:
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero width: no letters of the match
        return {""}, None
    if op is _c.LITERAL:
        return ({chr(value)} if _stable(value) else None), None
    if op is _c.IN:
        chars = [chr(item) if kind is _c.LITERAL and _stable(item) else None for kind, item in value]
        if not chars or len(chars) > 8 or any(c is None for c in chars):
            return None, None
        return {c for c in chars if c is not None}, None
    if op is _c.SUBPATTERN:
        if value[1] or value[2]:
            return None, None
        return _literals(list(value[3]))
    if op is _c.BRANCH:
        exact: _Strings = set()
        need: _Strings = set()
        for branch in value[1]:
            branch_exact, branch_need = _literals(list(branch))
            exact = exact | branch_exact if exact is not None and branch_exact is not None else None
            branch_need = _better(branch_need, _requirement(branch_exact))
            need = need | branch_need if need is not None and branch_need is not None else None
        if exact is not None and len(exact) > _MAX_STRINGS:
            exact = None
        return exact, need
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, inner = value
        inner_exact, inner_need = _literals(list(inner))
        need = _better(inner_need, _requirement(inner_exact)) if low >= 1 else None
        if inner_exact is None or high > 2:
            return None, need
        repeated: set[str] = {""}
        strings: _Strings = {""}
        for count in range(1, high + 1):
            strings = _concat(strings, inner_exact) if strings is not None else None
            if strings is None:
                return None, need
            if count >= low:
                repeated |= strings
        if low > 0:
            repeated.discard("")
        return repeated, need
    return None, None


class PhraseIndex:
    """Which of many phrase patterns (matched ignoring case) a text may hold: a pattern is only
    worth searching where the folded text holds one of its `required_literals`. Exact: every
    pattern that matches a text is among its candidates; most texts hold few candidates.

    The literals are found in one pass: a regular expression of all of them as a tree of letters
    (`re` passes over every branch but the one of the next letter), looking ahead from every place
    for the longest literal that starts there (the shorter ones that start there are its beginnings).
    Indexes that read the same texts can share that pass (`share`).
    """

    def __init__(self, patterns: Sequence[str | Sequence[str]]) -> None:
        self.size = len(patterns)
        always: set[int] = set()
        by_literal: dict[str, set[int]] = {}
        for number, pattern in enumerate(patterns):
            sources = [pattern] if isinstance(pattern, str) else list(pattern)
            needs = [required_literals(source) for source in sources]
            if any(need is None for need in needs):
                always.add(number)
                continue
            for need in needs:
                for literal in need or ():
                    by_literal.setdefault(literal, set()).add(number)
        self._always = sorted(always)
        self._by_literal = {literal: frozenset(numbers) for literal, numbers in by_literal.items()}
        self._longest = max(map(len, by_literal), default=0)
        self._found: dict[str, frozenset[int]] = {}
        """A literal found -> the patterns of every literal of this index it begins with."""
        self._literals = LiteralFinder(by_literal) if by_literal else None

    @staticmethod
    def share(indexes: Sequence[PhraseIndex]) -> None:
        """Let the indexes find their literals in one pass over a text (each its own among those found:
        a literal found still means the patterns of every literal of its own it begins with). The
        pass is remembered for the last texts, so the second index to read a text does not scan it."""
        literals: set[str] = set()
        for index in indexes:
            if index._literals is not None:
                literals |= index._literals.literals
        shared = LiteralFinder(literals) if literals else None
        for index in indexes:
            if index._literals is not None:
                index._literals = shared

    def _patterns_of(self, literal: str) -> frozenset[int]:
        numbers = self._found.get(literal)
        if numbers is None:
            by_literal = self._by_literal
            numbers = frozenset().union(
                *(
                    by_literal[literal[:n]]
                    for n in range(1, min(len(literal), self._longest) + 1)
                    if literal[:n] in by_literal
                )
            )
            self._found[literal] = numbers
        return numbers

    def candidates(self, folded: str) -> list[int]:
        """The patterns (by number, in order) that may match the text whose `fold` is `folded`."""
        if self._literals is None:
            return list(self._always)
        found = self._literals.find(folded)
        if not found:
            return list(self._always)
        numbers = set(self._always).union(*map(self._patterns_of, found))
        return sorted(numbers)


_TEXTS_KEPT = 4096
"""Texts whose literals a `LiteralFinder` remembers (the block of texts two engines read in turn)."""


class LiteralFinder:
    """Where literals (folded strings) start in a folded text: the longest that starts at each place,
    all places in one pass of one pattern (see `PhraseIndex`), remembered for the last texts."""

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = frozenset(literals)
        self._finder = re.compile(f"(?=({_trie(sorted(self.literals))}))", re.DOTALL)
        self._seen: dict[str, frozenset[str]] = {}

    def find(self, folded: str) -> frozenset[str]:
        found = self._seen.get(folded)
        if found is None:
            found = frozenset(self._finder.findall(folded))
            if len(self._seen) >= _TEXTS_KEPT:
                self._seen.clear()
            self._seen[folded] = found
        return found


def _trie(literals: list[str]) -> str:
    """A pattern matching the longest of `literals` (sorted) that starts where it is tried."""
    ends = "" in literals
    branches: dict[str, list[str]] = {}
    for literal in literals:
        if literal:
            branches.setdefault(literal[0], []).append(literal[1:])
    parts = [re.escape(first) + _trie(rest) for first, rest in branches.items()]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 and parts[0] else f"(?:{'|'.join(parts)})"
    return f"(?:{body})?" if ends else body
