"""Reading an invoice's amounts and matching its descriptions: the net amount, a line's amount, quantity
and price, and the PO line description most alike (whose sizes agree)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz, process, utils

from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction
from opsloop.reconcile.run import ZERO


def net_amount(invoice: InvoiceExtraction) -> Decimal | None:
    if invoice.subtotal is not None:
        return invoice.subtotal
    if invoice.total is not None and invoice.tax_total is not None:
        return invoice.total - invoice.tax_total
    amounts = [line_amount(line) for line in invoice.lines]
    if amounts and all(a is not None for a in amounts):
        return sum((a for a in amounts if a is not None), ZERO)
    return None


def line_amount(line: InvoiceLineExtraction) -> Decimal | None:
    """The line's amount as printed, else quantity x unit price, else None."""
    if line.amount is not None:
        return line.amount
    if line.quantity is not None and line.unit_price is not None:
        return line.quantity * line.unit_price
    return None


def line_qty_price(line: InvoiceLineExtraction) -> tuple[Decimal | None, Decimal | None]:
    quantity, price = line.quantity, line.unit_price
    try:
        if price is None and quantity and line.amount is not None:
            price = line.amount / quantity
        if quantity is None and price and line.amount is not None:
            quantity = line.amount / price
    except (InvalidOperation, ZeroDivisionError):
        pass
    return quantity, price


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers(text: str) -> set[Decimal]:
    found = set()
    for token in _NUMBER.findall(text):
        try:
            found.add(Decimal(token.replace(",", ".")).normalize())
        except InvalidOperation:
            continue
    return found


def numbers_agree(invoiced: str, ordered: str) -> bool:
    """Whether two descriptions name the same sizes: the numbers of one are among the other's (either
    may add some: a pack count, a length left off). "Bolts M10 x 40" is not "Bolts M8 x 40", however
    alike the words."""
    mine, theirs = _numbers(invoiced), _numbers(ordered)
    return not mine or not theirs or mine <= theirs or theirs <= mine


def best_description(
    description: str, choices: dict[int, str], cutoff: float
) -> tuple[str, float, int] | None:
    """The most alike PO line description (rapidfuzz WRatio at or above `cutoff`) whose numbers agree."""
    for hit in process.extract(
        description,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=cutoff,
        limit=5,
    ):
        if numbers_agree(description, hit[0]):
            return hit[0], float(hit[1]), int(hit[2])
    return None
