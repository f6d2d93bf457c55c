"""Prompt size of the LLM invoice chain, offline: approximate prompt tokens (system + user message +
output schema, ~4 characters a token) of the first request for each invoice. Prints numbers only.

    .venv/bin/python evals/bench_llm.py [--fixtures fixtures/inbox] [--data ../shared/data/invoices]

A re-run of any document costs 0 tokens (answered from the llm_calls cache); see tests/llm.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.evaluation.llm import measure_prompt_tokens
from opsloop.extract import parse_file
from opsloop.settings import Settings


def _documents(folder: Path, limit: int, *, text_files: bool) -> list[tuple[str, ParsedDocument]]:
    docs: list[tuple[str, ParsedDocument]] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() == ".pdf":
            parsed = parse_file(path).model_copy(update={"embedded": []})
        elif text_files and path.suffix.lower() == ".txt":
            parsed = ParsedDocument(
                kind=DocumentKind.PDF, pages=[PageText(number=1, text=path.read_text("utf-8"))]
            )
        else:
            continue
        if parsed.has_text_layer:
            docs.append((str(path.relative_to(folder)), parsed))
        if len(docs) >= limit:
            break
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fixtures", type=Path, default=Path("fixtures/inbox"))
    parser.add_argument("--data", type=Path, default=Path("../shared/data/invoices"))
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    settings = Settings()
    for label, folder in (("fixtures", args.fixtures), ("data", args.data)):
        if not folder.is_dir():
            print(f"{label}: {folder} absent, skipped")
            continue
        sizes = measure_prompt_tokens(
            _documents(folder, args.limit, text_files=label == "data"), settings=settings
        )
        one_page = [s.approx_tokens for s in sizes if s.pages == 1]
        print(f"{label}: {len(sizes)} invoices, {len(one_page)} one-page")
        if one_page:
            print(
                f"  one-page prompt tokens: median {statistics.median(one_page):.0f}, max {max(one_page)}, "
                f"over 1,500: {sum(t > 1500 for t in one_page)}"
            )
        if label == "fixtures":
            for size in sizes:
                print(
                    f"  {size.name:40s} pages {size.pages}  ~{size.approx_tokens} tokens{' (chunked)' if size.chunked else ''}"
                )
    print("re-run of a cached document: 0 tokens")


if __name__ == "__main__":
    main()
