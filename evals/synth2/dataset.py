"""Write a generated set: for each document a PDF printed by headless Chromium, its truth JSON (the same
projection as evals/synth, ``evals.synth.render.truth``) and a manifest row.

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth2:S:i``), so a set of 50 is the
first 50 of a set of 200, and the same seed always gives the same truths and the same HTML. The PDF
bytes are not identical between runs: Chromium writes the creation date and a document id into them.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.synth2.browser import Chromium
from evals.synth2.check import missing
from evals.synth2.pages import render_html
from evals.synth2.scenario import TEMPLATES, draw_sheet

GENERATOR = "synth2"


def plan(count: int, seed: int, templates: tuple[str, ...] | None = None,
         countries: tuple[str, ...] | None = None) -> list[tuple[str, str]]:  # fmt: skip
    """(template, country) per document: templates in turn (in an order drawn from the seed), and for
    each template its countries in turn, so every template and every pairing is covered evenly."""
    names = sorted(templates or TEMPLATES)
    order = random.Random(f"{GENERATOR}:{seed}:order").sample(names, len(names))
    pairs: list[tuple[str, str]] = []
    per_template = {
        name: [c for c in random.Random(f"{GENERATOR}:{seed}:{name}").sample(
            list(TEMPLATES[name].countries), len(TEMPLATES[name].countries)) if not countries or c in countries]
        for name in order
    }  # fmt: skip
    order = [name for name in order if per_template[name]]
    if not order:
        raise ValueError("no template is drawn for these countries")
    for index in range(count):
        name = order[index % len(order)]
        options = per_template[name]
        pairs.append((name, options[(index // len(order)) % len(options)]))
    return pairs


def page_text(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def write_dataset(
    out: Path,
    count: int,
    seed: int,
    *,
    templates: tuple[str, ...] | None = None,
    countries: tuple[str, ...] | None = None,
    keep_html: bool = False,
    progress: Callable[[int], None] | None = None,
    chromium: str | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows.
    Raises BrowserError when Chromium is missing or fails."""
    from evals.synth.render import truth

    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="synth2-html-") as scratch, Chromium(chromium) as browser:
        for index, (template, country) in enumerate(plan(count, seed, templates, countries)):
            sheet = draw_sheet(template, country, random.Random(f"{GENERATOR}:{seed}:{index}"))
            item = f"h{seed}-{index:04d}-{sheet.locale.tag}-{template}"
            html = render_html(sheet)
            page = (out if keep_html else Path(scratch)) / f"{item}.html"
            page.write_text(html, encoding="utf-8")
            pdf = browser.print_pdf(page)
            (out / f"{item}.pdf").write_bytes(pdf)
            gaps = missing(sheet, page_text(pdf))
            record = truth(sheet.invoice)
            record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": sheet.locale.tag,
                                "layout": template, "format": "pdf"}  # fmt: skip
            (out / f"{item}.json").write_text(
                json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8"
            )
            rows.append({"id": item, "document": f"{item}.pdf", "locale": sheet.locale.tag, "layout": template,
                         "format": "pdf", "not_on_page": gaps})  # fmt: skip
            if progress:
                progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
