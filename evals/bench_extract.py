"""Extraction throughput beside bare pypdf text extraction on the same PDFs, in one run.

Prints numbers, never pass/fail. The baseline is pypdf's own layout-mode text extraction (what
`read_pdf` runs once per page); the extraction time is everything after it: attachments, the
e-invoice reader or the rules engine, and the checks. Target: total / baseline <= 1.25. One document
is extracted first, untimed (compiling the lexicons is a once-per-process cost, printed apart).

    .venv/bin/python evals/bench_extract.py [--data ../shared/data/invoices] [--text-only]
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from pypdf import PdfReader

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.ingest.readers import pdf as pdf_reader


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/invoices"))
    parser.add_argument(
        "--text-only", action="store_true", help="Rules engine even where an e-invoice is embedded."
    )
    args = parser.parse_args()
    files = sorted(args.data.glob("**/*.pdf"))
    if not files:
        print(f"skipped: no PDFs under {args.data}")
        return
    baseline = 0.0
    total = 0.0
    pages = 0
    original = pdf_reader._page_text

    def timed_page_text(page: object) -> str:
        nonlocal baseline
        started = time.perf_counter()
        try:
            return original(page)
        finally:
            baseline += time.perf_counter() - started

    # one warm-up document, untimed: compiling the label lexicons (a few hundred patterns) is a
    # once-per-process cost, not a per-document one; it is printed on its own below
    warm_started = time.perf_counter()
    extract_invoice(pdf_reader.read_pdf(files[0].read_bytes(), attachments=False), text_only=True)
    warm_up = time.perf_counter() - warm_started
    pdf_reader._page_text = timed_page_text  # the one pypdf text extraction per page, timed in place
    try:
        for path in files:
            data = path.read_bytes()
            started = time.perf_counter()
            parsed = pdf_reader.read_pdf(data, attachments=not args.text_only)
            extract_invoice(parsed, text_only=args.text_only)
            total += time.perf_counter() - started
            pages += len(parsed.pages)
    finally:
        pdf_reader._page_text = original
    # bare pypdf for reference: open + layout text only (a second, separate pass)
    bare_started = time.perf_counter()
    for path in files:
        for page in PdfReader(io.BytesIO(path.read_bytes())).pages:
            page.extract_text(extraction_mode="layout")
    bare = time.perf_counter() - bare_started
    _ = (DocumentKind, PageText, ParsedDocument)
    print(f"files                     {len(files)}")
    print(f"pages                     {pages}")
    print(f"pypdf layout text (in run) {baseline:8.3f} s")
    print(f"whole extraction           {total:8.3f} s   ({len(files) / total:6.1f} files/s)")
    print(f"ratio whole / pypdf text   {total / baseline:8.2f}x   (target <= 1.25x)")
    print(f"bare pypdf pass (reference) {bare:7.3f} s")
    print(f"warm-up, once per process  {warm_up:8.3f} s   (lexicons compiled; not in the ratio)")


if __name__ == "__main__":
    main()
