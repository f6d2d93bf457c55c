"""The eighteenth generator's layouts, drawn with ReportLab's canvas and platypus tables (no browser): an
accountant package's boxed header grid, a wholesaler's article lines with units and discounts, a telecom or
utility bill with a period and a balance brought forward, a spreadsheet-made invoice, a self-employed
person's letter, a credit note, an invoice paid in instalments and an export invoice with Incoterms and two
currencies."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from evals.synth18.model import Doc, q
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation2"),
             Path("/usr/share/fonts/truetype/liberation"))  # fmt: skip
FACES = {"sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
         "arial": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
         "serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
         "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")}  # fmt: skip


class FontsMissing(RuntimeError):
    pass


def register_fonts() -> None:
    for face, files in FACES.items():
        for style, name in zip(("", "-B"), files, strict=True):
            if f"{face}{style}" in pdfmetrics.getRegisteredFontNames():
                continue
            path = next((d / name for d in FONT_DIRS if (d / name).is_file()), None)
            if path is None:
                raise FontsMissing(f"font {name} not found (Debian fonts-dejavu-core, fonts-liberation2)")
            pdfmetrics.registerFont(TTFont(f"{face}{style}", str(path)))


W, H = A4


class Pad:
    """A page measured in mm from the top left corner."""

    def __init__(self, doc: Doc, face: str) -> None:
        self.doc = doc
        self.buffer = io.BytesIO()
        self.c = Canvas(self.buffer, pagesize=A4, invariant=1)
        self.c.setTitle(doc.number)
        self.face = face

    def text(self, x: float, y: float, s: str, size: float = 9, *, bold: bool = False, align: str = "l",
             face: str | None = None) -> None:  # fmt: skip
        self.c.setFont((face or self.face) + ("-B" if bold else ""), size)
        if align == "r":
            self.c.drawRightString(x * mm, H - y * mm, s)
        elif align == "c":
            self.c.drawCentredString(x * mm, H - y * mm, s)
        else:
            self.c.drawString(x * mm, H - y * mm, s)

    def lines(
        self, x: float, y: float, rows: list[str], size: float = 9, lead: float = 4.2, **kw: object
    ) -> float:
        for i, row in enumerate(rows):
            self.text(x, y + i * lead, row, size, **kw)  # type: ignore[arg-type]
        return y + len(rows) * lead

    def box(self, x: float, y: float, w: float, h: float, fill: object = None) -> None:
        self.c.setLineWidth(0.5)
        if fill is not None:
            self.c.setFillColor(fill)
            self.c.rect(x * mm, H - (y + h) * mm, w * mm, h * mm, stroke=1, fill=1)
            self.c.setFillColor(colors.black)
        else:
            self.c.rect(x * mm, H - (y + h) * mm, w * mm, h * mm)

    def rule(self, x1: float, y: float, x2: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x1 * mm, H - y * mm, x2 * mm, H - y * mm)

    def table(self, x: float, y: float, data: list[list[str]], widths: list[float], style: list[tuple],
              size: float = 8.5) -> float:  # fmt: skip
        t = Table(data, colWidths=[w * mm for w in widths])
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), self.face, size),
                               ("FONT", (0, 0), (-1, 0), self.face + "-B", size), *style]))  # fmt: skip
        _, height = t.wrapOn(self.c, W, H)
        t.drawOn(self.c, x * mm, H - y * mm - height)
        return y + height / mm

    def pdf(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buffer.getvalue()


# ---------------------------------------------------------------- shared pieces


def seen(doc: Doc, name: str, *forms: str) -> None:
    doc.printed.setdefault(name, []).extend(f for f in forms if f)


def colon(doc: Doc, rng: random.Random) -> str:
    if "colon" not in doc.factors:
        doc.factors["colon"] = rng.choice([":", ":", ""])
    return doc.factors["colon"]


def address(p_: object) -> list[str]:
    p = p_  # a Party
    town = f"{p.postcode} {p.city}" if p.country not in ("GB", "US") else f"{p.city} {p.postcode}"  # type: ignore[attr-defined]
    if p.country == "US":  # type: ignore[attr-defined]
        town = f"{p.city} {p.postcode}"  # type: ignore[attr-defined]
    return [p.street, town]  # type: ignore[attr-defined]


def seller_ids(doc: Doc, rng: random.Random) -> list[str]:
    w, s = doc.words, doc.seller
    out = [f"{doc.pick(rng, 'vat_id')}{colon(doc, rng)} {s.vat_shown}"]
    seen(doc, "vendor_vat_id", s.vat_shown or "")
    out.append(f"{doc.pick(rng, 'iban')}{colon(doc, rng)} {s.iban_shown}")
    seen(doc, "vendor_iban", s.iban_shown or "")
    del w
    return out


def head_fields(doc: Doc, rng: random.Random, *, due: bool = True) -> list[tuple[str, str]]:
    """(label, value) of the number, the date, maybe the customer number, and the due date."""
    k = colon(doc, rng)
    rows = [(doc.pick(rng, "number") + k, doc.number), (doc.pick(rng, "date") + k, doc.date(doc.issued))]
    seen(doc, "invoice_number", doc.number)
    seen(doc, "invoice_date", doc.date(doc.issued))
    if rng.random() < 0.5:
        rows.insert(1, (doc.pick(rng, "customer_no") + k, str(rng.randint(10000, 99999))))
    if due and doc.due is not None:
        rows.append((doc.pick(rng, "due") + k, doc.date(doc.due)))
        seen(doc, "due_date", doc.date(doc.due))
    return rows


def totals_rows(doc: Doc, rng: random.Random, *, sign: int = 1) -> list[tuple[str, str]]:
    """Net, VAT, total (and the amount to pay where it differs), with the currency drawn into the figures."""
    rows = [(doc.pick(rng, "net"), doc.money(sign * doc.net))]
    vat_label = doc.pick(rng, "vat").format(
        r=doc.num(doc.rate, places=0 if doc.rate == doc.rate.to_integral() else 1)
    )
    rows.append((vat_label, doc.money(sign * doc.tax)))
    rows.append((doc.pick(rng, "total"), doc.money(sign * doc.total)))
    seen(doc, "total", doc.num(doc.total))
    seen(doc, "currency", *doc.currency_marks())
    return rows


def vendor_seen(doc: Doc) -> None:
    seen(doc, "vendor", doc.seller.name)


def buyer_block(pad: Pad, doc: Doc, rng: random.Random, x: float, y: float, *, heading: bool = True) -> float:
    rows = [doc.buyer.name, *address(doc.buyer)]
    if doc.buyer.country != doc.seller.country:
        rows.append(doc.words.country_names.get(doc.buyer.country, doc.buyer.country).upper())
    seen(doc, "buyer", doc.buyer.name)
    if heading:
        pad.text(x, y, doc.pick(rng, "buyer") + colon(doc, rng), 7.5, bold=True)
        y += 4.5
    return pad.lines(x, y, rows, 9.5)


def item_rows(doc: Doc, *, article: bool = False, discount: bool = False, unit: bool = True,
              sign: int = 1) -> list[list[str]]:  # fmt: skip
    w = doc.words
    head = [w.pos] + ([w.article] if article else []) + [w.description, w.qty] + ([w.unit] if unit else [])
    head += [w.price] + ([w.discount] if discount else []) + [w.amount]
    rows = [head]
    for i, line in enumerate(doc.lines, 1):
        qty = doc.num(line.qty, places=0 if line.qty == line.qty.to_integral() else 1)
        row = [str(i)] + ([line.code] if article else []) + [line.name, qty] + ([line.unit] if unit else [])
        row += [doc.num(line.price)] + ([f"{doc.num(line.discount, places=0)} %" if line.discount else ""]
                                       if discount else [])  # fmt: skip
        row += [doc.num(sign * line.total)]
        rows.append(row)
    return rows


GRID = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
RIGHT_FROM = lambda n: [("ALIGN", (n, 0), (-1, -1), "RIGHT")]  # noqa: E731


def totals_table(pad: Pad, doc: Doc, rows: list[tuple[str, str]], y: float, *, x: float = 110, bold_last: bool = True,
                 grid: bool = False) -> float:  # fmt: skip
    style = [("ALIGN", (1, 0), (1, -1), "RIGHT"), ("FONT", (0, 0), (-1, 0), pad.face, 9)]
    if bold_last:
        style.append(("FONT", (0, -1), (-1, -1), pad.face + "-B", 9.5))
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
    if grid:
        style += GRID
    return pad.table(x, y, [list(r) for r in rows], [52, 36], style, size=9)


def footer(pad: Pad, doc: Doc, rng: random.Random) -> None:
    s = doc.seller
    parts = [s.name, ", ".join(address(s)), *seller_ids(doc, rng)]
    vendor_seen(doc)
    pad.rule(15, 272, 195, 0.3)
    pad.text(105, 277, "  ·  ".join(parts[:2]), 7, align="c")
    pad.text(105, 281, "  ·  ".join(parts[2:]), 7, align="c")


# ---------------------------------------------------------------- layouts


def boxed_grid(doc: Doc, rng: random.Random) -> Pad:
    """An accountant package's invoice: the seller's letterhead, a window address, a grid of boxes with the
    label small above each value, a ruled item table, the totals in a box."""
    pad = Pad(doc, rng.choice(["arial", "sans"]))
    s = doc.seller
    pad.text(15, 22, s.name, 15, bold=True)
    vendor_seen(doc)
    pad.text(15, 28, " · ".join([s.street, f"{s.postcode} {s.city}", s.phone]), 7.5)
    pad.text(15, 48, f"{s.name} · {', '.join(address(s))}", 6)
    buyer_block(pad, doc, rng, 15, 54, heading=False)
    pad.text(15, 95, rng.choice(doc.words.invoice), 16, bold=True)
    cells = head_fields(doc, rng)
    cells = [(label.rstrip(":"), value) for label, value in cells] + [(doc.words.page, "1 / 1")]
    width = 180 / len(cells)
    for i, (label, value) in enumerate(cells):
        pad.box(15 + i * width, 100, width, 12)
        pad.text(16.5 + i * width, 104, label, 6.5)
        pad.text(16.5 + i * width, 109.5, value, 9.5, bold=True)
    y = pad.table(15, 118, item_rows(doc), [10, 78, 16, 16, 28, 32], [*GRID, *RIGHT_FROM(3)])
    rows = totals_rows(doc, rng)
    rows.append((doc.pick(rng, "to_pay"), doc.money(doc.due_amount)))
    seen(doc, "amount_due", doc.num(doc.due_amount))
    totals_table(pad, doc, rows, y + 5, grid=True)
    pad.text(
        15, y + 35, doc.words.terms.format(d=doc.date(doc.due), k=doc.extra["terms"]).replace("..", "."), 8.5
    )  # type: ignore[union-attr]
    footer(pad, doc, rng)
    return pad


def wholesale(doc: Doc, rng: random.Random) -> Pad:
    """A wholesaler's invoice: article numbers, units and a discount per row, order and delivery note numbers
    beside the invoice number in a column at the right."""
    pad = Pad(doc, rng.choice(["cond", "arial"]))
    s = doc.seller
    pad.text(195, 18, s.name.upper() if rng.random() < 0.4 else s.name, 14, bold=True, align="r")
    vendor_seen(doc)
    pad.lines(195, 24, [*address(s), s.phone, s.email], 7.5, 3.6, align="r")
    buyer_block(pad, doc, rng, 15, 50)
    k = colon(doc, rng)
    rows = head_fields(doc, rng)
    rows.insert(2, (doc.pick(rng, "order_no") + k, f"{rng.randint(4500000000, 4599999999)}"))
    rows.insert(3, (doc.pick(rng, "delivery") + k, doc.date(doc.issued)))
    title = rng.choice(doc.words.invoice)
    pad.text(120, 50, title, 13, bold=True)
    for i, (label, value) in enumerate(rows):
        pad.text(120, 57 + i * 4.6, label, 8.5)
        pad.text(195, 57 + i * 4.6, value, 8.5, align="r")
    y = pad.table(15, 95, item_rows(doc, article=True, discount=True),
                  [9, 22, 62, 14, 14, 20, 14, 25], [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                  ("LINEBELOW", (0, -1), (-1, -1), 0.4, colors.grey), *RIGHT_FROM(3)], size=8)  # fmt: skip
    rows2 = totals_rows(doc, rng)
    totals_table(pad, doc, rows2, y + 4)
    seen(doc, "amount_due", doc.num(doc.due_amount))
    pad.text(
        15, y + 30, doc.words.terms.format(d=doc.date(doc.due), k=doc.extra["terms"]).replace("..", "."), 8.5
    )  # type: ignore[union-attr]
    footer(pad, doc, rng)
    return pad


def utility(doc: Doc, rng: random.Random) -> Pad:
    """A telecom or utility bill: account number and billing period beside the number, the period's charges,
    then an account summary where the balance brought forward is added to this bill."""
    pad = Pad(doc, "sans")
    w, s = doc.words, doc.seller
    pad.box(0, 0, 210, 30, fill=colors.HexColor("#1d4e89"))
    pad.c.setFillColor(colors.white)
    pad.text(15, 17, s.name, 16, bold=True)
    pad.c.setFillColor(colors.black)
    vendor_seen(doc)
    buyer_block(pad, doc, rng, 15, 45, heading=False)
    k = colon(doc, rng)
    period = doc.extra["period"]
    rows = [(doc.pick(rng, "account") + k, str(rng.randint(100000000, 999999999))), *head_fields(doc, rng)]
    rows.insert(2, (doc.pick(rng, "period") + k, f"{doc.date(period[0])} – {doc.date(period[1])}"))  # type: ignore[index]
    pad.text(115, 42, rng.choice(w.invoice), 12, bold=True)
    for i, (label, value) in enumerate(rows):
        pad.text(115, 48 + i * 4.6, label, 8.5)
        pad.text(195, 48 + i * 4.6, value, 8.5, bold=True, align="r")
    y = pad.table(
        15,
        85,
        [[w.description, w.amount]] + [[ln.name, doc.num(ln.total)] for ln in doc.lines],
        [140, 40],
        [("ALIGN", (1, 0), (1, -1), "RIGHT"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)],
    )
    y = totals_table(pad, doc, totals_rows(doc, rng), y + 3, x=107)
    summary = [
        [w.previous, doc.money(doc.extra["prev"])],  # type: ignore[arg-type]
        [w.payments, doc.money(-doc.extra["pay"])],  # type: ignore[operator]
        [w.balance, doc.money(doc.extra["carried"])],  # type: ignore[arg-type]
        [w.current, doc.money(doc.total)],
        [doc.pick(rng, "to_pay"), doc.money(doc.due_amount)],
    ]
    seen(doc, "amount_due", doc.num(doc.due_amount))
    pad.table(15, y + 8, summary, [90, 40], [("BOX", (0, 0), (-1, -1), 0.6, colors.black),
              ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("FONT", (0, -1), (-1, -1), "sans-B", 9.5),
              ("FONT", (0, 0), (-1, 0), "sans", 9), ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black)], size=9)  # fmt: skip
    footer(pad, doc, rng)
    return pad


def spreadsheet(doc: Doc, rng: random.Random) -> Pad:
    """An invoice someone made in a spreadsheet: every value in a gridded cell, labels in the left column
    beside their values without colons, the seller's name in a merged title row."""
    pad = Pad(doc, "arial")
    w, s = doc.words, doc.seller
    doc.factors["colon"] = ""
    head = [[s.name, "", "", ""], [", ".join(address(s)), "", "", ""], ["", "", "", ""]]
    vendor_seen(doc)
    fields = head_fields(doc, rng)
    head.append([rng.choice(w.invoice).upper(), "", doc.pick(rng, "buyer"), ""])
    buyer = [doc.buyer.name, *address(doc.buyer)]
    seen(doc, "buyer", doc.buyer.name)
    for i in range(max(len(fields), len(buyer))):
        label, value = fields[i] if i < len(fields) else ("", "")
        head.append([label, value, buyer[i] if i < len(buyer) else "", ""])
    style = [
        *GRID,
        ("SPAN", (0, 0), (3, 0)),
        ("SPAN", (0, 1), (3, 1)),
        ("FONT", (0, 0), (-1, 0), "arial-B", 13),
    ]
    y = pad.table(15, 15, head, [45, 45, 60, 30], style, size=9)
    y = pad.table(15, y + 6, item_rows(doc), [10, 80, 16, 16, 28, 30], [*GRID, *RIGHT_FROM(3),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))])  # fmt: skip
    rows = totals_rows(doc, rng)
    rows += [(doc.pick(rng, "iban"), s.iban_shown or ""), (doc.pick(rng, "vat_id"), s.vat_shown or "")]
    seen(doc, "vendor_iban", s.iban_shown or "")
    seen(doc, "vendor_vat_id", s.vat_shown or "")
    seen(doc, "amount_due", doc.num(doc.due_amount))
    pad.table(15, y + 4, [list(r) for r in rows], [120, 60], [*GRID, ("ALIGN", (1, 0), (1, 2), "RIGHT"),
              ("FONT", (0, 0), (-1, 0), "arial", 9), ("FONT", (0, 2), (-1, 2), "arial-B", 9)], size=9)  # fmt: skip
    return pad


def letter(doc: Doc, rng: random.Random) -> Pad:
    """A self-employed person's invoice written as a letter: name and address at the top, the number and date
    in the opening sentence, a short list, the amount and the date to pay by in the closing sentence."""
    pad = Pad(doc, "serif")
    w, s = doc.words, doc.seller
    pad.text(195, 20, s.name, 13, bold=True, align="r")
    vendor_seen(doc)
    pad.lines(195, 26, [*address(s), s.phone, s.email], 9, 4.2, align="r")
    buyer_block(pad, doc, rng, 20, 55, heading=False)
    place_date = f"{s.city}, {doc.date(doc.issued, long=rng.random() < 0.5)}"
    pad.text(195, 80, place_date, 10, align="r")
    pad.text(20, 92, f"{rng.choice(w.invoice).capitalize()} {doc.number}", 12, bold=True)
    date_text = doc.date(doc.issued)
    seen(doc, "invoice_number", doc.number)
    seen(doc, "invoice_date", date_text)
    y = pad.lines(20, 102, [w.letter_open, w.letter_body.format(n=doc.number, d=date_text)], 10, 5.5)
    data = [[ln.name, f"{doc.num(ln.qty, places=0 if ln.qty == ln.qty.to_integral() else 1)} {ln.unit} × "
             f"{doc.num(ln.price)}", doc.money(ln.total)] for ln in doc.lines]  # fmt: skip
    rows = totals_rows(doc, rng)
    data += [["", r[0], r[1]] for r in rows]
    y = pad.table(20, y + 3, data, [85, 50, 35], [("ALIGN", (2, 0), (2, -1), "RIGHT"),
                  ("FONT", (0, 0), (-1, 0), "serif", 10), ("LINEABOVE", (1, -3), (-1, -3), 0.4, colors.black),
                  ("FONT", (0, -1), (-1, -1), "serif-B", 10)], size=10)  # fmt: skip
    due_text = doc.date(doc.due)  # type: ignore[arg-type]
    seen(doc, "due_date", due_text)
    seen(doc, "amount_due", doc.num(doc.due_amount))
    ask = w.letter_ask.format(a=doc.money(doc.due_amount), d=due_text)
    y = pad.lines(20, y + 8, [ask], 10, 5.5)
    pad.lines(
        20,
        y + 4,
        [f"{doc.pick(rng, 'iban')}: {s.iban_shown}", f"{doc.pick(rng, 'vat_id')}: {s.vat_shown}"],
        10,
    )
    seen(doc, "vendor_iban", s.iban_shown or "")
    seen(doc, "vendor_vat_id", s.vat_shown or "")
    pad.lines(20, y + 20, [w.regards, "", s.name], 10, 5.5)
    return pad


def credit_note(doc: Doc, rng: random.Random) -> Pad:
    """A credit note: its own number and date, the invoice it corrects (number and date), the lines and the
    totals negative or as positive figures under a credit title."""
    pad = Pad(doc, rng.choice(["sans", "arial"]))
    w, s = doc.words, doc.seller
    title = rng.choice(w.credit)
    sign = rng.choice([1, -1])
    if any(word in title.casefold() for word in ("rectificativa", "korrektur", "storno")):
        sign = -1  # a corrective invoice credits with negative amounts; with positive ones it would charge
    doc.factors["credit_sign"] = str(sign)
    pad.text(15, 20, s.name, 14, bold=True)
    vendor_seen(doc)
    pad.lines(15, 26, address(s), 8, 3.8)
    buyer_block(pad, doc, rng, 15, 50)
    pad.text(195, 50, title, 15, bold=True, align="r")
    fields = head_fields(doc, rng, due=False)
    for i, (label, value) in enumerate(fields):
        pad.text(150, 58 + i * 4.6, label, 8.5, align="r")
        pad.text(195, 58 + i * 4.6, value, 8.5, bold=True, align="r")
    assert doc.previous is not None
    pad.text(15, 85, w.refers.format(n=doc.previous[0], d=doc.previous[1]), 9.5)
    doc.due = None
    y = pad.table(15, 92, item_rows(doc, sign=sign), [10, 80, 16, 16, 28, 30],
                  [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black), *RIGHT_FROM(3)])  # fmt: skip
    totals_table(pad, doc, totals_rows(doc, rng, sign=sign), y + 4)
    seen(doc, "amount_due", doc.num(doc.due_amount))
    footer(pad, doc, rng)
    return pad


def instalments(doc: Doc, rng: random.Random) -> Pad:
    """An invoice paid in instalments: the total, the first instalment received and deducted, the rest to pay,
    and a schedule of the instalments with their dates."""
    pad = Pad(doc, "sans")
    w, s = doc.words, doc.seller
    pad.text(105, 18, s.name, 14, bold=True, align="c")
    vendor_seen(doc)
    pad.text(105, 23.5, " | ".join(address(s)), 8, align="c")
    buyer_block(pad, doc, rng, 15, 42)
    pad.text(15, 75, rng.choice(w.invoice), 14, bold=True)
    fields = head_fields(doc, rng, due=False)
    for i, (label, value) in enumerate(fields):
        pad.text(120, 42 + i * 4.6, label, 8.5)
        pad.text(160, 42 + i * 4.6, value, 8.5)
    y = pad.table(15, 82, item_rows(doc), [10, 80, 16, 16, 28, 30],
                  [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black), *RIGHT_FROM(3)])  # fmt: skip
    rows = totals_rows(doc, rng)
    rows += [
        (doc.pick(rng, "paid"), doc.money(-doc.paid)),
        (doc.pick(rng, "to_pay"), doc.money(doc.due_amount)),
    ]
    seen(doc, "amount_due", doc.num(doc.due_amount))
    y = totals_table(pad, doc, rows, y + 4)
    # the schedule: the first instalment paid, the rest split in two open ones
    second = q(doc.due_amount / 2)
    third = doc.due_amount - second
    assert doc.due is not None
    from datetime import timedelta

    plan = [(f"1. {w.instalment}", doc.date(doc.issued), doc.money(doc.paid), w.paid_mark),
            (f"2. {w.instalment}", doc.date(doc.due), doc.money(second), w.open_mark),
            (f"3. {w.instalment}", doc.date(doc.due + timedelta(days=30)), doc.money(third), w.open_mark)]  # fmt: skip
    doc.due = None  # two open instalments: no single due date
    pad.text(15, y + 8, w.schedule, 10, bold=True)
    pad.table(15, y + 11, [list(r) for r in plan], [35, 35, 35, 30], [*GRID, ("ALIGN", (2, 0), (2, -1), "RIGHT"),
              ("FONT", (0, 0), (-1, 0), "sans", 8.5)])  # fmt: skip
    footer(pad, doc, rng)
    return pad


def export(doc: Doc, rng: random.Random) -> Pad:
    """An export invoice: Incoterms, HS codes and origin per line, no VAT with the exemption's wording, the
    invoice's currency and the total's equivalent in the seller's own currency at a stated rate."""
    pad = Pad(doc, "arial")
    w, s = doc.words, doc.seller
    pad.text(15, 20, s.name, 14, bold=True)
    vendor_seen(doc)
    pad.lines(15, 26, [*address(s), s.email], 8, 3.8)
    pad.text(195, 20, rng.choice(w.invoice).upper(), 16, bold=True, align="r")
    pad.text(195, 26, doc.currency, 11, bold=True, align="r")
    buyer_block(pad, doc, rng, 15, 48)
    k = colon(doc, rng)
    fields = head_fields(doc, rng)
    incoterm = f"{doc.extra['incoterm']} {s.city}" if doc.extra["incoterm"] in ("EXW", "FCA", "FOB") else \
        f"{doc.extra['incoterm']} {doc.buyer.city.split(',')[0]}"  # fmt: skip
    fields.append((w.incoterms + k, incoterm))
    for i, (label, value) in enumerate(fields):
        pad.text(110, 48 + i * 4.6, label, 8.5)
        pad.text(195, 48 + i * 4.6, value, 8.5, align="r")
    head = [w.pos, w.description, w.hs, w.origin, w.qty, w.price, w.amount]
    data = [head] + [[str(i), ln.name, ln.hs, s.country, doc.num(ln.qty, places=0), doc.num(ln.price),
                      doc.num(ln.total)] for i, ln in enumerate(doc.lines, 1)]  # fmt: skip
    y = pad.table(15, 85, data, [9, 60, 20, 22, 14, 25, 30], [*GRID, *RIGHT_FROM(4)], size=7.5)
    total = f"{doc.num(doc.total)} {doc.currency}"
    rows = [(doc.pick(rng, "net"), total), (doc.pick(rng, "total"), total)]
    seen(doc, "total", doc.num(doc.total))
    seen(doc, "currency", doc.currency)
    seen(doc, "amount_due", doc.num(doc.due_amount))
    y = totals_table(pad, doc, rows, y + 4)
    fx: Decimal = doc.extra["fx"]  # type: ignore[assignment]
    second = str(doc.extra["second"])
    pad.text(15, y + 6, w.exempt, 8.5)
    pad.text(
        15,
        y + 11,
        w.rate.format(c1=doc.currency, x=doc.num(fx, places=len(str(fx).split(".")[1])), c2=second),
        8.5,
    )
    pad.text(15, y + 16, f"{w.equivalent.format(c=second)}: {doc.num(q(doc.total * fx))} {second}", 8.5)
    footer(pad, doc, rng)
    return pad


LAYOUTS: dict[str, Callable[[Doc, random.Random], Pad]] = {
    "boxed_grid": boxed_grid,
    "wholesale": wholesale,
    "utility": utility,
    "spreadsheet": spreadsheet,
    "letter": letter,
    "credit_note": credit_note,
    "instalments": instalments,
    "export": export,
}
