"""`opsloop eval invoices --engine llm`: the LLM chain scored with this package's strict scoring, plus
tokens and cost per document.

Runs against whatever `Settings.llm` points at. Calls go through the `llm_calls` ledger of the
settings' database, so a second run is answered from the cache and costs 0 tokens.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.invoices.cases import Case, invoice2data_cases, sroie_cases, zugferd_cases
from evals.invoices.run import SourceResult, evaluate, parse_case

DEFAULT_REPORT = Path("evals/reports/invoices_llm.json")


@dataclass
class LLMSourceResult(SourceResult):
    documents: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost: Decimal | None = Decimal(0)
    calls: int = 0
    cache_hits: int = 0
    fallbacks: int = 0

    def add(self, run: Any) -> None:
        self.documents += 1
        self.tokens_in += run.tokens_in
        self.tokens_out += run.tokens_out
        self.calls += run.calls
        self.cache_hits += run.outcome == "cache_hit"
        self.fallbacks += run.outcome == "fallback"
        self.cost = None if self.cost is None or run.cost is None else self.cost + run.cost

    def per_document(self, value: int | Decimal | None) -> float | None:
        if value is None or not self.documents:
            return None
        return float(value) / self.documents

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "documents": self.documents,
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "fallbacks": self.fallbacks,
            "tokens_in_per_document": self.per_document(self.tokens_in),
            "tokens_out_per_document": self.per_document(self.tokens_out),
            "cost_per_document": self.per_document(self.cost),
        }


def run_llm_invoice_eval(
    data: Path,
    *,
    settings: Any,
    session: Any = None,
    limit: int | None = 20,
    sources: Iterable[str] = ("invoice2data", "zugferd", "sroie"),
) -> list[LLMSourceResult] | None:
    """Score the LLM chain on every source present under ``data`` (at most ``limit`` documents each;
    ZUGFeRD on the page text, the attachment removed); None when the folder is absent (skip)."""
    from opsloop.extract.llm.chain import run_invoice_chain

    if not data.is_dir():
        return None
    wanted = set(sources)
    plan: list[tuple[str, str, Iterator[Case]]] = []
    if "invoice2data" in wanted and (data / "invoice2data" / "compare").is_dir():
        plan.append(("invoice2data", "llm", invoice2data_cases(data / "invoice2data")))
    if "zugferd" in wanted and (data / "zugferd_corpus").is_dir():
        plan.append(("zugferd", "llm text-only", zugferd_cases(data / "zugferd_corpus")))
    if "sroie" in wanted and (data / "sroie_text" / "items.jsonl").is_file():
        plan.append(("sroie", "llm", sroie_cases(data / "sroie_text")))
    results: list[LLMSourceResult] = []
    for source, mode, cases in plan:
        result = LLMSourceResult(source, mode)

        def extract(case: Case, _text_only: bool, result: LLMSourceResult = result) -> Any:
            parsed = parse_case(case).model_copy(update={"embedded": []})
            run = run_invoice_chain(parsed, settings=settings, session=session)
            result.add(run)
            return run.extraction

        evaluate(itertools.islice(cases, limit), source, mode, extract=extract, result=result)
        results.append(result)
    if session is not None:
        session.commit()
    return results


def write_llm_report(results: list[LLMSourceResult], path: Path = DEFAULT_REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"generated": datetime.now(UTC).date().isoformat(), "sources": [r.as_dict() for r in results]}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def llm_table_rows(results: list[LLMSourceResult]) -> list[list[str]]:
    """source, mode, documents, mean field accuracy, tokens in/out per document, cost per document,
    cache hits, fallbacks."""
    rows: list[list[str]] = []
    for r in results:
        accuracies = [f.accuracy for f in r.fields.values() if f.accuracy is not None]
        mean = sum(accuracies) / len(accuracies) if accuracies else None
        tin, tout, cost = r.per_document(r.tokens_in), r.per_document(r.tokens_out), r.per_document(r.cost)
        rows.append(
            [
                r.source,
                r.mode,
                str(r.documents),
                f"{mean:.2f}" if mean is not None else "-",
                f"{tin:.0f}" if tin is not None else "-",
                f"{tout:.0f}" if tout is not None else "-",
                f"{cost:.6f}" if cost is not None else "unpriced",
                str(r.cache_hits),
                str(r.fallbacks),
            ]
        )
    return rows


LLM_TABLE_HEADERS = (
    "source",
    "mode",
    "docs",
    "accuracy",
    "tokens in/doc",
    "tokens out/doc",
    "cost/doc",
    "cache hits",
    "fallbacks",
)
