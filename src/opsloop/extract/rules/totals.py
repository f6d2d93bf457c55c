"""Amount candidates for subtotal, tax, total and amount due, and the arithmetic that chooses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from opsloop.extract.rules.currency import ISO_CODES
from opsloop.extract.rules.layout import Line, cell_at, split_cells
from opsloop.extract.rules.lexicon import LabelHit, find_labels
from opsloop.extract.rules.numbers import Amount, find_amounts

ROLES: tuple[str, ...] = ("total", "subtotal", "tax", "amount_due")
TOLERANCE = Decimal("0.02")
_STRONG_TOTAL = (
    "grand",
    "gesamtbetrag",
    "brutto",
    "ttc",
    "incl",
    "inkl",
    "rechnungsbetrag",
    "endbetrag",
    "totaalbedrag",
    "à payer",
    "a payer",
    "zahlbetrag",
    "amount due",
    "total due",
    "for this invoice",
    "rounded",
    "gutschrift",
    "credit",
    "avoir",
)


@dataclass(frozen=True)
class Candidate:
    role: str
    value: Decimal
    score: float
    line: Line
    label: str


def role_hits(line: Line) -> list[LabelHit]:
    """Amount-role labels on a line, left to right. Where labels overlap the longest wins; adjacent
    labels merge and the last names the role ("Total taxes" is tax, "Summe Umsatzsteuer" is tax)."""
    hits: list[LabelHit] = []
    for role in ROLES:
        hits += find_labels(role, line.text)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[LabelHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit
            continue
        gap = line.text[kept[-1].end : hit.start] if kept else ""
        if kept and not find_amounts(gap) and len(gap) < 25:
            previous = kept.pop()
            # "Total taxes": the last word names it; "Total (incl. VAT)": the qualifier does not
            kind = hit.kind if not gap.strip(" .:-/") else previous.kind
            hit = LabelHit(kind, previous.start, hit.end, line.text[previous.start : hit.end], hit.language)
        kept.append(hit)
    return kept


def _role_hit(line: Line) -> LabelHit | None:
    hits = role_hits(line)
    return hits[0] if hits else None


def _value_right(
    line: Line, hit: LabelHit, decimal_hint: str | None, end: int | None = None
) -> Amount | None:
    segment = line.text[hit.end : end]
    # stop at the next cell of words: "Totaal € 717,97   Rembours op 25 mei € 9,32" reads 717,97
    for cell in split_cells(segment):
        words = [w for w in re.findall(r"[^\W\d_]{4,}", cell.text) if w.upper() not in ISO_CODES]
        if words and find_amounts(segment[: cell.start], decimal_hint=decimal_hint):
            segment = segment[: cell.start]
            break
    amounts = find_amounts(segment, decimal_hint=decimal_hint)
    monetary = [a for a in amounts if a.decimals in (2, 3, 4)] or [a for a in amounts if a.decimals == 0]
    if not monetary:
        return None
    # the last amount: "zzgl. Umsatzsteuer 7% von 129,37   9,06" reads 9,06
    return monetary[-1]


def _value_below(lines: Sequence[Line], pos: int, hit: LabelHit, decimal_hint: str | None) -> Amount | None:
    for below in lines[pos + 1 : pos + 3]:
        if below.page != lines[pos].page:
            return None
        amounts = [a for a in find_amounts(below.text, decimal_hint=decimal_hint) if a.decimals in (2, 3)]
        if len(below.cells) == 1 and len(amounts) == 1:
            return amounts[0]
        cell = cell_at(below, hit.start, max(hit.end, hit.start + 30))
        if cell is not None and len(amounts) >= 1:
            inside = [a for a in amounts if a.start >= cell.start - 1 and a.end <= cell.end + 1]
            if inside:
                return inside[-1]
        if _role_hit(below) is not None:
            return None
    return None


def collect_candidates(lines: Sequence[Line], decimal_hint: str | None) -> list[Candidate]:
    """Every labelled amount in the document, scored (label strength, position, layout)."""
    candidates: list[Candidate] = []
    total_lines = max(len(lines), 1)
    for pos, line in enumerate(lines):
        hits = role_hits(line)
        for number, hit in enumerate(hits):
            end = hits[number + 1].start if number + 1 < len(hits) else None
            amount = _value_right(line, hit, decimal_hint, end)
            if amount is None and end is None:
                amount = _value_below(lines, pos, hit, decimal_hint)
            if amount is not None:
                _add(candidates, hit, amount, line, pos, total_lines)
    return candidates


def _add(
    candidates: list[Candidate], hit: LabelHit, amount: Amount, line: Line, pos: int, total_lines: int
) -> None:
    label = hit.text.lower()
    score = 1.0 + min(len(label), 20) / 10 + pos / total_lines
    if amount.decimals == 0:
        score -= 1.0
    if hit.kind == "total" and any(word in label for word in _STRONG_TOTAL):
        score += 1.0
    if hit.start > len(line.text) * 0.6:
        score -= 0.5  # a label far right is usually a column header
    candidates.append(Candidate(hit.kind, amount.value, score, line, line.text.strip()))
    if hit.kind == "amount_due":
        candidates.append(Candidate("total", amount.value, score - 0.5, line, line.text.strip()))
    if hit.kind == "total" and any(
        w in label for w in ("due", "à payer", "a payer", "zahlbetrag", "te betalen")
    ):
        candidates.append(Candidate("amount_due", amount.value, score, line, line.text.strip()))


@dataclass(frozen=True)
class Totals:
    subtotal: Candidate | None
    tax: Candidate | None
    total: Candidate | None
    amount_due: Candidate | None
    balanced: bool
    """True when subtotal + tax = total (within a cent or two)."""


def _best(cands: list[Candidate]) -> Candidate | None:
    return max(cands, key=lambda c: c.score) if cands else None


def choose_totals(candidates: Sequence[Candidate], line_sum: Decimal | None = None) -> Totals:
    """The triple (subtotal, tax, total) that balances and scores best; else the best of each."""
    by_role: dict[str, list[Candidate]] = {role: [] for role in ROLES}
    for candidate in candidates:
        by_role[candidate.role].append(candidate)
    for role in ROLES:
        by_role[role] = sorted(by_role[role], key=lambda c: -c.score)[:10]
    # subtotals and taxes printed as "total" lines still count as candidates for those roles
    subtotals = by_role["subtotal"] + [
        Candidate("subtotal", c.value, c.score - 1.5, c.line, c.label) for c in by_role["total"]
    ]
    taxes = list(by_role["tax"])
    rate_lines = {id(c.line): c for c in by_role["tax"] if "%" in c.label}
    if len(rate_lines) >= 2:
        parts = list(rate_lines.values())
        summed = sum((c.value for c in parts), Decimal(0))
        taxes.append(
            Candidate(
                "tax", summed, max(c.score for c in parts), parts[-1].line, " + ".join(c.label for c in parts)
            )
        )
    totals = by_role["total"]
    best: tuple[float, Candidate, Candidate, Candidate] | None = None
    for total in totals:
        if total.value == 0:
            continue
        for subtotal in subtotals:
            if subtotal.line is total.line or abs(subtotal.value) > abs(total.value):
                continue
            for tax in taxes:
                if tax.line is total.line or tax.line is subtotal.line:
                    continue
                if abs(subtotal.value + tax.value - total.value) <= TOLERANCE:
                    score = total.score + subtotal.score + tax.score + 4.0
                    if line_sum is not None and abs(line_sum - subtotal.value) <= TOLERANCE:
                        score += 3.0
                    if best is None or score > best[0]:
                        best = (score, subtotal, tax, total)
    due = _best(by_role["amount_due"])
    if best is not None:
        _, balanced_sub, balanced_tax, balanced_total = best
        if due is not None and abs(due.value) > abs(balanced_total.value):
            due = None
        return Totals(balanced_sub, balanced_tax, balanced_total, due, True)
    best_total = _best(totals)
    best_sub: Candidate | None = _best(by_role["subtotal"])
    if best_total is not None and best_sub is not None and abs(best_sub.value) > abs(best_total.value):
        best_sub = None
    return Totals(best_sub, _best(taxes), best_total, due, False)
