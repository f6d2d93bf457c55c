"""Few-shot examples for the invoice chain: earlier documents like this one, each with the corrections
people made to a first reading of it (vendor memory finds them; see opsloop.memory.examples).

Both the example's text and its corrections are data from documents, so each example is fenced as
untrusted data, like the document itself; the prompt says to read values from the document only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from opsloop.llm.prompts import fence

EXAMPLES_PROMPT = "invoice_extract_examples"
MAX_EXAMPLE_CHARS = 3000
"""Characters of an example's text in the prompt (the header and totals are what it shows best)."""


@dataclass(frozen=True)
class FewShotExample:
    document_id: int
    text: str
    """The example document's text (squeezed)."""
    corrections: list[dict[str, Any]] = field(default_factory=list)
    """{"field", "before", "after"}: what the first reading said and what people corrected it to."""
    similarity: float = 0.0


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "nothing"
    return json.dumps(value, ensure_ascii=False, default=str)


def render_examples(examples: Sequence[FewShotExample]) -> str:
    """The examples for the prompt's `$examples` slot, each fenced as untrusted data."""
    blocks = []
    for number, example in enumerate(examples, start=1):
        text = (
            example.text
            if len(example.text) <= MAX_EXAMPLE_CHARS
            else example.text[:MAX_EXAMPLE_CHARS] + "\n..."
        )
        corrections = "\n".join(
            f"- {c.get('field')}: read {_shown(c.get('before'))}, corrected to {_shown(c.get('after'))}"
            for c in example.corrections
        )
        body = f"Example {number}:\n{text}\n\nCorrections people made to its first reading:\n{corrections or '- none'}"
        blocks.append(fence(body))
    return "\n\n".join(blocks)
