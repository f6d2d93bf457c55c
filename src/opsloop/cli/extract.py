"""`opsloop extract FILE` and `opsloop eval invoices`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from opsloop.cli.common import (
    app,
    console,
    eval_app,
    friendly_errors,
    import_from_checkout,
    load_settings,
    print_json,
)
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import EngineUnavailable, NotFoundError


class Engine(StrEnum):
    AUTO = "auto"
    EINVOICE = "einvoice"
    RULES = "rules"
    LLM = "llm"


def _summary(path: Path, result: InvoiceExtraction) -> None:
    table = Table(title=f"{path.name} · {result.extraction_method} · {result.document_type.value}")
    table.add_column("field")
    table.add_column("value")
    table.add_column("confidence", justify="right")
    table.add_column("evidence / reason", overflow="fold")
    values = {
        "vendor.name": result.vendor.name,
        "vendor.vat_id": result.vendor.vat_id,
        "vendor.iban": result.vendor.iban,
        "buyer.name": result.buyer.name,
        "invoice_number": result.invoice_number,
        "invoice_date": result.invoice_date,
        "due_date": result.due_date,
        "po_numbers": ", ".join(result.po_numbers) or None,
        "currency": result.currency,
        "subtotal": result.subtotal,
        "tax_total": result.tax_total,
        "total": result.total,
        "amount_due": result.amount_due,
    }
    for name, value in values.items():
        evidence = result.fields.get(name)
        detail: str | None = ""
        if evidence is not None:
            detail = evidence.reason if value is None or not evidence.text else evidence.text
        confidence = f"{evidence.confidence:.2f}" if evidence is not None else ""
        shown = "[dim]—[/]" if value is None else str(value)
        table.add_row(name, shown, confidence, detail or "")
    console.print(table)
    if result.lines:
        lines = Table(title=f"{len(result.lines)} lines")
        for column in ("description", "qty", "unit", "unit price", "amount", "tax %"):
            lines.add_column(column)
        for line in result.lines[:50]:
            lines.add_row(
                line.description or "",
                str(line.quantity or ""),
                line.unit or "",
                str(line.unit_price or ""),
                str(line.amount or ""),
                str(line.tax_rate or ""),
            )
        console.print(lines)
    for check in result.checks:
        mark = {True: "[green]✓[/]", False: "[red]✗[/]", None: "[dim]·[/]"}[check.passed]
        console.print(f"{mark} {check.name}: {check.detail}")


@app.command("extract")
@friendly_errors
def extract_command(
    file: Path = typer.Argument(..., help="A PDF or an XML e-invoice (CII or UBL)."),
    engine: Engine = typer.Option(Engine.AUTO, "--engine", help="auto | einvoice | rules | llm"),
    text_only: bool = typer.Option(
        False, "--text-only", help="Ignore embedded e-invoices; read the page text."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the extraction as one JSON object."),
) -> None:
    """Extract an invoice's fields, lines, evidence and self-checks."""
    from opsloop.extract import extract_file

    if not file.is_file():
        raise NotFoundError(f"No such file: {file}", hint="Check the path.")
    result = extract_file(file, engine=engine.value, text_only=text_only, settings=load_settings())
    if as_json:
        print_json(result)
    else:
        _summary(file, result)


NOT_A_CHECKOUT = (
    "[yellow]skipped:[/] the invoice eval lives in a source checkout (evals/invoices); "
    "run this from inside one (python -m evals.invoices does the same)."
)


@eval_app.command("invoices")
@friendly_errors
def eval_invoices_command(
    data: Path = typer.Option(
        Path("../shared/data/invoices"), "--data", help="The invoices evaluation folder."
    ),
    embedded: bool = typer.Option(
        True, "--embedded/--text-only", help="ZUGFeRD: score the embedded XML too, or the page text only."
    ),
    report: Path = typer.Option(
        Path("evals/reports/invoices.json"), "--report", help="Where to write the JSON."
    ),
    synth: list[Path] = typer.Option(
        [], "--synth", help="A generated set's folder (python -m evals.synth.generate); repeatable."
    ),
    engine: str = typer.Option(
        "auto",
        "--engine",
        help="auto (e-invoice or rules) or llm (the configured endpoint; tokens and cost too).",
    ),
    limit: int = typer.Option(
        20, "--limit", help="With --engine llm: at most this many documents per source."
    ),
) -> None:
    """Score invoice extraction per source and per field (strict, with 95 % intervals and calibration);
    a thin shell over the checkout's evals/invoices."""
    if engine == "llm":
        _eval_llm(data, limit)
        return
    if engine != "auto":
        raise EngineUnavailable(f"unknown engine {engine!r} for the eval", hint="Use auto or llm.")
    evals = import_from_checkout("evals.invoices")
    if evals is None:
        console.print(NOT_A_CHECKOUT)
        return
    modes = ("embedded", "text-only") if embedded else ("text-only",)
    results = evals.run_invoice_eval(data, synth=synth, modes=modes)
    if results is None:
        console.print(f"[yellow]skipped:[/] no evaluation data at {data} (see README, Evaluation).")
        return
    table = Table(title="invoice extraction: accuracy [95 % CI] (n scored), strict matching")
    table.add_column("field")
    rows = evals.table_rows(results)
    for result in results:
        table.add_column(f"{result.source}\n{result.mode}", justify="right")
    names = ["items", *evals.FIELD_ORDER, "line items F1"]
    for index, name in enumerate(names):
        table.add_row(name, *[row[index + 2] for row in rows])
    console.print(table)
    calibration = Table(title="calibration: field confidence against accuracy (ECE target <= 0.05)")
    for column in ("source", "mode", "field", "n", "ECE", "confidence→accuracy (n) per bin"):
        calibration.add_column(column)
    for row in evals.calibration_rows(results):
        calibration.add_row(*row)
    console.print(calibration)
    for result in results:
        for note in result.notes:
            console.print(f"[dim]truth note ({result.source} {result.mode}): {note}[/]", soft_wrap=True)
    console.print(f"report: {evals.write_report(results, report)}")


def _eval_llm(data: Path, limit: int) -> None:
    from sqlmodel import Session

    from opsloop.store.db import open_database

    llm_eval = import_from_checkout("evals.invoices.llm")
    if llm_eval is None:
        console.print(NOT_A_CHECKOUT)
        return
    settings = load_settings()
    if not settings.llm.configured:
        raise EngineUnavailable("No LLM endpoint is configured, so the LLM chain cannot be scored.")
    with Session(open_database(settings)) as session:
        results = llm_eval.run_llm_invoice_eval(data, settings=settings, session=session, limit=limit)
    if results is None:
        console.print(f"[yellow]skipped:[/] no evaluation data at {data}.")
        return
    table = Table(
        *llm_eval.LLM_TABLE_HEADERS, title=f"LLM extraction ({settings.llm.model}): accuracy, tokens, cost"
    )
    for row in llm_eval.llm_table_rows(results):
        table.add_row(*row)
    console.print(table)
    console.print(f"report: {llm_eval.write_llm_report(results)}")
