"""National tax and VAT id schemes (``lexicons/tax_ids.json``): ids printed without an EU country
prefix or outside the EU (a Swiss UID, an ABN, a GSTIN, a Polish NIP, a Norwegian org nr ... MVA),
each checked by its python-stdnum module. A scheme whose printed shape is only digits counts only
right after one of its labels."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import import_module, resources
from typing import Any

_AFTER_LABEL = r"(?i:[\s:.#：-]*(?:(?:n\.?[°ºo]\.?|nr\.?|no\.?|number|num\.?|№)[\s:.#：-]*)?)"
"""What may stand between a label and its id ("NIF n.º: ", "ABN: ", "Org.nr. ", "VAT No.", "税号：")."""


_BEFORE_LABEL = r"(?<![0-9A-Za-z_\u00c0-\u024f\u0370-\u04ff])"
"""A label starts a word of a Latin, Greek or Cyrillic script; in scripts written without spaces
(Chinese, Japanese, Korean, Hebrew) it may follow the word before it ("销售方纳税人识别号")."""


@dataclass(frozen=True)
class TaxIdScheme:
    name: str
    pattern: re.Pattern[str]
    checker: Any
    """The python-stdnum module that checks an id; None for a scheme with no published check digit,
    which then counts only after one of its labels."""
    checked_part: re.Pattern[str] | None
    needles: tuple[str, ...]
    """Plain lower-case strings one of which a line holds wherever the scheme's id can stand."""
    word_start: bool = False
    """Whether a needle counts only at a word's start (the needles are its labels' first letters)."""


@dataclass(frozen=True)
class TaxIdHit:
    value: str
    """The id as printed, letters and digits only, upper case ("12.345.678/0001-95" is 12345678000195)."""
    start: int
    end: int
    text: str
    scheme: str


@cache
def schemes() -> tuple[TaxIdScheme, ...]:
    path = resources.files("opsloop.extract.rules") / "lexicons" / "tax_ids.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    found: list[TaxIdScheme] = []
    for entry in data["schemes"]:
        shape = f"(?P<id>{entry['pattern']})"
        labels = entry.get("labels")
        if labels:
            # atomic: a label and the separators after it are read once (a layout line's long run of
            # spaces after a label is not split every way over again when the id does not follow)
            source = (
                r"(?>(?i:" + _BEFORE_LABEL + "(?:" + "|".join(labels) + r"))" + _AFTER_LABEL + ")" + shape
            )
        else:
            source = r"(?<![\w])" + shape
        part = entry.get("checked_part")
        module = entry["stdnum"]
        if module is None and not labels:
            raise ValueError(f"tax id scheme {entry['scheme']}: no check digit and no label")
        found.append(
            TaxIdScheme(
                entry["scheme"],
                re.compile(source + r"(?![\w])"),
                import_module(f"stdnum.{module}") if module else None,
                re.compile(part) if part else None,
                tuple(entry["needles"]),
                bool(entry.get("needles_start_words", False)),
            )
        )
    return tuple(found)


@cache
def _needle_index() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """One search for every scheme's needles, and for each needle the schemes (by index) it opens:
    its own and those of every needle it starts with ("momsreg" opens the schemes of "moms" too: at
    one position the search reports only the longest needle)."""
    by_needle: dict[str, list[int]] = {}
    for at, scheme in enumerate(schemes()):
        for needle in scheme.needles:
            by_needle.setdefault(needle, []).append(at)
    opened = {
        needle: tuple(
            sorted({i for other, found in by_needle.items() if needle.startswith(other) for i in found})
        )
        for needle in by_needle
    }
    return re.compile(_trie_pattern(sorted(by_needle))), opened


def _trie_pattern(words: list[str]) -> str:
    """An alternation of plain strings as a trie ("t(?:ax|in|va)" for "tax", "tin", "tva"): the
    engine tests each position's first letter once instead of once per string; at a position the
    longest string wins."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


_DIGIT_RUN_RE = re.compile(r"\d{2}")
_DIGIT_RE = re.compile(r"\d")
_WORD_CHAR = frozenset("0123456789abcdefghijklmnopqrstuvwxyz_")
_NOT_IN_ID_RE = re.compile(r"[^\w&]|_")
"""What an id's value drops: its separators (letters of any script, digits and the "&" of a Mexican
RFC stay; the value kept has letters and digits only)."""


def checked_value(scheme: TaxIdScheme, printed: str) -> str | None:
    """The id ``printed`` as kept (letters and digits, upper case) when the scheme's checker accepts
    it (its checked part, where it has one); None when it does not."""
    checked = _NOT_IN_ID_RE.sub("", printed).upper()
    value = checked.replace("&", "")
    if scheme.checked_part is not None:
        part = scheme.checked_part.search(checked)
        checked = part.group(0) if part else ""
    try:
        valid = bool(checked) and (scheme.checker is None or bool(scheme.checker.is_valid(checked)))
    except Exception:  # a checker that refuses the input: not an id of the scheme
        valid = False
    return value if valid else None


LABEL_REACH = 24
"""How far before its needle a label may start ("numéro d'entreprise" holds "entreprise"): a scheme
whose needles open its labels is read from there, not from the line's start."""


def _inside_word(char: str) -> bool:
    """Whether a character continues a word of a Latin, Greek or Cyrillic script (`_BEFORE_LABEL`)."""
    return char in _WORD_CHAR or "\u00c0" <= char <= "\u024f" or "\u0370" <= char <= "\u04ff"


def find_tax_ids(text: str) -> list[TaxIdHit]:
    """Ids of the national schemes in one line, left to right; where two schemes read the same
    stretch, the first scheme of the data file wins (the longer shape is listed first). A scheme is
    tried only on a line holding one of its needles (most lines hold none), at a word's start where
    the scheme says so ("tin" in "Martin" opens no scheme)."""
    if _DIGIT_RUN_RE.search(text) is None:
        return []
    return list(_tax_ids_in(text))


@lru_cache(maxsize=16384)
def may_label_an_id(text: str) -> bool:
    """Whether a cell may be a national id's label with its value elsewhere: no digits of its own, and
    one of the schemes' needles in it (most cells hold none)."""
    return _DIGIT_RE.search(text) is None and _needle_index()[0].search(text.lower()) is not None


def find_tax_ids_under(label: str, value: str) -> list[TaxIdHit]:
    """Ids of the national schemes whose label ends a cell ("A.B.N.", "Contribuinte n.º") and whose
    value opens the cell under it (positions in ``value``); none where the label cell holds digits
    itself (its id is on its own line)."""
    label = label.rstrip()
    if _DIGIT_RUN_RE.search(value) is None or not may_label_an_id(label):
        return []
    cut = len(label) + 1
    value = value.lstrip()
    return [
        replace(hit, start=hit.start - cut, end=hit.end - cut)
        for hit in _tax_ids_in(f"{label} {value}")
        if hit.start == cut  # the value opens the cell (one after a label of its own is that label's)
    ]


@lru_cache(maxsize=16384)
def _tax_ids_in(text: str) -> tuple[TaxIdHit, ...]:
    """`find_tax_ids` of a line holding two digits in a row, once per distinct line (the seller's VAT
    ids are read in the whole document, and again in page one for the scorer's name candidates; the
    hits are frozen)."""
    lowered = text.lower()
    pattern, opened = _needle_index()
    every = schemes()
    chosen: dict[int, int] = {}
    """Scheme index -> where to start reading: a labelled scheme's label starts near its needle."""
    aligned = len(lowered) == len(text)
    for match in pattern.finditer(lowered):
        at = match.start()
        word_start = at == 0 or not _inside_word(lowered[at - 1])
        for i in opened[match.group(0)]:
            if every[i].word_start and word_start:
                chosen.setdefault(i, max(0, at - LABEL_REACH) if aligned else 0)
            elif not every[i].word_start:
                chosen[i] = 0
    if not chosen:
        return ()
    hits: list[TaxIdHit] = []
    for index in sorted(chosen):
        scheme = every[index]
        for match in scheme.pattern.finditer(text, chosen[index]):
            printed = match.group("id")
            value = checked_value(scheme, printed)
            if value is None:
                continue
            start, end = match.start("id"), match.end("id")
            if any(start < hit.end and hit.start < end for hit in hits):
                continue
            hits.append(TaxIdHit(value, start, end, printed, scheme.name))
    hits.sort(key=lambda hit: hit.start)
    return tuple(hits)
