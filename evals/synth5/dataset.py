"""Write a set of evals/synth5 documents: for each a WeasyPrint PDF, its truth JSON (the projection the
strict eval reads for generated sets: ``seller_name``, ``invoice_number``, ``grand_total``,
``line_items`` …, the same keys as the other generators write) and a manifest row listing every scored
truth value the PDF's text, read back with PDFium, does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth5:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same truths and the same PDF bytes."""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth5.layouts import LAYOUTS, Sheet, document, draw_sheet
from evals.synth5.locales import LOCALES
from evals.synth5.model import Party

GENERATOR = "synth5"
DEFAULT_SEED = 5051


class WeasyPrintMissing(RuntimeError):
    """WeasyPrint (a dev dependency) is not installed, or pango, which it needs, is not on this machine."""


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def plan(count: int, seed: int, layouts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(layout, locale) per document: layouts in turn (order drawn from the seed), each with its locales
    in a drawn order, so that every pair comes up once count reaches layouts x locales."""
    names = sorted(layouts or LAYOUTS)
    order = random.Random(f"{GENERATOR}:{seed}:order").sample(names, len(names))
    tags = sorted(LOCALES)
    per = {name: random.Random(f"{GENERATOR}:{seed}:{name}").sample(tags, len(tags)) for name in order}
    return [
        (order[i % len(order)], per[order[i % len(order)]][(i // len(order)) % len(tags)])
        for i in range(count)
    ]


def render_pdf(html: str) -> bytes:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # a dev dependency; OSError: pango missing
        raise WeasyPrintMissing(f"{error} (pip install -e '.[dev]'; WeasyPrint needs pango)") from error
    return bytes(weasyprint.HTML(string=html).write_pdf())


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _party(party: Party) -> dict[str, Any]:
    return {"name": party.name, "street": party.street, "postcode": party.postcode, "city": party.city,
            "country": party.country, "vat_id": party.vat_id, "iban": party.iban, "bic": party.bic}  # fmt: skip


def truth(sheet: Sheet) -> dict[str, Any]:
    """What a perfect extraction reads off the page: amounts positive, dates ISO, ids as printed."""
    inv = sheet.invoice
    return {
        "document_type": inv.kind,
        "type_code": "381" if inv.credit else "380",
        "invoice_number": inv.number,
        "invoice_date": inv.issue.isoformat(),
        "due_date": inv.due.isoformat() if inv.due else None,
        "currency": inv.currency,
        "locale": inv.locale,
        "seller_name": inv.seller.name,
        "buyer_name": inv.buyer.name,
        "seller": _party(inv.seller),
        "buyer": _party(inv.buyer),
        "seller_vat_id": inv.seller.vat_id,
        "seller_iban": sheet.iban,
        "po_number": inv.po,
        "po_numbers": [inv.po] if inv.po else [],
        "delivery_note": None,
        "preceding_invoice": inv.preceding,
        "subtotal_lines": _amount(inv.line_total),
        "allowance_total": "0.00",
        "charge_total": _amount(inv.shipping),
        "tax_basis_total": _amount(inv.net_total),
        "tax_total": _amount(inv.tax_total),
        "grand_total": _amount(inv.grand_total),
        "prepaid": _amount(inv.prepaid),
        "due_payable": _amount(inv.amount_due),
        "taxes": [
            {
                "category": "S" if t.rate else "Z",
                "rate": str(t.rate),
                "base": _amount(t.base),
                "tax": _amount(t.tax),
                "exemption_reason": None,
            }
            for t in inv.taxes
        ],
        "line_items": [
            {
                "line_id": str(line.pos),
                "position": str(line.pos),
                "name": line.text,
                "seller_item_id": line.sku,
                "buyer_item_id": None,
                "quantity": str(line.quantity),
                "unit_code": line.unit,
                "unit_price_net": str(line.price),
                "discount_percent": str(line.discount),
                "tax_rate": str(line.rate),
                "tax_category": "S" if line.rate else "Z",
                "line_total": _amount(line.net),
                "po_line_ref": None,
            }
            for line in inv.lines
        ],
        "notes": [],
        "payment_terms": None,
    }


def printed(sheet: Sheet) -> dict[str, tuple[str, ...]]:
    """Each scored truth value as this page writes it (any one of the strings will do)."""
    inv, w = sheet.invoice, sheet.w
    signs = (w.loc.sign,) if w.loc.sign_unique and "{s}" in w.money_pattern else ()
    out: dict[str, tuple[str, ...]] = {
        "vendor": (inv.seller.name,),
        "buyer": (inv.buyer.name,),
        "invoice_number": (inv.number,),
        "invoice_date": (w.date(inv.issue),),
        "total": (w.number(inv.grand_total),),
        "subtotal": (w.number(inv.net_total),),
        "tax_total": (w.number(inv.tax_total),),
        "amount_due": (w.number(inv.amount_due),),
        "currency": (inv.currency, *signs),
    }
    if inv.due:
        out["due_date"] = (w.date(inv.due),)
    if inv.po:
        out["po_number"] = (inv.po,)
    if inv.seller.vat_id:
        out["vendor_vat_id"] = (inv.seller.vat_id,)
    if sheet.iban:
        out["vendor_iban"] = (sheet.iban,)
    for line in inv.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (w.number(line.net),)
    return out


_BLANK = re.compile(r"\s+")
NAMES = frozenset({"vendor", "buyer"})


def squeeze(text: str) -> str:
    return _BLANK.sub("", text)


def page_text(pdf: bytes) -> str:
    """The PDF's text as PDFium reads it (not the reader the eval scores)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def missing(sheet: Sheet, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (names: in any case, as a page may set them in capitals)."""
    page = squeeze(text)
    folded = page.casefold()
    return [
        name
        for name, options in printed(sheet).items()
        if not any(squeeze(o) in page or (name in NAMES and squeeze(o).casefold() in folded) for o in options)
    ]


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    *,
    layouts: tuple[str, ...] | None = None,
    keep_source: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for index, (layout, tag) in enumerate(plan(count, seed, layouts)):
        sheet = draw_sheet(layout, tag, random.Random(f"{GENERATOR}:{seed}:{index}"))
        item = f"w{seed}-{index:04d}-{tag}-{layout}"
        html = document(sheet)
        pdf = render_pdf(html)
        (out / f"{item}.pdf").write_bytes(pdf)
        if keep_source:
            (out / f"{item}.html").write_text(html, "utf-8")
        record = truth(sheet)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": tag, "layout": layout,
                            "format": "pdf", "font": sheet.font}  # fmt: skip
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        rows.append(
            {
                "id": item,
                "document": f"{item}.pdf",
                "locale": tag,
                "layout": layout,
                "format": "pdf",
                "credit_note": sheet.invoice.credit,
                "not_on_page": missing(sheet, page_text(pdf)),
            }
        )
        if progress:
            progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
