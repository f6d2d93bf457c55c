"""Run the invoice extraction eval: opsloop's public reader and ``extract_invoice`` are the system under
test; everything that decides right or wrong is this package's own (normalise.py, metrics.py).

    python -m evals.invoices [--data ../shared/data/invoices] [--synth DIR ...] [--generate N]
                             [--<key> DIR ...] [--generate-<key> N] [--<key>-seed S]   (a generator of generators.py)
                             [--sources invoice2data,zugferd,sroie,synth,<key>,...] [--text-only] [--report PATH]

Per source, mode and field: accuracy with a 95 % Wilson interval; line items F1 (mean per document,
bootstrap interval); per field a reliability table and the expected calibration error from the
confidence the engine reports in ``fields[...]``. ZUGFeRD scores one item per ``dup_group`` (the mean
of its files). Every miss is listed in the JSON report with the predicted and the true value, except
on the sets of generators held out once or still (generators.py), whose misses are counted, not listed, unless
asked for: nobody tunes on the held-out source, and a list of misses is where tuning starts.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from evals.invoices.cases import (
    TUNED_SOURCES,
    Case,
    TrueAddress,
    apply_notes,
    invoice2data_cases,
    sroie_cases,
    synth_cases,
    zugferd_cases,
)
from evals.invoices.generators import BY_KEY, DEVELOPMENT, GENERATORS, generator_of, heldout_note
from evals.invoices.metrics import FieldScore, bootstrap_mean, expected_calibration_error, reliability
from evals.invoices.normalise import (
    description_tokens,
    same_address,
    same_amount,
    same_date,
    same_id,
    same_name,
    same_text,
)

DEFAULT_DATA = Path("../shared/data/invoices")
DEFAULT_REPORT = Path("evals/reports/invoices.json")

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
    "vendor_vat_id",
    "vendor_iban",
    "vendor_address",
)
HEADLINE = ("invoice_number", "invoice_date", "total", "currency", "vendor")
LINE_TABLE = "line_items"
"""The calibration row of the item table: whether every row is read (line F1 1.0) against the
confidence reported for the table (``fields["lines"]``)."""
ECE_TARGET = 0.05
"""The expected calibration error a field's confidence should stay under (issue 15)."""

CONFIDENCE_KEY = {
    "vendor": "vendor.name",
    "buyer": "buyer.name",
    "po_number": "po_numbers",
    "vendor_vat_id": "vendor.vat_id",
    "vendor_iban": "vendor.iban",
    "vendor_address": "vendor.address",
}


def _alnum(value: Any) -> str:
    return "".join(c for c in str(value or "") if c.isalnum()).casefold()


def same_tax_id(predicted: Any, truth: Any) -> bool:
    """VAT ids and IBANs: equal letters and digits (a Swiss UID's trailing 'MWST' is not part of it)."""
    got, want = _alnum(predicted), _alnum(truth)
    return bool(got) and got in (want, want.removesuffix("mwst"))


def predicted_value(extraction: Any, name: str) -> Any:
    return {
        "vendor": extraction.vendor.name,
        "buyer": extraction.buyer.name,
        "po_number": extraction.po_numbers,
        "document_type": getattr(extraction.document_type, "value", extraction.document_type),
        "vendor_vat_id": extraction.vendor.vat_id,
        "vendor_iban": extraction.vendor.iban,
        "vendor_address": extraction.vendor.address,
    }.get(name, getattr(extraction, name, None))


def compare(name: str, predicted: Any, truth: Any, *, credit: bool) -> bool:
    if name in ("vendor", "buyer"):
        return same_name(predicted, truth)
    if name == "invoice_number":
        return same_id(predicted, truth)
    if name in ("invoice_date", "due_date"):
        return same_date(predicted, truth)
    if name in ("currency", "document_type"):
        return same_text(predicted, truth)
    if name in ("total", "subtotal", "tax_total", "amount_due"):
        return same_amount(predicted, truth, magnitude=credit)
    if name == "po_number":
        return any(same_id(p, t) for p in predicted or [] for t in truth)
    if name in ("vendor_vat_id", "vendor_iban"):
        return same_tax_id(predicted, truth)
    if name == "vendor_address":
        parts, country = (truth.parts, truth.country) if isinstance(truth, TrueAddress) else (truth, None)
        return same_address(predicted, parts, country)
    raise ValueError(f"no comparison for field {name!r}")


def line_f1(predicted: list[Any], truth: list[dict[str, Any]], *, credit: bool = False) -> float:
    """F1 of predicted lines against true lines, matched one to one (greedy, in order). A predicted
    line matches a true line when its amount is one the true line may print (to the cent; magnitudes
    for credit notes) and it shares at least half of the true description's words (any printed line of
    a multi-line description counts)."""
    if not truth:
        return 1.0 if not predicted else 0.0
    used: set[int] = set()
    matched = 0
    for line in predicted:
        words = description_tokens(getattr(line, "description", None))
        for index, expected in enumerate(truth):
            if index in used:
                continue
            if not any(same_amount(line.amount, a, magnitude=credit) for a in expected["amounts"]):
                continue
            parts = [description_tokens(part) for part in str(expected["name"]).split("\n")]
            parts = [p for p in parts if p] or [set()]
            if any(not part or len(part & words) * 2 >= len(part) for part in parts):
                used.add(index)
                matched += 1
                break
    if not matched:
        return 0.0
    precision, recall = matched / len(predicted), matched / len(truth)
    return 2 * precision * recall / (precision + recall)


@dataclass
class SourceResult:
    source: str
    mode: str
    items: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: defaultdict(FieldScore))
    line_f1: list[float] = field(default_factory=list)
    line_table: FieldScore = field(default_factory=FieldScore)
    """Calibration of the item table's confidence: per document with true lines, (every row read, the
    confidence reported for ``fields["lines"]``)."""
    misses: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    breakdown: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    """For generated sets: "locale:xx-XX" / "layout:name" -> field -> [hits, n]."""
    errors: list[str] = field(default_factory=list)

    show_misses: bool = True
    """False: the JSON report counts the misses without listing them (held-out sets by default)."""

    @property
    def tuned(self) -> bool:
        """The hand rules were written against it: the real development sources, and the development
        generators, whose misses were fixed from the day they were written."""
        generator = generator_of(self.source)
        return self.source in TUNED_SOURCES or (generator is not None and generator.role == DEVELOPMENT)

    @property
    def heldout(self) -> bool:
        generator = generator_of(self.source)
        return generator is not None and generator.heldout

    def calibrated(self) -> list[tuple[str, FieldScore]]:
        """The fields with confidence outcomes, in table order, then the item table."""
        scores = [(name, self.fields[name]) for name in FIELD_ORDER if name in self.fields]
        return [(n, s) for n, s in [*scores, (LINE_TABLE, self.line_table)] if s.outcomes]

    @property
    def line_f1_mean(self) -> float | None:
        return sum(self.line_f1) / len(self.line_f1) if self.line_f1 else None

    def as_dict(self) -> dict[str, Any]:
        ci = bootstrap_mean(self.line_f1)
        return {
            "source": self.source,
            "mode": self.mode,
            "rules_tuned_on_it": self.tuned,
            **({"heldout": True, "note": heldout_note(self.source)} if self.heldout else {}),
            "items": self.items,
            "fields": {name: self.fields[name].as_dict() for name in FIELD_ORDER if name in self.fields},
            "line_items_f1": {
                "f1": self.line_f1_mean,
                "n": len(self.line_f1),
                "ci95": [round(ci[0], 4), round(ci[1], 4)] if ci else None,
            },
            "calibration": {
                name: {
                    "ece": expected_calibration_error(score.outcomes),
                    "reliability": reliability(score.outcomes),
                }
                for name, score in self.calibrated()
            },
            "breakdown": self.breakdown,
            "truth_notes": self.notes,
            "errors": self.errors,
            "misses": self.misses if self.show_misses else {"count": len(self.misses), "listed": False},
        }


Extractor = Callable[[Case, bool], Any]


def parse_case(case: Case) -> Any:
    """The case's document as opsloop reads it: a ParsedDocument (PDF, or a text standing in for a page)."""
    from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument

    if case.text is not None or (case.document is not None and case.document.suffix == ".txt"):
        text = case.text if case.text is not None else case.document.read_text("utf-8")  # type: ignore[union-attr]
        return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    assert case.document is not None
    from opsloop.ingest.readers.pdf import read_pdf

    return read_pdf(case.document.read_bytes())


def extract_with_opsloop(case: Case, text_only: bool) -> Any:
    """The system under test: opsloop's PDF reader, its OCR for a scan (a PDF with no text layer and no
    e-invoice: page images only) and for the images of a text-layer page whose text names no seller, as the
    pipeline reads them (public ``extract_file``), and public ``extract_invoice`` (its e-invoice reader for a
    bare XML)."""
    from opsloop.extract import extract_file, extract_invoice

    if case.document is not None and case.document.suffix == ".xml":
        from opsloop.extract.einvoice import read_einvoice

        return read_einvoice(case.document.read_bytes())
    is_text = case.text is not None or (case.document is not None and case.document.suffix == ".txt")
    if not is_text and case.document is not None:
        return extract_file(case.document, text_only=text_only)  # OCRs a scan, and a seller's image
    return extract_invoice(parse_case(case), text_only=text_only or is_text)


def score_case(
    case: Case, extraction: Any
) -> tuple[dict[str, tuple[bool, float]], float | None, list[dict[str, Any]]]:
    """(field -> (right, confidence), line F1 or None, misses) for one document."""
    evidence = getattr(extraction, "fields", {}) or {}
    scored: dict[str, tuple[bool, float]] = {}
    misses: list[dict[str, Any]] = []
    for name in FIELD_ORDER:
        truth = case.truth.get(name)
        if truth is None or truth == "" or truth == []:
            continue
        predicted = predicted_value(extraction, name)
        ok = compare(name, predicted, truth, credit=case.credit)
        key = CONFIDENCE_KEY.get(name, name)
        confidence = float(evidence[key].confidence) if key in evidence else 0.0
        scored[name] = (ok, confidence)
        if not ok:
            shown = [str(p) for p in predicted] if isinstance(predicted, list) else predicted
            misses.append(
                {
                    "item": case.item,
                    "field": name,
                    "predicted": None if shown is None else str(shown),
                    "truth": truth if isinstance(truth, (str, list)) else str(truth),
                    **case.facts,
                }
            )
            if case.context:
                misses[-1]["context"] = {**case.context, "truth": {k: v for k, v in case.truth.items() if v}}
    f1 = None
    if case.lines:
        f1 = line_f1(list(getattr(extraction, "lines", []) or []), case.lines, credit=case.credit)
        if f1 < 1.0:
            misses.append(
                {
                    "item": case.item,
                    "field": "lines",
                    "predicted": str(len(extraction.lines)),
                    "truth": str(len(case.lines)),
                    "f1": round(f1, 3),
                    **case.facts,
                }
            )
            if case.context:
                misses[-1]["context"] = {"predicted_amounts": [str(x.amount) for x in extraction.lines]}
    return scored, f1, misses


def evaluate(
    cases: Iterable[Case],
    source: str,
    mode: str,
    *,
    extract: Extractor = extract_with_opsloop,
    result: SourceResult | None = None,
) -> SourceResult:
    """Score every case; cases sharing a ``group`` count as one item (the mean of their scores)."""
    result = result if result is not None else SourceResult(source, mode)
    text_only = mode != "embedded"
    groups: dict[str, list[tuple[dict[str, tuple[bool, float]], float | None]]] = defaultdict(list)
    for case in cases:
        apply_notes(case, mode)
        result.notes.extend(case.notes)
        try:
            extraction = extract(case, text_only)
        except Exception as error:  # a crash of the system under test is every field missed, and said
            result.errors.append(f"{case.item}: {type(error).__name__}: {error}")
            extraction = None
        if extraction is None:
            scored = {n: (False, 0.0) for n in FIELD_ORDER if case.truth.get(n) not in (None, "", [])}
            f1: float | None = 0.0 if case.lines else None
            misses = [
                {"item": case.item, "field": n, "predicted": None, "truth": str(case.truth[n])}
                for n in scored
            ]
        else:
            scored, f1, misses = score_case(case, extraction)
        if f1 is not None:
            evidence = getattr(extraction, "fields", None) or {}
            table = float(evidence["lines"].confidence) if "lines" in evidence else 0.0
            result.line_table.outcomes.append((f1 == 1.0, table))
        result.misses.extend(misses)
        groups[case.group].append((scored, f1))
        for name, (ok, confidence) in scored.items():
            result.fields[name].outcomes.append((ok, confidence))
            for (
                facet
            ) in case.facts:  # locale, layout, and a generator's own factors (evals/synth8: the parties')
                if case.facts.get(facet):
                    cell = result.breakdown.setdefault(f"{facet}:{case.facts[facet]}", {}).setdefault(
                        name, [0, 0]
                    )
                    cell[0] += int(ok)
                    cell[1] += 1
    result.items = len(groups)
    for members in groups.values():
        names = {name for scored, _ in members for name in scored}
        for name in names:
            values = [scored[name][0] for scored, _ in members if name in scored]
            result.fields[name].total += 1
            result.fields[name].hits += sum(values) / len(values)
        f1s = [f1 for _, f1 in members if f1 is not None]
        if f1s:
            result.line_f1.append(sum(f1s) / len(f1s))
    return result


def source_cases(
    data: Path, synth: Iterable[Path], sroie_limit: int | None, generated: dict[str, list[Path]] | None = None
) -> Iterator[tuple[str, str, Callable[[], Iterator[Case]]]]:
    """(source, mode, case factory) for every source present; ``generated``: the sets of each generator of
    generators.py by its key, scored in that table's order."""
    if (data / "invoice2data" / "compare").is_dir():
        yield "invoice2data", "text", lambda: invoice2data_cases(data / "invoice2data")
    if (data / "zugferd_corpus").is_dir():
        yield "zugferd", "embedded", lambda: zugferd_cases(data / "zugferd_corpus")
        yield "zugferd", "text-only", lambda: zugferd_cases(data / "zugferd_corpus")
    if (data / "sroie_text" / "items.jsonl").is_file():
        yield "sroie", "text", lambda: sroie_cases(data / "sroie_text", sroie_limit)
    for folder in synth:
        name = f"synth:{folder.name}"
        yield name, "text", (lambda folder=folder: synth_cases(folder))  # type: ignore[misc]
    for generator in GENERATORS:
        for folder in (generated or {}).get(generator.key, []):
            yield (
                f"{generator.prefix}{folder.name}",
                "text",
                partial(synth_cases, folder, prefix=generator.prefix),
            )


def run_invoice_eval(
    data: Path = DEFAULT_DATA,
    *,
    synth: Iterable[Path] = (),
    heldout_misses: bool = False,
    modes: Iterable[str] = ("embedded", "text-only"),
    sources: Iterable[str] | None = None,
    sroie_limit: int | None = None,
    extract: Extractor = extract_with_opsloop,
    progress: Callable[[str], None] | None = None,
    **generated: Iterable[Path],
) -> list[SourceResult] | None:
    """Score every source present; None when neither the data folder nor a generated set exists.
    ``generated``: sets of the generators of generators.py by key (``heldout5=[folder]``); the held-out
    ones come last and their misses are listed in the report only with ``heldout_misses``."""
    unknown = sorted(set(generated) - set(BY_KEY))
    if unknown:
        raise TypeError(f"no generator {', '.join(unknown)} (evals/invoices/generators.py)")
    synth = list(synth)
    sets = {key: list(folders) for key, folders in generated.items()}
    if not data.is_dir() and not synth and not any(sets.values()):
        return None
    wanted = set(sources) if sources is not None else None
    allowed_modes = set(modes) | {"text"}
    results: list[SourceResult] = []
    for source, mode, factory in source_cases(data, synth, sroie_limit, sets):
        family = source.split(":", 1)[0] if ":" in source else source
        if wanted is not None and source not in wanted and family not in wanted:
            continue
        if mode not in allowed_modes:
            continue
        if progress:
            progress(f"{source} ({mode})")
        result = SourceResult(source, mode)
        result.show_misses = heldout_misses or not result.heldout
        results.append(evaluate(factory(), source, mode, extract=extract, result=result))
    return results


def write_report(results: list[SourceResult], path: Path = DEFAULT_REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "generated": datetime.now(UTC).date().isoformat(),
        "scoring": "strict (evals/invoices/normalise.py); no truth dropped except TRUTH_NOTES",
        "sources": [r.as_dict() for r in results],
    }
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def cell(score: FieldScore | None) -> str:
    if score is None or score.accuracy is None:
        return "-"
    ci = score.interval()
    assert ci is not None
    return f"{score.accuracy:.2f} [{ci[0]:.2f}-{ci[1]:.2f}] ({score.total})"


def table_rows(results: list[SourceResult]) -> list[list[str]]:
    """Rows for the printed table: source, mode, items, each field's accuracy [95 % CI] (n), line F1."""
    rows: list[list[str]] = []
    for result in results:
        cells = [result.source, result.mode, str(result.items)]
        cells.extend(cell(result.fields.get(name)) for name in FIELD_ORDER)
        mean, ci = result.line_f1_mean, bootstrap_mean(result.line_f1)
        cells.append(
            f"{mean:.2f} [{ci[0]:.2f}-{ci[1]:.2f}] ({len(result.line_f1)})"
            if mean is not None and ci
            else "-"
        )
        rows.append(cells)
    return rows


def calibration_rows(results: list[SourceResult]) -> list[list[str]]:
    """source, mode, field, n, ECE, then 'conf→acc (n)' per populated bin."""
    rows: list[list[str]] = []
    for result in results:
        for name, score in result.calibrated():
            ece = expected_calibration_error(score.outcomes)
            bins = " ".join(
                f"{r['confidence']:.2f}→{r['accuracy']:.2f}({r['n']})" for r in reliability(score.outcomes)
            )
            rows.append([result.source, result.mode, name, str(len(score.outcomes)), f"{ece:.3f}", bins])
    return rows


def breakdown_rows(result: SourceResult, facet: str, fields: Iterable[str] = HEADLINE) -> list[list[str]]:
    """Per locale or layout of a generated set: n, then each field's accuracy (hits/n)."""
    rows = []
    for key in sorted(k for k in result.breakdown if k.startswith(f"{facet}:")):
        cells = result.breakdown[key]
        n = max((cell[1] for cell in cells.values()), default=0)
        row = [key.split(":", 1)[1], str(n)]
        for name in fields:
            hits, total = cells.get(name, [0, 0])
            row.append(f"{hits / total:.2f}" if total else "-")
        rows.append(row)
    return rows


PARTY_FIELDS = ("vendor", "buyer")


def factor_facets(result: SourceResult) -> list[str]:
    """A generated set's own factors (evals/synth8: where the parties stand, how they are named), in the
    order first seen: every breakdown facet but locale and layout."""
    facets: list[str] = []
    for key in result.breakdown:
        facet = key.split(":", 1)[0]
        if facet not in ("locale", "layout") and facet not in facets:
            facets.append(facet)
    return facets


def _print_table(rows: list[list[str]], out: Any) -> None:
    headers = ["source", "mode", "items", *FIELD_ORDER, "line F1"]
    for index, name in enumerate(headers):
        if index < 1:
            continue
        print(f"{name:>15} | " + " | ".join(f"{row[index]:>26}" for row in rows), file=out)


def print_results(results: list[SourceResult], out: Any = sys.stdout) -> None:
    """Plain-text tables (the CLI wrapper prints its own rich table from the same rows); held-out sets
    in a table of their own, after the others, with their note and a per-layout and per-locale table."""
    tuned = [r for r in results if not r.heldout]
    held = [r for r in results if r.heldout]
    if tuned:
        _print_table(table_rows(tuned), out)
        print("", file=out)
    for result in tuned:
        factors = factor_facets(result)
        if factors:
            generator = generator_of(result.source)
            fields = generator.factor_fields if generator is not None else PARTY_FIELDS
            kind = "party factor" if fields == PARTY_FIELDS else "factor"
            print(f"{result.source}: per {kind} (n, {', '.join(fields)}):", file=out)
            for facet in factors:
                for row in breakdown_rows(result, facet, fields):
                    print(f"    {facet:>11} " + " ".join(f"{c:>15}" for c in row), file=out)
            print("", file=out)
    for result in held:
        print(f"HELD OUT — {result.source}: {heldout_note(result.source)}", file=out)
        _print_table(table_rows([result]), out)
        for facet in ("layout", "locale"):
            print(f"  per {facet} (n, {', '.join(HEADLINE)}):", file=out)
            for row in breakdown_rows(result, facet):
                print("    " + " ".join(f"{c:>12}" for c in row), file=out)
        print("", file=out)
    print("calibration (field confidence vs accuracy; ECE target <= 0.05):", file=out)
    rows = calibration_rows(results)
    for row in rows:
        print("  " + " ".join(row), file=out)
    over = [f"{row[0]} {row[2]} {row[4]}" for row in rows if float(row[4]) > ECE_TARGET]
    print(f"  ECE <= {ECE_TARGET} on {len(rows) - len(over)} of {len(rows)} field x source cells"
          + (f"; above: {', '.join(over)}" if over else ""), file=out)  # fmt: skip
    for result in results:
        seen = "rules tuned on it" if result.tuned else "rules never saw it"
        if result.heldout:
            seen = heldout_note(result.source)
        print(f"{result.source} ({result.mode}): {seen}", file=out)
        for note in result.notes:
            print(f"  truth note: {note}", file=out)
        for error in result.errors:
            print(f"  extraction failed: {error}", file=out)
