"""GIVEN number and date labels in the places layouts put them WHEN the rules engine reads the page
THEN a label belongs to its own field only: a number word inside a date label, a table's position
column, a label inside a sentence and a value opening with its own label are not the invoice number's,
and an invoice-date word inside a sentence labels nothing."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_the_invoice_word_inside_a_date_label_is_no_number_label() -> None:
    # GIVEN a header row whose date label holds the invoice word, values under each label
    text = (
        "Ejemplo Servicios S.L.\n"
        " Número de factura             Fecha de factura              Cliente nº\n"
        " 8382462                       22 de agosto de 2024          C-2201\n"
        "Total a pagar 100,00 €\n"
    )
    result = _extract(text)
    assert result.invoice_number == "8382462"
    assert result.invoice_date == date(2024, 8, 22)


def test_a_position_column_heading_is_no_number_label() -> None:
    text = (
        "Voorbeeld Techniek B.V.\n"
        "Nummer:                F2024/6493\n"
        "FACTUUR\n"
        " Nr.    Artikelcode      Omschrijving        Aantal    Stukprijs      Totaal\n"
        " 1      SZ-12            Spanner                  2        10,00       20,00\n"
    )
    assert _extract(text).invoice_number == "F2024/6493"


def test_a_number_label_inside_a_sentence_reads_nothing() -> None:
    text = (
        "Muster Werkzeug GmbH\n"
        " Rechnungs-Nr.                Datum\n"
        " FA-42768/25                  19.06.25\n"
        "Bitte geben Sie bei Zahlung die Rechnungsnummer an.\n"
        "Tel.: +49 7361 55210\n"
    )
    assert _extract(text).invoice_number == "FA-42768/25"


def test_a_date_word_inside_an_instruction_is_no_invoice_date_label() -> None:
    text = (
        "Exemple SARL\n"
        "Date:                  06/02/2024\n"
        "Veuillez verser le montant de 2.056,25 € au plus tard le 06/04/2024 sur le compte indiqué.\n"
    )
    assert _extract(text).invoice_date == date(2024, 2, 6)


def test_a_title_line_with_the_number_and_date_gives_both() -> None:
    result = _extract("Exemplo Lda\nFactura RE 30423 del 14 de abril de 2023\nTotal 10,00 €\n")
    assert result.invoice_number == "RE 30423"
    assert result.invoice_date == date(2023, 4, 14)
