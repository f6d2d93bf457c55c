"""The invoice lines an approval's payload carries, read once for every connector that writes them.

The reconciler's approval carries the invoice's own lines (`lines`: position, description, sku,
quantity, unit price, amount, tax rate, and the PO line each matched, `po_line = {po_number, line_no}`)
and its net and tax amounts. Each connector turns these into its ERP's invoice lines (a matched line
linked to its purchase line, an unmatched one as a description-only line of its amount); what they
share — reading and checking the payload — is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from opsloop.erp.protocol import PushRejected

HALF_CENT = Decimal("0.005")
CENT = Decimal("0.01")
PRICE_PLACES = Decimal("0.0001")
"""Unit prices as ERPs keep them (Tryton's purchase and invoice prices: four places)."""


def payload_number(value: Any) -> Decimal | None:
    """A payload or wire number as a Decimal (a float by its shortest text); None when absent."""
    if value is None or value is False or value == "":
        return None
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class InvoiceLine:
    """One of the invoice's lines as the payload carries it."""

    position: int
    description: str
    """As printed ('' when the extraction found none: then the SKU, if any)."""
    quantity: Decimal | None
    unit_price: Decimal | None
    amount: Decimal | None
    """The line's amount, else quantity × unit price when both are there."""
    tax_rate: Decimal | None
    po_ref: tuple[str, int] | None
    """(PO number, line number as the mirror numbers them) of the PO line it matched."""
    unit_factor: Decimal | None = None
    """Invoice units in one PO unit, when the line bills in another unit than the PO's (12: pieces
    billed on a PO line of boxes of 12)."""

    @property
    def po_quantity(self) -> Decimal | None:
        """The quantity in the PO line's unit (what the ERP's purchase line counts)."""
        if self.quantity is None or not self.unit_factor:
            return self.quantity
        exact = self.quantity / self.unit_factor
        whole = exact.to_integral_value()
        # a factor of 1/12 (packs of 12 billed on a line of pieces) is not exact in decimals: 72.000…03 is 72
        return whole if abs(exact - whole) < Decimal("0.000001") else exact

    @property
    def label(self) -> str:
        return f"invoice line {self.position} ({self.description or 'no description'})"

    def price_per(self, quantity: Decimal, fallback: Decimal | None) -> Decimal | None:
        """The unit price to write at ``quantity``: as printed, else (no price, a discount, or another
        unit than the printed one) the amount spread over the quantity, else ``fallback`` (the PO
        line's price)."""
        if self.unit_price is not None and quantity == self.quantity and not self._discounted(quantity):
            return self.unit_price
        if self.amount is not None and quantity:
            return (self.amount / quantity).quantize(PRICE_PLACES)
        return self.unit_price if self.unit_price is not None else fallback

    def _discounted(self, quantity: Decimal) -> bool:
        """The amount is not quantity × printed price: the page prints the price before a line discount
        (list price, discount %, net amount) or rounded (0.13 for 0.125). What is owed is the amount, so
        the price written is the amount spread over the quantity (to the ERP's four places), never the
        list price."""
        if self.amount is None or self.unit_price is None or not quantity:
            return False
        return abs(quantity * self.unit_price - self.amount) > HALF_CENT

    def list_and_discount(self, quantity: Decimal) -> tuple[Decimal, Decimal] | None:
        """(printed unit price, discount in percent to two places) that reproduce the printed amount at
        ``quantity`` (quantity × price less the discount, rounded half up to the cent), for an ERP that
        keeps a per-line discount but its prices to fewer places than the net over the quantity needs
        (Odoo: two); None when the line is not discounted or no two-place percentage gives its amount."""
        if quantity != self.quantity or not self._discounted(quantity):
            return None
        assert self.unit_price is not None and self.amount is not None
        gross = quantity * self.unit_price
        if gross <= 0 or not 0 < self.amount < gross:
            return None
        percent = ((1 - self.amount / gross) * 100).quantize(CENT)
        net = (gross * (100 - percent) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        return (self.unit_price, percent) if net == self.amount else None

    def unmatched_amount(self) -> Decimal:
        """The amount of a line no PO line stands for; refused when there is none to write."""
        if self.amount is None:
            raise PushRejected(
                f"{self.label} has no amount and matches no PO line; correct the extraction and decide again"
            )
        return self.amount


def invoice_lines(payload: dict[str, Any]) -> list[InvoiceLine] | None:
    """The payload's invoice lines; None when it carries none (queued before lines were carried: the
    connector then falls back to the lines of the POs it names). A malformed `lines` is refused."""
    if "lines" not in payload:
        return None
    raw = payload["lines"]
    if not isinstance(raw, list) or not all(isinstance(line, dict) for line in raw):
        raise PushRejected("the payload's `lines` is not a list of invoice lines; decide the proposal again")
    lines: list[InvoiceLine] = []
    for index, line in enumerate(raw, start=1):
        quantity, price, amount = (payload_number(line.get(k)) for k in ("quantity", "unit_price", "amount"))
        if amount is None and quantity is not None and price is not None:
            amount = quantity * price
        if quantity is None and price and amount is not None:
            # no quantity read ("-1 pcs" read as the unit): the amount over the price, when it divides evenly
            whole = amount / price
            quantity = whole.normalize() if whole == whole.quantize(Decimal("0.001")) else None
        ref = line.get("po_line")
        po_ref = (str(ref.get("po_number")), int(ref.get("line_no") or 0)) if isinstance(ref, dict) else None
        factor = payload_number(ref.get("unit_factor")) if isinstance(ref, dict) else None
        lines.append(
            InvoiceLine(
                position=int(line.get("position") or index),
                description=str(line.get("description") or line.get("sku") or ""),
                quantity=quantity,
                unit_price=price,
                amount=amount,
                tax_rate=payload_number(line.get("tax_rate")),
                po_ref=po_ref,
                unit_factor=factor if factor is not None and factor > 0 else None,
            )
        )
    return lines


def po_numbers(payload: dict[str, Any], lines: list[InvoiceLine]) -> list[str]:
    """The POs to read: those the payload names, then those its lines matched (each once, in order)."""
    named = [str(n) for n in payload.get("po_numbers") or []]
    return list(dict.fromkeys([*named, *(line.po_ref[0] for line in lines if line.po_ref is not None)]))


@dataclass(frozen=True)
class NetLine:
    """One line standing for an invoice whose lines were not extracted: its net amount."""

    description: str
    amount: Decimal
    tax_rate: Decimal | None


def net_line(payload: dict[str, Any]) -> NetLine | None:
    """The invoice's net amount as one line (its tax rate from tax / net), when the payload has it."""
    net = payload_number(payload.get("net_amount"))
    if net is None:
        return None
    tax = payload_number(payload.get("tax_amount"))
    rate = (tax * 100 / net).quantize(Decimal("0.01")) if tax is not None and net else None
    label = f"invoice {payload.get('invoice_number') or ''} (no lines extracted)"
    return NetLine(label, net, rate)


# --------------------------------------------------------------------------- the amount posted is the amount shown

ROUNDING_KEY = "erp_rounding_abs"
"""The payload key the outbox adds to an invoice's action: the policy's `erp_rounding_abs`."""
DEFAULT_ROUNDING = Decimal("0.05")
"""What the packaged policy allows, for a payload pushed without the key (a connector called directly)."""


def rounding_limit(payload: dict[str, Any]) -> Decimal:
    """How far the ERP's own arithmetic may move the invoice's net, tax or total (see the policy's
    `erp_rounding_abs`)."""
    value = payload_number(payload.get(ROUNDING_KEY))
    return abs(value) if value is not None else DEFAULT_ROUNDING


@dataclass(frozen=True)
class PrintedAmounts:
    """The approved invoice's net, tax and total, signed as the ERP books them (a credit note's negative);
    None where the payload has no figure."""

    net: Decimal | None
    tax: Decimal | None
    total: Decimal | None


def printed_amounts(payload: dict[str, Any], *, credit_note: bool) -> PrintedAmounts:
    """The figures the page prints, as the ERP must end up with them (a credit note's always negative:
    the page may print either sign)."""

    def signed(key: str) -> Decimal | None:
        value = payload_number(payload.get(key))
        if value is None:
            return None
        return -abs(value) if credit_note else value

    # an invoice paid with its credit notes (a pair) carries the invoice's own total apart from the
    # amount paid (`amount` = invoice total less the credit notes'): the ERP books the invoice alone
    total = "invoice_amount" if payload.get("invoice_amount") is not None else "amount"
    return PrintedAmounts(signed("net_amount"), signed("tax_amount"), signed(total))


def rounding_gap(erp: str, what: str, booked: Decimal, printed: Decimal | None, limit: Decimal) -> Decimal:
    """What the ERP's figure lacks to be the page's (printed − booked; 0 when the page has none). A gap
    beyond `limit` is a different amount, not rounding: the push is refused with both figures (the
    proposal fails and goes back to the review queue, to be decided again once corrected)."""
    if printed is None:
        return Decimal(0)
    gap = printed - booked
    if abs(gap) > limit:
        raise PushRejected(
            f"{erp} computes a {what} of {booked:,.2f} where the invoice prints {printed:,.2f} "
            f"({gap:+,.2f}, more than the {limit} of rounding the policy allows): not posted; "
            "check the invoice's lines and tax against the PO and approve again"
        )
    return gap


def line_gaps(printed: list[Decimal | None], booked: list[Decimal]) -> list[Decimal]:
    """Per written line, what the ERP's line amount lacks to be the printed one (0 where the page prints
    none); the lines are paired in the order they were written."""
    return [(p - b) if p is not None else Decimal(0) for p, b in zip(printed, booked, strict=False)]
