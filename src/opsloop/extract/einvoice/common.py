"""What the CII and UBL readers share: type codes and evidence for XML values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.extract.einvoice.xmltools import local, text_of
from opsloop.extract.evidence import found, missing

CREDIT_NOTE_CODES = frozenset({"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"})
"""UNTDID 1001 document type codes that are credit notes (the EN 16931 code list's credit notes)."""
CORRECTION_CODES = frozenset({"383", "384"})
"""Debit note and corrected invoice: a credit note when their total is negative."""


def document_type_for(code: str | None, total: Decimal | None = None) -> DocumentType:
    """The document type of a UNTDID 1001 code: a credit-note code, or a correction (383, 384) whose
    total is negative, is a credit note."""
    code = code.strip() if code else code
    if code in CREDIT_NOTE_CODES:
        return DocumentType.CREDIT_NOTE
    if code in CORRECTION_CODES and total is not None and total < 0:
        return DocumentType.CREDIT_NOTE
    return DocumentType.INVOICE


def is_true(value: str | None) -> bool:
    """An XML boolean (CII `<udt:Indicator>true</udt:Indicator>`, UBL `true`)."""
    return (value or "").strip().lower() in ("true", "1")


def add_note(extraction: InvoiceExtraction, text: str | None) -> None:
    """Keep a free-text note (once), for screening; never interpreted."""
    if text and text.strip() and text.strip() not in extraction.notes:
        extraction.notes.append(text.strip())


def preceding(extraction: InvoiceExtraction, numbers: list[str | None], element: str) -> None:
    """The earlier invoices the XML names (BT-25), once each in their order, with their evidence."""
    extraction.preceding_invoices = list(dict.fromkeys(n.strip() for n in numbers if n and n.strip()))
    if extraction.preceding_invoices:
        extraction.fields["preceding_invoices"] = found(
            f"{element}: " + ", ".join(extraction.preceding_invoices), confidence=1.0
        )


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
