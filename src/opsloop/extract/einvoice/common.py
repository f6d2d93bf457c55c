"""What the CII and UBL readers share: type codes and evidence for XML values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.extract.einvoice.xmltools import local, text_of
from opsloop.extract.evidence import found, missing

CREDIT_NOTE_CODES = frozenset({"81", "83", "261", "262", "381", "396", "532"})
"""UNTDID 1001 document type codes that are credit notes."""


def document_type_for(code: str | None) -> DocumentType:
    return DocumentType.CREDIT_NOTE if code in CREDIT_NOTE_CODES else DocumentType.INVOICE


def record(
    extraction: InvoiceExtraction,
    field: str,
    element: etree._Element | None,
    value: str | Decimal | date | None,
) -> None:
    """Evidence for a value read from an XML element: exact (confidence 1), or missing with the reason."""
    if value is None or element is None:
        extraction.fields[field] = missing("not present in the e-invoice XML")
        return
    extraction.fields[field] = found(f"{local(element)}: {text_of(element) or ''}", confidence=1.0)


def normalise_iban(value: str | None) -> str | None:
    if not value:
        return None
    return "".join(value.split()).upper() or None


def normalise_vat(value: str | None) -> str | None:
    if not value:
        return None
    return "".join(value.split()).upper().replace(".", "").replace("-", "") or None
