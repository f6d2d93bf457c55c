"""GIVEN a number labelled by a bare number word ("Nummer", "Reference", "Documento") in a label-value
pair or a row of column labels, or by a credit note's own number label WHEN the rules engine reads the
page THEN that value is the invoice number; a bare number word heading a table column is not, and a
row of column labels is never read as a sentence of instructions."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_bare_number_word_with_its_value_across_a_cell_gap_labels_the_number() -> None:
    text = (
        "Meerwind Techniek B.V.\n"
        "                                   Factuur\n"
        "                     Nummer                              VK-7731\n"
        "                     Datum                               3 maart 2025\n"
        "Totaal                                                   121,00 EUR\n"
    )
    assert _extract(text).invoice_number == "VK-7731"


def test_a_bare_number_word_heading_a_row_of_labels_reads_the_value_under_it() -> None:
    text = (
        "Ostsee Laborbedarf GmbH\n"
        "Nummer            Datum             Kundennr.          Leistungsdatum\n"
        "LB-90412          12.05.2025        88120              09.05.2025\n"
        "Gesamtbetrag                                         480,00 EUR\n"
    )
    assert _extract(text).invoice_number == "LB-90412"


def test_a_bare_number_word_heading_a_table_column_labels_no_invoice_number() -> None:
    text = (
        "Harbour Lane Stationers Ltd\n"
        "Date: 02/05/2025\n"
        "Number     Description            Quantity     Unit Price       Amount\n"
        "7          Envelopes C5               10           2.00          20.00\n"
    )
    assert _extract(text).invoice_number is None


def test_reference_heading_a_row_of_labels_is_the_number_not_an_instruction() -> None:
    # GIVEN a header row holding an instruction word ("reference") among other labels
    text = (
        "Copperfield Tools Inc.\n"
        "INVOICE\n"
        "  Reference          Issued              Due Date            Customer ID\n"
        "  31-5507            Apr 3, 2025         May 3, 2025         CU-118\n"
        "Total                                                        $ 99.00\n"
    )
    result = _extract(text)
    assert result.invoice_number == "31-5507"
    assert result.invoice_date == date(2025, 4, 3)


def test_a_supply_date_is_not_the_invoice_date() -> None:
    text = (
        "Copperfield Tools Inc.\n"
        "INVOICE\n"
        "Invoice No.:       CT-4410\n"
        "Date of Supply:    03/01/2025\n"
        "Issued:            03/04/2025\n"
        "Total                                     $ 50.00\n"
    )
    assert _extract(text).invoice_date == date(2025, 3, 4)


def test_documento_with_a_series_number_labels_the_number() -> None:
    text = (
        "Exemplo Papelaria Lda.\n"
        "                                       FATURA\n"
        "                                   Documento FT 2025/318\n"
        "                                   Data 2025-04-02\n"
        "Total                                          61,50 €\n"
    )
    assert _extract(text).invoice_number == "FT 2025/318"


def test_a_credit_notes_own_number_label_beats_the_corrected_invoice() -> None:
    cases = {
        "Beispiel Metall GmbH\nGUTSCHRIFT\nKorrektur-Nr.: GS-2207\nzu Rechnung RE-1180\n": "GS-2207",
        "Exemple Bureautique SARL\nAvoir\nN° d'avoir AV88120\nFacture d'origine FA-77102\n": "AV88120",
        "Sample Parts Ltd\nCredit Memo\nCredit No.: CM-0042\nRe Invoice: IN-0907\n": "CM-0042",
    }
    for text, number in cases.items():
        assert _extract(text).invoice_number == number, text


def test_no_with_one_space_before_an_id_closing_its_cell_labels_the_number() -> None:
    # GIVEN "No. TX-5521" (one space, the id closing its cell) far across from a title; WHEN read THEN it is the
    # invoice number, but "No." inside an address or before words is no number label
    text = (
        "Thornbury Glassworks Ltd\n"
        "Invoice" + " " * 100 + "No. TX-5521\n"
        "Unit No. 4 Riverside Estate\n"
        "Date: 02.06.2025\n"
        "Total                                                      GBP 96.00\n"
    )
    assert _extract(text).invoice_number == "TX-5521"
    assert _extract(text.replace("No. TX-5521", "No. of parcels")).invoice_number != "4"
