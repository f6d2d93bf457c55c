"""The layouts of evals/synth8, written as Typst markup: the body of the document (table style, facts,
totals, one or two pages, A4 portrait or landscape, an 80 mm strip) is the layout's; where the seller and
the buyer stand and how they are named are the party factors (model.py), composed into every layout.

Every text is a Typst string literal (``#"…"``), so nothing on the page is read as markup."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from decimal import Decimal

from evals.synth8.ids import grouped
from evals.synth8.model import Doc, Line, draw_doc

LAYOUTS = ("classic", "grid_facts", "minimal", "zebra", "boxed", "credit_note", "two_page", "narrow",
           "service_hours", "letter", "discount", "deposit", "multi_rate", "landscape", "compact", "subscription")  # fmt: skip


def lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def s(text: str, size: float | None = None, bold: bool = False, fill: str | None = None) -> str:
    """A string set as text, with an optional size (pt), weight and colour."""
    args = [f"size: {size}pt"] if size else []
    if bold:
        args.append('weight: "bold"')
    if fill:
        args.append(f"fill: {fill}")
    return f"#text({', '.join([*args, lit(text)])})" if args else f"#{lit(text)}"


def rows(*lines: str) -> str:
    """Markup lines already set (``s(…)``) joined by line breaks, in one content block."""
    return "[" + "#linebreak()".join(x for x in lines if x) + "]"


def _qty(doc: Doc, value: Decimal) -> str:
    return doc.n(value) if value != value.to_integral() else str(int(value))


def _rate(doc: Doc, rate: Decimal) -> str:
    return f"{rate.normalize():f}".replace(".", doc.loc.decimal) + " %"


def _title(doc: Doc) -> str:
    return doc.w["credit_note"] if doc.credit else doc.w["invoice"]


class Page:
    """One document being written: the drawn Doc, the presentation stream, and the markup so far."""

    def __init__(self, doc: Doc, rng: random.Random, size: float = 9.0) -> None:
        self.doc, self.rng, self.size = doc, rng, size
        self.out: list[str] = []
        self.code_in_total = doc.loc.sign in ("$", "kr", "kr.") or rng.random() < 0.5
        self.facts_placed = False
        self.bank_in_footer = doc.factors["seller_pos"] in ("footer_brand", "sidebar") or rng.random() < 0.4

    def add(self, markup: str) -> None:
        self.out.append(markup)

    # -- the seller -------------------------------------------------------------------------------------
    def name_lines(self, size: float = 13) -> list[str]:
        doc = self.doc
        if doc.brand:
            return [s(doc.brand, size + 5, bold=True, fill='rgb("#1f4e79")')]
        out = [s(line, size, bold=True) for line in doc.seller.printed]
        if doc.seller.extra:
            out.append(s(doc.seller.extra, size - 3))
        return out

    def seller_ids(self) -> list[str]:
        doc, w = self.doc, self.doc.w
        out = []
        if doc.seller.vat_id:
            out.append(s(f"{w['vat_id']}: {doc.seller.vat_id}", self.size - 1))
        return out

    def seller_block(self, size: float = 13, contact: bool = True) -> str:
        doc = self.doc
        lines = [*self.name_lines(size), s(doc.seller.street), s(doc.seller.city_line)]
        if contact:
            lines += [
                s(f"{doc.w['contact']} {doc.seller.phone}", self.size - 1),
                s(doc.seller.email, self.size - 1),
            ]
        if not doc.brand:
            lines += self.seller_ids()
        if doc.factors["distractor"] == "group":
            lines.append(s(doc.w["member_of"].format(group=doc.third), self.size - 1.5))
        return rows(*lines)

    def legal_line(self) -> str:
        """The seller's legal name with address and VAT id in one line (footers, sender lines)."""
        doc = self.doc
        parts = [doc.seller.name, doc.seller.street, doc.seller.city_line]
        if doc.seller.vat_id:
            parts.append(f"{doc.w['vat_id']} {doc.seller.vat_id}")
        return " · ".join(parts)

    def bank_lines(self) -> list[str]:
        doc = self.doc
        if not doc.pay_iban:
            if doc.loc.country == "US":
                return [
                    s(
                        f"ACH: routing 0{self.rng.randint(10000000, 99999999)} · account {self.rng.randint(10**8, 10**9)}"
                    )
                ]
            if doc.loc.country == "AU":
                return [
                    s(
                        f"BSB {self.rng.randint(100, 999)}-{self.rng.randint(100, 999)} · Acc {self.rng.randint(10**7, 10**8)}"
                    )
                ]
            return []
        bank = doc.third if doc.factors["distractor"] == "bank" else ""
        out = [s(doc.w["bank"], bold=True)]
        if bank:
            out.append(s(bank))
        out.append(s(f"IBAN: {grouped(doc.pay_iban)}"))
        out.append(s(f"BIC: {doc.pay_bic}"))
        return out

    # -- the header, by seller position ----------------------------------------------------------------
    def header(self) -> None:
        doc, pos = self.doc, self.doc.factors["seller_pos"]
        title = s(_title(doc), 18, bold=True)
        if pos == "top_left":
            self.add(f"#grid(columns: (1.3fr, 1fr), {self.seller_block()}, align(right)[{title}])")
        elif pos == "top_right":
            self.add(f"#grid(columns: (1fr, 1.3fr), [{title}], align(right){self.seller_block()})")
        elif pos == "centred":
            one = " · ".join(x for x in (doc.seller.street, doc.seller.city_line, doc.seller.phone) if x)
            extra = (
                [s(f"{doc.w['vat_id']}: {doc.seller.vat_id}", self.size - 1)]
                if doc.seller.vat_id and not doc.brand
                else []
            )
            if doc.factors["distractor"] == "group":
                extra.append(s(doc.w["member_of"].format(group=doc.third), self.size - 1.5))
            self.add(f"#align(center){rows(*self.name_lines(15), s(one, self.size - 0.5), *extra)}")
            self.add("#line(length: 100%, stroke: 0.6pt)")
            self.add(f"#v(4pt){title}")
        elif pos == "footer_brand":
            brand = s(doc.brand or "", 24, bold=True, fill='rgb("#2b6cb0")')
            if self.rng.random() < 0.5:
                self.add(f"#grid(columns: (1fr, 1fr), [{brand}], align(right)[{title}])")
            else:
                self.add(f"#align(right)[{brand}]#v(6pt){title}")
        elif pos == "sender_line":
            if doc.brand:
                self.add(f"#align(right)[{s(doc.brand, 22, bold=True)}]")
            else:
                self.add("#v(1.2cm)")
        elif pos == "sidebar":
            self.add(title)
        elif pos == "from_to":
            self.add(title)
            self.add("#v(6pt)")
            w = doc.w
            left = rows(s(w["from"], self.size - 1, fill="gray"), *self.name_lines(11), s(doc.seller.street),
                        s(doc.seller.city_line), *([] if doc.brand else self.seller_ids()))  # fmt: skip
            right = rows(s(w["to"], self.size - 1, fill="gray"), *self.buyer_lines())
            self.add(f"#grid(columns: (1fr, 1fr), column-gutter: 12pt, {left}, {right})")
            if doc.factors["distractor"] == "group":
                self.add(s(doc.w["member_of"].format(group=doc.third), self.size - 1.5))
        self.add("#v(10pt)")

    def sidebar(self) -> str:
        """The page background of the sidebar position: the seller's block in a tinted strip at the left."""
        doc = self.doc
        inner = rows(*self.name_lines(12), "#v(6pt)", s(doc.seller.street), s(doc.seller.city_line), "#v(6pt)",
                     s(doc.seller.phone, self.size - 1), s(doc.seller.email, self.size - 1), "#v(6pt)",
                     *([] if doc.brand else self.seller_ids()),
                     *([s(doc.w["member_of"].format(group=doc.third), self.size - 1.5)] if doc.factors["distractor"] == "group" else []),
                     "#v(6pt)", *self.bank_lines())  # fmt: skip
        return f"place(top + left, dx: 0.7cm, dy: 1.5cm, block(width: 4.3cm, fill: luma(238), inset: 8pt, {inner}))"

    # -- the buyer, by buyer position ------------------------------------------------------------------
    def buyer_lines(self) -> list[str]:
        b = self.doc.buyer
        out = [s(line, bold=self.rng.random() < 0.4) for line in b.printed] + [s(b.street), s(b.city_line)]
        if self.doc.factors["distractor"] == "buyer_stronger" and b.vat_id:
            out.append(s(f"{self.doc.w['your_vat']}: {b.vat_id}", self.size - 1))
        return out

    def facts(self) -> list[tuple[str, str]]:
        doc, w = self.doc, self.doc.w
        out = [(w["number"], doc.number), (w["date"], doc.d(doc.issue)), (w["customer_no"], doc.customer_no)]
        if doc.due:
            out.append((w["due"], doc.d(doc.due)))
        return out

    def facts_grid(self) -> str:
        cells = ", ".join(f"[{s(label + ':')}], [{s(value)}]" for label, value in self.facts())
        return f"grid(columns: (auto, auto), column-gutter: 10pt, row-gutter: 4pt, {cells})"

    def facts_boxes(self) -> str:
        facts = self.facts()
        cells = ", ".join(
            f"[{s(label, self.size - 2, fill='gray')}#linebreak(){s(value, bold=True)}]"
            for label, value in facts
        )
        return f"#table(columns: {len(facts)} * (1fr,), inset: 5pt, stroke: 0.5pt + gray, {cells})"

    def addresses(self) -> None:
        doc, pos = self.doc, self.doc.factors["buyer_pos"]
        facts = self.facts_grid() if doc.layout != "grid_facts" else "[]"
        sender = ""
        if doc.factors["seller_pos"] == "sender_line":
            line = (
                self.legal_line()
                if self.rng.random() < 0.5
                else " · ".join((doc.seller.name, doc.seller.street, doc.seller.city_line))
            )
            sender = f"#underline[{s(line, self.size - 2.5)}]#v(3pt)"
        boxed = doc.layout == "boxed"

        def box(content: str) -> str:
            return f"rect(width: 100%, inset: 7pt, stroke: 0.6pt, {content})" if boxed else content

        if pos == "left_window":
            self.add(
                f"#grid(columns: (1fr, 1fr), column-gutter: 16pt, [{sender}#{box(rows(*self.buyer_lines()))}], align(right, {facts}))"
            )
        elif pos == "right_window":
            self.add(
                f"#grid(columns: (1fr, 1fr), column-gutter: 16pt, {facts}, [{sender}#{box(rows(*self.buyer_lines()))}])"
            )
        elif pos == "below":
            self.add(f"#{facts}#v(8pt)")
            self.add(f"#{box(rows(s(doc.w['bill_to'] + ':', bold=True), *self.buyer_lines()))}")
        elif pos == "bill_ship":
            site = doc.ship_to
            assert site is not None
            ship = rows(s(doc.w["ship_to"], bold=True), s(site.name), s(site.street), s(site.city_line))
            bill = rows(s(doc.w["bill_to"], bold=True), *self.buyer_lines())
            self.add(
                f"#grid(columns: (1fr, 1fr, 1fr), column-gutter: 12pt, {box(bill)}, {box(ship)}, align(right, {facts}))"
            )
        elif pos == "to_block":
            self.add(f"#{facts}")
        if doc.layout == "grid_facts":
            self.add("#v(6pt)")
            self.add(self.facts_boxes())
        self.add("#v(12pt)")

    # -- lines and totals -------------------------------------------------------------------------------
    def table(
        self, lines: list[Line], carried: Decimal | None = None, brought: Decimal | None = None
    ) -> None:
        doc, w, layout = self.doc, self.doc.w, self.doc.layout
        head = ["#", w["description"], w["qty"], w["rate"] if layout == "service_hours" else w["unit_price"]]
        if layout == "discount":
            head.append(w["discount"])
        if layout == "landscape":
            head.insert(1, "SKU")
        head.append(w["amount"])
        body: list[list[str]] = []
        for line in lines:
            text = line.text
            if doc.period:
                text = f"{line.text}, {doc.d(doc.period[0])} – {doc.d(doc.period[1])}"
            row = [str(line.pos), text, f"{_qty(doc, line.quantity)} {line.unit}", doc.n(line.price)]
            if layout == "discount":
                row.append(str(line.discount) if line.discount else "")
            if layout == "landscape":
                row.insert(1, f"{1000 + line.pos * 37}")
            row.append(doc.n(line.net))
            body.append(row)
        columns = len(head)
        widths = ["auto"] * columns
        widths[2 if layout == "landscape" else 1] = "1fr"
        aligns = ["left"] * (columns - 3) + ["right"] * 3
        if layout in (
            "classic",
            "credit_note",
            "two_page",
            "letter",
            "deposit",
            "subscription",
            "landscape",
            "discount",
        ):
            stroke = "(x, y) => if y <= 1 { (bottom: 0.6pt) } else { (bottom: 0.2pt + luma(200)) }"
            fill = "none"
        elif layout == "zebra":
            stroke, fill = (
                "none",
                "(x, y) => if y == 0 { luma(210) } else if calc.even(y) { luma(242) } else { none }",
            )
        elif layout == "boxed":
            stroke, fill = "0.5pt", "none"
        else:
            stroke, fill = "none", "none"
        cells = [f"table.header({', '.join(f'[{s(h, bold=True)}]' for h in head)})"]
        if brought is not None:
            cells.append(f"table.cell(colspan: {columns - 1}, [{s(w['brought'])}]), [{s(doc.n(brought))}]")
        for row in body:
            cells.append(", ".join(f"[{s(c)}]" for c in row))
        if carried is not None:
            cells.append(
                f"table.cell(colspan: {columns - 1}, [{s(w['carried'], bold=True)}]), [{s(doc.n(carried), bold=True)}]"
            )
        inset = "3pt" if layout == "compact" else "5pt"
        self.add(f"#table(columns: ({', '.join(widths)},), align: ({', '.join(aligns)},), stroke: {stroke}, fill: {fill}, "
                 f"inset: {inset}, {', '.join(cells)})")  # fmt: skip

    def totals(self) -> None:
        doc, w = self.doc, self.doc.w
        sign = "-" if doc.credit and self.rng.random() < 0.5 else ""
        out: list[tuple[str, str, bool]] = [(w["net_total"], sign + doc.n(doc.net_total), False)]
        if doc.layout == "multi_rate":
            summary = ", ".join(
                f"[{s(_rate(doc, t.rate))}], [{s(doc.n(t.base))}], [{s(doc.n(t.tax))}]" for t in doc.taxes
            )
            summary += f", [{s(w['total'], bold=True)}], [{s(doc.n(doc.net_total), bold=True)}], [{s(doc.n(doc.tax_total), bold=True)}]"
            self.add(f"#align(left, table(columns: 3, stroke: 0.3pt, inset: 4pt, [{s(w['vat'] + ' %', bold=True)}], "
                     f"[{s(w['net_total'], bold=True)}], [{s(w['vat'], bold=True)}], {summary}))")  # fmt: skip
        for tax in doc.taxes:
            out.append((f"{w['vat']} {_rate(doc, tax.rate)}", sign + doc.n(tax.tax), False))
        if self.code_in_total:
            out.append((f"{w['total']} {doc.loc.currency}", sign + doc.n(doc.grand_total), True))
        else:
            out.append((w["total"], sign + doc.m(doc.grand_total), True))
        if doc.prepaid:
            out.append((w["deposit"], f"-{doc.n(doc.prepaid)}", False))
            out.append((w["amount_due"], doc.m(doc.amount_due), True))
        cells = ", ".join(f"[{s(label, bold=bold)}], [{s(value, bold=bold)}]" for label, value, bold in out)
        self.add(
            f"#align(right, grid(columns: (auto, 3cm), column-gutter: 14pt, row-gutter: 5pt, align: (left, right), {cells}))"
        )
        self.add("#v(10pt)")

    def notes(self) -> None:
        doc, w = self.doc, self.doc.w
        lines: list[str] = []
        if doc.credit and doc.preceding:
            lines.append(s(w["credit_ref"].format(number=doc.preceding)))
        if doc.due and not doc.credit:
            days = (doc.due - doc.issue).days
            lines.append(s(w["terms"].format(days=days)))
        d = doc.factors["distractor"]
        if d == "factoring":
            lines.append(s(w["factoring"].format(factor=doc.third), bold=True))
        elif d == "provider":
            lines.append(s(w["provider"].format(provider=doc.third)))
        elif d == "carrier":
            lines.append(s(f"{w['carrier'].format(carrier=doc.third)} · {doc.extras['tracking']}"))
        if lines:
            self.add(rows(*lines)[1:-1])
            self.add("#v(8pt)")
        if not self.bank_in_footer or d == "factoring":
            bank = self.bank_lines()
            if bank and doc.factors["seller_pos"] != "sidebar":
                self.add(rows(*bank)[1:-1])
                self.add("#v(8pt)")
        self.add(s(w["thanks"]))

    # -- the footer ------------------------------------------------------------------------------------
    def footer(self) -> str:
        doc, pos = self.doc, self.doc.factors["seller_pos"]
        size = self.size - 2
        software = (
            s(doc.w["created_with"].format(tool=doc.third), size - 0.5, fill="gray")
            if doc.factors["distractor"] == "software"
            else ""
        )
        page = (
            f'{s(doc.w["page"] + " ", size)}#context counter(page).display("1 / 1", both: true)'
            if doc.layout == "two_page"
            else ""
        )
        columns: list[str] = []
        bank_here = self.bank_in_footer and doc.factors["distractor"] != "factoring" and pos != "sidebar"
        if (
            pos == "footer_brand"
            or (doc.brand and pos != "sidebar")
            or pos == "sender_line"
            or bank_here
            or self.rng.random() < 0.5
        ):
            first = rows(
                s(doc.seller.name, size, bold=True), s(doc.seller.street, size), s(doc.seller.city_line, size)
            )
            second = rows(s(f"{doc.w['contact']} {doc.seller.phone}", size), s(doc.seller.email, size),
                          *([s(f"{doc.w['vat_id']}: {doc.seller.vat_id}", size)] if doc.seller.vat_id else []))  # fmt: skip
            columns = [first, second]
            if bank_here:
                bank = self.bank_lines()
                if bank:
                    columns.append(rows(*bank))
        elif doc.brand:
            columns = [rows(s(self.legal_line(), size))]
        parts = []
        if columns:
            parts.append(
                f"#line(length: 100%, stroke: 0.3pt)#set text(size: {size}pt);#grid(columns: {len(columns)} * (1fr,), column-gutter: 10pt, {', '.join(columns)})"
            )
        if software or page:
            parts.append(f"#grid(columns: (1fr, auto), [{software}], [{page}])")
        return "[" + "".join(parts) + "]"


def _setup(page: Page, *, paper: str = '"a4"', flipped: bool = False, width: str | None = None) -> str:
    doc = page.doc
    margin = (
        "(left: 5.6cm, right: 1.6cm, top: 1.6cm, bottom: 3cm)"
        if doc.factors["seller_pos"] == "sidebar"
        else "(x: 1.8cm, top: 1.6cm, bottom: 3cm)"
    )
    if width:
        head = f"#set page(width: {width}, height: auto, margin: (x: 4mm, y: 6mm))"
    else:
        head = f"#set page(paper: {paper}, flipped: {str(flipped).lower()}, margin: {margin}"
        if doc.factors["seller_pos"] == "sidebar":
            head += f", background: {page.sidebar()}"
        head += f", footer: {page.footer()})"
    lang = doc.loc.lang
    return (f"#set document(date: none)\n{head}\n#set text(font: {lit(doc.font)}, size: {page.size}pt, lang: {lit(lang)}, hyphenate: false)\n"
            f"#set par(justify: false)\n")  # fmt: skip


def standard(doc: Doc, rng: random.Random) -> str:
    """Every A4 layout: header, addresses and facts, (a letter's opening), the table, totals, notes."""
    size = 7.5 if doc.layout == "compact" else 9.0
    page = Page(doc, rng, size)
    setup = _setup(page, flipped=doc.layout == "landscape")
    page.header()
    page.addresses()
    if doc.layout == "letter":
        page.add("#" + rows(s(doc.w["dear"]), s(doc.w["intro"])))
        page.add("#v(8pt)")
    if doc.layout == "two_page":
        first = doc.lines[: len(doc.lines) // 2 + 2]
        carried = sum((line.net for line in first), Decimal(0))
        page.table(first, carried=carried)
        page.add("#pagebreak()")
        page.add("#" + rows(s(f"{_title(doc)} {doc.number}", bold=True), s(doc.d(doc.issue))))
        page.add("#v(8pt)")
        page.table(doc.lines[len(first) :], brought=carried)
    else:
        page.table(doc.lines)
    page.add("#v(8pt)")
    page.totals()
    page.notes()
    return setup + "\n".join(page.out) + "\n"


def narrow(doc: Doc, rng: random.Random) -> str:
    """An invoice on an 80 mm strip: everything stacked, each line as its text and then qty x price = amount."""
    page = Page(doc, rng, 8.0)
    page.bank_in_footer = False  # a strip has no page footer: the bank details print under the totals
    setup = _setup(page, width="80mm")
    w = doc.w
    pos = doc.factors["seller_pos"]
    if pos == "centred":
        page.add(f"#align(center){page.seller_block(11, contact=False)}")
    elif pos == "footer_brand":
        page.add(f"#align(center)[{s(doc.brand or '', 18, bold=True)}]")
    else:
        page.add("#" + page.seller_block(11, contact=False))
    page.add("#v(6pt)")
    page.add(f"#align(center)[{s(_title(doc), 12, bold=True)}]")
    page.add(f"#{page.facts_grid()}")
    page.add("#v(6pt)")
    page.add("#" + rows(s(w["bill_to"] + ":", bold=True), *page.buyer_lines()))
    page.add('#line(length: 100%, stroke: (dash: "dashed"))')
    for line in doc.lines:
        page.add(
            f"#grid(columns: (1fr, auto), [{s(line.text)}#linebreak(){s(f'{_qty(doc, line.quantity)} x {doc.n(line.price)}', 7)}], align(bottom, [{s(doc.n(line.net))}]))"
        )
    page.add('#line(length: 100%, stroke: (dash: "dashed"))')
    page.totals()
    page.notes()
    if pos == "footer_brand" or doc.brand:
        page.add("#v(6pt)")
        vat = [s(f"{w['vat_id']}: {doc.seller.vat_id}", 7)] if doc.seller.vat_id else []
        legal = rows(
            s(doc.seller.name, 7, bold=True), s(doc.seller.street, 7), s(doc.seller.city_line, 7), *vat
        )
        page.add(f"#align(center, {legal})")
    if doc.factors["distractor"] == "software":
        page.add(f"#align(center)[{s(w['created_with'].format(tool=doc.third), 6.5)}]")
    return setup + "\n".join(page.out) + "\n"


BUILDERS: dict[str, Callable[[Doc, random.Random], str]] = {name: standard for name in LAYOUTS}
BUILDERS["narrow"] = narrow


def draw(layout: str, tag: str, rng: random.Random) -> tuple[Doc, str]:
    """The document (truth) and its Typst source, both from ``rng``."""
    doc = draw_doc(layout, tag, rng)
    return doc, BUILDERS[layout](doc, rng)
