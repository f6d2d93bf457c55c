"""GIVEN the shortcuts the label and word lookups take for speed (a trie of label openings, word
classes factored by first letter) WHEN a text is looked up THEN the answer is the one the plain
pattern gives: the shortcuts change how fast, never what is found."""

import re

import pytest

from opsloop.extract.rules.lexicon import (
    FOLDING_LETTERS,
    _grouped_words,
    _line_index,
    _lowered_source,
    _top_level_bar,
    lower_text,
    word_entries,
    word_pattern,
)

TEXTS = (
    "Rechnung Nr. 2024-0815 vom 12.03.2024",
    "ACME Trading GmbH · Hauptstraße 5 · 80331 München",
    "Bitte überweisen Sie den Betrag auf das Konto IBAN DE89 3704 0044 0532 0130 00",
    "Operated by Sanyu Supply Sdn Bhd   Tel: 03-1234 5678",
    "Thank you! Please come again   Valid until 31/12/2025",
    "Fatura No: 12   İstanbul Ticaret Ltd. Şti.   Kontoinhaber: Max Muster",
    "Via Roma 10, 00100 Roma   P.IVA 01234567890",
    "roadhouse   rue de la Paix 2   Nørregade 7   Storgatan 3",
    "",
    "   ",
)


@pytest.mark.parametrize(
    ("source", "bar"),
    [
        ("ab|cd", True),
        ("(?:ab|cd)", False),
        ("a[|]b", False),
        (r"a\|b", False),
        ("[]|]x", False),
        ("x|", True),
    ],
)
def test_a_top_level_alternation_is_told_from_one_inside_a_group_or_class(source: str, bar: bool) -> None:
    assert _top_level_bar(source) is bar


def test_entries_sharing_a_first_letter_share_a_branch_and_match_the_same() -> None:
    entries = ["ab|ac", "rue", "road", r"r\.", "[a-z]x", "st(?:r|raße)", "n°"]
    grouped = _grouped_words(entries)
    assert grouped is not None
    assert "r(?:" in grouped and "ab|ac" in grouped  # the alternation stays whole
    plain = re.compile(r"(?<![\w])(?:" + "|".join(entries) + r")(?![\w])")
    quick = re.compile(r"(?<![\w])(?:" + grouped + r")(?![\w])")
    for text in ("aab", "ac", "ab", "roads", "road", "r.", "qx", "straße", "n°", "xrue", "rue"):
        assert (quick.search(text) is None) == (plain.search(text) is None), text


@pytest.mark.parametrize(
    "name", ["legal_forms", "street_words", "other_dates", "courtesy", "operator_labels"]
)
def test_a_word_class_quick_test_agrees_with_its_pattern(name: str) -> None:
    pattern = word_pattern(name)
    lowered = _lowered_source(pattern.pattern.pattern)
    assert lowered is not None
    plain = re.compile(lowered)
    samples = [*TEXTS, *(" ".join(entry.split("(")[0].split("[")[0] for entry in word_entries(name)[:60]),)]
    for text in samples:
        for end in (len(text), len(text) // 2):
            # (a text holding a letter whose lower case hides a match is always searched in full)
            found = plain.search(text[:end].lower()) is not None or not FOLDING_LETTERS.isdisjoint(text)
            assert pattern.may_match(text, 0, end) is found, (name, text, end)


def test_the_label_index_finds_every_opening_at_every_word_start() -> None:
    for text in TEXTS:
        lowered, starts, places = _line_index.__wrapped__(text)
        assert lowered == lower_text(text)
        assert starts == frozenset(places)
        for opening, where in places.items():
            assert where == sorted(where)
            for at in where:
                assert lowered[at : at + len(opening)].replace("\t", " ") == opening
                assert at == 0 or not lowered[at - 1].isalnum()


def test_a_case_sensitive_entry_makes_the_quick_test_wider_never_narrower() -> None:
    assert _lowered_source("(?-i:eG)") == "(?:eg)"
    quick = re.compile(r"(?<![\w])(?:" + _lowered_source(r"gmbh|(?-i:eG)") + r")(?![\w])")  # type: ignore[operator]
    for text in ("Wohnbau eG", "Wohnbau EG", "Wohnbau GmbH"):  # "EG" (a ground floor) passes to the pattern
        assert quick.search(text.lower()) is not None


@pytest.mark.parametrize("name", ["legal_forms", "street_words", "courtesy", "registration_labels"])
def test_a_word_class_substitution_replaces_what_its_pattern_replaces(name: str) -> None:
    # GIVEN a word class and texts holding its entries (and none)
    pattern = word_pattern(name)
    samples = [*TEXTS, *(" ".join(entry.split("(")[0].split("[")[0] for entry in word_entries(name)[:60]),)]
    for text in samples:
        # WHEN its matches are replaced (searched from the first place the quick test allows) THEN the
        # text reads as the pattern's own substitution gives it, a template expanded the same way
        for replacement in (" ", "", r"<\g<0>>"):
            assert pattern.sub(replacement, text) == pattern.pattern.sub(replacement, text), (name, text)


def test_a_text_is_told_unlabelled_by_its_first_letter_as_by_its_labels() -> None:
    from opsloop.extract.rules.lexicon import _first_letter_unlabelled, _kinds, labels_of

    # GIVEN texts whose first letter no label covers, and texts of labels
    for text in (
        *TEXTS,
        "Acme Trading GmbH",
        "Rechnungsnummer",
        "EUR Total",
        "Bill to",
        "USD 12 Firma",
        "  ",
    ):
        stripped = text.strip()
        # WHEN the shortcut says the first letter is unlabelled THEN no label of any kind covers it
        if stripped and _first_letter_unlabelled(stripped):
            letters = [m.start() for m in re.finditer(r"[^\W\d_]", stripped)]
            codes = [m.span() for m in re.finditer(r"\b[A-Z]{3}\b", stripped)]
            first = next(at for at in letters if not any(a <= at < b for a, b in codes))
            assert not any(hit.start <= first < hit.end for hit in labels_of(_kinds(), stripped)), text
    assert not _first_letter_unlabelled("Rechnungsnummer") and _first_letter_unlabelled("Acme Trading GmbH")


def _unglued_every_prefix(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`lines._unglued` as it was before its capital-letter tests came first: every prefix looked up."""
    from opsloop.extract.rules.lines import _GLUED_PAIRS, GLUED_WORD_CHARS, _exact_kind

    word = text[start:end]
    if len(word) < GLUED_WORD_CHARS or _exact_kind(word) is not None:
        return [(start, end)]
    rest = text[end:].rstrip()
    for cut in range(2, len(word) - 1):
        head = _exact_kind(word[:cut])
        if head is None or not word[cut].isupper():
            continue
        tail = _exact_kind(word[cut:]) or _exact_kind(word[cut:] + rest)
        if (head, tail) in _GLUED_PAIRS:
            return [(start, start + cut), (start + cut, end)]
    return [(start, end)]


def test_a_glued_header_word_is_cut_as_with_every_prefix_looked_up() -> None:
    # GIVEN header cells whose words are glued column names or single words, in capitals or not
    from opsloop.extract.rules.lines import _exact_kind, _unglued

    cells = [
        "QUANTITYPRICE",
        "QuantityPrice Amount",
        "QuantitéPrix unitaire",
        "SubtotalSubtotal c/IVA",
        "Beschreibung Einzelpreis",
        "Artikelpreis",
        "DESCRIPTION",
        "Steuerbetrag MwSt",
        "UnitPriceAmount",
        "Qty UnitPrice",
    ]
    for cell in cells:
        for word in re.finditer(r"\S+", cell):
            # THEN the spans are those the lookup of every prefix gives
            assert _unglued(cell, word.start(), word.end()) == _unglued_every_prefix(
                cell, word.start(), word.end()
            ), (cell, word.group(0))
    # AND a word without a capital inside is not looked up at all (each prefix would be a new text)
    _exact_kind.cache_clear()
    assert _unglued("Beschreibungstext", 0, 17) == [(0, 17)]
    assert _exact_kind.cache_info().misses == 0
