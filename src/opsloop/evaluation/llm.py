"""The offline prompt-size measurement of the LLM invoice chain (no endpoint needed; evals/bench_llm.py).

The LLM's extraction accuracy is scored by the checkout's eval, evals/invoices/llm.py
(`opsloop eval invoices --engine llm`), which shares no scoring code with the product.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.messages.utils import count_tokens_approximately

from opsloop.domain.documents import ParsedDocument
from opsloop.extract.llm.answer import InvoiceFields
from opsloop.extract.llm.chain import page_texts, render_pages
from opsloop.llm.prompts import load_prompt
from opsloop.llm.schema import compact_schema
from opsloop.settings import Settings

# --------------------------------------------------------------------------- offline prompt size


@dataclass
class PromptSize:
    name: str
    pages: int
    approx_tokens: int
    """System + user message + the output schema (tool definition), ~4 characters per token."""
    chunked: bool


def measure_prompt_tokens(
    documents: Iterable[tuple[str, ParsedDocument]], *, settings: Settings
) -> list[PromptSize]:
    """The first request's approximate prompt tokens per document (no endpoint needed)."""
    prompt = load_prompt("invoice_extract", settings.llm.prompts_dir)
    schema = compact_schema(InvoiceFields)
    tool = {
        "type": "function",
        "function": {"name": schema["title"], "description": schema["description"], "parameters": schema},
    }
    sizes: list[PromptSize] = []
    for name, parsed in documents:
        pages = page_texts(parsed)
        text = render_pages(pages)
        chunked = len(text) > settings.llm.chunk_chars
        if chunked:
            text = render_pages([pages[0], pages[-1]], total=len(pages))[: settings.llm.chunk_chars]
        messages = [SystemMessage(prompt.render_system()), HumanMessage(prompt.render_user(text))]
        tokens = count_tokens_approximately(messages, tools=[tool])
        sizes.append(PromptSize(name=name, pages=len(pages), approx_tokens=tokens, chunked=chunked))
    return sizes
