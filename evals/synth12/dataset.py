"""Write a set of evals/synth12 documents: invoices people write themselves in a word processor or a simple
template — a person or a trade name as the seller, taglines and titles, forms of address and attention
lines, inline labels, made-up identifiers, withholding and no-VAT notes, deposits, payment terms in prose
(model.py) — on sixteen layouts (layouts.py), in eight languages, drawn with ReportLab in four font
families. Each document's factors are recorded in its truth (``_synth.factors``) and manifest row; the
manifest lists every scored truth the PDF's text, read back with PDFium, does not show (``not_on_page``),
and the truths a page implies without printing them (``implied``: the currency of a page with no sign).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth12:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same bytes."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals import _generator
from evals._generator import page_text
from evals.synth10.emit import FontsMissing, register
from evals.synth12.layouts import LAYOUTS, Composer, Page
from evals.synth12.model import Doc12, draw
from evals.synth12.words import LANGS

GENERATOR = "synth12"
DEFAULT_SEED = 12127
TAGS = tuple(sorted(LANGS))
SIGNS = {"€": "EUR", "£": "GBP", "zł": "PLN", "Kč": "CZK"}
"""Signs that name one currency here ("kr" names several: a page that prints only it implies SEK)."""
WORDS_RECORDED = ("title", "number", "date", "due", "to_block", "to_inline", "total", "due_amount", "deposit",
                  "withholding", "vat_label", "bank")  # fmt: skip
"""The labels a document drew, recorded with its factors (to read its misses by the words it used)."""

__all__ = ["DEFAULT_SEED", "FontsMissing", "fingerprint", "render", "write_dataset"]


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    return _generator.fingerprint(GENERATOR)


def plan(count: int, seed: int) -> list[tuple[str, str]]:
    """(layout, language) per document: every pair comes up once count reaches layouts x languages."""
    return _generator.plan(GENERATOR, count, seed, LAYOUTS, TAGS)


def render(d: Doc12, layout: str, rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle("")
    page = Page(canvas, register(d.family), size=rng.choice((9.0, 9.5, 10.0, 10.5, 11.0)))
    Composer(d, layout, page, rng).compose()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def vendor_truth(d: Doc12) -> str | list[str]:
    accepted = d.seller.accepted
    return accepted[0] if len(accepted) == 1 else list(accepted)


def truth(d: Doc12) -> dict[str, Any]:
    """What a perfect extraction reads off the page: dates ISO, ids as printed (IBAN compact), amounts
    positive; ``grand_total`` is what the page calls the invoice's total (net + contributions + VAT),
    ``due_payable`` what is left after withholding and deposits."""
    s, b = d.seller, d.buyer
    taxed = d.vat_rate is not None
    subtotal_printed = taxed or d.contribution_rate is not None

    def party(p: Any) -> dict[str, Any]:
        return {"name": p.name, "street": p.street, "postcode": p.postcode, "city": p.city, "country": p.country,
                "vat_id": p.vat_id, "iban": p.iban, "bic": None}  # fmt: skip

    return {
        "document_type": "invoice",
        "type_code": "380",
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
        "preceding_invoice": None,
        "subtotal_lines": str(d.net),
        "allowance_total": "0.00",
        "charge_total": "0.00",
        "tax_basis_total": str(d.base) if subtotal_printed else None,
        "tax_total": str(d.tax) if taxed else None,
        "grand_total": str(d.total),
        "prepaid": str(d.deposit),
        "withheld": str(d.withheld),
        "due_payable": str(d.amount_due),
        "taxes": [
            {
                "category": "S",
                "rate": str(d.vat_rate),
                "base": str(d.base),
                "tax": str(d.tax),
                "exemption_reason": None,
            }
        ]
        if taxed
        else [],
        "line_items": [
            {
                "line_id": str(line.pos),
                "position": str(line.pos),
                "name": line.text,
                "quantity": str(line.quantity),
                "unit_code": "C62",
                "unit_price_net": str(line.price),
                "tax_rate": str(d.vat_rate or 0),
                "line_total": str(line.net),
            }
            for line in d.lines
        ],
        "notes": [],
        "payment_terms": None,
    }


def printed(d: Doc12) -> dict[str, tuple[str, ...]]:
    """Each scored truth as this page writes it (any one of the strings will do)."""
    out: dict[str, tuple[str, ...]] = {
        "vendor": tuple(d.seller.accepted),
        "buyer": (d.buyer.name,),
        "invoice_number": (d.number,),
        "invoice_date": (d.short(d.issue), d.long(d.issue)),
        "total": (d.bare(d.total),),
        "amount_due": (d.bare(d.amount_due),),
        "vendor_address": (d.seller.street,),
    }
    if not implied(d):
        out["currency"] = (d.currency, *(sign for sign, code in SIGNS.items() if code == d.currency))
    if d.vat_rate is not None or d.contribution_rate is not None:
        out["subtotal"] = (d.bare(d.base),)
    if d.vat_rate is not None:
        out["tax_total"] = (d.bare(d.tax),)
    if d.due:
        out["due_date"] = (d.short(d.due), d.long(d.due))
    if d.seller.vat_id:
        out["vendor_vat_id"] = (d.seller.vat_id,)
    if d.seller.iban:
        out["vendor_iban"] = (d.seller.iban,)
    for line in d.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (d.bare(line.net),)
    return out


def missing(d: Doc12, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (blanks ignored; names in any case)."""
    return _generator.not_on_page(printed(d), text)


def implied(d: Doc12) -> list[str]:
    """Truths the page implies without printing them: no currency sign anywhere, or only one that names
    several currencies ("kr"): the language's country's currency is the truth, as a reader there takes it."""
    style = d.factors["currency_sign"]
    shown = style == "code" or (style != "none" and d.w["sign"] in SIGNS)
    return [] if shown else ["currency"]


def write_dataset(
    out: Path, count: int, seed: int = DEFAULT_SEED, *, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for index, (layout, lang) in enumerate(plan(count, seed)):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        d = draw(lang, rng)
        pdf = render(d, layout, rng)
        item = f"t{seed}-{index:04d}-{lang}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": lang, "layout": layout,
                            "format": "pdf", "font": d.family, "factors": dict(d.factors),
                            "words": {k: d.pick[k] for k in WORDS_RECORDED}}  # fmt: skip
        _generator.write_truth(out, item, record)
        rows.append(_generator.manifest_row(item, locale=lang, layout=layout, kind="typed", factors=d.factors,
                                            missing=missing(d, page_text(pdf)), implied=implied(d)))  # fmt: skip
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows


def _amounts_add_up(d: Doc12) -> bool:
    return (
        d.total == d.base + d.tax
        and d.amount_due == d.total - d.withheld - d.deposit
        and d.net == sum((line.net for line in d.lines), Decimal(0))
    )
