"""Write a set of evals/synth13 documents: invoices typed into a word processor's template — python-docx
writes the .docx (headers and footers, tables with and without borders, tab stops with dot leaders,
letter-spaced and small-capital names, justified letters: layouts.py), LibreOffice Writer prints them, in
eleven languages (words.py) and four font families. Each document's factors are recorded in its truth
(``_synth.factors``) and manifest row; the manifest lists every scored truth the PDF's text, read back with
PDFium, does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth13:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same documents."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import _generator
from evals._generator import page_text
from evals.synth13.layouts import LAYOUTS, MANY_LINES, compose
from evals.synth13.model import LABELS, Doc13, draw
from evals.synth13.words import LANGS

GENERATOR = "synth13"
DEFAULT_SEED = 13127
TAGS = tuple(sorted(LANGS))
BATCH = 40
SIGNS = {"€": "EUR", "£": "GBP", "zł": "PLN", "Kč": "CZK"}
"""Signs that name one currency here ("kr" and "kr." name several: such a page prints the code too)."""

__all__ = ["DEFAULT_SEED", "LibreOfficeMissing", "fingerprint", "write_dataset"]


class LibreOfficeMissing(RuntimeError):
    """LibreOffice (soffice) is not installed here, or python-docx (a dev dependency) is missing."""


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    return _generator.fingerprint(GENERATOR)


def find_soffice() -> str | None:
    return os.environ.get("OPSLOOP_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def plan(count: int, seed: int) -> list[tuple[str, str]]:
    """(layout, language) per document: the layouts in a drawn order, the languages shifted by one on each
    pass, so every pair comes up once count reaches layouts x languages."""
    return _generator.plan(GENERATOR, count, seed, LAYOUTS, TAGS)


def make(
    layout: str, lang: str, rng: random.Random, force: dict[str, str] | None = None
) -> tuple[Doc13, Any]:
    """One drawn document and its python-docx document; the factors gain where the seller stands and the
    layout."""
    span = MANY_LINES.get(layout)
    d = draw(lang, rng, force, lines=rng.randint(*span) if span else None)
    docx, place = compose(d, layout, rng)
    d.factors["seller_place"] = place
    d.factors["layout"] = layout
    return d, docx


def convert(sources: list[Path], out: Path, soffice: str) -> None:
    """Print .docx files to PDF with LibreOffice Writer, all in one call, with a profile of its own."""
    with tempfile.TemporaryDirectory(prefix="synth13-lo-") as profile:
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out), *map(str, sources)]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=90 + 10 * len(sources))


def vendor_truth(d: Doc13) -> str | list[str]:
    accepted = d.seller.accepted
    return accepted[0] if len(accepted) == 1 else list(accepted)


def truth(d: Doc13) -> dict[str, Any]:
    """What a perfect extraction reads off the page: dates ISO, ids as printed (IBAN compact), amounts
    positive (a credit note's too)."""
    s, b = d.seller, d.buyer

    def party(p: Any) -> dict[str, Any]:
        return {"name": p.name, "street": p.street, "postcode": p.postcode, "city": p.city, "country": p.country,
                "vat_id": p.vat_id, "iban": p.iban, "bic": None}  # fmt: skip

    return {
        "document_type": "credit_note" if d.credit else "invoice",
        "type_code": "381" if d.credit else "380",
        "invoice_number": d.number,
        "invoice_date": d.issue.isoformat(),
        "due_date": d.due.isoformat() if d.due else None,
        "currency": d.currency,
        "locale": d.lang,
        "seller_name": vendor_truth(d),
        "buyer_name": b.name,
        "seller": party(s),
        "buyer": party(b),
        "seller_vat_id": s.vat_id,
        "seller_iban": s.iban,
        "po_number": None,
        "po_numbers": [],
        "delivery_note": None,
        "preceding_invoice": d.preceding,
        "subtotal_lines": str(d.net),
        "allowance_total": "0.00",
        "charge_total": "0.00",
        "tax_basis_total": str(d.net),
        "tax_total": str(d.tax),
        "grand_total": str(d.total),
        "prepaid": "0.00",
        "due_payable": str(d.total),
        "taxes": [
            {
                "category": "S",
                "rate": str(d.vat_rate),
                "base": str(d.net),
                "tax": str(d.tax),
                "exemption_reason": None,
            }
        ],
        "line_items": [
            {
                "line_id": str(line.pos),
                "position": str(line.pos),
                "name": line.text,
                "quantity": str(line.quantity),
                "unit_code": "C62",
                "unit_price_net": str(line.price),
                "tax_rate": str(d.vat_rate),
                "line_total": str(line.net),
            }
            for line in d.lines
        ],
        "notes": [],
        "payment_terms": None,
    }


def printed(d: Doc13) -> dict[str, tuple[str, ...]]:
    """Each scored truth as this page writes it (any one of the strings will do)."""
    s = d.seller
    out: dict[str, tuple[str, ...]] = {
        "vendor": tuple(s.accepted),
        "buyer": (d.buyer.name,),
        "invoice_number": (d.number,),
        "invoice_date": (d.short(d.issue), d.long(d.issue)),
        "total": (d.bare(d.total),),
        "subtotal": (d.bare(d.net),),
        "tax_total": (d.bare(d.tax),),
        "currency": (d.currency, *(sign for sign, code in SIGNS.items() if code == d.currency)),
        "vendor_address": (s.street,),
    }
    if implied(d):
        del out["currency"]
    if d.due:
        out["due_date"] = (d.short(d.due), d.long(d.due))
    if s.vat_id:
        out["vendor_vat_id"] = (s.vat_id,)
    if s.iban:
        spaced = " ".join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4))
        out["vendor_iban"] = (s.iban, spaced)
    for line in d.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (d.bare(line.net),)
    return out


def implied(d: Doc13) -> list[str]:
    """Truths the page implies without printing them: a page whose only currency mark is one several
    currencies share ("kr") implies the currency of the language's country, as a reader there takes it."""
    return ["currency"] if d.factors["currency_sign"] == "sign" and d.w["sign"] not in SIGNS else []


def missing(d: Doc13, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (blanks ignored; names in any case: a
    template may set the seller in capitals)."""
    return _generator.not_on_page(printed(d), text)


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    *,
    keep_source: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing(
            "no soffice here (apt-get install libreoffice-writer-nogui, or set OPSLOOP_SOFFICE)"
        )
    out.mkdir(parents=True, exist_ok=True)
    drawn: list[tuple[str, str, Doc13]] = []
    with tempfile.TemporaryDirectory(prefix="synth13-docx-") as scratch:
        work = Path(scratch)
        pairs = plan(count, seed)
        for start in range(0, len(pairs), BATCH):
            batch: list[Path] = []
            for index in range(start, min(start + BATCH, len(pairs))):
                layout, lang = pairs[index]
                d, docx = make(layout, lang, random.Random(f"{GENERATOR}:{seed}:{index}"))
                item = f"d{seed}-{index:04d}-{lang}-{layout}"
                docx.core_properties.author = ""
                docx.save(str(work / f"{item}.docx"))
                batch.append(work / f"{item}.docx")
                drawn.append((item, layout, d))
            convert(batch, out, soffice)
            if keep_source:
                for path in batch:
                    shutil.copy(path, out / path.name)
            if progress:
                progress(len(drawn))
    rows: list[dict[str, Any]] = []
    for index, (item, layout, d) in enumerate(drawn):
        pdf = (out / f"{item}.pdf").read_bytes()
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": d.lang, "layout": layout,
                            "format": "pdf", "font": d.family, "size": d.size, "factors": dict(d.factors),
                            "words": {k: d.pick[k] for k in LABELS}}  # fmt: skip
        _generator.write_truth(out, item, record)
        rows.append(_generator.manifest_row(item, locale=d.lang, layout=layout, kind="typed", factors=d.factors,
                                            missing=missing(d, page_text(pdf)), implied=implied(d),
                                            credit_note=d.credit))  # fmt: skip
    _generator.write_manifest(out, rows)
    return rows
