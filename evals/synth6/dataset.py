"""Write a set of evals/synth6 documents: for each a PDF that LibreOffice Writer prints from a .docx written
here with python-docx, its truth JSON (the projection the strict eval reads for generated sets: ``seller_name``,
``invoice_number``, ``grand_total``, ``line_items`` …, the keys the other generators write) and a manifest
row listing every scored truth value the PDF's text, read back with PDFium, does not show (``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth6:S:i``): a set of 50 is the first 50
of a set of 200, and the same seed gives the same truths. LibreOffice stamps each PDF with its creation
time and a random file id; both are overwritten (same length, so the cross-reference table stays right)
with values drawn from the document's name, so the same seed also gives the same PDF bytes on the same
LibreOffice and fonts."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth6.layouts import LAYOUTS, build, draw_sheet
from evals.synth6.locales import LOCALES
from evals.synth6.model import Party
from evals.synth6.sheet import Sheet

GENERATOR = "synth6"
DEFAULT_SEED = 6067
BATCH = 40
"""Documents per LibreOffice call (one start of soffice converts the whole batch)."""
SOFFICE_ENV = "OPSLOOP_SYNTH6_SOFFICE"


class LibreOfficeMissing(RuntimeError):
    """No LibreOffice (``soffice``) on this machine, python-docx (a dev dependency) missing, or a conversion failed."""


def find_soffice() -> str | None:
    """``$OPSLOOP_SYNTH6_SOFFICE``, else ``soffice`` or ``libreoffice`` on the PATH."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_reason() -> str | None:
    """Why no set can be written here (one line), or None."""
    try:
        import docx  # noqa: F401
    except ImportError as error:
        return f"{error} (pip install -e '.[dev]')"
    if find_soffice() is None:
        return "no LibreOffice (soffice) on the PATH (apt-get install libreoffice-writer-nogui, or set OPSLOOP_SYNTH6_SOFFICE)"
    return None


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def plan(count: int, seed: int, layouts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(layout, locale) per document: layouts in turn (their order drawn from the seed), each going through
    the locales in its own drawn order, so every pair comes up once count reaches layouts x locales."""
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
    """What a perfect extraction reads off the page: amounts positive, dates ISO, ids as printed. A till
    receipt is an invoice to the eval (its number is the receipt's number; it names no buyer)."""
    d = sheet.doc
    category = lambda rate: "S" if rate else "Z"  # noqa: E731
    return {
        "document_type": "credit_note" if d.credit else "invoice",
        "type_code": "381" if d.credit else "380",
        "invoice_number": d.number,
        "invoice_date": d.issue.isoformat(),
        "due_date": d.due.isoformat() if d.due else None,
        "currency": d.currency,
        "locale": d.locale.tag,
        "seller_name": d.seller.name,
        "buyer_name": d.buyer.name if d.buyer else None,
        "seller": _party(d.seller),
        "buyer": _party(d.buyer),
        "seller_vat_id": d.seller.vat_id,
        "seller_iban": d.seller.iban,
        "po_number": d.po,
        "po_numbers": [d.po] if d.po else [],
        "delivery_note": d.delivery_note,
        "preceding_invoice": d.preceding,
        "subtotal_lines": _amount(d.line_total),
        "allowance_total": "0.00",
        "charge_total": _amount(d.shipping),
        "tax_basis_total": _amount(d.net_total),
        "tax_total": _amount(d.tax_total),
        "grand_total": _amount(d.grand_total),
        "prepaid": _amount(d.prepaid),
        "due_payable": _amount(d.amount_due),
        "taxes": [
            {
                "category": category(t.rate),
                "name": t.label,
                "rate": str(t.rate),
                "base": _amount(t.base),
                "tax": _amount(t.tax),
                "exemption_reason": None,
            }
            for t in d.taxes
        ],
        "line_items": [
            {
                "line_id": str(ln.pos),
                "position": str(ln.pos),
                "name": ln.text,
                "seller_item_id": ln.sku,
                "buyer_item_id": None,
                "quantity": str(ln.quantity),
                "unit_code": ln.unit,
                "unit_price_net": None if d.gross_lines else str(ln.price),
                "unit_price_gross": str(ln.price) if d.gross_lines else None,
                "discount_percent": str(ln.discount),
                "tax_rate": str(ln.rate),
                "tax_category": category(ln.rate),
                "line_total": _amount(ln.net),
                "line_total_includes_tax": d.gross_lines,
                "po_line_ref": None,
            }
            for ln in d.lines
        ],
        "notes": [],
        "payment_terms": None,
    }


def printed(sheet: Sheet) -> dict[str, tuple[str, ...]]:
    """Each scored truth value as this page writes it (any one of the strings will do)."""
    d = sheet.doc
    number = sheet.number
    out: dict[str, tuple[str, ...]] = {
        "vendor": (d.seller.name,),
        "invoice_number": (d.number,),
        "invoice_date": (sheet.date(d.issue),),
        "total": (number(d.grand_total),),
        "subtotal": (number(d.net_total),),
        "tax_total": (number(d.tax_total),),
        "amount_due": (number(d.amount_due),),
        "currency": tuple(x for x in (d.currency, sheet.money_pattern.replace("{n}", "").strip()) if x)
        if sheet.loc.unique_sign
        else (d.currency,),
    }
    if d.buyer:
        out["buyer"] = (d.buyer.name,)
    if d.due:
        out["due_date"] = (sheet.date(d.due),)
    if d.po:
        out["po_number"] = (d.po,)
    if d.seller.vat_id:
        out["vendor_vat_id"] = (d.seller.vat_id,)
    if d.seller.iban:
        out["vendor_iban"] = (
            d.seller.iban,
            " ".join(d.seller.iban[i : i + 4] for i in range(0, len(d.seller.iban), 4)),
        )
    for ln in d.lines:
        out[f"line[{ln.pos}].name"] = (ln.text,)
        out[f"line[{ln.pos}].total"] = (number(ln.net),)
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
    """The scored truths whose printed form is not in ``text`` (names in any case: a page may set them in capitals)."""
    page = squeeze(text)
    folded = page.casefold()
    return [
        name
        for name, options in printed(sheet).items()
        if not any(squeeze(o) in page or (name in NAMES and squeeze(o).casefold() in folded) for o in options)
    ]


_CREATED = re.compile(rb"/CreationDate\s*\(D:[0-9+\-Z']+\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def stabilise(pdf: bytes, name: str) -> bytes:
    """The PDF with LibreOffice's creation time, random file id and document checksum (over both) replaced,
    byte for byte in length, by values
    drawn from ``name`` (so a rewritten set is identical where LibreOffice and the fonts are)."""
    digest = hashlib.sha256(name.encode()).hexdigest().upper()

    def created(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        head = old.index(b"D:") + 2
        inner = old[head:-1]
        return old[:head] + (b"20260101000000+00'00'" + b"0" * len(inner))[: len(inner)] + b")"

    def ident(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        first = (digest * 4)[: len(match.group(1))].encode()
        second = (digest[::-1] * 4)[: len(match.group(2))].encode()
        return old.replace(match.group(1), first, 1).replace(match.group(2), second, 1)

    def checksum(match: re.Match[bytes]) -> bytes:
        return match.group(0).replace(match.group(1), digest[: len(match.group(1))].encode())

    return _CHECKSUM.sub(checksum, _ID.sub(ident, _CREATED.sub(created, pdf)))


def convert(sources: list[Path], outdir: Path, workdir: Path) -> None:
    """Print every .docx in ``sources`` to ``outdir`` with one LibreOffice run (a private profile in ``workdir``)."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing(missing_reason() or "no LibreOffice")
    profile = (workdir / "profile").resolve().as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    absent = [p.name for p in sources if not (outdir / f"{p.stem}.pdf").is_file()]
    if absent:
        raise LibreOfficeMissing(
            f"LibreOffice printed no PDF for {', '.join(absent[:3])} (exit {result.returncode}: {result.stderr.strip()[:300]})"
        )


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
    reason = missing_reason()
    if reason:
        raise LibreOfficeMissing(reason)
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    work = Path(tempfile.mkdtemp(prefix="synth6-"))
    try:
        todo = list(enumerate(plan(count, seed, layouts)))
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            sheets: list[tuple[str, Sheet]] = []
            sources: list[Path] = []
            for index, (layout, tag) in batch:
                sheet = draw_sheet(layout, tag, random.Random(f"{GENERATOR}:{seed}:{index}"))
                item = f"l{seed}-{index:04d}-{tag}-{layout}"
                source = work / f"{item}.docx"
                build(sheet).save(str(source))
                sheets.append((item, sheet))
                sources.append(source)
            convert(sources, work / "pdf", work)
            for (item, sheet), (index, (layout, tag)) in zip(sheets, batch, strict=True):
                pdf = stabilise((work / "pdf" / f"{item}.pdf").read_bytes(), item)
                (out / f"{item}.pdf").write_bytes(pdf)
                if keep_source:
                    shutil.copyfile(work / f"{item}.docx", out / f"{item}.docx")
                record = truth(sheet)
                record["_synth"] = {
                    "generator": GENERATOR,
                    "seed": seed,
                    "index": index,
                    "locale": tag,
                    "layout": layout,
                    "format": "pdf",
                    "font": sheet.font,
                    "kind": sheet.doc.kind,
                }
                (out / f"{item}.json").write_text(
                    json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8"
                )
                rows.append(
                    {
                        "id": item,
                        "document": f"{item}.pdf",
                        "locale": tag,
                        "layout": layout,
                        "kind": sheet.doc.kind,
                        "format": "pdf",
                        "credit_note": sheet.doc.credit,
                        "not_on_page": missing(sheet, page_text(pdf)),
                    }
                )
                if progress:
                    progress(len(rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
