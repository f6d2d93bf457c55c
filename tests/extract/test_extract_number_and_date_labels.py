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


def test_a_phone_right_of_a_stacked_number_label_is_no_number() -> None:
    # GIVEN a number label over its value, a phone number far right on the label's line
    text = (
        "TAX INVOICE                   Invoice no:                            T (02) 0093 4813\n"
        "Example Buyer Pty Ltd\n"
        "                              TI-2025-672                            info@example.com.au\n"
    )
    # THEN the value under the label is the number, not the phone's area code
    assert _extract(text).invoice_number == "TI-2025-672"


def test_a_house_number_inside_an_address_is_no_number_label() -> None:
    text = (
        "Exemplu Construct S.R.L.                      Bd. Unirii nr. 62, bl. V44\n"
        "                                              Nr.:         ZNB0718\n"
        "                                              Data:        26.11.2024\n"
    )
    assert _extract(text).invoice_number == "ZNB0718"


def test_a_label_never_runs_across_a_column_gap() -> None:
    # GIVEN the title in one cell and "number invoice" in the next, the two words joined by a pattern
    text = "  FACTURĂ                                    Număr factură: HYG 0232942\n"
    assert _extract(text).invoice_number == "HYG 0232942"


def test_a_lone_number_heading_labels_the_value_under_it() -> None:
    text = "Voorbeeld Studio B.V.\nNUMMER\n2024-9458\nDatum  12-03-2024\n"
    assert _extract(text).invoice_number == "2024-9458"


def test_a_value_far_right_in_a_two_column_box_is_the_labels() -> None:
    text = (
        "Ejemplo S.L.                                   CUPS                                   846759936380\n"
        "Avenida de Europa, 92                          Nº                                          2025/1369\n"
    )
    assert _extract(text).invoice_number == "2025/1369"


def test_a_referenced_invoice_is_not_the_documents_number() -> None:
    text = (
        "Exemplu Impex S.R.L.\n"
        "                                 Număr                         F202519121\n"
        "                                 Referitor la factura          YYZ4405\n"
    )
    assert _extract(text).invoice_number == "F202519121"


def test_a_payment_reference_yields_to_the_invoice_number_label() -> None:
    text = (
        "Příklad s.r.o.\n"
        "                          Číslo faktury:    FV20241338\n"
        "Variabilní symbol: 20241338\n"
    )
    assert _extract(text).invoice_number == "FV20241338"


def test_credit_note_number_labels_read_the_number() -> None:
    for line, number in (
        ("Nota di credito n.     8520/A", "8520/A"),
        ("Credit Memo #          SI-35285", "SI-35285"),
        ("Nº factura rectificativa:     FV202578675", "FV202578675"),
    ):
        assert _extract(f"Esempio S.r.l.\n{line}\n").invoice_number == number


def test_the_invoice_word_inside_a_total_label_is_no_number_label() -> None:
    # GIVEN "Total da fatura" (the invoice's total) and a bare "Número" at a column gap
    text = (
        " Fatura de Serviços\n"
        "                                     Número                    FT 2026/3310\n"
        "                                     Data da fatura            13 de junho de 2026\n"
        "                                     Total da fatura           R$ 223.671,64\n"
    )
    assert _extract(text).invoice_number == "FT 2026/3310"


def test_a_mexican_folio_and_a_credit_notes_number_label() -> None:
    folio = " Folio                     2026-23007              Nº cliente     C69884\n"
    assert _extract(folio).invoice_number == "2026-23007"
    credit = " Nota de Crédito\n N.º nota de crédito     2026-26002\n Data de emissão   3 de maio de 2026\n"
    assert _extract(credit).invoice_number == "2026-26002"


def test_a_registry_folio_in_a_sentence_labels_no_number() -> None:
    # GIVEN a Spanish registry mention ("Tomo ..., Folio 651, Hoja ...") and the invoice's own number
    text = " N.º factura     118094\n R.M. Valencia, Tomo 21593, Folio 651, Hoja M-849091\n"
    assert _extract(text).invoice_number == "118094"


def test_our_reference_labels_the_number_of_a_page_with_no_other_number_label() -> None:
    # GIVEN a British invoice giving its number as the issuer's "Our ref."
    text = (
        "Hartwell Fixings Ltd · Mill Lane · LS1 4AB Leeds                  Our ref.:    HF/204/03/2026\n"
        "Brindle Joinery Limited                                           Issued:      9 March 2026\n"
        "VAT Invoice\n"
        "                                                   Total incl. VAT       GBP 1,250.00\n"
    )
    assert _extract(text).invoice_number == "HF/204/03/2026"
    # AND beside a number label, the number label wins ("Our reference" a bare label, weaker)
    both = "Invoice No.: 2026-0412\n" + text
    assert _extract(both).invoice_number == "2026-0412"
    bill = (
        "Westgate Borough Council\n"
        "                                      Bill number                 FB24/33071\n"
        "                                      Date of issue               03/09/2024\n"
        "                                      Our reference               52.118-2093\n"
        "                                      Total amount due            GBP 1,122.55\n"
    )
    assert _extract(bill).invoice_number == "FB24/33071"
