"""Write a set of evals/synth9 documents: HTML pages in the styles of invoicing software, printed to PDF by
wkhtmltopdf (QtWebKit, the producer behind many ERP and billing tools' invoices), each with its truth JSON
(the projection the strict eval reads for generated sets) and a manifest row listing every scored truth
value the PDF's text, read back with PDFium, does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth9:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same truths."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth5.dataset import NAMES, page_text, squeeze  # the manifest's own PDFium check, shared
from evals.synth9.layouts import LAYOUTS, draw
from evals.synth9.model import LAYOUT_LOCALES, NO_VAT, Doc, Party

GENERATOR = "synth9"
UNIQUE_SIGNS = ("€", "£", "zł", "Kč", "R$")
"""Signs that name one currency: a page that prints only the sign shows its currency."""
DEFAULT_SEED = 9091
WORKERS = 2


class WkhtmltopdfMissing(RuntimeError):
    """wkhtmltopdf is not installed here (Debian: apt-get install wkhtmltopdf; or set OPSLOOP_WKHTMLTOPDF)."""


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def find_wkhtmltopdf() -> str | None:
    return os.environ.get("OPSLOOP_WKHTMLTOPDF") or shutil.which("wkhtmltopdf")


def plan(count: int, seed: int, layouts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(layout, locale) per document: layouts in turn (order drawn from the seed), each with its own locales
    in a drawn order, so every pair comes up once count reaches layouts x (largest locale list)."""
    names = sorted(layouts or LAYOUTS)
    order = random.Random(f"{GENERATOR}:{seed}:order").sample(names, len(names))
    per = {
        name: random.Random(f"{GENERATOR}:{seed}:{name}").sample(
            sorted(LAYOUT_LOCALES[name]), len(LAYOUT_LOCALES[name])
        )
        for name in order
    }
    out = []
    for i in range(count):
        name = order[i % len(order)]
        tags = per[name]
        out.append((name, tags[(i // len(order)) % len(tags)]))
    return out


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _party(party: Party) -> dict[str, Any]:
    return {"name": party.name, "street": party.street, "postcode": party.postcode, "city": party.city,
            "country": party.country, "vat_id": party.vat_id, "iban": party.iban, "bic": party.bic}  # fmt: skip


def truth(doc: Doc) -> dict[str, Any]:
    """What a perfect extraction reads off the page: amounts positive (credit notes too), dates ISO, ids as
    printed (IBAN compact). ``grand_total`` is net + tax; ``due_payable`` is what is left to pay after
    payments, gift cards and withheld income tax (IRPF, ritenuta d'acconto)."""
    return {
        "document_type": "credit_note" if doc.credit else "invoice",
        "type_code": "381" if doc.credit else "380",
        "invoice_number": doc.number,
        "invoice_date": doc.issue.isoformat(),
        "due_date": doc.due.isoformat() if doc.due else None,
        "currency": doc.currency,
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
        "preceding_invoice": str(doc.values["original"]) if doc.credit else None,
        "subtotal_lines": _amount(sum((line.net for line in doc.lines), Decimal(0))),
        "allowance_total": _amount(doc.allowance),
        "charge_total": _amount(doc.shipping),
        "tax_basis_total": _amount(doc.net_total),
        "tax_total": None if doc.layout in NO_VAT else _amount(doc.tax_total),
        "grand_total": _amount(doc.grand_total),
        "prepaid": _amount(doc.paid),
        "withheld": _amount(doc.retention),
        "due_payable": _amount(doc.amount_due),
        "taxes": [
            {
                "category": "S" if t.rate else "E",
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
                "quantity": str(line.quantity),
                "unit_code": line.unit,
                "unit_price_net": str(line.price),
                "tax_rate": str(line.rate),
                "line_total": _amount(line.net),
                **({"tax_inclusive": True} if doc.tax_inclusive else {}),
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
        "currency": (doc.currency, *((doc.sign,) if doc.sign in UNIQUE_SIGNS else ())),
    }
    if doc.layout in NO_VAT:  # no VAT charged, none printed: the tax total is not scored
        del out["tax_total"]
    if doc.due:
        out["due_date"] = (doc.d(doc.due),)
    if doc.seller.vat_id:
        out["vendor_vat_id"] = (doc.seller.vat_id,)
    if doc.seller.iban:
        out["vendor_iban"] = (
            doc.seller.iban,
            " ".join(doc.seller.iban[i : i + 4] for i in range(0, len(doc.seller.iban), 4)),
        )
    for line in doc.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (doc.n(line.net),)
    return out


def missing(doc: Doc, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (names: in any case, as a page may set them in capitals)."""
    page = squeeze(text)
    folded = page.casefold()
    return [
        name
        for name, options in printed(doc).items()
        if not any(squeeze(o) in page or (name in NAMES and squeeze(o).casefold() in folded) for o in options)
    ]


def convert(source: Path, target: Path, options: list[str], binary: str) -> None:
    """Print one HTML page to PDF with wkhtmltopdf (no network, no local files beyond the page)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": tempfile.gettempdir()}
    command = [binary, "--quiet", "--page-size", "A4", "--encoding", "utf-8", "--disable-javascript",
               "--disable-local-file-access", *options, str(source), str(target)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=120, env=env)


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
    binary = find_wkhtmltopdf()
    if binary is None:
        raise WkhtmltopdfMissing(
            "no wkhtmltopdf here (apt-get install wkhtmltopdf, or set OPSLOOP_WKHTMLTOPDF)"
        )
    out.mkdir(parents=True, exist_ok=True)
    drawn: list[tuple[str, Doc, str, list[str], str]] = []
    for index, (layout, tag) in enumerate(plan(count, seed, layouts)):
        doc, body, options, font = draw(layout, tag, random.Random(f"{GENERATOR}:{seed}:{index}"))
        drawn.append((f"k{seed}-{index:04d}-{tag}-{layout}", doc, body, options, font))
    done = 0
    with tempfile.TemporaryDirectory(prefix="synth9-html-") as scratch:

        def one(entry: tuple[str, Doc, str, list[str], str]) -> None:
            item, _doc, body, options, _font = entry
            source = Path(scratch) / f"{item}.html"
            source.write_text(body, "utf-8")
            convert(source, out / f"{item}.pdf", options, binary)
            if keep_source:
                shutil.copy(source, out / source.name)

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for _ in pool.map(one, drawn):
                done += 1
                if progress:
                    progress(done)
    rows: list[dict[str, Any]] = []
    for index, (item, doc, _body, _options, font) in enumerate(drawn):
        pdf = (out / f"{item}.pdf").read_bytes()
        record = truth(doc)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": doc.loc.tag,
                            "layout": doc.layout, "format": "pdf", "font": font}  # fmt: skip
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
                "not_on_page": missing(doc, page_text(pdf)),
            }
        )
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
