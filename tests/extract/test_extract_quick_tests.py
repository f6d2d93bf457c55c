"""GIVEN lines in many cases and scripts (letters whose lower case hides how a case-insensitive pattern
matches them included) WHEN the engine's quick tests decide before a costly pattern runs THEN every
answer is the pattern's own: a quick test only ever skips a search that would have found nothing."""

import random
import re
from decimal import Decimal

import pytest

from opsloop.extract.rules.currency import (
    _ANY_RE,
    _CODE_RE,
    _SYMBOLS,
    _WORDS,
    currencies_in,
    lines_mentioning,
)
from opsloop.extract.rules.lexicon import FOLDING_LETTERS, CaselessPattern, word_pattern, word_set
from opsloop.extract.scorer.candidates import _ID_CHAR

WORD_CLASSES = (
    "other_dates",
    "legal_forms",
    "street_words",
    "instruction_words",
    "iban_labels",
    "account_holder_labels",
    "courtesy",
    "operator_labels",
    "customer_fields",
    "correction",
)
ODD_LETTERS = "ıİſKẞΣσςµ\u00a0ÄÖÜäöüßÉéÇçŁłØøÅåČčŘř"
FILLER = ("12", "2024", "Nr.", ":", "-", "/", "EUR", "€", "$", "kr", "Kč", "(", ")", "GmbH", "&", "  ")


def _variants(word: str, rng: random.Random) -> list[str]:
    plain = re.sub(r"[\\()?*+\[\]|{}^$]", "", word)
    forms = [plain, plain.upper(), plain.title(), plain.swapcase()]
    odd = "".join(rng.choice(ODD_LETTERS) if ch in "isk" and rng.random() < 0.4 else ch for ch in plain)
    return [*forms, odd, odd.upper()]


def _lines(name: str, count: int = 400) -> list[str]:
    rng = random.Random(f"quick-{name}")
    words = sorted(word_set(name))
    lines: list[str] = []
    for _ in range(count):
        parts: list[str] = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.5 and words:
                parts.append(rng.choice(_variants(rng.choice(words), rng)))
            else:
                parts.append(rng.choice(FILLER) + rng.choice(["", rng.choice(ODD_LETTERS)]))
        glue = rng.choice([" ", "  ", "", ": ", "\u00a0"])
        lines.append(glue.join(parts))
    return lines


@pytest.mark.parametrize("name", WORD_CLASSES)
def test_a_word_class_answers_as_its_case_insensitive_pattern_does(name: str) -> None:
    quick = word_pattern(name)
    full = quick.pattern
    assert full.flags & re.IGNORECASE
    for line in _lines(name):
        found = quick.search(line)
        expected = full.search(line)
        assert (found and found.span()) == (expected and expected.span()), line
        cut = len(line) // 2
        cut_found, cut_expected = quick.search(line, 0, cut), full.search(line, 0, cut)
        assert (cut_found and cut_found.span()) == (cut_expected and cut_expected.span()), line
        for pos, end in (
            (1, len(line) - 1),
            (len(line) // 3, 2 * len(line) // 3),
            (0, -1),
            (2, len(line) + 5),
        ):
            # (a search up to ``end`` reads the text as if it ended there, a word cut in two included)
            part_found, part_expected = quick.search(line, pos, end), full.search(line, pos, end)
            assert (part_found and part_found.span()) == (part_expected and part_expected.span()), line
        matched, expected_match = quick.match(line), full.match(line)
        assert (matched and matched.span()) == (expected_match and expected_match.span()), line
        assert quick.findall(line) == full.findall(line), line
        assert quick.sub(" ", line) == full.sub(" ", line), line
        assert [m.span() for m in quick.finditer(line)] == [m.span() for m in full.finditer(line)], line


def test_the_grouped_words_less_their_word_start_test_answer_as_the_grouped_words_do() -> None:
    # GIVEN the word classes whose grouped alternation opens with literal letters (searched without
    # its word-start test, which is checked where a match is found)
    quick = [word_pattern(name) for name in WORD_CLASSES]
    unbounded = [pattern for pattern in quick if pattern._grouped_unbounded is not None]
    assert unbounded  # (else the path is never taken)
    for pattern in unbounded:
        assert pattern._grouped is not None
        for line in _lines("legal_forms") + _lines("other_dates"):
            if not FOLDING_LETTERS.isdisjoint(line):
                continue
            lowered = line.lower()
            for pos, end in ((0, len(line)), (1, len(line) // 2), (3, len(line))):
                expected = pattern._grouped.search(lowered[:end], pos, end) is not None
                assert pattern.may_match(line, pos, end) == expected, (line, pos, end)


def test_letters_whose_lower_case_hides_a_match_are_searched_in_full() -> None:
    # GIVEN the dotless i, the long s and the dotted capital I, which a case-insensitive "i"/"s" matches
    pattern = CaselessPattern(re.compile(r"(?<![\w])(?:invoice|faktura|rechnungs)(?![\w])", re.IGNORECASE))
    for text in ("ınvoıce", "FAKTURA", "rechnungſ", "İNVOİCE", "Invoice"):
        expected = pattern.pattern.search(text)
        found = pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
    assert {"ı", "ſ", "İ"} <= FOLDING_LETTERS


def test_a_pattern_with_an_upper_case_class_is_not_lowered() -> None:
    # GIVEN a class whose range ends in upper case: lowering it would change what it holds
    pattern = CaselessPattern(re.compile(r"[À-Ý]x", re.IGNORECASE))
    for text in ("Àx", "àX", "ýx", "×x", "÷x"):
        found, expected = pattern.search(text), pattern.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


def _currencies_by_every_pattern(line: str) -> list[str]:
    if _ANY_RE.search(line) is None:
        return []
    found = [m.group(1) for m in _CODE_RE.finditer(line)]
    for pattern, code in (*_SYMBOLS, *_WORDS):
        found += [code] * len(pattern.findall(line))
    return found


CURRENCY_PIECES = [
    "EUR", "eur", "USD", "Euro", "EUROS", "dollars", "US Dollars", "pounds sterling", "POUNDS  STERLING",
    "Rupees", "rupee", "RINGGIT", "rıngg\u0131t", "RİNGGİT", "€", "$", "US$", "HK$", "£", "₹", "Rs.",
    "Rs 5", "RM", "RM4.00", "zł", "PLN", "¥", "Fr. 5", "SFr.", "Total", "12,50", "ABC", "XEUR", "EURO",
    "poundſ sterling", "doll", "Preis", " ", "  ", ":",
    "R$", "R$5", "Kč", "Ft", "Ft.", "lei 5", "5 lei", "LEI", "S/ 5", "S/.5", "₪", "₩", "₱", "元", "5元", "RMB", "Rp 5",
    "NZ$", "MX$", "AR$", "NT$", "円", "￥", "kr", "reais", "Swiss francs", "ARS", "CLP", "VND",
    "Schweizer Franken", "SCHWEIZER FRAN\u212aEN", "Kunde", "\u212aunde",
]  # fmt: skip


def test_currency_mentions_are_those_every_pattern_finds() -> None:
    rng = random.Random("quick-currencies")
    for _ in range(2000):
        line = " ".join(rng.choice(CURRENCY_PIECES) for _ in range(rng.randint(1, 5)))
        assert currencies_in(line) == _currencies_by_every_pattern(line), line


def test_every_line_with_a_currency_is_among_those_one_pass_points_at() -> None:
    rng = random.Random("quick-mentioning")
    plain = [p for p in CURRENCY_PIECES if p.isascii() or p in "€£₹¥zł"]
    for pieces in (plain, CURRENCY_PIECES):
        for _ in range(200):
            texts = [
                rng.choice(["", " "]).join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
                for _ in range(rng.randint(1, 12))
            ]
            flagged = lines_mentioning(texts)
            assert flagged == sorted(set(flagged))
            assert {at for at, text in enumerate(texts) if currencies_in(text)} <= set(flagged), texts


def test_a_capital_k_alone_does_not_screen_every_line_in() -> None:
    # (the Kelvin sign folds to "k" under IGNORECASE and is searched apart; a plain "K" is a letter
    # like any other: the lines without a currency stay out)
    assert lines_mentioning(["Kundennummer 4711", "Total 12,50 EUR", "Kontakt"]) == [1]
    assert lines_mentioning(["Schweizer Fran\u212aen", "Kontakt"]) == [0, 1]


def test_the_id_class_holds_what_a_case_insensitive_letter_or_digit_matches() -> None:
    insensitive = re.compile(r"[A-Z0-9]", re.IGNORECASE)
    sensitive = re.compile(f"[{_ID_CHAR}]")
    differ = [
        code
        for code in range(0x110000)
        if bool(insensitive.match(chr(code))) != bool(sensitive.match(chr(code)))
    ]
    assert differ == []


def test_a_label_prefilter_tried_where_labels_open_answers_as_its_full_search() -> None:
    from opsloop.extract.rules import lexicon

    # GIVEN lines of every kind's label words (stripped of their pattern syntax) in many cases, glued
    # to each other and to fillers, so that labels also sit inside longer words
    rng = random.Random("quick-labels")
    words = [
        re.sub(r"[\\()?*+\[\]|{}^$.]", "", raw)
        for kind in lexicon._kinds()
        for raw in lexicon._kind_patterns(kind)
    ]
    found_some = 0
    for _ in range(600):
        parts = [
            rng.choice(_variants(rng.choice(words), rng)) if rng.random() < 0.6 else rng.choice(FILLER)
            for _ in range(rng.randint(1, 5))
        ]
        line = rng.choice([" ", "  ", "", ": ", "-", "\u00a0"]).join(parts)
        lowered, starts = lexicon._line_openings(line)
        _, _, places = lexicon._line_index(line)
        for kind in lexicon._kinds():
            # WHEN the prefilter is tried only where the kind's labels can open (every place of an
            # opening, or the places of the line's index, which leaves out those after a word character)
            quick = lexicon._may_hold(kind, lowered, starts, {})
            indexed = lexicon._may_hold(kind, lowered, starts, places)
            # THEN it answers as the prefilter searched over the whole line does
            assert quick == (lexicon._prefilter(kind).search(lowered) is not None), (kind, line)
            assert indexed == quick, (kind, line)
            found_some += quick
    assert found_some > 300  # the lines do hold labels: both answers are often yes


def test_a_line_may_hold_the_kinds_whose_labels_open_as_one_of_its_positions_does() -> None:
    from opsloop.extract.rules import lexicon

    # GIVEN lines of label words, fillers and glued words
    rng = random.Random("quick-kinds")
    words = [
        re.sub(r"[\\()?*+\[\]|{}^$.]", "", raw)
        for kind in lexicon._kinds()
        for raw in lexicon._kind_patterns(kind)
    ]
    kinds = lexicon._kinds()
    for _ in range(400):
        parts = [
            rng.choice(words) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(rng.randint(1, 4))
        ]
        line = rng.choice([" ", "", ": "]).join(parts)
        _, starts = lexicon._line_openings(line)
        # WHEN the kinds the line may hold are looked up by opening THEN they are the kinds with an
        # unknown opening or one of the line's
        expected = {
            k for k in kinds if lexicon._openings(k) is None or not lexicon._openings(k).isdisjoint(starts)
        }
        assert lexicon._candidate_kinds(line) == expected, line
        # AND several kinds at once read as each kind in turn
        chosen = tuple(rng.sample(kinds, 5))
        assert lexicon.labels_of(chosen, line) == [h for k in chosen for h in lexicon.find_labels(k, line)], (
            line
        )


def _labels_by_full_search(kind: str, line: str) -> list[tuple[int, int, str, str]]:
    """Every pattern of ``kind`` searched over the whole line, each match ending at its last word (white space
    after it is none of the label), overlaps dropped (the first and longest wins): what the label reader's quick
    tests and targeted matching must answer."""
    from opsloop.extract.rules import lexicon

    hits = [
        (match.start(), match.start() + len(match.group(0).rstrip()), match.group(0).rstrip(), lang)
        for pattern, lang in lexicon.label_patterns(kind)
        for match in pattern.finditer(line)
        if match.group(0).strip() and not re.search(r"\S {6,}\S", match.group(0))
    ]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, str, str]] = []
    for hit in hits:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def test_labels_matched_where_the_line_opens_as_they_can_are_those_a_full_search_finds() -> None:
    from opsloop.extract.rules import lexicon

    # GIVEN lines of label words in many cases and odd letters, glued to each other and to fillers
    # (labels inside words, the same label twice, overlapping labels)
    rng = random.Random("quick-label-places")
    words = [
        re.sub(r"[\\()?*+\[\]|{}^$.]", "", raw)
        for kind in lexicon._kinds()
        for raw in lexicon._kind_patterns(kind)
    ]
    kinds = lexicon._kinds()
    found_some = 0
    for _ in range(500):
        parts = [
            rng.choice(_variants(rng.choice(words), rng)) if rng.random() < 0.7 else rng.choice(FILLER)
            for _ in range(rng.randint(1, 6))
        ]
        line = rng.choice([" ", "  ", "", ": ", "-", "\u00a0"]).join(parts)
        for kind in kinds:
            # WHEN the kind's labels are read (each pattern tried only where the line opens as it can)
            found = [(h.start, h.end, h.text, h.language) for h in lexicon.find_labels(kind, line)]
            # THEN they are what every pattern searched over the whole line finds, wherever the kind's
            # prefilter lets the line through (it reads the line as `lower_text` lowers it: a dotted
            # capital I read as "i", each character where it stood)
            passes = lexicon._prefilter(kind).search(lexicon.lower_text(line)) is not None
            assert found == (_labels_by_full_search(kind, line) if passes else []), (kind, line)
            found_some += bool(found)
    assert found_some > 400  # enough lines hold a label for the comparison to mean something


def _label_text_by_full_search(text: str) -> bool:
    """is_label_text without its quick answer: every kind's labels read, the letters left counted."""
    from opsloop.extract.rules import lexicon

    stripped = text.strip(" \t:.;,#*-–|()[]")
    if not stripped or not re.search(r"[^\W\d_]", stripped):
        return False
    if not re.search(r"\s", stripped) and re.search(r"\d", stripped):
        return False
    covered = [False] * len(stripped)
    for kind in lexicon._kinds():
        for hit in lexicon.find_labels(kind, stripped):
            covered[hit.start : hit.end] = [True] * (hit.end - hit.start)
    rest = "".join(" " if covered[i] else ch for i, ch in enumerate(stripped))
    rest = re.sub(r"\b(?:[A-Z]{3})\b", " ", rest)
    return re.search(r"[^\W\d_]", rest) is None


def test_a_text_whose_first_letter_no_label_can_cover_is_no_label_text_as_a_full_search_says() -> None:
    from opsloop.extract.rules import lexicon

    # GIVEN texts of label words, names, currency codes and fillers in many cases and odd letters
    rng = random.Random("quick-label-text")
    words = [
        re.sub(r"[\\()?*+\[\]|{}^$.]", "", raw)
        for kind in lexicon._kinds()
        for raw in lexicon._kind_patterns(kind)
    ]
    names = ("Acme", "Müller", "EUR", "USD", "GBP", "JPY", "XYZ", "x", "Ltd", "Øster", "İstanbul", "ſ", "K")
    labelled = 0
    for _ in range(1500):
        parts = [
            rng.choice(_variants(rng.choice(words), rng))
            if rng.random() < 0.6
            else rng.choice(names + FILLER)
            for _ in range(rng.randint(1, 4))
        ]
        text = rng.choice([" ", "  ", ": ", "-", ""]).join(parts)
        # WHEN it is asked whether the text is nothing but labels THEN the quick answer is the full one
        lexicon.is_label_text.cache_clear()
        assert lexicon.is_label_text(text) == _label_text_by_full_search(text), text
        labelled += _label_text_by_full_search(text)
    assert labelled > 100
    # a three-capital word before a label is left out, not taken for the first letter
    for text in ("GBP Total", "JPY Total:", "XYZ Total", "Total GBP", "Acme Total"):
        lexicon.is_label_text.cache_clear()
        assert lexicon.is_label_text(text) == _label_text_by_full_search(text) == (text[0] != "A"), text


def test_a_label_whose_words_white_space_of_any_kind_parts_is_found_through_the_line_index() -> None:
    from opsloop.extract.rules import lexicon

    # GIVEN label words parted by a tab, a no-break space, a thin space or a run of spaces (openings
    # are told with white space folded to one plain space)
    for gap in ("\t", "\u00a0", "\u2009", "  ", " \t"):
        for kind, words in (("buyer_section", "Bill{}to:"), ("amount_due", "Amount{}due")):
            line = "x  " + words.format(gap) + " 12.00"
            lowered, starts = lexicon._line_openings(line)
            # WHEN the line's openings are read THEN the kind is among the line's kinds, its prefilter
            # answers as a search of the whole line, and the label is read as a full search reads it
            assert kind in lexicon._candidate_kinds(line), (kind, line)
            assert lexicon._may_hold(kind, lowered, starts, lexicon._line_index(line)[2]), (kind, line)
            assert (
                [(h.start, h.end) for h in lexicon.find_labels(kind, line)]
                == [(h[0], h[1]) for h in _labels_by_full_search(kind, line)]
                != []
            ), (kind, line)
    # AND an opening longer than three characters rules a kind out where the first three agree
    assert any(len(opening) > 3 for opening in lexicon._all_openings())


REGISTRATION_PIECES = [
    "(004418372-K)", "COMPANY REG.NO:", "KT0392174-P", "(TAX ID NO :", "001234567890)", "Reg.", "No.",
    "12345", "1 2 3 4 5", "123-45", "-", "V", "Ltd", "Sdn Bhd", "Street 4", "69003 Lyon", ":", "(", ")",
    "ABC", "x", "é", "\u00a0", "Ⅻ", "٣٤٥٦٧",
]  # fmt: skip


def test_the_registration_shape_holds_wherever_the_registration_pattern_matches() -> None:
    from opsloop.extract.rules.parties import _REGISTRATION_LINE_RE, _registration_shape

    rng = random.Random("quick-registration")
    matched = 0
    for _ in range(4000):
        text = rng.choice(["", " "]).join(rng.choice(REGISTRATION_PIECES) for _ in range(rng.randint(1, 6)))
        if _REGISTRATION_LINE_RE.match(text) is not None:
            matched += 1
            assert _registration_shape(text), text
    assert matched > 50  # (the pieces make registration lines often enough to tell)
    assert not _registration_shape("Registered Office: Level 4, Complex D-4, New Delhi - 110017")


VALUE_LINE_PIECES = [
    "12.00", "1,234.56", "1'234.50", "(5.00)", "5.00-", "-3.20", "RM", "EUR", "USD", "$", "€", "£", "₹", "*",
    ":", "=", " ", "  ", "\t", "\u00a0", "\u0661\u0662", "Total", "x", "é", "Nr.", "ab", "12", ")", "(",
]  # fmt: skip


def test_a_value_line_screened_out_is_one_the_value_line_pattern_does_not_match() -> None:
    from opsloop.extract.rules.totals import _VALUE_LINE_RE, _value_line_match

    rng = random.Random("quick-value-line")
    matched = 0
    for _ in range(4000):
        text = rng.choice(["", " "]).join(rng.choice(VALUE_LINE_PIECES) for _ in range(rng.randint(1, 4)))
        expected = _VALUE_LINE_RE.fullmatch(text)
        found = _value_line_match(text)
        assert (found and found.groupdict()) == (expected and expected.groupdict()), text
        matched += expected is not None
    assert matched > 200  # (the pieces make value lines often enough to tell)
    assert _value_line_match("Subtotal 12.00") is None


def test_a_line_s_dates_are_read_once_and_handed_out_as_a_new_list() -> None:
    from opsloop.extract.rules.dates import find_dates

    first = find_dates("Invoice date 05.09.2018, due 2018-10-05", day_first=True, language="en")
    assert [d.start for d in first] == [13, 29]
    first.clear()  # a caller may change its list: the next one is whole
    again = find_dates("Invoice date 05.09.2018, due 2018-10-05", day_first=True, language="en")
    assert [d.start for d in again] == [13, 29]


def _relations_by_decimals(values: list[Decimal]) -> list[tuple[float, float, float, float, float]]:
    """The amount relations read with Decimal arithmetic throughout: the plain reading the scaled
    one must equal (rank, largest, repeats, sum of two others, a part and its difference printed)."""
    distinct = sorted(set(values), reverse=True)
    small = [v for v in distinct if v > 0][:40]
    sums = {a + b for i, a in enumerate(small) for b in small[i + 1 :]}
    rows = []
    for value in values:
        rank = distinct.index(value)
        part = any((value - other) in set(values) for other in small if 0 < other < value / 2)
        rows.append(
            (
                min(rank, 10) / 10,
                1.0 if rank == 0 else 0.0,
                min(values.count(value) - 1, 3) / 3,
                1.0 if value in sums else 0.0,
                1.0 if part else 0.0,
            )
        )
    return rows


def test_amount_relations_read_on_scaled_whole_numbers_are_those_decimal_arithmetic_gives() -> None:
    from opsloop.domain.invoices import InvoiceExtraction
    from opsloop.extract.rules.layout import Line
    from opsloop.extract.scorer.candidates import FieldCandidate, _amount_relations

    # GIVEN amounts printed whole and with cents (the same amount both ways, negatives, repeats)
    rng = random.Random("amount-relations")
    line = Line(index=0, page=1, text="", cells=[])
    for _ in range(200):
        values = [
            Decimal(
                rng.choice(["12", "12.00", "7.5", "19.00", "31", "31.00", "0.19", "-4.00", "100", "2.50"])
            )
            if rng.random() < 0.5
            else Decimal(rng.randint(-500, 5000)) / (100 if rng.random() < 0.7 else 1)
            for _ in range(rng.randint(1, 30))
        ]
        cands = [FieldCandidate(value, str(value), line, 0) for value in values]
        # WHEN their relations are read THEN each candidate's features are the plain reading's
        _amount_relations(cands, InvoiceExtraction())
        features = [
            tuple(c.features[k] for k in ("amount_rank", "largest", "repeats", "sum_of_two", "has_part_tax"))
            for c in cands
        ]
        assert features == _relations_by_decimals(values), values


def test_a_minus_before_the_currency_is_found_in_the_characters_before_the_amount_alone() -> None:
    from opsloop.extract.rules.numbers import _SIGN_BEFORE_CODE_RE, _SIGN_BEFORE_CODE_REACH

    # GIVEN texts before an amount: minus signs, codes, symbols, spaces and line breaks, or words
    rng = random.Random("sign-before-code")
    pieces = ["-", "−", "–", " ", "  ", "\n", "RM", "EUR", "USD", "€", "$", "x", "Total", ":", "12.00", "ab"]
    found = 0
    longest = ["Total -EUR ", "Total -USD \n", "-RM ", "x\n−€", "Total –EUR  "]  # (the last: none)
    for at in range(5000):
        text = (
            longest[at]
            if at < len(longest)
            else "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        )
        # WHEN the sign is looked for in the last characters only THEN the answer is the whole text's
        near = _SIGN_BEFORE_CODE_RE.search(text, max(0, len(text) - _SIGN_BEFORE_CODE_REACH), len(text))
        assert (near is None) == (_SIGN_BEFORE_CODE_RE.search(text) is None), text
        found += near is not None
    assert found > 50  # (the pieces make such a sign often enough to tell)


@pytest.mark.parametrize(
    ("module", "name", "plain"),
    [
        ("numbers", "_COMMA_CENTS_RE", r"(?<![\d,])\d+,\d{2}(?!\d|,\d)"),
        ("numbers", "_DOT_CENTS_RE", r"(?<![\d.])\d+\.\d{2}(?![\d.])"),
        ("currency", "_TRIGRAM_RE", r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])"),
        ("parties", "_IBAN_RE", r"(?<![A-Z0-9])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{1,5}){3,9}"),
        ("parties", "_VAT_RE", r"(?<![A-Za-z0-9])(?:EL|[A-Z]{2})\s?[0-9A-Z](?:[\s.-]?[0-9A-Z]){7,16}"),
        (
            "dates",
            "NUMERIC_RE",
            r"(?<![\d/.\-A-Za-z])(?P<a>\d{1,4})\s?(?P<s1>[./\-])\s?(?P<b>\d{1,2})\s?(?:(?P=s1)|-(?=\d{4}(?!\d)))\s?"
            r"(?P<c>\d{2,4})(?![\d/\-]|\.\d)",
        ),
        (
            "dates",
            "NAMED_DMY_RE",
            r"(?<![\d/\-])(?P<day>\d{1,2})(?:st|nd|rd|th|er|e|º)?\.?(?:[ \t]{0,2}|[-/])(?:de[ \t]{1,2}|di[ \t]{1,2})?"
            r"(?P<month>[^\W\d_]{3,12})\.?"
            r",?(?:[ \t]{0,2}|[-/])(?:de[ \t]{1,2}|del[ \t]{1,2})?(?P<year>\d{4}|'\d{2}|\d{2})(?!\d)",
        ),
        (
            "dates",
            "NAMED_YMD_RE",
            r"(?<![\d/.\-])(?P<year>\d{4})\.?[ \t]{1,2}(?:[^\W\d_]{1,4}\.?[ \t]{1,2})?"
            r"(?:(?P<day>\d{1,2})\.[ \t]{0,2}(?P<month>[^\W\d_]{3,12})(?![^\W\d_])"
            r"|(?P<month_first>[^\W\d_]{3,12})\.?[ \t]{0,2}(?P<day_after>\d{1,2})(?![\d.,]\d))",
        ),
    ],
)
def test_a_pattern_matching_its_first_character_before_its_lookbehind_finds_what_the_plain_one_does(
    module: str, name: str, plain: str
) -> None:
    from importlib import import_module

    quick = getattr(import_module(f"opsloop.extract.rules.{module}"), name)
    reference = re.compile(plain)
    # GIVEN texts of digits, separators, capitals, letters and spaces
    rng = random.Random(name)
    pieces = [*"0123456789,.'- \nABDEGLRSUbcdeé", "12", "05", "2026", "DE44", "März", "gada", "  ", "/"]
    pieces += [
        "12.05.2026",
        "1/2/26",
        "14/06-2026",
        "2026. gada 12. janvārī",
        "3 März 2026",
        "2026 m. vasario 3 d.",
    ]
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        # WHEN both patterns read the text THEN they find the same matches at the same places
        quick_spans = [(m.span(), m.groups()) for m in quick.finditer(text)]
        assert quick_spans == [(m.span(), m.groups()) for m in reference.finditer(text)], text
        found += len(quick_spans)
    assert found > 20  # (the texts hold such matches often enough to tell)


def test_the_places_labels_may_open_at_are_those_not_after_a_word_character() -> None:
    from opsloop.extract.rules import lexicon

    heads = "".join(sorted({opening[0] for opening in lexicon._all_openings()}))
    reference = re.compile(r"(?<!\w)[" + re.escape(heads) + "]")
    rng = random.Random("label-openings")
    for _ in range(3000):
        text = "".join(rng.choice("ab #1.-çé\tx:") for _ in range(rng.randint(0, 30)))
        assert [m.start() for m in lexicon._opening_re().finditer(text)] == [
            m.start() for m in reference.finditer(text)
        ], text


def test_a_letter_test_answers_as_the_letters_set_does() -> None:
    # GIVEN the folding letters (none ASCII) and texts in many scripts, with and without them
    from opsloop.extract.rules.lexicon import HOLDS_FOLDING_LETTER, LetterTest

    rng = random.Random("letter-test")
    alphabet = "abcKks .,:-€$£İıſΣσςµ\u212aäöüßÉçł\u00a0ΑΒΓЖж中" + "".join(sorted(FOLDING_LETTERS))
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert HOLDS_FOLDING_LETTER.held_by(text) is not FOLDING_LETTERS.isdisjoint(text), text
    # an ASCII letter would make the ASCII shortcut wrong: refused
    with pytest.raises(ValueError):
        LetterTest(frozenset({"ı", "s"}))


PARTY_PATTERN_PIECES = [
    "Herrn", "Sig.ra", "Mme", "Dhr.", "Dear", "Sehr geehrte", "Kedves", "Hola", "Company name", "Firma",
    "Name", "Tel", "TEL.", "www.acme.eu", "info@acme.eu", "Invoice", "DATE", "Reg. No", "(c)", "©", "Acme",
    "GmbH", "Ltd", "Okafor", "Wild", ",", ":", "!", "12", "80333", "München", "ıİſK", "ẞ", "  ", "\u00a0",
]  # fmt: skip


@pytest.mark.parametrize(
    "name",
    ["_NOT_A_NAME", "_GREETING_RE", "_PERSON_SALUTATION_RE", "_TRAILING_SALUTATION_RE", "_FIRM_FIELD_RE"],
)
def test_a_party_pattern_read_through_its_quick_test_answers_as_the_pattern_does(name: str) -> None:
    # GIVEN a party pattern searched for every name cell, read through its lower-cased quick test
    from opsloop.extract.rules import parties

    quick = getattr(parties, name)
    assert isinstance(quick, CaselessPattern) and quick.pattern.flags & re.IGNORECASE
    rng = random.Random(f"quick-{name}")
    for _ in range(3000):
        glue = rng.choice([" ", "", ", "])
        text = glue.join(rng.choice(PARTY_PATTERN_PIECES) for _ in range(rng.randint(1, 5)))
        text = rng.choice([text, text.upper(), text.lower(), text + ","])
        # THEN what it finds is what the case-insensitive pattern finds, match and search alike
        for method in ("search", "match"):
            found, expected = getattr(quick, method)(text), getattr(quick.pattern, method)(text)
            assert (found and found.span()) == (expected and expected.span()), (method, text)


def test_the_postcode_and_town_line_is_tried_only_on_a_text_with_a_digit() -> None:
    # GIVEN the postcode-and-town pattern, every alternative of which holds a digit
    from opsloop.extract.rules.parties import _POSTCODE_TOWN_RE

    rng = random.Random("quick-postcode-town")
    pieces = ["80333", "DE", "München", "1012", "AB", "Leeds", "LS1", "4DT", "TX", "78701", "Austin,", "M5V",
              "2T6", "ON", "Paris", "75008", "٣٤٥٦٧", "Rue", "-", " "]  # fmt: skip
    matched = 0
    for _ in range(4000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        # THEN the guarded pattern answers as the pattern itself, with a digit or without
        for method in ("search", "match"):
            found, expected = (
                getattr(_POSTCODE_TOWN_RE, method)(text),
                getattr(_POSTCODE_TOWN_RE.pattern, method)(text),
            )
            assert (found and found.span()) == (expected and expected.span()), (method, text)
        matched += _POSTCODE_TOWN_RE.match(text) is not None
    assert matched > 100  # (the pieces make town lines often enough to tell)


def test_the_day_first_vote_is_read_once_and_decides_as_infer_day_first_does() -> None:
    from opsloop.extract.rules.dates import day_first_votes, infer_day_first

    for text, votes in (
        ("Date 25/03/2025 due 24/04/2025", (2, 0)),
        ("Date 03/25/2025", (0, 1)),
        ("Date 03/04/2025 and 2025-03-25", (0, 0)),
    ):
        assert day_first_votes(text) == votes
        for default in (True, False):
            tied = votes[0] == votes[1]
            assert infer_day_first(text, default=default) == (default if tied else votes[0] > votes[1])


def test_a_header_cell_s_columns_are_read_once_and_handed_out_as_a_new_list() -> None:
    from opsloop.extract.rules.layout import Cell
    from opsloop.extract.rules.lines import _cell_columns

    cell = Cell(4, 22, "Description   Qty")
    first = _cell_columns(cell)
    assert first
    kept = list(first)
    first.clear()  # a caller may change its list: the next one is whole
    assert _cell_columns(cell) == kept


SKIPPING_SOURCES = (
    r"(?<![\w])(?:(?:will\s*be\s*)?(?:charged|debited)|b(?:alance|ill)|[^\W\d_]{3,}(?:katu|tie))(?![\w])",
    r"@|www\.|https?:|\(c\)|\b(?:tel|fax|iban)\b",
    r"(?:^|\s)(?:co\.?|ltd)(?=\s|$)",
    r"(?<![^\W\d_])(?:senza\s*iva|x?y{0,2}z)",
    r"(?<![\w])(?:[a-f0-9]-?[k-m]|\d{2}\s*[.-]x)",
)
SKIPPING_PIECES = (
    "will be charged", "WILL BE", "debited", "balance", "bill", "billing", "Mäkikatu", "rantatie", "katu",
    "www.acme.eu", "info@acme.eu", "https:", "(c)", "tel", "Tel.", "fax:", "iban", "co.", "Co", "ltd", "senza iva",
    "xyyz", "yz", "z", "b-k", "9m", "12 .x", "12-x", "a", "-", " ", "  ", "\n", "é", "ß", "12",
)  # fmt: skip


def test_a_quick_test_made_to_skip_to_its_opening_characters_finds_the_same_first_place() -> None:
    # GIVEN quick tests the regex engine would try at every place (a look-behind, an optional word or
    # a class first), and the same made to skip to the characters their matches open with
    from opsloop.extract.rules.lexicon import _skipping

    rng = random.Random("quick-skipping")
    for source in SKIPPING_SOURCES:
        plain = re.compile(source)
        skipping = _skipping(source, plain.flags)
        assert skipping is not None, source
        for _ in range(600):
            glue = rng.choice([" ", "", ", ", "\u00a0"])
            text = glue.join(rng.choice(SKIPPING_PIECES) for _ in range(rng.randint(1, 6))).lower()
            # THEN each search from any place, up to any end, finds its first match where the plain one does
            for pos, end in (
                (0, len(text)),
                (1, len(text)),
                (len(text) // 2, len(text)),
                (0, len(text) // 2),
            ):
                found, expected = skipping.search(text, pos, end), plain.search(text, pos, end)
                assert (found and found.start()) == (expected and expected.start()), (source, text, pos, end)


def test_a_quick_test_the_engine_already_skips_for_or_that_may_match_empty_is_left_as_it_is() -> None:
    from opsloop.extract.rules.lexicon import _skipping

    # a literal, a class or "^" first: the engine skips to it or tries once; an empty match, or a
    # first character that may be anything, leaves no class to skip to
    for source in (r"abc|abd", r"[ab]c", r"^\s*(?:x|y)", r"(?:ab)?", r"(?<!\w)(?:.x|y)", r"(?<!\w)[^x]y"):
        assert _skipping(source, 0) is None, source


def test_every_engine_quick_test_made_to_skip_finds_the_same_first_place() -> None:
    # GIVEN every party and word-class pattern whose quick test skips to its opening characters
    from opsloop.extract.rules import parties, totals

    patterns = [word_pattern(name) for name in WORD_CLASSES]
    patterns += [
        v for module in (parties, totals) for v in vars(module).values() if isinstance(v, CaselessPattern)
    ]
    skipping = [pattern for pattern in patterns if pattern._skipping is not None]
    assert len(skipping) >= 5  # (else the path is barely taken)
    rng = random.Random("quick-skipping-engine")
    texts = _lines("legal_forms", 150) + _lines("street_words", 150) + _lines("instruction_words", 150)
    texts += [
        " ".join(rng.choice(PARTY_PATTERN_PIECES) for _ in range(rng.randint(1, 6))) for _ in range(300)
    ]
    for pattern in skipping:
        # THEN the pattern's answers are its case-insensitive pattern's own, from any place
        for text in texts:
            for pos in (0, len(text) // 3):
                found, expected = pattern.search(text, pos), pattern.pattern.search(text, pos)
                assert (found and found.span()) == (expected and expected.span()), (
                    pattern.pattern.pattern,
                    text,
                )


def test_codes_a_currency_label_names_are_those_the_labelled_code_pattern_finds() -> None:
    # GIVEN texts with currency labels in several cases, some naming a code, some not
    from opsloop.extract.rules.currency import _LABELLED_CODE_RE, _labelled_codes

    pieces = (
        "Currency: EUR", "WÄHRUNG CHF", "valuta  SEK", "Amounts are shown in GBP", "Alle Beträge in EUR",
        "Currency", "devise", "eur", "Total", "12,50", "\n", "İ", "ſ", "MONEDA:MXN", "Währungen", "xvaluta USD",
    )  # fmt: skip
    rng = random.Random("quick-labelled-codes")
    for _ in range(2000):
        text = rng.choice([" ", "  ", "\n", ""]).join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        # THEN the same codes are found at the same places
        expected = [(m.span(), m.group(1)) for m in _LABELLED_CODE_RE.finditer(text)]
        assert [(m.span(), m.group(1)) for m in _labelled_codes(text)] == expected, text


def test_word_endings_after_a_run_of_letters_share_the_run_and_match_where_each_entry_does() -> None:
    # GIVEN entries that are a run of letters before an ending ("...katu", "...gade", "...bedrijf"),
    # grouped into one branch that reads the run once
    from opsloop.extract.rules.lexicon import _grouped_words

    entries = [
        r"[^\W\d_]{3,}(?:katu|tie)",
        r"[^\W\d_]{3,}(?:gade|vej)",
        r"[^\W\d_]{3,}bedrijf",
        "rue",
        r"[a-c]{2}x",
    ]
    grouped = re.compile(r"(?<![\w])(?:" + str(_grouped_words(entries)) + r")(?![\w])")
    plain = re.compile(r"(?<![\w])(?:" + "|".join(entries) + r")(?![\w])")
    assert grouped.pattern.count(r"[^\W\d_]{3,}") == 1
    rng = random.Random("quick-class-runs")
    pieces = (
        "mäkikatu",
        "katu",
        "rantatie",
        "tie",
        "nørregade",
        "vej",
        "bouwbedrijf",
        "bedrijf",
        "rue",
        "abx",
        "12",
    )
    for _ in range(2000):
        text = rng.choice([" ", "", "-"]).join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        # THEN a match is found at every place the entries one by one find one
        for at in range(len(text)):
            assert (grouped.match(text, at) is None) == (plain.match(text, at) is None), (text, at)


def test_an_account_holder_is_read_where_the_holder_pattern_alone_finds_one() -> None:
    # GIVEN lines with account-holder labels in several cases, some followed by a name, some not
    from opsloop.extract.rules.parties import _HOLDER_RE, _holder_match

    pieces = (
        "Account holder: Acme Ltd", "KONTOINHABER", "Kontoinhaber:Firma KG", "Beneficiary name  Oliver Grant",
        "IBAN DE89 3704 0044 0532 0130 00", "titulaire du compte : 12", "à l'ordre de Dupont SARL", "|", ",",
        "  ", "Bank", "İ", "ſ", "make payments to", "Nordbank eG", "-", "Inhaber",
    )  # fmt: skip
    rng = random.Random("quick-holder")
    for _ in range(3000):
        text = rng.choice([" ", "  ", " · ", ""]).join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        # THEN the same holder is found at the same place
        found, expected = _holder_match(text), _HOLDER_RE.search(text)
        assert (found and (found.span(), found.group("name"))) == (
            expected and (expected.span(), expected.group("name"))
        ), text
