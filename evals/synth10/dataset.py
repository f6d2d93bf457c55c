"""Write a set of evals/synth10 documents: PDFs whose text operators are written by hand (emit.py) in the
ways real producers emit text — reading order broken, letterheads as Form XObjects, per-word and per-glyph
positioning, kerning gaps with no space glyph, letter-spaced and scaled headings, fake bold, wordmarks,
rotated margin lines and stamps, invisible and white text, ERP number formats, ligatures — each document's
quirks drawn as factors (model.py) and recorded in its truth (``_synth.factors``) and manifest row, with a
manifest row listing every scored truth value the PDF's text, read back with PDFium, does not show
(``not_on_page``).

Document ``i`` of seed ``S`` is drawn from its own random stream (``synth10:S:i``): a set of 50 is the first
50 of a set of 200, and the same seed gives the same bytes."""

from __future__ import annotations

import hashlib
import io
import json
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.synth5.dataset import NAMES, page_text, squeeze  # the manifest's own PDFium check, shared
from evals.synth9.dataset import UNIQUE_SIGNS
from evals.synth9.dataset import truth as content_truth
from evals.synth9.locales import LOCALES
from evals.synth10.emit import FontsMissing, Run, Writer, register
from evals.synth10.layouts import LAYOUTS, Block, Composer, Money
from evals.synth10.model import Doc10, draw

GENERATOR = "synth10"
DEFAULT_SEED = 10103
TAGS = tuple(sorted(LOCALES))

__all__ = ["DEFAULT_SEED", "FontsMissing", "fingerprint", "render", "write_dataset"]


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def plan(count: int, seed: int, layouts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(layout, locale) per document: layouts in turn (order drawn from the seed), locales in a drawn order
    offset per layout, so every pair comes up once count reaches layouts x locales."""
    names = sorted(layouts or LAYOUTS)
    rng = random.Random(f"{GENERATOR}:{seed}:order")
    order = rng.sample(names, len(names))
    tags = rng.sample(TAGS, len(TAGS))
    out = []
    for i in range(count):
        turn, slot = divmod(i, len(order))
        out.append((order[slot], tags[(turn + slot * 7) % len(tags)]))
    return out


def _emit(writer: Writer, run: Run, emphasis: str) -> None:
    if emphasis == "fake_bold" and run.role in ("title", "seller", "total"):
        writer.run(run)
        writer.run(run, dx=0.3)
        writer.run(run, dx=0.3, dy=0.2)
    elif emphasis == "shadow" and run.role in ("title", "seller", "total"):
        writer.run(run, dx=0.9, dy=-0.9, color=(0.78, 0.78, 0.78))
        writer.run(run)
    else:
        writer.run(run)


def _ordered(blocks: list[Block], order: str) -> list[Run]:
    """The page's runs in the order the content stream writes them (the ``order`` factor)."""
    if order == "footer_first":
        blocks = [b for b in blocks if b.name.startswith("footer")] + [
            b for b in blocks if not b.name.startswith("footer")
        ]
    elif order == "right_first":
        blocks = sorted(blocks, key=lambda b: (b.left < 300, -b.top))
    elif order == "bottom_up":
        blocks = sorted(blocks, key=lambda b: b.top)
        return [r for b in blocks for r in sorted(b.runs, key=lambda r: r.y)]
    runs: list[Run] = []
    for block in blocks:
        if order == "table_by_column" and block.name in ("table", "table_head", "meta", "totals"):
            runs.extend(sorted(block.runs, key=lambda r: (r.col, -r.y)))
        else:
            runs.extend(block.runs)
    return runs


def _extras(d: Doc10, composer: Composer, page: int, pages: int) -> list[Block]:
    """Margin lines, stamps and hidden or white text the factors add to a page."""
    doc, f, s = d.doc, d.factors, d.doc.seller
    out: list[Block] = []
    if f["rotated"] in ("margin_line", "both"):
        vat = f"{doc.w['vat_id']} {s.vat_id}" if s.vat_id else ""
        text = " · ".join(x for x in (composer.seller, d.extra["register"].format(city=s.city, reg=d.values["reg"]),
                                      d.extra["director"].format(person=d.values["person"]), vat) if x)  # fmt: skip
        out.append(Block("margin", [Run(24, 160, text, size=6.0, angle=90.0, color=(0.35, 0.35, 0.35))]))
    if f["rotated"] in ("stamp", "both") and page == 0:
        out.append(Block("stamp", [Run(330, 430, d.values["stamp"], size=42.0, face="b", angle=28.0,
                                       color=(0.9, 0.55, 0.55))]))  # fmt: skip
    if page == pages - 1:
        money = Money(d)
        other = money.total(Decimal(d.values["other_amount"]))
        if f["hidden"] == "white_text":
            out.append(Block("white", [Run(60, 120, f"{doc.w['total']} {other}", color=(1.0, 1.0, 1.0)),
                                       Run(60, 110, f"IBAN {d.values['other_iban']}", color=(1.0, 1.0, 1.0))]))  # fmt: skip
        elif f["hidden"] == "instruction":
            text = d.extra["pay_to"].format(amount=other, iban=d.values["other_iban"])
            out.append(Block("instruction", [Run(LEFT_SMALL, 96, text, size=4.5, color=(0.55, 0.55, 0.55))]))
    return out


LEFT_SMALL = 50.0


def render(d: Doc10, rng: random.Random) -> bytes:
    """The document's PDF: every text object written by emit.Writer as the factors say."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    canvas.setTitle("")
    faces = register(d.family)
    f = d.factors
    writer = Writer(canvas, faces, f["words"], f["glyphs"] == "ligatures")
    composer = Composer(d, rng, writer)
    composed = composer.compose()
    form = f["letterhead"] != "inline"
    band = composer.p["seller"] == "band"

    def background() -> None:
        if band:
            canvas.setFillColorRGB(*composer.accent)
            canvas.rect(0, 842 - 78, 595, 40, stroke=0, fill=1)
            canvas.setFillColorRGB(0, 0, 0)

    if form:
        canvas.beginForm("stationery")
        background()
        for run in _ordered(composed.stationery, f["order"]):
            _emit(writer, run, f["emphasis"])
        canvas.endForm()
    pages = len(composed.pages)
    for index, blocks in enumerate(composed.pages):
        page_blocks = list(blocks) + _extras(d, composer, index, pages)
        if not form:
            background()
            page_blocks = composed.stationery + page_blocks
        elif f["letterhead"] == "form_first":
            canvas.doForm("stationery")
        runs = _ordered(page_blocks, f["order"])
        for run in runs:
            _emit(writer, run, f["emphasis"])
        if f["letterhead"] == "form_last":
            canvas.doForm("stationery")
        if f["hidden"] == "ocr_layer":  # an OCR pass's invisible words over the page, slightly off
            for run in _ordered(composed.stationery + list(blocks), "natural"):
                writer.run(run, dx=0.4, dy=-0.3, render=3)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def printed(d: Doc10) -> dict[str, tuple[str, ...]]:
    """Each scored truth value as this page writes it (any one of the strings will do)."""
    doc = d.doc
    money = Money(d)
    out: dict[str, tuple[str, ...]] = {
        "vendor": (doc.seller.name,),
        "buyer": (doc.buyer.name,),
        "invoice_number": (doc.number,),
        "invoice_date": (doc.d(doc.issue),),
        "total": (money.n(doc.grand_total),),
        "subtotal": (money.n(doc.net_total),),
        "tax_total": (money.n(doc.tax_total),),
        "amount_due": (money.n(doc.amount_due),),
        "currency": (doc.currency, *((doc.sign,) if doc.sign in UNIQUE_SIGNS else ())),
    }
    if doc.due:
        out["due_date"] = (doc.d(doc.due),)
    if doc.seller.vat_id:
        out["vendor_vat_id"] = (doc.seller.vat_id,)
    if doc.seller.iban:
        iban = doc.seller.iban
        out["vendor_iban"] = (iban, " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)))
    for line in doc.lines:
        out[f"line[{line.pos}].name"] = (line.text,)
        out[f"line[{line.pos}].total"] = (money.n(line.net),)
    return out


def missing(d: Doc10, text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (soft hyphens, which no reader shows, dropped;
    names in any case)."""
    page = squeeze(text.replace("\u00ad", ""))
    folded = page.casefold()
    return [
        name
        for name, options in printed(d).items()
        if not any(squeeze(o) in page or (name in NAMES and squeeze(o).casefold() in folded) for o in options)
    ]


def truth(d: Doc10) -> dict[str, Any]:
    return content_truth(d.doc)


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    *,
    layouts: tuple[str, ...] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for index, (layout, tag) in enumerate(plan(count, seed, layouts)):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        d = draw(layout, tag, rng)
        pdf = render(d, rng)
        item = f"t{seed}-{index:04d}-{tag}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": tag, "layout": layout,
                            "kind": d.doc.layout, "format": "pdf", "font": d.family, "factors": dict(d.factors)}  # fmt: skip
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        rows.append(
            {
                "id": item,
                "document": f"{item}.pdf",
                "locale": tag,
                "layout": layout,
                "kind": d.doc.kind,
                "format": "pdf",
                "credit_note": d.doc.credit,
                "factors": dict(d.factors),
                "not_on_page": missing(d, page_text(pdf)),
            }
        )
        if progress:
            progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
