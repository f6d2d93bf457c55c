"""LLM chains behind any OpenAI-compatible endpoint: provider from settings, prompt files with
versions and hashes, the cache and call ledger, cost, redaction, rate limit and circuit breaker."""

from opsloop.llm.client import (
    CircuitBreaker,
    LLMClient,
    LLMRequestError,
    LLMUnavailable,
    RateLimiter,
    build_chat_model,
    reset_endpoint_guards,
)
from opsloop.llm.ledger import ChainResult, pending_llm_documents, run_structured
from opsloop.llm.prompts import Prompt, fence, load_prompt
from opsloop.llm.redaction import Redactor
from opsloop.llm.schema import compact_schema
from opsloop.llm.usage import CostRow, cost_of, summarise_costs

__all__ = [
    "ChainResult",
    "CircuitBreaker",
    "CostRow",
    "LLMClient",
    "LLMRequestError",
    "LLMUnavailable",
    "Prompt",
    "RateLimiter",
    "Redactor",
    "build_chat_model",
    "compact_schema",
    "cost_of",
    "fence",
    "load_prompt",
    "pending_llm_documents",
    "reset_endpoint_guards",
    "run_structured",
    "summarise_costs",
]
