"""The e-invoice engine: CII (ZUGFeRD, Factur-X, XRechnung), UBL 2.1 (Peppol BIS, XRechnung-UBL) and
Italy's FatturaPA, read exactly."""

from __future__ import annotations

from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import RejectedInput
from opsloop.extract.einvoice.cii import is_cii, read_cii
from opsloop.extract.einvoice.fatturapa import is_fatturapa, read_fatturapa
from opsloop.extract.einvoice.ubl import is_ubl, read_ubl
from opsloop.extract.einvoice.xmltools import local, parse_xml
from opsloop.ingest.sniff import in_namespace


def is_einvoice(text: str | bytes) -> bool:
    """Whether the XML is a CII, UBL or FatturaPA invoice this engine can read."""
    try:
        root = parse_xml(text)
    except RejectedInput:
        return False
    return is_cii(root) or is_ubl(root) or is_fatturapa(root)


def read_einvoice(text: str | bytes) -> InvoiceExtraction:
    """Read a CII, UBL or FatturaPA e-invoice; RejectedInput when it is malformed, none of them, or a
    FatturaPA this reader refuses (a lotto of several invoices, the simplified schema)."""
    root = parse_xml(text)
    if is_cii(root):
        return read_cii(root)
    if is_ubl(root):
        return read_ubl(root)
    if is_fatturapa(root):
        return read_fatturapa(root)
    raise RejectedInput(
        "unknown_format",
        f"The XML root <{local(root)}>{in_namespace(root)} is not a UN/CEFACT CII, UBL 2.1 or FatturaPA invoice.",
    )


__all__ = ["is_einvoice", "read_einvoice"]
