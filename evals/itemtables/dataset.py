"""Item tables in the forms real invoices print and the other generators lack, on pages this package writes itself.

Drawn per document (``_synth.factors``): the frame (``layout``: a grid of vertical rules, rules under rows,
zebra bands, no rules, a landscape page), a header of one or two lines (``head``), the column order
(``order``: the usual one, the amount before the description, the quantity last, the code first), discount
columns (``discount``: none, a percentage, a percentage and its amount), a tax-rate letter per line with a
legend under the totals (``taxcode``: none, a column, a letter after the amount), negative lines (``negative``:
goods returned, a deposit refunded) in a minus form (``neg_form``: leading, trailing, brackets), the quantity's
unit (``qty_form``: a unit column, a suffix in the quantity cell — "12 pcs", "3,5 h" — or none), group rows
set across the table with subtotals per group (``groups``), lines without a quantity (``services``),
zero-priced lines (``free``), a table over 2–3 pages with "carried forward" rows and its header repeated or
not (``pages``, ``carried``, ``repeat``), each locale's thousands separators (``grouping``: dot, space, no-break
space, comma, none), the face (Helvetica, Times, Courier) and how words are set apart (``gaps``: spaces, or
``TJ`` displacements without a space character). Eleven languages: en, de, fr, es, it, nl, pt, sv, da, fi, nb.

Producer: evals/itemtables/pdfwriter.py — a PDF writer of this package (standard 14 fonts, WinAnsiEncoding),
no PDF library. Truth: the items fed to the page (``line_items``: description and the line amount printed,
negative for returns and refunds, 0 for free items) and the parties, number, date and totals, in the
projection evals/invoices reads.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from evals import _generator
from evals._generator import page_text
from evals.itemtables import pdfwriter
from evals.itemtables.pdfwriter import FACES, Page, width
from evals.itemtables.words import WORDS

GENERATOR = "itemtables"
DEFAULT_SEED = 28281
LAYOUTS = ("vgrid", "hrules", "zebra", "plain", "landscape")
CENT = Decimal("0.01")


class WriterMissing(RuntimeError):
    """ReportLab (read for the standard fonts' metrics) is not installed."""


@dataclass
class Item:
    kind: str  # goods, service, free, return, deposit
    code: str
    name: str
    quantity: Decimal | None
    unit: str
    price: Decimal | None
    discount: Decimal  # percent
    rate_code: str
    amount: Decimal
    section: int = 0

    @property
    def discount_amount(self) -> Decimal:
        if self.quantity is None or self.price is None:
            return Decimal(0)
        return (self.quantity * self.price * self.discount / 100).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Doc:
    lang: str
    layout: str
    number: str
    issued: date
    items: list[Item]
    factors: dict[str, str] = field(default_factory=dict)


def number_text(value: Decimal, group: str, dec: str, places: int = 2) -> str:
    text = f"{abs(value):,.{places}f}".replace(",", "\x00").replace(".", dec).replace("\x00", group)
    return text


def signed(value: Decimal, f: dict[str, str], places: int = 2) -> str:
    text = number_text(value, f["grouping"], f["dec"], places)
    if value >= 0:
        return text
    return {"lead": f"-{text}", "trail": f"{text}-", "paren": f"({text})"}[f["neg_form"]]


def draw(lang: str, layout: str, rng: random.Random) -> Doc:
    w = WORDS[lang]
    pages = rng.choice(["1", "1", "2", "3"]) if layout != "landscape" else rng.choice(["1", "2"])
    factors = {
        "head": rng.choice(["1", "2"]),
        "order": rng.choice(["standard", "standard", "amount_first", "qty_last", "code_first"]),
        "discount": rng.choice(["none", "pct", "pct_amount"]),
        "taxcode": rng.choice(["none", "column", "suffix"]),
        "negative": rng.choice(["none", "return", "deposit"]),
        "neg_form": rng.choice(["lead", "lead", "trail"] + (["paren"] if lang == "en" else [])),
        "qty_form": rng.choice(["unit_column", "suffix", "none"]),
        "groups": rng.choice(["none", "none", "titles", "subtotals"]),
        "services": rng.choice(["no", "yes"]),
        "free": rng.choice(["no", "yes"]),
        "pages": pages,
        "carried": rng.choice(["yes", "yes", "no"]) if pages != "1" else "no",
        "repeat": rng.choice(["yes", "no"]) if pages != "1" else "no",
        "grouping": rng.choice(w["groups"]),
        "dec": w["dec"],
        "face": rng.choice(sorted(FACES)),
        "gaps": rng.choice(["tj0", "tj0", "tj"]),
        "qty_decimals": rng.choice(["0", "2"]),
    }
    count = {"1": rng.randint(3, 9), "2": rng.randint(30, 42), "3": rng.randint(55, 70)}[pages]
    if layout == "landscape":
        count = {"1": rng.randint(3, 9), "2": rng.randint(20, 28)}[pages]
    sections = rng.randint(2, 3) if factors["groups"] != "none" else 1
    items = []
    std, reduced = "A", "B"
    for n in range(count):
        kind = "goods"
        roll = rng.random()
        if factors["services"] == "yes" and roll < 0.2:
            kind = "service"
        elif factors["free"] == "yes" and roll > 0.92:
            kind = "free"
        elif factors["negative"] != "none" and 0.2 <= roll < 0.28:
            kind = "return" if factors["negative"] == "return" else "deposit"
        rate_code = std if rng.random() < 0.7 else reduced
        code = f"{rng.choice('ABKMT')}{rng.randint(1000, 99999)}"
        unit = rng.choice(w["units"])
        discount = Decimal(0)
        if kind == "service" and rng.random() < 0.6:  # a flat fee: no quantity, no price
            name = rng.choice(w["services"])
            quantity, price, unit = None, None, ""
            amount = Decimal(rng.randint(4000, 250000)) / 100
        elif kind == "service":  # hours at an hourly rate
            name, unit = rng.choice(w["services"]), w["hours"]
            quantity, price = Decimal(rng.randint(1, 24)) / 2, Decimal(rng.randint(35, 140))
            amount = quantity * price
        elif kind == "deposit":
            name = w["deposit"]
            quantity, price, unit = None, None, ""
            amount = -Decimal(rng.randint(500, 12000)) / 100
        else:
            name = rng.choice(
                w["returns"] if kind == "return" else w["free"] if kind == "free" else w["goods"]
            )
            if factors["qty_decimals"] == "2" and rng.random() < 0.5:
                quantity = Decimal(rng.randint(5, 400)) / 4
            else:
                quantity = Decimal(rng.randint(1, 1200 if rng.random() < 0.1 else 40))
            price = (
                Decimal(0)
                if kind == "free"
                else Decimal(round(10 ** rng.uniform(-0.3, 3.4), 2)).quantize(CENT)
            )
            if kind == "return":
                quantity = -Decimal(rng.randint(1, 6))
            if factors["discount"] != "none" and kind == "goods" and rng.random() < 0.6:
                discount = Decimal(rng.choice(["3", "5", "10", "12.5", "15", "20"]))
            gross = (quantity * price).quantize(CENT, ROUND_HALF_UP)
            amount = gross - (quantity * price * discount / 100).quantize(CENT, ROUND_HALF_UP)
        section = min(sections - 1, n * sections // count)
        items.append(Item(kind, code, name, quantity, unit, price, discount, rate_code, amount, section))
    if sum((i.amount for i in items), Decimal(0)) <= 0:
        items = [i for i in items if i.amount >= 0] or items
    number = f"{rng.choice(['', 'INV-', 'R', 'F'])}{rng.randint(2026, 2027)}{rng.choice(['-', '/', ''])}{rng.randint(100, 99999)}"
    issued = date(2026, 1, 1) + timedelta(days=rng.randint(0, 330))
    return Doc(lang, layout, number, issued, items, factors)


def rates(lang: str) -> dict[str, Any]:
    std, reduced = WORDS[lang]["rates"]
    return {"A": Decimal(str(std)), "B": Decimal(str(reduced))}


def tax_of(d: Doc) -> Decimal:
    by_code: dict[str, Decimal] = {}
    for item in d.items:
        by_code[item.rate_code] = by_code.get(item.rate_code, Decimal(0)) + item.amount
    table = rates(d.lang)
    return sum(
        ((base * table[c] / 100).quantize(CENT, ROUND_HALF_UP) for c, base in by_code.items()), Decimal(0)
    )


def _label(text: str, lines: int) -> list[str]:
    parts = [p for p in text.split("|") if p]
    return parts if lines == 2 else [" ".join(parts)]


def _columns(d: Doc) -> list[str]:
    f = d.factors
    qty = ["qty", "unit"] if f["qty_form"] == "unit_column" else ["qty"]
    disc = {"none": [], "pct": ["disc"], "pct_amount": ["disc", "disc_amt"]}[f["discount"]]
    tax = ["tax"] if f["taxcode"] == "column" else []
    if f["order"] == "amount_first":
        return ["code", "amount", "desc", *qty, "price", *disc, *tax]
    if f["order"] == "qty_last":
        return ["pos", "desc", "price", *disc, *tax, "amount", *qty]
    if f["order"] == "code_first":
        return ["code", "desc", *qty, "price", *disc, *tax, "amount"]
    return ["pos", "desc", *qty, "price", *disc, *tax, "amount"]


def cell(d: Doc, item: Item, key: str, index: int) -> str:
    f, w = d.factors, WORDS[d.lang]
    if key == "pos":
        return str(index + 1)
    if key == "code":
        return item.code
    if key == "desc":
        return item.name
    if key == "qty":
        if item.quantity is None:
            return ""
        places = (
            0
            if item.quantity == item.quantity.to_integral_value()
            else 1
            if (item.quantity * 10) % 1 == 0
            else 2
        )
        text = signed(item.quantity, f, places)
        return f"{text} {item.unit}" if f["qty_form"] == "suffix" else text
    if key == "unit":
        return item.unit
    if key == "price":
        return "" if item.price is None else signed(item.price, f)
    if key == "disc":
        return "" if not item.discount else f"{number_text(item.discount, '', f['dec'], 1)}"
    if key == "disc_amt":
        return "" if not item.discount else signed(item.discount_amount, f)
    if key == "tax":
        return item.rate_code
    text = signed(item.amount, f)
    return f"{text} {item.rate_code}" if f["taxcode"] == "suffix" else text
    del w


def render(d: Doc) -> bytes:
    f, w = d.factors, WORDS[d.lang]
    regular, bold = FACES[f["face"]]
    landscape = d.layout == "landscape"
    pw, ph = (842.0, 595.0) if landscape else (595.0, 842.0)
    size = 8.0 if f["face"] != "courier" else 7.0
    lead = size + 5
    head_lines = int(f["head"])
    keys = _columns(d)
    left, right_edge = 40.0, pw - 40.0
    aligns = {k: ("l" if k in ("desc", "unit", "code", "tax") else "r") for k in keys}
    widths = {}
    for key in keys:
        texts = [cell(d, item, key, n) for n, item in enumerate(d.items)]
        label = _label(w[key], head_lines)
        widths[key] = (
            max([width(t, regular, size) for t in texts] + [width(t, bold, size) for t in label]) + 10
        )
    spare = (right_edge - left) - sum(widths.values())
    if spare > 0:
        widths["desc"] += spare
    else:  # shrink the type until the table fits
        size *= (right_edge - left) / sum(widths.values())
        lead = size + 5
        widths = {k: v * (right_edge - left) / sum(widths.values()) for k, v in widths.items()}
    xs, x = {}, left
    for key in keys:
        xs[key] = x
        x += widths[key]
    seller, buyer = w["seller"], w["buyer"]
    total_pages = int(f["pages"])
    pages: list[Page] = []

    def text_at(page: Page, key: str, y: float, text: str, font: str) -> None:
        if aligns[key] == "r":
            page.right(xs[key] + widths[key] - 5, y, text, font, size, gaps=f["gaps"])
        else:
            page.text(xs[key] + 5, y, text, font, size, gaps=f["gaps"])

    def new_page(first: bool) -> tuple[Page, float]:
        page = Page(pw, ph)
        pages.append(page)
        if first:
            page.text(left, ph - 50, seller[0], bold, 13, gaps=f["gaps"])
            page.text(left, ph - 64, f"{seller[1]}, {seller[2]}", regular, 8.5, gaps=f["gaps"])
            page.text(left, ph - 100, w["to"] + ":", regular, 8.5)
            for n, line in enumerate(buyer):
                page.text(left, ph - 113 - 11 * n, line, regular, 9, gaps=f["gaps"])
            x0 = pw - 240
            page.text(x0, ph - 100, w["title"], bold, 15)
            page.text(x0, ph - 118, f"{w['number']}: {d.number}", regular, 9)
            page.text(x0, ph - 131, f"{w['date']}: {d.issued.strftime(w['date_form'])}", regular, 9)
            return page, ph - 175
        page.text(left, ph - 40, seller[0], regular, 8)
        page.right(right_edge, ph - 40, f"{w['title']} {d.number}", regular, 8)
        return page, ph - 60

    def header(page: Page, y: float) -> float:
        tall = head_lines * lead + 6
        if d.layout == "zebra":
            page.box(left, y - tall, right_edge - left, tall, 0.85)
        for key in keys:
            for n, text in enumerate(_label(w[key], head_lines)):
                text_at(page, key, y - 3 - size - n * lead, text, bold)
        page.line(left, y - tall, right_edge, y - tall, 0.8)
        if d.layout in ("vgrid", "landscape"):
            page.line(left, y, right_edge, y, 0.8)
        return y - tall

    def rule_row(page: Page, y: float, tall: float, band: bool, merged: bool = False) -> None:
        if d.layout in ("vgrid", "landscape"):  # a merged row keeps the frame's outer lines only
            for x0 in [right_edge, *([left] if merged else [xs[k] for k in keys])]:
                page.line(x0, y, x0, y - tall, 0.4)
        if d.layout == "zebra" and band:
            page.box(left, y - tall, right_edge - left, tall, 0.93)
        if d.layout in ("hrules", "landscape"):
            page.line(left, y - tall, right_edge, y - tall, 0.3)

    def verticals(page: Page, top: float, bottom: float) -> None:
        if d.layout in ("vgrid", "landscape"):
            page.line(left, bottom, right_edge, bottom, 0.8)
        del top

    # rows: (kind, payload)
    rows: list[tuple[str, Any]] = []
    section = -1
    for n, item in enumerate(d.items):
        if f["groups"] != "none" and item.section != section:
            if section >= 0 and f["groups"] == "subtotals":
                rows.append(("subtotal", section))
            section = item.section
            rows.append(("group", section))
        rows.append(("item", n))
    if f["groups"] == "subtotals":
        rows.append(("subtotal", section))
    per_page = max(1, -(-len(rows) // total_pages))
    page, y = new_page(True)
    table_top = y
    y = header(page, y)
    running = Decimal(0)
    amount_key = "amount"
    page_no = 1
    for index, (kind, payload) in enumerate(rows):
        if index and index % per_page == 0 and page_no < total_pages:
            if f["carried"] == "yes":
                page.text(xs[keys[0]] + 5 if keys[0] != "amount" else xs["desc"] + 5, y - 3 - size, w["cf_out"],
                          bold, size, gaps=f["gaps"])  # fmt: skip
                text_at(page, amount_key, y - 3 - size, signed(running, f), bold)
                rule_row(page, y, lead + 2, False, merged=True)
                y -= lead + 2
            verticals(page, table_top, y)
            page.right(right_edge, 30, w["page"].format(n=page_no, of=total_pages), regular, 7)
            page_no += 1
            page, y = new_page(False)
            table_top = y
            if f["repeat"] == "yes":
                y = header(page, y)
            else:
                page.line(left, y, right_edge, y, 0.8)
            if f["carried"] == "yes":
                label = w["cf_in"].format(n=page_no - 1)
                page.text(xs["desc"] + 5, y - 3 - size, label, bold, size, gaps=f["gaps"])
                text_at(page, amount_key, y - 3 - size, signed(running, f), bold)
                rule_row(page, y, lead + 2, False, merged=True)
                y -= lead + 2
                page.line(left, y, right_edge, y, 0.3)
        tall = lead + 2
        if kind == "group":
            rule_row(page, y, tall, False, merged=True)
            page.text(left + 5, y - 3 - size, w["sections"][payload], bold, size + 0.5, gaps=f["gaps"])
            y -= tall
            continue
        if kind == "subtotal":
            amount = sum((i.amount for i in d.items if i.section == payload), Decimal(0))
            label = f"{w['subtotal']} {w['sections'][payload]}"
            rule_row(page, y, tall + 2, False, merged=True)
            page.right(xs[amount_key] - 8 if keys.index("amount") > keys.index("desc") else xs["desc"] + 5
                       + width(label, bold, size), y - 3 - size, label, bold, size, gaps=f["gaps"])  # fmt: skip
            text_at(page, amount_key, y - 3 - size, signed(amount, f), bold)
            page.line(
                xs[amount_key] + 4, y - tall + 1, xs[amount_key] + widths[amount_key] - 4, y - tall + 1, 0.3
            )
            y -= tall + 2
            continue
        item = d.items[payload]
        rule_row(page, y, tall, payload % 2 == 1)
        for key in keys:
            text = cell(d, item, key, payload)
            if text:
                text_at(page, key, y - 3 - size, text, regular)
        running += item.amount
        y -= tall
    verticals(page, table_top, y)
    net = sum((i.amount for i in d.items), Decimal(0))
    tax = tax_of(d)
    y -= 14
    if y < 120:
        page.right(right_edge, 30, w["page"].format(n=page_no, of=total_pages), regular, 7)
        page, y = new_page(False)
    sign = w["cur"]
    for n, (label, value) in enumerate([(w["net"], net), (w["vat"], tax), (w["total"], net + tax)]):
        font = bold if n == 2 else regular
        page.text(right_edge - 230, y - 12 * n, label, font, 9)
        page.right(right_edge, y - 12 * n, f"{signed(value, f)} {sign}", font, 9)
    y -= 48
    if f["taxcode"] != "none" or f["groups"] != "none":
        table = rates(d.lang)
        legend = "   ".join(f"{c} = {number_text(r, '', f['dec'], 0 if r == r.to_integral_value() else 1)} % "
                           f"{w['legend']}" for c, r in table.items())  # fmt: skip
        page.text(left, y, legend, regular, 8)
    page.right(right_edge, 30, w["page"].format(n=page_no, of=total_pages), regular, 7)
    return pdfwriter.write(pages, title=f"{w['title']} {d.number}")


def truth(d: Doc) -> dict[str, Any]:
    w = WORDS[d.lang]
    net = sum((i.amount for i in d.items), Decimal(0))
    tax = tax_of(d)
    return {
        "invoice_number": d.number,
        "invoice_date": d.issued.isoformat(),
        "document_type": "invoice",
        "currency": w["cur"],
        "seller_name": w["seller"][0],
        "buyer_name": w["buyer"][0],
        "tax_basis_total": str(net),
        "tax_total": str(tax),
        "grand_total": str(net + tax),
        "due_payable": str(net + tax),
        "line_items": [_line(i) for i in d.items],
    }


def _line(i: Item) -> dict[str, Any]:
    return {"name": i.name, "quantity": None if i.quantity is None else str(i.quantity), "unit": i.unit or None,
            "unit_price": None if i.price is None else str(i.price), "discount_percent": str(i.discount),
            "line_total": str(i.amount), "sku": i.code, "kind": i.kind, "tax_code": i.rate_code}  # fmt: skip


def write_dataset(
    out: Path, count: int, seed: int = DEFAULT_SEED, *, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    try:
        import reportlab  # noqa: F401  (the standard fonts' metrics)
    except ImportError as error:
        raise WriterMissing(
            "reportlab is not installed (the standard fonts' widths are read from it)"
        ) from error
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index, (layout, lang) in enumerate(_generator.plan(GENERATOR, count, seed, LAYOUTS, sorted(WORDS))):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        d = draw(lang, layout, rng)
        pdf = render(d)
        item = f"t{seed}-{index:04d}-{lang}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": lang, "layout": layout,
                            "format": "pdf", "factors": dict(d.factors)}  # fmt: skip
        _generator.write_truth(out, item, record)
        text = "".join(page_text(pdf).split())
        unprinted = [
            f"line_items[{n}]" for n, i in enumerate(d.items)
            if "".join(signed(i.amount, d.factors).split()) not in text
        ]  # fmt: skip
        rows.append(_generator.manifest_row(item, locale=lang, layout=layout, kind="typed", factors=d.factors,
                                            missing=unprinted, implied=[]))  # fmt: skip
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows
