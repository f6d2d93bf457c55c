"""From a reviewer's corrections to vendor memory.

Called by the review workspace after each edit (`learn_from_edit`) and after an edit is undone
(`unlearn_edit`). Each correction of an invoice teaches, for the vendor the invoice is from:

- a header field (number, dates, amounts, VAT id, IBAN, PO number): where the corrected value stands
  in this layout, relative to the label beside or above it, and how it is printed; VAT ids and IBANs
  are also remembered as the vendor's identifiers;
- the vendor (picked from the ERP) or its printed name: an alias, tied to how the engine had read it;
- the currency: a constant of the vendor, tied to how the engine had read it;
- a line's SKU or its link to a PO line: the vendor's item code (or description) and our SKU;
- a line's unit: the vendor's unit and ours;
- and the corrected document itself, as an example for the LLM chain and for recognising the layout.

A newer correction of the same field in the same layout supersedes the older placement. Learning
never changes the invoice at hand; it changes what the next one of the vendor reads.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentKind, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.memory.layout import (
    Found,
    document_rows,
    has_words,
    layout_fingerprint,
    locate,
    norm,
    placements,
)
from opsloop.memory.store import active_entries, record_event, retire
from opsloop.memory.values import FIELD_KINDS, matcher, print_form
from opsloop.reconcile.normalise import normalise_name
from opsloop.store.tables import Correction, Document, Invoice, InvoiceReconciliation, MemoryEntry, Proposal

LEARNED_LINE_PARTS = ("sku", "po_line", "unit")


def vendor_key_of(erp_id: str | None, name: str | None) -> str | None:
    """The ERP id when the vendor is known, else `name:<normalised name>`; None without either."""
    if erp_id:
        return erp_id
    normal = normalise_name(name or "")
    return f"name:{normal}" if normal else None


def _parsed(document: Document | None) -> ParsedDocument | None:
    if document is None or not document.parsed:
        return None
    parsed = ParsedDocument.model_validate(document.parsed)
    return parsed if parsed.kind is DocumentKind.PDF else None


def _vendor(
    session: Session, proposal: Proposal, corrected: InvoiceExtraction
) -> tuple[str | None, str | None]:
    """(vendor key, name) of the invoice as it stands after the edit."""
    assert proposal.document_id is not None
    row = session.exec(
        select(InvoiceReconciliation).where(
            InvoiceReconciliation.document_id == proposal.document_id, col(InvoiceReconciliation.current)
        )
    ).first()
    resolved = (row.result or {}).get("vendor") if row is not None else None
    erp_id = resolved.get("erp_id") if isinstance(resolved, dict) else None
    name = resolved.get("name") if isinstance(resolved, dict) else None
    return vendor_key_of(erp_id, corrected.vendor.name), name or corrected.vendor.name


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _typed(kind: str, value: Any) -> Any:
    if kind == "date":
        return _as_date(value)
    if kind == "money":
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    return value


def _best(hits: list[Found], before: Any) -> list[Found]:
    """Located values, the ones the engine did not already read first (a total printed twice: both
    are fine; a number that is also the delivery-note number: the one beside its own label)."""
    return sorted(hits, key=lambda f: (str(before or "") in f.text, f.page))


def _position_entries(
    parsed: ParsedDocument, correction: Correction, field: str, value: Any
) -> list[dict[str, Any]]:
    kind = FIELD_KINDS[field]
    typed = _typed(kind, value)
    if typed in (None, ""):
        return []
    rows = document_rows(parsed)
    pages = len(parsed.pages)
    out: list[dict[str, Any]] = []
    for hit in _best(locate(parsed, matcher(kind, typed), rows), correction.before)[:3]:
        found_placements = placements(hit, rows, pages)
        if not found_placements:
            continue
        form = print_form(kind, typed, hit.text)
        out.append(
            {
                "key": " ".join(found_placements[0].anchor),
                "value": {
                    "kind": kind,
                    "form": form,
                    "placements": [p.as_json() for p in found_placements],
                    "printed": hit.text,
                    "corrected": value,
                    "read": correction.before,
                },
            }
        )
        break
    return out


def _entries_for(
    parsed: ParsedDocument | None, correction: Correction, corrected: InvoiceExtraction
) -> list[tuple[str, str, str, Any]]:
    """(kind, field, key, value) entries one correction teaches."""
    field, before, after = correction.field, correction.before, correction.after
    out: list[tuple[str, str, str, Any]] = []
    if field == "po_numbers":
        values = [v for v in after or [] if v not in (before or [])]
        for value in values[:1]:
            if parsed is not None and has_words(parsed):
                for entry in _position_entries(parsed, correction, field, value):
                    out.append(("position", field, entry["key"], entry["value"]))
        return out
    if field in FIELD_KINDS:
        if parsed is not None and has_words(parsed):
            for entry in _position_entries(parsed, correction, field, after):
                out.append(("position", field, entry["key"], entry["value"]))
        if field in ("vendor.vat_id", "vendor.iban") and after:
            out.append(("identifier", field, str(after), {"value": after, "read": before}))
        return out
    if field == "vendor" and isinstance(after, dict):
        printed = before.get("name") if isinstance(before, dict) else None
        out.append(
            (
                "alias",
                "vendor.name",
                norm(printed or ""),
                {"name": after.get("name"), "erp_id": after.get("erp_id"), "read": printed},
            )
        )
        return out
    if field in ("vendor.name", "buyer.name") and after:
        out.append(("alias", field, norm(str(before or "")), {"name": after, "read": before}))
        return out
    if field == "currency" and after:
        out.append(("constant", field, str(before or ""), {"value": after, "read": before}))
        return out
    parts = field.split(".")
    if len(parts) == 3 and parts[0] == "lines" and parts[2] in LEARNED_LINE_PARTS:
        line = (correction.context or {}).get("line") or {}
        code = line.get("sku") if isinstance(line, dict) else None
        description = line.get("description") if isinstance(line, dict) else None
        key = f"sku:{norm(str(code))}" if code else f"description:{norm(str(description or ''))}"
        if key.endswith(":"):
            return out
        if parts[2] == "unit":
            printed_unit = norm(str(before or ""))
            if printed_unit and after:
                out.append(("unit", "lines.unit", printed_unit, {"unit": after, "read": before}))
        elif parts[2] == "sku" and after:
            out.append(("item", "lines.sku", key, {"sku": after, "code": code, "description": description}))
        elif parts[2] == "po_line" and isinstance(after, dict) and after.get("sku"):
            out.append(
                (
                    "item",
                    "lines.sku",
                    key,
                    {
                        "sku": after.get("sku"),
                        "code": code,
                        "description": description,
                        "po_number": after.get("po_number"),
                        "po_line": after.get("line_no"),
                    },
                )
            )
    return out


def learn_from_edit(session: Session, proposal: Proposal, decision_id: int, actor: str) -> int:
    """Learn from the corrections edit `decision_id` made on `proposal`'s invoice; returns how many
    memory entries it added (0: nothing learnable, e.g. a one-off line quantity)."""
    if proposal.document_id is None:
        return 0
    corrections = list(session.exec(select(Correction).where(Correction.decision_id == decision_id)).all())
    if not corrections:
        return 0
    document = session.get(Document, proposal.document_id)
    parsed = _parsed(document)
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None:
        return 0
    corrected = InvoiceExtraction.model_validate(invoice.extraction)
    vendor_key, vendor_name = _vendor(session, proposal, corrected)
    layout = layout_fingerprint(parsed) if parsed is not None else None
    for correction in corrections:
        correction.layout = layout
        correction.vendor_key = vendor_key
        session.add(correction)
    if vendor_key is None or corrected.extraction_method.startswith("einvoice"):
        session.flush()
        return 0
    taught = [(c, entry) for c in corrections for entry in _entries_for(parsed, c, corrected)]
    made = session.exec(
        select(Correction)
        .where(Correction.document_id == proposal.document_id, col(Correction.reverted).is_(False))
        .order_by(col(Correction.id))
    ).all()
    example = [
        {"field": c.field, "before": c.before, "after": c.after}
        for c in made
        if not c.field.startswith("lines.") or c.field.count(".") == 2
    ]
    detail = {
        "corrections": [c.id for c in corrections],
        "proposal": proposal.id,
        "document": proposal.document_id,
    }
    version = record_event(session, vendor_key, "learned", actor, detail)
    superseded: list[MemoryEntry] = []
    earlier = active_entries(session, vendor_key)
    for correction, (kind, field, key, value) in taught:
        if kind == "position":
            superseded += [e for e in earlier if e.kind == kind and e.field == field and e.layout == layout]
        elif kind == "identifier":
            superseded += [e for e in earlier if e.kind == kind and e.field == field]
        else:
            superseded += [e for e in earlier if e.kind == kind and e.field == field and e.key == key[:512]]
        session.add(
            MemoryEntry(
                vendor_key=vendor_key,
                vendor_name=vendor_name,
                layout=layout,
                kind=kind,
                field=field,
                key=key[:512],
                value=value,
                correction_id=correction.id,
                document_id=proposal.document_id,
                proposal_id=proposal.id,
                actor=actor,
                version=version,
            )
        )
    if parsed is not None and example:
        superseded += [e for e in earlier if e.kind == "example" and e.document_id == proposal.document_id]
        session.add(
            MemoryEntry(
                vendor_key=vendor_key,
                vendor_name=vendor_name,
                layout=layout,
                kind="example",
                field="*",
                key=corrected.invoice_number or "",
                value={"corrections": example},
                correction_id=corrections[0].id,
                document_id=proposal.document_id,
                proposal_id=proposal.id,
                actor=actor,
                version=version,
            )
        )
    if superseded:
        retire(session, list({id(e): e for e in superseded}.values()), version, f"superseded by {actor}")
    session.flush()
    return len(taught) + (1 if parsed is not None and example else 0)


def unlearn_edit(session: Session, decision_id: int, actor: str) -> int:
    """An undone edit teaches nothing: retire what its corrections taught (a new version)."""
    ids = [c.id for c in session.exec(select(Correction).where(Correction.decision_id == decision_id)).all()]
    if not ids:
        return 0
    entries = list(
        session.exec(
            select(MemoryEntry).where(
                col(MemoryEntry.correction_id).in_(ids), col(MemoryEntry.retired_at).is_(None)
            )
        ).all()
    )
    by_vendor: dict[str, list[MemoryEntry]] = {}
    for entry in entries:
        by_vendor.setdefault(entry.vendor_key, []).append(entry)
    for vendor_key, retired in by_vendor.items():
        version = record_event(
            session, vendor_key, "undone", actor, {"edit": decision_id, "entries": [e.id for e in retired]}
        )
        retire(session, retired, version, actor)
    return len(entries)
