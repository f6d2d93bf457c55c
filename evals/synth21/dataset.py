"""evals/synth21: invoices typeset with LaTeX (pdfTeX), written by an outsider to the extractor — a KOMA-Script
letter, articles with tabularx, minipage headers, multi-page lists carried forward, credit notes, a
freelancer's hours, small capitals and letter-spacing, footer columns, a boxed grid — in eleven languages
(babel), each country's labels, number, date and money forms, legal forms, VAT ids and IBANs.

The truth is what was drawn, and only what the page prints: a truth the layout did not print is None; the
manifest's ``not_on_page`` lists any printed truth PDFium's text layer does not show (kept empty by the tests).
The same seed writes the same PDFs (SOURCE_DATE_EPOCH, no \\today, no trailer id)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import _generator
from evals.synth21.layouts import KIND, LAYOUTS, Page
from evals.synth21.model import Doc, day, draw, money, number
from evals.synth21.words import TAGS

__all__ = ["TAGS", "TexMissing", "fingerprint", "make", "printed", "truth", "write_dataset"]

GENERATOR = "synth21"
DEFAULT_SEED = 21211
EPOCH = "1767225600"  # 2026-01-01: the PDFs' dates, whatever the clock says


class TexMissing(RuntimeError):
    """pdflatex (Debian's TeX Live) is not installed here."""


def find_tex() -> str | None:
    return shutil.which("pdflatex")


def fingerprint() -> str:
    return _generator.fingerprint("synth21")


def _flags(rng: random.Random, doc: Doc) -> None:
    f = doc.flags
    f["due_in_facts"] = rng.random() < 0.65
    f["due_in_prose"] = rng.random() < (0.3 if f["due_in_facts"] else 0.6)
    f["customer"] = rng.random() < 0.5
    f["order"] = rng.random() < 0.45
    f["delivery_note"] = rng.random() < 0.3
    f["vat"] = rng.random() < 0.9
    f["iban"] = rng.random() < 0.85
    f["bic"] = rng.random() < 0.6
    f["vat_summary"] = rng.random() < (0.7 if len(doc.vat) > 1 else 0.2)
    f["buyer_vat"] = rng.random() < 0.3
    f["negative"] = doc.credit and rng.random() < 0.5


def make(layout: str, tag: str, rng: random.Random) -> tuple[Doc, bytes]:
    """Draw one document of ``layout`` in language ``tag`` and print it; (the drawn document, the PDF)."""
    kind = KIND.get(layout, "")
    doc = draw(rng, layout, tag, credit=kind == "credit", hourly=kind == "hours", many=kind == "many")
    doc.factors = {
        "font": rng.choice(["lmodern", "lmodern", "times", "helvet", "palatino", "charter"]),
        "colon": rng.choice(["yes", "no"]),
        "margin": rng.choice(["2cm", "2.5cm", "1.8cm"]),
        "money": doc.money_style.split()[1],
        "date": doc.date_style,
    }
    parties = [doc.seller, doc.buyer, *([doc.delivery] if doc.delivery else [])]
    if tag in ("cs", "pl") or any(ord(c) > 255 for p in parties for c in p.name + p.street + p.town):
        # the base-35 fonts build Central European letters from an accent and a letter (two glyphs)
        doc.factors["font"] = "lmodern"
    if doc.factors["font"] != "lmodern" and doc.currency == "EUR" and "sym" in doc.money_style:
        # those fonts have no euro sign (textcomp fakes one the text layer reads as "C"): the code is typed
        doc.money_style = doc.money_style.replace("sym", "iso")
        doc.factors["money"] = doc.money_style.split()[1]
    design = layout
    if layout == "credit":
        design = rng.choice(["plain", "twocol", "letter", "boxed"])
        doc.factors["design"] = design
    _flags(rng, doc)
    source = LAYOUTS[design](doc, rng)
    return doc, render(source)


def render(source: str) -> bytes:
    tex = find_tex()
    if tex is None:
        raise TexMissing("pdflatex is not installed (run .ci/services.sh ensure_texlive)")
    with tempfile.TemporaryDirectory(prefix="synth21-") as folder:
        path = Path(folder) / "invoice.tex"
        path.write_text(source, "utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "FORCE_SOURCE_DATE": "1"}
        result = subprocess.run([tex, "-interaction=nonstopmode", "-halt-on-error", "invoice.tex"], cwd=folder,
                                capture_output=True, env=env, timeout=120)  # fmt: skip
        pdf = Path(folder) / "invoice.pdf"
        if result.returncode != 0 or not pdf.is_file():
            log = (
                (Path(folder) / "invoice.log").read_text("utf-8", "replace")
                if (Path(folder) / "invoice.log").is_file()
                else ""
            )
            errors = [line for line in log.splitlines() if line.startswith("!")][:3]
            raise RuntimeError(f"pdflatex failed: {errors or result.stdout[-500:]!r}")
        return pdf.read_bytes()


def joined(text: str) -> str:
    """The text layer with TeX's line-end hyphenation undone (PDFium marks a break hyphen U+FFFE): a name or
    label hyphenated across two lines is still printed on the page."""
    return text.replace("\ufffe\r\n", "").replace("\ufffe\n", "").replace("\ufffe", "")


def hyphenated(doc: Doc, text: str) -> list[str]:
    """The printed truths TeX broke across lines (a factor of the document)."""
    broken = [part.split("\ufffe")[0].split()[-1] for part in text.split("\ufffe")[:-1] if part.split()]
    return sorted({name for name, forms in printed(doc).items() for form in forms for word in broken
                   if word and word in form})  # fmt: skip


def printed(doc: Doc) -> dict[str, list[str]]:
    """The recorded truths and the forms in which the page prints each (any one will do)."""
    style, lang = doc.money_style, doc.lang
    out: dict[str, list[str]] = {
        "invoice_number": [doc.number],
        "invoice_date": [day(doc.issued, doc.date_style, lang)],
        "total": [number(doc.total, style), number(-doc.total, style)],
        "currency": [money(doc.total, doc.currency, style).replace(number(doc.total, style), "").strip()],
        "vendor": [doc.seller.name],
        "buyer": [doc.buyer.name],
    }
    if "due_date" in doc.shown and doc.due is not None:
        out["due_date"] = [day(doc.due, doc.date_style, lang)]
    if doc.paid:
        out["amount_due"] = [number(doc.due_amount, style)]
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
        "document_type": "credit_note" if doc.credit else "invoice",
        "invoice_number": doc.number,
        "invoice_date": doc.issued.isoformat(),
        "due_date": doc.due.isoformat() if "due_date" in shown and doc.due else None,
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
            "vat_id": doc.buyer.vat_id if doc.reverse or doc.flags.get("buyer_vat") else None,
            "country": doc.buyer.country,
        },
        "po_numbers": [doc.order_no] if "po_number" in shown else [],
        "delivery_note": doc.delivery_note if doc.flags.get("delivery_note") else None,
        "preceding_invoice": doc.preceding or None,
        "tax_basis_total": str(doc.net),
        "tax_total": str(doc.tax),
        "grand_total": str(doc.total),
        "prepaid": str(doc.paid),
        "due_payable": None if doc.credit else str(doc.due_amount),
        "line_items": [
            {
                "name": line.name,
                "quantity": str(line.qty),
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
                "reverse_charge": str(doc.reverse).lower(),
                "deposit": str(bool(doc.paid)).lower(),
                "discount": str(doc.discount is not None).lower(),
            },
            "words": dict(sorted(doc.words.items())),
        },
    }


def write_dataset(
    out: Path, count: int, seed: int, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents (PDF + truth JSON) and manifest.jsonl into ``out``; returns the manifest rows."""
    if find_tex() is None:
        raise TexMissing("pdflatex is not installed (run .ci/services.sh ensure_texlive)")
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index, (layout, tag) in enumerate(_generator.plan(GENERATOR, count, seed, LAYOUTS, TAGS)):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        doc, pdf = make(layout, tag, rng)
        item = f"{GENERATOR}-{seed}-{index:04d}"
        (out / f"{item}.pdf").write_bytes(pdf)
        text = _generator.page_text(pdf)
        doc.factors["hyphenated"] = ",".join(hyphenated(doc, text)) or "none"
        record = truth(doc, index, seed)
        _generator.write_truth(out, item, record)
        missing = _generator.not_on_page(printed(doc), joined(text))
        rows.append(_generator.manifest_row(item, locale=tag, layout=layout, kind=record["document_type"],
                                            factors=record["_synth"]["factors"], missing=missing, implied=[],
                                            credit_note=doc.credit))  # fmt: skip
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows


__all__ += ["Page"]
