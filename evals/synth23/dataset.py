"""evals/synth23: invoices laid out in HTML and CSS and printed by WeasyPrint, written by an outsider to the
extractor, in fourteen languages the earlier generators hardly printed — Russian, Ukrainian and Bulgarian in
Cyrillic, Greek, Estonian, Latvian, Lithuanian, Slovenian, Slovak, Croatian, Catalan, Icelandic, Malay and
Turkish — each with its own labels (several synonyms a label, drawn), number forms (space, dot or comma
thousands; comma or dot decimals), date forms (month names in the genitive where the language declines them:
"7 декабря 2026 г.", "7 Δεκεμβρίου 2026", "2026 m. gruodžio 7 d.", "«07» грудня 2026 р."), currencies (RUB,
UAH, BGN and from 2026 EUR in Bulgaria, ISK in whole krónur, MYR, TRY, EUR), legal forms, tax ids (ИНН/КПП,
ЄДРПОУ, ЕИК, ΑΦΜ, EU VAT ids, OIB, VKN, kennitala — valid check digits where the id has one) and bank details
(an IBAN where the country uses one, else an account with its bank code), in nine layouts.

The truth is what was drawn, and only what the page prints: a truth the layout did not print is None; the
manifest's ``not_on_page`` lists any printed truth PDFium's text layer does not show (kept empty by the tests).
The same seed writes the same PDFs."""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import _generator
from evals.synth23.layouts import FONTS, LAYOUTS
from evals.synth23.model import Doc, draw
from evals.synth23.words import TAGS

__all__ = ["DEFAULT_SEED", "LAYOUTS", "TAGS", "WeasyPrintMissing", "find_weasyprint", "fingerprint", "make", "printed", "truth",
           "write_dataset"]  # fmt: skip

GENERATOR = "synth23"
DEFAULT_SEED = 23231


class WeasyPrintMissing(RuntimeError):
    """WeasyPrint (with pango) or the DejaVu / Liberation faces the layouts set are not installed here."""


def fingerprint() -> str:
    return _generator.fingerprint("synth23")


def find_weasyprint() -> str | None:
    """None when WeasyPrint cannot be imported or fontconfig does not list the faces the layouts set."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError):
        return None
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    families = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    names = {name.strip() for line in families.splitlines() for name in line.split(",")}
    wanted = {*FONTS, "DejaVu Sans Mono", "Liberation Mono"}
    return fc_list if wanted <= names else None


def render(html: str) -> bytes:
    import weasyprint

    return bytes(weasyprint.HTML(string=html).write_pdf())


def make(layout: str, tag: str, rng: random.Random) -> tuple[Doc, bytes]:
    """Draw one document of ``layout`` in language ``tag`` and print it; (the drawn document, the PDF)."""
    doc = draw(rng, layout, tag)
    html = LAYOUTS[layout](doc, rng)
    doc.factors.update({
        "money": f"{doc.style[0] or 'none'}|{doc.style[1]}|{doc.style[2]}|{doc.style[3]}".replace(" ", "space"),
        "date": doc.date_style,
        "decimals": str(doc.places),
        "lines": str(len(doc.lines)),
        "tax_id": doc.seller.tax_label,
        "bank": "iban" if doc.seller.iban else "account",
    })  # fmt: skip
    return doc, render(html)


def printed(doc: Doc) -> dict[str, list[str]]:
    """The recorded truths and the forms in which the page prints each (any one will do)."""
    out: dict[str, list[str]] = {
        "invoice_number": [doc.number],
        "invoice_date": [doc.date(doc.issued)],
        "total": [doc.num(doc.total)],
        "currency": [doc.mark],
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
        "buyer": {"name": doc.buyer.name, "vat_id": None, "country": doc.buyer.country},
        "po_numbers": [doc.order_no] if "po_number" in shown else [],
        "delivery_note": None,
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
                "deposit": str(bool(doc.paid)).lower(),
                "currency_code": doc.currency,
            },
            "words": dict(sorted(doc.words.items())),
        },
    }


def write_dataset(
    out: Path, count: int, seed: int, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents (PDF + truth JSON) and manifest.jsonl into ``out``; returns the manifest rows."""
    if find_weasyprint() is None:
        raise WeasyPrintMissing(
            "WeasyPrint or the DejaVu / Liberation fonts are not installed (run .ci/services.sh ensure_libreoffice)"
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
