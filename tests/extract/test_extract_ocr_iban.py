"""GIVEN a line read by OCR whose labelled IBAN or VAT id fails its checks as read (a character read as its
look-alike, a speck read as a dot between groups) WHEN its ids are found THEN the one reading that the check
digits confirm is taken, only on OCR'd lines, only after a label, and the field keeps OCR's doubt."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from opsloop.extract.rules.layout import Line, split_cells
from opsloop.extract.rules.parties import find_ibans


def _line(text: str, *, ocr: bool) -> Line:
    return Line(1, 0, text, split_cells(text), (), ocr)


def test_an_ocr_misread_check_digit_is_read_back_where_the_checksum_confirms_it() -> None:
    # (GB82 WEST 1234 5698 7654 32: the 8 of the check digits read as a B; DE89 3704 0044 0532 0130 00
    # with a speck between two groups read as a dot)
    assert [f.value for f in find_ibans([_line("IBAN: GBB2 WEST 1234 5698 7654 32", ocr=True)])] == [
        "GB82WEST12345698765432"
    ]
    assert [f.value for f in find_ibans([_line("IBAN: DE89 3704.0044 0532 0130 00", ocr=True)])] == [
        "DE89370400440532013000"
    ]


def test_no_repair_without_ocr_a_label_or_the_checksum() -> None:
    # a text layer's IBAN is read as printed
    assert find_ibans([_line("IBAN: GBB2 WEST 1234 5698 7654 32", ocr=False)]) == []
    assert find_ibans([_line("Ref GBB2 WEST 1234 5698 7654 32", ocr=True)]) == []  # no label
    assert find_ibans([_line("IBAN: GBB3 WEST 1234 5698 7654 32", ocr=True)]) == []  # no reading passes


def _scan() -> bytes:
    """An OCR layer (invisible text) printing an invoice whose IBAN's check digit OCR read as a letter."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    rows = [
        "Westfield Supplies Ltd",
        "12 High Street, Leeds LS1 4AP",
        "Invoice number: INV-1042",
        "Invoice date: 03/05/2026",
        "Total: GBP 1,250.00",
        "IBAN: GBB2 WEST 1234 5698 7654 32",
    ]
    with pdf.local_context(text_mode=3):
        for at, row in enumerate(rows):
            pdf.text(40.0, 60.0 + 16.0 * at, row)
    return bytes(pdf.output())


def test_an_iban_read_back_from_ocr_keeps_ocrs_doubt() -> None:
    from unittest import mock

    from opsloop.extract import extract_invoice
    from opsloop.ingest.readers.pdf import read_pdf

    parsed = read_pdf(_scan())
    result = extract_invoice(parsed, engine="rules")
    with mock.patch("opsloop.extract.discount_ocr_fields", lambda extraction, _parsed: extraction):
        as_text = extract_invoice(parsed, engine="rules")
    assert result.vendor.iban == "GB82WEST12345698765432"
    assert result.extraction_method.startswith("ocr+")
    assert 0 < result.fields["vendor.iban"].confidence < as_text.fields["vendor.iban"].confidence


def _vat_ids(text: str, *, ocr: bool) -> list[str]:
    from opsloop.extract.rules.parties import find_vat_ids

    return [f.value for f in find_vat_ids([_line(text, ocr=ocr)], [])]


def test_an_ocr_misread_vat_id_character_is_read_back_where_format_and_check_digits_confirm_it() -> None:
    # a Dutch id's B read as an 8, an Austrian id's 5 read as an S: one look-alike read back
    assert _vat_ids("VAT No.: NL000099998857", ocr=True) == ["NL000099998B57"]
    assert _vat_ids("UID-Nr.: ATU1358S627", ocr=True) == ["ATU13585627"]
    # a text layer's id is read as printed; without a VAT label nothing is read back
    assert "NL000099998B57" not in _vat_ids("VAT No.: NL000099998857", ocr=False)
    assert _vat_ids("Ref NL000099998857", ocr=True) == []
