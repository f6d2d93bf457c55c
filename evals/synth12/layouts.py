"""Fifteen page layouts of invoices typed in a word processor or a simple template, drawn with ReportLab's
canvas: where the letterhead, the recipient, the invoice's data, the items, the totals, the notes and the
legal lines go. A layout is a row of choices for each part (LAYOUTS); the parts are written below."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from evals.synth12.model import Doc12

W, H = 595.0, 842.0

LAYOUTS: dict[str, dict[str, str]] = {
    "letter_window": {"header": "right", "recipient": "window", "meta": "right", "table": "plain", "totals": "right", "footer": "none"},
    "letter_window_footer": {"header": "name_only", "recipient": "window", "meta": "right", "table": "plain", "totals": "right", "footer": "columns"},
    "plain_column": {"header": "left", "recipient": "block", "meta": "tab", "table": "tabs", "totals": "tab", "footer": "none"},
    "two_column_parties": {"header": "from_block", "recipient": "right_block", "meta": "tab", "table": "grid", "totals": "right", "footer": "none"},
    "word_tabs": {"header": "left", "recipient": "tabbed", "meta": "tab", "table": "tabs", "totals": "tab", "footer": "line"},
    "centred_letterhead": {"header": "centre", "recipient": "block", "meta": "right", "table": "grid", "totals": "right", "footer": "line"},
    "footer_legal": {"header": "name_only", "recipient": "inline", "meta": "tab", "table": "plain", "totals": "right", "footer": "columns"},
    "sidebar": {"header": "sidebar", "recipient": "block", "meta": "tab", "table": "plain", "totals": "right", "footer": "none"},
    "title_top": {"header": "under_title", "recipient": "right_block", "meta": "one_line", "table": "grid", "totals": "right", "footer": "line"},
    "memo": {"header": "memo", "recipient": "inline", "meta": "tab", "table": "tabs", "totals": "tab", "footer": "none"},
    "prose_letter": {"header": "left", "recipient": "window", "meta": "right", "table": "prose", "totals": "tab", "footer": "none"},
    "narrow_column": {"header": "centre", "recipient": "inline", "meta": "tab", "table": "tabs", "totals": "tab", "footer": "none", "narrow": "yes"},
    "meta_box": {"header": "left", "recipient": "block", "meta": "box", "table": "grid", "totals": "right", "footer": "none"},
    "signature": {"header": "right", "recipient": "window", "meta": "tab", "table": "tabs", "totals": "right", "footer": "line", "sign": "yes"},
    "centred_minimal": {"header": "centre", "recipient": "tabbed", "meta": "one_line", "table": "prose", "totals": "tab", "footer": "columns"},
    "right_letterhead_grid": {"header": "right", "recipient": "block", "meta": "tab", "table": "grid", "totals": "right", "footer": "columns"},
}  # fmt: skip


@dataclass
class Page:
    canvas: Any
    faces: dict[str, str]
    size: float
    left: float = 56.0
    right: float = W - 56.0

    def text(self, x: float, y: float, s: str, size: float | None = None, bold: bool = False,
             align: str = "l", light: bool = False) -> None:  # fmt: skip
        if not s:
            return
        face = self.faces["b" if bold else ("l" if light else "r")]
        self.canvas.setFont(face, size or self.size)
        draw = {
            "l": self.canvas.drawString,
            "r": self.canvas.drawRightString,
            "c": self.canvas.drawCentredString,
        }
        draw[align](x, y, s)

    def width(self, s: str, size: float | None = None, bold: bool = False) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(s, self.faces["b" if bold else "r"], size or self.size))

    def rule(self, x1: float, y: float, x2: float, weight: float = 0.5) -> None:
        self.canvas.setLineWidth(weight)
        self.canvas.line(x1, y, x2, y)


class Composer:
    """Writes one document's page from its layout row; ``y`` runs down the page."""

    def __init__(self, d: Doc12, layout: str, page: Page, rng: random.Random) -> None:
        self.d, self.p, self.rng = d, page, rng
        self.row = LAYOUTS[layout]
        self.w = d.w
        self.pick = d.pick
        self.lead = page.size * 1.35
        if self.row.get("narrow") == "yes":
            page.left, page.right = 150.0, W - 150.0
        if self.row["header"] == "sidebar":
            page.left = 190.0
        self.y = H - 60

    # the seller -----------------------------------------------------------------------------------------
    def name_style(self) -> tuple[float, bool, bool]:
        emphasis = self.d.factors["seller_emphasis"]
        size = self.p.size * (1.7 if emphasis == "large_bold" else 1.0)
        return size, emphasis in ("large_bold", "bold"), emphasis == "caps"

    def head_lines(self) -> list[tuple[str, str]]:
        caps = self.name_style()[2]
        out = []
        for text, role in self.d.seller.header:
            out.append((text.upper() if caps and role == "name" else text, role))
        return out

    def address_lines(self, contact: bool = True) -> list[str]:
        s, w = self.d.seller, self.w
        town = f"{s.city} {s.postcode}" if w["postcode_after"] else f"{s.postcode} {s.city}"
        lines = [s.street, town]
        if contact:
            lines.append(str(w["phone"]).format(a=self.rng.randint(100, 999), b=self.rng.randint(1000, 9999)))
        return lines

    def id_lines(self) -> list[str]:
        s = self.d.seller
        out = []
        if s.vat_id:
            out.append(f"{self.pick['vat_label']} {s.vat_id}")
        if s.reg:
            out.append(s.reg)
        return out

    def seller_block(
        self, x: float, y: float, align: str = "l", ids: bool = True, address: bool = True
    ) -> float:
        size, bold, _ = self.name_style()
        for text, role in self.head_lines():
            if role == "name":
                self.p.text(x, y, text, size=size, bold=bold, align=align)
                y -= size * 1.3
            else:
                self.p.text(x, y, text, size=self.p.size * (0.9 if role == "tagline" else 1.0), align=align,
                            light=role == "tagline")  # fmt: skip
                y -= self.lead
        if address:
            for line in self.address_lines():
                self.p.text(x, y, line, align=align)
                y -= self.lead
        if ids:
            for line in self.id_lines():
                self.p.text(x, y, line, align=align)
                y -= self.lead
        return y

    def header(self) -> None:
        kind, p = self.row["header"], self.p
        if kind == "left":
            self.y = self.seller_block(p.left, self.y) - 10
        elif kind == "right":
            self.y = min(self.seller_block(p.right, self.y, "r"), H - 150) - 6
        elif kind == "centre":
            size, bold, _ = self.name_style()
            y = self.y
            for text, role in self.head_lines():
                big = role == "name"
                p.text(
                    W / 2,
                    y,
                    text,
                    size=size if big else p.size,
                    bold=bold and big,
                    align="c",
                    light=role == "tagline",
                )
                y -= (size * 1.3) if big else self.lead
            p.text(W / 2, y, " · ".join(self.address_lines(contact=False)), align="c")
            y -= self.lead
            if self.row["footer"] == "none":
                p.text(W / 2, y, " · ".join(self.id_lines()), align="c", size=p.size * 0.9)
                y -= self.lead
            p.rule(p.left, y + 4, p.right)
            self.y = y - 14
        elif kind == "name_only":
            size, bold, _ = self.name_style()
            y = self.y
            for text, role in self.head_lines():
                p.text(p.left, y, text, size=size if role == "name" else p.size, bold=bold and role == "name")
                y -= size * 1.3 if role == "name" else self.lead
            self.y = y - 10
        elif kind == "sidebar":  # the name across the top, the address and ids in a narrow left column
            size, bold, _ = self.name_style()
            y = self.y
            for text, role in self.head_lines():
                p.text(40, y, text, size=size if role == "name" else p.size, bold=bold and role == "name")
                y -= size * 1.3 if role == "name" else self.lead
            self.y = y - 16
            side = self.y
            small = p.size * 0.8
            for line in self.address_lines():
                p.text(40, side, line, size=small)
                side -= small * 1.35
            for line in self.id_lines():
                label, _, value = line.rpartition(" ")
                side -= small * 0.5
                p.text(40, side, label, size=small)
                p.text(40, side - small * 1.3, value, size=small)
                side -= small * 2.7
            p.canvas.setLineWidth(0.4)
            p.canvas.line(180, 60, 180, self.y + 10)
        elif kind == "from_block":
            p.text(p.left, self.y, self.pick["from"] or "From:", bold=True)
            self.party_top = self.y
            self.y = self.seller_block(p.left, self.y - self.lead) - 10
        elif kind == "under_title":
            self.title(size=26)
            self.party_top = self.y
            self.y = self.seller_block(p.left, self.y) - 10
        elif kind == "memo":
            name = self.head_lines()[0][0]
            p.text(p.left, self.y, f"{self.pick['from'] or 'From:'} {name}")
            self.y -= self.lead
            for text, _role in self.head_lines()[1:]:
                p.text(p.left + 60, self.y, text)
                self.y -= self.lead
            p.text(p.left + 60, self.y, ", ".join(self.address_lines(contact=False)))
            self.y -= self.lead
            for line in self.id_lines():
                p.text(p.left + 60, self.y, line)
                self.y -= self.lead
            self.y -= self.lead * 0.5

    # the buyer ------------------------------------------------------------------------------------------
    def buyer_lines(self) -> list[str]:
        b, w = self.d.buyer, self.w
        town = f"{b.city} {b.postcode}" if w["postcode_after"] else f"{b.postcode} {b.city}"
        return [*b.lines, b.street, town]

    def recipient(self) -> None:
        kind, p, label_style = self.row["recipient"], self.p, self.d.factors["label_style"]
        lines = self.buyer_lines()
        block_label = self.pick["to_block"]
        inline_label = self.pick["to_inline"]
        if kind == "window":
            y = min(self.y, H - 150)
            s = self.d.seller
            p.text(p.left, y, f"{self.head_lines()[0][0]} · {s.street} · {s.postcode} {s.city}", size=6.5)
            p.rule(p.left, y - 2, p.left + 230, 0.3)
            y -= 16
            if label_style in ("block", "tabbed"):
                p.text(p.left, y, block_label, size=p.size * 0.85)
                y -= self.lead
            for line in lines:
                p.text(p.left, y, line)
                y -= self.lead
            self.window_bottom = y
            self.y = min(self.y, y + self.lead * len(lines) + 16)  # the meta sits beside the window
        elif kind == "right_block":
            x, y = W / 2 + 30, getattr(self, "party_top", self.y)
            if label_style != "none":
                p.text(x, y, inline_label if label_style == "inline" else block_label, bold=True)
                y -= self.lead
            for line in lines:
                p.text(x, y, line)
                y -= self.lead
            self.y = min(self.y, y - 10)
        else:
            x, y = p.left, self.y
            style = {"block": "block", "tabbed": "tabbed", "inline": "inline"}.get(kind, label_style)
            if style == "block" and label_style == "none":
                style = "none"
            if kind == "inline" and label_style == "none":
                style = "none"
            if style == "block":
                p.text(x, y, block_label, bold=True)
                y -= self.lead
                for line in lines:
                    p.text(x, y, line)
                    y -= self.lead
            elif style == "inline":
                label = inline_label + " "
                p.text(x, y, label + lines[0])
                indent = p.width(label)
                for line in lines[1:]:
                    y -= self.lead
                    p.text(x + indent, y, line)
                y -= self.lead
            elif style == "tabbed":
                p.text(x, y, block_label)
                for line in lines:
                    p.text(x + 110, y, line)
                    y -= self.lead
            else:
                for line in lines:
                    p.text(x, y, line)
                    y -= self.lead
            self.y = y - 14

    # the invoice's data ---------------------------------------------------------------------------------
    def meta_rows(self) -> list[tuple[str, str]]:
        d, pick = self.d, self.pick
        rows = [(pick["number"], d.number)]
        if d.factors["date_style"] != "date_line":
            rows.append((pick["date"], d.day(d.issue)))
        if d.factors["due"] == "label" and d.due:
            rows.append((pick["due"], d.day(d.due)))
        return rows

    def date_line(self) -> None:
        d = self.d
        if d.factors["date_style"] == "date_line":
            when = d.long(d.issue) if self.pick["date_line_form"] == "long" else d.short(d.issue)
            line = self.pick["date_line"].format(city=d.seller.city, date=when)
            self.p.text(self.p.right, self.y, line, align="r")
            self.y -= self.lead * 2

    def title(self, size: float | None = None) -> None:
        self.p.text(self.p.left, self.y, self.pick["title"], size=size or self.p.size * 1.6, bold=True)
        self.y -= (size or self.p.size * 1.6) * 1.4

    def meta(self) -> None:
        kind, p = self.row["meta"], self.p
        rows = self.meta_rows()
        if kind == "right":
            y = getattr(self, "window_bottom", None)
            top = self.y if y is None else min(self.y, H - 150)
            yy = top
            for label, value in rows:
                p.text(p.right - 100, yy, label, align="r")
                p.text(p.right, yy, value, align="r")
                yy -= self.lead
            self.y = min(yy, y if y is not None else yy) - 20
            self.date_line()
            if self.row["header"] != "under_title":
                self.title()
        elif kind == "tab":
            self.date_line()
            if self.row["header"] != "under_title":
                self.title()
            for label, value in rows:
                p.text(p.left, self.y, label)
                p.text(p.left + 120, self.y, value)
                self.y -= self.lead
            self.y -= 12
        elif kind == "box":
            self.date_line()
            self.title()
            top = self.y + 4
            for label, value in rows:
                p.text(p.left + 6, self.y - 8, label, bold=True)
                p.text(p.left + 150, self.y - 8, value)
                self.y -= self.lead
            p.canvas.setLineWidth(0.6)
            p.canvas.rect(p.left, self.y - 6, 300, top - self.y + 6)
            self.y -= 30
        elif kind == "one_line":
            self.date_line()
            if self.row["header"] != "under_title":
                self.title()
            p.text(p.left, self.y, "   ·   ".join(f"{label} {value}" for label, value in rows))
            self.y -= self.lead * 2

    # the items ------------------------------------------------------------------------------------------
    def qty(self, line: Any) -> str:
        q = line.quantity
        text = f"{q:f}".rstrip("0").rstrip(".") if "." in f"{q:f}" else f"{q:f}"
        return text.replace(".", str(self.w["decimal"]))

    def intro(self) -> None:
        if self.d.factors["intro"] == "prose":
            text = self.pick["intro"].format(work=self.pick["work"])
            self.p.text(self.p.left, self.y, text)
            self.y -= self.lead * 1.8

    def header_cols(self) -> list[str]:
        cols = list(self.w["cols"])
        if self.d.factors["currency_sign"] == "header":
            cols[3] = f"{cols[3]} ({self.w['sign']})"
            cols[2] = f"{cols[2]} ({self.w['sign']})"
        return cols

    def table(self) -> None:
        kind, p, d = self.row["table"], self.p, self.d
        self.intro()
        cols = self.header_cols()
        xs = (p.left, p.right - 190, p.right - 90, p.right)
        if kind in ("plain", "grid"):
            top = self.y + self.lead * 0.8
            p.text(xs[0] + 3, self.y, cols[0], bold=True)
            p.text(xs[1], self.y, cols[1], bold=True, align="r")
            p.text(xs[2], self.y, cols[2], bold=True, align="r")
            p.text(xs[3] - 3, self.y, cols[3], bold=True, align="r")
            p.rule(p.left, self.y - 4, p.right)
            self.y -= self.lead * 1.4
            room = xs[1] - 40 - xs[0]
            for line in d.lines:
                fit = min(
                    p.size, p.size * room / max(p.width(line.text), 1.0)
                )  # typed smaller to fit its cell
                p.text(xs[0] + 3, self.y, line.text, size=fit)
                p.text(xs[1], self.y, self.qty(line), align="r")
                p.text(xs[2], self.y, d.money(line.price), align="r")
                p.text(xs[3] - 3, self.y, d.money(line.net), align="r")
                if kind == "grid":
                    p.rule(p.left, self.y - 4, p.right, 0.3)
                self.y -= self.lead * 1.3
            if kind == "grid":
                p.canvas.setLineWidth(0.3)
                p.canvas.rect(
                    p.left, self.y + self.lead * 1.3 - 4, p.right - p.left, top - self.y - self.lead * 1.3 + 4
                )
            else:
                p.rule(p.left, self.y + self.lead * 0.6, p.right)
        elif kind == "tabs":
            for line in d.lines:
                text = f"{self.qty(line)} x {line.text}" if line.quantity != 1 else line.text
                price = f"{self.w['at']} {d.money(line.price)}"
                if line.quantity != 1 and p.left + p.width(text) + 12 > p.right - 110 - p.width(price):
                    text, price = f"{text} {price}", ""  # no room for a tab stop: typed on
                p.text(p.left, self.y, text)
                if line.quantity != 1 and price:
                    p.text(p.right - 110, self.y, price, align="r")
                p.text(p.right, self.y, d.money(line.net), align="r")
                self.y -= self.lead * 1.2
        else:  # prose
            for line in d.lines:
                if line.quantity != 1:
                    text = f"{line.pos}. {line.text}: {self.qty(line)} × {d.money(line.price)} = {d.money(line.net)}"
                else:
                    text = f"{line.pos}. {line.text}: {d.money(line.net)}"
                p.text(p.left + 10, self.y, text)
                self.y -= self.lead * 1.2
        self.y -= 10

    # the totals -----------------------------------------------------------------------------------------
    def total_rows(self) -> list[tuple[str, str, bool]]:
        d, pick = self.d, self.pick
        rows: list[tuple[str, str, bool]] = []
        if d.vat_rate is not None or d.contribution_rate is not None:
            if d.contribution_rate is not None:
                rows.append((self.w["subtotal"][-1], d.money(d.net), False))
                label = pick["contribution"].format(rate=d.contribution_rate)
                rows.append((label, d.money(d.contribution), False))
                rows.append((pick["subtotal"], d.money(d.base), False))
            else:
                rows.append((pick["subtotal"], d.money(d.base), False))
            if d.vat_rate is not None:
                rows.append((pick["vat"].format(rate=d.vat_rate), d.money(d.tax), False))
        total = pick["total"]
        if d.factors["currency_sign"] == "header" and self.row["table"] in ("tabs", "prose"):
            total = (
                f"{total} ({self.w['sign']})"  # no column header to carry the sign: the total's label does
            )
        rows.append((total, d.money(d.total), True))
        if d.withholding_rate is not None:
            rows.append((pick["withholding"].format(rate=d.withholding_rate), d.money(-d.withheld), False))
        if d.deposit:
            rows.append((pick["deposit"], d.money(-d.deposit), False))
        if d.amount_due != d.total:
            rows.append((pick["due_amount"], d.money(d.amount_due), True))
        return rows

    def totals(self) -> None:
        kind, p = self.row["totals"], self.p
        for label, value, strong in self.total_rows():
            if kind == "right":
                p.text(p.right - 110, self.y, label, bold=strong, align="r")
                p.text(p.right, self.y, value, bold=strong, align="r")
            else:
                p.text(p.left, self.y, label, bold=strong)
                p.text(p.left + 250, self.y, value, bold=strong, align="r")
            self.y -= self.lead * 1.2
        self.y -= 12

    # notes, payment, footer -----------------------------------------------------------------------------
    def notes(self) -> None:
        d, p, pick = self.d, self.p, self.pick
        if d.vat_rate is None:
            p.text(p.left, self.y, pick["no_vat"], size=p.size * 0.95)
            self.y -= self.lead * 1.5
        due = d.factors["due"]
        if due == "sentence_date" and d.due:
            sentence = pick["pay_due"].format(due=d.day(d.due), days=d.days)
        elif due == "sentence_plain":
            sentence = pick["pay_plain"].format(days=d.days)
        else:
            sentence = ""
        if sentence:
            p.text(p.left, self.y, sentence)
            self.y -= self.lead * 1.5
        footer_has_bank = self.row["footer"] == "columns"
        if d.seller.iban and not footer_has_bank:
            iban = d.seller.iban
            shown = (
                " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if self.rng.random() < 0.6 else iban
            )
            p.text(p.left, self.y, pick["bank"])
            p.text(p.left + max(110.0, p.width(pick["bank"]) + 12), self.y, f"IBAN {shown}")
            self.y -= self.lead * 1.6
        p.text(p.left, self.y, pick["thanks"])
        self.y -= self.lead
        if self.row.get("sign") == "yes":
            self.y -= self.lead * 2
            p.text(p.left, self.y, d.seller.person)

    def footer(self) -> None:
        kind, p, d = self.row["footer"], self.p, self.d
        if kind == "none":
            if self.row["header"] in ("name_only",):
                kind = "line"
            else:
                return
        name = d.seller.header[0][0]
        if kind == "line":
            parts = [name, *self.address_lines(contact=False), *self.id_lines()]
            if d.seller.iban and self.row["header"] == "name_only":
                parts.append(f"IBAN {d.seller.iban}")
            p.rule(p.left, 62, p.right, 0.3)
            p.text(W / 2, 50, " · ".join(parts), size=6.8, align="c")
            return
        size = 6.8
        cols = [
            [name, *self.address_lines()],
            self.id_lines(),
            [self.pick["bank"], f"IBAN {d.seller.iban}"] if d.seller.iban else [],
        ]
        p.rule(p.left, 84, p.right, 0.3)
        for i, col in enumerate(cols):
            y = 74.0
            for line in col:
                p.text(p.left + i * 175, y, line, size=size)
                y -= size * 1.3

    def compose(self) -> None:
        self.header()
        self.recipient()
        self.meta()
        self.table()
        self.totals()
        self.notes()
        self.footer()
