"""What the review queue shows, sorts, filters and searches by, kept on the proposal row itself
(`vendor`, `reference`, `due_date`, `exception_types`, `search_text`, `duplicate_of`) so a queue of
ten thousand items is one indexed query, never a join per row.

`index_proposal` fills them from the invoice as read (vendor, number, PO numbers, SKUs; the due date is
the payment date the reconciliation scheduled, else the printed one) and
its current reconciliation (exception types, the original a duplicate repeats), or from a planner
proposal's payload (SKU, vendor); `upsert_proposal` calls it on every queue or recalculation.
`fold` makes search accent- and case-insensitive on every database: the stored text and the query
are folded the same way ("Müller", "MULLER" and "muller" are one word)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from opsloop.store.tables import Invoice, InvoiceLine, InvoiceReconciliation, Proposal, Vendor

_NOT_DECOMPOSED = str.maketrans(
    {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}
)
"""Letters Unicode does not decompose into a base letter and a mark."""


def fold(text: str) -> str:
    """Lower case without accents, whitespace collapsed: `fold("Müller  GmbH")` is `"muller gmbh"`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def search_terms(query: str) -> list[str]:
    """The folded words of a search box (each must appear in the item's text)."""
    return [term for term in fold(query).split(" ") if term]


def _texts(values: Iterable[object]) -> list[str]:
    return [str(v) for v in values if v not in (None, "")]


def _payment_date(working: dict[str, Any]) -> date | None:
    """The date the reconciliation schedules payment for (the invoice's due date, never before the
    agreed one), where the proposal's working has it."""
    payment = working.get("payment")
    value = payment.get("payment_date") if isinstance(payment, dict) else None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def index_proposal(session: Session, proposal: Proposal) -> None:
    """Fill the queue facets of `proposal` (not flushed; the caller's transaction keeps them)."""
    payload: dict[str, Any] = proposal.payload or {}
    working: dict[str, Any] = proposal.working or {}
    vendor: str | None = None
    reference: str | None = None
    printed: list[str] = []
    po_numbers: list[str] = []
    skus: list[str] = []
    exception_types: list[str] = []
    duplicate_of: int | None = None
    proposal.due_date = None
    invoice = (
        session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
        if proposal.document_id is not None
        else None
    )
    if invoice is not None:
        resolved = session.get(Vendor, invoice.vendor_id) if invoice.vendor_id is not None else None
        vendor = resolved.name if resolved is not None else invoice.vendor_name
        printed = _texts([invoice.vendor_name, invoice.vendor_vat_id])
        reference = invoice.invoice_number
        proposal.due_date = _payment_date(working) or invoice.due_date
        po_numbers = _texts(invoice.po_numbers or [])
        skus = _texts(
            line.sku for line in session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id))
        )
        current = session.exec(
            select(InvoiceReconciliation).where(
                InvoiceReconciliation.document_id == proposal.document_id,
                col(InvoiceReconciliation.current).is_(True),
            )
        ).first()
        if current is not None:
            exception_types = sorted(set(current.exception_types or []))
            po_numbers += _texts(current.po_numbers or [])
            originals = [i for i in (current.result or {}).get("duplicate_of") or [] if isinstance(i, int)]
            duplicate_of = min(originals) if originals else None
    else:
        erp_vendor = payload.get("vendor_erp_id")
        if isinstance(erp_vendor, str) and erp_vendor:
            found = session.exec(select(Vendor).where(Vendor.erp_id == erp_vendor)).first()
            vendor = found.name if found is not None else erp_vendor
        reference = next(
            (str(payload[k]) for k in ("sku", "invoice_number", "queue") if payload.get(k)), None
        )
        skus = _texts([payload.get("sku")])
        inputs = working.get("inputs")
        listed = payload.get("po_numbers") or (inputs.get("po_numbers") if isinstance(inputs, dict) else None)
        po_numbers = _texts(listed or [])
    proposal.vendor = vendor[:512] if vendor else None
    proposal.reference = reference[:128] if reference else None
    proposal.exception_types = exception_types
    proposal.duplicate_of = duplicate_of if duplicate_of != proposal.document_id else None
    words = [vendor or "", *printed, reference or "", *po_numbers, *skus, proposal.title]
    proposal.search_text = fold(" ".join(dict.fromkeys(w for w in words if w)))


def index_missing(session: Session, *, batch: int = 500) -> int:
    """Fill the facets of proposals queued before they existed (search text still empty); returns how
    many. Idempotent: the next call finds none."""
    done = 0
    while True:
        rows = list(session.exec(select(Proposal).where(col(Proposal.search_text).is_(None)).limit(batch)))
        if not rows:
            if done and session.get_bind().dialect.name == "sqlite":
                session.execute(text("ANALYZE proposals"))  # statistics for the queue's planner
                session.commit()
            return done
        for proposal in rows:
            index_proposal(session, proposal)
            if not proposal.search_text:
                proposal.search_text = " "  # nothing to search by; never picked up again
            session.add(proposal)
        session.commit()
        done += len(rows)
