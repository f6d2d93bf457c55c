"""Every LLM request goes through here: the cache, the re-ask loop and the record of each call.

The cache is the `llm_calls` table itself: a call that produced a validated answer keeps it in
`response`, keyed by the prompt hash (which covers the prompt version, texts, output schema and
structured-output method), the model and the input hash (the rendered user message). Asking the
same again returns that answer and records a `cache_hit` costing 0 tokens.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError
from sqlmodel import Session, col, select
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from opsloop.llm.client import LLMClient, LLMRequestError, LLMUnavailable
from opsloop.llm.prompts import Prompt
from opsloop.llm.schema import compact_schema
from opsloop.llm.usage import cost_of
from opsloop.settings import LLMSettings
from opsloop.store.tables import LLMCall

T = TypeVar("T", bound=BaseModel)

MAX_REASK_ECHO = 4000
"""Characters of the rejected answer quoted back in a re-ask."""


@dataclass
class ChainResult(Generic[T]):
    """What a structured request came to, over all its attempts."""

    answer: T | None
    outcome: str
    """ok | cache_hit | invalid (validation failed within the re-ask budget) | unavailable | error"""
    errors: list[str] = field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    cost: Decimal | None = Decimal(0)
    """None when a call's model has no price in `llm.prices`."""
    calls: int = 0
    """Requests sent (re-asks included; a cache hit sends none)."""
    approximate_tokens: bool = False
    last_answer: T | None = None
    """The last schema-valid answer that failed the other validators (for the caller to weigh)."""

    @property
    def succeeded(self) -> bool:
        return self.answer is not None


class _Invalid(Exception):
    def __init__(self, errors: list[str], raw_text: str) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.raw_text = raw_text


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def schema_errors(error: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in item['loc']) or '(root)'}: {item['msg']}" for item in error.errors()[:20]
    ]


def reask_message(raw_text: str, errors: list[str]) -> HumanMessage:
    listed = "\n".join(f"- {e}" for e in errors)
    return HumanMessage(
        "Your previous answer was:\n"
        f"{raw_text[:MAX_REASK_ECHO]}\n\n"
        f"It failed validation:\n{listed}\n\n"
        "Answer again with the corrected JSON object. Use null for any value that is not printed in "
        "the document; never compute or invent one."
    )


def cached_answer(
    session: Session, prompt_hash: str, model: str, input_hash: str
) -> dict[str, object] | None:
    row = session.exec(
        select(LLMCall)
        .where(
            LLMCall.prompt_hash == prompt_hash,
            LLMCall.model == model,
            LLMCall.input_hash == input_hash,
            LLMCall.outcome == "ok",
            col(LLMCall.response).is_not(None),
        )
        .order_by(col(LLMCall.id).desc())
        .limit(1)
    ).first()
    return row.response if row is not None else None


def pending_llm_documents(session: Session) -> list[int]:
    """Documents whose latest LLM call did not reach the model (endpoint down, breaker open): they
    went on with the offline engines and want an LLM pass when the endpoint is back."""
    latest: dict[int, str] = {}
    rows = session.exec(
        select(LLMCall.document_id, LLMCall.outcome)
        .where(col(LLMCall.document_id).is_not(None))
        .order_by(col(LLMCall.id))
    ).all()
    for document_id, outcome in rows:
        if document_id is not None:
            latest[document_id] = outcome
    return sorted(d for d, outcome in latest.items() if outcome in ("fallback", "error"))


def run_structured(
    prompt: Prompt,
    document: str,
    answer_model: type[T],
    validate: Callable[[T], list[str]],
    *,
    settings: LLMSettings,
    purpose: str,
    session: Session | None = None,
    document_id: int | None = None,
    client: LLMClient | None = None,
    system_vars: dict[str, str] | None = None,
    user_data: dict[str, str] | None = None,
) -> ChainResult[T]:
    """Ask for ``answer_model`` about ``document``: from the cache when it is there, else from the
    model, re-asking with the validation errors up to `settings.max_reasks` times. ``user_data`` fills
    the user template's other slots (already fenced: it is data too)."""
    schema = compact_schema(answer_model)
    method = settings.structured_output_method
    model = settings.model or ""
    prompt_hash = prompt.template_hash(schema, method, system_vars)
    user = prompt.render_user(document, user_data)
    input_hash = sha256_text(user)

    def record(
        outcome: str,
        *,
        tokens: tuple[int, int] = (0, 0),
        latency: int = 0,
        error: str | None = None,
        response: dict[str, object] | None = None,
        cost: Decimal | None = Decimal(0),
    ) -> None:
        if session is None:
            return
        session.add(
            LLMCall(
                document_id=document_id,
                purpose=purpose,
                model=model,
                prompt_name=prompt.name,
                prompt_version=prompt.version,
                prompt_hash=prompt_hash,
                input_hash=input_hash,
                tokens_in=tokens[0],
                tokens_out=tokens[1],
                latency_ms=latency,
                cost=cost,
                outcome=outcome,
                error=error,
                response=response,
            )
        )
        session.flush()

    if session is not None:
        hit = cached_answer(session, prompt_hash, model, input_hash)
        if hit is not None:
            try:
                answer = answer_model.model_validate(hit)
            except ValidationError:
                answer = None
            if answer is not None:
                record("cache_hit")
                return ChainResult(answer=answer, outcome="cache_hit")

    result: ChainResult[T] = ChainResult(answer=None, outcome="invalid")
    try:
        active = client or LLMClient(settings)
    except LLMUnavailable as error:
        record("fallback", error=error.message)
        return ChainResult(answer=None, outcome="unavailable", errors=[error.message])
    base: list[BaseMessage] = [SystemMessage(prompt.render_system(system_vars)), HumanMessage(user)]
    state: dict[str, _Invalid | None] = {"last": None}

    def attempt() -> T:
        messages = list(base)
        last = state["last"]
        if last is not None:
            messages.append(reask_message(last.raw_text, last.errors))
        reply = active.complete(messages, schema)
        result.calls += 1
        result.tokens_in += reply.tokens_in
        result.tokens_out += reply.tokens_out
        result.approximate_tokens = result.approximate_tokens or reply.approximate_tokens
        cost = cost_of(settings, model, reply.tokens_in, reply.tokens_out)
        result.cost = None if cost is None or result.cost is None else result.cost + cost
        errors: list[str] = [reply.error] if reply.error else []
        answer: T | None = None
        if reply.data is not None:
            try:
                answer = answer_model.model_validate(reply.data)
            except ValidationError as error:
                errors.extend(schema_errors(error))
        if answer is not None:
            errors.extend(validate(answer))
        tokens = (reply.tokens_in, reply.tokens_out)
        if errors or answer is None:
            result.last_answer = answer
            final = result.calls > settings.max_reasks
            record(
                "invalid" if final else "reasked",
                tokens=tokens,
                latency=reply.latency_ms,
                error="; ".join(errors)[:4000],
                cost=cost,
            )
            invalid = _Invalid(errors or ["no answer"], reply.raw_text)
            state["last"] = invalid
            raise invalid
        record(
            "ok", tokens=tokens, latency=reply.latency_ms, response=answer.model_dump(mode="json"), cost=cost
        )
        return answer

    try:
        retrying = Retrying(
            retry=retry_if_exception_type(_Invalid),
            stop=stop_after_attempt(settings.max_reasks + 1),
            reraise=True,
        )
        result.answer = retrying(attempt)
        result.outcome = "ok"
    except _Invalid as invalid:
        result.outcome, result.errors = "invalid", invalid.errors
    except LLMUnavailable as error:
        refused = "circuit breaker is open" in error.message
        record("fallback" if refused else "error", error=error.message)
        result.outcome, result.errors = "unavailable", [error.message]
    except LLMRequestError as error:
        record("error", error=error.message)
        result.outcome, result.errors = "error", [error.message]
    return result
