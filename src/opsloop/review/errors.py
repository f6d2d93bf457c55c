"""The ways a review decision is refused, each with what to do next (one root: OpsloopError)."""

from __future__ import annotations

from opsloop.errors import NotFoundError, OpsloopError


class DecisionConflict(OpsloopError):
    hint = "Someone else decided or changed this proposal first: reload it and look again."


class NotAllowed(OpsloopError):
    hint = "Ask an admin for the right role or approval limit, or leave the decision to a colleague."


class InvalidDecision(OpsloopError):
    hint = "Type `help` in the conversation to see what can be said."


class NeedsConfirmation(OpsloopError):
    """The decision is above the confirmation threshold or against a check: it is carried out only
    when asked again with `confirmed` (the summary says what will happen)."""

    hint = "Confirm to go ahead, or leave it."

    def __init__(self, message: str, summary: list[str]) -> None:
        super().__init__(message)
        self.summary = summary


class ProposalNotFound(NotFoundError):
    hint = "List what is waiting with `opsloop review` or GET /api/proposals."


class AgreementNotFound(NotFoundError):
    hint = "List the recurring charges with GET /api/recurring-agreements or the workspace's Recurring charges page."
