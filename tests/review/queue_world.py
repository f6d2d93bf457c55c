"""A queue as a team sees it, built row by row for the queue, bulk and browser tests: invoice hold
proposals with their documents, vendors, numbers, due dates, exception types and duplicates (the
facets filled as `review.facets` fills them), and planner proposals. Names and numbers are invented."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session

from opsloop.review.facets import fold
from opsloop.store.tables import Document, Invoice, InvoiceReconciliation, Proposal
from opsloop.store.types import utcnow


def add_document(session: Session, name: str) -> int:
    document = Document(
        sha256=hashlib.sha256(name.encode()).hexdigest(),
        original_name=name,
        source_path=f"/nowhere/{name}",
        size_bytes=100,
        kind="pdf",
        family="invoice",
        state="in_review",
    )
    session.add(document)
    session.flush()
    assert document.id is not None
    return document.id


def add_invoice_hold(
    session: Session,
    *,
    vendor: str,
    number: str,
    amount: str,
    exceptions: tuple[str, ...] = ("not_received",),
    po_numbers: tuple[str, ...] = (),
    skus: tuple[str, ...] = (),
    due: date | None = None,
    sla_hours: float = 24.0,
    duplicate_of: int | None = None,
    assignee: str | None = None,
    state: str = "pending",
    urgency: float = 0.6,
) -> Proposal:
    """An invoice held for `exceptions`, with its own document (as the reconciler queues one)."""
    document_id = add_document(session, f"{vendor}-{number}-{utcnow().timestamp()}.pdf")
    money = Decimal(amount)
    title = f"Hold invoice {number} from {vendor} ({amount} EUR): {', '.join(e.replace('_', ' ') for e in exceptions)}"
    proposal = Proposal(
        kind="invoice_hold",
        state=state,
        subject_key=f"invoice:{document_id}",
        document_id=document_id,
        title=title,
        summary="Held until the exceptions are cleared.",
        payload={
            "action": "hold",
            "invoice_number": number,
            "vendor_erp_id": None,
            "reasons": list(exceptions),
        },
        working={"inputs": {"invoice_number": number, "po_numbers": list(po_numbers)}},
        amount=money,
        currency="EUR",
        priority=round(max(float(money), 1.0) * urgency, 2),
        sla_due_at=utcnow() + timedelta(hours=sla_hours),
        assignee=assignee,
        vendor=vendor,
        reference=number,
        due_date=due,
        exception_types=sorted(exceptions),
        duplicate_of=duplicate_of,
        search_text=fold(" ".join([vendor, number, *po_numbers, *skus, title])),
    )
    session.add(proposal)
    invoice = Invoice(
        document_id=document_id,
        document_type="invoice",
        extraction_method="test",
        vendor_name=vendor,
        invoice_number=number,
        due_date=due,
        po_numbers=list(po_numbers),
        currency="EUR",
        total=money,
    )
    session.add(invoice)
    session.flush()
    assert invoice.id is not None
    session.add(
        InvoiceReconciliation(
            invoice_id=invoice.id,
            document_id=document_id,
            status="exception",
            policy_version="test",
            exception_types=sorted(exceptions),
            result={"duplicate_of": [duplicate_of] if duplicate_of is not None else []},
        )
    )
    session.flush()
    return proposal
