"""h-real29's rules from third-party producers (set third31), each worded generally, with text of our own:
amounts in whole units with a dash for the cents ("450,- Kč"), a VAT summary's title and a rounding line under
the rows, a header word its narrow column broke without a hyphen, a return address wrapped by its window, and
the Norwegian "our reference"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.numbers import find_amounts, parse_number


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _rows(result: InvoiceExtraction) -> list[tuple[str | None, Decimal | None]]:
    return [(line.description, line.amount) for line in result.lines]


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("450,-", Decimal("450.00")),
        ("3 120,-", Decimal("3120.00")),
        ("1.480,–", Decimal("1480.00")),
        ("75.–", Decimal("75.00")),
    ],
)
def test_a_dash_where_the_cents_stand_is_a_whole_amount_never_a_minus(printed: str, value: Decimal) -> None:
    assert parse_number(printed) == value
    found = find_amounts(f"Oprava čerpadla  {printed} Kč")
    assert [a.value for a in found] == [value] and found[0].decimals == 2


def test_a_trailing_minus_after_cents_still_reads_negative() -> None:
    assert parse_number("45,00-") == Decimal("-45.00")
    assert parse_number("2,5,-") is None  # (a dash after cents that are no whole figure: nothing)


_WHOLE_UNITS_PAGE = (
    "Kovovýroba Šťastný s.r.o.                        Faktura č.: 2026-0412\n"
    "Nádražní 81, 586 01 Jihlava                      Datum vystavení: 3. 6. 2026\n"
    "IČ: 25517031   DIČ: CZ25517031\n"
    "\n"
    "Odběratel: Pekárna Zlatý klas s.r.o.\n"
    "\n"
    "Popis                         Množství      Cena za jednotku      Celková cena\n"
    "Svařování zábradlí                  2 h               640,- Kč        1 280,- Kč\n"
    "Ocelový profil 40x40                6 ks              212,50 Kč       1 275,00 Kč\n"
    "Doprava na místo                    1                 390,- Kč          390,- Kč\n"
    "\n"
    "Celkem k úhradě:                                                  2 945,00 Kč\n"
)


def test_rows_priced_in_whole_crowns_with_a_dash_are_rows() -> None:
    result = _read(_WHOLE_UNITS_PAGE)
    assert _rows(result) == [
        ("Svařování zábradlí", Decimal("1280.00")),
        ("Ocelový profil 40x40", Decimal("1275.00")),
        ("Doprava na místo", Decimal("390.00")),
    ]
    assert result.total == Decimal("2945.00")


_SUMMARY_TITLE_PAGES = {
    "en": (
        "Fernhill Joinery Ltd                                   Invoice no.: FJ-2291\n"
        "2 Quarry Road, Stroud GL5 1AB                          Date: 12/05/2026\n"
        "\n"
        "Customer: Larkspur Tearooms\n"
        "\n"
        "Description                          Qty      Unit price        Net\n"
        "Oak shelving, fitted                   3          120.00     360.00\n"
        "Call-out visit                         1           45.00      45.00\n"
        "VAT breakdown\n"
        "Rate        VAT        Net\n"
        "20%       81.00     405.00\n"
        "                                          Total due:          486.00\n"
    ),
    "cs": (
        "Zahradnictví Lipová s.r.o.                             Faktura č.: 31-0077\n"
        "Lipová 12, 779 00 Olomouc                              Datum vystavení: 9. 9. 2026\n"
        "\n"
        "Odběratel: Domov seniorů Hvězda\n"
        "\n"
        "Popis                          Množství      Cena za jednotku      Celková cena\n"
        "Výsadba keřů                         14               85,00           1 190,00\n"
        "Mulčovací kůra                        3              410,00           1 230,00\n"
        "Rozpis DPH\n"
        "Sazba      Základ      DPH\n"
        "21 %     2 420,00    508,20\n"
        "                                           Celkem k úhradě:     2 928,20\n"
    ),
}


@pytest.mark.parametrize("language", sorted(_SUMMARY_TITLE_PAGES))
def test_a_vat_summarys_title_under_the_rows_is_no_part_of_the_last_item(language: str) -> None:
    result = _read(_SUMMARY_TITLE_PAGES[language])
    last = result.lines[-1].description or ""
    assert last in ("Call-out visit", "Mulčovací kůra"), last


def test_a_rounding_line_under_the_rows_is_no_item() -> None:
    text = (
        "Instalatérství Brabec                                  Faktura č.: 2026117\n"
        "Tyršova 5, 750 02 Přerov                               Datum vystavení: 2. 3. 2026\n"
        "\n"
        "Odběratel: Mateřská škola Sluníčko\n"
        "\n"
        "Popis                          Množství      Cena za jednotku      Celková cena\n"
        "Výměna baterie                        1              1 349,60           1 349,60\n"
        "Haléřové vyrovnání                                                          0,40\n"
        "Celkem k úhradě:                                                       1 350,00\n"
    )
    result = _read(text)
    assert _rows(result) == [("Výměna baterie", Decimal("1349.60"))]


def test_a_header_word_broken_without_a_hyphen_is_read_whole() -> None:
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.rules.lines import header_columns

    text = (
        "Beschreibung                         Menge      Zwischensumm\n"
        "                                                e\n"
        "Fensterreinigung                         2          180.00 EUR\n"
    )
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    lines = list(document_lines(parsed))
    columns = header_columns(lines[0], (), lines[1:2])
    assert columns is not None
    assert [c.kind for c in columns] == ["col_description", "col_quantity", "col_amount"]


@pytest.mark.parametrize("word", ["Zwischensumme", "Subtotale", "Sous-total"])
def test_a_line_total_column_headed_subtotal_is_the_amount_column(word: str) -> None:
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.rules.lines import header_columns

    text = f"Artikel                          Anzahl      {word}\n"
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    columns = header_columns(next(iter(document_lines(parsed))))
    assert columns is not None and columns[-1].kind == "col_amount"


_WRAPPED_RETURN_PAGE = (
    "Glaserei Hofmeister & Söhne\n"
    "M. Kraus\n"
    "Brunnenweg 27\n"
    "93047 Regensburg\n"
    "\n"
    "Glaserei Hofmeister & Söhne • Brunnenweg\n"
    "27 • 93047 Regensburg\n"
    "Kindertagesstätte Sonnenblume e.V.\n"
    "Am Anger 3\n"
    "93053 Regensburg\n"
    "\n"
    "Rechnung Nr. 2026-318                                      Datum: 14.07.2026\n"
    "\n"
    "Bezeichnung                                                  Betrag\n"
    "Glasbruch ersetzt, Eingangstür                               412,00\n"
    "Gesamtbetrag                                                 412,00\n"
)


def test_a_return_address_wrapped_by_its_window_leaves_the_buyer_under_it() -> None:
    result = _read(_WRAPPED_RETURN_PAGE)
    assert result.buyer.name == "Kindertagesstätte Sonnenblume e.V."
    assert result.vendor.name == "Glaserei Hofmeister & Söhne"


def test_a_return_address_ending_on_its_postcode_wraps_a_town_of_two_words() -> None:
    text = (
        "Vetreria Mancini S.r.l.\n"
        "Via dei Mille 9\n"
        "43121 Parma PR\n"
        "\n"
        "Vetreria Mancini S.r.l. • Via dei Mille 9 • 43121\n"
        "Parma PR\n"
        "Ristorante Il Glicine\n"
        "Piazza Duomo 4\n"
        "42121 Reggio Emilia RE\n"
        "\n"
        "Fattura n. 2026/144                                        Data: 03/04/2026\n"
        "\n"
        "Descrizione                                                  Importo\n"
        "Specchio su misura                                           260,00\n"
        "Totale fattura                                               260,00\n"
    )
    assert _read(text).buyer.name == "Ristorante Il Glicine"


def test_the_norwegian_our_reference_labels_the_number() -> None:
    text = (
        "Blikkenslager Nygård AS                                Faktura\n"
        "Fjordveien 8, 4006 Stavanger\n"
        "\n"
        "Kunde: Sandnes Idrettslag\n"
        "Vår ref.:  2026-0931                                   Dato: 05.05.2026\n"
        "\n"
        "Beskrivelse                                                  Beløp\n"
        "Takrenner, montering                                      8 400,00\n"
        "Å betale                                                  8 400,00\n"
    )
    assert _read(text).invoice_number == "2026-0931"
