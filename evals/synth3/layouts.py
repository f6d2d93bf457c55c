"""The page layouts of evals/synth3, drawn with ReportLab: platypus flowables (tables, paragraphs, frames)
and bare canvas text. Each layout is a function ``(sheet, path) -> None``; ``LAYOUTS`` names them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from evals.synth3.sheet import Sheet
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

Flow = list[Any]


def _style(
    sheet: Sheet, size: float, *, bold: bool = False, align: int = 0, leading: float | None = None
) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{bold}{align}",
        fontName=sheet.bold if bold else sheet.font,
        fontSize=size,
        leading=leading or size * 1.25,
        alignment=align,
        splitLongWords=0,  # a word (a title, an IBAN) is never cut in two
    )


def _para(
    sheet: Sheet,
    lines: list[str] | str,
    size: float = 9,
    *,
    bold_first: bool = False,
    bold: bool = False,
    align: int = 0,
) -> Paragraph:
    items = [lines] if isinstance(lines, str) else lines
    parts = [escape(x) for x in items]
    if bold_first and parts:
        parts[0] = f'<font name="{sheet.bold}">{parts[0]}</font>'
    return Paragraph("<br/>".join(parts), _style(sheet, size, bold=bold, align=align))


def _fitted(
    sheet: Sheet, lines: list[str], size: float, width: float, *, bold: bool = False, align: int = 0
) -> Paragraph:
    """Lines in one paragraph whose font shrinks until the widest line fits ``width`` (nothing wraps)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = sheet.bold if bold else sheet.font
    widest = max((stringWidth(line, font, size) for line in lines), default=0.0)
    fitted = min(size, size * width / widest) if widest else size
    return Paragraph("<br/>".join(escape(x) for x in lines), _style(sheet, fitted, bold=bold, align=align))


def _grid(
    sheet: Sheet,
    rows: list[list[Any]],
    widths: list[float] | None,
    size: float,
    *,
    header: bool = True,
    lines: str = "grid",
    zebra: bool = False,
    numeric_from: int = 1,
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), sheet.font, size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
    ]
    if header:
        style += [
            ("FONT", (0, 0), (-1, 0), sheet.bold, size),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ]
    if lines == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
    elif lines == "box":
        style.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
    if zebra:
        for index in range(2, len(rows), 2):
            style.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#eef2f7")))
    table.setStyle(TableStyle(style))
    return table


def _line_table(sheet: Sheet, kind: str, width: float, size: float, **options: Any) -> Table:
    cols = sheet.columns(kind)
    weights = {
        "pos": 0.6,
        "sku": 1.3,
        "text": 5.0,
        "qty": 1.0,
        "unit": 0.9,
        "price": 1.4,
        "disc": 0.9,
        "rate": 0.9,
        "net": 1.6,
    }
    total = sum(weights[c] for c in cols)
    widths = [width * weights[c] / total for c in cols]
    text_at = cols.index("text")
    heads = [
        _fitted(sheet, [h], size, w - 12, bold=True, align=TA_RIGHT if i > text_at and c != "unit" else 0)
        for i, (c, h, w) in enumerate(zip(cols, sheet.header(cols), widths, strict=True))
    ]
    text_style = _style(sheet, size)
    rows: list[list[Any]] = [heads]
    for line in sheet.invoice.lines:
        cells: list[Any] = sheet.row(line, cols)
        cells[text_at] = Paragraph(escape(cells[text_at]), text_style)
        rows.append(cells)
    table = _grid(sheet, rows, widths, size, numeric_from=cols.index("text") + 1, **options)
    table.setStyle(
        TableStyle(
            [
                (
                    "ALIGN",
                    (cols.index("unit") if "unit" in cols else 0, 0),
                    (cols.index("unit") if "unit" in cols else 0, -1),
                    "LEFT",
                )
            ]
        )
    )
    return table


def _totals_table(
    sheet: Sheet, width: float, size: float, *, boxed: bool = False, money: bool = True
) -> Table:
    rows = sheet.totals(money=money)
    table = Table([[label, value] for label, value, _ in rows], colWidths=[width * 0.6, width * 0.4])
    style: list[Any] = [("FONT", (0, 0), (-1, -1), sheet.font, size), ("ALIGN", (1, 0), (1, -1), "RIGHT")]
    for index, (_, _, strong) in enumerate(rows):
        if strong:
            style += [
                ("FONT", (0, index), (-1, index), sheet.bold, size + 1),
                ("LINEABOVE", (0, index), (-1, index), 0.8, colors.black),
            ]
    if boxed:
        style += [
            ("BOX", (0, 0), (-1, -1), 1, colors.black),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f4f4")),
        ]
    table.setStyle(TableStyle(style))
    return table


def _right(flowable: Any, width: float, total: float) -> Table:
    table = Table([["", flowable]], colWidths=[total - width, width])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _footer(sheet: Sheet, size: float = 6.5) -> Callable[[Canvas, Any], None]:
    seller = sheet.invoice.seller
    columns = [
        [seller.name, seller.street, seller.city_line],
        [*sheet.ids(seller), *sheet.contact(seller)[:2]],
        sheet.bank(),
    ]

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        width = doc.pagesize[0]
        canvas.setLineWidth(0.4)
        canvas.line(doc.leftMargin, 22 * mm, width - doc.rightMargin, 22 * mm)
        canvas.setFont(sheet.font, size)
        step = (width - doc.leftMargin - doc.rightMargin) / 3
        for index, column in enumerate(columns):
            for row, text in enumerate(column):
                canvas.drawString(doc.leftMargin + index * step, 18 * mm - row * (size + 1.5), text)
        canvas.restoreState()

    return draw


def _build(
    path: Path,
    story: Flow,
    sheet: Sheet,
    *,
    pagesize: Any = A4,
    footer: bool = True,
    margins: tuple[float, float] = (18 * mm, 18 * mm),
) -> None:
    doc = SimpleDocTemplate(
        str(path),
        invariant=1,
        pagesize=pagesize,
        leftMargin=margins[0],
        rightMargin=margins[0],
        topMargin=margins[1],
        bottomMargin=30 * mm if footer else margins[1],
        title=f"{sheet.title()} {sheet.invoice.number}",
        author=sheet.invoice.seller.name,
    )
    draw = _footer(sheet) if footer else (lambda canvas, doc: None)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)


def _notes(sheet: Sheet, size: float = 8.5) -> Flow:
    return [Spacer(1, 4 * mm), _para(sheet, sheet.notes(), size)]


# ---------------------------------------------------------------- platypus layouts


def classic(sheet: Sheet, path: Path) -> None:
    """Seller top left, title and facts top right, buyer in the envelope window (left or right), gridded
    lines, totals right, footer in three columns."""
    inv, w = sheet.invoice, sheet.w
    width = A4[0] - 36 * mm
    meta = Table([[f"{k}:", v] for k, v in sheet.meta()], colWidths=[38 * mm, 40 * mm])
    meta.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), sheet.font, 8.5), ("FONT", (0, 0), (0, -1), sheet.bold, 8.5)])
    )
    head = Table(
        [
            [
                _para(
                    sheet,
                    [inv.seller.name, *sheet.address(inv.seller, name=False), *sheet.ids(inv.seller)],
                    9,
                    bold_first=True,
                ),
                [_para(sheet, sheet.title(), 18, bold=True), Spacer(1, 3 * mm), meta],
            ]
        ],
        colWidths=[width * 0.5, width * 0.5],
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    window: Any = _para(sheet, [f"{inv.seller.name} · {inv.seller.street} · {inv.seller.city_line}"], 6)
    buyer: Any = _para(sheet, sheet.address(inv.buyer) + sheet.ids(inv.buyer), 10)
    if sheet.rng.random() < 0.4:  # the window on the right (Swiss and French envelopes)
        window, buyer = _right(window, 85 * mm, width), _right(buyer, 85 * mm, width)
    story: Flow = [
        head,
        Spacer(1, 8 * mm),
        window,
        buyer,
        Spacer(1, 10 * mm),
        _line_table(sheet, "standard", width, 8.5, zebra=False),
        Spacer(1, 4 * mm),
        _right(_totals_table(sheet, 75 * mm, 9), 75 * mm, width),
        *_notes(sheet),
    ]
    if w.has("payment_terms"):
        story.append(
            _para(sheet, f"{w.label('payment_terms')}: {w.phrase('pay_within', days=inv.terms_days)}", 8.5)
        )
    _build(path, story, sheet)


def letterhead(sheet: Sheet, path: Path) -> None:
    """Centred letterhead with a rule, buyer left and facts right, zebra lines, boxed totals, bank
    details as a paragraph (no footer)."""
    inv = sheet.invoice
    width = A4[0] - 40 * mm
    story: Flow = [
        _para(sheet, inv.seller.name, 20, bold=True, align=1),
        _para(
            sheet,
            " · ".join([inv.seller.street, inv.seller.city_line, *sheet.contact(inv.seller)[:2]]),
            7.5,
            align=1,
        ),
        Table(
            [[""]],
            colWidths=[width],
            style=[("LINEBELOW", (0, 0), (-1, -1), 1.5, colors.HexColor("#1f4e79"))],
        ),
        Spacer(1, 8 * mm),
    ]
    facts = _para(sheet, [f"{k}: {v}" for k, v in sheet.meta()], 9, align=TA_RIGHT)
    block = Table(
        [[_para(sheet, [sheet.w.label("bill_to") + ":", *sheet.address(inv.buyer)], 10), facts]],
        colWidths=[width * 0.55, width * 0.45],
    )
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [
        block,
        Spacer(1, 6 * mm),
        _para(sheet, sheet.title().upper(), 14, bold=True),
        Spacer(1, 3 * mm),
        _line_table(
            sheet, "wide" if sheet.rng.random() < 0.4 else "standard", width, 8, lines="none", zebra=True
        ),
        Spacer(1, 5 * mm),
        _right(_totals_table(sheet, 80 * mm, 9.5, boxed=True), 80 * mm, width),
        *_notes(sheet, 9),
        Spacer(1, 6 * mm),
        _para(sheet, [*sheet.ids(inv.seller), *sheet.bank()], 8),
    ]
    _build(path, story, sheet, footer=False, margins=(20 * mm, 15 * mm))


def three_parties(sheet: Sheet, path: Path) -> None:
    """Three header columns (seller, bill to, ship to), the facts as a band of labels over values."""
    inv, w = sheet.invoice, sheet.w
    width = A4[0] - 30 * mm
    ship = inv.ship_to or inv.buyer
    cols = [
        [
            _para(sheet, w.label("seller"), 7.5, bold=True),
            _para(
                sheet,
                [inv.seller.name, *sheet.address(inv.seller, name=False), *sheet.ids(inv.seller)],
                8.5,
                bold_first=True,
            ),
        ],
        [
            _para(sheet, w.label("bill_to"), 7.5, bold=True),
            _para(sheet, sheet.address(inv.buyer) + sheet.ids(inv.buyer), 8.5),
        ],
        [_para(sheet, w.label("ship_to"), 7.5, bold=True), _para(sheet, sheet.address(ship), 8.5)],
    ]
    head = Table([cols], colWidths=[width / 3] * 3)
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 2, colors.HexColor("#b03a2e")),
            ]
        )
    )
    meta = sheet.meta()
    band = Table([[k for k, _ in meta], [v for _, v in meta]], colWidths=[width / len(meta)] * len(meta))
    band.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), sheet.bold, 6.5),
                ("FONT", (0, 1), (-1, 1), sheet.font, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2e6e4")),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
            ]
        )
    )
    story: Flow = [
        _para(sheet, sheet.title(), 22, bold=True, align=TA_RIGHT),
        Spacer(1, 4 * mm),
        head,
        Spacer(1, 6 * mm),
        band,
        Spacer(1, 6 * mm),
        _line_table(sheet, "standard", width, 8, lines="none"),
        Spacer(1, 4 * mm),
        _right(_totals_table(sheet, 70 * mm, 8.5), 70 * mm, width),
        *_notes(sheet, 8),
    ]
    _build(path, story, sheet, margins=(15 * mm, 15 * mm))


def credit_memo(sheet: Sheet, path: Path) -> None:
    """A credit note (or invoice) that quotes its reference first, then a compact table and totals in a
    two-column summary with the tax breakdown."""
    inv, w = sheet.invoice, sheet.w
    width = A4[0] - 40 * mm
    story: Flow = [
        Table(
            [
                [
                    _para(
                        sheet, [inv.seller.name, *sheet.address(inv.seller, name=False)], 8, bold_first=True
                    ),
                    _para(sheet, sheet.title(), 16, bold=True, align=TA_RIGHT),
                ]
            ],
            colWidths=[width / 2, width / 2],
        ),
        Spacer(1, 10 * mm),
        _para(sheet, sheet.address(inv.buyer), 10),
        Spacer(1, 8 * mm),
    ]
    for key, value in sheet.meta(short=True):
        story.append(_para(sheet, f"{key}  {value}", 10))
    if inv.preceding:
        story.append(_para(sheet, w.phrase("credit_intro", ref=inv.preceding), 9))
    story += [Spacer(1, 5 * mm), _line_table(sheet, "compact", width, 9, lines="box"), Spacer(1, 5 * mm)]
    taxes = [[w.label("rate"), w.label("tax_base"), w.label("tax_amount")]] + [
        [f"{w.rate(t.rate)} %", sheet.amount(t.base), sheet.amount(t.tax)] for t in inv.taxes
    ]
    summary = Table(
        [[_grid(sheet, taxes, None, 7.5), _totals_table(sheet, 75 * mm, 9)]],
        colWidths=[width - 80 * mm, 80 * mm],
    )
    summary.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [summary, *_notes(sheet), Spacer(1, 4 * mm), _para(sheet, sheet.ids(inv.seller), 8)]
    _build(path, story, sheet)


def us_style(sheet: Sheet, path: Path) -> None:
    """Bill To / Ship To boxes, a terms row (terms, PO, ship via, due), lines, sales tax, remit-to box."""
    inv, w = sheet.invoice, sheet.w
    width = A4[0] - 30 * mm
    ship = inv.ship_to or inv.buyer
    top = Table(
        [
            [
                _para(
                    sheet,
                    [inv.seller.name, *sheet.address(inv.seller, name=False), *sheet.contact(inv.seller)[:1]],
                    9,
                    bold_first=True,
                ),
                [
                    _fitted(sheet, [sheet.title().upper()], 24, width / 2 - 14, bold=True, align=TA_RIGHT),
                    _para(sheet, [f"{k}: {v}" for k, v in sheet.meta(short=True)[:2]], 9, align=TA_RIGHT),
                ],
            ]
        ],
        colWidths=[width / 2, width / 2],
    )
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    boxes = _grid(
        sheet,
        [
            [w.label("bill_to"), w.label("ship_to")],
            [_para(sheet, sheet.address(inv.buyer), 9), _para(sheet, sheet.address(ship), 9)],
        ],
        [width / 2, width / 2],
        8.5,
        numeric_from=2,
    )
    terms_row = [(w.label("payment_terms"), w.phrase("pay_within", days=inv.terms_days))]
    terms_row += [(k, v) for k, v in sheet.meta()[2:]]
    band = _grid(
        sheet,
        [[k for k, _ in terms_row], [v for _, v in terms_row]],
        [width / len(terms_row)] * len(terms_row),
        7.5,
        numeric_from=99,
    )
    remit = [
        f"{w.label('remit_to') if w.has('remit_to') else w.label('bank')}:",
        inv.seller.name,
        *sheet.bank(),
        *sheet.ids(inv.seller),
    ]
    story: Flow = [
        top,
        Spacer(1, 6 * mm),
        boxes,
        Spacer(1, 4 * mm),
        band,
        Spacer(1, 5 * mm),
        _line_table(sheet, "compact" if sheet.rng.random() < 0.5 else "standard", width, 8.5),
        Spacer(1, 3 * mm),
        Table(
            [[_para(sheet, remit, 7.5), _totals_table(sheet, 70 * mm, 9, boxed=True)]],
            colWidths=[width - 72 * mm, 72 * mm],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (0, 0), 0.5, colors.grey)],
        ),
        *_notes(sheet, 8),
    ]
    _build(path, story, sheet, footer=False, margins=(15 * mm, 14 * mm))


def vat_summary(sheet: Sheet, path: Path) -> None:
    """Southern European style: party boxes side by side, lines with their VAT rate, a VAT summary by rate
    and the totals beneath it, payment terms and bank in a bordered box."""
    inv, w = sheet.invoice, sheet.w
    width = A4[0] - 30 * mm
    parties = _grid(
        sheet,
        [
            [w.label("seller"), w.label("buyer")],
            [
                _para(
                    sheet,
                    [inv.seller.name, *sheet.address(inv.seller, name=False), *sheet.ids(inv.seller)],
                    8.5,
                    bold_first=True,
                ),
                _para(sheet, sheet.address(inv.buyer) + sheet.ids(inv.buyer), 8.5, bold_first=True),
            ],
        ],
        [width / 2, width / 2],
        8,
        numeric_from=2,
    )
    meta = sheet.meta()
    facts = _grid(
        sheet,
        [[k for k, _ in meta], [v for _, v in meta]],
        [width / len(meta)] * len(meta),
        7.5,
        numeric_from=99,
    )
    taxes = [[w.label("rate"), w.label("tax_base"), w.label("tax_amount")]] + [
        [f"{w.rate(t.rate)} %", sheet.amount(t.base), sheet.amount(t.tax)] for t in inv.taxes
    ]
    story: Flow = [
        _para(sheet, f"{sheet.title()} {inv.number}", 15, bold=True),
        Spacer(1, 4 * mm),
        parties,
        Spacer(1, 3 * mm),
        facts,
        Spacer(1, 5 * mm),
        _line_table(sheet, "vat", width, 7.5),
        Spacer(1, 5 * mm),
        _grid(sheet, taxes, [30 * mm, 35 * mm, 35 * mm], 8),
        Spacer(1, 3 * mm),
        _right(_totals_table(sheet, 80 * mm, 9), 80 * mm, width),
        Spacer(1, 5 * mm),
        _grid(
            sheet, [[_para(sheet, [*sheet.notes(), *sheet.bank()], 8)]], [width], 8, header=False, lines="box"
        ),
    ]
    _build(path, story, sheet, footer=False, margins=(15 * mm, 12 * mm))


def wide_landscape(sheet: Sheet, path: Path) -> None:
    """Landscape A4: the parties and facts in four columns, a nine-column line table, totals beside the notes."""
    inv, w = sheet.invoice, sheet.w
    width = landscape(A4)[0] - 24 * mm
    head = Table(
        [
            [
                _fitted(sheet, [sheet.title()], 20, width * 0.2 - 14, bold=True),
                _para(sheet, [inv.seller.name, *sheet.address(inv.seller, name=False)], 8, bold_first=True),
                _para(sheet, [w.label("buyer") + ":", *sheet.address(inv.buyer)], 8),
                _para(sheet, [f"{k}: {v}" for k, v in sheet.meta()], 8),
            ]
        ],
        colWidths=[width * 0.2, width * 0.25, width * 0.25, width * 0.3],
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    bottom = Table(
        [
            [
                _para(sheet, [*sheet.notes(), *sheet.ids(inv.seller), *sheet.bank()], 8),
                _totals_table(sheet, 90 * mm, 9),
            ]
        ],
        colWidths=[width - 95 * mm, 95 * mm],
    )
    bottom.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: Flow = [
        head,
        Spacer(1, 5 * mm),
        _line_table(sheet, "wide", width, 8),
        Spacer(1, 4 * mm),
        KeepTogether(bottom),
    ]
    _build(path, story, sheet, pagesize=landscape(A4), footer=False, margins=(12 * mm, 12 * mm))


def narrow_mono(sheet: Sheet, path: Path) -> None:
    """An A5 page in a monospaced font: centred head, lines as text rows, totals with dotted leaders."""
    inv, w = sheet.invoice, sheet.w
    width = A5[0] - 20 * mm
    size = 7.5
    story: Flow = [
        _para(sheet, [inv.seller.name], 11, bold=True, align=1),
        _para(sheet, [*sheet.address(inv.seller, name=False), *sheet.ids(inv.seller)], size, align=1),
        Spacer(1, 4 * mm),
        _para(sheet, sheet.title(), 10, bold=True, align=1),
        Spacer(1, 2 * mm),
    ]
    story += [
        _para(sheet, [f"{k}: {v}" for k, v in sheet.meta()], size),
        Spacer(1, 2 * mm),
        _para(sheet, [f"{w.label('buyer')}: {inv.buyer.name}", *sheet.address(inv.buyer, name=False)], size),
        Spacer(1, 3 * mm),
    ]
    chars = int(width / (size * 0.6)) - 14
    rows = []
    for line in inv.lines:
        rows.append(line.text)
        left = f"  {w.quantity(line.quantity)} {w.unit(line.unit)} x {w.price(line.price)}" + (
            f" -{w.rate(line.discount)}%" if line.discount else ""
        )
        right = sheet.amount(line.net)
        rows.append(left + " " * max(1, chars - len(left) - len(right)) + right)
    for label, value, _ in sheet.totals():
        rows.append(label + " " + "." * max(1, chars - len(label) - len(value) - 2) + " " + value)
    style = _style(sheet, size, leading=size * 1.35)
    story += [
        Paragraph("<br/>".join(escape(r).replace(" ", "&nbsp;") for r in rows), style),
        Spacer(1, 3 * mm),
        _para(sheet, [*sheet.notes(), *sheet.bank()], size - 0.5),
    ]
    _build(path, story, sheet, pagesize=A5, footer=False, margins=(10 * mm, 10 * mm))


def sidebar(sheet: Sheet, path: Path) -> None:
    """A shaded sidebar frame (seller, contacts, ids, bank) beside a main frame (title, buyer, facts, lines, totals)."""
    inv, w = sheet.invoice, sheet.w
    page_w, page_h = A4
    side_w = 58 * mm

    def paint(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#e8efe6"))
        canvas.rect(0, 0, side_w, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=f"{sheet.title()} {inv.number}", invariant=1)
    side = Frame(6 * mm, 12 * mm, side_w - 12 * mm, page_h - 24 * mm, id="side")
    main = Frame(side_w + 8 * mm, 12 * mm, page_w - side_w - 20 * mm, page_h - 24 * mm, id="main")
    doc.addPageTemplates([PageTemplate(id="p", frames=[side, main], onPage=paint)])
    from reportlab.platypus import FrameBreak

    main_w = page_w - side_w - 24 * mm
    story: Flow = [
        _fitted(sheet, [inv.seller.name], 13, side_w - 24 * mm, bold=True),
        Spacer(1, 3 * mm),
        _fitted(sheet, sheet.address(inv.seller, name=False), 8, side_w - 24 * mm),
        Spacer(1, 3 * mm),
        _fitted(sheet, sheet.contact(inv.seller), 7.5, side_w - 24 * mm),
        Spacer(1, 3 * mm),
        _fitted(
            sheet,
            [part for line in sheet.ids(inv.seller) for part in line.split(": ", 1)],
            7.5,
            side_w - 24 * mm,
        ),
        Spacer(1, 8 * mm),
        _fitted(
            sheet, [part for line in sheet.bank() for part in line.split(": ", 1)], 7.5, side_w - 24 * mm
        ),
        FrameBreak(),
        _para(sheet, sheet.title(), 26, bold=True),
        Spacer(1, 6 * mm),
        _para(sheet, [w.label("bill_to"), *sheet.address(inv.buyer)], 9.5, bold_first=True),
        Spacer(1, 5 * mm),
        _grid(sheet, [[k, v] for k, v in sheet.meta()], [45 * mm, 45 * mm], 8.5, header=False, lines="none"),
        Spacer(1, 6 * mm),
        _line_table(sheet, "compact", main_w, 8.5, lines="none", zebra=True),
        Spacer(1, 4 * mm),
        _right(_totals_table(sheet, 70 * mm, 9), 70 * mm, main_w),
        *_notes(sheet, 8),
    ]
    doc.build(story)


def amount_first(sheet: Sheet, path: Path) -> None:
    """Statement style: the amount due and due date in a large box at the top, then parties and lines."""
    inv, w = sheet.invoice, sheet.w
    width = A4[0] - 36 * mm
    due_rows = [
        [
            w.label("credit_total")
            if inv.credit
            else w.label("amount_due")
            if inv.prepaid or sheet.rng.random() < 0.5
            else w.label("total"),
            sheet.money(inv.amount_due),
        ]
    ]
    if inv.due:
        due_rows.append([w.label("due_date"), sheet.date(inv.due)])
    box = Table(due_rows, colWidths=[40 * mm, 45 * mm])
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), sheet.bold, 12),
                ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff4cc")),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ]
        )
    )
    top = Table(
        [
            [
                [
                    _para(sheet, inv.seller.name, 14, bold=True),
                    _para(sheet, sheet.address(inv.seller, name=False) + sheet.ids(inv.seller), 8),
                ],
                box,
            ]
        ],
        colWidths=[width - 88 * mm, 88 * mm],
    )
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    meta = [(k, v) for k, v in sheet.meta() if k != w.label("due_date")]
    story: Flow = [
        top,
        Spacer(1, 8 * mm),
        _para(sheet, sheet.title(), 13, bold=True),
        Table(
            [[_para(sheet, sheet.address(inv.buyer), 9), _para(sheet, [f"{k}: {v}" for k, v in meta], 8.5)]],
            colWidths=[width / 2, width / 2],
        ),
        Spacer(1, 5 * mm),
        _line_table(sheet, "standard", width, 8, lines="grid"),
        Spacer(1, 3 * mm),
        _right(_totals_table(sheet, 75 * mm, 8.5, money=False), 75 * mm, width),
        *_notes(sheet, 8),
    ]
    _build(path, story, sheet)


# ---------------------------------------------------------------- canvas layouts


class Writer:
    """Canvas text at positions, top-down (y from the top edge, in mm)."""

    def __init__(self, path: Path, sheet: Sheet, pagesize: Any = A4) -> None:
        self.canvas = Canvas(str(path), pagesize=pagesize, invariant=1)
        self.canvas.setTitle(f"{sheet.title()} {sheet.invoice.number}")
        self.sheet = sheet
        self.height = pagesize[1]
        self.width = pagesize[0]

    def text(
        self, x: float, y: float, text: str, size: float = 9, *, bold: bool = False, align: str = "left"
    ) -> None:
        canvas = self.canvas
        canvas.setFont(self.sheet.bold if bold else self.sheet.font, size)
        top = self.height - y * mm
        if align == "right":
            canvas.drawRightString(x * mm, top, text)
        elif align == "centre":
            canvas.drawCentredString(x * mm, top, text)
        else:
            canvas.drawString(x * mm, top, text)

    def lines(
        self,
        x: float,
        y: float,
        texts: list[str],
        size: float = 9,
        *,
        step: float | None = None,
        bold_first: bool = False,
        align: str = "left",
    ) -> float:
        step = step or size * 0.45
        for index, text in enumerate(texts):
            self.text(x, y + index * step, text, size, bold=bold_first and index == 0, align=align)
        return y + len(texts) * step

    def rule(self, x0: float, y: float, x1: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0 * mm, self.height - y * mm, x1 * mm, self.height - y * mm)

    def box(self, x: float, y: float, w: float, h: float) -> None:
        self.canvas.setLineWidth(0.6)
        self.canvas.rect(x * mm, self.height - (y + h) * mm, w * mm, h * mm)

    def save(self) -> None:
        self.canvas.showPage()
        self.canvas.save()


def _fit(text: str, limit: int) -> list[str]:
    words, out, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > limit:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*out, current] if current else out


def freelancer(sheet: Sheet, path: Path) -> None:
    """No tables: a serif one-pager drawn as canvas text, labels and values in two tab stops, lines as
    'quantity × price' under their description, the amount at the right margin."""
    inv, w = sheet.invoice, sheet.w
    out = Writer(path, sheet)
    out.text(20, 25, inv.seller.name, 16, bold=True)
    y = out.lines(20, 32, [*sheet.address(inv.seller, name=False), *sheet.contact(inv.seller)[:2]], 8.5)
    out.text(190, 25, sheet.title(), 13, bold=True, align="right")
    out.lines(190, 32, [f"{k}: {v}" for k, v in sheet.meta()], 8.5, align="right")
    y = out.lines(
        20,
        max(y, 60) + 8,
        [w.label("buyer") + ":", *sheet.address(inv.buyer), *sheet.ids(inv.buyer)],
        9.5,
        step=4.6,
    )
    y += 8
    out.rule(20, y, 190)
    out.text(20, y + 5, w.label("description"), 8.5, bold=True)
    out.text(190, y + 5, w.label("amount"), 8.5, bold=True, align="right")
    y += 12
    for line in inv.lines:
        for part in _fit(line.text, 70):
            out.text(20, y, part, 9.5)
            y += 4.4
        detail = f"{w.quantity(line.quantity)} {w.unit(line.unit)} × {w.price(line.price)}"
        if line.discount:
            detail += f"  ({w.label('discount')} {w.rate(line.discount)} %)"
        out.text(24, y, detail, 8)
        out.text(190, y - 4.4, sheet.amount(line.net), 9.5, align="right")
        y += 7
    out.rule(110, y, 190)
    y += 5
    for label, value, strong in sheet.totals():
        out.text(150, y, label, 9.5 if not strong else 11, bold=strong, align="right")
        out.text(190, y, value, 9.5 if not strong else 11, bold=strong, align="right")
        y += 5.5 if not strong else 7
    y += 6
    for note in sheet.notes():
        y = out.lines(20, y, _fit(note, 95), 8.5)
    out.lines(20, 270, [" · ".join(sheet.ids(inv.seller)), " · ".join(sheet.bank())], 7.5, step=3.6)
    out.save()


def boxed_form(sheet: Sheet, path: Path) -> None:
    """A form of boxes: every fact in its own box with a small label above the value; lines in a ruled
    grid drawn by hand; totals in boxes down the right."""
    inv, w = sheet.invoice, sheet.w
    out = Writer(path, sheet)
    out.text(15, 18, inv.seller.name, 14, bold=True)
    out.lines(15, 24, [*sheet.address(inv.seller, name=False), *sheet.ids(inv.seller)], 8)
    out.text(195, 18, sheet.title().upper(), 15, bold=True, align="right")
    meta = sheet.meta()
    x, y = 15.0, 45.0
    cell_w = 180 / 4
    for index, (label, value) in enumerate(meta):
        cx, cy = x + (index % 4) * cell_w, y + (index // 4) * 12
        out.box(cx, cy, cell_w, 12)
        out.text(cx + 1.5, cy + 3.2, label, 5.8)
        out.text(cx + 1.5, cy + 9, value, 9, bold=index == 0)
    y += ((len(meta) + 3) // 4) * 12 + 5
    out.box(15, y, 88, 28)
    out.text(16.5, y + 3.2, w.label("bill_to"), 5.8)
    out.lines(16.5, y + 8, sheet.address(inv.buyer) + sheet.ids(inv.buyer), 8.5, bold_first=True, step=4)
    out.box(107, y, 88, 28)
    out.text(108.5, y + 3.2, w.label("ship_to"), 5.8)
    out.lines(108.5, y + 8, sheet.address(inv.ship_to or inv.buyer), 8.5, step=4)
    y += 34
    cols = sheet.columns("standard")
    spans = {
        "pos": 8,
        "sku": 18,
        "text": 0,
        "qty": 14,
        "unit": 12,
        "price": 20,
        "disc": 12,
        "rate": 12,
        "net": 24,
    }
    spans["text"] = 180 - sum(spans[c] for c in cols if c != "text")
    out.box(15, y, 180, 7)
    cx = 15.0
    for col, head in zip(cols, sheet.header(cols), strict=True):
        right = col not in ("pos", "sku", "text", "unit")
        out.text(
            cx + spans[col] - 1.2 if right else cx + 1.2,
            y + 4.8,
            head,
            7,
            bold=True,
            align="right" if right else "left",
        )
        cx += spans[col]
    y += 7
    for line in inv.lines:
        cells = sheet.row(line, cols)
        parts = _fit(cells[cols.index("text")], int(spans["text"] / 1.75))
        height = 4 * len(parts) + 2.5
        out.box(15, y, 180, height)
        cx = 15.0
        for col, cell in zip(cols, cells, strict=True):
            right = col not in ("pos", "sku", "text", "unit")
            if col == "text":
                out.lines(cx + 1.2, y + 4, parts, 8, step=4)
            else:
                out.text(
                    cx + spans[col] - 1.2 if right else cx + 1.2,
                    y + 4,
                    cell,
                    8,
                    align="right" if right else "left",
                )
            cx += spans[col]
        y += height
    y += 4
    for label, value, strong in sheet.totals():
        out.box(120, y, 75, 8)
        out.text(121.5, y + 5.3, label, 8, bold=strong)
        out.text(193.5, y + 5.3, value, 9 if strong else 8, bold=strong, align="right")
        y += 8
    y += 5
    for note in sheet.notes():
        y = out.lines(15, y, _fit(note, 110), 7.5)
    out.box(15, 262, 180, 18)
    out.lines(17, 267, sheet.bank(), 7.5, step=3.8)
    out.lines(110, 267, sheet.contact(inv.seller), 7.5, step=3.8)
    out.save()


def remittance(sheet: Sheet, path: Path) -> None:
    """An invoice with a tear-off remittance slip in small print at the foot and a rotated reference
    strip along the right edge."""
    inv, w = sheet.invoice, sheet.w
    out = Writer(path, sheet)
    out.text(18, 20, inv.seller.name, 12, bold=True)
    out.lines(18, 25, sheet.address(inv.seller, name=False) + sheet.ids(inv.seller), 7.5)
    out.text(185, 20, sheet.title(), 14, bold=True, align="right")
    out.lines(185, 27, [f"{k} {v}" for k, v in sheet.meta()], 8, align="right", step=3.9)
    out.lines(18, 52, sheet.address(inv.buyer), 9.5, step=4.4)
    y = 82.0
    cols = sheet.columns("compact")
    heads = sheet.header(cols)
    xs = {"text": 18, "qty": 125, "price": 155, "net": 185, "disc": 140}
    for col, head in zip(cols, heads, strict=True):
        out.text(xs[col], y, head, 7.5, bold=True, align="left" if col == "text" else "right")
    out.rule(18, y + 1.5, 185)
    y += 6
    for line in inv.lines:
        for col, cell in zip(cols, sheet.row(line, cols), strict=True):
            out.text(xs[col], y, cell[:80], 8.5, align="left" if col == "text" else "right")
        y += 4.8
    out.rule(110, y, 185)
    y += 5
    for label, value, strong in sheet.totals():
        out.text(150, y, label, 8.5, bold=strong, align="right")
        out.text(185, y, value, 8.5, bold=strong, align="right")
        y += 4.6
    y += 4
    for note in sheet.notes():
        y = out.lines(18, y, _fit(note, 100), 8)
    # the slip
    canvas = out.canvas
    canvas.setDash(2, 2)
    out.rule(10, 228, 200, 0.4)
    canvas.setDash()
    out.text(
        18,
        234,
        w.label("reference") + " / " + w.label("remit_to" if w.has("remit_to") else "bank"),
        7,
        bold=True,
    )
    slip = [inv.seller.name, *sheet.bank(), f"{w.label('reference')}: {inv.number}"]
    out.lines(18, 239, slip, 6.5, step=3.2)
    pay = [
        f"{w.label('amount_due')}: {sheet.money(inv.amount_due)}",
        f"{w.label('customer_no')}: {inv.customer_no or '—'}",
    ]
    if inv.due:
        pay.insert(1, f"{w.label('due_date')}: {sheet.date(inv.due)}")
    out.lines(120, 239, pay, 6.5, step=3.2)
    out.text(120, 254, f"{inv.buyer.name}", 6, bold=True)
    # rotated strip along the right edge
    canvas.saveState()
    canvas.translate(203 * mm, 40 * mm)
    canvas.rotate(90)
    canvas.setFont(sheet.font, 6)
    canvas.drawString(
        0, 0, f"{inv.seller.name} · {sheet.number_label()} {inv.number} · {sheet.date(inv.issue)}"
    )
    canvas.restoreState()
    out.save()


def wholesale(sheet: Sheet, path: Path) -> None:
    """A long delivery invoice over several pages: a running header, the lines in columns, a carried-
    forward subtotal at each page foot and brought forward at the next page's head, page x of y, the
    totals on the last page."""
    inv, w = sheet.invoice, sheet.w
    out = Writer(path, sheet)
    per_page = 24
    pages = max(1, -(-len(inv.lines) // per_page))
    cols = sheet.columns("wide")
    xs = {
        "pos": 14,
        "sku": 20,
        "text": 36,
        "qty": 112,
        "unit": 115,
        "price": 141,
        "disc": 156,
        "rate": 171,
        "net": 196,
    }
    carried_label = w.label("subtotal")
    running = inv.line_total * 0

    def page_head(number: int) -> float:
        out.text(14, 15, inv.seller.name, 11, bold=True)
        out.text(14, 20, " · ".join([inv.seller.street, inv.seller.city_line, *sheet.ids(inv.seller)]), 7)
        out.text(196, 15, f"{sheet.title()} {inv.number}", 11, bold=True, align="right")
        out.text(196, 20, w.label("page", p=number, n=pages), 7, align="right")
        return 28

    y = page_head(1)
    out.lines(
        14, y + 4, [w.label("buyer") + ":", *sheet.address(inv.buyer), *sheet.ids(inv.buyer)], 9, step=4.2
    )
    out.lines(120, y + 4, [f"{k}: {v}" for k, v in sheet.meta()], 8, step=3.9)
    y += 40
    for page in range(pages):
        if page:
            out.canvas.showPage()
            y = page_head(page + 1) + 4
            out.text(14, y, f"{carried_label} ({w.label('page', p=page, n=pages)})", 8, bold=True)
            out.text(196, y, sheet.amount(running), 8, bold=True, align="right")
            y += 6
        for col, head in zip(cols, sheet.header(cols), strict=True):
            out.text(
                xs[col],
                y,
                head[:14],
                6.5,
                bold=True,
                align="left" if col in ("pos", "sku", "text", "unit") else "right",
            )
        out.rule(14, y + 1.5, 196)
        y += 5.5
        for line in inv.lines[page * per_page : (page + 1) * per_page]:
            for col, cell in zip(cols, sheet.row(line, cols), strict=True):
                left = col in ("pos", "sku", "text", "unit")
                size = 7.5 if col != "text" or len(cell) <= 44 else 7.5 * 44 / len(cell)
                out.text(xs[col], y, cell, size, align="left" if left else "right")
            running += line.net
            y += 4.3
        out.rule(14, y, 196)
        if page < pages - 1:
            out.text(14, y + 5, f"{carried_label} ({w.label('page', p=page + 1, n=pages)})", 8, bold=True)
            out.text(196, y + 5, sheet.amount(running), 8, bold=True, align="right")
    y += 6
    for label, value, strong in sheet.totals():
        out.text(160, y, label, 8.5, bold=strong, align="right")
        out.text(196, y, value, 8.5, bold=strong, align="right")
        y += 4.6
    y += 4
    for note in sheet.notes():
        y = out.lines(14, y, _fit(note, 120), 7.5)
    out.lines(14, 278, [" · ".join(sheet.bank())], 7)
    out.save()


LAYOUTS: dict[str, Callable[[Sheet, Path], None]] = {
    "classic": classic,
    "letterhead": letterhead,
    "three_parties": three_parties,
    "credit_memo": credit_memo,
    "us_style": us_style,
    "vat_summary": vat_summary,
    "wide_landscape": wide_landscape,
    "narrow_mono": narrow_mono,
    "sidebar": sidebar,
    "amount_first": amount_first,
    "freelancer": freelancer,
    "boxed_form": boxed_form,
    "remittance": remittance,
    "wholesale": wholesale,
}
"""name -> renderer. Canvas layouts: freelancer, boxed_form, remittance, wholesale; the rest platypus."""
