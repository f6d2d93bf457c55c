"""The layouts of evals/synth4: each turns a Sheet into a Typst document (page set-up + body). Blocks come
from sheet.py; a layout decides where they go, how tables are ruled and how the page is cut."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from evals.synth4.sheet import (
    Sheet,
    address,
    bank_lines,
    bold,
    box,
    facts,
    facts_grid,
    facts_stack,
    footer_columns,
    grid,
    line_columns,
    lines_table,
    notes,
    page_footer,
    q,
    right,
    seller_lines,
    stack,
    tax_table,
    total_rows,
    totals,
    txt,
)


@dataclass(frozen=True)
class Layout:
    build: Callable[[Sheet], list[str]]
    lines: tuple[int, int] = (1, 9)
    paper: str = '"a4"'
    flipped: bool = False
    margin: str = "(x: 18mm, y: 16mm)"
    size: str = "9.5pt"
    fonts: tuple[str, ...] = ("Libertinus Serif", "New Computer Modern")
    credit: float | None = None
    """Share of credit notes (None: the generator's usual share)."""
    draw: dict[str, bool] = field(default_factory=dict)


def _title(sheet: Sheet, size: str = "20pt") -> str:
    return bold(sheet.title(), size=size)


def _table(sheet: Sheet, rules: str = "head", *, sku: bool | None = None, rate: bool | None = None,
           discount: bool = False, size: str = "1em", header_fill: str = "none") -> str:  # fmt: skip
    inv = sheet.invoice
    sku = any(line.sku for line in inv.lines) and sheet.rng.random() < 0.5 if sku is None else sku
    rate = len(inv.taxes) > 1 if rate is None else rate
    discount = discount and any(line.discount for line in inv.lines)
    columns = line_columns(sheet, sku=sku, discount=discount, rate=rate, unit=sheet.rng.random() < 0.6)
    return lines_table(sheet, inv.lines, columns, rules=rules, size=size, header_fill=header_fill)


def window_envelope(sheet: Sheet) -> list[str]:
    """DIN-style: return address over the window address at the left, facts at the right, footer columns."""
    inv = sheet.invoice
    sender = f"{inv.seller.name} · {inv.seller.street} · {inv.seller.postcode} {inv.seller.city}"
    side = sheet.rng.random() < 0.5
    left = stack(txt(sender, size="6.5pt"), "line(length: 85mm, stroke: 0.3pt)", address(sheet, inv.buyer))
    parts = (left, facts_grid(sheet)) if side else (facts_grid(sheet), left)
    return [
        right(bold(inv.seller.name, size="15pt")),
        "v(10mm)",
        grid("(1fr, auto)" if side else "(auto, 1fr)", *parts, gutter="20pt"),
        "v(10mm)",
        _title(sheet, "16pt"),
        "v(4mm)",
        _table(sheet, "head"),
        "v(4mm)",
        totals(sheet),
        "v(4mm)",
        notes(sheet),
        "v(1fr)",
        "line(length: 100%, stroke: 0.4pt)",
        footer_columns(sheet),
    ]


def letterhead(sheet: Sheet) -> list[str]:
    """Centred letterhead, buyer and facts side by side, zebra table, boxed totals."""
    inv = sheet.invoice
    head = f"{inv.seller.street} · {inv.seller.postcode} {inv.seller.city}"
    if inv.seller.vat_id:
        head += f" · {sheet.w.label('vat_id')} {inv.seller.vat_id}"
    return [
        f"align(center, {stack(bold(inv.seller.name, size='18pt'), txt(head, size='8pt'))})",
        "line(length: 100%, stroke: 1pt)",
        "v(6mm)",
        f"align(center, {_title(sheet, '14pt')})",
        "v(6mm)",
        grid(
            "(1fr, 1fr)", address(sheet, inv.buyer, heading=sheet.w.label("buyer")), right(facts_grid(sheet))
        ),
        "v(6mm)",
        _table(sheet, "zebra", header_fill="luma(200)"),
        "v(4mm)",
        totals(sheet, boxed=True, width="50%"),
        "v(4mm)",
        notes(sheet),
        "v(6mm)",
        stack(*bank_lines(sheet)),
    ]


def sidebar_left(sheet: Sheet) -> list[str]:
    """A shaded column at the left with the seller, its ids, bank and the facts; the rest at the right."""
    inv = sheet.invoice
    side = box(stack(*seller_lines(sheet, size="0.8em"), "v(8pt)", facts_stack(sheet), "v(8pt)", *bank_lines(sheet, size="0.8em"), spacing="4pt"),
               fill="luma(232)", inset="8pt")  # fmt: skip
    main = stack(_title(sheet, "18pt"), "v(6pt)", address(sheet, inv.buyer, heading=sheet.w.label("buyer")), "v(10pt)",
                 _table(sheet, "rows", rate=False), "v(6pt)", totals(sheet, width="80%"), "v(6pt)", notes(sheet), spacing="4pt")  # fmt: skip
    return [grid("(31%, 1fr)", side, main, gutter="14pt")]


def sidebar_right(sheet: Sheet) -> list[str]:
    """Main column at the left; at the right a column of facts and the amount due in a box."""
    inv = sheet.invoice
    due = box(stack(txt(sheet.w.label("due_amount"), size="0.8em"), bold(sheet.money(inv.amount_due), size="13pt")),
              stroke="1pt", inset="8pt")  # fmt: skip
    side = stack(
        facts_stack(sheet), "v(10pt)", due, "v(10pt)", *bank_lines(sheet, size="0.8em"), spacing="4pt"
    )
    main = stack(
        bold(inv.seller.name, size="14pt"), *seller_lines(sheet, name=False), "v(10pt)", _title(sheet, "16pt"), "v(6pt)",
        address(sheet, inv.buyer), "v(10pt)", _table(sheet, "none", sku=False, rate=False, size="0.95em"),
        "line(length: 100%, stroke: 0.5pt)", totals(sheet, width="75%"), "v(6pt)", notes(sheet), spacing="4pt",
    )  # fmt: skip
    return [grid("(1fr, 28%)", main, side, gutter="16pt")]


def banner(sheet: Sheet) -> list[str]:
    """A dark band with the title and the number; parties under headings; table ruled between rows."""
    inv = sheet.invoice
    band = box(grid("(1fr, auto)", txt(sheet.title(), size="20pt", fill="white", weight=q("bold")),
                    txt(f"{sheet.number_label()} {inv.number}", size="11pt", fill="white")),
               fill="rgb(40, 60, 90)", inset="10pt")  # fmt: skip
    rest = [(label, value) for label, value in facts(sheet)[1:]]
    cells = [c for label, value in rest for c in (txt(label, size="0.8em", fill="luma(90)"), bold(value))]
    return [
        band,
        "v(6mm)",
        grid(
            "(1fr, 1fr)",
            address(sheet, inv.seller, heading=sheet.w.label("seller")),
            address(sheet, inv.buyer, heading=sheet.w.label("buyer")),
        ),
        "v(5mm)",
        grid(
            f"({', '.join(['auto'] * len(rest))},)",
            *[stack(cells[2 * i], cells[2 * i + 1]) for i in range(len(rest))],
            gutter="18pt",
        ),
        "v(5mm)",
        _table(sheet, "rows"),
        "v(4mm)",
        totals(sheet),
        "v(4mm)",
        notes(sheet),
        "v(1fr)",
        footer_columns(sheet),
    ]


def continuation(sheet: Sheet) -> list[str]:
    """Many lines over several pages; each page ends with the amount carried and the next begins with it."""
    inv, w = sheet.invoice, sheet.w
    columns = line_columns(sheet, sku=True, discount=False, rate=len(inv.taxes) > 1)
    chunks, first = [], sheet.rng.randint(18, 24)
    rest = sheet.rng.randint(30, 36)
    chunks.append(inv.lines[:first])
    for start in range(first, len(inv.lines), rest):
        chunks.append(inv.lines[start : start + rest])
    out = [
        grid(
            "(1fr, auto)",
            stack(bold(inv.seller.name, size="14pt"), *seller_lines(sheet, name=False)),
            facts_grid(sheet),
        ),
        "v(4mm)",
        grid("(1fr, auto)", address(sheet, inv.buyer, heading=w.label("buyer")), _title(sheet, "18pt")),
        "v(4mm)",
    ]
    carried = Decimal(0)
    for index, chunk in enumerate(chunks):
        lead = (w.label("brought"), sheet.amount(carried)) if index else None
        carried += sum((line.net for line in chunk), Decimal(0))
        tail = (w.label("carried"), sheet.amount(carried)) if index < len(chunks) - 1 else None
        out.append(lines_table(sheet, chunk, columns, rules="head", size="0.9em", lead=lead, tail=tail))
        if tail:
            out += [
                "pagebreak()",
                txt(f"{inv.seller.name} · {sheet.number_label()} {inv.number}", size="0.8em"),
                "v(3mm)",
            ]
    return [*out, "v(4mm)", totals(sheet), "v(4mm)", notes(sheet), "v(4mm)", footer_columns(sheet)]


def tax_summary(sheet: Sheet) -> list[str]:
    """Several VAT rates: a rate column in the table and a table of bases and tax by rate."""
    inv = sheet.invoice
    return [
        grid(
            "(1fr, 1fr)",
            stack(bold(inv.seller.name, size="13pt"), *seller_lines(sheet, name=False)),
            right(stack(_title(sheet, "17pt"), facts_grid(sheet))),
        ),
        "v(8mm)",
        address(sheet, inv.buyer, heading=sheet.w.label("buyer")),
        "v(6mm)",
        _table(sheet, "grid", rate=True, header_fill="luma(220)"),
        "v(5mm)",
        grid("(1fr, 1fr)", tax_table(sheet), totals(sheet, width="100%")),
        "v(5mm)",
        notes(sheet),
        "v(5mm)",
        stack(*bank_lines(sheet)),
    ]


def credit_memo(sheet: Sheet) -> list[str]:
    """A credit note first of all: the reference to the invoice it corrects in a box under the title."""
    inv, w = sheet.invoice, sheet.w
    ref = w.label("refers", r=inv.preceding) if inv.preceding else w.label("thanks")
    return [
        grid(
            "(auto, 1fr)",
            _title(sheet, "18pt"),
            right(stack(bold(inv.seller.name), *seller_lines(sheet, name=False))),
        ),
        "v(4mm)",
        box(txt(ref, size="11pt"), stroke="0.6pt + luma(120)"),
        "v(5mm)",
        grid("(1fr, auto)", address(sheet, inv.buyer, heading=w.label("buyer")), facts_grid(sheet)),
        "v(5mm)",
        _table(sheet, "head"),
        "v(4mm)",
        totals(sheet, boxed=sheet.rng.random() < 0.5),
        "v(4mm)",
        notes(sheet),
        "v(1fr)",
        stack(*bank_lines(sheet)),
    ]


def discount_freight(sheet: Sheet) -> list[str]:
    """Line discounts, a header discount, freight and a deposit in the totals."""
    inv = sheet.invoice
    return [
        grid(
            "(1fr, auto)",
            stack(bold(inv.seller.name, size="15pt"), *seller_lines(sheet, name=False)),
            box(facts_grid(sheet), stroke="0.5pt"),
        ),
        "v(6mm)",
        grid("(1fr, auto)", address(sheet, inv.buyer, heading=sheet.w.label("buyer")), _title(sheet, "22pt")),
        "v(6mm)",
        _table(sheet, "head", discount=True, sku=True),
        "v(4mm)",
        totals(sheet, width="60%"),
        "v(4mm)",
        notes(sheet),
        "v(1fr)",
        footer_columns(sheet),
    ]


def form_boxes(sheet: Sheet) -> list[str]:
    """Every fact in a labelled, ruled box; parties in boxes; a fully ruled table."""
    inv, w = sheet.invoice, sheet.w

    def cell(label: str, value: str) -> str:
        return box(stack(txt(label, size="0.7em", fill="luma(80)"), bold(value)), stroke="0.5pt", inset="5pt")

    boxes = [cell(label, value) for label, value in facts(sheet)]
    return [
        grid("(1fr, auto)", _title(sheet, "18pt"), bold(inv.seller.name, size="12pt")),
        "v(4mm)",
        grid(
            "(1fr, 1fr)",
            box(address(sheet, inv.seller, heading=w.label("seller")), stroke="0.5pt"),
            box(address(sheet, inv.buyer, heading=w.label("buyer")), stroke="0.5pt"),
        ),
        "v(3mm)",
        grid("(1fr, 1fr, 1fr)", *boxes, row_gutter="6pt"),
        "v(4mm)",
        _table(sheet, "grid"),
        "v(4mm)",
        grid(
            "(1fr, 1fr)",
            box(stack(*bank_lines(sheet)), stroke="0.5pt"),
            totals(sheet, width="100%", boxed=True),
        ),
        "v(4mm)",
        notes(sheet),
    ]


def mono_slip(sheet: Sheet) -> list[str]:
    """A5, monospaced, no table rules: each line as quantity x text then its amount."""
    inv, w = sheet.invoice, sheet.w
    rows = []
    for line in inv.lines:
        rows += [txt(f"{line.pos}. {line.text}"), txt(""),
                 txt(f"   {w.quantity(line.quantity)} {w.unit(line.unit)} x {w.number(line.price)}", size="0.9em"),
                 right(txt(w.number(-line.net if sheet.negative else line.net)))]  # fmt: skip
    sums = [
        c
        for label, value, strong in total_rows(sheet)
        for c in ((bold if strong else txt)(label), right((bold if strong else txt)(value)))
    ]
    dash = 'line(length: 100%, stroke: (dash: "dashed", thickness: 0.5pt))'
    return [
        f"align(center, {stack(bold(inv.seller.name), *seller_lines(sheet, name=False, size='0.9em'))})",
        dash,
        f"align(center, {bold(sheet.title(), size='12pt')})",
        facts_grid(sheet),
        dash,
        address(sheet, inv.buyer, heading=w.label("buyer")),
        dash,
        grid("(1fr, auto)", *rows, row_gutter="3pt"),
        dash,
        grid("(1fr, auto)", *sums, row_gutter="3pt"),
        dash,
        notes(sheet),
        stack(*bank_lines(sheet)),
    ]


def landscape_wide(sheet: Sheet) -> list[str]:
    """Landscape A4, every column: code, unit, discount, VAT rate."""
    inv = sheet.invoice
    columns = line_columns(sheet, sku=True, discount=any(x.discount for x in inv.lines), rate=True)
    return [
        grid(
            "(1fr, 1fr, 1fr)",
            stack(bold(inv.seller.name, size="13pt"), *seller_lines(sheet, name=False)),
            address(sheet, inv.buyer, heading=sheet.w.label("buyer")),
            stack(_title(sheet, "16pt"), facts_grid(sheet)),
        ),
        "v(5mm)",
        lines_table(sheet, inv.lines, columns, rules="rows", header_fill="luma(215)", size="0.95em"),
        "v(4mm)",
        grid("(1fr, 1fr, 1fr)", stack(*bank_lines(sheet)), tax_table(sheet), totals(sheet, width="100%")),
        "v(3mm)",
        notes(sheet),
    ]


def letter(sheet: Sheet) -> list[str]:
    """A letter: address, date line, a sentence, the work as a plain list, the sums, a closing."""
    inv, w = sheet.invoice, sheet.w
    rows = []
    for line in inv.lines:
        rows += [txt(f"– {line.text} ({w.quantity(line.quantity)} {w.unit(line.unit)} à {w.number(line.price)})"),
                 right(txt(w.number(-line.net if sheet.negative else line.net)))]  # fmt: skip
    sums = [
        c
        for label, value, strong in total_rows(sheet)
        for c in ((bold if strong else txt)(label), right((bold if strong else txt)(value)))
    ]
    return [
        right(stack(bold(inv.seller.name, size="13pt"), *seller_lines(sheet, name=False))),
        "v(8mm)",
        address(sheet, inv.buyer),
        "v(8mm)",
        right(txt(f"{inv.seller.city}, {w.date(inv.issue)}")),
        "v(4mm)",
        bold(f"{sheet.title()} {inv.number}", size="12pt"),
        facts_grid(sheet, size="0.9em"),
        "v(4mm)",
        txt(w.label("letter")),
        "v(2mm)",
        grid("(1fr, auto)", *rows, row_gutter="4pt"),
        "v(3mm)",
        right(f"block(width: 60%, {grid('(1fr, auto)', *sums, row_gutter='4pt')})"),
        "v(4mm)",
        notes(sheet),
        "v(8mm)",
        txt(inv.seller.name, style=q("italic")),
        "v(1fr)",
        stack(*bank_lines(sheet)),
    ]


def amount_first(sheet: Sheet) -> list[str]:
    """The amount due, the due date and the IBAN in a box at the top; the detail follows."""
    inv, w = sheet.invoice, sheet.w
    top = [txt(w.label("due_amount"), size="0.8em"), bold(sheet.money(inv.amount_due), size="18pt")]
    if inv.due:
        top += [txt(f"{w.label('due')}: {w.date(inv.due)}")]
    if sheet.iban:
        top += [txt(f"{w.label('iban')}: {sheet.iban}", size="0.9em")]
    return [
        grid(
            "(1fr, 45%)",
            stack(bold(inv.seller.name, size="14pt"), *seller_lines(sheet, name=False)),
            box(stack(*top), fill="luma(235)", inset="10pt"),
        ),
        "v(6mm)",
        _title(sheet, "15pt"),
        grid("(1fr, auto)", address(sheet, inv.buyer), facts_grid(sheet)),
        "v(5mm)",
        _table(sheet, "head"),
        "v(4mm)",
        totals(sheet),
        "v(4mm)",
        notes(sheet),
    ]


def three_addresses(sheet: Sheet) -> list[str]:
    """Seller, bill-to and ship-to in three columns; the facts as a band of labels over values."""
    inv, w = sheet.invoice, sheet.w
    ship = inv.ship_to or inv.buyer
    band = facts(sheet)
    cells = [bold(label, size="0.8em") for label, _ in band] + [txt(value) for _, value in band]
    return [
        _title(sheet, "18pt"),
        "v(4mm)",
        grid(
            "(1fr, 1fr, 1fr)",
            address(sheet, inv.seller, heading=w.label("seller")),
            address(sheet, inv.buyer, heading=w.label("buyer")),
            address(sheet, ship, heading=w.label("ship_to"), vat=False),
        ),
        "v(4mm)",
        f"table(columns: {len(band)}, stroke: 0.4pt, fill: (x, y) => if y == 0 {{ luma(225) }}, inset: 4pt, {', '.join(cells)})",
        "v(4mm)",
        _table(sheet, "rows"),
        "v(4mm)",
        totals(sheet),
        "v(4mm)",
        notes(sheet),
        "v(1fr)",
        footer_columns(sheet),
    ]


def footer_bank(sheet: Sheet) -> list[str]:
    """A sparse top; the seller's legal and bank details sit in the page footer of every page."""
    inv = sheet.invoice
    return [
        grid("(1fr, auto)", _title(sheet, "24pt"), right(txt(inv.seller.name, size="11pt"))),
        "v(6mm)",
        grid("(1fr, auto)", address(sheet, inv.buyer), facts_grid(sheet, bold_values=True)),
        "v(8mm)",
        _table(sheet, "none", header_fill="luma(230)"),
        "line(length: 100%, stroke: 0.6pt)",
        totals(sheet, width="50%"),
        "v(5mm)",
        notes(sheet),
    ]


def footer_bank_footer(sheet: Sheet) -> str:
    return f"stack(spacing: 4pt, line(length: 100%, stroke: 0.4pt), {footer_columns(sheet, size='0.75em')}, {page_footer(sheet)})"


def remittance(sheet: Sheet) -> list[str]:
    """An invoice with a tear-off slip at the foot that repeats who pays whom, what, how much and where."""
    inv, w = sheet.invoice, sheet.w
    slip = [bold(w.label("bank"), size="0.9em"), txt(f"{w.label('buyer')}: {inv.buyer.name}", size="0.85em"),
            txt(f"{sheet.number_label()}: {inv.number}", size="0.85em"),
            bold(f"{w.label('due_amount')}: {sheet.money(inv.amount_due)}", size="0.9em")]  # fmt: skip
    if sheet.iban:
        slip.append(txt(f"{w.label('iban')}: {sheet.iban}", size="0.85em"))
    return [
        grid(
            "(1fr, auto)",
            stack(bold(inv.seller.name, size="14pt"), *seller_lines(sheet, name=False)),
            _title(sheet, "18pt"),
        ),
        "v(5mm)",
        grid("(1fr, auto)", address(sheet, inv.buyer, heading=w.label("buyer")), facts_grid(sheet)),
        "v(5mm)",
        _table(sheet, "rows"),
        "v(3mm)",
        totals(sheet),
        "v(3mm)",
        notes(sheet),
        "v(1fr)",
        'line(length: 100%, stroke: (dash: "dash-dotted", thickness: 0.6pt))',
        grid("(1fr, auto)", stack(*slip), f"rotate(-90deg, reflow: true, {txt(inv.number, size='7pt')})"),
    ]


def right_header(sheet: Sheet) -> list[str]:
    """The seller's block top right, the title big at the left, buyer under it, an unruled table."""
    inv = sheet.invoice
    return [
        grid("(1fr, auto)", _title(sheet, "26pt"), stack(*seller_lines(sheet, size="0.85em"))),
        "v(6mm)",
        grid("(1fr, auto)", address(sheet, inv.buyer, heading=sheet.w.label("buyer")), facts_grid(sheet)),
        "v(8mm)",
        _table(sheet, "none"),
        "v(2mm)",
        "line(length: 100%, stroke: 0.4pt + luma(120))",
        totals(sheet, width="45%"),
        "v(6mm)",
        grid("(1fr, 1fr)", notes(sheet), stack(*bank_lines(sheet))),
    ]


def two_column_parties(sheet: Sheet) -> list[str]:
    """Seller and buyer side by side in two shaded panels, facts in a line, table with a shaded header."""
    inv, w = sheet.invoice, sheet.w
    line = "   ·   ".join(f"{label}: {value}" for label, value in facts(sheet))
    return [
        _title(sheet, "18pt"),
        txt(line, size="0.9em"),
        "v(4mm)",
        grid(
            "(1fr, 1fr)",
            box(address(sheet, inv.seller, heading=w.label("seller")), fill="luma(238)"),
            box(address(sheet, inv.buyer, heading=w.label("buyer")), fill="luma(238)"),
        ),
        "v(5mm)",
        _table(sheet, "head", header_fill="luma(215)"),
        "v(4mm)",
        totals(sheet),
        "v(4mm)",
        notes(sheet),
        "v(4mm)",
        stack(*bank_lines(sheet)),
    ]


LAYOUTS: dict[str, Layout] = {
    "window_envelope": Layout(window_envelope),
    "letterhead": Layout(letterhead, fonts=("Libertinus Serif",)),
    "sidebar_left": Layout(sidebar_left, margin="(x: 12mm, y: 14mm)", size="9pt"),
    "sidebar_right": Layout(sidebar_right, margin="(x: 14mm, y: 14mm)", size="9pt"),
    "banner": Layout(banner, fonts=("New Computer Modern", "Libertinus Serif")),
    "continuation": Layout(continuation, lines=(26, 48), size="8.5pt", credit=0.0),
    "tax_summary": Layout(tax_summary, lines=(3, 9), draw={"mixed": True}),
    "credit_memo": Layout(credit_memo, lines=(1, 5), credit=0.75),
    "discount_freight": Layout(discount_freight, lines=(2, 8), credit=0.0, draw={"discounts": True, "extras": True}),
    "form_boxes": Layout(form_boxes, size="8.5pt", fonts=("DejaVu Sans Mono", "Libertinus Serif")),
    "mono_slip": Layout(mono_slip, lines=(1, 6), paper='"a5"', margin="(x: 10mm, y: 10mm)", size="8pt", fonts=("DejaVu Sans Mono",)),
    "landscape_wide": Layout(landscape_wide, lines=(3, 12), flipped=True, size="8.5pt", draw={"discounts": True}),
    "letter": Layout(letter, lines=(1, 5), fonts=("Libertinus Serif", "New Computer Modern")),
    "amount_first": Layout(amount_first),
    "three_addresses": Layout(three_addresses, size="9pt"),
    "footer_bank": Layout(footer_bank, margin="(x: 18mm, top: 16mm, bottom: 34mm)"),
    "remittance": Layout(remittance, lines=(1, 7)),
    "right_header": Layout(right_header, paper='"us-letter"'),
    "two_column_parties": Layout(two_column_parties, draw={"mixed": True}),
}  # fmt: skip


def document(sheet: Sheet) -> str:
    """The whole Typst source of a sheet."""
    layout = LAYOUTS[sheet.layout]
    footer = footer_bank_footer(sheet) if sheet.layout == "footer_bank" else page_footer(sheet)
    preamble = [
        "#set document(date: none)",
        f"#set page(paper: {layout.paper}, flipped: {str(layout.flipped).lower()}, margin: {layout.margin}, "
        f"footer: {footer}, footer-descent: 30%)",
        # Turkish text set with the "fi" ligature reads back as "fii" in pypdf (PDFium reads it right): off
        f"#set text(font: {q(sheet.font)}, size: {layout.size}, lang: {q(sheet.w.language)}, hyphenate: false, "
        f"ligatures: {str(sheet.w.language != 'tr').lower()})",
        "#set par(justify: false)",
    ]
    return "\n".join([*preamble, *(f"#{part}" for part in layout.build(sheet))]) + "\n"
