"""Safe XML parsing and namespace-agnostic lookup for e-invoices."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from lxml import etree

from opsloop.errors import RejectedInput
from opsloop.extract.amounts import MAX_SCALE, MAX_UNIT_SCALE, bounded_decimal
from opsloop.ingest.sniff import parse_untrusted_xml

MAX_XML_BYTES = 20 * 1024 * 1024


def parse_xml(text: str | bytes) -> etree._Element:
    """Parse untrusted XML without entities, network or huge trees; raise RejectedInput when malformed."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_XML_BYTES:
        raise RejectedInput("oversized", "The XML e-invoice is larger than 20 MiB.")
    try:
        root = parse_untrusted_xml(data.lstrip(), _parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise RejectedInput("malformed_xml", f"The e-invoice XML cannot be parsed: {error}") from error
    if root is None:
        raise RejectedInput("malformed_xml", "The e-invoice XML is empty.")
    return root


def _parser(*, recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname


def namespace(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).namespace or ""


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [child for child in element if local(child) == name]


def child(element: etree._Element | None, *names: str) -> etree._Element | None:
    """The first direct child whose local name is any of ``names`` (in that order of preference)."""
    if element is None:
        return None
    for name in names:
        for item in element:
            if local(item) == name:
                return item
    return None


def path(element: etree._Element | None, *steps: str | tuple[str, ...]) -> etree._Element | None:
    """Walk direct children by local name; a tuple step accepts any of its names."""
    current = element
    for step in steps:
        names = step if isinstance(step, tuple) else (step,)
        current = child(current, *names)
        if current is None:
            return None
    return current


def text_of(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    value = "".join(str(part) for part in element.itertext()).strip()
    return value or None


def decimal_of(element: etree._Element | None, *, scale: int = MAX_SCALE) -> Decimal | None:
    """The element's number; None when absent or not a number; RejectedInput(`absurd_amount`) for one no
    invoice can hold (`1e999999`, `NaN`, `-Infinity`, hundreds of digits, more than `scale` decimals)."""
    value = text_of(element)
    if value is None:
        return None
    return bounded_decimal(
        value.replace(" ", ""), what=f"<{local(element)}>" if element is not None else "a number", scale=scale
    )


def unit_decimal_of(element: etree._Element | None) -> Decimal | None:
    """A unit price, a base quantity or a quantity: as `decimal_of`, with up to `MAX_UNIT_SCALE` decimals."""
    return decimal_of(element, scale=MAX_UNIT_SCALE)


_DATE_102 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def date_of(element: etree._Element | None) -> date | None:
    """A CII DateTimeString (format 102 or ISO), or a UBL date; None when absent or invalid."""
    if element is None:
        return None
    inner = child(element, "DateTimeString", "DateString")
    value = text_of(inner if inner is not None else element)
    if value is None:
        return None
    match = _DATE_102.match(value) or _DATE_ISO.match(value)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


BUYER_ACCOUNTS = frozenset({"PayerPartyDebtorFinancialAccount", "PaymentMandate", "PayerFinancialAccount"})
"""Elements that hold the buyer's own bank account (SEPA direct debit), not the seller's."""


def free_text(root: etree._Element) -> str:
    """Every text the XML carries, one element's text per line, without the buyer's own bank accounts:
    what a person reading the e-invoice would see, for screening (notes, names, descriptions, IBANs)."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if local(element) in BUYER_ACCOUNTS:
            return
        if element.text and element.text.strip():
            parts.append(element.text.strip())
        for item in element:
            walk(item)
            if item.tail and item.tail.strip():
                parts.append(item.tail.strip())

    walk(root)
    return "\n".join(parts)
