"""GIVEN text emitted the ways real producers emit it — glyph by glyph with a shadow or fake bold (each glyph
drawn again a fraction of a point off) WHEN read THEN each glyph is read once and double letters stay."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.ingest.readers.pdf import read_pdf


def _page(draw: list[tuple[float, float, str, tuple[float, float]]]) -> bytes:
    """Each (x, y, text, (dx, dy)): the text glyph by glyph, each glyph drawn at (dx, dy) off first."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for x, y, text, (dx, dy) in draw:
        for char in text:
            if dx or dy:
                pdf.text(x + dx, y + dy, char)
            pdf.text(x, y, char)
            x += pdf.get_string_width(char)
    return bytes(pdf.output())


def _lines(data: bytes) -> list[str]:
    text = read_pdf(data).pages[0].text
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_a_glyph_drawn_again_a_little_off_is_read_once() -> None:
    data = _page([(40, 60, "Total 1,223.55", (0.9, 0.9)), (40, 90, "Balloon Supplies", (0.3, 0.0))])
    assert _lines(data) == ["Total 1,223.55", "Balloon Supplies"]


def test_double_letters_drawn_glyph_by_glyph_stay_double() -> None:
    data = _page([(40, 60, "Total 1,223.55", (0.0, 0.0)), (40, 90, "Balloon Supplies 11", (0.0, 0.0))])
    assert _lines(data) == ["Total 1,223.55", "Balloon Supplies 11"]


def _layers(white_on_band: bool = False) -> bytes:
    """Visible text, an invisible (render mode 3) copy with another figure, white text on the white page,
    and (optionally) white text on a dark band."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(40, 100, "Total due 120.00")
    pdf.text(40, 120, "IBAN DE89370400440532013000")
    with pdf.local_context(text_mode=3):
        pdf.text(40, 140, "Total due 990.00")
    pdf.set_text_color(255, 255, 255)
    pdf.text(40, 160, "IBAN GB33BUKB20201555555555")
    if white_on_band:
        pdf.set_fill_color(20, 40, 90)
        pdf.rect(30, 20, 300, 30, style="F")
        pdf.text(40, 40, "Harbour Webworks Ltd")
    return bytes(pdf.output())


def test_invisible_text_and_white_text_on_a_white_page_supply_nothing() -> None:
    assert _lines(_layers()) == ["Total due 120.00", "IBAN DE89370400440532013000"]


def test_white_text_on_a_filled_shape_is_read() -> None:
    assert _lines(_layers(white_on_band=True))[0] == "Harbour Webworks Ltd"


def test_a_page_of_invisible_text_only_is_read_as_an_ocr_layer() -> None:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.local_context(text_mode=3):
        pdf.text(40, 100, "Invoice 4711")
        pdf.text(40, 120, "Total due 120.00")
    assert _lines(bytes(pdf.output())) == ["Invoice 4711", "Total due 120.00"]


def _stamped(split: bool) -> bytes:
    """A total drawn glyph by glyph with a rotated stamp drawn over it — in the middle of the figure's glyphs
    when ``split`` (as a report engine writes its objects in whatever order)."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(40, 80, "Invoice 4711")
    x = 40.0
    for index, char in enumerate("Total 1,223.55"):
        if split and index == 11:
            pdf.set_font("Helvetica", "B", size=40)
            with pdf.rotation(angle=30, x=80, y=110):
                pdf.text(80, 110, "PAID")
            pdf.set_font("Helvetica", size=10)
        pdf.text(x, 100, char)
        x += pdf.get_string_width(char)
    if not split:
        pdf.set_font("Helvetica", "B", size=40)
        with pdf.rotation(angle=30, x=80, y=110):
            pdf.text(80, 110, "PAID")
    return bytes(pdf.output())


def test_a_stamp_set_at_a_slant_is_no_line_of_the_page_and_does_not_split_a_figure() -> None:
    assert _lines(_stamped(split=False)) == ["Invoice 4711", "Total 1,223.55"]
    assert _lines(_stamped(split=True)) == ["Invoice 4711", "Total 1,223.55"]


def test_a_value_running_into_the_next_cell_stays_apart_from_it() -> None:
    # GIVEN a header row of cells and, under it, an order number too long for its column: its last digits
    # run under the next cell's date (its own string, drawn where the column begins, over the last digit)
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    number = "4700001677 / 4700001694"
    column = 40 + pdf.get_string_width(number) - 1.5 * pdf.get_string_width("4")  # where its last digit began
    pdf.text(40, 60, "Order")
    pdf.text(column, 60, "Due")
    pdf.text(40, 75, number)
    pdf.text(column, 75, "10. Mai 2026")
    words = " ".join(read_pdf(bytes(pdf.output())).pages[0].text.split())
    # THEN the order number is read whole and the date as printed: no "470000169410."
    assert "4700001694" in words.split() and "470000169410." not in words
    assert "10. Mai 2026" in words
