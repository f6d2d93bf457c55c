"""The eval's clerk follows the review API's contract: when the API asks for a confirmation (428), the
clerk confirms with `confirmed: true` only because its own check found the invoice right, and the
confirmation is counted; a case it would not approve is left open."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from evals.decisions.runner import CompanyRun, _clerk_approves


class _Api:
    """The two calls the clerk makes, recorded; the first approval asks for a confirmation."""

    def __init__(self) -> None:
        self.calls: list[bool] = []

    def proposals_of(self, document_id: int) -> list[dict[str, Any]]:
        return [
            {
                "id": 7,
                "version": 1,
                "kind": "invoice_approve",
                "state": "pending",
                "payload": {"action": "approve_payment"},
            }
        ]

    def decide(
        self, proposal_id: int, version: int, action: str, reason: str, *, confirmed: bool = False
    ) -> list[str] | None:
        self.calls.append(confirmed)
        return None if confirmed else ["Pay 10.00 EUR", "against failed checks: total_matches_lines"]


def _case(decision: str) -> Any:
    return SimpleNamespace(
        id="history-1", label=SimpleNamespace(decision=decision), vendor=SimpleNamespace(erp_id="V1")
    )


def test_the_clerk_confirms_through_the_api_only_what_its_own_check_found_right() -> None:
    api, run = _Api(), CompanyRun(seed=0, cases=[], observations={})
    # WHEN the API asks to confirm an approval of an invoice the clerk checked and found right
    _clerk_approves(api, 1, _case("approve"), run)  # type: ignore[arg-type]
    # THEN the clerk sends it again with confirmed: true, and the confirmation is counted with its summary
    assert api.calls == [False, True]
    assert run.established == {"V1": 1}
    assert run.confirmations == [
        {"case": "history-1", "summary": ["Pay 10.00 EUR", "against failed checks: total_matches_lines"]}
    ]
    # AND an invoice the clerk's check did not find right is not confirmed: it stays open
    api, run = _Api(), CompanyRun(seed=0, cases=[], observations={})
    _clerk_approves(api, 1, _case("hold"), run)  # type: ignore[arg-type]
    assert api.calls == [False] and run.established == {} and run.confirmations == []
