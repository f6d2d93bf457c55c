"""GIVEN item tables whose amount is not the row's last figure (the amount column before the description, the
quantity last), headers qualifying the amount ("… excl. tax" in the language's words), flat-fee rows after a
group's heading, a carried-forward row whose label is a total's word, and a table going on over a page
without its header WHEN the lines are recovered THEN each row's amount is the line amount and every row is read.
"""

from __future__ import annotations

import io
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lines import recover_lines
from opsloop.ingest.readers.pdf import read_pdf


def _recover(text: str, pages: list[str] | None = None):  # type: ignore[no-untyped-def]
    texts = [text, *(pages or [])]
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=t) for n, t in enumerate(texts, start=1)]
    )
    lines, _ = recover_lines(document_lines(parsed), None)
    return lines


def test_the_amount_column_before_the_description_holds_the_amount() -> None:
    # GIVEN a discount column, so quantity x price is not the amount, and the price the row's last figure
    text = """
 Code       Amount      Description                  Qty     Unit price    Disc. %
 QX-1001    171.00      Folding table, oak            2          95.00       10
 QX-1002     48.00      Bench cushion                 4          12.00
"""
    lines = _recover(text)
    assert [(line.description, line.amount) for line in lines] == [
        ("Folding table, oak", Decimal("171.00")),
        ("Bench cushion", Decimal("48.00")),
    ]


def test_the_quantity_printed_last_is_no_amount() -> None:
    text = """
 No.   Item                         Price     Disc. %     Line total     Qty
 1     Garden hose 25 m             19.90       5           907.44        48
 2     Hose reel                    44.50                   111.25       2.5
"""
    lines = _recover(text)
    assert [(line.amount, line.quantity) for line in lines] == [
        (Decimal("907.44"), Decimal(48)),
        (Decimal("111.25"), Decimal("2.5")),
    ]


def test_an_amount_before_its_quantity_and_price_is_found_by_the_arithmetic() -> None:
    # GIVEN a header whose amount word the reader does not know as such ("Sum" over the amounts)
    text = """
 Ref.     Sum         Article                        Count       Price
 R-77     114.80      Shelf brackets                   40         2.87
 R-78      31.50      Wall plugs                        9         3.50
"""
    lines = _recover(text)
    assert [(line.amount, line.quantity, line.unit_price) for line in lines] == [
        (Decimal("114.80"), Decimal(40), Decimal("2.87")),
        (Decimal("31.50"), Decimal(9), Decimal("3.50")),
    ]


def test_a_tax_word_after_a_word_denying_it_qualifies_the_amount_column() -> None:
    # GIVEN "amount excl. VAT" in Danish before the description, "piece price" hyphenated
    text = """
 Varenr.   Beløb ekskl. moms    Beskrivelse                  Antal    Stk.-pris    Rabat %
 K-2210    11,59                Skrivebordslampe                22         0,62       15,0
 K-2211    81,40                Papirkurv i stål             55,75         1,46
"""
    lines = _recover(text)
    assert [(line.amount, line.unit_price) for line in lines] == [
        (Decimal("11.59"), Decimal("0.62")),
        (Decimal("81.40"), Decimal("1.46")),
    ]


def test_a_numbered_flat_fee_row_after_a_groups_heading_goes_on_with_the_table() -> None:
    text = """
 Line   Description                      Qty      Unit price       Amount
        Parts
 1      Pressure valve                     2          40.00         80.00
        Subtotal Parts                                               80.00
        Work
 2      Call-out charge                                              65.00
 3      Fitting the valve                  1.5        50.00         75.00
        Subtotal Work                                               140.00

        Total                                                       220.00
"""
    lines = _recover(text)
    assert [line.amount for line in lines] == [Decimal("80.00"), Decimal("65.00"), Decimal("75.00")]


def test_a_carried_forward_row_named_like_a_total_does_not_end_the_table() -> None:
    # GIVEN the Spanish "suma y sigue" (its "suma" a total's word) at the foot of page one
    page_one = """
 Nº    Descripción                      Cantidad     Precio      Importe
 1     Tornillos de anclaje                 10         2,50        25,00
 2     Arandelas planas                      5         1,20         6,00
       Suma y sigue                                               31,00
"""
    page_two = """
       Suma anterior                                              31,00
 3     Tacos de nailon                      20         0,40         8,00
       Total                                                      39,00
"""
    lines = _recover(page_one, [page_two])
    assert [line.amount for line in lines] == [Decimal("25.00"), Decimal("6.00"), Decimal("8.00")]


def _two_pages() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    columns = [(40, "l"), (70, "l"), (330, "r"), (420, "r"), (520, "r")]

    def row(y: float, cells: list[str], font: str = "Helvetica", size: float = 9) -> None:
        page.setFont(font, size)
        for (x, align), text in zip(columns, cells, strict=True):
            if align == "r":
                page.drawRightString(x + 20, y, text)
            else:
                page.drawString(x, y, text)

    page.setFont("Helvetica-Bold", 14)
    page.drawString(40, 790, "Invoice 5521")
    row(700, ["Pos", "Description", "Quantity", "Unit price", "Amount"], "Helvetica-Bold")
    names = ["Oak plank", "Pine batten", "Wood glue", "Sanding paper",
             "Brass hinge, polished, 75 mm, with countersunk screws",
             "Door handle set, brushed steel, lever on rose, left and right"]  # fmt: skip
    for n, name in enumerate(names[:4]):
        row(680 - 16 * n, [str(n + 1), name, str(n + 2), "3.25", f"{(n + 2) * Decimal('3.25'):.2f}"])
    page.showPage()
    # page two: no header, its text laid out anew (long descriptions set in a smaller type)
    page.setFont("Helvetica", 8)
    page.drawString(40, 810, "Northwood Timber Ltd")
    page.drawRightString(560, 810, "Invoice 5521, page 2")
    for n, name in enumerate(names[4:], start=4):
        row(
            780 - 16 * (n - 4),
            [str(n + 1), name, str(n + 2), "3.25", f"{(n + 2) * Decimal('3.25'):.2f}"],
            size=6,
        )
    page.setFont("Helvetica", 9)
    page.drawString(330, 700, "Total")
    page.drawRightString(540, 700, "87.75")
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_table_going_on_over_a_page_without_its_header_is_read_on_both_pages() -> None:
    lines, _ = recover_lines(document_lines(read_pdf(_two_pages())), None)
    assert [line.amount for line in lines] == [Decimal(f"{(n + 2) * Decimal('3.25'):.2f}") for n in range(6)]
