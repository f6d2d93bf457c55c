"""The eighteenth invoice generator (development source "synth18"), written by someone who had not read the
extractor: invoices real businesses send in nine languages (de, de-CH, fr, nl, es, nb, hr, sk, bg, en-GB) and
eight layouts (layouts.py), drawn with ReportLab — no browser. Truth = the drawn inputs; a truth the page does
not print is None; the manifest's ``not_on_page`` (PDFium's text layer checked against the printed forms) is
kept empty by tests/synth18."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals._generator import fingerprint as _fingerprint
from evals._generator import manifest_row, not_on_page, page_text, plan, write_manifest, write_truth
from evals.synth18.layouts import LAYOUTS, FontsMissing, register_fonts
from evals.synth18.model import Doc, Party, draw
from evals.synth18.words import TAGS

__all__ = ["DEFAULT_SEED", "TAGS", "FontsMissing", "fingerprint", "make", "printed", "truth", "write_dataset"]

GENERATOR = "synth18"
DEFAULT_SEED = 18181


def fingerprint() -> str:
    return _fingerprint("synth18")


def make(layout: str, tag: str, rng: random.Random) -> tuple[Doc, bytes]:
    """One document drawn and rendered: the abstract document (its ``printed`` filled) and the PDF."""
    register_fonts()
    doc = draw(tag, layout, rng)
    pad = LAYOUTS[layout](doc, rng)
    return doc, pad.pdf()


def printed(doc: Doc) -> dict[str, list[str]]:
    """The scored truths the page prints, each with the forms it is printed in."""
    return {name: forms for name, forms in doc.printed.items() if forms}


def _party(p: Party) -> dict[str, Any]:
    return {"name": p.name, "street": p.street, "postcode": p.postcode, "city": p.city, "country": p.country,
            "vat_id": p.vat, "iban": p.iban}  # fmt: skip


def truth(doc: Doc, index: int, seed: int) -> dict[str, Any]:
    """The truth record (the projection evals/invoices reads); a field the page does not print is None."""
    shown = printed(doc)
    on = lambda name, value: value if name in shown else None  # noqa: E731
    return {
        "document_type": "credit_note" if doc.credit else "invoice",
        "type_code": "381" if doc.credit else "380",
        "invoice_number": on("invoice_number", doc.number),
        "invoice_date": on("invoice_date", doc.issued.isoformat()),
        "due_date": on("due_date", doc.due.isoformat() if doc.due else None),
        "currency": on("currency", doc.currency),
        "locale": doc.tag,
        "seller_name": on("vendor", doc.seller.name),
        "buyer_name": on("buyer", doc.buyer.name),
        "seller": _party(doc.seller),
        "buyer": _party(doc.buyer),
        "seller_vat_id": on("vendor_vat_id", doc.seller.vat),
        "seller_iban": on("vendor_iban", doc.seller.iban),
        "po_numbers": [],
        "delivery_note": None,
        "preceding_invoice": doc.previous[0] if doc.previous else None,
        "tax_basis_total": str(doc.net),
        "tax_total": str(doc.tax),
        "grand_total": on("total", str(doc.total)),
        "prepaid": str(doc.paid),
        "due_payable": on("amount_due", str(doc.due_amount)),
        "taxes": [
            {
                "category": "S" if doc.rate else "G",
                "rate": str(doc.rate),
                "base": str(doc.net),
                "tax": str(doc.tax),
            }
        ],
        "line_items": [
            {
                "line_id": str(i),
                "name": ln.name,
                "quantity": str(ln.qty),
                "unit_price_net": str(ln.price),
                "discount_percent": str(ln.discount),
                "tax_rate": str(doc.rate),
                "line_total": str(ln.total),
            }
            for i, ln in enumerate(doc.lines, 1)
        ],
        "_synth": {
            "generator": GENERATOR,
            "seed": seed,
            "index": index,
            "locale": doc.tag,
            "layout": doc.layout,
            "format": "pdf",
            "factors": factors(doc),
            "words": {k[2:]: v for k, v in doc.factors.items() if k.startswith("w:")},
        },
    }


def factors(doc: Doc) -> dict[str, str]:
    out = {k: str(v) for k, v in doc.factors.items() if not k.startswith("w:")}
    out["layout"] = doc.layout
    out["currency"] = doc.currency
    return out


def write_dataset(out: Path, count: int, seed: int = DEFAULT_SEED, *,
                  progress: Callable[[int], None] | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Write ``count`` documents (PDF + truth JSON) and ``manifest.jsonl`` into ``out``."""
    register_fonts()
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index, (layout, tag) in enumerate(plan(GENERATOR, count, seed, LAYOUTS, TAGS)):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        doc, pdf = make(layout, tag, rng)
        item = f"s{seed}-{index:04d}-{tag}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        write_truth(out, item, truth(doc, index, seed))
        rows.append(manifest_row(item, locale=doc.tag, layout=layout, kind="reportlab", factors=factors(doc),
                                 missing=not_on_page(printed(doc), page_text(pdf)), implied=[],
                                 credit_note=doc.credit))  # fmt: skip
        if progress:
            progress(index + 1)
    write_manifest(out, rows)
    return rows
