"""The ten layouts of evals/synth22, drawn with fpdf2 (cells, multi_cell's own line breaking, tables, TTF and
core fonts) the way small and mid-size companies' own invoicing programs lay out a page: a packing slip and the
invoice on one sheet, a freelancer's hours, a wholesaler's prices per 100 or 1000, a collective invoice over
several delivery notes, goods by weight and length, a foreign-currency invoice with the VAT in the home
currency, a seller named only in the logo line and the bank footer, labels printed under their values, totals
on the second page, and a cash-discount line.

Each layout writes on a :class:`Sheet` and records in ``doc.shown`` the optional truths it printed."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from evals.synth22 import words as wd
from evals.synth22.model import Doc, Line, Party, round_to
from fpdf import FPDF

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
)
FACES = {  # face: (regular, bold) TTF files (Debian fonts-dejavu-core/-extra, fonts-liberation, fonts-liberation2)
    "dejavu": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "dejavu-condensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "liberation": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation-serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation-narrow": ("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
}
CORE = ("helvetica", "times")
"""fpdf2's built-in faces (Latin-1 only: a document that needs more is printed in a TTF face instead)."""
CREATED = datetime(2026, 1, 1, tzinfo=UTC)
"""The PDFs' creation date, whatever the clock says."""


class FontsMissing(RuntimeError):
    """A TTF face the layouts use is not installed here."""


def font_file(name: str) -> Path:
    path = next((d / name for d in FONT_DIRS if (d / name).is_file()), None)
    if path is None:
        raise FontsMissing(
            f"font {name} not found (Debian fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation)"
        )
    return path


class Sheet(FPDF):
    """An A4 page in mm from the top left; ``face`` a TTF face of FACES or a core font; ``foot`` draws the
    footer of every page."""

    def __init__(self, face: str) -> None:
        super().__init__(unit="mm", format="A4")
        self.set_creation_date(CREATED)
        self.set_auto_page_break(False)
        self.set_margins(18, 14, 18)
        if face in FACES:
            regular, bold = FACES[face]
            self.add_font(face, "", str(font_file(regular)))
            self.add_font(face, "B", str(font_file(bold)))
        self.face = face
        self.foot: Callable[[Sheet], None] | None = None
        self.add_page()

    def footer(self) -> None:
        if self.foot is not None:
            self.foot(self)

    def t(self, x: float, y: float, text: str, size: float = 9, *, bold: bool = False, align: str = "L",
          w: float = 0) -> float:  # fmt: skip
        """Write ``text`` at (x, y) (its top); align "R" puts its right end at x; returns its width."""
        self.set_font(self.face, "B" if bold else "", size)
        width = self.get_string_width(text) + 0.4
        if align == "R":
            self.set_xy(x - (w or width), y)
        elif align == "C":
            self.set_xy(x - (w or width) / 2, y)
        else:
            self.set_xy(x, y)
        self.cell(w or width, size * 0.42, text, align=align)
        return width

    def lines(self, x: float, y: float, texts: Sequence[str], size: float = 9, *, lead: float = 1.3,
              bold_first: bool = False, align: str = "L") -> float:  # fmt: skip
        """Write one text a line from (x, y); returns the y below the last."""
        for index, text in enumerate(texts):
            self.t(x, y, text, size, bold=bold_first and index == 0, align=align)
            y += size * 0.3528 * lead
        return y

    def wrap(self, width: float, text: str, size: float) -> list[str]:
        """fpdf2's own line breaking of ``text`` into a column ``width`` mm wide."""
        self.set_font(self.face, "", size)
        return [str(line) for line in self.multi_cell(width, size * 0.42, text, dry_run=True, output="LINES")]

    def rule(self, x1: float, y: float, x2: float, width: float = 0.2) -> None:
        self.set_line_width(width)
        self.line(x1, y, x2, y)


# ---------------------------------------------------------------- parts every layout draws from


def flags(doc: Doc, rng: random.Random) -> dict[str, bool]:
    return {
        "due_facts": rng.random() < 0.6,
        "due_prose": rng.random() < 0.5,
        "order": rng.random() < 0.45,
        "customer": rng.random() < 0.5,
        "vat": rng.random() < 0.9,
        "iban": rng.random() < 0.9,
        "bic": rng.random() < 0.6,
        "supply": rng.random() < 0.3,
        "terms": rng.random() < 0.4,
        "thanks": rng.random() < 0.4,
    }


def facts(doc: Doc, f: dict[str, bool], *, note: bool = False) -> list[tuple[str, str]]:
    """The reference facts (label, value) the header prints; records what it shows."""
    out = [(doc.word("number"), doc.number), (doc.word("date"), doc.date(doc.issued))]
    if f["supply"]:
        out.append((doc.word("supply"), doc.date(doc.issued)))
    if f["customer"]:
        out.append((doc.word("customer"), doc.customer_no))
    if f["order"]:
        out.append((doc.word("order"), doc.order_no))
        doc.shown.add("po_number")
    if note:
        out.append((doc.word("note"), doc.note_no))
        doc.shown.add("delivery_note")
    if f["due_facts"]:
        out.append((doc.word("due"), doc.date(doc.due)))
        doc.shown.add("due_date")
    return out


def facts_colon(s: Sheet, x: float, y: float, pairs: Sequence[tuple[str, str]], size: float = 8.5,
                gap: float = 36, colon: str = ":") -> float:  # fmt: skip
    """Label and value pairs a line each, the values in a column ``gap`` mm right of the labels (further when a
    label is wider; the type smaller when a value would run past the right margin)."""

    def widest(texts: Sequence[str], bold: bool = False) -> float:
        s.set_font(s.face, "B" if bold else "", size)
        return max(float(s.get_string_width(text)) for text in texts)

    while True:
        gap = max(gap, widest([f"{label}{colon}" for label, _ in pairs]) + 2.5)
        if size <= 6.5 or x + gap + widest([value for _, value in pairs], bold=True) <= 193:
            break
        size -= 0.5
    for label, value in pairs:
        s.t(x, y, f"{label}{colon}", size)
        s.t(x + gap, y, value, size, bold=label == pairs[0][0])
        y += size * 0.46
    return y


def address(s: Sheet, x: float, y: float, p: Party, size: float = 9.5, caption: str = "",
            vat: bool = False) -> float:  # fmt: skip
    if caption:
        s.t(x, y, caption, 7)
        y += 3.6
    texts = [p.name, p.street, p.town]
    if vat:
        texts.append(p.vat_printed)
    return s.lines(x, y, texts, size, bold_first=True)


def sender_line(doc: Doc, sep: str = " · ") -> str:
    p = doc.seller
    return sep.join([p.name, p.street, p.town])


def footer_texts(doc: Doc, f: dict[str, bool], *, name: bool = True, address_: bool = True,
                 holder: bool = False) -> tuple[list[str], list[str], list[str]]:  # fmt: skip
    """A footer's three columns: the seller and its address, the bank, the VAT id and contact."""
    p = doc.seller
    first = ([p.name] if name else []) + ([p.street, p.town] if address_ else [])
    bank = [f"{doc.word('bank')}: {p.bank}"] + ([f"{doc.word('holder')}: {p.name}"] if holder else [])
    if f["iban"]:
        bank.append(f"{doc.word('iban')}: {p.iban_printed}")
        doc.shown.add("vendor_iban")
    if f["bic"]:
        bank.append(f"BIC: {p.bic}")
    third = [f"{doc.word('tel')} {p.phone}", p.email]
    if f["vat"]:
        third.insert(0, f"{doc.word('vat_id')}: {p.vat_printed}")
        doc.shown.add("vendor_vat_id")
    return first, bank, third


def footer_columns(doc: Doc, f: dict[str, bool], rng: random.Random, *, name: bool = True,
                   address_: bool = True, holder: bool = False) -> Callable[[Sheet], None]:  # fmt: skip
    """A footer of three columns (footer_texts) at the foot of every page."""
    first, bank, third = footer_texts(doc, f, name=name, address_=address_, holder=holder)
    size = rng.choice([6.5, 7, 7.5])

    def draw(s: Sheet) -> None:
        y = 297 - 24
        s.set_draw_color(150, 150, 150)
        s.rule(18, y - 2, 192, 0.15)
        s.set_text_color(80, 80, 80)
        for column, x, width in ((first, 18, 56), (bank, 76, 60), (third, 138, 54)):
            top = y
            for text in column:  # too wide: the label on a line of its own, the value smaller if need be
                label, colon, value = text.partition(": ")
                parts = [text] if fits(s, text, size, width) or not colon else [label + ":", value]
                for part in parts:
                    small = size
                    while small > 5 and not fits(s, part, small, width):
                        small -= 0.25
                    s.t(x, top, part, small)
                    top += size * 0.3528 * 1.3
        s.set_text_color(0, 0, 0)
        s.set_draw_color(0, 0, 0)

    return draw


def fits(s: Sheet, text: str, size: float, width: float) -> bool:
    s.set_font(s.face, "", size)
    return bool(s.get_string_width(text) <= width)


Column = tuple[str, float, str, Callable[[Line], str]]
"""(header, width mm, align, the cell's text of a line)."""


def item_columns(doc: Doc, keys: Sequence[str], widths: dict[str, float] | None = None) -> list[Column]:
    per_header = doc.factors.get("per_header")
    spec: dict[str, Column] = {
        "article": (doc.word("article"), 22, "L", lambda line: line.article),
        "day": (doc.word("day"), 24 if len(doc.date(doc.issued)) > 10 else 20, "L",
                lambda line: doc.date(line.day) if line.day else ""),
        "item": (doc.word("item"), 0, "L", lambda line: line.name),
        "qty": (doc.word("qty"), 16, "R", lambda line: doc.qty(line.qty)),
        "qty_unit": (doc.word("qty"), 22, "R", lambda line: f"{doc.qty(line.qty)} {line.unit}"),
        "unit": (doc.word("unit"), 12, "L", lambda line: line.unit),
        "hours": (doc.word("hours"), 18, "R",
                  lambda line: doc.qty(line.qty) + ("" if line.unit in wd.LABELS["hours"][doc.lang] else f" {line.unit}")),
        "price": (
            doc.word("per", n=per_header) if per_header else doc.word("price"),
            26, "R", lambda line: doc.num(line.price),
        ),
        "pe": (doc.word("pe"), 11, "R", lambda line: str(line.per)),
        "rate": (doc.word("rate"), 22, "R", lambda line: doc.num(line.price)),
        "vat": ("%", 11, "R", lambda line: line.rate.replace(".", doc.style[1])),
        "amount": (doc.word("amount"), 26, "R", lambda line: doc.num(line.total)),
    }  # fmt: skip
    cols = [spec[k] for k in keys]
    if widths:
        cols = [(h, widths.get(k, w), a, fn) for k, (h, w, a, fn) in zip(keys, cols, strict=True)]
    fixed = sum(c[1] for c in cols)
    return [(h, w or 174 - fixed, a, fn) for h, w, a, fn in cols]


class Table:
    """An item table that breaks across pages: a carried-forward line at the foot of a full page, the header
    and a brought-forward line on the next (``carry``), the running net total as it goes."""

    def __init__(self, s: Sheet, doc: Doc, cols: list[Column], *, size: float = 8.5, limit: float = 262,
                 carry: bool = True, grid: bool = False, head: Callable[[Sheet], float] | None = None) -> None:  # fmt: skip
        self.s, self.doc, self.cols, self.size, self.limit = s, doc, cols, size, limit
        self.carry, self.grid, self.head = carry, grid, head
        self.running = Decimal(0)

    def header(self, y: float) -> float:
        s, x = self.s, 18.0
        s.set_fill_color(232, 232, 232)
        s.rect(18, y - 0.8, 174, self.size * 0.42 + 1.6, style="F" if not self.grid else "D")
        for head, width, align, _ in self.cols:
            s.t(x + (width - 1 if align == "R" else 1), y, head, self.size - 0.5, bold=True, align=align)
            x += width
        return y + self.size * 0.42 + 2.4

    def row(self, y: float, texts: Sequence[str], widths_from: int = 0, *, bold: bool = False) -> float:
        """One row of ``texts`` (one a column, from column ``widths_from``); the text column wraps."""
        s, x = self.s, 18.0 + sum(c[1] for c in self.cols[:widths_from])
        cells = [(col, text) for col, text in zip(self.cols[widths_from:], texts, strict=False)]
        height = 1
        wrapped = []
        for (_head, width, align, _), text in cells:
            parts = s.wrap(width - 2, text, self.size) if align == "L" and text else [text]
            wrapped.append(parts)
            height = max(height, len(parts))
        for ((_, width, align, _), _text), parts in zip(cells, wrapped, strict=True):
            for index, part in enumerate(parts):
                s.t(x + (width - 1 if align == "R" else 1), y + index * self.size * 0.42, part, self.size, bold=bold,
                    align=align)  # fmt: skip
            x += width
        return y + height * self.size * 0.42 + 1.4

    def need(self, line: Line) -> float:
        """The height of ``line``'s row (its text column wrapped)."""
        rows = max(
            len(self.s.wrap(width - 2, fn(line), self.size)) if align == "L" and fn(line) else 1
            for _, width, align, fn in self.cols
        )
        return rows * self.size * 0.42 + 1.4

    def lines(self, y: float, lines: Sequence[Line]) -> float:
        for line in lines:
            if y + self.need(line) > self.limit - (6 if self.carry else 0):
                y = self.page_break(y)
            y = self.row(y, [fn(line) for _, _, _, fn in self.cols])
            if self.grid:
                self.s.set_draw_color(190, 190, 190)
                self.s.rule(18, y - 0.7, 192, 0.1)
                self.s.set_draw_color(0, 0, 0)
            self.running += line.total
        return y

    def page_break(self, y: float) -> float:
        s, doc = self.s, self.doc
        if self.carry:
            s.rule(140, y, 192)
            s.t(140, y + 1, doc.word("carried"), self.size, bold=True)
            s.t(191, y + 1, doc.num(self.running), self.size, bold=True, align="R")
        s.add_page()
        y = self.head(s) if self.head else 20
        y = self.header(y)
        if self.carry:
            s.t(140, y, doc.word("brought"), self.size, bold=True)
            s.t(191, y, doc.num(self.running), self.size, bold=True, align="R")
            y += self.size * 0.42 + 2
        return y


def totals(s: Sheet, doc: Doc, y: float, *, x: float = 120, size: float = 9, currency_column: bool = False,
           under: bool = False) -> float:  # fmt: skip
    """Net, VAT per rate, total, a deposit and the balance, right-aligned at the table's edge."""
    s.rule(x, y, 192)
    y += 1.6
    rows: list[tuple[str, Decimal, bool]] = [(doc.word("net"), doc.net, False)]
    for rate, (base, tax) in doc.vat.items():
        label = doc.word("vat", rate=doc.rate(rate))
        if len(doc.vat) > 1 or doc.reverse:
            label += f" ({doc.num(base)})" if rate != "0" else ""
        rows.append((label, tax, False))
    rows.append((doc.word("total"), doc.total, True))
    if doc.paid:
        rows += [(doc.word("paid"), -doc.paid, False), (doc.word("balance"), doc.due_amount, True)]
    for label, amount, bold in rows:
        text = doc.money(amount) if (bold or currency_column) else doc.num(amount)
        if under:
            s.t(192, y, text, size + 1, bold=bold, align="R")
            s.t(192, y + (size + 1) * 0.42, label, 6.5, align="R")
            y += (size + 1) * 0.42 + 4
        else:
            s.t(x, y, label, size, bold=bold)
            s.t(192, y, text, size, bold=bold, align="R")
            y += size * 0.42 + 1.8
    return y


def payment_texts(doc: Doc, f: dict[str, bool], *, bank: bool = False) -> list[str]:
    """The sentences under the totals: reverse charge with the buyer's VAT id, terms, the request to pay by a
    date, the bank account (``bank``), a cash discount, thanks; records what they show."""
    texts = []
    if doc.reverse:
        texts += [doc.word("reverse"), f"{doc.word('vat_id')} {doc.buyer.vat_printed}"]
    if f["terms"]:
        texts.append(doc.word("terms", days=str(doc.days)))
    if f["due_prose"] or not f["due_facts"]:
        texts.append(doc.word("pay", amount=doc.money(doc.due_amount), due=doc.date(doc.due)))
        doc.shown.add("due_date")
    if bank:
        texts.append(
            f"{doc.word('iban')}: {doc.seller.iban_printed} ({doc.seller.bank}, BIC {doc.seller.bic})."
        )
        doc.shown.add("vendor_iban")
    if doc.discount:
        pct, until, off, net = doc.discount
        texts.append(doc.word("skonto", pct=pct.replace(".", doc.style[1]), until=doc.date(until),
                              discount=doc.money(off), net=doc.money(net)))  # fmt: skip
    if f["thanks"]:
        texts.append(doc.word("thanks"))
    return texts


def payment(s: Sheet, doc: Doc, f: dict[str, bool], y: float, size: float = 8.5) -> float:
    for text in payment_texts(doc, f):
        for part in s.wrap(174, text, size):
            s.t(18, y, part, size)
            y += size * 0.45
        y += 1
    return y


def title(
    s: Sheet, doc: Doc, x: float, y: float, size: float = 16, align: str = "L", text: str = ""
) -> float:
    s.t(x, y, text or doc.word("title"), size, bold=True, align=align)
    return y + size * 0.45 + 2


def letterhead(s: Sheet, doc: Doc, rng: random.Random) -> float:
    """The seller's name large, its address and contact under it, left or right."""
    p = doc.seller
    right = rng.random() < 0.5
    x, align = (192, "R") if right else (18, "L")
    s.t(x, 14, p.name, rng.choice([14, 16, 18]), bold=True, align=align)
    return s.lines(
        x, 23, [f"{p.street} · {p.town}", f"{doc.word('tel')} {p.phone} · {p.email}"], 8, align=align
    )


def page_numbers(doc: Doc, pages: bool) -> Callable[[Sheet], None] | None:
    if not pages:
        return None

    def draw(s: Sheet) -> None:
        s.t(192, 8, doc.word("page", i=str(s.page_no()), n="{nb}"), 7.5, align="R")

    return draw


def chain(*parts: Callable[[Sheet], None] | None) -> Callable[[Sheet], None]:
    def draw(s: Sheet) -> None:
        for part in parts:
            if part is not None:
                part(s)

    return draw


def finish(s: Sheet, doc: Doc, f: dict[str, bool], table: Table, y: float, **kw: object) -> None:
    """Totals and the payment sentences, on a new page when they do not fit under the table."""
    need = 9 * (len(doc.vat) + 2 + (2 if doc.paid else 0)) * 0.6 + 26
    if y + need > table.limit:
        s.add_page()
        y = table.head(s) if table.head else 24
    y = totals(s, doc, y + 2, **kw)  # type: ignore[arg-type]
    payment(s, doc, f, y + 4)


# ---------------------------------------------------------------- the layouts


def packing(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """A packing slip and the invoice on one sheet: the delivery note's list (quantities, no prices) above a
    cut line, the invoice under it."""
    f = flags(doc, rng)
    s.foot = footer_columns(doc, f, rng)
    y = letterhead(s, doc, rng)
    ship = doc.buyer
    if rng.random() < 0.5:  # a delivery address of its own
        streets, towns = wd.ADDRESSES[doc.buyer.country]
        postcode, city = rng.choice(towns)
        ship = Party(
            doc.buyer.name,
            rng.choice(streets).format(n=rng.randint(2, 90)),
            postcode,
            city,
            doc.buyer.country,
        )
    y = max(y, 34)
    address(s, 18, y + 4, ship, caption=doc.word("ship_to"))
    s.t(192, y + 4, f"{doc.word('packing')} {doc.note_no}", 12, bold=True, align="R")
    doc.shown.add("delivery_note")
    s.t(192, y + 11, doc.date(doc.issued), 9, align="R")
    y += 26
    table = Table(
        s, doc, item_columns(doc, ["article", "item", "qty", "unit"], {"qty": 20, "unit": 16}), size=8.5
    )
    y = table.lines(table.header(y), doc.lines)
    s.t(120, y + 4, f"{doc.word('signature')}: ____________________", 8)
    y += 12
    s.set_dash_pattern(dash=1.5, gap=1.2)
    s.rule(10, y, 200, 0.2)
    s.set_dash_pattern()
    s.t(105, y + 0.8, "- - - ✂ - - -" if s.face.startswith("dejavu") else "- - - - - -", 6, align="C")
    y += 5
    title(s, doc, 18, y, 14, text=f"{doc.word('title')} {doc.number}")
    pairs = facts(doc, f)[1:]
    facts_colon(s, 120, y, pairs, 8.5, gap=34)
    address(s, 18, y + 9, doc.buyer, 9, caption=doc.word("bill_to"), vat=doc.reverse)
    y = max(y + 30, y + 6 + 4.2 * len(pairs))
    table = Table(s, doc, item_columns(doc, ["item", "qty_unit", "price", "vat", "amount"]), size=8.5)
    y = table.lines(table.header(y), doc.lines)
    finish(s, doc, f, table, y)


def hours(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """A freelancer's or small agency's service invoice: the sender line above the window, days, hours, the
    hourly rate and a mileage line."""
    f = flags(doc, rng)
    s.foot = footer_columns(doc, f, rng, name=rng.random() < 0.5)
    p = doc.seller
    s.t(192, 14, p.name, 15, bold=True, align="R")
    s.lines(192, 21, [p.street, p.town, p.email], 8.5, align="R")
    s.set_text_color(90, 90, 90)
    s.t(18, 44, sender_line(doc, rng.choice([" · ", " | ", ", "])), 6.5)
    s.set_text_color(0, 0, 0)
    s.rule(18, 47.5, 95, 0.1)
    address(s, 18, 49, doc.buyer, 10, vat=doc.reverse)
    facts_colon(s, 122, 46, facts(doc, f), 8.5, gap=33, colon=rng.choice([":", ""]))
    y = title(s, doc, 18, 82, 15, text=f"{doc.word('title')} {doc.number}" if rng.random() < 0.5 else "")
    table = Table(s, doc, item_columns(doc, ["day", "item", "hours", "rate", "amount"]), size=8.5)
    y = table.lines(table.header(y + 2), doc.lines)
    finish(s, doc, f, table, y)


def per100(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """A wholesaler's invoice whose prices are per 100 or per 1000 units: a "price per 100" column head, or a
    price-unit column (1, 100, 1000) beside the price."""
    f = flags(doc, rng)
    s.foot = chain(footer_columns(doc, f, rng), page_numbers(doc, True))
    y = letterhead(s, doc, rng)
    address(s, 18, 48, doc.buyer, 10, caption=sender_line(doc), vat=doc.reverse)
    pairs = facts(doc, f, note=rng.random() < 0.4)
    s.set_draw_color(120, 120, 120)
    s.rect(118, 44, 74, 5.2 * len(pairs) + 8)
    title(s, doc, 121, 46, 12)
    facts_colon(s, 121, 53, pairs, 8, gap=31)
    s.set_draw_color(0, 0, 0)
    y = max(80, 53 + 4 * len(pairs) + 10)
    keys = ["article", "item", "qty", "unit", "price", "amount"]
    if doc.factors.get("per_header") is None:
        keys.insert(5, "pe")
    table = Table(
        s, doc, item_columns(doc, keys, {"article": 20, "qty": 17, "price": 24}), size=8.2, grid=True
    )
    y = table.lines(table.header(y), doc.lines)
    finish(s, doc, f, table, y)


def statement(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """A collective invoice over the month's deliveries: the lines under a heading per delivery note, a
    subtotal under each."""
    f = flags(doc, rng)
    s.foot = chain(footer_columns(doc, f, rng), page_numbers(doc, rng.random() < 0.6))
    y = letterhead(s, doc, rng)
    address(s, 18, 46, doc.buyer, 10, vat=doc.reverse)
    facts_colon(s, 122, 46, facts(doc, f), 8.5, gap=32)
    y = title(s, doc, 18, 80, 14, text=f"{doc.word('statement')} {doc.number}" if rng.random() < 0.6 else
              doc.word("statement"))  # fmt: skip
    subtotals = rng.random() < 0.7
    table = Table(s, doc, item_columns(doc, ["article", "item", "qty_unit", "price", "amount"]), size=8.5,
                  head=lambda sheet: title(sheet, doc, 18, 18, 11, text=f"{doc.word('title')} {doc.number}"))  # fmt: skip
    y = table.header(y)
    for index, (note, when) in enumerate(doc.notes):
        group = [line for line in doc.lines if line.group == index]
        if y + 14 > table.limit:
            y = table.page_break(y)
        s.t(18, y + 1, doc.word("note_of", no=note, date=doc.date(when)), 8.5, bold=True)
        y = table.lines(y + 6, group)
        if subtotals:
            s.t(
                191,
                y,
                f"{doc.word('subtotal')} {doc.num(sum((g.total for g in group), Decimal(0)))}",
                8,
                align="R",
            )
            y += 5.5
        y += 1.5
    finish(s, doc, f, table, y)


def units(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """Goods by weight, length, area and volume beside pieces: decimal quantities with their unit in a column of
    its own or after the number."""
    f = flags(doc, rng)
    s.foot = footer_columns(doc, f, rng)
    y = letterhead(s, doc, rng)
    s.rule(18, 32, 192, 0.4)
    buyer_right = rng.random() < 0.5
    address(s, 122 if buyer_right else 18, 40, doc.buyer, 9.5, caption=doc.word("buyer"), vat=doc.reverse)
    facts_colon(s, 18 if buyer_right else 122, 40, facts(doc, f, note=rng.random() < 0.3), 8.5, gap=34)
    y = title(s, doc, 18, 72, 13)
    keys = ["article", "item", "qty", "unit", "price", "amount"] if rng.random() < 0.5 else ["item", "qty_unit",
                                                                                                "price", "vat", "amount"]  # fmt: skip
    table = Table(s, doc, item_columns(doc, keys), size=8.5)
    y = table.lines(table.header(y), doc.lines)
    finish(s, doc, f, table, y)


def fx(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """An invoice in a foreign currency that states the exchange rate and the net and VAT in the home currency
    (as the VAT rules ask), the amounts in the invoice's currency with its code."""
    assert doc.home is not None
    home, rate = doc.home
    f = flags(doc, rng)
    s.foot = footer_columns(doc, f, rng)
    y = letterhead(s, doc, rng)
    address(s, 18, 44, doc.buyer, 10, caption=doc.word("bill_to"), vat=True)
    pairs = [
        *facts(doc, f),
        (doc.word("fx"), f"1 {doc.currency} = {doc.num(rate, 4 if rate < 10 else 3)} {home}"),
    ]
    facts_colon(s, 118, 44, pairs, 8.5, gap=36)
    y = title(s, doc, 18, 80, 14, text=f"{doc.word('title')} ({doc.currency})")
    table = Table(s, doc, item_columns(doc, ["item", "qty_unit", "price", "vat", "amount"]), size=8.5)
    y = table.lines(table.header(y), doc.lines)
    if y + 70 > table.limit:
        s.add_page()
        y = 24
    y = totals(s, doc, y + 2, currency_column=True)
    # the VAT summary in the home currency: net and VAT per rate, converted
    y += 3
    s.t(18, y, doc.word("home_note", cur=doc.currency, rate=doc.num(rate, 4 if rate < 10 else 3), home=home,
                        date=doc.date(doc.issued)), 8)  # fmt: skip
    y += 5
    for vat_rate, (base, tax) in doc.vat.items():
        s.t(18, y, f"{doc.word('net_home', cur=home)} ({doc.rate(vat_rate)}): {doc.money(round_to(base * rate, 2), home)}"
                   f"    {doc.word('vat_home', cur=home)}: {doc.money(round_to(tax * rate, 2), home)}", 8)  # fmt: skip
        y += 4.4
    payment(s, doc, f, y + 3)


def logo(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """The seller's name only in the logo line (letter-spaced, maybe) and in the bank footer's account holder;
    the address line under the logo carries no name."""
    f = flags(doc, rng)
    p = doc.seller
    s.foot = footer_columns(doc, f, rng, name=False, holder=True)
    spacing = rng.choice([0, 0, 0.8, 1.5])
    doc.factors["logo_spacing"] = str(spacing)
    s.set_char_spacing(spacing)
    s.set_text_color(30, 60, 120)
    s.t(18, 14, p.name.upper() if rng.random() < 0.5 else p.name, 18, bold=True)
    s.set_char_spacing(0)
    s.set_text_color(0, 0, 0)
    s.t(18, 24, f"{p.street} · {p.town} · {p.phone}", 8)
    address(s, 18, 46, doc.buyer, 10, vat=doc.reverse)
    title(s, doc, 192, 42, 18, align="R")
    facts_colon(s, 122, 54, facts(doc, f), 8.5, gap=33)
    table = Table(s, doc, item_columns(doc, ["item", "qty", "unit", "price", "amount"]), size=8.5)
    y = table.lines(table.header(86), doc.lines)
    finish(s, doc, f, table, y)


def under(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """A form whose captions stand under the values: the reference strip, the parties and the totals."""
    f = flags(doc, rng)
    s.foot = footer_columns(doc, f, rng)
    p = doc.seller
    s.t(18, 14, p.name, 13, bold=True)
    s.t(18, 20, f"{p.street}, {p.town}", 8)
    s.set_text_color(110, 110, 110)
    s.t(18, 23.6, doc.word("seller"), 6.5)
    s.set_text_color(0, 0, 0)
    title(s, doc, 192, 14, 20, align="R")
    y = s.lines(18, 34, [doc.buyer.name, doc.buyer.street, doc.buyer.town], 10, bold_first=True)
    s.set_text_color(110, 110, 110)
    s.t(18, y, doc.word("buyer"), 6.5)
    s.set_text_color(0, 0, 0)
    pairs = facts(doc, f)
    width = 174 / len(pairs)
    s.set_draw_color(160, 160, 160)
    for index, (label, value) in enumerate(pairs):
        x = 18 + index * width
        s.rect(x, 60, width, 12)
        size = 9.5
        s.set_font(s.face, "B", size)
        while size > 6 and s.get_string_width(value) > width - 4:  # the value fits its box
            size -= 0.5
            s.set_font(s.face, "B", size)
        s.t(x + 2, 62, value, size, bold=True)
        s.set_text_color(110, 110, 110)
        s.t(x + 2, 67.2, label, 6.5)
        s.set_text_color(0, 0, 0)
    s.set_draw_color(0, 0, 0)
    table = Table(s, doc, item_columns(doc, ["item", "qty", "unit", "price", "vat", "amount"]), size=8.5)
    y = table.lines(table.header(80), doc.lines)
    finish(s, doc, f, table, y, under=True)


def twopage(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """A long list whose totals stand on the second page, under a repeated page header, after a
    carried-forward line."""
    f = flags(doc, rng)

    def head(sheet: Sheet) -> float:
        sheet.t(18, 14, doc.seller.name, 9, bold=True)
        sheet.t(18, 19, f"{doc.word('number')}: {doc.number}", 8.5)
        return 28

    s.foot = chain(footer_columns(doc, f, rng), page_numbers(doc, True))
    letterhead(s, doc, rng)
    address(s, 18, 44, doc.buyer, 10, vat=doc.reverse)
    facts_colon(s, 122, 44, facts(doc, f, note=rng.random() < 0.3), 8.5, gap=32)
    y = title(s, doc, 18, 76, 14)
    table = Table(s, doc, item_columns(doc, ["article", "item", "qty", "unit", "price", "amount"]), size=8.5,
                  head=head)  # fmt: skip
    y = table.lines(table.header(y), doc.lines)
    if s.page_no() == 1:
        s.t(192, y + 4, doc.word("continued", n="2"), 8, align="R")
        s.add_page()
        y = head(s)
    finish(s, doc, f, table, y)


def skonto(doc: Doc, rng: random.Random, s: Sheet) -> None:
    """A craftsman's or trader's invoice with a cash discount for early payment: the discount, its date and the
    amount then payable in a line of their own under the totals."""
    f = flags(doc, rng)
    s.foot = footer_columns(doc, f, rng)
    y = letterhead(s, doc, rng)
    s.set_text_color(90, 90, 90)
    s.t(18, 43, sender_line(doc, " - "), 6.5)
    s.set_text_color(0, 0, 0)
    address(s, 18, 47, doc.buyer, 10, vat=doc.reverse)
    facts_colon(s, 122, 47, facts(doc, f, note=rng.random() < 0.3), 8.5, gap=33)
    y = title(s, doc, 18, 80, 14, text=f"{doc.word('title')} {doc.number}")
    table = Table(s, doc, item_columns(doc, ["item", "qty", "unit", "price", "amount"]), size=8.5)
    y = table.lines(table.header(y), doc.lines)
    finish(s, doc, f, table, y)


LAYOUTS: dict[str, Callable[[Doc, random.Random, Sheet], None]] = {
    "packing": packing, "hours": hours, "per100": per100, "statement": statement, "units": units, "fx": fx,
    "logo": logo, "under": under, "twopage": twopage, "skonto": skonto,
}  # fmt: skip
