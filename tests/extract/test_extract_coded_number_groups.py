"""GIVEN an invoice number printed as a series code with its year glued on and the sequence apart ("RE26 3510")
WHEN the number is read THEN it is the whole cell, not the code alone ("RE26"), which would make every invoice
of the year one number and no re-sent copy a duplicate (evals/decisions6: a paid invoice re-sent as "RE26 3510"
was read as "RE26" and paid again); a date beside the label stays no number."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _number(cell: str) -> str | None:
    text = (
        "Weidmann Industriebedarf GmbH\n"
        "Kanalstraße 116 · 28195 Bremen\n"
        "\n"
        "Nordlicht Gerätebau GmbH                          Rechnungs-Nr.:   " + cell + "\n"
        "Hafenstraße 12                                    Datum:           14.11.2026\n"
        "20457 Hamburg\n"
        "Rechnung\n"
        "Pos. Artikel Bezeichnung                     Menge     Preis      Gesamt\n"
        "1    04560   Bohrer HSS 8 mm                   260      3,20      832,00\n"
        "                                    Summe netto          832,00 EUR\n"
        "                                    zzgl. 19 % MwSt.     158,08 EUR\n"
        "                                    Rechnungsbetrag      990,08 EUR\n"
    )
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(parsed).invoice_number


def test_a_code_with_its_year_and_the_sequence_apart_is_one_number() -> None:
    assert _number("RE26 3510") == "RE26 3510"
    assert _number("INV2026 00042") == "INV2026 00042"


def test_numbers_printed_otherwise_read_as_before() -> None:
    assert _number("RE26-03510") == "RE26-03510"
    assert _number("RE 2026 0042") == "RE 2026 0042"
    assert _number("RE26/3510") == "RE26/3510"
