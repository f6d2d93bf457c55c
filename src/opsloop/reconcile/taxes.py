"""VAT against the PO: each line's rate against its PO line's rate, the tax total against what the lines'
rates give, and a zero rate against its legal reason.

A PO line's expected rate is its ERP tax rate, or 0 when its VAT category (UNCL 5305) says no VAT is
charged (reverse charge AE, intra-community K, export G, exempt E/O, zero rated Z). A line whose rate
differs, a tax total that does not follow from the expected rates, VAT on a reverse-charge PO, and a
zero-rated invoice for a reverse-charge or intra-community PO that does not say so in words (VAT
Directive art. 226 (11a); the wording per language is data, lexicon/tax.toml) are `tax_mismatch`:
a person decides. When the ERP gives no rate the tax cannot be checked, and the checks say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from opsloop.domain.erp import ExceptionType, PurchaseOrderLineRecord, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile.charges import ChargeItem
from opsloop.reconcile.lexicons import tax_wording
from opsloop.reconcile.run import HUNDRED, ZERO, Run, money, po_label, qty

HALF_CENT = Decimal("0.005")
NO_VAT_KINDS = frozenset({"reverse_charge", "intra_community", "export", "exempt", "zero_rated"})
STATED_KINDS = frozenset({"reverse_charge", "intra_community"})


TaxRow = tuple[int, Decimal | None, Decimal | None, str | None, PurchaseOrderLineRecord | None, str]
"""What the line matcher hands over per invoice line: position, amount, printed rate and VAT category,
the PO line it matched (None: no PO line) and that PO's number."""


@dataclass(slots=True)
class TaxLine:
    position: int
    amount: Decimal | None
    rate: Decimal | None
    """The invoice line's printed rate."""
    code: str | None
    """The invoice line's VAT category code."""
    po_line: PurchaseOrderLineRecord | None
    po_number: str = ""
    expected: Decimal | None = None
    """The rate the PO line is taxed at (set by `check_taxes`)."""


def expected_rate(po_line: PurchaseOrderLineRecord) -> Decimal | None:
    """The rate the PO line is taxed at: its rate, or 0 for a VAT category that charges none."""
    if po_line.tax_rate is not None:
        return po_line.tax_rate
    if not po_line.tax_code:
        return None
    kind = tax_wording().kind_of_code(po_line.tax_code)
    if kind in NO_VAT_KINDS:
        return ZERO
    return None


def _rate_text(rate: Decimal) -> str:
    return f"{qty(rate)}%"


def check_taxes(
    invoice: InvoiceExtraction,
    rows: list[TaxRow],
    charges: list[ChargeItem],
    wording_texts: Iterable[str],
    policy: TolerancePolicy,
    run: Run,
    *,
    taxed: bool = True,
) -> None:
    """Rates per line, the tax total, and the reason for a zero rate; two checks (`tax_rates_match`,
    `tax_total_matches`) and a `tax_mismatch` for each problem found. `taxed`: whether any matched PO
    line carries a VAT rate or category (without one there is nothing to check against)."""
    if not taxed:
        matched = any(r[4] is not None for r in rows)
        run.check(
            "tax_rates_match",
            None,
            "The ERP gives no VAT rate for the matched PO lines: VAT cannot be checked against the PO."
            if matched
            else "No line matched a PO line, so no VAT rate was compared.",
        )
        run.check("tax_total_matches", None, "The tax total was not checked: the PO lines carry no VAT rate.")
        return
    lines = [TaxLine(*row) for row in rows]
    goods = [t for t in lines if t.po_line is not None]
    notes: list[str] = []
    compared = 0
    unknown = 0
    for line in goods:
        assert line.po_line is not None
        expected = line.expected = (
            line.po_line.tax_rate if line.po_line.tax_rate is not None else expected_rate(line.po_line)
        )
        if expected is None:
            unknown += 1
            continue
        if line.rate is None:
            continue
        compared += 1
        if line.rate == expected:
            continue
        reverse = tax_wording().kind_of_code(line.po_line.tax_code) in NO_VAT_KINDS and expected == ZERO
        where = f"{po_label(line.po_number)} line {line.po_line.line_no}"
        sentence = f"Line {line.position} charges {_rate_text(line.rate)} VAT, but {where} is " + (
            f"under {(tax_wording().kind_of_code(line.po_line.tax_code) or 'no VAT').replace('_', ' ')} "
            "(no VAT charged): "
            "the vendor must not charge VAT."
            if reverse
            else f"taxed at {_rate_text(expected)}."
        )
        notes.append(sentence)
        run.fail(ExceptionType.TAX_MISMATCH, sentence, line=line.position)
    if notes:
        run.check("tax_rates_match", False, " ".join(notes))
    elif unknown:
        run.check(
            "tax_rates_match",
            None,
            f"The ERP gives no VAT rate for {unknown} matched PO line(s): VAT cannot be checked against the PO.",
        )
    elif compared:
        run.check("tax_rates_match", True, f"Every line's VAT rate is its PO line's ({compared} compared).")
    elif not goods:
        run.check("tax_rates_match", None, "No line matched a PO line, so no VAT rate was compared.")
    else:
        run.check(
            "tax_rates_match",
            None,
            "The invoice prints no VAT rate per line; the tax total is checked against the PO's rates.",
        )
    _check_total(invoice, lines, charges, policy, run, unknown=unknown)
    _check_zero_rate_reason(invoice, goods, wording_texts, run)


def _tax_total(invoice: InvoiceExtraction) -> Decimal | None:
    if invoice.tax_total is not None:
        return invoice.tax_total
    if invoice.total is not None and invoice.subtotal is not None:
        return invoice.total - invoice.subtotal
    return None


def _check_total(
    invoice: InvoiceExtraction,
    lines: list[TaxLine],
    charges: list[ChargeItem],
    policy: TolerancePolicy,
    run: Run,
    *,
    unknown: int,
) -> None:
    """The tax total against the lines' amounts at their PO lines' rates (lines no PO line covers, and
    the document's allowances and charges, at their printed rate or the goods' average rate)."""
    if unknown:
        run.check(
            "tax_total_matches",
            None,
            "The ERP gives no VAT rate for some matched PO lines, so the tax total was not checked.",
        )
        return
    printed = _tax_total(invoice)
    if printed is None:
        run.check("tax_total_matches", None, "The invoice shows no tax total, so VAT was not checked.")
        return
    rated = ZERO
    basis = ZERO
    rates: set[Decimal] = set()
    loose: list[tuple[Decimal, Decimal | None]] = []
    for line in lines:
        amount = line.amount
        if amount is None:
            run.check(
                "tax_total_matches", None, "A line amount is missing, so VAT was not computed from the lines."
            )
            return
        rate = line.expected
        if line.po_line is None or rate is None:
            loose.append((amount, line.rate))
            continue
        rated += amount * rate
        basis += amount
        rates.add(rate)
    if not rates:
        run.check("tax_total_matches", None, "No line of the invoice matched a PO line; VAT was not checked.")
        return
    loose.extend((c.amount, c.tax_rate) for c in charges if c.position is None)
    groups = len(rates | {r for _, r in loose if r is not None})
    allowed = HALF_CENT * (len(lines) + len(charges) + groups) + policy.tax_abs
    first: tuple[Decimal, Decimal] | None = None
    for band in _unrated_bands(rated, basis, rates, loose):
        expected = (rated + sum((a * (r if r is not None else band) for a, r in loose), ZERO)) / HUNDRED
        gap = printed - expected
        first = first or (expected, gap)
        if -allowed <= gap <= allowed:
            run.check(
                "tax_total_matches",
                True,
                f"The tax total {money(printed)}"
                + (" (not printed: the total less the net)" if invoice.tax_total is None else "")
                + " is what the PO's rates give for the lines"
                + (
                    f", the charges without a printed rate taxed at {_rate_text(band)} (one of the lines' rates)"
                    if band in rates and len(rates) > 1 and any(r is None for _, r in loose)
                    else ""
                )
                + (" (rounding)." if gap else "."),
                tax_total=printed,
                rates=", ".join(_rate_text(r) for r in sorted(rates)),
            )
            return
    assert first is not None
    expected, gap = first
    sentence = (
        f"The tax total {money(printed)} is not what the PO's rates "
        f"({', '.join(_rate_text(r) for r in sorted(rates))}) give for the lines: {money(expected)}, "
        f"{money(abs(gap))} {'more' if gap > 0 else 'less'}. Check the VAT rate with the vendor."
    )
    run.check(
        "tax_total_matches", False, sentence, tax_total=printed, expected=expected.quantize(Decimal("0.01"))
    )
    run.fail(ExceptionType.TAX_MISMATCH, sentence, amount=gap if gap > 0 else None)


def _unrated_bands(
    rated: Decimal, basis: Decimal, rates: set[Decimal], loose: list[tuple[Decimal, Decimal | None]]
) -> list[Decimal]:
    """The rates a charge printed without its own rate (freight, packing) may be taxed at, the first the
    one the sentence of a mismatch names: the goods' average rate (the charge split over the lines' rates
    in proportion, as an ancillary cost follows the supply it serves), then each of the lines' own rates
    (the charge put wholly in one rate's band of the VAT table, as many vendors' software does)."""
    average = rated / basis if basis else next(iter(rates))
    if not any(r is None for _, r in loose):
        return [average]
    return [average, *(r for r in sorted(rates) if r != average)]


def _check_zero_rate_reason(
    invoice: InvoiceExtraction, goods: list[TaxLine], wording_texts: Iterable[str], run: Run
) -> None:
    """A zero-rated invoice for a PO under reverse charge or an intra-community supply must say so."""
    codes = {t.po_line.tax_code for t in goods if t.po_line is not None and t.po_line.tax_code}
    if not codes:
        return
    wording = tax_wording()
    required = sorted(c.upper() for c in codes if c.upper() in wording.wording_required)
    if not required:
        return
    printed = _tax_total(invoice)
    if printed is not None and printed != ZERO:
        return  # VAT charged: the rate checks said what is wrong
    kinds = {wording.kind_of_code(t.code) for t in goods if t.code}
    kinds |= {wording.kind_of_code(c.tax_code) for c in invoice.charges if c.tax_code}
    if not kinds & STATED_KINDS:
        kinds |= wording.kinds_in("\n".join(wording_texts))
    if kinds & STATED_KINDS:
        run.check(
            "zero_rate_stated",
            True,
            "The invoice charges no VAT and states why ("
            + ", ".join(sorted(k.replace("_", " ") for k in kinds & STATED_KINDS if k))
            + ").",
        )
        return
    sentence = (
        "The invoice charges no VAT, as the PO expects ("
        + ", ".join(wording.kind_of_code(c) or c for c in required).replace("_", " ")
        + "), but does not state the legal reason (e.g. 'Reverse charge', 'Steuerschuldnerschaft des "
        "Leistungsempfängers', 'Autoliquidation'). Ask the vendor for a corrected invoice."
    )
    run.check("zero_rate_stated", False, sentence)
    run.fail(ExceptionType.TAX_MISMATCH, sentence)
