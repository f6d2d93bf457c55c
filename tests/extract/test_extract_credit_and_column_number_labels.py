"""GIVEN invoices and credit notes whose number labels stand in rows of field labels WHEN the number is
read THEN a label in the next cell is read whole, the original invoice's reference is never the
number, and credit-note number labels of several languages are read."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import find_labels


def _number(text: str) -> str | None:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(parsed).invoice_number


def test_a_label_that_opens_the_next_cell_is_read_whole() -> None:
    # GIVEN "factura" ending one cell and "Número de factura" opening the next (the first label's
    # optional "número" must not swallow the second's first word)
    line = " Fecha factura              Número de factura         Código cliente"
    # WHEN labels are found THEN the second cell's label is whole
    assert [(hit.text.strip(), hit.start) for hit in find_labels("invoice_number", line)][-1] == (
        "Número de factura",
        28,
    )


def test_the_number_under_a_label_after_another_fields_label_is_read() -> None:
    text = (
        "Suministros Norte S.L.\n"
        " Fecha factura              Número de factura         Código cliente\n"
        " 12/03/2026                 B-55120                   C-7781\n"
        "                                          Total factura:         1.250,00 EUR\n"
    )
    assert _number(text) == "B-55120"


def test_the_original_invoices_reference_is_not_the_number() -> None:
    # GIVEN a corrective invoice whose row of fields ends with "Réf. facture initiale"
    text = (
        "Atelier Meuse SPRL\n"
        " Facture n°              Date                     Réf. facture initiale\n"
        " AV-2026-114             4 mars 2026              F-2025-9981\n"
        "Facture corrective\n"
    )
    # THEN the number is the document's own
    assert _number(text) == "AV-2026-114"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (" Číslo dobropisu        Vystaveno\n 118/2026               3. března 2026\n", "118/2026"),
        (
            " Memo No.          Date          Against Invoice\n CM-0042           03/04/26      2026-117\n",
            "CM-0042",
        ),
        ("CREDIT NOTE CN-2026-0042 dated 04-Mar-26\nOriginal Invoice: INV-2026-117\n", "CN-2026-0042"),
        ("zu Rechnung Nr.:       2026117\nBeleg-Nr. GS/042/03/2026 vom 04.03.2026\n", "GS/042/03/2026"),
    ],
)
def test_credit_note_number_labels(text: str, number: str) -> None:
    # GIVEN credit notes in Czech, US and British English and German, each naming the invoice it corrects
    # WHEN the number is read THEN it is the credit note's, never the corrected invoice's
    assert _number(text) == number


def test_a_statute_in_the_cell_before_is_no_reason_to_skip_a_label() -> None:
    # GIVEN an Italian header row whose cell "Art. 73" stands left of the "Nota di credito n." cell
    text = (
        " Tipologia documento        Art. 73         Nota di credito n.        del\n"
        " TD04 nota di credito                       0415/2026                 11 aprile 2026\n"
        " Fattura di riferimento\n"
        " FPR 12/26\n"
    )
    # WHEN the number is read THEN it is the credit note's (no paragraph of a law precedes its label)
    assert _number(text) == "0415/2026"


def test_a_statute_paragraph_before_a_number_word_in_one_cell_is_no_label() -> None:
    # GIVEN "Art. 73 Nr. 3" in a sentence, and the invoice's own labelled number
    text = "Rechnungsnummer: 2026-0042\nSteuerfrei gemäß Art. 73 Nr. 3 MWSTG\n"
    assert _number(text) == "2026-0042"


def test_an_abbreviated_german_number_label() -> None:
    assert _number("Faktura\nRe.-Nr.                      R2604411\nDatum: 03.03.2026\n") == "R2604411"
