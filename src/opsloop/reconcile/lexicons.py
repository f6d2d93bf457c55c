"""The reconciler's knowledge as data: the lexicon files in `reconcile/lexicon/` (instruction-like text,
tax wording, allowance and charge words, units of measure), loaded once and compiled.

Every pattern is matched against `fold(text)`: Unicode NFKC, casefolded, dashes as "-", runs of white
space as one space; a pattern stands as whole words (no letter or digit right before or after it).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from opsloop.errors import ConfigError

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs")
"""The languages every lexicon covers (the languages opsloop reads)."""

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u00b4`"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Text as the lexicons match it: NFKC, casefolded, dashes as "-", one space for any white space."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES).translate(_QUOTES)
    return _SPACE.sub(" ", folded).strip()


def _read(name: str) -> dict[str, Any]:
    text = (files("opsloop.reconcile") / "lexicon" / name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"the lexicon {name} is not valid TOML: {error}", hint=f"Fix reconcile/lexicon/{name}."
        ) from error


def _words(patterns: list[str], source: str) -> re.Pattern[str]:
    """One regex for a list of patterns, each standing as whole words.

    Python's `re` tries every alternative at every position; with a few hundred patterns that is a
    millisecond per few hundred characters. So the patterns are grouped by the characters they can
    start with (`first_chars`), each group behind a one-character lookahead: at a position only the
    groups that can start there are entered (about five times faster on invoice text)."""
    groups: dict[frozenset[str], list[str]] = {}
    anywhere: list[str] = []
    for pattern in patterns:
        try:
            chars = first_chars(pattern)
        except (ValueError, IndexError):
            chars = None
        if chars is None:
            anywhere.append(pattern)
        else:
            groups.setdefault(frozenset(chars), []).append(pattern)
    parts = [
        f"(?=[{''.join(sorted(re.escape(c) for c in chars))}])(?:{'|'.join(f'(?:{p})' for p in group)})"
        for chars, group in groups.items()
    ] + [f"(?:{p})" for p in anywhere]
    try:
        return re.compile(rf"(?<![\w])(?:{'|'.join(parts)})(?![\w])")
    except re.error as error:
        raise ConfigError(
            f"a pattern in {source} does not compile: {error}", hint="Fix the regular expression."
        ) from error


def first_chars(pattern: str) -> set[str] | None:
    """The characters a match of `pattern` can start with, or None when it could start with any (a
    `\\w`, a dot, a negated class, or a pattern that can match nothing). Understands the lexicons'
    dialect: literals, escapes, classes, (non-capturing) groups, alternation, ?, *, + and {m,n}."""
    position = 0

    def alternation() -> tuple[set[str] | None, bool]:
        nonlocal position
        union: set[str] | None = set()
        nullable = False
        while True:
            chars, empty = sequence()
            union = None if union is None or chars is None else union | chars
            nullable = nullable or empty
            if position < len(pattern) and pattern[position] == "|":
                position += 1
                continue
            return union, nullable

    def atom() -> tuple[set[str] | None, bool]:
        nonlocal position
        char = pattern[position]
        if char == "(":
            position += 1
            if pattern.startswith("?:", position):
                position += 2
            elif pattern.startswith("?", position):
                raise ValueError("lookaround or flags")
            chars, empty = alternation()
            if pattern[position] != ")":
                raise ValueError("unbalanced group")
            position += 1
            return chars, empty
        if char == "[":
            end = pattern.index("]", position + 2 if pattern[position + 1] == "]" else position + 1)
            body = pattern[position + 1 : end]
            position = end + 1
            if body.startswith("^") or "\\" in body:
                return None, False
            found: set[str] = set()
            index = 0
            while index < len(body):
                if index + 2 < len(body) and body[index + 1] == "-":
                    found.update(chr(o) for o in range(ord(body[index]), ord(body[index + 2]) + 1))
                    index += 3
                else:
                    found.add(body[index])
                    index += 1
            return found, False
        if char == "\\":
            escaped = pattern[position + 1]
            position += 2
            return (None if escaped in "wdsWDSbBAZ" else {escaped}), False
        position += 1
        return (None if char == "." else {char}), False

    def sequence() -> tuple[set[str] | None, bool]:
        nonlocal position
        union: set[str] | None = set()
        nullable = True
        while position < len(pattern) and pattern[position] not in "|)":
            chars, empty = atom()
            if position < len(pattern) and pattern[position] in "?*":
                position += 1
                empty = True
                if position < len(pattern) and pattern[position] == "?":
                    position += 1
            elif position < len(pattern) and pattern[position] == "+":
                position += 1
            elif position < len(pattern) and pattern[position] == "{":
                end = pattern.index("}", position)
                empty = empty or pattern[position + 1 : end].split(",")[0].strip() in ("", "0")
                position = end + 1
            if nullable:
                union = None if union is None or chars is None else union | chars
            nullable = nullable and empty
        return union, nullable

    chars, nullable = alternation()
    if position != len(pattern):
        raise ValueError("unbalanced group")
    return None if nullable else chars


# --------------------------------------------------------------------------- instruction-like text


@dataclass(frozen=True, slots=True)
class TextHit:
    category: str
    """instruction | bank_change | direct_debit"""
    language: str
    phrase: str
    """The matched words as folded."""


class InstructionLexicon:
    """Instruction-like text, bank-change and direct-debit announcements (lexicon/instructions.toml)."""

    CATEGORIES = ("instruction", "bank_change", "direct_debit")

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = str(data.get("version", ""))
        self.by_language: dict[tuple[str, str], re.Pattern[str]] = {}
        combined: dict[str, list[str]] = {c: [] for c in self.CATEGORIES}
        for language in LANGUAGES:
            section = data.get(language) or {}
            for category in self.CATEGORIES:
                patterns = [str(p) for p in section.get(category) or []]
                if not patterns:
                    raise ConfigError(
                        f"instructions.toml has no {category} patterns for {language!r}",
                        hint="Every language opsloop reads needs every list.",
                    )
                self.by_language[(category, language)] = _words(patterns, f"instructions.toml [{language}]")
                combined[category].extend(patterns)
        self.any: dict[str, re.Pattern[str]] = {
            c: _words(p, "instructions.toml") for c, p in combined.items()
        }

    def find(self, text: str) -> list[TextHit]:
        """Every category found in `text` (already folded or not), with the first phrase and its language."""
        folded = fold(text)
        hits: list[TextHit] = []
        for category, pattern in self.any.items():
            found = pattern.search(folded)
            if found is None:
                continue
            language = next(
                (
                    lang
                    for lang in LANGUAGES
                    if self.by_language[(category, lang)].search(folded, found.start(), found.end())
                ),
                "?",
            )
            hits.append(TextHit(category, language, found.group(0)))
        return hits


@cache
def instruction_lexicon() -> InstructionLexicon:
    return InstructionLexicon(_read("instructions.toml"))


# --------------------------------------------------------------------------- tax wording


class TaxWording:
    """Why an invoice charges no VAT, in words (lexicon/tax.toml) or by VAT category code."""

    KINDS = ("reverse_charge", "intra_community", "export", "exempt")

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = str(data.get("version", ""))
        self.codes: dict[str, str] = {str(k).upper(): str(v) for k, v in (data.get("codes") or {}).items()}
        self.wording_required = frozenset(str(c).upper() for c in data.get("wording_required") or [])
        patterns: dict[str, list[str]] = {k: [] for k in self.KINDS}
        for language in LANGUAGES:
            section = data.get(language)
            if not section:
                raise ConfigError(f"tax.toml has no section for {language!r}", hint="Add the wording.")
            for kind in self.KINDS:
                patterns[kind].extend(str(p) for p in section.get(kind) or [])
        self.patterns = {k: _words(p, "tax.toml") for k, p in patterns.items() if p}

    def kinds_in(self, text: str) -> set[str]:
        folded = fold(text)
        return {kind for kind, pattern in self.patterns.items() if pattern.search(folded)}

    def kind_of_code(self, code: str | None) -> str | None:
        return self.codes.get(code.strip().upper()) if code else None


@cache
def tax_wording() -> TaxWording:
    return TaxWording(_read("tax.toml"))


# --------------------------------------------------------------------------- allowances and charges


class ChargeLexicon:
    """What a line or an e-invoice allowance/charge is (lexicon/charges.toml)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = str(data.get("version", ""))
        self.kinds: tuple[str, ...] = tuple(str(k) for k in data.get("kinds") or ())
        self.codes: dict[str, str] = {str(k).upper(): str(v) for k, v in (data.get("codes") or {}).items()}
        patterns: dict[str, list[str]] = {k: [] for k in self.kinds}
        for language in LANGUAGES:
            section = data.get(language)
            if not section:
                raise ConfigError(f"charges.toml has no section for {language!r}", hint="Add the words.")
            for kind in self.kinds:
                patterns[kind].extend(str(p) for p in section.get(kind) or [])
        self.patterns = [(k, _words(patterns[k], "charges.toml")) for k in self.kinds if patterns[k]]
        words: dict[str, list[str]] = {"cash_discount": [], "charged_back": []}
        for language in LANGUAGES:
            for key, found in words.items():
                found.extend(str(p) for p in data[language].get(key) or [])
        self.cash_discount = _words(words["cash_discount"], "charges.toml")
        self.charged_back = _words(words["charged_back"], "charges.toml")

    @lru_cache(maxsize=1024)  # noqa: B019 - one lexicon per process, kept for its life
    def discount_charged_back(self, text: str | None) -> bool:
        """Whether `text` charges back a cash discount: it names a cash discount and that it is charged back
        (or was not earned: paid late)."""
        if not text:
            return False
        folded = fold(text)
        return bool(self.cash_discount.search(folded) and self.charged_back.search(folded))

    @lru_cache(maxsize=4096)  # noqa: B019 - one lexicon per process, kept for its life
    def classify(self, text: str | None) -> str | None:
        """The kind of allowance or charge `text` describes, or None (goods, services, unknown)."""
        if not text:
            return None
        folded = fold(text)
        for kind, pattern in self.patterns:
            if pattern.search(folded):
                return kind
        return None

    def kind_of_code(self, code: str | None, *, allowance: bool) -> str | None:
        """An allowance is an allowance whatever its UNCL 5189 code; a charge by its UNCL 7161 code."""
        if allowance:
            return "allowance"
        return self.codes.get(code.strip().upper()) if code else None


@cache
def charge_lexicon() -> ChargeLexicon:
    return ChargeLexicon(_read("charges.toml"))


# --------------------------------------------------------------------------- units of measure

_UNIT_KEY = re.compile(r"[\s.]+")


@cache
def _unit_aliases() -> dict[str, str]:
    data = _read("units.toml")
    aliases: dict[str, str] = {}
    for code, names in (data.get("aliases") or {}).items():
        for name in [code, *names]:
            key = _UNIT_KEY.sub("", fold(str(name)))
            if aliases.get(key, code) != code:
                raise ConfigError(
                    f"units.toml maps {name!r} to both {aliases[key]} and {code}",
                    hint="Give every unit name one code.",
                )
            aliases[key] = str(code)
    return aliases


@lru_cache(maxsize=1024)
def unit_code(unit: str | None) -> str | None:
    """The UN/ECE rec 20 code of a unit as printed or coded ("Stk", "pcs", "H87" → C62); the unit
    itself (upper case) when the lexicon does not know it; None for none."""
    if not unit or not unit.strip():
        return None
    key = _UNIT_KEY.sub("", fold(unit))
    return _unit_aliases().get(key) or key.upper()


@cache
def _unit_sizes() -> dict[str, tuple[str, Decimal]]:
    """Unit code -> (its measure, its size in the measure's first unit), from units.toml's `sizes`."""
    sizes: dict[str, tuple[str, Decimal]] = {}
    for measure, units in (_read("units.toml").get("sizes") or {}).items():
        for code, size in units.items():
            if code in sizes:
                raise ConfigError(
                    f"units.toml sizes {code!r} in both {sizes[code][0]} and {measure}",
                    hint="Give every unit one measure.",
                )
            sizes[str(code)] = (str(measure), Decimal(str(size)))
    return sizes


@cache
def _pack_pattern() -> re.Pattern[str]:
    """ "<pack unit> [<between>] <count> [<piece unit>]" over folded text, from units.toml's `packs`."""
    data = _read("units.toml")
    packs = data.get("packs") or {}
    aliases = _unit_aliases()
    pack_codes = set(packs.get("units") or [])
    pack_words = sorted((k for k, code in aliases.items() if code in pack_codes and k), key=len, reverse=True)
    piece_words = sorted((k for k, code in aliases.items() if code == "C62" and k), key=len, reverse=True)
    between = sorted((fold(str(w)) for w in packs.get("between") or []), key=len, reverse=True)

    def alternatives(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in words)

    return re.compile(
        rf"(?<![a-z0-9])(?:{alternatives(pack_words)})\.?\s*"
        rf"(?:(?:(?:{alternatives(between)})\s*(?P<a>[0-9]{{1,5}})(?![0-9.,]))"
        rf"|(?:(?P<b>[0-9]{{1,5}})\s*(?:{alternatives(piece_words)})(?![a-z0-9])))"
    )


def pack_content(text: str | None) -> int | None:
    """The pieces in a pack as a line's text prints it ("Karton à 12 St.": 12, "box of 10 pcs": 10); None when
    it prints none, or two different ones."""
    if not text:
        return None
    found = {int(m.group("a") or m.group("b")) for m in _pack_pattern().finditer(fold(text))}
    found.discard(0)
    found.discard(1)
    return found.pop() if len(found) == 1 else None


def pack_unit(unit: str | None) -> bool:
    """Whether a printed unit is a pack (a box, carton, package: units.toml's `packs`)."""
    code = unit_code(unit)
    return code is not None and code in set((_read("units.toml").get("packs") or {}).get("units") or [])


def unit_ratio(printed: str | None, ordered: str | None) -> Decimal | None:
    """Printed units in one ordered unit when both are units of one measure with a fixed ratio (grams billed,
    kilograms ordered: 1000); None when they are the same unit, of other measures, or not known."""
    have, want = unit_code(printed), unit_code(ordered)
    if have is None or want is None or have == want:
        return None
    sizes = _unit_sizes()
    if have not in sizes or want not in sizes or sizes[have][0] != sizes[want][0]:
        return None
    return sizes[want][1] / sizes[have][1]


# --------------------------------------------------------------------------- document titles


@cache
def _credit_note_title() -> re.Pattern[str]:
    return _title_pattern("credit_note_titles")


@cache
def _title_pattern(*sections: str) -> re.Pattern[str]:
    """A title of `sections` of documents.toml standing on a line: at its start or after a wide gap,
    followed by a number label, a number or the end of the line."""
    data = _read("documents.toml")
    section = " and ".join(sections)
    words = [
        str(w)
        for name in sections
        for language in LANGUAGES
        for w in (data.get(name) or {}).get(language) or []
    ]
    labels = [str(label) for label in data.get("number_labels") or []]
    if not words:
        raise ConfigError(f"documents.toml names no {section}", hint="Add them per language.")
    try:
        return re.compile(
            rf"(?:^[ \t]*+|(?<![ \t])[ \t]{{3,}}+)(?P<title>{'|'.join(words)})"
            rf"(?=[ \t]*+(?:{'|'.join(labels)})|[ \t]*+$|[ \t]++[A-Za-z0-9/-]*[0-9])",
            re.IGNORECASE | re.MULTILINE,
        )
    except re.error as error:
        raise ConfigError(f"documents.toml does not compile: {error}", hint="Fix the pattern.") from error


def credit_note_title(text: str) -> str | None:
    """The credit-note title standing on a line of `text` ("GUTSCHRIFT", "Credit note No. 12"), or None."""
    found = _credit_note_title().search(text)
    return found.group("title") if found is not None else None


def advance_invoice_title(text: str) -> str | None:
    """The title of an advance-payment invoice ("Anzahlungsrechnung", "Facture d'acompte N° 12", "Deposit
    invoice") standing on a line of `text`, or None."""
    found = _title_pattern("advance_invoice_titles").search(text)
    return found.group("title") if found is not None else None


def not_invoice_title(text: str) -> str | None:
    """The title of a document that is no invoice ("Angebot", "Order confirmation No. 12", "Lieferschein",
    "Proforma-Rechnung", "Zahlungserinnerung", "Statement of account") standing on a line of `text`,
    when no invoice title ("Rechnung", "Invoice No. 12") stands on any line of it; else None."""
    found = _title_pattern("not_invoice_titles", "letter_titles").search(text)
    if found is None:
        return None
    invoice_words = list(_title_pattern("invoice_titles").finditer(text))
    if not invoice_words:
        return found.group("title")
    # A title with nothing after it on its line is a heading. An invoice word that only labels or names a
    # number does not outrank a heading saying the page is no invoice when that heading is read first
    # ("Zahlungserinnerung" above "Rechnung 4711" listed on a reminder or a statement), or when the heading
    # is itself an invoice word's compound ("Facture pro forma" with the template's "Facture n°" label
    # above it). An invoice heading ("RECHNUNG" alone) always does, as does an invoice title read before a
    # lone heading ("Rechnung Nr. 12" above a box headed "Lieferschein").
    # A letter about invoices (a reminder, a statement) names the invoice in a field of its header
    # ("Factuurnummer: F-4888"): an invoice word labelling a field is no title read before its heading.
    if any(_heading(text, m) for m in invoice_words):
        return None
    titles = [m for m in invoice_words if not _field_label(text, m)]
    first_title = titles[0].start("title") if titles else len(text)
    letters = _title_pattern("letter_titles")
    for heading in _title_pattern("not_invoice_titles", "letter_titles").finditer(text):
        first = first_title if letters.match(text, heading.start()) else invoice_words[0].start("title")
        if _heading(text, heading) and (
            heading.start("title") < first
            or _invoice_words().search(fold(heading.group("title"))) is not None
        ):
            return heading.group("title")
    return None


@cache
def _label_colon() -> re.Pattern[str]:
    labels = [str(label) for label in _read("documents.toml").get("number_labels") or [] if label != ":"]
    return re.compile(rf"[ \t]*+(?:(?:{'|'.join(labels)})[ \t]*+)?:", re.IGNORECASE)


def _field_label(text: str, match: re.Match[str]) -> bool:
    """Whether the title `match` labels a field: a colon after it, or after its number label."""
    return _label_colon().match(text, match.end("title")) is not None


@cache
def _invoice_words() -> re.Pattern[str]:
    """The invoice titles anywhere in a word: a compound such as "Proformafaktura" or "Proformafactuur"
    (the Nordic and Dutch way) holds the invoice word without a word boundary before it."""
    titles = _read("documents.toml").get("invoice_titles") or {}
    words = [str(w) for language in LANGUAGES for w in titles.get(language) or []]
    return re.compile("|".join(f"(?:{w})" for w in words))


def _heading(text: str, match: re.Match[str]) -> bool:
    """Whether the title `match` found ends its line (a colon aside): a heading, not a label or a reference."""
    end = text.find("\n", match.end("title"))
    rest = text[match.end("title") : end if end >= 0 else len(text)]
    return not rest.strip(" \t:")


@cache
def _advance_payment_words() -> re.Pattern[str]:
    data = _read("documents.toml").get("advance_payment_words") or {}
    words = [str(w) for language in LANGUAGES for w in data.get(language) or []]
    if not words:
        raise ConfigError("documents.toml names no advance_payment_words", hint="Add them per language.")
    return _words(words, "documents.toml")


def advance_payment_word(text: str) -> str | None:
    """A word naming an advance payment ("Anzahlung", "down payment", "acompte") in `text`, or None."""
    found = _advance_payment_words().search(fold(text))
    return found.group(0) if found is not None else None
