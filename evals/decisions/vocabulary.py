"""The eval's own words for what is wrong with an invoice and what should happen to it, and the one
table that maps them to opsloop's exception type names.

The scenario catalogue labels every case in these words, from AP practice and the issue text. The
only link to opsloop is `OPSLOOP_NAMES`: which of opsloop's exception types (the `type` of each
exception in a proposal's working) counts as having found each problem. When opsloop names a new
type, it is added here and nowhere else; a type opsloop raises that no row names is reported as
"unmapped" (and counts against precision), so a stale table shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

PROBLEMS: dict[str, str] = {
    "wrong_tax": "VAT rate or amount differs from the PO line's rate or the vendor's tax treatment (reverse charge, 0 %)",
    "po_closed": "the PO is closed or cancelled in the ERP",
    "po_fully_billed": "the PO was already billed in full by earlier invoices",
    "po_other_vendor": "the PO printed belongs to another vendor",
    "po_missing": "no PO: none printed and none fits (or several fit alike), or the printed number does not exist",
    "not_received": "billed more than has been received (nothing, or only part, arrived)",
    "over_ordered": "billed more than was ordered",
    "price_over": "a unit price above the PO price beyond tolerance",
    "unmatched_line": "an invoice line bills something that is not on the PO",
    "duplicate": "the same invoice was received before",
    "same_amount_nearby": "another invoice of the vendor has the same amount within days (a reason to compare, not to hold)",
    "instruction_text": 'text addressed to the approver or the system ("pre-approved", "pay without checking")',
    "unexpected_charge": "a charge (freight, fees) no PO line covers, beyond what AP lets pass",
    "bank_changed": "bank details printed anywhere differ from the vendor master",
    "vat_id_differs": "the vendor's VAT id differs from the vendor master",
    "unknown_vendor": "the vendor is not in the ERP",
    "currency_mismatch": "the invoice currency differs from the PO's",
    "total_mismatch": "the invoice total does not add up to its lines",
    "credit_unlinked": "a credit note that cannot be linked to an invoice (or only to one a person rejected, or to one already credited in full)",
    "not_an_invoice": "a quotation, order confirmation, delivery note, pro forma, reminder or statement (never paid)",
    "already_paid": "the amount due is less than the total: part or all of it is paid already",
    "buyer_not_ours": "addressed to another legal entity (or to none above the small-invoice limit)",
    "content_missing": "the page lacks what the law requires of a tax invoice (the seller's VAT id or tax number above the small-invoice limit, the reason it charges no VAT)",
    "payment_terms": "the printed due date contradicts the printed terms, or asks for payment sooner than agreed (a reason to look, not to hold)",
}

OPSLOOP_NAMES: dict[str, tuple[str, ...]] = {
    "wrong_tax": ("tax_mismatch",),
    "po_closed": ("po_closed",),
    "po_fully_billed": ("po_fully_billed", "over_invoiced"),
    "po_other_vendor": ("po_vendor_mismatch",),
    "po_missing": ("missing_po", "po_ambiguous"),
    "not_received": ("not_received", "quantity_variance"),
    "over_ordered": ("over_invoiced",),
    "price_over": ("price_variance",),
    "unmatched_line": ("unmatched_line",),
    "duplicate": ("duplicate",),
    "same_amount_nearby": ("possible_duplicate",),
    "instruction_text": ("instruction_text",),
    "unexpected_charge": ("unexpected_charge",),
    "bank_changed": ("iban_changed",),
    "vat_id_differs": ("vat_mismatch",),
    "unknown_vendor": ("unknown_vendor",),
    "currency_mismatch": ("currency_mismatch",),
    "total_mismatch": ("total_variance",),
    "credit_unlinked": ("unlinked_credit_note", "credits_rejected_invoice", "invoice_already_credited"),
    "not_an_invoice": ("not_an_invoice",),
    "already_paid": ("already_paid",),
    "buyer_not_ours": ("buyer_not_ours",),
    "content_missing": ("invoice_content_missing",),
    "payment_terms": ("payment_terms",),
}
"""Our problem -> opsloop exception types that count as finding it (any one of them). The tax, PO
status, charge, instruction and possible-duplicate names are the ones the reconciler work for issue 14
introduces; until opsloop raises them, those problems' recall is 0."""

Decision = Literal["approve", "person", "hold", "credit"]
"""What should happen: pay (automatically or after a person's approval), keep with a person (no
automatic approval; approving after a look or holding are both fine), hold (not to be paid as it
is: held, or a credit note requested), book as a credit note (never pay it)."""

Outcome = Literal["auto_approve", "proposed_approve", "hold", "credit", "failed", "dropped", "none"]
"""What opsloop did: approved for payment by the autonomy policy; proposed for payment to a person;
held (a hold or a credit-note request); proposed booking as a credit note; failed or quarantined;
refused at the door as the same file again; nothing proposed."""

PAID: frozenset[Outcome] = frozenset({"auto_approve", "proposed_approve"})
NOT_PAID: frozenset[Outcome] = frozenset({"hold", "failed", "dropped", "none"})

AUTO_LIMIT = Decimal("2000.00")
"""Our AP practice: a machine may approve an invoice on its own only up to this amount (in the
invoice's currency), from a vendor people have approved before, with its PO printed. It is the same
figure as opsloop's default autonomy rule; the label is ours."""


@dataclass(frozen=True)
class Label:
    decision: Decision
    why: str
    """In AP terms: what a careful clerk would do and why."""
    problems: frozenset[str] = frozenset()
    """What a clerk would write on the hold (our words, `PROBLEMS`)."""
    tolerated: frozenset[str] = frozenset()
    """Problems that follow from the main one and may be named too without counting against precision
    (a cancelled PO was also never received)."""
    auto_ok: bool = False
    """An automatic approval is acceptable (approve only)."""
    may_drop: bool = False
    """Refusing the file at the door (the same bytes again) is as good as holding it."""

    def __post_init__(self) -> None:
        unknown = (self.problems | self.tolerated) - PROBLEMS.keys()
        if unknown:
            raise ValueError(f"unknown problem names {sorted(unknown)}")
        if self.decision == "hold" and not self.problems:
            raise ValueError("a hold names the problem")

    def acceptable(self) -> frozenset[Outcome]:
        if self.decision == "approve":
            return frozenset({"auto_approve", "proposed_approve"} if self.auto_ok else {"proposed_approve"})
        if self.decision == "person":
            return frozenset({"proposed_approve", "hold"})
        if self.decision == "credit":
            return frozenset({"credit"})
        return frozenset({"hold", "dropped"} if self.may_drop else {"hold"})


@dataclass(frozen=True)
class Verdict:
    """One case scored."""

    right: bool
    wrong_approval: Literal["should_hold", "needed_person"] | None = None
    automatic: bool = False
    false_hold: bool = False
    detected: frozenset[str] = field(default_factory=frozenset)
    """Our problems opsloop named (through `OPSLOOP_NAMES`)."""
    missed: frozenset[str] = field(default_factory=frozenset)
    spurious: frozenset[str] = field(default_factory=frozenset)
    """opsloop's types that name no problem of the case (nor a tolerated one)."""


def problems_named(opsloop_types: frozenset[str]) -> frozenset[str]:
    return frozenset(p for p, names in OPSLOOP_NAMES.items() if opsloop_types & set(names))


def judge(label: Label, outcome: Outcome, opsloop_types: frozenset[str]) -> Verdict:
    """Score one case: the decision, wrong approvals, false holds, and which problems were named."""
    right = outcome in label.acceptable()
    wrong: Literal["should_hold", "needed_person"] | None = None
    if outcome in PAID and label.decision in ("hold", "credit"):
        wrong = "should_hold"
    elif outcome == "auto_approve" and not right:
        wrong = "needed_person"
    false_hold = label.decision in ("approve", "person") and outcome in NOT_PAID and not right
    expected_names = {n for p in label.problems for n in OPSLOOP_NAMES[p]}
    tolerated_names = {n for p in label.tolerated for n in OPSLOOP_NAMES[p]}
    detected = frozenset(p for p in label.problems if opsloop_types & set(OPSLOOP_NAMES[p]))
    return Verdict(
        right=right,
        wrong_approval=wrong,
        automatic=outcome == "auto_approve",
        false_hold=false_hold,
        detected=detected,
        missed=label.problems - detected,
        spurious=frozenset(t for t in opsloop_types if t not in expected_names and t not in tolerated_names),
    )
