"""A sole trader's letterhead: an occupation line under the name is what the sender does, not its name,
and an owner's label ("Inh.", "Innehavare:", "di") is no part of the owner's name."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules import parties
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import occupation_line, without_owner_label


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


@pytest.mark.parametrize(
    ("name", "occupation"),
    [
        ("Miguel Carvalho", "Fotógrafo"),
        ("Anna Berger", "Steuerberaterin"),
        ("Tom Walsh", "Freelance copywriter"),
        ("Claire Martin", "Traductrice"),
    ],
)
def test_the_occupation_under_a_name_set_alike_is_not_the_seller(name: str, occupation: str) -> None:
    text = (
        f"{name}\n{occupation}\nRua Augusta 14\n1100-053 Lisboa\n\n"
        "Para: Alvorada Construções Lda.\nAv. da Liberdade 40\n1250-145 Lisboa\n\n"
        "Fatura n.º 2024/17     Data: 12/04/2024\n\nServiço       250,00\nTotal   250,00 €\n"
    )
    assert extract_rules(_doc(text)).vendor.name == name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fotógrafo", True),
        ("Eletricista certificado", True),
        ("Frilansande översättare (SV/EN)", True),
        ("Fotografie Bakker", False),  # a trade name
        ("BISTRO & CAFE", False),
        ("Landscape Photography & Prints", False),
    ],
)
def test_occupation_line(line: str, expected: bool) -> None:
    assert occupation_line(line) is expected


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("Inh. Dr. Katrin Weidemann", "Dr. Katrin Weidemann"),
        ("Innehavare: Erik Lundin", "Erik Lundin"),
        ("di Rossi Marco & C. s.a.s.", "Rossi Marco & C. s.a.s."),
        ("Di Marco Costruzioni", "Di Marco Costruzioni"),  # a surname
        ("Owner Tech Ltd", "Owner Tech Ltd"),  # no label: no colon
    ],
)
def test_without_owner_label(name: str, owner: str) -> None:
    assert without_owner_label(name) == owner


@pytest.mark.parametrize(
    ("trade_name", "occupation", "owner"),
    [
        ("Kanzlei Brandt", "Steuerberaterin", "Jana Brandt"),
        ("Studio Verhoef", "Fotograaf", "Ilse Verhoef"),
        ("Atelier Moreau", "Traductrice", "Claire Moreau"),
    ],
)
def test_an_occupation_between_a_trade_name_and_its_owner_does_not_head_the_senders_block(
    trade_name: str, occupation: str, owner: str
) -> None:
    # GIVEN a letterhead: trade name, occupation, owner's name, address, phone and VAT id in one column;
    # WHEN read THEN the block that prints the VAT id is headed by the trade name, not the occupation line
    text = (
        f"{trade_name}\n{occupation}\n{owner}\nLindenweg 12\n50667 Köln\nTel. 0221 4455 6677\n"
        "USt-IdNr. DE123456789\n"
        "Nordwind Logistik GmbH\nHafenstraße 3\n20457 Hamburg\n\n"
        "Rechnung Nr. 2024-31     Datum: 12.04.2024\n\nBeratung       250,00\nGesamt   250,00 EUR\n"
    )
    assert extract_rules(_doc(text)).vendor.name == trade_name


@pytest.mark.parametrize(
    ("trade_name", "owner_line", "owner_rest"),
    [
        ("CONSULTORIA SOUSA", "Empresário em nome individual: Rita", "Sousa"),
        ("GARTENBAU WILD", "Inh. Jonas", "Wild"),
    ],
)
def test_the_rest_of_an_owners_name_run_on_under_its_line_heads_no_block(
    trade_name: str, owner_line: str, owner_rest: str
) -> None:
    # GIVEN a trade name over an owner's line whose name runs on to the next line, the address under it;
    # WHEN read THEN the run-on surname is part of the owner's line, not the name heading the address
    text = (
        f"FATURA                                                     N.º: 260016\n\n"
        f"{trade_name:<54}Faturar a:\n"
        f"{owner_line:<54}Rui Pinheiro\n"
        f"{owner_rest:<54}Rua das Flores, 88\n"
        f"{'Rua do Sol, 71':<54}3000-456 Coimbra\n"
        "8000-210 Faro\n\n"
        "Data de emissão:       07/10/2026\n"
        "Descrição                 Qtd.       Preço unit.        Valor\n"
        "Consultoria               1          900,00 €           900,00 €\n"
        "                                     Total              900,00 €\n"
    )
    assert extract_rules(_doc(text)).vendor.name == trade_name


def test_the_owners_name_under_a_trade_name_and_its_occupation_is_no_part_of_the_address() -> None:
    # GIVEN trade name, occupation, owner, street, town in one column; WHEN read THEN the address is the
    # street and the town (the owner's name under the occupation is no part of it)
    text = (
        "Atelier Brandt\nFotografin\nJana Brandt\nLindenweg 12\n50667 Köln\nTel. 0221 4455 6677\n"
        "USt-IdNr. DE123456789\n\n"
        "Nordwind Logistik GmbH\nHafenstraße 3\n20457 Hamburg\n\n"
        "Rechnung Nr. 2024-31     Datum: 12.04.2024\n\nFotoshooting       250,00\nGesamt   250,00 EUR\n"
    )
    result = extract_rules(_doc(text))
    assert (result.vendor.name, result.vendor.address) == ("Atelier Brandt", "Lindenweg 12, 50667 Köln")


@pytest.mark.parametrize("caption", ["Verkäufer:\n", "Verkäufer\nName:              "])
def test_a_line_a_sellers_label_names_is_its_name_even_when_it_reads_as_an_occupation(caption: str) -> None:
    # GIVEN an e-invoice's printed view: the seller's caption (or its "Name:" field) over a line that is
    # an occupation, the contact person under it; WHEN read THEN the labelled line is the seller's name
    text = (
        f"Rechnung Nr. R-31 vom 03.10.2024\n\n{caption}Fotografin\nJana Brandt\nLindenweg 12\n50667 Köln\n"
        "Telefon: 0221 4455 6677\nUSt-IdNr.: DE123456789\n\n"
        "Käufer:\nNordwind Logistik GmbH\nHafenstraße 3\n20457 Hamburg\n\n"
        "Fotoshooting       250,00\nGesamt   250,00 EUR\n"
    )
    assert extract_rules(_doc(text)).vendor.name == "Fotografin"


def test_an_owner_labelled_titular_in_the_letterhead_is_no_account_holder() -> None:
    # GIVEN a letterhead's "Titular: <owner>" (an owner's label that also labels an account's holder in
    # Spanish) with no bank details near; WHEN the account holder is looked for THEN none is read there
    text = (
        "Ebanistería Ortega\nTitular: Lucía Ortega\nPlaza Mayor 16 · 50001 Zaragoza\n\n"
        "Cliente:\nGestión Río Claro SL\nCalle del Carmen 18\n50001 Zaragoza\n\n"
        "Nº factura:              R2025007\nFecha:     14/02/2025\n"
    )
    assert parties._account_holder_names(document_lines(_doc(text))) == []


def test_a_titular_by_the_bank_details_is_still_the_accounts_holder() -> None:
    holder = parties._account_holder_names(
        [
            line
            for line in document_lines(
                _doc("Datos bancarios\nTitular: Ebanistería Ortega SL\nIBAN: ES91 2100 0418 4502 0005 1332\n")
            )
        ]
    )
    assert holder and holder[0][1] == "Ebanistería Ortega SL"
