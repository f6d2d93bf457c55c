"""GIVEN Nordic invoices WHEN the rules engine reads their dates THEN a Swedish compact date (ÅÅMMDD)
under its label is read, the title's "Faktura <nr> den <date>" gives the invoice date in Swedish,
Danish and Norwegian, and six digits under a label of a day-first language stay no date."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_swedish_compact_date_under_its_label_is_the_invoice_date() -> None:
    # GIVEN a Swedish row of fields with the dates printed ÅÅMMDD under their labels
    text = (
        "Norrsken Verktyg AB\n"
        "Datum                 Fakturanr.            Kundnr               Förfallodag\n"
        "260211                F-2231                K-118                260313\n"
        "Faktura\n"
        "Att betala:                                                       1 250,00 kr\n"
    )
    # WHEN extracted THEN both dates are read
    result = _extract(text)
    assert result.invoice_date == date(2026, 2, 11)
    assert result.due_date == date(2026, 3, 13)


def test_the_title_date_after_den_is_the_invoice_date() -> None:
    # GIVEN titles "Faktura <number> den <date>" in Swedish (compact), Danish and Norwegian
    for head, title, foot in (
        ("Fjällbacka Trä AB", "Faktura R-7710 den 260117", "Att betala senast:      4 500,00 kr"),
        ("Vesterhav Handel ApS", "Faktura nr. 7710 den 17.01.2026", "At betale i alt:      DKK 4.500,00"),
        ("Fjordlys Handel AS", "Faktura nr 7710 den 17.01.2026", "Å betale:      NOK 4 500,00"),
    ):
        text = f"{head}\n{title}\n{foot}\n"
        # WHEN extracted THEN the title's date is the invoice date
        assert _extract(text).invoice_date == date(2026, 1, 17), title


def test_six_digits_under_a_date_label_of_a_day_first_language_are_no_date() -> None:
    # GIVEN an English header whose "Date" column holds six digits (an order number, not a date)
    text = (
        "Harbour Supplies Ltd\n"
        "Date                  Invoice No.\n"
        "260211                HS-2231\n"
        "Total due:                                                        £1,250.00\n"
    )
    # WHEN extracted THEN no date is made of them
    assert _extract(text).invoice_date is None
