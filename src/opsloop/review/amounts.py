"""The money a decision moves, recomputed from the payload: what is posted, what limits judge, whether
a payment can be posted exactly as shown, and the numbers and order quantities people type."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, select

from opsloop.review.errors import InvalidDecision
from opsloop.store.tables import Item, Proposal

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1e12")
"""No figure a person types may reach this (an absurd number is refused, never posted)."""


MOVES_MONEY = frozenset(
    {"approve_payment", "book_credit_note", "create_purchase_order", "create_purchase_request"}
)
"""Payload actions whose approval spends (or books) money: these are judged against limits and the
confirmation threshold."""

PAYMENTS = frozenset({"approve_payment", "book_credit_note"})
ORDERS = frozenset({"create_purchase_order", "create_purchase_request"})


def number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def order_amount(payload: dict[str, Any]) -> Decimal | None:
    """quantity x unit cost of a purchase payload, to the cent (None when either is missing)."""
    quantity, cost = number(payload.get("quantity")), number(payload.get("unit_cost"))
    if quantity is None or cost is None:
        return None
    return (quantity * cost).quantize(CENT)


def lines_gross(payload: dict[str, Any]) -> Decimal | None:
    """A payment payload's lines (amount, else quantity x unit price) plus its tax amount."""
    lines = payload.get("lines")
    if not isinstance(lines, list) or not lines:
        return None
    total = Decimal(0)
    for line in lines:
        if not isinstance(line, dict):
            return None
        amount = number(line.get("amount"))
        if amount is None:
            quantity, price = number(line.get("quantity")), number(line.get("unit_price"))
            if quantity is None or price is None:
                return None
            amount = quantity * price
        total += amount
    return (total + (number(payload.get("tax_amount")) or Decimal(0))).quantize(CENT)


def judged_amount(proposal: Proposal) -> Decimal | None:
    """The amount limits, segregation of duties and the autonomy policy judge: the largest (in
    magnitude) of what the payload can post, recomputed here (quantity x unit cost; the amount; the
    invoice's lines plus tax) and the stored amount. An edit of any of them cannot slip under a limit."""
    payload: dict[str, Any] = proposal.payload or {}
    candidates = [
        value
        for value in (
            order_amount(payload),
            number(payload.get("amount")),
            number(payload.get("invoice_amount")),
            lines_gross(payload),
            proposal.amount,
        )
        if value is not None
    ]
    if not candidates:
        return None
    return max(candidates, key=abs)


def posted_amount(payload: dict[str, Any], fallback: Decimal | None = None) -> Decimal | None:
    """What the approval posts and the page shows: a purchase's quantity x unit cost, a payment's
    amount; `fallback` for payloads without either."""
    action = payload.get("action")
    if action in ORDERS:
        amount = order_amount(payload)
        if amount is not None:
            return amount
    value = number(payload.get("amount"))
    return value if value is not None else fallback


def payment_gaps(payload: dict[str, Any]) -> list[str]:
    """Why a payment payload cannot be posted exactly as shown (empty: it can): no vendor, no amount,
    or an invoice total that is not its net plus tax (the ERP books lines and tax, so it would post
    a different figure than the page shows)."""
    gaps: list[str] = []
    if not payload.get("vendor_erp_id"):
        gaps.append("the vendor is not identified: pick the vendor from the ERP first")
    gross = number(payload.get("invoice_amount")) if payload.get("credit_notes") else None
    gross = gross if gross is not None else number(payload.get("amount"))
    if gross is None:
        gaps.append("the invoice has no total: enter the total first")
        return gaps
    net, tax = number(payload.get("net_amount")), number(payload.get("tax_amount"))
    if net is not None and tax is not None and abs(net + tax - gross) > CENT:
        gaps.append(
            f"the total {gross:,.2f} is not the net {net:,.2f} plus tax {tax:,.2f} = {net + tax:,.2f}: "
            "correct the total, the tax or a line so that they agree"
        )
    return gaps


def parse_amount(field: str, raw: str, *, negative: bool = False) -> Decimal:
    """A number a person typed: finite, at most 6 decimals, below MAX_AMOUNT (else InvalidDecision)."""
    text = raw.strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # 12,50 as a decimal comma
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise InvalidDecision(f"{field} must be a number, not {raw!r}") from None
    if not number.is_finite() or abs(number) >= MAX_AMOUNT:
        raise InvalidDecision(f"{field} must be a finite number below {MAX_AMOUNT:,.0f}, not {raw!r}")
    if number != number.quantize(Decimal("0.000001")):
        raise InvalidDecision(f"{field} has more than 6 decimals: {raw!r}")
    if number < 0 and not negative:
        raise InvalidDecision(f"{field} must be a number of at least 0")
    return number.normalize() if number == number.to_integral_value() else number


def with_item_master(session: Session, payload: dict[str, Any], working: dict[str, Any]) -> dict[str, Any]:
    """The planner's working with the item's pack size and minimum order quantity as the ERP mirror
    has them now (the master data may have changed since the planner ran); the working unchanged when
    the mirror does not know the item."""
    item = session.exec(select(Item).where(Item.sku == str(payload.get("sku")))).first()
    if item is None:
        return working
    found = working.get("inputs")
    inputs = dict(found) if isinstance(found, dict) else {}
    if item.pack_size:
        inputs["pack_size"] = str(item.pack_size)
    if item.min_order_qty:
        inputs["min_order_qty"] = str(item.min_order_qty)
    return {**working, "inputs": inputs}


def _qty(value: Decimal) -> str:
    """A quantity as people write it: 50, 12.5 (no exponent, no trailing zeros)."""
    return format(value.normalize(), "f")
