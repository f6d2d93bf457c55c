"""Write a set of evals/synth4 documents: for each a Typst-compiled PDF, its truth JSON (the projection
the strict eval reads for generated sets: ``seller_name``, ``invoice_number``, ``grand_total``,
``line_items`` …) and a manifest row listing every scored truth value the PDF's text (read back with
PDFium) does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth4:S:i``): a set of 50 is the
first 50 of a set of 200, and the same seed gives the same truths and the same PDF bytes."""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth4.layouts import LAYOUTS, document
from evals.synth4.model import UNIT_CODES, Party, draw_invoice
from evals.synth4.sheet import Sheet
from evals.synth4.style import Style, locales

GENERATOR = "synth4"


class TypstMissing(RuntimeError):
    """The ``typst`` package (a dev dependency) is not installed."""


def fingerprint() -> str:
    """Eight hex digits over the generator's code and data: a cached set is reused only when this very
    generator wrote it."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted([*root.glob("*.py"), *root.glob("data/*.toml")]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def plan(count: int, seed: int, layouts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(layout, locale) per document: every layout in turn (order drawn from the seed), and per layout
    its locales in a drawn order, so that every pair comes up once count reaches layouts x locales."""
    names = sorted(layouts or LAYOUTS)
    order = random.Random(f"{GENERATOR}:{seed}:order").sample(names, len(names))
    tags = sorted(locales())
    per = {name: random.Random(f"{GENERATOR}:{seed}:{name}").sample(tags, len(tags)) for name in order}
    return [
        (order[i % len(order)], per[order[i % len(order)]][(i // len(order)) % len(tags)])
        for i in range(count)
    ]


def draw_sheet(layout: str, tag: str, rng: random.Random) -> Sheet:
    spec = LAYOUTS[layout]
    credit = None if spec.credit is None else rng.random() < spec.credit
    invoice = draw_invoice(rng, tag, lines=spec.lines, credit=credit, **spec.draw)
    style = Style(tag, invoice.currency, rng)
    return Sheet(
        invoice,
        style,
        rng,
        layout,
        rng.choice(spec.fonts),
        negative=invoice.credit and rng.random() < 0.5,
        iban_grouped=rng.random() < 0.7,
    )


def compile_pdf(source: str) -> bytes:
    try:
        import typst
    except ImportError as error:  # a dev dependency
        raise TypstMissing(f"{error} (pip install -e '.[dev]')") from error
    return bytes(typst.compile(source.encode("utf-8"), ignore_system_fonts=True))


def render(sheet: Sheet, path: Path) -> str:
    """Set the sheet with Typst into ``path``; returns the Typst source."""
    source = document(sheet)
    path.write_bytes(compile_pdf(source))
    return source


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _party(party: Party) -> dict[str, Any]:
    return {
        "name": party.name,
        "street": party.street,
        "postcode": party.postcode,
        "city": party.city,
        "country": party.country,
        "vat_id": party.vat_id,
        "iban": party.iban,
        "bic": party.bic,
    }


def truth(sheet: Sheet) -> dict[str, Any]:
    """What a perfect extraction reads off the page: amounts positive, dates ISO, ids as printed."""
    inv = sheet.invoice
    category = "AE" if inv.reverse_charge else "Z"
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
        "delivery_note": inv.delivery_note,
        "preceding_invoice": inv.preceding,
        "subtotal_lines": _amount(inv.line_total),
        "allowance_total": _amount(inv.allowance),
        "charge_total": _amount(inv.freight),
        "tax_basis_total": _amount(inv.net_total),
        "tax_total": _amount(inv.tax_total),
        "grand_total": _amount(inv.grand_total),
        "prepaid": _amount(inv.prepaid),
        "due_payable": _amount(inv.amount_due),
        "taxes": [
            {
                "category": "S" if t.rate else category,
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
                "unit_code": UNIT_CODES[line.unit],
                "unit_price_net": str(line.price),
                "discount_percent": str(line.discount),
                "tax_rate": str(line.rate),
                "tax_category": "S" if line.rate else category,
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
    signs = (w.sign,) if w.spec["sign_unique"] and inv.currency == w.spec["currency"] else ()
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


def squeeze(text: str) -> str:
    return _BLANK.sub("", text)


def page_text(pdf: bytes) -> str:
    """The PDF's text as PDFium reads it (an engine independent of the reader the eval scores)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def missing(sheet: Sheet, text: str) -> list[str]:
    page = squeeze(text)
    return [name for name, options in printed(sheet).items() if not any(squeeze(o) in page for o in options)]


def write_dataset(
    out: Path,
    count: int,
    seed: int,
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
        item = f"q{seed}-{index:04d}-{tag}-{layout}"
        pdf_path = out / f"{item}.pdf"
        source = render(sheet, pdf_path)
        if keep_source:
            (out / f"{item}.typ").write_text(source, "utf-8")
        record = truth(sheet)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": tag,
                            "layout": layout, "format": "pdf", "font": sheet.font}  # fmt: skip
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        rows.append(
            {
                "id": item,
                "document": pdf_path.name,
                "locale": tag,
                "layout": layout,
                "format": "pdf",
                "credit_note": sheet.invoice.credit,
                "not_on_page": missing(sheet, page_text(pdf_path.read_bytes())),
            }
        )
        if progress:
            progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
