"""The offline review assistant: a small command grammar with deterministic answers.

The same conversation runs in the web UI and in `opsloop review`. It presents a proposal with its
evidence and understands: `why?`, `approve`, `reject: <reason>`, `set <field> to <value>`,
`comment: <text>`, `show PO <number>`, `what else is pending from this vendor?`, `next`, `help`.
A decision is only made by an explicit command; anything that merely sounds like one ("ok", "looks
good") gets a question back, never a decision.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from opsloop.errors import OpsloopError
from opsloop.review.accounts import Actor
from opsloop.review.decisions import (
    DECIDABLE_STATES,
    DecisionAction,
    DecisionOutcome,
    DecisionRequest,
    decide,
    get_proposal,
)
from opsloop.store.tables import (
    GoodsReceipt,
    Invoice,
    Proposal,
    PurchaseOrder,
    PurchaseOrderLine,
    Vendor,
)

HELP = [
    "why? — the evidence: checks, variances, the working and the document text behind each field",
    "approve  (or `approve: <note>`) — approve it; the action goes to the ERP",
    "reject: <reason> — reject it, saying why",
    "set <field> to <value> — change the proposed action, e.g. `set quantity to 40`",
    "comment: <text> — add a note without deciding",
    "show PO <number> — the purchase order, its lines and receipts",
    "what else is pending from this vendor? — other open proposals for the same vendor",
    "next — the next proposal in the queue",
]

_SOUNDS_LIKE_YES = re.compile(
    r"^(ok(ay)?|yes|yep|lgtm|looks (good|fine|ok)|fine|go ahead|sure|approved?!*)\W*$", re.I
)
_SOUNDS_LIKE_NO = re.compile(r"^(no|nope|decline|deny|refuse)\b", re.I)


class Reply(BaseModel):
    """What the assistant says back: lines of text, and what happened."""

    lines: list[str] = Field(default_factory=list)
    kind: str = "info"
    """info | decision | error | navigate | question"""
    outcome: DecisionOutcome | None = None
    next_proposal_id: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Command(BaseModel):
    name: str
    """help | why | approve | reject | edit | comment | reverse | show_po | vendor_pending | next | unknown | ..."""
    argument: str | None = None
    field: str | None = None


def parse_command(text: str) -> Command:
    """Map what the reviewer typed to one command of the grammar (deterministic, case-insensitive)."""
    said = " ".join(text.strip().split())
    lower = said.lower().rstrip(".!")
    if lower in {"help", "?", "commands", "what can i say", "what can i say?"}:
        return Command(name="help")
    if re.fullmatch(r"(why\??|explain|show (me )?(the )?(evidence|working)|evidence|details?)", lower):
        return Command(name="why")
    if lower in {"next", "next one", "skip", "next proposal"}:
        return Command(name="next")
    if re.fullmatch(r"(show|summary|what is (this|it)\??|present)", lower):
        return Command(name="present")
    m = re.fullmatch(r"approve(?:\s*[:,-]\s*|\s+because\s+|\s+)?(.*)", said, re.I)
    if m and lower.startswith("approve") and not lower.startswith("approved"):
        return Command(name="approve", argument=m.group(1).strip() or None)
    m = re.fullmatch(r"(reject|reverse)(?:\s*[:,-]\s*|\s+because\s+|\s+)?(.*)", said, re.I)
    if m:
        return Command(name=m.group(1).lower(), argument=m.group(2).strip() or None)
    m = re.fullmatch(r"(?:set|change)\s+([a-z_ ]+?)\s+(?:to|=)\s+(\S+)", said, re.I)
    if m:
        return Command(name="edit", field=m.group(1).strip().lower().replace(" ", "_"), argument=m.group(2))
    m = re.fullmatch(r"(?:comment|note)\s*[:,-]?\s*(.*)", said, re.I)
    if m:
        return Command(name="comment", argument=m.group(1).strip() or None)
    m = re.fullmatch(
        r"(?:show|open|look up)\s+(?:the\s+)?(?:po|purchase order)\s*#?\s*([A-Za-z0-9/_-]+)", said, re.I
    )
    if m:
        return Command(name="show_po", argument=m.group(1))
    if re.search(r"\b(else|other|pending|open)\b.*\b(vendor|supplier|them)\b", lower):
        return Command(name="vendor_pending")
    if _SOUNDS_LIKE_YES.match(lower):
        return Command(name="sounds_like_approve")
    if _SOUNDS_LIKE_NO.match(lower):
        return Command(name="sounds_like_reject")
    return Command(name="unknown", argument=said)


def respond(
    session: Session, proposal_id: int, actor: Actor, text: str, *, seen_version: int | None = None
) -> Reply:
    """Answer one message about proposal `proposal_id`; decisions go through `decide`. Errors become
    a reply (kind `error`) that says what to do next: the caller commits after any other reply and
    rolls back after an error one."""
    command = parse_command(text)
    try:
        return _answer(session, proposal_id, actor, command, seen_version)
    except OpsloopError as error:
        lines = [error.message]
        if error.hint:
            lines.append(error.hint)
        return Reply(lines=lines, kind="error")


def _answer(session: Session, pid: int, actor: Actor, command: Command, seen: int | None) -> Reply:
    proposal = get_proposal(session, pid)
    name = command.name
    if name == "help":
        return Reply(lines=["You can say:", *HELP])
    if name == "present":
        return Reply(lines=present(session, proposal))
    if name == "why":
        return Reply(lines=explain(session, proposal))
    if name == "next":
        following = next_pending(session, after=proposal)
        if following is None:
            return Reply(lines=["Nothing else is waiting. The queue is clear."])
        return Reply(
            lines=[f"Next: #{following.id} {following.title}"], kind="navigate", next_proposal_id=following.id
        )
    if name == "show_po":
        return Reply(lines=show_po(session, command.argument or ""))
    if name == "vendor_pending":
        return Reply(lines=vendor_pending(session, proposal))
    if name == "sounds_like_approve":
        return Reply(
            lines=["Do you want to approve it? Nothing is decided until you type `approve`."], kind="question"
        )
    if name == "sounds_like_reject":
        return Reply(
            lines=["Do you want to reject it? Type `reject: <reason>` to confirm, with the reason."],
            kind="question",
        )
    if name == "unknown":
        return Reply(
            lines=[f"I did not understand {command.argument!r}.", "Type `help` for what I understand."]
        )
    action = {
        "approve": DecisionAction.APPROVE,
        "reject": DecisionAction.REJECT,
        "reverse": DecisionAction.REVERSE,
        "comment": DecisionAction.COMMENT,
        "edit": DecisionAction.EDIT,
    }[name]
    changes = (
        {command.field: command.argument or ""} if action is DecisionAction.EDIT and command.field else {}
    )
    request = DecisionRequest(
        action=action,
        reason=None if action is DecisionAction.EDIT else command.argument,
        changes=changes,
        expected_version=seen,
    )
    outcome = decide(session, pid, actor, request)
    lines = [outcome.message]
    if action is DecisionAction.EDIT:
        lines.append("It is now `edited`: someone other than you approves it.")
    return Reply(lines=lines, kind="decision", outcome=outcome)


def _money(value: Decimal | None, currency: str | None) -> str:
    return "—" if value is None else f"{value:,.2f} {currency or ''}".strip()


def present(session: Session, proposal: Proposal) -> list[str]:
    """The opening message: what is proposed, for how much, and the headline checks."""
    lines = [
        f"#{proposal.id} {proposal.title}",
        proposal.summary,
        f"Kind {proposal.kind}, state {proposal.state}, amount {_money(proposal.amount, proposal.currency)}, "
        f"priority {proposal.priority:,.0f}, due {proposal.sla_due_at:%Y-%m-%d %H:%M} UTC"
        if proposal.sla_due_at
        else f"Kind {proposal.kind}, state {proposal.state}",
    ]
    checks = proposal.working.get("checks") or []
    failed = [c for c in checks if isinstance(c, dict) and c.get("passed") is False]
    if checks:
        lines.append(f"{len(checks) - len(failed)} of {len(checks)} checks passed.")
    for check in failed[:5]:
        lines.append(f"✗ {check.get('detail') or check.get('name')}")
    if proposal.state in DECIDABLE_STATES:
        lines.append("Say `why?` for the evidence, `approve`, `reject: <reason>`, or `help`.")
    return lines


def explain(session: Session, proposal: Proposal) -> list[str]:
    """The evidence: checks with their sentences, exceptions, variances, formula and numbers, and
    for invoices the document text behind each extracted field."""
    working: dict[str, Any] = proposal.working
    lines = [f"Why #{proposal.id}: {proposal.summary}"]
    for check in working.get("checks") or []:
        mark = {True: "✓", False: "✗"}.get(check.get("passed"), "?")
        lines.append(f"{mark} {check.get('name')}: {check.get('detail')}")
    for exception in working.get("exceptions") or []:
        if isinstance(exception, dict):
            lines.append(f"! {exception.get('sentence') or exception.get('type')}")
    for line in working.get("lines") or []:
        if isinstance(line, dict) and line.get("within_tolerance") is False:
            lines.append(
                f"Line {line.get('position')} {line.get('description') or line.get('sku')}: invoiced "
                f"{line.get('invoiced_qty')} x {line.get('invoiced_unit_price')}, PO {line.get('ordered_qty')} x "
                f"{line.get('po_unit_price')}, received {line.get('received_qty')}"
            )
    if working.get("formula"):
        lines.append(f"Formula: {working['formula']}")
    numbers = working.get("numbers") or {}
    if numbers:
        lines.append("Numbers: " + ", ".join(f"{k} = {v}" for k, v in numbers.items() if v is not None))
    for key in ("expected_effect", "sensitivity"):
        if working.get(key):
            lines.append(f"{key.replace('_', ' ').capitalize()}: {working[key]}")
    lines.extend(field_evidence(session, proposal))
    for item in working.get("evidence") or []:
        if isinstance(item, dict):
            lines.append(f"Evidence {item.get('label')}: {item.get('text')}")
    return lines


def field_evidence(session: Session, proposal: Proposal) -> list[str]:
    """For an invoice proposal: each extracted field with its page and the source text it came from."""
    if proposal.document_id is None:
        return []
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None:
        return []
    fields = invoice.extraction.get("fields") or {}
    lines = [f"Read from the document ({invoice.extraction_method}):"]
    for name, evidence in fields.items():
        if not isinstance(evidence, dict):
            continue
        where = f"p.{evidence['page']}" if evidence.get("page") else ""
        if evidence.get("text"):
            lines.append(f"  {name} {where}: “{str(evidence['text'])[:160]}”")
        elif evidence.get("reason"):
            lines.append(f"  {name}: not found ({evidence['reason']})")
    return lines if len(lines) > 1 else []


def show_po(session: Session, number: str) -> list[str]:
    po = session.exec(select(PurchaseOrder).where(PurchaseOrder.number == number)).first()
    if po is None:
        return [f"There is no purchase order {number} in the ERP mirror."]
    vendor = session.get(Vendor, po.vendor_id)
    lines = [
        f"PO {po.number} ({po.status}) from {vendor.name if vendor else po.vendor_id}, ordered {po.order_date or '—'}"
    ]
    for line in session.exec(
        select(PurchaseOrderLine)
        .where(PurchaseOrderLine.purchase_order_id == po.id)
        .order_by(col(PurchaseOrderLine.line_no))
    ):
        lines.append(
            f"  {line.line_no}. {line.sku or ''} {line.description or ''}: {line.quantity} {line.unit or ''}"
            f" x {line.unit_price} {po.currency or ''}".replace("  ", " ")
        )
    receipts = session.exec(select(GoodsReceipt).where(GoodsReceipt.purchase_order_id == po.id)).all()
    lines.append(
        "Receipts: " + (", ".join(f"{r.number} on {r.received_date}" for r in receipts) or "none yet")
    )
    return lines


def vendor_pending(session: Session, proposal: Proposal) -> list[str]:
    vendor = proposal.payload.get("vendor_erp_id")
    if not vendor:
        return ["This proposal is not about a vendor."]
    others = [
        p
        for p in session.exec(
            select(Proposal)
            .where(col(Proposal.state).in_(DECIDABLE_STATES), Proposal.id != proposal.id)
            .order_by(col(Proposal.priority).desc())
        )
        if p.payload.get("vendor_erp_id") == vendor
    ]
    if not others:
        return [f"Nothing else is pending from vendor {vendor}."]
    return [f"{len(others)} more pending from vendor {vendor}:"] + [
        f"  #{p.id} {p.title} ({p.state})" for p in others[:10]
    ]


def next_pending(session: Session, after: Proposal | None = None) -> Proposal | None:
    """The open proposal with the highest priority (earliest SLA first among equals), skipping `after`."""
    query = select(Proposal).where(col(Proposal.state).in_(DECIDABLE_STATES))
    if after is not None:
        query = query.where(Proposal.id != after.id)
    return session.exec(
        query.order_by(col(Proposal.priority).desc(), col(Proposal.sla_due_at)).limit(1)
    ).first()
