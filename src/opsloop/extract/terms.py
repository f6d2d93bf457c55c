"""Payment terms read as data: net days, end of month, an early-payment discount (rate and days).

The words are the locale packs' (`terms_labels`, `terms_days`, `terms_net`, `terms_end_of_month`,
`terms_immediate`, with the packs' `payment_terms` and `cash_discount`); the code holds
one mechanism for every language. A sentence is read only where it speaks of payment (one of those
words), and it is read in clauses (", " and ";" part them): a clause with a percentage and a discount
word ("2 % Skonto bei Zahlung binnen 10 Tagen"), a percentage right before a day count ("2 % 10 days")
or the trade notation "2/10 net 30" offers a discount; any other day count is the net term ("30 Tage
netto", "Net 30", "betalingstermijn 30 dagen"). Dates printed in a sentence are no day counts; a
sentence that prints a date is no "payable on receipt" (it says when)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from opsloop.domain.invoices import PaymentTermsExtraction
from opsloop.extract.rules.dates import find_dates
from opsloop.extract.rules.lexicon import word_entries, word_pattern

MAX_DAYS = 180
"""The longest term read as one: a larger count beside a day word is no payment term."""
MAX_TEXT = 400
"""Characters of the printed terms kept as `text`."""

_NUMBER = r"(?<![\d.,/])(\d{1,3})(?![\d]|[.,]\d)"
_PERCENT = r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%"


def _alternation(*classes: str) -> str:
    entries = sorted({e for name in classes for e in word_entries(name)}, key=lambda e: (-len(e), e))
    return "(?:" + "|".join(entries) + ")" if entries else "(?!x)x"


class _Classes:
    """Word classes of the packs, each the lexicon's fast whole-word pattern: whether a text holds one."""

    def __init__(self, *names: str) -> None:
        self.patterns = tuple(word_pattern(name) for name in names)

    def search(self, text: str) -> bool:
        return any(pattern.search(text) is not None for pattern in self.patterns)


class _Patterns:
    """The packs' terms words compiled once: cues (a sentence about payment), counts of days, net
    terms, percentages, the "2/10 net 30" notation, discounts, a month's end, "on receipt"."""

    def __init__(self) -> None:
        day = _alternation("terms_days")
        net = _alternation("terms_net")
        eom = _alternation("terms_end_of_month")
        self.cue = _Classes(
            "terms_labels", "payment_terms", "cash_discount", "terms_net", "terms_end_of_month"
        )
        self.label = _Classes("terms_labels", "cash_discount")
        self.other = _Classes("other_dates")
        self.days = re.compile(_NUMBER + r"\s?(?:-\s?)?" + day + r"(?!\w)", re.IGNORECASE)
        # "Net 30", "netto 30 EOM"; not "Netto 100 EUR" (a word after the count other than a month's end)
        self.net_days = re.compile(
            r"(?<!\w)" + net + r"\s?(?:-\s?)?" + _NUMBER + r"(?!\s?(?!" + eom + r"(?!\w))[^\W\d_])",
            re.IGNORECASE,
        )
        self.net = _Classes("terms_net")
        self.percent = re.compile(_PERCENT)
        self.percent_days = re.compile(
            _PERCENT + r"\s?(?:-\s?|/\s?)?" + _NUMBER + r"\s?" + day + r"(?!\w)", re.IGNORECASE
        )
        self.notation = re.compile(
            r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%?\s?/\s?(\d{1,3})\s?,?\s?" + net + r"\s?" + _NUMBER,
            re.IGNORECASE,
        )
        self.discount = _Classes("cash_discount")
        self.end_of_month = _Classes("terms_end_of_month")
        self.immediate = _Classes("terms_immediate")
        self.payment = _Classes("terms_labels", "payment_terms")


@cache
def _patterns() -> _Patterns:
    return _Patterns()


def _rate(text: str) -> Decimal | None:
    try:
        rate = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return rate if Decimal(0) < rate < Decimal(100) else None


class _Reading:
    def __init__(self) -> None:
        self.net_days: int | None = None
        self.end_of_month = False
        self.immediate = False
        self.discount_percent: Decimal | None = None
        self.discount_days: int | None = None
        self.discount_until: date | None = None
        self.sentences: list[str] = []

    def found(self) -> bool:
        return (
            self.net_days is not None
            or self.end_of_month
            or self.immediate
            or self.discount_percent is not None
        )

    def terms(self) -> PaymentTermsExtraction | None:
        if not self.found():
            return None
        net = (
            self.net_days
            if self.net_days is not None
            else (0 if self.end_of_month or self.immediate else None)
        )
        return PaymentTermsExtraction(
            text=" ".join(self.sentences)[:MAX_TEXT],
            net_days=net,
            end_of_month=self.end_of_month,
            discount_percent=self.discount_percent,
            discount_days=self.discount_days,
            discount_until=self.discount_until,
        )


def _masked(sentence: str) -> tuple[str, list[tuple[int, date]]]:
    """The sentence with its printed dates masked (their digits are no day counts), and the dates."""
    found = find_dates(sentence)
    chars = list(sentence)
    for d in found:
        chars[d.start : d.end] = "#" * (d.end - d.start)
    return "".join(chars), [(d.start, d.value) for d in found]


_CLAUSE_BREAK = re.compile(r";|,\s|\s[-–/]\s|\s{3,}")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")


def _sentences(text: str) -> Iterable[str]:
    """The text's sentences: its lines, parted where a sentence ends and the next opens with a capital
    ("... 30 Tage netto. Bei Zahlung ..."; not "60 gg d.f. fine mese")."""
    for line in text.splitlines():
        start = 0
        for end in _SENTENCE_BREAK.finditer(line):
            if line[end.end()].isupper():
                yield line[start : end.start()]
                start = end.end()
        yield line[start:]


def _read_clause(
    clause: str, dates: list[tuple[int, date]], labelled: bool, dated: bool, reading: _Reading
) -> bool:
    """Read one clause into `reading`; whether it said anything about the terms. `dates`: the dates
    printed in the clause (where in it, value). `labelled`: the sentence names payment (not only
    "net": "Summe netto 100" is an amount). `dated`: the sentence prints a date ("on receipt, by 2 Dec"
    says when: no immediate term; "on receipt" counts beside a payment word only, not in a table's
    header "Skonto sofort")."""
    p = _patterns()
    said = False
    notation = p.notation.search(clause)
    if notation is not None:
        rate = _rate(notation.group(1))
        if rate is not None and reading.discount_percent is None:
            reading.discount_percent, reading.discount_days = rate, int(notation.group(2))
        if reading.net_days is None and int(notation.group(3)) <= MAX_DAYS:
            reading.net_days = int(notation.group(3))
        return True
    days = [(m.start(), int(m.group(1))) for m in p.days.finditer(clause) if int(m.group(1)) <= MAX_DAYS]
    days += [
        (m.start(), int(m.group(1)))
        for m in p.net_days.finditer(clause)
        if int(m.group(1)) <= MAX_DAYS and (labelled or m.group(0) == clause.strip())
    ]
    days.sort()
    percents = [(m.start(), m.group(1)) for m in p.percent.finditer(clause)]
    discount_word = p.discount.search(clause)
    # an early-payment discount has its period: a day count or a date ("Sonderrabatt 5 %" is none)
    offers = percents and ((discount_word and (days or dates)) or p.percent_days.search(clause) is not None)
    if offers:
        at, text = percents[0]
        rate = _rate(text)
        if rate is not None and reading.discount_percent is None:
            reading.discount_percent = rate
            if days:
                nearest = min(days, key=lambda d: abs(d[0] - at))
                reading.discount_days = nearest[1]
                days = [d for d in days if d is not nearest]
            if dates:  # the last day as printed ("3 % Skonto innerhalb 10 Tagen bis 15.03.2018")
                reading.discount_until = min(dates, key=lambda d: abs(d[0] - at))[1]
            said = True
        if days and reading.net_days is None and p.net.search(clause):
            reading.net_days = max(d[1] for d in days)
        return said or bool(days)
    if percents:
        return False  # a percentage that is no discount (interest on late payment, a tax rate, a rebate)
    if discount_word and not p.net.search(clause):
        return False  # a discount's period without its rate (a "Skonto" cell, then "7 Tage"): no net term
    if p.end_of_month.search(clause):
        reading.end_of_month = True
        said = True
    if days:
        if reading.net_days is None:
            reading.net_days = max(d[1] for d in days)
        said = True
    elif not dated and not said and p.immediate.search(clause) and p.payment.search(clause):
        reading.immediate = True
        said = True
    return said


_LABEL = re.compile(r"^\s*([^\W\d_][^:]{0,40}):")
_HINT = re.compile(r"\d")


def _cued(clause: str, after_cue: bool) -> bool:
    """Whether a clause speaks of payment: it names it, or it follows a clause that does ("Payment
    terms:   30 days") and names nothing else (no label of its own, no order or delivery word)."""
    p = _patterns()
    if p.cue.search(clause) or p.percent_days.search(clause) or p.notation.search(clause):
        return True
    if not after_cue or p.other.search(clause):
        return False
    return _LABEL.match(clause) is None


_XRECHNUNG_DISCOUNT = re.compile(r"#SKONTO#TAGE=(\d{1,3})#PROZENT=(\d{1,2}(?:\.\d{1,4})?)#", re.IGNORECASE)
"""The XRechnung convention for an early-payment discount in the payment terms' text (KoSIT: one line
"#SKONTO#TAGE=14#PROZENT=2.00#", perhaps "BASISBETRAG=…#" after it): a syntax, not a language's words."""


def _structured(text: str, reading: _Reading) -> None:
    found = _XRECHNUNG_DISCOUNT.search(text)
    if found is None or reading.discount_percent is not None:
        return
    rate = _rate(found.group(2))
    if rate is not None:
        reading.discount_percent, reading.discount_days = rate, int(found.group(1))
        reading.sentences.append(found.group(0))


def read_payment_terms(texts: Iterable[str]) -> PaymentTermsExtraction | None:
    """The payment terms the texts (a document's page text, an e-invoice's notes) print, or None."""
    p = _patterns()
    reading = _Reading()
    for text in texts:
        if "#" in text:
            _structured(text, reading)
        for sentence in _sentences(text):
            sentence = sentence.strip()
            if not sentence or len(sentence) > 300:
                continue
            if _HINT.search(sentence) is None and not (
                p.end_of_month.search(sentence) or p.immediate.search(sentence)
            ):
                continue  # no count, no month's end, no "on receipt": no terms
            if not p.cue.search(sentence):
                continue
            masked, dates = _masked(sentence)
            labelled = p.label.search(sentence)
            said = after_cue = False
            start = 0
            for part in _CLAUSE_BREAK.split(masked):
                at = masked.find(part, start)
                start = at + len(part)
                if _cued(part, after_cue):
                    inside = [(d - at, value) for d, value in dates if at <= d < start]
                    said = _read_clause(part, inside, labelled, bool(dates), reading) or said
                # a label cell cues the cell after it ("Zahlungsziel   30 Tage"), but a discount's label
                # cues its own period (a "Skonto" cell, a "7 Tage" cell), no net term
                after_cue = p.cue.search(part) and not (p.discount.search(part) and not _HINT.search(part))
            if said:
                reading.sentences.append(" ".join(sentence.split()))
    return reading.terms()


__all__ = ["read_payment_terms"]
