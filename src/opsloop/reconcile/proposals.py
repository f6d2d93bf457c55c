"""From a reconciliation to a proposal: approve for payment, hold (with the reason), or request a
credit note. Deterministic policy code: nothing here reads model output.

Guards that hold whatever the reconciliation says: a credit note (or a document with a negative
amount) is never proposed for payment — approved, it is booked as a credit note — and never asks the
vendor for a credit note; a request for a credit note is only made for money actually overbilled."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from opsloop.domain.erp import HIGH_RISK, OVERBILLING, ExceptionType, Reconciliation, ReconciliationStatus
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.reconcile.mirror import ADVANCE_CHECK
from opsloop.reconcile.reconciler import line_amount, money
from opsloop.reconcile.terms import payment_sentence

_RELEASE_WHEN: dict[ExceptionType, str] = {
    ExceptionType.NOT_RECEIVED: "the goods receipt is posted",
    ExceptionType.QUANTITY_VARIANCE: "the rest of the goods is received",
    ExceptionType.MISSING_PO: "the PO is created or its number corrected",
    ExceptionType.UNKNOWN_VENDOR: "the vendor is chosen or created in the ERP",
    ExceptionType.IBAN_CHANGED: "the new bank details are confirmed with the vendor",
    ExceptionType.PO_CLOSED: "the buyer names an open PO for the invoice",
    ExceptionType.PO_FULLY_BILLED: "the buyer confirms the invoice is not billed already",
    ExceptionType.PO_AMBIGUOUS: "the vendor or the buyer names the PO the invoice bills",
    ExceptionType.TAX_MISMATCH: "the vendor sends an invoice with the PO's VAT",
    ExceptionType.INSTRUCTION_TEXT: "a person has checked the invoice with the vendor through a known contact",
    ExceptionType.BUYER_NOT_OURS: "the vendor sends an invoice addressed to us (our name and our VAT id)",
    ExceptionType.INVOICE_CONTENT_MISSING: "the vendor sends a corrected invoice that prints what the law requires",
    ExceptionType.INVOICE_ALREADY_CREDITED: "the vendor says which invoice this credit note corrects",
}

CONFIDENCE_FIELDS: tuple[str, ...] = (
    "vendor.name",
    "vendor.vat_id",
    "vendor.iban",
    "invoice_number",
    "invoice_date",
    "po_numbers",
    "currency",
    "subtotal",
    "tax_total",
    "total",
    "lines",
    "document_type",
)
"""Fields whose reading confidence goes into the proposal's working (the autonomy policy reads them)."""


def subject_key(rec: Reconciliation) -> str:
    if rec.document_id is not None:
        return f"invoice:{rec.document_id}"
    return f"invoice:{rec.vendor.erp_id or 'unknown'}:{rec.invoice_number or 'unnumbered'}"


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def invoice_lines_payload(invoice: InvoiceExtraction, rec: Reconciliation) -> list[dict[str, Any]]:
    """The invoice's own lines as extracted, for write-back: description, sku, quantity, unit, unit
    price, amount (quantity x unit price when none was printed), tax rate (percent), and `po_line`
    ({po_number, line_no, po_line_id}) when the reconciler matched the line to a PO line (a credit
    note's line: the PO line it gives units back to), else None. Decimals as exact text."""
    matched: dict[int, tuple[str | None, int | None, int]] = {
        m.position: (m.po_number, m.po_line_no, m.po_line_id) for m in rec.lines if m.po_line_id is not None
    }
    factors = {m.position: m.unit_factor for m in rec.lines if m.po_line_id is not None and m.unit_factor}
    for c in rec.credited_lines:
        matched.setdefault(c.position, (c.po_number, c.po_line_no, c.po_line_id))
    lines: list[dict[str, Any]] = []
    for position, line in enumerate(invoice.lines, start=1):
        found = matched.get(position)
        lines.append(
            {
                "position": position,
                "description": line.description,
                "sku": line.sku,
                "quantity": _text(line.quantity),
                "unit": line.unit,
                "unit_price": _text(line.unit_price),
                "amount": _text(line_amount(line)),
                "tax_rate": _text(line.tax_rate),
                "po_line": None
                if found is None
                else {
                    "po_number": found[0],
                    "line_no": found[1],
                    "po_line_id": found[2],
                    # invoice units per PO unit when billed in another unit (pieces of a box of 12)
                    **({"unit_factor": _text(factors[position])} if position in factors else {}),
                },
            }
        )
    return lines


def _payment_payload(rec: Reconciliation) -> dict[str, Any]:
    """When to pay (`payment_date`: never before the agreed date; `due_date`: the invoice's own) and
    the early-payment discount offered (shown to the payer; `amount` above is what is posted)."""
    schedule = rec.payment
    if schedule is None:
        return {}
    found = schedule.discount
    return {
        "payment_date": schedule.payment_date.isoformat() if schedule.payment_date else None,
        "due_date": schedule.invoice_due_date.isoformat() if schedule.invoice_due_date else None,
        **(
            {
                "early_payment_discount": {
                    "percent": _text(found.percent),
                    "amount": _text(found.amount),
                    "last_day": found.last_day.isoformat() if found.last_day else None,
                }
            }
            if found is not None
            else {}
        ),
    }


def payable(rec: Reconciliation) -> bool:
    """Whether the document may ever be proposed for payment: an invoice, with no negative amount."""
    if rec.document_type != "invoice":
        return False
    return not any(v is not None and v < 0 for v in (rec.total, rec.net_amount))


def _matched(rec: Reconciliation, label: str, within: bool) -> str:
    """The approval's opening sentence: how the invoice matches its POs, or, for an advance-payment
    invoice (a deposit: nothing of it is matched against the PO), what the deposit is."""
    named = label[:1].upper() + label[1:]
    pos = ", ".join(rec.po_numbers) or "—"
    advance = next((c for c in rec.checks if c.name == ADVANCE_CHECK and c.passed is False), None)
    if advance is not None:
        return f"{named} is a deposit on PO {pos}, not a bill for goods. {advance.sentence}"
    return f"{named} matches PO {pos}" + (" within the tolerance policy." if within else " exactly.")


def propose_invoice_action(rec: Reconciliation, invoice: InvoiceExtraction | None = None) -> ProposalDraft:
    """Approve when matched (within tolerance); request a credit note when the only problem is that
    the vendor billed more than agreed; otherwise hold, saying why and what releases it.

    With `invoice` (the extraction `rec` was made from) an approval's payload carries the invoice's
    own lines (`invoice_lines_payload`) and its net and tax amounts, which write-back puts in the ERP;
    without it the payload has no `lines` and connectors fall back to the PO's lines."""
    types = rec.exception_types()
    label = f"{rec.document_type.replace('_', ' ')} {rec.invoice_number or '(no number)'}"
    vendor = rec.vendor.name or "an unknown vendor"
    amount_text = f"{money(rec.total)} {rec.currency or ''}".strip()
    working: dict[str, Any] = {
        "inputs": {
            "invoice_number": rec.invoice_number,
            "vendor": rec.vendor.erp_id,
            "po_numbers": rec.po_numbers,
            "total": str(rec.total) if rec.total is not None else None,
            "currency": rec.currency,
        },
        "numbers": {
            "policy_version": rec.policy_version,
            "status": rec.status.value,
            "document_type": rec.document_type,
            "po_resolution": rec.po_resolution,
        },
        "checks": [{"name": c.name, "passed": c.passed, "detail": c.sentence} for c in rec.checks],
        "exceptions": [e.model_dump(mode="json") for e in rec.exceptions],
        "warnings": [w.model_dump(mode="json") for w in rec.warnings],
        "lines": [m.model_dump(mode="json", exclude_none=True) for m in rec.lines],
        **({"payment": rec.payment.model_dump(mode="json")} if rec.payment is not None else {}),
        "evidence": (
            [{"label": "duplicate of document", "ids": rec.duplicate_of}] if rec.duplicate_of else []
        )
        + (
            [{"label": "possible duplicate of document", "ids": rec.possible_duplicate_of}]
            if rec.possible_duplicate_of
            else []
        ),
    }
    if invoice is not None:
        working["fields"] = {
            name: round(invoice.fields[name].confidence, 4)
            for name in CONFIDENCE_FIELDS
            if name in invoice.fields
        }
        working["inputs"]["extraction_method"] = invoice.extraction_method
    common = {
        "subject_key": subject_key(rec),
        "working": working,
        "amount": rec.total,
        "currency": rec.currency,
        "document_id": rec.document_id,
    }
    if rec.status is not ReconciliationStatus.EXCEPTION:
        within = rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE
        said = " ".join(w.sentence for w in rec.warnings)
        return ProposalDraft(
            kind=ProposalKind.INVOICE_APPROVE,
            title=f"Approve {label} from {vendor} ({amount_text})",
            summary=(
                _matched(rec, label, within)
                + (
                    f" It corrects {len(rec.credit_note_for)} earlier invoice(s)."
                    if rec.credit_note_for
                    else ""
                )
                + "".join(f" {w.sentence}" for w in rec.warnings)
                + (
                    f" {payment_sentence(rec.payment, rec.currency, said)}".rstrip()
                    if rec.payment is not None
                    else ""
                )
            ),
            payload={
                "action": "approve_payment" if payable(rec) else "book_credit_note",
                "invoice_number": rec.invoice_number,
                "vendor_erp_id": rec.vendor.erp_id,
                "po_numbers": rec.po_numbers,
                "amount": str(rec.total) if rec.total is not None else None,
                "currency": rec.currency,
                "credit_note_for": rec.credit_note_for,
                **(_payment_payload(rec) if payable(rec) else {}),
                **(
                    {
                        "invoice_date": rec.invoice_date.isoformat() if rec.invoice_date else None,
                        "net_amount": _text(rec.net_amount),
                        "tax_amount": _text(invoice.tax_total),
                        "lines": invoice_lines_payload(invoice, rec),
                    }
                    if invoice is not None
                    else {}
                ),
            },
            confidence=0.8 if within else 0.95,
            urgency=0.4,
            **common,
        )
    overcharge = sum(
        (e.amount for e in rec.exceptions if e.type in OVERBILLING and e.amount is not None and e.amount > 0),
        Decimal(0),
    )
    if types <= OVERBILLING and rec.vendor.vendor_id is not None and payable(rec) and overcharge > 0:
        return ProposalDraft(
            kind=ProposalKind.INVOICE_REQUEST_CREDIT_NOTE,
            title=f"Request a credit note of {money(overcharge)} {rec.currency or ''} from {vendor} for {label}".strip(),
            summary=" ".join(e.sentence for e in rec.exceptions[:3]),
            payload={
                "action": "request_credit_note",
                "invoice_number": rec.invoice_number,
                "vendor_erp_id": rec.vendor.erp_id,
                "credit_amount": str(overcharge),
                "currency": rec.currency,
                "reasons": sorted(t.value for t in types),
            },
            confidence=0.85,
            urgency=0.5,
            **common,
        )
    reasons = sorted(t.value for t in types)
    release = [_RELEASE_WHEN[t] for t in types if t in _RELEASE_WHEN]
    high = bool(types & HIGH_RISK)
    return ProposalDraft(
        kind=ProposalKind.INVOICE_HOLD,
        title=f"Hold {label} from {vendor} ({amount_text}): {', '.join(r.replace('_', ' ') for r in reasons)}",
        summary=" ".join(e.sentence for e in rec.exceptions[:3]),
        payload={
            "action": "hold",
            "invoice_number": rec.invoice_number,
            "vendor_erp_id": rec.vendor.erp_id,
            "reasons": reasons,
            "release_when": release,
        },
        confidence=0.9,
        urgency=0.9 if high else 0.6,
        **common,
    )
