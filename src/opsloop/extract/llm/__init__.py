"""The LLM invoice chain: structured output of the extraction contract, validated (schema,
grounding, arithmetic), re-asked within a budget, cached and costed; `combine` merges it with
the rules engine's result."""

from opsloop.extract.llm.answer import InvoiceFields, InvoiceLines, to_extraction
from opsloop.extract.llm.chain import InvoiceChainResult, extract_invoice_llm, run_invoice_chain
from opsloop.extract.llm.combine import combine

__all__ = [
    "InvoiceChainResult",
    "InvoiceFields",
    "InvoiceLines",
    "combine",
    "extract_invoice_llm",
    "run_invoice_chain",
    "to_extraction",
]
