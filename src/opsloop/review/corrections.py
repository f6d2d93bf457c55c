"""Correcting an invoice in review: every field editable, every edit re-checked at once.

A reviewer corrects the invoice as it was read (header fields, the vendor picked from the ERP mirror,
the PO numbers, lines added, removed, changed or linked to a PO line). The corrected extraction runs
through the same checks, reconciliation and proposal as a new document would (the reconciler's
public functions), so the title, the amount, the checks and the queue row show the corrected
invoice, and the amount on the page is the amount the approval posts. Each changed value is stored
as a `Correction` (field, before, after, who, when, the document, and how it had been read) for the
learning that comes later; an edit can be undone until someone decides.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from opsloop.domain.erp import Reconciliation, ReconciliationStatus
from opsloop.domain.invoices import FieldEvidence, InvoiceExtraction, InvoiceLineExtraction
from opsloop.domain.proposals import ProposalDraft, ProposalState
from opsloop.extract.checks import run_checks
from opsloop.memory import learn_from_edit, unlearn_edit
from opsloop.reconcile import (
    load_mirror,
    load_policy,
    pair_credit_notes,
    propose_invoice_action,
    queue_invoice_proposal,
    reconcile_invoice,
    record_reconciliation,
    settle_credit_requests,
)
from opsloop.reconcile.history import stored_document_text
from opsloop.reconcile.normalise import normalise_code
from opsloop.review.amounts import CENT, parse_amount
from opsloop.review.decisions import (
    DecisionOutcome,
    DecisionRequest,
    compare_and_set,
    open_state,
    record_decision,
)
from opsloop.review.errors import InvalidDecision
from opsloop.review.replay import proposal_snapshot
from opsloop.store.invoices import save_invoice
from opsloop.store.tables import (
    Correction,
    Document,
    Invoice,
    InvoiceReconciliation,
    Proposal,
    PurchaseOrder,
    PurchaseOrderLine,
    ReviewDecision,
    Vendor,
)

HEADER_FIELDS: dict[str, str] = {
    "invoice_number": "text",
    "invoice_date": "date",
    "due_date": "date",
    "currency": "currency",
    "subtotal": "money",
    "tax_total": "money",
    "total": "money",
    "amount_due": "money",
    "vendor.name": "text",
    "vendor.vat_id": "code",
    "vendor.iban": "code",
    "vendor.address": "text",
    "buyer.name": "text",
    "po_numbers": "list",
    "vendor": "vendor",
}
"""Invoice fields a reviewer can correct, with the kind of value each takes."""

LINE_FIELDS: dict[str, str] = {
    "description": "text",
    "sku": "text",
    "quantity": "number",
    "unit": "text",
    "unit_price": "money",
    "amount": "money",
    "tax_rate": "number",
    "po_line": "po_line",
}

ALIASES = {
    "amount": "total",
    "gross": "total",
    "total_amount": "total",
    "net": "subtotal",
    "net_amount": "subtotal",
    "tax": "tax_total",
    "tax_amount": "tax_total",
    "vat": "tax_total",
    "date": "invoice_date",
    "number": "invoice_number",
    "due": "due_date",
    "po": "po_numbers",
    "po_number": "po_numbers",
    "pos": "po_numbers",
    "iban": "vendor.iban",
    "vat_id": "vendor.vat_id",
    "vendor_name": "vendor.name",
    "vendor_erp_id": "vendor",
    "supplier": "vendor",
    "price": "unit_price",
    "qty": "quantity",
}
"""What reviewers call a field -> its name in the extraction (`set amount to 1400` is the total)."""

_LINE_KEY = re.compile(r"lines?\s*[.\[#]?\s*(\d+|new|\+)\]?(?:\s*[. ]\s*([a-z_ ]+))?")


class FieldChange(BaseModel):
    field: str
    before: Any = None
    after: Any = None
    context: dict[str, Any] = {}


def editable_fields() -> list[str]:
    return [*HEADER_FIELDS, *(f"lines.N.{name}" for name in LINE_FIELDS), "lines.N (remove)", "lines.new.*"]


def canonical_field(name: str) -> str:
    """A reviewer's field name as the extraction names it (`amount` -> `total`, `line 2 qty` ->
    `lines.2.quantity`, `lines[2].po_line`); unknown names come back as they are."""
    key = " ".join(name.strip().lower().split())
    match = _LINE_KEY.fullmatch(key)
    if match:
        index = "new" if match.group(1) == "+" else match.group(1)
        part = (match.group(2) or "").strip().replace(" ", "_")
        return f"lines.{index}" + (f".{ALIASES.get(part, part)}" if part else "")
    key = key.replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, key)


# ------------------------------------------------------------------ applying changes


def _value(field: str, kind: str, raw: str) -> Any:
    text = raw.strip()
    if kind == "money":
        return None if text == "" else parse_amount(field, text, negative=True)
    if kind == "number":
        return None if text == "" else parse_amount(field, text)
    if kind == "date":
        return None if text == "" else _date(field, text)
    if kind == "currency":
        code = text.upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise InvalidDecision(f"{field} must be an ISO 4217 code such as EUR, not {raw!r}")
        return code
    if kind == "code":
        return normalise_code(text) or None
    if kind == "list":
        return [part.strip() for part in re.split(r"[,;\s]+", text) if part.strip()]
    return text or None


def _date(field: str, text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise InvalidDecision(f"{field} must be a date such as 2026-11-02 or 02.11.2026, not {text!r}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _evidence(extraction: InvoiceExtraction, field: str) -> dict[str, Any]:
    found = extraction.fields.get(field)
    return {} if found is None else found.model_dump(mode="json", exclude_none=True)


def apply_changes(
    session: Session, extraction: InvoiceExtraction, changes: dict[str, str], actor: str
) -> tuple[InvoiceExtraction, list[FieldChange], list[str]]:
    """`extraction` with `changes` applied (validated; nothing is applied when one is refused), the
    changes as made, and warnings. Line numbers are 1-based positions before this edit: edits apply
    first, then removals, then a new line (`lines.new.*`). `totals` = `from_lines` recomputes the
    subtotal, tax and total from the lines."""
    if not changes:
        raise InvalidDecision("an edit needs at least one field, e.g. `set total to 1432.62`")
    corrected = extraction.model_copy(deep=True)
    made: list[FieldChange] = []
    warnings: list[str] = []
    line_edits: dict[int, dict[str, str]] = {}
    removals: set[int] = set()
    new_line: dict[str, str] = {}
    recompute = False
    for raw_field, raw in changes.items():
        field = canonical_field(raw_field)
        if field == "totals":
            if raw.strip().lower() not in ("from_lines", "lines", "from lines"):
                raise InvalidDecision(
                    "`totals` takes `from_lines` (the subtotal, tax and total from the lines)"
                )
            recompute = True
        elif field.startswith("lines."):
            parts = field.split(".")
            if parts[1] == "new":
                if len(parts) < 3:
                    raise InvalidDecision("a new line needs its fields, e.g. lines.new.description")
                new_line[parts[2]] = raw
                continue
            position = int(parts[1])
            if not 1 <= position <= len(corrected.lines):
                raise InvalidDecision(f"the invoice has no line {position} (it has {len(corrected.lines)})")
            if len(parts) == 2:
                if raw.strip().lower() not in ("remove", "delete", ""):
                    raise InvalidDecision(f"line {position} takes `remove`, or one of its fields")
                removals.add(position)
            else:
                line_edits.setdefault(position, {})[parts[2]] = raw
        elif field in HEADER_FIELDS:
            _apply_header(session, corrected, field, raw, actor, made, warnings)
        else:
            raise InvalidDecision(
                f"the invoice has no field {raw_field!r}; editable: {', '.join(editable_fields())}"
            )
    for position, fields in sorted(line_edits.items()):
        _apply_line(session, corrected, position, fields, made)
    for position in sorted(removals, reverse=True):
        line = corrected.lines.pop(position - 1)
        made.append(FieldChange(field=f"lines.{position}", before=_jsonable(line), after=None))
    if new_line:
        line = InvoiceLineExtraction()
        _set_line_fields(session, corrected, line, len(corrected.lines) + 1, new_line, [])
        if not (line.description or line.sku) or line.amount is None:
            raise InvalidDecision(
                "a new line needs a description (or SKU) and a quantity and price (or amount)"
            )
        corrected.lines.append(line)
        made.append(FieldChange(field=f"lines.{len(corrected.lines)}", before=None, after=_jsonable(line)))
    if recompute:
        _recompute_totals(corrected, made)
    if not made:
        raise InvalidDecision("that is what the invoice says already")
    corrected.checks = run_checks(corrected)
    for change in made:
        name = change.field if change.field in corrected.fields else None
        if name is not None:
            corrected.fields[name] = corrected.fields[name].model_copy(
                update={"confidence": 1.0, "reason": f"corrected by {actor} (was {_text(change.before)})"}
            )
        elif not change.field.startswith("lines.") and change.field != "vendor":
            corrected.fields[change.field] = FieldEvidence(
                confidence=1.0, reason=f"entered by {actor} (was {_text(change.before)})"
            )
    return corrected, made, warnings


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "empty"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _apply_header(
    session: Session,
    extraction: InvoiceExtraction,
    field: str,
    raw: str,
    actor: str,
    made: list[FieldChange],
    warnings: list[str],
) -> None:
    kind = HEADER_FIELDS[field]
    if kind == "vendor":
        vendor = _pick_vendor(session, raw)
        before = {"name": extraction.vendor.name, "vat_id": extraction.vendor.vat_id}
        if extraction.vendor.name == vendor.name:
            return
        extraction.vendor.name = vendor.name
        invoice_vat, known_vat = normalise_code(extraction.vendor.vat_id), normalise_code(vendor.vat_id)
        if invoice_vat and known_vat and invoice_vat != known_vat:
            warnings.append(
                f"The invoice's VAT id {invoice_vat} is not {vendor.name}'s ({known_vat}): correct it too if it "
                "was misread, or the invoice stays with another legal entity."
            )
        made.append(
            FieldChange(
                field="vendor",
                before=before,
                after={"erp_id": vendor.erp_id, "name": vendor.name},
                context={"evidence": _evidence(extraction, "vendor.name")},
            )
        )
        return
    value = _value(field, kind, raw)
    holder: Any = extraction
    name = field
    if "." in field:
        head, name = field.split(".", 1)
        holder = getattr(extraction, head)
    before = getattr(holder, name)
    if _jsonable(before) == _jsonable(value):
        return
    setattr(holder, name, value)
    made.append(
        FieldChange(
            field=field,
            before=_jsonable(before),
            after=_jsonable(value),
            context={"evidence": _evidence(extraction, field)},
        )
    )


def _pick_vendor(session: Session, raw: str) -> Vendor:
    text = raw.strip()
    vendor = session.exec(select(Vendor).where(Vendor.erp_id == text)).first()
    if vendor is None:
        vendor = session.exec(select(Vendor).where(col(Vendor.name).ilike(text))).first()
    if vendor is None or not vendor.active:
        raise InvalidDecision(f"there is no active vendor {text!r} in the ERP mirror; pick one from the list")
    return vendor


def _apply_line(
    session: Session,
    extraction: InvoiceExtraction,
    position: int,
    fields: dict[str, str],
    made: list[FieldChange],
) -> None:
    line = extraction.lines[position - 1]
    _set_line_fields(session, extraction, line, position, fields, made)


def _set_line_fields(
    session: Session,
    extraction: InvoiceExtraction,
    line: InvoiceLineExtraction,
    position: int,
    fields: dict[str, str],
    made: list[FieldChange],
) -> None:
    before_line = _jsonable(line)
    for part, raw in fields.items():
        part = ALIASES.get(part, part) if part != "amount" else "amount"
        if part not in LINE_FIELDS:
            raise InvalidDecision(f"a line has no field {part!r}; it has {', '.join(LINE_FIELDS)}")
        if part == "po_line":
            _link_po_line(session, extraction, line, position, raw, made, before_line)
            continue
        value = _value(f"line {position} {part}", LINE_FIELDS[part], raw)
        before = getattr(line, part)
        if _jsonable(before) == _jsonable(value):
            continue
        setattr(line, part, value)
        made.append(
            FieldChange(
                field=f"lines.{position}.{part}",
                before=_jsonable(before),
                after=_jsonable(value),
                context={"line": before_line},
            )
        )
    changed = {c.field.rsplit(".", 1)[-1] for c in made if c.field.startswith(f"lines.{position}.")}
    derive = changed & {"quantity", "unit_price"} and "amount" not in fields
    if derive and line.quantity is not None and line.unit_price is not None:
        amount = (line.quantity * line.unit_price).quantize(CENT, rounding=ROUND_HALF_UP)
        if amount != line.amount:
            made.append(
                FieldChange(
                    field=f"lines.{position}.amount",
                    before=_jsonable(line.amount),
                    after=_jsonable(amount),
                    context={"line": before_line, "derived": "quantity x unit price"},
                )
            )
            line.amount = amount
    if line.amount is None and line.quantity is not None and line.unit_price is not None:
        line.amount = (line.quantity * line.unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


def _link_po_line(
    session: Session,
    extraction: InvoiceExtraction,
    line: InvoiceLineExtraction,
    position: int,
    raw: str,
    made: list[FieldChange],
    before_line: dict[str, Any],
) -> None:
    """Link an invoice line to a PO line (`4500001201/3`, `4500001201 line 3`): the line takes the PO
    line's SKU (else its description), which is how the reconciler matches lines, and the PO joins the
    invoice's PO numbers."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_-]+)\s*(?:/|#|line|pos\.?|position|-)\s*(\d+)\s*", raw, re.I)
    if match is None:
        raise InvalidDecision(
            f"link line {position} to a PO line as `PO/line`, e.g. 4500001201/3, not {raw!r}"
        )
    number, line_no = match.group(1), int(match.group(2))
    po = session.exec(select(PurchaseOrder).where(PurchaseOrder.number == number)).first()
    po_line = (
        None
        if po is None
        else session.exec(
            select(PurchaseOrderLine).where(
                PurchaseOrderLine.purchase_order_id == po.id, PurchaseOrderLine.line_no == line_no
            )
        ).first()
    )
    if po is None or po_line is None:
        raise InvalidDecision(f"there is no line {line_no} on PO {number} in the ERP mirror")
    if not (po_line.sku or po_line.description):
        raise InvalidDecision(f"line {line_no} of PO {number} has no SKU or description to match on")
    before = {"sku": line.sku, "description": line.description}
    if po_line.sku:
        line.sku = po_line.sku
    else:
        line.description = po_line.description
    if number not in extraction.po_numbers:
        extraction.po_numbers = [*extraction.po_numbers, number]
    made.append(
        FieldChange(
            field=f"lines.{position}.po_line",
            before=before,
            after={"po_number": number, "line_no": line_no, "sku": po_line.sku},
            context={"line": before_line, "po_line_description": po_line.description},
        )
    )


def _recompute_totals(extraction: InvoiceExtraction, made: list[FieldChange]) -> None:
    """Subtotal = the lines; tax = per rate, the rate times the lines at that rate, to the cent;
    total = subtotal + tax; the amount due follows the total when it was the total."""
    if not extraction.lines or any(line.amount is None for line in extraction.lines):
        raise InvalidDecision("every line needs an amount before the totals can come from the lines")
    if any(line.tax_rate is None for line in extraction.lines):
        raise InvalidDecision("every line needs a tax rate before the tax can come from the lines")
    bases: dict[Decimal, Decimal] = {}
    for line in extraction.lines:
        assert line.amount is not None and line.tax_rate is not None
        bases[line.tax_rate] = bases.get(line.tax_rate, Decimal(0)) + line.amount
    subtotal = sum(bases.values(), Decimal(0)).quantize(CENT)
    tax = sum(
        ((base * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP) for rate, base in bases.items()),
        Decimal(0),
    )
    total = subtotal + tax
    due_follows = extraction.amount_due is None or extraction.amount_due == extraction.total
    for field, value in (("subtotal", subtotal), ("tax_total", tax), ("total", total)) + (
        (("amount_due", total),) if due_follows else ()
    ):
        before = getattr(extraction, field)
        if before != value:
            setattr(extraction, field, value)
            made.append(
                FieldChange(
                    field=field,
                    before=_jsonable(before),
                    after=_jsonable(value),
                    context={"derived": "from the lines", "evidence": _evidence(extraction, field)},
                )
            )


# ------------------------------------------------------------------ re-checking


def invoice_of(session: Session, proposal: Proposal) -> Invoice:
    if proposal.document_id is None:
        raise InvalidDecision("this proposal has no document to correct")
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None:
        raise InvalidDecision("no invoice was read from this proposal's document")
    return invoice


def current_reconciliation(session: Session, invoice: Invoice) -> InvoiceReconciliation | None:
    return session.exec(
        select(InvoiceReconciliation).where(
            InvoiceReconciliation.invoice_id == invoice.id, col(InvoiceReconciliation.current)
        )
    ).first()


def recheck_invoice(
    session: Session, proposal: Proposal, invoice: Invoice, extraction: InvoiceExtraction, actor: str
) -> tuple[Proposal, Reconciliation]:
    """Store the corrected `extraction` and run it through reconciliation and the proposal, exactly as
    the pipeline's stages do for a new document; returns the queued proposal (normally `proposal`
    itself, recalculated) and the reconciliation."""
    assert invoice.id is not None and proposal.document_id is not None
    previous = current_reconciliation(session, invoice)
    save_invoice(session, proposal.document_id, extraction)
    rec = reconcile_invoice(
        extraction,
        load_mirror(session),
        load_policy(session),
        document_id=proposal.document_id,
        text_hash=previous.text_hash if previous is not None else None,
        document_text=stored_document_text(session, proposal.document_id),  # screened again, never skipped
    )
    record_reconciliation(session, invoice.id, rec)
    settle_credit_requests(session, rec, actor=actor)
    draft = pair_credit_notes(session, rec, propose_invoice_action(rec, extraction), extraction)
    queued = queue_invoice_proposal(
        session, draft.model_copy(update={"document_id": proposal.document_id}), actor=actor
    )
    return queued, rec


def payment_draft(session: Session, proposal: Proposal) -> ProposalDraft:
    """What releasing a held invoice pays: the proposal the reconciler makes for a clean match of the
    same reconciliation and extraction (the same payload shape as any approval for payment)."""
    invoice = invoice_of(session, proposal)
    row = current_reconciliation(session, invoice)
    if row is None:
        raise InvalidDecision("the invoice has not been reconciled; it cannot be released")
    rec = Reconciliation.model_validate(row.result)
    extraction = InvoiceExtraction.model_validate(invoice.extraction)
    clean = rec.model_copy(update={"status": ReconciliationStatus.MATCHED, "exceptions": []})
    return propose_invoice_action(clean, extraction)


def edit_invoice(
    session: Session, proposal: Proposal, actor: str, request: DecisionRequest, expected: int
) -> DecisionOutcome:
    """Apply a reviewer's corrections to the invoice behind `proposal`, re-check it at once and record
    each change as a `Correction` (the edit can be undone until someone decides)."""
    invoice = invoice_of(session, proposal)
    before = InvoiceExtraction.model_validate(invoice.extraction)
    arrived = proposal_snapshot(proposal)  # the replay judges a policy on the proposal as it was
    corrected, made, warnings = apply_changes(session, before, request.changes, actor)
    vendor_before = current_reconciliation(session, invoice)
    compare_and_set(session, proposal, expected, {"state": ProposalState.EDITED.value})
    queued, rec = recheck_invoice(session, proposal, invoice, corrected, actor)
    picked = next((c.after for c in made if c.field == "vendor"), None)
    if isinstance(picked, dict) and rec.vendor.erp_id != picked.get("erp_id"):
        warnings.append(
            f"The reconciliation still identifies {rec.vendor.name or 'no vendor'}: the invoice's VAT id or IBAN "
            "points elsewhere; correct them if they were misread."
        )
    changes: dict[str, Any] = {c.field: {"from": c.before, "to": c.after} for c in made}
    changes["_restore"] = {"extraction": before.model_dump(mode="json"), "proposal": arrived}
    outcome = record_decision(
        session, proposal, actor, request, None, changes, None, outbox_key=None, warnings=warnings
    )
    document = session.get(Document, proposal.document_id) if proposal.document_id is not None else None
    vendor_row = vendor_before.result.get("vendor") if vendor_before is not None else None
    for change in made:
        session.add(
            Correction(
                actor=actor,
                proposal_id=proposal.id or 0,
                document_id=proposal.document_id,
                decision_id=outcome.decision_id,
                field=change.field,
                before=change.before,
                after=change.after,
                context={
                    **change.context,
                    "extraction_method": before.extraction_method,
                    "document_type": before.document_type.value,
                    "document_sha256": document.sha256 if document is not None else None,
                    "invoice_number": before.invoice_number,
                    "vendor_printed": before.vendor.model_dump(mode="json", exclude_none=True),
                    "vendor_resolved": (vendor_row or {}).get("erp_id")
                    if isinstance(vendor_row, dict)
                    else None,
                },
            )
        )
    session.flush()
    learn_from_edit(session, proposal, outcome.decision_id, actor)  # the vendor's next invoice reads it
    passed = sum(1 for c in rec.checks if c.passed is True)
    outcome.message = outcome.message.rstrip(".") + (
        f". Re-checked: {queued.title}; {passed} of {len(rec.checks)} reconciliation checks passed."
        + ("" if queued.id == proposal.id else f" It is now proposal #{queued.id}.")
    )
    outcome.version = proposal.version
    outcome.state = proposal.state
    return outcome


def undo_invoice_edit(
    session: Session,
    proposal: Proposal,
    actor: str,
    edit: ReviewDecision,
    request: DecisionRequest,
    reason: str | None,
) -> DecisionOutcome:
    """Put the invoice back as it was before `edit`, re-check it, and mark that edit's corrections
    reverted."""
    snapshot = ((edit.changes or {}).get("_restore") or {}).get("extraction")
    if not isinstance(snapshot, dict):
        raise InvalidDecision("that edit kept no copy of the invoice before it; edit the fields back instead")
    invoice = invoice_of(session, proposal)
    compare_and_set(
        session, proposal, proposal.version, {"state": open_state(session, proposal, without=edit.id)}
    )
    recheck_invoice(session, proposal, invoice, InvoiceExtraction.model_validate(snapshot), actor)
    for correction in session.exec(select(Correction).where(Correction.decision_id == edit.id)):
        correction.reverted = True
        session.add(correction)
    unlearn_edit(session, edit.id or 0, actor)
    changes = {"_undoes": edit.id, "undid": {"from": "edit", "to": None}}
    outcome = record_decision(session, proposal, actor, request, reason, changes, None, outbox_key=None)
    outcome.message = (
        f"Undid {edit.actor}'s edit of proposal {proposal.id}: the invoice is as it was and re-checked "
        f"({proposal.title})."
    )
    outcome.version = proposal.version
    return outcome
