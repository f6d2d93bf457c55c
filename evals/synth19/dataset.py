"""Write a set of the nineteenth generator: invoices in the eleven core languages (en, de, fr, nl, es, it, pt, pl,
sv, da, cs) typeset with Typst by an outsider to the extractor, each with its truth JSON (the projection
evals/invoices reads) and a manifest whose ``not_on_page`` lists the truths PDFium's text layer does not show.

What it puts in that generators tend to leave out: factored invoices with a remit-to notice (the seller stays
the seller), a seller named only in a logo line and the footer, separate invoice and delivery addresses,
contact persons, order/delivery/customer numbers beside the invoice number, multi-page invoices with carried
forward subtotals, early-payment discounts with a second amount, deposits deducted before the amount due,
several VAT rates with a summary table, amounts in words, credit notes referencing the invoice (some printed
negative), a freelancer's letter and proformas (document type not scored: neither an invoice nor a credit).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals._generator import fingerprint as _fingerprint
from evals._generator import manifest_row, not_on_page, page_text, plan, write_manifest, write_truth
from evals.synth19.layouts import LAYOUTS
from evals.synth19.model import Doc, Party, draw

DEFAULT_SEED = 19191
TAGS = ("en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs")
FONT_PATHS = ["/usr/share/fonts/truetype"]


class TypstMissing(RuntimeError):
    """The typst Python package is not installed here."""


def fingerprint() -> str:
    return _fingerprint("synth19")


def render(source: str, when: int = 0) -> bytes:
    """The PDF Typst writes for ``source``, stamped ``when`` (seconds since the epoch) so a seed gives the same bytes."""
    try:
        import typst
    except ImportError as error:  # a dev dependency
        raise TypstMissing(f"the typst package is missing ({error})") from error
    fonts = [p for p in FONT_PATHS if Path(p).is_dir()]
    return bytes(typst.compile(source.encode("utf-8"), font_paths=fonts, format="pdf", timestamp=when))


def make(layout: str, tag: str, rng: random.Random) -> tuple[Doc, bytes]:
    doc = draw(layout, tag, rng)
    if rng.random() < 0.4 or layout == "labels_below":
        doc.extra["show_due"] = "1"
    source = "\n".join(LAYOUTS[layout](doc, rng)) + "\n"
    issued = datetime(doc.issued.year, doc.issued.month, doc.issued.day, 9, tzinfo=UTC)
    return doc, render(source, int(issued.timestamp()))


def printed(doc: Doc) -> dict[str, list[str]]:
    """Each scored truth → the strings any one of which shows it on the page."""
    out: dict[str, list[str]] = {
        "invoice_number": [doc.number],
        "invoice_date": [doc.d(doc.issued)],
        "total": [doc.m(doc.total)],
        "amount_due": [doc.m(doc.due_amount)],
        "currency": [doc.sign, doc.currency],
        "vendor": [doc.seller.name],
        "buyer": [doc.buyer.name],
    }
    if doc.due:
        out["due_date"] = [doc.d(doc.due)]
    if doc.order_no:
        out["po_number"] = [doc.order_no]
    if doc.seller.vat_shown:
        out["vendor_vat_id"] = [doc.seller.vat_shown]
    return out


def _party(p: Party) -> dict[str, Any]:
    return {"name": p.name, "street": p.street, "postcode": p.postcode, "city": p.city, "country": p.country,
            "vat_id": p.vat, "iban": p.iban}  # fmt: skip


def truth(doc: Doc, index: int, seed: int) -> dict[str, Any]:
    credit = doc.kind == "credit"
    seller = _party(doc.seller)
    if doc.factor is not None:
        seller["iban"] = None  # the page prints only the factor's account
    buyer = _party(doc.buyer)
    buyer["iban"] = None
    return {
        "document_type": None if doc.kind == "proforma" else "credit_note" if credit else "invoice",
        "type_code": "325" if doc.kind == "proforma" else "381" if credit else "380",
        "invoice_number": doc.number,
        "invoice_date": doc.issued.isoformat(),
        "due_date": doc.due.isoformat() if doc.due else None,
        "currency": doc.currency,
        "locale": doc.lang,
        "seller_name": doc.seller.name,
        "buyer_name": doc.buyer.name,
        "seller": seller,
        "buyer": buyer,
        "seller_vat_id": doc.seller.vat,
        "seller_iban": seller["iban"],
        "po_numbers": [doc.order_no] if doc.order_no else [],
        "delivery_note": doc.delivery_no,
        "preceding_invoice": doc.ref[0] if doc.ref else None,
        "tax_basis_total": str(doc.net),
        "tax_total": str(doc.tax),
        "grand_total": str(doc.total),
        "prepaid": str(doc.paid),
        "due_payable": str(doc.due_amount),
        "taxes": [
            {"category": "S", "rate": rate, "base": str(base), "tax": str(tax)}
            for rate, base, tax in doc.taxes
        ],
        "line_items": [
            {
                "line_id": str(i),
                "name": line.name,
                "quantity": f"{line.qty.normalize():f}",
                "unit_price_net": str(line.price),
                "discount_percent": "0",
                "tax_rate": line.rate,
                "line_total": str(line.total),
            }
            for i, line in enumerate(doc.lines, 1)
        ],
        "_synth": {
            "generator": "synth19",
            "seed": seed,
            "index": index,
            "locale": doc.lang,
            "layout": doc.layout,
            "format": "pdf",
            "factors": factors(doc),
            "words": doc.words,
        },
    }


def factors(doc: Doc) -> dict[str, str]:
    return {"layout": doc.layout, "currency": doc.currency, "label_pos": doc.label_pos,
            "colon": doc.colon, "caps": str(doc.caps), "font": doc.font,
            "delivery": str(doc.delivery is not None), "negative": str(doc.negative)}  # fmt: skip


def write_dataset(out: Path, count: int, seed: int = DEFAULT_SEED, *,
                  progress: Callable[[int], None] | None = None) -> list[dict[str, Any]]:  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index, (layout, tag) in enumerate(plan("synth19", count, seed, LAYOUTS, TAGS)):
        rng = random.Random(f"synth19:{seed}:{index}")
        doc, pdf = make(layout, tag, rng)
        item = f"s{seed}-{index:04d}-{tag}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        write_truth(out, item, truth(doc, index, seed))
        missing = not_on_page(printed(doc), page_text(pdf))
        rows.append(manifest_row(item, locale=tag, layout=layout, kind="typst", factors=factors(doc),
                                 missing=missing, implied=[], credit_note=doc.kind == "credit"))  # fmt: skip
        if progress:
            progress(index + 1)
    write_manifest(out, rows)
    return rows
