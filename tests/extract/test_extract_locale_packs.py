"""GIVEN the locale packs (one data file per language) WHEN they are loaded and read THEN every pack
carries the conventions the engine asks for, a label is never a value, and dates the engine's own
reader misses are read by the dateparser fallback."""

from datetime import date

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.dates import compact_date, find_dates, parse_date_fallback
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lexicon import (
    LANGUAGES,
    find_labels,
    guess_language,
    is_label_text,
    locale_pack,
    word_pattern,
)
from opsloop.extract.rules.parties import choose_buyer_name, choose_vendor_name

REQUIRED = ("en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs")
HEADLINE_KINDS = ("invoice_number", "invoice_date", "due_date", "total", "subtotal", "tax", "buyer_section")
WORD_CLASSES = (
    "legal_forms",
    "receipt_words",
    "street_words",
    "instruction_words",
    "iban_labels",
    "courtesy",
    "registration_labels",
    "legal_mentions",
    "former_name_labels",
    "name_connectors",
    "business_words",
)


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize("language", REQUIRED)
def test_every_required_locale_pack_holds_labels_formats_months_and_word_classes(language: str) -> None:
    # GIVEN a required language WHEN its pack is loaded
    assert language in LANGUAGES
    pack = locale_pack(language)
    # THEN it names the headline labels, its number format, date order, month names and word classes
    for kind in HEADLINE_KINDS:
        assert pack["labels"].get(kind), f"{language}: no {kind} labels"
    assert pack["number"]["decimal"] in (",", ".")
    assert pack["date_order"] in ("DMY", "MDY", "YMD")
    assert len(pack["months"]) >= 12
    for name in WORD_CLASSES:
        assert pack["words"].get(name), f"{language}: no {name}"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Fatura n.º 12 data de emissão valor total iva pagamento", "pt"),
        ("Faktura fakturadatum förfallodatum att betala moms summa", "sv"),
        ("Faktura fakturadato forfaldsdato beløb moms i alt at betale", "da"),
        ("Faktura datum vystavení splatnosti celkem k úhradě dph", "cs"),
    ],
)
def test_the_language_of_a_new_pack_is_guessed(text: str, language: str) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize(
    "label", ["Scadenza", "Factuurdatum:", "Rechnungsnummer", "Bill to", "Total EUR", "Nº factura:"]
)
def test_a_label_alone_is_label_text(label: str) -> None:
    assert is_label_text(label)


@pytest.mark.parametrize("name", ["Rossi Arredamenti S.r.l.", "Bakker Techniek B.V.", "Acme Tools Ltd"])
def test_a_company_name_is_not_label_text(name: str) -> None:
    assert not is_label_text(name)


@pytest.mark.parametrize("number", ["INV-008517", "REF-2026-07833", "FAK/2026/14"])
def test_an_id_whose_letters_look_like_a_currency_code_is_not_label_text(number: str) -> None:
    # "INV", "REF", "FAK" are no currency beside a label: they belong to the number
    assert not is_label_text(number)


def test_vendor_is_never_a_label_word() -> None:
    # GIVEN a page whose first line is a lone label above the sender block
    text = "Scadenza\nFactuurdatum\nRossi Arredamenti\nVia Roma 12\n20100 Milano\n"
    # WHEN the vendor is chosen THEN no label is taken for it
    name, _, _ = choose_vendor_name(document_lines(_doc(text)), set(), set())
    assert name not in ("Scadenza", "Factuurdatum")


def test_buyer_is_never_a_label_word() -> None:
    # GIVEN a buyer heading whose next line is another label
    text = "Bill to:\nInvoice date\nHarbour Foods Ltd\n"
    buyer, _ = choose_buyer_name(document_lines(_doc(text)))
    assert buyer != "Invoice date"


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Nº factura: A-2024-0193", "A-2024-0193"),
        ("N° de factura: 7781", "7781"),
        ("Fatura Nº FT 2024/55", "FT 2024/55"),
        ("Rechnung Nr. 4711", "4711"),
        ("Invoice No. INV-0042", "INV-0042"),
        ("Invoice # 1042", "1042"),
        ("Factuurnummer: F-2024-77", "F-2024-77"),
        ("Fakturanummer 100234", "100234"),
        ("Číslo faktury: 2024001", "2024001"),
    ],
)
def test_number_labels_of_every_locale_read_the_invoice_number(line: str, number: str) -> None:
    # GIVEN a number label as some locale prints it WHEN the page is read THEN the id after it is the number
    result = _extract(f"Example Supplies\n{line}\nTotal 10,00\n")
    assert (result.invoice_number or "").replace(" ", "") == number.replace(" ", "")


def test_a_due_date_label_does_not_read_the_date_of_the_next_label_on_its_line() -> None:
    # GIVEN a due-date label with no value of its own, another date label and its value further right
    result = _extract("Scadenza                                    Data fattura: 03/04/2024\nTotale 10,00\n")
    # WHEN dates are read THEN the date is the invoice date's, not the due date's
    assert result.invoice_date == date(2024, 4, 3)
    assert result.due_date is None


def test_a_date_the_engines_reader_misses_is_read_by_the_dateparser_fallback() -> None:
    # GIVEN a date written as words the engine's own reader does not know ("5th of March 2024")
    assert find_dates("5th of March 2024") == []
    # WHEN the labelled value is read THEN the fallback reads it, in the document's language
    assert parse_date_fallback("5th of March 2024", language="en", day_first=True) == date(2024, 3, 5)
    result = _extract("Example Store Ltd\nInvoice date: 5th of March 2024\nTotal 10.00 GBP\n")
    assert result.invoice_date == date(2024, 3, 5)


def test_a_month_name_joined_by_hyphens_or_slashes_is_read_by_the_engine() -> None:
    # GIVEN day, month name and year joined by hyphens or slashes ("05-Dez-2024", "3/Oct/25")
    # WHEN the engine's reader reads them THEN each is one date
    assert [d.value for d in find_dates("05-Dez-2024")] == [date(2024, 12, 5)]
    assert [d.value for d in find_dates("Dated 3/Oct/25")] == [date(2025, 10, 3)]
    # AND a code with a word between numbers that is no month is no date
    assert find_dates("Lot 12-ABC-2025") == []


def test_romance_dates_with_de_are_read_by_the_engine() -> None:
    assert [d.value for d in find_dates("14 de abril de 2023")] == [date(2023, 4, 14)]
    assert [d.value for d in find_dates("22 de septiembre del 2023")] == [date(2023, 9, 22)]


def test_a_date_never_spans_a_column_gap() -> None:
    # GIVEN an id ending in two digits, a column gap, then a US date
    found = find_dates("RE-55262/25                     Sep 07, 2025", day_first=False)
    assert [d.value for d in found] == [date(2025, 9, 7)]


def test_a_compact_year_first_date_after_a_swedish_label_is_read() -> None:
    result = _extract(
        "Exempel AB\nFakturadatum:        250331\nFörfallodatum:       250407\nAtt betala 100,00 kr\n"
    )
    assert (result.invoice_date, result.due_date) == (date(2025, 3, 31), date(2025, 4, 7))
    assert compact_date("250231") is None  # no 31 February


def test_the_dateparser_fallback_never_invents_a_date_from_words_or_partial_dates() -> None:
    assert parse_date_fallback("Factuur 12", language="nl", day_first=True) is None
    assert parse_date_fallback("März 2024", language="de", day_first=True) is None  # no day printed
    assert parse_date_fallback("", language="en", day_first=True) is None


def test_a_word_class_matches_whole_words_only() -> None:
    legal = word_pattern("legal_forms")
    assert legal.search("Muster GmbH") and legal.search("Kedai Maju Sdn Bhd")
    assert not legal.search("Agenda")  # "ag" inside a word is no legal form


def test_labels_of_a_new_pack_are_found() -> None:
    assert find_labels("due_date", "Förfallodatum: 2024-05-31")
    assert find_labels("total", "Celkem k úhradě 1 210,00 Kč")
    assert find_labels("invoice_date", "Data de emissão: 12/03/2024")


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("No.                        R2025022", "R2025022"),
        ("N.                           118/2025", "118/2025"),
        ("Rachunek nr               F2024-09", "F2024-09"),
    ],
)
def test_a_bare_number_label_opening_its_cell_reads_the_invoice_number(line: str, number: str) -> None:
    text = f"Acme Trading Ltd\n12 High Street\n{line}\nTotal   12.00\n"
    assert extract_rules(_doc(text)).invoice_number == number


def test_a_bare_no_inside_another_label_reads_no_invoice_number() -> None:
    text = "Acme Trading Ltd\n12 High Street\nTel. No.     0123 4567\nTotal   12.00\n"
    assert extract_rules(_doc(text)).invoice_number is None
