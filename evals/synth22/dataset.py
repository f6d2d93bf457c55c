"""evals/synth22: invoices drawn with fpdf2, written by an outsider to the extractor — a packing slip and the
invoice on one sheet, a freelancer's hours, prices per 100 or 1000 units, a collective invoice over several
delivery notes, decimal quantities with units, a foreign-currency invoice with the VAT in the home currency, a
seller named only in the logo line and the bank footer, labels under values, totals on the second page, a
cash-discount line — in fourteen languages, each country's labels, number, date and money forms, legal forms,
VAT ids and IBANs.

The truth is what was drawn, and only what the page prints: a truth the layout did not print is None; the
manifest's ``not_on_page`` lists any printed truth PDFium's text layer does not show (kept empty by the tests).
The same seed writes the same PDFs (a fixed creation date)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from evals import _generator
from evals.synth22 import troff
from evals.synth22.layouts import CORE, FACES, FontsMissing, Sheet, font_file
from evals.synth22.layouts import LAYOUTS as DRAWN
from evals.synth22.model import Doc, draw
from evals.synth22.words import TAGS
from fpdf.errors import FPDFUnicodeEncodingException

__all__ = ["DEFAULT_SEED", "TAGS", "FontsMissing", "fingerprint", "make", "printed", "truth", "write_dataset"]

GENERATOR = "synth22"
LAYOUTS = sorted([*DRAWN, *troff.TROFF])
"""The layouts: ten drawn with fpdf2, two typeset by groff."""
DEFAULT_SEED = 22223


def fingerprint() -> str:
    return _generator.fingerprint("synth22")


def find_fonts() -> str | None:
    """None when a TTF face the fpdf2 layouts use, or groff and the URW fonts its layouts use, are missing here."""
    try:
        files = [font_file(name) for pair in FACES.values() for name in pair]
    except FontsMissing:
        return None
    return str(files[0]) if troff.find_groff() else None


def make(layout: str, tag: str, rng: random.Random) -> tuple[Doc, bytes]:
    """Draw one document of ``layout`` in language ``tag`` and print it; (the drawn document, the PDF)."""
    doc = draw(rng, layout, tag)
    face = rng.choice([*FACES, *CORE])
    pers = {line.per for line in doc.lines}
    if layout == "per100" and len(pers) == 1 and pers != {1}:
        doc.factors["per_header"] = str(pers.pop())
    doc.factors.update({
        "money": f"{doc.style[0] or 'none'}|{doc.style[1]}|{doc.style[2]}".replace(" ", "space"),
        "date": doc.date_style,
        "decimals": str(doc.places),
        "lines": str(len(doc.lines)),
    })  # fmt: skip
    if layout in troff.TROFF:
        pdf = troff.render(troff.TROFF[layout](doc, rng))
        document = pdfium.PdfDocument(pdf)
        doc.factors["pages"] = str(len(document))
        document.close()
        return doc, pdf
    state = rng.getstate()
    try:
        pdf = _print(doc, rng, face)
    except FPDFUnicodeEncodingException:  # the core fonts are Latin-1 only: a TTF face prints this one
        rng.setstate(state)
        face = "dejavu" if rng.random() < 0.5 else "liberation"
        pdf = _print(doc, rng, face)
    doc.factors["font"] = face
    return doc, pdf


def _print(doc: Doc, rng: random.Random, face: str) -> bytes:
    doc.shown.clear()
    sheet = Sheet(face)
    DRAWN[doc.layout](doc, rng, sheet)
    doc.factors["pages"] = str(sheet.page_no())
    return bytes(sheet.output())


def printed(doc: Doc) -> dict[str, list[str]]:
    """The recorded truths and the forms in which the page prints each (any one will do)."""
    out: dict[str, list[str]] = {
        "invoice_number": [doc.number],
        "invoice_date": [doc.date(doc.issued)],
        "total": [doc.num(doc.total)],
        "currency": [doc.money(doc.total).replace(doc.num(doc.total), "").strip()],
        "vendor": [doc.seller.name],
        "buyer": [doc.buyer.name],
        "subtotal": [doc.num(doc.net)],
    }
    if "due_date" in doc.shown:
        out["due_date"] = [doc.date(doc.due)]
    if doc.paid:
        out["amount_due"] = [doc.num(doc.due_amount)]
    if "vendor_vat_id" in doc.shown:
        out["vendor_vat_id"] = [doc.seller.vat_printed]
    if "vendor_iban" in doc.shown:
        out["vendor_iban"] = [doc.seller.iban_printed]
    if "po_number" in doc.shown:
        out["po_number"] = [doc.order_no]
    if "delivery_note" in doc.shown:
        out["delivery_note"] = [doc.note_no]
    return out


def truth(doc: Doc, index: int, seed: int) -> dict[str, Any]:
    """The truth record (the projection evals/invoices reads) of ``doc``, only what its page prints."""
    shown = printed(doc)
    s = doc.seller
    return {
        "document_type": "invoice",
        "invoice_number": doc.number,
        "invoice_date": doc.issued.isoformat(),
        "due_date": doc.due.isoformat() if "due_date" in shown else None,
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
            "vat_id": doc.buyer.vat_id if doc.reverse or doc.layout == "fx" else None,
            "country": doc.buyer.country,
        },
        "po_numbers": [doc.order_no] if "po_number" in shown else [],
        "delivery_note": doc.note_no if "delivery_note" in shown else None,
        "preceding_invoice": None,
        "tax_basis_total": str(doc.net),
        "tax_total": str(doc.tax),
        "grand_total": str(doc.total),
        "prepaid": str(doc.paid),
        "due_payable": str(doc.due_amount),
        "line_items": [
            {
                "name": line.name,
                "quantity": str(line.qty),
                "unit": line.unit,
                "unit_price": str(line.price / line.per),
                "price_per": line.per,
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
                "reverse_charge": str(doc.reverse).lower(),
                "deposit": str(bool(doc.paid)).lower(),
                "discount": str(doc.discount is not None).lower(),
                "home_currency": doc.home[0] if doc.home else "none",
            },
            "words": dict(sorted(doc.words.items())),
        },
    }


def write_dataset(
    out: Path, count: int, seed: int, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents (PDF + truth JSON) and manifest.jsonl into ``out``; returns the manifest rows."""
    if find_fonts() is None:
        raise FontsMissing(
            "the DejaVu / Liberation fonts, groff or the URW fonts are not installed (run .ci/services.sh ensure_groff)"
        )
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
                                            factors=record["_synth"]["factors"], missing=missing, implied=[]))  # fmt: skip
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows
