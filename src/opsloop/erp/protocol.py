"""What every ERP connector offers: the push side (write-back of approved actions, `Connector`) and
the pull side (records for the mirror, `Source`, used by `opsloop.erp.sync`)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, Field

from opsloop.erp.records import Pull, RecordType
from opsloop.errors import OpsloopError


class ActionKind(StrEnum):
    POST_INVOICE = "post_invoice"
    """Create/post the supplier invoice (draft in the ERP) so it can be paid."""
    HOLD_INVOICE = "hold_invoice"
    REQUEST_CREDIT_NOTE = "request_credit_note"
    CREATE_PURCHASE_ORDER = "create_purchase_order"
    CREATE_PURCHASE_REQUEST = "create_purchase_request"
    CHANGE_SAFETY_STOCK = "change_safety_stock"
    ADJUST_STOCK = "adjust_stock"
    CHANGE_SHIFT = "change_shift"
    REJECT_INVOICE = "reject_invoice"
    """Tell the ERP that an invoice was rejected (payload: invoice number, vendor, amount, reason);
    nothing is booked."""
    REVERSE_ACTION = "reverse_action"
    """Compensate an action already pushed (payload: `reverses` = its idempotency key, `reverses_kind`,
    `external_id` = what the ERP created, `reason`), e.g. cancel the draft invoice it created."""


class ErpAction(BaseModel):
    """An approved action on its way to the ERP (one outbox row)."""

    kind: ActionKind
    idempotency_key: str
    """Stable per approved decision; a connector must not apply the same key twice."""
    payload: dict[str, Any] = Field(default_factory=dict)


class PushResult(BaseModel):
    external_id: str | None = None
    """The ERP's id for what was created or changed."""
    detail: str


class PushRejected(Exception):
    """The ERP refused the action for good (validation); retrying will not help."""


class Connector(Protocol):
    name: str
    reversible: frozenset[ActionKind]
    """The action kinds whose pushed result this connector can undo with a REVERSE_ACTION; for the
    others a reversal after the push is recorded in opsloop only and a person undoes it in the ERP."""

    def push(self, action: ErpAction) -> PushResult:
        """Apply `action` exactly once per idempotency key. Raise PushRejected for a permanent
        refusal; any other exception is treated as transient and retried."""
        ...


class InvoiceStates(Protocol):
    """What a connector that writes draft invoices may also tell: the state in the ERP of invoices it
    wrote, by their external ids (`draft`, `validated`, `posted`, `paid`, `cancelled`, or `deleted` for
    one the ERP no longer has). A connector without it is not asked."""

    def invoice_states(self, external_ids: Sequence[str]) -> dict[str, str]: ...


# --------------------------------------------------------------------------- pull side


class ConnectorUnavailable(OpsloopError):
    """The ERP could not be reached or answered with a server error; sync retries, then records it."""

    hint = "Check that the ERP is running and reachable, then run `opsloop sync` again."


class ConnectorAuthFailed(OpsloopError):
    """The ERP refused our credentials; retrying will not help."""

    hint = "Check the ERP user and password (OPSLOOP_ERP__USER / OPSLOOP_ERP__PASSWORD)."


class Source(Protocol):
    """The pull side of a connector."""

    name: str

    def record_types(self) -> Sequence[RecordType]:
        """The record types this ERP can deliver (sync pulls them in `RecordType` order)."""
        ...

    def pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        """Every record of `record_type` changed since `cursor` (all of them when it is None), and
        the cursor to pass next time. Raise ConnectorUnavailable for a transient failure (retried)
        and ConnectorAuthFailed when the credentials are refused."""
        ...
