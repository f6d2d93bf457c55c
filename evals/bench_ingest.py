"""Ingestion throughput: N small files into a fresh SQLite database (hash, sniff, archive, rows, move).

    .venv/bin/python evals/bench_ingest.py [--files 1000]

Prints documents per second and milliseconds per document. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from opsloop.ingest.files import IngestStatus, ingest_paths
from opsloop.settings import Settings
from opsloop.store.db import dispose_engines, open_database
from tests.samples import text_pdf, ubl_invoice


def bench(kind: str, files: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "var", database_url=None)
        engine = open_database(settings)
        inbox = settings.inbox_dir
        for n in range(files):
            data = ubl_invoice(f"BENCH-{n:06}") if kind == "xml" else text_pdf([f"Invoice BENCH-{n:06}"])
            (inbox / f"doc-{n:06}.{kind}").write_bytes(data)
        started = time.perf_counter()
        outcomes = ingest_paths(engine, settings, [inbox], move=True)
        elapsed = time.perf_counter() - started
        assert sum(o.status is IngestStatus.ACCEPTED for o in outcomes) == files
        dispose_engines()
    return files / elapsed, elapsed / files * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    print(f"ingestion of {args.files} small files into SQLite (WAL), moved from the inbox:")
    for kind in ("xml", "pdf"):
        rate, per_doc = bench(kind, args.files)
        print(f"  {kind:4} {rate:8.0f} documents/s   {per_doc:6.2f} ms per document")


if __name__ == "__main__":
    main()
