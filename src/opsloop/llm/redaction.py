"""Redaction before any text leaves the machine: emails, phone numbers, IBANs, card numbers and the
person names the offline detector finds become placeholders ([EMAIL_1], [NAME_2], ...).

The mapping from placeholder to the original stays in the `Redactor` (in memory, never sent nor
stored with the call); `restore` puts the originals back into what the model answered.

Names are found from what the transcript knows (the customer, message authors) and from cues in
the text: honorifics (Mr, Mrs, Dr, Herr, Frau, Mme ...), introductions ("my name is", "ich heiße",
"je m'appelle", "me llamo"), and sign-offs ("Regards, Anna"). Each known full name's parts are
redacted too. Card numbers must pass the Luhn check; IBANs are redacted by shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from stdnum import luhn

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
CARD_RE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{1,3}[\s./-]?)?(?:\(\d{1,5}\)[\s./-]?)?\d{2,5}(?:[\s./-]?\d{2,5}){1,4}(?![\w])"
)
_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
HONORIFIC_RE = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|Sig|Dhr|Mevr)\.?\s+(?P<name>{_NAME})"
)
INTRO_RE = re.compile(
    rf"(?i:\b(?:my name is|my name's|ich heiße|ich heisse|mein name ist|je m'appelle|me llamo|mi chiamo|"
    rf"mijn naam is))\s+(?P<name>{_NAME})"
)
SIGNOFF_RE = re.compile(
    rf"(?i:\b(?:regards|best|thanks|thank you|cheers|sincerely|grüße|gruß|cordialement|saludos|groeten))"
    rf"[,!.]?\s*\n?\s*(?:-\s*)?(?P<name>{_NAME})\s*$",
    re.MULTILINE,
)
_NOT_NAMES = frozenset(
    {
        "I",
        "The",
        "This",
        "That",
        "Thanks",
        "Thank",
        "Please",
        "Hello",
        "Hi",
        "Dear",
        "Team",
        "Support",
        "Customer",
        "Service",
        "Sorry",
        "Yes",
        "No",
        "Ok",
        "Okay",
        "Still",
        "Waiting",
        "Very",
        "Not",
        "Just",
        "Really",
        "So",
        "Here",
        "There",
        "Your",
        "Our",
        "We",
        "You",
        "Again",
        "Today",
    }
)


def _phone_digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


@dataclass
class Redactor:
    """Replaces personal data with numbered placeholders, consistently across calls (one per
    conversation), and keeps the mapping locally to restore the model's answer."""

    known_names: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    """placeholder -> original text."""
    _reverse: dict[tuple[str, str], str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.known_names = _expand_names(self.known_names)

    def _placeholder(self, kind: str, original: str) -> str:
        key = (kind, original.casefold() if kind == "NAME" else re.sub(r"[\s./()-]", "", original))
        existing = self._reverse.get(key)
        if existing is not None:
            return existing
        self._counts[kind] = self._counts.get(kind, 0) + 1
        placeholder = f"[{kind}_{self._counts[kind]}]"
        self._reverse[key] = placeholder
        self.mapping[placeholder] = original
        return placeholder

    def redact(self, text: str) -> str:
        text = EMAIL_RE.sub(lambda m: self._placeholder("EMAIL", m.group(0)), text)
        text = IBAN_RE.sub(lambda m: self._placeholder("IBAN", m.group(0)), text)
        text = CARD_RE.sub(self._card, text)
        text = PHONE_RE.sub(self._phone, text)
        names = set(self.known_names)
        for regex in (HONORIFIC_RE, INTRO_RE, SIGNOFF_RE):
            for match in regex.finditer(text):
                name = _trim_name(match.group("name"))
                if name:
                    names.add(name)
        for name in sorted(names, key=len, reverse=True):
            pattern = re.compile(
                rf"(?<![\w\[]){re.escape(name)}(?![\w\]])", re.IGNORECASE if " " in name else 0
            )
            text = pattern.sub(lambda m: self._placeholder("NAME", m.group(0)), text)
        return text

    def _card(self, match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
            return self._placeholder("CARD", match.group(0))
        return match.group(0)

    def _phone(self, match: re.Match[str]) -> str:
        value = match.group(0)
        digits = _phone_digits(value)
        looks_like_date = re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", value) is not None
        plain_number = re.fullmatch(r"\d+", value) is not None and not value.startswith("0")
        if digits < 7 or digits > 15 or looks_like_date or plain_number:
            return value
        return self._placeholder("PHONE", value)

    def restore(self, text: str) -> str:
        """Put the originals back into text that carries placeholders."""
        for placeholder, original in self.mapping.items():
            text = text.replace(placeholder, original)
        return text


def _trim_name(raw: str) -> str | None:
    words = [w for w in raw.split() if w not in _NOT_NAMES]
    if not words or words[0] != raw.split()[0]:
        return None
    return " ".join(words)


def _expand_names(names: Iterable[str]) -> list[str]:
    """Full names plus their capitalised parts of 3+ letters (so 'Jane' alone is redacted too)."""
    out: set[str] = set()
    for name in names:
        cleaned = " ".join(name.split())
        if not cleaned or "@" in cleaned:
            continue
        out.add(cleaned)
        for part in cleaned.split():
            if len(part) >= 3 and part[0].isupper() and part not in _NOT_NAMES:
                out.add(part)
    return sorted(out)
