"""The twentieth invoice generator: invoices small and mid-size businesses make in office software — spreadsheets
(.xlsx, openpyxl) and word-processor documents (.docx, python-docx) — printed to PDF by LibreOffice, in eleven
languages. Truth = the drawn inputs, recorded only where the page prints them (``not_on_page`` otherwise)."""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import _generator
from evals.synth20 import model, parties
from evals.synth20.letters import DOC_LAYOUTS, write_docx
from evals.synth20.model import Doc
from evals.synth20.sheets import SHEET_LAYOUTS, calc_number_form, write_xlsx

DEFAULT_SEED = 20202
TAGS = ("en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs")
LAYOUTS = tuple(sorted([*SHEET_LAYOUTS, *DOC_LAYOUTS]))
BATCH = 40
"""Documents per LibreOffice call (it is slow to start)."""

TRADES = {
    "en": "Graphic design & illustration",
    "de": "Übersetzungen · Lektorat",
    "fr": "Photographe indépendant",
    "nl": "Tekstschrijver & redacteur",
    "es": "Traducción e interpretación",
    "it": "Architetto",
    "pt": "Design gráfico",
    "pl": "Usługi programistyczne",
    "sv": "Fotograf",
    "da": "Grafisk design",
    "cs": "Překladatelské služby",
}


class LibreOfficeMissing(RuntimeError):
    """No soffice to print the set."""


def fingerprint() -> str:
    return _generator.fingerprint("synth20")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def make(layout: str, lang: str, rng: random.Random) -> Doc:
    """The drawn document of ``layout`` in ``lang``."""
    kind = "invoice"
    spec: dict[str, Any] = {}
    if layout == "calc_multipage":
        spec = {"lines": (45, 90), "rates": rng.choice([1, 2])}
    elif layout == "calc_vatsummary":
        spec = {"lines": (4, 10), "rates": 3}
    elif layout == "doc_factoring":
        spec = {"lines": (2, 7), "rates": 2}
    elif layout in ("doc_credit", "calc_proforma", "doc_freelancer"):
        spec = {"lines": (1, 4)}
    elif layout == "doc_letterhead":
        spec = {"rates": rng.choice([1, 2])}
    if layout == "doc_credit" or (layout == "calc_classic" and rng.random() < 0.15):
        kind = "credit"
    if layout == "calc_proforma":
        kind = "proforma"
    doc = model.draw(lang, layout, rng, kind=kind, **spec)
    if layout in SHEET_LAYOUTS:
        doc.number_form = calc_number_form(doc)
    if layout == "doc_freelancer":
        trade = TRADES[lang]
        person = parties.person(doc.country, rng, trade)
        doc.seller.name = person.name
        doc.seller.extra["trade"] = trade
    if kind == "credit":
        original = model._number(lang, doc.country, doc.issued, rng)
        doc.ref_invoice = (original, doc.issued - __import__("datetime").timedelta(days=rng.randint(5, 60)))
        doc.due = None
        doc.order_no = None
    if layout in ("calc_vatsummary", "doc_factoring", "doc_logo_footer") and rng.random() < 0.65:
        model.ship_to(doc, rng)
    if layout == "calc_deposit" or (layout == "doc_letterhead" and rng.random() < 0.3):
        model.prepayment(doc, rng)
    if layout in ("calc_deposit", "doc_factoring") and rng.random() < 0.7:
        model.skonto(doc, rng)
    if layout == "doc_factoring":
        model.factoring(doc, rng)
    # a correction that credits prints its amounts negative (es rectificativa, pl korygująca, cs opravný doklad,
    # de Rechnungskorrektur / Storno); the truth keeps the magnitudes (the eval scores credit notes by magnitude)
    if kind == "credit" and (
        lang in ("es", "pl", "cs") or doc.words["credit"] in ("Rechnungskorrektur", "Stornorechnung")
    ):
        doc.flags["negative"] = True
    return doc


def printed(doc: Doc) -> dict[str, list[str]]:
    """The scored truths and the strings any one of which shows each on the page."""
    out = {
        "invoice_number": [doc.number],
        "invoice_date": [doc.day(doc.issued)],
        "total": [doc.num(doc.total)],
        "currency": [doc.shown],
        "vendor": [doc.seller.name],
        "buyer": [doc.buyer.name],
        "vendor_vat_id": [doc.seller.vat_shown or ""],
    }
    if doc.due is not None:
        out["due_date"] = [doc.day(doc.due)]
    if doc.kind != "credit":
        out["amount_due"] = [doc.num(doc.due_amount)]
    if iban_printed(doc):
        out["vendor_iban"] = [parties.grouped(doc.seller.iban or "")]
    return out


def vat_truth(doc: Doc) -> str | None:
    """The seller's VAT id as the page prints it, without its blanks, dots and dashes: with the country prefix
    where the page prints one, the bare national number where it does not."""
    shown = doc.seller.vat_shown or ""
    return "".join(c for c in shown if c.isalnum()) or None


def iban_printed(doc: Doc) -> bool:
    return doc.factoring is None


def truth(doc: Doc, index: int, seed: int) -> dict[str, Any]:
    s, b = doc.seller, doc.buyer
    credit = doc.kind == "credit"
    return {
        "document_type": "credit_note" if credit else "invoice",
        "type_code": "381" if credit else ("325" if doc.kind == "proforma" else "380"),
        "invoice_number": doc.number,
        "invoice_date": doc.issued.isoformat(),
        "due_date": doc.due.isoformat() if doc.due else None,
        "currency": doc.currency,
        "locale": doc.lang,
        "seller_name": s.name,
        "buyer_name": b.name,
        "seller": {
            "name": s.name,
            "street": s.street,
            "postcode": s.postcode,
            "city": s.city,
            "country": s.country,
            "vat_id": s.vat_id,
            "iban": s.iban if iban_printed(doc) else None,
        },
        "buyer": {
            "name": b.name,
            "street": b.street,
            "postcode": b.postcode,
            "city": b.city,
            "country": b.country,
            "vat_id": None,
            "iban": None,
        },
        "seller_vat_id": vat_truth(doc),
        "seller_iban": s.iban if iban_printed(doc) else None,
        "po_numbers": [doc.order_no] if doc.order_no and _order_printed(doc) else [],
        "delivery_note": doc.delivery_no if doc.delivery_no and _delivery_printed(doc) else None,
        "preceding_invoice": doc.ref_invoice[0] if doc.ref_invoice else None,
        "tax_basis_total": str(doc.net),
        "tax_total": str(doc.tax),
        "grand_total": str(doc.total),
        "prepaid": str(doc.prepaid),
        "due_payable": None if credit else str(doc.due_amount),
        "taxes": [
            {"category": "S" if Decimal_(rate) else "Z", "rate": rate, "base": str(base), "tax": str(tax)}
            for rate, base, tax in doc.taxes()
        ],
        "line_items": [
            {
                "line_id": str(i),
                "name": line.desc,
                "quantity": str(line.qty),
                "unit_price_net": str(line.price),
                "discount_percent": "0",
                "tax_rate": line.rate,
                "line_total": str(line.total),
            }
            for i, line in enumerate(doc.lines, 1)
        ],
        "_synth": {
            "generator": "synth20",
            "seed": seed,
            "index": index,
            "locale": doc.lang,
            "layout": doc.layout,
            "format": "pdf",
            "factors": factors(doc),
            "words": dict(sorted(doc.words.items())),
        },
    }


def Decimal_(rate: str) -> bool:
    return float(rate) > 0


def _order_printed(doc: Doc) -> bool:
    return doc.layout in ("calc_classic", "calc_vatsummary", "doc_letterhead", "doc_factoring")


def _delivery_printed(doc: Doc) -> bool:
    return doc.layout in ("calc_vatsummary", "calc_multipage", "doc_factoring")


def factors(doc: Doc) -> dict[str, str]:
    return {
        "layout": doc.layout,
        "producer": "calc" if doc.layout in SHEET_LAYOUTS else "writer",
        "kind": doc.kind,
        "currency": doc.currency,
        "country": doc.country,
        "colon": doc.colon or "none",
        "date_form": doc.date_form,
        "ship_to": str(doc.ship_to is not None),
        "prepaid": str(bool(doc.prepaid)),
        "skonto": str(doc.skonto is not None),
        "factoring": str(doc.factoring is not None),
    }


def write_source(doc: Doc, folder: Path, stem: str, rng: random.Random) -> Path:
    if doc.layout in SHEET_LAYOUTS:
        path = folder / f"{stem}.xlsx"
        write_xlsx(doc, path, rng)
    else:
        path = folder / f"{stem}.docx"
        write_docx(doc, path, rng)
    return path


def print_pdfs(sources: list[Path], out: Path) -> None:
    """Print the office files to PDF with LibreOffice, many per call, with a private profile."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing("no soffice (LibreOffice) on PATH")
    with tempfile.TemporaryDirectory(prefix="synth20-lo-") as profile:
        for start in range(0, len(sources), BATCH):
            batch = sources[start : start + BATCH]
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    *map(str, batch),
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )


def write_dataset(
    out: Path, count: int, seed: int = DEFAULT_SEED, *, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    out.mkdir(parents=True, exist_ok=True)
    docs: list[tuple[str, Doc]] = []
    with tempfile.TemporaryDirectory(prefix="synth20-src-") as tmp:
        sources = []
        for index, (layout, lang) in enumerate(_generator.plan("synth20", count, seed, LAYOUTS, TAGS)):
            rng = random.Random(f"synth20:{seed}:{index}")
            doc = make(layout, lang, rng)
            stem = f"s{seed}-{index:04d}-{lang}-{layout}"
            sources.append(write_source(doc, Path(tmp), stem, rng))
            docs.append((stem, doc))
        print_pdfs(sources, out)
    rows = []
    for index, (stem, doc) in enumerate(docs):
        pdf = out / f"{stem}.pdf"
        missing = _generator.not_on_page(printed(doc), _generator.page_text(pdf.read_bytes()))
        record = truth(doc, index, seed)
        _generator.write_truth(out, stem, record)
        rows.append(
            _generator.manifest_row(
                stem,
                locale=doc.lang,
                layout=doc.layout,
                kind="libreoffice",
                factors=factors(doc),
                missing=missing,
                implied=[],
                credit_note=doc.kind == "credit",
            )
        )
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows
