"""Write a set of evals/synth16 documents: scans someone ran through OCR — each page of another generator's
document (evals/synth14's PostScript bills, evals/synth5's WeasyPrint invoices; English, German, French and
Dutch, the languages Tesseract has here) rendered to an image as a scanner would deliver it (150–300 dpi,
turned by up to a degree, specks or blur, JPEG compression: drawn as factors), then read by Tesseract, whose
PDF renderer writes the page image with an invisible text layer (render mode 3) placed word by word — with
OCR's own errors (0/O, 1/l, rn/m, lost accents, split and merged words). The text layer is all a reader gets.

The truth is the source document's truth; every scored truth whose printed form (the source generator's
own ``printed``) the OCR text layer, read back with PDFium, does not show goes to ``not_on_page``.
``clean`` writes the source PDFs themselves with the same names, truths and manifest beside: the same
documents without the scan, to see what OCR costs.

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth16:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same documents (the OCR text of one Tesseract version)."""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals import _generator
from evals._generator import page_text

GENERATOR = "synth16"
DEFAULT_SEED = 16163
OCR_LANGS = ("eng", "deu", "fra", "nld")
"""The languages Tesseract reads the scans in; the source documents are in these languages only."""
DOC_LANGS = {"en": "eng", "de": "deu", "fr": "fra", "nl": "nld"}
SOURCES = ("synth14", "synth5")
SOURCE_SEEDS = {"synth14": 14143, "synth5": 5051}
"""The source generators' eval seeds: document k of a source here is its set's k-th document in these languages."""

__all__ = ["DEFAULT_SEED", "ScannerMissing", "fingerprint", "write_dataset"]


class ScannerMissing(RuntimeError):
    """Tesseract (with English, German, French and Dutch), or a source generator's printer, is missing here."""


def fingerprint() -> str:
    """Eight hex digits over this generator's code and its sources': a cached set is reused only when these
    very generators wrote it."""
    return _generator.fingerprint(GENERATOR, *SOURCES)


def find_tesseract() -> str | None:
    """The tesseract binary when it reads every language of OCR_LANGS, else None."""
    binary = os.environ.get("OPSLOOP_TESSERACT") or shutil.which("tesseract")
    if binary is None:
        return None
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    langs = set(listed.stdout.split())
    return binary if all(lang in langs for lang in OCR_LANGS) else None


@dataclass
class Source:
    """One source document: its PDF, truth record and what the source generator knows of its page."""

    generator: str
    index: int
    item: str
    locale: str
    layout: str
    pdf: bytes
    truth: dict[str, Any]
    missing: Callable[[str], list[str]]
    implied: list[str]
    factors: dict[str, str]


def _language(tag: str) -> str:
    return tag.split("-")[0]


def source_plan(generator: str) -> list[tuple[int, str, str]]:
    """(index, layout, locale) of the source's eval-seed set, its documents in OCR_LANGS' languages only."""
    seed = SOURCE_SEEDS[generator]
    if generator == "synth14":
        from evals.synth14.dataset import plan as plan14

        rows = plan14(2000, seed)
    else:
        from evals.synth5.dataset import plan as plan5

        rows = plan5(2000, seed)
    return [(i, layout, tag) for i, (layout, tag) in enumerate(rows) if _language(tag) in DOC_LANGS]


def _synth14(index: int, layout: str, lang: str, scratch: Path) -> Source:
    from evals.synth14 import dataset as s14

    gs = s14.find_gs()
    if gs is None:
        raise ScannerMissing(
            "no Ghostscript here to print evals/synth14's bills (apt-get install ghostscript)"
        )
    seed = SOURCE_SEEDS["synth14"]
    d, sheet = s14.make(layout, lang, random.Random(f"{s14.GENERATOR}:{seed}:{index}"))
    pdf = scratch / "source.pdf"
    s14.render(sheet.postscript(), pdf, gs)
    record = s14.truth(d)
    return Source("synth14", index, f"d{seed}-{index:04d}", d.lang, layout, pdf.read_bytes(), record,
                  lambda text: s14.missing(d, text), s14.implied(d), dict(d.factors))  # fmt: skip


def _synth5(index: int, layout: str, tag: str, scratch: Path) -> Source:
    from evals.synth5 import dataset as s5

    seed = SOURCE_SEEDS["synth5"]
    sheet = s5.draw_sheet(layout, tag, random.Random(f"{s5.GENERATOR}:{seed}:{index}"))
    try:
        pdf = s5.render_pdf(s5.document(sheet))
    except s5.WeasyPrintMissing as error:
        raise ScannerMissing(f"no WeasyPrint here to print evals/synth5's invoices ({error})") from error
    return Source("synth5", index, f"w{seed}-{index:04d}", tag, layout, pdf, s5.truth(sheet),
                  lambda text: s5.missing(sheet, text), [], {})  # fmt: skip


def draw_scan(rng: random.Random) -> dict[str, str]:
    """How the page was scanned: resolution, how far it lies turned, specks or blur, JPEG quality."""
    turn = rng.choice((0.0, 0.0, round(rng.uniform(-1.0, 1.0), 2)))
    return {
        "dpi": str(rng.choice((150, 200, 200, 300))),
        "turn": "0" if turn == 0 else ("under 0.5" if abs(turn) < 0.5 else "0.5 to 1"),
        "degrees": f"{turn:+.2f}",
        "noise": rng.choice(("none", "none", "specks", "blur", "specks+blur")),
        "jpeg": str(rng.choice((35, 60, 85))),
        "gray": rng.choice(("gray", "gray", "color")),
    }


def scan_pages(pdf: bytes, scan: dict[str, str], rng: random.Random, folder: Path) -> list[Path]:
    """Each page rendered to a JPEG as the drawn scanner writes it (the dpi recorded in the file)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    dpi = int(scan["dpi"])
    turn = float(scan["degrees"])
    paths: list[Path] = []
    document = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, start=1):
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            if scan["gray"] == "gray":
                image = image.convert("L")
            if turn:
                fill = 255 if image.mode == "L" else (255, 255, 255)
                image = image.rotate(turn, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
            if "specks" in scan["noise"]:
                width, height = image.size
                ink = 0 if image.mode == "L" else (0, 0, 0)
                for _ in range(width * height // 4000):
                    image.putpixel((rng.randrange(width), rng.randrange(height)), ink)
            if "blur" in scan["noise"]:
                image = image.filter(ImageFilter.GaussianBlur(radius=0.6 * dpi / 200))
            path = folder / f"page-{number:03d}.jpg"
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=int(scan["jpeg"]), dpi=(dpi, dpi))
            path.write_bytes(buffer.getvalue())
            paths.append(path)
    finally:
        document.close()
    return paths


def ocr_pdf(pages: list[Path], tesseract: str, folder: Path) -> bytes:
    """Tesseract's PDF renderer: each page image with its invisible text layer, one PDF for all pages."""
    listing = folder / "pages.txt"
    listing.write_text("".join(f"{page}\n" for page in pages), "utf-8")
    base = folder / "ocr"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page: the machine is shared
    command = [tesseract, str(listing), str(base), "-l", "+".join(OCR_LANGS), "pdf"]
    subprocess.run(command, check=True, capture_output=True, timeout=600, env=env)
    return (folder / "ocr.pdf").read_bytes()


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    *,
    clean: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` scanned-and-OCR'd documents and ``manifest.jsonl`` into ``out`` (and the same documents
    unscanned into ``clean`` when given); returns the manifest rows."""
    tesseract = find_tesseract()
    if tesseract is None:
        raise ScannerMissing(
            f"no tesseract with {'+'.join(OCR_LANGS)} here (apt-get install tesseract-ocr "
            "tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-nld, or set OPSLOOP_TESSERACT)"
        )
    plans = {generator: source_plan(generator) for generator in SOURCES}
    out.mkdir(parents=True, exist_ok=True)
    if clean is not None:
        clean.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    clean_rows: list[dict[str, Any]] = []
    for index in range(count):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        generator = SOURCES[index % len(SOURCES)]
        source_index, layout, tag = plans[generator][index // len(SOURCES)]
        scan = draw_scan(rng)
        with tempfile.TemporaryDirectory(prefix="synth16-") as scratch:
            folder = Path(scratch)
            make = _synth14 if generator == "synth14" else _synth5
            src = make(source_index, layout, tag, folder)
            pdf = ocr_pdf(scan_pages(src.pdf, scan, rng, folder), tesseract, folder)
        factors = {
            "source": generator,
            **{k: v for k, v in scan.items() if k != "degrees"},  # (the turn's bucket is the factor)
            **{k: v for k, v in src.factors.items() if k in ("layout", "pages")},
        }
        item = f"o{seed}-{index:04d}-{_language(src.locale)}-{generator}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        record = dict(src.truth)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": src.locale, "layout": layout,
                            "format": "pdf", "source": {"generator": generator, "seed": SOURCE_SEEDS[generator],
                                                        "index": src.index, "item": src.item},
                            "turn_degrees": scan["degrees"], "factors": factors}  # fmt: skip
        _generator.write_truth(out, item, record)
        credit = record.get("document_type") == "credit_note" or record.get("type_code") == "381"
        row = _generator.manifest_row(item, locale=src.locale, layout=layout, kind="scan", factors=factors,
                                      missing=src.missing(page_text(pdf)), implied=src.implied,
                                      credit_note=credit, source=generator)  # fmt: skip
        rows.append(row)
        if clean is not None:
            (clean / f"{item}.pdf").write_bytes(src.pdf)
            _generator.write_truth(clean, item, record)
            clean_rows.append({**row, "kind": "clean", "not_on_page": src.missing(page_text(src.pdf))})
        if progress:
            progress(len(rows))
    _generator.write_manifest(out, rows)
    if clean is not None:
        _generator.write_manifest(clean, clean_rows)
    return rows
