"""GIVEN the ways online services, letter writers and sole traders name themselves outside a letterhead
(a receipt's title naming the issuer, the payee of cheques, a bank holder named inside a sentence)
WHEN the vendor is chosen THEN the seller's name is read without the words around it."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import (
    buyer_zone,
    choose_vendor_name,
    without_issuer_opening,
    without_trailing_prose,
)


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _vendor(text: str) -> str | None:
    lines = _lines(text)
    return choose_vendor_name(lines, set(), buyer_zone(lines))[0]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Receipt from Quillmark Studio, Inc.", "Quillmark Studio, Inc."),
        ("Your invoice from Ostara Cloud Ltd", "Ostara Cloud Ltd"),
        ("Rechnung von Feldkamp Digital GmbH", "Feldkamp Digital GmbH"),
        ("Kvitto från Norrsken Media AB", "Norrsken Media AB"),
        ("Factuur van 2Brothers Webdesign", "2Brothers Webdesign"),
        # the Iberian receipt's title ("Recibo de" + the issuer); "Recibo de pagamento" names no one
        ("Recibo de Serra Azul Software Lda.", "Serra Azul Software Lda."),
        ("Recibo de Nubes Claras S.L.", "Nubes Claras S.L."),
        ("Recibo de pagamento", "Recibo de pagamento"),
        # a title naming no one: a date, a word in lower case, the title alone
        ("Rechnung vom 12. März", "Rechnung vom 12. März"),
        ("Invoice from our partner", "Invoice from our partner"),
        ("Invoice", "Invoice"),
    ],
)
def test_a_title_naming_its_issuer_gives_the_name_after_it(title: str, name: str) -> None:
    assert without_issuer_opening(title) == name


def test_an_online_receipt_names_the_seller_in_its_title() -> None:
    # GIVEN a billing service's receipt: its title names the seller, nothing else on the page does
    page = (
        "Receipt from Quillmark Studio, Inc.\n"
        "$18.00\n"
        "Paid April 2, 2025\n"
        "Receipt number      2231-0918\n"
        "Payment method      Mastercard - 4417\n"
        "Starter plan                        $18.00\n"
        "Total                               $18.00\n"
    )
    # WHEN the vendor is chosen THEN it is the name without the title's words
    assert _vendor(page) == "Quillmark Studio, Inc."


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Stadt Elmshorn unter Angabe der Rechnungsnummer.", "Stadt Elmshorn"),
        ("Westmoor Parish Council quoting the invoice number", "Westmoor Parish Council"),
        # particles inside a name, a legal form in lower case, one word in lower case: all stay
        ("Bureau voor de Statistiek", "Bureau voor de Statistiek"),
        ("Zakład Stolarski Nowak sp. z o.o.", "Zakład Stolarski Nowak sp. z o.o."),
        ("Kleingartenverein Süd e.V.", "Kleingartenverein Süd e.V."),
        ("Hallam Lettings please", "Hallam Lettings"),
        ("all in lower case words", "all in lower case words"),
    ],
)
def test_a_name_read_from_a_sentence_ends_where_the_sentence_goes_on(read: str, name: str) -> None:
    assert without_trailing_prose(read) == name


def test_the_account_holder_named_inside_a_sentence_is_cut_from_it() -> None:
    # GIVEN a council's bill whose head prints nothing but a department, and whose payment sentence
    # names the council as the account's holder in running text
    page = (
        "Afdeling Belastingen\n"
        "Aanslagnummer     7712 0045\n"
        "Omschrijving                     Bedrag\n"
        "Marktgeld standplaats 2025       186,00\n"
        "Totaal                           186,00\n"
        "Maak het bedrag over op NL44 BNGH 0285 0011 22 ten name van Gemeente Westerzand onder vermelding "
        "van het aanslagnummer.\n"
    )
    # WHEN the vendor is chosen THEN the holder's name stops where the sentence goes on
    assert _vendor(page) == "Gemeente Westerzand"


@pytest.mark.parametrize(
    "payment",
    [
        "Please make cheques payable to Greystone Carpentry",
        "Paiement par chèque à l'ordre de Greystone Carpentry",
    ],
)
def test_the_payee_of_cheques_is_the_seller(payment: str) -> None:
    # GIVEN a hand-made invoice that names its writer only as whom cheques are payable to
    page = (
        "INVOICE\n"
        "Invoice no: 0412\n"
        "Bill to:\n"
        "Mr Owen Price\n"
        "4 Mill Lane\n"
        "Kendal LA9 4QT\n"
        "Staircase, oak, fitted                 £2,300.00\n"
        "Total                                  £2,300.00\n"
        f"{payment}\n"
    )
    # WHEN the vendor is chosen THEN it is the payee
    assert _vendor(page) == "Greystone Carpentry"


@pytest.mark.parametrize("name", ["Global Wire Ltd", "Northern Transfer Services", "Send & Wire Co"])
def test_a_name_holding_an_instruction_word_is_left_whole(name: str) -> None:
    # GIVEN names that hold a pack's instruction word as one of their own words (capitalised, with
    # its legal form after it) WHEN read as a holder's name THEN nothing is cut
    assert without_trailing_prose(name) == name
