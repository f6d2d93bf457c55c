"""Token usage and cost: cost per call from the configured price table, and the `opsloop costs`
summary by day, model and document kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from opsloop.settings import LLMSettings
from opsloop.store.tables import Document, LLMCall

MILLION = Decimal(1_000_000)
COST_QUANTUM = Decimal("0.000001")


def cost_of(settings: LLMSettings, model: str, tokens_in: int, tokens_out: int) -> Decimal | None:
    """What a call cost by `llm.prices[model]` (per million tokens); None when the model has no price."""
    price = settings.prices.get(model)
    if price is None:
        return None
    value = (Decimal(tokens_in) * price.input + Decimal(tokens_out) * price.output) / MILLION
    return value.quantize(COST_QUANTUM)


@dataclass
class CostRow:
    day: date
    model: str
    kind: str
    """The document's family (invoice, conversation), else the call's purpose."""
    calls: int = 0
    """Requests sent to the model."""
    cache_hits: int = 0
    failures: int = 0
    """Calls that ended invalid, in error, or refused by the breaker."""
    tokens_in: int = 0
    tokens_out: int = 0
    cost: Decimal = Decimal(0)
    unpriced_calls: int = 0
    """Calls whose model has no price: their cost is not in `cost`."""


def summarise_costs(
    session: Session, *, since: date | None = None, until: date | None = None
) -> list[CostRow]:
    """Calls, tokens and cost per (day, model, kind), oldest day first."""
    rows = session.exec(
        select(LLMCall, Document.family)
        .join(Document, col(LLMCall.document_id) == col(Document.id), isouter=True)
        .order_by(col(LLMCall.at))
    ).all()
    groups: dict[tuple[date, str, str], CostRow] = {}
    for call, family in rows:
        day = call.at.date()
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        kind = family or call.purpose.split("_", 1)[0]
        row = groups.setdefault((day, call.model, kind), CostRow(day=day, model=call.model, kind=kind))
        if call.outcome == "cache_hit":
            row.cache_hits += 1
        elif call.outcome not in ("fallback",):
            row.calls += 1
        if call.outcome in ("invalid", "error", "fallback"):
            row.failures += 1
        row.tokens_in += call.tokens_in
        row.tokens_out += call.tokens_out
        if call.cost is None:
            if call.outcome not in ("cache_hit", "fallback"):
                row.unpriced_calls += 1
        else:
            row.cost += call.cost
    return sorted(groups.values(), key=lambda r: (r.day, r.model, r.kind))
