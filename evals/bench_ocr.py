"""OCR accuracy and speed: the project's golden invoices printed, scanned, and read back through OCR.

Each fixture invoice PDF in fixtures/inbox/ with its truth in fixtures/expected/ is rendered into an
image-only PDF (no text layer, no e-invoice), deterministically, in four variants: a clean 300 dpi
scan, a clean 200 dpi scan, a 300 dpi scan turned by 0.6 degrees with a slight blur and sparse dust
specks (a fixed seed), and a clean 300 dpi scan turned by 1.5 degrees clockwise. Each is parsed,
OCR'd (settings.ocr, default 300 dpi) and extracted by the rules engine, and scored per field with
the invoice eval's comparisons. The text-layer column is the same rules engine on the original PDFs,
for reference. Prints numbers, never pass/fail.

    .venv/bin/python evals/bench_ocr.py [--fixtures fixtures] [--only NAME_PART]
        [--variants 300,200,noisy,turned] [--no-deskew] [--no-despeckle]

Pages are despeckled and deskewed before recognition when they need it (settings.ocr.despeckle,
settings.ocr.deskew); the two flags switch a step off to measure what it brings.

Needs the tesseract binary (prints `skipped` without it).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.ocr import ocr_status, read_scan
from opsloop.settings import Settings

if __package__ in (None, ""):  # run as a script (python evals/bench_ocr.py): the checkout root holds evals/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from evals.invoices.normalise import same_amount, same_date, same_id, same_name, same_text

SEED = 20261127
SPECK_EVERY = 1000
"""One speck per this many pixels in the noisy variant."""


@dataclass(frozen=True)
class Variant:
    name: str
    dpi: int
    rotate: float = 0.0
    noise: bool = False


VARIANTS = {
    "300": Variant("scan 300 dpi", 300),
    "200": Variant("scan 200 dpi", 200),
    "noisy": Variant("300 dpi, 0.6° turned, noisy", 300, rotate=0.6, noise=True),
    "turned": Variant("300 dpi, 1.5° turned", 300, rotate=-1.5),
}

Compare = Callable[[Any, Any], bool]
FIELDS: tuple[tuple[str, Compare], ...] = (
    ("invoice_number", same_id),
    ("invoice_date", same_date),
    ("due_date", same_date),
    ("vendor.name", same_name),
    ("vendor.vat_id", same_id),
    ("vendor.iban", same_id),
    ("currency", same_text),
    ("subtotal", same_amount),
    ("tax_total", same_amount),
    ("total", same_amount),
)


def scan(pdf: bytes, variant: Variant, seed: int) -> bytes:
    """The PDF as a scanner would return it: one greyscale image per page, no text, no attachments."""
    document = pdfium.PdfDocument(pdf)
    images: list[Image.Image] = []
    rng = random.Random(seed)
    for index in range(len(document)):
        image = document[index].render(scale=variant.dpi / 72, grayscale=True).to_pil().convert("L")
        if variant.rotate:
            image = image.rotate(variant.rotate, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if variant.noise:
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            width, height = image.size
            for _ in range(width * height // SPECK_EVERY):  # dust: small grey specks, 0.1 % of the page
                x, y = rng.randrange(width - 2), rng.randrange(height - 2)
                size = rng.choice((1, 1, 2))
                image.paste(rng.randrange(40, 170), (x, y, x + size, y + size))
        images.append(image)
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=variant.dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def value(truth: dict[str, Any], name: str) -> Any:
    current: Any = truth
    for part in name.split("."):
        current = current.get(part) if isinstance(current, dict) else None
    return current


@dataclass
class Column:
    name: str
    hits: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    page_seconds: list[float] = field(default_factory=list)
    prepare_seconds: list[float] = field(default_factory=list)
    prepared: dict[str, int] = field(default_factory=dict)
    confidences: list[float] = field(default_factory=list)

    def score(self, predicted: dict[str, Any], truth: dict[str, Any]) -> None:
        for name, compare in FIELDS:
            expected = value(truth, name)
            if expected in (None, ""):
                continue
            self.counts[name] = self.counts.get(name, 0) + 1
            self.hits[name] = self.hits.get(name, 0) + int(compare(value(predicted, name), expected))

    def cell(self, name: str) -> str:
        n = self.counts.get(name, 0)
        return f"{self.hits.get(name, 0) / n:.2f}" if n else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fixtures", type=Path, default=Path("fixtures"))
    parser.add_argument("--only", default="", help="Only fixtures whose name contains this.")
    parser.add_argument(
        "--variants", default="300,200,noisy,turned", help="Comma-separated: 300, 200, noisy, turned."
    )
    parser.add_argument("--no-deskew", action="store_true", help="Do not deskew pages before OCR.")
    parser.add_argument("--no-despeckle", action="store_true", help="Do not despeckle pages before OCR.")
    args = parser.parse_args()
    console = Console()
    settings = Settings()
    settings.ocr.deskew = settings.ocr.deskew and not args.no_deskew
    settings.ocr.despeckle = settings.ocr.despeckle and not args.no_despeckle
    status = ocr_status(settings.ocr)
    if not status.available:
        console.print(f"skipped: {status.reason}")
        return
    cases = [
        (pdf, json.loads((args.fixtures / "expected" / f"{pdf.stem}.json").read_text(encoding="utf-8")))
        for pdf in sorted((args.fixtures / "inbox").glob("*.pdf"))
        if args.only in pdf.name and (args.fixtures / "expected" / f"{pdf.stem}.json").is_file()
    ]
    if not cases:
        console.print(f"skipped: no fixture invoices under {args.fixtures}")
        return
    baseline = Column("text layer")
    columns = [Column(VARIANTS[key].name) for key in args.variants.split(",")]
    variants = [VARIANTS[key] for key in args.variants.split(",")]
    failures: list[str] = []
    for number, (path, truth) in enumerate(cases):
        original = path.read_bytes()
        parsed = read_pdf(original, attachments=False)
        baseline.score(extract_invoice(parsed, engine="rules").model_dump(mode="json"), truth)
        for variant, column in zip(variants, columns, strict=True):
            data = scan(original, variant, SEED + number)
            reading = read_scan(read_pdf(data), data, settings)
            result = extract_invoice(reading.parsed, engine="rules").model_dump(mode="json")
            column.score(result, truth)
            if reading.result is not None:
                column.page_seconds += [p.seconds for p in reading.result.pages]
                column.prepare_seconds += [p.prepare_seconds for p in reading.result.pages]
                for page in reading.result.pages:
                    for step in page.prepared:
                        kind = step.split(" ")[0]
                        column.prepared[kind] = column.prepared.get(kind, 0) + 1
                if reading.result.mean_confidence is not None:
                    column.confidences.append(reading.result.mean_confidence)
            for name, compare in FIELDS:
                if value(truth, name) not in (None, "") and not compare(
                    value(result, name), value(truth, name)
                ):
                    failures.append(
                        f"{path.stem} [{variant.name}] {name}: {value(result, name)!r} "
                        f"(truth {value(truth, name)!r})"
                    )
    table = Table(
        title=f"OCR + rules on {len(cases)} fixture invoices ({status.reason}, OCR at {settings.ocr.dpi} dpi)"
    )
    table.add_column("field")
    for column in (baseline, *columns):
        table.add_column(column.name, justify="right")
    for name, _ in FIELDS:
        table.add_row(name, *[c.cell(name) for c in (baseline, *columns)])
    table.add_row("mean field accuracy", *[_mean(c) for c in (baseline, *columns)])
    table.add_row(
        "OCR mean confidence",
        "—",
        *[f"{statistics.fmean(c.confidences):.2f}" if c.confidences else "—" for c in columns],
    )
    table.add_row(
        "seconds per page (OCR)",
        "—",
        *[f"{statistics.fmean(c.page_seconds):.2f}" if c.page_seconds else "—" for c in columns],
    )
    table.add_row(
        "of which preparation",
        "—",
        *[f"{statistics.fmean(c.prepare_seconds):.2f}" if c.prepare_seconds else "—" for c in columns],
    )
    table.add_row(
        "pages despeckled / deskewed",
        "—",
        *[
            f"{c.prepared.get('despeckled', 0)} / {c.prepared.get('deskewed', 0)} of {len(c.page_seconds)}"
            for c in columns
        ],
    )
    console.print(table)
    steps = [
        name for name, on in (("despeckle", settings.ocr.despeckle), ("deskew", settings.ocr.deskew)) if on
    ]
    console.print(f"preparation: {', '.join(steps) or 'none'}")
    for line in failures:
        console.print(f"[dim]missed: {escape(line)}[/]", soft_wrap=True)


def _mean(column: Column) -> str:
    rates = [column.hits.get(n, 0) / column.counts[n] for n, _ in FIELDS if column.counts.get(n)]
    return f"{statistics.fmean(rates):.2f}" if rates else "—"


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
