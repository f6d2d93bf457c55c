"""The sixth generator's layouts: how a small firm's word processor, an ERP print-out and a till print
a document. Each builds a python-docx document from a Sheet; LibreOffice prints it (dataset.py).

Invoices: ``grid_classic``, ``textbox_letterhead``, ``letter_tabs``, ``parties_side_by_side``,
``minimal_serif``, ``banded``, ``footer_identity``, ``services_hours``, ``sidebar``, ``typewriter``,
``multipage_carry``, ``justified_notice``; ERP print-outs: ``erp_boxes``, ``erp_listing``; till receipts:
``receipt_till``, ``receipt_card``."""

from __future__ import annotations

import random
from collections.abc import Callable

import docx
from docx.document import Document as DocxDocument
from docx.shared import Pt, RGBColor
from evals.synth6.locales import Locale
from evals.synth6.model import RECEIPT_LAYOUTS, Line, draw_document
from evals.synth6.sheet import (
    Sheet,
    page_break,
    page_field,
    para,
    repeat_header,
    right_table,
    setup,
    shade,
    table,
    textbox,
)

FONTS = {
    "grid_classic": ("Liberation Sans", 9.5),
    "textbox_letterhead": ("DejaVu Serif", 9),
    "letter_tabs": ("Liberation Serif", 11),
    "parties_side_by_side": ("DejaVu Sans", 8.5),
    "minimal_serif": ("Liberation Serif", 10.5),
    "banded": ("Liberation Sans Narrow", 10),
    "footer_identity": ("DejaVu Sans", 9),
    "services_hours": ("Liberation Sans", 10),
    "sidebar": ("DejaVu Sans Condensed", 8.5),
    "typewriter": ("DejaVu Sans Mono", 8.5),
    "multipage_carry": ("Liberation Sans", 9),
    "justified_notice": ("DejaVu Serif", 9.5),
    "erp_boxes": ("Liberation Sans Narrow", 9),
    "erp_listing": ("Liberation Mono", 8),
    "receipt_till": ("DejaVu Sans Mono", 7.5),
    "receipt_card": ("Liberation Sans Narrow", 8.5),
}


def draw_sheet(layout: str, tag: str, rng: random.Random) -> Sheet:
    from evals.synth6.locales import LOCALES

    loc: Locale = LOCALES[tag]
    doc = draw_document(layout, loc, rng)
    font = FONTS[layout][0]
    receipt = layout in RECEIPT_LAYOUTS
    return Sheet(
        doc=doc,
        layout=layout,
        rng=rng,
        font=font,
        money_pattern=rng.choice(loc.money),
        numeric_date=rng.choice(loc.numeric_dates),
        month_dates=not receipt and rng.random() < 0.3,
        negative=rng.choice(("-{}", "-{}", "{}-", "{}")),
    )


# --- shared blocks ---------------------------------------------------------------------------------


def seller_lines(s: Sheet, *, vat: bool = True, contact: bool = True) -> list[str]:
    p = s.doc.seller
    lines = [p.street, *s.city_lines(p.postcode, p.city)]
    if contact:
        lines.append(f"{s.w('phone')} {p.phone}")
        lines.append(p.email)
    if vat and p.vat_id:
        lines.append(f"{s.w('vat_id')}: {p.vat_id}")
    return lines


def buyer_lines(s: Sheet) -> list[str]:
    b = s.doc.buyer
    if b is None:
        return []
    return [b.name, b.street, *s.city_lines(b.postcode, b.city)]


def return_line(s: Sheet) -> str:
    p = s.doc.seller
    return " · ".join([p.name, p.street, " ".join(s.city_lines(p.postcode, p.city))])


COLUMNS = {
    "pos": "pos",
    "sku": "pos",
    "item": "item",
    "qty": "qty",
    "unit": "qty",
    "price": "price",
    "disc": "disc",
    "rate": "rate",
    "amount": "amount",
}


def item_rows(
    s: Sheet, cols: tuple[str, ...], lines: list[Line] | None = None, *, header: bool = True
) -> list[list[str]]:
    """Header and one row per line; amounts bare (the currency is in the totals or a note)."""
    rows: list[list[str]] = []
    if header:
        heads = {"sku": "#", "unit": ""}
        rows.append([heads.get(c) or s.w(COLUMNS[c]) for c in cols])
    for ln in lines if lines is not None else s.doc.lines:
        cell = {
            "pos": str(ln.pos),
            "sku": ln.sku,
            "item": ln.text,
            "qty": f"{s.plain(ln.quantity)} {s.unit(ln.unit)}",
            "unit": s.unit(ln.unit),
            "price": s.amount(ln.price),
            "disc": s.rate(ln.discount) if ln.discount else "",
            "rate": s.rate(ln.rate),
            "amount": s.amount(ln.net, signed=True),
        }
        if "unit" in cols:
            cell["qty"] = s.plain(ln.quantity)
        rows.append([cell[c] for c in cols])
    return rows


def columns_for(s: Sheet, base: tuple[str, ...]) -> tuple[str, ...]:
    """Drops the discount column when no line has one and the rate column when every line has the same rate."""
    lines = s.doc.lines
    out = tuple(c for c in base if not (c == "disc" and not any(ln.discount for ln in lines)))
    if len({ln.rate for ln in lines}) == 1 and s.rng.random() < 0.5:
        out = tuple(c for c in out if c != "rate")
    return out


WIDTH = {
    "pos": 12,
    "sku": 18,
    "item": 0,
    "qty": 22,
    "unit": 12,
    "price": 24,
    "disc": 14,
    "rate": 14,
    "amount": 26,
}


def widths(cols: tuple[str, ...], total: float) -> list[float]:
    fixed = sum(WIDTH[c] for c in cols)
    return [WIDTH[c] or max(40, total - fixed) for c in cols]


def aligns(cols: tuple[str, ...]) -> str:
    return "".join("l" if c in ("item", "sku", "unit") else "c" if c == "pos" else "r" for c in cols)


def items_table(s: Sheet, container: object, base: tuple[str, ...], total: float, **kw: object) -> None:
    cols = columns_for(s, base)
    t = table(container, item_rows(s, cols), widths(cols, total), align=aligns(cols), **kw)  # type: ignore[arg-type]
    repeat_header(t)


def totals_table(
    s: Sheet, container: object, *, width: float = 80, borders: str = "none", shade_last: str | None = None
) -> None:
    rows = [[label, value] for label, value in s.totals()]
    t = table(container, rows, [width - 30, 30], header=False, align="lr", borders=borders, bold_last=True)
    right_table(t)
    if shade_last:
        for cell in t.rows[-1].cells:
            shade(cell, shade_last)


def totals_tabbed(s: Sheet, container: object, *, at: float = 174, leader: str = "") -> None:
    rows = s.totals()
    for i, (label, value) in enumerate(rows):
        para(
            container,
            f"\t{label}\t{value}",
            tabs=((at - 75, "l", ""), (at, "r", leader)),
            bold=i == len(rows) - 1 or label == s.w("total"),
        )


def payment_block(
    s: Sheet, container: object, *, align: str = "l", bank: bool = True, size: float | None = None
) -> None:
    for sentence in s.payment_sentences():
        para(container, sentence, align=align, size=size, after=2)
    if bank and s.bank_lines():
        para(container, f"{s.w('bank')}: " + ", ".join(s.bank_lines()), align=align, size=size, before=4)


def footer_columns(s: Sheet, docx: DocxDocument, *, size: float = 7, with_bank: bool = True) -> None:
    p = s.doc.seller
    left = "\n".join([p.name, p.street, *s.city_lines(p.postcode, p.city)])
    middle = "\n".join(
        [f"{s.w('phone')} {p.phone}", p.email] + ([f"{s.w('vat_id')}: {p.vat_id}"] if p.vat_id else [])
    )
    right = "\n".join([s.w("bank"), *s.bank_lines()]) if with_bank else ""
    footer = docx.sections[0].footer
    footer.paragraphs[0].text = ""
    t = table(
        footer, [[left, middle, right]], [58, 58, 58], header=False, borders="none", size=size, width=174
    )
    del t


def new(
    s: Sheet,
    *,
    width: float = 210,
    height: float = 297,
    margins: tuple[float, float, float, float] = (18, 18, 20, 22),
) -> DocxDocument:
    d = docx.Document()
    setup(d, s.font, FONTS[s.layout][1], width=width, height=height, margins=margins)
    return d


def meta_tabbed(
    s: Sheet, container: object, rows: list[tuple[str, str]], *, left: float, right: float
) -> None:
    for label, value in rows:
        para(container, f"\t{label}:\t{value}", tabs=((left, "l", ""), (right, "r", "")))


def sign_off(s: Sheet, container: object) -> None:
    para(container, s.w("thanks"), before=8, italic=True)


# --- invoices --------------------------------------------------------------------------------------


def grid_classic(s: Sheet) -> DocxDocument:
    d = new(s)
    doc = s.doc
    para(d, doc.seller.name, bold=True, size=15)
    para(d, " · ".join(seller_lines(s, vat=False, contact=False)), size=8, after=10)
    para(d, s.w("bill_to").upper(), size=7, bold=True)
    para(d, "\n".join(buyer_lines(s)), after=12)
    para(d, s.title(), bold=True, size=16, after=4)
    meta_tabbed(s, d, s.meta(), left=0, right=70)
    para(d, "", after=8)
    items_table(
        s, d, ("pos", "item", "qty", "price", "disc", "rate", "amount"), 174, shade_header="D9D9D9", size=8.5
    )
    para(d, "", after=6)
    totals_table(s, d, width=90, borders="rows")
    para(d, "", after=8)
    payment_block(s, d)
    sign_off(s, d)
    footer_columns(s, d)
    return d


def textbox_letterhead(s: Sheet) -> DocxDocument:
    d = new(s, margins=(22, 18, 22, 22))
    doc = s.doc
    para(d, "\n".join(buyer_lines(s)), before=40, after=18)
    lines = [(doc.seller.name, True, 11.0)] + [(x, False, 8.0) for x in seller_lines(s)]
    textbox(d, lines, left=118, top=14, width=74, height=8 + 5 * len(lines))
    para(d, s.title(), bold=True, size=18, after=6)
    rows = [[label, value] for label, value in s.meta()]
    table(d, rows, [45, 60], header=False, borders="none")
    para(d, "", after=8)
    items_table(s, d, ("item", "qty", "price", "rate", "amount"), 170, borders="head")
    para(d, "", after=6)
    totals_tabbed(s, d, at=170, leader=".")
    para(d, "", after=6)
    payment_block(s, d, align="j")
    sign_off(s, d)
    return d


def letter_tabs(s: Sheet) -> DocxDocument:
    d = new(s, margins=(25, 20, 20, 25))
    doc = s.doc
    para(d, doc.seller.name, bold=True, size=16, align="r")
    para(d, "\n".join(seller_lines(s, vat=False)), size=8.5, align="r", after=14)
    para(d, return_line(s), size=6.5, after=2)
    para(d, "\n".join(buyer_lines(s)), after=16)
    para(d, f"{doc.seller.city}, {s.date(doc.issue)}", align="r", after=12)
    para(d, f"{s.title()} — {s.number_label()} {doc.number}", bold=True, after=8)
    para(d, s.w("intro"), align="j", after=8)
    extra = [(label, value) for label, value in s.meta()[2:]]
    for label, value in extra:
        para(d, f"{label}:\t{value}", tabs=((55, "l", ""),))
    para(d, "", after=6)
    tabs = ((14, "r", ""), (18, "l", ""), (128, "r", ""), (165, "r", ""))
    para(d, f"\t{s.w('qty')}\t{s.w('item')}\t{s.w('price')}\t{s.w('amount')}", tabs=tabs, bold=True)
    for ln in doc.lines:
        para(
            d,
            f"\t{s.plain(ln.quantity)}\t{ln.text}\t{s.amount(ln.price)}\t{s.amount(ln.net, signed=True)}",
            tabs=tabs,
        )
    para(d, "", after=6)
    totals_tabbed(s, d, at=165, leader=".")
    para(d, "", after=8)
    payment_block(s, d, align="j")
    para(d, s.w("regards"), before=10)
    para(d, doc.seller.name, before=14)
    f = d.sections[0].footer.paragraphs[0]
    f.alignment = 1
    bank = " · ".join(s.bank_lines())
    f.add_run(
        " · ".join(x for x in (doc.seller.name, f"{s.w('vat_id')} {doc.seller.vat_id}", bank) if x)
    ).font.size = Pt(7)
    return d


def parties_side_by_side(s: Sheet) -> DocxDocument:
    d = new(s)
    doc = s.doc
    para(d, s.title(), bold=True, size=20, align="r", after=8)
    left = "\n".join([doc.seller.name, *seller_lines(s)])
    right = "\n".join([s.w("bill_to") + ":", *buyer_lines(s)])
    table(d, [[left, right]], [87, 87], header=False, borders="all")
    para(d, "", after=6)
    meta = s.meta()
    for start in range(0, len(meta), 4):
        chunk = meta[start : start + 4]
        table(
            d,
            [[label for label, _ in chunk], [value for _, value in chunk]],
            [174 / len(chunk)] * len(chunk),
            borders="all",
            shade_header="EEEEEE",
            size=8,
        )
    para(d, "", after=6)
    items_table(
        s,
        d,
        ("pos", "sku", "item", "qty", "unit", "price", "disc", "rate", "amount"),
        174,
        shade_header="CCCCCC",
        size=8,
    )
    para(d, "", after=6)
    if len(doc.taxes) > 1 or s.rng.random() < 0.5:
        rows = [[s.w("rate"), s.w("net"), s.w("tax")]] + [
            [f"{t.label} {s.rate(t.rate)}", s.money(t.base), s.money(t.tax)] for t in doc.taxes
        ]
        t = table(d, rows, [30, 30, 30], align="lrr", borders="rows", size=8)
        del t
        para(d, "", after=4)
    totals_table(s, d, width=80, borders="box", shade_last="EEEEEE")
    para(d, "", after=6)
    payment_block(s, d, size=8)
    return d


def minimal_serif(s: Sheet) -> DocxDocument:
    d = new(s, margins=(25, 25, 28, 25))
    doc = s.doc
    h = d.sections[0].header.paragraphs[0]
    h.text = doc.seller.name
    h.alignment = 1
    para(d, s.title().upper(), align="c", size=14, after=14)
    para(d, "\n".join(buyer_lines(s)), after=10)
    meta_tabbed(s, d, s.meta(), left=90, right=160)
    para(d, "", after=10)
    items_table(s, d, ("item", "qty", "price", "amount"), 160, borders="head")
    para(d, "", after=8)
    totals_tabbed(s, d, at=160)
    para(d, "", after=10)
    payment_block(s, d, bank=False)
    f = d.sections[0].footer.paragraphs[0]
    f.alignment = 1
    f.add_run(
        "\n".join(
            x
            for x in (
                " · ".join([doc.seller.name, *seller_lines(s, vat=False, contact=False)]),
                f"{s.w('vat_id')} {doc.seller.vat_id}",
                " · ".join(s.bank_lines()),
            )
            if x
        )
    )
    return d


def banded(s: Sheet) -> DocxDocument:
    d = new(s)
    doc = s.doc
    t = table(
        d,
        [[s.title(), f"{s.number_label()} {doc.number}\n{s.w('date')}: {s.date(doc.issue)}"]],
        [100, 74],
        header=False,
        borders="none",
        align="lr",
    )
    for cell in t.rows[0].cells:
        shade(cell, "1F3864")
        for p in cell.paragraphs:
            for r in p.runs:
                r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                r.bold = True
    t.rows[0].cells[0].paragraphs[0].runs[0].font.size = Pt(22)
    para(d, "", after=6)
    seller = "\n".join([doc.seller.name, *seller_lines(s)])
    buyer = "\n".join([s.w("bill_to"), *buyer_lines(s)])
    table(d, [[buyer, seller]], [100, 74], header=False, borders="none", align="lr", size=9)
    para(d, "", after=6)
    rest = [f"{label}: {value}" for label, value in s.meta()[2:]]
    if rest:
        para(d, "   |   ".join(rest), size=8.5, after=8)
    items_table(
        s,
        d,
        ("pos", "item", "qty", "price", "rate", "amount"),
        174,
        shade_header="BDD7EE",
        zebra="F2F2F2",
        borders="none",
    )
    para(d, "", after=6)
    totals_table(s, d, width=84, borders="none", shade_last="BDD7EE")
    para(d, "", after=8)
    payment_block(s, d)
    return d


def footer_identity(s: Sheet) -> DocxDocument:
    d = new(s, margins=(20, 20, 32, 30))
    doc = s.doc
    h = d.sections[0].header
    para(h, doc.seller.name, bold=True, size=13, align="r")
    para(h, f"{s.w('phone')} {doc.seller.phone} · {doc.seller.email}", size=7.5, align="r")
    h.paragraphs[0].text = ""
    para(d, return_line(s), size=6.5, after=2)
    para(d, "\n".join(buyer_lines(s)), after=14)
    para(d, s.title(), bold=True, size=14, after=4)
    meta = s.meta()
    para(
        d,
        "\t".join(f"{label}: {value}" for label, value in meta[:3]),
        after=2,
        size=8.5,
        tabs=((60, "l", ""), (120, "l", "")),
    )
    if meta[3:]:
        para(
            d,
            "\t".join(f"{label}: {value}" for label, value in meta[3:6]),
            after=2,
            size=8.5,
            tabs=((60, "l", ""), (120, "l", "")),
        )
    para(d, "", after=6)
    items_table(s, d, ("pos", "item", "qty", "unit", "price", "disc", "amount"), 170, borders="all")
    para(d, "", after=6)
    totals_table(s, d, width=80, borders="rows")
    para(d, "", after=6)
    payment_block(s, d, bank=False)
    sign_off(s, d)
    footer_columns(s, d, size=6.5)
    return d


def services_hours(s: Sheet) -> DocxDocument:
    d = new(s)
    doc = s.doc
    para(d, doc.seller.name, bold=True, size=13)
    para(d, "\n".join(seller_lines(s)), size=8, after=12)
    table(
        d,
        [[s.w("bill_to"), ""], ["\n".join(buyer_lines(s)), "\n".join(f"{a}: {b}" for a, b in s.meta())]],
        [85, 89],
        header=True,
        borders="none",
        size=9,
    )
    para(d, "", after=8)
    para(d, s.title(), bold=True, size=15, after=2)
    if doc.period:
        para(d, f"{s.w('period')}: {s.date(doc.period[0])} – {s.date(doc.period[1])}", after=8, italic=True)
    items_table(s, d, ("item", "qty", "price", "amount"), 174, borders="rows", size=9.5)
    para(d, "", after=6)
    totals_table(s, d, width=85)
    para(d, "", after=8)
    payment_block(s, d)
    sign_off(s, d)
    return d


def sidebar(s: Sheet) -> DocxDocument:
    d = new(s, margins=(10, 14, 14, 14))
    doc = s.doc
    outer = table(d, [["", ""]], [52, 134], header=False, borders="none")
    left, right = outer.rows[0].cells
    shade(left, "EDEDED")
    left.paragraphs[0].text = ""
    para(left, doc.seller.name, bold=True, size=11, after=6)
    for line in seller_lines(s):
        para(left, line, size=7.5)
    para(left, "", after=8)
    para(left, s.w("bank"), bold=True, size=7.5)
    for line in s.bank_lines():
        para(left, line, size=7.5)
    right.paragraphs[0].text = ""
    para(right, s.title(), bold=True, size=18, align="r", after=8)
    para(right, "\n".join(buyer_lines(s)), after=8)
    for label, value in s.meta():
        para(right, f"{label}\t{value}", tabs=((70, "l", ""),), size=8)
    para(right, "", after=6)
    items_table(s, right, ("item", "qty", "price", "rate", "amount"), 130, borders="rows", size=8)
    para(right, "", after=6)
    for label, value in s.totals():
        para(right, f"{label}\t{value}", tabs=((128, "r", ""),), align="l")
    para(right, "", after=6)
    payment_block(s, right, bank=False, size=8)
    return d


def typewriter(s: Sheet) -> DocxDocument:
    d = new(s, margins=(20, 15, 20, 20))
    doc = s.doc
    width = 84
    out = [
        doc.seller.name.upper(),
        *seller_lines(s),
        "",
        "\n".join(buyer_lines(s)),
        "",
        s.title().upper(),
        "",
    ]
    for label, value in s.meta():
        out.append(f"{label + ':':<26}{value}")
    out += ["", "-" * width]
    out.append(f"{s.w('item'):<42}{s.w('qty'):>10}{s.w('price'):>14}{s.w('amount'):>18}")
    out.append("-" * width)
    for ln in doc.lines:
        text = ln.text if len(ln.text) <= 40 else ln.text[:40]
        if text != ln.text:
            out.append(ln.text)
            text = ""
        out.append(
            f"{text:<42}{s.plain(ln.quantity):>10}{s.amount(ln.price):>14}{s.amount(ln.net, signed=True):>18}"
        )
    out.append("-" * width)
    for label, value in s.totals():
        out.append(f"{label:>62}{value:>22}")
    out.append("=" * width)
    for line in out:
        para(d, line)
    para(d, "")
    payment_block(s, d)
    return d


def multipage_carry(s: Sheet) -> DocxDocument:
    d = new(s, margins=(18, 18, 28, 24))
    doc = s.doc
    h = d.sections[0].header
    h.paragraphs[0].text = ""
    para(h, f"{doc.seller.name}\t{s.number_label()} {doc.number}", tabs=((174, "r", ""),), size=8)
    fp = d.sections[0].footer.paragraphs[0]
    fp.alignment = 1
    page_field(fp, s.w("page"))
    para(d, "\n".join(seller_lines(s)), size=8, align="r", after=8)
    para(d, "\n".join(buyer_lines(s)), after=10)
    para(d, s.title(), bold=True, size=15, after=4)
    meta_tabbed(s, d, s.meta(), left=0, right=75)
    para(d, "", after=8)
    cols = columns_for(s, ("pos", "sku", "item", "qty", "price", "rate", "amount"))
    per_page = 20 if len(doc.lines) > 24 else 14
    running = 0 * doc.line_total
    chunks = [doc.lines[i : i + per_page] for i in range(0, len(doc.lines), per_page)]

    def carry(label: str) -> list[str]:
        row = [""] * len(cols)
        row[cols.index("item")], row[-1] = label, s.amount(running, signed=True)
        return row

    for n, chunk in enumerate(chunks):
        rows = item_rows(s, cols, chunk)
        if n:
            rows.insert(1, carry(s.w("brought", n=n)))
        running += sum(ln.net for ln in chunk)
        if n < len(chunks) - 1:
            rows.append(carry(s.w("carried")))
        table(d, rows, widths(cols, 174), align=aligns(cols), borders="rows", size=8)
        if n < len(chunks) - 1:
            page_break(d)
    para(d, "", after=6)
    totals_table(s, d, width=90, borders="rows")
    para(d, "", after=6)
    payment_block(s, d)
    return d


def justified_notice(s: Sheet) -> DocxDocument:
    d = new(s, margins=(24, 24, 22, 22))
    doc = s.doc
    para(d, doc.seller.name, bold=True, size=13, align="c")
    para(d, " – ".join(seller_lines(s)), size=7.5, align="c", after=14)
    para(d, "\n".join(buyer_lines(s)), after=14)
    meta = s.meta()
    para(d, f"{s.title()}", bold=True, size=12, after=4)
    para(d, "; ".join(f"{label} {value}" for label, value in meta) + ".", align="j", after=8)
    para(d, s.w("intro"), align="j", after=8)
    items_table(s, d, ("item", "qty", "price", "amount"), 162, borders="all", size=9)
    para(d, "", after=8)
    para(d, "; ".join(f"{label}: {value}" for label, value in s.totals()) + ".", align="j", after=8)
    payment_block(s, d, align="j")
    para(d, s.w("regards"), before=10)
    return d


# --- ERP print-outs ----------------------------------------------------------------------------------


def erp_boxes(s: Sheet) -> DocxDocument:
    d = new(s, margins=(15, 15, 15, 18))
    doc = s.doc
    top = table(
        d,
        [[doc.seller.name + "\n" + "\n".join(seller_lines(s, contact=False)), s.title()]],
        [110, 70],
        header=False,
        borders="none",
        align="lr",
        size=8,
    )
    top.rows[0].cells[1].paragraphs[0].runs[0].font.size = Pt(16)
    para(d, "", after=4)
    para(d, return_line(s), size=6)
    para(d, "\n".join(buyer_lines(s)), after=8)
    boxes = s.meta()
    boxes.append((s.w("contact"), doc.contact))
    if doc.weight is not None:
        boxes.append((s.w("weight"), f"{s.plain(doc.weight)} kg"))
    grid = table(
        d,
        [["", "", "", ""] for _ in range((len(boxes) + 3) // 4)],
        [45, 45, 45, 45],
        header=False,
        borders="all",
    )
    for i, (label, value) in enumerate(boxes):
        cell = grid.cell(i // 4, i % 4)
        cell.paragraphs[0].text = ""
        para_in = cell.paragraphs[0]
        run = para_in.add_run(label)
        run.font.size = Pt(6.5)
        para(cell, value, bold=True, size=9)
    para(d, "", after=6)
    items_table(
        s,
        d,
        ("pos", "sku", "item", "qty", "unit", "price", "disc", "rate", "amount"),
        180,
        borders="rows",
        size=8,
    )
    para(d, "", after=6)
    rows = [[s.w("rate"), s.w("net"), s.w("tax")]] + [
        [f"{t.label} {s.rate(t.rate)}", s.amount(t.base), s.amount(t.tax)] for t in doc.taxes
    ]
    table(d, rows, [35, 30, 30], align="lrr", borders="all", size=7.5)
    para(d, "", after=4)
    totals_table(s, d, width=80, borders="box")
    para(d, "", after=6)
    payment_block(s, d, size=8)
    footer_columns(s, d, size=6.5)
    return d


def erp_listing(s: Sheet) -> DocxDocument:
    d = new(s, margins=(14, 14, 14, 16))
    doc = s.doc
    para(d, f"{doc.seller.name}  *  {' * '.join(seller_lines(s, contact=False))}", size=7, after=6)
    para(d, "\n".join(buyer_lines(s)), after=8)
    para(d, f"{s.title().upper()}", bold=True, size=12, after=4)
    meta = s.meta()
    meta.append((s.w("contact"), doc.contact))
    rows = []
    for i in range(0, len(meta), 2):
        pair = meta[i : i + 2] + [("", "")] * (2 - len(meta[i : i + 2]))
        rows.append([pair[0][0], pair[0][1], pair[1][0], pair[1][1]])
    table(d, rows, [40, 50, 40, 50], header=False, borders="none", size=8)
    para(d, "", after=6)
    cols = ("pos", "sku", "item", "qty", "unit", "price", "disc", "rate", "amount")
    cols = columns_for(s, cols)
    body = item_rows(s, cols)
    if doc.delivery_note:
        body.insert(1, ["", "", f"{s.w('delivery_note')} {doc.delivery_note}"] + [""] * (len(cols) - 3))
    table(d, body, widths(cols, 182), align=aligns(cols), borders="rows", size=7.5)
    para(d, "", after=6)
    for label, value in s.totals():
        para(d, f"{label}\t{value}", tabs=((150, "l", ""), (182, "r", "")), align="l")
    para(d, "", after=6)
    payment_block(s, d, size=7.5)
    fp = d.sections[0].footer.paragraphs[0]
    page_field(fp, s.w("page"))
    return d


# --- till receipts -----------------------------------------------------------------------------------


def pad(label: str, value: str, width: int) -> str:
    """``label`` and ``value`` on one line of ``width`` characters (the label cut when both do not fit)."""
    room = max(1, width - len(value) - 1)
    return f"{label[:room]:<{room}} {value}"


def receipt_till(s: Sheet) -> DocxDocument:
    doc = s.doc
    height = 120 + 9 * len(doc.lines) + 6 * len(doc.taxes)
    d = new(s, width=80, height=height, margins=(4, 4, 5, 5))
    width = 40
    para(d, doc.seller.name, bold=True, align="c", size=10)
    for line in seller_lines(s, contact=False):
        para(d, line, align="c")
    para(d, "")
    para(d, s.title(), align="c", bold=True)
    para(d, f"{s.date(doc.issue)} {doc.at:%H:%M}" if doc.at else s.date(doc.issue))
    para(d, f"{s.number_label()}: {doc.number}   {s.w('cashier')} {doc.till}")
    para(d, "-" * width)
    codes = {t.rate: "ABCD"[i] for i, t in enumerate(doc.taxes)}
    room = width - 14
    for ln in doc.lines:
        amount = f"{s.amount(ln.net):>11} {codes[ln.rate]}"
        if ln.quantity != 1:
            para(d, ln.text)
            qty = f"{s.plain(ln.quantity)} {s.unit(ln.unit)} x {s.amount(ln.price)}"
            para(d, f"  {qty:<{room - 2}}  {amount}")
        elif len(ln.text) > room:
            para(d, ln.text)
            para(d, f"{'':<{room}}  {amount}")
        else:
            para(d, f"{ln.text:<{room}}  {amount}")
    para(d, "-" * width)
    para(d, pad(s.w("till_total"), s.money(doc.grand_total), 32), bold=True, size=9)
    if doc.cash_given is not None and doc.change is not None:
        para(d, pad(s.w("cash"), s.amount(doc.cash_given), width))
        para(d, pad(s.w("change"), s.amount(doc.change), width))
    elif doc.card:
        para(d, pad(s.w("card"), s.amount(doc.grand_total), width))
    para(d, "-" * width)
    para(d, f"{'':<4}{s.w('tax'):>9}{s.w('net')[:10]:>12}{s.w('gross')[:9]:>10}")
    for t in doc.taxes:
        para(
            d,
            f"{codes[t.rate]} {s.rate(t.rate):>6}{s.amount(t.tax):>8}{s.amount(t.base):>12}{s.amount(t.base + t.tax):>10}",
        )
    if len(doc.taxes) > 1:
        para(
            d,
            f"{'':<2}{'':>6}{s.amount(doc.tax_total):>8}{s.amount(doc.net_total):>12}{s.amount(doc.grand_total):>10}",
        )
    para(d, "")
    if not s.currency_shown():
        para(d, s.w("currency_note", code=doc.currency), align="c")
    para(d, s.w("thanks"), align="c")
    return d


def receipt_card(s: Sheet) -> DocxDocument:
    doc = s.doc
    height = 150 + 8 * len(doc.lines) + 8 * len(doc.taxes)
    d = new(s, width=72, height=height, margins=(4, 4, 6, 6))
    box = table(
        d,
        [[doc.seller.name + "\n" + "\n".join(seller_lines(s, contact=True))]],
        [62],
        header=False,
        borders="box",
        align="c",
        size=8,
    )
    box.rows[0].cells[0].paragraphs[0].runs[0].bold = True
    para(d, "", after=4)
    para(d, f"{s.number_label()} {doc.number}", align="c", after=4)
    rows = []
    for ln in doc.lines:
        text = (
            ln.text
            if ln.quantity == 1
            else f"{ln.text}\n{s.plain(ln.quantity)} {s.unit(ln.unit)} x {s.amount(ln.price)}"
        )
        rows.append([text, s.amount(ln.net)])
    table(d, rows, [44, 18], header=False, borders="none", align="lr", size=8)
    para(d, "", after=2)
    para(
        d,
        f"{s.w('till_total') if s.rng.random() < 0.5 else s.w('total')}\t{s.money(doc.grand_total)}",
        bold=True,
        size=11,
        tabs=((63, "r", ""),),
        before=2,
        after=4,
    )
    for t in doc.taxes:
        para(d, f"{s.w('incl', rate=s.plain(t.rate))}\t{s.amount(t.tax)}", tabs=((63, "r", ""),), size=7.5)
    if len(doc.taxes) > 1:
        para(d, f"{s.w('tax_sum')}\t{s.amount(doc.tax_total)}", tabs=((63, "r", ""),), size=7.5)
    para(d, f"{s.w('net')}\t{s.amount(doc.net_total)}", tabs=((63, "r", ""),), size=7.5, after=6)
    if doc.card:
        para(d, f"{s.w('card')}\t{s.amount(doc.grand_total)}", tabs=((63, "r", ""),))
        para(d, doc.card, size=7.5)
        para(d, f"Auth {doc.extras.get('auth', '')}  TID {doc.extras.get('terminal', '')}", size=7.5)
    elif doc.cash_given is not None and doc.change is not None:
        para(d, f"{s.w('cash')}\t{s.amount(doc.cash_given)}", tabs=((63, "r", ""),))
        para(d, f"{s.w('change')}\t{s.amount(doc.change)}", tabs=((63, "r", ""),))
    para(d, "", after=4)
    para(d, f"{s.date(doc.issue)}  {doc.at:%H:%M:%S}" if doc.at else s.date(doc.issue), align="c")
    para(d, f"{s.w('cashier')} {doc.till}", align="c")
    if not s.currency_shown():
        para(d, s.w("currency_note", code=doc.currency), align="c", size=7)
    para(d, s.w("thanks"), align="c", italic=True, before=4)
    return d


LAYOUTS: dict[str, Callable[[Sheet], DocxDocument]] = {
    "grid_classic": grid_classic,
    "textbox_letterhead": textbox_letterhead,
    "letter_tabs": letter_tabs,
    "parties_side_by_side": parties_side_by_side,
    "minimal_serif": minimal_serif,
    "banded": banded,
    "footer_identity": footer_identity,
    "services_hours": services_hours,
    "sidebar": sidebar,
    "typewriter": typewriter,
    "multipage_carry": multipage_carry,
    "justified_notice": justified_notice,
    "erp_boxes": erp_boxes,
    "erp_listing": erp_listing,
    "receipt_till": receipt_till,
    "receipt_card": receipt_card,
}


def build(s: Sheet) -> DocxDocument:
    return LAYOUTS[s.layout](s)
