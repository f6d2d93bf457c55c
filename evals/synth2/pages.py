"""A Sheet as an HTML page: one Jinja2 template per layout (templates/), the page helpers they share."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from evals.synth2.formats import group_digits
from evals.synth2.scenario import PrintedLine, Sheet

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(["j2", "html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(paginate=paginate, slip_amount=slip_amount, hsn_rows=hsn_rows)
    return env


def render_html(sheet: Sheet) -> str:
    template = environment().get_template(f"{sheet.template}.html.j2")
    return template.render(s=sheet, inv=sheet.invoice, L=sheet.L, f=sheet.f)


def paginate(sheet: Sheet, first: int, rest: int) -> list[dict[str, Any]]:
    """Lines cut into pages (``first`` rows on the first, ``rest`` on the others), with the running
    total carried from page to page as wholesalers print it."""
    lines = sheet.lines
    pages: list[dict[str, Any]] = []
    start, carried = 0, Decimal(0)
    while start < len(lines) or not pages:
        size = first if not pages else rest
        chunk = lines[start : start + size]
        brought = carried
        carried += sum((line.line.net for line in chunk), Decimal(0))
        pages.append({"lines": chunk, "brought": sheet.f.amount(brought), "carried": sheet.f.amount(carried),
                      "groups": _runs(chunk)})  # fmt: skip
        start += size
    for number, page in enumerate(pages, start=1):
        page["number"], page["count"], page["last"] = number, len(pages), number == len(pages)
    return pages


def _runs(lines: list[PrintedLine]) -> dict[int, int]:
    """Index of the first line of each run of one delivery note -> the run's length (for a rowspan)."""
    runs: dict[int, int] = {}
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or lines[index].group != lines[start].group:
            runs[start] = index - start
            start = index
    return runs


def slip_amount(value: Decimal) -> str:
    """An amount as the Swiss QR-bill prints it: space-grouped, two decimals, a point."""
    integer, _, fraction = f"{value:.2f}".partition(".")
    return f"{group_digits(integer, ' ')}.{fraction}"


def hsn_rows(sheet: Sheet) -> list[dict[str, str]]:
    """India: the tax summary by HSN/SAC code and rate (taxable value, central/state or integrated tax)."""
    groups: dict[tuple[str, Decimal], Decimal] = {}
    for line in sheet.lines:
        key = (line.hsn or "", line.line.tax_rate)
        groups[key] = groups.get(key, Decimal(0)) + line.line.net
    f = sheet.f
    rows = []
    for (hsn, rate), base in sorted(groups.items()):
        tax = (base * rate / 100).quantize(Decimal("0.01"))
        half = (tax / 2).quantize(Decimal("0.01"))
        rows.append({"hsn": hsn, "base": f.amount(base), "rate": f.percent(rate), "half_rate": f.percent(rate / 2),
                     "half": f.amount(half), "other_half": f.amount(tax - half), "tax": f.amount(tax)})  # fmt: skip
    return rows
