"""What every ERP connector offers. The push side (write-back of approved actions) is here; the pull
side (sync into the mirror) is added with the sync jobs."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, Field


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

    def push(self, action: ErpAction) -> PushResult:
        """Apply `action` exactly once per idempotency key. Raise PushRejected for a permanent
        refusal; any other exception is treated as transient and retried."""
        ...
