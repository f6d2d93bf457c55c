"""evals/synth24: invoices drawn as PDFKit pages (run by Node), written by an outsider to the extractor, as an
accounts-payable clerk receives them in fifteen languages — English, German, French, Dutch, Spanish, Italian,
Portuguese, Polish, Swedish, Danish, Czech, Romanian, Hungarian, Finnish and Norwegian — with each country's
conventions: German "Rechnung" with Leistungsdatum, Steuernummer beside the USt-IdNr., "Zahlbar bis", Skonto and a
GiroCode; French mentions légales (SIRET, RCS, capital social, TVA intracommunautaire), "Échéance", "Net à
payer" and late-payment penalties; Italian "Spett.le", Partita IVA and Codice Fiscale, "Imponibile", "Scadenza";
Spanish NIF, "Base imponible"; Portuguese NIF, ATCUD and the certified program's mention; Polish "Faktura VAT"
with Sprzedawca / Nabywca side by side, NIP, "Do zapłaty" and "Słownie"; Czech "Faktura – daňový doklad" with
Dodavatel / Odběratel, IČO / DIČ, variabilní symbol and DUZP; Dutch KvK and BTW, "Te betalen", "Vervaldatum";
Nordic OCR / KID / viitenumero references, bankgiro and plusgiro, "Förfallodatum", "Forfallsdato",
"Eräpäivä"; a Swiss QR-bill's payment part; Belgian structured communications; Hungarian "Számla" with adószám
and "Fizetési határidő"; Romanian "Factură fiscală" with CUI and Reg. Com. Several synonyms a label, drawn; local
number, date and currency forms; tax ids with valid check digits; multi-page lists with carried-forward subtotals;
payment slips and remittance tear-offs; twelve layouts.

The truth is what was drawn, and only what the page prints: a truth the layout did not print is None; the
manifest's ``not_on_page`` lists any printed truth PDFium's text layer does not show (kept empty by the tests).
The same seed writes the same PDFs."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import _generator
from evals.synth24.layouts import FAMILIES, LAYOUTS, ROOT, Canvas, decide
from evals.synth24.model import Doc, draw
from evals.synth24.words import TAGS

__all__ = ["DEFAULT_SEED", "LAYOUTS", "TAGS", "PdfkitMissing", "find_pdfkit", "fingerprint", "make", "printed",
           "truth", "write_dataset"]  # fmt: skip

GENERATOR = "synth24"
DEFAULT_SEED = 24241
HERE = Path(__file__).parent
RENDERER = HERE / "render.js"
CREATED = "2026-12-07T09:00:00Z"
"""Every PDF's creation date (PDFKit derives the file id from it: the same seed writes the same bytes)."""


class PdfkitMissing(RuntimeError):
    """Node, PDFKit (``npm ci --prefix evals/synth24``) or the DejaVu / Liberation faces are not installed here."""


def fingerprint() -> str:
    return _generator.fingerprint("synth24", borrowed=["synth24/render.js", "synth24/package-lock.json"])


def find_pdfkit() -> str | None:
    """The node program when Node, PDFKit under evals/synth24/node_modules and every face the layouts set are here;
    None otherwise."""
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "pdfkit" / "package.json").is_file():
        return None
    files = [Path(ROOT + f) for faces in FAMILIES.values() for f in faces]
    return node if all(f.is_file() for f in files) else None


def render(jobs: list[dict[str, Any]]) -> None:
    """Print the jobs' PDFs with one Node process."""
    node = find_pdfkit()
    if node is None:
        raise PdfkitMissing(
            "Node, PDFKit or the DejaVu / Liberation fonts are not installed (run .ci/services.sh ensure_pdfkit)"
        )
    done = subprocess.run([node, str(RENDERER)], input=json.dumps({"jobs": jobs}), capture_output=True, text=True,
                          check=False, timeout=600)  # fmt: skip
    if done.returncode != 0:
        raise PdfkitMissing(f"PDFKit failed: {done.stderr.strip()[-400:]}")


def layout(layout_name: str, tag: str, rng: random.Random) -> tuple[Doc, Canvas]:
    """Draw one document of ``layout_name`` in language ``tag`` and lay it out."""
    doc = draw(rng, layout_name, tag)
    decide(doc, rng)
    family = rng.choice(sorted(FAMILIES))
    canvas = Canvas(family)
    LAYOUTS[layout_name](doc, rng, canvas)
    doc.factors.update({
        "font": family.replace(" ", "_"),
        "money": f"{doc.style[0] or 'none'}|{doc.style[1]}|{doc.style[2]}|{doc.style[3]}".replace(" ", "space"),
        "date": doc.date_style.replace(" ", "_"),
        "decimals": str(doc.places),
        "pages": str(len(canvas.pages)),
        "country": doc.country,
        "tax_id": doc.seller.vat_label.replace(" ", "_"),
        "numbered_title": str(doc.numbered_title).lower(),
    })  # fmt: skip
    return doc, canvas


def make(layout_name: str, tag: str, rng: random.Random, folder: Path) -> tuple[Doc, bytes]:
    """Draw, lay out and print one document into ``folder``; (the drawn document, the PDF)."""
    doc, canvas = layout(layout_name, tag, rng)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "one.pdf"
    render([canvas.job(str(out), CREATED)])
    return doc, out.read_bytes()


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
        iban = doc.seller.iban
        out["vendor_iban"] = [
            doc.seller.iban_printed,
            " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)),
        ]
    if "po_number" in doc.shown:
        out["po_number"] = [doc.order_no]
    for index, line in enumerate(doc.lines):  # every line the truth lists is on the page
        out[f"line_total[{index}]"] = [doc.num(line.total)]
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
        "buyer": {
            "name": doc.buyer.name,
            "vat_id": doc.buyer.vat_id if doc.factors.get("buyer_ids") == "true" else None,
            "country": doc.buyer.country,
        },
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


BATCH = 30
"""Documents printed by one Node process."""


def write_dataset(
    out: Path, count: int, seed: int, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents (PDF + truth JSON) and manifest.jsonl into ``out``; returns the manifest rows."""
    if find_pdfkit() is None:
        raise PdfkitMissing(
            "Node, PDFKit or the DejaVu / Liberation fonts are not installed (run .ci/services.sh ensure_pdfkit)"
        )
    out.mkdir(parents=True, exist_ok=True)
    plan = _generator.plan(GENERATOR, count, seed, LAYOUTS, TAGS)
    rows = []
    for start in range(0, count, BATCH):
        drawn = []
        for index in range(start, min(count, start + BATCH)):
            layout_name, tag = plan[index]
            doc, canvas = layout(layout_name, tag, random.Random(f"{GENERATOR}:{seed}:{index}"))
            item = f"{GENERATOR}-{seed}-{index:04d}"
            drawn.append((index, item, doc, canvas))
        render([canvas.job(str(out / f"{item}.pdf"), CREATED) for _, item, _, canvas in drawn])
        for index, item, doc, _ in drawn:
            pdf = (out / f"{item}.pdf").read_bytes()
            record = truth(doc, index, seed)
            _generator.write_truth(out, item, record)
            missing = _generator.not_on_page(printed(doc), _generator.page_text(pdf))
            rows.append(_generator.manifest_row(item, locale=doc.lang, layout=doc.layout, kind=record["document_type"],
                                                factors=record["_synth"]["factors"], missing=missing, implied=[]))  # fmt: skip
            if progress:
                progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows
