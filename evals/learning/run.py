"""Run the learning eval: each vendor's stream through opsloop twice, without and with vendor memory,
a simulated reviewer correcting the first wrong field of every document through the review API.

    python -m evals.learning [--seed 18] [--vendors 18] [--documents 5] [--report PATH]

Only public entry points drive opsloop (as evals/decisions does): a fresh data folder, the folder
connector's vendor export and a sync, `ingest_and_process`, a reviewer account with an API token,
`GET /api/proposals`, `POST /api/proposals/{id}/decide` with `edit` (the correction path the review
page uses), and `load_extraction` to read what opsloop stored. Right and wrong are decided by the
strict scorer of evals/invoices (its own normalisers), never by opsloop's parsers or matchers.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.invoices.run import compare, predicted_value
from evals.learning.stream import Document, build_streams
from evals.synth.render import render_pdf, truth

REVIEWER = "ap-reviewer"
FIELDS: tuple[str, ...] = (
    "vendor",
    "vendor_vat_id",
    "vendor_iban",
    "invoice_number",
    "invoice_date",
    "due_date",
    "po_number",
    "currency",
    "subtotal",
    "tax_total",
    "total",
    "amount_due",
    "buyer",
)
"""The fields scored, in the order a reviewer meets them on the review page (the first wrong one is
corrected)."""
TRUTH_KEYS = {
    "vendor": "seller_name",
    "buyer": "buyer_name",
    "invoice_number": "invoice_number",
    "invoice_date": "invoice_date",
    "due_date": "due_date",
    "currency": "currency",
    "po_number": "po_numbers",
    "subtotal": "tax_basis_total",
    "tax_total": "tax_total",
    "total": "grand_total",
    "amount_due": "due_payable",
    "vendor_vat_id": "seller_vat_id",
    "vendor_iban": "seller_iban",
}
EDIT_FIELD = {
    "vendor_vat_id": "vendor.vat_id",
    "vendor_iban": "vendor.iban",
    "buyer": "buyer.name",
    "po_number": "po_numbers",
}
"""The review form's name for each scored field (`vendor` is picked from the ERP by its id)."""


@dataclass
class Seen:
    """One document as the eval saw it in one pass."""

    vendor: str
    index: int
    wrong: list[str]
    scored: list[str]
    corrected: str | None = None
    refused: str | None = None
    """Why the review API refused the correction, if it did."""
    learned: list[str] = field(default_factory=list)
    """Fields opsloop says vendor memory set (from the evidence)."""


@dataclass
class Pass:
    learning: bool
    seen: list[Seen] = field(default_factory=list)
    seconds: float = 0.0


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """opsloop reads its settings from OPSLOOP_* variables: set ours, hide the caller's, restore."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("OPSLOOP_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(values)
    try:
        yield
    finally:
        for key in values:
            os.environ.pop(key, None)
        os.environ.update(saved)


def _truths(document: Document) -> dict[str, Any]:
    record = truth(document.invoice)
    return {name: record.get(key) for name, key in TRUTH_KEYS.items()}


def score(extraction: Any, truths: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(wrong fields, scored fields), in FIELDS order, by the strict scorer of evals/invoices."""
    wrong, scored = [], []
    for name in FIELDS:
        expected = truths.get(name)
        if expected in (None, "", []):
            continue
        scored.append(name)
        if extraction is None or not compare(name, predicted_value(extraction, name), expected, credit=False):
            wrong.append(name)
    return wrong, scored


def correction(name: str, truths: dict[str, Any], vendor_key: str) -> dict[str, str]:
    """What the reviewer types into the review form to correct `name`."""
    if name == "vendor":
        return {"vendor": vendor_key}
    value = truths[name]
    if isinstance(value, list):
        value = ", ".join(value)
    return {EDIT_FIELD.get(name, name): str(value)}


def _write_vendors(folder: Path, streams: list[list[Document]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "vendors.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("erp_id", "name", "vat_id", "iban", "address", "currency", "payment_terms_days"))
        for stream in streams:
            vendor = stream[0].vendor
            seller = vendor.seller
            address = f"{seller.street}, {seller.postcode} {seller.city}"
            currency = stream[0].invoice.currency
            writer.writerow(
                (
                    vendor.key,
                    seller.name,
                    seller.vat_id or "",
                    seller.iban or "",
                    address,
                    currency,
                    vendor.terms_days,
                )
            )


def run_pass(
    streams: list[list[Document]],
    *,
    learning: bool,
    root: Path,
    progress: Callable[[str], None] | None = None,
) -> Pass:
    data = root / ("learning" if learning else "baseline")
    env = {
        "OPSLOOP_DATA_DIR": str(data),
        "OPSLOOP_ERP__CONNECTOR": "folder",
        "OPSLOOP_ERP__FOLDER": str(data / "erp"),
        "OPSLOOP_RUNNER__MODE": "inprocess",
        "OPSLOOP_MEMORY__ENABLED": "true" if learning else "false",
    }
    with _environment(env):
        return _run(streams, learning, data, progress)


def _run(
    streams: list[list[Document]], learning: bool, data: Path, progress: Callable[[str], None] | None
) -> Pass:
    from decimal import Decimal

    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from opsloop.erp.connectors import source_from_settings
    from opsloop.erp.sync import sync_source
    from opsloop.review.accounts import Role, create_user, issue_token
    from opsloop.service import ingest_and_process
    from opsloop.settings import Settings
    from opsloop.stages import reset_caches
    from opsloop.store.db import dispose_engines, open_database, session_scope
    from opsloop.store.invoices import load_extraction
    from opsloop.web.app import create_app

    started = time.perf_counter()
    reset_caches()
    settings = Settings(_env_file=None)  # only the variables set here, never a .env in the cwd
    settings.ensure_dirs()
    engine = open_database(settings)
    _write_vendors(settings.erp_folder, streams)
    report = sync_source(engine, source_from_settings(settings), settings.erp)
    if report.status == "failed":
        raise RuntimeError(f"the vendor export did not sync: {report.error}")
    with session_scope(engine) as session:
        user = create_user(
            session, REVIEWER, "eval-reviewer-password", Role.APPROVER, approval_limit=Decimal("1e9")
        )
        token = issue_token(session, user, "learning-eval")
    client = TestClient(create_app(settings, engine=engine))
    client.__enter__()
    headers = {"Authorization": f"Bearer {token}"}
    mail = data / "mail"
    mail.mkdir(parents=True, exist_ok=True)
    result = Pass(learning=learning)
    try:
        rounds = max(len(stream) for stream in streams)
        for index in range(rounds):
            for stream in streams:
                if index >= len(stream):
                    continue
                document = stream[index]
                path = mail / f"{document.vendor.key}-{index:02d}.pdf"
                path.write_bytes(
                    render_pdf(
                        document.invoice, document.vendor.layout, template_seed=document.vendor.template_seed
                    )
                )
                outcomes, _ = ingest_and_process(engine, settings, [path], move=False)
                document_id = outcomes[0].document_id
                truths = _truths(document)
                with Session(engine) as session:
                    extraction = load_extraction(session, document_id) if document_id is not None else None
                wrong, scored = score(extraction, truths)
                seen = Seen(document.vendor.key, index, wrong, scored)
                if extraction is not None:
                    seen.learned = sorted(
                        name
                        for name, evidence in extraction.fields.items()
                        if "learned from" in (evidence.reason or "")
                    )
                if wrong and document_id is not None:
                    seen.corrected = wrong[0]
                    seen.refused = _correct(
                        client, headers, document_id, correction(wrong[0], truths, document.vendor.key)
                    )
                result.seen.append(seen)
            if progress is not None:
                progress(f"{'learning' if learning else 'baseline'}: document {index + 1} of every vendor")
    finally:
        client.__exit__(None, None, None)
        engine.dispose()
        dispose_engines()
        reset_caches()
    result.seconds = time.perf_counter() - started
    return result


def _correct(client: Any, headers: dict[str, str], document_id: int, changes: dict[str, str]) -> str | None:
    """The reviewer edits the document's open invoice proposal; returns why it was refused, or None."""
    listed = client.get("/api/proposals", params={"state": "all", "limit": 1000}, headers=headers).json()
    mine = [p for p in listed if p["document_id"] == document_id and p["kind"].startswith("invoice")]
    open_ = [p for p in mine if p["state"] in ("pending", "edited")]
    if not open_:
        return "no open proposal (decided automatically?)"
    proposal = max(open_, key=lambda p: p["id"])
    response = client.post(
        f"/api/proposals/{proposal['id']}/decide",
        json={"action": "edit", "changes": changes, "expected_version": proposal["version"]},
        headers=headers,
    )
    if response.status_code >= 400:
        return f"HTTP {response.status_code}: {response.text[:200]}"
    return None


# ------------------------------------------------------------------------------------------ figures


@dataclass
class Figures:
    documents: int
    """Later documents (2nd…Nth of each vendor) scored."""
    fields: int
    errors_before: int
    errors_after: int
    corrected_checks: int
    """(vendor, field, later document) triples where the field had been corrected earlier."""
    recurred: int
    recurred_without: int
    """The same triples in the pass without learning: how often the error came back there."""
    checks_without: int
    regressions: list[dict[str, Any]]
    """Fields right without learning and wrong with it, on the same document."""
    corrections: int
    refused: list[str]
    learned_fields: int
    """Field values memory set on later documents (right or wrong)."""
    per_field: dict[str, dict[str, int]]
    seconds: dict[str, float]

    @property
    def error_rate_before(self) -> float:
        return self.errors_before / self.fields if self.fields else 0.0

    @property
    def error_rate_after(self) -> float:
        return self.errors_after / self.fields if self.fields else 0.0

    @property
    def not_recurring(self) -> float:
        return 1 - self.recurred / self.corrected_checks if self.corrected_checks else 0.0

    @property
    def not_recurring_without(self) -> float:
        return 1 - self.recurred_without / self.checks_without if self.checks_without else 0.0


def _recurrence(passed: Pass) -> tuple[int, int, dict[str, dict[str, int]]]:
    """(later checks of corrected fields, of which still wrong, per field)."""
    corrected: dict[str, set[str]] = {}
    checks = recurred = 0
    per_field: dict[str, dict[str, int]] = {}
    for seen in sorted(passed.seen, key=lambda s: (s.vendor, s.index)):
        mine = corrected.setdefault(seen.vendor, set())
        for name in mine:
            if name not in seen.scored:
                continue
            checks += 1
            stats = per_field.setdefault(name, {"checks": 0, "recurred": 0})
            stats["checks"] += 1
            if name in seen.wrong:
                recurred += 1
                stats["recurred"] += 1
        if seen.corrected and not seen.refused:
            mine.add(seen.corrected)
    return checks, recurred, per_field


def figures(baseline: Pass, learning: Pass) -> Figures:
    before = {(s.vendor, s.index): s for s in baseline.seen}
    after = {(s.vendor, s.index): s for s in learning.seen}
    later = [key for key in after if key[1] >= 1 and key in before]
    fields = sum(len(after[key].scored) for key in later)
    regressions = [
        {"vendor": key[0], "document": key[1] + 1, "field": name}
        for key in later
        for name in after[key].wrong
        if name not in before[key].wrong
    ]
    checks, recurred, per_field = _recurrence(learning)
    checks_without, recurred_without, _ = _recurrence(baseline)
    return Figures(
        documents=len(later),
        fields=fields,
        errors_before=sum(len(before[key].wrong) for key in later),
        errors_after=sum(len(after[key].wrong) for key in later),
        corrected_checks=checks,
        recurred=recurred,
        recurred_without=recurred_without,
        checks_without=checks_without,
        regressions=regressions,
        corrections=sum(1 for s in learning.seen if s.corrected and not s.refused),
        refused=[f"{s.vendor} #{s.index + 1} {s.corrected}: {s.refused}" for s in learning.seen if s.refused],
        learned_fields=sum(len(after[key].learned) for key in later),
        per_field=per_field,
        seconds={"baseline": round(baseline.seconds, 1), "learning": round(learning.seconds, 1)},
    )


def run_learning_eval(
    *,
    seed: int = 18,
    vendors: int = 18,
    documents: int = 5,
    progress: Callable[[str], None] | None = None,
    workdir: Path | None = None,
) -> tuple[Figures, Pass, Pass]:
    streams = build_streams(seed, vendors, documents)
    with tempfile.TemporaryDirectory(prefix="opsloop-learning-") as tmp:
        root = workdir or Path(tmp)
        baseline = run_pass(streams, learning=False, root=root, progress=progress)
        learning = run_pass(streams, learning=True, root=root, progress=progress)
    return figures(baseline, learning), baseline, learning


def report_rows(result: Figures) -> list[tuple[str, str]]:
    return [
        ("later documents scored (2nd…Nth of each vendor)", f"{result.documents} ({result.fields} fields)"),
        ("error rate without learning", f"{result.error_rate_before:.1%} ({result.errors_before} fields)"),
        ("error rate with learning", f"{result.error_rate_after:.1%} ({result.errors_after} fields)"),
        (
            "corrected errors that did not recur (target ≥ 80 %)",
            f"{result.not_recurring:.1%} ({result.corrected_checks - result.recurred} of {result.corrected_checks})",
        ),
        (
            "the same without learning",
            f"{result.not_recurring_without:.1%} ({result.checks_without - result.recurred_without} of "
            f"{result.checks_without})",
        ),
        ("fields right without learning, wrong with it (target 0)", str(len(result.regressions))),
        ("corrections made (learning pass)", str(result.corrections)),
        ("values vendor memory set on later documents", str(result.learned_fields)),
        ("seconds (without / with learning)", f"{result.seconds['baseline']} / {result.seconds['learning']}"),
    ]


def write_report(result: Figures, baseline: Pass, learning: Pass, path: Path, meta: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        **meta,
        "figures": {
            "documents": result.documents,
            "fields": result.fields,
            "error_rate_before": round(result.error_rate_before, 4),
            "error_rate_after": round(result.error_rate_after, 4),
            "corrected_errors_not_recurring": round(result.not_recurring, 4),
            "corrected_errors_not_recurring_without_learning": round(result.not_recurring_without, 4),
            "regressions": result.regressions,
            "corrections": result.corrections,
            "refused": result.refused,
            "learned_fields": result.learned_fields,
            "per_field": result.per_field,
            "seconds": result.seconds,
        },
        "documents": [
            {
                "vendor": s.vendor,
                "document": s.index + 1,
                "wrong_without": b.wrong,
                "wrong_with": s.wrong,
                "corrected": s.corrected,
                "learned": s.learned,
            }
            for s, b in zip(
                sorted(learning.seen, key=lambda x: (x.vendor, x.index)),
                sorted(baseline.seen, key=lambda x: (x.vendor, x.index)),
                strict=True,
            )
        ],
    }
    path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return path
