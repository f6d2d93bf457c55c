"""The invoice chain: the model fills `InvoiceFields`; schema, grounding and arithmetic validate it;
a failed validation re-asks with the errors (bounded by `llm.max_reasks`); if it still fails, or the
endpoint is down, the rules engine's result stands and the reason is recorded as a check.

Long documents (more than `llm.chunk_chars` after whitespace is squeezed) are read in two steps:
the header and totals from the first and last page, then the line items chunk by chunk (whole pages
where they fit) and merged in order. If any chunk fails, the LLM result is not used: a table is never
silently cut short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session

from opsloop.domain.documents import DocumentKind, ParsedDocument
from opsloop.domain.invoices import Check, InvoiceExtraction
from opsloop.extract.checks import run_checks
from opsloop.extract.evidence import fill_missing, found
from opsloop.extract.known import KnownVendor
from opsloop.extract.llm.answer import InvoiceFields, InvoiceLines, LineAnswer, to_extraction
from opsloop.extract.llm.examples import EXAMPLES_PROMPT, FewShotExample, render_examples
from opsloop.extract.llm.grounding import Source, ground_invoice, ground_lines
from opsloop.llm.client import LLMClient
from opsloop.llm.ledger import ChainResult, run_structured
from opsloop.llm.prompts import load_prompt
from opsloop.settings import Settings

ARITHMETIC_CHECKS = ("lines_sum_to_subtotal", "subtotal_plus_tax_is_total", "line_arithmetic")
ARITHMETIC_PREFIX = "arithmetic: "
LLM_CONFIDENCE = 0.8
"""Confidence of a grounded value the model read (agreement with the rules engine raises it)."""
CHECK_NAME = "llm_extraction"


@dataclass
class InvoiceChainResult:
    """The extraction and what it cost."""

    extraction: InvoiceExtraction
    outcome: str
    """ok | cache_hit | fallback (rules result stands) | skipped (e-invoice or no text: no call)"""
    tokens_in: int = 0
    tokens_out: int = 0
    cost: Decimal | None = Decimal(0)
    calls: int = 0
    errors: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- text


def squeeze(text: str) -> str:
    """Fewer tokens, same content: runs of spaces become two (a column gap), blank lines go."""
    lines = [re.sub(r"[ \t\u00a0]{2,}", "  ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def page_texts(parsed: ParsedDocument) -> list[tuple[int, str]]:
    if parsed.pages:
        return [(p.number, p.text) for p in parsed.pages]
    return [(1, parsed.text or "")]


def render_pages(pages: Sequence[tuple[int, str]], *, total: int | None = None) -> str:
    if len(pages) == 1 and (total is None or total == 1):
        return squeeze(pages[0][1])
    of = f" of {total}" if total else ""
    return "\n".join(f"--- page {number}{of} ---\n{squeeze(text)}" for number, text in pages)


def chunk_pages(pages: Sequence[tuple[int, str]], limit: int) -> list[list[tuple[int, str]]]:
    """Consecutive pages up to ``limit`` characters; a longer page is split at line ends."""
    chunks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    size = 0
    for number, text in pages:
        body = squeeze(text)
        pieces = [body]
        if len(body) > limit:
            pieces, piece = [], ""
            for line in body.splitlines():
                if piece and len(piece) + len(line) + 1 > limit:
                    pieces.append(piece)
                    piece = ""
                piece = f"{piece}\n{line}" if piece else line
            pieces.append(piece)
        for piece in pieces:
            if current and size + len(piece) > limit:
                chunks.append(current)
                current, size = [], 0
            current.append((number, piece))
            size += len(piece)
    if current:
        chunks.append(current)
    return chunks


# --------------------------------------------------------------------------- validation


def arithmetic_errors(extraction: InvoiceExtraction, names: Sequence[str] = ARITHMETIC_CHECKS) -> list[str]:
    return [
        f"{ARITHMETIC_PREFIX}{check.name}: {check.detail}"
        for check in run_checks(extraction)
        if check.name in names and check.passed is False
    ]


def _only_arithmetic(errors: Sequence[str]) -> bool:
    return bool(errors) and all(e.startswith(ARITHMETIC_PREFIX) for e in errors)


def _rules_consistent(rules: InvoiceExtraction) -> bool:
    checks = [c for c in rules.checks if c.name in ARITHMETIC_CHECKS]
    return any(c.passed for c in checks) and not any(c.passed is False for c in checks)


# --------------------------------------------------------------------------- the chain


def _rules(parsed: ParsedDocument, known_vendors: Sequence[KnownVendor]) -> InvoiceExtraction:
    from opsloop.extract import extract_invoice  # the package imports this module's users lazily

    return extract_invoice(parsed, engine="rules", text_only=True, known_vendors=known_vendors)


def _evidence(result: InvoiceExtraction, spans: dict[str, object]) -> None:
    for name, line in spans.items():
        key = re.sub(r"\[\d+\]$", "", name)
        if key.startswith("lines") or key in result.fields:
            continue
        page = getattr(line, "page", None)
        text = getattr(line, "text", None)
        result.fields[key] = found(
            text, confidence=LLM_CONFIDENCE, page=page, reason="read by the llm, grounded"
        )
    if result.lines:
        result.fields["lines"] = found(f"{len(result.lines)} lines", confidence=LLM_CONFIDENCE, reason="llm")
    result.fields.setdefault("document_type", found(None, confidence=0.6, reason="llm"))


def run_invoice_chain(
    parsed: ParsedDocument,
    *,
    settings: Settings,
    session: Session | None = None,
    known_vendors: Sequence[KnownVendor] = (),
    rules_result: InvoiceExtraction | None = None,
    document_id: int | None = None,
    client: LLMClient | None = None,
    examples: Sequence[FewShotExample] = (),
) -> InvoiceChainResult:
    """The chain with its token and cost figures; see `extract_invoice_llm`."""
    if parsed.kind is DocumentKind.EINVOICE or not parsed.has_text_layer:
        rules = rules_result or _rules(parsed, known_vendors)
        return InvoiceChainResult(extraction=rules, outcome="skipped")
    llm = settings.llm
    pages = page_texts(parsed)
    source = Source.from_pages(pages)
    text = render_pages(pages)
    method = f"llm:{llm.model}"
    calls: list[ChainResult[InvoiceFields] | ChainResult[InvoiceLines]] = []

    def summary(extraction: InvoiceExtraction, outcome: str, errors: list[str]) -> InvoiceChainResult:
        costs = [c.cost for c in calls]
        return InvoiceChainResult(
            extraction=extraction,
            outcome=outcome,
            tokens_in=sum(c.tokens_in for c in calls),
            tokens_out=sum(c.tokens_out for c in calls),
            cost=None
            if any(c is None for c in costs)
            else sum((c for c in costs if c is not None), Decimal(0)),
            calls=sum(c.calls for c in calls),
            errors=errors,
        )

    def fallback(errors: list[str], *, pending: bool) -> InvoiceChainResult:
        rules = (rules_result or _rules(parsed, known_vendors)).model_copy(deep=True)
        if pending:
            detail = (
                "pending: the LLM endpoint was unavailable; re-run for an LLM pass. "
                + "; ".join(errors)[:500]
            )
        else:
            detail = "rejected after re-asks, the rules result stands: " + "; ".join(errors)[:500]
        rules.checks.append(Check(name=CHECK_NAME, passed=None, detail=detail))
        return summary(rules, "fallback", errors)

    chunked = len(text) > llm.chunk_chars
    if chunked:
        head = [pages[0], pages[-1]] if len(pages) > 1 else pages[:1]
        head_text = render_pages(head, total=len(pages))
        if len(head_text) > llm.chunk_chars:
            head_text = head_text[: llm.chunk_chars]
        text = head_text

    def validate_header(fields: InvoiceFields) -> list[str]:
        errors = ground_invoice(fields, source, with_lines=not chunked).errors
        names = ("subtotal_plus_tax_is_total",) if chunked else ARITHMETIC_CHECKS
        return errors + arithmetic_errors(to_extraction(fields, method=method), names)

    header = run_structured(
        load_prompt(EXAMPLES_PROMPT if examples else "invoice_extract", llm.prompts_dir),
        text,
        InvoiceFields,
        validate_header,
        purpose="invoice_extract",
        settings=llm,
        session=session,
        document_id=document_id,
        client=client,
        user_data={"examples": render_examples(examples)} if examples else None,
    )
    calls.append(header)
    if header.outcome in ("unavailable", "error"):
        return fallback(header.errors, pending=header.outcome == "unavailable")
    fields = header.answer
    arithmetic_only = False
    if fields is None:
        if header.last_answer is not None and _only_arithmetic(header.errors):
            fields, arithmetic_only = header.last_answer, True
        else:
            return fallback(header.errors, pending=False)

    if chunked:
        lines: list[LineAnswer] = []
        for chunk in chunk_pages(pages, llm.chunk_chars):
            chunk_source = Source.from_pages(chunk)

            def validate_lines(answer: InvoiceLines, chunk_source: Source = chunk_source) -> list[str]:
                result = ground_invoice(InvoiceFields(), chunk_source)
                ground_lines(answer.lines, chunk_source, result)
                return result.errors

            part = run_structured(
                load_prompt("invoice_lines", llm.prompts_dir),
                render_pages(chunk, total=len(pages)),
                InvoiceLines,
                validate_lines,
                purpose="invoice_lines",
                settings=llm,
                session=session,
                document_id=document_id,
                client=client,
            )
            calls.append(part)
            if part.answer is None:
                pages_read = f"pages {chunk[0][0]}-{chunk[-1][0]}"
                return fallback(
                    [f"line items of {pages_read}: {e}" for e in part.errors],
                    pending=part.outcome == "unavailable",
                )
            lines.extend(part.answer.lines)
        fields = fields.model_copy(update={"lines": lines})
        merged_errors = arithmetic_errors(to_extraction(fields, method=method))
        if merged_errors:
            arithmetic_only = True
            header.errors = merged_errors

    extraction = to_extraction(fields, method=method)
    grounding = ground_invoice(fields, source)
    _evidence(extraction, dict(grounding.spans))
    fill_missing(extraction, "not printed (the llm answered null)")
    extraction.checks = run_checks(extraction)
    if arithmetic_only:
        rules = rules_result or _rules(parsed, known_vendors)
        if _rules_consistent(rules):
            return fallback(header.errors, pending=False)
        extraction.checks.append(
            Check(
                name=CHECK_NAME,
                passed=None,
                detail="grounded values kept although the printed arithmetic does not add up: "
                + "; ".join(header.errors)[:500],
            )
        )
    outcome = "cache_hit" if all(c.outcome == "cache_hit" for c in calls) else "ok"
    if rules_result is not None:
        from opsloop.extract.llm.combine import combine

        extraction = combine(rules_result, extraction)
    return summary(extraction, outcome, [])


def extract_invoice_llm(
    parsed: ParsedDocument,
    *,
    settings: Settings,
    session: Session | None = None,
    known_vendors: Sequence[KnownVendor] = (),
    rules_result: InvoiceExtraction | None = None,
    document_id: int | None = None,
    client: LLMClient | None = None,
    examples: Sequence[FewShotExample] = (),
) -> InvoiceExtraction:
    """Extract an invoice with the configured model. With ``rules_result`` the two are combined
    (agreement raises confidence, disagreement is flagged); when the model's answer cannot be
    validated or the endpoint is down, the rules result stands with an `llm_extraction` check saying why.
    Every call is recorded in `llm_calls` (and answered from there on a re-run) when ``session`` is given.
    ``examples`` (corrected documents like this one) go into the prompt as few-shot examples."""
    return run_invoice_chain(
        parsed,
        settings=settings,
        session=session,
        known_vendors=known_vendors,
        rules_result=rules_result,
        document_id=document_id,
        client=client,
        examples=examples,
    ).extraction
