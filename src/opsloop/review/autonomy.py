"""The autonomy policy: which proposals may be decided without a person, as versioned data.

`decide_automatically(session, proposal)` is the hook for the pipeline's review stage: it returns
the automatic decision it made (with the rule that made it), or None when a person must decide;
`evaluate_autonomy` says why. Always-human rules come first (new vendor, changed bank details,
over the limit, any failed check, text that looks like an instruction to the system, in any language
opsloop reads; and for a payment approval everything it relies on must be matched directly: a PO
printed on the invoice (`po_inferred`), VAT equal to the PO's (`tax_not_exact`), payment to the vendor
master's IBAN (`iban_unverified`; any other IBAN printed is `bank_details_changed`), every relied-on field
read with high confidence (`low_confidence`), no possible duplicate (`possible_duplicate`), read from a
text layer or an e-invoice, not by OCR from a scan (`read_by_ocr`) nor from an image on a text-layer page
(`read_from_image`)). Built in, whatever the policy: a credit note or a
negative amount is never paid automatically (`credit_note_payment`), and nothing is decided by itself
on a document whose pages were not all read (`pages_not_read`). The drift
guard (`check_drift`) watches how often people reverse or edit each rule's automatic decisions;
past the policy's rate in its window the rule suspends itself and a `policy` proposal tells an
admin why (approving that proposal lifts the suspension).
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select
from stdnum.eu import vat as stdnum_vat

from opsloop.domain.documents import ParsedDocument
from opsloop.domain.invoices import IMAGE_METHOD_PREFIX, OCR_METHOD_PREFIX
from opsloop.domain.proposals import ProposalDraft, ProposalKind, ProposalState
from opsloop.reconcile.mirror import RECURRING_CHECK
from opsloop.reconcile.normalise import normalise_code
from opsloop.reconcile.screening import document_text, screen
from opsloop.review.audit import append_event
from opsloop.review.decisions import (
    DecisionAction,
    DecisionOutcome,
    DecisionRequest,
    apply_decision,
    judged_amount,
    lift_suspension,
)
from opsloop.review.queue import upsert_proposal
from opsloop.store.tables import (
    AutonomyPolicyVersion,
    AutonomyRuleSuspension,
    Document,
    Invoice,
    Proposal,
    ReviewDecision,
)
from opsloop.store.types import utcnow

__all__ = [
    "AutoDecision",
    "AutonomyPolicy",
    "Verdict",
    "check_drift",
    "decide_automatically",
    "decide_released",
    "evaluate_autonomy",
    "lift_suspension",
    "load_autonomy_policy",
    "save_autonomy_policy",
]

GUARD_NAMES: dict[str, str] = {
    "new_vendor": "no earlier invoice of the vendor was approved by a person",
    "bank_details_changed": "the document's bank details differ from the vendor master, or it announces new ones",
    "over_limit": "the amount is above the policy's limit",
    "failed_check": "a check failed or an exception was raised",
    "instruction_text": "the document's text gives instructions to whoever approves it",
    "po_inferred": "the PO was inferred from the lines or the amount, not printed on the invoice",
    "tax_not_exact": "the VAT was not matched exactly against the PO's rates",
    "iban_unverified": "the vendor master has no IBAN to pay to, and the vendor's invoices approved by people do not vouch for this one's payment details",
    "low_confidence": "a value the approval relies on was not read with high confidence",
    "possible_duplicate": "an earlier invoice of the vendor has the same amount within days",
    "read_by_ocr": "the invoice is a scan read by OCR: its readings are calibrated on generated scans only, so a person checks them",
    "read_from_image": "values of the invoice (the seller's name, address, VAT id or bank details) were read by OCR from an image on the page, not from its text: a person checks them",
    "buyer_unverified": "the invoice is addressed to a buyer (name or VAT id), or to none, unlike the invoices people approved",
    "credit_note_payment": "a credit note or a negative amount is never paid automatically (built in)",
    "staffing_reduction": "fewer agents on a shift is always a person's decision (built in)",
    "pages_not_read": "pages of the document were not read (past the page or word limit): nothing unread is approved by itself (built in)",
}
"""Every always-human rule and guard, by the name the UI shows ("why it is here")."""


class DriftSettings(BaseModel):
    window_days: int = Field(default=30, ge=1)
    min_decisions: int = Field(default=5, ge=1)
    max_overturn_rate: Decimal = Decimal("0.2")


class AutoRule(BaseModel):
    id: str
    kinds: list[str]
    max_amount: Decimal | None = None
    min_vendor_approvals: int = 0
    statuses: list[str] = Field(default_factory=list)
    """Reconciliation statuses (working.numbers.status) the rule accepts; empty: any."""
    min_confidence: float | None = None
    checks: list[str] = Field(default_factory=list)
    """Checks (working.checks) that must have passed for the rule to apply (`recurring_charge_agreed`)."""


class ConfidenceSettings(BaseModel):
    """How sure the extraction must be of each value an automatic approval relies on (the extraction's
    per-field evidence, copied into the proposal's working as `fields`)."""

    min: float = Field(default=0.9, ge=0.0, le=1.0)
    """Lowest confidence for a relied-on field."""
    min_confirmed: float = Field(default=0.6, ge=0.0, le=1.0)
    """Lowest confidence for a field that a passed check confirmed exactly against the ERP."""
    fields: list[str] = Field(default_factory=list)
    """The fields relied on (dotted names of the extraction's evidence)."""
    confirmed_by: dict[str, str | list[str]] = Field(default_factory=dict)
    """Field -> the check (or checks, any one of them) whose pass confirms its value against the ERP or
    against what a person approved (a recurring-charge agreement)."""
    derived_from: dict[str, list[str]] = Field(default_factory=dict)
    """Field -> the fields its value follows from when the document does not print it (the tax total is
    the gross less the net): with its confirming check passed, it counts as read as surely as the least
    sure of them."""
    waived_by: dict[str, str] = Field(default_factory=dict)
    """Field -> a check whose pass means the approval does not rely on the field at all (no PO is read for
    a recurring charge a person approved without one: `recurring_charge_agreed`)."""
    doubted_by: dict[str, str] = Field(default_factory=dict)
    """Field -> a check that, present and not passed, says the value was not really read (e.g. an invoice
    number that is the vendor's VAT id): the field counts as unread."""


class AutonomyPolicy(BaseModel):
    version: str
    description: str = ""
    always_human: list[str] = Field(default_factory=list)
    global_limit: Decimal | None = None
    confidence: ConfidenceSettings = Field(default_factory=ConfidenceSettings)
    drift: DriftSettings = Field(default_factory=DriftSettings)
    rules: list[AutoRule] = Field(default_factory=list)


class Verdict(BaseModel):
    """What the policy says about one proposal."""

    rule_id: str | None
    """The auto rule that lets it pass, or None: a person decides."""
    reasons: list[str]
    """Why (the always-human rules that held it, or what the matching rule checked)."""
    policy_version: str


class AutoDecision(BaseModel):
    rule_id: str
    policy_version: str
    reasons: list[str]
    outcome: DecisionOutcome


# ------------------------------------------------------------------ policy versions


def default_autonomy_policy() -> AutonomyPolicy:
    text = (files("opsloop.review") / "autonomy.toml").read_text(encoding="utf-8")
    return AutonomyPolicy.model_validate(tomllib.loads(text))


def _digest(policy: AutonomyPolicy) -> str:
    body = json.dumps(policy.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def save_autonomy_policy(
    session: Session, policy: AutonomyPolicy, *, actor: str = "opsloop"
) -> AutonomyPolicyVersion:
    """Store `policy` as the newest active version (its version string must be new)."""
    row = AutonomyPolicyVersion(
        version=policy.version, body=policy.model_dump(mode="json"), digest=_digest(policy), created_by=actor
    )
    session.add(row)
    session.flush()
    append_event(
        session, actor, "autonomy.policy_saved", f"autonomy:{policy.version}", {"digest": row.digest}
    )
    return row


def load_autonomy_policy(session: Session) -> AutonomyPolicy:
    """The newest active policy version in the database, else the packaged default."""
    row = session.exec(
        select(AutonomyPolicyVersion)
        .where(col(AutonomyPolicyVersion.active).is_(True))
        .order_by(col(AutonomyPolicyVersion.id).desc())
        .limit(1)
    ).first()
    return default_autonomy_policy() if row is None else AutonomyPolicy.model_validate(row.body)


def suspended_rules(session: Session) -> set[str]:
    return set(
        session.exec(
            select(AutonomyRuleSuspension.rule_id).where(col(AutonomyRuleSuspension.lifted_at).is_(None))
        )
    )


# ------------------------------------------------------------------ evaluation


def _vendor(proposal: Proposal) -> str | None:
    value = proposal.payload.get("vendor_erp_id")
    return str(value) if value else None


def human_approvals(session: Session, kind: str, vendor: str, *, before: int) -> tuple[int, int]:
    """(approvals by people, of which edited) of earlier `kind` proposals for `vendor`."""
    approved = 0
    edited = 0
    rows = session.exec(
        select(Proposal.id, Proposal.payload).where(
            Proposal.kind == kind,
            col(Proposal.id) < before,
            col(Proposal.state).in_((ProposalState.APPROVED.value, ProposalState.EXECUTED.value)),
        )
    ).all()
    ids = [pid for pid, payload in rows if payload.get("vendor_erp_id") == vendor]
    if not ids:
        return 0, 0
    decisions = session.exec(select(ReviewDecision).where(col(ReviewDecision.proposal_id).in_(ids))).all()
    by_proposal: dict[int, set[str]] = {}
    for d in decisions:
        if d.autonomy_rule is None:
            by_proposal.setdefault(d.proposal_id, set()).add(d.action)
    for actions in by_proposal.values():
        if DecisionAction.APPROVE.value in actions:
            approved += 1
            if DecisionAction.EDIT.value in actions:
                edited += 1
    return approved, edited


def _document_text(session: Session, proposal: Proposal) -> str:
    """The untrusted text behind a proposal: its document as a reader sees it (pages, e-invoice text),
    and the payload (which carries the invoice's own lines). Never the title or summary opsloop wrote."""
    parts = [json.dumps(proposal.payload, ensure_ascii=False)]
    if proposal.document_id is not None:
        document = session.get(Document, proposal.document_id)
        if document is not None and document.parsed:
            try:
                parts.append(document_text(ParsedDocument.model_validate(document.parsed)))
            except ValueError:
                parts.append(json.dumps(document.parsed, ensure_ascii=False))
    return "\n".join(parts)


def _pages_not_read(session: Session, proposal: Proposal) -> int:
    """Pages of the proposal's document that reading left out (`ParsedDocument.truncated_pages`)."""
    if proposal.document_id is None:
        return 0
    document = session.get(Document, proposal.document_id)
    parsed = document.parsed if document is not None else None
    try:
        return max(0, int((parsed or {}).get("truncated_pages") or 0))
    except (TypeError, ValueError, AttributeError):
        return 0


def _agents_change(proposal: Proposal) -> int:
    """A staffing proposal's change of agents (`add_agents`; negative: a reduction; 0 if unreadable)."""
    try:
        return int(Decimal(str(proposal.payload.get("add_agents") or 0)))
    except (InvalidOperation, ValueError):
        return 0


def _always_human(session: Session, policy: AutonomyPolicy, proposal: Proposal) -> list[str]:
    held: list[str] = []
    # not a policy choice: no saved policy version can let fewer agents through by itself
    if proposal.kind == ProposalKind.STAFFING.value and _agents_change(proposal) < 0:
        held.append("staffing_reduction: fewer agents on a shift is always a person's decision")
    # not a policy choice either: no saved policy version pays a credit note or a negative amount
    if _credit_note_payment(proposal):
        held.append("credit_note_payment: a credit note or a negative amount is never paid automatically")
    if unread := _pages_not_read(session, proposal):
        held.append(
            f"pages_not_read: {unread} page{'s' if unread != 1 else ''} of the document "
            "were not read (past the page or word limit)"
        )
    working: dict[str, Any] = proposal.working
    checks = [c for c in working.get("checks") or [] if isinstance(c, dict)]
    exceptions = [e for e in working.get("exceptions") or [] if isinstance(e, dict)]
    rules = set(policy.always_human)
    vendor = _vendor(proposal)
    if "new_vendor" in rules and proposal.kind.startswith("invoice"):
        assert proposal.id is not None
        if vendor is None:
            held.append("new_vendor: the vendor is not identified")
        elif (
            human_approvals(session, proposal.kind, vendor, before=proposal.id)[0] == 0
            and _passed(checks, RECURRING_CHECK) is not True  # a person approved its charge and remembered it
        ):
            held.append(f"new_vendor: no earlier {proposal.kind} for {vendor} was approved by a person")
    if "bank_details_changed" in rules and (
        any(c.get("name") == "bank_details_unchanged" and c.get("passed") is False for c in checks)
        or any(e.get("type") == "iban_changed" for e in exceptions)
    ):
        held.append("bank_details_changed: the invoice's bank details differ from the ERP's")
    amount = judged_amount(proposal)  # recomputed from the payload, never a stale stored figure
    if (
        "over_limit" in rules
        and policy.global_limit is not None
        and amount is not None
        and abs(amount) > policy.global_limit
    ):
        held.append(f"over_limit: {abs(amount)} is above the policy limit {policy.global_limit}")
    if "failed_check" in rules:
        failed = [str(c.get("name")) for c in checks if c.get("passed") is False]
        if failed or exceptions:
            held.append(f"failed_check: {', '.join(failed) or 'exceptions were raised'}")
    if "instruction_text" in rules:
        flagged = _check(checks, "no_instruction_text")
        hits = screen([_document_text(session, proposal)]).instructions
        if hits:
            held.append(f"instruction_text: the document says “{hits[0].phrase}” ({hits[0].language})")
        elif flagged is not None and flagged.get("passed") is False:
            held.append(f"instruction_text: {flagged.get('detail')}")
    if (
        proposal.kind == ProposalKind.INVOICE_APPROVE.value
        and proposal.payload.get("action") == "approve_payment"
    ):
        memory = (
            iban_memory(session, proposal)
            if "iban_unverified" in rules and _passed(checks, "bank_details_unchanged") is None
            else None
        )
        if memory is not None and memory.changed and "bank_details_changed" in rules:
            held.append(f"bank_details_changed: {memory.why}")
        held.extend(_approval_guards(policy, proposal, checks, memory))
        if "buyer_unverified" in rules and (why := buyer_unverified(session, proposal)):
            held.append(f"buyer_unverified: {why}")
    return held


BUYER_MEMORY_INVOICES = 50
"""Invoices approved by people (the newest) whose buyer names and VAT ids say who we are."""
_VAT_ID = re.compile(
    r"(?<![A-Z0-9])(?:ATU|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|GB)"
    r"[ ]?[0-9A-Z][0-9A-Z. ]{6,15}"
)


def _vat_ids(text: str) -> set[str]:
    """The EU VAT ids a text prints (compact, valid check digits)."""
    found: set[str] = set()
    for match in _VAT_ID.finditer(text.upper()):
        compact = re.sub(r"[ .]", "", match.group(0))
        for end in range(len(compact), 7, -1):  # the id may run into the next word
            if stdnum_vat.is_valid(compact[:end]):
                found.add(compact[:end])
                break
    return found


def _buyer_key(name: str | None) -> str | None:
    return normalise_code(name)


def _parsed_text(session: Session, document_id: int) -> str:
    document = session.get(Document, document_id)
    if document is None or not document.parsed:
        return ""
    try:
        return document_text(ParsedDocument.model_validate(document.parsed))
    except ValueError:
        return ""


def buyer_unverified(session: Session, proposal: Proposal) -> str | None:
    """Why the invoice's buyer is not the one people have paid invoices to, or None when it is.

    Who "we" are is learned from the invoices people approved for payment (any vendor, the newest
    `BUYER_MEMORY_INVOICES`): the buyer names they were addressed to and the VAT ids they printed. An
    invoice addressed to another name (a sister company, another legal entity), to no buyer at all, or
    printing a VAT id besides its vendor's that none of them printed (the buyer's VAT id of another
    entity) is not paid without a person: input VAT and the liability are another company's. Nothing
    learned yet (no approved invoice): None, the new-vendor guard holds such early invoices anyway."""
    if proposal.document_id is None or proposal.id is None:
        return None
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None:
        return None
    approved = session.exec(
        select(Proposal.document_id)
        .join(ReviewDecision, col(ReviewDecision.proposal_id) == col(Proposal.id))
        .where(
            Proposal.kind == ProposalKind.INVOICE_APPROVE.value,
            col(Proposal.id) < proposal.id,
            col(Proposal.document_id).is_not(None),
            col(Proposal.document_id) != proposal.document_id,
            ReviewDecision.action == DecisionAction.APPROVE.value,
            col(ReviewDecision.autonomy_rule).is_(None),
        )
        .order_by(col(Proposal.id).desc())
        .limit(BUYER_MEMORY_INVOICES)
    ).all()
    documents = sorted({d for d in approved if d is not None})
    if not documents:
        return None
    earlier = session.exec(select(Invoice).where(col(Invoice.document_id).in_(documents))).all()
    names = {key for e in earlier if (key := _buyer_key(e.buyer_name))}
    shown = ", ".join(sorted({str(e.buyer_name) for e in earlier if e.buyer_name})) or "no buyer"
    key = _buyer_key(invoice.buyer_name)
    if key is None and names:
        return f"the invoice names no buyer; the invoices people approved were addressed to {shown}"
    if key is not None and names and key not in names:
        return (
            f"the invoice is addressed to {invoice.buyer_name}; the invoices people approved were addressed to "
            f"{shown}: another legal entity's invoice is not ours to pay"
        )
    payload_vat = proposal.payload.get("vendor_vat_id")
    vendor_ids = {
        v
        for v in (normalise_code(invoice.vendor_vat_id), normalise_code(str(payload_vat or "") or None))
        if v
    }
    printed = _vat_ids(_parsed_text(session, proposal.document_id)) - vendor_ids
    for d in documents:  # (the earlier texts are read only while an id printed here is still unexplained)
        if not printed:
            break
        printed -= _vat_ids(_parsed_text(session, d))
    if printed:
        return (
            f"the invoice prints VAT id {', '.join(sorted(printed))} besides its vendor's, which no invoice people "
            "approved printed: is it addressed to another of the group's companies?"
        )
    return None


MEMORY_INVOICES = 50
"""Earlier invoices of a vendor (the newest) whose IBANs vendor memory looks at."""


class IbanMemory(BaseModel):
    """What the vendor's earlier invoices say about where to pay, when the vendor master has no IBAN."""

    known: bool = False
    """The document prints the IBANs (or none) every earlier invoice of the vendor printed, and a person
    approved such an invoice for payment."""
    changed: bool = False
    """The document prints an IBAN that the vendor's earlier invoices did not."""
    why: str = ""


def _printed_ibans(session: Session, document_id: int, extracted: str | None) -> set[str]:
    """Every IBAN a document prints: the extracted one and any in its text (as the reconciler screens it)."""
    found = {code} if (code := normalise_code(extracted)) else set()
    document = session.get(Document, document_id)
    if document is not None and document.parsed:
        try:
            text = document_text(ParsedDocument.model_validate(document.parsed))
        except ValueError:
            text = ""
        screened = screen([text])
        found.update(screened.ibans)
        found.update(screened.broken_ibans)  # an account that could not be read whole is no "none"
    return found


def iban_memory(session: Session, proposal: Proposal) -> IbanMemory:
    """Vendor memory for a vendor whose master has no IBAN: the invoice's payment details count as known
    when they are what the vendor's earlier invoices (the newest `MEMORY_INVOICES`) all printed, and people
    approved such an invoice for payment: the same IBAN, or none at all (a vendor paid without an IBAN, as
    the ERP pays it). An IBAN the earlier invoices did not print is a change of bank details."""
    if proposal.document_id is None:
        return IbanMemory(why="the proposal has no document")
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None or invoice.vendor_id is None:
        return IbanMemory(why="the invoice's vendor is not identified")
    printed = _printed_ibans(session, proposal.document_id, invoice.vendor_iban)
    earlier = session.exec(
        select(Invoice)
        .where(Invoice.vendor_id == invoice.vendor_id, Invoice.document_id != proposal.document_id)
        .order_by(col(Invoice.id).desc())
        .limit(MEMORY_INVOICES)
    ).all()
    seen: dict[int, set[str]] = {
        e.document_id: _printed_ibans(session, e.document_id, e.vendor_iban) for e in earlier
    }
    ever: set[str] = set().union(*seen.values()) if seen else set()
    before = ", ".join(sorted(ever)) or "no IBAN"
    if seen and not printed <= ever:
        return IbanMemory(
            changed=True,
            why=f"the invoice prints IBAN {', '.join(sorted(printed - ever))}; the vendor's earlier invoices "
            f"carried {before} (the vendor master has none). Confirm the change with the vendor through a "
            "known contact.",
        )
    shown = ", ".join(sorted(printed)) or "no IBAN"
    if printed != ever:
        return IbanMemory(
            why=f"the vendor master has no IBAN and no earlier invoice of the vendor printed {shown}"
            if not seen
            else f"the invoice prints {shown}; the vendor's earlier invoices printed {before}"
        )
    approved = _approved_by_people(session, [d for d, found in seen.items() if found == printed])
    if not approved:
        return IbanMemory(why=f"no earlier invoice of the vendor printing {shown} was approved by a person")
    return IbanMemory(
        known=True,
        why=f"paid as before: {approved} earlier invoice(s) of the vendor printing {shown} were approved by a "
        "person, and no invoice of the vendor ever printed another",
    )


def _approved_by_people(session: Session, document_ids: list[int]) -> int:
    """How many of these documents' payment proposals a person approved (not the autonomy policy)."""
    if not document_ids:
        return 0
    rows = session.exec(
        select(Proposal.id).where(
            col(Proposal.document_id).in_(document_ids),
            Proposal.kind == ProposalKind.INVOICE_APPROVE.value,
            col(Proposal.state).in_((ProposalState.APPROVED.value, ProposalState.EXECUTED.value)),
        )
    ).all()
    if not rows:
        return 0
    approved = session.exec(
        select(ReviewDecision.proposal_id).where(
            col(ReviewDecision.proposal_id).in_(list(rows)),
            ReviewDecision.action == DecisionAction.APPROVE.value,
            col(ReviewDecision.autonomy_rule).is_(None),
        )
    ).all()
    return len(set(approved))


def _check(checks: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    return next((c for c in checks if c.get("name") == name), None)


def _passed(checks: list[dict[str, Any]], name: str) -> bool | None:
    found = _check(checks, name)
    return None if found is None else found.get("passed")


def _approval_guards(
    policy: AutonomyPolicy,
    proposal: Proposal,
    checks: list[dict[str, Any]],
    memory: IbanMemory | None = None,
) -> list[str]:
    """What an automatic approval relies on must be matched directly: the PO printed, the VAT exact,
    the IBAN the master's (or, where the master has none, the one people approved on the vendor's
    earlier invoices: `memory`), every relied-on value read with high confidence, no possible duplicate."""
    held: list[str] = []
    rules = set(policy.always_human)
    working: dict[str, Any] = proposal.working
    numbers = working.get("numbers") or {}
    if "po_inferred" in rules and numbers.get("po_resolution") == "inferred":
        held.append("po_inferred: the invoice prints no PO; the PO was inferred from its lines or amount")
    if "tax_not_exact" in rules and _passed(checks, RECURRING_CHECK) is not True:
        # (a recurring charge's VAT is checked against the rate of the invoice a person approved)
        total = _passed(checks, "tax_total_matches")
        if total is not True or _passed(checks, "tax_rates_match") is False:
            detail = _check(checks, "tax_total_matches")
            held.append(
                "tax_not_exact: "
                + (
                    str(detail.get("detail"))
                    if detail is not None
                    else "the VAT was not checked against the PO"
                )
            )
    if (
        "iban_unverified" in rules
        and _passed(checks, "bank_details_unchanged") is not True
        and not (memory is not None and memory.known)
    ):
        detail = _check(checks, "bank_details_unchanged")
        held.append(
            "iban_unverified: "
            + (
                str(detail.get("detail"))
                if detail is not None
                else "the IBAN was not compared with the master"
            )
            + (f" ({memory.why})" if memory is not None and memory.why else "")
        )
    if "low_confidence" in rules:
        held.extend(_low_confidence(policy.confidence, working, checks))
    method = str((working.get("inputs") or {}).get("extraction_method") or "")
    if "read_by_ocr" in rules and method.startswith(OCR_METHOD_PREFIX):
        held.append(f"read_by_ocr: the values were read by OCR from a scan ({method}), not from a text layer")
    if "read_from_image" in rules and method.startswith(IMAGE_METHOD_PREFIX):
        held.append(
            "read_from_image: the page prints the seller only inside an image (a logo, a footer band); "
            f"OCR read it ({method}), so a person checks the seller and its bank details"
        )
    if "possible_duplicate" in rules:
        similar = [
            w
            for w in working.get("warnings") or []
            if isinstance(w, dict) and w.get("type") == "possible_duplicate"
        ]
        if similar:
            held.append(f"possible_duplicate: {similar[0].get('sentence')}")
    return held


def _confidence(fields: dict[str, Any], name: str) -> float:
    try:
        return float(fields.get(name, 0.0))
    except (TypeError, ValueError):
        return 0.0


def _low_confidence(
    settings: ConfidenceSettings, working: dict[str, Any], checks: list[dict[str, Any]]
) -> list[str]:
    fields = working.get("fields")
    if not isinstance(fields, dict):
        return ["low_confidence: the proposal carries no field evidence to judge the reading by"]
    weak: list[str] = []
    for name in settings.fields:
        waiving = settings.waived_by.get(name)
        if waiving is not None and _passed(checks, waiving) is True:
            continue
        confidence = _confidence(fields, name)
        doubting = settings.doubted_by.get(name)
        if (
            doubting is not None
            and (found := _check(checks, doubting)) is not None
            and found.get("passed") is not True
        ):
            weak.append(f"{name} not read ({doubting})")
            continue
        confirming = settings.confirmed_by.get(name)
        confirmed = any(
            _passed(checks, check) is True
            for check in ([confirming] if isinstance(confirming, str) else confirming or [])
        )
        floor = settings.min_confirmed if confirmed else settings.min
        sources = settings.derived_from.get(name)
        if confidence < floor and confirmed and sources:
            confidence = max(confidence, min(_confidence(fields, source) for source in sources))
        if confidence < floor:
            weak.append(f"{name} {confidence:.2f} < {floor:.2f}")
    return [f"low_confidence: {', '.join(weak)}"] if weak else []


def _negative(value: object) -> bool:
    try:
        return Decimal(str(value)) < 0
    except (InvalidOperation, ValueError):
        return False


def _credit_note_payment(proposal: Proposal) -> bool:
    """A payment proposal for a credit note, or for a negative amount."""
    if proposal.payload.get("action") != "approve_payment":
        return False
    document_type = (proposal.working.get("numbers") or {}).get("document_type")
    return (
        document_type not in (None, "invoice")
        or (proposal.amount is not None and proposal.amount < 0)
        or _negative(proposal.payload.get("amount"))
    )


def evaluate_autonomy(session: Session, proposal: Proposal, policy: AutonomyPolicy | None = None) -> Verdict:
    """Which auto rule (if any) lets `proposal` pass, and why. Reads only."""
    policy = policy or load_autonomy_policy(session)
    if proposal.state != ProposalState.PENDING.value:
        return Verdict(
            rule_id=None, reasons=[f"the proposal is {proposal.state}"], policy_version=policy.version
        )
    held = _always_human(session, policy, proposal)
    if held:
        return Verdict(rule_id=None, reasons=held, policy_version=policy.version)
    suspended = suspended_rules(session)
    misses: list[str] = []
    for rule in policy.rules:
        if proposal.kind not in rule.kinds:
            continue
        if rule.id in suspended:
            misses.append(f"{rule.id}: suspended by the drift guard")
            continue
        why = _rule_misses(session, rule, proposal)
        if why:
            misses.append(f"{rule.id}: {why}")
            continue
        agreement = proposal.payload.get("recurring_agreement")
        under = (
            f", billed under recurring charge agreement #{agreement} ({proposal.payload.get('recurring_period')})"
            if agreement and proposal.payload.get("recurring_covered")
            else ""
        )
        return Verdict(
            rule_id=rule.id,
            reasons=[
                f"{rule.id}: {proposal.kind} within {rule.max_amount or 'any amount'}, checks passed{under}"
            ],
            policy_version=policy.version,
        )
    return Verdict(
        rule_id=None,
        reasons=misses or [f"no auto rule covers {proposal.kind}"],
        policy_version=policy.version,
    )


def _rule_misses(session: Session, rule: AutoRule, proposal: Proposal) -> str | None:
    amount = judged_amount(proposal)  # recomputed from the payload, never a stale stored figure
    if rule.max_amount is not None and (amount is None or abs(amount) > rule.max_amount):
        return f"amount {amount} is not within {rule.max_amount}"
    if rule.statuses:
        status = (proposal.working.get("numbers") or {}).get("status")
        if status not in rule.statuses:
            return f"reconciliation status {status!r} is not one of {', '.join(rule.statuses)}"
    if rule.min_confidence is not None and (proposal.confidence or 0.0) < rule.min_confidence:
        return f"confidence {proposal.confidence} is below {rule.min_confidence}"
    if rule.checks:
        checks = [c for c in proposal.working.get("checks") or [] if isinstance(c, dict)]
        missing = [name for name in rule.checks if _passed(checks, name) is not True]
        if missing:
            return f"{', '.join(missing)} did not pass"
    if rule.min_vendor_approvals:
        vendor = _vendor(proposal)
        if vendor is None:
            return "no vendor"
        assert proposal.id is not None
        approved, edited = human_approvals(session, proposal.kind, vendor, before=proposal.id)
        if edited:
            return f"people edited {edited} earlier proposal(s) for {vendor}"
        if approved < rule.min_vendor_approvals:
            return f"{approved} of {rule.min_vendor_approvals} human approvals for {vendor} so far"
    return None


def decide_automatically(session: Session, proposal: Proposal) -> AutoDecision | None:
    """Approve `proposal` when the policy allows it (recording the rule); None: a person decides.
    The drift guard runs first, so a rule that people keep overturning stops here."""
    policy = load_autonomy_policy(session)
    check_drift(session, policy)
    verdict = evaluate_autonomy(session, proposal, policy)
    if verdict.rule_id is None:
        return None
    outcome = apply_decision(
        session,
        proposal,
        f"autonomy:{verdict.rule_id}",
        DecisionRequest(
            action=DecisionAction.APPROVE, reason=f"policy {policy.version}: " + "; ".join(verdict.reasons)
        ),
        autonomy_rule=verdict.rule_id,
    )
    return AutoDecision(
        rule_id=verdict.rule_id, policy_version=policy.version, reasons=verdict.reasons, outcome=outcome
    )


def decide_released(session: Session, proposal: Proposal) -> AutoDecision | None:
    """A held invoice that new ERP data released (the goods receipt arrived, the PO was amended) is
    decided as one that arrived matched: by the same policy and guards — unless a person has already
    acted on it (then it stays with them)."""
    assert proposal.id is not None
    touched = session.exec(
        select(ReviewDecision.id).where(
            ReviewDecision.proposal_id == proposal.id, col(ReviewDecision.autonomy_rule).is_(None)
        )
    ).first()
    if touched is not None:
        return None
    return decide_automatically(session, proposal)


# ------------------------------------------------------------------ drift guard


class DriftFigure(BaseModel):
    rule_id: str
    automatic: int
    overturned: int
    rate: Decimal
    suspended: bool


def check_drift(session: Session, policy: AutonomyPolicy | None = None) -> list[DriftFigure]:
    """For each rule: its automatic decisions in the window and how many people reversed or edited
    afterwards; a rule past the threshold is suspended (once) and an admin gets a policy proposal."""
    policy = policy or load_autonomy_policy(session)
    since = utcnow() - timedelta(days=policy.drift.window_days)
    already = suspended_rules(session)
    figures: list[DriftFigure] = []
    for rule in policy.rules:
        lifted = session.exec(
            select(AutonomyRuleSuspension.lifted_at)
            .where(
                AutonomyRuleSuspension.rule_id == rule.id, col(AutonomyRuleSuspension.lifted_at).is_not(None)
            )
            .order_by(col(AutonomyRuleSuspension.lifted_at).desc())
            .limit(1)
        ).first()
        start = max(since, lifted) if lifted is not None else since  # a lifted rule starts afresh
        autos = session.exec(
            select(ReviewDecision).where(
                ReviewDecision.autonomy_rule == rule.id,
                ReviewDecision.action == DecisionAction.APPROVE.value,
                col(ReviewDecision.at) >= start,
            )
        ).all()
        if not autos:
            figures.append(
                DriftFigure(
                    rule_id=rule.id, automatic=0, overturned=0, rate=Decimal(0), suspended=rule.id in already
                )
            )
            continue
        ids = {d.proposal_id for d in autos}
        overturned = len(
            set(
                session.exec(
                    select(ReviewDecision.proposal_id).where(
                        col(ReviewDecision.proposal_id).in_(ids),
                        col(ReviewDecision.autonomy_rule).is_(None),
                        col(ReviewDecision.action).in_(
                            (DecisionAction.REVERSE.value, DecisionAction.EDIT.value)
                        ),
                    )
                )
            )
        )
        rate = (Decimal(overturned) / Decimal(len(ids))).quantize(Decimal("0.001"))
        suspend = (
            rule.id not in already
            and len(ids) >= policy.drift.min_decisions
            and rate > policy.drift.max_overturn_rate
        )
        if suspend:
            _suspend(session, policy, rule, len(ids), overturned, rate)
        figures.append(
            DriftFigure(
                rule_id=rule.id,
                automatic=len(ids),
                overturned=overturned,
                rate=rate,
                suspended=suspend or rule.id in already,
            )
        )
    return figures


def _suspend(
    session: Session, policy: AutonomyPolicy, rule: AutoRule, automatic: int, overturned: int, rate: Decimal
) -> None:
    reason = (
        f"People reversed or edited {overturned} of the last {automatic} automatic decisions of rule "
        f"{rule.id} ({rate:.0%}) within {policy.drift.window_days} days; the policy allows "
        f"{policy.drift.max_overturn_rate:.0%}. The rule is suspended: these proposals go to people again."
    )
    numbers = {"automatic": automatic, "overturned": overturned, "rate": str(rate), "policy": policy.version}
    session.add(
        AutonomyRuleSuspension(rule_id=rule.id, reason=reason, numbers=numbers, suspended_by="drift-guard")
    )
    append_event(session, "drift-guard", "autonomy.rule_suspended", f"autonomy-rule:{rule.id}", numbers)
    upsert_proposal(
        session,
        ProposalDraft(
            kind=ProposalKind.POLICY,
            subject_key=f"autonomy-rule:{rule.id}",
            title=f"Autonomy rule {rule.id} suspended itself: review it",
            summary=reason + " Approve to lift the suspension; reject to keep it.",
            payload={"action": "lift_suspension", "rule_id": rule.id},
            working={
                "inputs": {
                    "window_days": policy.drift.window_days,
                    "threshold": str(policy.drift.max_overturn_rate),
                },
                "numbers": numbers,
                "formula": "overturn rate = proposals reversed or edited by people ÷ automatic approvals in the window",
            },
            urgency=0.8,
        ),
        actor="drift-guard",
    )
