"""Write a set of evals/synth11 documents: spreadsheet invoices — .xlsx workbooks written with openpyxl (sheet.py)
and printed to PDF by LibreOffice Calc (headless, many files per call) — each with its truth JSON (the
projection the strict eval reads: evals/synth9's) and a manifest row listing every scored truth value the PDF's
text, read back with PDFium, does not show (``not_on_page``). Calc computes the formulas and formats the
numbers and dates: the truth is the generator's Decimal and date, the page is what Calc prints.

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth11:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same truths (Calc stamps each PDF with its creation time)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth5.dataset import NAMES, page_text, squeeze  # the manifest's own PDFium check, shared
from evals.synth7.dataset import LibreOfficeMissing, find_soffice  # how LibreOffice is found and refused
from evals.synth9.dataset import UNIQUE_SIGNS
from evals.synth9.dataset import truth as content_truth
from evals.synth9.locales import LOCALES, MONTHS
from evals.synth11.model import Doc11, draw
from evals.synth11.sheet import LAYOUTS, separators, workbook

GENERATOR = "synth11"
DEFAULT_SEED = 11113
BATCH = 50
TAGS = tuple(sorted(LOCALES))

__all__ = ["DEFAULT_SEED", "LibreOfficeMissing", "fingerprint", "write_dataset"]


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def plan(count: int, seed: int, layouts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(layout, locale) per document: layouts in turn (order drawn from the seed), locales in a drawn order
    offset per layout, so every pair comes up once count reaches layouts x locales."""
    names = sorted(layouts or LAYOUTS)
    rng = random.Random(f"{GENERATOR}:{seed}:order")
    order = rng.sample(names, len(names))
    tags = rng.sample(TAGS, len(TAGS))
    out = []
    for i in range(count):
        turn, slot = divmod(i, len(order))
        out.append((order[slot], tags[(turn + slot * 5) % len(tags)]))
    return out


def _number(value: Decimal, group: str, decimal: str) -> str:
    text = f"{abs(value):,.2f}".replace(",", "\x00").replace(".", decimal).replace("\x00", group)
    return text


def amounts(d: Doc11, value: Decimal) -> tuple[str, ...]:
    """How Calc may print an amount here (group separators vary between Calc's locale data and the locale's)."""
    group, decimal = separators(d)
    return tuple(
        dict.fromkeys(_number(value, g, decimal) for g in (group, "\u00a0", "\u202f", " ", "'", "."))
    )


def dates(d: Doc11, day: date) -> tuple[str, ...]:
    """How Calc may print a date in the document's date style (month names: the language's, any case)."""
    tag = d.doc.loc.tag
    lang = tag.split("-")[0]
    months = MONTHS.get(tag, MONTHS[lang])
    month = months[day.month - 1]
    style = d.factors["dates"]
    if style == "iso":
        return (day.isoformat(),)
    if style == "numeric":
        dd, mm, yy = f"{day.day:02d}", f"{day.month:02d}", str(day.year)
        return (f"{mm}/{dd}/{yy}", f"{yy}-{mm}-{dd}", f"{dd}-{mm}-{yy}", f"{dd}.{mm}.{yy}", f"{dd}/{mm}/{yy}")
    return (f"{month} {day.day}, {day.year}", f'{day.day} de {month} de {day.year}', f"{day.day}. {month} {day.year}",
            f"{day.day} {month} {day.year}", f"{day.day}. {MONTHS[lang][day.month - 1]} {day.year}")  # fmt: skip


def printed(d: Doc11) -> dict[str, tuple[str, ...]]:
    """Each scored truth value as this page may write it (any one of the strings will do)."""
    doc = d.doc
    out: dict[str, tuple[str, ...]] = {
        "vendor": (doc.seller.name,),
        "buyer": (doc.buyer.name,),
        "invoice_number": (doc.number,),
        "invoice_date": dates(d, doc.issue),
        "total": amounts(d, doc.grand_total),
        "subtotal": amounts(d, doc.net_total),
        "tax_total": amounts(d, doc.tax_total) if len(doc.taxes) == 1 else (),
        "amount_due": amounts(d, doc.amount_due),
        "currency": (doc.currency, *((doc.sign,) if doc.sign in UNIQUE_SIGNS else ())),
    }
    if not out["tax_total"]:
        del out["tax_total"]  # several rates: the page prints each rate's VAT, not their sum
    if doc.due:
        out["due_date"] = dates(d, doc.due)
    if doc.seller.vat_id:
        out["vendor_vat_id"] = (doc.seller.vat_id,)
    if doc.seller.iban:
        iban = doc.seller.iban
        out["vendor_iban"] = (iban, " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)))
    for line in doc.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = amounts(d, line.net)
    return out


def missing(d: Doc11, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (names and month names in any case)."""
    page = squeeze(text)
    folded = page.casefold()
    return [
        name
        for name, options in printed(d).items()
        if not any(
            squeeze(o) in page
            or ((name in NAMES or name.endswith("date")) and squeeze(o).casefold() in folded)
            for o in options
        )
    ]


def truth(d: Doc11) -> dict[str, Any]:
    return content_truth(d.doc)


def convert(sources: list[Path], out: Path, soffice: str) -> None:
    """Print .xlsx workbooks to PDF with LibreOffice Calc, all in one call, with a profile of its own."""
    with tempfile.TemporaryDirectory(prefix="synth11-lo-") as profile:
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf:calc_pdf_Export", "--outdir", str(out), *map(str, sources)]  # fmt: skip
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        subprocess.run(command, check=True, capture_output=True, timeout=60 + 10 * len(sources), env=env)
    absent = [path.name for path in sources if not (out / f"{path.stem}.pdf").is_file()]
    if absent:
        raise LibreOfficeMissing(f"LibreOffice Calc printed no PDF for {', '.join(absent[:3])} "
                                 "(apt-get install libreoffice-calc-nogui)")  # fmt: skip


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    *,
    layouts: tuple[str, ...] | None = None,
    keep_source: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing(
            "no soffice here (apt-get install libreoffice-calc-nogui, or set OPSLOOP_SOFFICE)"
        )
    try:
        import openpyxl  # noqa: F401
    except ImportError as error:  # a dev dependency
        raise LibreOfficeMissing(f"openpyxl is missing ({error}; pip install -e '.[dev]')") from error
    out.mkdir(parents=True, exist_ok=True)
    drawn: list[tuple[str, Doc11]] = []
    with tempfile.TemporaryDirectory(prefix="synth11-xlsx-") as scratch:
        work = Path(scratch)
        pairs = plan(count, seed, layouts)
        for start in range(0, len(pairs), BATCH):
            batch: list[Path] = []
            for index in range(start, min(start + BATCH, len(pairs))):
                layout, tag = pairs[index]
                d = draw(layout, tag, random.Random(f"{GENERATOR}:{seed}:{index}"))
                item = f"x{seed}-{index:04d}-{tag}-{layout}"
                (work / f"{item}.xlsx").write_bytes(workbook(d))
                batch.append(work / f"{item}.xlsx")
                drawn.append((item, d))
            convert(batch, out, soffice)
            if keep_source:
                for path in batch:
                    shutil.copy(path, out / path.name)
            if progress:
                progress(len(drawn))
    rows: list[dict[str, Any]] = []
    for index, (item, d) in enumerate(drawn):
        pdf = (out / f"{item}.pdf").read_bytes()
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": d.doc.loc.tag,
                            "layout": d.layout, "kind": d.doc.layout, "format": "pdf", "font": d.font,
                            "factors": dict(d.factors)}  # fmt: skip
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        rows.append(
            {
                "id": item,
                "document": f"{item}.pdf",
                "locale": d.doc.loc.tag,
                "layout": d.layout,
                "kind": d.doc.kind,
                "format": "pdf",
                "credit_note": d.doc.credit,
                "factors": dict(d.factors),
                "not_on_page": missing(d, page_text(pdf)),
            }
        )
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
