"""One evals/synth11 document as an .xlsx workbook (openpyxl): the layout's blocks written into cells, the
factors' formats, formulas, borders, hidden cells, header and footer, print setup. Calc prints it (dataset.py)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from evals.synth9.locales import LOCALES
from evals.synth11.model import LCID, Doc11

COLUMN_WIDTH = {"pos": 5.0, "sku": 10.0, "date": 12.0, "desc": 34.0, "qty": 8.0, "unit": 7.0, "price": 13.0,
                "vat": 8.0, "net": 15.0}  # fmt: skip


@dataclass(frozen=True)
class Layout:
    cols: tuple[str, ...]
    meta: str
    """"right" (label and value beside the parties), "top" (under the title, at the left), "boxes" (labels
    in a row, values in the row under), "below" (label: value rows under the parties)."""
    totals: str
    """"right" (label and amount in the last two columns), "vat_table" (rate, base, VAT per rate, then the
    total), "in_table" (rows continuing the table, the label in the description column)."""


LAYOUTS: dict[str, Layout] = {
    "classic": Layout(("pos", "desc", "qty", "price", "net"), "right", "right"),
    "service_hours": Layout(("date", "desc", "qty", "price", "net"), "boxes", "right"),
    "product_sku": Layout(("sku", "desc", "qty", "unit", "price", "vat", "net"), "right", "vat_table"),
    "simple_amount": Layout(("desc", "qty", "net"), "top", "in_table"),
    "din_letter": Layout(("pos", "desc", "qty", "unit", "price", "net"), "right", "right"),
    "boxed_header": Layout(("desc", "qty", "price", "vat", "net"), "boxes", "vat_table"),
    "ledger": Layout(("pos", "date", "desc", "qty", "price", "net"), "below", "in_table"),
    "wide_vat": Layout(("pos", "sku", "desc", "qty", "unit", "price", "vat", "net"), "right", "vat_table"),
    "minimal": Layout(("desc", "qty", "price", "net"), "below", "right"),
    "statement": Layout(("date", "desc", "net"), "boxes", "right"),
    "catalog": Layout(("sku", "desc", "unit", "qty", "price", "net"), "top", "right"),
    "consulting": Layout(("desc", "qty", "price", "net"), "right", "in_table"),
    "trades": Layout(("pos", "desc", "qty", "unit", "price", "vat", "net"), "boxes", "right"),
    "retail": Layout(("sku", "desc", "qty", "price", "net"), "below", "vat_table"),
    "export": Layout(("pos", "desc", "qty", "price", "net"), "top", "vat_table"),
    "project": Layout(("date", "desc", "qty", "price", "vat", "net"), "right", "in_table"),
}


def _numeric_date(tag: str) -> str:
    lang = tag.split("-")[0]
    if tag in ("en-US",):
        return "MM/DD/YYYY"
    if tag in ("sv-SE", "en-CA"):
        return "YYYY-MM-DD"
    if tag == "nl-NL":
        return "DD-MM-YYYY"
    if lang in ("de", "da", "cs", "fi", "nb", "pl"):
        return "DD.MM.YYYY"
    return "DD/MM/YYYY"


def _long_date(tag: str) -> str:
    lang = tag.split("-")[0]
    if tag == "en-US":
        return "MMMM D, YYYY"
    if lang in ("es", "pt"):
        return 'D "de" MMMM "de" YYYY'
    if lang in ("de", "cs", "fi", "da", "nb"):
        return "D. MMMM YYYY"
    return "D MMMM YYYY"


def date_format(tag: str, style: str) -> str:
    if style == "iso":
        return "YYYY-MM-DD"
    pattern = _numeric_date(tag) if style == "numeric" else _long_date(tag)
    return f"[$-{LCID[tag]}]{pattern}"


def money_format(d: Doc11) -> str:
    """The amount cells' number format (positive;negative), as the numbers and negative factors say."""
    doc, f = d.doc, d.factors
    loc, lcid, sign = doc.loc, LCID[doc.loc.tag], doc.sign
    body = "#,##0.00"
    style = f["numbers"]
    if style == "locale":
        gap = " " if (loc.space_after_sign or sign[-1].isalpha() or len(sign) > 2) else ""
        body = f'"{sign}"{gap}#,##0.00' if loc.sign_before else f'#,##0.00 "{sign}"'
        prefix = f"[$-{lcid}]"
    elif style == "symbol_tag":
        body = f"[${sign}-{lcid}]#,##0.00" if loc.sign_before else f"#,##0.00 [${sign}-{lcid}]"
        prefix = ""
    elif style == "accounting":
        body = f'"{sign}"* #,##0.00' if loc.sign_before else f'* #,##0.00 "{sign}"'
        prefix = f"[$-{lcid}]"
    else:
        prefix = f"[$-{lcid}]"
    negative = {"minus": f"-{body}", "parentheses": f"({body})", "red": f"[RED]-{body}"}[f["negative"]]
    if style == "accounting":
        return f"{prefix}_-{body}_-;{prefix}{negative}_-"
    return f"{prefix}{body};{prefix}{negative}"


def separators(d: Doc11) -> tuple[str, str]:
    """(group, decimal) Calc prints the amounts with: the format's locale, or the application's (en-US) when
    the format only carries a currency tag."""
    if d.factors["numbers"] == "symbol_tag":
        return ",", "."
    loc = d.doc.loc
    if loc.tag == "de-CH":  # pragma: no cover - no such locale in evals/synth9
        return "'", "."
    return loc.group, loc.decimal


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def _logo() -> bytes:
    """A small picture with no text in it (a letterhead's logo)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (220, 70), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 64, 64), fill=(30, 90, 160))
    draw.rectangle((78, 20, 210, 30), fill=(30, 90, 160))
    draw.rectangle((78, 40, 170, 50), fill=(150, 170, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class Sheet:
    """Writes one document into a worksheet, row by row."""

    def __init__(self, d: Doc11) -> None:
        from openpyxl import Workbook

        self.d = d
        self.doc = d.doc
        self.w = d.doc.w
        self.x = d.words
        self.f = d.factors
        self.layout = LAYOUTS[d.layout]
        cols = list(self.layout.cols)
        if len({line.rate for line in self.doc.lines}) > 1 and "vat" not in cols:
            cols.insert(len(cols) - 1, "vat")
        self.cols = tuple(cols)
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = self.w["invoice"][:30]
        self.row = 1
        self.money = money_format(d)
        self.dates = date_format(self.doc.loc.tag, self.f["dates"])
        self.width = len(self.cols) + (1 if self.f["cells"] == "merged" else 0)
        self.widths: dict[int, float] = {}
        for name in self.cols:
            width = COLUMN_WIDTH[name]
            if name == "desc" and self.f["cells"] != "one_line":
                width = 22.0 if self.f["cells"] == "wrapped" else 20.0
            self.widths[self.col(name)] = width
        if self.f["cells"] == "merged":
            self.widths[self.col("desc") + 1] = 16.0
        for column in (1, 2):  # party and meta text starts here
            self.widths[column] = max(self.widths[column], 12.0)
        self.need: dict[int, float] = {}

    # cells -------------------------------------------------------------------------------------------
    def col(self, name: str) -> int:
        index = self.cols.index(name) + 1
        if self.f["cells"] == "merged" and index > self.cols.index("desc") + 1:
            index += 1
        return index

    def put(self, row: int, column: int, value: Any, *, bold: bool = False, size: float | None = None,
            fmt: str | None = None, align: str | None = None, wrap: bool = False) -> Any:  # fmt: skip
        from openpyxl.styles import Alignment, Font

        cell = self.ws.cell(row=row, column=column)
        if isinstance(value, Decimal):
            value = float(value)
        cell.value = value
        cell.font = Font(name=self.d.font, bold=bold, size=size or 10)
        if fmt:
            cell.number_format = fmt
        if align or wrap:
            cell.alignment = Alignment(horizontal=align, wrap_text=wrap, vertical="top")
        return cell

    def amount(
        self, row: int, column: int, value: Decimal | str, *, bold: bool = False, negative: bool = False
    ) -> Any:
        if isinstance(value, Decimal) and negative:
            value = -value
        self.need[column] = max(self.need.get(column, 0.0), 19.0 if bold else 17.0)
        return self.put(row, column, value, bold=bold, fmt=self.money, align="right")

    def when(self, row: int, column: int, day: date, *, bold: bool = False) -> Any:
        self.need[column] = max(self.need.get(column, 0.0), 21.0 if self.f["dates"] == "long" else 12.5)
        return self.put(row, column, day, bold=bold, fmt=self.dates, align="left")

    def ref(self, name: str, row: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.col(name))}{row}"

    def last(self) -> int:
        return self.width

    # blocks ------------------------------------------------------------------------------------------
    def seller_lines(self, with_name: bool) -> list[str]:
        s, doc = self.doc.seller, self.doc
        out = [s.name] if with_name else []
        out += [s.street, s.city_line() if s.country in ("US", "CA") else f"{s.city_line()}"]
        if s.vat_id:
            out.append(f"{self.w['vat_id']} {s.vat_id}")
        out.append(f"{self.w['phone']} {doc.values['phone']}")
        return out

    def buyer_lines(self) -> list[str]:
        b = self.doc.buyer
        out = [b.name, b.street, b.city_line()]
        if b.vat_id:
            out.append(f"{self.x['buyer_vat']}: {b.vat_id}")
        return out

    def name_in_body(self) -> bool:
        return self.f["seller"] in ("title_cell", "under_title")

    def title(self) -> None:
        from openpyxl.drawing.image import Image

        doc, seller = self.doc, self.f["seller"]
        word = self.w["credit_note"] if doc.credit else self.w["invoice"]
        last = self.last()
        if seller == "title_cell":
            self.ws.merge_cells(
                start_row=1, start_column=1, end_row=1, end_column=max(2, last - 2 if last > 4 else last - 1)
            )
            self.put(1, 1, doc.seller.name, bold=True, size=18)
            self.ws.row_dimensions[1].height = 28
            self.put(1, last, word.upper(), bold=True, size=12, align="right")
            self.row = 3
        elif seller == "under_title":
            self.ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
            self.put(1, 1, word.upper(), bold=True, size=22)
            self.ws.row_dimensions[1].height = 32
            self.put(2, 1, doc.seller.name, bold=True, size=11)
            self.row = 4
        else:
            if seller == "logo_footer":
                picture = Image(io.BytesIO(_logo()))
                picture.width, picture.height = 165, 52
                self.ws.add_image(picture, "A1")
                self.ws.row_dimensions[1].height = 22
                self.ws.row_dimensions[2].height = 22
            self.put(
                1 if seller == "header_footer" else 3, last, word.upper(), bold=True, size=16, align="right"
            )
            self.row = 4 if seller == "header_footer" else 5

    def block(self, row: int, column: int, caption: str | None, lines: list[str], *, align: str | None = None,
              bold_first: bool = False) -> int:  # fmt: skip
        if caption:
            self.put(row, column, caption, bold=True, align=align)
            row += 1
        for i, text in enumerate(lines):
            self.put(row, column, text, bold=bold_first and i == 0, align=align)
            row += 1
        return row

    def meta_pairs(self) -> list[tuple[str, Any]]:
        doc, w = self.doc, self.w
        pairs: list[tuple[str, Any]] = [(w["number"], doc.number), (w["date"], doc.issue)]
        if doc.due:
            pairs.append((w["due"], doc.due))
        if doc.credit:
            pairs.append((w["credit_of"], str(doc.values["original"])))
        if doc.kind != "credit_note" and doc.layout in ("erp_report", "erp_partial", "erp_multipage"):
            pairs.append((w["order_date"], doc.values["order_date"]))
        if doc.layout in ("acct_tax_invoice", "acct_balance"):
            pairs.append((w["customer_no"], str(doc.values["customer_no"])))
        if doc.layout == "erp_report":
            pairs.append((w["delivery_date"], doc.values["delivery_date"]))
        if self.f["numbers"] == "code_column" or doc.sign not in ("€", "£", "zł", "Kč") or doc.show_code:
            pairs.append((self.x["currency"], doc.currency))
        return pairs

    def meta_value(self, row: int, column: int, value: Any, align: str | None = None) -> None:
        if isinstance(value, date):
            self.when(row, column, value)
            self.ws.cell(row=row, column=column).alignment = self._align(align)
        else:
            self.put(row, column, value, align=align)

    def beside(self, chars: int) -> int:
        """The first column right of a block of ``chars``-wide lines starting in column 1 (text overflows
        into empty cells up to the next filled one); column 1 widens when the sheet has too few."""
        total = 0.0
        for column in range(1, self.width):
            total += self.widths[column]
            if total >= chars * 1.15 + 2:
                return column + 1
        self.widths[1] += chars * 1.15 + 2 - total
        return self.width

    def _align(self, align: str | None) -> Any:
        from openpyxl.styles import Alignment

        return Alignment(horizontal=align or "left")

    def parties_and_meta(self) -> None:
        doc, f, x, w = self.doc, self.f, self.x, self.w
        last = self.last()
        top = self.row
        body_name = self.name_in_body()
        seller = self.seller_lines(with_name=False if not body_name else f["seller"] != "title_cell")
        buyer = self.buyer_lines()
        mode = f["parties"]
        right = max(3, last - 1)
        other = self.beside(max(len(t) for t in [*seller, x["seller"], x["from"]]))
        end = top
        if mode == "from_billto":
            end = self.block(top, 1, x["from"], seller)
            end = self.block(end + 1, 1, x["to"], buyer, bold_first=True)
        elif mode == "seller_buyer":
            end = max(self.block(top, 1, x["seller"], seller), self.block(top, other, x["buyer"], buyer))
        elif mode == "side_by_side":
            end = max(self.block(top, 1, None, seller), self.block(top, other, None, buyer, bold_first=True))
        elif mode == "window":
            s = doc.seller
            sender = " · ".join(p for p in ((s.name if body_name else ""), s.street, s.city_line()) if p)
            self.put(top, 1, sender, size=7)
            end = self.block(top + 1, 1, None, buyer)
            end = max(end, self.block(top, right, None, seller, align="right"))
        else:  # seller_right
            end = max(
                self.block(top, right, None, seller, align="right"), self.block(top, 1, w["bill_to"], buyer)
            )
        pairs = self.meta_pairs()
        meta = self.layout.meta
        if meta == "right" and mode == "from_billto":
            row = top
            for label, value in pairs:
                self.put(row, right - 1 if right > 2 else right, label, bold=True)
                self.meta_value(row, last, value, align="right")
                row += 1
            end = max(end, row)
        elif meta == "boxes":
            row = end + 1
            for i, (label, value) in enumerate(pairs[:last]):
                self.put(row, i + 1, label, bold=True, size=8, wrap=True)
                self.meta_value(row + 1, i + 1, value)
            for label, value in pairs[last:]:
                self.put(row + 2, 1, label, bold=True)
                self.meta_value(row + 2, 2, value)
                row += 1
            end = row + 2
        else:  # top, below, or right when the parties take the right
            row = end + 1
            for label, value in pairs:
                self.put(row, 1, f"{label}:", bold=True)
                self.widths[1] = max(
                    self.widths[1], len(label) * 1.1 + 2
                )  # a label is not clipped by its value
                self.meta_value(row, 2 if self.cols[0] != "desc" or self.f["cells"] != "merged" else 3, value)
                row += 1
            end = row
        self.row = end + 1

    def table(self) -> tuple[int, int]:
        from openpyxl.styles import Alignment, Border, PatternFill, Side

        doc, f, w, x = self.doc, self.f, self.w, self.x
        heads = {"pos": "#", "sku": x["sku"], "date": x["date"], "desc": w["description"],
                 "qty": x["hours"] if self.d.layout == "service_hours" else w["quantity"], "unit": "",
                 "price": x["rate"] if self.d.layout == "service_hours" else w["unit_price"], "vat": x["vat_rate"],
                 "net": w["amount"] + (f" ({doc.currency})" if f["numbers"] == "code_column" else "")}  # fmt: skip
        head = self.row
        thin = Side(style="thin", color="888888")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        for name in self.cols:
            cell = self.put(head, self.col(name), heads[name], bold=True,
                            align="right" if name in ("qty", "price", "net", "vat") else None)  # fmt: skip
            if f["grid"] == "shaded":
                cell.fill = PatternFill("solid", fgColor="D9E1F2")
            if f["grid"] == "borders":
                cell.border = box
        if f["cells"] == "merged":
            c = self.col("desc")
            self.ws.merge_cells(start_row=head, start_column=c, end_row=head, end_column=c + 1)
        row = head + 1
        first = row
        for line in doc.lines:
            values: dict[str, Any] = {"pos": line.pos, "sku": f"{doc.loc.country}-{1000 + line.pos * 37}",
                                      "date": doc.issue, "desc": line.text, "qty": line.quantity, "unit": line.unit,
                                      "price": line.price, "vat": line.rate / 100}  # fmt: skip
            for name in self.cols:
                column = self.col(name)
                if name == "net":
                    value = (f"=ROUND({self.ref('qty', row)}*{self.ref('price', row)},2)"
                             if f["formulas"] == "formulas" and "qty" in self.cols and "price" in self.cols else line.net)  # fmt: skip
                    cell = self.amount(row, column, value)
                elif name == "price":
                    cell = self.amount(row, column, line.price)
                elif name == "date":
                    cell = self.when(row, column, values["date"])
                elif name == "vat":
                    cell = self.put(row, column, float(line.rate) / 100, align="right",
                                    fmt="0%" if line.rate == line.rate.to_integral() else "0.0#%")  # fmt: skip
                elif name == "qty":
                    cell = self.put(row, column, line.quantity, align="right",
                                    fmt=f"[$-{LCID[doc.loc.tag]}]0.##" if line.quantity % 1 else "0")  # fmt: skip
                elif name == "desc":
                    cell = self.put(row, column, line.text, wrap=f["cells"] == "wrapped")
                else:
                    cell = self.put(row, column, values[name])
                if f["grid"] == "borders":
                    cell.border = box
            if f["cells"] == "merged":
                c = self.col("desc")
                self.ws.merge_cells(start_row=row, start_column=c, end_row=row, end_column=c + 1)
            if f["cells"] == "wrapped":
                self.ws.cell(row=row, column=self.col("desc")).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
            row += 1
        self.row = row
        return first, row - 1

    def totals(self, first: int, last_row: int) -> None:
        from openpyxl.styles import Font

        doc, f, w = self.doc, self.f, self.w
        formulas = f["formulas"] == "formulas"
        net_col = self.col("net")
        style = self.layout.totals
        label_col = (
            self.col("desc") if style == "in_table" else max(1, net_col - (2 if len(self.cols) > 3 else 1))
        )
        row = self.row + (0 if style == "in_table" else 1)
        net_range = f"{self.ref('net', first)}:{self.ref('net', last_row)}"

        def line(label: str, value: Any, *, bold: bool = False, negative: bool = False) -> int:
            nonlocal row
            self.put(row, label_col, label, bold=bold, align="right" if style == "right" else None)
            self.amount(row, net_col, value, bold=bold, negative=negative)
            row += 1
            return row - 1

        def tax_label(rate: Decimal) -> str:
            return f"{w['tax']} {self.number_text(rate)} %"

        sub = line(w["subtotal"], f"=SUM({net_range})" if formulas else doc.net_total)
        tax_rows: list[int] = []
        if style == "vat_table":
            row += 1
            base_col, rate_col = net_col - 2, net_col - 1
            self.put(row, base_col, w["untaxed"], bold=True, align="right")
            self.put(row, rate_col, self.x["vat_rate"], bold=True, align="right")
            self.put(row, net_col, w["tax"], bold=True, align="right")
            row += 1
            for t in doc.taxes:
                if formulas and "vat" in self.cols:
                    vat_range = f"{self.ref('vat', first)}:{self.ref('vat', last_row)}"
                    base: Any = f"=SUMIF({vat_range},{float(t.rate) / 100},{net_range})"
                else:
                    base = f"={self.ref('net', sub)}" if formulas and len(doc.taxes) == 1 else t.base
                self.amount(row, base_col, base)
                self.put(row, rate_col, float(t.rate) / 100, align="right",
                         fmt="0%" if t.rate == t.rate.to_integral() else "0.0#%")  # fmt: skip
                from openpyxl.utils import get_column_letter

                tax = f"=ROUND({get_column_letter(base_col)}{row}*{get_column_letter(rate_col)}{row},2)"
                self.amount(row, net_col, tax if formulas else t.tax)
                tax_rows.append(row)
                row += 1
            row += 1
        else:
            for t in doc.taxes:
                if formulas and "vat" in self.cols:
                    vat_range = f"{self.ref('vat', first)}:{self.ref('vat', last_row)}"
                    value: Any = f"=ROUND(SUMIF({vat_range},{float(t.rate) / 100},{net_range})*{float(t.rate) / 100},2)"
                elif formulas:
                    value = f"=ROUND({self.ref('net', sub)}*{float(t.rate) / 100},2)"
                else:
                    value = t.tax
                tax_rows.append(line(tax_label(t.rate), value))
        total_formula = f"={self.ref('net', sub)}" + "".join(f"+{self.ref('net', r)}" for r in tax_rows)
        total = line(w["total"], total_formula if formulas else doc.grand_total, bold=True)
        if doc.paid:
            paid = line(w["paid"], doc.paid, negative=True)
            line(w["amount_due"], f"={self.ref('net', total)}+{self.ref('net', paid)}" if formulas else doc.amount_due,
                 bold=True)  # fmt: skip
        self.ws.cell(row=total, column=net_col).font = Font(name=self.d.font, bold=True, size=11)
        self.row = row + 1

    def number_text(self, value: Decimal) -> str:
        text = f"{value.normalize():f}"
        return text.replace(".", self.doc.loc.decimal)

    def notes(self) -> None:
        doc, x, v = self.doc, self.x, self.d.values
        s = doc.seller
        row = self.row
        last = self.last()
        self.put(row, 1, x["notes"], bold=True)
        row += 1
        texts = []
        if doc.due and doc.values.get("due_days"):
            texts.append(self.w["terms"].format(days=doc.values["due_days"]))
        if s.iban:
            group, decimal = separators(self.d)
            shown = _plain(doc.amount_due, group, decimal)
            iban = " ".join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4))
            texts.append(
                x["pay"].format(
                    amount=f"{shown} {doc.currency}", bank=v["bank"], iban=iban, number=doc.number
                )
            )
        texts.append(x["early"].format(pct=v["early_pct"], days=v["early_days"]))
        from openpyxl.styles import Alignment

        for text in texts:
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            self.put(row, 1, text, size=8)
            self.ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
            self.ws.row_dimensions[row].height = 24 if len(text) > 90 else 13
            row += 1
        if s.iban:
            self.put(row + 1, 1, f"{self.w['bank']}: {v['bank']}", size=8)
            self.put(row + 2, 1, f"IBAN {' '.join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4))}"
                     + (f"   BIC {s.bic}" if s.bic else ""), size=8)  # fmt: skip
            row += 3
        self.put(row + 1, 1, self.w["thanks"], size=9)
        self.row = row + 2

    def hidden(self) -> None:
        from openpyxl.utils import get_column_letter

        mode = self.f["hidden"]
        if mode == "column":
            column = self.width + 2
            self.put(1, column, self.x["internal"])
            for r, line in enumerate(self.doc.lines):
                self.put(r + 2, column, float(line.price * Decimal(self.d.values["cost"]) / 100), fmt="0.00")
            self.ws.column_dimensions[get_column_letter(column)].hidden = True
        elif mode == "rows":
            row = self.row
            self.put(row, 1, f"{self.x['internal']}: {self.d.values['other_total']}")
            self.put(row + 1, 1, f"{self.w['total']} {self.d.values['other_total']}")
            self.ws.row_dimensions[row].hidden = True
            self.ws.row_dimensions[row + 1].hidden = True
            self.row = row + 2

    def header_footer(self) -> None:
        doc, f, x = self.doc, self.f, self.x
        s = doc.seller
        ws = self.ws
        legal = [s.name, s.street, s.city_line(), x["register"].format(city=s.city, reg=self.d.values["reg"])]
        if s.vat_id:
            legal.append(f"{self.w['vat_id']} {s.vat_id}")
        if f["seller"] == "header_footer":
            ws.oddHeader.left.text = _escape(s.name)
            ws.oddHeader.left.size = 14
            ws.oddHeader.left.font = "Liberation Sans,Bold"
            ws.oddHeader.right.text = _escape(f"{s.street}, {s.city_line()}")
            ws.oddHeader.right.size = 8
        if (
            f["seller"] in ("header_footer", "logo_footer")
            or f["page"] == "two_pages"
            or int(self.d.values["reg"]) < 50000
        ):
            ws.oddFooter.center.text = _escape(" · ".join(legal))
            ws.oddFooter.center.size = 7
        if f["page"] == "two_pages":
            ws.oddFooter.right.text = f"{self.w['page']} &P / &N"
            ws.oddFooter.right.size = 7

    def print_setup(self, head_row: int) -> None:
        from openpyxl.utils import get_column_letter

        f, ws = self.f, self.ws
        ws.print_options.gridLines = f["grid"] == "gridlines"
        ws.page_setup.paperSize = (
            ws.PAPERSIZE_LETTER if self.doc.loc.country in ("US", "CA") else ws.PAPERSIZE_A4
        )
        if f["page"] == "landscape":
            ws.page_setup.orientation = "landscape"
        # Every template fits its columns on the page's width (Calc would print the columns that do not fit
        # on pages of their own); fit_width draws wider columns, so Calc scales the whole sheet down.
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        if f["page"] == "two_pages":
            ws.print_title_rows = f"{head_row}:{head_row}"
        ws.print_area = f"A1:{get_column_letter(self.width)}{self.row}"
        # numbers and dates do not overflow into the next cell: Calc prints ### instead
        scale = 1.4 if f["page"] == "fit_width" else 1.0
        for column, width in self.widths.items():
            ws.column_dimensions[get_column_letter(column)].width = scale * max(
                width, self.need.get(column, 0.0)
            )
        ws.sheet_view.showGridLines = f["grid"] == "gridlines"

    def second_sheet(self) -> None:
        mode = self.f["sheets"]
        if mode == "one":
            return
        other = self.wb.create_sheet(self.x["sheet"][:30])
        if mode == "second_printed":
            other["A1"] = self.x["sheet"]
            other["A2"] = self.x["terms_text"]
            other["A3"] = self.x["early"].format(
                pct=self.d.values["early_pct"], days=self.d.values["early_days"]
            )
        else:
            other["A1"] = self.w["total"]
            other["B1"] = float(Decimal(self.d.values["other_total"]))
            other["A2"] = self.w["number"]
            other["B2"] = f"X-{self.d.values['reg']}"
            other.sheet_state = "hidden"

    def build(self) -> bytes:
        self.title()
        self.parties_and_meta()
        self.row += 0
        head = self.row
        first, last_row = self.table()
        self.totals(first, last_row)
        self.notes()
        self.hidden()
        self.header_footer()
        self.print_setup(head)
        self.second_sheet()
        buffer = io.BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()


def _plain(value: Decimal, group: str, decimal: str) -> str:
    text = f"{value:,.2f}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


def workbook(d: Doc11) -> bytes:
    """The document's .xlsx bytes."""
    return Sheet(d).build()


__all__ = ["LAYOUTS", "LOCALES", "Layout", "date_format", "money_format", "separators", "workbook"]
