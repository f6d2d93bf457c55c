"""The offline review assistant: a small command grammar with deterministic answers.

The same conversation runs in the web UI and in `opsloop review`. It presents a proposal with its
evidence and understands, in English and German (the vocabulary is data: `grammar.toml`): `why?`,
`why is it here?`, the decisions named by what they do (`approve`, `keep on hold`,
`release: <reason>` / `pay anyway: <reason>`, `hold: <reason>`, `reject: <reason>`, `undo`,
`reverse: <reason>`), corrections (`set total to 1432.62`, `set line 2 quantity to 30`,
`link line 2 to PO 4500001201 line 3`, `remove line 5`, `totals from lines`, `set vendor to V-1001`),
`is this price normal?` (answered from the ERP mirror's purchase history), `comment: <text>`,
`assign to <name>`, `show PO <number>`, `what else is pending from this vendor?`, `next`, `help`.
A decision is only made by an explicit command; anything that merely sounds like one ("ok", "looks
good") gets a question back, and one the system cannot carry out exactly ("approve it but only 30
units") is refused with what it would need, never half done.
"""

from __future__ import annotations

import re
import statistics
import tomllib
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from opsloop.errors import OpsloopError
from opsloop.review.accounts import Actor
from opsloop.review.decisions import (
    DECIDABLE_STATES,
    PAYMENTS,
    DecisionAction,
    DecisionOutcome,
    DecisionRequest,
    NeedsConfirmation,
    choices,
    decide,
    get_proposal,
    is_invoice,
    state_label,
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
    "why is it here? — the policy rule that keeps it with a person",
    "approve (or `approve: <note>`) — do what the proposal says: approve for payment, accept a plan",
    "keep on hold — confirm a held invoice's hold (the ERP is told)",
    "release: <reason> (or `pay anyway: <reason>`) — pay a held invoice anyway",
    "hold: <reason> — put an invoice proposed for payment on hold",
    "reject: <reason> — reject it, saying why (for an invoice the ERP is told)",
    "undo — take back the last decision or edit until the ERP has it; `reverse: <reason>` after that",
    "set <field> to <value> — correct it, e.g. `set total to 1432.62`, `set line 2 quantity to 30`, "
    "`set vendor to V-1001`, `set quantity to 40`",
    "link line <n> to PO <number> line <m> · remove line <n> · totals from lines",
    "is this price normal? — this price against what was paid before (the ERP mirror's purchase orders)",
    "comment: <text> — add a note without deciding",
    "show PO <number> — the purchase order, its lines and receipts",
    "what else is pending from this vendor? — other open proposals for the same vendor",
    "assign to <name> (or `assign to me`, `unassign`) — give it to a reviewer",
    "next — the next proposal in the queue",
    "German works too: `warum?`, `genehmigen`, `ablehnen: <Grund>`, `trotzdem zahlen: <Grund>`, "
    "`rückgängig`, `setze Menge auf 30`, `ist der Preis normal?`",
]


class Grammar(BaseModel):
    version: str
    phrases: dict[str, list[str]]
    reasoned: dict[str, list[str]]
    partial: dict[str, list[str]]
    keywords: dict[str, list[str]]
    fields: dict[str, str]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The vocabulary (packaged `grammar.toml`)."""
    text = (files("opsloop.review") / "grammar.toml").read_text(encoding="utf-8")
    return Grammar.model_validate(tomllib.loads(text))


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
    """info | decision | error | refused | navigate | question | confirm"""
    outcome: DecisionOutcome | None = None
    next_proposal_id: int | None = None
    suggested_command: str | None = None
    """A command the LLM assistant suggests; applied only when the reviewer sends it."""
    confirm_command: str | None = None
    """For kind `confirm`: the command to send again, confirmed, to go ahead."""

    @property
    def text(self) -> str:
        """Everything said, as plain text: the lines, then the sections written out."""
        return "\n".join([*self.lines, *section_lines(self.sections)])


class Command(BaseModel):
    name: str
    """help | why | why_here | approve | keep_on_hold | request_credit_note | hold | release | reject |
    reverse | undo | edit | comment | assign | show_po | vendor_pending | price_check | next | present |
    partial | unclear | sounds_like_approve | sounds_like_reject | unknown"""
    argument: str | None = None
    field: str | None = None
    changes: dict[str, str] = Field(default_factory=dict)
    """For `edit`: field -> value (what `DecisionRequest.changes` takes)."""


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _field(name: str) -> str:
    """A field as the reviewer named it -> the payload or invoice field name."""
    key = " ".join(name.lower().split())
    mapped = grammar().fields.get(key)
    return mapped if mapped is not None else key.replace(" ", "_")


_TEXT_FIELDS = frozenset(
    {"vendor", "vendor.name", "buyer.name", "description", "unit", "vendor.address", "note"}
)


def _is_partial(lower: str) -> bool:
    """An approval of part of what the proposal says: "approve it but only 30 units", "approve 30 of
    40", "approve only line 1", "nur 30 Stück genehmigen", "teilweise freigeben"."""
    g = grammar()
    tokens = re.findall(r"[\wäöüß]+", lower)
    if not any(t.startswith(v) for t in tokens for v in g.partial["verbs"]):
        return False
    if any(re.search(rf"\b{re.escape(w)}\b", lower) for w in g.partial["strong"]):
        return True
    quantity_cue = bool(re.search(r"\d", lower)) or any(
        re.search(rf"\b{re.escape(w)}", lower) for w in g.partial["things"]
    )
    if quantity_cue and any(re.search(rf"\b{re.escape(w)}\b", lower) for w in g.partial["words"]):
        return True
    verbs = _alternatives(g.partial["verbs"])
    return re.search(rf"\b(?:{verbs})\w*\s+(?:it\s+|only\s+|nur\s+)?\d", lower) is not None


def parse_command(text: str) -> Command:
    """Map what the reviewer typed to one command of the grammar (deterministic, case-insensitive)."""
    said = " ".join(text.strip().split())
    lower = said.lower().rstrip(".!")
    g = grammar()
    for name, phrases in g.phrases.items():
        if lower in phrases or (lower.endswith("?") and lower.rstrip("?") in phrases):
            return _phrase_command(name)
    if _is_partial(lower):
        return Command(name="partial", argument=said)
    because = _alternatives(g.reasoned["because"])
    for name in ("approve", "reject", "hold", "release", "reverse", "comment", "undo"):
        for phrase in sorted(g.reasoned[name], key=len, reverse=True):
            if lower == phrase:
                return Command(name=name)
            m = re.match(rf"{re.escape(phrase)}(?:\s*[:,-]\s*|\s+(?:{because})\s+)(.+)$", said, re.I)
            if m:
                return Command(name=name, argument=m.group(1).strip())
    structured = _structured(said)
    if structured is not None:
        return structured
    if re.search(
        r"\b(else|other|pending|open|offen|noch)\b.*\b(vendor|supplier|them|lieferant\w*|kreditor\w*)\b",
        lower,
    ):
        return Command(name="vendor_pending")
    if re.match(r"^(no|nope|nein)\b", lower):
        return Command(name="sounds_like_reject")
    verbs = _alternatives([*g.reasoned["approve"], *g.reasoned["release"], *g.reasoned["reject"]])
    if re.match(rf"^(?:{verbs})\b", lower):
        return Command(name="unclear", argument=said)
    return Command(name="unknown", argument=said)


def _phrase_command(name: str) -> Command:
    if name == "take_it":
        return Command(name="assign", argument="me")
    if name == "unassign":
        return Command(name="assign", argument=None)
    if name == "totals_from_lines":
        return Command(name="edit", field="totals", argument="from_lines", changes={"totals": "from_lines"})
    return Command(name=name)


def _structured(said: str) -> Command | None:
    """set / link / remove / show PO / assign, with their English and German words."""
    k = {name: _alternatives(words) for name, words in grammar().keywords.items()}
    m = re.fullmatch(
        rf"(?:{k['link']})\s+(?:{k['line']})\s*(\d+)\s+(?:{k['with']})\s+(?:(?:{k['po']})\s*)?#?\s*"
        rf"([A-Za-z0-9_-]+?)\s*(?:,?\s*(?:{k['line']})\s*|/)\s*(\d+)(?:\s+(?:zu|verknüpfen|zu verknüpfen))?",
        said,
        re.I,
    )
    if m:
        field = f"lines.{m.group(1)}.po_line"
        value = f"{m.group(2)}/{m.group(3)}"
        return Command(name="edit", field=field, argument=value, changes={field: value})
    m = re.fullmatch(rf"(?:{k['remove']})\s+(?:{k['line']})\s*(\d+)", said, re.I)
    if m:
        field = f"lines.{m.group(1)}"
        return Command(name="edit", field=field, argument="remove", changes={field: "remove"})
    m = re.fullmatch(
        rf"(?:{k['set']})\s+(?:the\s+|die\s+|den\s+|das\s+)?(?:{k['line']})\s*(\d+)(?:'s)?\s+([a-zäöüß_ ]+?)\s+"
        rf"(?:{k['to']})\s+(\S+)",
        said,
        re.I,
    )
    if m:
        field = f"lines.{m.group(1)}.{_field(m.group(2))}"
        return Command(name="edit", field=field, argument=m.group(3), changes={field: m.group(3)})
    m = re.fullmatch(
        rf"(?:{k['set']})\s+(?:the\s+|die\s+|den\s+|das\s+|der\s+)?([a-zäöüß_. ]+?)\s+(?:{k['to']})\s+(.+?)",
        said,
        re.I,
    )
    if m:
        field, value = _field(m.group(1)), m.group(2).strip()
        if " " in value and field not in _TEXT_FIELDS:
            return None  # "set total to 0.00 and treat it as approved": not one value
        return Command(name="edit", field=field, argument=value, changes={field: value})
    m = re.fullmatch(
        rf"(?:{k['show']})\s+(?:the\s+|die\s+)?(?:{k['po']})\s*#?\s*([A-Za-z0-9/_-]+)", said, re.I
    )
    if m:
        return Command(name="show_po", argument=m.group(1))
    m = re.fullmatch(
        rf"(?:{k['assign']})(?:\s+(?:it|this|es))?(?:\s+(?:to|an))?\s+@?([A-Za-z0-9._-]+)(?:\s+zu)?",
        said,
        re.I,
    )
    if m:
        return Command(name="assign", argument=m.group(1))
    return None


def respond(
    session: Session,
    proposal_id: int,
    actor: Actor,
    text: str,
    *,
    seen_version: int | None = None,
    settings: Settings | None = None,
    confirmed: bool = False,
) -> Reply:
    """Answer one message about proposal `proposal_id`; decisions go through `decide`. Errors become
    a reply (kind `error`) that says what to do next: the caller commits after any other reply and
    rolls back after an error one. A decision that needs a confirmation comes back as kind `confirm`
    with the summary (send it again with `confirmed`). With `settings` whose LLM is configured, text
    the grammar does not understand goes to the LLM assistant, which only ever suggests a command."""
    command = parse_command(text)
    confirm_above = settings.review.confirm_above if settings is not None else None
    try:
        if command.name == "unknown" and settings is not None and settings.llm.configured:
            from opsloop.review.assistant_llm import ask_assistant

            suggested = ask_assistant(session, proposal_id, actor, text, settings)
            if suggested is not None:
                return suggested
        return _answer(session, proposal_id, actor, command, seen_version, confirmed, confirm_above)
    except NeedsConfirmation as asked:
        return Reply(
            lines=[*asked.summary, "Nothing is decided yet: confirm to go ahead."],
            kind="confirm",
            confirm_command=" ".join(text.strip().split()),
        )
    except OpsloopError as error:
        lines = [error.message]
        if error.hint:
            lines.append(error.hint)
        return Reply(lines=lines, kind="error")


_SIMPLE = {
    "approve": DecisionAction.APPROVE,
    "reject": DecisionAction.REJECT,
    "reverse": DecisionAction.REVERSE,
    "comment": DecisionAction.COMMENT,
    "edit": DecisionAction.EDIT,
    "assign": DecisionAction.ASSIGN,
    "undo": DecisionAction.UNDO,
    "hold": DecisionAction.HOLD,
    "release": DecisionAction.RELEASE,
}


def _answer(
    session: Session,
    pid: int,
    actor: Actor,
    command: Command,
    seen: int | None,
    confirmed: bool,
    confirm_above: Decimal | None,
) -> Reply:
    proposal = get_proposal(session, pid)
    name = command.name
    info = _information(session, proposal, command)
    if info is not None:
        return info
    action, reason = _decision_for(proposal, command)
    if action is None:
        return _ask_instead(proposal, command)
    assignee = None
    if action is DecisionAction.ASSIGN and command.argument is not None:
        assignee = (
            actor.username
            if command.argument.lower() in {"me", "myself", "mich", "mir"}
            else command.argument
        )
    request = DecisionRequest(
        action=action,
        reason=reason,
        changes=command.changes if action is DecisionAction.EDIT else {},
        assignee=assignee,
        expected_version=seen,
        confirmed=confirmed,
    )
    outcome = decide(session, pid, actor, request, confirm_above=confirm_above)
    lines = [outcome.message, *outcome.warnings]
    if action is DecisionAction.EDIT:
        lines.append("It is now `edited`: someone other than you approves it. `undo` takes the edit back.")
    elif (
        action not in (DecisionAction.COMMENT, DecisionAction.ASSIGN, DecisionAction.UNDO)
        and name != "reverse"
    ):
        lines.append("`undo` takes it back until the ERP has it.")
    return Reply(lines=lines, kind="decision", outcome=outcome)


def _information(session: Session, proposal: Proposal, command: Command) -> Reply | None:
    """Answers that decide nothing (None: the command is a decision)."""
    name = command.name
    if name == "help":
        named = [f"`{c.label}`" for c in choices(session, proposal)]
        return Reply(
            lines=[*(["Here you can: " + ", ".join(named) + "."] if named else []), "You can say:", *HELP]
        )
    if name == "present":
        return Reply(lines=present(session, proposal), sections=opening_sections(session, proposal))
    if name == "why":
        return Reply(
            lines=[f"Why #{proposal.id}: {proposal.summary}"], sections=working_sections(session, proposal)
        )
    if name == "why_here":
        return Reply(lines=why_here(session, proposal))
    if name == "price_check":
        return price_history(session, proposal)
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
    if name == "partial":
        return refuse_partial(proposal)
    if name == "sounds_like_approve":
        named = [c.label for c in choices(session, proposal) if c.primary]
        return Reply(
            lines=[
                f"Do you want to {named[0].lower() if named else 'approve it'}? Nothing is decided until you "
                "type the command (`approve`, `keep on hold`, ...)."
            ],
            kind="question",
        )
    if name == "sounds_like_reject":
        return Reply(
            lines=["Do you want to reject it? Type `reject: <reason>` to confirm, with the reason."],
            kind="question",
        )
    if name == "unclear":
        return Reply(
            lines=[
                f"I cannot tell exactly what to decide from {command.argument!r}, so nothing was decided.",
                "Say `approve` (or `approve: <note>` with a colon before the note), or `help`.",
            ],
            kind="refused",
        )
    if name == "unknown":
        return Reply(
            lines=[
                f"I did not understand {command.argument!r}; nothing was decided.",
                "Type `help` for what I understand.",
            ],
            kind="refused",
        )
    return None


def _decision_for(proposal: Proposal, command: Command) -> tuple[DecisionAction | None, str | None]:
    """The decision a command means for this proposal (None: the words mean something else here and
    the reviewer is asked instead)."""
    action = str((proposal.payload or {}).get("action") or "")
    name = command.name
    note = command.argument if name not in ("edit", "assign") else None
    if name == "keep_on_hold":
        return (DecisionAction.APPROVE, None) if action == "hold" else (None, None)
    if name == "request_credit_note":
        return (DecisionAction.APPROVE, None) if action == "request_credit_note" else (None, None)
    if name == "approve" and is_invoice(proposal) and action in ("hold", "request_credit_note"):
        return None, None
    if name == "hold" and action == "hold":
        return DecisionAction.APPROVE, note  # "hold" on a held invoice keeps it on hold
    if name == "release" and action in PAYMENTS:
        return DecisionAction.APPROVE, note  # releasing an invoice proposed for payment approves it
    found = _SIMPLE.get(name)
    return found, note


def _ask_instead(proposal: Proposal, command: Command) -> Reply:
    action = str((proposal.payload or {}).get("action") or "")
    if action == "hold":
        reasons = ", ".join(str(r).replace("_", " ") for r in (proposal.payload or {}).get("reasons") or [])
        return Reply(
            lines=[
                f"This invoice is held ({reasons or 'see why?'}); approving would only confirm the hold.",
                "Say `keep on hold` to keep it held, or `release: <reason>` to pay it anyway. Nothing was decided.",
            ],
            kind="question",
        )
    if action == "request_credit_note":
        return Reply(
            lines=[
                "This proposal asks the vendor for a credit note; it does not pay the invoice.",
                "Say `request the credit note`, or `pay anyway: <reason>` to pay it as billed. Nothing was decided.",
            ],
            kind="question",
        )
    if command.name == "keep_on_hold" and action in PAYMENTS:
        return Reply(lines=["It is not held. To hold it, say why: `hold: <reason>`."], kind="question")
    return Reply(
        lines=[f"`{command.name.replace('_', ' ')}` does not apply to this proposal."], kind="refused"
    )


def refuse_partial(proposal: Proposal) -> Reply:
    """Part of a proposal cannot be approved: say so, and what would do it exactly."""
    amount = _money(proposal.amount, proposal.currency)
    action = str((proposal.payload or {}).get("action") or "")
    if is_invoice(proposal):
        lines = [
            f"I can't approve part of an invoice: an approval posts the whole invoice ({amount}). Nothing was decided.",
            "To pay less, the vendor sends a credit note: `hold: <reason>` (or `reject: <reason>`) and ask for it.",
            "If a line was misread, correct it first (e.g. `set line 1 quantity to 30`, then `totals from lines`); "
            "the invoice is re-checked, then someone else approves it.",
        ]
    elif action in ("create_purchase_order", "create_purchase_request"):
        lines = [
            f"I can't approve part of this order ({amount}). Nothing was decided.",
            "To order less, change the quantity first (`set quantity to 30`, checked against the pack size and "
            "minimum order quantity); then someone other than you approves it.",
        ]
    else:
        lines = [
            "I can't approve part of this proposal. Nothing was decided.",
            "Change it first (`set <field> to <value>`), or decline it with `reject: <reason>`.",
        ]
    return Reply(lines=lines, kind="refused")


def why_here(session: Session, proposal: Proposal) -> list[str]:
    """Which policy rule keeps the proposal with a person (or what happened to it)."""
    from opsloop.review.autonomy import evaluate_autonomy  # autonomy imports decisions, as this does

    if proposal.state not in DECIDABLE_STATES:
        return [f"It is {state_label(proposal)}; nothing waits on a person unless it is undone or reversed."]
    lines: list[str] = []
    if proposal.state == "edited":
        editors = sorted(
            {
                d.actor
                for d in session.exec(
                    select(ReviewDecision).where(
                        ReviewDecision.proposal_id == proposal.id, ReviewDecision.action == "edit"
                    )
                )
            }
        )
        lines.append(
            f"It was edited by {', '.join(editors)}: someone else approves it (segregation of duties)."
        )
    if proposal.state == "failed":
        lines.append("The ERP refused the earlier approval; it came back to be decided again.")
    probe = Proposal(  # the same proposal as if still pending (a transient copy, never saved)
        id=proposal.id,
        kind=proposal.kind,
        state="pending",
        subject_key=proposal.subject_key,
        document_id=proposal.document_id,
        title=proposal.title,
        summary=proposal.summary,
        payload=proposal.payload,
        working=proposal.working,
        amount=proposal.amount,
        currency=proposal.currency,
        confidence=proposal.confidence,
    )
    verdict = evaluate_autonomy(session, probe)
    if verdict.rule_id is not None:
        lines.append(f"Policy {verdict.policy_version}: rule {verdict.rule_id} would let it pass on its own.")
        return lines
    lines.append(f"Policy {verdict.policy_version} keeps it with a person:")
    for reason in verdict.reasons:
        rule, _, detail = reason.partition(": ")
        lines.append(f"• {rule.replace('_', ' ')}: {detail}" if detail else f"• {reason}")
    return lines


def _priced_items(session: Session, proposal: Proposal) -> list[tuple[str, str, Decimal]]:
    """(label, sku, unit price) of what the proposal buys or bills."""
    payload: dict[str, Any] = proposal.payload or {}
    items: list[tuple[str, str, Decimal]] = []
    if payload.get("sku") and payload.get("unit_cost") is not None:
        items.append((str(payload["sku"]), str(payload["sku"]), Decimal(str(payload["unit_cost"]))))
        return items
    lines: list[dict[str, Any]] = [ln for ln in payload.get("lines") or [] if isinstance(ln, dict)]
    if not lines and proposal.document_id is not None:
        invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
        if invoice is not None:
            lines = [ln for ln in invoice.extraction.get("lines") or [] if isinstance(ln, dict)]
    for position, line in enumerate(lines, start=1):
        if line.get("sku") and line.get("unit_price") is not None:
            label = f"line {line.get('position') or position} {line['sku']}"
            items.append((label, str(line["sku"]), Decimal(str(line["unit_price"]))))
    return items


def price_history(session: Session, proposal: Proposal) -> Reply:
    """`is this price normal?`: each priced item against what the ERP mirror's purchase orders paid
    for the same SKU (how many orders, lowest, median, highest, the last one), and where this price
    sits among them."""
    items = _priced_items(session, proposal)
    if not items:
        return Reply(lines=["This proposal has no item with a SKU and a price to compare."])
    section = Section(
        title="Price against the purchase history",
        columns=["item", "this price", "orders", "lowest", "median", "highest", "last paid", "verdict"],
    )
    lines: list[str] = []
    for label, sku, price in items:
        rows = session.exec(
            select(PurchaseOrderLine, PurchaseOrder)
            .join(PurchaseOrder, col(PurchaseOrder.id) == col(PurchaseOrderLine.purchase_order_id))
            .where(col(PurchaseOrderLine.sku).ilike(sku))
            .order_by(col(PurchaseOrder.order_date))
        ).all()
        if not rows:
            section.rows.append([label, f"{price}", "0", "—", "—", "—", "—", "never bought before"])
            section.row_styles.append("unknown")
            lines.append(f"{label}: no earlier purchase order has {sku}; nothing to compare with.")
            continue
        paid = [line.unit_price for line, _ in rows]
        median = Decimal(str(statistics.median(paid)))
        last_line, last_po = rows[-1]
        when = last_po.order_date.isoformat() if isinstance(last_po.order_date, date) else "—"
        low, high = min(paid), max(paid)
        pct = ((price - median) / median * 100).quantize(Decimal("0.1")) if median else Decimal(0)
        if price > high:
            verdict, style = f"above anything paid before ({pct:+}% vs median)", "fail"
        elif price < low:
            verdict, style = f"below anything paid before ({pct:+}% vs median)", "unknown"
        else:
            verdict, style = f"within what was paid before ({pct:+}% vs median)", "pass"
        section.rows.append(
            [
                label,
                f"{price}",
                str(len(paid)),
                f"{low}",
                f"{median}",
                f"{high}",
                f"{last_line.unit_price} on {when} (PO {last_po.number})",
                verdict,
            ]
        )
        section.row_styles.append(style)
        lines.append(
            f"{label} at {price}: {verdict}; {len(paid)} order(s) paid {low}–{high}, median {median}."
        )
    return Reply(lines=lines, sections=[section])


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


_PAYMENT_ROWS: tuple[tuple[str, str], ...] = (
    ("invoice_due_date", "due date (the invoice's)"),
    ("agreed_days", "agreed term (days)"),
    ("agreed_due_date", "agreed due date"),
    ("payment_date", "payment scheduled for"),
)


def _payment(working: dict[str, Any]) -> list[Section]:
    """The warnings a person reads without a hold (due date against terms, a possible duplicate) and
    when the invoice is paid: its due date, the agreed term, the payment date, the discount offered."""
    sections: list[Section] = []
    warnings = [w for w in working.get("warnings") or [] if isinstance(w, dict)]
    if warnings:
        rows = [[_label(str(w.get("type"))), str(w.get("sentence") or "")] for w in warnings]
        sections.append(Section(title="Warnings", columns=["type", "what"], rows=rows))
    payment = working.get("payment")
    if not isinstance(payment, dict):
        return sections
    rows = [[label, _value(payment[key])] for key, label in _PAYMENT_ROWS if payment.get(key) is not None]
    discount = payment.get("discount")
    if isinstance(discount, dict):
        amount = f", {discount['amount']}" if discount.get("amount") is not None else ""
        until = f", until {discount['last_day']}" if discount.get("last_day") else ""
        rows.append(
            [
                "early-payment discount",
                f"{discount.get('percent')} %{amount}{until} (not taken off the amount posted)",
            ]
        )
    if rows:
        sections.append(Section(title="Payment", rows=rows))
    return sections


def working_sections(session: Session, proposal: Proposal) -> list[Section]:
    """The whole working of a proposal, as the conversation shows it: outlook (expected effect,
    confidence, sensitivity), inputs, formula, numbers, checks, exceptions, warnings and payment, variances per line,
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
    sections += _payment(working)
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
        # the reconciliation's checks only (the page's Checks also count the document's own checks)
        lines.append(f"{len(checks) - len(failed)} of {len(checks)} reconciliation checks passed.")
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
