"""A drawn document ready to be set (``Sheet``) and the Typst blocks layouts are built from: party blocks,
fact lists, line tables, totals, tax tables, bank footers. Every block returns Typst *code* (an
expression); text always goes in as a Typst string literal, so nothing a document says is markup."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from evals.synth4.ids import grouped
from evals.synth4.model import Invoice, Line, Party
from evals.synth4.style import Style

FONTS = ("Libertinus Serif", "New Computer Modern", "DejaVu Sans Mono")
"""The fonts the typst wheel carries (system fonts are ignored: the same PDF on every machine)."""


def q(text: object) -> str:
    """A Typst string literal."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def txt(text: object, **opts: object) -> str:
    args = "".join(f"{k.replace('_', '-')}: {v}, " for k, v in opts.items())
    return f"text({args}{q(text)})"


def bold(text: object, **opts: object) -> str:
    return txt(text, weight='"bold"', **opts)


def stack(*items: str, spacing: str = "3pt") -> str:
    return f"stack(spacing: {spacing}, {', '.join(items)})"


def right(item: str) -> str:
    return f"align(right, {item})"


def box(
    item: str, *, fill: str = "none", stroke: str = "none", inset: str = "6pt", width: str = "100%"
) -> str:
    return f"block(fill: {fill}, stroke: {stroke}, inset: {inset}, width: {width}, breakable: false, {item})"


def grid(columns: str, *cells: str, gutter: str = "10pt", row_gutter: str | None = None) -> str:
    rows = f", row-gutter: {row_gutter}" if row_gutter else ""
    return f"grid(columns: {columns}, column-gutter: {gutter}{rows}, {', '.join(cells)})"


@dataclass
class Sheet:
    invoice: Invoice
    style: Style
    rng: random.Random
    layout: str
    font: str
    negative: bool = False
    iban_grouped: bool = True
    accent: str = field(default="luma(225)")

    @property
    def w(self) -> Style:
        return self.style

    @property
    def iban(self) -> str | None:
        raw = self.invoice.seller.iban
        return (grouped(raw) if self.iban_grouped else raw) if raw else None

    def amount(self, value: Decimal) -> str:
        """An invoice-level amount as this document prints it (a credit note may print it negative)."""
        return self.style.number(-value if self.negative and value else value)

    def money(self, value: Decimal) -> str:
        return self.style.money(-value if self.negative and value else value)

    def title(self) -> str:
        return self.w.label("credit" if self.invoice.credit else "invoice")

    def number_label(self) -> str:
        return self.w.label("credit_number" if self.invoice.credit else "number")


# --- blocks ---------------------------------------------------------------------------------------


def address(
    sheet: Sheet, party: Party, *, vat: bool = True, heading: str | None = None, size: str = "1em"
) -> str:
    items = [txt(heading, size="0.8em", fill="luma(90)")] if heading else []
    items += [bold(party.name, size=size), txt(party.street), txt(f"{party.postcode} {party.city}")]
    if party.country != sheet.invoice.seller.country or sheet.rng.random() < 0.3:
        items.append(txt(party.country))
    if vat and party.vat_id:
        items.append(txt(f"{sheet.w.label('vat_id')}: {party.vat_id}", size="0.9em"))
    return stack(*items)


def facts(sheet: Sheet) -> list[tuple[str, str]]:
    """(label, value) of the header facts this document prints."""
    inv, w = sheet.invoice, sheet.w
    rows = [(sheet.number_label(), inv.number), (w.label("date"), w.date(inv.issue))]
    if inv.due:
        rows.append((w.label("due"), w.date(inv.due)))
    if inv.po:
        rows.append((w.label("order"), inv.po))
    if inv.delivery_note:
        rows.append((w.label("delivery_note"), inv.delivery_note))
    if w.currency_row:
        rows.append((w.label("currency"), inv.currency))
    return rows


def facts_grid(sheet: Sheet, *, size: str = "1em", bold_values: bool = False) -> str:
    cells = []
    for label, value in facts(sheet):
        cells += [txt(f"{label}:", size=size), (bold if bold_values else txt)(value, size=size)]
    return grid("(auto, auto)", *cells, gutter="8pt", row_gutter="4pt")


def facts_stack(sheet: Sheet) -> str:
    return stack(
        *[
            stack(txt(label, size="0.75em", fill="luma(90)"), bold(value), spacing="1pt")
            for label, value in facts(sheet)
        ],
        spacing="6pt",
    )


def line_columns(sheet: Sheet, *, sku: bool, discount: bool, rate: bool, unit: bool = True) -> list[str]:
    cols = ["pos"] + (["item_no"] if sku else []) + ["description", "qty"] + (["unit"] if unit else [])
    return cols + ["price"] + (["disc"] if discount else []) + (["vat_rate"] if rate else []) + ["amount"]


def line_cells(sheet: Sheet, line: Line, columns: list[str]) -> list[str]:
    w = sheet.w
    values = {
        "pos": str(line.pos),
        "item_no": line.sku or "",
        "description": line.text,
        "qty": w.quantity(line.quantity)
        if "unit" in columns
        else f"{w.quantity(line.quantity)} {w.unit(line.unit)}",
        "unit": w.unit(line.unit),
        "price": w.number(line.price),
        "disc": w.rate(line.discount) if line.discount else "",
        "vat_rate": w.rate(line.rate),
        "amount": w.number(-line.net if sheet.negative else line.net),
    }
    return [q(values[c]) for c in columns]


WIDTHS = {"pos": "auto", "item_no": "auto", "description": "1fr", "qty": "auto", "unit": "auto", "price": "auto",
          "disc": "auto", "vat_rate": "auto", "amount": "auto"}  # fmt: skip
NUMERIC = {"qty", "price", "disc", "vat_rate", "amount"}


def lines_table(sheet: Sheet, lines: list[Line], columns: list[str], *, rules: str = "head", header_fill: str = "none",
                size: str = "1em", lead: tuple[str, str] | None = None, tail: tuple[str, str] | None = None) -> str:  # fmt: skip
    """The lines as a table; ``rules``: none, head (a rule under the header), rows (between rows), grid
    (every cell), zebra (shaded rows). ``lead`` / ``tail``: a carried-amount row before / after."""
    w = sheet.w
    strokes = {
        "none": "none",
        "head": "(x, y) => if y == 0 { (bottom: 0.8pt) }",
        "rows": "(x, y) => (bottom: 0.3pt + luma(150))",
        "grid": "0.4pt",
        "zebra": "none",
    }[rules]
    fill = (
        f"(x, y) => if y == 0 {{ {header_fill} }} else if calc.even(y) {{ luma(242) }}"
        if rules == "zebra"
        else (f"(x, y) => if y == 0 {{ {header_fill} }}")
    )
    align = "(" + ", ".join("right" if c in NUMERIC else "left" for c in columns) + ",)"
    head = ", ".join(bold(w.label(c), size=size) for c in columns)
    cells: list[str] = []
    span = len(columns) - 1
    if lead:
        cells += [
            f"table.cell(colspan: {span}, {txt(lead[0], size=size, style=q('italic'))})",
            txt(lead[1], size=size),
        ]
    for line in lines:
        cells += [f"text(size: {size}, {c})" for c in line_cells(sheet, line, columns)]
    if tail:
        cells += [
            f"table.cell(colspan: {span}, {txt(tail[0], size=size, style=q('italic'))})",
            bold(tail[1], size=size),
        ]
    widths = "(" + ", ".join(WIDTHS[c] for c in columns) + ",)"
    return (
        f"table(columns: {widths}, stroke: {strokes}, fill: {fill}, align: {align}, inset: 4pt, "
        f"table.header({head}), {', '.join(cells)})"
    )


def total_rows(sheet: Sheet, *, per_rate: bool | None = None) -> list[tuple[str, str, bool]]:
    """(label, amount, strong) from the lines' sum to the amount due."""
    inv, w = sheet.invoice, sheet.w
    rows: list[tuple[str, str, bool]] = []
    if inv.allowance or inv.freight:
        rows.append((w.label("summary"), sheet.amount(inv.line_total), False))
    if inv.allowance:
        rows.append(
            (w.label("discount", p=w.number(inv.discount_pct, 0)), sheet.amount(-inv.allowance), False)
        )
    if inv.freight:
        rows.append((w.label("freight"), sheet.amount(inv.freight), False))
    rows.append((w.label("net_total"), sheet.amount(inv.net_total), False))
    several = len(inv.taxes) > 1
    per_rate = several and sheet.rng.random() < 0.5 if per_rate is None else per_rate
    if per_rate or not several:
        for tax in inv.taxes:
            rows.append((f"{w.label('vat')} {w.rate(tax.rate)}", sheet.amount(tax.tax), False))
    if several or sheet.rng.random() < 0.3:
        rows.append((w.label("tax_total"), sheet.amount(inv.tax_total), False))
    rows.append((w.label("credit_total" if inv.credit else "total"), sheet.money(inv.grand_total), True))
    if inv.prepaid:
        rows.append((w.label("prepaid"), sheet.amount(-inv.prepaid), False))
        rows.append((w.label("due_amount"), sheet.money(inv.amount_due), True))
    return rows


def totals(sheet: Sheet, *, width: str = "55%", boxed: bool = False, size: str = "1em") -> str:
    cells = []
    for label, value, strong in total_rows(sheet):
        make = bold if strong else txt
        cells += [make(label, size=size), right(make(value, size=size))]
    body = grid("(1fr, auto)", *cells, gutter="12pt", row_gutter="5pt")
    if boxed:
        body = box(body, stroke="0.8pt", fill=sheet.accent)
    return right(f"block(width: {width}, {body})")


def tax_table(sheet: Sheet, *, size: str = "0.9em", rules: str = "0.4pt") -> str:
    inv, w = sheet.invoice, sheet.w
    cells = [bold(w.label(k), size=size) for k in ("rate", "base", "vat", "gross")]
    for tax in inv.taxes:
        cells += [txt(w.rate(tax.rate), size=size), txt(sheet.amount(tax.base), size=size),
                  txt(sheet.amount(tax.tax), size=size), txt(sheet.amount(tax.base + tax.tax), size=size)]  # fmt: skip
    if len(inv.taxes) > 1:
        cells += [bold("Σ", size=size), bold(sheet.amount(inv.net_total), size=size),
                  bold(sheet.amount(inv.tax_total), size=size), bold(sheet.amount(inv.grand_total), size=size)]  # fmt: skip
    return stack(
        bold(w.label("tax_table"), size=size),
        f"table(columns: 4, stroke: {rules}, align: (left, right, right, right), inset: 4pt, {', '.join(cells)})",
    )


def notes(sheet: Sheet, *, size: str = "0.9em") -> str:
    inv, w = sheet.invoice, sheet.w
    items = []
    if inv.preceding:
        items.append(txt(w.label("refers", r=inv.preceding), size=size))
    if inv.reverse_charge:
        items.append(bold(w.label("reverse"), size=size))
    if not inv.credit:
        items.append(txt(w.label("terms", d=inv.terms_days), size=size))
    items.append(txt(w.label("thanks"), size=size, style=q("italic")))
    return stack(*items, spacing="4pt")


def bank_lines(sheet: Sheet, *, size: str = "0.85em") -> list[str]:
    seller, w = sheet.invoice.seller, sheet.w
    out = [bold(w.label("bank"), size=size)]
    if sheet.iban:
        out.append(txt(f"{w.label('iban')}: {sheet.iban}", size=size))
    if seller.bic:
        out.append(txt(f"{w.label('bic')}: {seller.bic}", size=size))
    return out


def seller_lines(sheet: Sheet, *, size: str = "0.85em", name: bool = True) -> list[str]:
    seller, w = sheet.invoice.seller, sheet.w
    out = [bold(seller.name, size=size)] if name else []
    out += [txt(seller.street, size=size), txt(f"{seller.postcode} {seller.city}", size=size)]
    if seller.vat_id:
        out.append(txt(f"{w.label('vat_id')}: {seller.vat_id}", size=size))
    if seller.registration:
        out.append(txt(f"{w.label('reg')}: {seller.registration}", size=size))
    return out


def footer_columns(sheet: Sheet, *, size: str = "0.8em") -> str:
    return grid(
        "(1fr, 1fr, 1fr)",
        stack(*seller_lines(sheet, size=size)[:3]),
        stack(*seller_lines(sheet, size=size)[3:] or [txt("")]),
        stack(*bank_lines(sheet, size=size)),
    )


def page_footer(sheet: Sheet) -> str:
    """A ``footer:`` for the page set rule: the locale's "page i of k"."""
    template = sheet.w.label("page", i="\x00", k="\x01")
    before, rest = template.split("\x00")
    middle, after = rest.split("\x01")
    return (
        f"context align(right, text(size: 7pt, fill: luma(80))[#{q(before)}#counter(page).display()"
        f"#{q(middle)}#str(counter(page).final().first())#{q(after)}])"
    )
