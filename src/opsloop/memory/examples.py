"""The nearest corrected documents as few-shot examples for the LLM chain."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from opsloop.domain.documents import ParsedDocument
from opsloop.memory.layout import has_words
from opsloop.memory.store import has_memory
from opsloop.store.tables import Document, MemoryEntry

if TYPE_CHECKING:
    from opsloop.extract.llm.examples import FewShotExample


def _squeeze(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def few_shot_examples(
    session: Session,
    parsed: ParsedDocument,
    data_dir: Path,
    *,
    k: int = 2,
    min_similarity: float = 0.5,
    exclude_document: int | None = None,
) -> list[FewShotExample]:
    """Up to `k` corrected documents most like `parsed` (chromadb, layout and text), each with the
    corrections people made to it; none when nothing corrected is alike enough."""
    if k <= 0 or not has_words(parsed) or not has_memory(session):
        return []
    from opsloop.extract.llm.examples import FewShotExample  # the LLM chain's own input type
    from opsloop.memory.index import document_index

    index = document_index(data_dir)
    index.sync(session)
    examples: list[FewShotExample] = []
    for neighbour in index.nearest(parsed, k, exclude=exclude_document):
        if neighbour.similarity < min_similarity:
            continue
        entry = session.exec(
            select(MemoryEntry)
            .where(
                MemoryEntry.document_id == neighbour.document_id,
                MemoryEntry.kind == "example",
                col(MemoryEntry.retired_at).is_(None),
            )
            .order_by(col(MemoryEntry.id).desc())
        ).first()
        document = session.get(Document, neighbour.document_id)
        if entry is None or document is None or not document.parsed:
            continue
        text = _squeeze(ParsedDocument.model_validate(document.parsed).full_text())
        corrections = list((entry.value or {}).get("corrections") or [])
        examples.append(FewShotExample(neighbour.document_id, text, corrections, neighbour.similarity))
    return examples
