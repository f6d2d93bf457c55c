"""GIVEN an invoice whose number is labelled as the document's number in its own language ("Bilagsnr.",
"Nr dokumentu", "Número do documento", "Dokumentnummer", "Tositenumero") WHEN the rules engine reads
the page THEN that value is the invoice number, not a customer or contract number beside it."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _number(text: str) -> str | None:
    page = PageText(number=1, text=text)
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[page])).invoice_number


CASES = [
    ("Faktura", "Bilagsnr.", "Kundenr.", "Beløb at betale", "1.250,00 DKK"),
    ("Faktura", "Dokumentnummer", "Kundenummer", "Å betale", "980,00 NOK"),
    ("Faktura", "Bilagsnummer", "Kundnummer", "Att betala", "2 400,00 SEK"),
    ("Faktura", "Dokumentnr.", "Kundnr.", "Att betala", "610,00 SEK"),
    ("Faktura VAT", "Nr dokumentu", "Nr klienta", "Do zapłaty", "1 845,00 PLN"),
    ("Faktura VAT", "Numer dokumentu", "Nr umowy", "Do zapłaty", "312,50 PLN"),
    ("Fatura", "Número do documento", "N.º de cliente", "Total a pagar", "415,80 EUR"),
    ("Factuur", "Documentnummer", "Klantnummer", "Te betalen", "77,44 EUR"),
    ("Rechnung", "Dokumentnummer", "Kundennummer", "Zahlbetrag", "1.904,00 EUR"),
    ("Lasku", "Tositenumero", "Asiakasnumero", "Maksettava", "260,40 EUR"),
]


@pytest.mark.parametrize(("title", "label", "other", "due_label", "amount"), CASES)
def test_the_document_number_label_names_the_invoice_number(
    title: str, label: str, other: str, due_label: str, amount: str
) -> None:
    text = (
        "Nordlys Energi A/S\n"
        "Havnegade 12, 8000 Aarhus C\n"
        f"{title}\n"
        f"{other:<28}553018\n"
        f"{label:<28}KV-2025-88107\n"
        "03.06.2025\n"
        f"{due_label:<40}{amount}\n"
    )
    assert _number(text) == "KV-2025-88107"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fattura n                         2025-0087", "2025-0087"),  # "n" with no stop, set apart
        ("Fattura n: 2025-0088", "2025-0088"),
        ("FAKTURA VAT 2026-0079", "2026-0079"),  # Poland's title of a VAT invoice before its number
        ("Faktura VAT FV/2026/114", "FV/2026/114"),
        ("Rectificativa n.º                       2026.319", "2026.319"),  # "n.º" with its stop
    ],
)
def test_a_titles_number_label_written_short(line: str, expected: str) -> None:
    text = (
        "Sirio Servizi S.r.l.\n"
        "Corso Italia 90\n"
        "40121 Bologna\n\n"
        f"{line}\n"
        "Data: 25/02/2025\n\n"
        "Totale                                  EUR 1.250,00\n"
    )
    assert _number(text) == expected


def test_a_title_label_closing_on_optional_words_reads_no_postcode_a_column_away() -> None:
    # GIVEN a Czech title whose number label may close on "č." ("Faktura - daňový doklad č."), printed
    # alone with the seller's postcode and town a column away on its line, the number labelled under it
    text = (
        "     Krkonoše Outdoor a.s.\n"
        "                                                                          Krkonoše Outdoor a.s.\n"
        "                                                                          Husova 32\n"
        "   Faktura - daňový doklad                                                460 01 Liberec\n"
        "                                                                          DIČ: CZ60043369\n"
        "     Číslo objednávky                       #69583\n"
        "     Číslo dokladu                          R29805537\n"
        "     Datum                                  2. 10. 2025\n"
        "   Odběratel\n"
        "   Tereza Němcová\n"
        "     Položka                          Množství          Cena          Celkem\n"
        "     Stolní lampa                            3      120,95 Kč       362,85 Kč\n"
        "                                                      Celkem        362,85 Kč\n"
    )
    # THEN the postcode is no number: the labelled one is
    assert _number(text) == "R29805537"
