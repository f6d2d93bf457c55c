"""The buyer's name under its label: a label word inside a name is no field, a street or a town is no
name, an inline "To:" heads the buyer, and a label that heads only an address names nobody."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _invoice(block: str) -> str:
    head = "Atelier Nord SARL\n5 avenue Foch\n75008 Paris\n\nFACTURE  N° 7781   Date : 03/05/2024\n\n"
    return head + block + "\n\nTotal TTC   124,00 EUR\n"


@pytest.mark.parametrize(
    "name", ["Café du Commerce", "Le Petit Bistro SARL", "Total Énergies Services", "Hôtel de la Gare"]
)
def test_a_label_word_inside_the_buyers_name_is_no_field(name: str) -> None:
    # GIVEN a buyer whose name holds a word some pack uses as a label ("du", "le", "total")
    text = _invoice(f"Client :\n{name}\n12 rue Neuve\n75011 Paris")
    # THEN the name is read, not the street under it
    assert extract_rules(_doc(text)).buyer.name == name


@pytest.mark.parametrize("field", ["Date : 03/05/2024", "Invoice date 03/05/2024", "Commande n° 4711"])
def test_a_field_under_the_buyer_label_gives_no_street_as_the_name(field: str) -> None:
    # GIVEN a field's line where the buyer's name would be, the street under it
    text = _invoice(f"Client :\n{field}\n12 rue Neuve\n75011 Paris")
    # THEN no buyer is read rather than the street
    assert extract_rules(_doc(text)).buyer.name is None


def test_an_inline_to_label_heads_the_buyer() -> None:
    # GIVEN "To: <name>" beside the invoice's facts (one space after the colon)
    text = (
        "Anna Kowalski\nFlat 3, 27 Gloucester Road\nBristol BS7 8AB\n\nINVOICE\n\n"
        "To: Meridian Legal LLP                     Invoice no.: AK-2024-031\n"
        "    5 Temple Quay                          Date: 30 September 2024\n\n"
        "Translation, 4,250 words                          £382.50\nTOTAL DUE                 £382.50\n"
    )
    result = extract_rules(_doc(text))
    # THEN the buyer is the name after "To:", and it is never the seller
    assert result.buyer.name == "Meridian Legal LLP"
    assert result.vendor.name != "To: Meridian Legal LLP"


def test_a_label_heading_only_an_address_leaves_the_window_to_name_the_buyer() -> None:
    # GIVEN a German letter: the window names the buyer; a delivery label prints only an address
    text = (
        "Holzbau Krämer GmbH · Talweg 4 · 34117 Kassel\nMarta Schulz\nAm Markt 9\n34117 Kassel\n\n"
        "Rechnung Nr. 2024-118        Datum: 03.05.2024\n\n"
        "                                Lieferadresse: Am Markt 9, 34117 Kassel\n"
        "                                Zähler        Alt        Neu\n\n"
        "Dachlatten     40     124,00\nGesamtbetrag          124,00 €\n"
    )
    assert extract_rules(_doc(text)).buyer.name == "Marta Schulz"


def test_the_payee_of_a_payment_slip_is_no_buyer() -> None:
    # GIVEN an invoice ending with a payment advice whose "To:" names the payee (the seller)
    text = (
        "TAX INVOICE                          Invoice Number 50791\nWhite Supply Pty Ltd\n"
        "Level 4, 12 Hay Street\nPerth WA 6000\n\nLabour     17.5    58.00     1,015.00\n"
        "Amount Payable          1,116.50\n\nPAYMENT ADVICE\n"
        "To: Taylor Roofing Pty. Ltd.            Amount due   1,116.50\n"
    )
    assert extract_rules(_doc(text)).buyer.name != "Taylor Roofing Pty. Ltd."


@pytest.mark.parametrize(
    ("attention", "language_line"),
    [
        ("T.a.v. Sanne Peeters", "Factuurnummer: 2024-019    Datum: 05-03-2024"),
        ("z. Hd. Frau Weber", "Rechnungsnummer: 2024-019    Datum: 05.03.2024"),
        ("Attn: Accounts Payable", "Invoice no.: 2024-019    Date: 05/03/2024"),
    ],
)
def test_an_attention_line_marks_the_recipients_block(attention: str, language_line: str) -> None:
    # GIVEN a seller without a legal form set at the right, and a recipient company with one on the
    # left, an attention line under it
    text = (
        "                                                          Fotografie Jansen\n"
        "                                                          Molenweg 7\n"
        "                                                          6411 AB Heerlen\n\n"
        f"Marketingbureau Zuid B.V.\n{attention}\nStationsplein 12\n6211 BM Maastricht\n\n"
        f"{language_line}\n\nProductfotografie        450,00\nTotaal          € 450,00\n"
    )
    result = extract_rules(_doc(text))
    # THEN the company over the attention line is the buyer, never the seller
    assert result.buyer.name == "Marketingbureau Zuid B.V."
    assert result.vendor.name == "Fotografie Jansen"


@pytest.mark.parametrize("contact", ["Att.: Carlos Herrero", "Kontaktní osoba: Jana Nováková"])
def test_a_contact_person_under_the_buyer_label_is_not_the_buyer(contact: str) -> None:
    text = _invoice(f"Client :\n{contact}\nOlivar Gestión SL\nCalle Mayor 4\n28013 Madrid")
    assert extract_rules(_doc(text)).buyer.name == "Olivar Gestión SL"


def test_a_header_line_running_the_senders_name_and_address_on_names_the_seller() -> None:
    # GIVEN an ERP's report: a header line with the company's name and address run on, the name again
    # alone, and the customer's unlabelled address block beside it
    text = (
        "                        Harrow Tools Ltd 27 High Street BRISTOL BS1 5TR UNITED KINGDOM\n"
        "Harrow Tools Ltd\n"
        "                                                      Highland Logistics PLC\n"
        "                                                      12 Church Lane\n"
        "                                                      BRISTOL\n"
        "                                                      BS1 5TR\n"
        "                            Invoice No: 2025.001\n"
        "Date: 03/15/2025\n\n"
        "Safety gloves size 9                       3.0    £801.00     £2,403.00\n"
        "                                         Total:       £2,403.00\n"
    )
    assert extract_rules(_doc(text)).vendor.name == "Harrow Tools Ltd"
