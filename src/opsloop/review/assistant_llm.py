"""The LLM review assistant: free text the grammar does not understand goes to the model with tools.

The model may look things up with read-only tools (the proposal's working and evidence, a purchase
order, what else is pending from the vendor, one check) and may call ONE action tool,
`suggest_command`, whose command must parse in the offline grammar. Nothing is applied here: the
reply shows the suggestion and the reviewer confirms it by sending that command themselves.
Proposal and document text goes to the model fenced as untrusted data. When the endpoint is down,
the breaker is open, or the model gives no usable answer within `MAX_ROUNDS`, this returns None
and the grammar's own reply stands.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import BaseTool, StructuredTool
from sqlmodel import Session

from opsloop.errors import OpsloopError
from opsloop.llm.client import LLMClient, LLMRequestError, LLMUnavailable
from opsloop.llm.prompts import fence, load_prompt
from opsloop.llm.usage import cost_of
from opsloop.review.accounts import Actor
from opsloop.review.assistant import Reply, explain, parse_command, show_po, vendor_pending
from opsloop.review.decisions import get_proposal
from opsloop.settings import Settings
from opsloop.store.tables import LLMCall, Proposal

MAX_ROUNDS = 4
"""Model requests per reviewer message (each tool round is one)."""
PURPOSE = "review_assistant"
SUGGESTABLE = frozenset(
    {
        "approve",
        "keep_on_hold",
        "request_credit_note",
        "hold",
        "release",
        "reject",
        "undo",
        "edit",
        "comment",
        "assign",
        "show_po",
        "vendor_pending",
        "price_check",
        "why_here",
        "next",
        "why",
        "help",
    }
)
"""Grammar commands the model may suggest (never `unknown` or a mere `sounds like`)."""


def check_suggestion(command: str) -> str | None:
    """Why ``command`` cannot be suggested (it does not parse as one grammar command), or None."""
    parsed = parse_command(command)
    if parsed.name not in SUGGESTABLE:
        return (
            f"{command!r} is not a command the reviewer can send; use one of: approve, reject: <reason>, "
            "set <field> to <value>, comment: <text>, assign to <name>, show PO <number>, next, why?"
        )
    if parsed.name in ("reject", "hold", "release") and not parsed.argument:
        return f"that decision needs its reason: `{parsed.name}: <reason>`"
    return None


def proposal_context(session: Session, proposal: Proposal) -> str:
    """What the model is told about the proposal (goes inside the untrusted fence)."""
    head = [
        f"Proposal #{proposal.id} ({proposal.kind}, state {proposal.state}): {proposal.title}",
        f"Amount: {proposal.amount} {proposal.currency or ''}".rstrip(),
        f"Payload: {proposal.payload}",
    ]
    return "\n".join([*head, *explain(session, proposal)])


def _tools(session: Session, proposal: Proposal, suggestions: list[tuple[str, str]]) -> list[BaseTool]:
    def proposal_working() -> str:
        """The proposal's working and evidence: inputs, formula, numbers, checks, variances, and the
        document text behind each extracted field."""
        return proposal_context(session, proposal)

    def show_purchase_order(number: str) -> str:
        """A purchase order from the ERP mirror: its lines, what was received and its receipts."""
        return show_po(session, number).text

    def pending_from_vendor() -> str:
        """The other open proposals about the same vendor."""
        return vendor_pending(session, proposal).text

    def explain_check(name: str) -> str:
        """The result and detail of one check of the proposal, by (part of) its name."""
        checks = [c for c in proposal.working.get("checks") or [] if isinstance(c, dict)]
        wanted = name.lower().replace("_", " ")
        for check in checks:
            if wanted in str(check.get("name", "")).lower().replace("_", " "):
                result = check.get("passed")
                passed = (
                    "passed" if result is True else "failed" if result is False else "could not be decided"
                )
                return f"check {check.get('name')}: {passed}; {check.get('detail') or 'no detail'}"
        names = ", ".join(str(c.get("name")) for c in checks) or "none"
        return f"there is no check named {name!r}; the checks are: {names}"

    def suggest_command(command: str, reason: str = "") -> str:
        """Suggest ONE grammar command for the reviewer to confirm (e.g. `approve`,
        `reject: price too high`, `set quantity to 40`). It is not applied: the reviewer sends it."""
        problem = check_suggestion(command)
        if problem is not None:
            return f"not suggested: {problem}"
        suggestions.append((" ".join(command.split()), reason.strip()))
        return "suggested; the reviewer will confirm it or not"

    functions: list[Callable[..., Any]] = [
        suggest_command,
        proposal_working,
        show_purchase_order,
        pending_from_vendor,
        explain_check,
    ]
    return [StructuredTool.from_function(func=f) for f in functions]


def _record(
    session: Session,
    settings: Settings,
    proposal: Proposal,
    input_hash: str,
    prompt_hash: str,
    *,
    outcome: str,
    message: AIMessage | None = None,
    latency: int = 0,
    error: str | None = None,
) -> None:
    model = settings.llm.model or ""
    usage = message.usage_metadata if message is not None else None
    tokens_in, tokens_out = (int(usage["input_tokens"]), int(usage["output_tokens"])) if usage else (0, 0)
    session.add(
        LLMCall(
            document_id=proposal.document_id,
            purpose=PURPOSE,
            model=model,
            prompt_name="review_assistant",
            prompt_version=load_prompt("review_assistant", settings.llm.prompts_dir).version,
            prompt_hash=prompt_hash,
            input_hash=input_hash,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            latency_ms=latency,
            cost=cost_of(settings.llm, model, tokens_in, tokens_out),
            outcome=outcome,
            error=error,
        )
    )
    session.flush()


def ask_assistant(
    session: Session,
    proposal_id: int,
    actor: Actor,
    text: str,
    settings: Settings,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Reply | None:
    """Answer free text about a proposal with the model and its tools: a suggested command to confirm,
    or a plain answer. None when no LLM is configured or it cannot answer (the caller's reply stands).
    Never decides anything."""
    if not settings.llm.configured:
        return None
    client = LLMClient(settings.llm, sleep=sleep)
    if not client.guard.breaker.allow():
        return None
    proposal = get_proposal(session, proposal_id)
    prompt = load_prompt("review_assistant", settings.llm.prompts_dir)
    suggestions: list[tuple[str, str]] = []
    tools = {tool.name: tool for tool in _tools(session, proposal, suggestions)}
    chat = client.chat.bind_tools(list(tools.values()))
    user = prompt.render_user(proposal_context(session, proposal))
    said = f"The reviewer ({actor.username}) says: {' '.join(text.split())}"
    messages: list[BaseMessage] = [
        SystemMessage(prompt.render_system()),
        HumanMessage(user),
        HumanMessage(said),
    ]
    input_hash = hashlib.sha256(f"{user}\n{said}".encode()).hexdigest()
    prompt_hash = prompt.template_hash(method="tools")
    for _ in range(MAX_ROUNDS):
        try:
            # the client's retries (Retry-After honoured), rate limit, concurrency slots and breaker
            answer, latency, _ = client.invoke(chat, messages)
        except (LLMUnavailable, LLMRequestError) as failure:
            _record(
                session, settings, proposal, input_hash, prompt_hash, outcome="fallback", error=str(failure)
            )
            return None
        message = answer if isinstance(answer, AIMessage) else AIMessage(content=str(answer.content))
        _record(
            session,
            settings,
            proposal,
            input_hash,
            prompt_hash,
            outcome="ok",
            message=message,
            latency=latency,
        )
        if not message.tool_calls:
            content = message.content if isinstance(message.content, str) else ""
            return Reply(lines=[f"Assistant: {content.strip()}"], kind="info") if content.strip() else None
        messages.append(message)
        for call in message.tool_calls:
            tool = tools.get(call["name"])
            result: Any = f"there is no tool {call['name']!r}"
            if tool is not None:
                try:
                    result = tool.invoke(call.get("args") or {})
                except (OpsloopError, ValueError, TypeError) as problem:
                    result = f"the tool failed: {problem}"
            messages.append(ToolMessage(fence(str(result)), tool_call_id=call.get("id") or ""))
        if suggestions:
            return _suggestion_reply(*suggestions[0])
    return None


def _suggestion_reply(command: str, reason: str) -> Reply:
    lines = [f"Assistant: {reason}"] if reason else []
    lines += [
        f"Suggested command: `{command}`",
        "Nothing is decided until you send it yourself (type it, or press Confirm).",
    ]
    return Reply(lines=lines, kind="question", suggested_command=command)
