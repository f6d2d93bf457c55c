"""Self-checks on an extraction: arithmetic, plausible dates, IBAN and VAT id checksums."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from stdnum import iban as stdnum_iban
from stdnum.eu import vat as stdnum_vat

from opsloop.domain.invoices import Check, InvoiceExtraction

CENT_TOLERANCE = Decimal("0.02")


def _charged(extraction: InvoiceExtraction, line: int | None) -> Decimal:
    """What the charges less the allowances of one line (``line``: its number) or of the document
    (None) add: EN 16931 nets a line's own into its amount (BT-131) and the document's into the sum the
    tax is charged on (BT-109)."""
    return sum(
        (
            charge.amount if charge.kind == "charge" else -charge.amount
            for charge in extraction.charges
            if charge.line == line and charge.amount is not None
        ),
        Decimal(0),
    )


def check_lines_sum(extraction: InvoiceExtraction) -> Check:
    amounts = [line.amount for line in extraction.lines if line.amount is not None]
    if not amounts or extraction.subtotal is None:
        return Check(name="lines_sum_to_subtotal", passed=None, detail="needs line amounts and a subtotal")
    total = sum(amounts, Decimal(0))
    charged = _charged(extraction, None)
    passed = abs(total - extraction.subtotal) <= CENT_TOLERANCE or (
        charged != 0 and abs(total + charged - extraction.subtotal) <= CENT_TOLERANCE
    )  # (a subtotal printed before or after the document's allowances and charges)
    return Check(
        name="lines_sum_to_subtotal",
        passed=passed,
        detail=f"lines sum to {total}"
        + (f", {charged:+} allowances and charges" if charged else "")
        + f", subtotal is {extraction.subtotal}"
        + ("" if passed else " (allowances, charges or a missed line?)"),
    )


def check_totals(extraction: InvoiceExtraction) -> Check:
    s, t, g = extraction.subtotal, extraction.tax_total, extraction.total
    if s is None or t is None or g is None:
        return Check(name="subtotal_plus_tax_is_total", passed=None, detail="needs subtotal, tax and total")
    passed = abs(s + t - g) <= CENT_TOLERANCE
    return Check(
        name="subtotal_plus_tax_is_total", passed=passed, detail=f"{s} + {t} = {s + t}, total is {g}"
    )


def check_line_arithmetic(extraction: InvoiceExtraction) -> Check:
    checked = 0
    wrong: list[str] = []
    for number, line in enumerate(extraction.lines, start=1):
        if line.quantity is None or line.unit_price is None or line.amount is None:
            continue
        checked += 1
        expected = line.quantity * line.unit_price
        tolerance = max(CENT_TOLERANCE, abs(line.amount) * Decimal("0.005"))
        charged = _charged(extraction, number)
        if abs(expected - line.amount) > tolerance and charged:
            expected += charged  # the line's own allowances and charges, netted into its amount
        if abs(expected - line.amount) > tolerance:
            wrong.append(
                f"line {number}: {line.quantity} x {line.unit_price} = {expected}, printed {line.amount}"
            )
    if checked == 0:
        return Check(
            name="line_arithmetic", passed=None, detail="no line has quantity, unit price and amount"
        )
    if wrong:
        return Check(name="line_arithmetic", passed=False, detail="; ".join(wrong[:5]))
    return Check(
        name="line_arithmetic", passed=True, detail=f"{checked} lines: quantity x unit price = amount"
    )


def check_dates(extraction: InvoiceExtraction, *, today: date | None = None) -> Check:
    issued, due = extraction.invoice_date, extraction.due_date
    if issued is None:
        return Check(name="dates_plausible", passed=None, detail="no invoice date")
    now = today or datetime.now(UTC).date()
    problems: list[str] = []
    if issued < date(1990, 1, 1) or issued > now + timedelta(days=60):
        problems.append(f"invoice date {issued} is far from today")
    if due is not None and not issued <= due <= issued + timedelta(days=400):
        problems.append(f"due date {due} is not within 400 days after the invoice date {issued}")
    if problems:
        return Check(name="dates_plausible", passed=False, detail="; ".join(problems))
    return Check(
        name="dates_plausible", passed=True, detail=f"invoice date {issued}" + (f", due {due}" if due else "")
    )


def check_iban(extraction: InvoiceExtraction) -> Check:
    value = extraction.vendor.iban
    if not value:
        return Check(name="iban_checksum", passed=None, detail="no IBAN")
    passed = bool(stdnum_iban.is_valid(value))
    return Check(
        name="iban_checksum", passed=passed, detail=f"{value} {'valid' if passed else 'fails the checksum'}"
    )


def check_vat_id(extraction: InvoiceExtraction) -> Check:
    value = extraction.vendor.vat_id
    if not value:
        return Check(name="vat_id_checksum", passed=None, detail="no VAT id")
    try:
        passed = bool(stdnum_vat.is_valid(value))
    except Exception:  # an unknown country prefix
        passed = False
    return Check(
        name="vat_id_checksum", passed=passed, detail=f"{value} {'valid' if passed else 'fails the checksum'}"
    )


def run_checks(extraction: InvoiceExtraction, *, today: date | None = None) -> list[Check]:
    """Every self-check; ``passed`` is None where a needed value is missing."""
    return [
        check_lines_sum(extraction),
        check_totals(extraction),
        check_line_arithmetic(extraction),
        check_dates(extraction, today=today),
        check_iban(extraction),
        check_vat_id(extraction),
    ]
