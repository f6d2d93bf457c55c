"""The e-invoice engine: CII (ZUGFeRD, Factur-X, XRechnung) and UBL 2.1, read exactly."""

from __future__ import annotations

from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import RejectedInput
from opsloop.extract.einvoice.cii import is_cii, read_cii
from opsloop.extract.einvoice.ubl import is_ubl, read_ubl
from opsloop.extract.einvoice.xmltools import local, parse_xml


def is_einvoice(text: str | bytes) -> bool:
    """Whether the XML is a CII or UBL invoice this engine can read."""
    try:
        root = parse_xml(text)
    except RejectedInput:
        return False
    return is_cii(root) or is_ubl(root)


def read_einvoice(text: str | bytes) -> InvoiceExtraction:
    """Read a CII or UBL e-invoice; RejectedInput when it is malformed or neither."""
    root = parse_xml(text)
    if is_cii(root):
        return read_cii(root)
    if is_ubl(root):
        return read_ubl(root)
    raise RejectedInput(
        "unknown_format",
        f"The XML root <{local(root)}> is neither a UN/CEFACT CII nor a UBL 2.1 invoice.",
    )


__all__ = ["is_einvoice", "read_einvoice"]
