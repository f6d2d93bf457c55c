"""The seventeen ways a billing run lays out a bill (every string at absolute coordinates, postscript.py): an
address window with the facts beside it (left or right), a summary page before the details, a band of ruled
boxes with labels over values, a subscription invoice, a sidebar of ids and contacts, an amount-due banner,
a hotel folio, a law firm's fee note, a public body's fee notice, a long statement carried forward page to
page, a line-printer listing in Courier, a US bill with a "detach and return" stub, a payment part beside a
receipt, a summary box beside the details, a telecom bill with many service lines, and a forwarder's
invoice with a grid of shipment facts. Each layout says where the seller's legal name stands."""

from __future__ import annotations

import random
from collections.abc import Callable

from evals.synth14.model import Doc14
from evals.synth14.postscript import Sheet


class Bill:
    """One bill being composed: the blocks every layout is made of."""

    def __init__(self, d: Doc14, rng: random.Random) -> None:
        self.d, self.rng, self.w = d, rng, d.w
        self.s = Sheet(d.factors["paper"], d.family, words=d.factors["placement"] == "words")
        self.size = d.size
        self.left = 48.0 if d.factors["paper"] == "a4" else 54.0
        self.right = self.s.width - self.left
        self.bottom = self.s.height - 60.0  # above the footer
        self.slip_height = 0.0 if d.factors["slip"] == "none" else 215.0
        self.y = 0.0
        self.caps = d.family == "courier" and rng.random() < 0.5

    # -- small pieces -------------------------------------------------------------------------------------
    def label(self, text: str) -> str:
        return text.upper() if self.caps else text

    def money(self, value: object) -> str:
        return self.d.money(value)  # type: ignore[arg-type]

    def identity(self) -> list[str]:
        """The legal entity's identity line(s): name, address, registry, VAT id, phone."""
        s, w = self.d.seller, self.w
        first = f"{s.name} · {s.street} · {s.town}"
        second = " · ".join(x for x in (s.reg, f"{w['vat_id']} {s.vat_id}" if s.vat_id else None) if x)
        return [first, second] if second else [first]

    def ids(self, *, number: bool = True, dates: bool = True) -> list[tuple[str, str]]:
        d, w = self.d, self.w
        out: list[tuple[str, str]] = []
        if number:
            out.append((d.pick["number"], d.number))
        if dates:
            out.append((d.pick["date"], d.short(d.issue)))
        out.append((d.pick["period_l"], d.period()))
        out += [(str(w[kind]), value) for kind, value in d.ids]
        if d.factors["due"] == "label" and dates:
            out.append((d.pick["due"], d.short(d.due)))
        return out

    # -- blocks ---------------------------------------------------------------------------------------------
    def brand(self, x: float, y: float, align: str = "l", size: float = 22.0) -> None:
        d = self.d
        name = d.brand or d.seller.name
        big = size if d.brand else min(size, 17.0)
        while (
            self.s.measure(name, big, bold=True, heading=True) > (self.right - self.left) * 0.55 and big > 11
        ):
            big -= 1
        self.s.text(x, y, name, big, bold=True, heading=True, align=align)
        if d.brand and d.factors["legal_place"] in ("sender_line", "both") and self.rng.random() < 0.5:
            self.s.text(x, y + 11, d.seller.name, self.size - 1.5, heading=True, align=align, gray=0.35)

    def sender_line(self, x: float, y: float) -> None:
        if self.d.factors["legal_place"] in ("sender_line", "both"):
            s = self.d.seller
            self.s.text(x, y, f"{s.name}, {s.street}, {s.town}", 6.5, heading=True)
            self.s.rule(
                x,
                y + 2,
                x + min(240.0, self.s.measure(f"{s.name}, {s.street}, {s.town}", 6.5) + 4),
                y + 2,
                0.3,
            )

    def address(self, x: float, y: float) -> float:
        b = self.d.buyer
        size = self.size + 1
        for i, line in enumerate((b.name, b.street, b.town)):
            self.s.text(x, y + i * (size + 3), line, size)
        return y + 3 * (size + 3)

    def facts(self, x: float, y: float, pairs: list[tuple[str, str]], *, inline: bool = False,
              width: float = 220.0) -> float:  # fmt: skip
        """Label / value pairs: the value right-aligned at the block's edge, or after the label."""
        step = self.size + 4
        for i, (label, value) in enumerate(pairs):
            if inline:
                self.s.text(x, y + i * step, f"{self.label(label)}: {value}", self.size)
            else:
                self.s.text(x, y + i * step, self.label(label), self.size)
                self.s.text(x + width, y + i * step, value, self.size, align="r")
        return y + len(pairs) * step

    def boxes(self, y: float, pairs: list[tuple[str, str]]) -> float:
        """A band of ruled boxes, a small label over each value."""
        count = len(pairs)
        per = min(4, count)
        widest = max(self.s.measure(value, self.size + 1, bold=True) for _, value in pairs)
        while per > 2 and widest > (self.right - self.left) / per - 8:
            per -= 1
        width = (self.right - self.left) / per
        rows = (count + per - 1) // per
        for i, (label, value) in enumerate(pairs):
            row, col = divmod(i, per)
            x, top = self.left + col * width, y + row * 30
            self.s.box(x, top, width, 30)
            self.s.text(x + 4, top + 9, self.label(label), 6.5, heading=True, gray=0.3)
            self.s.text(x + 4, top + 23, value, self.size + 1, bold=True)
        return y + rows * 30 + 8

    def title(self, x: float, y: float, align: str = "l", size: float = 16.0) -> None:
        self.s.text(x, y, self.label(self.d.pick["invoice"]), size, bold=True, heading=True, align=align)

    def readings(self, y: float) -> float:
        d, w = self.d, self.w
        if d.readings is None:
            return y
        meter = next((v for k, v in d.ids if k == "meter"), "")
        unit = "kWh" if d.factors["sector"] == "electricity" else "m³"
        cols = ((w["meter"], meter), (w["reading_prev"], f"{d.readings[0]} ({d.short(d.start)})"),
                (w["reading_cur"], f"{d.readings[1]} ({d.short(d.end)})"),
                (w["consumption"], f"{d.readings[1] - d.readings[0]} {unit}"))  # fmt: skip
        span = (self.right - self.left) / 4
        for i, (label, value) in enumerate(cols):
            self.s.text(self.left + i * span, y, self.label(label), self.size - 1, heading=True, gray=0.3)
            self.s.text(self.left + i * span, y + self.size + 3, value, self.size)
        return y + 2 * self.size + 14

    def table(
        self, y: float, *, period_under: bool = False, dated: bool = False, header_again: bool = True
    ) -> float:
        """The charges: description, quantity, unit price, amount; a page that fills up closes with the
        carried-forward subtotal and the next opens with it brought forward."""
        d, w, s = self.d, self.w, self.s
        x0, x1 = self.left, self.right
        qx, ux = x0 + (x1 - x0) * 0.60, x0 + (x1 - x0) * 0.78
        step = self.size + 5

        def header(top: float) -> float:
            for x, text, align in ((x0, w["desc"], "l"), (qx, w["qty"], "r"), (ux, w["unit"], "r"),
                                   (x1, w["amount"], "r")):  # fmt: skip
                s.text(x, top, self.label(text), self.size, bold=True, heading=True, align=align)
            s.rule(x0, top + 4, x1, top + 4)
            return top + step + 2

        y = header(y)
        running = d.net * 0
        page = 1
        for line in d.lines:
            room = (self.bottom - 30) if line is not d.lines[-1] else (self.bottom - 90)
            if y > room:
                s.rule(x0, y - step + 8, x1, y - step + 8, 0.3)
                s.text(x0, y + 2, self.label(w["cf"]), self.size, bold=True)
                s.text(x1, y + 2, self.money(running), self.size, bold=True, align="r")
                self.footer()
                s.new_page()
                page += 1
                y = 60.0
                s.text(x1, y - 20, str(w["page"]).format(p=page, n="{n}"), self.size - 1, align="r")
                s.text(x0, y - 20, f"{d.pick['number']} {d.number}", self.size - 1)
                y = header(y) if header_again else y + 4
                s.text(x0, y, self.label(str(w["bf"]).format(p=page - 1)), self.size, bold=True)
                s.text(x1, y, self.money(running), self.size, bold=True, align="r")
                y += step + 2
            text = line.text
            if dated:
                text = f"{d.short(d.start)}  {text}"
            s.text(x0, y, text, self.size)
            qty = f"{line.quantity.normalize():f}".replace(".", str(w["decimal"])) + (
                f" {line.unit}" if line.unit else ""
            )
            s.text(qx, y, qty, self.size, align="r")
            s.text(ux, y, d.price(line.price), self.size, align="r")
            s.text(x1, y, d.bare(line.net), self.size, align="r")
            running += line.net
            y += step
            if period_under:
                s.text(x0 + 8, y - 2, d.period(), self.size - 1.5, gray=0.4)
                y += step - 3
        s.rule(x0, y - step + 8, x1, y - step + 8, 0.3)
        return y + 4

    def totals(self, y: float, x: float | None = None) -> float:
        d, w, s = self.d, self.w, self.s
        x = x if x is not None else self.right - 230
        step = self.size + 5
        rows = [(w["net"], d.bare(d.net), False)]
        if d.taxed:
            tax_label = w["ins_tax"] if d.factors["sector"] == "insurance" else w["vat"]
            rows.append(
                (
                    str(tax_label).format(r=f"{d.vat_rate:g}".replace(".", str(w["decimal"]))),
                    d.bare(d.tax),
                    False,
                )
            )
        rows.append((d.pick["total"], self.money(d.total), True))
        for i, (label, value, bold) in enumerate(rows):
            s.text(x, y + i * step, self.label(label), self.size, bold=bold)
            s.text(self.right, y + i * step, value, self.size, bold=bold, align="r")
        return y + len(rows) * step + 4

    def summary(self, x: float, y: float, width: float, *, boxed: bool = False) -> float:
        """The account: previous balance, payments, this invoice, the amount due."""
        d, w, s = self.d, self.w, self.s
        step = self.size + 5
        rows: list[tuple[str, str, bool]] = []
        if d.factors["account"] != "none":
            rows.append((w["prev"], d.bare(d.previous), False))
            rows.append((w["paid"], d.bare(-d.payments), False))
            rows.append((d.pick["total"], d.bare(d.total), False))
        rows.append((d.pick["balance"], self.money(d.amount_due), True))
        top = y
        if boxed:
            s.box(x - 6, y - self.size - 8, width + 12, (len(rows) + 1) * step + 10, fill=0.93)
            s.text(x, y, self.label(w["summary"]), self.size + 1, bold=True, heading=True)
            y += step + 2
        for i, (label, value, bold) in enumerate(rows):
            s.text(x, y + i * step, self.label(label), self.size, bold=bold)
            s.text(x + width, y + i * step, value, self.size, bold=bold, align="r")
        return max(top, y + len(rows) * step + 6)

    def due_line(self, x: float, y: float) -> float:
        d, w = self.d, self.w
        if d.factors["due"] == "debit":
            self.s.text(x, y, str(w["debit"]).format(date=d.short(d.due)), self.size)
        else:
            self.s.text(x, y, f"{self.label(d.pick['due'])}: {d.short(d.due)}", self.size, bold=True)
        return y + self.size + 6

    def bank(self, x: float, y: float) -> float:
        s = self.d.seller
        if not s.iban:
            return y
        spaced = " ".join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4))
        text = f"{self.w['iban']}: {spaced}" + (f"   BIC: {s.bic}" if s.bic else "")
        self.s.text(x, y, text, self.size)
        return y + self.size + 5

    def footer(self) -> None:
        """The fine print at the foot of the page: the legal entity's identity (or only the brand line)."""
        d = self.d
        y = self.s.height - 40
        if d.factors["legal_place"] in ("footer", "both"):
            for i, line in enumerate(self.identity()):
                self.s.text(self.s.width / 2, y + i * 8, line, 6.5, heading=True, align="c", gray=0.25)
            if d.brand and d.factors["brand"] == "different":
                self.s.text(self.s.width / 2, y - 9, str(self.w["brand_of"]).format(brand=d.brand, legal=d.seller.name),
                            6.5, heading=True, align="c", gray=0.25)  # fmt: skip
        elif d.seller.vat_id or d.seller.reg:
            line = " · ".join(
                x
                for x in (d.seller.reg, f"{self.w['vat_id']} {d.seller.vat_id}" if d.seller.vat_id else None)
                if x
            )
            self.s.text(self.s.width / 2, y, line, 6.5, heading=True, align="c", gray=0.25)

    def ensure(self, y: float, need: float) -> float:
        """Room for ``need`` points below y on this page (the slip kept clear), else a new page."""
        limit = self.bottom - (self.slip_height if self.d.factors["slip"] != "none" else 0)
        if y + need <= limit:
            return y
        self.footer()
        self.s.new_page()
        return 60.0

    def slip(self) -> None:
        """The tear-off part at the foot of the last page: a cut line, then the slip the factor draws."""
        d, w, s = self.d, self.w, self.s
        kind = d.factors["slip"]
        if kind == "none":
            return
        top = self.bottom - self.slip_height + 20
        s.rule(0, top, s.width, top, 0.4, dash=True)
        s.text(self.left, top - 4, w["detach"], 6.5, heading=True, gray=0.3)
        y = top + 18
        seller = d.seller
        account = next((v for k, v in d.ids if k in ("account", "customer")), d.number)
        if kind == "detach":
            s.text(self.left, y, self.label(w["slip"]), self.size + 2, bold=True, heading=True)
            pairs = [(w["account"] if d.ids[0][0] != "account" else w["customer"], account),
                     (d.pick["due"], d.short(d.due)), (d.pick["balance"], self.money(d.amount_due))]  # fmt: skip
            self.facts(self.left, y + 18, pairs, width=200)
            s.box(self.right - 170, y + 6, 170, 34)
            s.text(self.right - 166, y + 15, self.label(w["amount_l"]), 6.5, heading=True)
            s.text(self.right - 170, y + 60, self.label(w["payee"]), self.size - 1, heading=True, gray=0.3)
            for i, line in enumerate((seller.name, seller.street, seller.town)):
                s.text(self.right - 170, y + 72 + i * (self.size + 3), line, self.size)
            for i, line in enumerate((d.buyer.name, d.buyer.street, d.buyer.town)):
                s.text(self.left, y + 100 + i * (self.size + 3), line, self.size)
        elif kind == "giro":
            s.box(self.left, y, self.right - self.left, 150, fill=0.96)
            s.text(self.left + 6, y + 14, self.label(w["slip"]), self.size + 1, bold=True, heading=True)
            rows = [(w["payee"], seller.name)]
            if seller.iban:
                rows.append((w["iban"], seller.iban))
            if seller.bic:
                rows.append(("BIC", seller.bic))
            rows += [(w["amount_l"], f"{d.currency} {d.bare(d.amount_due)}"), (w["ref"], d.reference),
                     (w["account"], account)]  # fmt: skip
            for i, (label, value) in enumerate(rows):
                s.box(self.left + 6, y + 22 + i * 20, self.right - self.left - 12, 18, stroke=True)
                s.text(self.left + 9, y + 29 + i * 20, self.label(label), 5.5, heading=True, gray=0.35)
                s.text(self.left + 120, y + 35 + i * 20, value, self.size + 1, heading=d.family == "courier")
        else:  # a receipt beside a payment part
            split = self.left + 150
            s.rule(split, y - 6, split, y + 170, 0.4, dash=True)
            for x, head in ((self.left, w["receipt"]), (split + 12, w["payment_part"])):
                s.text(x, y + 6, self.label(head), self.size + 2, bold=True, heading=True)
                s.text(x, y + 24, self.label(w["payee"]), 6.5, bold=True, heading=True)
                lines = ([seller.iban] if seller.iban else []) + [seller.name, seller.street, seller.town]
                for i, line in enumerate(lines):
                    s.text(x, y + 34 + i * 9, line, 7.5, heading=True)
                s.text(x, y + 80, self.label(w["ref"]), 6.5, bold=True, heading=True)
                s.text(x, y + 90, d.reference, 7.5, heading=True)
                s.text(x, y + 130, self.label(w["currency_l"]), 6.5, bold=True, heading=True)
                s.text(x + 50, y + 130, self.label(w["amount_l"]), 6.5, bold=True, heading=True)
                s.text(x, y + 141, d.currency, 8.5, heading=True)
                s.text(x + 50, y + 141, d.bare(d.amount_due).replace(str(w["group"]), " "), 8.5, heading=True)
            s.box(split + 190, y + 20, 110, 110)
            s.text(split + 320, y + 24, self.label(w["bill_to"]), 6.5, bold=True, heading=True)
            for i, line in enumerate((d.buyer.name, d.buyer.street, d.buyer.town)):
                s.text(split + 320, y + 34 + i * 9, line, 7.5, heading=True)

    def finish(self) -> Sheet:
        """The last page's slip and footer, then "{n}" in page numbers filled in."""
        self.slip()
        self.footer()
        total = len(self.s.pages)
        for page in self.s.pages:
            for op in page:
                if op.kind == "text" and "{n}" in str(op.args[2]):
                    op.args = (
                        op.args[0],
                        op.args[1],
                        str(op.args[2]).replace("{n}", str(total)),
                        *op.args[3:],
                    )
        return self.s


# -- the layouts -------------------------------------------------------------------------------------------
def window_left(b: Bill) -> str:
    """Brand top left, the sender line over a window address on the left, the facts on the right."""
    b.brand(b.left, 62)
    b.sender_line(b.left, 128)
    b.address(b.left, 145)
    b.facts(b.right - 230, 100, b.ids(), width=230)
    b.title(b.left, 240)
    y = b.readings(262)
    y = b.table(y + 6)
    y = b.ensure(y, 140)
    y = b.totals(y)
    y = b.summary(b.left, y + 6, 260)
    y = b.due_line(b.left, y + 4)
    b.bank(b.left, y + 2)
    return "footer" if b.d.factors["legal_place"] != "sender_line" else "sender_line"


def window_right(b: Bill) -> str:
    """The address window on the right (French and Swiss habit), the facts on the left under the brand."""
    b.brand(b.right, 62, align="r")
    b.facts(b.left, 110, b.ids(), inline=True)
    b.sender_line(b.right - 230, 128)
    b.address(b.right - 230, 145)
    b.title(b.left, 250)
    y = b.readings(272)
    y = b.table(y + 6)
    y = b.ensure(y, 140)
    y = b.summary(b.right - 260, b.totals(y) + 6, 260)
    y = b.due_line(b.left, y)
    b.bank(b.left, y)
    return "footer" if b.d.factors["legal_place"] != "sender_line" else "sender_line"


def summary_first(b: Bill) -> str:
    """Page one: the account summary and the amount due in a shaded box; page two: the details."""
    d = b.d
    b.brand(b.left, 62)
    b.sender_line(b.left, 128)
    b.address(b.left, 145)
    b.facts(b.right - 230, 100, b.ids(), width=230)
    b.title(b.left, 240)
    y = b.summary(b.left + 6, 280, b.right - b.left - 12, boxed=True)
    y = b.due_line(b.left, y + 10)
    b.bank(b.left, y + 2)
    b.footer()
    b.s.new_page()
    b.s.text(b.left, 50, b.label(b.w["charges"]), b.size + 3, bold=True, heading=True)
    b.s.text(b.right, 50, f"{d.pick['number']} {d.number}", b.size, align="r")
    y = b.readings(74)
    y = b.table(y + 6)
    y = b.ensure(y, 80)
    b.totals(y)
    return "footer" if d.factors["legal_place"] != "sender_line" else "sender_line"


def band_boxes(b: Bill) -> str:
    """A band of ruled boxes with small labels over the values across the page under the brand."""
    b.brand(b.left, 60)
    b.title(b.right, 60, align="r")
    y = b.boxes(80, b.ids())
    b.sender_line(b.left, y + 12)
    y = b.address(b.left, y + 28)
    y = b.readings(y + 14)
    y = b.table(y + 6)
    y = b.ensure(y, 140)
    y = b.totals(y)
    y = b.summary(b.left, y + 4, 250)
    b.due_line(b.left, y)
    b.bank(b.left, y + b.size + 6)
    return "footer" if b.d.factors["legal_place"] != "sender_line" else "sender_line"


def saas(b: Bill) -> str:
    """A subscription invoice: the title big at the top, the brand right, the period under each item."""
    d = b.d
    b.title(b.left, 70, size=24)
    b.brand(b.right, 70, align="r", size=18)
    y = b.facts(b.left, 100, b.ids(), width=200)
    b.s.text(b.left, y + 14, b.label(b.w["bill_to"]), b.size, bold=True)
    b.address(b.left, y + 28)
    if d.factors["legal_place"] in ("sender_line", "both"):
        s = d.seller
        for i, line in enumerate((s.name, s.street, s.town)):
            b.s.text(b.right, y + 28 + i * (b.size + 4), line, b.size, align="r")
    y = b.table(y + 90, period_under=True)
    y = b.ensure(y, 140)
    y = b.totals(y)
    y = b.summary(b.right - 230, y + 2, 230)
    y = b.due_line(b.left, y + 4)
    b.bank(b.left, y)
    return "footer" if d.factors["legal_place"] == "footer" else "header"


def sidebar(b: Bill) -> str:
    """A column at the left with the ids, the contact, the bank and the legal entity; the bill at the right."""
    d, s = b.d, b.s
    col = b.left + 150
    s.box(0, 0, col - 14, s.height, fill=0.92, stroke=False)
    b.brand(b.left - 20, 60, size=18)
    y = 100.0
    for label, value in b.ids():
        s.text(b.left - 20, y, b.label(label), b.size - 1.5, heading=True, gray=0.35)
        s.text(b.left - 20, y + b.size + 1, value, b.size)
        y += 2 * b.size + 8
    if d.seller.iban:
        s.text(b.left - 20, y, b.w["iban"], b.size - 1.5, heading=True, gray=0.35)
        s.text(b.left - 20, y + b.size + 1, d.seller.iban, b.size - 1.5)
        y += 2 * b.size + 8
    if d.factors["legal_place"] in ("sender_line", "both"):
        for i, line in enumerate((d.seller.name, d.seller.street, d.seller.town)):
            s.text(b.left - 20, y + 10 + i * (b.size + 2), line, b.size - 1.5)
    b.left = col
    b.address(col, 100)
    b.title(col, 190)
    y = b.readings(212)
    y = b.table(y + 6)
    y = b.ensure(y, 140)
    y = b.totals(y)
    y = b.summary(col, y + 4, b.right - col)
    b.due_line(col, y)
    return "footer" if d.factors["legal_place"] == "footer" else "sidebar"


def banner(b: Bill) -> str:
    """The amount due and its date in a banner across the top, the rest below."""
    d, s = b.d, b.s
    s.box(0, 0, s.width, 92, fill=0.85, stroke=False)
    b.brand(b.left, 40)
    s.text(
        b.right,
        40,
        f"{b.label(d.pick['balance'])}: {b.money(d.amount_due)}",
        b.size + 6,
        bold=True,
        heading=True,
        align="r",
    )
    due = (
        str(b.w["debit"]).format(date=d.short(d.due))
        if d.factors["due"] == "debit"
        else f"{d.pick['due']}: {d.short(d.due)}"
    )
    s.text(b.right, 62, due, b.size + 1, align="r")
    b.sender_line(b.left, 128)
    b.address(b.left, 145)
    b.facts(b.right - 230, 120, b.ids(dates=True), width=230)
    b.title(b.left, 240)
    y = b.readings(262)
    y = b.table(y + 6)
    y = b.ensure(y, 120)
    y = b.totals(y)
    y = b.summary(b.left, y + 4, 250)
    b.bank(b.left, y)
    return "footer" if d.factors["legal_place"] != "sender_line" else "sender_line"


def folio(b: Bill) -> str:
    """A hotel folio or rental record: guest, room or agreement, arrival and departure in a grid; dated
    charges; payments received."""
    d = b.d
    b.brand(b.s.width / 2, 56, align="c")
    b.title(b.s.width / 2, 84, align="c", size=13)
    y = b.boxes(100, b.ids())
    b.s.text(b.left, y + 6, b.label(b.w["bill_to"]), b.size, bold=True)
    y = b.address(b.left, y + 20)
    y = b.table(y + 16, dated=True)
    y = b.ensure(y, 130)
    y = b.totals(y)
    y = b.summary(b.right - 260, y + 2, 260)
    y = b.due_line(b.left, y + 4)
    b.bank(b.left, y)
    if d.factors["legal_place"] in ("sender_line", "both"):
        b.s.text(
            b.s.width / 2,
            68,
            f"{d.seller.name} · {d.seller.street} · {d.seller.town}",
            7,
            heading=True,
            align="c",
        )
    return "footer" if d.factors["legal_place"] == "footer" else "header"


def fee_note(b: Bill) -> str:
    """A law or accounting firm's fee note: a centred letterhead, references, a sentence, fees and
    disbursements."""
    d, s = b.d, b.s
    name = d.brand or d.seller.name
    s.text(s.width / 2, 60, name.upper() if b.rng.random() < 0.5 else name, 18, bold=False, align="c")
    s.rule(b.left + 80, 68, b.right - 80, 68, 0.4)
    s.text(s.width / 2, 80, f"{d.seller.street} · {d.seller.town} · {d.seller.phone}", 7.5, align="c")
    b.sender_line(b.left, 128)
    b.address(b.left, 145)
    b.facts(b.right - 220, 140, b.ids(), inline=True)
    b.title(b.left, 250, size=14)
    y = b.table(272)
    y = b.ensure(y, 140)
    y = b.totals(y)
    y = b.summary(b.right - 230, y, 230)
    y = b.due_line(b.left, y + 6)
    b.bank(b.left, y)
    return (
        "letterhead"
        if not d.brand
        else ("footer" if d.factors["legal_place"] != "sender_line" else "sender_line")
    )


def public_notice(b: Bill) -> str:
    """A public body's fee notice: the authority's name centred, the file reference, fees without VAT."""
    d, s = b.d, b.s
    s.text(s.width / 2, 58, d.seller.name, 15, bold=True, heading=True, align="c")
    s.text(s.width / 2, 72, f"{d.seller.street}, {d.seller.town}", 8, align="c")
    s.rule(b.left, 80, b.right, 80, 0.8)
    b.address(b.left, 140)
    b.facts(b.right - 220, 120, b.ids(), width=220)
    b.title(b.left, 230, size=14)
    y = b.table(256)
    y = b.ensure(y, 110)
    y = b.totals(y)
    y = b.summary(b.right - 230, y, 230)
    y = b.due_line(b.left, y + 6)
    y = b.bank(b.left, y)
    s.text(b.left, y + 4, f"{b.w['ref']}: {d.reference}", b.size)
    return "letterhead"


def statement_long(b: Bill) -> str:
    """A long statement: many charges over several pages, carried forward and brought forward."""
    return window_left(b)


def listing(b: Bill) -> str:
    """A line-printer listing: Courier throughout, labels in capitals, facts in fixed columns."""
    d, s = b.d, b.s
    b.caps = True
    s.text(b.left, 50, (d.brand or d.seller.name).upper(), 12, bold=True)
    s.text(b.right, 50, b.label(d.pick["invoice"]), 12, bold=True, align="r")
    y = 74.0
    for label, value in b.ids():
        s.text(b.left, y, f"{b.label(label):<28}{value}", b.size)
        y += b.size + 3
    b.sender_line(b.left, y + 10)
    y = b.address(b.left, y + 26)
    s.text(b.left, y + 4, "-" * int((b.right - b.left) / (b.size * 0.6)), b.size)
    y = b.readings(y + 22)
    y = b.table(y + 4)
    y = b.ensure(y, 140)
    y = b.totals(y)
    y = b.summary(b.left, y + 4, 260)
    b.due_line(b.left, y)
    b.bank(b.left, y + b.size + 6)
    return "footer" if d.factors["legal_place"] != "sender_line" else "sender_line"


def us_stub(b: Bill) -> str:
    """A bill whose lower part is a stub to detach and return with the payment."""
    b.d.factors["slip"] = "detach"
    b.slip_height = 215.0
    return window_left(b)


def qr_part(b: Bill) -> str:
    """A bill ending in a payment part beside a receipt."""
    b.d.factors["slip"] = "payment_part"
    b.slip_height = 215.0
    return band_boxes(b)


def summary_box(b: Bill) -> str:
    """The account summary in a shaded box at the top right, beside the address; the charges below."""
    d = b.d
    b.brand(b.left, 60)
    b.facts(b.left, 80, b.ids()[:3], inline=True)
    b.summary(b.right - 220, 110, 214, boxed=True)
    b.sender_line(b.left, 150)
    b.address(b.left, 166)
    rest = b.ids()[3:]
    y = b.facts(b.left, 230, rest, inline=True) if rest else 230.0
    b.title(b.left, y + 14)
    y = b.readings(y + 36)
    y = b.table(y + 6)
    y = b.ensure(y, 100)
    y = b.totals(y)
    y = b.due_line(b.left, y + 4)
    b.bank(b.left, y)
    return "footer" if d.factors["legal_place"] != "sender_line" else "sender_line"


def telecom(b: Bill) -> str:
    """Many service lines (one per subscription) over pages, the summary on the first."""
    return summary_first(b)


def freight(b: Bill) -> str:
    """A forwarder's invoice: a grid of facts, the charges in a ruled table, bank details at the foot."""
    d = b.d
    b.brand(b.left, 56)
    b.s.text(b.left, 70, f"{d.seller.street} · {d.seller.town}", 7.5)
    b.title(b.right, 56, align="r")
    b.sender_line(b.left, 96)
    b.address(b.left, 112)
    y = b.boxes(170, b.ids())
    y = b.table(y + 12)
    y = b.ensure(y, 130)
    y = b.totals(y)
    y = b.summary(b.right - 250, y, 250)
    y = b.due_line(b.left, y + 4)
    b.bank(b.left, y)
    return "letterhead"


LAYOUTS: dict[str, Callable[[Bill], str]] = {
    "window_left": window_left, "window_right": window_right, "summary_first": summary_first,
    "band_boxes": band_boxes, "saas": saas, "sidebar": sidebar, "banner": banner, "folio": folio,
    "fee_note": fee_note, "public_notice": public_notice, "statement_long": statement_long, "listing": listing,
    "us_stub": us_stub, "qr_part": qr_part, "summary_box": summary_box, "telecom": telecom, "freight": freight,
}  # fmt: skip

FORCE: dict[str, dict[str, str]] = {
    # what a layout fixes about the document it lays out
    "saas": {"sector": "saas"}, "folio": {"sector": "hotel"}, "fee_note": {"sector": "law"},
    "public_notice": {"sector": "public"}, "listing": {"font": "courier"}, "telecom": {"sector": "telecom"},
    "freight": {"sector": "freight"}, "us_stub": {"slip": "detach"}, "qr_part": {"slip": "payment_part"},
}  # fmt: skip
MANY_LINES: dict[str, tuple[int, int]] = {
    "statement_long": (28, 60),
    "telecom": (20, 45),
    "listing": (18, 50),
}


def compose(d: Doc14, layout: str, rng: random.Random) -> tuple[Sheet, str]:
    """The sheet for ``d`` in ``layout`` and where the seller's legal name stands."""
    bill = Bill(d, rng)
    place = LAYOUTS[layout](bill)
    return bill.finish(), place
