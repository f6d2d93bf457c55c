"""Similarity search over the vendor master in an embedded, persistent chromadb collection.

chromadb's default embedding function downloads a model, which cannot work offline. Names (and
SKUs) are short strings whose spelling carries the signal, so a character n-gram embedding serves
them well: each n-gram is hashed into a fixed-dimension vector, which is L2-normalised; cosine
similarity then approximates n-gram overlap. No model, no network, deterministic.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opsloop.domain.erp import VendorRecord
from opsloop.reconcile.normalise import normalise_name

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

COLLECTION = "vendors"
DEFAULT_DIMENSIONS = 512


def embed_ngrams(
    text: str, dimensions: int = DEFAULT_DIMENSIONS, sizes: tuple[int, ...] = (2, 3, 4)
) -> list[float]:
    """A unit vector of hashed character n-grams of the normalised text (word-boundary padded)."""
    vector = [0.0] * dimensions
    padded = f" {normalise_name(text)} "
    for n in sizes:
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            digest = zlib.crc32(gram.encode("utf-8"))
            sign = 1.0 if digest & 0x80000000 else -1.0
            vector[digest % dimensions] += sign
    norm = math.sqrt(sum(v * v for v in vector))
    if norm == 0.0:
        vector[0] = 1.0
        return vector
    return [v / norm for v in vector]


def _embedding_function_class() -> type[Any]:
    """Defined lazily so that importing opsloop does not import chromadb (slow)."""
    global _EMBEDDING_CLASS
    if _EMBEDDING_CLASS is not None:
        return _EMBEDDING_CLASS
    import numpy as np
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    class NgramEmbeddingFunction(EmbeddingFunction[Documents]):
        """Offline character n-gram hashing embedding (see module doc)."""

        def __init__(self, dimensions: int = DEFAULT_DIMENSIONS) -> None:
            self.dimensions = dimensions

        def __call__(self, input: Documents) -> Embeddings:
            return [np.asarray(embed_ngrams(text, self.dimensions), dtype=np.float32) for text in input]

        @staticmethod
        def name() -> str:
            return "opsloop-ngram"

        def default_space(self) -> str:  # type: ignore[override]
            return "cosine"

        def supported_spaces(self) -> list[str]:  # type: ignore[override]
            return ["cosine", "ip", "l2"]

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> NgramEmbeddingFunction:
            return NgramEmbeddingFunction(int(config.get("dimensions", DEFAULT_DIMENSIONS)))

        def get_config(self) -> dict[str, Any]:
            return {"dimensions": self.dimensions}

    register_embedding_function(NgramEmbeddingFunction)  # type: ignore[no-untyped-call]
    _EMBEDDING_CLASS = NgramEmbeddingFunction
    return NgramEmbeddingFunction


_EMBEDDING_CLASS: type[Any] | None = None


def ngram_embedding_function(dimensions: int = DEFAULT_DIMENSIONS) -> Any:
    """A chromadb EmbeddingFunction that works offline."""
    return _embedding_function_class()(dimensions)


class ChromaVendorIndex:
    """The vendor master in a persistent chromadb collection under `path` (`<data_dir>/vectors`)."""

    def __init__(self, path: Path, *, dimensions: int = DEFAULT_DIMENSIONS) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        path.mkdir(parents=True, exist_ok=True)
        self.client: ClientAPI = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        )
        self.collection: Collection = self.client.get_or_create_collection(
            COLLECTION,
            embedding_function=ngram_embedding_function(dimensions),
            configuration={"hnsw": {"space": "cosine"}},
        )

    def sync(self, vendors: Iterable[VendorRecord], *, batch: int = 1000) -> int:
        """Upsert the vendors (id, name, ERP id); returns how many were written."""
        count = 0
        pending: list[VendorRecord] = []
        for vendor in vendors:
            pending.append(vendor)
            if len(pending) >= batch:
                count += self._upsert(pending)
                pending = []
        if pending:
            count += self._upsert(pending)
        return count

    def _upsert(self, vendors: list[VendorRecord]) -> int:
        self.collection.upsert(
            ids=[str(v.id) for v in vendors],
            documents=[v.name for v in vendors],
            metadatas=[{"erp_id": v.erp_id} for v in vendors],
        )
        return len(vendors)

    def count(self) -> int:
        return self.collection.count()

    def nearest(self, name: str, k: int = 3) -> list[tuple[int, float]]:
        """Vendor ids with cosine similarity (0..1), best first."""
        total = self.collection.count()
        if total == 0 or not name.strip():
            return []
        result = self.collection.query(query_texts=[name], n_results=min(k, total), include=["distances"])
        ids = result["ids"][0]
        distances = (result.get("distances") or [[1.0] * len(ids)])[0]
        return [(int(i), max(0.0, min(1.0, 1.0 - float(d)))) for i, d in zip(ids, distances, strict=True)]


def open_vendor_index(data_dir: Path) -> ChromaVendorIndex:
    """The vendor index under `<data_dir>/vectors` (Settings.data_dir)."""
    return ChromaVendorIndex(data_dir / "vectors")


class LazyVendorIndex:
    """Opens the chromadb index and loads the vendors into it only when a look-up needs it: exact
    identifiers and fuzzy names resolve most invoices, and chromadb is slow to start."""

    def __init__(self, data_dir: Path, vendors: Callable[[], Iterable[VendorRecord]]) -> None:
        self._data_dir = data_dir
        self._vendors = vendors
        self._index: ChromaVendorIndex | None = None

    def nearest(self, name: str, k: int = 3) -> list[tuple[int, float]]:
        if self._index is None:
            index = open_vendor_index(self._data_dir)
            index.sync(self._vendors())
            self._index = index
        return self._index.nearest(name, k)


def close_vendor_indexes() -> None:
    """Forget chromadb's cached clients (needed after their folder was deleted, e.g. a demo reset)."""
    import sys

    if "chromadb" not in sys.modules:
        return
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
