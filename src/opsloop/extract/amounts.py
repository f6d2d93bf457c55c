"""The bounds every number read from a document (or from a model's answer) must keep.

A document may print any digits; opsloop only carries numbers an invoice can hold: finite, at most
`MAX_INTEGER_DIGITS` digits before the decimal point and `MAX_SCALE` after it (the exact range of the
`Money` column, NUMERIC(20, 6)). A unit price or a quantity may carry more decimals (`MAX_UNIT_SCALE`):
EN 16931 sets no limit on the item price (BT-146, BT-148), its base quantity (BT-149) or the invoiced
quantity (BT-129), and FatturaPA allows 8 decimals in PrezzoUnitario and Quantita. `1e999999`, `NaN` or `-Infinity` in an e-invoice is refused at the
reader with the code `absurd_amount`, so the file is quarantined with that reason instead of a
million-digit amount travelling on (or a stage crashing on it).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import RejectedInput

MAX_INTEGER_DIGITS = 14
"""Digits before the decimal point: up to 99,999,999,999,999.999999 (NUMERIC(20, 6))."""
MAX_SCALE = 6
"""Significant digits after the decimal point (trailing zeros do not count)."""
MAX_UNIT_SCALE = 12
"""Significant digits after the decimal point of a unit price or a quantity (0.061232374 EUR per kWh)."""
ABSURD_AMOUNT = "absurd_amount"
UNIT_FIELDS = frozenset({"quantity", "unit_price"})
"""A line's per-unit figures: they may carry `MAX_UNIT_SCALE` decimals."""


def amount_problem(value: Decimal, *, scale: int = MAX_SCALE) -> str | None:
    """Why `value` is not a number an invoice can hold, or None when it is one; `scale`: the decimals
    it may carry (`MAX_UNIT_SCALE` for a unit price or a quantity)."""
    if not value.is_finite():
        return "it is not a finite number"
    if value.is_zero():
        return None
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        return f"it has more than {MAX_INTEGER_DIGITS} digits before the decimal point"
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if -exponent > scale:
        return f"it has more than {scale} digits after the decimal point"
    return None


def per_unit(value: Decimal | None) -> Decimal | None:
    """A unit price worked out by a division (a price for 3 units, a price less a 7.5 % discount), held
    to `MAX_UNIT_SCALE` decimals when the division does not end sooner (10 / 3): as exact as a unit
    price can be written; the line's net amount stays the figure that is paid."""
    if value is None or not value.is_finite() or amount_problem(value, scale=MAX_UNIT_SCALE) is None:
        return value
    return value.quantize(Decimal(1).scaleb(-MAX_UNIT_SCALE))


def is_bounded(value: Decimal) -> bool:
    return amount_problem(value) is None


def bounded_decimal(text: str, *, what: str = "a number", scale: int = MAX_SCALE) -> Decimal | None:
    """`text` as a Decimal; None when it is not a number at all; RejectedInput(`absurd_amount`) when it
    is a number no invoice can hold (infinite, NaN, too many digits; `scale` decimals at most)."""
    if len(text) > 200:  # no number an invoice can hold is written this long
        cleaned = text.strip()
        if len(cleaned) > 200:
            raise RejectedInput(ABSURD_AMOUNT, f"{what} is {len(cleaned)} characters long")
        text = cleaned
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    problem = amount_problem(value, scale=scale)
    if problem is not None:
        raise RejectedInput(ABSURD_AMOUNT, f"{what} {_shown(text)} cannot be an amount: {problem}")
    return value


def check_extraction_amounts(extraction: InvoiceExtraction) -> None:
    """Raise RejectedInput(`absurd_amount`) naming the first amount, quantity or rate of `extraction`
    that is out of bounds (whichever engine produced it: e-invoice, rules, a model)."""
    values: list[tuple[str, Decimal | None, int]] = [
        (name, getattr(extraction, name), MAX_SCALE)
        for name in ("subtotal", "tax_total", "total", "amount_due")
    ]
    for index, line in enumerate(extraction.lines, start=1):
        values += [
            (
                f"line {index} {name}",
                getattr(line, name),
                MAX_UNIT_SCALE if name in UNIT_FIELDS else MAX_SCALE,
            )
            for name in ("quantity", "unit_price", "amount", "tax_rate")
        ]
    for name, value, scale in values:
        if value is None:
            continue
        problem = amount_problem(value, scale=scale)
        if problem is not None:
            raise RejectedInput(
                ABSURD_AMOUNT, f"the invoice's {name} {_shown(str(value))} cannot be an amount: {problem}"
            )


def _shown(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= 40 else text[:20] + "…" + text[-8:])
