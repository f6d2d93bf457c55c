"""The reconciler: vendor, PO and receipt matching under a tolerance policy, duplicates, and
explained decisions. Pure functions over a `Mirror` (an indexed in-memory view of the ERP mirror)."""

from opsloop.reconcile.history import (
    HeldRecheck,
    record_reconciliation,
    relink_credit_notes,
    rereconcile_held,
    settle_credit_requests,
)
from opsloop.reconcile.mirror import Mirror, load_mirror
from opsloop.reconcile.pairs import credits_applied_to, pair_credit_notes, queue_invoice_proposal
from opsloop.reconcile.policies import default_policy, load_policy, save_policy
from opsloop.reconcile.proposals import propose_invoice_action
from opsloop.reconcile.reconciler import reconcile_invoice
from opsloop.reconcile.vendors import resolve_vendor

__all__ = [
    "HeldRecheck",
    "Mirror",
    "credits_applied_to",
    "default_policy",
    "load_mirror",
    "load_policy",
    "pair_credit_notes",
    "propose_invoice_action",
    "queue_invoice_proposal",
    "reconcile_invoice",
    "record_reconciliation",
    "relink_credit_notes",
    "rereconcile_held",
    "resolve_vendor",
    "save_policy",
    "settle_credit_requests",
]
