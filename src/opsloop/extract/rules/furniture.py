"""What a program printing a page adds around an invoice, set aside before the invoice is read.

A page printed from a web browser with its headers and footers on carries the print date and the page's
title on its first line and the address it was printed from with a page counter ("https://… 1/2") on its
last: none of it is the invoice's (the print date is not the invoice date, the title's order number not
its number). A mail client's print view opens with the message's envelope — From / To / Date / Subject
(``mail_header_labels``; an address in angle brackets: "Name <name@host>"), a subject with a reply or
forward prefix (``mail_subject_prefixes``), a forwarded message's separator ("---- Forwarded message ----"),
the note the forwarder or replier wrote above it, the "On …, X <x@host> wrote:" line over a quote — and
none of it is the invoice's either: the mail's date is when it was sent, its addressee a mailbox."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from opsloop.extract.rules.layout import Line
from opsloop.extract.rules.lexicon import CaselessPattern, word_entries

ANGLE_ADDRESS_RE = re.compile(r"<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>")
"""A mail address in angle brackets, as a mail header writes a sender or recipient ("Name <n@host>")."""
SEPARATOR_RE = re.compile(r"^\s*-{2,}\s*[^\W\d_][^-]{2,}?\s*-{2,}\s*$")
"""A dashed separator with words in it ("---------- Forwarded message ---------")."""
FOOTER_RE = re.compile(r"^\s*(?:https?|file)://\S+\s+\d{1,4}\s*/\s*\d{1,4}\s*$")
"""A browser's print footer: the page's address, then the page counter "n/N"."""
ENVELOPE_START = 4
"""The envelope's first line stands among the page's first lines (a print header or a subject above it)."""
ENVELOPE_GAP = 3
"""Lines of the envelope follow one another with at most this many lines between (a note, "to me")."""


@cache
def _header_re() -> CaselessPattern:
    labels = "|".join(word_entries("mail_header_labels"))
    # the label with its colon ("Date:"), or set in the envelope's column of labels with its value two
    # spaces or more away ("Date              Mon, 04 Aug 2025"), as a mail client's print view sets them
    return CaselessPattern(re.compile(rf"^\s*(?:{labels})(?:\s*:|\s{{2,}}\S)", re.IGNORECASE))


@cache
def _subject_re() -> CaselessPattern:
    prefixes = "|".join(word_entries("mail_subject_prefixes"))
    return CaselessPattern(re.compile(rf"^\s*(?:{prefixes})\s*:\s*\S", re.IGNORECASE))


def _strong(text: str) -> bool:
    """A line only an envelope prints: an address in angle brackets (a sender, a recipient, "… wrote:"),
    a dashed separator with words, a subject with a reply or forward prefix."""
    return bool(ANGLE_ADDRESS_RE.search(text) or SEPARATOR_RE.match(text) or _subject_re().search(text))


def envelope_end(lines: Sequence[Line]) -> int:
    """The index after a mail client's envelope at the top of the first page (0 when there is none). It
    opens within the first lines; a line only an envelope prints (``_strong``) carries it on across a few
    lines (a note, "to me"), a header label ("Date:", "Betreff:") only right after another envelope line —
    so an invoice's own "Date:" further down is not taken in; and it is one only with two lines or more,
    an address in angle brackets among them."""
    last = -1
    count = 0
    addressed = False
    for position, line in enumerate(lines):
        if line.page != lines[0].page:
            break
        reach = ENVELOPE_START if last < 0 else ENVELOPE_GAP
        if position - max(last, 0) > reach:
            break
        strong = _strong(line.text)
        if strong or (_header_re().search(line.text) and (last < 0 or position - last == 1)):
            last = position
            count += 1
            addressed = addressed or ANGLE_ADDRESS_RE.search(line.text) is not None
    return last + 1 if addressed and count >= 2 else 0


def browser_furniture(lines: Sequence[Line]) -> set[int]:
    """Positions of a browser's print header and footer: a page whose last line is an address with a page
    counter printed them, its first line the print date and the page title (a line opening with a digit)."""
    out: set[int] = set()
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for position, line in enumerate(lines):
        first.setdefault(line.page, position)
        last[line.page] = position
    for page, end in last.items():
        if not FOOTER_RE.match(lines[end].text):
            continue
        out.add(end)
        start = first[page]
        if start != end and lines[start].text.lstrip()[:1].isdigit():
            out.add(start)
    return out


def without_print_furniture(lines: list[Line]) -> list[Line]:
    """The lines with a browser's print header and footer and a mail client's envelope left out (indexes
    renumbered); the lines themselves when there are none."""
    if not lines:
        return lines
    dropped = browser_furniture(lines)
    kept = [line for position, line in enumerate(lines) if position not in dropped]
    cut = envelope_end(kept)
    if not dropped and not cut:
        return lines
    kept = kept[cut:] or kept
    return [replace(line, index=index) for index, line in enumerate(kept)]
