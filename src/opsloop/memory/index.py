"""The corrected documents in a persistent chromadb collection, found again by layout and text.

Each document people corrected is embedded offline: its words become features (label words, label
words at their place on the page, identifiers such as IBANs and VAT ids, the shapes of numbers and
dates, the page size), hashed into a fixed-size vector (L2-normalised, cosine distance). Two invoices
a vendor printed from one template share nearly all of these, whatever their numbers; another vendor
in the same template shares the labels but not its name, address, identifiers or items; the same
vendor with its name misread still shares everything else. No model and no download: the embedding
is a function of the document, deterministic, and cheap.

The collection lives under `<data_dir>/vectors` and is a copy: `sync` makes it hold exactly the
documents that have active memory in the database (added after an edit, dropped after `memory
forget`), so `opsloop memory rebuild` (or deleting the folder) loses nothing.
"""

from __future__ import annotations

import math
import sys
import threading
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from opsloop.domain.documents import ParsedDocument, Word
from opsloop.memory.layout import alnum, has_digit, has_letter, norm, shape
from opsloop.store.tables import Document, MemoryEntry

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

COLLECTION = "corrected_documents"
DIMENSIONS = 2048
GRID_X, GRID_Y = 12, 24
"""Label words also count at their place: the page cut into 12 columns and 24 rows."""
WEIGHTS = {"w": 1.0, "p": 1.0, "m": 0.3, "i": 2.0, "s": 0.3, "g": 1.0}
"""w: a word; p: a word at its place; m: a word in the middle of the page (the line items: they
change from one invoice to the next, so they count less and not by place); i: an identifier
(letters and digits, 6+); s: the shape of a number or date; g: the page size."""
MIDDLE = (0.3, 0.75)
"""The band of the page, as shares of its height from the top, where line items usually stand."""
MAX_PAGES = 2
"""The first page and the last: letterhead, header fields, totals and footer."""


def document_features(parsed: ParsedDocument) -> list[str]:
    """The document as feature tokens (no spaces in a token): what the embedding hashes."""
    pages = [p for p in parsed.pages if p.words]
    chosen = pages[:1] + (pages[-1:] if len(pages) > 1 else [])
    tokens: list[str] = []
    for page in chosen[:MAX_PAGES]:
        width = page.width or max(w.x1 for w in page.words)
        height = page.height or max(w.y1 for w in page.words)
        tokens.append(f"g:{round(width / 10)}x{round(height / 10)}")
        for word in page.words:
            tokens.extend(_word_features(word, width, height))
    return tokens


def _word_features(word: Word, width: float, height: float) -> list[str]:
    text = norm(word.text).strip(".,;()[]")
    if not text:
        return []
    if has_letter(text) and not has_digit(text):
        share = word.y0 / max(1.0, height)
        if MIDDLE[0] < share < MIDDLE[1]:
            return [f"m:{text}"]
        column = min(GRID_X - 1, int(word.x0 / max(1.0, width) * GRID_X))
        row = min(GRID_Y - 1, int(share * GRID_Y))
        return [f"w:{text}", f"p:{text}@{column},{row}"]
    code = alnum(text)
    if has_letter(code) and has_digit(code) and len(code) >= 6:
        return [f"i:{code}"]
    return [f"s:{shape(text)}"]


def embed_features(tokens: list[str], dimensions: int = DIMENSIONS) -> list[float]:
    """Signed feature hashing of the tokens, each counted 1 + log(n) times its weight; unit length."""
    vector = [0.0] * dimensions
    for token, count in Counter(tokens).items():
        digest = zlib.crc32(token.encode("utf-8"))
        sign = 1.0 if digest & 0x80000000 else -1.0
        vector[digest % dimensions] += sign * WEIGHTS.get(token[:1], 1.0) * (1.0 + math.log(count))
    norm_ = math.sqrt(sum(v * v for v in vector))
    if norm_ == 0.0:
        vector[0] = 1.0
        return vector
    return [v / norm_ for v in vector]


def _embedding_class() -> type[Any]:
    """Defined lazily so that importing opsloop does not import chromadb (slow)."""
    global _EMBEDDING_CLASS
    if _EMBEDDING_CLASS is not None:
        return _EMBEDDING_CLASS
    import numpy as np
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    class LayoutTextEmbeddingFunction(EmbeddingFunction[Documents]):
        """Offline: a document's feature tokens (space-separated) hashed into a unit vector."""

        def __init__(self, dimensions: int = DIMENSIONS) -> None:
            self.dimensions = dimensions

        def __call__(self, input: Documents) -> Embeddings:
            return [
                np.asarray(embed_features(text.split(), self.dimensions), dtype=np.float32) for text in input
            ]

        @staticmethod
        def name() -> str:
            return "opsloop-layout-text"

        def default_space(self) -> str:  # type: ignore[override]
            return "cosine"

        def supported_spaces(self) -> list[str]:  # type: ignore[override]
            return ["cosine"]

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> LayoutTextEmbeddingFunction:
            return LayoutTextEmbeddingFunction(int(config.get("dimensions", DIMENSIONS)))

        def get_config(self) -> dict[str, Any]:
            return {"dimensions": self.dimensions}

    register_embedding_function(LayoutTextEmbeddingFunction)  # type: ignore[no-untyped-call]
    _EMBEDDING_CLASS = LayoutTextEmbeddingFunction
    return LayoutTextEmbeddingFunction


_EMBEDDING_CLASS: type[Any] | None = None


@dataclass(frozen=True)
class Neighbour:
    document_id: int
    vendor_key: str
    layout: str | None
    similarity: float
    """Cosine similarity, 0..1."""


def _as_text(parsed: ParsedDocument) -> str:
    return " ".join(document_features(parsed)) or "g:empty"


class DocumentIndex:
    """The corrected documents under `path` (`<data_dir>/vectors`), see the module doc."""

    def __init__(self, path: Path) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.client: ClientAPI = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        )
        self.collection: Collection = self._open()
        self.lock = threading.Lock()

    def _open(self) -> Collection:
        return self.client.get_or_create_collection(
            COLLECTION,
            embedding_function=_embedding_class()(DIMENSIONS),
            configuration={"hnsw": {"space": "cosine"}},
        )

    def sync(self, session: Session) -> tuple[int, int]:
        """Make the collection hold the documents with active memory, labelled with their vendor
        and layout; returns (added, removed)."""
        wanted: dict[str, tuple[str, str | None]] = {}
        for document_id, vendor_key, layout in session.exec(
            select(MemoryEntry.document_id, MemoryEntry.vendor_key, MemoryEntry.layout)
            .where(col(MemoryEntry.retired_at).is_(None), col(MemoryEntry.document_id).is_not(None))
            .order_by(col(MemoryEntry.id))
        ).all():
            wanted[str(document_id)] = (vendor_key, layout)
        with self.lock:
            stored = self.collection.get(include=["metadatas"])
            present = dict(
                zip(stored["ids"], stored.get("metadatas") or [{}] * len(stored["ids"]), strict=True)
            )
            missing = [key for key in wanted if key not in present]
            extra = [key for key in present if key not in wanted]
            relabel = [
                key for key in wanted if key in present and dict(present[key] or {}) != _metadata(wanted[key])
            ]
            if extra:
                self.collection.delete(ids=extra)
            added = 0
            for start in range(0, len(missing), 100):
                batch = missing[start : start + 100]
                texts: list[str] = []
                ids: list[str] = []
                metadatas: list[Mapping[str, Any]] = []
                for key in batch:
                    document = session.get(Document, int(key))
                    if document is None or not document.parsed:
                        continue
                    parsed = ParsedDocument.model_validate(document.parsed)
                    ids.append(key)
                    texts.append(_as_text(parsed))
                    metadatas.append(_metadata(wanted[key]))
                if ids:
                    self.collection.upsert(ids=ids, documents=texts, metadatas=metadatas)
                    added += len(ids)
            if relabel:
                self.collection.update(ids=relabel, metadatas=[_metadata(wanted[key]) for key in relabel])
        return added, len(extra)

    def rebuild(self, session: Session) -> int:
        """Drop the collection and fill it again from the database; returns the documents indexed."""
        with self.lock:
            self.client.delete_collection(COLLECTION)
            self.collection = self._open()
        return self.sync(session)[0]

    def count(self) -> int:
        return self.collection.count()

    def nearest(self, parsed: ParsedDocument, k: int = 3, *, exclude: int | None = None) -> list[Neighbour]:
        """The `k` most similar corrected documents, best first (never `exclude`, the document itself)."""
        total = self.collection.count()
        if total == 0:
            return []
        result = self.collection.query(
            query_texts=[_as_text(parsed)],
            n_results=min(total, k + (1 if exclude is not None else 0)),
            include=["distances", "metadatas"],
        )
        ids = result["ids"][0]
        distances = (result.get("distances") or [[1.0] * len(ids)])[0]
        metadatas = (result.get("metadatas") or [[{}] * len(ids)])[0]
        out: list[Neighbour] = []
        for key, distance, meta in zip(ids, distances, metadatas, strict=True):
            if exclude is not None and key == str(exclude):
                continue
            layout = (meta or {}).get("layout")
            out.append(
                Neighbour(
                    document_id=int(key),
                    vendor_key=str((meta or {}).get("vendor_key") or ""),
                    layout=str(layout) if layout else None,
                    similarity=round(max(0.0, min(1.0, 1.0 - float(distance))), 4),
                )
            )
        return out[:k]


def _metadata(labels: tuple[str, str | None]) -> dict[str, Any]:
    return {"vendor_key": labels[0], "layout": labels[1] or ""}


_indexes: dict[Path, DocumentIndex] = {}
_indexes_lock = threading.Lock()


def document_index(data_dir: Path) -> DocumentIndex:
    """The (cached) index of corrected documents under `<data_dir>/vectors`."""
    path = (data_dir / "vectors").resolve()
    with _indexes_lock:
        index = _indexes.get(path)
        if index is None:
            index = _indexes[path] = DocumentIndex(path)
        return index


def close_document_indexes() -> None:
    """Forget the cached indexes and chromadb's clients (their folder was deleted or replaced)."""
    with _indexes_lock:
        _indexes.clear()
    if "chromadb" in sys.modules:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
