"""What the review workspace shows for one proposal: the document (pages with an evidence box per
field and line, or a readable e-invoice), every field editable with its confidence, the checks, why
it is with a person, the decisions it offers named by what they do, and what the ERP was told.

Read-only views over the stores: the web page's templates draw them (`proposal.html`, `_panel.html`)
and `opsloop review` prints the same fields in the terminal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from opsloop.reconcile import load_policy
from opsloop.review.assistant import next_pending, why_here
from opsloop.review.decisions import (
    Choice,
    DecisionAction,
    choices,
    confirmation_summary,
    decisions_of,
    is_invoice,
    outbox_status,
    state_label,
)
from opsloop.review.previews import PreviewUnavailable, page_sizes, turned_pages
from opsloop.review.recurring import RecurringHint, recurring_hint
from opsloop.settings import Settings
from opsloop.store.tables import (
    Document,
    Invoice,
    InvoiceReconciliation,
    Proposal,
    PurchaseOrder,
    PurchaseOrderLine,
    ReviewDecision,
    Vendor,
)

HEADER = [
    ("vendor", "Vendor (ERP)", "vendor.name", "vendor"),
    ("invoice_number", "Invoice number", "invoice_number", "text"),
    ("invoice_date", "Invoice date", "invoice_date", "date"),
    ("due_date", "Due date", "due_date", "date"),
    ("po_numbers", "PO numbers", "po_numbers", "text"),
    ("currency", "Currency", "currency", "text"),
    ("subtotal", "Net", "subtotal", "money"),
    ("tax_total", "Tax", "tax_total", "money"),
    ("total", "Total", "total", "money"),
    ("amount_due", "Amount due", "amount_due", "money"),
    ("vendor.vat_id", "Vendor VAT id", "vendor.vat_id", "text"),
    ("vendor.iban", "Vendor IBAN", "vendor.iban", "text"),
]
"""(form field, label, evidence key, input kind) of the invoice header, in reading order."""

LINE_COLUMNS = [
    ("description", "Description", "text"),
    ("sku", "SKU", "text"),
    ("quantity", "Qty", "money"),
    ("unit", "Unit", "text"),
    ("unit_price", "Unit price", "money"),
    ("amount", "Amount", "money"),
    ("tax_rate", "Tax %", "money"),
]
MAX_VENDOR_OPTIONS = 500
LOW_CONFIDENCE = 0.8


class Box(BaseModel):
    id: str
    label: str
    page: int
    left: float
    top: float
    width: float
    height: float


class PageView(BaseModel):
    number: int
    url: str
    width: float
    height: float
    boxes: list[Box] = Field(default_factory=list)


class DocumentView(BaseModel):
    id: int
    name: str
    kind: str | None
    pages: list[PageView] = Field(default_factory=list)
    xml_url: str | None = None
    einvoice: dict[str, Any] | None = None
    """The extraction, drawn as a readable invoice (an e-invoice has no pages)."""
    note: str | None = None


class FieldRow(BaseModel):
    name: str
    label: str
    value: str
    kind: str
    confidence: float | None = None
    source: str | None = None
    page: int | None = None
    box: str | None = None
    reason: str | None = None
    corrected: bool = False

    @property
    def low(self) -> bool:
        return self.confidence is not None and self.confidence < LOW_CONFIDENCE


class LineRow(BaseModel):
    position: int
    cells: list[FieldRow]
    po_line: str
    """`PO/line` it is matched to ("" when none)."""
    matched: bool | None
    """Within tolerance (True), outside it (False), no PO line (None)."""
    box: str | None = None
    confidence: float | None = None


class CheckRow(BaseModel):
    mark: str
    style: str
    name: str
    detail: str
    source: str


class ChoiceView(BaseModel):
    choice: Choice
    summary: list[str]
    """What the decision does; non-empty when it asks for a confirmation."""
    shortcut: str | None = None
    remember: bool = False
    """The decision can also remember the invoice as a recurring charge (an invoice without a PO)."""


class Workspace(BaseModel):
    proposal_id: int
    state_label: str
    invoice: bool
    fields: list[FieldRow] = Field(default_factory=list)
    lines: list[LineRow] = Field(default_factory=list)
    payload_fields: list[FieldRow] = Field(default_factory=list)
    vendor_options: list[tuple[str, str]] = Field(default_factory=list)
    po_options: list[str] = Field(default_factory=list)
    po_line_options: list[tuple[str, str]] = Field(default_factory=list)
    checks: list[CheckRow] = Field(default_factory=list)
    why_here: list[str] = Field(default_factory=list)
    choices: list[ChoiceView] = Field(default_factory=list)
    outbox: list[dict[str, Any]] = Field(default_factory=list)
    history: list[dict[str, Any]] = Field(default_factory=list)
    document: DocumentView | None = None
    compare: DocumentView | None = None
    duplicates: list[int] = Field(default_factory=list)
    next_id: int | None = None
    confirm_above: Decimal | None = None
    vendor_name: str | None = None
    """The ERP vendor the reconciliation identified."""
    recurring_hint: RecurringHint | None = None
    """Why remembering this invoice as a recurring charge is offered (earlier periods people approved)."""


_MARKS = {True: ("✓", "pass"), False: ("✗", "fail"), None: ("?", "unknown")}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _get(extraction: dict[str, Any], dotted: str) -> Any:
    value: Any = extraction
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _box_id(name: str) -> str:
    return "box-" + name.replace(".", "-").replace("[", "-").replace("]", "")


def _evidence_box(evidence: Any, name: str, label: str, sizes: list[tuple[float, float]]) -> Box | None:
    """The box an evidence entry points at, as percentages of its page (None without one)."""
    if not isinstance(evidence, dict):
        return None
    bbox, page = evidence.get("bbox"), evidence.get("page")
    if not (isinstance(bbox, list) and len(bbox) == 4 and isinstance(page, int) and 1 <= page <= len(sizes)):
        return None
    width, height = sizes[page - 1]
    if width <= 0 or height <= 0:
        return None
    x0, y0, x1, y1 = (float(v) for v in bbox)
    pad = 2.0  # points around the words, so the box does not cut through the glyphs
    left, top = max(0.0, x0 - pad), max(0.0, y0 - pad)
    right, bottom = min(width, x1 + pad), min(height, y1 + pad)
    if right <= left or bottom <= top:
        return None
    return Box(
        id=_box_id(name),
        label=label,
        page=page,
        left=round(left / width * 100, 3),
        top=round(top / height * 100, 3),
        width=round((right - left) / width * 100, 3),
        height=round((bottom - top) / height * 100, 3),
    )


def _line_evidence(fields: dict[str, Any], position: int) -> Any:
    """A line's own evidence (`lines.<n>` 1-based, or `lines[<n-1>]`), if the reader gave one."""
    return fields.get(f"lines.{position}") or fields.get(f"lines[{position - 1}]")


def build_workspace(
    session: Session, settings: Settings, proposal: Proposal, *, compare: int | None = None
) -> Workspace:
    assert proposal.id is not None
    view = Workspace(
        proposal_id=proposal.id,
        state_label=state_label(proposal),
        invoice=is_invoice(proposal),
        why_here=why_here(session, proposal),
        confirm_above=settings.review.confirm_above,
    )
    working: dict[str, Any] = proposal.working or {}
    for check in working.get("checks") or []:
        if isinstance(check, dict):
            mark, style = _MARKS.get(check.get("passed"), _MARKS[None])
            view.checks.append(
                CheckRow(
                    mark=mark,
                    style=style,
                    name=str(check.get("name") or "").replace("_", " "),
                    detail=str(check.get("detail") or ""),
                    source="reconciliation",
                )
            )
    view.choices = _choices(session, settings, proposal)
    if any(c.remember for c in view.choices):
        view.recurring_hint = recurring_hint(session, proposal, load_policy(session))
    view.outbox = [
        {
            "kind": item.action_kind.replace("_", " "),
            "state": item.state,
            "key": item.idempotency_key,
            "external_id": item.external_id,
            "error": item.last_error,
            "connector": item.connector,
        }
        for item in outbox_status(session, proposal)
    ]
    view.history = [_history_row(d) for d in decisions_of(session, proposal.id)]
    following = next_pending(session, after=proposal)
    view.next_id = following.id if following is not None else None
    if not view.invoice:
        view.payload_fields = [
            FieldRow(name=k, label=payload_label(k), value=_text(v), kind="text")
            for k, v in (proposal.payload or {}).items()
            if k not in ("action",) and not isinstance(v, (list, dict))
        ]
        return view
    if proposal.document_id is None:
        return view
    document = session.get(Document, proposal.document_id)
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if document is None or invoice is None:
        return view
    extraction: dict[str, Any] = invoice.extraction or {}
    sizes = _sizes(settings, document)
    view.document = _document_view(document, extraction, sizes)
    sizes = _box_frames(document, sizes)
    rec_row = session.exec(
        select(InvoiceReconciliation).where(
            InvoiceReconciliation.invoice_id == invoice.id, col(InvoiceReconciliation.current)
        )
    ).first()
    result: dict[str, Any] = rec_row.result if rec_row is not None else {}
    view.fields = _header_rows(extraction, result, sizes, view.document)
    view.vendor_name = (result.get("vendor") or {}).get("name")
    view.lines = _line_rows(extraction, result, sizes, view.document)
    for check in extraction.get("checks") or []:
        if isinstance(check, dict):
            mark, style = _MARKS.get(check.get("passed"), _MARKS[None])
            view.checks.append(
                CheckRow(
                    mark=mark,
                    style=style,
                    name=str(check.get("name") or "").replace("_", " "),
                    detail=str(check.get("detail") or ""),
                    source="document",
                )
            )
    view.checks.sort(key=lambda c: {"fail": 0, "unknown": 1, "pass": 2}.get(c.style, 3))
    view.vendor_options = [
        (v.erp_id, v.name)
        for v in session.exec(
            select(Vendor)
            .where(col(Vendor.active).is_(True))
            .order_by(col(Vendor.name))
            .limit(MAX_VENDOR_OPTIONS)
        )
    ]
    vendor_id = (result.get("vendor") or {}).get("vendor_id")
    if vendor_id is not None:
        view.po_options = [
            po.number
            for po in session.exec(
                select(PurchaseOrder)
                .where(
                    PurchaseOrder.vendor_id == vendor_id,
                    col(PurchaseOrder.status).not_in(("closed", "cancelled")),
                )
                .order_by(col(PurchaseOrder.number))
                .limit(200)
            )
        ]
    numbers = list(dict.fromkeys([*(result.get("po_numbers") or []), *(extraction.get("po_numbers") or [])]))
    if numbers:
        for po, line in session.exec(
            select(PurchaseOrder, PurchaseOrderLine)
            .join(PurchaseOrderLine, col(PurchaseOrderLine.purchase_order_id) == col(PurchaseOrder.id))
            .where(col(PurchaseOrder.number).in_(numbers))
            .order_by(col(PurchaseOrder.number), col(PurchaseOrderLine.line_no))
        ):
            label = " ".join(x for x in (line.sku, line.description) if x)
            view.po_line_options.append(
                (
                    f"{po.number}/{line.line_no}",
                    f"{po.number}/{line.line_no} {label} ({line.quantity} × {line.unit_price})",
                )
            )
    view.duplicates = [int(i) for i in result.get("duplicate_of") or [] if isinstance(i, int)]
    for exception in result.get("exceptions") or []:
        other = (
            exception.get("duplicate_of") or exception.get("other_document_id")
            if isinstance(exception, dict)
            else None
        )
        if isinstance(other, int) and other not in view.duplicates:
            view.duplicates.append(other)
    if compare is not None and compare in view.duplicates:
        other_doc = session.get(Document, compare)
        other_invoice = session.exec(select(Invoice).where(Invoice.document_id == compare)).first()
        if other_doc is not None:
            view.compare = _document_view(
                other_doc,
                (other_invoice.extraction if other_invoice else {}) or {},
                _sizes(settings, other_doc),
            )
    return view


def _sizes(settings: Settings, document: Document) -> list[tuple[float, float]]:
    if document.kind != "pdf":
        return []
    try:
        return page_sizes(settings, document)
    except PreviewUnavailable:
        return []


def _box_frames(document: Document, sizes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Page sizes for the evidence boxes; a turned page gets (0, 0), so no box is drawn on it."""
    turned = turned_pages(document)
    return [(0.0, 0.0) if n in turned else size for n, size in enumerate(sizes, start=1)]


def _document_view(
    document: Document, extraction: dict[str, Any], sizes: list[tuple[float, float]]
) -> DocumentView:
    assert document.id is not None
    parsed = document.parsed or {}
    has_xml = document.kind == "einvoice" or bool(parsed.get("embedded"))
    view = DocumentView(
        id=document.id,
        name=document.original_name,
        kind=document.kind,
        xml_url=f"/documents/{document.id}/xml" if has_xml else None,
    )
    if document.kind == "pdf":
        view.pages = [
            PageView(number=n, url=f"/documents/{document.id}/pages/{n}.png", width=w, height=h)
            for n, (w, h) in enumerate(sizes, start=1)
        ]
        if not view.pages:
            view.note = "The pages cannot be shown (the archived file is missing or unreadable)."
    else:
        view.einvoice = extraction
    return view


# words of a payload key a reviewer reads as an abbreviation
_ABBREVIATIONS = {
    "sku": "SKU",
    "erp": "ERP",
    "po": "PO",
    "moq": "MOQ",
    "vat": "VAT",
    "iban": "IBAN",
    "sla": "SLA",
}


def payload_label(key: str) -> str:
    """A payload key as a field label: `vendor_erp_id` -> "Vendor ERP id", `sku` -> "SKU"."""
    words = [_ABBREVIATIONS.get(w.lower(), w) for w in key.split("_") if w]
    if not words:
        return key
    first = words[0]
    words[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


def _header_rows(
    extraction: dict[str, Any],
    result: dict[str, Any],
    sizes: list[tuple[float, float]],
    document: DocumentView,
) -> list[FieldRow]:
    fields: dict[str, Any] = extraction.get("fields") or {}
    rows: list[FieldRow] = []
    for name, label, key, kind in HEADER:
        found = fields.get(key)
        evidence: dict[str, Any] = found if isinstance(found, dict) else {}
        if name == "vendor":
            vendor = result.get("vendor") or {}
            value = str(vendor.get("erp_id") or "")
        else:
            value = _text(_get(extraction, key))
        box = _evidence_box(evidence, name, label, sizes)
        if box is not None:
            _add_box(document, box)
        reason = str(evidence.get("reason") or "") or None
        rows.append(
            FieldRow(
                name=name,
                label=label,
                value=value,
                kind=kind,
                confidence=evidence.get("confidence"),
                source=" ".join(str(evidence.get("text") or "").split())[:160] or None,
                page=evidence.get("page"),
                box=box.id if box is not None else None,
                reason=reason,
                corrected=bool(
                    reason and (reason.startswith("corrected by") or reason.startswith("entered by"))
                ),
            )
        )
    return rows


def _line_rows(
    extraction: dict[str, Any],
    result: dict[str, Any],
    sizes: list[tuple[float, float]],
    document: DocumentView,
) -> list[LineRow]:
    fields: dict[str, Any] = extraction.get("fields") or {}
    found = fields.get("lines")
    table: dict[str, Any] = found if isinstance(found, dict) else {}
    matches = {m.get("position"): m for m in result.get("lines") or [] if isinstance(m, dict)}
    rows: list[LineRow] = []
    for position, line in enumerate(extraction.get("lines") or [], start=1):
        if not isinstance(line, dict):
            continue
        evidence = _line_evidence(fields, position)
        box = _evidence_box(evidence, f"line-{position}", f"line {position}", sizes)
        if box is not None:
            _add_box(document, box)
        match = matches.get(position) or {}
        po_line = (
            f"{match['po_number']}/{match['po_line_no']}"
            if match.get("po_number") and match.get("po_line_no")
            else ""
        )
        confidence = (evidence or {}).get("confidence") if isinstance(evidence, dict) else None
        rows.append(
            LineRow(
                position=position,
                cells=[
                    FieldRow(
                        name=f"lines.{position}.{key}",
                        label=f"Line {position} {label.lower()}",
                        value=_text(line.get(key)),
                        kind=kind,
                    )
                    for key, label, kind in LINE_COLUMNS
                ],
                po_line=po_line,
                matched=match.get("within_tolerance") if po_line else None,
                box=box.id if box is not None else None,
                confidence=confidence if confidence is not None else table.get("confidence"),
            )
        )
    return rows


def _add_box(document: DocumentView, box: Box) -> None:
    for page in document.pages:
        if page.number == box.page:
            page.boxes.append(box)


def _choices(session: Session, settings: Settings, proposal: Proposal) -> list[ChoiceView]:
    views: list[ChoiceView] = []
    offered = choices(session, proposal)
    rememberable = _rememberable(proposal)
    for choice in offered:
        summary = confirmation_summary(
            session, proposal, choice.action, confirm_above=settings.review.confirm_above
        )
        held = (proposal.payload or {}).get("action") == "hold"
        shortcut = None
        if choice.action is DecisionAction.HOLD or (choice.primary and held):
            shortcut = "h"
        elif choice.primary:
            shortcut = "a"
        remember = rememberable and (
            choice.action is DecisionAction.RELEASE
            or (
                choice.action is DecisionAction.APPROVE
                and (proposal.payload or {}).get("action") == "approve_payment"
            )
        )
        views.append(ChoiceView(choice=choice, summary=summary, shortcut=shortcut, remember=remember))
    return views


def _rememberable(proposal: Proposal) -> bool:
    """An invoice without a PO, of a vendor the ERP knows, not already billed under a recurring charge: its
    approval (or release) can remember it as one."""
    payload = proposal.payload or {}
    numbers = (proposal.working or {}).get("numbers") or {}
    return (
        is_invoice(proposal)
        and proposal.document_id is not None
        and bool(payload.get("vendor_erp_id"))
        and numbers.get("po_resolution") == "none"
        and numbers.get("document_type", "invoice") == "invoice"
        and not payload.get("recurring_covered")
    )


def _history_row(decision: ReviewDecision) -> dict[str, Any]:
    changes = [
        (k, _text(v.get("from")) or "—", _text(v.get("to")) or "—")
        for k, v in (decision.changes or {}).items()
        if not k.startswith("_") and isinstance(v, dict)
    ]
    return {
        "at": decision.at,
        "actor": decision.actor,
        "action": decision.action,
        "reason": decision.reason,
        "changes": changes,
    }


def _same(kind: str, before: str, after: str) -> bool:
    if before.strip() == after.strip():
        return True
    if kind == "money":
        try:
            return Decimal(before.strip()) == Decimal(after.strip().replace(",", "."))
        except ArithmeticError:
            return False
    return False


def form_changes(
    session: Session, settings: Settings, proposal: Proposal, values: list[tuple[str, str]]
) -> dict[str, str]:
    """The fields a page form changed, as `DecisionRequest.changes` (a field sent unchanged is no
    change; `lines.N.remove` ticked removes line N; a filled `lines.new.*` adds a line)."""
    view = build_workspace(session, settings, proposal)
    current: dict[str, tuple[str, str]] = {f.name: (f.kind, f.value) for f in view.fields}
    for line in view.lines:
        current.update({c.name: (c.kind, c.value) for c in line.cells})
        current[f"lines.{line.position}.po_line"] = ("text", line.po_line)
    payload = {f"payload.{f.name}": (f.kind, f.value) for f in view.payload_fields}
    changes: dict[str, str] = {}
    removed: set[str] = set()
    for key, value in values:
        if key.startswith("lines.") and key.endswith(".remove") and value:
            removed.add(key.removesuffix(".remove"))
        elif key.startswith("lines.new.") and value.strip():
            changes[key] = value.strip()
        elif key == "totals" and value == "from_lines":
            changes["totals"] = "from_lines"
        elif key in current and not _same(current[key][0], current[key][1], value):
            changes[key] = value.strip()
        elif key in payload and not _same("money", payload[key][1], value):
            changes[key.removeprefix("payload.")] = value.strip()
    for prefix in removed:
        changes = {k: v for k, v in changes.items() if not k.startswith(prefix + ".")}
        changes[prefix] = "remove"
    return changes
