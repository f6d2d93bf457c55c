"""GIVEN the reader's plain-text fallback, the label search's prefilter, title dates and sender
addresses WHEN a document is read and extracted THEN each mechanism decides as intended."""

import io

from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf


def _pdf_with_text_in_a_form_xobject(text: bytes) -> bytes:
    """A one-page PDF whose only text sits inside a form XObject (pypdf's layout mode reads none)."""
    form = b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET"
    content = b"q /Xf1 Do Q"
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /XObject << /Xf1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842]"
        b" /Resources << /Font << /F1 6 0 R >> >> /Length %d >>\nstream\n"
        % len(form)
        + form
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref))
    return out.getvalue()


def test_a_page_layout_mode_reads_empty_falls_back_to_the_plain_text() -> None:
    # GIVEN a PDF whose text lives in a form XObject that pypdf's layout mode returns empty for
    data = _pdf_with_text_in_a_form_xobject(b"Invoice No: A-17  Total EUR 12,50")
    # WHEN it is read
    parsed = read_pdf(data)
    # THEN the page is not mistaken for a scan: the plain reading order supplies the text
    assert parsed.has_text_layer
    assert "Invoice No: A-17" in parsed.pages[0].text
    result = extract_invoice(parsed, text_only=True)
    assert result.invoice_number == "A-17"


def test_the_openings_of_a_label_pattern_are_its_possible_first_characters() -> None:
    # GIVEN label patterns with optional parts and a whitespace class after the first letter
    from opsloop.extract.rules.lexicon import _PREFIX_LENGTH, _openings_of

    # WHEN their openings are worked out THEN each way a match can begin is listed, no more, up to
    # _PREFIX_LENGTH characters, white space (\s) told as one plain space
    spaced = {"d" + " " * gap + "x" for gap in range(_PREFIX_LENGTH - 1)} | {"d" + " " * (_PREFIX_LENGTH - 1)}
    assert _openings_of(("ab?c", r"d\s*x")) == frozenset({"abc", "ac", *spaced})
    assert _openings_of((r"bill\s+to",)) == frozenset({"bill to", "bill  to", "bill   t", "bill    "})
    assert _openings_of(("Nr\\.",)) == frozenset({"nr."})
    assert _openings_of(("No",)) == frozenset({"no"})
    # a pattern that may match nothing tells nothing: every line is searched
    assert _openings_of(("x?",)) is None


def test_a_line_no_label_can_open_on_is_ruled_out_without_a_regex_search(monkeypatch: object) -> None:
    import pytest

    from opsloop.extract.rules import lexicon

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    # GIVEN the kind's full search made to fail loudly
    lexicon._find_labels.cache_clear()
    lexicon._candidate_kinds.cache_clear()

    def _no_search(kind: str) -> object:
        raise AssertionError(f"searched for {kind}")

    def _no_part_search(kind: str, index: int) -> object:
        raise AssertionError(f"searched for {kind} ({index})")

    monkeypatch.setattr(lexicon, "_prefilter", _no_search)
    monkeypatch.setattr(lexicon, "_part_prefilter", _no_part_search)
    # WHEN a line of numbers only is asked for totals THEN the answer comes from the openings alone
    assert lexicon.find_labels("total", "  12 345,00    17.50   3 x 4") == []
    monkeypatch.undo()
    lexicon._find_labels.cache_clear()
    # AND a line that does hold the label still finds it, and not inside a longer word
    assert [h.text for h in lexicon.find_labels("total", "Gesamtbetrag   12,00")] == ["Gesamtbetrag"]
    assert lexicon.find_labels("invoice_title", "Vorrechnungsbeispiel 12") == []


def test_only_the_head_and_footer_of_page_one_are_scored_for_the_vendor_name() -> None:
    from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.rules.parties import choose_vendor_name

    # GIVEN a long first page: a company name amid the line items, another in the legal footer
    body = [f"  {n:>3}   Schraube M{n}        4 Stk     {n},50" for n in range(70)]
    body[45] = "  Mitte Handels GmbH"
    body.append("  Fuss Werkzeuge GmbH   Geschäftsführer: A. Beispiel")
    lines = document_lines(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="\n".join(body))])
    )
    # WHEN the vendor is chosen THEN the footer's name wins; the middle of the page is not read
    name, _, _ = choose_vendor_name(lines, set(), set())
    assert name == "Fuss Werkzeuge GmbH"


def test_a_text_only_reader_skips_the_attachments() -> None:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    # GIVEN a PDF that carries a CII e-invoice as an attachment
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "Invoice No: A-17")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.add_attachment("factur-x.xml", b"<rsm:CrossIndustryInvoice xmlns:rsm='urn:x'/>")
    buffer = io.BytesIO()
    writer.write(buffer)
    # WHEN it is read with and without attachments
    full = read_pdf(buffer.getvalue())
    text_only = read_pdf(buffer.getvalue(), attachments=False)
    # THEN both have the text, only the full read has the e-invoice
    assert [e.name for e in full.embedded] == ["factur-x.xml"]
    assert text_only.embedded == []
    assert "A-17" in text_only.pages[0].text


def _extract_text(text: str) -> object:
    from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument

    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, text_only=True)


def test_a_hyphenated_document_date_beats_delivery_dates_and_a_far_number_label() -> None:
    # GIVEN a header block of dates with hyphenated German labels, and a certificate number label
    # in another column of the delivery-note line
    text = (
        "Muster Mühle GmbH                                         Beleg-Datum        : 12.03.2021\n"
        "Am Bach 3  12345 Dorf                                     Leistungs-Datum    : 10.03.2021\n"
        "Zert-Kontr-Nr.: 0815                                      Lieferschein-Datum : 09.03.2021\n"
        "                                                          Bestell-Datum      : 01.03.2021\n"
        "Rechnung Nr. 2021-77\n"
        "Gesamtbetrag EUR 119,00\n"
    )
    # WHEN it is extracted THEN the document date is the invoice date
    result = _extract_text(text)
    assert str(result.invoice_date) == "2021-03-12"  # type: ignore[attr-defined]


def test_a_number_label_just_before_the_date_still_marks_the_title_date() -> None:
    # GIVEN the title line "Rechnung Nr. 4711 vom <date>" and a delivery date above it
    text = "Lieferdatum: 02.05.2020\nRechnung Nr. 4711 vom 05.05.2020\nGesamtbetrag EUR 10,00\n"
    # WHEN it is extracted THEN the title's date is the invoice date
    assert str(_extract_text(text).invoice_date) == "2020-05-05"  # type: ignore[attr-defined]


def _lines_of(text: str) -> list[object]:
    from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
    from opsloop.extract.rules.layout import document_lines

    return list(document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])))


def test_the_vendor_address_is_the_block_under_its_name_down_to_the_postcode_and_town() -> None:
    # GIVEN a sender block (name, street with a layout gap, postcode and town) beside a buyer block
    text = (
        "Verkäufer:                                   Käufer:\n"
        "Hammer Werkzeuge GmbH                        Kunde AG\n"
        "Schmiedeweg     7                            Kundenplatz 1\n"
        "DE 54321 Eisenstadt                          60311 Frankfurt\n"
        "Rechnung Nr. 88 vom 02.02.2022\n"
        "Gesamtbetrag EUR 11,90\n"
    )
    # WHEN it is extracted THEN the address is the seller's lines, joined
    result = _extract_text(text)
    assert result.vendor.name == "Hammer Werkzeuge GmbH"  # type: ignore[attr-defined]
    assert result.vendor.address == "Schmiedeweg 7, DE 54321 Eisenstadt"  # type: ignore[attr-defined]


def test_no_address_is_guessed_when_no_postcode_line_closes_the_block() -> None:
    # GIVEN a seller's name followed by contact lines only
    text = "Hammer Werkzeuge GmbH\nSchmiedeweg 7\nTel. 0123 4567\nRechnung Nr. 88\nGesamtbetrag EUR 11,90\n"
    # WHEN it is extracted THEN the address stays empty, with the reason
    result = _extract_text(text)
    assert result.vendor.address is None  # type: ignore[attr-defined]
    assert "postcode" in (result.fields["vendor.address"].reason or "")  # type: ignore[attr-defined]
