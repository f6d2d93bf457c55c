"""Write a set of evals/synth3 documents: for each a ReportLab PDF, its truth JSON (the projection the
strict eval reads for generated sets: ``seller_name``, ``invoice_number``, ``grand_total``, ``line_items`` …)
and a manifest row that lists any truth value the PDF's text layer does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth3:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same truths and the same pages."""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth3.invoice import Invoice, Party, draw_invoice
from evals.synth3.layouts import LAYOUTS
from evals.synth3.sheet import Sheet, pick_family
from evals.synth3.wording import Wording, locales

GENERATOR = "synth3"

FONTS = {
    "classic": ("dejavu", "liberation"),
    "letterhead": ("liberation_serif", "dejavu_serif"),
    "three_parties": ("dejavu_condensed", "liberation_narrow"),
    "credit_memo": ("liberation", "dejavu"),
    "us_style": ("liberation", "dejavu"),
    "vat_summary": ("dejavu_condensed", "liberation"),
    "wide_landscape": ("liberation_narrow", "dejavu_condensed"),
    "narrow_mono": ("dejavu_mono", "liberation_mono"),
    "sidebar": ("dejavu", "liberation"),
    "amount_first": ("liberation_serif", "dejavu"),
    "freelancer": ("dejavu_serif", "liberation_serif"),
    "boxed_form": ("dejavu_condensed", "liberation_narrow"),
    "remittance": ("liberation", "dejavu"),
    "wholesale": ("liberation_narrow", "dejavu_condensed"),
}
LAYOUT_LOCALES = {"us_style": ("en-US", "en-GB", "en-IE")}
"""Layouts drawn only for some locales (all others: every locale)."""


def fingerprint() -> str:
    """Eight hex digits of a hash over the generator's code and data: a cached set is reused only when
    it was written by this very generator."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted([*root.glob("*.py"), *root.glob("data/**/*.toml")]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def plan(count: int, seed: int, layouts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(layout, locale) per document: layouts in turn (order drawn from the seed), each layout's locales in turn."""
    names = sorted(layouts or LAYOUTS)
    order = random.Random(f"{GENERATOR}:{seed}:order").sample(names, len(names))
    per_layout = {}
    for name in order:
        options = sorted(LAYOUT_LOCALES.get(name, tuple(locales())))
        per_layout[name] = random.Random(f"{GENERATOR}:{seed}:{name}").sample(options, len(options))
    return [
        (
            order[i % len(order)],
            per_layout[order[i % len(order)]][(i // len(order)) % len(per_layout[order[i % len(order)]])],
        )
        for i in range(count)
    ]


def draw_sheet(layout: str, tag: str, rng: random.Random) -> Sheet:
    lines = {"wholesale": (28, 44), "narrow_mono": (1, 5), "freelancer": (1, 6), "remittance": (1, 8)}.get(
        layout, (1, 9)
    )
    credit = True if layout == "credit_memo" and rng.random() < 0.7 else None
    if layout == "wholesale":
        credit = False
    invoice = draw_invoice(rng, tag, min_lines=lines[0], max_lines=lines[1], credit=credit)
    wording = Wording(tag, invoice.currency, rng)
    return Sheet(
        invoice,
        wording,
        rng,
        layout,
        pick_family(rng, FONTS[layout]),
        negative=invoice.credit and rng.random() < 0.5,
        iban_grouped=rng.random() < 0.75,
    )


def render(sheet: Sheet, path: Path) -> None:
    LAYOUTS[sheet.layout](sheet, path)


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
    """What a perfect extraction reads off the page (amounts positive, dates ISO, ids as printed)."""
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
                "category": "S"
                if t.rate
                else (
                    "AE" if inv.exemption == "reverse_charge" else "K" if inv.exemption == "intra_eu" else "Z"
                ),
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


_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text.replace("\u00a0", " ").replace("\u202f", " "))


def printed(sheet: Sheet) -> dict[str, tuple[str, ...]]:
    """Each scored truth value as the page prints it (one of the strings)."""
    inv, w = sheet.invoice, sheet.w
    out: dict[str, tuple[str, ...]] = {
        "vendor": (inv.seller.name,),
        "buyer": (inv.buyer.name,),
        "invoice_number": (inv.number,),
        "invoice_date": (w.date(inv.issue),),
        "total": (w.number(inv.grand_total),),
        "subtotal": (w.number(inv.net_total),),
        "tax_total": (w.number(inv.tax_total),),
        "amount_due": (w.number(inv.amount_due),),
        "currency": (
            inv.currency,
            *(
                [s]
                if (s := w.money(Decimal(0)).replace(w.number(Decimal(0)), "").strip())
                in ("€", "£", "$", "zł", "US$")
                else []
            ),
        ),
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


def page_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def missing(sheet: Sheet, text: str) -> list[str]:
    page = squeeze(text)
    return [name for name, options in printed(sheet).items() if not any(squeeze(o) in page for o in options)]


def write_dataset(
    out: Path,
    count: int,
    seed: int,
    *,
    layouts: tuple[str, ...] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for index, (layout, tag) in enumerate(plan(count, seed, layouts)):
        sheet = draw_sheet(layout, tag, random.Random(f"{GENERATOR}:{seed}:{index}"))
        item = f"t{seed}-{index:04d}-{tag}-{layout}"
        pdf_path = out / f"{item}.pdf"
        render(sheet, pdf_path)
        record = truth(sheet)
        record["_synth"] = {
            "generator": GENERATOR,
            "seed": seed,
            "index": index,
            "locale": tag,
            "layout": layout,
            "format": "pdf",
            "font": sheet.family,
        }
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        gaps = missing(sheet, page_text(pdf_path.read_bytes()))
        rows.append(
            {
                "id": item,
                "document": pdf_path.name,
                "locale": tag,
                "layout": layout,
                "format": "pdf",
                "credit_note": sheet.invoice.credit,
                "not_on_page": gaps,
            }
        )
        if progress:
            progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


__all__ = ["Invoice", "draw_sheet", "missing", "page_text", "plan", "render", "truth", "write_dataset"]
