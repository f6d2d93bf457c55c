"""A couple's form of address opening the buyer's name ("Mr and Mrs", "Herrn und Frau", "M. et Mme"): both
forms and the word joining them are no part of the name; nor is the Spanish "D." (Don) before a first name
and a surname ("D. Elena Ortega"), an initial before a surname alone staying ("D. Smith"). Texts of our
own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import without_salutation


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Mr and Mrs Mark Coulson", "Mark Coulson"),
        ("Mr & Mrs Mark Coulson", "Mark Coulson"),
        ("Herrn und Frau Anna Weber", "Anna Weber"),
        ("M. et Mme Claire Dupont", "Claire Dupont"),
    ],
)
def test_a_couples_form_of_address_is_no_part_of_the_name(printed: str, name: str) -> None:
    assert without_salutation(printed) == name


def test_a_name_joined_by_and_after_a_form_keeps_its_words() -> None:
    assert without_salutation("Mr Anderson and Sons") == "Anderson and Sons"


def test_the_buyer_addressed_as_a_couple() -> None:
    text = (
        "Fern Hollow Gardens\n14 Mill Lane\nLeeds LS6 2QT\n\n"
        "Invoice to:\nMr and Mrs Mark Coulson\n22 Heworth Green\nYork YO31 7BX\n\n"
        "Invoice No.   2025/118\nDate:   12/03/2025\n\n"
        "Hedge cutting                         1       400.00        400.00\n\n"
        "                         Total due                      400.00\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.buyer is not None and result.buyer.name == "Mark Coulson"


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("D. Elena Ortega", "Elena Ortega"),  # Spanish "D." (Don) before a first name and a surname
        ("D. Juan Pérez García", "Juan Pérez García"),
        ("D. Smith", "D. Smith"),  # an initial before a surname stays
        ("D. J. Smith", "D. J. Smith"),
    ],
)
def test_a_spanish_don_before_a_full_name_is_a_form_of_address(printed: str, name: str) -> None:
    assert without_salutation(printed) == name
