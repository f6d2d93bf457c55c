"""Write a set of evals/synth14 documents: bills and statements as document-composition systems print them —
hand-written PostScript, every string at absolute coordinates in a standard font (postscript.py), the
layouts of billing runs (layouts.py: address windows, summary pages, ruled boxes, folios, fee notes,
listings, remittance slips), printed to PDF by Ghostscript (``ps2pdf``), in sixteen languages (words.py).
Each document's factors are recorded in its truth (``_synth.factors``) and manifest row; the manifest lists
every scored truth the PDF's text, read back with PDFium, does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth14:S:i``): a set of 50 is the first
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
from evals.synth14.layouts import FORCE, LAYOUTS, MANY_LINES, compose
from evals.synth14.model import LABELS, Doc14, draw
from evals.synth14.postscript import Sheet
from evals.synth14.words import LANGS

GENERATOR = "synth14"
DEFAULT_SEED = 14143
TAGS = tuple(sorted(LANGS))
SIGNS = {"€": "EUR", "£": "GBP", "zł": "PLN", "Kč": "CZK", "$": "USD", "Ft": "HUF", "lei": "RON", "TL": "TRY"}
"""Signs that name one currency here ("kr" and "kr." name several: such a page implies its currency)."""

__all__ = ["DEFAULT_SEED", "GhostscriptMissing", "fingerprint", "write_dataset"]


class GhostscriptMissing(RuntimeError):
    """Ghostscript (gs / ps2pdf) is not installed here."""


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    return _generator.fingerprint(GENERATOR)


def find_gs() -> str | None:
    return os.environ.get("OPSLOOP_GS") or shutil.which("gs")


def plan(count: int, seed: int) -> list[tuple[str, str]]:
    """(layout, language) per document: the layouts in a drawn order, the languages shifted by one on each
    pass, so every pair comes up once count reaches layouts x languages."""
    return _generator.plan(GENERATOR, count, seed, LAYOUTS, TAGS)


def make(
    layout: str, lang: str, rng: random.Random, force: dict[str, str] | None = None
) -> tuple[Doc14, Sheet]:
    """One drawn document and its composed sheet; the factors gain where the seller stands and the layout."""
    span = MANY_LINES.get(layout)
    d = draw(lang, rng, {**FORCE.get(layout, {}), **(force or {})}, many=rng.randint(*span) if span else None)
    sheet, place = compose(d, layout, rng)
    d.factors["seller_place"] = place
    d.factors["layout"] = layout
    d.factors["pages"] = "1" if len(sheet.pages) == 1 else "2+"
    return d, sheet


def render(program: str, pdf: Path, gs: str) -> None:
    """Print a PostScript program to PDF as ps2pdf does (Ghostscript's pdfwrite device)."""
    with tempfile.TemporaryDirectory(prefix="synth14-ps-") as scratch:
        source = Path(scratch) / "bill.ps"
        source.write_text(program, "latin-1")
        command = [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dCompatibilityLevel=1.4",
                   "-dAutoRotatePages=/None", f"-sOutputFile={pdf}", str(source)]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def vendor_truth(d: Doc14) -> str:
    """The legal entity that issues the bill, as its identity line prints it (never the brand: evals/README)."""
    return d.seller.name


def truth(d: Doc14) -> dict[str, Any]:
    """What a perfect extraction reads off the page: dates ISO, ids as printed (IBAN compact), amounts
    positive; the total is this invoice's, the amount due what the account asks for."""
    s, b = d.seller, d.buyer

    def party(p: Any) -> dict[str, Any]:
        return {"name": p.name, "street": p.street, "postcode": p.postcode, "city": p.city, "country": p.country,
                "vat_id": p.vat_id, "iban": p.iban, "bic": p.bic}  # fmt: skip

    due = d.amount_due
    return {
        "document_type": "invoice",
        "type_code": "380",
        "invoice_number": d.number,
        "invoice_date": d.issue.isoformat(),
        "due_date": d.due.isoformat(),
        "billing_period": [d.start.isoformat(), d.end.isoformat()],
        "currency": d.currency,
        "locale": d.lang,
        "seller_name": vendor_truth(d),
        "brand": d.brand,
        "buyer_name": b.name,
        "seller": party(s),
        "buyer": party(b),
        "seller_vat_id": s.vat_id,
        "seller_iban": s.iban,
        "po_number": None,
        "po_numbers": [],
        "delivery_note": None,
        "preceding_invoice": None,
        "other_ids": {kind: value for kind, value in d.ids},
        "payment_reference": d.reference,
        "subtotal_lines": str(d.net),
        "allowance_total": "0.00",
        "charge_total": "0.00",
        "tax_basis_total": str(d.net),
        "tax_total": str(d.tax) if d.taxed else None,
        "grand_total": str(d.total),
        "previous_balance": str(d.previous),
        "payments_received": str(d.payments),
        "prepaid": str(d.total - due) if due < d.total else "0.00",
        "due_payable": str(due),
        "taxes": [
            {
                "category": "S",
                "rate": str(d.vat_rate),
                "base": str(d.net),
                "tax": str(d.tax),
                "exemption_reason": None,
            }
        ]
        if d.taxed
        else [],
        "line_items": [
            {
                "line_id": str(line.pos),
                "position": str(line.pos),
                "name": line.text,
                "quantity": str(line.quantity),
                "unit_code": "C62",
                "unit_price_net": str(line.price),
                "tax_rate": str(d.vat_rate) if d.taxed else None,
                "line_total": str(line.net),
            }
            for line in d.lines
        ],
        "notes": [],
        "payment_terms": None,
    }


def printed(d: Doc14) -> dict[str, tuple[str, ...]]:
    """Each scored truth as this page writes it (any one of the strings will do)."""
    s = d.seller
    out: dict[str, tuple[str, ...]] = {
        "vendor": (s.name,),
        "buyer": (d.buyer.name,),
        "invoice_number": (d.number,),
        "invoice_date": (d.short(d.issue),),
        "due_date": (d.short(d.due),),
        "total": (d.bare(d.total),),
        "subtotal": (d.bare(d.net),),
        "amount_due": (d.bare(d.amount_due), d.bare(d.amount_due).replace(str(d.w["group"]), " ")),
        "currency": (d.currency, *(sign for sign, code in SIGNS.items() if code == d.currency)),
        "vendor_address": (s.street,),
    }
    if d.taxed:
        out["tax_total"] = (d.bare(d.tax),)
    if implied(d):
        del out["currency"]
    if s.vat_id:
        out["vendor_vat_id"] = (s.vat_id,)
    if s.iban:
        spaced = " ".join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4))
        out["vendor_iban"] = (s.iban, spaced)
    for line in d.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (d.bare(line.net),)
    return out


def implied(d: Doc14) -> list[str]:
    """Truths the page implies without printing them: a page whose only currency mark is one several
    currencies share ("kr") implies the currency of the language's country, as a reader there takes it."""
    shown = d.factors["currency_sign"] == "code" or d.factors["slip"] in ("giro", "payment_part")
    return [] if shown or d.w["sign"] in SIGNS else ["currency"]


def missing(d: Doc14, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (blanks ignored; names in any case)."""
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
    gs = find_gs()
    if gs is None:
        raise GhostscriptMissing("no Ghostscript here (apt-get install ghostscript, or set OPSLOOP_GS)")
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for index, (layout, lang) in enumerate(plan(count, seed)):
        d, sheet = make(layout, lang, random.Random(f"{GENERATOR}:{seed}:{index}"))
        item = f"d{seed}-{index:04d}-{lang}-{layout}"
        program = sheet.postscript()
        render(program, out / f"{item}.pdf", gs)
        if keep_source:
            (out / f"{item}.ps").write_text(program, "latin-1")
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": d.lang, "layout": layout,
                            "format": "pdf", "font": d.family, "size": d.size, "paper": d.factors["paper"],
                            "factors": dict(d.factors), "words": {k: d.pick[k] for k in LABELS}}  # fmt: skip
        _generator.write_truth(out, item, record)
        pdf = (out / f"{item}.pdf").read_bytes()
        rows.append(_generator.manifest_row(item, locale=d.lang, layout=layout, kind="composed", factors=d.factors,
                                            missing=missing(d, page_text(pdf)), implied=implied(d)))  # fmt: skip
        if progress:
            progress(len(rows))
    _generator.write_manifest(out, rows)
    return rows
