"""Replay an autonomy policy over the recorded history before it is saved.

For every document (or planner proposal) since a date: the proposal as it arrived (before any
person edited it; an edit keeps that snapshot), what the candidate policy would have done with it
(`evaluate_autonomy`, the policy's own evaluation, on a transient copy: nothing is written), and
what actually happened (people approved it as it was, edited it, held or rejected it, or reversed an
automatic approval). Per rule and per amount threshold: how many decisions it would have automated,
how many of those people had overturned or edited (the would-be error rate), and the money at stake.

What the replay cannot know, it says: a proposal nobody has decided yet counts as undecided (not as
right); the earlier approvals a rule counts (`min_vendor_approvals`) and the rules the drift guard
has suspended are read as they stand today.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session, col, select

from opsloop.errors import ConfigError, NotFoundError
from opsloop.review.autonomy import AutonomyPolicy, evaluate_autonomy
from opsloop.review.decisions import DecisionAction, judged_amount
from opsloop.store.tables import Proposal, ReviewDecision

THRESHOLDS = (
    Decimal(100),
    Decimal(250),
    Decimal(500),
    Decimal(1000),
    Decimal(2000),
    Decimal(5000),
    Decimal(10000),
)
"""Amount limits each rule is replayed at, beside its own."""
TERMINAL = {
    DecisionAction.APPROVE.value,
    DecisionAction.REJECT.value,
    DecisionAction.HOLD.value,
    DecisionAction.RELEASE.value,
}


def read_policy_file(path: Path) -> AutonomyPolicy:
    """A candidate policy from a TOML file shaped like `review/autonomy.toml`; a clear error otherwise."""
    if not path.is_file():
        raise NotFoundError(f"no policy file {path}", hint="Give the path of a TOML file like autonomy.toml.")
    try:
        return AutonomyPolicy.model_validate(tomllib.loads(path.read_text("utf-8")))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"{path} is not an autonomy policy: {where}: {first['msg']}",
            hint="Start from src/opsloop/review/autonomy.toml (version, always_human, rules, ...).",
        ) from error


def proposal_snapshot(proposal: Proposal) -> dict[str, Any]:
    """What the autonomy policy reads of a proposal, as it is now (kept with an edit: the replay
    judges the proposal as it arrived, not as people corrected it)."""
    return {
        "kind": proposal.kind,
        "title": proposal.title,
        "summary": proposal.summary,
        "payload": proposal.payload,
        "working": proposal.working,
        "amount": None if proposal.amount is None else format(proposal.amount, "f"),
        "currency": proposal.currency,
        "confidence": proposal.confidence,
    }


class ThresholdRow(BaseModel):
    threshold: Decimal
    automated: int
    errors: int
    """Of those automated: overturned or edited by people."""
    error_rate: float | None
    amount: Decimal


class RuleReplay(BaseModel):
    rule_id: str
    kinds: list[str]
    max_amount: Decimal | None
    automated: int = 0
    """Decisions the rule would have made."""
    agreed: int = 0
    """People approved them as they were (or let the automatic approval stand)."""
    edited: int = 0
    """People corrected the invoice before deciding (the automatic decision would have paid it unread)."""
    overturned: int = 0
    """People held, rejected or reversed it."""
    undecided: int = 0
    amount: Decimal = Decimal(0)
    """Money the rule would have decided on its own."""
    amount_at_risk: Decimal = Decimal(0)
    """Of that, in decisions people overturned or edited."""
    thresholds: list[ThresholdRow] = Field(default_factory=list)

    @property
    def errors(self) -> int:
        return self.edited + self.overturned

    @property
    def error_rate(self) -> float | None:
        known = self.agreed + self.errors
        return None if known == 0 else self.errors / known


class ReplayReport(BaseModel):
    policy_version: str
    since: datetime | None
    cases: int
    """Documents (and planner proposals) in the history replayed."""
    automated: int
    errors: int
    undecided: int
    amount: Decimal
    amount_at_risk: Decimal
    held: dict[str, int]
    """Always-human reasons that kept cases with people, by rule name."""
    rules: list[RuleReplay]

    @property
    def error_rate(self) -> float | None:
        known = self.automated - self.undecided
        return None if known <= 0 else self.errors / known


class _Case(BaseModel):
    arrival: dict[str, Any]
    proposal_id: int
    document_id: int | None
    created_at: datetime
    outcome: str
    """agreed | edited | overturned | undecided"""


def _probe(case: _Case) -> Proposal:
    snap = case.arrival
    amount = snap.get("amount")
    return Proposal(  # a transient copy as it arrived, pending: never added to the session
        id=case.proposal_id,
        kind=str(snap.get("kind")),
        state="pending",
        subject_key=f"replay:{case.proposal_id}",
        document_id=case.document_id,
        title=str(snap.get("title") or ""),
        summary=str(snap.get("summary") or ""),
        payload=dict(snap.get("payload") or {}),
        working=dict(snap.get("working") or {}),
        amount=None if amount is None else Decimal(str(amount)),
        currency=snap.get("currency"),
        confidence=snap.get("confidence"),
    )


def _outcome(decisions: list[ReviewDecision]) -> str:
    undone = {d.changes.get("_undoes") for d in decisions if d.action == DecisionAction.UNDO.value}
    effective = [d for d in decisions if d.id not in undone and d.action != DecisionAction.UNDO.value]
    auto = next((d for d in effective if d.autonomy_rule and d.action == DecisionAction.APPROVE.value), None)
    people = [d for d in effective if d.autonomy_rule is None and not d.actor.startswith("autonomy:")]
    if auto is not None:
        later = [d for d in people if (d.id or 0) > (auto.id or 0)]
        if any(d.action == DecisionAction.REVERSE.value for d in later):
            return "overturned"
        if any(d.action == DecisionAction.EDIT.value for d in later):
            return "edited"
        return "agreed"
    if any(d.action == DecisionAction.EDIT.value for d in people):
        return "edited"
    final = [d for d in people if d.action in TERMINAL | {DecisionAction.REVERSE.value}]
    if not final:
        return "undecided"
    last = final[-1].action
    if last in (DecisionAction.APPROVE.value, DecisionAction.RELEASE.value):
        return "agreed"
    return "overturned"


def recorded_cases(session: Session, kinds: Iterable[str], since: datetime | None = None) -> list[_Case]:
    """The history: per document its first proposal of `kinds` as it arrived, and what people did
    with the document's proposals; planner proposals (no document) one by one."""
    wanted = sorted(set(kinds))
    if not wanted:
        return []
    query = select(Proposal).where(col(Proposal.kind).in_(wanted)).order_by(col(Proposal.id))
    proposals = list(session.exec(query).all())
    groups: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        key = (
            f"document:{proposal.document_id}"
            if proposal.document_id is not None
            else f"proposal:{proposal.id}"
        )
        groups.setdefault(key, []).append(proposal)
    ids = [p.id for p in proposals if p.id is not None]
    decisions: dict[int, list[ReviewDecision]] = {}
    for decision in session.exec(
        select(ReviewDecision)
        .where(col(ReviewDecision.proposal_id).in_(ids))
        .order_by(col(ReviewDecision.id))
    ).all():
        decisions.setdefault(decision.proposal_id, []).append(decision)
    cases: list[_Case] = []
    for group in groups.values():
        first = group[0]
        assert first.id is not None
        if since is not None and first.created_at < since:
            continue
        made = sorted((d for p in group for d in decisions.get(p.id or 0, [])), key=lambda d: d.id or 0)
        arrival = proposal_snapshot(first)
        for decision in made:
            restore = (decision.changes or {}).get("_restore") or {}
            if decision.action == DecisionAction.EDIT.value and isinstance(restore.get("proposal"), dict):
                arrival = restore["proposal"]
                break
        cases.append(
            _Case(
                arrival=arrival,
                proposal_id=first.id,
                document_id=first.document_id,
                created_at=first.created_at,
                outcome=_outcome(made),
            )
        )
    return cases


def _count(rule: RuleReplay, case: _Case, amount: Decimal) -> None:
    rule.automated += 1
    rule.amount += amount
    if case.outcome == "undecided":
        rule.undecided += 1
        return
    if case.outcome == "agreed":
        rule.agreed += 1
        return
    rule.amount_at_risk += amount
    if case.outcome == "edited":
        rule.edited += 1
    else:
        rule.overturned += 1


def replay_policy(session: Session, policy: AutonomyPolicy, *, since: datetime | None = None) -> ReplayReport:
    """Run `policy` over the recorded history (see the module doc). Reads only."""
    kinds = {kind for rule in policy.rules for kind in rule.kinds}
    cases = recorded_cases(session, kinds, since)
    rules = {
        rule.id: RuleReplay(rule_id=rule.id, kinds=rule.kinds, max_amount=rule.max_amount)
        for rule in policy.rules
    }
    held: dict[str, int] = {}
    open_limits: dict[str, list[tuple[Decimal, _Case]]] = {rule.id: [] for rule in policy.rules}
    unlimited = {
        rule.id: policy.model_copy(
            update={
                "rules": [
                    r if r.id != rule.id else r.model_copy(update={"max_amount": None}) for r in policy.rules
                ]
            }
        )
        for rule in policy.rules
        if rule.max_amount is not None
    }
    for case in cases:
        probe = _probe(case)
        amount = abs(judged_amount(probe) or Decimal(0))
        verdict = evaluate_autonomy(session, probe, policy)
        if verdict.rule_id is not None and verdict.rule_id in rules:
            _count(rules[verdict.rule_id], case, amount)
        else:
            names = [reason.split(":", 1)[0] for reason in verdict.reasons]
            human = [n for n in names if n in policy.always_human or n == "staffing_reduction"]
            for name in human or ["no auto rule matched"]:
                held[name] = held.get(name, 0) + 1
        for rule_id in rules:
            variant = unlimited.get(rule_id)
            if variant is None:
                if verdict.rule_id == rule_id:
                    open_limits[rule_id].append((amount, case))
                continue
            wide = evaluate_autonomy(session, probe, variant)
            if wide.rule_id == rule_id:
                open_limits[rule_id].append((amount, case))
    for rule in policy.rules:
        replay = rules[rule.id]
        limits = sorted({*THRESHOLDS, *([rule.max_amount] if rule.max_amount is not None else [])})
        if policy.global_limit is not None:
            limits = [t for t in limits if t <= policy.global_limit]
        for limit in limits:
            within = [(a, c) for a, c in open_limits[rule.id] if a <= limit]
            known = [c for _, c in within if c.outcome != "undecided"]
            errors = sum(1 for c in known if c.outcome in ("edited", "overturned"))
            replay.thresholds.append(
                ThresholdRow(
                    threshold=limit,
                    automated=len(within),
                    errors=errors,
                    error_rate=None if not known else errors / len(known),
                    amount=sum((a for a, _ in within), Decimal(0)),
                )
            )
    listed = list(rules.values())
    return ReplayReport(
        policy_version=policy.version,
        since=since,
        cases=len(cases),
        automated=sum(r.automated for r in listed),
        errors=sum(r.errors for r in listed),
        undecided=sum(r.undecided for r in listed),
        amount=sum((r.amount for r in listed), Decimal(0)),
        amount_at_risk=sum((r.amount_at_risk for r in listed), Decimal(0)),
        held=dict(sorted(held.items(), key=lambda kv: -kv[1])),
        rules=listed,
    )
