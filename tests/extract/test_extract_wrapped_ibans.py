"""GIVEN an IBAN that a narrow footer column or a wrapped footer paragraph breaks over two lines WHEN
IBANs are read THEN it is read whole where the joined groups pass the checksum, and never joined with
digits that do not complete it."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import find_ibans


def _parsed(*pages: str) -> ParsedDocument:
    return ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=t) for n, t in enumerate(pages, 1)]
    )


def _lines(*pages: str) -> list[Line]:
    return document_lines(_parsed(*pages))


COLUMNS = (
    "Northwind Tools GmbH        Tel. +49 30 1234567        Musterbank AG                  Amtsgericht Berlin\n"
    "Hauptstraße 5               info@northwind.example     IBAN DE89 3704 0044 0532 0130  USt-IdNr. DE136695976\n"
    "10115 Berlin                www.northwind.example      00                             Geschäftsführer: A. Roth\n"
    "                                                       BIC COBADEFFXXX\n"
)


def test_an_iban_wrapped_in_a_footer_column_is_read_whole() -> None:
    # GIVEN a three-column footer whose bank column is too narrow for the IBAN's last group
    # WHEN IBANs are read
    found = find_ibans(_lines(COLUMNS))
    # THEN the IBAN is read whole, its printed text the part on the labelled line
    assert [f.value for f in found] == ["DE89370400440532013000"]
    assert found[0].text == "DE89 3704 0044 0532 0130"


def test_a_wrapped_iban_continued_a_little_left_of_its_cell_is_read() -> None:
    # GIVEN the continuation's cell set a few characters left of the IBAN's cell (a longer neighbour
    # on the IBAN's line pushed its cell right)
    text = (
        "Rossi S.r.l.       PEC: amministrazione@rossi-srl.example    IBAN GB29 NWBK 6016 1331  P.IVA\n"
        "Via Roma 1         www.rossi.example                       9268 19                 Milano\n"
    )
    # WHEN IBANs are read THEN the groups under the cell complete it
    assert [f.value for f in find_ibans(_lines(text))] == ["GB29NWBK60161331926819"]


def test_an_iban_wrapped_at_the_end_of_a_footer_paragraph_is_read() -> None:
    # GIVEN a one-paragraph footer that wraps inside the IBAN
    text = (
        "Example Trading SARL · 12 rue de la Paix · 75002 Paris · Banque Exemple · IBAN FR14 2004 1010\n"
        "0505 0001 3M02 606 · BIC BNPAFRPP · RCS Paris B 123 456 789\n"
    )
    # WHEN IBANs are read THEN the next line's opening groups complete it
    assert [f.value for f in find_ibans(_lines(text))] == ["FR1420041010050500013M02606"]


def test_digits_that_do_not_complete_the_checksum_are_not_joined() -> None:
    # GIVEN an IBAN's start at a line's end and a phone number opening the next line
    text = "Bank: Musterbank · IBAN DE89 3704 0044 0532\n0130 99 · Tel. 030 1234567\n"
    # WHEN IBANs are read THEN no IBAN is made up from them
    assert find_ibans(_lines(text)) == []


def test_an_iban_is_not_continued_on_the_next_page() -> None:
    # GIVEN the IBAN's start last on page 1 and its last group first on page 2
    found = find_ibans(_lines("IBAN DE89 3704 0044 0532 0130\n", "00 · page 2\n"))
    # THEN nothing is joined across the page break
    assert found == []


def test_the_engine_reads_the_wrapped_iban_as_the_vendors() -> None:
    # GIVEN an invoice whose footer wraps the vendor's IBAN
    text = (
        "Northwind Tools GmbH\n"
        "Rechnung Nr. 2026-101            Datum: 03.11.2026\n"
        "Gesamtbetrag EUR 119,00\n\n" + COLUMNS
    )
    # WHEN the rules read it
    result = extract_rules(_parsed(text))
    # THEN the IBAN is the whole one, labelled, with full confidence
    assert result.vendor.iban == "DE89370400440532013000"
    assert result.fields["vendor.iban"].confidence >= 0.9


def test_a_continuation_that_breaks_the_groups_of_four_is_not_joined() -> None:
    # GIVEN an IBAN's start printed in groups of four and a next line whose groups are not ("013 000 ..."):
    # whatever the checksum of such a join, it is no IBAN's printed tail
    text = "Bank: Musterbank · IBAN DE89 3704 0044 0532\n013 000 · Tel. 030 1234567\n"
    assert find_ibans(_lines(text)) == []
