"""Write a set of evals/synth15 documents: invoices and receipts of web shops, marketplaces, software and
hosting firms, carriers, ticket sellers and payment services as HTML (layouts.py), printed by headless
Chromium over the DevTools protocol (evals/synth2's browser) — from the browser with its own print header and
footer switched on (print date, page title, URL, "1/2"), or from a mail client's print view (a header block,
a forwarded message, a quoted reply) — in sixteen languages (words.py). Each document's factors are recorded
in its truth (``_synth.factors``) and manifest row; the manifest lists every scored truth the PDF's text,
read back with PDFium, does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth15:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same documents (the PDF bytes differ: Chromium writes its
creation date into them)."""

from __future__ import annotations

import base64
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import _generator
from evals._generator import page_text
from evals.synth2.browser import BrowserError, Chromium, find_chromium
from evals.synth15.layouts import LAYOUTS, frame, html_page, print_templates, url
from evals.synth15.model import LABELS, Doc15, draw
from evals.synth15.words import LANGS

GENERATOR = "synth15"
DEFAULT_SEED = 15157
TAGS = tuple(sorted(LANGS))
SIGNS = {"€": "EUR", "£": "GBP", "zł": "PLN", "Kč": "CZK", "$": "USD", "Ft": "HUF", "lei": "RON", "TL": "TRY"}
"""Signs that name one currency here ("kr" and "kr." name several: such a page implies its currency)."""

__all__ = ["DEFAULT_SEED", "ChromiumMissing", "fingerprint", "write_dataset"]


class ChromiumMissing(RuntimeError):
    """Chromium is not installed here (or did not start)."""


def fingerprint() -> str:
    """Eight hex digits over the generator's code and the code it borrows (synth14's words and model, synth2's
    browser): a cached set is reused only when this very code wrote it."""
    return _generator.fingerprint(
        GENERATOR, borrowed=("synth14/words.py", "synth14/model.py", "synth2/browser.py")
    )


class Printer(Chromium):
    """synth2's Chromium, printing with the browser's own header and footer when asked."""

    def print_with(self, page: Path, paper: str, header: str | None, footer: str | None) -> bytes:
        self._events.clear()
        self.call("Page.navigate", {"url": page.resolve().as_uri()}, session=True)
        self._wait_event("Page.loadEventFired")
        self.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True},
                  session=True)  # fmt: skip
        width, height = (8.27, 11.69) if paper == "a4" else (8.5, 11.0)
        params: dict[str, Any] = {"printBackground": True, "preferCSSPageSize": True, "paperWidth": width,
                                  "paperHeight": height, "displayHeaderFooter": header is not None}  # fmt: skip
        if header is not None:
            params.update({"headerTemplate": header, "footerTemplate": footer or "<span></span>",
                           "marginTop": 0.55, "marginBottom": 0.55, "marginLeft": 0.4, "marginRight": 0.4})  # fmt: skip
        result = self.call("Page.printToPDF", params, session=True)
        return base64.b64decode(result["data"])


def plan(count: int, seed: int) -> list[tuple[str, str]]:
    """(layout, language) per document: the layouts in a drawn order, the languages shifted by one on each
    pass, so every pair comes up once count reaches layouts x languages."""
    return _generator.plan(GENERATOR, count, seed, LAYOUTS, TAGS)


def make(
    layout: str, lang: str, rng: random.Random, force: dict[str, str] | None = None
) -> tuple[Doc15, str, str, str]:
    """One drawn document: (the document, its HTML, the URL and the title the browser prints)."""
    d = draw(lang, layout, rng, force)
    title, body = LAYOUTS[layout](d, rng)
    title, body = frame(d, title, body, rng)
    d.factors["layout"] = layout
    return d, html_page(d, title, body, rng), url(d, rng), title


def vendor_truth(d: Doc15) -> str:
    """The legal seller issuing the invoice, as its identity prints it — never the shop's brand, the
    marketplace that heads the page or the payment service that took the money (evals/README)."""
    return d.seller.name


def truth(d: Doc15) -> dict[str, Any]:
    """What a perfect extraction reads off the page: dates ISO, ids as printed (IBAN compact), amounts
    positive; the amount due 0.00 on a paid receipt."""
    s, b = d.seller, d.buyer

    def party(p: Any) -> dict[str, Any]:
        return {"name": p.name, "street": p.street, "postcode": p.postcode, "city": p.city, "country": p.country,
                "vat_id": p.vat_id, "iban": p.iban, "bic": p.bic}  # fmt: skip

    rate = str(d.vat_rate) if d.vat_rate is not None else None
    return {
        "document_type": "invoice",
        "type_code": "380",
        "invoice_number": d.number,
        "invoice_date": d.issue.isoformat(),
        "due_date": d.due.isoformat() if d.due else None,
        "currency": d.currency,
        "locale": d.lang,
        "seller_name": vendor_truth(d),
        "brand": d.brand,
        "platform": d.platform,
        "buyer_name": b.name,
        "seller": party(s),
        "buyer": party(b),
        "seller_vat_id": s.vat_id,
        "seller_iban": s.iban,
        "po_number": None,
        "po_numbers": [],
        "delivery_note": None,
        "preceding_invoice": None,
        "other_ids": {"order": d.order_no, "customer": d.customer_no, "transaction": d.txn},
        "order_date": d.order_date.isoformat(),
        "printed_at": d.printed_at.isoformat(),
        "mailed_at": d.mailed_at.isoformat(),
        "subtotal_lines": str(d.lines_sum),
        "allowance_total": "0.00",
        "charge_total": "0.00",
        "tax_basis_total": str(d.net),
        "tax_total": str(d.tax),
        "grand_total": str(d.total),
        "prepaid": str(d.total) if d.paid else "0.00",
        "due_payable": str(d.amount_due),
        "taxes": [
            {"category": "S", "rate": rate, "base": str(d.net), "tax": str(d.tax), "exemption_reason": None}
        ],
        "line_items": [
            {
                "line_id": str(line.pos),
                "position": str(line.pos),
                "name": line.text,
                "quantity": str(line.quantity),
                "unit_code": "C62",
                "unit_price_net": str(line.price),
                "tax_rate": rate,
                "line_total": str(line.net),
                "prices": "gross" if d.gross else "net",
            }
            for line in d.lines
        ],
        "notes": [],
        "payment_terms": None,
    }


def printed(d: Doc15) -> dict[str, tuple[str, ...]]:
    """Each scored truth as this page writes it (any one of the strings will do)."""
    s = d.seller
    out: dict[str, tuple[str, ...]] = {
        "vendor": (s.name,),
        "buyer": (d.buyer.name,),
        "invoice_number": (d.number,),
        "invoice_date": (d.short(d.issue),),
        "total": (d.bare(d.total),),
        "tax_total": (d.bare(d.tax),),
        "amount_due": (d.bare(d.amount_due),),
        "currency": (d.currency, *(sign for sign, code in SIGNS.items() if code == d.currency)),
        "vendor_address": (s.street,),
    }
    if d.due is not None:
        out["due_date"] = (d.short(d.due),)
    if not d.gross:
        out["subtotal"] = (d.bare(d.net),)
    for name in implied(d):
        out.pop(name, None)
    if s.vat_id:
        out["vendor_vat_id"] = (s.vat_id,)
    if s.iban:
        spaced = " ".join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4))
        out["vendor_iban"] = (s.iban, spaced)
    for line in d.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (d.bare(line.net),)
    return out


def implied(d: Doc15) -> list[str]:
    """Truths the page implies without printing them: a currency sign several currencies share ("kr"), and the
    amount due 0 of a receipt that says only that it was paid."""
    out = [] if d.factors["currency_sign"] == "code" or d.w["sign"] in SIGNS else ["currency"]
    if d.factors["paid"] == "stamp":
        out.append("amount_due")
    return out


def missing(d: Doc15, text: str) -> list[str]:
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
    if find_chromium() is None:
        raise ChromiumMissing("no Chromium here (apt-get install chromium, or set OPSLOOP_SYNTH2_CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="synth15-html-") as scratch, Printer() as browser:
            for index, (layout, lang) in enumerate(plan(count, seed)):
                d, html, page_url, _ = make(layout, lang, random.Random(f"{GENERATOR}:{seed}:{index}"))
                item = f"w{seed}-{index:04d}-{lang}-{layout}"
                page = (out if keep_source else Path(scratch)) / f"{item}.html"
                page.write_text(html, "utf-8")
                header, footer = (
                    print_templates(d, page_url) if d.factors["header_footer"] == "on" else (None, None)
                )
                pdf = browser.print_with(page, d.factors["paper"], header, footer)
                (out / f"{item}.pdf").write_bytes(pdf)
                record = truth(d)
                record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": d.lang,
                                    "layout": layout, "format": "pdf", "paper": d.factors["paper"], "url": page_url,
                                    "factors": dict(d.factors), "words": {k: d.pick[k] for k in LABELS}}  # fmt: skip
                _generator.write_truth(out, item, record)
                rows.append(_generator.manifest_row(item, locale=d.lang, layout=layout, kind="browser",
                                                    factors=d.factors, missing=missing(d, page_text(pdf)),
                                                    implied=implied(d)))  # fmt: skip
                if progress:
                    progress(len(rows))
    except BrowserError as error:
        raise ChromiumMissing(f"Chromium failed: {error}") from error
    _generator.write_manifest(out, rows)
    return rows
