"""The seventeen ways people lay an invoice out in a word processor (python-docx writes the .docx; LibreOffice
Writer prints it): a classic template with the title right and bill-to / ship-to columns, a business
letter (sender line over a window address, a dated line, a subject, a greeting, a closing and a signature),
two borderless party columns, everything about the seller in the page header and footer, lists laid out on
tab stops with dot leaders, a centred letterhead, a name in a large serif face over a rule, one plain
column, a table of facts beside the buyer, many lines over several pages with the table header repeated, a
landscape page, a "From: / To:" memo, the seller named only in the footer, a signature block, a
right-aligned letterhead, a shaded title bar, and a justified letter with its terms in sentences."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from evals.synth13.model import Doc13

LEFT, CENTER, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)  # fmt: skip
SIGNS_ONE = {"€", "£", "zł", "Kč"}


def _set(element: Any, tag: str, **attrs: str) -> Any:
    child = element.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        element.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


def _borders(table: Any, edges: tuple[str, ...]) -> None:
    props = table._tbl.tblPr
    borders = _set(props, "w:tblBorders")
    for edge in edges:
        _set(borders, f"w:{edge}", val="single", sz="6", space="0", color="000000")


def _widths(table: Any, widths: tuple[float, ...]) -> None:
    """Column widths (cm) as a person drags them in Word: the grid and every cell (LibreOffice reads the grid)."""
    table.autofit = False
    _set(table._tbl.tblPr, "w:tblW", w=str(int(Cm(sum(widths)).twips)), type="dxa")
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _rule_below(paragraph: Any) -> None:
    borders = _set(paragraph._p.get_or_add_pPr(), "w:pBdr")
    _set(borders, "w:bottom", val="single", sz="8", space="1", color="444444")


def _shade(cell: Any, fill: str) -> None:
    _set(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill=fill)


class Writer:
    """One document being typed: the helpers a template's parts are made of."""

    def __init__(self, d: Doc13, rng: random.Random, *, landscape: bool = False) -> None:
        self.d, self.rng, self.w = d, rng, d.w
        self.doc = Document()
        normal = self.doc.styles["Normal"]
        normal.font.name = d.family
        normal.font.size = Pt(d.size)
        fonts = _set(normal.element.get_or_add_rPr(), "w:rFonts")
        for key in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{key}"), d.family)
        normal.paragraph_format.space_after = Pt(rng.choice((0, 2, 3, 6)))
        self.section = self.doc.sections[0]
        self.section.page_width, self.section.page_height = Cm(21), Cm(29.7)
        if landscape:
            self.section.orientation = WD_ORIENT.LANDSCAPE
            self.section.page_width, self.section.page_height = Cm(29.7), Cm(21)
        margin = Cm(rng.choice((1.8, 2.0, 2.5)))
        self.section.left_margin = self.section.right_margin = margin
        self.width = self.section.page_width - 2 * margin
        self.body = self.doc
        self.shown_vat = False

    # -- text --------------------------------------------------------------------------------------------
    def para(self, text: str = "", *, where: Any = None, bold: bool = False, size: float | None = None,
             align: Any = None, after: float | None = None, italic: bool = False) -> Any:  # fmt: skip
        target = where if where is not None else self.body
        paragraph = target.add_paragraph()
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        return paragraph

    def first(self, where: Any, text: str = "", **kw: Any) -> Any:
        """A cell's or header's first paragraph (they come with one, empty)."""
        paragraph = where.paragraphs[0]
        if paragraph.text or len(where.paragraphs) > 1:
            return self.para(text, where=where, **kw)
        if text:
            run = paragraph.add_run(text)
            run.bold = kw.get("bold") or None
            if kw.get("size"):
                run.font.size = Pt(kw["size"])
        if kw.get("align") is not None:
            paragraph.alignment = kw["align"]
        return paragraph

    def name(self, where: Any = None, align: Any = None, *, scale: float | None = None) -> Any:
        """The seller's name as the template sets it (the name_style factor)."""
        style = self.d.factors["name_style"]
        paragraph = self.first(where, align=align) if where is not None else self.para(align=align)
        run = paragraph.add_run(self.d.seller.name)
        size = self.d.size * (scale or self.rng.choice((1.4, 1.6, 2.0)))
        if style == "bold_large":
            run.bold, run.font.size = True, Pt(size)
        elif style == "serif_large":
            run.font.name = self.rng.choice(("Liberation Serif", "DejaVu Serif"))
            run.font.size = Pt(size + 2)
        elif style == "letter_spaced":
            run.font.all_caps = True
            run.font.size = Pt(size)
            _set(run._r.get_or_add_rPr(), "w:spacing", val=str(self.rng.choice((40, 60, 80, 100))))
        elif style == "small_caps":
            run.font.small_caps = True
            run.font.size = Pt(size)
            run.bold = self.rng.random() < 0.5 or None
        elif style == "caps":
            run.font.all_caps = True
            run.bold = True
        return paragraph

    def seller_lines(self, where: Any = None, align: Any = None, *, contact: bool = True, size: float | None = None) -> None:  # fmt: skip
        s = self.d.seller
        lines = [s.owner_line] if s.owner_line else []
        lines += [s.street, s.town]
        if contact:
            lines.append(f"{self.w['phone']} {s.phone}")
            if s.vat_id and self.rng.random() < 0.5:
                lines.append(f"{self.w['vat_id']} {s.vat_id}")
                self.shown_vat = True
        for line in lines:
            if line:
                self.para(line, where=where, align=align, after=0, size=size)

    def buyer(self, where: Any = None, *, label: bool = True, ship: bool = False) -> None:
        b = self.d.buyer
        if label:
            self.first(where, self.d.pick["bill_to"], bold=True) if where is not None else self.para(self.d.pick["bill_to"], bold=True, after=0)  # fmt: skip
            self.para(b.name, where=where, after=0)
        elif where is not None:
            self.first(where, b.name)
        else:
            self.para(b.name, after=0)
        self.para(b.street, where=where, after=0)
        self.para(b.town, where=where, after=0)
        if ship:
            self.para("", where=where, after=0)
            self.para(str(self.w["ship_to"]), where=where, bold=True, after=0)
            self.para(b.name, where=where, after=0)
            self.para(
                str(self.rng.choice(self.w["streets"])).format(n=self.rng.randint(2, 96)),
                where=where,
                after=0,
            )
            self.para(b.town, where=where, after=0)

    def title_text(self) -> str:
        return self.d.pick["credit"] if self.d.credit else self.d.pick["invoice"]

    def title(self, where: Any = None, align: Any = None, size: float = 1.8) -> Any:
        return self.first(where, self.title_text(), bold=True, size=self.d.size * size, align=align) if where is not None else self.para(self.title_text(), bold=True, size=self.d.size * size, align=align)  # fmt: skip

    def refers(self, where: Any = None) -> None:
        if self.d.credit and self.d.preceding:
            self.para(str(self.w["refers"]).format(n=self.d.preceding), where=where, after=4)

    # -- facts -------------------------------------------------------------------------------------------
    def fact_rows(self, *, date: bool = True) -> list[tuple[str, str]]:
        d, w = self.d, self.w
        rows = [(d.pick["credit_number"] if d.credit else d.pick["number"], d.number)]
        if date and d.factors["date_style"] == "label":
            rows.append((d.pick["date"], d.short(d.issue)))
        if d.due and d.factors["due"] == "label":
            rows.append((d.pick["due"], d.short(d.due)))
        if d.factors["due"] == "net_days" and self.rng.random() < 0.6:
            rows.append((str(w["terms"]), str(w["net_days"]).format(days=d.days)))
        return rows

    def place_date(self, where: Any = None, align: Any = RIGHT) -> None:
        d = self.d
        if d.factors["date_style"] == "place_date":
            text = str(self.w["place_date"]).format(city=d.seller.city, date=d.long(d.issue))
            self.para(text, where=where, align=align, after=6)

    def facts(self, where: Any = None, rows: list[tuple[str, str]] | None = None) -> None:
        rows = self.fact_rows() if rows is None else rows
        style = self.d.factors["facts"]
        if style == "table" and where is None:
            table = self.body.add_table(rows=len(rows), cols=2)
            for row, (label, value) in zip(table.rows, rows, strict=True):
                self.first(row.cells[0], label)
                self.first(row.cells[1], value)
            _widths(table, (4.5, 5.0))
            self.para("")
            return
        for label, value in rows:
            if style == "tab_leaders":
                paragraph = self.para(f"{label}\t{value}", where=where, after=0)
                paragraph.paragraph_format.tab_stops.add_tab_stop(
                    Cm(5.5), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS
                )
            else:
                self.para(f"{label} {value}", where=where, after=0)

    # -- items and totals --------------------------------------------------------------------------------
    def qty(self, value: Decimal) -> str:
        text = f"{value.normalize():f}"
        return text.replace(".", str(self.w["decimal"]))

    def amount_header(self) -> str:
        w = self.w
        if self.d.factors["currency_sign"] != "header":
            return str(w["amount"])
        mark = w["sign"] if w["sign"] in SIGNS_ONE else w["currency"]
        return self.rng.choice(
            (f"{w['amount']} ({mark})", f"{w['amount']} {mark}", f"{w['amount']} in {mark}")
        )

    def items(self, *, wide: bool = False, repeat: bool = False) -> None:
        d, w = self.d, self.w
        head = ["#"] if wide else []
        head += [str(w["desc"]), str(w["qty"]), str(w["unit"])]
        if wide:
            head.append("%")
        head.append(self.amount_header())
        table = self.body.add_table(rows=1, cols=len(head))
        borders = d.factors["borders"]
        if borders == "grid":
            table.style = self.doc.styles["Table Grid"]
        elif borders == "rules":
            _borders(table, ("top", "bottom", "insideH"))
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            self.first(cell, text, bold=True)
        if repeat:
            _set(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader", val="true")
        for line in d.lines:
            cells = [str(line.pos)] if wide else []
            cells += [line.text, self.qty(line.quantity), d.money(line.price)]
            if wide:
                cells.append(self.qty(d.vat_rate))
            cells.append(d.money(line.net))
            row = table.add_row()
            for index, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
                self.first(cell, text, align=RIGHT if index >= len(cells) - 2 else None)
        full = self.width / 360000  # EMU per cm
        if wide:
            _widths(table, (1.0, full - 13.0, 2.2, 3.6, 1.6, 4.6))
        else:
            _widths(table, (full - 10.0, 2.2, 3.8, 4.0))
        self.para("")

    def total_rows(self) -> list[tuple[str, str, bool]]:
        d, w = self.d, self.w
        return [
            (d.pick["subtotal"], d.money(d.net), False),
            (str(w["vat"]).format(r=self.qty(d.vat_rate)), d.money(d.tax), False),
            (d.pick["total"], d.money(d.total), True),
        ]

    def totals(self) -> None:
        style = self.d.factors["totals"]
        rows = self.total_rows()
        if style == "table":
            table = self.body.add_table(rows=len(rows), cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.RIGHT
            for row, (label, value, strong) in zip(table.rows, rows, strict=True):
                self.first(row.cells[0], label, bold=strong)
                self.first(row.cells[1], value, bold=strong, align=RIGHT)
            _widths(table, (5.0, 4.0))
            if self.d.factors["borders"] != "none":
                _borders(table, ("top", "bottom"))
            self.para("")
            return
        indent = Cm(self.rng.choice((5.5, 6.5, 7.5)))
        for label, value, strong in rows:
            paragraph = self.para(f"{label}\t{value}", bold=strong, after=0)
            paragraph.paragraph_format.left_indent = indent
            leader = WD_TAB_LEADER.DOTS if style == "tab_leaders" else WD_TAB_LEADER.SPACES
            paragraph.paragraph_format.tab_stops.add_tab_stop(self.width, WD_TAB_ALIGNMENT.RIGHT, leader)
        self.para("")

    # -- payment, bank and footer ------------------------------------------------------------------------
    def payment(self, *, align: Any = None) -> None:
        d, w = self.d, self.w
        if d.credit:
            return
        if d.factors["due"] == "sentence_date" and d.due:
            day = d.long(d.due) if self.rng.random() < 0.5 else d.short(d.due)
            self.para(str(w["pay_date"]).format(date=day), align=align)
        elif d.factors["due"] == "net_days":
            self.para(str(w["pay_days"]).format(days=d.days), align=align)

    def bank(self, where: Any = None) -> None:
        s = self.d.seller
        if s.iban:
            self.para(f"{self.d.pick['bank']} {self.w['iban']} {self._iban()}", where=where, after=0)

    def _iban(self) -> str:
        iban = self.d.seller.iban or ""
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if self.rng.random() < 0.6 else iban

    def footer_text(self, *, name: bool) -> str:
        s, w = self.d.seller, self.w
        parts = [s.name] if name else []
        parts += [s.street, s.town]
        if s.reg:
            parts.append(s.reg)
        if s.vat_id:
            parts.append(f"{w['vat_id']} {s.vat_id}")
            self.shown_vat = True
        if s.iban:
            parts.append(f"{w['iban']} {self._iban()}")
        return self.rng.choice((" · ", " | ", " – ", ", ")).join(parts)

    def footer(self, *, force: bool = False, name: bool = True) -> None:
        if not force and self.d.factors["footer_line"] == "no":
            return
        paragraph = self.first(self.section.footer, align=CENTER)
        run = paragraph.add_run(self.footer_text(name=name))
        run.font.size = Pt(self.rng.choice((7.0, 7.5, 8.0)))

    def closing(self, *, sign: bool = True) -> None:
        self.para(str(self.w["closing"]), after=18)
        if sign:
            self.para(
                self.d.seller.owner_line.split(": ", 1)[-1]
                if self.d.seller.owner_line
                else self.d.seller.name
            )


def _classic(x: Writer) -> str:
    top = x.body.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    x.name(left)
    x.seller_lines(left)
    x.title(right, RIGHT)
    x.para("", after=4)
    parties = x.body.add_table(rows=1, cols=2)
    x.buyer(parties.rows[0].cells[0])
    x.first(parties.rows[0].cells[1], str(x.w["ship_to"]), bold=True)
    b = x.d.buyer
    for text in (b.name, b.street, b.town):
        x.para(text, where=parties.rows[0].cells[1], after=0)
    x.para("")
    x.place_date(align=LEFT)
    x.facts()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.para(str(x.w["thanks"]), italic=True)
    x.footer()
    return "body"


def _letter(x: Writer) -> str:
    x.name(align=RIGHT)
    x.seller_lines(align=RIGHT)
    x.para("")
    s = x.d.seller
    sender = x.para(f"{s.name} · {s.street} · {s.town}", size=x.d.size * 0.7, after=2)
    sender.runs[0].underline = True
    x.buyer(label=False)
    x.para("")
    x.place_date()
    subject = str(x.w["subject"]).format(n=x.d.number) if not x.d.credit else f"{x.title_text()} {x.d.number}"
    x.para(subject, bold=True, after=6)
    rows = [r for r in x.fact_rows() if r[1] != x.d.number]
    x.facts(rows=rows)
    x.refers()
    x.para(str(x.w["greeting"]))
    x.para(str(x.w["credit_body"] if x.d.credit else x.w["body"]), align=JUSTIFY)
    x.items()
    x.totals()
    x.payment(align=JUSTIFY)
    x.bank()
    x.closing()
    x.footer()
    return "letterhead"


def _two_columns(x: Writer) -> str:
    x.title(align=x.rng.choice((LEFT, CENTER)))
    table = x.body.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    x.first(left, str(x.w["seller_head"]), bold=True)
    x.name(left, scale=1.0)
    x.seller_lines(left)
    x.buyer(right)
    x.para("")
    x.place_date(align=LEFT)
    x.facts()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "body"


def _header_footer(x: Writer) -> str:
    header = x.section.header
    x.name(header, align=x.rng.choice((LEFT, RIGHT)))
    x.para(
        f"{x.d.seller.street} · {x.d.seller.town} · {x.w['phone']} {x.d.seller.phone}", where=header, after=0
    )
    if x.d.seller.owner_line:
        x.para(x.d.seller.owner_line, where=header, after=0)
    _rule_below(header.paragraphs[-1])
    x.buyer(label=x.rng.random() < 0.5)
    x.para("")
    x.place_date()
    x.title()
    x.facts()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    footer = x.section.footer
    paragraph = x.first(footer, align=CENTER)
    run = paragraph.add_run(x.footer_text(name=x.d.factors["footer_line"] == "yes"))
    run.font.size = Pt(7.5)
    return "header"


def _tab_leaders(x: Writer) -> str:
    x.name()
    x.seller_lines(contact=False)
    x.para("")
    x.buyer()
    x.para("")
    x.title(size=1.4)
    x.place_date(align=LEFT)
    rows = x.fact_rows()
    for label, value in rows:
        paragraph = x.para(f"{label}\t{value}", after=0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(6), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
    x.refers()
    x.para("")
    d = x.d
    head = x.para(f"{x.w['desc']}\t{x.amount_header()}", bold=True, after=2)
    head.paragraph_format.tab_stops.add_tab_stop(x.width, WD_TAB_ALIGNMENT.RIGHT)
    for line in d.lines:
        count = "" if line.quantity == 1 else f"{x.qty(line.quantity)} × {d.money(line.price)}  "
        paragraph = x.para(f"{line.text}\t{count}\t{d.money(line.net)}", after=0)
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.SPACES)
        stops.add_tab_stop(x.width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    x.para("")
    for label, value, strong in x.total_rows():
        paragraph = x.para(f"{label}\t{value}", bold=strong, after=0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(x.width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    x.para("")
    x.payment()
    x.bank()
    x.footer()
    return "body"


def _centred(x: Writer) -> str:
    x.d.factors["name_style"] = x.rng.choice(("letter_spaced", "letter_spaced", "small_caps"))
    x.name(align=CENTER, scale=2.0)
    s = x.d.seller
    if s.owner_line:
        x.para(s.owner_line, align=CENTER, after=0)
    x.para(f"{s.street} · {s.town}", align=CENTER, after=0)
    _rule_below(x.para(f"{x.w['phone']} {s.phone}", align=CENTER))
    x.title(align=CENTER, size=1.3)
    x.buyer()
    x.para("")
    x.place_date()
    x.facts()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "letterhead"


def _serif_rule(x: Writer) -> str:
    x.d.factors["name_style"] = "serif_large"
    _rule_below(x.name(scale=2.2))
    x.seller_lines(size=x.d.size * 0.9)
    x.para("")
    table = x.body.add_table(rows=1, cols=2)
    x.buyer(table.rows[0].cells[0], label=False)
    cell = table.rows[0].cells[1]
    x.title(cell, RIGHT, size=1.4)
    for label, value in x.fact_rows():
        x.para(f"{label} {value}", where=cell, align=RIGHT, after=0)
    x.para("")
    x.place_date()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "letterhead"


def _minimal(x: Writer) -> str:
    x.title(align=LEFT, size=1.5)
    x.name(scale=1.0)
    x.seller_lines(contact=False)
    x.para("")
    x.buyer()
    x.para("")
    x.place_date(align=LEFT)
    for label, value in x.fact_rows():
        x.para(f"{label} {value}", after=0)
    x.refers()
    x.para("")
    x.items()
    x.totals()
    x.payment()
    x.bank()
    return "body"


def _facts_beside(x: Writer) -> str:
    x.name(align=LEFT)
    x.seller_lines()
    x.para("")
    x.title(size=1.5)
    rows = x.fact_rows()
    table = x.body.add_table(rows=max(len(rows), 3), cols=3)
    b = x.d.buyer
    block = [b.name, b.street, b.town]
    if x.rng.random() < 0.5:
        block.insert(0, x.d.pick["bill_to"])
    for index, row in enumerate(table.rows):
        if index < len(block):
            x.first(row.cells[0], block[index], bold=index == 0 and len(block) == 4)
        if index < len(rows):
            x.first(row.cells[1], rows[index][0], align=RIGHT)
            x.first(row.cells[2], rows[index][1], align=RIGHT)
    if len(block) > len(table.rows):
        for text in block[len(table.rows) :]:
            x.para(text, where=table.rows[-1].cells[0], after=0)
    x.para("")
    x.place_date(align=LEFT)
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "body"


def _multi_page(x: Writer) -> str:
    header = x.section.header
    x.first(header, f"{x.d.seller.name} — {x.title_text()} {x.d.number}", size=x.d.size * 0.8, align=RIGHT)
    footer = x.first(x.section.footer, f"{x.w['page']} ", align=CENTER)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    x.name()
    x.seller_lines()
    x.para("")
    x.buyer()
    x.para("")
    x.title(size=1.5)
    x.place_date(align=LEFT)
    x.facts()
    x.refers()
    x.items(repeat=True)
    x.totals()
    x.payment()
    x.bank()
    return "body"


def _landscape(x: Writer) -> str:
    top = x.body.add_table(rows=1, cols=3)
    left, middle, right = top.rows[0].cells
    x.name(left)
    x.seller_lines(left)
    x.buyer(middle)
    x.title(right, RIGHT, size=1.6)
    for label, value in x.fact_rows():
        x.para(f"{label} {value}", where=right, align=RIGHT, after=0)
    x.para("")
    x.place_date(align=LEFT)
    x.refers()
    x.items(wide=True)
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "body"


def _memo(x: Writer) -> str:
    x.title(size=1.6)
    d, w = x.d, x.w
    rows = [(str(w["from"]), d.seller.name), (str(w["to"]), d.buyer.name)]
    for label, value in rows:
        paragraph = x.para(f"{label}\t{value}", after=0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(2.5))
    x.para(f"\t{d.seller.street}, {d.seller.town}", after=0).paragraph_format.tab_stops.add_tab_stop(Cm(2.5))
    x.para("")
    x.place_date(align=LEFT)
    x.facts()
    x.refers()
    _rule_below(x.para(""))
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "body"


def _footer_only(x: Writer) -> str:
    x.d.factors["footer_line"] = "yes"
    x.title(align=RIGHT, size=2.0)
    x.para("")
    x.buyer(label=x.rng.random() < 0.5)
    x.para("")
    x.place_date()
    x.facts()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.footer(force=True)
    return "footer"


def _signature(x: Writer) -> str:
    x.title(align=CENTER, size=1.8)
    x.place_date()
    x.buyer()
    x.para("")
    x.facts()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.para(str(x.w["closing"]), after=20)
    _rule_below(x.para("", after=0))
    x.name(scale=1.0)
    x.seller_lines()
    return "signature"


def _right_letterhead(x: Writer) -> str:
    x.name(align=RIGHT)
    x.seller_lines(align=RIGHT)
    x.para("")
    x.title(size=1.5)
    x.buyer()
    x.para("")
    x.place_date(align=LEFT)
    x.facts()
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "letterhead"


def _title_bar(x: Writer) -> str:
    bar = x.body.add_table(rows=1, cols=2)
    left, right = bar.rows[0].cells
    for cell in (left, right):
        _shade(cell, x.rng.choice(("D9D9D9", "DDE6F0", "EDEDED")))
    x.title(left, LEFT, size=1.6)
    x.first(
        right,
        f"{(x.d.pick['credit_number'] if x.d.credit else x.d.pick['number'])} {x.d.number}",
        align=RIGHT,
    )
    x.para("")
    table = x.body.add_table(rows=1, cols=2)
    x.name(table.rows[0].cells[0], scale=1.2)
    x.seller_lines(table.rows[0].cells[0])
    x.buyer(table.rows[0].cells[1])
    x.para("")
    x.place_date(align=LEFT)
    x.facts(rows=[r for r in x.fact_rows() if r[1] != x.d.number])
    x.refers()
    x.items()
    x.totals()
    x.payment()
    x.bank()
    x.footer()
    return "body"


def _justified_letter(x: Writer) -> str:
    x.name(align=LEFT)
    x.seller_lines(contact=False)
    x.para("")
    x.buyer(label=False)
    x.para("")
    x.place_date()
    d, w = x.d, x.w
    # No column to head: the amounts in the sentence carry the code.
    if d.factors["currency_sign"] == "header":
        d.factors["currency_sign"] = "code"
    x.para(f"{x.title_text()} {d.number}", bold=True)
    if d.factors["date_style"] == "label":
        x.para(f"{d.pick['date']} {d.short(d.issue)}", after=0)
    x.refers()
    x.para(str(w["greeting"]))
    lines = "; ".join(f"{line.text} ({x.qty(line.quantity)} × {d.money(line.price)}): {d.money(line.net)}" for line in d.lines)  # fmt: skip
    x.para(f"{w['credit_body'] if d.credit else w['body']} {lines}.", align=JUSTIFY)
    x.totals()
    if d.due and d.factors["due"] == "label":
        x.para(f"{d.pick['due']} {d.short(d.due)}")
    x.payment(align=JUSTIFY)
    x.bank()
    x.closing()
    x.footer()
    return "letterhead"


LAYOUTS: dict[str, Callable[[Writer], str]] = {
    "classic": _classic,
    "letter": _letter,
    "two_columns": _two_columns,
    "header_footer": _header_footer,
    "tab_leaders": _tab_leaders,
    "centred_letterhead": _centred,
    "serif_rule": _serif_rule,
    "minimal": _minimal,
    "facts_beside_buyer": _facts_beside,
    "multi_page": _multi_page,
    "landscape": _landscape,
    "memo": _memo,
    "footer_only": _footer_only,
    "signature": _signature,
    "right_letterhead": _right_letterhead,
    "title_bar": _title_bar,
    "justified_letter": _justified_letter,
}
"""Each layout types the document and says where the seller stands (body, letterhead, header, footer,
signature)."""

MANY_LINES = {"multi_page": (35, 60)}
"""Layouts that ask for many lines (from, to)."""


def compose(d: Doc13, layout: str, rng: random.Random) -> tuple[Any, str]:
    """The python-docx document for ``d`` in ``layout`` and where its seller stands."""
    writer = Writer(d, rng, landscape=layout == "landscape")
    place = LAYOUTS[layout](writer)
    if d.seller.vat_id and not writer.shown_vat:  # the template's last line: the seller's VAT id
        writer.para(f"{d.w['vat_id']} {d.seller.vat_id}", size=d.size * 0.85)
    return writer.doc, place
