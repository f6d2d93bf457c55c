"""`opsloop eval invoices --engine llm`: the invoice chain scored like the rules engine, plus tokens
and cost per document; and the offline prompt-size measurement (no endpoint needed).

Runs against whatever `Settings.llm` points at. Calls go through the `llm_calls` ledger of the
settings' database, so a second run is answered from the cache and costs 0 tokens.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.messages.utils import count_tokens_approximately
from sqlmodel import Session

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.evaluation.invoices import (
    SourceResult,
    invoice2data_cases,
    line_f1,
    read_document,
    same_amount,
    same_date,
    same_vendor,
    score,
    score_invoice2data,
    zugferd_fields,
)
from opsloop.extract.llm.answer import InvoiceFields
from opsloop.extract.llm.chain import InvoiceChainResult, page_texts, render_pages, run_invoice_chain
from opsloop.extract.rules.dates import parse_date
from opsloop.llm.prompts import load_prompt
from opsloop.llm.schema import compact_schema
from opsloop.settings import Settings

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

    def add(self, run: InvoiceChainResult) -> None:
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


Extractor = Callable[[ParsedDocument], InvoiceChainResult]


def _invoice2data(folder: Path, extract: Extractor, limit: int | None) -> LLMSourceResult:
    result = LLMSourceResult("invoice2data", "llm")
    for item, document, truth in list(invoice2data_cases(folder))[:limit]:
        run = extract(read_document(document))
        result.add(run)
        score_invoice2data(result, run.extraction, truth, item)
    return result


def _zugferd(folder: Path, extract: Extractor, limit: int | None) -> LLMSourceResult:
    """Per file (not per dup group): the point here is cost per document as much as accuracy."""
    result = LLMSourceResult("zugferd", "llm text-only")
    for truth_path in sorted(folder.glob("*.json"))[:limit]:
        pdf = truth_path.with_suffix(".pdf")
        if not pdf.exists():
            continue
        truth = json.loads(truth_path.read_text("utf-8"))["ground_truth"]
        parsed = read_document(pdf).model_copy(update={"embedded": []})
        run = extract(parsed)
        result.add(run)
        result.items += 1
        zugferd_fields(result, run.extraction, truth, pdf.stem)
        lines_truth = [t for t in truth.get("line_items") or [] if t]
        if lines_truth:
            result.line_f1.total += 1
            result.line_f1.hits += line_f1(run.extraction.lines, lines_truth)
    return result


def _sroie(folder: Path, extract: Extractor, limit: int | None) -> LLMSourceResult:
    result = LLMSourceResult("sroie", "llm")
    with (folder / "items.jsonl").open(encoding="utf-8") as handle:
        for number, raw_line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            record = json.loads(raw_line)
            truth = record["ground_truth"]
            run = extract(
                ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=record["text"])])
            )
            result.add(run)
            result.items += 1
            item, ex = f"sroie {record['id']}", run.extraction
            score(result, "vendor", ex.vendor.name, truth.get("company"), same_vendor, item)
            date = parse_date(truth.get("date") or "", day_first=True)
            score(result, "invoice_date", ex.invoice_date, date, same_date, item)
            score(result, "total", ex.total, truth.get("total"), same_amount, item)
    return result


def run_llm_invoice_eval(
    data: Path,
    *,
    settings: Settings,
    session: Session | None = None,
    limit: int | None = 20,
    sources: Iterable[str] = ("invoice2data", "zugferd", "sroie"),
) -> list[LLMSourceResult] | None:
    """Score the LLM chain on every source present under ``data`` (at most ``limit`` documents
    each); None when the folder is absent (skip). Pass a ``session`` to cache and record the calls."""
    if not data.is_dir():
        return None

    def extract(parsed: ParsedDocument) -> InvoiceChainResult:
        return run_invoice_chain(parsed, settings=settings, session=session)

    wanted = set(sources)
    results: list[LLMSourceResult] = []
    if "invoice2data" in wanted and (data / "invoice2data" / "compare").is_dir():
        results.append(_invoice2data(data / "invoice2data", extract, limit))
    if "zugferd" in wanted and (data / "zugferd_corpus").is_dir():
        results.append(_zugferd(data / "zugferd_corpus", extract, limit))
    if "sroie" in wanted and (data / "sroie_text" / "items.jsonl").is_file():
        results.append(_sroie(data / "sroie_text", extract, limit))
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
