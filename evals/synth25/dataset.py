"""evals/synth25: invoices as small businesses print them in eleven languages (en, de, fr, nl, es, it, pt, pl,
sv, da, cs), typeset by LuaLaTeX — LuaTeX's own PDF writer with OpenType fonts loaded by fontspec (DejaVu,
Liberation, Latin Modern), a producer no other generator uses — written by an outsider to the extractor.

Thirteen layouts (evals/synth25/layouts.py); per document the labels (several synonyms each), the font, the
colon after labels, the seller's logo (bold, spaced capitals, a coloured name), the money form (the
country's grouping and decimal separators, the currency as a symbol before or after, its code, or only in the
column heads and the total's label), the date form (numbers or the month in words, genitive in Polish and
Czech); totals with discounts, shipping, several VAT rates and deposits; credit notes naming the invoice they
correct; a list over several pages carried forward. VAT ids and IBANs carry valid check digits.

The truth is what was drawn, and only what the page prints; the manifest's ``not_on_page`` lists any printed
truth PDFium's text layer does not show (kept empty by tests/synth25). The same seed writes the same PDFs
(SOURCE_DATE_EPOCH, the PDF's optional info suppressed)."""

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
from evals.synth25.layouts import KIND, LAYOUTS
from evals.synth25.model import SYMBOL, Doc, day, draw, number
from evals.synth25.words import TAGS

__all__ = [
    "TAGS",
    "LuaTexMissing",
    "find_lualatex",
    "fingerprint",
    "make",
    "printed",
    "truth",
    "write_dataset",
]

GENERATOR = "synth25"
DEFAULT_SEED = 25251
EPOCH = "1767225600"  # 2026-01-01: the PDFs' dates, whatever the clock says
COLOURS = ["1F4E79", "7A1F2B", "2E6B30", "5B3A8C", "B35C00", "225566"]


class LuaTexMissing(RuntimeError):
    """lualatex (TeX Live's LuaTeX with fontspec) is not installed here."""


def find_lualatex() -> str | None:
    return shutil.which("lualatex")


def fingerprint() -> str:
    return _generator.fingerprint("synth25")


def _flags(rng: random.Random, doc: Doc) -> None:
    f = doc.flags
    f["due"] = rng.random() < 0.75
    f["customer"] = rng.random() < 0.45
    f["order"] = rng.random() < 0.4
    f["vat"] = rng.random() < 0.9
    f["iban"] = rng.random() < 0.8
    f["bic"] = rng.random() < 0.5
    f["buyer_vat"] = rng.random() < 0.3


def make(layout: str, tag: str, rng: random.Random) -> tuple[Doc, bytes]:
    """Draw one document of ``layout`` in language ``tag`` and typeset it; (the drawn document, the PDF)."""
    kind = KIND.get(layout, "")
    doc = draw(rng, layout, tag, credit=kind == "credit", many=kind == "many")
    doc.factors = {
        "font": rng.choice(
            [
                "dejavu-sans",
                "dejavu-serif",
                "liberation-sans",
                "liberation-serif",
                "latin-modern",
                "dejavu-condensed",
            ]
        ),
        "colon": rng.choice(["yes", "no"]),
        "logo": rng.choice(["bold", "caps", "colour"]),
        "colour": rng.choice(COLOURS),
        "money": doc.money_style.replace(" ", "/"),
        "date": doc.date_style,
    }
    if layout == "credit":
        doc.factors["design"] = rng.choice(["classic", "sidebyside", "footer_seller", "boxed"])
    _flags(rng, doc)
    source = LAYOUTS[layout](doc, rng)
    return doc, render(source)


def render(source: str) -> bytes:
    tex = find_lualatex()
    if tex is None:
        raise LuaTexMissing("lualatex is not installed (run .ci/services.sh ensure_lualatex)")
    with tempfile.TemporaryDirectory(prefix="synth25-") as folder:
        path = Path(folder) / "invoice.tex"
        path.write_text(source, "utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "FORCE_SOURCE_DATE": "1"}
        result = subprocess.run([tex, "-interaction=nonstopmode", "-halt-on-error", "invoice.tex"], cwd=folder,
                                capture_output=True, env=env, timeout=300)  # fmt: skip
        pdf = Path(folder) / "invoice.pdf"
        if result.returncode != 0 or not pdf.is_file():
            log = Path(folder) / "invoice.log"
            text = log.read_text("utf-8", "replace") if log.is_file() else ""
            errors = [line for line in text.splitlines() if line.startswith("!")][:3]
            raise RuntimeError(f"lualatex failed: {errors or result.stdout[-500:]!r}")
        return pdf.read_bytes()


def currency_mark(doc: Doc) -> str:
    form = doc.money_style.split()[1]
    return SYMBOL[doc.currency] if form.startswith("sym") else doc.currency


def printed(doc: Doc) -> dict[str, list[str]]:
    """The recorded truths and the forms in which the page prints each (any one will do)."""
    style, lang = doc.money_style, doc.lang
    out: dict[str, list[str]] = {
        "invoice_number": [doc.number],
        "invoice_date": [day(doc.issued, doc.date_style, lang)],
        "total": [number(doc.total, style)],
        "currency": [currency_mark(doc)],
        "vendor": [doc.seller.name],
        "buyer": [doc.buyer.name],
        "vendor_address": [doc.seller.street],
    }
    if "due_date" in doc.shown and doc.due is not None:
        out["due_date"] = [day(doc.due, doc.date_style, lang)]
    if doc.paid:
        out["amount_due"] = [number(doc.due_amount, style)]
    if "vendor_vat_id" in doc.shown:
        out["vendor_vat_id"] = [doc.seller.vat_printed]
    if "vendor_iban" in doc.shown:
        out["vendor_iban"] = [doc.seller.iban_printed]
    if "po_number" in doc.shown:
        out["po_number"] = [doc.order_no]
    return out


def truth(doc: Doc, index: int, seed: int) -> dict[str, Any]:
    """The truth record (the projection evals/invoices reads) of ``doc``: only what its page prints."""
    shown = printed(doc)
    s = doc.seller
    return {
        "document_type": "credit_note" if doc.credit else "invoice",
        "invoice_number": doc.number,
        "invoice_date": doc.issued.isoformat(),
        "due_date": doc.due.isoformat() if "due_date" in shown and doc.due else None,
        "currency": doc.currency,
        "seller_name": s.name,
        "seller_vat_id": s.vat_id if "vendor_vat_id" in shown else None,
        "seller_iban": s.iban if "vendor_iban" in shown else None,
        "seller": {
            "name": s.name,
            "street": s.street,
            "postcode": s.postcode,
            "city": s.city,
            "country": s.country,
        },
        "buyer_name": doc.buyer.name,
        "buyer": {
            "name": doc.buyer.name,
            "vat_id": doc.buyer.vat_id
            if doc.buyer.country != doc.country or doc.flags.get("buyer_vat")
            else None,
            "country": doc.buyer.country,
        },
        "po_numbers": [doc.order_no] if "po_number" in shown else [],
        "delivery_note": None,
        "preceding_invoice": doc.preceding or None,
        "tax_basis_total": str(doc.net),
        "tax_total": str(doc.tax),
        "grand_total": str(doc.total),
        "prepaid": str(doc.paid),
        "due_payable": None if doc.credit else str(doc.due_amount),
        "line_items": [
            {
                "name": line.name,
                "quantity": str(line.qty),
                "unit_price": str(line.price),
                "vat_rate": line.rate,
                "line_total": str(line.total),
            }
            for line in doc.lines
        ],
        "_synth": {
            "generator": GENERATOR,
            "seed": seed,
            "index": index,
            "locale": doc.lang,
            "layout": doc.layout,
            "country": doc.country,
            "factors": {
                **doc.factors,
                "seller_country": doc.country,
                "rates": str(len(doc.groups)),
                "deposit": str(bool(doc.paid)).lower(),
                "discount": str(bool(doc.discount)).lower(),
                "shipping": str(bool(doc.shipping)).lower(),
            },
            "words": dict(sorted(doc.words.items())),
        },
    }


def write_dataset(
    out: Path, count: int, seed: int, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents (PDF + truth JSON) and manifest.jsonl into ``out``; returns the manifest rows."""
    if find_lualatex() is None:
        raise LuaTexMissing("lualatex is not installed (run .ci/services.sh ensure_lualatex)")
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index, (layout, tag) in enumerate(_generator.plan(GENERATOR, count, seed, LAYOUTS, TAGS)):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        doc, pdf = make(layout, tag, rng)
        item = f"{GENERATOR}-{seed}-{index:04d}"
        (out / f"{item}.pdf").write_bytes(pdf)
        record = truth(doc, index, seed)
        _generator.write_truth(out, item, record)
        missing = _generator.not_on_page(printed(doc), _generator.page_text(pdf))
        rows.append(_generator.manifest_row(item, locale=tag, layout=layout, kind=record["document_type"],
                                            factors=record["_synth"]["factors"], missing=missing, implied=[],
                                            credit_note=doc.credit))  # fmt: skip
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows
