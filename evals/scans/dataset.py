"""Write a set of evals/scans documents: image-only scans — each page of another generator's document
(evals/synth14's PostScript bills, evals/synth5's WeasyPrint invoices, alternately) in a language evals/synth16
does not cover (Spanish, Italian, Portuguese, Polish, Swedish, Danish, Czech by default) rendered to an image
as evals/synth16's scanner delivers it (150–300 dpi, turned by up to a degree, specks or blur, JPEG
compression: drawn as factors) and put into a PDF as it is, with no text layer: only OCR can read it, so
opsloop's own OCR (Tesseract over the page images) is what the eval scores.

The source documents are drawn with this set's own seed (document k of a source is the k-th document of that
source's set of ``seed`` in the languages asked for), so a new seed gives documents no eval has read. The truth
is the source document's truth; ``not_on_page`` lists the scored truths the source's own text layer does not
show (what the printed page never showed; what OCR loses is the eval's to count).

Document ``i`` of seed ``S`` is drawn from its own random stream (``scans:S:i``): a set of 30 is the first 30
of a set of 60, and the same seed gives the same documents."""

from __future__ import annotations

import io
import random
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

from evals import _generator
from evals._generator import page_text
from evals.synth16 import dataset as s16

GENERATOR = "scans"
DEFAULT_SEED = 16241
DEFAULT_LANGS = ("es", "it", "pt", "pl", "sv", "da", "cs")
SOURCES = s16.SOURCES

__all__ = ["DEFAULT_LANGS", "DEFAULT_SEED", "ScannerMissing", "fingerprint", "write_dataset"]

ScannerMissing = s16.ScannerMissing


def fingerprint() -> str:
    """Eight hex digits over this generator's code and the code it borrows (the scanner, the sources)."""
    return _generator.fingerprint(GENERATOR, "synth16", *SOURCES)


def source_plan(generator: str, seed: int, langs: Sequence[str]) -> list[tuple[int, str, str]]:
    """(index, layout, locale) of the source's set of ``seed``, its documents in ``langs`` only."""
    if generator == "synth14":
        from evals.synth14.dataset import plan as plan14

        rows = plan14(4000, seed)
    else:
        from evals.synth5.dataset import plan as plan5

        rows = plan5(4000, seed)
    return [(i, layout, tag) for i, (layout, tag) in enumerate(rows) if tag.split("-")[0] in langs]


def image_pdf(pages: list[Path], dpi: int) -> bytes:
    """The page images in one PDF, as they are (no text layer): what a scanner without OCR writes."""
    from PIL import Image

    images = [Image.open(page) for page in pages]
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    *,
    langs: Sequence[str] = DEFAULT_LANGS,
    clean: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` image-only scans and ``manifest.jsonl`` into ``out`` (and the same documents unscanned
    into ``clean`` when given); returns the manifest rows."""
    plans = {generator: source_plan(generator, seed, langs) for generator in SOURCES}
    if not all(plans.values()):
        raise ScannerMissing(
            f"no source document in {','.join(langs)} (the sources print {s16.DOC_LANGS} and more)"
        )
    out.mkdir(parents=True, exist_ok=True)
    if clean is not None:
        clean.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    clean_rows: list[dict[str, Any]] = []
    for index in range(count):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        generator = SOURCES[index % len(SOURCES)]
        source_index, layout, tag = plans[generator][index // len(SOURCES)]
        scan = s16.draw_scan(rng)
        with (
            tempfile.TemporaryDirectory(prefix="scans-") as scratch,
            mock.patch.dict(s16.SOURCE_SEEDS, dict.fromkeys(s16.SOURCE_SEEDS, seed)),
        ):  # the sources' documents of this seed: never the ones their own evals read
            folder = Path(scratch)
            make = s16._synth14 if generator == "synth14" else s16._synth5
            src = make(source_index, layout, tag, folder)
            pdf = image_pdf(s16.scan_pages(src.pdf, scan, rng, folder), int(scan["dpi"]))
        factors = {
            "source": generator,
            "language": src.locale.split("-")[0],
            **{k: v for k, v in scan.items() if k != "degrees"},
            **{k: v for k, v in src.factors.items() if k in ("layout", "pages")},
        }
        item = f"i{seed}-{index:04d}-{src.locale.split('-')[0]}-{generator}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        record = dict(src.truth)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": src.locale, "layout": layout,
                            "format": "pdf", "source": {"generator": generator, "seed": seed, "index": src.index,
                                                        "item": src.item},
                            "turn_degrees": scan["degrees"], "factors": factors}  # fmt: skip
        _generator.write_truth(out, item, record)
        credit = record.get("document_type") == "credit_note" or record.get("type_code") == "381"
        row = _generator.manifest_row(item, locale=src.locale, layout=layout, kind="scan", factors=factors,
                                      missing=src.missing(page_text(src.pdf)), implied=src.implied,
                                      credit_note=credit, source=generator)  # fmt: skip
        rows.append(row)
        if clean is not None:
            (clean / f"{item}.pdf").write_bytes(src.pdf)
            _generator.write_truth(clean, item, record)
            clean_rows.append({**row, "kind": "clean"})
        if progress:
            progress(len(rows))
    _generator.write_manifest(out, rows)
    if clean is not None:
        _generator.write_manifest(clean, clean_rows)
    return rows
