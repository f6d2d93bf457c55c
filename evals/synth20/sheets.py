"""Spreadsheet invoices (.xlsx written with openpyxl, printed by LibreOffice Calc): the way small businesses keep an
invoice template in a workbook — a logo cell, merged cells, gridlines round the item table, formulas whose values
Calc computes, number formats in the country's locale, totals at the bottom right, a page header and footer."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from evals.synth20.model import Doc, pct
from evals.synth20.words import LCID, LCID_BY_COUNTRY
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP = Border(top=Side(style="medium"))
# the separators escaped: Calc would put the locale's own date separator for a bare "/" (pt-PT prints "-")
NUMERIC_DATES = {
    "{dd}.{mm}.{yyyy}": 'DD"."MM"."YYYY',
    "{dd}/{mm}/{yyyy}": 'DD"/"MM"/"YYYY',
    "{yyyy}-{mm}-{dd}": 'YYYY"-"MM"-"DD',
    "{dd}-{mm}-{yyyy}": 'DD"-"MM"-"YYYY',
    "{d}. {m}. {yyyy}": 'D". "M". "YYYY',
}


def lcid(doc: Doc) -> str:
    return LCID_BY_COUNTRY.get("CH") if doc.country == "CH" else LCID[doc.lang]  # type: ignore[return-value]


def calc_number_form(doc: Doc) -> tuple[str, str]:
    """The separators Calc prints for the locale tag the sheet's cells carry."""
    if doc.country == "CH":
        return ("'", ".")
    return {
        "en": (",", "."),
        "de": (".", ","),
        "nl": (".", ","),
        "es": (".", ","),
        "it": (".", ","),
        "da": (".", ","),
    }.get(doc.lang, ("\u00a0", ","))


class Sheet:
    def __init__(self, doc: Doc, ws: Worksheet, rng: random.Random) -> None:
        self.doc, self.ws, self.rng = doc, ws, rng
        self.money_format = f"[$-{lcid(doc)}]#,##0.00"
        self.numeric_dates = doc.date_form in NUMERIC_DATES and rng.random() < 0.7

    def put(
        self,
        ref: str,
        value: Any,
        *,
        bold: bool = False,
        size: float | None = None,
        align: str | None = None,
        border: Border | None = None,
        fill: str | None = None,
        italic: bool = False,
    ) -> Any:
        cell = self.ws[ref]
        cell.value = value
        cell.font = Font(name="Liberation Sans", bold=bold, size=size or 10, italic=italic)
        if align:
            cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=False)
        if border:
            cell.border = border
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        return cell

    def amount(self, ref: str, value: Any, **kw: Any) -> None:
        cell = self.put(ref, float(value) if not isinstance(value, str) else value, align="right", **kw)
        cell.number_format = self.money_format

    def day(self, ref: str, value: Any, **kw: Any) -> None:
        if self.numeric_dates:
            cell = self.put(ref, value, **kw)
            cell.number_format = f"[$-{lcid(self.doc)}]{NUMERIC_DATES[self.doc.date_form]}"
        else:  # typed as text: set left so a long date runs into the empty cell beside it, never clipped
            kw["align"] = "left"
            self.put(ref, self.doc.day(value), **kw)

    def widths(self, **cols: float) -> None:
        for col, width in cols.items():
            self.ws.column_dimensions[col].width = width

    def items(
        self,
        row: int,
        cols: str = "ABCDEF",
        *,
        with_rate: bool = False,
        breaks: list[int] | None = None,
        header_fill: str | None = "D9E1F2",
    ) -> tuple[int, list[str]]:
        """The item table from ``row``: header, lines (amount = quantity x price as a formula); returns the row
        after it and the amount cells. ``breaks``: line indexes after which a page ends with a carried-forward row
        and the next opens with the sum brought forward."""
        d = self.doc
        heads = ["#", d.words["desc"], d.words["qty"], d.words["price"], d.words["amount"]]
        if with_rate:
            heads.insert(4, d.words["rate"])
        _pos, _desc, _qty, *_rest = cols[: len(heads)] if not with_rate else cols[:6]
        for col, head in zip(cols, heads, strict=False):
            self.put(
                f"{col}{row}",
                head,
                bold=True,
                border=BOX,
                fill=header_fill,
                align="right" if head not in (heads[0], heads[1]) else None,
            )
        header_row = row
        row += 1
        amounts: list[str] = []
        amount_col = cols[len(heads) - 1]
        price_col = cols[3]
        for index, line in enumerate(d.lines):
            self.put(f"{cols[0]}{row}", index + 1, border=BOX, align="center")
            self.put(f"{cols[1]}{row}", line.desc, border=BOX)
            q = self.put(f"{cols[2]}{row}", float(d.sign * line.qty), border=BOX, align="right")
            q.number_format = "0" + (f' "{line.unit}"' if line.unit and self.rng.random() < 0.5 else "")
            self.amount(f"{price_col}{row}", line.price, border=BOX)
            if with_rate:
                self.put(
                    f"{cols[4]}{row}",
                    f"{pct(d, __import__('decimal').Decimal(line.rate))} %",
                    border=BOX,
                    align="right",
                )
            self.amount(f"{amount_col}{row}", f"={cols[2]}{row}*{price_col}{row}", border=BOX)
            amounts.append(f"{amount_col}{row}")
            row += 1
            if breaks and index in breaks and index < len(d.lines) - 1:
                self.put(f"{cols[1]}{row}", d.words["carried"], italic=True)
                self.amount(f"{amount_col}{row}", "=" + "+".join(amounts), bold=True)
                self.ws.row_breaks.append(Break(id=row))
                row += 1
                self.put(f"{cols[1]}{row}", d.words["brought"].format(q=breaks.index(index) + 1), italic=True)
                self.amount(f"{amount_col}{row}", f"={amount_col}{row - 1}", bold=True)
                row += 1
                for col, head in zip(cols, heads, strict=False):
                    self.put(f"{col}{row}", head, bold=True, border=BOX, fill=header_fill)
                row += 1
        del header_row
        return row, amounts

    def totals(
        self, row: int, label_col: str, value_col: str, amounts: list[str], *, prepaid: bool = True
    ) -> int:
        d = self.doc
        net_ref = f"{value_col}{row}"
        self.put(f"{label_col}{row}", d.lab("net"), align="right")
        self.amount(net_ref, "=" + "+".join(amounts) if self.rng.random() < 0.7 else d.sign * d.net)
        row += 1
        tax_refs = []
        for rate, _base, tax in d.taxes():
            self.put(
                f"{label_col}{row}",
                d.label("vat", r=pct(d, __import__("decimal").Decimal(rate))),
                align="right",
            )
            self.amount(f"{value_col}{row}", d.sign * tax)
            tax_refs.append(f"{value_col}{row}")
            row += 1
        total_label = d.lab("credit_total" if d.kind == "credit" else "total")
        shown = f"{total_label} {d.shown}" if self.rng.random() < 0.5 else total_label
        self.put(f"{label_col}{row}", shown, bold=True, align="right", border=TOP)
        self.amount(f"{value_col}{row}", f"={net_ref}+" + "+".join(tax_refs), bold=True, border=TOP)
        total_ref = f"{value_col}{row}"
        if shown == total_label:  # the currency stands in the total's number format instead
            code = f'"{d.shown}"'
            self.ws[total_ref].number_format = (
                f"[$-{lcid(d)}]{code}#,##0.00" if d.lang == "en" else f"[$-{lcid(d)}]#,##0.00 {code}"
            )
        row += 1
        if prepaid and d.prepaid:
            self.put(f"{label_col}{row}", d.lab("prepaid"), align="right")
            self.amount(f"{value_col}{row}", -d.prepaid)
            row += 1
            self.put(f"{label_col}{row}", d.lab("to_pay"), bold=True, align="right", border=TOP)
            self.amount(f"{value_col}{row}", f"={total_ref}-{float(d.prepaid)}", bold=True, border=TOP)
            row += 1
        return row

    def footer_rows(self, row: int, cols: str = "ABCDEF") -> int:
        """Bank, the seller's identity and its registration in the last rows, each merged across the sheet."""
        d, s = self.doc, self.doc.seller
        texts = [
            f"{d.words['bank']}: {s.extra['bank']} · {d.lab('iban')} {_grouped(s.iban)} · "
            f"{d.lab('bic')} {s.extra['bic']}",
            f"{s.name} · {s.street}, {s.city_line()} · {d.lab('vat_id')} {s.vat_shown}",
            d.words["reg"].format(c=s.city, r=s.reg),
        ]
        for text in texts:
            row += 1
            self.ws.merge_cells(f"{cols[0]}{row}:{cols[-1]}{row}")
            self.put(f"{cols[0]}{row}", text, size=8, align="left")
        return row + 1


def _grouped(value: str | None) -> str:
    from evals.synth20.parties import grouped

    return grouped(value or "")


def _setup(ws: Worksheet, rng: random.Random) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = rng.random() < 0.25
    ws.page_margins.left = ws.page_margins.right = 0.5


def calc_classic(doc: Doc, ws: Worksheet, rng: random.Random) -> None:
    """Logo cell top left with the seller's name, the facts beside their labels at the top right, the buyer under
    a label, a gridded item table, totals bottom right, bank and registration in the last rows."""
    sh = Sheet(doc, ws, rng)
    sh.widths(A=5, B=42, C=9, D=13, E=22, F=24)
    s = doc.seller
    ws.merge_cells("A1:B3")
    sh.put("A1", s.name, bold=True, size=18, fill="EDEDED", align="left")
    sh.put("A4", s.street, size=9)
    sh.put("A5", s.city_line(), size=9)
    sh.put("A6", f"{doc.words['phone']} {s.phone} · {doc.words['email']} {s.email}", size=9)
    title = doc.words["credit" if doc.kind == "credit" else "invoice"]
    sh.put("E1", title, bold=True, size=16, align="right")
    row = 3
    facts: list[tuple[str, Any, bool]] = [
        (doc.lab("credit_number" if doc.kind == "credit" else "number"), doc.number, False),
        (doc.lab("date"), doc.issued, True),
    ]
    if doc.kind != "credit":
        facts.append((doc.lab("due"), doc.due, True))
    facts.append((doc.lab("customer_no"), doc.customer_no, False))
    if doc.order_no:
        facts.append((doc.lab("order_no"), doc.order_no, False))
    for label, value, is_date in facts:
        sh.put(f"E{row}", label, align="right", bold=rng.random() < 0.3)
        if is_date:
            sh.day(f"F{row}", value, align="right")
        else:
            sh.put(f"F{row}", value, align="right")
        row += 1
    sh.put("A8", doc.lab("bill_to"), bold=True, size=9)
    for i, text in enumerate([doc.buyer.name, doc.buyer.street, doc.buyer.city_line()]):
        sh.put(f"A{9 + i}", text)
    sh.put(f"E{row + 1}", f"{doc.lab('contact')} {s.contact}", align="right", size=9)
    start = max(14, row + 3)
    if doc.kind == "credit" and doc.ref_invoice:
        sh.put(
            f"A{start - 1}",
            doc.label("ref_invoice", n=doc.ref_invoice[0], d=doc.day(doc.ref_invoice[1])),
            italic=True,
        )
    row, amounts = sh.items(start, "ABCDEF" if True else "")
    row = sh.totals(row + 1, "E", "F", amounts)
    if doc.kind != "credit":
        sh.put(f"A{row + 1}", doc.label("terms", n=doc.terms_days))
    sh.footer_rows(row + 2)
    ws.oddFooter.center.text = f"{s.name} · {s.vat_shown}".replace("&", "&&")


def calc_vatsummary(doc: Doc, ws: Worksheet, rng: random.Random) -> None:
    """The facts as a row of headings over a row of values; invoice and delivery address side by side; a VAT-rate
    column and a VAT summary table (rate, base, tax) before the totals."""
    sh = Sheet(doc, ws, rng)
    sh.widths(A=5, B=38, C=9, D=13, E=10, F=24, G=4)
    s = doc.seller
    sh.put("A1", s.name, bold=True, size=15)
    sh.put("A2", f"{s.street} · {s.city_line()} · {doc.lab('vat_id')} {s.vat_shown}", size=8)
    sh.put("A4", doc.words["invoice"], bold=True, size=14)
    heads = [
        (doc.words["number"], doc.number, False),
        (doc.words["date"], doc.issued, True),
        (doc.words["customer_no"], doc.customer_no, False),
    ]
    if doc.order_no:
        heads.append((doc.words["order_no"], doc.order_no, False))
    if doc.delivery_no:
        heads.append((doc.words["delivery_no"], doc.delivery_no, False))
    for col, (label, value, is_date) in zip("BCDEF", heads, strict=False):
        sh.put(f"{col}5", label, bold=True, size=8, border=BOX, fill="F2F2F2")
        if is_date:
            sh.day(f"{col}6", value, border=BOX)
        else:
            sh.put(f"{col}6", value, border=BOX)
    sh.widths(C=24, D=15, E=15)
    sh.put("B8", doc.lab("bill_to"), bold=True, size=9)
    for i, text in enumerate([doc.buyer.name, doc.buyer.street, doc.buyer.city_line()]):
        sh.put(f"B{9 + i}", text)
    if doc.ship_to:
        sh.put("D8", doc.lab("ship_to"), bold=True, size=9)
        site = doc.ship_to
        for i, text in enumerate([site.name, site.extra.get("site", ""), site.street, site.city_line()]):
            sh.put(f"D{9 + i}", text)
    row, amounts = sh.items(14, "ABCDEF", with_rate=True)
    row += 1
    sh.put(f"B{row}", doc.words["vat_summary"], bold=True)
    row += 1
    for col, head in zip("BCD", [doc.words["rate"], doc.words["base"], doc.words["tax"]], strict=False):
        sh.put(f"{col}{row}", head, bold=True, border=BOX)
    row += 1
    for rate, base, tax in doc.taxes():
        sh.put(f"B{row}", f"{pct(doc, __import__('decimal').Decimal(rate))} %", border=BOX)
        sh.amount(f"C{row}", base, border=BOX)
        sh.amount(f"D{row}", tax, border=BOX)
        row += 1
    row = sh.totals(row + 1, "E", "F", amounts)
    sh.put(f"B{row + 1}", f"{doc.lab('due')} {doc.day(doc.due)}" if doc.due else "")  # type: ignore[arg-type]
    sh.footer_rows(row + 2)


def calc_deposit(doc: Doc, ws: Worksheet, rng: random.Random) -> None:
    """Logo cell at the top right, the sender line over the buyer's window, title and number in one merged cell,
    the contact person by the facts, a deposit deducted before the amount due, an early-payment discount below."""
    sh = Sheet(doc, ws, rng)
    sh.widths(A=5, B=40, C=9, D=13, E=20, F=24)
    s = doc.seller
    ws.merge_cells("D1:F3")
    sh.put(
        "D1",
        s.name.upper() if rng.random() < 0.4 else s.name,
        bold=True,
        size=16,
        align="right",
        fill="DDEBF7",
    )
    sh.put("A5", f"{s.name} · {s.street} · {s.city_line()}", size=7)
    for i, text in enumerate(
        [
            doc.buyer.name,
            f"{doc.buyer.contact}" if rng.random() < 0.4 else "",
            doc.buyer.street,
            doc.buyer.city_line(),
        ]
    ):
        sh.put(f"A{6 + i}", text)
    ws.merge_cells("A11:C11")
    sh.put(
        "A11",
        f"{doc.words['invoice']} {doc.words['number'].split()[-1] if rng.random() < 0.3 else ''} {doc.number}".replace(
            "  ", " "
        ),
        bold=True,
        size=13,
    )
    sh.put("E6", doc.lab("date"), align="right")
    sh.day("F6", doc.issued, align="right")
    sh.put("E7", doc.lab("customer_no"), align="right")
    sh.put("F7", doc.customer_no, align="right")
    sh.put("E8", doc.lab("contact"), align="right")
    sh.put("F8", s.contact, align="right")
    sh.put("E9", doc.words["phone"], align="right")
    sh.put("F9", s.phone, align="right", size=8)
    row, amounts = sh.items(13)
    row = sh.totals(row + 1, "E", "F", amounts)
    if doc.skonto:
        p, until, amount = doc.skonto
        sh.put(f"A{row + 1}", doc.label("skonto", p=pct(doc, p), d=doc.day(until), a=doc.money(amount)))
    sh.put(f"A{row + 2}", f"{doc.lab('due')} {doc.day(doc.due)}")  # type: ignore[arg-type]
    sh.footer_rows(row + 3)


def calc_multipage(doc: Doc, ws: Worksheet, rng: random.Random) -> None:
    """A long item list over several pages: the seller and the invoice number in the page header of every page,
    a page number in the footer, each page's sum carried forward and brought forward on the next."""
    sh = Sheet(doc, ws, rng)
    sh.widths(A=5, B=46, C=9, D=13, E=16, F=24)
    s = doc.seller
    ws.oddHeader.left.text = s.name.replace("&", "&&")  # a bare "&" opens a header code in Calc
    ws.oddHeader.right.text = f"{doc.words['number']} {doc.number}".replace("&", "&&")
    page = doc.words["page"].replace("{p}", "&P").replace("{n}", "&N")
    ws.oddFooter.center.text = page
    ws.oddFooter.left.text = f"{doc.lab('vat_id')} {s.vat_shown}"
    sh.put("A1", s.name, bold=True, size=14)
    sh.put("A2", f"{s.street}, {s.city_line()}", size=9)
    sh.put("E1", doc.words["invoice"], bold=True, size=14, align="right")
    sh.put("E3", doc.lab("number"), align="right")
    sh.put("F3", doc.number, align="right")
    sh.put("E4", doc.lab("date"), align="right")
    sh.day("F4", doc.issued, align="right")
    sh.put("E5", doc.lab("due"), align="right")
    sh.day("F5", doc.due, align="right")
    if doc.delivery_no:
        sh.put("E6", doc.lab("delivery_no"), align="right")
        sh.put("F6", doc.delivery_no, align="right")
    sh.put("A4", doc.lab("bill_to"), bold=True, size=9)
    for i, text in enumerate([doc.buyer.name, doc.buyer.street, doc.buyer.city_line()]):
        sh.put(f"A{5 + i}", text)
    first = rng.randint(22, 28)
    breaks = [first, *list(range(first + 38, len(doc.lines), 38))]
    row, amounts = sh.items(10, breaks=breaks)
    row = sh.totals(row + 1, "E", "F", amounts)
    sh.footer_rows(row + 1)


def calc_proforma(doc: Doc, ws: Worksheet, rng: random.Random) -> None:
    """A proforma: payment in advance by a date, bank details boxed, the facts in a bordered grid, label above
    value."""
    sh = Sheet(doc, ws, rng)
    sh.widths(A=5, B=40, C=9, D=13, E=18, F=24)
    s = doc.seller
    sh.put("A1", s.name, bold=True, size=14)
    sh.put("A2", s.street, size=9)
    sh.put("A3", s.city_line(), size=9)
    sh.put("A4", f"{doc.lab('vat_id')} {s.vat_shown}", size=9)
    ws.merge_cells("D1:F1")
    sh.put("D1", doc.words["proforma"], bold=True, size=15, align="right")
    for col, (label, value, is_date) in zip(
        "DEF",
        [
            (doc.words["proforma_number"], doc.number, False),
            (doc.words["date"], doc.issued, True),
            (doc.words["due"], doc.due, True),
        ],
        strict=False,
    ):
        sh.put(f"{col}3", label, bold=True, size=8, border=BOX)
        if is_date:
            sh.day(f"{col}4", value, border=BOX)
        else:
            sh.put(f"{col}4", value, border=BOX)
    sh.put("A7", doc.lab("bill_to"), bold=True, size=9)
    for i, text in enumerate([doc.buyer.name, doc.buyer.street, doc.buyer.city_line()]):
        sh.put(f"A{8 + i}", text)
    row, amounts = sh.items(12)
    row = sh.totals(row + 1, "E", "F", amounts, prepaid=False)
    sh.put(f"A{row + 1}", doc.words["proforma_note"], italic=True)
    row += 3
    sh.put(f"A{row}", doc.words["bank"], bold=True, border=BOX)
    sh.put(
        f"B{row}",
        f"{s.extra['bank']} · {doc.lab('iban')} {_grouped(s.iban)} · {doc.lab('bic')} {s.extra['bic']}",
        border=BOX,
    )
    sh.put(f"A{row + 2}", doc.words["reg"].format(c=s.city, r=s.reg), size=8)


SHEET_LAYOUTS = {
    "calc_classic": calc_classic,
    "calc_vatsummary": calc_vatsummary,
    "calc_deposit": calc_deposit,
    "calc_multipage": calc_multipage,
    "calc_proforma": calc_proforma,
}


def write_xlsx(doc: Doc, path: Path, rng: random.Random) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = {"en": "Invoice", "de": "Rechnung"}.get(doc.lang, "Sheet1")
    _setup(ws, rng)
    SHEET_LAYOUTS[doc.layout](doc, ws, rng)
    if rng.random() < 0.3:  # a second sheet nobody prints: the template's price list
        other = wb.create_sheet("Prices")
        other.sheet_state = "hidden"
        other["A1"] = "internal"
    wb.save(path)
