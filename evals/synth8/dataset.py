"""Write a set of evals/synth8 documents: Typst sources compiled to PDF with the ``typst`` package (system
fonts: Liberation, DejaVu), each with its truth JSON (the projection the strict eval reads for generated
sets: ``seller_name``, ``invoice_number``, ``grand_total``, ``line_items`` …, and the party factors under
``_synth.factors``) and a manifest row listing every scored truth value the PDF's text, read back with
PDFium, does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth8:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same truths and the same PDF bytes."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth5.dataset import NAMES, page_text, squeeze  # the manifest's own PDFium check, shared
from evals.synth8.layouts import LAYOUTS, draw
from evals.synth8.locales import LOCALES
from evals.synth8.model import Doc, Party

GENERATOR = "synth8"
DEFAULT_SEED = 8089
FONT_PATHS = ("/usr/share/fonts/truetype", "/usr/share/fonts/TTF", "/usr/local/share/fonts")


class TypstMissing(RuntimeError):
    """The ``typst`` package (a dev dependency) is missing, or the system fonts the sets use are."""


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
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


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _party(party: Party | None) -> dict[str, Any] | None:
    if party is None:
        return None
    return {"name": party.name, "street": party.street, "city_line": party.city_line,
            "country": party.country, "vat_id": party.vat_id, "iban": party.iban, "bic": party.bic}  # fmt: skip


def truth(doc: Doc) -> dict[str, Any]:
    """What a perfect extraction reads off the page: amounts positive, dates ISO, ids as printed (IBAN
    compact); the seller is the legal seller (not a brand, bank, group, carrier or factor)."""
    return {
        "document_type": "credit_note" if doc.credit else "invoice",
        "type_code": "381" if doc.credit else "380",
        "invoice_number": doc.number,
        "invoice_date": doc.issue.isoformat(),
        "due_date": doc.due.isoformat() if doc.due else None,
        "currency": doc.loc.currency,
        "locale": doc.loc.tag,
        "seller_name": doc.seller.name,
        "buyer_name": doc.buyer.name,
        "seller": _party(doc.seller),
        "buyer": _party(doc.buyer),
        "seller_vat_id": doc.seller.vat_id,
        "seller_iban": doc.seller.iban,
        "po_number": None,
        "po_numbers": [],
        "delivery_note": None,
        "preceding_invoice": doc.preceding,
        "subtotal_lines": _amount(sum((line.net for line in doc.lines), Decimal(0))),
        "allowance_total": "0.00",
        "charge_total": "0.00",
        "tax_basis_total": _amount(doc.net_total),
        "tax_total": _amount(doc.tax_total),
        "grand_total": _amount(doc.grand_total),
        "prepaid": _amount(doc.prepaid),
        "due_payable": _amount(doc.amount_due),
        "taxes": [
            {
                "category": "S",
                "rate": str(t.rate),
                "base": _amount(t.base),
                "tax": _amount(t.tax),
                "exemption_reason": None,
            }
            for t in doc.taxes
        ],
        "line_items": [
            {
                "line_id": str(line.pos),
                "position": str(line.pos),
                "name": line.text,
                "seller_item_id": None,
                "buyer_item_id": None,
                "quantity": str(line.quantity),
                "unit_code": line.unit,
                "unit_price_net": str(line.price),
                "discount_percent": str(line.discount),
                "tax_rate": str(line.rate),
                "tax_category": "S",
                "line_total": _amount(line.net),
                "po_line_ref": None,
            }
            for line in doc.lines
        ],
        "notes": [],
        "payment_terms": None,
    }


def printed(doc: Doc) -> dict[str, tuple[str, ...]]:
    """Each scored truth value as this page writes it (any one of the strings will do)."""
    out: dict[str, tuple[str, ...]] = {
        "vendor": (doc.seller.name,),
        "buyer": (doc.buyer.name,),
        "invoice_number": (doc.number,),
        "invoice_date": (doc.d(doc.issue),),
        "total": (doc.n(doc.grand_total),),
        "subtotal": (doc.n(doc.net_total),),
        "tax_total": (doc.n(doc.tax_total),),
        "amount_due": (doc.n(doc.amount_due),),
        "currency": (doc.loc.currency, doc.loc.sign),
    }
    if doc.due:
        out["due_date"] = (doc.d(doc.due),)
    if doc.seller.vat_id:
        out["vendor_vat_id"] = (doc.seller.vat_id,)
    if doc.seller.iban:
        out["vendor_iban"] = (doc.seller.iban,)
    for line in doc.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (doc.n(line.net),)
    return out


def missing(doc: Doc, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (names: in any case, as a page may set them
    in capitals; a name set on two lines is found with the lines joined, as squeezing drops the break)."""
    page = squeeze(text)
    folded = page.casefold()
    return [
        name
        for name, options in printed(doc).items()
        if not any(squeeze(o) in page or (name in NAMES and squeeze(o).casefold() in folded) for o in options)
    ]


def compile_pdf(source: str) -> bytes:
    try:
        import typst
    except ImportError as error:  # a dev dependency
        raise TypstMissing(f"{error} (pip install -e '.[dev]')") from error
    paths = [p for p in FONT_PATHS if Path(p).is_dir()]
    return bytes(typst.compile(source.encode("utf-8"), font_paths=paths))


def fonts_present() -> bool:
    return any(Path(p, sub).is_dir() for p in FONT_PATHS for sub in ("liberation", "dejavu", "liberation2"))


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
    if not fonts_present():
        raise TypstMissing(
            "no Liberation / DejaVu fonts here (apt-get install fonts-liberation fonts-dejavu-core)"
        )
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for index, (layout, tag) in enumerate(plan(count, seed, layouts)):
        doc, source = draw(layout, tag, random.Random(f"{GENERATOR}:{seed}:{index}"))
        item = f"t{seed}-{index:04d}-{tag}-{layout}"
        pdf = compile_pdf(source)
        (out / f"{item}.pdf").write_bytes(pdf)
        if keep_source:
            (out / f"{item}.typ").write_text(source, "utf-8")
        record = truth(doc)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": doc.loc.tag,
                            "layout": doc.layout, "format": "pdf", "font": doc.font, "factors": dict(doc.factors)}  # fmt: skip
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        rows.append(
            {
                "id": item,
                "document": f"{item}.pdf",
                "locale": doc.loc.tag,
                "layout": doc.layout,
                "kind": doc.kind,
                "format": "pdf",
                "credit_note": doc.credit,
                "factors": dict(doc.factors),
                "not_on_page": missing(doc, page_text(pdf)),
            }
        )
        if progress:
            progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
