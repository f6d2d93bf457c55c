"""National tax and VAT id schemes (``lexicons/tax_ids.json``): ids printed without an EU country
prefix or outside the EU (a Swiss UID, an ABN, a GSTIN, a Polish NIP, a Norwegian org nr ... MVA),
each checked by its python-stdnum module. A scheme whose printed shape is only digits counts only
right after one of its labels."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import import_module, resources
from typing import Any

_AFTER_LABEL = r"\s*(?:n[°ºo]\.?|nr\.?|no\.?|number|num\.?)?[\s:.#-]*"
"""What may stand between a label and its id ("NIF n.º: ", "ABN: ", "Org.nr. ")."""


@dataclass(frozen=True)
class TaxIdScheme:
    name: str
    pattern: re.Pattern[str]
    checker: Any
    checked_part: re.Pattern[str] | None
    needles: tuple[str, ...]
    """Plain lower-case strings one of which a line holds wherever the scheme's id can stand."""


@dataclass(frozen=True)
class TaxIdHit:
    value: str
    """The id as printed, letters and digits only, upper case."""
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
            source = r"(?i:(?<![\w])(?:" + "|".join(labels) + r"))" + _AFTER_LABEL + shape
        else:
            source = r"(?<![\w])" + shape
        part = entry.get("checked_part")
        found.append(
            TaxIdScheme(
                entry["scheme"],
                re.compile(source + r"(?![\w])"),
                import_module(f"stdnum.{entry['stdnum']}"),
                re.compile(part) if part else None,
                tuple(entry["needles"]),
            )
        )
    return tuple(found)


@cache
def _any_needle() -> re.Pattern[str]:
    needles = {needle for scheme in schemes() for needle in scheme.needles}
    return re.compile("|".join(re.escape(needle) for needle in sorted(needles, key=len, reverse=True)))


_DIGIT_RUN_RE = re.compile(r"\d{2}")


def find_tax_ids(text: str) -> list[TaxIdHit]:
    """Ids of the national schemes in one line, left to right; where two schemes read the same
    stretch, the first scheme of the data file wins (the longer shape is listed first). A scheme is
    tried only on a line holding one of its needles (most lines hold none)."""
    if _DIGIT_RUN_RE.search(text) is None:
        return []
    return list(_tax_ids_in(text))


@lru_cache(maxsize=16384)
def _tax_ids_in(text: str) -> tuple[TaxIdHit, ...]:
    """`find_tax_ids` of a line holding two digits in a row, once per distinct line (the seller's VAT
    ids are read in the whole document, and again in page one for the scorer's name candidates; the
    hits are frozen)."""
    lowered = text.lower()
    if _any_needle().search(lowered) is None:
        return ()
    hits: list[TaxIdHit] = []
    for scheme in schemes():
        if not any(needle in lowered for needle in scheme.needles):
            continue
        for match in scheme.pattern.finditer(text):
            printed = match.group("id")
            value = re.sub(r"[^0-9A-Za-z]", "", printed).upper()
            checked = value
            if scheme.checked_part is not None:
                part = scheme.checked_part.search(value)
                checked = part.group(0) if part else ""
            try:
                valid = bool(checked) and bool(scheme.checker.is_valid(checked))
            except Exception:  # a checker that refuses the input: not an id of the scheme
                valid = False
            if not valid:
                continue
            start, end = match.start("id"), match.end("id")
            if any(start < hit.end and hit.start < end for hit in hits):
                continue
            hits.append(TaxIdHit(value, start, end, printed, scheme.name))
    hits.sort(key=lambda hit: hit.start)
    return tuple(hits)
