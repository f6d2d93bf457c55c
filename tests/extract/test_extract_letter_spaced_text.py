"""GIVEN a letterhead or a title set letter-spaced (wide tracking, as minimal designs set a company's name:
"M E R I D I A N   O P T I C S"), each glyph placed on its own WHEN the page is read THEN its words are
whole again, parted where the gap is a space wider than the tracking, and the seller is read from them;
single letters that are words (initials parted by printed spaces, figures in a table) stay apart."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.extract import extract_invoice
from opsloop.ingest.readers import pdf as reader
from opsloop.ingest.readers.pdf import read_pdf


def _page(heading: str, tracking: float, *, size: float = 14, body: str = "") -> bytes:
    """A page whose first line is ``heading`` drawn glyph by glyph, ``tracking`` ems after each glyph, and
    a space's width more between words (no space glyph printed)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Times", size=size)
    x = 20.0
    em = size * 25.4 / 72  # the font size in millimetres
    for char in heading:
        if char == " ":
            x += pdf.get_string_width(" ") + tracking * em
            continue
        pdf.text(x, 20, char)
        x += pdf.get_string_width(char) + tracking * em
    pdf.set_font("Times", size=10)
    for number, line in enumerate(body.splitlines()):
        pdf.text(20, 32 + 6 * number, line)
    return bytes(pdf.output())


def _first_line(data: bytes) -> str:
    return " ".join(read_pdf(data).pages[0].text.splitlines()[0].split())


def test_letter_spaced_words_are_read_whole_and_parted_at_the_spaces() -> None:
    for tracking in (0.2, 0.3, 0.4):
        assert _first_line(_page("MERIDIAN OPTICS GMBH", tracking)) == "MERIDIAN OPTICS GMBH"
        assert _first_line(_page("Meridian Optics GmbH", tracking)) == "Meridian Optics GmbH"


def test_without_the_joining_each_letter_is_a_word(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # (the rule is what joins them: with its minimum out of reach, the letters stay one per word)
    monkeypatch.setattr(reader, "TRACKED_MIN_LETTERS", 1000)
    assert _first_line(_page("MERIDIAN OPTICS GMBH", 0.3)) == "M E R I D I A N O P T I C S G M B H"


def test_single_letters_that_are_words_stay_apart() -> None:
    # figures and letters with printed spaces between them (no tracking): words, not a spaced-out word
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Times", size=10)
    pdf.text(20, 20, "Options a b c d e")
    pdf.text(20, 30, "1 2 3 4 5")
    lines = [" ".join(line.split()) for line in read_pdf(bytes(pdf.output())).pages[0].text.splitlines()]
    assert [line for line in lines if line] == ["Options a b c d e", "1 2 3 4 5"]


def test_the_seller_of_a_letter_spaced_letterhead_is_read() -> None:
    body = (
        "Hafenstrasse 3, 26789 Leer\n"
        "\n"
        "Rechnung Nr. RE-2025-118\n"
        "Datum: 14.02.2025\n"
        "Rechnungsempfaenger: Lindqvist Maschinenhandel KG\n"
        "Wartung Hydraulikpresse     820,00 EUR\n"
        "Gesamtbetrag     820,00 EUR\n"
    )
    result = extract_invoice(read_pdf(_page("OKONKWO FEINMECHANIK GMBH", 0.3, body=body)), engine="rules")
    assert result.vendor.name == "OKONKWO FEINMECHANIK GMBH"


def test_a_short_word_after_a_wide_tracked_name_is_letter_spaced_too() -> None:
    # with wide tracking the space after the name is wider than the letters' reach, and a legal form of
    # two or three letters after it ("L D A .", "A B") is too short to be a stretch of its own: it continues
    # the letter-spaced name before it on the line
    for tracking in (0.8, 1.0):
        assert _first_line(_page("SERRANO LDA.", tracking)) == "SERRANO LDA."
        assert _first_line(_page("ATELIER ROSA AB", tracking)) == "ATELIER ROSA AB"
