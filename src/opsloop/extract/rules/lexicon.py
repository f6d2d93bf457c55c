"""Locale packs: one JSON file per language under `lexicons/`, merged and compiled once.

A pack holds a language's conventions, never an issuer's: its labels per field kind (``labels``),
month names, number format and date order, the currency a document in it defaults to, common words
(for guessing the language) and word classes (``words``: legal forms, street words, receipt and
courtesy words, tax words, instruction words, ...). Code asks for a class across all packs
(`word_pattern`, `word_set`); a language's own pack with `locale_pack`."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import import_module, resources
from typing import Any

_sre: Any = import_module("re._constants")  # the parsed form of a pattern, for its openings
_sre_parse: Any = import_module("re._parser")

LANGUAGES: tuple[str, ...] = (
    "en",
    "de",
    "fr",
    "nl",
    "es",
    "it",
    "pt",
    "pl",
    "sv",
    "da",
    "cs",
    "ms",
    "fi",
    "hu",
    "ro",
    "nb",
    "et",
    "lv",
    "lt",
    "sk",
    "sl",
    "hr",
    "tr",
    "el",
    "bg",
    "is",
    "ca",
    "ru",
    "uk",
)
"""The locale packs shipped; ``ms`` holds Malay and Malaysian-English receipt conventions, ``hr`` Croatian
and the Latin-script Serbian and Bosnian wording beside it; ``ca`` Catalan, ``ru`` Russian, ``uk``
Ukrainian. A language later in the list loses a tie
in `guess_language` to an earlier one (Czech before Slovak)."""


@dataclass(frozen=True)
class LabelHit:
    kind: str
    start: int
    end: int
    text: str
    language: str


@cache
def _load() -> dict[str, dict[str, object]]:
    folder = resources.files("opsloop.extract.rules") / "lexicons"
    packs = {lang: json.loads((folder / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGUAGES}
    for data in packs.values():
        spellings = data.get("ascii_spellings")
        if isinstance(spellings, dict) and spellings:
            labels = data["labels"]
            assert isinstance(labels, dict)
            data["labels"] = {
                kind: [with_ascii_spellings(str(p), spellings) for p in patterns]
                for kind, patterns in labels.items()
            }
    return packs


def with_ascii_spellings(pattern: str, spellings: Mapping[str, str | list[str]]) -> str:
    """``pattern`` with each letter its pack also spells in plain ASCII (``ascii_spellings``: German
    typed on a keyboard or by a system without umlauts writes "ä" as "ae", "ß" as "ss"; an OCR engine
    reading without the language's model drops the dots, "FALLIGKEIT") matching any spelling (a letter
    may list several); letters in a character class and escaped ones are left as they are."""
    out: list[str] = []
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            out.append(pattern[at : at + 2])
            at += 2
        elif char == "[":
            end = at + 1
            if end < len(pattern) and pattern[end] == "^":
                end += 1
            if end < len(pattern) and pattern[end] == "]":
                end += 1  # a "]" first in a class is a member
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            out.append(pattern[at : end + 1])
            at = end + 1
        else:
            plain = spellings.get(char.lower())
            others = [plain] if isinstance(plain, str) else list(plain or ())
            out.append(f"(?:{'|'.join([char, *others])})" if others else char)
            at += 1
    return "".join(out)


@cache
def month_names(language: str | None = None) -> dict[str, int]:
    """Month names and abbreviations of every language, lower case, to month number. A word two
    languages give different months (Croatian "listopad" is October, Czech and Polish November) is
    the month of ``language``, the document's language, when it is one of them; else of the language
    earlier in LANGUAGES."""
    merged: dict[str, int] = {}
    for data in _load().values():
        months = data["months"]
        assert isinstance(months, dict)
        for word, month in months.items():
            merged.setdefault(str(word), int(month))
    if language is not None and language in _load():
        own = _load()[language]["months"]
        assert isinstance(own, dict)
        merged.update({str(k): int(v) for k, v in own.items()})
    return merged


@cache
def label_patterns(kind: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled patterns for one label kind across languages (language kept for the vote)."""
    compiled: list[tuple[re.Pattern[str], str]] = []
    for lang, data in _load().items():
        labels = data["labels"]
        assert isinstance(labels, dict)
        for pattern in labels.get(kind, []):
            compiled.append((re.compile(r"(?<![\w])(?:" + pattern + _label_end(), re.IGNORECASE), lang))
    return tuple(compiled)


@cache
def _glued_code() -> str:
    """A currency code in capitals (or a dollar's letters: "CA$", "A$") glued to a label's last letter
    and followed by a figure: a text layer whose label cell ends where its amount cell begins reads
    "TOTALEUR 92,067.75" or "SubtotalGBP 10.00"; the label ends before the code."""
    path = resources.files("opsloop.extract.rules") / "lexicons" / "currencies.json"
    codes = sorted(str(code) for code in json.loads(path.read_text(encoding="utf-8"))["codes"])
    return r"(?=(?-i:" + "|".join(codes) + r"|[A-Z]{1,2}\$)\s?\d)"


_LABEL_END_LOOSE = r")(?:(?![^\W\d_])|(?=[a-z]{1,3}\$?\s?\d))"
"""A label's end for the lower-cased prefilters: no letter after it, or letters that may be a glued code."""


@cache
def _label_end() -> str:
    """A label's end: no letter after it, or a currency code glued to it (`_glued_code`)."""
    return r")(?:(?![^\W\d_])|" + _glued_code() + ")"


@cache
def _prefilter(kind: str) -> re.Pattern[str]:
    """One alternation of every pattern of ``kind``, matched case-sensitively against the lower-cased
    line (IGNORECASE makes a large alternation several times slower): most lines match none."""
    parts = [part.replace("A-Z", "a-z") for part in _raw_patterns(kind)] or [r"(?!x)x"]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + _LABEL_END_LOOSE)


@cache
def _part_prefilter(kind: str, index: int) -> re.Pattern[str]:
    """`_prefilter`'s alternative for pattern ``index`` of label_patterns(kind), alone: `_prefilter`
    matches at a place exactly where one of these does, and a place where the line opens as a pattern
    can is tried with that pattern's alone (one or two patterns, not the kind's hundred). Compiled once
    per pattern, the first time a line opens as it can (the lexicon's, not a line's)."""
    part = _raw_patterns(kind)[index].replace("A-Z", "a-z")
    return re.compile(r"(?<![\w])(?:" + part + _LABEL_END_LOOSE)


def _raw_patterns(kind: str, language: str | None = None) -> list[str]:
    raw: list[str] = []
    for lang, data in _load().items():
        labels = data["labels"]
        assert isinstance(labels, dict)
        if language is None or lang == language:
            raw += [f"(?:{p})" for p in labels.get(kind, [])]
    return raw


_PREFIX_LENGTH = 8
"""How many characters of a label's opening the line index tells apart: enough to rule out most
label kinds on most lines before any of their patterns is tried."""
_MAX_PREFIXES = 4096


@cache
def _spaces() -> dict[int, str]:
    """Every white-space character (what ``\\s`` matches) to a plain space: openings are told with
    white space folded, so that ``\\s+`` in a label stands for one character, not for every one."""
    return {code: " " for code in range(sys.maxunicode + 1) if chr(code).isspace() and code != 32}


def _charset(items: Any) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE:
            if av[1] - av[0] > 512:
                return None
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_SPACE:
            chars.add(" ")  # (white space is folded to a space before openings are compared)
        else:  # another category (\w, \d), a negation: anything may come
            return None
    return chars


def _expand(items: list[Any], length: int, depth: int = 0) -> set[str] | None:
    """The strings of up to ``length`` characters a match of the parsed pattern ``items`` can open
    with (shorter where the match may end sooner); None when that cannot be told (any char, a class)."""
    if length == 0 or not items:
        return {""}
    if depth > 40:
        return None
    op, av = items[0]
    rest = items[1:]
    heads: set[str] | None
    if op is _sre.LITERAL or op is _sre.IN:
        heads = {chr(av)} if op is _sre.LITERAL else _charset(av)
        if heads is None:
            return None
        tails = _expand(rest, length - 1, depth + 1)
        # what follows may be anything (\s*): the first character alone still tells
        found = set(heads) if tails is None else {head + tail for head in heads for tail in tails}
    elif op is _sre.BRANCH:
        found = set()
        for branch in av[1]:
            more = _expand(list(branch) + rest, length, depth + 1)
            if more is None:
                return None
            found |= more
    elif op is _sre.SUBPATTERN:
        return _expand(list(av[3]) + rest, length, depth + 1)
    elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, high, body = av
        if high == 0:
            return _expand(rest, length, depth + 1)
        again = high if high == _sre.MAXREPEAT else high - 1
        once = _expand([*body, (op, (max(low - 1, 0), again, body)), *rest], length, depth + 1)
        if once is None:
            return None
        found = set(once)
        if low == 0:
            skipped = _expand(rest, length, depth + 1)
            if skipped is None:
                return None
            found |= skipped
    elif op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return _expand(rest, length, depth + 1)  # zero width
    else:
        return None
    return found if len(found) <= _MAX_PREFIXES else None


@cache
def _openings(kind: str) -> frozenset[str] | None:
    """Every lower-case string of up to three characters a label of ``kind`` can open with; None when
    the patterns do not tell (then every line is searched)."""
    each = _pattern_openings(kind)
    if not each or any(openings is None for openings in each):
        return None
    return frozenset().union(*(openings for openings in each if openings is not None))


@cache
def _pattern_openings(kind: str) -> tuple[frozenset[str] | None, ...]:
    """The openings of each of label_patterns(kind), in the same order."""
    return tuple(_openings_of((f"(?:{pattern})",)) for pattern in _kind_patterns(kind))


def _kind_patterns(kind: str) -> list[str]:
    found: list[str] = []
    for data in _load().values():
        labels = data["labels"]
        assert isinstance(labels, dict)
        found += labels.get(kind, [])
    return found


def _openings_of(raw: tuple[str, ...]) -> frozenset[str] | None:
    if not raw:
        return None
    try:
        found = _expand(list(_sre_parse.parse("|".join(raw), re.IGNORECASE)), _PREFIX_LENGTH)
    except Exception:  # a construct the walk does not know: search every line
        return None
    if found is None or "" in found:
        return None
    if any(len(text.lower()) != len(text) for text in found):
        return None  # a letter whose lower case is longer: leave those kinds to the full search
    return frozenset(text.lower().translate(_spaces()) for text in found)


@cache
def _opening_re() -> re.Pattern[str]:
    """Every position a label may start at: one not after a word character (the lexicon's patterns
    refuse those) holding a character some label opens with (a letter, '#': never a space, of which
    a laid-out line holds runs), in the lower-cased line, its white space folded."""
    firsts = {opening[0] for opening in _all_openings()}
    if not firsts:
        return re.compile("(?!)")
    heads = "[" + "".join(re.escape(char) for char in sorted(firsts)) + "]"
    # ``(?<!\w)`` + heads with the head matched first and looked behind after: the regex engine
    # then skips to the characters a label opens with instead of trying the lookbehind everywhere
    return re.compile(heads + r"(?<!\w" + heads + ")")


_OTHER_SPACE_RE = re.compile(r"[^\S ]")
"""White space other than a plain space (what `_spaces` folds): most lines hold none."""


def _folded(lowered: str) -> str:
    """``lowered`` with its white space folded to plain spaces (``translate(_spaces())``, skipped for
    the many lines whose only white space is the plain space)."""
    return lowered if _OTHER_SPACE_RE.search(lowered) is None else lowered.translate(_spaces())


def _line_openings(line: str) -> tuple[str, frozenset[str]]:
    """The lower-cased line and the label openings (those of `_openings`, white space folded) that
    some position of the line opens with."""
    lowered, starts, _ = _line_index(line)
    return lowered, starts


def lower_text(text: str) -> str:
    """``text`` in lower case, each character where it stood: the Turkish dotted capital I is read as
    "i" (its own lower case is two characters, "i" and a combining dot, which no label spells and
    which moves every place after it); the patterns match it case-insensitively all the same."""
    return text.replace("\u0130", "i").lower()


@lru_cache(maxsize=8192)
def _line_index(line: str) -> tuple[str, frozenset[str], dict[str, list[int]]]:
    """`_line_openings` and, for each opening, the positions a label may start at that open so, left
    to right: read once per line for every kind (a label's pattern refuses a place after a word
    character, which it would find at the others, and a character's lower case is a word character
    exactly when the character is)."""
    lowered = lower_text(line)
    folded = _folded(lowered)
    places: dict[str, list[int]] = {}
    root = _opening_trie()
    for match in _opening_re().finditer(folded):
        at = match.start()
        children = root
        for char in folded[at : at + _PREFIX_LENGTH]:
            node = children.get(char)
            if node is None:
                break  # no opening goes on so
            children, opening = node
            if opening is not None:
                if opening in places:
                    places[opening].append(at)
                else:
                    places[opening] = [at]
    return lowered, frozenset(places), places


@cache
def _all_openings() -> frozenset[str]:
    """The openings of every kind's labels."""
    return frozenset().union(*(_openings(kind) or () for kind in _kinds()))


_TrieNode = tuple[dict[str, Any], str | None]
"""A node of the openings' trie: the nodes after it by their character, and the opening it spells
(None where it spells only the start of some)."""
_LEAF_CHILDREN: dict[str, Any] = {}
"""The children of every node no opening goes on from (one empty dict, shared; never written)."""


@cache
def _opening_trie() -> dict[str, _TrieNode]:
    """The openings of every kind as a trie, character by character: a line's place is read until no
    opening goes on so, every opening on the way recorded."""
    root: dict[str, _TrieNode] = {}
    for opening in sorted(_all_openings()):
        children = root
        last = len(opening) - 1
        for at, char in enumerate(opening):
            node_children, spelt = children.get(char, (_LEAF_CHILDREN, None))
            if at == last:
                spelt = opening
            elif node_children is _LEAF_CHILDREN:
                node_children = {}
            children[char] = (node_children, spelt)
            children = node_children
    return root


_COLUMN_GAP_RE = re.compile(r"\S {3,}\S")
"""Spaces that part two cells of a laid-out line: a label's words never run across them ("FACTURĂ" ...
"Număr factură:" are two cells; "Date de facture   N°" is the end of one label and the start of
another)."""


@cache
def _kinds() -> tuple[str, ...]:
    kinds: dict[str, None] = {}
    for data in _load().values():
        labels = data["labels"]
        assert isinstance(labels, dict)
        kinds.update(dict.fromkeys(labels))
    return tuple(kinds)


@lru_cache(maxsize=8192)
def _candidate_kinds(line: str) -> frozenset[str]:
    """The label kinds a line may hold: those whose labels open the way some position of the line
    does. Most lines hold few kinds, and most kinds are ruled out here once per line."""
    _, starts = _line_openings(line)
    always, kinds_opening = _kinds_by_opening()
    candidates = set(always)
    for opening in kinds_opening.keys() & starts:
        candidates |= kinds_opening[opening]
    return frozenset(candidates)


@cache
def _kinds_by_opening() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The kinds whose openings are not known (every line may hold them), and for each opening the
    kinds a label of which may open so."""
    always: set[str] = set()
    found: dict[str, set[str]] = {}
    for kind in _kinds():
        openings = _openings(kind)
        if openings is None:
            always.add(kind)
            continue
        for opening in openings:
            found.setdefault(opening, set()).add(kind)
    return frozenset(always), {opening: frozenset(kinds) for opening, kinds in found.items()}


@cache
def _patterns_by_opening(kind: str) -> dict[str, tuple[int, ...]]:
    """For each opening of ``kind``, the indexes (in label_patterns(kind)) of its patterns that may
    open so."""
    found: dict[str, list[int]] = {}
    for index, openings in enumerate(_pattern_openings(kind)):
        for opening in openings or ():
            found.setdefault(opening, []).append(index)
    return {opening: tuple(indexes) for opening, indexes in found.items()}


@lru_cache(maxsize=65536)
def _find_labels(kind: str, line: str) -> tuple[LabelHit, ...]:
    lowered, starts, places = _line_index(line)
    if not _may_hold(kind, lowered, starts, places):
        return ()
    # (start, end, text, language) of each match, made a LabelHit only where it is kept
    hits: list[tuple[int, int, str, str]] = []
    patterns = label_patterns(kind)
    kind_openings = _openings(kind)
    # (else places in the lower case are the line's, and a letter's lower case tells what it matches)
    folds = _HOLDS_OTHER_FOLDING_LETTER.held_by(line)
    if kind_openings is None or len(lowered) != len(line) or folds:
        for (pattern, lang), openings in zip(patterns, _pattern_openings(kind), strict=True):
            if not folds and openings is not None and openings.isdisjoint(starts):
                continue  # this pattern cannot start anywhere on the line
            at = 0
            while (match := pattern.search(line, at)) is not None:
                if match.end() == match.start():
                    at = match.end() + 1
                    continue
                at, in_cell = _in_cell(pattern, line, match)
                if in_cell is not None:
                    hits.append((in_cell.start(), in_cell.end(), in_cell.group(0), lang))
    else:
        # each pattern tried only where the line opens as its matches can, in the patterns' order;
        # what finditer finds: left to right, each match after the last one's end (a pattern with
        # known openings never matches empty)
        tries: dict[int, set[int]] = {}
        by_opening = _patterns_by_opening(kind)
        for opening in kind_openings.intersection(starts):
            at_places = _places(lowered, opening, places)
            for index in by_opening[opening]:
                if index in tries:
                    tries[index].update(at_places)
                else:
                    tries[index] = set(at_places)
        for index in sorted(tries):
            pattern, lang = patterns[index]
            end = 0
            for at in sorted(tries[index]):
                if at < end:
                    continue
                there = pattern.match(line, at)
                if there is not None:
                    end, in_cell = _in_cell(pattern, line, there)  # (the match kept or not)
                    if in_cell is not None:
                        hits.append((at, in_cell.end(), in_cell.group(0), lang))
    # a label ends at its last word: white space a pattern's optional tail took ("...\s*\)?" with no bracket
    # after it, the first space of a column gap) is none of it, or the next column's label would read as its tail
    hits = [(start, start + len(text.rstrip()), text.rstrip(), lang) for start, _, text, lang in hits]
    hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))  # (left to right, the longest first)
    kept: list[LabelHit] = []
    for start, end, text, lang in hits:
        if end <= start or (kept and start < kept[-1].end):
            continue
        kept.append(LabelHit(kind, start, end, text, lang))
    return tuple(kept)


def _in_cell(pattern: re.Pattern[str], line: str, match: re.Match[str]) -> tuple[int, re.Match[str] | None]:
    """Where the search goes on after ``match``, and the part of it in the cell it opens in (its
    column gap read once for both).

    The search goes on at the match's end, or at the cell after the column gap it ran across, which
    may open a label of its own ("Fecha factura   Número de factura": the optional "número" that
    ``factura\\s*(?:número)?`` took from the next cell is that cell's label's). The part in its cell
    is the match, or where it runs across a column gap the pattern's match in the cell it opens in
    ("Číslo faktury   Číslo zákazníka": an optional word of the label is the next cell's); None when
    none is left."""
    gap = _COLUMN_GAP_RE.search(match.group(0))
    if gap is None:
        return match.end(), match
    on = match.start() + gap.end() - 1
    shorter = pattern.match(line, match.start(), match.start() + gap.start() + 1)
    if shorter is None or shorter.end() <= shorter.start():
        return on, None
    return on, shorter


def _places(lowered: str, opening: str, places: dict[str, list[int]]) -> list[int]:
    """Where ``opening`` stands in the lower-cased line: the line's index (`_line_index`) holds every
    opening of the line; one it lacks is looked for here (white space folded), once per ``places``."""
    found = places.get(opening)
    if found is None:
        found = places[opening] = []
        folded = _folded(lowered)
        at = folded.find(opening)
        while at >= 0:
            found.append(at)
            at = folded.find(opening, at + 1)
    return found


def _may_hold(kind: str, lowered: str, starts: frozenset[str], places: dict[str, list[int]]) -> bool:
    """Whether the kind's prefilter matches the lower-cased line. A match opens the way one of the
    kind's labels does, so where those openings are known each place where the line holds one of them
    is tried (its own lookbehind refuses the places inside a word) with the prefilter's alternatives
    of the patterns that may open so (`_part_prefilter`), not with every one at every character."""
    openings = _openings(kind)
    if openings is None:
        return _prefilter(kind).search(lowered) is not None
    by_opening = _patterns_by_opening(kind)
    for opening in openings.intersection(starts):
        indexes = by_opening[opening]
        for at in _places(lowered, opening, places):
            for index in indexes:
                if _part_prefilter(kind, index).match(lowered, at) is not None:
                    return True
    return False


TABLE_COLUMN_KINDS = (
    "col_description",
    "col_quantity",
    "col_unit_price",
    "col_amount",
    "col_sku",
    "col_unit",
)


def is_column_header(text: str) -> bool:
    """A table's header line: three or more column labels."""
    return sum(len(find_labels(kind, text)) for kind in TABLE_COLUMN_KINDS) >= 3


_LEADER_DOTS_RE = re.compile(r"(?:\.\s?){4,}(?=\S)")
"""A run of four dots or more (spaced or not) before a value: the leaders a label's line draws to it."""


def _leaders_blanked(line: str) -> str:
    """The line with its leader dots blanked, each character a space ("Number . . . . A-17" reads as
    "Number         A-17": a label and its value a gap apart), so that a label whose pattern wants a gap or
    a colon after it matches; the positions are the line's."""
    if ". ." not in line and "...." not in line:
        return line
    return _LEADER_DOTS_RE.sub(lambda m: " " * len(m.group(0)), line)


def find_labels(kind: str, line: str) -> list[LabelHit]:
    """Label matches of ``kind`` in a line; where matches overlap the longest wins."""
    line = _leaders_blanked(line)
    if kind not in _candidate_kinds(line):
        return []
    return list(_find_labels(kind, line))


def labels_of(kinds: Sequence[str], line: str) -> list[LabelHit]:
    """The label matches of each of ``kinds`` in a line, kind after kind in the order given (as
    find_labels kind by kind gives them), the line's possible kinds looked up once."""
    line = _leaders_blanked(line)
    possible = _candidate_kinds(line)
    return [hit for kind in kinds if kind in possible for hit in _find_labels(kind, line)]


def any_label(kinds: tuple[str, ...], line: str) -> bool:
    return any(find_labels(kind, line) for kind in kinds)


_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def guess_language(text: str) -> str:
    """The language whose common and label words occur most often (ties: English)."""
    counts = dict.fromkeys(LANGUAGES, 0)
    languages_of = _languages_of_words()
    for word in _WORD_RE.findall(lower_text(text[:6000])):
        for lang in languages_of.get(word, ()):
            counts[lang] += 1
    return max(LANGUAGES, key=lambda lang: (counts[lang], lang == "en"))


@cache
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    """Each common or label word of the packs and the languages whose word it is (one lookup per
    word of the text instead of one per language)."""
    found: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for word in common_words(lang):
            found.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in found.items()}


def locale_pack(language: str) -> dict[str, Any]:
    """One language's pack as loaded (labels, months, number, date_order, currency, words, ...)."""
    return dict(_load()[language])


@cache
def common_words(language: str) -> frozenset[str]:
    words = _load()[language].get("common_words", [])
    assert isinstance(words, list)
    return frozenset(str(word).lower() for word in words)


def _class_entries(name: str) -> list[str]:
    entries: list[str] = []
    for data in _load().values():
        words = data.get("words", {})
        assert isinstance(words, dict)
        entries += [str(entry) for entry in words.get(name, [])]
    return entries


def word_entries(name: str) -> list[str]:
    """The entries (regular expressions) of the word class ``name`` in every pack, longest first."""
    return sorted(set(_class_entries(name)), key=lambda entry: (-len(entry), entry))


def _folding_letters() -> frozenset[str]:
    """Letters whose lower case does not tell what a case-insensitive pattern matches them with: the
    dotless i, the long s, the Kelvin sign, Greek letter variants (Python's own case-fixes table),
    the dotted capital I (its lower case is two characters) and the capital sigma (its lower case
    depends on the next letter)."""
    letters = {"\u0130", "\u03a3"}
    try:
        extra: dict[int, tuple[int, ...]] = import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):  # another Python: the table as of 3.11
        extra = {ord(c): () for c in "isµıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṡẛιΐΰꙋﬅﬆ"}
    for code, others in extra.items():
        letters.add(chr(code))
        letters.update(chr(other) for other in others)
    letters.add("\u212a")  # the Kelvin sign
    return frozenset(letters - set("is"))


FOLDING_LETTERS = _folding_letters()
"""A text holding one of these is searched with the case-insensitive pattern itself."""
_OTHER_FOLDING_LETTERS = FOLDING_LETTERS - {"\u0130"}
"""Folding letters but the dotted capital I, which `lower_text` reads as "i" already: a label line
holding one of these is searched with every pattern of the kind, not where its lower case opens."""


class LetterTest:
    """Whether a text holds one of some letters, none of them ASCII: an ASCII text (a flag Python keeps
    on every string) holds none, any other is searched for them as one character class (the same
    answer as a set's ``isdisjoint``, which looks every character of the text up in the set)."""

    __slots__ = ("_class",)

    def __init__(self, letters: frozenset[str]) -> None:
        if any(letter.isascii() or len(letter) != 1 for letter in letters):
            raise ValueError("a letter test takes single letters that are not ASCII")
        self._class = re.compile("[" + "".join(re.escape(letter) for letter in sorted(letters)) + "]")

    def held_by(self, text: str) -> bool:
        return not text.isascii() and self._class.search(text) is not None


HOLDS_FOLDING_LETTER = LetterTest(FOLDING_LETTERS)
_HOLDS_OTHER_FOLDING_LETTER = LetterTest(_OTHER_FOLDING_LETTERS)


def _lowered_source(source: str) -> str | None:
    """The pattern ``source`` for lower-cased text, matched case-sensitively: literal letters lower
    case, ``A-Z`` ranges ``a-z``. A case-sensitive group ``(?-i:eG)`` becomes ``(?:eg)``: it then
    matches more than the pattern (every case of it), which a quick test may (the pattern itself
    decides what it finds). None where that cannot be told safely (an upper-case letter in a
    character class, a code-point escape, a back-reference, another inline flag or a named group)."""
    text = source.replace("A-Z", "a-z").replace("(?-i:", "(?:")
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            escaped = text[index + 1 : index + 2]
            if escaped in ("x", "u", "U", "N") or escaped.isdigit():
                return None
            out.append(text[index : index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif (
            char == "("
            and text.startswith("(?", index)
            and not text.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!"), index)
        ):
            return None
        if char != char.lower():
            if in_class or len(char.lower()) != 1:
                return None
            char = char.lower()
        out.append(char)
        index += 1
    return "".join(out)


_WORD_START = r"(?<![\w])"
_WORD_CHAR_RE = re.compile(r"\w")


def _literal_heads(source: str) -> bool:
    """Whether every match of the pattern ``source`` opens with a literal character (one alternative
    after another each opening with one), so that the regex engine scans for those characters."""
    try:
        items = list(_sre_parse.parse(source))
    except Exception:  # a construct the parser refuses here: no claim
        return False
    while items and items[0][0] is _sre.SUBPATTERN:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op is _sre.LITERAL:
        return True
    return op is _sre.BRANCH and all(branch and branch[0][0] is _sre.LITERAL for branch in av[1])


_CATEGORY_SOURCES = {
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
}
"""A character class's categories as they are written in a class."""


def _class_heads(items: Sequence[tuple[Any, Any]]) -> list[str] | None:
    """A parsed character class written out as class members (a negated class of word characters
    only, "[^\\W\\d_]", as ``\\w``, a class holding all it matches); None where it cannot be."""
    if items and items[0][0] is _sre.NEGATE:
        return [r"\w"] if (_sre.CATEGORY, _sre.CATEGORY_NOT_WORD) in items[1:] else None
    members: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            members.append(re.escape(chr(av)))
        elif op is _sre.RANGE:
            members.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is _sre.CATEGORY and str(av) in _CATEGORY_SOURCES:
            members.append(_CATEGORY_SOURCES[str(av)])
        else:
            return None
    return members


def _sequence_heads(items: Sequence[tuple[Any, Any]]) -> tuple[list[str], bool] | None:
    """The characters a match of a parsed sequence may open with, as class members, and whether it
    may match empty (then what follows it may open the match too); None where that cannot be told."""
    heads: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            return [*heads, re.escape(chr(av))], False
        if op is _sre.IN:
            members = _class_heads(av)
            return None if members is None else ([*heads, *members], False)
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # matches no character: the next item opens the match
        if op is _sre.SUBPATTERN:
            branches = [av[3]]
        elif op is _sre.BRANCH:
            branches = av[1]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            branches = [av[2]]
        else:
            return None
        may_be_empty = op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0
        for branch in branches:
            found = _sequence_heads(branch)
            if found is None:
                return None
            heads += found[0]
            may_be_empty = may_be_empty or found[1]
        if not may_be_empty:
            return heads, False
    return heads, True


def _skipping(source: str, flags: int) -> re.Pattern[str] | None:
    """A pattern whose search finds the same first place as a search of ``source``, for a pattern the
    regex engine tries at every place (one opening with a look-behind or an optional word): it opens
    with a class of every character a match of ``source`` may open with, which the engine skips to,
    and looks behind that character for ``source`` matching from it. None where ``source`` opens
    otherwise (a literal, a class or "^": the engine already skips or tries once), may match empty or
    its opening characters cannot be told."""
    try:
        items = list(_sre_parse.parse(source, flags))
    except Exception:  # a construct the parser refuses here: searched as it is
        return None
    if not items or items[0][0] in (_sre.AT, _sre.LITERAL, _sre.IN):
        return None
    found = _sequence_heads(items)
    if found is None or found[1] or not found[0]:
        return None
    heads = "[" + "".join(sorted(set(found[0]))) + "]"
    # a place inside a word is refused by a quick look behind before the pattern is tried there
    word_start = rf"(?<![\w]{heads})" if source.startswith(_WORD_START) else ""
    return re.compile(f"{heads}{word_start}(?<=(?={source}){heads})", flags)


@lru_cache(maxsize=16384)
def _plain_lower(text: str) -> str | None:
    """``text`` in lower case for the word classes' quick tests, once per distinct text (a name, a
    cell or a line is tested for several classes, a line once per value on it); None where it holds
    a FOLDING_LETTERS letter (the pattern itself is searched then)."""
    return None if HOLDS_FOLDING_LETTER.held_by(text) else text.lower()


class CaselessPattern:
    """A case-insensitive pattern that first tries the same pattern, case-sensitive, on the lower-cased
    text: a large alternation runs several times faster so, and most texts hold no match. Only a text
    the quick test finds something in (or one holding a FOLDING_LETTERS letter) is searched with the
    pattern itself, so every result is the pattern's own."""

    __slots__ = ("_grouped", "_grouped_unbounded", "_lowered", "_skipping", "_unbounded", "pattern")

    def __init__(self, pattern: re.Pattern[str], grouped: str | None = None) -> None:
        """``grouped``: a source matching, at every place, what the lowered pattern matches there
        (`_grouped_words`: its alternatives factored by their first letter), for `may_match`."""
        self.pattern = pattern
        lowered = _lowered_source(pattern.pattern) if pattern.flags & re.IGNORECASE else None
        flags = pattern.flags & ~re.IGNORECASE
        self._lowered = re.compile(lowered, flags) if lowered is not None else None
        self._grouped = re.compile(grouped, flags) if lowered is not None and grouped is not None else None
        self._grouped_unbounded: re.Pattern[str] | None = None
        if (
            self._grouped is not None
            and grouped is not None
            and grouped.startswith(_WORD_START)
            and _literal_heads(grouped[len(_WORD_START) :])
        ):
            # the grouped alternation less its word-start test opens with literal letters too: the
            # regex engine skips to them (about twice as fast on laid-out lines)
            self._grouped_unbounded = re.compile(grouped[len(_WORD_START) :], flags)
        self._unbounded: re.Pattern[str] | None = None
        if (
            lowered is not None
            and lowered.startswith(_WORD_START)
            and _literal_heads(lowered[len(_WORD_START) :])
        ):
            # without its word-start test the pattern opens with a literal letter, and the regex
            # engine skips every place that holds none of them instead of trying each alternative
            self._unbounded = re.compile(lowered[len(_WORD_START) :], flags)
        # the quick test made to skip to the characters its matches open with (`_skipping`: the same
        # first place), a place inside a word refused without a return to Python; the forms above
        # where those characters cannot be told
        self._skipping: re.Pattern[str] | None = None
        if lowered is not None:
            self._skipping = _skipping(grouped if self._grouped is not None and grouped else lowered, flags)

    def may_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """False only where the pattern finds nothing in ``text[pos:endpos]``."""
        return self._first_possible(text, pos, endpos) is not None

    def _first_possible(self, text: str, pos: int, endpos: int) -> int | None:
        """None only where the pattern finds nothing in ``text[pos:endpos]``; else a place at or
        before the first one the pattern matches at (the first the quick test matches at, ``pos``
        where it cannot tell): the quick test matches wherever the pattern does, place by place."""
        if self._lowered is None:
            return pos
        # (a search up to endpos reads the lower-cased text as if it ended there: without a
        # FOLDING_LETTERS letter a character's lower case is one character, at the same place)
        lowered = _plain_lower(text)
        if lowered is None:
            return pos
        if self._skipping is not None:
            found = self._skipping.search(lowered, pos, endpos)
            return None if found is None else found.start()
        if self._grouped is not None and self._grouped_unbounded is None:
            found = self._grouped.search(lowered, pos, endpos)
            return None if found is None else found.start()
        if self._grouped is None and self._unbounded is None:
            found = self._lowered.search(lowered, pos, endpos)
            return None if found is None else found.start()
        # the places the pattern less its word-start test matches at, left to right, until one
        # starts a word (the test looks behind the place only: it holds or not whatever follows)
        unbounded = self._grouped_unbounded if self._grouped is not None else self._unbounded
        assert unbounded is not None
        search = unbounded.search
        while (found := search(lowered, pos, endpos)) is not None:
            at = found.start()
            if at == 0 or _WORD_CHAR_RE.match(lowered, at - 1) is None:
                return at
            pos = at + 1
        return None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # the pattern searched from the first place the quick test allows: no match of it starts
        # before, and its lookbehinds still read the text before that place (a case-insensitive
        # search of a large alternation costs at every place it is tried)
        first = self._first_possible(text, pos, endpos)
        if first is None:
            return None
        return self.pattern.search(text, first, endpos)

    def match(self, text: str) -> re.Match[str] | None:
        if self._lowered is not None:
            lowered = _plain_lower(text)
            if lowered is not None and self._lowered.match(lowered) is None:
                return None
        return self.pattern.match(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        first = self._first_possible(text, 0, sys.maxsize)  # (as in search: none starts before)
        return iter(()) if first is None else self.pattern.finditer(text, first)

    def findall(self, text: str) -> list[Any]:
        first = self._first_possible(text, 0, sys.maxsize)
        return [] if first is None else self.pattern.findall(text, first)

    def sub(self, replacement: str, text: str) -> str:
        first = self._first_possible(text, 0, sys.maxsize)
        if first is None:
            return text
        if "\\" in replacement:  # (a template: the pattern's own sub expands it)
            return self.pattern.sub(replacement, text)
        # what the pattern's sub gives, its matches found from the first place the quick test allows
        # (as in search: none starts before, and the case-insensitive search costs at every place)
        parts: list[str] = []
        last = 0
        for match in self.pattern.finditer(text, first):
            parts += (text[last : match.start()], replacement)
            last = match.end()
        return "".join((*parts, text[last:])) if parts else text


@cache
def word_pattern(name: str) -> CaselessPattern:
    """The word class ``name`` of every pack as one case-insensitive pattern of whole words (each
    entry a regular expression; the longest alternative first, so "sdn bhd" beats "bhd")."""
    entries = word_entries(name)
    if not entries:
        return CaselessPattern(re.compile(r"(?!x)x"))
    grouped = _grouped_words(entries)
    return CaselessPattern(
        re.compile(r"(?<![\w])(?:" + "|".join(entries) + r")(?![\w])", re.IGNORECASE),
        None if grouped is None else r"(?<![\w])(?:" + grouped + r")(?![\w])",
    )


_SPECIAL = frozenset("\\[](){}.^$*+?|")


def _top_level_bar(source: str) -> bool:
    """Whether the pattern ``source`` holds an alternation outside any group or class ("ab|cd")."""
    depth, in_class, index = 0, False, 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source.startswith("^", index + 1):
                index += 1
            if source.startswith("]", index + 1):
                index += 1  # a "]" first in a class is a literal
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


_CLASS_RUN_HEAD_RE = re.compile(r"\[(?:[^\]\\]|\\.)+\]\{\d+,\d*\}(?![?+*{])")
"""A pattern opening with a repeated class of plain members ("[^\\W\\d_]{3,}"), greedy, something after it."""


def _grouped_words(entries: Sequence[str]) -> str | None:
    """The entries, lowered (`_lowered_source`), as one alternation whose entries opening with the
    same literal letter share one branch ("r(?:ue|oad)" for "rue" and "road"): at each place of a
    text it matches exactly what the alternation of the lowered entries matches, but the regex
    engine tries one branch per first letter instead of every entry. For `may_match`, which asks
    only whether a match exists (an entry's order within the alternation may move). None where an
    entry cannot be lowered safely."""
    groups: dict[str, list[str]] = {}
    class_heads: dict[str, list[str]] = {}
    rest: list[str] = []
    for entry in entries:
        lowered = _lowered_source(entry)
        if lowered is None:
            return None
        try:
            items = list(_sre_parse.parse(lowered))
        except Exception:  # a construct the parser refuses here: the entry stays as it is
            items = []
        first = lowered[:1]
        if (
            items
            and items[0][0] is _sre.LITERAL
            and first not in _SPECIAL
            and first == chr(items[0][1])
            and not _top_level_bar(lowered)
        ):
            groups.setdefault(first, []).append(lowered[1:])
        elif (head := _CLASS_RUN_HEAD_RE.match(lowered)) is not None and not _top_level_bar(lowered):
            # a run of letters before a word's ending ("[^\\W\\d_]{3,}(?:katu|tie)"): the entries
            # opening with the same run share it, so that a place's run is read once, not once each
            class_heads.setdefault(head.group(0), []).append(lowered[head.end() :])
        else:
            rest.append(lowered)
    branches = [re.escape(first) + "(?:" + "|".join(tails) + ")" for first, tails in groups.items()]
    branches += [
        head + "(?:" + "|".join(f"(?:{tail})" for tail in tails) + ")" for head, tails in class_heads.items()
    ]
    return "|".join(branches + rest)


@cache
def word_set(name: str) -> frozenset[str]:
    """The word class ``name`` of every pack as plain lower-case words or phrases (spaces collapsed)."""
    return frozenset(" ".join(entry.lower().split()) for entry in _class_entries(name))


@cache
def _label_kinds() -> tuple[str, ...]:
    return _kinds()


@lru_cache(maxsize=16384)
def is_label_text(text: str) -> bool:
    """Whether ``text`` is nothing but labels of the packs ("Scadenza", "Factuurdatum:", "Bill to",
    "Total EUR"): a label is never a value (a vendor or buyer name, an id)."""
    stripped = text.strip(" \t:.;,#*-–|()[]")
    if not stripped or not _LETTER_RE.search(stripped):
        return False
    if not _SPACE_RE.search(stripped) and _DIGIT_RE.search(stripped):
        return False  # one token with digits is an id ("INV-008517", "REF-2026-07833"), whatever its letters
    if _first_letter_unlabelled(stripped):
        return False
    covered = [False] * len(stripped)
    for hit in labels_of(_label_kinds(), stripped):
        for index in range(hit.start, hit.end):
            covered[index] = True
    rest = "".join(" " if covered[i] else ch for i, ch in enumerate(stripped))
    rest = _CODE_WORD_RE.sub(" ", rest)  # a currency code beside a label ("Total EUR")
    return _LETTER_RE.search(rest) is None


_LETTER_RE = re.compile(r"[^\W\d_]")
_SPACE_RE = re.compile(r"\s")
_DIGIT_RE = re.compile(r"\d")
_CODE_WORD_RE = re.compile(r"\b(?:[A-Z]{3})\b")


def _first_letter_unlabelled(stripped: str) -> bool:
    """True when no label can cover the text's first letter outside a three-capital word: no kind
    opens as the text does at a place up to that letter. (A label neither starts right after a word
    character nor ends right before a letter, so covering labels leave such a letter's word as it
    is: is_label_text would find it uncovered, a letter left.) False when that cannot be told."""
    letter = _LETTER_RE.search(stripped)
    if letter is None:
        return False
    first = letter.start()
    if _CODE_WORD_RE.search(stripped) is not None:  # (rare: most texts hold no three-capital word)
        codes = [(match.start(), match.end()) for match in _CODE_WORD_RE.finditer(stripped)]
        first = next(
            (
                m.start()
                for m in _LETTER_RE.finditer(stripped)
                if not any(a <= m.start() < b for a, b in codes)
            ),
            -1,
        )
        if first < 0:
            return False
    if len(stripped.lower()) != len(stripped):
        return False
    if _kinds_by_opening()[0]:
        return False  # some kind's openings are not known
    # a label opening at a place up to the letter, read whole before the letter's opening would end
    # (every opening is some kind's: one is enough), from the text's index (`_line_index`, which the
    # label look-ups of the text read too) rather than by walking the text again
    _, starts, places = _line_index(stripped)
    limit = first + _PREFIX_LENGTH
    return not any(places[opening][0] + len(opening) <= limit for opening in starts)


def every_currency_mark() -> list[str]:
    """The currency marks of every pack that are no ISO code and no symbol of one character ("kr",
    "kr.", "Kč", "zł"), longest first."""
    marks: set[str] = set()
    for data in _load().values():
        listed = data.get("currency_marks", [])
        assert isinstance(listed, list)
        marks.update(str(mark) for mark in listed)
    words = [mark for mark in marks if len(mark) > 1 and not re.fullmatch(r"[A-Z]{3}", mark)]
    return sorted(words, key=lambda mark: (-len(mark), mark))


@cache
def _marks_pattern(language: str) -> re.Pattern[str] | None:
    marks = _load()[language].get("currency_marks", [])
    assert isinstance(marks, list)
    if not marks:
        return None
    alternatives = "|".join(re.escape(str(mark)) for mark in sorted(marks, key=len, reverse=True))
    return re.compile(r"(?<![^\W\d_])(?:" + alternatives + r")(?![^\W\d_])")


def locale_currency(language: str, text: str) -> tuple[str | None, int]:
    """The currency a document in ``language`` prints its amounts in when it marks them the pack's
    way ("kr", "Kč", "zł", "€"): (ISO code, how often the marks occur); (None, 0) without a mark."""
    code = _load()[language].get("currency")
    pattern = _marks_pattern(language)
    if not isinstance(code, str) or pattern is None:
        return None, 0
    count = len(pattern.findall(text))
    return (code, count) if count else (None, 0)
