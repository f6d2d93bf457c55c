"""Rebuilding layout text from word boxes, confidences, and OCR's availability: no Tesseract needed."""

from __future__ import annotations

import math
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import FieldEvidence, InvoiceExtraction
from opsloop.extract.rules.layout import split_cells
from opsloop.ocr import (
    OcrCalibration,
    OcrWord,
    discount_ocr_fields,
    layout_text,
    load_calibration,
    mean_confidence,
    needs_ocr,
    ocr_status,
    parse_tsv,
    read_scan,
)
from opsloop.settings import OcrSettings, Settings

CHAR = 20
"""Pixels per character in the synthetic pages (a 300 dpi scan of 10 pt text is about that)."""


def _words(line: int, top: int, *cells: tuple[int, str], block: int = 1, conf: float = 95.0) -> list[OcrWord]:
    """Words of one line: each cell starts at a character column and its words are one space apart."""
    words: list[OcrWord] = []
    for column, text in cells:
        left = column * CHAR
        for token in text.split(" "):
            words.append(
                OcrWord(token, left, top, len(token) * CHAR, 40, conf, block=block, paragraph=1, line=line)
            )
            left += (len(token) + 1) * CHAR
    return words


def test_words_one_space_apart_stay_one_cell_and_wide_gaps_separate_cells() -> None:
    # GIVEN a table row: description words one space apart, then quantity and amount far to the right
    words = _words(1, 100, (0, "Karteikarten A6 80 g"), (40, "200"), (60, "770,00"))
    # WHEN the page is rebuilt
    text = layout_text(words)
    # THEN the rules engine's cell splitter sees three cells with the words as printed
    assert [c.text for c in split_cells(text)] == ["Karteikarten A6 80 g", "200", "770,00"]


def test_columns_line_up_across_lines_at_their_x_position() -> None:
    # GIVEN a header line and a row whose cells start under the header's columns
    words = _words(1, 100, (0, "Pos."), (10, "Bezeichnung"), (40, "Menge"), (55, "Gesamt"))
    words += _words(2, 160, (0, "1"), (10, "Ordner A4"), (40, "60"), (55, "141,00"))
    # WHEN rebuilt
    header, row = layout_text(words).splitlines()
    # THEN each cell starts at the same character column as the header cell above it
    assert [c.start for c in split_cells(header)] == [c.start for c in split_cells(row)] == [0, 10, 40, 55]


def test_lines_of_two_blocks_at_the_same_height_become_one_line_in_reading_order() -> None:
    # GIVEN Tesseract cut one row into two blocks (address left, label and value right), listed out of order
    right = _words(1, 205, (50, "Rechnungsnummer:"), (75, "RE-2026-0412"), block=2)
    left = _words(1, 200, (0, "Nordwind Handels GmbH"), block=1)
    below = _words(2, 260, (0, "Hafenstraße 7"), block=1)
    # WHEN rebuilt
    lines = layout_text(right + below + left).splitlines()
    # THEN the row is one line, left to right, above the next line
    assert [c.text for c in split_cells(lines[0])] == [
        "Nordwind Handels GmbH",
        "Rechnungsnummer:",
        "RE-2026-0412",
    ]
    assert lines[1].strip() == "Hafenstraße 7"


def test_a_wide_vertical_gap_becomes_an_empty_line_and_the_left_margin_is_dropped() -> None:
    # GIVEN two lines far apart, both indented by a page margin of 10 characters
    words = _words(1, 100, (10, "Nettobetrag"), (30, "1.215,97")) + _words(2, 400, (10, "Zahlbar bis"))
    # WHEN rebuilt
    text = layout_text(words)
    # THEN the margin is gone and a paragraph break separates the lines
    assert text.splitlines() == ["Nettobetrag" + " " * 9 + "1.215,97", "", "Zahlbar bis"]


def test_no_words_is_no_text() -> None:
    assert layout_text([]) == ""
    assert mean_confidence([]) is None


def test_tsv_rows_become_words_and_other_levels_or_broken_rows_are_skipped() -> None:
    # GIVEN Tesseract's TSV with a page row, a line row, two words, an empty word and a broken row
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t",
        "4\t1\t1\t1\t1\t0\t251\t195\t882\t51\t-1\t",
        "5\t1\t1\t1\t1\t1\t251\t195\t259\t51\t93.5\tSchmidt",
        "5\t1\t1\t1\t1\t2\t535\t196\t384\t49\t88.5\tGmbH",
        "5\t1\t1\t1\t1\t3\t940\t196\t10\t50\t95.0\t ",
        "5\t1\t1\t1\t1\tx\tbad\t196\t10\t50\t95.0\tBroken",
    ]
    # WHEN parsed
    words = parse_tsv("\n".join([header, *rows]))
    # THEN only the two real words remain, with their boxes, lines and confidences
    assert [(w.text, w.left, w.width, w.line, w.confidence) for w in words] == [
        ("Schmidt", 251, 259, 1, 93.5),
        ("GmbH", 535, 384, 1, 88.5),
    ]
    assert mean_confidence(words) == 0.91
    assert parse_tsv("") == [] and parse_tsv("no\theader") == []


def _extraction() -> InvoiceExtraction:
    return InvoiceExtraction(
        extraction_method="rules",
        invoice_number="RE-1",
        total=Decimal("10.00"),
        fields={
            "invoice_number": FieldEvidence(confidence=0.9, page=1, text="RE-1"),
            "total": FieldEvidence(confidence=0.8, page=2, text="10,00", reason="largest amount"),
            "due_date": FieldEvidence(confidence=0.0, reason="not found"),
            "currency": FieldEvidence(confidence=0.5),
        },
    )


def test_fields_read_by_ocr_lose_confidence_by_their_page_confidence() -> None:
    # GIVEN an extraction from a document whose two pages were OCR'd with different confidence
    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[
            PageText(number=1, text="a", source="ocr", ocr_confidence=1.0),
            PageText(number=2, text="b", source="ocr", ocr_confidence=0.5),
        ],
    )
    # WHEN discounted by the fixed discount (a reading mode the OCR calibration holds no map for)
    result = discount_ocr_fields(_extraction(), parsed, OcrCalibration({}))
    # THEN each field is scaled by its own page; a field without a page by the document's mean
    assert result.fields["invoice_number"].confidence == 0.81
    assert result.fields["total"].confidence == 0.36
    assert result.fields["currency"].confidence == 0.3375
    # AND a missing field stays at zero with its reason; found ones say they were read by OCR
    assert result.fields["due_date"].confidence == 0.0 and result.fields["due_date"].reason == "not found"
    assert result.fields["invoice_number"].reason == "read by OCR (page confidence 1.00)"
    assert result.fields["total"].reason == "largest amount"
    assert result.extraction_method == "ocr+rules"


def test_a_fields_ocr_confidence_is_its_fitted_map_by_reading_mode_and_field() -> None:
    # GIVEN maps for both reading modes: an OCR layer's totals are surer than its other fields, and own
    # OCR's readings follow their page's word confidence
    layer_total, layer_other = (1.0, -0.5, 0.0), (1.0, -2.0, 0.0)
    own = (1.0, 0.0, 1.0)
    calibration = OcrCalibration({"ocr_layer": (layer_other, {"total": layer_total}), "ocr": (own, {})})
    layer = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text="a", source="ocr_layer") for n in (1, 2)]
    )
    # WHEN an extraction read from the OCR layer is adjusted
    result = discount_ocr_fields(_extraction(), layer, calibration)
    # THEN each field gets its own map's probability (the logistic of a*logit(c) + b), the total its own
    expected_number = 1 / (1 + (0.1 / 0.9) * math.exp(2.0))
    expected_total = 1 / (1 + (0.2 / 0.8) * math.exp(0.5))
    assert result.fields["invoice_number"].confidence == round(expected_number, 4)
    assert result.fields["total"].confidence == round(expected_total, 4)
    assert result.fields["due_date"].confidence == 0.0
    # AND own OCR's page of word confidence 0.5 (logit 0) leaves a reading as it was, one of 0.2 lowers it
    for word_confidence, factor in ((0.5, 1.0), (0.2, 0.25)):
        pages = [PageText(number=n, text="a", source="ocr", ocr_confidence=word_confidence) for n in (1, 2)]
        parsed = ParsedDocument(kind=DocumentKind.PDF, pages=pages)
        number = discount_ocr_fields(_extraction(), parsed, calibration).fields["invoice_number"]
        assert number.confidence == round(1 / (1 + (0.1 / 0.9) / factor), 4)


def test_an_ocr_map_never_makes_a_reading_surer_and_a_text_layer_page_keeps_its_own() -> None:
    # GIVEN a map that would raise every reading, and a document whose page 2 has a text layer
    calibration = OcrCalibration({"ocr_layer": ((1.0, 3.0, 0.0), {}), "ocr": ((1.0, 3.0, 0.0), {})})
    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[PageText(number=1, text="a", source="ocr_layer"), PageText(number=2, text="b")],
    )
    result = discount_ocr_fields(_extraction(), parsed, calibration)
    # THEN the OCR'd reading stays at what the text layer gave it, and the text-layer page's total is as read
    assert result.fields["invoice_number"].confidence == 0.9
    assert result.fields["total"].confidence == 0.8 and result.fields["total"].reason == "largest amount"


def test_the_shipped_ocr_calibration_holds_a_fitted_map_per_reading_mode() -> None:
    import json
    from importlib import resources

    shipped = json.loads((resources.files("opsloop.ocr") / "ocr_calibration.json").read_text("utf-8"))
    calibration = load_calibration()
    for mode in ("ocr_layer", "ocr"):
        assert shipped["trained_on"][mode] > 0
        default, maps = calibration.modes[mode]
        assert default != (1.0, 0.0, 0.0) and {"total", "invoice_number", "vendor.name"} <= set(maps)


def test_a_text_layer_document_keeps_its_confidences() -> None:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="Invoice RE-1")])
    result = discount_ocr_fields(_extraction(), parsed)
    assert result == _extraction()


def test_ocr_switched_off_or_missing_says_what_to_do_and_leaves_the_scan_waiting() -> None:
    # GIVEN OCR switched off, and a Tesseract command that does not exist
    off = ocr_status(OcrSettings(enabled=False))
    missing = ocr_status(OcrSettings(command="opsloop-no-such-tesseract"))
    # THEN neither is available, and the reasons say how to change that
    assert not off.available and "OPSLOOP_OCR__ENABLED" in off.reason
    assert not missing.available and "apt-get install tesseract-ocr" in missing.reason
    # AND a scan read with it comes back unchanged, with the reason
    scan = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="  ")])
    assert needs_ocr(scan)
    reading = read_scan(scan, b"%PDF-1.4 not read", Settings(ocr=OcrSettings(command="opsloop-no-such")))
    assert not reading.read and reading.parsed == scan
    assert "install Tesseract" in reading.note


def test_a_pdf_with_text_or_an_einvoice_needs_no_ocr() -> None:
    text = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="Invoice")])
    xml = ParsedDocument(kind=DocumentKind.EINVOICE, text="<Invoice/>")
    assert not needs_ocr(text) and not needs_ocr(xml)


def test_scanning_noise_is_left_out_and_table_rules_are_stripped_from_words() -> None:
    # GIVEN a row with dust, a table rule glued to a code, a bracket after a price, and a percent sign
    words = _words(1, 100, (0, "| |BT-1003 ."), (20, "Ordner"), (40, "2,35]"), (50, "19 %"), (60, "_ :"))
    # WHEN rebuilt
    text = layout_text(words)
    # THEN only the readings remain, the percent sign kept
    assert [c.text for c in split_cells(text)] == ["BT-1003", "Ordner", "2,35", "19 %"]


def test_a_heading_in_large_type_keeps_its_words_in_one_cell() -> None:
    # GIVEN body text at 20 px per character and a heading at twice that, its words 40 px apart (two body characters)
    body = _words(2, 200, (0, "Industriering 48"), (30, "33602 Bielefeld"))
    heading = [
        OcrWord("Müller", 0, 100, 240, 80, 90.0, block=1, paragraph=1, line=1),
        OcrWord("&", 280, 100, 40, 80, 90.0, block=1, paragraph=1, line=1),
        OcrWord("Söhne", 360, 100, 200, 80, 90.0, block=1, paragraph=1, line=1),
    ]
    # WHEN rebuilt
    first, second = layout_text(heading + body).splitlines()
    # THEN the heading is one cell (its gaps are narrow for its size), the body keeps its two cells
    assert [c.text for c in split_cells(first)] == ["Müller & Söhne"]
    assert [c.text for c in split_cells(second)] == ["Industriering 48", "33602 Bielefeld"]


def test_a_field_over_a_doubtful_ocr_word_is_less_sure_than_one_over_clear_words() -> None:
    from opsloop.domain.documents import Word
    from opsloop.ocr.confidence import words_confidence

    # GIVEN an OCR'd page (mean confidence 0.9) where the number's word was read surely and the total's
    # second word was a guess, and a map that weighs the lowest word confidence under a field
    words = [
        Word(text="AB-7", x0=10, y0=10, x1=40, y1=20, page=1, confidence=0.97),
        Word(text="12", x0=100, y0=50, x1=120, y1=60, page=1, confidence=0.95),
        Word(text="34", x0=125, y0=50, x1=140, y1=60, page=1, confidence=0.2),
    ]
    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[PageText(number=1, text="a", source="ocr", ocr_confidence=0.9, words=words)],
    )
    extraction = InvoiceExtraction(
        extraction_method="rules",
        fields={
            "invoice_number": FieldEvidence(confidence=0.95, page=1, bbox=[8, 8, 42, 22]),
            "total": FieldEvidence(confidence=0.95, page=1, bbox=[98, 48, 142, 62]),
            "currency": FieldEvidence(confidence=0.95, page=1),
        },
    )
    calibration = OcrCalibration.parse(
        {"format": 1, "modes": {"ocr": {"default": [1.0, 0.0, 0.0, 1.0], "fields": {}}}}
    )
    # WHEN the fields are discounted
    result = discount_ocr_fields(extraction, parsed, calibration)
    # THEN each field reads the lowest confidence of the words under its box (none: the page's)
    assert words_confidence(parsed, 1, [98, 48, 142, 62]) == 0.2
    assert words_confidence(parsed, 1, [300, 300, 310, 310]) is None
    number, total = result.fields["invoice_number"].confidence, result.fields["total"].confidence
    assert total < 0.85 < number
    assert result.fields["currency"].confidence == round(calibration.probability("ocr", "x", 0.95, 0.9), 4)
    # AND a map of three weights (fitted before the words were read) leaves them out
    older = OcrCalibration.parse({"format": 1, "modes": {"ocr": {"default": [1.0, 0.0, 0.5], "fields": {}}}})
    assert older.probability("ocr", "total", 0.95, 0.9, 0.2) == older.probability("ocr", "total", 0.95, 0.9)
