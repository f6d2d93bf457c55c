"""The seventeenth generator (development): invoices written by an outsider to the extractor — small
businesses' HTML pages printed by headless Chromium, in eleven languages and ten layouts (software receipts,
a craftsman's letterhead, a two-column B2B invoice, credit notes, part-paid invoices, multi-page item lists,
till receipts with VAT included, US-style invoices, boxed forms, the seller only in the footer).

The truth is what was drawn; a truth the page does not print is null, or listed under ``not_on_page`` when the
PDFium text layer does not show it (the test keeps that list empty)."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals._generator import fingerprint as _fingerprint
from evals._generator import manifest_row, not_on_page, page_text, plan, write_manifest, write_truth
from evals.synth2.browser import BrowserError, Chromium, find_chromium
from evals.synth17.layouts import LAYOUTS
from evals.synth17.model import Doc, draw, truth_party
from evals.synth17.words import LANGS

GENERATOR = "synth17"
DEFAULT_SEED = 17171
TAGS = tuple(sorted(LANGS))


class ChromiumMissing(RuntimeError):
    """No Chromium to print the pages with."""


def fingerprint() -> str:
    return _fingerprint("synth17", borrowed=["synth2/browser.py"])


def make(layout: str, lang: str, rng: random.Random) -> tuple[Doc, str]:
    doc = draw(lang, layout, rng)
    return doc, LAYOUTS[layout](doc)


def truth(doc: Doc, index: int, seed: int) -> dict[str, Any]:
    seller = truth_party(doc.seller)
    buyer = truth_party(doc.buyer)
    due_amount = doc.due_amount
    return {
        "document_type": "credit_note" if doc.credit else "invoice",
        "type_code": "381" if doc.credit else "380",
        "invoice_number": doc.number,
        "invoice_date": doc.issued.isoformat(),
        "due_date": doc.due.isoformat() if doc.due else None,
        "currency": doc.currency,
        "locale": doc.region,
        "seller_name": doc.seller.name,
        "buyer_name": doc.buyer.name if doc.buyer else None,
        "seller": seller,
        "buyer": buyer,
        "seller_vat_id": doc.seller.ids.vat if doc.seller.ids else None,
        "seller_iban": doc.seller.iban,
        "po_number": None,
        "po_numbers": [],
        "delivery_note": None,
        "preceding_invoice": doc.original[0] if doc.original else None,
        "tax_basis_total": f"{doc.net:.2f}",
        "tax_total": f"{doc.tax:.2f}",
        "grand_total": f"{doc.total:.2f}",
        "prepaid": f"{doc.paid:.2f}",
        "due_payable": f"{due_amount:.2f}",
        "taxes": [{"rate": r, "base": f"{b:.2f}", "tax": f"{t:.2f}"} for r, b, t in doc.taxes],
        "line_items": [
            {
                "line_id": str(n),
                "name": line.name,
                "quantity": f"{line.qty}",
                "unit_price_net": f"{line.price:.2f}",
                "tax_rate": line.rate,
                "line_total": f"{line.total:.2f}",
                "prices": "gross" if doc.gross else "net",
            }
            for n, line in enumerate(doc.lines, 1)
        ],
        "_synth": {
            "generator": GENERATOR,
            "seed": seed,
            "index": index,
            "locale": doc.region,
            "layout": doc.layout,
            "format": "pdf",
            "factors": dict(doc.factors),
            "words": dict(doc.words),
        },
    }


def printed(doc: Doc) -> dict[str, tuple[str, ...]]:
    """Each scored truth and the strings any one of which on the page shows it."""
    out: dict[str, tuple[str, ...]] = {
        "invoice_number": (doc.number,),
        "invoice_date": (doc.d(doc.issued),),
        "total": (doc.num(doc.total), doc.num(-doc.total)),
        "currency": (doc.mark[0], doc.currency),
        "vendor": (doc.seller.name,),
    }
    if doc.due:
        out["due_date"] = (doc.d(doc.due),)
    if doc.buyer:
        out["buyer"] = (doc.buyer.name,)
    if doc.seller.ids and doc.seller.ids.vat:
        out["vendor_vat_id"] = (doc.seller.ids.vat,)
    if doc.seller.iban:
        out["vendor_iban"] = (doc.seller.iban,)
    if doc.due_amount != doc.total and doc.factors.get("amount_due_row") == "yes":
        out["amount_due"] = (doc.num(doc.due_amount),)
    out["vendor_address"] = (doc.seller.street,)
    return out


def write_dataset(
    out: Path, count: int, seed: int = DEFAULT_SEED, *, keep_source: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Write ``count`` documents (PDF + truth JSON) and ``manifest.jsonl`` into ``out``."""
    if find_chromium() is None:
        raise ChromiumMissing("no Chromium found (install chromium or set OPSLOOP_SYNTH2_CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        with Chromium() as browser, tempfile.TemporaryDirectory(prefix="synth17-") as tmp:
            for index, (layout, lang) in enumerate(plan(GENERATOR, count, seed, LAYOUTS, TAGS)):
                rng = random.Random(f"{GENERATOR}:{seed}:{index}")
                doc, html = make(layout, lang, rng)
                item = f"s{seed}-{index:04d}-{lang}-{layout}"
                source = Path(tmp) / f"{item}.html"
                source.write_text(html, "utf-8")
                pdf = browser.print_pdf(source)
                (out / f"{item}.pdf").write_bytes(pdf)
                if keep_source:
                    (out / f"{item}.html").write_text(html, "utf-8")
                text = page_text(pdf)
                record = truth(doc, index, seed)
                write_truth(out, item, record)
                implied = [] if doc.factors.get("amount_due_row") == "yes" else ["amount_due"]
                rows.append(manifest_row(item, locale=doc.region, layout=layout, kind="browser",
                                         factors=doc.factors, missing=not_on_page(printed(doc), text),
                                         implied=implied, credit_note=doc.credit))  # fmt: skip
                if progress:
                    progress(index + 1)
    except BrowserError as error:
        raise ChromiumMissing(str(error)) from error
    write_manifest(out, rows)
    return rows
