"""The offline review assistant: a small command grammar with deterministic answers.

The same conversation runs in the web UI and in `opsloop review`. It presents a proposal with its
evidence and understands: `why?`, `approve`, `reject: <reason>`, `set <field> to <value>`,
`comment: <text>`, `assign to <name>`, `show PO <number>`, `what else is pending from this vendor?`,
`next`, `help`.
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
from opsloop.settings import Settings
from opsloop.store.tables import (
    GoodsReceipt,
    GoodsReceiptLine,
    Invoice,
    Proposal,
    PurchaseOrder,
    PurchaseOrderLine,
    ReviewDecision,
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
    "assign to <name>  (or `assign to me`, `unassign`) — give it to a reviewer",
    "next — the next proposal in the queue",
]

_SOUNDS_LIKE_YES = re.compile(
    r"^(ok(ay)?|yes|yep|lgtm|looks (good|fine|ok)|fine|go ahead|sure|approved?!*)\W*$", re.I
)
_SOUNDS_LIKE_NO = re.compile(r"^(no|nope|decline|deny|refuse)\b", re.I)


class Section(BaseModel):
    """A titled block of the working: paragraphs and/or a table (the web page draws a table, the
    terminal lines)."""

    title: str
    text: list[str] = Field(default_factory=list)
    columns: list[str] = Field(default_factory=list)
    """Table headings; empty for a name/value table."""
    rows: list[list[str]] = Field(default_factory=list)
    row_styles: list[str] = Field(default_factory=list)
    """Per row: pass | fail | unknown | "" (empty list: none)."""
    code: bool = False
    """The text is a formula: shown in a fixed-width font."""
    code_column: int | None = None
    """This column holds document text (shown verbatim, fixed width)."""
    link_column: int | None = None
    """This column holds `#<id>` of a proposal (the web page links it)."""


class Reply(BaseModel):
    """What the assistant says back: lines of text, tables of working, and what happened."""

    lines: list[str] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    kind: str = "info"
    """info | decision | error | navigate | question"""
    outcome: DecisionOutcome | None = None
    next_proposal_id: int | None = None
    suggested_command: str | None = None
    """A command the LLM assistant suggests; applied only when the reviewer sends it."""

    @property
    def text(self) -> str:
        """Everything said, as plain text: the lines, then the sections written out."""
        return "\n".join([*self.lines, *section_lines(self.sections)])


class Command(BaseModel):
    name: str
    """help | why | approve | reject | edit | comment | reverse | assign | show_po | vendor_pending | next |
    unknown | ..."""
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
    if re.fullmatch(r"unassign|assign (?:it |this )?to (?:nobody|no one|none)", lower):
        return Command(name="assign", argument=None)
    m = re.fullmatch(r"(?:re)?assign(?:\s+(?:it|this))?(?:\s+to)?\s+@?([A-Za-z0-9._-]+)", said, re.I)
    if m:
        return Command(name="assign", argument=m.group(1))
    if lower in {"take it", "i'll take it", "i will take it"}:
        return Command(name="assign", argument="me")
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
    session: Session,
    proposal_id: int,
    actor: Actor,
    text: str,
    *,
    seen_version: int | None = None,
    settings: Settings | None = None,
) -> Reply:
    """Answer one message about proposal `proposal_id`; decisions go through `decide`. Errors become
    a reply (kind `error`) that says what to do next: the caller commits after any other reply and
    rolls back after an error one. With `settings` whose LLM is configured, text the grammar does not
    understand goes to the LLM assistant, which only ever suggests a command to confirm."""
    command = parse_command(text)
    try:
        if command.name == "unknown" and settings is not None and settings.llm.configured:
            from opsloop.review.assistant_llm import ask_assistant

            suggested = ask_assistant(session, proposal_id, actor, text, settings)
            if suggested is not None:
                return suggested
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
        return Reply(lines=present(session, proposal), sections=opening_sections(session, proposal))
    if name == "why":
        return Reply(
            lines=[f"Why #{proposal.id}: {proposal.summary}"], sections=working_sections(session, proposal)
        )
    if name == "next":
        following = next_pending(session, after=proposal)
        if following is None:
            return Reply(lines=["Nothing else is waiting. The queue is clear."])
        return Reply(
            lines=[f"Next: #{following.id} {following.title}"], kind="navigate", next_proposal_id=following.id
        )
    if name == "show_po":
        return show_po(session, command.argument or "")
    if name == "vendor_pending":
        return vendor_pending(session, proposal)
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
        "assign": DecisionAction.ASSIGN,
    }[name]
    changes = (
        {command.field: command.argument or ""} if action is DecisionAction.EDIT and command.field else {}
    )
    assignee = None
    if action is DecisionAction.ASSIGN and command.argument is not None:
        assignee = actor.username if command.argument.lower() in {"me", "myself"} else command.argument
    request = DecisionRequest(
        action=action,
        reason=None if action in (DecisionAction.EDIT, DecisionAction.ASSIGN) else command.argument,
        changes=changes,
        assignee=assignee,
        expected_version=seen,
    )
    outcome = decide(session, pid, actor, request)
    lines = [outcome.message]
    if action is DecisionAction.EDIT:
        lines.append("It is now `edited`: someone other than you approves it.")
    return Reply(lines=lines, kind="decision", outcome=outcome)


def _money(value: Decimal | None, currency: str | None) -> str:
    return "—" if value is None else f"{value:,.2f} {currency or ''}".strip()


PLANNER_KINDS = frozenset({"reorder", "safety_stock", "stock_adjustment", "staffing", "escalation"})
_MARKS = {True: ("✓", "pass"), False: ("✗", "fail"), None: ("?", "unknown")}


def _label(name: str) -> str:
    return str(name).replace("_", " ").replace(".", " ")


def _value(value: Any) -> str:
    """A working value as a reviewer reads it: lists joined, None as a dash, floats as given."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)} {_value(v)}" for k, v in value.items())
    return str(value)


def _pairs(title: str, values: dict[str, Any]) -> list[Section]:
    """A name/value table; a value that is a list of records becomes a table of its own after it."""
    rows: list[list[str]] = []
    more: list[Section] = []
    for name, value in values.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            columns = list(dict.fromkeys(k for v in value for k in v))
            more.append(
                Section(
                    title=_label(name).capitalize(),
                    columns=[_label(c) for c in columns],
                    rows=[[_value(v.get(c)) for c in columns] for v in value],
                )
            )
        else:
            rows.append([_label(name), _value(value)])
    return ([Section(title=title, rows=rows)] if rows else []) + more


def _checks(working: dict[str, Any]) -> Section | None:
    checks = [c for c in working.get("checks") or [] if isinstance(c, dict)]
    if not checks:
        return None
    passed = sum(1 for c in checks if c.get("passed") is True)
    section = Section(title=f"Checks ({passed} of {len(checks)} passed)", columns=["", "check", "detail"])
    for check in checks:
        mark, style = _MARKS.get(check.get("passed"), _MARKS[None])
        section.rows.append([mark, _label(str(check.get("name"))), str(check.get("detail") or "")])
        section.row_styles.append(style)
    return section


def _variances(working: dict[str, Any]) -> Section | None:
    lines = [line for line in working.get("lines") or [] if isinstance(line, dict)]
    if not lines:
        return None
    section = Section(
        title="Lines against the PO and receipts",
        columns=["line", "item", "invoiced", "PO", "received", "price variance", ""],
    )
    for line in lines:
        variance = line.get("price_variance")
        pct = line.get("price_variance_pct")
        ok = line.get("within_tolerance")
        section.rows.append(
            [
                str(line.get("position") or ""),
                " ".join(str(x) for x in (line.get("sku"), line.get("description")) if x),
                f"{_value(line.get('invoiced_qty'))} × {_value(line.get('invoiced_unit_price'))}",
                f"{_value(line.get('ordered_qty'))} × {_value(line.get('po_unit_price'))}"
                + (f" (PO {line['po_number']})" if line.get("po_number") else ""),
                _value(line.get("received_qty")),
                "—" if variance is None else f"{variance}" + (f" ({pct}%)" if pct is not None else ""),
                _MARKS.get(ok, _MARKS[None])[0],
            ]
        )
        section.row_styles.append(_MARKS.get(ok, _MARKS[None])[1])
    return section


def _outlook(proposal: Proposal) -> list[Section]:
    """Expected effect, confidence and sensitivity: what the reviewer weighs first."""
    working: dict[str, Any] = proposal.working
    rows: list[list[str]] = []
    if working.get("expected_effect"):
        rows.append(["expected effect", str(working["expected_effect"])])
    if proposal.confidence is not None:
        rows.append(["confidence", f"{proposal.confidence:.0%}"])
    if working.get("sensitivity"):
        rows.append(["sensitivity", str(working["sensitivity"])])
    return [Section(title="Outlook", rows=rows)] if rows else []


def working_sections(session: Session, proposal: Proposal) -> list[Section]:
    """The whole working of a proposal, as the conversation shows it: outlook (expected effect,
    confidence, sensitivity), inputs, formula, numbers, checks, exceptions, variances per line,
    evidence, and for invoices the document text behind each extracted field (page + source span)."""
    working: dict[str, Any] = proposal.working
    sections = _outlook(proposal)
    if isinstance(working.get("inputs"), dict) and working["inputs"]:
        sections += _pairs("Inputs", working["inputs"])
    if working.get("formula"):
        sections.append(Section(title="Formula", text=[str(working["formula"])], code=True))
    if isinstance(working.get("numbers"), dict) and working["numbers"]:
        sections += _pairs("Numbers", working["numbers"])
    checks = _checks(working)
    if checks is not None:
        sections.append(checks)
    exceptions = [e for e in working.get("exceptions") or [] if isinstance(e, dict)]
    if exceptions:
        sections.append(
            Section(
                title="Exceptions",
                columns=["type", "severity", "what"],
                rows=[
                    [_label(str(e.get("type"))), str(e.get("severity") or ""), str(e.get("sentence") or "")]
                    for e in exceptions
                ],
            )
        )
    variances = _variances(working)
    if variances is not None:
        sections.append(variances)
    evidence = [e for e in working.get("evidence") or [] if isinstance(e, dict)]
    if evidence:
        sections.append(
            Section(
                title="Evidence",
                rows=[
                    [str(e.get("label") or ""), _value(e.get("text") or e.get("ids"))]
                    + ([f"p.{e['page']}"] if e.get("page") else [])
                    for e in evidence
                ],
            )
        )
    document = field_evidence_section(session, proposal)
    if document is not None:
        sections.append(document)
    return sections


def opening_sections(session: Session, proposal: Proposal) -> list[Section]:
    """What the opening message shows beside the headline: a planner proposal's outlook and numbers;
    an invoice proposal's failed checks and the lines outside tolerance."""
    working: dict[str, Any] = proposal.working
    if proposal.kind in PLANNER_KINDS:
        sections = _outlook(proposal)
        if isinstance(working.get("numbers"), dict) and working["numbers"]:
            sections += _pairs("Numbers", working["numbers"])[:1]
        return sections
    sections = []
    checks = _checks(working)
    if checks is not None:
        failed = [i for i, style in enumerate(checks.row_styles) if style != "pass"]
        if failed:
            sections.append(
                checks.model_copy(
                    update={
                        "rows": [checks.rows[i] for i in failed],
                        "row_styles": [checks.row_styles[i] for i in failed],
                    }
                )
            )
    variances = _variances(working)
    if variances is not None and "fail" in variances.row_styles:
        keep = [i for i, style in enumerate(variances.row_styles) if style == "fail"]
        sections.append(
            variances.model_copy(
                update={
                    "title": "Lines outside tolerance",
                    "rows": [variances.rows[i] for i in keep],
                    "row_styles": [variances.row_styles[i] for i in keep],
                }
            )
        )
    return sections


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
    if proposal.assignee:
        lines.append(f"Assigned to {proposal.assignee}.")
    if proposal.state == "edited":
        for decision in session.exec(
            select(ReviewDecision)
            .where(ReviewDecision.proposal_id == proposal.id, ReviewDecision.action == "edit")
            .order_by(col(ReviewDecision.id))
        ):
            changed = "; ".join(f"{k} {v.get('from')} → {v.get('to')}" for k, v in decision.changes.items())
            lines.append(f"Edited by {decision.actor}: {changed} (someone else approves it).")
    checks = proposal.working.get("checks") or []
    failed = [c for c in checks if isinstance(c, dict) and c.get("passed") is False]
    if checks:
        lines.append(f"{len(checks) - len(failed)} of {len(checks)} checks passed.")
    for check in failed[:5]:
        lines.append(f"✗ {check.get('detail') or check.get('name')}")
    if proposal.state in DECIDABLE_STATES:
        lines.append("Say `why?` for the evidence, `approve`, `reject: <reason>`, or `help`.")
    return lines


def section_lines(sections: list[Section]) -> list[str]:
    """The sections as plain lines (the terminal and the tests read these)."""
    lines: list[str] = []
    for section in sections:
        if section.title == "Formula":
            lines.append(f"Formula: {' '.join(section.text)}")
            continue
        if section.title == "Outlook":
            lines.extend(f"{name.capitalize()}: {value}" for name, value in section.rows)
            continue
        lines.append(f"{section.title}:")
        lines.extend(f"  {t}" for t in section.text)
        if section.columns and section.rows and section.columns[0] == "":
            lines.extend(f"  {row[0]} {row[1]}: {' '.join(row[2:])}" for row in section.rows)
        elif section.columns:
            lines.extend("  " + " | ".join(cell for cell in row if cell) for row in section.rows)
        else:
            lines.extend(
                "  " + " = ".join(row[:2]) + "".join(f" ({c})" for c in row[2:]) for row in section.rows
            )
    return lines


def explain(session: Session, proposal: Proposal) -> list[str]:
    """The evidence as lines: `working_sections` written out."""
    return [f"Why #{proposal.id}: {proposal.summary}", *section_lines(working_sections(session, proposal))]


def _field_value(extraction: dict[str, Any], name: str) -> Any:
    """The value a field's evidence is about: dotted for nested ones, indexed for a list's item
    (``lines[2]``)."""
    value: Any = extraction
    for part in name.split("."):
        key, _, index = part.partition("[")
        if not isinstance(value, dict):
            return None
        value = value.get(key)
        if index:
            position = index.rstrip("]")
            if not isinstance(value, list) or not position.isdigit() or int(position) >= len(value):
                return None
            value = value[int(position)]
    return value


def field_evidence_section(session: Session, proposal: Proposal) -> Section | None:
    """For an invoice proposal: each extracted field with its value, the page and the source text
    (span) it was read from, or why it is missing."""
    if proposal.document_id is None:
        return None
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None:
        return None
    fields = invoice.extraction.get("fields") or {}
    section = Section(
        title=f"Read from the document ({invoice.extraction_method})",
        columns=["field", "value", "page", "source text"],
        code_column=3,
    )
    for name, evidence in fields.items():
        if not isinstance(evidence, dict):
            continue
        value = _field_value(invoice.extraction, name)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            value = f"{len(value)} line{'s' if len(value) != 1 else ''}"
        elif isinstance(value, dict) and "description" in value:  # one line item: its description
            value = value.get("description") or value.get("amount")
        page = str(evidence["page"]) if evidence.get("page") else "—"
        if evidence.get("text"):
            source = " ".join(str(evidence["text"]).split())[:200]
            section.rows.append([_label(name), _value(value), page, source])
            section.row_styles.append("")
        elif evidence.get("reason"):
            section.rows.append([_label(name), "not found", page, str(evidence["reason"])])
            section.row_styles.append("unknown")
    return section if section.rows else None


def field_evidence(session: Session, proposal: Proposal) -> list[str]:
    """For an invoice proposal: each extracted field with its page and the source text it came from."""
    section = field_evidence_section(session, proposal)
    if section is None:
        return []
    return [f"{section.title}:"] + [
        f"  {name} p.{page}: “{source}”" if value != "not found" else f"  {name}: not found ({source})"
        for name, value, page, source in section.rows
    ]


def show_po(session: Session, number: str) -> Reply:
    """A purchase order from the ERP mirror: its lines with what was received of each, and its receipts."""
    po = session.exec(select(PurchaseOrder).where(PurchaseOrder.number == number)).first()
    if po is None:
        return Reply(lines=[f"There is no purchase order {number} in the ERP mirror."])
    vendor = session.get(Vendor, po.vendor_id)
    po_lines = list(
        session.exec(
            select(PurchaseOrderLine)
            .where(PurchaseOrderLine.purchase_order_id == po.id)
            .order_by(col(PurchaseOrderLine.line_no))
        )
    )
    receipts = list(
        session.exec(
            select(GoodsReceipt)
            .where(GoodsReceipt.purchase_order_id == po.id)
            .order_by(col(GoodsReceipt.received_date))
        )
    )
    received: dict[int, Decimal] = {}
    if receipts:
        for receipt_line in session.exec(
            select(GoodsReceiptLine).where(
                col(GoodsReceiptLine.goods_receipt_id).in_([r.id for r in receipts])
            )
        ):
            key = receipt_line.purchase_order_line_id
            received[key] = received.get(key, Decimal(0)) + receipt_line.quantity
    total = sum((line.quantity * line.unit_price for line in po_lines), Decimal(0))
    lines = [
        f"PO {po.number} ({po.status}) from {vendor.name if vendor else po.vendor_id}, "
        f"ordered {po.order_date or '—'}, {len(po_lines)} line{'s' if len(po_lines) != 1 else ''}, "
        f"{_money(total, po.currency)}"
    ]
    lines.append(
        "Receipts: " + (", ".join(f"{r.number} on {r.received_date}" for r in receipts) or "none yet")
    )
    sections = [
        Section(
            title=f"PO {po.number} lines",
            columns=["line", "item", "ordered", "unit price", "received", "open"],
            rows=[
                [
                    str(line.line_no),
                    " ".join(x for x in (line.sku, line.description) if x),
                    f"{line.quantity} {line.unit or ''}".strip(),
                    f"{line.unit_price} {po.currency or ''}".strip(),
                    str(received.get(line.id or 0, Decimal(0))),
                    str(max(line.quantity - received.get(line.id or 0, Decimal(0)), Decimal(0))),
                ]
                for line in po_lines
            ],
        )
    ]
    return Reply(lines=lines, sections=sections)


def _vendor_of(session: Session, proposal: Proposal) -> tuple[str | None, str | None]:
    """The ERP id of the vendor a proposal is about, and a name to show for it."""
    vendor_id = proposal.payload.get("vendor_erp_id")
    if not vendor_id and proposal.document_id is not None:
        invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
        if invoice is not None and invoice.vendor_id is not None:
            vendor = session.get(Vendor, invoice.vendor_id)
            vendor_id = vendor.erp_id if vendor is not None else None
    if not vendor_id:
        return None, None
    vendor = session.exec(select(Vendor).where(Vendor.erp_id == str(vendor_id))).first()
    return str(vendor_id), (f"{vendor.name} ({vendor_id})" if vendor is not None else str(vendor_id))


def vendor_pending(session: Session, proposal: Proposal) -> Reply:
    """The other open proposals about the same vendor, highest priority first."""
    vendor_id, shown = _vendor_of(session, proposal)
    if vendor_id is None:
        return Reply(lines=["This proposal is not about a known vendor."])
    others = [
        p
        for p in session.exec(
            select(Proposal)
            .where(col(Proposal.state).in_(DECIDABLE_STATES), Proposal.id != proposal.id)
            .order_by(col(Proposal.priority).desc())
        )
        if _vendor_of(session, p)[0] == vendor_id
    ]
    if not others:
        return Reply(lines=[f"Nothing else is pending from vendor {shown}."])
    lines = [f"{len(others)} more pending from vendor {shown}:"]
    section = Section(
        title=f"Pending from {shown}",
        columns=["#", "proposal", "amount", "state", "assignee"],
        rows=[
            [f"#{p.id}", p.title, _money(p.amount, p.currency), p.state, p.assignee or "—"]
            for p in others[:10]
        ],
        link_column=0,
    )
    return Reply(lines=lines, sections=[section])


def next_pending(session: Session, after: Proposal | None = None) -> Proposal | None:
    """The open proposal with the highest priority (earliest SLA first among equals), skipping `after`."""
    query = select(Proposal).where(col(Proposal.state).in_(DECIDABLE_STATES))
    if after is not None:
        query = query.where(Proposal.id != after.id)
    return session.exec(
        query.order_by(col(Proposal.priority).desc(), col(Proposal.sla_due_at)).limit(1)
    ).first()
