"""A document with its presentation drawn: which wording of each label, how amounts and dates are written,
the font; and the python-docx building blocks the layouts share (tables with or without borders, shaded
cells, tab stops, VML text boxes, header and footer, page-number fields)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from evals.synth6.model import Document

ALIGN = {
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
    "c": WD_ALIGN_PARAGRAPH.CENTER,
    "j": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass
class Sheet:
    """One document and how its page writes things."""

    doc: Document
    layout: str
    rng: random.Random
    font: str
    money_pattern: str
    numeric_date: str
    month_dates: bool
    negative: str = "-{}"
    """How a credit note's amounts are signed where a layout signs them (``-{}``, ``{}-``, ``({})``, ``{}``)."""
    chosen: dict[str, str] = field(default_factory=dict)

    @property
    def loc(self) -> Any:
        return self.doc.locale

    def w(self, key: str, **values: Any) -> str:
        """The label or sentence ``key`` (one wording per document), filled in."""
        if key not in self.chosen:
            option = self.loc.labels.get(key) or self.loc.language.words[key]
            self.chosen[key] = option if isinstance(option, str) else self.rng.choice(option)
        text = self.chosen[key]
        return text.format(**values) if values else text

    def number(self, value: Decimal) -> str:
        loc = self.loc
        digits = f"{abs(value):,.{loc.places_decimals}f}"
        text = digits.replace(",", "\x00").replace(".", loc.decimal).replace("\x00", loc.group)
        return f"-{text}" if value < 0 else text

    def plain(self, value: Decimal) -> str:
        """A quantity or rate: no thousands separator, no trailing zeros."""
        text = f"{value.normalize():f}"
        return text.replace(".", self.loc.decimal)

    def money(self, value: Decimal, *, signed: bool = False) -> str:
        text = self.money_pattern.format(n=self.number(abs(value)))
        return self.negative.format(text) if signed and self.doc.credit else text

    def amount(self, value: Decimal, *, signed: bool = False) -> str:
        """A bare number in a column (the currency in the header or a note)."""
        text = self.number(abs(value))
        return self.negative.format(text) if signed and self.doc.credit else text

    def date(self, value: date, *, numeric: bool | None = None) -> str:
        use_numeric = not self.month_dates if numeric is None else numeric
        if use_numeric:
            return self.numeric_date.format(
                d=value.day, dd=f"{value.day:02d}", m=value.month, mm=f"{value.month:02d}", y=value.year
            )
        lang = self.loc.language
        day = lang.first_day if value.day == 1 else str(value.day)
        form = self.loc.month_date or lang.month_date
        return form.format(d=day.format(d=value.day), m=lang.months[value.month - 1], y=value.year)

    def rate(self, value: Decimal) -> str:
        return (
            f"{self.plain(value)} %"
            if self.loc.lang in ("de", "fr", "cs", "sk", "fi", "sv", "nb", "hr")
            else f"{self.plain(value)}%"
        )

    def unit(self, unit: str) -> str:
        return {"pcs": self.w("pcs"), "hrs": self.w("hrs"), "kg": "kg"}[unit]

    def title(self) -> str:
        return self.w({"invoice": "invoice", "credit_note": "credit", "receipt": "receipt"}[self.doc.kind])

    def number_label(self) -> str:
        return self.w(
            {"invoice": "number", "credit_note": "credit_number", "receipt": "receipt_number"}[self.doc.kind]
        )

    def currency_shown(self) -> bool:
        """Whether the amounts' own writing names the currency (else the page adds a note with the code)."""
        return self.loc.currency in self.money_pattern or self.loc.unique_sign

    def city_lines(self, postcode: str, city: str) -> list[str]:
        return self.loc.city_line.format(pc=postcode, city=city).split("\n")

    def meta(self, *, with_due: bool = True) -> list[tuple[str, str]]:
        """The labelled facts most layouts print near the title, distractors included."""
        d = self.doc
        rows = [(self.number_label(), d.number), (self.w("date"), self.date(d.issue))]
        if d.due and with_due:
            rows.append((self.w("due"), self.date(d.due)))
        if d.customer_no:
            rows.append((self.w("customer_no"), d.customer_no))
        if d.po:
            rows.append((self.w("order"), d.po))
            if d.order_date and self.rng.random() < 0.6:
                rows.append((self.w("order_date"), self.date(d.order_date)))
        if d.delivery_note:
            rows.append((self.w("delivery_note"), d.delivery_note))
        if d.delivery_date and (d.delivery_note or self.rng.random() < 0.3):
            rows.append((self.w("delivery"), self.date(d.delivery_date)))
        if d.buyer and d.buyer.vat_id and self.rng.random() < 0.6:
            rows.append((self.w("your_vat"), d.buyer.vat_id))
        return rows

    def totals(self) -> list[tuple[str, str]]:
        """Totals rows, top to bottom: goods, shipping, net, each tax, total, prepaid, amount due."""
        d = self.doc
        rows: list[tuple[str, str]] = []
        if d.shipping:
            rows.append((self.w("subtotal"), self.money(d.line_total, signed=True)))
            rows.append((self.w("shipping"), self.money(d.shipping, signed=True)))
        rows.append((self.w("net"), self.money(d.net_total, signed=True)))
        for t in d.taxes:
            base = f" ({self.money(t.base)})" if len(d.taxes) > 1 and self.rng.random() < 0.5 else ""
            rows.append((f"{t.label} {self.rate(t.rate)}{base}", self.money(t.tax, signed=True)))
        if len(d.taxes) > 1:
            rows.append((self.w("tax_sum"), self.money(d.tax_total, signed=True)))
        rows.append((self.w("total"), self.money(d.grand_total, signed=True)))
        if d.prepaid:
            rows.append((self.w("prepaid"), self.money(d.prepaid)))
            rows.append((self.w("to_pay"), self.money(d.amount_due)))
        return rows

    def payment_sentences(self) -> list[str]:
        d = self.doc
        out = []
        if d.credit and d.preceding and d.preceding_date:
            out.append(self.w("credit_ref", ref=d.preceding, date=self.date(d.preceding_date)))
        if d.due:
            out.append(self.w("terms", days=d.terms_days, date=self.date(d.due)))
        if d.skonto_pct and d.skonto_date and d.skonto_amount:
            out.append(
                self.w(
                    "skonto",
                    pct=self.plain(d.skonto_pct),
                    date=self.date(d.skonto_date),
                    amount=self.money(d.skonto_amount),
                )
            )
        if d.debit_iban:
            out.append(self.w("debit", iban=group(d.debit_iban)))
        if not self.currency_shown():
            out.append(self.w("currency_note", code=d.currency))
        return out

    def bank_lines(self) -> list[str]:
        s = self.doc.seller
        if s.iban:
            return [f"IBAN {group(s.iban) if self.rng.random() < 0.8 else s.iban}", f"BIC {s.bic}"]
        return [s.account] if s.account else []


def group(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


# --- python-docx building blocks -------------------------------------------------------------------


def setup(
    docx: DocxDocument,
    font: str,
    size: float,
    *,
    width: float = 210,
    height: float = 297,
    margins: tuple[float, float, float, float] = (18, 18, 20, 20),
) -> None:
    """Page size and margins in mm (left, right, top, bottom); the default font."""
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin, section.right_margin = Mm(margins[0]), Mm(margins[1])
    section.top_margin, section.bottom_margin = Mm(margins[2]), Mm(margins[3])
    section.header_distance = section.footer_distance = Mm(min(margins[2], margins[3]) / 2)
    style = docx.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)


def para(
    container: Any,
    text: str = "",
    *,
    align: str = "l",
    bold: bool = False,
    size: float | None = None,
    after: float = 0,
    before: float = 0,
    italic: bool = False,
    color: str | None = None,
    tabs: tuple[tuple[float, str, str], ...] = (),
    font: str | None = None,
) -> Paragraph:
    """A paragraph; ``text`` may hold newlines (line breaks) and tabs; ``tabs``: (mm, l/r/c/d, leader: ''/'.'/'-')."""
    p: Paragraph = container.add_paragraph()
    p.alignment = ALIGN[align]
    fmt = p.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    for pos, kind, leader in tabs:
        fmt.tab_stops.add_tab_stop(
            Mm(pos),
            {
                "l": WD_TAB_ALIGNMENT.LEFT,
                "r": WD_TAB_ALIGNMENT.RIGHT,
                "c": WD_TAB_ALIGNMENT.CENTER,
                "d": WD_TAB_ALIGNMENT.DECIMAL,
            }[kind],
            {
                "": WD_TAB_LEADER.SPACES,
                ".": WD_TAB_LEADER.DOTS,
                "-": WD_TAB_LEADER.HEAVY,
                "_": WD_TAB_LEADER.LINES,
            }[leader],
        )
    if text:
        run_text(p, text, bold=bold, size=size, italic=italic, color=color, font=font)
    return p


def run_text(
    p: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    italic: bool = False,
    color: str | None = None,
    font: str | None = None,
) -> None:
    """Runs of ``text``: a newline is a line break, a tab a tab."""
    for i, line in enumerate(text.split("\n")):
        if i:
            p.add_run().add_break()
        run = p.add_run(line)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if font:
            run.font.name = font


def table(
    container: Any,
    rows: list[list[str]],
    widths: list[float],
    *,
    borders: str = "all",
    header: bool = True,
    align: str = "",
    size: float | None = None,
    shade_header: str | None = None,
    zebra: str | None = None,
    bold_last: bool = False,
    width: float | None = None,
) -> Table:
    """A table of text cells; ``borders``: all / none / rows (horizontal lines) / head (a line under the
    header) / box (outside only); ``align`` one letter per column (l/r/c)."""
    cols = len(widths)
    if hasattr(container, "add_table") and not isinstance(container, DocxDocument):
        try:
            t = container.add_table(rows=len(rows), cols=cols, width=Mm(width or sum(widths)))
        except TypeError:
            t = container.add_table(rows=len(rows), cols=cols)
    else:
        t = container.add_table(rows=len(rows), cols=cols)
    t.autofit = False
    set_borders(t, borders)
    for c, w in enumerate(widths):
        t.columns[c].width = Mm(w)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = t.cell(r, c)
            cell.width = Mm(widths[c])
            p = cell.paragraphs[0]
            p.alignment = ALIGN[align[c] if c < len(align) else "l"]
            run_text(p, text, bold=(header and r == 0) or (bold_last and r == len(rows) - 1), size=size)
            if shade_header and header and r == 0:
                shade(cell, shade_header)
            elif zebra and r % 2 == 0 and r > 0:
                shade(cell, zebra)
    if borders == "head" and rows:
        for cell in t.rows[0].cells:
            cell_border(cell, bottom="8")
    return t


def set_borders(t: Table, kind: str) -> None:
    sides = {
        "all": ("top", "left", "bottom", "right", "insideH", "insideV"),
        "rows": ("top", "bottom", "insideH"),
        "box": ("top", "left", "bottom", "right"),
        "none": (),
        "head": (),
    }[kind]
    inner = "".join(
        f'<w:{side} w:val="{"single" if side in sides else "nil"}" w:sz="4" w:space="0" w:color="444444"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl_pr = t._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{inner}</w:tblBorders>"))


def cell_border(cell: _Cell, **sides: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    inner = "".join(
        f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'
        for side, size in sides.items()
    )
    tc_pr.append(parse_xml(f"<w:tcBorders {nsdecls('w')}>{inner}</w:tcBorders>"))


def shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def right_table(t: Table) -> None:
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT


def repeat_header(t: Table) -> None:
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))


def textbox(
    docx: DocxDocument,
    lines: list[tuple[str, bool, float]],
    *,
    left: float,
    top: float,
    width: float,
    height: float,
    border: bool = True,
) -> None:
    """A VML text box anchored to the page (mm), as word processors write one; (text, bold, pt) per line."""
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    paras = "".join(
        f'<w:p><w:r><w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{int(size * 2)}"/></w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>'
        for text, bold, size in lines
    )
    pt = lambda mm: f"{mm * 72 / 25.4:.1f}pt"  # noqa: E731
    xml = (
        f'<w:p {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict>'
        f'<v:shape type="#_x0000_t202" style="position:absolute;mso-position-horizontal-relative:page;'
        f'mso-position-vertical-relative:page;margin-left:{pt(left)};margin-top:{pt(top)};width:{pt(width)};height:{pt(height)};z-index:1" '
        f'stroked="{"t" if border else "f"}" filled="f"><v:textbox inset="2mm,2mm,2mm,2mm"><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape>'
        f"</w:pict></w:r></w:p>"
    )
    docx.element.body.insert(0, parse_xml(xml))


def page_field(p: Paragraph, template: str) -> None:
    """``template`` with ``{n}`` and ``{m}`` as PAGE and NUMPAGES fields."""
    parts = template.replace("{m}", "\x00NUMPAGES\x00").replace("{n}", "\x00PAGE\x00").split("\x00")
    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            p._p.append(
                parse_xml(
                    f'<w:fldSimple {nsdecls("w")} w:instr=" {part} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
                )
            )
        elif part:
            p.add_run(part)


def page_break(docx: DocxDocument) -> None:
    docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
