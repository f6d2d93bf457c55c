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
