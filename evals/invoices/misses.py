"""Why the engine misses on the generated sets: each miss put in one class (label word taken as the
vendor, number label not read, another number taken, IBAN not read, …), counted per field and locale.

Generated sets know every true value of the document, so a wrong value can often be named: the buyer
taken as the vendor, the PO or delivery-note number taken as the invoice number, the net taken as the
total. The classes go to evals/reports/invoice_miss_classes.json for the engine's authors.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from evals.invoices.normalise import amount, identifier, name_tokens, same_amount, same_name, truth_date
from evals.synth.locales import BANKS, PACKS


def _label_words() -> frozenset[str]:
    words: set[str] = set()
    for pack in PACKS.values():
        for options in pack.labels.values():
            for option in options:
                words |= {w.casefold().strip(".:") for w in re.findall(r"[\w.]+", option) if len(w) > 1}
    return frozenset(words)


LABEL_WORDS = _label_words()
BANK_NAMES = [name for names in BANKS.values() for name in names]


def _vendor_class(predicted: str | None, truth: Any, context: dict[str, Any]) -> str:
    if not predicted:
        return "vendor not found"
    tokens = name_tokens(predicted)
    words = {w.casefold().strip(".:") for w in re.findall(r"[\w.]+", predicted)}
    if words and words <= LABEL_WORDS:
        return "a label word taken as the vendor"
    if same_name(predicted, context.get("truth", {}).get("buyer")):
        return "the buyer taken as the vendor"
    if any(same_name(predicted, bank) for bank in BANK_NAMES):
        return "the bank taken as the vendor"
    want = name_tokens(truth)
    if tokens and tokens < want:
        return "part of the name (logo brand or a cut)"
    if want and want < tokens:
        return "the name with extra words"
    if tokens & want:
        return "an overlapping but different name"
    return "another text taken as the vendor"


def _number_class(predicted: str | None, truth: Any, context: dict[str, Any]) -> str:
    if not predicted:
        return "number not found (label not read)"
    got, want = identifier(predicted), identifier(truth)
    for key, label in (("po_number", "a PO number"),):
        if any(identifier(p) == got for p in context.get("truth", {}).get(key) or []):
            return f"{label} taken as the invoice number"
    if context.get("delivery_note") and identifier(context["delivery_note"]) == got:
        return "the delivery-note number taken as the invoice number"
    if context.get("preceding_invoice") and identifier(context["preceding_invoice"]) == got:
        return "the referenced (credited) invoice's number taken"
    if truth_date(predicted) is not None:
        return "a date taken as the invoice number"
    if want in got:
        return "the number with extra characters"
    if got in want:
        return "the number cut short"
    if context.get("truth", {}).get("vendor_vat_id") and identifier(context["truth"]["vendor_vat_id"]) == got:
        return "the VAT id taken as the invoice number"
    return "another number (customer number, …) taken"


def _date_class(field: str, predicted: str | None, truth: Any, context: dict[str, Any]) -> str:
    if not predicted:
        return f"{field} not found"
    got = truth_date(predicted)
    want = truth_date(truth)
    other = truth_date(
        context.get("truth", {}).get("due_date" if field == "invoice_date" else "invoice_date")
    )
    if got is not None and other is not None and got == other:
        return "invoice and due date swapped"
    if got and want and (got.day, got.month) == (want.month, want.day):
        return "day and month read in the wrong order"
    if got and want and got.replace(year=want.year) == want:
        return "wrong year"
    return "another date taken"


AMOUNT_FIELDS = {
    "total": "grand total",
    "subtotal": "net total",
    "tax_total": "tax total",
    "amount_due": "amount due",
}


def _amount_class(field: str, predicted: str | None, truth: Any, context: dict[str, Any]) -> str:
    if predicted is None:
        return f"{field} not found"
    known = context.get("truth", {})
    for other, label in AMOUNT_FIELDS.items():
        if other != field and known.get(other) and same_amount(predicted, known[other]):
            return f"the {label} taken as the {AMOUNT_FIELDS[field]}"
    if context.get("prepaid") and same_amount(predicted, context["prepaid"]) and amount(context["prepaid"]):
        return "the prepayment taken"
    if any(same_amount(predicted, line) for line in context.get("line_totals") or []):
        return "a line amount taken"
    if same_amount(predicted, truth, magnitude=True):
        return "the sign (credit note) differs"
    got, want = amount(predicted), amount(truth)
    if got is not None and want is not None and got != 0 and (want / got) in (10, 100, 1000, 0.1, 0.01):
        return "decimal or grouping separator misread"
    return "another amount taken"


def classify(miss: dict[str, Any]) -> str:
    field, predicted, truth = miss["field"], miss.get("predicted"), miss.get("truth")
    context = miss.get("context", {})
    if field == "vendor":
        return _vendor_class(predicted, truth, context)
    if field == "buyer":
        if not predicted:
            return "buyer not found"
        if same_name(predicted, context.get("truth", {}).get("vendor")):
            return "the seller taken as the buyer"
        return "another text taken as the buyer"
    if field == "invoice_number":
        return _number_class(predicted, truth, context)
    if field in ("invoice_date", "due_date"):
        return _date_class(field, predicted, truth, context)
    if field in AMOUNT_FIELDS:
        return _amount_class(field, predicted, truth, context)
    if field == "currency":
        return "currency not found" if not predicted else f"wrong currency ({predicted} for {truth})"
    if field == "vendor_iban":
        return "IBAN not read" if not predicted else "another IBAN taken"
    if field == "vendor_vat_id":
        if not predicted:
            return "VAT id not read"
        if context.get("buyer_vat_id") and identifier(context["buyer_vat_id"]) == identifier(predicted):
            return "the buyer's VAT id taken"
        return "another id taken as the VAT id"
    if field == "po_number":
        if predicted in (None, "[]"):
            return "PO number not found"
        return "PO number printed differently (spaces, line suffix) or another number taken"
    if field == "document_type":
        return f"document type {predicted} for {truth}"
    if field == "lines":
        got, want = int(miss.get("predicted") or 0), int(miss.get("truth") or 0)
        if got == 0:
            return "no lines found"
        if got < want:
            return "fewer lines than printed (page break, wrapped rows)"
        if got > want:
            return "more lines than printed (a wrapped description or a sub-row taken as a line)"
        return "as many lines, some not matching (amount or description)"
    return "other"


def classify_misses(results: list[Any]) -> dict[str, Any]:
    """Per generated set and field: miss classes with counts, the locales they occur in and examples."""
    out: dict[str, Any] = {}
    for result in results:
        if not result.source.startswith("synth:"):
            continue
        classes: dict[str, dict[str, Any]] = defaultdict(
            lambda: {"count": 0, "locales": Counter(), "examples": []}
        )
        for miss in result.misses:
            key = f"{miss['field']}: {classify(miss)}"
            entry = classes[key]
            entry["count"] += 1
            entry["locales"][miss.get("locale", "")] += 1
            if len(entry["examples"]) < 4:
                entry["examples"].append({k: miss.get(k) for k in ("item", "predicted", "truth", "layout")})
        out[result.source] = {
            key: {**value, "locales": dict(value["locales"].most_common())}
            for key, value in sorted(classes.items(), key=lambda kv: -kv[1]["count"])
        }
    return out


def write_miss_classes(classes: dict[str, Any], path: Path) -> Path:
    """The classes as JSON at ``path`` and as a Markdown table beside it (``.md``, kept in git)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(classes, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [
        "# Why the rules engine misses on generated invoices",
        "",
        "Written by `python -m evals.invoices --generate N` (evals/invoices/misses.py): every miss on a",
        "generated set in one class, with the locales it happens in and one example.",
        "",
    ]
    for source, entries in classes.items():
        lines += [f"## {source}", "", "| misses | field: class | locales (most) | example: predicted → true (layout) |",
                  "|---:|---|---|---|"]  # fmt: skip
        for key, entry in entries.items():
            locales = ", ".join(f"{k} {v}" for k, v in list(entry["locales"].items())[:4])
            example = entry["examples"][0]
            shown = f"{example['predicted']!r} → {example['truth']!r} ({example['layout']})".replace("|", "/")
            lines.append(f"| {entry['count']} | {key} | {locales} | {shown} |")
        lines.append("")
    path.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")
    return path
