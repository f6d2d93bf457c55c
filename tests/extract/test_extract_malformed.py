"""GIVEN strange input WHEN read or extracted THEN nothing crashes: a clear refusal or an empty result."""

import io

import pytest
from fpdf import FPDF

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.errors import RejectedInput
from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf


def _pdf(pages: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 5, text)
    return bytes(pdf.output())


@pytest.mark.parametrize("data", [b"", b"\x00\xff" * 500, b"%PDF-1.4\n garbage \n%%EOF", b"<html></html>"])
def test_garbage_bytes_are_refused_with_a_code(data: bytes) -> None:
    with pytest.raises(RejectedInput) as caught:
        read_pdf(data)
    assert caught.value.code in {"unreadable", "zero_pages"}


def test_a_pdf_with_empty_pages_has_no_text_layer_and_extracts_nothing() -> None:
    parsed = read_pdf(_pdf(["", ""]))
    assert len(parsed.pages) == 2 and not parsed.has_text_layer
    result = extract_invoice(parsed)
    assert result.total is None
    assert "no text layer" in (result.fields["invoice_number"].reason or "")


def test_a_real_pdf_is_read_in_layout_mode_and_cut_at_max_pages() -> None:
    data = _pdf(["Invoice No: A-17\nDate: 05.03.2018\nTotal EUR 12,50", "page two", "page three"])
    parsed = read_pdf(data, max_pages=2)
    assert [p.number for p in parsed.pages] == [1, 2]
    assert parsed.truncated_pages == 1
    result = extract_invoice(parsed)
    assert (result.invoice_number, str(result.total), result.currency) == ("A-17", "12.50", "EUR")


def test_an_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["secret"]))))
    writer.encrypt(user_password="pw", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(RejectedInput) as caught:
        read_pdf(buffer.getvalue())
    assert caught.value.code in {"password_protected", "encrypted"}


def test_a_huge_page_of_noise_does_not_crash_the_rules_engine() -> None:
    noise = ("Total 12,00 € 1.234,56 31/31/2020 IBAN XX00 " * 400 + "\n") * 200
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=noise)])
    result = extract_invoice(parsed)
    assert result.extraction_method == "rules"
    assert result.invoice_date is None  # 31/31/2020 is not a date


def test_malformed_xml_is_refused() -> None:
    with pytest.raises(RejectedInput):
        extract_invoice(ParsedDocument(kind=DocumentKind.EINVOICE, text="<Invoice><unclosed>"))
