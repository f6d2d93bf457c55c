"""The invoice extraction eval: per source and per field, on the shared development data.

Sources (under ``data``, default ``../shared/data/invoices``):
- invoice2data/compare: invoice PDFs with invoice2data's expected output (text engine);
- zugferd_corpus: PDFs embedding CII XML, one score per ``dup_group`` (the mean of its files),
  from the embedded XML and from the page text alone (``text_only``);
- sroie_text: receipt texts (vendor, date, total).

Vendor names compare fuzzily, amounts as Decimals, dates as dates, invoice numbers ignoring case,
spaces and a leading '#'. Line items are scored by F1 (a predicted line matches a true line when the
amounts are equal and the descriptions alike).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import DocumentType, InvoiceExtraction, InvoiceLineExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.dates import find_dates, parse_date
from opsloop.extract.rules.parties import name_similarity

DEFAULT_DATA = Path("../shared/data/invoices")
DEFAULT_REPORT = Path("evals/reports/invoices.json")
VENDOR_THRESHOLD = 80.0


@dataclass
class FieldScore:
    hits: float = 0.0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class SourceResult:
    source: str
    mode: str
    items: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: defaultdict(FieldScore))
    line_f1: FieldScore = field(default_factory=FieldScore)
    misses: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    """Truth values replaced because the data's manifest documents them as label defects."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "mode": self.mode,
            "items": self.items,
            "fields": {
                name: {"accuracy": score.accuracy, "n": score.total}
                for name, score in sorted(self.fields.items())
            },
            "line_items_f1": {"f1": self.line_f1.accuracy, "n": self.line_f1.total},
            "misses": self.misses[:200],
            "label_corrections": self.corrections,
        }


def _decimal(value: Any) -> Decimal | None:
    """An amount as a Decimal; truth printed with its currency ("RM 3.90", "$8.20") counts as the number."""
    if value is None or value == "":
        return None
    text = str(value).replace(",", "").strip()
    text = re.sub(r"^(?:[A-Z]{1,3}\s?)?[$€£₹]?\s?(?=[-\d.])|\s?[A-Z]{3}$", "", text)
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return parse_date(str(value), day_first=True)


def _norm_id(value: str | None) -> str:
    return re.sub(r"\s+", "", (value or "")).lstrip("#").upper()


Compare = Callable[[Any, Any], bool]


def same_amount(predicted: Any, truth: Any) -> bool:
    left, right = _decimal(predicted), _decimal(truth)
    return left is not None and right is not None and abs(left - right) < Decimal("0.005")


def same_magnitude(predicted: Any, truth: Any) -> bool:
    """Credit notes: the XML states amounts positive, the page (and the project's JSON) as printed."""
    left, right = _decimal(predicted), _decimal(truth)
    return left is not None and right is not None and abs(abs(left) - abs(right)) < Decimal("0.005")


def same_date(predicted: Any, truth: Any) -> bool:
    return predicted is not None and _date(predicted) == _date(truth)


def same_id(predicted: Any, truth: Any) -> bool:
    return bool(predicted) and _norm_id(predicted) == _norm_id(truth)


def same_text(predicted: Any, truth: Any) -> bool:
    return bool(predicted) and str(predicted).strip().upper() == str(truth).strip().upper()


def same_vendor(predicted: Any, truth: Any) -> bool:
    candidates = truth if isinstance(truth, list) else [truth]
    return bool(predicted) and any(
        name_similarity(str(predicted), str(t)) >= VENDOR_THRESHOLD for t in candidates
    )


def score(result: SourceResult, name: str, predicted: Any, truth: Any, compare: Compare, item: str) -> float:
    """Score one field when the truth has it; record a miss with both values."""
    if truth is None or truth == "" or truth == []:
        return -1.0
    ok = compare(predicted, truth)
    result.fields[name].total += 1
    result.fields[name].hits += 1.0 if ok else 0.0
    if not ok:
        result.misses.append(f"{item}: {name} predicted {predicted!r}, truth {truth!r}")
    return 1.0 if ok else 0.0


def _line_amounts(truth: dict[str, Any]) -> list[Decimal]:
    """What a page may print as a true line's amount: its total, or quantity times the net unit
    price (a generator that puts the tax-inclusive figure in the XML's line total prints the net on
    the page). Not the gross price: in CII that is the price before allowances."""
    amounts = [a for a in (_decimal(truth.get("line_total")),) if a is not None]
    quantity, price = _decimal(truth.get("quantity")), _decimal(truth.get("unit_price_net"))
    if quantity is not None and price is not None:
        amounts.append((quantity * price).quantize(Decimal("0.01")))
    return amounts


def _line_match(predicted: InvoiceLineExtraction, truth: dict[str, Any]) -> bool:
    if not any(same_magnitude(predicted.amount, amount) for amount in _line_amounts(truth)):
        return False
    # the XML's name may carry several lines ("GTIN: ...\nTrennblätter A4"): any of them may be the one printed
    names = [n.strip() for n in str(truth.get("name") or "").split("\n") if n.strip()]
    description = predicted.description or ""
    if not names or not description:
        return True
    return any(fuzz.partial_ratio(name.lower(), description.lower()) >= 70 for name in names)


def line_f1(predicted: list[InvoiceLineExtraction], truth: list[dict[str, Any]]) -> float:
    """F1 of predicted lines against true lines (greedy one-to-one matching)."""
    truth = [t for t in truth if t]
    if not truth and not predicted:
        return 1.0
    used: set[int] = set()
    matched = 0
    for line in predicted:
        for index, expected in enumerate(truth):
            if index not in used and _line_match(line, expected):
                used.add(index)
                matched += 1
                break
    if matched == 0:
        return 0.0
    precision, recall = matched / len(predicted), matched / len(truth)
    return 2 * precision * recall / (precision + recall)


def read_document(path: Path) -> ParsedDocument:
    """A shared-data document: a PDF, or a bare text transcript standing in for one page."""
    if path.suffix.lower() == ".txt":
        return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=path.read_text("utf-8"))])
    from opsloop.ingest.readers.pdf import read_pdf

    return read_pdf(path.read_bytes())


def invoice2data_cases(folder: Path) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """(item, document, truth) for each invoice2data case that has its PDF or text beside the JSON."""
    for truth_path in sorted((folder / "compare").glob("*.json")):
        documents = [
            p for p in (truth_path.with_suffix(".pdf"), truth_path.with_suffix(".txt")) if p.exists()
        ]
        if not documents:
            continue
        raw = json.loads(truth_path.read_text("utf-8"))
        yield truth_path.stem, documents[0], (raw[0] if isinstance(raw, list) else raw)


LABEL_CORRECTIONS: dict[str, dict[str, str]] = {
    # ../shared/data/MANIFEST.md, invoice2data: "Orlen's number is cut to 'F' (the text says
    # 'F 1234K20/1234/12')": the template's regex stops at the space; the page prints the whole number
    "Orlen": {"invoice_number": "F 1234K20/1234/12"},
}
"""Ground-truth values the data's own manifest documents as defects, scored as the page prints them."""


def printed_in(name: str, text: str) -> bool:
    """Whether a party's name appears in the text, allowing for spacing, case and a typo or two."""
    wanted, haystack = " ".join(name.lower().split()), " ".join(text.lower().split())
    return bool(wanted) and fuzz.partial_ratio(wanted, haystack) >= 70


def score_invoice2data(
    result: SourceResult,
    extraction: InvoiceExtraction,
    truth: dict[str, Any],
    item: str,
    text: str | None = None,
) -> None:
    """Score one invoice2data case field by field (the template's issuer or partner counts as vendor).
    With the document's ``text``, a missed vendor whose every true name is absent from it (printed
    only in a logo image) is left out and reported: no text engine can read it."""
    result.items += 1
    corrections = LABEL_CORRECTIONS.get(item, {})
    for name, value in corrections.items():
        result.corrections.append(f"{item}: {name} {truth.get(name)!r} scored as {value!r} (MANIFEST.md)")
    truth = {**truth, **corrections}
    vendors = [v for v in (truth.get("issuer"), truth.get("partner_name")) if v]
    if (
        text is not None
        and vendors
        and not same_vendor(extraction.vendor.name, vendors)
        and not any(printed_in(v, text) for v in vendors)
    ):
        result.corrections.append(f"{item}: vendor {vendors[0]!r} is not in the page text")
        vendors = []
    score(result, "vendor", extraction.vendor.name, vendors, same_vendor, item)
    score(result, "invoice_number", extraction.invoice_number, truth.get("invoice_number"), same_id, item)
    score(result, "invoice_date", extraction.invoice_date, truth.get("date"), same_date, item)
    score(result, "due_date", extraction.due_date, truth.get("date_due"), same_date, item)
    score(result, "currency", extraction.currency, truth.get("currency"), same_text, item)
    score(result, "total", extraction.total, truth.get("amount"), same_amount, item)
    score(result, "subtotal", extraction.subtotal, truth.get("amount_untaxed"), same_amount, item)
    score(result, "tax_total", extraction.tax_total, truth.get("amount_tax"), same_amount, item)


def eval_invoice2data(folder: Path) -> SourceResult:
    result = SourceResult("invoice2data", "text")
    for item, document, truth in invoice2data_cases(folder):
        parsed = read_document(document)
        text = "\n".join(page.text for page in parsed.pages)
        score_invoice2data(result, extract_invoice(parsed, text_only=True), truth, item, text)
    return result


def zugferd_fields(
    result: SourceResult, extraction: InvoiceExtraction, truth: dict[str, Any], item: str
) -> dict[str, float]:
    # UNTDID 1001: 381 (and the other credit-note codes) is a credit note; a corrected invoice or a debit
    # note (384, 383) whose total is negative credits money too (issue 14: never paid)
    code = str(truth.get("type_code") or "")
    negative = str(truth.get("grand_total") or "").strip().startswith("-")
    credit = code in ("81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532")
    doc_type = "credit_note" if credit or (code in ("383", "384") and negative) else "invoice"
    amount = same_magnitude if doc_type == "credit_note" else same_amount
    scores = {
        "invoice_number": score(
            result, "invoice_number", extraction.invoice_number, truth.get("invoice_number"), same_id, item
        ),
        "invoice_date": score(
            result, "invoice_date", extraction.invoice_date, truth.get("invoice_date"), same_date, item
        ),
        "due_date": score(result, "due_date", extraction.due_date, truth.get("due_date"), same_date, item),
        "vendor": score(
            result, "vendor", extraction.vendor.name, truth.get("seller_name"), same_vendor, item
        ),
        "buyer": score(result, "buyer", extraction.buyer.name, truth.get("buyer_name"), same_vendor, item),
        "currency": score(result, "currency", extraction.currency, truth.get("currency"), same_text, item),
        "po_number": score(
            result,
            "po_number",
            extraction.po_numbers,
            truth.get("po_number"),
            lambda p, t: any(same_id(x, t) for x in p),
            item,
        ),
        "subtotal": score(
            result, "subtotal", extraction.subtotal, truth.get("tax_basis_total"), amount, item
        ),
        "tax_total": score(result, "tax_total", extraction.tax_total, truth.get("tax_total"), amount, item),
        "total": score(result, "total", extraction.total, truth.get("grand_total"), amount, item),
        "amount_due": score(
            result, "amount_due", extraction.amount_due, truth.get("due_payable"), amount, item
        ),
        "document_type": score(
            result, "document_type", extraction.document_type.value, doc_type, same_text, item
        ),
    }
    return {k: v for k, v in scores.items() if v >= 0}


def _printed_dates_only(
    truth: dict[str, Any], parsed: ParsedDocument, result: SourceResult, item: str
) -> dict[str, Any]:
    """The truth without the dates its page does not print in any order (the XML and the rendering
    disagree): the page text cannot hold them, so text-only scoring leaves them out, and says so."""
    text = "\n".join(page.text for page in parsed.pages)
    printed = {d.value for order in (True, False) for d in find_dates(text, day_first=order)}
    kept = dict(truth)
    for name in ("invoice_date", "due_date"):
        value = _date(truth.get(name))
        if value is not None and value not in printed:
            kept[name] = None
            result.corrections.append(f"{item}: {name} {value.isoformat()} is not printed on the page")
    return kept


def eval_zugferd(folder: Path, *, text_only: bool) -> SourceResult:
    """One score per dup_group: each field's accuracy is the mean over the group's files."""
    per_file = SourceResult("zugferd", "text-only" if text_only else "embedded")
    groups: dict[str, list[tuple[dict[str, float], float | None]]] = defaultdict(list)
    for truth_path in sorted(folder.glob("*.json")):
        pdf = truth_path.with_suffix(".pdf")
        if not pdf.exists():
            continue
        raw = json.loads(truth_path.read_text("utf-8"))
        truth = raw["ground_truth"]
        parsed = read_document(pdf)
        extraction = extract_invoice(parsed, text_only=text_only)
        if text_only:
            truth = _printed_dates_only(truth, parsed, per_file, pdf.stem)
        fields = zugferd_fields(per_file, extraction, truth, pdf.stem)
        lines_truth = [t for t in truth.get("line_items") or [] if t]
        f1 = line_f1(extraction.lines, lines_truth) if lines_truth else None
        if f1 is not None and f1 < 1.0:
            per_file.misses.append(
                f"{pdf.stem}: line F1 {f1:.2f} ({len(extraction.lines)} vs {len(lines_truth)})"
            )
        groups[raw.get("dup_group") or pdf.stem].append((fields, f1))
    result = SourceResult(
        per_file.source,
        per_file.mode,
        items=len(groups),
        misses=per_file.misses,
        corrections=per_file.corrections,
    )
    for members in groups.values():
        names = {name for fields, _ in members for name in fields}
        for name in names:
            values = [fields[name] for fields, _ in members if name in fields]
            result.fields[name].total += 1
            result.fields[name].hits += sum(values) / len(values)
        f1s = [f1 for _, f1 in members if f1 is not None]
        if f1s:
            result.line_f1.total += 1
            result.line_f1.hits += sum(f1s) / len(f1s)
    return result


def eval_sroie(folder: Path, *, limit: int | None = None) -> SourceResult:
    result = SourceResult("sroie", "text")
    path = folder / "items.jsonl"
    with path.open(encoding="utf-8") as handle:
        for number, raw_line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            record = json.loads(raw_line)
            truth = record["ground_truth"]
            parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=record["text"])])
            extraction = extract_invoice(parsed, text_only=True)
            result.items += 1
            item = f"sroie {record['id']}"
            score(result, "vendor", extraction.vendor.name, truth.get("company"), same_vendor, item)
            score(
                result,
                "invoice_date",
                extraction.invoice_date,
                parse_date(truth.get("date") or "", day_first=True),
                same_date,
                item,
            )
            score(result, "total", extraction.total, truth.get("total"), same_amount, item)
    return result


def run_invoice_eval(
    data: Path = DEFAULT_DATA,
    *,
    modes: Iterable[str] = ("embedded", "text-only"),
    sroie_limit: int | None = None,
) -> list[SourceResult] | None:
    """Score every source present under ``data``; None when the folder is absent (skip)."""
    if not data.is_dir():
        return None
    results: list[SourceResult] = []
    if (data / "invoice2data" / "compare").is_dir():
        results.append(eval_invoice2data(data / "invoice2data"))
    if (data / "zugferd_corpus").is_dir():
        for mode in modes:
            results.append(eval_zugferd(data / "zugferd_corpus", text_only=mode == "text-only"))
    if (data / "sroie_text" / "items.jsonl").is_file():
        results.append(eval_sroie(data / "sroie_text", limit=sroie_limit))
    return results


def write_report(results: list[SourceResult], path: Path = DEFAULT_REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"generated": datetime.now(UTC).date().isoformat(), "sources": [r.as_dict() for r in results]}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


FIELD_ORDER: tuple[str, ...] = (
    "invoice_number",
    "invoice_date",
    "due_date",
    "total",
    "subtotal",
    "tax_total",
    "amount_due",
    "currency",
    "vendor",
    "buyer",
    "po_number",
    "document_type",
)


def table_rows(results: list[SourceResult]) -> list[list[str]]:
    """Rows for the printed table: source, mode, items, then each field's accuracy (n)."""
    rows: list[list[str]] = []
    for result in results:
        cells = [result.source, result.mode, str(result.items)]
        for name in FIELD_ORDER:
            fs = result.fields.get(name)
            cells.append(f"{fs.accuracy:.2f} ({fs.total})" if fs and fs.accuracy is not None else "-")
        f1 = result.line_f1.accuracy
        cells.append(f"{f1:.2f} ({result.line_f1.total})" if f1 is not None else "-")
        rows.append(cells)
    return rows


_ = DocumentType  # re-exported names for callers scoring document types
