"""GIVEN an item table whose code column holds a code as wide as the column WHEN the page's words are laid out
THEN the description starts where the header's description word starts on the page, however close the code
ends before it: the code is the row's article number, never the description's first word."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.extract.rules.engine import extract_rules
from opsloop.ingest.readers.pdf import read_pdf

COLUMNS = (("No.", 20.0), ("Code", 32.0), ("Description", 0.0), ("Qty", 130.0), ("Unit", 142.0),
           ("Rate", 160.0), ("Line Total", 178.0))  # fmt: skip
ROWS = (
    ("1", "MAT-044421", "Hex nut M12 DIN 934 10", "900", "each", "0.114", "102.60"),
    ("2", "MAT-7", "Threaded rod M10 x 1000 mm DIN 976", "30", "each", "5.41", "162.30"),
)


def _pdf() -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    # the description column opens 1.5 mm after the widest code: under one column gap
    description = 32.0 + pdf.get_string_width(ROWS[0][1]) + 1.5
    texts = [(20.0, 20.0, "Sorensen Fasteners Ltd"), (20.0, 30.0, "INVOICE 2026-0042   Date 14/04/2026")]
    y = 50.0
    for name, x in COLUMNS:
        texts.append((x or description, y, name))
    for row in ROWS:
        y += 6
        for (_, x), cell in zip(COLUMNS, row, strict=True):
            right = x >= 130 and cell[0].isdigit()
            at = x + 10 - pdf.get_string_width(cell) if right else (x or description)
            texts.append((at, y, cell))
    texts += [(130.0, y + 10, "Total Net"), (178.0, y + 10, "264.90"), (130.0, y + 16, "Invoice Total")]
    texts.append((178.0, y + 16, "264.90"))
    for x, y_, text in texts:
        pdf.text(x, y_, text)
    return bytes(pdf.output())


def test_a_code_as_wide_as_its_column_is_not_glued_to_the_description() -> None:
    invoice = extract_rules(read_pdf(_pdf()))
    assert [(line.sku, line.description) for line in invoice.lines] == [
        ("MAT-044421", "Hex nut M12 DIN 934 10"),
        ("MAT-7", "Threaded rod M10 x 1000 mm DIN 976"),
    ]
