"""The page layouts of evals/synth10 and how a document's blocks become runs: fifteen arrangements of the
letterhead, address window, facts, table, totals and footer as ERP and report engines print them. The
emission factors (model.py) then decide the order, operators and extras each page is written with."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from evals.synth9.model import Doc
from evals.synth10.emit import Run, Writer
from evals.synth10.model import Doc10

W, H = 595.0, 842.0
LEFT, RIGHT = 50.0, 545.0

LAYOUTS: dict[str, dict[str, str]] = {
    "din_classic": dict(seller="top_right", buyer="window_left", meta="right_column", table="full", totals="right", footer="three"),
    "din_sender": dict(seller="top_left", buyer="window_left", meta="right_column", table="numbered", totals="right", footer="three"),
    "boxed_facts": dict(seller="top_left", buyer="window_right", meta="boxes_row", table="full", totals="right", footer="two"),
    "centered_head": dict(seller="top_center", buyer="window_left", meta="under_title", table="compact", totals="right", footer="one_line"),
    "band_head": dict(seller="band", buyer="window_left", meta="right_column", table="compact", totals="right", footer="three"),
    "sidebar": dict(seller="sidebar", buyer="window_right", meta="under_title", table="minimal", totals="right", footer="none"),
    "inline_title": dict(seller="top_left", buyer="window_right", meta="inline_title", table="full", totals="left", footer="two"),
    "report_grid": dict(seller="top_right", buyer="window_left", meta="boxes_row", table="numbered", totals="row", footer="one_line"),
    "us_statement": dict(seller="top_left", buyer="window_left", meta="right_column", table="compact", totals="right", footer="one_line"),
    "nordic": dict(seller="top_left", buyer="window_right", meta="under_title", table="full", totals="row", footer="three"),
    "fr_devis": dict(seller="top_left", buyer="window_right", meta="inline_title", table="full", totals="right", footer="two"),
    "it_fattura": dict(seller="top_center", buyer="window_right", meta="boxes_row", table="numbered", totals="left", footer="three"),
    "receipt_wide": dict(seller="band", buyer="window_right", meta="under_title", table="minimal", totals="right", footer="one_line"),
    "two_party": dict(seller="top_left", buyer="right_of_seller", meta="right_column", table="full", totals="right", footer="two"),
    "pos_report": dict(seller="top_right", buyer="window_left", meta="inline_title", table="minimal", totals="row", footer="none"),
}  # fmt: skip


@dataclass
class Block:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def left(self) -> float:
        return min((r.x for r in self.runs), default=0.0)

    @property
    def top(self) -> float:
        return max((r.y for r in self.runs), default=0.0)


@dataclass
class Composed:
    pages: list[list[Block]]
    stationery: list[Block]
    """The letterhead and footer, the same on every page."""


class Money:
    """Amounts as this document prints them (the ``numbers`` factor)."""

    def __init__(self, d: Doc10) -> None:
        self.d = d
        self.doc = d.doc
        style = d.factors["numbers"]
        self.style = style
        self.negative_credit = self.doc.credit and (
            bool(self.doc.values.get("negative")) or style in ("trailing_minus", "parentheses", "u2212")
        )

    def n(self, value: Decimal) -> str:
        """The number without sign or currency."""
        text = self.doc.loc.number(abs(value))
        if self.style == "nnbsp_groups":
            group = self.doc.loc.group
            whole, _, frac = text.rpartition(self.doc.loc.decimal)
            thin = "\u202f" if self.d.family.startswith("DejaVu") else "\u00a0"  # Liberation has no U+202F
            text = whole.replace(group, thin) + self.doc.loc.decimal + frac
        return text

    def signed(self, value: Decimal) -> str:
        text = self.n(value)
        if value >= 0:
            return text
        return {"trailing_minus": f"{text}-", "parentheses": f"({text})", "u2212": f"\u2212{text}"}.get(
            self.style, f"-{text}"
        )

    def line(self, value: Decimal) -> str:
        return self.signed(-value if self.negative_credit else value)

    def total(self, value: Decimal, negative: bool = False) -> str:
        doc = self.doc
        text = self.signed(-value if negative or self.negative_credit else value)
        if self.style == "code_after":
            return f"{text} {doc.currency}"
        if doc.show_code:
            return f"{doc.currency} {text}" if doc.loc.sign_before else f"{text} {doc.currency}"
        return (
            f"{doc.sign}{text}" if doc.loc.sign_before and len(doc.sign) == 1 else f"{text}\u00a0{doc.sign}"
        )


def rate_text(doc: Doc, rate: Decimal) -> str:
    return f"{rate.normalize():f}".replace(".", doc.loc.decimal) + " %"


def qty_text(doc: Doc, quantity: Decimal) -> str:
    return f"{quantity.normalize():f}".replace(".", doc.loc.decimal)


def soft(text: str) -> str:
    """Soft hyphens inside long words, where a typesetter may break them."""
    out = []
    for word in text.split(" "):
        if len(word) >= 8 and word.isalpha():
            word = word[: len(word) // 2] + "\u00ad" + word[len(word) // 2 :]
        out.append(word)
    return " ".join(out)


class Composer:
    def __init__(self, d: Doc10, rng: random.Random, writer: Writer) -> None:
        self.d = d
        self.doc = d.doc
        self.rng = rng
        self.writer = writer
        self.p = LAYOUTS[d.layout]
        self.money = Money(d)
        self.w = self.doc.w
        self.x = d.extra
        nb = d.factors["glyphs"] == "nbsp_names"
        self.seller = self.doc.seller.name.replace(" ", "\u00a0") if nb else self.doc.seller.name
        self.buyer = self.doc.buyer.name.replace(" ", "\u00a0") if nb else self.doc.buyer.name
        self.size = rng.choice((8.0, 8.5, 9.0))
        self.accent = rng.choice(((0.1, 0.2, 0.45), (0.55, 0.1, 0.1), (0.1, 0.35, 0.2), (0.2, 0.2, 0.2)))

    def r(self, x: float, top: float, text: str, **kw: Any) -> Run:
        kw.setdefault("size", self.size)
        return Run(x, H - top, text, **kw)

    def d_(self, day: Any) -> str:
        return self.doc.d(day)

    # — blocks ——————————————————————————————————————————————————————————————
    def letterhead(self) -> list[Block]:
        doc, p = self.doc, self.p
        s = doc.seller
        where = p["seller"]
        size = self.rng.choice((15.0, 17.0, 19.0))
        name = self.r(LEFT, 60, self.seller, size=size, face="b", role="seller", color=self.accent)
        lines = [s.street, s.city_line(), f"{self.w['phone']} {doc.values['phone']}", str(doc.values["web"])]
        if p["footer"] == "none":  # no footer: the letterhead carries the ids and the bank
            lines += [
                f"{self.w['vat_id']} {s.vat_id}" if s.vat_id else "",
                f"IBAN {s.iban}" if s.iban else "",
            ]
            lines = [x for x in lines if x]
        block = Block("letterhead")
        if where in ("top_left", "sidebar"):
            x, align = LEFT, "l"
        elif where == "top_right":
            x, align = RIGHT, "r"
        elif where == "top_center":
            x, align = W / 2, "c"
        else:  # band: a coloured band, the name in white on it
            x, align = LEFT + 10, "l"
            name.color = (1.0, 1.0, 1.0)
        name.x, name.align = x, align
        if where == "sidebar":
            name.size = 13.0
        if self.d.factors["wordmark"] == "two_runs":
            first, _, rest = self.seller.partition("\u00a0" if "\u00a0" in self.seller else " ")
            cut = max(2, len(first) // 2)
            name.parts = [(first[:cut], "b", self.accent), (first[cut:], "l", (0.35, 0.35, 0.35))]
            if rest:
                gap = "\u00a0" if "\u00a0" in self.seller else " "
                name.parts.append((gap + rest, "r", (0.35, 0.35, 0.35)))
        block.runs.append(name)
        top = 78
        for text in lines:
            if where == "sidebar":
                block.runs.append(self.r(LEFT, top + 10, text, size=7.5))
            else:
                block.runs.append(self.r(x, top, text, size=7.5, align=align))
            top += 10
        return [block]

    def footer(self) -> list[Block]:
        s, kind = self.doc.seller, self.p["footer"]
        d = self.d
        vat = f"{self.w['vat_id']} {s.vat_id}" if s.vat_id else ""
        reg = self.x["register"].format(city=s.city, reg=d.values["reg"])
        director = self.x["director"].format(person=d.values["person"])
        iban = " ".join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4)) if s.iban else ""
        bank = [d.values["bank"], f"IBAN {iban}", f"BIC {s.bic}"] if s.iban else [d.values["bank"]]
        size = 6.5
        if kind == "none":
            return []
        if kind == "one_line":
            text = " · ".join(x for x in (self.seller, s.street, s.city_line(), vat, *bank) if x)
            return [Block("footer", [self.r(W / 2, 805, text, size=6.0, align="c")])]
        cols: list[list[str]] = [
            [self.seller, s.street, s.city_line()],
            [x for x in (vat, f"{self.w['tax_no']} {s.tax_no}", reg, director) if x],
            bank,
        ]
        if kind == "two":
            cols = [cols[0] + cols[1][:2], cols[2]]
        blocks = []
        xs = (LEFT, 230.0, 400.0) if len(cols) == 3 else (LEFT, 330.0)
        for i, (x, col) in enumerate(zip(xs, cols, strict=False)):
            block = Block(f"footer{i}")
            for k, text in enumerate(col):
                block.runs.append(self.r(x, 770 + k * 8.5, text, size=size))
            blocks.append(block)
        return blocks

    def sender_line(self) -> Block:
        s = self.doc.seller
        text = f"{self.seller} · {s.street} · {s.city_line()}"
        x = LEFT if self.p["buyer"] == "window_left" else 320.0
        return Block("sender", [self.r(x, 140, text, size=6.0, color=(0.3, 0.3, 0.3))])

    def buyer_block(self, top: float) -> Block:
        b, where = self.doc.buyer, self.p["buyer"]
        x = {"window_left": LEFT, "window_right": 320.0, "right_of_seller": 330.0}.get(where, LEFT)
        if where == "right_of_seller":
            top = 60
        block = Block("buyer")
        rows: list[tuple[str, str]] = []
        if where != "window_left" or self.rng.random() < 0.5:
            rows.append((self.w["bill_to"], "b"))
        rows += [(self.buyer, "r"), (b.street, "r"), (b.city_line(), "r")]
        if b.vat_id and self.rng.random() < 0.5:
            rows.append((f"{self.x['buyer_vat']} {b.vat_id}", "r"))
        for k, (text, face) in enumerate(rows):
            block.runs.append(self.r(x, top + k * 11, text, face=face, size=self.size + 0.5))
        return block

    def title(self, top: float, x: float = LEFT, align: str = "l") -> Run:
        doc = self.doc
        text = self.w["credit_note"] if doc.credit else self.w["invoice"]
        run = self.r(x, top, text, size=17.0, face="b", role="title", align=align)
        heading = self.d.factors["heading"]
        if heading == "tc_spaced":
            run.text, run.tc = text.upper(), 4.0
        elif heading == "space_spaced":
            run.text = " ".join(text.upper())
        elif heading == "scaled":
            run.tz = self.rng.choice((75.0, 85.0, 120.0))
        return run

    def facts(self) -> list[tuple[str, str]]:
        doc, w, rng = self.doc, self.w, self.rng
        out = [(w["number"], doc.number), (w["date"], self.d_(doc.issue))]
        if doc.due:
            out.append((w["due"], self.d_(doc.due)))
        if doc.credit:
            out.append((w["credit_of"], str(doc.values["original"])))
        if rng.random() < 0.6:
            out.append((w["customer_no"], str(doc.values["customer_no"])))
        if rng.random() < 0.6:
            out.append((w["order"], str(doc.values["order_no"])))
            out.append((w["order_date"], self.d_(doc.values["order_date"])))
        if rng.random() < 0.5:
            out.append((w["delivery_date"], self.d_(doc.values["delivery_date"])))
        return out

    def head(self, page: int, pages: int) -> tuple[list[Block], float]:
        """The page's head below the letterhead: sender line, buyer, title and facts; returns the top of the table."""
        p, blocks = self.p, []
        facts = (
            self.facts()
            if page == 0
            else [(self.w["number"], self.doc.number), (self.w["date"], self.d_(self.doc.issue))]
        )
        top = 150.0
        if page == 0:
            if p["seller"] != "sidebar" and p["buyer"] == "window_left" and self.rng.random() < 0.7:
                blocks.append(self.sender_line())
            blocks.append(self.buyer_block(top))
            top = 240.0
        else:
            top = 130.0
        meta = Block("meta")
        title = self.title(top)
        if p["meta"] == "inline_title":
            meta.runs.append(title)
            line = f"{facts[0][0]}: {facts[0][1]} · {facts[1][0]}: {facts[1][1]}"
            meta.runs.append(self.r(LEFT, top + 18, line, size=self.size + 1))
            rest = facts[2:]
            for k, (label, value) in enumerate(rest):
                meta.runs.append(self.r(LEFT + (k % 2) * 250, top + 32 + (k // 2) * 11, f"{label}: {value}"))
            top += 50 + ((len(rest) + 1) // 2) * 11
        elif p["meta"] == "right_column" and page == 0:
            meta.runs.append(title)
            for k, (label, value) in enumerate(facts):
                meta.runs.append(self.r(360, 150 + k * 11, label, role="label"))
                meta.runs.append(self.r(RIGHT, 150 + k * 11, value, align="r"))
            top = max(top + 30, 150 + len(facts) * 11 + 20)
        elif p["meta"] == "boxes_row" or (p["meta"] == "right_column" and page > 0):
            meta.runs.append(title)
            per_row = 4  # boxes a row holds (a long date fills one)
            width = (RIGHT - LEFT) / per_row
            for k, (label, value) in enumerate(facts):
                row, slot = divmod(k, per_row)
                at = top + row * 24
                meta.runs.append(
                    self.r(LEFT + slot * width, at + 22, label, size=6.5, color=(0.4, 0.4, 0.4), col=slot)
                )
                meta.runs.append(self.r(LEFT + slot * width, at + 32, value, size=self.size - 0.5, col=slot))
            top += 50 + (len(facts) - 1) // per_row * 24
        else:  # under_title: a label column and a value column under the title
            meta.runs.append(title)
            for k, (label, value) in enumerate(facts):
                meta.runs.append(self.r(LEFT, top + 20 + k * 11, label, role="label"))
                meta.runs.append(self.r(LEFT + 120, top + 20 + k * 11, value))
            top += 30 + len(facts) * 11
        if pages > 1:
            meta.runs.append(
                self.r(
                    RIGHT, top - 8, self.x["page_of"].format(page=page + 1, pages=pages), size=7.0, align="r"
                )
            )
        blocks.append(meta)
        return blocks, top + 10

    def columns(self) -> list[tuple[str, float, str]]:
        """(key, x, align) of the table's columns."""
        w, kind = self.w, self.p["table"]
        if kind == "full":
            return [("pos", LEFT, "l"), ("description", LEFT + 22, "l"), ("quantity", 310, "r"), ("unit", 316, "l"),
                    ("unit_price", 420, "r"), ("taxes", 470, "r"), ("amount", RIGHT, "r")]  # fmt: skip
        if kind == "numbered":
            return [
                ("pos", LEFT, "l"),
                ("description", LEFT + 22, "l"),
                ("quantity", 380, "r"),
                ("amount", RIGHT, "r"),
            ]
        if kind == "compact":
            return [
                ("description", LEFT, "l"),
                ("quantity", 330, "r"),
                ("unit_price", 440, "r"),
                ("amount", RIGHT, "r"),
            ]
        del w
        return [("description", LEFT, "l"), ("amount", RIGHT, "r")]

    def cell(self, key: str, line: Any) -> str:
        doc = self.doc
        name = soft(line.text) if self.d.factors["glyphs"] == "soft_hyphens" else line.text
        return {
            "pos": str(line.pos),
            "description": name,
            "quantity": qty_text(doc, line.quantity),
            "unit": line.unit,
            "unit_price": self.money.n(line.price),
            "taxes": rate_text(doc, line.rate),
            "amount": self.money.line(line.net),
        }[key]

    def header_row(self, top: float) -> Block:
        labels = {
            "pos": "#",
            "unit": "",
            **{k: self.w[k] for k in ("description", "quantity", "unit_price", "taxes", "amount")},
        }
        block = Block("table_head")
        for col, (key, x, align) in enumerate(self.columns()):
            if labels[key]:
                block.runs.append(self.r(x, top, labels[key], face="b", align=align, col=col))
        return block

    def amount_row(
        self, label: str, amount: str, top: float, bold: bool = False, role: str = "amount"
    ) -> list[Run]:
        face = "b" if bold else "r"
        where = self.p["totals"]
        if self.d.factors["numbers"] == "leaders":
            x0, x1 = (330.0, RIGHT) if where != "left" else (LEFT, 300.0)
            fill = x1 - x0 - self.writer.width(f"{label}  {amount}", face, self.size)
            dots = "." * max(3, int(fill / max(self.writer.width(".", face, self.size), 0.5)) - 1)
            return [
                self.r(x1, top, f"{label} {dots} {amount}", face=face, align="r", role=role if bold else "")
            ]
        if where == "left":
            return [
                self.r(LEFT, top, label, face=face, role="label"),
                self.r(300, top, amount, face=face, align="r", role=role),
            ]
        return [
            self.r(360, top, label, face=face, role="label"),
            self.r(RIGHT, top, amount, face=face, align="r", role=role),
        ]

    def totals(self, top: float) -> tuple[Block, float]:
        doc, w, m = self.doc, self.w, self.money
        rows: list[tuple[str, str, bool]] = []
        if doc.shipping or doc.allowance:
            rows.append((w["subtotal"], m.total(sum((x.net for x in doc.lines), Decimal(0))), False))
            if doc.shipping:
                rows.append((w["shipping"], m.total(doc.shipping), False))
            if doc.allowance:
                rows.append((w["discount"], m.total(doc.allowance, negative=True), False))
        rows.append((w["untaxed"], m.total(doc.net_total), False))
        if doc.layout not in ("de_kleinunternehmer",):
            for t in doc.taxes:
                rows.append((f"{w['tax']} {rate_text(doc, t.rate)}", m.total(t.tax), False))
            if len(doc.taxes) > 1:
                rows.append((w["tax_sum"].format(tax=w["tax"]), m.total(doc.tax_total), False))
        rows.append((w["total"], m.total(doc.grand_total), True))
        if doc.paid:
            rows.append((w["paid"], m.total(doc.paid, negative=True), False))
            rows.append((w["amount_due"], m.total(doc.amount_due), True))
        block = Block("totals")
        if self.p["totals"] == "row" and len(rows) <= 5:  # (more figures than a row holds: stacked)
            width = (RIGHT - LEFT) / len(rows)
            for k, (label, amount, bold) in enumerate(rows):
                x = LEFT + (k + 1) * width
                block.runs.append(self.r(x, top, label, size=6.5, align="r", col=k, color=(0.4, 0.4, 0.4)))
                block.runs.append(self.r(x, top + 11, amount, face="b" if bold else "r", align="r", col=k,
                                         role="total" if bold else "amount"))  # fmt: skip
            return block, top + 30
        for k, (label, amount, bold) in enumerate(rows):
            block.runs.extend(self.amount_row(label, amount, top + k * 12, bold, "total"))
        return block, top + len(rows) * 12 + 8

    def payment(self, top: float) -> Block:
        doc, w, s = self.doc, self.w, self.doc.seller
        block = Block("payment")
        rows = []
        if doc.due:
            rows.append(w["terms"].format(days=doc.values["due_days"]))
        if s.iban and self.rng.random() < 0.6:
            rows.append(f"{w['bank']}: {self.d.values['bank']} · IBAN {s.iban} · BIC {s.bic}")
        if doc.layout == "shop_order" or self.rng.random() < 0.25:
            rows.append(self.x["provider"].format(provider=self.d.values["provider"]))
        for k, text in enumerate(rows):
            block.runs.append(self.r(LEFT, top + k * 11, text, role="para"))
        return block

    # — the whole document ————————————————————————————————————————————————————
    def compose(self) -> Composed:
        doc = self.doc
        stationery = self.letterhead() + self.footer()
        rows = doc.lines
        multi = self.d.factors["pages"] == "multi"
        first, rest = (14, 24) if multi else (len(rows), len(rows))
        chunks = [rows[:first]]
        while sum(len(c) for c in chunks) < len(rows):
            done = sum(len(c) for c in chunks)
            chunks.append(rows[done : done + rest])
        if multi and len(chunks[-1]) > 14:
            chunks.append([])
        pages: list[list[Block]] = []
        running = Decimal(0)
        for index, chunk in enumerate(chunks):
            blocks, top = self.head(index, len(chunks))
            blocks.append(self.header_row(top))
            top += 14
            table = Block("table")
            if index > 0:
                table.runs.extend(self.amount_row(self.x["brought"], self.money.line(running), top))
                top += 13
            for line in chunk:
                for col, (key, x, align) in enumerate(self.columns()):
                    text = self.cell(key, line)
                    if text:
                        table.runs.append(self.r(x, top, text, align=align, col=col,
                                                 role="amount" if key == "amount" else ""))  # fmt: skip
                running += line.net
                top += 13
            if index < len(chunks) - 1:
                table.runs.extend(self.amount_row(self.x["carried"], self.money.line(running), top + 4))
                top += 17
            blocks.append(table)
            if index == len(chunks) - 1:
                totals, top = self.totals(top + 10)
                blocks.append(totals)
                blocks.append(self.payment(top + 8))
            pages.append(blocks)
        return Composed(pages, stationery)
